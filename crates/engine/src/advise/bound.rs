//! Lower bounds for the search (docs/spec/model.md §7, exact options): the
//! least cost, and the fewest nodes, that can still close each goal's gap
//! with the variables from some index on.
//!
//! Each variable can gain a goal at most its [`Var::gain`] (a bound valid
//! for every change, `problem`). Relaxed to a fractional knapsack, the least
//! cost takes variables by their best gain per unit of cost, the last one in
//! part; the fewest nodes take them by their largest gain. Both need the
//! variables sorted, so each goal keeps a table for every suffix of the
//! variables that move it (or every few, past a few hundred: a table that
//! starts earlier holds more variables, so its bound is lower and still valid).
//!
//! With many goals, each needing nodes of its own, the largest of the goals'
//! bounds is weak: [`Bounds::together`] bounds them at once, counting what a
//! variable closes of every gap (each goal's share capped at 1), which must
//! add up to the number of goals. It depends on the gaps, so it is computed
//! per visited change, not per child.
//!
//! [`Var::gain`]: super::problem::Var

use super::problem::{Problem, Var};

/// Tables kept per goal at most: one per start past this many variables
/// would be quadratic in memory.
const MAX_TABLES: usize = 256;
/// Entries of `Bounds::before` at most (16 MB).
const MAX_POSITIONS: usize = 1 << 22;

/// One goal's variables from some start on.
#[derive(Clone, Debug, Default)]
struct Table {
    /// Sorted by gain per cost, best first: cumulative gain, cumulative cost
    /// (at that rate), and the rate.
    by_rate: Vec<(f64, f64, f64)>,
    /// Sorted by largest gain: cumulative gain.
    by_gain: Vec<f64>,
}

/// The tables of every goal.
#[derive(Clone, Debug)]
pub(crate) struct Bounds {
    /// `[goal][i]`: the table of the goal's readers from its `i * step`-th on.
    tables: Vec<Vec<Table>>,
    /// Per goal, the readers between two tables.
    steps: Vec<usize>,
    /// Per goal, its readers (`Problem::readers`).
    readers: Vec<Vec<usize>>,
    /// Per goal and start, how many of its readers come before the start
    /// (empty when that would take more than [`MAX_POSITIONS`] entries: then
    /// they are counted by binary search).
    before: Vec<Vec<u32>>,
    /// Every cost is a whole number, so a bound rounds up.
    whole_costs: bool,
}

impl Bounds {
    pub(crate) fn new(problem: &Problem) -> Bounds {
        let steps: Vec<usize> = problem
            .readers
            .iter()
            .map(|r| r.len().div_ceil(MAX_TABLES).max(1))
            .collect();
        let tables = problem
            .readers
            .iter()
            .enumerate()
            .map(|(t, readers)| {
                (0..=readers.len())
                    .step_by(steps[t])
                    .map(|i| table(problem, t, &readers[i..]))
                    .collect()
            })
            .collect();
        let k = problem.vars.len();
        let before = match problem.readers.len() * (k + 1) <= MAX_POSITIONS {
            true => problem
                .readers
                .iter()
                .map(|r| {
                    (0..=k)
                        .map(|start| r.partition_point(|&i| i < start) as u32)
                        .collect()
                })
                .collect(),
            false => Vec::new(),
        };
        Bounds {
            tables,
            steps,
            before,
            readers: problem.readers.clone(),
            whole_costs: problem.vars.iter().all(|v| v.cost.fract() == 0.0),
        }
    }

    /// Goal `goal`'s table of its readers from variable `start` on.
    fn table(&self, goal: usize, start: usize) -> Option<&Table> {
        let before = match self.before.get(goal) {
            Some(before) => *before.get(start).or(before.last())? as usize,
            None => self.readers.get(goal)?.partition_point(|&i| i < start),
        };
        self.tables.get(goal)?.get(before / self.steps.get(goal)?)
    }

    fn round(&self, cost: f64) -> f64 {
        match self.whole_costs {
            true => (cost * (1.0 - 1e-9)).ceil(),
            false => cost * (1.0 - 1e-9),
        }
    }

    /// The least extra cost to close every goal's `gaps` with variables
    /// `start..`, the largest of the goals' own; infinite when they cannot.
    pub(crate) fn cost(&self, start: usize, gaps: &[f64]) -> f64 {
        let mut bound: f64 = 0.0;
        for (t, &gap) in gaps.iter().enumerate() {
            if gap <= 0.0 {
                continue;
            }
            let Some(table) = self.table(t, start) else {
                return f64::INFINITY;
            };
            let i = table.by_rate.partition_point(|&(gain, _, _)| gain < gap);
            let Some(&(_, _, rate)) = table.by_rate.get(i) else {
                return f64::INFINITY;
            };
            let (gain_before, cost_before) = match i {
                0 => (0.0, 0.0),
                _ => (table.by_rate[i - 1].0, table.by_rate[i - 1].1),
            };
            bound = bound.max(cost_before + (gap - gain_before) / rate);
        }
        self.round(bound)
    }

    /// The fewest extra variables that can close every goal's `gaps` with
    /// variables `start..`, the largest of the goals' own; `usize::MAX` when
    /// they cannot.
    pub(crate) fn nodes(&self, start: usize, gaps: &[f64]) -> usize {
        let mut bound = 0;
        for (t, &gap) in gaps.iter().enumerate() {
            if gap <= 0.0 {
                continue;
            }
            let Some(table) = self.table(t, start) else {
                return usize::MAX;
            };
            let i = table.by_gain.partition_point(|&gain| gain < gap);
            if i == table.by_gain.len() {
                return usize::MAX;
            }
            bound = bound.max(i + 1);
        }
        bound
    }

    /// The least extra cost and the fewest extra variables, from `start` on,
    /// that can close every goal's `gaps` together; infinite and `usize::MAX`
    /// when they cannot.
    pub(crate) fn together(&self, problem: &Problem, start: usize, gaps: &[f64]) -> (f64, usize) {
        let open = gaps.iter().filter(|&&gap| gap > 0.0).count();
        if open == 0 {
            return (0.0, 0);
        }
        let needed = open as f64 * (1.0 - 1e-9);
        let share = |var: &Var, d: usize| -> f64 {
            var.gain
                .iter()
                .filter(|(t, _)| gaps[*t] > 0.0)
                .map(|(t, gain)| (gain[d] / gaps[*t]).min(1.0))
                .sum()
        };
        let mut items: Vec<(f64, f64)> = problem.vars[start.min(problem.vars.len())..]
            .iter()
            .map(|var| {
                let most = share(var, var.max as usize);
                let rate = (1..=var.max as usize)
                    .map(|d| share(var, d) / (d as f64 * var.cost))
                    .fold(0.0, f64::max);
                (most, rate)
            })
            .filter(|&(most, _)| most > 0.0)
            .collect();
        let mut sizes: Vec<f64> = items.iter().map(|i| i.0).collect();
        crate::sorting::sort_by(&mut sizes, |a, b| b.total_cmp(a));
        let mut total = 0.0;
        let Some(nodes) = sizes.iter().position(|s| {
            total += s;
            total >= needed
        }) else {
            return (f64::INFINITY, usize::MAX);
        };
        crate::sorting::sort_by(&mut items, |a, b| b.1.total_cmp(&a.1));
        let (mut got, mut cost) = (0.0, 0.0);
        for (most, rate) in items {
            let take = most.min(needed - got);
            got += take;
            cost += take / rate;
            if got >= needed {
                break;
            }
        }
        (self.round(cost), nodes + 1)
    }
}

/// Goal `t`'s table of the variables `vars` (indices, its readers from some on).
fn table(problem: &Problem, t: usize, vars: &[usize]) -> Table {
    let mut rates = Vec::new();
    let mut gains = Vec::new();
    for &i in vars {
        let var = &problem.vars[i];
        let Some((_, gain)) = var.gain.iter().find(|(goal, _)| *goal == t) else {
            continue;
        };
        let most = gain.last().copied().unwrap_or(0.0);
        if most <= 0.0 {
            continue;
        }
        let rate = (1..gain.len())
            .map(|d| gain[d] / (d as f64 * var.cost))
            .fold(0.0, f64::max);
        rates.push((most, rate));
        gains.push(most);
    }
    crate::sorting::sort_by(&mut rates, |a, b| b.1.total_cmp(&a.1));
    crate::sorting::sort_by(&mut gains, |a, b| b.total_cmp(a));
    let (mut gain, mut cost) = (0.0, 0.0);
    let by_rate = rates
        .into_iter()
        .map(|(most, rate)| {
            gain += most;
            cost += most / rate;
            (gain, cost, rate)
        })
        .collect();
    let mut total = 0.0;
    let by_gain = gains
        .into_iter()
        .map(|g| {
            total += g;
            total
        })
        .collect();
    Table { by_rate, by_gain }
}
