//! The toolbar's "Embed" button and its dialog: the `<iframe>` snippet that
//! puts this diagram, as it is now, into someone's page
//! ([`topolab_editor::embed::snippet`]), with a read-only choice and a Copy button
//! (the clipboard, else the text selected for Ctrl+C). A modal: focus moves
//! into it and back where it was, Tab stays inside, Escape closes it, and its
//! keys never reach the diagram behind.

use std::rc::Rc;
use topolab_engine::i18n::l;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::lang::{query_value, use_lang, Lang, Localized};
use super::link::use_link_data;
use topolab_editor::embed::snippet::{embed_query, iframe_snippet};
use topolab_engine::Document;

const BUTTON: Localized = l("Embed", "嵌入");
const BUTTON_TIP: Localized = l(
    "Put this diagram into a web page: an <iframe> snippet to copy",
    "把这张图放进网页：复制一段 <iframe> 代码",
);
const TITLE: Localized = l("Embed this diagram", "嵌入这张图");
const INTRO: Localized = l("Paste this HTML into your page. Readers see the diagram as it is now and can kill and revive its servers; nothing they do changes your copy or their own saved work.", "把这段 HTML 粘贴到你的网页里。读者看到的是这张图现在的样子，可以关停和恢复其中的服务器；他们的操作不会改动你的图，也不会覆盖他们自己保存的内容。");
const READONLY: Localized = l(
    "Read-only: readers can pan and zoom, but change nothing",
    "只读：读者可以平移和缩放，但不能做任何修改",
);
const SNIPPET: Localized = l("HTML to paste", "要粘贴的 HTML");
const SIZE_NOTE: Localized = l("The frame is as wide as your column and 420 pixels high: change width and height in the snippet as you like.", "框架与正文栏同宽、高 420 像素；可以在代码里随意修改 width 和 height。");
const COPY: Localized = l("Copy", "复制");
const COPIED: Localized = l("Copied to the clipboard.", "已复制到剪贴板。");
const SELECTED: Localized = l(
    "The snippet is selected: press Ctrl+C (⌘C on a Mac) to copy it.",
    "代码已选中：按 Ctrl+C（Mac 上按 ⌘C）复制。",
);
const CLOSE: Localized = l("Close", "关闭");
const CLOSE_TIP: Localized = l("Close (Escape)", "关闭（Esc）");
const UNTITLED: Localized = l("Topolab diagram", "Topolab 拓扑图");

/// The address an `<iframe>` shows a document at: this page's, with `?embed=1`
/// (and `readonly=1`, and the address's `lang` if it has one) and `#d=` its `data`.
fn embed_src(data: &str, readonly: bool) -> Option<String> {
    let href = gloo::utils::window().location().href().ok()?;
    let url = web_sys::Url::new(&href).ok()?;
    let lang = query_value("lang");
    url.set_search(&embed_query(readonly, lang.as_deref()));
    url.set_hash(&format!("d={data}"));
    Some(url.href())
}

/// What the last press of Copy did.
#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Clipboard,
    Selected,
}

/// Selects the snippet's text, for Ctrl+C.
fn select(area: &NodeRef) {
    if let Some(area) = area.cast::<HtmlTextAreaElement>() {
        let _ = area.focus();
        area.select();
    }
}

/// Writes `text` to the clipboard and says how it went; where there is no
/// clipboard (an insecure page) or it refuses, selects the text instead.
fn copy(text: &str, area: &NodeRef, done: Callback<Copied>) {
    let navigator = gloo::utils::window().navigator();
    let clipboard = Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| c.is_object());
    let write = clipboard.as_ref().and_then(|c| {
        let f = Reflect::get(c, &JsValue::from_str("writeText")).ok()?;
        let f = f.dyn_into::<Function>().ok()?;
        f.call1(c, &JsValue::from_str(text))
            .ok()
            .filter(|p| p.is_instance_of::<Promise>())
    });
    let Some(promise) = write else {
        select(area);
        done.emit(Copied::Selected);
        return;
    };
    let (on_ok, on_err) = (done.clone(), done);
    let area = area.clone();
    super::promise::then(
        &promise,
        move |_| on_ok.emit(Copied::Clipboard),
        move |_| {
            select(&area);
            on_err.emit(Copied::Selected);
        },
    );
}

/// The dialog's focusable elements, in order.
fn focusables(dialog: &Element) -> Vec<HtmlElement> {
    let Ok(list) = dialog.query_selector_all("button, input, textarea, a[href]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// Gives focus back to what had it before the dialog opened.
fn refocus(element: &Element) {
    if let Some(html) = element.dyn_ref::<HtmlElement>() {
        let _ = html.focus();
    }
}

/// The toolbar's button, and the dialog while it is open.
#[hook]
pub fn use_embed_button(doc: &Rc<Document>, lang: Lang) -> Html {
    let open = use_state(|| false);
    let onclick = {
        let open = open.clone();
        move |_: MouseEvent| open.set(true)
    };
    let on_close = {
        let open = open.clone();
        Callback::from(move |()| open.set(false))
    };
    html! {
        <>
            <button type="button" {onclick} title={BUTTON_TIP.get(lang)} data-embed-button=""
                    aria-haspopup="dialog">{ BUTTON.get(lang) }</button>
            if *open {
                <EmbedDialog doc={doc.clone()} {on_close} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedDialogProps {
    pub doc: Rc<Document>,
    pub on_close: Callback<()>,
}

#[function_component(EmbedDialog)]
pub fn embed_dialog(props: &EmbedDialogProps) -> Html {
    let lang = use_lang();
    let readonly = use_state(|| false);
    let copied = use_state(|| None::<Copied>);
    let (dialog_ref, backdrop_ref, area_ref, copy_ref) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    use_focus_in_and_back(&copy_ref);
    let title = props
        .doc
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| UNTITLED.get(lang).to_string());
    let data = use_link_data(&props.doc);
    let snippet = use_memo((data, *readonly, title), |(data, readonly, title)| {
        data.as_deref()
            .and_then(|data| embed_src(data, *readonly))
            .map(|src| iframe_snippet(&src, title))
            .unwrap_or_default()
    });

    let on_readonly = {
        let (readonly, copied) = (readonly.clone(), copied.clone());
        move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            readonly.set(input.checked());
            copied.set(None);
        }
    };
    let on_copy = {
        let (snippet, area_ref, copied) = (snippet.clone(), area_ref.clone(), copied.clone());
        move |_: MouseEvent| {
            if snippet.is_empty() {
                return; // its link is still being made: a moment after opening
            }
            let copied = copied.clone();
            copy(
                &snippet,
                &area_ref,
                Callback::from(move |c| copied.set(Some(c))),
            );
        }
    };
    let close = {
        let on_close = props.on_close.clone();
        move |_: MouseEvent| on_close.emit(())
    };
    let on_backdrop = {
        let (on_close, backdrop_ref) = (props.on_close.clone(), backdrop_ref.clone());
        move |e: MouseEvent| {
            let target = e.target_dyn_into::<Element>();
            if target.is_some() && target == backdrop_ref.cast::<Element>() {
                on_close.emit(());
            }
        }
    };
    let on_key = {
        let (on_close, dialog_ref) = (props.on_close.clone(), dialog_ref.clone());
        move |e: KeyboardEvent| {
            // A modal: the diagram's shortcuts stay asleep behind it.
            e.stop_propagation();
            match e.key().as_str() {
                "Escape" => {
                    e.prevent_default();
                    on_close.emit(());
                }
                "Tab" => {
                    if let Some(dialog) = dialog_ref.cast::<Element>() {
                        wrap_tab(&dialog, &e);
                    }
                }
                _ => {}
            }
        }
    };
    let status = (*copied).map(|c| match c {
        Copied::Clipboard => COPIED,
        Copied::Selected => SELECTED,
    });
    html! {
        <div class="modal-backdrop" ref={backdrop_ref} onclick={on_backdrop}>
            <div class="modal-dialog embed-dialog" role="dialog" aria-modal="true" ref={dialog_ref}
                 aria-labelledby="embed-title" aria-describedby="embed-intro" data-embed-dialog=""
                 onkeydown={on_key}>
                <div class="modal-header">
                    <h2 id="embed-title">{ TITLE.get(lang) }</h2>
                    <button type="button" class="modal-close" onclick={close}
                            title={CLOSE_TIP.get(lang)}>{ CLOSE.get(lang) }</button>
                </div>
                <p id="embed-intro">{ INTRO.get(lang) }</p>
                <label class="check">
                    <input type="checkbox" checked={*readonly} onchange={on_readonly}
                           data-embed-readonly="" />
                    { READONLY.get(lang) }
                </label>
                <label class="snippet-label" for="embed-snippet">{ SNIPPET.get(lang) }</label>
                <textarea id="embed-snippet" class="snippet" readonly=true rows="5" spellcheck="false"
                          ref={area_ref} value={(*snippet).clone()} data-embed-snippet="" />
                <p class="note">{ SIZE_NOTE.get(lang) }</p>
                <div class="modal-actions">
                    <button type="button" class="primary" ref={copy_ref} onclick={on_copy}
                            data-embed-copy="">{ COPY.get(lang) }</button>
                    <span class="copy-status" role="status" data-copy-status="">
                        { status.map(|s| s.get(lang)).unwrap_or_default() }</span>
                </div>
            </div>
        </div>
    }
}

/// Focus moves to `first` when the dialog opens, and back to where it was
/// when it closes.
#[hook]
fn use_focus_in_and_back(first: &NodeRef) {
    let first = first.clone();
    use_effect_with((), move |_| {
        let before = gloo::utils::document().active_element();
        if let Some(button) = first.cast::<HtmlElement>() {
            let _ = button.focus();
        }
        move || {
            if let Some(element) = before.filter(|e| e.is_connected()) {
                refocus(&element);
            }
        }
    });
}

/// Tab and Shift+Tab go round inside `dialog`: from its last focusable
/// element to its first, and back.
fn wrap_tab(dialog: &Element, e: &KeyboardEvent) {
    let all = focusables(dialog);
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        return;
    };
    let active = gloo::utils::document().active_element();
    let at = |el: &HtmlElement| active.as_ref() == Some(el.as_ref());
    let wrap_to = if e.shift_key() && (at(first) || active.is_none()) {
        Some(last)
    } else if !e.shift_key() && at(last) {
        Some(first)
    } else {
        None
    };
    if let Some(target) = wrap_to {
        e.prevent_default();
        let _ = target.focus();
    }
}
