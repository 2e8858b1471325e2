//! One link of the diagram, drawn between the current positions of its two
//! nodes. A move of either node rewrites the path directly (no render). One
//! path a link: a click near it, on empty space, selects it (the canvas finds
//! the nearest link), so no wide invisible twin doubles every move's work.

use web_sys::Element;
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

/// The drawn segment as a path's `d`, and the `transform` of its middle.
/// A path, not a line: a move then rewrites one attribute, not four.
fn ends(positions: &Positions, props: &LinkViewProps) -> (String, String) {
    let a = positions.get(&props.from);
    let b = positions.get(&props.to);
    let (x1, y1, x2, y2) = link_segment(a, props.from_size, b, props.to_size, 2.0);
    let middle = format!("translate({} {})", (x1 + x2) / 2.0, (y1 + y2) / 2.0);
    (format!("M{x1} {y1}L{x2} {y2}"), middle)
}

#[function_component(LinkView)]
pub fn link_view(props: &LinkViewProps) -> Html {
    let (line, envelope) = (use_node_ref(), use_node_ref());
    {
        let refs = (line.clone(), envelope.clone());
        use_effect_with(props.clone(), move |props| {
            let props = props.clone();
            let (positions, from, to) = (
                props.positions.clone(),
                props.from.clone(),
                props.to.clone(),
            );
            let redraw = Callback::from(move |_| {
                let (d, middle) = ends(&props.positions, &props);
                if let Some(el) = refs.0.cast::<Element>() {
                    let _ = el.set_attribute("d", &d);
                }
                if let Some(el) = refs.1.cast::<Element>() {
                    let _ = el.set_attribute("transform", &middle);
                }
            });
            let subs = [
                positions.subscribe(&from, redraw.clone()),
                positions.subscribe(&to, redraw),
            ];
            move || drop(subs)
        });
    }
    let (d, middle) = ends(&props.positions, props);
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
    // One element a link (two for async): big diagrams have thousands.
    html! {
        <>
            <path ref={line} data-link={format!("{}->{}", props.from, props.to)} data-kind={kind}
                  class={classes!("link", "link-line", format!("link-{kind}"),
                                  props.selected.then_some("selected"))}
                  {d} marker-end={format!("url(#arrow-{kind})")} onpointerdown={on_pointer_down} />
            if props.kind == LinkKind::Async {
                <path ref={envelope} class="envelope" d={ENVELOPE} transform={middle} />
            }
        </>
    }
}
