//! Advice benchmarks (BENCHMARKS.md, "Advice"): `advise` on the spec's four
//! examples and on the seeded 200-node layered and tangled graphs (`engine/generate.rs`),
//! with four nines asked of every function and of `all`, of `all` alone, and
//! of every function alone.
//! A plain `main` timing with `Instant`; run with `cargo bench --bench advise`,
//! or `cargo bench --bench advise -- FILTER` for the cases whose name contains
//! FILTER.

use std::time::{Duration, Instant};

#[path = "engine/generate.rs"]
mod generate;

use topolab_engine::advise::{advise, Advice, SearchMethod, Target};
use topolab_engine::{effective_functions, parse_document, Document};

struct Case {
    name: String,
    doc: Document,
    targets: Vec<Target>,
}

/// Four nines on every function and on `all`, or on `all` alone, or on
/// every function alone.
fn four_nines(doc: &Document, every_function: bool, all: bool) -> Vec<Target> {
    let mut targets: Vec<Target> = match every_function {
        true => effective_functions(doc)
            .into_iter()
            .map(|f| Target {
                function: Some(f.id),
                min: 0.9999,
            })
            .collect(),
        false => Vec::new(),
    };
    if all {
        targets.push(Target {
            function: None,
            min: 0.9999,
        });
    }
    targets
}

fn cases() -> Vec<Case> {
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
            targets: four_nines(&doc, true, true),
            doc,
        });
    }
    for (shape, doc) in [
        ("layered", generate::layered(200, 7)),
        ("tangled", generate::tangled(200, 7)),
    ] {
        for (what, every, all) in [
            ("every function and all", true, true),
            ("all", false, true),
            ("every function", true, false),
        ] {
            cases.push(Case {
                name: format!("{shape} 200, {what}"),
                targets: four_nines(&doc, every, all),
                doc: doc.clone(),
            });
        }
    }
    cases
}

/// Mean and best time over repeated runs (at least 3, and about a second).
fn time(case: &Case) -> (Duration, Duration, Advice) {
    let mut advice = advise(&case.doc, &case.targets);
    let (mut total, mut best, mut runs) = (Duration::ZERO, Duration::MAX, 0u32);
    while runs < 3 || total < Duration::from_secs(1) {
        let start = Instant::now();
        advice = std::hint::black_box(advise(std::hint::black_box(&case.doc), &case.targets));
        let took = start.elapsed();
        total += took;
        best = best.min(took);
        runs += 1;
    }
    (total / runs, best, advice)
}

fn main() {
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .unwrap_or_default();
    println!(
        "| case | nodes | targets | unmet | cheapest | fewest_nodes | mean time | best time |"
    );
    println!("|---|---:|---:|---:|---|---|---:|---:|");
    for case in cases().iter().filter(|c| c.name.contains(&filter)) {
        let (mean, best, advice) = time(case);
        let unmet = advice.targets.iter().filter(|t| !t.met).count();
        let option = |i: usize| {
            advice.options.get(i).map_or("-".to_string(), |o| {
                let how = match o.method {
                    Some(SearchMethod::Heuristic) => ", heuristic",
                    None => "",
                };
                let nodes = match o.add.len() {
                    1 => "1 node".to_string(),
                    n => format!("{n} nodes"),
                };
                format!("{nodes}, cost {}{how}", o.cost)
            })
        };
        println!(
            "| {} | {} | {} | {unmet} | {} | {} | {mean:.1?} | {best:.1?} |",
            case.name,
            case.doc.nodes.len(),
            case.targets.len(),
            option(0),
            option(1),
        );
    }
}
