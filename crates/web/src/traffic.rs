//! Traffic on the diagram: a running [`Simulation`] of the document
//! driven by `requestAnimationFrame`, its requests drawn as dots along the
//! links, green when the request they belong to succeeded, red when it failed.
//!
//! Nothing here renders the diagram: the dots are painted every frame on one
//! `<canvas>` over it (`data-traffic-dots`), sized in device pixels and drawn
//! in the diagram's own units through the transform its view box and size
//! give (pan, zoom and resize followed), two filled paths a frame (green and
//! red) whatever the number of dots. 500 `<circle>`s moved by hand cost the
//! browser more to paint than the whole frame's budget (BENCHMARKS.md). The
//! queues' backlog badges are elements of an overlay `<svg>`
//! (`data-traffic-layer`), changed only when a backlog does. Yew hears of the
//! run four times a second ([`Live`]), for the counters and the function rows'
//! `data-sim-success`; the dots' counts go on the canvas then too
//! (`data-dots`, `data-dots-ok`, `data-dots-failed`: what the last frame drew),
//! for tests, as the drawing itself has no elements to count.
//!
//! Time: the simulation runs `speed` simulated seconds per second of the
//! page (x1 to x1000), but its hops last milliseconds, too short to see. A
//! dot is therefore drawn after its request ended (so its colour is known),
//! each hop of the request along its link for [`hop_seconds`] of the page's
//! time (0.7 s at x1), one after the other. Dots beyond [`POOL`] in flight
//! are left out of the drawing (never out of the counts).
//!
//! Chaos: with the nodes' own repair times (minutes to an hour) and
//! availabilities of 99.9% a failure would be a rare sight. The run scales
//! every repair time to [`DEMO_MTTR_S`] simulated seconds, unless a node sets
//! its own `extra.sim.mttr_s`; the MTTF follows (`MTTR · a / (1 - a)`), so
//! each instance's long-run availability is still its node's, only its
//! failures are more frequent and shorter.
//!
//! An instance chaos has down is marked on the diagram's own `<rect>`
//! (`data-chaos-down="true"`, hatched red in `style/app.css`), never with
//! `data-killed`, which docs/spec/app.md keeps for kills by hand. The marks are set when
//! an instance went down or came back, and again when the canvas wrote a
//! node's markup anew ([`TrafficHub::nodes_drawn`]); they go when traffic stops.
//!
//! The animation stops while the tab is hidden and when traffic is off; with
//! `prefers-reduced-motion` it draws no dots, only the counters move. The
//! run never changes the document: kills made during it are the document's
//! own (undoable, refused on a read-only page) and are passed on to the
//! simulation as they happen.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::{Rc, Weak};
use topolab_engine::i18n::l;

use gloo::events::EventListener;
use js_sys::Reflect;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};
use yew::prelude::*;

use super::lang::{use_lang, Lang, Localized, Text};
use super::positions::Positions;
use super::viewport::ViewBox;
use topolab_engine::document::{Document, Node, NodeKind};
use topolab_engine::effective_functions;
use topolab_engine::geometry::{link_segment, node_size};
use topolab_engine::sim::{
    wilson, Discard, FunctionStats, Happening, SimEvent, SimOptions, Simulation, MAX_SECONDS,
};

/// Dots drawn at most at once.
pub const POOL: usize = 1200;
/// Mean time to repair under chaos in a live run, simulated seconds (see the module's comment).
pub const DEMO_MTTR_S: f64 = 10.0;
/// The speeds offered.
pub const SPEEDS: [u32; 4] = [1, 10, 100, 1000];
/// Seconds of the page's time the live figures look back over.
const WINDOW_S: f64 = 5.0;
/// How often Yew hears of the run, in seconds of the page's time.
const REPORT_S: f64 = 0.25;
const SVG: &str = "http://www.w3.org/2000/svg";

const TRAFFIC: Localized = l("Traffic", "流量");
const TRAFFIC_TIP: Localized = l(
    "Send requests through the diagram: green dots were served, red ones failed",
    "让请求流过这张图：绿点表示请求成功，红点表示请求失败",
);
const SPEED: Localized = l("Speed", "速度");
const SPEED_TIP: Localized = l("Simulated seconds per second", "每秒经过的模拟时间（秒）");
const CHAOS: Localized = l("Chaos", "混沌模式");
const CHAOS_TIP: Localized = l("Servers fail and recover at random, each as available in the long run as its node says (repairs shortened to 10 simulated seconds)", "服务器随机故障并恢复，长期可用性与节点设定一致（修复时间缩短为 10 个模拟秒）");
const NOT_DRAWN: Localized = l(
    "Traffic cannot start: the diagram is not drawn yet",
    "无法开始流量模拟：图还没有画出来",
);
const TRAFFIC_BAR: Localized = l("Traffic simulation", "流量模拟");

/// The help overlay's rows for the traffic controls: (control, what it does).
pub const HELP_TITLE: Localized = l(
    "Traffic (the bar under the diagram)",
    "流量（图下方的控制条）",
);
pub const HELP: &[(Localized, Localized)] = &[
    (
        l("▶ Traffic", "▶ 流量"),
        l("Start or stop requests flowing along the links: green dots were served, red ones failed; the function rows show the share that succeeded", "开始或停止让请求沿连线流动：绿点表示成功，红点表示失败；功能表中显示成功的比例"),
    ),
    (
        l("Speed ×1 … ×1000", "速度 ×1 … ×1000"),
        l("Simulated seconds per second", "每秒经过的模拟时间（秒）"),
    ),
    (
        l("Chaos", "混沌模式"),
        l("Servers fail and recover at random (repairs take 10 simulated seconds); the measured share approaches the predicted availability", "服务器随机故障并恢复（修复需要 10 个模拟秒）；实测比例逐渐接近预测的可用性"),
    ),
    (
        l("Click an instance, or k, while traffic runs", "流量运行时点击实例，或按 k"),
        l("Its requests fail and the load moves to the others", "发往它的请求失败，负载转移到其他实例"),
    ),
];

/// Where the canvas lets the animation draw: its position store and its
/// overlay layer, and how often it wrote nodes' markup (chaos marks set on
/// instances by hand must then be set again). Shared by `Rc`, compared by identity.
#[derive(Clone, Default)]
pub struct TrafficHub(Rc<Hub>);

/// The position store, the badges' layer, the diagram's `<svg>`, the dots' canvas.
type HubParts = (Positions, Element, Element, HtmlCanvasElement);

#[derive(Default)]
struct Hub {
    parts: RefCell<Option<HubParts>>,
    nodes_drawn: Cell<u64>,
}

impl PartialEq for TrafficHub {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl TrafficHub {
    /// Called by the canvas once its layer (in the overlay `<svg>`), the
    /// diagram's `<svg>` and the dots' `<canvas>` exist.
    pub fn attach(
        &self,
        positions: Positions,
        layer: Element,
        diagram: Element,
        dots: HtmlCanvasElement,
    ) {
        *self.0.parts.borrow_mut() = Some((positions, layer, diagram, dots));
    }

    /// Called by the canvas when it goes.
    pub fn detach(&self) {
        if let Ok(mut inner) = self.0.parts.try_borrow_mut() {
            *inner = None;
        }
    }

    /// Called by the canvas after each render with its layer's revision
    /// ([`super::layer::Layer::revision`]).
    pub fn nodes_drawn(&self, revision: u64) {
        self.0.nodes_drawn.set(revision);
    }

    fn get(&self) -> Option<HubParts> {
        self.0.parts.borrow().clone()
    }

    fn revision(&self) -> u64 {
        self.0.nodes_drawn.get()
    }
}

/// One function's live figures.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveFunction {
    pub id: String,
    /// Success rate over the last few seconds of the page (NaN: none ended).
    pub recent: f64,
    /// Since the run started: requests ended, succeeded, and the Wilson 95%
    /// interval of their fraction (independent requests assumed).
    pub finished: u64,
    pub succeeded: u64,
    pub ci95: [f64; 2],
}

impl LiveFunction {
    /// The fraction succeeded since the start (NaN before any ended).
    pub fn measured(&self) -> f64 {
        self.succeeded as f64 / self.finished as f64
    }
}

/// What a run tells the page four times a second.
#[derive(Clone, Debug, PartialEq)]
pub struct Live {
    pub functions: Vec<LiveFunction>,
    pub succeeded: u64,
    pub failed: u64,
    pub chaos: bool,
    /// Simulated seconds so far.
    pub now: f64,
    /// Dots on the diagram.
    pub dots: usize,
}

impl Live {
    pub fn function(&self, id: &str) -> Option<&LiveFunction> {
        self.functions.iter().find(|f| f.id == id)
    }
}

/// How long one hop's dot travels its link, in seconds of the page's time.
pub fn hop_seconds(speed: f64) -> f64 {
    0.7 / (1.0 + speed.max(1.0).log10() / 2.0)
}

/// `doc` with every repair time not set by its node shortened to [`DEMO_MTTR_S`].
pub fn demo_document(doc: &Document) -> Document {
    let mut doc = doc.clone();
    for node in doc.nodes.iter_mut().filter(|n| n.kind != NodeKind::Client) {
        let extra = node.extra.get_or_insert_with(Map::new);
        let sim = extra
            .entry("sim")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(sim) = sim {
            sim.entry("mttr_s").or_insert(Value::from(DEMO_MTTR_S));
        }
    }
    doc
}

/// Whether two documents differ only in kills and positions (the running
/// simulation can follow such a change without starting again).
fn same_structure(a: &Document, b: &Document) -> bool {
    let plain = |n: &Node| {
        let mut n = n.clone();
        n.killed.clear();
        n.x = 0.0;
        n.y = 0.0;
        n
    };
    a.nodes.len() == b.nodes.len()
        && a.links == b.links
        && a.functions == b.functions
        && a.nodes
            .iter()
            .zip(&b.nodes)
            .all(|(x, y)| plain(x) == plain(y))
}

/// One dot: hop of a request along `link`, drawn from `start` for `duration`.
#[derive(Clone, Copy, Debug)]
struct Dot {
    link: u32,
    start: f64,
    duration: f64,
    ok: bool,
}

/// A dot's radius and its rim's width, in diagram units (they zoom with it).
const DOT_RADIUS: f64 = 5.0;
const DOT_RIM: f64 = 1.5;

/// How the diagram's units map to the canvas's CSS pixels: the `<svg>`'s
/// size and its view box, fitted `xMidYMid meet`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct View {
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
    fn of(width: &str, height: &str, view_box: &str) -> Option<View> {
        let (width, height): (f64, f64) = (width.parse().ok()?, height.parse().ok()?);
        let b: Vec<f64> = view_box
            .split([' ', ','])
            .filter(|p| !p.is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
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
struct DotCanvas {
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
    fn new(canvas: HtmlCanvasElement) -> Option<DotCanvas> {
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
    fn read_colours(&mut self) {
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
    fn paint(&mut self, view: &View, dots: &[(f64, f64, bool)]) {
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
    fn clear(&mut self) {
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

    /// Puts the last frame's counts on the canvas, for tests.
    fn report(&self) {
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

/// A link's ends: ids and box sizes.
type LinkEnds = (String, String, (f64, f64), (f64, f64));
/// A queue node: its index, id, size, badge and the backlog it shows.
type QueueBadge = (usize, String, (f64, f64), Element, u64);

/// A running simulation and its drawing.
struct Run {
    sim: Simulation,
    doc: Rc<Document>,
    ids: Vec<String>,
    links: Vec<LinkEnds>,
    queues: Vec<QueueBadge>,
    layer: Element,
    /// The diagram's `<svg>`, whose view box and size the overlay's follow.
    diagram: Element,
    /// The view box and size last copied, and the view they give.
    view: [Option<String>; 3],
    view_px: Option<View>,
    /// Where the dots are painted.
    paint: Option<DotCanvas>,
    positions: Positions,
    speed: f64,
    reduced: bool,
    clock: f64,
    last: Option<f64>,
    frames: u64,
    events: Vec<SimEvent>,
    pending: HashMap<u64, Vec<u32>>,
    dots: Vec<Dot>,
    history: VecDeque<(f64, Vec<FunctionStats>)>,
    next_report: f64,
    hub: TrafficHub,
    /// The instances chaos has down, (node, instance), and their marked elements.
    chaos_marks: HashMap<(u32, u16), Option<Element>>,
    /// An instance may have gone down or come back since the marks were set.
    chaos_changed: bool,
    /// The canvas's [`TrafficHub::revision`] the marks were set at.
    marked_at: u64,
}

fn make(name: &str) -> Option<Element> {
    gloo::utils::document()
        .create_element_ns(Some(SVG), name)
        .ok()
}

impl Run {
    fn new(
        doc: Rc<Document>,
        hub: &TrafficHub,
        speed: f64,
        chaos: bool,
        seed: u64,
    ) -> Result<Run, Text> {
        let (positions, layer, diagram, dots_canvas) =
            hub.get().ok_or_else(|| Text::from(NOT_DRAWN))?;
        let options = SimOptions {
            seconds: MAX_SECONDS,
            seed,
            chaos,
            ..SimOptions::default()
        };
        let sim = Simulation::new(&demo_document(&doc), &options).map_err(|problems| {
            Text::of(|lang| {
                let lines: Vec<String> = problems.iter().map(|p| p.line_in(lang)).collect();
                match lang {
                    Lang::En => format!("Traffic cannot start: {}", lines.join("; ")),
                    Lang::Zh => format!("无法开始流量模拟：{}", lines.join("；")),
                }
            })
        })?;
        let size = |id: &str| doc.node(id).map(node_size).unwrap_or((0.0, 0.0));
        let links = doc
            .links
            .iter()
            .map(|l| (l.from.clone(), l.to.clone(), size(&l.from), size(&l.to)))
            .collect();
        layer.set_inner_html("");
        let queues = doc
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind == NodeKind::Queue)
            .filter_map(|(v, n)| {
                let badge = make("g")?;
                let _ = badge.set_attribute("class", "backlog-badge");
                let _ = badge.set_attribute("visibility", "hidden");
                let _ = badge.set_attribute("data-backlog-of", &n.id);
                badge.set_inner_html(r#"<rect x="-14" y="-11" width="28" height="22" rx="11"/><text text-anchor="middle" dy="0.35em"></text>"#);
                let _ = layer.append_child(&badge);
                Some((v, n.id.clone(), node_size(n), badge, 0))
            })
            .collect();
        let ids = effective_functions(&doc)
            .into_iter()
            .map(|f| f.id)
            .collect();
        Ok(Run {
            sim,
            doc,
            ids,
            links,
            queues,
            layer,
            diagram,
            view: Default::default(),
            positions,
            speed,
            reduced: reduced_motion(),
            clock: 0.0,
            last: None,
            frames: 0,
            events: Vec::new(),
            pending: HashMap::new(),
            dots: Vec::new(),
            view_px: None,
            paint: DotCanvas::new(dots_canvas),
            history: VecDeque::new(),
            next_report: 0.0,
            hub: hub.clone(),
            chaos_marks: HashMap::new(),
            chaos_changed: chaos,
            marked_at: 0,
        })
    }

    /// Passes the document's kills on; false when its structure changed (start again).
    fn follow(&mut self, doc: &Rc<Document>) -> bool {
        if !same_structure(&self.doc, doc) {
            return false;
        }
        for (v, (old, new)) in self.doc.nodes.iter().zip(&doc.nodes).enumerate() {
            for i in 0..new.replicas() {
                match (old.is_killed(i), new.is_killed(i)) {
                    (false, true) => {
                        self.sim.kill(v, i as usize, &mut Discard);
                    }
                    (true, false) => {
                        self.sim.revive(v, i as usize, &mut Discard);
                    }
                    _ => {}
                }
            }
        }
        self.doc = doc.clone();
        // A kill or revival by hand may take an instance out of chaos's hands.
        self.chaos_changed = true;
        true
    }

    /// Turns chaos on or off in the running simulation.
    fn set_chaos(&mut self, on: bool) {
        self.sim.set_chaos(on, &mut Discard);
        self.chaos_changed = true;
    }

    /// Marks the instances chaos has down (`data-chaos-down="true"`; a kill by
    /// hand is `data-killed`, docs/spec/app.md): only when an instance went down or came
    /// back, or the canvas wrote nodes' markup again, never on other frames.
    fn mark_chaos(&mut self) {
        let revision = self.hub.revision();
        let redrawn = revision != self.marked_at;
        self.marked_at = revision;
        if redrawn {
            // The marked elements may be gone: find them all again.
            for el in self.chaos_marks.values_mut() {
                if let Some(el) = el.take() {
                    let _ = el.remove_attribute("data-chaos-down");
                }
            }
        }
        if !std::mem::take(&mut self.chaos_changed) && !redrawn {
            return;
        }
        let mut down = HashMap::new();
        for (v, node) in self.doc.nodes.iter().enumerate() {
            for i in 0..node.replicas() as usize {
                if self.sim.is_down_by_chaos(v, i) {
                    let key = (v as u32, i as u16);
                    let el = self.chaos_marks.remove(&key).flatten();
                    down.insert(key, el);
                }
            }
        }
        // Back up: unmarked.
        for (_, el) in self.chaos_marks.drain() {
            if let Some(el) = el {
                let _ = el.remove_attribute("data-chaos-down");
            }
        }
        for (&(v, i), el) in down.iter_mut().filter(|(_, el)| el.is_none()) {
            let Some(node) = self.doc.nodes.get(v as usize) else {
                continue;
            };
            // Ids are made of A-Z a-z 0-9 _ - . (docs/spec/model.md §1.1): safe in quotes.
            let selector = format!(r#"[data-node-id="{}"] [data-instance="{i}"]"#, node.id);
            if let Ok(Some(found)) = self.diagram.query_selector(&selector) {
                let _ = found.set_attribute("data-chaos-down", "true");
                *el = Some(found);
            }
        }
        self.chaos_marks = down;
        let _ = self
            .layer
            .set_attribute("data-chaos-down", &self.chaos_marks.len().to_string());
    }

    /// Takes every chaos mark off the diagram.
    fn unmark_chaos(&mut self) {
        for (_, el) in self.chaos_marks.drain() {
            if let Some(el) = el {
                let _ = el.remove_attribute("data-chaos-down");
            }
        }
    }

    fn spawn(&mut self, link: u32, ok: bool, start: f64) {
        if self.dots.len() < POOL {
            self.dots.push(Dot {
                link,
                start,
                duration: hop_seconds(self.speed),
                ok,
            });
        }
    }

    /// One frame at the page's time `ts` (milliseconds); the live figures when due.
    fn frame(&mut self, ts: f64) -> Option<Live> {
        let entered = gloo::utils::window().performance().map(|p| p.now());
        // A long gap (a hidden tab, a slow frame) is not caught up on.
        let dt = self
            .last
            .map_or(0.0, |last| ((ts - last) / 1000.0).clamp(0.0, 0.1));
        self.last = Some(ts);
        self.clock += dt;
        self.frames += 1;
        let until = self.sim.now() + dt * self.speed;
        let mut events = std::mem::take(&mut self.events);
        self.sim.run_until(until, &mut events);
        let step = hop_seconds(self.speed) * 0.8;
        for event in events.drain(..) {
            match event.what {
                Happening::Sent { request, link, .. } if !self.reduced => {
                    if request == u64::MAX {
                        self.spawn(link, true, self.clock);
                    } else {
                        self.pending.entry(request).or_default().push(link);
                    }
                }
                Happening::InstanceDown { by_hand: false, .. } | Happening::InstanceUp { .. } => {
                    self.chaos_changed = true;
                }
                Happening::Finished {
                    request, failure, ..
                } => {
                    if let Some(hops) = self.pending.remove(&request) {
                        let mut at = self.clock;
                        for link in hops {
                            self.spawn(link, failure.is_none(), at);
                            at += step;
                        }
                    }
                }
                _ => {}
            }
        }
        self.events = events;
        // Requests waiting forever (an unbounded queue) are not kept forever.
        if self.pending.len() > 50_000 {
            self.pending.clear();
        }
        self.draw();
        let _ = self
            .layer
            .set_attribute("data-frames", &self.frames.to_string());
        // The frame's own work (simulation, dots, badges), for bench/traffic.mjs.
        if let (Some(performance), Some(entered)) = (gloo::utils::window().performance(), entered) {
            let work = performance.now() - entered;
            let _ = self
                .layer
                .set_attribute("data-frame-ms", &format!("{work:.2}"));
        }
        (self.clock >= self.next_report).then(|| {
            self.next_report = self.clock + REPORT_S;
            self.live()
        })
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
        self.mark_chaos();
        let clock = self.clock;
        self.dots.retain(|d| clock < d.start + d.duration);
        let mut segments: Vec<Option<(f64, f64, f64, f64)>> = vec![None; self.links.len()];
        let mut points: Vec<(f64, f64, bool)> = Vec::with_capacity(self.dots.len());
        for d in self.dots.iter().filter(|d| d.start <= clock) {
            let l = d.link as usize;
            let Some((from, to, a, b)) = self.links.get(l) else {
                continue;
            };
            let (x1, y1, x2, y2) = *segments[l].get_or_insert_with(|| {
                link_segment(
                    self.positions.get(from),
                    *a,
                    self.positions.get(to),
                    *b,
                    2.0,
                )
            });
            let t = ((clock - d.start) / d.duration).clamp(0.0, 1.0);
            points.push((x1 + (x2 - x1) * t, y1 + (y2 - y1) * t, d.ok));
        }
        if let (Some(paint), Some(view)) = (self.paint.as_mut(), self.view_px.as_ref()) {
            if !points.is_empty() || !paint.blank {
                paint.paint(view, &points);
            }
        }
        for (v, id, (w, h), badge, shown) in self.queues.iter_mut() {
            let backlog = self.sim.backlog(*v);
            if backlog == *shown && backlog == 0 {
                continue;
            }
            let (x, y) = self.positions.get(id);
            let _ = badge.set_attribute(
                "transform",
                &format!("translate({:.1},{:.1})", x + *w / 2.0, y - *h / 2.0),
            );
            if backlog != *shown {
                let text = if backlog > 999 {
                    "999+".to_string()
                } else {
                    backlog.to_string()
                };
                if let Some(t) = badge.last_element_child() {
                    t.set_text_content(Some(&text));
                }
                let _ = badge.set_attribute("data-backlog", &backlog.to_string());
                let _ = badge
                    .set_attribute("visibility", if backlog > 0 { "visible" } else { "hidden" });
                *shown = backlog;
            }
        }
    }

    fn live(&mut self) -> Live {
        if let Some(paint) = self.paint.as_mut() {
            paint.report();
            paint.read_colours();
        }
        let stats = self.sim.stats().to_vec();
        let clock = self.clock;
        self.history.push_back((clock, stats.clone()));
        while self.history.len() > 2 && self.history[1].0 <= clock - WINDOW_S {
            self.history.pop_front();
        }
        let old = self
            .history
            .front()
            .map(|(_, s)| s.clone())
            .unwrap_or_default();
        let functions = self
            .ids
            .iter()
            .zip(&stats)
            .enumerate()
            .map(|(f, (id, s))| {
                let before = old.get(f).copied().unwrap_or_default();
                let (n, k) = (
                    s.finished - before.finished.min(s.finished),
                    s.succeeded - before.succeeded.min(s.succeeded),
                );
                LiveFunction {
                    id: id.clone(),
                    recent: k as f64 / n as f64,
                    finished: s.finished,
                    succeeded: s.succeeded,
                    ci95: wilson(s.succeeded, s.finished),
                }
            })
            .collect();
        let succeeded: u64 = stats.iter().map(|s| s.succeeded).sum();
        let finished: u64 = stats.iter().map(|s| s.finished).sum();
        Live {
            functions,
            succeeded,
            failed: finished - succeeded.min(finished),
            chaos: self.sim_chaos(),
            now: self.sim.now(),
            dots: self.paint.as_ref().map_or(0, |p| p.drawn.0 + p.drawn.1),
        }
    }

    fn sim_chaos(&self) -> bool {
        self.sim.chaos()
    }
}

/// Whether the viewer asked for reduced motion.
fn reduced_motion() -> bool {
    gloo::utils::window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Whether the tab is hidden (read as a property, so a test may override it).
fn tab_hidden() -> bool {
    Reflect::get(&gloo::utils::document(), &JsValue::from_str("hidden"))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// The run, its animation frame and who hears of it.
#[derive(Default)]
struct Animator {
    run: Option<Run>,
    frame: Option<i32>,
    tick: Option<Closure<dyn FnMut(f64)>>,
    on_live: Callback<Option<Rc<Live>>>,
}

type Shared = Rc<RefCell<Animator>>;

/// Asks for the next frame, unless one is asked for, there is no run or the tab is hidden.
fn request(shared: &Shared) {
    let Ok(mut a) = shared.try_borrow_mut() else {
        return;
    };
    if a.frame.is_some() || a.run.is_none() || tab_hidden() {
        return;
    }
    if a.tick.is_none() {
        let weak: Weak<RefCell<Animator>> = Rc::downgrade(shared);
        let tick = Closure::wrap(Box::new(move |ts: f64| {
            if let Some(shared) = weak.upgrade() {
                on_frame(&shared, ts);
            }
        }) as Box<dyn FnMut(f64)>);
        a.tick = Some(tick);
    }
    if let Some(tick) = a.tick.as_ref() {
        a.frame = gloo::utils::window()
            .request_animation_frame(tick.as_ref().unchecked_ref())
            .ok();
    }
}

fn on_frame(shared: &Shared, ts: f64) {
    let (live, on_live) = {
        let Ok(mut a) = shared.try_borrow_mut() else {
            return;
        };
        a.frame = None;
        let live = a.run.as_mut().and_then(|run| run.frame(ts));
        (live, a.on_live.clone())
    };
    request(shared);
    if let Some(live) = live {
        on_live.emit(Some(Rc::new(live)));
    }
}

/// Stops asking for frames; the next one starts the clock afresh.
fn pause(shared: &Shared) {
    let Ok(mut a) = shared.try_borrow_mut() else {
        return;
    };
    if let Some(id) = a.frame.take() {
        let _ = gloo::utils::window().cancel_animation_frame(id);
    }
    if let Some(run) = a.run.as_mut() {
        run.last = None;
    }
}

#[derive(Properties, PartialEq)]
pub struct TrafficBarProps {
    pub doc: Rc<Document>,
    pub hub: TrafficHub,
    /// ImportMessage the live figures while traffic runs, `None` when it stops.
    pub on_live: Callback<Option<Rc<Live>>>,
}

/// The control bar over the canvas: Traffic on/off, speed, chaos, counters.
#[function_component(TrafficBar)]
pub fn traffic_bar(props: &TrafficBarProps) -> Html {
    let lang = use_lang();
    let on = use_state(|| false);
    let speed = use_state(|| 1u32);
    let chaos = use_state(|| false);
    let live = use_state(|| None::<Rc<Live>>);
    let problem = use_state(|| None::<Text>);
    let shared: Rc<Shared> = use_memo((), |_| Rc::new(RefCell::new(Animator::default())));
    let latest = use_mut_ref(|| props.doc.clone());
    *latest.borrow_mut() = props.doc.clone();
    {
        // Both the bar and the page hear of the run.
        let (live, on_live) = (live.setter(), props.on_live.clone());
        if let Ok(mut a) = shared.try_borrow_mut() {
            a.on_live = Callback::from(move |l: Option<Rc<Live>>| {
                live.set(l.clone());
                on_live.emit(l);
            });
        }
    }
    {
        let (shared, hub, latest) = ((*shared).clone(), props.hub.clone(), latest.clone());
        let (speed, chaos, problem) = (*speed, *chaos, problem.setter());
        let on_live = props.on_live.clone();
        let live = live.setter();
        use_effect_with(*on, move |&on| {
            let mut listener = None;
            if on {
                let doc = latest.borrow().clone();
                match Run::new(doc, &hub, f64::from(speed), chaos, 1) {
                    Ok(run) => {
                        if let Ok(mut a) = shared.try_borrow_mut() {
                            a.run = Some(run);
                        }
                        problem.set(None);
                        request(&shared);
                        let shared = shared.clone();
                        listener = Some(EventListener::new(
                            &gloo::utils::document(),
                            "visibilitychange",
                            move |_| {
                                if tab_hidden() {
                                    pause(&shared);
                                } else {
                                    request(&shared);
                                }
                            },
                        ));
                    }
                    Err(why) => problem.set(Some(why)),
                }
            }
            move || {
                drop(listener);
                pause(&shared);
                if let Ok(mut a) = shared.try_borrow_mut() {
                    if let Some(mut run) = a.run.take() {
                        run.unmark_chaos();
                        if let Some(paint) = run.paint.as_mut() {
                            paint.clear();
                        }
                        run.layer.set_inner_html("");
                        let _ = run.layer.remove_attribute("data-chaos-down");
                    }
                }
                if on {
                    live.set(None);
                    on_live.emit(None);
                }
            }
        });
    }
    {
        // The document's kills reach the running simulation; another diagram starts it again.
        let (shared, hub) = ((*shared).clone(), props.hub.clone());
        let (speed, chaos) = (*speed, *chaos);
        use_effect_with(props.doc.clone(), move |doc| {
            if let Ok(mut a) = shared.try_borrow_mut() {
                let follows = a.run.as_mut().map(|run| run.follow(doc));
                if follows == Some(false) {
                    let seed = a.run.as_ref().map_or(1, |r| r.frames + 1);
                    if let Some(run) = a.run.as_mut() {
                        run.unmark_chaos();
                    }
                    a.run = Run::new(doc.clone(), &hub, f64::from(speed), chaos, seed).ok();
                }
            }
            request(&shared);
        });
    }
    {
        let shared = (*shared).clone();
        use_effect_with((*speed, *chaos), move |&(speed, chaos)| {
            if let Ok(mut a) = shared.try_borrow_mut() {
                if let Some(run) = a.run.as_mut() {
                    run.speed = f64::from(speed);
                    run.set_chaos(chaos);
                }
            }
        });
    }
    let toggle = {
        let on = on.clone();
        Callback::from(move |_| on.set(!*on))
    };
    let on_speed = {
        let speed = speed.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(value) = select.value().parse::<u32>() {
                speed.set(value);
            }
        })
    };
    let on_chaos = {
        let chaos = chaos.clone();
        Callback::from(move |_| chaos.set(!*chaos))
    };
    let counters = (*live).clone().filter(|_| *on).map(|l| {
        let text = counters_text(&l, lang);
        html! {
            <span class="traffic-counters" data-traffic-succeeded={l.succeeded.to_string()}
                  data-traffic-failed={l.failed.to_string()}>{ text }</span>
        }
    });
    html! {
        <div class={classes!("traffic-bar", (*on).then_some("on"))} role="group"
             aria-label={TRAFFIC_BAR.get(lang)} data-traffic-bar="" data-floats-over-diagram="">
            <button class="traffic-toggle" aria-pressed={if *on { "true" } else { "false" }}
                    title={TRAFFIC_TIP.get(lang)} onclick={toggle} data-traffic-toggle="">
                { if *on { "■ " } else { "▶ " } }{ TRAFFIC.get(lang) }
            </button>
            if *on {
                <label class="field" title={SPEED_TIP.get(lang)}>
                    <span>{ SPEED.get(lang) }</span>
                    <select onchange={on_speed} data-traffic-speed="">
                        { for SPEEDS.iter().map(|&s| html! {
                            <option value={s.to_string()} selected={s == *speed}>{ format!("×{s}") }</option>
                        }) }
                    </select>
                </label>
                <label class="field" title={CHAOS_TIP.get(lang)}>
                    <input type="checkbox" checked={*chaos} onchange={on_chaos} data-traffic-chaos="" />
                    <span>{ CHAOS.get(lang) }</span>
                </label>
                { for counters }
            }
            if let Some(why) = &*problem {
                <span class="traffic-problem" role="status" data-traffic-problem="">{ why.get(lang).to_string() }</span>
            }
        </div>
    }
}

/// "12.3 s · 1,024 ok · 17 failed", in the language in force.
fn counters_text(live: &Live, lang: Lang) -> String {
    let time = sim_time(live.now, lang);
    match lang {
        Lang::En => format!(
            "{time} simulated · {} ok · {} failed",
            live.succeeded, live.failed
        ),
        Lang::Zh => format!(
            "已模拟 {time} · 成功 {} · 失败 {}",
            live.succeeded, live.failed
        ),
    }
}

/// A simulated time for the counters: seconds, minutes, hours or days.
fn sim_time(seconds: f64, lang: Lang) -> String {
    let (value, en, zh) = if seconds < 120.0 {
        (seconds, "s", "秒")
    } else if seconds < 7_200.0 {
        (seconds / 60.0, "min", "分钟")
    } else if seconds < 172_800.0 {
        (seconds / 3_600.0, "h", "小时")
    } else {
        (seconds / 86_400.0, "d", "天")
    };
    match lang {
        Lang::En => format!("{value:.1} {en}"),
        Lang::Zh => format!("{value:.1} {zh}"),
    }
}
