//! Advice (docs/spec/model.md §7) against brute force: random small documents
//! and the spec's examples, every list of `advise` compared with an
//! enumeration written here from the spec's sentences (node states from
//! `support/brute.rs`, every change vector tried, every set of up to three
//! nodes tried), never with the code under test. Plus hand-made cases.

mod support;

use proptest::prelude::*;
use support::brute::{self, Model};
use topolab_engine::advise::{
    advise, advise_with, targets_from_goals, Advice, OptionName, SearchMethod, Settings, Target,
};
use topolab_engine::analysis::{Method, Options};
use topolab_engine::{
    parse_document, validate, Document, Function, Link, LinkKind, Node, NodeKind, Zone,
};

/// §7: at most 8 more instances, never past 64 replicas.
const MAX_ADDED: u32 = 8;
/// §6's tolerance on a met availability target.
const TOLERANCE: f64 = 1e-12;

// ---------------------------------------------------------------------------
// The brute-force model of advice.

/// P(alive) and P(not alive) of `node` with `more` instances, each summed from
/// every combination of its instances' states (killed ones down, and with
/// zones (§8) those whose zone is down in `zones_down`: bit z, `doc.zones[z]`).
fn zoned_odds(node: &Node, more: u32, zones: &[Zone], zones_down: u32) -> (f64, f64) {
    let mut grown = node.clone();
    grown.replicas = Some(node.replicas.unwrap_or(1) + more);
    let (r, q, a) = (
        grown.replicas.unwrap_or(1),
        grown.quorum.unwrap_or(1),
        brute::availability(&grown),
    );
    let (mut up, mut down) = (0.0, 0.0);
    for state in 0u32..(1 << r) {
        let mut weight = 1.0;
        for i in 0..r {
            let alive = state & (1 << i) != 0;
            let in_down_zone = grown
                .zone_of(i)
                .and_then(|id| zones.iter().position(|z| z.id == id))
                .is_some_and(|z| zones_down & (1 << z) != 0);
            weight *= match (alive, grown.killed.contains(&i) || in_down_zone) {
                (true, true) => 0.0,
                (false, true) => 1.0,
                (true, false) => a,
                (false, false) => 1.0 - a,
            };
        }
        if state.count_ones() >= q {
            up += weight;
        } else {
            down += weight;
        }
    }
    (up, down)
}

/// §6: a node's cost, or 2 for a database and 1 otherwise.
fn cost(node: &Node) -> f64 {
    node.cost.unwrap_or(if node.kind == NodeKind::Database {
        2.0
    } else {
        1.0
    })
}

/// Every state of `doc`'s zones with its probability (a zone marked down is
/// down in every state); one state of weight 1 without zones.
fn zone_states(doc: &Document) -> Vec<(f64, u32)> {
    (0u32..1 << doc.zones.len())
        .map(|down| {
            let weight = doc.zones.iter().enumerate().map(|(z, zone)| {
                let a = if zone.down == Some(true) {
                    0.0
                } else {
                    zone.availability.unwrap_or(Zone::DEFAULT_AVAILABILITY)
                };
                if down & (1 << z) != 0 {
                    1.0 - a
                } else {
                    a
                }
            });
            (weight.product(), down)
        })
        .filter(|&(w, _)| w > 0.0)
        .collect()
}

/// Everything enumeration knows about a document and its targets.
struct Truth {
    doc: Document,
    targets: Vec<Target>,
    /// Non-client nodes, in document order.
    failing: Vec<usize>,
    /// The nodes that may change (§7 Decided), in document order.
    changeable: Vec<usize>,
    /// Per changeable node: the most it may get, and its odds for 0..=most,
    /// per zone state.
    most: Vec<u32>,
    odds: Vec<Vec<Vec<(f64, f64)>>>,
    /// Every state of the zones (§8): its probability and the zones down (bit z).
    /// Without zones, one state of weight 1.
    zone_states: Vec<(f64, u32)>,
    /// Per target and zone state: P(works) per state of the changeable nodes
    /// (bit j: the j-th alive), summed over the states of the other nodes.
    tables: Vec<Vec<Vec<f64>>>,
    /// Per target: whether it works, per state of every failing node (bit i:
    /// `failing[i]` alive).
    works: Vec<Vec<bool>>,
}

impl Truth {
    fn new(doc: &Document, targets: &[Target]) -> Truth {
        let m = Model::new(doc);
        let functions = brute::functions(&m);
        let failing: Vec<usize> = (0..doc.nodes.len())
            .filter(|&v| doc.nodes[v].kind != NodeKind::Client)
            .collect();
        let changeable: Vec<usize> = failing
            .iter()
            .copied()
            .filter(|&v| {
                doc.nodes[v].kind != NodeKind::External && doc.nodes[v].replicas.unwrap_or(1) < 64
            })
            .collect();
        let most: Vec<u32> = changeable
            .iter()
            .map(|&v| MAX_ADDED.min(64 - doc.nodes[v].replicas.unwrap_or(1)))
            .collect();
        let zone_states = zone_states(doc);
        let odds = changeable
            .iter()
            .zip(&most)
            .map(|(&v, &most)| {
                (0..=most)
                    .map(|d| {
                        zone_states
                            .iter()
                            .map(|&(_, down)| zoned_odds(&doc.nodes[v], d, &doc.zones, down))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let mut works = vec![Vec::new(); targets.len()];
        for state in 0u32..(1 << failing.len()) {
            let mut alive = vec![true; doc.nodes.len()];
            for (bit, &v) in failing.iter().enumerate() {
                alive[v] = state & (1 << bit) != 0;
            }
            let w = brute::works(&m, &alive);
            let each: Vec<bool> = functions
                .iter()
                .map(|f| brute::function_works(&m, f, &|v| w[v]))
                .collect();
            for (t, target) in targets.iter().enumerate() {
                works[t].push(match &target.function {
                    None => each.iter().all(|&x| x),
                    Some(id) => functions
                        .iter()
                        .position(|f| &f.id == id)
                        .is_some_and(|f| each[f]),
                });
            }
        }
        let mut truth = Truth {
            doc: doc.clone(),
            targets: targets.to_vec(),
            failing,
            changeable,
            most,
            odds,
            zone_states,
            tables: Vec::new(),
            works,
        };
        truth.tables = (0..targets.len())
            .map(|t| {
                (0..truth.zone_states.len())
                    .map(|s| truth.table(t, s))
                    .collect()
            })
            .collect();
        truth
    }

    /// Target `t`'s table over the changeable nodes' states, in zone state `s`.
    fn table(&self, t: usize, s: usize) -> Vec<f64> {
        let zones_down = self.zone_states[s].1;
        let mut table = vec![0.0; 1 << self.changeable.len()];
        for (state, &works) in self.works[t].iter().enumerate() {
            if !works {
                continue;
            }
            let (mut weight, mut mask) = (1.0, 0usize);
            for (bit, &v) in self.failing.iter().enumerate() {
                let alive = state & (1 << bit) != 0;
                match self.changeable.iter().position(|&c| c == v) {
                    Some(j) => mask |= usize::from(alive) << j,
                    None => {
                        let node = &self.doc.nodes[v];
                        let (up, down) = zoned_odds(node, 0, &self.doc.zones, zones_down);
                        weight *= if alive { up } else { down };
                    }
                }
            }
            table[mask] += weight;
        }
        table
    }

    /// Every target's value with `d[j]` more instances on the j-th changeable node.
    fn values(&self, d: &[u32]) -> Vec<f64> {
        self.tables
            .iter()
            .map(|per_state| {
                per_state
                    .iter()
                    .zip(&self.zone_states)
                    .enumerate()
                    .map(|(s, (table, &(weight, _)))| {
                        let mut t = table.clone();
                        for (j, &dj) in d.iter().enumerate() {
                            let (up, down) = self.odds[j][dj as usize][s];
                            t = (0..t.len() / 2)
                                .map(|m| t[2 * m + 1] * up + t[2 * m] * down)
                                .collect();
                        }
                        weight * t[0]
                    })
                    .sum()
            })
            .collect()
    }

    fn meets(&self, values: &[f64]) -> bool {
        values
            .iter()
            .zip(&self.targets)
            .all(|(v, t)| *v >= t.min - TOLERANCE)
    }

    /// The smallest distance between a value and its threshold, over every change.
    fn closest_call(&self, values: &[f64]) -> f64 {
        values
            .iter()
            .zip(&self.targets)
            .map(|(v, t)| (v - (t.min - TOLERANCE)).abs())
            .fold(f64::INFINITY, f64::min)
    }

    fn best(&self) -> Vec<u32> {
        self.most.clone()
    }

    fn cost_of(&self, d: &[u32]) -> f64 {
        d.iter()
            .enumerate()
            .map(|(j, &n)| f64::from(n) * cost(&self.doc.nodes[self.changeable[j]]))
            .sum()
    }

    /// Every change with at most `max_nodes` nodes changed and cost at most
    /// `max_cost`, visited with its values.
    fn each_change(&self, max_nodes: usize, max_cost: f64, visit: &mut dyn FnMut(&[u32], &[f64])) {
        fn walk(
            truth: &Truth,
            d: &mut Vec<u32>,
            (max_nodes, max_cost): (usize, f64),
            visit: &mut dyn FnMut(&[u32], &[f64]),
        ) {
            let j = d.len();
            if j == truth.changeable.len() {
                visit(d, &truth.values(d));
                return;
            }
            let nodes = d.iter().filter(|&&n| n > 0).count();
            for n in 0..=truth.most[j] {
                d.push(n);
                if (n == 0 || nodes < max_nodes) && truth.cost_of(d) <= max_cost + 1e-9 {
                    walk(truth, d, (max_nodes, max_cost), visit);
                }
                d.pop();
            }
        }
        walk(self, &mut Vec::new(), (max_nodes, max_cost), visit);
    }
}

/// The spec's order of changes (§7 "Ties"): the option's own figure first,
/// then the other, then fewer instances, then more on earlier nodes.
fn better(truth: &Truth, fewest: bool, a: &[u32], b: &[u32]) -> bool {
    let nodes = |d: &[u32]| d.iter().filter(|&&n| n > 0).count();
    let (ca, cb) = (truth.cost_of(a), truth.cost_of(b));
    let cost = if (ca - cb).abs() <= 1e-9 {
        std::cmp::Ordering::Equal
    } else {
        ca.total_cmp(&cb)
    };
    let order = match fewest {
        false => cost.then(nodes(a).cmp(&nodes(b))),
        true => nodes(a).cmp(&nodes(b)).then(cost),
    };
    let instances = |d: &[u32]| d.iter().sum::<u32>();
    order
        .then(instances(a).cmp(&instances(b)))
        .then_with(|| b.cmp(a))
        == std::cmp::Ordering::Less
}

/// The best change that meets every target among those `each_change` visits.
fn brute_option(truth: &Truth, fewest: bool, caps: (usize, f64)) -> Option<Vec<u32>> {
    let mut best: Option<Vec<u32>> = None;
    truth.each_change(caps.0, caps.1, &mut |d, values| {
        if truth.meets(values) && best.as_ref().is_none_or(|b| better(truth, fewest, d, b)) {
            best = Some(d.to_vec());
        }
    });
    best
}

/// Whether some set of fewer than `nodes` changeable nodes, each at its most,
/// meets every target.
fn fewer_nodes_meet(truth: &Truth, nodes: usize) -> bool {
    let k = truth.changeable.len();
    (0u32..1 << k)
        .filter(|set| (set.count_ones() as usize) < nodes)
        .any(|set| {
            let d: Vec<u32> = (0..k)
                .map(|j| {
                    if set & (1 << j) != 0 {
                        truth.most[j]
                    } else {
                        0
                    }
                })
                .collect();
            truth.meets(&truth.values(&d))
        })
}

/// Birnbaum importance of failing node `i` for target `t`, as it is: the
/// other nodes' states weighed in each state of the zones (§8), in which they
/// fail independently.
fn birnbaum(truth: &Truth, t: usize, i: usize) -> f64 {
    let zones = &truth.doc.zones;
    let mut forced = [0.0, 0.0];
    for &(p_zones, zones_down) in &truth.zone_states {
        let odds: Vec<(f64, f64)> = truth
            .failing
            .iter()
            .map(|&v| zoned_odds(&truth.doc.nodes[v], 0, zones, zones_down))
            .collect();
        for (state, &works) in truth.works[t].iter().enumerate() {
            if !works {
                continue;
            }
            let mut weight = p_zones;
            for (bit, &(up, down)) in odds.iter().enumerate() {
                if bit != i {
                    weight *= if state & (1 << bit) != 0 { up } else { down };
                }
            }
            forced[usize::from(state & (1 << i) != 0)] += weight;
        }
    }
    forced[1] - forced[0]
}

/// §8 `limited_by_zones` of target `t`: with the best change made, every
/// instance up and every other zone up, the zones whose failure alone takes
/// it down (none when it does not work with everything up).
fn brute_limited_by_zones(truth: &Truth, t: usize) -> Vec<String> {
    let best = truth.best();
    let grown: Vec<Node> = truth
        .failing
        .iter()
        .map(|&v| {
            let mut node = truth.doc.nodes[v].clone();
            if let Some(j) = truth.changeable.iter().position(|&c| c == v) {
                node.replicas = Some(node.replicas.unwrap_or(1) + best[j]);
            }
            node
        })
        .collect();
    // The failing nodes alive (bit i) when zone `failed` (if any) is down.
    let state = |failed: Option<&str>| -> usize {
        grown
            .iter()
            .enumerate()
            .filter(|(_, node)| {
                let r = node.replicas.unwrap_or(1);
                let up = (0..r)
                    .filter(|&i| failed.is_none() || node.zone_of(i) != failed)
                    .count();
                up >= node.quorum.unwrap_or(1) as usize
            })
            .map(|(i, _)| 1 << i)
            .sum()
    };
    if !truth.works[t][state(None)] {
        return Vec::new();
    }
    truth
        .doc
        .zones
        .iter()
        .filter(|z| !truth.works[t][state(Some(&z.id))])
        .map(|z| z.id.clone())
        .collect()
}

/// The probability that node `v` is not alive in the expected view: over
/// every state of the zones.
fn p_down(truth: &Truth, v: usize) -> f64 {
    truth
        .zone_states
        .iter()
        .map(|&(p, down)| p * zoned_odds(&truth.doc.nodes[v], 0, &truth.doc.zones, down).1)
        .sum()
}

/// Sorted largest first, runs equal within a relative 1e-9 by `then`.
fn ranked<T: Clone>(
    mut items: Vec<T>,
    value: impl Fn(&T) -> f64,
    then: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> Vec<T> {
    items.sort_by(|a, b| value(b).total_cmp(&value(a)));
    let mut out = Vec::new();
    let mut rest = items.as_slice();
    while let Some(first) = rest.first() {
        let top = value(first);
        let run = rest
            .iter()
            .take_while(|x| top - value(x) <= 1e-9 * top.abs())
            .count();
        let mut group = rest[..run].to_vec();
        group.sort_by(&then);
        out.extend(group);
        rest = &rest[run..];
    }
    out
}

/// §7 `importance` of target `t`: (node id, Birnbaum) above 1e-12, ranked.
fn brute_importance(truth: &Truth, t: usize) -> Vec<(String, f64)> {
    let all: Vec<(usize, f64)> = (0..truth.failing.len())
        .map(|i| (truth.failing[i], birnbaum(truth, t, i)))
        .filter(|&(_, b)| b > 1e-12)
        .collect();
    ranked(all, |x| x.1, |a, b| a.0.cmp(&b.0))
        .into_iter()
        .map(|(v, b)| (truth.doc.nodes[v].id.clone(), b))
        .collect()
}

/// §7 `cut_sets` of target `t`: every minimal set of at most three failing
/// nodes that takes it down with every other node alive (kills ignored).
fn brute_cut_sets(truth: &Truth, t: usize) -> Vec<(Vec<String>, f64)> {
    let n = truth.failing.len();
    let all_alive = (1usize << n) - 1;
    let cuts = |set: usize| !truth.works[t][all_alive & !set];
    let mut minimal = Vec::new();
    for set in 0usize..(1 << n) {
        if set.count_ones() > 3 || !cuts(set) {
            continue;
        }
        let smaller_cuts = (0..n).any(|b| set & (1 << b) != 0 && cuts(set & !(1 << b)));
        if !smaller_cuts {
            let nodes: Vec<usize> = (0..n)
                .filter(|b| set & (1 << b) != 0)
                .map(|b| truth.failing[b])
                .collect();
            let p = nodes.iter().map(|&v| p_down(truth, v)).product::<f64>();
            minimal.push((nodes, p));
        }
    }
    let mut sorted = ranked(
        minimal,
        |x| x.1,
        |a, b| a.0.len().cmp(&b.0.len()).then_with(|| a.0.cmp(&b.0)),
    );
    sorted.truncate(10);
    sorted
        .into_iter()
        .map(|(nodes, p)| {
            (
                nodes
                    .iter()
                    .map(|&v| truth.doc.nodes[v].id.clone())
                    .collect(),
                p,
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Checking an advice against the truth.

fn close(a: f64, b: f64, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        (a - b).abs() <= 1e-12,
        "{what}: advise {a} != brute force {b}"
    );
    Ok(())
}

/// The change an option names, as added instances per changeable node.
fn change_of(truth: &Truth, advice: &Advice, name: OptionName) -> Option<Vec<u32>> {
    let option = advice.options.iter().find(|o| o.name == name)?;
    let mut d = vec![0; truth.changeable.len()];
    for added in &option.add {
        let v = truth.doc.node_index(&added.node)?;
        d[truth.changeable.iter().position(|&c| c == v)?] = added.instances;
    }
    Some(d)
}

/// Targets, unreachable, importance and cut sets against brute force.
fn check_lists(truth: &Truth, advice: &Advice) -> Result<(), TestCaseError> {
    let now = truth.values(&vec![0; truth.changeable.len()]);
    let best = truth.values(&truth.best());
    prop_assert_eq!(advice.targets.len(), truth.targets.len());
    for (t, report) in advice.targets.iter().enumerate() {
        prop_assert_eq!(
            &report.function,
            truth.targets[t].function.as_deref().unwrap_or("all")
        );
        close(report.value, now[t], "target value")?;
        prop_assert_eq!(report.met, now[t] >= truth.targets[t].min - TOLERANCE);
    }
    let unreachable: Vec<usize> = (0..truth.targets.len())
        .filter(|&t| best[t] < truth.targets[t].min - TOLERANCE)
        .collect();
    prop_assert_eq!(
        advice.unreachable.len(),
        unreachable.len(),
        "unreachable targets"
    );
    for (entry, &t) in advice.unreachable.iter().zip(&unreachable) {
        close(entry.best, best[t], "best")?;
        let zones = (!truth.doc.zones.is_empty()).then(|| brute_limited_by_zones(truth, t));
        prop_assert_eq!(&entry.limited_by_zones, &zones, "limited_by_zones");
    }
    let mut seen: Vec<&str> = Vec::new();
    let firsts: Vec<usize> = (0..truth.targets.len())
        .filter(|&t| {
            let name = truth.targets[t].function.as_deref().unwrap_or("all");
            !seen.contains(&name) && {
                seen.push(name);
                true
            }
        })
        .collect();
    prop_assert_eq!(advice.importance.len(), firsts.len());
    prop_assert_eq!(advice.cut_sets.len(), firsts.len());
    for (k, &t) in firsts.iter().enumerate() {
        let expected = brute_importance(truth, t);
        let got = &advice.importance[k].nodes;
        // Figures are exact to about 1e-12: a node whose importance is that close
        // to the 1e-12 threshold may be listed or not. Every other one is listed,
        // in order, with its value.
        let clear = |v: f64| v >= 1e-10;
        let ids: Vec<&str> = got
            .iter()
            .filter(|n| clear(n.birnbaum))
            .map(|n| n.id.as_str())
            .collect();
        prop_assert_eq!(
            ids,
            expected
                .iter()
                .filter(|e| clear(e.1))
                .map(|e| e.0.as_str())
                .collect::<Vec<_>>(),
            "importance order"
        );
        for n in got {
            let truth = expected.iter().find(|e| e.0 == n.id).map_or(0.0, |e| e.1);
            close(n.birnbaum, truth, &format!("birnbaum of {}", n.id))?;
        }
        let expected = brute_cut_sets(truth, t);
        let got = &advice.cut_sets[k].sets;
        let sets: Vec<&Vec<String>> = got.iter().map(|s| &s.nodes).collect();
        prop_assert_eq!(
            sets,
            expected.iter().map(|e| &e.0).collect::<Vec<_>>(),
            "cut sets"
        );
        for (s, e) in got.iter().zip(&expected) {
            close(s.probability, e.1, "cut set probability")?;
        }
    }
    Ok(())
}

/// The options against the best changes by brute force (within `caps`, which
/// must hold the optimum: the caller takes them from the options).
fn check_options(truth: &Truth, advice: &Advice, exhaustive: bool) -> Result<(), TestCaseError> {
    let now = truth.values(&vec![0; truth.changeable.len()]);
    let best = truth.values(&truth.best());
    let unmet = !truth.meets(&now);
    if !unmet || !truth.meets(&best) {
        prop_assert!(
            advice.options.is_empty(),
            "no options when all met or one unreachable"
        );
        return Ok(());
    }
    prop_assert_eq!(advice.options.len(), 2);
    for (name, fewest) in [
        (OptionName::Cheapest, false),
        (OptionName::FewestNodes, true),
    ] {
        let got = change_of(truth, advice, name)
            .ok_or_else(|| TestCaseError::fail("option names unknown nodes"))?;
        let option = advice
            .options
            .iter()
            .find(|o| o.name == name)
            .ok_or_else(|| TestCaseError::fail("option"))?;
        prop_assert!(option.method.is_none(), "{name:?}: exact search expected");
        let values = truth.values(&got);
        prop_assert!(truth.meets(&values), "{name:?} misses a target: {values:?}");
        for (v, e) in option.values.iter().zip(&values) {
            close(v.value, *e, "option value")?;
        }
        close(option.cost, truth.cost_of(&got), "option cost")?;
        let (nodes, cost) = (got.iter().filter(|&&n| n > 0).count(), truth.cost_of(&got));
        // Without enumerating everything: the optimum costs no more than the
        // option (and, for fewest_nodes, has no more nodes, and no fewer when
        // no smaller set of nodes at their most meets the targets).
        let caps = match (exhaustive, fewest) {
            (true, _) => (usize::MAX, f64::INFINITY),
            (false, false) => (usize::MAX, cost),
            (false, true) => {
                prop_assert!(
                    !fewer_nodes_meet(truth, nodes),
                    "a smaller set of nodes meets the targets"
                );
                (nodes, cost)
            }
        };
        let expected = brute_option(truth, fewest, caps);
        prop_assert_eq!(Some(got), expected, "{:?}", name);
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Random documents.

const AVAILABILITIES: [f64; 5] = [0.9, 0.95, 0.99, 0.8, 0.999];
const COSTS: [Option<f64>; 4] = [None, Some(0.5), Some(3.0), Some(1.0)];
const KINDS: [NodeKind; 5] = [
    NodeKind::Service,
    NodeKind::Database,
    NodeKind::Cache,
    NodeKind::LoadBalancer,
    NodeKind::Service,
];
const MINS: [f64; 6] = [0.9, 0.97, 0.99, 0.995, 0.999, 0.9995];

/// (kind, replicas, quorum, availability, cost, killed first, holds a, holds b,
/// parent: the node, earlier or the client, with a link to it)
type Seed = (usize, u32, u32, usize, usize, bool, bool, bool, usize);

fn build(seeds: &[Seed], external: Option<usize>, links: &[(usize, usize, usize)]) -> Document {
    let mut doc = Document::default();
    doc.nodes.push(Node::new("c", NodeKind::Client, 0.0, 0.0));
    for (i, &(kind, replicas, quorum, a, c, killed, hold_a, hold_b, _)) in seeds.iter().enumerate()
    {
        let mut node = Node::new(format!("n{i}"), KINDS[kind], 0.0, 0.0);
        node.replicas = Some(replicas);
        node.quorum = Some(1 + quorum % replicas);
        node.availability = Some(AVAILABILITIES[a]);
        node.cost = COSTS[c];
        node.killed = if killed && replicas > 1 {
            vec![0]
        } else {
            vec![]
        };
        let mut caps = Vec::new();
        if hold_a || i + 1 == seeds.len() {
            caps.push("a".to_string());
        }
        if hold_b {
            caps.push("b".to_string());
        }
        node.capabilities = Some(caps);
        doc.nodes.push(node);
    }
    if external.is_some() {
        let mut ext = Node::new("ext", NodeKind::External, 0.0, 0.0);
        ext.availability = Some(0.995);
        doc.nodes.push(ext);
    }
    let n = doc.nodes.len();
    let add = |doc: &mut Document, from: usize, to: usize, kind: Option<LinkKind>| {
        let exists = doc
            .links
            .iter()
            .any(|l| l.from == doc.nodes[from].id && l.to == doc.nodes[to].id);
        if from != to && to != 0 && !exists {
            doc.links.push(Link {
                kind,
                ..Link::new(doc.nodes[from].id.clone(), doc.nodes[to].id.clone())
            });
        }
    };
    // Every node is reached: a carrying link from an earlier node or the client.
    for (i, seed) in seeds.iter().enumerate() {
        let parent = seed.8 % (i + 1);
        let kind = if parent == 0 {
            Some(LinkKind::Route)
        } else {
            None
        };
        add(&mut doc, parent, i + 1, kind);
    }
    if let Some(from) = external {
        add(
            &mut doc,
            1 + from % seeds.len(),
            n - 1,
            Some(LinkKind::Requires),
        );
    }
    for &(from, to, kind) in links {
        let kind = match kind {
            0 | 1 => None,
            2 => Some(LinkKind::Requires),
            3 => Some(LinkKind::Optional),
            4 => Some(LinkKind::Route),
            _ => Some(LinkKind::Async),
        };
        add(&mut doc, from % n, to % n, kind);
    }
    let holds = |k: &str| {
        doc.nodes
            .iter()
            .any(|node| node.capabilities.iter().flatten().any(|c| c == k))
    };
    let mut functions = vec![Function {
        id: "fa".into(),
        label: None,
        client: "c".into(),
        capability: "a".into(),
        weight: None,
        extra: None,
    }];
    if holds("b") {
        functions.push(Function {
            id: "fb".into(),
            capability: "b".into(),
            ..functions[0].clone()
        });
    }
    doc.functions = Some(functions);
    doc
}

fn documents() -> impl Strategy<Value = (Document, Vec<Target>)> {
    let seed = (
        (0..KINDS.len(), 1u32..=2, 0u32..2, 0..AVAILABILITIES.len()),
        (
            0..COSTS.len(),
            prop::bool::weighted(0.15),
            any::<bool>(),
            prop::bool::weighted(0.3),
            0usize..6,
        ),
    )
        .prop_map(|((k, r, q, a), (c, killed, ha, hb, parent))| {
            (k, r, q, a, c, killed, ha, hb, parent)
        });
    (
        prop::collection::vec(seed, 2..=5),
        prop::option::weighted(0.3, 0usize..5),
        prop::collection::vec((0usize..8, 0usize..8, 0usize..6), 0..8),
        prop::collection::vec((0usize..3, 0..MINS.len()), 1..=2),
    )
        .prop_map(|(seeds, external, links, targets)| {
            let doc = build(&seeds, external, &links);
            let has_b = doc.functions.as_ref().is_some_and(|f| f.len() > 1);
            let targets = targets
                .into_iter()
                .map(|(f, m)| Target {
                    function: match f {
                        0 => None,
                        2 if has_b => Some("fb".to_string()),
                        _ => Some("fa".to_string()),
                    },
                    min: MINS[m],
                })
                .collect();
            (doc, targets)
        })
}

/// Every list and option of `advise` on a valid `doc` against enumeration.
fn equals_enumeration(doc: &Document, targets: &[Target]) -> Result<(), TestCaseError> {
    let problems = validate(doc);
    prop_assert!(
        problems.is_empty(),
        "generated an invalid document: {problems:?}"
    );
    let truth = Truth::new(doc, targets);
    // A value within rounding of its threshold has no one answer.
    let mut closest = f64::INFINITY;
    truth.each_change(usize::MAX, f64::INFINITY, &mut |_, values| {
        closest = closest.min(truth.closest_call(values));
    });
    prop_assume!(closest > 1e-10);
    let advice = advise(doc, targets);
    check_lists(&truth, &advice)?;
    check_options(&truth, &advice, true)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn advice_equals_enumeration((doc, targets) in documents()) {
        equals_enumeration(&doc, &targets)?;
    }
}

/// Zone availabilities drawn from: low enough that zones matter to the targets.
const ZONE_AVAILABILITIES: [f64; 4] = [0.99, 0.9, 0.999, 0.95];

/// `documents()` with one to three zones (§8), now and then one taken down,
/// and a zone list on most non-client nodes (instance i in its list's i mod len).
fn zoned_documents() -> impl Strategy<Value = (Document, Vec<Target>)> {
    (
        documents(),
        1usize..=3,
        prop::collection::vec(0..ZONE_AVAILABILITIES.len(), 3),
        prop::collection::vec(prop::bool::weighted(0.1), 3),
        prop::collection::vec(
            prop::option::weighted(0.75, prop::collection::vec(0usize..3, 1..=3)),
            8,
        ),
    )
        .prop_map(|((mut doc, targets), n, availabilities, down, lists)| {
            doc.zones = (0..n)
                .map(|z| Zone {
                    id: format!("z{z}"),
                    label: None,
                    availability: Some(ZONE_AVAILABILITIES[availabilities[z]]),
                    down: down[z].then_some(true),
                })
                .collect();
            for (node, list) in doc.nodes.iter_mut().zip(lists) {
                let Some(list) = list.filter(|_| node.kind != NodeKind::Client) else {
                    continue;
                };
                let mut ids: Vec<String> = Vec::new();
                for id in list.iter().map(|z| format!("z{}", z % n)) {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                node.zones = Some(ids);
            }
            (doc, targets)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// With zones, advice still equals an enumeration, which sums over every
    /// state of the zones.
    #[test]
    fn advice_with_zones_equals_enumeration((doc, targets) in zoned_documents()) {
        equals_enumeration(&doc, &targets)?;
    }
}

// ---------------------------------------------------------------------------
// Hand-made cases.

fn document(json: &str) -> Document {
    parse_document(json).unwrap_or_else(|p| panic!("invalid test document: {p:?}"))
}

fn target(function: Option<&str>, min: f64) -> Target {
    Target {
        function: function.map(str::to_string),
        min,
    }
}

#[test]
fn an_external_caps_its_function_and_is_named_as_the_limit() {
    let doc = document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "web", "kind": "client"},
            {"id": "api", "kind": "service", "capabilities": ["pay"]},
            {"id": "psp", "kind": "external", "availability": 0.99}],
          "links": [{"from": "web", "to": "api"}, {"from": "api", "to": "psp"}]}"#,
    );
    let advice = advise(&doc, &[target(Some("web:pay"), 0.999)]);
    assert!(advice.options.is_empty(), "no change meets it");
    assert_eq!(advice.unreachable.len(), 1);
    let unreachable = &advice.unreachable[0];
    assert_eq!(unreachable.function, "web:pay");
    assert_eq!(unreachable.limited_by, vec!["psp".to_string()]);
    // api with 9 instances: 1 - 0.001^9, times the external's 0.99.
    let best = (1.0 - 0.001f64.powi(9)) * 0.99;
    assert!(
        (unreachable.best - best).abs() < 1e-12,
        "{} != {best}",
        unreachable.best
    );
    let truth = Truth::new(&doc, &[target(Some("web:pay"), 0.999)]);
    check_lists(&truth, &advice).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn cheapest_and_fewest_nodes_may_differ() {
    // checkout works through x, or through y and z: one more x (cost 3), or
    // one more y and z (0.5 each).
    let doc = document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "web", "kind": "client"},
            {"id": "x", "kind": "service", "availability": 0.9, "cost": 3, "capabilities": ["checkout"]},
            {"id": "y", "kind": "service", "availability": 0.9, "cost": 0.5, "capabilities": []},
            {"id": "z", "kind": "service", "availability": 0.9, "cost": 0.5, "capabilities": ["checkout"]}],
          "links": [{"from": "web", "to": "x"}, {"from": "web", "to": "y"},
                    {"from": "y", "to": "z", "kind": "requires"}]}"#,
    );
    let targets = [target(Some("web:checkout"), 0.995)];
    let advice = advise(&doc, &targets);
    let names = |i: usize| -> Vec<(&str, u32)> {
        advice.options[i]
            .add
            .iter()
            .map(|a| (a.node.as_str(), a.instances))
            .collect()
    };
    assert_eq!(names(0), vec![("y", 1), ("z", 1)]);
    assert_eq!(advice.options[0].cost, 1.0);
    assert_eq!(names(1), vec![("x", 1)]);
    assert_eq!(advice.options[1].cost, 3.0);
    let truth = Truth::new(&doc, &targets);
    check_options(&truth, &advice, true).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_met_target_gets_no_options() {
    let doc = document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "web", "kind": "client"},
            {"id": "api", "kind": "service", "replicas": 2, "capabilities": ["shop"]}],
          "links": [{"from": "web", "to": "api"}]}"#,
    );
    let advice = advise(&doc, &[target(None, 0.999)]);
    assert!(advice.targets[0].met, "1 - 0.001^2 meets three nines");
    assert!(advice.options.is_empty() && advice.unreachable.is_empty());
    assert_eq!(advice.importance.len(), 1);
    assert_eq!(advice.importance[0].function, "all");
}

#[test]
fn a_function_that_never_works_is_cut_by_the_empty_set() {
    let doc = document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "web", "kind": "client"},
            {"id": "api", "kind": "service", "capabilities": ["shop"]},
            {"id": "lost", "kind": "service", "capabilities": ["pay"]}],
          "links": [{"from": "web", "to": "api"}],
          "functions": [{"id": "pay", "client": "web", "capability": "pay"}]}"#,
    );
    let targets = [target(Some("pay"), 0.9)];
    let advice = advise(&doc, &targets);
    assert_eq!(advice.unreachable.len(), 1);
    assert_eq!(advice.unreachable[0].best, 0.0);
    let sets = &advice.cut_sets[0].sets;
    assert_eq!(sets.len(), 1);
    assert!(sets[0].nodes.is_empty() && sets[0].probability == 1.0);
    let truth = Truth::new(&doc, &targets);
    check_lists(&truth, &advice).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn past_the_exact_budgets_only_the_targets_are_given_as_analyze_reports_them() {
    let doc = document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "web", "kind": "client"},
            {"id": "api", "kind": "service", "capabilities": ["shop"]},
            {"id": "db", "kind": "database"}],
          "links": [{"from": "web", "to": "api"}, {"from": "api", "to": "db"}]}"#,
    );
    let settings = Settings {
        analysis: Options {
            bdd_node_budget: 1,
            ..Options::default()
        },
        ..Settings::default()
    };
    let targets = [target(None, 0.9999)];
    let advice = advise_with(&doc, &targets, &settings);
    assert_eq!(advice.method, Some(Method::MonteCarlo));
    let truth = Truth::new(&doc, &targets);
    let now = truth.values(&[0, 0]);
    assert!((advice.targets[0].value - now[0]).abs() < 1e-12);
    assert!(!advice.targets[0].met);
    assert!(advice.options.is_empty() && advice.unreachable.is_empty());
    assert!(advice.importance.is_empty() && advice.cut_sets.is_empty());
    assert_eq!(
        advise(&doc, &targets).method,
        None,
        "within the budgets, exact"
    );
}

#[test]
fn no_targets_give_empty_lists() {
    let doc = document(r#"{"format": "topolab/1", "nodes": [{"id": "web", "kind": "client"}]}"#);
    let advice = advise(&doc, &[]);
    assert!(advice.targets.is_empty() && advice.options.is_empty());
    assert!(
        advice.importance.is_empty() && advice.cut_sets.is_empty() && advice.unreachable.is_empty()
    );
}

#[test]
fn the_documents_availability_goals_are_the_targets() {
    let doc = document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "web", "kind": "client"},
            {"id": "api", "kind": "service", "capabilities": ["shop"]},
            {"id": "db", "kind": "database"}],
          "links": [{"from": "web", "to": "api"}, {"from": "api", "to": "db"}],
          "goals": [{"kind": "no_spof"},
                    {"kind": "availability", "function": "web:shop", "nines": 4},
                    {"kind": "availability", "min": 0.99}]}"#,
    );
    let targets = targets_from_goals(&doc);
    assert_eq!(
        targets,
        vec![target(Some("web:shop"), 0.9999), target(None, 0.99)]
    );
    let advice = advise(&doc, &targets);
    // api 0.999 and db 0.9995 in series: one more of each is the only way to
    // four nines, and costs 1 + 2.
    let cheapest = &advice.options[0];
    assert_eq!(cheapest.cost, 3.0);
    let truth = Truth::new(&doc, &targets);
    check_lists(&truth, &advice).unwrap_or_else(|e| panic!("{e}"));
    check_options(&truth, &advice, true).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn out_of_steps_the_options_are_the_heuristics_and_say_so() {
    let doc = document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "web", "kind": "client"},
            {"id": "a", "kind": "service", "capabilities": ["shop"]},
            {"id": "b", "kind": "service"},
            {"id": "db", "kind": "database"}],
          "links": [{"from": "web", "to": "a"}, {"from": "a", "to": "b"}, {"from": "b", "to": "db"}]}"#,
    );
    let targets = [target(None, 0.9999)];
    let settings = Settings {
        search_steps: 0,
        ..Settings::default()
    };
    let advice = advise_with(&doc, &targets, &settings);
    let truth = Truth::new(&doc, &targets);
    assert_eq!(advice.options.len(), 2);
    for option in &advice.options {
        assert_eq!(option.method, Some(SearchMethod::Heuristic));
        let d = change_of(&truth, &advice, option.name).expect("known nodes");
        assert!(
            truth.meets(&truth.values(&d)),
            "{:?} meets the target",
            option.name
        );
    }
}

/// The spec's examples with four nines on every function and on `all`.
#[test]
fn the_spec_examples_with_four_nines() {
    for name in ["monolith", "cluster", "distributed", "microservices"] {
        let path = format!(
            "{}/../../docs/spec/examples/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let doc = document(&text);
        let functions = topolab_engine::effective_functions(&doc);
        let mut targets: Vec<Target> = functions
            .iter()
            .map(|f| target(Some(&f.id), 0.9999))
            .collect();
        targets.push(target(None, 0.9999));
        let advice = advise(&doc, &targets);
        let truth = Truth::new(&doc, &targets);
        check_lists(&truth, &advice).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_options(&truth, &advice, false).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(advice.options.len(), 2, "{name}: four nines is reachable");
    }
}
