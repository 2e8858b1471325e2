//! Helpers shared by the integration tests.

pub mod brute;
pub mod compose;
pub mod generate;
pub mod goals;

use topolab_engine::analysis::{analyze, Analysis};
use topolab_engine::{parse_document, Document};

/// The text of `tests/fixtures/import/<name>`.
#[allow(dead_code)]
pub fn import_fixture(name: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).expect("fixture")
}

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

/// The live status of function `id`, which must exist.
#[allow(dead_code)]
pub fn status(a: &Analysis, id: &str) -> topolab_engine::analysis::Status {
    a.function(id)
        .unwrap_or_else(|| panic!("no function {id}"))
        .status
}

/// The expected availability of function `id`, which must exist.
#[allow(dead_code)]
pub fn availability(a: &Analysis, id: &str) -> f64 {
    a.function(id)
        .unwrap_or_else(|| panic!("no function {id}"))
        .availability
}

/// `actual` equals `expected` to 1e-12 (docs/spec/model.md §2: exact means exact), saying what.
#[allow(dead_code)]
pub fn assert_exact(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= 1e-12,
        "{what}: {actual} != {expected}"
    );
}

/// A valid document to break one rule at a time (the validator's and the
/// translations' tests break it the same ways).
#[allow(dead_code)]
pub fn base() -> serde_json::Value {
    serde_json::json!({
        "format": "topolab/1",
        "title": "Base",
        "nodes": [
            {"id": "browser", "kind": "client", "x": 0, "y": 0},
            {"id": "lb", "kind": "load_balancer", "x": 100, "y": 0},
            {"id": "orders", "kind": "service", "replicas": 3, "quorum": 2, "killed": [1],
             "capabilities": ["orders", "checkout"], "x": 200, "y": 0},
            {"id": "db", "kind": "database", "availability": 0.9995, "x": 300, "y": 0}
        ],
        "links": [
            {"from": "browser", "to": "lb"},
            {"from": "lb", "to": "orders"},
            {"from": "orders", "to": "db", "kind": "requires"}
        ],
        "functions": [
            {"id": "checkout", "label": "Checkout", "client": "browser", "capability": "checkout", "weight": 3}
        ]
    })
}

/// Every problem `parse_document` finds in `doc`, as the CLI prints them; none when valid.
#[allow(dead_code)]
pub fn problems(doc: &serde_json::Value) -> Vec<String> {
    match parse_document(&doc.to_string()) {
        Ok(_) => Vec::new(),
        Err(ps) => ps.iter().map(|p| p.to_string()).collect(),
    }
}

/// Asserts the document is refused with a line starting with `path: ` and containing `words`.
#[allow(dead_code)]
#[track_caller]
pub fn refused(doc: &serde_json::Value, path: &str, words: &str) {
    let ps = problems(doc);
    assert!(
        ps.iter()
            .any(|p| p.starts_with(&format!("{path}: ")) && p.contains(words)),
        "expected a problem at {path} mentioning {words:?}, got {ps:?}"
    );
}

/// The Latin words (runs of ASCII letters, at least `min_len` long) of `text`
/// outside what it quotes ("…" or “…”, the user's data), but for `allowed`:
/// what a Chinese message must not hold.
#[allow(dead_code)]
pub fn latin_words_outside_quotes(text: &str, allowed: &[&str], min_len: usize) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (None, '"') => quote = Some('"'),
            (None, '“') => quote = Some('”'),
            (Some(q), c) if c == q => quote = None,
            (None, c) => out.push(c),
            _ => {}
        }
    }
    out.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= min_len.max(1) && !allowed.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}
