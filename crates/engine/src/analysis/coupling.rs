//! Coupling (docs/spec/model.md §3): afferent and efferent synchronous calls,
//! instability, async counts, stores shared by different capability sets,
//! and cycles of synchronous calls.

use super::topology::Topology;
use crate::document::Document;

/// The coupling figures of every node, and of the whole.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Coupling {
    pub ca: Vec<u32>,
    pub ce: Vec<u32>,
    pub instability: Vec<f64>,
    pub async_in: Vec<u32>,
    pub async_out: Vec<u32>,
    /// Indices of the shared stores, in node order.
    pub shared_stores: Vec<usize>,
    /// Each cycle's members in node order, cycles in order of their first member.
    pub cycles: Vec<Vec<usize>>,
}

/// The coupling of `doc` (docs/spec/model.md §3), over links between non-client nodes.
pub(crate) fn coupling(doc: &Document, topology: &Topology) -> Coupling {
    let count = |v: usize, list: &super::topology::Adjacency| list.of(v).len() as u32;
    let nodes = 0..topology.len;
    let ca: Vec<u32> = nodes.clone().map(|v| count(v, &topology.sync_in)).collect();
    let ce: Vec<u32> = nodes.clone().map(|v| count(v, &topology.sync)).collect();
    let instability = ca
        .iter()
        .zip(&ce)
        .map(|(&a, &e)| {
            if a + e == 0 {
                0.0
            } else {
                f64::from(e) / f64::from(a + e)
            }
        })
        .collect();
    Coupling {
        async_in: nodes
            .clone()
            .map(|v| count(v, &topology.asynchronous_in))
            .collect(),
        async_out: nodes
            .clone()
            .map(|v| count(v, &topology.asynchronous))
            .collect(),
        shared_stores: nodes
            .filter(|&v| is_shared_store(doc, topology, v))
            .collect(),
        cycles: cycles(topology),
        ca,
        ce,
        instability,
    }
}

/// A database or cache called synchronously by nodes holding at least two
/// different capability sets; replicas of one role hold the same set. A node
/// with no capabilities holds the empty set, which differs from any other.
fn is_shared_store(doc: &Document, topology: &Topology, store: usize) -> bool {
    if !doc.nodes.get(store).is_some_and(|n| n.kind.is_store()) {
        return false;
    }
    let mut sets: Vec<Vec<&str>> = Vec::new();
    for &caller in topology.sync_in.of(store) {
        let mut set = doc.nodes[caller].capabilities();
        crate::sorting::sort(&mut set);
        set.dedup();
        if !sets.contains(&set) {
            sets.push(set);
        }
        if sets.len() >= 2 {
            return true;
        }
    }
    false
}

/// Strongly connected components of two or more nodes over sync links.
fn cycles(topology: &Topology) -> Vec<Vec<usize>> {
    let mut cycles: Vec<Vec<usize>> = topology
        .sync
        .components()
        .into_iter()
        .filter(|c| c.len() >= 2)
        .collect();
    crate::sorting::sort_by_key(&mut cycles, |c| c[0]);
    cycles
}
