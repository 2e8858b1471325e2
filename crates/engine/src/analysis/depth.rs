//! `sync_depth` (docs/spec/model.md §3): the most requires links on a path of sync links
//! that starts at a node and visits no node twice.
//!
//! A longest simple path is hard in general but easy on what diagrams hold:
//! across the components of the sync graph it is a longest path in a DAG,
//! computed once per component in topological order; only inside a cycle of
//! two or more nodes are simple paths searched, with branch and bound. A
//! search that exceeds [`SEARCH_BUDGET`] steps keeps the longest path it has
//! found so far, a lower bound (a component needs dozens of densely
//! interlinked nodes before that can happen).

use super::topology::Topology;

/// Search steps allowed per component with a cycle, shared among its nodes.
pub(crate) const SEARCH_BUDGET: u64 = 1_000_000;
/// Nodes a searched path may hold (a valid document has at most 2,000): the
/// search recurses once per node, and the stack must hold.
const MAX_PATH_NODES: u32 = 4_096;

/// Every node's `sync_depth`; clients have no sync links and get 0.
pub(crate) fn sync_depths(topology: &Topology) -> Vec<u32> {
    let mut depth = vec![0u32; topology.len];
    let mut component_of = vec![usize::MAX; topology.len];
    // Components come with those a link leads to first: their depths are known
    // when a link leaves the component being computed.
    for (c, members) in topology.sync.components().into_iter().enumerate() {
        for &v in &members {
            component_of[v] = c;
        }
        let weight = |v: usize, u: usize| u32::from(topology.requires.contains(v, u));
        let exit: Vec<u32> = members
            .iter()
            .map(|&x| {
                topology
                    .sync
                    .of(x)
                    .iter()
                    .filter(|&&u| component_of[u] != c)
                    .map(|&u| weight(x, u) + depth[u])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        if members.len() == 1 {
            depth[members[0]] = exit[0];
            continue;
        }
        let mut search = Search {
            topology,
            members: &members,
            exit: &exit,
            max_exit: exit.iter().copied().max().unwrap_or(0),
            on_path: vec![false; members.len()],
            best: 0,
            steps: 0,
            budget: (SEARCH_BUDGET / members.len() as u64).max(1_000),
        };
        for (i, &v) in members.iter().enumerate() {
            depth[v] = search.longest_from(i);
        }
    }
    depth
}

/// Branch-and-bound search of simple paths within one strongly connected component.
struct Search<'a> {
    topology: &'a Topology,
    /// The component's nodes, sorted.
    members: &'a [usize],
    /// Per member, the best depth reached by leaving the component from it (or 0).
    exit: &'a [u32],
    max_exit: u32,
    on_path: Vec<bool>,
    best: u32,
    steps: u64,
    budget: u64,
}

impl Search<'_> {
    fn longest_from(&mut self, start: usize) -> u32 {
        self.best = self.exit[start];
        self.steps = 0;
        self.on_path[start] = true;
        self.extend(start, 0, self.members.len() as u32 - 1);
        self.on_path[start] = false;
        self.best
    }

    /// Extends a path ending at member `at`, having gained `gained` requires
    /// links, with `unvisited` members not on it.
    fn extend(&mut self, at: usize, gained: u32, unvisited: u32) {
        self.steps += 1;
        self.best = self.best.max(gained + self.exit[at]);
        let v = self.members[at];
        for &u in self.topology.sync.of(v) {
            if self.steps > self.budget {
                return;
            }
            let Ok(next) = self.members.binary_search(&u) else {
                continue;
            };
            if self.on_path[next] {
                continue;
            }
            let gain = gained + u32::from(self.topology.requires.contains(v, u));
            // Each further step inside gains at most one, and leaving at most max_exit.
            if gain + (unvisited - 1) + self.max_exit <= self.best {
                continue;
            }
            if self.members.len() as u32 - unvisited >= MAX_PATH_NODES {
                return;
            }
            self.on_path[next] = true;
            self.extend(next, gain, unvisited - 1);
            self.on_path[next] = false;
        }
    }
}
