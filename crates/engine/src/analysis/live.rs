//! The live view (docs/spec/model.md §2): every instance not killed is up, but those in
//! a zone that is `down` (§8). Which nodes are alive, work and are degraded, and each
//! function's status.

use super::report::Status;
use super::topology::{FunctionSpec, Topology};
use super::up_probability::instances_left;
use super::zones::{alive_with, down_zones, zone_lists};
use crate::document::Document;

/// Per node, its state in the live view.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LiveView {
    pub alive: Vec<bool>,
    pub works: Vec<bool>,
    pub degraded: Vec<bool>,
}

impl LiveView {
    /// The live view of `doc`.
    pub(crate) fn of(doc: &Document, topology: &Topology) -> LiveView {
        let alive: Vec<bool> = match doc.zones.is_empty() {
            true => doc
                .nodes
                .iter()
                .map(|n| n.is_client() || instances_left(n) >= n.quorum())
                .collect(),
            false => alive_with(doc, &zone_lists(doc), down_zones(doc)),
        };
        Self::from_alive(topology, alive)
    }

    /// The view in which the nodes `alive` says are alive.
    pub(crate) fn from_alive(topology: &Topology, alive: Vec<bool>) -> LiveView {
        let works = works(topology, &alive);
        let degraded = degraded(topology, &works);
        LiveView {
            alive,
            works,
            degraded,
        }
    }

    /// Each function's status: `up` when some path to a holder has no
    /// degraded node, `degraded` when paths exist but each has one, `down`
    /// when none exists.
    pub(crate) fn statuses(&self, topology: &Topology, functions: &[FunctionSpec]) -> Vec<Status> {
        let mut statuses = vec![Status::Down; functions.len()];
        let mut starts: Vec<usize> = functions.iter().filter_map(|f| f.start).collect();
        crate::sorting::sort(&mut starts);
        starts.dedup();
        for start in starts {
            let healthy = reached(topology, start, |v| self.works[v] && !self.degraded[v]);
            let working = reached(topology, start, |v| self.works[v]);
            let any = |seen: &[bool], holders: &[usize]| holders.iter().any(|&h| seen[h]);
            for (f, function) in functions.iter().enumerate() {
                if function.start != Some(start) {
                    continue;
                }
                statuses[f] = if any(&healthy, &function.holders) {
                    Status::Up
                } else if any(&working, &function.holders) {
                    Status::Degraded
                } else {
                    Status::Down
                };
            }
        }
        statuses
    }
}

/// The greatest solution of `works(v) = alive(v) AND works(u)` for every
/// requires link `v -> u`: whatever fails, fails everything that requires it.
pub(crate) fn works(topology: &Topology, alive: &[bool]) -> Vec<bool> {
    let mut works = alive.to_vec();
    let mut failed: Vec<usize> = (0..topology.len).filter(|&v| !works[v]).collect();
    while let Some(u) = failed.pop() {
        for &v in topology.requires_in.of(u) {
            if std::mem::replace(&mut works[v], false) {
                failed.push(v);
            }
        }
    }
    works
}

/// The least solution of `degraded(v) = works(v) AND (an optional link to a
/// node that does not work OR a requires link to a degraded node)`.
fn degraded(topology: &Topology, works: &[bool]) -> Vec<bool> {
    let mut degraded = vec![false; topology.len];
    let mut found: Vec<usize> = (0..topology.len)
        .filter(|&v| works[v] && topology.optional.of(v).iter().any(|&u| !works[u]))
        .collect();
    for &v in &found {
        degraded[v] = true;
    }
    while let Some(u) = found.pop() {
        for &v in topology.requires_in.of(u) {
            if works[v] && !std::mem::replace(&mut degraded[v], true) {
                found.push(v);
            }
        }
    }
    degraded
}

/// The nodes a path of at least one carrying link leads to from `start`
/// through nodes that all pass `usable`.
fn reached(topology: &Topology, start: usize, usable: impl Fn(usize) -> bool) -> Vec<bool> {
    let mut seen = vec![false; topology.len];
    let mut stack = vec![start];
    while let Some(v) = stack.pop() {
        for &u in topology.carry.of(v) {
            if !seen[u] && usable(u) {
                seen[u] = true;
                stack.push(u);
            }
        }
    }
    seen
}
