//! The queues' backlog badges: one `<g>` per queue node in the overlay `<svg>`
//! (`data-traffic-layer`), over the queue's top right corner, showing the
//! messages it holds (`data-backlog`), hidden while it holds none. An
//! element is changed only when its backlog does, or while it is shown.

use web_sys::Element;

use super::super::positions::Positions;
use topolab_engine::document::{Document, NodeKind};
use topolab_engine::geometry::node_size;
use topolab_engine::sim::Simulation;

const SVG: &str = "http://www.w3.org/2000/svg";

/// One queue's badge.
struct Badge {
    /// The queue's index and id, and its box's size.
    node: usize,
    id: String,
    size: (f64, f64),
    element: Element,
    /// The backlog it shows.
    shown: u64,
}

/// The badges of a document's queues.
pub(super) struct Badges(Vec<Badge>);

impl Badges {
    /// Empties `layer` and puts a hidden badge in it for each queue of `doc`.
    pub(super) fn new(doc: &Document, layer: &Element) -> Badges {
        layer.set_inner_html("");
        let badges = doc
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind == NodeKind::Queue)
            .filter_map(|(v, n)| {
                let element = gloo::utils::document()
                    .create_element_ns(Some(SVG), "g")
                    .ok()?;
                let _ = element.set_attribute("class", "backlog-badge");
                let _ = element.set_attribute("visibility", "hidden");
                let _ = element.set_attribute("data-backlog-of", &n.id);
                element.set_inner_html(r#"<rect x="-14" y="-11" width="28" height="22" rx="11"/><text text-anchor="middle" dy="0.35em"></text>"#);
                let _ = layer.append_child(&element);
                Some(Badge {
                    node: v,
                    id: n.id.clone(),
                    size: node_size(n),
                    element,
                    shown: 0,
                })
            })
            .collect();
        Badges(badges)
    }

    /// Shows each queue's backlog in `sim`, placed by `positions`.
    pub(super) fn update(&mut self, sim: &Simulation, positions: &Positions) {
        for badge in self.0.iter_mut() {
            let backlog = sim.backlog(badge.node);
            if backlog == badge.shown && backlog == 0 {
                continue;
            }
            let (x, y) = positions.get(&badge.id);
            let (w, h) = badge.size;
            let _ = badge.element.set_attribute(
                "transform",
                &format!("translate({:.1},{:.1})", x + w / 2.0, y - h / 2.0),
            );
            if backlog != badge.shown {
                badge.show(backlog);
            }
        }
    }
}

impl Badge {
    fn show(&mut self, backlog: u64) {
        let text = if backlog > 999 {
            "999+".to_string()
        } else {
            backlog.to_string()
        };
        if let Some(t) = self.element.last_element_child() {
            t.set_text_content(Some(&text));
        }
        let _ = self
            .element
            .set_attribute("data-backlog", &backlog.to_string());
        let _ = self
            .element
            .set_attribute("visibility", if backlog > 0 { "visible" } else { "hidden" });
        self.shown = backlog;
    }
}
