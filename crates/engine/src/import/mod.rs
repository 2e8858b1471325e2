//! Importers: a docker-compose file, Kubernetes manifests or an
//! OpenTelemetry/Jaeger dependency list turned into a valid `topolab/1`
//! [`Document`] laid out by [`crate::layout`].
//!
//! Every guess an importer makes (a kind from an image name, a link from an
//! environment variable) and everything it could not understand is returned as
//! a [`Note`] naming its place, its facts a [`NoteKind`] worded in English and in
//! Chinese: nothing is dropped silently. Malformed text is
//! an [`ImportError`] with its line.
//!
//! Hostile input is bounded: the text's size ([`MAX_TEXT`]), the YAML reader's
//! own nesting and alias-expansion limits, and the document's limits
//! (docs/spec/model.md §1.4), which the [`builder`] enforces with a note.

mod builder;
pub mod compose;
mod guess;
pub mod k8s;
mod note;
pub mod otel;
mod spread;
pub mod yaml;

use std::fmt;

use super::document::Document;
use super::parse::parse_document;
use super::validate::Problem;

pub use builder::Builder;
pub use guess::kind_from_image;
pub use note::{Note, NoteKind};

/// The largest text an importer reads: 4 MiB, far above any real manifest.
pub const MAX_TEXT: usize = 4 * 1024 * 1024;

/// What a text is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A `docker-compose.yml` (a `services:` mapping).
    Compose,
    /// One or more Kubernetes manifests (`apiVersion:` and `kind:`).
    Kubernetes,
    /// An OpenTelemetry/Jaeger dependency list: `[{parent, child, callCount}]`.
    Otel,
    /// A `topolab/1` document, read as it is.
    Topolab,
}

impl Format {
    /// The name used on the command line: `compose`, `k8s`, `otel`, `topolab`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Compose => "compose",
            Format::Kubernetes => "k8s",
            Format::Otel => "otel",
            Format::Topolab => "topolab",
        }
    }

    /// The format named `name` on the command line.
    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "compose" | "docker-compose" => Some(Format::Compose),
            "k8s" | "kubernetes" => Some(Format::Kubernetes),
            "otel" | "jaeger" => Some(Format::Otel),
            "topolab" | "json" => Some(Format::Topolab),
            _ => None,
        }
    }
}

/// A text turned into a diagram, with what was guessed on the way.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// A valid `topolab/1` document, laid out.
    pub document: Document,
    /// Guesses and what could not be understood, in the order found.
    pub notes: Vec<Note>,
}

/// Why a text could not be imported at all.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// The text is not well-formed YAML or JSON; `line` is 1-based when known.
    Syntax {
        line: Option<usize>,
        message: String,
    },
    /// Well-formed, but not the expected shape (e.g. `services` is a list).
    Shape { place: String, message: String },
    /// No importer recognises the text.
    Unrecognised,
    /// More than [`MAX_TEXT`] bytes.
    TooLarge(usize),
    /// Read as a `topolab/1` document, which has these problems.
    Invalid(Vec<Problem>),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Syntax {
                line: Some(line),
                message,
            } => write!(f, "line {line}: {message}"),
            ImportError::Syntax {
                line: None,
                message,
            } => write!(f, "{message}"),
            ImportError::Shape { place, message } if place.is_empty() => write!(f, "{message}"),
            ImportError::Shape { place, message } => write!(f, "{place}: {message}"),
            ImportError::Unrecognised => write!(
                f,
                "not a format Topolab imports: expected a docker-compose file (services:), \
                 Kubernetes manifests (apiVersion: and kind:), an OpenTelemetry dependency \
                 list ([{{\"parent\", \"child\", \"callCount\"}}]) or a topolab/1 document"
            ),
            ImportError::TooLarge(n) => {
                write!(f, "the text is {n} bytes; at most {MAX_TEXT} are imported")
            }
            ImportError::Invalid(problems) => {
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ImportError {}

impl ImportError {
    /// A shape error at `place`.
    pub(crate) fn shape(place: impl Into<String>, message: impl Into<String>) -> ImportError {
        ImportError::Shape {
            place: place.into(),
            message: message.into(),
        }
    }
}

/// Which format `text` is written in, from its first significant characters and
/// top-level keys; `None` when it looks like none of them. A JSON object is
/// Kubernetes (`kubectl get -o json`: `apiVersion` and `kind`, or `items`), a
/// compose file (`docker compose config --format json`: `services`), Jaeger's
/// API answer (`data`), else a `topolab/1` document.
pub fn detect(text: &str) -> Option<Format> {
    let trimmed = without_bom(text).trim_start();
    if trimmed.starts_with('[') {
        return Some(Format::Otel);
    }
    if trimmed.starts_with('{') {
        return Some(detect_json(trimmed));
    }
    let mut api_version = false;
    let mut kind = false;
    for line in trimmed.lines() {
        let line = line.trim_end();
        if line.starts_with("services:") {
            return Some(Format::Compose);
        }
        let inner = line.trim_start().trim_start_matches("- ");
        api_version |= inner.starts_with("apiVersion:");
        kind |= inner.starts_with("kind:");
    }
    (api_version && kind).then_some(Format::Kubernetes)
}

/// The format of a JSON object, by its top-level keys (read whole when it
/// parses, else guessed from its head).
fn detect_json(text: &str) -> Format {
    let keys: Vec<String> = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(o)) => o.keys().cloned().collect(),
        _ => {
            // Malformed: let the reader most likely meant say where.
            let head: String = text.chars().take(4096).collect();
            ["format", "services", "apiVersion", "kind", "items", "data"]
                .iter()
                .filter(|k| head.contains(&format!("\"{k}\"")))
                .map(|k| k.to_string())
                .collect()
        }
    };
    let has = |k: &str| keys.iter().any(|key| key == k);
    if has("format") {
        Format::Topolab
    } else if has("services") && !has("nodes") {
        Format::Compose
    } else if (has("apiVersion") && has("kind")) || (has("items") && has("kind")) {
        Format::Kubernetes
    } else if has("data") && !has("nodes") {
        Format::Otel
    } else {
        Format::Topolab
    }
}

/// `text` without a UTF-8 byte order mark at its start.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The line of an unrendered Helm template's first `{{ ... }}` naming what
/// only Helm provides (`.Values`, `.Release`, `.Chart`, `.Capabilities`,
/// `include`, `toYaml`), if any: such a text must be rendered first. Other
/// Go templates (an alerting template in a ConfigMap) are data.
fn helm_template_line(text: &str) -> Option<usize> {
    const HELM: [&str; 6] = [
        ".Values",
        ".Release",
        ".Chart",
        ".Capabilities",
        "include \"",
        "toYaml",
    ];
    text.lines()
        .position(|line| {
            !line.trim_start().starts_with('#')
                && line.split("{{").skip(1).any(|after| {
                    let inner = after.trim_start_matches('-').trim_start();
                    HELM.iter().any(|w| inner.starts_with(w))
                })
        })
        .map(|i| i + 1)
}

/// `text` imported as `format`, or as the format [`detect`] finds.
pub fn import(text: &str, format: Option<Format>) -> Result<Imported, ImportError> {
    if text.len() > MAX_TEXT {
        return Err(ImportError::TooLarge(text.len()));
    }
    let text = without_bom(text);
    let json = text.trim_start().starts_with(['{', '[']);
    if !json {
        if let Some(line) = helm_template_line(text) {
            return Err(ImportError::Syntax {
                line: Some(line),
                message: "an unrendered Helm template (`{{ ... }}`): render it first with \
                          `helm template RELEASE CHART > manifests.yaml` and import the output"
                    .into(),
            });
        }
    }
    let format = match format {
        Some(f) => f,
        None => detect(text).ok_or(ImportError::Unrecognised)?,
    };
    match format {
        Format::Compose => compose::import(text),
        Format::Kubernetes => k8s::import(text),
        Format::Otel => otel::import(text),
        Format::Topolab => parse_document(text)
            .map(|document| Imported {
                document,
                notes: Vec::new(),
            })
            .map_err(ImportError::Invalid),
    }
}

/// YAML text as its documents, each a value with merge keys (`<<`) applied.
pub(crate) fn yaml_documents(text: &str) -> Result<Vec<yaml::Value>, ImportError> {
    if text.len() > MAX_TEXT {
        return Err(ImportError::TooLarge(text.len()));
    }
    let text = without_bom(text);
    if text.trim_start().starts_with('{') {
        // JSON (`kubectl get -o json`, `docker compose config --format json`)
        // is read by serde_json: YAML's flow style, but far faster to read so.
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
            return Ok(vec![yaml::Value::from(value)]);
        }
    }
    check_flow_depth(text)?;
    yaml::parse(text)
}

/// The most `[` and `{` a YAML text may leave open at once, checked before
/// reading (with the line where the limit is passed); the reader ([`yaml`])
/// refuses the same depth of block and flow collections together.
pub const MAX_FLOW_DEPTH: usize = 128;

/// Refuses a text opening more than [`MAX_FLOW_DEPTH`] flow collections at
/// once, counting brackets outside quotes and comments (an estimate: a bracket
/// in a plain scalar counts too, which no real file has 128 of).
fn check_flow_depth(text: &str) -> Result<(), ImportError> {
    let mut depth = 0usize;
    for (i, line) in text.lines().enumerate() {
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        for c in line.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') if previous.is_whitespace() => break,
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Err(ImportError::Syntax {
                            line: Some(i + 1),
                            message: format!(
                                "more than {MAX_FLOW_DEPTH} nested [ ] or {{ }}; not read"
                            ),
                        });
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            previous = c;
        }
    }
    Ok(())
}
