//! Zones (docs/spec/model.md §8): their rules, each problem named by its place; a
//! cluster in one zone against one spread over three (blast radius, `spof`, the
//! `zone_spof` warning, a survive goal of zones, `limited_by_zones`); advice's
//! figures with zones against brute-force enumeration.

mod support;

use proptest::prelude::*;
use serde_json::{json, Value};
use support::brute::{self, Model};
use support::generate::documents_with_zones;
use support::{document, problems};
use topolab_engine::advise::{advise, Target};
use topolab_engine::goals::{check, FailedSet};
use topolab_engine::{analyze, Document};

fn base() -> Value {
    json!({
        "format": "topolab/1",
        "zones": [{"id": "az-a", "label": "Zone A"}, {"id": "az-b", "availability": 0.999}],
        "nodes": [
            {"id": "web", "kind": "client"},
            {"id": "api", "kind": "service", "replicas": 2, "zones": ["az-a", "az-b"]}
        ],
        "links": [{"from": "web", "to": "api"}]
    })
}

#[test]
fn a_valid_document_with_zones_reads_and_writes_back_as_written() {
    assert_eq!(problems(&base()), Vec::<String>::new());
    let doc = document(&base().to_string());
    let back: Value = serde_json::from_str(&doc.to_json()).expect("JSON");
    let mut expected = base();
    for node in expected["nodes"].as_array_mut().expect("nodes") {
        node["x"] = json!(0.0);
        node["y"] = json!(0.0);
    }
    assert_eq!(back, expected);
}

#[test]
fn every_zone_problem_is_named_by_its_place() {
    let mut d = base();
    d["zones"] = json!([
        {"id": "az a"},
        {"id": "b", "availability": 0, "label": "x".repeat(81)},
        {"id": "b", "availability": 1.5},
        {"id": "c", "down": "yes"}
    ]);
    d["nodes"][1]["zones"] = json!(["b", "x", "b"]);
    d["nodes"][0]["zones"] = json!(["b"]);
    let ps = problems(&d);
    assert_eq!(
        ps,
        vec!["zones[3].down: expected true or false, found a string"]
    );
    d["zones"][3]["down"] = json!(true);
    let ps = problems(&d);
    for expected in [
        "zones[0].id: \"az a\" is not a valid id",
        "zones[1].label: 81 characters; at most 80 are allowed",
        "zones[1].availability: 0 is not a probability above 0 and at most 1",
        "zones[2].id: \"b\" is already the id of zones[1]",
        "zones[2].availability: 1.5 is not a probability",
        "nodes[0].zones: does not apply to a client",
        "nodes[1].zones[1]: unknown zone \"x\"",
        "nodes[1].zones[2]: zone \"b\" is listed twice (first at zones[0])",
    ] {
        assert!(
            ps.iter().any(|p| p.starts_with(expected)),
            "{expected} not in {ps:#?}"
        );
    }
    assert_eq!(ps.len(), 8, "{ps:#?}");
}

#[test]
fn a_node_lists_one_to_sixteen_zones_and_a_document_has_at_most_sixteen() {
    let mut d = base();
    d["nodes"][1]["zones"] = json!([]);
    assert_eq!(
        problems(&d),
        vec!["nodes[1].zones: 0 zones; a node lists 1 to 16 (leave the field out for none)"]
    );
    let mut d = base();
    d["zones"] = (0..17).map(|z| json!({"id": format!("z{z}")})).collect();
    d["nodes"][1]["zones"] = json!(["z0"]);
    assert_eq!(
        problems(&d),
        vec!["zones: 17 zones; at most 16 can be loaded"]
    );
}

#[test]
fn zone_and_node_ids_are_separate() {
    let mut d = base();
    d["zones"][0]["id"] = json!("api");
    d["nodes"][1]["zones"] = json!(["api"]);
    assert_eq!(problems(&d), Vec::<String>::new());
}

/// Three replicas behind a client, in one zone or spread over three.
fn cluster(zones_of_api: Value, quorum: u32) -> Document {
    document(
        &json!({
            "format": "topolab/1",
            "zones": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
            "nodes": [
                {"id": "web", "kind": "client"},
                {"id": "api", "kind": "service", "replicas": 3, "quorum": quorum,
                 "availability": 0.999, "zones": zones_of_api}
            ],
            "links": [{"from": "web", "to": "api"}],
            "goals": [{"kind": "survive", "failures": 1, "of": "zones"}]
        })
        .to_string(),
    )
}

#[test]
fn a_cluster_in_one_zone_dies_with_it_and_is_warned_about() {
    let doc = cluster(json!(["a"]), 1);
    let analysis = analyze(&doc);
    assert_eq!(analysis.zones[0].blast_radius, vec!["web:api"]);
    assert!(analysis.zones[0].spof && !analysis.zones[1].spof);
    // The node itself survives one more instance: its own spof stays about its instances.
    assert!(!analysis.nodes[1].spof);
    // Exactly: zone a up (0.9999) times three replicas' 1 - 0.001^3.
    let expected = 0.9999 * (1.0 - 0.001f64.powi(3));
    assert!((analysis.functions[0].availability - expected).abs() < 1e-15);
    let report = check(&doc);
    assert!(!report.met);
    let example = report.goals[0]
        .counterexample
        .as_ref()
        .expect("a counterexample");
    assert_eq!(example.failed, FailedSet::Zones(vec!["a".into()]));
    let warning = report.warnings.last().expect("a warning");
    assert_eq!(warning.kind.as_str(), "zone_spof");
    assert_eq!(
        (warning.nodes.clone(), warning.zone.clone()),
        (vec!["api".to_string()], Some("a".to_string()))
    );
    let advice = advise(
        &doc,
        &[Target {
            function: None,
            min: 0.99999,
        }],
    );
    assert_eq!(advice.unreachable.len(), 1);
    assert_eq!(
        advice.unreachable[0].limited_by_zones,
        Some(vec!["a".to_string()])
    );
}

#[test]
fn spread_over_three_zones_it_survives_one_but_a_quorum_of_two_does_not_survive_two() {
    let doc = cluster(json!(["a", "b", "c"]), 1);
    assert!(check(&doc).met);
    assert!(analyze(&doc).zones.iter().all(|z| !z.spof));
    let doc = cluster(json!(["a", "b", "c"]), 2);
    assert!(check(&doc).met, "a majority of three survives one zone");
    let mut two = doc.clone();
    two.goals[0] = topolab_engine::Goal::new(topolab_engine::GoalKind::Survive {
        failures: 2,
        of: topolab_engine::FailureUnit::Zones,
        functions: None,
    });
    let report = check(&two);
    let example = report.goals[0]
        .counterexample
        .as_ref()
        .expect("a counterexample");
    assert_eq!(
        example.failed,
        FailedSet::Zones(vec!["a".into(), "b".into()])
    );
}

#[test]
fn a_down_zone_takes_its_instances_down_in_the_live_and_expected_views_only() {
    let mut doc = cluster(json!(["a"]), 1);
    doc.zones[0].down = Some(true);
    let analysis = analyze(&doc);
    assert_eq!(analysis.functions[0].status.as_str(), "down");
    assert_eq!(analysis.functions[0].availability, 0.0);
    let design = 0.9999 * (1.0 - 0.001f64.powi(3));
    assert!((analysis.functions[0].design_availability - design).abs() < 1e-15);
    assert!(!analysis.zones[0].up && analysis.zones[0].blast_radius.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Advice's figures with zones: each target's value, and each option's, equal
    /// enumeration over every zone and instance state.
    #[test]
    fn advice_with_zones_equals_enumeration(doc in documents_with_zones()) {
        let m = Model::new(&doc);
        let functions = brute::functions(&m);
        let targets: Vec<Target> = functions
            .iter()
            .map(|f| Target { function: Some(f.id.clone()), min: 0.999 })
            .chain([Target { function: None, min: 0.99 }])
            .collect();
        let advice = advise(&doc, &targets);
        let (per_function, all) = brute::availabilities(&m);
        let expected: Vec<f64> = per_function.iter().map(|p| p.0).chain([all.0]).collect();
        for (report, e) in advice.targets.iter().zip(&expected) {
            prop_assert!((report.value - e).abs() <= 1e-12, "{}: {} != {}", report.function, report.value, e);
        }
        for option in &advice.options {
            let mut changed = doc.clone();
            for added in &option.add {
                let v = changed.node_index(&added.node).expect("a node");
                let r = changed.nodes[v].replicas();
                changed.nodes[v].replicas = Some(r + added.instances);
            }
            let (per_function, all) = brute::availabilities(&Model::new(&changed));
            let after: Vec<f64> = per_function.iter().map(|p| p.0).chain([all.0]).collect();
            for (value, e) in option.values.iter().zip(&after) {
                prop_assert!((value.value - e).abs() <= 1e-12, "{:?}: {} != {}", option.name, value.value, e);
                prop_assert!(*e >= 0.99 - 1e-9 || value.function != "all");
            }
        }
        for entry in &advice.unreachable {
            prop_assert!(entry.limited_by_zones.is_some());
        }
    }
}
