//! The form of the selected node: each field commits on `change`, is tried
//! against the validator first, and a refused value stays in its field with
//! the reasons; then the node's instances and deleting it.

use std::rc::Rc;

use yew::prelude::*;

use topolab_editor::{edit, Action};
use topolab_engine::units::{
    availability_text, downtime_hours_per_year, downtime_in, nines, nines_in, percent,
};
use topolab_engine::{Document, Node, NodeKind};

use super::super::lang::{use_lang, Lang, Text};

use super::drafts::{DraftAction, Drafts, Refused};
use super::fields::{error_list, text_field, Choice, Field, FieldInput};
use super::instances::instances;
use super::problems::messages;
use super::sim_form::SimSettings;
use super::typed::edited;
use super::{hint, no_submit, text};
use crate::split::words as split_words;
use crate::typing::use_typing;
use topolab_engine::sim::SimTarget;

#[derive(Properties, PartialEq)]
pub(super) struct NodeFormProps {
    pub(super) doc: Rc<Document>,
    pub(super) id: AttrValue,
    pub(super) dispatch: Callback<Action>,
    pub(super) on_split: Callback<String>,
}

#[function_component(NodeForm)]
pub(super) fn node_form(props: &NodeFormProps) -> Html {
    let drafts = use_reducer(Drafts::default);
    let lang = use_lang();
    // A commit that changes nothing ("03" for 3) still shows the value as the document has it.
    let redraw = use_force_update();
    let typing = use_typing();
    let (Some(index), Some(node)) = (props.doc.node_index(&props.id), props.doc.node(&props.id))
    else {
        return hint(lang);
    };
    let refused = drafts.for_node(&props.doc, &props.id);
    let refusal = |field: Field| refused.iter().find(|r| r.field == field);

    let commit = commit_callback(props, index, node, drafts.dispatcher(), redraw.clone());
    let input = |field: Field, value: String| FieldInput {
        field,
        value: refusal(field).map_or(value, |r| r.text.clone()),
        refused: refusal(field),
        input_type: "text",
        inputmode: None,
        min: None,
        max: None,
        placeholder: None,
        hint: None,
        commit: commit.clone(),
        typing: (typing.clone(), props.id.clone()),
        lang,
    };

    let kind_field = kind_field(node, refusal(Field::Kind), &commit, lang);
    let instance_fields = match node.is_client() {
        true => html! {},
        false => instance_fields(props, index, &input, lang),
    };
    let delete = {
        let id = props.id.to_string();
        props
            .dispatch
            .reform(move |_: MouseEvent| Action::DeleteNode { id: id.clone() })
    };
    // A service with two capabilities or more can be split: said first, as
    // the form runs long (instances, links, traffic settings).
    let split = (node.kind == NodeKind::Service && node.capabilities().len() >= 2).then(|| {
        let (id, on_split) = (props.id.to_string(), props.on_split.clone());
        let onclick = move |_: MouseEvent| on_split.emit(id.clone());
        html! {
            <div class="inspector-actions">
                <button type="button" {onclick} title={split_words::OPEN_TITLE.get(lang)}
                        data-split-open="">{ split_words::OPEN.get(lang) }</button>
            </div>
        }
    });
    html! {
        <form class="inspector-form" data-inspector="node" data-kind={node.kind.as_str()}
              onsubmit={no_submit()}>
            { split.unwrap_or_default() }
            { text_field(FieldInput {
                hint: Some(text::ID_HINT.get(lang).to_string()),
                ..input(Field::Id, node.id.clone())
            }) }
            { text_field(FieldInput {
                placeholder: Some(node.id.clone()),
                ..input(Field::Label, node.label.clone().unwrap_or_default())
            }) }
            { kind_field }
            { instance_fields }
            { super::links::node_links(&props.doc, &props.id, &props.dispatch, lang) }
            <div class="inspector-actions">
                <button type="button" class="danger" onclick={delete}>{ text::DELETE_NODE.get(lang) }</button>
            </div>
        </form>
    }
}

/// What a field's commit does: the value typed is tried on the node, then
/// against the validator; accepted, the node is replaced (one undoable
/// action); refused, it stays in its field with the reasons.
fn commit_callback(
    props: &NodeFormProps,
    index: usize,
    node: &Node,
    drafts: UseReducerDispatcher<Drafts>,
    redraw: UseForceUpdateHandle,
) -> Callback<(Field, String)> {
    let (doc, id, dispatch) = (props.doc.clone(), props.id.clone(), props.dispatch.clone());
    let node = node.clone();
    Callback::from(move |(field, typed): (Field, String)| {
        let outcome = edited(&doc, &node, field, &typed)
            .map_err(|message| {
                vec![Text::of(|lang| {
                    text::problem(field.title().get(lang), message.get(lang), lang)
                })]
            })
            .and_then(|candidate| {
                if candidate == node {
                    return Ok(None);
                }
                edit::replace_node(&doc, &id, candidate.clone())
                    .map(|_| Some(candidate))
                    .map_err(|problems| messages(&doc, index, &problems))
            });
        match outcome {
            Ok(change) => {
                drafts.dispatch(DraftAction::Accept(field));
                match change {
                    Some(node) => dispatch.emit(Action::UpdateNode {
                        id: id.to_string(),
                        node: Box::new(node),
                    }),
                    None => redraw.force_update(),
                }
            }
            Err(messages) => drafts.dispatch(DraftAction::Refuse {
                doc: doc.clone(),
                id: id.clone(),
                refused: Refused {
                    field,
                    text: typed,
                    messages,
                },
            }),
        }
    })
}

/// The kind's menu, showing the refused choice if there is one.
fn kind_field(
    node: &Node,
    refused: Option<&Refused>,
    commit: &Callback<(Field, String)>,
    lang: Lang,
) -> Html {
    let kinds: Vec<(AttrValue, String)> = NodeKind::ALL
        .into_iter()
        .map(|k| {
            (
                AttrValue::from(k.as_str()),
                text::kind_name(k, lang).to_string(),
            )
        })
        .collect();
    let kind_value = refused.map_or(node.kind.as_str().to_string(), |r| r.text.clone());
    html! {
        <div class={classes!("field-row", refused.map(|_| "invalid"))}>
            <label for={Field::Kind.dom_id()}>{ text::KIND.get(lang) }</label>
            <Choice name="kind" id={Field::Kind.dom_id()} value={AttrValue::from(kind_value)}
                    options={Rc::new(kinds)} invalid={refused.is_some()}
                    described_by={refused.map(|_| AttrValue::from(format!("{}-error", Field::Kind.dom_id())))}
                    onchange={commit.reform(|name: String| (Field::Kind, name))} />
            { error_list(Field::Kind, refused, lang) }
        </div>
    }
}

/// A server node's fields: replicas, quorum, availability, capabilities,
/// its instances and its traffic settings (`node` at `index` in the document).
fn instance_fields<'a>(
    props: &NodeFormProps,
    index: usize,
    input: &dyn Fn(Field, String) -> FieldInput<'a>,
    lang: Lang,
) -> Html {
    let node = &props.doc.nodes[index];
    let a = node.availability();
    let replicas = node.replicas();
    let is_service = node.kind == NodeKind::Service;
    let caps = node
        .capabilities
        .as_ref()
        .map(|c| c.join(", "))
        .unwrap_or_default();
    html! {
        <>
            { text_field(FieldInput {
                input_type: "number",
                inputmode: Some("numeric"),
                min: Some(1),
                max: Some(topolab_engine::validate::MAX_REPLICAS),
                hint: Some(text::REPLICAS_HINT.get(lang).to_string()),
                ..input(Field::Replicas, replicas.to_string())
            }) }
            { text_field(FieldInput {
                input_type: "number",
                inputmode: Some("numeric"),
                min: Some(1),
                max: Some(replicas),
                hint: Some(text::QUORUM_HINT.get(lang).to_string()),
                ..input(Field::Quorum, node.quorum().to_string())
            }) }
            { text_field(FieldInput {
                inputmode: Some("decimal"),
                placeholder: Some(text::default_availability(&percent(node.kind.default_availability()), lang)),
                hint: Some(text::one_instance(nines(a), &nines_in(a, lang), &downtime_in(downtime_hours_per_year(a), lang), lang)),
                ..input(Field::Availability, availability_text(a))
            }) }
            { text_field(FieldInput {
                placeholder: is_service.then(|| node.id.clone()),
                hint: Some(text::CAPABILITIES_HINT.get(lang).to_string()),
                ..input(Field::Capabilities, caps)
            }) }
            { instances(node, &props.dispatch, lang) }
            { super::zones_form::node_zones(&props.doc, node, &props.dispatch, lang) }
            <SimSettings doc={props.doc.clone()} target={SimTarget::Node(index)}
                         dispatch={props.dispatch.clone()} />
        </>
    }
}
