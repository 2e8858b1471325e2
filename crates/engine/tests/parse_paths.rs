//! The reader has a fast path (straight into the typed document) and a careful
//! one (through a JSON value, with a message for every problem). Whatever the
//! text, `parse_document` must answer exactly what the careful path answers.

use proptest::prelude::*;
use serde_json::{json, Value};
use topolab_engine::parse::document_from_value;
use topolab_engine::parse_document;
use topolab_engine::presets::PRESETS;

/// What the careful path says of `text`, as `parse_document` must say it.
fn careful(text: &str) -> Result<topolab_engine::Document, Vec<String>> {
    let value: Value = serde_json::from_str(text).map_err(|e| vec![e.to_string()])?;
    document_from_value(&value).map_err(|ps| ps.iter().map(|p| p.to_string()).collect())
}

fn both_agree(text: &str) {
    let fast = parse_document(text).map_err(|ps| ps.iter().map(|p| p.to_string()).collect());
    match careful(text) {
        Ok(doc) => assert_eq!(fast, Ok(doc), "{text}"),
        // Not JSON at all: both refuse (the wording of serde's error may differ).
        Err(_) if serde_json::from_str::<Value>(text).is_err() => assert!(fast.is_err(), "{text}"),
        Err(problems) => assert_eq!(fast, Err(problems), "{text}"),
    }
}

/// Documents to break: every preset and a small one with every optional field.
fn seeds() -> Vec<Value> {
    let mut docs: Vec<Value> = PRESETS
        .iter()
        .map(|p| serde_json::to_value(p.document()).expect("a preset serializes"))
        .collect();
    docs.push(json!({
        "format": "topolab/1", "title": "All fields", "extra": {"k": 1},
        "nodes": [
            {"id": "c", "kind": "client", "x": 0, "y": 0},
            {"id": "s", "kind": "service", "label": "S", "x": 10.5, "y": -3, "replicas": 3,
             "quorum": 2, "availability": 0.99, "cost": 1.5, "killed": [0],
             "capabilities": ["a", "b"], "extra": {"note": "x"}}
        ],
        "links": [{"from": "c", "to": "s", "kind": "route", "extra": {}}],
        "functions": [{"id": "f", "label": "F", "client": "c", "capability": "a", "weight": 2}]
    }));
    // Goals leave the fast path; both must still say the same.
    docs.push(json!({
        "format": "topolab/1",
        "nodes": [{"id": "c", "kind": "client"}, {"id": "s", "kind": "service", "replicas": 2}],
        "links": [{"from": "c", "to": "s"}],
        "goals": [
            {"id": "g", "kind": "availability", "function": "c:s", "min": 0.99, "label": "G"},
            {"kind": "survive", "failures": 2, "of": "instances", "functions": ["c:s"]},
            {"kind": "max_sync_depth", "max": 2},
            {"kind": "budget", "max_cost": 4}
        ]
    }));
    docs
}

/// One small change that a reader might take differently on its two paths.
#[derive(Clone, Debug)]
enum Change {
    Null(&'static str),
    Float(&'static str, f64),
    Unknown(&'static str),
    Remove(&'static str),
    Text(&'static str, &'static str),
    Negative(&'static str),
}

fn change() -> impl Strategy<Value = Change> {
    let fields = prop::sample::select(vec![
        "id",
        "kind",
        "label",
        "x",
        "y",
        "replicas",
        "quorum",
        "availability",
        "cost",
        "killed",
        "capabilities",
        "extra",
        "from",
        "to",
        "weight",
        "client",
        "capability",
        "min",
        "nines",
        "failures",
        "of",
        "max",
        "max_cost",
        "function",
        "functions",
    ]);
    prop_oneof![
        fields.clone().prop_map(Change::Null),
        (
            fields.clone(),
            prop::sample::select(vec![3.0, 2.5, 1e12, 0.0])
        )
            .prop_map(|(f, v)| Change::Float(f, v)),
        prop::sample::select(vec!["replica", "nodez", "colour"]).prop_map(Change::Unknown),
        fields.clone().prop_map(Change::Remove),
        (
            fields.clone(),
            prop::sample::select(vec!["", "mainframe", "null", "3"])
        )
            .prop_map(|(f, t)| Change::Text(f, t)),
        fields.prop_map(Change::Negative),
    ]
}

fn apply(doc: &mut Value, list: &str, index: usize, change: &Change) {
    let Some(items) = doc.get_mut(list).and_then(Value::as_array_mut) else {
        return;
    };
    if items.is_empty() {
        return;
    }
    let len = items.len();
    let Some(item) = items[index % len].as_object_mut() else {
        return;
    };
    match change {
        Change::Null(f) => {
            item.insert((*f).into(), Value::Null);
        }
        Change::Float(f, v) => {
            item.insert((*f).into(), json!(v));
        }
        Change::Unknown(f) => {
            item.insert((*f).into(), json!(1));
        }
        Change::Remove(f) => {
            item.remove(*f);
        }
        Change::Text(f, t) => {
            item.insert((*f).into(), json!(t));
        }
        Change::Negative(f) => {
            item.insert((*f).into(), json!(-1));
        }
    }
}

proptest! {
    #[test]
    fn both_paths_read_every_changed_document_alike(
        seed in 0usize..8,
        list in prop::sample::select(vec!["nodes", "links", "functions", "goals"]),
        index in 0usize..20,
        changes in prop::collection::vec(change(), 0..3),
    ) {
        let seeds = seeds();
        let mut doc = seeds[seed % seeds.len()].clone();
        for c in &changes {
            apply(&mut doc, list, index, c);
        }
        both_agree(&doc.to_string());
    }
}

#[test]
fn both_paths_read_the_spec_examples_alike() {
    for name in ["monolith", "cluster", "distributed", "microservices"] {
        let path = format!(
            "{}/../../docs/spec/examples/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).expect("the example is there");
        both_agree(&text);
    }
}

#[test]
fn a_duplicate_key_a_null_title_and_broken_json_read_alike() {
    for text in [
        r#"{"format":"topolab/1","nodes":[],"nodes":[]}"#,
        r#"{"format":"topolab/1","title":null,"nodes":[]}"#,
        r#"{"format":"topolab/1","nodes":[{"id":"a","kind":"service","label":"null"}]}"#,
        r#"{"format":"topolab/1","nodes":[{"id":"a","kind":"service","replicas":3.0}]}"#,
        r#"{"format":"topolab/2","nodes":[]}"#,
        r#"{"format":"topolab/1","nodes":[{"id":"a","kind":"client","replicas":2}]}"#,
        r#"{"format":"topolab/1","nodes":["#,
        r#"[]"#,
    ] {
        both_agree(text);
    }
}
