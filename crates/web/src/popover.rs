//! A toolbar button that opens a small panel under it (the Share and Export
//! menus). Not modal: a press outside it, Escape or the button again closes
//! it, and Escape gives focus back to the button. Keys pressed inside it never
//! reach the diagram's shortcuts (a `k` there kills nothing).

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, Node};
use yew::prelude::*;

use crate::effect::use_effect_with;

#[derive(Properties, PartialEq)]
pub struct PopoverProps {
    /// The button's text.
    pub label: AttrValue,
    /// The button's tooltip and the panel's accessible name.
    pub title: AttrValue,
    /// Names the button (`data-popover`) and the panel (`data-popover-panel`).
    pub name: &'static str,
    /// The panel's content, mounted only while it is open.
    pub children: Html,
}

/// Focuses the control of `panel` marked `data-autofocus`, else its first one.
fn focus_first(panel: &Element) {
    let find = |selector: &str| panel.query_selector(selector).ok().flatten();
    let first = find("[data-autofocus]")
        .or_else(|| find("button, input, textarea"))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(first) = first {
        let _ = first.focus();
    }
}

#[function_component(Popover)]
pub fn popover(props: &PopoverProps) -> Html {
    let open = use_state(|| false);
    let (wrap, button, panel) = (use_node_ref(), use_node_ref(), use_node_ref());
    {
        let (open_handle, wrap, panel) = (open.clone(), wrap.clone(), panel.clone());
        use_effect_with(*open, move |&is_open| {
            let listener = is_open.then(|| {
                if let Some(panel) = panel.cast::<Element>() {
                    focus_first(&panel);
                }
                EventListener::new(&gloo::utils::document(), "pointerdown", move |event| {
                    let inside = match (wrap.cast::<Node>(), event.target()) {
                        (Some(wrap), Some(target)) => target
                            .dyn_ref::<Node>()
                            .is_some_and(|t| wrap.contains(Some(t))),
                        _ => false,
                    };
                    if !inside {
                        open_handle.set(false);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let toggle = {
        let open = open.clone();
        move |_: MouseEvent| open.set(!*open)
    };
    let on_key = {
        let (open, button) = (open.clone(), button.clone());
        move |e: KeyboardEvent| {
            if !*open {
                return;
            }
            e.stop_propagation();
            if e.key() == "Escape" {
                e.prevent_default();
                open.set(false);
                if let Some(button) = button.cast::<HtmlElement>() {
                    let _ = button.focus();
                }
            }
        }
    };
    let id = format!("popover-{}", props.name);
    html! {
        <div class="popover" ref={wrap} onkeydown={on_key}>
            <button type="button" ref={button} onclick={toggle} title={props.title.clone()}
                    aria-expanded={open.to_string()} aria-controls={id.clone()}
                    data-popover={props.name}>
                { props.label.clone() }<span class="popover-caret" aria-hidden="true">{ "▾" }</span>
            </button>
            if *open {
                <div class="popover-panel" id={id} ref={panel} role="dialog"
                     aria-label={props.title.clone()} data-popover-panel={props.name}>
                    { props.children.clone() }
                </div>
            }
        </div>
    }
}
