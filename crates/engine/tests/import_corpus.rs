//! The import corpus: files shaped like those of well-known samples and
//! self-hosted products (compose files, Kubernetes manifests in YAML and
//! `kubectl get -o json`, Jaeger and OpenTelemetry dependency lists), written
//! for these tests in `tests/fixtures/import/corpus/`. Each says, read off the
//! file by hand, what it must draw: kinds, links that must and must not exist,
//! replicas, notes; and every one must give something to measure (functions)
//! and no cycle the file does not state.

use topolab_engine::analysis::analyze;
use topolab_engine::import::{detect, import, Format, Imported};
use topolab_engine::{validate, LinkKind, NodeKind};

use LinkKind::{Optional as Opt, Pool, Requires as Req, Route};
use NodeKind::{
    Cache, Database as Db, Gateway as Gw, LoadBalancer as Lb, Queue as Q, Service as Svc,
};

struct Case {
    file: &'static str,
    format: Format,
    kinds: &'static [(&'static str, NodeKind)],
    links: &'static [(&'static str, &'static str, LinkKind)],
    no_links: &'static [(&'static str, &'static str)],
    replicas: &'static [(&'static str, u32)],
    /// (part of the place, part of the message).
    notes: &'static [(&'static str, &'static str)],
    /// Cycles the file states (a dependency list calling round).
    cycles: usize,
    /// The nodes the file spreads over zones, with their zones; every other
    /// node is in no zone, and the document has zones only if some node has.
    zones: &'static [(&'static str, &'static [&'static str])],
}

const NONE: Case = Case {
    file: "",
    format: Format::Compose,
    kinds: &[],
    links: &[],
    no_links: &[],
    replicas: &[],
    notes: &[],
    cycles: 0,
    zones: &[],
};

fn compose() -> Vec<Case> {
    vec![
        Case {
            file: "c-wordpress.yml",
            kinds: &[("db", Db), ("wordpress", Svc)],
            links: &[("client", "wordpress", Route), ("wordpress", "db", Req)],
            no_links: &[("db", "wordpress")],
            ..NONE
        },
        Case {
            file: "c-gitea.yml",
            kinds: &[("db", Db), ("server", Svc)],
            links: &[("server", "db", Req), ("client", "server", Route)],
            no_links: &[("db", "server")],
            ..NONE
        },
        Case {
            file: "c-gitlab.yml",
            kinds: &[("redis", Cache), ("postgresql", Db), ("gitlab", Svc)],
            links: &[("gitlab", "redis", Req), ("gitlab", "postgresql", Req)],
            no_links: &[("postgresql", "gitlab"), ("redis", "gitlab")],
            ..NONE
        },
        Case {
            file: "c-launchpad.yml",
            kinds: &[
                ("redis", Cache),
                ("kafka", Q),
                ("clickhouse", Db),
                ("web", Svc),
                ("taskworker", Svc),
            ],
            links: &[
                ("web", "redis", Req),
                ("taskworker", "kafka", Req),
                ("snuba-api", "clickhouse", Req),
                ("web", "snuba-api", Req),
            ],
            no_links: &[
                ("web", "taskworker"),
                ("cron", "taskworker"),
                ("redis", "redis"),
                ("snuba-api", "taskworker"),
            ],
            ..NONE
        },
        Case {
            file: "c-elastic.yml",
            kinds: &[("elasticsearch", Db), ("kibana", Svc), ("logstash", Svc)],
            links: &[
                ("kibana", "elasticsearch", Req),
                ("logstash", "elasticsearch", Req),
            ],
            ..NONE
        },
        Case {
            file: "c-monitoring.yml",
            kinds: &[
                ("web", Lb),
                ("redis-exporter", Svc),
                ("postgres-exporter", Svc),
                ("nginx-exporter", Svc),
                ("redisinsight", Svc),
                ("redis", Cache),
                ("postgres", Db),
            ],
            links: &[
                ("web", "app", Pool),
                ("redis-exporter", "redis", Req),
                ("postgres-exporter", "postgres", Req),
            ],
            notes: &[("services.redis-exporter.image", "tool beside a store")],
            ..NONE
        },
        Case {
            file: "c-kafka.yml",
            kinds: &[
                ("zookeeper", Db),
                ("kafka", Q),
                ("kafka-ui", Svc),
                ("schema-registry", Svc),
            ],
            links: &[("kafka", "zookeeper", Req), ("kafka-ui", "kafka", Req)],
            no_links: &[("kafka", "schema-registry")],
            ..NONE
        },
        Case {
            file: "c-mongo.yml",
            kinds: &[("mongo", Db), ("mongo-express", Svc)],
            links: &[
                ("mongo-express", "mongo", Req),
                ("client", "mongo-express", Route),
            ],
            ..NONE
        },
        Case {
            file: "c-semantics.yml",
            kinds: &[
                ("db", Db),
                ("search", Db),
                ("api", Svc),
                ("downloader", Svc),
            ],
            links: &[
                ("api", "db", Req),
                ("api", "search", Opt),
                ("downloader", "vpn", Req),
                ("migrate", "db", Req),
            ],
            no_links: &[("api", "migrate"), ("api", "adminer")],
            notes: &[
                ("services.api.depends_on.migrate", "runs to completion"),
                ("services.api.depends_on.search", "optional"),
                ("services.adminer", "profile \"debug\""),
                ("services.api.depends_on.adminer", "left out"),
                ("services.downloader.network_mode", "\"vpn\""),
            ],
            ..NONE
        },
        Case {
            file: "c-voting.yml",
            kinds: &[("db", Db), ("redis", Cache), ("vote", Svc), ("worker", Svc)],
            links: &[
                ("vote", "redis", Req),
                ("result", "db", Req),
                ("worker", "db", Req),
            ],
            replicas: &[("vote", 2)],
            notes: &[
                ("services.db", "from its name"),
                ("services.seed", "profile"),
            ],
            ..NONE
        },
        Case {
            file: "c-stores.yml",
            kinds: &[
                ("cassandra", Db),
                ("cockroach", Db),
                ("mssql", Db),
                ("influxdb", Db),
                ("neo4j", Db),
                ("couchdb", Db),
                ("timescale", Db),
                ("valkey", Cache),
                ("dragonfly", Cache),
                ("keydb", Cache),
                ("pulsar", Q),
                ("mosquitto", Q),
                ("redpanda", Q),
                ("activemq", Q),
            ],
            links: &[
                ("app", "cassandra", Req),
                ("app", "cockroach", Req),
                ("app", "mssql", Req),
                ("app", "timescale", Req),
                ("app", "keydb", Req),
                ("app", "mosquitto", Req),
                ("app", "activemq", Req),
            ],
            ..NONE
        },
        Case {
            file: "c-gateways.yml",
            kinds: &[
                ("kong", Gw),
                ("apisix", Gw),
                ("kong-database", Db),
                ("etcd", Db),
            ],
            links: &[
                ("kong", "users", Route),
                ("kong", "kong-database", Req),
                ("apisix", "catalog", Route),
                ("apisix", "etcd", Req),
            ],
            ..NONE
        },
        Case {
            file: "c-sockshop.yml",
            kinds: &[
                ("catalogue-db", Db),
                ("user-db", Db),
                ("carts-db", Db),
                ("orders-db", Db),
                ("rabbitmq", Q),
                ("edge-router", Lb),
            ],
            links: &[
                ("catalogue", "catalogue-db", Req),
                ("user", "user-db", Req),
                ("orders", "orders-db", Req),
                ("front-end", "catalogue", Req),
                ("edge-router", "front-end", Pool),
            ],
            no_links: &[("catalogue-db", "catalogue")],
            notes: &[("services.user-db", "no image")],
            ..NONE
        },
        Case {
            file: "c-otel-demo.yml",
            kinds: &[
                ("valkey-cart", Cache),
                ("kafka", Q),
                ("cart", Svc),
                ("frontend", Svc),
            ],
            links: &[
                ("cart", "valkey-cart", Req),
                ("checkout", "cart", Req),
                ("frontend", "checkout", Req),
                ("frontend-proxy", "frontend", Req),
            ],
            notes: &[("services.valkey-cart", "from its name")],
            ..NONE
        },
        Case {
            file: "c-no-ports.yml",
            kinds: &[("postgres", Db), ("rabbitmq", Q)],
            links: &[
                ("client", "api", Route),
                ("client", "worker", Route),
                ("api", "postgres", Req),
                ("worker", "postgres", Req),
            ],
            no_links: &[("client", "postgres"), ("client", "rabbitmq")],
            notes: &[("services.api", "called by nothing here")],
            ..NONE
        },
        Case {
            file: "c-bom.yml",
            kinds: &[("cache", Cache), ("web", Svc)],
            links: &[("web", "cache", Req)],
            ..NONE
        },
        Case {
            file: "c-config.json",
            kinds: &[("db", Db), ("redis", Cache), ("api", Svc)],
            links: &[
                ("api", "db", Req),
                ("api", "redis", Req),
                ("client", "api", Route),
            ],
            no_links: &[("api", "migrate")],
            replicas: &[("api", 3)],
            notes: &[("services.api.depends_on.migrate", "one-shot")],
            ..NONE
        },
    ]
}

fn kubernetes() -> Vec<Case> {
    let k8s = Case {
        format: Format::Kubernetes,
        ..NONE
    };
    vec![
        Case {
            file: "k-guestbook-rc.yaml",
            kinds: &[
                ("redis-master", Cache),
                ("redis-replica", Cache),
                ("frontend", Svc),
            ],
            links: &[
                ("frontend", "redis-master", Req),
                ("frontend", "redis-replica", Req),
                ("client", "frontend", Route),
            ],
            replicas: &[("frontend", 3), ("redis-replica", 2)],
            ..k8s
        },
        Case {
            file: "k-list.json",
            kinds: &[("api", Svc), ("postgres", Db), ("redis", Cache)],
            links: &[
                ("api", "postgres", Req),
                ("api", "redis", Req),
                ("client", "api", Route),
            ],
            no_links: &[("postgres", "api")],
            replicas: &[("api", 3)],
            notes: &[("Service api", "served by Service \"api\"")],
            ..k8s
        },
        Case {
            file: "k-php-sidecar.yaml",
            kinds: &[("shop", Svc), ("mysql", Db)],
            links: &[("shop", "mysql", Req), ("client", "shop", Route)],
            no_links: &[("mysql", "shop")],
            replicas: &[("shop", 2)],
            notes: &[("Deployment shop", "main container \"php-fpm\"")],
            ..k8s
        },
        Case {
            file: "k-boutique.yaml",
            kinds: &[
                ("redis-cart", Cache),
                ("frontend", Svc),
                ("cartservice", Svc),
            ],
            links: &[
                ("frontend", "cartservice", Req),
                ("cartservice", "redis-cart", Req),
                ("checkoutservice", "productcatalogservice", Req),
                ("client", "frontend", Route),
            ],
            ..k8s
        },
        Case {
            file: "k-no-ingress.yaml",
            kinds: &[("db", Db)],
            links: &[
                ("client", "web", Route),
                ("web", "api", Req),
                ("api", "db", Req),
            ],
            no_links: &[("client", "api"), ("client", "db")],
            notes: &[("Service web", "called by nothing here")],
            ..k8s
        },
        Case {
            file: "k-stateful.yaml",
            kinds: &[
                ("cassandra", Db),
                ("zk", Db),
                ("kafka", Q),
                ("fluentd", Svc),
            ],
            links: &[
                ("consumer", "kafka", Req),
                ("consumer", "cassandra", Req),
                ("kafka", "zk", Req),
            ],
            replicas: &[("cassandra", 3), ("consumer", 4), ("fluentd", 1)],
            notes: &[
                ("CronJob backup", "batch job"),
                ("Job create-topics", "not drawn"),
            ],
            ..k8s
        },
        Case {
            file: "k-helm-rendered.yaml",
            kinds: &[("shop-valkey", Cache), ("shop-web", Svc), ("shop", Lb)],
            links: &[
                ("client", "shop", Route),
                ("shop", "shop-web", Pool),
                ("shop-web", "shop-catalog", Req),
                ("shop-catalog", "shop-valkey", Req),
            ],
            replicas: &[("shop-web", 2), ("shop-catalog", 3)],
            notes: &[
                ("Ingress shop", "(1 Service behind it)"),
                ("ConfigMap shop-config", "from \"shop-catalog\""),
                ("ConfigMap shop-dashboards", "read by no workload"),
            ],
            ..k8s
        },
        Case {
            file: "k-configmap-mounted.yaml",
            kinds: &[("proxy", Lb)],
            links: &[("proxy", "api", Req), ("proxy", "assets", Req)],
            notes: &[("ConfigMap proxy-conf", "from \"proxy\"")],
            ..k8s
        },
        Case {
            file: "k-exporters.yaml",
            kinds: &[
                ("redis", Cache),
                ("postgres-exporter", Svc),
                ("orders-db", Db),
                ("orders", Svc),
            ],
            links: &[("orders", "orders-db", Req), ("orders", "redis", Req)],
            replicas: &[("orders", 2)],
            notes: &[("Deployment orders", "main container \"app\"")],
            ..k8s
        },
        Case {
            file: "k-bom.yaml",
            kinds: &[("hello", Svc)],
            links: &[("client", "hello", Route)],
            replicas: &[("hello", 2)],
            ..k8s
        },
        Case {
            file: "k-pods.yaml",
            kinds: &[("web", Svc), ("mongo", Db)],
            links: &[("web", "mongo", Req), ("client", "web", Route)],
            ..k8s
        },
        Case {
            file: "k-zones.yaml",
            kinds: &[("shop-api", Svc), ("shop-etcd", Db), ("shop-worker", Svc)],
            links: &[
                ("client", "shop-api", Route),
                ("shop-api", "shop-etcd", Req),
                ("shop-worker", "shop-api", Req),
            ],
            replicas: &[("shop-api", 6), ("shop-etcd", 3), ("shop-worker", 2)],
            notes: &[
                (
                    "(Deployment shop-api).topologySpreadConstraints[0]",
                    "a preference only",
                ),
                (
                    "(StatefulSet shop-etcd).affinity.podAntiAffinity",
                    "\"zone-1\" to \"zone-3\"",
                ),
            ],
            zones: &[
                ("shop-api", &["zone-1", "zone-2", "zone-3"]),
                ("shop-etcd", &["zone-1", "zone-2", "zone-3"]),
            ],
            ..k8s
        },
        Case {
            file: "k-sockshop.yaml",
            kinds: &[("catalogue-db", Db), ("user-db", Db), ("front-end", Svc)],
            links: &[
                ("catalogue", "catalogue-db", Req),
                ("user", "user-db", Req),
                ("front-end", "user", Req),
            ],
            notes: &[("Deployment user-db", "from its name")],
            ..k8s
        },
    ]
}

fn otel() -> Vec<Case> {
    let otel = Case {
        format: Format::Otel,
        ..NONE
    };
    vec![
        Case {
            file: "o-hotrod.json",
            kinds: &[("mysql", Db), ("redis-manual", Cache), ("route", Svc)],
            links: &[("frontend", "route", Req), ("client", "frontend", Route)],
            ..otel
        },
        Case {
            file: "o-array.json",
            kinds: &[("postgresql", Db), ("kafka", Q), ("api-gateway", Svc)],
            links: &[
                ("client", "api-gateway", Route),
                ("client", "notifier", Route),
            ],
            ..otel
        },
        Case {
            file: "o-cycle.json",
            links: &[("client", "a", Route), ("c", "a", Req)],
            notes: &[("", "taken as the entry point")],
            cycles: 1,
            ..otel
        },
        Case {
            file: "o-stores.json",
            kinds: &[
                ("elasticsearch", Db),
                ("valkey-cart", Cache),
                ("clickhouse", Db),
                ("redis-exporter", Svc),
            ],
            links: &[("cart", "valkey-cart", Req), ("client", "frontend", Route)],
            ..otel
        },
        Case {
            file: "o-bom.json",
            kinds: &[("db", Db)],
            links: &[("web", "api", Req)],
            ..otel
        },
    ]
}

fn read(file: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/import/corpus/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn check(case: &Case) -> Result<(), String> {
    let text = read(case.file);
    if detect(&text) != Some(case.format) {
        return Err(format!("detected as {:?}", detect(&text)));
    }
    let Imported {
        document: doc,
        notes,
    } = import(&text, None).map_err(|e| e.to_string())?;
    let problems = validate(&doc);
    if !problems.is_empty() {
        return Err(format!("invalid: {problems:?}"));
    }
    for &(id, kind) in case.kinds {
        let got = doc.node(id).map(|n| n.kind);
        if got != Some(kind) {
            return Err(format!("{id}: {got:?}, expected {kind:?}"));
        }
    }
    let link = |from: &str, to: &str| doc.links.iter().find(|l| l.from == from && l.to == to);
    for &(from, to, kind) in case.links {
        match link(from, to).map(|l| doc.link_kind(l)) {
            Some(k) if k == kind => {}
            got => return Err(format!("{from} -> {to}: {got:?}, expected {kind:?}")),
        }
    }
    for &(from, to) in case.no_links {
        if link(from, to).is_some() {
            return Err(format!(
                "{from} -> {to} drawn, which the file does not state"
            ));
        }
    }
    for &(id, n) in case.replicas {
        let got = doc.node(id).map(|n| n.replicas());
        if got != Some(n) {
            return Err(format!("{id}: {got:?} replicas, expected {n}"));
        }
    }
    for &(place, message) in case.notes {
        if !notes
            .iter()
            .any(|n| n.place.contains(place) && n.message().contains(message))
        {
            let all: Vec<String> = notes.iter().map(ToString::to_string).collect();
            return Err(format!("no note {place:?} {message:?} in {all:#?}"));
        }
    }
    check_zones(case, &doc)?;
    let analysis = analyze(&doc);
    if analysis.functions.is_empty() {
        return Err("no function: nothing to measure".into());
    }
    if analysis.cycles.len() != case.cycles {
        return Err(format!(
            "cycles {:?}, expected {}",
            analysis.cycles, case.cycles
        ));
    }
    Ok(())
}

/// Zones only where the file spreads pods over zones, never invented.
fn check_zones(case: &Case, doc: &topolab_engine::Document) -> Result<(), String> {
    for n in &doc.nodes {
        let stated = case.zones.iter().find(|(id, _)| *id == n.id);
        let got: Option<Vec<&str>> = n
            .zones
            .as_ref()
            .map(|z| z.iter().map(String::as_str).collect());
        if got != stated.map(|(_, z)| z.to_vec()) {
            return Err(format!("{}: zones {got:?}, expected {stated:?}", n.id));
        }
    }
    let in_use = case.zones.iter().map(|(_, z)| z.len()).max().unwrap_or(0);
    if doc.zones.len() != in_use {
        return Err(format!("{} zones, expected {in_use}", doc.zones.len()));
    }
    Ok(())
}

#[test]
fn every_corpus_file_draws_what_it_states_and_nothing_else() {
    let cases: Vec<Case> = [compose(), kubernetes(), otel()]
        .into_iter()
        .flatten()
        .collect();
    assert!(cases.len() >= 30, "{} files", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| check(c).err().map(|e| format!("{}: {e}", c.file)))
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_corpus_file_is_listed() {
    let dir = format!(
        "{}/../../tests/fixtures/import/corpus",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = [compose(), kubernetes(), otel()]
        .into_iter()
        .flatten()
        .map(|c| c.file.to_string())
        .collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}
