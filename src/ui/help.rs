//! The help overlay (`?`): every shortcut and gesture. (Being written.)

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub open: bool,
    pub on_close: Callback<()>,
}

#[function_component(HelpOverlay)]
pub fn help_overlay(_props: &HelpProps) -> Html {
    html! {}
}
