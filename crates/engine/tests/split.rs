//! Split (docs/spec/model.md §4): one test per rule, on a small shop.

use topolab_engine::split::{split, SplitError, SplitLink, SplitRequest};
use topolab_engine::{parse_document, validate, Document, LinkKind, NodeKind};

fn shop() -> Document {
    parse_document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "browser", "kind": "client", "x": 0, "y": 200},
            {"id": "lb", "kind": "load_balancer", "x": 150, "y": 200},
            {"id": "gw", "kind": "gateway", "x": 150, "y": 320},
            {"id": "shop", "kind": "service", "replicas": 3, "quorum": 2, "availability": 0.998, "killed": [0],
             "capabilities": ["catalog", "orders", "payments"], "x": 300, "y": 200},
            {"id": "db", "kind": "database", "x": 500, "y": 200},
            {"id": "cache", "kind": "cache", "x": 500, "y": 300},
            {"id": "mail", "kind": "external", "x": 500, "y": 400},
            {"id": "shop-payments", "kind": "service", "x": 700, "y": 400}
        ], "links": [
            {"from": "browser", "to": "lb"},
            {"from": "browser", "to": "gw"},
            {"from": "lb", "to": "shop"},
            {"from": "gw", "to": "shop"},
            {"from": "shop", "to": "db"},
            {"from": "shop", "to": "cache", "kind": "optional"},
            {"from": "shop", "to": "mail"}
        ]}"#,
    )
    .expect("valid shop")
}

fn request(caps: &[&str], link: SplitLink, own_database: bool) -> SplitRequest {
    SplitRequest {
        node: "shop".into(),
        capabilities: caps.iter().map(|c| c.to_string()).collect(),
        link,
        own_database,
    }
}

fn has_link(doc: &Document, from: &str, to: &str, kind: LinkKind) -> bool {
    doc.links
        .iter()
        .any(|l| l.from == from && l.to == to && doc.link_kind(l) == kind)
}

#[test]
fn new_service_takes_the_moved_capabilities_and_the_old_keeps_the_rest() {
    let doc = split(&shop(), &request(&["payments"], SplitLink::Requires, false)).expect("splits");
    // `shop-payments` is taken, so the new id gets `-2`.
    let new = doc.node("shop-payments-2").expect("new service");
    assert_eq!(new.kind, NodeKind::Service);
    assert_eq!(new.capabilities(), vec!["payments"]);
    assert_eq!(new.label(), "payments");
    assert_eq!(
        doc.node("shop").map(|n| n.capabilities()),
        Some(vec!["catalog", "orders"])
    );
    assert!(validate(&doc).is_empty(), "{:?}", validate(&doc));
}

#[test]
fn new_service_copies_replicas_quorum_and_availability_but_no_kills() {
    let doc = split(&shop(), &request(&["orders"], SplitLink::None, false)).expect("splits");
    let new = doc.node("shop-orders").expect("new service");
    assert_eq!(
        (new.replicas(), new.quorum(), new.availability()),
        (3, 2, 0.998)
    );
    assert!(new.killed.is_empty());
    assert_eq!((new.x, new.y), (460.0, 200.0));
}

#[test]
fn label_joins_the_moved_capabilities_with_plus() {
    let doc = split(
        &shop(),
        &request(&["orders", "payments"], SplitLink::None, false),
    )
    .expect("splits");
    assert_eq!(
        doc.node("shop-orders").map(|n| n.label()),
        Some("orders+payments")
    );
}

#[test]
fn every_route_and_pool_link_into_the_service_gets_a_twin() {
    let doc = split(&shop(), &request(&["orders"], SplitLink::None, false)).expect("splits");
    assert!(has_link(&doc, "lb", "shop-orders", LinkKind::Pool));
    assert!(has_link(&doc, "gw", "shop-orders", LinkKind::Route));
    assert!(has_link(&doc, "lb", "shop", LinkKind::Pool));
}

#[test]
fn link_requires_adds_a_synchronous_call() {
    let doc = split(&shop(), &request(&["orders"], SplitLink::Requires, false)).expect("splits");
    assert!(has_link(&doc, "shop", "shop-orders", LinkKind::Requires));
}

#[test]
fn link_async_adds_a_queue_between_them() {
    let doc = split(&shop(), &request(&["orders"], SplitLink::Async, false)).expect("splits");
    let q = doc.node("shop-orders-events").expect("queue");
    assert_eq!(q.kind, NodeKind::Queue);
    assert_eq!((q.x, q.y), (380.0, 300.0));
    assert!(has_link(
        &doc,
        "shop",
        "shop-orders-events",
        LinkKind::Requires
    ));
    assert!(has_link(
        &doc,
        "shop-orders-events",
        "shop-orders",
        LinkKind::Async
    ));
    assert!(!has_link(&doc, "shop", "shop-orders", LinkKind::Requires));
}

#[test]
fn link_none_adds_nothing_between_them() {
    let doc = split(&shop(), &request(&["orders"], SplitLink::None, false)).expect("splits");
    assert!(!doc
        .links
        .iter()
        .any(|l| (l.from == "shop" && l.to.starts_with("shop-orders"))
            || (l.to == "shop" && l.from.starts_with("shop-orders"))));
}

#[test]
fn own_database_gives_the_new_service_a_database_of_its_own() {
    let doc = split(&shop(), &request(&["orders"], SplitLink::None, true)).expect("splits");
    let db = doc.node("shop-orders-db").expect("database");
    assert_eq!(db.kind, NodeKind::Database);
    assert_eq!(db.availability, None, "default availability");
    assert_eq!((db.x, db.y), (620.0, 200.0));
    assert!(has_link(
        &doc,
        "shop-orders",
        "shop-orders-db",
        LinkKind::Requires
    ));
    assert!(!has_link(&doc, "shop-orders", "db", LinkKind::Requires));
}

#[test]
fn without_own_database_the_new_service_shares_the_required_stores() {
    let doc = split(&shop(), &request(&["orders"], SplitLink::None, false)).expect("splits");
    assert!(has_link(&doc, "shop-orders", "db", LinkKind::Requires));
    // Optional calls and calls to what is not a store stay with the old service only.
    assert!(!doc
        .links
        .iter()
        .any(|l| l.from == "shop-orders" && (l.to == "cache" || l.to == "mail")));
    assert!(has_link(&doc, "shop", "cache", LinkKind::Optional));
    assert!(has_link(&doc, "shop", "mail", LinkKind::Requires));
}

#[test]
fn new_ids_are_made_unique_with_a_number() {
    let once = split(&shop(), &request(&["orders"], SplitLink::Async, true)).expect("splits");
    // Split the same capability name out of the new service's sibling again.
    let mut again = once.clone();
    if let Some(n) = again.nodes.iter_mut().find(|n| n.id == "shop") {
        n.capabilities = Some(vec!["catalog".into(), "orders".into(), "payments".into()]);
    }
    let twice = split(&again, &request(&["orders"], SplitLink::Async, true)).expect("splits");
    assert!(twice.node("shop-orders-2").is_some());
    assert!(twice.node("shop-orders-2-events").is_some());
    assert!(twice.node("shop-orders-2-db").is_some());
    assert!(validate(&twice).is_empty(), "{:?}", validate(&twice));
}

#[test]
fn functions_follow_their_capability() {
    let mut doc = shop();
    doc.functions = Some(vec![topolab_engine::Function {
        id: "pay".into(),
        label: None,
        client: "browser".into(),
        capability: "payments".into(),
        weight: None,
        extra: None,
    }]);
    let out = split(&doc, &request(&["payments"], SplitLink::Requires, false)).expect("splits");
    assert_eq!(out.functions, doc.functions);
    assert!(out
        .node("shop-payments-2")
        .is_some_and(|n| n.holds("payments")));
    assert!(!out.node("shop").is_some_and(|n| n.holds("payments")));
}

#[test]
fn only_a_service_can_be_split() {
    let mut req = request(&["x"], SplitLink::None, false);
    req.node = "db".into();
    assert!(matches!(
        split(&shop(), &req),
        Err(SplitError::NotAService { .. })
    ));
    req.node = "nope".into();
    assert_eq!(
        split(&shop(), &req),
        Err(SplitError::NoSuchNode("nope".into()))
    );
}

#[test]
fn moved_capabilities_must_be_a_non_empty_proper_subset() {
    let doc = shop();
    assert_eq!(
        split(&doc, &request(&[], SplitLink::None, false)),
        Err(SplitError::NothingToMove)
    );
    assert!(matches!(
        split(
            &doc,
            &request(&["catalog", "orders", "payments"], SplitLink::None, false)
        ),
        Err(SplitError::WouldMoveEverything { .. })
    ));
    assert!(matches!(
        split(&doc, &request(&["refunds"], SplitLink::None, false)),
        Err(SplitError::NotHeld { .. })
    ));
    assert!(matches!(
        split(
            &doc,
            &request(&["orders", "orders"], SplitLink::None, false)
        ),
        Err(SplitError::Duplicate(_))
    ));
}

#[test]
fn a_default_service_capability_can_be_split_off() {
    // A service without `capabilities` holds its own id.
    let doc = parse_document(
        r#"{"format": "topolab/1", "nodes": [{"id": "a", "kind": "service", "capabilities": ["a", "b"]},
            {"id": "c", "kind": "service"}], "links": []}"#,
    )
    .expect("valid");
    let on = |node: &str, cap: &str| SplitRequest {
        node: node.into(),
        ..request(&[cap], SplitLink::None, false)
    };
    let out = split(&doc, &on("a", "b")).expect("splits");
    assert_eq!(out.node("a-b").map(|n| n.capabilities()), Some(vec!["b"]));
    let whole = split(&doc, &on("c", "c"));
    assert!(matches!(whole, Err(SplitError::WouldMoveEverything { .. })));
}
