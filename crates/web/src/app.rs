//! The app's root: the editor state in a reducer, the analysis memoised on the
//! topology's revision, persistence in effects, and the page layout.

use std::collections::HashSet;
use std::rc::Rc;
use topolab_engine::i18n::l;

use yew::prelude::*;

use super::canvas::{Canvas, NodeFacts};
use super::compare::CompareView;
use super::coupling::CouplingTable;
use super::embed_dialog::EmbedButton;
use super::embed_view::{EmbedStrip, OpenInEditor};
use super::export::ExportMenu;
use super::fullscreen::FullscreenButton;
use super::help::HelpOverlay;
use super::import::{use_importer, ImportButton, ImportMessage, Incoming};
use super::inspector::Inspector;
use super::lang::{Lang, LangContext, LangSwitch, Localized, Text};
use super::lessons::{use_lessons, LessonChooser, LessonPanel, LessonsButton};
use super::mode::{PageMode, RefusalNotice, Refusals, READ_ONLY, READ_ONLY_LONG};
use super::panel::{AnalysisPanel, Blast};
use super::share::ShareMenu;
use super::split::SplitDialog;
use super::startup::{opening, Opening, Source};
use super::storage;
use super::theme::ThemeSelect;
use super::traffic::TrafficBar;
use topolab_editor::{Action, EditorState};
use topolab_engine::analysis::{analyze, nodes_down_with};
use topolab_engine::import::Note;
use topolab_engine::layout::tidy;
use topolab_engine::presets::{preset, Preset, PRESETS};
use topolab_engine::{Analysis, Document};

const NEW: Localized = l("New", "新建");
const TIDY: Localized = l("Tidy", "整理");
const TIDY_TIP: Localized = l(
    "Lay the diagram out again, left to right from its clients (undo puts the nodes back)",
    "重新排布整张图，从客户端开始自左向右（撤销可以把节点放回原处）",
);
const NEW_TIP: Localized = l(
    "Start an empty diagram (undo brings the old one back)",
    "新建一张空白的图（撤销可以找回原来的图）",
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
const SIDE: Localized = l("Analysis and inspector", "分析与检查器");
const RESTORE: Localized = l("Restore it", "恢复它");
const DISMISS: Localized = l("Dismiss", "关闭");
const NOTES: Localized = l(
    "What the import guessed and left out",
    "导入时的推测与略去的内容",
);

/// The banner of a failed autosave.
fn autosave_failed(why: &Text) -> Text {
    Text::of(|lang| match lang {
        Lang::En => format!(
            "Autosave failed: {}. Export your diagram to keep it.",
            why.get(lang)
        ),
        Lang::Zh => format!("自动保存失败：{}。请导出图，以免丢失。", why.get(lang)),
    })
}

/// The preset whose title `doc` has (in either language), if any.
fn preset_of(doc: &Document) -> Option<&'static Preset> {
    let title = doc.title.as_deref()?;
    PRESETS
        .iter()
        .find(|p| Lang::ALL.iter().any(|&l| p.title().get(l) == title))
}

/// The reducer's state is the plain-Rust editor state.
#[derive(PartialEq)]
pub struct Editor(pub EditorState);

impl Reducible for Editor {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Editor(self.0.apply(action)))
    }
}

/// A message shown under the toolbar until dismissed.
#[derive(Clone, PartialEq)]
struct Banner {
    text: Text,
    /// A diagram the banner offers to open instead (the autosave kept aside).
    restore: Option<Rc<Document>>,
    /// What an import guessed or left out, every one listed under the text.
    notes: Rc<Vec<Note>>,
}

impl Banner {
    /// A banner saying `text`, with nothing to restore or list.
    fn says(text: Text) -> Banner {
        Banner {
            text,
            restore: None,
            notes: Rc::default(),
        }
    }
}

/// What the page opens with, read before the app is mounted (see [`super::start`]).
pub struct Start {
    /// The interface language the page opens in.
    pub lang: Lang,
    /// `?embed=1`, `?readonly=1`.
    pub mode: PageMode,
    pub opening: Opening,
    /// The analysis of the opened document.
    pub analysis: Rc<Analysis>,
}

impl Start {
    /// Reads the language, the address and the autosave, and analyses what they open.
    pub fn read() -> Start {
        let mode = PageMode::read();
        let lang = super::lang::initial_lang();
        // An embed shows the article's diagram, never the reader's own work.
        let opening = opening(lang, !mode.embed);
        let analysis = Rc::new(analyze(&opening.doc));
        Start {
            lang,
            mode,
            opening,
            analysis,
        }
    }
}

#[derive(Properties, Clone, Default)]
pub struct AppProps {
    /// What the page opens with; read on mounting when absent.
    #[prop_or_default]
    pub start: Option<Rc<Start>>,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        match (&self.start, &other.start) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let start = use_memo((), {
        let given = props.start.clone();
        move |_| given.unwrap_or_else(|| Rc::new(Start::read()))
    });
    // The document is copied once, when the reducer starts (not on every render).
    let editor = use_reducer({
        let start = start.clone();
        move || Editor(EditorState::new(start.opening.doc.clone()))
    });
    let mode = start.mode;
    let refusals = use_reducer(Refusals::default);
    let dispatch = {
        let (dispatcher, refused) = (editor.dispatcher(), refusals.dispatcher());
        use_memo((), move |_| {
            super::mode::guarded(mode, move |a| dispatcher.dispatch(a), refused)
        })
    };
    let banner = use_state({
        let start = start.clone();
        move || initial_banner(&start.opening, mode)
    });
    let help_open = use_state(|| false);
    // The service the split dialog is open on, the document the last
    // applied split replaced (a natural B to compare with), the compare view.
    let split_for = use_state(|| None::<AttrValue>);
    let before_split = use_state(|| None::<Rc<Document>>);
    let compare_open = use_state(|| false);
    let hovered = use_state(|| None::<AttrValue>);
    let lang = use_state({
        let start = start.clone();
        move || start.lang
    });
    // An embed never makes its language the reader's choice.
    use_effect_with(*lang, move |lang| super::lang::apply(*lang, !mode.embed));
    let lang_context = {
        let setter = lang.setter();
        let set = use_memo((), move |_| Callback::from(move |l: Lang| setter.set(l)));
        LangContext {
            lang: *lang,
            set: (*set).clone(),
        }
    };
    {
        // `window.topolab` and the embedding page's messages, for as long as
        // the app is mounted.
        let calls = super::api::Calls::new(editor.clone(), mode.readonly);
        use_effect_with((), move |_| {
            let api = super::api::install(calls.clone());
            let messages = super::messages::listen(calls);
            move || drop((api, messages))
        });
    }
    let state = &editor.0;
    let doc = state.doc().clone();
    // The diagram shows first; the side column's tables a frame later.
    let painted = super::after_paint::use_painted();
    // The traffic animation draws in the canvas's overlay; its live
    // figures reach the function rows.
    let traffic_hub = use_memo((), |_| super::traffic::TrafficHub::default());
    let live = use_state(|| None::<Rc<super::traffic::Live>>);
    let on_live = {
        let setter = live.setter();
        use_memo((), move |_| {
            Callback::from(move |l: Option<Rc<super::traffic::Live>>| setter.set(l))
        })
    };

    let lessons = use_lessons(&doc, *lang, &dispatch);

    // Persistence: after a change the user made, the autosave and the address
    // follow. Opening a link or a preset writes nothing until it is edited; an
    // embed writes neither (an article must not overwrite the reader's work).
    // During a lesson only the address follows: its diagrams are not the
    // user's work, and must not push that out of the autosave. Undoing back
    // to the opened diagram is a change too (it has a redo).
    {
        let banner = banner.clone();
        let written_loads = use_mut_ref(|| None::<u64>);
        let edited = state.can_undo() || state.can_redo();
        let loads = state.load_count();
        let in_lesson = lessons.is_open();
        use_effect_with(doc.clone(), move |doc| {
            if edited && !mode.embed && in_lesson {
                storage::write_address(doc);
            } else if edited && !mode.embed {
                // The first write of the page, and the first after another diagram
                // was opened, keep the diagram they replace.
                let replacing = written_loads.borrow_mut().replace(loads) != Some(loads);
                let found = if replacing {
                    storage::autosaved_text()
                } else {
                    None
                };
                if let Err(why) = storage::autosave(doc, found.as_deref(), replacing) {
                    banner.set(Some(Banner::says(autosave_failed(&why))));
                }
                storage::write_address(doc);
            }
        });
    }

    // A link pasted into the address bar of an open page opens its diagram
    // (undoable, and the autosave keeps the one it replaces); a preset opens
    // in the language in force.
    {
        let (dispatch, banner) = ((*dispatch).clone(), banner.clone());
        use_effect_with(*lang, move |&lang| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                    match super::startup::from_address(lang) {
                        Some(Ok((doc, _))) => dispatch.emit(Action::Load(Rc::new(doc))),
                        Some(Err(text)) => banner.set(Some(Banner::says(text))),
                        None => {}
                    }
                });
            move || drop(listener)
        });
    }

    // Imports (file picker, drop, paste) say how they went in the banner.
    let tell = {
        let banner = banner.clone();
        use_memo((), move |_| {
            Callback::from(move |told: ImportMessage| {
                banner.set(Some(Banner {
                    notes: told.notes,
                    ..Banner::says(told.text)
                }))
            })
        })
    };
    let import = use_importer((*dispatch).clone(), (*tell).clone());
    let on_file = {
        let import = import.clone();
        use_memo((), move |_| import.reform(Incoming::File))
    };

    let on_help = {
        let help_open = help_open.clone();
        use_memo((), move |_| Callback::from(move |()| help_open.set(true)))
    };
    let keys = super::keyboard::use_keys(&state.selection, &lessons, &dispatch, &on_help);

    // The one place the engine runs: again only when the topology changed.
    let analysis = use_memo(state.topology_rev(), {
        let (doc, first) = (doc.clone(), start.analysis.clone());
        move |rev| match rev {
            // The opened document, analysed before the app was mounted.
            0 => first,
            _ => Rc::new(analyze(&doc)),
        }
    });
    let facts = use_memo(state.topology_rev(), {
        let analysis = analysis.clone();
        move |_| {
            Rc::new(
                analysis
                    .nodes
                    .iter()
                    .map(|n| NodeFacts {
                        status: n.status(),
                        spof: n.spof,
                    })
                    .collect::<Vec<_>>(),
            )
        }
    });
    // What a change did to availability, said once to a screen reader.
    let announcement = super::announce::use_announcement(
        state.topology_rev(),
        state.load_count(),
        doc.clone(),
        (*analysis).clone(),
        *lang,
    );
    // What goes down with the node under the pointer, else the selected one.
    let focus = (*hovered).clone().or_else(|| {
        state
            .selection
            .primary()
            .map(|id| AttrValue::from(id.to_string()))
    });
    let blast = use_memo((state.topology_rev(), focus), {
        let (doc, analysis) = (doc.clone(), (*analysis).clone());
        move |(_, focus)| {
            let Some(id) = focus else {
                return Blast::default();
            };
            let nodes: HashSet<String> = nodes_down_with(&doc, &analysis, id).into_iter().collect();
            let functions = analysis
                .node(id)
                .map(|n| n.blast_radius.clone())
                .unwrap_or_default();
            Blast {
                node: Some(id.clone()),
                label: doc.node(id).map(|n| AttrValue::from(n.label().to_string())),
                nodes: Rc::new(nodes),
                functions: Rc::new(functions),
            }
        }
    });
    let on_hover = {
        let hovered = hovered.clone();
        use_memo((), move |_| {
            Callback::from(move |id: Option<AttrValue>| hovered.set(id))
        })
    };

    let lang = *lang;
    let on_preset = {
        let dispatch = (*dispatch).clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(p) = preset(&select.value()) {
                dispatch.emit(Action::Load(Rc::new(p.document_in(lang))));
            }
            select.set_value("");
        })
    };
    let new_doc = {
        let dispatch = (*dispatch).clone();
        Callback::from(move |_| dispatch.emit(Action::Load(Rc::new(Document::default()))))
    };
    let tidy_doc = {
        let dispatch = (*dispatch).clone();
        let doc = doc.clone();
        Callback::from(move |_| dispatch.emit(Action::Replace(Rc::new(tidy(&doc)))))
    };
    let undo = {
        let dispatch = (*dispatch).clone();
        Callback::from(move |_| dispatch.emit(Action::Undo))
    };
    let redo = {
        let dispatch = (*dispatch).clone();
        Callback::from(move |_| dispatch.emit(Action::Redo))
    };
    let open_help = {
        let on_help = (*on_help).clone();
        Callback::from(move |_| on_help.emit(()))
    };
    let close_help = {
        let help_open = help_open.clone();
        Callback::from(move |()| help_open.set(false))
    };
    let on_split = {
        let split_for = split_for.clone();
        use_memo((), move |_| {
            Callback::from(move |id: String| split_for.set(Some(AttrValue::from(id))))
        })
    };
    let split_view = (*split_for).clone().map(|node| {
        let on_apply = {
            let (dispatch, split_for) = ((*dispatch).clone(), split_for.clone());
            let (before_split, before) = (before_split.clone(), doc.clone());
            Callback::from(move |after: Rc<Document>| {
                before_split.set(Some(before.clone()));
                dispatch.emit(Action::Replace(after));
                split_for.set(None);
            })
        };
        let on_close = {
            let split_for = split_for.clone();
            Callback::from(move |()| split_for.set(None))
        };
        html! {
            <SplitDialog doc={doc.clone()} analysis={(*analysis).clone()} {node} {on_apply} {on_close} />
        }
    });
    let open_compare = {
        let compare_open = compare_open.clone();
        Callback::from(move |_| compare_open.set(true))
    };
    let compare_view = (*compare_open).then(|| {
        let on_close = {
            let compare_open = compare_open.clone();
            Callback::from(move |()| compare_open.set(false))
        };
        html! {
            <CompareView doc={doc.clone()} analysis={(*analysis).clone()}
                         before_split={(*before_split).clone()} {on_close} />
        }
    });
    let banner_view = (*banner).clone().map(|b| {
        let dismiss = {
            let banner = banner.clone();
            Callback::from(move |_| banner.set(None))
        };
        let restore = b.restore.map(|doc| {
            let (dispatch, banner) = ((*dispatch).clone(), banner.clone());
            let onclick = Callback::from(move |_| {
                dispatch.emit(Action::Load(doc.clone()));
                banner.set(None);
            });
            html! { <button class="banner-action" data-restore="" {onclick}>{ RESTORE.get(lang) }</button> }
        });
        let notes = (!b.notes.is_empty()).then(|| {
            let colon = if lang == Lang::Zh { "：" } else { ": " };
            html! {
                <ul class="banner-notes" data-import-notes={b.notes.len().to_string()}
                    tabindex="0" aria-label={NOTES.get(lang)}>
                    { for b.notes.iter().map(|n| html! {
                        <li data-import-note="" data-left-out={n.kind.is_left_out().to_string()}>
                            if !n.place.is_empty() {
                                <code>{ n.place.clone() }</code>{ colon }
                            }
                            { n.message_in(lang) }
                        </li>
                    }) }
                </ul>
            }
        });
        html! {
            <div class="banner" role="status">
                <div class="banner-body">
                    <span>{ b.text.get(lang).to_string() }</span>
                    { for notes }
                </div>
                { for restore }
                <button class="banner-close" onclick={dismiss} aria-label={DISMISS.get(lang)}>{ "×" }</button>
            </div>
        }
    });
    let doc_title_tip = preset_of(&doc).map(|p| p.description().get(lang));
    let canvas = html! {
        <Canvas doc={doc.clone()} load_count={state.load_count()} facts={(*facts).clone()}
                selection={state.selection.clone()} blast={blast.nodes.clone()}
                dispatch={(*dispatch).clone()} hovered={(*hovered).clone()}
                on_hover={(*on_hover).clone()} editable={!mode.embed && !mode.readonly}
                readonly={mode.readonly} refit_on_resize={mode.embed}
                on_file={(*on_file).clone()} traffic={(*traffic_hub).clone()} {keys} />
    };

    // Made once for both pages (each `html!` is code of its own in the wasm).
    let refusal_notice = html! { <RefusalNotice refusals={refusals.0} {mode} /> };
    let help_overlay = html! { <HelpOverlay open={*help_open} on_close={close_help} /> };
    let provide = |page: Html| {
        html! {
            <ContextProvider<LangContext> context={lang_context}>{ page }</ContextProvider<LangContext>>
        }
    };
    if mode.embed {
        // An <iframe>'s page: the diagram fitted to the frame, a strip of figures.
        return provide(html! {
            <div class={classes!("app", "embed", mode.readonly.then_some("readonly"))}>
                { for banner_view }
                <main class="embed-canvas">{ canvas }</main>
                <EmbedStrip doc={doc.clone()} analysis={(*analysis).clone()} readonly={mode.readonly} />
                { refusal_notice }
                { announcement }
                { help_overlay }
            </div>
        });
    }
    // The traffic bar floats over the canvas of the editor (read-only too: traffic
    // changes nothing); an embed's small frame keeps its diagram uncovered.
    let canvas = html! {
        <div class="canvas-stack">
            { canvas }
            <TrafficBar doc={doc.clone()} hub={(*traffic_hub).clone()} on_live={(*on_live).clone()} />
        </div>
    };
    provide(html! {
        <div class={classes!("app", mode.readonly.then_some("readonly"))}>
            <header class="toolbar">
                <h1 class="brand">{ "Topolab" }</h1>
                if !mode.readonly {
                    <button onclick={new_doc} title={NEW_TIP.get(lang)}
                            data-new="">{ NEW.get(lang) }</button>
                    <label class="field">
                        <span class="visually-hidden">{ OPEN_PRESET.get(lang) }</span>
                        <select onchange={on_preset} data-presets="">
                            <option value="" selected=true disabled=true>{ PRESETS_MENU.get(lang) }</option>
                            { for PRESETS.iter().map(|p| html! {
                                <option value={p.name} title={p.description().get(lang)}>{ p.label().get(lang) }</option>
                            }) }
                        </select>
                    </label>
                    <ImportButton on_import={import.clone()} />
                    <button onclick={tidy_doc} title={TIDY_TIP.get(lang)}
                            data-tidy="">{ TIDY.get(lang) }</button>
                }
                <ExportMenu doc={doc.clone()} analysis={(*analysis).clone()} />
                <ShareMenu doc={doc.clone()} />
                if !mode.readonly {
                    <button onclick={undo} disabled={!state.can_undo()} title={UNDO_TIP.get(lang)} data-undo="">{ UNDO.get(lang) }</button>
                    <button onclick={redo} disabled={!state.can_redo()} title={REDO_TIP.get(lang)} data-redo="">{ REDO.get(lang) }</button>
                }
                <button onclick={open_compare} title={super::compare::OPEN_TITLE.get(lang)}
                        data-compare-open="">{ super::compare::OPEN.get(lang) }</button>
                <span class="doc-title" title={doc_title_tip}>{ doc.title.clone().unwrap_or_default() }</span>
                if mode.readonly {
                    <span class="readonly-badge" title={READ_ONLY_LONG.get(lang)}
                          data-readonly-badge="">{ READ_ONLY.get(lang) }</span>
                    <OpenInEditor doc={doc.clone()} />
                }
                <LangSwitch />
                <ThemeSelect />
                <EmbedButton doc={doc.clone()} />
                <FullscreenButton />
                if !mode.readonly {
                    <LessonsButton lessons={lessons.clone()} />
                }
                <button onclick={open_help} title={HELP_TIP.get(lang)} aria-label={HELP.get(lang)}
                        data-help-button="">{ "?" }</button>
            </header>
            { for banner_view }
            <main class={classes!("workspace", lessons.is_open().then_some("lesson-open"))}>
                <LessonPanel lessons={lessons.clone()} doc={doc.clone()} />
                { canvas }
                <div class="side" tabindex="0" role="region" aria-label={SIDE.get(lang)}>
                  if painted {
                    <AnalysisPanel analysis={(*analysis).clone()} blast={(*blast).clone()} live={(*live).clone()} />
                    if !mode.readonly {
                        <Inspector doc={doc.clone()} selection={state.selection.clone()}
                                   analysis={(*analysis).clone()} dispatch={(*dispatch).clone()}
                                   on_split={(*on_split).clone()} />
                    }
                    <CouplingTable doc={doc.clone()} analysis={(*analysis).clone()} />
                  }
                </div>
            </main>
            { refusal_notice }
            { announcement }
            { help_overlay }
            // One child each, present or not: `for` would change the number of
            // children, and Yew, pairing them by position, would rebuild the page.
            { split_view.unwrap_or_default() }
            { compare_view.unwrap_or_default() }
            <LessonChooser lessons={lessons} />
        </div>
    })
}

/// What the page says as it opens: a broken link or autosave, or the
/// autosaved work the opened link did not replace.
fn initial_banner(opened: &Opening, mode: PageMode) -> Option<Banner> {
    // An embed never offers the reader's own work back: it never touches it.
    if let Some(saved) = opened.other_autosave.as_ref().filter(|_| !mode.embed) {
        let name = |lang: Lang| match (&saved.title, lang) {
            (Some(title), _) => title.clone(),
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
        return Some(Banner {
            restore: Some(Rc::new(saved.clone())),
            ..Banner::says(text)
        });
    }
    opened.notice.clone().map(Banner::says)
}
