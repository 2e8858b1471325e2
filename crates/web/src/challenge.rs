//! The built-in challenges in the page (docs/spec/app.md `?challenge=`): opened by
//! the address or from the presets menu, their story shown over the goals, and
//! once every goal is met, "passed", said once. A challenge is like a lesson for
//! storage: while one is open the autosave is left alone.
//!
//! A challenge is open while the document is its diagram: its title is the
//! challenge's (in either language) and it carries goals.

use std::rc::Rc;

use yew::prelude::*;

use crate::effect::use_effect_with;

use crate::banner::Banner;
use crate::lang::{query_value, Lang, Localized, Text};
use topolab_editor::teach::challenges::{challenge, Challenge, CHALLENGES};
use topolab_editor::Action;
use topolab_engine::goals::CheckReport;
use topolab_engine::i18n::l;
use topolab_engine::Document;

const CHALLENGE: Localized = l("Challenge", "挑战");
const PASSED: Localized = l("Passed! Every goal is met.", "挑战成功！所有目标都已达成。");
const NOT_YET: Localized = l("Goals met so far:", "已达成的目标：");
pub const MENU: Localized = l("Challenges", "挑战");

/// The challenge whose diagram `doc` is, if any.
pub fn open_challenge(doc: &Document) -> Option<&'static Challenge> {
    let title = doc.title.as_deref()?;
    if doc.goals.is_empty() {
        return None;
    }
    CHALLENGES
        .iter()
        .find(|c| c.title.en == title || c.title.zh == title)
}

/// The menu's entries: one option a challenge, valued `challenge:<id>`.
pub fn menu_options(lang: Lang) -> Html {
    html! {
        <optgroup label={MENU.get(lang)}>
            { for CHALLENGES.iter().map(|c| html! {
                <option value={format!("challenge:{}", c.id)} title={c.story.get(lang)}>
                    { format!("{} · {}", c.title.get(lang), c.level.get(lang)) }
                </option>
            }) }
        </optgroup>
    }
}

/// The action opening the menu entry `value`, if it is a challenge's.
pub fn menu_action(value: &str, lang: Lang) -> Option<Action> {
    let c = challenge(value.strip_prefix("challenge:")?)?;
    Some(Action::Load(Rc::new(c.document(lang))))
}

/// Opens `?challenge=<id>` once the page has rendered; an unknown one is said
/// through `tell` and the page stays as it opened.
#[hook]
pub fn use_challenge_address(lang: Lang, dispatch: &Callback<Action>, tell: &Callback<Banner>) {
    let (dispatch, tell) = (dispatch.clone(), tell.clone());
    use_effect_with((), move |_| {
        let Some(id) = query_value("challenge") else {
            return;
        };
        match challenge(&id) {
            Some(c) => dispatch.emit(Action::Load(Rc::new(c.document(lang)))),
            None => tell.emit(Banner::says(Text::of(move |lang| match lang {
                Lang::En => format!("There is no challenge called {id:?}."),
                Lang::Zh => format!("没有名为 {id:?} 的挑战。"),
            }))),
        }
    });
}

/// The open challenge's story and progress, once the check is there; `None`
/// when no challenge is open. "Passed" is announced once a challenge: the
/// live region keeps saying it after a goal is lost and met again, so nothing
/// changes in it to be said twice.
#[hook]
pub fn use_challenge_view(
    doc: &Document,
    report: Option<&CheckReport>,
    lang: Lang,
) -> Option<Html> {
    let announced = use_mut_ref(|| None::<&'static str>);
    let c = open_challenge(doc)?;
    let passed = report.is_some_and(|r| r.met);
    if passed {
        *announced.borrow_mut() = Some(c.id);
    }
    let said = *announced.borrow() == Some(c.id);
    Some(challenge_view(c, report, passed, said, lang))
}

/// The challenge's title, level, story and how far it is.
fn challenge_view(
    c: &Challenge,
    report: Option<&CheckReport>,
    passed: bool,
    said: bool,
    lang: Lang,
) -> Html {
    let progress = report.filter(|_| !passed).map(|r| {
        let met = r.goals.iter().filter(|g| g.met).count();
        format!("{} {met}/{}", NOT_YET.get(lang), r.goals.len())
    });
    html! {
        <section class={classes!("challenge", passed.then_some("passed"))}
                 data-challenge={c.id} data-passed={passed.to_string()}>
            <p class="challenge-title">
                <span class="challenge-kind">{ CHALLENGE.get(lang) }{ " · " }{ c.level.get(lang) }</span>
                <strong>{ c.title.get(lang) }</strong>
            </p>
            <p class="challenge-story">{ c.story.get(lang) }</p>
            <p class="challenge-status" data-challenge-status="">
                if passed { { "✓ " }{ PASSED.get(lang) } } else { { progress.unwrap_or_default() } }
            </p>
            <p class="visually-hidden" role="status" data-challenge-said="">
                if said { { PASSED.get(lang) } }
            </p>
        </section>
    }
}
