//! Goals and node costs in the document (docs/spec/model.md §6): one test per rule, each
//! bad field refused with a message naming its place; goals and costs written back
//! as their author wrote them; documents without them read and written exactly as
//! before.

mod support;

use serde_json::{json, Value};
use support::{base, problems, refused};
use topolab_engine::{parse_document, Document, FailureUnit, Goal, GoalKind, NodeKind, Threshold};

/// The base document with `goals`.
fn with_goals(goals: Value) -> Value {
    let mut d = base();
    d["goals"] = goals;
    d
}

/// The base document with one goal.
fn with_goal(goal: Value) -> Value {
    with_goals(json!([goal]))
}

fn every_kind() -> Value {
    json!([
        {"id": "fast", "kind": "availability", "function": "checkout", "min": 0.99, "label": "Checkout"},
        {"kind": "availability", "nines": 3},
        {"id": "one-down", "kind": "survive", "failures": 1, "of": "instances"},
        {"kind": "survive", "failures": 3, "of": "nodes", "functions": ["checkout"], "extra": {"note": "x"}},
        {"kind": "no_spof"},
        {"kind": "max_sync_depth", "max": 2},
        {"kind": "no_shared_stores"},
        {"kind": "no_cycles"},
        {"kind": "budget", "max_cost": 12.5}
    ])
}

#[test]
fn a_goal_of_every_kind_is_read_with_its_fields() {
    let doc = parse_document(&with_goals(every_kind()).to_string()).expect("valid");
    assert_eq!(doc.goals.len(), 9);
    assert_eq!(
        doc.goals[0],
        Goal {
            id: Some("fast".into()),
            label: Some("Checkout".into()),
            kind: GoalKind::Availability {
                function: Some("checkout".into()),
                threshold: Threshold::Min(0.99),
            },
            extra: None,
        }
    );
    assert_eq!(
        doc.goals[1].kind,
        GoalKind::Availability {
            function: None,
            threshold: Threshold::Nines(3)
        }
    );
    assert_eq!(
        doc.goals[3].kind,
        GoalKind::Survive {
            failures: 3,
            of: FailureUnit::Nodes,
            functions: Some(vec!["checkout".into()]),
        }
    );
    assert_eq!(
        doc.goals[3].extra,
        Some(
            json!({"note": "x"})
                .as_object()
                .cloned()
                .unwrap_or_default()
        )
    );
    assert_eq!(doc.goals[5].kind, GoalKind::MaxSyncDepth { max: 2 });
    assert_eq!(doc.goals[8].kind, GoalKind::Budget { max_cost: 12.5 });
}

#[test]
fn nines_mean_the_decimal_of_that_many_nines() {
    assert_eq!(Threshold::Nines(3).min(), 0.999);
    assert_eq!(Threshold::Nines(1).min(), 0.9);
    assert_eq!(Threshold::Nines(9).min(), 0.999_999_999);
    assert_eq!(Threshold::Min(0.25).min(), 0.25);
}

#[test]
fn goals_must_be_a_list_of_objects() {
    refused(
        &with_goals(json!({"kind": "no_spof"})),
        "goals",
        "expected a list",
    );
    refused(&with_goals(json!([3])), "goals[0]", "expected an object");
}

#[test]
fn a_goal_needs_a_known_kind() {
    refused(
        &with_goal(json!({"failures": 1})),
        "goals[0].kind",
        "is required",
    );
    refused(
        &with_goal(json!({"kind": "nospof"})),
        "goals[0].kind",
        "unknown goal kind \"nospof\"; expected one of availability, survive, no_spof",
    );
    refused(
        &with_goal(json!({"kind": 3})),
        "goals[0].kind",
        "expected a string",
    );
}

#[test]
fn unknown_goal_fields_are_refused_with_a_suggestion() {
    refused(
        &with_goal(json!({"kind": "budget", "maxcost": 3, "max_cost": 3})),
        "goals[0].maxcost",
        "did you mean \"max_cost\"",
    );
    refused(
        &with_goal(json!({"kind": "no_cycles", "colour": "red"})),
        "goals[0].colour",
        "unknown field",
    );
    // With an unknown kind, a field no kind takes is still named.
    refused(
        &with_goal(json!({"kind": "faster", "colour": "red"})),
        "goals[0].colour",
        "unknown field",
    );
}

#[test]
fn a_field_of_another_kind_is_refused_as_such() {
    refused(
        &with_goal(json!({"kind": "survive", "failures": 1, "of": "nodes", "min": 0.9})),
        "goals[0].min",
        "does not apply to a goal of kind \"survive\": it is a field of availability",
    );
    refused(
        &with_goal(json!({"kind": "no_spof", "max": 2})),
        "goals[0].max",
        "does not apply",
    );
    refused(
        &with_goal(json!({"kind": "availability", "min": 0.9, "functions": ["checkout"]})),
        "goals[0].functions",
        "it is a field of survive",
    );
}

#[test]
fn an_availability_goal_takes_min_or_nines_not_both_nor_neither() {
    refused(
        &with_goal(json!({"kind": "availability", "min": 0.9, "nines": 3})),
        "goals[0].nines",
        "give min or nines, not both",
    );
    refused(
        &with_goal(json!({"kind": "availability"})),
        "goals[0].min",
        "is required",
    );
}

#[test]
fn min_is_a_probability_strictly_between_0_and_1() {
    for min in [0.0, 1.0, 1.5, -0.2] {
        refused(
            &with_goal(json!({"kind": "availability", "min": min})),
            "goals[0].min",
            "is not a probability above 0 and below 1",
        );
    }
    refused(
        &with_goal(json!({"kind": "availability", "min": "99%"})),
        "goals[0].min",
        "expected a number",
    );
}

#[test]
fn nines_are_a_whole_number_from_1_to_9() {
    for nines in [0, 10] {
        refused(
            &with_goal(json!({"kind": "availability", "nines": nines})),
            "goals[0].nines",
            "a goal asks for 1 to 9",
        );
    }
    refused(
        &with_goal(json!({"kind": "availability", "nines": 2.5})),
        "goals[0].nines",
        "not a whole number",
    );
}

#[test]
fn a_goal_s_function_must_exist() {
    refused(
        &with_goal(json!({"kind": "availability", "function": "refunds", "min": 0.9})),
        "goals[0].function",
        "no function with id \"refunds\" (it has \"checkout\")",
    );
    refused(
        &with_goal(
            json!({"kind": "survive", "failures": 1, "of": "nodes", "functions": ["checkout", "refunds"]}),
        ),
        "goals[0].functions[1]",
        "no function with id \"refunds\"",
    );
}

#[test]
fn with_derived_functions_a_goal_names_client_and_capability() {
    let mut d =
        with_goal(json!({"kind": "availability", "function": "browser:orders", "min": 0.9}));
    d.as_object_mut().map(|o| o.remove("functions"));
    assert_eq!(problems(&d), Vec::<String>::new());
    d["goals"][0]["function"] = json!("orders");
    refused(
        &d,
        "goals[0].function",
        "functions are derived, each named <client>:<capability>",
    );
}

#[test]
fn a_survive_goal_lists_a_function_once() {
    refused(
        &with_goal(
            json!({"kind": "survive", "failures": 1, "of": "nodes", "functions": ["checkout", "checkout"]}),
        ),
        "goals[0].functions[1]",
        "\"checkout\" is listed twice",
    );
}

#[test]
fn a_survive_goal_tries_1_to_3_failures() {
    for k in [0, 4] {
        refused(
            &with_goal(json!({"kind": "survive", "failures": k, "of": "instances"})),
            "goals[0].failures",
            "a survive goal tries 1 to 3",
        );
    }
    refused(
        &with_goal(json!({"kind": "survive", "of": "instances"})),
        "goals[0].failures",
        "is required",
    );
}

#[test]
fn a_survive_goal_fails_instances_nodes_or_zones() {
    refused(
        &with_goal(json!({"kind": "survive", "failures": 1, "of": "racks"})),
        "goals[0].of",
        "unknown failure \"racks\"; expected one of instances, nodes, zones",
    );
    refused(
        &with_goal(json!({"kind": "survive", "failures": 1})),
        "goals[0].of",
        "is required",
    );
}

#[test]
fn a_survive_goal_of_zones_is_read_with_or_without_zones() {
    let goals = json!([
        {"kind": "no_spof"},
        {"kind": "survive", "failures": 1, "of": "zones"}
    ]);
    assert_eq!(problems(&with_goals(goals.clone())), Vec::<String>::new());
    let mut d = with_goals(goals);
    d["zones"] = json!([{"id": "az-a"}]);
    assert_eq!(problems(&d), Vec::<String>::new());
}

#[test]
fn max_sync_depth_is_a_whole_number_from_0() {
    assert_eq!(
        problems(&with_goal(json!({"kind": "max_sync_depth", "max": 0}))),
        Vec::<String>::new()
    );
    for max in [json!(-1), json!(1.5), json!("2")] {
        let ps = problems(&with_goal(json!({"kind": "max_sync_depth", "max": max})));
        assert!(
            ps.iter().any(|p| p.starts_with("goals[0].max: ")),
            "{max}: {ps:?}"
        );
    }
    refused(
        &with_goal(json!({"kind": "max_sync_depth"})),
        "goals[0].max",
        "is required",
    );
}

#[test]
fn a_budget_is_a_cost_above_0() {
    for max_cost in [0.0, -3.0] {
        refused(
            &with_goal(json!({"kind": "budget", "max_cost": max_cost})),
            "goals[0].max_cost",
            "is not a cost above 0",
        );
    }
    refused(
        &with_goal(json!({"kind": "budget"})),
        "goals[0].max_cost",
        "is required",
    );
}

#[test]
fn goal_ids_are_unique() {
    refused(
        &with_goals(json!([
            {"id": "g", "kind": "no_spof"},
            {"id": "h", "kind": "no_cycles"},
            {"id": "g", "kind": "no_shared_stores"}
        ])),
        "goals[2].id",
        "\"g\" is already the id of goals[0]",
    );
    refused(
        &with_goal(json!({"id": "", "kind": "no_spof"})),
        "goals[0].id",
        "a goal id has 1 to 200",
    );
}

#[test]
fn a_goal_label_is_at_most_200_characters() {
    assert_eq!(
        problems(&with_goal(
            json!({"kind": "no_spof", "label": "l".repeat(200)})
        )),
        Vec::<String>::new()
    );
    refused(
        &with_goal(json!({"kind": "no_spof", "label": "l".repeat(201)})),
        "goals[0].label",
        "201 characters; at most 200",
    );
}

#[test]
fn a_goal_may_carry_extra_but_it_must_be_an_object() {
    assert_eq!(
        problems(&with_goal(json!({"kind": "no_spof", "extra": {"a": [1]}}))),
        Vec::<String>::new()
    );
    refused(
        &with_goal(json!({"kind": "no_spof", "extra": 3})),
        "goals[0].extra",
        "expected an object",
    );
}

#[test]
fn null_is_not_an_absent_goal_field() {
    refused(
        &with_goal(json!({"kind": "availability", "function": null, "min": 0.9})),
        "goals[0].function",
        "expected a string, found null",
    );
}

#[test]
fn too_many_goals_are_refused() {
    let goals: Vec<Value> = (0..101).map(|_| json!({"kind": "no_spof"})).collect();
    refused(
        &with_goals(json!(goals)),
        "goals",
        "101 goals; at most 100 can be loaded",
    );
}

#[test]
fn every_goal_problem_is_reported_at_once() {
    let ps = problems(&with_goals(json!([
        {"kind": "survive", "failures": 5, "of": "instances"},
        {"kind": "availability", "function": "nope", "nines": 12},
        {"id": "a", "kind": "budget", "max_cost": 0},
        {"id": "a", "kind": "no_cycles"}
    ])));
    let places: Vec<&str> = ps.iter().filter_map(|p| p.split(": ").next()).collect();
    assert_eq!(
        places,
        vec![
            "goals[0].failures",
            "goals[1].function",
            "goals[1].nines",
            "goals[2].max_cost",
            "goals[3].id"
        ]
    );
}

#[test]
fn a_node_s_cost_is_a_number_above_0() {
    let mut d = base();
    d["nodes"][3]["cost"] = json!(3.5);
    let doc = parse_document(&d.to_string()).expect("valid");
    assert_eq!(doc.nodes[3].cost, Some(3.5));
    assert_eq!(doc.nodes[3].instance_cost(), 3.5);
    for cost in [json!(0), json!(-1), json!("cheap")] {
        d["nodes"][3]["cost"] = cost.clone();
        let ps = problems(&d);
        assert!(
            ps.iter().any(|p| p.starts_with("nodes[3].cost: ")),
            "{cost}: {ps:?}"
        );
    }
}

#[test]
fn a_client_has_no_cost() {
    let mut d = base();
    d["nodes"][0]["cost"] = json!(1);
    refused(&d, "nodes[0].cost", "does not apply to a client");
}

#[test]
fn the_default_cost_is_2_for_a_database_and_1_otherwise() {
    let doc = parse_document(&base().to_string()).expect("valid");
    let costs: Vec<f64> = doc.nodes.iter().map(|n| n.instance_cost()).collect();
    // browser (a client: none), lb, orders, db.
    assert_eq!(costs, vec![0.0, 1.0, 1.0, 2.0]);
    for kind in NodeKind::ALL {
        let want = match kind {
            NodeKind::Client => 0.0,
            NodeKind::Database => 2.0,
            _ => 1.0,
        };
        assert_eq!(kind.default_cost(), want, "{kind:?}");
    }
}

#[test]
fn goals_and_costs_are_written_back_as_written() {
    let mut d = with_goals(every_kind());
    d["nodes"][2]["cost"] = json!(4);
    let doc = parse_document(&d.to_string()).expect("valid");
    let written: Value = serde_json::from_str(&doc.to_json()).expect("JSON");
    assert_eq!(written["goals"], every_kind());
    assert_eq!(written["nodes"][2]["cost"], json!(4.0));
    assert!(written["nodes"][3].get("cost").is_none());
    let again = parse_document(&doc.to_json()).expect("reads back");
    assert_eq!(again, doc);
    assert_eq!(again.to_json_pretty(), doc.to_json_pretty());
}

/// Every document the repository ships: the spec's examples and the presets.
fn shipped_documents() -> Vec<(String, String)> {
    let mut texts = Vec::new();
    for name in ["monolith", "cluster", "distributed", "microservices"] {
        let path = format!(
            "{}/../../docs/spec/examples/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        texts.push((
            name.to_string(),
            std::fs::read_to_string(path).expect("example"),
        ));
    }
    for preset in topolab_engine::presets::PRESETS {
        let path = format!(
            "{}/src/presets/{}.json",
            env!("CARGO_MANIFEST_DIR"),
            preset.name
        );
        texts.push((
            preset.name.to_string(),
            std::fs::read_to_string(path).expect("preset"),
        ));
    }
    texts
}

#[test]
fn documents_without_goals_read_and_write_as_before() {
    for (name, text) in shipped_documents() {
        let doc: Document = parse_document(&text).unwrap_or_else(|p| panic!("{name}: {p:?}"));
        assert!(doc.goals.is_empty(), "{name}");
        assert!(doc.nodes.iter().all(|n| n.cost.is_none()), "{name}");
        let written = doc.to_json();
        assert!(!written.contains("\"goals\""), "{name}");
        assert!(!written.contains("\"cost\""), "{name}");
        // Written back, the document says what its author wrote and nothing more.
        let original: Value = serde_json::from_str(&text).expect("JSON");
        let back: Value = serde_json::from_str(&written).expect("JSON");
        let keys = |v: &Value| -> Vec<String> {
            let mut keys: Vec<String> = v
                .as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default();
            keys.sort();
            keys
        };
        assert_eq!(keys(&back), keys(&original), "{name}: top-level fields");
        for (i, node) in original["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let mut want = keys(node);
            for always in ["x", "y"] {
                if !want.iter().any(|k| k == always) {
                    want.push(always.to_string());
                }
            }
            want.sort();
            assert_eq!(keys(&back["nodes"][i]), want, "{name}: nodes[{i}]");
        }
    }
}
