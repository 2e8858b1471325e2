//! The greedy heuristics (docs/spec/model.md §7, "Decided"): the search's
//! first incumbent, and the answer when the exact search runs out of steps.
//!
//! - For `cheapest`: from the document as it is, repeatedly add the
//!   instances (1 to 8 at once, to one variable) that close the most of the
//!   goals' gaps per unit of cost (each goal's gain capped at its gap, as a
//!   share of the gap), until every goal is met; then take back single
//!   instances, the most expensive nodes first, while every goal stays met.
//! - For `fewest_nodes`: repeatedly give one more variable all the instances
//!   it may get, the one closing the most of the gaps, until every goal is
//!   met; then drop every node the goals do without, and lower each node's
//!   instances, the most expensive first, while every goal stays met.
//!
//! A move's gain is exact: one node's odds enter the figures linearly, so
//! the gradient gives every move's value at once.

use crate::analysis::what_if::Gradient;

use super::model::{Evaluator, Model};
use super::problem::Problem;

/// Instances added per variable, by variable index.
type Added = Vec<u32>;

fn as_pairs(d: &Added) -> Vec<(usize, u32)> {
    d.iter()
        .enumerate()
        .filter(|&(_, &n)| n > 0)
        .map(|(i, &n)| (i, n))
        .collect()
}

/// The goals' gradients under the change `d`; `None` once every goal is met.
fn gaps(
    problem: &Problem,
    model: &Model,
    ev: &mut Evaluator,
    d: &Added,
    grads: &mut [Gradient],
) -> Option<Vec<f64>> {
    ev.set(model, &problem.change(&as_pairs(d)));
    for (goal, g) in problem.goals.iter().zip(grads.iter_mut()) {
        ev.gradient(&model.what_if.programs[goal.program], g);
    }
    let gaps: Vec<f64> = problem
        .goals
        .iter()
        .zip(grads.iter())
        .map(|(goal, g)| goal.min - g.value)
        .collect();
    gaps.iter().any(|&gap| gap > 0.0).then_some(gaps)
}

/// How much of the gaps moving variable `i` from `from` to `to` instances closes.
fn closed(
    problem: &Problem,
    model: &Model,
    grads: &[Gradient],
    gaps: &[f64],
    (i, from, to): (usize, u32, u32),
) -> f64 {
    let var = &problem.vars[i];
    let node = &model.nodes[var.node];
    grads
        .iter()
        .zip(gaps)
        .filter(|(_, &gap)| gap > 0.0)
        .map(|(g, &gap)| {
            let gain = g.moved(var.level, node.odds_with(from), node.odds_with(to)) - g.value;
            gain.clamp(0.0, gap) / gap
        })
        .sum()
}

/// The greedy change for `cheapest`, as `(variable, d)` pairs; `None` when
/// even every variable at its most misses a goal.
pub(crate) fn cheapest(
    problem: &Problem,
    model: &Model,
    ev: &mut Evaluator,
) -> Option<Vec<(usize, u32)>> {
    let mut d: Added = vec![0; problem.vars.len()];
    let mut grads = vec![Gradient::default(); problem.goals.len()];
    while let Some(gaps) = gaps(problem, model, ev, &d, &mut grads) {
        let mut best = (0.0, usize::MAX, 0);
        for (i, var) in problem.vars.iter().enumerate() {
            for more in 1..=var.max.saturating_sub(d[i]) {
                let share = closed(problem, model, &grads, &gaps, (i, d[i], d[i] + more));
                let rate = share / (f64::from(more) * var.cost);
                if rate > best.0 {
                    best = (rate, i, more);
                }
            }
        }
        let (i, more) = match best {
            (_, usize::MAX, _) => first_not_full(problem, &d)?,
            (_, i, more) => (i, more),
        };
        d[i] += more;
    }
    take_back(problem, model, ev, &mut d, 0);
    Some(as_pairs(&d))
}

/// The greedy change for `fewest_nodes`.
pub(crate) fn fewest_nodes(
    problem: &Problem,
    model: &Model,
    ev: &mut Evaluator,
) -> Option<Vec<(usize, u32)>> {
    let mut d: Added = vec![0; problem.vars.len()];
    let mut grads = vec![Gradient::default(); problem.goals.len()];
    while let Some(gaps) = gaps(problem, model, ev, &d, &mut grads) {
        let mut best = (0.0, usize::MAX);
        for (i, var) in problem.vars.iter().enumerate().filter(|&(i, _)| d[i] == 0) {
            let share = closed(problem, model, &grads, &gaps, (i, 0, var.max));
            if share > best.0 {
                best = (share, i);
            }
        }
        let i = match best.1 {
            usize::MAX => first_not_full(problem, &d)?.0,
            i => i,
        };
        d[i] = problem.vars[i].max;
    }
    for i in (0..d.len()).rev() {
        if d[i] > 0 {
            let kept = std::mem::replace(&mut d[i], 0);
            if !problem.meets(model, ev, &as_pairs(&d)) {
                d[i] = kept;
            }
        }
    }
    take_back(problem, model, ev, &mut d, 1);
    Some(as_pairs(&d))
}

/// The first variable that may take more instances, and how many.
fn first_not_full(problem: &Problem, d: &Added) -> Option<(usize, u32)> {
    problem
        .vars
        .iter()
        .enumerate()
        .find(|&(i, v)| d[i] < v.max)
        .map(|(i, v)| (i, v.max - d[i]))
}

/// Takes instances back one at a time, the most expensive variables first
/// (later ones first among equals), keeping at least `floor` on a node that
/// has some, while every goal stays met.
fn take_back(problem: &Problem, model: &Model, ev: &mut Evaluator, d: &mut Added, floor: u32) {
    let mut order: Vec<usize> = (0..d.len()).filter(|&i| d[i] > 0).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&problem.vars[a], &problem.vars[b]);
        y.cost.total_cmp(&x.cost).then(y.node.cmp(&x.node))
    });
    for i in order {
        while d[i] > floor {
            d[i] -= 1;
            if !problem.meets(model, ev, &as_pairs(d)) {
                d[i] += 1;
                break;
            }
        }
    }
}
