//! The analysis panel: system figures and every function's status and
//! availability, exactly as the engine computed them.

use std::rc::Rc;
use topolab_engine::i18n::l;

use yew::prelude::*;

use super::lang::{Lang, Localized};
use super::traffic::{Chaos, Live};
use topolab_engine::analysis::{Analysis, FunctionReport, Method, Status};
use topolab_engine::drawing::status_mark as mark;
use topolab_engine::presets::{labels, title_in};
use topolab_engine::units::{downtime_in, nines_in, percent, percent_span, percent_within};
use topolab_engine::Document;

const REGION: Localized = l("Analysis", "分析");
const WHOLE_SYSTEM: Localized = l("Whole system", "整个系统");
const ALL_WORK: Localized = l("Every function works", "所有功能都可用");
const MEAN: Localized = l("Weighted mean", "加权平均");
const FUNCTIONS: Localized = l("Functions", "功能");
const SHOW_SPOF: Localized = l("Show single points of failure", "显示单点故障");
const WHAT_A_FUNCTION_IS: Localized = l(
    "A function is a client reaching a capability; nodes sharing one back each other up.",
    "功能：客户端要用的一项能力；具备同一能力的节点互为备份。",
);
/// NoteKind of a highlighted row: the highlight is not colour alone.
const IN_BLAST: Localized = l(" (goes down with it)", "（会随之停止）");
const TABLE_CAPTION: Localized = l(
    "Each function's status and availability",
    "各功能的状态与可用性",
);
const NOTHING_TO_MEASURE: Localized = l(
    "Nothing to measure yet: no client reaches a service. Add a client and link it to what it uses.",
    "还没有可衡量的内容：没有客户端连到任何服务。添加一个客户端，并把它连到它要用的服务。",
);
const NO_FUNCTION: Localized = l(
    "No function yet: link a client to a service.",
    "还没有功能：把客户端连到一个服务上。",
);
const COL_FUNCTION: Localized = l("Function", "功能");
const COL_NOW: Localized = l("Now", "当前");
const COL_AVAILABILITY: Localized = l("Availability", "可用性");
const COL_DESIGN: Localized = l("design", "设计值");
const COL_DESIGN_TIP: Localized = l("Availability with every instance up or down at random, kills included; under it, the design figure (kills ignored)", "各实例随机在线或宕机时的可用性（计入已停掉的实例）；下方为设计值（不计停掉的实例）");
const COL_DOWNTIME: Localized = l("Down / year", "年停机");

/// A live status in words (the `data-status` attribute keeps the spec's name).
pub fn status_word(status: Status, lang: Lang) -> &'static str {
    match lang {
        Lang::En => status.as_str(),
        Lang::Zh => match status {
            Status::Up => "正常",
            Status::Degraded => "降级",
            Status::Down => "宕机",
        },
    }
}

/// A function's name as the panel shows it: its label; in Chinese, a label
/// that is only the name of a built-in capability (a derived function of a
/// preset, docs/spec/model.md §1.3) in Chinese. The id stays the row's title.
pub fn function_label(f: &FunctionReport, lang: Lang) -> String {
    if f.label == f.capability {
        capability_name(&f.capability, lang)
    } else {
        f.label.clone()
    }
}

/// A capability (or a function named after one) as the page says it: a
/// built-in capability of the presets in the interface's language, any other
/// as it is written.
pub fn capability_name(name: &str, lang: Lang) -> String {
    labels::capability(name).map_or_else(|| name.to_string(), |l| l.get(lang).to_string())
}

/// "3 nines · design 99.95%".
fn figure_sub(now: f64, design: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} · design {}", nines_in(now, lang), percent(design)),
        Lang::Zh => format!("{} · 设计值 {}", nines_in(now, lang), percent(design)),
    }
}

/// What goes down with one node (the hovered or selected one): its blast radius.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Blast {
    /// The node, if any.
    pub node: Option<AttrValue>,
    /// Its label.
    pub label: Option<AttrValue>,
    /// Ids of the nodes that stop working with it.
    pub nodes: Rc<std::collections::HashSet<String>>,
    /// Ids of the functions that go down with it, in function order; of a
    /// node already down, those down with it (which its revival would bring back).
    pub functions: Rc<Vec<String>>,
    /// Whether the node is down already.
    pub down: bool,
}

const COL_MEASURED: Localized = l("Traffic", "实测");
const LAST_5S: Localized = l("last 5 s", "最近 5 秒");
const MEASURED: Localized = l("measured", "累计");
const PREDICTED: Localized = l("predicted", "预测");

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub analysis: Rc<Analysis>,
    /// The document (its zones' names and availabilities).
    pub doc: Rc<Document>,
    pub blast: Blast,
    /// The running traffic's figures, while it runs.
    #[prop_or_default]
    pub live: Option<Rc<Live>>,
}

/// A function's traffic cell, each figure with its words: the recent success
/// rate (`data-sim-success`), the rate since the start and its 95% interval,
/// and under real chaos the prediction it approaches (`f`'s availability),
/// each on a line of its own so that the column stays narrow.
fn measured_cell(live: &Live, f: &FunctionReport, lang: Lang) -> Html {
    let Some(m) = live.function(&f.id) else {
        return html! { <td class="num sim" /> };
    };
    let since = percent_within(m.measured(), 4);
    let span = percent_span(m.ci95[0], m.ci95[1]);
    let predicted = (live.chaos == Chaos::Real).then(|| percent(f.availability));
    let colon = if lang == Lang::Zh { "：" } else { ": " };
    html! {
        <td class="num sim">
            <small class="sim-recent">{ LAST_5S.get(lang) }</small>{ " " }
            <span data-sim-success="">{ percent_within(m.recent, 4) }</span>
            if m.finished > 0 {
                <small data-sim-measured={m.measured().to_string()}>{ format!("{} {since}", MEASURED.get(lang)) }</small>
                // The interval may break after its dash when the column is squeezed.
                <small class="sim-span" data-sim-ci95={format!("{},{}", m.ci95[0], m.ci95[1])}>
                    { "95%" }{ colon }
                    { for span.split_inclusive('–').map(|part| html! { <>{ part.to_string() }<wbr /></> }) }
                </small>
            }
            if let Some(p) = predicted {
                <small data-sim-predicted="">{ format!("{} {p}", PREDICTED.get(lang)) }</small>
            }
        </td>
    }
}

pub fn analysis_panel(props: &PanelProps, lang: Lang) -> Html {
    let a = &props.analysis;
    let system = &a.system;
    let estimate = match (system.method, system.ci95) {
        (Method::MonteCarlo, Some(half)) => {
            let points = percent(half).trim_end_matches('%').to_string();
            let text = match lang {
                Lang::En => format!("Estimated by sampling: ± {points} points (95%)"),
                Lang::Zh => format!("抽样估算：± {points} 个百分点（95% 置信区间）"),
            };
            html! { <p class="note">{ text }</p> }
        }
        _ => html! {},
    };
    let rows = a.functions.iter().map(|f| {
        let status = f.status.as_str();
        // Kills cost availability: show it against the design figure.
        let lower = f.design_availability - f.availability > 1e-15;
        let in_blast = props.blast.functions.contains(&f.id);
        html! {
            <tr key={f.id.clone()} data-function-id={f.id.clone()} data-status={status}
                data-in-blast={in_blast.then_some("true")}
                class={classes!(format!("status-{status}"), in_blast.then_some("in-blast"))}>
                <th scope="row" class="fn-label" title={f.id.clone()}>{ function_label(f, lang) }
                    if in_blast { <span class="visually-hidden">{ IN_BLAST.get(lang) }</span> }</th>
                <td><span class={classes!("status-chip", format!("status-{status}"))}>
                    { format!("{} {}", mark(f.status), status_word(f.status, lang)) }</span></td>
                <td class="num">
                    <span class={classes!("availability", lower.then_some("lower"))}
                          data-availability="">{ percent(f.availability) }</span>
                    <small class="design" title={COL_DESIGN_TIP.get(lang)}>{ percent(f.design_availability) }</small>
                </td>
                if let Some(live) = &props.live { { measured_cell(live, f, lang) } }
                <td class="num">{ downtime_in(f.downtime_hours_per_year, lang) }</td>
            </tr>
        }
    });
    // Without a function there is nothing to measure: say so, not "100%".
    let (all, mean, all_sub, mean_sub) = if a.functions.is_empty() {
        ("—".into(), "—".into(), String::new(), String::new())
    } else {
        (
            percent(system.all),
            percent(system.mean),
            figure_sub(system.all, system.design_all, lang),
            figure_sub(system.mean, system.design_mean, lang),
        )
    };
    html! {
        <aside class="panel" aria-label={REGION.get(lang)}>
            <section class="system">
                <h2>{ WHOLE_SYSTEM.get(lang) }</h2>
                if a.functions.is_empty() {
                    <p class="note" data-nothing-to-measure="">{ NOTHING_TO_MEASURE.get(lang) }</p>
                }
                <div class="figures">
                    <div class="figure">
                        <span class="figure-label">{ ALL_WORK.get(lang) }</span>
                        <span class="figure-value" data-system-all="">{ all }</span>
                        <span class="figure-sub">{ all_sub }</span>
                    </div>
                    <div class="figure">
                        <span class="figure-label">{ MEAN.get(lang) }</span>
                        <span class="figure-value" data-system-mean="">{ mean }</span>
                        <span class="figure-sub">{ mean_sub }</span>
                    </div>
                </div>
                { estimate }
            </section>
            <section class="functions">
                <h2>{ FUNCTIONS.get(lang) }</h2>
                <p class="note" data-function-definition="">{ WHAT_A_FUNCTION_IS.get(lang) }</p>
                { blast_caption(&props.blast, a, lang) }
                if a.functions.is_empty() {
                    <p class="note">{ NO_FUNCTION.get(lang) }</p>
                } else {
                    <table class="function-table">
                        <caption class="visually-hidden">{ TABLE_CAPTION.get(lang) }</caption>
                        <thead><tr>
                            <th scope="col">{ COL_FUNCTION.get(lang) }</th>
                            <th scope="col">{ COL_NOW.get(lang) }</th>
                            <th scope="col" class="num" title={COL_DESIGN_TIP.get(lang)}>
                                { COL_AVAILABILITY.get(lang) }<small class="design">{ COL_DESIGN.get(lang) }</small>
                            </th>
                            if props.live.is_some() {
                                <th scope="col" class="num">{ COL_MEASURED.get(lang) }</th>
                            }
                            <th scope="col" class="num">{ COL_DOWNTIME.get(lang) }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                }
            </section>
            { super::zones::zone_list(&props.doc, a, lang) }
        </aside>
    }
}

/// The diagram's title (a preset's in `lang`) and, in an exercise
/// (`extra.hide_spof`), the switch that shows its single points of failure:
/// while it is off no badge is drawn and no node's name says SPOF.
pub fn diagram_head(doc: &Document, lang: Lang, show_spof: bool, on_show: &Callback<bool>) -> Html {
    let on_change = on_show.reform(|e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.checked()
    });
    html! {
        <>
            if let Some(title) = &doc.title {
                <p class="diagram-title" data-diagram-title="">{ title_in(title, lang) }</p>
            }
            if doc.hides_spof() {
                <label class="diagram-title"><input type="checkbox" data-show-spof="" checked={show_spof} onchange={on_change} />{ SHOW_SPOF.get(lang) }</label>
            }
        </>
    }
}

/// One line saying what the hovered or selected node takes down with it (its
/// blast radius), naming the node by its label.
fn blast_caption(blast: &Blast, analysis: &Analysis, lang: Lang) -> Html {
    let Some(node) = &blast.node else {
        return html! {};
    };
    if analysis.node(node).is_none() {
        return html! {};
    }
    let name = blast.label.as_deref().unwrap_or(node);
    let text = match (blast.functions.len(), lang) {
        (0, Lang::En) if blast.down => format!("{name} is already down."),
        (_, Lang::En) if blast.down => {
            format!("{name} is already down: the highlighted functions are down with it.")
        }
        (0, Lang::Zh) if blast.down => format!("“{name}”已经宕机。"),
        (_, Lang::Zh) if blast.down => format!("“{name}”已经宕机，高亮的功能随之停止。"),
        (0, Lang::En) => format!("Losing all of {name} takes no function down."),
        (1, Lang::En) => format!("Losing all of {name} takes 1 function down (highlighted)."),
        (n, Lang::En) => format!("Losing all of {name} takes {n} functions down (highlighted)."),
        (0, Lang::Zh) => format!("“{name}”全部宕机，不会让任何功能停止。"),
        (n, Lang::Zh) => format!("“{name}”全部宕机，会让 {n} 个功能停止（已高亮）。"),
    };
    html! { <p class="note blast-caption" data-blast-caption="">{ text }</p> }
}
