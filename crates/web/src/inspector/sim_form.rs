//! The traffic simulation's settings of the selected node or link:
//! capacity, queue limit, latency and repair time of a node; timeout,
//! retries, backoff, latency and circuit breaker of a link. Each field is one
//! `extra.sim` value ([`topolab_engine::sim::edit`]), empty for the default;
//! a commit is tried with the simulation's own reader first, so a refused
//! value stays in its field with the reasons (in the language in force) and
//! the document is unchanged; an accepted one is one undoable step.

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use topolab_editor::Action;
use topolab_engine::document::NodeKind;
use topolab_engine::sim::{
    default_latency_ms, default_mttr_s, sim_value, with_sim_setting, SettingError, SimKey,
    SimTarget, DEFAULT_BREAKER,
};
use topolab_engine::Document;

use super::super::lang::{use_lang, Lang, Localized, Text};
use super::super::traffic::DEMO_MTTR_S;
use super::text;
use topolab_engine::i18n::l;

const SECTION: Localized = l("Failure behaviour (traffic)", "故障行为（流量模拟）");
const SECTION_HINT: Localized = l(
    "Read by Traffic and simulate(); an empty field is the default, which adds no failure.",
    "供流量模拟使用（动画和离线模拟都读取它）；留空即为默认值，不会额外引入故障。",
);
const NO_LIMIT: Localized = l("no limit", "不限");
const NONE: Localized = l("none", "无");
const NO_BREAKER: Localized = l("no breaker", "不熔断");

/// A field's title and what it means.
fn words(key: SimKey) -> (Localized, Localized) {
    match key {
        SimKey::Capacity => (
            l("Capacity (requests/s per instance)", "处理能力（每个实例每秒请求数）"),
            l(
                "What one instance serves a second; more wait in its queue. Killing one of three can overload the others.",
                "单个实例每秒能处理的请求数，超出的请求排队等待。三台停掉一台，其余的就可能过载。",
            ),
        ),
        SimKey::QueueLimit => (
            l("Queue limit (requests)", "队列上限（请求数）"),
            l(
                "Requests that may wait at one instance; one more is refused. Needs a capacity.",
                "单个实例最多可排队的请求数，再多就拒绝。需先设置处理能力。",
            ),
        ),
        SimKey::NodeLatency => (
            l("Latency (ms)", "处理时延（毫秒）"),
            l(
                "Time an instance spends on each request.",
                "实例处理每个请求所花的时间。",
            ),
        ),
        SimKey::Mttr => (
            l("Repair time, MTTR (s)", "平均修复时间 MTTR（秒）"),
            l(
                "Mean time to repair in chaos mode; the time between failures follows from the availability.",
                "混沌模式下的平均修复时间；平均故障间隔由可用性推算。",
            ),
        ),
        SimKey::Timeout => (
            l("Timeout (ms)", "超时（毫秒）"),
            l(
                "The caller gives up on an attempt after this long.",
                "调用方等待一次尝试的最长时间。",
            ),
        ),
        SimKey::Retries => (
            l("Retries", "重试次数"),
            l(
                "Attempts after a failed one, 0 to 10. Retries add load and can make an overload worse.",
                "失败后再试的次数，0 到 10。重试会增加负载，可能让过载更严重。",
            ),
        ),
        SimKey::Backoff => (
            l("Backoff (ms)", "重试间隔（毫秒）"),
            l("Wait before each retry.", "每次重试前的等待时间。"),
        ),
        SimKey::LinkLatency => (
            l("Network latency (ms)", "网络时延（毫秒）"),
            l("Each way along the link.", "沿连线单程的时间。"),
        ),
        SimKey::BreakerFailures => (
            l("Circuit breaker: failures to open", "熔断：连续失败几次后断开"),
            l(
                "Consecutive failed attempts that open it; while open, calls fail at once without being sent.",
                "连续失败达到此数即断开；断开期间调用不再发出，立即失败。",
            ),
        ),
        SimKey::BreakerOpen => (
            l("Circuit breaker: probe after (ms)", "熔断：断开多久后试探（毫秒）"),
            l(
                "Open this long, then one call goes through (half-open): if it succeeds the breaker closes.",
                "断开这么久后放行一次调用（半开）：成功则恢复闭合。",
            ),
        ),
    }
}

/// What an empty field means, as its placeholder.
fn placeholder(doc: &Document, target: SimTarget, key: SimKey, lang: Lang) -> String {
    let kind = match target {
        SimTarget::Node(i) => doc.nodes.get(i).map_or(NodeKind::Service, |n| n.kind),
        SimTarget::Link(_) => NodeKind::Service,
    };
    let default = |value: String| match lang {
        Lang::En => format!("default {value}"),
        Lang::Zh => format!("默认 {value}"),
    };
    let has_breaker = sim_value(doc, target, SimKey::BreakerFailures).is_some();
    match key {
        SimKey::Capacity | SimKey::QueueLimit => NO_LIMIT.get(lang).into(),
        SimKey::NodeLatency => default(format!("{}", default_latency_ms(kind))),
        SimKey::Mttr => match lang {
            Lang::En => format!(
                "default: {DEMO_MTTR_S} live, {} in simulate()",
                default_mttr_s(kind)
            ),
            Lang::Zh => format!(
                "默认：流量动画 {DEMO_MTTR_S}，离线模拟 {}",
                default_mttr_s(kind)
            ),
        },
        SimKey::Timeout => NONE.get(lang).into(),
        SimKey::Retries | SimKey::Backoff | SimKey::LinkLatency => default("0".into()),
        SimKey::BreakerFailures => NO_BREAKER.get(lang).into(),
        SimKey::BreakerOpen if has_breaker => default(format!("{}", DEFAULT_BREAKER.open_ms)),
        SimKey::BreakerOpen => NO_BREAKER.get(lang).into(),
    }
}

/// A setting as its field shows it: a number as written, anything else as JSON.
fn shown(value: Option<&Value>) -> String {
    match value {
        None => String::new(),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => other.to_string(),
    }
}

/// A refused setting: what was typed and why not.
#[derive(Clone, Debug, PartialEq)]
struct Refused {
    key: SimKey,
    typed: String,
    messages: Vec<Text>,
}

/// The refused values of one target of one document (stale once either changes).
#[derive(Clone, Debug, Default, PartialEq)]
struct Drafts {
    base: Option<(Rc<Document>, SimTarget)>,
    refused: Vec<Refused>,
}

impl Drafts {
    fn for_target(&self, doc: &Rc<Document>, target: SimTarget) -> &[Refused] {
        match &self.base {
            Some((d, t)) if Rc::ptr_eq(d, doc) && *t == target => &self.refused,
            _ => &[],
        }
    }
}

/// The simulation's problems as lines naming the field they are about.
fn messages(target: SimTarget, problems: &[SettingError]) -> Vec<Text> {
    problems
        .iter()
        .map(|p| {
            let field = SimKey::at(target, &p.path);
            Text::of(|lang| {
                let place = match field {
                    Some(key) => words(key).0.get(lang).to_string(),
                    None => p.path.clone(),
                };
                text::problem(&place, &p.problem.message_in(lang), lang)
            })
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub(super) struct SimSettingsProps {
    pub(super) doc: Rc<Document>,
    pub(super) target: SimTarget,
    pub(super) dispatch: Callback<Action>,
}

/// The settings of `target`, in a section open when one is set.
#[function_component(SimSettings)]
pub(super) fn sim_settings(props: &SimSettingsProps) -> Html {
    let lang = use_lang();
    let drafts = use_state(Drafts::default);
    let redraw = use_force_update();
    let typing = crate::typing::use_typing();
    let target = props.target;
    let keys: &[SimKey] = match target {
        SimTarget::Node(_) => &SimKey::NODE,
        SimTarget::Link(_) => &SimKey::LINK,
    };
    let refused = drafts.for_target(&props.doc, target).to_vec();
    let any_set = keys
        .iter()
        .any(|&k| sim_value(&props.doc, target, k).is_some());
    let commit = {
        let (doc, dispatch, drafts) = (props.doc.clone(), props.dispatch.clone(), drafts.clone());
        Callback::from(move |(key, typed): (SimKey, String)| {
            let mut kept: Vec<Refused> = drafts.for_target(&doc, target).to_vec();
            kept.retain(|r| r.key != key);
            match with_sim_setting(&doc, target, key, &typed) {
                Ok(next) => {
                    drafts.set(Drafts {
                        base: Some((doc.clone(), target)),
                        refused: kept,
                    });
                    if next == *doc {
                        redraw.force_update();
                    } else {
                        dispatch.emit(Action::Replace(Rc::new(next)));
                    }
                }
                Err(problems) => {
                    kept.push(Refused {
                        key,
                        typed,
                        messages: messages(target, &problems),
                    });
                    drafts.set(Drafts {
                        base: Some((doc.clone(), target)),
                        refused: kept,
                    });
                }
            }
        })
    };
    let fields = keys.iter().map(|&key| {
        let (title, hint) = words(key);
        let name = key.name();
        let id = format!("inspector-sim-{}", name.replace('.', "-"));
        let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
        let refusal = refused.iter().find(|r| r.key == key);
        let value = refusal.map_or_else(
            || shown(sim_value(&props.doc, target, key)),
            |r| r.typed.clone(),
        );
        let invalid = refusal.is_some();
        let described = match invalid {
            true => format!("{hint_id} {error_id}"),
            false => hint_id.clone(),
        };
        let typed_in = format!("{target:?}/{id}");
        let (oninput, value) = (typing.oninput(typed_in.clone()), typing.shown(&typed_in, value));
        let onchange = typing.onchange(commit.reform(move |typed| (key, typed)));
        html! {
            <div class={classes!("field-row", invalid.then_some("invalid"))}>
                <label for={id.clone()}>{ title.get(lang) }</label>
                <input id={id.clone()} name={format!("sim-{name}")} type="text"
                       inputmode={if key.counts() { "numeric" } else { "decimal" }}
                       class={classes!(invalid.then_some("invalid"))}
                       value={value} placeholder={placeholder(&props.doc, target, key, lang)}
                       autocomplete="off" spellcheck="false" data-sim-setting={name.clone()}
                       aria-invalid={invalid.then_some("true")} aria-describedby={described}
                       {oninput} {onchange} />
                <p class="field-hint" id={hint_id}>{ hint.get(lang) }</p>
                if let Some(r) = refusal {
                    <div class="field-error" role="alert" id={error_id}>
                        { for r.messages.iter().map(|m| html! { <p>{ m.get(lang).to_string() }</p> }) }
                    </div>
                }
            </div>
        }
    });
    html! {
        <details class="sim-settings" open={any_set || !refused.is_empty()} data-sim-settings="">
            <summary>{ SECTION.get(lang) }</summary>
            <p class="field-hint">{ SECTION_HINT.get(lang) }</p>
            { for fields }
        </details>
    }
}
