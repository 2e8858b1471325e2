//! The rules of a valid `topolab/1` document (docs/spec/model.md §1), checked on a typed
//! [`Document`] so that the JSON reader, the editor's inspector and the CLI all
//! refuse the same things with the same words.
//!
//! Every problem is reported at once, each naming its place
//! (`links[3].to: no node with id "paymnts"`), never only the first, and said
//! in English (the CLI's words) and in Chinese (for the app's viewers). The goals'
//! rules (§6) are in `goals`.

mod goals;

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::document::{Document, NodeKind};
use crate::i18n::Lang;

/// The most nodes a document may have (docs/spec/model.md §1.4).
pub const MAX_NODES: usize = 2_000;
/// The most links a document may have (docs/spec/model.md §1.4).
pub const MAX_LINKS: usize = 20_000;
/// The most functions a document may list; not in the spec, a guard against
/// hostile input (every function is analysed).
pub const MAX_FUNCTIONS: usize = 2_000;
/// The most goals a document may list; not in the spec (docs/spec/model.md §6
/// "Decided"), a guard against hostile input (every goal is judged).
pub const MAX_GOALS: usize = 100;
/// The most replicas a node may have (docs/spec/model.md §1.1).
pub const MAX_REPLICAS: u32 = 64;
/// The most zones a document may have, and a node may list (docs/spec/model.md §8).
pub const MAX_ZONES: usize = 16;

/// One thing wrong with a document: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The place, e.g. `links[3].to`; empty for the whole text (a JSON syntax error).
    pub path: String,
    /// What is wrong there, in English words a user can act on (what the CLI prints).
    pub message: String,
    /// The same in Chinese; `None` for a message written in English only.
    message_zh: Option<String>,
}

impl Problem {
    /// A problem at `path`, said in English only (Chinese viewers read it too).
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            message: message.into(),
            message_zh: None,
        }
    }

    /// A problem at `path`, said in English and in Chinese.
    pub fn in_both(
        path: impl Into<String>,
        message: impl Into<String>,
        message_zh: impl Into<String>,
    ) -> Problem {
        Problem {
            message_zh: Some(message_zh.into()),
            ..Problem::new(path, message)
        }
    }

    /// What is wrong, in `lang` (in English where no Chinese was written).
    pub fn message_in(&self, lang: Lang) -> &str {
        match (lang, &self.message_zh) {
            (Lang::Zh, Some(zh)) => zh,
            _ => &self.message,
        }
    }

    /// The whole line in `lang`: in English exactly its [`Display`](fmt::Display)
    /// (`links[3].to: no node ...`); in Chinese with a full-width colon.
    pub fn line_in(&self, lang: Lang) -> String {
        match (lang, self.path.is_empty()) {
            (Lang::En, _) => self.to_string(),
            (Lang::Zh, true) => self.message_in(lang).to_string(),
            (Lang::Zh, false) => format!("{}：{}", self.path, self.message_in(lang)),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for Problem {}

/// Whether `id` is 1-64 characters of `A-Z a-z 0-9 _ - .` (docs/spec/model.md §1.1).
pub fn is_valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

pub(crate) fn check_text(problems: &mut Vec<Problem>, path: String, text: &str, max: usize) {
    let n = text.chars().count();
    if n > max {
        problems.push(Problem::in_both(
            path,
            format!("{n} characters; at most {max} are allowed"),
            format!("共 {n} 个字符，最多允许 {max} 个"),
        ));
    }
}

/// `n` nodes, links or functions (`what`, also the path) where `max` can be loaded.
pub(super) fn too_many(what: &str, n: usize, max: usize) -> Problem {
    // The Chinese measure word and noun.
    let (measure, noun) = match what {
        "nodes" => ("个", "节点"),
        "links" => ("条", "连线"),
        "goals" => ("个", "目标"),
        "zones" => ("个", "可用区"),
        _ => ("个", "功能"),
    };
    Problem::in_both(
        what,
        format!("{n} {what}; at most {max} can be loaded"),
        format!("共 {n} {measure}{noun}，最多只能载入 {max} {measure}"),
    )
}

/// Checks every rule of docs/spec/model.md §1 that a typed document can break; an empty
/// result means the document is valid.
pub fn validate(doc: &Document) -> Vec<Problem> {
    let mut problems = Vec::new();
    let too_large = doc.nodes.len() > MAX_NODES
        || doc.links.len() > MAX_LINKS
        || doc
            .functions
            .as_ref()
            .is_some_and(|f| f.len() > MAX_FUNCTIONS)
        || doc.goals.len() > MAX_GOALS
        || doc.zones.len() > MAX_ZONES;
    if doc.format != crate::document::FORMAT {
        problems.push(Problem::in_both(
            "format",
            format!(
                "\"{}\" is not a format this version reads; expected \"{}\"",
                doc.format,
                crate::document::FORMAT
            ),
            format!(
                "本版本不支持格式“{}”，应为“{}”",
                doc.format,
                crate::document::FORMAT
            ),
        ));
    }
    if let Some(title) = &doc.title {
        check_text(&mut problems, "title".into(), title, 200);
    }
    if doc.nodes.len() > MAX_NODES {
        problems.push(too_many("nodes", doc.nodes.len(), MAX_NODES));
    }
    if doc.links.len() > MAX_LINKS {
        problems.push(too_many("links", doc.links.len(), MAX_LINKS));
    }
    if let Some(functions) = &doc.functions {
        if functions.len() > MAX_FUNCTIONS {
            problems.push(too_many("functions", functions.len(), MAX_FUNCTIONS));
        }
    }
    if doc.goals.len() > MAX_GOALS {
        problems.push(too_many("goals", doc.goals.len(), MAX_GOALS));
    }
    if doc.zones.len() > MAX_ZONES {
        problems.push(too_many("zones", doc.zones.len(), MAX_ZONES));
    }
    if too_large {
        // Too large to look at item by item: say so and stop.
        return problems;
    }
    let zones = check_zones(doc, &mut problems);
    let index = check_nodes(doc, &zones, &mut problems);
    check_links(doc, &index, &mut problems);
    check_functions(doc, &index, &mut problems);
    goals::check_goals(doc, &mut problems);
    problems
}

/// Node rules; returns the first index of each id, for the reference checks.
fn check_nodes<'a>(
    doc: &'a Document,
    zones: &HashMap<&str, usize>,
    problems: &mut Vec<Problem>,
) -> HashMap<&'a str, usize> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, node) in doc.nodes.iter().enumerate() {
        let at = |field: &str| format!("nodes[{i}].{field}");
        if !is_valid_id(&node.id) {
            problems.push(Problem::in_both(
                at("id"),
                format!(
                    "{:?} is not a valid id: use 1-64 characters of A-Z a-z 0-9 _ - .",
                    node.id
                ),
                format!(
                    "{:?} 不是有效的 ID：只能由 1 到 64 个 A-Z a-z 0-9 _ - . 字符组成",
                    node.id
                ),
            ));
        }
        if let Some(&first) = index.get(node.id.as_str()) {
            problems.push(id_taken(at("id"), &node.id, "nodes", first));
        } else {
            index.insert(&node.id, i);
        }
        if let Some(label) = &node.label {
            check_text(problems, at("label"), label, 80);
        }
        for (field, v) in [("x", node.x), ("y", node.y)] {
            if !v.is_finite() {
                problems.push(Problem::in_both(
                    at(field),
                    "must be a finite number",
                    "必须是有限的数字",
                ));
            }
        }
        if node.kind == NodeKind::Client {
            for (field, present) in [
                ("replicas", node.replicas.is_some()),
                ("quorum", node.quorum.is_some()),
                ("availability", node.availability.is_some()),
                ("killed", !node.killed.is_empty()),
                ("cost", node.cost.is_some()),
                ("zones", node.zones.is_some()),
            ] {
                if present {
                    problems.push(Problem::in_both(
                        at(field),
                        format!(
                            "does not apply to a client: a client is always up and has no {field}"
                        ),
                        format!("不适用于客户端：客户端始终在线，没有 {field}"),
                    ));
                }
            }
        } else {
            check_instances(node, &at, problems);
            check_cost(node, &at, problems);
            check_node_zones(node, zones, &at, problems);
        }
        if let Some(caps) = &node.capabilities {
            for (j, cap) in caps.iter().enumerate() {
                let n = cap.chars().count();
                if !(1..=64).contains(&n) {
                    problems.push(Problem::in_both(
                        format!("nodes[{i}].capabilities[{j}]"),
                        format!("{n} characters; a capability has 1 to 64"),
                        format!("共 {n} 个字符，业务能力的名称须为 1 到 64 个字符"),
                    ));
                }
            }
        }
    }
    index
}

fn check_instances(
    node: &crate::document::Node,
    at: &dyn Fn(&str) -> String,
    problems: &mut Vec<Problem>,
) {
    let replicas = node.replicas();
    if !(1..=MAX_REPLICAS).contains(&replicas) {
        problems.push(Problem::in_both(
            at("replicas"),
            format!("{replicas} replicas; a node has 1 to {MAX_REPLICAS}"),
            format!("副本数为 {replicas}，一个节点须有 1 到 {MAX_REPLICAS} 个副本"),
        ));
    }
    let quorum = node.quorum();
    if quorum < 1 || quorum > replicas {
        problems.push(Problem::in_both(
            at("quorum"),
            format!("{quorum} is not between 1 and the node's {replicas} replicas"),
            format!("{quorum} 不在 1 到该节点的副本数 {replicas} 之间"),
        ));
    }
    let a = node.availability();
    if !(a > 0.0 && a <= 1.0) {
        problems.push(Problem::in_both(
            at("availability"),
            format!("{a} is not a probability above 0 and at most 1 (99.9% is 0.999)"),
            format!("{a} 不是大于 0 且不超过 1 的概率（99.9% 即 0.999）"),
        ));
    }
    let mut seen = HashSet::new();
    for (j, &k) in node.killed.iter().enumerate() {
        if k >= replicas {
            problems.push(Problem::in_both(
                format!("{}[{j}]", at("killed")),
                format!(
                    "instance {k} does not exist: the node has {replicas} replica{} (0 to {})",
                    if replicas == 1 { "" } else { "s" },
                    replicas.saturating_sub(1)
                ),
                format!(
                    "实例 {k} 不存在：该节点只有 {replicas} 个副本（编号 0 到 {}）",
                    replicas.saturating_sub(1)
                ),
            ));
        } else if !seen.insert(k) {
            problems.push(Problem::in_both(
                format!("{}[{j}]", at("killed")),
                format!("instance {k} is listed twice"),
                format!("实例 {k} 重复列出了两次"),
            ));
        }
    }
}

/// Zone rules (docs/spec/model.md §8); returns the first index of each id.
fn check_zones<'a>(doc: &'a Document, problems: &mut Vec<Problem>) -> HashMap<&'a str, usize> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, zone) in doc.zones.iter().enumerate() {
        let at = |field: &str| format!("zones[{i}].{field}");
        if !is_valid_id(&zone.id) {
            problems.push(Problem::in_both(
                at("id"),
                format!(
                    "{:?} is not a valid id: use 1-64 characters of A-Z a-z 0-9 _ - .",
                    zone.id
                ),
                format!(
                    "{:?} 不是有效的 ID：只能由 1 到 64 个 A-Z a-z 0-9 _ - . 字符组成",
                    zone.id
                ),
            ));
        }
        if let Some(&first) = index.get(zone.id.as_str()) {
            problems.push(id_taken(at("id"), &zone.id, "zones", first));
        } else {
            index.insert(&zone.id, i);
        }
        if let Some(label) = &zone.label {
            check_text(problems, at("label"), label, 80);
        }
        let a = zone.availability();
        if !(a > 0.0 && a <= 1.0) {
            problems.push(Problem::in_both(
                at("availability"),
                format!("{a} is not a probability above 0 and at most 1 (99.99% is 0.9999)"),
                format!("{a} 不是大于 0 且不超过 1 的概率（99.99% 即 0.9999）"),
            ));
        }
    }
    index
}

/// A node's `zones`, when it gives them: 1-16 distinct ids of the document's zones.
fn check_node_zones(
    node: &crate::document::Node,
    zones: &HashMap<&str, usize>,
    at: &dyn Fn(&str) -> String,
    problems: &mut Vec<Problem>,
) {
    let Some(list) = &node.zones else {
        return;
    };
    if !(1..=MAX_ZONES).contains(&list.len()) {
        problems.push(Problem::in_both(
            at("zones"),
            format!(
                "{} zones; a node lists 1 to {MAX_ZONES} (leave the field out for none)",
                list.len()
            ),
            format!(
                "共 {} 个可用区，一个节点须列出 1 到 {MAX_ZONES} 个（不在任何可用区就省略此字段）",
                list.len()
            ),
        ));
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (j, id) in list.iter().enumerate() {
        let path = format!("{}[{j}]", at("zones"));
        if !zones.contains_key(id.as_str()) {
            problems.push(Problem::in_both(
                path,
                format!("unknown zone {id:?}"),
                format!("没有 ID 为 {id:?} 的可用区"),
            ));
        } else if let Some(&first) = seen.get(id.as_str()) {
            problems.push(Problem::in_both(
                path,
                format!("zone {id:?} is listed twice (first at zones[{first}])"),
                format!("可用区 {id:?} 重复列出了两次（第一次在 zones[{first}]）"),
            ));
        } else {
            seen.insert(id, j);
        }
    }
}

/// A node's `cost`, when it gives one: a number above 0 (docs/spec/model.md §6).
fn check_cost(
    node: &crate::document::Node,
    at: &dyn Fn(&str) -> String,
    problems: &mut Vec<Problem>,
) {
    if let Some(cost) = node.cost {
        if !(cost.is_finite() && cost > 0.0) {
            problems.push(Problem::in_both(
                at("cost"),
                format!("{cost} is not a cost above 0"),
                format!("{cost} 不是大于 0 的成本"),
            ));
        }
    }
}

/// `id`, at `path`, is already the id of `list[first]`.
pub(crate) fn id_taken(path: String, id: &str, list: &str, first: usize) -> Problem {
    Problem::in_both(
        path,
        format!("{id:?} is already the id of {list}[{first}]"),
        format!("{id:?} 已经是 {list}[{first}] 的 ID"),
    )
}

/// `path` names node `id`, which does not exist.
pub fn no_node(path: impl Into<String>, id: &str) -> Problem {
    Problem::in_both(
        path,
        format!("no node with id {id:?}"),
        format!("没有 ID 为 {id:?} 的节点"),
    )
}

fn check_links(doc: &Document, index: &HashMap<&str, usize>, problems: &mut Vec<Problem>) {
    let mut pairs: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, link) in doc.links.iter().enumerate() {
        let from = index.get(link.from.as_str()).map(|&j| &doc.nodes[j]);
        let to = index.get(link.to.as_str()).map(|&j| &doc.nodes[j]);
        if from.is_none() {
            problems.push(no_node(format!("links[{i}].from"), &link.from));
        }
        match to {
            None => problems.push(no_node(format!("links[{i}].to"), &link.to)),
            Some(n) if n.kind == NodeKind::Client => problems.push(Problem::in_both(
                format!("links[{i}].to"),
                format!("{:?} is a client: no link may point to a client", link.to),
                format!("{:?} 是客户端：连线不能指向客户端", link.to),
            )),
            Some(_) => {}
        }
        if link.from == link.to {
            problems.push(Problem::in_both(
                format!("links[{i}]"),
                format!("links {:?} to itself", link.from),
                format!("{:?} 连向了自己", link.from),
            ));
        }
        if let Some(&first) = pairs.get(&(link.from.as_str(), link.to.as_str())) {
            problems.push(Problem::in_both(
                format!("links[{i}]"),
                format!(
                    "a second link from {:?} to {:?} (links[{first}] is the first); at most one per direction",
                    link.from, link.to
                ),
                format!(
                    "从 {:?} 到 {:?} 的第二条连线（第一条是 links[{first}]）；同一方向最多一条",
                    link.from, link.to
                ),
            ));
        } else {
            pairs.insert((&link.from, &link.to), i);
        }
    }
}

fn check_functions(doc: &Document, index: &HashMap<&str, usize>, problems: &mut Vec<Problem>) {
    let Some(functions) = &doc.functions else {
        return;
    };
    let held: HashSet<&str> = doc.nodes.iter().flat_map(|n| n.capabilities()).collect();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, f) in functions.iter().enumerate() {
        let at = |field: &str| format!("functions[{i}].{field}");
        let n = f.id.chars().count();
        if !(1..=200).contains(&n) {
            problems.push(Problem::in_both(
                at("id"),
                format!("{n} characters; a function id has 1 to 200"),
                format!("共 {n} 个字符，功能 ID 须为 1 到 200 个字符"),
            ));
        }
        if let Some(&first) = ids.get(f.id.as_str()) {
            problems.push(id_taken(at("id"), &f.id, "functions", first));
        } else {
            ids.insert(&f.id, i);
        }
        if let Some(label) = &f.label {
            check_text(problems, at("label"), label, 80);
        }
        match index.get(f.client.as_str()).map(|&j| &doc.nodes[j]) {
            None => problems.push(no_node(at("client"), &f.client)),
            Some(n) if n.kind != NodeKind::Client => problems.push(Problem::in_both(
                at("client"),
                format!(
                    "{:?} is a {}, not a client",
                    f.client,
                    n.kind.as_str().replace('_', " ")
                ),
                format!("{:?} 是{}，不是客户端", f.client, n.kind.name_zh()),
            )),
            Some(_) => {}
        }
        if !held.contains(f.capability.as_str()) {
            problems.push(Problem::in_both(
                at("capability"),
                format!("no node holds the capability {:?}", f.capability),
                format!("没有任何节点具备业务能力 {:?}", f.capability),
            ));
        }
        let w = f.weight();
        if !(w.is_finite() && w > 0.0) {
            problems.push(Problem::in_both(
                at("weight"),
                format!("{w} is not a share of traffic above 0"),
                format!("{w} 不是大于 0 的流量占比"),
            ));
        }
    }
}
