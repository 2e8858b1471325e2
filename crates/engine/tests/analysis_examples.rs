//! The spec's worked examples (docs/spec/model.md §5, `docs/spec/examples/`): `analyze` on each
//! document prints exactly the expected JSON, floats to 1e-12.
//!
//! The documents and their expected output are read from `docs/spec/examples/`.

use std::path::PathBuf;

use serde_json::Value;
use topolab_engine::{analyze, parse_document};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/spec/examples")
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
