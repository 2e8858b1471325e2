//! Reading a `topolab/1` document from JSON text (docs/spec/model.md §1): types and field
//! names here, the rules in [`super::validate`]. Every problem is collected, so
//! a user fixing a hand-written file sees them all at once. A goal's fields depend on
//! its kind: they are read in `goals`.

mod goals;

use serde_json::{Map, Value};

use crate::document::{Document, Extra, Function, Link, LinkKind, Node, NodeKind, Zone};
use crate::i18n::{l, Localized};
use crate::validate::{too_many, validate, Problem, MAX_GOALS, MAX_LINKS, MAX_NODES, MAX_ZONES};

const DOCUMENT_FIELDS: &[&str] = &[
    "format",
    "title",
    "nodes",
    "links",
    "functions",
    "goals",
    "zones",
    "extra",
];
const NODE_FIELDS: &[&str] = &[
    "id",
    "kind",
    "label",
    "x",
    "y",
    "replicas",
    "quorum",
    "availability",
    "cost",
    "killed",
    "capabilities",
    "zones",
    "extra",
];
const LINK_FIELDS: &[&str] = &["from", "to", "kind", "extra"];
const FUNCTION_FIELDS: &[&str] = &["id", "label", "client", "capability", "weight", "extra"];
const ZONE_FIELDS: &[&str] = &["id", "label", "availability", "down"];

/// Reads and validates a document; on failure, every problem found, each naming
/// its place (`links[3].to: no node with id "paymnts"`).
pub fn parse_document(json: &str) -> Result<Document, Vec<Problem>> {
    #[cfg(feature = "fast-read")]
    if let Some(doc) = read_plain(json) {
        let problems = validate(&doc);
        return if problems.is_empty() {
            Ok(doc)
        } else {
            Err(problems)
        };
    }
    let value: Value = serde_json::from_str(json).map_err(|e| {
        vec![Problem::in_both(
            "",
            format!("not valid JSON: {e}"),
            format!("不是有效的 JSON（第 {} 行第 {} 列）", e.line(), e.column()),
        )]
    })?;
    document_from_value(&value)
}

/// The fast path for what nearly every document is, one that reads without a
/// single problem: straight into the typed document, with no `Value` tree
/// (a third of the time of opening a 2,000-node link in the browser). It
/// gives up, leaving the document to [`document_from_value`] and its messages,
/// on anything that path would read differently or complain about: an unknown
/// field, a wrong type, a `null` anywhere (`Option` fields would take it as
/// absent), a whole number written as `3.0`, a duplicate key, too many nodes.
///
/// Behind the `fast-read` feature (on by default, off in the web app): its
/// typed deserializer is 6.6 KB of the single-file page, gzipped.
#[cfg(feature = "fast-read")]
fn read_plain(json: &str) -> Option<Document> {
    if json.contains("null") {
        return None;
    }
    let doc: Document = serde_json::from_str(json).ok()?;
    (doc.nodes.len() <= MAX_NODES && doc.links.len() <= MAX_LINKS).then_some(doc)
}

/// Validates an already parsed JSON value as a document.
pub fn document_from_value(value: &Value) -> Result<Document, Vec<Problem>> {
    let mut r = Reader::default();
    let doc = r.document(value);
    let mut problems = r.problems;
    if let Some(doc) = doc {
        if problems.is_empty() {
            problems = validate(&doc);
            if problems.is_empty() {
                return Ok(doc);
            }
        }
    }
    Err(problems)
}

fn type_name(v: &Value) -> Localized {
    let (en, zh) = match v {
        Value::Null => ("null", "null"),
        Value::Bool(_) => ("true or false", "true 或 false"),
        Value::Number(_) => ("a number", "数字"),
        Value::String(_) => ("a string", "字符串"),
        Value::Array(_) => ("a list", "列表"),
        Value::Object(_) => ("an object", "对象"),
    };
    l(en, zh)
}

/// "expected a list, found a number" of `v`, in both languages: (English, Chinese).
fn expected(what: Localized, v: &Value) -> (String, String) {
    let found = type_name(v);
    // A space between a Chinese word and a Latin one ("实际是 null").
    let gap = if found.zh.starts_with(|c: char| c.is_ascii()) {
        " "
    } else {
        ""
    };
    (
        format!("expected {}, found {}", what.en, found.en),
        format!("应为{}，实际是{gap}{}", what.zh, found.zh),
    )
}

const AN_OBJECT: Localized = l("an object", "对象");
const A_STRING: Localized = l("a string", "字符串");
const A_NUMBER: Localized = l("a number", "数字");
const A_LIST: Localized = l("a list", "列表");

/// The closest allowed name to a misspelt field, if one is close.
fn suggestion(name: &str, allowed: &[&'static str]) -> Option<&'static str> {
    fn distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for (j, &cb) in b.iter().enumerate() {
                let cur = row[j + 1];
                row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
                prev = cur;
            }
        }
        row[b.len()]
    }
    let lower = name.to_ascii_lowercase();
    allowed
        .iter()
        .map(|a| (distance(&lower, a), *a))
        .filter(|(d, a)| *d <= 2.max(a.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

/// Walks a JSON value, collecting problems instead of stopping at the first.
#[derive(Default)]
struct Reader {
    problems: Vec<Problem>,
}

impl Reader {
    fn problem(&mut self, path: impl Into<String>, (en, zh): (String, String)) {
        self.problems.push(Problem::in_both(path, en, zh));
    }

    /// `path` holds `v` where `what` was expected.
    fn wrong_type(&mut self, path: impl Into<String>, what: Localized, v: &Value) {
        self.problem(path, expected(what, v));
    }

    fn object<'v>(
        &mut self,
        path: &str,
        v: &'v Value,
        allowed: &[&'static str],
    ) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = v else {
            self.wrong_type(path, AN_OBJECT, v);
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                self.unknown_field(path, key, allowed);
            }
        }
        Some(map)
    }

    /// `key` at `path` is no field allowed there.
    fn unknown_field(&mut self, path: &str, key: &str, allowed: &[&'static str]) {
        let at = if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        };
        let (hint, hint_zh) = match suggestion(key, allowed) {
            Some(s) => (
                format!(" (did you mean \"{s}\"?)"),
                format!("（是不是想写 \"{s}\"？）"),
            ),
            None => (String::new(), String::new()),
        };
        self.problem(
            at,
            (
                format!(
                    "unknown field{hint}; allowed here: {} (put your own data under \"extra\")",
                    allowed.join(", ")
                ),
                format!(
                    "未知字段{hint_zh}；这里允许的字段：{}（自定义数据请放在 \"extra\" 下）",
                    allowed.join(", ")
                ),
            ),
        );
    }

    fn string(&mut self, path: String, v: &Value) -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            other => {
                self.wrong_type(path, A_STRING, other);
                None
            }
        }
    }

    fn required_string(
        &mut self,
        path: String,
        map: &Map<String, Value>,
        key: &str,
    ) -> Option<String> {
        let v = self.required(&path, map, key)?;
        self.string(path, v)
    }

    /// `map`'s `key`, or a problem at `path` saying it is missing.
    fn required<'v>(
        &mut self,
        path: &str,
        map: &'v Map<String, Value>,
        key: &str,
    ) -> Option<&'v Value> {
        let v = map.get(key);
        if v.is_none() {
            self.problem(path, ("is required".into(), "缺少此字段".into()));
        }
        v
    }

    /// A list of strings at `path`, each item named `path[j]`.
    fn strings(&mut self, path: &str, v: &Value) -> Option<Vec<String>> {
        let items = self.list(path, v)?;
        let strings: Vec<Option<String>> = items
            .iter()
            .enumerate()
            .map(|(j, s)| self.string(format!("{path}[{j}]"), s))
            .collect();
        strings.into_iter().collect()
    }

    fn number(&mut self, path: String, v: &Value) -> Option<f64> {
        match v.as_f64() {
            Some(x) if x.is_finite() => Some(x),
            Some(_) => {
                self.problem(
                    path,
                    ("must be a finite number".into(), "必须是有限的数字".into()),
                );
                None
            }
            None => {
                self.wrong_type(path, A_NUMBER, v);
                None
            }
        }
    }

    /// A whole number that fits `u32`; `3.0` counts as 3, `2.5` does not.
    fn whole(&mut self, path: String, v: &Value) -> Option<u32> {
        let x = self.number(path.clone(), v)?;
        if x.fract() != 0.0 || x < 0.0 || x > f64::from(u32::MAX) {
            self.problem(
                path,
                (
                    format!("{x} is not a whole number from 0 up"),
                    format!("{x} 不是大于等于 0 的整数"),
                ),
            );
            return None;
        }
        Some(x as u32)
    }

    fn extra(&mut self, path: String, map: &Map<String, Value>) -> Option<Extra> {
        match map.get("extra") {
            None => None,
            Some(Value::Object(m)) => Some(m.clone()),
            Some(other) => {
                self.wrong_type(path, AN_OBJECT, other);
                None
            }
        }
    }

    fn list<'v>(&mut self, path: &str, v: &'v Value) -> Option<&'v Vec<Value>> {
        match v {
            Value::Array(items) => Some(items),
            other => {
                self.wrong_type(path, A_LIST, other);
                None
            }
        }
    }

    fn document(&mut self, v: &Value) -> Option<Document> {
        let map = self.object("", v, DOCUMENT_FIELDS)?;
        let format = self.required_string("format".into(), map, "format");
        let title = map
            .get("title")
            .and_then(|t| self.string("title".into(), t));
        let extra = self.extra("extra".into(), map);
        let nodes = match map.get("nodes") {
            None => {
                self.problem(
                    "nodes",
                    (
                        "is required (a list of nodes, possibly empty)".into(),
                        "缺少此字段（节点列表，可以为空）".into(),
                    ),
                );
                None
            }
            Some(v) => self.list("nodes", v).and_then(|items| {
                if items.len() > MAX_NODES {
                    self.problems
                        .push(too_many("nodes", items.len(), MAX_NODES));
                    return None;
                }
                let nodes: Vec<Option<Node>> = items
                    .iter()
                    .enumerate()
                    .map(|(i, n)| self.node(i, n))
                    .collect();
                nodes.into_iter().collect()
            }),
        };
        let links = match map.get("links") {
            None => Some(Vec::new()),
            Some(v) => self.list("links", v).and_then(|items| {
                if items.len() > MAX_LINKS {
                    self.problems
                        .push(too_many("links", items.len(), MAX_LINKS));
                    return None;
                }
                let links: Vec<Option<Link>> = items
                    .iter()
                    .enumerate()
                    .map(|(i, l)| self.link(i, l))
                    .collect();
                links.into_iter().collect()
            }),
        };
        let functions = match map.get("functions") {
            None => Some(None),
            Some(v) => self.list("functions", v).and_then(|items| {
                let fs: Vec<Option<Function>> = items
                    .iter()
                    .enumerate()
                    .map(|(i, f)| self.function(i, f))
                    .collect();
                fs.into_iter().collect::<Option<Vec<_>>>().map(Some)
            }),
        };
        let goals = match map.get("goals") {
            None => Some(Vec::new()),
            Some(v) => self.list("goals", v).and_then(|items| {
                if items.len() > MAX_GOALS {
                    self.problems
                        .push(too_many("goals", items.len(), MAX_GOALS));
                    return None;
                }
                let goals: Vec<Option<_>> = items
                    .iter()
                    .enumerate()
                    .map(|(i, g)| self.goal(i, g))
                    .collect();
                goals.into_iter().collect()
            }),
        };
        let zones = match map.get("zones") {
            None => Some(Vec::new()),
            Some(v) => self.zones(v),
        };
        Some(Document {
            format: format?,
            title,
            nodes: nodes?,
            links: links?,
            functions: functions?,
            goals: goals?,
            zones: zones?,
            extra,
        })
    }

    /// The document's `zones` (docs/spec/model.md §8).
    fn zones(&mut self, v: &Value) -> Option<Vec<Zone>> {
        let items = self.list("zones", v)?;
        if items.len() > MAX_ZONES {
            self.problems
                .push(too_many("zones", items.len(), MAX_ZONES));
            return None;
        }
        let zones: Vec<Option<Zone>> = items
            .iter()
            .enumerate()
            .map(|(i, z)| self.zone(i, z))
            .collect();
        zones.into_iter().collect()
    }

    fn zone(&mut self, i: usize, v: &Value) -> Option<Zone> {
        let path = format!("zones[{i}]");
        let map = self.object(&path, v, ZONE_FIELDS)?;
        let at = |f: &str| format!("{path}.{f}");
        let id = self.required_string(at("id"), map, "id");
        let label = map.get("label").and_then(|v| self.string(at("label"), v));
        let availability = map
            .get("availability")
            .map(|v| self.number(at("availability"), v));
        let down = map.get("down").map(|v| match v {
            Value::Bool(b) => Some(*b),
            other => {
                self.wrong_type(at("down"), l("true or false", "true 或 false"), other);
                None
            }
        });
        Some(Zone {
            id: id?,
            label,
            availability: availability.map_or(Some(None), |a| a.map(Some))?,
            down: down.map_or(Some(None), |d| d.map(Some))?,
        })
    }

    fn node(&mut self, i: usize, v: &Value) -> Option<Node> {
        let path = format!("nodes[{i}]");
        let map = self.object(&path, v, NODE_FIELDS)?;
        let at = |f: &str| format!("{path}.{f}");
        let id = self.required_string(at("id"), map, "id");
        let kind = self.required_string(at("kind"), map, "kind").and_then(|k| {
            let kind = NodeKind::from_name(&k);
            if kind.is_none() {
                let names: Vec<&str> = NodeKind::ALL.iter().map(|k| k.as_str()).collect();
                self.problem(
                    at("kind"),
                    (
                        format!("unknown kind {k:?}; expected one of {}", names.join(", ")),
                        format!("未知的节点类型 {k:?}；应为以下之一：{}", names.join(", ")),
                    ),
                );
            }
            kind
        });
        let label = map.get("label").and_then(|v| self.string(at("label"), v));
        let x = map.get("x").map_or(Some(0.0), |v| self.number(at("x"), v));
        let y = map.get("y").map_or(Some(0.0), |v| self.number(at("y"), v));
        let replicas = map.get("replicas").map(|v| self.whole(at("replicas"), v));
        let quorum = map.get("quorum").map(|v| self.whole(at("quorum"), v));
        let availability = map
            .get("availability")
            .map(|v| self.number(at("availability"), v));
        let cost = map.get("cost").map(|v| self.number(at("cost"), v));
        let killed = match map.get("killed") {
            None => Some(Vec::new()),
            Some(v) => self.list(&at("killed"), v).and_then(|items| {
                let ks: Vec<Option<u32>> = items
                    .iter()
                    .enumerate()
                    .map(|(j, k)| self.whole(format!("{path}.killed[{j}]"), k))
                    .collect();
                ks.into_iter().collect()
            }),
        };
        let capabilities = match map.get("capabilities") {
            None => Some(None),
            Some(v) => self.strings(&at("capabilities"), v).map(Some),
        };
        let zones = match map.get("zones") {
            None => Some(None),
            Some(v) => self.strings(&at("zones"), v).map(Some),
        };
        let extra = self.extra(at("extra"), map);
        Some(Node {
            id: id?,
            kind: kind?,
            label,
            x: x?,
            y: y?,
            replicas: replicas.map_or(Some(None), |r| r.map(Some))?,
            quorum: quorum.map_or(Some(None), |q| q.map(Some))?,
            availability: availability.map_or(Some(None), |a| a.map(Some))?,
            cost: cost.map_or(Some(None), |c| c.map(Some))?,
            killed: killed?,
            capabilities: capabilities?,
            zones: zones?,
            extra,
        })
    }

    fn link(&mut self, i: usize, v: &Value) -> Option<Link> {
        let path = format!("links[{i}]");
        let map = self.object(&path, v, LINK_FIELDS)?;
        let from = self.required_string(format!("{path}.from"), map, "from");
        let to = self.required_string(format!("{path}.to"), map, "to");
        let kind = match map.get("kind") {
            None => Some(None),
            Some(v) => self.string(format!("{path}.kind"), v).and_then(|k| {
                let kind = LinkKind::from_name(&k);
                if kind.is_none() {
                    let names: Vec<&str> = LinkKind::ALL.iter().map(|k| k.as_str()).collect();
                    self.problem(
                        format!("{path}.kind"),
                        (
                            format!(
                                "unknown link kind {k:?}; expected one of {}",
                                names.join(", ")
                            ),
                            format!("未知的连线类型 {k:?}；应为以下之一：{}", names.join(", ")),
                        ),
                    );
                }
                kind.map(Some)
            }),
        };
        let extra = self.extra(format!("{path}.extra"), map);
        Some(Link {
            from: from?,
            to: to?,
            kind: kind?,
            extra,
        })
    }

    fn function(&mut self, i: usize, v: &Value) -> Option<Function> {
        let path = format!("functions[{i}]");
        let map = self.object(&path, v, FUNCTION_FIELDS)?;
        let at = |f: &str| format!("{path}.{f}");
        let id = self.required_string(at("id"), map, "id");
        let label = map.get("label").and_then(|v| self.string(at("label"), v));
        let client = self.required_string(at("client"), map, "client");
        let capability = self.required_string(at("capability"), map, "capability");
        let weight = map.get("weight").map(|v| self.number(at("weight"), v));
        let extra = self.extra(at("extra"), map);
        Some(Function {
            id: id?,
            label,
            client: client?,
            capability: capability?,
            weight: weight.map_or(Some(None), |w| w.map(Some))?,
            extra,
        })
    }
}

#[cfg(all(test, feature = "fast-read"))]
mod fast_path_tests {
    use super::*;

    #[test]
    fn a_plain_document_takes_the_fast_path() {
        let json = r#"{"format":"topolab/1","nodes":[{"id":"a","kind":"service","x":1,"y":2}],"links":[]}"#;
        assert_eq!(read_plain(json).map(|d| d.nodes.len()), Some(1));
    }

    #[test]
    fn a_node_s_cost_is_read_on_the_fast_path() {
        let json = r#"{"format":"topolab/1","nodes":[{"id":"a","kind":"service","cost":2.5}]}"#;
        assert_eq!(read_plain(json).and_then(|d| d.nodes[0].cost), Some(2.5));
    }

    #[test]
    fn zones_are_read_on_the_fast_path() {
        let json = r#"{"format":"topolab/1","zones":[{"id":"a","down":true}],"nodes":[{"id":"s","kind":"service","zones":["a"]}]}"#;
        let doc = read_plain(json);
        assert_eq!(doc.as_ref().map(|d| d.zones[0].is_down()), Some(true));
        assert_eq!(
            doc.and_then(|d| d.nodes[0].zones.clone()),
            Some(vec!["a".to_string()])
        );
    }

    #[test]
    fn a_null_or_an_unknown_field_leaves_it_to_the_careful_path() {
        for json in [
            r#"{"format":"topolab/1","title":null,"nodes":[]}"#,
            r#"{"format":"topolab/1","nodes":[],"colour":1}"#,
            r#"{"format":"topolab/1","nodes":[{"id":"a","kind":"service","replicas":3.0}]}"#,
            r#"{"format":"topolab/1","nodes":[],"goals":[{"kind":"no_spof"}]}"#,
        ] {
            assert!(read_plain(json).is_none(), "{json}");
        }
    }
}
