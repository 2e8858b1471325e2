//! Browser calls that answer with a promise (the clipboard, full screen):
//! each gets its handlers here, so a refusal never ends as an unhandled
//! rejection on the console.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// `promise.then(on_ok, on_err)`, when it is a promise. Each handler frees
/// itself once called.
pub fn then(
    promise: &JsValue,
    on_ok: impl FnOnce(JsValue) + 'static,
    on_err: impl FnOnce(JsValue) + 'static,
) {
    if !promise.is_instance_of::<Promise>() {
        return;
    }
    let Ok(then) = Reflect::get(promise, &JsValue::from_str("then")) else {
        return;
    };
    if let Some(then) = then.dyn_ref::<Function>() {
        let (ok, err) = (Closure::once_into_js(on_ok), Closure::once_into_js(on_err));
        let _ = then.call2(promise, &ok, &err);
    }
}
