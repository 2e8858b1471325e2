//! Embedding, natively: the `postMessage` protocol reads every field of a
//! message and refuses a wrong one with a reply naming it; the Embed dialog's
//! `<iframe>` snippet escapes what it quotes (docs/spec/app.md `?embed=1`, README.md).

use serde_json::{json, Value};
use topolab_editor::embed::protocol::{read_request, ready, reply, Call, Request};
use topolab_editor::embed::snippet::{embed_query, escape_attribute, iframe_snippet};

fn call(message: Value) -> Result<Call, String> {
    read_request(&message)
        .expect("a message with a topolab field is addressed to Topolab")
        .call
}

#[test]
fn kill_and_revive_name_a_node_and_an_instance() {
    assert_eq!(
        call(json!({"topolab": "kill", "id": "app2", "index": 0})),
        Ok(Call::Kill {
            id: "app2".into(),
            index: 0
        })
    );
    assert_eq!(
        call(json!({"topolab": "revive", "id": "db.main-1_a", "index": 4})),
        Ok(Call::Revive {
            id: "db.main-1_a".into(),
            index: 4
        })
    );
}

#[test]
fn a_missing_or_mistyped_id_is_refused_with_its_name() {
    for message in [
        json!({"topolab": "kill", "index": 0}),
        json!({"topolab": "kill", "id": 3, "index": 0}),
        json!({"topolab": "kill", "id": null, "index": 0}),
        json!({"topolab": "kill", "id": "", "index": 0}),
        json!({"topolab": "kill", "id": "has space", "index": 0}),
        json!({"topolab": "kill", "id": "x".repeat(65), "index": 0}),
        json!({"topolab": "revive", "id": "<b>", "index": 0}),
    ] {
        let error = call(message.clone()).expect_err("refused");
        assert!(error.starts_with("id "), "{message}: {error}");
    }
}

#[test]
fn an_index_that_is_not_a_whole_number_from_zero_is_refused() {
    for index in [
        json!(-1),
        json!(1.5),
        json!("1"),
        json!(null),
        json!(true),
        json!([0]),
        json!(4_294_967_296u64),
        json!(1e300),
    ] {
        let message = json!({"topolab": "kill", "id": "app2", "index": index});
        let error = call(message).expect_err("refused");
        assert!(error.starts_with("index "), "{index}: {error}");
    }
    let error = call(json!({"topolab": "revive", "id": "app2"})).expect_err("refused");
    assert!(error.starts_with("index is missing"), "{error}");
}

#[test]
fn load_takes_a_document_as_an_object_or_as_its_text() {
    let doc = json!({"format": "topolab/1", "nodes": []});
    match call(json!({"topolab": "load", "document": doc.clone()})) {
        Ok(Call::Load { document }) => {
            assert_eq!(serde_json::from_str::<Value>(&document).ok(), Some(doc))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        call(json!({"topolab": "load", "document": "{not json"})),
        Ok(Call::Load {
            document: "{not json".into()
        }),
        "the text goes to the validator, which says what is wrong with it"
    );
    for message in [
        json!({"topolab": "load"}),
        json!({"topolab": "load", "document": 7}),
        json!({"topolab": "load", "document": [1, 2]}),
        json!({"topolab": "load", "document": null}),
    ] {
        let error = call(message.clone()).expect_err("refused");
        assert!(error.contains("document"), "{message}: {error}");
    }
}

#[test]
fn document_and_analysis_need_no_field() {
    assert_eq!(call(json!({"topolab": "document"})), Ok(Call::Document));
    assert_eq!(
        call(json!({"topolab": "analysis", "extra": 1})),
        Ok(Call::Analysis)
    );
}

#[test]
fn an_unknown_call_or_a_call_that_is_not_a_string_is_refused() {
    let error = call(json!({"topolab": "delete", "id": "db"})).expect_err("refused");
    assert!(
        error.contains("unknown call \"delete\"") && error.contains("kill, revive"),
        "{error}"
    );
    let error = call(json!({"topolab": "x".repeat(500)})).expect_err("refused");
    assert!(
        !error.contains(&"x".repeat(100)),
        "a long name is shortened: {error}"
    );
    for name in [
        json!(5),
        json!(null),
        json!({"call": "kill"}),
        json!(["kill"]),
    ] {
        let request = read_request(&json!({ "topolab": name })).expect("for Topolab");
        assert_eq!(request.name, None);
        let error = request.call.expect_err("refused");
        assert!(
            error.starts_with("topolab must be the name of a call"),
            "{error}"
        );
    }
}

#[test]
fn messages_without_a_topolab_field_are_not_for_topolab() {
    for message in [
        json!("kill"),
        json!(42),
        json!(null),
        json!(["topolab", "kill"]),
        json!({"type": "resize", "height": 300}),
        json!({}),
    ] {
        assert_eq!(read_request(&message), None, "{message}");
    }
}

#[test]
fn a_reply_names_the_call_says_ok_and_echoes_the_id() {
    let request = read_request(&json!({"topolab": "document", "id": "q-7"})).expect("for Topolab");
    assert_eq!(
        reply(&request, Ok(json!({"format": "topolab/1"}))),
        json!({"topolab": "document", "ok": true, "result": {"format": "topolab/1"}, "id": "q-7"})
    );
    let request = read_request(&json!({"topolab": "kill", "id": "app9", "index": 0})).expect("");
    assert_eq!(
        reply(&request, Err("no node with id \"app9\"".into())),
        json!({"topolab": "kill", "ok": false, "error": "no node with id \"app9\"", "id": "app9"})
    );
    let numbered = read_request(&json!({"topolab": "analysis", "id": 12})).expect("");
    assert_eq!(reply(&numbered, Ok(Value::Null))["id"], json!(12));
}

#[test]
fn a_reply_to_a_message_without_a_usable_id_has_none() {
    for id in [
        json!({"a": 1}),
        json!(null),
        json!("x".repeat(201)),
        json!([1]),
    ] {
        let request = read_request(&json!({"topolab": "document", "id": id})).expect("");
        assert_eq!(request.echo, None);
        assert_eq!(reply(&request, Ok(Value::Null)).get("id"), None);
    }
    let unnamed = Request {
        name: None,
        echo: None,
        call: Err("bad".into()),
    };
    assert_eq!(
        reply(&unnamed, Err("bad".into())),
        json!({"topolab": null, "ok": false, "error": "bad"})
    );
}

#[test]
fn the_ready_message_lists_the_calls_and_says_whether_the_page_is_read_only() {
    assert_eq!(
        ready(true),
        json!({"topolab": "ready", "ok": true, "result": {
            "calls": ["kill", "revive", "load", "document", "analysis", "simulate", "check",
                      "advise", "applyAdvice", "killZone", "reviveZone"], "readonly": true}})
    );
}

#[test]
fn the_embed_query_asks_for_embed_then_readonly_then_the_language() {
    assert_eq!(embed_query(false, None), "embed=1");
    assert_eq!(embed_query(true, None), "embed=1&readonly=1");
    assert_eq!(embed_query(false, Some("zh-CN")), "embed=1&lang=zh-CN");
    assert_eq!(
        embed_query(true, Some("en&theme=x")),
        "embed=1&readonly=1",
        "only a language tag is carried over"
    );
    assert_eq!(embed_query(false, Some("")), "embed=1");
}

#[test]
fn the_snippet_is_an_iframe_of_the_address_titled_sized_and_lazy() {
    let src = "https://example.org/topolab/?embed=1#d=abc_-";
    assert_eq!(
        iframe_snippet(src, "Cluster"),
        "<iframe src=\"https://example.org/topolab/?embed=1#d=abc_-\" width=\"100%\" height=\"420\" title=\"Cluster\" loading=\"lazy\" allow=\"fullscreen\" style=\"border:1px solid #d0d7de;border-radius:8px\"></iframe>"
    );
}

#[test]
fn a_title_with_quotes_or_markup_stays_text_in_the_snippet() {
    let snippet = iframe_snippet(
        "https://h/?a=1&embed=1#d=x",
        "\"><script>alert(1)</script> & co",
    );
    assert!(!snippet.contains("<script>"), "{snippet}");
    assert!(snippet.contains("title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co\""));
    assert!(snippet.contains("src=\"https://h/?a=1&amp;embed=1#d=x\""));
    assert_eq!(
        escape_attribute("a\"b<c>d&e'f"),
        "a&quot;b&lt;c&gt;d&amp;e'f"
    );
}

#[test]
fn simulate_carries_its_options_object() {
    assert_eq!(
        call(json!({"topolab": "simulate", "options": {"seconds": 60, "seed": 2}})),
        Ok(Call::Simulate {
            options: json!({"seconds": 60, "seed": 2})
        })
    );
    assert_eq!(
        call(json!({"topolab": "simulate"})),
        Ok(Call::Simulate { options: json!({}) })
    );
    let refused = call(json!({"topolab": "simulate", "options": [1]})).unwrap_err();
    assert!(refused.contains("options must be an object"), "{refused}");
}

#[test]
fn advise_takes_optional_goals_and_apply_advice_needs_a_name() {
    assert_eq!(
        call(json!({"topolab": "advise"})),
        Ok(Call::Advise { goals: Value::Null })
    );
    let goals = json!([{"function": "all", "min": 0.999}]);
    assert_eq!(
        call(json!({"topolab": "advise", "goals": goals})),
        Ok(Call::Advise { goals })
    );
    assert_eq!(
        call(json!({"topolab": "applyAdvice", "name": "cheapest"})),
        Ok(Call::ApplyAdvice {
            name: "cheapest".into()
        })
    );
    let error = call(json!({"topolab": "applyAdvice"})).expect_err("refused");
    assert!(error.contains("needs name"), "{error}");
}
