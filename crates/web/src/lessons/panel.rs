//! The lesson panel, docked above the diagram while a lesson is open: the
//! lesson's title, step n of m, the step's text, its task with "do it for me"
//! and a done mark (announced politely), Previous / Next and Close.
//!
//! Focus lands on "do it for me" when a step opens with something to do,
//! else on Next; after "do it for me" it moves to Next, so Enter alone walks
//! a lesson. The done mark follows [`topolab_editor::teach::Task::done`] on the
//! document on screen, however the task was done.

use std::rc::Rc;
use topolab_engine::i18n::l;

use web_sys::HtmlElement;
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::{focus_lost, Lessons};
use crate::lang::use_lang;
use topolab_editor::teach::{Progress, Step, LESSONS};
use topolab_engine::i18n::{Lang, Localized};
use topolab_engine::Document;

const TRY: Localized = l("Try it: ", "动手试试：");
const DO_IT: Localized = l("Do it for me", "帮我操作");
const DONE: Localized = l("✓ Done", "✓ 已完成");
/// Said the same to the keyboard (focus is on Next, Page Down its shortcut) and to a finger.
const READ_ON: Localized = l(
    "Nothing to try here: read, then go on with Next.",
    "这一步只做讲解，看完点“下一步”继续。",
);
const CLOSE: Localized = l("Close", "关闭");
const CLOSE_TITLE: Localized = l(
    "Leave the lesson, keeping the diagram (Escape)",
    "退出课程，保留当前示意图（Esc）",
);
const PREVIOUS_TITLE: Localized = l("Previous step (Page Up or P)", "上一步（Page Up 或 P）");
const NEXT_TITLE: Localized = l("Next step (Page Down or N)", "下一步（Page Down 或 N）");
const FINISH_TITLE: Localized = l(
    "Leave the lesson, keeping the diagram",
    "退出课程，保留当前示意图",
);
const PROBLEM: Localized = l("This could not be done: ", "无法完成这一步：");

fn lesson_of(lang: Lang, n: usize, of: usize) -> String {
    match lang {
        Lang::En => format!("Lesson {n} of {of}"),
        Lang::Zh => format!("第 {n} 课，共 {of} 课"),
    }
}

fn step_of(lang: Lang, n: usize, of: usize) -> String {
    match lang {
        Lang::En => format!("Step {n} of {of}"),
        Lang::Zh => format!("第 {n} 步，共 {of} 步"),
    }
}

/// What the Next button says: the next step, the next lesson, or the end.
#[derive(Clone, Copy, PartialEq)]
enum Onward {
    Step,
    Lesson,
    Finish,
}

impl Onward {
    fn label(self, lang: Lang) -> &'static str {
        let text = match self {
            Onward::Step => l("Next →", "下一步 →"),
            Onward::Lesson => l("Next lesson →", "下一课 →"),
            Onward::Finish => l("Finish", "结束课程"),
        };
        text.get(lang)
    }

    /// What the live region says after "Done".
    fn hint(self, lang: Lang) -> &'static str {
        let text = match self {
            Onward::Step => l(" Page Down: next step.", " 按 Page Down 继续。"),
            Onward::Lesson => l(" Page Down: next lesson.", " 按 Page Down 进入下一课。"),
            Onward::Finish => l(
                " That was the last step of the last lesson.",
                " 这是最后一课的最后一步。",
            ),
        };
        text.get(lang)
    }
}

/// "Previous", or "Previous lesson" when it leads out of this one.
fn previous_label(to_other_lesson: bool, lang: Lang) -> &'static str {
    let text = match to_other_lesson {
        false => l("← Previous", "← 上一步"),
        true => l("← Previous lesson", "← 上一课"),
    };
    text.get(lang)
}

#[derive(Properties, Clone)]
pub struct LessonPanelProps {
    pub lessons: Lessons,
    /// The document on screen: the done mark is checked on it.
    pub doc: Rc<Document>,
}

impl PartialEq for LessonPanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.lessons == other.lessons && Rc::ptr_eq(&self.doc, &other.doc)
    }
}

/// Whether the page is used by touch alone (a phone, a tablet): no key to
/// press, no pointer to hover with.
fn touch_screen() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(hover: none) and (pointer: coarse)")
                .ok()
                .flatten()
        })
        .is_some_and(|query| query.matches())
}

fn focus(element: &NodeRef) -> bool {
    element
        .cast::<HtmlElement>()
        .is_some_and(|el| el.focus().is_ok())
}

#[function_component(LessonPanel)]
pub fn lesson_panel(props: &LessonPanelProps) -> Html {
    let lang = use_lang();
    let refs = Refs {
        do_it: use_node_ref(),
        next: use_node_ref(),
        heading: use_node_ref(),
    };
    let lessons = &props.lessons;
    let progress = lessons.progress().cloned();
    let done = progress
        .as_ref()
        .and_then(|p| p.step().task)
        .is_some_and(|task| task.done(&props.doc));
    let problem = use_state(|| None::<String>);
    use_step_focus(lessons, progress.as_ref(), done, &refs, problem.setter());

    let Some(progress) = progress else {
        return html! {};
    };
    let lesson = progress.lesson();
    let step = progress.step();
    let onward = match progress.next() {
        None => Onward::Finish,
        Some(_) if progress.is_last_step() => Onward::Lesson,
        Some(_) => Onward::Step,
    };
    let on_do = {
        let (dispatch, next_ref, doc) = (
            lessons.dispatch.clone(),
            refs.next.clone(),
            props.doc.clone(),
        );
        let (task, problem) = (step.task, problem.clone());
        move |_: MouseEvent| {
            let Some(task) = task else { return };
            match task.action(&doc, lang) {
                Ok(action) => {
                    dispatch.emit(action);
                    focus(&next_ref);
                }
                Err(why) => problem.set(Some(why)),
            }
        }
    };
    let touch = touch_screen();
    let why = (*problem)
        .clone()
        .or_else(|| lessons.problem().map(str::to_string));
    html! {
        <section class="lesson-panel" aria-labelledby="lesson-title" data-lesson-panel=""
                 data-lesson={lesson.id} data-step={progress.number().to_string()}
                 data-done={done.to_string()}>
            { head(&progress, lessons, &refs.heading, lang) }
            <p class="lesson-text" id="lesson-step-text" data-lesson-text="">{ step.text.get(lang) }</p>
            <div class="lesson-task">
                { task_view(step, touch, lang) }
                // The button and the done mark share one line, so the panel keeps its height.
                <div class="lesson-act">
                    if step.task.is_some() && !done {
                        <button type="button" class="lesson-do" ref={refs.do_it.clone()} data-lesson-do=""
                                aria-describedby="lesson-step-text lesson-prompt" onclick={on_do}>
                            { DO_IT.get(lang) }
                        </button>
                    }
                    <p class="lesson-status" role="status" aria-live="polite" data-lesson-status="">
                        if done {
                            <strong class="lesson-done" data-lesson-done="">{ DONE.get(lang) }</strong>
                            if !touch { { onward.hint(lang) } }
                        }
                    </p>
                </div>
                if let Some(why) = why {
                    <p class="lesson-problem" role="alert">{ PROBLEM.get(lang) }{ why }</p>
                }
                { nav(&progress, onward, lessons, &refs.next, lang) }
            </div>
        </section>
    }
}

/// The panel's buttons that take focus: "do it for me", Next, and the title.
#[derive(Clone)]
struct Refs {
    do_it: NodeRef,
    next: NodeRef,
    heading: NodeRef,
}

/// Focus when a step opens, where the next key press is most likely meant,
/// and a step's done mark remembered (focus going to Next if the button that
/// had it went with it); a step's problem forgotten when another opens.
#[hook]
fn use_step_focus(
    lessons: &Lessons,
    progress: Option<&Progress>,
    done: bool,
    refs: &Refs,
    problem: UseStateSetter<Option<String>>,
) {
    {
        let refs = refs.clone();
        let (mark_done, explains) = (
            lessons.mark_done.clone(),
            progress.is_some_and(|p| p.step().task.is_none()),
        );
        use_effect_with(lessons.visit(), move |_| {
            problem.set(None);
            // A step that only explains is done once it has been read.
            if explains {
                mark_done.emit(());
            }
            let _ = focus(&refs.do_it) || focus(&refs.next) || focus(&refs.heading);
        });
    }
    // Done, by a key, a click or the button: remember it; if the button that
    // had focus is gone with it, focus Next.
    let (mark_done, next_ref) = (lessons.mark_done.clone(), refs.next.clone());
    use_effect_with((lessons.visit(), done), move |&(_, done)| {
        if done {
            mark_done.emit(());
            if focus_lost() {
                focus(&next_ref);
            }
        }
    });
}

/// The lesson's number and title, the step's number and track, and Close.
fn head(progress: &Progress, lessons: &Lessons, heading: &NodeRef, lang: Lang) -> Html {
    let track = (0..progress.count()).map(|i| {
        let class = classes!(
            "lesson-track-step",
            (i == progress.index()).then_some("current"),
            progress.is_done(i).then_some("done"),
        );
        html! { <li {class}></li> }
    });
    let on_close = lessons.close.reform(|_: MouseEvent| ());
    html! {
        <header class="lesson-head">
            <p class="lesson-kicker">
                { lesson_of(lang, progress.lesson_index() + 1, LESSONS.len()) }
            </p>
            <h2 id="lesson-title" class="lesson-title" tabindex="-1" ref={heading.clone()}>
                { progress.lesson().title.get(lang) }
            </h2>
            <p class="lesson-count" data-lesson-count="">
                { step_of(lang, progress.number(), progress.count()) }
            </p>
            <ol class="lesson-track" aria-hidden="true">{ for track }</ol>
            <button type="button" class="lesson-close" data-lesson-close=""
                    title={CLOSE_TITLE.get(lang)} aria-keyshortcuts="Escape"
                    onclick={on_close}>{ "✕ " }{ CLOSE.get(lang) }</button>
        </header>
    }
}

/// The step's task ("Try it: ..."), or that there is nothing to do but read;
/// on a touch screen, what to tap rather than the key to press.
fn task_view(step: &Step, touch: bool, lang: Lang) -> Html {
    match step.task {
        Some(task) => {
            let prompt = touch
                .then(|| task.tap_prompt(lang))
                .flatten()
                .unwrap_or_else(|| task.prompt(lang));
            html! {
                <p class="lesson-prompt" id="lesson-prompt" data-lesson-prompt="">
                    <span class="lesson-try">{ TRY.get(lang) }</span>{ prompt }
                </p>
            }
        }
        None => html! { <p class="lesson-prompt lesson-read">{ READ_ON.get(lang) }</p> },
    }
}

/// Previous and Next (or Finish).
fn nav(
    progress: &Progress,
    onward: Onward,
    lessons: &Lessons,
    next_ref: &NodeRef,
    lang: Lang,
) -> Html {
    let on_previous = {
        let (go, previous) = (lessons.go.clone(), progress.previous());
        move |_: MouseEvent| {
            if let Some(previous) = previous.clone() {
                go.emit(previous);
            }
        }
    };
    let on_next = {
        let (go, close, next) = (lessons.go.clone(), lessons.close.clone(), progress.next());
        move |_: MouseEvent| match next.clone() {
            Some(next) => go.emit(next),
            None => close.emit(()),
        }
    };
    let next_title = match onward {
        Onward::Finish => FINISH_TITLE.get(lang),
        _ => NEXT_TITLE.get(lang),
    };
    html! {
        <div class="lesson-nav">
            <button type="button" class="lesson-previous" data-lesson-previous=""
                    disabled={progress.previous().is_none()}
                    title={PREVIOUS_TITLE.get(lang)} aria-keyshortcuts="PageUp P"
                    onclick={on_previous}>
                { previous_label(progress.is_first_step() && progress.previous().is_some(), lang) }
            </button>
            <button type="button" class="lesson-next" ref={next_ref.clone()} data-lesson-next=""
                    title={next_title} aria-keyshortcuts="PageDown N" onclick={on_next}>
                { onward.label(lang) }
            </button>
        </div>
    }
}
