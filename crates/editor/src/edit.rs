//! Edits of a [`Document`] as pure functions: add a node, link two nodes,
//! replace a node (renaming it where its id changed). The reducer applies
//! them; the inspector calls them first to show what the validator would say.

use std::collections::HashSet;

use topolab_engine::geometry::node_size;
use topolab_engine::i18n::Lang;
use topolab_engine::validate::{no_node, validate, MAX_LINKS, MAX_NODES};
use topolab_engine::{Document, Link, LinkKind, Node, NodeKind, Problem};

/// An id no node of `doc` has, made from `base`: `base`, else `base-2`, `base-3`, ...
pub fn fresh_id(doc: &Document, base: &str) -> String {
    let taken: HashSet<&str> = doc.nodes.iter().map(|n| n.id.as_str()).collect();
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|i| format!("{base}-{i}"))
        .find(|id| !taken.contains(id.as_str()))
        .unwrap_or_else(|| base.to_string())
}

/// The id a new node of `kind` gets: a short name for its kind (`lb`, `db`,
/// `service-2`), short enough to show whole in its box.
pub fn new_node_id(doc: &Document, kind: NodeKind) -> String {
    let base = match kind {
        NodeKind::LoadBalancer => "lb",
        NodeKind::Database => "db",
        NodeKind::External => "api",
        other => other.as_str(),
    };
    fresh_id(doc, base)
}

/// Why a node or a link cannot be added, to be said in the viewer's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The diagram has [`MAX_NODES`] nodes already.
    TooManyNodes,
    /// The diagram has [`MAX_LINKS`] links already.
    TooManyLinks,
    /// No node has this id.
    NoNode(String),
    /// A link from a node to itself.
    SelfLink,
    /// A link to a client (its label).
    ToClient(String),
    /// The link is there already (the two labels).
    Exists(String, String),
}

impl Refusal {
    /// Why, in `lang`: words a user can act on, without a full stop.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Refusal::TooManyNodes, Lang::En) => {
                format!("a diagram holds at most {MAX_NODES} nodes")
            }
            (Refusal::TooManyNodes, Lang::Zh) => format!("一张图最多 {MAX_NODES} 个节点"),
            (Refusal::TooManyLinks, Lang::En) => {
                format!("a diagram holds at most {MAX_LINKS} links")
            }
            (Refusal::TooManyLinks, Lang::Zh) => format!("一张图最多 {MAX_LINKS} 条连线"),
            (Refusal::NoNode(id), Lang::En) => format!("no node with id {id:?}"),
            (Refusal::NoNode(id), Lang::Zh) => format!("没有 ID 为 {id:?} 的节点"),
            (Refusal::SelfLink, Lang::En) => "a node cannot link to itself".into(),
            (Refusal::SelfLink, Lang::Zh) => "节点不能连向自己".into(),
            (Refusal::ToClient(label), Lang::En) => {
                format!("{label} is a client: clients send requests, nothing calls them")
            }
            (Refusal::ToClient(label), Lang::Zh) => {
                format!("“{label}”是客户端：客户端只发出请求，不会被调用")
            }
            (Refusal::Exists(from, to), Lang::En) => format!("{from} already links to {to}"),
            (Refusal::Exists(from, to), Lang::Zh) => format!("“{from}”已经连向“{to}”"),
        }
    }
}

/// Why a node of this kind cannot be added, if it cannot.
pub fn node_refusal(doc: &Document) -> Option<String> {
    why_no_node(doc).map(|r| r.message(Lang::En))
}

/// [`node_refusal`] as a [`Refusal`].
pub fn why_no_node(doc: &Document) -> Option<Refusal> {
    (doc.nodes.len() >= MAX_NODES).then_some(Refusal::TooManyNodes)
}

/// Why a link `from -> to` cannot be drawn, in words a user can act on; `None` when it can.
pub fn link_refusal(doc: &Document, from: &str, to: &str) -> Option<String> {
    why_no_link(doc, from, to).map(|r| r.message(Lang::En))
}

/// [`link_refusal`] as a [`Refusal`].
pub fn why_no_link(doc: &Document, from: &str, to: &str) -> Option<Refusal> {
    let Some(source) = doc.node(from) else {
        return Some(Refusal::NoNode(from.to_string()));
    };
    let Some(target) = doc.node(to) else {
        return Some(Refusal::NoNode(to.to_string()));
    };
    if from == to {
        return Some(Refusal::SelfLink);
    }
    if target.is_client() {
        return Some(Refusal::ToClient(target.label().to_string()));
    }
    if doc.links.iter().any(|l| l.from == from && l.to == to) {
        return Some(Refusal::Exists(
            source.label().to_string(),
            target.label().to_string(),
        ));
    }
    if doc.links.len() >= MAX_LINKS {
        return Some(Refusal::TooManyLinks);
    }
    None
}

/// `doc` with a new link `from -> to` of the default kind, or why not.
pub fn add_link(doc: &Document, from: &str, to: &str) -> Result<Document, String> {
    if let Some(why) = link_refusal(doc, from, to) {
        return Err(why);
    }
    let mut next = doc.clone();
    next.links.push(Link::new(from, to));
    Ok(next)
}

/// `doc` with the kind of link `from -> to` set (`None`: the default for its
/// `from` node); `None` when there is no such link.
pub fn set_link_kind(
    doc: &Document,
    from: &str,
    to: &str,
    kind: Option<LinkKind>,
) -> Option<Document> {
    let i = doc
        .links
        .iter()
        .position(|l| l.from == from && l.to == to)?;
    let mut next = doc.clone();
    next.links[i].kind = kind;
    Some(next)
}

/// `doc` with node `id` replaced by `node`; when `node.id` differs, every link
/// and function naming the old id follows the new one (and functions on a
/// service's default capability, which is its id, follow too).
///
/// Returns the validator's problems when the result would not be a valid
/// document: the editor never holds an invalid one.
pub fn replace_node(doc: &Document, id: &str, node: Node) -> Result<Document, Vec<Problem>> {
    let Some(i) = doc.node_index(id) else {
        return Err(vec![no_node("nodes", id)]);
    };
    let mut next = doc.clone();
    let old = std::mem::replace(&mut next.nodes[i], node);
    let new_id = next.nodes[i].id.clone();
    if new_id != id {
        for link in &mut next.links {
            if link.from == id {
                link.from = new_id.clone();
            }
            if link.to == id {
                link.to = new_id.clone();
            }
        }
        let capability_follows = old.kind == NodeKind::Service
            && old.capabilities.is_none()
            && next.nodes[i].capabilities.is_none()
            && !next.nodes.iter().any(|n| n.holds(id));
        if let Some(functions) = &mut next.functions {
            for f in functions.iter_mut() {
                if f.client == id {
                    f.client = new_id.clone();
                }
                if capability_follows && f.capability == id {
                    f.capability = new_id.clone();
                }
            }
        }
    }
    let problems = validate(&next);
    if problems.is_empty() {
        Ok(next)
    } else {
        Err(problems)
    }
}

/// `doc` without node `id`, its links, and the functions that named it as
/// their client or whose capability no node holds any more.
pub fn remove_node(doc: &Document, id: &str) -> Option<Document> {
    let i = doc.node_index(id)?;
    let mut next = doc.clone();
    next.nodes.remove(i);
    next.links.retain(|l| l.from != id && l.to != id);
    if let Some(functions) = &mut next.functions {
        let nodes = &next.nodes;
        functions.retain(|f| f.client != id && nodes.iter().any(|n| n.holds(&f.capability)));
    }
    Some(next)
}

/// `doc` without link `from -> to`; `None` when there is no such link.
pub fn remove_link(doc: &Document, from: &str, to: &str) -> Option<Document> {
    let i = doc
        .links
        .iter()
        .position(|l| l.from == from && l.to == to)?;
    let mut next = doc.clone();
    next.links.remove(i);
    Some(next)
}

/// The point nearest `near` where a new node of `kind` overlaps no other node,
/// searched on rings of a 40-unit grid: palette clicks never pile nodes up.
pub fn free_spot(doc: &Document, kind: NodeKind, near: (f64, f64)) -> (f64, f64) {
    const STEP: f64 = 40.0;
    const GAP: f64 = 16.0;
    let (w, h) = node_size(&Node::new("new", kind, 0.0, 0.0));
    let free = |x: f64, y: f64| {
        doc.nodes.iter().all(|n| {
            let (nw, nh) = node_size(n);
            (n.x - x).abs() >= (nw + w) / 2.0 + GAP || (n.y - y).abs() >= (nh + h) / 2.0 + GAP
        })
    };
    let (cx, cy) = (
        (near.0 / STEP).round() * STEP,
        (near.1 / STEP).round() * STEP,
    );
    for ring in 0..60_i32 {
        for dy in -ring..=ring {
            for dx in -ring..=ring {
                if dx.abs().max(dy.abs()) != ring {
                    continue;
                }
                let (x, y) = (cx + f64::from(dx) * STEP, cy + f64::from(dy) * STEP);
                if free(x, y) {
                    return (x, y);
                }
            }
        }
    }
    near
}

/// `after` (an edit of `before`, such as a split, docs/spec/model.md §4) with each node
/// that `before` did not have and whose box overlaps another node's moved to
/// the nearest free spot ([`free_spot`]); the others keep their place. Only
/// positions change, so the topology and every figure stay as they were.
pub fn place_new_nodes(before: &Document, after: Document) -> Document {
    let mut out = after;
    for i in 0..out.nodes.len() {
        if before.node(&out.nodes[i].id).is_some() {
            continue;
        }
        let node = &out.nodes[i];
        let (w, h) = node_size(node);
        let overlaps = out.nodes.iter().enumerate().any(|(j, n)| {
            let (nw, nh) = node_size(n);
            j != i && (n.x - node.x).abs() < (nw + w) / 2.0 && (n.y - node.y).abs() < (nh + h) / 2.0
        });
        if overlaps {
            let mut others = out.clone();
            others.nodes.remove(i);
            let (x, y) = free_spot(&others, node.kind, (node.x, node.y));
            (out.nodes[i].x, out.nodes[i].y) = (x, y);
        }
    }
    out
}
