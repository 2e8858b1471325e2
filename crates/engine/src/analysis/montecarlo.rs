//! The Monte Carlo fallback (docs/spec/model.md §2): when exact evaluation would exceed
//! its budget, availabilities (or `all` alone) are estimated, and the result
//! says so and gives the half-width of its widest 95% interval. The same seed
//! gives the same figures.
//!
//! Variance is spent only where it must be. The states where no node, or one
//! node, fails (the bulk of the probability when nodes are up 99.9% of the
//! time) are evaluated exactly; only the remainder, "two or more failures", is
//! sampled from its conditional distribution ([`Sampler`]), 64 states at a
//! time ([`Lanes`]). A probability's error is then the remainder's mass times
//! the sampling error of a proportion (a Wilson interval).

use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

use super::availability::Estimate;
use super::report::Method;
use super::sampler::Sampler;
use super::scenarios::{Lanes, Scratch, ALL_LANES};
use super::up_probability::Odds;
use super::zones::Mixture;
use super::Options;

/// Samples drawn between two checks of the stopping rule.
const ROUND: u64 = 64 * 16;
/// Below this mass the sampled remainder is left out; the interval covers it.
const NEGLIGIBLE: f64 = 1e-15;
/// The normal quantile of a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// Which probabilities are sampled, and so decide when sampling stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sampled {
    /// Every function's availability and `all`.
    Everything,
    /// Only `all`: the functions' are known exactly.
    AllOnly,
}

/// Sampled availabilities of `functions` functions in both views.
pub(crate) fn monte_carlo(
    lanes: &Lanes,
    functions: usize,
    views: [&Mixture; 2],
    options: &Options,
    sampled: Sampled,
) -> Estimate {
    let [expected, design] = [0u64, 1].map(|stream| {
        let mut rng = Pcg64Mcg::seed_from_u64(
            options.monte_carlo_seed ^ stream.wrapping_mul(0x9e37_79b9_7f4a_7c15),
        );
        let mixture = views[stream as usize];
        estimate_mixture(lanes, functions, mixture, options, sampled, &mut rng)
    });
    Estimate {
        all: (expected.all, design.all),
        ci95: Some(expected.half_width.max(design.half_width)),
        expected: expected.functions,
        design: design.functions,
        method: Method::MonteCarlo,
    }
}

/// The most zone states sampled one by one (docs/spec/model.md §8).
const MAX_SAMPLED_STATES: usize = 1024;
/// Zone states are sampled, most likely first, until those left weigh less than this.
const STATES_LEFT: f64 = 1e-4;

/// A view summed over its zone states, each sampled on its own (stratified
/// sampling): the most likely first, until those left weigh less than
/// [`STATES_LEFT`] or [`MAX_SAMPLED_STATES`] were taken. The states left are
/// counted at the least likely taken state's figures, and their weight is
/// added to the half-width: whatever they hold, the figure is within it.
/// Without zones, the one state of weight 1 is the view itself.
fn estimate_mixture(
    lanes: &Lanes,
    functions: usize,
    mixture: &Mixture,
    options: &Options,
    sampled: Sampled,
    rng: &mut Pcg64Mcg,
) -> ViewEstimate {
    let mut sum = ViewEstimate {
        functions: vec![0.0; functions],
        all: 0.0,
        half_width: 0.0,
    };
    let mut left: f64 = mixture.parts.iter().map(|(w, _)| w).sum();
    let mut last = None;
    for (taken, (weight, odds)) in mixture.parts.iter().enumerate() {
        if taken >= MAX_SAMPLED_STATES || (taken > 0 && left < STATES_LEFT) {
            break;
        }
        let part = estimate_view(lanes, functions, odds, options, sampled, rng);
        for (s, f) in sum.functions.iter_mut().zip(&part.functions) {
            *s += weight * f;
        }
        sum.all += weight * part.all;
        sum.half_width += weight * part.half_width;
        left -= weight;
        last = Some(part);
    }
    if let Some(last) = last.filter(|_| left > 0.0 && mixture.parts.len() > 1) {
        for (s, f) in sum.functions.iter_mut().zip(&last.functions) {
            *s += left * f;
        }
        sum.all += left * last.all;
        sum.half_width += left;
    }
    sum
}

struct ViewEstimate {
    functions: Vec<f64>,
    all: f64,
    half_width: f64,
}

/// One view's failure model: the nodes that may fail and the scenario state.
struct View<'a> {
    lanes: &'a Lanes,
    /// Nodes that may fail in this view (the sampler numbers them `0..`).
    variable: Vec<usize>,
    sampler: Sampler,
    /// Per node, its alive lanes: certain nodes fixed, variable ones all up
    /// between evaluations.
    alive: Vec<u64>,
    scratch: Scratch,
    /// Per function, its working lanes after an evaluation.
    out: Vec<u64>,
}

impl View<'_> {
    /// Evaluates the current scenarios; per function, then for `all`, the
    /// lanes where it does not work.
    fn lost(&mut self) -> Vec<u64> {
        self.lanes
            .evaluate(&self.alive, &mut self.scratch, &mut self.out);
        let all = self.out.iter().fold(ALL_LANES, |all, &works| all & works);
        self.out.iter().chain([&all]).map(|&works| !works).collect()
    }

    /// P(down) per function and for `all` (last) over the states with no
    /// failure or exactly one, exactly.
    fn few_failures(&mut self) -> Vec<f64> {
        let mut down = vec![0.0; self.out.len() + 1];
        let p_none = self.sampler.p_none;
        for (slot, lost) in self.lost().into_iter().enumerate() {
            if lost & 1 != 0 {
                down[slot] += p_none;
            }
        }
        let variable = self.variable.clone();
        for (batch_index, batch) in variable.chunks(64).enumerate() {
            for (lane, &v) in batch.iter().enumerate() {
                self.alive[v] &= !(1 << lane);
            }
            let lost = self.lost();
            for (lane, &v) in batch.iter().enumerate() {
                self.alive[v] |= 1 << lane;
            }
            let used = ALL_LANES >> (64 - batch.len());
            for (slot, &l) in lost.iter().enumerate() {
                let mut lanes = l & used;
                while lanes != 0 {
                    down[slot] +=
                        self.sampler.p_only[batch_index * 64 + lanes.trailing_zeros() as usize];
                    lanes &= lanes - 1;
                }
            }
        }
        down
    }

    /// Counts, per function and for `all`, the states where it fails among
    /// 64 states with two or more failures.
    fn sample_batch(&mut self, rng: &mut Pcg64Mcg, downs: &mut [u64]) {
        let mut failed = Vec::new();
        let mut cleared = Vec::new();
        for lane in 0..64 {
            self.sampler.sample(rng, &mut failed);
            for &k in &failed {
                self.alive[self.variable[k]] &= !(1 << lane);
                cleared.push(self.variable[k]);
            }
        }
        for (slot, lost) in self.lost().into_iter().enumerate() {
            downs[slot] += u64::from(lost.count_ones());
        }
        for v in cleared {
            self.alive[v] = ALL_LANES;
        }
    }
}

fn estimate_view(
    lanes: &Lanes,
    functions: usize,
    odds: &Odds,
    options: &Options,
    sampled: Sampled,
    rng: &mut Pcg64Mcg,
) -> ViewEstimate {
    let len = lanes.len();
    let variable: Vec<usize> = (0..len)
        .filter(|&v| lanes.relevant[v] && !odds.certain_up(v) && !odds.certain_down(v))
        .collect();
    let up: Vec<f64> = variable.iter().map(|&v| odds.up[v]).collect();
    let down: Vec<f64> = variable.iter().map(|&v| odds.down[v]).collect();
    let mut view = View {
        lanes,
        sampler: Sampler::new(&up, &down),
        variable,
        alive: (0..len)
            .map(|v| if odds.certain_down(v) { 0 } else { ALL_LANES })
            .collect(),
        scratch: Scratch::default(),
        out: vec![0; functions],
    };
    // Slot `functions` is `all`.
    let exact = view.few_failures();
    let p_several = view.sampler.p_several;
    let mut downs = vec![0u64; functions + 1];
    let mut samples = 0u64;
    let mut half_width = p_several;
    if p_several > NEGLIGIBLE && view.variable.len() >= 2 {
        let watched = match sampled {
            Sampled::Everything => 0..functions + 1,
            Sampled::AllOnly => functions..functions + 1,
        };
        loop {
            for _ in 0..ROUND / 64 {
                view.sample_batch(rng, &mut downs);
                samples += 64;
            }
            half_width = downs[watched.clone()]
                .iter()
                .map(|&d| p_several * wilson_half_width(d, samples))
                .fold(0.0, f64::max);
            if half_width < options.monte_carlo_half_width
                || samples >= options.monte_carlo_max_samples
            {
                break;
            }
        }
    }
    let availability = |slot: usize| {
        let sampled = if samples == 0 {
            0.0
        } else {
            downs[slot] as f64 / samples as f64
        };
        (1.0 - exact[slot] - p_several * sampled).clamp(0.0, 1.0)
    };
    ViewEstimate {
        functions: (0..functions).map(availability).collect(),
        all: availability(functions),
        half_width,
    }
}

/// Half-width of the Wilson 95% interval of `k` successes in `n` trials.
fn wilson_half_width(k: u64, n: u64) -> f64 {
    if n == 0 {
        return 1.0;
    }
    let (n, p) = (n as f64, k as f64 / n as f64);
    let z2 = Z95 * Z95;
    Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n)
}
