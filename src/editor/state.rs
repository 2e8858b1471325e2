//! [`EditorState`]: the document being edited, its undo history and the
//! selection; [`Action`]: everything a user can do to it.

use std::rc::Rc;

use crate::model::Document;

/// How many past states undo can go back through.
pub const UNDO_LIMIT: usize = 200;

/// One user intention. Positions and topology are told apart: a move never
/// changes [`EditorState::topology_rev`], so the analysis is not re-run by a drag.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Replace the whole document (open, preset, import); undoable.
    Load(Rc<Document>),
    /// A node was dropped at (x, y) after a drag.
    MoveNode {
        id: String,
        x: f64,
        y: f64,
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
    /// Revive every instance of `id`.
    ReviveAll {
        id: String,
    },
    /// Remove a node, its links, and the functions that named it as their client
    /// or whose capability no node holds any more.
    DeleteNode {
        id: String,
    },
    /// Select a node, or nothing.
    Select(Option<String>),
    Undo,
    Redo,
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
    /// The selected node's id.
    pub selected: Option<String>,
}

impl EditorState {
    /// A fresh editor on `doc`, with no history.
    pub fn new(doc: Document) -> EditorState {
        EditorState {
            current: Snapshot {
                doc: Rc::new(doc),
                topology_rev: 0,
            },
            undo: Vec::new(),
            redo: Vec::new(),
            next_rev: 1,
            loads: 0,
            selected: None,
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
        match action {
            Action::Load(doc) => {
                next.selected = None;
                next.loads += 1;
                next.commit(doc, true);
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
                        n.killed.sort_unstable();
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
                        n.killed.sort_unstable();
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
                    n.killed.sort_unstable();
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
            Action::DeleteNode { id } => {
                let Some(i) = next.current.doc.node_index(&id) else {
                    return next;
                };
                let mut doc = (*next.current.doc).clone();
                doc.nodes.remove(i);
                doc.links.retain(|l| l.from != id && l.to != id);
                if let Some(functions) = &mut doc.functions {
                    let nodes = &doc.nodes;
                    functions
                        .retain(|f| f.client != id && nodes.iter().any(|n| n.holds(&f.capability)));
                }
                if next.selected.as_deref() == Some(id.as_str()) {
                    next.selected = None;
                }
                next.commit(Rc::new(doc), true);
            }
            Action::Select(id) => next.selected = id,
            Action::Undo => {
                if let Some(prev) = next.undo.pop() {
                    let now = std::mem::replace(&mut next.current, prev);
                    next.redo.push(now);
                }
            }
            Action::Redo => {
                if let Some(then) = next.redo.pop() {
                    let now = std::mem::replace(&mut next.current, then);
                    next.undo.push(now);
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
        change: impl FnOnce(&mut crate::model::Node) -> bool,
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
