//! Engine benchmarks (BENCHMARKS.md, "Engine"): `analyze` on the spec's four
//! examples and on seeded random microservice graphs of 50, 200 and 2,000
//! nodes (see `engine/generate.rs`), exact and with Monte Carlo forced. A
//! plain `main` timing with `Instant`; run with `cargo bench --bench engine`,
//! or `cargo bench --bench engine -- FILTER [--once]` for the cases whose name
//! contains FILTER (or is FILTER), `--once` timing a single cold run.

use std::time::{Duration, Instant};

#[path = "engine/generate.rs"]
mod generate;

use topolab_engine::analysis::{analyze_with, Analysis, Options};
use topolab_engine::{parse_document, Document};

struct Case {
    name: String,
    doc: Document,
    options: Options,
}

/// Mean and best time over repeated runs (at least `min_runs`, and about a second).
fn time(case: &Case, min_runs: u32) -> (Duration, Duration, Analysis) {
    let mut analysis = analyze_with(&case.doc, case.options);
    let (mut total, mut best, mut runs) = (Duration::ZERO, Duration::MAX, 0u32);
    while runs < min_runs || total < Duration::from_secs(1) {
        let start = Instant::now();
        analysis =
            std::hint::black_box(analyze_with(std::hint::black_box(&case.doc), case.options));
        let took = start.elapsed();
        total += took;
        best = best.min(took);
        runs += 1;
    }
    (total / runs, best, analysis)
}

fn cases() -> Vec<Case> {
    let exact = Options::default();
    let sampled = Options {
        bdd_node_budget: 0,
        ..exact
    };
    let mut cases = Vec::new();
    for name in ["monolith", "cluster", "distributed", "microservices"] {
        let path = format!(
            "{}/../../docs/spec/examples/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let doc = parse_document(&text).unwrap_or_else(|p| panic!("{p:?}"));
        cases.push(Case {
            name: format!("example {name}"),
            doc,
            options: exact,
        });
    }
    for (shape, generate) in [
        ("layered", generate::layered as fn(usize, u64) -> Document),
        ("tangled", generate::tangled),
    ] {
        for size in [50, 200, 2_000] {
            let doc = generate(size, 7);
            cases.push(Case {
                name: format!("{shape} {size}"),
                doc: doc.clone(),
                options: exact,
            });
            if size == 2_000 {
                cases.push(Case {
                    name: format!("{shape} {size} sampled"),
                    doc,
                    options: sampled,
                });
            }
        }
    }
    cases
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let once = args.iter().any(|a| a == "--once");
    let filter = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_default();
    let cases = cases();
    let exact_name = cases.iter().any(|c| c.name == filter);
    let chosen = cases.iter().filter(|c| {
        if exact_name {
            c.name == filter
        } else {
            c.name.contains(&filter)
        }
    });
    println!("| case | nodes | links | functions | method | ci95 | all | mean time | best time |");
    println!("|---|---:|---:|---:|---|---:|---:|---:|---:|");
    for case in chosen {
        let (mean, best, a) = if once {
            let start = Instant::now();
            let a = analyze_with(&case.doc, case.options);
            (start.elapsed(), start.elapsed(), a)
        } else {
            time(case, 20)
        };
        let ci = a
            .system
            .ci95
            .map_or("-".to_string(), |c| format!("{c:.2e}"));
        println!(
            "| {} | {} | {} | {} | {:?} | {ci} | {:.6} | {:.1?} | {:.1?} |",
            case.name,
            case.doc.nodes.len(),
            case.doc.links.len(),
            a.functions.len(),
            a.system.method,
            a.system.all,
            mean,
            best
        );
    }
}
