//! An arithmetic circuit over the BDD's probabilities: how P(every function
//! works) was computed (docs/spec/model.md §2, `all`), kept so that it can be
//! computed again for other odds without expanding the conjunction again.
//!
//! `conjunction` records its expansion here instead of multiplying numbers:
//! a leaf is one BDD node's probability, a product multiplies the odds of some
//! levels alive with its children (their levels never overlap), and a Shannon
//! gate is `up[l] * alive + down[l] * dead`. Every level occurs at most once on
//! a path, so the polynomial is multilinear: its partial derivatives (one
//! backward pass, [`Circuit::backward`]) are exact Birnbaum importances.
//! Gates are stored children first, so both passes are one loop.

use std::ops::Range;

use super::bdd::Ref;

/// A gate of the circuit: its index.
pub(crate) type Gate = u32;
/// The constant 0.
pub(crate) const ZERO: Gate = 0;
/// The constant 1.
pub(crate) const ONE: Gate = 1;

#[derive(Clone, Debug)]
enum Op {
    Constant(f64),
    /// P(the BDD node is true).
    Leaf(Ref),
    /// The odds of `levels` alive times every child, in that order.
    Product {
        levels: Range<usize>,
        children: Range<usize>,
    },
    /// `up[level] * alive + down[level] * dead`.
    Shannon {
        level: u32,
        alive: Gate,
        dead: Gate,
    },
}

/// The recorded computation; see the module doc.
#[derive(Clone, Debug)]
pub(crate) struct Circuit {
    ops: Vec<Op>,
    flat: Vec<u32>,
}

impl Default for Circuit {
    fn default() -> Circuit {
        Circuit {
            ops: vec![Op::Constant(0.0), Op::Constant(1.0)],
            flat: Vec::new(),
        }
    }
}

impl Circuit {
    /// Number of gates.
    pub(crate) fn len(&self) -> usize {
        self.ops.len()
    }

    /// The BDD nodes the leaves read.
    pub(crate) fn leaves(&self) -> impl Iterator<Item = Ref> + '_ {
        self.ops.iter().filter_map(|op| match op {
            Op::Leaf(r) => Some(*r),
            _ => None,
        })
    }

    /// The same circuit with every leaf's BDD node renamed by `rename`.
    pub(crate) fn renamed(&self, rename: impl Fn(Ref) -> Ref) -> Circuit {
        let ops = self
            .ops
            .iter()
            .map(|op| match op {
                Op::Leaf(r) => Op::Leaf(rename(*r)),
                other => other.clone(),
            })
            .collect();
        Circuit {
            ops,
            flat: self.flat.clone(),
        }
    }

    /// A gate reading P(`r`).
    pub(crate) fn leaf(&mut self, r: Ref) -> Gate {
        self.push(Op::Leaf(r))
    }

    /// The product of the odds of `levels` alive and of `children`.
    pub(crate) fn product(&mut self, levels: &[u32], children: &[Gate]) -> Gate {
        let first = self.flat.len();
        self.flat.extend_from_slice(levels);
        let middle = self.flat.len();
        self.flat.extend_from_slice(children);
        self.push(Op::Product {
            levels: first..middle,
            children: middle..self.flat.len(),
        })
    }

    /// `up[level] * alive + down[level] * dead`.
    pub(crate) fn shannon(&mut self, level: u32, alive: Gate, dead: Gate) -> Gate {
        self.push(Op::Shannon { level, alive, dead })
    }

    fn push(&mut self, op: Op) -> Gate {
        self.ops.push(op);
        (self.ops.len() - 1) as Gate
    }

    /// The value of every gate into `values`, given every BDD node's
    /// probability `p` and the odds of each level.
    pub(crate) fn forward(&self, p: &[f64], up: &[f64], down: &[f64], values: &mut Vec<f64>) {
        values.clear();
        values.reserve(self.ops.len());
        let odds = |odds: &[f64], level: u32| odds.get(level as usize).copied().unwrap_or(0.0);
        for op in &self.ops {
            let value = match op {
                Op::Constant(c) => *c,
                Op::Leaf(r) => p.get(*r as usize).copied().unwrap_or(0.0),
                Op::Product { levels, children } => {
                    let mut v: f64 = self.flat[levels.clone()]
                        .iter()
                        .map(|&l| odds(up, l))
                        .product();
                    for &c in &self.flat[children.clone()] {
                        v *= values[c as usize];
                    }
                    v
                }
                Op::Shannon { level, alive, dead } => {
                    odds(up, *level) * values[*alive as usize]
                        + odds(down, *level) * values[*dead as usize]
                }
            };
            values.push(value);
        }
    }

    /// Given the gates' `values` (from [`Circuit::forward`], with the same
    /// odds) and d(output)/d(gate) seeded in `adjoint` (one slot per gate),
    /// propagates it to every gate and adds d(output)/d(up[l]) and
    /// d(output)/d(down[l]) into `out.d_up` and `out.d_down`, and
    /// d(output)/d(P(r)) into `out.d_leaf[r]`.
    pub(crate) fn backward(
        &self,
        values: &[f64],
        [up, down]: [&[f64]; 2],
        adjoint: &mut [f64],
        out: Partials,
    ) {
        let odds = |level: u32| up.get(level as usize).copied().unwrap_or(0.0);
        for (g, op) in self.ops.iter().enumerate().rev() {
            let a = adjoint[g];
            if a == 0.0 {
                continue;
            }
            match op {
                Op::Constant(_) => {}
                Op::Leaf(r) => {
                    if let Some(slot) = out.d_leaf.get_mut(*r as usize) {
                        *slot += a;
                    }
                }
                Op::Product { levels, children } => {
                    let levels = &self.flat[levels.clone()];
                    let children = &self.flat[children.clone()];
                    // Each factor's derivative is the product of the others,
                    // taken without dividing (a factor may be 0).
                    let factors: Vec<f64> = levels
                        .iter()
                        .map(|&l| odds(l))
                        .chain(children.iter().map(|&c| values[c as usize]))
                        .collect();
                    let others = products_of_others(&factors);
                    for (i, &l) in levels.iter().enumerate() {
                        if let Some(slot) = out.d_up.get_mut(l as usize) {
                            *slot += a * others[i];
                        }
                    }
                    for (i, &c) in children.iter().enumerate() {
                        adjoint[c as usize] += a * others[levels.len() + i];
                    }
                }
                Op::Shannon { level, alive, dead } => {
                    let l = *level as usize;
                    if let Some(slot) = out.d_up.get_mut(l) {
                        *slot += a * values[*alive as usize];
                    }
                    if let Some(slot) = out.d_down.get_mut(l) {
                        *slot += a * values[*dead as usize];
                    }
                    adjoint[*alive as usize] += a * odds(*level);
                    adjoint[*dead as usize] += a * down.get(l).copied().unwrap_or(0.0);
                }
            }
        }
    }
}

/// Where [`Circuit::backward`] adds its derivatives.
pub(crate) struct Partials<'a> {
    pub d_up: &'a mut [f64],
    pub d_down: &'a mut [f64],
    pub d_leaf: &'a mut [f64],
}

/// For each factor, the product of all the others.
fn products_of_others(factors: &[f64]) -> Vec<f64> {
    let mut out = vec![1.0; factors.len()];
    let mut before = 1.0;
    for (i, f) in factors.iter().enumerate() {
        out[i] = before;
        before *= f;
    }
    let mut after = 1.0;
    for (i, f) in factors.iter().enumerate().rev() {
        out[i] *= after;
        after *= f;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Circuit, Partials, ONE};

    #[test]
    fn derivatives_are_the_cofactor_differences() {
        // up0 * up1 * P(leaf) + down0 * 1, with P(leaf) = 0.5.
        let mut c = Circuit::default();
        let leaf = c.leaf(2);
        let product = c.product(&[1], &[leaf]);
        let root = c.shannon(0, product, ONE);
        let (up, down) = ([0.9, 0.8], [0.1, 0.2]);
        let p = [0.0, 1.0, 0.5];
        let mut values = Vec::new();
        c.forward(&p, &up, &down, &mut values);
        assert!((values[root as usize] - (0.9 * 0.8 * 0.5 + 0.1)).abs() < 1e-15);
        let mut adjoint = vec![0.0; c.len()];
        adjoint[root as usize] = 1.0;
        let (mut d_up, mut d_down, mut d_leaf) = ([0.0; 2], [0.0; 2], [0.0; 3]);
        let out = Partials {
            d_up: &mut d_up,
            d_down: &mut d_down,
            d_leaf: &mut d_leaf,
        };
        c.backward(&values, [&up, &down], &mut adjoint, out);
        assert!((d_up[0] - 0.8 * 0.5).abs() < 1e-15 && (d_down[0] - 1.0).abs() < 1e-15);
        assert!((d_up[1] - 0.9 * 0.5).abs() < 1e-15 && d_down[1] == 0.0);
        assert!((d_leaf[2] - 0.9 * 0.8).abs() < 1e-15);
    }
}
