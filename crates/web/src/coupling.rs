//! The coupling table (docs/spec/model.md §3): ca, ce and instability per node, shared
//! stores, cycles and the longest synchronous chain, exactly as the engine
//! reports them. Nothing is computed here but the order rows are shown in.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::lang::{use_lang, Lang, Localized};
use topolab_engine::analysis::NodeReport;
use topolab_engine::document::NodeKind;
use topolab_engine::i18n::l;
use topolab_engine::{Analysis, Document};

pub(crate) const TITLE: Localized = l("Coupling", "耦合");
const COL_NODE: Localized = l("Node", "节点");
// Ca and Ce keep their names in Chinese, as Chinese textbooks write them.
const COL_CA: &str = "Ca";
const COL_CA_LONG: Localized = l(
    "Afferent coupling: nodes that call this one",
    "传入耦合：同步调用本节点的节点数",
);
const COL_CE: &str = "Ce";
const COL_CE_LONG: Localized = l(
    "Efferent coupling: nodes this one calls",
    "传出耦合：本节点同步调用的节点数",
);
const COL_INSTABILITY: Localized = l("Instability", "不稳定度");
const COL_ASYNC: Localized = l("Async in / out", "异步 入/出");
const COL_DEPTH: Localized = l("Sync depth", "同步深度");
const EXPLAIN_CA: Localized = l(
    "Ca: how many nodes call this one synchronously. High Ca: many break if it fails or changes.",
    "Ca：有多少个节点同步调用它。Ca 越高，它一出故障或一改动，受牵连的节点就越多。",
);
const EXPLAIN_CE: Localized = l(
    "Ce: how many nodes this one calls synchronously. High Ce: it fails when any of them does.",
    "Ce：它同步调用了多少个节点。Ce 越高，其中任何一个出故障，它都会跟着出故障。",
);
const EXPLAIN_CALLS: Localized = l(
    "Calls are requires and optional links between services; routing through a load balancer or gateway is not coupling (—).",
    "调用指服务之间必需或可选的同步连线；经负载均衡器或网关转发不算耦合（—）。",
);
const ROUTING_ONLY: Localized = l(
    "Only routes: routing is not coupling",
    "只转发：转发不算耦合",
);
const EXPLAIN_INSTABILITY: Localized = l(
    "Instability = Ce / (Ca + Ce): 0 means others lean on it, 1 means it leans on others.",
    "不稳定度 = Ce / (Ca + Ce)：0 表示别人依赖它，1 表示它依赖别人。",
);
const EXPLAIN_DEPTH: Localized = l(
    "Sync depth: the longest chain of required calls that starts at the node.",
    "同步深度：从该节点出发、由同步调用（必需）串成的最长调用链。",
);
const NO_NODES: Localized = l(
    "No node that can fail yet: add a service.",
    "还没有会出故障的节点：先添加一个服务吧。",
);
const SHARED_STORES: Localized = l("Shared stores", "共享存储");
const SHARED_STORES_WHY: Localized = l(
    "Services with different jobs share these stores' data: a change of schema or a slow query in one reaches the others.",
    "职责不同的服务共用这些存储里的数据：一个服务改了表结构或出现慢查询，都会波及其他服务。",
);
const CYCLES: Localized = l("Cycles", "循环依赖");
const CYCLES_WHY: Localized = l(
    "Nodes that call each other synchronously cannot fail, change or be deployed alone.",
    "互相同步调用的节点一损俱损，也无法单独修改或部署。",
);
const MAX_DEPTH: Localized = l("Longest synchronous chain", "最长同步调用链");
const MAX_DEPTH_WHY: Localized = l(
    "Every hop adds latency and one more way to fail.",
    "每多一跳，就多一份延迟，也多一种出故障的可能。",
);
const NONE: Localized = l("None", "无");

/// More rows than this and only the most coupled are shown until asked.
const ROW_LIMIT: usize = 30;

fn show_all_text(total: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Show all {total}"),
        Lang::Zh => format!("显示全部 {total} 个"),
    }
}

fn show_fewer_text(lang: Lang) -> String {
    match lang {
        Lang::En => format!("Show the {ROW_LIMIT} most coupled"),
        Lang::Zh => format!("只显示耦合最高的 {ROW_LIMIT} 个"),
    }
}

fn rows_shown_text(shown: usize, total: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{shown} of {total} nodes shown: those with the highest Ca + Ce."),
        Lang::Zh => format!("显示了 {total} 个节点中的 {shown} 个：Ca + Ce 最高的那些。"),
    }
}

/// What follows the number of the longest chain.
fn depth_unit(depth: u32, lang: Lang) -> &'static str {
    match (depth, lang) {
        (1, Lang::En) => " required call.",
        (_, Lang::En) => " required calls in a row.",
        (1, Lang::Zh) => " 次同步调用。",
        (_, Lang::Zh) => " 次连续的同步调用。",
    }
}

#[derive(Properties, PartialEq)]
pub struct CouplingProps {
    pub doc: Rc<Document>,
    pub analysis: Rc<Analysis>,
}

/// One row: a non-client node and its report, found by index in document order.
struct Row<'a> {
    id: &'a str,
    label: &'a str,
    /// A load balancer or gateway: it routes requests.
    routes: bool,
    report: &'a NodeReport,
}

/// The non-client nodes in document order. The analysis lists nodes in
/// document order; a report that does not match (a stale analysis) is left out.
fn rows<'a>(doc: &'a Document, analysis: &'a Analysis) -> Vec<Row<'a>> {
    doc.nodes
        .iter()
        .zip(&analysis.nodes)
        .filter(|(node, report)| !node.is_client() && node.id == report.id)
        .map(|(node, report)| Row {
            id: &node.id,
            label: node.label(),
            routes: matches!(node.kind, NodeKind::LoadBalancer | NodeKind::Gateway),
            report,
        })
        .collect()
}

/// The `limit` rows with the highest ca + ce (earlier first among equals),
/// still in document order.
fn most_coupled(mut rows: Vec<Row<'_>>, limit: usize) -> Vec<Row<'_>> {
    if rows.len() <= limit {
        return rows;
    }
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let weight = |i: usize| rows[i].report.ca + rows[i].report.ce;
    topolab_engine::sorting::sort_by_key(&mut order, |&i| std::cmp::Reverse(weight(i)));
    let mut keep = vec![false; rows.len()];
    for &i in &order[..limit] {
        keep[i] = true;
    }
    let mut keep = keep.into_iter();
    rows.retain(|_| keep.next().unwrap_or(false));
    rows
}

fn row_view(row: &Row<'_>, lang: Lang) -> Html {
    let r = row.report;
    // A balancer or gateway with no call of its own only routes: no figures.
    let routing = row.routes && r.ca + r.ce == 0;
    let [ca, ce, instability] = match routing {
        true => ["—".to_string(), "—".to_string(), "—".to_string()],
        false => [
            r.ca.to_string(),
            r.ce.to_string(),
            format!("{:.2}", r.instability),
        ],
    };
    html! {
        <tr key={row.id.to_string()} data-coupling-node={row.id.to_string()}
            data-routing={routing.then_some("true")} title={routing.then(|| ROUTING_ONLY.get(lang))}>
            <th scope="row" class="coupling-label" title={row.id.to_string()}>{ row.label.to_string() }</th>
            <td class="num">{ ca }</td>
            <td class="num">{ ce }</td>
            <td class="num">{ instability }</td>
            <td class="num">{ format!("{} / {}", r.async_in, r.async_out) }</td>
            <td class="num">{ r.sync_depth }</td>
        </tr>
    }
}

#[function_component(CouplingTable)]
pub fn coupling_table(props: &CouplingProps) -> Html {
    let lang = use_lang();
    let show_all = use_state(|| false);
    let toggle = {
        let show_all = show_all.clone();
        use_callback(*show_all, move |_: MouseEvent, &shown| show_all.set(!shown))
    };
    let (doc, analysis) = (&*props.doc, &*props.analysis);
    let all_rows = rows(doc, analysis);
    let total = all_rows.len();
    let shown = if *show_all {
        all_rows
    } else {
        most_coupled(all_rows, ROW_LIMIT)
    };
    let labels: HashMap<&str, &str> = doc
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.label()))
        .collect();
    let label_of = |id: &String| labels.get(id.as_str()).copied().unwrap_or(id).to_string();

    let table = if total == 0 {
        html! { <p class="note">{ NO_NODES.get(lang) }</p> }
    } else {
        html! {
            <>
                <table class="coupling-table">
                    <caption>
                        <span>{ EXPLAIN_CA.get(lang) }</span>
                        <span>{ EXPLAIN_CE.get(lang) }</span>
                        <span>{ EXPLAIN_CALLS.get(lang) }</span>
                        <span>{ EXPLAIN_INSTABILITY.get(lang) }</span>
                        <span>{ EXPLAIN_DEPTH.get(lang) }</span>
                    </caption>
                    <thead><tr>
                        <th scope="col">{ COL_NODE.get(lang) }</th>
                        <th scope="col" class="num"><abbr title={COL_CA_LONG.get(lang)}>{ COL_CA }</abbr></th>
                        <th scope="col" class="num"><abbr title={COL_CE_LONG.get(lang)}>{ COL_CE }</abbr></th>
                        <th scope="col" class="num">{ COL_INSTABILITY.get(lang) }</th>
                        <th scope="col" class="num">{ COL_ASYNC.get(lang) }</th>
                        <th scope="col" class="num">{ COL_DEPTH.get(lang) }</th>
                    </tr></thead>
                    <tbody>{ for shown.iter().map(|row| row_view(row, lang)) }</tbody>
                </table>
                if total > ROW_LIMIT {
                    <p class="coupling-more">
                        if !*show_all {
                            <span class="note">{ rows_shown_text(shown.len(), total, lang) }</span>
                        }
                        <button type="button" onclick={toggle} aria-expanded={show_all.to_string()}>
                            { if *show_all { show_fewer_text(lang) } else { show_all_text(total, lang) } }
                        </button>
                    </p>
                }
            </>
        }
    };
    let stores = if analysis.shared_stores.is_empty() {
        html! { <p class="coupling-none" data-shared-stores="">{ NONE.get(lang) }</p> }
    } else {
        html! {
            <ul class="coupling-list" data-shared-stores="">
                { for analysis.shared_stores.iter().map(|id| html! {
                    <li key={id.clone()}>{ label_of(id) }</li>
                }) }
            </ul>
        }
    };
    let cycles = if analysis.cycles.is_empty() {
        html! { <p class="coupling-none" data-cycles="">{ NONE.get(lang) }</p> }
    } else {
        html! {
            <ul class="coupling-list" data-cycles="">
                { for analysis.cycles.iter().map(|cycle| html! {
                    <li>{ cycle.iter().map(label_of).collect::<Vec<_>>().join(" → ") }</li>
                }) }
            </ul>
        }
    };
    html! {
        <section class="coupling" aria-labelledby="coupling-title">
            <h2 id="coupling-title">{ TITLE.get(lang) }</h2>
            { table }
            <h3>{ SHARED_STORES.get(lang) }</h3>
            <p class="note">{ SHARED_STORES_WHY.get(lang) }</p>
            { stores }
            <h3>{ CYCLES.get(lang) }</h3>
            <p class="note">{ CYCLES_WHY.get(lang) }</p>
            { cycles }
            <h3>{ MAX_DEPTH.get(lang) }</h3>
            <p class="coupling-depth">
                <span class="coupling-depth-value" data-max-sync-depth="">{ analysis.max_sync_depth }</span>
                { depth_unit(analysis.max_sync_depth, lang) }
            </p>
            <p class="note">{ MAX_DEPTH_WHY.get(lang) }
            </p>
        </section>
    }
}
