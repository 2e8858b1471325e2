//! The figures of one document a comparison puts side by side, read from
//! [`analyze`]'s [`Analysis`] (docs/spec/model.md §2, §3) and from the document's shape;
//! nothing here computes an availability.

use std::collections::HashMap;

use serde::Serialize;

use super::chain::longest_request_chain;
use crate::analysis::{analyze, Analysis, Method, Status, HOURS_PER_YEAR};
use crate::document::{Document, Link, LinkKind, NodeKind};

/// One function's figures (docs/spec/model.md §2, §5), with what matching needs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunctionMetrics {
    /// The function's id (`<client>:<capability>` when derived, docs/spec/model.md §1.3).
    pub id: String,
    /// Its label, else its id.
    pub label: String,
    /// The client it starts from.
    pub client: String,
    /// The capability it reaches.
    pub capability: String,
    /// P(it works), expected view.
    pub availability: f64,
    /// P(it works), design view.
    pub design_availability: f64,
    /// Live status.
    pub status: Status,
    /// `(1 - availability) * 365.25 * 24`.
    pub downtime_hours_per_year: f64,
}

/// The figures of one document, every one a reading of
/// the analysis (docs/spec/model.md §2, §3) or a count of the document's nodes and links.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    /// In the analysis's order (document order, or derived order).
    pub functions: Vec<FunctionMetrics>,
    /// P(every function works), expected view (docs/spec/model.md §2).
    pub all: f64,
    /// Weighted mean of the functions' availabilities (docs/spec/model.md §2).
    pub mean: f64,
    /// P(every function works), design view.
    pub design_all: f64,
    /// `(1 - all) * 365.25 * 24`: hours a year when some function is down.
    pub downtime_hours_per_year: f64,
    /// Exact or Monte Carlo (docs/spec/model.md §2).
    pub method: Method,
    /// `None` when exact, else the widest 95% half-width (docs/spec/model.md §5).
    pub ci95: Option<f64>,
    /// Nodes that can fail: all but the clients (docs/spec/model.md §1.1).
    pub nodes: u32,
    /// The sum of those nodes' replicas.
    pub instances: u32,
    /// Nodes of kind `service`.
    pub services: u32,
    /// Requires and optional links between non-client nodes (docs/spec/model.md §3).
    pub sync_links: u32,
    /// Async links between non-client nodes (docs/spec/model.md §3).
    pub async_links: u32,
    /// Ids of the shared stores, in node order (docs/spec/model.md §3).
    pub shared_stores: Vec<String>,
    /// Cycles of sync links (docs/spec/model.md §3).
    pub cycles: Vec<Vec<String>>,
    /// The largest `sync_depth` (docs/spec/model.md §3).
    pub max_sync_depth: u32,
    /// The most network hops a request waits on: over every node `v` a
    /// client's request can be forwarded to, the links on the longest path
    /// from a client to `v` that a request is forwarded along (the client's
    /// first hop, whatever its kind, then route and pool links, visiting no
    /// node twice), plus `sync_depth(v)`, the requires calls `v` waits on in
    /// turn (docs/spec/model.md §3; optional calls, which have a fallback, add nothing
    /// there either). A monolith behind nothing: browser -> app -> db, 2.
    /// 0 when the document has no client.
    pub longest_request_chain: u32,
    /// Ids of the single points of failure, in node order (docs/spec/model.md §3).
    pub spof_nodes: Vec<String>,
    /// The largest share of the functions in one node's blast radius
    /// (docs/spec/model.md §3); 0 with no functions.
    pub largest_blast_radius: f64,
    /// The mean of that share over the nodes that can fail; 0 with none.
    pub mean_blast_radius: f64,
    /// The mean `instability` (docs/spec/model.md §3) over services; 0 with none.
    pub mean_instability: f64,
}

impl Metrics {
    /// The metrics of `doc`, analysing it (docs/spec/model.md §2, §3).
    pub fn of(doc: &Document) -> Metrics {
        Metrics::from_analysis(doc, &analyze(doc))
    }

    /// The metrics of `doc` given its analysis (the app's memoised one):
    /// `analysis` must be `analyze(doc)`.
    pub fn from_analysis(doc: &Document, analysis: &Analysis) -> Metrics {
        let functions = analysis
            .functions
            .iter()
            .map(|f| FunctionMetrics {
                id: f.id.clone(),
                label: f.label.clone(),
                client: f.client.clone(),
                capability: f.capability.clone(),
                availability: f.availability,
                design_availability: f.design_availability,
                status: f.status,
                downtime_hours_per_year: f.downtime_hours_per_year,
            })
            .collect();
        // `analyze` reports on every node, in document order.
        let nodes = || doc.nodes.iter().zip(&analysis.nodes);
        let failing = || nodes().filter(|(n, _)| !n.is_client());
        let kinds: HashMap<&str, NodeKind> =
            doc.nodes.iter().map(|n| (n.id.as_str(), n.kind)).collect();
        let between_servers = |l: &&Link| {
            let server = |id: &str| kinds.get(id).is_some_and(|&k| k != NodeKind::Client);
            l.from != l.to && server(&l.from) && server(&l.to)
        };
        let count_links = |wanted: fn(LinkKind) -> bool| {
            doc.links
                .iter()
                .filter(between_servers)
                .filter(|l| wanted(doc.link_kind(l)))
                .count() as u32
        };
        let share = |radius: usize| match analysis.functions.len() {
            0 => 0.0,
            n => radius as f64 / n as f64,
        };
        let shares: Vec<f64> = failing()
            .map(|(_, r)| share(r.blast_radius.len()))
            .collect();
        let instabilities: Vec<f64> = nodes()
            .filter(|(n, _)| n.kind == NodeKind::Service)
            .map(|(_, r)| r.instability)
            .collect();
        Metrics {
            functions,
            all: analysis.system.all,
            mean: analysis.system.mean,
            design_all: analysis.system.design_all,
            downtime_hours_per_year: (1.0 - analysis.system.all) * HOURS_PER_YEAR,
            method: analysis.system.method,
            ci95: analysis.system.ci95,
            nodes: failing().count() as u32,
            instances: failing().map(|(n, _)| n.replicas()).sum(),
            services: instabilities.len() as u32,
            sync_links: count_links(LinkKind::is_sync),
            async_links: count_links(|k| k == LinkKind::Async),
            shared_stores: analysis.shared_stores.clone(),
            cycles: analysis.cycles.clone(),
            max_sync_depth: analysis.max_sync_depth,
            longest_request_chain: longest_request_chain(doc, analysis),
            spof_nodes: failing()
                .filter(|(_, r)| r.spof)
                .map(|(_, r)| r.id.clone())
                .collect(),
            largest_blast_radius: shares.iter().copied().fold(0.0, f64::max),
            mean_blast_radius: mean(&shares),
            mean_instability: mean(&instabilities),
        }
    }
}

/// The plain mean, 0 for no values.
fn mean(values: &[f64]) -> f64 {
    match values.len() {
        0 => 0.0,
        n => values.iter().sum::<f64>() / n as f64,
    }
}
