//! Lower bounds for the search (docs/spec/model.md §7, exact options): the
//! least cost, and the fewest nodes, that can still close each goal's gap
//! with the variables from some index on.
//!
//! Each variable can gain a goal at most its [`Var::gain`] (a bound valid
//! for every change, `problem`). Relaxed to a fractional knapsack, the least
//! cost takes variables by their best gain per unit of cost, the last one in
//! part; the fewest nodes take them by their largest gain. Both need the
//! variables sorted, so a table is kept for every starting index (or every
//! few, for hundreds of variables: the table of an earlier start holds more
//! variables, so its bound is lower and still valid).
//!
//! [`Var::gain`]: super::problem::Var

use super::problem::Problem;

/// Tables kept at most: one per start beyond this many variables would be
/// quadratic in memory.
const MAX_TABLES: usize = 256;

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
    /// `[goal][start / step]`.
    tables: Vec<Vec<Table>>,
    step: usize,
    /// Every cost is a whole number, so a bound rounds up.
    whole_costs: bool,
}

impl Bounds {
    pub(crate) fn new(problem: &Problem) -> Bounds {
        let k = problem.vars.len();
        let step = k.div_ceil(MAX_TABLES).max(1);
        let tables = (0..problem.goals.len())
            .map(|t| {
                (0..=k)
                    .step_by(step)
                    .map(|start| table(problem, t, start))
                    .collect()
            })
            .collect();
        Bounds {
            tables,
            step,
            whole_costs: problem.vars.iter().all(|v| v.cost.fract() == 0.0),
        }
    }

    fn table(&self, goal: usize, start: usize) -> Option<&Table> {
        self.tables.get(goal)?.get(start / self.step)
    }

    /// The least extra cost to close every goal's `gaps` with variables
    /// `start..`; infinite when they cannot.
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
        match self.whole_costs {
            true => (bound * (1.0 - 1e-9)).ceil(),
            false => bound * (1.0 - 1e-9),
        }
    }

    /// The fewest extra variables that can close every goal's `gaps` with
    /// variables `start..`; `usize::MAX` when they cannot.
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
}

/// Goal `t`'s table of the variables from `start` on.
fn table(problem: &Problem, t: usize, start: usize) -> Table {
    let mut rates = Vec::new();
    let mut gains = Vec::new();
    for var in &problem.vars[start.min(problem.vars.len())..] {
        let gain = &var.gain[t];
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
    rates.sort_by(|a, b| b.1.total_cmp(&a.1));
    gains.sort_by(|a, b| b.total_cmp(a));
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
