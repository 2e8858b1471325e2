//! Sixty-four failure scenarios evaluated at once, one per bit of a `u64`
//! (docs/spec/model.md §2 `works` and function reachability): what blast radius, SPOF
//! and Monte Carlo sampling run on.
//!
//! Only nodes on a path from a function's client to one of its holders matter,
//! with what they require; the plan lists them in an order where each value is
//! computed after those it depends on, so one pass suffices except inside
//! cycles, which are iterated to their fixpoint.

use std::ops::Range;

use super::topology::{FunctionSpec, Topology};

/// Every lane: all 64 scenarios.
pub(crate) const ALL_LANES: u64 = u64::MAX;

/// A requires component: its members work together or not at all.
#[derive(Clone, Debug)]
struct WorksStep {
    members: Range<usize>,
    deps: Range<usize>,
}

/// A node on some client's paths: reached directly from the client, or from `preds`.
#[derive(Clone, Debug)]
struct ReachNode {
    node: u32,
    direct: bool,
    preds: Range<usize>,
}

/// A carrying component reachable from one client.
#[derive(Clone, Debug)]
struct ReachStep {
    nodes: Range<usize>,
    cyclic: bool,
}

#[derive(Clone, Debug)]
struct ClientPlan {
    steps: Vec<ReachStep>,
    /// `(function index, holders reachable from the client)`.
    functions: Vec<(usize, Range<usize>)>,
}

/// The evaluation plan of a topology and its functions.
#[derive(Clone, Debug)]
pub(crate) struct Lanes {
    len: usize,
    functions: usize,
    /// Whether the node is on a path from a function's client to one of its
    /// holders, or required by such a node: no other node matters.
    pub relevant: Vec<bool>,
    works_steps: Vec<WorksStep>,
    reach_nodes: Vec<ReachNode>,
    clients: Vec<ClientPlan>,
    /// Members, dependencies, predecessors and holders, by range.
    flat: Vec<u32>,
}

/// Buffers reused from one evaluation to the next.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scratch {
    works: Vec<u64>,
    reach: Vec<u64>,
}

impl Lanes {
    /// Plans the evaluation of `functions` on `topology`.
    pub(crate) fn new(topology: &Topology, functions: &[FunctionSpec]) -> Lanes {
        let len = topology.len;
        let mut flat: Vec<u32> = Vec::new();
        let mut relevant = vec![false; len];
        let mut starts: Vec<usize> = functions.iter().filter_map(|f| f.start).collect();
        crate::sorting::sort(&mut starts);
        starts.dedup();
        let reached: Vec<Vec<bool>> = starts
            .iter()
            .map(|&c| {
                let served = functions.iter().filter(|f| f.start == Some(c));
                let targets: Vec<usize> = served.flat_map(|f| f.holders.iter().copied()).collect();
                topology.on_paths(c, &targets)
            })
            .collect();
        // A node on a path matters, and so does everything it requires.
        let mut stack: Vec<usize> = (0..len).filter(|&v| reached.iter().any(|r| r[v])).collect();
        for &v in &stack {
            relevant[v] = true;
        }
        while let Some(v) = stack.pop() {
            for &u in topology.requires.of(v) {
                if !std::mem::replace(&mut relevant[u], true) {
                    stack.push(u);
                }
            }
        }
        let mut works_steps = Vec::new();
        for component in &topology.requires_components {
            if !component.first().is_some_and(|&v| relevant[v]) {
                continue;
            }
            let members = push(&mut flat, component.iter().copied());
            let deps = component
                .iter()
                .flat_map(|&v| topology.requires.of(v).iter().copied())
                .filter(|u| component.binary_search(u).is_err());
            let deps = push(&mut flat, deps);
            works_steps.push(WorksStep { members, deps });
        }
        let mut reach_nodes = Vec::new();
        let mut clients = Vec::new();
        for (&start, reach) in starts.iter().zip(&reached) {
            let mut steps = Vec::new();
            for component in &topology.carry_components {
                if !component.first().is_some_and(|&v| reach[v]) {
                    continue;
                }
                let first = reach_nodes.len();
                for &v in component {
                    let preds = topology
                        .carry_in
                        .of(v)
                        .iter()
                        .copied()
                        .filter(|&u| reach[u]);
                    let preds = push(&mut flat, preds);
                    reach_nodes.push(ReachNode {
                        node: v as u32,
                        direct: topology.carry.contains(start, v),
                        preds,
                    });
                }
                let cyclic = component.len() > 1;
                steps.push(ReachStep {
                    nodes: first..reach_nodes.len(),
                    cyclic,
                });
            }
            let served = functions
                .iter()
                .enumerate()
                .filter(|(_, f)| f.start == Some(start));
            let functions = served
                .map(|(i, f)| {
                    (
                        i,
                        push(&mut flat, f.holders.iter().copied().filter(|&h| reach[h])),
                    )
                })
                .collect();
            clients.push(ClientPlan { steps, functions });
        }
        Lanes {
            len,
            functions: functions.len(),
            relevant,
            works_steps,
            reach_nodes,
            clients,
            flat,
        }
    }

    /// Number of nodes of the topology.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// For 64 scenarios given by each node's `alive` lanes, each function's
    /// working lanes into `out` (one word per function).
    pub(crate) fn evaluate(&self, alive: &[u64], scratch: &mut Scratch, out: &mut [u64]) {
        scratch.works.resize(self.len, 0);
        scratch.reach.resize(self.len, 0);
        let flat = &self.flat;
        let works = &mut scratch.works;
        for step in &self.works_steps {
            let members = &flat[step.members.clone()];
            let mut both = ALL_LANES;
            for &v in members {
                both &= alive.get(v as usize).copied().unwrap_or(0);
            }
            for &u in &flat[step.deps.clone()] {
                both &= works[u as usize];
            }
            for &v in members {
                works[v as usize] = both;
            }
        }
        out.iter_mut().take(self.functions).for_each(|w| *w = 0);
        let reach = &mut scratch.reach;
        for client in &self.clients {
            for step in &client.steps {
                let nodes = &self.reach_nodes[step.nodes.clone()];
                if !step.cyclic {
                    for n in nodes {
                        reach[n.node as usize] = self.reach_one(n, works, reach);
                    }
                    continue;
                }
                for n in nodes {
                    reach[n.node as usize] = 0;
                }
                let mut changed = true;
                while changed {
                    changed = false;
                    for n in nodes {
                        let new = self.reach_one(n, works, reach);
                        if new != reach[n.node as usize] {
                            reach[n.node as usize] = new;
                            changed = true;
                        }
                    }
                }
            }
            for (f, holders) in &client.functions {
                let mut any = 0;
                for &h in &flat[holders.clone()] {
                    any |= reach[h as usize];
                }
                if let Some(slot) = out.get_mut(*f) {
                    *slot = any;
                }
            }
        }
    }

    #[inline]
    fn reach_one(&self, n: &ReachNode, works: &[u64], reach: &[u64]) -> u64 {
        let v = n.node as usize;
        if n.direct {
            return works[v];
        }
        let mut any = 0;
        for &u in &self.flat[n.preds.clone()] {
            any |= reach[u as usize];
        }
        works[v] & any
    }
}

fn push(flat: &mut Vec<u32>, items: impl Iterator<Item = usize>) -> Range<usize> {
    let first = flat.len();
    flat.extend(items.map(|v| v as u32));
    first..flat.len()
}
