//! What a lesson step asks the learner to try: an action on the diagram with
//! a goal checked on the current document, and a "do it for me" that performs it.

use std::rc::Rc;
use topolab_engine::i18n::l;

use crate::Action;
use topolab_engine::i18n::{Lang, Localized};
use topolab_engine::presets::labels::{label, localize_labels};
use topolab_engine::presets::preset;
use topolab_engine::split::{split, SplitLink, SplitRequest};
use topolab_engine::{Document, LinkKind, NodeKind};

/// An action the learner is asked to try. `name` is the target as the diagram
/// labels it, for the prompt.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Task {
    /// Kill instance `index` of `node`; it is the first instance still up, so
    /// `K` on the selected node does it.
    Kill {
        node: &'static str,
        index: u32,
        name: Localized,
    },
    /// Kill every instance of `node`.
    KillNode { node: &'static str, name: Localized },
    /// Bring every instance of `node` back.
    Revive { node: &'static str, name: Localized },
    /// Split `node` (docs/spec/model.md §4): move `capabilities` to a new service,
    /// linked to the old one as `link` says, with or without its own database.
    Split {
        node: &'static str,
        name: Localized,
        capabilities: &'static [&'static str],
        link: SplitLink,
        own_database: bool,
    },
    /// Open the preset named `preset`.
    Open { preset: &'static str },
    /// Take zone `zone` down (docs/spec/model.md §8 `down`): every instance in it at once.
    KillZone { zone: &'static str, name: Localized },
}

impl Task {
    /// What to do, in `lang`, naming the key to press where there is one.
    pub fn prompt(&self, lang: Lang) -> String {
        let name = |n: Localized| n.get(lang);
        match (*self, lang) {
            (Task::Kill { name: n, .. }, Lang::En) => {
                format!("Select {} and press K to kill one instance.", name(n))
            }
            (Task::Kill { name: n, .. }, Lang::Zh) => {
                format!("选中{}，按 K 键停掉一个实例。", name(n))
            }
            (Task::KillNode { name: n, .. }, Lang::En) => format!(
                "Select {} and press K once for each instance, until all are down.",
                name(n)
            ),
            (Task::KillNode { name: n, .. }, Lang::Zh) => {
                format!("选中{}，每个实例按一次 K 键，直到全部停掉。", name(n))
            }
            (Task::Revive { name: n, .. }, Lang::En) => {
                format!("Select {} and press R to bring it back.", name(n))
            }
            (Task::Revive { name: n, .. }, Lang::Zh) => {
                format!("选中{}，按 R 键把它恢复。", name(n))
            }
            (
                Task::Split {
                    name: n,
                    capabilities,
                    link,
                    own_database,
                    ..
                },
                _,
            ) => {
                let (how, db) = split_words(link, own_database, lang);
                match lang {
                    Lang::En => format!(
                        "Select {} and split it: move {} to a new service, {how}, {db}.",
                        name(n),
                        capabilities.join(", ")
                    ),
                    Lang::Zh => {
                        let names: Vec<&str> =
                            capabilities.iter().map(|c| capability_zh(c)).collect();
                        format!(
                            "选中{}并拆分：把{}功能拆到一个新服务，{how}，{db}。",
                            name(n),
                            names.join("、")
                        )
                    }
                }
            }
            (Task::KillZone { name: n, .. }, Lang::En) => format!(
                "Click the kill switch of {} to take the whole zone down.",
                name(n)
            ),
            (Task::KillZone { name: n, .. }, Lang::Zh) => {
                // "可用区 A 的": a space after a Latin letter, as Chinese typesetting has it.
                let n = name(n);
                let gap = if n.ends_with(|c: char| c.is_ascii_alphanumeric()) {
                    " "
                } else {
                    ""
                };
                format!("点击{n}{gap}的停机开关，让整个可用区宕掉。")
            }
            (Task::Open { preset: p }, _) => {
                let label = preset(p).map_or(p, |p| p.label().get(lang));
                match lang {
                    Lang::En => format!("Open the “{label}” preset."),
                    Lang::Zh => format!("打开“{label}”预设。"),
                }
            }
        }
    }

    /// What to do on a touch screen, where there is no key to press: the
    /// squares to tap, for a task whose [`Task::prompt`] names a key.
    pub fn tap_prompt(&self, lang: Lang) -> Option<String> {
        let (name, squares) = match *self {
            Task::Kill { name, .. } => (name, l("the first live square", "第一个在运行的")),
            Task::KillNode { name, .. } => (name, l("every square", "的每一个")),
            Task::Revive { name, .. } => (name, l("every crossed-out square", "每一个画叉的")),
            _ => return None,
        };
        let (name, squares) = (name.get(lang), squares.get(lang));
        Some(match lang {
            Lang::En => format!("Tap {squares} of {name}."),
            Lang::Zh => format!("点击{name}{squares}小方块。"),
        })
    }

    /// Whether the goal is met on `doc`.
    pub fn done(&self, doc: &Document) -> bool {
        match *self {
            Task::Kill { node, index, .. } => doc.node(node).is_some_and(|n| n.is_killed(index)),
            Task::KillNode { node, .. } => doc
                .node(node)
                .is_some_and(|n| !n.is_client() && n.killed.len() as u32 == n.replicas()),
            Task::Revive { node, .. } => doc.node(node).is_some_and(|n| n.killed.is_empty()),
            Task::Split {
                node,
                capabilities,
                link,
                own_database,
                ..
            } => split_done(doc, node, capabilities, link, own_database),
            Task::Open { preset: name } => {
                preset(name).is_some_and(|p| same_topology(doc, &p.document()))
            }
            Task::KillZone { zone, .. } => {
                doc.zone_index(zone).is_some_and(|z| doc.zones[z].is_down())
            }
        }
    }

    /// `doc` after the action: what a "do it for me" button shows.
    pub fn apply(&self, doc: &Document) -> Result<Document, String> {
        match *self {
            Task::Kill { node, index, .. } => kill(doc, node, index),
            Task::KillNode { node, .. } => {
                let replicas = doc
                    .node(node)
                    .map(|n| n.replicas())
                    .ok_or_else(|| no_node(node))?;
                (0..replicas).try_fold(doc.clone(), |d, i| kill(&d, node, i))
            }
            Task::Revive { node, .. } => {
                let mut out = doc.clone();
                let i = out.node_index(node).ok_or_else(|| no_node(node))?;
                out.nodes[i].killed.clear();
                Ok(out)
            }
            Task::Split {
                node,
                capabilities,
                link,
                own_database,
                ..
            } => split(
                doc,
                &SplitRequest {
                    node: node.to_string(),
                    capabilities: capabilities.iter().map(|c| c.to_string()).collect(),
                    link,
                    own_database,
                },
            )
            .map_err(|e| e.to_string()),
            Task::Open { preset: name } => preset(name)
                .map(|p| p.document())
                .ok_or_else(|| format!("there is no preset called {name:?}")),
            Task::KillZone { zone, .. } => {
                let mut out = doc.clone();
                let z = out.zone_index(zone).ok_or_else(|| no_zone(zone))?;
                out.zones[z].down = Some(true);
                Ok(out)
            }
        }
    }
}

impl Task {
    /// [`Task::apply`] with the diagram's labels in `lang` (and, for
    /// [`Task::Open`], the preset's title in `lang`).
    ///
    /// A split's new service and database are named as the built-in diagrams
    /// name them ("Payments", "Payments DB") where they have such a name,
    /// rather than by the capability's id that docs/spec/model.md §4 gives them.
    pub fn apply_in(&self, doc: &Document, lang: Lang) -> Result<Document, String> {
        match *self {
            Task::Open { preset: name } => preset(name)
                .map(|p| p.document_in(lang))
                .ok_or_else(|| format!("there is no preset called {name:?}")),
            Task::Split { capabilities, .. } => {
                let out = localize_labels(&self.apply(doc)?, lang);
                Ok(name_new_nodes(doc, out, capabilities, lang))
            }
            _ => Ok(localize_labels(&self.apply(doc)?, lang)),
        }
    }

    /// The editor action a "do it for me" button dispatches on `doc`: the
    /// same one the keys or the instance squares send where there is one (so
    /// the view and the selection stay), else opening [`Task::apply_in`]'s
    /// result. Either way one undoable step whose result meets [`Task::done`].
    pub fn action(&self, doc: &Document, lang: Lang) -> Result<Action, String> {
        let id = |node: &str| node.to_string();
        match *self {
            Task::Kill { node, index, .. } => {
                kill(doc, node, index)?;
                Ok(Action::SetInstance {
                    id: id(node),
                    index,
                    killed: true,
                })
            }
            Task::KillNode { node, .. } => match doc.node(node) {
                Some(n) if !n.is_client() => Ok(Action::KillAll { id: id(node) }),
                Some(_) => Err(format!("{node:?} is a client: it never fails")),
                None => Err(no_node(node)),
            },
            Task::Revive { node, .. } => match doc.node(node) {
                Some(_) => Ok(Action::ReviveAll { id: id(node) }),
                None => Err(no_node(node)),
            },
            Task::KillZone { zone, .. } => match doc.zone_index(zone) {
                Some(_) => Ok(Action::SetZoneDown {
                    id: id(zone),
                    down: true,
                }),
                None => Err(no_zone(zone)),
            },
            // A lesson's split is shown whole: the view fits the diagram again (a
            // Replace keeps the view, and the new service may fall outside it).
            Task::Split { .. } | Task::Open { .. } => {
                Ok(Action::Load(Rc::new(self.apply_in(doc, lang)?)))
            }
        }
    }
}

/// `after` with the nodes `before` lacks labelled in `lang` as the built-in
/// diagrams label a service holding `capabilities` (one of them) and its
/// database, where [`label`] knows such a name; other labels stay.
fn name_new_nodes(
    before: &Document,
    mut after: Document,
    capabilities: &[&str],
    lang: Lang,
) -> Document {
    let [capability] = capabilities else {
        return after;
    };
    let mut letters = capability.chars();
    let Some(first) = letters.next() else {
        return after;
    };
    // The lessons' capabilities are ASCII words (the Unicode case tables cost 24 KB of wasm).
    let name = std::iter::once(first.to_ascii_uppercase())
        .chain(letters)
        .collect::<String>();
    for node in after
        .nodes
        .iter_mut()
        .filter(|n| before.node(&n.id).is_none())
    {
        let en = match node.kind {
            NodeKind::Service => name.clone(),
            NodeKind::Database => format!("{name} DB"),
            _ => continue,
        };
        if let Some(text) = label(&en) {
            node.label = Some(text.get(lang).to_string());
        }
    }
    after
}

/// How a Chinese prompt names a capability of the lessons' diagrams (their
/// ids are English words); any other is named by its id.
fn capability_zh(capability: &str) -> &str {
    match capability {
        "catalog" => "浏览商品",
        "orders" => "下单",
        "payments" => "支付",
        "checkout" => "结算",
        other => other,
    }
}

fn no_node(id: &str) -> String {
    format!("no node with id {id:?}")
}

fn no_zone(id: &str) -> String {
    format!("no zone with id {id:?}")
}

/// `doc` with instance `index` of `id` killed (unchanged if it already was).
pub(super) fn kill(doc: &Document, id: &str, index: u32) -> Result<Document, String> {
    let mut out = doc.clone();
    let i = out.node_index(id).ok_or_else(|| no_node(id))?;
    let node = &mut out.nodes[i];
    if node.is_client() {
        return Err(format!("{id:?} is a client: it never fails"));
    }
    if index >= node.replicas() {
        return Err(format!("{id:?} has no instance {index}"));
    }
    if !node.is_killed(index) {
        node.killed.push(index);
        topolab_engine::sorting::sort(&mut node.killed);
    }
    Ok(out)
}

/// The split prompt's words for how the two services talk and where the new
/// one keeps its data.
fn split_words(link: SplitLink, own_database: bool, lang: Lang) -> (&'static str, &'static str) {
    let how = match link {
        SplitLink::Requires => l("called synchronously by the old one", "由原服务同步调用"),
        SplitLink::Async => l("fed through a new queue", "两者通过新建的消息队列异步通信"),
        SplitLink::None => l("with no call between the two", "两者之间不互相调用"),
    };
    let db = match own_database {
        true => l("with its own database", "新服务有自己的数据库"),
        false => l("sharing the existing database", "继续共用原来的数据库"),
    };
    (how.get(lang), db.get(lang))
}

/// Whether `doc` looks like `node` split as asked: another service holds the
/// capabilities `node` no longer holds, the two talk as `link` says, and the
/// new one's stores are its own or `node`'s as `own_database` says.
fn split_done(
    doc: &Document,
    node: &str,
    capabilities: &[&str],
    link: SplitLink,
    own_database: bool,
) -> bool {
    let Some(old) = doc.node(node) else {
        return false;
    };
    if capabilities.iter().any(|c| old.holds(c)) {
        return false;
    }
    let has = |from: &str, to: &str, kind: LinkKind| {
        doc.links
            .iter()
            .any(|l| l.from == from && l.to == to && doc.link_kind(l) == kind)
    };
    let stores_of = |id: &str| -> Vec<&str> {
        doc.links
            .iter()
            .filter(|l| l.from == id && doc.link_kind(l).is_sync())
            .filter(|l| doc.node(&l.to).is_some_and(|n| n.kind.is_store()))
            .map(|l| l.to.as_str())
            .collect()
    };
    let old_stores = stores_of(node);
    doc.nodes
        .iter()
        .filter(|n| n.id != node && n.kind == NodeKind::Service)
        .filter(|n| capabilities.iter().all(|c| n.holds(c)))
        .any(|new| {
            let via_queue = doc.nodes.iter().any(|q| {
                q.kind == NodeKind::Queue
                    && has(node, &q.id, LinkKind::Requires)
                    && has(&q.id, &new.id, LinkKind::Async)
            });
            let talks = match link {
                SplitLink::Requires => has(node, &new.id, LinkKind::Requires),
                SplitLink::Async => via_queue,
                SplitLink::None => !has(node, &new.id, LinkKind::Requires) && !via_queue,
            };
            let stores = stores_of(&new.id);
            let shares = stores.iter().any(|s| old_stores.contains(s));
            let data = match own_database {
                true => !stores.is_empty() && !shares,
                false => shares,
            };
            talks && data
        })
}

/// Same nodes (by id) and links (by ends) in the same order, whatever the
/// positions, kills, labels or title.
fn same_topology(a: &Document, b: &Document) -> bool {
    let ids = |d: &Document| d.nodes.iter().map(|n| n.id.clone()).collect::<Vec<_>>();
    let ends = |d: &Document| {
        d.links
            .iter()
            .map(|l| (l.from.clone(), l.to.clone()))
            .collect::<Vec<_>>()
    };
    ids(a) == ids(b) && ends(a) == ends(b)
}
