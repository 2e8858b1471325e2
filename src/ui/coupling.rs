//! The coupling table: ca, ce and instability per node, shared stores, cycles
//! and the longest synchronous chain, as the engine reports them. (Being written.)

use std::rc::Rc;

use yew::prelude::*;

use crate::model::{Analysis, Document};

#[derive(Properties, PartialEq)]
pub struct CouplingProps {
    pub doc: Rc<Document>,
    pub analysis: Rc<Analysis>,
}

#[function_component(CouplingTable)]
pub fn coupling_table(_props: &CouplingProps) -> Html {
    html! {}
}
