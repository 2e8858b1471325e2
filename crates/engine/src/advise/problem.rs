//! The optimisation advice solves (docs/spec/model.md §7): the unmet targets
//! (goals), and the nodes whose instances can move them (variables), with
//! what each can gain at most.
//!
//! A node is a variable when it may change, its P(alive) grows with more
//! instances, and some goal's figure depends on it at all (its BDD tests the
//! node: there is a state of the others where it is critical). Its Birnbaum
//! importance at the best would say more, but rounds to 0 beside nodes
//! almost sure to be alive, where it still matters.
//!
//! What a variable can gain is bounded through monotonicity: for any change,
//! its Birnbaum importance is at most P(goal | it alive) at the best minus
//! P(goal | it dead) as the document is ([`Problem::reach`]). A variable
//! keeps these bounds for the goals that read it only: a figure of a few
//! nodes among thousands of functions stays a short list.

use crate::analysis::what_if::Gradient;

use super::model::{Evaluator, Model, NodeModel};

/// An unmet target: the index of its program, and the least value that meets
/// it (its minimum less the tolerance §6 judges goals with).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Goal {
    pub program: usize,
    pub min: f64,
}

/// A node the search may change.
#[derive(Clone, Debug)]
pub(crate) struct Var {
    pub node: usize,
    pub level: usize,
    pub cost: f64,
    pub max: u32,
    /// The goals whose figure depends on it, in goal order, each with the
    /// most it can gain from `d` instances, `d` from 0 to `max` (0 for `d = 0`).
    pub gain: Vec<(usize, Vec<f64>)>,
}

/// Goals and variables, variables in search order (most able to close a
/// goal's gap first, then document order).
#[derive(Clone, Debug)]
pub(crate) struct Problem {
    pub goals: Vec<Goal>,
    pub vars: Vec<Var>,
    /// Per goal, the variables that move it, in search order.
    pub readers: Vec<Vec<usize>>,
}

/// Slack on the bounds, so that rounding never makes them too tight.
const SLACK: f64 = 1e-12;

impl Problem {
    /// The problem for `goals`, with the goals' gradients as the document is
    /// (`base`) and with every node at its best (`best`).
    pub(crate) fn new(
        model: &Model,
        goals: Vec<Goal>,
        base: &[Gradient],
        best: &[Gradient],
    ) -> Problem {
        let mut node_of_level = vec![usize::MAX; model.what_if.levels];
        for (v, node) in model.nodes.iter().enumerate() {
            if let Some(slot) = node.level.and_then(|l| node_of_level.get_mut(l)) {
                *slot = v;
            }
        }
        let mut read_by: Vec<Vec<usize>> = vec![Vec::new(); model.nodes.len()];
        for (t, goal) in goals.iter().enumerate() {
            for level in model.what_if.programs[goal.program].levels_read() {
                if let Some(&v) = node_of_level.get(level).filter(|&&v| v != usize::MAX) {
                    read_by[v].push(t);
                }
            }
        }
        let mut vars = Vec::new();
        for (v, node) in model.nodes.iter().enumerate() {
            let (Some(level), max) = (node.level, node.max_add()) else {
                continue;
            };
            let grows = max > 0 && node.down_with(max) < node.down_with(0);
            if !grows || read_by[v].is_empty() {
                continue;
            }
            let gain = read_by[v]
                .iter()
                .map(|&t| {
                    let reach = Problem::reach(&base[t], &best[t], level, node);
                    let gains = (0..=max)
                        .map(|d| reach * (node.down_with(0) - node.down_with(d)).max(0.0))
                        .collect();
                    (t, gains)
                })
                .collect();
            vars.push(Var {
                node: v,
                level,
                cost: node.cost,
                max,
                gain,
            });
        }
        let gap: Vec<f64> = goals
            .iter()
            .zip(base)
            .map(|(goal, g)| (goal.min - g.value).max(f64::MIN_POSITIVE))
            .collect();
        let closes = |var: &Var| {
            var.gain
                .iter()
                .map(|(t, g)| g.last().copied().unwrap_or(0.0) / gap[*t])
                .fold(0.0, f64::max)
        };
        crate::sorting::sort_by(&mut vars, |a, b| {
            closes(b).total_cmp(&closes(a)).then(a.node.cmp(&b.node))
        });
        let mut readers = vec![Vec::new(); goals.len()];
        for (i, var) in vars.iter().enumerate() {
            for &(t, _) in &var.gain {
                readers[t].push(i);
            }
        }
        Problem {
            goals,
            vars,
            readers,
        }
    }

    /// The most the goal's Birnbaum importance for `level` can be under any
    /// change: P(goal | alive) at the best minus P(goal | dead) as it is; with
    /// zones the most of that over the zone states, since a gain is the sum over
    /// states of their weight, that importance and the fall of P(not alive).
    fn reach(base: &Gradient, best: &Gradient, level: usize, node: &NodeModel) -> f64 {
        let states = node.odds_with(0).len();
        let alive = vec![[1.0, 0.0]; states];
        let dead = vec![[0.0, 1.0]; states];
        let alive_at_best = best.moved_each(level, node.odds_with(node.max_add()), &alive);
        let dead_now = base.moved_each(level, node.odds_with(0), &dead);
        let most = alive_at_best
            .iter()
            .zip(&dead_now)
            .map(|(a, d)| a - d)
            .fold(f64::NEG_INFINITY, f64::max);
        (most * (1.0 + 1e-9) + SLACK).max(0.0)
    }

    /// The change `(node, d)` of the variables' added instances `d[i]`.
    pub(crate) fn change(&self, d: &[(usize, u32)]) -> Vec<(usize, u32)> {
        d.iter()
            .filter(|&&(_, n)| n > 0)
            .map(|&(i, n)| (self.vars[i].node, n))
            .collect()
    }

    /// Whether every goal is met under `change` (variables' indices), exactly.
    pub(crate) fn meets(&self, model: &Model, ev: &mut Evaluator, d: &[(usize, u32)]) -> bool {
        self.meets_these(model, ev, d, 0..self.goals.len())
    }

    /// Whether the goals `these` are met under `change`, exactly.
    pub(crate) fn meets_these(
        &self,
        model: &Model,
        ev: &mut Evaluator,
        d: &[(usize, u32)],
        these: impl IntoIterator<Item = usize>,
    ) -> bool {
        ev.set(model, &self.change(d));
        these.into_iter().all(|t| {
            let goal = &self.goals[t];
            ev.value(&model.what_if.programs[goal.program]) >= goal.min
        })
    }

    /// The goals variable `i` moves.
    pub(crate) fn goals_of(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.vars[i].gain.iter().map(|&(t, _)| t)
    }
}
