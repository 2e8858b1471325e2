//! The simulation's failure behaviour, read from the `extra.sim` object that
//! docs/spec/model.md §1 lets any node, link or function carry (`extra` is kept as is
//! by the parser; `extra.sim` is this module's namespace inside it).
//!
//! ```json
//! {"id": "app", "kind": "service",
//!  "extra": {"sim": {"capacity": 50, "queue_limit": 100, "latency_ms": 20, "mttr_s": 1800}}}
//! {"from": "lb", "to": "app",
//!  "extra": {"sim": {"timeout_ms": 500, "retries": 2, "backoff_ms": 50, "latency_ms": 1,
//!                    "breaker": {"failures": 5, "open_ms": 10000}}}}
//! {"id": "checkout", "client": "browser", "capability": "checkout",
//!  "extra": {"sim": {"rate": 20}}}
//! ```
//!
//! Every setting is optional and its default adds no failure mode: no
//! capacity limit, no timeout, no retries, no breaker (docs/spec/app.md: with the
//! defaults the measured availability converges to the engine's expected
//! one). Inside `extra.sim` the reading is as strict as the document's own
//! fields: an unknown key is refused (it is usually a typo), and every
//! problem is reported at once, each naming its place like the validator
//! (`links[3].extra.sim.retries: ...`), never a panic.

use std::fmt;

use serde_json::{Map, Value};

use crate::document::{Document, Extra, NodeKind};
use crate::i18n::{l, Lang, Localized};
use crate::validate::Problem;

/// The most retries a link may ask for: enough for any real policy, and a
/// bound on the work one request can cause.
pub const MAX_RETRIES: u32 = 10;

const NODE_KEYS: &[&str] = &["capacity", "queue_limit", "latency_ms", "mttr_s"];
const LINK_KEYS: &[&str] = &[
    "timeout_ms",
    "retries",
    "backoff_ms",
    "latency_ms",
    "breaker",
];
const BREAKER_KEYS: &[&str] = &["failures", "open_ms"];
const FUNCTION_KEYS: &[&str] = &["rate"];

/// A node's `extra.sim`: what one instance can take and how long it takes.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NodeSettings {
    /// Requests per second one instance serves; `None`: no limit. Requests
    /// beyond it wait in the instance's queue (first come, first served).
    pub capacity: Option<f64>,
    /// Requests that may wait at one instance; one more is refused. `None`:
    /// unbounded. Needs `capacity`.
    pub queue_limit: Option<u32>,
    /// Time one instance spends on a request before calling its
    /// dependencies; `None`: [`default_latency_ms`] of the node's kind.
    pub latency_ms: Option<f64>,
    /// Mean time to repair under chaos, in seconds; `None`: the kind's
    /// default ([`crate::sim::chaos::default_mttr_s`]).
    pub mttr_s: Option<f64>,
}

/// A link's `extra.sim`: how the caller treats a call along it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LinkSettings {
    /// The caller gives up on an attempt after this long; `None`: never.
    pub timeout_ms: Option<f64>,
    /// Attempts made after a failed one (0 by default).
    pub retries: u32,
    /// Wait before each retry (0 by default: at once).
    pub backoff_ms: f64,
    /// Network time each way along the link (0 by default).
    pub latency_ms: f64,
    /// A circuit breaker on the link; `None`: none.
    pub breaker: Option<Breaker>,
}

/// A circuit breaker: after `failures` consecutive failed attempts it opens
/// and calls fail at once without being sent; `open_ms` later it lets one
/// call through (half-open) and closes if that probe succeeds, reopening if
/// it fails.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Breaker {
    /// Consecutive failures that open it (at least 1).
    pub failures: u32,
    /// How long it stays open before a probe, in milliseconds.
    pub open_ms: f64,
}

/// A function's `extra.sim`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FunctionSettings {
    /// Requests per second its client sends; `None`: the run's rate times
    /// the function's weight.
    pub rate: Option<f64>,
}

/// Every node's, link's and function's settings, in document order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// Per node of the document.
    pub nodes: Vec<NodeSettings>,
    /// Per link of the document.
    pub links: Vec<LinkSettings>,
    /// The document's own functions; derived functions have the defaults.
    pub functions: Vec<FunctionSettings>,
}

impl Settings {
    /// Whether a request's outcome can depend on other requests: a capacity
    /// (they share it) or a breaker (it counts them). Without either, the
    /// outcome depends only on which instances are up.
    pub fn depends_on_traffic(&self) -> bool {
        self.nodes.iter().any(|n| n.capacity.is_some())
            || self.links.iter().any(|l| l.breaker.is_some())
    }
}

/// Time an instance of `kind` spends on a request by default, in
/// milliseconds: small next to any repair time, so it moves no availability,
/// but enough for an animation to show where requests wait.
pub fn default_latency_ms(kind: NodeKind) -> f64 {
    match kind {
        NodeKind::Client => 0.0,
        NodeKind::LoadBalancer | NodeKind::Cache => 1.0,
        NodeKind::Gateway | NodeKind::Queue => 2.0,
        NodeKind::Database => 5.0,
        NodeKind::Service => 10.0,
        NodeKind::External => 50.0,
    }
}

/// What is wrong with one setting.
#[derive(Clone, Debug, PartialEq)]
pub enum SettingProblem {
    /// `extra.sim` (or `breaker`) is not a JSON object.
    NotAnObject,
    /// A key this version does not know.
    Unknown {
        /// The keys allowed there.
        expected: &'static [&'static str],
    },
    /// Not a finite number.
    NotANumber,
    /// Not a whole number.
    NotAnInteger,
    /// A number outside what the setting allows; `rule` says what it allows.
    OutOfRange {
        /// The value given.
        value: f64,
        /// What is allowed, in words.
        rule: Localized,
    },
    /// A setting that does not apply to a node of this kind (a client never
    /// fails and serves nothing).
    NotForKind {
        /// The node's kind.
        kind: NodeKind,
    },
    /// `queue_limit` without `capacity`: there is no queue without a limit.
    NeedsCapacity,
    /// A run option out of range (`seconds`, `rate`), or a breaker's
    /// missing half.
    BadOption {
        /// What is allowed, in words.
        rule: Localized,
    },
}

/// What each setting allows, in both languages.
pub mod rules {
    use super::{l, Localized};

    pub const CAPACITY: Localized = l("more than 0 requests per second", "须大于每秒 0 个请求");
    pub const QUEUE_LIMIT: Localized = l("0 or more requests", "须为 0 个或更多请求");
    pub const MS_OR_MORE: Localized = l("0 ms or more", "须为 0 毫秒或更多");
    pub const MORE_THAN_0_MS: Localized = l("more than 0 ms", "须大于 0 毫秒");
    pub const MORE_THAN_0_S: Localized = l("more than 0 seconds", "须大于 0 秒");
    pub const AT_LEAST_1: Localized = l("at least 1", "至少为 1");
    pub const RETRIES: Localized = l("0 to 10 retries", "重试次数须为 0 到 10");
    pub const RATE: Localized = l("0 requests per second or more", "须为每秒 0 个或更多请求");
    pub const BREAKER_HALF: Localized = l(
        "required in a breaker (failures and open_ms go together)",
        "熔断器必须同时设置 failures 和 open_ms",
    );
    pub const SECONDS: Localized = l(
        "must be a number of seconds from 0 to 1e11",
        "必须是 0 到 1e11 之间的秒数",
    );
    pub const RUN_RATE: Localized = l(
        "must be 0 requests per second or more",
        "必须是每秒 0 个或更多请求",
    );
    pub const MAX_EVENT_REQUESTS: Localized = l("must be 0 or more", "必须是 0 或更大的数");
}

/// One bad setting and where it is, e.g. `links[3].extra.sim.retries`.
#[derive(Clone, Debug, PartialEq)]
pub struct SettingError {
    /// The place, in the validator's notation.
    pub path: String,
    /// What is wrong there.
    pub problem: SettingProblem,
}

impl SettingProblem {
    /// What is wrong, in `lang`; in English what the CLI prints.
    pub fn message_in(&self, lang: Lang) -> String {
        match (self, lang) {
            (SettingProblem::NotAnObject, Lang::En) => "must be an object".into(),
            (SettingProblem::NotAnObject, Lang::Zh) => "必须是一个对象".into(),
            (SettingProblem::Unknown { expected }, Lang::En) => {
                format!("unknown setting; allowed here: {}", expected.join(", "))
            }
            (SettingProblem::Unknown { expected }, Lang::Zh) => {
                format!("未知的设置；此处允许：{}", expected.join(", "))
            }
            (SettingProblem::NotANumber, Lang::En) => "must be a finite number".into(),
            (SettingProblem::NotANumber, Lang::Zh) => "必须是有限的数字".into(),
            (SettingProblem::NotAnInteger, Lang::En) => "must be a whole number".into(),
            (SettingProblem::NotAnInteger, Lang::Zh) => "必须是整数".into(),
            (SettingProblem::OutOfRange { value, rule }, Lang::En) => {
                format!("{value} is out of range: {}", rule.en)
            }
            (SettingProblem::OutOfRange { value, rule }, Lang::Zh) => {
                format!("{value} 超出范围：{}", rule.zh)
            }
            (SettingProblem::NotForKind { kind }, Lang::En) => {
                format!("does not apply to a {} node", kind.as_str())
            }
            (SettingProblem::NotForKind { kind }, Lang::Zh) => {
                format!("不适用于{}节点", kind.name_zh())
            }
            (SettingProblem::NeedsCapacity, Lang::En) => "needs a capacity on the same node".into(),
            (SettingProblem::NeedsCapacity, Lang::Zh) => "需要同一节点也设置处理能力".into(),
            (SettingProblem::BadOption { rule }, lang) => rule.get(lang).into(),
        }
    }
}

impl fmt::Display for SettingProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_in(Lang::En))
    }
}

impl SettingError {
    /// The whole line in `lang`: in English its [`Display`](fmt::Display)
    /// (`links[3].extra.sim.retries: ...`), in Chinese with a full-width colon.
    pub fn line_in(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => format!("{}：{}", self.path, self.problem.message_in(lang)),
        }
    }
}

impl fmt::Display for SettingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

impl std::error::Error for SettingError {}

impl From<SettingError> for Problem {
    fn from(e: SettingError) -> Problem {
        Problem::in_both(
            e.path,
            e.problem.message_in(Lang::En),
            e.problem.message_in(Lang::Zh),
        )
    }
}

/// Reads every `extra.sim` of `doc`; all problems at once when any is bad.
pub fn read_settings(doc: &Document) -> Result<Settings, Vec<SettingError>> {
    let mut reader = Reader::default();
    let nodes = doc
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| reader.node(&format!("nodes[{i}].extra.sim"), n.kind, &n.extra))
        .collect();
    let links = doc
        .links
        .iter()
        .enumerate()
        .map(|(i, l)| reader.link(&format!("links[{i}].extra.sim"), &l.extra))
        .collect();
    let functions = doc
        .functions
        .iter()
        .flatten()
        .enumerate()
        .map(|(i, f)| reader.function(&format!("functions[{i}].extra.sim"), &f.extra))
        .collect();
    match reader.problems.is_empty() {
        true => Ok(Settings {
            nodes,
            links,
            functions,
        }),
        false => Err(reader.problems),
    }
}

/// Collects problems while reading, so that one bad value hides no other.
#[derive(Default)]
struct Reader {
    problems: Vec<SettingError>,
}

impl Reader {
    fn refuse(&mut self, path: String, problem: SettingProblem) {
        self.problems.push(SettingError { path, problem });
    }

    /// The `sim` object of `extra`, its unknown keys refused.
    fn object<'a>(
        &mut self,
        path: &str,
        value: Option<&'a Value>,
        keys: &'static [&'static str],
    ) -> Option<&'a Map<String, Value>> {
        let map = match value? {
            Value::Object(map) => map,
            _ => {
                self.refuse(path.to_string(), SettingProblem::NotAnObject);
                return None;
            }
        };
        for key in map.keys().filter(|k| !keys.contains(&k.as_str())) {
            self.refuse(
                format!("{path}.{key}"),
                SettingProblem::Unknown { expected: keys },
            );
        }
        Some(map)
    }

    /// The number at `key`, if present and passing `ok` (else a problem).
    fn number(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        key: &str,
        ok: fn(f64) -> bool,
        rule: Localized,
    ) -> Option<f64> {
        let value = map.get(key)?;
        let at = format!("{path}.{key}");
        match value.as_f64().filter(|v| v.is_finite()) {
            None => self.refuse(at, SettingProblem::NotANumber),
            Some(v) if !ok(v) => self.refuse(at, SettingProblem::OutOfRange { value: v, rule }),
            Some(v) => return Some(v),
        }
        None
    }

    /// The whole number at `key` within `min..=max`.
    fn integer(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        key: &str,
        (min, max): (u32, u32),
        rule: Localized,
    ) -> Option<u32> {
        let value = map.get(key)?;
        let at = format!("{path}.{key}");
        let Some(v) = value.as_f64().filter(|v| v.is_finite()) else {
            self.refuse(at, SettingProblem::NotANumber);
            return None;
        };
        if v.fract() != 0.0 {
            self.refuse(at, SettingProblem::NotAnInteger);
        } else if v < f64::from(min) || v > f64::from(max) {
            self.refuse(at, SettingProblem::OutOfRange { value: v, rule });
        } else {
            return Some(v as u32);
        }
        None
    }

    fn node(&mut self, path: &str, kind: NodeKind, extra: &Option<Extra>) -> NodeSettings {
        let sim = extra.as_ref().and_then(|e| e.get("sim"));
        let Some(map) = self.object(path, sim, NODE_KEYS) else {
            return NodeSettings::default();
        };
        if kind == NodeKind::Client {
            for key in map.keys().filter(|k| NODE_KEYS.contains(&k.as_str())) {
                self.refuse(format!("{path}.{key}"), SettingProblem::NotForKind { kind });
            }
            return NodeSettings::default();
        }
        let settings = NodeSettings {
            capacity: self.number(path, map, "capacity", |v| v > 0.0, rules::CAPACITY),
            queue_limit: self.integer(path, map, "queue_limit", (0, u32::MAX), rules::QUEUE_LIMIT),
            latency_ms: self.number(path, map, "latency_ms", |v| v >= 0.0, rules::MS_OR_MORE),
            mttr_s: self.number(path, map, "mttr_s", |v| v > 0.0, rules::MORE_THAN_0_S),
        };
        if settings.queue_limit.is_some() && !map.contains_key("capacity") {
            self.refuse(format!("{path}.queue_limit"), SettingProblem::NeedsCapacity);
        }
        settings
    }

    fn link(&mut self, path: &str, extra: &Option<Extra>) -> LinkSettings {
        let sim = extra.as_ref().and_then(|e| e.get("sim"));
        let Some(map) = self.object(path, sim, LINK_KEYS) else {
            return LinkSettings::default();
        };
        let breaker_path = format!("{path}.breaker");
        let breaker = self
            .object(&breaker_path, map.get("breaker"), BREAKER_KEYS)
            .and_then(|b| {
                let failures = self.integer(
                    &breaker_path,
                    b,
                    "failures",
                    (1, 1_000_000),
                    rules::AT_LEAST_1,
                );
                let open_ms = self.number(
                    &breaker_path,
                    b,
                    "open_ms",
                    |v| v > 0.0,
                    rules::MORE_THAN_0_MS,
                );
                let missing = |key: &str| !b.contains_key(key);
                for key in BREAKER_KEYS.iter().filter(|k| missing(k)) {
                    self.refuse(
                        format!("{breaker_path}.{key}"),
                        SettingProblem::BadOption {
                            rule: rules::BREAKER_HALF,
                        },
                    );
                }
                Some(Breaker {
                    failures: failures?,
                    open_ms: open_ms?,
                })
            });
        LinkSettings {
            timeout_ms: self.number(path, map, "timeout_ms", |v| v > 0.0, rules::MORE_THAN_0_MS),
            retries: self
                .integer(path, map, "retries", (0, MAX_RETRIES), rules::RETRIES)
                .unwrap_or(0),
            backoff_ms: self
                .number(path, map, "backoff_ms", |v| v >= 0.0, rules::MS_OR_MORE)
                .unwrap_or(0.0),
            latency_ms: self
                .number(path, map, "latency_ms", |v| v >= 0.0, rules::MS_OR_MORE)
                .unwrap_or(0.0),
            breaker,
        }
    }

    fn function(&mut self, path: &str, extra: &Option<Extra>) -> FunctionSettings {
        let sim = extra.as_ref().and_then(|e| e.get("sim"));
        let Some(map) = self.object(path, sim, FUNCTION_KEYS) else {
            return FunctionSettings::default();
        };
        FunctionSettings {
            rate: self.number(path, map, "rate", |v| v >= 0.0, rules::RATE),
        }
    }
}
