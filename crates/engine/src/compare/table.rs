//! The comparison table: two documents' [`Metrics`] row by row, each row
//! saying whether the two differ and which is better.
//!
//! Functions are paired by id first: a split keeps them (docs/spec/model.md §4,
//! "functions follow their capability"; a derived id `<client>:<capability>`
//! survives it). What is left is paired by client and capability, then by
//! capability, then by label; the rest stands on one side only.

use std::collections::HashMap;

use serde::Serialize;

use super::metric::{Direction, Metric, Side, Value};
use super::metrics::{FunctionMetrics, Metrics};
use crate::analysis::HOURS_PER_YEAR;

/// Closer than this, two computed figures are equal (docs/spec/model.md §2: exact to 1e-12).
const EXACT: f64 = 1e-12;

/// One row of the table: a metric's value in each document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// What the row shows; the app translates it, the CLI prints its key.
    pub metric: Metric,
    /// Which way it is better (`metric.direction()`, kept for the reader of the JSON).
    pub direction: Direction,
    /// The value in the first document; `None` for a function only in the second.
    pub a: Option<Value>,
    /// The value in the second document; `None` for a function only in the first.
    pub b: Option<Value>,
    /// The two differ: beyond 1e-12 for a computed figure (beyond both 95%
    /// half-widths as well when one side was sampled), by any id for a list,
    /// or one side is missing. What the app highlights.
    pub differs: bool,
    /// The better side, by the metric's direction (lists by their length);
    /// `None` when equal, without direction, or on one side only.
    pub better: Option<Side>,
}

/// How two functions were found to be the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// The same id (always so across a split, docs/spec/model.md §4).
    Id,
    /// The same capability (from the same client if one was).
    Capability,
    /// The same label.
    Label,
}

/// A function's rows ([`Metric::FUNCTION`]), with its id on each side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunctionComparison {
    /// Its id in the first document, if there.
    pub a: Option<String>,
    /// Its id in the second document, if there.
    pub b: Option<String>,
    /// Its label in the first document, else in the second.
    pub label: String,
    /// How the two were paired; `None` when on one side only.
    pub matched_by: Option<MatchedBy>,
    /// Availability, design availability, status, downtime.
    pub rows: Vec<Row>,
}

impl FunctionComparison {
    /// The row of `metric`.
    pub fn row(&self, metric: Metric) -> Option<&Row> {
        self.rows.iter().find(|r| r.metric == metric)
    }
}

/// Two documents' figures side by side.
/// Serialised (what `topolab compare` prints) as its `functions` and `rows`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// The first document's metrics (not serialised).
    #[serde(skip)]
    pub a: Metrics,
    /// The second document's metrics (not serialised).
    #[serde(skip)]
    pub b: Metrics,
    /// The first document's functions in its order, each with its match;
    /// then those only in the second, in its order.
    pub functions: Vec<FunctionComparison>,
    /// The rows of the whole document, in [`Metric::DOCUMENT`] order.
    pub rows: Vec<Row>,
}

impl Comparison {
    /// Puts `a` and `b` side by side.
    pub fn new(a: Metrics, b: Metrics) -> Comparison {
        let noise = a.ci95.unwrap_or(0.0) + b.ci95.unwrap_or(0.0);
        let rows = Metric::DOCUMENT
            .into_iter()
            .map(|m| {
                row(
                    m,
                    Some(document_value(&a, m)),
                    Some(document_value(&b, m)),
                    noise,
                )
            })
            .collect();
        let functions = pair_functions(&a.functions, &b.functions)
            .into_iter()
            .map(|(fa, fb, matched_by)| FunctionComparison {
                a: fa.map(|f| f.id.clone()),
                b: fb.map(|f| f.id.clone()),
                label: fa.or(fb).map(|f| f.label.clone()).unwrap_or_default(),
                matched_by,
                rows: Metric::FUNCTION
                    .into_iter()
                    .map(|m| {
                        let value = |f: Option<&FunctionMetrics>| f.map(|f| function_value(f, m));
                        row(m, value(fa), value(fb), noise)
                    })
                    .collect(),
            })
            .collect();
        Comparison {
            a,
            b,
            functions,
            rows,
        }
    }

    /// Whether any row, of the document or of a function, differs.
    pub fn differs(&self) -> bool {
        self.rows
            .iter()
            .chain(self.functions.iter().flat_map(|f| &f.rows))
            .any(|r| r.differs)
    }

    /// The document row of `metric` (`None` for a function metric).
    pub fn row(&self, metric: Metric) -> Option<&Row> {
        self.rows.iter().find(|r| r.metric == metric)
    }

    /// The rows of the function with this id in either document.
    pub fn function(&self, id: &str) -> Option<&FunctionComparison> {
        self.functions
            .iter()
            .find(|f| f.a.as_deref() == Some(id) || f.b.as_deref() == Some(id))
    }
}

/// The value of a document metric (a function metric has none here: `Count(0)`).
fn document_value(m: &Metrics, metric: Metric) -> Value {
    match metric {
        Metric::SystemAll => Value::Probability(m.all),
        Metric::SystemMean => Value::Probability(m.mean),
        Metric::SystemDesignAll => Value::Probability(m.design_all),
        Metric::SystemDowntimeHoursPerYear => Value::Hours(m.downtime_hours_per_year),
        Metric::Method => Value::Method(m.method),
        Metric::Functions => Value::Count(m.functions.len() as u32),
        Metric::Nodes => Value::Count(m.nodes),
        Metric::Instances => Value::Count(m.instances),
        Metric::Services => Value::Count(m.services),
        Metric::SyncLinks => Value::Count(m.sync_links),
        Metric::AsyncLinks => Value::Count(m.async_links),
        Metric::SharedStores => Value::Ids(m.shared_stores.clone()),
        Metric::Cycles => Value::Groups(m.cycles.clone()),
        Metric::MaxSyncDepth => Value::Count(m.max_sync_depth),
        Metric::LongestRequestChain => Value::Count(m.longest_request_chain),
        Metric::SpofNodes => Value::Ids(m.spof_nodes.clone()),
        Metric::LargestBlastRadius => Value::Share(m.largest_blast_radius),
        Metric::MeanBlastRadius => Value::Share(m.mean_blast_radius),
        Metric::MeanInstability => Value::Ratio(m.mean_instability),
        Metric::Availability
        | Metric::DesignAvailability
        | Metric::Status
        | Metric::DowntimeHoursPerYear => Value::Count(0),
    }
}

/// The value of a function metric (a document metric: its status, unused).
fn function_value(f: &FunctionMetrics, metric: Metric) -> Value {
    match metric {
        Metric::Availability => Value::Probability(f.availability),
        Metric::DesignAvailability => Value::Probability(f.design_availability),
        Metric::DowntimeHoursPerYear => Value::Hours(f.downtime_hours_per_year),
        _ => Value::Status(f.status),
    }
}

/// A row, judged: `noise` is the sum of the two sides' 95% half-widths.
fn row(metric: Metric, a: Option<Value>, b: Option<Value>, noise: f64) -> Row {
    let direction = metric.direction();
    let (differs, better) = match (&a, &b) {
        (Some(x), Some(y)) => {
            let tolerance = match x {
                Value::Probability(_) => EXACT + noise,
                Value::Hours(_) => (EXACT + noise) * HOURS_PER_YEAR,
                _ => EXACT,
            };
            let close = |p: f64, q: f64| (p - q).abs() <= tolerance;
            let differs = match (computed(x), computed(y)) {
                (Some(p), Some(q)) => !close(p, q),
                _ => x != y,
            };
            let better = match (direction, x.magnitude().zip(y.magnitude())) {
                (Direction::None, _) | (_, None) => None,
                (_, Some((p, q))) if close(p, q) => None,
                (Direction::Higher, Some((p, q))) => Some(if p > q { Side::A } else { Side::B }),
                (Direction::Lower, Some((p, q))) => Some(if p < q { Side::A } else { Side::B }),
            };
            (differs, better)
        }
        (None, None) => (false, None),
        _ => (true, None),
    };
    Row {
        metric,
        direction,
        a,
        b,
        differs,
        better,
    }
}

/// The figure of a computed (not counted) value, compared with a tolerance.
fn computed(value: &Value) -> Option<f64> {
    match value {
        Value::Probability(x) | Value::Hours(x) | Value::Share(x) | Value::Ratio(x) => Some(*x),
        _ => None,
    }
}

type Pair<'x> = (
    Option<&'x FunctionMetrics>,
    Option<&'x FunctionMetrics>,
    Option<MatchedBy>,
);

/// Pairs the functions of `a` and `b`: `a`'s in order with their match, then
/// the rest of `b`'s in order.
fn pair_functions<'x>(a: &'x [FunctionMetrics], b: &'x [FunctionMetrics]) -> Vec<Pair<'x>> {
    type Same = fn(&FunctionMetrics, &FunctionMetrics) -> bool;
    let passes: [(MatchedBy, Same); 3] = [
        (MatchedBy::Capability, |x, y| {
            x.client == y.client && x.capability == y.capability
        }),
        (MatchedBy::Capability, |x, y| x.capability == y.capability),
        (MatchedBy::Label, |x, y| x.label == y.label),
    ];
    let mut partner: Vec<Option<(usize, MatchedBy)>> = vec![None; a.len()];
    let mut taken = vec![false; b.len()];
    // Ids are unique within a document: pair them through a map, the rest
    // (usually nothing) by looking through what is left.
    let by_id: HashMap<&str, usize> = b
        .iter()
        .enumerate()
        .map(|(j, y)| (y.id.as_str(), j))
        .collect();
    for (i, x) in a.iter().enumerate() {
        if let Some(&j) = by_id.get(x.id.as_str()) {
            if !taken[j] {
                partner[i] = Some((j, MatchedBy::Id));
                taken[j] = true;
            }
        }
    }
    for (how, same) in passes {
        for (i, x) in a.iter().enumerate() {
            if partner[i].is_some() {
                continue;
            }
            if let Some(j) = (0..b.len()).find(|&j| !taken[j] && same(x, &b[j])) {
                partner[i] = Some((j, how));
                taken[j] = true;
            }
        }
    }
    let mut pairs: Vec<Pair<'x>> = a
        .iter()
        .zip(&partner)
        .map(|(x, p)| match p {
            Some((j, how)) => (Some(x), Some(&b[*j]), Some(*how)),
            None => (Some(x), None, None),
        })
        .collect();
    pairs.extend(
        b.iter()
            .zip(&taken)
            .filter(|(_, &t)| !t)
            .map(|(y, _)| (None, Some(y), None)),
    );
    pairs
}
