//! The nodes and links as the canvas draws them: how each node looks (its
//! status, selection, blast radius, handle), the hand-kept layer
//! ([`Layer`]) set up once with its events heard on the `<svg>` and every
//! move of the position store written to it, and redrawn after each render
//! where what it is drawn from changed.

use std::cell::Cell;
use std::collections::HashSet;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::{CanvasProps, Parts};
use crate::diagram_events::{self, NodeEvent};
use crate::lang::Lang;
use crate::layer::{Layer, NodeFrame};
use crate::node_text::{accessible_name, DiagramWords};
use crate::traffic::TrafficHub;
use crate::viewport::Detail;
use topolab_editor::Selection;
use topolab_engine::analysis::Status;
use topolab_engine::drawing::NodeLook;
use topolab_engine::geometry::node_box;
use topolab_engine::Document;

/// How long after a whole drawing its elements are looked up, in milliseconds.
const RESOLVE_AFTER_MS: u32 = 300;

/// What the analysis says of one node, as the canvas draws it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeFacts {
    pub status: Status,
    pub spof: bool,
    /// Instances from this index on are new in a previewed change.
    pub added_from: Option<u32>,
    /// Which of the node's zones are down ([`NodeLook::zones_down`]).
    pub zones_down: u16,
}

impl NodeFacts {
    /// What the analysis says of a node, and which of its zones are down in `doc`.
    pub fn of(
        doc: &Document,
        node: &topolab_engine::Node,
        status: Status,
        spof: bool,
    ) -> NodeFacts {
        let zones_down = node
            .zones
            .iter()
            .flatten()
            .enumerate()
            .fold(0u16, |mask, (j, id)| {
                let down = doc.zones.iter().any(|z| &z.id == id && z.is_down());
                if down && j < 16 {
                    mask | (1 << j)
                } else {
                    mask
                }
            });
        NodeFacts {
            status,
            spof,
            added_from: None,
            zones_down,
        }
    }
}

/// What the canvas's props say of how each node looks.
struct Looks<'a> {
    facts: &'a [NodeFacts],
    selection: &'a Selection,
    blast: &'a HashSet<String>,
    hovered: Option<&'a str>,
    detail: Detail,
    lang: Lang,
    /// Connect handles are drawn.
    handles: bool,
}

impl Looks<'_> {
    /// One frame a node of `doc`, in document order.
    fn frames(&self, doc: &Document) -> Vec<NodeFrame> {
        let primary = self.selection.primary();
        let tab_stop = primary.or_else(|| doc.nodes.first().map(|n| n.id.as_str()));
        doc.nodes
            .iter()
            .enumerate()
            .map(|(i, node)| {
                let facts = self.facts.get(i).copied().unwrap_or(NodeFacts {
                    status: Status::Up,
                    spof: false,
                    added_from: None,
                    zones_down: 0,
                });
                let id = Some(node.id.as_str());
                NodeFrame {
                    look: NodeLook {
                        status: facts.status,
                        spof: facts.spof,
                        selected: self.selection.has_node(&node.id),
                        in_blast: self.blast.contains(&node.id),
                        detail: self.detail.covers(node_box(node)),
                        handle: self.handles && (self.hovered == id || primary == id),
                        added_from: facts.added_from,
                        zones_down: facts.zones_down,
                    },
                    tab_stop: tab_stop == id,
                    aria_label: accessible_name(node, facts.status, facts.spof, self.lang),
                }
            })
            .collect()
    }
}

/// Moves keyboard focus to node `id` of the canvas.
pub(super) fn focus_node(svg: &NodeRef, id: &str) {
    let Some(svg) = svg.cast::<Element>() else {
        return;
    };
    // Ids hold only `A-Z a-z 0-9 _ - .` (docs/spec/model.md §1.1): safe inside the quotes.
    if let Ok(Some(node)) = svg.query_selector(&format!("[data-node-id=\"{id}\"]")) {
        if let Ok(node) = node.dyn_into::<web_sys::SvgElement>() {
            let _ = node.focus();
        }
    }
}

/// The layer, made once the `<svg>` exists, with the traffic told where to
/// draw, the layer's events heard and every move of the position store written to it.
#[hook]
pub(super) fn use_layer(parts: &Parts, on_node_event: Callback<NodeEvent>, traffic: &TrafficHub) {
    {
        let (hub, refs, positions) = (traffic.clone(), parts.refs.clone(), parts.positions.clone());
        use_effect_with((), move |_| {
            if let (Some(layer), Some(svg), Some(dots)) = (
                refs.traffic.cast::<Element>(),
                refs.svg.cast::<Element>(),
                refs.dots.cast::<web_sys::HtmlCanvasElement>(),
            ) {
                hub.attach(positions, layer, svg, dots);
            }
            move || hub.detach()
        });
    }
    let (refs, positions, layer) = (
        parts.refs.clone(),
        parts.positions.clone(),
        parts.layer.clone(),
    );
    use_effect_with((), move |_| {
        let parts = (
            refs.svg.cast::<Element>(),
            refs.links_end.cast::<Element>(),
            refs.nodes_end.cast::<Element>(),
        );
        let mut listeners = Vec::new();
        let mut subscription = None;
        if let (Some(svg), Some(links_end), Some(nodes_end)) = parts {
            listeners = diagram_events::listen(&svg, on_node_event);
            *layer.borrow_mut() = Some(Layer::new(svg, links_end, nodes_end, positions.clone()));
            subscription = Some(positions.listen(Callback::from(move |id: Rc<str>| {
                if let Ok(mut layer) = layer.try_borrow_mut() {
                    if let Some(layer) = layer.as_mut() {
                        layer.moved(&id);
                    }
                }
            })));
        }
        move || drop((listeners, subscription))
    });
}

/// After every render the layer draws what changed. The level of detail is
/// read from the view itself, so the first drawing already has the fitted
/// view's. A node just added by keyboard (`focus_after`) gets focus.
#[hook]
pub(super) fn use_drawing(
    props: &CanvasProps,
    parts: &Parts,
    lang: Lang,
    focus_after: Rc<Cell<bool>>,
) {
    let layer = parts.layer.clone();
    let resolve_timer = use_mut_ref(|| None::<Timeout>);
    let (doc, facts, blast) = (props.doc.clone(), props.facts.clone(), props.blast.clone());
    let (selection, hovered) = (props.selection.clone(), props.hovered.clone());
    let (editable, traffic) = (props.editable, props.traffic.clone());
    let (viewport, svg_ref) = (parts.viewport.clone(), parts.refs.svg.clone());
    use_effect(move || {
        let Ok(mut held) = layer.try_borrow_mut() else {
            return;
        };
        let Some(drawn) = held.as_mut() else {
            return;
        };
        let looks = Looks {
            facts: &facts,
            selection: &selection,
            blast: &blast,
            hovered: hovered.as_deref(),
            detail: viewport.detail(),
            lang,
            handles: editable,
        };
        let link = match &selection {
            Selection::Link { from, to } => Some((from.as_str(), to.as_str())),
            _ => None,
        };
        drawn.sync(
            &doc,
            &looks.frames(&doc),
            (link, looks.detail.anywhere()),
            &DiagramWords(lang),
        );
        traffic.nodes_drawn(drawn.revision());
        if focus_after.replace(false) {
            if let Some(id) = selection.primary() {
                focus_node(&svg_ref, id);
            }
        }
        if drawn.unresolved() {
            // Found once the page has shown the drawing, not while it waits for it.
            let later = layer.clone();
            *resolve_timer.borrow_mut() = Some(Timeout::new(RESOLVE_AFTER_MS, move || {
                if let Ok(mut layer) = later.try_borrow_mut() {
                    if let Some(layer) = layer.as_mut() {
                        layer.resolve();
                    }
                }
            }));
        }
    });
}
