//! The diagram's nodes and links, kept by hand right under the `<svg>`.
//!
//! Thousands of nodes and links as components cost Yew a component, a VDOM
//! and a `setAttribute` call per attribute each: a 2,000-node diagram took
//! 2.6 times as long to appear as the same diagram in hand-written SVG. Here
//! the whole diagram is written as markup ([`topolab_engine::drawing`], the same
//! the CLI renders) and inserted with one parse; afterwards each sync compares
//! what every node and link is drawn from with what it was drawn from, and
//! touches only what changed: a group's attributes one by one (so a focused
//! node keeps focus), a node's body as one `innerHTML`, a link's class or
//! ends. A move rewrites the node's `transform` and its links' ends, nothing
//! else.
//!
//! The layer never decides anything: the canvas says what to draw (the
//! document and a [`NodeLook`] a node) and turns the events on these elements
//! into actions.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;

use super::positions::Positions;
use topolab_engine::drawing::{
    arrow_marker, link_ends, link_key, node_class, placement, write_handle, write_link, write_node,
    write_node_body, write_tooltip, LinkLook, NodeLook, NodeWords,
};
use topolab_engine::geometry::node_size;
use topolab_engine::{Document, LinkKind, Node, NodeKind};

/// More new nodes than this at once (a diagram opened) and the layer is
/// written again whole, with one parse, rather than node by node.
const REWRITE_ABOVE: usize = 64;

/// What a node's group is drawn from, beyond its body.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeFrame {
    pub look: NodeLook,
    /// The diagram's one Tab stop.
    pub tab_stop: bool,
    /// Its accessible name.
    pub aria_label: String,
}

/// Words a node is drawn with, in the viewer's language; asked for only when
/// a node is (re)drawn.
pub trait Wording {
    /// Names the wording (its language): another key redraws every node.
    fn key(&self) -> &str;
    fn caption(&self, kind: NodeKind) -> String;
    fn spof(&self) -> &str;
    fn tooltip(&self, node: &Node) -> String;
    fn handle_tip(&self) -> &str;
}

/// What a node's body is drawn from: its own fields and the look.
#[derive(Clone, Debug, PartialEq)]
struct BodyKey {
    kind: NodeKind,
    label: String,
    replicas: u32,
    killed: Vec<u32>,
    /// The zones its instances run in (each instance's mark and colour).
    zones: Option<Vec<String>>,
    look: NodeLook,
}

impl BodyKey {
    /// Only what the body shows: selection and blast radius are classes of the
    /// group, and the handle and tooltip come and go by themselves
    /// ([`show_handle`]), so the element under a press (an instance being
    /// clicked) is never replaced by a hover or a selection.
    fn of(node: &Node, look: NodeLook) -> BodyKey {
        BodyKey {
            kind: node.kind,
            label: node.label().to_string(),
            replicas: if node.is_client() { 0 } else { node.replicas() },
            killed: node.killed.clone(),
            zones: node.zones.clone(),
            look: NodeLook {
                handle: false,
                selected: false,
                in_blast: false,
                ..look
            },
        }
    }
}

/// Adds or takes away a node's tooltip and connect handle.
fn show_handle(el: &Element, node: &Node, shown: bool, wording: &dyn Wording) {
    for selector in [":scope > title", ":scope > .connect-handle"] {
        if let Ok(Some(old)) = el.query_selector(selector) {
            old.remove();
        }
    }
    if !shown {
        return;
    }
    let (mut tooltip, mut handle) = (String::new(), String::new());
    write_tooltip(&mut tooltip, &wording.tooltip(node));
    write_handle(&mut handle, node, wording.handle_tip());
    let _ = el.insert_adjacent_html("afterbegin", &tooltip);
    let _ = el.insert_adjacent_html("beforeend", &handle);
}

struct DrawnNode {
    frame: NodeFrame,
    body: BodyKey,
    size: (f64, f64),
    element: Option<Element>,
}

/// What a link is drawn from.
#[derive(Clone, Debug, PartialEq)]
struct LinkFace {
    from: Rc<str>,
    to: Rc<str>,
    kind: LinkKind,
    look: LinkLook,
}

struct DrawnLink {
    face: LinkFace,
    sizes: ((f64, f64), (f64, f64)),
    path: Option<Element>,
    envelope: Option<Element>,
}

/// The layer: the elements it drew, by node id and by link key (`from->to`).
pub struct Layer {
    svg: Element,
    /// Links go before this element, nodes before `nodes_end`: links under nodes,
    /// both under the overlays (marquee, rubber band).
    links_end: Element,
    nodes_end: Element,
    positions: Positions,
    nodes: HashMap<Rc<str>, DrawnNode>,
    links: HashMap<Rc<str>, DrawnLink>,
    /// The links that touch each node, for moves.
    touching: HashMap<Rc<str>, Vec<Rc<str>>>,
    /// False after a whole write: the elements are found on first need.
    resolved: bool,
    /// The wording the nodes were drawn with.
    wording: String,
    /// Counts the syncs that wrote a node's markup (new, rewritten or gone),
    /// for what marks nodes' elements by hand (the traffic's chaos marks).
    revision: u64,
}

/// Attributes an app node's group carries beyond the drawing's own.
fn frame_attributes(frame: &NodeFrame) -> String {
    let mut out = format!(
        r#"tabindex="{}" role="button" aria-pressed="{}" aria-label=""#,
        if frame.tab_stop { "0" } else { "-1" },
        frame.look.selected
    );
    topolab_engine::drawing::escape_into(&mut out, &frame.aria_label);
    out.push('"');
    out
}

impl Layer {
    pub fn new(
        svg: Element,
        links_end: Element,
        nodes_end: Element,
        positions: Positions,
    ) -> Layer {
        Layer {
            svg,
            links_end,
            nodes_end,
            positions,
            nodes: HashMap::new(),
            links: HashMap::new(),
            touching: HashMap::new(),
            resolved: true,
            wording: String::new(),
            revision: 0,
        }
    }

    /// Changes whenever a node's markup was written again: marks set on its
    /// elements by hand may be gone.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn node_markup(&self, node: &Node, frame: &NodeFrame, wording: &dyn Wording) -> String {
        let mut out = String::new();
        let caption = wording.caption(node.kind);
        let tooltip = if frame.look.handle {
            wording.tooltip(node)
        } else {
            String::new()
        };
        let words = NodeWords {
            caption: &caption,
            spof: wording.spof(),
            tooltip: &tooltip,
            handle_tip: wording.handle_tip(),
        };
        write_node(
            &mut out,
            node,
            self.positions.get(&node.id),
            &frame.look,
            &words,
            &frame_attributes(frame),
        );
        out
    }

    fn body_markup(node: &Node, look: &NodeLook, wording: &dyn Wording) -> String {
        let mut out = String::new();
        let caption = wording.caption(node.kind);
        let tooltip = if look.handle {
            wording.tooltip(node)
        } else {
            String::new()
        };
        let words = NodeWords {
            caption: &caption,
            spof: wording.spof(),
            tooltip: &tooltip,
            handle_tip: wording.handle_tip(),
        };
        write_node_body(&mut out, node, look, &words);
        out
    }

    /// Draws `doc` with `frames[i]` for its node `i`, touching only what
    /// changed; links with their arrow heads when `arrows`.
    pub fn sync(
        &mut self,
        doc: &Document,
        frames: &[NodeFrame],
        (selected_link, arrows): (Option<(&str, &str)>, bool),
        wording: &dyn Wording,
    ) {
        let new_nodes = doc
            .nodes
            .iter()
            .filter(|n| !self.nodes.contains_key(n.id.as_str()))
            .count();
        if new_nodes > REWRITE_ABOVE || self.wording != wording.key() {
            self.clear();
            self.wording = wording.key().to_string();
        }
        if self.nodes.is_empty() && self.links.is_empty() {
            self.revision += 1;
            self.write_whole(doc, frames, (selected_link, arrows), wording);
            return;
        }
        self.sync_nodes(doc, frames, wording);
        self.sync_links(doc, (selected_link, arrows));
    }

    /// Removes every element the layer drew.
    fn clear(&mut self) {
        self.resolve();
        for (_, drawn) in self.nodes.drain() {
            if let Some(el) = drawn.element {
                el.remove();
            }
        }
        for (_, drawn) in self.links.drain() {
            for el in [drawn.path, drawn.envelope].into_iter().flatten() {
                el.remove();
            }
        }
        self.touching.clear();
    }

    /// The link faces of `doc`, keyed, in document order.
    fn faces(
        doc: &Document,
        (selected, arrow): (Option<(&str, &str)>, bool),
    ) -> Vec<(Rc<str>, LinkFace, usize, usize)> {
        let index: HashMap<&str, usize> = doc
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        doc.links
            .iter()
            .filter_map(|link| {
                let (&a, &b) = (index.get(link.from.as_str())?, index.get(link.to.as_str())?);
                let face = LinkFace {
                    from: Rc::from(link.from.as_str()),
                    to: Rc::from(link.to.as_str()),
                    kind: link
                        .kind
                        .unwrap_or_else(|| doc.nodes[a].kind.default_link_kind()),
                    look: LinkLook {
                        selected: selected == Some((link.from.as_str(), link.to.as_str())),
                        arrow,
                    },
                };
                Some((Rc::from(link_key(&link.from, &link.to)), face, a, b))
            })
            .collect()
    }

    fn link_markup(&self, doc: &Document, face: &LinkFace, a: usize, b: usize) -> String {
        let mut out = String::new();
        let (na, nb) = (&doc.nodes[a], &doc.nodes[b]);
        write_link(
            &mut out,
            (na, self.positions.get(&face.from)),
            (nb, self.positions.get(&face.to)),
            face.kind,
            face.look,
        );
        out
    }

    /// The whole diagram as two strings, each inserted with one parse.
    fn write_whole(
        &mut self,
        doc: &Document,
        frames: &[NodeFrame],
        link_looks: (Option<(&str, &str)>, bool),
        wording: &dyn Wording,
    ) {
        let sizes: Vec<(f64, f64)> = doc.nodes.iter().map(node_size).collect();
        let mut links = String::new();
        for (key, face, a, b) in Self::faces(doc, link_looks) {
            links.push_str(&self.link_markup(doc, &face, a, b));
            self.touch(&face, &key);
            self.links.insert(
                key,
                DrawnLink {
                    face,
                    sizes: (sizes[a], sizes[b]),
                    path: None,
                    envelope: None,
                },
            );
        }
        let mut nodes = String::new();
        for (i, node) in doc.nodes.iter().enumerate() {
            let Some(frame) = frames.get(i) else { continue };
            nodes.push_str(&self.node_markup(node, frame, wording));
            self.nodes.insert(
                Rc::from(node.id.as_str()),
                DrawnNode {
                    frame: frame.clone(),
                    body: BodyKey::of(node, frame.look),
                    size: sizes[i],
                    element: None,
                },
            );
        }
        let _ = self.links_end.insert_adjacent_html("beforebegin", &links);
        let _ = self.nodes_end.insert_adjacent_html("beforebegin", &nodes);
        self.resolved = false;
    }

    fn touch(&mut self, face: &LinkFace, key: &Rc<str>) {
        for end in [&face.from, &face.to] {
            self.touching
                .entry(end.clone())
                .or_default()
                .push(key.clone());
        }
    }

    /// Whether the elements of the last whole write are still to be found.
    pub fn unresolved(&self) -> bool {
        !self.resolved
    }

    /// Finds the elements of a whole write, once: when first needed, or when
    /// the page is idle after the first drawing.
    pub fn resolve(&mut self) {
        if self.resolved {
            return;
        }
        self.resolved = true;
        for (selector, attribute) in [
            (":scope > [data-node-id]", "data-node-id"),
            (":scope > [data-link]", "data-link"),
            (":scope > [data-envelope]", "data-envelope"),
        ] {
            let Ok(list) = self.svg.query_selector_all(selector) else {
                continue;
            };
            for i in 0..list.length() {
                let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                    continue;
                };
                let Some(key) = el.get_attribute(attribute) else {
                    continue;
                };
                match attribute {
                    "data-node-id" => {
                        if let Some(d) = self.nodes.get_mut(key.as_str()) {
                            d.element = Some(el);
                        }
                    }
                    "data-link" => {
                        if let Some(d) = self.links.get_mut(key.as_str()) {
                            d.path = Some(el);
                        }
                    }
                    _ => {
                        if let Some(d) = self.links.get_mut(key.as_str()) {
                            d.envelope = Some(el);
                        }
                    }
                }
            }
        }
    }

    fn sync_nodes(&mut self, doc: &Document, frames: &[NodeFrame], wording: &dyn Wording) {
        // The elements are looked for only when something is to change.
        let changes = doc.nodes.len() != self.nodes.len()
            || doc.nodes.iter().zip(frames).any(|(node, frame)| {
                self.nodes
                    .get(node.id.as_str())
                    .is_none_or(|d| d.frame != *frame || d.body != BodyKey::of(node, frame.look))
            });
        if !changes {
            return;
        }
        self.revision += 1;
        self.resolve();
        let mut seen: HashSet<&str> = HashSet::with_capacity(doc.nodes.len());
        // Where a new node goes: before the next node (in document order) already drawn.
        let mut next_drawn: Vec<Option<Element>> = vec![None; doc.nodes.len()];
        let mut after = None;
        for (i, node) in doc.nodes.iter().enumerate().rev() {
            next_drawn[i] = after.clone();
            if let Some(el) = self
                .nodes
                .get(node.id.as_str())
                .and_then(|d| d.element.clone())
            {
                after = Some(el);
            }
        }
        for (i, node) in doc.nodes.iter().enumerate() {
            let Some(frame) = frames.get(i) else { continue };
            seen.insert(&node.id);
            let body = BodyKey::of(node, frame.look);
            let size = node_size(node);
            if let Some(drawn) = self.nodes.get_mut(node.id.as_str()) {
                if let Some(el) = &drawn.element {
                    if drawn.body != body {
                        el.set_inner_html(&Self::body_markup(node, &frame.look, wording));
                    } else if drawn.frame.look.handle != frame.look.handle {
                        show_handle(el, node, frame.look.handle, wording);
                    }
                    patch_frame(el, (drawn.body.kind, node.kind), &drawn.frame, frame);
                }
                drawn.frame = frame.clone();
                drawn.body = body;
                drawn.size = size;
                continue;
            }
            let markup = self.node_markup(node, frame, wording);
            let anchor = next_drawn[i].as_ref().unwrap_or(&self.nodes_end);
            let _ = anchor.insert_adjacent_html("beforebegin", &markup);
            self.nodes.insert(
                Rc::from(node.id.as_str()),
                DrawnNode {
                    frame: frame.clone(),
                    body,
                    size,
                    element: anchor.previous_element_sibling(),
                },
            );
        }
        let gone: Vec<Rc<str>> = self
            .nodes
            .keys()
            .filter(|id| !seen.contains(&***id))
            .cloned()
            .collect();
        for id in gone {
            if let Some(el) = self.nodes.remove(&id).and_then(|d| d.element) {
                el.remove();
            }
        }
    }

    fn sync_links(&mut self, doc: &Document, looks: (Option<(&str, &str)>, bool)) {
        let faces = Self::faces(doc, looks);
        let keys: HashSet<Rc<str>> = faces.iter().map(|(k, ..)| k.clone()).collect();
        let gone: Vec<Rc<str>> = self
            .links
            .keys()
            .filter(|k| !keys.contains(*k))
            .cloned()
            .collect();
        if !gone.is_empty() {
            self.resolve();
        }
        for key in gone {
            self.remove_link(&key);
        }
        let changes = faces.iter().any(|(key, face, ..)| {
            self.links
                .get(key)
                .is_none_or(|d| d.face != *face || d.sizes != self.sizes_of(face))
        });
        if changes {
            self.resolve();
        }
        for (key, face, a, b) in faces {
            let sizes = self.sizes_of(&face);
            match self.links.get_mut(&key) {
                // A new kind can add or drop the envelope: drawn again.
                Some(drawn) if drawn.face.kind != face.kind => {
                    self.remove_link(&key);
                }
                Some(drawn) => {
                    if let Some(path) = &drawn.path {
                        if drawn.face.look.selected != face.look.selected {
                            let _ = path.set_attribute("class", &link_class(&face));
                        }
                        if drawn.face.look.arrow != face.look.arrow {
                            let _ = if face.look.arrow {
                                path.set_attribute("marker-end", &arrow_marker(face.kind))
                            } else {
                                path.remove_attribute("marker-end")
                            };
                        }
                    }
                    drawn.face = face;
                    if drawn.sizes != sizes {
                        drawn.sizes = sizes;
                        self.redraw_link(&key);
                    }
                    continue;
                }
                None => {}
            }
            let markup = self.link_markup(doc, &face, a, b);
            let _ = self.links_end.insert_adjacent_html("beforebegin", &markup);
            let last = self.links_end.previous_element_sibling();
            let (path, envelope) = if face.kind == LinkKind::Async {
                (
                    last.as_ref().and_then(|e| e.previous_element_sibling()),
                    last,
                )
            } else {
                (last, None)
            };
            self.touch(&face, &key);
            self.links.insert(
                key,
                DrawnLink {
                    face,
                    sizes,
                    path,
                    envelope,
                },
            );
        }
    }

    /// The sizes of a link's two boxes, as last drawn.
    fn sizes_of(&self, face: &LinkFace) -> ((f64, f64), (f64, f64)) {
        (
            self.nodes.get(&face.from).map_or((0.0, 0.0), |d| d.size),
            self.nodes.get(&face.to).map_or((0.0, 0.0), |d| d.size),
        )
    }

    fn remove_link(&mut self, key: &Rc<str>) {
        let Some(drawn) = self.links.remove(key) else {
            return;
        };
        for el in [drawn.path, drawn.envelope].into_iter().flatten() {
            el.remove();
        }
        for end in [&drawn.face.from, &drawn.face.to] {
            if let Some(list) = self.touching.get_mut(end) {
                list.retain(|k| k != key);
            }
        }
    }

    /// Rewrites a link's ends from the positions and sizes of its nodes.
    fn redraw_link(&self, key: &str) {
        let Some(drawn) = self.links.get(key) else {
            return;
        };
        let (d, middle) = link_ends(
            self.positions.get(&drawn.face.from),
            drawn.sizes.0,
            self.positions.get(&drawn.face.to),
            drawn.sizes.1,
        );
        if let Some(path) = &drawn.path {
            let _ = path.set_attribute("d", &d);
        }
        if let Some(envelope) = &drawn.envelope {
            let _ = envelope.set_attribute("transform", &middle);
        }
    }

    /// Node `id` moved: its group and its links follow.
    pub fn moved(&mut self, id: &str) {
        self.resolve();
        if let Some(el) = self.nodes.get(id).and_then(|d| d.element.as_ref()) {
            let _ = el.set_attribute("transform", &placement(self.positions.get(id)));
        }
        if let Some(keys) = self.touching.get(id) {
            for key in keys {
                self.redraw_link(key);
            }
        }
    }
}

fn link_class(face: &LinkFace) -> String {
    let k = face.kind.as_str();
    format!(
        "link link-line link-{k}{}",
        if face.look.selected { " selected" } else { "" }
    )
}

/// Sets on a node's group only the attributes whose value changed.
fn patch_frame(el: &Element, (was, kind): (NodeKind, NodeKind), old: &NodeFrame, new: &NodeFrame) {
    if old.look != new.look || was != kind {
        let _ = el.set_attribute("class", &node_class(kind, &new.look));
    }
    if was != kind {
        let _ = el.set_attribute("data-kind", kind.as_str());
    }
    if old.look.status != new.look.status {
        let _ = el.set_attribute("data-status", new.look.status.as_str());
    }
    if old.look.selected != new.look.selected {
        let _ = el.set_attribute("aria-pressed", &new.look.selected.to_string());
    }
    if old.tab_stop != new.tab_stop {
        let _ = el.set_attribute("tabindex", if new.tab_stop { "0" } else { "-1" });
    }
    if old.aria_label != new.aria_label {
        let _ = el.set_attribute("aria-label", &new.aria_label);
    }
}
