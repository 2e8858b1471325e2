//! A small reduced ordered binary decision diagram (Bryant, 1986): the exact
//! availability engine's representation of "this function works" as a
//! boolean function of which nodes are alive (docs/spec/model.md §2, "exact means exact").
//!
//! Nodes live in one vector, children before parents, so a probability is one
//! pass over it; a unique table keeps the diagram reduced and a lossy computed
//! table (the classic apply cache) keeps `and`/`or` polynomial. Both tables are
//! open-addressed over `u32` ids with the Fx mix. A node budget bounds the work.

use super::hash::{finish, mix};

/// A function in the diagram: the id of its root.
pub(crate) type Ref = u32;
/// The constant false.
pub(crate) const FALSE: Ref = 0;
/// The constant true.
pub(crate) const TRUE: Ref = 1;

const TERMINAL_LEVEL: u32 = u32::MAX;
const EMPTY: u32 = 0;
const MAX_CACHE_SLOTS: usize = 1 << 20;

/// The diagram outgrew its budget; the caller falls back to sampling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct OutOfBudget;

#[derive(Clone, Copy, Debug)]
struct Node {
    level: u32,
    low: Ref,
    high: Ref,
}

#[derive(Clone, Copy, Debug, Default)]
struct Computed {
    a: Ref,
    b: Ref,
    result: Ref,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    And,
    Or,
}

/// A diagram manager; variables are levels `0..`, level 0 tested first.
#[derive(Clone, Debug)]
pub(crate) struct Bdd {
    nodes: Vec<Node>,
    unique: Vec<Ref>,
    and_cache: Vec<Computed>,
    or_cache: Vec<Computed>,
    budget: usize,
    /// One more than the deepest level of any node.
    levels: usize,
}

impl Bdd {
    /// An empty manager that refuses to hold more than `budget` nodes.
    pub(crate) fn new(budget: usize) -> Bdd {
        let terminal = |r| Node {
            level: TERMINAL_LEVEL,
            low: r,
            high: r,
        };
        Bdd {
            nodes: vec![terminal(FALSE), terminal(TRUE)],
            unique: vec![EMPTY; 256],
            and_cache: vec![Computed::default(); 256],
            or_cache: vec![Computed::default(); 256],
            budget,
            levels: 0,
        }
    }

    /// Number of nodes, the two constants included; ids are `0..len`.
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// One more than the deepest level any node tests.
    pub(crate) fn levels(&self) -> usize {
        self.levels
    }

    /// The level tested at the root of `r` (`u32::MAX` for a constant).
    pub(crate) fn level(&self, r: Ref) -> u32 {
        self.nodes[r as usize].level
    }

    /// The children of `r`: (when its root level is false, when true).
    pub(crate) fn children(&self, r: Ref) -> (Ref, Ref) {
        let n = self.nodes[r as usize];
        (n.low, n.high)
    }

    /// Builds the node `(level ? high : low)` with `level` above both children's.
    pub(crate) fn branch(&mut self, level: u32, low: Ref, high: Ref) -> Result<Ref, OutOfBudget> {
        self.node(level, low, high)
    }

    /// The variable at `level`.
    pub(crate) fn var(&mut self, level: u32) -> Result<Ref, OutOfBudget> {
        self.node(level, FALSE, TRUE)
    }

    /// `a AND b`.
    pub(crate) fn and(&mut self, a: Ref, b: Ref) -> Result<Ref, OutOfBudget> {
        match (a, b) {
            (FALSE, _) | (_, FALSE) => Ok(FALSE),
            (TRUE, x) | (x, TRUE) => Ok(x),
            _ if a == b => Ok(a),
            _ => self.apply(Op::And, a, b),
        }
    }

    /// `a OR b`.
    pub(crate) fn or(&mut self, a: Ref, b: Ref) -> Result<Ref, OutOfBudget> {
        match (a, b) {
            (TRUE, _) | (_, TRUE) => Ok(TRUE),
            (FALSE, x) | (x, FALSE) => Ok(x),
            _ if a == b => Ok(a),
            _ => self.apply(Op::Or, a, b),
        }
    }

    /// Extends `p` so that `p[r]` is P(the function of `r` is true) for every
    /// node, when level `i` is true with probability `up[i]` and false with
    /// `down[i]`, independently. Nodes already in `p` are not recomputed.
    pub(crate) fn probabilities(&self, up: &[f64], down: &[f64], p: &mut Vec<f64>) {
        if p.len() < 2 {
            p.clear();
            p.extend([0.0, 1.0]);
        }
        for node in &self.nodes[p.len()..] {
            let level = node.level as usize;
            let (u, d) = (
                up.get(level).copied().unwrap_or(0.0),
                down.get(level).copied().unwrap_or(1.0),
            );
            p.push(u * p[node.high as usize] + d * p[node.low as usize]);
        }
    }

    fn apply(&mut self, op: Op, a: Ref, b: Ref) -> Result<Ref, OutOfBudget> {
        let (a, b) = if a < b { (a, b) } else { (b, a) };
        let slot = (finish(mix(
            mix(u64::from(op == Op::Or), u64::from(a)),
            u64::from(b),
        )) as usize)
            & (self.and_cache.len() - 1);
        let cache = match op {
            Op::And => &self.and_cache,
            Op::Or => &self.or_cache,
        };
        let hit = cache[slot];
        if hit.a == a && hit.b == b {
            return Ok(hit.result);
        }
        let (na, nb) = (self.nodes[a as usize], self.nodes[b as usize]);
        let level = na.level.min(nb.level);
        let (a0, a1) = if na.level == level {
            (na.low, na.high)
        } else {
            (a, a)
        };
        let (b0, b1) = if nb.level == level {
            (nb.low, nb.high)
        } else {
            (b, b)
        };
        let (low, high) = match op {
            Op::And => (self.and(a0, b0)?, self.and(a1, b1)?),
            Op::Or => (self.or(a0, b0)?, self.or(a1, b1)?),
        };
        let result = self.node(level, low, high)?;
        // The tables may have grown meanwhile: index afresh.
        let slot = (finish(mix(
            mix(u64::from(op == Op::Or), u64::from(a)),
            u64::from(b),
        )) as usize)
            & (self.and_cache.len() - 1);
        let cache = match op {
            Op::And => &mut self.and_cache,
            Op::Or => &mut self.or_cache,
        };
        cache[slot] = Computed { a, b, result };
        Ok(result)
    }

    /// The reduced node `(level ? high : low)`.
    fn node(&mut self, level: u32, low: Ref, high: Ref) -> Result<Ref, OutOfBudget> {
        if low == high {
            return Ok(low);
        }
        let mask = self.unique.len() - 1;
        let mut slot = hash_node(level, low, high) as usize & mask;
        loop {
            let id = self.unique[slot];
            if id == EMPTY {
                break;
            }
            let n = self.nodes[id as usize];
            if n.level == level && n.low == low && n.high == high {
                return Ok(id);
            }
            slot = (slot + 1) & mask;
        }
        if self.nodes.len() >= self.budget.max(2) {
            return Err(OutOfBudget);
        }
        let id = self.nodes.len() as Ref;
        self.nodes.push(Node { level, low, high });
        self.levels = self.levels.max(level as usize + 1);
        self.unique[slot] = id;
        if self.nodes.len() * 2 > self.unique.len() {
            self.grow();
        }
        Ok(id)
    }

    /// Doubles the unique table (rehashing) and, up to a cap, the computed tables.
    fn grow(&mut self) {
        let size = self.unique.len() * 2;
        let mut unique = vec![EMPTY; size];
        for (id, n) in self.nodes.iter().enumerate().skip(2) {
            let mut slot = hash_node(n.level, n.low, n.high) as usize & (size - 1);
            while unique[slot] != EMPTY {
                slot = (slot + 1) & (size - 1);
            }
            unique[slot] = id as Ref;
        }
        self.unique = unique;
        if self.and_cache.len() < MAX_CACHE_SLOTS {
            let slots = self.and_cache.len() * 2;
            self.and_cache = vec![Computed::default(); slots];
            self.or_cache = vec![Computed::default(); slots];
        }
    }
}

fn hash_node(level: u32, low: Ref, high: Ref) -> u64 {
    finish(mix(mix(u64::from(level), u64::from(low)), u64::from(high)))
}

#[cfg(test)]
mod tests {
    use super::{Bdd, FALSE, TRUE};

    #[test]
    fn equal_functions_share_one_node() {
        let mut bdd = Bdd::new(1_000);
        let [a, b, c] = [0, 1, 2].map(|level| bdd.var(level).unwrap_or(FALSE));
        // a AND (b OR c) built two ways.
        let left = bdd.or(b, c).and_then(|bc| bdd.and(a, bc)).unwrap_or(FALSE);
        let ab = bdd.and(a, b).unwrap_or(FALSE);
        let ac = bdd.and(a, c).unwrap_or(FALSE);
        let right = bdd.or(ab, ac).unwrap_or(TRUE);
        assert_eq!(left, right);
        let mut p = Vec::new();
        bdd.probabilities(&[0.9, 0.5, 0.2], &[0.1, 0.5, 0.8], &mut p);
        assert!((p[left as usize] - 0.9 * (1.0 - 0.5 * 0.8)).abs() < 1e-15);
    }

    #[test]
    fn budget_is_a_ceiling_on_nodes() {
        let mut bdd = Bdd::new(4);
        let a = bdd.var(0);
        let b = bdd.var(1);
        assert!(a.is_ok() && b.is_ok());
        assert!(bdd.var(2).is_err());
    }
}
