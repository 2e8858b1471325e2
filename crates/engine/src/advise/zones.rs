//! Zones in advice (docs/spec/model.md §7 `limited_by_zones`, §8): the zones
//! whose failure alone, everything else up, takes a function down with every
//! node at its best. More instances cannot help a node whose instances all
//! run in one zone.
//!
//! "Everything else up" is every instance of every node, kills ignored, and
//! every other zone, `down` ignored too: with certain odds (1 or 0 for each
//! node) the compiled figure is 1 when the function works and 0 when not.

use super::model::Model;
use crate::analysis::what_if::{Program, Scratch};
use crate::analysis::zones::{bit, instances_up_of, zone_lists};
use crate::document::Document;

/// `limited_by_zones` of an unreachable target whose figure is `program`:
/// `None` when the document has no zones.
pub(crate) fn limited_by_zones(
    doc: &Document,
    model: &Model,
    program: &Program,
) -> Option<Vec<String>> {
    if doc.zones.is_empty() {
        return None;
    }
    let lists = zone_lists(doc);
    let levels = model.what_if.levels;
    let mut scratch = Scratch::default();
    let mut works = |failed: u32| {
        let (mut up, mut down) = (vec![1.0; levels], vec![0.0; levels]);
        for (v, node) in doc.nodes.iter().enumerate() {
            let Some(l) = model.nodes[v].level.filter(|&l| l < levels) else {
                continue;
            };
            let best = node.replicas() + model.nodes[v].max_add();
            let left = instances_up_of(node, &lists[v], false, failed, best);
            let alive = node.is_client() || left >= node.quorum();
            (up[l], down[l]) = if alive { (1.0, 0.0) } else { (0.0, 1.0) };
        }
        program.value(&up, &down, &mut scratch) > 0.5
    };
    if !works(0) {
        return Some(Vec::new());
    }
    Some(
        doc.zones
            .iter()
            .enumerate()
            .filter(|&(z, _)| !works(bit(z)))
            .map(|(_, zone)| zone.id.clone())
            .collect(),
    )
}
