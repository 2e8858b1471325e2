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
//! Code map: `sources` says where each side comes from and loads it, `diagram`
//! draws one side, `table` is the comparison table (the split dialog's
//! preview uses it too), `words` names metrics and writes values.

mod diagram;
mod sources;
pub mod table;
pub mod words;

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::lang::use_lang;
use crate::modal::{close_on_escape, use_modal_focus};
use diagram::{use_side_diagram, SideDiagram, SideDiagramProps, SideEvent};
use sources::{default_b, side_index, source_menu, Given, Source, View};
use table::{comparison_table, ComparisonTableProps, Mode};
use topolab_engine::compare::Side;
use topolab_engine::i18n::{l, Lang, Localized};
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
const TABLE_CAPTION: Localized = l("The figures of A and B", "A 与 B 的各项指标");

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

#[function_component(CompareView)]
pub fn compare_view(props: &CompareProps) -> Html {
    let lang = use_lang();
    let given = Given::of(props, lang);
    let view = use_state(|| given.load([Source::Current, default_b(props)]));
    let root = use_node_ref();
    let diagrams = [use_side_diagram(), use_side_diagram()];
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
    let onkeydown = close_on_escape(root.clone(), props.on_close.clone());

    let before_split = props.before_split.is_some();
    let side_view = |side: Side| {
        let diagram = &diagrams[side_index(side)];
        side_figure(
            (side, diagram),
            &view,
            choose(side),
            &on_event,
            before_split,
            lang,
        )
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
                    { comparison_table(&ComparisonTableProps {
                        comparison: view.pair.comparison().clone(),
                        mode: Mode::Compare,
                        caption: TABLE_CAPTION.get(lang).into(),
                        a: AttrValue::from(heading(Side::A, &view, lang)),
                        b: AttrValue::from(heading(Side::B, &view, lang)),
                    }, lang) }
                </div>
            </section>
        </div>
    }
}

/// A side's heading: its letter and its source.
fn heading(side: Side, view: &View, lang: Lang) -> String {
    let letter = match side {
        Side::A => "A",
        Side::B => "B",
    };
    format!("{letter} · {}", view.sources[side_index(side)].name(lang))
}

/// One side: the menu choosing its source (`choose`), its document's title,
/// its drawing, whose kills and revivals go to `on_event`.
fn side_figure(
    (side, diagram): (Side, &SideDiagram),
    view: &View,
    choose: Callback<Event>,
    on_event: &Callback<(Side, SideEvent)>,
    before_split: bool,
    lang: Lang,
) -> Html {
    let key = match side {
        Side::A => "a",
        Side::B => "b",
    };
    let title = heading(side, view, lang);
    let doc_title = view.pair.doc(side).title.clone().unwrap_or_default();
    html! {
        <figure class="compare-side" data-compare-side={key}>
            <figcaption>
                <label>
                    <span class="compare-letter">{ key.to_ascii_uppercase() }</span>
                    <select data-compare-choose={key} onchange={choose}
                            aria-label={title.clone()}>
                        { source_menu(view.sources[side_index(side)], before_split, lang) }
                    </select>
                </label>
                <span class="compare-doc-title" title={doc_title.clone()}>{ doc_title }</span>
            </figcaption>
            { diagram.view(&SideDiagramProps {
                side,
                doc: view.pair.doc(side).clone(),
                analysis: view.pair.analysis(side).clone(),
                name: AttrValue::from(title),
                on_event: on_event.clone(),
            }, lang) }
        </figure>
    }
}
