//! Random small documents for the property tests (docs/spec/model.md §1): nodes of every
//! kind with replicas, quorums, kills, availabilities and capabilities; links of
//! every kind; functions listed or derived; zones (§8) for `documents_with_zones`. Always valid; checked against the brute
//! force of `brute.rs` by `analysis_bruteforce.rs` and `check.rs`.

#![allow(dead_code)]

use proptest::prelude::*;
use topolab_engine::{Document, Function, Link, LinkKind, Node, NodeKind, Zone};

use super::brute;

const KINDS: [NodeKind; 7] = [
    NodeKind::LoadBalancer,
    NodeKind::Gateway,
    NodeKind::Service,
    NodeKind::Service,
    NodeKind::Database,
    NodeKind::Cache,
    NodeKind::Queue,
];
const AVAILABILITIES: [Option<f64>; 7] = [
    None,
    Some(0.5),
    Some(0.9),
    Some(0.99),
    Some(0.999),
    Some(1.0),
    Some(0.3),
];
const CAPABILITIES: [&str; 3] = ["a", "b", "c"];
const WEIGHTS: [Option<f64>; 4] = [None, Some(0.5), Some(2.0), Some(3.0)];

/// One random node: (client?, kind, replicas, quorum, kill mask, availability, capabilities).
type NodeSeed = (bool, usize, u32, u32, u32, usize, Option<Vec<usize>>);

fn node_seed() -> impl Strategy<Value = NodeSeed> {
    (
        prop::bool::weighted(0.2),
        0..KINDS.len(),
        1u32..=3,
        0u32..3,
        prop::option::weighted(0.1, 1u32..8).prop_map(Option::unwrap_or_default),
        0..AVAILABILITIES.len(),
        prop::option::of(prop::collection::vec(0..CAPABILITIES.len(), 0..=2)),
    )
}

fn build(
    nodes: Vec<NodeSeed>,
    links: Vec<(usize, usize, usize)>,
    functions: Option<Vec<(usize, usize, usize)>>,
) -> Document {
    let mut doc = Document::default();
    for (i, (client, kind, replicas, quorum, kills, availability, caps)) in
        nodes.into_iter().enumerate()
    {
        let id = format!("n{i}");
        let capabilities =
            caps.map(|c| c.into_iter().map(|k| CAPABILITIES[k].to_string()).collect());
        if client || i == 0 {
            let mut node = Node::new(id, NodeKind::Client, 0.0, 0.0);
            node.capabilities = capabilities.filter(|_| kinds_hint(i));
            doc.nodes.push(node);
            continue;
        }
        let mut node = Node::new(id, KINDS[kind], 0.0, 0.0);
        node.replicas = (replicas > 1 || kind % 2 == 0).then_some(replicas);
        node.quorum = Some(1 + quorum % replicas).filter(|&q| q > 1 || kind % 3 == 0);
        node.killed = (0..replicas).filter(|i| kills & (1 << i) != 0).collect();
        node.availability = AVAILABILITIES[availability];
        node.capabilities = capabilities;
        doc.nodes.push(node);
    }
    let n = doc.nodes.len();
    for (from, to, kind) in links {
        let (from, to) = (from % n, to % n);
        let exists = doc
            .links
            .iter()
            .any(|l| l.from == doc.nodes[from].id && l.to == doc.nodes[to].id);
        if from == to || doc.nodes[to].is_client() || exists {
            continue;
        }
        let mut link = Link::new(doc.nodes[from].id.clone(), doc.nodes[to].id.clone());
        // Most links take their default kind; optional ones are drawn more often.
        link.kind = match kind {
            0..=4 => None,
            5..=9 => Some(LinkKind::ALL[kind - 5]),
            _ => Some(LinkKind::Optional),
        };
        doc.links.push(link);
    }
    let held: Vec<String> = {
        let mut held: Vec<String> = doc.nodes.iter().flat_map(brute::capabilities).collect();
        held.dedup();
        held
    };
    let clients: Vec<String> = doc
        .nodes
        .iter()
        .filter(|n| n.is_client())
        .map(|n| n.id.clone())
        .collect();
    if let Some(list) = functions.filter(|_| !held.is_empty()) {
        doc.functions = Some(
            list.into_iter()
                .enumerate()
                .map(|(i, (c, k, w))| Function {
                    id: format!("f{i}"),
                    label: None,
                    client: clients[c % clients.len()].clone(),
                    capability: held[k % held.len()].clone(),
                    weight: WEIGHTS[w % WEIGHTS.len()],
                    extra: None,
                })
                .collect(),
        );
    }
    doc
}

/// Clients rarely carry capabilities (allowed, and inert but for the derived order).
fn kinds_hint(i: usize) -> bool {
    i % 4 == 1
}

/// Documents of 2 to 15 nodes and up to 27 links.
pub fn documents() -> impl Strategy<Value = Document> {
    documents_of(15, 28)
}

/// Documents of 2 to `max_nodes` nodes and fewer than `max_links` links.
pub fn documents_of(max_nodes: usize, max_links: usize) -> impl Strategy<Value = Document> {
    (
        prop::collection::vec(node_seed(), 2..=max_nodes.max(2)),
        prop::collection::vec((0usize..16, 0usize..16, 0usize..13), 0..max_links.max(1)),
        prop::option::of(prop::collection::vec(
            (0usize..4, 0usize..8, 0usize..4),
            1..5,
        )),
    )
        .prop_map(|(nodes, links, functions)| build(nodes, links, functions))
}

const ZONE_AVAILABILITIES: [Option<f64>; 5] = [None, Some(0.9), Some(0.5), Some(0.99), Some(1.0)];

/// One zone: (availability, down).
type ZoneSeed = (usize, bool);

/// Documents of 2 to 8 nodes with 1 to 4 zones (docs/spec/model.md §8): some zones
/// down, most non-client nodes in one to three of them (a node of several
/// replicas in one zone, a quorum across zones), some in none.
pub fn documents_with_zones() -> impl Strategy<Value = Document> {
    (
        documents_of(8, 14),
        prop::collection::vec(
            (0..ZONE_AVAILABILITIES.len(), prop::bool::weighted(0.2)),
            1..=4,
        ),
        prop::collection::vec(
            prop::option::weighted(0.8, prop::collection::vec(0usize..4, 1..=3)),
            8,
        ),
    )
        .prop_map(|(doc, zones, placements)| with_zones(doc, zones, placements))
}

fn with_zones(
    mut doc: Document,
    zones: Vec<ZoneSeed>,
    placements: Vec<Option<Vec<usize>>>,
) -> Document {
    doc.zones = zones
        .iter()
        .enumerate()
        .map(|(z, &(a, down))| Zone {
            availability: ZONE_AVAILABILITIES[a],
            down: down.then_some(true),
            ..Zone::new(format!("z{z}"))
        })
        .collect();
    for (node, place) in doc.nodes.iter_mut().zip(placements) {
        let Some(place) = place.filter(|_| !node.is_client()) else {
            continue;
        };
        let mut ids: Vec<String> = Vec::new();
        for z in place {
            let id = format!("z{}", z % zones.len());
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        node.zones = Some(ids);
    }
    doc
}
