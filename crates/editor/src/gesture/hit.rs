//! Hit tests in diagram units: which nodes a rectangle meets (the marquee),
//! which link a point is near (a click on empty space).

use std::collections::HashMap;

use super::{Point, Rect};
use topolab_engine::geometry::{link_segment, node_box, node_size};
use topolab_engine::Document;

/// The ids of the nodes whose boxes meet `rect`, in document order.
pub fn nodes_in(doc: &Document, rect: Rect) -> Vec<String> {
    let (x0, x1, y0, y1) = (rect.x, rect.x + rect.w, rect.y, rect.y + rect.h);
    doc.nodes
        .iter()
        .filter(|n| {
            let (nx0, ny0, nx1, ny1) = node_box(n);
            nx1 >= x0 && nx0 <= x1 && ny1 >= y0 && ny0 <= y1
        })
        .map(|n| n.id.clone())
        .collect()
}

/// The link whose drawn segment passes within `reach` of `at`, nearest first,
/// with the nodes where `positions` says they are drawn.
pub fn link_near(
    doc: &Document,
    positions: &dyn Fn(&str) -> Point,
    at: Point,
    reach: f64,
) -> Option<(String, String)> {
    let sizes: HashMap<&str, (f64, f64)> = doc
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), node_size(n)))
        .collect();
    doc.links
        .iter()
        .filter_map(|link| {
            let (a, b) = (sizes.get(link.from.as_str())?, sizes.get(link.to.as_str())?);
            let from = positions(&link.from).into();
            let to = positions(&link.to).into();
            let (x1, y1, x2, y2) = link_segment(from, *a, to, *b, 2.0);
            let distance = distance_to_segment(at, Point::new(x1, y1), Point::new(x2, y2));
            (distance <= reach).then_some((distance, link))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, link)| (link.from.clone(), link.to.clone()))
}

/// How far `at` is from the segment `a`–`b`.
fn distance_to_segment(at: Point, a: Point, b: Point) -> f64 {
    let d = a.to(b);
    let length2 = d.x * d.x + d.y * d.y;
    let t = if length2 > 0.0 {
        (((at.x - a.x) * d.x + (at.y - a.y) * d.y) / length2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    at.distance(Point::new(a.x + t * d.x, a.y + t * d.y))
}
