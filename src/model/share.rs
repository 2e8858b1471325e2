//! The shared-diagram address, `#d=<data>` (UI.md "URL"): the whole document as
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
/// "zip bomb"). A document at MODEL.md §1's limits (2,000 nodes, 20,000
/// links), every field written out, is 1-2 MiB of JSON.
pub const MAX_DECOMPRESSED_BYTES: usize = 8 * 1024 * 1024;

/// DEFLATE level (0-10), zlib's default: on a 2,000-node document levels 9 and
/// 10 save under 0.1% of the output for nearly twice the time (3 ms against 6).
const COMPRESSION_LEVEL: u8 = 6;

/// The `<data>` of `#d=<data>` for `doc` (UI.md "URL"): its compact JSON,
/// raw DEFLATE, base64url without padding. Only `A-Z a-z 0-9 - _` appear, so it
/// needs no percent-encoding in an address.
pub fn encode_document(doc: &Document) -> String {
    let json = doc.to_json();
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), COMPRESSION_LEVEL);
    URL_SAFE_NO_PAD.encode(compressed)
}

/// The document in the `<data>` of `#d=<data>` (UI.md "URL"), or every problem
/// that stops it loading.
///
/// Lenient where a pasted link is commonly mangled: surrounding whitespace, `=`
/// padding and the standard base64 alphabet (`+`, `/`) are accepted. Anything
/// else wrong (bad base64url, bad or truncated DEFLATE, more than
/// [`MAX_DECOMPRESSED_BYTES`] once inflated, not UTF-8) is one problem with an
/// empty path; a JSON or validation error gives [`parse_document`]'s problems.
pub fn decode_document(data: &str) -> Result<Document, Vec<Problem>> {
    let fail = |message: String| Err(vec![Problem::new("", message)]);

    let trimmed = data.trim();
    // Both replacements are byte for byte, so error offsets still point into `trimmed`.
    let normalised: String = trimmed
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    let compressed = match URL_SAFE_NO_PAD.decode(normalised.as_bytes()) {
        Ok(bytes) => bytes,
        Err(e) => {
            return fail(format!(
                "the address's diagram is not valid base64url: {}",
                describe_base64_error(&e, trimmed)
            ))
        }
    };
    if compressed.is_empty() {
        return fail("the address's diagram is empty (nothing after #d=)".to_string());
    }
    let json = match decompress_to_vec_with_limit(&compressed, MAX_DECOMPRESSED_BYTES) {
        Ok(bytes) => bytes,
        Err(e) => return fail(describe_inflate_error(&e)),
    };
    let text = match String::from_utf8(json) {
        Ok(text) => text,
        Err(e) => {
            return fail(format!(
                "the address's diagram is not UTF-8 text once decompressed \
                 (invalid byte at position {})",
                e.utf8_error().valid_up_to()
            ))
        }
    };
    parse_document(&text)
}

/// Words for a base64 error; `text` is the trimmed input the offsets point into.
fn describe_base64_error(e: &DecodeError, text: &str) -> String {
    let char_at = |offset: usize| {
        text.get(offset..)
            .and_then(|rest| rest.chars().next())
            .map_or_else(|| "?".to_string(), |c| format!("{c:?}"))
    };
    match *e {
        DecodeError::InvalidByte(offset, _) => format!(
            "character {} at position {offset} is not one of A-Z a-z 0-9 - _",
            char_at(offset)
        ),
        DecodeError::InvalidLength(symbols) => format!(
            "{symbols} characters cannot be a whole base64url text (was the link cut short?)"
        ),
        DecodeError::InvalidLastSymbol { offset, .. } => format!(
            "its last character, {} at position {offset}, cannot end a base64url text \
             (was the link cut short?)",
            char_at(offset)
        ),
        DecodeError::InvalidPadding => "its `=` padding is misplaced".to_string(),
    }
}

/// Words for an inflate error.
fn describe_inflate_error(e: &DecompressError) -> String {
    match e.status {
        TINFLStatus::HasMoreOutput => format!(
            "the address's diagram is larger than the limit of {} MiB once decompressed, \
             so it is refused",
            MAX_DECOMPRESSED_BYTES / (1024 * 1024)
        ),
        TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
            "the address's diagram ends too early: its DEFLATE data is cut short \
             (was the whole link copied?)"
                .to_string()
        }
        status => format!("the address's diagram is not valid raw DEFLATE data ({status:?})"),
    }
}
