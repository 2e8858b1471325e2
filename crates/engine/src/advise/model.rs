//! The document as advice sees it (docs/spec/model.md §7): which nodes may
//! change, by how much and at what cost, each node's P(alive) in the expected
//! view for every number of instances it may get, and an [`Evaluator`] that
//! runs the compiled figures (`analysis::what_if`) for any change.
//!
//! With zones (§8) every figure is a sum over the zone states: a node's odds are
//! kept per state (an added instance i runs in `zones[i mod len]` too), and the
//! evaluator sums the compiled figures' values and gradients over the states.
//! Without zones there is one state of weight 1, and every figure is as before.

use crate::analysis::up_probability::View;
use crate::analysis::what_if::{Gradient, Program, Scratch, WhatIf};
use crate::analysis::zones::{instances_up_of, states, zone_list, zone_lists, ZoneSet};
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
    /// may not change), in each zone state (one without zones).
    pub odds: Vec<Vec<[f64; 2]>>,
    /// P(not alive) with `d` more instances, over every zone state.
    pub down: Vec<f64>,
}

impl NodeModel {
    /// The most instances it may get.
    pub(crate) fn max_add(&self) -> u32 {
        self.odds.len().saturating_sub(1) as u32
    }

    /// Its odds with `d` more instances, per zone state.
    pub(crate) fn odds_with(&self, d: u32) -> &[[f64; 2]] {
        self.odds
            .get(d as usize)
            .or(self.odds.last())
            .map_or(&[[1.0, 0.0]], Vec::as_slice)
    }

    /// P(not alive) with `d` more instances.
    pub(crate) fn down_with(&self, d: u32) -> f64 {
        self.down
            .get(d as usize)
            .or(self.down.last())
            .copied()
            .unwrap_or(0.0)
    }
}

/// The compiled document and its nodes.
#[derive(Clone, Debug)]
pub(crate) struct Model {
    pub what_if: WhatIf,
    /// In document order.
    pub nodes: Vec<NodeModel>,
    /// The zone states' weights (one state of weight 1 without zones).
    pub weights: Vec<f64>,
}

/// A change: instances added, as `(node index, d)` with `d >= 1`.
pub(crate) type Change = [(usize, u32)];

impl Model {
    pub(crate) fn new(doc: &Document, what_if: WhatIf) -> Model {
        let lists = zone_lists(doc);
        let used = lists
            .iter()
            .flatten()
            .flatten()
            .fold(0, |set, &z| set | (1 << z));
        let zone_states: Vec<(f64, ZoneSet)> = match doc.zones.is_empty() {
            true => vec![(1.0, 0)],
            false => states(doc, View::Expected, used),
        };
        let weights: Vec<f64> = zone_states.iter().map(|&(w, _)| w).collect();
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
                let odds: Vec<Vec<[f64; 2]>> = match node.is_client() {
                    true => vec![vec![[1.0, 0.0]; zone_states.len()]],
                    false => (0..=max)
                        .map(|d| odds_in_states(doc, node, d, &zone_states))
                        .collect(),
                };
                let down = odds
                    .iter()
                    .map(|per_state| {
                        let mut sum = 0.0;
                        for (w, [_, down]) in weights.iter().zip(per_state) {
                            sum += w * down;
                        }
                        sum
                    })
                    .collect();
                NodeModel {
                    level: level.map(|l| l as usize),
                    cost: node.instance_cost(),
                    odds,
                    down,
                }
            })
            .collect();
        Model {
            what_if,
            nodes,
            weights,
        }
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

/// `node`'s `(P(alive), P(not alive))` with `d` more instances in each zone state.
fn odds_in_states(
    doc: &Document,
    node: &Node,
    d: u32,
    zone_states: &[(f64, ZoneSet)],
) -> Vec<[f64; 2]> {
    let list = zone_list(doc, node);
    zone_states
        .iter()
        .map(|&(_, down)| {
            let n = match list.is_empty() {
                true => instances_left(node) + d,
                false => instances_up_of(node, &list, true, down, node.replicas() + d),
            };
            let (up, down) = binomial_tails(n, node.availability(), node.quorum());
            [up, down]
        })
        .collect()
}

/// The odds of every level under some change, per zone state, and buffers to
/// evaluate with.
#[derive(Clone, Debug)]
pub(crate) struct Evaluator {
    weights: Vec<f64>,
    up: Vec<Vec<f64>>,
    down: Vec<Vec<f64>>,
    base_up: Vec<Vec<f64>>,
    base_down: Vec<Vec<f64>>,
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
        let states = model.weights.len().max(1);
        let (mut up, mut down) = (
            vec![vec![1.0; levels]; states],
            vec![vec![0.0; levels]; states],
        );
        for node in &model.nodes {
            if let Some(l) = node.level.filter(|&l| l < levels) {
                for (s, &[u, d]) in node.odds_with(0).iter().enumerate().take(states) {
                    (up[s][l], down[s][l]) = (u, d);
                }
            }
        }
        Evaluator {
            weights: model.weights.clone(),
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
            for s in 0..self.up.len() {
                self.up[s][l] = self.base_up[s][l];
                self.down[s][l] = self.base_down[s][l];
            }
        }
        for &(v, d) in change {
            let node = &model.nodes[v];
            if let Some(l) = node.level.filter(|&l| l < self.base_up[0].len()) {
                for (s, &[u, dn]) in node.odds_with(d).iter().enumerate().take(self.up.len()) {
                    (self.up[s][l], self.down[s][l]) = (u, dn);
                }
                self.changed.push(l);
            }
        }
    }

    /// The program's output under the current odds.
    pub(crate) fn value(&mut self, program: &Program) -> f64 {
        self.work += (program.size() * self.up.len()) as u64;
        if self.up.len() == 1 {
            return program.value(&self.up[0], &self.down[0], &mut self.scratch);
        }
        let mut value = 0.0;
        for s in 0..self.up.len() {
            value += self.weights[s] * program.value(&self.up[s], &self.down[s], &mut self.scratch);
        }
        value
    }

    /// The program's output and partial derivatives under the current odds.
    pub(crate) fn gradient(&mut self, program: &Program, out: &mut Gradient) {
        self.work += 2 * (program.size() * self.up.len()) as u64;
        if self.up.len() == 1 {
            out.states.clear();
            program.gradient(&self.up[0], &self.down[0], &mut self.scratch, out);
            return;
        }
        let levels = self.up[0].len();
        out.value = 0.0;
        out.d_up = vec![0.0; levels];
        out.d_down = vec![0.0; levels];
        out.states.clear();
        for s in 0..self.up.len() {
            let mut state = Gradient::default();
            program.gradient(&self.up[s], &self.down[s], &mut self.scratch, &mut state);
            let w = self.weights[s];
            out.value += w * state.value;
            for l in 0..levels {
                out.d_up[l] += w * state.d_up[l];
                out.d_down[l] += w * state.d_down[l];
            }
            out.states.push((w, state));
        }
    }
}
