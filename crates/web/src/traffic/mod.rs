//! Traffic on the diagram (docs/spec/app.md `simulate`): a running
//! simulation of the document driven by `requestAnimationFrame`, its requests
//! drawn as dots along the links, green when the request they belong to
//! succeeded, red when it failed.
//!
//! Nothing here renders the diagram: the dots are painted every frame on one
//! `<canvas>` over it, the queues' backlog badges are elements of an overlay
//! `<svg>` changed only when a backlog does, and the instances chaos has down
//! are marked on the diagram's own elements. Yew hears of the run four times
//! a second, for the counters and the function rows' `data-sim-success`.
//!
//! What a frame advances, the dots a request makes and where they are, the
//! demo's shortened repairs and the live figures are plain Rust in the engine
//! ([`topolab_engine::sim::playback`], [`topolab_engine::sim::live`]), tested
//! natively; this folder only puts them on the page.
//!
//! The animation stops while the tab is hidden and when traffic is off; with
//! `prefers-reduced-motion` it draws no dots, only the counters move. The
//! run never changes the document: kills made during it are the document's
//! own (undoable, refused on a read-only page) and are passed on to the
//! simulation as they happen.
//!
//! Code map:
//! * `bar`: the [`TrafficBar`] component (on/off, speed, chaos, counters)
//!   and the help overlay's rows for it;
//! * `driver`: the hook that starts, follows and stops a run as the bar and
//!   the document say;
//! * `animator`: the animation loop (`requestAnimationFrame`, paused while the
//!   tab is hidden);
//! * `scene`: one run on the page, the engine's `Playback` and the elements
//!   it draws on, one frame at a time;
//! * `painting`: the dots' `<canvas>` (device pixels, the diagram's view);
//! * `badges`: the queues' backlog badges; `chaos_marks`: `data-chaos-down`;
//! * `hub`: [`TrafficHub`], what the canvas hands over to draw on.

mod animator;
mod badges;
mod bar;
mod chaos_marks;
mod driver;
mod hub;
mod painting;
mod scene;

pub use bar::{TrafficBar, HELP, HELP_TITLE};
pub use hub::TrafficHub;
pub use topolab_engine::sim::{Chaos, Live, DEMO_MTTR_S};
