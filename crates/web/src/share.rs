//! The toolbar's Share menu: "Copy link" puts the page's address, with the
//! whole diagram in its `#d=` (docs/spec/app.md "URL"), on the clipboard and says so;
//! where the browser does not let the page copy, the link is shown selected in
//! its field, ready for Ctrl+C. A page opened from a file (the single-file
//! page) says that its link works only on this computer, and that its `#d=`
//! part works after the address where Topolab is published.

use std::rc::Rc;
use topolab_engine::i18n::l;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::lang::{use_lang, Lang, Localized};
use super::link::{use_link_data, with_data};
use super::popover::Popover;
use super::transfer::copy_text;
use topolab_engine::Document;

const SHARE: Localized = l("Share", "分享");
const SHARE_TITLE: Localized = l("Share a link to this diagram", "分享这张图的链接");
const HEADING: Localized = l("Share this diagram", "分享这张图");
const COPY: Localized = l("Copy link", "复制链接");
const FIELD: Localized = l("Link to this diagram", "这张图的链接");
const COPIED: Localized = l("Link copied to the clipboard.", "链接已复制到剪贴板。");
const LOCAL: Localized = l(
    "A file on this computer: its link opens only here. To share, put the link's part from #d= after the address where Topolab is published, or export the JSON.",
    "本页是本机文件，链接只能在本机打开。分享时请把链接中从 #d= 起的部分接在 Topolab 的发布地址后面，或导出 JSON。",
);
const NOT_COPIED: Localized = l("The browser did not let the page copy: the link is selected in the field, press Ctrl+C (⌘C on a Mac).", "浏览器不允许网页直接复制：链接已在输入框中选中，请按 Ctrl+C（Mac 上按 ⌘C）。");

/// Links longer than this may be cut by a chat or mail program (sharing keeps
/// diagrams of 200 nodes under it).
const LONG_LINK: usize = 8_000;

/// What the link holds, and its length.
fn about(lang: Lang, chars: usize) -> String {
    let long = chars > LONG_LINK;
    match lang {
        Lang::En => format!(
            "The link holds the whole diagram, killed servers included ({chars} characters). \
             Opening it never overwrites the work autosaved in that browser.{}",
            if long {
                " Some chat programs cut links this long: export the JSON file instead."
            } else {
                ""
            }
        ),
        Lang::Zh => format!(
            "链接里就是整张图，包括被停掉的服务器（共 {chars} 个字符）。\
             打开链接不会覆盖对方浏览器里自动保存的图。{}",
            if long {
                "有些聊天软件会截断这么长的链接，可以改为导出 JSON 文件发送。"
            } else {
                ""
            }
        ),
    }
}

/// The page's address with a document's `data` in its `#d=`: what the app keeps in the
/// address bar ([`super::storage::write_address`]), built from the document so
/// it is right even before the first edit (a page opened at `#preset=`).
/// Without `?lang=`: whoever opens it reads the interface in their own language.
pub fn link_to(data: &str) -> String {
    let location = gloo::utils::window().location();
    let query = location
        .search()
        .ok()
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .map(|params| {
            params.delete("lang");
            String::from(params.to_string())
        })
        .filter(|query| !query.is_empty())
        .map(|query| format!("?{query}"))
        .unwrap_or_default();
    format!(
        "{}{}{query}#d={}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        data
    )
}

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub doc: Rc<Document>,
}

/// The toolbar's Share button and its panel.
pub fn share_menu(props: ShareProps, lang: Lang) -> Html {
    html! {
        <Popover label={SHARE.get(lang)} title={SHARE_TITLE.get(lang)} name="share">
            <SharePanel doc={props.doc.clone()} />
        </Popover>
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Not,
    Yes,
    /// The browser refused: the link is selected in its field instead.
    Refused,
}

/// Puts `link` on the clipboard and says how it went; where the browser refuses,
/// selects it in its `field` instead.
fn copy_link(link: String, copied: UseStateHandle<Copied>, field: NodeRef) {
    wasm_bindgen_futures::spawn_local(async move {
        match copy_text(&link).await {
            Ok(()) => copied.set(Copied::Yes),
            Err(_) => {
                copied.set(Copied::Refused);
                if let Some(input) = field.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                    input.select();
                }
            }
        }
    });
}

#[function_component(SharePanel)]
fn share_panel(props: &ShareProps) -> Html {
    let lang = use_lang();
    let data = use_link_data(&props.doc);
    let link = use_memo(data, |data| {
        data.as_deref().map(link_to).unwrap_or_default()
    });
    let copied = use_state(|| Copied::Not);
    let field = use_node_ref();
    {
        // A new diagram, a new link: an old confirmation would be wrong.
        let copied = copied.clone();
        use_effect_with(props.doc.clone(), move |_| copied.set(Copied::Not));
    }
    let on_copy = {
        let (doc, copied, field) = (props.doc.clone(), copied.clone(), field.clone());
        move |_: MouseEvent| {
            let (copied, field) = (copied.clone(), field.clone());
            with_data(&doc, move |data| copy_link(link_to(&data), copied, field));
        }
    };
    let select_all = |e: FocusEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.select();
    };
    let local = link.starts_with("file:");
    let (status, state) = match *copied {
        Copied::Not => ("", ""),
        Copied::Yes => (COPIED.get(lang), "copied"),
        Copied::Refused => (NOT_COPIED.get(lang), "refused"),
    };
    html! {
        <div class="share-panel">
            <h2 class="popover-title">{ HEADING.get(lang) }</h2>
            if !link.is_empty() {
                <p class="popover-note">{ about(lang, link.chars().count()) }</p>
            }
            if local {
                <p class="popover-note" data-share-local="">{ LOCAL.get(lang) }</p>
            }
            <div class="share-row">
                <input ref={field} type="text" readonly=true value={(*link).clone()}
                       aria-label={FIELD.get(lang)} data-share-link="" spellcheck="false"
                       onfocus={select_all} />
                <button type="button" class="primary" onclick={on_copy} data-copy-link=""
                        data-autofocus="">
                    { COPY.get(lang) }
                </button>
            </div>
            <p class={classes!("popover-status", state)} role="status"
               data-share-status={state}>{ status }</p>
        </div>
    }
}
