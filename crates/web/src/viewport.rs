//! Pan and zoom: the part of the diagram the canvas shows, as the `<svg>`'s
//! `viewBox`. It is view state, like positions: it is set on the element
//! directly, so panning or zooming never re-renders a node or a link.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, SvgGraphicsElement};
use yew::NodeRef;

use topolab_editor::gesture::Point;
use topolab_engine::geometry::{diagram_bounds, node_box};
use topolab_engine::Document;

/// Screen pixels per diagram unit below which nodes are drawn without text:
/// a 13-pixel label would be under 5 pixels high.
pub const DETAIL_SCALE: f64 = 0.38;

/// The closest zoom: screen pixels per diagram unit (a 13-unit label 52 pixels high).
const MAX_SCALE: f64 = 4.0;
/// The farthest zoom: the diagram as last fitted, shrunk to this fraction of its size.
const FARTHEST: f64 = 0.25;
/// The widest view before a diagram is first fitted, in diagram units.
const MAX_WIDTH: f64 = 60_000.0;
/// Space kept around a fitted diagram, in diagram units.
const FIT_MARGIN: f64 = 40.0;
/// Pixels kept above and below a diagram fitted clear of the controls
/// floating under it (in place of the margin, which would shrink it more).
const CLEARANCE: f64 = 8.0;

/// A rectangle of the diagram: the `viewBox`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl ViewBox {
    /// The diagram's bounding box with a margin, at least 400 x 300 units.
    pub fn fitted(doc: &Document) -> ViewBox {
        let Some((x0, y0, x1, y1)) = diagram_bounds(doc) else {
            return ViewBox {
                x: 0.0,
                y: 0.0,
                w: 800.0,
                h: 500.0,
            };
        };
        let w = (x1 - x0 + 2.0 * FIT_MARGIN).max(400.0);
        let h = (y1 - y0 + 2.0 * FIT_MARGIN).max(300.0);
        let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
        ViewBox {
            x: cx - w / 2.0,
            y: cy - h / 2.0,
            w,
            h,
        }
    }

    /// This fitted view, for an svg of `size` pixels whose bottom `covered`
    /// pixels lie under floating controls (the zoom buttons, the traffic bar):
    /// its content (`content_h` units high, centred in the view) fitted into
    /// the part above them, `gap` pixels from either edge of it rather than
    /// the view's margins, never larger than the view fitted whole, and
    /// centred there, as a view of the svg's own proportions (so `meet` adds
    /// no band of its own). Unchanged when nothing is covered, or when the
    /// controls would take half the svg.
    pub fn clear_of(
        self,
        (w, h): (f64, f64),
        covered: f64,
        (content_h, gap): (f64, f64),
    ) -> ViewBox {
        let open = h - covered;
        if !(w > 0.0 && covered > 0.0 && open >= h / 2.0 && content_h > 0.0) {
            return self;
        }
        let whole = (w / self.w).min(h / self.h);
        let scale = whole.min((open - 2.0 * gap) / content_h);
        let (cx, cy) = self.centre();
        ViewBox {
            x: cx - w / (2.0 * scale),
            y: cy - open / (2.0 * scale),
            w: w / scale,
            h: h / scale,
        }
    }

    /// How this view maps onto an svg of `size` pixels, `xMidYMid meet`:
    /// pixels a unit and the pixel of diagram point (0, 0); `None` unless
    /// both are positive sizes.
    pub fn meet_in(self, (w, h): (f64, f64)) -> Option<(f64, f64, f64)> {
        if !(w > 0.0 && h > 0.0 && self.w > 0.0 && self.h > 0.0) {
            return None;
        }
        let scale = (w / self.w).min(h / self.h);
        Some((
            scale,
            (w - self.w * scale) / 2.0 - self.x * scale,
            (h - self.h * scale) / 2.0 - self.y * scale,
        ))
    }

    /// Whether, shown `xMidYMid meet` in an svg of `size` pixels, this view
    /// puts any of `boxes` (diagram units: x0, y0, x1, y1) under any of
    /// `controls` (pixels from the svg's top left: left, top, right, bottom).
    pub fn puts_under(
        self,
        (w, h): (f64, f64),
        mut boxes: impl Iterator<Item = (f64, f64, f64, f64)>,
        controls: &[(f64, f64, f64, f64)],
    ) -> bool {
        let Some((scale, ox, oy)) = self.meet_in((w, h)).filter(|_| !controls.is_empty()) else {
            return false;
        };
        boxes.any(|(x0, y0, x1, y1)| {
            let (l, t, r, b) = (
                ox + x0 * scale,
                oy + y0 * scale,
                ox + x1 * scale,
                oy + y1 * scale,
            );
            controls
                .iter()
                .any(|&(cl, ct, cr, cb)| l < cr && cl < r && t < cb && ct < b)
        })
    }

    /// This view zoomed by `factor` (> 1 closer) keeping diagram point `at`
    /// where it is on screen, its width kept within `(narrowest, widest)`.
    pub fn zoomed(self, factor: f64, at: (f64, f64), (narrowest, widest): (f64, f64)) -> ViewBox {
        let factor = factor.clamp(self.w / widest.max(narrowest), self.w / narrowest);
        if !factor.is_finite() || factor <= 0.0 {
            return self;
        }
        ViewBox {
            x: at.0 - (at.0 - self.x) / factor,
            y: at.1 - (at.1 - self.y) / factor,
            w: self.w / factor,
            h: self.h / factor,
        }
    }

    /// This view moved by (dx, dy) diagram units.
    pub fn panned(self, dx: f64, dy: f64) -> ViewBox {
        ViewBox {
            x: self.x + dx,
            y: self.y + dy,
            ..self
        }
    }

    /// Its centre.
    pub fn centre(self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    fn attribute(self) -> String {
        format!("{} {} {} {}", self.x, self.y, self.w, self.h)
    }
}

/// Where nodes are drawn in full. A node far off screen is drawn as a box,
/// its status and its instances, as when zoomed out: at 2,000 nodes zoomed
/// in, painting every node's texts and icon cost the browser three times the
/// hand-written page's frame (BENCHMARKS.md, "Drag").
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Detail {
    /// Zoomed out past [`DETAIL_SCALE`]: no node.
    Nowhere,
    /// Before the svg has a size: every node.
    Everywhere,
    /// The nodes that meet this part of the diagram: the part on screen and
    /// as much again on every side, so that panning redraws only now and then.
    Within(ViewBox),
}

impl Detail {
    /// Whether any node is drawn in full (links then get their arrows).
    pub fn anywhere(self) -> bool {
        self != Detail::Nowhere
    }

    /// Whether a node whose box is `(x0, y0, x1, y1)` is drawn in full.
    pub fn covers(self, (x0, y0, x1, y1): (f64, f64, f64, f64)) -> bool {
        match self {
            Detail::Nowhere => false,
            Detail::Everywhere => true,
            Detail::Within(r) => x1 >= r.x && x0 <= r.x + r.w && y1 >= r.y && y0 <= r.y + r.h,
        }
    }

    /// The detail for `shown` (the part of the diagram on screen) at `scale`
    /// pixels a unit, keeping this one while it still holds `shown` and half
    /// a screen around it, and `shown` is not under a sixth of its width
    /// (zoomed in twice closer than when it was made).
    pub fn next(self, shown: ViewBox, scale: f64) -> Detail {
        if scale < DETAIL_SCALE {
            return Detail::Nowhere;
        }
        if let Detail::Within(r) = self {
            // Half a screen of it left on every side: what comes on screen next
            // is drawn in full already.
            let (mx, my) = (shown.w / 2.0, shown.h / 2.0);
            let inside = shown.x - mx >= r.x
                && shown.y - my >= r.y
                && shown.x + shown.w + mx <= r.x + r.w
                && shown.y + shown.h + my <= r.y + r.h;
            if inside && shown.w * 6.0 >= r.w {
                return self;
            }
        }
        Detail::Within(ViewBox {
            x: shown.x - shown.w,
            y: shown.y - shown.h,
            w: 3.0 * shown.w,
            h: 3.0 * shown.h,
        })
    }
}

/// The detail last told (none before the first look), and whom to tell when
/// it changes.
type DetailWatch = (Option<Detail>, yew::Callback<Detail>);

/// The canvas's view, kept apart from the component tree and written to the
/// `<svg>` element itself.
#[derive(Clone)]
pub struct Viewport {
    svg: NodeRef,
    view: Rc<Cell<ViewBox>>,
    /// Where nodes are drawn in full, as the view last set says.
    detail: Rc<Cell<Detail>>,
    /// Told where nodes should be drawn in full, when that changes.
    on_detail: Rc<RefCell<Option<DetailWatch>>>,
    /// The view the last fit showed.
    fitted: Rc<Cell<Option<ViewBox>>>,
}

impl PartialEq for Viewport {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view)
    }
}

impl Viewport {
    pub fn new(svg: NodeRef) -> Viewport {
        Viewport {
            svg,
            view: Rc::new(Cell::new(ViewBox {
                x: 0.0,
                y: 0.0,
                w: 800.0,
                h: 500.0,
            })),
            detail: Rc::new(Cell::new(Detail::Everywhere)),
            on_detail: Rc::new(RefCell::new(None)),
            fitted: Rc::new(Cell::new(None)),
        }
    }

    /// Calls `on_detail` whenever where nodes are drawn in full changes (the
    /// view crosses [`DETAIL_SCALE`], or pans or zooms out of its
    /// [`Detail::Within`]); the first view set after this (the fit of a new
    /// diagram) is taken as it is, untold: whoever draws reads
    /// [`Viewport::detail`] then.
    pub fn watch_detail(&self, on_detail: yew::Callback<Detail>) {
        *self.on_detail.borrow_mut() = Some((None, on_detail));
    }

    /// Where nodes are drawn in full at the view as it is.
    pub fn detail(&self) -> Detail {
        self.detail.get()
    }

    /// The part of the diagram on screen (the view, widened to the svg's
    /// shape as `preserveAspectRatio` does) and the scale, once the svg has a size.
    fn shown(&self) -> Option<(ViewBox, f64)> {
        let svg = self.svg.cast::<Element>()?;
        let view = self.get();
        let (w, h) = (
            f64::from(svg.client_width()),
            f64::from(svg.client_height()),
        );
        if w <= 0.0 || h <= 0.0 {
            return None;
        }
        let scale = (w / view.w).min(h / view.h);
        let (sw, sh) = (w / scale, h / scale);
        let shown = ViewBox {
            x: view.x - (sw - view.w) / 2.0,
            y: view.y - (sh - view.h) / 2.0,
            w: sw,
            h: sh,
        };
        Some((shown, scale))
    }

    /// The svg changed size: where nodes are drawn in full may change with it.
    pub fn resized(&self) {
        self.check_detail();
    }

    /// Works out the detail of the view as it is, and tells the watcher if it changed.
    fn check_detail(&self) {
        let detail = match self.shown() {
            Some((shown, scale)) => self.detail.get().next(shown, scale),
            None => Detail::Everywhere,
        };
        self.detail.set(detail);
        let mut watch = self.on_detail.borrow_mut();
        if let Some((told, callback)) = watch.as_mut() {
            let before = told.replace(detail);
            if before.is_some_and(|before| before != detail) {
                let callback = callback.clone();
                drop(watch);
                callback.emit(detail);
            }
        }
    }

    /// The view as it is.
    pub fn get(&self) -> ViewBox {
        self.view.get()
    }

    /// Shows `view`.
    pub fn set(&self, view: ViewBox) {
        if ![view.x, view.y, view.w, view.h]
            .iter()
            .all(|v| v.is_finite())
            || view.w <= 0.0
        {
            return;
        }
        self.view.set(view);
        if let Some(svg) = self.svg.cast::<Element>() {
            let _ = svg.set_attribute("viewBox", &view.attribute());
        }
        self.check_detail();
    }

    /// Shows the whole diagram as large as it fits; if that puts a node
    /// under a control floating along the canvas's bottom edge, fitted above
    /// them instead.
    pub fn fit(&self, doc: &Document) {
        let fitted = ViewBox::fitted(doc);
        let view = match self.svg.cast::<Element>() {
            Some(svg) => {
                let size = (
                    f64::from(svg.client_width()),
                    f64::from(svg.client_height()),
                );
                let controls = controls_over(&svg);
                let boxes = doc.nodes.iter().map(node_box);
                if fitted.puts_under(size, boxes, &controls) {
                    let top = controls.iter().map(|c| c.1).fold(size.1, f64::min);
                    let content_h = diagram_bounds(doc).map_or(0.0, |(_, y0, _, y1)| y1 - y0);
                    fitted.clear_of(size, size.1 - top, (content_h, CLEARANCE))
                } else {
                    fitted
                }
            }
            None => fitted,
        };
        self.set(view);
        self.fitted.set(Some(self.get()));
    }

    /// The narrowest and widest view zooming may show, in diagram units: no
    /// closer than [`MAX_SCALE`], no farther than the last fit at [`FARTHEST`]
    /// of its size (so the diagram never shrinks to a dot).
    fn zoom_limits(&self) -> (f64, f64) {
        let pixels = self
            .svg
            .cast::<Element>()
            .map_or(0.0, |svg| f64::from(svg.client_width()));
        let narrowest = (pixels / MAX_SCALE).max(1.0);
        let widest = self.fitted.get().map_or(MAX_WIDTH, |f| f.w / FARTHEST);
        (narrowest, widest)
    }

    /// Shows the whole diagram in the whole svg, controls or not (a print,
    /// which hides them).
    pub fn fit_whole(&self, doc: &Document) {
        self.set(ViewBox::fitted(doc));
    }

    /// Fits the diagram again if the view is still the one the last fit
    /// showed (nobody has panned or zoomed since): the canvas or the controls
    /// over it changed size (the traffic bar opening).
    pub fn refit(&self, doc: &Document) {
        if self.fitted.get() == Some(self.get()) {
            self.fit(doc);
        }
    }

    /// Screen pixels per diagram unit, and the screen position of diagram (0, 0).
    fn screen_transform(&self) -> Option<(f64, f64, f64)> {
        let m = self.svg.cast::<SvgGraphicsElement>()?.get_screen_ctm()?;
        let scale = f64::from(m.a());
        (scale.is_finite() && scale > 0.0).then(|| (scale, f64::from(m.e()), f64::from(m.f())))
    }

    /// Screen pixels per diagram unit (1 before the canvas is on screen).
    pub fn scale(&self) -> f64 {
        self.screen_transform().map_or(1.0, |(s, _, _)| s)
    }

    /// The diagram point under a pointer at client coordinates (x, y).
    pub fn to_diagram(&self, x: f64, y: f64) -> (f64, f64) {
        match self.screen_transform() {
            Some((s, e, f)) => ((x - e) / s, (y - f) / s),
            None => (x, y),
        }
    }

    /// Zooms by `factor` around the pointer at client coordinates (x, y).
    pub fn zoom_at_client(&self, factor: f64, x: f64, y: f64) {
        let at = self.to_diagram(x, y);
        self.set(self.get().zoomed(factor, at, self.zoom_limits()));
    }

    /// Zooms by `factor` around the middle of the view.
    pub fn zoom(&self, factor: f64) {
        let view = self.get();
        self.set(view.zoomed(factor, view.centre(), self.zoom_limits()));
    }

    /// Moves the diagram by (dx, dy) screen pixels, as a hand would.
    pub fn pan_pixels(&self, dx: f64, dy: f64) {
        let s = self.scale();
        self.set(self.get().panned(-dx / s, -dy / s));
    }
}

/// The gesture machine reads the view through this, only when it needs it.
impl topolab_editor::gesture::View for Viewport {
    fn to_diagram(&self, client: Point) -> Point {
        Viewport::to_diagram(self, client.x, client.y).into()
    }

    fn scale(&self) -> f64 {
        Viewport::scale(self)
    }
}

/// The controls floating over the diagram that `inside` (the svg or its
/// area) belongs to: `[data-floats-over-diagram]` in its `.canvas-stack`
/// (the editor: the zoom buttons, the traffic bar), else beside it.
pub fn floating_controls(inside: &Element) -> Vec<Element> {
    let around = inside
        .closest(".canvas-stack")
        .ok()
        .flatten()
        .or_else(|| inside.parent_element());
    let Some(Ok(found)) = around.map(|a| a.query_selector_all("[data-floats-over-diagram]")) else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// The rectangles of those controls that lie over `svg`, in pixels from its
/// top left (left, top, right, bottom); none when they are hidden (a print).
fn controls_over(svg: &Element) -> Vec<(f64, f64, f64, f64)> {
    let frame = svg.get_bounding_client_rect();
    floating_controls(svg)
        .iter()
        .map(Element::get_bounding_client_rect)
        .filter(|r| r.width() > 0.0 && r.height() > 0.0)
        .filter(|r| r.top() < frame.bottom() && r.bottom() > frame.top())
        .map(|r| {
            (
                r.left() - frame.left(),
                r.top() - frame.top(),
                r.right() - frame.left(),
                r.bottom() - frame.top(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::*;

    use super::{Detail, ViewBox, DETAIL_SCALE};

    wasm_bindgen_test_configure!(run_in_browser);

    const CONTENT: ViewBox = ViewBox {
        x: 0.0,
        y: 0.0,
        w: 400.0,
        h: 300.0,
    };

    #[wasm_bindgen_test]
    fn a_view_clear_of_the_controls_keeps_the_content_above_them() {
        // An 800 x 600 svg with its bottom 200 pixels covered; the content is
        // 220 units high (the view's 300 less its margins). It fits the 400
        // pixels above, 10 from either edge: 380 / 220 pixels a unit.
        let view = CONTENT.clear_of((800.0, 600.0), 200.0, (220.0, 10.0));
        let scale = 800.0 / view.w;
        assert!((scale - 380.0 / 220.0).abs() < 1e-9, "{view:?}");
        assert!(
            (600.0 / view.h - scale).abs() < 1e-9,
            "the svg's proportions: {view:?}"
        );
        let (top, bottom) = ((40.0 - view.y) * scale, (260.0 - view.y) * scale);
        assert!(
            (top - 10.0).abs() < 1e-9 && (bottom - 390.0).abs() < 1e-9,
            "{top} {bottom}"
        );
        let left = (CONTENT.x - view.x) * scale;
        assert!(
            (left - (800.0 - 400.0 * scale) / 2.0).abs() < 1e-9,
            "centred across: {left}"
        );
        // With room to spare, never larger than the view fitted whole.
        let roomy = CONTENT.clear_of((800.0, 600.0), 50.0, (220.0, 10.0));
        assert!((800.0 / roomy.w - 2.0).abs() < 1e-9, "{roomy:?}");
    }

    #[wasm_bindgen_test]
    fn a_box_is_under_a_control_only_where_they_meet_on_screen() {
        // 400 x 300 units in 800 x 600 pixels: 2 pixels a unit, no band.
        let control = [(300.0, 500.0, 500.0, 580.0)];
        let at = |x0, y0, x1, y1| std::iter::once((x0, y0, x1, y1));
        assert!(CONTENT.puts_under((800.0, 600.0), at(160.0, 240.0, 200.0, 260.0), &control));
        assert!(
            !CONTENT.puts_under((800.0, 600.0), at(0.0, 240.0, 100.0, 260.0), &control),
            "beside it"
        );
        assert!(
            !CONTENT.puts_under((800.0, 600.0), at(160.0, 100.0, 200.0, 240.0), &control),
            "above it"
        );
        assert!(!CONTENT.puts_under((800.0, 600.0), at(160.0, 240.0, 200.0, 260.0), &[]));
        // A wider svg adds bands on the left and right: the box moves 100 pixels right.
        assert!(CONTENT.puts_under((1000.0, 600.0), at(110.0, 240.0, 120.0, 260.0), &control));
        assert!(!CONTENT.puts_under((800.0, 600.0), at(110.0, 240.0, 120.0, 260.0), &control));
    }

    #[wasm_bindgen_test]
    fn nothing_covered_or_too_much_leaves_the_view_as_fitted() {
        let content = (220.0, 10.0);
        assert_eq!(CONTENT.clear_of((800.0, 600.0), 0.0, content), CONTENT);
        assert_eq!(CONTENT.clear_of((800.0, 600.0), 301.0, content), CONTENT);
        assert_eq!(CONTENT.clear_of((0.0, 0.0), 10.0, content), CONTENT);
    }

    #[wasm_bindgen_test]
    fn nodes_are_drawn_in_full_on_screen_and_around_it_and_nowhere_zoomed_out() {
        let detail = Detail::Everywhere.next(CONTENT, 1.0);
        let expected = ViewBox {
            x: -400.0,
            y: -300.0,
            w: 1200.0,
            h: 900.0,
        };
        assert_eq!(
            detail,
            Detail::Within(expected),
            "the view and as much again around"
        );
        assert!(
            detail.covers((790.0, 590.0, 810.0, 610.0)),
            "a box that meets its edge"
        );
        assert!(!detail.covers((801.0, 0.0, 900.0, 10.0)), "one past it");
        assert!(!detail.covers((0.0, -420.0, 10.0, -301.0)), "one above it");
        assert_eq!(detail.next(CONTENT, DETAIL_SCALE / 2.0), Detail::Nowhere);
        assert!(!Detail::Nowhere.covers((0.0, 0.0, 1.0, 1.0)) && !Detail::Nowhere.anywhere());
        assert!(Detail::Everywhere.covers((1e9, 1e9, 1e9, 1e9)));
    }

    #[wasm_bindgen_test]
    fn the_part_drawn_in_full_moves_only_when_the_view_nears_its_edge_or_shrinks_well_inside() {
        let detail = Detail::Everywhere.next(CONTENT, 1.0);
        let panned = |dx: f64| ViewBox {
            x: CONTENT.x + dx,
            ..CONTENT
        };
        assert_eq!(
            detail.next(panned(190.0), 1.0),
            detail,
            "half a screen left on the right"
        );
        let moved = detail.next(panned(201.0), 1.0);
        assert_ne!(moved, detail, "less than that");
        assert!(
            moved.covers((990.0, 0.0, 1001.0, 10.0)),
            "around the new view"
        );
        assert!(detail.covers((-300.0, 0.0, -250.0, 10.0)));
        assert!(
            !moved.covers((-300.0, 0.0, -250.0, 10.0)),
            "and no longer far to the left"
        );
        let closer = ViewBox {
            x: 100.0,
            y: 75.0,
            w: 200.0,
            h: 150.0,
        };
        assert_eq!(detail.next(closer, 2.0), detail, "zoomed in twice: kept");
        let much_closer = ViewBox {
            x: 125.0,
            y: 100.0,
            w: 150.0,
            h: 100.0,
        };
        assert_eq!(
            detail.next(much_closer, 2.7),
            Detail::Within(ViewBox {
                x: -25.0,
                y: 0.0,
                w: 450.0,
                h: 300.0
            }),
            "zoomed in further: drawn in full only around the new view"
        );
        let wider = ViewBox {
            x: -500.0,
            y: -200.0,
            w: 1400.0,
            h: 700.0,
        };
        assert_ne!(detail.next(wider, 1.0), detail, "zoomed out past it");
    }
}
