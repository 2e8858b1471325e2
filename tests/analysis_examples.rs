//! The spec's worked examples (MODEL.md §5, `spec/examples/`): `analyze` on each
//! document prints exactly the expected JSON, floats to 1e-12.
//!
//! The documents are read from `tests/fixtures/spec/`, copies of
//! `../shared/spec/examples/` kept so that the repository tests itself alone;
//! one test checks the copies are still identical where the originals exist.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use serde_json::Value;
use topolab::model::{analyze, parse_document};

const EXAMPLES: [&str; 4] = ["monolith", "cluster", "distributed", "microservices"];

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spec")
}

fn read(path: &PathBuf) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Compares two JSON values: numbers to 1e-12, everything else exactly.
fn assert_matches(actual: &Value, expected: &Value, path: &str) {
    match (actual, expected) {
        (Value::Number(a), Value::Number(e)) => {
            let (a, e) = (
                a.as_f64().unwrap_or(f64::NAN),
                e.as_f64().unwrap_or(f64::NAN),
            );
            assert!((a - e).abs() <= 1e-12, "{path}: {a} != {e}");
        }
        (Value::Array(a), Value::Array(e)) => {
            assert_eq!(a.len(), e.len(), "{path}: length");
            for (i, (a, e)) in a.iter().zip(e).enumerate() {
                assert_matches(a, e, &format!("{path}[{i}]"));
            }
        }
        (Value::Object(a), Value::Object(e)) => {
            let keys = |m: &serde_json::Map<String, Value>| m.keys().cloned().collect::<Vec<_>>();
            let (mut ka, mut ke) = (keys(a), keys(e));
            ka.sort();
            ke.sort();
            assert_eq!(ka, ke, "{path}: keys");
            for (k, e) in e {
                assert_matches(&a[k], e, &format!("{path}.{k}"));
            }
        }
        _ => assert_eq!(actual, expected, "{path}"),
    }
}

fn check_example(name: &str) {
    let doc = parse_document(&read(&fixtures().join(format!("{name}.json"))))
        .unwrap_or_else(|problems| panic!("{name}: {problems:?}"));
    let expected: Value =
        serde_json::from_str(&read(&fixtures().join(format!("{name}.expected.json"))))
            .unwrap_or_else(|e| panic!("{name}.expected.json: {e}"));
    let actual = serde_json::to_value(analyze(&doc)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_matches(&actual, &expected, name);
}

#[test]
fn monolith_shares_one_fate() {
    check_example("monolith");
}

#[test]
fn cluster_survives_its_servers_but_not_its_load_balancer() {
    check_example("cluster");
}

#[test]
fn distributed_system_shares_a_database() {
    check_example("distributed");
}

#[test]
fn microservices_lose_less_at_a_time_but_are_less_available_as_a_whole() {
    check_example("microservices");
}

#[test]
fn fixtures_are_identical_to_the_spec_examples() {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/examples");
    if !spec.is_dir() {
        return;
    }
    for name in EXAMPLES {
        for file in [format!("{name}.json"), format!("{name}.expected.json")] {
            assert_eq!(
                read(&fixtures().join(&file)),
                read(&spec.join(&file)),
                "{file} differs from the spec"
            );
        }
    }
}
