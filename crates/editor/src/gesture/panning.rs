//! Panning: the background dragged (or anything, with Space held) moves the
//! view; released without moving, it was a click on empty space, which
//! selects the link it is near, else nothing.

use super::{hit, Effect, Pinching, Point, Pointer, Release, Scene, State, LINK_REACH_PX};
use crate::{Action, Selection};

#[derive(Clone, Debug, PartialEq)]
pub struct Panning {
    pub pointer: i32,
    /// Where the pointer was last (client pixels).
    pub last: Point,
    pub moved: bool,
}

impl Panning {
    /// Starts panning with this pointer, captured by the canvas.
    pub fn start(pointer: Pointer, moved: bool) -> (State, Vec<Effect>) {
        let state = Panning {
            pointer: pointer.id,
            last: pointer.client,
            moved,
        };
        (State::Panning(state), vec![Effect::Capture(pointer.id)])
    }

    /// The view follows the pointer.
    pub fn moved(&mut self, client: Point) -> Vec<Effect> {
        let d = self.last.to(client);
        self.last = client;
        self.moved = true;
        vec![Effect::Pan(d)]
    }

    /// A second finger on the background: a pinch.
    pub fn second_pointer(&self, second: Pointer) -> (State, Vec<Effect>) {
        let first = Pointer {
            id: self.pointer,
            client: self.last,
        };
        let pinch = Pinching {
            a: first,
            b: second,
        };
        (
            State::Pinching(pinch),
            vec![Effect::CommitPendingEdit, Effect::Capture(second.id)],
        )
    }

    /// Released: a click (not a cancel) that never moved selects the link near it, else nothing.
    pub fn released(self, release: &Release, scene: &Scene) -> Vec<Effect> {
        if self.moved || release.cancelled {
            return Vec::new();
        }
        let at = scene.view.to_diagram(release.pointer.client);
        let reach = LINK_REACH_PX / scene.view.scale();
        let near = hit::link_near(scene.doc, scene.positions, at, reach);
        let selection = match near {
            Some((from, to)) => Selection::Link { from, to },
            None => Selection::None,
        };
        vec![Effect::Do(Action::Select(selection))]
    }
}
