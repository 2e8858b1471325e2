//! From a node's connect handle: a rubber band follows the pointer; released
//! on another node it links the two ([`crate::connect::connect`], the same
//! path as the keyboard's `C`), released anywhere else it does nothing.

use super::{Effect, Point, Pointer, Scene, State};
use crate::connect::{connect, NoLink};

#[derive(Clone, Debug, PartialEq)]
pub struct Connecting {
    pub pointer: i32,
    /// The node the link starts from, and where it is drawn.
    pub from: String,
    pub from_at: Point,
}

impl Connecting {
    /// Pressed on `from`'s handle.
    pub fn start(pointer: Pointer, from: &str, scene: &Scene) -> (State, Vec<Effect>) {
        let state = Connecting {
            pointer: pointer.id,
            from: from.to_string(),
            from_at: (scene.positions)(from),
        };
        let band = (state.from_at, scene.view.to_diagram(pointer.client));
        let effects = vec![Effect::Capture(pointer.id), Effect::RubberBand(Some(band))];
        (State::Connecting(state), effects)
    }

    /// The band's loose end follows the pointer (at `at`, diagram units).
    pub fn moved(&self, at: Point) -> Vec<Effect> {
        vec![Effect::RubberBand(Some((self.from_at, at)))]
    }

    /// Released over node `over` (if any): the link, or why not.
    pub fn released(self, over: Option<&str>, scene: &Scene) -> Vec<Effect> {
        let mut effects = vec![Effect::RubberBand(None)];
        let Some(to) = over else {
            return effects;
        };
        match connect(scene.doc, &self.from, to) {
            Ok(action) => effects.push(Effect::Do(action)),
            // Let go on the node it started from: nothing was meant.
            Err(NoLink::SameNode) => {}
            Err(why) => effects.push(Effect::Refused(why)),
        }
        effects
    }
}
