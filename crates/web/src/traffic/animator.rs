//! The animation loop: a [`Scene`] played on `requestAnimationFrame`, paused
//! while the tab is hidden (the next frame starts the clock afresh), its live
//! figures passed to whoever listens when they are due.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use js_sys::Reflect;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

use super::scene::Scene;
use topolab_engine::sim::Live;

/// The scene, its animation frame and who hears of it.
#[derive(Default)]
pub(super) struct Animator {
    pub(super) scene: Option<Scene>,
    frame: Option<i32>,
    tick: Option<Closure<dyn FnMut(f64)>>,
    pub(super) on_live: Callback<Option<Rc<Live>>>,
}

/// The loop, shared with its frame callback (which holds it weakly).
pub(super) type SharedLoop = Rc<RefCell<Animator>>;

/// Whether the viewer asked for reduced motion.
pub(super) fn reduced_motion() -> bool {
    gloo::utils::window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Whether the tab is hidden (read as a property, so a test may override it).
pub(super) fn tab_hidden() -> bool {
    Reflect::get(&gloo::utils::document(), &JsValue::from_str("hidden"))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Asks for the next frame, unless one is asked for, there is no scene or the tab is hidden.
pub(super) fn request(shared: &SharedLoop) {
    let Ok(mut a) = shared.try_borrow_mut() else {
        return;
    };
    if a.frame.is_some() || a.scene.is_none() || tab_hidden() {
        return;
    }
    if a.tick.is_none() {
        let weak: Weak<RefCell<Animator>> = Rc::downgrade(shared);
        let tick = Closure::wrap(Box::new(move |ts: f64| {
            if let Some(shared) = weak.upgrade() {
                on_frame(&shared, ts);
            }
        }) as Box<dyn FnMut(f64)>);
        a.tick = Some(tick);
    }
    if let Some(tick) = a.tick.as_ref() {
        a.frame = gloo::utils::window()
            .request_animation_frame(tick.as_ref().unchecked_ref())
            .ok();
    }
}

fn on_frame(shared: &SharedLoop, ts: f64) {
    let (live, on_live) = {
        let Ok(mut a) = shared.try_borrow_mut() else {
            return;
        };
        a.frame = None;
        let live = a.scene.as_mut().and_then(|scene| scene.frame(ts));
        (live, a.on_live.clone())
    };
    request(shared);
    if let Some(live) = live {
        on_live.emit(Some(Rc::new(live)));
    }
}

/// Stops asking for frames; the next one starts the clock afresh.
pub(super) fn pause(shared: &SharedLoop) {
    let Ok(mut a) = shared.try_borrow_mut() else {
        return;
    };
    if let Some(id) = a.frame.take() {
        let _ = gloo::utils::window().cancel_animation_frame(id);
    }
    if let Some(scene) = a.scene.as_mut() {
        scene.playback.pause();
    }
}
