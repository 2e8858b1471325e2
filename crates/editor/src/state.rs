//! [`EditorState`]: the document being edited, its undo history and the
//! selection; [`Action`]: everything a user can do to it.

use std::rc::Rc;

use super::edit;
use super::zones;
use topolab_engine::layout::{needs_layout, tidy};
use topolab_engine::{Document, LinkKind, Node, NodeKind};

/// What is selected: nothing, some nodes (the last one is the primary, which
/// `k`, `r` and the inspector act on), or one link.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Selection {
    #[default]
    None,
    Nodes(Vec<String>),
    Link {
        from: String,
        to: String,
    },
}

impl Selection {
    /// Just this node.
    pub fn node(id: impl Into<String>) -> Selection {
        Selection::Nodes(vec![id.into()])
    }

    /// The selected nodes (none when a link is selected).
    pub fn nodes(&self) -> &[String] {
        match self {
            Selection::Nodes(ids) => ids,
            _ => &[],
        }
    }

    /// The node the keyboard and the inspector act on: the last one selected.
    pub fn primary(&self) -> Option<&str> {
        self.nodes().last().map(String::as_str)
    }

    /// Whether node `id` is selected.
    pub fn has_node(&self, id: &str) -> bool {
        self.nodes().iter().any(|n| n == id)
    }

    /// Whether link `from -> to` is selected.
    pub fn has_link(&self, from: &str, to: &str) -> bool {
        matches!(self, Selection::Link { from: f, to: t } if f == from && t == to)
    }

    /// The selection without what `doc` no longer has.
    fn within(self, doc: &Document) -> Selection {
        match self {
            Selection::Nodes(mut ids) => {
                ids.retain(|id| doc.node(id).is_some());
                if ids.is_empty() {
                    Selection::None
                } else {
                    Selection::Nodes(ids)
                }
            }
            Selection::Link { from, to }
                if doc.links.iter().any(|l| l.from == from && l.to == to) =>
            {
                Selection::Link { from, to }
            }
            _ => Selection::None,
        }
    }
}

/// How many past states undo can go back through.
pub const UNDO_LIMIT: usize = 200;

/// One user intention. Positions and topology are told apart: a move never
/// changes [`EditorState::topology_rev`], so the analysis is not re-run by a drag.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Replace the whole document (open, preset, import); undoable. A document
    /// without positions of its own is laid out first ([`needs_layout`]).
    Load(Rc<Document>),
    /// Lay the document out again ([`tidy`]) and fit the view to it; undoable.
    Tidy,
    /// Change the topology to `doc` in one step (a split applied, docs/spec/model.md §4):
    /// undoable like any edit; unlike [`Action::Load`] the view is fitted
    /// again only when `doc` has new nodes, and the selection keeps what `doc`
    /// still has. Nothing happens when `doc` equals the document as it is.
    Replace(Rc<Document>),
    /// A node was dropped at (x, y) after a drag.
    MoveNode {
        id: String,
        x: f64,
        y: f64,
    },
    /// Several nodes were dropped after a drag of the selection: one undo step.
    MoveNodes(Vec<(String, f64, f64)>),
    /// Add a node of `kind` at (x, y) with a fresh id, and select it.
    AddNode {
        kind: NodeKind,
        x: f64,
        y: f64,
    },
    /// Link `from -> to` with the default kind, and select the link. Refused
    /// (nothing changes) where [`edit::link_refusal`] says why not.
    AddLink {
        from: String,
        to: String,
    },
    /// Set the kind of link `from -> to` (`None`: the default for its `from` node).
    SetLinkKind {
        from: String,
        to: String,
        kind: Option<LinkKind>,
    },
    /// Remove link `from -> to`.
    DeleteLink {
        from: String,
        to: String,
    },
    /// Replace node `id` by `node` (the inspector's edits; a new id renames it).
    /// Refused when the result would not validate ([`edit::replace_node`]).
    UpdateNode {
        id: String,
        /// Boxed: a node is the largest thing an action carries.
        node: Box<Node>,
    },
    /// Kill instance `index` of node `id` if it is up, revive it if it is killed.
    ToggleInstance {
        id: String,
        index: u32,
    },
    /// Kill (`killed: true`) or revive instance `index` of node `id`.
    SetInstance {
        id: String,
        index: u32,
        killed: bool,
    },
    /// Kill the lowest-numbered instance of `id` that is still up.
    KillOne {
        id: String,
    },
    /// Kill every instance of `id` (the "kill node" button).
    KillAll {
        id: String,
    },
    /// Revive every instance of `id`.
    ReviveAll {
        id: String,
    },
    /// Take zone `id` down (`down: true`, docs/spec/model.md §8) or bring it back:
    /// every instance in it goes down or comes back at once. A zone brought back
    /// loses its `down` field (the default, up).
    SetZoneDown {
        id: String,
        down: bool,
    },
    /// Add a zone with a fresh id ([`zones::new_zone_id`]) and default fields.
    AddZone,
    /// Label zone `id` (`""`: no label, its id is shown).
    RenameZone {
        id: String,
        label: String,
    },
    /// Set zone `id`'s availability (`None`: the default). Refused (nothing
    /// changes) unless `0 < a <= 1`.
    SetZoneAvailability {
        id: String,
        availability: Option<f64>,
    },
    /// Remove zone `id` and every node's reference to it.
    RemoveZone {
        id: String,
    },
    /// Put node `id` in `zones` (empty: in no zone).
    SetNodeZones {
        id: String,
        zones: Vec<String>,
    },
    /// Put node `id`'s instances round-robin over every zone of the document.
    SpreadOverZones {
        id: String,
    },
    /// Remove a node, its links, and the functions that named it as their client
    /// or whose capability no node holds any more.
    DeleteNode {
        id: String,
    },
    /// Remove whatever is selected: its nodes (with their links) or its link.
    DeleteSelection,
    /// Select this, replacing the selection.
    Select(Selection),
    /// Add node `id` to the selection, or take it out if it is in (shift+click).
    ToggleSelected(String),
    Undo,
    Redo,
}

/// What an action did beyond what was asked, for the page to say.
#[derive(Clone, Debug, PartialEq)]
pub enum Aside {
    /// A new link made `backend` another copy of `like`, a load balancer's
    /// first backend: it took its capabilities ([`edit::add_link`]).
    Copied { backend: String, like: String },
}

impl Action {
    /// Whether the action leaves the document as it is (it only changes the
    /// selection): all a read-only page (`?readonly=1`) lets through. Any
    /// action not named here changes the document, so is refused there.
    pub fn leaves_document(&self) -> bool {
        matches!(self, Action::Select(_) | Action::ToggleSelected(_))
    }

    /// Whether the action only tries failures or looks: kills and revivals (of
    /// instances and of zones), moves, selection, undo and redo, but no node,
    /// link or field edited, added or removed. All an embedded diagram
    /// (`?embed=1`) lets its readers do.
    pub fn explores(&self) -> bool {
        self.leaves_document()
            || matches!(
                self,
                Action::ToggleInstance { .. }
                    | Action::SetInstance { .. }
                    | Action::KillOne { .. }
                    | Action::KillAll { .. }
                    | Action::ReviveAll { .. }
                    | Action::SetZoneDown { .. }
                    | Action::MoveNode { .. }
                    | Action::MoveNodes(_)
                    | Action::Undo
                    | Action::Redo
            )
    }
}

/// A document together with the revision of its topology (everything but positions).
#[derive(Clone, Debug, PartialEq)]
struct Snapshot {
    doc: Rc<Document>,
    topology_rev: u64,
}

/// The editor's whole state.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorState {
    current: Snapshot,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    next_rev: u64,
    loads: u64,
    fits: u64,
    aside: Option<Aside>,
    /// What is selected.
    pub selection: Selection,
}

impl EditorState {
    /// A fresh editor on `doc`, with no history.
    pub fn new(doc: Document) -> EditorState {
        EditorState {
            current: Snapshot {
                doc: opened(Rc::new(doc)),
                topology_rev: 0,
            },
            undo: Vec::new(),
            redo: Vec::new(),
            next_rev: 1,
            loads: 0,
            fits: 0,
            aside: None,
            selection: Selection::None,
        }
    }

    /// The document as it is now.
    pub fn doc(&self) -> &Rc<Document> {
        &self.current.doc
    }

    /// Changes whenever anything but positions changes; equal revisions mean
    /// equal topologies, so analysis can be memoised on it.
    pub fn topology_rev(&self) -> u64 {
        self.current.topology_rev
    }

    /// How many documents were opened with [`Action::Load`]: a view fits itself
    /// to a newly opened document, not to every edit.
    pub fn load_count(&self) -> u64 {
        self.loads
    }

    /// How many times the view should have been fitted to the document anew:
    /// a document opened, laid out by [`Action::Tidy`], or grown by
    /// [`Action::Replace`] (a split's new nodes are then in view).
    pub fn fit_count(&self) -> u64 {
        self.fits
    }

    /// What the last action did beyond what was asked, if anything.
    pub fn aside(&self) -> Option<&Aside> {
        self.aside.as_ref()
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The state after `action`. Actions that name a node that no longer exists
    /// change nothing.
    pub fn apply(&self, action: Action) -> EditorState {
        let mut next = self.clone();
        next.aside = None;
        match action {
            Action::Load(doc) => {
                next.selection = Selection::None;
                next.loads += 1;
                next.fits += 1;
                next.commit(opened(doc), true);
            }
            Action::Tidy => {
                let doc = tidy(&next.current.doc);
                next.fits += 1;
                if doc != *next.current.doc {
                    next.commit(Rc::new(doc), false);
                }
            }
            Action::Replace(doc) => {
                if *doc != *next.current.doc {
                    let old = &next.current.doc;
                    if doc.nodes.iter().any(|n| old.node(&n.id).is_none()) {
                        next.fits += 1;
                    }
                    next.selection = std::mem::take(&mut next.selection).within(&doc);
                    next.commit(doc, true);
                }
            }
            Action::MoveNode { id, x, y } => {
                if !(x.is_finite() && y.is_finite()) {
                    return next;
                }
                next.edit_node(&id, false, |n| {
                    if n.x == x && n.y == y {
                        return false;
                    }
                    n.x = x;
                    n.y = y;
                    true
                });
            }
            Action::ToggleInstance { id, index } => {
                next.edit_node(&id, true, |n| {
                    if n.is_client() || index >= n.replicas() {
                        return false;
                    }
                    if let Some(at) = n.killed.iter().position(|&k| k == index) {
                        n.killed.remove(at);
                    } else {
                        n.killed.push(index);
                        topolab_engine::sorting::sort(&mut n.killed);
                    }
                    true
                });
            }
            Action::SetInstance { id, index, killed } => {
                next.edit_node(&id, true, |n| {
                    if n.is_client() || index >= n.replicas() || n.is_killed(index) == killed {
                        return false;
                    }
                    if killed {
                        n.killed.push(index);
                        topolab_engine::sorting::sort(&mut n.killed);
                    } else {
                        n.killed.retain(|&k| k != index);
                    }
                    true
                });
            }
            Action::KillOne { id } => {
                next.edit_node(&id, true, |n| {
                    let Some(index) = (0..n.replicas()).find(|i| !n.is_killed(*i)) else {
                        return false;
                    };
                    if n.is_client() {
                        return false;
                    }
                    n.killed.push(index);
                    topolab_engine::sorting::sort(&mut n.killed);
                    true
                });
            }
            Action::KillAll { id } => {
                next.edit_node(&id, true, |n| {
                    if n.is_client() || n.killed.len() as u32 == n.replicas() {
                        return false;
                    }
                    n.killed = (0..n.replicas()).collect();
                    true
                });
            }
            Action::ReviveAll { id } => {
                next.edit_node(&id, true, |n| {
                    let changed = !n.killed.is_empty();
                    n.killed.clear();
                    changed
                });
            }
            Action::SetZoneDown { id, down } => {
                let Some(i) = next.current.doc.zone_index(&id) else {
                    return next;
                };
                if next.current.doc.zones[i].is_down() != down {
                    let mut doc = (*next.current.doc).clone();
                    doc.zones[i].down = down.then_some(true);
                    next.commit(Rc::new(doc), true);
                }
            }
            Action::AddZone
            | Action::RenameZone { .. }
            | Action::SetZoneAvailability { .. }
            | Action::RemoveZone { .. }
            | Action::SetNodeZones { .. }
            | Action::SpreadOverZones { .. } => {
                if let Ok(doc) = zone_edit(&next.current.doc, &action) {
                    if doc != *next.current.doc {
                        next.commit(Rc::new(doc), true);
                    }
                }
            }
            Action::MoveNodes(moves) => {
                let mut doc = (*next.current.doc).clone();
                let mut changed = false;
                for (id, x, y) in moves {
                    if !(x.is_finite() && y.is_finite()) {
                        continue;
                    }
                    if let Some(n) = doc.nodes.iter_mut().find(|n| n.id == id) {
                        if n.x != x || n.y != y {
                            (n.x, n.y) = (x, y);
                            changed = true;
                        }
                    }
                }
                if changed {
                    next.commit(Rc::new(doc), false);
                }
            }
            Action::AddNode { kind, x, y } => {
                if !(x.is_finite() && y.is_finite())
                    || edit::node_refusal(&next.current.doc).is_some()
                {
                    return next;
                }
                let mut doc = (*next.current.doc).clone();
                let id = edit::new_node_id(&doc, kind);
                doc.nodes
                    .push(Node::new(id.clone(), kind, x.round(), y.round()));
                next.selection = Selection::node(id);
                next.commit(Rc::new(doc), true);
            }
            Action::AddLink { from, to } => {
                if let Ok(doc) = edit::add_link(&next.current.doc, &from, &to) {
                    let like = edit::copied_backend(&next.current.doc, &doc, &to);
                    next.aside = like.map(|like| Aside::Copied {
                        backend: to.clone(),
                        like,
                    });
                    next.selection = Selection::Link { from, to };
                    next.commit(Rc::new(doc), true);
                }
            }
            Action::SetLinkKind { from, to, kind } => {
                if let Some(doc) = edit::set_link_kind(&next.current.doc, &from, &to, kind) {
                    if doc != *next.current.doc {
                        next.commit(Rc::new(doc), true);
                    }
                }
            }
            Action::DeleteLink { from, to } => {
                if let Some(doc) = edit::remove_link(&next.current.doc, &from, &to) {
                    next.selection = std::mem::take(&mut next.selection).within(&doc);
                    next.commit(Rc::new(doc), true);
                }
            }
            Action::UpdateNode { id, node } => {
                let new_id = node.id.clone();
                if let Ok(doc) = edit::replace_node(&next.current.doc, &id, *node) {
                    if doc != *next.current.doc {
                        if let Selection::Nodes(ids) = &mut next.selection {
                            for s in ids.iter_mut().filter(|s| **s == id) {
                                s.clone_from(&new_id);
                            }
                        }
                        next.commit(Rc::new(doc), true);
                    }
                }
            }
            Action::DeleteNode { id } => {
                if let Some(doc) = edit::remove_node(&next.current.doc, &id) {
                    next.selection = std::mem::take(&mut next.selection).within(&doc);
                    next.commit(Rc::new(doc), true);
                }
            }
            Action::DeleteSelection => {
                let doc = match &next.selection {
                    Selection::None => None,
                    Selection::Link { from, to } => edit::remove_link(&next.current.doc, from, to),
                    Selection::Nodes(ids) => {
                        ids.iter().try_fold((*next.current.doc).clone(), |doc, id| {
                            Some(edit::remove_node(&doc, id).unwrap_or(doc))
                        })
                    }
                };
                if let Some(doc) = doc {
                    next.selection = Selection::None;
                    next.commit(Rc::new(doc), true);
                }
            }
            Action::Select(selection) => {
                next.selection = selection.within(&next.current.doc);
            }
            Action::ToggleSelected(id) => {
                if next.current.doc.node(&id).is_none() {
                    return next;
                }
                let mut ids = next.selection.nodes().to_vec();
                if let Some(at) = ids.iter().position(|s| *s == id) {
                    ids.remove(at);
                } else {
                    ids.push(id);
                }
                next.selection = Selection::Nodes(ids).within(&next.current.doc);
            }
            Action::Undo => {
                if let Some(prev) = next.undo.pop() {
                    let now = std::mem::replace(&mut next.current, prev);
                    next.redo.push(now);
                    next.selection = std::mem::take(&mut next.selection).within(&next.current.doc);
                }
            }
            Action::Redo => {
                if let Some(then) = next.redo.pop() {
                    let now = std::mem::replace(&mut next.current, then);
                    next.undo.push(now);
                    next.selection = std::mem::take(&mut next.selection).within(&next.current.doc);
                }
            }
        }
        next
    }

    /// Applies `change` to a copy of node `id`; commits when it says it changed something.
    fn edit_node(
        &mut self,
        id: &str,
        topology: bool,
        change: impl FnOnce(&mut topolab_engine::Node) -> bool,
    ) {
        let Some(i) = self.current.doc.node_index(id) else {
            return;
        };
        let mut doc = (*self.current.doc).clone();
        if change(&mut doc.nodes[i]) {
            self.commit(Rc::new(doc), topology);
        }
    }

    fn commit(&mut self, doc: Rc<Document>, topology: bool) {
        let topology_rev = if topology {
            self.next_rev += 1;
            self.next_rev
        } else {
            self.current.topology_rev
        };
        let prev = std::mem::replace(&mut self.current, Snapshot { doc, topology_rev });
        self.undo.push(prev);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }
}

/// What a zone action makes of `doc` (any other action: `doc` as it is), or why not.
pub fn zone_edit(doc: &Document, action: &Action) -> Result<Document, zones::ZoneRefusal> {
    match action {
        Action::AddZone => zones::add_zone(doc),
        Action::RenameZone { id, label } => zones::rename_zone(doc, id, label),
        Action::SetZoneAvailability { id, availability } => {
            zones::set_zone_availability(doc, id, *availability)
        }
        Action::RemoveZone { id } => zones::remove_zone(doc, id),
        Action::SetNodeZones { id, zones: list } => zones::set_node_zones(doc, id, list),
        Action::SpreadOverZones { id } => zones::spread_over_zones(doc, id),
        _ => Ok(doc.clone()),
    }
}

/// `doc` as it opens: laid out when it has no positions of its own.
fn opened(doc: Rc<Document>) -> Rc<Document> {
    if needs_layout(&doc) {
        Rc::new(tidy(&doc))
    } else {
        doc
    }
}
