//! Full screen, for presenting: a button (in the toolbar, and in an embed's
//! strip) and the `F` key (the keymap's, `keyboard.rs`) toggle the whole page
//! in and out of full screen.
//! The browser's promises are given a handler, so a refusal (a frame not
//! allowed to go full screen) is quiet rather than an unhandled rejection.

use gloo::events::EventListener;
use js_sys::{Function, Reflect};
use topolab_engine::i18n::l;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::lang::{Lang, Localized};

const ENTER: Localized = l("Full screen", "全屏");
const LEAVE: Localized = l("Exit full screen", "退出全屏");
const TIP: Localized = l("Full screen on or off (F)", "进入或退出全屏（F）");

/// Four corners pointing out, and pointing in.
const ENTER_ICON: &str = "M1.5 5.5v-4h4M10.5 1.5h4v4M14.5 10.5v4h-4M5.5 14.5h-4v-4";
const EXIT_ICON: &str = "M5.5 1.5v4h-4M14.5 5.5h-4v-4M10.5 14.5v-4h4M1.5 10.5h4v4";

/// Whether the page is in full screen now.
fn is_on() -> bool {
    gloo::utils::document().fullscreen_element().is_some()
}

/// Whether this page may go full screen (a frame needs `allow="fullscreen"`).
pub fn is_enabled() -> bool {
    gloo::utils::document().fullscreen_enabled()
}

/// Calls `target.method()` and quietly catches the promise it returns.
fn call_quietly(target: &JsValue, method: &str) {
    let Ok(function) = Reflect::get(target, &JsValue::from_str(method)) else {
        return;
    };
    let Some(function) = function.dyn_ref::<Function>() else {
        return;
    };
    if let Ok(promise) = function.call0(target) {
        super::promise::then(&promise, |_| {}, |_| {});
    }
}

/// Puts the whole page in full screen, or takes it out.
pub fn toggle() {
    let document = gloo::utils::document();
    if is_on() {
        call_quietly(&document, "exitFullscreen");
    } else if let Some(root) = document.document_element() {
        call_quietly(&root, "requestFullscreen");
    }
}

/// The full-screen button. Where the page may not go full screen, it is not there.
#[hook]
pub fn use_fullscreen_button(lang: Lang) -> Html {
    let on = use_state(is_on);
    {
        let on = on.clone();
        use_effect_with((), move |_| {
            let document = gloo::utils::document();
            let change =
                EventListener::new(&document, "fullscreenchange", move |_| on.set(is_on()));
            move || drop(change)
        });
    }
    if !is_enabled() {
        return html! {};
    }
    let text = if *on { LEAVE } else { ENTER };
    html! {
        <button type="button" class="fullscreen-button" onclick={|_| toggle()}
                title={TIP.get(lang)} data-fullscreen="">
            <svg class="fullscreen-icon" viewBox="0 0 16 16" aria-hidden="true">
                <path d={if *on { EXIT_ICON } else { ENTER_ICON }} />
            </svg>
            <span class="fullscreen-text">{ text.get(lang) }</span>
        </button>
    }
}
