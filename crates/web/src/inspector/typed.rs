//! What a value typed in a field of the node form makes of the node, before
//! the validator sees it; or, in the user's words (in both languages), why it
//! cannot be read.

use topolab_engine::units::read_availability;
use topolab_engine::{Document, Node, NodeKind};

use super::super::lang::Text;
use super::fields::Field;
use super::text;

/// `node` with `field` set from what the user typed, or why it cannot be read.
/// A value equal to the current one leaves the node as it is.
pub(super) fn edited(doc: &Document, node: &Node, field: Field, typed: &str) -> Result<Node, Text> {
    let mut n = node.clone();
    let typed = typed.trim();
    match field {
        Field::Id => {
            if typed != node.id {
                if let Some(other) = doc.node(typed) {
                    return Err(Text::of(|lang| text::id_taken(typed, other.label(), lang)));
                }
                n.id = typed.to_string();
            }
        }
        Field::Label => {
            n.label = (!typed.is_empty()).then(|| typed.to_string());
            if n.label.as_deref().unwrap_or(&n.id) == node.label() {
                n.label.clone_from(&node.label);
            }
        }
        Field::Kind => {
            let Some(kind) = NodeKind::from_name(typed) else {
                return Err(Text::of(|_| typed.to_string()));
            };
            n.kind = kind;
            if kind == NodeKind::Client && node.kind != NodeKind::Client {
                let callers: Vec<&str> = doc
                    .links
                    .iter()
                    .filter(|l| l.to == node.id)
                    .map(|l| doc.node(&l.from).map_or(l.from.as_str(), Node::label))
                    .collect();
                if !callers.is_empty() {
                    return Err(Text::of(|lang| text::client_called(&callers, lang)));
                }
                // A client is always up: none of these apply to it (docs/spec/model.md §1.1).
                n.replicas = None;
                n.quorum = None;
                n.availability = None;
                n.killed.clear();
                n.capabilities = None;
            }
        }
        Field::Replicas => {
            let max = topolab_engine::validate::MAX_REPLICAS;
            let r: u32 = typed
                .parse()
                .map_err(|_| Text::of(|lang| text::whole_number(&max.to_string(), lang)))?;
            if r != node.replicas() {
                n.replicas = Some(r);
                // Fewer instances: the ones that are gone are no longer killed.
                n.killed.retain(|&k| k < r);
            }
        }
        Field::Quorum => {
            let q: u32 = typed.parse().map_err(|_| {
                Text::of(|lang| text::whole_number(&node.replicas().to_string(), lang))
            })?;
            if q != node.quorum() {
                n.quorum = Some(q);
            }
        }
        Field::Availability => {
            if typed.is_empty() {
                // Empty: the kind's default.
                n.availability = None;
            } else {
                let a = read_availability(typed).map_err(|e| Text::of(|lang| e.message(lang)))?;
                if a != node.availability() {
                    n.availability = Some(a);
                }
            }
        }
        Field::Capabilities => {
            let mut caps: Vec<String> = Vec::new();
            for cap in typed.split([',', '，', '、']).map(str::trim) {
                if !cap.is_empty() && !caps.iter().any(|c| c == cap) {
                    caps.push(cap.to_string());
                }
            }
            // Empty: the kind's default (`[id]` for a service).
            n.capabilities = (!caps.is_empty()).then_some(caps);
        }
    }
    Ok(n)
}
