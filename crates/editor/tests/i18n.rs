//! The model's words in both languages: every problem the reader, the validator
//! and the address codec can report is said in Chinese too, with no English
//! word left but the data it quotes; the English line stays what the CLI prints.

#[path = "../../engine/tests/support/mod.rs"]
mod support;

use serde_json::{json, Value};
use support::base;
use topolab_editor::edit::{link_refusal, why_no_link, why_no_node, Refusal};
use topolab_engine::i18n::Lang;
use topolab_engine::share::decode_document;
use topolab_engine::{parse_document, Document, Problem};

fn with(f: impl FnOnce(&mut Value)) -> Value {
    let mut d = base();
    f(&mut d);
    d
}

fn problems(doc: &Value) -> Vec<Problem> {
    parse_document(&doc.to_string()).expect_err("the document should be refused")
}

/// One broken document per rule the reader and the validator check.
fn broken_documents() -> Vec<Value> {
    vec![
        json!([1, 2]),
        json!({"format": "topolab/1"}),
        with(|d| d["format"] = json!("topolab/2")),
        with(|d| d["title"] = json!("t".repeat(201))),
        with(|d| d["colour"] = json!("red")),
        with(|d| d["nodes"][0]["lable"] = json!("x")),
        with(|d| d["nodes"][1]["id"] = json!("no spaces")),
        with(|d| d["nodes"][1]["id"] = json!("browser")),
        with(|d| d["nodes"][1]["id"] = json!(7)),
        with(|d| d["nodes"][1]["kind"] = json!("router")),
        with(|d| d["nodes"][1]["label"] = json!("l".repeat(81))),
        with(|d| d["nodes"][1]["x"] = json!("left")),
        with(|d| d["nodes"][1]["extra"] = json!(3)),
        with(|d| d["nodes"][2]["replicas"] = json!(65)),
        with(|d| d["nodes"][2]["replicas"] = json!(2.5)),
        with(|d| d["nodes"][2]["quorum"] = json!(4)),
        with(|d| d["nodes"][3]["availability"] = json!(1.5)),
        with(|d| d["nodes"][2]["killed"] = json!([5])),
        with(|d| d["nodes"][2]["killed"] = json!([1, 1])),
        with(|d| d["nodes"][2]["killed"] = json!(1)),
        with(|d| d["nodes"][2]["capabilities"] = json!([""])),
        with(|d| d["nodes"][0]["replicas"] = json!(2)),
        with(|d| d["links"][0]["to"] = json!("ghost")),
        with(|d| d["links"][0]["from"] = json!("ghost")),
        with(|d| d["links"][1]["to"] = json!("browser")),
        with(|d| d["links"][1]["to"] = json!("lb")),
        with(|d| d["links"][1]["kind"] = json!("sometimes")),
        with(|d| {
            d["links"]
                .as_array_mut()
                .unwrap()
                .push(json!({"from": "lb", "to": "orders"}))
        }),
        with(|d| d["functions"][0]["id"] = json!("")),
        with(|d| {
            let f = d["functions"][0].clone();
            d["functions"].as_array_mut().unwrap().push(f);
        }),
        with(|d| d["functions"][0]["client"] = json!("lb")),
        with(|d| d["functions"][0]["client"] = json!("ghost")),
        with(|d| d["functions"][0]["capability"] = json!("refunds")),
        with(|d| d["functions"][0]["weight"] = json!(0)),
        with(|d| {
            d["functions"][0].as_object_mut().unwrap().remove("client");
        }),
        with(|d| d["nodes"][0]["cost"] = json!(1)),
        with(|d| d["nodes"][3]["cost"] = json!(0)),
        with(|d| d["goals"] = json!({"kind": "no_spof"})),
        with(|d| d["goals"] = json!([3])),
        with(|d| d["goals"] = json!([{"kind": "faster"}])),
        with(|d| d["goals"] = json!([{"kind": "no_spof", "colour": 1}])),
        with(|d| d["goals"] = json!([{"kind": "no_spof", "max": 1}])),
        with(|d| d["goals"] = json!([{"kind": "availability", "min": 0.9, "nines": 3}])),
        with(|d| d["goals"] = json!([{"kind": "availability"}])),
        with(|d| d["goals"] = json!([{"kind": "availability", "min": 1.5}])),
        with(|d| d["goals"] = json!([{"kind": "availability", "nines": 12}])),
        with(|d| d["goals"] = json!([{"kind": "availability", "function": "refunds", "min": 0.9}])),
        with(|d| d["goals"] = json!([{"kind": "survive", "failures": 4, "of": "zones"}])),
        with(|d| d["goals"] = json!([{"kind": "survive", "failures": 1, "of": "racks"}])),
        with(|d| {
            d["goals"] = json!([{"kind": "survive", "failures": 1, "of": "nodes",
                                 "functions": ["checkout", "checkout"]}])
        }),
        with(|d| d["goals"] = json!([{"kind": "max_sync_depth"}])),
        with(|d| d["goals"] = json!([{"kind": "budget", "max_cost": -1}])),
        with(|d| {
            d["goals"] = json!([{"id": "g", "kind": "no_spof", "label": "l".repeat(201)},
                                {"id": "g", "kind": "no_cycles"}])
        }),
        with(|d| {
            d.as_object_mut().unwrap().remove("functions");
            d["goals"] = json!([{"kind": "availability", "function": "orders", "min": 0.9}]);
        }),
        with(|d| d["goals"] = json!(vec![json!({"kind": "no_spof"}); 101])),
    ]
}

/// `text` without what a message quotes (the user's data between quotes) and
/// without the format's own names (paths such as `nodes[2].quorum`, field
/// names, the allowed-fields list): what must then be Chinese.
fn own_words(text: &str) -> String {
    // The format's names, as the document and docs/spec/model.md write them.
    const FORMAT_WORDS: &[&str] = &[
        "nodes",
        "links",
        "functions",
        "format",
        "title",
        "extra",
        "label",
        "kind",
        "replicas",
        "quorum",
        "availability",
        "killed",
        "capabilities",
        "capability",
        "client",
        "weight",
        "from",
        "to",
        "id",
        "null",
        "true",
        "false",
        "JSON",
        "topolab",
        // kinds of nodes and links (`load_balancer` splits in two)
        "load",
        "balancer",
        "gateway",
        "service",
        "database",
        "cache",
        "queue",
        "external",
        "route",
        "pool",
        "requires",
        "optional",
        "async",
        // goals (docs/spec/model.md §6): their fields and kinds (`no_spof` splits)
        "goals",
        "cost",
        "min",
        "nines",
        "failures",
        "instances",
        "zones",
        "max",
        "survive",
        "spof",
        "sync",
        "depth",
        "shared",
        "stores",
        "cycles",
        "budget",
    ];
    support::latin_words_outside_quotes(text, FORMAT_WORDS, 3)
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_problem_of_a_broken_document_is_said_in_chinese() {
    for doc in broken_documents() {
        for p in problems(&doc) {
            let zh = p.message_in(Lang::Zh);
            assert!(has_chinese(zh), "no Chinese for {p}");
            assert_eq!(own_words(zh), "", "English left in {zh:?} ({p})");
        }
    }
}

#[test]
fn a_problem_in_english_is_the_clis_line() {
    for doc in broken_documents() {
        for p in problems(&doc) {
            assert_eq!(p.message_in(Lang::En), p.message);
            assert_eq!(p.line_in(Lang::En), p.to_string());
        }
    }
}

#[test]
fn a_chinese_line_names_the_same_place() {
    let ps = problems(&with(|d| d["nodes"][2]["quorum"] = json!(4)));
    let p = ps
        .iter()
        .find(|p| p.path == "nodes[2].quorum")
        .expect("quorum problem");
    assert_eq!(
        p.line_in(Lang::Zh),
        format!("nodes[2].quorum：{}", p.message_in(Lang::Zh))
    );
    assert!(
        p.message_in(Lang::Zh).contains("副本数 3"),
        "{}",
        p.message_in(Lang::Zh)
    );
}

#[test]
fn invalid_json_is_placed_by_line_and_column_in_chinese() {
    let ps = parse_document("{\n  \"format\": ,\n}").expect_err("not JSON");
    assert_eq!(ps.len(), 1);
    assert!(ps[0].message.starts_with("not valid JSON: "), "{}", ps[0]);
    assert_eq!(
        ps[0].message_in(Lang::Zh),
        "不是有效的 JSON（第 2 行第 13 列）"
    );
}

#[test]
fn a_broken_address_is_explained_in_chinese() {
    for data in [
        "",
        "this-is-not*a~diagram",
        "AAAA",
        "A",
        "q1YqSSxKT1WyUlAqzs9NVahRSMsvyslRBAA",
    ] {
        let ps = decode_document(data).expect_err(data);
        for p in ps {
            let zh = p.message_in(Lang::Zh);
            assert!(has_chinese(zh), "{data:?}: no Chinese for {p}");
            let words = own_words(zh);
            let left: Vec<&str> = words
                .split(' ')
                .filter(|w| !w.is_empty() && !["base", "url", "DEFLATE", "MiB", "UTF"].contains(w))
                .collect();
            assert!(left.is_empty(), "{data:?}: English left in {zh:?}");
        }
    }
}

#[test]
fn a_refused_link_or_node_is_explained_in_both_languages() {
    let doc: Document = parse_document(&base().to_string()).expect("valid");
    let cases = [
        ("orders", "browser", "client", "客户端"),
        ("orders", "orders", "itself", "自己"),
        ("lb", "orders", "already", "已经连向"),
        ("orders", "ghost", "ghost", "ghost"),
    ];
    for (from, to, en, zh) in cases {
        let why = why_no_link(&doc, from, to).expect("refused");
        assert_eq!(link_refusal(&doc, from, to), Some(why.message(Lang::En)));
        assert!(why.message(Lang::En).contains(en), "{why:?}");
        assert!(
            why.message(Lang::Zh).contains(zh),
            "{}",
            why.message(Lang::Zh)
        );
        assert!(has_chinese(&why.message(Lang::Zh)));
    }
    assert_eq!(why_no_link(&doc, "orders", "lb"), None);
    assert_eq!(why_no_node(&doc), None);
    assert!(Refusal::TooManyNodes
        .message(Lang::Zh)
        .contains("2000 个节点"));
}
