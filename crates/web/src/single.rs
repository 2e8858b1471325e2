//! The single-file page from inside the app: "Download this diagram
//! as a page" bakes the diagram into a copy of `topolab.html` (`model::page`).
//! Which copy: the page's own markup when this page is the single file (its
//! start-up script keeps it in `window.topolabPage` before the app runs, see
//! `tools/single.mjs`), else `topolab.html` fetched from beside this page, where
//! `./dev release` puts it in `dist/`. Nothing is sent anywhere.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use topolab_engine::{single_page, Document};

/// Where the single file keeps its own markup.
const OWN_PAGE: &str = "topolabPage";
/// The single file beside a page served from `dist/`.
const BESIDE: &str = "topolab.html";

/// The single-file app page, or `None` when this copy of the app has none.
async fn app_page() -> Option<String> {
    let window = gloo::utils::window();
    if let Some(own) = Reflect::get(&window, &JsValue::from_str(OWN_PAGE))
        .ok()
        .and_then(|v| v.as_string())
    {
        return Some(own);
    }
    let response = JsFuture::from(window.fetch_with_str(BESIDE)).await.ok()?;
    let response: web_sys::Response = response.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

/// The single-file page with `doc` baked in; `None` when this copy of the app has
/// no single-file page to make it from.
pub async fn page_with(doc: &Document) -> Option<String> {
    single_page::bake(&app_page().await?, doc).ok()
}
