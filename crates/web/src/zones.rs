//! The diagram's zones (docs/spec/model.md §8, docs/spec/app.md "Goals, advice and
//! zones"): a bar over the canvas with each zone's kill switch (a click, or `z`
//! while it has focus), its colour and its one-letter mark (the same letter each
//! of its instances shows), and what losing it takes down. Each instance is
//! outlined in its zone's colour by a small stylesheet written here from the
//! zone ids; a down zone's instances are struck through like killed ones.
//! While traffic runs, a zone chaos has down is marked `data-chaos="true"`,
//! red, hatched and with the word "failed" (its instances are marked as
//! chaos's are, by `traffic::chaos_marks`).
//! The analysis panel's list of zones ([`zone_list`]): each one's availability,
//! whether it is down, and its blast radius.

use yew::prelude::*;

use crate::goals::words::function_name;
use crate::lang::{Lang, Localized};
use topolab_editor::Action;
use topolab_engine::analysis::Analysis;
use topolab_engine::drawing::zone_mark;
use topolab_engine::i18n::l;
use topolab_engine::sim::Live;
use topolab_engine::units::percent;
use topolab_engine::Document;

const ZONES: Localized = l("Zones", "可用区");
const DOWN: Localized = l("down", "已宕机");
const FAILED: Localized = l("failed", "故障");
const UP: Localized = l("up", "正常");
const LIST_NOTE: Localized = l(
    "What each zone takes down when it fails: a zone holding the only instances of something is a single point of failure.",
    "每个可用区故障时会让哪些功能停止：某个节点的实例全在一个可用区，这个可用区就是单点故障。",
);
const COL_NOW: Localized = l("Now", "当前");
const COL_ZONE: Localized = l("Zone", "可用区");
const COL_AVAILABILITY: Localized = l("Availability", "可用性");
const COL_LOST: Localized = l("Losing it stops", "失去它会停止");
const NOTHING: Localized = l("nothing", "无");
const ALREADY_DOWN: Localized = l("already down", "已经宕机");
/// Zone colours, as the stylesheet names them per theme.
const COLOURS: usize = 6;

/// The stylesheet outlining each instance in its zone's colour. Zone ids hold
/// only `A-Z a-z 0-9 _ - .` (docs/spec/model.md §8): safe inside the quotes.
fn zone_colours(doc: &Document) -> String {
    doc.zones
        .iter()
        .enumerate()
        .map(|(i, z)| {
            format!(
                ".instance[data-zone=\"{}\"]{{stroke:var(--zone-{})}}",
                z.id,
                i % COLOURS
            )
        })
        .collect()
}

/// What losing zone `id` takes down, in words, for its switch's title.
fn zone_title(name: &str, id: &str, analysis: &Analysis, lang: Lang) -> String {
    let lost: Vec<String> = analysis
        .zones
        .iter()
        .find(|z| z.id == id)
        .map(|z| {
            z.blast_radius
                .iter()
                .map(|f| function_name(Some(f), analysis, lang))
                .collect()
        })
        .unwrap_or_default();
    match (lang, lost.is_empty()) {
        (Lang::En, true) => format!("{name}: losing it takes no function down. Click or press Z to take it down or back up."),
        (Lang::En, false) => format!("{name}: losing it takes down {}. Click or press Z to take it down or back up.", lost.join(", ")),
        (Lang::Zh, true) => format!("{name}：失去它不会让任何功能停止。点击或按 Z 键停掉或恢复。"),
        (Lang::Zh, false) => format!("{name}：失去它会让{}停止。点击或按 Z 键停掉或恢复。", lost.join("、")),
    }
}

/// The bar of zone switches; nothing when the document has no zones. `live`:
/// the running traffic's figures, which name the zones chaos has down.
pub fn zone_bar(
    doc: &Document,
    analysis: &Analysis,
    dispatch: &Callback<Action>,
    (readonly, live): (bool, Option<&Live>),
    lang: Lang,
) -> Html {
    if doc.zones.is_empty() {
        return Html::default();
    }
    let chips = doc.zones.iter().enumerate().map(|(i, z)| {
        let down = z.is_down();
        let failed = live.is_some_and(|l| l.zones_down.contains(&z.id));
        let name = z.label.clone().unwrap_or_else(|| z.id.clone());
        let toggle = Action::SetZoneDown {
            id: z.id.clone(),
            down: !down,
        };
        let onclick = {
            let toggle = toggle.clone();
            dispatch.reform(move |_: MouseEvent| toggle.clone())
        };
        let onkeydown = {
            let dispatch = dispatch.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key().eq_ignore_ascii_case("z") && !e.ctrl_key() && !e.meta_key() {
                    e.prevent_default();
                    e.stop_propagation();
                    dispatch.emit(toggle.clone());
                }
            })
        };
        html! {
            <button type="button" class={classes!("zone-chip", format!("zone-c{}", i % COLOURS), down.then_some("down"), failed.then_some("chaos"))}
                    data-zone-id={z.id.clone()} data-down={down.to_string()} data-chaos={failed.then_some("true")} aria-pressed={down.to_string()}
                    disabled={readonly} title={zone_title(&name, &z.id, analysis, lang)} {onclick} {onkeydown}>
                <span class="zone-swatch" aria-hidden="true">{ zone_mark(&z.id) }</span>
                { name }
                if down { <span class="zone-down">{ " ✕ " }{ DOWN.get(lang) }</span> }
                if failed { <span class="zone-down">{ " ⚡ " }{ FAILED.get(lang) }</span> }
            </button>
        }
    });
    html! {
        <div class="zone-bar" role="region" aria-label={ZONES.get(lang)} data-zones="">
            <style>{ zone_colours(doc) }</style>
            <span class="zone-bar-title" aria-hidden="true">{ ZONES.get(lang) }</span>
            { for chips }
        </div>
    }
}

/// The analysis panel's zones: one row each, in document order, with its
/// availability, up or down, and the functions losing it takes down
/// (`data-blast-radius`, their ids); nothing when the document has no zones.
pub fn zone_list(doc: &Document, analysis: &Analysis, lang: Lang) -> Html {
    if doc.zones.is_empty() {
        return Html::default();
    }
    let rows = doc.zones.iter().enumerate().map(|(i, z)| {
        let report = analysis.zone(&z.id);
        let lost = report.map(|r| r.blast_radius.clone()).unwrap_or_default();
        let names: Vec<String> = lost
            .iter()
            .map(|f| function_name(Some(f), analysis, lang))
            .collect();
        let (down, spof) = (z.is_down(), !lost.is_empty());
        let status = if down { "down" } else { "up" };
        let lost_text = match (down, names.is_empty()) {
            (true, _) => ALREADY_DOWN.get(lang).to_string(),
            (false, true) => NOTHING.get(lang).to_string(),
            (false, false) => names.join(if lang == Lang::Zh { "、" } else { ", " }),
        };
        html! {
            <tr key={z.id.clone()} data-zone-row={z.id.clone()} data-down={down.to_string()} data-spof={spof.to_string()}
                class={classes!(format!("zone-c{}", i % COLOURS), spof.then_some("zone-spof"))}>
                <th scope="row" title={z.id.clone()}>
                    <span class="zone-swatch" aria-hidden="true">{ zone_mark(&z.id) }</span>{ " " }{ z.label().to_string() }
                </th>
                <td><span class={classes!("status-chip", format!("status-{status}"))}>
                    { if down { DOWN.get(lang) } else { UP.get(lang) } }</span></td>
                <td class="num">{ percent(z.availability()) }</td>
                <td data-blast-radius={lost.join(" ")}>{ lost_text }</td>
            </tr>
        }
    });
    html! {
        <section class="zones" data-zones-panel="">
            <h2>{ ZONES.get(lang) }</h2>
            <p class="note">{ LIST_NOTE.get(lang) }</p>
            <table class="function-table zone-table">
                <thead><tr>
                    <th scope="col">{ COL_ZONE.get(lang) }</th>
                    <th scope="col">{ COL_NOW.get(lang) }</th>
                    <th scope="col" class="num">{ COL_AVAILABILITY.get(lang) }</th>
                    <th scope="col">{ COL_LOST.get(lang) }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}
