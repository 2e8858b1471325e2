//! docs/spec/model.md §2 and §3, the nodes that go down with a node: `nodes_down_with`
//! against its definition. The definition is applied literally: kill every
//! instance of the node in a copy of the document, analyse the copy, and list
//! the nodes whose live `works` went from true to false.

mod support;

use proptest::prelude::*;
use support::document;
use topolab_engine::analysis::nodes_down_with;
use topolab_engine::presets::PRESETS;
use topolab_engine::{analyze, validate, Document, Link, LinkKind, Node, NodeKind};

/// `doc` with every instance of the node `id` killed (a client has none).
fn with_every_instance_killed(doc: &Document, id: &str) -> Document {
    let mut copy = doc.clone();
    for node in copy.nodes.iter_mut().filter(|n| n.id == id) {
        if !node.is_client() {
            node.killed = (0..node.replicas()).collect();
        }
    }
    copy
}

/// The definition: working nodes that stop working once `id` is dead, in document order.
fn by_definition(doc: &Document, id: &str) -> Vec<String> {
    let before = analyze(doc);
    let after = analyze(&with_every_instance_killed(doc, id));
    before
        .nodes
        .iter()
        .zip(&after.nodes)
        .filter(|(b, a)| b.works && !a.works)
        .map(|(b, _)| b.id.clone())
        .collect()
}

/// What `nodes_down_with` answers, given the document's own analysis.
fn down_with(doc: &Document, id: &str) -> Vec<String> {
    nodes_down_with(doc, &analyze(doc), id)
}

/// Every node of `doc` against the definition.
#[track_caller]
fn assert_every_node_matches_definition(doc: &Document) {
    let analysis = analyze(doc);
    for node in &doc.nodes {
        assert_eq!(
            nodes_down_with(doc, &analysis, &node.id),
            by_definition(doc, &node.id),
            "nodes down with {}",
            node.id
        );
    }
}

/// A client, a gateway, `api` requiring `auth` and `db`, `auth` requiring `db`,
/// `api` calling `search` optionally and sending to `mail` through `q`.
const SHOP: &str = r#"{"format": "topolab/1",
    "nodes": [{"id": "c", "kind": "client"},
              {"id": "gw", "kind": "gateway", "replicas": 2},
              {"id": "api", "kind": "service", "replicas": 3},
              {"id": "auth", "kind": "service"},
              {"id": "db", "kind": "database"},
              {"id": "search", "kind": "service"},
              {"id": "q", "kind": "queue"},
              {"id": "mail", "kind": "service"}],
    "links": [{"from": "c", "to": "gw"}, {"from": "gw", "to": "api"},
              {"from": "api", "to": "auth"}, {"from": "api", "to": "db"},
              {"from": "auth", "to": "db"},
              {"from": "api", "to": "search", "kind": "optional"},
              {"from": "api", "to": "q"}, {"from": "q", "to": "mail"}]}"#;

#[test]
fn every_preset_node_takes_down_what_killing_it_takes_down() {
    for preset in PRESETS {
        let doc = preset.document();
        assert!(!doc.nodes.is_empty(), "preset {} is empty", preset.name);
        assert_every_node_matches_definition(&doc);
    }
}

#[test]
fn a_node_goes_down_with_what_it_requires_directly_or_through_others() {
    let doc = document(SHOP);
    assert_eq!(down_with(&doc, "db"), ["api", "auth", "db"]);
    assert_eq!(down_with(&doc, "auth"), ["api", "auth"]);
    assert_eq!(down_with(&doc, "api"), ["api"]);
    assert_every_node_matches_definition(&doc);
}

#[test]
fn route_and_pool_links_do_not_take_their_source_down() {
    // The gateway routes to `api`, but does not require it: it still works.
    let doc = document(SHOP);
    assert!(!down_with(&doc, "api").contains(&"gw".to_string()));
}

#[test]
fn an_optional_caller_stays_up() {
    let doc = document(SHOP);
    assert_eq!(down_with(&doc, "search"), ["search"]);
}

#[test]
fn an_async_sender_stays_up() {
    // `api` publishes to `q` (requires); `q` delivers to `mail` (async).
    let doc = document(SHOP);
    assert_eq!(down_with(&doc, "mail"), ["mail"]);
    assert_eq!(down_with(&doc, "q"), ["api", "q"]);
}

#[test]
fn a_client_takes_nothing_down() {
    let doc = document(SHOP);
    assert!(down_with(&doc, "c").is_empty());
}

#[test]
fn an_unknown_node_takes_nothing_down() {
    let doc = document(SHOP);
    assert!(down_with(&doc, "nope").is_empty());
}

#[test]
fn a_cycle_of_requires_links_goes_down_whole() {
    let doc = document(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"},
                      {"id": "a", "kind": "service"}, {"id": "b", "kind": "service"},
                      {"id": "d", "kind": "service"}, {"id": "e", "kind": "service"}],
            "links": [{"from": "c", "to": "a"},
                      {"from": "a", "to": "b"}, {"from": "b", "to": "d"}, {"from": "d", "to": "a"},
                      {"from": "e", "to": "b"}]}"#,
    );
    for id in ["a", "b", "d"] {
        assert_eq!(down_with(&doc, id), ["a", "b", "d", "e"], "down with {id}");
    }
    assert_eq!(down_with(&doc, "e"), ["e"]);
    assert_every_node_matches_definition(&doc);
}

#[test]
fn a_node_already_down_takes_nothing_more_down() {
    // `db` has both instances killed: `api` is already down with it.
    let doc = document(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"},
                      {"id": "api", "kind": "service"},
                      {"id": "db", "kind": "database", "replicas": 2, "killed": [0, 1]},
                      {"id": "cache", "kind": "cache"}],
            "links": [{"from": "c", "to": "api"}, {"from": "api", "to": "db"},
                      {"from": "api", "to": "cache"}]}"#,
    );
    assert!(down_with(&doc, "db").is_empty());
    assert!(down_with(&doc, "api").is_empty());
    // `cache` works and goes down itself; `api`, already down, is not listed.
    assert_eq!(down_with(&doc, "cache"), ["cache"]);
    assert_every_node_matches_definition(&doc);
}

#[test]
fn a_node_already_down_holds_down_the_functions_its_revival_would_bring_back() {
    use topolab_engine::analysis::functions_held_down_by;
    let mut monolith = topolab_engine::presets::preset("monolith")
        .expect("monolith")
        .document();
    let every: Vec<String> = analyze(&monolith)
        .functions
        .into_iter()
        .map(|f| f.id)
        .collect();
    assert!(
        functions_held_down_by(&monolith, "app").is_empty(),
        "app is up"
    );
    monolith = with_every_instance_killed(&monolith, "app");
    assert_eq!(functions_held_down_by(&monolith, "app"), every);
    // `db` dead too: reviving `app` alone brings nothing back.
    monolith = with_every_instance_killed(&monolith, "db");
    assert!(functions_held_down_by(&monolith, "app").is_empty());
    assert!(functions_held_down_by(&monolith, "ghost").is_empty());
}

#[test]
fn a_node_with_an_instance_left_still_goes_down_whole() {
    // One of three instances killed, quorum 2: `db` still works until all die.
    let doc = document(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"},
                      {"id": "api", "kind": "service"},
                      {"id": "db", "kind": "database", "replicas": 3, "quorum": 2, "killed": [1]}],
            "links": [{"from": "c", "to": "api"}, {"from": "api", "to": "db"}]}"#,
    );
    assert_eq!(down_with(&doc, "db"), ["api", "db"]);
    assert_every_node_matches_definition(&doc);
}

#[test]
fn a_client_requiring_the_node_stops_working_too() {
    let doc = document(
        r#"{"format": "topolab/1",
            "nodes": [{"id": "c", "kind": "client"}, {"id": "api", "kind": "service"}],
            "links": [{"from": "c", "to": "api", "kind": "requires"}]}"#,
    );
    assert_eq!(down_with(&doc, "api"), ["c", "api"]);
    assert_every_node_matches_definition(&doc);
}

#[test]
fn an_analysis_of_another_document_gives_no_panic() {
    let doc = document(SHOP);
    let other = analyze(&Document::default());
    assert!(nodes_down_with(&doc, &other, "db").is_empty());
}

const KINDS: [NodeKind; 8] = NodeKind::ALL;

/// One random node: (kind, replicas, quorum, kill mask).
type NodeSeed = (usize, u32, u32, u32);

fn build(nodes: Vec<NodeSeed>, links: Vec<(usize, usize, usize)>) -> Document {
    let mut doc = Document::default();
    for (i, (kind, replicas, quorum, kills)) in nodes.into_iter().enumerate() {
        let mut node = Node::new(format!("n{i}"), KINDS[kind], 0.0, 0.0);
        if !node.is_client() {
            node.replicas = Some(replicas);
            node.quorum = Some(1 + quorum % replicas);
            node.killed = (0..replicas).filter(|r| kills & (1 << r) != 0).collect();
        }
        doc.nodes.push(node);
    }
    let n = doc.nodes.len();
    for (from, to, kind) in links {
        let (from, to) = (from % n, to % n);
        let (from_id, to_id) = (doc.nodes[from].id.clone(), doc.nodes[to].id.clone());
        let exists = doc.links.iter().any(|l| l.from == from_id && l.to == to_id);
        if from == to || doc.nodes[to].is_client() || exists {
            continue;
        }
        // Requires links are drawn most often: they are what this is about.
        let kind = match kind {
            0..=4 => Some(LinkKind::ALL[kind]),
            5..=6 => None,
            _ => Some(LinkKind::Requires),
        };
        doc.links.push(Link {
            kind,
            ..Link::new(from_id, to_id)
        });
    }
    doc
}

fn documents() -> impl Strategy<Value = Document> {
    (
        prop::collection::vec(
            (
                0..KINDS.len(),
                1u32..=3,
                0u32..3,
                prop::num::u32::ANY.prop_map(|k| k & k >> 3),
            ),
            1..=12,
        ),
        prop::collection::vec((0usize..12, 0usize..12, 0usize..10), 0..30),
    )
        .prop_map(|(nodes, links)| build(nodes, links))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_documents_match_the_definition(doc in documents()) {
        let problems = validate(&doc);
        prop_assert!(problems.is_empty(), "generated an invalid document: {problems:?}");
        let analysis = analyze(&doc);
        for node in &doc.nodes {
            prop_assert_eq!(
                nodes_down_with(&doc, &analysis, &node.id),
                by_definition(&doc, &node.id),
                "nodes down with {}", node.id
            );
        }
    }
}
