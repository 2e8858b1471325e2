//! The guided lessons of [`topolab_editor::teach`] in the app: a chooser
//! (`L`, or the toolbar's Lessons button), and a panel docked above the
//! diagram with the step's text, its task, "do it for me", a done mark and
//! Next / Previous (Page Down / Page Up, as a presenter's clicker sends, or N / P;
//! the keys are the keymap's, heard in `keyboard.rs`).
//!
//! Every step opens its diagram as one [`Action::Load`], so it is undoable and
//! the view fits it; "do it for me" sends [`topolab_editor::teach::Task::action`]. While
//! a lesson is open the address carries `?lesson=<id>&step=<n>` (a teacher's
//! link opens there) and the autosave is left alone: the lesson's diagrams are
//! not the user's work (see `app.rs`).
//!
//! Code map: this file holds the state and the address; `chooser`
//! the dialog listing the lessons; `panel` the docked panel.

mod chooser;
mod panel;

use std::rc::Rc;
use topolab_engine::i18n::l;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::effect::use_effect_with;

pub use chooser::use_lesson_chooser;
pub use panel::LessonPanel;

use super::lang::{query_value, Lang, Localized};
use topolab_editor::teach::{Progress, LESSONS};
use topolab_editor::Action;
use topolab_engine::presets::labels::localize_labels;
use topolab_engine::presets::PRESETS;
use topolab_engine::Document;

/// What the lessons' part of the page shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LessonsState {
    /// The lesson open and its step; `None` when no lesson is open.
    progress: Option<Progress>,
    /// Whether the chooser is open.
    chooser: bool,
    /// Counts the steps opened: focus moves into the panel on each.
    visit: u64,
    /// Why the last step asked for could not be opened.
    problem: Option<String>,
}

/// What changes [`LessonsState`].
pub enum LessonsAction {
    /// Show this step (its diagram is already on its way to the editor).
    Open(Progress),
    /// Leave the lesson; the diagram stays.
    Close,
    /// Open or close the chooser.
    Chooser(bool),
    /// The task of the step on screen is done.
    MarkDone,
    /// A step could not be opened, for this reason.
    Problem(String),
}

impl Reducible for LessonsState {
    type Action = LessonsAction;

    fn reduce(self: Rc<Self>, action: LessonsAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            LessonsAction::Open(progress) => {
                next.progress = Some(progress);
                next.chooser = false;
                next.visit += 1;
                next.problem = None;
            }
            LessonsAction::Close => {
                next.progress = None;
                next.chooser = false;
                next.problem = None;
            }
            LessonsAction::Chooser(open) => next.chooser = open,
            LessonsAction::MarkDone => {
                if !next.progress.as_mut().is_some_and(Progress::mark_done) {
                    return self;
                }
            }
            LessonsAction::Problem(why) => next.problem = Some(why),
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// The lessons' state and what changes it, for the toolbar button, the
/// chooser and the panel. The callbacks are built once.
#[derive(Clone, PartialEq)]
pub struct Lessons {
    state: UseReducerHandle<LessonsState>,
    /// Opens a step: its diagram (one undoable change), then the panel on it.
    pub go: Callback<Progress>,
    /// Leaves the lesson, keeping the diagram; focus goes to the Lessons button.
    pub close: Callback<()>,
    /// Opens (`true`) or closes the chooser.
    pub chooser: Callback<bool>,
    /// Records the step on screen as done.
    pub mark_done: Callback<()>,
    /// The editor's dispatcher, for "do it for me".
    pub dispatch: Callback<Action>,
}

impl Lessons {
    /// The lesson open and its step.
    pub fn progress(&self) -> Option<&Progress> {
        self.state.progress.as_ref()
    }

    /// Whether a lesson is open.
    /// Opens the lesson of that id at its first step (a warning's "Lesson").
    pub fn open_lesson(&self) -> Callback<&'static str> {
        let go = self.go.clone();
        Callback::from(move |id: &'static str| {
            if let Some(progress) = Progress::start(id) {
                go.emit(progress);
            }
        })
    }

    pub fn is_open(&self) -> bool {
        self.state.progress.is_some()
    }

    /// Whether the chooser is open.
    pub fn chooser_open(&self) -> bool {
        self.state.chooser
    }

    /// Changes each time a step is opened.
    pub fn visit(&self) -> u64 {
        self.state.visit
    }

    /// Why the last step asked for could not be opened.
    pub fn problem(&self) -> Option<&str> {
        self.state.problem.as_deref()
    }
}

/// The diagram, language and step of the last render, for the callbacks built once.
struct Shown {
    doc: Rc<Document>,
    lang: Lang,
    progress: Option<Progress>,
}

/// Opens step `to`: the step's diagram in `lang` replaces `doc` through one
/// [`Action::Load`] (none when it is already the one on screen), and the panel shows the step.
fn open_step(
    to: Progress,
    (doc, lang): (&Document, Lang),
    dispatch: &Callback<Action>,
    state: &UseReducerDispatcher<LessonsState>,
) {
    match to.step().document_in(lang) {
        Ok(opened) => {
            if opened != *doc {
                dispatch.emit(Action::Load(Rc::new(opened)));
            }
            state.dispatch(LessonsAction::Open(to));
        }
        Err(why) => state.dispatch(LessonsAction::Problem(why)),
    }
}

/// Moves keyboard focus to the first element matching `selector`.
fn focus_selector(selector: &str) {
    let found = gloo::utils::document()
        .query_selector(selector)
        .ok()
        .flatten();
    if let Some(el) = found.and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Whether keyboard focus is nowhere in particular (on the page's body).
fn focus_lost() -> bool {
    let document = gloo::utils::document();
    match (document.active_element(), document.body()) {
        (None, _) => true,
        (Some(active), Some(body)) => active == *body.unchecked_ref::<web_sys::Element>(),
        (Some(_), None) => false,
    }
}

/// Writes `?lesson=<id>&step=<n>` into the address (or takes it out),
/// replacing the history entry and keeping the rest of it (`?lang=`, `#d=`).
fn write_place(place: Option<(&str, usize)>) {
    let window = gloo::utils::window();
    let location = window.location();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&location.search().unwrap_or_default())
    else {
        return;
    };
    match place {
        Some((id, number)) => {
            params.set("lesson", id);
            params.set("step", &number.to_string());
        }
        None => {
            params.delete("lesson");
            params.delete("step");
        }
    }
    let query = String::from(params.to_string());
    let url = format!(
        "{}{}{query}{}",
        location.pathname().unwrap_or_default(),
        if query.is_empty() { "" } else { "?" },
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// `doc` with the labels and title of the built-in diagrams in `lang`: what a
/// language switch does to a lesson's diagram, kills and moves kept.
fn relabelled(doc: &Document, lang: Lang, progress: &Progress) -> Document {
    let mut out = localize_labels(doc, lang);
    let mut titles = progress
        .step()
        .diagram
        .title()
        .into_iter()
        .chain(PRESETS.iter().map(|p| *p.title()));
    if let Some(title) = doc.title.as_deref() {
        if let Some(t) = titles.find(|t| Lang::ALL.iter().any(|&l| t.get(l) == title)) {
            out.title = Some(t.get(lang).to_string());
        }
    }
    out
}

/// The lessons' state and their place in the address, for the app.
/// `doc` and `lang` are the app's as rendered; `dispatch` the editor's.
#[hook]
pub fn use_lessons(doc: &Rc<Document>, lang: Lang, dispatch: &Callback<Action>) -> Lessons {
    let state = use_reducer(LessonsState::default);
    let shown = use_mut_ref(|| Shown {
        doc: doc.clone(),
        lang,
        progress: None,
    });
    *shown.borrow_mut() = Shown {
        doc: doc.clone(),
        lang,
        progress: state.progress.clone(),
    };
    let callbacks = use_memo((), {
        let (shown, dispatch, state) = (shown.clone(), dispatch.clone(), state.dispatcher());
        move |_| {
            let go = {
                let (shown, dispatch, state) = (shown.clone(), dispatch.clone(), state.clone());
                Callback::from(move |to: Progress| {
                    // Read, then let go of the render's copy before dispatching.
                    let (doc, lang) = {
                        let shown = shown.borrow();
                        (shown.doc.clone(), shown.lang)
                    };
                    open_step(to, (&doc, lang), &dispatch, &state);
                })
            };
            let close = {
                let state = state.clone();
                Callback::from(move |()| {
                    state.dispatch(LessonsAction::Close);
                    focus_selector("[data-lessons-button]");
                })
            };
            let chooser = {
                let state = state.clone();
                Callback::from(move |open| state.dispatch(LessonsAction::Chooser(open)))
            };
            let mark_done = Callback::from(move |()| state.dispatch(LessonsAction::MarkDone));
            (go, close, chooser, mark_done)
        }
    });
    let (go, close, chooser, mark_done) = (*callbacks).clone();

    // A teacher's link: `?lesson=<id>&step=<n>` opens there; an unknown lesson
    // opens the chooser. Read once, after the first render.
    {
        let (go, chooser) = (go.clone(), chooser.clone());
        use_effect_with((), move |_| {
            if let Some(id) = query_value("lesson") {
                match Progress::from_address(&id, query_value("step").as_deref()) {
                    Some(progress) => go.emit(progress),
                    None => chooser.emit(true),
                }
            }
        });
    }

    // The address follows the step on screen, and forgets it when the lesson closes.
    {
        let place = state.progress.as_ref().map(|p| (p.lesson().id, p.number()));
        let was_open = use_mut_ref(|| false);
        use_effect_with(place, move |place| {
            match place {
                Some(place) => write_place(Some(*place)),
                None if *was_open.borrow() => write_place(None),
                None => {}
            }
            *was_open.borrow_mut() = place.is_some();
        });
    }

    // A language switch during a lesson shows its diagram's labels in the new language.
    {
        let (shown, dispatch) = (shown.clone(), dispatch.clone());
        let in_lang = use_mut_ref(|| lang);
        use_effect_with(lang, move |&lang| {
            if std::mem::replace(&mut *in_lang.borrow_mut(), lang) == lang {
                return;
            }
            let relabel = {
                let shown = shown.borrow();
                shown
                    .progress
                    .as_ref()
                    .map(|p| (relabelled(&shown.doc, lang, p), shown.doc.clone()))
            };
            if let Some((out, doc)) = relabel {
                if out != *doc {
                    dispatch.emit(Action::Load(Rc::new(out)));
                }
            }
        });
    }

    Lessons {
        state,
        go,
        close,
        chooser,
        mark_done,
        dispatch: dispatch.clone(),
    }
}

const BUTTON: Localized = l("Lessons", "课程");
const BUTTON_TITLE: Localized = l("Guided lessons, step by step (L)", "分步讲解的课程（L）");

/// The toolbar's Lessons button: opens the chooser. A plain function drawn
/// with the toolbar (a component of its own costs the single-file page its size).
pub fn lessons_button(lessons: &Lessons, lang: Lang) -> Html {
    let onclick = {
        let chooser = lessons.chooser.clone();
        move |_: MouseEvent| chooser.emit(true)
    };
    html! {
        <button type="button" data-lessons-button="" aria-haspopup="dialog"
                aria-expanded={lessons.chooser_open().to_string()}
                aria-keyshortcuts="L" title={BUTTON_TITLE.get(lang)} {onclick}>
            { BUTTON.get(lang) }
        </button>
    }
}

/// The help overlay's note on teachers' links.
pub fn help_note(lang: Lang) -> Html {
    // The address and the lessons' ids are typed as they are: code, in every language.
    let ids = LESSONS.iter().enumerate().map(|(i, l)| {
        let sep = match (i, lang) {
            (0, _) => "",
            (_, Lang::En) => ", ",
            (_, Lang::Zh) => "、",
        };
        html! { <>{ sep }<code>{ l.id }</code></> }
    });
    let example = html! { <code>{ "?lesson=cluster&step=2" }</code> };
    match lang {
        Lang::En => html! {
            <>{ "A link can open a lesson at a step: add " }{ example }
              { " to the address. Lessons: " }{ for ids }{ "." }</>
        },
        Lang::Zh => html! {
            <>{ "链接可以直接打开某节课的某一步：在地址后加上 " }{ example }
              { "。课程：" }{ for ids }{ "。" }</>
        },
    }
}
