//! The Traffic bar floating over the canvas (docs/spec/app.md `simulate`):
//! Traffic on and off, the speed, chaos, the counters, and why traffic could
//! not start. The help overlay's rows for these controls are here too.

use std::rc::Rc;

use yew::prelude::*;

use super::super::lang::{use_lang, Lang, Localized};
use super::driver::{use_traffic, Choice};
use super::hub::TrafficHub;
use topolab_engine::i18n::l;
use topolab_engine::sim::{Chaos, Live};
use topolab_engine::Document;

/// The speeds offered.
const SPEEDS: [u32; 4] = [1, 10, 100, 1000];

const TRAFFIC: Localized = l("Traffic", "流量");
const TRAFFIC_TIP: Localized = l(
    "Send requests through the diagram: green dots were served, red ones failed",
    "让请求流过这张图：绿点表示请求成功，红点表示请求失败",
);
const SPEED: Localized = l("Speed", "速度");
const SPEED_TIP: Localized = l("Simulated seconds per second", "每秒经过的模拟时间（秒）");
const CHAOS: Localized = l("Chaos", "混沌模式");
const CHAOS_TIP: Localized = l("Real: servers and zones fail at random, as available as they say (repairs of 10 simulated s). Classroom: one server, or now and then a zone, fails for 3 s every few seconds", "真实：服务器和可用区按各自的可用性随机故障（修复 10 个模拟秒）。课堂：每隔几秒一台服务器（偶尔整个可用区）故障 3 秒");
/// The chaos choices' words, in the order of [`Chaos::ALL`].
const CHAOS_MODES: [Localized; 3] = [l("off", "关"), l("real", "真实"), l("classroom", "课堂")];
const TRAFFIC_BAR: Localized = l("Traffic simulation", "流量模拟");

/// The help overlay's rows for the traffic controls: (control, what it does).
pub const HELP_TITLE: Localized = l(
    "Traffic (the bar under the diagram)",
    "流量（图下方的控制条）",
);
pub const HELP: &[(Localized, Localized)] = &[
    (
        l("▶ Traffic", "▶ 流量"),
        l("Start or stop requests flowing along the links: green dots were served, red ones failed; the function rows show the share that succeeded", "开始或停止让请求沿连线流动：绿点表示成功，红点表示失败；功能表中显示成功的比例"),
    ),
    (
        l("Speed ×1 … ×1000", "速度 ×1 … ×1000"),
        l("Simulated seconds per second", "每秒经过的模拟时间（秒）"),
    ),
    (
        l("Chaos", "混沌模式"),
        l("Servers fail and recover at random (repairs take 10 simulated seconds); the measured share approaches the predicted availability", "服务器随机故障并恢复（修复需要 10 个模拟秒）；实测比例逐渐接近预测的可用性"),
    ),
    (
        l("Click an instance, or k, while traffic runs", "流量运行时点击实例，或按 k"),
        l("Its requests fail and the load moves to the others", "发往它的请求失败，负载转移到其他实例"),
    ),
];

#[derive(Properties, PartialEq)]
pub struct TrafficBarProps {
    pub doc: Rc<Document>,
    pub hub: TrafficHub,
    /// Told the live figures while traffic runs, `None` when it stops.
    pub on_live: Callback<Option<Rc<Live>>>,
}

/// The control bar over the canvas: Traffic on/off, speed, chaos, counters.
#[function_component(TrafficBar)]
pub fn traffic_bar(props: &TrafficBarProps) -> Html {
    let lang = use_lang();
    let on = use_state(|| false);
    let speed = use_state(|| 1u32);
    let chaos = use_state(|| Chaos::Off);
    let choice = Choice {
        on: *on,
        speed: *speed,
        chaos: *chaos,
    };
    let running = use_traffic(&props.doc, &props.hub, choice, &props.on_live);
    let toggle = use_callback(on.clone(), |_: MouseEvent, on| on.set(!**on));
    let on_speed = use_callback(speed.clone(), |e: Event, speed| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        if let Ok(value) = select.value().parse::<u32>() {
            speed.set(value);
        }
    });
    let on_chaos = use_callback(chaos.clone(), |e: Event, chaos| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        let index = select.selected_index().max(0) as usize;
        chaos.set(Chaos::ALL.get(index).copied().unwrap_or_default());
    });
    let counters = running.live.filter(|_| *on).map(|l| counters(&l, lang));
    html! {
        <div class={classes!("traffic-bar", (*on).then_some("on"))} role="group"
             aria-label={TRAFFIC_BAR.get(lang)} data-traffic-bar="" data-floats-over-diagram="">
            <button class="traffic-toggle" aria-pressed={if *on { "true" } else { "false" }}
                    title={TRAFFIC_TIP.get(lang)} onclick={toggle} data-traffic-toggle="">
                { if *on { "■ " } else { "▶ " } }{ TRAFFIC.get(lang) }
            </button>
            if *on {
                <label class="field" title={SPEED_TIP.get(lang)}>
                    <span>{ SPEED.get(lang) }</span>
                    <select onchange={on_speed} data-traffic-speed="">
                        { for SPEEDS.iter().map(|&s| html! {
                            <option value={s.to_string()} selected={s == *speed}>{ format!("×{s}") }</option>
                        }) }
                    </select>
                </label>
                <label class="field" title={CHAOS_TIP.get(lang)}>
                    <span>{ CHAOS.get(lang) }</span>
                    <select onchange={on_chaos} data-traffic-chaos="">
                        { for Chaos::ALL.iter().zip(CHAOS_MODES).map(|(&c, words)| html! {
                            <option value={c.as_str()} selected={c == *chaos}>{ words.get(lang) }</option>
                        }) }
                    </select>
                </label>
                { for counters }
            }
            if let Some(why) = &running.problem {
                <span class="traffic-problem" role="status" data-traffic-problem="">{ why.get(lang).to_string() }</span>
            }
        </div>
    }
}

/// "12.3 s simulated · 1024 ok · 17 failed", with the counts for tests.
fn counters(live: &Live, lang: Lang) -> Html {
    html! {
        <span class="traffic-counters" data-traffic-succeeded={live.succeeded.to_string()}
              data-traffic-failed={live.failed.to_string()}>{ live.counters_in(lang) }</span>
    }
}
