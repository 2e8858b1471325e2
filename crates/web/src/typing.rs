//! What the user is typing in a text field, kept until the field commits.
//!
//! Our fields show a value (from the document, or a form's state) and commit
//! it on `change`, when the user leaves the field or presses Enter. Yew sets an
//! input's value on every render in which it differs from what the input
//! holds, so any render in between (an instance killed elsewhere, chaos, a
//! message from the embedding page, an analysis finishing) would put the old
//! value back and lose what was typed. A form keeps a [`Typing`]: each field
//! tells it what is typed, shows that instead of its value until its `change`,
//! and so the render and the input agree.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The text typed in one field of a form (the one with the focus) since its
/// last `change`. Cloned handles share it; writing it draws nothing.
#[derive(Clone)]
pub struct Typing(Rc<RefCell<Option<(String, String)>>>);

/// A form's [`Typing`], kept across its renders.
#[hook]
pub fn use_typing() -> Typing {
    Typing(use_mut_ref(|| None))
}

/// The same handle: what one holds, the other does.
impl PartialEq for Typing {
    fn eq(&self, other: &Typing) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Typing {
    /// What field `key` shows: the text typed in it, or `value` when nothing is.
    pub fn shown(&self, key: &str, value: String) -> String {
        match &*self.0.borrow() {
            Some((typed_in, text)) if typed_in == key => text.clone(),
            _ => value,
        }
    }

    /// The `input` listener of field `key`: remembers what it holds.
    pub fn oninput(&self, key: impl Into<String>) -> Callback<InputEvent> {
        let (typing, key) = (self.clone(), key.into());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            *typing.0.borrow_mut() = Some((key.clone(), input.value()));
        })
    }

    /// The typing is over (the field's `change`): its value shows again.
    pub fn done(&self) {
        self.0.borrow_mut().take();
    }

    /// The `change` listener of a text field: the typing is over, and
    /// `commit` gets what the field holds.
    pub fn onchange(&self, commit: Callback<String>) -> Callback<Event> {
        let typing = self.clone();
        Callback::from(move |e: Event| {
            typing.done();
            let input: HtmlInputElement = e.target_unchecked_into();
            commit.emit(input.value());
        })
    }
}
