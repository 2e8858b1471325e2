//! The `<iframe>` snippet of the Embed dialog: the page's address with
//! `?embed=1` (and `readonly=1`) and the diagram's `#d=`, a size that suits
//! an article's column, the diagram's title, and lazy loading.

/// The frame's width: the article's column.
pub const WIDTH: &str = "100%";
/// The frame's height in pixels: a diagram and its figures strip.
pub const HEIGHT: u32 = 420;

/// Text made safe inside a double-quoted HTML attribute.
pub fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The query of an embedded page's address: `embed=1`, then `readonly=1`
/// when asked, then the interface language when one is given (`lang=zh-CN`).
/// Only the characters of a language tag are kept from `lang`.
pub fn embed_query(readonly: bool, lang: Option<&str>) -> String {
    let mut query = String::from("embed=1");
    if readonly {
        query.push_str("&readonly=1");
    }
    if let Some(tag) =
        lang.filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    {
        query.push_str("&lang=");
        query.push_str(tag);
    }
    query
}

/// The snippet to paste into a page: an `<iframe>` of `src` titled `title`
/// (for screen readers and the frame's tooltip), allowed to go full screen.
/// Both are escaped, so a title with quotes or markup stays text.
pub fn iframe_snippet(src: &str, title: &str) -> String {
    format!(
        "<iframe src=\"{}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" title=\"{}\" loading=\"lazy\" allow=\"fullscreen\" style=\"border:1px solid #d0d7de;border-radius:8px\"></iframe>",
        escape_attribute(src),
        escape_attribute(title)
    )
}
