//! The words of a comparison table, in English and Chinese: each metric's
//! name and a line on what it means, each value written for people (a
//! probability as a percentage, hours as downtime), and what a difference is.

use topolab_engine::analysis::{Method, Status};
use topolab_engine::compare::{Metric, Value};
use topolab_engine::drawing::status_mark;
use topolab_engine::i18n::{l, Lang, Localized};
use topolab_engine::units::{downtime, percent};

/// A metric's name in a row of the table.
pub fn metric_name(metric: Metric) -> Localized {
    match metric {
        Metric::Availability => l("Availability", "可用性"),
        Metric::DesignAvailability => l("Availability by design", "设计可用性"),
        Metric::Status => l("Status now", "当前状态"),
        Metric::DowntimeHoursPerYear => l("Down / year", "年停机时间"),
        Metric::SystemAll => l("Every function works", "所有功能同时可用"),
        Metric::SystemMean => l("Weighted mean", "加权平均可用性"),
        Metric::SystemDesignAll => l(
            "Every function works, by design",
            "所有功能同时可用（设计值）",
        ),
        Metric::SystemDowntimeHoursPerYear => {
            l("Some function down / year", "每年有功能不可用的时间")
        }
        Metric::Method => l("Computed", "计算方式"),
        Metric::Functions => l("Functions", "功能数"),
        Metric::Nodes => l("Nodes that can fail", "可能故障的节点"),
        Metric::Instances => l("Instances (servers to run)", "实例数（要运行的服务器）"),
        Metric::Services => l("Services", "服务数"),
        Metric::SyncLinks => l("Synchronous calls", "同步调用"),
        Metric::AsyncLinks => l("Async links", "异步链路"),
        Metric::SharedStores => l("Shared stores", "共享数据库"),
        Metric::Cycles => l("Cycles of sync calls", "循环依赖"),
        Metric::MaxSyncDepth => l("Max sync depth", "最大同步调用链深度"),
        Metric::LongestRequestChain => l("Longest request chain (hops)", "最长请求链（跳数）"),
        Metric::SpofNodes => l("Single points of failure", "单点故障"),
        Metric::LargestBlastRadius => l("Largest blast radius", "最大故障影响范围"),
        Metric::MeanBlastRadius => l("Mean blast radius", "平均故障影响范围"),
        Metric::MeanInstability => l("Mean instability of services", "服务平均不稳定度"),
    }
}

/// What a metric means, for the row's tooltip.
pub fn metric_meaning(metric: Metric) -> Localized {
    match metric {
        Metric::Availability => l(
            "Chance the function works, with the instances killed now",
            "在当前停掉的实例下，该功能可用的概率",
        ),
        Metric::DesignAvailability => l(
            "Chance the function works with nothing killed",
            "没有停掉任何实例时，该功能可用的概率",
        ),
        Metric::Status => l("Whether it works right now", "此刻是否可用"),
        Metric::DowntimeHoursPerYear => l(
            "Expected hours a year it does not work",
            "每年预计不可用的小时数",
        ),
        Metric::SystemAll => l(
            "Chance that every function works at the same time",
            "所有功能同时可用的概率",
        ),
        Metric::SystemMean => l(
            "The functions' availabilities, averaged by their weights",
            "各功能可用性按权重求平均",
        ),
        Metric::SystemDesignAll => l(
            "Every function works, with nothing killed",
            "没有停掉任何实例时，所有功能同时可用的概率",
        ),
        Metric::SystemDowntimeHoursPerYear => l(
            "Expected hours a year when at least one function is down",
            "每年预计至少有一个功能不可用的小时数",
        ),
        Metric::Method => l(
            "Exact, or estimated by sampling for very big diagrams",
            "精确计算；图很大时改用抽样估算",
        ),
        Metric::Functions => l("User-facing functions", "面向用户的功能"),
        Metric::Nodes => l("Every node but the clients", "除客户端外的所有节点"),
        Metric::Instances => l(
            "Replicas of every node that can fail: what you pay to run",
            "所有可能故障节点的副本总数，也就是要花钱运行的机器",
        ),
        Metric::Services => l("Nodes of kind service", "类型为服务的节点"),
        Metric::SyncLinks => l(
            "Calls a service waits on (required or optional)",
            "调用方需要等待返回的调用（必需或可选）",
        ),
        Metric::AsyncLinks => l(
            "Messages through a queue: the sender never waits",
            "经由消息队列的消息，发送方无需等待",
        ),
        Metric::SharedStores => l(
            "Databases or caches used by more than one service: they couple them",
            "被多个服务共用的数据库或缓存，会把这些服务耦合在一起",
        ),
        Metric::Cycles => l(
            "Services that call each other in a circle, synchronously",
            "互相同步调用、形成环的服务",
        ),
        Metric::MaxSyncDepth => l(
            "The longest chain of synchronous calls one node waits on",
            "一个节点需要等待的最长同步调用链",
        ),
        Metric::LongestRequestChain => l(
            "Network hops a request waits on, from the client to the last call",
            "一个请求从客户端到最后一次调用，需要等待的网络跳数",
        ),
        Metric::SpofNodes => l(
            "Nodes whose failure alone takes a function down",
            "只要它一挂就会导致某个功能不可用的节点",
        ),
        Metric::LargestBlastRadius => l(
            "The largest share of the functions one node takes down with it",
            "单个节点故障时，最多会拖垮多大比例的功能",
        ),
        Metric::MeanBlastRadius => l(
            "The share of the functions a node takes down, on average",
            "单个节点故障时，平均会拖垮多大比例的功能",
        ),
        Metric::MeanInstability => l(
            "Outgoing over all dependencies, averaged over services: where they sit, not how good",
            "传出依赖占全部依赖的比例（按服务平均），说明所处位置，不代表好坏",
        ),
    }
}

/// A status in words, with its mark so it reads without colour.
pub fn status_word(status: Status, lang: Lang) -> String {
    let word = match status {
        Status::Up => l("up", "正常"),
        Status::Degraded => l("degraded", "降级"),
        Status::Down => l("down", "不可用"),
    };
    format!("{} {}", status_mark(status), word.get(lang))
}

/// Downtime per year in the largest unit that keeps the number readable
/// (`units::downtime`'s steps), in `lang`.
pub fn downtime_text(hours: f64, lang: Lang) -> String {
    if lang == Lang::En {
        return downtime(hours);
    }
    if !hours.is_finite() || hours <= 0.0 {
        return "无".into();
    }
    let seconds = hours * 3600.0;
    if seconds < 60.0 {
        format!("{seconds:.1} 秒")
    } else if seconds < 3600.0 {
        format!("{:.1} 分钟", seconds / 60.0)
    } else if hours < 48.0 {
        format!("{hours:.1} 小时")
    } else {
        format!("{:.1} 天", hours / 24.0)
    }
}

/// Up to three ids, then how many more.
fn some_of(ids: &[String], lang: Lang) -> String {
    let shown = ids.iter().take(3).cloned().collect::<Vec<_>>();
    let sep = match lang {
        Lang::En => ", ",
        Lang::Zh => "、",
    };
    let mut text = shown.join(sep);
    if ids.len() > 3 {
        let more = ids.len() - 3;
        text.push_str(&match lang {
            Lang::En => format!(" and {more} more"),
            Lang::Zh => " 等".to_string(),
        });
    }
    text
}

/// A count and what it counts: "2 (app, db)", "2（app、db）".
fn listed(n: usize, items: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{n} ({items})"),
        Lang::Zh => format!("{n}（{items}）"),
    }
}

/// A value as the table shows it.
pub fn value_text(value: &Value, lang: Lang) -> String {
    match value {
        Value::Probability(x) => percent(*x),
        Value::Hours(h) => downtime_text(*h, lang),
        Value::Share(x) => format!("{:.0}%", x * 100.0),
        Value::Ratio(x) => format!("{x:.2}"),
        Value::Count(n) => n.to_string(),
        Value::Ids(ids) if ids.is_empty() => "0".into(),
        Value::Ids(ids) => listed(ids.len(), &some_of(ids, lang), lang),
        Value::Groups(groups) => match groups.first() {
            None => "0".into(),
            Some(first) => {
                let more = match (groups.len(), lang) {
                    (1, _) => String::new(),
                    (n, Lang::En) => format!("; and {} more", n - 1),
                    (n, Lang::Zh) => format!("；另有 {} 个", n - 1),
                };
                listed(
                    groups.len(),
                    &format!("{}{more}", some_of(first, lang)),
                    lang,
                )
            }
        },
        Value::Status(s) => status_word(*s, lang),
        Value::Method(Method::Exact) => l("exact", "精确计算").get(lang).into(),
        Value::Method(Method::MonteCarlo) => l("sampled", "抽样估算").get(lang).into(),
    }
}

/// A value missing on one side (a function the other document lacks).
pub const ABSENT: Localized = l("—", "—");
