//! Splitting a service in two (docs/spec/model.md §4), as a pure function on documents.

use std::collections::HashSet;
use std::fmt;

use super::document::{Document, Link, LinkKind, Node, NodeKind};
use super::validate::is_valid_id;

/// How the service that stays and the one split off talk afterwards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitLink {
    /// The old service calls the new one synchronously.
    Requires,
    /// Through a new queue: the old one publishes, the new one consumes.
    Async,
    /// Not at all.
    None,
}

impl SplitLink {
    /// The name used by the CLI's `--link`.
    pub fn from_name(name: &str) -> Option<SplitLink> {
        match name {
            "requires" => Some(SplitLink::Requires),
            "async" => Some(SplitLink::Async),
            "none" => Some(SplitLink::None),
            _ => None,
        }
    }
}

/// What to split: which node, which capabilities move, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct SplitRequest {
    pub node: String,
    pub capabilities: Vec<String>,
    pub link: SplitLink,
    pub own_database: bool,
}

/// Why a split cannot be done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SplitError {
    NoSuchNode(String),
    NotAService { node: String, kind: NodeKind },
    NothingToMove,
    NotHeld { node: String, capability: String },
    Duplicate(String),
    WouldMoveEverything { node: String },
}

impl fmt::Display for SplitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SplitError::NoSuchNode(id) => write!(f, "no node with id {id:?}"),
            SplitError::NotAService { node, kind } => write!(
                f,
                "{node:?} is a {}: only a service can be split",
                kind.as_str().replace('_', " ")
            ),
            SplitError::NothingToMove => write!(f, "name at least one capability to move"),
            SplitError::NotHeld { node, capability } => {
                write!(f, "{node:?} does not hold the capability {capability:?}")
            }
            SplitError::Duplicate(c) => write!(f, "the capability {c:?} is named twice"),
            SplitError::WouldMoveEverything { node } => write!(
                f,
                "that would move every capability of {node:?}: keep at least one"
            ),
        }
    }
}

impl std::error::Error for SplitError {}

/// `base`, or `base-2`, `base-3`, ... : the first that no node uses; characters
/// an id may not hold become `-` and the result stays within 64 characters.
fn unique_id(base: &str, taken: &HashSet<String>) -> String {
    let clean: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let fit = |s: &str, room: usize| s.chars().take(room).collect::<String>();
    let first = fit(&clean, 64);
    if !taken.contains(&first) && is_valid_id(&first) {
        return first;
    }
    (2u32..)
        .map(|n| {
            let suffix = format!("-{n}");
            format!("{}{suffix}", fit(&clean, 64 - suffix.len()))
        })
        .find(|id| !taken.contains(id))
        .unwrap_or(first)
}

/// Applies docs/spec/model.md §4: moves `req.capabilities` of service `req.node` to a new
/// service placed after it, twins its incoming routes, links the two as asked
/// and gives the new one its own database or its predecessor's stores.
pub fn split(doc: &Document, req: &SplitRequest) -> Result<Document, SplitError> {
    let vi = doc
        .node_index(&req.node)
        .ok_or_else(|| SplitError::NoSuchNode(req.node.clone()))?;
    let v = &doc.nodes[vi];
    if v.kind != NodeKind::Service {
        return Err(SplitError::NotAService {
            node: v.id.clone(),
            kind: v.kind,
        });
    }
    if req.capabilities.is_empty() {
        return Err(SplitError::NothingToMove);
    }
    let held = v.capabilities();
    let mut seen = HashSet::new();
    for c in &req.capabilities {
        if !held.contains(&c.as_str()) {
            return Err(SplitError::NotHeld {
                node: v.id.clone(),
                capability: c.clone(),
            });
        }
        if !seen.insert(c.as_str()) {
            return Err(SplitError::Duplicate(c.clone()));
        }
    }
    let kept: Vec<String> = held
        .iter()
        .filter(|c| !seen.contains(**c))
        .map(|c| c.to_string())
        .collect();
    if kept.is_empty() {
        return Err(SplitError::WouldMoveEverything { node: v.id.clone() });
    }

    let mut taken: HashSet<String> = doc.nodes.iter().map(|n| n.id.clone()).collect();
    let new_id = unique_id(&format!("{}-{}", v.id, req.capabilities[0]), &taken);
    taken.insert(new_id.clone());
    let label: String = req.capabilities.join("+").chars().take(80).collect();
    let new_node = Node {
        label: Some(label),
        replicas: v.replicas,
        quorum: v.quorum,
        availability: v.availability,
        capabilities: Some(req.capabilities.clone()),
        ..Node::new(new_id.clone(), NodeKind::Service, v.x + 160.0, v.y)
    };

    let mut out = doc.clone();
    out.nodes[vi].capabilities = Some(kept);
    let mut added = vec![new_node];
    let mut links: Vec<Link> = doc
        .links
        .iter()
        .filter(|l| l.to == v.id && matches!(doc.link_kind(l), LinkKind::Route | LinkKind::Pool))
        .map(|l| Link {
            to: new_id.clone(),
            extra: None,
            ..l.clone()
        })
        .collect();
    match req.link {
        SplitLink::Requires => links.push(Link::with_kind(&v.id, &new_id, LinkKind::Requires)),
        SplitLink::Async => {
            let queue = unique_id(&format!("{new_id}-events"), &taken);
            taken.insert(queue.clone());
            added.push(Node::new(&queue, NodeKind::Queue, v.x + 80.0, v.y + 100.0));
            links.push(Link::with_kind(&v.id, &queue, LinkKind::Requires));
            links.push(Link::with_kind(&queue, &new_id, LinkKind::Async));
        }
        SplitLink::None => {}
    }
    if req.own_database {
        let db = unique_id(&format!("{new_id}-db"), &taken);
        added.push(Node::new(&db, NodeKind::Database, v.x + 320.0, v.y));
        links.push(Link::with_kind(&new_id, &db, LinkKind::Requires));
    } else {
        links.extend(
            doc.links
                .iter()
                .filter(|l| l.from == v.id && doc.link_kind(l) == LinkKind::Requires)
                .filter(|l| doc.node(&l.to).is_some_and(|n| n.kind.is_store()))
                .map(|l| Link {
                    from: new_id.clone(),
                    extra: None,
                    ..l.clone()
                }),
        );
    }
    out.nodes.splice(vi + 1..vi + 1, added);
    out.links.extend(links);
    Ok(out)
}
