//! Minimal cut sets (docs/spec/model.md §7, `cut_sets`): the sets of at most
//! three non-client nodes whose loss, with every other instance up, takes a
//! function down.
//!
//! They are read off the function's BDD, whose variables are exactly the
//! nodes that matter to it, bottom up (Rauzy's algorithm for monotone
//! functions, cut at three): a constant false is cut by the empty set, a
//! constant true by none; a node testing x, with children `low` (x dead) and
//! `high` (x alive), is cut by every cut of `high`, and by x with each cut of
//! `low` that holds no cut of `high` (a cut of `high` cuts `low` too, the
//! function being monotone, so those sets are minimal already). For `all`,
//! the minimal sets among every function's.

use std::collections::HashSet;

use crate::analysis::what_if::Program;
use crate::document::Document;

use super::importance::largest_first;
use super::model::Model;
use super::report::CutSet;

/// Nodes in a cut set at most.
const MAX_SIZE: usize = 3;
/// Sets listed at most.
const MAX_SETS: usize = 10;

/// A set of levels, sorted, at most [`MAX_SIZE`].
type Set = Vec<u32>;

/// The cut sets of the function (or, for `all`, the functions) `program`
/// reads, in the spec's order, at most ten.
pub(crate) fn cut_sets(doc: &Document, model: &Model, program: &Program) -> Vec<CutSet> {
    let per_node = minimal_sets(program);
    let mut all: HashSet<Set> = HashSet::new();
    for &root in program.roots() {
        all.extend(per_node[root as usize].iter().cloned());
    }
    let minimal: Vec<&Set> = all
        .iter()
        .filter(|set| !proper_subsets(set).any(|s| all.contains(&s)))
        .collect();
    let node_of = node_of_level(model);
    let mut sets: Vec<(Vec<usize>, f64)> = minimal
        .into_iter()
        .map(|set| {
            let mut nodes: Vec<usize> = set
                .iter()
                .filter_map(|&l| node_of.get(l as usize).copied())
                .collect();
            nodes.sort_unstable();
            let probability = nodes
                .iter()
                .map(|&v| model.nodes[v].odds_with(0)[1])
                .product();
            (nodes, probability)
        })
        .collect();
    largest_first(
        &mut sets,
        |s| s.1,
        |a, b| a.0.len().cmp(&b.0.len()).then_with(|| a.0.cmp(&b.0)),
    );
    sets.truncate(MAX_SETS);
    sets.into_iter()
        .map(|(nodes, probability)| CutSet {
            nodes: nodes.iter().map(|&v| doc.nodes[v].id.clone()).collect(),
            probability,
        })
        .collect()
}

/// The node of each level.
fn node_of_level(model: &Model) -> Vec<usize> {
    let mut node_of = vec![usize::MAX; model.what_if.levels];
    for (v, node) in model.nodes.iter().enumerate() {
        if let Some(slot) = node.level.and_then(|l| node_of.get_mut(l)) {
            *slot = v;
        }
    }
    node_of
}

/// Per program node read from a root, the minimal cut sets of at most three
/// levels of its function (empty for the nodes no root reads).
fn minimal_sets(program: &Program) -> Vec<Vec<Set>> {
    let nodes = program.nodes();
    let mut needed = vec![false; nodes.len()];
    let mut stack: Vec<u32> = program.roots().to_vec();
    while let Some(i) = stack.pop() {
        if !std::mem::replace(&mut needed[i as usize], true) && i > 1 {
            stack.extend([nodes[i as usize].low, nodes[i as usize].high]);
        }
    }
    let mut sets: Vec<Vec<Set>> = vec![Vec::new(); nodes.len()];
    sets[0] = vec![Vec::new()];
    for (i, node) in nodes.iter().enumerate().skip(2) {
        if !needed[i] {
            continue;
        }
        let high = &sets[node.high as usize];
        let high_index: HashSet<&Set> = high.iter().collect();
        let mut own = high.clone();
        for cut in &sets[node.low as usize] {
            if cut.len() < MAX_SIZE && !subsets(cut).any(|s| high_index.contains(&s)) {
                let mut with = Vec::with_capacity(cut.len() + 1);
                with.push(node.level);
                with.extend_from_slice(cut);
                own.push(with);
            }
        }
        sets[i] = own;
    }
    sets
}

/// Every subset of `set` (itself included).
fn subsets(set: &Set) -> impl Iterator<Item = Set> + '_ {
    (0u32..1 << set.len()).map(move |mask| {
        set.iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, &l)| l)
            .collect()
    })
}

/// Every proper subset of `set`.
fn proper_subsets(set: &Set) -> impl Iterator<Item = Set> + '_ {
    subsets(set).filter(move |s| s.len() < set.len())
}
