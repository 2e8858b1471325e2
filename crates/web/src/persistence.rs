//! Persistence as effects (ARCHITECTURE.md: never inside the reducer): after
//! a change the user made, the autosave and the address follow; a link
//! pasted into the address bar of an open page opens its diagram. What is
//! written and read is [`super::storage`]'s and [`super::startup`]'s.

use std::rc::Rc;

use topolab_editor::{Action, EditorState};
use topolab_engine::Document;
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::banner::Banner;
use super::lang::Lang;
use super::mode::PageMode;
use super::storage;

/// Writes the autosave and the address after each change of `doc` the user
/// made. Opening a link or a preset writes nothing until it is edited; an
/// embed writes neither (an article must not overwrite the reader's work).
/// During a lesson (`in_lesson`) only the address follows: its diagrams are
/// not the user's work, and must not push that out of the autosave. Undoing
/// back to the opened diagram is a change too (it has a redo). A failed
/// autosave is said in a banner through `tell`.
#[hook]
pub fn use_autosave(state: &EditorState, mode: PageMode, in_lesson: bool, tell: &Callback<Banner>) {
    let tell = tell.clone();
    let written_loads = use_mut_ref(|| None::<u64>);
    let edited = state.can_undo() || state.can_redo();
    let loads = state.load_count();
    use_effect_with(state.doc().clone(), move |doc: &Rc<Document>| {
        if edited && !mode.embed && in_lesson {
            storage::write_address(doc);
        } else if edited && !mode.embed {
            // The first write of the page, and the first after another diagram
            // was opened, keep the diagram they replace.
            let replacing = written_loads.borrow_mut().replace(loads) != Some(loads);
            let found = if replacing {
                storage::autosaved_text()
            } else {
                None
            };
            if let Err(why) = storage::autosave(doc, found.as_deref(), replacing) {
                tell.emit(Banner::autosave_failed(&why));
            }
            storage::write_address(doc);
        } else {
            // Made now, the link is ready when Share or Embed is opened.
            super::link::prepare(doc);
        }
    });
}

/// Opens the diagram of a link pasted into the address bar of the open page
/// (undoable, and the autosave keeps the one it replaces); a preset opens in
/// `lang`. A link that cannot be read is said through `tell`.
#[hook]
pub fn use_address_opening(lang: Lang, dispatch: &Callback<Action>, tell: &Callback<Banner>) {
    let (dispatch, tell) = (dispatch.clone(), tell.clone());
    use_effect_with(lang, move |&lang| {
        let listener =
            gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                match super::startup::from_address(lang) {
                    Some(Ok((doc, _))) => dispatch.emit(Action::Load(Rc::new(doc))),
                    Some(Err(text)) => tell.emit(Banner::says(text)),
                    None => {}
                }
            });
        move || drop(listener)
    });
}
