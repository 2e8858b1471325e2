//! Edits of a document's zones (docs/spec/model.md §8) as pure functions: add
//! one, rename it, set its availability, remove it (the nodes' references go
//! with it), set a node's zone list, and spread a node's instances over every
//! zone. Each returns the new document or why not, in both languages; the
//! reducer applies them as one undoable step, the inspector asks them first to
//! say why a value is refused.

use topolab_engine::i18n::Lang;
use topolab_engine::validate::{validate, MAX_ZONES};
use topolab_engine::{Document, Problem, Zone};

/// Why a zone edit is refused.
#[derive(Clone, Debug, PartialEq)]
pub enum ZoneRefusal {
    /// The document has [`MAX_ZONES`] zones already.
    TooMany,
    /// No zone has this id.
    NoZone(String),
    /// No node has this id.
    NoNode(String),
    /// A client runs in no zone (its label).
    Client(String),
    /// "Spread over zones" on a node with one instance (its label).
    OneInstance(String),
    /// "Spread over zones" in a document without zones.
    NoZones,
    /// The validator's problems with the result.
    Invalid(Vec<Problem>),
}

impl ZoneRefusal {
    /// Why, in `lang`, without a full stop.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ZoneRefusal::TooMany, Lang::En) => {
                format!("a diagram holds at most {MAX_ZONES} zones")
            }
            (ZoneRefusal::TooMany, Lang::Zh) => format!("一张图最多 {MAX_ZONES} 个可用区"),
            (ZoneRefusal::NoZone(id), Lang::En) => format!("no zone with id {id:?}"),
            (ZoneRefusal::NoZone(id), Lang::Zh) => format!("没有 ID 为 {id:?} 的可用区"),
            (ZoneRefusal::NoNode(id), Lang::En) => format!("no node with id {id:?}"),
            (ZoneRefusal::NoNode(id), Lang::Zh) => format!("没有 ID 为 {id:?} 的节点"),
            (ZoneRefusal::Client(label), Lang::En) => {
                format!("{label} is a client: a client runs in no zone")
            }
            (ZoneRefusal::Client(label), Lang::Zh) => {
                format!("“{label}”是客户端：客户端不在任何可用区")
            }
            (ZoneRefusal::OneInstance(label), Lang::En) => {
                format!("{label} has one instance: give it more to spread them over zones")
            }
            (ZoneRefusal::OneInstance(label), Lang::Zh) => {
                format!("“{label}”只有一个实例：增加实例后才能分散到各可用区")
            }
            (ZoneRefusal::NoZones, Lang::En) => "the diagram has no zones: add one first".into(),
            (ZoneRefusal::NoZones, Lang::Zh) => "这张图还没有可用区：请先添加".into(),
            (ZoneRefusal::Invalid(problems), lang) => problems
                .iter()
                .map(|p| format!("{}: {}", p.path, p.message_in(lang)))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

/// The id a new zone gets: `zone-k`, k the first number from one more than
/// the zones there are that no zone has.
pub fn new_zone_id(doc: &Document) -> String {
    (doc.zones.len() + 1..)
        .map(|k| format!("zone-{k}"))
        .find(|id| doc.zone_index(id).is_none())
        .unwrap_or_else(|| "zone".into())
}

/// `doc` with a new zone at the end (a fresh id, every field its default).
pub fn add_zone(doc: &Document) -> Result<Document, ZoneRefusal> {
    if doc.zones.len() >= MAX_ZONES {
        return Err(ZoneRefusal::TooMany);
    }
    let mut next = doc.clone();
    next.zones.push(Zone::new(new_zone_id(doc)));
    checked(next)
}

/// `doc` with zone `id` labelled `label` (trimmed; empty: no label, the id is shown).
pub fn rename_zone(doc: &Document, id: &str, label: &str) -> Result<Document, ZoneRefusal> {
    edit_zone(doc, id, |z| {
        let label = label.trim();
        z.label = (!label.is_empty()).then(|| label.to_string());
    })
}

/// `doc` with zone `id`'s availability `a` (`None`: the default, no field written).
pub fn set_zone_availability(
    doc: &Document,
    id: &str,
    a: Option<f64>,
) -> Result<Document, ZoneRefusal> {
    edit_zone(doc, id, |z| z.availability = a)
}

/// `doc` without zone `id`; every node's reference to it goes too, and a node
/// left with no zone loses its `zones` field.
pub fn remove_zone(doc: &Document, id: &str) -> Result<Document, ZoneRefusal> {
    let i = doc
        .zone_index(id)
        .ok_or_else(|| ZoneRefusal::NoZone(id.to_string()))?;
    let mut next = doc.clone();
    next.zones.remove(i);
    for node in &mut next.nodes {
        if let Some(list) = &mut node.zones {
            list.retain(|z| z != id);
            if list.is_empty() {
                node.zones = None;
            }
        }
    }
    checked(next)
}

/// `doc` with node `node`'s zones set to `zones` (empty: in no zone, no field).
pub fn set_node_zones(
    doc: &Document,
    node: &str,
    zones: &[String],
) -> Result<Document, ZoneRefusal> {
    let i = doc
        .node_index(node)
        .ok_or_else(|| ZoneRefusal::NoNode(node.to_string()))?;
    if let Some(unknown) = zones.iter().find(|z| doc.zone_index(z).is_none()) {
        return Err(ZoneRefusal::NoZone(unknown.clone()));
    }
    let n = &doc.nodes[i];
    if n.is_client() && !zones.is_empty() {
        return Err(ZoneRefusal::Client(n.label().to_string()));
    }
    let mut next = doc.clone();
    next.nodes[i].zones = (!zones.is_empty()).then(|| zones.to_vec());
    checked(next)
}

/// `doc` with node `node` in every zone of the document, in order, so that
/// instance i runs in `zones[i mod len]`: "Spread over zones".
pub fn spread_over_zones(doc: &Document, node: &str) -> Result<Document, ZoneRefusal> {
    let n = doc
        .node(node)
        .ok_or_else(|| ZoneRefusal::NoNode(node.to_string()))?;
    if doc.zones.is_empty() {
        return Err(ZoneRefusal::NoZones);
    }
    if n.replicas() < 2 {
        return Err(ZoneRefusal::OneInstance(n.label().to_string()));
    }
    let all: Vec<String> = doc.zones.iter().map(|z| z.id.clone()).collect();
    set_node_zones(doc, node, &all)
}

fn edit_zone(
    doc: &Document,
    id: &str,
    change: impl FnOnce(&mut Zone),
) -> Result<Document, ZoneRefusal> {
    let i = doc
        .zone_index(id)
        .ok_or_else(|| ZoneRefusal::NoZone(id.to_string()))?;
    let mut next = doc.clone();
    change(&mut next.zones[i]);
    checked(next)
}

/// `next` if the validator finds nothing wrong with it.
fn checked(next: Document) -> Result<Document, ZoneRefusal> {
    let problems = validate(&next);
    if problems.is_empty() {
        Ok(next)
    } else {
        Err(ZoneRefusal::Invalid(problems))
    }
}
