//! The engine assumes a valid document but never panics on an invalid one
//! (links to unknown nodes or to themselves, duplicate links, impossible
//! quorums, kills out of range, odd availabilities, unknown clients): it
//! answers something, with one report per node and per function.

use proptest::prelude::*;
use topolab_engine::analysis::{analyze, analyze_with, Options};
use topolab_engine::{Document, Function, Link, LinkKind, Node, NodeKind};

const IDS: [&str; 6] = ["a", "b", "c", "d", "a", "ghost"];
const AVAILABILITIES: [f64; 6] = [0.0, -1.0, 2.0, f64::NAN, 0.5, 1.0];

fn garbage() -> impl Strategy<Value = Document> {
    let node = (
        0..5usize,
        0..8usize,
        0u32..70,
        0u32..70,
        prop::collection::vec(0u32..70, 0..3),
        0..6usize,
    );
    let link = (0..6usize, 0..6usize, prop::option::of(0..5usize));
    let function = (0..6usize, 0..6usize, prop::option::of(-2.0f64..3.0));
    (
        prop::collection::vec(node, 0..6),
        prop::collection::vec(link, 0..12),
        prop::option::of(prop::collection::vec(function, 0..4)),
    )
        .prop_map(|(nodes, links, functions)| {
            let mut doc = Document::default();
            for (id, kind, replicas, quorum, killed, a) in nodes {
                let mut node = Node::new(IDS[id], NodeKind::ALL[kind], 0.0, 0.0);
                node.replicas = Some(replicas);
                node.quorum = Some(quorum);
                node.killed = killed;
                node.availability = Some(AVAILABILITIES[a]);
                node.capabilities = Some(vec![IDS[id].to_string()]);
                doc.nodes.push(node);
            }
            for (from, to, kind) in links {
                doc.links.push(Link {
                    kind: kind.map(|k| LinkKind::ALL[k]),
                    ..Link::new(IDS[from], IDS[to])
                });
            }
            doc.functions = functions.map(|list| {
                list.into_iter()
                    .map(|(client, capability, weight)| Function {
                        id: format!("{client}{capability}"),
                        label: None,
                        client: IDS[client].to_string(),
                        capability: IDS[capability].to_string(),
                        weight,
                        extra: None,
                    })
                    .collect()
            });
            doc
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn invalid_documents_are_answered_without_panicking(doc in garbage()) {
        for analysis in [analyze(&doc), analyze_with(&doc, Options { bdd_node_budget: 0, ..Options::default() })] {
            prop_assert_eq!(analysis.nodes.len(), doc.nodes.len());
            let functions = doc.functions.as_ref().map_or(analysis.functions.len(), Vec::len);
            prop_assert_eq!(analysis.functions.len(), functions);
            prop_assert!(serde_json::to_string(&analysis).is_ok());
        }
    }
}
