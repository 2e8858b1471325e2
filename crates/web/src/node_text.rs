//! The words on and about a node of the diagram: its caption, tooltip and
//! accessible name (what a screen reader says of it).

use super::lang::{Lang, Localized};
use super::layer::Wording;
use topolab_engine::analysis::Status;
use topolab_engine::drawing::{kind_caption, zone_mark};
use topolab_engine::i18n::l;
use topolab_engine::{Document, LinkKind, Node, NodeKind};

/// The diagram's words in a language.
pub struct DiagramWords(pub Lang);

const SPOF: Localized = l("SPOF", "单点故障");
const HANDLE_TIP: Localized = l(
    "Drag to another node to connect",
    "拖到另一个节点上即可连线",
);

impl Wording for DiagramWords {
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

/// What a screen reader says of a node: what a sighted reader sees of it, in
/// the order it is drawn (kind caption, label, then the rest), so that the
/// visible words are part of its name: "Service Orders, 3 instances, 1 killed,
/// degraded". A label shortened on the drawing is named whole; a node in
/// zones has its instances' zone letters after its label ("App server ABC").
pub fn accessible_name(node: &Node, status: Status, spof: bool, lang: Lang) -> String {
    let replicas = node.replicas();
    let killed = (0..replicas).filter(|&i| node.is_killed(i)).count();
    let caption = DiagramWords(lang).caption(node.kind);
    // Each instance's zone letter, drawn after the badge: named there too.
    // (One word, as the letters are drawn side by side: "App server ABC".)
    let mut marks: String = (0..replicas)
        .filter_map(|i| node.zone_of(i))
        .map(zone_mark)
        .collect();
    if !marks.is_empty() {
        marks.insert(0, ' ');
    }
    match lang {
        Lang::En if node.is_client() => format!("{} {}", title_case(&caption), node.label()),
        Lang::En => {
            // The SPOF badge is drawn after the label: it is named right after it.
            let mut name = format!("{} {}", title_case(&caption), node.label());
            if spof {
                name.push_str(", SPOF");
            }
            name.push_str(&marks);
            if spof {
                name.push_str(": single point of failure");
            }
            name.push_str(&format!(
                ", {replicas} instance{}",
                if replicas == 1 { "" } else { "s" }
            ));
            if killed > 0 {
                name.push_str(&format!(", {killed} killed"));
            }
            name.push_str(&format!(", {}", status.as_str()));
            name
        }
        Lang::Zh if node.is_client() => format!("{caption} {}", node.label()),
        Lang::Zh => {
            // A space, not a comma, before the badge's word: a checker comparing the
            // visible text with the name drops the comma and needs the space.
            let mut name = format!("{caption} {}", node.label());
            if spof {
                name.push_str(" 单点故障");
            }
            name.push_str(&marks);
            name.push_str(&format!("，{replicas} 个实例"));
            if killed > 0 {
                name.push_str(&format!("，{killed} 个已停掉"));
            }
            name.push('，');
            name.push_str(status_zh(status));
            name
        }
    }
}

/// "LOAD BALANCER" as "Load balancer" (the captions are ASCII words; ASCII
/// case keeps the Unicode case tables out of the wasm).
fn title_case(caption: &str) -> String {
    let mut out = caption.to_ascii_lowercase();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

fn status_zh(status: Status) -> &'static str {
    match status {
        Status::Up => "正常",
        Status::Degraded => "降级",
        Status::Down => "宕机",
    }
}

/// One link as a screen reader says it from its `from` end: "calls Payments, required".
fn link_words(kind: LinkKind, to: &str, lang: Lang) -> String {
    match (lang, kind) {
        (Lang::En, LinkKind::Route) => format!("routes to {to}"),
        (Lang::En, LinkKind::Pool) => format!("balances to {to}"),
        (Lang::En, LinkKind::Requires) => format!("calls {to}, required"),
        (Lang::En, LinkKind::Optional) => format!("calls {to}, optional"),
        (Lang::En, LinkKind::Async) => format!("sends to {to}, asynchronous"),
        (Lang::Zh, LinkKind::Route) => format!("转发到 {to}"),
        (Lang::Zh, LinkKind::Pool) => format!("负载均衡到 {to}"),
        (Lang::Zh, LinkKind::Requires) => format!("调用 {to}，必需"),
        (Lang::Zh, LinkKind::Optional) => format!("调用 {to}，可选"),
        (Lang::Zh, LinkKind::Async) => format!("异步发送到 {to}"),
    }
}

/// What a screen reader says after a focused node's name: its links, both
/// ways ("calls Payments, required; called by Gateway"), and how to follow
/// them. Made for the focused node only, when it gets focus.
pub fn link_description(doc: &Document, id: &str, lang: Lang) -> String {
    let label = |id: &str| doc.node(id).map_or(id, |n| n.label()).to_string();
    let out: Vec<String> = doc
        .links
        .iter()
        .filter(|l| l.from == id)
        .map(|l| link_words(doc.link_kind(l), &label(&l.to), lang))
        .collect();
    let callers: Vec<String> = doc
        .links
        .iter()
        .filter(|l| l.to == id)
        .map(|l| label(&l.from))
        .collect();
    let (sep, end) = match lang {
        Lang::En => ("; ", "."),
        Lang::Zh => ("；", "。"),
    };
    let mut parts = out;
    if !callers.is_empty() {
        parts.push(match lang {
            Lang::En => format!("called by {}", callers.join(", ")),
            Lang::Zh => format!("调用方：{}", callers.join("、")),
        });
    }
    if parts.is_empty() {
        return match lang {
            Lang::En => "No links.".into(),
            Lang::Zh => "没有连线。".into(),
        };
    }
    format!("{}{end} {}", parts.join(sep), FOLLOW_HINT.get(lang))
}

const FOLLOW_HINT: Localized = l("Shift+arrows follow the links.", "Shift+方向键沿连线移动。");
