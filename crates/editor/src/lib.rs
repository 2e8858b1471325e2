//! The editor's state and the actions that change it, as plain Rust (the Elm
//! architecture's model and update): every change to the diagram is an
//! [`Action`] applied in [`EditorState::apply`], which is also where undo and
//! redo live. The Yew app wraps it in a reducer; the tests run it natively.
//! [`SideBySide`] is the compare view's state: two documents, kills made in both.

pub mod edit;
pub mod embed;
mod side_by_side;
mod state;
pub mod teach;

pub use side_by_side::SideBySide;
pub use state::{Action, EditorState, Selection};
