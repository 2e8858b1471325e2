//! Topolab's engine: the topology model of `docs/spec/model.md`, pure Rust, no
//! browser, no I/O. The document and its reading ([`document`], [`parse`],
//! [`validate`]), what it means ([`analysis`], [`goals`], [`advise`], [`split`],
//! [`compare`], [`sim`]), where documents come from ([`import`], [`presets`], [`share`],
//! [`single_page`]) and how they are drawn ([`geometry`], [`drawing`], [`render`],
//! [`export`], [`layout`]); [`i18n`] holds the two languages every message is written in.

pub mod advise;
pub mod analysis;
pub mod compare;
pub mod decimal;
pub mod document;
pub mod drawing;
pub mod export;
pub mod geometry;
pub mod goals;
pub mod i18n;
pub mod import;
pub mod layout;
pub mod mermaid;
pub mod parse;
pub mod presets;
mod random;
pub mod render;
pub mod share;
pub mod sim;
pub mod single_page;
pub mod sorting;
pub mod split;
pub mod units;
pub mod validate;

pub use analysis::{analyze, effective_functions, Analysis};
pub use document::{Document, Function, Link, LinkKind, Node, NodeKind, Zone};
pub use goals::{FailureUnit, Goal, GoalKind, Threshold};
pub use parse::parse_document;
pub use validate::{validate, Problem};
