//! The interface language (docs/spec/app.md `?lang=`): the address's `?lang=`, else the
//! one the viewer last chose here, else the browser's, else English. Every
//! component reads it with [`use_lang`]; the toolbar's switch changes it.
//!
//! Texts live beside the component that shows them, as
//! [`Localized`] constants written with `l` (`const TITLE: Localized = l("Title", "标题")`)
//! or, where a number goes inside, as a function of the language.

use topolab_engine::i18n::l;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::effect::use_effect_with;

pub use topolab_engine::i18n::{Lang, Localized, Text};

/// Where the viewer's last choice is kept.
const CHOICE_KEY: &str = "topolab.lang";

/// The page's title (the browser's tab): the name stays, Chinese says what it is.
const PAGE_TITLE: Localized = l("Topolab", "Topolab · 系统拓扑实验室");

/// The language in force and how to change it, given to every component.
#[derive(Clone, PartialEq)]
pub struct LangContext {
    pub lang: Lang,
    pub set: Callback<Lang>,
}

/// The interface language (English outside a provider, as in a component test).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<LangContext>().map_or(Lang::En, |c| c.lang)
}

/// The value of `?name=` in the page's address.
pub fn query_value(name: &str) -> Option<String> {
    let search = gloo::utils::window().location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name)
}

/// The language the page opens in.
pub fn initial_lang() -> Lang {
    let from_address = query_value("lang").and_then(|tag| Lang::from_tag(&tag));
    let chosen = || {
        gloo::utils::window()
            .local_storage()
            .ok()
            .flatten()?
            .get_item(CHOICE_KEY)
            .ok()
            .flatten()
            .and_then(|tag| Lang::from_tag(&tag))
    };
    let browser = || {
        let languages = gloo::utils::window().navigator().languages();
        languages
            .iter()
            .filter_map(|tag| tag.as_string())
            .find_map(|tag| Lang::from_tag(&tag))
    };
    from_address
        .or_else(chosen)
        .or_else(browser)
        .unwrap_or_default()
}

/// Makes `lang` the page's: the `<html lang>` attribute (screen readers,
/// fonts), its title, the viewer's kept choice (when `remember`: not in an embed),
/// and `?lang=` in the address when it has one.
pub fn apply(lang: Lang, remember: bool) {
    let window = gloo::utils::window();
    if let Some(document) = window.document() {
        if let Some(html) = document.document_element() {
            let _ = html.set_attribute("lang", lang.as_str());
        }
        document.set_title(PAGE_TITLE.get(lang));
    }
    if remember {
        if let Ok(Some(storage)) = window.local_storage() {
            let _ = storage.set_item(CHOICE_KEY, lang.as_str());
        }
    }
    if query_value("lang").is_none() {
        return;
    }
    let location = window.location();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&location.search().unwrap_or_default())
    else {
        return;
    };
    params.set("lang", lang.as_str());
    let url = format!(
        "{}?{}{}",
        location.pathname().unwrap_or_default(),
        String::from(params.to_string()),
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The page's language, starting from `initial`, made the page's whenever it
/// changes ([`apply`]; remembered when `remember`: an embed never makes its
/// language the reader's choice); the context to provide to every component.
#[hook]
pub fn use_page_lang(initial: Lang, remember: bool) -> LangContext {
    let lang = use_state(|| initial);
    use_effect_with(*lang, move |lang| apply(*lang, remember));
    let setter = lang.setter();
    let set = use_memo((), move |_| Callback::from(move |l: Lang| setter.set(l)));
    LangContext {
        lang: *lang,
        set: (*set).clone(),
    }
}

/// The toolbar's switch: one button a language, the one in force pressed;
/// `set` makes another the page's. A plain function drawn with the toolbar
/// (a component of its own costs the single-file page its size).
pub fn lang_switch(lang: Lang, set: &Callback<Lang>) -> Html {
    let buttons = Lang::ALL.iter().map(|&l| {
        let set = set.clone();
        let (name, title) = match l {
            Lang::En => ("EN", "English"),
            Lang::Zh => ("中文", "简体中文"),
        };
        html! {
            <button aria-pressed={(l == lang).to_string()} lang={l.as_str()} title={title}
                    data-lang={l.as_str()} onclick={move |_| set.emit(l)}>{ name }</button>
        }
    });
    let label = l("Language", "语言");
    html! {
        <div class="lang-switch" role="group" aria-label={label.get(lang)}>{ for buttons }</div>
    }
}
