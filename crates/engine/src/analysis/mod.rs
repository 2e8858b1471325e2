//! The analysis engine (docs/spec/model.md §2 and §3): from a [`Document`] to an
//! [`Analysis`], a pure function of the topology and its kills.
//!
//! Code map: `topology` numbers the document once and sorts its links by
//! relation; `functions` lists or derives the functions (§1.3); `live` is the
//! live view; `up_probability` gives each node's P(alive) per view; `availability`
//! builds each function's BDD (`bdd`) and evaluates it in the expected and
//! design views, and `conjunction` gets P(all) from those BDDs; past a work
//! budget, `montecarlo` (drawing failure sets with `sampler`) estimates them
//! instead. `scenarios` evaluates 64 failure scenarios at once, for sampling and
//! for `impact` (blast radius, SPOF); `coupling` and `depth` are §3's figures;
//! `report` holds the result types; `what_if` (with `circuit`, the conjunction
//! kept as a circuit) evaluates the figures again for other odds, for advice.
//! Nothing here does I/O or keeps state. The goals (`crate::goals`) run their
//! failure sets on `topology`, `live` and `scenarios` too.

mod availability;
mod bdd;
mod blast;
mod circuit;
mod conjunction;
mod coupling;
mod depth;
pub(crate) mod functions;
mod hash;
mod impact;
pub(crate) mod live;
mod montecarlo;
mod report;
mod sampler;
pub(crate) mod scenarios;
pub(crate) mod topology;
pub(crate) mod up_probability;
pub(crate) mod what_if;
pub(crate) mod zones;

pub use blast::{functions_held_down_by, nodes_down_with};
pub use functions::effective_functions;
pub use report::{Analysis, FunctionReport, Method, NodeReport, Status, SystemReport, ZoneReport};
pub(crate) use up_probability::{binomial_tails, instances_left};

use crate::document::Document;
use availability::{Estimate, Exact};
use live::LiveView;
use montecarlo::Sampled;
use scenarios::Lanes;
use topology::Topology;
use up_probability::View;
use zones::Mixture;

/// Hours in a year of 365.25 days (docs/spec/model.md §2, downtime per year).
pub const HOURS_PER_YEAR: f64 = 365.25 * 24.0;

/// Knobs of the engine; [`Options::default`] is what [`analyze`] uses.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// The most BDD nodes the exact evaluation may build before the engine
    /// falls back to Monte Carlo (docs/spec/model.md §2); 0 always samples.
    pub bdd_node_budget: usize,
    /// The most work (functions examined per expansion step, BDD nodes
    /// visited by restrictions) computing `all` exactly may take before `all`
    /// alone is sampled; 0 always samples it. About 60 ns a unit.
    pub all_work_budget: usize,
    /// Seed of the Monte Carlo generator: the same document gives the same figures.
    pub monte_carlo_seed: u64,
    /// Sampling stops once every reported probability's 95% half-width is below this.
    pub monte_carlo_half_width: f64,
    /// ... or once this many samples per view were drawn.
    pub monte_carlo_max_samples: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            bdd_node_budget: 250_000,
            all_work_budget: 500_000,
            monte_carlo_seed: 0x746f_706f_6c61_6231,
            monte_carlo_half_width: 0.0005,
            monte_carlo_max_samples: 1 << 20,
        }
    }
}

/// The analysis of `doc` (docs/spec/model.md §2, §3, §5) with the default [`Options`].
/// The document is assumed valid; an invalid one gives some answer, never a panic.
pub fn analyze(doc: &Document) -> Analysis {
    analyze_with(doc, Options::default())
}

/// The analysis of `doc` with explicit [`Options`] (docs/spec/model.md §2, §3, §5).
pub fn analyze_with(doc: &Document, options: Options) -> Analysis {
    let topology = Topology::new(doc);
    let functions = functions::functions_of(doc, &topology);
    let specs = topology.function_specs(doc, &functions);
    let lanes = Lanes::new(&topology, &specs);
    let live = LiveView::of(doc, &topology);
    let statuses = live.statuses(&topology, &specs);
    let expected = Mixture::of(doc, View::Expected, &lanes.relevant);
    let design = Mixture::of(doc, View::Design, &lanes.relevant);
    let views = [&expected, &design];
    let exact = match options.bdd_node_budget {
        0 => Err(bdd::OutOfBudget),
        _ => availability::exact(&topology, &specs, &lanes, views, &options),
    };
    let estimate = match exact {
        Ok(exact) => estimate_from(exact, &lanes, views, &options),
        Err(_) => {
            montecarlo::monte_carlo(&lanes, specs.len(), views, &options, Sampled::Everything)
        }
    };
    let impact = impact::impact(doc, &lanes, &live, &statuses);
    let zones = zone_reports(doc, &lanes, &statuses, &functions);
    let coupling = coupling::coupling(doc, &topology);
    let depth = depth::sync_depths(&topology);

    let weights: Vec<f64> = functions.iter().map(|f| f.weight()).collect();
    let mean = |values: &[f64]| weighted_mean(values, &weights);
    let function_reports = functions
        .iter()
        .enumerate()
        .map(|(f, function)| FunctionReport {
            id: function.id.clone(),
            status: statuses[f],
            availability: estimate.expected[f],
            design_availability: estimate.design[f],
            downtime_hours_per_year: (1.0 - estimate.expected[f]) * HOURS_PER_YEAR,
            label: function.label().to_string(),
            client: function.client.clone(),
            capability: function.capability.clone(),
            weight: weights[f],
        })
        .collect();
    let id_of = |v: &usize| doc.nodes[*v].id.clone();
    let nodes = doc
        .nodes
        .iter()
        .enumerate()
        .map(|(v, node)| NodeReport {
            id: node.id.clone(),
            alive: live.alive[v],
            works: live.works[v],
            degraded: live.degraded[v],
            ca: coupling.ca[v],
            ce: coupling.ce[v],
            instability: coupling.instability[v],
            async_in: coupling.async_in[v],
            async_out: coupling.async_out[v],
            sync_depth: depth[v],
            spof: impact.spof[v],
            blast_radius: impact.blast_radius[v]
                .iter()
                .map(|&f| functions[f].id.clone())
                .collect(),
        })
        .collect();
    Analysis {
        functions: function_reports,
        system: SystemReport {
            all: estimate.all.0,
            mean: mean(&estimate.expected),
            method: estimate.method,
            ci95: estimate.ci95,
            design_all: estimate.all.1,
            design_mean: mean(&estimate.design),
        },
        nodes,
        shared_stores: coupling.shared_stores.iter().map(id_of).collect(),
        cycles: coupling
            .cycles
            .iter()
            .map(|c| c.iter().map(id_of).collect())
            .collect(),
        max_sync_depth: depth.iter().copied().max().unwrap_or(0),
        zones,
    }
}

/// Each zone's live state and impact (docs/spec/model.md §8), in document order.
fn zone_reports(
    doc: &Document,
    lanes: &Lanes,
    statuses: &[Status],
    functions: &[crate::document::Function],
) -> Vec<ZoneReport> {
    if doc.zones.is_empty() {
        return Vec::new();
    }
    let impacts = impact::zone_impact(doc, lanes, statuses);
    doc.zones
        .iter()
        .zip(impacts)
        .map(|(zone, impact)| ZoneReport {
            id: zone.id.clone(),
            up: !zone.is_down(),
            spof: !impact.blast_radius.is_empty(),
            blast_radius: impact
                .blast_radius
                .iter()
                .map(|&f| functions[f].id.clone())
                .collect(),
            nodes_down: impact
                .dead
                .iter()
                .map(|&v| doc.nodes[v].id.clone())
                .collect(),
        })
        .collect()
}

/// Exact function availabilities, with `all` sampled if it was out of budget.
fn estimate_from(exact: Exact, lanes: &Lanes, views: [&Mixture; 2], options: &Options) -> Estimate {
    let (expected, design) = exact.functions.iter().map(|&[e, d]| (e, d)).unzip();
    match exact.all {
        Some([e, d]) => Estimate {
            expected,
            design,
            all: (e, d),
            method: Method::Exact,
            ci95: None,
        },
        None => Estimate {
            expected,
            design,
            ..montecarlo::monte_carlo(
                lanes,
                exact.functions.len(),
                views,
                options,
                Sampled::AllOnly,
            )
        },
    }
}

/// The weighted mean of `values`, 1 when there are none (docs/spec/model.md §2).
fn weighted_mean(values: &[f64], weights: &[f64]) -> f64 {
    let total: f64 = weights.iter().sum();
    if values.is_empty() || total <= 0.0 || !total.is_finite() {
        return 1.0;
    }
    values.iter().zip(weights).map(|(v, w)| v * w).sum::<f64>() / total
}
