//! The node form's refused values: what the user typed in a field the
//! validator refused, and why, until the field is accepted or the document or
//! the selected node changes.

use std::rc::Rc;

use yew::prelude::*;

use topolab_engine::Document;

use super::super::lang::Text;

use super::fields::Field;

/// A value the validator refused, kept in its field with the reasons.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Refused {
    pub(super) field: Field,
    pub(super) text: String,
    /// NoteKind in both languages, so that a switch of language translates them.
    pub(super) messages: Vec<Text>,
}

/// The refused values of one node of one document: stale (and so not shown)
/// as soon as the document or the selected node changes.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Drafts {
    base: Option<(Rc<Document>, AttrValue)>,
    refused: Vec<Refused>,
}

pub(super) enum DraftAction {
    Refuse {
        doc: Rc<Document>,
        id: AttrValue,
        refused: Refused,
    },
    Accept(Field),
}

impl Drafts {
    pub(super) fn for_node(&self, doc: &Rc<Document>, id: &str) -> &[Refused] {
        match &self.base {
            Some((d, i)) if Rc::ptr_eq(d, doc) && i == id => &self.refused,
            _ => &[],
        }
    }
}

impl Reducible for Drafts {
    type Action = DraftAction;

    fn reduce(self: Rc<Self>, action: DraftAction) -> Rc<Self> {
        match action {
            DraftAction::Refuse { doc, id, refused } => {
                let mut kept = self.for_node(&doc, &id).to_vec();
                kept.retain(|r| r.field != refused.field);
                kept.push(refused);
                Rc::new(Drafts {
                    base: Some((doc, id)),
                    refused: kept,
                })
            }
            DraftAction::Accept(field) => {
                if !self.refused.iter().any(|r| r.field == field) {
                    return self;
                }
                let refused = self
                    .refused
                    .iter()
                    .filter(|r| r.field != field)
                    .cloned()
                    .collect();
                Rc::new(Drafts {
                    base: self.base.clone(),
                    refused,
                })
            }
        }
    }
}
