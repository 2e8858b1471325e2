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
//! the gradient gives every move's value at once, and a move changes only the
//! gradients of the goals that read its node.

use crate::analysis::what_if::Gradient;

use super::model::{Evaluator, Model};
use super::problem::Problem;

/// The greedy's state: instances added per variable, and each goal's gradient.
struct State<'a> {
    problem: &'a Problem,
    model: &'a Model,
    d: Vec<u32>,
    grads: Vec<Gradient>,
}

impl<'a> State<'a> {
    fn new(problem: &'a Problem, model: &'a Model, ev: &mut Evaluator) -> State<'a> {
        let mut state = State {
            problem,
            model,
            d: vec![0; problem.vars.len()],
            grads: vec![Gradient::default(); problem.goals.len()],
        };
        state.refresh(ev, 0..problem.goals.len());
        state
    }

    fn pairs(&self) -> Vec<(usize, u32)> {
        self.d
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .map(|(i, &n)| (i, n))
            .collect()
    }

    /// The gradients of the goals `these` under the current change.
    fn refresh(&mut self, ev: &mut Evaluator, these: impl IntoIterator<Item = usize>) {
        ev.set(self.model, &self.problem.change(&self.pairs()));
        for t in these {
            let program = &self.model.what_if.programs[self.problem.goals[t].program];
            ev.gradient(program, &mut self.grads[t]);
        }
    }

    /// Each goal's gap; `None` once every goal is met.
    fn gaps(&self) -> Option<Vec<f64>> {
        let gaps: Vec<f64> = self
            .problem
            .goals
            .iter()
            .zip(&self.grads)
            .map(|(goal, g)| goal.min - g.value)
            .collect();
        gaps.iter().any(|&gap| gap > 0.0).then_some(gaps)
    }

    /// How much of the gaps moving variable `i` to `to` instances closes.
    fn closed(&self, gaps: &[f64], i: usize, to: u32) -> f64 {
        let var = &self.problem.vars[i];
        let node = &self.model.nodes[var.node];
        let (from, to) = (node.odds_with(self.d[i]), node.odds_with(to));
        var.gain
            .iter()
            .filter(|&&(t, _)| gaps[t] > 0.0)
            .map(|&(t, _)| {
                let g = &self.grads[t];
                (g.moved(var.level, from, to) - g.value).clamp(0.0, gaps[t]) / gaps[t]
            })
            .sum()
    }

    /// Moves variable `i` to `to` instances.
    fn set(&mut self, ev: &mut Evaluator, i: usize, to: u32) {
        self.d[i] = to;
        let goals: Vec<usize> = self.problem.goals_of(i).collect();
        self.refresh(ev, goals);
    }

    /// The first variable that may take more instances.
    fn first_not_full(&self) -> Option<usize> {
        (0..self.d.len()).find(|&i| self.d[i] < self.problem.vars[i].max)
    }

    /// Takes instances back one at a time, the most expensive variables first
    /// (later ones first among equals), keeping at least `floor` on each,
    /// while every goal stays met.
    fn take_back(&mut self, ev: &mut Evaluator, floor: u32) {
        let problem = self.problem;
        let mut order: Vec<usize> = (0..self.d.len()).filter(|&i| self.d[i] > floor).collect();
        crate::sorting::sort_by(&mut order, |&a, &b| {
            let (x, y) = (&problem.vars[a], &problem.vars[b]);
            y.cost.total_cmp(&x.cost).then(y.node.cmp(&x.node))
        });
        for i in order {
            while self.d[i] > floor {
                self.d[i] -= 1;
                if !problem.meets_these(self.model, ev, &self.pairs(), problem.goals_of(i)) {
                    self.d[i] += 1;
                    break;
                }
            }
        }
    }
}

/// The greedy change for `cheapest`, as `(variable, d)` pairs; `None` when
/// even every variable at its most misses a goal.
pub(crate) fn cheapest(
    problem: &Problem,
    model: &Model,
    ev: &mut Evaluator,
) -> Option<Vec<(usize, u32)>> {
    let mut state = State::new(problem, model, ev);
    while let Some(gaps) = state.gaps() {
        let mut best = (0.0, usize::MAX, 0);
        for (i, var) in problem.vars.iter().enumerate() {
            for to in state.d[i] + 1..=var.max {
                let rate = state.closed(&gaps, i, to) / (f64::from(to - state.d[i]) * var.cost);
                if rate > best.0 {
                    best = (rate, i, to);
                }
            }
        }
        let (i, to) = match best {
            (_, usize::MAX, _) => {
                let i = state.first_not_full()?;
                (i, problem.vars[i].max)
            }
            (_, i, to) => (i, to),
        };
        state.set(ev, i, to);
    }
    state.take_back(ev, 0);
    Some(state.pairs())
}

/// The greedy change for `fewest_nodes`.
pub(crate) fn fewest_nodes(
    problem: &Problem,
    model: &Model,
    ev: &mut Evaluator,
) -> Option<Vec<(usize, u32)>> {
    let mut state = State::new(problem, model, ev);
    while let Some(gaps) = state.gaps() {
        let mut best = (0.0, usize::MAX);
        for (i, var) in problem
            .vars
            .iter()
            .enumerate()
            .filter(|&(i, _)| state.d[i] == 0)
        {
            let share = state.closed(&gaps, i, var.max);
            if share > best.0 {
                best = (share, i);
            }
        }
        let i = match best.1 {
            usize::MAX => state.first_not_full()?,
            i => i,
        };
        state.set(ev, i, problem.vars[i].max);
    }
    for i in (0..state.d.len()).rev() {
        if state.d[i] > 0 {
            let kept = std::mem::replace(&mut state.d[i], 0);
            if !problem.meets_these(model, ev, &state.pairs(), problem.goals_of(i)) {
                state.d[i] = kept;
            }
        }
    }
    state.take_back(ev, 1);
    Some(state.pairs())
}
