//! Kubernetes pods spread over zones (docs/spec/model.md §8 and its import
//! decisions): a `topologySpreadConstraints` entry, or a pod anti-affinity
//! term (required or preferred), on the zone label
//! (`topology.kubernetes.io/zone`, or the older
//! `failure-domain.beta.kubernetes.io/zone`) whose selector picks the
//! workload's own pods. Any other key (a host, a region) or a selector
//! picking other pods says nothing about this workload's zones.

use super::compose::scalar_text;
use super::yaml::{Mapping, Value};

/// The labels that name a cluster node's zone.
const ZONE_KEYS: [&str; 2] = [
    "topology.kubernetes.io/zone",
    "failure-domain.beta.kubernetes.io/zone",
];

/// How the manifests spread a workload's pods over zones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spread {
    /// Where the rule is, for the note.
    pub place: String,
    /// The zone label it names.
    pub key: String,
    /// `topologySpreadConstraints` or `podAntiAffinity`.
    pub rule: String,
    /// A preference the scheduler may break (`ScheduleAnyway`, or a
    /// `preferredDuringScheduling...` term), rather than a requirement.
    pub preferred: bool,
}

/// The first rule in pod spec `pod` that spreads pods labelled `labels` over
/// zones: spread constraints first, then required anti-affinity, then preferred.
pub fn zone_spread(pod: Option<&Value>, labels: &Mapping, place: &str) -> Option<Spread> {
    let pod = pod?;
    let list = |v: Option<&Value>| v.and_then(Value::as_sequence).cloned().unwrap_or_default();
    for (i, c) in list(pod.get("topologySpreadConstraints"))
        .iter()
        .enumerate()
    {
        let soft = c.get("whenUnsatisfiable").and_then(Value::as_str) == Some("ScheduleAnyway");
        let at = format!("{place}.topologySpreadConstraints[{i}]");
        if let Some(s) = term(c, labels, at, "topologySpreadConstraints", soft) {
            return Some(s);
        }
    }
    let anti = pod.get("affinity").and_then(|a| a.get("podAntiAffinity"));
    let required = "requiredDuringSchedulingIgnoredDuringExecution";
    for (i, t) in list(anti.and_then(|a| a.get(required))).iter().enumerate() {
        let at = format!("{place}.affinity.podAntiAffinity.{required}[{i}]");
        if let Some(s) = term(t, labels, at, "podAntiAffinity", false) {
            return Some(s);
        }
    }
    let preferred = "preferredDuringSchedulingIgnoredDuringExecution";
    for (i, t) in list(anti.and_then(|a| a.get(preferred))).iter().enumerate() {
        let at = format!("{place}.affinity.podAntiAffinity.{preferred}[{i}]");
        let term_of = t.get("podAffinityTerm");
        if let Some(s) = term_of.and_then(|t| term(t, labels, at, "podAntiAffinity", true)) {
            return Some(s);
        }
    }
    None
}

/// A constraint or an anti-affinity term, when it is on a zone key and its
/// `labelSelector` picks pods labelled `labels`.
fn term(t: &Value, labels: &Mapping, place: String, rule: &str, preferred: bool) -> Option<Spread> {
    let key = t.get("topologyKey").and_then(Value::as_str)?;
    if !ZONE_KEYS.contains(&key) {
        return None;
    }
    let selector = t.get("labelSelector")?;
    selects(selector, labels).then(|| Spread {
        place,
        key: key.to_string(),
        rule: rule.to_string(),
        preferred,
    })
}

/// Whether a Kubernetes label selector (`matchLabels`, `matchExpressions`
/// with `In`, `NotIn`, `Exists`, `DoesNotExist`) picks pods labelled `labels`;
/// an empty selector picks every pod, anything not understood none.
fn selects(selector: &Value, labels: &Mapping) -> bool {
    let Some(selector) = selector.as_mapping() else {
        return false;
    };
    let own = |key: &str| labels.get(key).and_then(scalar_text);
    let by_label = selector
        .get("matchLabels")
        .and_then(Value::as_mapping)
        .into_iter()
        .flat_map(Mapping::iter)
        .all(|(k, v)| {
            let key = scalar_text(k).unwrap_or_default();
            own(&key).is_some_and(|o| Some(o) == scalar_text(v))
        });
    let by_expression = selector
        .get("matchExpressions")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .all(|e| {
            let key = e.get("key").and_then(Value::as_str).unwrap_or_default();
            let values: Vec<String> = e
                .get("values")
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
                .filter_map(scalar_text)
                .collect();
            let value = own(key);
            match e.get("operator").and_then(Value::as_str) {
                Some("In") => value.is_some_and(|v| values.contains(&v)),
                Some("NotIn") => value.is_none_or(|v| !values.contains(&v)),
                Some("Exists") => value.is_some(),
                Some("DoesNotExist") => value.is_none(),
                _ => false,
            }
        });
    by_label && by_expression
}
