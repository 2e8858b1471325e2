//! Compare and the split preview (figures of docs/spec/model.md §2-§4): one
//! test per rule. Expected availabilities are products of docs/spec/model.md §2 by hand.

mod support;

use support::{assert_close, document};
use topolab_engine::analysis::{Method, Status};
use topolab_engine::compare::{
    compare, kill_in_both, kill_instance, same_node, split_preview, Comparison, Direction,
    MatchedBy, Metric, Metrics, Side, Value,
};
use topolab_engine::split::{split, SplitLink, SplitRequest};
use topolab_engine::{analyze, parse_document, Document};

/// Hours in a year of 365.25 days (docs/spec/model.md §2).
const YEAR: f64 = 365.25 * 24.0;

fn spec(name: &str) -> Document {
    let path = format!(
        "{}/../../docs/spec/examples/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    parse_document(&std::fs::read_to_string(path).expect("fixture")).expect("valid fixture")
}

fn request(node: &str, caps: &[&str], link: SplitLink, own_database: bool) -> SplitRequest {
    SplitRequest {
        node: node.into(),
        capabilities: caps.iter().map(|c| c.to_string()).collect(),
        link,
        own_database,
    }
}

/// The value of a function's metric on one side.
fn function_value(c: &Comparison, id: &str, metric: Metric, side: Side) -> Option<Value> {
    let row = c.function(id)?.row(metric)?;
    match side {
        Side::A => row.a.clone(),
        Side::B => row.b.clone(),
    }
}

fn availability(c: &Comparison, id: &str, side: Side) -> f64 {
    match function_value(c, id, Metric::Availability, side) {
        Some(Value::Probability(p)) => p,
        other => panic!("{id}: no availability on {side:?}: {other:?}"),
    }
}

fn better(c: &Comparison, metric: Metric) -> Option<Side> {
    c.row(metric).expect("document row").better
}

fn differs(c: &Comparison, metric: Metric) -> bool {
    c.row(metric).expect("document row").differs
}

/// browser -> shop (catalog, orders) -> db: a service reached by its client's route.
fn routed_shop() -> Document {
    document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "browser", "kind": "client"},
            {"id": "shop", "kind": "service", "capabilities": ["catalog", "orders"]},
            {"id": "db", "kind": "database"}
        ], "links": [
            {"from": "browser", "to": "shop"},
            {"from": "shop", "to": "db"}
        ]}"#,
    )
}

#[test]
fn comparing_a_document_with_itself_shows_no_differences() {
    let mut docs: Vec<Document> = ["monolith", "cluster", "distributed", "microservices"]
        .into_iter()
        .map(spec)
        .collect();
    docs.push(kill_instance(&spec("cluster"), "app2", 0).expect("app2 killed"));
    for doc in docs {
        let c = compare(&doc, &doc);
        assert!(!c.differs(), "{:?}", doc.title);
        for row in c
            .rows
            .iter()
            .chain(c.functions.iter().flat_map(|f| &f.rows))
        {
            assert_eq!(row.a, row.b, "{:?}", row.metric);
            assert_eq!(row.better, None, "{:?}", row.metric);
        }
        assert!(c
            .functions
            .iter()
            .all(|f| f.matched_by == Some(MatchedBy::Id) && f.a == f.b));
        assert_eq!(c.a, c.b);
    }
}

#[test]
fn split_preview_gives_exactly_the_split_document_and_its_figures() {
    let before = spec("distributed");
    let req = request("storefront", &["orders"], SplitLink::Async, true);
    let preview = split_preview(&before, &req).expect("splits");
    let after = split(&before, &req).expect("splits");
    assert_eq!(preview.document, after);
    assert_eq!(
        preview.comparison.a,
        Metrics::from_analysis(&before, &analyze(&before))
    );
    assert_eq!(
        preview.comparison.b,
        Metrics::from_analysis(&after, &analyze(&after))
    );
    assert_eq!(preview.comparison, compare(&before, &after));
}

#[test]
fn split_preview_refuses_what_split_refuses() {
    let doc = spec("distributed");
    let req = request("db", &["x"], SplitLink::Requires, false);
    assert_eq!(
        split_preview(&doc, &req).map(|p| p.document),
        split(&doc, &req)
    );
    assert!(split_preview(&doc, &req).is_err());
}

#[test]
fn a_sync_split_along_a_chain_multiplies_the_moved_functions_availability() {
    // browser -> front requires shop requires db: shop is reached only by a
    // call, so its routes have no twin and orders now passes through shop too.
    let doc = document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "browser", "kind": "client"},
            {"id": "front", "kind": "service", "capabilities": ["web"]},
            {"id": "shop", "kind": "service", "capabilities": ["catalog", "orders"]},
            {"id": "db", "kind": "database"}
        ], "links": [
            {"from": "browser", "to": "front"},
            {"from": "front", "to": "shop"},
            {"from": "shop", "to": "db"}
        ]}"#,
    );
    let c = split_preview(
        &doc,
        &request("shop", &["orders"], SplitLink::Requires, false),
    )
    .expect("splits")
    .comparison;
    assert_close(
        availability(&c, "browser:orders", Side::A),
        0.999 * 0.999 * 0.9995,
    );
    assert_close(
        availability(&c, "browser:orders", Side::B),
        0.999 * 0.999 * 0.9995 * 0.999,
    );
    let row = c
        .function("browser:orders")
        .and_then(|f| f.row(Metric::Availability));
    assert_eq!(
        row.map(|r| (r.differs, r.better)),
        Some((true, Some(Side::A)))
    );
}

#[test]
fn a_sync_split_costs_the_functions_kept_the_new_services_availability() {
    let c = split_preview(
        &routed_shop(),
        &request("shop", &["orders"], SplitLink::Requires, false),
    )
    .expect("splits")
    .comparison;
    // shop now requires shop-orders for every request it serves.
    assert_close(availability(&c, "browser:catalog", Side::A), 0.999 * 0.9995);
    assert_close(
        availability(&c, "browser:catalog", Side::B),
        0.999 * 0.9995 * 0.999,
    );
    // The moved function is reached by the twin route, past shop: unchanged.
    assert_close(availability(&c, "browser:orders", Side::B), 0.999 * 0.9995);
    let moved = c
        .function("browser:orders")
        .and_then(|f| f.row(Metric::Availability));
    assert_eq!(moved.map(|r| (r.differs, r.better)), Some((false, None)));
    assert_eq!(better(&c, Metric::MaxSyncDepth), Some(Side::A));
}

#[test]
fn an_async_split_costs_the_functions_kept_only_the_queue() {
    let c = split_preview(
        &routed_shop(),
        &request("shop", &["orders"], SplitLink::Async, false),
    )
    .expect("splits")
    .comparison;
    assert_close(
        availability(&c, "browser:catalog", Side::B),
        0.999 * 0.9995 * 0.9995,
    );
    assert_close(availability(&c, "browser:orders", Side::B), 0.999 * 0.9995);
    assert_eq!(c.b.async_links, 1);
}

#[test]
fn splitting_with_own_database_removes_a_shared_store() {
    // Reports were bolted onto one server of the cluster: db serves two
    // capability sets, {catalog, reports} and {catalog}.
    let doc = document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "browser", "kind": "client"},
            {"id": "lb", "kind": "load_balancer"},
            {"id": "app1", "kind": "service", "capabilities": ["catalog", "reports"]},
            {"id": "app2", "kind": "service", "capabilities": ["catalog"]},
            {"id": "db", "kind": "database"}
        ], "links": [
            {"from": "browser", "to": "lb"},
            {"from": "lb", "to": "app1"}, {"from": "lb", "to": "app2"},
            {"from": "app1", "to": "db"}, {"from": "app2", "to": "db"}
        ]}"#,
    );
    let own = split_preview(&doc, &request("app1", &["reports"], SplitLink::None, true))
        .expect("splits")
        .comparison;
    assert_eq!(own.a.shared_stores, vec!["db"]);
    assert!(own.b.shared_stores.is_empty());
    assert!(differs(&own, Metric::SharedStores));
    assert_eq!(better(&own, Metric::SharedStores), Some(Side::B));

    // Sharing app1's stores instead, db keeps serving two sets.
    let shared = split_preview(&doc, &request("app1", &["reports"], SplitLink::None, false))
        .expect("splits")
        .comparison;
    assert_eq!(shared.b.shared_stores, vec!["db"]);
    assert!(!differs(&shared, Metric::SharedStores));
}

#[test]
fn splitting_without_own_database_makes_the_store_shared() {
    let c = split_preview(
        &spec("monolith"),
        &request("app", &["payments"], SplitLink::None, false),
    )
    .expect("splits")
    .comparison;
    assert!(c.a.shared_stores.is_empty());
    assert_eq!(c.b.shared_stores, vec!["db"]);
    assert_eq!(better(&c, Metric::SharedStores), Some(Side::A));
}

#[test]
fn function_rows_are_matched_by_id_across_a_split() {
    let before = spec("monolith");
    let c = split_preview(
        &before,
        &request("app", &["orders"], SplitLink::Requires, true),
    )
    .expect("splits")
    .comparison;
    // Derived after the split in node order: catalog, payments (app), orders
    // (app-orders); the table keeps the first document's order.
    let after_order: Vec<&str> = c.b.functions.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        after_order,
        ["browser:catalog", "browser:payments", "browser:orders"]
    );
    let pairs: Vec<(Option<&str>, Option<&str>, Option<MatchedBy>)> = c
        .functions
        .iter()
        .map(|f| (f.a.as_deref(), f.b.as_deref(), f.matched_by))
        .collect();
    let id = Some(MatchedBy::Id);
    assert_eq!(
        pairs,
        [
            (Some("browser:catalog"), Some("browser:catalog"), id),
            (Some("browser:orders"), Some("browser:orders"), id),
            (Some("browser:payments"), Some("browser:payments"), id),
        ]
    );
}

#[test]
fn functions_without_a_common_id_are_matched_by_capability_then_label() {
    let a = document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "browser", "kind": "client"},
            {"id": "app", "kind": "service", "capabilities": ["catalog", "orders", "search"]}
        ], "links": [{"from": "browser", "to": "app"}],
        "functions": [
            {"id": "buy", "client": "browser", "capability": "orders"},
            {"id": "browse", "label": "Browse", "client": "browser", "capability": "catalog"},
            {"id": "find", "client": "browser", "capability": "search"}
        ]}"#,
    );
    let b = document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "browser", "kind": "client"},
            {"id": "app", "kind": "service", "capabilities": ["orders", "products", "reports"]}
        ], "links": [{"from": "browser", "to": "app"}],
        "functions": [
            {"id": "checkout", "client": "browser", "capability": "orders"},
            {"id": "look", "label": "Browse", "client": "browser", "capability": "products"},
            {"id": "report", "client": "browser", "capability": "reports"}
        ]}"#,
    );
    let c = compare(&a, &b);
    let pairs: Vec<(Option<&str>, Option<&str>, Option<MatchedBy>)> = c
        .functions
        .iter()
        .map(|f| (f.a.as_deref(), f.b.as_deref(), f.matched_by))
        .collect();
    assert_eq!(
        pairs,
        [
            (Some("buy"), Some("checkout"), Some(MatchedBy::Capability)),
            (Some("browse"), Some("look"), Some(MatchedBy::Label)),
            (Some("find"), None, None),
            (None, Some("report"), None),
        ]
    );
}

#[test]
fn the_capability_match_prefers_the_same_client() {
    let doc = |first: &str, second: &str| {
        document(&format!(
            r#"{{"format": "topolab/1", "nodes": [
                {{"id": "web", "kind": "client"}}, {{"id": "phone", "kind": "client"}},
                {{"id": "app", "kind": "service", "capabilities": ["orders"]}}
            ], "links": [{{"from": "web", "to": "app"}}, {{"from": "phone", "to": "app"}}],
            "functions": [
                {{"id": "{first}-1", "client": "{first}", "capability": "orders"}},
                {{"id": "{second}-2", "client": "{second}", "capability": "orders"}}
            ]}}"#
        ))
    };
    let c = compare(&doc("web", "phone"), &doc("phone", "web"));
    let pairs: Vec<(Option<&str>, Option<&str>)> = c
        .functions
        .iter()
        .map(|f| (f.a.as_deref(), f.b.as_deref()))
        .collect();
    assert_eq!(
        pairs,
        [
            (Some("web-1"), Some("web-2")),
            (Some("phone-2"), Some("phone-1"))
        ]
    );
}

#[test]
fn a_function_on_one_side_only_has_no_value_on_the_other() {
    // The second document's shop serves one more capability.
    let a = routed_shop();
    let mut b = routed_shop();
    b.nodes[1].capabilities = Some(vec!["catalog".into(), "orders".into(), "search".into()]);
    let c = compare(&a, &b);
    let only = c.function("browser:search").expect("in b");
    assert_eq!((only.a.as_deref(), only.matched_by), (None, None));
    for row in &only.rows {
        assert!(row.a.is_none() && row.b.is_some(), "{:?}", row.metric);
        assert!(row.differs);
        assert_eq!(row.better, None);
    }
    assert!(differs(&c, Metric::Functions));
}

#[test]
fn each_metric_is_better_in_its_direction() {
    use Direction::{Higher, Lower};
    let expected = [
        (Metric::Availability, Higher),
        (Metric::DesignAvailability, Higher),
        (Metric::Status, Higher),
        (Metric::DowntimeHoursPerYear, Lower),
        (Metric::SystemAll, Higher),
        (Metric::SystemMean, Higher),
        (Metric::SystemDesignAll, Higher),
        (Metric::SystemDowntimeHoursPerYear, Lower),
        (Metric::Method, Direction::None),
        (Metric::Functions, Direction::None),
        (Metric::Nodes, Direction::None),
        (Metric::Instances, Direction::None),
        (Metric::Services, Direction::None),
        (Metric::SyncLinks, Lower),
        (Metric::AsyncLinks, Direction::None),
        (Metric::SharedStores, Lower),
        (Metric::Cycles, Lower),
        (Metric::MaxSyncDepth, Lower),
        (Metric::LongestRequestChain, Lower),
        (Metric::SpofNodes, Lower),
        (Metric::LargestBlastRadius, Lower),
        (Metric::MeanBlastRadius, Lower),
        (Metric::MeanInstability, Direction::None),
    ];
    for (metric, direction) in expected {
        assert_eq!(metric.direction(), direction, "{metric:?}");
    }
    assert_eq!(
        expected.len(),
        Metric::FUNCTION.len() + Metric::DOCUMENT.len()
    );

    // A cycle of sync calls: a <-> b. The second document breaks it with an
    // async link and adds a node; each row says which side is better.
    let cyclic = document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "browser", "kind": "client"},
            {"id": "a", "kind": "service"}, {"id": "b", "kind": "service"}
        ], "links": [
            {"from": "browser", "to": "a"},
            {"from": "a", "to": "b"}, {"from": "b", "to": "a"}
        ]}"#,
    );
    let broken = document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "browser", "kind": "client"},
            {"id": "a", "kind": "service"}, {"id": "b", "kind": "service"},
            {"id": "q", "kind": "queue"}
        ], "links": [
            {"from": "browser", "to": "a"},
            {"from": "a", "to": "q"}, {"from": "q", "to": "b"}
        ]}"#,
    );
    let c = compare(&cyclic, &broken);
    // a needs b in the cycle (0.999 * 0.999); then a needs the queue only.
    assert_close(availability(&c, "browser:a", Side::A), 0.999 * 0.999);
    assert_close(availability(&c, "browser:a", Side::B), 0.999 * 0.9995);
    assert_eq!(c.a.cycles, vec![vec!["a".to_string(), "b".to_string()]]);
    assert_eq!(better(&c, Metric::SystemAll), Some(Side::B));
    assert_eq!(
        better(&c, Metric::SystemDowntimeHoursPerYear),
        Some(Side::B)
    );
    assert_eq!(better(&c, Metric::Cycles), Some(Side::B));
    assert_eq!((c.a.sync_links, c.b.sync_links), (2, 1));
    assert_eq!(better(&c, Metric::SyncLinks), Some(Side::B));
    assert!(differs(&c, Metric::Nodes));
    assert_eq!(better(&c, Metric::Nodes), None);
    assert!(!differs(&c, Metric::Method));
    assert_eq!(better(&c, Metric::Method), None);
}

#[test]
fn a_status_closer_to_up_is_better() {
    let a = spec("monolith");
    let b = kill_instance(&a, "db", 0).expect("db killed");
    let c = compare(&a, &b);
    let status = |side| function_value(&c, "browser:orders", Metric::Status, side);
    assert_eq!(status(Side::A), Some(Value::Status(Status::Up)));
    assert_eq!(status(Side::B), Some(Value::Status(Status::Down)));
    let row = c
        .function("browser:orders")
        .and_then(|f| f.row(Metric::Status));
    assert_eq!(row.and_then(|r| r.better), Some(Side::A));
    // Design availability ignores kills: the same on both sides.
    let design = c
        .function("browser:orders")
        .and_then(|f| f.row(Metric::DesignAvailability));
    assert_eq!(design.map(|r| r.differs), Some(false));
}

#[test]
fn same_node_is_the_node_with_the_same_id_and_kind_and_none_when_split_off() {
    let before = spec("monolith");
    let after = split(
        &before,
        &request("app", &["payments"], SplitLink::Requires, true),
    )
    .expect("splits");
    for id in ["browser", "app", "db"] {
        assert_eq!(same_node(&before, &after, id), Some(id));
        assert_eq!(same_node(&after, &before, id), Some(id));
    }
    assert_eq!(same_node(&after, &before, "app-payments"), None);
    assert_eq!(same_node(&after, &before, "app-payments-db"), None);
    assert_eq!(same_node(&before, &after, "app-payments"), None, "not in a");
    let mut cache = before.clone();
    cache.nodes[2].kind = topolab_engine::NodeKind::Cache;
    assert_eq!(same_node(&before, &cache, "db"), None, "another kind");
}

#[test]
fn kill_instance_kills_an_instance_that_is_up_and_nothing_else() {
    let cluster = spec("cluster");
    let once = kill_instance(&cluster, "db", 1).expect("db #1 killed");
    assert_eq!(once.node("db").map(|n| n.killed.clone()), Some(vec![1]));
    assert!(
        cluster.node("db").is_some_and(|n| n.killed.is_empty()),
        "input untouched"
    );
    let twice = kill_instance(&once, "db", 0).expect("db #0 killed");
    assert_eq!(twice.node("db").map(|n| n.killed.clone()), Some(vec![0, 1]));
    assert_eq!(kill_instance(&twice, "db", 0), None, "already killed");
    assert_eq!(kill_instance(&cluster, "db", 2), None, "only 2 replicas");
    assert_eq!(kill_instance(&cluster, "browser", 0), None, "a client");
    assert_eq!(kill_instance(&cluster, "nope", 0), None, "no such node");
}

#[test]
fn kill_in_both_kills_the_node_wherever_it_exists() {
    let before = spec("monolith");
    let after = split(
        &before,
        &request("app", &["payments"], SplitLink::Requires, true),
    )
    .expect("splits");
    let (a, b) = kill_in_both(&before, &after, "db", 0);
    let (a, b) = (a.expect("killed in a"), b.expect("killed in b"));
    let c = compare(&a, &b);
    let status = |id: &str| {
        c.function(id)
            .and_then(|f| f.row(Metric::Status))
            .map(|r| (r.a.clone(), r.b.clone()))
    };
    let (up, down) = (
        Some(Value::Status(Status::Up)),
        Some(Value::Status(Status::Down)),
    );
    for id in ["browser:catalog", "browser:orders"] {
        assert_eq!(status(id), Some((down.clone(), down.clone())), "{id}");
    }
    // Split off with a database of its own, payments survives the old one.
    assert_eq!(status("browser:payments"), Some((down, up)));
    let (a, b) = kill_in_both(&after, &before, "app-payments", 0);
    assert!(a.is_some() && b.is_none());
}

#[test]
fn monolith_and_microservices_compare_with_the_expected_directions() {
    let c = compare(&spec("monolith"), &spec("microservices"));
    // Monolith: app then db, in series.
    let monolith = 0.999 * 0.9995;
    // Microservices: the gateway and services have 2 replicas each.
    let gateway = 1.0 - 0.0005 * 0.0005;
    let service: f64 = 1.0 - 0.001 * 0.001;
    let (db, queue): (f64, f64) = (0.9995, 0.9995);
    let catalog = gateway * service * db; // recs is optional
    let orders = gateway * service * db * service * db * queue; // + payments, events
    let payments = gateway * service * db;
    let all = gateway * service.powi(3) * db.powi(3) * queue;
    for id in ["browser:catalog", "browser:orders", "browser:payments"] {
        assert_close(availability(&c, id, Side::A), monolith);
    }
    assert_close(availability(&c, "browser:catalog", Side::B), catalog);
    assert_close(availability(&c, "browser:orders", Side::B), orders);
    assert_close(availability(&c, "browser:payments", Side::B), payments);
    assert_close(c.b.all, all);
    assert_close(c.b.mean, (catalog + orders + payments) / 3.0);
    let hours = c.b.downtime_hours_per_year;
    assert!(
        (hours - (1.0 - all) * YEAR).abs() <= 1e-12 * YEAR,
        "{hours}"
    );
    assert_eq!((c.a.method, c.b.method), (Method::Exact, Method::Exact));

    let better_for = |id: &str| {
        c.function(id)
            .and_then(|f| f.row(Metric::Availability))
            .and_then(|r| r.better)
    };
    // Small services each depend on less: catalog and payments gain...
    assert_eq!(better_for("browser:catalog"), Some(Side::B));
    assert_eq!(better_for("browser:payments"), Some(Side::B));
    // ...orders, calling payments and a queue synchronously, loses.
    assert_eq!(better_for("browser:orders"), Some(Side::A));
    assert_eq!(better(&c, Metric::SystemMean), Some(Side::B));
    // Everything working at once needs more boxes up.
    assert_eq!(better(&c, Metric::SystemAll), Some(Side::A));
    // A dead node takes down less on average: 3 of 3 functions for either
    // monolith node; (3 + 1 + 1 + 2 + 0 + 1 + 1 + 2 + 1 + 0) / 10 / 3 here.
    assert_close(c.a.mean_blast_radius, 1.0);
    assert_close(c.b.mean_blast_radius, 12.0 / 30.0);
    assert_eq!(better(&c, Metric::MeanBlastRadius), Some(Side::B));
    assert_eq!(
        better(&c, Metric::LargestBlastRadius),
        None,
        "the gateway: 3 of 3"
    );
    // Longer chains and more sync calls and SPOFs: browser -> app -> db (2)
    // against browser -> gw -> orders -> payments -> payments-db (4).
    assert_eq!(
        (c.a.longest_request_chain, c.b.longest_request_chain),
        (2, 4)
    );
    assert_eq!(better(&c, Metric::LongestRequestChain), Some(Side::A));
    assert_eq!(better(&c, Metric::MaxSyncDepth), Some(Side::A));
    assert_eq!((c.a.sync_links, c.b.sync_links), (1, 6));
    assert_eq!(better(&c, Metric::SyncLinks), Some(Side::A));
    assert_eq!(c.a.spof_nodes, ["app", "db"]);
    assert_eq!(
        c.b.spof_nodes,
        ["catalog-db", "orders-db", "payments-db", "events"]
    );
    assert_eq!(better(&c, Metric::SpofNodes), Some(Side::A));
    // Neither shares a store nor has a cycle.
    for metric in [Metric::SharedStores, Metric::Cycles] {
        assert!(!differs(&c, metric), "{metric:?}");
        assert_eq!(better(&c, metric), None, "{metric:?}");
    }
    // Sizes differ, with no direction.
    assert_eq!((c.a.nodes, c.b.nodes), (2, 10));
    assert_eq!((c.a.instances, c.b.instances), (2, 14));
    assert_eq!((c.a.services, c.b.services), (1, 5));
    assert_eq!((c.a.async_links, c.b.async_links), (0, 1));
    // Instability: app 1; catalog 1, orders 1, payments 1/2, recs 0, shipping 0.
    assert_close(c.a.mean_instability, 1.0);
    assert_close(c.b.mean_instability, 2.5 / 5.0);
    for metric in [
        Metric::Nodes,
        Metric::Instances,
        Metric::Services,
        Metric::AsyncLinks,
        Metric::MeanInstability,
    ] {
        assert!(differs(&c, metric), "{metric:?}");
        assert_eq!(better(&c, metric), None, "{metric:?}");
    }
}

#[test]
fn longest_request_chain_counts_forwarding_hops_then_sync_calls() {
    let chain = |doc: &Document| Metrics::of(doc).longest_request_chain;
    // browser -> app -> db.
    assert_eq!(chain(&spec("monolith")), 2);
    // browser -> lb -> app1 -> db.
    assert_eq!(chain(&spec("cluster")), 3);
    // browser -> lb -> storefront -> billing -> db.
    assert_eq!(chain(&spec("distributed")), 4);
    // Two gateways routing to each other: browser -> gw1 -> gw2 -> svc -> db,
    // each node once.
    let looped = document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "browser", "kind": "client"},
            {"id": "gw1", "kind": "gateway"}, {"id": "gw2", "kind": "gateway"},
            {"id": "svc", "kind": "service"}, {"id": "db", "kind": "database"}
        ], "links": [
            {"from": "browser", "to": "gw1"},
            {"from": "gw1", "to": "gw2"}, {"from": "gw2", "to": "gw1"},
            {"from": "gw2", "to": "svc"}, {"from": "svc", "to": "db"}
        ]}"#,
    );
    assert_eq!(chain(&looped), 4);
    // No client, no request.
    let serverless = document(
        r#"{"format": "topolab/1", "nodes": [
            {"id": "svc", "kind": "service"}, {"id": "db", "kind": "database"}
        ], "links": [{"from": "svc", "to": "db"}]}"#,
    );
    assert_eq!(chain(&serverless), 0);
}

#[test]
fn every_metric_has_a_stable_key_that_names_it_back() {
    let all: Vec<Metric> = Metric::FUNCTION
        .into_iter()
        .chain(Metric::DOCUMENT)
        .collect();
    let mut keys: Vec<&str> = all.iter().map(|m| m.key()).collect();
    for metric in &all {
        assert_eq!(Metric::from_key(metric.key()), Some(*metric));
        assert_eq!(
            serde_json::to_value(metric).ok(),
            Some(serde_json::Value::from(metric.key()))
        );
    }
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), all.len(), "keys are unique");
    assert_eq!(Metric::SystemAll.key(), "system_all");
    assert_eq!(Metric::SharedStores.key(), "shared_stores");
}

#[test]
fn split_preview_with_the_known_analysis_equals_split_preview() {
    use topolab_engine::compare::split_preview_with;
    for (doc, node, caps) in [
        (spec("monolith"), "app", vec!["payments"]),
        (spec("distributed"), "storefront", vec!["orders"]),
    ] {
        for link in [SplitLink::Requires, SplitLink::Async, SplitLink::None] {
            for own in [false, true] {
                let req = request(node, &caps, link, own);
                assert_eq!(
                    split_preview_with(&doc, &analyze(&doc), &req),
                    split_preview(&doc, &req),
                    "{node} {link:?} {own}"
                );
            }
        }
    }
    let doc = spec("monolith");
    let refused = split_preview_with(
        &doc,
        &analyze(&doc),
        &request("app", &[], SplitLink::None, false),
    );
    assert_eq!(
        refused,
        Err(topolab_engine::split::SplitError::NothingToMove)
    );
}
