//! What one failure of a `survive` goal is (docs/spec/model.md §6), as a list of
//! elements in the spec's order: instances by (node in document order, index),
//! nodes and zones in document order. Each element takes instances of one
//! node; a node stops being alive once enough of its elements fail.
//!
//! With zones (§8), an instance in a zone that is down is down already: it is
//! no failure left to choose, as a killed one is not. Zones themselves take
//! instances of many nodes at once; their sets are tried in `survive`.

use std::ops::Range;

use crate::analysis::live::LiveView;
use crate::analysis::up_probability::instances_left;
use crate::analysis::zones::{bit, down_zones, instances_up, zone_list};
use crate::document::Document;
use crate::goals::{FailedSet, FailureUnit};

/// The failures of one unit in a document.
pub(super) struct Failures {
    unit: FailureUnit,
    /// Each element: its node and, for an instance, its index.
    elements: Vec<(usize, u32)>,
    /// Per node, the range of its elements in `elements`.
    of_node: Vec<Range<usize>>,
    /// Per node, how many of its elements must fail for it to stop being
    /// alive; `None` for a node no failure changes (a client, or one not alive).
    need: Vec<Option<usize>>,
}

impl Failures {
    /// The failures of `unit` in `doc`, whose live view is `live`.
    pub(super) fn of(doc: &Document, unit: FailureUnit, live: &LiveView) -> Failures {
        let mut elements = Vec::new();
        let mut of_node = Vec::with_capacity(doc.nodes.len());
        let mut need = Vec::with_capacity(doc.nodes.len());
        let down = down_zones(doc);
        for (v, node) in doc.nodes.iter().enumerate() {
            let first = elements.len();
            let alive = live.alive.get(v).copied().unwrap_or(false);
            let list = zone_list(doc, node);
            let up = |i: u32| {
                !node.is_killed(i)
                    && (list.is_empty()
                        || list[i as usize % list.len()].is_none_or(|z| down & bit(z) == 0))
            };
            let left = match list.is_empty() {
                true => instances_left(node),
                false => instances_up(node, &list, true, down),
            };
            match unit {
                _ if node.is_client() => need.push(None),
                FailureUnit::Instances => {
                    elements.extend((0..node.replicas()).filter(|&i| up(i)).map(|i| (v, i)));
                    // Alive means left >= quorum: one more than the spare ones kills it.
                    need.push(alive.then(|| (left + 1).saturating_sub(node.quorum()) as usize));
                }
                FailureUnit::Nodes => {
                    if left >= 1 {
                        elements.push((v, 0));
                    }
                    need.push(alive.then_some(1));
                }
                // Tried in `survive`, a zone at a time.
                FailureUnit::Zones => need.push(None),
            }
            of_node.push(first..elements.len());
        }
        Failures {
            unit,
            elements,
            of_node,
            need,
        }
    }

    /// How many failures there are to choose from.
    pub(super) fn len(&self) -> usize {
        self.elements.len()
    }

    /// How many of node `v`'s elements must fail to make it not alive.
    pub(super) fn need(&self, v: usize) -> Option<usize> {
        self.need.get(v).copied().flatten()
    }

    /// The nodes alive now that the failed `set` (element indices) makes not alive.
    pub(super) fn dead_after(&self, set: &[usize]) -> Vec<usize> {
        let mut count = vec![0usize; self.need.len()];
        for &e in set {
            if let Some(&(v, _)) = self.elements.get(e) {
                count[v] += 1;
            }
        }
        (0..self.need.len())
            .filter(|&v| self.need(v).is_some_and(|need| count[v] >= need))
            .collect()
    }

    /// The first set of `k` failures, in the spec's order, that makes every node
    /// of `dead` not alive: the fewest first elements of each such node, then
    /// the first other elements until there are `k`. Sorted element indices.
    pub(super) fn first_set_killing(&self, dead: &[usize], k: usize) -> Vec<usize> {
        let mut set: Vec<usize> = Vec::with_capacity(k);
        for &v in dead {
            let (Some(range), Some(need)) = (self.of_node.get(v), self.need(v)) else {
                continue;
            };
            set.extend(range.clone().take(need));
        }
        crate::sorting::sort(&mut set);
        let mut fill = Vec::with_capacity(k);
        let mut next = 0;
        for e in 0..self.elements.len() {
            if set.len() + fill.len() >= k {
                break;
            }
            while next < set.len() && set[next] < e {
                next += 1;
            }
            if set.get(next) != Some(&e) {
                fill.push(e);
            }
        }
        set.extend(fill);
        crate::sorting::sort(&mut set);
        set
    }

    /// The failed `set` (element indices) as the output names it.
    pub(super) fn named(&self, doc: &Document, set: &[usize]) -> FailedSet {
        let id = |e: usize| doc.nodes[self.elements[e].0].id.clone();
        match self.unit {
            FailureUnit::Instances => {
                FailedSet::Instances(set.iter().map(|&e| (id(e), self.elements[e].1)).collect())
            }
            FailureUnit::Nodes => FailedSet::Nodes(set.iter().map(|&e| id(e)).collect()),
            FailureUnit::Zones => FailedSet::Zones(Vec::new()),
        }
    }
}
