//! The toolbar over the page (docs/spec/app.md "Toolbar"): New, the presets,
//! Import and Tidy, Export and Share, Undo and Redo, Compare, the
//! diagram's title, the read-only badge, language, theme, Embed, full
//! screen, Lessons and Help. A read-only page keeps only what changes nothing.

use std::rc::Rc;

use topolab_editor::Action;
use topolab_engine::i18n::l;
use topolab_engine::presets::{preset, titled, Preset, PRESETS};
use topolab_engine::{Analysis, Document};
use yew::prelude::*;

use super::embed_view::OpenInEditor;
use super::export::{export_menu, ExportProps};
use super::import::{import_button, Incoming};
use super::lang::{lang_switch, Lang, Localized};
use super::lessons::{lessons_button, Lessons};
use super::mode::{PageMode, READ_ONLY, READ_ONLY_LONG};
use super::share::{share_menu, ShareProps};
use super::theme::theme_select;

const NEW: Localized = l("New", "新建");
const NEW_TIP: Localized = l(
    "Start an empty diagram (undo brings the old one back)",
    "新建一张空白的图（撤销可以找回原来的图）",
);
const TIDY: Localized = l("Tidy", "整理");
const TIDY_TIP: Localized = l(
    "Lay the diagram out again, left to right from its clients (undo puts the nodes back)",
    "重新排布整张图，从客户端开始自左向右（撤销可以把节点放回原处）",
);
const OPEN_PRESET: Localized = l("Open a preset", "打开预设场景");
const PRESETS_MENU: Localized = l("Presets…", "预设场景…");
const UNDO: Localized = l("Undo", "撤销");
const UNDO_TIP: Localized = l("Undo (Ctrl+Z)", "撤销（Ctrl+Z）");
const REDO: Localized = l("Redo", "重做");
const REDO_TIP: Localized = l("Redo (Ctrl+Shift+Z)", "重做（Ctrl+Shift+Z）");
const HELP: Localized = l("Help", "帮助");
const HELP_TIP: Localized = l(
    "Keyboard shortcuts and gestures (?)",
    "键盘快捷键与手势（?）",
);

/// The preset whose title `doc` has (in either language), if any.
fn preset_of(doc: &Document) -> Option<&'static Preset> {
    let title = doc.title.as_deref()?;
    PRESETS
        .iter()
        .find(|p| Lang::ALL.iter().any(|&l| p.title().get(l) == title))
}

/// What the toolbar shows and where its buttons go.
pub struct Toolbar {
    pub doc: Rc<Document>,
    /// The analysis of `doc`, for the exports.
    pub analysis: Rc<Analysis>,
    pub mode: PageMode,
    pub can_undo: bool,
    pub can_redo: bool,
    pub dispatch: Callback<Action>,
    /// Where the Import button's file goes.
    pub import: Callback<Incoming>,
    pub lessons: Lessons,
    /// Makes another language the page's.
    pub set_lang: Callback<Lang>,
    pub on_help: Callback<()>,
    pub on_compare: Callback<()>,
    /// The Embed button ([`super::embed_dialog::use_embed_button`]).
    pub embed_button: Html,
    /// The full-screen button ([`super::fullscreen::use_fullscreen_button`]).
    pub fullscreen: Html,
}

/// The toolbar, in `lang`. A plain function, not a component: it is drawn
/// with the page (a component of its own cost the wasm 4 KB). Its buttons'
/// handlers are made at each render: they are listeners of elements, not
/// properties of components, so nothing re-renders for them.
pub fn toolbar(props: &Toolbar, lang: Lang) -> Html {
    let readonly = props.mode.readonly;
    let doc = &props.doc;
    let open_help = props.on_help.reform(|_: MouseEvent| ());
    let open_compare = props.on_compare.reform(|_: MouseEvent| ());
    let doc_title_tip = preset_of(doc).map(|p| p.description().get(lang));
    html! {
        <header class="toolbar">
            <h1 class="brand">{ "Topolab" }</h1>
            if !readonly {
                { document_buttons(props, lang) }
            }
            { export_menu(ExportProps { doc: doc.clone(), analysis: props.analysis.clone() }, lang) }
            { share_menu(ShareProps { doc: doc.clone() }, lang) }
            if !readonly {
                { undo_buttons(props, lang) }
            }
            <button onclick={open_compare} title={super::compare::OPEN_TITLE.get(lang)}
                    data-compare-open="">{ super::compare::OPEN.get(lang) }</button>
            <span class="doc-title" title={doc_title_tip}>{ doc.title.clone().unwrap_or_default() }</span>
            if readonly {
                <span class="readonly-badge" title={READ_ONLY_LONG.get(lang)}
                      data-readonly-badge="">{ READ_ONLY.get(lang) }</span>
                <OpenInEditor doc={doc.clone()} />
            }
            { lang_switch(lang, &props.set_lang) }
            { theme_select(lang) }
            { props.embed_button.clone() }
            { props.fullscreen.clone() }
            if !readonly {
                { lessons_button(&props.lessons, lang) }
            }
            <button onclick={open_help} title={HELP_TIP.get(lang)} aria-label={HELP.get(lang)}
                    data-help-button="">{ "?" }</button>
        </header>
    }
}

/// New, the presets, Import and Tidy: what replaces the diagram (undoably).
fn document_buttons(props: &Toolbar, lang: Lang) -> Html {
    let new_doc = props
        .dispatch
        .reform(|_: MouseEvent| Action::Load(Rc::new(Document::default())));
    let tidy_doc = props.dispatch.reform(|_: MouseEvent| Action::Tidy);
    // The menu names the preset open, the one the document's title is.
    let open = props.doc.title.as_deref().and_then(titled);
    let menu = open.map_or(PRESETS_MENU, |p| *p.label()).get(lang);
    let on_preset = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(p) = preset(&select.value()) {
                dispatch.emit(Action::Load(Rc::new(p.document_in(lang))));
            } else if let Some(open) = crate::challenge::menu_action(&select.value(), lang) {
                dispatch.emit(open);
            }
            select.set_value("");
        })
    };
    html! {
        <>
            <button onclick={new_doc} title={NEW_TIP.get(lang)} data-new="">{ NEW.get(lang) }</button>
            <label class="field">
                <span class="visually-hidden">{ OPEN_PRESET.get(lang) }</span>
                <select onchange={on_preset} data-presets="">
                    <option value="" selected=true disabled=true data-open-preset={open.map(|p| p.name)}>{ menu }</option>
                    { for PRESETS.iter().map(|p| html! {
                        <option value={p.name} title={p.description().get(lang)}>{ p.label().get(lang) }</option>
                    }) }
                    { crate::challenge::menu_options(lang) }
                </select>
            </label>
            { import_button(&props.import, lang) }
            <button onclick={tidy_doc} title={TIDY_TIP.get(lang)} data-tidy="">{ TIDY.get(lang) }</button>
        </>
    }
}

/// Undo and Redo.
fn undo_buttons(props: &Toolbar, lang: Lang) -> Html {
    let undo = props.dispatch.reform(|_: MouseEvent| Action::Undo);
    let redo = props.dispatch.reform(|_: MouseEvent| Action::Redo);
    html! {
        <>
            <button onclick={undo} disabled={!props.can_undo} title={UNDO_TIP.get(lang)} data-undo="">{ UNDO.get(lang) }</button>
            <button onclick={redo} disabled={!props.can_redo} title={REDO_TIP.get(lang)} data-redo="">{ REDO.get(lang) }</button>
        </>
    }
}
