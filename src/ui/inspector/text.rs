//! Every word the inspector shows, in one place for the translation to come.

use crate::model::{LinkKind, NodeKind};

pub const REGION: &str = "Inspector";
pub const HINT: &str = "Select a node or link to edit it. Drag from the palette to add one.";
pub const NODE: &str = "Node";
pub const LINK: &str = "Link";
pub const SELECTION: &str = "Selection";
pub const ID: &str = "Id";
pub const LABEL: &str = "Label";
pub const KIND: &str = "Kind";
pub const REPLICAS: &str = "Replicas";
pub const QUORUM: &str = "Quorum";
pub const AVAILABILITY: &str = "Availability";
pub const CAPABILITIES: &str = "Capabilities";
pub const INSTANCES: &str = "Instances";
pub const KILLED_INSTANCES: &str = "Killed instances";
pub const ID_HINT: &str = "Letters, digits, _ - . (links follow a new id).";
pub const REPLICAS_HINT: &str = "Identical instances, 1 to 64.";
pub const QUORUM_HINT: &str = "Instances that must be up: 1 = any one.";
pub const CAPABILITIES_HINT: &str = "Business functions it can serve, separated by commas.";
pub const KILL_ONE: &str = "Kill one";
pub const KILL_NODE: &str = "Kill node";
pub const REVIVE_ALL: &str = "Revive all";
pub const DELETE_NODE: &str = "Delete node";
pub const DELETE_LINK: &str = "Delete link";
pub const DELETE: &str = "Delete";
pub const UP: &str = "up";
pub const KILLED: &str = "killed";
pub const LINK_KIND: &str = "Kind";

/// The heading of several selected nodes.
pub fn nodes_selected(n: usize) -> String {
    format!("{n} nodes selected")
}

/// What one instance of `availability` means, after the field.
pub fn one_instance(nines: u32, downtime: &str) -> String {
    match nines {
        16 => "One instance: never down.".into(),
        1 => format!("One instance: = 1 nine, down {downtime} / year."),
        n => format!("One instance: = {n} nines, down {downtime} / year."),
    }
}

/// The placeholder of an emptied availability: the kind's default.
pub fn default_availability(percent: &str) -> String {
    format!("default {percent}")
}

pub fn kind_name(kind: NodeKind) -> &'static str {
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

/// MODEL.md §1.2, one line each.
pub fn link_kind_meaning(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Route => "a request may be forwarded along it",
        LinkKind::Pool => "a load balancer's backend; like route",
        LinkKind::Requires => "a synchronous call made for every request",
        LinkKind::Optional => "a synchronous call with a fallback: its failure only degrades",
        LinkKind::Async => "through a queue or event: its failure never affects the sender",
    }
}

/// A link kind in the select: its name and a few words (the hint says more).
pub fn link_kind_option(kind: LinkKind) -> String {
    let short = match kind {
        LinkKind::Route => "forwards requests",
        LinkKind::Pool => "load balancer backend",
        LinkKind::Requires => "sync call, needed",
        LinkKind::Optional => "sync call with a fallback",
        LinkKind::Async => "via a queue, never blocks",
    };
    format!("{}: {short}", kind.as_str())
}

pub fn default_link_kind(kind: LinkKind) -> String {
    format!("default ({})", kind.as_str())
}

pub fn instance(index: u32, killed: bool) -> String {
    format!("#{index} {}", if killed { KILLED } else { UP })
}

pub fn instance_action(index: u32, killed: bool) -> String {
    if killed {
        format!("Instance {index} is killed: revive it")
    } else {
        format!("Instance {index} is up: kill it")
    }
}

pub fn whole_number(max: &str) -> String {
    format!("enter a whole number from 1 to {max}")
}

/// Why a node that links point to cannot become a client.
pub fn client_called(callers: &[&str]) -> String {
    let mut names = callers
        .iter()
        .take(3)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if callers.len() > 3 {
        names.push_str(&format!(" and {} more", callers.len() - 3));
    }
    let (verb, what) = if callers.len() == 1 {
        ("links", "that link")
    } else {
        ("link", "those links")
    };
    format!("nothing may call a client, and {names} {verb} to this node: delete {what} first")
}

pub fn id_taken(id: &str, other: &str) -> String {
    format!("\"{id}\" is already the id of {other}")
}

pub fn link_place(from: &str, to: &str) -> String {
    format!("Link {from} → {to}")
}

pub fn function_place(label: &str) -> String {
    format!("Function {label}")
}

/// A problem's place and message as one line.
pub fn problem(place: &str, message: &str) -> String {
    format!("{place}: {message}")
}
