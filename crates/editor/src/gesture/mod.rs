//! The canvas's pointer gestures as a small state machine, in plain Rust (after
//! tldraw's `SelectTool` and its child states). The web crate turns browser
//! events into calls here and performs the [`Effect`]s that come back; nothing
//! here knows of the DOM, so every transition is tested natively
//! (`crates/editor/tests/gesture.rs`).
//!
//! Code map: one file a state, each with its pointer move, release and Escape.
//! - [`idle`]: nothing pressed; a press starts one of the others.
//! - [`pointing`]: pressed on a node, not yet moved past [`DRAG_THRESHOLD_PX`]: a click.
//! - [`dragging`]: the pressed node (and the rest of the selection) follow the pointer.
//! - [`panning`]: the background (or anything, with Space held) dragged: the view moves.
//! - [`pinching`]: two pointers on the background: zoom by their spread, pan by their middle.
//! - [`brushing`]: Shift + drag on the background: the marquee selects the nodes it meets.
//! - [`connecting`]: from a node's handle to another node: a new link ([`crate::connect`]).
//! - [`hit`]: which nodes a rectangle meets and which link a point is near.
//!
//! While a pointer moves only view state changes (positions, the view box, the
//! two overlays); the document hears of a gesture once, as one [`Action`], when it ends.

mod brushing;
mod connecting;
mod dragging;
pub mod hit;
mod idle;
mod panning;
mod pinching;
mod pointing;

use std::rc::Rc;

use crate::connect::NoLink;
use crate::{Action, Selection};
use topolab_engine::Document;

pub use brushing::Brushing;
pub use connecting::Connecting;
pub use dragging::Dragging;
pub use panning::Panning;
pub use pinching::Pinching;
pub use pointing::Pointing;

/// A pointer this far (screen pixels) from where it went down turns a click into a drag.
pub const DRAG_THRESHOLD_PX: f64 = 3.0;
/// A click this close to a link (screen pixels) selects it.
pub const LINK_REACH_PX: f64 = 8.0;

/// A point: screen pixels (a pointer's client position) or diagram units, as named.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    /// How far `other` is from this point.
    pub fn distance(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }

    /// The point halfway to `other`.
    pub fn middle(self, other: Point) -> Point {
        Point::new((self.x + other.x) / 2.0, (self.y + other.y) / 2.0)
    }

    /// `other` less this point: the move from here to there.
    pub fn to(self, other: Point) -> Point {
        Point::new(other.x - self.x, other.y - self.y)
    }
}

impl From<(f64, f64)> for Point {
    fn from((x, y): (f64, f64)) -> Point {
        Point { x, y }
    }
}

impl From<Point> for (f64, f64) {
    fn from(p: Point) -> (f64, f64) {
        (p.x, p.y)
    }
}

/// A rectangle of the diagram, from its top left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    /// The rectangle with corners `a` and `b`, in any order.
    pub fn spanning(a: Point, b: Point) -> Rect {
        Rect {
            x: a.x.min(b.x),
            y: a.y.min(b.y),
            w: (a.x - b.x).abs(),
            h: (a.y - b.y).abs(),
        }
    }
}

/// How the screen maps onto the diagram, asked only when a state needs it
/// (a drag never asks: reading the browser's transform on every move costs).
pub trait View {
    /// The diagram point under client point `client`.
    fn to_diagram(&self, client: Point) -> Point;
    /// Screen pixels per diagram unit.
    fn scale(&self) -> f64;
}

/// What a gesture may read of the editor as it is now.
pub struct Scene<'a> {
    pub doc: &'a Document,
    pub selection: &'a Selection,
    /// Where each node is drawn now (the position store).
    pub positions: &'a dyn Fn(&str) -> Point,
    pub view: &'a dyn View,
    /// `?readonly=1`: a press on a node selects it and pans, never moves it.
    pub readonly: bool,
    /// Links can be drawn (not in an embed or on a read-only page).
    pub editable: bool,
}

/// What a pointer went down on.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Node(String),
    /// A node's connect handle.
    Handle(String),
    Link {
        from: String,
        to: String,
    },
    /// The empty background.
    Background,
}

/// One pointer, where it is on the screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pointer {
    pub id: i32,
    pub client: Point,
}

/// A pointer pressed.
#[derive(Clone, Debug, PartialEq)]
pub struct Press {
    pub pointer: Pointer,
    pub on: Target,
    /// The main button (a right click starts nothing).
    pub primary: bool,
    pub shift: bool,
}

/// A pointer released (`cancelled`: the browser took it away).
#[derive(Clone, Debug, PartialEq)]
pub struct Release {
    pub pointer: Pointer,
    pub cancelled: bool,
    /// The node under the pointer, if any.
    pub over: Option<String>,
}

/// What the web crate does for a gesture: plain data, performed in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Let a text field being edited commit its value before the selection changes.
    CommitPendingEdit,
    /// Keep receiving this pointer's moves outside the canvas.
    Capture(i32),
    Release(i32),
    /// Set these nodes' positions in the position store (diagram units).
    Move(Vec<(Rc<str>, Point)>),
    /// Move the view by this many screen pixels, as a hand would.
    Pan(Point),
    /// Zoom the view by `factor` around client point `at`.
    Zoom {
        factor: f64,
        at: Point,
    },
    /// Show the marquee over this rectangle, or hide it.
    Marquee(Option<Rect>),
    /// Show the new link's rubber band between two diagram points, or hide it.
    RubberBand(Option<(Point, Point)>),
    /// Send this to the editor.
    Do(Action),
    /// The node under the pointer changed.
    Hover(Option<String>),
    /// A link was refused: say why.
    Refused(NoLink),
}

/// The state a gesture is in.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum State {
    #[default]
    Idle,
    Pointing(Pointing),
    Dragging(Dragging),
    Panning(Panning),
    Pinching(Pinching),
    Brushing(Brushing),
    Connecting(Connecting),
}

impl State {
    /// Whether `pointer` takes part in this gesture.
    fn has_pointer(&self, pointer: i32) -> bool {
        match self {
            State::Idle => false,
            State::Pointing(s) => s.pointer == pointer,
            State::Dragging(s) => s.pointer == pointer,
            State::Panning(s) => s.pointer == pointer,
            State::Pinching(s) => s.a.id == pointer || s.b.id == pointer,
            State::Brushing(s) => s.pointer == pointer,
            State::Connecting(s) => s.pointer == pointer,
        }
    }
}

/// The gesture in progress and what outlives it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gestures {
    state: State,
    /// The last press became a drag: the click that follows is not a kill.
    suppress_click: bool,
    /// Space is held: any drag pans.
    space: bool,
}

impl Gestures {
    /// The state now.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Whether no gesture is under way.
    pub fn is_idle(&self) -> bool {
        matches!(self.state, State::Idle)
    }

    /// Space pressed (`true`) or let go: while held, any drag pans.
    pub fn hold_space(&mut self, held: bool) {
        self.space = held;
    }

    /// A pointer went down on the canvas.
    pub fn press(&mut self, press: Press, scene: &Scene) -> Vec<Effect> {
        if !press.primary {
            return Vec::new();
        }
        if let (State::Panning(pan), Target::Background) = (&self.state, &press.on) {
            if pan.pointer != press.pointer.id {
                let (next, effects) = pan.second_pointer(press.pointer);
                self.state = next;
                return effects;
            }
        }
        let (next, effects) = idle::press(&press, scene, self.space);
        if matches!(press.on, Target::Node(_)) && !self.space {
            self.suppress_click = false;
        }
        if let Some(next) = next {
            self.state = next;
        }
        effects
    }

    /// A pointer moved.
    pub fn moved(&mut self, pointer: Pointer, scene: &Scene) -> Vec<Effect> {
        let state = std::mem::take(&mut self.state);
        let (next, effects) = match state {
            State::Pointing(s) if s.pointer == pointer.id => s.moved(pointer),
            State::Dragging(mut s) if s.pointer == pointer.id => {
                let effects = s.moved(pointer.client);
                (State::Dragging(s), effects)
            }
            State::Panning(mut s) if s.pointer == pointer.id => {
                let effects = s.moved(pointer.client);
                (State::Panning(s), effects)
            }
            State::Pinching(mut s) if s.a.id == pointer.id || s.b.id == pointer.id => {
                let effects = s.moved(pointer);
                (State::Pinching(s), effects)
            }
            State::Brushing(s) if s.pointer == pointer.id => {
                let effects = s.moved(scene.view.to_diagram(pointer.client));
                (State::Brushing(s), effects)
            }
            State::Connecting(s) if s.pointer == pointer.id => {
                let effects = s.moved(scene.view.to_diagram(pointer.client));
                (State::Connecting(s), effects)
            }
            other => (other, Vec::new()),
        };
        self.state = next;
        effects
    }

    /// A pointer was released or cancelled.
    pub fn released(&mut self, release: Release, scene: &Scene) -> Vec<Effect> {
        if !self.state.has_pointer(release.pointer.id) {
            return Vec::new();
        }
        let mut effects = vec![Effect::Release(release.pointer.id)];
        let (next, more) = match std::mem::take(&mut self.state) {
            State::Pointing(_) => {
                self.suppress_click = false;
                (State::Idle, Vec::new())
            }
            State::Dragging(s) => {
                self.suppress_click = true;
                (State::Idle, s.released())
            }
            State::Panning(s) => (State::Idle, s.released(&release, scene)),
            State::Pinching(s) => (s.released(release.pointer.id), Vec::new()),
            State::Brushing(s) => {
                let at = scene.view.to_diagram(release.pointer.client);
                (State::Idle, s.released(at, scene))
            }
            State::Connecting(s) => (State::Idle, s.released(release.over.as_deref(), scene)),
            State::Idle => (State::Idle, Vec::new()),
        };
        self.state = next;
        effects.extend(more);
        effects
    }

    /// Escape: the gesture under way is dropped and what it showed put back
    /// (dragged nodes where they were, no marquee, no rubber band); `None`
    /// when there is none, so the key does what it does otherwise.
    pub fn escape(&mut self) -> Option<Vec<Effect>> {
        let effects = match std::mem::take(&mut self.state) {
            State::Idle => return None,
            State::Pointing(_) => Vec::new(),
            State::Dragging(s) => {
                self.suppress_click = true;
                s.cancelled()
            }
            State::Panning(s) => vec![Effect::Release(s.pointer)],
            State::Pinching(s) => vec![Effect::Release(s.a.id), Effect::Release(s.b.id)],
            State::Brushing(s) => vec![Effect::Release(s.pointer), Effect::Marquee(None)],
            State::Connecting(s) => vec![Effect::Release(s.pointer), Effect::RubberBand(None)],
        };
        Some(effects)
    }

    /// An instance square was clicked: it is killed or revived, unless the
    /// press that clicked it was a drag.
    pub fn instance_clicked(&self, id: &str, index: u32) -> Vec<Effect> {
        if self.suppress_click {
            return Vec::new();
        }
        vec![Effect::Do(Action::ToggleInstance {
            id: id.to_string(),
            index,
        })]
    }

    /// The pointer went over node `id` (or off every node): told only between gestures.
    pub fn hovered(&self, id: Option<String>) -> Vec<Effect> {
        if self.is_idle() {
            vec![Effect::Hover(id)]
        } else {
            Vec::new()
        }
    }

    /// Keyboard focus landed on node `id`: selection follows focus
    /// (docs/spec/app.md); a press focuses the node too, and has already selected.
    pub fn focused(&self, id: &str, selection: &Selection) -> Vec<Effect> {
        if self.is_idle() && !selection.has_node(id) {
            vec![Effect::Do(Action::Select(Selection::node(id)))]
        } else {
            Vec::new()
        }
    }
}
