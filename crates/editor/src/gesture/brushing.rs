//! Shift + drag on the background: the marquee; released, the nodes it meets
//! are added to the selection it started from.

use super::{hit, Effect, Point, Rect, Scene};
use crate::{Action, Selection};

#[derive(Clone, Debug, PartialEq)]
pub struct Brushing {
    pub pointer: i32,
    /// Where it started, in diagram units.
    pub start: Point,
    /// The selection it adds to.
    pub base: Vec<String>,
}

impl Brushing {
    /// The marquee follows the pointer (at `at`, diagram units).
    pub fn moved(&self, at: Point) -> Vec<Effect> {
        vec![Effect::Marquee(Some(Rect::spanning(self.start, at)))]
    }

    /// Released at `at`: the selection, with every node the marquee meets.
    pub fn released(self, at: Point, scene: &Scene) -> Vec<Effect> {
        let mut ids = self.base;
        for id in hit::nodes_in(scene.doc, Rect::spanning(self.start, at)) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        vec![
            Effect::Marquee(None),
            Effect::Do(Action::Select(Selection::Nodes(ids))),
        ]
    }
}
