//! The dots painted on one `<canvas>` over the diagram (`data-traffic-dots`):
//! sized in device pixels and drawn in the diagram's own units through the
//! transform its view box and size give (pan, zoom and resize followed), two
//! filled paths a frame (green and red) whatever the number of dots. 500
//! `<circle>`s moved by hand cost the browser more to paint than the whole
//! frame's budget (BENCHMARKS.md). The drawing has no elements to count, so
//! the last frame's counts go on the canvas four times a second for tests
//! (`data-dots`, `data-dots-ok`, `data-dots-failed`).

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::super::viewport::ViewBox;
use topolab_engine::decimal::parse_f64;
use topolab_engine::sim::playback::DotAt;

/// A dot's radius and its rim's width, in diagram units (they zoom with it).
const DOT_RADIUS: f64 = 5.0;
const DOT_RIM: f64 = 1.5;

/// How the diagram's units map to the canvas's CSS pixels: the `<svg>`'s
/// size and its view box, fitted `xMidYMid meet`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct View {
    /// The `<svg>`'s size, CSS pixels.
    width: f64,
    height: f64,
    /// Pixels per unit and the pixel of diagram point (0, 0).
    scale: f64,
    x: f64,
    y: f64,
}

impl View {
    /// The view of an `<svg>` `width` x `height` pixels showing `view_box`
    /// (`"x y w h"`); `None` when either is not a positive size.
    pub(super) fn of(width: &str, height: &str, view_box: &str) -> Option<View> {
        let (width, height) = (parse_f64(width)?, parse_f64(height)?);
        let b: Vec<f64> = view_box
            .split([' ', ','])
            .filter(|p| !p.is_empty())
            .map(parse_f64)
            .collect::<Option<_>>()?;
        let [x, y, w, h] = b[..] else { return None };
        let (scale, x, y) = ViewBox { x, y, w, h }.meet_in((width, height))?;
        Some(View {
            width,
            height,
            scale,
            x,
            y,
        })
    }
}

/// The canvas the dots are painted on, and what it was last sized and painted with.
pub(super) struct DotCanvas {
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    /// Its bitmap's size in device pixels, and the ratio it was made for.
    backing: (u32, u32, f64),
    /// Fill of a served dot, of a failed one, and the rim (the theme's).
    colours: [String; 3],
    /// Whether the bitmap is blank (nothing to clear).
    blank: bool,
    /// Dots drawn in the last frame: served, failed.
    drawn: (usize, usize),
}

impl DotCanvas {
    pub(super) fn new(canvas: HtmlCanvasElement) -> Option<DotCanvas> {
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        let mut dots = DotCanvas {
            canvas,
            context,
            backing: (0, 0, 0.0),
            colours: Default::default(),
            blank: true,
            drawn: (0, 0),
        };
        dots.read_colours();
        Some(dots)
    }

    /// The theme's colours for the dots (`--up`, `--down`, `--panel`), read
    /// again at each report so that a switch of theme reaches them.
    pub(super) fn read_colours(&mut self) {
        let style = gloo::utils::window()
            .get_computed_style(&self.canvas)
            .ok()
            .flatten();
        let read = |name: &str, fallback: &str| {
            style
                .as_ref()
                .and_then(|s| s.get_property_value(name).ok())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| fallback.to_string())
        };
        self.colours = [
            read("--up", "#1a7f37"),
            read("--down", "#c62828"),
            read("--panel", "#ffffff"),
        ];
    }

    /// Sizes the bitmap to `view` in device pixels (which clears it), when it changed.
    fn fit(&mut self, view: &View) {
        let ratio = gloo::utils::window().device_pixel_ratio().max(1.0);
        let (w, h) = (
            (view.width * ratio).round() as u32,
            (view.height * ratio).round() as u32,
        );
        if (w, h, ratio) != self.backing {
            self.canvas.set_width(w);
            self.canvas.set_height(h);
            let _ = self.canvas.set_attribute(
                "style",
                &format!("width:{}px;height:{}px", view.width, view.height),
            );
            self.backing = (w, h, ratio);
            self.blank = true;
        }
    }

    /// Paints `dots` ((x, y, served) in diagram units) through `view`: served
    /// ones as green circles, failed ones as red diamonds.
    pub(super) fn paint(&mut self, view: &View, dots: &[DotAt]) {
        self.fit(view);
        let c = &self.context;
        if !self.blank {
            c.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0).ok();
            c.clear_rect(
                0.0,
                0.0,
                f64::from(self.backing.0),
                f64::from(self.backing.1),
            );
        }
        self.blank = dots.is_empty();
        let mut drawn = (0, 0);
        if !dots.is_empty() {
            let k = view.scale * self.backing.2;
            let ratio = self.backing.2;
            c.set_transform(k, 0.0, 0.0, k, view.x * ratio, view.y * ratio)
                .ok();
            c.set_line_width(DOT_RIM);
            c.set_stroke_style_str(&self.colours[2]);
            for (served, fill) in [(true, &self.colours[0]), (false, &self.colours[1])] {
                c.begin_path();
                let mut any = false;
                for &(x, y, ok) in dots.iter().filter(|d| d.2 == served) {
                    if ok {
                        c.move_to(x + DOT_RADIUS, y);
                        let _ = c.arc(x, y, DOT_RADIUS, 0.0, std::f64::consts::TAU);
                    } else {
                        // A failed request is a diamond, not only red (accessibility:
                        // colour never carries meaning alone).
                        let r = DOT_RADIUS * 1.35;
                        c.move_to(x, y - r);
                        c.line_to(x + r, y);
                        c.line_to(x, y + r);
                        c.line_to(x - r, y);
                        c.close_path();
                    }
                    any = true;
                    if ok {
                        drawn.0 += 1;
                    } else {
                        drawn.1 += 1;
                    }
                }
                if any {
                    c.set_fill_style_str(fill);
                    c.fill();
                    c.stroke();
                }
            }
        }
        self.drawn = drawn;
    }

    /// Blanks the bitmap and its counts (traffic off).
    pub(super) fn clear(&mut self) {
        self.canvas.set_width(0);
        self.canvas.set_height(0);
        let _ = self.canvas.remove_attribute("style");
        self.backing = (0, 0, 0.0);
        self.blank = true;
        self.drawn = (0, 0);
        for name in ["data-dots", "data-dots-ok", "data-dots-failed"] {
            let _ = self.canvas.remove_attribute(name);
        }
    }

    /// Whether the bitmap is blank (a frame without dots need not paint).
    pub(super) fn is_blank(&self) -> bool {
        self.blank
    }

    /// Dots the last frame drew.
    pub(super) fn drawn(&self) -> usize {
        self.drawn.0 + self.drawn.1
    }

    /// Puts the last frame's counts on the canvas, for tests.
    pub(super) fn report(&self) {
        let (ok, failed) = self.drawn;
        for (name, n) in [
            ("data-dots", ok + failed),
            ("data-dots-ok", ok),
            ("data-dots-failed", failed),
        ] {
            let _ = self.canvas.set_attribute(name, &n.to_string());
        }
    }
}
