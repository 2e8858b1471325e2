//! What a diagram is exported as, the same for the app's
//! Export menu and the CLI's `topolab render`: the `topolab/1` JSON, the
//! standalone SVG and the Mermaid text, each with the live statuses of
//! [`analyze`](super::analyze); the PNG's pixel size; a file name from the title.

use super::analysis::{Analysis, Status};
use super::document::Document;
use super::mermaid::render_mermaid;
use super::render::render_svg;

/// What a diagram can be exported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The `topolab/1` document (docs/spec/model.md §1), to import again.
    Json,
    /// The standalone drawing of [`render_svg`].
    Svg,
    /// That drawing as an image, [`PNG_SCALE`] times its size.
    Png,
    /// The flowchart of [`render_mermaid`].
    Mermaid,
}

impl Format {
    /// The file name's extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Mermaid => "mmd",
        }
    }

    /// The file's media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Svg => "image/svg+xml",
            Format::Png => "image/png",
            // Mermaid has no registered type; its files are plain text.
            Format::Mermaid => "text/plain;charset=utf-8",
        }
    }
}

/// The document as a file: pretty `topolab/1` JSON, ending with a newline.
pub fn json(doc: &Document) -> String {
    doc.to_json_pretty() + "\n"
}

/// The standalone SVG with each node's live status (what `topolab render` prints).
pub fn svg(doc: &Document, analysis: &Analysis) -> String {
    render_svg(doc, &analysis.node_statuses())
}

/// The Mermaid flowchart with each node's live status
/// (what `topolab render --format mermaid` prints).
pub fn mermaid(doc: &Document, analysis: &Analysis) -> String {
    let statuses: Vec<Status> = analysis.nodes.iter().map(|n| n.status()).collect();
    render_mermaid(doc, &statuses)
}

/// The longest file name stem made from a title, in characters (a title may
/// have 200, and a Chinese character takes 3 of a file system's 255 bytes).
pub const MAX_STEM_CHARS: usize = 80;

/// The stem of a diagram without a title.
pub const UNTITLED_STEM: &str = "topolab-diagram";

/// Characters no file name may hold on some system (Windows is the strictest).
fn forbidden(c: char) -> bool {
    matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control()
}

/// Invisible characters that reorder text: `…\u{202E}nosj.png` would read as a
/// `.json` file's name turned into something else.
fn reorders_text(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Names Windows keeps for devices, whatever the extension.
fn reserved_on_windows(stem: &str) -> bool {
    let base = stem.split('.').next().unwrap_or(stem).to_ascii_uppercase();
    matches!(base.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((base.starts_with("COM") || base.starts_with("LPT"))
            && base.len() == 4
            && base.as_bytes()[3].is_ascii_digit())
}

/// `<title>.<extension>`, the title made safe as a file name on every system:
/// characters a file system refuses become spaces, runs of spaces one, no
/// leading or trailing dot or space, at most [`MAX_STEM_CHARS`] characters;
/// [`UNTITLED_STEM`] when nothing is left.
pub fn file_name(title: Option<&str>, extension: &str) -> String {
    let mut stem = String::new();
    let (mut chars, mut gap) = (0, false);
    for c in title.unwrap_or_default().chars() {
        if reorders_text(c) {
            continue;
        }
        if forbidden(c) || c.is_whitespace() {
            gap = true;
            continue;
        }
        if chars + usize::from(gap && chars > 0) + 1 > MAX_STEM_CHARS {
            break;
        }
        if gap && chars > 0 {
            stem.push(' ');
            chars += 1;
        }
        gap = false;
        stem.push(c);
        chars += 1;
    }
    let mut stem = stem.trim_matches(['.', ' ']).to_string();
    if stem.is_empty() {
        stem = UNTITLED_STEM.to_string();
    } else if reserved_on_windows(&stem) {
        stem.push('_');
    }
    format!("{stem}.{extension}")
}

/// How much larger than the drawing the PNG is.
pub const PNG_SCALE: f64 = 2.0;
/// The longest side of a canvas every major browser draws.
pub const MAX_PNG_SIDE: u32 = 16_384;
/// The most pixels of a canvas every major browser draws (4096², Safari on
/// iOS; Chromium and Firefox allow more).
pub const MAX_PNG_PIXELS: f64 = 16_777_216.0;

/// The PNG's size in pixels and the scale that gives it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PngSize {
    pub width: u32,
    pub height: u32,
    /// [`PNG_SCALE`], or less when a diagram that large would exceed a
    /// browser's canvas ([`MAX_PNG_SIDE`], [`MAX_PNG_PIXELS`]).
    pub scale: f64,
}

impl PngSize {
    /// Whether the image is smaller than [`PNG_SCALE`] times the drawing.
    pub fn reduced(&self) -> bool {
        self.scale < PNG_SCALE
    }
}

/// The PNG of a drawing `width` × `height` CSS pixels (the SVG's size, see
/// [`super::render::view_box`]): twice that, unless a browser could not draw it.
pub fn png_size(width: f64, height: f64) -> PngSize {
    // `max` also turns a NaN into 1.
    let (w, h) = (width.max(1.0), height.max(1.0));
    let side = f64::from(MAX_PNG_SIDE);
    let scale = PNG_SCALE
        .min(side / w)
        .min(side / h)
        .min((MAX_PNG_PIXELS / (w * h)).sqrt());
    // Rounded down (a hair above, so that 2 × 261.5 is 523): never over a limit.
    let pixels = |v: f64| ((v * scale + 1e-6).floor() as u32).clamp(1, MAX_PNG_SIDE);
    PngSize {
        width: pixels(w),
        height: pixels(h),
        scale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_names_the_file() {
        assert_eq!(file_name(Some("Shop"), "json"), "Shop.json");
        assert_eq!(
            file_name(
                Some("Cluster: the same app on three servers behind a load balancer"),
                "svg"
            ),
            "Cluster the same app on three servers behind a load balancer.svg"
        );
        assert_eq!(
            file_name(Some("集群：三台服务器"), "png"),
            "集群：三台服务器.png"
        );
    }

    #[test]
    fn no_title_or_nothing_usable_gives_the_untitled_name() {
        for title in [None, Some(""), Some("   "), Some("..."), Some("/:*?<>|")] {
            assert_eq!(
                file_name(title, "json"),
                "topolab-diagram.json",
                "{title:?}"
            );
        }
    }

    #[test]
    fn characters_a_file_system_refuses_become_one_space() {
        assert_eq!(
            file_name(Some(r#"a/b\c:d*e?f"g<h>i|j"#), "json"),
            "a b c d e f g h i j.json"
        );
        assert_eq!(
            file_name(Some("tab\there\nnew  line"), "json"),
            "tab here new line.json"
        );
        assert_eq!(
            file_name(Some("<script>alert(1)</script>"), "svg"),
            "script alert(1) script.svg"
        );
    }

    #[test]
    fn no_leading_or_trailing_dot_and_no_reordering_characters() {
        assert_eq!(file_name(Some(".hidden."), "json"), "hidden.json");
        assert_eq!(file_name(Some("evil\u{202E}gnp"), "json"), "evilgnp.json");
    }

    #[test]
    fn names_windows_keeps_for_devices_are_changed() {
        assert_eq!(file_name(Some("CON"), "json"), "CON_.json");
        assert_eq!(file_name(Some("lpt1"), "json"), "lpt1_.json");
        assert_eq!(file_name(Some("Console"), "json"), "Console.json");
    }

    #[test]
    fn a_long_title_is_cut_at_the_limit() {
        let title = "x".repeat(200);
        assert_eq!(
            file_name(Some(&title), "json"),
            format!("{}.json", "x".repeat(80))
        );
        let title = "服".repeat(200);
        let name = file_name(Some(&title), "json");
        assert_eq!(name.chars().count(), MAX_STEM_CHARS + ".json".len());
        // Cut where a word ends is not needed, but never with a space left at the end.
        let title = format!("{} tail", "y".repeat(79));
        assert_eq!(
            file_name(Some(&title), "json"),
            format!("{}.json", "y".repeat(79))
        );
    }

    #[test]
    fn the_png_is_twice_the_drawing() {
        assert_eq!(
            png_size(700.0, 312.0),
            PngSize {
                width: 1400,
                height: 624,
                scale: 2.0
            }
        );
        // Half units (a node's centre between two pixels) double to whole pixels.
        let size = png_size(261.5, 100.5);
        assert_eq!((size.width, size.height), (523, 201));
        assert!(!size.reduced());
    }

    #[test]
    fn a_png_too_large_for_a_browser_is_drawn_smaller() {
        // 2,000 nodes spread wide: twice would be 24,000 × 8,000 pixels.
        let size = png_size(12_000.0, 4_000.0);
        assert!(size.reduced());
        assert!(size.width <= MAX_PNG_SIDE && size.height <= MAX_PNG_SIDE);
        assert!(f64::from(size.width) * f64::from(size.height) <= MAX_PNG_PIXELS);
        // The same shape.
        let ratio = f64::from(size.width) / f64::from(size.height);
        assert!((ratio - 3.0).abs() < 0.01, "{ratio}");
        // One very long side: limited by the side, not the area.
        let size = png_size(20_000.0, 10.0);
        assert_eq!(size.width, MAX_PNG_SIDE);
    }

    #[test]
    fn a_png_of_a_degenerate_size_is_at_least_one_pixel() {
        for (w, h) in [
            (0.0, 0.0),
            (f64::NAN, 10.0),
            (f64::INFINITY, 10.0),
            (1e300, 1e300),
        ] {
            let size = png_size(w, h);
            assert!(size.width >= 1 && size.height >= 1, "{w} {h}: {size:?}");
            assert!(size.width <= MAX_PNG_SIDE && size.height <= MAX_PNG_SIDE);
        }
    }

    #[test]
    fn each_format_has_its_extension_and_type() {
        assert_eq!(Format::Json.extension(), "json");
        assert_eq!(Format::Svg.media_type(), "image/svg+xml");
        assert_eq!(Format::Png.extension(), "png");
        assert_eq!(Format::Mermaid.extension(), "mmd");
    }
}
