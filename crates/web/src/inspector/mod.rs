//! The inspector: every field of the selected node or link, edited through
//! [`Action`]s. A field commits on `change` (Enter or leaving it). The edit is
//! first tried with [`edit::replace_node`]: a refused value stays in its field,
//! marked invalid, with the validator's words next to it, and nothing is
//! dispatched, so the document never holds an invalid node.
//!
//! [`edit::replace_node`]: topolab_editor::edit::replace_node

mod drafts;
mod fields;
mod instances;
mod link_form;
mod links;
mod node_form;
mod problems;
mod sim_form;
mod text;
mod typed;
mod zones_form;

use std::rc::Rc;

use yew::prelude::*;

use super::lang::Lang;
use topolab_editor::{Action, Selection};
use topolab_engine::Document;

use link_form::link_form;
use node_form::NodeForm;
pub use zones_form::{use_zone_drafts, ZoneDrafts};

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub doc: Rc<Document>,
    pub selection: Selection,
    /// The zones form's refused value ([`use_zone_drafts`]).
    pub zone_drafts: ZoneDrafts,
    pub dispatch: Callback<Action>,
    /// "Split…" was pressed on the service with this id.
    #[prop_or_default]
    pub on_split: Callback<String>,
}

/// The inspector of the selection: a node's form, a link's, several nodes',
/// or a hint when nothing is selected.
pub fn inspector(props: &InspectorProps, lang: Lang) -> Html {
    let (heading, body) = match &props.selection {
        Selection::Nodes(ids) if ids.len() > 1 => (
            text::SELECTION,
            nodes_form(ids.len(), &props.dispatch, lang),
        ),
        Selection::Nodes(ids) => match ids.first().filter(|id| props.doc.node(id).is_some()) {
            Some(id) => (
                text::NODE,
                html! {
                    <NodeForm doc={props.doc.clone()} id={AttrValue::from(id.clone())}
                              dispatch={props.dispatch.clone()} on_split={props.on_split.clone()} />
                },
            ),
            None => (text::REGION, hint(lang)),
        },
        Selection::None => (
            text::REGION,
            html! { <>{ hint(lang) }{ zones_form::zones_form(&props.doc, &props.zone_drafts, &props.dispatch, lang) }</> },
        ),
        Selection::Link { from, to } => (
            text::LINK,
            link_form(&props.doc, from, to, &props.dispatch, lang),
        ),
    };
    html! {
        <section class="inspector" aria-label={text::REGION.get(lang)}>
            <h2>{ heading.get(lang) }</h2>
            { body }
        </section>
    }
}

fn hint(lang: Lang) -> Html {
    html! { <p class="note inspector-hint">{ text::HINT.get(lang) }</p> }
}

/// Enter in a field must not submit (and reload) the page.
fn no_submit() -> Callback<SubmitEvent> {
    Callback::from(|e: SubmitEvent| e.prevent_default())
}

fn nodes_form(n: usize, dispatch: &Callback<Action>, lang: Lang) -> Html {
    let delete = dispatch.reform(|_: MouseEvent| Action::DeleteSelection);
    html! {
        <form class="inspector-form" data-inspector="nodes" onsubmit={no_submit()}>
            <p class="inspector-count">{ text::nodes_selected(n, lang) }</p>
            <div class="inspector-actions">
                <button type="button" class="danger" onclick={delete}>{ text::DELETE.get(lang) }</button>
            </div>
        </form>
    }
}
