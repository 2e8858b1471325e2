//! What the goals panel says, in both languages: a goal in words, its figure
//! beside its target, a counterexample, and each warning with a paragraph on
//! why it matters and the lesson that teaches it.

use topolab_engine::analysis::Analysis;
use topolab_engine::goals::{
    Counterexample, FailedSet, FailureUnit, Goal, GoalKind, GoalReport, WarningKind,
};
use topolab_engine::i18n::l;
use topolab_engine::units::percent;
use topolab_engine::Document;

use crate::lang::{Lang, Localized};
use crate::panel::function_label;

pub const GOALS: Localized = l("Goals", "目标");
pub const MET: Localized = l("met", "已达成");
pub const NOT_MET: Localized = l("not met", "未达成");
pub const UNCHECKED: Localized = l("not checked", "未能检查");
pub const UNCHECKED_WHY: Localized = l(
    "There are too many sets of failures to try them all here (any three of a thousand servers make 166 million sets); none of those tried took a function down. Check it with fewer failures, or on a part of the system.",
    "要尝试的故障组合太多，这里无法全部检查（一千台服务器中任选三台就有 1.66 亿种组合）；已尝试的组合都没有让功能宕机。可以减少故障数，或只检查系统的一部分。",
);
pub const ALL_MET: Localized = l("Every goal is met.", "所有目标都已达成。");
pub const SHOW_ME: Localized = l("Show me", "演示给我看");
pub const HIDE: Localized = l("Hide", "收起");
pub const REMOVE: Localized = l("Remove", "删除");
pub const EDIT: Localized = l("Edit", "编辑");
pub const ADD: Localized = l("Add a goal", "添加目标");
pub const SAVE: Localized = l("Save goal", "保存目标");
pub const CANCEL: Localized = l("Cancel", "取消");
pub const NO_GOALS: Localized = l(
    "No goals yet: add one to have the design checked, such as \"survive any one server's loss\".",
    "还没有目标：添加一个，让设计接受检查，比如“任意一台服务器宕机仍可用”。",
);
pub const WARNINGS: Localized = l("Warnings", "警告");
pub const NO_WARNINGS: Localized = l("No warnings.", "没有警告。");

/// The button that lists the warnings held back.
pub fn show_other_warnings(hidden: usize, lang: Lang) -> String {
    match lang {
        Lang::En if hidden == 1 => "Show the other warning".into(),
        Lang::En => format!("Show the other {hidden} warnings"),
        Lang::Zh => format!("显示其余 {hidden} 条警告"),
    }
}
pub const LESSON: Localized = l("Lesson", "课程");
pub const WHOLE_SYSTEM: Localized = l("All functions together", "所有功能整体");
pub const KIND: Localized = l("Kind", "类型");
pub const FUNCTION: Localized = l("Function", "功能");
pub const TARGET: Localized = l("At least (%)", "至少（%）");
pub const FAILURES: Localized = l("Failures", "故障数");
pub const OF: Localized = l("Of", "单位");
pub const MAX_DEPTH: Localized = l("Deepest chain", "最深调用链");
pub const MAX_COST: Localized = l("Most cost", "成本上限");
pub const LABEL: Localized = l("Label (optional)", "名称（可选）");

/// A goal kind's name in a menu.
pub fn kind_name(kind: &str, lang: Lang) -> &'static str {
    let text = match kind {
        "availability" => l("Availability", "可用性"),
        "survive" => l("Survive failures", "扛住故障"),
        "no_spof" => l("No single point of failure", "没有单点故障"),
        "max_sync_depth" => l("Short synchronous chains", "同步调用链要短"),
        "no_shared_stores" => l("No shared database", "没有共享数据库"),
        "no_cycles" => l("No call cycle", "没有循环调用"),
        _ => l("Budget", "预算"),
    };
    text.get(lang)
}

/// The name of function `id` (or of the whole system) as the panel shows it.
pub fn function_name(id: Option<&str>, analysis: &Analysis, lang: Lang) -> String {
    match id {
        None | Some("all") => WHOLE_SYSTEM.get(lang).to_string(),
        Some(id) => analysis
            .functions
            .iter()
            .find(|f| f.id == id)
            .map_or_else(|| id.to_string(), |f| function_label(f, lang)),
    }
}

fn unit_word(unit: FailureUnit, n: u32, lang: Lang) -> &'static str {
    match (unit, lang, n == 1) {
        (FailureUnit::Instances, Lang::En, true) => "server",
        (FailureUnit::Instances, Lang::En, false) => "servers",
        (FailureUnit::Nodes, Lang::En, true) => "node (all its servers)",
        (FailureUnit::Nodes, Lang::En, false) => "nodes (all their servers)",
        (FailureUnit::Zones, Lang::En, true) => "zone",
        (FailureUnit::Zones, Lang::En, false) => "zones",
        (FailureUnit::Instances, Lang::Zh, _) => "台服务器",
        (FailureUnit::Nodes, Lang::Zh, _) => "个节点（含其全部服务器）",
        (FailureUnit::Zones, Lang::Zh, _) => "个可用区",
    }
}

/// A goal in words: its label when it has one, else what it asks.
pub fn goal_text(goal: &Goal, analysis: &Analysis, lang: Lang) -> String {
    if let Some(label) = goal.label.as_deref().filter(|l| !l.is_empty()) {
        return label.to_string();
    }
    let en = lang == Lang::En;
    match &goal.kind {
        GoalKind::Availability {
            function,
            threshold,
        } => {
            let name = function_name(function.as_deref(), analysis, lang);
            let min = percent(threshold.min());
            if en {
                format!("{name}: at least {min}")
            } else {
                format!("“{name}”可用性至少 {min}")
            }
        }
        GoalKind::Survive {
            failures,
            of,
            functions,
        } => {
            let unit = unit_word(*of, *failures, lang);
            let scope = functions.as_ref().map(|fs| {
                fs.iter()
                    .map(|f| function_name(Some(f), analysis, lang))
                    .collect::<Vec<_>>()
                    .join(if en { ", " } else { "、" })
            });
            match (en, scope) {
                (true, None) => {
                    format!(
                        "Every function survives the loss of any {} {unit}",
                        count_word(*failures)
                    )
                }
                (true, Some(s)) => {
                    format!(
                        "{s} survive the loss of any {} {unit}",
                        count_word(*failures)
                    )
                }
                (false, None) => format!("任意 {failures} {unit}故障，所有功能仍可用"),
                (false, Some(s)) => format!("任意 {failures} {unit}故障，{s}仍可用"),
            }
        }
        GoalKind::MaxSyncDepth { max } if en => {
            format!("Synchronous call chains at most {max} deep")
        }
        GoalKind::MaxSyncDepth { max } => format!("同步调用链深度不超过 {max}"),
        GoalKind::Budget { max_cost } if en => format!("Cost at most {}", number(*max_cost)),
        GoalKind::Budget { max_cost } => format!("成本不超过 {}", number(*max_cost)),
        other => kind_name(other.name(), lang).to_string(),
    }
}

/// 1 to 3 in words.
fn count_word(n: u32) -> String {
    match n {
        1 => "one".into(),
        2 => "two".into(),
        3 => "three".into(),
        n => n.to_string(),
    }
}

/// A number as people write it: no trailing zeros.
pub fn number(x: f64) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The goal's figure beside its target ("99.87% of 99.99%"), for the kinds that
/// have one.
pub fn goal_figure(goal: &Goal, report: &GoalReport, lang: Lang) -> Option<String> {
    let value = report.value?.as_f64();
    let en = lang == Lang::En;
    Some(match &goal.kind {
        GoalKind::Availability { threshold, .. } => {
            let (v, t) = (percent(value), percent(threshold.min()));
            if en {
                format!("{v} of {t}")
            } else {
                format!("{v}，目标 {t}")
            }
        }
        GoalKind::MaxSyncDepth { max } if en => format!("depth {} of at most {max}", value),
        GoalKind::MaxSyncDepth { max } => format!("深度 {value}，上限 {max}"),
        GoalKind::Budget { max_cost } if en => {
            format!("cost {} of at most {}", number(value), number(*max_cost))
        }
        GoalKind::Budget { max_cost } => {
            format!("成本 {}，上限 {}", number(value), number(*max_cost))
        }
        _ => return None,
    })
}

/// A counterexample in words: "Losing Database #1 takes down: catalog, orders".
pub fn counterexample_text(
    cx: &Counterexample,
    doc: &Document,
    analysis: &Analysis,
    lang: Lang,
) -> String {
    let en = lang == Lang::En;
    let sep = if en { ", " } else { "、" };
    let failed = match &cx.failed {
        FailedSet::Instances(pairs) => pairs
            .iter()
            .map(|(node, i)| format!("{} #{}", node_name(node, doc), i + 1))
            .collect::<Vec<_>>(),
        FailedSet::Nodes(ids) | FailedSet::Zones(ids) => {
            ids.iter().map(|id| node_name(id, doc)).collect()
        }
    }
    .join(sep);
    let down = cx
        .down
        .iter()
        .map(|f| function_name(Some(f), analysis, lang))
        .collect::<Vec<_>>()
        .join(sep);
    if en {
        format!("Losing {failed} takes down {down}.")
    } else {
        format!("失去 {failed}，{down}随之停止。")
    }
}

/// A node's label, else its id.
pub fn node_name(id: &str, doc: &Document) -> String {
    doc.node(id)
        .map_or_else(|| id.to_string(), |n| n.label().to_string())
}

/// A warning's heading.
pub fn warning_title(kind: WarningKind, lang: Lang) -> &'static str {
    let text = match kind {
        WarningKind::SharedStore => l("Shared database", "共享数据库"),
        WarningKind::Cycle => l("Call cycle", "循环调用"),
        WarningKind::DeepSyncChain => l("Deep synchronous chain", "同步调用链过深"),
        WarningKind::ClientToStore => l("Client calls a store directly", "客户端直连存储"),
        WarningKind::Spof => l("Single point of failure", "单点故障"),
        WarningKind::ExternalOnPath => l("External dependency on the path", "关键路径上的外部依赖"),
        WarningKind::ZoneSpof => l("A zone takes functions down", "可用区故障会导致功能停止"),
    };
    text.get(lang)
}

/// Why a warning matters, in one paragraph of plain words.
pub fn warning_explanation(kind: WarningKind, lang: Lang) -> &'static str {
    let text = match kind {
        WarningKind::SharedStore => l(
            "Two services with different jobs read and write one database: neither team can change a table without asking the other, and one database's outage stops both. A database per service keeps them apart.",
            "两个职责不同的服务读写同一个数据库：哪个团队改表都得先问对方，数据库一宕机两边一起停。每个服务一个数据库，才能让它们互不牵连。",
        ),
        WarningKind::Cycle => l(
            "These services call each other in a circle: none can be deployed, tested or restarted on its own, and a slow one slows them all. Break the circle, for example with an event through a queue.",
            "这些服务互相调用，围成一个圈：谁都无法单独部署、测试或重启，一个变慢全都变慢。打破这个圈，比如改成通过消息队列发事件。",
        ),
        WarningKind::DeepSyncChain => l(
            "A request waits on four or more services in a row. Each one's downtime adds up, so the chain is less available than any of its links, and their delays add up too. Make some calls asynchronous or merge steps.",
            "一个请求要依次等待四个或更多服务。每一环的停机时间会累加，整条链比其中任何一环都更不可用，延迟也会叠加。把部分调用改为异步，或合并步骤。",
        ),
        WarningKind::ClientToStore => l(
            "A client talks to a database, cache or queue directly: the store's layout becomes part of every client, it cannot change without breaking them, and nothing checks what they write. Put a service in front of it.",
            "客户端直接访问数据库、缓存或队列：存储的结构成了每个客户端的一部分，改不得，也没有谁检查写进去的内容。在它前面放一个服务。",
        ),
        WarningKind::Spof => l(
            "Everything that needs this node stops when it stops: no other server can take over. Add an instance behind it, or a second node that does the same job.",
            "需要这个节点的一切都随它停止：没有别的服务器能接手。给它增加实例，或再加一个做同样工作的节点。",
        ),
        WarningKind::ExternalOnPath => l(
            "A function cannot work without this outside service, and no number of your own servers makes it more available than that service is. Cache its answers, make the call optional, or find a second provider.",
            "某个功能离不开这个外部服务，自己的服务器再多，可用性也超不过它。缓存它的结果、把调用改为可选，或找第二家供应商。",
        ),
        WarningKind::ZoneSpof => l(
            "Every instance some function needs sits in this one zone: when the data centre fails, the function fails, however many servers it has. Spread the instances over zones.",
            "某个功能需要的实例全都在这一个可用区里：机房一出故障，服务器再多也没用。把实例分散到多个可用区。",
        ),
    };
    text.get(lang)
}

/// The lesson that teaches what a warning is about, by id.
pub fn warning_lesson(kind: WarningKind) -> Option<&'static str> {
    match kind {
        WarningKind::SharedStore | WarningKind::ClientToStore => Some("own-database"),
        WarningKind::Cycle => Some("queue"),
        WarningKind::DeepSyncChain | WarningKind::ExternalOnPath => Some("sync-calls"),
        WarningKind::Spof => Some("cluster"),
        WarningKind::ZoneSpof => None,
    }
}
