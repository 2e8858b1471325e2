//! A brute-force model of docs/spec/model.md §1.3, §2, §3 and §8, written from the spec's
//! sentences and nothing else: every combination of zone states and node states is
//! enumerated, each node's odds (given the zones) from every combination of its
//! instances' states; the fixpoints are iterated literally; paths are searched by BFS.
//! Slow on purpose and shared by the tests that check the engine against it.

#![allow(dead_code)]

use std::collections::{BTreeSet, VecDeque};

use topolab_engine::{Document, Function, LinkKind, Node, NodeKind};

/// §1.1 defaults, restated.
pub fn availability(node: &Node) -> f64 {
    node.availability.unwrap_or(match node.kind {
        NodeKind::Client => 1.0,
        NodeKind::LoadBalancer => 0.9999,
        NodeKind::Gateway => 0.9995,
        NodeKind::Service => 0.999,
        NodeKind::Database => 0.9995,
        NodeKind::Cache => 0.999,
        NodeKind::Queue => 0.9995,
        NodeKind::External => 0.99,
    })
}

/// §1.1: `[id]` for a service, else `[]`.
pub fn capabilities(node: &Node) -> Vec<String> {
    match &node.capabilities {
        Some(c) => c.clone(),
        None if node.kind == NodeKind::Service => vec![node.id.clone()],
        None => vec![],
    }
}

/// A document with its links resolved once (enumeration calls the rules millions of times).
pub struct Model {
    pub doc: Document,
    pub links: Vec<(usize, usize, LinkKind)>,
    pub capabilities: Vec<Vec<String>>,
}

impl Model {
    pub fn new(doc: &Document) -> Model {
        Model {
            doc: doc.clone(),
            links: resolve_links(doc),
            capabilities: doc.nodes.iter().map(capabilities).collect(),
        }
    }
}

/// The document's links as (from, to, kind) indices, kinds defaulted (§1.2).
fn resolve_links(doc: &Document) -> Vec<(usize, usize, LinkKind)> {
    let index = |id: &str| {
        doc.nodes
            .iter()
            .position(|n| n.id == id)
            .expect("valid link")
    };
    doc.links
        .iter()
        .map(|l| {
            let from = index(&l.from);
            let kind = l.kind.unwrap_or(match doc.nodes[from].kind {
                NodeKind::Client | NodeKind::Gateway => LinkKind::Route,
                NodeKind::LoadBalancer => LinkKind::Pool,
                NodeKind::Queue => LinkKind::Async,
                _ => LinkKind::Requires,
            });
            (from, index(&l.to), kind)
        })
        .collect()
}

fn carries(kind: LinkKind) -> bool {
    matches!(kind, LinkKind::Route | LinkKind::Pool | LinkKind::Requires)
}

/// Nodes visited by a BFS from `start` over carrying links, entering only `usable` nodes.
fn bfs(m: &Model, start: usize, usable: &dyn Fn(usize) -> bool) -> Vec<bool> {
    let mut seen = vec![false; m.doc.nodes.len()];
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &(from, to, kind) in &m.links {
            if from == v && carries(kind) && !seen[to] && usable(to) {
                seen[to] = true;
                queue.push_back(to);
            }
        }
    }
    seen
}

/// §1.3: the functions, listed or derived.
pub fn functions(m: &Model) -> Vec<Function> {
    let doc = &m.doc;
    if let Some(f) = &doc.functions {
        return f.clone();
    }
    let mut order: Vec<String> = Vec::new();
    for node in &doc.nodes {
        for k in capabilities(node) {
            if !order.contains(&k) {
                order.push(k);
            }
        }
    }
    let mut out = Vec::new();
    for (c, client) in doc
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == NodeKind::Client)
    {
        let reached = bfs(m, c, &|_| true);
        for k in &order {
            if (0..doc.nodes.len()).any(|v| reached[v] && m.capabilities[v].contains(k)) {
                out.push(Function {
                    id: format!("{}:{k}", client.id),
                    label: Some(k.clone()),
                    client: client.id.clone(),
                    capability: k.clone(),
                    weight: None,
                    extra: None,
                });
            }
        }
    }
    out
}

/// §2 `works`: start from `alive` and fail callers of failed nodes until nothing changes.
pub fn works(m: &Model, alive: &[bool]) -> Vec<bool> {
    let mut works = alive.to_vec();
    loop {
        let mut changed = false;
        for &(v, u, kind) in &m.links {
            if kind == LinkKind::Requires && works[v] && !works[u] {
                works[v] = false;
                changed = true;
            }
        }
        if !changed {
            return works;
        }
    }
}

/// §2 `degraded`: start from nothing and add nodes until nothing changes.
pub fn degraded(m: &Model, works: &[bool]) -> Vec<bool> {
    let mut degraded = vec![false; m.doc.nodes.len()];
    loop {
        let mut changed = false;
        for v in 0..m.doc.nodes.len() {
            let cause = m.links.iter().any(|&(from, u, kind)| {
                from == v
                    && ((kind == LinkKind::Optional && !works[u])
                        || (kind == LinkKind::Requires && degraded[u]))
            });
            if works[v] && cause && !degraded[v] {
                degraded[v] = true;
                changed = true;
            }
        }
        if !changed {
            return degraded;
        }
    }
}

/// §2: whether a path of nodes passing `usable` leads from the function's client to a holder.
pub fn function_works(m: &Model, f: &Function, usable: &dyn Fn(usize) -> bool) -> bool {
    let Some(c) = m.doc.nodes.iter().position(|n| n.id == f.client) else {
        return false;
    };
    let reached = bfs(m, c, usable);
    (0..m.doc.nodes.len()).any(|v| reached[v] && m.capabilities[v].contains(&f.capability))
}

/// The live view (§2): alive, works, degraded, and each function's status name.
pub struct Live {
    pub alive: Vec<bool>,
    pub works: Vec<bool>,
    pub degraded: Vec<bool>,
    pub status: Vec<&'static str>,
}

pub fn live(m: &Model) -> Live {
    let doc = &m.doc;
    let zones_up: Vec<bool> = doc.zones.iter().map(|z| z.down != Some(true)).collect();
    let alive: Vec<bool> = doc
        .nodes
        .iter()
        .map(|n| {
            let up = (0..n.replicas.unwrap_or(1))
                .filter(|&i| instance_live(doc, n, i, &zones_up))
                .count() as u32;
            n.kind == NodeKind::Client || up >= n.quorum.unwrap_or(1)
        })
        .collect();
    let works = works(m, &alive);
    let degraded = degraded(m, &works);
    let status = functions(m)
        .iter()
        .map(|f| {
            if function_works(m, f, &|v| works[v] && !degraded[v]) {
                "up"
            } else if function_works(m, f, &|v| works[v]) {
                "degraded"
            } else {
                "down"
            }
        })
        .collect();
    Live {
        alive,
        works,
        degraded,
        status,
    }
}

/// §8: the index of the zone instance `i` of `node` runs in: `zones[i mod len]`.
pub fn zone_of(doc: &Document, node: &Node, i: u32) -> Option<usize> {
    let list = node.zones.as_ref()?;
    let id = &list[i as usize % list.len()];
    doc.zones.iter().position(|z| &z.id == id)
}

/// §8 live view: an instance is up when not killed and its zone (if any) is up.
pub fn instance_live(doc: &Document, node: &Node, i: u32, zones_up: &[bool]) -> bool {
    !node.killed.contains(&i) && zone_of(doc, node, i).is_none_or(|z| zones_up[z])
}

/// P(alive) of one node from every combination of its instances' states;
/// `killed` instances are down when `with_kills`. No zone is down.
pub fn p_alive(node: &Node, with_kills: bool) -> f64 {
    p_alive_in(&Document::default(), node, with_kills, &[])
}

/// P(alive) of one node given which zones are up (§8): an instance in a zone
/// that is down is down.
pub fn p_alive_in(doc: &Document, node: &Node, with_kills: bool, zones_up: &[bool]) -> f64 {
    let (r, q, a) = (
        node.replicas.unwrap_or(1),
        node.quorum.unwrap_or(1),
        availability(node),
    );
    let mut p = 0.0;
    for state in 0u32..(1 << r) {
        let mut weight = 1.0;
        for i in 0..r {
            let up = state & (1 << i) != 0;
            let zone_down = zone_of(doc, node, i).is_some_and(|z| !zones_up[z]);
            weight *= match (up, (with_kills && node.killed.contains(&i)) || zone_down) {
                (true, true) => 0.0,
                (false, true) => 1.0,
                (true, false) => a,
                (false, false) => 1.0 - a,
            };
        }
        if state.count_ones() >= q {
            p += weight;
        }
    }
    p
}

/// Every state of the document's zones with its probability in the expected and
/// the design views (§8): a `down` zone is down in the expected view, the others
/// up with their availability (0.9999 when not given).
pub fn zone_states(doc: &Document) -> Vec<(Vec<bool>, f64, f64)> {
    let n = doc.zones.len();
    (0u32..(1 << n))
        .map(|state| {
            let up: Vec<bool> = (0..n).map(|z| state & (1 << z) != 0).collect();
            let (mut we, mut wd) = (1.0, 1.0);
            for (z, zone) in doc.zones.iter().enumerate() {
                let a = zone.availability.unwrap_or(0.9999);
                let p = if up[z] { a } else { 1.0 - a };
                wd *= p;
                we *= match zone.down == Some(true) {
                    true => f64::from(u8::from(!up[z])),
                    false => p,
                };
            }
            (up, we, wd)
        })
        .collect()
}

/// Availabilities by enumeration of every zone state and, in each, every node
/// state: per function (expected, design), then P(all) (expected, design).
pub fn availabilities(m: &Model) -> (Vec<(f64, f64)>, (f64, f64)) {
    let doc = &m.doc;
    let functions = functions(m);
    let failing: Vec<usize> = (0..doc.nodes.len())
        .filter(|&v| doc.nodes[v].kind != NodeKind::Client)
        .collect();
    let mut per_function = vec![(0.0, 0.0); functions.len()];
    let mut all = (0.0, 0.0);
    for (zones_up, ze, zd) in zone_states(doc) {
        if ze == 0.0 && zd == 0.0 {
            continue;
        }
        let odds: Vec<(f64, f64)> = failing
            .iter()
            .map(|&v| {
                let node = &doc.nodes[v];
                (
                    p_alive_in(doc, node, true, &zones_up),
                    p_alive_in(doc, node, false, &zones_up),
                )
            })
            .collect();
        for state in 0u64..(1 << failing.len()) {
            let mut alive = vec![true; doc.nodes.len()];
            let (mut we, mut wd) = (ze, zd);
            for (bit, &v) in failing.iter().enumerate() {
                let up = state & (1 << bit) != 0;
                alive[v] = up;
                we *= if up { odds[bit].0 } else { 1.0 - odds[bit].0 };
                wd *= if up { odds[bit].1 } else { 1.0 - odds[bit].1 };
            }
            if we == 0.0 && wd == 0.0 {
                continue;
            }
            let works = works(m, &alive);
            let mut every = true;
            for (f, function) in functions.iter().enumerate() {
                if function_works(m, function, &|v| works[v]) {
                    per_function[f].0 += we;
                    per_function[f].1 += wd;
                } else {
                    every = false;
                }
            }
            if every {
                all.0 += we;
                all.1 += wd;
            }
        }
    }
    (per_function, all)
}

/// §8 blast radius of zone `z`: ids of working functions down once it fails.
pub fn zone_blast_radius(m: &Model, z: usize) -> Vec<String> {
    let mut failed = m.doc.clone();
    failed.zones[z].down = Some(true);
    went_down(m, &Model::new(&failed))
}

/// §3 blast radius of node `v`: ids of working functions down once every instance is killed.
pub fn blast_radius(m: &Model, v: usize) -> Vec<String> {
    let doc = &m.doc;
    if doc.nodes[v].kind == NodeKind::Client {
        return vec![];
    }
    let mut killed = doc.clone();
    killed.nodes[v].killed = (0..doc.nodes[v].replicas.unwrap_or(1)).collect();
    went_down(m, &Model::new(&killed))
}

/// §3 spof of node `v`: one more kill (the lowest instance alive, §8: one not
/// killed whose zone is up) takes a working function down.
pub fn spof(m: &Model, v: usize) -> bool {
    let doc = &m.doc;
    let node = &doc.nodes[v];
    let zones_up: Vec<bool> = doc.zones.iter().map(|z| z.down != Some(true)).collect();
    let Some(next) =
        (0..node.replicas.unwrap_or(1)).find(|&i| instance_live(doc, node, i, &zones_up))
    else {
        return false;
    };
    if node.kind == NodeKind::Client {
        return false;
    }
    let mut killed = doc.clone();
    killed.nodes[v].killed.push(next);
    !went_down(m, &Model::new(&killed)).is_empty()
}

fn went_down(before: &Model, after: &Model) -> Vec<String> {
    let (b, a) = (live(before), live(after));
    functions(before)
        .iter()
        .enumerate()
        .filter(|&(f, _)| b.status[f] != "down" && a.status[f] == "down")
        .map(|(_, f)| f.id.clone())
        .collect()
}

fn sync_links(m: &Model) -> Vec<(usize, usize, LinkKind)> {
    let doc = &m.doc;
    m.links
        .iter()
        .copied()
        .filter(|&(v, u, k)| {
            matches!(k, LinkKind::Requires | LinkKind::Optional)
                && doc.nodes[v].kind != NodeKind::Client
                && doc.nodes[u].kind != NodeKind::Client
        })
        .collect()
}

/// §3 per node: (ca, ce, async_in, async_out).
pub fn counts(m: &Model, v: usize) -> (u32, u32, u32, u32) {
    let doc = &m.doc;
    let sync = sync_links(m);
    let asynchronous: Vec<_> = m
        .links
        .iter()
        .copied()
        .filter(|&(a, b, k)| {
            k == LinkKind::Async
                && doc.nodes[a].kind != NodeKind::Client
                && doc.nodes[b].kind != NodeKind::Client
        })
        .collect();
    let distinct = |it: &mut dyn Iterator<Item = usize>| it.collect::<BTreeSet<_>>().len() as u32;
    (
        distinct(&mut sync.iter().filter(|l| l.1 == v).map(|l| l.0)),
        distinct(&mut sync.iter().filter(|l| l.0 == v).map(|l| l.1)),
        distinct(&mut asynchronous.iter().filter(|l| l.1 == v).map(|l| l.0)),
        distinct(&mut asynchronous.iter().filter(|l| l.0 == v).map(|l| l.1)),
    )
}

/// §3 shared stores, in node order.
pub fn shared_stores(m: &Model) -> Vec<String> {
    let doc = &m.doc;
    let sync = sync_links(m);
    (0..doc.nodes.len())
        .filter(|&s| matches!(doc.nodes[s].kind, NodeKind::Database | NodeKind::Cache))
        .filter(|&s| {
            let sets: BTreeSet<BTreeSet<String>> = sync
                .iter()
                .filter(|l| l.1 == s)
                .map(|l| m.capabilities[l.0].iter().cloned().collect())
                .collect();
            sets.len() >= 2
        })
        .map(|s| doc.nodes[s].id.clone())
        .collect()
}

/// §3 cycles: nodes that reach each other over sync links, groups of two or more.
pub fn cycles(m: &Model) -> Vec<Vec<String>> {
    let doc = &m.doc;
    let n = doc.nodes.len();
    let sync = sync_links(m);
    let mut reach = vec![vec![false; n]; n];
    for &(v, u, _) in &sync {
        reach[v][u] = true;
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                if reach[i][k] && reach[k][j] {
                    reach[i][j] = true;
                }
            }
        }
    }
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut placed = vec![false; n];
    for v in 0..n {
        if placed[v] {
            continue;
        }
        let group: Vec<usize> = (0..n)
            .filter(|&u| u == v || (reach[v][u] && reach[u][v]))
            .collect();
        for &u in &group {
            placed[u] = true;
        }
        if group.len() >= 2 {
            out.push(group.iter().map(|&u| doc.nodes[u].id.clone()).collect());
        }
    }
    out
}

/// §3 sync depth of `v`: every simple path over sync links, counting requires links.
pub fn sync_depth(m: &Model, v: usize) -> u32 {
    fn walk(sync: &[(usize, usize, LinkKind)], at: usize, on: &mut Vec<bool>, gained: u32) -> u32 {
        let mut best = gained;
        for &(from, to, kind) in sync {
            if from == at && !on[to] {
                on[to] = true;
                best = best.max(walk(
                    sync,
                    to,
                    on,
                    gained + u32::from(kind == LinkKind::Requires),
                ));
                on[to] = false;
            }
        }
        best
    }
    let mut on = vec![false; m.doc.nodes.len()];
    on[v] = true;
    walk(&sync_links(m), v, &mut on, 0)
}
