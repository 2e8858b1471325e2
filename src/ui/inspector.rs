//! The inspector: every field of the selected node or link, edited through
//! [`Action`]s. A field commits on `change` (Enter or leaving it). The edit is
//! first tried with [`edit::replace_node`]: a refused value stays in its field,
//! marked invalid, with the validator's words next to it, and nothing is
//! dispatched, so the document never holds an invalid node.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::editor::{edit, Action, Selection};
use crate::model::units::{
    availability_text, downtime, downtime_hours_per_year, nines, parse_availability, percent,
};
use crate::model::{Analysis, Document, LinkKind, Node, NodeKind, Problem};

/// Every word the inspector shows, in one place for the translation to come.
mod text {
    use crate::model::{LinkKind, NodeKind};

    pub const REGION: &str = "Inspector";
    pub const HINT: &str = "Select a node or link to edit it. Drag from the palette to add one.";
    pub const NODE: &str = "Node";
    pub const LINK: &str = "Link";
    pub const SELECTION: &str = "Selection";
    pub const ID: &str = "Id";
    pub const LABEL: &str = "Label";
    pub const KIND: &str = "Kind";
    pub const REPLICAS: &str = "Replicas";
    pub const QUORUM: &str = "Quorum";
    pub const AVAILABILITY: &str = "Availability";
    pub const CAPABILITIES: &str = "Capabilities";
    pub const INSTANCES: &str = "Instances";
    pub const KILLED_INSTANCES: &str = "Killed instances";
    pub const ID_HINT: &str = "Letters, digits, _ - . (links follow a new id).";
    pub const REPLICAS_HINT: &str = "Identical instances, 1 to 64.";
    pub const QUORUM_HINT: &str = "Instances that must be up: 1 = any one.";
    pub const CAPABILITIES_HINT: &str = "Business functions it can serve, separated by commas.";
    pub const KILL_ONE: &str = "Kill one";
    pub const KILL_NODE: &str = "Kill node";
    pub const REVIVE_ALL: &str = "Revive all";
    pub const DELETE_NODE: &str = "Delete node";
    pub const DELETE_LINK: &str = "Delete link";
    pub const DELETE: &str = "Delete";
    pub const UP: &str = "up";
    pub const KILLED: &str = "killed";
    pub const LINK_KIND: &str = "Kind";

    /// The heading of several selected nodes.
    pub fn nodes_selected(n: usize) -> String {
        format!("{n} nodes selected")
    }

    /// What one instance of `availability` means, after the field.
    pub fn one_instance(nines: u32, downtime: &str) -> String {
        match nines {
            16 => "One instance: never down.".into(),
            1 => format!("One instance: = 1 nine, down {downtime} / year."),
            n => format!("One instance: = {n} nines, down {downtime} / year."),
        }
    }

    /// The placeholder of an emptied availability: the kind's default.
    pub fn default_availability(percent: &str) -> String {
        format!("default {percent}")
    }

    pub fn kind_name(kind: NodeKind) -> &'static str {
        match kind {
            NodeKind::Client => "client",
            NodeKind::LoadBalancer => "load balancer",
            NodeKind::Gateway => "gateway",
            NodeKind::Service => "service",
            NodeKind::Database => "database",
            NodeKind::Cache => "cache",
            NodeKind::Queue => "queue",
            NodeKind::External => "external",
        }
    }

    /// MODEL.md §1.2, one line each.
    pub fn link_kind_meaning(kind: LinkKind) -> &'static str {
        match kind {
            LinkKind::Route => "a request may be forwarded along it",
            LinkKind::Pool => "a load balancer's backend; like route",
            LinkKind::Requires => "a synchronous call made for every request",
            LinkKind::Optional => "a synchronous call with a fallback: its failure only degrades",
            LinkKind::Async => "through a queue or event: its failure never affects the sender",
        }
    }

    /// A link kind in the select: its name and a few words (the hint says more).
    pub fn link_kind_option(kind: LinkKind) -> String {
        let short = match kind {
            LinkKind::Route => "forwards requests",
            LinkKind::Pool => "load balancer backend",
            LinkKind::Requires => "sync call, needed",
            LinkKind::Optional => "sync call with a fallback",
            LinkKind::Async => "via a queue, never blocks",
        };
        format!("{}: {short}", kind.as_str())
    }

    pub fn default_link_kind(kind: LinkKind) -> String {
        format!("default ({})", kind.as_str())
    }

    pub fn instance(index: u32, killed: bool) -> String {
        format!("#{index} {}", if killed { KILLED } else { UP })
    }

    pub fn instance_action(index: u32, killed: bool) -> String {
        if killed {
            format!("Instance {index} is killed: revive it")
        } else {
            format!("Instance {index} is up: kill it")
        }
    }

    pub fn whole_number(max: &str) -> String {
        format!("enter a whole number from 1 to {max}")
    }

    /// Why a node that links point to cannot become a client.
    pub fn client_called(callers: &[&str]) -> String {
        let mut names = callers
            .iter()
            .take(3)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        if callers.len() > 3 {
            names.push_str(&format!(" and {} more", callers.len() - 3));
        }
        let (verb, what) = if callers.len() == 1 {
            ("links", "that link")
        } else {
            ("link", "those links")
        };
        format!("nothing may call a client, and {names} {verb} to this node: delete {what} first")
    }

    pub fn id_taken(id: &str, other: &str) -> String {
        format!("\"{id}\" is already the id of {other}")
    }

    pub fn link_place(from: &str, to: &str) -> String {
        format!("Link {from} → {to}")
    }

    pub fn function_place(label: &str) -> String {
        format!("Function {label}")
    }

    /// A problem's place and message as one line.
    pub fn problem(place: &str, message: &str) -> String {
        format!("{place}: {message}")
    }
}

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub doc: Rc<Document>,
    pub selection: Selection,
    pub analysis: Rc<Analysis>,
    pub dispatch: Callback<Action>,
}

/// The inspector of the selection: a node's form, a link's, several nodes',
/// or a hint when nothing is selected.
#[function_component(Inspector)]
pub fn inspector(props: &InspectorProps) -> Html {
    let (heading, body) = match &props.selection {
        Selection::Nodes(ids) if ids.len() > 1 => {
            (text::SELECTION, nodes_form(ids.len(), &props.dispatch))
        }
        Selection::Nodes(ids) => match ids.first().filter(|id| props.doc.node(id).is_some()) {
            Some(id) => (
                text::NODE,
                html! {
                    <NodeForm doc={props.doc.clone()} id={AttrValue::from(id.clone())}
                              dispatch={props.dispatch.clone()} />
                },
            ),
            None => (text::REGION, hint()),
        },
        Selection::Link { from, to } => {
            (text::LINK, link_form(&props.doc, from, to, &props.dispatch))
        }
        Selection::None => (text::REGION, hint()),
    };
    html! {
        <section class="inspector" aria-label={text::REGION}>
            <h2>{ heading }</h2>
            { body }
        </section>
    }
}

fn hint() -> Html {
    html! { <p class="note inspector-hint">{ text::HINT }</p> }
}

/// Enter in a field must not submit (and reload) the page.
fn no_submit() -> Callback<SubmitEvent> {
    Callback::from(|e: SubmitEvent| e.prevent_default())
}

fn nodes_form(n: usize, dispatch: &Callback<Action>) -> Html {
    let delete = dispatch.reform(|_: MouseEvent| Action::DeleteSelection);
    html! {
        <form class="inspector-form" data-inspector="nodes" onsubmit={no_submit()}>
            <p class="inspector-count">{ text::nodes_selected(n) }</p>
            <div class="inspector-actions">
                <button type="button" class="danger" onclick={delete}>{ text::DELETE }</button>
            </div>
        </form>
    }
}

fn link_form(doc: &Document, from: &str, to: &str, dispatch: &Callback<Action>) -> Html {
    let Some(link) = doc.links.iter().find(|l| l.from == from && l.to == to) else {
        return hint();
    };
    let label = |id: &str| doc.node(id).map_or(id, Node::label).to_string();
    let default = doc
        .node(from)
        .map_or(LinkKind::Requires, |n| n.kind.default_link_kind());
    let effective = link.kind.unwrap_or(default);
    let mut options = vec![(AttrValue::from(""), text::default_link_kind(default))];
    options.extend(
        LinkKind::ALL
            .into_iter()
            .map(|k| (AttrValue::from(k.as_str()), text::link_kind_option(k))),
    );
    let on_kind = {
        let (from, to) = (from.to_string(), to.to_string());
        dispatch.reform(move |name: String| Action::SetLinkKind {
            from: from.clone(),
            to: to.clone(),
            kind: LinkKind::from_name(&name),
        })
    };
    let delete = {
        let (from, to) = (from.to_string(), to.to_string());
        dispatch.reform(move |_: MouseEvent| Action::DeleteLink {
            from: from.clone(),
            to: to.clone(),
        })
    };
    html! {
        <form class="inspector-form" data-inspector="link" onsubmit={no_submit()}>
            <p class="link-ends">
                <span class="link-end">{ label(from) }</span>
                <span class="link-arrow">{ " → " }</span>
                <span class="link-end">{ label(to) }</span>
            </p>
            <div class="field-row">
                <label for="inspector-link-kind">{ text::LINK_KIND }</label>
                <Choice name="link-kind" id="inspector-link-kind"
                        value={AttrValue::from(link.kind.map_or("", LinkKind::as_str))}
                        options={Rc::new(options)} invalid={false}
                        described_by={Some(AttrValue::from("inspector-link-kind-hint"))}
                        onchange={on_kind} />
                <p class="field-hint" id="inspector-link-kind-hint">
                    { text::link_kind_meaning(effective) }
                </p>
            </div>
            <div class="inspector-actions">
                <button type="button" class="danger" onclick={delete}>{ text::DELETE_LINK }</button>
            </div>
        </form>
    }
}

/// The fields of a node form, named as the inputs are (`name="quorum"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Id,
    Label,
    Kind,
    Replicas,
    Quorum,
    Availability,
    Capabilities,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Label => "label",
            Field::Kind => "kind",
            Field::Replicas => "replicas",
            Field::Quorum => "quorum",
            Field::Availability => "availability",
            Field::Capabilities => "capabilities",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Field::Id => text::ID,
            Field::Label => text::LABEL,
            Field::Kind => text::KIND,
            Field::Replicas => text::REPLICAS,
            Field::Quorum => text::QUORUM,
            Field::Availability => text::AVAILABILITY,
            Field::Capabilities => text::CAPABILITIES,
        }
    }

    fn dom_id(self) -> String {
        format!("inspector-{}", self.name())
    }
}

/// A value the validator refused, kept in its field with the reasons.
#[derive(Clone, Debug, PartialEq)]
struct Refused {
    field: Field,
    text: String,
    messages: Vec<String>,
}

/// The refused values of one node of one document: stale (and so not shown)
/// as soon as the document or the selected node changes.
#[derive(Debug, Default, PartialEq)]
struct Drafts {
    base: Option<(Rc<Document>, AttrValue)>,
    refused: Vec<Refused>,
}

enum DraftAction {
    Refuse {
        doc: Rc<Document>,
        id: AttrValue,
        refused: Refused,
    },
    Accept(Field),
}

impl Drafts {
    fn for_node(&self, doc: &Rc<Document>, id: &str) -> &[Refused] {
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

/// `node` with `field` set from what the user typed, or why it cannot be read.
/// A value equal to the current one leaves the node as it is.
fn edited(doc: &Document, node: &Node, field: Field, typed: &str) -> Result<Node, String> {
    let mut n = node.clone();
    let typed = typed.trim();
    match field {
        Field::Id => {
            if typed != node.id {
                if let Some(other) = doc.node(typed) {
                    return Err(text::id_taken(typed, other.label()));
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
                return Err(typed.to_string());
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
                    return Err(text::client_called(&callers));
                }
                // A client is always up: none of these apply to it (MODEL.md §1.1).
                n.replicas = None;
                n.quorum = None;
                n.availability = None;
                n.killed.clear();
                n.capabilities = None;
            }
        }
        Field::Replicas => {
            let max = crate::model::validate::MAX_REPLICAS;
            let r: u32 = typed
                .parse()
                .map_err(|_| text::whole_number(&max.to_string()))?;
            if r != node.replicas() {
                n.replicas = Some(r);
                // Fewer instances: the ones that are gone are no longer killed.
                n.killed.retain(|&k| k < r);
            }
        }
        Field::Quorum => {
            let q: u32 = typed
                .parse()
                .map_err(|_| text::whole_number(&node.replicas().to_string()))?;
            if q != node.quorum() {
                n.quorum = Some(q);
            }
        }
        Field::Availability => {
            if typed.is_empty() {
                // Empty: the kind's default.
                n.availability = None;
            } else {
                let a = parse_availability(typed)?;
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

/// Where a problem is, in the user's words: a field of the edited node, a link
/// or a function; the validator's path for anything else.
fn place(doc: &Document, index: usize, path: &str) -> String {
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
        return name.to_string();
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
        return text::link_place(&label(&link.from), &label(&link.to));
    }
    if let Some(f) = indexed("functions[").and_then(|i| doc.functions.as_ref()?.get(i)) {
        return text::function_place(f.label());
    }
    path.to_string()
}

/// The validator's problems as lines naming their place, read against the
/// document as it is (indices of links and functions do not change in an edit).
fn messages(doc: &Document, index: usize, problems: &[Problem]) -> Vec<String> {
    problems
        .iter()
        .map(|p| text::problem(&place(doc, index, &p.path), &p.message))
        .collect()
}

#[derive(Properties, PartialEq)]
struct NodeFormProps {
    doc: Rc<Document>,
    id: AttrValue,
    dispatch: Callback<Action>,
}

#[function_component(NodeForm)]
fn node_form(props: &NodeFormProps) -> Html {
    let drafts = use_reducer(Drafts::default);
    // A commit that changes nothing ("03" for 3) still shows the value as the document has it.
    let redraw = use_force_update();
    let (Some(index), Some(node)) = (props.doc.node_index(&props.id), props.doc.node(&props.id))
    else {
        return hint();
    };
    let refused = drafts.for_node(&props.doc, &props.id);
    let refusal = |field: Field| refused.iter().find(|r| r.field == field);

    let commit = {
        let (doc, id, dispatch) = (props.doc.clone(), props.id.clone(), props.dispatch.clone());
        let node = node.clone();
        let drafts = drafts.dispatcher();
        let redraw = redraw.clone();
        Callback::from(move |(field, typed): (Field, String)| {
            let outcome = edited(&doc, &node, field, &typed)
                .map_err(|message| vec![text::problem(field.title(), &message)])
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
                            node,
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
    };
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
    };

    let kinds: Vec<(AttrValue, String)> = NodeKind::ALL
        .into_iter()
        .map(|k| (AttrValue::from(k.as_str()), text::kind_name(k).to_string()))
        .collect();
    let kind_value =
        refusal(Field::Kind).map_or(node.kind.as_str().to_string(), |r| r.text.clone());
    let kind_field = html! {
        <div class={classes!("field-row", refusal(Field::Kind).map(|_| "invalid"))}>
            <label for={Field::Kind.dom_id()}>{ text::KIND }</label>
            <Choice name="kind" id={Field::Kind.dom_id()} value={AttrValue::from(kind_value)}
                    options={Rc::new(kinds)} invalid={refusal(Field::Kind).is_some()}
                    described_by={refusal(Field::Kind).map(|_| AttrValue::from(format!("{}-error", Field::Kind.dom_id())))}
                    onchange={commit.reform(|name: String| (Field::Kind, name))} />
            { error_list(Field::Kind, refusal(Field::Kind)) }
        </div>
    };

    let instance_fields = if node.is_client() {
        html! {}
    } else {
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
                    max: Some(crate::model::validate::MAX_REPLICAS),
                    hint: Some(text::REPLICAS_HINT.to_string()),
                    ..input(Field::Replicas, replicas.to_string())
                }) }
                { text_field(FieldInput {
                    input_type: "number",
                    inputmode: Some("numeric"),
                    min: Some(1),
                    max: Some(replicas),
                    hint: Some(text::QUORUM_HINT.to_string()),
                    ..input(Field::Quorum, node.quorum().to_string())
                }) }
                { text_field(FieldInput {
                    inputmode: Some("decimal"),
                    placeholder: Some(text::default_availability(&percent(node.kind.default_availability()))),
                    hint: Some(text::one_instance(nines(a), &downtime(downtime_hours_per_year(a)))),
                    ..input(Field::Availability, availability_text(a))
                }) }
                { text_field(FieldInput {
                    placeholder: is_service.then(|| node.id.clone()),
                    hint: Some(text::CAPABILITIES_HINT.to_string()),
                    ..input(Field::Capabilities, caps)
                }) }
                { instances(node, &props.dispatch) }
            </>
        }
    };
    let delete = {
        let id = props.id.to_string();
        props
            .dispatch
            .reform(move |_: MouseEvent| Action::DeleteNode { id: id.clone() })
    };
    html! {
        <form class="inspector-form" data-inspector="node" data-kind={node.kind.as_str()}
              onsubmit={no_submit()}>
            { text_field(FieldInput {
                hint: Some(text::ID_HINT.to_string()),
                ..input(Field::Id, node.id.clone())
            }) }
            { text_field(FieldInput {
                placeholder: Some(node.id.clone()),
                ..input(Field::Label, node.label.clone().unwrap_or_default())
            }) }
            { kind_field }
            { instance_fields }
            <div class="inspector-actions">
                <button type="button" class="danger" onclick={delete}>{ text::DELETE_NODE }</button>
            </div>
        </form>
    }
}

/// One text or number field of the node form.
struct FieldInput<'a> {
    field: Field,
    value: String,
    refused: Option<&'a Refused>,
    input_type: &'static str,
    inputmode: Option<&'static str>,
    min: Option<u32>,
    max: Option<u32>,
    placeholder: Option<String>,
    hint: Option<String>,
    commit: Callback<(Field, String)>,
}

fn text_field(f: FieldInput) -> Html {
    let id = f.field.dom_id();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let invalid = f.refused.is_some();
    let described: Vec<&str> = [
        f.hint.as_ref().map(|_| hint_id.as_str()),
        invalid.then_some(error_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let field = f.field;
    let onchange = f.commit.reform(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        (field, input.value())
    });
    html! {
        <div class={classes!("field-row", invalid.then_some("invalid"))}>
            <label for={id.clone()}>{ field.title() }</label>
            <input id={id.clone()} name={field.name()} type={f.input_type}
                   class={classes!(invalid.then_some("invalid"))}
                   value={f.value}
                   inputmode={f.inputmode}
                   min={f.min.map(|m| m.to_string())}
                   max={f.max.map(|m| m.to_string())}
                   step={(f.input_type == "number").then_some("1")}
                   placeholder={f.placeholder}
                   autocomplete="off" spellcheck="false"
                   aria-invalid={invalid.then_some("true")}
                   aria-describedby={(!described.is_empty()).then(|| described.join(" "))}
                   {onchange} />
            if let Some(hint) = f.hint {
                <p class="field-hint" id={hint_id}>{ hint }</p>
            }
            { error_list(field, f.refused) }
        </div>
    }
}

/// The reasons a value was refused, announced as they appear.
fn error_list(field: Field, refused: Option<&Refused>) -> Html {
    let Some(r) = refused else {
        return html! {};
    };
    html! {
        <div class="field-error" role="alert" id={format!("{}-error", field.dom_id())}>
            { for r.messages.iter().map(|m| html! { <p>{ m.clone() }</p> }) }
        </div>
    }
}

/// The node's instances, each a toggle, with "Kill one" and "Revive all".
fn instances(node: &Node, dispatch: &Callback<Action>) -> Html {
    let toggles = (0..node.replicas()).map(|index| {
        let killed = node.is_killed(index);
        let onclick = {
            let id = node.id.clone();
            dispatch.reform(move |_: MouseEvent| Action::SetInstance {
                id: id.clone(),
                index,
                killed: !killed,
            })
        };
        html! {
            <li key={index}>
                <button type="button" class={classes!("instance-toggle", killed.then_some("killed"))}
                        aria-pressed={killed.to_string()} title={text::instance_action(index, killed)}
                        {onclick}>
                    { text::instance(index, killed) }
                </button>
            </li>
        }
    });
    let all_killed = (0..node.replicas()).all(|i| node.is_killed(i));
    let kill_one = {
        let id = node.id.clone();
        dispatch.reform(move |_: MouseEvent| Action::KillOne { id: id.clone() })
    };
    let kill_node = {
        let id = node.id.clone();
        dispatch.reform(move |_: MouseEvent| Action::KillAll { id: id.clone() })
    };
    let revive_all = {
        let id = node.id.clone();
        dispatch.reform(move |_: MouseEvent| Action::ReviveAll { id: id.clone() })
    };
    html! {
        <fieldset class="instances">
            <legend>{ text::INSTANCES }</legend>
            <ul class="instance-list">{ for toggles }</ul>
            <div class="inspector-actions">
                <button type="button" onclick={kill_one} disabled={all_killed}>{ text::KILL_ONE }</button>
                <button type="button" onclick={kill_node} disabled={all_killed} data-kill-node="">
                    { text::KILL_NODE }
                </button>
                <button type="button" onclick={revive_all} disabled={node.killed.is_empty()}>
                    { text::REVIVE_ALL }
                </button>
            </div>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct ChoiceProps {
    name: AttrValue,
    id: AttrValue,
    /// The option shown; kept in the DOM after every render, since a
    /// `<select>` the user touched no longer follows its options' `selected`.
    value: AttrValue,
    options: Rc<Vec<(AttrValue, String)>>,
    invalid: bool,
    described_by: Option<AttrValue>,
    onchange: Callback<String>,
}

/// A `<select>` showing `value`.
#[function_component(Choice)]
fn choice(props: &ChoiceProps) -> Html {
    let select = use_node_ref();
    {
        let (select, value) = (select.clone(), props.value.clone());
        use_effect(move || {
            if let Some(s) = select.cast::<HtmlSelectElement>() {
                if s.value() != value.as_str() {
                    s.set_value(&value);
                }
            }
        });
    }
    let onchange = props.onchange.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select.value()
    });
    html! {
        <select ref={select} id={props.id.clone()} name={props.name.clone()}
                class={classes!(props.invalid.then_some("invalid"))}
                aria-invalid={props.invalid.then_some("true")}
                aria-describedby={props.described_by.clone()}
                {onchange}>
            { for props.options.iter().map(|(value, label)| html! {
                <option value={value.clone()} selected={*value == props.value}>{ label.clone() }</option>
            }) }
        </select>
    }
}
