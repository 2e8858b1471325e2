//! Pressed on a node, not yet moved past [`DRAG_THRESHOLD_PX`]: released
//! here, it was a click (the press has already selected).

use std::rc::Rc;

use super::{Dragging, Effect, Panning, Point, Pointer, Scene, State, DRAG_THRESHOLD_PX};

#[derive(Clone, Debug, PartialEq)]
pub struct Pointing {
    pub pointer: i32,
    /// Where the pointer went down (client pixels).
    pub start: Point,
    /// The nodes a drag would move, and where each was.
    pub nodes: Vec<(Rc<str>, Point)>,
    /// Screen pixels per diagram unit when pressed.
    pub scale: f64,
}

impl Pointing {
    /// A press on a node that would move `nodes`.
    pub fn start(pointer: Pointer, nodes: &[String], scene: &Scene) -> Pointing {
        Pointing {
            pointer: pointer.id,
            start: pointer.client,
            nodes: nodes
                .iter()
                .map(|id| (Rc::from(id.as_str()), (scene.positions)(id)))
                .collect(),
            scale: scene.view.scale(),
        }
    }

    /// Still a click below the threshold; past it a drag, or a pan when there
    /// is nothing to move (a read-only page).
    pub fn moved(self, pointer: Pointer) -> (State, Vec<Effect>) {
        if self.start.distance(pointer.client) < DRAG_THRESHOLD_PX {
            return (State::Pointing(self), Vec::new());
        }
        if self.nodes.is_empty() {
            let (state, effects) = Panning::start(pointer, true);
            return (state, effects);
        }
        // Captured only now: before, the click on an instance would be
        // retargeted to the canvas.
        let mut drag = Dragging::from(self);
        let mut effects = vec![Effect::Capture(pointer.id)];
        effects.extend(drag.moved(pointer.client));
        (State::Dragging(drag), effects)
    }
}
