//! What a run measured (docs/spec/app.md `window.topolab.simulate`): per function, the
//! requests that finished, those that succeeded, their fraction and its 95%
//! interval; serialised as exactly docs/spec/app.md's object
//! `{"seconds": S, "functions": [{"id", "requests", "succeeded", "measured", "ci95": [lo, hi]}]}`.
//!
//! # Which interval
//! The Wilson interval is right when each request is an independent trial.
//! A run's requests are not: with chaos, a failed instance stays down for
//! minutes to hours, so neighbouring requests share their fate, and queues
//! and breakers correlate them over seconds even without chaos. Independent
//! trials would then give an interval far too narrow (a million requests
//! during 30 outages carry about 30 outages' worth of information). The
//! standard remedy is *batch means*: split the run into [`BATCHES`] equal
//! spans of time, take each span's success fraction, and use the spread of
//! those fractions (Student's t with `BATCHES - 1` degrees of freedom, the
//! ratio estimator's variance when spans hold unequal counts). It is valid
//! when a span is much longer than the correlation time, which a long run
//! (a century: each span five years against hours of repair) gives.
//!
//! The report gives the hull of both intervals. Correlation between
//! requests here is positive, so the uncertainty is never below the
//! independent case's, and the batch-means estimate of the spread is itself
//! noisy when a run saw few failures: a run in which nothing failed has
//! every span at 100% and a batch-means interval of zero width, while Wilson
//! still says how much that many requests can show. Neither can show what
//! a run too short to see a failure misses: the interval is meaningful when
//! the run spans many repair cycles.

use serde::{Deserialize, Serialize};

/// Spans of time the batch-means interval is computed over.
pub const BATCHES: usize = 20;

/// Student's t quantile of 97.5% for 1..=19 degrees of freedom.
const T975: [f64; 19] = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093,
];
/// The normal quantile of a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// How a run measured its figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Every request was sent through the event simulation.
    Events,
    /// The failure process was simulated over the whole run, and the
    /// requests of each span of constant state evaluated against it at once
    /// (see [`crate::sim`]).
    Epochs,
}

/// A run's figures (docs/spec/app.md `simulate`'s return value).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SimReport {
    /// The simulated time, as asked.
    pub seconds: f64,
    /// In the order of [`effective_functions`](crate::effective_functions).
    pub functions: Vec<FunctionMeasure>,
    /// How the figures were measured (not part of docs/spec/app.md's object).
    #[serde(skip)]
    pub method: Method,
}

impl SimReport {
    /// The figures of the function with this id.
    pub fn function(&self, id: &str) -> Option<&FunctionMeasure> {
        self.functions.iter().find(|f| f.id == id)
    }
}

/// One function's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunctionMeasure {
    /// The function's id (docs/spec/model.md §1.3).
    pub id: String,
    /// Requests that finished during the run (those still in flight at its
    /// end are left out).
    pub requests: u64,
    /// Of those, the ones that succeeded (docs/spec/model.md §2: the function worked
    /// for them; degraded counts as success).
    pub succeeded: u64,
    /// `succeeded / requests`, 0..1 like `availability` in `analysis()`;
    /// NaN (`null` in JSON) when no request finished.
    pub measured: f64,
    /// The 95% interval of `measured` (see the module's comment).
    pub ci95: [f64; 2],
}

/// Per function and span of time, requests finished and succeeded.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Tally {
    span: f64,
    counts: Vec<[u64; BATCHES]>,
    successes: Vec<[u64; BATCHES]>,
}

impl Tally {
    /// A tally of `functions` functions over `seconds`.
    pub(crate) fn new(functions: usize, seconds: f64) -> Tally {
        let span = if seconds.is_finite() && seconds > 0.0 {
            seconds / BATCHES as f64
        } else {
            f64::INFINITY
        };
        Tally {
            span,
            counts: vec![[0; BATCHES]; functions],
            successes: vec![[0; BATCHES]; functions],
        }
    }

    /// The span holding time `at` (the last for anything past the end).
    pub(crate) fn span_of(&self, at: f64) -> usize {
        ((at / self.span) as usize).min(BATCHES - 1)
    }

    /// The length of a span.
    pub(crate) fn span(&self) -> f64 {
        self.span
    }

    /// Adds `requests` finished in span `span`, `succeeded` of them successes.
    pub(crate) fn add(&mut self, function: usize, span: usize, requests: u64, succeeded: u64) {
        if let (Some(c), Some(s)) = (
            self.counts.get_mut(function),
            self.successes.get_mut(function),
        ) {
            c[span] += requests;
            s[span] += succeeded;
        }
    }

    /// The figures of every function, named by `ids`.
    pub(crate) fn measures(&self, ids: &[&str]) -> Vec<FunctionMeasure> {
        ids.iter()
            .zip(self.counts.iter().zip(&self.successes))
            .map(|(id, (counts, successes))| {
                let n: u64 = counts.iter().sum();
                let k: u64 = successes.iter().sum();
                let wilson = wilson(k, n);
                let ci95 = match batch_means(counts, successes) {
                    Some([lo, hi]) => [lo.min(wilson[0]).max(0.0), hi.max(wilson[1]).min(1.0)],
                    None => wilson,
                };
                FunctionMeasure {
                    id: id.to_string(),
                    requests: n,
                    succeeded: k,
                    measured: if n == 0 {
                        f64::NAN
                    } else {
                        k as f64 / n as f64
                    },
                    ci95,
                }
            })
            .collect()
    }
}

/// The Wilson 95% interval of `k` successes in `n` independent trials.
pub fn wilson(k: u64, n: u64) -> [f64; 2] {
    if n == 0 {
        return [0.0, 1.0];
    }
    let (n, p) = (n as f64, k as f64 / n as f64);
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    [(centre - half).max(0.0), (centre + half).min(1.0)]
}

/// The batch-means 95% interval of the overall fraction, from the spans that
/// hold requests (at least two needed): the ratio estimator `Σk / Σn` with
/// variance `B/(B-1) · Σ (k_b - p n_b)² / (Σn)²`.
fn batch_means(counts: &[u64], successes: &[u64]) -> Option<[f64; 2]> {
    let used: Vec<(f64, f64)> = counts
        .iter()
        .zip(successes)
        .filter(|(&n, _)| n > 0)
        .map(|(&n, &k)| (n as f64, k as f64))
        .collect();
    let b = used.len();
    if b < 2 {
        return None;
    }
    let total: f64 = used.iter().map(|(n, _)| n).sum();
    let p = used.iter().map(|(_, k)| k).sum::<f64>() / total;
    let squares: f64 = used.iter().map(|(n, k)| (k - p * n).powi(2)).sum();
    let variance = b as f64 / (b as f64 - 1.0) * squares / (total * total);
    let half = T975[(b - 2).min(T975.len() - 1)] * variance.sqrt();
    Some([p - half, p + half])
}
