//! Simulation benchmarks (docs/spec/app.md `simulate`: a century must return
//! within a few seconds): `simulate` with chaos over a century
//! (`seconds: 3.2e9`) on every preset and on the cluster with a capacity
//! and timeouts, and an hour of the event simulation sending every request.
//! Prints each case's time and, for the presets, the largest difference
//! from the engine's expected availability and the widest 95% half-width.
//! A plain `main` timing with `Instant`, asserting nothing; run with
//! `cargo bench --bench sim`.

use std::time::{Duration, Instant};

#[path = "engine/generate.rs"]
mod generate;

use topolab_engine::presets::{preset, PRESETS};
use topolab_engine::sim::{simulate, Method, SimOptions, SimReport};
use topolab_engine::{analyze, parse_document, Document};

/// The cluster preset with servers of 20 requests a second (30 a second in all:
/// 50% of capacity, 75% with a server down) and a 300 ms
/// timeout on the balancer's links: requests interact.
fn cluster_with_capacity() -> Document {
    let mut doc = preset("cluster").expect("cluster").document();
    for n in doc.nodes.iter_mut().filter(|n| n.id.starts_with("app")) {
        n.extra = Some(serde_json::from_str(r#"{"sim": {"capacity": 20}}"#).expect("json"));
    }
    for l in doc.links.iter_mut().filter(|l| l.from == "lb") {
        l.extra = Some(serde_json::from_str(r#"{"sim": {"timeout_ms": 300}}"#).expect("json"));
    }
    let text = doc.to_json();
    parse_document(&text).expect("valid")
}

/// Best and mean time of `runs` runs, and the last report.
fn time(doc: &Document, options: &SimOptions, runs: u32) -> (Duration, Duration, SimReport) {
    let (mut best, mut total) = (Duration::MAX, Duration::ZERO);
    let mut report = None;
    for _ in 0..runs {
        let start = Instant::now();
        let r = std::hint::black_box(simulate(doc, options).expect("valid"));
        let took = start.elapsed();
        best = best.min(took);
        total += took;
        report = Some(r);
    }
    (best, total / runs, report.expect("at least one run"))
}

fn main() {
    let century = SimOptions {
        seconds: 3.2e9,
        seed: 7,
        chaos: true,
        ..SimOptions::default()
    };
    let hour = SimOptions {
        seconds: 3_600.0,
        method: Some(Method::Events),
        ..century
    };
    println!("| case | method | requests | largest error | widest ci95 half-width | best | mean |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    let mut cases: Vec<(String, Document, SimOptions)> = Vec::new();
    for p in PRESETS {
        cases.push((format!("{} century", p.name), p.document(), century));
    }
    cases.push((
        "cluster with capacity, century".into(),
        cluster_with_capacity(),
        century,
    ));
    for size in [50, 200] {
        cases.push((
            format!("layered {size} century"),
            generate::layered(size, 7),
            century,
        ));
        cases.push((
            format!("tangled {size} century"),
            generate::tangled(size, 7),
            century,
        ));
    }
    for p in PRESETS {
        cases.push((
            format!("{} hour, every request", p.name),
            p.document(),
            hour,
        ));
    }
    for (name, doc, options) in cases {
        let (best, mean, report) = time(&doc, &options, 5);
        let expected = analyze(&doc);
        let requests: u64 = report.functions.iter().map(|f| f.requests).sum();
        let error = report
            .functions
            .iter()
            .zip(&expected.functions)
            .map(|(m, e)| (m.measured - e.availability).abs())
            .fold(0.0, f64::max);
        let half = report
            .functions
            .iter()
            .map(|m| (m.ci95[1] - m.ci95[0]) / 2.0)
            .fold(0.0, f64::max);
        println!(
            "| {name} | {:?} | {requests:.3e} | {error:.1e} | {half:.1e} | {best:.1?} | {mean:.1?} |",
            report.method,
            requests = requests as f64,
        );
    }
}
