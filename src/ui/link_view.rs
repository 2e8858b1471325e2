//! One link of the diagram, drawn between the current positions of its two
//! nodes; it re-renders itself when either of them moves.

use yew::prelude::*;

use super::positions::Positions;
use crate::model::geometry::link_segment;
use crate::model::LinkKind;

/// Everything a link view draws, compared cheaply.
#[derive(Properties, PartialEq, Clone)]
pub struct LinkViewProps {
    pub from: AttrValue,
    pub to: AttrValue,
    pub kind: LinkKind,
    /// Sizes of the two boxes, so the line ends at their borders.
    pub from_size: (f64, f64),
    pub to_size: (f64, f64),
    pub positions: Positions,
}

#[function_component(LinkView)]
pub fn link_view(props: &LinkViewProps) -> Html {
    let redraw = use_force_update();
    {
        let positions = props.positions.clone();
        use_effect_with((props.from.clone(), props.to.clone()), move |(from, to)| {
            let on_move = Callback::from(move |_| redraw.force_update());
            let subs = [
                positions.subscribe(from, on_move.clone()),
                positions.subscribe(to, on_move),
            ];
            move || drop(subs)
        });
    }
    let a = props.positions.get(&props.from);
    let b = props.positions.get(&props.to);
    let (x1, y1, x2, y2) = link_segment(a, props.from_size, b, props.to_size, 2.0);
    let kind = props.kind.as_str();
    html! {
        <g data-link={format!("{}->{}", props.from, props.to)} data-kind={kind}
           class={classes!("link", format!("link-{kind}"))}>
            <line x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()}
                  marker-end={format!("url(#arrow-{kind})")} />
        </g>
    }
}
