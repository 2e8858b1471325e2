//! The document an importer builds: ids made valid and unique, replicas kept in
//! range, links never to a client nor doubled, the document's limits held, each
//! adjustment said in a [`Note`]; then laid out and validated.
//!
//! Lookups are by hash (a 2,000-service file links in linear time), what is
//! left out past the document's limits is said once with its count, and past
//! [`SAME_NOTES`] notes of one kind the rest are counted in one note.

use std::collections::{HashMap, HashSet};
use std::mem::discriminant;

use serde_json::Value;

use super::guess::node_id;
use super::{ImportError, Imported, Note, NoteKind};
use crate::document::{Document, Link, LinkKind, Node, NodeKind, Zone};
use crate::layout::tidy;
use crate::validate::{validate, MAX_LINKS, MAX_NODES, MAX_REPLICAS};

/// Notes of one kind listed before the rest are counted in one note.
pub const SAME_NOTES: usize = 20;

/// A document under construction, nodes named by the input's names.
#[derive(Debug, Default)]
pub struct Builder {
    nodes: Vec<Node>,
    /// Node id -> index in `nodes`.
    index: HashMap<String, usize>,
    links: Vec<Link>,
    linked: HashSet<(String, String)>,
    /// Pairs left out past the limit.
    unlinked: HashSet<(String, String)>,
    /// Ids some link points to.
    called: HashSet<String>,
    /// Input name -> node id.
    ids: HashMap<String, String>,
    client: Option<Node>,
    /// Nodes left out past the limit: (count, the first one's name).
    nodes_dropped: Option<(usize, String)>,
    /// Links left out past the limit: (count, the first one's ends).
    links_dropped: Option<(usize, String, String)>,
    /// How many generic zones (`zone-1`, ...) some node runs in.
    zones: usize,
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
        self.index.get(id).map(|&i| self.nodes[i].kind)
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
        if self.nodes.len() >= MAX_NODES - 1 {
            // One place is kept for the client.
            let dropped = self.nodes_dropped.get_or_insert((0, name.to_string()));
            dropped.0 += 1;
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
        self.index.insert(id.clone(), self.nodes.len());
        self.nodes.push(node);
        self.ids.insert(name.to_string(), id.clone());
        Some(id)
    }

    fn taken(&self, id: &str) -> bool {
        self.index.contains_key(id) || self.client.as_ref().is_some_and(|c| c.id == id)
    }

    fn unique_id(&self, name: &str) -> String {
        let base = node_id(name);
        if !self.taken(&base) {
            return base;
        }
        (2..)
            .map(|i| {
                let suffix = format!("-{i}");
                let stem: String = base.chars().take(64 - suffix.len()).collect();
                format!("{stem}{suffix}")
            })
            .find(|id| !self.taken(id))
            .unwrap_or(base)
    }

    fn node_mut(&mut self, id: &str) -> Option<&mut Node> {
        let i = *self.index.get(id)?;
        self.nodes.get_mut(i)
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

    /// Spreads node `id`'s instances round-robin over the generic zones
    /// `zone-1` to `zone-<k>`, k being its replicas up to `max` (docs/spec/model.md
    /// §8); the document gets those zones. Returns k (0: no such node).
    pub fn spread_over_zones(&mut self, id: &str, max: usize) -> usize {
        let Some(node) = self.node_mut(id).filter(|n| n.kind != NodeKind::Client) else {
            return 0;
        };
        let count = (node.replicas() as usize).clamp(1, max.max(1));
        node.zones = Some((1..=count).map(|i| format!("zone-{i}")).collect());
        self.zones = self.zones.max(count);
        count
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

    /// Whether a link from node `from` to node `to` was added.
    pub fn linked(&self, from: &str, to: &str) -> bool {
        self.linked.contains(&(from.to_string(), to.to_string()))
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
        if self.linked(from, to) {
            return false;
        }
        if self.links.len() >= MAX_LINKS {
            // Each pair counted once, however many times the input names it.
            if self.unlinked.insert((from.to_string(), to.to_string())) {
                let dropped =
                    self.links_dropped
                        .get_or_insert((0, from.to_string(), to.to_string()));
                dropped.0 += 1;
            }
            return false;
        }
        let mut link = Link::with_kind(from, to, kind);
        link.extra = extra;
        self.links.push(link);
        self.linked.insert((from.to_string(), to.to_string()));
        self.called.insert(to.to_string());
        true
    }

    /// Whether any node links to node `id`.
    pub fn is_called(&self, id: &str) -> bool {
        self.called.contains(id)
    }

    /// Puts node `id` behind the client when nothing calls it and it serves
    /// requests (it is not a store): an entry point found when no other was,
    /// said in a note naming the Kubernetes Service in front of it, if any.
    pub fn entry_if_uncalled(&mut self, id: &str, service: Option<&str>, place: &str) {
        let serving = self.index.get(id).is_some_and(|&i| {
            matches!(
                self.nodes[i].kind,
                NodeKind::Service | NodeKind::LoadBalancer | NodeKind::Gateway
            )
        });
        if serving && !self.is_called(id) {
            self.note(
                place,
                NoteKind::UncalledEntry {
                    service: service.map(str::to_string),
                },
            );
            self.entry(id, place);
        }
    }

    /// Puts node `id` behind the diagram's one client (added at the first
    /// entry point, named `client`), with a `route` link.
    pub fn entry(&mut self, id: &str, place: &str) {
        let client = match &self.client {
            Some(c) => c.id.clone(),
            None => {
                let c = self.unique_id("client");
                self.client = Some(Node::new(c.clone(), NodeKind::Client, 0.0, 0.0));
                c
            }
        };
        self.link(&client, id, LinkKind::Route, place);
    }

    /// Whether a client was added.
    pub fn has_client(&self) -> bool {
        self.client.is_some()
    }

    /// The notes, with what was left out past the limits said once each, the
    /// missing entry point said first, and past [`SAME_NOTES`] of one kind the
    /// rest counted.
    fn final_notes(&mut self) -> Vec<Note> {
        let mut notes = Vec::new();
        if self.client.is_none() {
            notes.push(Note::new("", NoteKind::NoEntryPoint));
        }
        if let Some((dropped, name)) = self.nodes_dropped.take() {
            notes.push(Note::new(
                "",
                NoteKind::TooManyNodes {
                    dropped,
                    name,
                    max: MAX_NODES,
                },
            ));
        }
        if let Some((dropped, from, to)) = self.links_dropped.take() {
            notes.push(Note::new(
                "",
                NoteKind::TooManyLinks {
                    dropped,
                    from,
                    to,
                    max: MAX_LINKS,
                },
            ));
        }
        notes.extend(summarised(std::mem::take(&mut self.notes)));
        notes
    }

    /// The finished document, laid out and checked.
    pub fn finish(mut self, title: Option<String>) -> Result<Imported, ImportError> {
        if self.nodes.is_empty() {
            return Err(ImportError::shape(
                "",
                "nothing to draw: no service was found",
            ));
        }
        let notes = self.final_notes();
        let mut nodes = self.nodes;
        if let Some(client) = self.client {
            nodes.insert(0, client);
        }
        let document = Document {
            title: title.map(|t| t.chars().take(200).collect()),
            nodes,
            links: self.links,
            zones: (1..=self.zones)
                .map(|i| Zone::new(format!("zone-{i}")))
                .collect(),
            ..Document::default()
        };
        let document = tidy(&document);
        let problems = validate(&document);
        if !problems.is_empty() {
            return Err(ImportError::Invalid(problems));
        }
        Ok(Imported { document, notes })
    }

    /// Changes the kind of the node the input calls `name`.
    pub fn retype(&mut self, name: &str, kind: NodeKind) {
        if let Some(id) = self.id_of(name).map(str::to_string) {
            if let Some(node) = self.node_mut(&id) {
                node.kind = kind;
            }
        }
    }
}

/// `notes` with at most [`SAME_NOTES`] of each kind; the rest of a kind
/// counted in one [`NoteKind::More`] after its last one listed.
fn summarised(notes: Vec<Note>) -> Vec<Note> {
    let mut seen: HashMap<std::mem::Discriminant<NoteKind>, usize> = HashMap::new();
    for note in &notes {
        *seen.entry(discriminant(&note.kind)).or_default() += 1;
    }
    let mut listed: HashMap<std::mem::Discriminant<NoteKind>, usize> = HashMap::new();
    let mut out = Vec::new();
    for note in notes {
        let d = discriminant(&note.kind);
        let n = listed.entry(d).or_default();
        *n += 1;
        if *n <= SAME_NOTES {
            let total = seen.get(&d).copied().unwrap_or(0);
            let last = *n == SAME_NOTES && total > SAME_NOTES;
            let like = note.kind.clone();
            out.push(note);
            if last {
                out.push(Note::new(
                    "",
                    NoteKind::More {
                        count: total - SAME_NOTES,
                        like: Box::new(like),
                    },
                ));
            }
        }
    }
    out
}
