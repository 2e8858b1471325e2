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
///
/// A service linked as another backend of a load balancer becomes a copy
/// of its first backend, as whoever draws a cluster means: it takes that
/// backend's capabilities, so both serve the same functions. Only a new
/// service is changed: one of the default capabilities (none written) that
/// nothing else calls yet, where the result stays valid.
pub fn add_link(doc: &Document, from: &str, to: &str) -> Result<Document, String> {
    if let Some(why) = link_refusal(doc, from, to) {
        return Err(why);
    }
    let mut next = doc.clone();
    next.links.push(Link::new(from, to));
    if let Some(capabilities) = first_backend(doc, from, to).map(Node::capabilities) {
        let mut copied = next.clone();
        if let Some(i) = copied.node_index(to) {
            copied.nodes[i].capabilities =
                Some(capabilities.iter().map(|c| c.to_string()).collect());
            if validate(&copied).is_empty() {
                return Ok(copied);
            }
        }
    }
    Ok(next)
}

/// The first service backend of load balancer `lb` that new backend `to`
/// is to copy ([`add_link`]), if `to` is a new service and there is one.
fn first_backend<'a>(doc: &'a Document, lb: &str, to: &str) -> Option<&'a Node> {
    let is_service = |id: &str| doc.node(id).filter(|n| n.kind == NodeKind::Service);
    let new = is_service(to)?;
    let called = doc.links.iter().any(|l| l.to == to);
    if doc.node(lb)?.kind != NodeKind::LoadBalancer || new.capabilities.is_some() || called {
        return None;
    }
    doc.links
        .iter()
        .filter(|l| l.from == lb)
        .find_map(|l| is_service(&l.to))
        .filter(|first| !first.capabilities().is_empty())
}

/// The backend whose copy `to` became when `after` linked it (see
/// [`add_link`]); `None` when the link changed nothing else.
pub fn copied_backend(before: &Document, after: &Document, to: &str) -> Option<String> {
    let (old, new) = (before.node(to)?, after.node(to)?);
    if old.capabilities == new.capabilities {
        return None;
    }
    let link = after.links.last()?;
    first_backend(before, &link.from, to).map(|n| n.id.clone())
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

/// The first point from `near` where a new node of `kind` overlaps no other
/// node, on a 40-unit grid, read as text is: left to right along a row of
/// [`ROW_STEPS`], then the rows below. Nodes added one after another from
/// the palette so stand in a row, as they are read, and never pile up.
pub fn free_spot(doc: &Document, kind: NodeKind, near: (f64, f64)) -> (f64, f64) {
    free_spot_for(doc, node_size(&Node::new("new", kind, 0.0, 0.0)), near)
}

/// Space kept between a placed box and its neighbours.
const GAP: f64 = 16.0;

/// [`free_spot`] for a box of `size` (width, height).
fn free_spot_for(doc: &Document, (w, h): (f64, f64), near: (f64, f64)) -> (f64, f64) {
    const STEP: f64 = 40.0;
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
    (0..100_i32)
        .flat_map(|row| (0..=ROW_STEPS).map(move |col| (col, row)))
        .map(|(col, row)| (cx + f64::from(col) * STEP, cy + f64::from(row) * STEP))
        .find(|&(x, y)| free(x, y))
        .unwrap_or(near)
}

/// How far right of its start a row of [`free_spot`] goes, in 40-unit
/// steps: four nodes side by side.
pub const ROW_STEPS: i32 = 12;

/// `after` (an edit of `before`, such as a split, docs/spec/model.md §4) with each node
/// that `before` did not have and whose box overlaps or touches another node's
/// (closer than [`GAP`]) moved to the nearest free spot ([`free_spot`]); the
/// others keep their place. Only
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
            j != i
                && (n.x - node.x).abs() < (nw + w) / 2.0 + GAP
                && (n.y - node.y).abs() < (nh + h) / 2.0 + GAP
        });
        if overlaps {
            let mut others = out.clone();
            others.nodes.remove(i);
            let (x, y) = free_spot_for(&others, (w, h), (node.x, node.y));
            (out.nodes[i].x, out.nodes[i].y) = (x, y);
        }
    }
    out
}
