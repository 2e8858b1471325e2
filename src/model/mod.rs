//! The topology model of `../shared/spec/MODEL.md`: pure Rust, no browser, no I/O.

pub mod analysis;
pub mod compare;
pub mod document;
pub mod drawing;
pub mod export;
pub mod geometry;
pub mod import;
pub mod layout;
pub mod mermaid;
pub mod page;
pub mod parse;
pub mod presets;
pub mod render;
pub mod share;
pub mod sim;
pub mod split;
pub mod units;
pub mod validate;

pub use analysis::{analyze, effective_functions, Analysis};
pub use document::{Document, Function, Link, LinkKind, Node, NodeKind};
pub use parse::parse_document;
pub use validate::{validate, Problem};
