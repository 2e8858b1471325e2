//! The document as advice sees it (docs/spec/model.md §7): which nodes may
//! change, by how much and at what cost, each node's P(alive) in the expected
//! view for every number of instances it may get, and an [`Evaluator`] that
//! runs the compiled figures (`analysis::what_if`) for any change.

use crate::analysis::what_if::{Gradient, Program, Scratch, WhatIf};
use crate::analysis::{binomial_tails, instances_left};
use crate::document::{Document, Node, NodeKind};

/// The most instances a change adds to one node.
pub(crate) const MAX_ADDED: u32 = 8;
/// The most replicas a node may have (docs/spec/model.md §1.1).
pub(crate) const MAX_REPLICAS: u32 = 64;

/// Whether instances may be added to `node`: not a client, not an external,
/// fewer than 64 replicas.
pub(crate) fn may_change(node: &Node) -> bool {
    !matches!(node.kind, NodeKind::Client | NodeKind::External) && node.replicas() < MAX_REPLICAS
}

/// One node as advice sees it.
#[derive(Clone, Debug)]
pub(crate) struct NodeModel {
    /// Its level in the compiled figures; `None` when it matters to no function.
    pub level: Option<usize>,
    pub cost: f64,
    /// `(P(alive), P(not alive))` in the expected view with `d` more
    /// instances, for `d` from 0 to the most it may get (one entry when it
    /// may not change).
    pub odds: Vec<[f64; 2]>,
}

impl NodeModel {
    /// The most instances it may get.
    pub(crate) fn max_add(&self) -> u32 {
        self.odds.len().saturating_sub(1) as u32
    }

    /// Its odds with `d` more instances.
    pub(crate) fn odds_with(&self, d: u32) -> [f64; 2] {
        self.odds
            .get(d as usize)
            .or(self.odds.last())
            .copied()
            .unwrap_or([1.0, 0.0])
    }
}

/// The compiled document and its nodes.
#[derive(Clone, Debug)]
pub(crate) struct Model {
    pub what_if: WhatIf,
    /// In document order.
    pub nodes: Vec<NodeModel>,
}

/// A change: instances added, as `(node index, d)` with `d >= 1`.
pub(crate) type Change = [(usize, u32)];

impl Model {
    pub(crate) fn new(doc: &Document, what_if: WhatIf) -> Model {
        let nodes = doc
            .nodes
            .iter()
            .enumerate()
            .map(|(v, node)| {
                let level = what_if.level_of.get(v).copied().flatten();
                let max = match may_change(node) {
                    true => MAX_ADDED.min(MAX_REPLICAS - node.replicas()),
                    false => 0,
                };
                let left = instances_left(node);
                let odds = match node.is_client() {
                    true => vec![[1.0, 0.0]],
                    false => (0..=max)
                        .map(|d| {
                            let (up, down) =
                                binomial_tails(left + d, node.availability(), node.quorum());
                            [up, down]
                        })
                        .collect(),
                };
                NodeModel {
                    level: level.map(|l| l as usize),
                    cost: node.instance_cost(),
                    odds,
                }
            })
            .collect();
        Model { what_if, nodes }
    }

    /// The change adding the most to every node that may change: the best reachable.
    pub(crate) fn best_change(&self) -> Vec<(usize, u32)> {
        (0..self.nodes.len())
            .map(|v| (v, self.nodes[v].max_add()))
            .filter(|&(_, d)| d > 0)
            .collect()
    }

    /// The cost of a change: the sum of d × cost, in document order.
    pub(crate) fn cost(&self, change: &Change) -> f64 {
        let mut sorted = change.to_vec();
        crate::sorting::sort(&mut sorted);
        sorted
            .iter()
            .map(|&(v, d)| f64::from(d) * self.nodes[v].cost)
            .sum()
    }
}

/// The odds of every level under some change, and buffers to evaluate with.
#[derive(Clone, Debug)]
pub(crate) struct Evaluator {
    up: Vec<f64>,
    down: Vec<f64>,
    base_up: Vec<f64>,
    base_down: Vec<f64>,
    /// Levels whose odds differ from the document's.
    changed: Vec<usize>,
    scratch: Scratch,
    /// Nodes and gates evaluated so far: the search's step count.
    pub work: u64,
}

impl Evaluator {
    /// The document as it is.
    pub(crate) fn new(model: &Model) -> Evaluator {
        let levels = model.what_if.levels;
        let (mut up, mut down) = (vec![1.0; levels], vec![0.0; levels]);
        for node in &model.nodes {
            if let Some(l) = node.level.filter(|&l| l < levels) {
                [up[l], down[l]] = node.odds_with(0);
            }
        }
        Evaluator {
            base_up: up.clone(),
            base_down: down.clone(),
            up,
            down,
            changed: Vec::new(),
            scratch: Scratch::default(),
            work: 0,
        }
    }

    /// Sets the odds to those of the document with `change` made.
    pub(crate) fn set(&mut self, model: &Model, change: &Change) {
        for l in self.changed.drain(..) {
            self.up[l] = self.base_up[l];
            self.down[l] = self.base_down[l];
        }
        for &(v, d) in change {
            let node = &model.nodes[v];
            if let Some(l) = node.level.filter(|&l| l < self.up.len()) {
                [self.up[l], self.down[l]] = node.odds_with(d);
                self.changed.push(l);
            }
        }
    }

    /// The program's output under the current odds.
    pub(crate) fn value(&mut self, program: &Program) -> f64 {
        self.work += program.size() as u64;
        program.value(&self.up, &self.down, &mut self.scratch)
    }

    /// The program's output and partial derivatives under the current odds.
    pub(crate) fn gradient(&mut self, program: &Program, out: &mut Gradient) {
        self.work += 2 * program.size() as u64;
        program.gradient(&self.up, &self.down, &mut self.scratch, out);
    }
}
