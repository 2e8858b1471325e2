//! Goals and `topolab check` (docs/spec/model.md §6): what a design must achieve, and
//! whether it does.
//!
//! Code map: `goal` holds the types a document carries (read in [`crate::parse`],
//! checked in [`crate::validate`]).

mod goal;

pub use goal::{FailureUnit, Goal, GoalKind, Threshold, COMMON_GOAL_FIELDS, GOAL_KINDS};
