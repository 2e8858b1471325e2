//! A traffic run on the diagram: the engine's [`Playback`] of the document
//! and the elements it draws on (the dots' canvas, the backlog badges, the
//! chaos marks), one [`Scene::frame`] per animation frame. It never renders
//! the diagram and never changes the document.

use std::rc::Rc;

use web_sys::Element;

use super::super::lang::{Lang, Localized, Text};
use super::super::positions::Positions;
use super::badges::Badges;
use super::chaos_marks::ChaosMarks;
use super::hub::TrafficHub;
use super::painting::{DotCanvas, View};
use topolab_engine::i18n::l;
use topolab_engine::sim::{Chaos, Live, Playback};
use topolab_engine::Document;

const NOT_DRAWN: Localized = l(
    "Traffic cannot start: the diagram is not drawn yet",
    "无法开始流量模拟：图还没有画出来",
);

/// A running simulation of the document and its drawing on the diagram.
pub(super) struct Scene {
    pub(super) playback: Playback,
    positions: Positions,
    /// The overlay's layer: the badges, and the frames' counts for tests and benches.
    layer: Element,
    /// The diagram's `<svg>`, whose view box and size the overlay's follow.
    diagram: Element,
    /// The view box and size last copied, and the view they give.
    view: [Option<String>; 3],
    view_px: Option<View>,
    /// Where the dots are painted.
    paint: Option<DotCanvas>,
    badges: Badges,
    marks: ChaosMarks,
    hub: TrafficHub,
}

impl Scene {
    /// A run of `doc` on what `hub` holds; why not, in words, when the
    /// diagram is not drawn yet or the document's `extra.sim` is refused.
    pub(super) fn new(
        doc: Rc<Document>,
        hub: &TrafficHub,
        speed: f64,
        chaos: Chaos,
        seed: u64,
    ) -> Result<Scene, Text> {
        let (positions, layer, diagram, dots_canvas) =
            hub.get().ok_or_else(|| Text::from(NOT_DRAWN))?;
        let playback = Playback::new(doc, speed, chaos, seed, super::animator::reduced_motion())
            .map_err(|problems| {
                Text::of(|lang| {
                    let lines: Vec<String> = problems.iter().map(|p| p.line_in(lang)).collect();
                    match lang {
                        Lang::En => format!("Traffic cannot start: {}", lines.join("; ")),
                        Lang::Zh => format!("无法开始流量模拟：{}", lines.join("；")),
                    }
                })
            })?;
        let badges = Badges::new(playback.doc(), &layer);
        Ok(Scene {
            playback,
            positions,
            layer,
            diagram,
            view: Default::default(),
            view_px: None,
            paint: DotCanvas::new(dots_canvas),
            badges,
            marks: ChaosMarks::default(),
            hub: hub.clone(),
        })
    }

    /// One frame at the page's time `ts` (milliseconds); the live figures when due.
    pub(super) fn frame(&mut self, ts: f64) -> Option<Live> {
        let entered = gloo::utils::window().performance().map(|p| p.now());
        self.playback.advance(ts);
        self.draw();
        let _ = self
            .layer
            .set_attribute("data-frames", &self.playback.frames().to_string());
        // The frame's own work (simulation, dots, badges), for bench/traffic.mjs.
        if let (Some(performance), Some(entered)) = (gloo::utils::window().performance(), entered) {
            let work = performance.now() - entered;
            let _ = self
                .layer
                .set_attribute("data-frame-ms", &format!("{work:.2}"));
        }
        let drawn = self.paint.as_ref().map_or(0, DotCanvas::drawn);
        let live = self.playback.report(drawn)?;
        if let Some(paint) = self.paint.as_mut() {
            paint.report();
            paint.read_colours();
        }
        Some(live)
    }

    /// Takes the chaos marks off the diagram (the document changed: a new run
    /// marks its own).
    pub(super) fn unmark_chaos(&mut self) {
        self.marks.clear();
    }

    /// Takes everything the run drew off the page (traffic off).
    pub(super) fn clear(mut self) {
        self.marks.clear();
        if let Some(paint) = self.paint.as_mut() {
            paint.clear();
        }
        self.layer.set_inner_html("");
        let _ = self.layer.remove_attribute("data-chaos-down");
    }

    /// Gives the overlay the diagram's view box and size (pan, zoom, resize).
    fn follow_view(&mut self) {
        let Some(overlay) = self.layer.parent_element() else {
            return;
        };
        let mut changed = false;
        for (i, name) in ["viewBox", "width", "height"].into_iter().enumerate() {
            let now = self.diagram.get_attribute(name);
            if now != self.view[i] {
                if let Some(value) = &now {
                    let _ = overlay.set_attribute(name, value);
                }
                self.view[i] = now;
                changed = true;
            }
        }
        if changed {
            self.view_px = match &self.view {
                [Some(b), Some(w), Some(h)] => View::of(w, h, b),
                _ => None,
            };
        }
    }

    fn draw(&mut self) {
        self.follow_view();
        let revision = self.hub.revision();
        self.marks
            .update(&mut self.playback, revision, &self.diagram, &self.layer);
        let positions = &self.positions;
        let points = self.playback.dots_at(|id| positions.get(id));
        if let (Some(paint), Some(view)) = (self.paint.as_mut(), self.view_px.as_ref()) {
            if !points.is_empty() || !paint.is_blank() {
                paint.paint(view, &points);
            }
        }
        self.badges.update(self.playback.sim(), &self.positions);
    }
}
