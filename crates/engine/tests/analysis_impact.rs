//! docs/spec/model.md §3, impact: blast radius and single points of failure, in the live
//! view, one test per rule.

mod support;

use support::analysis;
use topolab_engine::Analysis;

fn blast<'a>(a: &'a Analysis, id: &str) -> Vec<&'a str> {
    let n = a.node(id).unwrap_or_else(|| panic!("no node {id}"));
    n.blast_radius.iter().map(String::as_str).collect()
}

fn spof(a: &Analysis, id: &str) -> bool {
    a.node(id)
        .map(|n| n.spof)
        .unwrap_or_else(|| panic!("no node {id}"))
}

/// A client behind a gateway cluster; `a` needs its database, `b` its own.
fn shop(s1_killed: &str, gw_killed: &str) -> Analysis {
    analysis(&format!(
        r#"{{"format": "topolab/1",
            "nodes": [{{"id": "c", "kind": "client"}},
                      {{"id": "gw", "kind": "gateway", "replicas": 2, "killed": {gw_killed}}},
                      {{"id": "s1", "kind": "service", "capabilities": ["a"], "killed": {s1_killed}}},
                      {{"id": "s2", "kind": "service", "capabilities": ["b"]}},
                      {{"id": "db", "kind": "database"}},
                      {{"id": "db2", "kind": "database"}},
                      {{"id": "x", "kind": "external"}}],
            "links": [{{"from": "c", "to": "gw"}}, {{"from": "gw", "to": "s1"}}, {{"from": "gw", "to": "s2"}},
                      {{"from": "s1", "to": "db"}}, {{"from": "s2", "to": "db2"}},
                      {{"from": "s2", "to": "x", "kind": "optional"}}]}}"#
    ))
}

#[test]
fn blast_radius_lists_working_functions_lost_when_every_instance_dies() {
    let a = shop("[]", "[]");
    assert_eq!(blast(&a, "gw"), ["c:a", "c:b"]);
    assert_eq!(blast(&a, "s1"), ["c:a"]);
    assert_eq!(blast(&a, "db"), ["c:a"]);
    assert_eq!(blast(&a, "db2"), ["c:b"]);
}

#[test]
fn optional_dependency_has_no_blast_radius() {
    let a = shop("[]", "[]");
    assert!(blast(&a, "x").is_empty());
    assert!(!spof(&a, "x"));
}

#[test]
fn blast_radius_of_a_client_is_empty() {
    let a = shop("[]", "[]");
    assert!(blast(&a, "c").is_empty());
    assert!(!spof(&a, "c"));
}

#[test]
fn functions_already_down_are_in_no_blast_radius() {
    let a = shop("[0]", "[]");
    assert!(blast(&a, "db").is_empty());
    assert!(!spof(&a, "db"));
    assert_eq!(blast(&a, "gw"), ["c:b"]);
}

#[test]
fn spof_is_one_kill_from_taking_a_function_down() {
    let a = shop("[]", "[]");
    assert!(spof(&a, "s1") && spof(&a, "db"));
    // Two gateway instances: one kill leaves one.
    assert!(!spof(&a, "gw"));
    let one_left = shop("[]", "[1]");
    assert!(spof(&one_left, "gw"));
}

#[test]
fn spof_is_false_when_every_instance_is_already_killed() {
    let a = shop("[]", "[0, 1]");
    assert!(!spof(&a, "gw"));
    assert!(blast(&a, "gw").is_empty());
    assert!(a.functions.iter().all(|f| f.status.as_str() == "down"));
}

#[test]
fn spof_needs_one_more_kill_to_break_the_quorum() {
    let json = |killed: &str| {
        format!(
            r#"{{"format": "topolab/1",
                "nodes": [{{"id": "c", "kind": "client"}}, {{"id": "s", "kind": "service"}},
                          {{"id": "db", "kind": "database", "replicas": 3, "quorum": 2, "killed": {killed}}}],
                "links": [{{"from": "c", "to": "s"}}, {{"from": "s", "to": "db"}}]}}"#
        )
    };
    assert!(!spof(&analysis(&json("[]")), "db"));
    assert!(spof(&analysis(&json("[0]")), "db"));
    let broken = analysis(&json("[0, 2]"));
    assert!(!spof(&broken, "db"));
    assert!(!broken.node("db").is_some_and(|n| n.alive));
}

#[test]
fn degraded_functions_count_in_the_blast_radius() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"}, {"id": "s", "kind": "service"},
                      {"id": "x", "kind": "external", "killed": [0]}],
            "links": [{"from": "c", "to": "s"}, {"from": "s", "to": "x", "kind": "optional"}]}"#,
    );
    assert_eq!(a.functions[0].status.as_str(), "degraded");
    assert_eq!(blast(&a, "s"), ["c:s"]);
    assert!(spof(&a, "s"));
}
