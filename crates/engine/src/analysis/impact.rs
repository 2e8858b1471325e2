//! Blast radius and single points of failure (docs/spec/model.md §3): what the live
//! view loses when a node dies. Sixty-four candidate nodes are killed at once,
//! one per lane.

use super::live::LiveView;
use super::report::Status;
use super::scenarios::{Lanes, Scratch, ALL_LANES};
use super::up_probability::instances_left;
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
    let spof = doc
        .nodes
        .iter()
        .zip(&blast_radius)
        .map(|(node, blast)| {
            let left = instances_left(node);
            !node.is_client() && left >= 1 && left - 1 < node.quorum() && !blast.is_empty()
        })
        .collect();
    Impact { blast_radius, spof }
}
