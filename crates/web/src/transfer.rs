//! Moving a diagram out of the page and into it, with no request to any host:
//! a download through a `Blob` and an `<a download>`, the clipboard, reading a
//! dropped or chosen `File`, and drawing the SVG into a canvas for the PNG.
//!
//! Every browser call that can fail gives an `Err` with the browser's words,
//! never a panic.

use gloo::timers::callback::Timeout;
use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, File, HtmlAnchorElement, HtmlCanvasElement,
    HtmlImageElement, Url,
};

/// How long a download's `blob:` address is kept, in milliseconds: revoked at
/// once, some browsers cancel the download it started.
const REVOKE_AFTER_MS: u32 = 60_000;

/// The browser's words for a failure.
pub fn describe(error: &JsValue) -> String {
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    error.as_string().unwrap_or_else(|| "unknown error".into())
}

/// `text` as a `Blob` of media type `media_type`.
pub fn text_blob(text: &str, media_type: &str) -> Result<Blob, String> {
    let options = BlobPropertyBag::new();
    options.set_type(media_type);
    Blob::new_with_str_sequence_and_options(&Array::of1(&JsValue::from_str(text)), &options)
        .map_err(|e| describe(&e))
}

/// Saves `blob` as a file called `name` (the browser's download).
pub fn download(name: &str, blob: &Blob) -> Result<(), String> {
    let url = Url::create_object_url_with_blob(blob).map_err(|e| describe(&e))?;
    let saved = click_link(name, &url);
    Timeout::new(REVOKE_AFTER_MS, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    saved
}

fn click_link(name: &str, url: &str) -> Result<(), String> {
    let document = gloo::utils::document();
    let link: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| describe(&e))?
        .dyn_into()
        .map_err(|_| "no <a> element".to_string())?;
    link.set_href(url);
    link.set_download(name);
    link.set_hidden(true);
    let body = document.body().ok_or("the page has no <body>")?;
    body.append_child(&link).map_err(|e| describe(&e))?;
    link.click();
    link.remove();
    Ok(())
}

/// Saves `text` as a file called `name`.
pub fn download_text(name: &str, text: &str, media_type: &str) -> Result<(), String> {
    download(name, &text_blob(text, media_type)?)
}

/// Puts `text` on the clipboard. Fails where the page may not (no clipboard
/// outside a secure context, a permission refused).
pub async fn copy_text(text: &str) -> Result<(), String> {
    let navigator = gloo::utils::window().navigator();
    // Absent (undefined) outside a secure context: calling it would throw.
    let clipboard = Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| c.is_object())
        .ok_or("this page has no clipboard access")?;
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|e| describe(&e))
}

/// The text of a file.
pub async fn read_text(file: &File) -> Result<String, String> {
    let text = JsFuture::from(file.text())
        .await
        .map_err(|e| describe(&e))?;
    text.as_string()
        .ok_or_else(|| "the file could not be read as text".into())
}

/// The standalone SVG `svg` drawn as a PNG of `width` × `height` pixels.
pub async fn svg_to_png(svg: &str, width: u32, height: u32) -> Result<Blob, String> {
    let url = Url::create_object_url_with_blob(&text_blob(svg, "image/svg+xml")?)
        .map_err(|e| describe(&e))?;
    let png = draw(&url, width, height).await;
    let _ = Url::revoke_object_url(&url);
    png
}

async fn draw(url: &str, width: u32, height: u32) -> Result<Blob, String> {
    let image = HtmlImageElement::new().map_err(|e| describe(&e))?;
    let loaded = Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    image.set_src(url);
    JsFuture::from(loaded)
        .await
        .map_err(|_| "the browser could not draw the SVG".to_string())?;
    let canvas: HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")
        .map_err(|e| describe(&e))?
        .dyn_into()
        .map_err(|_| "no <canvas> element".to_string())?;
    canvas.set_width(width);
    canvas.set_height(height);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(|e| describe(&e))?
        .ok_or("the browser gave no 2D canvas")?
        .dyn_into()
        .map_err(|_| "the browser gave no 2D canvas".to_string())?;
    // Drawn at the canvas's size: the SVG is rasterised at that size, not scaled up.
    context
        .draw_image_with_html_image_element_and_dw_and_dh(
            &image,
            0.0,
            0.0,
            f64::from(width),
            f64::from(height),
        )
        .map_err(|e| describe(&e))?;
    let mut failed = None;
    let blob = Promise::new(&mut |resolve, reject| {
        if let Err(e) = canvas.to_blob(&resolve) {
            failed = Some(describe(&e));
            let _ = reject.call1(&JsValue::NULL, &e);
        }
    });
    let blob = JsFuture::from(blob).await;
    if let Some(why) = failed {
        return Err(why);
    }
    // `null` when the canvas was too large for the browser to encode.
    blob.map_err(|e| describe(&e))?
        .dyn_into::<Blob>()
        .map_err(|_| "the browser could not encode the PNG".to_string())
}
