//! OpenTelemetry/Jaeger dependency lists: a JSON array of
//! `{"parent", "child", "callCount"}` (or Jaeger's API answer `{"data": [...]}`).
//! Every name is a node (its kind guessed from the name: a `postgres` or
//! `redis` span names its store), every pair a `requires` link keeping
//! `callCount` in its `extra`, and the services nothing calls are the entry
//! points behind one client.

use serde_json::{Map, Value};

use super::builder::Builder;
use super::guess::{guess, Guess};
use super::{ImportError, Imported, NoteKind};
use crate::document::{LinkKind, NodeKind};

/// The diagram a dependency list describes.
pub fn import(text: &str) -> Result<Imported, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError::Syntax {
        line: Some(e.line()),
        message: strip_position(e.to_string()),
    })?;
    let (items, base) = match &value {
        Value::Array(items) => (items, String::new()),
        Value::Object(o) => match o.get("data") {
            Some(Value::Array(items)) => (items, "data".to_string()),
            _ => {
                return Err(ImportError::shape(
                    "",
                    "expected an array of {parent, child, callCount}",
                ))
            }
        },
        _ => {
            return Err(ImportError::shape(
                "",
                "expected an array of {parent, child, callCount}",
            ))
        }
    };
    let mut b = Builder::new();
    let mut pairs: Vec<(String, String, Option<Value>, String)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let place = format!("{base}[{i}]");
        let name = |key: &str| {
            item.get(key)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
        };
        match (name("parent"), name("child")) {
            (Some(p), Some(c)) => {
                pairs.push((
                    p.to_string(),
                    c.to_string(),
                    item.get("callCount").cloned(),
                    place.clone(),
                ));
            }
            _ => {
                b.note(&place, NoteKind::NotAPair);
                continue;
            }
        }
        if let Some(o) = item.as_object() {
            for key in o.keys() {
                if !["parent", "child", "callCount", "source"].contains(&key.as_str()) {
                    b.note(format!("{place}.{key}"), NoteKind::NotUnderstood);
                }
            }
        }
    }
    let mut names: Vec<&str> = Vec::new();
    for (p, c, _, _) in &pairs {
        for n in [p.as_str(), c.as_str()] {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    for &name in &names {
        let kind = match guess(name, false) {
            Guess::Kind(k) => {
                b.note(name, NoteKind::KindFromName { kind: k });
                k
            }
            _ => NodeKind::Service,
        };
        b.add_node(name, kind, name);
    }
    let mut called: Vec<&str> = Vec::new();
    for (p, c, count, place) in &pairs {
        let (Some(from), Some(to)) = (
            b.id_of(p).map(str::to_string),
            b.id_of(c).map(str::to_string),
        ) else {
            continue;
        };
        let extra = count.clone().map(|n| {
            let mut m = Map::new();
            m.insert("callCount".to_string(), n);
            m
        });
        if b.link_with(&from, &to, LinkKind::Requires, extra, place) && p != c {
            called.push(c.as_str());
        }
    }
    let roots: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| !called.contains(n))
        .collect();
    if roots.is_empty() {
        if let Some(first) = names.first().and_then(|n| b.id_of(n)).map(str::to_string) {
            b.note(
                "",
                NoteKind::AllCalled {
                    first: first.clone(),
                },
            );
            b.entry(&first, "");
        }
    }
    for root in roots {
        if let Some(id) = b.id_of(root).map(str::to_string) {
            b.entry(&id, root);
        }
    }
    b.finish(None)
}

/// serde_json's message without its " at line L column C" (the line is said first).
fn strip_position(mut message: String) -> String {
    if let Some(at) = message.find(" at line ") {
        message.truncate(at);
    }
    message
}
