//! The `#d=` address codec (docs/spec/app.md "URL": base64url without padding of the
//! raw-DEFLATE-compressed `topolab/1` JSON): round trips, another
//! implementation's output, and hostile input refused with a problem, never a panic.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use proptest::prelude::*;
use topolab_engine::presets::PRESETS;
use topolab_engine::share::{decode_document, encode_document, MAX_DECOMPRESSED_BYTES};
use topolab_engine::{parse_document, Problem};

/// The `<data>` for arbitrary bytes, compressed the way the address is.
fn pack(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(bytes, 6))
}

fn messages(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("{}: {}", p.path, p.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The one problem of a refused address.
fn single_problem(data: &str) -> Problem {
    match decode_document(data) {
        Ok(doc) => panic!("{data:.60} was accepted as {doc:?}"),
        Err(mut problems) => {
            assert_eq!(problems.len(), 1, "{}", messages(&problems));
            problems.remove(0)
        }
    }
}

#[test]
fn every_preset_survives_the_round_trip() {
    for preset in PRESETS {
        let doc = preset.document();
        assert!(!doc.nodes.is_empty(), "preset {} is empty", preset.name);
        match decode_document(&encode_document(&doc)) {
            Ok(decoded) => assert_eq!(decoded, doc, "preset {}", preset.name),
            Err(problems) => panic!("preset {}: {}", preset.name, messages(&problems)),
        }
    }
}

#[test]
fn the_encoding_needs_no_escaping_in_an_address() {
    // The figures: `cargo test --test share fits -- --nocapture`.
    for preset in PRESETS {
        let data = encode_document(&preset.document());
        println!("{:24} {:6} characters", preset.name, data.len());
        assert!(!data.is_empty());
        let bad: Vec<char> = data
            .chars()
            .filter(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
            .collect();
        assert!(bad.is_empty(), "preset {}: {bad:?} in {data}", preset.name);
    }
}

/// Made once with Node's zlib, a DEFLATE implementation independent of ours:
/// node -e 'const j=JSON.stringify(DOC); console.log(require("zlib")
///   .deflateRawSync(Buffer.from(j, "utf8")).toString("base64url"))'
/// where DOC is the object whose JSON is [`NODE_JSON`].
const NODE_DATA: &str = "ZY5LCsIwFEW3InccsA3FQaYuo3SQNK8QmiYlCVYpXYbgFlyHO3El0g9UcfrO5bwzovGhkwkCyffeSnXMwZBMsgSBs2xez8P7cQeD85oiRDnCaAio4IdIAQytcfOhtoZcAsMV4pQx3CB4lk1s2w-k9m2kcDE1gSFQb00tIwSfqbWkIcq8WjS8-PfoL42WSSoZaX1a8H1dMVjj2rW3Cb77KU5-C5qtG137FqIVpmr6AA";
const NODE_JSON: &str = r#"{"format":"topolab/1","title":"Café ☕","nodes":[{"id":"browser","kind":"client","x":60,"y":200},{"id":"web","kind":"service","replicas":2,"killed":[1],"x":240,"y":200},{"id":"db","kind":"database","x":420,"y":200}],"links":[{"from":"browser","to":"web"},{"from":"web","to":"db"}]}"#;

#[test]
fn an_address_made_by_nodes_zlib_opens() {
    let doc = decode_document(NODE_DATA).unwrap_or_else(|p| panic!("{}", messages(&p)));
    assert_eq!(doc.title.as_deref(), Some("Café ☕"));
    let ids: Vec<&str> = doc.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["browser", "web", "db"]);
    assert!(doc.nodes[1].is_killed(1));
    assert_eq!(Ok(doc), parse_document(NODE_JSON));
}

#[test]
fn a_pasted_link_with_padding_standard_alphabet_or_whitespace_still_opens() {
    let expected = decode_document(NODE_DATA);
    assert!(expected.is_ok());
    let raw = URL_SAFE_NO_PAD.decode(NODE_DATA).unwrap_or_default();
    let standard = STANDARD.encode(&raw);
    assert!(
        standard.ends_with('=') && standard.contains(['+', '/']),
        "{standard}"
    );
    for mangled in [
        standard.clone(),
        format!("  {NODE_DATA}==\n"),
        format!("\t{standard}\r\n"),
    ] {
        assert_eq!(decode_document(&mangled), expected, "{mangled}");
    }
}

#[test]
fn an_empty_address_is_refused() {
    for data in ["", "   ", "==", "\n"] {
        let problem = single_problem(data);
        assert!(problem.message.contains("empty"), "{problem:?}");
    }
}

#[test]
fn a_character_outside_base64url_is_named() {
    let data = format!("{}*{}", &NODE_DATA[..10], &NODE_DATA[11..]);
    let problem = single_problem(&data);
    assert_eq!(problem.path, "");
    assert!(
        problem
            .message
            .starts_with("the address's diagram is not valid base64url: "),
        "{problem:?}"
    );
    assert!(
        problem.message.contains("'*' at position 10"),
        "{problem:?}"
    );
}

#[test]
fn a_link_cut_short_is_refused() {
    for len in [1, 5, 40, NODE_DATA.len() - 7] {
        let problem = single_problem(&NODE_DATA[..len]);
        assert!(problem.message.contains("cut short"), "{len}: {problem:?}");
    }
}

#[test]
fn data_that_is_not_deflate_is_refused() {
    // Block type 3 is reserved in DEFLATE (RFC 1951 §3.2.3).
    let problem = single_problem(&URL_SAFE_NO_PAD.encode([0x07, 0, 0, 0]));
    assert!(problem.message.contains("DEFLATE"), "{problem:?}");
}

#[test]
fn a_zip_bomb_is_refused_naming_the_limit() {
    let data = pack(&vec![0; 64 * 1024 * 1024]);
    assert!(
        data.len() < 200_000,
        "the bomb is {} characters",
        data.len()
    );
    let problem = single_problem(&data);
    assert_eq!(MAX_DECOMPRESSED_BYTES, 8 * 1024 * 1024);
    assert!(problem.message.contains("limit of 8 MiB"), "{problem:?}");
}

#[test]
fn a_document_as_large_as_the_limit_is_read_to_its_end() {
    // Valid JSON padded with spaces to the limit: it reaches the parser, whose only
    // complaint is the document's content.
    let json = r#"{"format":"topolab/2","nodes":[],"links":[]}"#;
    let mut text = json.as_bytes().to_vec();
    text.resize(MAX_DECOMPRESSED_BYTES, b' ');
    let problems = decode_document(&pack(&text)).err().unwrap_or_default();
    assert_eq!(problems, parse_document(json).err().unwrap_or_default());
    assert!(!problems.is_empty());
}

#[test]
fn text_that_is_not_utf8_is_refused() {
    let problem = single_problem(&pack(b"{\"format\": \"\xff\xfe\"}"));
    assert!(problem.message.contains("not UTF-8"), "{problem:?}");
    assert!(problem.message.contains("position 12"), "{problem:?}");
}

#[test]
fn invalid_json_gives_the_parsers_problems() {
    for text in [
        "{not json",
        r#"{"format":"topolab/1","nodes":[{"id":"a","kind":"service"},{"id":"c","kind":"client"}],"links":[{"from":"a","to":"c"}]}"#,
        r#"{"format":"topolab/1","nodes":[],"links":[],"colour":"red"}"#,
    ] {
        let expected = parse_document(text).err().unwrap_or_default();
        assert!(!expected.is_empty(), "{text}");
        assert_eq!(
            decode_document(&pack(text.as_bytes())).err(),
            Some(expected),
            "{text}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_is_answered_without_panicking(data in ".*") {
        let result = decode_document(&data);
        if let Err(problems) = result {
            prop_assert!(!problems.is_empty());
        }
    }

    #[test]
    fn any_bytes_in_base64url_are_refused_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let problems = decode_document(&URL_SAFE_NO_PAD.encode(&bytes)).err().unwrap_or_default();
        prop_assert!(!problems.is_empty());
    }

    #[test]
    fn any_deflated_bytes_are_refused_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let problems = decode_document(&pack(&bytes)).err().unwrap_or_default();
        prop_assert!(!problems.is_empty());
    }
}

/// docs/spec/app.md "URL" in practice: an address must fit where people paste
/// it. Chat apps and browsers take 8,000 characters without trouble.
const ADDRESS_BUDGET: usize = 8_000;

#[test]
fn every_preset_fits_in_a_short_address() {
    // The figures: `cargo test --test share fits -- --nocapture`.
    for preset in PRESETS {
        let data = encode_document(&preset.document());
        println!("{:24} {:6} characters", preset.name, data.len());
        assert!(
            data.len() < ADDRESS_BUDGET / 4,
            "{}: {} characters",
            preset.name,
            data.len()
        );
    }
}

/// A realistic 200-node diagram: a client, two load balancers, four gateways,
/// and domains of a few services (2-3 replicas, labelled), a database and a
/// cache each, with sync, optional and async links.
fn two_hundred_nodes() -> topolab_engine::Document {
    use topolab_engine::{Document, Link, LinkKind, Node, NodeKind};
    let mut nodes = vec![Node::new("browser", NodeKind::Client, 60.0, 600.0)];
    let mut links = Vec::new();
    for i in 0..2 {
        nodes.push(Node::new(
            format!("lb-{i}"),
            NodeKind::LoadBalancer,
            240.0,
            500.0 + 200.0 * i as f64,
        ));
        links.push(Link::new("browser", format!("lb-{i}")));
    }
    for g in 0..4 {
        let id = format!("gateway-{g}");
        nodes.push(Node::new(
            id.clone(),
            NodeKind::Gateway,
            420.0,
            300.0 + 200.0 * g as f64,
        ));
        links.push(Link::new(format!("lb-{}", g % 2), id));
    }
    let mut domain = 0;
    while nodes.len() < 200 {
        let (x, y) = (
            600.0 + 180.0 * (domain % 6) as f64,
            80.0 + 130.0 * (domain / 6) as f64,
        );
        let db = format!("orders-{domain}-db");
        let cache = format!("orders-{domain}-cache");
        for s in 0..3 {
            let id = format!("orders-{domain}-svc{s}");
            let mut n = Node::new(id.clone(), NodeKind::Service, x + 40.0 * s as f64, y);
            n.label = Some(format!("Orders {domain} part {s}"));
            n.replicas = Some(2 + s % 2);
            n.capabilities = Some(vec![format!("orders-{domain}-{s}")]);
            nodes.push(n);
            links.push(Link::new(format!("gateway-{}", domain % 4), id.clone()));
            links.push(Link::new(id.clone(), db.clone()));
            links.push(Link::with_kind(id, cache.clone(), LinkKind::Optional));
        }
        let mut d = Node::new(db, NodeKind::Database, x, y + 60.0);
        d.replicas = Some(3);
        d.quorum = Some(2);
        nodes.push(d);
        nodes.push(Node::new(cache, NodeKind::Cache, x + 80.0, y + 60.0));
        domain += 1;
    }
    nodes.truncate(200);
    let ids: std::collections::HashSet<String> = nodes.iter().map(|n| n.id.clone()).collect();
    links.retain(|l| ids.contains(&l.from) && ids.contains(&l.to));
    Document {
        title: Some("Two hundred nodes".into()),
        nodes,
        links,
        ..Document::default()
    }
}

#[test]
fn a_two_hundred_node_diagram_fits_in_an_address() {
    let doc = two_hundred_nodes();
    assert_eq!(doc.nodes.len(), 200);
    let text = doc.to_json();
    assert!(
        parse_document(&text).is_ok(),
        "{:?}",
        parse_document(&text).err()
    );
    let data = encode_document(&doc);
    println!("{:24} {:6} characters", "200 nodes", data.len());
    assert!(
        data.len() < ADDRESS_BUDGET,
        "{} characters for {} nodes and {} links",
        data.len(),
        doc.nodes.len(),
        doc.links.len()
    );
    assert_eq!(decode_document(&data).ok(), Some(doc));
}
