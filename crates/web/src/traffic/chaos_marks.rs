//! The instances chaos has down, marked on the diagram's own `<rect>`s
//! (`data-chaos-down="true"`, hatched red in `style/app.css`), never with
//! `data-killed`, which docs/spec/app.md keeps for kills by hand. The marks
//! are set only when an instance went down or came back, and again when the
//! canvas wrote nodes' markup anew ([`super::TrafficHub::nodes_drawn`]),
//! never on other frames; they go when traffic stops. The overlay layer
//! carries their count (`data-chaos-down` on `data-traffic-layer`).

use std::collections::HashMap;

use web_sys::Element;

use topolab_engine::sim::Playback;

/// The marked instances, (node, instance), and the elements marked.
#[derive(Default)]
pub(super) struct ChaosMarks {
    marks: HashMap<(u32, u16), Option<Element>>,
    /// The canvas's layer revision the marks were set at.
    marked_at: u64,
}

impl ChaosMarks {
    /// Brings the marks in `diagram` up to date with `playback`, the canvas's
    /// layer being at `revision`; their count goes on `layer`.
    pub(super) fn update(
        &mut self,
        playback: &mut Playback,
        revision: u64,
        diagram: &Element,
        layer: &Element,
    ) {
        let redrawn = revision != self.marked_at;
        self.marked_at = revision;
        if redrawn {
            // The marked elements may be gone: find them all again.
            for el in self.marks.values_mut() {
                if let Some(el) = el.take() {
                    let _ = el.remove_attribute("data-chaos-down");
                }
            }
        }
        if !playback.take_chaos_changed() && !redrawn {
            return;
        }
        let mut down = HashMap::new();
        for key in playback.down_by_chaos() {
            let el = self.marks.remove(&key).flatten();
            down.insert(key, el);
        }
        // Back up: unmarked.
        self.clear();
        for (&(v, i), el) in down.iter_mut().filter(|(_, el)| el.is_none()) {
            let Some(node) = playback.doc().nodes.get(v as usize) else {
                continue;
            };
            // Ids are made of A-Z a-z 0-9 _ - . (docs/spec/model.md §1.1): safe in quotes.
            let selector = format!(r#"[data-node-id="{}"] [data-instance="{i}"]"#, node.id);
            if let Ok(Some(found)) = diagram.query_selector(&selector) {
                let _ = found.set_attribute("data-chaos-down", "true");
                *el = Some(found);
            }
        }
        self.marks = down;
        let _ = layer.set_attribute("data-chaos-down", &self.marks.len().to_string());
    }

    /// Takes every mark off the diagram.
    pub(super) fn clear(&mut self) {
        for (_, el) in self.marks.drain() {
            if let Some(el) = el {
                let _ = el.remove_attribute("data-chaos-down");
            }
        }
    }
}
