//! The form of the selected link: its kind (empty for the kind its source
//! implies, with what that kind means) and deleting it.

use std::rc::Rc;

use yew::prelude::*;

use topolab_editor::Action;
use topolab_engine::{Document, LinkKind};

use super::super::lang::Lang;
use super::fields::Choice;
use super::sim_form::SimSettings;
use super::{hint, no_submit, text};
use topolab_engine::sim::SimTarget;

pub(super) fn link_form(
    doc: &Rc<Document>,
    from: &str,
    to: &str,
    dispatch: &Callback<Action>,
    lang: Lang,
) -> Html {
    let Some(index) = doc.links.iter().position(|l| l.from == from && l.to == to) else {
        return hint(lang);
    };
    let link = &doc.links[index];
    let default = doc
        .node(from)
        .map_or(LinkKind::Requires, |n| n.kind.default_link_kind());
    let effective = link.kind.unwrap_or(default);
    let mut options = vec![(AttrValue::from(""), text::default_link_kind(default, lang))];
    options.extend(
        LinkKind::ALL
            .into_iter()
            .map(|k| (AttrValue::from(k.as_str()), text::link_kind_option(k, lang))),
    );
    let on_kind = {
        let (from, to) = (from.to_string(), to.to_string());
        dispatch.reform(move |name: String| Action::SetLinkKind {
            from: from.clone(),
            to: to.clone(),
            kind: LinkKind::from_name(&name),
        })
    };
    let delete = {
        let (from, to) = (from.to_string(), to.to_string());
        dispatch.reform(move |_: MouseEvent| Action::DeleteLink {
            from: from.clone(),
            to: to.clone(),
        })
    };
    html! {
        <form class="inspector-form" data-inspector="link" onsubmit={no_submit()}>
            <p class="link-ends">
                { super::links::link_end(doc, from, dispatch, lang) }
                <span class="link-arrow" aria-hidden="true">{ " → " }</span>
                { super::links::link_end(doc, to, dispatch, lang) }
            </p>
            <div class="field-row">
                <label for="inspector-link-kind">{ text::LINK_KIND.get(lang) }</label>
                <Choice name="link-kind" id="inspector-link-kind"
                        value={AttrValue::from(link.kind.map_or("", LinkKind::as_str))}
                        options={Rc::new(options)} invalid={false}
                        described_by={Some(AttrValue::from("inspector-link-kind-hint"))}
                        onchange={on_kind} />
                <p class="field-hint" id="inspector-link-kind-hint">
                    { text::link_kind_meaning(effective, lang) }
                </p>
            </div>
            <SimSettings doc={doc.clone()} target={SimTarget::Link(index)}
                         dispatch={dispatch.clone()} />
            <div class="inspector-actions">
                <button type="button" class="danger" onclick={delete}>{ text::DELETE_LINK.get(lang) }</button>
            </div>
        </form>
    }
}
