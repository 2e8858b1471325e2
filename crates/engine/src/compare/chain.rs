//! The longest chain of network hops a request waits on (see
//! `Metrics::longest_request_chain`): the forwarding hops from a client to a
//! node, then that node's `sync_depth` (docs/spec/model.md §3), read from the analysis.
//!
//! Forwarding links (route and pool) almost always form layers without a
//! cycle (client, load balancer, gateway, services): then the longest path is
//! exact, in topological order. Should they hold a cycle, simple paths are
//! searched instead, within [`SEARCH_BUDGET`] steps; past it the longest
//! found so far is kept, a lower bound.

use std::collections::HashMap;

use petgraph::algo::toposort;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::analysis::Analysis;
use crate::document::{Document, LinkKind};

/// Search steps allowed when the forwarding links hold a cycle.
const SEARCH_BUDGET: u64 = 1_000_000;

/// The most hops a request waits on: forwarding links from a client to some
/// node `v`, plus `sync_depth(v)`; 0 with no client.
pub(crate) fn longest_request_chain(doc: &Document, analysis: &Analysis) -> u32 {
    let len = doc.nodes.len();
    let index: HashMap<&str, usize> = doc
        .nodes
        .iter()
        .enumerate()
        .map(|(v, n)| (n.id.as_str(), v))
        .collect();
    let own: Vec<u32> = doc
        .nodes
        .iter()
        .enumerate()
        .map(|(v, n)| match n.is_client() {
            true => 0,
            false => analysis.nodes.get(v).map_or(0, |r| r.sync_depth),
        })
        .collect();
    let mut forward: Vec<Vec<usize>> = vec![Vec::new(); len];
    for link in &doc.links {
        let (Some(&v), Some(&u)) = (index.get(link.from.as_str()), index.get(link.to.as_str()))
        else {
            continue;
        };
        if v == u || doc.nodes[u].is_client() {
            continue;
        }
        let kind = doc.link_kind(link);
        // A client's first hop is a hop whatever its kind; after it, only
        // route and pool links forward (a requires call is in `sync_depth`).
        let forwards = match doc.nodes[v].is_client() {
            true => kind.carries_requests(),
            false => matches!(kind, LinkKind::Route | LinkKind::Pool),
        };
        if forwards {
            forward[v].push(u);
        }
    }
    for targets in &mut forward {
        crate::sorting::sort(targets);
        targets.dedup();
    }
    let clients: Vec<usize> = (0..len).filter(|&v| doc.nodes[v].is_client()).collect();

    let mut graph = DiGraph::<(), ()>::with_capacity(len, 0);
    for _ in 0..len {
        graph.add_node(());
    }
    for (v, targets) in forward.iter().enumerate() {
        for &u in targets {
            graph.add_edge(NodeIndex::new(v), NodeIndex::new(u), ());
        }
    }
    match toposort(&graph, None) {
        Ok(order) => {
            // The longest chain from each node, those it forwards to first.
            let mut chain = vec![0u32; len];
            for v in order.into_iter().rev().map(NodeIndex::index) {
                let onward = forward[v].iter().map(|&u| 1 + chain[u]).max();
                chain[v] = onward.unwrap_or(0).max(own[v]);
            }
            clients.iter().map(|&c| chain[c]).max().unwrap_or(0)
        }
        Err(_) => {
            let mut search = Search {
                forward: &forward,
                own: &own,
                on_path: vec![false; len],
                steps: 0,
                best: 0,
            };
            for &c in &clients {
                search.on_path[c] = true;
                search.extend(c, 0);
                search.on_path[c] = false;
            }
            search.best
        }
    }
}

/// Depth-first search of simple forwarding paths, when they hold a cycle.
struct Search<'a> {
    forward: &'a [Vec<usize>],
    own: &'a [u32],
    on_path: Vec<bool>,
    steps: u64,
    best: u32,
}

impl Search<'_> {
    /// Extends a path that reached `v` after `hops` forwarding links.
    fn extend(&mut self, v: usize, hops: u32) {
        self.steps += 1;
        self.best = self.best.max(hops + self.own[v]);
        for &u in &self.forward[v] {
            if self.steps > SEARCH_BUDGET {
                return;
            }
            if self.on_path[u] {
                continue;
            }
            self.on_path[u] = true;
            self.extend(u, hops + 1);
            self.on_path[u] = false;
        }
    }
}
