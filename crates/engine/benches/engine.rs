//! Engine benchmarks (BENCHMARKS.md, "Engine"): `analyze` on the spec's four
//! examples and on seeded random microservice graphs of 50, 200 and 2,000
//! nodes (see `engine/generate.rs`), exact and with Monte Carlo forced, and some
//! of them again with three zones (docs/spec/model.md §8); then
//! `goals::check` (docs/spec/model.md §6) on the examples and the 200-node graphs with
//! goals of every kind, `survive` for each unit and k apart. A plain `main`
//! timing with `Instant`; run with `cargo bench --bench engine`, or
//! `cargo bench --bench engine -- FILTER [--once]` for the cases whose name
//! contains FILTER (or is FILTER), `--once` timing a single cold run.

use std::time::{Duration, Instant};

#[path = "engine/generate.rs"]
mod generate;

use topolab_engine::analysis::{analyze, analyze_with, Analysis, Options};
use topolab_engine::goals::{check_with, CheckReport};
use topolab_engine::{parse_document, Document, FailureUnit, Goal, GoalKind, Threshold, Zone};

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

/// The spec's example `name`.
fn example(name: &str) -> Document {
    let path = format!(
        "{}/../../docs/spec/examples/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_document(&text).unwrap_or_else(|p| panic!("{p:?}"))
}

const EXAMPLES: [&str; 4] = ["monolith", "cluster", "distributed", "microservices"];

/// `doc` with three zones, each non-client node's instances spread over all three
/// from a zone that turns with the node (node i starts in zone i mod 3).
fn with_three_zones(mut doc: Document) -> Document {
    let ids = ["az-a", "az-b", "az-c"];
    doc.zones = ids.iter().map(|&id| Zone::new(id)).collect();
    for (i, node) in doc.nodes.iter_mut().enumerate() {
        if !node.is_client() {
            node.zones = Some((0..3).map(|k| ids[(i + k) % 3].to_string()).collect());
        }
    }
    doc
}

fn cases() -> Vec<Case> {
    let exact = Options::default();
    let sampled = Options {
        bdd_node_budget: 0,
        ..exact
    };
    let mut cases = Vec::new();
    for name in EXAMPLES {
        let doc = example(name);
        cases.push(Case {
            name: format!("example {name} zones"),
            doc: with_three_zones(doc.clone()),
            options: exact,
        });
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
            if shape == "layered" && size >= 200 {
                cases.push(Case {
                    name: format!("{shape} {size} zones"),
                    doc: with_three_zones(doc.clone()),
                    options: exact,
                });
            }
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

/// A `survive` goal of `k` failures of `of`, every function in scope.
fn survive(k: u32, of: FailureUnit) -> Goal {
    Goal::new(GoalKind::Survive {
        failures: k,
        of,
        functions: None,
    })
}

/// A goal of every kind, and `survive` for k = 1 to 3 of instances and of nodes.
fn every_goal() -> Vec<Goal> {
    let mut goals = vec![
        Goal::new(GoalKind::Availability {
            function: None,
            threshold: Threshold::Nines(3),
        }),
        Goal::new(GoalKind::NoSpof),
        Goal::new(GoalKind::MaxSyncDepth { max: 3 }),
        Goal::new(GoalKind::NoSharedStores),
        Goal::new(GoalKind::NoCycles),
        Goal::new(GoalKind::Budget { max_cost: 500.0 }),
    ];
    for of in [FailureUnit::Instances, FailureUnit::Nodes] {
        goals.extend((1..=3).map(|k| survive(k, of)));
    }
    goals
}

/// `check` cases: each example with every goal; each 200-node graph with
/// every goal, then with one `survive` goal at a time.
fn check_cases() -> Vec<(String, Document)> {
    let with = |doc: &Document, goals: Vec<Goal>| Document {
        goals,
        ..doc.clone()
    };
    let mut cases = Vec::new();
    for name in EXAMPLES {
        cases.push((format!("check {name}"), with(&example(name), every_goal())));
    }
    for (shape, generate) in [
        ("layered", generate::layered as fn(usize, u64) -> Document),
        ("tangled", generate::tangled),
    ] {
        let doc = generate(200, 7);
        cases.push((format!("check {shape} 200"), with(&doc, every_goal())));
        if shape == "tangled" {
            // Where nothing fails: every set has to be tried.
            let doc = generate::parallel(201);
            cases.push(("check parallel 200".to_string(), with(&doc, every_goal())));
            for of in [FailureUnit::Instances, FailureUnit::Nodes] {
                let name = format!("check parallel 200 survive 3 {}", of.as_str());
                cases.push((name, with(&doc, vec![survive(3, of)])));
            }
        }
        for of in [FailureUnit::Instances, FailureUnit::Nodes] {
            for k in 1..=3 {
                let name = format!("check {shape} 200 survive {k} {}", of.as_str());
                cases.push((name, with(&doc, vec![survive(k, of)])));
            }
        }
    }
    cases
}

/// Mean and best time of `check_with` (the analysis given, as the app has it).
fn time_check(
    doc: &Document,
    analysis: &Analysis,
    once: bool,
) -> (Duration, Duration, CheckReport) {
    let mut report = check_with(doc, analysis);
    let (mut total, mut best, mut runs) = (Duration::ZERO, Duration::MAX, 0u32);
    while runs < 1 || (!once && (runs < 5 || total < Duration::from_secs(1))) {
        let start = Instant::now();
        report = std::hint::black_box(check_with(std::hint::black_box(doc), analysis));
        let took = start.elapsed();
        total += took;
        best = best.min(took);
        runs += 1;
    }
    (total / runs, best, report)
}

fn run_checks(filter: &str, once: bool) {
    let cases = check_cases();
    let exact_name = cases.iter().any(|(name, _)| name == filter);
    let chosen: Vec<_> = cases
        .iter()
        .filter(|(name, _)| match exact_name {
            true => name == filter,
            false => name.contains(filter),
        })
        .collect();
    if chosen.is_empty() {
        return;
    }
    println!();
    println!("| check case | nodes | instances | goals met | warnings | analyze | check, analysis given (mean) | best |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (name, doc) in chosen {
        let start = Instant::now();
        let analysis = analyze(doc);
        let analyzed = start.elapsed();
        let (mean, best, report) = time_check(doc, &analysis, once);
        let instances: u32 = doc
            .nodes
            .iter()
            .filter(|n| !n.is_client())
            .map(|n| n.replicas())
            .sum();
        let met = report.goals.iter().filter(|g| g.met).count();
        println!(
            "| {name} | {} | {instances} | {met}/{} | {} | {analyzed:.1?} | {mean:.1?} | {best:.1?} |",
            doc.nodes.len(),
            report.goals.len(),
            report.warnings.len(),
        );
    }
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
    let chosen: Vec<&Case> = cases
        .iter()
        .filter(|c| {
            if exact_name {
                c.name == filter
            } else {
                c.name.contains(&filter)
            }
        })
        .collect();
    if !chosen.is_empty() {
        println!(
            "| case | nodes | links | functions | method | ci95 | all | mean time | best time |"
        );
        println!("|---|---:|---:|---:|---|---:|---:|---:|---:|");
    }
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
    run_checks(&filter, once);
}
