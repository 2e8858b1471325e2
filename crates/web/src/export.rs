//! The toolbar's Export menu: the diagram as a `topolab/1` JSON
//! file, a standalone SVG (what `topolab render` prints), a PNG at twice that
//! size, and Mermaid flowchart text (a `.mmd` file, or the clipboard). The
//! texts come from [`topolab_engine::export`] with the live statuses; files are
//! downloads of a `Blob`, made in the page: nothing is sent anywhere. And the
//! whole app as one HTML file with the diagram baked in (`ui/single.rs`).

use std::rc::Rc;
use topolab_engine::i18n::l;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::lang::{use_lang, Lang, Localized};
use super::popover::Popover;
use super::transfer::{copy_text, download, download_text, svg_to_png};
use topolab_engine::export::{self, file_name, png_size, Format, PngSize, PNG_SCALE};
use topolab_engine::render::view_box;
use topolab_engine::{Analysis, Document};

const EXPORT: Localized = l("Export", "导出");
const EXPORT_TITLE: Localized = l(
    "Save the diagram as a file: JSON, SVG, PNG, Mermaid or a web page",
    "把图保存为文件：JSON、SVG、PNG、Mermaid 或网页",
);
const HEADING: Localized = l("Export the diagram", "导出这张图");
const BUSY: Localized = l("Drawing the PNG…", "正在生成 PNG…");
const MERMAID_COPIED: Localized = l(
    "Mermaid text copied to the clipboard.",
    "Mermaid 文本已复制到剪贴板。",
);
const MERMAID_NOT_COPIED: Localized = l("The browser did not let the page copy: the text is selected below, press Ctrl+C (⌘C on a Mac).", "浏览器不允许网页直接复制：文本已在下方选中，请按 Ctrl+C（Mac 上按 ⌘C）。");
const MAKING_PAGE: Localized = l("Making the page…", "正在生成网页…");
const NO_PAGE: Localized = l("Not exported: this copy of Topolab has no single-file page to copy (topolab.html, which ./dev release makes beside index.html).", "导出失败：这个 Topolab 副本旁边没有可复制的单文件网页（只有发布构建才带有它）。");
const MERMAID_FIELD: Localized = l("Mermaid text of the diagram", "这张图的 Mermaid 文本");

/// One entry of the menu.
#[derive(Clone, Copy, PartialEq)]
enum Choice {
    Save(Format),
    CopyMermaid,
    /// The app and the diagram in one `.html` file.
    Page,
}

impl Choice {
    const ALL: [Choice; 6] = [
        Choice::Save(Format::Json),
        Choice::Save(Format::Svg),
        Choice::Save(Format::Png),
        Choice::Save(Format::Mermaid),
        Choice::CopyMermaid,
        Choice::Page,
    ];

    /// `data-export` of its button.
    fn name(self) -> &'static str {
        match self {
            Choice::Save(format) => format.extension(),
            Choice::CopyMermaid => "mermaid-copy",
            Choice::Page => "page",
        }
    }

    /// Its button's text and the line under it.
    fn words(self) -> (Localized, Localized) {
        match self {
            Choice::Save(Format::Json) => (
                l("JSON file", "JSON 文件"),
                l(
                    "The topolab/1 document, to open again with Import",
                    "topolab/1 文档，之后可以用“导入”重新打开",
                ),
            ),
            Choice::Save(Format::Svg) => (
                l("SVG image", "SVG 矢量图"),
                l(
                    "A drawing with text as text, as topolab render prints it",
                    "文字保留为文字的矢量图，与 topolab render 的输出相同",
                ),
            ),
            Choice::Save(Format::Png) => (
                l("PNG image (2×)", "PNG 图片（2 倍）"),
                l(
                    "The same drawing at twice its size, for slides and chats",
                    "同一张图放大到 2 倍，适合放进幻灯片或聊天",
                ),
            ),
            Choice::Save(Format::Mermaid) => (
                l("Mermaid file (.mmd)", "Mermaid 文件（.mmd）"),
                l(
                    "Flowchart text for Markdown (GitHub, GitLab, Notion…)",
                    "可嵌入 Markdown 的流程图文本（GitHub、GitLab、Notion 等）",
                ),
            ),
            Choice::CopyMermaid => (
                l("Copy Mermaid text", "复制 Mermaid 文本"),
                l(
                    "The same flowchart text, to the clipboard",
                    "同样的流程图文本，复制到剪贴板",
                ),
            ),
            Choice::Page => (
                l("Download this diagram as a page", "把这张图下载为网页"),
                l(
                    "Topolab and this diagram in one .html file that opens from disk, no server needed",
                    "Topolab 连同这张图放在一个网页文件里，无需服务器，直接从磁盘打开",
                ),
            ),
        }
    }
}

/// What the last choice did.
#[derive(Clone, PartialEq)]
enum Outcome {
    Busy,
    MakingPage,
    /// This copy of the app has no single-file page to make one from.
    NoPage,
    Saved(String),
    SavedPng(String, PngSize),
    Copied,
    /// The browser would not copy: the text is shown selected instead.
    NotCopied(Rc<String>),
    Failed(String),
}

impl Outcome {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Outcome::Busy, _) => BUSY.get(lang).into(),
            (Outcome::MakingPage, _) => MAKING_PAGE.get(lang).into(),
            (Outcome::NoPage, _) => NO_PAGE.get(lang).into(),
            (Outcome::Saved(name), Lang::En) => format!("Downloaded “{name}”."),
            (Outcome::Saved(name), Lang::Zh) => format!("已下载“{name}”。"),
            (Outcome::SavedPng(name, size), Lang::En) => format!(
                "Downloaded “{name}”, {} × {} pixels{}.",
                size.width,
                size.height,
                if size.reduced() {
                    format!(
                        " ({:.2}× rather than {PNG_SCALE}×: a browser cannot draw a larger image)",
                        size.scale
                    )
                } else {
                    String::new()
                }
            ),
            (Outcome::SavedPng(name, size), Lang::Zh) => format!(
                "已下载“{name}”，{} × {} 像素{}。",
                size.width,
                size.height,
                if size.reduced() {
                    format!(
                        "（浏览器画不了更大的图，所以是 {:.2} 倍而不是 {PNG_SCALE} 倍）",
                        size.scale
                    )
                } else {
                    String::new()
                }
            ),
            (Outcome::Copied, _) => MERMAID_COPIED.get(lang).into(),
            (Outcome::NotCopied(_), _) => MERMAID_NOT_COPIED.get(lang).into(),
            (Outcome::Failed(why), Lang::En) => format!("Not exported: {why}."),
            (Outcome::Failed(why), Lang::Zh) => format!("导出失败：{why}。"),
        }
    }

    fn state(&self) -> &'static str {
        match self {
            Outcome::Busy | Outcome::MakingPage => "busy",
            Outcome::Saved(_) | Outcome::SavedPng(..) | Outcome::Copied => "done",
            Outcome::NotCopied(_) => "refused",
            Outcome::Failed(_) | Outcome::NoPage => "failed",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    pub doc: Rc<Document>,
    /// The analysis of `doc`, whose live statuses the drawings show.
    pub analysis: Rc<Analysis>,
}

/// The toolbar's Export button and its panel.
pub fn export_menu(props: ExportProps, lang: Lang) -> Html {
    html! {
        <Popover label={EXPORT.get(lang)} title={EXPORT_TITLE.get(lang)} name="export">
            <ExportPanel doc={props.doc.clone()} analysis={props.analysis.clone()} />
        </Popover>
    }
}

/// Does what `choice` asks; tells `outcome` how it went.
fn run(choice: Choice, doc: Rc<Document>, analysis: Rc<Analysis>, outcome: Callback<Outcome>) {
    let name = |format: Format| file_name(doc.title.as_deref(), format.extension());
    let saved = |format: Format, text: &str| {
        let name = name(format);
        match download_text(&name, text, format.media_type()) {
            Ok(()) => Outcome::Saved(name),
            Err(why) => Outcome::Failed(why),
        }
    };
    match choice {
        Choice::Save(Format::Json) => outcome.emit(saved(Format::Json, &export::json(&doc))),
        Choice::Save(Format::Svg) => {
            outcome.emit(saved(Format::Svg, &export::svg(&doc, &analysis)));
        }
        Choice::Save(Format::Mermaid) => {
            outcome.emit(saved(Format::Mermaid, &export::mermaid(&doc, &analysis)));
        }
        Choice::Save(Format::Png) => {
            outcome.emit(Outcome::Busy);
            let (_, _, width, height) = view_box(&doc);
            let size = png_size(width, height);
            let (svg, name) = (export::svg(&doc, &analysis), name(Format::Png));
            wasm_bindgen_futures::spawn_local(async move {
                let saved = match svg_to_png(&svg, size.width, size.height).await {
                    Ok(png) => download(&name, &png),
                    Err(why) => Err(why),
                };
                outcome.emit(match saved {
                    Ok(()) => Outcome::SavedPng(name, size),
                    Err(why) => Outcome::Failed(why),
                });
            });
        }
        Choice::Page => {
            outcome.emit(Outcome::MakingPage);
            let name = file_name(doc.title.as_deref(), "html");
            wasm_bindgen_futures::spawn_local(async move {
                outcome.emit(match super::single::page_with(&doc).await {
                    None => Outcome::NoPage,
                    Some(page) => match download_text(&name, &page, "text/html") {
                        Ok(()) => Outcome::Saved(name),
                        Err(why) => Outcome::Failed(why),
                    },
                });
            });
        }
        Choice::CopyMermaid => {
            let text = Rc::new(export::mermaid(&doc, &analysis));
            wasm_bindgen_futures::spawn_local(async move {
                outcome.emit(match copy_text(&text).await {
                    Ok(()) => Outcome::Copied,
                    Err(_) => Outcome::NotCopied(text),
                });
            });
        }
    }
}

#[function_component(ExportPanel)]
fn export_panel(props: &ExportProps) -> Html {
    let lang = use_lang();
    let outcome = use_state(|| None::<Outcome>);
    let fallback = use_node_ref();
    let tell = {
        let outcome = outcome.clone();
        use_memo((), move |_| {
            Callback::from(move |o: Outcome| outcome.set(Some(o)))
        })
    };
    {
        // The text the browser would not copy is shown selected.
        let fallback = fallback.clone();
        let refused = matches!(*outcome, Some(Outcome::NotCopied(_)));
        use_effect_with(refused, move |&refused| {
            if let Some(field) = fallback.cast::<HtmlTextAreaElement>().filter(|_| refused) {
                let _ = field.focus();
                field.select();
            }
        });
    }
    let busy = matches!(*outcome, Some(Outcome::Busy | Outcome::MakingPage));
    let items = Choice::ALL.iter().enumerate().map(|(i, &choice)| {
        let (label, detail) = choice.words();
        let onclick = {
            let (doc, analysis, tell) =
                (props.doc.clone(), props.analysis.clone(), (*tell).clone());
            move |_: MouseEvent| run(choice, doc.clone(), analysis.clone(), tell.clone())
        };
        html! {
            <li>
                <button type="button" class="export-item" {onclick} disabled={busy}
                        data-export={choice.name()} data-autofocus={(i == 0).then_some("")}>
                    <span class="export-label">{ label.get(lang) }</span>
                    <span class="export-detail">{ detail.get(lang) }</span>
                </button>
            </li>
        }
    });
    let status = (*outcome).as_ref().map(|o| (o.text(lang), o.state()));
    let refused_text = match &*outcome {
        Some(Outcome::NotCopied(text)) => Some(text.clone()),
        _ => None,
    };
    html! {
        <div class="export-panel">
            <h2 class="popover-title">{ HEADING.get(lang) }</h2>
            <ul class="export-list">{ for items }</ul>
            <p class={classes!("popover-status", status.as_ref().map(|(_, s)| *s))}
               role="status" data-export-status={status.as_ref().map_or("", |(_, s)| *s)}>
                { status.map(|(text, _)| text).unwrap_or_default() }
            </p>
            if let Some(text) = refused_text {
                <textarea ref={fallback} class="export-fallback" readonly=true rows="6"
                          aria-label={MERMAID_FIELD.get(lang)} data-mermaid-text=""
                          value={(*text).clone()} spellcheck="false" />
            }
        </div>
    }
}
