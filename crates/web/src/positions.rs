//! Node positions as a small shared store outside the component tree.
//!
//! A drag changes one position many times a second. Keeping positions here,
//! with the diagram's layer ([`super::layer`]) listening, means a pointer move
//! rewrites only the moved node's and its links' attributes: the canvas, the
//! other nodes and the analysis are never touched (STYLE.md, "Yew habits").

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use yew::Callback;

use topolab_engine::Document;

type Point = (f64, f64);

#[derive(Default)]
struct Inner {
    positions: HashMap<Rc<str>, Point>,
    /// ImportMessage the id of every node that moves.
    listeners: Vec<(u64, Callback<Rc<str>>)>,
    next_token: u64,
}

/// The store; shared by `Rc` and compared by identity in props.
#[derive(Clone, Default)]
pub struct Positions(Rc<RefCell<Inner>>);

impl PartialEq for Positions {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Keeps a listener listening while alive; stops it when dropped.
pub struct Subscription {
    store: Weak<RefCell<Inner>>,
    token: u64,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(store) = self.store.upgrade() {
            if let Ok(mut inner) = store.try_borrow_mut() {
                inner.listeners.retain(|(t, _)| *t != self.token);
            }
        }
    }
}

impl Positions {
    /// Where node `id` is drawn.
    pub fn get(&self, id: &str) -> Point {
        self.0
            .borrow()
            .positions
            .get(id)
            .copied()
            .unwrap_or((0.0, 0.0))
    }

    /// Moves node `id` and tells the listeners.
    pub fn set(&self, id: &str, at: Point) {
        let (key, listeners) = {
            let mut inner = self.0.borrow_mut();
            let key = match inner.positions.get_key_value(id) {
                Some((_, p)) if *p == at => return,
                Some((key, _)) => key.clone(),
                None => Rc::from(id),
            };
            inner.positions.insert(key.clone(), at);
            let listeners: Vec<_> = inner.listeners.iter().map(|(_, cb)| cb.clone()).collect();
            (key, listeners)
        };
        for cb in listeners {
            cb.emit(key.clone());
        }
    }

    /// Calls `on_move` with the id of every node that moves, for as long as the result lives.
    pub fn listen(&self, on_move: Callback<Rc<str>>) -> Subscription {
        let mut inner = self.0.borrow_mut();
        inner.next_token += 1;
        let token = inner.next_token;
        inner.listeners.push((token, on_move));
        Subscription {
            store: Rc::downgrade(&self.0),
            token,
        }
    }

    /// Takes the document's positions (after a load, undo or redo), telling
    /// the listeners of the nodes that moved.
    pub fn sync(&self, doc: &Document) {
        for node in &doc.nodes {
            self.set(&node.id, (node.x, node.y));
        }
        let mut inner = self.0.borrow_mut();
        if inner.positions.len() > doc.nodes.len() {
            let ids: std::collections::HashSet<&str> =
                doc.nodes.iter().map(|n| n.id.as_str()).collect();
            inner.positions.retain(|k, _| ids.contains(&**k));
        }
    }
}
