//! A small YAML reader for what docker-compose files and Kubernetes manifests
//! contain, in place of a general-purpose YAML library (the single
//! file's size).
//!
//! It reads block mappings and sequences by indentation (a sequence may sit at
//! its key's indentation), plain scalars typed by the YAML 1.2 core schema,
//! single- and double-quoted scalars, block scalars (`|`, `>`, chomping and
//! explicit indentation), flow collections, several documents (`---`, `...`),
//! directives (skipped), tags (accepted; `!!str` keeps a scalar a string),
//! anchors, aliases and merge keys (`<<`). Complex keys (`? `) are refused.
//!
//! Hostile text is bounded: nesting deeper than [`MAX_DEPTH`], aliases
//! expanding to more than [`MAX_ALIAS_NODES`] values. Every error is an
//! [`ImportError::Syntax`] naming its line; no input makes it panic.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::{ImportError, MAX_FLOW_DEPTH};

/// The most collections nested in one another (block and flow together).
pub const MAX_DEPTH: usize = MAX_FLOW_DEPTH;
/// The most values aliases may copy in one text (a billion-laughs bound).
pub const MAX_ALIAS_NODES: usize = 100_000;

/// A YAML value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Sequence(Vec<Value>),
    Mapping(Mapping),
}

/// A YAML number: an integer or a float.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Int(i64),
    /// An integer above `i64::MAX`.
    UInt(u64),
    Float(f64),
}

impl Number {
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Number::Int(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Number::Int(n) => u64::try_from(n).ok(),
            Number::UInt(n) => Some(n),
            Number::Float(_) => None,
        }
    }

    pub fn as_f64(&self) -> f64 {
        match *self {
            Number::Int(n) => n as f64,
            Number::UInt(n) => n as f64,
            Number::Float(f) => f,
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Number::Int(n) => write!(f, "{n}"),
            Number::UInt(n) => write!(f, "{n}"),
            Number::Float(x) if x.is_nan() => f.write_str(".nan"),
            Number::Float(x) if x.is_infinite() => {
                f.write_str(if x > 0.0 { ".inf" } else { "-.inf" })
            }
            Number::Float(x) => {
                let s = x.to_string();
                if s.contains(['.', 'e']) {
                    f.write_str(&s)
                } else {
                    write!(f, "{s}.0")
                }
            }
        }
    }
}

/// A YAML mapping, in the order its keys were written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mapping {
    entries: Vec<(Value, Value)>,
}

/// What a mapping can be looked up by: a `str`, a `String` or a [`Value`].
pub trait Key {
    fn is_key(&self, key: &Value) -> bool;
}

impl Key for str {
    fn is_key(&self, key: &Value) -> bool {
        matches!(key, Value::String(s) if s == self)
    }
}

impl Key for String {
    fn is_key(&self, key: &Value) -> bool {
        self.as_str().is_key(key)
    }
}

impl Key for Value {
    fn is_key(&self, key: &Value) -> bool {
        key == self
    }
}

impl Mapping {
    /// The value of `key`.
    pub fn get<K: Key + ?Sized>(&self, key: &K) -> Option<&Value> {
        self.entries
            .iter()
            .find(|(k, _)| key.is_key(k))
            .map(|(_, v)| v)
    }

    pub fn contains_key<K: Key + ?Sized>(&self, key: &K) -> bool {
        self.get(key).is_some()
    }

    pub fn keys(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl From<serde_json::Value> for Value {
    /// A JSON value read as the YAML it also is (JSON is YAML's flow style).
    fn from(json: serde_json::Value) -> Value {
        use serde_json::Value as J;
        match json {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(b),
            J::Number(n) => Value::Number(match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => Number::Int(i),
                (None, Some(u)) => Number::UInt(u),
                _ => Number::Float(n.as_f64().unwrap_or(f64::NAN)),
            }),
            J::String(s) => Value::String(s),
            J::Array(items) => Value::Sequence(items.into_iter().map(Value::from).collect()),
            J::Object(map) => Value::Mapping(Mapping {
                entries: map
                    .into_iter()
                    .map(|(k, v)| (Value::String(k), Value::from(v)))
                    .collect(),
            }),
        }
    }
}

impl Value {
    /// The value of `key` when this is a mapping.
    pub fn get<K: Key + ?Sized>(&self, key: &K) -> Option<&Value> {
        self.as_mapping()?.get(key)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_mapping(&self) -> bool {
        matches!(self, Value::Mapping(_))
    }

    pub fn is_sequence(&self) -> bool {
        matches!(self, Value::Sequence(_))
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n.as_f64()),
            _ => None,
        }
    }

    pub fn as_sequence(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Sequence(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_mapping(&self) -> Option<&Mapping> {
        match self {
            Value::Mapping(m) => Some(m),
            _ => None,
        }
    }

    /// How many values this holds, itself included.
    fn count(&self) -> usize {
        match self {
            Value::Sequence(s) => s.iter().map(Value::count).fold(1, usize::saturating_add),
            Value::Mapping(m) => m
                .entries
                .iter()
                .map(|(k, v)| k.count().saturating_add(v.count()))
                .fold(1, usize::saturating_add),
            _ => 1,
        }
    }

    /// How deep this nests: 1 for a scalar.
    fn height(&self) -> usize {
        match self {
            Value::Sequence(s) => 1 + s.iter().map(Value::height).max().unwrap_or(0),
            Value::Mapping(m) => {
                1 + m
                    .entries
                    .iter()
                    .map(|(k, v)| k.height().max(v.height()))
                    .max()
                    .unwrap_or(0)
            }
            _ => 1,
        }
    }
}

/// The documents of a YAML text, merge keys applied.
pub fn parse(text: &str) -> Result<Vec<Value>, ImportError> {
    let owned;
    let text = if text.contains('\r') {
        owned = text.replace("\r\n", "\n").replace('\r', "\n");
        owned.as_str()
    } else {
        text
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut line = 1;
    for c in text.bytes() {
        if c == b'\n' {
            line += 1;
        } else if c < 0x20 && c != b'\t' {
            return Err(ImportError::Syntax {
                line: Some(line),
                message: format!("a control character (U+{c:04X}) is not allowed in YAML"),
            });
        }
    }
    Parser {
        s: text,
        b: text.as_bytes(),
        pos: 0,
        scanned: 0,
        line_start: 0,
        depth: 0,
        expanded: 0,
        anchors: HashMap::new(),
    }
    .documents()
}

type R<T> = Result<T, ImportError>;

struct Anchor {
    value: Value,
    nodes: usize,
    height: usize,
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    /// How far `line_start` has been brought up to date.
    scanned: usize,
    line_start: usize,
    depth: usize,
    expanded: usize,
    anchors: HashMap<String, Anchor>,
}

/// A scalar or collection read on one line, before knowing whether it is a key.
enum Item {
    Plain(String),
    Done(Value),
}

/// Properties: an anchor and whether the tag says `str`.
struct Props {
    anchor: Option<String>,
    tagged: bool,
    str_tag: bool,
}

fn ws_or_end(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0)
}

fn flow_indicator(c: u8) -> bool {
    matches!(c, b',' | b'[' | b']' | b'{' | b'}')
}

impl<'a> Parser<'a> {
    // --- positions ---------------------------------------------------------

    /// The byte at `pos + off`; 0 past the end (the text has no NUL).
    fn peek_at(&self, off: usize) -> u8 {
        self.b.get(self.pos + off).copied().unwrap_or(0)
    }

    fn peek(&self) -> u8 {
        self.peek_at(0)
    }

    fn eof(&self) -> bool {
        self.pos >= self.b.len()
    }

    /// The column of `pos` (bytes from the line's start).
    fn col(&mut self) -> usize {
        if self.pos > self.scanned {
            if let Some(seen) = self.b.get(self.scanned..self.pos) {
                if let Some(i) = seen.iter().rposition(|&c| c == b'\n') {
                    self.line_start = self.scanned + i + 1;
                }
            }
            self.scanned = self.pos;
        }
        self.pos.saturating_sub(self.line_start)
    }

    fn err(&self, pos: usize, message: impl Into<String>) -> ImportError {
        let before = self.b.get(..pos).unwrap_or(self.b);
        ImportError::Syntax {
            line: Some(1 + before.iter().filter(|&&c| c == b'\n').count()),
            message: message.into(),
        }
    }

    fn enter(&mut self) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(
                self.pos,
                format!("more than {MAX_DEPTH} nested collections; not read"),
            ));
        }
        Ok(())
    }

    fn skip_inline(&mut self) {
        while matches!(self.peek(), b' ' | b'\t') {
            self.pos += 1;
        }
    }

    fn skip_line(&mut self) {
        while !matches!(self.peek(), b'\n' | 0) {
            self.pos += 1;
        }
    }

    /// Past spaces, comments and line breaks to the next content (or the end);
    /// refuses a line indented with a tab.
    fn skip_to_content(&mut self) -> R<()> {
        let mut fresh = self.pos == 0 || self.b.get(self.pos - 1) == Some(&b'\n');
        let mut tab = false;
        loop {
            match self.peek() {
                b' ' => self.pos += 1,
                b'\t' => {
                    tab |= fresh;
                    self.pos += 1;
                }
                b'#' => self.skip_line(),
                b'\n' => {
                    self.pos += 1;
                    fresh = true;
                    tab = false;
                }
                _ => {
                    if fresh && tab && !self.eof() {
                        return Err(self.err(
                            self.pos,
                            "a tab character indents this line; YAML indents with spaces",
                        ));
                    }
                    return Ok(());
                }
            }
        }
    }

    /// Whether `pos` starts the line with `---` or `...` (given) then a space or the end.
    fn at_marker_of(&mut self, marker: &[u8]) -> bool {
        self.col() == 0
            && self.b.get(self.pos..self.pos + 3) == Some(marker)
            && ws_or_end(self.peek_at(3))
    }

    fn at_marker(&mut self) -> bool {
        self.at_marker_of(b"---") || self.at_marker_of(b"...")
    }

    fn at_dash(&self) -> bool {
        self.peek() == b'-' && ws_or_end(self.peek_at(1))
    }

    /// After a value: only a comment may follow on its line.
    fn end_of_line(&mut self) -> R<()> {
        self.skip_inline();
        match self.peek() {
            b'#' | b'\n' | 0 => Ok(()),
            b':' => Err(self.err(
                self.pos,
                "a `:` here would start a mapping where one cannot be (quote the value?)",
            )),
            _ => Err(self.err(self.pos, "unexpected text after a value")),
        }
    }

    // --- documents ---------------------------------------------------------

    fn documents(&mut self) -> R<Vec<Value>> {
        let mut docs = Vec::new();
        loop {
            self.skip_to_content()?;
            if self.eof() {
                break;
            }
            if self.col() == 0 && self.peek() == b'%' {
                self.skip_line();
                continue;
            }
            if self.at_marker_of(b"...") {
                self.pos += 3;
                self.end_of_line()?;
                continue;
            }
            self.anchors.clear();
            if self.at_marker_of(b"---") {
                self.pos += 3;
                self.skip_inline();
                if matches!(self.peek(), b'#' | b'\n' | 0) {
                    self.skip_to_content()?;
                }
            }
            let root = if self.eof() || self.at_marker() {
                Value::Null
            } else {
                self.node(-1, false, false)?
            };
            docs.push(root);
            self.skip_to_content()?;
            if self.at_marker_of(b"...") {
                self.pos += 3;
                self.end_of_line()?;
            } else if !self.eof() && !self.at_marker_of(b"---") {
                return Err(self.err(
                    self.pos,
                    "unexpected text after the document (bad indentation? a new document starts with ---)",
                ));
            }
        }
        Ok(docs)
    }

    // --- block structure ---------------------------------------------------

    /// A node starting at `pos` (its first character), inside a block whose
    /// indentation is `parent`. `inline`: on the line of a mapping key, where
    /// no block collection may start. `seq_at_parent`: a sequence at the
    /// parent's indentation belongs here (a mapping's value).
    fn node(&mut self, parent: isize, inline: bool, seq_at_parent: bool) -> R<Value> {
        self.enter()?;
        let value = self.node_inner(parent, inline, seq_at_parent);
        self.depth -= 1;
        value
    }

    fn node_inner(&mut self, parent: isize, inline: bool, seq_at_parent: bool) -> R<Value> {
        let col = self.col();
        let props = self.properties()?;
        if (props.tagged || props.anchor.is_some()) && matches!(self.peek(), b'#' | b'\n' | 0) {
            // The node itself is on the following lines.
            self.skip_to_content()?;
            let c = self.col() as isize;
            let value = if self.eof() || self.at_marker() {
                Value::Null
            } else if c > parent || (c == parent && seq_at_parent && self.at_dash()) {
                self.node(parent, false, seq_at_parent)?
            } else {
                Value::Null
            };
            return self.define(props.anchor, value);
        }
        match self.peek() {
            b'-' if ws_or_end(self.peek_at(1)) => {
                if inline {
                    return Err(
                        self.err(self.pos, "a block sequence cannot start on its key's line")
                    );
                }
                let c = self.col();
                let value = self.block_sequence(c)?;
                return self.define(props.anchor, value);
            }
            b'|' | b'>' => {
                let value = Value::String(self.block_scalar(parent)?);
                return self.define(props.anchor, value);
            }
            b'?' if ws_or_end(self.peek_at(1)) => {
                return Err(self.err(self.pos, "complex mapping keys (`? `) are not read"));
            }
            _ => {}
        }
        let key_pos = self.pos;
        let item = self.item()?;
        self.skip_inline();
        if self.peek() == b':' && ws_or_end(self.peek_at(1)) {
            if inline {
                return Err(self.err(
                    self.pos,
                    "a mapping cannot start on its key's line (`key: a: b`; quote the value?)",
                ));
            }
            let (key, merge) = match item {
                Item::Plain(s) => (resolve(&s, props.str_tag), s == "<<"),
                Item::Done(v) => (v, false),
            };
            let key = self.define(props.anchor, key)?;
            return self.block_mapping(col, key, merge, key_pos);
        }
        let value = match item {
            Item::Plain(first) => {
                let text = self.plain_lines(first, parent);
                resolve(&text, props.str_tag)
            }
            Item::Done(v) => v,
        };
        self.end_of_line()?;
        self.define(props.anchor, value)
    }

    /// A scalar, flow collection or alias on one line (a plain scalar's first line).
    fn item(&mut self) -> R<Item> {
        Ok(match self.peek() {
            b'[' | b'{' => Item::Done(self.flow_node()?),
            b'"' => Item::Done(Value::String(self.double_quoted()?)),
            b'\'' => Item::Done(Value::String(self.single_quoted()?)),
            b'*' => Item::Done(self.alias()?),
            _ => Item::Plain(self.plain_segment(false).to_string()),
        })
    }

    fn block_mapping(&mut self, col: usize, key: Value, merge: bool, key_pos: usize) -> R<Value> {
        let mut map = MapBuilder::default();
        let (mut key, mut merge, mut key_pos) = (key, merge, key_pos);
        loop {
            // At the `:` after the key.
            self.pos += 1;
            let value = self.block_value(col)?;
            map.insert(key, value, merge, key_pos)
                .map_err(|m| self.err(key_pos, m))?;
            self.skip_to_content()?;
            if self.eof() || self.at_marker() {
                break;
            }
            let c = self.col();
            if c < col {
                break;
            }
            if c > col {
                return Err(self.err(
                    self.pos,
                    "bad indentation: this line is deeper than the mapping's keys above it",
                ));
            }
            key_pos = self.pos;
            (key, merge) = self.block_key()?;
        }
        map.finish()
            .map(Value::Mapping)
            .map_err(|(pos, m)| self.err(pos, m))
    }

    /// A mapping key at the start of a line, up to its `:`.
    fn block_key(&mut self) -> R<(Value, bool)> {
        let props = self.properties()?;
        let item = match self.peek() {
            b'-' if ws_or_end(self.peek_at(1)) => {
                return Err(self.err(
                    self.pos,
                    "a `- ` item where a mapping key was expected (bad indentation?)",
                ))
            }
            b'?' if ws_or_end(self.peek_at(1)) => {
                return Err(self.err(self.pos, "complex mapping keys (`? `) are not read"))
            }
            _ => self.item()?,
        };
        self.skip_inline();
        if !(self.peek() == b':' && ws_or_end(self.peek_at(1))) {
            return Err(self.err(self.pos, "expected `key: value` (no `:` after the key)"));
        }
        let (key, merge) = match item {
            Item::Plain(s) => (resolve(&s, props.str_tag), s == "<<"),
            Item::Done(v) => (v, false),
        };
        Ok((self.define(props.anchor, key)?, merge))
    }

    /// A mapping's value, after its `:`; `col` is the mapping's indentation.
    fn block_value(&mut self, col: usize) -> R<Value> {
        self.skip_inline();
        if matches!(self.peek(), b'#' | b'\n' | 0) {
            self.skip_to_content()?;
            if self.eof() || self.at_marker() {
                return Ok(Value::Null);
            }
            let c = self.col();
            if c > col || (c == col && self.at_dash()) {
                return self.node(col as isize, false, true);
            }
            return Ok(Value::Null);
        }
        self.node(col as isize, true, true)
    }

    fn block_sequence(&mut self, col: usize) -> R<Value> {
        let mut items = Vec::new();
        loop {
            // At the `-`.
            self.pos += 1;
            self.skip_inline();
            let item = if matches!(self.peek(), b'#' | b'\n' | 0) {
                self.skip_to_content()?;
                if self.eof() || self.at_marker() || self.col() <= col {
                    Value::Null
                } else {
                    self.node(col as isize, false, false)?
                }
            } else {
                self.node(col as isize, false, false)?
            };
            items.push(item);
            self.skip_to_content()?;
            if self.eof() || self.at_marker() {
                break;
            }
            let c = self.col();
            if c < col || (c == col && !self.at_dash()) {
                break;
            }
            if c > col {
                return Err(self.err(
                    self.pos,
                    "bad indentation: this line is deeper than the list's `- ` items above it",
                ));
            }
        }
        Ok(Value::Sequence(items))
    }

    // --- scalars -----------------------------------------------------------

    /// A plain scalar's text on the current line.
    fn plain_segment(&mut self, flow: bool) -> &'a str {
        let start = self.pos;
        loop {
            match self.peek() {
                0 | b'\n' => break,
                b':' if {
                    let n = self.peek_at(1);
                    ws_or_end(n) || (flow && flow_indicator(n))
                } =>
                {
                    break
                }
                b'#' if self.pos > start
                    && matches!(self.b.get(self.pos - 1), Some(b' ' | b'\t')) =>
                {
                    break
                }
                c if flow && flow_indicator(c) => break,
                _ => self.pos += 1,
            }
        }
        self.s
            .get(start..self.pos)
            .unwrap_or("")
            .trim_end_matches([' ', '\t'])
    }

    /// A block plain scalar continued on the lines below, more indented than
    /// `parent`, folded (a line break a space, a blank line a line break).
    fn plain_lines(&mut self, first: String, parent: isize) -> String {
        let mut text = first;
        while self.peek() == b'\n' {
            let mut p = self.pos;
            let mut breaks = 0;
            let next = loop {
                p += 1;
                breaks += 1;
                let line_start = p;
                while self.b.get(p) == Some(&b' ') {
                    p += 1;
                }
                let indent = (p - line_start) as isize;
                while matches!(self.b.get(p), Some(b' ' | b'\t')) {
                    p += 1;
                }
                match self.b.get(p) {
                    None | Some(b'#') => break None,
                    Some(b'\n') => continue,
                    Some(_) => {
                        let marker = self.b.get(line_start..line_start + 3);
                        let at_marker = indent == 0
                            && matches!(marker, Some(b"---" | b"..."))
                            && ws_or_end(self.b.get(line_start + 3).copied().unwrap_or(0));
                        if indent <= parent || at_marker {
                            break None;
                        }
                        break Some(p);
                    }
                }
            };
            let Some(p) = next else { break };
            self.pos = p;
            fold(&mut text, breaks);
            text.push_str(self.plain_segment(false));
        }
        text
    }

    fn flow_plain(&mut self) -> String {
        let mut text = self.plain_segment(true).to_string();
        while self.peek() == b'\n' {
            let mut p = self.pos;
            let mut breaks = 0;
            while self.b.get(p) == Some(&b'\n') {
                p += 1;
                breaks += 1;
                while matches!(self.b.get(p), Some(b' ' | b'\t')) {
                    p += 1;
                }
            }
            let c = self.b.get(p).copied().unwrap_or(0);
            let n = self.b.get(p + 1).copied().unwrap_or(0);
            if c == 0
                || c == b'#'
                || flow_indicator(c)
                || (c == b':' && (ws_or_end(n) || flow_indicator(n)))
            {
                break;
            }
            self.pos = p;
            fold(&mut text, breaks);
            text.push_str(self.plain_segment(true));
        }
        text
    }

    /// The line breaks inside a quoted scalar folded, from a `\n`; `keep` is
    /// how much of `out` is not trailing white space.
    fn quoted_break(&mut self, out: &mut String, keep: usize) {
        out.truncate(keep);
        let mut breaks = 0;
        while self.peek() == b'\n' {
            self.pos += 1;
            breaks += 1;
            self.skip_inline();
        }
        fold(out, breaks);
    }

    fn next_char(&mut self, out: &mut String) {
        match self.s.get(self.pos..).and_then(|r| r.chars().next()) {
            Some(c) => {
                out.push(c);
                self.pos += c.len_utf8();
            }
            None => self.pos += 1,
        }
    }

    fn single_quoted(&mut self) -> R<String> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut keep = 0;
        loop {
            match self.peek() {
                0 => return Err(self.err(open, "a '-quoted string starting here is never closed")),
                b'\'' if self.peek_at(1) == b'\'' => {
                    out.push('\'');
                    self.pos += 2;
                    keep = out.len();
                }
                b'\'' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\n' => {
                    self.quoted_break(&mut out, keep);
                    keep = out.len();
                }
                b' ' | b'\t' => self.next_char(&mut out),
                _ => {
                    self.next_char(&mut out);
                    keep = out.len();
                }
            }
        }
    }

    fn double_quoted(&mut self) -> R<String> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut keep = 0;
        loop {
            match self.peek() {
                0 => return Err(self.err(open, "a \"-quoted string starting here is never closed")),
                b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    let at = self.pos;
                    let e = self.peek_at(1);
                    self.pos += 2;
                    let c = match e {
                        b'0' => '\0',
                        b'a' => '\u{7}',
                        b'b' => '\u{8}',
                        b't' | b'\t' => '\t',
                        b'n' => '\n',
                        b'v' => '\u{b}',
                        b'f' => '\u{c}',
                        b'r' => '\r',
                        b'e' => '\u{1b}',
                        b' ' => ' ',
                        b'"' => '"',
                        b'/' => '/',
                        b'\\' => '\\',
                        b'N' => '\u{85}',
                        b'_' => '\u{a0}',
                        b'L' => '\u{2028}',
                        b'P' => '\u{2029}',
                        b'x' => self.hex_escape(at, 2)?,
                        b'u' => self.hex_escape(at, 4)?,
                        b'U' => self.hex_escape(at, 8)?,
                        b'\n' => {
                            // An escaped line break: the lines join with nothing between.
                            self.skip_inline();
                            keep = out.len();
                            continue;
                        }
                        0 => {
                            return Err(
                                self.err(open, "a \"-quoted string starting here is never closed")
                            )
                        }
                        _ => {
                            let shown = self
                                .s
                                .get(at + 1..)
                                .and_then(|r| r.chars().next())
                                .unwrap_or('?');
                            return Err(self.err(at, format!("unknown escape \\{shown}")));
                        }
                    };
                    out.push(c);
                    keep = out.len();
                }
                b'\n' => {
                    self.quoted_break(&mut out, keep);
                    keep = out.len();
                }
                b' ' | b'\t' => self.next_char(&mut out),
                _ => {
                    self.next_char(&mut out);
                    keep = out.len();
                }
            }
        }
    }

    /// `\xXX`, `\uXXXX` or `\UXXXXXXXX` (a UTF-16 surrogate pair of two `\u` too).
    fn hex_escape(&mut self, at: usize, digits: usize) -> R<char> {
        let code = self.hex_digits(at, digits)?;
        if (0xD800..0xDC00).contains(&code) && self.peek() == b'\\' && self.peek_at(1) == b'u' {
            self.pos += 2;
            let low = self.hex_digits(at, 4)?;
            if (0xDC00..0xE000).contains(&low) {
                let joined = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                return char::from_u32(joined).ok_or_else(|| self.err(at, "invalid escape"));
            }
        }
        char::from_u32(code).ok_or_else(|| self.err(at, "an escape naming no character"))
    }

    fn hex_digits(&mut self, at: usize, digits: usize) -> R<u32> {
        let text = self.s.get(self.pos..self.pos + digits).unwrap_or("");
        let code = (text.len() == digits && text.bytes().all(|c| c.is_ascii_hexdigit()))
            .then(|| u32::from_str_radix(text, 16).ok())
            .flatten()
            .ok_or_else(|| self.err(at, format!("an escape needs {digits} hexadecimal digits")))?;
        self.pos += digits;
        Ok(code)
    }

    /// A `|` or `>` block scalar inside a block indented `parent`.
    fn block_scalar(&mut self, parent: isize) -> R<String> {
        let folded = self.peek() == b'>';
        let header = self.pos;
        self.pos += 1;
        let mut chomp = 0i8;
        let mut explicit = None;
        loop {
            match self.peek() {
                b'-' => chomp = -1,
                b'+' => chomp = 1,
                c @ b'1'..=b'9' if explicit.is_none() => explicit = Some(usize::from(c - b'0')),
                _ => break,
            }
            self.pos += 1;
        }
        self.skip_inline();
        if self.peek() == b'#' {
            self.skip_line();
        }
        if !matches!(self.peek(), b'\n' | 0) {
            return Err(self.err(header, "unexpected text after a block scalar's `|` or `>`"));
        }
        if self.peek() == b'\n' {
            self.pos += 1;
        }
        let base = parent.max(0) as usize;
        let mut indent = explicit.map(|d| base + d);
        let mut lines: Vec<&str> = Vec::new();
        while !self.eof() {
            let start = self.pos;
            let end = self
                .b
                .get(start..)
                .and_then(|r| r.iter().position(|&c| c == b'\n'))
                .map_or(self.b.len(), |i| start + i);
            let line = self.s.get(start..end).unwrap_or("");
            let spaces = line.bytes().take_while(|&c| c == b' ').count();
            let blank = spaces == line.len();
            let ind = match indent {
                Some(i) => i,
                None if blank => spaces + 1,
                None => {
                    if spaces as isize <= parent {
                        break;
                    }
                    indent = Some(spaces);
                    spaces
                }
            };
            if !blank && spaces < ind {
                break;
            }
            if !blank && ind == 0 && self.at_marker() {
                break;
            }
            lines.push(if blank && spaces <= ind {
                ""
            } else {
                line.get(ind..).unwrap_or("")
            });
            self.pos = end;
            if self.peek() == b'\n' {
                self.pos += 1;
            }
        }
        let body = lines
            .iter()
            .rposition(|l| !l.is_empty())
            .map_or(0, |i| i + 1);
        let trailing = lines.len() - body;
        lines.truncate(body);
        let mut out = String::new();
        let mut blanks = 0;
        let mut previous_more = false;
        for (i, line) in lines.iter().enumerate() {
            if line.is_empty() {
                blanks += 1;
                continue;
            }
            let more = line.starts_with([' ', '\t']);
            if i == blanks {
                push_breaks(&mut out, blanks);
            } else if folded && !more && !previous_more {
                fold(&mut out, blanks + 1);
            } else {
                push_breaks(&mut out, blanks + 1);
            }
            out.push_str(line);
            previous_more = more;
            blanks = 0;
        }
        if body > 0 && chomp >= 0 {
            out.push('\n');
        }
        if chomp > 0 {
            push_breaks(&mut out, trailing);
        }
        Ok(out)
    }

    // --- flow collections --------------------------------------------------

    fn flow_space(&mut self) {
        loop {
            match self.peek() {
                b' ' | b'\t' | b'\n' => self.pos += 1,
                b'#' => self.skip_line(),
                _ => break,
            }
        }
    }

    fn flow_node(&mut self) -> R<Value> {
        self.enter()?;
        let value = self.flow_inner();
        self.depth -= 1;
        value
    }

    fn flow_inner(&mut self) -> R<Value> {
        self.flow_space();
        let props = self.properties()?;
        self.flow_space();
        let value = match self.peek() {
            b'[' => self.flow_sequence()?,
            b'{' => self.flow_mapping()?,
            b'"' => Value::String(self.double_quoted()?),
            b'\'' => Value::String(self.single_quoted()?),
            b'*' => self.alias()?,
            _ => {
                let text = self.flow_plain();
                resolve(&text, props.str_tag)
            }
        };
        self.define(props.anchor, value)
    }

    /// The entries of a `[ ]` list or a `{ }` mapping, the opening bracket
    /// under the cursor: `entry` reads each one, this the commas between
    /// them and the closing bracket. `names` says what an error calls them:
    /// the bracket pair and the collection (`"[ ]"`, `"list"`).
    fn flow_entries(
        &mut self,
        (close, pair, collection): (u8, &str, &str),
        mut entry: impl FnMut(&mut Self) -> R<()>,
    ) -> R<()> {
        let open = self.pos;
        let unclosed = |p: &Self| {
            let opener = pair.get(..1).unwrap_or(pair);
            p.err(open, format!("a {opener} opened here is never closed"))
        };
        self.pos += 1;
        loop {
            self.flow_space();
            match self.peek() {
                0 => return Err(unclosed(self)),
                b if b == close => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => {}
            }
            entry(self)?;
            self.flow_space();
            match self.peek() {
                b',' => self.pos += 1,
                b if b == close => {
                    self.pos += 1;
                    return Ok(());
                }
                0 => return Err(unclosed(self)),
                _ => {
                    let closer = char::from(close);
                    let expected = format!("expected `,` or `{closer}` in a {pair} {collection}");
                    return Err(self.err(self.pos, expected));
                }
            }
        }
    }

    /// After a flow key: `: value`, or null when there is no colon or no
    /// value before the next `,` or `close`.
    fn flow_value(&mut self, close: u8) -> R<Value> {
        if self.peek() != b':' {
            return Ok(Value::Null);
        }
        self.pos += 1;
        self.flow_space();
        if matches!(self.peek(), b',') || self.peek() == close {
            Ok(Value::Null)
        } else {
            self.flow_node()
        }
    }

    fn flow_sequence(&mut self) -> R<Value> {
        let mut items = Vec::new();
        self.flow_entries((b']', "[ ]", "list"), |p| {
            let key_pos = p.pos;
            let entry = p.flow_node()?;
            p.flow_space();
            let entry = if p.peek() == b':' {
                // A single-pair mapping: [a: 1].
                let value = p.flow_value(b']')?;
                let mut map = MapBuilder::default();
                map.insert(entry, value, false, key_pos)
                    .map_err(|m| p.err(key_pos, m))?;
                Value::Mapping(map.finish().map_err(|(at, m)| p.err(at, m))?)
            } else {
                entry
            };
            items.push(entry);
            Ok(())
        })?;
        Ok(Value::Sequence(items))
    }

    fn flow_mapping(&mut self) -> R<Value> {
        let mut map = MapBuilder::default();
        self.flow_entries((b'}', "{ }", "mapping"), |p| {
            let key_pos = p.pos;
            let merge = p.b.get(key_pos..key_pos + 2) == Some(b"<<");
            let key = p.flow_node()?;
            let merge = merge && key.as_str() == Some("<<");
            p.flow_space();
            let value = p.flow_value(b'}')?;
            map.insert(key, value, merge, key_pos)
                .map_err(|m| p.err(key_pos, m))
        })?;
        map.finish()
            .map(Value::Mapping)
            .map_err(|(p, m)| self.err(p, m))
    }

    // --- properties, anchors and aliases -------------------------------------

    fn name(&mut self) -> &'a str {
        let start = self.pos;
        while !ws_or_end(self.peek()) && !flow_indicator(self.peek()) {
            self.pos += 1;
        }
        self.s.get(start..self.pos).unwrap_or("")
    }

    /// Any anchor (`&a`) and tag (`!t`, `!!str`, `!<...>`) before a node,
    /// and the spaces after them.
    fn properties(&mut self) -> R<Props> {
        let mut props = Props {
            anchor: None,
            tagged: false,
            str_tag: false,
        };
        loop {
            match self.peek() {
                b'&' => {
                    let at = self.pos;
                    self.pos += 1;
                    let name = self.name();
                    if name.is_empty() {
                        return Err(self.err(at, "an anchor `&` needs a name"));
                    }
                    props.anchor = Some(name.to_string());
                }
                b'!' => {
                    let start = self.pos;
                    if self.peek_at(1) == b'<' {
                        while !matches!(self.peek(), b'>' | b'\n' | 0) {
                            self.pos += 1;
                        }
                        if self.peek() == b'>' {
                            self.pos += 1;
                        }
                    } else {
                        self.name();
                    }
                    let tag = self.s.get(start..self.pos).unwrap_or("");
                    props.tagged = true;
                    props.str_tag = matches!(tag, "!!str" | "!<tag:yaml.org,2002:str>");
                }
                _ => return Ok(props),
            }
            self.skip_inline();
        }
    }

    fn alias(&mut self) -> R<Value> {
        let at = self.pos;
        self.pos += 1;
        let name = self.name();
        let Some(anchor) = self.anchors.get(name) else {
            return Err(self.err(at, format!("`*{name}` names no anchor `&{name}` before it")));
        };
        self.expanded = self.expanded.saturating_add(anchor.nodes);
        if self.expanded > MAX_ALIAS_NODES {
            return Err(self.err(
                at,
                format!("aliases expand to more than {MAX_ALIAS_NODES} values; not read"),
            ));
        }
        if self.depth + anchor.height > MAX_DEPTH + 1 {
            return Err(self.err(
                at,
                format!("`*{name}` nests more than {MAX_DEPTH} collections; not read"),
            ));
        }
        Ok(anchor.value.clone())
    }

    /// `value`, remembered under `anchor` when it has one.
    fn define(&mut self, anchor: Option<String>, value: Value) -> R<Value> {
        if let Some(name) = anchor {
            let anchored = Anchor {
                nodes: value.count(),
                height: value.height(),
                value: value.clone(),
            };
            self.anchors.insert(name, anchored);
        }
        Ok(value)
    }
}

/// Line breaks folded: one a space, more each but the first a line break.
fn fold(out: &mut String, breaks: usize) {
    if breaks <= 1 {
        out.push(' ');
    } else {
        push_breaks(out, breaks - 1);
    }
}

fn push_breaks(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n('\n', n));
}

/// A mapping being read: duplicate keys refused, merge keys applied at the end.
#[derive(Default)]
struct MapBuilder {
    entries: Vec<(Value, Value)>,
    seen: HashSet<String>,
    merges: Vec<(Value, usize)>,
}

/// A key's identity for spotting duplicates.
fn key_id(key: &Value) -> String {
    match key {
        Value::Null => "~".to_string(),
        Value::Bool(b) => format!("b{b}"),
        Value::Number(n) => format!("n{n}"),
        Value::String(s) => format!("s{s}"),
        other => format!("{other:?}"),
    }
}

impl MapBuilder {
    fn insert(&mut self, key: Value, value: Value, merge: bool, pos: usize) -> Result<(), String> {
        if merge {
            self.merges.push((value, pos));
            return Ok(());
        }
        if !self.seen.insert(key_id(&key)) {
            let shown = match &key {
                Value::Null => "~".to_string(),
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => format!("{key:?}"),
            };
            return Err(format!("duplicate key `{shown}` in a mapping"));
        }
        self.entries.push((key, value));
        Ok(())
    }

    fn merge_from(&mut self, m: Mapping) {
        for (k, v) in m.entries {
            if self.seen.insert(key_id(&k)) {
                self.entries.push((k, v));
            }
        }
    }

    /// The mapping, its `<<` sources merged in (keys written win, then the
    /// sources in order); errors carry their position.
    fn finish(mut self) -> Result<Mapping, (usize, String)> {
        const NOT_MERGEABLE: &str = "`<<` merges a mapping or a list of mappings";
        for (source, pos) in std::mem::take(&mut self.merges) {
            match source {
                Value::Mapping(m) => self.merge_from(m),
                Value::Sequence(items) => {
                    for item in items {
                        match item {
                            Value::Mapping(m) => self.merge_from(m),
                            _ => return Err((pos, NOT_MERGEABLE.to_string())),
                        }
                    }
                }
                _ => return Err((pos, NOT_MERGEABLE.to_string())),
            }
        }
        Ok(Mapping {
            entries: self.entries,
        })
    }
}

/// A plain scalar typed by the YAML 1.2 core schema (a `!!str` one stays text).
fn resolve(text: &str, str_tag: bool) -> Value {
    if str_tag {
        return Value::String(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Number(Number::Float(f64::INFINITY))
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Number(Number::Float(f64::NEG_INFINITY)),
        ".nan" | ".NaN" | ".NAN" => return Value::Number(Number::Float(f64::NAN)),
        _ => {}
    }
    if let Some(n) = integer(text) {
        return Value::Number(n);
    }
    if is_float(text) {
        if let Some(f) = crate::decimal::parse_f64(text) {
            return Value::Number(Number::Float(f));
        }
    }
    Value::String(text.to_string())
}

fn integer(text: &str) -> Option<Number> {
    let radix = |digits: &str, r: u32| {
        (!digits.is_empty() && digits.chars().all(|c| c.is_digit(r)))
            .then(|| i64::from_str_radix(digits, r).ok().map(Number::Int))
            .flatten()
    };
    if let Some(hex) = text.strip_prefix("0x") {
        return radix(hex, 16);
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return radix(oct, 8);
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match text.parse::<i64>() {
        Ok(n) => Some(Number::Int(n)),
        Err(_) if !text.starts_with('-') => digits.parse::<u64>().ok().map(Number::UInt),
        Err(_) => None,
    }
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_float(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (t.get(..i).unwrap_or(""), t.get(i + 1..)),
        None => (t, None),
    };
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).count();
    let dots = mantissa.bytes().filter(|&c| c == b'.').count();
    let mantissa_ok = digits > 0 && dots <= 1 && digits + dots == mantissa.len();
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|c| c.is_ascii_digit())
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests;
