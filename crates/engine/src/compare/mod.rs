//! Two documents side by side ("Compare" and the "Split a service"
//! preview): the figures of docs/spec/model.md §2 and §3 for each, in one table, row by
//! row, with what differs and which side is better; a split's before and
//! after (docs/spec/model.md §4); and killing "the same" node in both.
//!
//! Every availability here is read from [`crate::analyze`]'s result, never
//! recomputed. Code map: `metric` names the rows and their direction,
//! `metrics` reads one document's figures, `chain` is the longest request
//! chain, `table` pairs the two documents' figures and functions, `kill`
//! finds a node's counterpart and kills an instance.

mod chain;
mod kill;
mod metric;
mod metrics;
mod table;

pub use kill::{kill_in_both, kill_instance, revive_in_both, revive_instance, same_node};
pub use metric::{Direction, Metric, Side, Value};
pub use metrics::{FunctionMetrics, Metrics};
pub use table::{Comparison, FunctionComparison, MatchedBy, Row};

use crate::analysis::{analyze, Analysis};
use crate::document::Document;
use crate::split::{split, SplitError, SplitRequest};

/// `a` and `b` side by side, each analysed with [`crate::analyze`].
pub fn compare(a: &Document, b: &Document) -> Comparison {
    Comparison::new(Metrics::of(a), Metrics::of(b))
}

/// What a split would do (docs/spec/model.md §4), before it is done: the document it
/// gives and the figures before and after, so that the app shows them and
/// then applies exactly this document.
#[derive(Clone, Debug, PartialEq)]
pub struct SplitPreview {
    /// Exactly `split::split(doc, request)`'s result.
    pub document: Document,
    /// The document before (`a`) against [`SplitPreview::document`] (`b`).
    pub comparison: Comparison,
}

/// The preview of splitting `doc` as `request` asks (docs/spec/model.md §4), or why it
/// cannot be split ([`split`]'s error).
pub fn split_preview(doc: &Document, request: &SplitRequest) -> Result<SplitPreview, SplitError> {
    split_preview_with(doc, &analyze(doc), request)
}

/// [`split_preview`] given `doc`'s analysis (`analysis` must be
/// `analyze(doc)`, such as the app's memoised one): only the document after
/// the split is analysed, so a dialog whose choices change analyses one
/// document a change, not two.
pub fn split_preview_with(
    doc: &Document,
    analysis: &Analysis,
    request: &SplitRequest,
) -> Result<SplitPreview, SplitError> {
    let document = split(doc, request)?;
    let comparison = Comparison::new(
        Metrics::from_analysis(doc, analysis),
        Metrics::of(&document),
    );
    Ok(SplitPreview {
        document,
        comparison,
    })
}
