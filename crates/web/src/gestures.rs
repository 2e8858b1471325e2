//! The pointer gestures of the canvas, as data: what a pressed pointer is
//! doing until it is released. The canvas's handlers step through them.

use web_sys::Element;
use yew::{AttrValue, NodeRef};

/// A pointer pressed on a node: a click, or a drag of the selection once it moves.
pub struct Press {
    pub pointer_id: i32,
    pub start_client: (f64, f64),
    /// The nodes that move with it, and where each was.
    pub nodes: Vec<(AttrValue, (f64, f64))>,
    /// Screen pixels per diagram unit.
    pub scale: f64,
    pub moved: bool,
}

/// One gesture in progress.
pub enum Gesture {
    Press(Press),
    /// Dragging the empty background (or anything, with Space held) moves the view.
    Pan {
        pointer_id: i32,
        last: (f64, f64),
        moved: bool,
    },
    /// Two pointers on the background: zoom by their spread, pan by their middle.
    Pinch {
        a: (i32, (f64, f64)),
        b: (i32, (f64, f64)),
    },
    /// Shift + drag on the background selects the nodes in a rectangle.
    Marquee {
        pointer_id: i32,
        /// Where it started, in diagram units.
        start: (f64, f64),
        /// The selection it adds to.
        base: Vec<String>,
    },
    /// From a node's handle to another node: a new link.
    Connect {
        pointer_id: i32,
        from: AttrValue,
    },
}

impl Gesture {
    pub fn press(press: Press) -> Gesture {
        Gesture::Press(press)
    }

    /// Whether this pointer takes part in the gesture.
    pub fn has_pointer(&self, pointer: i32) -> bool {
        match self {
            Gesture::Press(p) => p.pointer_id == pointer,
            Gesture::Pan { pointer_id, .. }
            | Gesture::Marquee { pointer_id, .. }
            | Gesture::Connect { pointer_id, .. } => *pointer_id == pointer,
            Gesture::Pinch { a, b } => a.0 == pointer || b.0 == pointer,
        }
    }
}

/// The gesture in progress and what outlives it.
#[derive(Default)]
pub struct Gestures {
    pub gesture: Option<Gesture>,
    /// The last press became a drag: the click that follows is not a kill.
    pub suppress_click: bool,
    /// Space is held: any drag pans.
    pub space: bool,
}

impl Gestures {
    /// Starts panning with this pointer, captured by the canvas.
    pub fn start_pan(&mut self, pointer_id: i32, at: (f64, f64), svg: &NodeRef) {
        self.gesture = Some(Gesture::Pan {
            pointer_id,
            last: at,
            moved: false,
        });
        if let Some(svg) = svg.cast::<Element>() {
            let _ = svg.set_pointer_capture(pointer_id);
        }
    }
}
