//! The pieces a form is made of: the node form's [`Field`]s, a text or number
//! input with its hint and the reasons it was refused, and [`Choice`], a
//! `<select>` that keeps showing its value.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::super::lang::{Lang, Localized};
use super::drafts::Refused;
use super::text;
use crate::typing::Typing;

/// The fields of a node form, named as the inputs are (`name="quorum"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Field {
    Id,
    Label,
    Kind,
    Replicas,
    Quorum,
    Availability,
    Capabilities,
}

impl Field {
    pub(super) fn name(self) -> &'static str {
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

    pub(super) fn title(self) -> Localized {
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

    pub(super) fn dom_id(self) -> String {
        format!("inspector-{}", self.name())
    }
}

/// One text or number field of the node form.
pub(super) struct FieldInput<'a> {
    pub(super) field: Field,
    pub(super) value: String,
    pub(super) refused: Option<&'a Refused>,
    pub(super) input_type: &'static str,
    pub(super) inputmode: Option<&'static str>,
    pub(super) min: Option<u32>,
    pub(super) max: Option<u32>,
    pub(super) placeholder: Option<String>,
    pub(super) hint: Option<String>,
    pub(super) commit: Callback<(Field, String)>,
    /// What is being typed, and the node the form is of (the field's key in it).
    pub(super) typing: (Typing, AttrValue),
    pub(super) lang: Lang,
}

pub(super) fn text_field(f: FieldInput) -> Html {
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
    let (typing, node) = f.typing;
    let key = format!("{node}/{id}");
    let oninput = typing.oninput(key.clone());
    let value = typing.shown(&key, f.value);
    let onchange = typing.onchange(f.commit.reform(move |typed| (field, typed)));
    html! {
        <div class={classes!("field-row", invalid.then_some("invalid"))}>
            <label for={id.clone()}>{ field.title().get(f.lang) }</label>
            <input id={id.clone()} name={field.name()} type={f.input_type}
                   class={classes!(invalid.then_some("invalid"))}
                   {value}
                   inputmode={f.inputmode}
                   min={f.min.map(|m| m.to_string())}
                   max={f.max.map(|m| m.to_string())}
                   step={(f.input_type == "number").then_some("1")}
                   placeholder={f.placeholder}
                   autocomplete="off" spellcheck="false"
                   aria-invalid={invalid.then_some("true")}
                   aria-describedby={(!described.is_empty()).then(|| described.join(" "))}
                   {oninput} {onchange} />
            if let Some(hint) = f.hint {
                <p class="field-hint" id={hint_id}>{ hint }</p>
            }
            { error_list(field, f.refused, f.lang) }
        </div>
    }
}

/// The reasons a value was refused, announced as they appear.
pub(super) fn error_list(field: Field, refused: Option<&Refused>, lang: Lang) -> Html {
    let Some(r) = refused else {
        return html! {};
    };
    html! {
        <div class="field-error" role="alert" id={format!("{}-error", field.dom_id())}>
            { for r.messages.iter().map(|m| html! { <p>{ m.get(lang).to_string() }</p> }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct ChoiceProps {
    pub(super) name: AttrValue,
    pub(super) id: AttrValue,
    /// The option shown; kept in the DOM after every render, since a
    /// `<select>` the user touched no longer follows its options' `selected`.
    pub(super) value: AttrValue,
    pub(super) options: Rc<Vec<(AttrValue, String)>>,
    pub(super) invalid: bool,
    pub(super) described_by: Option<AttrValue>,
    pub(super) onchange: Callback<String>,
}

/// A `<select>` showing `value`.
#[function_component(Choice)]
pub(super) fn choice(props: &ChoiceProps) -> Html {
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
