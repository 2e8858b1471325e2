//! `goals::check` (docs/spec/model.md §6) against brute force: on random small documents,
//! a `survive` goal of every unit and k is met exactly when no set of failures
//! takes a function in scope down, and its counterexample is the first such set
//! in the spec's order, whose functions the engine's own live analysis finds
//! down; availability goals report `topolab analyze`'s figure; budgets sum
//! replicas × cost; warnings are listed in the spec's order. Then each kind of
//! goal and warning on a small hand-made document.

mod support;

use proptest::prelude::*;
use serde_json::{json, Value};
use support::brute::{self, Model};
use support::document;
use support::generate::{documents_of, documents_with_zones};
use support::goals::{self as brute_goals, Unit};
use topolab_engine::analysis::Status;
use topolab_engine::goals::{check, CheckReport, FailedSet, Measured};
use topolab_engine::{
    analyze, Document, FailureUnit, Goal, GoalKind, Link, Node, NodeKind, Threshold,
};

fn survive(k: u32, of: FailureUnit, functions: Option<Vec<String>>) -> Goal {
    Goal::new(GoalKind::Survive {
        failures: k,
        of,
        functions,
    })
}

/// The instances a counterexample lists, as (node id, index) pairs; a node
/// failure as the node's first instance up (as the brute force names it).
fn failed_instances(doc: &Document, failed: &FailedSet) -> Vec<(String, u32)> {
    match failed {
        FailedSet::Instances(pairs) => pairs.clone(),
        FailedSet::Nodes(ids) => ids
            .iter()
            .map(|id| {
                let node = doc.node(id).expect("a node of the document");
                let up: Vec<bool> = doc.zones.iter().map(|z| !z.is_down()).collect();
                let first = (0..node.replicas()).find(|&i| brute::instance_live(doc, node, i, &up));
                (id.clone(), first.expect("an instance left"))
            })
            .collect(),
        FailedSet::Zones(zones) => panic!("zones in a document without zones: {zones:?}"),
    }
}

/// `doc` with the counterexample's failures killed: each instance, or each node whole.
fn with_counterexample_killed(doc: &Document, failed: &FailedSet) -> Document {
    let mut out = doc.clone();
    for (id, index) in failed_instances(doc, failed) {
        let v = out.node_index(&id).expect("a node of the document");
        let node = &mut out.nodes[v];
        match failed {
            FailedSet::Nodes(_) => node.killed = (0..node.replicas()).collect(),
            _ => node.killed.push(index),
        }
    }
    out
}

/// Every survive goal of `report` (goals `first..`) against brute force.
fn check_survive_goals(
    doc: &Document,
    report: &CheckReport,
    cases: &[(u32, Unit, Option<Vec<String>>)],
    first: usize,
) -> Result<(), TestCaseError> {
    let before = analyze(doc);
    for (i, (k, unit, scope)) in cases.iter().enumerate() {
        let goal = &report.goals[first + i];
        let what = format!("goal {} ({k} {unit:?}, scope {scope:?})", first + i);
        let brute = brute_goals::first_failing(doc, *k as usize, *unit, scope.as_deref());
        prop_assert_eq!(goal.met, brute.is_none(), "{} met", what);
        let (Some(example), Some((set, down))) = (&goal.counterexample, brute) else {
            prop_assert!(
                goal.counterexample.is_none(),
                "{}: a counterexample though met",
                what
            );
            continue;
        };
        prop_assert_eq!(failed_instances(doc, &example.failed), set, "{} set", &what);
        prop_assert_eq!(&example.down, &down, "{} down", &what);
        // The engine's own live analysis, with those failures killed, agrees.
        let after = analyze(&with_counterexample_killed(doc, &example.failed));
        for id in &example.down {
            let was = before.function(id).map(|f| f.status);
            let is = after.function(id).map(|f| f.status);
            prop_assert!(
                was.is_some_and(|s| s != Status::Down),
                "{}: {} was down",
                what,
                id
            );
            prop_assert_eq!(is, Some(Status::Down), "{}: {} is not down", &what, id);
        }
    }
    Ok(())
}

fn close(a: f64, b: f64, what: &str) -> Result<(), TestCaseError> {
    prop_assert!((a - b).abs() <= 1e-12, "{what}: {a} != {b}");
    Ok(())
}

/// Scopes a goal may take: every function, or one in two of them by index.
fn scope_of(doc: &Document, pick: u8) -> Option<Vec<String>> {
    let ids: Vec<String> = brute::functions(&Model::new(doc))
        .into_iter()
        .map(|f| f.id)
        .collect();
    match pick % 3 {
        0 => None,
        1 => Some(ids.iter().step_by(2).cloned().collect()),
        _ => Some(ids.iter().skip(1).step_by(2).cloned().collect()),
    }
}

/// Layered documents with redundant paths, where the first failing set often
/// needs two or three nodes: a client, then two to four layers of one to four
/// gateways, balancers or services (one or two replicas, some killed) each
/// reaching a random part of the next layer, the last layer holding the
/// capabilities; sometimes a store behind a service.
fn meshes() -> impl Strategy<Value = Document> {
    let layer = prop::collection::vec(
        (0usize..3, 1u32..=2, prop::bool::weighted(0.15), 1u8..16),
        1..=4,
    );
    (
        prop::collection::vec(layer, 2..=3),
        prop::option::weighted(0.5, 0usize..4),
    )
        .prop_map(|(layers, store)| {
            const KINDS: [NodeKind; 3] =
                [NodeKind::Gateway, NodeKind::LoadBalancer, NodeKind::Service];
            let mut doc = Document::default();
            doc.nodes.push(Node::new("c", NodeKind::Client, 0.0, 0.0));
            let mut previous = vec!["c".to_string()];
            let last = layers.len() - 1;
            for (l, nodes) in layers.iter().enumerate() {
                let mut ids = Vec::new();
                for (i, &(kind, replicas, killed, reach)) in nodes.iter().enumerate() {
                    let id = format!("l{l}n{i}");
                    let mut node = Node::new(id.clone(), KINDS[kind], 0.0, 0.0);
                    node.replicas = Some(replicas);
                    node.killed = if killed { vec![0] } else { vec![] };
                    node.capabilities = Some(if l == last {
                        vec![format!("k{}", i % 2)]
                    } else {
                        vec![]
                    });
                    doc.nodes.push(node);
                    // Reached from the previous layer's nodes picked by `reach`'s bits.
                    for (j, from) in previous.iter().enumerate() {
                        if reach & (1 << (j % 4)) != 0 || j == i % previous.len() {
                            let kind = (KINDS[kind] == NodeKind::Service && j % 2 == 1)
                                .then_some(topolab_engine::LinkKind::Requires);
                            doc.links.push(Link {
                                kind,
                                ..Link::new(from.clone(), id.clone())
                            });
                        }
                    }
                    ids.push(id);
                }
                previous = ids;
            }
            if let Some(at) = store {
                let caller = doc.nodes[1 + at % (doc.nodes.len() - 1)].id.clone();
                doc.nodes
                    .push(Node::new("db", NodeKind::Database, 0.0, 0.0));
                doc.links.push(Link::with_kind(
                    caller,
                    "db",
                    topolab_engine::LinkKind::Requires,
                ));
            }
            doc
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn survive_goals_on_redundant_paths_equal_enumeration(doc in meshes(), scope in 0u8..3) {
        let cases: Vec<(u32, Unit, Option<Vec<String>>)> = [Unit::Instances, Unit::Nodes]
            .into_iter()
            .flat_map(|unit| (1..=3).map(move |k| (k, unit, None)))
            .chain([(3, Unit::Nodes, scope_of(&doc, scope))])
            .collect();
        let mut with_goals = doc.clone();
        with_goals.goals = cases
            .iter()
            .map(|(k, unit, scope)| {
                let of = match unit { Unit::Instances => FailureUnit::Instances, Unit::Nodes => FailureUnit::Nodes };
                survive(*k, of, scope.clone())
            })
            .collect();
        let problems = topolab_engine::validate(&with_goals);
        prop_assert!(problems.is_empty(), "{:?}", problems);
        let report = check(&with_goals);
        check_survive_goals(&with_goals, &report, &cases, 0)?;
    }

    #[test]
    fn survive_goals_equal_enumeration_of_every_failure_set(
        doc in documents_of(8, 14),
        scopes in prop::collection::vec(0u8..3, 6),
    ) {
        let mut cases = Vec::new();
        for (i, (of, unit)) in [(FailureUnit::Instances, Unit::Instances), (FailureUnit::Nodes, Unit::Nodes)]
            .into_iter()
            .enumerate()
        {
            for k in 1..=3u32 {
                cases.push((k, unit, scope_of(&doc, scopes[i * 3 + k as usize - 1]), of));
            }
        }
        let mut with_goals = doc.clone();
        with_goals.goals = cases.iter().map(|(k, _, scope, of)| survive(*k, *of, scope.clone())).collect();
        prop_assert!(topolab_engine::validate(&with_goals).is_empty());
        let report = check(&with_goals);
        let cases: Vec<_> = cases.into_iter().map(|(k, unit, scope, _)| (k, unit, scope)).collect();
        check_survive_goals(&with_goals, &report, &cases, 0)?;
        prop_assert_eq!(report.met, report.goals.iter().all(|g| g.met));
    }

    #[test]
    fn figures_and_warnings_equal_brute_force(doc in documents_of(9, 16), nines in 1u32..=4) {
        let m = Model::new(&doc);
        let functions = brute::functions(&m);
        let mut with_goals = doc.clone();
        with_goals.goals.push(Goal::new(GoalKind::Availability { function: None, threshold: Threshold::Nines(nines) }));
        for f in &functions {
            with_goals.goals.push(Goal::new(GoalKind::Availability {
                function: Some(f.id.clone()),
                threshold: Threshold::Min(0.95),
            }));
        }
        with_goals.goals.push(Goal::new(GoalKind::Budget { max_cost: 12.0 }));
        let report = check(&with_goals);
        let (per_function, all) = brute::availabilities(&m);
        let analysis = analyze(&doc);
        let value = |i: usize| report.goals[i].value.map(Measured::as_f64).unwrap_or(f64::NAN);
        close(value(0), all.0, "all")?;
        close(value(0), analysis.system.all, "all as analyze says")?;
        let min = 1.0 - 10f64.powi(-(nines as i32));
        prop_assert_eq!(report.goals[0].met, all.0 >= min - 1e-12);
        for (f, function) in functions.iter().enumerate() {
            close(value(1 + f), per_function[f].0, &function.id)?;
            prop_assert_eq!(report.goals[1 + f].met, per_function[f].0 >= 0.95 - 1e-12);
        }
        let budget = report.goals.len() - 1;
        let cost: f64 = doc
            .nodes
            .iter()
            .map(|n| match n.kind {
                NodeKind::Client => 0.0,
                NodeKind::Database => 2.0 * f64::from(n.replicas.unwrap_or(1)),
                _ => f64::from(n.replicas.unwrap_or(1)),
            })
            .sum();
        close(value(budget), cost, "budget")?;
        prop_assert_eq!(report.goals[budget].met, cost <= 12.0);
        let warnings: Vec<(&str, Vec<String>)> = report
            .warnings
            .iter()
            .map(|w| (w.kind.as_str(), w.nodes.clone()))
            .collect();
        prop_assert_eq!(warnings, brute_goals::warnings(&doc));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Survive goals of instances, nodes and zones, and the warnings, on documents
    /// with zones (docs/spec/model.md §6, §8).
    #[test]
    fn survive_goals_and_warnings_with_zones_equal_enumeration(
        doc in documents_with_zones(),
        scopes in prop::collection::vec(0u8..3, 9),
    ) {
        let mut cases = Vec::new();
        for (i, (of, unit)) in [(FailureUnit::Instances, Unit::Instances), (FailureUnit::Nodes, Unit::Nodes)]
            .into_iter()
            .enumerate()
        {
            for k in 1..=3u32 {
                cases.push((k, unit, scope_of(&doc, scopes[i * 3 + k as usize - 1]), of));
            }
        }
        let mut with_goals = doc.clone();
        with_goals.goals = cases.iter().map(|(k, _, scope, of)| survive(*k, *of, scope.clone())).collect();
        let zone_scopes: Vec<Option<Vec<String>>> = (1..=3).map(|k| scope_of(&doc, scopes[5 + k])).collect();
        for (k, scope) in (1..=3u32).zip(&zone_scopes) {
            with_goals.goals.push(survive(k, FailureUnit::Zones, scope.clone()));
        }
        let problems = topolab_engine::validate(&with_goals);
        prop_assert!(problems.is_empty(), "{:?}", problems);
        let report = check(&with_goals);
        let instance_cases: Vec<_> = cases.into_iter().map(|(k, unit, scope, _)| (k, unit, scope)).collect();
        check_survive_goals(&with_goals, &report, &instance_cases, 0)?;
        for (k, scope) in (1..=3usize).zip(&zone_scopes) {
            let goal = &report.goals[5 + k];
            let brute = brute_goals::first_failing_zones(&doc, k, scope.as_deref());
            prop_assert_eq!(goal.met, brute.is_none(), "zones k={} met", k);
            let engine = goal.counterexample.as_ref().map(|c| (c.failed.clone(), c.down.clone()));
            let expected = brute.map(|(zones, down)| (FailedSet::Zones(zones), down));
            prop_assert_eq!(engine, expected, "zones k={} counterexample", k);
        }
        let warnings: Vec<(&str, Vec<String>)> = report
            .warnings
            .iter()
            .map(|w| (w.kind.as_str(), w.nodes.clone()))
            .collect();
        prop_assert_eq!(warnings, brute_goals::warnings(&doc));
        let zones: Vec<String> = report.warnings.iter().filter_map(|w| w.zone.clone()).collect();
        let expected: Vec<String> = brute_goals::zone_spofs(&doc).into_iter().map(|(z, _)| z).collect();
        prop_assert_eq!(zones, expected);
    }
}

/// `topolab check`'s output for the document written inline, as JSON.
fn checked(json: &str) -> Value {
    serde_json::to_value(check(&document(json))).expect("serialisable")
}

const SHOP: &str = r#"{"format": "topolab/1",
  "nodes": [
    {"id": "web", "kind": "client"},
    {"id": "lb", "kind": "load_balancer", "replicas": 2},
    {"id": "api", "kind": "service", "replicas": 2, "capabilities": ["checkout", "browse"]},
    {"id": "db", "kind": "database", "availability": 0.999}
  ],
  "links": [{"from": "web", "to": "lb"}, {"from": "lb", "to": "api"}, {"from": "api", "to": "db"}],
  "goals": [GOALS]}"#;

fn shop(goals: &str) -> Value {
    checked(&SHOP.replace("GOALS", goals))
}

#[test]
fn a_document_without_goals_is_met_and_still_warned_about() {
    let mut doc: Value = serde_json::from_str(&SHOP.replace("GOALS", "")).expect("JSON");
    doc.as_object_mut().map(|o| o.remove("goals"));
    let out = checked(&doc.to_string());
    assert_eq!(out["met"], json!(true));
    assert_eq!(out["goals"], json!([]));
    assert_eq!(out["warnings"], json!([{"kind": "spof", "nodes": ["db"]}]));
}

#[test]
fn the_output_is_shaped_as_the_spec_shows() {
    let out = shop(
        r#"{"id": "g1", "kind": "availability", "function": "web:checkout", "nines": 4, "label": "four nines"},
           {"kind": "survive", "failures": 1, "of": "instances"}"#,
    );
    // Two replicas of each up with 0.9999 and 0.999; the database alone at 0.999.
    let lb = 1.0 - 0.0001f64 * 0.0001;
    let api = 1.0 - 0.001f64 * 0.001;
    assert!((out["goals"][0]["value"].as_f64().unwrap_or(0.0) - lb * api * 0.999).abs() < 1e-12);
    let value = out["goals"][0]["value"].clone();
    assert_eq!(
        out,
        json!({
            "met": false,
            "goals": [
                {"index": 0, "id": "g1", "kind": "availability", "met": false, "value": value},
                {"index": 1, "kind": "survive", "met": false,
                 "counterexample": {"instances": [["db", 0]], "down": ["web:checkout", "web:browse"]}}
            ],
            "warnings": [{"kind": "spof", "nodes": ["db"]}]
        })
    );
}

#[test]
fn an_availability_goal_is_met_at_its_threshold() {
    // The database alone caps everything at 0.999: three nines met, four not.
    let out = shop(
        r#"{"kind": "availability", "nines": 3}, {"kind": "availability", "min": 0.999}, {"kind": "availability", "min": 0.9995}"#,
    );
    let met: Vec<&Value> = out["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| &g["met"])
        .collect();
    assert_eq!(met, vec![&json!(false), &json!(false), &json!(false)]);
    let single = checked(
        r#"{"format": "topolab/1", "nodes": [{"id": "c", "kind": "client"}, {"id": "s", "kind": "service"}],
            "links": [{"from": "c", "to": "s"}],
            "goals": [{"kind": "availability", "nines": 3}, {"kind": "availability", "min": 0.999},
                      {"kind": "availability", "min": 0.9991}]}"#,
    );
    let met: Vec<&Value> = single["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| &g["met"])
        .collect();
    assert_eq!(met, vec![&json!(true), &json!(true), &json!(false)]);
    let value = single["goals"][0]["value"].as_f64().unwrap_or(0.0);
    assert!((value - 0.999).abs() < 1e-12, "{value}");
}

#[test]
fn two_replicas_of_three_nines_meet_six_nines() {
    let out = checked(
        r#"{"format": "topolab/1", "nodes": [{"id": "c", "kind": "client"},
              {"id": "s", "kind": "service", "replicas": 2, "availability": 0.999}],
            "links": [{"from": "c", "to": "s"}],
            "goals": [{"kind": "availability", "nines": 6}, {"kind": "availability", "nines": 7}]}"#,
    );
    assert_eq!(out["goals"][0]["met"], json!(true));
    assert_eq!(out["goals"][1]["met"], json!(false));
}

#[test]
fn a_survive_goal_counterexample_pads_with_the_first_failures() {
    // k = 2: both balancers are the first pair, and they fail together.
    let out = shop(r#"{"kind": "survive", "failures": 2, "of": "instances"}"#);
    assert_eq!(
        out["goals"][0]["counterexample"],
        json!({"instances": [["lb", 0], ["lb", 1]], "down": ["web:checkout", "web:browse"]})
    );
    // With three balancers no pair of them fails: the first failing pair is the
    // first instance of all and the database.
    let three = SHOP
        .replace(
            r#""load_balancer", "replicas": 2"#,
            r#""load_balancer", "replicas": 3"#,
        )
        .replace(
            "GOALS",
            r#"{"kind": "survive", "failures": 2, "of": "instances"}"#,
        );
    assert_eq!(
        checked(&three)["goals"][0]["counterexample"],
        json!({"instances": [["lb", 0], ["db", 0]], "down": ["web:checkout", "web:browse"]})
    );
    let out =
        shop(r#"{"kind": "survive", "failures": 2, "of": "nodes", "functions": ["web:browse"]}"#);
    assert_eq!(
        out["goals"][0]["counterexample"],
        json!({"nodes": ["lb", "api"], "down": ["web:browse"]})
    );
}

#[test]
fn fewer_failures_than_k_try_the_one_set_of_all() {
    let out = checked(
        r#"{"format": "topolab/1", "nodes": [{"id": "c", "kind": "client"}, {"id": "s", "kind": "service", "replicas": 2}],
            "links": [{"from": "c", "to": "s"}],
            "goals": [{"kind": "survive", "failures": 3, "of": "instances"},
                      {"kind": "survive", "failures": 3, "of": "nodes"}]}"#,
    );
    assert_eq!(
        out["goals"][0]["counterexample"],
        json!({"instances": [["s", 0], ["s", 1]], "down": ["c:s"]})
    );
    assert_eq!(
        out["goals"][1]["counterexample"],
        json!({"nodes": ["s"], "down": ["c:s"]})
    );
}

#[test]
fn a_function_already_down_does_not_fail_a_survive_goal() {
    let out = checked(
        r#"{"format": "topolab/1", "nodes": [{"id": "c", "kind": "client"}, {"id": "s", "kind": "service", "killed": [0]}],
            "links": [{"from": "c", "to": "s"}],
            "goals": [{"kind": "survive", "failures": 1, "of": "instances"}]}"#,
    );
    assert_eq!(out["met"], json!(true));
    assert_eq!(
        out["goals"][0],
        json!({"index": 0, "kind": "survive", "met": true})
    );
}

#[test]
fn no_spof_shared_stores_cycles_and_depth_goals_read_the_analysis() {
    let json = r#"{"format": "topolab/1",
      "nodes": [
        {"id": "c", "kind": "client"},
        {"id": "a", "kind": "service", "replicas": 2}, {"id": "b", "kind": "service", "replicas": 2},
        {"id": "d", "kind": "service"}, {"id": "e", "kind": "service"}, {"id": "f", "kind": "service"},
        {"id": "db", "kind": "database", "replicas": 2}
      ],
      "links": [
        {"from": "c", "to": "a"}, {"from": "c", "to": "b"},
        {"from": "a", "to": "b", "kind": "optional"}, {"from": "b", "to": "a", "kind": "optional"},
        {"from": "a", "to": "db"}, {"from": "b", "to": "db"},
        {"from": "b", "to": "d"}, {"from": "d", "to": "e"}, {"from": "e", "to": "f"}, {"from": "f", "to": "db"}
      ],
      "goals": [{"kind": "no_spof"}, {"kind": "no_shared_stores"}, {"kind": "no_cycles"},
                {"kind": "max_sync_depth", "max": 3}, {"kind": "max_sync_depth", "max": 4}]}"#;
    let out = checked(json);
    let verdicts: Vec<(Value, Value)> = out["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["met"].clone(),
                g.get("value").cloned().unwrap_or(Value::Null),
            )
        })
        .collect();
    assert_eq!(
        verdicts,
        vec![
            (json!(false), Value::Null),
            (json!(false), Value::Null),
            (json!(false), Value::Null),
            (json!(false), json!(4)),
            (json!(true), json!(4)),
        ]
    );
    assert_eq!(
        out["warnings"],
        json!([
            {"kind": "shared_store", "nodes": ["db"]},
            {"kind": "cycle", "nodes": ["a", "b"]},
            {"kind": "deep_sync_chain", "nodes": ["a"]},
            {"kind": "deep_sync_chain", "nodes": ["b"]},
            {"kind": "spof", "nodes": ["d"]},
            {"kind": "spof", "nodes": ["e"]},
            {"kind": "spof", "nodes": ["f"]}
        ])
    );
}

#[test]
fn a_budget_sums_replicas_times_cost() {
    // lb 2 × 1, api 2 × 1.5, db 1 × 2 (a database's default): 7.
    let json = SHOP
        .replace(
            r#""replicas": 2, "capabilities""#,
            r#""replicas": 2, "cost": 1.5, "capabilities""#,
        )
        .replace(
            "GOALS",
            r#"{"kind": "budget", "max_cost": 7}, {"kind": "budget", "max_cost": 6.9}"#,
        );
    let out = checked(&json);
    assert_eq!(out["goals"][0]["value"], json!(7.0));
    assert_eq!(out["goals"][0]["met"], json!(true));
    assert_eq!(out["goals"][1]["met"], json!(false));
    // Decimals summed in binary: three of 0.1 are within a budget of 0.3.
    let tenth = checked(
        r#"{"format": "topolab/1", "nodes": [{"id": "s", "kind": "service", "replicas": 3, "cost": 0.1}],
            "goals": [{"kind": "budget", "max_cost": 0.3}]}"#,
    );
    assert_eq!(tenth["goals"][0]["met"], json!(true));
}

#[test]
fn a_client_linked_to_a_store_is_warned_about_in_link_order() {
    let out = checked(
        r#"{"format": "topolab/1", "nodes": [
              {"id": "c", "kind": "client"}, {"id": "d", "kind": "client"},
              {"id": "q", "kind": "queue", "replicas": 2}, {"id": "db", "kind": "database", "replicas": 2},
              {"id": "k", "kind": "cache", "replicas": 2}, {"id": "s", "kind": "service", "replicas": 2}],
            "links": [{"from": "d", "to": "db"}, {"from": "c", "to": "s"}, {"from": "c", "to": "k"},
                      {"from": "c", "to": "q"}, {"from": "s", "to": "db"}]}"#,
    );
    assert_eq!(
        out["warnings"],
        json!([
            {"kind": "client_to_store", "nodes": ["d", "db"]},
            {"kind": "client_to_store", "nodes": ["c", "k"]},
            {"kind": "client_to_store", "nodes": ["c", "q"]}
        ])
    );
}

#[test]
fn an_external_every_path_needs_is_warned_about_even_when_killed() {
    let out = checked(
        r#"{"format": "topolab/1", "nodes": [
              {"id": "c", "kind": "client"},
              {"id": "pay", "kind": "service", "replicas": 2},
              {"id": "bank", "kind": "external", "replicas": 2, "killed": [0]},
              {"id": "maps", "kind": "external", "replicas": 2},
              {"id": "geo", "kind": "service", "replicas": 2}],
            "links": [{"from": "c", "to": "pay"}, {"from": "pay", "to": "bank"},
                      {"from": "c", "to": "geo"}, {"from": "geo", "to": "maps", "kind": "optional"}]}"#,
    );
    // bank: pay requires it (one instance killed does not matter, though it
    // makes bank a single point of failure); maps is optional.
    assert_eq!(
        out["warnings"],
        json!([
            {"kind": "spof", "nodes": ["bank"]},
            {"kind": "external_on_path", "nodes": ["bank"]}
        ])
    );
}

/// A balancer of four servers in front of `n` interchangeable one-server
/// backends, a goal of surviving any three failures.
fn balanced(n: usize) -> Document {
    let mut nodes = vec![
        json!({"id": "web", "kind": "client"}),
        json!({"id": "lb", "kind": "load_balancer", "replicas": 4}),
    ];
    let mut links = vec![json!({"from": "web", "to": "lb"})];
    for i in 0..n {
        nodes.push(json!({"id": format!("b{i}"), "kind": "service", "capabilities": ["shop"]}));
        links.push(json!({"from": "lb", "to": format!("b{i}")}));
    }
    let goal = json!({"kind": "survive", "failures": 3, "of": "instances"});
    document(
        &json!({"format": "topolab/1", "nodes": nodes, "links": links, "goals": [goal]})
            .to_string(),
    )
}

#[test]
fn a_survive_search_too_big_to_finish_says_so_and_is_not_met() {
    // 1,000 backends: 166 million sets of three to try, far past the budget.
    let report = check(&balanced(1_000));
    let goal = &report.goals[0];
    assert!(goal.unchecked, "the search stopped at its budget");
    assert!(!goal.met && !report.met, "not known to be met, so not met");
    assert!(goal.counterexample.is_none(), "no failing set was found");
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["goals"][0]["unchecked"], json!(true));
}

#[test]
fn a_survive_search_within_its_budget_is_exact() {
    // 100 backends: 161,700 sets of three, all tried: any three may fail.
    let report = check(&balanced(100));
    assert!(report.goals[0].met && !report.goals[0].unchecked);
    let json = serde_json::to_value(&report).unwrap();
    assert!(
        json["goals"][0].get("unchecked").is_none(),
        "said only when true"
    );
}
