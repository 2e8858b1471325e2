//! Pan and zoom: the part of the diagram the canvas shows, as the `<svg>`'s
//! `viewBox`. It is view state, like positions: it is set on the element
//! directly, so panning or zooming never re-renders a node or a link.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use web_sys::{Element, SvgGraphicsElement};
use yew::NodeRef;

use crate::model::geometry::diagram_bounds;
use crate::model::Document;

/// Screen pixels per diagram unit below which nodes are drawn without text:
/// a 13-pixel label would be under 5 pixels high.
pub const DETAIL_SCALE: f64 = 0.38;

/// The narrowest and widest view, in diagram units.
const MIN_WIDTH: f64 = 120.0;
const MAX_WIDTH: f64 = 60_000.0;
/// Space kept around a fitted diagram, in diagram units.
const FIT_MARGIN: f64 = 40.0;

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

    /// This view zoomed by `factor` (> 1 closer) keeping diagram point `at` where it is on screen.
    pub fn zoomed(self, factor: f64, at: (f64, f64)) -> ViewBox {
        let factor = factor.clamp(self.w / MAX_WIDTH, self.w / MIN_WIDTH);
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

/// The level of detail last seen (none before the first look), and whom to
/// tell when it changes.
type DetailWatch = (Option<bool>, yew::Callback<bool>);

/// The canvas's view, kept apart from the component tree and written to the
/// `<svg>` element itself.
#[derive(Clone)]
pub struct Viewport {
    svg: NodeRef,
    view: Rc<Cell<ViewBox>>,
    /// Told whether nodes should be drawn in full, when that changes.
    on_detail: Rc<RefCell<Option<DetailWatch>>>,
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
            on_detail: Rc::new(RefCell::new(None)),
        }
    }

    /// Calls `on_detail` whenever the view crosses [`DETAIL_SCALE`]; the first
    /// view set after this (the fit of a new diagram) is taken as it is, untold:
    /// whoever draws reads [`Viewport::shows_detail`] then.
    pub fn watch_detail(&self, on_detail: yew::Callback<bool>) {
        *self.on_detail.borrow_mut() = Some((None, on_detail));
    }

    /// Whether nodes are drawn in full at the view as it is (true before the
    /// svg has a size).
    pub fn shows_detail(&self) -> bool {
        self.detail_now().unwrap_or(true)
    }

    fn detail_now(&self) -> Option<bool> {
        let svg = self.svg.cast::<Element>()?;
        let view = self.get();
        let (w, h) = (
            f64::from(svg.client_width()),
            f64::from(svg.client_height()),
        );
        (w > 0.0 && h > 0.0).then(|| (w / view.w).min(h / view.h) >= DETAIL_SCALE)
    }

    /// Tells the watcher if the level of detail changed with the view.
    fn check_detail(&self) {
        let Some(detail) = self.detail_now() else {
            return;
        };
        let mut watch = self.on_detail.borrow_mut();
        if let Some((shown, callback)) = watch.as_mut() {
            let before = shown.replace(detail);
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

    /// Shows the whole diagram.
    pub fn fit(&self, doc: &Document) {
        self.set(ViewBox::fitted(doc));
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
        self.set(self.get().zoomed(factor, at));
    }

    /// Zooms by `factor` around the middle of the view.
    pub fn zoom(&self, factor: f64) {
        let view = self.get();
        self.set(view.zoomed(factor, view.centre()));
    }

    /// Moves the diagram by (dx, dy) screen pixels, as a hand would.
    pub fn pan_pixels(&self, dx: f64, dy: f64) {
        let s = self.scale();
        self.set(self.get().panned(-dx / s, -dy / s));
    }
}
