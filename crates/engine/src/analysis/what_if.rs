//! Exact availabilities compiled once and evaluated again for other odds: what
//! advice asks (docs/spec/model.md §7: how available would a function be with
//! more instances of this node?), without analysing the document again.
//!
//! Every function's BDD is built as for the analysis, but with a variable for
//! every relevant non-client node, certain or not: a node that cannot fail
//! today may matter once forced down (importance), and one that cannot live
//! today may come alive with more instances. `all` is the conjunction's
//! [`Circuit`]. Each [`Program`] keeps only the BDD nodes its output reads,
//! renumbered densely; evaluating it is one pass over them, and one more pass
//! backwards gives every level's partial derivatives: the exact change for a
//! new P(alive) of any one node, and its Birnbaum importance.

use super::availability::{compile, Compiled};
use super::bdd::{Bdd, OutOfBudget, Ref, FALSE, TRUE};
use super::circuit::{Circuit, Gate, Partials};
use super::conjunction::compile_all;
use super::functions::functions_of;
use super::scenarios::Lanes;
use super::topology::Topology;
use super::Options;
use crate::document::Document;

/// What a [`Program`] computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Request {
    /// P(function `f` works), `f` an index into the functions as the analysis lists them.
    Function(usize),
    /// P(every function works).
    All,
}

/// The document compiled for one [`Program`] per request.
#[derive(Clone, Debug)]
pub(crate) struct WhatIf {
    /// Per node, its level: every relevant non-client node has one.
    pub level_of: Vec<Option<u32>>,
    /// Number of levels.
    pub levels: usize,
    /// Per request, in the order asked.
    pub programs: Vec<Program>,
}

/// One BDD node of a program: its level and its children, as program indices.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Node {
    pub level: u32,
    pub low: u32,
    pub high: u32,
}

/// One output, its BDD nodes numbered `0` (false), `1` (true), then children first.
#[derive(Clone, Debug)]
pub(crate) struct Program {
    nodes: Vec<Node>,
    /// The program indices of the functions' roots it reads (one, or every
    /// function's for `all`).
    roots: Vec<u32>,
    /// For `all`: the circuit (its leaves program indices) and its output.
    circuit: Option<(Circuit, Gate)>,
}

/// Buffers reused from one evaluation to the next.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scratch {
    p: Vec<f64>,
    adjoint: Vec<f64>,
    gates: Vec<f64>,
    gate_adjoint: Vec<f64>,
}

/// An output's value and its partial derivatives by each level's odds.
///
/// With zones (docs/spec/model.md §8) the output is a sum over zone states, each
/// with its own odds: `value` and the partials are the weighted sums, and
/// `states` keeps each state's weight and gradient, since a node's odds move
/// differently in each. Without zones `states` is empty.
#[derive(Clone, Debug, Default)]
pub(crate) struct Gradient {
    pub value: f64,
    /// d(value)/d(up[level]).
    pub d_up: Vec<f64>,
    /// d(value)/d(down[level]).
    pub d_down: Vec<f64>,
    /// Per zone state, its weight and its gradient; empty without zones.
    pub states: Vec<(f64, Gradient)>,
}

impl Gradient {
    /// Birnbaum importance of `level`: the value with it alive minus the value with it dead.
    pub(crate) fn birnbaum(&self, level: usize) -> f64 {
        self.d_up.get(level).copied().unwrap_or(0.0)
            - self.d_down.get(level).copied().unwrap_or(0.0)
    }

    /// The value once `level`'s odds move from `from` to `to` (per zone state,
    /// `(up, down)`; one pair without zones): exact, the value being linear in
    /// each level's odds in each state.
    pub(crate) fn moved(&self, level: usize, from: &[[f64; 2]], to: &[[f64; 2]]) -> f64 {
        if self.states.is_empty() {
            let pair = |odds: &[[f64; 2]]| odds.first().copied().unwrap_or([1.0, 0.0]);
            return self.moved_one(level, pair(from), pair(to));
        }
        let mut value = self.value;
        for (s, (weight, state)) in self.states.iter().enumerate() {
            let (Some(&from), Some(&to)) = (from.get(s), to.get(s)) else {
                continue;
            };
            value += weight * (state.moved_one(level, from, to) - state.value);
        }
        value
    }

    /// Per zone state (one without zones), the value once `level`'s odds move
    /// from `from` to `to`, unweighted.
    pub(crate) fn moved_each(&self, level: usize, from: &[[f64; 2]], to: &[[f64; 2]]) -> Vec<f64> {
        if self.states.is_empty() {
            return vec![self.moved(level, from, to)];
        }
        self.states
            .iter()
            .zip(from.iter().zip(to))
            .map(|((_, state), (&from, &to))| state.moved_one(level, from, to))
            .collect()
    }

    fn moved_one(&self, level: usize, [up, down]: [f64; 2], [new_up, new_down]: [f64; 2]) -> f64 {
        let d_up = self.d_up.get(level).copied().unwrap_or(0.0);
        let d_down = self.d_down.get(level).copied().unwrap_or(0.0);
        self.value + (new_up - up) * d_up + (new_down - down) * d_down
    }
}

impl WhatIf {
    /// Compiles `doc` for `requests`; [`OutOfBudget`] past the analysis's
    /// budgets (`options.bdd_node_budget` BDD nodes, `all_work_budget` for `all`).
    pub(crate) fn new(
        doc: &Document,
        requests: &[Request],
        options: &Options,
    ) -> Result<WhatIf, OutOfBudget> {
        let topology = Topology::new(doc);
        let functions = functions_of(doc, &topology);
        let specs = topology.function_specs(doc, &functions);
        let lanes = Lanes::new(&topology, &specs);
        let variable = |v: usize| !doc.nodes[v].is_client();
        let client = |v: usize| doc.nodes[v].is_client();
        let Compiled {
            mut bdd,
            roots,
            level_node,
        } = compile(
            &topology,
            &specs,
            &lanes,
            [&variable, &client],
            options.bdd_node_budget,
        )?;
        let mut level_of = vec![None; doc.nodes.len()];
        for &(level, v) in &level_node {
            level_of[v] = Some(level);
        }
        let mut programs = Vec::with_capacity(requests.len());
        for request in requests {
            programs.push(match *request {
                Request::Function(f) => {
                    let root = roots.get(f).copied().unwrap_or(FALSE);
                    Program::new(&bdd, &[root], None)
                }
                Request::All => {
                    let circuit = compile_all(&mut bdd, &roots, options.all_work_budget)?;
                    Program::new(&bdd, &roots, Some(circuit))
                }
            });
        }
        Ok(WhatIf {
            level_of,
            levels: level_node.len(),
            programs,
        })
    }
}

impl Program {
    /// The part of `bdd` that `roots` and the circuit's leaves read.
    fn new(bdd: &Bdd, roots: &[Ref], circuit: Option<(Circuit, Gate)>) -> Program {
        let mut seen = vec![false; bdd.len()];
        let mut stack: Vec<Ref> = roots.to_vec();
        if let Some((c, _)) = &circuit {
            stack.extend(c.leaves());
        }
        let mut cone = Vec::new();
        while let Some(r) = stack.pop() {
            if r == FALSE || r == TRUE || std::mem::replace(&mut seen[r as usize], true) {
                continue;
            }
            cone.push(r);
            let (low, high) = bdd.children(r);
            stack.extend([low, high]);
        }
        // Children were made before their parents: ids order them.
        crate::sorting::sort(&mut cone);
        let mut index = vec![0u32; bdd.len()];
        index[TRUE as usize] = 1;
        let mut nodes = vec![
            Node {
                level: u32::MAX,
                low: 0,
                high: 0,
            },
            Node {
                level: u32::MAX,
                low: 1,
                high: 1,
            },
        ];
        for &r in &cone {
            index[r as usize] = nodes.len() as u32;
            let (low, high) = bdd.children(r);
            nodes.push(Node {
                level: bdd.level(r),
                low: index[low as usize],
                high: index[high as usize],
            });
        }
        Program {
            nodes,
            roots: roots.iter().map(|&r| index[r as usize]).collect(),
            circuit: circuit.map(|(c, g)| (c.renamed(|r| index[r as usize]), g)),
        }
    }

    /// The program's BDD nodes: `0` false, `1` true, then children before parents.
    pub(crate) fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The roots of the functions it reads, as indices into [`Program::nodes`].
    pub(crate) fn roots(&self) -> &[u32] {
        &self.roots
    }

    /// The levels the output depends on at all (some node tests them), sorted.
    pub(crate) fn levels_read(&self) -> Vec<usize> {
        let mut levels: Vec<usize> = self.nodes[2..].iter().map(|n| n.level as usize).collect();
        crate::sorting::sort(&mut levels);
        levels.dedup();
        levels
    }

    /// Number of nodes and gates: what one evaluation costs.
    pub(crate) fn size(&self) -> usize {
        self.nodes.len() + self.circuit.as_ref().map_or(0, |(c, _)| c.len())
    }

    /// The output for the odds `up[level]`, `down[level]`.
    pub(crate) fn value(&self, up: &[f64], down: &[f64], scratch: &mut Scratch) -> f64 {
        let p = &mut scratch.p;
        p.clear();
        p.extend([0.0, 1.0]);
        for node in &self.nodes[2..] {
            let l = node.level as usize;
            let (u, d) = (
                up.get(l).copied().unwrap_or(0.0),
                down.get(l).copied().unwrap_or(1.0),
            );
            p.push(u * p[node.high as usize] + d * p[node.low as usize]);
        }
        match &self.circuit {
            Some((circuit, root)) => {
                circuit.forward(p, up, down, &mut scratch.gates);
                scratch.gates[*root as usize]
            }
            None => self.roots.first().map_or(0.0, |&r| p[r as usize]),
        }
    }

    /// The output and its partial derivatives for the odds `up`, `down`.
    pub(crate) fn gradient(
        &self,
        up: &[f64],
        down: &[f64],
        scratch: &mut Scratch,
        out: &mut Gradient,
    ) {
        out.value = self.value(up, down, scratch);
        let levels = up.len();
        out.d_up.clear();
        out.d_up.resize(levels, 0.0);
        out.d_down.clear();
        out.d_down.resize(levels, 0.0);
        let adjoint = &mut scratch.adjoint;
        adjoint.clear();
        adjoint.resize(self.nodes.len(), 0.0);
        match &self.circuit {
            Some((circuit, root)) => {
                let seed = &mut scratch.gate_adjoint;
                seed.clear();
                seed.resize(circuit.len(), 0.0);
                seed[*root as usize] = 1.0;
                let partials = Partials {
                    d_up: &mut out.d_up,
                    d_down: &mut out.d_down,
                    d_leaf: adjoint,
                };
                circuit.backward(&scratch.gates, [up, down], seed, partials);
            }
            None => {
                if let Some(&r) = self.roots.first() {
                    adjoint[r as usize] = 1.0;
                }
            }
        }
        let p = &scratch.p;
        for (i, node) in self.nodes.iter().enumerate().skip(2).rev() {
            let a = adjoint[i];
            if a == 0.0 {
                continue;
            }
            let l = node.level as usize;
            let (Some(&u), Some(&d)) = (up.get(l), down.get(l)) else {
                continue;
            };
            out.d_up[l] += a * p[node.high as usize];
            out.d_down[l] += a * p[node.low as usize];
            adjoint[node.high as usize] += a * u;
            adjoint[node.low as usize] += a * d;
        }
    }
}
