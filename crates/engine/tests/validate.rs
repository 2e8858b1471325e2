//! One test per rule of docs/spec/model.md §1: a document breaking it is refused with a
//! message that names the place; everything else in the document is fine.

mod support;

use serde_json::{json, Value};
use support::{base, problems, refused};
use topolab_engine::{parse_document, Document};

fn with(f: impl FnOnce(&mut Value)) -> Value {
    let mut d = base();
    f(&mut d);
    d
}

#[test]
fn the_base_document_is_valid() {
    assert_eq!(problems(&base()), Vec::<String>::new());
}

#[test]
fn the_spec_examples_are_valid() {
    for name in ["monolith", "cluster", "distributed", "microservices"] {
        let path = format!(
            "{}/../../docs/spec/examples/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).expect("fixture exists");
        assert!(
            parse_document(&text).is_ok(),
            "{name}: {:?}",
            parse_document(&text).err()
        );
    }
}

#[test]
fn malformed_json_is_refused_with_its_line() {
    let ps = match parse_document("{\n\"format\": \"topolab/1\",\n\"nodes\": [,]\n}") {
        Err(ps) => ps,
        Ok(_) => panic!("accepted"),
    };
    assert_eq!(ps.len(), 1);
    assert!(ps[0].to_string().contains("line 3"), "{}", ps[0]);
}

#[test]
fn a_document_must_be_an_object() {
    let ps = problems(&json!([1, 2]));
    assert_eq!(ps, vec!["expected an object, found a list".to_string()]);
}

#[test]
fn format_must_be_topolab_1() {
    refused(
        &with(|d| d["format"] = json!("topolab/2")),
        "format",
        "expected \"topolab/1\"",
    );
    refused(
        &with(|d| {
            d.as_object_mut().map(|o| o.remove("format"));
        }),
        "format",
        "is required",
    );
}

#[test]
fn title_is_at_most_200_characters() {
    refused(
        &with(|d| d["title"] = json!("x".repeat(201))),
        "title",
        "at most 200",
    );
    assert!(problems(&with(|d| d["title"] = json!("字".repeat(200)))).is_empty());
}

#[test]
fn node_id_must_use_allowed_characters() {
    refused(
        &with(|d| d["nodes"][3]["id"] = json!("my db")),
        "nodes[3].id",
        "not a valid id",
    );
    refused(
        &with(|d| d["nodes"][3]["id"] = json!("")),
        "nodes[3].id",
        "not a valid id",
    );
    refused(
        &with(|d| d["nodes"][3]["id"] = json!("d".repeat(65))),
        "nodes[3].id",
        "not a valid id",
    );
}

#[test]
fn node_ids_are_unique() {
    refused(
        &with(|d| d["nodes"][3]["id"] = json!("lb")),
        "nodes[3].id",
        "already the id of nodes[1]",
    );
}

#[test]
fn node_kind_must_be_known() {
    refused(
        &with(|d| d["nodes"][3]["kind"] = json!("databse")),
        "nodes[3].kind",
        "unknown kind \"databse\"",
    );
}

#[test]
fn label_is_at_most_80_characters() {
    refused(
        &with(|d| d["nodes"][2]["label"] = json!("o".repeat(81))),
        "nodes[2].label",
        "at most 80",
    );
}

#[test]
fn positions_must_be_numbers() {
    refused(
        &with(|d| d["nodes"][2]["x"] = json!("200")),
        "nodes[2].x",
        "expected a number",
    );
}

#[test]
fn replicas_are_1_to_64() {
    refused(
        &with(|d| d["nodes"][3]["replicas"] = json!(0)),
        "nodes[3].replicas",
        "1 to 64",
    );
    refused(
        &with(|d| d["nodes"][3]["replicas"] = json!(65)),
        "nodes[3].replicas",
        "1 to 64",
    );
    refused(
        &with(|d| d["nodes"][3]["replicas"] = json!(2.5)),
        "nodes[3].replicas",
        "whole number",
    );
}

#[test]
fn quorum_is_between_1_and_replicas() {
    refused(
        &with(|d| d["nodes"][2]["quorum"] = json!(4)),
        "nodes[2].quorum",
        "between 1 and",
    );
    refused(
        &with(|d| d["nodes"][2]["quorum"] = json!(0)),
        "nodes[2].quorum",
        "between 1 and",
    );
}

#[test]
fn availability_is_above_0_and_at_most_1() {
    refused(
        &with(|d| d["nodes"][3]["availability"] = json!(0)),
        "nodes[3].availability",
        "probability",
    );
    refused(
        &with(|d| d["nodes"][3]["availability"] = json!(99.9)),
        "nodes[3].availability",
        "probability",
    );
    assert!(problems(&with(|d| d["nodes"][3]["availability"] = json!(1))).is_empty());
}

#[test]
fn killed_instance_index_out_of_range_is_refused() {
    refused(
        &with(|d| d["nodes"][2]["killed"] = json!([3])),
        "nodes[2].killed[0]",
        "does not exist",
    );
}

#[test]
fn killed_instance_listed_twice_is_refused() {
    refused(
        &with(|d| d["nodes"][2]["killed"] = json!([0, 0])),
        "nodes[2].killed[1]",
        "listed twice",
    );
}

#[test]
fn capabilities_are_1_to_64_characters() {
    refused(
        &with(|d| d["nodes"][2]["capabilities"] = json!(["orders", ""])),
        "nodes[2].capabilities[1]",
        "1 to 64",
    );
}

#[test]
fn fields_that_do_not_apply_to_a_client_are_refused() {
    for field in ["replicas", "quorum", "availability"] {
        refused(
            &with(|d| d["nodes"][0][field] = json!(1)),
            &format!("nodes[0].{field}"),
            "does not apply to a client",
        );
    }
    refused(
        &with(|d| d["nodes"][0]["killed"] = json!([0])),
        "nodes[0].killed",
        "does not apply to a client",
    );
}

#[test]
fn unknown_fields_are_refused_with_a_suggestion() {
    refused(
        &with(|d| d["nodes"][2]["replica"] = json!(3)),
        "nodes[2].replica",
        "did you mean \"replicas\"",
    );
    refused(
        &with(|d| d["links"][0]["knd"] = json!("route")),
        "links[0].knd",
        "did you mean \"kind\"",
    );
    refused(
        &with(|d| d["colour"] = json!("red")),
        "colour",
        "unknown field",
    );
    refused(
        &with(|d| d["functions"][0]["wieght"] = json!(1)),
        "functions[0].wieght",
        "did you mean \"weight\"",
    );
}

#[test]
fn extra_is_kept_as_is_anywhere() {
    let d = with(|d| {
        d["extra"] = json!({"anything": [1, {"nested": true}]});
        d["nodes"][1]["extra"] = json!({"vendor": "haproxy"});
        d["links"][0]["extra"] = json!({"latency_ms": 3});
        d["functions"][0]["extra"] = json!({"sla": "gold"});
    });
    let doc = parse_document(&d.to_string()).expect("valid");
    let back: Value = serde_json::from_str(&doc.to_json()).expect("json");
    assert_eq!(back["extra"], d["extra"]);
    assert_eq!(back["nodes"][1]["extra"], d["nodes"][1]["extra"]);
    assert_eq!(back["links"][0]["extra"], d["links"][0]["extra"]);
    assert_eq!(back["functions"][0]["extra"], d["functions"][0]["extra"]);
    refused(
        &with(|d| d["nodes"][1]["extra"] = json!(3)),
        "nodes[1].extra",
        "expected an object",
    );
}

#[test]
fn link_to_an_unknown_node_names_the_id() {
    let ps = problems(&with(|d| d["links"][2]["to"] = json!("paymnts")));
    assert!(
        ps.contains(&"links[2].to: no node with id \"paymnts\"".to_string()),
        "{ps:?}"
    );
    refused(
        &with(|d| d["links"][2]["from"] = json!("ordrs")),
        "links[2].from",
        "no node with id",
    );
}

#[test]
fn self_links_are_refused() {
    refused(
        &with(|d| d["links"][2]["to"] = json!("orders")),
        "links[2]",
        "to itself",
    );
}

#[test]
fn a_second_link_for_the_same_pair_is_refused() {
    refused(
        &with(|d| {
            d["links"]
                .as_array_mut()
                .map(|l| l.push(json!({"from": "orders", "to": "db", "kind": "optional"})))
                .unwrap_or(())
        }),
        "links[3]",
        "at most one per direction",
    );
    // The reverse direction is another pair.
    assert!(problems(&with(|d| d["links"]
        .as_array_mut()
        .map(|l| l.push(json!({"from": "db", "to": "orders"})))
        .unwrap_or(())))
    .is_empty());
}

#[test]
fn links_to_a_client_are_refused() {
    refused(
        &with(|d| d["links"][2]["to"] = json!("browser")),
        "links[2].to",
        "no link may point to a client",
    );
}

#[test]
fn link_kind_must_be_known() {
    refused(
        &with(|d| d["links"][2]["kind"] = json!("sync")),
        "links[2].kind",
        "unknown link kind \"sync\"",
    );
}

#[test]
fn function_ids_are_unique() {
    refused(
        &with(|d| {
            d["functions"]
                .as_array_mut()
                .map(|f| {
                    f.push(json!({"id": "checkout", "client": "browser", "capability": "orders"}))
                })
                .unwrap_or(())
        }),
        "functions[1].id",
        "already the id of functions[0]",
    );
}

#[test]
fn function_client_must_be_a_client_node() {
    refused(
        &with(|d| d["functions"][0]["client"] = json!("lb")),
        "functions[0].client",
        "not a client",
    );
    refused(
        &with(|d| d["functions"][0]["client"] = json!("phone")),
        "functions[0].client",
        "no node with id",
    );
}

#[test]
fn function_capability_must_be_held_by_a_node() {
    refused(
        &with(|d| d["functions"][0]["capability"] = json!("refunds")),
        "functions[0].capability",
        "no node holds",
    );
}

#[test]
fn function_weight_must_be_positive() {
    refused(
        &with(|d| d["functions"][0]["weight"] = json!(0)),
        "functions[0].weight",
        "above 0",
    );
    refused(
        &with(|d| d["functions"][0]["weight"] = json!(-1)),
        "functions[0].weight",
        "above 0",
    );
}

#[test]
fn numbers_too_large_for_a_double_are_refused() {
    let text = base().to_string().replace("\"x\":300", "\"x\":1e999");
    assert!(text.contains("1e999"));
    assert!(parse_document(&text).is_err());
}

#[test]
fn too_many_nodes_are_refused_with_one_clear_line() {
    let nodes: Vec<Value> = (0..2001)
        .map(|i| json!({"id": format!("n{i}"), "kind": "service"}))
        .collect();
    let d = json!({"format": "topolab/1", "nodes": nodes, "links": []});
    let ps = problems(&d);
    assert_eq!(
        ps,
        vec!["nodes: 2001 nodes; at most 2000 can be loaded".to_string()]
    );
}

#[test]
fn two_thousand_nodes_and_twenty_thousand_links_load() {
    let nodes: Vec<Value> = (0..2000)
        .map(|i| json!({"id": format!("n{i}"), "kind": "service"}))
        .collect();
    let links: Vec<Value> = (0..20000)
        .map(|i| json!({"from": format!("n{}", i % 2000), "to": format!("n{}", (i % 2000 + 1 + i / 2000) % 2000)}))
        .collect();
    let d = json!({"format": "topolab/1", "nodes": nodes, "links": links});
    assert_eq!(problems(&d), Vec::<String>::new());
}

#[test]
fn too_many_links_are_refused() {
    let links: Vec<Value> = (0..20001)
        .map(|_| json!({"from": "a", "to": "b"}))
        .collect();
    let d = json!({"format": "topolab/1", "nodes": [], "links": links});
    refused(&d, "links", "at most 20000");
}

#[test]
fn every_problem_is_reported_at_once() {
    // Problems found while reading the JSON come together...
    let d = with(|d| {
        d["nodes"][3]["kind"] = json!("databse");
        d["nodes"][1]["x"] = json!("100");
        d["links"][0]["knd"] = json!("route");
    });
    assert_eq!(problems(&d).len(), 3, "{:?}", problems(&d));
    // ...and so do the rules checked on a document that reads.
    let d = with(|d| {
        d["nodes"][2]["quorum"] = json!(9);
        d["links"][1]["to"] = json!("ordrs");
        d["functions"][0]["weight"] = json!(-2);
    });
    assert_eq!(problems(&d).len(), 3, "{:?}", problems(&d));
}

#[test]
fn deeply_nested_json_is_refused_without_crashing() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(parse_document(&deep).is_err());
}

#[test]
fn writing_a_document_back_reads_back_equal() {
    let doc = parse_document(&base().to_string()).expect("valid");
    let again: Document = parse_document(&doc.to_json_pretty()).expect("still valid");
    assert_eq!(doc, again);
    // Defaults are not written out: the file stays as its author wrote it.
    let back: Value = serde_json::from_str(&doc.to_json()).expect("json");
    assert!(back["nodes"][0].get("replicas").is_none());
    assert!(back["links"][0].get("kind").is_none());
}
