//! docker-compose files: each service a node, its kind guessed from
//! its image, `deploy.replicas` (or the older `scale`) its replicas,
//! `depends_on` (list or map form) and environment values naming another
//! service its `requires` links, and services publishing `ports` the entry
//! points behind one client.
//!
//! Choices, each said in a note where it applies:
//! - a proxy image (nginx, traefik, haproxy, envoy) is a load balancer when
//!   it fronts one service (its links `pool`), a gateway when several (`route`);
//! - every dependency is `requires`, a queue's included: compose cannot tell
//!   a publisher from a consumer, and publishing is a `requires` link (docs/spec/model.md §1.2);
//! - keys that do not change the topology (volumes, healthcheck, ...) are
//!   passed over in silence; others not understood are noted.

use super::yaml::Value;

use super::builder::Builder;
use super::guess::{hosts_named, kind_from_image};
use super::{yaml_documents, ImportError, Imported, NoteKind};
use crate::document::{LinkKind, NodeKind};

/// Service keys that say nothing about the topology.
const SILENT_KEYS: &[&str] = &[
    "build",
    "command",
    "entrypoint",
    "volumes",
    "networks",
    "restart",
    "healthcheck",
    "labels",
    "expose",
    "container_name",
    "hostname",
    "working_dir",
    "user",
    "env_file",
    "logging",
    "secrets",
    "configs",
    "stdin_open",
    "tty",
    "profiles",
    "platform",
    "ulimits",
    "cap_add",
    "cap_drop",
    "extra_hosts",
    "init",
    "privileged",
    "shm_size",
    "stop_grace_period",
    "security_opt",
    "tmpfs",
    "devices",
    "dns",
    "pull_policy",
    "domainname",
    "mem_limit",
    "cpus",
    "read_only",
    "sysctls",
    "stop_signal",
    "network_mode",
    "develop",
    "attach",
];
/// Top-level keys that say nothing about the topology.
const SILENT_TOP: &[&str] = &[
    "version", "name", "volumes", "networks", "secrets", "configs",
];

/// The diagram a docker-compose file describes.
pub fn import(text: &str) -> Result<Imported, ImportError> {
    let docs = yaml_documents(text)?;
    let root = match docs.as_slice() {
        [one] => one,
        [] => return Err(ImportError::shape("", "the file is empty")),
        [first, ..] => first,
    };
    let mut b = Builder::new();
    if docs.len() > 1 {
        b.note("", NoteKind::OnlyFirstDocument);
    }
    let top = root
        .as_mapping()
        .ok_or_else(|| ImportError::shape("", "a compose file is a mapping with `services`"))?;
    for key in top.keys() {
        let key = key_text(key);
        if key != "services" && !SILENT_TOP.contains(&key.as_str()) && !key.starts_with("x-") {
            b.note(key.clone(), NoteKind::NotUnderstood);
        }
    }
    let services = match top.get("services") {
        Some(Value::Mapping(m)) => m,
        Some(_) => {
            return Err(ImportError::shape(
                "services",
                "expected a mapping of services",
            ))
        }
        None => return Err(ImportError::shape("", "no `services`")),
    };
    let names: Vec<String> = services.keys().map(key_text).collect();
    // Nodes first, so links may name a service defined further down.
    for (name, spec) in names.iter().zip(services.values()) {
        let place = format!("services.{name}");
        let image = spec.get("image").and_then(Value::as_str);
        let kind = match image.and_then(kind_from_image) {
            Some(k) => k,
            None if image.is_none() => match kind_from_image(name) {
                Some(k) => {
                    b.note(&place, NoteKind::NoImageKindFromName { kind: k });
                    k
                }
                None => NodeKind::Service,
            },
            None => NodeKind::Service,
        };
        let Some(id) = b.add_node(name, kind, &place) else {
            continue;
        };
        if let Some(image) = image {
            b.set_extra(&id, "image", image.into());
            if kind != NodeKind::Service {
                b.note(
                    format!("{place}.image"),
                    NoteKind::KindFromImage {
                        kind,
                        image: Some(image.to_string()),
                    },
                );
            }
        }
        if !spec.is_mapping() && !spec.is_null() {
            b.note(&place, NoteKind::ServiceNotMapping);
            continue;
        }
        if let Some(r) = spec.get("deploy").and_then(|d| d.get("replicas")) {
            replicas(&mut b, &id, r, &format!("{place}.deploy.replicas"));
        } else if let Some(r) = spec.get("scale") {
            replicas(&mut b, &id, r, &format!("{place}.scale"));
        }
        if let Some(m) = spec.as_mapping() {
            for key in m.keys().map(key_text) {
                let known = [
                    "image",
                    "deploy",
                    "scale",
                    "depends_on",
                    "ports",
                    "environment",
                    "links",
                ];
                if !known.contains(&key.as_str()) && !SILENT_KEYS.contains(&key.as_str()) {
                    b.note(format!("{place}.{key}"), NoteKind::NotUnderstood);
                }
            }
        }
    }
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    for (name, spec) in names.iter().zip(services.values()) {
        let place = format!("services.{name}");
        let Some(from) = b.id_of(name).map(str::to_string) else {
            continue;
        };
        let mut targets: Vec<(String, String, bool)> = Vec::new();
        for key in ["depends_on", "links"] {
            if let Some(v) = spec.get(key) {
                for (target, at) in dependency_names(&mut b, v, &format!("{place}.{key}")) {
                    targets.push((target, at, false));
                }
            }
        }
        if let Some(env) = spec.get("environment") {
            for (var, value) in environment(env) {
                for host in hosts_named(&value, &name_refs) {
                    if host != name {
                        targets.push((
                            host.to_string(),
                            format!("{place}.environment.{var}"),
                            true,
                        ));
                    }
                }
            }
        }
        let fronts: Vec<&str> = {
            let mut t: Vec<&str> = targets.iter().map(|(n, _, _)| n.as_str()).collect();
            t.dedup();
            t
        };
        let kind = b.kind_of(name).unwrap_or(NodeKind::Service);
        let link_kind = proxy_link_kind(&mut b, name, kind, &fronts, &place);
        for (target, at, from_env) in targets {
            let Some(to) = b.id_of(&target).map(str::to_string) else {
                b.note(at, NoteKind::NoSuchService { name: target });
                continue;
            };
            if !b.link(&from, &to, link_kind, &at) {
                continue;
            }
            if from_env {
                b.note(
                    &at,
                    NoteKind::NamesService {
                        name: target.clone(),
                    },
                );
            }
            if b.kind_of(&target) == Some(NodeKind::Queue) {
                b.note(
                    &at,
                    NoteKind::QueueAsRequires {
                        queue: target.clone(),
                        service: name.clone(),
                    },
                );
            }
        }
        if spec.get("ports").is_some_and(|p| !is_empty(p)) {
            b.entry(&from, &format!("{place}.ports"));
        }
    }
    b.finish(top.get("name").and_then(Value::as_str).map(str::to_string))
}

/// How a proxy reaches what it fronts; turns a load balancer fronting several
/// services into a gateway.
fn proxy_link_kind(
    b: &mut Builder,
    name: &str,
    kind: NodeKind,
    fronts: &[&str],
    place: &str,
) -> LinkKind {
    if kind != NodeKind::LoadBalancer {
        return LinkKind::Requires;
    }
    let mut distinct: Vec<&str> = fronts.to_vec();
    crate::sorting::sort(&mut distinct);
    distinct.dedup();
    if distinct.len() > 1 {
        b.retype(name, NodeKind::Gateway);
        b.note(place, NoteKind::ProxyAsGateway);
        LinkKind::Route
    } else {
        LinkKind::Pool
    }
}

fn replicas(b: &mut Builder, id: &str, value: &Value, place: &str) {
    match value.as_i64() {
        Some(n) => b.set_replicas(id, n, place),
        None => b.note(place, NoteKind::ReplicasNotWhole),
    }
}

/// The services named by `depends_on` (a list, or a map whose keys are the
/// names) or `links` (`name` or `name:alias`), with their places.
fn dependency_names(b: &mut Builder, value: &Value, place: &str) -> Vec<(String, String)> {
    match value {
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match item.as_str() {
                Some(s) => Some((
                    s.split(':').next().unwrap_or(s).to_string(),
                    format!("{place}[{i}]"),
                )),
                None => {
                    b.note(format!("{place}[{i}]"), NoteKind::NotAServiceName);
                    None
                }
            })
            .collect(),
        Value::Mapping(m) => m
            .keys()
            .map(|k| {
                let k = key_text(k);
                let at = format!("{place}.{k}");
                (k, at)
            })
            .collect(),
        _ => {
            b.note(place, NoteKind::NotListOrMapping);
            Vec::new()
        }
    }
}

/// An `environment` as (variable, value) pairs: a map, or a list of `VAR=value`.
fn environment(value: &Value) -> Vec<(String, String)> {
    match value {
        Value::Mapping(m) => m
            .iter()
            .filter_map(|(k, v)| Some((key_text(k), scalar_text(v)?)))
            .collect(),
        Value::Sequence(items) => items
            .iter()
            .filter_map(Value::as_str)
            .filter_map(|s| s.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        _ => Vec::new(),
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Sequence(s) => s.is_empty(),
        Value::Null => true,
        _ => false,
    }
}

/// A scalar as text (strings, numbers, booleans).
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A mapping key as text, whatever its YAML type.
pub(crate) fn key_text(key: &Value) -> String {
    scalar_text(key).unwrap_or_else(|| "?".to_string())
}
