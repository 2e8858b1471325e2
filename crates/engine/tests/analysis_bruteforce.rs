//! The engine against brute force (docs/spec/model.md §1.3, §2, §3, §8): random small
//! documents, with and without zones, every figure compared with `support/brute.rs`,
//! which enumerates every combination of zone and node states and iterates the
//! spec's rules literally.
//! Availabilities agree to 1e-12; the Monte Carlo fallback, forced by a zero
//! BDD budget, lands within its own reported interval.

mod support;

use proptest::prelude::*;
use support::brute::{self, Model};
use support::generate::{documents, documents_with_zones};
use topolab_engine::analysis::{analyze_with, Analysis, Method, Options};
use topolab_engine::{analyze, parse_document, validate, Document};

fn close(actual: f64, expected: f64, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        (actual - expected).abs() <= 1e-12,
        "{what}: engine {actual} != brute force {expected}"
    );
    Ok(())
}

/// Every figure of `analysis` against brute force; function availabilities
/// within `tolerance`, `all` within `all_tolerance`.
fn check(
    doc: &Document,
    analysis: &Analysis,
    tolerance: f64,
    all_tolerance: f64,
) -> Result<(), TestCaseError> {
    let problems = validate(doc);
    prop_assert!(
        problems.is_empty(),
        "generated an invalid document: {problems:?}"
    );
    let m = Model::new(doc);
    let functions = brute::functions(&m);
    let ids: Vec<&str> = analysis.functions.iter().map(|f| f.id.as_str()).collect();
    prop_assert_eq!(
        ids,
        functions.iter().map(|f| f.id.as_str()).collect::<Vec<_>>()
    );
    let (per_function, all) = brute::availabilities(&m);
    let near = |a: f64, e: f64, what: &str| -> Result<(), TestCaseError> {
        prop_assert!(
            (a - e).abs() <= tolerance,
            "{what}: engine {a} != brute force {e} (tolerance {tolerance})"
        );
        Ok(())
    };
    let live = brute::live(&m);
    for (f, report) in analysis.functions.iter().enumerate() {
        near(
            report.availability,
            per_function[f].0,
            &format!("{} availability", report.id),
        )?;
        near(
            report.design_availability,
            per_function[f].1,
            &format!("{} design availability", report.id),
        )?;
        let downtime = (1.0 - report.availability) * 365.25 * 24.0;
        prop_assert!(
            (report.downtime_hours_per_year - downtime).abs() <= 1e-12 * 8766.0,
            "downtime"
        );
        prop_assert_eq!(
            report.status.as_str(),
            live.status[f],
            "{} status",
            report.id
        );
    }
    let near_all = |a: f64, e: f64, what: &str| -> Result<(), TestCaseError> {
        prop_assert!(
            (a - e).abs() <= all_tolerance,
            "{what}: engine {a} != brute force {e}"
        );
        Ok(())
    };
    near_all(analysis.system.all, all.0, "all")?;
    near_all(analysis.system.design_all, all.1, "design all")?;
    let total: f64 = functions.iter().map(|f| f.weight.unwrap_or(1.0)).sum();
    let mean = if functions.is_empty() {
        1.0
    } else {
        functions
            .iter()
            .zip(&per_function)
            .map(|(f, p)| f.weight.unwrap_or(1.0) * p.0)
            .sum::<f64>()
            / total
    };
    near(analysis.system.mean, mean, "mean")?;
    for (v, node) in analysis.nodes.iter().enumerate() {
        prop_assert_eq!(&node.id, &doc.nodes[v].id);
        let what = |field: &str| format!("{}.{field}", node.id);
        prop_assert_eq!(node.alive, live.alive[v], "{}", what("alive"));
        prop_assert_eq!(node.works, live.works[v], "{}", what("works"));
        prop_assert_eq!(node.degraded, live.degraded[v], "{}", what("degraded"));
        prop_assert_eq!(
            &node.blast_radius,
            &brute::blast_radius(&m, v),
            "{}",
            what("blast_radius")
        );
        prop_assert_eq!(node.spof, brute::spof(&m, v), "{}", what("spof"));
        let (ca, ce, async_in, async_out) = brute::counts(&m, v);
        prop_assert_eq!(
            (node.ca, node.ce, node.async_in, node.async_out),
            (ca, ce, async_in, async_out),
            "{}",
            what("counts")
        );
        let instability = if ca + ce == 0 {
            0.0
        } else {
            f64::from(ce) / f64::from(ca + ce)
        };
        close(node.instability, instability, &what("instability"))?;
        prop_assert_eq!(
            node.sync_depth,
            brute::sync_depth(&m, v),
            "{}",
            what("sync_depth")
        );
    }
    let max_depth = analysis
        .nodes
        .iter()
        .map(|n| n.sync_depth)
        .max()
        .unwrap_or(0);
    prop_assert_eq!(analysis.max_sync_depth, max_depth);
    prop_assert_eq!(&analysis.shared_stores, &brute::shared_stores(&m));
    prop_assert_eq!(&analysis.cycles, &brute::cycles(&m));
    check_zones(doc, analysis, &m)
}

/// §8: the zones listed only when the document has some; each one's live state,
/// blast radius and spof against brute force.
fn check_zones(doc: &Document, analysis: &Analysis, m: &Model) -> Result<(), TestCaseError> {
    prop_assert_eq!(analysis.zones.len(), doc.zones.len());
    for (z, report) in analysis.zones.iter().enumerate() {
        prop_assert_eq!(&report.id, &doc.zones[z].id);
        prop_assert_eq!(report.up, doc.zones[z].down != Some(true));
        let blast = brute::zone_blast_radius(m, z);
        prop_assert_eq!(&report.blast_radius, &blast, "{} blast_radius", report.id);
        prop_assert_eq!(report.spof, !blast.is_empty(), "{} spof", report.id);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn exact_engine_equals_enumeration(doc in documents()) {
        let analysis = analyze(&doc);
        prop_assert_eq!(analysis.system.method, Method::Exact);
        prop_assert_eq!(analysis.system.ci95, None);
        check(&doc, &analysis, 1e-12, 1e-12)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    /// Zones as shared causes of failure: a down zone, a quorum across zones, a
    /// node whose instances share one zone, nodes in no zone (docs/spec/model.md §8).
    #[test]
    fn exact_engine_with_zones_equals_enumeration(doc in documents_with_zones()) {
        let analysis = analyze(&doc);
        prop_assert_eq!(analysis.system.method, Method::Exact);
        check(&doc, &analysis, 1e-12, 1e-12)?;
    }

    /// The document read back from its own JSON is the same document.
    #[test]
    fn a_document_with_zones_reads_back_as_written(doc in documents_with_zones()) {
        let json = doc.to_json();
        let back = parse_document(&json).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        prop_assert_eq!(back, doc);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn monte_carlo_with_zones_lands_within_its_interval(doc in documents_with_zones()) {
        let options = Options { monte_carlo_half_width: 0.005, monte_carlo_max_samples: 1 << 16, ..sampled() };
        let analysis = analyze_with(&doc, options);
        prop_assert_eq!(analysis.system.method, Method::MonteCarlo);
        let half_width = analysis.system.ci95.unwrap_or(f64::NAN);
        prop_assert!(half_width.is_finite(), "half-width {half_width}");
        let tolerance = 4.0 * half_width + 1e-12;
        check(&doc, &analysis, tolerance, tolerance)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn monte_carlo_lands_within_its_interval(doc in documents()) {
        // A looser target than the default keeps this quick in a debug build.
        let options = Options { monte_carlo_half_width: 0.005, monte_carlo_max_samples: 1 << 16, ..sampled() };
        let analysis = analyze_with(&doc, options);
        prop_assert_eq!(analysis.system.method, Method::MonteCarlo);
        let half_width = analysis.system.ci95.unwrap_or(f64::NAN);
        prop_assert!(half_width.is_finite(), "half-width {half_width}");
        let tolerance = 4.0 * half_width + 1e-12;
        check(&doc, &analysis, tolerance, tolerance)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn all_alone_is_sampled_past_its_budget_and_functions_stay_exact(doc in documents()) {
        let options = Options { all_work_budget: 0, monte_carlo_half_width: 0.005, ..Options::default() };
        let analysis = analyze_with(&doc, options);
        // With fewer than two functions sharing a node nothing needs expanding.
        let half_width = analysis.system.ci95.unwrap_or(0.0);
        prop_assert!(half_width.is_finite(), "half-width {half_width}");
        check(&doc, &analysis, 1e-12, 4.0 * half_width + 1e-12)?;
    }
}

fn sampled() -> Options {
    Options {
        bdd_node_budget: 0,
        ..Options::default()
    }
}

/// A document where two or more failures are likely: the sampled part matters.
const FRAGILE: &str = r#"{
  "format": "topolab/1",
  "nodes": [
    {"id": "web", "kind": "client"},
    {"id": "app", "kind": "client"},
    {"id": "lb", "kind": "load_balancer", "availability": 0.95, "replicas": 2},
    {"id": "gw1", "kind": "gateway", "availability": 0.8},
    {"id": "gw2", "kind": "gateway", "availability": 0.8, "replicas": 3, "quorum": 2, "killed": [0]},
    {"id": "orders", "kind": "service", "availability": 0.9, "replicas": 2, "capabilities": ["orders", "search"]},
    {"id": "search", "kind": "service", "availability": 0.7},
    {"id": "pay", "kind": "service", "availability": 0.85},
    {"id": "db", "kind": "database", "availability": 0.9, "replicas": 3, "quorum": 2},
    {"id": "cache", "kind": "cache", "availability": 0.6},
    {"id": "bank", "kind": "external", "availability": 0.75}
  ],
  "links": [
    {"from": "web", "to": "lb"}, {"from": "app", "to": "gw2"},
    {"from": "lb", "to": "gw1"}, {"from": "lb", "to": "gw2"},
    {"from": "gw1", "to": "orders"}, {"from": "gw1", "to": "search"}, {"from": "gw2", "to": "orders"},
    {"from": "gw2", "to": "pay"},
    {"from": "orders", "to": "db"}, {"from": "orders", "to": "pay"}, {"from": "pay", "to": "orders", "kind": "optional"},
    {"from": "search", "to": "cache", "kind": "optional"}, {"from": "search", "to": "db"},
    {"from": "pay", "to": "bank"}, {"from": "pay", "to": "db"}
  ]
}"#;

#[test]
fn monte_carlo_is_within_its_interval_where_several_failures_are_likely() {
    let doc = parse_document(FRAGILE).unwrap_or_else(|p| panic!("{p:?}"));
    let exact = analyze(&doc);
    let sampled = analyze_with(&doc, sampled());
    assert_eq!(exact.system.method, Method::Exact);
    assert_eq!(sampled.system.method, Method::MonteCarlo);
    let half_width = sampled.system.ci95.unwrap_or(f64::NAN);
    assert!(
        half_width > 0.0 && half_width < 0.0005,
        "half-width {half_width}"
    );
    let pairs = exact.functions.iter().zip(&sampled.functions);
    for (e, s) in pairs {
        assert!(
            (e.availability - s.availability).abs() <= 4.0 * half_width,
            "{}: {} vs {}",
            e.id,
            e.availability,
            s.availability
        );
        assert!(
            (e.design_availability - s.design_availability).abs() <= 4.0 * half_width,
            "{}",
            e.id
        );
    }
    assert!((exact.system.all - sampled.system.all).abs() <= 4.0 * half_width);
    assert!((exact.system.mean - sampled.system.mean).abs() <= 4.0 * half_width);
    // Everything but the availabilities is the same either way.
    assert_eq!(exact.nodes, sampled.nodes);
}

#[test]
fn monte_carlo_is_within_its_interval_on_the_spec_examples() {
    for name in ["monolith", "cluster", "distributed", "microservices"] {
        let path = format!(
            "{}/../../docs/spec/examples/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let doc = parse_document(&text).unwrap_or_else(|p| panic!("{p:?}"));
        let (exact, sampled) = (analyze(&doc), analyze_with(&doc, sampled()));
        let half_width = sampled.system.ci95.unwrap_or(f64::NAN);
        for (e, s) in exact.functions.iter().zip(&sampled.functions) {
            assert!(
                (e.availability - s.availability).abs() <= 4.0 * half_width + 1e-12,
                "{name} {}",
                e.id
            );
        }
        assert!(
            (exact.system.all - sampled.system.all).abs() <= 4.0 * half_width + 1e-12,
            "{name}"
        );
    }
}

#[test]
fn all_alone_is_sampled_when_its_budget_is_spent() {
    let doc = parse_document(FRAGILE).unwrap_or_else(|p| panic!("{p:?}"));
    let exact = analyze(&doc);
    let options = Options {
        all_work_budget: 0,
        ..Options::default()
    };
    let hybrid = analyze_with(&doc, options);
    assert_eq!(hybrid.system.method, Method::MonteCarlo);
    assert_eq!(hybrid.functions, exact.functions);
    let half_width = hybrid.system.ci95.unwrap_or(f64::NAN);
    assert!(
        half_width > 0.0 && half_width < 0.0005,
        "half-width {half_width}"
    );
    assert!((hybrid.system.all - exact.system.all).abs() <= 4.0 * half_width);
    assert!((hybrid.system.design_all - exact.system.design_all).abs() <= 4.0 * half_width);
    assert_eq!(hybrid.system.mean, exact.system.mean);
}

#[test]
fn monte_carlo_is_reproducible() {
    let doc = parse_document(FRAGILE).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(analyze_with(&doc, sampled()), analyze_with(&doc, sampled()));
}
