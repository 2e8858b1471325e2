//! Kubernetes manifests, one or more YAML documents, or the JSON of `kubectl
//! get -o json` (a `List`'s `items` too):
//! - a Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController
//!   or bare Pod is a node with `spec.replicas`, its kind guessed from its
//!   main container's image (the one named like the workload or by the
//!   `kubectl.kubernetes.io/default-container` annotation, else the first that
//!   is not a proxy or a tool beside it), else from the workload's name;
//!   a Job or CronJob runs to completion and is noted, not drawn;
//! - a Service is the name the others reach a workload by: its `selector`
//!   picks the workloads whose pod labels match; a Service selecting several
//!   becomes a load balancer pooling them;
//! - an Ingress is the entry point behind one client, a load balancer when it
//!   routes to one Service, a gateway when to several; with no Ingress, a
//!   Service of type LoadBalancer or NodePort is an entry point; with neither,
//!   each workload a Service serves that nothing here calls;
//! - an environment value, or a ConfigMap value the container reads (by
//!   `env`, `envFrom` or a mounted volume), naming a Service as a host
//!   (`orders:8080`, `http://orders.shop.svc.cluster.local`, `ORDERS_HOST:
//!   orders`) is a `requires` link, said in a note naming the workload;
//! - a pod template spreading its pods over zones (`topologySpreadConstraints`
//!   or pod anti-affinity on `topology.kubernetes.io/zone`) puts the node's
//!   instances in generic zones, `zone-1` to `zone-3` at most, said in a note;
//!   no other workload is put in a zone ([`super::spread`]);
//! - any other object is noted and left out.

use std::collections::HashMap;

use super::yaml::{Mapping, Value};

use super::builder::Builder;
use super::compose::{guess_kind, key_text, scalar_text};
use super::guess::{guess, hosts_named, Guess, Names};
use super::spread::{zone_spread, Spread};
use super::{yaml_documents, ImportError, Imported, NoteKind};
use crate::document::{LinkKind, NodeKind};

/// The zones a workload spread over zones is drawn in, at most: a cloud
/// region's usual count (the manifests name no zone).
const ASSUMED_ZONES: usize = 3;

/// A value a workload reads: its place, the name it is read under (an
/// environment variable or a ConfigMap key; none for a mounted file), its text.
type Read = (String, Option<String>, String);

/// A ConfigMap's data: (key, place, value).
type Data = Vec<(String, String, String)>;

struct Workload {
    name: String,
    place: String,
    kind: NodeKind,
    replicas: Option<(i64, String)>,
    labels: Mapping,
    env: Vec<Read>,
    /// ConfigMaps read whole (`envFrom`) and mounted (`volumes`), with
    /// whether mounted (as files, whose keys are file names).
    config_maps: Vec<(String, bool)>,
    /// ConfigMap keys read one by one: (ConfigMap, key, variable, place).
    config_keys: Vec<(String, String, String, String)>,
    /// How its pods are spread over zones, if the manifests say so.
    spread: Option<Spread>,
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
    /// (name, its data).
    config_maps: Vec<(String, Data)>,
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
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "ReplicationController" => {
            let template = spec.and_then(|s| s.get("template"));
            let w = workload(b, name, &place, kind, spec, template);
            objects.workloads.push(w);
        }
        "Pod" => {
            let w = workload(b, name, &place, kind, None, Some(doc));
            objects.workloads.push(w);
        }
        "Job" | "CronJob" => b.note(place, NoteKind::BatchNotDrawn),
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
                            let key = key_text(k);
                            let at = format!("{place}.data.{key}");
                            Some((key, at, scalar_text(v)?))
                        })
                        .collect()
                })
                .unwrap_or_default();
            objects.config_maps.push((name.to_string(), values));
        }
        _ => b.note(place, NoteKind::ObjectNotDrawn),
    }
}

/// The index of a pod's main container: the one the
/// `kubectl.kubernetes.io/default-container` annotation names, else the one
/// named like the workload, else the first that is not a proxy or a tool
/// (an nginx or envoy sidecar, an exporter), else the first.
fn main_container(name: &str, template: Option<&Value>, containers: &[Value]) -> usize {
    let named = |wanted: &str| {
        containers
            .iter()
            .position(|c| c.get("name").and_then(Value::as_str) == Some(wanted))
    };
    let annotated = template
        .and_then(|t| t.get("metadata"))
        .and_then(|m| m.get("annotations"))
        .and_then(|a| a.get("kubectl.kubernetes.io/default-container"))
        .and_then(Value::as_str);
    let plain = || {
        containers.iter().position(|c| {
            let image = c.get("image").and_then(Value::as_str).unwrap_or("");
            !matches!(
                guess(image, true),
                Guess::Tool | Guess::Kind(NodeKind::LoadBalancer) | Guess::Kind(NodeKind::Gateway)
            )
        })
    };
    annotated
        .and_then(named)
        .or_else(|| named(name))
        .or_else(plain)
        .unwrap_or(0)
}

fn workload(
    b: &mut Builder,
    name: &str,
    place: &str,
    kind: &str,
    spec: Option<&Value>,
    template: Option<&Value>,
) -> Workload {
    let labels = template
        .and_then(|t| t.get("metadata"))
        .and_then(|m| m.get("labels"))
        .and_then(Value::as_mapping)
        .cloned()
        .unwrap_or_default();
    let pod = template.and_then(|t| t.get("spec"));
    let containers = pod
        .and_then(|s| s.get("containers"))
        .and_then(Value::as_sequence)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let main = main_container(name, template, containers);
    let image = containers
        .get(main)
        .and_then(|c| c.get("image"))
        .and_then(Value::as_str);
    let at_image = format!("{place}.containers[{main}].image");
    let node_kind = guess_kind(b, name, image, place, &at_image);
    let mut w = Workload {
        name: name.to_string(),
        place: place.to_string(),
        kind: node_kind,
        replicas: None,
        labels,
        env: Vec::new(),
        config_maps: Vec::new(),
        config_keys: Vec::new(),
        spread: None,
    };
    for (c, container) in containers.iter().enumerate() {
        read_container(&mut w, container, &format!("{place}.containers[{c}]"));
    }
    for volume in pod
        .and_then(|p| p.get("volumes"))
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
    {
        let projected = volume
            .get("projected")
            .and_then(|p| p.get("sources"))
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten();
        for source in std::iter::once(volume).chain(projected) {
            if let Some(cm) = source
                .get("configMap")
                .and_then(|c| c.get("name"))
                .and_then(Value::as_str)
            {
                w.config_maps.push((cm.to_string(), true));
            }
        }
    }
    if containers.len() > 1 {
        let main = containers
            .get(main)
            .and_then(|c| c.get("name"))
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string();
        let count = containers.len();
        b.note(place, NoteKind::Containers { count, main });
    }
    w.replicas = replicas(b, place, kind, spec);
    w.spread = zone_spread(pod, &w.labels, place);
    w
}

/// A container's environment values and the ConfigMaps it reads.
fn read_container(w: &mut Workload, container: &Value, at: &str) {
    for var in container
        .get("env")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
    {
        let var_name = var.get("name").and_then(Value::as_str).unwrap_or("?");
        if let Some(value) = var.get("value").and_then(scalar_text) {
            let place = format!("{at}.env.{var_name}");
            w.env.push((place, Some(var_name.to_string()), value));
        }
        let key_ref = var.get("valueFrom").and_then(|v| v.get("configMapKeyRef"));
        let cm = key_ref.and_then(|r| r.get("name")).and_then(Value::as_str);
        let key = key_ref.and_then(|r| r.get("key")).and_then(Value::as_str);
        if let (Some(cm), Some(key)) = (cm, key) {
            w.config_keys.push((
                cm.to_string(),
                key.to_string(),
                var_name.to_string(),
                format!("{at}.env.{var_name}"),
            ));
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
            w.config_maps.push((cm.to_string(), false));
        }
    }
}

/// A workload's replicas with their place; a DaemonSet's said in a note.
fn replicas(
    b: &mut Builder,
    place: &str,
    kind: &str,
    spec: Option<&Value>,
) -> Option<(i64, String)> {
    if kind == "DaemonSet" {
        b.note(place, NoteKind::DaemonSet);
        return None;
    }
    let r = spec.and_then(|s| s.get("replicas"))?;
    match r.as_i64() {
        Some(n) => Some((n, format!("{place}.spec.replicas"))),
        None => {
            b.note(format!("{place}.spec.replicas"), NoteKind::ReplicasNotWhole);
            None
        }
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

/// What each Service's name reaches (node ids), in the Services' order.
type Reach = Vec<(String, Vec<String>)>;

fn build(mut b: Builder, objects: Objects) -> Result<Imported, ImportError> {
    for w in &objects.workloads {
        if let Some(id) = b.add_node(&w.name, w.kind, &w.place) {
            if let Some((n, at)) = &w.replicas {
                b.set_replicas(&id, *n, at);
            }
            if let Some(s) = &w.spread {
                let zones = b.spread_over_zones(&id, ASSUMED_ZONES);
                let (rule, key, preferred) = (s.rule.clone(), s.key.clone(), s.preferred);
                b.note(
                    &s.place,
                    NoteKind::ZonesFromSpread {
                        rule,
                        key,
                        zones,
                        preferred,
                    },
                );
            }
        }
    }
    let reach = services(&mut b, &objects);
    let by_name: HashMap<&str, &Vec<String>> = reach.iter().map(|(n, t)| (n.as_str(), t)).collect();
    let names = Names::new(reach.iter().map(|(n, _)| n.as_str()));
    let config_maps: HashMap<&str, &Data> = objects
        .config_maps
        .iter()
        .map(|(n, d)| (n.as_str(), d))
        .collect();
    for w in &objects.workloads {
        let Some(from) = b.id_of(&w.name).map(str::to_string) else {
            continue;
        };
        for (at, var, value) in reads(&mut b, w, &config_maps) {
            for host in hosts_named(var.as_deref(), &value, &names) {
                for to in by_name.get(host).copied().into_iter().flatten() {
                    if *to != from && b.link(&from, to, LinkKind::Requires, &at) {
                        let name = host.to_string();
                        let from = w.name.clone();
                        b.note(&at, NoteKind::NamesK8sService { name, from });
                    }
                }
            }
        }
    }
    entries(&mut b, &objects, &reach, &by_name);
    for (name, _) in &objects.config_maps {
        let used = objects.workloads.iter().any(|w| {
            w.config_maps.iter().any(|(n, _)| n == name)
                || w.config_keys.iter().any(|(n, ..)| n == name)
        });
        if !used {
            b.note(format!("ConfigMap {name}"), NoteKind::UnusedConfigMap);
        }
    }
    b.finish(None)
}

/// Every value workload `w` reads: its environment, and the ConfigMap values
/// it reads by key, whole or as mounted files; a ConfigMap not among the
/// manifests noted.
fn reads(b: &mut Builder, w: &Workload, config_maps: &HashMap<&str, &Data>) -> Vec<Read> {
    let mut values = w.env.clone();
    let missing = |b: &mut Builder, cm: &str| {
        let name = cm.to_string();
        b.note(&w.place, NoteKind::MissingConfigMap { name });
    };
    for (cm, mounted) in &w.config_maps {
        match config_maps.get(cm.as_str()) {
            Some(data) => values.extend(data.iter().map(|(key, at, value)| {
                let var = (!mounted).then(|| key.clone());
                (at.clone(), var, value.clone())
            })),
            None => missing(b, cm),
        }
    }
    for (cm, key, var, _) in &w.config_keys {
        match config_maps.get(cm.as_str()) {
            Some(data) => values.extend(
                data.iter()
                    .filter(|(k, ..)| k == key)
                    .map(|(_, at, value)| (at.clone(), Some(var.clone()), value.clone())),
            ),
            None => missing(b, cm),
        }
    }
    values
}

/// Each Service's reach: the one workload it selects, or a load balancer
/// pooling the several it selects.
fn services(b: &mut Builder, objects: &Objects) -> Reach {
    let mut reach = Reach::new();
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
    reach
}

/// The entry points: Ingresses; else Services exposed outside the cluster;
/// else the workloads a Service serves that nothing here calls.
fn entries(
    b: &mut Builder,
    objects: &Objects,
    reach: &Reach,
    by_name: &HashMap<&str, &Vec<String>>,
) {
    let targets_of = |name: &str| by_name.get(name).map(|t| t.to_vec()).unwrap_or_default();
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
        let services = distinct.len();
        b.note(&ing.place, NoteKind::IngressEntry { kind, services });
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
    if !b.has_client() {
        for (service, targets) in reach {
            let place = objects
                .services
                .iter()
                .find(|s| &s.name == service)
                .map_or(String::new(), |s| s.place.clone());
            for to in targets {
                b.entry_if_uncalled(to, Some(service), &place);
            }
        }
    }
}
