//! Exact availabilities (docs/spec/model.md §2): each function's "works" as a BDD over
//! one variable per node that may fail, built once and evaluated in both the
//! expected and the design views.
//!
//! `works(v)` is the conjunction over v's requires component and what it
//! requires; a client reaches `v` when `v` works and the client links to it or
//! reaches one of its predecessors (a least fixpoint, iterated to a fixed BDD
//! inside cycles); a function works when its client reaches a holder. Paths
//! share nodes, and the BDD accounts for that exactly.

use super::bdd::{Bdd, OutOfBudget, Ref, FALSE, TRUE};
use super::conjunction;
use super::report::Method;
use super::scenarios::Lanes;
use super::topology::{FunctionSpec, Topology};
use super::zones::Mixture;
use super::Options;

/// The most variables the BDD may have.
const MAX_LEVELS: usize = 4_096;

/// Exact availabilities: every function's, in the expected and design views,
/// and P(every function works) unless computing it exceeded the budget.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Exact {
    pub functions: Vec<[f64; 2]>,
    pub all: Option<[f64; 2]>,
}

/// Availabilities of the functions and of all of them, in both views.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Estimate {
    /// Per function, P(works) in the expected view.
    pub expected: Vec<f64>,
    /// Per function, P(works) in the design view.
    pub design: Vec<f64>,
    /// P(every function works): expected, design.
    pub all: (f64, f64),
    pub method: Method,
    /// Half-width of the widest 95% interval, for a sampled estimate.
    pub ci95: Option<f64>,
}

/// The exact availabilities, or [`OutOfBudget`] when the functions' BDD
/// would exceed `options.bdd_node_budget` nodes (or, with zones, evaluating it
/// in every zone state 16 times that); `all` is left out when it would exceed
/// `options.all_work_budget`. Each view is a sum over its zone states
/// (docs/spec/model.md §8): one state of weight 1 without zones.
pub(crate) fn exact(
    topology: &Topology,
    functions: &[FunctionSpec],
    lanes: &Lanes,
    views: [&Mixture; 2],
    options: &Options,
) -> Result<Exact, OutOfBudget> {
    let variable = |v: usize| {
        !views.iter().all(|o| o.certain_up(v)) && !views.iter().all(|o| o.certain_down(v))
    };
    let certain_up = |v: usize| views.iter().all(|o| o.certain_up(v));
    let Compiled {
        mut bdd,
        roots,
        level_node,
    } = compile(
        topology,
        functions,
        lanes,
        [&variable, &certain_up],
        options.bdd_node_budget,
    )?;
    let all = conjunction::compile_all(&mut bdd, &roots, options.all_work_budget).ok();
    let states: usize = views.iter().map(|m| m.parts.len()).sum();
    if states > 2 && states.saturating_mul(bdd.len()) > options.bdd_node_budget.saturating_mul(16) {
        return Err(OutOfBudget);
    }
    let levels = level_node.len();
    let (mut up, mut down) = (vec![1.0; levels], vec![0.0; levels]);
    let (mut p, mut gates) = (Vec::new(), Vec::new());
    let mut sums = [vec![0.0; roots.len()], vec![0.0; roots.len()]];
    let mut all_sums = [0.0; 2];
    for (view, mixture) in views.iter().enumerate() {
        for (weight, odds) in &mixture.parts {
            for &(level, v) in &level_node {
                up[level as usize] = odds.up[v];
                down[level as usize] = odds.down[v];
            }
            p.clear();
            bdd.probabilities(&up, &down, &mut p);
            for (sum, &r) in sums[view].iter_mut().zip(&roots) {
                *sum += weight * p[r as usize];
            }
            if let Some((circuit, root)) = &all {
                circuit.forward(&p, &up, &down, &mut gates);
                all_sums[view] += weight * gates[*root as usize];
            }
        }
    }
    let [expected, design] = sums;
    Ok(Exact {
        functions: expected
            .into_iter()
            .zip(design)
            .map(|(e, d)| [e, d])
            .collect(),
        all: all.map(|_| all_sums),
    })
}

/// Every function's "works" as a BDD.
#[derive(Clone, Debug)]
pub(crate) struct Compiled {
    pub bdd: Bdd,
    /// Per function, its root.
    pub roots: Vec<Ref>,
    /// `(level, node)` for every variable.
    pub level_node: Vec<(u32, usize)>,
}

/// Builds every function's BDD with a variable for each relevant node
/// `is[0]` says may fail; any other node is a constant, alive when `is[1]`
/// says it is alive for sure. [`OutOfBudget`] past `budget` BDD nodes.
pub(crate) fn compile(
    topology: &Topology,
    functions: &[FunctionSpec],
    lanes: &Lanes,
    is: [&dyn Fn(usize) -> bool; 2],
    budget: usize,
) -> Result<Compiled, OutOfBudget> {
    let [variable, certain_up] = is;
    let order = variable_order(topology, functions, &|v| lanes.relevant[v] && variable(v));
    // BDD operations recurse once per level: beyond a valid document's 2,000
    // nodes the stack is not worth the risk.
    if order.iter().flatten().count() > MAX_LEVELS {
        return Err(OutOfBudget);
    }
    let mut bdd = Bdd::new(budget);
    let mut literal = vec![FALSE; topology.len];
    let mut level_node = Vec::new();
    for (v, slot) in literal.iter_mut().enumerate() {
        *slot = match order[v] {
            Some(level) => {
                level_node.push((level, v));
                bdd.var(level)?
            }
            None if certain_up(v) => TRUE,
            None => FALSE,
        };
    }
    let works = works(topology, lanes, &literal, &mut bdd)?;
    let mut roots = vec![FALSE; functions.len()];
    let mut starts: Vec<usize> = functions.iter().filter_map(|f| f.start).collect();
    crate::sorting::sort(&mut starts);
    starts.dedup();
    for start in starts {
        let served = || {
            functions
                .iter()
                .enumerate()
                .filter(|(_, f)| f.start == Some(start))
        };
        let targets: Vec<usize> = served()
            .flat_map(|(_, f)| f.holders.iter().copied())
            .collect();
        let reach = reach(
            topology,
            start,
            &topology.on_paths(start, &targets),
            &works,
            &mut bdd,
        )?;
        for (f, spec) in served() {
            for &h in &spec.holders {
                roots[f] = bdd.or(roots[f], reach[h])?;
            }
        }
    }
    Ok(Compiled {
        bdd,
        roots,
        level_node,
    })
}

/// A level for every node `uncertain` names, in breadth-first order from the
/// clients over carrying links: callers before callees keeps each path's
/// conjunction in one stretch of levels.
fn variable_order(
    topology: &Topology,
    functions: &[FunctionSpec],
    uncertain: &dyn Fn(usize) -> bool,
) -> Vec<Option<u32>> {
    let mut order = vec![None; topology.len];
    let mut seen = vec![false; topology.len];
    let mut queue = std::collections::VecDeque::new();
    for start in functions.iter().filter_map(|f| f.start) {
        if !std::mem::replace(&mut seen[start], true) {
            queue.push_back(start);
        }
    }
    let mut next = 0;
    while let Some(v) = queue.pop_front() {
        if uncertain(v) {
            order[v] = Some(next);
            next += 1;
        }
        for &u in topology.carry.of(v) {
            if !std::mem::replace(&mut seen[u], true) {
                queue.push_back(u);
            }
        }
    }
    order
}

/// `works(v)` for every relevant node: its component's literals and its
/// dependencies' `works`, components taken dependencies first.
fn works(
    topology: &Topology,
    lanes: &Lanes,
    literal: &[Ref],
    bdd: &mut Bdd,
) -> Result<Vec<Ref>, OutOfBudget> {
    let mut works = vec![FALSE; topology.len];
    for component in &topology.requires_components {
        if !component.first().is_some_and(|&v| lanes.relevant[v]) {
            continue;
        }
        let mut both = TRUE;
        for &v in component {
            both = bdd.and(both, literal[v])?;
        }
        for &v in component {
            for &u in topology.requires.of(v) {
                if component.binary_search(&u).is_err() {
                    both = bdd.and(both, works[u])?;
                }
            }
        }
        for &v in component {
            works[v] = both;
        }
    }
    Ok(works)
}

/// Whether a path of working nodes leads from `start` to each node `on` a
/// path to a holder (false elsewhere).
fn reach(
    topology: &Topology,
    start: usize,
    on: &[bool],
    works: &[Ref],
    bdd: &mut Bdd,
) -> Result<Vec<Ref>, OutOfBudget> {
    let mut reach = vec![FALSE; topology.len];
    for component in &topology.carry_components {
        if !component.first().is_some_and(|&v| on[v]) {
            continue;
        }
        let mut changed = true;
        while changed {
            changed = false;
            for &v in component {
                let mut any = if topology.carry.contains(start, v) {
                    TRUE
                } else {
                    FALSE
                };
                for &u in topology.carry_in.of(v) {
                    any = bdd.or(any, reach[u])?;
                }
                let new = bdd.and(works[v], any)?;
                if new != reach[v] {
                    reach[v] = new;
                    changed = component.len() > 1;
                }
            }
        }
    }
    Ok(reach)
}
