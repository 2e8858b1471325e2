//! The validator's problems in the user's words: each one with the field,
//! link or function it is about.

use topolab_engine::{Document, Node, Problem};

use super::super::lang::{Lang, Text};
use super::text;

/// Where a problem is, in the user's words: a field of the edited node, a link
/// or a function; the validator's path for anything else.
fn place(doc: &Document, index: usize, path: &str, lang: Lang) -> String {
    let node_prefix = format!("nodes[{index}].");
    if let Some(field) = path.strip_prefix(&node_prefix) {
        let name = match field.split('[').next().unwrap_or(field) {
            "id" => text::ID,
            "label" => text::LABEL,
            "replicas" => text::REPLICAS,
            "quorum" => text::QUORUM,
            "availability" => text::AVAILABILITY,
            "capabilities" => text::CAPABILITIES,
            "killed" => text::KILLED_INSTANCES,
            _ => return path.to_string(),
        };
        return name.get(lang).to_string();
    }
    let indexed = |prefix: &str| {
        path.strip_prefix(prefix)?
            .split(']')
            .next()?
            .parse::<usize>()
            .ok()
    };
    let label = |id: &str| doc.node(id).map_or(id, Node::label).to_string();
    if let Some(link) = indexed("links[").and_then(|i| doc.links.get(i)) {
        return text::link_place(&label(&link.from), &label(&link.to), lang);
    }
    if let Some(f) = indexed("functions[").and_then(|i| doc.functions.as_ref()?.get(i)) {
        return text::function_place(f.label(), lang);
    }
    path.to_string()
}

/// The validator's problems as lines naming their place, in both languages,
/// read against the document as it is (indices of links and functions do not
/// change in an edit).
pub(super) fn messages(doc: &Document, index: usize, problems: &[Problem]) -> Vec<Text> {
    problems
        .iter()
        .map(|p| {
            Text::of(|lang| {
                text::problem(&place(doc, index, &p.path, lang), p.message_in(lang), lang)
            })
        })
        .collect()
}
