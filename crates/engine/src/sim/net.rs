//! The document as the simulation reads it, built once per run: nodes,
//! links and functions by index with their `extra.sim` settings applied,
//! each node's links sorted by kind (docs/spec/model.md §1.2), and the health checks
//! of docs/spec/model.md §2: which nodes work and, per function, how far each node is
//! from a working holder of its capability.
//!
//! Like the engine's topology, nothing here trusts the document: a link
//! naming an unknown node, or its own source, is left out.

use std::collections::HashMap;

use super::chaos::{default_mttr_s, Lifetimes};
use super::settings::{default_latency_ms, Breaker, Settings};
use super::SimOptions;
use crate::document::{Document, LinkKind, NodeKind};
use crate::effective_functions;

/// A node with its settings, times in seconds.
#[derive(Clone, Debug)]
pub(crate) struct SimNode {
    pub kind: NodeKind,
    pub replicas: u32,
    pub quorum: u32,
    /// Instances killed by hand in the document (docs/spec/model.md §1.1 `killed`).
    pub killed: Vec<bool>,
    pub lifetimes: Lifetimes,
    /// Seconds of service one request takes from an instance's capacity.
    pub service_s: Option<f64>,
    pub queue_limit: Option<u32>,
    pub latency_s: f64,
}

/// A link with its settings, times in seconds (infinite timeout: none).
#[derive(Clone, Debug)]
pub(crate) struct SimLink {
    pub from: usize,
    pub to: usize,
    pub kind: LinkKind,
    pub timeout_s: f64,
    pub retries: u32,
    pub backoff_s: f64,
    pub latency_s: f64,
    pub breaker: Option<Breaker>,
}

/// A zone (docs/spec/model.md §8) as chaos fails it: the instances in it
/// (global indices), whether the document has it `down`, its lifetimes.
#[derive(Clone, Debug)]
pub(crate) struct SimZone {
    pub down: bool,
    pub lifetimes: Lifetimes,
    pub instances: Vec<usize>,
}

/// A function: its client, the nodes that hold its capability, its rate.
#[derive(Clone, Debug)]
pub(crate) struct SimFunction {
    pub id: String,
    pub client: Option<usize>,
    pub holds: Vec<bool>,
    /// Requests per second.
    pub rate: f64,
}

/// The whole network.
#[derive(Clone, Debug)]
pub(crate) struct Net {
    pub nodes: Vec<SimNode>,
    /// Aligned with the document's links; a left-out link is in no list below.
    pub links: Vec<SimLink>,
    pub functions: Vec<SimFunction>,
    /// Per node, its links by kind (link indices).
    pub requires: Vec<Vec<u32>>,
    pub optional: Vec<Vec<u32>>,
    pub asynchronous: Vec<Vec<u32>>,
    /// Route, pool and requires links: what a request is forwarded along.
    pub carry: Vec<Vec<u32>>,
    /// Async links out of queues: where messages wait (docs/spec/model.md §1.2).
    pub queue_links: Vec<u32>,
    /// Per node, the nodes with a requires link to it.
    requires_in: Vec<Vec<usize>>,
    /// Per node, the nodes with a carrying link to it.
    carry_in: Vec<Vec<usize>>,
    /// Per node, the index of its first instance among all instances.
    pub first_instance: Vec<usize>,
    pub instances: usize,
    /// The document's zones, and per instance the zone it runs in.
    pub zones: Vec<SimZone>,
    pub zone_of: Vec<Option<usize>>,
}

impl Net {
    /// The network of `doc` with its settings and the run's rate, its zones
    /// repaired in `zone_mttr_s` on average.
    pub(crate) fn new(
        doc: &Document,
        settings: &Settings,
        options: &SimOptions,
        zone_mttr_s: f64,
    ) -> Net {
        let index: HashMap<&str, usize> = doc
            .nodes
            .iter()
            .enumerate()
            .rev()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let nodes: Vec<SimNode> = doc
            .nodes
            .iter()
            .zip(&settings.nodes)
            .map(|(n, s)| {
                let replicas = if n.is_client() {
                    1
                } else {
                    n.replicas().clamp(1, 1024)
                };
                let mut killed = vec![false; replicas as usize];
                for &k in n.killed.iter().filter(|_| !n.is_client()) {
                    if let Some(slot) = killed.get_mut(k as usize) {
                        *slot = true;
                    }
                }
                let mttr = s.mttr_s.unwrap_or_else(|| default_mttr_s(n.kind));
                SimNode {
                    kind: n.kind,
                    replicas,
                    quorum: if n.is_client() { 0 } else { n.quorum() },
                    killed,
                    lifetimes: match n.is_client() {
                        true => Lifetimes::new(1.0, 1.0),
                        false => Lifetimes::new(n.availability(), mttr),
                    },
                    service_s: s.capacity.map(|c| 1.0 / c),
                    queue_limit: s.queue_limit,
                    latency_s: s.latency_ms.unwrap_or_else(|| default_latency_ms(n.kind)) / 1e3,
                }
            })
            .collect();
        let len = nodes.len();
        let mut net = Net {
            links: Vec::with_capacity(doc.links.len()),
            functions: Vec::new(),
            requires: vec![Vec::new(); len],
            optional: vec![Vec::new(); len],
            asynchronous: vec![Vec::new(); len],
            carry: vec![Vec::new(); len],
            queue_links: Vec::new(),
            requires_in: vec![Vec::new(); len],
            carry_in: vec![Vec::new(); len],
            first_instance: Vec::with_capacity(len),
            instances: 0,
            zones: Vec::new(),
            zone_of: Vec::new(),
            nodes,
        };
        for node in &net.nodes {
            net.first_instance.push(net.instances);
            net.instances += node.replicas as usize;
        }
        net.place_in_zones(doc, zone_mttr_s);
        for (i, (link, s)) in doc.links.iter().zip(&settings.links).enumerate() {
            let ends = (index.get(link.from.as_str()), index.get(link.to.as_str()));
            let (from, to) = match ends {
                (Some(&f), Some(&t)) if f != t => (f, t),
                _ => (usize::MAX, usize::MAX),
            };
            let kind = match from {
                usize::MAX => LinkKind::Requires,
                _ => link
                    .kind
                    .unwrap_or(net.nodes[from].kind.default_link_kind()),
            };
            net.links.push(SimLink {
                from,
                to,
                kind,
                timeout_s: s.timeout_ms.map_or(f64::INFINITY, |t| t / 1e3),
                retries: s.retries,
                backoff_s: s.backoff_ms / 1e3,
                latency_s: s.latency_ms / 1e3,
                breaker: s.breaker,
            });
            if from == usize::MAX {
                continue;
            }
            let duplicate = net.carry[from]
                .iter()
                .chain(&net.optional[from])
                .chain(&net.asynchronous[from])
                .any(|&l| net.links[l as usize].to == to);
            if duplicate {
                continue;
            }
            let l = i as u32;
            // A client is always up and serves nothing (docs/spec/model.md §2): its
            // links only start paths.
            let client = net.nodes[from].kind == NodeKind::Client;
            match kind {
                LinkKind::Requires if !client => {
                    net.requires[from].push(l);
                    net.requires_in[to].push(from);
                }
                LinkKind::Optional if !client => net.optional[from].push(l),
                LinkKind::Async if !client => {
                    net.asynchronous[from].push(l);
                    if net.nodes[from].kind == NodeKind::Queue {
                        net.queue_links.push(l);
                    }
                }
                _ => {}
            }
            if kind.carries_requests() {
                net.carry[from].push(l);
                net.carry_in[to].push(from);
            }
        }
        let own = doc.functions.is_some();
        net.functions = effective_functions(doc)
            .iter()
            .enumerate()
            .map(|(f, function)| {
                let set = settings.functions.get(f).filter(|_| own);
                SimFunction {
                    id: function.id.clone(),
                    client: index.get(function.client.as_str()).copied(),
                    holds: doc
                        .nodes
                        .iter()
                        .map(|n| !n.is_client() && n.holds(&function.capability))
                        .collect(),
                    rate: set
                        .and_then(|s| s.rate)
                        .unwrap_or(options.rate * function.weight()),
                }
            })
            .collect();
        net
    }

    /// The zones of `doc` and the instances in each (instance i of a node in
    /// `zones[i mod len]`; a client's, or an unknown id, in none).
    fn place_in_zones(&mut self, doc: &Document, zone_mttr_s: f64) {
        self.zone_of = vec![None; self.instances];
        self.zones = doc
            .zones
            .iter()
            .map(|z| SimZone {
                down: z.is_down(),
                lifetimes: Lifetimes::new(z.availability(), zone_mttr_s),
                instances: Vec::new(),
            })
            .collect();
        for (v, n) in doc.nodes.iter().enumerate().filter(|(_, n)| !n.is_client()) {
            for i in 0..self.nodes[v].replicas {
                if let Some(z) = n.zone_of(i).and_then(|id| doc.zone_index(id)) {
                    let k = self.first_instance[v] + i as usize;
                    self.zone_of[k] = Some(z);
                    self.zones[z].instances.push(k);
                }
            }
        }
    }

    /// The shortest mean repair time of an instance or a zone holding one
    /// that can fail under chaos, in seconds (0 when none can): how long an
    /// outage lasts at least, on average, which bounds how much one failure shows.
    pub(crate) fn shortest_repair_s(&self) -> f64 {
        let zones = self.zones.iter().filter(|z| !z.instances.is_empty());
        self.nodes
            .iter()
            .map(|n| n.lifetimes)
            .chain(zones.map(|z| z.lifetimes))
            .filter(|l| l.mttf_s.is_finite() && l.mttr_s > 0.0)
            .map(|l| l.mttr_s)
            .reduce(f64::min)
            .unwrap_or(0.0)
    }

    /// The node of instance `k` (a global index) and its index in the node.
    pub(crate) fn instance_of(&self, k: usize) -> (usize, usize) {
        let node = self.first_instance.partition_point(|&first| first <= k) - 1;
        (node, k - self.first_instance[node])
    }

    /// The health checks for a given set of alive nodes (docs/spec/model.md §2).
    pub(crate) fn health(&self, alive: &[bool]) -> Health {
        let mut works = alive.to_vec();
        let mut failed: Vec<usize> = (0..works.len()).filter(|&v| !works[v]).collect();
        while let Some(u) = failed.pop() {
            for &v in &self.requires_in[u] {
                if std::mem::replace(&mut works[v], false) {
                    failed.push(v);
                }
            }
        }
        let len = self.nodes.len();
        let distance = self
            .functions
            .iter()
            .map(|f| {
                let mut distance = vec![u32::MAX; len];
                let mut frontier: Vec<usize> =
                    (0..len).filter(|&v| f.holds[v] && works[v]).collect();
                for &v in &frontier {
                    distance[v] = 0;
                }
                let mut d = 0;
                while !frontier.is_empty() {
                    d += 1;
                    let mut next = Vec::new();
                    for &u in &frontier {
                        for &v in &self.carry_in[u] {
                            if works[v] && distance[v] == u32::MAX {
                                distance[v] = d;
                                next.push(v);
                            }
                        }
                    }
                    frontier = next;
                }
                distance
            })
            .collect();
        Health { works, distance }
    }

    /// Per function, the nodes from which some carrying path leads to a
    /// holder whatever is up: where a request may be sent when no healthy
    /// way is left (it then fails there, as a real one would).
    pub(crate) fn leads(&self) -> Vec<Vec<bool>> {
        let everything = vec![true; self.nodes.len()];
        self.health(&everything)
            .distance
            .into_iter()
            .map(|d| d.into_iter().map(|d| d != u32::MAX).collect())
            .collect()
    }
}

/// What perfect health checks see (docs/spec/model.md §2: balancers and gateways route
/// around dead backends at once).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Health {
    /// docs/spec/model.md §2 `works`.
    pub works: Vec<bool>,
    /// Per function, per node: the fewest carrying links from the node to a
    /// working holder through working nodes (0 for a holder), `u32::MAX`
    /// when there is no such path.
    pub distance: Vec<Vec<u32>>,
}
