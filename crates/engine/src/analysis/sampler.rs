//! Draws the sets of failed nodes of the Monte Carlo fallback, conditioned on
//! at least two failures: states with none or one failure are few (one plus
//! one per node) and are evaluated exactly instead of being sampled.
//!
//! Nodes are numbered `0..m`. The second failure in that order is at `j` with
//! probability `q_j · P(exactly one failure among 0..j)`; given `j`, the first
//! is `i < j` with weight `q_i / p_i`; nodes after `j` fail independently. The
//! latter are drawn as a Poisson process whose rate at node `k` is
//! `-ln p_k` (a node fails when it receives an event), so that a sample costs
//! a few random numbers however many nodes there are.

use crate::random::poisson;
use rand::Rng;

/// Above this total rate the tail is drawn node by node instead.
const MAX_POISSON_RATE: f64 = 20.0;

/// The failure distribution of `m` independent nodes.
#[derive(Clone, Debug)]
pub(crate) struct Sampler {
    down: Vec<f64>,
    /// Cumulative weights of the second failure's position.
    second: Vec<f64>,
    /// Cumulative `q_i / p_i`.
    first: Vec<f64>,
    rate: f64,
    alias: Alias,
    /// P(no node fails).
    pub p_none: f64,
    /// P(node k and no other fails).
    pub p_only: Vec<f64>,
    /// P(two or more fail).
    pub p_several: f64,
}

impl Sampler {
    /// The distribution where node `k` is up with `up[k] > 0` and down with `down[k] > 0`.
    pub(crate) fn new(up: &[f64], down: &[f64]) -> Sampler {
        let odds: Vec<f64> = up.iter().zip(down).map(|(&p, &q)| q / p).collect();
        let mut first = Vec::with_capacity(odds.len());
        let mut second = Vec::with_capacity(odds.len());
        let (mut none_before, mut odds_before, mut several) = (1.0, 0.0, 0.0);
        for (k, &q) in down.iter().enumerate() {
            several += q * none_before * odds_before;
            second.push(several);
            odds_before += odds[k];
            first.push(odds_before);
            none_before *= up[k];
        }
        let rates: Vec<f64> = up
            .iter()
            .zip(down)
            .map(|(&p, &q)| if q < 0.5 { -(-q).ln_1p() } else { -p.ln() })
            .collect();
        Sampler {
            down: down.to_vec(),
            second,
            first,
            rate: rates.iter().sum(),
            alias: Alias::new(&rates),
            p_only: odds.iter().map(|o| none_before * o).collect(),
            p_none: none_before,
            p_several: several,
        }
    }

    /// Fills `failed` with the nodes of one failure set of two or more nodes
    /// (a node may appear twice).
    pub(crate) fn sample(&self, rng: &mut impl Rng, failed: &mut Vec<usize>) {
        failed.clear();
        let m = self.down.len();
        if m < 2 {
            return;
        }
        let u = rng.random::<f64>() * self.p_several;
        let j = self.second.partition_point(|&c| c <= u).clamp(1, m - 1);
        let u = rng.random::<f64>() * self.first[j - 1];
        let i = self.first[..j].partition_point(|&c| c <= u).min(j - 1);
        failed.extend([i, j]);
        if self.rate <= MAX_POISSON_RATE {
            for _ in 0..poisson(rng, self.rate) {
                let k = self.alias.draw(rng);
                if k > j {
                    failed.push(k);
                }
            }
        } else {
            failed.extend((j + 1..m).filter(|&k| rng.random::<f64>() < self.down[k]));
        }
    }
}

/// Walker's alias method (Vose's construction): a draw proportional to weights in O(1).
#[derive(Clone, Debug, Default)]
struct Alias {
    keep: Vec<f64>,
    other: Vec<usize>,
}

impl Alias {
    fn new(weights: &[f64]) -> Alias {
        let n = weights.len();
        let total: f64 = weights.iter().sum();
        if n == 0 || total <= 0.0 || !total.is_finite() {
            return Alias::default();
        }
        let mut keep: Vec<f64> = weights.iter().map(|w| w * n as f64 / total).collect();
        let mut other: Vec<usize> = (0..n).collect();
        let (mut small, mut large): (Vec<usize>, Vec<usize>) = (0..n).partition(|&k| keep[k] < 1.0);
        while let (Some(s), Some(&l)) = (small.pop(), large.last()) {
            other[s] = l;
            keep[l] -= 1.0 - keep[s];
            if keep[l] < 1.0 {
                large.pop();
                small.push(l);
            }
        }
        for k in large.into_iter().chain(small) {
            keep[k] = 1.0;
        }
        Alias { keep, other }
    }

    fn draw(&self, rng: &mut impl Rng) -> usize {
        let n = self.keep.len();
        if n == 0 {
            return 0;
        }
        let k = rng.random_range(0..n);
        if rng.random::<f64>() < self.keep[k] {
            k
        } else {
            self.other[k]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Sampler;
    use rand::SeedableRng;
    use rand_pcg::Pcg64Mcg;

    #[test]
    fn none_one_and_several_failures_partition_the_states() {
        let up = [0.9, 0.5, 0.999, 0.2];
        let down: Vec<f64> = up.iter().map(|p| 1.0 - p).collect();
        let s = Sampler::new(&up, &down);
        // Enumerated: every subset of failed nodes, by size.
        let (mut none, mut one, mut several) = (0.0, vec![0.0; 4], 0.0);
        for set in 0u32..16 {
            let p: f64 = (0..4)
                .map(|k| if set & (1 << k) != 0 { down[k] } else { up[k] })
                .product();
            match set.count_ones() {
                0 => none += p,
                1 => one[set.trailing_zeros() as usize] += p,
                _ => several += p,
            }
        }
        assert!((s.p_none - none).abs() < 1e-15);
        for (p, e) in s.p_only.iter().zip(&one) {
            assert!((p - e).abs() < 1e-15);
        }
        assert!((s.p_several - several).abs() < 1e-15);
    }

    #[test]
    fn samples_hold_at_least_two_distinct_nodes() {
        let up = [0.99, 0.999, 0.9, 0.99999];
        let down: Vec<f64> = up.iter().map(|p| 1.0 - p).collect();
        let s = Sampler::new(&up, &down);
        let mut rng = Pcg64Mcg::seed_from_u64(1);
        let mut failed = Vec::new();
        for _ in 0..10_000 {
            s.sample(&mut rng, &mut failed);
            crate::sorting::sort(&mut failed);
            failed.dedup();
            assert!(
                failed.len() >= 2 && failed.iter().all(|&k| k < 4),
                "{failed:?}"
            );
        }
    }
}
