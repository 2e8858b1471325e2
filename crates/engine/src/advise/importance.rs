//! Birnbaum importance (docs/spec/model.md §7, `importance` and `limited_by`):
//! P(f works) with a node forced alive minus with it forced dead, every other
//! node as it is. The figures are linear in each node's odds, so this is the
//! difference of two partial derivatives, all of them from one backward pass
//! (`analysis::what_if`).

use std::cmp::Ordering;

use crate::analysis::what_if::Gradient;
use crate::document::Document;

use super::model::{may_change, Model};
use super::report::NodeImportance;

/// Importances at or below this are left out.
pub(crate) const NEGLIGIBLE: f64 = 1e-12;

/// The non-client nodes for which `keep` holds and whose importance in
/// `gradient` is above [`NEGLIGIBLE`], largest first, ties (within [`TIE`])
/// in node order.
fn ranked(
    doc: &Document,
    model: &Model,
    gradient: &Gradient,
    keep: impl Fn(usize) -> bool,
) -> Vec<(usize, f64)> {
    let mut ranked: Vec<(usize, f64)> = model
        .nodes
        .iter()
        .enumerate()
        .filter(|&(v, _)| !doc.nodes[v].is_client() && keep(v))
        .filter_map(|(v, node)| Some((v, gradient.birnbaum(node.level?))))
        .filter(|&(_, b)| b > NEGLIGIBLE)
        .collect();
    largest_first(&mut ranked, |r| r.1, |a, b| a.0.cmp(&b.0));
    ranked
}

/// Values this close (relative) are equal: figures that are equal in exact
/// arithmetic differ in their last bits when summed in another order.
pub(crate) const TIE: f64 = 1e-9;
/// And values this close (absolute): the precision figures are exact to. Tiny
/// importances computed as a difference of near-equal sums lose their relative
/// precision to cancellation.
const ABSOLUTE_TIE: f64 = 1e-12;

/// Sorts `items` by `value`, largest first, and each run of values equal
/// within [`TIE`] (or [`ABSOLUTE_TIE`]) of its first by `then`.
pub(crate) fn largest_first<T>(
    items: &mut [T],
    value: impl Fn(&T) -> f64,
    then: impl Fn(&T, &T) -> Ordering,
) {
    crate::sorting::sort_by(items, |a, b| value(b).total_cmp(&value(a)));
    let mut start = 0;
    while start < items.len() {
        let top = value(&items[start]);
        let end = start
            + items[start..]
                .iter()
                .take_while(|x| top - value(x) <= TIE * top.abs() + ABSOLUTE_TIE)
                .count();
        crate::sorting::sort_by(&mut items[start..end], &then);
        start = end.max(start + 1);
    }
}

/// `importance` of one function: every non-client node that matters to it.
pub(crate) fn importance(
    doc: &Document,
    model: &Model,
    gradient: &Gradient,
) -> Vec<NodeImportance> {
    ranked(doc, model, gradient, |_| true)
        .into_iter()
        .map(|(v, birnbaum)| NodeImportance {
            id: doc.nodes[v].id.clone(),
            birnbaum,
        })
        .collect()
}

/// `limited_by` of an unreachable target: the nodes that may not change
/// (externals, nodes at 64 replicas) that matter at the best, `gradient`
/// being the target's at the best.
pub(crate) fn limited_by(doc: &Document, model: &Model, gradient: &Gradient) -> Vec<String> {
    ranked(doc, model, gradient, |v| !may_change(&doc.nodes[v]))
        .into_iter()
        .map(|(v, _)| doc.nodes[v].id.clone())
        .collect()
}
