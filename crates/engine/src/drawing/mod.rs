//! How one node and one link are drawn, as SVG markup: the app's canvas and
//! the CLI's `render` write the same elements, so both show the same picture
//! (docs/spec/app.md's automation attributes included).
//!
//! Markup, not a tree of elements: the canvas inserts a whole diagram with one
//! parse, as hand-written SVG would, which is what makes a 2,000-node first
//! render as fast as the browser allows. Everything a user typed (ids, labels)
//! goes through [`escape`], so a label is always text, never markup.

mod icons;

use std::fmt::Write;

pub use icons::icon_markup;

use super::analysis::Status;
use super::document::{LinkKind, Node, NodeKind};
use super::geometry::{
    char_width, instance_origin, label_room_max, link_segment, node_size, INSTANCE_SIZE,
};

/// An envelope drawn on async links, centred on the origin.
const ENVELOPE: &str = "M-7 -5h14v10h-14zM-7 -5l7 5.5l7 -5.5";

/// What the analysis and the viewer say of a node, beyond its own fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeLook {
    /// Live status (docs/spec/model.md §2).
    pub status: Status,
    /// A single point of failure (docs/spec/model.md §3).
    pub spof: bool,
    pub selected: bool,
    /// Goes down with the node under the pointer or selected.
    pub in_blast: bool,
    /// Drawn in full (captions, icon, label); false when zoomed far out.
    pub detail: bool,
    /// Shows the connect handle and the tooltip (hovered or selected).
    pub handle: bool,
    /// Instances from this index on are new (a previewed change): drawn as added.
    pub added_from: Option<u32>,
    /// Bit j set: the node's j-th zone (`node.zones[j]`) is down, and its
    /// instances are drawn struck through like killed ones.
    pub zones_down: u16,
}

impl Default for NodeLook {
    /// Up, not selected, drawn in full: how a standalone drawing shows a node.
    fn default() -> NodeLook {
        NodeLook {
            status: Status::Up,
            spof: false,
            selected: false,
            in_blast: false,
            detail: true,
            handle: false,
            added_from: None,
            zones_down: 0,
        }
    }
}

/// The words drawn on a node, in the viewer's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeWords<'a> {
    /// The kind's name above the label ("LOAD BALANCER").
    pub caption: &'a str,
    /// The badge of a single point of failure ("SPOF").
    pub spof: &'a str,
    /// The tooltip while the handle shows.
    pub tooltip: &'a str,
    /// The connect handle's tooltip.
    pub handle_tip: &'a str,
}

/// A coordinate as written into the markup: at most two decimals, written
/// without `f64`'s general formatting (a 2,000-node drawing writes some
/// 100,000 of them).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct N(pub f64);

impl std::fmt::Display for N {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hundredths = (self.0 * 100.0).round();
        if !hundredths.is_finite() || hundredths.abs() >= 1e15 {
            return write!(f, "{}", self.0);
        }
        let mut n = hundredths.abs() as u64;
        let mut digits = [0u8; 24];
        let mut at = digits.len();
        let mut put = |b: u8| {
            at -= 1;
            digits[at] = b;
        };
        let fraction = n % 100;
        n /= 100;
        if fraction != 0 {
            if fraction % 10 != 0 {
                put(b'0' + (fraction % 10) as u8);
            }
            put(b'0' + (fraction / 10) as u8);
            put(b'.');
        }
        loop {
            put(b'0' + (n % 10) as u8);
            n /= 10;
            if n == 0 {
                break;
            }
        }
        if hundredths < 0.0 {
            put(b'-');
        }
        // Only ASCII digits, '.' and '-' were written.
        f.write_str(std::str::from_utf8(&digits[at..]).unwrap_or("0"))
    }
}

/// `text` safe inside SVG character data and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped as [`escape`] does.
pub fn escape_into(out: &mut String, text: &str) {
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
}

/// ✓, ! or ✕: the status readable in black and white and by colour-blind eyes.
pub fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Up => "✓",
        Status::Degraded => "!",
        Status::Down => "✕",
    }
}

/// The English name of a kind as drawn above the label ("LOAD BALANCER").
pub fn kind_caption(kind: NodeKind) -> String {
    // ASCII: the kinds' names are (and the Unicode case tables cost 24 KB of wasm).
    kind.as_str().replace('_', " ").to_ascii_uppercase()
}

/// `translate(x y)`: where a node's group is drawn.
pub fn placement((x, y): (f64, f64)) -> String {
    format!("translate({} {})", N(x), N(y))
}

/// The `class` of a node's group.
pub fn node_class(kind: NodeKind, look: &NodeLook) -> String {
    let mut class = format!(
        "node kind-{} status-{}",
        kind.as_str(),
        look.status.as_str()
    );
    if look.selected {
        class.push_str(" selected");
    }
    if look.in_blast {
        class.push_str(" in-blast");
    }
    class
}

/// Labels wider than the widest box holds (20 Latin letters, 11 Chinese
/// characters) are cut with an ellipsis (the full text is the tooltip and the
/// accessible name); shorter ones widen their box (`geometry::node_size`).
fn short_label(label: &str) -> String {
    let room = label_room_max();
    if label.chars().map(char_width).sum::<usize>() <= room {
        return label.to_string();
    }
    // Room for the ellipsis, as wide as a letter.
    let mut used = 4;
    let cut: String = label
        .chars()
        .take_while(|&c| {
            used += char_width(c);
            used <= room
        })
        .collect();
    format!("{cut}…")
}

/// One node: `<g data-node-id ...>` at `at`, its body inside. `extra` is
/// written into the opening tag as it is (the app's `tabindex`, `role` and
/// `aria-*`); the caller escapes what it puts there.
pub fn write_node(
    out: &mut String,
    node: &Node,
    at: (f64, f64),
    look: &NodeLook,
    words: &NodeWords,
    extra: &str,
) {
    out.push_str("<g data-node-id=\"");
    escape_into(out, &node.id);
    let _ = write!(
        out,
        r#"" data-kind="{}" data-status="{}" class="{}" transform="{}" {extra}>"#,
        node.kind.as_str(),
        look.status.as_str(),
        node_class(node.kind, look),
        placement(at),
    );
    write_node_body(out, node, look, words);
    out.push_str("</g>");
}

/// What goes inside a node's group: box, captions, icon, status mark, SPOF
/// badge, one square an instance (struck through when killed), connect handle.
pub fn write_node_body(out: &mut String, node: &Node, look: &NodeLook, words: &NodeWords) {
    let (width, height) = node_size(node);
    let (w, h) = (N(width), N(height));
    let (left, top) = (-width / 2.0, -height / 2.0);
    let (right, label_y) = (N(width / 2.0), N(top + 25.0));
    let status = look.status.as_str();
    if look.handle {
        write_tooltip(out, words.tooltip);
    }
    let rx = if node.is_client() { 22.0 } else { 8.0 };
    let _ = write!(
        out,
        r#"<rect class="node-box" x="{}" y="{}" width="{w}" height="{h}" rx="{rx}"/>"#,
        N(left),
        N(top)
    );
    // Zoomed out so far that text would be a few pixels high, a node is its
    // box, status dot and instances: thousands of them then draw in a fraction.
    if look.detail {
        let _ = write!(
            out,
            r#"<text class="node-kind" x="0" y="{}" aria-hidden="true">"#,
            N(top + 11.0)
        );
        escape_into(out, words.caption);
        let _ = write!(
            out,
            r#"</text> <g class="node-icon" aria-hidden="true" transform="translate({} {label_y})">{}</g><text class="node-label" x="10" y="{label_y}">"#,
            N(left + 15.0),
            icon_markup(node.kind)
        );
        escape_into(out, &short_label(node.label()));
        // The spaces between the texts keep their words apart where a node's
        // visible text is read as one string (an accessibility checker
        // comparing it with the node's name): not drawn.
        out.push_str("</text> ");
    }
    let top_n = N(top);
    let _ = write!(
        out,
        r#"<circle class="node-status-mark mark-{status}" cx="{right}" cy="{top_n}" r="8"/>"#
    );
    if look.detail {
        let _ = write!(
            out,
            r#"<text class="node-status-glyph" x="{right}" y="{top_n}" aria-hidden="true">{}</text> "#,
            status_mark(look.status)
        );
        if look.spof {
            let _ = write!(
                out,
                r#"<text class="spof-badge" x="{}" y="{}">"#,
                N(left + 4.0),
                N(top - 5.0)
            );
            escape_into(out, words.spof);
            out.push_str("</text>");
        }
    }
    if !node.is_client() {
        let s = N(INSTANCE_SIZE);
        for i in 0..node.replicas() {
            let (x, y) = instance_origin(node, i);
            let (ix, iy) = (N(x), N(y));
            let killed = node.is_killed(i);
            let zone_slot = node
                .zones
                .as_ref()
                .map_or(0, |z| i as usize % z.len().max(1));
            let zone_down = look.zones_down & (1u16 << zone_slot.min(15)) != 0;
            let added = look.added_from.is_some_and(|from| i >= from);
            let _ = write!(
                out,
                r#"<rect class="instance{}{}" data-instance="{i}" data-killed="{killed}""#,
                if killed || zone_down { " killed" } else { "" },
                if added { " added" } else { "" }
            );
            let zone = node.zone_of(i);
            if let Some(zone) = zone {
                out.push_str(r#" data-zone=""#);
                escape_into(out, zone);
                out.push('"');
            }
            let _ = write!(
                out,
                r#" x="{ix}" y="{iy}" width="{s}" height="{s}" rx="2"/>"#
            );
            if let Some(zone) = zone.filter(|_| look.detail) {
                let _ = write!(
                    out,
                    r#"<text class="zone-mark" x="{}" y="{}" aria-hidden="true">"#,
                    N(x + INSTANCE_SIZE / 2.0),
                    N(y + INSTANCE_SIZE / 2.0)
                );
                escape_into(out, &zone_mark(zone));
                out.push_str("</text>");
            }
            if killed || zone_down {
                let _ = write!(
                    out,
                    r#"<path class="strike" d="M{ix} {iy}l{s} {s}M{ix} {}l{s} -{s}"/>"#,
                    N(y + INSTANCE_SIZE)
                );
            }
        }
    }
    if look.handle {
        write_handle(out, node, words.handle_tip);
    }
}

/// The one character an instance square shows of its zone (docs/spec/model.md §8):
/// the last letter or digit of the zone's id, in capitals (`az-a` is `A`,
/// `us-east-2` is `2`), so that a drawing reads in print and without colour.
pub fn zone_mark(id: &str) -> String {
    id.chars()
        .rev()
        .find(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase().to_string())
        .unwrap_or_default()
}

/// A node's tooltip: the first element of its body while its handle shows.
pub fn write_tooltip(out: &mut String, tooltip: &str) {
    out.push_str("<title>");
    escape_into(out, tooltip);
    out.push_str("</title>");
}

/// A node's connect handle, on the right edge of its box: the last element
/// of its body while it shows.
pub fn write_handle(out: &mut String, node: &Node, tip: &str) {
    let (w, _) = node_size(node);
    let _ = write!(
        out,
        r#"<circle class="connect-handle" data-handle="" cx="{}" cy="0" r="7"><title>"#,
        N(w / 2.0)
    );
    escape_into(out, tip);
    out.push_str("</title></circle>");
}

/// Where a link is drawn between two boxes (centres and sizes): its path's
/// `d`, and the `transform` of its middle (where an async link's envelope sits).
pub fn link_ends(
    from: (f64, f64),
    from_size: (f64, f64),
    to: (f64, f64),
    to_size: (f64, f64),
) -> (String, String) {
    let (x1, y1, x2, y2) = link_segment(from, from_size, to, to_size, 2.0);
    (
        format!("M{} {}L{} {}", N(x1), N(y1), N(x2), N(y2)),
        format!("translate({} {})", N((x1 + x2) / 2.0), N((y1 + y2) / 2.0)),
    )
}

/// A link's identity in the markup: `data-link="<from>-><to>"` (docs/spec/app.md).
pub fn link_key(from: &str, to: &str) -> String {
    format!("{from}->{to}")
}

/// How a link is drawn, beyond its ends and kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkLook {
    pub selected: bool,
    /// Its arrow head. The app leaves it off while the diagram is drawn far
    /// out (a head of one or two pixels), where painting thousands of markers
    /// cost the first drawing of a 2,000-node diagram a third of its paint.
    pub arrow: bool,
}

impl LinkLook {
    /// Not selected, with its arrow head: how a static drawing shows a link.
    pub const PLAIN: LinkLook = LinkLook {
        selected: false,
        arrow: true,
    };
}

/// The `marker-end` of a link of `kind`: one of [`write_markers`].
pub fn arrow_marker(kind: LinkKind) -> String {
    format!("url(#arrow-{})", kind.as_str())
}

/// One link from `from` (at `a`) to `to` (at `b`): a path with an arrow, and
/// for an async link an envelope (`data-envelope`) at its middle.
pub fn write_link(
    out: &mut String,
    (from, a): (&Node, (f64, f64)),
    (to, b): (&Node, (f64, f64)),
    kind: LinkKind,
    look: LinkLook,
) {
    let (d, middle) = link_ends(a, node_size(from), b, node_size(to));
    let mut key = String::new();
    escape_into(&mut key, &link_key(&from.id, &to.id));
    let k = kind.as_str();
    let _ = write!(
        out,
        r#"<path data-link="{key}" data-kind="{k}" class="link link-line link-{k}{}" d="{d}""#,
        if look.selected { " selected" } else { "" }
    );
    if look.arrow {
        let _ = write!(out, r#" marker-end="{}""#, arrow_marker(kind));
    }
    out.push_str("/>");
    if kind == LinkKind::Async {
        let _ = write!(
            out,
            r#"<path data-envelope="{key}" class="envelope" d="{ENVELOPE}" transform="{middle}"/>"#
        );
    }
}

/// The arrow heads every link kind's path ends with (`url(#arrow-<kind>)`).
pub fn write_markers(out: &mut String) {
    for kind in LinkKind::ALL {
        let k = kind.as_str();
        let _ = write!(
            out,
            r#"<marker id="arrow-{k}" class="arrow arrow-{k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker>"#
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> NodeWords<'static> {
        NodeWords {
            caption: "SERVICE",
            spof: "SPOF",
            tooltip: "tip",
            handle_tip: "connect",
        }
    }

    #[test]
    fn coordinates_are_written_with_at_most_two_decimals() {
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (240.0, "240"),
            (-62.0, "-62"),
            (12.5, "12.5"),
            (-0.25, "-0.25"),
            (1.005, "1"),
            (33.333333, "33.33"),
            (-7.999, "-8"),
            (0.04, "0.04"),
        ];
        for (value, written) in cases {
            assert_eq!(N(value).to_string(), written, "{value}");
        }
        assert_eq!(N(f64::INFINITY).to_string(), "inf");
    }

    #[test]
    fn a_long_label_is_cut_to_what_a_box_holds() {
        assert_eq!(short_label("Server 1"), "Server 1");
        assert_eq!(short_label("Payments DB"), "Payments DB");
        assert_eq!(short_label("app-payments-db"), "app-payments-db");
        assert_eq!(short_label("abcdefghijklmnopqrst"), "abcdefghijklmnopqrst");
        assert_eq!(short_label("abcdefghijklmnopqrstu"), "abcdefghijklmnopqrs…");
        assert_eq!(
            short_label("订单服务集群七八九十一"),
            "订单服务集群七八九十一"
        );
        assert_eq!(
            short_label("订单服务集群七八九十一二"),
            "订单服务集群七八九十…"
        );
        assert_eq!(short_label("服务器 1234"), "服务器 1234");
        assert_eq!(short_label("API 网关"), "API 网关");
    }

    #[test]
    fn a_label_is_text_never_markup() {
        let mut node = Node::new("a", NodeKind::Service, 0.0, 0.0);
        node.label = Some("<b>x</b>".into());
        let mut out = String::new();
        write_node(
            &mut out,
            &node,
            (0.0, 0.0),
            &NodeLook::default(),
            &words(),
            "",
        );
        assert!(!out.contains("<b>"), "{out}");
        assert!(out.contains("&lt;b&gt;x&lt;/b&gt;"), "{out}");
    }

    #[test]
    fn instances_of_a_node_with_zones_carry_their_zone_and_its_mark() {
        let mut node = Node::new("api", NodeKind::Service, 0.0, 0.0);
        node.replicas = Some(3);
        node.zones = Some(vec!["az-a".into(), "az-b".into()]);
        let mut out = String::new();
        write_node_body(&mut out, &node, &NodeLook::default(), &words());
        assert_eq!(out.matches(r#"data-zone="az-a""#).count(), 2, "{out}");
        assert_eq!(out.matches(r#"data-zone="az-b""#).count(), 1, "{out}");
        assert!(out.contains(r#"aria-hidden="true">B</text>"#), "{out}");
        let plain = Node::new("db", NodeKind::Database, 0.0, 0.0);
        let mut out = String::new();
        write_node_body(&mut out, &plain, &NodeLook::default(), &words());
        assert!(
            !out.contains("data-zone") && !out.contains("zone-mark"),
            "{out}"
        );
    }

    #[test]
    fn killed_instances_are_marked_and_struck_through() {
        let mut node = Node::new("a", NodeKind::Service, 0.0, 0.0);
        node.replicas = Some(3);
        node.killed = vec![1];
        let mut out = String::new();
        write_node_body(&mut out, &node, &NodeLook::default(), &words());
        assert_eq!(out.matches("data-instance=").count(), 3);
        assert_eq!(out.matches(r#"data-killed="true""#).count(), 1);
        assert_eq!(out.matches(r#"class="strike""#).count(), 1);
    }

    #[test]
    fn zoomed_out_nodes_have_no_text() {
        let node = Node::new("a", NodeKind::Database, 0.0, 0.0);
        let look = NodeLook {
            detail: false,
            spof: true,
            ..NodeLook::default()
        };
        let mut out = String::new();
        write_node_body(&mut out, &node, &look, &words());
        assert!(!out.contains("<text"), "{out}");
        assert!(out.contains("node-status-mark"));
    }

    #[test]
    fn async_links_carry_an_envelope() {
        let (a, b) = (
            Node::new("q", NodeKind::Queue, 0.0, 0.0),
            Node::new("s", NodeKind::Service, 300.0, 0.0),
        );
        let mut out = String::new();
        write_link(
            &mut out,
            (&a, (0.0, 0.0)),
            (&b, (300.0, 0.0)),
            LinkKind::Async,
            LinkLook::PLAIN,
        );
        assert!(out.contains(r#"data-link="q-&gt;s""#), "{out}");
        assert!(out.contains(r#"data-envelope="q-&gt;s""#), "{out}");
        // Box borders at 62 and 238, the arrow gap of 2 before the target: (62 + 236) / 2.
        assert!(out.contains("translate(149 0)"), "{out}");
    }
}
