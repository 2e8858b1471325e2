//! The pointer on the canvas: its events, turned into the gesture machine's
//! plain input ([`topolab_editor::gesture`]), and the [`Effect`]s that come
//! back performed on the page. A move of a drag touches only the position
//! store (whose listener, the layer, rewrites the moved nodes) and a pan
//! only the view box: nothing re-renders during a gesture.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, PointerEvent};
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::Parts;
use crate::diagram_events::NodeEvent;
use crate::lang::Text;
use topolab_editor::gesture::{Effect, Point, Pointer, Press, Rect, Release, Scene, State, Target};

/// The handlers of what a pointer does on the nodes and on the background.
pub(super) struct PointerHandlers {
    /// For the events heard on the layer's nodes and links (`diagram_events`).
    pub on_node_event: Callback<NodeEvent>,
    /// A press on the empty background.
    pub on_backdrop_down: Callback<PointerEvent>,
}

/// The handlers, built once, and the listeners for moves and releases on the
/// `<svg>` itself: going through Yew's event delegation cost a drag a tenth
/// of a millisecond a move, a fifth of the whole budget on big diagrams.
#[hook]
pub(super) fn use_pointer(parts: &Parts) -> PointerHandlers {
    let handlers = use_memo((), {
        let parts = parts.clone();
        move |_| {
            let on_node = parts.clone();
            (
                Callback::from(move |event| node_event(&on_node, event)),
                Callback::from(move |e: PointerEvent| pressed(&parts, Target::Background, &e)),
            )
        }
    });
    {
        let parts = parts.clone();
        use_effect_with((), move |_| {
            let listeners = parts
                .refs
                .svg
                .cast::<Element>()
                .map(|svg| listen(&svg, &parts));
            move || drop(listeners)
        });
    }
    PointerHandlers {
        on_node_event: handlers.0.clone(),
        on_backdrop_down: handlers.1.clone(),
    }
}

fn listen(svg: &Element, parts: &Parts) -> [EventListener; 3] {
    let on = |kind: &'static str, handle: fn(&Parts, &PointerEvent)| {
        let parts = parts.clone();
        EventListener::new(svg, kind, move |e| {
            if let Some(e) = e.dyn_ref::<PointerEvent>() {
                handle(&parts, e);
            }
        })
    };
    [
        on("pointermove", moved),
        on("pointerup", released),
        on("pointercancel", released),
    ]
}

fn pointer_of(e: &PointerEvent) -> Pointer {
    Pointer {
        id: e.pointer_id(),
        client: Point::new(f64::from(e.client_x()), f64::from(e.client_y())),
    }
}

/// Runs `f` with the scene as the last render left it; nothing stays borrowed after.
fn with_scene<T>(parts: &Parts, f: impl FnOnce(&Scene) -> T) -> T {
    let rendered = parts.rendered.borrow();
    let positions = |id: &str| Point::from(parts.positions.get(id));
    let scene = Scene {
        doc: &rendered.doc,
        selection: &rendered.selection,
        positions: &positions,
        view: &parts.viewport,
        readonly: parts.readonly,
        editable: parts.editable,
    };
    f(&scene)
}

fn node_event(parts: &Parts, event: NodeEvent) {
    let gestures = &parts.gestures;
    let effects = match event {
        NodeEvent::PointerDown { id, event } => {
            return pressed(parts, Target::Node(id.to_string()), &event)
        }
        NodeEvent::HandleDown { id, event } => {
            return pressed(parts, Target::Handle(id.to_string()), &event)
        }
        NodeEvent::LinkDown { from, to, event } => {
            let on = Target::Link {
                from: from.to_string(),
                to: to.to_string(),
            };
            return pressed(parts, on, &event);
        }
        NodeEvent::InstanceClick { id, index } => gestures.borrow().instance_clicked(&id, index),
        NodeEvent::Hover(id) => gestures.borrow().hovered(id.map(|id| id.to_string())),
        NodeEvent::Focus(id) => {
            let selection = parts.rendered.borrow().selection.clone();
            gestures.borrow().focused(&id, &selection)
        }
    };
    perform(parts, effects);
}

fn pressed(parts: &Parts, on: Target, e: &PointerEvent) {
    let press = Press {
        pointer: pointer_of(e),
        on,
        primary: e.button() == 0,
        shift: e.shift_key(),
    };
    let effects = with_scene(parts, |scene| {
        parts.gestures.borrow_mut().press(press, scene)
    });
    perform(parts, effects);
}

fn moved(parts: &Parts, e: &PointerEvent) {
    let effects = with_scene(parts, |scene| {
        parts.gestures.borrow_mut().moved(pointer_of(e), scene)
    });
    perform(parts, effects);
}

fn released(parts: &Parts, e: &PointerEvent) {
    let pointer = pointer_of(e);
    let connecting = matches!(parts.gestures.borrow().state(), State::Connecting(_));
    let release = Release {
        pointer,
        cancelled: e.type_() == "pointercancel",
        over: connecting.then(|| node_at(pointer.client)).flatten(),
    };
    let effects = with_scene(parts, |scene| {
        parts.gestures.borrow_mut().released(release, scene)
    });
    perform(parts, effects);
}

/// The node group of the diagram under client point `at`, if any.
fn node_at(at: Point) -> Option<String> {
    let element = gloo::utils::document().element_from_point(at.x as f32, at.y as f32)?;
    let group = element.closest("[data-node-id]").ok()??;
    group.get_attribute("data-node-id")
}

/// Performs a gesture's effects, in order.
pub(super) fn perform(parts: &Parts, effects: Vec<Effect>) {
    let svg = || parts.refs.svg.cast::<Element>();
    for effect in effects {
        match effect {
            Effect::CommitPendingEdit => commit_pending_edit(),
            Effect::Capture(id) => {
                if let Some(svg) = svg() {
                    let _ = svg.set_pointer_capture(id);
                }
            }
            Effect::Release(id) => {
                if let Some(svg) = svg() {
                    let _ = svg.release_pointer_capture(id);
                }
            }
            Effect::Move(moves) => {
                for (id, at) in moves {
                    parts.positions.set(&id, at.into());
                }
            }
            Effect::Pan(by) => parts.viewport.pan_pixels(by.x, by.y),
            Effect::Zoom { factor, at } => parts.viewport.zoom_at_client(factor, at.x, at.y),
            Effect::Marquee(rect) => marquee(&parts.refs.marquee, rect),
            Effect::RubberBand(ends) => rubber_band(&parts.refs.rubber, ends),
            Effect::Do(action) => parts.dispatch.emit(action),
            Effect::Hover(id) => parts.on_hover.emit(id.map(AttrValue::from)),
            Effect::Refused(why) => parts.tell.emit(Text::of(|lang| why.message(lang))),
        }
    }
}

/// Lets a text field being edited commit its value (its `change` fires on blur)
/// before a press on the canvas changes what the inspector shows.
fn commit_pending_edit() {
    let Some(el) = gloo::utils::document().active_element() else {
        return;
    };
    if crate::keyboard::editable(Some(el.clone().into())) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let _ = el.blur();
        }
    }
}

/// Shows the marquee over `rect`, or hides it.
fn marquee(element: &NodeRef, rect: Option<Rect>) {
    let attributes = rect.map(|r| [("x", r.x), ("y", r.y), ("width", r.w), ("height", r.h)]);
    overlay(element, attributes.as_ref().map(|a| a.as_slice()));
}

/// Draws the rubber band between two diagram points, or hides it.
pub(super) fn rubber_band(element: &NodeRef, ends: Option<(Point, Point)>) {
    let attributes = ends.map(|(a, b)| [("x1", a.x), ("y1", a.y), ("x2", b.x), ("y2", b.y)]);
    overlay(element, attributes.as_ref().map(|a| a.as_slice()));
}

/// Shows an overlay element with these attributes, or hides it.
fn overlay(element: &NodeRef, attributes: Option<&[(&str, f64)]>) {
    let Some(el) = element.cast::<Element>() else {
        return;
    };
    match attributes {
        Some(attributes) => {
            let _ = el.remove_attribute("hidden");
            let _ = el.set_attribute("visibility", "visible");
            for (name, value) in attributes {
                let _ = el.set_attribute(name, &value.to_string());
            }
        }
        None => {
            let _ = el.set_attribute("visibility", "hidden");
        }
    }
}
