//! The kind and host guesses on the words real files use.

use super::*;

#[test]
fn kinds_come_from_the_image_words_without_registry_or_tag() {
    use NodeKind::*;
    let cases = [
        ("postgres:16-alpine", Some(Database)),
        ("docker.io/library/redis:7", Some(Cache)),
        ("bitnami/kafka:3.6", Some(Queue)),
        ("nginx@sha256:abc", Some(LoadBalancer)),
        (
            "docker.elastic.co/elasticsearch/elasticsearch:8.13.0",
            Some(Database),
        ),
        ("opensearchproject/opensearch:2", Some(Database)),
        ("cassandra:4.1", Some(Database)),
        ("clickhouse/clickhouse-server:24.3", Some(Database)),
        ("timescale/timescaledb:latest-pg16", Some(Database)),
        ("cockroachdb/cockroach:v23.2.0", Some(Database)),
        ("mcr.microsoft.com/mssql/server:2022-latest", Some(Database)),
        ("influxdb:2.7", Some(Database)),
        ("neo4j:5", Some(Database)),
        ("couchdb:3", Some(Database)),
        ("valkey/valkey:7.2", Some(Cache)),
        ("docker.dragonflydb.io/dragonflydb/dragonfly", Some(Cache)),
        ("eqalpha/keydb", Some(Cache)),
        ("bitnami/zookeeper:3.9", Some(Database)),
        ("apachepulsar/pulsar:3.2.0", Some(Queue)),
        ("eclipse-mosquitto:2", Some(Queue)),
        (
            "docker.redpanda.com/redpandadata/redpanda:v23.3.5",
            Some(Queue),
        ),
        ("apache/activemq-classic:6.0.1", Some(Queue)),
        ("kong:3.6", Some(Gateway)),
        ("apache/apisix:3.8.0-debian", Some(Gateway)),
        (
            "localhost:5000/weaveworksdemos/catalogue-db:0.3.0",
            Some(Database),
        ),
        ("ghcr.io/acme/orders:1.2", None),
    ];
    for (image, kind) in cases {
        assert_eq!(kind_from_image(image), kind, "{image}");
    }
}

#[test]
fn tools_beside_a_store_are_services() {
    for image in [
        "oliver006/redis_exporter:v1.58.0",
        "prometheuscommunity/postgres-exporter",
        "mongo-express:1.0",
        "provectuslabs/kafka-ui:latest",
        "redislabs/redis-insight:latest",
        "redis/redisinsight:latest",
        "nginx/nginx-prometheus-exporter:1.1",
        "rediscommander/redis-commander",
        "confluentinc/cp-kafka-connect:7.6.0",
    ] {
        assert_eq!(guess(image, true), Guess::Tool, "{image}");
        assert_eq!(kind_from_image(image), None, "{image}");
    }
    // Tools whose words name no store are plain services with nothing to say.
    for image in [
        "redislabs/redisinsight:latest",
        "dpage/pgadmin4",
        "acme/admin",
    ] {
        assert_eq!(guess(image, true), Guess::Unknown, "{image}");
    }
}

#[test]
fn names_give_kinds_by_their_words() {
    use NodeKind::*;
    assert_eq!(guess("user-db", false), Guess::Kind(Database));
    assert_eq!(guess("catalogue-db", false), Guess::Kind(Database));
    assert_eq!(guess("valkey-cart", false), Guess::Kind(Cache));
    assert_eq!(guess("redis-cart", false), Guess::Kind(Cache));
    assert_eq!(guess("cartservice", false), Guess::Unknown);
    assert_eq!(guess("mongoose-api", false), Guess::Unknown);
    assert_eq!(guess("db-migrate", false), Guess::Tool);
}

#[test]
fn a_variable_image_is_guessed_from_its_default_only() {
    assert_eq!(image_for_guess("${POSTGRES_IMAGE}"), None);
    assert_eq!(
        image_for_guess("${DB_IMAGE:-postgres:16}"),
        Some("postgres:16")
    );
    assert_eq!(image_for_guess("redis:7"), Some("redis:7"));
}

fn found<'a>(var: &str, value: &str, names: &Names<'a>) -> Vec<&'a str> {
    hosts_named(Some(var), value, names)
}

#[test]
fn hosts_are_found_in_urls_host_ports_and_dsns() {
    let names = Names::new(["orders", "orders-db", "redis", "mongo1", "mongo2", "db"]);
    assert_eq!(
        found("ORDERS", "http://orders:8080/api", &names),
        ["orders"]
    );
    assert_eq!(
        found("X", "orders.default.svc.cluster.local:80", &names),
        ["orders"]
    );
    assert_eq!(
        found(
            "DATABASE_URL",
            "postgres://app:secret@orders-db:5432/orders",
            &names
        ),
        ["orders-db"]
    );
    assert_eq!(
        found(
            "MONGO",
            "mongodb://u:p@mongo1:27017,mongo2:27017/x?replicaSet=rs",
            &names
        ),
        ["mongo1", "mongo2"]
    );
    assert_eq!(
        found(
            "PG_DSN",
            "host=db port=5432 user=orders dbname=orders",
            &names
        ),
        ["db"]
    );
    assert_eq!(
        found("CACHES", "redis:6379,orders:80", &names),
        ["redis", "orders"]
    );
    assert!(found("X", "orders.example.com", &names).is_empty());
    assert!(found("ORDERS_HOST", "ordersx", &names).is_empty());
}

#[test]
fn a_bare_name_is_a_host_only_under_a_host_variable() {
    let names = Names::new(["wordpress", "gitea", "gitlab", "redis", "db", "taskworker"]);
    assert_eq!(found("WORDPRESS_DB_HOST", "db", &names), ["db"]);
    assert_eq!(found("REDIS_HOST", "redis", &names), ["redis"]);
    assert_eq!(found("REDIS_ADDR", "redis", &names), ["redis"]);
    assert_eq!(found("OTEL_EXPORTER_OTLP_ENDPOINT", "db", &names), ["db"]);
    assert!(found("MYSQL_DATABASE", "wordpress", &names).is_empty());
    assert!(found("POSTGRES_USER", "gitea", &names).is_empty());
    assert!(found("DB_USER", "gitlab", &names).is_empty());
    assert!(found(
        "CONCURRENCY",
        "${LAUNCHPAD_TASKWORKER_CONCURRENCY:-4}",
        &names
    )
    .is_empty());
    assert!(found("REDIS_PASSWORD", "${REDIS_PASSWORD}", &names).is_empty());
    // A default is what the file states when the variable is unset.
    assert_eq!(
        found("REDIS_HOST", "${REDIS_HOST:-redis}", &names),
        ["redis"]
    );
    assert_eq!(
        found("BROKER", "${BROKER_URL:-redis://redis:6379/0}", &names),
        ["redis"]
    );
    assert!(found("REDIS_URL", "$(REDIS) $redis", &names).is_empty());
}

#[test]
fn ids_are_made_valid() {
    assert_eq!(node_id("my service/1"), "my-service-1");
    assert_eq!(node_id(""), "node");
    assert_eq!(node_id(&"a".repeat(100)).len(), 64);
}
