//! The compare view: two diagrams side by side, A and B,
//! each chosen from a menu (this diagram, the diagram before the last split,
//! the presets), drawn read-only, with one table of the same figures where
//! the differences are highlighted. Killing an instance in either kills "the
//! same" node in both where it exists ([`SideBySide`]).
//!
//! The view is a sandbox: kills made in it stay in it, and closing it
//! (Escape or Close) leaves the editor's diagram exactly as it was. It says
//! so on screen. A user comparing two designs expects to poke at them, not to
//! find their own diagram changed behind the view.
//!
//! Code map: `diagram` draws one side, `table` is the comparison table (the
//! split dialog's preview uses it too), `words` names metrics and writes values.

mod diagram;
pub mod table;
pub mod words;

use std::rc::Rc;

use web_sys::{HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

use crate::lang::use_lang;
use crate::modal::{keep_inside, use_modal_focus};
use diagram::{SideDiagram, SideEvent};
use table::{ComparisonTable, Mode};
use topolab_editor::SideBySide;
use topolab_engine::compare::Side;
use topolab_engine::i18n::{l, Lang, Localized};
use topolab_engine::presets::{preset, PRESETS};
use topolab_engine::{Analysis, Document};

/// The toolbar button that opens the view.
pub const OPEN: Localized = l("Compare", "对比");
/// Its tooltip.
pub const OPEN_TITLE: Localized = l(
    "Put two diagrams side by side, with their figures in one table",
    "把两张图并排放在一起，用一张表对比各项指标",
);
const TITLE: Localized = l("Compare two diagrams", "对比两张图");

/// The help overlay's rows for the split dialog and this view: keys (each a
/// combination pressed together), what they do.
pub const HELP_TITLE: Localized = l("Split dialog and compare view", "拆分对话框与对比视图");
pub const HELP: &[(&[&[&str]], Localized)] = &[
    (
        &[&["Escape"]],
        l(
            "Close the split dialog or the compare view",
            "关闭拆分对话框或对比视图",
        ),
    ),
    (
        &[&["k"], &["Enter"]],
        l(
            "Compare view, on a node: kill one of its instances in both diagrams",
            "对比视图中选中节点时：在两张图中同时停掉它的一个实例",
        ),
    ),
    (
        &[&["r"]],
        l(
            "Compare view, on a node: revive it in both diagrams",
            "对比视图中选中节点时：在两张图中同时恢复它",
        ),
    ),
];
const SWAP: Localized = l("⇄ Swap", "⇄ 交换");
const SWAP_TITLE: Localized = l("Swap sides A and B", "交换 A、B 两边");
const REVIVE: Localized = l("Revive all", "全部恢复");
const REVIVE_TITLE: Localized = l(
    "Bring both diagrams back as they were chosen, nothing killed here",
    "把两张图恢复到刚选中时的样子，撤销在这里做的所有停机",
);
const CLOSE: Localized = l("Close", "关闭");
const CLOSE_TITLE: Localized = l(
    "Back to the editor (Escape); your diagram is unchanged",
    "回到编辑器（Esc），你的图不会改变",
);
const HOW: Localized = l(
    "Click a server square, or focus a node and press k, to kill it in both diagrams where \
     the same node exists; click it again or press r to revive.",
    "点击服务器方块，或选中节点后按 k，就会在两张图中同时停掉同一个节点（如果两边都有）；\
     再点一次或按 r 即可恢复。",
);
const SANDBOX: Localized = l(
    "Kills made here stay here: closing leaves your diagram as it was.",
    "这里的停机只用于对比：关闭后，编辑器里的图保持原样。",
);
const THIS_DIAGRAM: Localized = l("This diagram", "当前的图");
const BEFORE_SPLIT: Localized = l("Before the last split", "最近一次拆分之前");
const PRESETS_GROUP: Localized = l("Presets", "预设");
const TABLE_CAPTION: Localized = l("The figures of A and B", "A 与 B 的各项指标");

/// Where a side's document comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// The editor's diagram, as it is (kills included).
    Current,
    /// The document the last split applied in this session replaced.
    BeforeSplit,
    /// A built-in scenario, by name.
    Preset(&'static str),
}

impl Source {
    /// The value of its option in a menu.
    fn key(self) -> String {
        match self {
            Source::Current => "current".into(),
            Source::BeforeSplit => "before-split".into(),
            Source::Preset(name) => format!("preset:{name}"),
        }
    }

    /// The source whose [`Source::key`] is `key`.
    fn from_key(key: &str) -> Option<Source> {
        match key {
            "current" => Some(Source::Current),
            "before-split" => Some(Source::BeforeSplit),
            _ => preset(key.strip_prefix("preset:")?).map(|p| Source::Preset(p.name)),
        }
    }

    /// Its name in a menu and above a column.
    fn name(self, lang: Lang) -> String {
        match self {
            Source::Current => THIS_DIAGRAM.get(lang).into(),
            Source::BeforeSplit => BEFORE_SPLIT.get(lang).into(),
            Source::Preset(name) => preset(name).map_or(name, |p| p.label().get(lang)).into(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    /// The editor's document.
    pub doc: Rc<Document>,
    /// Its analysis (the app's memoised one).
    pub analysis: Rc<Analysis>,
    /// The document before the last split applied, if one was.
    pub before_split: Option<Rc<Document>>,
    pub on_close: Callback<()>,
}

/// What the view shows: the two documents and where each came from.
#[derive(Clone, PartialEq)]
struct View {
    pair: SideBySide,
    sources: [Source; 2],
}

/// The first B: the diagram before the split just made, else a preset to
/// learn from (microservices, or the monolith when this is microservices).
fn default_b(props: &CompareProps) -> Source {
    if props.before_split.is_some() {
        return Source::BeforeSplit;
    }
    let is = |name: &str| {
        preset(name).is_some_and(|p| {
            let t = p.title();
            props
                .doc
                .title
                .as_deref()
                .is_some_and(|x| x == t.en || x == t.zh)
        })
    };
    match is("microservices") {
        true => Source::Preset("monolith"),
        false => Source::Preset("microservices"),
    }
}

/// What the sources of the sides are read from: the editor's document and
/// analysis, and the document before the last split.
#[derive(Clone)]
struct Given {
    doc: Rc<Document>,
    analysis: Rc<Analysis>,
    before_split: Option<Rc<Document>>,
    lang: Lang,
}

impl Given {
    fn of(props: &CompareProps, lang: Lang) -> Given {
        Given {
            doc: props.doc.clone(),
            analysis: props.analysis.clone(),
            before_split: props.before_split.clone(),
            lang,
        }
    }

    /// A side's document, fresh from its source (`None`: there is none).
    fn fresh(&self, source: Source) -> Option<Rc<Document>> {
        match source {
            Source::Current => Some(self.doc.clone()),
            Source::BeforeSplit => self.before_split.clone(),
            Source::Preset(name) => preset(name).map(|p| Rc::new(p.document_in(self.lang))),
        }
    }

    /// Both sides fresh from their sources; the editor's analysis is reused.
    fn load(&self, sources: [Source; 2]) -> View {
        let doc = |s: Source| self.fresh(s).unwrap_or_else(|| self.doc.clone());
        let (current, analysis) = (self.doc.clone(), self.analysis.clone());
        let pair = match sources {
            [Source::Current, b] => SideBySide::with_analysis(current, analysis, doc(b)),
            [a, Source::Current] => SideBySide::with_analysis(current, analysis, doc(a)).swapped(),
            [a, b] => SideBySide::new(doc(a), doc(b)),
        };
        View { pair, sources }
    }
}

#[function_component(CompareView)]
pub fn compare_view(props: &CompareProps) -> Html {
    let lang = use_lang();
    let given = Given::of(props, lang);
    let view = use_state(|| given.load([Source::Current, default_b(props)]));
    let root = use_node_ref();
    use_modal_focus(
        root.clone(),
        "[data-compare-choose=\"b\"]",
        "[data-compare-open]",
    );

    let on_event = {
        let view = view.clone();
        Callback::from(move |(side, event): (Side, SideEvent)| {
            let pair = &view.pair;
            let next = match event {
                SideEvent::Toggle { id, index } => pair.toggle(side, &id, index),
                SideEvent::KillOne(id) => pair.kill_one(side, &id),
                SideEvent::ReviveAll(id) => pair.revive_all(side, &id),
            };
            if let Some(pair) = next {
                view.set(View {
                    pair,
                    sources: view.sources,
                });
            }
        })
    };
    let choose = |side: Side| {
        let (view, given) = (view.clone(), given.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let Some(source) = Source::from_key(&select.value()) else {
                return;
            };
            if let Some(fresh) = given.fresh(source) {
                let mut sources = view.sources;
                sources[side_index(side)] = source;
                view.set(View {
                    pair: view.pair.with(side, fresh),
                    sources,
                });
            }
        })
    };
    let swap = {
        let view = view.clone();
        move |_: MouseEvent| {
            let [a, b] = view.sources;
            view.set(View {
                pair: view.pair.swapped(),
                sources: [b, a],
            });
        }
    };
    let revive = {
        let (view, given) = (view.clone(), given.clone());
        move |_: MouseEvent| view.set(given.load(view.sources))
    };
    let close = {
        let on_close = props.on_close.clone();
        move |_: MouseEvent| on_close.emit(())
    };
    let onkeydown = {
        let (root, on_close) = (root.clone(), props.on_close.clone());
        move |e: KeyboardEvent| {
            keep_inside(&root, &e);
            if e.key() == "Escape" {
                e.prevent_default();
                on_close.emit(());
            }
        }
    };

    let options = |chosen: Source| {
        let option = |source: Source| {
            html! {
                <option value={source.key()} selected={source == chosen}>{ source.name(lang) }</option>
            }
        };
        html! {
            <>
                { option(Source::Current) }
                if props.before_split.is_some() { { option(Source::BeforeSplit) } }
                <optgroup label={PRESETS_GROUP.get(lang)}>
                    { for PRESETS.iter().map(|p| option(Source::Preset(p.name))) }
                </optgroup>
            </>
        }
    };
    let heading = |side: Side| {
        let letter = match side {
            Side::A => "A",
            Side::B => "B",
        };
        format!("{letter} · {}", view.sources[side_index(side)].name(lang))
    };
    let side_view = |side: Side| {
        let key = match side {
            Side::A => "a",
            Side::B => "b",
        };
        let title = heading(side);
        let doc_title = view.pair.doc(side).title.clone().unwrap_or_default();
        html! {
            <figure class="compare-side" data-compare-side={key}>
                <figcaption>
                    <label>
                        <span class="compare-letter">{ key.to_ascii_uppercase() }</span>
                        <select data-compare-choose={key} onchange={choose(side)}
                                aria-label={title.clone()}>
                            { options(view.sources[side_index(side)]) }
                        </select>
                    </label>
                    <span class="compare-doc-title" title={doc_title.clone()}>{ doc_title }</span>
                </figcaption>
                <SideDiagram side={side} doc={view.pair.doc(side).clone()}
                             analysis={view.pair.analysis(side).clone()}
                             name={AttrValue::from(title)} on_event={on_event.clone()} />
            </figure>
        }
    };
    html! {
        <div class="compare-backdrop" ref={root} tabindex="-1" {onkeydown}>
            <section class="compare" role="dialog" aria-modal="true" aria-labelledby="compare-title"
                     data-compare="">
                <div class="compare-header">
                    <h2 id="compare-title">{ TITLE.get(lang) }</h2>
                    <button type="button" onclick={swap} title={SWAP_TITLE.get(lang)}
                            data-compare-swap="">{ SWAP.get(lang) }</button>
                    <button type="button" onclick={revive} title={REVIVE_TITLE.get(lang)}
                            data-compare-revive="">{ REVIVE.get(lang) }</button>
                    <span class="compare-spacer" />
                    <button type="button" class="compare-close" onclick={close}
                            title={CLOSE_TITLE.get(lang)} data-compare-close="">{ CLOSE.get(lang) }</button>
                </div>
                <p class="note compare-how">{ HOW.get(lang) }<strong>{ format!(" {}", SANDBOX.get(lang)) }</strong></p>
                <div class="compare-sides">
                    { side_view(Side::A) }
                    { side_view(Side::B) }
                </div>
                // Scrolls on a small screen: a region the keyboard can reach and scroll.
                <div class="compare-figures" tabindex="0" role="region" aria-label={TABLE_CAPTION.get(lang)}>
                    <ComparisonTable comparison={view.pair.comparison().clone()} mode={Mode::Compare}
                                     caption={TABLE_CAPTION.get(lang)}
                                     a={AttrValue::from(heading(Side::A))}
                                     b={AttrValue::from(heading(Side::B))} />
                </div>
            </section>
        </div>
    }
}

/// Where a side's source is kept.
fn side_index(side: Side) -> usize {
    match side {
        Side::A => 0,
        Side::B => 1,
    }
}
