//! Zones in advice (docs/spec/model.md §7 `limited_by_zones`, §8): the zones
//! whose failure alone, everything else up, takes a function down with every
//! node at its best. More instances cannot help a node whose instances all
//! run in one zone.
//!
//! Zones are not part of the document yet, so no document has any and the
//! field is left out (the spec: present only when the document has zones).
//! This is the one place to fill in once they are: list the document's zones,
//! and for each, whether the function works with every instance in it down
//! and every other instance up, at the best change.

use crate::document::Document;

/// `limited_by_zones` of an unreachable target on `function` (`None` for the
/// system's `all`): `None` when the document has no zones.
pub(crate) fn limited_by_zones(_doc: &Document, _function: Option<usize>) -> Option<Vec<String>> {
    None
}
