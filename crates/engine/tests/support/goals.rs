//! A brute-force model of docs/spec/model.md §6, written from the spec's sentences and
//! nothing else: a `survive` goal tries every set of k failures in lexicographic
//! order, each on a copy of the document with those instances killed, judged by
//! `brute.rs`'s live view; the warnings are listed from `brute.rs`'s figures and
//! the links. Nothing here calls the engine's goals.

#![allow(dead_code)]

use super::brute::{self, Model};
use topolab_engine::{Document, NodeKind};

/// What one failure is: an instance not yet killed, or every instance of a
/// non-client node that still has one; with zones (§8), an instance in a zone that
/// is down is down already and no failure left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Instances,
    Nodes,
}

/// The failures of `doc`, in the spec's order: (node index, instance index),
/// instances by node in document order then index; a node's failure as its
/// first instance not killed.
pub fn failures(doc: &Document, unit: Unit) -> Vec<(usize, u32)> {
    let mut out = Vec::new();
    for (v, node) in doc.nodes.iter().enumerate() {
        if node.kind == NodeKind::Client {
            continue;
        }
        let zones_up: Vec<bool> = doc.zones.iter().map(|z| z.down != Some(true)).collect();
        let left: Vec<u32> = (0..node.replicas.unwrap_or(1))
            .filter(|&i| brute::instance_live(doc, node, i, &zones_up))
            .collect();
        match unit {
            Unit::Instances => out.extend(left.into_iter().map(|i| (v, i))),
            Unit::Nodes => out.extend(left.first().map(|&i| (v, i))),
        }
    }
    out
}

/// Every set of `k` of `n` elements in lexicographic order; the one set of
/// all of them when there are fewer than `k`.
pub fn combinations(n: usize, k: usize) -> Vec<Vec<usize>> {
    if n < k {
        return vec![(0..n).collect()];
    }
    let mut out = Vec::new();
    let mut set: Vec<usize> = (0..k).collect();
    loop {
        out.push(set.clone());
        // The rightmost position that can move up, then everything after it reset.
        let Some(i) = (0..k).rev().find(|&i| set[i] < n - k + i) else {
            return out;
        };
        set[i] += 1;
        for j in i + 1..k {
            set[j] = set[j - 1] + 1;
        }
    }
}

/// `doc` with the failures `set` (indices into `elements`) killed: the
/// instance, or for a node every instance.
pub fn with_failed(
    doc: &Document,
    unit: Unit,
    elements: &[(usize, u32)],
    set: &[usize],
) -> Document {
    let mut out = doc.clone();
    for &e in set {
        let (v, i) = elements[e];
        let node = &mut out.nodes[v];
        match unit {
            Unit::Instances => node.killed.push(i),
            Unit::Nodes => node.killed = (0..node.replicas.unwrap_or(1)).collect(),
        }
    }
    out
}

/// The functions of `scope` (ids; `None`: all) up or degraded in `before`'s
/// live view and down in `after`'s, in function order.
pub fn taken_down(before: &Model, after: &Document, scope: Option<&[String]>) -> Vec<String> {
    let functions = brute::functions(before);
    let (was, is) = (brute::live(before), brute::live(&Model::new(after)));
    functions
        .iter()
        .enumerate()
        .filter(|(_, f)| scope.is_none_or(|ids| ids.contains(&f.id)))
        .filter(|&(f, _)| was.status[f] != "down" && is.status[f] == "down")
        .map(|(_, f)| f.id.clone())
        .collect()
}

/// A failed set, as (node id, instance index) pairs, and the functions it takes down.
pub type Counterexample = (Vec<(String, u32)>, Vec<String>);

/// The first set of `k` failures of `unit` that takes a function of `scope`
/// down, as (node id, instance index) pairs with the functions it takes down;
/// `None` when every set is survived.
pub fn first_failing(
    doc: &Document,
    k: usize,
    unit: Unit,
    scope: Option<&[String]>,
) -> Option<Counterexample> {
    let m = Model::new(doc);
    let elements = failures(doc, unit);
    for set in combinations(elements.len(), k) {
        let down = taken_down(&m, &with_failed(doc, unit, &elements, &set), scope);
        if !down.is_empty() {
            let named = set
                .iter()
                .map(|&e| (doc.nodes[elements[e].0].id.clone(), elements[e].1))
                .collect();
            return Some((named, down));
        }
    }
    None
}

/// The first set of `k` zones not down, in lexicographic order of document
/// order, whose failure takes a function of `scope` down: (zone ids, functions down).
pub fn first_failing_zones(
    doc: &Document,
    k: usize,
    scope: Option<&[String]>,
) -> Option<(Vec<String>, Vec<String>)> {
    let m = Model::new(doc);
    let up: Vec<usize> = (0..doc.zones.len())
        .filter(|&z| doc.zones[z].down != Some(true))
        .collect();
    for set in combinations(up.len(), k) {
        let mut failed = doc.clone();
        for &i in &set {
            failed.zones[up[i]].down = Some(true);
        }
        let down = taken_down(&m, &failed, scope);
        if !down.is_empty() {
            let ids = set.iter().map(|&i| doc.zones[up[i]].id.clone()).collect();
            return Some((ids, down));
        }
    }
    None
}

/// §6's `zone_spof` warnings (§8) as (zone id, nodes): each zone whose failure takes
/// a working function down, with the nodes that have an instance in it and are not
/// alive once it fails.
pub fn zone_spofs(doc: &Document) -> Vec<(String, Vec<String>)> {
    let m = Model::new(doc);
    (0..doc.zones.len())
        .filter(|&z| !brute::zone_blast_radius(&m, z).is_empty())
        .map(|z| {
            let mut failed = doc.clone();
            failed.zones[z].down = Some(true);
            let after = brute::live(&Model::new(&failed));
            let nodes = (0..doc.nodes.len())
                .filter(|&v| {
                    let node = &doc.nodes[v];
                    let in_zone = (0..node.replicas.unwrap_or(1))
                        .any(|i| brute::zone_of(doc, node, i) == Some(z));
                    in_zone && !after.alive[v]
                })
                .map(|v| doc.nodes[v].id.clone())
                .collect();
            (doc.zones[z].id.clone(), nodes)
        })
        .collect()
}

/// §6's warnings as (kind, nodes), in the spec's order.
pub fn warnings(doc: &Document) -> Vec<(&'static str, Vec<String>)> {
    let m = Model::new(doc);
    let n = doc.nodes.len();
    let id = |v: usize| doc.nodes[v].id.clone();
    let mut out: Vec<(&'static str, Vec<String>)> = Vec::new();
    out.extend(
        brute::shared_stores(&m)
            .into_iter()
            .map(|s| ("shared_store", vec![s])),
    );
    out.extend(brute::cycles(&m).into_iter().map(|c| ("cycle", c)));
    out.extend(
        (0..n)
            .filter(|&v| brute::sync_depth(&m, v) >= 4)
            .map(|v| ("deep_sync_chain", vec![id(v)])),
    );
    for link in &doc.links {
        let kind = |name: &str| doc.nodes.iter().find(|n| n.id == name).map(|n| n.kind);
        let store = matches!(
            kind(&link.to),
            Some(NodeKind::Database | NodeKind::Cache | NodeKind::Queue)
        );
        if kind(&link.from) == Some(NodeKind::Client) && store {
            out.push(("client_to_store", vec![link.from.clone(), link.to.clone()]));
        }
    }
    out.extend(
        (0..n)
            .filter(|&v| brute::spof(&m, v))
            .map(|v| ("spof", vec![id(v)])),
    );
    out.extend(
        externals_on_paths(doc)
            .into_iter()
            .map(|v| ("external_on_path", vec![id(v)])),
    );
    out.extend(
        zone_spofs(doc)
            .into_iter()
            .map(|(_, nodes)| ("zone_spof", nodes)),
    );
    out
}

/// The externals whose failure alone, every other instance up, takes a function down.
pub fn externals_on_paths(doc: &Document) -> Vec<usize> {
    let mut all_up = doc.clone();
    for node in &mut all_up.nodes {
        node.killed.clear();
    }
    let m = Model::new(&all_up);
    (0..doc.nodes.len())
        .filter(|&v| doc.nodes[v].kind == NodeKind::External)
        .filter(|&v| {
            let mut failed = all_up.clone();
            failed.nodes[v].killed = (0..failed.nodes[v].replicas.unwrap_or(1)).collect();
            !taken_down(&m, &failed, None).is_empty()
        })
        .collect()
}
