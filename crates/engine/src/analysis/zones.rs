//! Zones in the analysis (docs/spec/model.md §8): failures common to every instance
//! that runs in them. Instance i of a node runs in its `zones[i mod len]`.
//!
//! Given the state of every zone, nodes fail independently again, so every
//! exact figure is a sum over zone states: P(state) times the figure with each
//! node's P(alive) in that state. A view's [`Mixture`] lists those states with
//! their nodes' odds. Only zones holding an instance of a node that matters are
//! summed over, a `down` zone is down in the expected view, and a zone up for
//! sure is up; a state less likely than [`NEGLIGIBLE_STATE`] is left out (all
//! of them together weigh less than 2^17 of it, far below the 1e-12 figures
//! are exact to). A document without zones has one state of weight 1, whose
//! figures are exactly those of its odds.

use super::up_probability::{binomial_tails, instances_left, Odds, View};
use crate::document::{Document, Node};

/// A zone state less likely than this is left out of the sum.
pub(crate) const NEGLIGIBLE_STATE: f64 = 1e-18;

/// A bit per zone (at most 16 in a valid document; more are never down).
pub(crate) type ZoneSet = u32;

/// The bit of zone `z`, none past the 32nd.
pub(crate) fn bit(z: usize) -> ZoneSet {
    1u32.checked_shl(z as u32).unwrap_or(0)
}

/// The zones the user killed (`down`).
pub(crate) fn down_zones(doc: &Document) -> ZoneSet {
    doc.zones
        .iter()
        .enumerate()
        .filter(|(_, z)| z.is_down())
        .fold(0, |set, (z, _)| set | bit(z))
}

/// The zone of each of `node`'s instances, by index into the document's zones
/// (empty for a node in no zone; an unknown id is in no zone).
pub(crate) fn zone_list(doc: &Document, node: &Node) -> Vec<Option<usize>> {
    node.zones
        .iter()
        .flatten()
        .map(|id| doc.zone_index(id))
        .collect()
}

/// More instances than a valid document may have, bounding an invalid one's work.
const MAX_INSTANCES: u32 = 1024;

/// The instances of `node` (zones `list`, from [`zone_list`]) that are up when the
/// zones in `down` are down: every one, or those not killed when `kills` count.
pub(crate) fn instances_up(node: &Node, list: &[Option<usize>], kills: bool, down: ZoneSet) -> u32 {
    if list.is_empty() {
        return if kills {
            instances_left(node)
        } else {
            node.replicas()
        };
    }
    instances_up_of(node, list, kills, down, node.replicas())
}

/// [`instances_up`] for the node with `replicas` instances (advice adds some; an
/// instance past the node's own is never killed).
pub(crate) fn instances_up_of(
    node: &Node,
    list: &[Option<usize>],
    kills: bool,
    down: ZoneSet,
    replicas: u32,
) -> u32 {
    let zone_up = |i: u32| match list.is_empty() {
        true => true,
        false => list[i as usize % list.len()].is_none_or(|z| down & bit(z) == 0),
    };
    (0..replicas.min(MAX_INSTANCES))
        .filter(|&i| !(kills && node.is_killed(i)))
        .filter(|&i| zone_up(i))
        .count() as u32
}

/// The zones holding an instance of `node` that counts (one not killed when `kills`).
pub(crate) fn zones_used(node: &Node, list: &[Option<usize>], kills: bool) -> ZoneSet {
    if list.is_empty() {
        return 0;
    }
    (0..node.replicas().min(MAX_INSTANCES))
        .filter(|&i| !(kills && node.is_killed(i)))
        .filter_map(|i| list[i as usize % list.len()])
        .fold(0, |set, z| set | bit(z))
}

/// Whether each node is alive when the zones in `down` are down and the killed
/// instances too: the live view's `alive` (docs/spec/model.md §2, §8).
pub(crate) fn alive_with(doc: &Document, lists: &[Vec<Option<usize>>], down: ZoneSet) -> Vec<bool> {
    doc.nodes
        .iter()
        .zip(lists)
        .map(|(n, list)| n.is_client() || instances_up(n, list, true, down) >= n.quorum())
        .collect()
}

/// Every node's zone list, in document order.
pub(crate) fn zone_lists(doc: &Document) -> Vec<Vec<Option<usize>>> {
    doc.nodes.iter().map(|n| zone_list(doc, n)).collect()
}

/// A view's zone states, each with its probability and its nodes' odds.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Mixture {
    /// `(P(state), odds in that state)`, most likely first.
    pub parts: Vec<(f64, Odds)>,
}

impl Mixture {
    /// The odds of `view` in the zone states that matter to the nodes `relevant`
    /// says matter.
    pub(crate) fn of(doc: &Document, view: View, relevant: &[bool]) -> Mixture {
        let base = Odds::of(doc, view);
        if doc.zones.is_empty() {
            return Mixture {
                parts: vec![(1.0, base)],
            };
        }
        let kills = view == View::Expected;
        let lists = zone_lists(doc);
        let matters = doc
            .nodes
            .iter()
            .zip(&lists)
            .enumerate()
            .filter(|(v, (n, _))| !n.is_client() && relevant.get(*v).copied().unwrap_or(true))
            .fold(0, |set, (_, (n, list))| set | zones_used(n, list, kills));
        let parts = states(doc, view, matters)
            .into_iter()
            .map(|(p, down)| {
                let mut odds = base.clone();
                for (v, (node, list)) in doc.nodes.iter().zip(&lists).enumerate() {
                    if node.is_client() || list.is_empty() {
                        continue;
                    }
                    let n = instances_up(node, list, kills, down);
                    (odds.up[v], odds.down[v]) =
                        binomial_tails(n, node.availability(), node.quorum());
                }
                (p, odds)
            })
            .collect();
        Mixture { parts }
    }

    /// Whether node `v` is alive for sure in every state.
    pub(crate) fn certain_up(&self, v: usize) -> bool {
        self.parts.iter().all(|(_, o)| o.certain_up(v))
    }

    /// Whether node `v` is dead for sure in every state.
    pub(crate) fn certain_down(&self, v: usize) -> bool {
        self.parts.iter().all(|(_, o)| o.certain_down(v))
    }
}

/// The zone states of `view` over the zones in `matters`: `(P(state), zones down)`,
/// most likely first, those below [`NEGLIGIBLE_STATE`] left out. In the expected
/// view a `down` zone is down in every state; in the design view it counts as any other.
pub(crate) fn states(doc: &Document, view: View, matters: ZoneSet) -> Vec<(f64, ZoneSet)> {
    let fixed = match view {
        View::Expected => down_zones(doc),
        View::Design => 0,
    };
    let mut states = vec![(1.0, fixed)];
    for (z, zone) in doc.zones.iter().enumerate() {
        let a = zone.availability();
        if matters & bit(z) == 0 || fixed & bit(z) != 0 || a >= 1.0 {
            continue;
        }
        states = states
            .into_iter()
            .flat_map(|(p, down)| [(p * a, down), (p * (1.0 - a), down | bit(z))])
            .filter(|&(p, _)| p >= NEGLIGIBLE_STATE)
            .collect();
    }
    crate::sorting::sort_by(&mut states, |a, b| b.0.total_cmp(&a.0));
    states
}
