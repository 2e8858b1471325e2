//! Goals and `topolab check` (docs/spec/model.md §6): what a design must achieve, and
//! whether it does.
//!
//! Code map: `goal` holds the types a document carries (read in [`crate::parse`],
//! checked in [`crate::validate`]); `report` the output of [`check`]. `judge` gives
//! one goal's verdict from the document's [`Analysis`]; a `survive` goal's failures
//! are listed by `failures` and searched by `survive`, on the live view and the
//! analysis engine's scenario lanes that `world` sets up; `warnings` lists the
//! warnings (`zone_spof` among them, for zones, §8).

mod failures;
mod goal;
mod judge;
mod report;
mod survive;
mod warnings;
mod world;

pub use goal::{FailureUnit, Goal, GoalKind, Threshold, COMMON_GOAL_FIELDS, GOAL_KINDS};
pub use judge::{meets, total_cost, within_budget, AVAILABILITY_TOLERANCE};
pub use report::{
    CheckReport, Counterexample, FailedSet, GoalReport, Measured, Warning, WarningKind,
};
pub use warnings::DEEP_SYNC_DEPTH;

use crate::analysis::{analyze, Analysis};
use crate::document::Document;
use world::World;

/// Every goal of `doc` judged, and the warnings about it (docs/spec/model.md §6): what
/// `topolab check` prints. The document is assumed valid; an invalid one gives
/// some answer, never a panic.
pub fn check(doc: &Document) -> CheckReport {
    check_with(doc, &analyze(doc))
}

/// [`check`] with `doc`'s analysis already computed (the app keeps one).
pub fn check_with(doc: &Document, analysis: &Analysis) -> CheckReport {
    let world = World::new(doc);
    let goals: Vec<GoalReport> = doc
        .goals
        .iter()
        .enumerate()
        .map(|(i, goal)| judge::judge(i, goal, analysis, &world))
        .collect();
    CheckReport {
        met: goals.iter().all(|g| g.met),
        goals,
        warnings: warnings::warnings(&world, analysis),
    }
}
