//! The Yew app over [`crate::model`] and [`crate::editor`]: components only
//! draw what the engine returns and turn pointer and key events into
//! [`crate::editor::Action`]s.

mod api;
mod app;
mod canvas;
mod coupling;
mod gestures;
mod help;
mod icons;
mod inspector;
mod keyboard;
mod link_view;
mod node_view;
mod palette;
mod panel;
mod positions;
mod startup;
mod status;
mod storage;
mod viewport;

pub use app::App;

/// Mounts the app on the page's `<body>`; a panic is reported on the console.
pub fn start() {
    console_error_panic_hook::set_once();
    yew::Renderer::<App>::new().render();
}
