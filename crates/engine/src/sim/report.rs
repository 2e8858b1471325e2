//! What a run measured (docs/spec/app.md `window.topolab.simulate`): per function, the
//! requests that finished, those that succeeded, their fraction and its 95%
//! interval; serialised as exactly docs/spec/app.md's object
//! `{"seconds": S, "functions": [{"id", "requests", "succeeded", "measured", "ci95": [lo, hi]}]}`.
//!
//! # Which interval
//! The Wilson interval is right when each request is an independent trial.
//! A run's requests are not: with chaos, a failed instance stays down for
//! a while, so neighbouring requests share their fate, and queues and
//! breakers correlate them over seconds even without chaos. Independent
//! trials would then give an interval far too narrow (a million requests
//! during 30 outages carry about 30 outages' worth of information).
//!
//! The run is therefore cut into spans of time (*batches*), each much longer
//! than an outage, so that their failure counts are close to independent.
//! The spread of the batches' counts against what independent requests
//! would give is the *design effect* `d` (at least 1): how many requests
//! one independent observation is worth. The interval is Wilson's on the
//! effective sample, `k / d` successes in `n / d` trials ([`clustered`]).
//! Where failures come in outages of `m` failed requests each, `d` is about
//! `2m` (the outages' own counts spread as exponentials do), so the
//! interval is that of the number of outages seen, as it should be; and
//! Wilson's score interval stays asymmetric with few of them (the lower
//! bound of the unavailability near 0, the upper several times the figure),
//! where a batch-means t interval is symmetric and too short on the side
//! of more failures.
//!
//! Its coverage of the engine's expected availability is measured by
//! `benches/coverage.rs` (BENCHMARKS.md). No interval from the run alone
//! can show what a run too short to see a failure misses: a run in which
//! nothing failed has the width that its requests allow, nothing more.

use serde::{Deserialize, Serialize};

/// Spans of time the batch-means interval is computed over.
pub const BATCHES: usize = 20;

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

    /// The figures of every function, named by `ids`; `repair_share`: the
    /// shortest mean repair time under chaos over the run's length (0
    /// without chaos, see [`clustered`]).
    pub(crate) fn measures(&self, ids: &[&str], repair_share: f64) -> Vec<FunctionMeasure> {
        ids.iter()
            .zip(self.counts.iter().zip(&self.successes))
            .map(|(id, (counts, successes))| {
                let n: u64 = counts.iter().sum();
                let k: u64 = successes.iter().sum();
                let batches: Vec<(u64, u64)> = counts
                    .iter()
                    .copied()
                    .zip(successes.iter().copied())
                    .collect();
                let ci95 = clustered(&batches, repair_share);
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
    wilson_of(k as f64, n as f64)
}

/// Wilson's interval for `k` successes in `n` trials, both possibly fractional
/// (an effective sample).
fn wilson_of(k: f64, n: f64) -> [f64; 2] {
    if n <= 0.0 || !n.is_finite() {
        return [0.0, 1.0];
    }
    let p = (k / n).clamp(0.0, 1.0);
    let z2 = Z95 * Z95;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    [(centre - half).max(0.0), (centre + half).min(1.0)]
}

/// The 95% interval of the overall success fraction of requests counted in
/// `batches` of (requests, successes), one per span of time (see the
/// module's comment): Wilson's on the sample divided by the design effect
/// `d = max(V / V₁, 1 + 2 n s)`, where `V = B/(B-1) · Σ (k_b - p n_b)² / n²`
/// is the ratio estimator's batch-means variance over the `B` batches
/// holding requests, `V₁ = p(1-p)/n` the variance of independent requests,
/// and `s` (`repair_share`) the shortest mean repair time over the run's
/// length: an outage of mean length `M` fails about `m = n s` requests, and
/// a compound count of such outages spreads `1 + 2m` times a plain one. That
/// floor makes a run that saw few failures, or none, no surer than the
/// repair times it spans allow; `repair_share` 0 (no chaos) leaves it at 1.
pub fn clustered(batches: &[(u64, u64)], repair_share: f64) -> [f64; 2] {
    let used = || batches.iter().filter(|(n, _)| *n > 0);
    let b = used().count() as f64;
    let n: f64 = used().map(|&(n, _)| n as f64).sum();
    let k: f64 = used().map(|&(_, k)| k as f64).sum();
    let p = k / n.max(1.0);
    let independent = p * (1.0 - p) / n;
    // A share that is no number (a run of no length) adds nothing.
    let share = match repair_share.is_finite() {
        true => repair_share.max(0.0),
        false => 0.0,
    };
    let floor = 1.0 + 2.0 * n * share;
    let design = if b < 2.0 || independent <= 0.0 {
        floor
    } else {
        let squares: f64 = used()
            .map(|&(nb, kb)| (kb as f64 - p * nb as f64).powi(2))
            .sum();
        (b / (b - 1.0) * squares / (n * n) / independent).max(floor)
    };
    wilson_of(k / design, n / design)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn independent_batches_give_wilsons_interval() {
        // Batches spread no more than independent requests would (binomial
        // standard deviation 2.2 a batch): the design effect is 1.
        let batches = [(100, 93), (100, 97), (100, 95), (100, 95)];
        assert_eq!(clustered(&batches, 0.0), wilson(380, 400));
    }

    #[test]
    fn failures_in_one_outage_count_as_one_observation() {
        // 20 batches of 1,000 requests, the 100 failures all in one of them:
        // about one outage's worth of evidence, not 20,000 requests'.
        let mut batches = [(1000, 1000); 20];
        batches[7].1 = 900;
        let [lo, hi] = clustered(&batches, 0.0);
        let [wlo, whi] = wilson(19_900, 20_000);
        assert!(hi - lo > 5.0 * (whi - wlo), "{lo} {hi} against {wlo} {whi}");
        // The unavailability's upper bound is several times the measured 0.5%;
        // its lower bound near 0.
        assert!(1.0 - lo > 0.015 && 1.0 - hi < 0.001, "{lo} {hi}");
    }

    #[test]
    fn nothing_failed_gives_wilsons_interval() {
        let batches = [(500, 500); 20];
        assert_eq!(clustered(&batches, 0.0), wilson(10_000, 10_000));
    }

    #[test]
    fn no_request_gives_the_whole_range() {
        assert_eq!(clustered(&[], 0.1), [0.0, 1.0]);
        assert_eq!(clustered(&[(0, 0), (0, 0)], 0.1), [0.0, 1.0]);
    }

    #[test]
    fn a_run_that_saw_no_failure_is_as_sure_as_its_repair_times_allow() {
        // 10,000 requests over a run 100 mean repairs long, none failed: the
        // effective sample is about 50 outage-lengths, not 10,000 requests.
        let batches = [(500, 500); 20];
        let [lo, hi] = clustered(&batches, 0.01);
        let [wlo, _] = wilson(50, 50);
        assert_eq!(hi, 1.0);
        assert!((lo - wlo).abs() < 0.01, "{lo} against {wlo}");
    }

    #[test]
    fn the_repair_floor_never_narrows_what_the_batches_show() {
        let mut batches = [(1000, 1000); 20];
        batches[3].1 = 800;
        let spread = clustered(&batches, 0.0);
        let floored = clustered(&batches, 1e-6);
        assert_eq!(spread, floored);
    }
}
