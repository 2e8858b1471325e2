//! "After the first paint": the page shows the diagram first and the rest of
//! the app a frame later. The side column's tables and the dialogs cost a
//! render and a layout of their own; drawn in the same frame as a big diagram
//! they hold it back (BENCHMARKS.md, "First render").

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::effect::use_effect_with;

const FALLBACK_MS: u32 = 250;

/// False on the first render; true from the render after the browser has
/// painted it (the next animation frame, then a task, so that the paint is
/// not held back by what comes after). A page that gets no frames (a hidden
/// tab, a frame out of view) is complete after `FALLBACK_MS` all the same.
#[hook]
pub fn use_painted() -> bool {
    let painted = use_state(|| false);
    {
        let painted = painted.clone();
        use_effect_with((), move |_| {
            let pending: Rc<RefCell<Option<Timeout>>> = Rc::default();
            let fallback = {
                let painted = painted.clone();
                Timeout::new(FALLBACK_MS, move || painted.set(true))
            };
            let frame = {
                let pending = pending.clone();
                Closure::once(move |_: f64| {
                    *pending.borrow_mut() = Some(Timeout::new(0, move || painted.set(true)));
                })
            };
            let window = gloo::utils::window();
            let asked = window.request_animation_frame(frame.as_ref().unchecked_ref());
            move || {
                if let Ok(id) = asked {
                    let _ = window.cancel_animation_frame(id);
                }
                drop((frame, fallback, pending.take()));
            }
        });
    }
    *painted
}
