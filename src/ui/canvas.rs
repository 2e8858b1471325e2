//! The diagram: an SVG canvas with its links and nodes, and the drag controller.
//!
//! A drag moves the node in the [`Positions`] store on every pointer move (only
//! that node and its links re-render) and tells the reducer once, on release,
//! so that the document, undo and autosave see one move.

use std::rc::Rc;

use web_sys::{Element, SvgGraphicsElement};
use yew::prelude::*;

use super::link_view::{LinkView, LinkViewProps};
use super::node_view::{NodeEvent, NodeView, NodeViewProps};
use super::positions::Positions;
use crate::editor::{Action, Selection};
use crate::model::analysis::Status;
use crate::model::geometry::node_size;
use crate::model::Document;

/// A pointer this far (screen pixels) from where it went down turns a click into a drag.
const DRAG_THRESHOLD_PX: f64 = 3.0;

/// What the analysis says of one node, as the canvas draws it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeFacts {
    pub status: Status,
    pub spof: bool,
}

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub doc: Rc<Document>,
    /// Changes when a new document is opened: the view is fitted to it again.
    pub load_count: u64,
    /// Per node, in document order.
    pub facts: Rc<Vec<NodeFacts>>,
    pub selection: Selection,
    pub dispatch: Callback<Action>,
}

struct Drag {
    id: AttrValue,
    pointer_id: i32,
    start_client: (f64, f64),
    start_pos: (f64, f64),
    /// Screen pixels per diagram unit.
    scale: f64,
    moved: bool,
}

#[derive(Default)]
struct DragState {
    drag: Option<Drag>,
    /// The last pointer-down became a drag: the click that follows is not a kill.
    suppress_click: bool,
}

/// The diagram's bounding box with a margin: `min-x min-y width height`.
fn fitted_view_box(doc: &Document) -> String {
    if doc.nodes.is_empty() {
        return "0 0 800 500".into();
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for n in &doc.nodes {
        let (w, h) = node_size(n);
        x0 = x0.min(n.x - w / 2.0);
        y0 = y0.min(n.y - h / 2.0);
        x1 = x1.max(n.x + w / 2.0);
        y1 = y1.max(n.y + h / 2.0);
    }
    let margin = 40.0;
    let (w, h) = (
        (x1 - x0 + 2.0 * margin).max(400.0),
        (y1 - y0 + 2.0 * margin).max(300.0),
    );
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    format!("{} {} {} {}", cx - w / 2.0, cy - h / 2.0, w, h)
}

#[function_component(Canvas)]
pub fn canvas(props: &CanvasProps) -> Html {
    let svg_ref = use_node_ref();
    let positions = use_memo((), |_| Positions::default());
    positions.sync(&props.doc);
    let drag = use_mut_ref(DragState::default);
    let view_box = use_memo(props.load_count, {
        let doc = props.doc.clone();
        move |_| fitted_view_box(&doc)
    });

    let on_node_event = {
        let (drag, svg_ref, dispatch) = (drag.clone(), svg_ref.clone(), props.dispatch.clone());
        let positions = (*positions).clone();
        use_callback((), move |event: NodeEvent, _| match event {
            NodeEvent::PointerDown { id, event } => {
                if event.button() != 0 {
                    return;
                }
                let scale = svg_ref
                    .cast::<SvgGraphicsElement>()
                    .and_then(|svg| svg.get_screen_ctm())
                    .map(|m| f64::from(m.a()))
                    .filter(|s| s.is_finite() && *s > 0.0)
                    .unwrap_or(1.0);
                let start_pos = positions.get(&id);
                *drag.borrow_mut() = DragState {
                    drag: Some(Drag {
                        id: id.clone(),
                        pointer_id: event.pointer_id(),
                        start_client: (f64::from(event.client_x()), f64::from(event.client_y())),
                        start_pos,
                        scale,
                        moved: false,
                    }),
                    suppress_click: false,
                };
                dispatch.emit(Action::Select(Selection::node(id.to_string())));
            }
            NodeEvent::InstanceClick { id, index } => {
                if !drag.borrow().suppress_click {
                    dispatch.emit(Action::ToggleInstance {
                        id: id.to_string(),
                        index,
                    });
                }
            }
        })
    };

    let on_pointer_move = {
        let (drag, positions, svg_ref) = (drag.clone(), (*positions).clone(), svg_ref.clone());
        move |event: PointerEvent| {
            let mut state = drag.borrow_mut();
            let Some(d) = state
                .drag
                .as_mut()
                .filter(|d| d.pointer_id == event.pointer_id())
            else {
                return;
            };
            let (dx, dy) = (
                f64::from(event.client_x()) - d.start_client.0,
                f64::from(event.client_y()) - d.start_client.1,
            );
            if !d.moved && dx.hypot(dy) < DRAG_THRESHOLD_PX {
                return;
            }
            if !d.moved {
                // Now it is a drag: keep receiving moves when the pointer leaves
                // the window. Not before, or the click on an instance would be
                // retargeted to the canvas. (Yew delegates events, so
                // `current_target` is its root, not the svg.)
                if let Some(svg) = svg_ref.cast::<Element>() {
                    let _ = svg.set_pointer_capture(d.pointer_id);
                }
            }
            d.moved = true;
            let at = (
                (d.start_pos.0 + dx / d.scale).round(),
                (d.start_pos.1 + dy / d.scale).round(),
            );
            let id = d.id.clone();
            drop(state);
            positions.set(&id, at);
        }
    };

    let on_pointer_up = {
        let (drag, positions, dispatch) =
            (drag.clone(), (*positions).clone(), props.dispatch.clone());
        let svg_ref = svg_ref.clone();
        move |_: PointerEvent| {
            let mut state = drag.borrow_mut();
            let Some(d) = state.drag.take() else { return };
            if let Some(svg) = svg_ref.cast::<Element>() {
                let _ = svg.release_pointer_capture(d.pointer_id);
            }
            state.suppress_click = d.moved;
            drop(state);
            if d.moved {
                let (x, y) = positions.get(&d.id);
                dispatch.emit(Action::MoveNode {
                    id: d.id.to_string(),
                    x,
                    y,
                });
            }
        }
    };

    let sizes: Vec<(f64, f64)> = props.doc.nodes.iter().map(node_size).collect();
    let links = props.doc.links.iter().filter_map(|link| {
        let from = props.doc.node_index(&link.from)?;
        let to = props.doc.node_index(&link.to)?;
        let p = LinkViewProps {
            from: AttrValue::from(link.from.clone()),
            to: AttrValue::from(link.to.clone()),
            kind: props.doc.link_kind(link),
            from_size: sizes[from],
            to_size: sizes[to],
            positions: (*positions).clone(),
        };
        let key = format!("{}->{}", link.from, link.to);
        Some(html! { <LinkView key={key} ..p /> })
    });
    let nodes = props.doc.nodes.iter().enumerate().map(|(i, node)| {
        let facts = props.facts.get(i).copied().unwrap_or(NodeFacts {
            status: Status::Up,
            spof: false,
        });
        let selected = props.selection.has_node(&node.id);
        let p = NodeViewProps::of(
            node,
            facts.status,
            facts.spof,
            selected,
            &positions,
            &on_node_event,
        );
        html! { <NodeView key={node.id.clone()} ..p /> }
    });
    let markers = crate::model::LinkKind::ALL.iter().map(|k| {
        let kind = k.as_str();
        html! {
            <marker id={format!("arrow-{kind}")} class={format!("arrow arrow-{kind}")}
                    viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5"
                    orient="auto-start-reverse">
                <path d="M0 0L10 5L0 10z" />
            </marker>
        }
    });
    html! {
        <svg ref={svg_ref} class="canvas" data-topolab-canvas="" viewBox={(*view_box).clone()}
             preserveAspectRatio="xMidYMid meet" role="img"
             aria-label={props.doc.title.clone().unwrap_or_else(|| "Topology diagram".into())}
             onpointermove={on_pointer_move} onpointerup={on_pointer_up.clone()}
             onpointercancel={on_pointer_up}>
            <defs>{ for markers }</defs>
            <g class="links">{ for links }</g>
            <g class="nodes">{ for nodes }</g>
        </svg>
    }
}
