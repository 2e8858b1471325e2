//! The inspector's traffic fields write `extra.sim` exactly as the
//! simulation reads it, refuse what the simulation would refuse (in English
//! and Chinese, naming the setting), and an empty field is the default.

use serde_json::json;
use topolab_engine::i18n::Lang;
use topolab_engine::sim::{
    read_settings, sim_value, with_sim_setting, SettingError, SettingProblem, SimKey, SimTarget,
    DEFAULT_BREAKER,
};
use topolab_engine::{parse_document, Document};

fn doc() -> Document {
    parse_document(
        r#"{"format": "topolab/1",
      "nodes": [{"id": "browser", "kind": "client"},
                {"id": "app", "kind": "service", "replicas": 3},
                {"id": "db", "kind": "database"}],
      "links": [{"from": "browser", "to": "app"}, {"from": "app", "to": "db"}]}"#,
    )
    .expect("valid")
}

const APP: SimTarget = SimTarget::Node(1);
const APP_DB: SimTarget = SimTarget::Link(1);

fn set(doc: &Document, target: SimTarget, key: SimKey, typed: &str) -> Document {
    with_sim_setting(doc, target, key, typed)
        .unwrap_or_else(|p| panic!("{key:?} = {typed:?} refused: {p:?}"))
}

fn refused(doc: &Document, target: SimTarget, key: SimKey, typed: &str) -> Vec<SettingError> {
    with_sim_setting(doc, target, key, typed).expect_err("refused")
}

#[test]
fn a_node_setting_is_written_where_the_simulation_reads_it() {
    let d = set(&doc(), APP, SimKey::Capacity, "50");
    assert_eq!(
        d.nodes[1].extra,
        Some(
            json!({"sim": {"capacity": 50}})
                .as_object()
                .unwrap()
                .clone()
        )
    );
    let d = set(&d, APP, SimKey::NodeLatency, "12.5");
    let d = set(&d, APP, SimKey::Mttr, "１８００");
    let d = set(&d, APP, SimKey::QueueLimit, "100");
    let settings = read_settings(&d).expect("the simulation reads it");
    let app = settings.nodes[1];
    assert_eq!(app.capacity, Some(50.0));
    assert_eq!(app.latency_ms, Some(12.5));
    assert_eq!(app.mttr_s, Some(1800.0));
    assert_eq!(app.queue_limit, Some(100));
    assert_eq!(sim_value(&d, APP, SimKey::Mttr), Some(&json!(1800)));
    // The document is valid: extra is kept as is (docs/spec/model.md §1).
    assert!(topolab_engine::validate(&d).is_empty());
}

#[test]
fn a_link_setting_is_written_where_the_simulation_reads_it() {
    let d = set(&doc(), APP_DB, SimKey::Timeout, "500");
    let d = set(&d, APP_DB, SimKey::Retries, "2");
    let d = set(&d, APP_DB, SimKey::Backoff, "50");
    let d = set(&d, APP_DB, SimKey::LinkLatency, "1");
    let d = set(&d, APP_DB, SimKey::BreakerFailures, "3");
    assert_eq!(
        serde_json::to_value(&d.links[1]).unwrap()["extra"],
        json!({"sim": {"timeout_ms": 500, "retries": 2, "backoff_ms": 50, "latency_ms": 1,
                       "breaker": {"failures": 3, "open_ms": 10000}}})
    );
    let link = read_settings(&d).expect("read").links[1];
    assert_eq!(link.timeout_ms, Some(500.0));
    assert_eq!(link.retries, 2);
    assert_eq!(link.backoff_ms, 50.0);
    assert_eq!(link.latency_ms, 1.0);
    let breaker = link.breaker.expect("a breaker");
    assert_eq!(breaker.failures, 3);
    assert_eq!(breaker.open_ms, DEFAULT_BREAKER.open_ms);
}

#[test]
fn an_empty_field_is_the_default_and_leaves_no_empty_objects() {
    let d = set(&doc(), APP, SimKey::Capacity, "50");
    let d = set(&d, APP, SimKey::Capacity, "  ");
    assert_eq!(d, doc(), "back to the document it was");
    let d = set(&doc(), APP_DB, SimKey::Retries, "2");
    assert_eq!(set(&d, APP_DB, SimKey::Retries, ""), doc());
    // Emptying a field that is empty changes nothing.
    assert_eq!(set(&doc(), APP, SimKey::Mttr, ""), doc());
    // Other extra keys stay.
    let mut mine = doc();
    mine.nodes[1].extra = Some(json!({"team": "core"}).as_object().unwrap().clone());
    let d = set(&mine, APP, SimKey::Capacity, "5");
    assert_eq!(set(&d, APP, SimKey::Capacity, ""), mine);
}

#[test]
fn a_breaker_is_made_from_either_half_and_removed_with_its_failures() {
    let d = set(&doc(), APP_DB, SimKey::BreakerOpen, "2000");
    let b = read_settings(&d).unwrap().links[1]
        .breaker
        .expect("breaker");
    assert_eq!((b.failures, b.open_ms), (DEFAULT_BREAKER.failures, 2000.0));
    // Emptying the probe delay keeps the breaker with the default delay.
    let d = set(&d, APP_DB, SimKey::BreakerOpen, "");
    let b = read_settings(&d).unwrap().links[1]
        .breaker
        .expect("breaker");
    assert_eq!(b.open_ms, DEFAULT_BREAKER.open_ms);
    // Emptying the failures removes it.
    assert_eq!(set(&d, APP_DB, SimKey::BreakerFailures, ""), doc());
}

#[test]
fn bad_values_are_refused_naming_the_setting_in_both_languages() {
    let d = doc();
    let p = refused(&d, APP, SimKey::Capacity, "lots");
    assert_eq!(p[0].path, "nodes[1].extra.sim.capacity");
    assert_eq!(p[0].problem, SettingProblem::NotANumber);
    let p = refused(&d, APP, SimKey::Capacity, "0");
    assert_eq!(
        p[0].to_string(),
        "nodes[1].extra.sim.capacity: 0 is out of range: more than 0 requests per second"
    );
    assert_eq!(
        p[0].line_in(Lang::Zh),
        "nodes[1].extra.sim.capacity：0 超出范围：须大于每秒 0 个请求"
    );
    let p = refused(&d, APP_DB, SimKey::Retries, "2.5");
    assert_eq!(p[0].problem, SettingProblem::NotAnInteger);
    assert_eq!(p[0].problem.message_in(Lang::Zh), "必须是整数");
    let p = refused(&d, APP_DB, SimKey::Retries, "11");
    assert_eq!(
        p[0].problem.message_in(Lang::Zh),
        "11 超出范围：重试次数须为 0 到 10"
    );
    let p = refused(&d, APP_DB, SimKey::BreakerFailures, "0");
    assert_eq!(p[0].path, "links[1].extra.sim.breaker.failures");
    let p = refused(&d, SimTarget::Node(0), SimKey::Mttr, "60");
    assert_eq!(
        p[0].problem.message_in(Lang::Zh),
        "不适用于客户端节点",
        "a client never fails"
    );
    // A queue needs a capacity, either way round.
    let p = refused(&d, APP, SimKey::QueueLimit, "10");
    assert_eq!(p[0].problem, SettingProblem::NeedsCapacity);
    let with_queue = set(
        &set(&d, APP, SimKey::Capacity, "5"),
        APP,
        SimKey::QueueLimit,
        "10",
    );
    let p = refused(&with_queue, APP, SimKey::Capacity, "");
    assert_eq!(p[0].path, "nodes[1].extra.sim.queue_limit");
    assert_eq!(SimKey::at(APP, &p[0].path), Some(SimKey::QueueLimit));
}

#[test]
fn a_bad_value_left_elsewhere_does_not_block_another_setting() {
    let mut d = doc();
    d.nodes[1].extra = Some(
        json!({"sim": {"latncy_ms": 3}})
            .as_object()
            .unwrap()
            .clone(),
    );
    let d = set(&d, APP, SimKey::Capacity, "20");
    assert_eq!(sim_value(&d, APP, SimKey::Capacity), Some(&json!(20)));
    // But a sim that is not an object cannot take one.
    let mut d = doc();
    d.nodes[1].extra = Some(json!({"sim": "fast"}).as_object().unwrap().clone());
    let p = refused(&d, APP, SimKey::Capacity, "20");
    assert_eq!(p[0].path, "nodes[1].extra.sim");
    assert_eq!(p[0].problem, SettingProblem::NotAnObject);
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_setting_problem_is_said_in_chinese() {
    let broken = parse_document(
        r#"{"format": "topolab/1",
      "nodes": [{"id": "browser", "kind": "client", "extra": {"sim": {"capacity": 5}}},
                {"id": "svc", "kind": "service", "extra": {"sim": {"capacity": 0, "queue_limit": 1.5, "mttr_s": "x"}}},
                {"id": "db", "kind": "database", "extra": {"sim": {"latncy_ms": 3, "queue_limit": 2}}}],
      "links": [{"from": "browser", "to": "svc", "extra": {"sim": "fast"}},
                {"from": "svc", "to": "db",
                 "extra": {"sim": {"retries": -1, "timeout_ms": 0, "backoff_ms": -1, "breaker": {"failures": 0}}}}]}"#,
    )
    .expect("valid: extra is kept as is");
    let problems = read_settings(&broken).expect_err("the simulation refuses it");
    assert!(problems.len() >= 10, "{problems:#?}");
    for p in &problems {
        let zh = p.problem.message_in(Lang::Zh);
        assert!(has_chinese(&zh), "{p}");
        // Left in Latin letters: only the settings' own names.
        let latin: Vec<&str> = zh
            .split(|c: char| !(c.is_ascii_alphabetic() || c == '_'))
            .filter(|w| w.len() >= 3)
            .filter(|w| {
                ![
                    "capacity",
                    "queue_limit",
                    "latency_ms",
                    "mttr_s",
                    "failures",
                    "open_ms",
                ]
                .contains(w)
            })
            .collect();
        assert!(latin.is_empty(), "English left in {zh:?}: {latin:?}");
        assert_eq!(p.problem.message_in(Lang::En), p.problem.to_string());
    }
}
