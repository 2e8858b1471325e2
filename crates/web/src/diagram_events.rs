//! What happens on the diagram's nodes and links, heard once on the `<svg>`.
//!
//! The layer ([`super::layer`]) draws plain elements with no listener of
//! their own; these few listeners on the `<svg>` find which node, instance,
//! handle or link an event happened on (by the automation attributes of
//! docs/spec/app.md) and tell the canvas as a [`NodeEvent`], which it feeds
//! to the gesture machine (`canvas/pointer.rs`).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, FocusEvent, MouseEvent, PointerEvent};
use yew::{AttrValue, Callback};

/// What a pointer or focus did on the diagram; the canvas decides what it means.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeEvent {
    /// A pointer went down on a node (a drag or a click may follow).
    PointerDown { id: AttrValue, event: PointerEvent },
    /// A pointer went down on a node's connect handle (a new link may follow).
    HandleDown { id: AttrValue, event: PointerEvent },
    /// An instance square was clicked.
    InstanceClick { id: AttrValue, index: u32 },
    /// The pointer entered (`Some`) or left (`None`) a node.
    Hover(Option<AttrValue>),
    /// Keyboard focus landed on a node.
    Focus(AttrValue),
    /// A pointer went down on a link.
    LinkDown {
        from: AttrValue,
        to: AttrValue,
        event: PointerEvent,
    },
}

/// The element an event happened on, if it is one.
fn target_of(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

/// The nearest element around `el` (itself included) carrying `attribute`, and its value.
fn around(el: &Element, attribute: &str) -> Option<(Element, String)> {
    let found = el.closest(&format!("[{attribute}]")).ok()??;
    let value = found.get_attribute(attribute)?;
    Some((found, value))
}

/// The id of the node `el` is part of.
fn node_of(el: &Element) -> Option<AttrValue> {
    around(el, "data-node-id").map(|(_, id)| AttrValue::from(id))
}

/// Listens on `svg` for as long as the result lives.
pub fn listen(svg: &Element, on_event: Callback<NodeEvent>) -> Vec<EventListener> {
    let hovered: Rc<RefCell<Option<AttrValue>>> = Rc::default();
    let down = {
        let on_event = on_event.clone();
        EventListener::new(svg, "pointerdown", move |e| {
            let (Some(event), Some(el)) = (e.dyn_ref::<PointerEvent>(), target_of(e)) else {
                return;
            };
            if around(&el, "data-handle").is_some() {
                if let Some(id) = node_of(&el) {
                    event.stop_propagation();
                    on_event.emit(NodeEvent::HandleDown {
                        id,
                        event: event.clone(),
                    });
                }
            } else if let Some(id) = node_of(&el) {
                on_event.emit(NodeEvent::PointerDown {
                    id,
                    event: event.clone(),
                });
            } else if let Some((_, key)) = around(&el, "data-link") {
                if event.button() != 0 {
                    return;
                }
                if let Some((from, to)) = key.split_once("->") {
                    event.stop_propagation();
                    on_event.emit(NodeEvent::LinkDown {
                        from: AttrValue::from(from.to_string()),
                        to: AttrValue::from(to.to_string()),
                        event: event.clone(),
                    });
                }
            }
        })
    };
    let click = {
        let on_event = on_event.clone();
        EventListener::new(svg, "click", move |e| {
            let (Some(_), Some(el)) = (e.dyn_ref::<MouseEvent>(), target_of(e)) else {
                return;
            };
            let Some((_, index)) = around(&el, "data-instance") else {
                return;
            };
            let (Some(id), Ok(index)) = (node_of(&el), index.parse::<u32>()) else {
                return;
            };
            e.stop_propagation();
            on_event.emit(NodeEvent::InstanceClick { id, index });
        })
    };
    // Enter and leave do not bubble; over and out do, and say where the pointer went.
    let over = {
        let (on_event, hovered) = (on_event.clone(), hovered.clone());
        EventListener::new(svg, "pointerover", move |e| {
            let id = target_of(e).and_then(|el| node_of(&el));
            if id.is_some() && *hovered.borrow() != id {
                *hovered.borrow_mut() = id.clone();
                on_event.emit(NodeEvent::Hover(id));
            }
        })
    };
    let out = {
        let on_event = on_event.clone();
        EventListener::new(svg, "pointerout", move |e| {
            let Some(event) = e.dyn_ref::<PointerEvent>() else {
                return;
            };
            let going_to = event
                .related_target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| node_of(&el));
            if going_to.is_none() && hovered.borrow().is_some() {
                *hovered.borrow_mut() = None;
                on_event.emit(NodeEvent::Hover(None));
            }
        })
    };
    let focus = EventListener::new(svg, "focusin", move |e| {
        let Some(el) = e.dyn_ref::<FocusEvent>().and_then(|_| target_of(e)) else {
            return;
        };
        if let Some(id) = el.get_attribute("data-node-id") {
            on_event.emit(NodeEvent::Focus(AttrValue::from(id)));
        }
    });
    vec![down, click, over, out, focus]
}
