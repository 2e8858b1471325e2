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
//! P(goal | it dead) as the document is ([`Problem::reach`]).

use crate::analysis::what_if::Gradient;

use super::model::{Evaluator, Model};

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
    /// Per goal: the most the goal can gain from `d` instances of this node,
    /// for `d` from 0 to `max` (0 for `d = 0`).
    pub gain: Vec<Vec<f64>>,
}

/// Goals and variables, variables in search order (most able to close a
/// goal's gap first, then document order).
#[derive(Clone, Debug)]
pub(crate) struct Problem {
    pub goals: Vec<Goal>,
    pub vars: Vec<Var>,
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
        let mut vars = Vec::new();
        for (v, node) in model.nodes.iter().enumerate() {
            let (Some(level), max) = (node.level, node.max_add()) else {
                continue;
            };
            let grows = max > 0 && node.odds_with(max)[1] < node.odds_with(0)[1];
            let matters = goals
                .iter()
                .any(|g| model.what_if.programs[g.program].reads(level));
            if !grows || !matters {
                continue;
            }
            let gain = goals
                .iter()
                .enumerate()
                .map(|(t, _)| {
                    let reach = Problem::reach(&base[t], &best[t], level, node, max);
                    (0..=max)
                        .map(|d| reach * (node.odds_with(0)[1] - node.odds_with(d)[1]).max(0.0))
                        .collect()
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
                .zip(&gap)
                .map(|(g, gap)| g.last().copied().unwrap_or(0.0) / gap)
                .fold(0.0, f64::max)
        };
        vars.sort_by(|a, b| closes(b).total_cmp(&closes(a)).then(a.node.cmp(&b.node)));
        Problem { goals, vars }
    }

    /// The most the goal's Birnbaum importance for `level` can be under any
    /// change: P(goal | alive) at the best minus P(goal | dead) as it is.
    fn reach(
        base: &Gradient,
        best: &Gradient,
        level: usize,
        node: &super::model::NodeModel,
        max: u32,
    ) -> f64 {
        let alive_at_best = best.moved(level, node.odds_with(max), [1.0, 0.0]);
        let dead_now = base.moved(level, node.odds_with(0), [0.0, 1.0]);
        ((alive_at_best - dead_now) * (1.0 + 1e-9) + SLACK).max(0.0)
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
        ev.set(model, &self.change(d));
        self.goals.iter().all(|goal| {
            let program = &model.what_if.programs[goal.program];
            ev.value(program) >= goal.min
        })
    }
}
