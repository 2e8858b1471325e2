//! Node positions as a small shared store outside the component tree.
//!
//! A drag changes one position many times a second. Keeping positions here,
//! with each node view and link view subscribed to the positions it draws,
//! means a pointer move re-renders only those views: the canvas, the other
//! nodes and the analysis are never touched (STYLE.md, "Yew habits").

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use yew::Callback;

use crate::model::Document;

type Point = (f64, f64);

#[derive(Default)]
struct Inner {
    positions: HashMap<Rc<str>, Point>,
    subscribers: HashMap<Rc<str>, Vec<(u64, Callback<()>)>>,
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

/// Keeps a view subscribed while alive; unsubscribes when dropped.
pub struct Subscription {
    store: Weak<RefCell<Inner>>,
    id: Rc<str>,
    token: u64,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(store) = self.store.upgrade() {
            if let Ok(mut inner) = store.try_borrow_mut() {
                if let Some(list) = inner.subscribers.get_mut(&self.id) {
                    list.retain(|(t, _)| *t != self.token);
                }
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

    /// Moves node `id` and tells the views that draw it.
    pub fn set(&self, id: &str, at: Point) {
        let listeners = {
            let mut inner = self.0.borrow_mut();
            match inner.positions.get_mut(id) {
                Some(p) if *p == at => return,
                Some(p) => *p = at,
                None => {
                    inner.positions.insert(Rc::from(id), at);
                }
            }
            inner
                .subscribers
                .get(id)
                .map(|l| l.iter().map(|(_, cb)| cb.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        for cb in listeners {
            cb.emit(());
        }
    }

    /// Calls `on_change` whenever node `id` moves, for as long as the result lives.
    pub fn subscribe(&self, id: &str, on_change: Callback<()>) -> Subscription {
        let mut inner = self.0.borrow_mut();
        inner.next_token += 1;
        let token = inner.next_token;
        let key: Rc<str> = Rc::from(id);
        inner
            .subscribers
            .entry(key.clone())
            .or_default()
            .push((token, on_change));
        Subscription {
            store: Rc::downgrade(&self.0),
            id: key,
            token,
        }
    }

    /// Takes the document's positions (after a load, undo or redo), notifying
    /// only the views whose node moved.
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
