//! Adding or editing one goal: its kind, then that kind's fields
//! (docs/spec/model.md §6). What the form cannot turn into a valid goal is said
//! under it, and nothing is saved.

use yew::prelude::*;

use super::words;
use crate::lang::Lang;
use topolab_engine::analysis::Analysis;
use topolab_engine::decimal::parse_f64;
use topolab_engine::goals::{FailureUnit, Goal, GoalKind, Threshold, GOAL_KINDS};
use topolab_engine::i18n::l;
use topolab_engine::units;

use crate::typing::{use_typing, Typing};

/// The form's fields, as typed.
#[derive(Clone, PartialEq)]
struct Fields {
    kind: String,
    /// A function id; empty for the whole system.
    function: String,
    /// A percentage, as typed.
    percent: String,
    failures: u32,
    of: FailureUnit,
    max: String,
    max_cost: String,
    label: String,
}

impl Fields {
    /// These fields with the values `form`'s inputs show now.
    fn read_from(&self, form: &web_sys::Element) -> Fields {
        let value = |selector: &str| super::shown_value(form, selector);
        let mut f = self.clone();
        if let Some(v) = value("[data-goal-kind]") {
            f.kind = v;
        }
        if let Some(v) = value("[data-goal-function]") {
            f.function = v;
        }
        if let Some(v) = value("[data-goal-min]") {
            f.percent = v;
        }
        if let Some(v) = value("[data-goal-failures]") {
            f.failures = v.parse().unwrap_or(f.failures);
        }
        if let Some(v) = value("[data-goal-of]") {
            f.of = if v == "nodes" {
                FailureUnit::Nodes
            } else {
                FailureUnit::Instances
            };
        }
        if let Some(v) = value("[data-goal-max]") {
            f.max = v;
        }
        if let Some(v) = value("[data-goal-max-cost]") {
            f.max_cost = v;
        }
        if let Some(v) = value("[data-goal-label]") {
            f.label = v;
        }
        f
    }

    fn of_goal(goal: Option<&Goal>) -> Fields {
        let mut f = Fields {
            kind: "survive".into(),
            function: String::new(),
            percent: "99.9".into(),
            failures: 1,
            of: FailureUnit::Instances,
            max: "3".into(),
            max_cost: "10".into(),
            label: goal.and_then(|g| g.label.clone()).unwrap_or_default(),
        };
        let Some(goal) = goal else { return f };
        f.kind = goal.kind.name().into();
        match &goal.kind {
            GoalKind::Availability {
                function,
                threshold,
            } => {
                f.function = function.clone().unwrap_or_default();
                f.percent = words::number(threshold.min() * 100.0);
            }
            GoalKind::Survive { failures, of, .. } => (f.failures, f.of) = (*failures, *of),
            GoalKind::MaxSyncDepth { max } => f.max = max.to_string(),
            GoalKind::Budget { max_cost } => f.max_cost = words::number(*max_cost),
            _ => {}
        }
        f
    }

    /// The goal the fields say (keeping `initial`'s id, extra and scope), or why not.
    fn goal(&self, initial: Option<&Goal>, lang: Lang) -> Result<Goal, String> {
        let kind = match self.kind.as_str() {
            "availability" => {
                // Read as the inspector reads a percentage: 99.999 typed is the
                // decimal 0.99999, not 99.999 / 100 in binary.
                let typed = format!("{}%", self.percent.trim().trim_end_matches(['%', '％']));
                let min = units::read_availability(&typed)
                    .ok()
                    .filter(|m| *m > 0.0 && *m < 1.0);
                let Some(min) = min else {
                    return Err(BAD_PERCENT.get(lang).into());
                };
                GoalKind::Availability {
                    function: Some(self.function.clone()).filter(|f| !f.is_empty()),
                    threshold: Threshold::Min(min),
                }
            }
            "survive" => GoalKind::Survive {
                failures: self.failures.clamp(1, 3),
                of: self.of,
                functions: initial.and_then(|g| match &g.kind {
                    GoalKind::Survive { functions, .. } => functions.clone(),
                    _ => None,
                }),
            },
            "no_spof" => GoalKind::NoSpof,
            "max_sync_depth" => match self.max.trim().parse() {
                Ok(max) => GoalKind::MaxSyncDepth { max },
                Err(_) => return Err(BAD_WHOLE.get(lang).into()),
            },
            "no_shared_stores" => GoalKind::NoSharedStores,
            "no_cycles" => GoalKind::NoCycles,
            _ => match parse_f64(self.max_cost.trim()) {
                Some(c) if c > 0.0 && c.is_finite() => GoalKind::Budget { max_cost: c },
                _ => return Err(BAD_COST.get(lang).into()),
            },
        };
        let label = self.label.trim();
        Ok(Goal {
            label: (!label.is_empty()).then(|| label.chars().take(200).collect()),
            kind,
            ..initial
                .cloned()
                .unwrap_or_else(|| Goal::new(GoalKind::NoSpof))
        })
    }
}

const BAD_PERCENT: crate::lang::Localized = l(
    "The target must be a percentage above 0 and below 100, such as 99.9.",
    "目标必须是大于 0、小于 100 的百分数，比如 99.9。",
);
const BAD_WHOLE: crate::lang::Localized = l(
    "The deepest chain must be a whole number, 0 or more.",
    "最深调用链必须是 0 或更大的整数。",
);
const BAD_COST: crate::lang::Localized = l(
    "The budget must be a number above 0.",
    "预算必须是大于 0 的数。",
);

/// The form's state, kept by the goals panel: the fields as typed and what
/// stops them being saved.
#[derive(Clone)]
pub struct GoalForm {
    fields: UseStateHandle<Fields>,
    problem: UseStateHandle<Option<String>>,
    typing: Typing,
}

/// The state of the goals panel's form (see [`GoalForm::view`]).
#[hook]
pub fn use_goal_form() -> GoalForm {
    GoalForm {
        fields: use_state(|| Fields::of_goal(None)),
        problem: use_state(|| None::<String>),
        typing: use_typing(),
    }
}

impl GoalForm {
    /// The form opened afresh on `initial` (`None`: a new goal).
    pub fn open(&self, initial: Option<&Goal>) {
        self.fields.set(Fields::of_goal(initial));
        self.problem.set(None);
        self.typing.done();
    }

    /// The form: a kind, its fields, Save and Cancel; `initial` is the goal edited.
    pub fn view(
        &self,
        analysis: &Analysis,
        initial: Option<Goal>,
        on_save: Callback<Goal>,
        on_cancel: Callback<()>,
        lang: Lang,
    ) -> Html {
        let (fields, typing) = (&self.fields, &self.typing);
        let set = |change: fn(&mut Fields, String)| {
            let (fields, typing) = (fields.clone(), typing.clone());
            Callback::from(move |e: Event| {
                typing.done();
                let value = e
                    .target_dyn_into::<web_sys::Element>()
                    .and_then(super::control_value)
                    .unwrap_or_default();
                let mut next = (*fields).clone();
                change(&mut next, value);
                fields.set(next);
            })
        };
        let submit = {
            let (fields, problem) = (fields.clone(), self.problem.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                // What the form shows now: a value typed just before Save may not
                // have reached the state this handler was made with.
                let shown = e
                    .target_dyn_into::<web_sys::Element>()
                    .map_or_else(|| (*fields).clone(), |form| fields.read_from(&form));
                match shown.goal(initial.as_ref(), lang) {
                    Ok(goal) => on_save.emit(goal),
                    Err(why) => problem.set(Some(why)),
                }
            })
        };
        let cancel = on_cancel.reform(|_: MouseEvent| ());
        let kinds = GOAL_KINDS.iter().map(|(k, _)| {
            html! { <option value={*k} selected={fields.kind == *k}>{ words::kind_name(k, lang) }</option> }
        });
        html! {
            <form class="goal-form" data-goal-form="" onsubmit={submit}>
                <label>{ words::KIND.get(lang) }
                    <select data-goal-kind="" onchange={set(|f, v| f.kind = v)}>{ for kinds }</select>
                </label>
                { kind_fields((fields, typing), analysis, lang, &set) }
                <label>{ words::LABEL.get(lang) }
                    <input type="text" maxlength="200" value={typing.shown("label", fields.label.clone())} data-goal-label=""
                           oninput={typing.oninput("label")} onchange={set(|f, v| f.label = v)} />
                </label>
                if let Some(why) = &*self.problem { <p class="form-problem" role="alert">{ why }</p> }
                <span class="goal-form-actions">
                    <button type="submit" class="primary" data-goal-save="">{ words::SAVE.get(lang) }</button>
                    <button type="button" onclick={cancel}>{ words::CANCEL.get(lang) }</button>
                </span>
            </form>
        }
    }
}

/// The fields of the chosen kind.
fn kind_fields(
    (fields, typing): (&Fields, &Typing),
    analysis: &Analysis,
    lang: Lang,
    set: &dyn Fn(fn(&mut Fields, String)) -> Callback<Event>,
) -> Html {
    match fields.kind.as_str() {
        "availability" => {
            let functions = std::iter::once(String::new())
                .chain(analysis.functions.iter().map(|f| f.id.clone()))
                .map(|id| {
                    let name = words::function_name(Some(&id).filter(|s| !s.is_empty()).map(|s| s.as_str()), analysis, lang);
                    html! { <option value={id.clone()} selected={fields.function == id}>{ name }</option> }
                });
            html! {
                <>
                    <label>{ words::FUNCTION.get(lang) }
                        <select data-goal-function="" onchange={set(|f, v| f.function = v)}>{ for functions }</select>
                    </label>
                    <label>{ words::TARGET.get(lang) }
                        <input type="text" inputmode="decimal" value={typing.shown("min", fields.percent.clone())} data-goal-min=""
                               oninput={typing.oninput("min")} onchange={set(|f, v| f.percent = v)} />
                    </label>
                </>
            }
        }
        "survive" => {
            let counts = (1..=3).map(|k| html! { <option value={k.to_string()} selected={fields.failures == k}>{ k }</option> });
            let units = [(FailureUnit::Instances, "instances", l("servers", "服务器")), (FailureUnit::Nodes, "nodes", l("nodes", "节点"))]
                .into_iter()
                .map(|(u, key, word)| html! { <option value={key} selected={fields.of == u}>{ word.get(lang) }</option> });
            html! {
                <>
                    <label>{ words::FAILURES.get(lang) }
                        <select data-goal-failures="" onchange={set(|f, v| f.failures = v.parse().unwrap_or(1))}>{ for counts }</select>
                    </label>
                    <label>{ words::OF.get(lang) }
                        <select data-goal-of="" onchange={set(|f, v| f.of = if v == "nodes" { FailureUnit::Nodes } else { FailureUnit::Instances })}>{ for units }</select>
                    </label>
                </>
            }
        }
        "max_sync_depth" => html! {
            <label>{ words::MAX_DEPTH.get(lang) }
                <input type="text" inputmode="numeric" value={typing.shown("max", fields.max.clone())} data-goal-max=""
                       oninput={typing.oninput("max")} onchange={set(|f, v| f.max = v)} />
            </label>
        },
        "budget" => html! {
            <label>{ words::MAX_COST.get(lang) }
                <input type="text" inputmode="decimal" value={typing.shown("max_cost", fields.max_cost.clone())} data-goal-max-cost=""
                       oninput={typing.oninput("max_cost")} onchange={set(|f, v| f.max_cost = v)} />
            </label>
        },
        _ => html! {},
    }
}
