//! The page's one `keydown` listener: every key press is read against the
//! keymap ([`topolab_editor::keymap`], the same table the help overlay and
//! `docs/keys.md` are written from) in the situation it was pressed in,
//! and the commands it names are performed here (the editor's, the help,
//! full screen, the lessons) or by the canvas (the view and keyboard
//! editing), which attaches itself to the [`KeyHub`] while mounted.
//!
//! Heard on the window as a key bubbles up, so a text field keeps its keys
//! (the keymap's contexts leave it alone) and a modal dialog keeps its own
//! (its handler stops them before they reach the window: `modal.rs`).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::lessons::Lessons;
use topolab_editor::keymap::{commands, Command, Focus, KeyPress, Selected, Situation};
use topolab_editor::{Action, Selection};

/// Whether the key press is meant for a text field rather than the diagram.
pub(super) fn typing(event: &KeyboardEvent) -> bool {
    editable(event.target())
}

/// Whether an event's target is a text field (a key press or a paste there is its own).
pub(crate) fn editable(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.get_attribute("contenteditable").is_some()
        })
}

/// The node of the main diagram `target` is, if it is one.
pub(super) fn diagram_node(target: Option<&Element>) -> Option<String> {
    let el = target?;
    el.has_attribute("data-node-id")
        .then_some(())
        .and_then(|_| el.closest("svg[data-topolab-canvas]").ok().flatten())?;
    el.get_attribute("data-node-id")
}

/// What the canvas does with the keys that are its own.
pub trait KeyTarget {
    /// Adds what the canvas knows to the situation: a link's target being
    /// chosen, a gesture under way, whether nodes can be added.
    fn situation(&self, situation: &mut Situation);
    /// Performs `command` for `press` (on node `node`, if one has focus);
    /// whether it did something (the browser's own action is then prevented).
    fn perform(&self, command: Command, press: &KeyPress, node: Option<&str>) -> bool;
    /// A key was let go.
    fn key_up(&self, key: &str);
}

/// Where the canvas attaches itself to hear its keys; shared by `Rc`,
/// compared by identity.
#[derive(Clone, Default)]
pub struct KeyHub(Rc<RefCell<Option<Rc<dyn KeyTarget>>>>);

impl PartialEq for KeyHub {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl KeyHub {
    /// The canvas hears its keys from now on.
    pub fn attach(&self, target: Rc<dyn KeyTarget>) {
        *self.0.borrow_mut() = Some(target);
    }

    /// It does no more.
    pub fn detach(&self) {
        *self.0.borrow_mut() = None;
    }

    fn target(&self) -> Option<Rc<dyn KeyTarget>> {
        self.0.borrow().clone()
    }
}

/// What the listener, built once, reads of the app's last render.
struct AppKeys {
    selection: Selection,
    lessons: Lessons,
    dispatch: Callback<Action>,
    on_help: Callback<()>,
}

/// Listens for every shortcut on the page while the app lives; the canvas
/// attaches itself to the hub returned.
#[hook]
pub fn use_keys(
    selection: &Selection,
    lessons: &Lessons,
    dispatch: &Callback<Action>,
    on_help: &Callback<()>,
) -> KeyHub {
    let hub = use_memo((), |_| KeyHub::default());
    let rendered = AppKeys {
        selection: selection.clone(),
        lessons: lessons.clone(),
        dispatch: dispatch.clone(),
        on_help: on_help.clone(),
    };
    let app = use_mut_ref(|| None::<AppKeys>);
    *app.borrow_mut() = Some(rendered);
    {
        let hub = (*hub).clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let options = EventListenerOptions::enable_prevent_default();
            let up_hub = hub.clone();
            let down = EventListener::new_with_options(&window, "keydown", options, move |e| {
                if let Some(e) = e.dyn_ref::<KeyboardEvent>() {
                    on_key_down(e, &app, &hub);
                }
            });
            let up = EventListener::new(&window, "keyup", move |e| {
                if let (Some(e), Some(canvas)) = (e.dyn_ref::<KeyboardEvent>(), up_hub.target()) {
                    canvas.key_up(&e.key());
                }
            });
            move || drop((down, up))
        });
    }
    (*hub).clone()
}

/// One key press: its commands, performed in the keymap's order.
fn on_key_down(e: &KeyboardEvent, app: &RefCell<Option<AppKeys>>, hub: &KeyHub) {
    let press = KeyPress {
        key: e.key(),
        ctrl: e.ctrl_key() || e.meta_key(),
        shift: e.shift_key(),
        alt: e.alt_key(),
        repeat: e.repeat(),
    };
    let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
    let node = diagram_node(target.as_ref());
    let canvas = hub.target();
    // Read, then let go of the render's copy before anything is performed.
    let Some((mut situation, selection, lessons, dispatch, on_help)) =
        app.borrow().as_ref().map(|a| {
            let situation = page_situation(e, target.as_ref(), node.is_some(), a);
            (
                situation,
                a.selection.clone(),
                a.lessons.clone(),
                a.dispatch.clone(),
                a.on_help.clone(),
            )
        })
    else {
        return;
    };
    if let Some(canvas) = &canvas {
        canvas.situation(&mut situation);
    }
    let mut handled = false;
    for command in commands(&press, &situation) {
        handled |= match command.action(&selection) {
            Some(action) => {
                dispatch.emit(action);
                true
            }
            None => match command {
                Command::ToggleHelp => {
                    on_help.emit(());
                    true
                }
                _ => perform_page(
                    command,
                    &lessons,
                    canvas.as_deref(),
                    (&press, node.as_deref()),
                ),
            },
        };
        if command == Command::ClearSelection {
            leave_focus(target.as_ref());
        }
    }
    if handled {
        e.prevent_default();
    }
}

/// The commands no editor action performs: full screen, the lessons, and
/// what the canvas does.
fn perform_page(
    command: Command,
    lessons: &Lessons,
    canvas: Option<&dyn KeyTarget>,
    (press, node): (&KeyPress, Option<&str>),
) -> bool {
    let step = |to: Option<topolab_editor::teach::Progress>| {
        if let Some(to) = to {
            lessons.go.emit(to);
        }
        true
    };
    match command {
        Command::ToggleFullscreen => {
            super::fullscreen::toggle();
            true
        }
        Command::ChooseLesson => {
            lessons.chooser.emit(true);
            true
        }
        Command::NextStep => step(lessons.progress().and_then(|p| p.next())),
        Command::PreviousStep => step(lessons.progress().and_then(|p| p.previous())),
        Command::LeaveLesson => {
            lessons.close.emit(());
            true
        }
        Command::Native | Command::ClearSelection => false,
        Command::Swallow => true,
        _ => canvas.is_some_and(|c| c.perform(command, press, node)),
    }
}

/// Where a key was pressed, and what of the app it depends on.
fn page_situation(
    e: &KeyboardEvent,
    target: Option<&Element>,
    on_node: bool,
    app: &AppKeys,
) -> Situation {
    let focus = if typing(e) {
        Focus::TextField
    } else if on_node {
        Focus::Node
    } else if target.is_some_and(|el| el.tag_name() == "BUTTON") {
        Focus::Button
    } else {
        Focus::Other
    };
    let within = |el: Option<&Element>, selector: &str| {
        el.and_then(|el| el.closest(selector).ok().flatten())
            .is_some()
    };
    let active = gloo::utils::document().active_element();
    Situation {
        focus,
        in_inspector: within(target, ".inspector"),
        in_lesson_panel: within(active.as_ref(), "[data-lesson-panel]"),
        selected: Selected::from(&app.selection),
        lesson_open: app.lessons.is_open(),
        chooser_open: app.lessons.chooser_open(),
        fullscreen: super::fullscreen::is_enabled(),
        ..Situation::default()
    }
}

/// Escape leaves the diagram (and any button): focus goes nowhere in particular.
fn leave_focus(target: Option<&Element>) {
    if let Some(el) = target.and_then(|t| t.dyn_ref::<HtmlElement>()) {
        let _ = el.blur();
    } else if diagram_node(target).is_some() {
        if let Some(el) = gloo::utils::document().active_element() {
            if let Ok(el) = el.dyn_into::<web_sys::SvgElement>() {
                let _ = el.blur();
            }
        }
    }
}
