//! The split dialog's choices: which capabilities move out, how the two
//! services talk, whether the new one gets its own database. Each choice is
//! a state of the dialog, set as the viewer changes it.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::super::lang::Lang;
use super::super::panel::capability_name;
use super::words;
use topolab_engine::split::SplitLink;

/// The three fieldsets, for a service called `label` holding `held`.
pub(super) fn choices(
    held: &[String],
    moving: &UseStateHandle<Vec<String>>,
    link: &UseStateHandle<SplitLink>,
    own_database: &UseStateHandle<bool>,
    label: &str,
    lang: Lang,
) -> Html {
    let on_own_database = {
        let own_database = own_database.clone();
        move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            own_database.set(input.checked());
        }
    };
    html! {
        <div class="split-choices">
            <fieldset>
                <legend>{ words::CAPABILITIES.get(lang) }</legend>
                { for held.iter().map(|c| capability_box(c, moving, lang)) }
            </fieldset>
            <fieldset>
                <legend>{ words::LINK.get(lang) }</legend>
                { for [SplitLink::Requires, SplitLink::Async, SplitLink::None]
                    .map(|kind| link_radio(kind, link, label, lang)) }
            </fieldset>
            <fieldset>
                <label class="split-option">
                    <input type="checkbox" data-split-own-database=""
                           checked={**own_database} onchange={on_own_database} />
                    <span>{ words::OWN_DATABASE.get(lang) }</span>
                </label>
                <p class="note split-meaning">{ words::shared_database(label, lang) }</p>
            </fieldset>
        </div>
    }
}

/// Capability `c`'s box: checked, it moves to the new service.
fn capability_box(c: &str, moving: &UseStateHandle<Vec<String>>, lang: Lang) -> Html {
    let onchange = {
        let (moving, c) = (moving.clone(), c.to_string());
        move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut next = (*moving).clone();
            next.retain(|m| *m != c);
            if input.checked() {
                next.push(c.clone());
            }
            moving.set(next);
        }
    };
    html! {
        <label class="split-option">
            <input type="checkbox" data-split-capability={c.to_string()}
                   checked={moving.iter().any(|m| m == c)} {onchange} />
            <span title={c.to_string()}>{ capability_name(c, lang) }</span>
        </label>
    }
}

/// The radio choosing `kind` of link between the two services.
fn link_radio(kind: SplitLink, link: &UseStateHandle<SplitLink>, label: &str, lang: Lang) -> Html {
    let (name, meaning) = words::link_choice(kind, label, lang);
    let key = match kind {
        SplitLink::Requires => "requires",
        SplitLink::Async => "async",
        SplitLink::None => "none",
    };
    let onchange = {
        let link = link.clone();
        move |_: Event| link.set(kind)
    };
    html! {
        <label class="split-option split-radio">
            <input type="radio" name="split-link" value={key} data-split-link={key}
                   checked={**link == kind} {onchange} />
            <span><strong>{ name }</strong><span class="split-meaning">{ meaning }</span></span>
        </label>
    }
}
