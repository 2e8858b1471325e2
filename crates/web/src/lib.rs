//! The Yew app over [`topolab_engine`] and [`topolab_editor`]: components only
//! draw what the engine returns and turn pointer and key events into
//! [`topolab_editor::Action`]s.

mod after_paint;
mod announce;
mod api;
mod app;
mod banner;
mod canvas;
mod challenge;
mod compare;
mod coupling;
mod diagram_events;
mod dialogs;
mod effect;
mod embed_dialog;
mod embed_view;
mod export;
mod fullscreen;
mod goals;
mod help;
mod import;
mod inspector;
mod keyboard;
mod lang;
mod layer;
mod lessons;
mod link;
mod messages;
mod modal;
mod mode;
mod node_text;
mod palette;
mod panel;
mod persistence;
mod popover;
mod positions;
mod print;
mod promise;
mod share;
mod single;
mod split;
mod startup;
mod storage;
mod theme;
mod toolbar;
mod traffic;
mod transfer;
mod typing;
mod viewport;
mod zones;

pub use app::App;

/// Mounts the app on the page's `<body>`; a panic is reported on the console.
///
/// The opened document is read and analysed before Yew starts: Yew's
/// scheduler lets the browser paint once its first render passes 16 ms, and
/// with a 2,000-node document to read inside it that paint (of the page
/// without its diagram) came before the diagram was drawn.
pub fn start() {
    console_error_panic_hook::set_once();
    // Before the first paint, so a projector or dark page never flashes light.
    theme::apply(theme::initial());
    let start = std::rc::Rc::new(app::Start::read());
    yew::Renderer::<App>::with_props(app::AppProps { start: Some(start) }).render();
}
