//! A goal of the document (docs/spec/model.md §6): what the design must achieve. The
//! types only, with the spec's names and each kind's fields; reading them is in
//! [`crate::parse`], their rules in [`crate::validate`], judging them in
//! [`super::check`].
//!
//! A goal is written back with exactly the fields its author wrote (`min` stays
//! `min`, `nines` stays `nines`), as the rest of the document is.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::document::Extra;

/// One entry of the document's `goals` (docs/spec/model.md §6).
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    /// Unique among the goals when present; echoed by `topolab check`.
    pub id: Option<String>,
    /// 0-200 characters; never repeated in `topolab check`'s output.
    pub label: Option<String>,
    /// What the goal asks, with its own fields.
    pub kind: GoalKind,
    /// Kept as is (docs/spec/model.md §1.4).
    pub extra: Option<Extra>,
}

impl Goal {
    /// A goal of `kind` with no id, label or extra.
    pub fn new(kind: GoalKind) -> Goal {
        Goal {
            id: None,
            label: None,
            kind,
            extra: None,
        }
    }
}

/// What a goal asks, by `kind` (docs/spec/model.md §6's table).
#[derive(Clone, Debug, PartialEq)]
pub enum GoalKind {
    /// The function's (or, without one, the system's `all`) availability in the
    /// expected view is at least the threshold.
    Availability {
        /// A function id; `None` for the system's `all`.
        function: Option<String>,
        threshold: Threshold,
    },
    /// Every function in scope that is up or degraded in the live view stays
    /// not down, whatever `failures` failures of `of` happen.
    Survive {
        /// k, 1 to 3.
        failures: u32,
        of: FailureUnit,
        /// The functions in scope; `None` for all of them.
        functions: Option<Vec<String>>,
    },
    /// No node is a single point of failure (docs/spec/model.md §3).
    NoSpof,
    /// `max_sync_depth` is at most `max`.
    MaxSyncDepth { max: u32 },
    /// `shared_stores` is empty.
    NoSharedStores,
    /// `cycles` is empty.
    NoCycles,
    /// The sum over non-client nodes of replicas × cost is at most `max_cost`.
    Budget { max_cost: f64 },
}

/// The name of every goal kind with the fields it takes besides `kind`, `id`,
/// `label` and `extra`, in the spec's order.
pub const GOAL_KINDS: [(&str, &[&str]); 7] = [
    ("availability", &["function", "min", "nines"]),
    ("survive", &["failures", "of", "functions"]),
    ("no_spof", &[]),
    ("max_sync_depth", &["max"]),
    ("no_shared_stores", &[]),
    ("no_cycles", &[]),
    ("budget", &["max_cost"]),
];

/// The fields every goal may carry, whatever its kind.
pub const COMMON_GOAL_FIELDS: [&str; 4] = ["id", "kind", "label", "extra"];

impl GoalKind {
    /// The name used in documents and in `topolab check`'s output.
    pub fn name(&self) -> &'static str {
        match self {
            GoalKind::Availability { .. } => "availability",
            GoalKind::Survive { .. } => "survive",
            GoalKind::NoSpof => "no_spof",
            GoalKind::MaxSyncDepth { .. } => "max_sync_depth",
            GoalKind::NoSharedStores => "no_shared_stores",
            GoalKind::NoCycles => "no_cycles",
            GoalKind::Budget { .. } => "budget",
        }
    }

    /// The fields a goal of the kind named `name` takes besides the common ones;
    /// `None` for a name that is no kind.
    pub fn fields_of(name: &str) -> Option<&'static [&'static str]> {
        GOAL_KINDS
            .iter()
            .find(|(kind, _)| *kind == name)
            .map(|(_, fields)| *fields)
    }
}

/// An availability goal's threshold, as its author wrote it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Threshold {
    /// `min`: a probability, 0 < min < 1.
    Min(f64),
    /// `nines`: 1 to 9, meaning min = 1 - 10^-nines.
    Nines(u32),
}

impl Threshold {
    /// The least availability that meets the goal. `nines: 3` is the number
    /// `0.999` reads as, so that it asks exactly what `min: 0.999` asks (`1 -
    /// 10^-3` computed in floating point is one step above it).
    pub fn min(self) -> f64 {
        match self {
            Threshold::Min(min) => min,
            Threshold::Nines(n) => {
                let n = n.min(300);
                crate::decimal::parse_f64(&format!("0.{}", "9".repeat(n as usize)))
                    .unwrap_or(1.0 - 10f64.powi(-(n as i32)))
            }
        }
    }
}

/// What one failure of a `survive` goal is (docs/spec/model.md §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FailureUnit {
    /// One instance not yet killed.
    Instances,
    /// Every instance of one non-client node that still has one not killed.
    Nodes,
    /// One zone that is not down (docs/spec/model.md §8).
    Zones,
}

impl FailureUnit {
    /// Every unit, in the spec's order.
    pub const ALL: [FailureUnit; 3] = [
        FailureUnit::Instances,
        FailureUnit::Nodes,
        FailureUnit::Zones,
    ];

    /// The name used in documents (`of`) and as a counterexample's key.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureUnit::Instances => "instances",
            FailureUnit::Nodes => "nodes",
            FailureUnit::Zones => "zones",
        }
    }

    /// The unit named `name` in a document.
    pub fn from_name(name: &str) -> Option<FailureUnit> {
        FailureUnit::ALL.into_iter().find(|u| u.as_str() == name)
    }
}

impl Serialize for Goal {
    /// `id`, `kind`, `label`, the kind's own fields and `extra`, each only when written.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(id) = &self.id {
            map.serialize_entry("id", id)?;
        }
        map.serialize_entry("kind", self.kind.name())?;
        if let Some(label) = &self.label {
            map.serialize_entry("label", label)?;
        }
        match &self.kind {
            GoalKind::Availability {
                function,
                threshold,
            } => {
                if let Some(function) = function {
                    map.serialize_entry("function", function)?;
                }
                match threshold {
                    Threshold::Min(min) => map.serialize_entry("min", min)?,
                    Threshold::Nines(n) => map.serialize_entry("nines", n)?,
                }
            }
            GoalKind::Survive {
                failures,
                of,
                functions,
            } => {
                map.serialize_entry("failures", failures)?;
                map.serialize_entry("of", of.as_str())?;
                if let Some(functions) = functions {
                    map.serialize_entry("functions", functions)?;
                }
            }
            GoalKind::MaxSyncDepth { max } => map.serialize_entry("max", max)?,
            GoalKind::Budget { max_cost } => map.serialize_entry("max_cost", max_cost)?,
            GoalKind::NoSpof | GoalKind::NoSharedStores | GoalKind::NoCycles => {}
        }
        if let Some(extra) = &self.extra {
            map.serialize_entry("extra", extra)?;
        }
        map.end()
    }
}
