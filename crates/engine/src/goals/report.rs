//! What `topolab check` says (docs/spec/model.md §6): serialised, exactly its JSON object;
//! in memory, also each goal's label for the app.

use serde::Serialize;

/// Whether every goal is met, each goal's verdict, and the warnings (docs/spec/model.md §6).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckReport {
    /// Every goal is met (true when there are none).
    pub met: bool,
    /// One per goal, in document order.
    pub goals: Vec<GoalReport>,
    /// In the order of [`WarningKind`], each kind's entries in node order
    /// (`client_to_store` in link order); always present, possibly empty.
    pub warnings: Vec<Warning>,
}

/// One goal's verdict.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GoalReport {
    /// The goal's place in `goals`.
    pub index: usize,
    /// The goal's id, only when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The goal's kind, as the document names it.
    pub kind: &'static str,
    pub met: bool,
    /// The measured figure of an `availability`, `max_sync_depth` or `budget` goal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Measured>,
    /// The first failing set of an unmet `survive` goal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counterexample: Option<Counterexample>,
    /// A `survive` goal whose search stopped at its budget with no failing set
    /// found: not known to be met, so not met.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unchecked: bool,
    /// The goal's label (not serialised: the output does not repeat it).
    #[serde(skip)]
    pub label: Option<String>,
}

/// A goal's measured figure: a count, or a probability or cost.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Measured {
    /// `max_sync_depth`, a whole number.
    Count(u32),
    /// An availability or a budget's cost.
    Number(f64),
}

impl Measured {
    /// The figure as a number.
    pub fn as_f64(self) -> f64 {
        match self {
            Measured::Count(n) => f64::from(n),
            Measured::Number(x) => x,
        }
    }
}

/// A set of failures a `survive` goal does not survive, and the functions in its
/// scope that it takes down, in function order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Counterexample {
    #[serde(flatten)]
    pub failed: FailedSet,
    pub down: Vec<String>,
}

/// The failed set, under the name of its unit (docs/spec/model.md §6).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailedSet {
    /// `[node id, instance index]` pairs, by node in document order, then index.
    Instances(Vec<(String, u32)>),
    /// Node ids in document order.
    Nodes(Vec<String>),
    /// Zone ids in document order (docs/spec/model.md §8).
    Zones(Vec<String>),
}

/// Something worth knowing about the design, met goals or not (docs/spec/model.md §6).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Warning {
    pub kind: WarningKind,
    /// The nodes it is about (see each [`WarningKind`]).
    pub nodes: Vec<String>,
    /// The zone of a `zone_spof` (docs/spec/model.md §8).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

/// The kinds of warning, in the order they are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// A database or cache shared by different capability sets; `nodes` = [store].
    SharedStore,
    /// A cycle of sync links; `nodes` = the cycle.
    Cycle,
    /// A node whose `sync_depth` is 4 or more; `nodes` = [node].
    DeepSyncChain,
    /// A link from a client to a database, cache or queue; `nodes` = [client, store].
    ClientToStore,
    /// A single point of failure; `nodes` = [node].
    Spof,
    /// An external whose failure alone takes a function down; `nodes` = [external].
    ExternalOnPath,
    /// A zone whose failure takes a function down (docs/spec/model.md §8); `nodes` = the
    /// nodes with an instance in it that are not alive once it fails, `zone` = its id.
    ZoneSpof,
}

impl WarningKind {
    /// The name used in the output and in `data-warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::SharedStore => "shared_store",
            WarningKind::Cycle => "cycle",
            WarningKind::DeepSyncChain => "deep_sync_chain",
            WarningKind::ClientToStore => "client_to_store",
            WarningKind::Spof => "spof",
            WarningKind::ExternalOnPath => "external_on_path",
            WarningKind::ZoneSpof => "zone_spof",
        }
    }
}
