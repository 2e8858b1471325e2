//! The guesses importers share: a node's kind from its image or name, and the
//! other services a configuration value names as a host.
//!
//! A kind comes from the words of an image (`bitnami/postgresql:16` ->
//! `bitnami`, `postgresql`) or of a name (`catalogue-db` -> `catalogue`, `db`):
//! a word naming a store or a proxy gives its kind, unless another word says
//! the thing is a tool that talks to it (`postgres-exporter`, `mongo-express`,
//! `kafka-ui`, `redisinsight`): a tool is a service.
//!
//! A value names a callee only as a host: a URL's authority
//! (`http://orders:8080/v1`, `postgres://u:p@db:5432/x`), a `host:port`, a
//! query string's or DSN's `host=`; a bare word (`redis`) only under a
//! variable whose name says it holds a host (`REDIS_HOST`, `API_URL`,
//! `*_ADDR`, `*_ENDPOINT`). `${VAR}` and `$(VAR)` references are never read.

use std::collections::HashMap;

use crate::document::NodeKind;

/// What the words of an image or a name say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Guess {
    /// A store or proxy of this kind.
    Kind(NodeKind),
    /// A tool that talks to a store (an exporter, an admin UI): a service.
    Tool,
    /// Nothing known.
    Unknown,
}

/// Words naming a store or a proxy, each with its kind.
const KINDS: &[(&str, NodeKind)] = {
    use NodeKind::{Cache, Database, Gateway, LoadBalancer, Queue};
    &[
        ("postgres", Database),
        ("postgresql", Database),
        ("postgis", Database),
        ("pgvector", Database),
        ("mysql", Database),
        ("mariadb", Database),
        ("percona", Database),
        ("mongo", Database),
        ("mongodb", Database),
        ("elasticsearch", Database),
        ("opensearch", Database),
        ("cassandra", Database),
        ("scylla", Database),
        ("scylladb", Database),
        ("clickhouse", Database),
        ("timescaledb", Database),
        ("cockroach", Database),
        ("cockroachdb", Database),
        ("mssql", Database),
        ("sqlserver", Database),
        ("influxdb", Database),
        ("neo4j", Database),
        ("couchdb", Database),
        ("couchbase", Database),
        ("zookeeper", Database),
        ("etcd", Database),
        ("db", Database),
        ("database", Database),
        ("redis", Cache),
        ("valkey", Cache),
        ("memcached", Cache),
        ("dragonfly", Cache),
        ("dragonflydb", Cache),
        ("keydb", Cache),
        ("cache", Cache),
        ("rabbitmq", Queue),
        ("kafka", Queue),
        ("nats", Queue),
        ("pulsar", Queue),
        ("mosquitto", Queue),
        ("redpanda", Queue),
        ("activemq", Queue),
        ("nsq", Queue),
        ("nginx", LoadBalancer),
        ("traefik", LoadBalancer),
        ("haproxy", LoadBalancer),
        ("envoy", LoadBalancer),
        ("caddy", LoadBalancer),
        ("kong", Gateway),
        ("apisix", Gateway),
        ("krakend", Gateway),
    ]
};

/// Words saying the thing is a tool beside a store, not the store.
const TOOL_WORDS: &[&str] = &[
    "ui",
    "cli",
    "web",
    "exporter",
    "exporters",
    "express",
    "insight",
    "redisinsight",
    "commander",
    "admin",
    "kafdrop",
    "akhq",
    "dashboard",
    "operator",
    "backup",
    "migrate",
    "migrations",
    "migration",
    "init",
    "setup",
    "connect",
    "rest",
    "registry",
    "metrics",
    "monitor",
    "browser",
    "console",
];
/// Parts of a word saying the same (`pgadmin4`, `phpmyadmin`, `redis_exporter`).
const TOOL_PARTS: &[&str] = &["exporter", "admin", "insight", "commander", "express"];

/// The words of an image or a name, lowercased: split at `/ - _ .`, the
/// registry host and the tag or digest left out.
fn words(text: &str, image: bool) -> Vec<String> {
    let text = text.split('@').next().unwrap_or(text);
    let mut parts: Vec<&str> = text.split('/').collect();
    if image {
        if parts.len() > 1 && (parts[0].contains(['.', ':']) || parts[0] == "localhost") {
            parts.remove(0);
        }
        if let Some(last) = parts.last_mut() {
            *last = last.split(':').next().unwrap_or(last);
        }
    }
    parts
        .iter()
        .flat_map(|p| p.split(['-', '_', '.', ':']))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// What the words of `text` say (an image when `image`, else a name): a
/// store's or proxy's kind, or a tool when words of both (`redis_exporter`).
pub(crate) fn guess(text: &str, image: bool) -> Guess {
    let words = words(text, image);
    let kind = words.iter().find_map(|word| {
        let bare = word.trim_end_matches(|c: char| c.is_ascii_digit());
        KINDS
            .iter()
            .find(|(w, _)| *w == word || *w == bare)
            .map(|&(_, kind)| kind)
    });
    let tool = || {
        words
            .iter()
            .any(|w| TOOL_WORDS.contains(&w.as_str()) || TOOL_PARTS.iter().any(|p| w.contains(p)))
    };
    match kind {
        Some(_) if tool() => Guess::Tool,
        Some(kind) => Guess::Kind(kind),
        None => Guess::Unknown,
    }
}

/// The kind an image suggests: databases, caches, queues, proxies and gateways
/// by their usual image names; `None` for the rest (and for the tools beside
/// them: `postgres-exporter`, `mongo-express`), which importers draw as services.
///
/// `postgres:16-alpine`, `docker.io/library/redis:7`, `bitnami/kafka`,
/// `mcr.microsoft.com/mssql/server` all match on their words, without the
/// registry, tag or digest.
pub fn kind_from_image(image: &str) -> Option<NodeKind> {
    match guess(image, true) {
        Guess::Kind(kind) => Some(kind),
        _ => None,
    }
}

/// The image a compose or pod `image` names for guessing: `None` when it is a
/// variable with no default (`${POSTGRES_IMAGE}`), the default when it has one
/// (`${DB_IMAGE:-postgres:16}`).
pub(crate) fn image_for_guess(image: &str) -> Option<&str> {
    let Some(start) = image.find("${") else {
        return Some(image);
    };
    let inner = image[start + 2..].split('}').next().unwrap_or("");
    let default = inner
        .split_once(":-")
        .or_else(|| inner.split_once('-'))
        .map(|(_, d)| d.trim());
    default.filter(|d| !d.is_empty() && !d.contains('$'))
}

/// A valid node id (docs/spec/model.md §1.1) made from `name`: characters outside
/// `A-Z a-z 0-9 _ - .` become `-`, at most 64 of them, never empty.
pub(crate) fn node_id(name: &str) -> String {
    let id: String = name
        .chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '_' | '-' | '.' => c,
            _ => '-',
        })
        .take(64)
        .collect();
    if id.is_empty() {
        "node".to_string()
    } else {
        id
    }
}

/// Names to look hosts up in, case-insensitively and at once.
pub(crate) struct Names<'a> {
    by_lower: HashMap<String, &'a str>,
}

impl<'a> Names<'a> {
    /// The names looked up.
    pub(crate) fn new(names: impl IntoIterator<Item = &'a str>) -> Names<'a> {
        let mut by_lower = HashMap::new();
        for name in names {
            by_lower.entry(name.to_ascii_lowercase()).or_insert(name);
        }
        Names { by_lower }
    }

    /// The name a host (`orders`, `orders.shop.svc.cluster.local`) is.
    fn host(&self, host: &str) -> Option<&'a str> {
        let host = host.trim_matches('.').to_ascii_lowercase();
        if let Some(&name) = self.by_lower.get(&host) {
            return Some(name);
        }
        let (first, rest) = host.split_once('.')?;
        if !is_cluster_suffix(rest) {
            return None;
        }
        self.by_lower.get(first).copied()
    }
}

/// Whether a variable's name says it holds a host: `DB_HOST`, `REDIS_URL`,
/// `API_URI`, `NATS_ADDR`, `OTEL_EXPORTER_OTLP_ENDPOINT`, `KAFKA_BROKERS`.
pub(crate) fn names_a_host(var: &str) -> bool {
    let var = var.to_ascii_uppercase();
    [
        "HOST", "URL", "URI", "ADDR", "ENDPOINT", "SERVERS", "BROKERS",
    ]
    .iter()
    .any(|w| var.contains(w))
}

/// `value` without its `${VAR}`, `$(VAR)` and `$VAR` references (each
/// replaced by a space); `${VAR:-default}` and `${VAR-default}` by their
/// default, which is what the file states when the variable is unset.
fn without_references(value: &str) -> String {
    let b = value.as_bytes();
    let mut out = String::with_capacity(value.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' && i + 1 < b.len() {
            let close = match b[i + 1] {
                b'{' => Some((b'{', b'}')),
                b'(' => Some((b'(', b')')),
                _ => None,
            };
            if let Some((open, shut)) = close {
                let mut depth = 0usize;
                let mut j = i + 1;
                while j < b.len() {
                    if b[j] == open {
                        depth += 1;
                    } else if b[j] == shut {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    j += 1;
                }
                out.push(' ');
                if open == b'{' {
                    let inner = value.get(i + 2..j.min(b.len())).unwrap_or("");
                    if let Some(default) = default_of(inner) {
                        out.push_str(&without_references(default));
                        out.push(' ');
                    }
                }
                i = j + 1;
                continue;
            }
            if b[i + 1].is_ascii_alphabetic() || b[i + 1] == b'_' {
                let mut j = i + 1;
                while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                    j += 1;
                }
                out.push(' ');
                i = j;
                continue;
            }
        }
        let c = value[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The default of a `${...}` reference's inside (`VAR:-default`, `VAR-default`).
fn default_of(inner: &str) -> Option<&str> {
    let name_end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    let rest = &inner[name_end..];
    rest.strip_prefix(":-").or_else(|| rest.strip_prefix('-'))
}

/// Whether `host` is made of host name characters.
fn is_host(host: &str) -> bool {
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_')
}

/// The hosts a single item states: a URL's authority (its hosts, several in
/// `mongodb://a:27017,b:27017`), a `host:port`, a `host=` in a query or DSN;
/// and the item itself when `bare` (its variable names a host).
fn item_hosts<'v>(item: &'v str, bare: bool, out: &mut Vec<&'v str>) {
    for part in item.split(['?', '&']) {
        if let Some(host) = part.strip_prefix("host=") {
            out.push(host);
        }
    }
    if let Some((_, after)) = item.split_once("://") {
        let authority = after.split(['/', '?', '#']).next().unwrap_or("");
        let authority = authority.rsplit('@').next().unwrap_or(authority);
        for host in authority.split(',') {
            out.push(strip_port(host).unwrap_or(host));
        }
        return;
    }
    let item = item.split('/').next().unwrap_or(item);
    if let Some(host) = strip_port(item) {
        out.push(host);
    } else if bare && !item.contains(['=', ':']) {
        out.push(item);
    }
}

/// `host` of `host:port` (the port all digits), else `None`.
fn strip_port(item: &str) -> Option<&str> {
    let (host, port) = item.rsplit_once(':')?;
    (!port.is_empty() && port.chars().all(|c| c.is_ascii_digit())).then_some(host)
}

/// The names among `names` that the value of variable `var` (or of a
/// configuration key) states as a host; each once, in the order first found.
/// `var` is `None` for a value with no name of its own (a file's text).
pub(crate) fn hosts_named<'a>(var: Option<&str>, value: &str, names: &Names<'a>) -> Vec<&'a str> {
    let bare = var.is_some_and(names_a_host) && !value.contains('\n');
    let value = without_references(value);
    let mut hosts = Vec::new();
    for item in value.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | '"' | '\'' | '(' | ')' | '[' | ']')
    }) {
        if !item.is_empty() {
            // `mongodb://a:1,b:2/x` is split at its comma: `b:2/x` is a host:port.
            item_hosts(item, bare, &mut hosts);
        }
    }
    let mut found: Vec<&'a str> = Vec::new();
    for host in hosts {
        if !is_host(host) {
            continue;
        }
        if let Some(name) = names.host(host) {
            if !found.contains(&name) {
                found.push(name);
            }
        }
    }
    found
}

/// `ns`, `ns.svc` or `ns.svc.cluster.local`: what may follow a Kubernetes
/// Service's name in a host name.
fn is_cluster_suffix(rest: &str) -> bool {
    let parts: Vec<&str> = rest.split('.').collect();
    match parts.as_slice() {
        [ns] => !ns.is_empty() && !ns.chars().all(|c| c.is_ascii_digit()),
        [_, "svc"] => true,
        [_, "svc", "cluster", "local"] => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
