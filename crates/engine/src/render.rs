//! A standalone SVG drawing of a document (`topolab render`, and the app's SVG
//! export): the very elements the app's canvas draws ([`super::drawing`]),
//! with the stylesheet's light theme inline and text as text.

use std::fmt::Write;

use super::analysis::Status;
use super::document::Document;
use super::drawing::{
    escape, kind_caption, write_link, write_markers, write_node, LinkLook, NodeLook, NodeWords,
};
use super::geometry::diagram_bounds;

/// The app's stylesheet rules for the diagram (style/app.css), light theme, resolved.
const STYLE: &str = "
svg{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans CJK SC','Microsoft YaHei','PingFang SC','WenQuanYi Micro Hei',sans-serif}
.bg{fill:#f6f7f9}
.title{fill:#1b1f24;font-size:16px;font-weight:600}
.node-box{fill:#fff;stroke:#57606a;stroke-width:1.5px}
.status-up .node-box{stroke:#17753a}
.status-degraded .node-box{stroke:#875b00;fill:#fff4d6;stroke-dasharray:6 3}
.status-down .node-box{stroke:#c62828;fill:#fdeaea;stroke-dasharray:2 3}
.node-label{fill:#1b1f24;font-size:13px;font-weight:600;text-anchor:middle;dominant-baseline:middle}
.node-kind{fill:#57606a;font-size:9px;text-anchor:middle;letter-spacing:.05em}
.node-status-mark{stroke:#fff;stroke-width:1.5px}
.mark-up{fill:#17753a}.mark-degraded{fill:#875b00}.mark-down{fill:#c62828}
.node-status-glyph{fill:#fff;font-size:11px;font-weight:800;text-anchor:middle;dominant-baseline:central}
.spof-badge{fill:#c62828;font-size:10px;font-weight:700;letter-spacing:.06em}
.instance{fill:#eaf6ec;stroke:#17753a;stroke-width:1.2px}
.instance.killed{fill:#f6f7f9;stroke:#767f89}
.strike{stroke:#c62828;stroke-width:1.6px}
.zone-mark{fill:#1b1f24;font-size:8px;font-weight:700;text-anchor:middle;dominant-baseline:central}
.node-icon{color:#57606a}.status-down .node-icon{color:#c62828}.status-degraded .node-icon{color:#875b00}
.icon{fill:none;stroke:currentColor;stroke-width:1.6px;stroke-linecap:round;stroke-linejoin:round}
.link-line{stroke:#57606a;stroke-width:1.6px;fill:none}
.link-route,.link-pool{stroke:#767f89;stroke-width:1.2px}
.link-optional{stroke-dasharray:7 4}
.link-async{stroke-dasharray:2 4;stroke-linecap:round}
.envelope{fill:#fff;stroke:#57606a;stroke-width:1.3px;stroke-linejoin:round}
.arrow path{fill:#57606a}.arrow-route path,.arrow-pool path{fill:#767f89}
";

/// The status named `up`, `degraded` or `down`; anything else is drawn as up.
fn status_named(name: &str) -> Status {
    match name {
        "down" => Status::Down,
        "degraded" => Status::Degraded,
        _ => Status::Up,
    }
}

/// Room around the drawing, in diagram units.
const MARGIN: f64 = 24.0;
/// What an empty diagram's drawing spans.
const EMPTY_BOUNDS: (f64, f64, f64, f64) = (0.0, 0.0, 400.0, 300.0);

/// The standalone drawing's view box `(x, y, width, height)`, in diagram units;
/// its `width` and `height` attributes are the same numbers, so one unit is one
/// CSS pixel (the PNG export draws it at twice that).
pub fn view_box(doc: &Document) -> (f64, f64, f64, f64) {
    let (x0, y0, x1, y1) = diagram_bounds(doc).unwrap_or(EMPTY_BOUNDS);
    let title_height = if doc.title.is_some() { 32.0 } else { 0.0 };
    (
        x0 - MARGIN,
        y0 - MARGIN - title_height,
        x1 - x0 + 2.0 * MARGIN,
        y1 - y0 + 2.0 * MARGIN + title_height,
    )
}

/// The whole diagram as a standalone SVG document. `statuses` gives each node's
/// live status (`up`, `degraded` or `down`) in document order; missing ones
/// are drawn as up.
pub fn render_svg(doc: &Document, statuses: &[&str]) -> String {
    let (x0, ..) = diagram_bounds(doc).unwrap_or(EMPTY_BOUNDS);
    let (vx, vy, vw, vh) = view_box(doc);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{vx} {vy} {vw} {vh}" width="{vw}" height="{vh}" role="img">"#
    );
    let _ = write!(
        s,
        "<title>{}</title>",
        escape(doc.title.as_deref().unwrap_or("Topolab diagram"))
    );
    let _ = write!(s, "<style>{STYLE}</style><defs>");
    write_markers(&mut s);
    let _ = write!(
        s,
        r#"</defs><rect class="bg" x="{vx}" y="{vy}" width="{vw}" height="{vh}"/>"#
    );
    if let Some(title) = &doc.title {
        let _ = write!(
            s,
            r#"<text class="title" x="{}" y="{}">{}</text>"#,
            x0,
            vy + MARGIN + 8.0,
            escape(title)
        );
    }
    let index: std::collections::HashMap<&str, usize> = doc
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    for link in &doc.links {
        let (Some(&a), Some(&b)) = (index.get(link.from.as_str()), index.get(link.to.as_str()))
        else {
            continue;
        };
        let (na, nb) = (&doc.nodes[a], &doc.nodes[b]);
        let kind = link.kind.unwrap_or_else(|| na.kind.default_link_kind());
        write_link(
            &mut s,
            (na, (na.x, na.y)),
            (nb, (nb.x, nb.y)),
            kind,
            LinkLook::PLAIN,
        );
    }
    for (i, node) in doc.nodes.iter().enumerate() {
        let look = NodeLook {
            status: status_named(statuses.get(i).copied().unwrap_or("up")),
            ..NodeLook::default()
        };
        let caption = kind_caption(node.kind);
        let words = NodeWords {
            caption: &caption,
            spof: "SPOF",
            tooltip: node.label(),
            handle_tip: "",
        };
        write_node(&mut s, node, (node.x, node.y), &look, &words, "");
    }
    s.push_str("</svg>\n");
    s
}
