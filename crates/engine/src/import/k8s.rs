//! Kubernetes manifests, one or more YAML documents (a `List`'s
//! `items` too):
//! - a Deployment, StatefulSet, DaemonSet or ReplicaSet is a node with
//!   `spec.replicas`, its kind guessed from its containers' images;
//! - a Service is the name the others reach a workload by: its `selector`
//!   picks the workloads whose pod labels match; a Service selecting several
//!   becomes a load balancer pooling them;
//! - an Ingress is the entry point behind one client, a load balancer when it
//!   routes to one Service, a gateway when to several; with no Ingress, a
//!   Service of type LoadBalancer or NodePort is an entry point;
//! - an environment value, or a value of a ConfigMap the container reads,
//!   naming a Service (`orders`, `orders:8080`, `http://orders.shop.svc.cluster.local`)
//!   is a `requires` link, said in a note;
//! - any other object is noted and left out.

use super::yaml::{Mapping, Value};

use super::builder::Builder;
use super::compose::{key_text, scalar_text};
use super::guess::{hosts_named, kind_from_image};
use super::{yaml_documents, ImportError, Imported, NoteKind};
use crate::document::{LinkKind, NodeKind};

struct Workload {
    name: String,
    place: String,
    kind: NodeKind,
    replicas: Option<(i64, String)>,
    labels: Mapping,
    /// (place, value) of every environment value.
    env: Vec<(String, String)>,
    config_maps: Vec<String>,
}

struct Service {
    name: String,
    place: String,
    selector: Option<Mapping>,
    exposed: bool,
}

struct Ingress {
    name: String,
    place: String,
    /// (Service name, place).
    backends: Vec<(String, String)>,
}

#[derive(Default)]
struct Objects {
    workloads: Vec<Workload>,
    services: Vec<Service>,
    ingresses: Vec<Ingress>,
    /// (name, [(place, value)]).
    config_maps: Vec<(String, Vec<(String, String)>)>,
}

/// The diagram a set of Kubernetes manifests describes.
pub fn import(text: &str) -> Result<Imported, ImportError> {
    let docs = yaml_documents(text)?;
    let mut b = Builder::new();
    let mut objects = Objects::default();
    for (i, doc) in docs.iter().enumerate() {
        let place = format!("documents[{i}]");
        if doc.is_null() {
            continue;
        }
        if doc.get("kind").and_then(Value::as_str) == Some("List") {
            if let Some(items) = doc.get("items").and_then(Value::as_sequence) {
                for (j, item) in items.iter().enumerate() {
                    read_object(&mut b, &mut objects, item, format!("{place}.items[{j}]"));
                }
            }
            continue;
        }
        read_object(&mut b, &mut objects, doc, place);
    }
    build(b, objects)
}

fn read_object(b: &mut Builder, objects: &mut Objects, doc: &Value, place: String) {
    let kind = doc.get("kind").and_then(Value::as_str).unwrap_or("");
    let Some(name) = doc
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(Value::as_str)
    else {
        b.note(place, NoteKind::NoKindOrName);
        return;
    };
    let place = format!("{place} ({kind} {name})");
    let spec = doc.get("spec");
    match kind {
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" => {
            objects
                .workloads
                .push(workload(b, name, &place, kind, spec));
        }
        "Service" => objects.services.push(Service {
            name: name.to_string(),
            place,
            selector: spec
                .and_then(|s| s.get("selector"))
                .and_then(Value::as_mapping)
                .cloned(),
            exposed: matches!(
                spec.and_then(|s| s.get("type")).and_then(Value::as_str),
                Some("LoadBalancer" | "NodePort")
            ),
        }),
        "Ingress" => objects.ingresses.push(Ingress {
            name: name.to_string(),
            backends: ingress_backends(spec, &place),
            place,
        }),
        "ConfigMap" => {
            let values = doc
                .get("data")
                .and_then(Value::as_mapping)
                .map(|m| {
                    m.iter()
                        .filter_map(|(k, v)| {
                            Some((format!("{place}.data.{}", key_text(k)), scalar_text(v)?))
                        })
                        .collect()
                })
                .unwrap_or_default();
            objects.config_maps.push((name.to_string(), values));
        }
        _ => b.note(place, NoteKind::ObjectNotDrawn),
    }
}

fn workload(
    b: &mut Builder,
    name: &str,
    place: &str,
    kind: &str,
    spec: Option<&Value>,
) -> Workload {
    let template = spec.and_then(|s| s.get("template"));
    let labels = template
        .and_then(|t| t.get("metadata"))
        .and_then(|m| m.get("labels"))
        .and_then(Value::as_mapping)
        .cloned()
        .unwrap_or_default();
    let containers = template
        .and_then(|t| t.get("spec"))
        .and_then(|s| s.get("containers"))
        .and_then(Value::as_sequence)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut node_kind = None;
    let mut env = Vec::new();
    let mut config_maps = Vec::new();
    for (c, container) in containers.iter().enumerate() {
        let at = format!("{place}.containers[{c}]");
        if let Some(image) = container.get("image").and_then(Value::as_str) {
            node_kind = node_kind.or(kind_from_image(image));
        }
        for var in container
            .get("env")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
        {
            let var_name = var.get("name").and_then(Value::as_str).unwrap_or("?");
            if let Some(value) = var.get("value").and_then(scalar_text) {
                env.push((format!("{at}.env.{var_name}"), value));
            }
            if let Some(cm) = var
                .get("valueFrom")
                .and_then(|v| v.get("configMapKeyRef"))
                .and_then(|r| r.get("name"))
                .and_then(Value::as_str)
            {
                config_maps.push(cm.to_string());
            }
        }
        for from in container
            .get("envFrom")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
        {
            if let Some(cm) = from
                .get("configMapRef")
                .and_then(|r| r.get("name"))
                .and_then(Value::as_str)
            {
                config_maps.push(cm.to_string());
            }
        }
    }
    if containers.len() > 1 {
        b.note(
            place,
            NoteKind::Containers {
                count: containers.len(),
            },
        );
    }
    let replicas = match kind {
        "DaemonSet" => {
            b.note(place, NoteKind::DaemonSet);
            None
        }
        _ => match spec.and_then(|s| s.get("replicas")) {
            Some(r) => match r.as_i64() {
                Some(n) => Some((n, format!("{place}.spec.replicas"))),
                None => {
                    b.note(format!("{place}.spec.replicas"), NoteKind::ReplicasNotWhole);
                    None
                }
            },
            None => None,
        },
    };
    Workload {
        name: name.to_string(),
        place: place.to_string(),
        kind: node_kind.unwrap_or(NodeKind::Service),
        replicas,
        labels,
        env,
        config_maps,
    }
}

/// The Services an Ingress sends to: its rules' paths and its default backend
/// (`networking.k8s.io/v1` `service.name`, or the older `serviceName`).
fn ingress_backends(spec: Option<&Value>, place: &str) -> Vec<(String, String)> {
    let backend_name = |backend: &Value| {
        backend
            .get("service")
            .and_then(|s| s.get("name"))
            .or_else(|| backend.get("serviceName"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let mut out = Vec::new();
    let Some(spec) = spec else { return out };
    for key in ["defaultBackend", "backend"] {
        if let Some(name) = spec.get(key).and_then(backend_name) {
            out.push((name, format!("{place}.spec.{key}")));
        }
    }
    for (r, rule) in spec
        .get("rules")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .enumerate()
    {
        for (p, path) in rule
            .get("http")
            .and_then(|h| h.get("paths"))
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
            .enumerate()
        {
            if let Some(name) = path.get("backend").and_then(backend_name) {
                out.push((name, format!("{place}.spec.rules[{r}].http.paths[{p}]")));
            }
        }
    }
    out
}

fn build(mut b: Builder, objects: Objects) -> Result<Imported, ImportError> {
    for w in &objects.workloads {
        if let Some(id) = b.add_node(&w.name, w.kind, &w.place) {
            if w.kind != NodeKind::Service {
                b.note(
                    &w.place,
                    NoteKind::KindFromImage {
                        kind: w.kind,
                        image: None,
                    },
                );
            }
            if let Some((n, at)) = &w.replicas {
                b.set_replicas(&id, *n, at);
            }
        }
    }
    // What each Service's name reaches: node ids.
    let mut reach: Vec<(String, Vec<String>)> = Vec::new();
    for s in &objects.services {
        let Some(selector) = &s.selector else {
            b.note(&s.place, NoteKind::NoSelector);
            continue;
        };
        let picked: Vec<String> = objects
            .workloads
            .iter()
            .filter(|w| {
                !selector.is_empty() && selector.iter().all(|(k, v)| w.labels.get(k) == Some(v))
            })
            .filter_map(|w| b.id_of(&w.name).map(str::to_string))
            .collect();
        match picked.len() {
            0 => b.note(&s.place, NoteKind::SelectorMatchesNothing),
            1 => reach.push((s.name.clone(), picked)),
            _ => {
                let lb_name = format!("{}-service", s.name);
                if let Some(lb) = b.add_node(&lb_name, NodeKind::LoadBalancer, &s.place) {
                    b.note(&s.place, NoteKind::SelectsSeveral);
                    for id in &picked {
                        b.link(&lb, id, LinkKind::Pool, &s.place);
                    }
                    reach.push((s.name.clone(), vec![lb]));
                }
            }
        }
    }
    let service_names: Vec<&str> = reach.iter().map(|(n, _)| n.as_str()).collect();
    let targets_of = |name: &str| -> Vec<String> {
        reach
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    };
    for w in &objects.workloads {
        let Some(from) = b.id_of(&w.name).map(str::to_string) else {
            continue;
        };
        let mut values = w.env.clone();
        for cm in &w.config_maps {
            match objects.config_maps.iter().find(|(n, _)| n == cm) {
                Some((_, data)) => values.extend(data.iter().cloned()),
                None => b.note(&w.place, NoteKind::MissingConfigMap { name: cm.clone() }),
            }
        }
        for (at, value) in values {
            for host in hosts_named(&value, &service_names) {
                for to in targets_of(host) {
                    if to != from && b.link(&from, &to, LinkKind::Requires, &at) {
                        b.note(
                            &at,
                            NoteKind::NamesK8sService {
                                name: host.to_string(),
                            },
                        );
                    }
                }
            }
        }
    }
    for ing in &objects.ingresses {
        let mut distinct: Vec<&str> = ing.backends.iter().map(|(n, _)| n.as_str()).collect();
        crate::sorting::sort(&mut distinct);
        distinct.dedup();
        let (kind, link) = if distinct.len() > 1 {
            (NodeKind::Gateway, LinkKind::Route)
        } else {
            (NodeKind::LoadBalancer, LinkKind::Pool)
        };
        let Some(id) = b.add_node(&ing.name, kind, &ing.place) else {
            continue;
        };
        b.note(
            &ing.place,
            NoteKind::IngressEntry {
                kind,
                services: distinct.len(),
            },
        );
        b.entry(&id, &ing.place);
        for (svc, at) in &ing.backends {
            let targets = targets_of(svc);
            if targets.is_empty() {
                b.note(at, NoteKind::NoDrawnService { name: svc.clone() });
            }
            for to in targets {
                b.link(&id, &to, link, at);
            }
        }
    }
    if objects.ingresses.is_empty() {
        for s in objects.services.iter().filter(|s| s.exposed) {
            for to in targets_of(&s.name) {
                b.note(&s.place, NoteKind::Exposed);
                b.entry(&to, &s.place);
            }
        }
    }
    for (name, _) in &objects.config_maps {
        let used = objects
            .workloads
            .iter()
            .any(|w| w.config_maps.contains(name));
        if !used {
            b.note(format!("ConfigMap {name}"), NoteKind::UnusedConfigMap);
        }
    }
    b.finish(None)
}
