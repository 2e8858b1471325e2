//! What makes one change better than another (docs/spec/model.md §7, "Ties"):
//! `cheapest` compares cost, then nodes changed; `fewest_nodes` nodes changed,
//! then cost; both then the instances added, then prefer adding to earlier
//! nodes (the added counts, in document order, compared lexicographically,
//! larger first).

use std::cmp::Ordering;

/// Which option is searched for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Objective {
    Cheapest,
    FewestNodes,
}

/// Costs within this relative distance are equal: sums of the same costs
/// taken in another order may differ in their last bits.
const COST_TOLERANCE: f64 = 1e-9;

/// `a` against `b` as costs, equal within [`COST_TOLERANCE`].
pub(crate) fn compare_costs(a: f64, b: f64) -> Ordering {
    let scale = a.abs().max(b.abs()).max(1.0);
    if (a - b).abs() <= COST_TOLERANCE * scale {
        Ordering::Equal
    } else {
        a.total_cmp(&b)
    }
}

/// A change's figures, in the terms the objectives compare.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Key {
    pub cost: f64,
    pub nodes: usize,
    pub instances: u32,
    /// `(node index, instances)` sorted by node index.
    pub added: Vec<(usize, u32)>,
}

impl Key {
    /// The key of `change` (`(node, d)` pairs in any order), each node's
    /// instance costing `cost(node)`.
    pub(crate) fn of(change: &[(usize, u32)], cost: impl Fn(usize) -> f64) -> Key {
        let mut added: Vec<(usize, u32)> = change.iter().copied().filter(|&(_, d)| d > 0).collect();
        crate::sorting::sort(&mut added);
        Key {
            cost: added.iter().map(|&(v, d)| f64::from(d) * cost(v)).sum(),
            nodes: added.len(),
            instances: added.iter().map(|&(_, d)| d).sum(),
            added,
        }
    }
}

impl Objective {
    /// `Less` when `a` is the better change.
    pub(crate) fn compare(self, a: &Key, b: &Key) -> Ordering {
        let first = match self {
            Objective::Cheapest => {
                compare_costs(a.cost, b.cost).then_with(|| a.nodes.cmp(&b.nodes))
            }
            Objective::FewestNodes => a
                .nodes
                .cmp(&b.nodes)
                .then_with(|| compare_costs(a.cost, b.cost)),
        };
        first
            .then_with(|| a.instances.cmp(&b.instances))
            .then_with(|| earlier_first(&a.added, &b.added))
    }
}

/// `Less` when `a` adds to earlier nodes: the first node where the two
/// differ gets more instances from `a`.
fn earlier_first(a: &[(usize, u32)], b: &[(usize, u32)]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let order = match x.0.cmp(&y.0) {
            // `a` adds to node x.0, which `b` leaves as it is.
            Ordering::Less => Ordering::Less,
            Ordering::Greater => Ordering::Greater,
            Ordering::Equal => y.1.cmp(&x.1),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    b.len().cmp(&a.len())
}

#[cfg(test)]
mod tests {
    use super::{Key, Objective};
    use std::cmp::Ordering;

    fn key(change: &[(usize, u32)], costs: &[f64]) -> Key {
        Key::of(change, |v| costs[v])
    }

    #[test]
    fn ties_go_to_fewer_nodes_then_fewer_instances_then_earlier_nodes() {
        let costs = [1.0, 1.0, 2.0, 1.0];
        let cheap = Objective::Cheapest;
        // Same cost 2: one node (the database) beats two.
        assert_eq!(
            cheap.compare(&key(&[(2, 1)], &costs), &key(&[(0, 1), (1, 1)], &costs)),
            Ordering::Less
        );
        // Same cost, same nodes, same instances: the earlier node.
        assert_eq!(
            cheap.compare(&key(&[(1, 1)], &costs), &key(&[(3, 1)], &costs)),
            Ordering::Less
        );
        assert_eq!(
            cheap.compare(
                &key(&[(0, 2), (1, 1)], &costs),
                &key(&[(0, 1), (1, 2)], &costs)
            ),
            Ordering::Less
        );
        // Fewest nodes first, whatever the cost.
        assert_eq!(
            Objective::FewestNodes
                .compare(&key(&[(2, 3)], &costs), &key(&[(0, 1), (1, 1)], &costs)),
            Ordering::Less
        );
    }
}
