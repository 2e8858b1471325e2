//! Where the user's work lives between visits: the autosave in localStorage,
//! and the address (`#d=`), both written by effects after a change, never by
//! the reducer.
//!
//! Nothing is overwritten silently: the autosave a page finds when it opens
//! is kept under [`PREVIOUS_KEY`] before this page first writes over it with
//! a different diagram, and the app offers to restore it.

use std::cell::RefCell;
use std::rc::Rc;

use topolab_engine::i18n::l;
use topolab_engine::{parse_document, Document, Problem};

use super::lang::{Localized, Text};

const PREVIOUS_REFUSED: Localized = l(
    "the browser refused to keep the previous autosave",
    "浏览器拒绝保存上一次的自动保存",
);
const NO_STORAGE: Localized = l(
    "the browser gives this page no storage",
    "浏览器不允许本页面使用存储",
);
const STORAGE_FULL: Localized = l(
    "the browser's storage is full or disabled",
    "浏览器的存储空间已满或已被禁用",
);

/// The diagram being edited, as `topolab/1` JSON.
pub const AUTOSAVE_KEY: &str = "topolab.autosave";
/// The autosave found when this page opened, kept before it was replaced.
pub const PREVIOUS_KEY: &str = "topolab.autosave.previous";

/// The page's localStorage, if the browser gives it: it refuses (throws) in
/// a frame of another site when third-party storage is blocked, and in some
/// private modes.
fn local_storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// The autosaved text, if there is one.
pub fn autosaved_text() -> Option<String> {
    local_storage()?.get_item(AUTOSAVE_KEY).ok().flatten()
}

/// The autosaved diagram, or what is wrong with it.
pub fn read_autosave(text: &str) -> Result<Document, Vec<Problem>> {
    parse_document(text)
}

/// Writes the autosave; keeps the text found at start under [`PREVIOUS_KEY`]
/// the first time it is replaced by something else. Returns why it failed
/// (storage full or disabled), in both languages.
pub fn autosave(
    doc: &Document,
    found_at_start: Option<&str>,
    first_write: bool,
) -> Result<(), Text> {
    let storage = local_storage().ok_or_else(|| Text::from(NO_STORAGE))?;
    let text = doc.to_json();
    if first_write {
        if let Some(old) = found_at_start.filter(|old| *old != text) {
            storage
                .set_item(PREVIOUS_KEY, old)
                .map_err(|_| Text::from(PREVIOUS_REFUSED))?;
        }
    }
    storage
        .set_item(AUTOSAVE_KEY, &text)
        .map_err(|_| Text::from(STORAGE_FULL))
}

/// The diagram baked into this page, if it is the single-file page with one
/// (`model::page`): the text of its `<script id="topolab-document">`.
pub fn baked_text() -> Option<String> {
    let element =
        gloo::utils::document().get_element_by_id(topolab_engine::single_page::DOCUMENT_ID)?;
    let text = element.text_content()?;
    Some(text.trim().to_string()).filter(|text| !text.is_empty())
}

/// The `#d=` data of the page's address, if it has some.
pub fn address_data() -> Option<String> {
    let hash = gloo::utils::window().location().hash().ok()?;
    hash.strip_prefix("#d=").map(str::to_string)
}

/// The `#preset=` name of the page's address, if it has one.
pub fn address_preset() -> Option<String> {
    let hash = gloo::utils::window().location().hash().ok()?;
    hash.strip_prefix("#preset=").map(str::to_string)
}

thread_local! {
    /// The document the address is to show: the last one [`write_address`] was given.
    static ADDRESS: RefCell<Option<Rc<Document>>> = const { RefCell::new(None) };
}

/// Puts `doc` in the address, replacing the history entry (docs/spec/app.md "URL"),
/// as soon as its data is made ([`super::link`]); unless another document was
/// given since, whose address this one must not overwrite.
pub fn write_address(doc: &Rc<Document>) {
    ADDRESS.set(Some(doc.clone()));
    let wanted = doc.clone();
    super::link::with_data(doc, move |data| {
        let latest = ADDRESS.with_borrow(|a| a.as_ref().is_some_and(|d| Rc::ptr_eq(d, &wanted)));
        let window = gloo::utils::window();
        let Ok(history) = window.history() else {
            return;
        };
        if !latest {
            return;
        }
        let location = window.location();
        let url = format!(
            "{}{}#d={data}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    });
}
