//! One small line icon per node kind, drawn in an 18 x 18 box centred on the
//! origin. Shapes only: stroke, fill and width come from the stylesheet
//! (`.icon`), so every theme draws them in its own ink.

use yew::prelude::*;

use crate::model::NodeKind;

/// A monitor on its stand.
const CLIENT: &[&str] = &["M-3 8.5H3M0 4.5V8.5"];
/// One line splitting into three arrows.
const LOAD_BALANCER: &[&str] = &[
    "M-8.5 0H-3.5",
    "M-3.5 0C0 0 0 -6.5 3.5 -6.5H8",
    "M-3.5 0H8",
    "M-3.5 0C0 0 0 6.5 3.5 6.5H8",
    "M6 -8.5L8 -6.5L6 -4.5",
    "M6 -2L8 0L6 2",
    "M6 4.5L8 6.5L6 8.5",
];
/// An arch with a doorway under it, on the ground.
const GATEWAY: &[&str] = &[
    "M-9 8.5H9",
    "M-7 8.5V-1.5A7 7 0 0 1 7 -1.5V8.5",
    "M-3 8.5V2.5A3 3 0 0 1 3 2.5V8.5",
];
/// A gear (eight teeth) round an axle.
const SERVICE: &[&str] = &["M5.8 -1.4L8.1 -1L8.1 1L5.8 1.4L5.1 3.1L6.5 5L5 6.5L3.1 5.1L1.4 5.8L1 8.1L-1 8.1L-1.4 5.8L-3.1 5.1L-5 6.5L-6.5 5L-5.1 3.1L-5.8 1.4L-8.1 1L-8.1 -1L-5.8 -1.4L-5.1 -3.1L-6.5 -5L-5 -6.5L-3.1 -5.1L-1.4 -5.8L-1 -8.1L1 -8.1L1.4 -5.8L3.1 -5.1L5 -6.5L6.5 -5L5.1 -3.1Z"];
/// A cylinder with one band.
const DATABASE: &[&str] = &[
    "M-7 -5.5V5.5A7 2.6 0 0 0 7 5.5V-5.5",
    "M-7 0A7 2.6 0 0 0 7 0",
];
/// A lightning bolt.
const CACHE: &[&str] = &["M2 -9L-6 1.5H0L-2 9L6 -1.5H0Z"];
/// Three messages in a row, moving right.
const QUEUE: &[&str] = &["M-8.5 7H7.5", "M5.5 5L7.5 7L5.5 9"];
/// A cloud.
const EXTERNAL: &[&str] =
    &["M-4.5 6H5A3.8 3.8 0 0 0 5.6 -1.6A5.2 5.2 0 0 0 -4.2 -2.6A4.3 4.3 0 0 0 -4.5 6Z"];

/// The paths of `kind`'s icon.
fn paths(kind: NodeKind) -> &'static [&'static str] {
    match kind {
        NodeKind::Client => CLIENT,
        NodeKind::LoadBalancer => LOAD_BALANCER,
        NodeKind::Gateway => GATEWAY,
        NodeKind::Service => SERVICE,
        NodeKind::Database => DATABASE,
        NodeKind::Cache => CACHE,
        NodeKind::Queue => QUEUE,
        NodeKind::External => EXTERNAL,
    }
}

/// The shapes an icon has beside its paths.
fn shapes(kind: NodeKind) -> Html {
    match kind {
        NodeKind::Client => html! {
            <rect x="-8.5" y="-7.5" width="17" height="12" rx="1.5" />
        },
        NodeKind::Service => html! { <circle r="2.6" /> },
        NodeKind::Database => html! { <ellipse cy="-5.5" rx="7" ry="2.6" /> },
        NodeKind::Queue => html! {
            <>
                <rect x="-8.5" y="-6" width="4.8" height="8" rx="1" />
                <rect x="-2.4" y="-6" width="4.8" height="8" rx="1" />
                <rect x="3.7" y="-6" width="4.8" height="8" rx="1" />
            </>
        },
        _ => html! {},
    }
}

/// The icon of `kind`: `<g class="icon icon-<kind>">`, line art only.
pub fn kind_icon(kind: NodeKind) -> Html {
    html! {
        <g class={classes!("icon", format!("icon-{}", kind.as_str()))}>
            { shapes(kind) }
            { for paths(kind).iter().map(|&d| html! { <path d={d} /> }) }
        </g>
    }
}
