//! The inspector: every field of the selected node or link, edited through
//! [`crate::editor::Action`]s, with the validator's messages. (Being written.)

use std::rc::Rc;

use yew::prelude::*;

use crate::editor::{Action, Selection};
use crate::model::{Analysis, Document};

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub doc: Rc<Document>,
    pub selection: Selection,
    pub analysis: Rc<Analysis>,
    pub dispatch: Callback<Action>,
}

#[function_component(Inspector)]
pub fn inspector(_props: &InspectorProps) -> Html {
    html! {}
}
