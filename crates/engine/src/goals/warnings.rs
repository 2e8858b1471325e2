//! The warnings of `topolab check` (docs/spec/model.md §6), in the spec's order of kinds:
//! most come straight from the analysis (§3's shared stores, cycles, sync depths and
//! single points of failure); `client_to_store` reads the links, and
//! `external_on_path` kills each external alone with every other node up; `zone_spof`
//! reads the analysis's zones (§8).

use super::world::{Trials, World};
use crate::analysis::Analysis;
use crate::document::NodeKind;
use crate::goals::{Warning, WarningKind};

/// A node whose `sync_depth` is at least this is on a deep synchronous chain.
pub const DEEP_SYNC_DEPTH: u32 = 4;

/// Every warning about `world`'s document, whose analysis is `analysis`.
pub(super) fn warnings(world: &World, analysis: &Analysis) -> Vec<Warning> {
    let doc = world.doc;
    let one = |kind: WarningKind, nodes: Vec<String>| Warning {
        kind,
        nodes,
        zone: None,
    };
    let mut warnings: Vec<Warning> = Vec::new();
    for store in &analysis.shared_stores {
        warnings.push(one(WarningKind::SharedStore, vec![store.clone()]));
    }
    for cycle in &analysis.cycles {
        warnings.push(one(WarningKind::Cycle, cycle.clone()));
    }
    for node in analysis
        .nodes
        .iter()
        .filter(|n| n.sync_depth >= DEEP_SYNC_DEPTH)
    {
        warnings.push(one(WarningKind::DeepSyncChain, vec![node.id.clone()]));
    }
    for link in &doc.links {
        let kind = |id: &str| world.topology.node_index(id).map(|v| doc.nodes[v].kind);
        let to_store = matches!(
            kind(&link.to),
            Some(NodeKind::Database | NodeKind::Cache | NodeKind::Queue)
        );
        if kind(&link.from) == Some(NodeKind::Client) && to_store {
            let nodes = vec![link.from.clone(), link.to.clone()];
            warnings.push(one(WarningKind::ClientToStore, nodes));
        }
    }
    for node in analysis.nodes.iter().filter(|n| n.spof) {
        warnings.push(one(WarningKind::Spof, vec![node.id.clone()]));
    }
    for v in externals_on_paths(world) {
        let id = doc.nodes[v].id.clone();
        warnings.push(one(WarningKind::ExternalOnPath, vec![id]));
    }
    for zone in analysis.zones.iter().filter(|z| z.spof) {
        warnings.push(Warning {
            kind: WarningKind::ZoneSpof,
            nodes: zone.nodes_down.clone(),
            zone: Some(zone.id.clone()),
        });
    }
    warnings
}

/// The externals, in node order, whose failure alone, every other node up
/// (kills ignored), takes down a function that works with every node up.
fn externals_on_paths(world: &World) -> Vec<usize> {
    let len = world.doc.nodes.len();
    let externals: Vec<usize> = (0..len)
        .filter(|&v| world.doc.nodes[v].kind == NodeKind::External)
        .collect();
    if externals.is_empty() {
        return Vec::new();
    }
    let everything_up = vec![true; len];
    let all: Vec<usize> = (0..world.functions.len()).collect();
    let lanes = world.lanes(&all);
    let works = Trials::new(&lanes, all.len(), &everything_up).works_after(&[]);
    let working: Vec<usize> = all.into_iter().filter(|&f| works[f]).collect();
    let lanes = world.lanes(&working);
    let mut trials = Trials::new(&lanes, working.len(), &everything_up);
    let mut found = Vec::new();
    for batch in externals.chunks(64) {
        let sets: Vec<&[usize]> = batch.iter().map(std::slice::from_ref).collect();
        let failing = trials.failing(&sets);
        found.extend(
            batch
                .iter()
                .enumerate()
                .filter(|(lane, _)| failing & (1 << lane) != 0)
                .map(|(_, &v)| v),
        );
    }
    found
}
