//! `window.topolab` (UI.md, automation contract): an article's own buttons and
//! the tests drive the diagram through it. Every call goes through the same
//! actions as the mouse and keyboard, so it is undoable and autosaved alike.
//! Its errors are for the programmer of the calling script, not for the
//! viewer, and stay in English whatever the interface language.

use js_sys::{Error, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use yew::UseReducerHandle;

use super::app::Editor;
use crate::editor::Action;
use crate::model::{analyze, parse_document};

/// One of the API's functions as JavaScript calls it: up to two arguments.
type ApiFn = dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>;

/// Keeps the functions alive; removes `window.topolab` when dropped.
pub struct Api {
    _closures: Vec<Closure<ApiFn>>,
}

impl Drop for Api {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = Reflect::delete_property(&window, &JsValue::from_str("topolab"));
        }
    }
}

fn json_value(text: &str) -> Result<JsValue, JsValue> {
    JSON::parse(text)
}

/// The index argument of `kill` and `revive`: a whole number from 0.
fn instance_index(value: &JsValue) -> Result<u32, JsValue> {
    match value.as_f64() {
        Some(x) if x >= 0.0 && x.fract() == 0.0 && x <= f64::from(u32::MAX) => Ok(x as u32),
        _ => Err(Error::new("index must be a whole number from 0").into()),
    }
}

/// Installs `window.topolab` over the editor's reducer.
pub fn install(editor: UseReducerHandle<Editor>) -> Api {
    type Call = Box<ApiFn>;
    let object = Object::new();
    let mut closures = Vec::new();
    let mut add = |name: &str, f: Call| {
        let closure = Closure::wrap(f);
        let _ = Reflect::set(&object, &JsValue::from_str(name), closure.as_ref());
        closures.push(closure);
    };

    let e = editor.clone();
    add(
        "load",
        Box::new(move |doc: JsValue, _| {
            let text = match doc.as_string() {
                Some(text) => text,
                None => JSON::stringify(&doc)?.as_string().unwrap_or_default(),
            };
            let doc = parse_document(&text).map_err(|problems| {
                let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                JsValue::from(Error::new(&lines.join("\n")))
            })?;
            e.dispatch(Action::Load(std::rc::Rc::new(doc)));
            Ok(JsValue::TRUE)
        }),
    );
    let e = editor.clone();
    add(
        "document",
        Box::new(move |_, _| json_value(&e.0.doc().to_json())),
    );
    let e = editor.clone();
    add(
        "analysis",
        Box::new(move |_, _| {
            let analysis = analyze(e.0.doc());
            let text = serde_json::to_string(&analysis)
                .map_err(|err| JsValue::from(Error::new(&err.to_string())))?;
            json_value(&text)
        }),
    );
    for (name, killed) in [("kill", true), ("revive", false)] {
        let e = editor.clone();
        add(
            name,
            Box::new(move |id: JsValue, index: JsValue| {
                let id = id
                    .as_string()
                    .ok_or_else(|| JsValue::from(Error::new("id must be a node id (a string)")))?;
                let index = instance_index(&index)?;
                let node =
                    e.0.doc().node(&id).ok_or_else(|| {
                        JsValue::from(Error::new(&format!("no node with id {id:?}")))
                    })?;
                if node.is_client() || index >= node.replicas() {
                    return Err(Error::new(&format!(
                        "{id:?} has no instance {index} (it has {} instance(s), numbered from 0)",
                        if node.is_client() { 0 } else { node.replicas() }
                    ))
                    .into());
                }
                e.dispatch(Action::SetInstance { id, index, killed });
                Ok(JsValue::UNDEFINED)
            }),
        );
    }
    if let Some(window) = web_sys::window() {
        let _ = Reflect::set(&window, &JsValue::from_str("topolab"), &object);
    }
    Api {
        _closures: closures,
    }
}
