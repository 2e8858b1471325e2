//! The coupling table (MODEL.md §3): ca, ce and instability per node, shared
//! stores, cycles and the longest synchronous chain, exactly as the engine
//! reports them. Nothing is computed here but the order rows are shown in.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::model::analysis::NodeReport;
use crate::model::{Analysis, Document};

// The panel's English text, in one place for the translation to come.
const TITLE: &str = "Coupling";
const COL_NODE: &str = "Node";
const COL_CA: &str = "Ca";
const COL_CA_LONG: &str = "Afferent coupling: nodes that call this one";
const COL_CE: &str = "Ce";
const COL_CE_LONG: &str = "Efferent coupling: nodes this one calls";
const COL_INSTABILITY: &str = "Instability";
const COL_ASYNC: &str = "Async in / out";
const COL_DEPTH: &str = "Sync depth";
const EXPLAIN_CA: &str =
    "Ca: how many nodes call this one synchronously. High Ca: many break if it fails or changes.";
const EXPLAIN_CE: &str =
    "Ce: how many nodes this one calls synchronously. High Ce: it fails when any of them does.";
const EXPLAIN_INSTABILITY: &str =
    "Instability = Ce / (Ca + Ce): 0 means others lean on it, 1 means it leans on others.";
const EXPLAIN_DEPTH: &str =
    "Sync depth: the longest chain of required calls that starts at the node.";
const NO_NODES: &str = "No node that can fail yet: add a service.";
const SHARED_STORES: &str = "Shared stores";
const SHARED_STORES_WHY: &str = "Services with different jobs share these stores' data: a change of schema or a slow query in one reaches the others.";
const CYCLES: &str = "Cycles";
const CYCLES_WHY: &str =
    "Nodes that call each other synchronously cannot fail, change or be deployed alone.";
const MAX_DEPTH: &str = "Longest synchronous chain";
const MAX_DEPTH_WHY: &str = "Every hop adds latency and one more way to fail.";
const NONE: &str = "None";

/// More rows than this and only the most coupled are shown until asked.
const ROW_LIMIT: usize = 30;

fn show_all_text(total: usize) -> String {
    format!("Show all {total}")
}

fn show_fewer_text() -> String {
    format!("Show the {ROW_LIMIT} most coupled")
}

fn rows_shown_text(shown: usize, total: usize) -> String {
    format!("{shown} of {total} nodes shown: those with the highest Ca + Ce.")
}

/// What follows the number of the longest chain.
fn depth_unit(depth: u32) -> &'static str {
    match depth {
        1 => " required call.",
        _ => " required calls in a row.",
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
    order.sort_by_key(|&i| std::cmp::Reverse(weight(i)));
    let mut keep = vec![false; rows.len()];
    for &i in &order[..limit] {
        keep[i] = true;
    }
    let mut keep = keep.into_iter();
    rows.retain(|_| keep.next().unwrap_or(false));
    rows
}

fn row_view(row: &Row<'_>) -> Html {
    let r = row.report;
    html! {
        <tr key={row.id.to_string()} data-coupling-node={row.id.to_string()}>
            <th scope="row" class="coupling-label" title={row.id.to_string()}>{ row.label.to_string() }</th>
            <td class="num">{ r.ca }</td>
            <td class="num">{ r.ce }</td>
            <td class="num">{ format!("{:.2}", r.instability) }</td>
            <td class="num">{ format!("{} / {}", r.async_in, r.async_out) }</td>
            <td class="num">{ r.sync_depth }</td>
        </tr>
    }
}

#[function_component(CouplingTable)]
pub fn coupling_table(props: &CouplingProps) -> Html {
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
        html! { <p class="note">{ NO_NODES }</p> }
    } else {
        html! {
            <>
                <table class="coupling-table">
                    <caption>
                        <span>{ EXPLAIN_CA }</span>
                        <span>{ EXPLAIN_CE }</span>
                        <span>{ EXPLAIN_INSTABILITY }</span>
                        <span>{ EXPLAIN_DEPTH }</span>
                    </caption>
                    <thead><tr>
                        <th scope="col">{ COL_NODE }</th>
                        <th scope="col" class="num"><abbr title={COL_CA_LONG}>{ COL_CA }</abbr></th>
                        <th scope="col" class="num"><abbr title={COL_CE_LONG}>{ COL_CE }</abbr></th>
                        <th scope="col" class="num">{ COL_INSTABILITY }</th>
                        <th scope="col" class="num">{ COL_ASYNC }</th>
                        <th scope="col" class="num">{ COL_DEPTH }</th>
                    </tr></thead>
                    <tbody>{ for shown.iter().map(row_view) }</tbody>
                </table>
                if total > ROW_LIMIT {
                    <p class="coupling-more">
                        if !*show_all {
                            <span class="note">{ rows_shown_text(shown.len(), total) }</span>
                        }
                        <button type="button" onclick={toggle} aria-expanded={show_all.to_string()}>
                            { if *show_all { show_fewer_text() } else { show_all_text(total) } }
                        </button>
                    </p>
                }
            </>
        }
    };
    let stores = if analysis.shared_stores.is_empty() {
        html! { <p class="coupling-none" data-shared-stores="">{ NONE }</p> }
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
        html! { <p class="coupling-none" data-cycles="">{ NONE }</p> }
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
            <h2 id="coupling-title">{ TITLE }</h2>
            { table }
            <h3>{ SHARED_STORES }</h3>
            <p class="note">{ SHARED_STORES_WHY }</p>
            { stores }
            <h3>{ CYCLES }</h3>
            <p class="note">{ CYCLES_WHY }</p>
            { cycles }
            <h3>{ MAX_DEPTH }</h3>
            <p class="coupling-depth">
                <span class="coupling-depth-value" data-max-sync-depth="">{ analysis.max_sync_depth }</span>
                { depth_unit(analysis.max_sync_depth) }
            </p>
            <p class="note">{ MAX_DEPTH_WHY }
            </p>
        </section>
    }
}
