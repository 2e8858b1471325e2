//! Zones in the inspector (docs/spec/model.md §8): with nothing selected, the
//! document's zones, each with its name, its availability (read as the node
//! form's is) and a Remove button, and "Add zone"; with a node selected, a
//! checkbox per zone it may run in and "Spread over zones". Every edit is one
//! editor action, tried first ([`zone_edit`]): a refused value stays in its
//! field with the reason, and nothing is dispatched.

use std::rc::Rc;

use yew::prelude::*;

use super::super::lang::{Lang, Localized, Text};
use super::text::problem;
use crate::typing::{use_typing, Typing};
use topolab_editor::zones::ZoneRefusal;
use topolab_editor::{zone_edit, Action};
use topolab_engine::drawing::zone_mark;
use topolab_engine::i18n::l;
use topolab_engine::units::{availability_text, percent, read_availability};
use topolab_engine::validate::MAX_ZONES;
use topolab_engine::{Document, Node, Zone};

const ZONES: Localized = l("Zones", "可用区");
const ZONES_HINT: Localized = l(
    "A zone (a rack, a data centre) fails as a whole: every instance in it goes down at once. An empty availability is the default.",
    "可用区（机架、数据中心）会整体故障：其中的实例同时宕机。可用性留空即为默认值。",
);
const NAME: Localized = l("Name", "名称");
const AVAILABILITY: Localized = l("Availability", "可用性");
const ADD: Localized = l("Add zone", "添加可用区");
const REMOVE: Localized = l("Remove", "删除");
const NODE_HINT: Localized = l(
    "Instance 1 runs in the first zone ticked, instance 2 in the next, and so on round.",
    "第 1 个实例在第一个勾选的可用区，第 2 个在下一个，依次轮流。",
);
const NO_ZONES: Localized = l(
    "This diagram has no zones: with nothing selected, add them under Zones.",
    "这张图还没有可用区：取消选择后，在“可用区”下添加。",
);
const SPREAD: Localized = l("Spread over zones", "分散到各可用区");
const SPREAD_DONE: Localized = l(
    "Its instances are spread over every zone already.",
    "它的实例已经分散到所有可用区。",
);

/// A zone field's value the editor refused, kept in its field with the reason
/// until the document changes.
#[derive(Clone, Debug, PartialEq)]
pub struct ZoneDraft {
    doc: Rc<Document>,
    zone: String,
    /// `"label"` or `"availability"`.
    field: &'static str,
    typed: String,
    message: Text,
}

/// The zones form's state, kept by the app (the inspector has none): the
/// refused value, if any, and what is being typed.
#[derive(Clone, PartialEq)]
pub struct ZoneDrafts {
    refused: UseStateHandle<Option<ZoneDraft>>,
    typing: Typing,
}

/// The state [`zones_form`] keeps its refused value in.
#[hook]
pub fn use_zone_drafts() -> ZoneDrafts {
    ZoneDrafts {
        refused: use_state(|| None),
        typing: use_typing(),
    }
}

fn name(z: &Zone) -> String {
    z.label().to_string()
}

/// The document's zones, each editable, and "Add zone".
pub(super) fn zones_form(
    doc: &Rc<Document>,
    drafts: &ZoneDrafts,
    dispatch: &Callback<Action>,
    lang: Lang,
) -> Html {
    let draft = drafts.refused.as_ref().filter(|d| Rc::ptr_eq(&d.doc, doc));
    let typing = &drafts.typing;
    let commit = {
        let (doc, drafts, dispatch) = (doc.clone(), drafts.refused.clone(), dispatch.clone());
        Callback::from(
            move |(zone, field, typed): (String, &'static str, String)| {
                let title = if field == "label" { NAME } else { AVAILABILITY };
                let refuse = |message: Text| {
                    drafts.set(Some(ZoneDraft {
                        doc: doc.clone(),
                        zone: zone.clone(),
                        field,
                        typed: typed.clone(),
                        message,
                    }))
                };
                let action = match (field, typed.trim()) {
                    ("label", label) => Action::RenameZone {
                        id: zone.clone(),
                        label: label.to_string(),
                    },
                    (_, "") => Action::SetZoneAvailability {
                        id: zone.clone(),
                        availability: None,
                    },
                    (_, text) => match read_availability(text) {
                        Ok(a) => Action::SetZoneAvailability {
                            id: zone.clone(),
                            availability: Some(a),
                        },
                        Err(e) => {
                            return refuse(Text::of(|lang| {
                                problem(title.get(lang), &e.message(lang), lang)
                            }))
                        }
                    },
                };
                match zone_edit(&doc, &action) {
                    Ok(next) => {
                        drafts.set(None);
                        if next != *doc {
                            dispatch.emit(action);
                        }
                    }
                    Err(why) => refuse(Text::of(|lang| {
                        problem(title.get(lang), &why.message(lang), lang)
                    })),
                }
            },
        )
    };
    let rows = doc.zones.iter().enumerate().map(|(i, z)| {
        let mine = draft.filter(|d| d.zone == z.id);
        let field = |key: &'static str, title: Localized, value: String, placeholder: String| {
            let id = format!("zone-{i}-{key}");
            let refused = mine.filter(|d| d.field == key);
            let zone = z.id.clone();
            let typed_in = format!("{}/{key}", z.id);
            let oninput = typing.oninput(typed_in.clone());
            let value = typing.shown(&typed_in, refused.map_or(value, |d| d.typed.clone()));
            let onchange = typing.onchange(commit.reform(move |typed| (zone.clone(), key, typed)));
            html! {
                <div class={classes!("field-row", refused.map(|_| "invalid"))}>
                    <label for={id.clone()}>{ title.get(lang) }</label>
                    <input id={id.clone()} name={format!("zone-{key}")} type="text" {placeholder}
                           {value} autocomplete="off" spellcheck="false"
                           inputmode={(key == "availability").then_some("decimal")}
                           aria-invalid={refused.map(|_| "true")}
                           aria-describedby={refused.map(|_| format!("{id}-error"))} {oninput} {onchange} />
                    if let Some(d) = refused {
                        <div class="field-error" role="alert" id={format!("{id}-error")}><p>{ d.message.get(lang).to_string() }</p></div>
                    }
                </div>
            }
        };
        let remove = {
            let id = z.id.clone();
            dispatch.reform(move |_: MouseEvent| Action::RemoveZone { id: id.clone() })
        };
        let shown = name(z);
        html! {
            <div class={classes!("zone-edit", format!("zone-c{}", i % 6))} role="group" aria-label={shown.clone()}
                 data-zone-edit={z.id.clone()} key={z.id.clone()}>
                <p class="zone-edit-head"><span class="zone-swatch" aria-hidden="true">{ zone_mark(&z.id) }</span>
                    <code>{ z.id.clone() }</code></p>
                { field("label", NAME, z.label.clone().unwrap_or_default(), z.id.clone()) }
                { field("availability", AVAILABILITY, z.availability.map(availability_text).unwrap_or_default(),
                        default_text(lang)) }
                <button type="button" class="danger" onclick={remove} data-remove-zone={z.id.clone()}
                        aria-label={format!("{} {shown}", REMOVE.get(lang))}>{ REMOVE.get(lang) }</button>
            </div>
        }
    });
    let add = dispatch.reform(|_: MouseEvent| Action::AddZone);
    let full = doc.zones.len() >= MAX_ZONES;
    html! {
        <details class="zones-form" data-zones-form="" open={!doc.zones.is_empty()}>
            <summary>{ ZONES.get(lang) }</summary>
            <p class="field-hint">{ ZONES_HINT.get(lang) }</p>
            { for rows }
            <div class="inspector-actions">
                <button type="button" onclick={add} disabled={full} data-add-zone=""
                        title={full.then(|| ZoneRefusal::TooMany.message(lang))}>{ ADD.get(lang) }</button>
            </div>
        </details>
    }
}

/// "default 99.99%", an empty availability's placeholder.
fn default_text(lang: Lang) -> String {
    let a = percent(Zone::DEFAULT_AVAILABILITY);
    match lang {
        Lang::En => format!("default {a}"),
        Lang::Zh => format!("默认 {a}"),
    }
}

/// Node `node`'s zones: a checkbox per zone of the document and "Spread over zones".
pub(super) fn node_zones(
    doc: &Document,
    node: &Node,
    dispatch: &Callback<Action>,
    lang: Lang,
) -> Html {
    let mine: Vec<String> = node.zones.clone().unwrap_or_default();
    let checks = doc.zones.iter().enumerate().map(|(i, z)| {
        let on = mine.contains(&z.id);
        let onchange = {
            let (id, zone, mine) = (node.id.clone(), z.id.clone(), mine.clone());
            dispatch.reform(move |_: Event| {
                let mut zones = mine.clone();
                match on {
                    true => zones.retain(|m| *m != zone),
                    false => zones.push(zone.clone()),
                }
                Action::SetNodeZones {
                    id: id.clone(),
                    zones,
                }
            })
        };
        html! {
            <label class={classes!("zone-check", format!("zone-c{}", i % 6))} key={z.id.clone()}>
                <input type="checkbox" checked={on} data-zone-check={z.id.clone()} {onchange} />
                <span class="zone-swatch" aria-hidden="true">{ zone_mark(&z.id) }</span>
                { name(z) }
            </label>
        }
    });
    let spread = Action::SpreadOverZones {
        id: node.id.clone(),
    };
    let why: Option<String> = match zone_edit(doc, &spread) {
        _ if doc.zones.is_empty() => Some(NO_ZONES.get(lang).into()),
        Ok(next) if next == *doc => Some(SPREAD_DONE.get(lang).into()),
        Ok(_) => None,
        Err(why) => Some(why.message(lang)),
    };
    let onclick = dispatch.reform(move |_: MouseEvent| spread.clone());
    html! {
        <fieldset class="node-zones" data-node-zones="">
            <legend>{ ZONES.get(lang) }</legend>
            if !doc.zones.is_empty() {
                <p class="field-hint">{ NODE_HINT.get(lang) }</p>
                <div class="zone-checks">{ for checks }</div>
            }
            <div class="inspector-actions">
                <button type="button" {onclick} disabled={why.is_some()} data-spread-zones=""
                        aria-describedby={why.as_ref().map(|_| "spread-zones-why")}>{ SPREAD.get(lang) }</button>
            </div>
            if let Some(why) = why {
                <p class="field-hint" id="spread-zones-why">{ why }</p>
            }
        </fieldset>
    }
}
