//! "What would it take?" (docs/spec/model.md §7): pick a function, or every function
//! together, and a target; the options side by side with their cost and their
//! figures after, each previewed on the diagram like a diff and applied as one
//! undoable step; a target no change can reach says why; and the weakest links
//! of the function: the nodes it depends on most, and the likeliest ways it
//! goes down, each lighting its nodes.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::words::{self, function_name, node_name};
use super::{GoalsProps, Preview, PreviewSource};
use crate::lang::{Lang, Localized};
use crate::typing::{use_typing, Typing};
use topolab_editor::Action;
use topolab_engine::advise::{advise, Advice, AdviceOption, OptionName, Target, Unreachable};
use topolab_engine::goals::{GoalKind, GoalReport, Threshold};
use topolab_engine::i18n::l;
use topolab_engine::units::{downtime_in, percent, read_availability};
use topolab_engine::{Document, NodeKind};

const TITLE: Localized = l("What would it take?", "要达到目标，需要什么？");
const ASK: Localized = l("Ask", "计算");
const STALE: Localized = l(
    "The diagram changed since: ask again.",
    "图已经改变：请重新计算。",
);
const ALREADY: Localized = l("Already met: nothing to add.", "已经达到：无需增加。");
const PREVIEW: Localized = l("Preview", "预览");
const APPLY: Localized = l("Apply", "应用");
const COST: Localized = l("Cost", "成本");
const AFTER: Localized = l("After", "之后");
const WEAKEST: Localized = l("Weakest links", "最薄弱的环节");
const DEPENDS: Localized = l(
    "What it depends on most (how much it would gain if the node never failed, against always failing):",
    "它最依赖的节点（该节点永不故障与总是故障相比，可用性相差多少）：",
);
const WAYS_DOWN: Localized = l(
    "The likeliest ways it goes down:",
    "最可能导致它停止的故障组合：",
);
const BAD_TARGET: Localized = l(
    "The target must be a percentage above 0 and below 100, such as 99.99, or nines, such as 4n.",
    "目标必须是大于 0、小于 100 的百分数（比如 99.99），或几个 9（比如 4n）。",
);
const AT_LEAST: Localized = l("At least (% or 4n)", "至少（% 或 4n）");

/// A target as typed: nines written short (`4n`), or what an availability field
/// reads (`99.99`, `99.99%`, `4 nines`, `4个9`: `units::read_availability`), as
/// the decimal it means, below 1; `None` when it is none of these.
fn target_min(text: &str) -> Option<f64> {
    let text = text.trim();
    let min = match text.strip_suffix('n').map(|n| n.trim().parse::<u32>()) {
        Some(Ok(n @ 1..=9)) => Threshold::Nines(n).min(),
        Some(_) => return None,
        None => read_availability(text).ok()?,
    };
    (min < 1.0).then_some(min)
}

/// What was asked and answered, and for which version of the document.
#[derive(Clone, PartialEq)]
struct Asked {
    rev: u64,
    target: Target,
    advice: Rc<Advice>,
}

/// The first unmet availability goal as (function, percent), else every function at 99.99%.
fn first_target(doc: &Document, goals: &[GoalReport]) -> (String, String) {
    doc.goals
        .iter()
        .zip(goals)
        .find_map(|(g, r)| match &g.kind {
            GoalKind::Availability {
                function,
                threshold,
            } if !r.met => Some((
                function.clone().unwrap_or_default(),
                words::number(threshold.min() * 100.0),
            )),
            _ => None,
        })
        .unwrap_or_else(|| (String::new(), "99.99".into()))
}

/// The panel's state, kept by the goals panel: the function and target as
/// typed, what was asked and answered, and what stops asking.
#[derive(Clone)]
pub struct AdviceState {
    fields: UseStateHandle<(String, String)>,
    asked: UseStateHandle<Option<Asked>>,
    problem: UseStateHandle<Option<&'static str>>,
    typing: Typing,
}

/// The state of the advice panel, first offering the first unmet availability goal.
#[hook]
pub fn use_advice(doc: &Document, goals: &[GoalReport]) -> AdviceState {
    AdviceState {
        fields: use_state(|| first_target(doc, goals)),
        asked: use_state(|| None::<Asked>),
        problem: use_state(|| None::<&'static str>),
        typing: use_typing(),
    }
}

impl AdviceState {
    /// The panel.
    pub fn view(&self, props: &GoalsProps, lang: Lang) -> Html {
        let AdviceState {
            fields,
            asked,
            problem,
            typing,
        } = self;
        let on_function = {
            let fields = fields.clone();
            Callback::from(move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                fields.set((select.value(), fields.1.clone()));
            })
        };
        let on_percent = {
            let fields = fields.clone();
            typing.onchange(Callback::from(move |typed| {
                fields.set((fields.0.clone(), typed))
            }))
        };
        let ask = {
            let (fields, asked, problem) = (fields.clone(), asked.clone(), problem.clone());
            let (doc, rev) = (props.doc.clone(), props.topology_rev);
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                // What the form shows now: a target typed just before Ask may not
                // have reached the state this handler was made with.
                let form = e.target_dyn_into::<web_sys::Element>();
                let shown = |selector: &str, stale: &str| {
                    form.as_ref()
                        .and_then(|f| super::shown_value(f, selector))
                        .unwrap_or_else(|| stale.to_string())
                };
                let (function, typed) = (
                    shown("[data-advice-function]", &fields.0),
                    shown("[data-advice-min]", &fields.1),
                );
                let Some(min) = target_min(&typed) else {
                    problem.set(Some(BAD_TARGET.get(lang)));
                    return;
                };
                problem.set(None);
                let function = Some(function).filter(|f| !f.is_empty());
                let target = Target { function, min };
                let advice = Rc::new(advise(&doc, std::slice::from_ref(&target)));
                asked.set(Some(Asked {
                    rev,
                    target,
                    advice,
                }));
            })
        };
        let options = std::iter::once(String::new())
            .chain(props.analysis.functions.iter().map(|f| f.id.clone()))
            .map(|id| {
                let name = function_name(
                    Some(id.as_str()).filter(|s| !s.is_empty()),
                    &props.analysis,
                    lang,
                );
                html! { <option value={id.clone()} selected={fields.0 == id}>{ name }</option> }
            });
        html! {
            <section class="advice" data-advice="">
                <h3>{ TITLE.get(lang) }</h3>
                <form class="advice-ask" onsubmit={ask}>
                    <label>{ words::FUNCTION.get(lang) }
                        <select data-advice-function="" onchange={on_function}>{ for options }</select>
                    </label>
                    <label>{ AT_LEAST.get(lang) }
                        <input type="text" value={typing.shown("min", fields.1.clone())}
                               data-advice-min="" oninput={typing.oninput("min")} onchange={on_percent} />
                    </label>
                    <button type="submit" data-advice-ask="">{ ASK.get(lang) }</button>
                </form>
                if let Some(why) = **problem { <p class="form-problem" role="alert">{ why }</p> }
                if let Some(asked) = &**asked { { answer(props, asked, lang) } }
            </section>
        }
    }
}

/// The answer to what was asked.
fn answer(props: &GoalsProps, asked: &Asked, lang: Lang) -> Html {
    let a = &asked.advice;
    let stale = asked.rev != props.topology_rev;
    let met = a.targets.first().is_some_and(|t| t.met);
    let now = a.targets.first().map(|t| {
        let now = percent(t.value);
        match lang {
            Lang::En => format!("Now {now}, target {}.", percent(t.min)),
            Lang::Zh => format!("当前 {now}，目标 {}。", percent(t.min)),
        }
    });
    html! {
        <div class="advice-answer" data-advice-answer="" data-stale={stale.to_string()}>
            if stale { <p class="note">{ STALE.get(lang) }</p> }
            <p>{ now.unwrap_or_default() }{ " " }if met { { ALREADY.get(lang) } }</p>
            if !a.options.is_empty() {
                <div class="advice-options">
                    { for distinct(&a.options).map(|(o, both)| option_card(props, o, both, stale, lang)) }
                </div>
            }
            { for a.unreachable.iter().map(|u| unreachable_text(props, u, lang)) }
            { weakest_links(props, a, lang) }
        </div>
    }
}

/// The options, each once: when the fewest-nodes change is the cheapest one,
/// one card says it is both.
fn distinct(options: &[AdviceOption]) -> impl Iterator<Item = (&AdviceOption, bool)> {
    let same = options.len() == 2 && options[0].add == options[1].add;
    options
        .iter()
        .take(if same { 1 } else { 2 })
        .map(move |o| (o, same))
}

/// An option's name in words (`both`: it is the cheapest and changes fewest nodes).
fn option_title(name: OptionName, both: bool, lang: Lang) -> &'static str {
    match (name, both) {
        (_, true) => l(
            "Cheapest, and fewest nodes changed",
            "成本最低，改动节点也最少",
        ),
        (OptionName::Cheapest, _) => l("Cheapest", "成本最低"),
        (OptionName::FewestNodes, _) => l("Fewest nodes changed", "改动节点最少"),
    }
    .get(lang)
}

/// One option: what it adds, its cost, the figure after, Preview and Apply.
fn option_card(props: &GoalsProps, o: &AdviceOption, both: bool, stale: bool, lang: Lang) -> Html {
    let showing =
        matches!(props.preview.as_deref(), Some(p) if p.source == PreviewSource::Advice(o.name));
    let preview = {
        let (doc, on_preview, o) = (props.doc.clone(), props.on_preview.clone(), o.clone());
        Callback::from(move |_: MouseEvent| {
            on_preview.emit((!showing).then(|| Rc::new(Preview::change(&doc, &o))));
        })
    };
    let apply = {
        let (doc, dispatch, o) = (props.doc.clone(), props.dispatch.clone(), o.clone());
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::Replace(Rc::new(o.apply(&doc)))))
    };
    let adds = o.add.iter().map(|a| {
        let name = node_name(&a.node, &props.doc);
        html! { <li>{ format!("+{} {name}", a.instances) }</li> }
    });
    let after = o
        .values
        .first()
        .map(|v| percent(v.value))
        .unwrap_or_default();
    html! {
        <article class="advice-option" data-advice-option={o.name.as_str()}
                 data-method={o.method.map_or("exact", |_| "heuristic")}>
            <h4>{ option_title(o.name, both, lang) }</h4>
            <ul>{ for adds }</ul>
            <p>{ COST.get(lang) }{ format!(" {} · ", words::number(o.cost)) }
               { AFTER.get(lang) }{ format!(" {after}") }</p>
            <span class="advice-actions">
                <button type="button" aria-pressed={showing.to_string()} data-advice-preview=""
                        onclick={preview}>{ PREVIEW.get(lang) }</button>
                if !props.readonly {
                    <button type="button" class="primary" data-advice-apply="" disabled={stale}
                            onclick={apply}>{ APPLY.get(lang) }</button>
                }
            </span>
        </article>
    }
}

/// Why a target cannot be reached, in words.
fn unreachable_text(props: &GoalsProps, u: &Unreachable, lang: Lang) -> Html {
    let function = function_name(Some(&u.function), &props.analysis, lang);
    let best = percent(u.best);
    let limits: Vec<String> = u
        .limited_by
        .iter()
        .map(|id| {
            let name = node_name(id, &props.doc);
            let node = props.doc.node(id);
            let at = node.map(|n| percent(n.availability())).unwrap_or_default();
            match (node.map(|n| n.kind), lang) {
                (Some(NodeKind::External), Lang::En) => {
                    format!("{name} is an external service at {at}: no number of servers behind it gets {function} above that")
                }
                (Some(NodeKind::External), Lang::Zh) => {
                    format!("“{name}”是外部服务，可用性只有 {at}：在它后面加多少服务器，“{function}”都超不过它")
                }
                (_, Lang::En) => format!("{name} already has the most instances a node may have (64)"),
                (_, Lang::Zh) => format!("“{name}”已经达到实例数上限（64）"),
            }
        })
        .collect();
    let text = match lang {
        Lang::En => format!(
            "No change of instances reaches this: the best is {best}. {}.",
            limits.join("; ")
        ),
        Lang::Zh => format!(
            "增加实例达不到这个目标：最多只能到 {best}。{}。",
            limits.join("；")
        ),
    };
    html! { <p class="advice-unreachable" data-unreachable={u.function.clone()}>{ text }</p> }
}

/// The function's most important nodes and its likeliest cut sets, each
/// lighting its nodes while hovered or focused.
fn weakest_links(props: &GoalsProps, a: &Advice, lang: Lang) -> Html {
    let (Some(importance), Some(cuts)) = (a.importance.first(), a.cut_sets.first()) else {
        return Html::default();
    };
    let light = |source: PreviewSource, nodes: Vec<String>| {
        let on_preview = props.on_preview.clone();
        let on = {
            let on_preview = on_preview.clone();
            Callback::from(move |()| on_preview.emit(Some(Rc::new(Preview::lit(source, &nodes)))))
        };
        (
            on.reform(|_: MouseEvent| ()),
            on.reform(|_: FocusEvent| ()),
            on_preview.reform(|_: MouseEvent| None),
        )
    };
    let ranked = importance.nodes.iter().take(5).map(|n| {
        let (enter, focus, leave) = light(PreviewSource::CutSet(usize::MAX), vec![n.id.clone()]);
        html! {
            <li tabindex="0" data-importance={n.id.clone()} onmouseenter={enter} onfocus={focus} onmouseleave={leave}>
                { format!("{} · {}", node_name(&n.id, &props.doc), words::number(n.birnbaum)) }
            </li>
        }
    });
    let sets = cuts.sets.iter().take(5).enumerate().map(|(i, s)| {
        let names: Vec<String> = s.nodes.iter().map(|id| node_name(id, &props.doc)).collect();
        let (enter, focus, leave) = light(PreviewSource::CutSet(i), s.nodes.clone());
        let alone = match (names.len(), lang) {
            (1, Lang::En) => format!("{} alone", names[0]),
            (_, Lang::En) => names.join(" and "),
            (1, Lang::Zh) => format!("仅“{}”", names[0]),
            (_, Lang::Zh) => names.join(" 与 "),
        };
        let per_year = downtime_in(s.probability * 365.25 * 24.0, lang);
        let text = match lang {
            Lang::En => format!("{alone}: {per_year} a year"),
            Lang::Zh => format!("{alone}：每年 {per_year}"),
        };
        html! {
            <li tabindex="0" data-cut-set={s.nodes.join(" ")} data-probability={s.probability.to_string()}
                onmouseenter={enter} onfocus={focus} onmouseleave={leave}>{ text }</li>
        }
    });
    html! {
        <div class="weakest-links" data-weakest="">
            <h4>{ WEAKEST.get(lang) }{ format!(" · {}", function_name(Some(&importance.function), &props.analysis, lang)) }</h4>
            <p class="note">{ DEPENDS.get(lang) }</p>
            <ol>{ for ranked }</ol>
            <p class="note">{ WAYS_DOWN.get(lang) }</p>
            <ol>{ for sets }</ol>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::target_min;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_target_is_a_percentage_or_nines() {
        assert_eq!(target_min("99.99"), Some(0.9999));
        assert_eq!(target_min(" 99.999 % "), Some(0.99999));
        assert_eq!(target_min("4n"), Some(0.9999));
        assert_eq!(target_min("3 nines"), Some(0.999));
        assert_eq!(target_min("5个9"), Some(0.99999));
        for bad in ["100", "0", "-1", "abc", "0n", "10n", "", "n"] {
            assert_eq!(target_min(bad), None, "{bad}");
        }
    }
}
