//! Which diagram the page opens (UI.md "URL"): the address's `#d=`, else its
//! `#preset=`, else the autosave (not in an embed), else the cluster preset.
//! A broken address never breaks the page: it says what is wrong and opens
//! the next choice.

use crate::model::presets::preset;
use crate::model::share::decode_document;
use crate::model::{Document, Problem};

use super::storage;

/// Where the opened diagram came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Address,
    Preset(&'static str),
    Autosave,
    Default,
}

/// What the page opens with.
#[derive(Clone, Debug, PartialEq)]
pub struct Opening {
    pub doc: Document,
    pub source: Source,
    /// Something the user should know (a broken link, an unreadable autosave).
    pub notice: Option<String>,
    /// The autosave as found on arrival (kept, never overwritten silently).
    pub autosaved_text: Option<String>,
    /// The autosaved diagram, when the page opened something else and it differs.
    pub other_autosave: Option<Document>,
}

const DEFAULT_PRESET: &str = "cluster";

fn problems_text(problems: &[Problem]) -> String {
    let mut lines: Vec<String> = problems.iter().take(3).map(|p| p.to_string()).collect();
    if problems.len() > 3 {
        lines.push(format!("and {} more", problems.len() - 3));
    }
    lines.join("; ")
}

/// The diagram the address names (`#d=`, else `#preset=`) and where it came
/// from, or what is wrong with it; `None` when it names none. Read when the
/// page opens and when the address changes.
pub fn from_address() -> Option<Result<(Document, Source), String>> {
    if let Some(data) = storage::address_data() {
        return Some(
            decode_document(&data)
                .map(|doc| (doc, Source::Address))
                .map_err(|problems| {
                    format!(
                        "The diagram in this link could not be opened: {}.",
                        problems_text(&problems)
                    )
                }),
        );
    }
    let name = storage::address_preset()?;
    Some(
        preset(&name)
            .map(|p| (p.document(), Source::Preset(p.name)))
            .ok_or_else(|| format!("There is no preset called {name:?}.")),
    )
}

/// Decides what the page opens with; without `use_autosave` (an embed) the
/// autosave is neither opened nor read.
pub fn opening(use_autosave: bool) -> Opening {
    let autosaved_text = if use_autosave {
        storage::autosaved_text()
    } else {
        None
    };
    let autosaved = autosaved_text.as_deref().map(storage::read_autosave);
    let (chosen, mut notice) = match from_address() {
        Some(Ok(chosen)) => (Some(chosen), None),
        Some(Err(notice)) => (None, Some(notice)),
        None => (None, None),
    };
    let (doc, source) = match (chosen, &autosaved) {
        (Some(chosen), _) => chosen,
        (None, Some(Ok(doc))) => (doc.clone(), Source::Autosave),
        (None, autosave) => {
            if let Some(Err(problems)) = autosave {
                notice = Some(format!(
                    "Your autosaved diagram could not be read ({}); it is kept in this browser's storage.",
                    problems_text(problems)
                ));
            }
            let doc = preset(DEFAULT_PRESET)
                .map(|p| p.document())
                .unwrap_or_default();
            (doc, Source::Default)
        }
    };
    let other_autosave = match (&source, autosaved) {
        (Source::Address | Source::Preset(_), Some(Ok(saved))) if saved != doc => Some(saved),
        _ => None,
    };
    Opening {
        doc,
        source,
        notice,
        autosaved_text,
        other_autosave,
    }
}
