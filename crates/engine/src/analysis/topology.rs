//! The document as an index-based graph, built once per analysis: nodes are
//! numbered in document order and each relation of docs/spec/model.md §1.2 and §2 gets
//! its own adjacency lists, so that no later step looks an id up again.
//!
//! The input is assumed valid, yet nothing here trusts it: a link naming an
//! unknown node or pointing at its own source is left out, and a duplicate
//! link counts once.

use std::collections::HashMap;

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use super::hash::FxBuildHasher;
use crate::document::{Document, Function, LinkKind};

/// Out-neighbours of every node, sorted and without duplicates.
#[derive(Clone, Debug, Default)]
pub(crate) struct Adjacency {
    start: Vec<usize>,
    targets: Vec<usize>,
}

impl Adjacency {
    fn build(len: usize, mut edges: Vec<(usize, usize)>) -> Adjacency {
        crate::sorting::sort(&mut edges);
        edges.dedup();
        let mut start = vec![0; len + 1];
        for &(from, _) in &edges {
            start[from + 1] += 1;
        }
        for v in 0..len {
            start[v + 1] += start[v];
        }
        Adjacency {
            start,
            targets: edges.into_iter().map(|(_, to)| to).collect(),
        }
    }

    /// The same edges, reversed.
    fn reversed(&self) -> Adjacency {
        let len = self.start.len().saturating_sub(1);
        let edges = (0..len)
            .flat_map(|v| self.of(v).iter().map(move |&u| (u, v)))
            .collect();
        Adjacency::build(len, edges)
    }

    /// The neighbours of `v` (empty for an index out of range).
    pub(crate) fn of(&self, v: usize) -> &[usize] {
        match (self.start.get(v), self.start.get(v + 1)) {
            (Some(&a), Some(&b)) => &self.targets[a..b],
            _ => &[],
        }
    }

    /// Whether the edge `v -> u` exists.
    pub(crate) fn contains(&self, v: usize, u: usize) -> bool {
        self.of(v).binary_search(&u).is_ok()
    }

    /// Strongly connected components in reverse topological order (an edge's
    /// target's component comes before its source's); members in index order.
    /// Kosaraju's algorithm, iterative in petgraph: no recursion as deep as a chain.
    pub(crate) fn components(&self) -> Vec<Vec<usize>> {
        let len = self.start.len().saturating_sub(1);
        let mut graph = DiGraph::<(), ()>::with_capacity(len, self.targets.len());
        for _ in 0..len {
            graph.add_node(());
        }
        for v in 0..len {
            for &u in self.of(v) {
                graph.add_edge(NodeIndex::new(v), NodeIndex::new(u), ());
            }
        }
        kosaraju_scc(&graph)
            .into_iter()
            .map(|c| {
                let mut members: Vec<usize> = c.into_iter().map(NodeIndex::index).collect();
                crate::sorting::sort(&mut members);
                members
            })
            .collect()
    }
}

/// One function resolved to indices: where its paths start and which nodes end them.
#[derive(Clone, Debug)]
pub(crate) struct FunctionSpec {
    /// The client, `None` when the id names no node (then the function never works).
    pub start: Option<usize>,
    /// Every node holding the capability, in document order.
    pub holders: Vec<usize>,
}

/// The document's graph (docs/spec/model.md §1.2 relations, §2 and §3 views of them).
#[derive(Clone, Debug)]
pub(crate) struct Topology {
    pub len: usize,
    /// `requires` links: what `works` (docs/spec/model.md §2) follows.
    pub requires: Adjacency,
    pub requires_in: Adjacency,
    /// `optional` links: what `degraded` looks at besides `requires`.
    pub optional: Adjacency,
    /// Route, pool and requires links: what a request travels along.
    pub carry: Adjacency,
    pub carry_in: Adjacency,
    /// Requires and optional links between non-client nodes (docs/spec/model.md §3).
    pub sync: Adjacency,
    pub sync_in: Adjacency,
    /// Async links between non-client nodes (docs/spec/model.md §3).
    pub asynchronous: Adjacency,
    pub asynchronous_in: Adjacency,
    /// Components of the requires graph, those a link leads to first.
    pub requires_components: Vec<Vec<usize>>,
    /// Components of the carrying graph, those a link leads from first.
    pub carry_components: Vec<Vec<usize>>,
    index: HashMap<String, usize, FxBuildHasher>,
}

impl Topology {
    /// Numbers the nodes and sorts the links by kind.
    pub(crate) fn new(doc: &Document) -> Topology {
        let len = doc.nodes.len();
        let mut index = HashMap::with_capacity_and_hasher(len, FxBuildHasher::default());
        for (i, node) in doc.nodes.iter().enumerate() {
            index.entry(node.id.clone()).or_insert(i);
        }
        let client: Vec<bool> = doc.nodes.iter().map(|n| n.is_client()).collect();
        let mut by_kind: [Vec<(usize, usize)>; 5] = Default::default();
        for link in &doc.links {
            let (Some(&from), Some(&to)) = (index.get(&link.from), index.get(&link.to)) else {
                continue;
            };
            if from == to {
                continue;
            }
            // `Document::link_kind`, without looking the `from` node up again.
            let kind = link
                .kind
                .unwrap_or(doc.nodes[from].kind.default_link_kind());
            let slot = LinkKind::ALL.iter().position(|&k| k == kind).unwrap_or(2);
            by_kind[slot].push((from, to));
        }
        let [route, pool, requires, optional, asynchronous] = by_kind;
        let between_services = |edges: &[(usize, usize)]| {
            edges
                .iter()
                .filter(|&&(v, u)| !client[v] && !client[u])
                .copied()
                .collect::<Vec<_>>()
        };
        let sync = [between_services(&requires), between_services(&optional)].concat();
        let asynchronous = Adjacency::build(len, between_services(&asynchronous));
        let carry = Adjacency::build(len, [route, pool, requires.clone()].concat());
        let requires = Adjacency::build(len, requires);
        let sync = Adjacency::build(len, sync);
        let requires_components = requires.components();
        let mut carry_components = carry.components();
        carry_components.reverse();
        Topology {
            len,
            requires_components,
            carry_components,
            requires_in: requires.reversed(),
            requires,
            optional: Adjacency::build(len, optional),
            carry_in: carry.reversed(),
            carry,
            sync_in: sync.reversed(),
            sync,
            asynchronous_in: asynchronous.reversed(),
            asynchronous,
            index,
        }
    }

    /// The index of the node with this id.
    pub(crate) fn node_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Nodes reachable from `start` over carrying links by a path of at least one link.
    pub(crate) fn reachable_from(&self, start: usize) -> Vec<bool> {
        let mut seen = vec![false; self.len];
        let mut stack: Vec<usize> = self.carry.of(start).to_vec();
        while let Some(v) = stack.pop() {
            if !std::mem::replace(&mut seen[v], true) {
                stack.extend(self.carry.of(v).iter().filter(|&&u| !seen[u]));
            }
        }
        seen
    }

    /// Nodes on some path from `start` to one of `targets`: reachable from
    /// `start` by at least one carrying link, and leading to a target (a target
    /// itself included). Only these matter to `start`'s functions.
    pub(crate) fn on_paths(&self, start: usize, targets: &[usize]) -> Vec<bool> {
        let reachable = self.reachable_from(start);
        let mut on = vec![false; self.len];
        let mut stack: Vec<usize> = targets
            .iter()
            .copied()
            .filter(|&t| reachable.get(t) == Some(&true))
            .collect();
        for &t in &stack {
            on[t] = true;
        }
        while let Some(v) = stack.pop() {
            for &u in self.carry_in.of(v) {
                if reachable[u] && !std::mem::replace(&mut on[u], true) {
                    stack.push(u);
                }
            }
        }
        on
    }

    /// Resolves functions to indices; holders of each capability in document order.
    pub(crate) fn function_specs(
        &self,
        doc: &Document,
        functions: &[Function],
    ) -> Vec<FunctionSpec> {
        let mut holders: HashMap<&str, Vec<usize>, FxBuildHasher> = HashMap::default();
        for (i, node) in doc.nodes.iter().enumerate() {
            for k in node.capabilities() {
                let list = holders.entry(k).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        functions
            .iter()
            .map(|f| FunctionSpec {
                start: self.node_index(&f.client),
                holders: holders
                    .get(f.capability.as_str())
                    .cloned()
                    .unwrap_or_default(),
            })
            .collect()
    }
}
