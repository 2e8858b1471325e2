//! The help overlay (`?`): every shortcut and gesture, in a modal dialog.
//! Focus moves to its close button when it opens and back where it was when it
//! closes; Escape, `?`, the close button and a click beside it close it; keys
//! pressed inside it never reach the diagram behind.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, SvgElement};
use yew::prelude::*;

// The overlay's English text, in one place for the translation to come.
const TITLE: &str = "Keyboard shortcuts and gestures";
const CLOSE: &str = "Close";
const CLOSE_LONG: &str = "Close the help (Escape)";
const COL_KEYS: &str = "Key or gesture";
const COL_ACTION: &str = "What it does";
const KEYBOARD: &str = "Keyboard";
const POINTER: &str = "Mouse, pen and touch";
const OR: &str = "or";
const MAC_NOTE: &str = "On a Mac, ⌘ works wherever Ctrl is written.";

/// Keys: alternatives, each a combination of keys pressed together.
const SHORTCUTS: &[(&[&[&str]], &str)] = &[
    (&[&["k"]], "Kill one instance of the selected node"),
    (&[&["r"]], "Revive every instance of the selected node"),
    (&[&["Delete"], &["Backspace"]], "Delete the selection"),
    (&[&["Ctrl", "Z"]], "Undo"),
    (&[&["Ctrl", "Shift", "Z"], &["Ctrl", "Y"]], "Redo"),
    (&[&["Escape"]], "Clear the selection, or close this help"),
    (&[&["?"]], "Show or hide this help"),
    (&[&["+"], &["-"]], "Zoom in, zoom out"),
    (&[&["0"]], "Fit the whole diagram in view"),
    (
        &[&["←"], &["↑"], &["→"], &["↓"]],
        "Move focus to the next node in that direction",
    ),
    (&[&["Tab"]], "Move focus from node to node"),
];

/// Gestures: (what the hand does, what happens).
const GESTURES: &[(&str, &str)] = &[
    ("Click a node", "Select it"),
    ("Shift + click a node", "Add it to the selection"),
    (
        "Shift + drag on empty space",
        "Select every node in the area",
    ),
    ("Drag on empty space, or Space + drag", "Pan the diagram"),
    ("Wheel, or pinch", "Zoom"),
    ("Drag a node", "Move it, with the rest of the selection"),
    (
        "Drag from a node's handle (the small circle on its right) to another node",
        "Connect the two nodes",
    ),
    (
        "Click an instance (a small square)",
        "Kill it, or revive it",
    ),
    (
        "Drag a kind from the palette onto the canvas, or click it",
        "Add a node",
    ),
];

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub open: bool,
    pub on_close: Callback<()>,
}

/// `Ctrl` `+` `Shift` `+` `Z`, or `Ctrl` `+` `Y`.
fn keys_view(alternatives: &[&[&str]]) -> Html {
    let alternative = |(i, combo): (usize, &&[&str])| {
        html! {
            <>
                if i > 0 { <span class="help-or">{ format!(" {OR} ") }</span> }
                { for combo.iter().enumerate().map(|(j, key)| html! {
                    <>
                        if j > 0 { { "+" } }
                        <kbd>{ *key }</kbd>
                    </>
                }) }
            </>
        }
    };
    html! { <>{ for alternatives.iter().enumerate().map(alternative) }</> }
}

/// Gives focus back to what had it before the dialog opened.
fn refocus(element: &Element) {
    if let Some(html) = element.dyn_ref::<HtmlElement>() {
        let _ = html.focus();
    } else if let Some(svg) = element.dyn_ref::<SvgElement>() {
        let _ = svg.focus();
    }
}

#[function_component(HelpOverlay)]
pub fn help_overlay(props: &HelpProps) -> Html {
    let close_button = use_node_ref();
    let backdrop = use_node_ref();
    {
        let close_button = close_button.clone();
        use_effect_with(props.open, move |&open| {
            let before = open
                .then(gloo::utils::document)
                .and_then(|d| d.active_element());
            if open {
                if let Some(button) = close_button.cast::<HtmlElement>() {
                    let _ = button.focus();
                }
            }
            move || {
                if let Some(element) = before.filter(|e| e.is_connected()) {
                    refocus(&element);
                }
            }
        });
    }
    if !props.open {
        return html! {};
    }
    let on_close = props.on_close.clone();
    let close = {
        let on_close = on_close.clone();
        move |_: MouseEvent| on_close.emit(())
    };
    let on_backdrop = {
        let (on_close, backdrop) = (on_close.clone(), backdrop.clone());
        move |e: MouseEvent| {
            let target = e.target_dyn_into::<Element>();
            if target.is_some() && target == backdrop.cast::<Element>() {
                on_close.emit(());
            }
        }
    };
    let on_key = {
        let close_button = close_button.clone();
        move |e: KeyboardEvent| {
            // A modal: the diagram's shortcuts stay asleep behind it.
            e.stop_propagation();
            match e.key().as_str() {
                "Escape" | "?" => {
                    e.prevent_default();
                    on_close.emit(());
                }
                // The close button is the dialog's only control: Tab stays on it.
                "Tab" => {
                    e.prevent_default();
                    if let Some(button) = close_button.cast::<HtmlElement>() {
                        let _ = button.focus();
                    }
                }
                _ => {}
            }
        }
    };
    let shortcut_rows = SHORTCUTS.iter().map(|&(keys, action)| {
        html! {
            <tr>
                <th scope="row">{ keys_view(keys) }</th>
                <td>{ action }</td>
            </tr>
        }
    });
    let gesture_rows = GESTURES.iter().map(|&(gesture, action)| {
        html! {
            <tr>
                <th scope="row">{ gesture }</th>
                <td>{ action }</td>
            </tr>
        }
    });
    html! {
        <div class="help-backdrop" ref={backdrop} onclick={on_backdrop}>
            <div class="help-dialog" role="dialog" aria-modal="true"
                 aria-labelledby="help-title" data-help="" onkeydown={on_key}>
                <header class="help-header">
                    <h2 id="help-title">{ TITLE }</h2>
                    <button type="button" class="help-close" ref={close_button}
                            onclick={close} title={CLOSE_LONG}>{ CLOSE }</button>
                </header>
                <table class="help-table">
                    <thead><tr>
                        <th scope="col">{ COL_KEYS }</th>
                        <th scope="col">{ COL_ACTION }</th>
                    </tr></thead>
                    <tbody>
                        <tr class="help-group"><th scope="rowgroup" colspan="2">{ KEYBOARD }</th></tr>
                        { for shortcut_rows }
                        <super::fullscreen::FullscreenHelpRow />
                    </tbody>
                    <tbody>
                        <tr class="help-group"><th scope="rowgroup" colspan="2">{ POINTER }</th></tr>
                        { for gesture_rows }
                    </tbody>
                </table>
                <p class="note">{ MAC_NOTE }</p>
            </div>
        </div>
    }
}
