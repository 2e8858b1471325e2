//! Which diagram the page opens (docs/spec/app.md "URL"): the address's `#d=`, else its
//! `#preset=`, else the diagram baked into the page (the single-file page,
//! `model::page`), else the autosave (not in an embed), else the cluster preset.
//! A broken address never breaks the page: it says what is wrong and opens
//! the next choice. A preset opens in the viewer's language; what is said is
//! said in both, so that it follows a later switch of language.

use topolab_engine::presets::preset;
use topolab_engine::share::decode_document;
use topolab_engine::{parse_document, Document, Problem};

use super::lang::{Lang, Text};
use super::storage;

/// Where the opened diagram came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Address,
    Preset(&'static str),
    /// Baked into the single-file page.
    Page,
    Autosave,
    Default,
}

/// What the page opens with.
#[derive(Clone, Debug, PartialEq)]
pub struct Opening {
    pub doc: Document,
    pub source: Source,
    /// Something the user should know (a broken link, an unreadable autosave).
    pub notice: Option<Text>,
    /// The autosave as found on arrival (kept, never overwritten silently).
    pub autosaved_text: Option<String>,
    /// The autosaved diagram, when the page opened something else and it differs.
    pub other_autosave: Option<Document>,
}

const DEFAULT_PRESET: &str = "cluster";

/// The first three problems in `lang`, and how many more there are.
fn problems_text(problems: &[Problem], lang: Lang) -> String {
    let mut lines: Vec<String> = problems.iter().take(3).map(|p| p.line_in(lang)).collect();
    let more = problems.len().saturating_sub(3);
    if more > 0 {
        lines.push(match lang {
            Lang::En => format!("and {more} more"),
            Lang::Zh => format!("另有 {more} 个问题"),
        });
    }
    lines.join(match lang {
        Lang::En => "; ",
        Lang::Zh => "；",
    })
}

/// The diagram the address names (`#d=`, else `#preset=`, in `lang`) and where
/// it came from, or what is wrong with it; `None` when it names none. Read when
/// the page opens and when the address changes.
pub fn from_address(lang: Lang) -> Option<Result<(Document, Source), Text>> {
    if let Some(data) = storage::address_data() {
        return Some(
            decode_document(&data)
                .map(|doc| (doc, Source::Address))
                .map_err(|problems| {
                    Text::of(|lang| match lang {
                        Lang::En => format!(
                            "The diagram in this link could not be opened: {}.",
                            problems_text(&problems, lang)
                        ),
                        Lang::Zh => {
                            format!("无法打开此链接中的图：{}。", problems_text(&problems, lang))
                        }
                    })
                }),
        );
    }
    let name = storage::address_preset()?;
    Some(
        preset(&name)
            .map(|p| (p.document_in(lang), Source::Preset(p.name)))
            .ok_or_else(|| {
                Text::of(|lang| match lang {
                    Lang::En => format!("There is no preset called {name:?}."),
                    Lang::Zh => format!("没有名为 {name:?} 的预设场景。"),
                })
            }),
    )
}

/// The diagram baked into the page and where it came from, or what is wrong
/// with it; `None` when the page has none.
fn from_page() -> Option<Result<(Document, Source), Text>> {
    let text = storage::baked_text()?;
    Some(
        parse_document(&text)
            .map(|doc| (doc, Source::Page))
            .map_err(|problems| {
                Text::of(|lang| match lang {
                    Lang::En => format!(
                        "The diagram in this page could not be opened: {}.",
                        problems_text(&problems, lang)
                    ),
                    Lang::Zh => {
                        format!("无法打开此页面中的图：{}。", problems_text(&problems, lang))
                    }
                })
            }),
    )
}

/// Decides what the page opens with, a preset in `lang`; without
/// `use_autosave` (an embed) the autosave is neither opened nor read.
pub fn opening(lang: Lang, use_autosave: bool) -> Opening {
    let autosaved_text = if use_autosave {
        storage::autosaved_text()
    } else {
        None
    };
    let autosaved = autosaved_text.as_deref().map(storage::read_autosave);
    // A link to the page names what it shows; without one, the page's own diagram.
    let (chosen, mut notice) = match from_address(lang).or_else(from_page) {
        Some(Ok(chosen)) => (Some(chosen), None),
        Some(Err(notice)) => (None, Some(notice)),
        None => (None, None),
    };
    let (doc, source) = match (chosen, &autosaved) {
        (Some(chosen), _) => chosen,
        (None, Some(Ok(doc))) => (doc.clone(), Source::Autosave),
        (None, autosave) => {
            if let Some(Err(problems)) = autosave {
                notice = Some(Text::of(|lang| {
                    match lang {
                    Lang::En => format!(
                        "Your autosaved diagram could not be read ({}); it is kept in this browser's storage.",
                        problems_text(problems, lang)
                    ),
                    Lang::Zh => format!(
                        "无法读取自动保存的图（{}），它仍保存在本浏览器的存储中。",
                        problems_text(problems, lang)
                    ),
                }
                }));
            }
            let doc = preset(DEFAULT_PRESET)
                .map(|p| p.document_in(lang))
                .unwrap_or_default();
            (doc, Source::Default)
        }
    };
    let other_autosave = match (&source, autosaved) {
        (Source::Address | Source::Preset(_) | Source::Page, Some(Ok(saved))) if saved != doc => {
            Some(saved)
        }
        _ => None,
    };
    Opening {
        doc,
        source,
        notice,
        autosaved_text,
        other_autosave,
    }
}
