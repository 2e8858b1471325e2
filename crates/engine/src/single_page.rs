//! The single-file page: `dist/topolab.html`, the whole app in one file
//! that opens from disk (made by `tools/single.mjs`), with a diagram baked in.
//! The diagram is the `topolab/1` JSON inside the page's
//! `<script type="application/json" id="topolab-document">`, empty when none is
//! baked; the app opens it when the address names no diagram (`ui/startup.rs`).
//! The app's "Download this diagram as a page" and `topolab render --html` both
//! bake through [`bake`].

use super::export;
use super::Document;

/// The `id` of the element that holds the baked diagram.
pub const DOCUMENT_ID: &str = "topolab-document";

/// The opening tag of the element that holds the baked diagram.
pub const DOCUMENT_TAG: &str = r#"<script type="application/json" id="topolab-document">"#;

/// What is wrong with a page that was to be baked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageError {
    /// The page has no `topolab-document` element: not Topolab's single-file page.
    NotTheApp,
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageError::NotTheApp => f.write_str(
                "not Topolab's single-file page (no <script id=\"topolab-document\">): make it with ./dev release (dist/topolab.html)",
            ),
        }
    }
}

/// Where the baked diagram's text lies in `page`: after [`DOCUMENT_TAG`], up to
/// the next `</script>`.
fn document_span(page: &str) -> Option<(usize, usize)> {
    let start = page.find(DOCUMENT_TAG)? + DOCUMENT_TAG.len();
    let len = page[start..].find("</script>")?;
    Some((start, start + len))
}

/// `doc`'s JSON as the text of a `<script>`: every `<` written `\u003c` (only
/// strings can hold one), so no label can end the element or open a comment.
pub fn script_json(doc: &Document) -> String {
    export::json(doc).replace('<', "\\u003c")
}

/// `page` (the single-file page) with `doc` baked in, in place of any diagram it held.
pub fn bake(page: &str, doc: &Document) -> Result<String, PageError> {
    let (start, end) = document_span(page).ok_or(PageError::NotTheApp)?;
    let json = script_json(doc);
    let mut out = String::with_capacity(page.len() + json.len());
    out.push_str(&page[..start]);
    out.push_str(&json);
    out.push_str(&page[end..]);
    Ok(out)
}

/// The text of the diagram baked into `page`, `None` when none is (or it is not the page).
pub fn baked(page: &str) -> Option<&str> {
    let (start, end) = document_span(page)?;
    Some(page[start..end].trim()).filter(|text| !text.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_document;
    use crate::presets::preset;

    const PAGE: &str = "<!doctype html><html><head><script type=\"application/json\" id=\"topolab-document\"></script>\n<script type=\"module\">boot()</script></head><body></body></html>";

    #[test]
    fn bakes_a_diagram_and_reads_it_back() {
        let doc = preset("cluster").expect("cluster preset").document();
        assert_eq!(baked(PAGE), None);
        let page = bake(PAGE, &doc).expect("bakes");
        let text = baked(&page).expect("baked");
        assert_eq!(parse_document(text).expect("parses"), doc);
        assert!(page.ends_with(
            "</script>\n<script type=\"module\">boot()</script></head><body></body></html>"
        ));
        // Baking again replaces the diagram, it does not add one.
        let mut other = doc.clone();
        other.title = Some("Another".into());
        let again = bake(&page, &other).expect("bakes again");
        assert_eq!(again.matches(DOCUMENT_TAG).count(), 1);
        assert_eq!(
            parse_document(baked(&again).expect("baked")).expect("parses"),
            other
        );
    }

    #[test]
    fn a_label_cannot_end_the_script() {
        let mut doc = preset("cluster").expect("cluster preset").document();
        doc.title = Some("</script><script>alert(1)</script><!--".into());
        let page = bake(PAGE, &doc).expect("bakes");
        assert!(!page.contains("alert(1)</script>"));
        assert!(!page.contains("<!--"));
        let text = baked(&page).expect("baked");
        assert_eq!(parse_document(text).expect("parses").title, doc.title);
    }

    #[test]
    fn another_page_is_refused() {
        let doc = Document::default();
        assert_eq!(
            bake("<html><body>hello</body></html>", &doc),
            Err(PageError::NotTheApp)
        );
        assert_eq!(baked("<html></html>"), None);
    }
}
