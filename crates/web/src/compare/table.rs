//! One table of two documents' figures ([`Comparison`]): each function's
//! availability, then the whole system, coupling and size, with every row
//! that differs highlighted and which side is better said by colour, by an
//! arrow and by a word (colour-blind safe). The split dialog shows it as
//! "before / after", the compare view as "A / B".

use std::rc::Rc;

use yew::prelude::*;

use super::words::{metric_meaning, metric_name, value_text, ABSENT};
use crate::panel::capability_name;
use topolab_engine::compare::{Comparison, Metric, Row, Side, Value};
use topolab_engine::i18n::{l, Lang, Localized};

/// How the two columns relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The same document before (A) and after (B) a change: B is better or worse.
    Preview,
    /// Two documents: A or B is the better.
    Compare,
}

const FUNCTIONS: Localized = l("Each function's availability", "各功能的可用性");
const SYSTEM: Localized = l("Whole system", "整个系统");
const COUPLING: Localized = l("Coupling", "耦合");
const SIZE: Localized = l("Size", "规模");
const WHAT: Localized = l("Figure", "指标");
const CHANGE: Localized = l("Difference", "差异");
const NO_FUNCTION: Localized = l("No function on either side.", "两边都还没有功能。");

/// The document rows of a group, by mode: the preview keeps what a split changes.
fn groups(mode: Mode) -> [(Localized, &'static [Metric]); 3] {
    match mode {
        Mode::Preview => [
            (SYSTEM, &[Metric::SystemAll, Metric::SystemMean]),
            (
                COUPLING,
                &[
                    Metric::SharedStores,
                    Metric::MaxSyncDepth,
                    Metric::Cycles,
                    Metric::SyncLinks,
                    Metric::AsyncLinks,
                    Metric::LongestRequestChain,
                    Metric::SpofNodes,
                    Metric::LargestBlastRadius,
                ],
            ),
            (SIZE, &[Metric::Services, Metric::Instances]),
        ],
        Mode::Compare => [
            (
                SYSTEM,
                &[
                    Metric::SystemAll,
                    Metric::SystemMean,
                    Metric::SystemDesignAll,
                    Metric::SystemDowntimeHoursPerYear,
                ],
            ),
            (
                COUPLING,
                &[
                    Metric::SharedStores,
                    Metric::MaxSyncDepth,
                    Metric::Cycles,
                    Metric::SyncLinks,
                    Metric::AsyncLinks,
                    Metric::LongestRequestChain,
                    Metric::SpofNodes,
                    Metric::LargestBlastRadius,
                    Metric::MeanBlastRadius,
                    Metric::MeanInstability,
                ],
            ),
            (
                SIZE,
                &[
                    Metric::Functions,
                    Metric::Services,
                    Metric::Nodes,
                    Metric::Instances,
                    Metric::Method,
                ],
            ),
        ],
    }
}

/// What the last column says of a row, and its class.
fn change(row: &Row, mode: Mode) -> (Localized, &'static str) {
    match (mode, row.differs, row.better, &row.a, &row.b) {
        (Mode::Preview, false, ..) => (l("= same", "= 不变"), "same"),
        (Mode::Compare, false, ..) => (l("= same", "= 相同"), "same"),
        (Mode::Preview, true, Some(Side::B), ..) => (l("▲ better", "▲ 更好"), "better"),
        (Mode::Preview, true, Some(Side::A), ..) => (l("▼ worse", "▼ 更差"), "worse"),
        (Mode::Compare, true, Some(Side::A), ..) => (l("◀ A better", "◀ A 更好"), "better-a"),
        (Mode::Compare, true, Some(Side::B), ..) => (l("B better ▶", "B 更好 ▶"), "better-b"),
        (Mode::Preview, true, None, None, _) => (l("+ new", "+ 新增"), "changed"),
        (Mode::Preview, true, None, _, None) => (l("− gone", "− 移除"), "changed"),
        (Mode::Compare, true, None, None, _) => (l("only in B", "仅 B 有"), "changed"),
        (Mode::Compare, true, None, _, None) => (l("only in A", "仅 A 有"), "changed"),
        (Mode::Preview, true, None, ..) => (l("≠ changed", "≠ 有变化"), "changed"),
        (Mode::Compare, true, None, ..) => (l("≠ different", "≠ 不同"), "changed"),
    }
}

/// The class of a value's cell: in a preview the "after" when better or
/// worse, in a comparison the better side.
fn cell_class(row: &Row, side: Side, mode: Mode) -> Option<&'static str> {
    match (mode, row.better, side) {
        (Mode::Preview, Some(Side::B), Side::B) => Some("better"),
        (Mode::Preview, Some(Side::A), Side::B) => Some("worse"),
        (Mode::Compare, Some(better), _) if better == side => Some("better"),
        _ => None,
    }
}

/// Whether a value is a list of ids, drawn wrapping.
fn is_list(value: &Option<Value>) -> bool {
    matches!(value, Some(Value::Ids(_) | Value::Groups(_)))
}

/// One row: its name, the two values and the difference.
fn row_view(
    row: &Row,
    name: Html,
    title: &str,
    mode: Mode,
    lang: Lang,
    ids: Option<(&Option<String>, &Option<String>)>,
) -> Html {
    let (word, class) = change(row, mode);
    let better = row.better.map(|s| match s {
        Side::A => "a",
        Side::B => "b",
    });
    let value = |v: &Option<Value>| {
        v.as_ref()
            .map_or_else(|| ABSENT.get(lang).to_string(), |v| value_text(v, lang))
    };
    let (fa, fb) = ids.map_or((None, None), |(a, b)| (a.clone(), b.clone()));
    html! {
        <tr data-metric={row.metric.key()} data-differs={row.differs.to_string()}
            data-better={better} data-function-a={fa} data-function-b={fb}
            class={classes!(row.differs.then_some("differs"))}>
            <th scope="row" title={title.to_string()}>{ name }</th>
            <td class={classes!("num", is_list(&row.a).then_some("list"), cell_class(row, Side::A, mode))}
                data-side="a">{ value(&row.a) }</td>
            <td class={classes!("num", is_list(&row.b).then_some("list"), cell_class(row, Side::B, mode))}
                data-side="b">{ value(&row.b) }</td>
            <td class={classes!("change", class)}>{ word.get(lang) }</td>
        </tr>
    }
}

/// A group's heading row.
fn group_row(title: Localized, lang: Lang) -> Html {
    html! {
        <tr class="compare-group"><th scope="rowgroup" colspan="4">{ title.get(lang) }</th></tr>
    }
}

#[derive(Properties, PartialEq)]
pub struct ComparisonTableProps {
    pub comparison: Rc<Comparison>,
    pub mode: Mode,
    /// What the table compares, for a screen reader.
    pub caption: AttrValue,
    /// The heading of the first values' column ("Before", "A: Monolith").
    pub a: AttrValue,
    /// The heading of the second's.
    pub b: AttrValue,
}

pub fn comparison_table(props: &ComparisonTableProps, lang: Lang) -> Html {
    let c = &props.comparison;
    let mode = props.mode;
    let functions = c.functions.iter().filter_map(|f| {
        let row = f.row(Metric::Availability)?;
        let name = html! {
            <span class="compare-fn" title={f.label.clone()}>{ capability_name(&f.label, lang) }</span>
        };
        Some(row_view(
            row,
            name,
            metric_meaning(Metric::Availability).get(lang),
            mode,
            lang,
            Some((&f.a, &f.b)),
        ))
    });
    let documents = groups(mode).into_iter().map(|(title, metrics)| {
        let rows = metrics.iter().filter_map(|&m| {
            let row = c.row(m)?;
            Some(row_view(
                row,
                html! { { metric_name(m).get(lang) } },
                metric_meaning(m).get(lang),
                mode,
                lang,
                None,
            ))
        });
        html! { <tbody>{ group_row(title, lang) }{ for rows }</tbody> }
    });
    html! {
        <table class="compare-table" data-compare-table={match mode { Mode::Preview => "preview", Mode::Compare => "compare" }}>
            <caption class="visually-hidden">{ props.caption.clone() }</caption>
            <thead><tr>
                <th scope="col">{ WHAT.get(lang) }</th>
                <th scope="col" class="num">{ props.a.clone() }</th>
                <th scope="col" class="num">{ props.b.clone() }</th>
                <th scope="col">{ CHANGE.get(lang) }</th>
            </tr></thead>
            <tbody>
                { group_row(FUNCTIONS, lang) }
                if c.functions.is_empty() {
                    <tr><td colspan="4" class="note">{ NO_FUNCTION.get(lang) }</td></tr>
                }
                { for functions }
            </tbody>
            { for documents }
        </table>
    }
}
