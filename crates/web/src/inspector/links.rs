//! A node's links in its form, each a button that selects the link, and in a
//! link's form its two ends, each a button back to that node: so a keyboard
//! user reaches and edits every link (its kind, its traffic settings) without
//! pointing at a line.

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use topolab_editor::{Action, Selection};
use topolab_engine::{Document, LinkKind, Node};

use super::super::lang::{Lang, Localized};
use super::text;
use topolab_engine::i18n::l;

const LINKS: Localized = l("Links", "连接");
const NO_LINKS: Localized = l(
    "No link yet: C connects it to another node.",
    "还没有连接：按 C 把它连到另一个节点。",
);
const SELECT_END: Localized = l("Select this node", "选中这个节点");

/// The kind a link has in effect: its own, else its source's default.
fn kind_of(doc: &Document, from: &str, kind: Option<LinkKind>) -> LinkKind {
    kind.unwrap_or_else(|| {
        doc.node(from)
            .map_or(LinkKind::Requires, |n| n.kind.default_link_kind())
    })
}

fn label<'a>(doc: &'a Document, id: &'a str) -> &'a str {
    doc.node(id).map_or(id, Node::label)
}

/// Moves the focus, once the inspector shows the new selection, to the
/// element `selector` names (a button that selected something is gone).
fn focus_later(selector: &'static str) {
    Timeout::new(0, move || {
        let found = gloo::utils::document()
            .query_selector(selector)
            .ok()
            .flatten();
        if let Some(el) = found.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    })
    .forget();
}

/// The node `id`'s links, outgoing then incoming, as buttons selecting them.
pub(super) fn node_links(
    doc: &Document,
    id: &str,
    dispatch: &Callback<Action>,
    lang: Lang,
) -> Html {
    let outgoing = doc.links.iter().filter(|l| l.from == id);
    let incoming = doc.links.iter().filter(|l| l.to == id);
    let items: Vec<Html> = outgoing
        .map(|link| (link, true))
        .chain(incoming.map(|link| (link, false)))
        .map(|(link, out)| {
            let kind = kind_of(doc, &link.from, link.kind);
            let other = if out { &link.to } else { &link.from };
            let arrow = if out { "→" } else { "←" };
            let (name, kind) = (label(doc, other), text::link_kind_option(kind, lang));
            let words = match lang {
                Lang::En => format!("{arrow} {name} ({kind})"),
                Lang::Zh => format!("{arrow} {name}（{kind}）"),
            };
            let (from, to) = (link.from.clone(), link.to.clone());
            let key = format!("{from}->{to}");
            let onclick = dispatch.reform(move |_: MouseEvent| {
                focus_later("#inspector-link-kind");
                Action::Select(Selection::Link {
                    from: from.clone(),
                    to: to.clone(),
                })
            });
            html! {
                <li key={key.clone()}>
                    <button type="button" class="link-choice" data-inspector-link={key} {onclick}>
                        { words }
                    </button>
                </li>
            }
        })
        .collect();
    html! {
        <fieldset class="node-links" data-node-links="">
            <legend>{ LINKS.get(lang) }</legend>
            if items.is_empty() {
                <p class="field-hint">{ NO_LINKS.get(lang) }</p>
            } else {
                <ul class="node-links-list">{ for items }</ul>
            }
        </fieldset>
    }
}

/// A link's end as a button that selects that node.
pub(super) fn link_end(doc: &Document, id: &str, dispatch: &Callback<Action>, lang: Lang) -> Html {
    let node = id.to_string();
    let onclick = dispatch.reform(move |_: MouseEvent| {
        focus_later("#inspector-label");
        Action::Select(Selection::node(node.clone()))
    });
    html! {
        <button type="button" class="link-end" data-inspector-end={id.to_string()}
                title={SELECT_END.get(lang)} {onclick}>{ label(doc, id).to_string() }</button>
    }
}
