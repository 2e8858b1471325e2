//! docs/spec/model.md §2, one test per rule: alive, works, degraded, function status and
//! availability in the live, expected and design views, and the derived
//! functions of §1.3. Expected figures are worked out by hand in each test.

mod support;

use support::{analysis, assert_close, document};
use topolab_engine::analysis::Status;
use topolab_engine::effective_functions;

fn status(a: &topolab_engine::Analysis, id: &str) -> Status {
    a.function(id)
        .map(|f| f.status)
        .unwrap_or_else(|| panic!("no function {id}"))
}

#[test]
fn killed_instance_lowers_expected_but_not_design_availability() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"},
                      {"id": "s", "kind": "service", "replicas": 2, "availability": 0.9, "killed": [0]}],
            "links": [{"from": "c", "to": "s"}]}"#,
    );
    let f = &a.functions[0];
    assert_eq!(f.id, "c:s");
    assert_eq!(f.status, Status::Up);
    assert_close(f.availability, 0.9); // one instance left
    assert_close(f.design_availability, 1.0 - 0.1 * 0.1); // both instances
}

#[test]
fn requires_cycle_works_only_if_all_alive() {
    let json = |killed: &str| {
        format!(
            r#"{{"format": "topolab/1",
                "nodes": [{{"id": "c", "kind": "client"}},
                          {{"id": "a", "kind": "service", "availability": 0.9, "capabilities": ["k"]}},
                          {{"id": "b", "kind": "service", "availability": 0.8, "killed": {killed}}}],
                "links": [{{"from": "c", "to": "a"}}, {{"from": "a", "to": "b"}}, {{"from": "b", "to": "a"}}],
                "functions": [{{"id": "f", "client": "c", "capability": "k"}}]}}"#
        )
    };
    let up = analysis(&json("[]"));
    assert_close(up.functions[0].availability, 0.9 * 0.8);
    let down = analysis(&json("[0]"));
    assert_eq!(status(&down, "f"), Status::Down);
    let works: Vec<bool> = down.nodes.iter().map(|n| n.works).collect();
    assert_eq!(works, [true, false, false]);
    assert_eq!(down.node("a").map(|n| n.alive), Some(true));
}

#[test]
fn quorum_counts_instances_that_are_up() {
    let json = |killed: &str| {
        format!(
            r#"{{"format": "topolab/1",
                "nodes": [{{"id": "c", "kind": "client"}},
                          {{"id": "db", "kind": "database", "replicas": 3, "quorum": 2, "availability": 0.9,
                            "killed": {killed}, "capabilities": ["data"]}}],
                "links": [{{"from": "c", "to": "db"}}]}}"#
        )
    };
    let design = 3.0 * 0.9 * 0.9 * 0.1 + 0.9 * 0.9 * 0.9;
    let none = analysis(&json("[]"));
    assert_close(none.functions[0].availability, design);
    let one = analysis(&json("[2]"));
    assert_close(one.functions[0].availability, 0.9 * 0.9);
    assert_close(one.functions[0].design_availability, design);
    let two = analysis(&json("[0, 1]"));
    assert_eq!(two.node("db").map(|n| n.alive), Some(false));
    assert_eq!(two.functions[0].status, Status::Down);
    assert_close(two.functions[0].availability, 0.0);
    assert_close(two.functions[0].design_availability, design);
}

#[test]
fn optional_failure_degrades_but_never_stops() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"},
                      {"id": "a", "kind": "service", "availability": 0.9, "capabilities": ["k"]},
                      {"id": "x", "kind": "external", "availability": 0.5, "killed": [0]}],
            "links": [{"from": "c", "to": "a"}, {"from": "a", "to": "x", "kind": "optional"}]}"#,
    );
    assert_eq!(a.functions[0].status, Status::Degraded);
    assert_close(a.functions[0].availability, 0.9);
    let node = a.node("a").expect("a");
    assert!(node.works && node.degraded);
    assert_eq!(node.status(), Status::Degraded);
    assert!(!a.node("x").expect("x").works);
}

#[test]
fn degraded_spreads_to_callers_through_requires() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"},
                      {"id": "a", "kind": "service", "capabilities": ["k"]},
                      {"id": "b", "kind": "service"},
                      {"id": "x", "kind": "cache", "killed": [0]}],
            "links": [{"from": "c", "to": "a"}, {"from": "a", "to": "b"},
                      {"from": "b", "to": "x", "kind": "optional"}],
            "functions": [{"id": "f", "client": "c", "capability": "k"}]}"#,
    );
    let degraded: Vec<bool> = a.nodes.iter().map(|n| n.degraded).collect();
    assert_eq!(degraded, [false, true, true, false]);
    assert_eq!(status(&a, "f"), Status::Degraded);
}

#[test]
fn function_is_up_when_some_path_avoids_degraded_nodes() {
    let json = |s2_killed: &str| {
        format!(
            r#"{{"format": "topolab/1",
                "nodes": [{{"id": "c", "kind": "client"}},
                          {{"id": "gw", "kind": "gateway", "availability": 1}},
                          {{"id": "s1", "kind": "service", "capabilities": ["k"]}},
                          {{"id": "s2", "kind": "service", "capabilities": ["k"], "killed": {s2_killed}}},
                          {{"id": "x", "kind": "external", "killed": [0]}}],
                "links": [{{"from": "c", "to": "gw"}}, {{"from": "gw", "to": "s1"}}, {{"from": "gw", "to": "s2"}},
                          {{"from": "s1", "to": "x", "kind": "optional"}}]}}"#
        )
    };
    assert_eq!(analysis(&json("[]")).functions[0].status, Status::Up);
    assert_eq!(analysis(&json("[0]")).functions[0].status, Status::Degraded);
}

#[test]
fn async_failure_never_affects_the_sender() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"},
                      {"id": "a", "kind": "service", "availability": 0.9, "capabilities": ["k"]},
                      {"id": "q", "kind": "queue", "availability": 0.99},
                      {"id": "w", "kind": "service", "capabilities": [], "killed": [0]}],
            "links": [{"from": "c", "to": "a"}, {"from": "a", "to": "q"}, {"from": "q", "to": "w"}]}"#,
    );
    assert_eq!(a.functions.len(), 1);
    assert_eq!(a.functions[0].status, Status::Up);
    // Publishing to the queue is required; the consumer is not.
    assert_close(a.functions[0].availability, 0.9 * 0.99);
}

#[test]
fn load_balancer_routes_around_dead_backends() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"},
                      {"id": "lb", "kind": "load_balancer", "availability": 0.99},
                      {"id": "s1", "kind": "service", "availability": 0.9, "capabilities": ["k"], "killed": [0]},
                      {"id": "s2", "kind": "service", "availability": 0.9, "capabilities": ["k"]}],
            "links": [{"from": "c", "to": "lb"}, {"from": "lb", "to": "s1"}, {"from": "lb", "to": "s2"}]}"#,
    );
    assert_eq!(a.functions[0].status, Status::Up);
    assert_close(a.functions[0].availability, 0.99 * 0.9);
    assert_close(a.functions[0].design_availability, 0.99 * (1.0 - 0.1 * 0.1));
}

#[test]
fn paths_sharing_a_node_are_not_multiplied() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"},
                      {"id": "lb", "kind": "load_balancer", "availability": 0.99},
                      {"id": "s1", "kind": "service", "availability": 0.9, "capabilities": ["k"]},
                      {"id": "s2", "kind": "service", "availability": 0.9, "capabilities": ["k"]},
                      {"id": "db", "kind": "database", "availability": 0.95}],
            "links": [{"from": "c", "to": "lb"}, {"from": "lb", "to": "s1"}, {"from": "lb", "to": "s2"},
                      {"from": "s1", "to": "db"}, {"from": "s2", "to": "db"}]}"#,
    );
    // Both paths need the one database: lb AND db AND (s1 OR s2).
    assert_close(a.functions[0].availability, 0.99 * 0.95 * (1.0 - 0.1 * 0.1));
}

#[test]
fn a_capability_held_only_by_the_client_is_never_reached() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client", "capabilities": ["self"]},
                      {"id": "s", "kind": "service"}],
            "links": [{"from": "c", "to": "s"}],
            "functions": [{"id": "f", "client": "c", "capability": "self"}]}"#,
    );
    assert_eq!(a.functions[0].status, Status::Down);
    assert_close(a.functions[0].availability, 0.0);
    assert_close(a.functions[0].design_availability, 0.0);
}

#[test]
fn clients_are_always_alive_and_never_fail() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"}, {"id": "s", "kind": "service", "availability": 0.7}],
            "links": [{"from": "c", "to": "s"}]}"#,
    );
    let c = a.node("c").expect("c");
    assert!(c.alive && c.works && !c.degraded);
    assert_close(a.functions[0].availability, 0.7);
}

#[test]
fn derived_functions_follow_client_then_capability_order() {
    let doc = document(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c1", "kind": "client"},
                      {"id": "b", "kind": "service", "capabilities": ["b", "a"]},
                      {"id": "c2", "kind": "client"},
                      {"id": "ac", "kind": "service", "capabilities": ["a", "c"]},
                      {"id": "x", "kind": "service", "killed": [0]}],
            "links": [{"from": "c1", "to": "b"}, {"from": "c2", "to": "x"}, {"from": "c2", "to": "ac"}]}"#,
    );
    let functions = effective_functions(&doc);
    let ids: Vec<&str> = functions.iter().map(|f| f.id.as_str()).collect();
    // Capabilities in order of first appearance: b, a, c, x; kills do not matter.
    assert_eq!(ids, ["c1:b", "c1:a", "c2:a", "c2:c", "c2:x"]);
    assert_eq!(functions[1].label(), "a");
    assert_eq!(functions[1].weight(), 1.0);
    assert_eq!(functions[4].client, "c2");
    assert_eq!(functions[4].capability, "x");
}

#[test]
fn listed_functions_are_kept_as_written() {
    let doc = document(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"}, {"id": "s", "kind": "service"}],
            "links": [{"from": "c", "to": "s"}],
            "functions": [{"id": "buy", "label": "Buy", "client": "c", "capability": "s", "weight": 2}]}"#,
    );
    assert_eq!(
        effective_functions(&doc),
        doc.functions.clone().unwrap_or_default()
    );
}

#[test]
fn mean_weighs_functions_and_all_needs_every_one() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"},
                      {"id": "s1", "kind": "service", "availability": 0.9, "capabilities": ["k1"]},
                      {"id": "s2", "kind": "service", "availability": 0.5, "capabilities": ["k2"]}],
            "links": [{"from": "c", "to": "s1"}, {"from": "c", "to": "s2"}],
            "functions": [{"id": "f1", "client": "c", "capability": "k1"},
                          {"id": "f2", "client": "c", "capability": "k2", "weight": 3}]}"#,
    );
    assert_close(a.system.mean, (0.9 + 3.0 * 0.5) / 4.0);
    assert_close(a.system.all, 0.9 * 0.5);
}

#[test]
fn without_functions_all_and_mean_are_one() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"}, {"id": "db", "kind": "database"}],
            "links": []}"#,
    );
    assert!(a.functions.is_empty());
    assert_eq!((a.system.all, a.system.mean), (1.0, 1.0));
    assert_eq!(a.system.ci95, None);
}

#[test]
fn downtime_is_unavailability_over_a_year_of_365_25_days() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"}, {"id": "s", "kind": "service", "availability": 0.9}],
            "links": [{"from": "c", "to": "s"}]}"#,
    );
    assert!((a.functions[0].downtime_hours_per_year - 876.6).abs() < 1e-9);
}
