//! The nodes that go down with a node (docs/spec/model.md §2, §3 blast radius): what the
//! canvas lights up while a node is hovered or selected. The engine's
//! `blast_radius` names functions; this names the nodes in between.

use std::collections::HashMap;

use super::functions::functions_of;
use super::hash::FxBuildHasher;
use super::live::LiveView;
use super::report::{Analysis, Status};
use super::topology::Topology;
use crate::document::{Document, LinkKind};

/// The ids of the nodes that work in the live view now and would stop working
/// (`works` false, docs/spec/model.md §2) if every instance of the node `id` were
/// killed, in document order: `id` itself when it works and is not a client
/// (a client has no instance to kill), and every working node with a path of
/// `requires` links to it through working nodes.
///
/// `analysis` is `analyze(doc)`, already computed by the caller: only each
/// node's live `works` is read from it, so nothing is re-analysed. One pass over
/// the nodes and links, O(nodes + links); an unknown `id`, or an analysis of
/// another document, gives no node rather than a panic.
pub fn nodes_down_with(doc: &Document, analysis: &Analysis, id: &str) -> Vec<String> {
    let len = doc.nodes.len();
    let works: Vec<bool> = doc
        .nodes
        .iter()
        .enumerate()
        .map(|(v, node)| {
            analysis
                .nodes
                .get(v)
                .is_some_and(|report| report.id == node.id && report.works)
        })
        .collect();
    let mut index = HashMap::with_capacity_and_hasher(len, FxBuildHasher::default());
    for (v, node) in doc.nodes.iter().enumerate() {
        index.entry(node.id.as_str()).or_insert(v);
    }
    let Some(&target) = index.get(id) else {
        return Vec::new();
    };
    if doc.nodes[target].is_client() || !works[target] {
        return Vec::new();
    }
    let callers = requires_in(doc, &index, &works);
    let mut down = vec![false; len];
    down[target] = true;
    let mut stack = vec![target];
    while let Some(u) = stack.pop() {
        for &v in callers.of(u) {
            if !std::mem::replace(&mut down[v], true) {
                stack.push(v);
            }
        }
    }
    doc.nodes
        .iter()
        .zip(&down)
        .filter(|(_, &d)| d)
        .map(|(node, _)| node.id.clone())
        .collect()
}

/// The ids of the functions that are down in the live view now and would not
/// be if every instance of node `id` were up again, in function order: what
/// a node already down holds down with it (docs/spec/model.md §2). Only the
/// live statuses are computed, twice, never an availability; an unknown `id`
/// gives none.
pub fn functions_held_down_by(doc: &Document, id: &str) -> Vec<String> {
    let Some(v) = doc.node_index(id) else {
        return Vec::new();
    };
    let topology = Topology::new(doc);
    let functions = functions_of(doc, &topology);
    let specs = topology.function_specs(doc, &functions);
    let now = LiveView::of(doc, &topology).statuses(&topology, &specs);
    let mut revived = doc.clone();
    revived.nodes[v].killed.clear();
    let then = LiveView::of(&revived, &topology).statuses(&topology, &specs);
    functions
        .iter()
        .zip(now.iter().zip(&then))
        .filter(|(_, (&now, &then))| now == Status::Down && then != Status::Down)
        .map(|(f, _)| f.id.clone())
        .collect()
}

/// Per node, the working nodes with a `requires` link to it (compressed rows).
struct Callers {
    start: Vec<usize>,
    from: Vec<usize>,
}

impl Callers {
    fn of(&self, u: usize) -> &[usize] {
        &self.from[self.start[u]..self.start[u + 1]]
    }
}

/// The reversed `requires` links whose caller works; links naming an unknown
/// node or their own source are left out, as the engine leaves them out.
fn requires_in(
    doc: &Document,
    index: &HashMap<&str, usize, FxBuildHasher>,
    works: &[bool],
) -> Callers {
    let edges: Vec<(usize, usize)> = doc
        .links
        .iter()
        .filter_map(|link| {
            let (&from, &to) = (index.get(link.from.as_str())?, index.get(link.to.as_str())?);
            let kind = link
                .kind
                .unwrap_or(doc.nodes[from].kind.default_link_kind());
            (kind == LinkKind::Requires && from != to && works[from]).then_some((to, from))
        })
        .collect();
    let mut start = vec![0; doc.nodes.len() + 1];
    for &(to, _) in &edges {
        start[to + 1] += 1;
    }
    for v in 0..doc.nodes.len() {
        start[v + 1] += start[v];
    }
    let mut next = start.clone();
    let mut from = vec![0; edges.len()];
    for (to, caller) in edges {
        from[next[to]] = caller;
        next[to] += 1;
    }
    Callers { start, from }
}
