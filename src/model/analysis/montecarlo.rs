//! The Monte Carlo fallback (MODEL.md §2): when the exact BDD would exceed its
//! budget, availabilities are estimated, and the result says so and gives the
//! half-width of its widest 95% interval.
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
use super::lanes::{Lanes, Scratch, ALL_LANES};
use super::odds::Odds;
use super::report::Method;
use super::sampler::Sampler;
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
    views: [&Odds; 2],
    options: &Options,
    sampled: Sampled,
) -> Estimate {
    let [expected, design] = [0u64, 1].map(|stream| {
        let mut rng = Pcg64Mcg::seed_from_u64(
            options.monte_carlo_seed ^ stream.wrapping_mul(0x9e37_79b9_7f4a_7c15),
        );
        let odds = views[stream as usize];
        estimate_view(lanes, functions, odds, options, sampled, &mut rng)
    });
    Estimate {
        all: (expected.all, design.all),
        ci95: Some(expected.half_width.max(design.half_width)),
        expected: expected.functions,
        design: design.functions,
        method: Method::MonteCarlo,
    }
}

struct ViewEstimate {
    functions: Vec<f64>,
    all: f64,
    half_width: f64,
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
    let mut alive: Vec<u64> = (0..len)
        .map(|v| if odds.certain_down(v) { 0 } else { ALL_LANES })
        .collect();
    let up: Vec<f64> = variable.iter().map(|&v| odds.up[v]).collect();
    let down: Vec<f64> = variable.iter().map(|&v| odds.down[v]).collect();
    let sampler = Sampler::new(&up, &down);
    let mut scratch = Scratch::default();
    let mut out = vec![0u64; functions];
    // Slot `functions` is "all"; each slot accumulates P(down).
    let mut exact = vec![0.0; functions + 1];
    let tally =
        |out: &[u64], weight_of_lane: &dyn Fn(u32) -> f64, lanes_used: u32, exact: &mut [f64]| {
            let mut all = ALL_LANES;
            for (f, &works) in out.iter().enumerate() {
                all &= works;
                exact[f] += down_weight(works, lanes_used, weight_of_lane);
            }
            exact[functions] += down_weight(all, lanes_used, weight_of_lane);
        };
    lanes.evaluate(&alive, &mut scratch, &mut out);
    tally(&out, &|_| sampler.p_none, 1, &mut exact);
    for (batch_index, batch) in variable.chunks(64).enumerate() {
        for (lane, &v) in batch.iter().enumerate() {
            alive[v] &= !(1 << lane);
        }
        lanes.evaluate(&alive, &mut scratch, &mut out);
        let weight = |lane: u32| sampler.p_only[batch_index * 64 + lane as usize];
        tally(&out, &weight, batch.len() as u32, &mut exact);
        for (lane, &v) in batch.iter().enumerate() {
            alive[v] |= 1 << lane;
        }
    }
    let mut downs = vec![0u64; functions + 1];
    let mut samples = 0u64;
    let mut half_width = sampler.p_several;
    if sampler.p_several > NEGLIGIBLE && variable.len() >= 2 {
        let mut failed = Vec::new();
        let mut cleared = Vec::new();
        loop {
            for _ in 0..ROUND / 64 {
                for lane in 0..64 {
                    sampler.sample(rng, &mut failed);
                    for &k in &failed {
                        alive[variable[k]] &= !(1 << lane);
                        cleared.push(variable[k]);
                    }
                }
                lanes.evaluate(&alive, &mut scratch, &mut out);
                for v in cleared.drain(..) {
                    alive[v] = ALL_LANES;
                }
                let mut all = ALL_LANES;
                for (f, &works) in out.iter().enumerate() {
                    all &= works;
                    downs[f] += u64::from((!works).count_ones());
                }
                downs[functions] += u64::from((!all).count_ones());
                samples += 64;
            }
            let watched = match sampled {
                Sampled::Everything => &downs[..],
                Sampled::AllOnly => &downs[functions..],
            };
            half_width = watched
                .iter()
                .map(|&d| sampler.p_several * wilson_half_width(d, samples))
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
        (1.0 - exact[slot] - sampler.p_several * sampled).clamp(0.0, 1.0)
    };
    ViewEstimate {
        functions: (0..functions).map(availability).collect(),
        all: availability(functions),
        half_width,
    }
}

/// The total weight of the lanes (among the first `lanes_used`) where `works` is clear.
fn down_weight(works: u64, lanes_used: u32, weight_of_lane: &dyn Fn(u32) -> f64) -> f64 {
    (0..lanes_used)
        .filter(|&lane| works & (1 << lane) == 0)
        .map(weight_of_lane)
        .sum()
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
