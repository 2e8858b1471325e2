//! The `topolab/1` document (docs/spec/model.md §1): nodes, links, functions, goals
//! (§6, their types in [`crate::goals`]) and zones (§8), with the
//! spec's defaults applied through accessor methods so that a document written
//! back keeps exactly the fields its author wrote.
//!
//! Documents are built from JSON by [`crate::parse`], which validates
//! every rule; the types here assume a valid document. They deserialize
//! strictly (unknown fields refused) only for the reader's fast path: read
//! one through `parse`, never with serde alone.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use crate::goals::Goal;

/// The value of the document's `format` field.
pub const FORMAT: &str = "topolab/1";

/// Free-form data any object may carry under `extra`, kept as is (docs/spec/model.md §1.4).
pub type Extra = Map<String, Value>;

/// A whole diagram: what the editor shows, the CLI reads and a link shares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Always [`FORMAT`].
    pub format: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub nodes: Vec<Node>,
    #[serde(default)]
    pub links: Vec<Link>,
    /// `None` when the document lets the functions be derived (docs/spec/model.md §1.3).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub functions: Option<Vec<Function>>,
    /// What the design must achieve (docs/spec/model.md §6); empty when the document has
    /// none. Never read by serde: a document with goals leaves the reader's fast
    /// path (its `goals` is an unknown field there) for the careful one.
    #[serde(default, skip_serializing_if = "Vec::is_empty", skip_deserializing)]
    pub goals: Vec<Goal>,
    /// Failures that take many instances at once (docs/spec/model.md §8); empty when
    /// the document has none, and then not written back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub zones: Vec<Zone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<Extra>,
}

impl Default for Document {
    fn default() -> Self {
        Document {
            format: FORMAT.to_string(),
            title: None,
            nodes: Vec::new(),
            links: Vec::new(),
            functions: None,
            goals: Vec::new(),
            zones: Vec::new(),
            extra: None,
        }
    }
}

impl Document {
    /// Whether the document is a "find the single point of failure" exercise
    /// (`extra.hide_spof` is `true`): a viewer hides the SPOF marks until asked
    /// (docs/spec/app.md "URL", exercises).
    pub fn hides_spof(&self) -> bool {
        self.extra
            .as_ref()
            .and_then(|extra| extra.get("hide_spof"))
            .is_some_and(|v| v == &Value::Bool(true))
    }

    /// The index of the node with this id.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The index of the zone with this id.
    pub fn zone_index(&self, id: &str) -> Option<usize> {
        self.zones.iter().position(|z| z.id == id)
    }

    /// The document as pretty JSON (what `topolab split` prints and the app exports).
    pub fn to_json_pretty(&self) -> String {
        // The compact text laid out again: the same bytes as serde_json's pretty
        // printer, without a second copy of every type's serialising code in the wasm.
        pretty(&self.to_json())
    }

    /// The document as compact JSON (what the address and autosave hold).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Compact JSON text (no space outside strings, as serde_json writes it) laid out as
/// `serde_json::to_string_pretty` lays it out: two spaces a level, `": "` after a key,
/// `[]` and `{}` when empty.
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('"');
                while let Some(c) = chars.next() {
                    out.push(c);
                    match c {
                        '\\' => out.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

/// What a node is; decides its defaults and how it is drawn (docs/spec/model.md §1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Client,
    LoadBalancer,
    Gateway,
    Service,
    Database,
    Cache,
    Queue,
    External,
}

impl NodeKind {
    /// Every kind, in the spec's order.
    pub const ALL: [NodeKind; 8] = [
        NodeKind::Client,
        NodeKind::LoadBalancer,
        NodeKind::Gateway,
        NodeKind::Service,
        NodeKind::Database,
        NodeKind::Cache,
        NodeKind::Queue,
        NodeKind::External,
    ];

    /// The name used in documents, e.g. `load_balancer`.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Client => "client",
            NodeKind::LoadBalancer => "load_balancer",
            NodeKind::Gateway => "gateway",
            NodeKind::Service => "service",
            NodeKind::Database => "database",
            NodeKind::Cache => "cache",
            NodeKind::Queue => "queue",
            NodeKind::External => "external",
        }
    }

    /// The kind named `name` in a document.
    pub fn from_name(name: &str) -> Option<NodeKind> {
        NodeKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The kind's name in Chinese, as the diagram and the app's messages say it.
    pub fn name_zh(self) -> &'static str {
        match self {
            NodeKind::Client => "客户端",
            NodeKind::LoadBalancer => "负载均衡",
            NodeKind::Gateway => "网关",
            NodeKind::Service => "服务",
            NodeKind::Database => "数据库",
            NodeKind::Cache => "缓存",
            NodeKind::Queue => "消息队列",
            NodeKind::External => "外部 API",
        }
    }

    /// Availability of one instance when the document gives none (docs/spec/model.md §1.1).
    /// A client never fails, so its figure is 1.
    pub fn default_availability(self) -> f64 {
        match self {
            NodeKind::Client => 1.0,
            NodeKind::LoadBalancer => 0.9999,
            NodeKind::Gateway => 0.9995,
            NodeKind::Service => 0.999,
            NodeKind::Database => 0.9995,
            NodeKind::Cache => 0.999,
            NodeKind::Queue => 0.9995,
            NodeKind::External => 0.99,
        }
    }

    /// The kind of a link from a node of this kind when the link gives none (docs/spec/model.md §1.2).
    pub fn default_link_kind(self) -> LinkKind {
        match self {
            NodeKind::Client | NodeKind::Gateway => LinkKind::Route,
            NodeKind::LoadBalancer => LinkKind::Pool,
            NodeKind::Queue => LinkKind::Async,
            _ => LinkKind::Requires,
        }
    }

    /// The cost of one instance when the node gives none (docs/spec/model.md §6): 2 for a
    /// database, 1 for every other kind; 0 for a client, which has no instance to pay for.
    pub fn default_cost(self) -> f64 {
        match self {
            NodeKind::Client => 0.0,
            NodeKind::Database => 2.0,
            _ => 1.0,
        }
    }

    /// Databases and caches are the stores `shared_stores` looks at (docs/spec/model.md §3).
    pub fn is_store(self) -> bool {
        matches!(self, NodeKind::Database | NodeKind::Cache)
    }
}

/// One box of the diagram: a client, or a role played by `replicas` identical instances.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default)]
    pub x: f64,
    #[serde(default)]
    pub y: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicas: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quorum: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability: Option<f64>,
    /// The cost of one instance (docs/spec/model.md §6); see [`Node::instance_cost`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub killed: Vec<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capabilities: Option<Vec<String>>,
    /// The zones its instances run in, instance i in `zones[i mod len]`
    /// (docs/spec/model.md §8); `None`: in no zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zones: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<Extra>,
}

impl Node {
    /// A node of `kind` at (x, y) with every optional field left to its default.
    pub fn new(id: impl Into<String>, kind: NodeKind, x: f64, y: f64) -> Node {
        Node {
            id: id.into(),
            kind,
            label: None,
            x,
            y,
            replicas: None,
            quorum: None,
            availability: None,
            cost: None,
            killed: Vec::new(),
            capabilities: None,
            zones: None,
            extra: None,
        }
    }

    /// The text shown for the node: its label, else its id.
    pub fn label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.id)
    }

    /// Clients are always up and never counted as something that can fail.
    pub fn is_client(&self) -> bool {
        self.kind == NodeKind::Client
    }

    /// Number of identical instances (1 for a client).
    pub fn replicas(&self) -> u32 {
        self.replicas.unwrap_or(1)
    }

    /// Instances that must be up for the node to be alive.
    pub fn quorum(&self) -> u32 {
        self.quorum.unwrap_or(1)
    }

    /// Probability that one instance is up.
    pub fn availability(&self) -> f64 {
        self.availability
            .unwrap_or_else(|| self.kind.default_availability())
    }

    /// The cost of one instance: its `cost`, else its kind's default (2 for a
    /// database, 1 for the other kinds, 0 for a client: docs/spec/model.md §6).
    pub fn instance_cost(&self) -> f64 {
        if self.is_client() {
            return 0.0;
        }
        self.cost.unwrap_or_else(|| self.kind.default_cost())
    }

    /// Whether instance `index` was killed by the user.
    pub fn is_killed(&self, index: u32) -> bool {
        self.killed.contains(&index)
    }

    /// The id of the zone instance `index` runs in (docs/spec/model.md §8), if any.
    pub fn zone_of(&self, index: u32) -> Option<&str> {
        let zones = self.zones.as_ref().filter(|z| !z.is_empty())?;
        Some(zones[index as usize % zones.len()].as_str())
    }

    /// Business functions this node can serve: `[id]` for a service by default.
    pub fn capabilities(&self) -> Vec<&str> {
        match &self.capabilities {
            Some(caps) => caps.iter().map(String::as_str).collect(),
            None if self.kind == NodeKind::Service => vec![self.id.as_str()],
            None => Vec::new(),
        }
    }

    /// Whether this node holds capability `k`.
    pub fn holds(&self, k: &str) -> bool {
        match &self.capabilities {
            Some(caps) => caps.iter().any(|c| c == k),
            None => self.kind == NodeKind::Service && self.id == k,
        }
    }
}

/// How a request or message travels along a link (docs/spec/model.md §1.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Route,
    Pool,
    Requires,
    Optional,
    Async,
}

impl LinkKind {
    /// Every kind, in the spec's order.
    pub const ALL: [LinkKind; 5] = [
        LinkKind::Route,
        LinkKind::Pool,
        LinkKind::Requires,
        LinkKind::Optional,
        LinkKind::Async,
    ];

    /// The name used in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Route => "route",
            LinkKind::Pool => "pool",
            LinkKind::Requires => "requires",
            LinkKind::Optional => "optional",
            LinkKind::Async => "async",
        }
    }

    /// The kind named `name` in a document.
    pub fn from_name(name: &str) -> Option<LinkKind> {
        LinkKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Links a request may travel along when a function is served (docs/spec/model.md §2).
    pub fn carries_requests(self) -> bool {
        matches!(self, LinkKind::Route | LinkKind::Pool | LinkKind::Requires)
    }

    /// Synchronous calls, the links coupling is counted over (docs/spec/model.md §3).
    pub fn is_sync(self) -> bool {
        matches!(self, LinkKind::Requires | LinkKind::Optional)
    }
}

/// A directed edge between two nodes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub from: String,
    pub to: String,
    /// `None`: the default for the `from` node's kind; see [`Document::link_kind`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<LinkKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<Extra>,
}

impl Link {
    /// A link whose kind is left to the default.
    pub fn new(from: impl Into<String>, to: impl Into<String>) -> Link {
        Link {
            from: from.into(),
            to: to.into(),
            kind: None,
            extra: None,
        }
    }

    /// A link of an explicit kind.
    pub fn with_kind(from: impl Into<String>, to: impl Into<String>, kind: LinkKind) -> Link {
        Link {
            kind: Some(kind),
            ..Link::new(from, to)
        }
    }
}

impl Document {
    /// The kind of `link`, its own or the default by its `from` node's kind.
    pub fn link_kind(&self, link: &Link) -> LinkKind {
        link.kind.unwrap_or_else(|| {
            self.node(&link.from)
                .map(|n| n.kind.default_link_kind())
                .unwrap_or(LinkKind::Requires)
        })
    }
}

/// Something users ask the system to do: a client reaching a capability (docs/spec/model.md §1.3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Function {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub client: String,
    pub capability: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<Extra>,
}

impl Function {
    /// The text shown for the function: its label, else its id.
    pub fn label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.id)
    }

    /// Share of traffic used by the weighted mean.
    pub fn weight(&self) -> f64 {
        self.weight.unwrap_or(1.0)
    }
}

/// A zone (docs/spec/model.md §8): a rack, a data centre or a region, whose failure
/// takes down every instance that runs in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `None`: the default, [`Zone::DEFAULT_AVAILABILITY`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability: Option<f64>,
    /// Whether the user killed the zone; `None`: not (written back as the author wrote it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub down: Option<bool>,
}

impl Zone {
    /// A zone's availability when the document gives none.
    pub const DEFAULT_AVAILABILITY: f64 = 0.9999;

    /// A zone with every optional field left to its default.
    pub fn new(id: impl Into<String>) -> Zone {
        Zone {
            id: id.into(),
            label: None,
            availability: None,
            down: None,
        }
    }

    /// The text shown for the zone: its label, else its id.
    pub fn label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.id)
    }

    /// The probability that the zone is up.
    pub fn availability(&self) -> f64 {
        self.availability.unwrap_or(Self::DEFAULT_AVAILABILITY)
    }

    /// Whether the user killed it.
    pub fn is_down(&self) -> bool {
        self.down.unwrap_or(false)
    }
}
