//! The names of the figures a comparison puts side by side, which way each is
//! better, and the typed values they take (the figures are
//! those of docs/spec/model.md §2 and §3).
//!
//! A metric is an enum, not English text: the app translates it, and
//! [`Metric::key`] is the stable name the CLI prints.

use serde::{Serialize, Serializer};

use crate::analysis::{Method, Status};

/// One figure of a comparison's table: first the four of each function, then
/// those of the whole document (see [`Metric::FUNCTION`], [`Metric::DOCUMENT`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Metric {
    /// A function's availability in the expected view (docs/spec/model.md §2).
    Availability,
    /// A function's availability in the design view, kills ignored (docs/spec/model.md §2).
    DesignAvailability,
    /// A function's live status (docs/spec/model.md §2).
    Status,
    /// A function's downtime per year, `(1 - availability) * 365.25 * 24` hours (docs/spec/model.md §2).
    DowntimeHoursPerYear,
    /// P(every function works), expected view (docs/spec/model.md §2 `all`).
    SystemAll,
    /// Weighted mean of the functions' availabilities (docs/spec/model.md §2 `mean`).
    SystemMean,
    /// P(every function works) in the design view.
    SystemDesignAll,
    /// Downtime per year of the whole, from `all`: hours when some function is down.
    SystemDowntimeHoursPerYear,
    /// Exact or Monte Carlo (docs/spec/model.md §2, §5 `method`).
    Method,
    /// How many functions the document has (listed or derived, docs/spec/model.md §1.3).
    Functions,
    /// Nodes that can fail: every node but the clients (docs/spec/model.md §1.1).
    Nodes,
    /// Instances of those nodes: the sum of their replicas (servers to run).
    Instances,
    /// Nodes of kind `service`.
    Services,
    /// Requires and optional links between non-client nodes (docs/spec/model.md §3 sync links).
    SyncLinks,
    /// Async links between non-client nodes (docs/spec/model.md §3).
    AsyncLinks,
    /// The shared stores (docs/spec/model.md §3), compared by how many.
    SharedStores,
    /// The cycles of sync links (docs/spec/model.md §3), compared by how many.
    Cycles,
    /// The largest `sync_depth` (docs/spec/model.md §3).
    MaxSyncDepth,
    /// The most network hops a request waits on (see `Metrics::longest_request_chain`).
    LongestRequestChain,
    /// Nodes that are single points of failure (docs/spec/model.md §3 `spof`), compared by how many.
    SpofNodes,
    /// The largest share of the functions one node's death takes down (docs/spec/model.md §3).
    LargestBlastRadius,
    /// The mean, over nodes that can fail, of that share (docs/spec/model.md §3).
    MeanBlastRadius,
    /// The mean `instability` over services (docs/spec/model.md §3).
    MeanInstability,
}

/// Which way a metric is better, if it has a way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More is better (availability, a status closer to `up`).
    Higher,
    /// Less is better (downtime, shared stores, cycles, depth, SPOFs, blast radius).
    Lower,
    /// Neither: a size or a shape, not a quality (nodes, services, instability).
    None,
}

/// One of the two documents compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The first document (`compare(a, b)`; before a split).
    A,
    /// The second document (after a split).
    B,
}

impl Side {
    /// The other document.
    pub fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }
}

impl Metric {
    /// The rows of each function, in table order.
    pub const FUNCTION: [Metric; 4] = [
        Metric::Availability,
        Metric::DesignAvailability,
        Metric::Status,
        Metric::DowntimeHoursPerYear,
    ];

    /// The rows of the whole document, in table order.
    pub const DOCUMENT: [Metric; 19] = [
        Metric::SystemAll,
        Metric::SystemMean,
        Metric::SystemDesignAll,
        Metric::SystemDowntimeHoursPerYear,
        Metric::Method,
        Metric::Functions,
        Metric::Nodes,
        Metric::Instances,
        Metric::Services,
        Metric::SyncLinks,
        Metric::AsyncLinks,
        Metric::SharedStores,
        Metric::Cycles,
        Metric::MaxSyncDepth,
        Metric::LongestRequestChain,
        Metric::SpofNodes,
        Metric::LargestBlastRadius,
        Metric::MeanBlastRadius,
        Metric::MeanInstability,
    ];

    /// The stable name of the metric: the CLI's `metric` field and a key the
    /// app can translate, e.g. `system_all`, `shared_stores`.
    pub fn key(self) -> &'static str {
        match self {
            Metric::Availability => "availability",
            Metric::DesignAvailability => "design_availability",
            Metric::Status => "status",
            Metric::DowntimeHoursPerYear => "downtime_hours_per_year",
            Metric::SystemAll => "system_all",
            Metric::SystemMean => "system_mean",
            Metric::SystemDesignAll => "system_design_all",
            Metric::SystemDowntimeHoursPerYear => "system_downtime_hours_per_year",
            Metric::Method => "method",
            Metric::Functions => "functions",
            Metric::Nodes => "nodes",
            Metric::Instances => "instances",
            Metric::Services => "services",
            Metric::SyncLinks => "sync_links",
            Metric::AsyncLinks => "async_links",
            Metric::SharedStores => "shared_stores",
            Metric::Cycles => "cycles",
            Metric::MaxSyncDepth => "max_sync_depth",
            Metric::LongestRequestChain => "longest_request_chain",
            Metric::SpofNodes => "spof_nodes",
            Metric::LargestBlastRadius => "largest_blast_radius",
            Metric::MeanBlastRadius => "mean_blast_radius",
            Metric::MeanInstability => "mean_instability",
        }
    }

    /// The metric whose [`Metric::key`] is `key`.
    pub fn from_key(key: &str) -> Option<Metric> {
        Metric::FUNCTION
            .into_iter()
            .chain(Metric::DOCUMENT)
            .find(|m| m.key() == key)
    }

    /// Which way the metric is better. Counts of what couples services (sync
    /// links, shared stores, cycles, depth, SPOFs, blast radius) are better
    /// lower; sizes have no direction, nor has instability, which says where a
    /// service sits (a store is stable, an entry point unstable, both by
    /// design) rather than how good it is.
    pub fn direction(self) -> Direction {
        match self {
            Metric::Availability
            | Metric::DesignAvailability
            | Metric::Status
            | Metric::SystemAll
            | Metric::SystemMean
            | Metric::SystemDesignAll => Direction::Higher,
            Metric::DowntimeHoursPerYear
            | Metric::SystemDowntimeHoursPerYear
            | Metric::SyncLinks
            | Metric::SharedStores
            | Metric::Cycles
            | Metric::MaxSyncDepth
            | Metric::LongestRequestChain
            | Metric::SpofNodes
            | Metric::LargestBlastRadius
            | Metric::MeanBlastRadius => Direction::Lower,
            Metric::Method
            | Metric::Functions
            | Metric::Nodes
            | Metric::Instances
            | Metric::Services
            | Metric::AsyncLinks
            | Metric::MeanInstability => Direction::None,
        }
    }
}

impl Serialize for Metric {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

/// The value of a metric on one side, typed so that the app formats it
/// (a probability in nines, hours as downtime, a share as a percentage).
/// Serialised bare: a number, a string, or a list of ids.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// A probability in [0, 1] (docs/spec/model.md §2).
    Probability(f64),
    /// Hours per year.
    Hours(f64),
    /// A share of the functions, in [0, 1].
    Share(f64),
    /// A plain ratio, such as instability (docs/spec/model.md §3).
    Ratio(f64),
    /// A number of things.
    Count(u32),
    /// Node ids (shared stores, SPOFs), in document order.
    Ids(Vec<String>),
    /// Groups of node ids (cycles, docs/spec/model.md §3 order).
    Groups(Vec<Vec<String>>),
    /// A live status.
    Status(Status),
    /// How the availabilities were computed.
    Method(Method),
}

impl Value {
    /// The figure the metric's [`Direction`] orders by: the number itself, a
    /// list's length, a status's rank (`down` < `degraded` < `up`); `None`
    /// for a method, which has no order.
    pub fn magnitude(&self) -> Option<f64> {
        match self {
            Value::Probability(x) | Value::Hours(x) | Value::Share(x) | Value::Ratio(x) => Some(*x),
            Value::Count(n) => Some(f64::from(*n)),
            Value::Ids(ids) => Some(ids.len() as f64),
            Value::Groups(groups) => Some(groups.len() as f64),
            Value::Status(Status::Down) => Some(0.0),
            Value::Status(Status::Degraded) => Some(1.0),
            Value::Status(Status::Up) => Some(2.0),
            Value::Method(_) => None,
        }
    }
}
