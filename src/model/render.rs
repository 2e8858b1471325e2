//! A standalone SVG drawing of a document (`topolab render`, and the app's SVG
//! export): the same geometry as the app's canvas, styles inline, text as text.

use std::fmt::Write;

use super::document::{Document, NodeKind};
use super::geometry::{diagram_bounds, instance_origin, link_segment, node_size, INSTANCE_SIZE};

const STYLE: &str = "
svg{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans CJK SC',sans-serif}
.bg{fill:#f6f7f9}
.title{fill:#1b1f24;font-size:16px;font-weight:600}
.node-box{fill:#fff;stroke:#57606a;stroke-width:1.5px}
.status-up .node-box{stroke:#1a7f37}
.status-degraded .node-box{stroke:#9a6700;fill:#fff4d6;stroke-dasharray:6 3}
.status-down .node-box{stroke:#c62828;fill:#fdeaea;stroke-dasharray:2 3}
.node-label{fill:#1b1f24;font-size:13px;font-weight:600;text-anchor:middle;dominant-baseline:middle}
.node-kind{fill:#57606a;font-size:9px;text-anchor:middle;letter-spacing:.05em}
.mark circle{stroke:#fff;stroke-width:1.5px}
.mark text{fill:#fff;font-size:11px;font-weight:800;text-anchor:middle;dominant-baseline:central}
.status-up .mark circle{fill:#1a7f37}.status-degraded .mark circle{fill:#9a6700}.status-down .mark circle{fill:#c62828}
.instance rect{fill:#eaf6ec;stroke:#1a7f37;stroke-width:1.2px}
.instance.killed rect{fill:#f6f7f9;stroke:#8c959f}
.instance path{stroke:#c62828;stroke-width:1.6px}
.link line{stroke:#57606a;stroke-width:1.6px;fill:none}
.link-route line,.link-pool line{stroke:#8c959f;stroke-width:1.2px}
.link-optional line{stroke-dasharray:7 4}
.link-async line{stroke-dasharray:2 4;stroke-linecap:round}
.arrow path{fill:#57606a}.arrow-route path,.arrow-pool path{fill:#8c959f}
";

/// `text` safe inside SVG character data and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn status_mark(status: &str) -> &'static str {
    match status {
        "down" => "✕",
        "degraded" => "!",
        _ => "✓",
    }
}

/// The whole diagram as a standalone SVG document. `statuses` gives each node's
/// live status (`up`, `degraded` or `down`) in document order; missing ones
/// are drawn as up.
pub fn render_svg(doc: &Document, statuses: &[&str]) -> String {
    let sizes: Vec<(f64, f64)> = doc.nodes.iter().map(node_size).collect();
    let (x0, y0, x1, y1) = diagram_bounds(doc).unwrap_or((0.0, 0.0, 400.0, 300.0));
    let margin = 24.0;
    let title_height = if doc.title.is_some() { 32.0 } else { 0.0 };
    let (vx, vy) = (x0 - margin, y0 - margin - title_height);
    let (vw, vh) = (
        x1 - x0 + 2.0 * margin,
        y1 - y0 + 2.0 * margin + title_height,
    );
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
    for kind in super::document::LinkKind::ALL {
        let k = kind.as_str();
        let _ = write!(
            s,
            r#"<marker id="arrow-{k}" class="arrow arrow-{k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker>"#
        );
    }
    let _ = write!(
        s,
        r#"</defs><rect class="bg" x="{vx}" y="{vy}" width="{vw}" height="{vh}"/>"#
    );
    if let Some(title) = &doc.title {
        let _ = write!(
            s,
            r#"<text class="title" x="{}" y="{}">{}</text>"#,
            x0,
            vy + margin + 8.0,
            escape(title)
        );
    }
    for link in &doc.links {
        let (Some(a), Some(b)) = (doc.node_index(&link.from), doc.node_index(&link.to)) else {
            continue;
        };
        let (na, nb) = (&doc.nodes[a], &doc.nodes[b]);
        let (lx1, ly1, lx2, ly2) =
            link_segment((na.x, na.y), sizes[a], (nb.x, nb.y), sizes[b], 2.0);
        let k = doc.link_kind(link).as_str();
        let _ = write!(
            s,
            r#"<g class="link link-{k}" data-link="{}-&gt;{}" data-kind="{k}"><line x1="{lx1}" y1="{ly1}" x2="{lx2}" y2="{ly2}" marker-end="url(#arrow-{k})"/></g>"#,
            escape(&link.from),
            escape(&link.to)
        );
    }
    for (i, node) in doc.nodes.iter().enumerate() {
        let status = statuses.get(i).copied().unwrap_or("up");
        let (w, h) = sizes[i];
        let kind = node.kind.as_str();
        let _ = write!(
            s,
            r#"<g class="node status-{status}" data-node-id="{}" data-kind="{kind}" data-status="{status}" transform="translate({} {})">"#,
            escape(&node.id),
            node.x,
            node.y
        );
        let rx = if node.kind == NodeKind::Client {
            22.0
        } else {
            8.0
        };
        let _ = write!(
            s,
            r#"<rect class="node-box" x="{}" y="{}" width="{w}" height="{h}" rx="{rx}"/>"#,
            -w / 2.0,
            -h / 2.0
        );
        let _ = write!(
            s,
            r#"<text class="node-kind" x="0" y="{}">{}</text><text class="node-label" x="0" y="{}">{}</text>"#,
            -h / 2.0 + 11.0,
            kind.replace('_', " ").to_uppercase(),
            -h / 2.0 + 25.0,
            escape(node.label())
        );
        let _ = write!(
            s,
            r#"<g class="mark" transform="translate({} {})"><circle r="8"/><text>{}</text></g>"#,
            w / 2.0,
            -h / 2.0,
            status_mark(status)
        );
        if !node.is_client() {
            for index in 0..node.replicas() {
                let (ix, iy) = instance_origin(node, index);
                let killed = node.is_killed(index);
                let _ = write!(
                    s,
                    r#"<g class="instance{}" data-instance="{index}" data-killed="{killed}"><rect x="{ix}" y="{iy}" width="{INSTANCE_SIZE}" height="{INSTANCE_SIZE}" rx="2"/>"#,
                    if killed { " killed" } else { "" }
                );
                if killed {
                    let _ = write!(
                        s,
                        r#"<path d="M{ix} {iy}l{INSTANCE_SIZE} {INSTANCE_SIZE}M{ix} {}l{INSTANCE_SIZE} -{INSTANCE_SIZE}"/>"#,
                        iy + INSTANCE_SIZE
                    );
                }
                s.push_str("</g>");
            }
        }
        s.push_str("</g>");
    }
    s.push_str("</svg>\n");
    s
}
