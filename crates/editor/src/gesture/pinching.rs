//! Two pointers on the background: the view zooms by their spread and pans
//! by their middle; when one lifts, the other goes on panning.

use super::{Effect, Panning, Pointer, State};

#[derive(Clone, Debug, PartialEq)]
pub struct Pinching {
    pub a: Pointer,
    pub b: Pointer,
}

impl Pinching {
    /// One of the two moved.
    pub fn moved(&mut self, pointer: Pointer) -> Vec<Effect> {
        let (a0, b0) = (self.a.client, self.b.client);
        if self.a.id == pointer.id {
            self.a.client = pointer.client;
        } else {
            self.b.client = pointer.client;
        }
        let (a1, b1) = (self.a.client, self.b.client);
        let (m0, m1) = (a0.middle(b0), a1.middle(b1));
        let (d0, d1) = (a0.distance(b0), a1.distance(b1));
        let mut effects = Vec::new();
        if d0 > 1.0 && d1 > 1.0 {
            effects.push(Effect::Zoom {
                factor: d1 / d0,
                at: m1,
            });
        }
        effects.push(Effect::Pan(m0.to(m1)));
        effects
    }

    /// `lifted` left the glass: the other finger pans on.
    pub fn released(self, lifted: i32) -> State {
        let rest = if self.a.id == lifted { self.b } else { self.a };
        State::Panning(Panning {
            pointer: rest.id,
            last: rest.client,
            moved: true,
        })
    }
}
