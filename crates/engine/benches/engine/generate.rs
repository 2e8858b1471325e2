//! Seeded random topologies for the engine benchmarks: `layered`, shaped like
//! real microservice systems (domains owning their data, a shared platform),
//! and `tangled`, where dependencies overlap at random across the system.

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use topolab_engine::{Document, Function, Link, LinkKind, Node, NodeKind};

/// Builds a document node by node and link by link.
struct Builder {
    doc: Document,
    rng: Pcg64Mcg,
}

impl Builder {
    fn new(seed: u64) -> Builder {
        Builder {
            doc: Document::default(),
            rng: Pcg64Mcg::seed_from_u64(seed),
        }
    }

    fn node(&mut self, id: String, kind: NodeKind, replicas: u32) -> String {
        let mut node = Node::new(id.clone(), kind, 0.0, 0.0);
        if kind != NodeKind::Client {
            node.replicas = Some(replicas);
            node.capabilities = Some(Vec::new());
        }
        self.doc.nodes.push(node);
        id
    }

    fn link(&mut self, from: &str, to: &str, kind: Option<LinkKind>) {
        if from != to && !self.doc.links.iter().any(|l| l.from == from && l.to == to) {
            self.doc.links.push(Link {
                kind,
                ..Link::new(from, to)
            });
        }
    }

    fn hold(&mut self, id: &str, capability: String) {
        if let Some(v) = self.doc.node_index(id) {
            self.doc.nodes[v]
                .capabilities
                .get_or_insert_with(Vec::new)
                .push(capability);
        }
    }

    fn pick<'a>(&mut self, from: &'a [String]) -> &'a str {
        &from[self.rng.random_range(0..from.len())]
    }

    /// One function per client and capability held.
    fn functions(mut self, clients: &[String]) -> Document {
        let mut capabilities: Vec<String> = Vec::new();
        for node in &self.doc.nodes {
            for k in node.capabilities.iter().flatten() {
                if !capabilities.contains(k) {
                    capabilities.push(k.clone());
                }
            }
        }
        let functions = clients
            .iter()
            .flat_map(|c| capabilities.iter().map(move |k| (c, k)))
            .map(|(c, k)| Function {
                id: format!("{c}:{k}"),
                label: None,
                client: c.clone(),
                capability: k.clone(),
                weight: None,
                extra: None,
            })
            .collect();
        self.doc.functions = Some(functions);
        self.doc
    }
}

/// Clients -> two load balancers -> gateways -> domains of about ten nodes:
/// edge services (holding the domain's capabilities, some capabilities held by
/// two edge services: redundant paths) calling internal services in two
/// layers below them, the domain's databases and cache, sometimes a queue with
/// a consumer elsewhere; platform services (auth, users...) that many edges
/// require; a few optional and required calls across domains. Replicas 1-3.
pub fn layered(size: usize, seed: u64) -> Document {
    let mut b = Builder::new(seed);
    let clients: Vec<String> = (0..1 + size / 1000)
        .map(|i| b.node(format!("client-{i}"), NodeKind::Client, 1))
        .collect();
    let lbs: Vec<String> = (0..2)
        .map(|i| {
            let r = b.rng.random_range(1..=2);
            b.node(format!("lb-{i}"), NodeKind::LoadBalancer, r)
        })
        .collect();
    let gateways: Vec<String> = (0..2 + size / 250)
        .map(|i| {
            let r = b.rng.random_range(2..=3);
            b.node(format!("gw-{i}"), NodeKind::Gateway, r)
        })
        .collect();
    for c in &clients {
        for lb in &lbs {
            b.link(c, lb, None);
        }
    }
    for lb in &lbs {
        for gw in &gateways {
            b.link(lb, gw, None);
        }
    }
    let mut platform = Vec::new();
    for i in 0..(size / 60).max(1) {
        let r = b.rng.random_range(2..=3);
        let svc = b.node(format!("platform-{i}"), NodeKind::Service, r);
        let db = b.node(format!("platform-{i}-db"), NodeKind::Database, 3);
        if let Some(v) = b.doc.node_index(&db) {
            b.doc.nodes[v].quorum = Some(2);
        }
        b.link(&svc, &db, None);
        platform.push(svc);
    }
    let mut edges_all: Vec<String> = Vec::new();
    let mut internals_all: Vec<String> = Vec::new();
    let mut d = 0;
    while b.doc.nodes.len() + 6 <= size {
        let name = format!("d{d}");
        let r = b.rng.random_range(1..=3);
        let db = b.node(format!("{name}-db"), NodeKind::Database, r);
        let cache = b
            .rng
            .random_bool(0.5)
            .then(|| b.node(format!("{name}-cache"), NodeKind::Cache, 1));
        let lower: Vec<String> = (0..b.rng.random_range(1..=2))
            .map(|i| {
                let r = b.rng.random_range(1..=3);
                b.node(format!("{name}-core{i}"), NodeKind::Service, r)
            })
            .collect();
        let middle: Vec<String> = (0..b.rng.random_range(1..=2))
            .map(|i| {
                let r = b.rng.random_range(1..=3);
                b.node(format!("{name}-logic{i}"), NodeKind::Service, r)
            })
            .collect();
        let edges: Vec<String> = (0..b.rng.random_range(2..=3))
            .map(|i| {
                let r = b.rng.random_range(1..=3);
                b.node(format!("{name}-api{i}"), NodeKind::Service, r)
            })
            .collect();
        for svc in &lower {
            b.link(svc, &db, None);
        }
        for svc in &middle {
            let callee = b.pick(&lower).to_string();
            b.link(svc, &callee, None);
            if let Some(cache) = &cache {
                let kind = if b.rng.random_bool(0.5) {
                    None
                } else {
                    Some(LinkKind::Optional)
                };
                b.link(svc, cache, kind);
            }
        }
        for (i, svc) in edges.iter().enumerate() {
            let callee = b.pick(&middle).to_string();
            b.link(svc, &callee, None);
            if b.rng.random_bool(0.4) {
                let callee = b.pick(&platform).to_string();
                b.link(svc, &callee, None);
            }
            if !edges_all.is_empty() && b.rng.random_bool(0.2) {
                let other = b.pick(&edges_all).to_string();
                b.link(svc, &other, Some(LinkKind::Optional));
            }
            if !internals_all.is_empty() && b.rng.random_bool(0.1) {
                let other = b.pick(&internals_all).to_string();
                b.link(svc, &other, None);
            }
            let g = b.rng.random_range(0..gateways.len());
            b.link(&gateways[g], svc, None);
            b.link(&gateways[(g + 1) % gateways.len()], svc, None);
            // The last two edges of a domain serve one capability: a redundant path.
            b.hold(svc, format!("{name}-cap{}", i.min(1)));
        }
        if b.rng.random_bool(0.3) && !internals_all.is_empty() && b.doc.nodes.len() < size {
            let queue = b.node(format!("{name}-events"), NodeKind::Queue, 3);
            let publisher = b.pick(&edges).to_string();
            b.link(&publisher, &queue, None);
            let consumer = b.pick(&internals_all).to_string();
            b.link(&queue, &consumer, None);
        }
        edges_all.extend(edges);
        internals_all.extend(middle.into_iter().chain(lower));
        d += 1;
    }
    b.functions(&clients)
}

/// The adversarial variant: every service calls services anywhere below it
/// and any of the shared databases, and every capability is served by two
/// unrelated services, so the functions' dependencies overlap at random.
pub fn tangled(size: usize, seed: u64) -> Document {
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let mut doc = Document::default();
    let add = |doc: &mut Document, id: String, kind: NodeKind, replicas: u32| {
        let mut node = Node::new(id.clone(), kind, 0.0, 0.0);
        if kind != NodeKind::Client {
            node.replicas = Some(replicas);
        }
        doc.nodes.push(node);
        id
    };
    let clients: Vec<String> = (0..1 + size / 1000)
        .map(|i| add(&mut doc, format!("client-{i}"), NodeKind::Client, 1))
        .collect();
    let lbs: Vec<String> = (0..2)
        .map(|i| {
            add(
                &mut doc,
                format!("lb-{i}"),
                NodeKind::LoadBalancer,
                rng.random_range(1..=2),
            )
        })
        .collect();
    let gateways: Vec<String> = (0..2 + size / 250)
        .map(|i| {
            add(
                &mut doc,
                format!("gw-{i}"),
                NodeKind::Gateway,
                rng.random_range(1..=3),
            )
        })
        .collect();
    let databases: Vec<String> = (0..(size / 10).max(2))
        .map(|i| {
            add(
                &mut doc,
                format!("db-{i}"),
                NodeKind::Database,
                rng.random_range(1..=3),
            )
        })
        .collect();
    let caches: Vec<String> = (0..(size / 20).max(1))
        .map(|i| {
            add(
                &mut doc,
                format!("cache-{i}"),
                NodeKind::Cache,
                rng.random_range(1..=2),
            )
        })
        .collect();
    let queues: Vec<String> = (0..(size / 40).max(1))
        .map(|i| {
            add(
                &mut doc,
                format!("queue-{i}"),
                NodeKind::Queue,
                rng.random_range(1..=3),
            )
        })
        .collect();
    let layers = if size < 100 { 3 } else { 4 };
    let services_total = size.saturating_sub(doc.nodes.len()).max(layers * 2);
    let mut layer_of: Vec<Vec<String>> = vec![Vec::new(); layers];
    for i in 0..services_total {
        // A wide top layer, narrower below.
        let layer = (i * i * layers / (services_total * services_total)).min(layers - 1);
        let id = add(
            &mut doc,
            format!("svc-{i}"),
            NodeKind::Service,
            rng.random_range(1..=3),
        );
        layer_of[layer].push(id);
    }
    let link = |doc: &mut Document, from: &str, to: &str, kind: Option<LinkKind>| {
        if from != to && !doc.links.iter().any(|l| l.from == from && l.to == to) {
            doc.links.push(Link {
                kind,
                ..Link::new(from, to)
            });
        }
    };
    for c in &clients {
        for lb in &lbs {
            link(&mut doc, c, lb, None);
        }
    }
    for lb in &lbs {
        for gw in &gateways {
            link(&mut doc, lb, gw, None);
        }
    }
    for (i, svc) in layer_of[0].iter().enumerate() {
        link(&mut doc, &gateways[i % gateways.len()], svc, None);
        link(&mut doc, &gateways[(i + 1) % gateways.len()], svc, None);
    }
    let mut capabilities = Vec::new();
    for layer in 0..layers {
        for (i, svc) in layer_of[layer].clone().iter().enumerate() {
            if layer + 1 < layers {
                for _ in 0..rng.random_range(1..=2) {
                    let below = &layer_of[rng.random_range(layer + 1..layers)];
                    let callee = below[rng.random_range(0..below.len())].clone();
                    link(&mut doc, svc, &callee, None);
                }
                if rng.random_bool(0.3) {
                    let below = &layer_of[layers - 1];
                    let callee = below[rng.random_range(0..below.len())].clone();
                    link(&mut doc, svc, &callee, Some(LinkKind::Optional));
                }
            }
            let db = &databases[rng.random_range(0..databases.len())];
            link(&mut doc, svc, db, None);
            if rng.random_bool(0.4) {
                let cache = &caches[rng.random_range(0..caches.len())];
                let kind = if rng.random_bool(0.5) {
                    None
                } else {
                    Some(LinkKind::Optional)
                };
                link(&mut doc, svc, cache, kind);
            }
            if rng.random_bool(0.15) {
                let q = rng.random_range(0..queues.len());
                link(&mut doc, svc, &queues[q], None);
            }
            let node = doc.node_index(svc).map(|v| &mut doc.nodes[v]);
            if let Some(node) = node {
                // Capability k is served by two top services: paths are redundant.
                node.capabilities = Some(if layer == 0 {
                    vec![format!("cap-{}", i / 2)]
                } else {
                    vec![]
                });
                if layer == 0 && !capabilities.contains(&format!("cap-{}", i / 2)) {
                    capabilities.push(format!("cap-{}", i / 2));
                }
            }
        }
    }
    for (i, q) in queues.iter().enumerate() {
        let consumers = &layer_of[layers - 1];
        link(&mut doc, q, &consumers[i % consumers.len()], None);
    }
    doc.functions = Some(
        clients
            .iter()
            .flat_map(|c| capabilities.iter().map(move |k| (c, k)))
            .map(|(c, k)| Function {
                id: format!("{c}:{k}"),
                label: None,
                client: c.clone(),
                capability: k.clone(),
                weight: None,
                extra: None,
            })
            .collect(),
    );
    doc
}

/// The worst case of a `survive` goal (docs/spec/model.md §6): four parallel chains of
/// services, a client calling the head of each and every tail holding the one
/// capability, so that no three failures take the function down and every set
/// of up to three nodes has to be tried. (The simulation's benchmark, which shares
/// this file, does not use it.)
#[allow(dead_code)]
pub fn parallel(size: usize) -> Document {
    let mut doc = Document::default();
    doc.nodes
        .push(Node::new("client", NodeKind::Client, 0.0, 0.0));
    let length = (size.saturating_sub(1) / 4).max(1);
    for chain in 0..4 {
        let mut previous = "client".to_string();
        for i in 0..length {
            let id = format!("c{chain}-{i}");
            let mut node = Node::new(id.clone(), NodeKind::Service, 0.0, 0.0);
            node.capabilities = Some(match i + 1 == length {
                true => vec!["serve".to_string()],
                false => Vec::new(),
            });
            doc.nodes.push(node);
            doc.links.push(Link::new(previous, id.clone()));
            previous = id;
        }
    }
    doc
}
