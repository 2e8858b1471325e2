//! The colour theme (docs/spec/app.md `?theme=`): `light`, `dark` or `projector` (high
//! contrast, large type, thick strokes, for a classroom wall); without one the
//! system's setting (`prefers-color-scheme`) decides. The theme is the
//! `data-theme` attribute of `<html>`, which style/app.css reads; the
//! toolbar's select changes it and keeps it in the address's `?theme=`, so a
//! reload or a copied link shows the same.

use topolab_engine::i18n::l;
use wasm_bindgen::JsValue;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::lang::{query_value, Lang, Localized};

/// A theme of the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Light or dark, as the system is set.
    #[default]
    System,
    Light,
    Dark,
    /// High contrast, large type, thick lines.
    Projector,
}

impl Theme {
    /// Every theme, in the order the select lists them.
    pub const ALL: [Theme; 4] = [Theme::System, Theme::Light, Theme::Dark, Theme::Projector];

    /// The theme `?theme=` names (`system` or `auto` for the system's); `None`
    /// for any other value, which then changes nothing.
    pub fn from_name(name: &str) -> Option<Theme> {
        match name.trim().to_ascii_lowercase().as_str() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "projector" => Some(Theme::Projector),
            "system" | "auto" => Some(Theme::System),
            _ => None,
        }
    }

    /// Its name in `?theme=` and `data-theme`; the system's theme has none.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
            Theme::Projector => Some("projector"),
        }
    }

    fn label(self) -> Localized {
        match self {
            Theme::System => l("Auto", "自动"),
            Theme::Light => l("Light", "浅色"),
            Theme::Dark => l("Dark", "深色"),
            Theme::Projector => l("Projector", "投影"),
        }
    }
}

/// The theme the address asks for.
pub fn initial() -> Theme {
    query_value("theme")
        .and_then(|name| Theme::from_name(&name))
        .unwrap_or_default()
}

/// Makes `theme` the page's: `<html data-theme>` (none for the system's).
pub fn apply(theme: Theme) {
    let Some(html) = gloo::utils::window()
        .document()
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match theme.name() {
        Some(name) => html.set_attribute("data-theme", name),
        None => html.remove_attribute("data-theme"),
    };
}

/// Keeps `theme` in the address's `?theme=` (taken out for the system's),
/// replacing the history entry.
fn remember(theme: Theme) {
    let window = gloo::utils::window();
    let location = window.location();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&location.search().unwrap_or_default())
    else {
        return;
    };
    match theme.name() {
        Some(name) => params.set("theme", name),
        None => params.delete("theme"),
    }
    let query = String::from(params.to_string());
    let url = format!(
        "{}{}{query}{}",
        location.pathname().unwrap_or_default(),
        if query.is_empty() { "" } else { "?" },
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

const LABEL: Localized = l(
    "Theme (Auto follows the system's light or dark setting)",
    "主题（“自动”跟随系统的浅色或深色设置）",
);

/// The toolbar's theme select, showing the address's theme (where a choice is
/// remembered).
pub fn theme_select(lang: Lang) -> Html {
    let theme = initial();
    let onchange = |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        if let Some(chosen) = Theme::from_name(&select.value()) {
            apply(chosen);
            remember(chosen);
        }
    };
    let options = Theme::ALL.iter().map(|&t| {
        let value = t.name().unwrap_or("system");
        html! { <option {value} selected={t == theme}>{ t.label().get(lang) }</option> }
    });
    html! {
        <label class="field theme-field" title={LABEL.get(lang)}>
            <span class="visually-hidden">{ LABEL.get(lang) }</span>
            <select data-theme-select="" {onchange}>{ for options }</select>
        </label>
    }
}
