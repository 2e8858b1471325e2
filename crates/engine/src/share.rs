//! The shared-diagram address, `#d=<data>` (docs/spec/app.md "URL"): the whole document as
//! base64url without padding of the raw-DEFLATE-compressed `topolab/1` JSON.
//!
//! Decoding reads whatever a user pasted, so it never panics: every way the data
//! can be broken (not base64url, not DEFLATE, too large once inflated, not UTF-8,
//! not a valid document) becomes a [`Problem`] a user can act on.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::{DecodeError, Engine};
use miniz_oxide::inflate::{decompress_to_vec_with_limit, DecompressError, TINFLStatus};

use super::document::Document;
use super::parse::parse_document;
use super::validate::Problem;

/// The largest decompressed document an address may hold, in bytes (8 MiB).
///
/// DEFLATE shrinks repetitive text up to about 1,000 times, so an address of
/// two megabytes (Chromium's limit) could otherwise inflate to two gigabytes (a
/// "zip bomb"). A document at docs/spec/model.md §1's limits (2,000 nodes, 20,000
/// links), every field written out, is 1-2 MiB of JSON.
pub const MAX_DECOMPRESSED_BYTES: usize = 8 * 1024 * 1024;

/// DEFLATE level (0-10), zlib's default: on a 2,000-node document levels 9 and
/// 10 save under 0.1% of the output for nearly twice the time (3 ms against 6).
#[cfg(feature = "deflate")]
const COMPRESSION_LEVEL: u8 = 6;

/// The `<data>` of `#d=<data>` for `doc` (docs/spec/app.md "URL"): its compact JSON,
/// raw DEFLATE, base64url without padding. Only `A-Z a-z 0-9 - _` appear, so it
/// needs no percent-encoding in an address.
///
/// Behind the `deflate` feature (on by default, off in the web app, which
/// compresses [`Document::to_json`] with the browser's own
/// `CompressionStream("deflate-raw")` and hands the bytes to [`data_of`]):
/// miniz_oxide's compressor is 3.7 KB of the single-file page, gzipped.
#[cfg(feature = "deflate")]
pub fn encode_document(doc: &Document) -> String {
    let json = doc.to_json();
    data_of(&miniz_oxide::deflate::compress_to_vec(
        json.as_bytes(),
        COMPRESSION_LEVEL,
    ))
}

/// The `<data>` of `#d=<data>` for a document's compact JSON already compressed
/// as raw DEFLATE: base64url without padding.
pub fn data_of(compressed: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(compressed)
}

/// The document in the `<data>` of `#d=<data>` (docs/spec/app.md "URL"), or every problem
/// that stops it loading.
///
/// Lenient where a pasted link is commonly mangled: surrounding whitespace, `=`
/// padding and the standard base64 alphabet (`+`, `/`) are accepted. Anything
/// else wrong (bad base64url, bad or truncated DEFLATE, more than
/// [`MAX_DECOMPRESSED_BYTES`] once inflated, not UTF-8) is one problem with an
/// empty path; a JSON or validation error gives [`parse_document`]'s problems.
pub fn decode_document(data: &str) -> Result<Document, Vec<Problem>> {
    let fail = |(en, zh): (String, String)| Err(vec![Problem::in_both("", en, zh)]);

    let trimmed = data.trim();
    // Both replacements are byte for byte, so error offsets still point into `trimmed`.
    // Byte by byte, not char by char: a 2,000-node link is 40,000 characters,
    // and pushing them one at a time into a String was a visible part of
    // opening it in the browser.
    let normalised: Vec<u8> = trimmed
        .trim_end_matches('=')
        .bytes()
        .map(|c| match c {
            b'+' => b'-',
            b'/' => b'_',
            c => c,
        })
        .collect();
    let compressed = match URL_SAFE_NO_PAD.decode(&normalised) {
        Ok(bytes) => bytes,
        Err(e) => {
            let (en, zh) = describe_base64_error(&e, trimmed);
            return fail((
                format!("the address's diagram is not valid base64url: {en}"),
                format!("链接中的图不是有效的 base64url 数据：{zh}"),
            ));
        }
    };
    if compressed.is_empty() {
        return fail((
            "the address's diagram is empty (nothing after #d=)".to_string(),
            "链接中的图是空的（#d= 后面什么都没有）".to_string(),
        ));
    }
    let json = match decompress_to_vec_with_limit(&compressed, MAX_DECOMPRESSED_BYTES) {
        Ok(bytes) => bytes,
        Err(e) => return fail(describe_inflate_error(&e)),
    };
    let text = match String::from_utf8(json) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            return fail((
                format!(
                    "the address's diagram is not UTF-8 text once decompressed \
                     (invalid byte at position {at})"
                ),
                format!("链接中的图解压后不是 UTF-8 文本（第 {at} 个字节无效）"),
            ));
        }
    };
    parse_document(&text)
}

/// DiagramWords for a base64 error, in English and Chinese; `text` is the trimmed
/// input the offsets point into.
fn describe_base64_error(e: &DecodeError, text: &str) -> (String, String) {
    let char_at = |offset: usize| {
        text.get(offset..)
            .and_then(|rest| rest.chars().next())
            .map_or_else(|| "?".to_string(), |c| format!("{c:?}"))
    };
    match *e {
        DecodeError::InvalidByte(offset, _) => (
            format!(
                "character {} at position {offset} is not one of A-Z a-z 0-9 - _",
                char_at(offset)
            ),
            format!(
                "第 {offset} 位的字符 {} 不在 A-Z a-z 0-9 - _ 之内",
                char_at(offset)
            ),
        ),
        DecodeError::InvalidLength(symbols) => (
            format!(
                "{symbols} characters cannot be a whole base64url text (was the link cut short?)"
            ),
            format!("{symbols} 个字符构不成完整的 base64url 文本（链接是不是没复制全？）"),
        ),
        DecodeError::InvalidLastSymbol { offset, .. } => (
            format!(
                "its last character, {} at position {offset}, cannot end a base64url text \
                 (was the link cut short?)",
                char_at(offset)
            ),
            format!(
                "最后一个字符（第 {offset} 位的 {}）不能作为 base64url 文本的结尾\
                 （链接是不是没复制全？）",
                char_at(offset)
            ),
        ),
        DecodeError::InvalidPadding => (
            "its `=` padding is misplaced".to_string(),
            "其中 `=` 填充的位置不对".to_string(),
        ),
    }
}

/// DiagramWords for an inflate error, in English and Chinese.
fn describe_inflate_error(e: &DecompressError) -> (String, String) {
    match e.status {
        TINFLStatus::HasMoreOutput => {
            let mib = MAX_DECOMPRESSED_BYTES / (1024 * 1024);
            (
                format!(
                    "the address's diagram is larger than the limit of {mib} MiB once \
                     decompressed, so it is refused"
                ),
                format!("链接中的图解压后超过 {mib} MiB 的上限，已拒绝打开"),
            )
        }
        TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => (
            "the address's diagram ends too early: its DEFLATE data is cut short \
             (was the whole link copied?)"
                .to_string(),
            "链接中的图提前结束了：DEFLATE 数据不完整（链接是否完整复制？）".to_string(),
        ),
        status => (
            format!("the address's diagram is not valid raw DEFLATE data ({status:?})"),
            format!("链接中的图不是有效的原始 DEFLATE 数据（{status:?}）"),
        ),
    }
}
