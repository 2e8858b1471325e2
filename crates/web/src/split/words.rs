//! Every word of the split dialog and of the inspector's button that opens
//! it, in English and Chinese.

use topolab_engine::i18n::{l, Lang, Localized};
use topolab_engine::split::{SplitError, SplitLink};
use topolab_engine::NodeKind;

/// The inspector's button.
pub const OPEN: Localized = l("Split…", "拆分…");
/// Its tooltip.
pub const OPEN_TITLE: Localized = l(
    "Move some of its capabilities to a new service, with a preview of what it changes",
    "把部分能力拆到一个新服务，应用前先预览效果",
);
pub const INTRO: Localized = l(
    "Move some of its capabilities to a new service. The figures below are what the split \
     would give: nothing changes until you apply it, and Undo takes it back.",
    "把它的一部分能力移到一个新服务。下面的数字就是拆分后的结果：点“应用拆分”之前什么都不会变，\
     应用后也可以撤销。",
);
pub const CAPABILITIES: Localized = l(
    "Capabilities that move to the new service",
    "移到新服务的能力",
);
pub const LINK: Localized = l("How the two talk", "两个服务之间如何通信");
pub const OWN_DATABASE: Localized = l(
    "The new service gets its own database",
    "新服务使用独立数据库",
);
pub const PREVIEW: Localized = l("Before and after", "拆分前后对比");
pub const BEFORE: Localized = l("Before", "拆分前");
pub const AFTER: Localized = l("After", "拆分后");
pub const CANCEL: Localized = l("Cancel", "取消");
pub const APPLY: Localized = l("Apply split", "应用拆分");
pub const APPLY_TITLE: Localized = l(
    "Replace the diagram by the one previewed (Ctrl+Z undoes it)",
    "用预览中的图替换当前的图（可用 Ctrl+Z 撤销）",
);
pub const CLOSE_TITLE: Localized = l(
    "Close without splitting (Escape)",
    "不拆分，直接关闭（Esc）",
);

/// The dialog's title.
pub fn title(label: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Split “{label}”"),
        Lang::Zh => format!("拆分“{label}”"),
    }
}

/// A way of linking the two services: its name and what it means.
pub fn link_choice(link: SplitLink, old: &str, lang: Lang) -> (&'static str, String) {
    match (link, lang) {
        (SplitLink::Requires, Lang::En) => (
            "Synchronous call",
            format!("{old} calls the new service on every request and waits for it"),
        ),
        (SplitLink::Requires, Lang::Zh) => {
            ("同步调用", format!("{old} 每个请求都调用新服务并等待返回"))
        }
        (SplitLink::Async, Lang::En) => (
            "Async, through a queue",
            format!("{old} publishes to a new queue; the new service consumes it later"),
        ),
        (SplitLink::Async, Lang::Zh) => (
            "异步，经消息队列",
            format!("{old} 把消息发到新建的消息队列，新服务稍后消费"),
        ),
        (SplitLink::None, Lang::En) => ("Not at all", "the two never call each other".to_string()),
        (SplitLink::None, Lang::Zh) => ("互不调用", "两个服务之间没有任何调用".to_string()),
    }
}

/// What the database checkbox means when it is off.
pub fn shared_database(old: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Otherwise it shares the databases and caches of {old}."),
        Lang::Zh => format!("不勾选则与 {old} 共享数据库和缓存。"),
    }
}

/// The nodes a split adds, as one line: "Adds: service a-b, queue a-b-events".
pub fn adds(nodes: &[(NodeKind, &str)], lang: Lang) -> String {
    let kind = |k: NodeKind| match (k, lang) {
        (NodeKind::Service, Lang::En) => "service",
        (NodeKind::Service, Lang::Zh) => "服务",
        (NodeKind::Queue, Lang::En) => "queue",
        (NodeKind::Queue, Lang::Zh) => "消息队列",
        (NodeKind::Database, Lang::En) => "database",
        (NodeKind::Database, Lang::Zh) => "数据库",
        (other, _) => other.as_str(),
    };
    let items: Vec<String> = nodes
        .iter()
        .map(|&(k, id)| format!("{} {id}", kind(k)))
        .collect();
    match lang {
        Lang::En => format!("Adds: {}.", items.join(", ")),
        Lang::Zh => format!("新增：{}。", items.join("、")),
    }
}

/// Why the split cannot be made, in words a user can act on.
pub fn error(e: &SplitError, lang: Lang) -> String {
    match (e, lang) {
        (SplitError::NoSuchNode(id), Lang::En) => format!("There is no node “{id}” any more."),
        (SplitError::NoSuchNode(id), Lang::Zh) => format!("节点“{id}”已经不存在了。"),
        (SplitError::NotAService { node, .. }, Lang::En) => {
            format!("“{node}” is not a service: only a service can be split.")
        }
        (SplitError::NotAService { node, .. }, Lang::Zh) => {
            format!("“{node}”不是服务，只有服务才能拆分。")
        }
        (SplitError::NothingToMove, Lang::En) => "Choose at least one capability to move.".into(),
        (SplitError::NothingToMove, Lang::Zh) => "请至少选择一项要移出的能力。".into(),
        (SplitError::NotHeld { node, capability }, Lang::En) => {
            format!("“{node}” has no capability “{capability}” any more.")
        }
        (SplitError::NotHeld { node, capability }, Lang::Zh) => {
            format!("“{node}”已经没有“{capability}”这项能力了。")
        }
        (SplitError::Duplicate(c), Lang::En) => format!("“{c}” is chosen twice."),
        (SplitError::Duplicate(c), Lang::Zh) => format!("“{c}”被选了两次。"),
        (SplitError::WouldMoveEverything { node }, Lang::En) => {
            format!("Keep at least one capability in “{node}”: moving them all is not a split.")
        }
        (SplitError::WouldMoveEverything { node }, Lang::Zh) => {
            format!("“{node}”至少要保留一项能力，全部移走就不是拆分了。")
        }
    }
}
