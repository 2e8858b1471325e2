//! Connecting two nodes, whichever way it was asked for: a drag from a
//! node's handle ([`crate::gesture`]) or the keyboard's `C` then Enter. Both
//! come here, so both refuse the same links with the same words.

use crate::edit::{self, Refusal};
use crate::Action;
use topolab_engine::i18n::Lang;
use topolab_engine::Document;

/// Why two nodes were not connected.
#[derive(Clone, Debug, PartialEq)]
pub enum NoLink {
    /// The target is the node the link starts from.
    SameNode,
    /// The editor refuses this link.
    Refused(Refusal),
}

impl NoLink {
    /// What to tell the user, in `lang`, as a sentence.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (NoLink::SameNode, Lang::En) => "Choose another node to connect to.".into(),
            (NoLink::SameNode, Lang::Zh) => "请选择另一个节点作为连线目标。".into(),
            (NoLink::Refused(why), Lang::En) => format!("No link: {}.", why.message(lang)),
            (NoLink::Refused(why), Lang::Zh) => format!("无法连线：{}。", why.message(lang)),
        }
    }
}

/// The action that links `from -> to` (it also selects the new link), or why there is none.
pub fn connect(doc: &Document, from: &str, to: &str) -> Result<Action, NoLink> {
    if from == to {
        return Err(NoLink::SameNode);
    }
    match edit::why_no_link(doc, from, to) {
        Some(why) => Err(NoLink::Refused(why)),
        None => Ok(Action::AddLink {
            from: from.to_string(),
            to: to.to_string(),
        }),
    }
}
