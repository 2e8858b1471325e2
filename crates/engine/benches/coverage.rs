//! How often the simulation's 95% intervals cover the engine's expected
//! availability (docs/spec/app.md `simulate`; `crate::sim::report` explains
//! the interval), over many seeds: the animated Traffic's live figures
//! (a [`Playback`] under chaos, repairs shortened, played at a speed for
//! some seconds of the page) and the headless `simulate`. Each case prints
//! the share of runs whose interval holds the prediction, beside the share
//! Wilson's interval of independent requests (what the app showed before)
//! would have, the runs in which nothing failed, the median half-width and
//! the mean measured figure against the prediction (a bias would show
//! there). A plain `main`, asserting nothing; run with
//! `cargo bench -p topolab-engine --bench coverage [-- --seeds N] [monolith|cluster]`
//! (200 seeds by default; the Traffic cases cost minutes).

use std::rc::Rc;
use std::time::Instant;

use topolab_engine::presets::preset;
use topolab_engine::sim::{simulate, wilson, Chaos, Playback, SimOptions};
use topolab_engine::{analyze, Document};

/// What one run measured of the first function: successes, requests, interval.
type Run = (u64, u64, [f64; 2]);

/// Plays `doc` under chaos at `speed` for `page_s` seconds of the page, in
/// frames of 0.1 s, as the app does (without dots).
fn live_run(doc: &Document, speed: f64, page_s: f64, seed: u64) -> Run {
    let doc = Rc::new(doc.clone());
    let mut playback = Playback::new(doc, speed, Chaos::Real, seed, true).expect("valid");
    let mut last = None;
    let frames = (page_s * 10.0).round() as u64;
    for frame in 0..=frames {
        playback.advance(frame as f64 * 100.0);
        if let Some(live) = playback.report(0) {
            last = Some(live);
        }
    }
    let f = &last.expect("reported").functions[0];
    (f.succeeded, f.finished, f.ci95)
}

/// `simulate` with chaos over `seconds`.
fn headless_run(doc: &Document, seconds: f64, seed: u64) -> Run {
    let options = SimOptions {
        seconds,
        seed,
        chaos: true,
        ..SimOptions::default()
    };
    let report = simulate(doc, &options).expect("valid");
    let f = &report.functions[0];
    (f.succeeded, f.requests, f.ci95)
}

/// `run(seed)` for seeds 1..=`seeds`, spread over the machine's cores.
fn runs(seeds: u64, run: impl Fn(u64) -> Run + Sync) -> Vec<Run> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
    let run = &run;
    let mut all: Vec<(u64, Run)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    (1..=seeds)
                        .filter(|s| s % threads == t)
                        .map(|s| (s, run(s)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a run"))
            .collect()
    });
    all.sort_by_key(|(s, _)| *s);
    all.into_iter().map(|(_, r)| r).collect()
}

/// One table row from the runs of a case whose prediction is `expected`.
fn row(case: &str, expected: f64, runs: &[Run]) {
    let n = runs.len() as f64;
    let holds = |[lo, hi]: [f64; 2]| lo <= expected && expected <= hi;
    let covered = runs.iter().filter(|r| holds(r.2)).count() as f64 / n;
    let wilson_covered = runs.iter().filter(|r| holds(wilson(r.0, r.1))).count() as f64 / n;
    let clean = runs.iter().filter(|r| r.0 == r.1).count() as f64 / n;
    let mut halves: Vec<f64> = runs.iter().map(|r| (r.2[1] - r.2[0]) / 2.0).collect();
    halves.sort_by(f64::total_cmp);
    let mean = runs.iter().map(|r| r.0 as f64 / r.1 as f64).sum::<f64>() / n;
    println!(
        "| {case} | {} | {:.1}% | {:.1}% | {:.1}% | {:.3} pp | {:.4}% | {:.4}% |",
        runs.len(),
        covered * 100.0,
        wilson_covered * 100.0,
        clean * 100.0,
        halves[halves.len() / 2] * 100.0,
        mean * 100.0,
        expected * 100.0,
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seeds: u64 = args
        .iter()
        .position(|a| a == "--seeds")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(200);
    println!("| case | runs | covered | Wilson's would | nothing failed | median half-width | mean measured | predicted |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    // Presets named on the command line, or both.
    let named: Vec<&str> = args[1..]
        .iter()
        .filter(|a| !a.starts_with("--") && a.parse::<u64>().is_err())
        .map(String::as_str)
        .collect();
    for name in ["monolith", "cluster"] {
        if !named.is_empty() && !named.contains(&name) {
            continue;
        }
        let doc = preset(name).expect("preset").document();
        let expected = analyze(&doc).functions[0].availability;
        for (speed, page_s) in [(1000.0, 22.0), (1000.0, 60.0), (100.0, 180.0)] {
            let start = Instant::now();
            let runs = runs(seeds, |seed| live_run(&doc, speed, page_s, seed));
            let hours = speed * page_s / 3600.0;
            let case = format!("{name}, Traffic x{speed} for {page_s} s ({hours:.1} h)");
            row(&case, expected, &runs);
            eprintln!("{case}: {:.1?}", start.elapsed());
        }
        for (label, seconds) in [
            ("a week", 604_800.0),
            ("a year", 3.156e7),
            ("a century", 3.2e9),
        ] {
            let runs = runs(seeds, |seed| headless_run(&doc, seconds, seed));
            row(&format!("{name}, simulate {label}"), expected, &runs);
        }
    }
}
