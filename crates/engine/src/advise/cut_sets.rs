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
//!
//! Three chains of hundreds of nodes side by side have millions of cuts of
//! three: past [`BUDGET`] sets kept along the way, the sets of three are left
//! out (then those of two), as model.md §7 says.

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
/// Sets kept, over every BDD node, before smaller sets are settled for.
pub(crate) const BUDGET: usize = 1_000_000;

/// A set of at most three levels, sorted; unused places hold `u32::MAX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Set {
    len: u8,
    levels: [u32; MAX_SIZE],
}

impl Set {
    const EMPTY: Set = Set {
        len: 0,
        levels: [u32::MAX; MAX_SIZE],
    };

    fn levels(&self) -> &[u32] {
        &self.levels[..self.len as usize]
    }

    /// `level` (above every level of the set) and the set.
    fn with(&self, level: u32) -> Set {
        let mut out = Set::EMPTY;
        out.levels[0] = level;
        out.levels[1..=self.len as usize].copy_from_slice(self.levels());
        out.len = self.len + 1;
        out
    }

    /// Every subset, itself included.
    fn subsets(&self) -> impl Iterator<Item = Set> + '_ {
        (0u32..1 << self.len).map(move |mask| {
            let mut out = Set::EMPTY;
            for (i, &l) in self.levels().iter().enumerate() {
                if mask & (1 << i) != 0 {
                    out.levels[out.len as usize] = l;
                    out.len += 1;
                }
            }
            out
        })
    }
}

/// The cut sets of the function (or, for `all`, the functions) `program`
/// reads, in the spec's order, at most ten.
pub(crate) fn cut_sets(doc: &Document, model: &Model, program: &Program) -> Vec<CutSet> {
    cut_sets_within(doc, model, program, BUDGET)
}

/// [`cut_sets`] keeping at most `budget` sets along the way.
fn cut_sets_within(doc: &Document, model: &Model, program: &Program, budget: usize) -> Vec<CutSet> {
    let all = (1..=MAX_SIZE)
        .rev()
        .find_map(|size| roots_sets(program, size, budget))
        .unwrap_or_default();
    let node_of = node_of_level(model);
    let mut sets: Vec<(Vec<usize>, f64)> = all
        .iter()
        .filter(|set| !set.subsets().any(|s| s.len < set.len && all.contains(&s)))
        .map(|set| {
            let mut nodes: Vec<usize> = set
                .levels()
                .iter()
                .filter_map(|&l| node_of.get(l as usize).copied())
                .collect();
            crate::sorting::sort(&mut nodes);
            let probability = nodes.iter().map(|&v| model.nodes[v].down_with(0)).product();
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

/// Every root's cut sets of at most `size` levels together; `None` past `budget`.
fn roots_sets(program: &Program, size: usize, budget: usize) -> Option<HashSet<Set>> {
    let per_node = minimal_sets(program, size, budget)?;
    let mut all = HashSet::new();
    for &root in program.roots() {
        all.extend(per_node.get(root as usize).into_iter().flatten().copied());
    }
    Some(all)
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

/// Per program node read from a root, the minimal cut sets of at most `size`
/// levels of its function (empty for the nodes no root reads); `None` once
/// more than `budget` sets would be kept.
fn minimal_sets(program: &Program, size: usize, budget: usize) -> Option<Vec<Vec<Set>>> {
    let nodes = program.nodes();
    let mut needed = vec![false; nodes.len()];
    let mut stack: Vec<u32> = program.roots().to_vec();
    while let Some(i) = stack.pop() {
        if !std::mem::replace(&mut needed[i as usize], true) && i > 1 {
            stack.extend([nodes[i as usize].low, nodes[i as usize].high]);
        }
    }
    let mut sets: Vec<Vec<Set>> = vec![Vec::new(); nodes.len()];
    sets[0] = vec![Set::EMPTY];
    let mut kept = 1;
    for (i, node) in nodes.iter().enumerate().skip(2) {
        if !needed[i] {
            continue;
        }
        let high = &sets[node.high as usize];
        let high_index: HashSet<&Set> = high.iter().collect();
        let mut own = high.clone();
        for cut in &sets[node.low as usize] {
            if (cut.len as usize) < size && !cut.subsets().any(|s| high_index.contains(&s)) {
                own.push(cut.with(node.level));
            }
        }
        kept += own.len();
        if kept > budget {
            return None;
        }
        sets[i] = own;
    }
    Some(sets)
}

#[cfg(test)]
mod tests {
    use super::cut_sets_within;
    use crate::advise::model::Model;
    use crate::analysis::what_if::{Request, WhatIf};
    use crate::analysis::Options;
    use crate::parse_document;

    /// Three parallel chains of two services: 8 cuts of three, nothing smaller.
    #[test]
    fn past_the_budget_the_sets_of_three_are_left_out() {
        let doc = parse_document(
            r#"{"format": "topolab/1", "nodes": [
                {"id": "web", "kind": "client"},
                {"id": "a1", "kind": "service", "capabilities": []},
                {"id": "a2", "kind": "service", "capabilities": ["k"]},
                {"id": "b1", "kind": "service", "capabilities": []},
                {"id": "b2", "kind": "service", "capabilities": ["k"]},
                {"id": "c1", "kind": "service", "capabilities": []},
                {"id": "c2", "kind": "service", "capabilities": ["k"]}],
              "links": [{"from": "web", "to": "a1"}, {"from": "a1", "to": "a2"},
                        {"from": "web", "to": "b1"}, {"from": "b1", "to": "b2"},
                        {"from": "web", "to": "c1"}, {"from": "c1", "to": "c2"}]}"#,
        );
        let Ok(doc) = doc else {
            panic!("a valid document")
        };
        let Ok(what_if) = WhatIf::new(&doc, &[Request::Function(0)], &Options::default()) else {
            panic!("within the budgets")
        };
        let model = Model::new(&doc, what_if);
        let program = &model.what_if.programs[0];
        let all = cut_sets_within(&doc, &model, program, usize::MAX);
        assert_eq!(all.len(), 8);
        assert!(all.iter().all(|s| s.nodes.len() == 3));
        assert!(cut_sets_within(&doc, &model, program, 4).is_empty());
    }
}
