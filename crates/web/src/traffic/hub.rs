//! Where the canvas lets the traffic animation draw: the position store, the
//! overlay layer for the backlog badges, the diagram's `<svg>` and the dots'
//! `<canvas>`, and how often the canvas wrote nodes' markup (chaos marks set
//! on instances by hand must then be set again).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use web_sys::{Element, HtmlCanvasElement};

use super::super::positions::Positions;

/// What the canvas gives the animation to draw on. Shared by `Rc`, compared by identity.
#[derive(Clone, Default)]
pub struct TrafficHub(Rc<Hub>);

/// The position store, the badges' layer, the diagram's `<svg>`, the dots' canvas.
pub type HubParts = (Positions, Element, Element, HtmlCanvasElement);

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
    /// ([`super::super::layer::Layer::revision`]).
    pub fn nodes_drawn(&self, revision: u64) {
        self.0.nodes_drawn.set(revision);
    }

    /// What to draw on, once the canvas attached it.
    pub(super) fn get(&self) -> Option<HubParts> {
        self.0.parts.borrow().clone()
    }

    /// The canvas's layer revision last heard of.
    pub(super) fn revision(&self) -> u64 {
        self.0.nodes_drawn.get()
    }
}
