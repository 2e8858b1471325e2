//! How big a node is drawn and where links meet it: shared by the app's canvas
//! and the CLI's `render`, so both draw the same picture.

use super::document::{Document, Node};

/// Width of a node's box whose label fits in [`LABEL_ROOM`]; a longer label
/// widens its box, up to [`NODE_MAX_WIDTH`].
pub const NODE_WIDTH: f64 = 124.0;
/// The widest box: room for a label of 20 Latin letters (11 Chinese characters).
pub const NODE_MAX_WIDTH: f64 = 214.0;
/// What a box of [`NODE_WIDTH`] holds of a label, in quarters of a Latin
/// letter: eleven letters.
pub const LABEL_ROOM: usize = 44;
/// Box width a quarter of a letter over [`LABEL_ROOM`] adds: a letter is
/// about 10 units wide in the projector's large bold type (7.5 in the others).
const WIDTH_PER_QUARTER: f64 = 2.5;
/// Height of a node's box without instances.
pub const NODE_HEIGHT: f64 = 46.0;
/// Side of one instance's square.
pub const INSTANCE_SIZE: f64 = 12.0;
/// Gap between instance squares.
pub const INSTANCE_GAP: f64 = 4.0;
/// Instances drawn per row of squares.
pub const INSTANCES_PER_ROW: u32 = 7;

/// How wide a character is drawn, in quarters of a Latin letter: a Chinese
/// character (or any wide East Asian one) is about 1.75 Latin letters (13
/// pixels against 7.5 in the label's font), so six of them fill what eleven
/// letters do.
pub fn char_width(c: char) -> usize {
    let wide = matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide {
        7
    } else {
        4
    }
}

/// What the widest box holds of a label, in quarters of a Latin letter.
pub fn label_room_max() -> usize {
    LABEL_ROOM + ((NODE_MAX_WIDTH - NODE_WIDTH) / WIDTH_PER_QUARTER) as usize
}

/// The width of the box that holds `label` whole, or of the widest box when
/// none does (the label is then cut to what it holds).
fn width_for(label: &str) -> f64 {
    let mut quarters = 0;
    for c in label.chars() {
        quarters += char_width(c);
        if quarters > label_room_max() {
            return NODE_MAX_WIDTH;
        }
    }
    NODE_WIDTH + quarters.saturating_sub(LABEL_ROOM) as f64 * WIDTH_PER_QUARTER
}

/// The node's box, centred on (x, y): (width, height). Wide enough for its
/// label (up to [`NODE_MAX_WIDTH`]), tall enough for its instances.
pub fn node_size(node: &Node) -> (f64, f64) {
    let width = width_for(node.label());
    if node.is_client() {
        return (width, NODE_HEIGHT);
    }
    let rows = node.replicas().div_ceil(INSTANCES_PER_ROW).max(1);
    (
        width,
        NODE_HEIGHT + f64::from(rows) * (INSTANCE_SIZE + INSTANCE_GAP),
    )
}

/// The node's box where it stands: `(x0, y0, x1, y1)`.
pub fn node_box(node: &Node) -> (f64, f64, f64, f64) {
    let (w, h) = node_size(node);
    (
        node.x - w / 2.0,
        node.y - h / 2.0,
        node.x + w / 2.0,
        node.y + h / 2.0,
    )
}

/// The drawing's bounds `(x0, y0, x1, y1)`: every box, with room above for the
/// status marks and SPOF badges and to the right for the connect handles;
/// `None` for an empty diagram. Shared by the CLI's render and the app's "fit".
pub fn diagram_bounds(doc: &Document) -> Option<(f64, f64, f64, f64)> {
    let first = doc.nodes.first()?;
    Some(doc.nodes.iter().fold(
        (first.x, first.y, first.x, first.y),
        |(x0, y0, x1, y1), n| {
            let (w, h) = node_size(n);
            (
                x0.min(n.x - w / 2.0),
                y0.min(n.y - h / 2.0 - 12.0),
                x1.max(n.x + w / 2.0 + 12.0),
                y1.max(n.y + h / 2.0),
            )
        },
    ))
}

/// Top-left corner of instance `index`'s square, relative to the node's centre.
pub fn instance_origin(node: &Node, index: u32) -> (f64, f64) {
    let (_, h) = node_size(node);
    let per_row = INSTANCES_PER_ROW.min(node.replicas()).max(1);
    let row = index / INSTANCES_PER_ROW;
    let col = index % INSTANCES_PER_ROW;
    let row_width = f64::from(per_row) * INSTANCE_SIZE + f64::from(per_row - 1) * INSTANCE_GAP;
    let x = -row_width / 2.0 + f64::from(col) * (INSTANCE_SIZE + INSTANCE_GAP);
    let y = -h / 2.0 + NODE_HEIGHT - 6.0 + f64::from(row) * (INSTANCE_SIZE + INSTANCE_GAP);
    (x, y)
}

/// Where the segment from the centre (cx, cy) towards (tx, ty) leaves a box of
/// `size` centred there.
fn border_point(cx: f64, cy: f64, size: (f64, f64), tx: f64, ty: f64) -> (f64, f64) {
    let (dx, dy) = (tx - cx, ty - cy);
    if dx == 0.0 && dy == 0.0 {
        return (cx, cy);
    }
    let (hw, hh) = (size.0 / 2.0, size.1 / 2.0);
    let sx = if dx != 0.0 {
        hw / dx.abs()
    } else {
        f64::INFINITY
    };
    let sy = if dy != 0.0 {
        hh / dy.abs()
    } else {
        f64::INFINITY
    };
    let s = sx.min(sy).min(1.0);
    (cx + dx * s, cy + dy * s)
}

/// The straight segment a link is drawn along, from border to border of the
/// two boxes (centres and sizes given), with `gap` left before the target for
/// its arrow head.
pub fn link_segment(
    from: (f64, f64),
    from_size: (f64, f64),
    to: (f64, f64),
    to_size: (f64, f64),
    gap: f64,
) -> (f64, f64, f64, f64) {
    let (x1, y1) = border_point(from.0, from.1, from_size, to.0, to.1);
    let (x2, y2) = border_point(to.0, to.1, to_size, from.0, from.1);
    let (dx, dy) = (x2 - x1, y2 - y1);
    let len = (dx * dx + dy * dy).sqrt();
    if len <= gap * 2.0 {
        return (x1, y1, x2, y2);
    }
    (x1, y1, x2 - dx / len * gap, y2 - dy / len * gap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_segment_starts_and_ends_on_the_boxes() {
        let (x1, y1, x2, y2) =
            link_segment((0.0, 0.0), (100.0, 40.0), (300.0, 0.0), (100.0, 40.0), 0.0);
        assert_eq!((x1, y1, x2, y2), (50.0, 0.0, 250.0, 0.0));
        let (_, _, x2, _) =
            link_segment((0.0, 0.0), (100.0, 40.0), (300.0, 0.0), (100.0, 40.0), 4.0);
        assert_eq!(x2, 246.0);
    }

    #[test]
    fn a_box_widens_for_its_label_up_to_the_widest() {
        let mut n = Node::new("s", super::super::NodeKind::Service, 0.0, 0.0);
        let mut width = |label: &str| {
            n.label = Some(label.into());
            node_size(&n).0
        };
        assert_eq!(width("Payments DB"), NODE_WIDTH);
        assert_eq!(width("订单服务集群"), NODE_WIDTH);
        assert_eq!(width("app-payments-db"), NODE_WIDTH + 4.0 * 10.0);
        assert_eq!(width("abcdefghijklmnopqrst"), NODE_MAX_WIDTH);
        assert_eq!(width("abcdefghijklmnopqrstu"), NODE_MAX_WIDTH);
    }

    #[test]
    fn instances_stay_inside_the_box() {
        let mut n = Node::new("s", super::super::NodeKind::Service, 0.0, 0.0);
        for r in [1, 3, 7, 8, 64] {
            n.replicas = Some(r);
            let (w, h) = node_size(&n);
            for i in 0..r {
                let (x, y) = instance_origin(&n, i);
                assert!(
                    x >= -w / 2.0 && x + INSTANCE_SIZE <= w / 2.0,
                    "replicas {r} index {i}"
                );
                assert!(
                    y >= -h / 2.0 && y + INSTANCE_SIZE <= h / 2.0,
                    "replicas {r} index {i}"
                );
            }
        }
    }
}
