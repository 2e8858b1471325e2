//! `window.topolab` (docs/spec/app.md, automation contract): an article's own buttons and
//! the tests drive the diagram through it. Every call goes through the same
//! actions as the mouse and keyboard, so it is undoable and autosaved alike.
//! [`Calls`] does the work, for `window.topolab` and for the embedding page's
//! messages (`super::messages`) alike; on a read-only page `load`, `kill` and
//! `revive` are refused with [`READ_ONLY`].
//!
//! Its errors are for the programmer of the calling script, not for the
//! viewer, and stay in English whatever the interface language.

use js_sys::{Error, Object, Reflect, JSON};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use yew::{hook, UseReducerHandle};

use crate::effect::use_effect_with;

use std::cell::RefCell;
use std::rc::Rc;

use super::app::Editor;
use topolab_editor::embed::protocol::Call;
use topolab_editor::Action;
use topolab_engine::advise::{advise, targets_from_goals, Advice, Target, SYSTEM};
use topolab_engine::analysis::effective_functions;
use topolab_engine::sim::{simulate, SimOptions};
use topolab_engine::Document;
use topolab_engine::{analyze, parse_document};

/// What `load`, `kill` and `revive` answer on a read-only page (`?readonly=1`).
pub const READ_ONLY: &str =
    "read-only: this diagram cannot be changed (the page was opened with readonly=1)";

/// One of the API's functions as JavaScript calls it: up to two arguments.
type ApiFn = dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>;

/// The calls of the automation contract, over the editor's reducer.
#[derive(Clone)]
pub struct Calls {
    editor: UseReducerHandle<Editor>,
    readonly: bool,
    /// The last advice given, whose options `applyAdvice` applies.
    advice: Rc<RefCell<Option<Advice>>>,
}

impl Calls {
    pub fn new(editor: UseReducerHandle<Editor>, readonly: bool) -> Calls {
        Calls {
            editor,
            readonly,
            advice: Rc::default(),
        }
    }

    /// Whether the calls that change the diagram are refused.
    pub fn readonly(&self) -> bool {
        self.readonly
    }

    /// The document now. Read through a fresh handle: a handle that lives as
    /// long as the page would keep every state it ever read.
    fn doc(&self) -> std::rc::Rc<topolab_engine::Document> {
        self.editor.clone().0.doc().clone()
    }

    /// Opens a `topolab/1` document given as JSON text; every problem the
    /// validator finds, one a line, when it is not one.
    pub fn load(&self, text: &str) -> Result<(), String> {
        if self.readonly {
            return Err(READ_ONLY.into());
        }
        let doc = parse_document(text).map_err(|problems| {
            let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            lines.join("\n")
        })?;
        self.editor.dispatch(Action::Load(std::rc::Rc::new(doc)));
        Ok(())
    }

    /// The current document as `topolab/1` JSON text.
    pub fn document(&self) -> String {
        self.doc().to_json()
    }

    /// The analysis as `topolab analyze` prints it, as JSON text.
    pub fn analysis(&self) -> Result<String, String> {
        serde_json::to_string(&analyze(&self.doc())).map_err(|err| err.to_string())
    }

    /// The goals judged and the warnings, as `topolab check` prints them, as JSON text.
    pub fn check(&self) -> Result<String, String> {
        serde_json::to_string(&topolab_engine::goals::check(&self.doc()))
            .map_err(|err| err.to_string())
    }

    /// The advice for `goals` (a list of `{function, min}`, `function` "all"
    /// for the system), or for the document's availability goals when null.
    pub fn advise(&self, goals: &Value) -> Result<Value, String> {
        let doc = self.doc();
        let targets = match goals {
            Value::Null => targets_from_goals(&doc),
            Value::Array(list) => list
                .iter()
                .enumerate()
                .map(|(i, g)| target(&doc, i, g))
                .collect::<Result<_, _>>()?,
            _ => return Err("goals must be a list of {function, min}, or absent".into()),
        };
        let advice = advise(&doc, &targets);
        let out = serde_json::to_value(&advice).map_err(|err| err.to_string());
        *self.advice.borrow_mut() = Some(advice);
        out
    }

    /// Applies the option `name` of the last advice, one undo step; the new document.
    pub fn apply_advice(&self, name: &str) -> Result<Value, String> {
        if self.readonly {
            return Err(READ_ONLY.into());
        }
        let last = self.advice.borrow();
        let advice = last
            .as_ref()
            .ok_or("applyAdvice: no advice yet (call advise first)")?;
        let option = advice
            .options
            .iter()
            .find(|o| o.name.as_str() == name)
            .ok_or_else(|| format!("applyAdvice: the last advice has no option {name:?}"))?;
        let doc = option.apply(&self.doc());
        let out = serde_json::from_str(&doc.to_json()).map_err(|err| err.to_string());
        self.editor.dispatch(Action::Replace(Rc::new(doc)));
        out
    }

    /// Takes zone `id` down (`down`) or brings it back up.
    pub fn set_zone(&self, id: &str, down: bool) -> Result<(), String> {
        if self.readonly {
            return Err(READ_ONLY.into());
        }
        if self.doc().zone_index(id).is_none() {
            return Err(format!("no zone with id {id:?}"));
        }
        self.editor.dispatch(Action::SetZoneDown {
            id: id.to_string(),
            down,
        });
        Ok(())
    }

    /// Kills (`killed`) or revives instance `index` of node `id`.
    pub fn set_instance(&self, id: &str, index: u32, killed: bool) -> Result<(), String> {
        if self.readonly {
            return Err(READ_ONLY.into());
        }
        let doc = self.doc();
        let node = doc
            .node(id)
            .ok_or_else(|| format!("no node with id {id:?}"))?;
        if node.is_client() || index >= node.replicas() {
            return Err(format!(
                "{id:?} has no instance {index} (it has {} instance(s), numbered from 0)",
                if node.is_client() { 0 } else { node.replicas() }
            ));
        }
        self.editor.dispatch(Action::SetInstance {
            id: id.to_string(),
            index,
            killed,
        });
        Ok(())
    }

    /// Runs the headless traffic simulation (docs/spec/app.md `simulate`) on the
    /// current document: `options` is the `{seconds, seed, chaos}` object
    /// (`model::sim::SimOptions`, missing fields defaulted). Bad options or
    /// `extra.sim` values are refused, every one named, one a line. Allowed
    /// on a read-only page: it changes nothing.
    pub fn simulate(&self, options: &Value) -> Result<Value, String> {
        let options: SimOptions = serde_json::from_value(options.clone())
            .map_err(|err| format!("simulate options: {err}"))?;
        let report = simulate(&self.doc(), &options).map_err(|problems| {
            let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            lines.join("\n")
        })?;
        serde_json::to_value(&report).map_err(|err| err.to_string())
    }

    /// Runs a call an embedding page asked for by message; its result as
    /// `window.topolab` returns it (`kill` and `revive`: null; `load`: true).
    pub fn run(&self, call: &Call) -> Result<Value, String> {
        let parsed = |text: String| serde_json::from_str(&text).map_err(|e| e.to_string());
        match call {
            Call::Kill { id, index } => self.set_instance(id, *index, true).map(|()| Value::Null),
            Call::Revive { id, index } => {
                self.set_instance(id, *index, false).map(|()| Value::Null)
            }
            Call::Load { document } => self.load(document).map(|()| Value::Bool(true)),
            Call::Document => parsed(self.document()),
            Call::Analysis => parsed(self.analysis()?),
            Call::Check => parsed(self.check()?),
            Call::Advise { goals } => self.advise(goals),
            Call::ApplyAdvice { name } => self.apply_advice(name),
            Call::SetZone { id, down } => self.set_zone(id, *down).map(|()| Value::Null),
            Call::Simulate { options } => self.simulate(options),
        }
    }
}

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

/// Goal `i` of an `advise` call as a target: `{function, min}` with a function
/// of the document (or "all") and 0 < min < 1.
fn target(doc: &Document, i: usize, goal: &Value) -> Result<Target, String> {
    let function = goal
        .get("function")
        .and_then(Value::as_str)
        .unwrap_or("all");
    let known = function == SYSTEM || effective_functions(doc).iter().any(|f| f.id == function);
    if !known {
        return Err(format!("goals[{i}].function: no function {function:?}"));
    }
    let min = goal.get("min").and_then(Value::as_f64).unwrap_or(f64::NAN);
    if !(min > 0.0 && min < 1.0) {
        return Err(format!(
            "goals[{i}].min: must be a number above 0 and below 1"
        ));
    }
    Ok(Target {
        function: (function != SYSTEM).then(|| function.to_string()),
        min,
    })
}

fn error(text: &str) -> JsValue {
    Error::new(text).into()
}

/// The index argument of `kill` and `revive`: a whole number from 0.
fn instance_index(value: &JsValue) -> Result<u32, JsValue> {
    match value.as_f64() {
        Some(x) if x >= 0.0 && x.fract() == 0.0 && x <= f64::from(u32::MAX) => Ok(x as u32),
        _ => Err(error("index must be a whole number from 0")),
    }
}

/// `window.topolab` and the embedding page's messages
/// ([`super::messages::listen`]), for as long as the calling component is mounted.
#[hook]
pub fn use_api(editor: &UseReducerHandle<Editor>, readonly: bool) {
    let calls = Calls::new(editor.clone(), readonly);
    use_effect_with((), move |_| {
        let api = install(calls.clone());
        let messages = super::messages::listen(calls);
        move || drop((api, messages))
    });
}

/// Installs `window.topolab` over the calls.
pub fn install(calls: Calls) -> Api {
    type Call = Box<ApiFn>;
    let object = Object::new();
    let mut closures = Vec::new();
    let mut add = |name: &str, f: Call| {
        let closure = Closure::wrap(f);
        let _ = Reflect::set(&object, &JsValue::from_str(name), closure.as_ref());
        closures.push(closure);
    };

    let c = calls.clone();
    add(
        "load",
        Box::new(move |doc: JsValue, _| {
            if c.readonly() {
                return Err(error(READ_ONLY));
            }
            let text = match doc.as_string() {
                Some(text) => text,
                None => JSON::stringify(&doc)?.as_string().unwrap_or_default(),
            };
            c.load(&text).map_err(|why| error(&why))?;
            Ok(JsValue::TRUE)
        }),
    );
    let c = calls.clone();
    add("document", Box::new(move |_, _| JSON::parse(&c.document())));
    let c = calls.clone();
    add(
        "analysis",
        Box::new(move |_, _| JSON::parse(&c.analysis().map_err(|why| error(&why))?)),
    );
    let c = calls.clone();
    add(
        "check",
        Box::new(move |_, _| JSON::parse(&c.check().map_err(|why| error(&why))?)),
    );
    let c = calls.clone();
    add(
        "advise",
        Box::new(move |goals: JsValue, _| {
            let goals = if goals.is_undefined() || goals.is_null() {
                Value::Null
            } else {
                let text = JSON::stringify(&goals)?.as_string().unwrap_or_default();
                serde_json::from_str(&text).map_err(|err| error(&err.to_string()))?
            };
            JSON::parse(&c.advise(&goals).map_err(|why| error(&why))?.to_string())
        }),
    );
    let c = calls.clone();
    add(
        "applyAdvice",
        Box::new(move |name: JsValue, _| {
            let name = name
                .as_string()
                .ok_or_else(|| error("name must be a string"))?;
            let doc = c.apply_advice(&name).map_err(|why| error(&why))?;
            JSON::parse(&doc.to_string())
        }),
    );
    let c = calls.clone();
    add(
        "simulate",
        Box::new(move |options: JsValue, _| {
            // undefined (no argument) and null: the defaults.
            let options = if options.is_undefined() || options.is_null() {
                Value::Object(Default::default())
            } else {
                let text = JSON::stringify(&options)
                    .ok()
                    .and_then(|t| t.as_string())
                    .ok_or_else(|| {
                        error("simulate options must be an object such as {seconds, seed, chaos}")
                    })?;
                serde_json::from_str(&text)
                    .map_err(|err| error(&format!("simulate options: {err}")))?
            };
            if !options.is_object() {
                return Err(error(
                    "simulate options must be an object such as {seconds, seed, chaos}",
                ));
            }
            let report = c.simulate(&options).map_err(|why| error(&why))?;
            JSON::parse(&report.to_string())
        }),
    );
    for (name, down) in [("killZone", true), ("reviveZone", false)] {
        let c = calls.clone();
        add(
            name,
            Box::new(move |id: JsValue, _| {
                let id = id
                    .as_string()
                    .ok_or_else(|| error("id must be a zone id (a string)"))?;
                c.set_zone(&id, down).map_err(|why| error(&why))?;
                Ok(JsValue::UNDEFINED)
            }),
        );
    }
    for (name, killed) in [("kill", true), ("revive", false)] {
        let c = calls.clone();
        add(
            name,
            Box::new(move |id: JsValue, index: JsValue| {
                if c.readonly() {
                    return Err(error(READ_ONLY));
                }
                let id = id
                    .as_string()
                    .ok_or_else(|| error("id must be a node id (a string)"))?;
                let index = instance_index(&index)?;
                c.set_instance(&id, index, killed)
                    .map_err(|why| error(&why))?;
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
