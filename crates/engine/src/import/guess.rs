//! The guesses importers share: a node's kind from its image or name, and the
//! other services a configuration value names.

use crate::document::NodeKind;

/// The kind an image (or a service's name) suggests: databases,
/// caches, queues and proxies by their usual image names; `None` for the rest,
/// which importers draw as services.
///
/// `postgres:16-alpine`, `docker.io/library/redis:7`, `bitnami/kafka` all match
/// on the image's last path part, without tag or digest.
pub fn kind_from_image(image: &str) -> Option<NodeKind> {
    let name = image.rsplit('/').next().unwrap_or(image);
    let name = name
        .split(['@', ':'])
        .next()
        .unwrap_or(name)
        .to_ascii_lowercase();
    const TABLE: [(&str, NodeKind); 17] = [
        ("postgres", NodeKind::Database),
        ("postgis", NodeKind::Database),
        ("mysql", NodeKind::Database),
        ("mariadb", NodeKind::Database),
        ("mongo", NodeKind::Database),
        ("redis", NodeKind::Cache),
        ("valkey", NodeKind::Cache),
        ("memcached", NodeKind::Cache),
        ("rabbitmq", NodeKind::Queue),
        ("kafka", NodeKind::Queue),
        ("nats", NodeKind::Queue),
        ("nginx", NodeKind::LoadBalancer),
        ("traefik", NodeKind::LoadBalancer),
        ("haproxy", NodeKind::LoadBalancer),
        ("envoy", NodeKind::LoadBalancer),
        ("caddy", NodeKind::LoadBalancer),
        ("cp-kafka", NodeKind::Queue),
    ];
    TABLE
        .iter()
        .find(|(prefix, _)| name.starts_with(prefix))
        .map(|&(_, kind)| kind)
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

/// The names among `names` that `value` mentions as a host: `orders`,
/// `orders:8080`, `http://orders:8080/api`, `postgres://u:p@orders-db:5432/x`,
/// `orders.shop`, `orders.shop.svc.cluster.local`; each at most once, in the
/// order first found.
pub(crate) fn hosts_named<'a>(value: &str, names: &[&'a str]) -> Vec<&'a str> {
    let mut found: Vec<&'a str> = Vec::new();
    for item in value.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        // In a URL only the authority names a host (not the path's database name).
        let item = match item.split_once("://") {
            Some((_, after)) => {
                let authority = after.split(['/', '?', '#']).next().unwrap_or("");
                authority.rsplit('@').next().unwrap_or(authority)
            }
            None => item,
        };
        host_tokens(item, names, &mut found);
    }
    found
}

fn host_tokens<'a>(item: &str, names: &[&'a str], found: &mut Vec<&'a str>) {
    // Host names are made of letters, digits, '-' and '.'; anything else separates them.
    for token in item.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.')) {
        let token = token.trim_matches('.');
        if token.is_empty() {
            continue;
        }
        let (first, rest) = match token.split_once('.') {
            Some((first, rest)) => (first, Some(rest)),
            None => (token, None),
        };
        if !rest.is_none_or(is_cluster_suffix) {
            continue;
        }
        if let Some(&name) = names.iter().find(|n| n.eq_ignore_ascii_case(first)) {
            if !found.contains(&name) {
                found.push(name);
            }
        }
    }
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
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_image_name_without_registry_or_tag() {
        assert_eq!(
            kind_from_image("postgres:16-alpine"),
            Some(NodeKind::Database)
        );
        assert_eq!(
            kind_from_image("docker.io/library/redis:7"),
            Some(NodeKind::Cache)
        );
        assert_eq!(kind_from_image("bitnami/kafka:3.6"), Some(NodeKind::Queue));
        assert_eq!(
            kind_from_image("nginx@sha256:abc"),
            Some(NodeKind::LoadBalancer)
        );
        assert_eq!(kind_from_image("ghcr.io/acme/orders:1.2"), None);
    }

    #[test]
    fn hosts_are_found_in_urls_and_cluster_names() {
        let names = ["orders", "orders-db", "redis"];
        assert_eq!(hosts_named("http://orders:8080/api", &names), ["orders"]);
        assert_eq!(
            hosts_named("orders.default.svc.cluster.local", &names),
            ["orders"]
        );
        assert_eq!(
            hosts_named("postgres://app:secret@orders-db:5432/orders", &names),
            ["orders-db"]
        );
        assert_eq!(hosts_named("redis,orders", &names), ["redis", "orders"]);
        assert!(hosts_named("orders.example.com", &names).is_empty());
        assert!(hosts_named("ordersx", &names).is_empty());
    }

    #[test]
    fn ids_are_made_valid() {
        assert_eq!(node_id("my service/1"), "my-service-1");
        assert_eq!(node_id(""), "node");
        assert_eq!(node_id(&"a".repeat(100)).len(), 64);
    }
}
