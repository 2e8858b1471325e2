//! The analysis panel: system figures and every function's status and
//! availability, exactly as the engine computed them.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::analysis::{Analysis, Method};
use crate::model::drawing::status_mark as mark;
use crate::model::units::{downtime, nines, percent};

/// What goes down with one node (the hovered or selected one): its blast radius.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Blast {
    /// The node, if any.
    pub node: Option<AttrValue>,
    /// Ids of the nodes that stop working with it.
    pub nodes: Rc<std::collections::HashSet<String>>,
    /// Ids of the functions that go down with it, in function order.
    pub functions: Rc<Vec<String>>,
}

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub analysis: Rc<Analysis>,
    pub blast: Blast,
}

fn nines_text(a: f64) -> String {
    match nines(a) {
        16 => "perfect".into(),
        1 => "1 nine".into(),
        n => format!("{n} nines"),
    }
}

#[function_component(AnalysisPanel)]
pub fn analysis_panel(props: &PanelProps) -> Html {
    let a = &props.analysis;
    let system = &a.system;
    let estimate = match (system.method, system.ci95) {
        (Method::MonteCarlo, Some(half)) => html! {
            <p class="note">{ format!("Estimated by sampling: ± {} (95%)", percent(half).trim_end_matches('%').to_string() + " points") }</p>
        },
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
                <th scope="row" class="fn-label" title={f.id.clone()}>{ f.label.clone() }</th>
                <td><span class={classes!("status-chip", format!("status-{status}"))}>
                    { format!("{} {}", mark(f.status), status) }</span></td>
                <td class={classes!("num", lower.then_some("lower"))} data-availability="">{ percent(f.availability) }</td>
                <td class="num design">{ percent(f.design_availability) }</td>
                <td class="num">{ downtime(f.downtime_hours_per_year) }</td>
            </tr>
        }
    });
    html! {
        <aside class="panel" aria-label="Analysis">
            <section class="system">
                <h2>{ "Whole system" }</h2>
                <div class="figures">
                    <div class="figure">
                        <span class="figure-label">{ "Every function works" }</span>
                        <span class="figure-value" data-system-all="">{ percent(system.all) }</span>
                        <span class="figure-sub">{ format!("{} · design {}", nines_text(system.all), percent(system.design_all)) }</span>
                    </div>
                    <div class="figure">
                        <span class="figure-label">{ "Weighted mean" }</span>
                        <span class="figure-value" data-system-mean="">{ percent(system.mean) }</span>
                        <span class="figure-sub">{ format!("{} · design {}", nines_text(system.mean), percent(system.design_mean)) }</span>
                    </div>
                </div>
                { estimate }
            </section>
            <section class="functions">
                <h2>{ "Functions" }</h2>
                { blast_caption(&props.blast, a) }
                if a.functions.is_empty() {
                    <p class="note">{ "No function yet: link a client to a service." }</p>
                } else {
                    <table class="function-table">
                        <thead><tr>
                            <th scope="col">{ "Function" }</th>
                            <th scope="col">{ "Now" }</th>
                            <th scope="col" class="num">{ "Availability" }</th>
                            <th scope="col" class="num">{ "Design" }</th>
                            <th scope="col" class="num">{ "Down / year" }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                }
            </section>
        </aside>
    }
}

/// One line saying what the hovered or selected node takes down with it.
fn blast_caption(blast: &Blast, analysis: &Analysis) -> Html {
    let Some(node) = &blast.node else {
        return html! {};
    };
    let text = match blast.functions.len() {
        _ if analysis.node(node).is_none() => return html! {},
        0 => format!("Losing all of {node} takes no function down."),
        1 => format!("Losing all of {node} takes 1 function down (highlighted)."),
        n => format!("Losing all of {node} takes {n} functions down (highlighted)."),
    };
    html! { <p class="note blast-caption" data-blast-caption="">{ text }</p> }
}
