//! Importing docker-compose, Kubernetes manifests and OpenTelemetry
//! dependency lists, on realistic inputs written for these tests
//! (`tests/fixtures/import/`). Expected nodes, kinds and links are read off the
//! fixtures by hand; what dies with the database is worked out by hand too.

mod support;

use support::import_fixture;
use topolab_engine::import::{detect, import, Format, ImportError, Imported, NoteKind};
use topolab_engine::layout::tidy;
use topolab_engine::{analyze, validate, Document, LinkKind, NodeKind};

fn imported(name: &str) -> Imported {
    let imported = import(&import_fixture(name), None).expect("imports");
    assert_eq!(validate(&imported.document), Vec::new(), "valid topolab/1");
    imported
}

fn kind(doc: &Document, id: &str) -> NodeKind {
    doc.node(id).unwrap_or_else(|| panic!("node {id}")).kind
}

fn replicas(doc: &Document, id: &str) -> u32 {
    doc.node(id)
        .unwrap_or_else(|| panic!("node {id}"))
        .replicas()
}

/// Every link as (from, to, kind), sorted.
fn links(doc: &Document) -> Vec<(String, String, LinkKind)> {
    let mut out: Vec<_> = doc
        .links
        .iter()
        .map(|l| (l.from.clone(), l.to.clone(), doc.link_kind(l)))
        .collect();
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    out
}

fn l(from: &str, to: &str, kind: LinkKind) -> (String, String, LinkKind) {
    (from.to_string(), to.to_string(), kind)
}

fn noted(imported: &Imported, place_part: &str, message_part: &str) -> bool {
    imported
        .notes
        .iter()
        .any(|n| n.place.contains(place_part) && n.message().contains(message_part))
}

// --- docker compose -------------------------------------------------------

#[test]
fn compose_services_become_nodes_with_kinds_guessed_from_images() {
    let doc = imported("shop-compose.yml").document;
    let ids: Vec<&str> = doc.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "client",
            "nginx",
            "web",
            "api",
            "orders",
            "users",
            "payments",
            "worker",
            "notifications",
            "postgres",
            "redis",
            "rabbitmq"
        ]
    );
    assert_eq!(kind(&doc, "postgres"), NodeKind::Database);
    assert_eq!(kind(&doc, "redis"), NodeKind::Cache);
    assert_eq!(kind(&doc, "rabbitmq"), NodeKind::Queue);
    // nginx fronts two different services (web and api): a gateway.
    assert_eq!(kind(&doc, "nginx"), NodeKind::Gateway);
    for id in [
        "web",
        "api",
        "orders",
        "users",
        "payments",
        "worker",
        "notifications",
    ] {
        assert_eq!(kind(&doc, id), NodeKind::Service, "{id}");
    }
    assert_eq!(kind(&doc, "client"), NodeKind::Client);
}

#[test]
fn compose_deploy_replicas_are_kept() {
    let doc = imported("shop-compose.yml").document;
    assert_eq!(replicas(&doc, "web"), 2);
    assert_eq!(replicas(&doc, "api"), 3);
    assert_eq!(replicas(&doc, "orders"), 2);
    assert_eq!(replicas(&doc, "users"), 1);
}

#[test]
fn compose_depends_on_in_list_and_map_form_and_environment_hosts_are_requires_links() {
    use LinkKind::{Requires as Req, Route};
    let doc = imported("shop-compose.yml").document;
    let mut expected = vec![
        l("client", "nginx", Route),
        l("nginx", "web", Route),
        l("nginx", "api", Route),
        l("web", "redis", Req),
        // map form of depends_on
        l("api", "postgres", Req),
        l("api", "redis", Req),
        l("api", "orders", Req),
        l("api", "users", Req),
        // flow form [postgres, rabbitmq]
        l("orders", "postgres", Req),
        l("orders", "rabbitmq", Req),
        l("users", "postgres", Req),
        l("payments", "rabbitmq", Req),
        l("payments", "orders", Req), // ORDERS_URL=http://orders:8080/v1
        l("worker", "rabbitmq", Req),
        l("worker", "postgres", Req), // DATABASE_URL=postgres://...@postgres:5432/shop
        l("notifications", "rabbitmq", Req),
        l("notifications", "redis", Req), // REDIS_HOST=redis
    ];
    expected.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    assert_eq!(links(&doc), expected);
}

#[test]
fn compose_guesses_and_unknown_keys_are_noted() {
    let i = imported("shop-compose.yml");
    assert!(noted(
        &i,
        "services.worker.mem_reservation",
        "not understood"
    ));
    assert!(noted(&i, "services.nginx", "gateway"));
    assert!(noted(&i, "services.postgres.image", "database"));
    assert!(noted(
        &i,
        "services.payments.environment.ORDERS_URL",
        "requires"
    ));
    assert!(noted(&i, "services.orders.depends_on[1]", "queue"));
    // Keys that do not change the topology are not noted.
    assert!(!noted(&i, "volumes", ""));
    assert!(!noted(&i, "healthcheck", ""));
}

/// By hand: postgres is required by api, orders, users and worker; payments
/// requires orders. So those five stop working; web, notifications, redis,
/// rabbitmq and the gateway keep working. Of the client's functions (web, api,
/// orders, users: what it reaches), all but web go down.
#[test]
fn killing_the_shared_database_takes_down_exactly_its_dependents() {
    let doc = imported("shop-compose.yml").document;
    let before = analyze(&doc);
    let mut killed = doc.clone();
    let pg = killed
        .nodes
        .iter_mut()
        .find(|n| n.id == "postgres")
        .expect("postgres");
    pg.killed = (0..pg.replicas()).collect();
    let after = analyze(&killed);
    let down: Vec<&str> = before
        .nodes
        .iter()
        .zip(&after.nodes)
        .filter(|(b, a)| b.works && !a.works)
        .map(|(b, _)| b.id.as_str())
        .filter(|id| *id != "postgres")
        .collect();
    assert_eq!(down, ["api", "orders", "users", "payments", "worker"]);

    let pg_index = doc.node_index("postgres").expect("postgres");
    let radius = &before.nodes[pg_index].blast_radius;
    assert_eq!(radius, &["client:api", "client:orders", "client:users"]);
    let functions: Vec<&str> = before.functions.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        functions,
        ["client:web", "client:api", "client:orders", "client:users"]
    );
}

#[test]
fn compose_published_ports_put_the_service_behind_a_client() {
    let i = import(
        "services:\n  app:\n    image: acme/app\n    ports: [\"8080:8080\"]\n  db:\n    image: mysql:8\n",
        None,
    )
    .expect("imports");
    assert_eq!(validate(&i.document), Vec::new());
    assert_eq!(links(&i.document), [l("client", "app", LinkKind::Route)]);
    assert_eq!(kind(&i.document, "db"), NodeKind::Database);
}

#[test]
fn compose_replicas_out_of_range_are_clamped_with_a_note() {
    let i = import(
        "services:\n  a:\n    image: x\n    deploy:\n      replicas: 500\n  b:\n    image: y\n    deploy: {replicas: zero}\n",
        Some(Format::Compose),
    )
    .expect("imports");
    assert_eq!(replicas(&i.document, "a"), 64);
    assert!(noted(
        &i,
        "services.a.deploy.replicas",
        "500 replicas drawn as 64"
    ));
    assert!(noted(
        &i,
        "services.b.deploy.replicas",
        "not a whole number"
    ));
}

#[test]
fn compose_dependency_on_an_unknown_service_is_noted() {
    let i = import(
        "services:\n  a:\n    image: postgres\n    depends_on: [ghost]\n",
        None,
    )
    .expect("imports");
    assert!(noted(
        &i,
        "services.a.depends_on[0]",
        "no service named \"ghost\""
    ));
    assert!(i.document.links.is_empty());
    // No entry point: said, not hidden.
    assert!(i
        .notes
        .iter()
        .any(|n| n.message().contains("no entry point")));
}

#[test]
fn a_load_balancer_in_front_of_one_service_pools_it() {
    let i = import(
        "services:\n  lb:\n    image: haproxy:2.9\n    ports: [\"80:80\"]\n    depends_on: [app]\n  app:\n    image: acme/app\n    deploy: {replicas: 4}\n",
        None,
    )
    .expect("imports");
    assert_eq!(kind(&i.document, "lb"), NodeKind::LoadBalancer);
    assert_eq!(
        links(&i.document),
        [
            l("client", "lb", LinkKind::Route),
            l("lb", "app", LinkKind::Pool)
        ]
    );
}

#[test]
fn odd_service_names_get_valid_unique_ids_and_keep_their_name_as_label() {
    let i = import(
        "services:\n  \"my app\":\n    image: x\n  my-app:\n    image: y\n",
        None,
    )
    .expect("imports");
    let ids: Vec<&str> = i.document.nodes.iter().map(|n| n.id.as_str()).collect();
    // Called by nothing: both are entry points behind the client.
    assert_eq!(ids, ["client", "my-app", "my-app-2"]);
    assert_eq!(i.document.nodes[1].label.as_deref(), Some("my app"));
}

// --- Kubernetes -----------------------------------------------------------

#[test]
fn k8s_workloads_become_nodes_with_replicas_and_the_ingress_is_the_entry() {
    let doc = imported("shop-k8s.yaml").document;
    let ids: Vec<&str> = doc.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        ids,
        ["client", "storefront", "api", "orders", "postgres", "shop"]
    );
    assert_eq!(kind(&doc, "postgres"), NodeKind::Database);
    assert_eq!(kind(&doc, "storefront"), NodeKind::Service);
    // The Ingress routes to two different Services: a gateway.
    assert_eq!(kind(&doc, "shop"), NodeKind::Gateway);
    assert_eq!(replicas(&doc, "storefront"), 2);
    assert_eq!(replicas(&doc, "api"), 3);
    assert_eq!(replicas(&doc, "orders"), 2);
    assert_eq!(replicas(&doc, "postgres"), 1);
}

#[test]
fn k8s_env_and_config_map_values_naming_services_are_requires_links() {
    use LinkKind::{Requires as Req, Route};
    let doc = imported("shop-k8s.yaml").document;
    let mut expected = vec![
        l("client", "shop", Route),
        l("shop", "storefront", Route),
        l("shop", "api", Route),
        l("storefront", "api", Req), // http://api.shop.svc.cluster.local:8080
        l("api", "orders", Req),     // ConfigMap ORDERS_ADDR=orders:9090
        l("api", "postgres", Req),   // ConfigMap DB_HOST=postgres.shop
        l("orders", "postgres", Req),
    ];
    expected.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    assert_eq!(links(&doc), expected);
}

#[test]
fn k8s_objects_not_drawn_are_noted() {
    let i = imported("shop-k8s.yaml");
    assert!(noted(&i, "Secret db-credentials", "not drawn"));
    assert!(noted(&i, "ConfigMap api-config).data.DB_HOST", "postgres"));
}

#[test]
fn a_service_selecting_no_workload_is_noted() {
    let text = "apiVersion: v1\nkind: Service\nmetadata: {name: ghost}\nspec:\n  selector: {app: ghost}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: a, image: redis:7}]\n";
    let i = import(text, None).expect("imports");
    assert!(noted(&i, "Service ghost", "matches no workload"));
    assert_eq!(kind(&i.document, "a"), NodeKind::Cache);
}

// --- OpenTelemetry ----------------------------------------------------------

#[test]
fn otel_pairs_become_requires_links_keeping_the_call_count() {
    let i = imported("shop-otel.json");
    let doc = &i.document;
    let ids: Vec<&str> = doc.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "client",
            "frontend",
            "checkout",
            "catalog",
            "payments",
            "postgres",
            "redis",
            "stripe-gateway"
        ]
    );
    assert_eq!(kind(doc, "postgres"), NodeKind::Database);
    assert_eq!(kind(doc, "redis"), NodeKind::Cache);
    let link = doc
        .links
        .iter()
        .find(|l| l.from == "checkout" && l.to == "postgres")
        .expect("checkout -> postgres");
    assert_eq!(doc.link_kind(link), LinkKind::Requires);
    assert_eq!(
        link.extra.as_ref().and_then(|e| e.get("callCount")),
        Some(&3041.into())
    );
    // frontend is called by no one: the entry point.
    assert!(links(doc).contains(&l("client", "frontend", LinkKind::Route)));
    assert!(noted(&i, "[7]", "depends on itself"));
    assert_eq!(doc.links.len(), 8);
}

#[test]
fn otel_jaeger_api_answer_is_read_too() {
    let i = import(
        r#"{"data": [{"parent": "a", "child": "b", "callCount": 2}]}"#,
        None,
    )
    .expect("imports");
    assert_eq!(
        links(&i.document),
        [
            l("a", "b", LinkKind::Requires),
            l("client", "a", LinkKind::Route)
        ]
    );
}

#[test]
fn otel_entries_without_parent_or_child_are_noted() {
    let i = import(
        r#"[{"parent": "a", "child": "b"}, {"parent": "a"}, 7]"#,
        None,
    )
    .expect("imports");
    assert!(noted(&i, "[1]", "not a {parent, child} pair"));
    assert!(noted(&i, "[2]", "not a {parent, child} pair"));
}

// --- detection and errors ------------------------------------------------------

#[test]
fn formats_are_detected() {
    assert_eq!(
        detect(&import_fixture("shop-compose.yml")),
        Some(Format::Compose)
    );
    assert_eq!(
        detect(&import_fixture("shop-k8s.yaml")),
        Some(Format::Kubernetes)
    );
    assert_eq!(
        detect(&import_fixture("shop-otel.json")),
        Some(Format::Otel)
    );
    assert_eq!(
        detect(r#"{"format": "topolab/1", "nodes": []}"#),
        Some(Format::Topolab)
    );
    assert_eq!(detect("hello: world\n"), None);
    assert_eq!(
        import("hello: world\n", None),
        Err(ImportError::Unrecognised)
    );
}

#[test]
fn malformed_yaml_is_an_error_with_its_line() {
    let text = "services:\n  web:\n    image: nginx\n   ports: [80\n";
    match import(text, None) {
        Err(e @ ImportError::Syntax { line: Some(4), .. }) => {
            assert!(e.to_string().starts_with("line 4: "), "{e}");
        }
        other => panic!("expected a syntax error at line 4, got {other:?}"),
    }
}

#[test]
fn malformed_json_is_an_error_with_its_line() {
    let text =
        "[\n  {\"parent\": \"a\", \"child\": \"b\"},\n  {\"parent\": \"a\" \"child\": \"c\"}\n]";
    match import(text, None) {
        Err(ImportError::Syntax { line: Some(3), .. }) => {}
        other => panic!("expected a syntax error at line 3, got {other:?}"),
    }
}

#[test]
fn a_compose_file_of_the_wrong_shape_is_an_error() {
    assert!(matches!(
        import("services:\n  - web\n", Some(Format::Compose)),
        Err(ImportError::Shape { .. })
    ));
    assert!(matches!(
        import("[]", Some(Format::Otel)),
        Err(ImportError::Shape { .. })
    ));
}

#[test]
fn an_alias_bomb_is_refused_not_expanded() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
        ));
    }
    text.push_str("services: {web: {image: x, labels: *a11}}\n");
    assert!(import(&text, None).is_err());
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let text = format!(
        "services:\n  web: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let started = std::time::Instant::now();
    assert!(matches!(
        import(&text, None),
        Err(ImportError::Syntax { line: Some(2), .. })
    ));
    assert!(
        started.elapsed().as_secs() < 5,
        "refused before the reader's slow scan"
    );
    let blocks = format!("services:\n  web:\n{}x\n", "- ".repeat(100_000));
    assert!(import(&blocks, None).is_err());
}

#[test]
fn a_huge_text_is_refused() {
    let text = format!("services:\n{}", "#".repeat(5 * 1024 * 1024));
    assert!(matches!(import(&text, None), Err(ImportError::TooLarge(_))));
}

// --- layout -------------------------------------------------------------------

fn overlaps(doc: &Document) -> Vec<(String, String)> {
    use topolab_engine::geometry::node_size;
    let mut out = Vec::new();
    for (i, a) in doc.nodes.iter().enumerate() {
        for b in &doc.nodes[i + 1..] {
            let (wa, ha) = node_size(a);
            let (wb, hb) = node_size(b);
            if (a.x - b.x).abs() < (wa + wb) / 2.0 && (a.y - b.y).abs() < (ha + hb) / 2.0 {
                out.push((a.id.clone(), b.id.clone()));
            }
        }
    }
    out
}

#[test]
fn imported_diagrams_have_no_overlapping_boxes_and_flow_left_to_right() {
    for name in ["shop-compose.yml", "shop-k8s.yaml", "shop-otel.json"] {
        let doc = imported(name).document;
        assert_eq!(overlaps(&doc), Vec::<(String, String)>::new(), "{name}");
        for link in &doc.links {
            let (a, b) = (
                doc.node(&link.from).expect("from"),
                doc.node(&link.to).expect("to"),
            );
            assert!(a.x < b.x, "{name}: {} -> {} goes right", a.id, b.id);
        }
    }
}

#[test]
fn tidy_lays_out_every_preset_without_overlap_and_keeps_its_topology() {
    for preset in topolab_engine::presets::PRESETS {
        let doc = preset.document();
        let tidied = tidy(&doc);
        assert_eq!(
            overlaps(&tidied),
            Vec::<(String, String)>::new(),
            "{}",
            preset.name
        );
        assert_eq!(tidied.links, doc.links);
        assert_eq!(analyze(&tidied).system, analyze(&doc).system);
        assert_eq!(tidy(&tidied), tidied, "stable");
    }
}

// --- what real files need ---------------------------------------------------

#[test]
fn an_unrendered_helm_template_is_refused_with_the_way_to_render_it() {
    let chart = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"shop.fullname\" . }}\n  labels:\n    {{- include \"shop.labels\" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n";
    match import(chart, None) {
        Err(e @ ImportError::Syntax { line: Some(4), .. }) => {
            let said = e.to_string();
            assert!(said.contains("Helm template"), "{said}");
            assert!(said.contains("helm template"), "{said}");
        }
        other => panic!("expected the Helm hint at line 4, got {other:?}"),
    }
    // Another Go template (a router rule in a label) is data, not a chart.
    let compose = "services:\n  web:\n    image: acme/web\n    ports: [\"80:80\"]\n    labels:\n      - \"traefik.http.routers.web.rule=Host(`{{ .Name }}.local`)\"\n";
    assert!(import(compose, None).is_ok());
}

#[test]
fn an_error_about_the_whole_file_names_no_empty_place() {
    let e = import("- web\n- api\n", Some(Format::Compose)).expect_err("refused");
    assert!(matches!(&e, ImportError::Shape { place, .. } if place.is_empty()));
    let said = e.to_string();
    assert!(!said.starts_with(':') && !said.starts_with(' '), "{said:?}");
    assert_eq!(said, "a compose file is a mapping with `services`");
}

#[test]
fn a_null_key_written_twice_is_named_as_written() {
    let e = import("services:\n  web:\n    ~: 1\n    ~: 2\n", None).expect_err("refused");
    let said = e.to_string();
    assert!(said.contains("duplicate key `~`"), "{said}");
    assert!(!said.contains("Null"), "{said}");
}

#[test]
fn a_mounted_config_map_is_read_and_its_notes_name_the_workload() {
    let i = imported("corpus/k-php-sidecar.yaml");
    assert!(!noted(&i, "nginx-config", "read by no workload"));
    let i = imported("corpus/k-configmap-mounted.yaml");
    assert!(noted(
        &i,
        "(ConfigMap proxy-conf).data.nginx.conf",
        "requires link from \"proxy\""
    ));
}

#[test]
fn a_big_file_of_services_naming_each_other_is_quick_and_says_its_limits_once() {
    let text = support::compose::everyone_names_everyone(400);
    assert!(text.len() > 1_400_000, "{} bytes", text.len());
    let started = std::time::Instant::now();
    let i = import(&text, None).expect("imports");
    // Unoptimised test build on a shared machine; the benchmark times the release build.
    assert!(
        started.elapsed().as_secs_f64() < 10.0,
        "{:?}",
        started.elapsed()
    );
    assert_eq!(i.document.nodes.len(), 401);
    assert_eq!(i.document.links.len(), 20_000);
    // 400 x 399 depends_on pairs and the client's link; 20,000 drawn.
    let dropped = 400 * 399 + 1 - 20_000;
    let over: Vec<_> = i
        .notes
        .iter()
        .filter(|n| {
            matches!(
                n.kind,
                topolab_engine::import::NoteKind::TooManyLinks { .. }
            )
        })
        .collect();
    assert_eq!(over.len(), 1, "said once");
    assert!(
        over[0]
            .message()
            .starts_with(&format!("{dropped} links left out")),
        "{}",
        over[0]
    );
    assert!(i.notes.len() <= 50, "{} notes", i.notes.len());
}

// --- Kubernetes zones ---------------------------------------------------------

/// Each node's zones, `None` for a node in no zone.
fn zones_of<'a>(doc: &'a Document, id: &str) -> Option<Vec<&'a str>> {
    let node = doc.node(id).unwrap_or_else(|| panic!("node {id}"));
    node.zones
        .as_ref()
        .map(|z| z.iter().map(String::as_str).collect())
}

fn zone_notes(i: &Imported) -> Vec<(&str, &NoteKind)> {
    i.notes
        .iter()
        .filter(|n| matches!(n.kind, NoteKind::ZonesFromSpread { .. }))
        .map(|n| (n.place.as_str(), &n.kind))
        .collect()
}

#[test]
fn k8s_pods_spread_over_zones_put_their_node_in_zones_with_a_note() {
    let i = imported("zones-k8s.yaml");
    let doc = &i.document;
    let ids: Vec<&str> = doc.zones.iter().map(|z| z.id.as_str()).collect();
    assert_eq!(ids, ["zone-1", "zone-2", "zone-3"]);
    assert_eq!(
        zones_of(doc, "frontend"),
        Some(vec!["zone-1", "zone-2", "zone-3"])
    );
    assert_eq!(zones_of(doc, "cart"), Some(vec!["zone-1", "zone-2"]));
    let s = |t: &str| t.to_string();
    assert_eq!(
        zone_notes(&i),
        [
            (
                "documents[1] (Deployment frontend).topologySpreadConstraints[1]",
                &NoteKind::ZonesFromSpread {
                    rule: s("topologySpreadConstraints"),
                    key: s("topology.kubernetes.io/zone"),
                    zones: 3,
                    preferred: false,
                }
            ),
            (
                "documents[3] (Deployment cart).affinity.podAntiAffinity.\
                 preferredDuringSchedulingIgnoredDuringExecution[0]",
                &NoteKind::ZonesFromSpread {
                    rule: s("podAntiAffinity"),
                    key: s("failure-domain.beta.kubernetes.io/zone"),
                    zones: 2,
                    preferred: true,
                }
            ),
        ]
    );
    assert!(noted(&i, "Deployment cart", "a preference only"));
    assert!(noted(&i, "Deployment frontend", "so these are assumed"));
}

#[test]
fn k8s_zones_are_never_invented_where_the_manifests_do_not_spread_over_zones() {
    let doc = imported("zones-k8s.yaml").document;
    // Anti-affinity over hosts, affinity (not anti) to another's zone, nothing.
    for id in ["postgres", "checkout", "redis", "client"] {
        assert_eq!(zones_of(&doc, id), None, "{id}");
    }
    for name in ["shop-k8s.yaml", "shop-compose.yml", "shop-otel.json"] {
        let i = imported(name);
        assert!(i.document.zones.is_empty(), "{name}");
        assert!(i.document.nodes.iter().all(|n| n.zones.is_none()), "{name}");
        assert!(zone_notes(&i).is_empty(), "{name}");
    }
}

/// A Deployment named `web` of `replicas` (none: left out), labelled
/// `app: web, tier: front`, with `rules` as its pod spec's scheduling fields.
fn web(replicas: Option<u32>, rules: &str) -> String {
    let replicas = replicas.map_or(String::new(), |n| format!("  replicas: {n}\n"));
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n{replicas}  \
         template:\n    metadata:\n      labels: {{app: web, tier: front}}\n    spec:\n{rules}\
         \n      containers:\n        - name: web\n          image: example/web:1\n---\n\
         apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  \
         selector: {{app: web}}\n"
    )
}

fn spread(key: &str, selector: &str) -> String {
    format!(
        "      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: {key}\n\
         \x20         labelSelector: {selector}"
    )
}

fn web_zones(replicas: Option<u32>, rules: &str) -> Option<Vec<String>> {
    let text = web(replicas, rules);
    let i = import(&text, None).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(validate(&i.document), Vec::new());
    let zones = i.document.node("web").expect("web").zones.clone();
    let ids: Vec<String> = i.document.zones.iter().map(|z| z.id.clone()).collect();
    assert_eq!(ids.len(), zones.as_ref().map_or(0, Vec::len), "{text}");
    assert_eq!(zone_notes(&i).len(), usize::from(zones.is_some()), "{text}");
    zones
}

#[test]
fn k8s_a_spread_counts_only_on_a_zone_key_and_a_selector_of_its_own_pods() {
    let zone = "topology.kubernetes.io/zone";
    let three = Some(vec!["zone-1".into(), "zone-2".into(), "zone-3".into()]);
    let own = [
        "{matchLabels: {app: web}}",
        "{}",
        "{matchExpressions: [{key: app, operator: In, values: [api, web]}]}",
        "{matchExpressions: [{key: tier, operator: Exists}, {key: canary, operator: DoesNotExist}]}",
        "{matchExpressions: [{key: app, operator: NotIn, values: [db]}]}",
    ];
    for selector in own {
        assert_eq!(
            web_zones(Some(5), &spread(zone, selector)),
            three,
            "{selector}"
        );
    }
    let others = [
        "{matchLabels: {app: db}}",
        "{matchLabels: {app: web, tier: back}}",
        "{matchExpressions: [{key: app, operator: NotIn, values: [web]}]}",
        "{matchExpressions: [{key: app, operator: Gt, values: [web]}]}",
        "{matchExpressions: [{key: tier, operator: DoesNotExist}]}",
        "[app, web]",
    ];
    for selector in others {
        assert_eq!(
            web_zones(Some(3), &spread(zone, selector)),
            None,
            "{selector}"
        );
    }
    let mine = "{matchLabels: {app: web}}";
    for key in [
        "kubernetes.io/hostname",
        "topology.kubernetes.io/region",
        "zone",
    ] {
        assert_eq!(web_zones(Some(3), &spread(key, mine)), None, "{key}");
    }
    let no_selector = format!("{}\n", spread(zone, mine))
        .replace("          labelSelector: {matchLabels: {app: web}}\n", "");
    assert_eq!(
        web_zones(Some(3), no_selector.trim_end()),
        None,
        "no labelSelector"
    );
}

#[test]
fn k8s_a_spread_workload_is_drawn_in_as_many_zones_as_its_replicas_up_to_three() {
    let rules = spread(
        "failure-domain.beta.kubernetes.io/zone",
        "{matchLabels: {app: web}}",
    );
    let zones = |n: usize| Some((1..=n).map(|i| format!("zone-{i}")).collect::<Vec<_>>());
    assert_eq!(
        web_zones(None, &rules),
        zones(1),
        "a Deployment's default one replica"
    );
    assert_eq!(web_zones(Some(1), &rules), zones(1));
    assert_eq!(web_zones(Some(2), &rules), zones(2));
    assert_eq!(web_zones(Some(64), &rules), zones(3));
}

#[test]
fn k8s_required_anti_affinity_on_the_zone_spreads_and_a_preferred_one_says_so() {
    let term = "topologyKey: topology.kubernetes.io/zone\n                labelSelector: \
                {matchLabels: {app: web}}";
    let required = format!(
        "      affinity:\n        podAntiAffinity:\n          \
         requiredDuringSchedulingIgnoredDuringExecution:\n            - {}",
        term.replace("\n                ", "\n              ")
    );
    let preferred = format!(
        "      affinity:\n        podAntiAffinity:\n          \
         preferredDuringSchedulingIgnoredDuringExecution:\n            - weight: 50\n              \
         podAffinityTerm:\n                {term}"
    );
    for (rules, soft) in [(required, false), (preferred, true)] {
        let i = import(&web(Some(3), &rules), None).expect("imports");
        let notes = zone_notes(&i);
        assert!(
            matches!(notes[..], [(_, NoteKind::ZonesFromSpread { preferred, .. })] if *preferred == soft),
            "{notes:?}\n{rules}"
        );
        assert_eq!(i.document.zones.len(), 3);
    }
}

#[test]
fn an_imported_document_with_zones_analyses_as_enumeration_says() {
    let doc = imported("zones-k8s.yaml").document;
    let model = support::brute::Model::new(&doc);
    let (functions, _) = support::brute::availabilities(&model);
    let a = analyze(&doc);
    assert_eq!(a.functions.len(), functions.len());
    for (f, (expected, design)) in a.functions.iter().zip(functions) {
        assert!((f.availability - expected).abs() < 1e-12, "{}", f.id);
        assert!((f.design_availability - design).abs() < 1e-12, "{}", f.id);
    }
    // Each spread workload keeps an instance outside any one zone.
    assert!(a.zones.iter().all(|z| !z.spof), "{:?}", a.zones);
}
