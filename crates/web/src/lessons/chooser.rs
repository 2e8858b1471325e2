//! The lesson chooser: a modal dialog listing the lessons of
//! [`topolab_editor::teach::LESSONS`], each with its title, summary and number of steps.
//!
//! Focus goes to the lesson open (else the first) when it opens; the arrow
//! keys, Home and End move between lessons, Enter or a digit opens one, Tab
//! stays inside; Escape, `L`, the close button or a click beside it close it,
//! and focus goes back where it was. Keys pressed inside it never reach the
//! diagram behind.

use topolab_engine::i18n::l;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::{focus_lost, Lessons};
use topolab_editor::teach::{Progress, LESSONS};
use topolab_engine::i18n::{Lang, Localized};

const TITLE: Localized = l("Lessons", "课程");
const INTRO: Localized = l(
    "Each lesson walks through a few steps, each on its own diagram with something to \
         try. Page Down and Page Up move between steps, as a presenter's clicker does.",
    "每节课分几步，每一步都有自己的示意图和一个动手操作。用 Page Down 和 Page Up \
         翻到下一步、上一步，翻页笔也一样能用。",
);
const CLOSE: Localized = l("Close", "关闭");
const CLOSE_TITLE: Localized = l("Close the list (Escape)", "关闭列表（Esc）");
const PROBLEM: Localized = l("This lesson could not be opened: ", "这节课打不开：");

fn steps(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("{n} steps"),
        Lang::Zh => format!("共 {n} 步"),
    }
}

/// The dialog's buttons in document order: Close, then the lessons.
fn buttons(dialog: &NodeRef) -> Vec<HtmlElement> {
    let Some(dialog) = dialog.cast::<Element>() else {
        return Vec::new();
    };
    let Ok(found) = dialog.query_selector_all("button") else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// The lesson buttons only.
fn choices(dialog: &NodeRef) -> Vec<HtmlElement> {
    buttons(dialog)
        .into_iter()
        .filter(|b| b.has_attribute("data-lesson-choice"))
        .collect()
}

/// Where focus is among `list`.
fn focused_in(list: &[HtmlElement]) -> Option<usize> {
    let active = gloo::utils::document().active_element()?;
    list.iter()
        .position(|b| *b.unchecked_ref::<Element>() == active)
}

/// The list of lessons, while it is open.
#[hook]
pub fn use_lesson_chooser(lessons: Lessons, lang: Lang) -> Html {
    let dialog = use_node_ref();
    let backdrop = use_node_ref();
    let open = lessons.chooser_open();
    let current = lessons.progress().map(|p| p.lesson_index());
    use_chooser_focus(open, current, &dialog);
    if !open {
        return html! {};
    }
    let choose = {
        let go = lessons.go.clone();
        move |index: usize| {
            if let Some(progress) = LESSONS.get(index).and_then(|l| Progress::start(l.id)) {
                go.emit(progress);
            }
        }
    };
    let close = {
        let chooser = lessons.chooser.clone();
        move |_: MouseEvent| chooser.emit(false)
    };
    let on_backdrop = {
        let (chooser, backdrop) = (lessons.chooser.clone(), backdrop.clone());
        move |e: MouseEvent| {
            let target = e.target_dyn_into::<Element>();
            if target.is_some() && target == backdrop.cast::<Element>() {
                chooser.emit(false);
            }
        }
    };
    let on_key = {
        let (chooser, dialog, choose) = (lessons.chooser.clone(), dialog.clone(), choose.clone());
        move |e: KeyboardEvent| on_chooser_key(&e, &dialog, &chooser, &choose)
    };
    let items = LESSONS.iter().enumerate().map(|(i, l)| {
        let choose = choose.clone();
        let onclick = move |_: MouseEvent| choose(i);
        let class = classes!("lesson-choice", (current == Some(i)).then_some("current"));
        html! {
            <li key={l.id}>
                <button type="button" {class} data-lesson-choice={l.id} {onclick}
                        aria-keyshortcuts={(i + 1).to_string()}>
                    <span class="lesson-choice-number" aria-hidden="true">{ i + 1 }</span>
                    <span class="lesson-choice-title">{ l.title.get(lang) }</span>
                    <span class="lesson-choice-summary">{ l.summary.get(lang) }</span>
                    <span class="lesson-choice-steps">{ steps(lang, l.steps.len()) }</span>
                </button>
            </li>
        }
    });
    html! {
        <div class="lesson-chooser-backdrop" ref={backdrop} onclick={on_backdrop}>
            <div class="lesson-chooser" role="dialog" aria-modal="true" ref={dialog}
                 aria-labelledby="lesson-chooser-title" aria-describedby="lesson-chooser-intro"
                 data-lesson-chooser="" onkeydown={on_key}>
                <div class="lesson-chooser-head">
                    <h2 id="lesson-chooser-title">{ TITLE.get(lang) }</h2>
                    <button type="button" class="lesson-chooser-close" data-lesson-chooser-close=""
                            title={CLOSE_TITLE.get(lang)} onclick={close}>{ CLOSE.get(lang) }</button>
                </div>
                <p class="lesson-chooser-intro" id="lesson-chooser-intro">{ INTRO.get(lang) }</p>
                if let Some(why) = lessons.problem() {
                    <p class="lesson-problem" role="alert">{ PROBLEM.get(lang) }{ why }</p>
                }
                <ol class="lesson-list">{ for items }</ol>
            </div>
        </div>
    }
}

/// Focus moves to the current lesson (else the first) when the chooser
/// opens, and back where it was when it closes.
#[hook]
fn use_chooser_focus(open: bool, current: Option<usize>, dialog: &NodeRef) {
    let dialog = dialog.clone();
    use_effect_with(open, move |&open| {
        let before = open
            .then(gloo::utils::document)
            .and_then(|d| d.active_element());
        if open {
            let list = choices(&dialog);
            if let Some(button) = list.get(current.unwrap_or(0)).or(list.first()) {
                let _ = button.focus();
            }
        }
        move || {
            // Back where it was, unless a chosen lesson has taken focus.
            if focus_lost() {
                if let Some(el) = before
                    .filter(|e| e.is_connected())
                    .and_then(|e| e.dyn_into::<HtmlElement>().ok())
                {
                    let _ = el.focus();
                }
            }
        }
    });
}

/// The chooser's keys: Escape and `L` close it, arrows, Home and End move
/// among the lessons, a digit opens that lesson, Tab stays inside.
fn on_chooser_key(
    e: &KeyboardEvent,
    dialog: &NodeRef,
    chooser: &Callback<bool>,
    choose: &dyn Fn(usize),
) {
    // A modal: the page's shortcuts stay asleep behind it.
    e.stop_propagation();
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return;
    }
    let key = e.key();
    let list = choices(dialog);
    let at = focused_in(&list);
    let target = match key.as_str() {
        "Escape" | "l" | "L" => {
            e.prevent_default();
            chooser.emit(false);
            return;
        }
        "ArrowDown" => Some(at.map_or(0, |i| (i + 1) % list.len().max(1))),
        "ArrowUp" => Some(at.map_or(0, |i| (i + list.len().max(1) - 1) % list.len().max(1))),
        "Home" => Some(0),
        "End" => Some(list.len().saturating_sub(1)),
        "Tab" => {
            wrap_tab(dialog, e);
            return;
        }
        digit => {
            if let Some(n) = digit.parse::<usize>().ok().filter(|n| *n >= 1) {
                e.prevent_default();
                choose(n - 1);
            }
            return;
        }
    };
    if let Some(button) = target.and_then(|i| list.get(i)) {
        e.prevent_default();
        let _ = button.focus();
    }
}

/// Focus stays in the dialog: from its last button to its first and back.
fn wrap_tab(dialog: &NodeRef, e: &KeyboardEvent) {
    let all = buttons(dialog);
    let (first, last) = (all.first(), all.last());
    let here = focused_in(&all);
    let wrap = match (e.shift_key(), here) {
        (false, Some(i)) if i + 1 == all.len() => first,
        (true, Some(0)) | (true, None) => last,
        (false, None) => first,
        _ => None,
    };
    if let Some(button) = wrap {
        e.prevent_default();
        let _ = button.focus();
    }
}
