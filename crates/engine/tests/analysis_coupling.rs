//! docs/spec/model.md §3, coupling: ca, ce, instability, async counts, shared stores,
//! cycles and sync depth, one test per rule, figures counted by hand.

mod support;

use support::{analysis, assert_close};
use topolab_engine::Analysis;

fn figures(a: &Analysis, id: &str) -> (u32, u32, u32, u32) {
    let n = a.node(id).unwrap_or_else(|| panic!("no node {id}"));
    (n.ca, n.ce, n.async_in, n.async_out)
}

fn depth(a: &Analysis, id: &str) -> u32 {
    a.node(id)
        .map(|n| n.sync_depth)
        .unwrap_or_else(|| panic!("no node {id}"))
}

#[test]
fn ce_and_ca_count_distinct_nodes_called_synchronously() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "a", "kind": "service"}, {"id": "b", "kind": "service"},
                      {"id": "c", "kind": "service"}, {"id": "d", "kind": "service"},
                      {"id": "e", "kind": "service"}],
            "links": [{"from": "a", "to": "b"}, {"from": "a", "to": "c", "kind": "optional"},
                      {"from": "d", "to": "a"}, {"from": "a", "to": "e", "kind": "async"},
                      {"from": "b", "to": "a", "kind": "optional"}]}"#,
    );
    assert_eq!(figures(&a, "a"), (2, 2, 0, 1));
    assert_close(a.node("a").map_or(f64::NAN, |n| n.instability), 0.5);
    assert_eq!(figures(&a, "d"), (0, 1, 0, 0));
    assert_close(a.node("d").map_or(f64::NAN, |n| n.instability), 1.0);
    assert_eq!(figures(&a, "c"), (1, 0, 0, 0));
    assert_close(a.node("c").map_or(f64::NAN, |n| n.instability), 0.0);
    assert_eq!(figures(&a, "e"), (0, 0, 1, 0));
}

#[test]
fn instability_is_zero_without_sync_links() {
    let a = analysis(
        r#"{"format": "topolab/1", "nodes": [{"id": "lonely", "kind": "service"}], "links": []}"#,
    );
    assert_eq!(a.nodes[0].instability, 0.0);
}

#[test]
fn links_from_clients_do_not_count_in_coupling() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"}, {"id": "s", "kind": "service"}],
            "links": [{"from": "c", "to": "s", "kind": "requires"}]}"#,
    );
    assert_eq!(figures(&a, "c"), (0, 0, 0, 0));
    assert_eq!(figures(&a, "s"), (0, 0, 0, 0));
    assert_eq!(depth(&a, "c"), 0);
}

#[test]
fn async_links_are_counted_apart_from_sync_ones() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "s", "kind": "service"}, {"id": "q", "kind": "queue"},
                      {"id": "w1", "kind": "service"}, {"id": "w2", "kind": "service"}],
            "links": [{"from": "s", "to": "q"}, {"from": "q", "to": "w1"}, {"from": "q", "to": "w2"}]}"#,
    );
    assert_eq!(figures(&a, "q"), (1, 0, 0, 2));
    assert_eq!(figures(&a, "w1"), (0, 0, 1, 0));
    assert_eq!(depth(&a, "s"), 1);
}

#[test]
fn a_store_is_shared_by_two_different_capability_sets() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "orders", "kind": "service"}, {"id": "billing", "kind": "service"},
                      {"id": "db", "kind": "database"}, {"id": "cache", "kind": "cache"},
                      {"id": "q", "kind": "queue"}],
            "links": [{"from": "orders", "to": "db"}, {"from": "billing", "to": "db"},
                      {"from": "orders", "to": "cache", "kind": "optional"}, {"from": "billing", "to": "cache"},
                      {"from": "orders", "to": "q"}, {"from": "billing", "to": "q"}]}"#,
    );
    // Each service holds its own id; optional calls count; a queue is no store.
    assert_eq!(a.shared_stores, ["db", "cache"]);
}

#[test]
fn replicas_of_one_role_do_not_share_a_store() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "app1", "kind": "service", "capabilities": ["catalog", "orders"]},
                      {"id": "app2", "kind": "service", "capabilities": ["orders", "catalog"]},
                      {"id": "db", "kind": "database"}],
            "links": [{"from": "app1", "to": "db"}, {"from": "app2", "to": "db"}]}"#,
    );
    assert!(a.shared_stores.is_empty());
}

#[test]
fn cycles_are_sync_components_listed_in_node_order() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "n0", "kind": "service"}, {"id": "n1", "kind": "service"},
                      {"id": "n2", "kind": "service"}, {"id": "n3", "kind": "service"},
                      {"id": "n4", "kind": "service"}, {"id": "n5", "kind": "service"}],
            "links": [{"from": "n3", "to": "n1"}, {"from": "n1", "to": "n3", "kind": "optional"},
                      {"from": "n4", "to": "n0"}, {"from": "n0", "to": "n2"}, {"from": "n2", "to": "n4"},
                      {"from": "n2", "to": "n5"}]}"#,
    );
    assert_eq!(a.cycles, [vec!["n0", "n2", "n4"], vec!["n1", "n3"]]);
}

#[test]
fn route_and_async_links_close_no_cycle() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "gw", "kind": "gateway"}, {"id": "s", "kind": "service"},
                      {"id": "q", "kind": "queue"}],
            "links": [{"from": "gw", "to": "s"}, {"from": "s", "to": "gw"},
                      {"from": "s", "to": "q"}, {"from": "q", "to": "s"}]}"#,
    );
    assert!(a.cycles.is_empty());
}

#[test]
fn sync_depth_counts_requires_links_only() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "lb", "kind": "load_balancer"}, {"id": "a", "kind": "service"},
                      {"id": "b", "kind": "service"}, {"id": "c", "kind": "database"}],
            "links": [{"from": "lb", "to": "a"}, {"from": "a", "to": "b", "kind": "optional"},
                      {"from": "b", "to": "c"}]}"#,
    );
    // A path may take an optional link, but only requires links count; pool links are no sync path.
    let depths: Vec<u32> = a.nodes.iter().map(|n| n.sync_depth).collect();
    assert_eq!(depths, [0, 1, 1, 0]);
    assert_eq!(a.max_sync_depth, 1);
}

#[test]
fn sync_depth_on_a_cycle_visits_no_node_twice() {
    let a = analysis(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "a", "kind": "service"}, {"id": "b", "kind": "service"},
                      {"id": "c", "kind": "service"}, {"id": "d", "kind": "database"}],
            "links": [{"from": "a", "to": "b"}, {"from": "b", "to": "c"}, {"from": "c", "to": "a"},
                      {"from": "c", "to": "d"}]}"#,
    );
    // a-b-c-d; b-c-a or b-c-d; c-a-b; never around the cycle twice.
    let depths: Vec<u32> = a.nodes.iter().map(|n| n.sync_depth).collect();
    assert_eq!(depths, [3, 2, 2, 0]);
    assert_eq!(a.max_sync_depth, 3);
    assert_eq!(a.cycles, [vec!["a", "b", "c"]]);
}

#[test]
fn sync_depth_of_a_dense_cycle_takes_the_longest_simple_path() {
    // Every ordered pair of five services is a requires link: a Hamiltonian path has 4 links.
    let ids = ["p", "q", "r", "s", "t"];
    let nodes: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"id": "{id}", "kind": "service"}}"#))
        .collect();
    let mut links = Vec::new();
    for from in ids {
        for to in ids.iter().filter(|&&to| to != from) {
            links.push(format!(r#"{{"from": "{from}", "to": "{to}"}}"#));
        }
    }
    let json = format!(
        r#"{{"format": "topolab/1", "nodes": [{}], "links": [{}]}}"#,
        nodes.join(","),
        links.join(",")
    );
    let a = analysis(&json);
    assert!(a.nodes.iter().all(|n| n.sync_depth == 4));
    assert_eq!(a.cycles, [ids.to_vec()]);
}
