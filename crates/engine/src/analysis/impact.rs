//! Blast radius and single points of failure (docs/spec/model.md §3): what the live
//! view loses when a node dies, or a zone (§8). Sixty-four candidate nodes (or
//! zones) are killed at once, one per lane.

use super::live::LiveView;
use super::report::Status;
use super::scenarios::{Lanes, Scratch, ALL_LANES};
use super::up_probability::instances_left;
use super::zones::{alive_with, bit, down_zones, instances_up, zone_lists, zones_used};
use crate::document::Document;

/// Per node, the functions it takes down and whether one more kill does it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Impact {
    /// Indices of the working functions that fail when every instance of the node is killed.
    pub blast_radius: Vec<Vec<usize>>,
    pub spof: Vec<bool>,
}

/// The impact of every node of `doc` given its live view and functions' live statuses.
pub(crate) fn impact(
    doc: &Document,
    lanes: &Lanes,
    live: &LiveView,
    statuses: &[Status],
) -> Impact {
    let len = lanes.len();
    let mut blast_radius = vec![Vec::new(); len];
    // Killing a node that does not work changes no node's `works`, so no function.
    let candidates: Vec<usize> = (0..len)
        .filter(|&v| lanes.relevant[v] && live.works[v] && !doc.nodes[v].is_client())
        .collect();
    let working: Vec<usize> = (0..statuses.len())
        .filter(|&f| statuses[f] != Status::Down)
        .collect();
    let mut alive: Vec<u64> = live
        .alive
        .iter()
        .map(|&a| if a { ALL_LANES } else { 0 })
        .collect();
    let mut scratch = Scratch::default();
    let mut out = vec![0; statuses.len()];
    for batch in candidates.chunks(64) {
        for (lane, &v) in batch.iter().enumerate() {
            alive[v] &= !(1 << lane);
        }
        lanes.evaluate(&alive, &mut scratch, &mut out);
        for (lane, &v) in batch.iter().enumerate() {
            alive[v] |= 1 << lane;
        }
        let used = ALL_LANES >> (64 - batch.len());
        // Functions in order, so each blast radius is in function order.
        for &f in &working {
            let mut lost = !out[f] & used;
            while lost != 0 {
                blast_radius[batch[lost.trailing_zeros() as usize]].push(f);
                lost &= lost - 1;
            }
        }
    }
    // With zones, "one more instance" is one more that is up in the live view.
    let lists = zone_lists(doc);
    let down = down_zones(doc);
    let spof = doc
        .nodes
        .iter()
        .zip(&blast_radius)
        .zip(&lists)
        .map(|((node, blast), list)| {
            let left = match list.is_empty() {
                true => instances_left(node),
                false => instances_up(node, list, true, down),
            };
            !node.is_client() && left >= 1 && left - 1 < node.quorum() && !blast.is_empty()
        })
        .collect();
    Impact { blast_radius, spof }
}

/// What one zone's failure does in the live view (docs/spec/model.md §8).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ZoneImpact {
    /// The working functions that go down when it fails, in function order.
    pub blast_radius: Vec<usize>,
    /// The nodes with an instance in it that are not alive once it fails.
    pub dead: Vec<usize>,
}

/// The impact of each of `doc`'s zones: a zone already down takes nothing more down.
pub(crate) fn zone_impact(doc: &Document, lanes: &Lanes, statuses: &[Status]) -> Vec<ZoneImpact> {
    let lists = zone_lists(doc);
    let down = down_zones(doc);
    let zones = doc.zones.len().min(64);
    let mut alive = vec![0u64; doc.nodes.len()];
    let mut dead = vec![Vec::new(); zones];
    for (z, dead) in dead.iter_mut().enumerate() {
        let after = alive_with(doc, &lists, down | bit(z));
        for (v, &a) in after.iter().enumerate() {
            alive[v] |= u64::from(a) << z;
            let in_zone = zones_used(&doc.nodes[v], &lists[v], false) & bit(z) != 0;
            if in_zone && !a {
                dead.push(v);
            }
        }
    }
    let mut out = vec![0; statuses.len()];
    lanes.evaluate(&alive, &mut Scratch::default(), &mut out);
    let mut impacts: Vec<ZoneImpact> = dead
        .into_iter()
        .map(|dead| ZoneImpact {
            blast_radius: Vec::new(),
            dead,
        })
        .collect();
    for (f, &works) in out.iter().enumerate() {
        if statuses[f] == Status::Down {
            continue;
        }
        for (z, impact) in impacts.iter_mut().enumerate() {
            if works & (1 << z) == 0 && down & bit(z) == 0 {
                impact.blast_radius.push(f);
            }
        }
    }
    impacts
}
