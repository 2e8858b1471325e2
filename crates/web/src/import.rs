//! Importing a diagram: from the toolbar's Import button (a
//! file picker), a file dropped on the canvas, or text pasted anywhere but in a
//! text field. The text is a `topolab/1` document, a docker-compose file,
//! Kubernetes manifests or an OpenTelemetry dependency list, told apart by
//! [`topolab_engine::import::detect`] and read by [`topolab_engine::import::import`]:
//! a refused one says why (its first problems, each naming its place, or the
//! malformed line); an accepted one is an undoable [`Action::Load`], and the banner
//! lists every guess and everything left out (the importer's [`Note`]s, in the
//! interface's language) and says that Undo brings the replaced diagram back. Its autosave is kept aside
//! by the app's persistence effect (`topolab.autosave.previous`), as for any
//! other diagram opened in the page.

use std::rc::Rc;
use topolab_engine::i18n::l;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DragEvent, Element, Event, File, HtmlInputElement};
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::keyboard::editable;
use super::lang::{Lang, Localized, Text};
use super::transfer::read_text;
use topolab_editor::Action;
use topolab_engine::import::{detect, import, Format, ImportError, Note};
use topolab_engine::share::MAX_DECOMPRESSED_BYTES;
use topolab_engine::Problem;

/// The largest file read or text pasted: the same bound as a diagram in an address.
pub const MAX_FILE_BYTES: usize = MAX_DECOMPRESSED_BYTES;
/// Problems listed in a refusal; the rest are counted.
const SHOWN_PROBLEMS: usize = 3;
/// A problem quoting a very long text is cut to this many characters.
const PROBLEM_CHARS: usize = 200;

const IMPORT: Localized = l("Import…", "导入…");
const IMPORT_TITLE: Localized = l("Open a topolab/1 JSON file, a docker-compose file, Kubernetes manifests or an OpenTelemetry dependency list (you can also drop it on the diagram or paste its text); Undo brings the current diagram back", "打开 topolab/1 JSON 文件、docker-compose 文件、Kubernetes 清单或 OpenTelemetry 依赖列表（也可以把文件拖到图上，或直接粘贴文本）；撤销可恢复当前的图");

/// Something to import.
pub enum Incoming {
    /// A file chosen, dropped or pasted.
    File(File),
    /// Text pasted.
    Text(String),
}

/// Where an import came from, as a message names it.
enum Origin {
    File(String),
    Paste,
}

impl Origin {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (Origin::File(name), Lang::En) => format!("the file “{name}”"),
            (Origin::File(name), Lang::Zh) => format!("文件“{name}”"),
            (Origin::Paste, Lang::En) => "the pasted text".into(),
            (Origin::Paste, Lang::Zh) => "粘贴的文本".into(),
        }
    }
}

/// Why an import was refused.
enum Refusal {
    Problems(Vec<Problem>),
    /// Not readable as any format; the reader's words (English, with its line).
    Import(ImportError),
    TooLarge(f64),
    Unreadable(String),
}

/// One problem as a line, cut when it quotes a very long text.
fn line(problem: &Problem) -> String {
    let text = problem.to_string();
    match text.char_indices().nth(PROBLEM_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

fn mib(bytes: f64) -> String {
    format!("{:.1} MiB", bytes / (1024.0 * 1024.0))
}

/// The banner's words for a refused import.
fn refused(origin: &Origin, why: &Refusal, lang: Lang) -> String {
    let from = origin.words(lang);
    let why = match (why, lang) {
        (Refusal::Problems(problems), _) => {
            let mut lines: Vec<String> = problems.iter().take(SHOWN_PROBLEMS).map(line).collect();
            let more = problems.len().saturating_sub(SHOWN_PROBLEMS);
            if more > 0 {
                lines.push(match lang {
                    Lang::En => format!("and {more} more"),
                    Lang::Zh => format!("另有 {more} 个问题"),
                });
            }
            lines.join(if lang == Lang::Zh { "；" } else { "; " })
        }
        (Refusal::Import(ImportError::Unrecognised), Lang::En) => {
            "it is not a topolab/1 document, a docker-compose file, Kubernetes manifests \
             or an OpenTelemetry dependency list"
                .into()
        }
        (Refusal::Import(ImportError::Unrecognised), Lang::Zh) => {
            "它不是 topolab/1 文档、docker-compose 文件、Kubernetes 清单或 OpenTelemetry 依赖列表"
                .into()
        }
        (Refusal::Import(e), _) => e.to_string(),
        (Refusal::TooLarge(bytes), Lang::En) => format!(
            "it is {}, and a diagram file may have at most {}",
            mib(*bytes),
            mib(MAX_FILE_BYTES as f64)
        ),
        (Refusal::TooLarge(bytes), Lang::Zh) => format!(
            "文件大小为 {}，图文件最大只能是 {}",
            mib(*bytes),
            mib(MAX_FILE_BYTES as f64)
        ),
        (Refusal::Unreadable(e), Lang::En) => format!("the browser could not read it ({e})"),
        (Refusal::Unreadable(e), Lang::Zh) => format!("浏览器无法读取（{e}）"),
    };
    match lang {
        Lang::En => format!("Nothing was imported from {from}: {why}."),
        Lang::Zh => format!("没有从{from}导入任何内容：{why}。"),
    }
}

/// The banner's words for an accepted import.
fn accepted(origin: &Origin, title: Option<&str>, nodes: usize, lang: Lang) -> String {
    let from = origin.words(lang);
    match lang {
        Lang::En => format!(
            "Imported “{}” ({nodes} nodes) from {from}. Undo (Ctrl+Z) brings back the diagram it replaced.",
            title.unwrap_or("untitled diagram")
        ),
        Lang::Zh => format!(
            "已从{from}导入“{}”（{nodes} 个节点）。撤销（Ctrl+Z）可以恢复被替换的图。",
            title.unwrap_or("未命名的图")
        ),
    }
}

/// A refusal, said in both languages.
fn refusal(origin: &Origin, why: &Refusal) -> Text {
    Text::of(|lang| refused(origin, why, lang))
}

/// The format's name as the banner says it.
fn format_words(format: Format, lang: Lang) -> &'static str {
    match (format, lang) {
        (Format::Compose, Lang::En) => "docker-compose file",
        (Format::Compose, Lang::Zh) => "docker-compose 文件",
        (Format::Kubernetes, Lang::En) => "Kubernetes manifests",
        (Format::Kubernetes, Lang::Zh) => "Kubernetes 清单",
        (Format::Otel, Lang::En) => "OpenTelemetry dependency list",
        (Format::Otel, Lang::Zh) => "OpenTelemetry 依赖列表",
        (Format::Topolab, _) => "topolab/1",
    }
}

/// The banner's words for an imported compose, Kubernetes or OpenTelemetry text:
/// how many notes there are; the banner lists every one of them below.
fn converted(origin: &Origin, format: Format, nodes: usize, notes: usize, lang: Lang) -> String {
    let from = origin.words(lang);
    let what = format_words(format, lang);
    let noted = match (notes, lang) {
        (0, _) => String::new(),
        (1, Lang::En) => " 1 guess or thing left out, listed below.".to_string(),
        (n, Lang::En) => format!(" {n} guesses and things left out, listed below."),
        (n, Lang::Zh) => format!("{n} 条推测与未能识别的内容，列在下方。"),
    };
    match lang {
        Lang::En => format!(
            "Imported the {what} ({nodes} nodes) from {from}, laid out left to right.{noted} \
             Every guess can be edited; Undo (Ctrl+Z) brings back the diagram it replaced."
        ),
        Lang::Zh => format!(
            "已从{from}导入 {what}（{nodes} 个节点），自左向右排布。{noted}\
             每个推测都可以修改；撤销（Ctrl+Z）可以恢复被替换的图。"
        ),
    }
}

/// What an import tells the banner: its message, and the importer's notes,
/// every one listed (each said in the language in force when read).
#[derive(Clone, Debug, PartialEq)]
pub struct ImportMessage {
    pub text: Text,
    pub notes: Rc<Vec<Note>>,
}

impl From<Text> for ImportMessage {
    fn from(text: Text) -> ImportMessage {
        ImportMessage {
            text,
            notes: Rc::default(),
        }
    }
}

/// What an import ends with: the message, and the action when accepted.
fn import_text(text: &str, origin: &Origin) -> (ImportMessage, Option<Action>) {
    let format = detect(text).unwrap_or(Format::Topolab);
    match import(text, Some(format)) {
        Ok(imported) if format == Format::Topolab => {
            let doc = imported.document;
            (
                Text::of(|lang| accepted(origin, doc.title.as_deref(), doc.nodes.len(), lang))
                    .into(),
                Some(Action::Load(Rc::new(doc))),
            )
        }
        Ok(imported) => {
            let nodes = imported.document.nodes.len();
            let notes = imported.notes;
            let told = ImportMessage {
                text: Text::of(|lang| converted(origin, format, nodes, notes.len(), lang)),
                notes: Rc::new(notes),
            };
            (told, Some(Action::Load(Rc::new(imported.document))))
        }
        Err(ImportError::Invalid(problems)) => {
            (refusal(origin, &Refusal::Problems(problems)).into(), None)
        }
        Err(e) => (refusal(origin, &Refusal::Import(e)).into(), None),
    }
}

/// Whether a data transfer (a drag, a paste) carries files.
pub fn carries_files(data: &web_sys::DataTransfer) -> bool {
    data.types().includes(&"Files".into(), 0)
}

/// The importer: imports what it is given, dispatching the load and telling
/// the banner. Also listens, while the app lives, for JSON pasted outside text
/// fields, and keeps a file dropped beside the canvas from replacing the page.
/// Its messages are said in both languages, so the banner follows a switch.
#[hook]
pub fn use_importer(
    dispatch: Callback<Action>,
    tell: Callback<ImportMessage>,
) -> Callback<Incoming> {
    let import = use_memo((), move |_| {
        Callback::from(move |incoming: Incoming| {
            let (dispatch, tell) = (dispatch.clone(), tell.clone());
            let finish = move |(told, action): (ImportMessage, Option<Action>)| {
                if let Some(action) = action {
                    dispatch.emit(action);
                }
                tell.emit(told);
            };
            match incoming {
                Incoming::Text(text) if text.len() > MAX_FILE_BYTES => {
                    let why = Refusal::TooLarge(text.len() as f64);
                    finish((refusal(&Origin::Paste, &why).into(), None));
                }
                Incoming::Text(text) => finish(import_text(&text, &Origin::Paste)),
                Incoming::File(file) => {
                    let origin = Origin::File(file.name());
                    if file.size() > MAX_FILE_BYTES as f64 {
                        let why = Refusal::TooLarge(file.size());
                        return finish((refusal(&origin, &why).into(), None));
                    }
                    wasm_bindgen_futures::spawn_local(async move {
                        finish(match read_text(&file).await {
                            Ok(text) => import_text(&text, &origin),
                            Err(e) => (refusal(&origin, &Refusal::Unreadable(e)).into(), None),
                        });
                    });
                }
            }
        })
    });
    {
        let import = (*import).clone();
        use_effect_with((), move |_| {
            let document = gloo::utils::document();
            let options = EventListenerOptions::enable_prevent_default();
            let paste = EventListener::new_with_options(&document, "paste", options, move |e| {
                on_paste(e, &import)
            });
            // A file dropped anywhere but on the canvas would make the browser
            // leave the page to show it: refuse the drop there instead.
            let window = gloo::utils::window();
            let guard = |name| {
                EventListener::new_with_options(&window, name, options, |e: &Event| {
                    let Some(drag) = e.dyn_ref::<DragEvent>() else {
                        return;
                    };
                    if let Some(data) = drag.data_transfer().filter(carries_files) {
                        if !e.default_prevented() {
                            e.prevent_default();
                            data.set_drop_effect("none");
                        }
                    }
                })
            };
            let guards = [guard("dragover"), guard("drop")];
            move || drop((paste, guards))
        });
    }
    (*import).clone()
}

/// A paste outside a text field: a pasted `.json` file, or text that looks
/// like a JSON document, is imported; anything else is left alone.
fn on_paste(e: &Event, import: &Callback<Incoming>) {
    if editable(e.target()) {
        return;
    }
    let Some(data) = e
        .dyn_ref::<ClipboardEvent>()
        .and_then(|e| e.clipboard_data())
    else {
        return;
    };
    if let Some(file) = data.files().and_then(|files| files.get(0)) {
        e.prevent_default();
        import.emit(Incoming::File(file));
        return;
    }
    let text = data.get_data("text/plain").unwrap_or_default();
    if detect(&text).is_some() {
        e.prevent_default();
        import.emit(Incoming::Text(text));
    }
}

/// The toolbar's Import button and its file picker (the `<input>` right after it).
pub fn import_button(on_import: &Callback<Incoming>, lang: Lang) -> Html {
    let open = |e: MouseEvent| {
        let button: Element = e.target_unchecked_into();
        let picker = button.next_element_sibling();
        if let Some(input) = picker.and_then(|p| p.dyn_into::<HtmlInputElement>().ok()) {
            input.click();
        }
    };
    let chosen = {
        let on_import = on_import.clone();
        move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                on_import.emit(Incoming::File(file));
            }
            // The same file chosen again is a new import.
            input.set_value("");
        }
    };
    html! {
        <>
            <button type="button" onclick={open} title={IMPORT_TITLE.get(lang)}
                    data-import="">{ IMPORT.get(lang) }</button>
            <input type="file" accept=".json,.yml,.yaml,application/json,application/yaml" hidden=true
                   tabindex="-1" onchange={chosen} data-import-input="" />
        </>
    }
}
