//! Helpers shared by the integration tests.

pub mod brute;

use topolab::model::analysis::{analyze, Analysis};
use topolab::model::{parse_document, Document};

/// The document written inline, which must be valid.
#[allow(dead_code)]
pub fn document(json: &str) -> Document {
    parse_document(json).unwrap_or_else(|problems| {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!("invalid test document:\n{}", lines.join("\n"))
    })
}

/// The analysis of the document written inline.
#[allow(dead_code)]
pub fn analysis(json: &str) -> Analysis {
    analyze(&document(json))
}

/// Asserts `actual` is within 1e-12 of `expected`.
#[allow(dead_code)]
#[track_caller]
pub fn assert_close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() <= 1e-12, "{actual} != {expected}");
}
