//! What an embedded page (`?embed=1`) shows under its diagram: a strip of
//! figures (each function's status and availability, the whole system's) with
//! the automation contract's attributes, a read-only badge, full screen, and
//! the "Open in editor" link: this page's address without `embed` and
//! `readonly`, holding the diagram as it is now in `#d=`.

use std::rc::Rc;
use topolab_engine::i18n::l;

use yew::prelude::*;

use super::lang::{use_lang, Lang, Localized};
use super::link::use_link_data;
use super::mode::{READ_ONLY, READ_ONLY_LONG};
use topolab_engine::drawing::status_mark;
use topolab_engine::units::percent;
use topolab_engine::{Analysis, Document};

const OPEN: Localized = l("Open in editor", "在编辑器中打开");
const OPEN_TIP: Localized = l(
    "Open this diagram, as it is now, in the full editor (a new tab)",
    "在新标签页的完整编辑器中打开这张图（保持当前状态）",
);
const SYSTEM: Localized = l("Every function", "全部功能");
const SYSTEM_TIP: Localized = l(
    "Probability that every function works, and the weighted mean",
    "所有功能同时可用的概率，以及加权平均",
);
const MEAN: Localized = l("mean", "平均");
const FIGURES: Localized = l("Availability", "可用性");
const NO_FUNCTION: Localized = l("No function yet", "还没有功能");

/// This page's address for the full editor with a document's `data` in it: no `embed`,
/// no `readonly`, the rest of the query kept (language, theme).
pub fn editor_href(data: &str) -> Option<String> {
    let href = gloo::utils::window().location().href().ok()?;
    let url = web_sys::Url::new(&href).ok()?;
    let params = url.search_params();
    params.delete("embed");
    params.delete("readonly");
    url.set_search(&String::from(params.to_string()));
    url.set_hash(&format!("d={data}"));
    Some(url.href())
}

#[derive(Properties, PartialEq)]
pub struct OpenInEditorProps {
    pub doc: Rc<Document>,
}

/// The "Open in editor" link (a new tab, no access back to this page).
#[function_component(OpenInEditor)]
pub fn open_in_editor(props: &OpenInEditorProps) -> Html {
    let lang = use_lang();
    let data = use_link_data(&props.doc);
    let href = use_memo(data, |data| data.as_deref().and_then(editor_href));
    let Some(href) = (*href).clone() else {
        return html! {};
    };
    html! {
        <a class="open-editor" {href} target="_blank" rel="noopener" title={OPEN_TIP.get(lang)}
           data-open-editor="">{ OPEN.get(lang) }<span aria-hidden="true">{ " ↗" }</span></a>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedStripProps {
    pub doc: Rc<Document>,
    pub analysis: Rc<Analysis>,
    pub readonly: bool,
    /// The goals, read-only, when the document has some.
    #[prop_or_default]
    pub goals: Html,
    /// The full-screen button.
    #[prop_or_default]
    pub fullscreen: Html,
}

/// The strip under an embedded diagram.
pub fn embed_strip(props: &EmbedStripProps, lang: Lang) -> Html {
    let a = &props.analysis;
    let functions = a.functions.iter().map(|f| {
        let status = f.status.as_str();
        html! {
            <li key={f.id.clone()} data-function-id={f.id.clone()} data-status={status}
                class={classes!("embed-function", format!("status-{status}"))}
                title={format!("{} · {status}", f.label)}>
                <span class="embed-mark" aria-hidden="true">{ status_mark(f.status) }</span>
                <span class="embed-fn-label">{ f.label.clone() }</span>
                <span class="visually-hidden">{ format!(" {status} ") }</span>
                <span class="embed-fn-value" data-availability="">{ percent(f.availability) }</span>
            </li>
        }
    });
    html! {
        <footer class="embed-strip" aria-label={FIGURES.get(lang)}>
            if a.functions.is_empty() {
                <p class="embed-none">{ NO_FUNCTION.get(lang) }</p>
            } else {
                <ul class="embed-functions">{ for functions }</ul>
            }
            { props.goals.clone() }
            <p class="embed-system" title={SYSTEM_TIP.get(lang)}>
                <span class="embed-system-label">{ SYSTEM.get(lang) }</span>
                <span class="embed-system-value" data-system-all="">{ percent(a.system.all) }</span>
                <span class="embed-system-mean">
                    { MEAN.get(lang) }{ " " }<span data-system-mean="">{ percent(a.system.mean) }</span>
                </span>
            </p>
            <span class="embed-tools">
                if props.readonly {
                    <span class="readonly-badge" title={READ_ONLY_LONG.get(lang)} data-readonly-badge="">
                        { READ_ONLY.get(lang) }</span>
                }
                { props.fullscreen.clone() }
                <OpenInEditor doc={props.doc.clone()} />
            </span>
        </footer>
    }
}
