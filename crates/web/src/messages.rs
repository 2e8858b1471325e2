//! The `postMessage` API of an embedded page (docs/spec/app.md; the format is in
//! [`topolab_editor::embed::protocol`] and README.md): the page that embeds this one in
//! an `<iframe>` posts `{topolab: "kill", id, index}` and the like; each call
//! runs as `window.topolab` would run it and the answer goes back to the
//! sender. Only a page in a frame listens, and only to the page that frames
//! it: a top-level editor cannot be driven by a window that opened it.

use gloo::events::EventListener;
use js_sys::{Function, Object, Reflect, JSON};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::MessageEvent;

use super::api::Calls;
use topolab_editor::embed::protocol::{read_request, ready, reply, Request};

/// Listens while alive.
pub struct Messages {
    _listener: Option<EventListener>,
}

/// Posts `message` (JSON) to `target` (a window), for `origin` ("*": any).
fn post(target: &JsValue, message: &Value, origin: &str) {
    let Ok(message) = JSON::parse(&message.to_string()) else {
        return;
    };
    let Ok(function) = Reflect::get(target, &JsValue::from_str("postMessage")) else {
        return;
    };
    if let Some(function) = function.dyn_ref::<Function>() {
        let _ = function.call2(target, &message, &JsValue::from_str(origin));
    }
}

/// The request a message carries; `None` when it is not addressed to Topolab.
fn request_of(data: &JsValue) -> Option<Request> {
    if !data.is_object() || !Reflect::has(data, &JsValue::from_str("topolab")).unwrap_or(false) {
        return None;
    }
    let json = JSON::stringify(data)
        .ok()
        .and_then(|text| text.as_string())
        .and_then(|text| serde_json::from_str::<Value>(&text).ok());
    match json {
        Some(value) => read_request(&value),
        // Cycles, BigInt: structured clone carries them, JSON does not.
        None => Some(Request {
            name: Reflect::get(data, &JsValue::from_str("topolab"))
                .ok()
                .and_then(|name| name.as_string()),
            echo: None,
            call: Err("the message cannot be read as JSON (it holds a cycle or a BigInt)".into()),
        }),
    }
}

/// Answers the page that frames this one, if it does; tells it first that
/// the calls are ready.
pub fn listen(calls: Calls) -> Messages {
    let window = gloo::utils::window();
    let parent: Option<JsValue> = window
        .parent()
        .ok()
        .flatten()
        .map(JsValue::from)
        .filter(|parent| !Object::is(parent, &window));
    let Some(parent) = parent else {
        return Messages { _listener: None };
    };
    post(&parent, &ready(calls.readonly()), "*");
    let listener = EventListener::new(&window, "message", move |event| {
        let Some(event) = event.dyn_ref::<MessageEvent>() else {
            return;
        };
        let Some(source) = event.source().map(JsValue::from) else {
            return;
        };
        if !Object::is(&source, &parent) {
            return;
        }
        let Some(request) = request_of(&event.data()) else {
            return;
        };
        let outcome = match &request.call {
            Ok(call) => calls.run(call),
            Err(why) => Err(why.clone()),
        };
        // An opaque origin (a sandboxed frame, a file) can only be answered with "*".
        let origin = event.origin();
        let origin = if origin.is_empty() || origin == "null" {
            "*"
        } else {
            origin.as_str()
        };
        post(&source, &reply(&request, outcome), origin);
    });
    Messages {
        _listener: Some(listener),
    }
}
