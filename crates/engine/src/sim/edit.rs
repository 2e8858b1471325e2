//! One `extra.sim` setting set from what a user typed (the inspector's
//! traffic fields): written where and as [`super::settings`] reads
//! it, checked by the same reader, so that a value the simulation would
//! refuse never reaches the document.
//!
//! An empty field is the default: the key is removed (and `sim`, and
//! `extra`, when nothing is left in them). A circuit breaker needs both of
//! its numbers, so setting one where there is no breaker yet fills the other
//! with [`DEFAULT_BREAKER`]'s, and emptying `failures` removes the breaker.

use serde_json::{Map, Value};

use super::settings::{read_settings, Breaker, SettingError, SettingProblem};
use crate::document::{Document, Extra};

/// What a breaker set from one of its fields starts with for the other.
pub const DEFAULT_BREAKER: Breaker = Breaker {
    failures: 5,
    open_ms: 10_000.0,
};

/// Whose `extra.sim` is edited: a node or a link, by index in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SimTarget {
    Node(usize),
    Link(usize),
}

impl SimTarget {
    /// `nodes[3].extra.sim`, `links[0].extra.sim`: where its problems are.
    pub fn path(self) -> String {
        match self {
            SimTarget::Node(i) => format!("nodes[{i}].extra.sim"),
            SimTarget::Link(i) => format!("links[{i}].extra.sim"),
        }
    }

    fn extra(self, doc: &Document) -> Option<&Option<Extra>> {
        match self {
            SimTarget::Node(i) => doc.nodes.get(i).map(|n| &n.extra),
            SimTarget::Link(i) => doc.links.get(i).map(|l| &l.extra),
        }
    }

    fn extra_mut(self, doc: &mut Document) -> Option<&mut Option<Extra>> {
        match self {
            SimTarget::Node(i) => doc.nodes.get_mut(i).map(|n| &mut n.extra),
            SimTarget::Link(i) => doc.links.get_mut(i).map(|l| &mut l.extra),
        }
    }
}

/// One setting the simulation reads (see [`super::settings`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SimKey {
    /// A node's `capacity`, requests per second per instance.
    Capacity,
    /// A node's `queue_limit`, requests waiting per instance.
    QueueLimit,
    /// A node's `latency_ms`, time per request.
    NodeLatency,
    /// A node's `mttr_s`, mean time to repair under chaos.
    Mttr,
    /// A link's `timeout_ms`.
    Timeout,
    /// A link's `retries`.
    Retries,
    /// A link's `backoff_ms`.
    Backoff,
    /// A link's `latency_ms`, each way.
    LinkLatency,
    /// A link's `breaker.failures`: consecutive failures that open it.
    BreakerFailures,
    /// A link's `breaker.open_ms`: how long it stays open before a probe.
    BreakerOpen,
}

impl SimKey {
    /// A node's settings, in the order a form shows them.
    pub const NODE: [SimKey; 4] = [
        SimKey::Capacity,
        SimKey::QueueLimit,
        SimKey::NodeLatency,
        SimKey::Mttr,
    ];
    /// A link's settings, in the order a form shows them.
    pub const LINK: [SimKey; 6] = [
        SimKey::Timeout,
        SimKey::Retries,
        SimKey::Backoff,
        SimKey::LinkLatency,
        SimKey::BreakerFailures,
        SimKey::BreakerOpen,
    ];

    /// Its keys inside `extra.sim`: `["capacity"]`, `["breaker", "failures"]`.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            SimKey::Capacity => &["capacity"],
            SimKey::QueueLimit => &["queue_limit"],
            SimKey::NodeLatency | SimKey::LinkLatency => &["latency_ms"],
            SimKey::Mttr => &["mttr_s"],
            SimKey::Timeout => &["timeout_ms"],
            SimKey::Retries => &["retries"],
            SimKey::Backoff => &["backoff_ms"],
            SimKey::BreakerFailures => &["breaker", "failures"],
            SimKey::BreakerOpen => &["breaker", "open_ms"],
        }
    }

    /// `capacity`, `breaker.failures`: its name after `extra.sim.`.
    pub fn name(self) -> String {
        self.keys().join(".")
    }

    /// Whether it is a count (written as a whole number).
    pub fn counts(self) -> bool {
        matches!(
            self,
            SimKey::QueueLimit | SimKey::Retries | SimKey::BreakerFailures
        )
    }

    fn for_link(self) -> bool {
        SimKey::LINK.contains(&self)
    }

    /// The setting a problem's `path` is about, for `target`'s settings.
    pub fn at(target: SimTarget, path: &str) -> Option<SimKey> {
        let rest = path.strip_prefix(&target.path())?.strip_prefix('.')?;
        let keys: &[SimKey] = match target {
            SimTarget::Node(_) => &SimKey::NODE,
            SimTarget::Link(_) => &SimKey::LINK,
        };
        keys.iter().copied().find(|k| k.name() == rest)
    }
}

/// The value of `key` in `target`'s `extra.sim`, as the document has it.
pub fn sim_value(doc: &Document, target: SimTarget, key: SimKey) -> Option<&Value> {
    let mut at = target.extra(doc)?.as_ref()?.get("sim")?;
    for k in key.keys() {
        at = at.as_object()?.get(*k)?;
    }
    Some(at)
}

/// A number typed by a user: ASCII or full-width digits, spaces around it;
/// `None` for an empty field.
fn read_number(typed: &str) -> Result<Option<f64>, SettingProblem> {
    let ascii: String = typed
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' => '-',
            '＋' => '+',
            c => c,
        })
        .filter(|c| !matches!(c, '_' | ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if ascii.is_empty() {
        return Ok(None);
    }
    match crate::decimal::parse_f64(&ascii) {
        Some(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(SettingProblem::NotANumber),
    }
}

/// A number as JSON: whole numbers as integers (`5`, not `5.0`).
fn json_number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() <= 9_007_199_254_740_992.0 {
        Value::from(v as i64)
    } else {
        Value::from(v)
    }
}

/// The problems of `target`'s `extra.sim` in `doc`.
fn problems_of(doc: &Document, target: SimTarget) -> Vec<SettingError> {
    let prefix = target.path();
    match read_settings(doc) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .into_iter()
            .filter(|p| {
                p.path == prefix
                    || p.path
                        .strip_prefix(&prefix)
                        .is_some_and(|r| r.starts_with('.'))
            })
            .collect(),
    }
}

/// `doc` with `key` of `target`'s `extra.sim` set from `typed` (empty: the
/// default, the key removed), or the problems the simulation would find in
/// it: only those the edit brings (a bad value left elsewhere in the same
/// `extra.sim` does not block the others). The document is unchanged when
/// the value is the one it has.
pub fn with_sim_setting(
    doc: &Document,
    target: SimTarget,
    key: SimKey,
    typed: &str,
) -> Result<Document, Vec<SettingError>> {
    let path = format!("{}.{}", target.path(), key.name());
    let refuse = |problem| {
        vec![SettingError {
            path: path.clone(),
            problem,
        }]
    };
    // A node's key on a link (or the reverse) is a caller's mistake: nothing to set.
    debug_assert_eq!(key.for_link(), matches!(target, SimTarget::Link(_)));
    if key.for_link() != matches!(target, SimTarget::Link(_)) || target.extra(doc).is_none() {
        return Ok(doc.clone());
    }
    let value = read_number(typed).map_err(refuse)?;
    let base = target.path();
    let before = problems_of(doc, target);
    let mut next = doc.clone();
    let Some(extra) = target.extra_mut(&mut next) else {
        return Ok(doc.clone());
    };
    let changed = match value {
        Some(v) => set(extra, key, json_number(v), &base),
        None => unset(extra, key, &base),
    };
    match changed {
        Err(problem) => Err(vec![SettingError {
            path: problem.0,
            problem: problem.1,
        }]),
        Ok(false) => Ok(doc.clone()),
        Ok(true) => {
            let brought: Vec<SettingError> = problems_of(&next, target)
                .into_iter()
                .filter(|p| !before.contains(p))
                .collect();
            if brought.is_empty() {
                Ok(next)
            } else {
                Err(brought)
            }
        }
    }
}

type Refusal = (String, SettingProblem);

/// The object at `key` of `map`, made if missing; a refusal when it is not one.
fn object_at<'a>(
    map: &'a mut Map<String, Value>,
    key: &str,
    path: String,
) -> Result<&'a mut Map<String, Value>, Refusal> {
    match map
        .entry(key.to_string())
        .or_insert_with(|| Value::Object(Map::new()))
    {
        Value::Object(m) => Ok(m),
        _ => Err((path, SettingProblem::NotAnObject)),
    }
}

/// Sets `key` to `value`; whether anything changed.
fn set(extra: &mut Option<Extra>, key: SimKey, value: Value, base: &str) -> Result<bool, Refusal> {
    let mut holder = extra.clone().unwrap_or_default();
    let sim = object_at(&mut holder, "sim", base.to_string())?;
    let changed = match key.keys() {
        [one] => sim.insert(one.to_string(), value.clone()) != Some(value),
        [_, inner] => {
            let fresh = !sim.contains_key("breaker");
            let breaker = object_at(sim, "breaker", format!("{base}.breaker"))?;
            if fresh {
                // Its other half, which a breaker cannot do without.
                let other = match *inner {
                    "failures" => ("open_ms", json_number(DEFAULT_BREAKER.open_ms)),
                    _ => ("failures", json_number(f64::from(DEFAULT_BREAKER.failures))),
                };
                breaker.insert(other.0.to_string(), other.1);
            }
            fresh | (breaker.insert(inner.to_string(), value.clone()) != Some(value))
        }
        _ => false,
    };
    if changed {
        *extra = Some(holder);
    }
    Ok(changed)
}

/// Removes `key` (the whole breaker for `breaker.failures`), then what is
/// left empty; whether anything changed.
fn unset(extra: &mut Option<Extra>, key: SimKey, base: &str) -> Result<bool, Refusal> {
    let Some(holder) = extra.as_mut() else {
        return Ok(false);
    };
    let Some(sim) = holder.get_mut("sim") else {
        return Ok(false);
    };
    let Value::Object(sim) = sim else {
        return Err((base.to_string(), SettingProblem::NotAnObject));
    };
    let changed = match key {
        SimKey::BreakerFailures => sim.remove("breaker").is_some(),
        SimKey::BreakerOpen => match sim.get_mut("breaker") {
            // A breaker keeps a probe delay: the default one.
            Some(Value::Object(b)) => {
                let default = json_number(DEFAULT_BREAKER.open_ms);
                b.insert("open_ms".into(), default.clone()) != Some(default)
            }
            _ => false,
        },
        _ => sim.remove(key.keys()[0]).is_some(),
    };
    if sim.is_empty() {
        holder.remove("sim");
    }
    if holder.is_empty() {
        *extra = None;
    }
    Ok(changed)
}
