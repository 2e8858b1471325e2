//! A document's `#d=` data (docs/spec/app.md "URL") made with the browser's own
//! DEFLATE, `CompressionStream("deflate-raw")`: the web app leaves the engine's
//! compressor out (its `deflate` feature; BENCHMARKS.md says what that saves).
//! Where the browser has no such stream, the JSON goes in stored DEFLATE blocks:
//! a longer link that every reader still opens.
//!
//! Compressing is asynchronous, so the data of the documents lately made is
//! kept here: the app makes it after every change of the document (the
//! autosave's effect, [`prepare`]), and the Share, Embed and "Open in editor"
//! links find it ready when they are opened ([`use_link_data`]).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableWritablePair, Response};
use yew::prelude::*;

use crate::effect::use_effect_with;

use topolab_engine::share::data_of;
use topolab_engine::Document;

#[wasm_bindgen]
extern "C" {
    /// The Compression Streams API's compressor (web-sys has it only as unstable).
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;
}

/// How many documents' data are kept (the current one, and the few before it
/// whose compression may still be finishing).
const KEPT: usize = 4;

thread_local! {
    static MADE: RefCell<Vec<(Rc<Document>, Rc<str>)>> = const { RefCell::new(Vec::new()) };
}

/// The data of `doc` if it has been made (the very document, not an equal one).
pub fn ready(doc: &Rc<Document>) -> Option<Rc<str>> {
    MADE.with_borrow(|made| {
        made.iter()
            .find(|(d, _)| Rc::ptr_eq(d, doc))
            .map(|(_, data)| data.clone())
    })
}

/// Calls `then` with the data of `doc`: at once if it is made, else once it is.
pub fn with_data(doc: &Rc<Document>, then: impl FnOnce(Rc<str>) + 'static) {
    if let Some(data) = ready(doc) {
        then(data);
        return;
    }
    let doc = doc.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let data: Rc<str> = data_of(&deflate_raw(doc.to_json().as_bytes()).await).into();
        MADE.with_borrow_mut(|made| {
            if !made.iter().any(|(d, _)| Rc::ptr_eq(d, &doc)) {
                if made.len() == KEPT {
                    made.remove(0);
                }
                made.push((doc, data.clone()));
            }
        });
        then(data);
    });
}

/// Makes the data of `doc` ahead of its being asked for.
pub fn prepare(doc: &Rc<Document>) {
    with_data(doc, drop);
}

/// The data of `doc`: `None` only while it is being made (rendering again once it is).
#[hook]
pub fn use_link_data(doc: &Rc<Document>) -> Option<Rc<str>> {
    let made = use_state(|| None::<(Rc<Document>, Rc<str>)>);
    let now = ready(doc);
    {
        let made = made.clone();
        use_effect_with(doc.clone(), move |doc| {
            let for_doc = doc.clone();
            with_data(doc, move |data| made.set(Some((for_doc, data))));
        });
    }
    now.or_else(|| {
        made.as_ref()
            .filter(|(d, _)| Rc::ptr_eq(d, doc))
            .map(|(_, data)| data.clone())
    })
}

/// `bytes` as raw DEFLATE by the browser; stored blocks if it cannot.
async fn deflate_raw(bytes: &[u8]) -> Vec<u8> {
    match browser_deflate(bytes).await {
        Ok(compressed) => compressed,
        Err(_) => stored(bytes),
    }
}

async fn browser_deflate(bytes: &[u8]) -> Result<Vec<u8>, JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let stream = Blob::new_with_u8_array_sequence(&parts)?.stream();
    let pair: ReadableWritablePair = CompressionStream::new("deflate-raw")?.unchecked_into();
    let response = Response::new_with_opt_readable_stream(Some(&stream.pipe_through(&pair)))?;
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// `bytes` as raw DEFLATE without compression (RFC 1951 §3.2.4: stored blocks
/// of at most 65,535 bytes, the last one marked final).
fn stored(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 5 * (bytes.len() / 0xffff + 1));
    let mut blocks = bytes.chunks(0xffff).peekable();
    if blocks.peek().is_none() {
        return vec![1, 0, 0, 0xff, 0xff];
    }
    while let Some(block) = blocks.next() {
        let len = block.len() as u16;
        out.push(u8::from(blocks.peek().is_none()));
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out
}

#[cfg(test)]
mod tests {
    //! Both ways of making the data read back, with the engine's own decoder, as the document.

    use std::rc::Rc;

    use js_sys::Promise;
    use wasm_bindgen::JsValue;
    use wasm_bindgen_futures::JsFuture;
    use wasm_bindgen_test::*;

    use super::{data_of, stored, with_data};
    use topolab_engine::share::decode_document;
    use topolab_engine::{parse_document, Document};

    wasm_bindgen_test_configure!(run_in_browser);

    /// A valid document of `n` chained nodes.
    fn chain(n: usize) -> Document {
        let nodes: Vec<String> = (0..n)
            .map(|i| {
                format!(r#"{{"id": "n{i}", "kind": "service", "label": "Service number {i}"}}"#)
            })
            .collect();
        let links: Vec<String> = (1..n)
            .map(|i| format!(r#"{{"from": "n{}", "to": "n{i}"}}"#, i - 1))
            .collect();
        let json = format!(
            r#"{{"format": "topolab/1", "nodes": [{}], "links": [{}]}}"#,
            nodes.join(","),
            links.join(",")
        );
        parse_document(&json).unwrap_or_else(|problems| panic!("{problems:?}"))
    }

    /// Stored blocks: one short block, and JSON over 65,535 bytes (several blocks).
    #[wasm_bindgen_test]
    fn stored_blocks_open_as_the_document() {
        for n in [3, 1_500] {
            let doc = chain(n);
            let json = doc.to_json();
            assert_eq!(
                n > 3,
                json.len() > 0xffff,
                "{n} nodes: {} bytes",
                json.len()
            );
            let opened = decode_document(&data_of(&stored(json.as_bytes())));
            assert_eq!(opened.ok().as_ref(), Some(&doc), "{n} nodes");
        }
    }

    /// The browser's DEFLATE opens with the engine's inflater, and is smaller than the JSON.
    #[wasm_bindgen_test]
    async fn the_browsers_deflate_opens_as_the_document() {
        let doc = Rc::new(chain(200));
        let mut resolve = None;
        let made = Promise::new(&mut |ok, _| resolve = Some(ok));
        let resolve = resolve.expect("a promise calls its executor at once");
        with_data(&doc, move |data| {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(&data));
        });
        let data = JsFuture::from(made).await.ok().and_then(|d| d.as_string());
        let data = data.expect("the data is made");
        assert!(
            data.len() * 3 < doc.to_json().len(),
            "{} characters",
            data.len()
        );
        assert_eq!(decode_document(&data).ok().as_ref(), Some(&*doc));
        assert!(super::ready(&doc).is_some(), "the data is kept");
    }
}
