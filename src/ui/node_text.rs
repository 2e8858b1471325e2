//! The words on and about a node of the diagram: its caption, tooltip and
//! accessible name (what a screen reader says of it).

use super::lang::{Lang, Localized};
use super::layer::Wording;
use crate::model::analysis::Status;
use crate::model::drawing::kind_caption;
use crate::model::{Node, NodeKind};

/// The diagram's words in a language.
pub struct Words(pub Lang);

const SPOF: Localized = Localized {
    en: "SPOF",
    zh: "单点故障",
};
const HANDLE_TIP: Localized = Localized {
    en: "Drag to another node to connect",
    zh: "拖到另一个节点上即可连线",
};

impl Wording for Words {
    fn key(&self) -> &str {
        self.0.as_str()
    }

    fn caption(&self, kind: NodeKind) -> String {
        match self.0 {
            Lang::En => kind_caption(kind),
            Lang::Zh => kind.name_zh().to_string(),
        }
    }

    fn spof(&self) -> &str {
        SPOF.get(self.0)
    }

    fn tooltip(&self, node: &Node) -> String {
        match (self.0, node.is_client()) {
            (_, true) => node.label().to_string(),
            (Lang::En, false) => format!(
                "{} — click a server square to kill or revive it",
                node.label()
            ),
            (Lang::Zh, false) => format!("{}：点击服务器方块可停掉或恢复该实例", node.label()),
        }
    }

    fn handle_tip(&self) -> &str {
        HANDLE_TIP.get(self.0)
    }
}

/// What a screen reader says of a node: "Orders (service), degraded, 2 of 3 instances up".
pub fn accessible_name(node: &Node, status: Status, spof: bool, lang: Lang) -> String {
    let replicas = node.replicas();
    let up = (0..replicas).filter(|&i| !node.is_killed(i)).count();
    match lang {
        Lang::En if node.is_client() => format!("{} (client)", node.label()),
        Lang::En => format!(
            "{} ({}), {}, {up} of {replicas} instances up{}",
            node.label(),
            node.kind.as_str().replace('_', " "),
            status.as_str(),
            if spof {
                ", single point of failure"
            } else {
                ""
            }
        ),
        Lang::Zh if node.is_client() => format!("{}（客户端）", node.label()),
        Lang::Zh => format!(
            "{}（{}），{}，{replicas} 个实例中 {up} 个在运行{}",
            node.label(),
            node.kind.name_zh(),
            match status {
                Status::Up => "正常",
                Status::Degraded => "降级",
                Status::Down => "宕机",
            },
            if spof { "，单点故障" } else { "" }
        ),
    }
}
