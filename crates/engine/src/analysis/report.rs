//! What an analysis says (docs/spec/model.md §5): serialised, exactly the JSON object
//! `topolab analyze` prints; in memory, also the labels and live facts the
//! app draws.

use serde::Serialize;

/// A function's or node's state in the live view (docs/spec/model.md §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Works with no degraded node in the way.
    Up,
    /// Works, but only through a node whose optional dependency failed.
    Degraded,
    /// Does not work.
    Down,
}

impl Status {
    /// The name used in the JSON output and in `data-status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Up => "up",
            Status::Degraded => "degraded",
            Status::Down => "down",
        }
    }
}

/// How the availabilities were computed (docs/spec/model.md §2, §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Equal to exhaustive enumeration to 1e-12.
    Exact,
    /// Estimated by sampling; `ci95` says how closely.
    MonteCarlo,
}

/// The analysis of a document (docs/spec/model.md §5): functions, system figures, nodes,
/// shared stores, cycles and the longest synchronous chain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    /// In document order, or derived order when the document lists none.
    pub functions: Vec<FunctionReport>,
    /// `all`, `mean` and how they were computed (docs/spec/model.md §2).
    pub system: SystemReport,
    /// In document order.
    pub nodes: Vec<NodeReport>,
    /// Ids of databases and caches shared by different capability sets (docs/spec/model.md §3).
    pub shared_stores: Vec<String>,
    /// Strongly connected components over sync links (docs/spec/model.md §3).
    pub cycles: Vec<Vec<String>>,
    /// The largest `sync_depth` (0 for an empty document).
    pub max_sync_depth: u32,
    /// In document order; empty, and not written, when the document has no zones
    /// (docs/spec/model.md §8).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub zones: Vec<ZoneReport>,
}

impl Analysis {
    /// Each node's live status, in document order (what the SVG and canvas draw).
    pub fn node_statuses(&self) -> Vec<&'static str> {
        self.nodes.iter().map(|n| n.status().as_str()).collect()
    }

    /// The report on the node with this id.
    pub fn node(&self, id: &str) -> Option<&NodeReport> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The report on the zone with this id.
    pub fn zone(&self, id: &str) -> Option<&ZoneReport> {
        self.zones.iter().find(|z| z.id == id)
    }

    /// The report on the function with this id.
    pub fn function(&self, id: &str) -> Option<&FunctionReport> {
        self.functions.iter().find(|f| f.id == id)
    }
}

/// One function's live status and availabilities (docs/spec/model.md §2, §5).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunctionReport {
    /// The function's id (`<client>:<capability>` when derived, docs/spec/model.md §1.3).
    pub id: String,
    /// Live status (docs/spec/model.md §2).
    pub status: Status,
    /// P(the function works) in the expected view.
    pub availability: f64,
    /// P(the function works) in the design view (kills ignored).
    pub design_availability: f64,
    /// `(1 - availability) * 365.25 * 24`.
    pub downtime_hours_per_year: f64,
    /// The function's label, else its id (not serialised).
    #[serde(skip)]
    pub label: String,
    /// The client's id (not serialised).
    #[serde(skip)]
    pub client: String,
    /// The capability (not serialised).
    #[serde(skip)]
    pub capability: String,
    /// Share of traffic in the weighted mean (not serialised).
    #[serde(skip)]
    pub weight: f64,
}

/// The system figures (docs/spec/model.md §2, §5).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SystemReport {
    /// P(every function works) in the expected view; 1 with no functions.
    pub all: f64,
    /// Weighted mean of the functions' availabilities; 1 with no functions.
    pub mean: f64,
    /// Exact, or sampled past the work budget (docs/spec/model.md §2).
    pub method: Method,
    /// `None` when exact; else the half-width of the widest 95% interval
    /// among the reported probabilities.
    pub ci95: Option<f64>,
    /// P(every function works) in the design view (not serialised).
    #[serde(skip)]
    pub design_all: f64,
    /// Weighted mean of the design availabilities (not serialised).
    #[serde(skip)]
    pub design_mean: f64,
}

/// One node's live state, coupling and impact (docs/spec/model.md §2, §3, §5).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeReport {
    /// The node's id.
    pub id: String,
    /// At least `quorum` instances are not killed (docs/spec/model.md §2, live view).
    pub alive: bool,
    /// Alive, and so is everything it requires (docs/spec/model.md §2, live view).
    pub works: bool,
    /// Works, but an optional dependency, or a required one's, does not (docs/spec/model.md §2).
    pub degraded: bool,
    /// Distinct nodes calling this one synchronously (docs/spec/model.md §3).
    pub ca: u32,
    /// Distinct nodes this one calls synchronously.
    pub ce: u32,
    /// `ce / (ca + ce)`, 0 when both are 0.
    pub instability: f64,
    /// Distinct nodes sending to this one over async links.
    pub async_in: u32,
    /// Distinct nodes this one sends to over async links.
    pub async_out: u32,
    /// The most requires links on a simple path of sync links from this node.
    pub sync_depth: u32,
    /// Killing one more instance takes a working function down.
    pub spof: bool,
    /// Ids of the working functions that go down when every instance is killed,
    /// in function order.
    pub blast_radius: Vec<String>,
}

impl NodeReport {
    /// `down` when the node does not work, `degraded` when degraded, else `up`.
    pub fn status(&self) -> Status {
        if !self.works {
            Status::Down
        } else if self.degraded {
            Status::Degraded
        } else {
            Status::Up
        }
    }
}

/// One zone's live state and impact (docs/spec/model.md §8).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ZoneReport {
    /// The zone's id.
    pub id: String,
    /// Not `down`: up in the live view.
    pub up: bool,
    /// Ids of the working functions that go down when the zone fails, in function order.
    pub blast_radius: Vec<String>,
    /// The blast radius is not empty.
    pub spof: bool,
    /// Ids of the nodes with an instance in the zone that are not alive once it
    /// fails, in document order (not serialised; the `zone_spof` warning's nodes).
    #[serde(skip)]
    pub nodes_down: Vec<String>,
}
