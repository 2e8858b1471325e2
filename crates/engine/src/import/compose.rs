//! docker-compose files (YAML, or the JSON of `docker compose config
//! --format json`): each service a node, its kind guessed from its image (or,
//! when the image says nothing, is a variable or is built here, from its name),
//! `deploy.replicas` (or the older `scale`) its replicas, `depends_on` (list or
//! map form), `links`, `network_mode: service:x` and environment values naming
//! another service as a host its links, and services publishing `ports` the
//! entry points behind one client (with none, the services nothing calls).
//!
//! Choices, each said in a note where it applies:
//! - a proxy image (nginx, traefik, haproxy, envoy) is a load balancer when
//!   it fronts one service (its links `pool`), a gateway when several (`route`);
//! - every dependency is `requires`, a queue's included: compose cannot tell
//!   a publisher from a consumer, and publishing is a `requires` link (docs/spec/model.md §1.2);
//!   `required: false` is `optional`, and `condition:
//!   service_completed_successfully` (a one-shot job run before) no link;
//! - a service only in `profiles` is left out, as `docker compose up` does;
//! - keys that do not change the topology (volumes, healthcheck, ...) are
//!   passed over in silence; others not understood are noted.

use std::collections::HashSet;

use super::yaml::Value;

use super::builder::Builder;
use super::guess::{guess, hosts_named, image_for_guess, Guess, Names};
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
    let all: Vec<(String, &Value)> = services.iter().map(|(k, v)| (key_text(k), v)).collect();
    // Services only in profiles are left out, as `docker compose up` does,
    // unless every service is in one (then the file is all profiles).
    let in_profile = |spec: &Value| spec.get("profiles").is_some_and(|p| !is_empty(p));
    let every = all.iter().all(|(_, spec)| in_profile(spec));
    let mut left_out = HashSet::new();
    let mut kept = Vec::new();
    for (name, spec) in all {
        if !every && in_profile(spec) {
            let profiles = profile_names(spec);
            b.note(
                format!("services.{name}"),
                NoteKind::ProfileOnly { profiles },
            );
            left_out.insert(name);
        } else {
            kept.push((name, spec));
        }
    }
    // Nodes first, so links may name a service defined further down.
    for (name, spec) in &kept {
        add_service(&mut b, name, spec);
    }
    let names = Names::new(kept.iter().map(|(n, _)| n.as_str()));
    for (name, spec) in &kept {
        link_service(&mut b, name, spec, &names, &left_out);
    }
    if !b.has_client() {
        for (name, _) in &kept {
            if let Some(id) = b.id_of(name).map(str::to_string) {
                b.entry_if_uncalled(&id, None, &format!("services.{name}"));
            }
        }
    }
    b.finish(top.get("name").and_then(Value::as_str).map(str::to_string))
}

/// The profiles a service is in, as `a` or `a, b`.
fn profile_names(spec: &Value) -> String {
    match spec.get("profiles") {
        Some(Value::Sequence(items)) => items
            .iter()
            .filter_map(scalar_text)
            .collect::<Vec<_>>()
            .join(", "),
        Some(v) => scalar_text(v).unwrap_or_default(),
        None => String::new(),
    }
}

/// A node's kind from its image, else from its name (a variable image, a
/// custom build), said in a note; a tool beside a store is a service.
pub(crate) fn guess_kind(
    b: &mut Builder,
    name: &str,
    image: Option<&str>,
    place: &str,
    at_image: &str,
) -> NodeKind {
    match image.and_then(image_for_guess).map(|i| (i, guess(i, true))) {
        Some((i, Guess::Kind(kind))) => {
            b.note(
                at_image,
                NoteKind::KindFromImage {
                    kind,
                    image: Some(i.to_string()),
                },
            );
            kind
        }
        Some((i, Guess::Tool)) => {
            b.note(
                at_image,
                NoteKind::Tool {
                    image: i.to_string(),
                },
            );
            NodeKind::Service
        }
        _ => match guess(name, false) {
            Guess::Kind(kind) if image.is_none() => {
                b.note(place, NoteKind::NoImageKindFromName { kind });
                kind
            }
            Guess::Kind(kind) => {
                b.note(place, NoteKind::KindFromName { kind });
                kind
            }
            _ => NodeKind::Service,
        },
    }
}

/// The node of service `name`, with its replicas; unknown keys noted.
fn add_service(b: &mut Builder, name: &str, spec: &Value) {
    let place = format!("services.{name}");
    let image = spec.get("image").and_then(Value::as_str);
    let kind = guess_kind(b, name, image, &place, &format!("{place}.image"));
    let Some(id) = b.add_node(name, kind, &place) else {
        return;
    };
    if let Some(image) = image {
        b.set_extra(&id, "image", image.into());
    }
    if !spec.is_mapping() && !spec.is_null() {
        b.note(&place, NoteKind::ServiceNotMapping);
        return;
    }
    if let Some(r) = spec.get("deploy").and_then(|d| d.get("replicas")) {
        replicas(b, &id, r, &format!("{place}.deploy.replicas"));
    } else if let Some(r) = spec.get("scale") {
        replicas(b, &id, r, &format!("{place}.scale"));
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
                "network_mode",
            ];
            if !known.contains(&key.as_str()) && !SILENT_KEYS.contains(&key.as_str()) {
                b.note(format!("{place}.{key}"), NoteKind::NotUnderstood);
            }
        }
    }
}

/// A link service `name` draws, before it is drawn.
struct Target {
    name: String,
    place: String,
    kind: Option<LinkKind>,
    /// Why, when the file does not say it outright.
    note: Option<NoteKind>,
}

/// The links of service `name`: `depends_on`, `links`, `network_mode` and
/// environment values naming a host; and its entry when it publishes ports.
fn link_service(
    b: &mut Builder,
    name: &str,
    spec: &Value,
    names: &Names<'_>,
    left_out: &HashSet<String>,
) {
    let place = format!("services.{name}");
    let Some(from) = b.id_of(name).map(str::to_string) else {
        return;
    };
    let targets = targets(b, name, spec, names, &place);
    // A proxy's store (Kong's database) is a requirement, not a route.
    let is_store = |b: &Builder, target: &str| {
        matches!(
            b.kind_of(target),
            Some(NodeKind::Database | NodeKind::Cache | NodeKind::Queue)
        )
    };
    let fronts: Vec<&str> = targets
        .iter()
        .filter(|t| !is_store(b, &t.name))
        .map(|t| t.name.as_str())
        .collect();
    let kind = b.kind_of(name).unwrap_or(NodeKind::Service);
    let proxy_kind = proxy_link_kind(b, name, kind, &fronts, &place);
    for t in targets {
        let Some(to) = b.id_of(&t.name).map(str::to_string) else {
            let kind = match left_out.contains(&t.name) {
                true => NoteKind::LeftOutService { name: t.name },
                false => NoteKind::NoSuchService { name: t.name },
            };
            b.note(t.place, kind);
            continue;
        };
        let kind = match t.kind {
            Some(kind) => kind,
            None if is_store(b, &t.name) => LinkKind::Requires,
            None => proxy_kind,
        };
        if !b.link(&from, &to, kind, &t.place) {
            continue;
        }
        if let Some(note) = t.note {
            b.note(&t.place, note);
        }
        if b.kind_of(&t.name) == Some(NodeKind::Queue) && t.kind.is_none() {
            b.note(
                &t.place,
                NoteKind::QueueAsRequires {
                    queue: t.name.clone(),
                    service: name.to_string(),
                },
            );
        }
    }
    if spec.get("ports").is_some_and(|p| !is_empty(p)) {
        b.entry(&from, &format!("{place}.ports"));
    }
}

/// What service `name` links to, in the file's order.
fn targets(
    b: &mut Builder,
    name: &str,
    spec: &Value,
    names: &Names<'_>,
    place: &str,
) -> Vec<Target> {
    let mut targets = Vec::new();
    for key in ["depends_on", "links"] {
        if let Some(v) = spec.get(key) {
            targets.extend(dependencies(b, v, &format!("{place}.{key}")));
        }
    }
    if let Some(mode) = spec.get("network_mode").and_then(Value::as_str) {
        let at = format!("{place}.network_mode");
        if let Some(other) = mode.strip_prefix("service:") {
            targets.push(Target {
                name: other.to_string(),
                place: at,
                kind: Some(LinkKind::Requires),
                note: Some(NoteKind::SharesNetwork {
                    name: other.to_string(),
                }),
            });
        } else if !["host", "bridge", "none", "default"].contains(&mode) {
            b.note(at, NoteKind::NotUnderstood);
        }
    }
    if let Some(env) = spec.get("environment") {
        for (var, value) in environment(env) {
            for host in hosts_named(Some(&var), &value, names) {
                if host != name {
                    targets.push(Target {
                        name: host.to_string(),
                        place: format!("{place}.environment.{var}"),
                        kind: None,
                        note: Some(NoteKind::NamesService {
                            name: host.to_string(),
                        }),
                    });
                }
            }
        }
    }
    targets
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
    match kind {
        NodeKind::Gateway => return LinkKind::Route,
        NodeKind::LoadBalancer => {}
        _ => return LinkKind::Requires,
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
/// names, with `required` and `condition`) or `links` (`name` or
/// `name:alias`), with their places and link kinds.
fn dependencies(b: &mut Builder, value: &Value, place: &str) -> Vec<Target> {
    let plain = |name: String, place: String| Target {
        name,
        place,
        kind: None,
        note: None,
    };
    match value {
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match item.as_str() {
                Some(s) => Some(plain(
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
            .iter()
            .filter_map(|(k, v)| {
                let name = key_text(k);
                let at = format!("{place}.{name}");
                let condition = v.get("condition").and_then(Value::as_str);
                if condition == Some("service_completed_successfully") {
                    b.note(at, NoteKind::RunsBefore { name });
                    return None;
                }
                if v.get("required").and_then(Value::as_bool) == Some(false) {
                    return Some(Target {
                        kind: Some(LinkKind::Optional),
                        note: Some(NoteKind::OptionalDependency { name: name.clone() }),
                        name,
                        place: at,
                    });
                }
                Some(plain(name, at))
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
