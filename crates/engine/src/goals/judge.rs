//! One goal's verdict (docs/spec/model.md §6's table): read off the analysis for every
//! kind but `survive`, whose failures are tried in `survive`.

use super::survive::{survival, Survival};
use super::world::World;
use crate::analysis::Analysis;
use crate::document::Document;
use crate::goals::{Goal, GoalKind, GoalReport, Measured};

/// How far below its threshold an availability may be computed and still meet
/// it: the precision the engine's figures are exact to (docs/spec/model.md §2), so
/// that two replicas of a three-nines service meet six nines whatever the last
/// bit of `1 - 0.001^2` comes out as.
pub const AVAILABILITY_TOLERANCE: f64 = 1e-12;

/// Whether an availability of `value` meets a threshold of `min`.
pub fn meets(value: f64, min: f64) -> bool {
    value >= min - AVAILABILITY_TOLERANCE
}

/// Whether a total cost of `cost` is within a budget of `max_cost`, to a
/// billionth of it: costs are decimals summed in binary (3 × 0.1 is above 0.3).
pub fn within_budget(cost: f64, max_cost: f64) -> bool {
    cost <= max_cost * (1.0 + 1e-9)
}

/// The sum over non-client nodes of replicas × cost (docs/spec/model.md §6 `budget`).
pub fn total_cost(doc: &Document) -> f64 {
    doc.nodes
        .iter()
        .filter(|n| !n.is_client())
        .map(|n| f64::from(n.replicas()) * n.instance_cost())
        .sum()
}

/// The verdict on `goal`, the `index`-th of `world`'s document, analysed as `analysis`.
pub(super) fn judge(index: usize, goal: &Goal, analysis: &Analysis, world: &World) -> GoalReport {
    let mut report = GoalReport {
        index,
        id: goal.id.clone(),
        kind: goal.kind.name(),
        met: true,
        value: None,
        counterexample: None,
        unchecked: false,
        label: goal.label.clone(),
    };
    match &goal.kind {
        GoalKind::Availability {
            function,
            threshold,
        } => {
            let value = match function {
                None => Some(analysis.system.all),
                Some(id) => analysis.function(id).map(|f| f.availability),
            };
            // An unknown function (refused by validation) meets nothing.
            report.met = value.is_some_and(|v| meets(v, threshold.min()));
            report.value = value.map(Measured::Number);
        }
        GoalKind::Survive {
            failures,
            of,
            functions,
        } => match survival(world, *failures, *of, functions.as_deref()) {
            Survival::Met => report.met = true,
            Survival::Fails(cx) => {
                report.met = false;
                report.counterexample = Some(cx);
            }
            Survival::Unchecked => {
                report.met = false;
                report.unchecked = true;
            }
        },
        GoalKind::NoSpof => report.met = analysis.nodes.iter().all(|n| !n.spof),
        GoalKind::MaxSyncDepth { max } => {
            report.met = analysis.max_sync_depth <= *max;
            report.value = Some(Measured::Count(analysis.max_sync_depth));
        }
        GoalKind::NoSharedStores => report.met = analysis.shared_stores.is_empty(),
        GoalKind::NoCycles => report.met = analysis.cycles.is_empty(),
        GoalKind::Budget { max_cost } => {
            let cost = total_cost(world.doc);
            report.met = within_budget(cost, *max_cost);
            report.value = Some(Measured::Number(cost));
        }
    }
    report
}
