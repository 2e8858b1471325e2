//! The keymap's commands the canvas performs: the view's keys (zoom, fit,
//! Space to pan, Escape cancelling a gesture), moving focus between nodes,
//! and keyboard editing (links followed, nodes moved, added and connected).
//! The page's one key listener (`keyboard.rs`) decides which command a key
//! is and hands it here through the [`KeyHub`].

use std::rc::Rc;

use yew::prelude::*;

use crate::effect::use_effect_with;

use super::drawing::focus_node;
use super::key_editing::{EditingHandle, Mode};
use super::pointer::{perform, rubber_band};
use super::view::ZOOM_STEP;
use super::Parts;
use crate::keyboard::{KeyHub, KeyTarget};
use crate::lang::{Localized, Text};
use topolab_editor::connect::connect;
use topolab_editor::gesture::Point;
use topolab_editor::keymap::{Command, KeyPress, Situation};
use topolab_editor::navigate::{by_letter, nearest, Direction};
use topolab_editor::{Action, Selection};
use topolab_engine::i18n::l;

/// One press of Ctrl+arrow moves a node this far (the grid's step).
const MOVE_STEP: f64 = 24.0;

const NO_LINK_THAT_WAY: Localized = l("No link that way.", "这个方向没有连线。");

/// The canvas, as the key listener sees it.
struct CanvasKeys {
    parts: Parts,
    editing: EditingHandle,
}

/// Attaches the canvas to the page's key listener while it is mounted.
#[hook]
pub(super) fn use_canvas_keys(hub: &KeyHub, parts: &Parts, editing: &EditingHandle) {
    let hub = hub.clone();
    let keys = CanvasKeys {
        parts: parts.clone(),
        editing: editing.clone(),
    };
    use_effect_with((), move |_| {
        hub.attach(Rc::new(keys));
        move || hub.detach()
    });
}

impl KeyTarget for CanvasKeys {
    fn situation(&self, situation: &mut Situation) {
        situation.connecting = matches!(self.editing.mode(), Mode::Connecting { .. });
        situation.gesture = !self.parts.gestures.borrow().is_idle();
        situation.editable = self.parts.editable;
    }

    fn perform(&self, command: Command, press: &KeyPress, node: Option<&str>) -> bool {
        let viewport = &self.parts.viewport;
        match (command, node) {
            (Command::ZoomIn, _) => viewport.zoom(ZOOM_STEP),
            (Command::ZoomOut, _) => viewport.zoom(1.0 / ZOOM_STEP),
            (Command::Fit, _) => viewport.fit(&self.parts.rendered.borrow().doc),
            (Command::HoldToPan, _) => self.parts.gestures.borrow_mut().hold_space(true),
            (Command::CancelGesture, _) => return self.cancel_gesture(),
            (Command::BackToNode, _) => self.back_to_node(),
            (Command::EditInInspector, Some(_)) => return focus_inspector(),
            (_, Some(at)) => self.on_node(command, press, at),
            (_, None) => return false,
        }
        true
    }

    fn key_up(&self, key: &str) {
        if key == " " {
            self.parts.gestures.borrow_mut().hold_space(false);
        }
    }
}

impl CanvasKeys {
    /// A command on the focused node `at`.
    fn on_node(&self, command: Command, press: &KeyPress, at: &str) {
        match command {
            Command::FocusNearest(dir) => self.focus_nearest(at, dir),
            Command::FollowLink(dir) => self.follow(at, dir),
            Command::MoveNode(dir) => self.move_node(at, dir),
            Command::AddMenu => self.editing.set(Mode::Adding { near: at.into() }),
            Command::StartConnect => self.start_connect(at),
            Command::ConnectToFocused => self.connect_to(at),
            Command::CancelConnect => self.cancel_connect(),
            Command::ConnectByLetter => {
                let to = by_letter(&self.parts.rendered.borrow().doc, at, &press.key);
                if let Some(to) = to {
                    focus_node(&self.parts.refs.svg, &to);
                }
            }
            _ => {}
        }
    }

    fn cancel_gesture(&self) -> bool {
        let cancelled = self.parts.gestures.borrow_mut().escape();
        cancelled.is_some_and(|effects| {
            perform(&self.parts, effects);
            true
        })
    }

    /// Escape in the inspector goes back to the node it edits.
    fn back_to_node(&self) {
        let primary = self
            .parts
            .rendered
            .borrow()
            .selection
            .primary()
            .map(str::to_string);
        if let Some(id) = primary {
            focus_node(&self.parts.refs.svg, &id);
        }
    }

    fn focus_nearest(&self, at: &str, dir: Direction) {
        let positions = |id: &str| Point::from(self.parts.positions.get(id));
        let to = nearest(&self.parts.rendered.borrow().doc, &positions, at, dir);
        if let Some(to) = to {
            focus_node(&self.parts.refs.svg, &to);
        }
    }

    fn follow(&self, at: &str, dir: Direction) {
        let doc = self.parts.rendered.borrow().doc.clone();
        let next = self.editing.path.borrow_mut().follow(&doc, at, dir);
        match next {
            Some(to) => focus_node(&self.parts.refs.svg, &to),
            None => self.parts.tell.emit(Text::from(NO_LINK_THAT_WAY)),
        }
    }

    fn move_node(&self, at: &str, dir: Direction) {
        let step = dir.unit();
        let (x, y) = self.parts.positions.get(at);
        self.parts.dispatch.emit(Action::MoveNode {
            id: at.to_string(),
            x: x + step.x * MOVE_STEP,
            y: y + step.y * MOVE_STEP,
        });
    }

    fn start_connect(&self, at: &str) {
        let label = {
            let doc = &self.parts.rendered.borrow().doc;
            doc.node(at)
                .map_or(at.to_string(), |n| n.label().to_string())
        };
        let here = Point::from(self.parts.positions.get(at));
        rubber_band(&self.parts.refs.rubber, Some((here, here)));
        self.editing.set(Mode::Connecting {
            from: at.to_string(),
            label,
        });
    }

    /// Enter on the node chosen: the same path as a drag from a handle
    /// ([`connect`]); focus stays on the target, and selection follows focus.
    fn connect_to(&self, at: &str) {
        let Mode::Connecting { from, .. } = self.editing.mode() else {
            return;
        };
        let linked = connect(&self.parts.rendered.borrow().doc, &from, at);
        match linked {
            Err(why) => self.parts.tell.emit(Text::of(|lang| why.message(lang))),
            Ok(action) => {
                self.editing.set(Mode::Idle);
                rubber_band(&self.parts.refs.rubber, None);
                self.parts.dispatch.emit(action);
                self.parts
                    .dispatch
                    .emit(Action::Select(Selection::node(at)));
            }
        }
    }

    fn cancel_connect(&self) {
        let Mode::Connecting { from, .. } = self.editing.mode() else {
            return;
        };
        self.editing.set(Mode::Idle);
        rubber_band(&self.parts.refs.rubber, None);
        focus_node(&self.parts.refs.svg, &from);
    }
}

/// Focuses the inspector's first field, if it shows one.
fn focus_inspector() -> bool {
    use wasm_bindgen::JsCast;
    let found = gloo::utils::document()
        .query_selector(
            ".inspector input:not([disabled]), .inspector select:not([disabled]), \
             .inspector textarea, .inspector button:not([disabled])",
        )
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    found.is_some_and(|el| el.focus().is_ok())
}
