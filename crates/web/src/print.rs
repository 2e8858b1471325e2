//! Printing: the whole diagram is fitted to the page for the print, and
//! the view the user had comes back after it. The page's look on paper is
//! `style/app.css`'s `@media print`. Heard both ways a browser says it prints:
//! `beforeprint` / `afterprint`, and the `print` media query starting to match
//! (which is also what an emulated print medium changes).

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;

use super::viewport::{ViewBox, Viewport};
use topolab_engine::Document;

/// Listens while kept: fits `viewport` to `doc()` when printing starts, restores
/// the view it had when printing ends.
pub fn fit_while_printing(
    viewport: Viewport,
    doc: impl Fn() -> Rc<Document> + 'static,
) -> Vec<EventListener> {
    let window = gloo::utils::window();
    let saved: Rc<Cell<Option<ViewBox>>> = Rc::default();
    let start = {
        let (viewport, saved) = (viewport.clone(), saved.clone());
        Rc::new(move || {
            if saved.get().is_none() {
                saved.set(Some(viewport.get()));
                viewport.fit_whole(&doc());
            }
        })
    };
    let end = Rc::new(move || {
        if let Some(view) = saved.take() {
            viewport.set(view);
        }
    });
    let mut listeners = vec![
        EventListener::new(&window, "beforeprint", {
            let start = start.clone();
            move |_| start()
        }),
        EventListener::new(&window, "afterprint", {
            let end = end.clone();
            move |_| end()
        }),
    ];
    if let Ok(Some(query)) = window.match_media("print") {
        let target = query.clone();
        listeners.push(EventListener::new(
            target.unchecked_ref::<web_sys::EventTarget>(),
            "change",
            move |_| {
                if query.matches() {
                    start();
                } else {
                    end();
                }
            },
        ));
    }
    listeners
}
