//! What the split dialog and the compare view share as modal layers: focus
//! moves inside when one opens and goes back where it was when it closes; Tab
//! goes round inside it; keys pressed in it never reach the diagram's
//! shortcuts (those listen on the window, and Yew's handler stops them first).

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, SvgElement};
use yew::prelude::*;

use crate::effect::use_effect_with;

/// What Tab can land on inside a modal layer.
const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), \
                         select:not([disabled]), [tabindex=\"0\"]";

/// Gives focus to `element`, an HTML or an SVG element.
pub fn focus(element: &Element) {
    if let Some(html) = element.dyn_ref::<HtmlElement>() {
        let _ = html.focus();
    } else if let Some(svg) = element.dyn_ref::<SvgElement>() {
        let _ = svg.focus();
    }
}

/// The first element inside `container` matching `selector`.
fn first(container: &Element, selector: &str) -> Option<Element> {
    container.query_selector(selector).ok().flatten()
}

/// For a keydown inside a modal layer: stops it reaching the page's shortcuts,
/// and keeps Tab and Shift+Tab going round inside `container`.
pub fn keep_inside(container: &NodeRef, e: &KeyboardEvent) {
    e.stop_propagation();
    if e.key() != "Tab" {
        return;
    }
    let Some(container) = container.cast::<Element>() else {
        return;
    };
    let Ok(list) = container.query_selector_all(FOCUSABLE) else {
        return;
    };
    let items: Vec<Element> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect();
    let (Some(head), Some(tail)) = (items.first(), items.last()) else {
        e.prevent_default();
        return;
    };
    let active = gloo::utils::document().active_element();
    let inside = active.as_ref().is_some_and(|a| items.contains(a));
    let wrap_to = match (e.shift_key(), active) {
        (true, Some(a)) if &a == head || !inside => Some(tail),
        (false, Some(a)) if &a == tail || !inside => Some(head),
        (_, None) => Some(head),
        _ => None,
    };
    if let Some(target) = wrap_to {
        e.prevent_default();
        focus(target);
    }
}

/// A modal layer's keydown handler: [`keep_inside`] `container`, and
/// Escape calls `on_close`.
pub fn close_on_escape(container: NodeRef, on_close: Callback<()>) -> impl Fn(KeyboardEvent) {
    move |e: KeyboardEvent| {
        keep_inside(&container, &e);
        if e.key() == "Escape" {
            e.prevent_default();
            on_close.emit(());
        }
    }
}

/// On mounting, remembers what had focus and focuses the first element of
/// `container` matching `first_selector`; on unmounting, gives focus back to
/// what had it, else to the first element of the page matching `fallback`.
/// Given back after the render that removed the layer, so that an element the
/// same render re-created is found.
#[hook]
pub fn use_modal_focus(container: NodeRef, first_selector: &'static str, fallback: &'static str) {
    use_effect_with((), move |_| {
        let document = gloo::utils::document();
        let before = document.active_element();
        if let Some(el) = container
            .cast::<Element>()
            .and_then(|c| first(&c, first_selector))
        {
            focus(&el);
        }
        move || {
            Timeout::new(0, move || {
                let document = gloo::utils::document();
                let target = before
                    .filter(|e| e.is_connected() && e.tag_name() != "BODY")
                    .or_else(|| document.query_selector(fallback).ok().flatten());
                if let Some(el) = target {
                    focus(&el);
                }
            })
            .forget();
        }
    });
}
