//! Keyboard shortcuts (docs/spec/app.md): with a node selected `k` kills one more
//! instance, `r` revives all, `Delete` removes it; anywhere `Ctrl+Z` undoes,
//! `Ctrl+Shift+Z` (or `Ctrl+Y`) redoes, `Escape` clears the selection.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use topolab_editor::{Action, Selection};

/// The action a key press asks for, if any. Plain Rust, so the mapping reads as a table.
pub fn action_for(key: &str, ctrl: bool, shift: bool, selection: &Selection) -> Option<Action> {
    let node = || selection.primary().map(str::to_string);
    let any = *selection != Selection::None;
    match (key, ctrl) {
        ("z" | "Z", true) if shift => Some(Action::Redo),
        ("z" | "Z", true) => Some(Action::Undo),
        ("y" | "Y", true) => Some(Action::Redo),
        ("k", false) => node().map(|id| Action::KillOne { id }),
        ("r", false) => node().map(|id| Action::ReviveAll { id }),
        ("Delete" | "Backspace", false) if any => Some(Action::DeleteSelection),
        ("Escape", false) if any => Some(Action::Select(Selection::None)),
        _ => None,
    }
}

/// Whether the key press is meant for a text field rather than the diagram.
pub(super) fn typing(event: &KeyboardEvent) -> bool {
    editable(event.target())
}

/// Whether an event's target is a text field (a key press or a paste there is its own).
pub(super) fn editable(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.get_attribute("contenteditable").is_some()
        })
}

/// Listens for the shortcuts on the whole page while the component lives.
#[hook]
pub fn use_shortcuts(selection: Selection, dispatch: Callback<Action>, on_help: Callback<()>) {
    use_effect_with(selection, move |selection| {
        let selection = selection.clone();
        let listener = web_sys::window().map(|window| {
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&window, "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if typing(event) || event.alt_key() {
                    return;
                }
                let ctrl = event.ctrl_key() || event.meta_key();
                if event.key() == "?" && !ctrl {
                    event.prevent_default();
                    on_help.emit(());
                    return;
                }
                if let Some(action) = action_for(&event.key(), ctrl, event.shift_key(), &selection)
                {
                    event.prevent_default();
                    dispatch.emit(action);
                }
            })
        });
        move || drop(listener)
    });
}
