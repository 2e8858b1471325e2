//! Topolab: draw a system as a topology and see what a dead server does to its
//! availability and coupling.
//!
//! [`model`] is the pure engine (document format, validation, analysis, split,
//! presets, SVG rendering) shared by the web app and the `topolab` CLI;
//! [`teach`] holds the guided lessons and [`i18n`] the two languages, both
//! plain data; [`embed`] the `<iframe>` snippet and the `postMessage`
//! protocol; [`ui`] is the Yew app over it and exists only for `wasm32`.

pub mod editor;
pub mod embed;
pub mod i18n;
pub mod model;
pub mod teach;

#[cfg(target_arch = "wasm32")]
pub mod ui;
