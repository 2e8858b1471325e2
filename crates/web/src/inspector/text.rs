//! Every word the inspector shows, in English and Chinese: constants for the
//! fixed ones, functions of the language where a number or a name goes inside.

use topolab_engine::{LinkKind, NodeKind};

use super::super::lang::{Lang, Localized};
use topolab_engine::i18n::l;

pub const REGION: Localized = l("Inspector", "属性面板");
pub const HINT: Localized = l(
    "Click a small square on a node to kill or revive that server. Select a node or link to edit it; drag from the palette to add one.",
    "点击节点上的小方块，可停掉或恢复那台服务器。选中节点或连线即可编辑；从组件面板拖出即可添加节点。",
);
pub const NODE: Localized = l("Node", "节点");
pub const LINK: Localized = l("Link", "连线");
pub const SELECTION: Localized = l("Selection", "多选");
pub const ID: Localized = l("Id", "ID");
pub const LABEL: Localized = l("Label", "名称");
pub const KIND: Localized = l("Kind", "类型");
pub const REPLICAS: Localized = l("Replicas", "副本数");
pub const QUORUM: Localized = l("Quorum", "法定数");
pub const AVAILABILITY: Localized = l("Availability", "可用性");
pub const CAPABILITIES: Localized = l("Capabilities", "业务能力");
pub const INSTANCES: Localized = l("Instances", "实例");
pub const KILLED_INSTANCES: Localized = l("Killed instances", "已停掉的实例");
pub const ID_HINT: Localized = l(
    "Letters, digits, _ - . (links follow a new id).",
    "字母、数字、_ - .（改了 ID，连线会跟着改）。",
);
pub const REPLICAS_HINT: Localized =
    l("Identical instances, 1 to 64.", "相同实例的个数，1 到 64。");
pub const QUORUM_HINT: Localized = l(
    "Instances that must be up: 1 = any one.",
    "至少要有几个实例在运行：1 = 任意一个即可。",
);
pub const CAPABILITIES_HINT: Localized = l(
    "Business functions it can serve, separated by commas.",
    "它能提供的业务功能，用逗号分隔。",
);
pub const KILL_ONE: Localized = l("Kill one", "停掉一个");
pub const KILL_NODE: Localized = l("Kill node", "停掉整个节点");
pub const REVIVE_ALL: Localized = l("Revive all", "全部恢复");
pub const DELETE_NODE: Localized = l("Delete node", "删除节点");
pub const DELETE_LINK: Localized = l("Delete link", "删除连线");
pub const DELETE: Localized = l("Delete", "删除");
pub const UP: Localized = l("up", "运行中");
pub const KILLED: Localized = l("killed", "已停掉");
pub const LINK_KIND: Localized = l("Kind", "类型");

/// The heading of several selected nodes.
pub fn nodes_selected(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{n} nodes selected"),
        Lang::Zh => format!("已选中 {n} 个节点"),
    }
}

/// What one instance of `availability` means, after the field: its nines
/// and downtime ([`topolab_engine::units`]'s words for them).
pub fn one_instance(nines: u32, nines_text: &str, downtime: &str, lang: Lang) -> String {
    match (nines, lang) {
        (16, Lang::En) => "One instance: never down.".into(),
        (16, Lang::Zh) => "单个实例：永不宕机。".into(),
        (_, Lang::En) => format!("One instance: = {nines_text}, down {downtime} / year."),
        (_, Lang::Zh) => format!("单个实例：{nines_text}，每年停机 {downtime}。"),
    }
}

/// The placeholder of an emptied availability: the kind's default.
pub fn default_availability(percent: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("default {percent}"),
        Lang::Zh => format!("默认 {percent}"),
    }
}

pub fn kind_name(kind: NodeKind, lang: Lang) -> &'static str {
    if lang == Lang::Zh {
        return kind.name_zh();
    }
    match kind {
        NodeKind::Client => "client",
        NodeKind::LoadBalancer => "load balancer",
        NodeKind::Gateway => "gateway",
        NodeKind::Service => "service",
        NodeKind::Database => "database",
        NodeKind::Cache => "cache",
        NodeKind::Queue => "queue",
        NodeKind::External => "external",
    }
}

/// docs/spec/model.md §1.2, one line each.
pub fn link_kind_meaning(kind: LinkKind, lang: Lang) -> &'static str {
    let text = match kind {
        LinkKind::Route => l("a request may be forwarded along it", "请求可以沿它转发"),
        LinkKind::Pool => l(
            "a load balancer's backend; like route",
            "负载均衡的后端；与路由相同",
        ),
        LinkKind::Requires => l(
            "a synchronous call made for every request",
            "每个请求都要发起的同步调用",
        ),
        LinkKind::Optional => l(
            "a synchronous call with a fallback: its failure only degrades",
            "有降级方案（熔断）的同步调用：它出故障只会让调用方降级",
        ),
        LinkKind::Async => l(
            "through a queue or event: its failure never affects the sender",
            "经由消息队列或事件：它出故障从不影响发送方",
        ),
    };
    text.get(lang)
}

/// A link kind's name in Chinese (English keeps the file format's name).
fn link_kind_zh(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Route => "路由",
        LinkKind::Pool => "后端池",
        LinkKind::Requires => "同步调用",
        LinkKind::Optional => "可选调用",
        LinkKind::Async => "异步",
    }
}

/// A link kind in the select: its name and a few words (the hint says more).
pub fn link_kind_option(kind: LinkKind, lang: Lang) -> String {
    let short = match kind {
        LinkKind::Route => l("forwards requests", "转发请求"),
        LinkKind::Pool => l("load balancer backend", "负载均衡的后端"),
        LinkKind::Requires => l("sync call, needed", "必需"),
        LinkKind::Optional => l("sync call with a fallback", "有降级方案（熔断）"),
        LinkKind::Async => l("via a queue, never blocks", "经由消息队列，从不阻塞"),
    };
    match lang {
        Lang::En => format!("{}: {}", kind.as_str(), short.en),
        Lang::Zh => format!("{}：{}", link_kind_zh(kind), short.zh),
    }
}

pub fn default_link_kind(kind: LinkKind, lang: Lang) -> String {
    match lang {
        Lang::En => format!("default ({})", kind.as_str()),
        Lang::Zh => format!("默认（{}）", link_kind_zh(kind)),
    }
}

/// Instance `index` as people count it, from 1 (its `data-instance` stays `index`).
pub fn instance(index: u32, killed: bool, lang: Lang) -> String {
    let state = if killed { KILLED } else { UP };
    format!("#{} {}", index + 1, state.get(lang))
}

pub fn instance_action(index: u32, killed: bool, lang: Lang) -> String {
    let index = index + 1;
    match (killed, lang) {
        (true, Lang::En) => format!("Instance {index} is killed: revive it"),
        (false, Lang::En) => format!("Instance {index} is up: kill it"),
        (true, Lang::Zh) => format!("实例 {index} 已停掉：点击恢复"),
        (false, Lang::Zh) => format!("实例 {index} 正在运行：点击停掉"),
    }
}

pub fn whole_number(max: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("enter a whole number from 1 to {max}"),
        Lang::Zh => format!("请输入 1 到 {max} 的整数"),
    }
}

/// Why a node that links point to cannot become a client.
pub fn client_called(callers: &[&str], lang: Lang) -> String {
    let shown = callers.iter().take(3);
    let more = callers.len().saturating_sub(3);
    match lang {
        Lang::En => {
            let mut names = shown.copied().collect::<Vec<_>>().join(", ");
            if more > 0 {
                names.push_str(&format!(" and {more} more"));
            }
            let (verb, what) = if callers.len() == 1 {
                ("links", "that link")
            } else {
                ("link", "those links")
            };
            format!(
                "nothing may call a client, and {names} {verb} to this node: delete {what} first"
            )
        }
        Lang::Zh => {
            let mut names = shown
                .map(|n| format!("“{n}”"))
                .collect::<Vec<_>>()
                .join("、");
            if more > 0 {
                names.push_str(&format!("等 {} 个节点", callers.len()));
            }
            let what = if callers.len() == 1 {
                "这条"
            } else {
                "这些"
            };
            format!("客户端不能被任何节点调用，而{names}连向了本节点：请先删除{what}连线")
        }
    }
}

pub fn id_taken(id: &str, other: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("\"{id}\" is already the id of {other}"),
        Lang::Zh => format!("“{id}”已经是“{other}”的 ID"),
    }
}

pub fn link_place(from: &str, to: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Link {from} → {to}"),
        Lang::Zh => format!("连线 {from} → {to}"),
    }
}

pub fn function_place(label: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Function {label}"),
        Lang::Zh => format!("功能“{label}”"),
    }
}

/// A problem's place and message as one line.
pub fn problem(place: &str, message: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{place}: {message}"),
        Lang::Zh => format!("{place}：{message}"),
    }
}
