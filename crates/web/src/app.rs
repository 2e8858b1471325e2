//! The app's root: the editor state in a reducer, the analysis memoised on the
//! topology's revision, and the page's wiring: which component gets what.
//! The toolbar, the banner, the dialogs and persistence are their own
//! modules (`toolbar`, `banner`, `dialogs`, `persistence`).

use std::collections::HashSet;
use std::rc::Rc;
use topolab_engine::i18n::l;

use yew::prelude::*;

use super::banner::{banner_view, Banner};
use super::canvas::{Canvas, NodeFacts};
use super::coupling::{CouplingTable, TITLE as COUPLING};
use super::dialogs::use_dialogs;
use super::embed_view::{embed_strip, EmbedStripProps};
use super::help::{use_help_overlay, HelpProps};
use super::import::{use_importer, ImportMessage, Incoming};
use super::inspector::{inspector, InspectorProps};
use super::lang::{use_page_lang, Lang, LangContext, Localized};
use super::lessons::{use_lesson_chooser, use_lessons, LessonPanel};
use super::mode::{use_refusal_notice, PageMode, Refusals};
use super::panel::{analysis_panel, diagram_head, Blast, PanelProps};
use super::persistence::{use_address_opening, use_autosave};
use super::startup::{opening, Opening};
use super::toolbar::{toolbar, Toolbar};
use super::traffic::{Live, TrafficBar, TrafficHub};
use topolab_editor::{Action, EditorState};
use topolab_engine::analysis::{analyze, functions_held_down_by, nodes_down_with};
use topolab_engine::Analysis;
use web_sys::File;

const SIDE: Localized = l("Analysis and inspector", "分析与检查器");

/// The reducer's state is the plain-Rust editor state.
#[derive(PartialEq)]
pub struct Editor(pub EditorState);

impl Reducible for Editor {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Editor(self.0.apply(action)))
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
    let mode = start.mode;
    let (editor, refusals, dispatch) = use_editor(&start);
    let dispatch = &dispatch;
    let (banner, tell, close_banner) = use_banner(&start.opening, mode);
    let (help_open, on_help, close_help) = use_switch();
    let (hovered, on_hover) = use_held::<Option<AttrValue>>();
    // An embed never makes its language the reader's choice.
    let lang_context = use_page_lang(start.lang, !mode.embed);
    let lang = lang_context.lang;
    let set_lang = lang_context.set.clone();
    super::api::use_api(&editor, mode.readonly);
    let state = &editor.0;
    let doc = state.doc().clone();
    let dialogs = use_dialogs(&doc, dispatch);
    // The diagram shows first; the side column's tables a frame later.
    let painted = super::after_paint::use_painted();
    // The traffic animation draws in the canvas's overlay; its live
    // figures reach the function rows.
    let traffic_hub = use_memo((), |_| TrafficHub::default());
    let (live, on_live) = use_held::<Option<Rc<Live>>>();

    let lessons = use_lessons(&doc, lang, dispatch);
    let challenge = super::challenge::open_challenge(&doc);
    use_autosave(state, mode, lessons.is_open() || challenge.is_some(), &tell);
    use_address_opening(lang, dispatch, &tell);
    super::challenge::use_challenge_address(lang, dispatch, &tell);

    let (import, on_file) = use_import(dispatch, &tell);
    super::banner::use_aside_banner(state.aside(), &tell);

    let keys = super::keyboard::use_keys(&state.selection, &lessons, dispatch, &on_help);

    let (show_spof, on_show_spof) = use_held::<bool>();
    let (analysis, facts) = use_analysis(state, &start.analysis, doc.hides_spof() && !show_spof);
    // What a change did to availability, said once to a screen reader.
    let announcement = super::announce::use_announcement(
        state.topology_rev(),
        state.load_count(),
        doc.clone(),
        analysis.clone(),
        lang,
    );
    let blast = use_blast(state, &analysis, hovered.clone());
    let goals = super::goals::use_goals(&doc, &analysis, state.topology_rev(), painted);
    let (shown, facts, blast) = goals.shown(&doc, facts, blast);
    let challenge_story = super::challenge::use_challenge_view(&doc, goals.report.as_deref(), lang);
    let canvas = html! {
        <Canvas doc={shown} fit_count={state.fit_count()} facts={facts}
                selection={state.selection.clone()} blast={blast.nodes.clone()}
                dispatch={dispatch.clone()} {hovered}
                {on_hover} editable={!mode.embed && !mode.readonly}
                readonly={mode.readonly} refit_on_resize={mode.embed}
                {on_file} traffic={(*traffic_hub).clone()} {keys} />
    };

    // Made once for both pages (each `html!` is code of its own in the wasm).
    let banner_view = banner_view(banner.as_ref(), &close_banner, dispatch, lang);
    let help = (help_open, close_help);
    let parts = use_parts(refusals, mode, help, &doc, &lessons, lang);
    let provide = |page: Html| provided(lang_context, page);
    if mode.embed {
        let strip = &EmbedStripProps {
            doc: doc.clone(),
            analysis: analysis.clone(),
            readonly: mode.readonly,
            goals: goals.strip(&doc, &analysis, lang),
            fullscreen: parts.fullscreen,
        };
        let strip = embed_strip(strip, lang);
        let rest = html! { <>{ super::zones::zone_bar(&doc, &analysis, dispatch, (mode.readonly, None), lang) }{ parts.refusal_notice }{ announcement }{ parts.help_overlay }</> };
        return provide(embed_page(mode, banner_view, canvas, strip, rest));
    }
    let (split_view, compare_view) = dialogs.view(&analysis);
    let goals_panel = goals.panel(&doc, &analysis, &lessons, dispatch, mode.readonly);
    let toolbar = toolbar(
        &Toolbar {
            doc: doc.clone(),
            analysis: analysis.clone(),
            mode,
            can_undo: state.can_undo(),
            can_redo: state.can_redo(),
            dispatch: dispatch.clone(),
            import: import.clone(),
            lessons: lessons.clone(),
            set_lang,
            on_help,
            on_compare: dialogs.on_compare.clone(),
            embed_button: parts.embed_button,
            fullscreen: parts.fullscreen,
        },
        lang,
    );
    provide(html! {
            <div class={classes!("app", mode.readonly.then_some("readonly"))}>
    { toolbar }
                { banner_view }
                <main class={classes!("workspace", lessons.is_open().then_some("lesson-open"))}>
                    <LessonPanel lessons={lessons.clone()} doc={doc.clone()} />
                    // Over the canvas: the zones' switches and the traffic bar (not in an embed's small frame).
                    <div class="canvas-stack">
                        { canvas }
                        { super::zones::zone_bar(&doc, &analysis, dispatch, (mode.readonly, live.as_deref()), lang) }
                        <TrafficBar doc={doc.clone()} hub={(*traffic_hub).clone()} {on_live} />
                    </div>
                    <div class="side" tabindex="0" role="region" aria-label={SIDE.get(lang)}>
                      if painted {
                        if let Some(story) = challenge_story {
                            { story }
                        } else {
                            { diagram_head(&doc, lang, show_spof, &on_show_spof) }
                        }
                        // Goals first when the document has some (a challenge), else after the figures.
                        if !doc.goals.is_empty() { { goals_panel.clone() } }
                        { analysis_panel(&PanelProps { analysis: analysis.clone(), doc: doc.clone(), blast: (*blast).clone(), live }, lang) }
                        if doc.goals.is_empty() { { goals_panel } }
                        if !mode.readonly {
                            { inspector(&InspectorProps {
                                doc: doc.clone(),
                                selection: state.selection.clone(),
                                zone_drafts: parts.zone_drafts.clone(),
                                dispatch: dispatch.clone(),
                                on_split: dialogs.on_split.clone(),
                            }, lang) }
                        }
                        // Folded on a projector, open elsewhere (style/app.css).
                        <details class="coupling-fold">
                            <summary>{ COUPLING.get(lang) }</summary>
                            <CouplingTable doc={doc.clone()} analysis={analysis.clone()} />
                        </details>
                      }
                    </div>
                </main>
                { parts.refusal_notice }
                { announcement }
                { parts.help_overlay }
                // One child each, present or not: `for` would change the number of
                // children, and Yew, pairing them by position, would rebuild the page.
                { split_view }
                { compare_view }
                { parts.lesson_chooser }
            </div>
        })
}

/// The page's parts that keep a little state of their own (made by hooks of
/// the app, not components: a component costs the wasm about 4 KB).
struct Parts {
    refusal_notice: Html,
    help_overlay: Html,
    fullscreen: Html,
    embed_button: Html,
    lesson_chooser: Html,
    zone_drafts: super::inspector::ZoneDrafts,
}

#[hook]
fn use_parts(
    refusals: u32,
    mode: PageMode,
    help: (bool, Callback<()>),
    doc: &Rc<topolab_engine::Document>,
    lessons: &super::lessons::Lessons,
    lang: Lang,
) -> Parts {
    Parts {
        refusal_notice: use_refusal_notice(refusals, mode, lang),
        help_overlay: use_help_overlay(
            HelpProps {
                open: help.0,
                on_close: help.1,
            },
            lang,
        ),
        fullscreen: super::fullscreen::use_fullscreen_button(lang),
        embed_button: super::embed_dialog::use_embed_button(doc, lang),
        lesson_chooser: use_lesson_chooser(lessons.clone(), lang),
        zone_drafts: super::inspector::use_zone_drafts(),
    }
}

/// An <iframe>'s page: the diagram fitted to the frame, a strip of figures,
/// and the notices (`rest`).
fn embed_page(mode: PageMode, banner: Html, canvas: Html, strip: Html, rest: Html) -> Html {
    html! {
        <div class={classes!("app", "embed", mode.readonly.then_some("readonly"))}>
            { banner }
            <main class="embed-canvas">{ canvas }</main>
            { strip }
            { rest }
        </div>
    }
}

/// `page` with the interface language given to every component in it.
fn provided(lang: LangContext, page: Html) -> Html {
    html! {
        <ContextProvider<LangContext> context={lang}>{ page }</ContextProvider<LangContext>>
    }
}

/// The editor's reducer over the opened document, how many actions the
/// page refused, and the one dispatch every component is given: it lets through
/// what the page's mode does (made once).
#[hook]
fn use_editor(start: &Rc<Start>) -> (UseReducerHandle<Editor>, u32, Callback<Action>) {
    // The document is copied once, when the reducer starts (not on every render).
    let editor = use_reducer({
        let start = start.clone();
        move || Editor(EditorState::new(start.opening.doc.clone()))
    });
    let refusals = use_reducer(Refusals::default);
    let dispatch = {
        let (dispatcher, refused) = (editor.dispatcher(), refusals.dispatcher());
        let mode = start.mode;
        use_memo((), move |_| {
            super::mode::guarded(mode, move |a| dispatcher.dispatch(a), refused)
        })
    };
    (editor, refusals.0, (*dispatch).clone())
}

/// The banner's state, from what the page opened with; a callback showing a
/// banner and one dismissing it, both made once.
#[hook]
fn use_banner(
    opened: &Opening,
    mode: PageMode,
) -> (Option<Banner>, Callback<Banner>, Callback<()>) {
    let banner = use_state(|| Banner::on_opening(opened, mode));
    let tell = {
        let setter = banner.setter();
        use_memo((), move |_| {
            Callback::from(move |b: Banner| setter.set(Some(b)))
        })
    };
    let close = {
        let setter = banner.setter();
        use_memo((), move |_| Callback::from(move |()| setter.set(None)))
    };
    ((*banner).clone(), (*tell).clone(), (*close).clone())
}

/// Imports (file picker, drop, paste) into `dispatch`, saying how they went
/// in a banner listing their notes; and the canvas's callback for a dropped
/// file. Both made once.
#[hook]
fn use_import(
    dispatch: &Callback<Action>,
    tell: &Callback<Banner>,
) -> (Callback<Incoming>, Callback<File>) {
    let tell = tell.clone();
    let told = use_memo((), move |_| {
        Callback::from(move |told: ImportMessage| {
            tell.emit(Banner {
                notes: told.notes,
                ..Banner::says(told.text)
            })
        })
    });
    let import = use_importer(dispatch.clone(), (*told).clone());
    let on_file = {
        let import = import.clone();
        use_memo((), move |_| import.reform(Incoming::File))
    };
    (import, (*on_file).clone())
}

/// A value kept by the app and the callback that sets it, made once.
#[hook]
fn use_held<T: Clone + Default + PartialEq + 'static>() -> (T, Callback<T>) {
    let value = use_state(T::default);
    let set = {
        let setter = value.setter();
        use_memo((), move |_| Callback::from(move |v: T| setter.set(v)))
    };
    ((*value).clone(), (*set).clone())
}

/// Whether something is open (the help overlay), and callbacks opening and
/// closing it, made once.
#[hook]
fn use_switch() -> (bool, Callback<()>, Callback<()>) {
    let (open, set) = use_held::<bool>();
    let on = use_memo((), {
        let set = set.clone();
        move |_| set.reform(|()| true)
    });
    let off = use_memo((), move |_| set.reform(|()| false));
    (open, (*on).clone(), (*off).clone())
}

/// The one place the engine runs: again only when the topology changed
/// (`first`: the opened document's, analysed before the app was mounted);
/// and what each node is drawn with (no SPOF marks while `hide_spof`: an
/// exercise whose answer is not shown yet).
#[hook]
fn use_analysis(
    state: &EditorState,
    first: &Rc<Analysis>,
    hide_spof: bool,
) -> (Rc<Analysis>, Rc<Vec<NodeFacts>>) {
    let analysis = use_memo(state.topology_rev(), {
        let (doc, first) = (state.doc().clone(), first.clone());
        move |rev| match rev {
            0 => first,
            _ => Rc::new(analyze(&doc)),
        }
    });
    let facts = use_memo((state.topology_rev(), hide_spof), {
        let (analysis, doc) = (analysis.clone(), state.doc().clone());
        move |_| {
            Rc::new(
                analysis
                    .nodes
                    .iter()
                    .zip(&doc.nodes)
                    .map(|(n, node)| NodeFacts::of(&doc, node, n.status(), n.spof && !hide_spof))
                    .collect::<Vec<_>>(),
            )
        }
    });
    ((*analysis).clone(), (*facts).clone())
}

/// What goes down with the node under the pointer (`hovered`), else the selected one.
#[hook]
fn use_blast(
    state: &EditorState,
    analysis: &Rc<Analysis>,
    hovered: Option<AttrValue>,
) -> Rc<Blast> {
    let focus = hovered.or_else(|| {
        state
            .selection
            .primary()
            .map(|id| AttrValue::from(id.to_string()))
    });
    use_memo((state.topology_rev(), focus), {
        let (doc, analysis) = (state.doc().clone(), analysis.clone());
        move |(_, focus)| {
            let Some(id) = focus else {
                return Blast::default();
            };
            let nodes: HashSet<String> = nodes_down_with(&doc, &analysis, id).into_iter().collect();
            let report = analysis.node(id);
            let down = report.is_some_and(|n| !n.works);
            let functions = match report {
                Some(_) if down => functions_held_down_by(&doc, id),
                Some(n) => n.blast_radius.clone(),
                None => Vec::new(),
            };
            Blast {
                down,
                node: Some(id.clone()),
                label: doc.node(id).map(|n| AttrValue::from(n.label().to_string())),
                nodes: Rc::new(nodes),
                functions: Rc::new(functions),
            }
        }
    })
}
