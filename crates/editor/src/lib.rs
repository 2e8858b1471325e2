//! The editor's state and the actions that change it, as plain Rust (the Elm
//! architecture's model and update): every change to the diagram is an
//! [`Action`] applied in [`EditorState::apply`], which is also where undo and
//! redo live. The Yew app wraps it in a reducer; the tests run it natively.
//! [`SideBySide`] is the compare view's state: two documents, kills made in both.
//!
//! How input becomes actions lives here too, away from the browser: the
//! pointer gestures as a state machine ([`gesture`]), the keymap every
//! shortcut and the help come from ([`keymap`]), moving focus around the
//! diagram ([`navigate`]) and linking two nodes either way ([`connect`]).

pub mod connect;
pub mod edit;
pub mod embed;
pub mod gesture;
pub mod keymap;
pub mod navigate;
mod side_by_side;
mod state;
pub mod teach;
pub mod zones;

pub use side_by_side::SideBySide;
pub use state::{zone_edit, Action, Aside, EditorState, Selection};
