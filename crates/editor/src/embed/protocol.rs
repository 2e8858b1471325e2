//! The `postMessage` API (docs/spec/app.md, automation contract): an embedding page sends
//! `{topolab: "kill", id, index}` (or `"revive"`, `"load"` with `document`,
//! `"document"`, `"analysis"`, `"check"`, `"advise"` with `goals`, `"applyAdvice"` with `name`, `"simulate"` with `options`) to the frame, and the app answers the sender with
//! `{topolab: <call>, ok: true, result}` or `{topolab: <call>, ok: false, error}`,
//! echoing the request's `id`. README.md documents it for article authors.
//!
//! Every field is checked here, before anything is done: a message that is
//! wrong in any way gets an error reply naming the field, never a panic.

use serde_json::{Map, Value};

/// The calls, as the `topolab` field names them.
pub const CALLS: [&str; 11] = [
    "kill",
    "revive",
    "load",
    "document",
    "analysis",
    "simulate",
    "check",
    "advise",
    "applyAdvice",
    "killZone",
    "reviveZone",
];

/// Longest `id` echoed in a reply: a node id has at most 64 characters
/// (docs/spec/model.md §1.1); a page's own request ids may be a little longer.
pub const MAX_ECHOED_ID: usize = 200;

/// What a message asks for: the same calls as `window.topolab`.
#[derive(Clone, Debug, PartialEq)]
pub enum Call {
    /// Kill instance `index` of node `id`.
    Kill { id: String, index: u32 },
    /// Revive instance `index` of node `id`.
    Revive { id: String, index: u32 },
    /// Open `document`, a `topolab/1` document as JSON text.
    Load { document: String },
    /// The current document.
    Document,
    /// The analysis, as `topolab analyze` prints it.
    Analysis,
    /// The goals judged and the warnings, as `topolab check` prints them.
    Check,
    /// The advice, as `topolab advise` prints it: `goals` a list of `{function,
    /// min}` replacing the document's availability goals, or null; checked by
    /// the call itself.
    Advise { goals: Value },
    /// Apply the option named `name` of the last advice.
    ApplyAdvice { name: String },
    /// Take zone `id` down (`down: true`) or bring it back up.
    SetZone { id: String, down: bool },
    /// The headless traffic simulation (docs/spec/app.md `simulate`): `options` is the
    /// `{seconds, seed, chaos}` object (absent: the defaults), checked by
    /// the call itself.
    Simulate { options: Value },
}

/// A message addressed to Topolab.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// The `topolab` field when it is a string: the reply names the same call.
    pub name: Option<String>,
    /// The `id` field, echoed in the reply (a string of at most
    /// [`MAX_ECHOED_ID`] characters, or a number).
    pub echo: Option<Value>,
    /// The call, or what is wrong with the message.
    pub call: Result<Call, String>,
}

/// The message as a request, or `None` when it is not addressed to Topolab
/// (not an object, or no `topolab` field): other scripts of a page post their
/// own messages, and those get no reply.
pub fn read_request(message: &Value) -> Option<Request> {
    let fields = message.as_object()?;
    let name_field = fields.get("topolab")?;
    let name = name_field.as_str().map(str::to_string);
    let echo = fields.get("id").filter(|id| match id {
        Value::String(s) => s.chars().count() <= MAX_ECHOED_ID,
        Value::Number(_) => true,
        _ => false,
    });
    let call = match name.as_deref() {
        Some(name) => read_call(name, fields),
        None => Err(format!(
            "topolab must be the name of a call ({}), not {}",
            CALLS.join(", "),
            kind_of(name_field)
        )),
    };
    Some(Request {
        name,
        echo: echo.cloned(),
        call,
    })
}

fn read_call(name: &str, fields: &Map<String, Value>) -> Result<Call, String> {
    match name {
        "kill" => {
            let (id, index) = instance(fields)?;
            Ok(Call::Kill { id, index })
        }
        "revive" => {
            let (id, index) = instance(fields)?;
            Ok(Call::Revive { id, index })
        }
        "load" => match fields.get("document") {
            Some(Value::String(text)) => Ok(Call::Load {
                document: text.clone(),
            }),
            Some(doc @ Value::Object(_)) => Ok(Call::Load {
                document: doc.to_string(),
            }),
            Some(other) => Err(format!(
                "document must be a topolab/1 document (an object or its JSON text), not {}",
                kind_of(other)
            )),
            None => Err(
                "load needs a document: a topolab/1 document (an object or its JSON text)".into(),
            ),
        },
        "document" => Ok(Call::Document),
        "analysis" => Ok(Call::Analysis),
        "check" => Ok(Call::Check),
        "advise" => Ok(Call::Advise {
            goals: fields.get("goals").cloned().unwrap_or(Value::Null),
        }),
        "killZone" | "reviveZone" => match fields.get("id") {
            Some(Value::String(id)) => Ok(Call::SetZone {
                id: id.clone(),
                down: name == "killZone",
            }),
            _ => Err(format!("{name} needs id: a zone's id (a string)")),
        },
        "applyAdvice" => match fields.get("name") {
            Some(Value::String(name)) => Ok(Call::ApplyAdvice { name: name.clone() }),
            _ => Err("applyAdvice needs name: the name of an option of the last advice (cheapest, fewest_nodes)".into()),
        },
        "simulate" => match fields.get("options") {
            None | Some(Value::Null) => Ok(Call::Simulate {
                options: Value::Object(Map::new()),
            }),
            Some(options @ Value::Object(_)) => Ok(Call::Simulate {
                options: options.clone(),
            }),
            Some(other) => Err(format!(
                "options must be an object such as {{seconds, seed, chaos}}, not {}",
                kind_of(other)
            )),
        },
        other => Err(format!(
            "unknown call {:?}: the calls are {}",
            shorten(other),
            CALLS.join(", ")
        )),
    }
}

/// The `id` and `index` fields of `kill` and `revive`.
fn instance(fields: &Map<String, Value>) -> Result<(String, u32), String> {
    let id = match fields.get("id") {
        Some(Value::String(id)) if is_node_id(id) => id.clone(),
        Some(Value::String(_)) => {
            return Err("id must be a node id: 1 to 64 characters of A-Z a-z 0-9 _ - .".into())
        }
        Some(other) => {
            return Err(format!(
                "id must be a node id (a string), not {}",
                kind_of(other)
            ))
        }
        None => return Err("id is missing: the node's id".into()),
    };
    let index = match fields.get("index") {
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|i| u32::try_from(i).ok())
            .ok_or_else(|| format!("index must be a whole number from 0, not {n}"))?,
        Some(other) => {
            return Err(format!(
                "index must be a whole number from 0, not {}",
                kind_of(other)
            ))
        }
        None => return Err("index is missing: the instance's number, from 0".into()),
    };
    Ok((id, index))
}

/// A node id as docs/spec/model.md §1.1 allows it.
fn is_node_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// What a value is, for an error message ("a string", "null").
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// At most 40 characters of a text quoted in an error.
fn shorten(text: &str) -> String {
    if text.chars().count() <= 40 {
        text.to_string()
    } else {
        text.chars().take(39).chain(['…']).collect()
    }
}

/// The answer to `request`: `{topolab, ok: true, result}` or
/// `{topolab, ok: false, error}`, with the request's `id` when it had one.
pub fn reply(request: &Request, outcome: Result<Value, String>) -> Value {
    let mut out = Map::new();
    out.insert(
        "topolab".into(),
        request.name.clone().map_or(Value::Null, Value::String),
    );
    match outcome {
        Ok(result) => {
            out.insert("ok".into(), Value::Bool(true));
            out.insert("result".into(), result);
        }
        Err(error) => {
            out.insert("ok".into(), Value::Bool(false));
            out.insert("error".into(), Value::String(error));
        }
    }
    if let Some(id) = &request.echo {
        out.insert("id".into(), id.clone());
    }
    Value::Object(out)
}

/// What the app posts to the embedding page once it listens:
/// `{topolab: "ready", ok: true, result: {calls, readonly}}`.
pub fn ready(readonly: bool) -> Value {
    serde_json::json!({
        "topolab": "ready",
        "ok": true,
        "result": { "calls": CALLS, "readonly": readonly },
    })
}
