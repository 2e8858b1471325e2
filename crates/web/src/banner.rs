//! The banner under the toolbar: what the page says as it opens (a broken
//! link or autosave, the autosaved work an opened link did not replace, with
//! a button to restore it), how an import went (every note it made listed),
//! a failed autosave, a link that could not be opened, a new backend made a
//! copy of another. One at a time, until dismissed.

use std::rc::Rc;

use topolab_editor::{Action, Aside};
use topolab_engine::i18n::l;
use topolab_engine::import::Note;
use topolab_engine::Document;
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::lang::{Lang, Localized, Text};
use super::mode::PageMode;
use super::startup::{Opening, Source};

const RESTORE: Localized = l("Restore it", "恢复它");
const DISMISS: Localized = l("Dismiss", "关闭");
const NOTES: Localized = l(
    "What the import guessed and left out",
    "导入时的推测与略去的内容",
);

/// A message shown under the toolbar until dismissed.
#[derive(Clone, PartialEq)]
pub struct Banner {
    pub text: Text,
    /// A diagram the banner offers to open instead (the autosave kept aside).
    pub restore: Option<Rc<Document>>,
    /// What an import guessed or left out, every one listed under the text.
    pub notes: Rc<Vec<Note>>,
}

impl Banner {
    /// A banner saying `text`, with nothing to restore or list.
    pub fn says(text: Text) -> Banner {
        Banner {
            text,
            restore: None,
            notes: Rc::default(),
        }
    }

    /// The banner of a failed autosave.
    pub fn autosave_failed(why: &Text) -> Banner {
        Banner::says(Text::of(|lang| match lang {
            Lang::En => format!(
                "Autosave failed: {}. Export your diagram to keep it.",
                why.get(lang)
            ),
            Lang::Zh => format!("自动保存失败：{}。请导出图，以免丢失。", why.get(lang)),
        }))
    }

    /// What the page says of what an action did beyond what was asked.
    pub fn aside(aside: &Aside) -> Banner {
        let Aside::Copied { backend, like } = aside;
        Banner::says(Text::of(|lang| {
            match lang {
            Lang::En => format!("{backend} is now a copy of {like}: same functions, so either serves while the other is down. Undo reverts this."),
            Lang::Zh => format!("{backend} 现在是 {like} 的副本：功能相同，一台宕机另一台照常服务。撤销可还原。"),
        }
        }))
    }

    /// What the page says as it opens: a broken link or autosave, or the
    /// autosaved work the opened link did not replace.
    pub fn on_opening(opened: &Opening, mode: PageMode) -> Option<Banner> {
        // An embed never offers the reader's own work back: it never touches it.
        let Some(saved) = opened.other_autosave.as_ref().filter(|_| !mode.embed) else {
            return opened.notice.clone().map(Banner::says);
        };
        let name = |lang: Lang| match (&saved.title, lang) {
            (Some(title), _) => topolab_engine::presets::title_in(title, lang),
            (None, Lang::En) => format!("{} nodes", saved.nodes.len()),
            (None, Lang::Zh) => format!("{} 个节点", saved.nodes.len()),
        };
        let text = Text::of(|lang| match (&opened.notice, lang) {
            (Some(notice), Lang::En) => format!(
                "{} Your autosaved diagram ({}) is kept.",
                notice.get(lang),
                name(lang)
            ),
            (Some(notice), Lang::Zh) => {
                format!("{}自动保存的图（{}）已保留。", notice.get(lang), name(lang))
            }
            (None, Lang::En) if opened.source == Source::Page => format!(
                "Opened the diagram in this page. Your autosaved diagram ({}) is kept.",
                name(lang)
            ),
            (None, Lang::Zh) if opened.source == Source::Page => format!(
                "已打开此页面中的图。自动保存的图（{}）已另行保留。",
                name(lang)
            ),
            (None, Lang::En) => format!(
                "Opened from the link. Your autosaved diagram ({}) is kept.",
                name(lang)
            ),
            (None, Lang::Zh) => format!(
                "已打开链接中的图。自动保存的图（{}）已另行保留。",
                name(lang)
            ),
        });
        Some(Banner {
            restore: Some(Rc::new(saved.clone())),
            ..Banner::says(text)
        })
    }
}

/// The banner, if there is one: its text, an import's notes, Restore when
/// it offers a diagram back (an `Action::Load` to `dispatch`), and Dismiss
/// (`on_close`, also after a restore).
pub fn banner_view(
    banner: Option<&Banner>,
    on_close: &Callback<()>,
    dispatch: &Callback<Action>,
    lang: Lang,
) -> Html {
    let Some(b) = banner else {
        return Html::default();
    };
    let dismiss = on_close.reform(|_: MouseEvent| ());
    let restore = b.restore.clone().map(|doc| {
        let (dispatch, on_close) = (dispatch.clone(), on_close.clone());
        let onclick = Callback::from(move |_| {
            dispatch.emit(Action::Load(doc.clone()));
            on_close.emit(());
        });
        html! { <button class="banner-action" data-restore="" {onclick}>{ RESTORE.get(lang) }</button> }
    });
    html! {
        <div class="banner" role="status">
            <div class="banner-body">
                <span>{ b.text.get(lang).to_string() }</span>
                { for notes(&b.notes, lang) }
            </div>
            { for restore }
            <button class="banner-close" onclick={dismiss} aria-label={DISMISS.get(lang)}>{ "×" }</button>
        </div>
    }
}

/// An import's notes, each with the place it is about, if any.
fn notes(notes: &[Note], lang: Lang) -> Option<Html> {
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    (!notes.is_empty()).then(|| {
        html! {
            <ul class="banner-notes" data-import-notes={notes.len().to_string()}
                tabindex="0" aria-label={NOTES.get(lang)}>
                { for notes.iter().map(|n| html! {
                    <li data-import-note="" data-left-out={n.kind.is_left_out().to_string()}>
                        if !n.place.is_empty() {
                            <code>{ n.place.clone() }</code>{ colon }
                        }
                        { n.message_in(lang) }
                    </li>
                }) }
            </ul>
        }
    })
}

/// Says an edit's aside (a backend that became a copy, ...) in the banner.
#[hook]
pub fn use_aside_banner(aside: Option<&Aside>, tell: &Callback<Banner>) {
    let tell = tell.clone();
    use_effect_with(aside.cloned(), move |aside| {
        if let Some(aside) = aside {
            tell.emit(Banner::aside(aside));
        }
    });
}
