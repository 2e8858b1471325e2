//! One link of the diagram, drawn between the current positions of its two
//! nodes; it re-renders itself when either of them moves. A wide invisible
//! stroke under the line makes it easy to click (to select it).

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
    pub selected: bool,
    pub positions: Positions,
    /// Told (from, to) when the link is pressed.
    pub on_select: Callback<(AttrValue, AttrValue)>,
}

/// An envelope drawn on async links, centred on the origin.
const ENVELOPE: &str = "M-7 -5h14v10h-14zM-7 -5l7 5.5l7 -5.5";

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
    let on_pointer_down = {
        let (on_select, from, to) = (
            props.on_select.clone(),
            props.from.clone(),
            props.to.clone(),
        );
        move |event: PointerEvent| {
            if event.button() == 0 {
                event.stop_propagation();
                on_select.emit((from.clone(), to.clone()));
            }
        }
    };
    let (x1s, y1s, x2s, y2s) = (
        x1.to_string(),
        y1.to_string(),
        x2.to_string(),
        y2.to_string(),
    );
    html! {
        <g data-link={format!("{}->{}", props.from, props.to)} data-kind={kind}
           class={classes!("link", format!("link-{kind}"), props.selected.then_some("selected"))}
           onpointerdown={on_pointer_down}>
            <title>{ format!("{} → {} ({kind})", props.from, props.to) }</title>
            <line class="link-hit" x1={x1s.clone()} y1={y1s.clone()} x2={x2s.clone()} y2={y2s.clone()} />
            <line class="link-line" x1={x1s} y1={y1s} x2={x2s} y2={y2s}
                  marker-end={format!("url(#arrow-{kind})")} />
            if props.kind == LinkKind::Async {
                <path class="envelope" d={ENVELOPE}
                      transform={format!("translate({} {})", (x1 + x2) / 2.0, (y1 + y2) / 2.0)} />
            }
        </g>
    }
}
