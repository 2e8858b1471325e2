//! One small icon per node kind, drawn in a 20 x 20 box centred on the origin. (Being written.)

use yew::prelude::*;

use crate::model::NodeKind;

/// The icon of `kind`.
pub fn kind_icon(_kind: NodeKind) -> Html {
    html! {}
}
