//! One small line icon per node kind, as SVG markup drawn in an 18 x 18 box
//! centred on the origin. Shapes only: stroke, fill and width come from the
//! stylesheet (`.icon`), so every theme, and the CLI's render, draw them in
//! their own ink.

use crate::NodeKind;

/// The icon of `kind`: `<g class="icon icon-<kind>">`, line art only.
pub fn icon_markup(kind: NodeKind) -> &'static str {
    match kind {
        // A monitor on its stand.
        NodeKind::Client => concat!(
            r#"<g class="icon icon-client"><rect x="-8.5" y="-7.5" width="17" height="12" rx="1.5"/>"#,
            r#"<path d="M-3 8.5H3M0 4.5V8.5"/></g>"#
        ),
        // One line splitting into three arrows.
        NodeKind::LoadBalancer => concat!(
            r#"<g class="icon icon-load_balancer"><path d="M-8.5 0H-3.5"/>"#,
            r#"<path d="M-3.5 0C0 0 0 -6.5 3.5 -6.5H8"/><path d="M-3.5 0H8"/>"#,
            r#"<path d="M-3.5 0C0 0 0 6.5 3.5 6.5H8"/><path d="M6 -8.5L8 -6.5L6 -4.5"/>"#,
            r#"<path d="M6 -2L8 0L6 2"/><path d="M6 4.5L8 6.5L6 8.5"/></g>"#
        ),
        // An arch with a doorway under it, on the ground.
        NodeKind::Gateway => concat!(
            r#"<g class="icon icon-gateway"><path d="M-9 8.5H9"/>"#,
            r#"<path d="M-7 8.5V-1.5A7 7 0 0 1 7 -1.5V8.5"/>"#,
            r#"<path d="M-3 8.5V2.5A3 3 0 0 1 3 2.5V8.5"/></g>"#
        ),
        // A gear (eight teeth) round an axle.
        NodeKind::Service => concat!(
            r#"<g class="icon icon-service"><circle r="2.6"/>"#,
            r#"<path d="M5.8 -1.4L8.1 -1L8.1 1L5.8 1.4L5.1 3.1L6.5 5L5 6.5L3.1 5.1L1.4 5.8L1 8.1L-1 8.1L-1.4 5.8L-3.1 5.1L-5 6.5L-6.5 5L-5.1 3.1L-5.8 1.4L-8.1 1L-8.1 -1L-5.8 -1.4L-5.1 -3.1L-6.5 -5L-5 -6.5L-3.1 -5.1L-1.4 -5.8L-1 -8.1L1 -8.1L1.4 -5.8L3.1 -5.1L5 -6.5L6.5 -5L5.1 -3.1Z"/></g>"#
        ),
        // A cylinder with one band.
        NodeKind::Database => concat!(
            r#"<g class="icon icon-database"><ellipse cy="-5.5" rx="7" ry="2.6"/>"#,
            r#"<path d="M-7 -5.5V5.5A7 2.6 0 0 0 7 5.5V-5.5"/><path d="M-7 0A7 2.6 0 0 0 7 0"/></g>"#
        ),
        // A lightning bolt.
        NodeKind::Cache => {
            r#"<g class="icon icon-cache"><path d="M2 -9L-6 1.5H0L-2 9L6 -1.5H0Z"/></g>"#
        }
        // Three messages in a row, moving right.
        NodeKind::Queue => concat!(
            r#"<g class="icon icon-queue"><rect x="-8.5" y="-6" width="4.8" height="8" rx="1"/>"#,
            r#"<rect x="-2.4" y="-6" width="4.8" height="8" rx="1"/>"#,
            r#"<rect x="3.7" y="-6" width="4.8" height="8" rx="1"/>"#,
            r#"<path d="M-8.5 7H7.5"/><path d="M5.5 5L7.5 7L5.5 9"/></g>"#
        ),
        // A cloud.
        NodeKind::External => concat!(
            r#"<g class="icon icon-external">"#,
            r#"<path d="M-4.5 6H5A3.8 3.8 0 0 0 5.6 -1.6A5.2 5.2 0 0 0 -4.2 -2.6A4.3 4.3 0 0 0 -4.5 6Z"/></g>"#
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_closed_icon_group_of_its_own() {
        for kind in NodeKind::ALL {
            let icon = icon_markup(kind);
            assert!(
                icon.starts_with(&format!(r#"<g class="icon icon-{}">"#, kind.as_str())),
                "{icon}"
            );
            assert_eq!(icon.matches("<g").count(), icon.matches("</g>").count());
        }
    }
}
