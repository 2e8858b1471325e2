//! Dragging nodes: each pointer move sets their positions in the position
//! store (only the layer hears of it); the release commits one
//! [`Action::MoveNodes`], one undo step.

use std::rc::Rc;

use super::{Effect, Point, Pointing};
use crate::Action;

#[derive(Clone, Debug, PartialEq)]
pub struct Dragging {
    pub pointer: i32,
    /// Where the pointer went down (client pixels).
    pub start: Point,
    /// The nodes moving, and where each was.
    pub nodes: Vec<(Rc<str>, Point)>,
    /// Screen pixels per diagram unit when pressed.
    pub scale: f64,
    /// Where the nodes are now, as last set.
    pub at: Vec<(Rc<str>, Point)>,
}

impl From<Pointing> for Dragging {
    fn from(p: Pointing) -> Dragging {
        Dragging {
            pointer: p.pointer,
            start: p.start,
            at: p.nodes.clone(),
            nodes: p.nodes,
            scale: p.scale,
        }
    }
}

impl Dragging {
    /// The nodes follow the pointer, on whole diagram units.
    pub fn moved(&mut self, client: Point) -> Vec<Effect> {
        let d = self.start.to(client);
        self.at = self
            .nodes
            .iter()
            .map(|(id, from)| {
                let x = (from.x + d.x / self.scale).round();
                let y = (from.y + d.y / self.scale).round();
                (id.clone(), Point::new(x, y))
            })
            .collect();
        vec![Effect::Move(self.at.clone())]
    }

    /// Released: the final positions, as one action.
    pub fn released(self) -> Vec<Effect> {
        let moves = self
            .at
            .iter()
            .map(|(id, p)| (id.to_string(), p.x, p.y))
            .collect();
        vec![Effect::Do(Action::MoveNodes(moves))]
    }

    /// Escape: the nodes go back where they were; the document never heard of it.
    pub fn cancelled(self) -> Vec<Effect> {
        vec![Effect::Release(self.pointer), Effect::Move(self.nodes)]
    }
}
