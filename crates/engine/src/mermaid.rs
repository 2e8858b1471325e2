//! The diagram as Mermaid flowchart text, for people who write in Markdown
//! (`topolab render --format mermaid`, and the app's export).
//!
//! Left to right, one shape a kind, one arrow style a link kind (docs/spec/model.md §1.2:
//! requires solid, optional dashed, async dotted and labelled, route/pool
//! plain), killed instances and the live status in the node's text and class.
//! Mermaid's own ids are `n0`, `n1`, ... in document order: ours may hold `.`
//! or `-` or be a Mermaid keyword (`end`), which its grammar takes otherwise.
//! Labels are quoted and their `"`, `<`, `>`, `&` and `#` written as Mermaid's
//! `#…;` entities, so a label is always text.

use std::collections::HashMap;
use std::fmt::Write;

use super::analysis::Status;
use super::document::{Document, LinkKind, Node, NodeKind};

/// A label as Mermaid text inside `"…"`.
fn text(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for c in label.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The opening and closing of a kind's shape.
fn shape(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Client => ("([", "])"),
        NodeKind::LoadBalancer | NodeKind::Gateway => ("[/", "\\]"),
        NodeKind::Service => ("[", "]"),
        NodeKind::Database => ("[(", ")]"),
        NodeKind::Cache => ("{{", "}}"),
        NodeKind::Queue => ("[[", "]]"),
        NodeKind::External => (">", "]"),
    }
}

/// What a node's box says: its label, and its instances when it has several or some are killed.
fn node_text(node: &Node) -> String {
    let mut out = text(node.label());
    if node.is_client() {
        return out;
    }
    let replicas = node.replicas();
    let killed = node.killed.len();
    if replicas > 1 || killed > 0 {
        let _ = write!(out, " ×{replicas}");
        if killed > 0 {
            let _ = write!(out, ", {killed} killed");
        }
    }
    out
}

/// The arrow of a link kind.
fn arrow(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Requires => "-->",
        LinkKind::Optional => "-.->",
        LinkKind::Async => "-. async .->",
        LinkKind::Route | LinkKind::Pool => "--->",
    }
}

/// The whole document as a Mermaid flowchart. `statuses` gives each node's
/// live status in document order (missing ones are up); down and degraded
/// nodes get a class of that name, drawn red and amber.
pub fn render_mermaid(doc: &Document, statuses: &[Status]) -> String {
    let mut out = String::from("flowchart LR\n");
    if let Some(title) = &doc.title {
        // A comment: Mermaid flowcharts have no title outside front matter.
        let _ = writeln!(out, "  %% {}", text(title));
    }
    let index: HashMap<&str, usize> = doc
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    for (i, node) in doc.nodes.iter().enumerate() {
        let (open, close) = shape(node.kind);
        let _ = writeln!(out, "  n{i}{open}\"{}\"{close}", node_text(node));
    }
    for link in &doc.links {
        let (Some(&a), Some(&b)) = (index.get(link.from.as_str()), index.get(link.to.as_str()))
        else {
            continue;
        };
        let kind = link
            .kind
            .unwrap_or_else(|| doc.nodes[a].kind.default_link_kind());
        let _ = writeln!(out, "  n{a} {} n{b}", arrow(kind));
    }
    let with = |wanted: Status| -> Vec<String> {
        (0..doc.nodes.len())
            .filter(|&i| statuses.get(i).copied().unwrap_or(Status::Up) == wanted)
            .map(|i| format!("n{i}"))
            .collect()
    };
    for (status, style) in [
        (
            Status::Down,
            "fill:#fdeaea,stroke:#c62828,stroke-dasharray:2 3",
        ),
        (
            Status::Degraded,
            "fill:#fff4d6,stroke:#875b00,stroke-dasharray:6 3",
        ),
    ] {
        let ids = with(status);
        if !ids.is_empty() {
            let name = status.as_str();
            let _ = writeln!(out, "  classDef {name} {style}");
            let _ = writeln!(out, "  class {} {name}", ids.join(","));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Link;

    fn doc() -> Document {
        let mut app = Node::new("end", NodeKind::Service, 0.0, 0.0);
        app.label = Some("Say \"hi\" <b>".into());
        app.replicas = Some(3);
        app.killed = vec![1];
        Document {
            nodes: vec![
                Node::new("web.client", NodeKind::Client, 0.0, 0.0),
                app,
                Node::new("db", NodeKind::Database, 0.0, 0.0),
                Node::new("q", NodeKind::Queue, 0.0, 0.0),
            ],
            links: vec![
                Link::new("web.client", "end"),
                Link::new("end", "db"),
                Link::with_kind("end", "q", LinkKind::Optional),
                Link::new("q", "db"),
            ],
            ..Document::default()
        }
    }

    #[test]
    fn nodes_get_safe_ids_shapes_by_kind_and_quoted_labels() {
        let m = render_mermaid(&doc(), &[]);
        assert!(m.starts_with("flowchart LR\n"), "{m}");
        assert!(m.contains("  n0([\"web.client\"])\n"), "{m}");
        assert!(
            m.contains("  n1[\"Say #quot;hi#quot; #lt;b#gt; ×3, 1 killed\"]\n"),
            "{m}"
        );
        assert!(m.contains("  n2[(\"db\")]\n"), "{m}");
        assert!(!m.contains("<b>"), "{m}");
    }

    #[test]
    fn links_are_drawn_by_kind_with_the_default_kind_of_their_source() {
        let m = render_mermaid(&doc(), &[]);
        assert!(m.contains("  n0 ---> n1\n"), "a client routes: {m}");
        assert!(m.contains("  n1 --> n2\n"), "a service requires: {m}");
        assert!(m.contains("  n1 -.-> n3\n"), "optional: {m}");
        assert!(
            m.contains("  n3 -. async .-> n2\n"),
            "a queue delivers: {m}"
        );
    }

    #[test]
    fn down_and_degraded_nodes_get_a_class() {
        let m = render_mermaid(&doc(), &[Status::Up, Status::Down, Status::Degraded]);
        assert!(m.contains("  class n1 down\n"), "{m}");
        assert!(m.contains("  class n2 degraded\n"), "{m}");
        let m = render_mermaid(&doc(), &[]);
        assert!(!m.contains("classDef"), "{m}");
    }
}
