//! The editor's state and the actions that change it, as plain Rust (the Elm
//! architecture's model and update): every change to the diagram is an
//! [`Action`] applied in [`EditorState::apply`], which is also where undo and
//! redo live. The Yew app wraps it in a reducer; the tests run it natively.

pub mod edit;
mod state;

pub use state::{Action, EditorState, Selection};
