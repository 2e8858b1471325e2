//! The probability that each node is alive in the expected and the design
//! views (docs/spec/model.md §2): `P(Binomial(instances, a) >= quorum)`, kept with its
//! complement computed on its own so that a node down once in 10^12 does not
//! lose its digits to `1 - p`.

use crate::document::{Document, Node};

/// Which instances may be up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum View {
    /// Killed instances are down, the others up with probability `availability`.
    Expected,
    /// Kills ignored: every instance up with probability `availability`.
    Design,
}

/// Per node, the probability of being alive (`up`) and of not (`down`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Odds {
    pub up: Vec<f64>,
    pub down: Vec<f64>,
}

impl Odds {
    /// The odds of every node of `doc` in `view`; clients are always alive.
    pub(crate) fn of(doc: &Document, view: View) -> Odds {
        let (up, down) = doc
            .nodes
            .iter()
            .map(|node| {
                if node.is_client() {
                    return (1.0, 0.0);
                }
                let instances = match view {
                    View::Expected => instances_left(node),
                    View::Design => node.replicas(),
                };
                binomial_tails(instances, node.availability(), node.quorum())
            })
            .unzip();
        Odds { up, down }
    }

    /// Whether node `v` is alive for sure.
    pub(crate) fn certain_up(&self, v: usize) -> bool {
        self.down.get(v).is_none_or(|&q| q <= 0.0)
    }

    /// Whether node `v` is dead for sure.
    pub(crate) fn certain_down(&self, v: usize) -> bool {
        self.up.get(v).is_none_or(|&p| p <= 0.0)
    }
}

/// Instances not killed: `replicas - |killed|`, counting each valid index once.
pub(crate) fn instances_left(node: &Node) -> u32 {
    let replicas = node.replicas();
    let mut killed: Vec<u32> = node
        .killed
        .iter()
        .copied()
        .filter(|&i| i < replicas)
        .collect();
    crate::sorting::sort(&mut killed);
    killed.dedup();
    replicas.saturating_sub(killed.len() as u32)
}

/// More instances than a valid document may have (64), which bounds the work
/// an invalid one can cause.
const MAX_INSTANCES: u32 = 1024;

/// `(P(X >= quorum), P(X < quorum))` for `X ~ Binomial(n, a)`, each summed
/// from its own terms.
pub(crate) fn binomial_tails(n: u32, a: f64, quorum: u32) -> (f64, f64) {
    let n = n.min(MAX_INSTANCES);
    let a = if a.is_nan() { 0.0 } else { a.clamp(0.0, 1.0) };
    let (mut up, mut down) = (0.0, 0.0);
    let mut choose = 1.0_f64;
    for j in 0..=n {
        let term = choose * a.powi(j as i32) * (1.0 - a).powi((n - j) as i32);
        if j >= quorum {
            up += term;
        } else {
            down += term;
        }
        choose = choose * f64::from(n - j) / f64::from(j + 1);
    }
    (up, down)
}

#[cfg(test)]
mod tests {
    use super::binomial_tails;

    #[test]
    fn tails_are_the_binomial_sums() {
        // 3 replicas, quorum 2, a = 0.9: 3 * 0.81 * 0.1 + 0.729.
        let (up, down) = binomial_tails(3, 0.9, 2);
        assert!((up - 0.972).abs() < 1e-15 && (down - 0.028).abs() < 1e-15);
        assert_eq!(binomial_tails(2, 0.5, 3), (0.0, 1.0));
        assert_eq!(binomial_tails(1, 1.0, 1), (1.0, 0.0));
    }
}
