//! The exact search for an option (docs/spec/model.md §7): depth-first branch
//! and bound over every change, each generated once, within a step budget.
//!
//! A change is built variable by variable in search order: a child of a
//! change adds `d` (1 to the most) instances to one variable after its last
//! one. Three facts prune:
//!
//! - monotonicity: more instances never lower a figure, so when a change with
//!   every later variable at its most still misses a goal, nothing below it
//!   meets the goals; and once a child meets them, adding more to it, or more
//!   instances to the same variable, only costs more;
//! - the bounds of `bound`: a child whose cost (or nodes) plus the least still
//!   needed is worse than the best change found is dropped;
//! - one gradient per change gives every child's figures at once (a node's
//!   odds enter them linearly); a child that seems to meet the goals is then
//!   checked exactly.
//!
//! The search starts from the greedy changes. When it has visited everything
//! it has not pruned, its best change is optimal; when the budget runs out
//! first, it is the best found, and the option says `heuristic`.

use crate::analysis::what_if::Gradient;

use super::bound::Bounds;
use super::model::{Evaluator, Model};
use super::objective::{compare_costs, Key, Objective};
use super::problem::Problem;
use std::cmp::Ordering;

/// What the search found: a change as `(variable, d)` pairs, and whether it is optimal.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub change: Vec<(usize, u32)>,
    pub exact: bool,
}

/// A child not yet visited.
#[derive(Clone, Copy, Debug)]
struct Child {
    var: usize,
    d: u32,
    /// Its cost, and the least cost and nodes a change at or below it can have.
    cost: f64,
    least_cost: f64,
    least_nodes: usize,
}

/// A visited change and its children.
struct Frame {
    change: Vec<(usize, u32)>,
    children: Vec<Child>,
    next: usize,
}

struct Search<'a> {
    problem: &'a Problem,
    model: &'a Model,
    bounds: &'a Bounds,
    objective: Objective,
    ev: &'a mut Evaluator,
    grads: Vec<Gradient>,
    best: Option<(Key, Vec<(usize, u32)>)>,
    steps: u64,
    /// A buffer for each child's gaps.
    gaps: Vec<f64>,
}

/// Steps a child costs per goal: looking at it is about as much work as
/// evaluating this many BDD nodes.
const CHILD_STEPS: u64 = 16;

/// The best change for `objective`, starting from the `incumbents` (changes
/// that meet every goal), within `budget` steps (BDD nodes and gates
/// evaluated, plus children considered).
pub(crate) fn search(
    problem: &Problem,
    model: &Model,
    ev: &mut Evaluator,
    objective: Objective,
    incumbents: &[Vec<(usize, u32)>],
    budget: u64,
) -> Option<Found> {
    let bounds = Bounds::new(problem);
    let mut search = Search {
        problem,
        model,
        bounds: &bounds,
        objective,
        ev,
        grads: vec![Gradient::default(); problem.goals.len()],
        best: None,
        steps: 0,
        gaps: Vec::new(),
    };
    for change in incumbents {
        search.offer(change.clone());
    }
    let start = search.ev.work;
    let mut stack = vec![search.expand(Vec::new())];
    while let Some(frame) = stack.last_mut() {
        if search.ev.work - start + search.steps > budget {
            return search.best.map(|(_, change)| Found {
                change,
                exact: false,
            });
        }
        let Some(&child) = frame.children.get(frame.next) else {
            stack.pop();
            continue;
        };
        frame.next += 1;
        if search.beaten(&child) {
            continue;
        }
        let mut change = frame.change.clone();
        change.push((child.var, child.d));
        let next = search.expand(change);
        stack.push(next);
    }
    search.best.map(|(_, change)| Found {
        change,
        exact: true,
    })
}

impl Search<'_> {
    fn key(&self, change: &[(usize, u32)]) -> Key {
        Key::of(&self.problem.change(change), |v| self.model.nodes[v].cost)
    }

    /// Keeps `change` (which meets every goal) if it beats the best so far.
    fn offer(&mut self, change: Vec<(usize, u32)>) {
        let key = self.key(&change);
        let better = match &self.best {
            None => true,
            Some((best, _)) => self.objective.compare(&key, best) == Ordering::Less,
        };
        if better {
            self.best = Some((key, change));
        }
    }

    /// Whether nothing at or below `child` can beat the best change found.
    fn beaten(&self, child: &Child) -> bool {
        let Some((best, _)) = &self.best else {
            return false;
        };
        let cost = compare_costs(child.least_cost, best.cost);
        match self.objective {
            Objective::Cheapest => cost == Ordering::Greater,
            Objective::FewestNodes => match child.least_nodes.cmp(&best.nodes) {
                Ordering::Equal => cost == Ordering::Greater,
                other => other == Ordering::Greater,
            },
        }
    }

    /// The frame of `change`: its children worth visiting, most promising first.
    fn expand(&mut self, change: Vec<(usize, u32)>) -> Frame {
        let last = change.last().map(|&(i, _)| i);
        let first_free = last.map_or(0, |i| i + 1);
        let mut frame = Frame {
            change,
            children: Vec::new(),
            next: 0,
        };
        let k = self.problem.vars.len();
        if last.is_some() && !self.can_meet(&frame.change, first_free) {
            return frame;
        }
        let model = self.model;
        self.ev.set(model, &self.problem.change(&frame.change));
        for (goal, g) in self.problem.goals.iter().zip(self.grads.iter_mut()) {
            self.ev.gradient(&model.what_if.programs[goal.program], g);
        }
        let key = self.key(&frame.change);
        let gaps: Vec<f64> = self
            .problem
            .goals
            .iter()
            .zip(&self.grads)
            .map(|(goal, g)| goal.min - g.value)
            .collect();
        self.steps += (CHILD_STEPS / 4) * (gaps.len() * (k - first_free)) as u64;
        let (cost, nodes) = self.bounds.together(self.problem, first_free, &gaps);
        let whole = Child {
            var: first_free,
            d: 0,
            cost: key.cost,
            least_cost: key.cost + cost,
            least_nodes: key.nodes.saturating_add(nodes),
        };
        if !cost.is_finite() || self.beaten(&whole) {
            return frame;
        }
        for var in first_free..k {
            self.children_of(&frame.change, &key, var, &mut frame.children);
        }
        self.steps += frame.children.len() as u64 * CHILD_STEPS;
        crate::sorting::sort_by(&mut frame.children, |a, b| self.promise(a, b));
        frame
    }

    /// Whether `change` with every variable from `first_free` on at its most meets every goal.
    fn can_meet(&mut self, change: &[(usize, u32)], first_free: usize) -> bool {
        let mut most = change.to_vec();
        most.extend((first_free..self.problem.vars.len()).map(|i| (i, self.problem.vars[i].max)));
        self.problem.meets(self.model, self.ev, &most)
    }

    /// The children of `change` adding to `var`, up to the first that meets
    /// every goal (more instances would only cost more).
    fn children_of(
        &mut self,
        change: &[(usize, u32)],
        key: &Key,
        var: usize,
        out: &mut Vec<Child>,
    ) {
        let problem = self.problem;
        let v = &problem.vars[var];
        let node = &self.model.nodes[v.node];
        let mut gaps = std::mem::take(&mut self.gaps);
        let steps = CHILD_STEPS * problem.goals.len() as u64;
        for d in 1..=v.max {
            self.steps += steps;
            gaps.clear();
            gaps.extend(problem.goals.iter().zip(&self.grads).map(|(goal, g)| {
                goal.min - g.moved(v.level, node.odds_with(0), node.odds_with(d))
            }));
            if gaps.iter().all(|&gap| gap <= 0.0) {
                let mut child_change = change.to_vec();
                child_change.push((var, d));
                // The goals `var` does not move keep the change's exact values.
                let moved = problem.goals_of(var);
                if problem.meets_these(self.model, self.ev, &child_change, moved) {
                    self.offer(child_change);
                    break;
                }
            }
            let cost = key.cost + f64::from(d) * v.cost;
            let child = Child {
                var,
                d,
                cost,
                least_cost: cost + self.bounds.cost(var + 1, &gaps),
                least_nodes: (key.nodes + 1).saturating_add(self.bounds.nodes(var + 1, &gaps)),
            };
            if child.least_cost.is_finite()
                && child.least_nodes != usize::MAX
                && !self.beaten(&child)
            {
                out.push(child);
            }
        }
        self.gaps = gaps;
    }

    /// Children in the order to visit them: the least bound first.
    fn promise(&self, a: &Child, b: &Child) -> Ordering {
        let cost = a.least_cost.total_cmp(&b.least_cost);
        let first = match self.objective {
            Objective::Cheapest => cost,
            Objective::FewestNodes => a.least_nodes.cmp(&b.least_nodes).then(cost),
        };
        first
            .then(a.cost.total_cmp(&b.cost))
            .then(a.var.cmp(&b.var))
            .then(a.d.cmp(&b.d))
    }
}
