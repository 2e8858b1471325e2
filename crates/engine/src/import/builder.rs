//! The document an importer builds: ids made valid and unique, replicas kept in
//! range, links never to a client nor doubled, the document's limits held, each
//! adjustment said in a [`Note`]; then laid out and validated.

use std::collections::HashMap;

use serde_json::Value;

use super::guess::node_id;
use super::{ImportError, Imported, Note, NoteKind};
use crate::document::{Document, Link, LinkKind, Node, NodeKind};
use crate::layout::tidy;
use crate::validate::{validate, MAX_LINKS, MAX_NODES, MAX_REPLICAS};

/// A document under construction, nodes named by the input's names.
#[derive(Debug, Default)]
pub struct Builder {
    nodes: Vec<Node>,
    links: Vec<Link>,
    ids: HashMap<String, String>,
    client: Option<String>,
    /// What was guessed or skipped so far.
    pub notes: Vec<Note>,
}

impl Builder {
    /// An empty builder.
    pub fn new() -> Builder {
        Builder::default()
    }

    /// Says `said` at `place`.
    pub fn note(&mut self, place: impl Into<String>, kind: NoteKind) {
        self.notes.push(Note::new(place, kind));
    }

    /// The id of the node the input calls `name`, if added.
    pub fn id_of(&self, name: &str) -> Option<&str> {
        self.ids.get(name).map(String::as_str)
    }

    /// The kind of the node the input calls `name`, if added.
    pub fn kind_of(&self, name: &str) -> Option<NodeKind> {
        let id = self.id_of(name)?;
        self.nodes.iter().find(|n| n.id == id).map(|n| n.kind)
    }

    /// Adds the node the input calls `name`; its id is `name` made valid and
    /// unique (the name kept as its label when they differ). `None`, with a
    /// note, past the document's limit or for a name already added.
    pub fn add_node(&mut self, name: &str, kind: NodeKind, place: &str) -> Option<String> {
        if self.ids.contains_key(name) {
            self.note(
                place,
                NoteKind::DefinedTwice {
                    name: name.to_string(),
                },
            );
            return None;
        }
        if self.nodes.len() >= MAX_NODES {
            self.note(
                place,
                NoteKind::TooManyNodes {
                    name: name.to_string(),
                    max: MAX_NODES,
                },
            );
            return None;
        }
        let id = self.unique_id(name);
        let mut node = Node::new(id.clone(), kind, 0.0, 0.0);
        if id != name {
            node.label = Some(name.chars().take(80).collect());
            self.note(
                place,
                NoteKind::Renamed {
                    name: name.to_string(),
                    id: id.clone(),
                },
            );
        }
        self.nodes.push(node);
        self.ids.insert(name.to_string(), id.clone());
        Some(id)
    }

    fn unique_id(&self, name: &str) -> String {
        let base = node_id(name);
        let taken = |id: &str| self.nodes.iter().any(|n| n.id == id);
        if !taken(&base) {
            return base;
        }
        (2..)
            .map(|i| {
                let suffix = format!("-{i}");
                let stem: String = base.chars().take(64 - suffix.len()).collect();
                format!("{stem}{suffix}")
            })
            .find(|id| !taken(id))
            .unwrap_or(base)
    }

    fn node_mut(&mut self, id: &str) -> Option<&mut Node> {
        self.nodes.iter_mut().find(|n| n.id == id)
    }

    /// Gives node `id` `replicas` instances, kept within 1..=64 (docs/spec/model.md §1.1).
    pub fn set_replicas(&mut self, id: &str, replicas: i64, place: &str) {
        let max = i64::from(MAX_REPLICAS);
        let kept = replicas.clamp(1, max);
        if kept != replicas {
            self.note(
                place,
                NoteKind::ReplicasClamped {
                    given: replicas,
                    kept,
                    max,
                },
            );
        }
        if let Some(node) = self.node_mut(id) {
            if node.kind != NodeKind::Client && kept > 1 {
                node.replicas = u32::try_from(kept).ok();
            }
        }
    }

    /// Keeps `value` under `key` in node `id`'s `extra`.
    pub fn set_extra(&mut self, id: &str, key: &str, value: Value) {
        if let Some(node) = self.node_mut(id) {
            node.extra
                .get_or_insert_with(Default::default)
                .insert(key.to_string(), value);
        }
    }

    /// Links node `from` to node `to` (ids); `false` when the link was not
    /// added: a loop, to a client, a second link between them, or past the limit.
    pub fn link(&mut self, from: &str, to: &str, kind: LinkKind, place: &str) -> bool {
        self.link_with(from, to, kind, None, place)
    }

    /// [`Builder::link`] with an `extra` for the link.
    pub fn link_with(
        &mut self,
        from: &str,
        to: &str,
        kind: LinkKind,
        extra: Option<serde_json::Map<String, Value>>,
        place: &str,
    ) -> bool {
        if from == to {
            self.note(
                place,
                NoteKind::SelfDependency {
                    id: from.to_string(),
                },
            );
            return false;
        }
        if self.links.iter().any(|l| l.from == from && l.to == to) {
            return false;
        }
        if self.links.len() >= MAX_LINKS {
            self.note(
                place,
                NoteKind::TooManyLinks {
                    from: from.to_string(),
                    to: to.to_string(),
                    max: MAX_LINKS,
                },
            );
            return false;
        }
        let mut link = Link::with_kind(from, to, kind);
        link.extra = extra;
        self.links.push(link);
        true
    }

    /// Puts node `id` behind the diagram's one client (added at the first
    /// entry point, named `client`), with a `route` link.
    pub fn entry(&mut self, id: &str, place: &str) {
        let client = match &self.client {
            Some(c) => c.clone(),
            None => {
                let c = self.unique_id("client");
                self.nodes
                    .insert(0, Node::new(c.clone(), NodeKind::Client, 0.0, 0.0));
                self.client = Some(c.clone());
                c
            }
        };
        self.link(&client, id, LinkKind::Route, place);
    }

    /// Whether a client was added.
    pub fn has_client(&self) -> bool {
        self.client.is_some()
    }

    /// The finished document, laid out and checked.
    pub fn finish(self, title: Option<String>) -> Result<Imported, ImportError> {
        let mut notes = self.notes;
        if self.nodes.is_empty() {
            return Err(ImportError::shape(
                "",
                "nothing to draw: no service was found",
            ));
        }
        if self.client.is_none() {
            notes.push(Note::new("", NoteKind::NoEntryPoint));
        }
        let document = Document {
            title: title.map(|t| t.chars().take(200).collect()),
            nodes: self.nodes,
            links: self.links,
            ..Document::default()
        };
        let document = tidy(&document);
        let problems = validate(&document);
        if !problems.is_empty() {
            return Err(ImportError::Invalid(problems));
        }
        Ok(Imported { document, notes })
    }
}

impl Builder {
    /// Changes the kind of the node the input calls `name`.
    pub fn retype(&mut self, name: &str, kind: NodeKind) {
        if let Some(id) = self.id_of(name).map(str::to_string) {
            if let Some(node) = self.node_mut(&id) {
                node.kind = kind;
            }
        }
    }
}
