//! The random draws the engine needs, on `rand` 0.9 without its default
//! features (no `rand_distr`): exponential durations and Poisson counts, each
//! from uniform numbers of a seeded generator. The simulation and the Monte
//! Carlo sampler both draw from here.

use rand::Rng;

/// An exponential duration of mean `mean` (infinite mean: never).
pub(crate) fn exponential(rng: &mut impl Rng, mean: f64) -> f64 {
    if !mean.is_finite() {
        return f64::INFINITY;
    }
    // 1 - u is in (0, 1], so the logarithm is finite.
    -mean * (1.0 - rng.random::<f64>()).ln()
}

/// A Poisson count of mean `mean`: by inversion below 10, else by Hörmann's
/// transformed rejection with squeeze (PTRS, 1993), a few uniforms a draw
/// however large the mean (a century of requests is about 10^10).
pub(crate) fn poisson(rng: &mut impl Rng, mean: f64) -> u64 {
    if mean.is_nan() || mean <= 0.0 {
        return 0;
    }
    if mean < 10.0 {
        let mut u = rng.random::<f64>();
        let mut term = (-mean).exp();
        let mut k = 0u64;
        while u > term && k < 200 {
            u -= term;
            k += 1;
            term *= mean / k as f64;
        }
        return k;
    }
    let (slam, loglam) = (mean.sqrt(), mean.ln());
    let b = 0.931 + 2.53 * slam;
    let a = -0.059 + 0.02483 * b;
    let inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = rng.random::<f64>() - 0.5;
        let v = rng.random::<f64>();
        let us = 0.5 - u.abs();
        let k = ((2.0 * a / us + b) * u + mean + 0.43).floor();
        if us >= 0.07 && v <= vr {
            return k as u64;
        }
        if k < 0.0 || (us < 0.013 && v > us) {
            continue;
        }
        if v.ln() + inv_alpha.ln() - (a / (us * us) + b).ln()
            <= -mean + k * loglam - ln_factorial(k)
        {
            return k as u64;
        }
    }
}

/// `ln(k!)`: a table up to 9, Stirling's series past it (error below 1e-12).
fn ln_factorial(k: f64) -> f64 {
    const SMALL: [f64; 10] = [
        0.0,
        0.0,
        std::f64::consts::LN_2,
        1.791_759_469_228_055,
        3.178_053_830_347_945_8,
        4.787_491_742_782_046,
        6.579_251_212_010_101,
        8.525_161_361_065_415,
        10.604_602_902_745_25,
        12.801_827_480_081_469,
    ];
    if k < 10.0 {
        return SMALL[k.max(0.0) as usize];
    }
    let k1 = k + 1.0;
    let inv = 1.0 / k1;
    (k1 - 0.5) * k1.ln() - k1
        + 0.5 * std::f64::consts::TAU.ln()
        + inv * (1.0 / 12.0 - inv * inv * (1.0 / 360.0 - inv * inv / 1260.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_pcg::Pcg64Mcg;

    #[test]
    fn ln_factorial_matches_the_product() {
        let mut exact = 0.0;
        for k in 1..=40u32 {
            exact += f64::from(k).ln();
            assert!((ln_factorial(f64::from(k)) - exact).abs() < 1e-10, "{k}");
        }
    }

    #[test]
    fn draws_have_their_means() {
        let mut rng = Pcg64Mcg::seed_from_u64(3);
        for mean in [0.5, 4.0, 12.0, 1e3, 1e9] {
            let n = 20_000;
            let total: f64 = (0..n).map(|_| poisson(&mut rng, mean) as f64).sum();
            let sd = (mean / n as f64).sqrt();
            assert!((total / n as f64 - mean).abs() < 5.0 * sd, "poisson {mean}");
        }
    }
}
