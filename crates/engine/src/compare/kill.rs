//! "Kill the same node in both": a node's counterpart in
//! the other document, and killing an instance as a pure function on
//! documents (docs/spec/model.md §1.1 `killed`, §2).

use crate::document::Document;

/// The counterpart in `b` of node `id` of `a`: the node of `b` with the same
/// id and kind; `None` when `a` has no such node or `b` has none like it (a
/// node split off exists only after the split, docs/spec/model.md §4). A split keeps
/// every node's id, so before and after, all other nodes have counterparts.
pub fn same_node<'b>(a: &Document, b: &'b Document, id: &str) -> Option<&'b str> {
    let node = a.node(id)?;
    b.node(id)
        .filter(|other| other.kind == node.kind)
        .map(|other| other.id.as_str())
}

/// `doc` with instance `index` of node `id` killed (docs/spec/model.md §1.1: `killed`
/// kept sorted); `None`, and nothing to do, when there is no such node, it is
/// a client, `index` is not below its replicas, or the instance is already killed.
pub fn kill_instance(doc: &Document, id: &str, index: u32) -> Option<Document> {
    let at = doc.node_index(id)?;
    let node = &doc.nodes[at];
    if node.is_client() || index >= node.replicas() || node.is_killed(index) {
        return None;
    }
    let mut out = doc.clone();
    let killed = &mut out.nodes[at].killed;
    killed.push(index);
    crate::sorting::sort(killed);
    Some(out)
}

/// `doc` with instance `index` of node `id` revived (docs/spec/model.md §1.1 `killed`);
/// `None`, and nothing to do, when there is no such node or that instance is
/// not killed.
pub fn revive_instance(doc: &Document, id: &str, index: u32) -> Option<Document> {
    let at = doc.node_index(id)?;
    if !doc.nodes[at].is_killed(index) {
        return None;
    }
    let mut out = doc.clone();
    out.nodes[at].killed.retain(|&k| k != index);
    Some(out)
}

/// Kills instance `index` of node `id` of `a` and of its counterpart in `b`
/// ([`same_node`]), in each where it exists; each side is `None` when
/// unchanged. For a node chosen in `b`, call it with the documents swapped.
pub fn kill_in_both(
    a: &Document,
    b: &Document,
    id: &str,
    index: u32,
) -> (Option<Document>, Option<Document>) {
    let in_b = same_node(a, b, id).and_then(|other| kill_instance(b, other, index));
    (kill_instance(a, id, index), in_b)
}

/// Revives instance `index` of node `id` of `a` and of its counterpart in `b`
/// ([`same_node`]), in each where it is killed; each side is `None` when
/// unchanged, as with [`kill_in_both`].
pub fn revive_in_both(
    a: &Document,
    b: &Document,
    id: &str,
    index: u32,
) -> (Option<Document>, Option<Document>) {
    let in_b = same_node(a, b, id).and_then(|other| revive_instance(b, other, index));
    (revive_instance(a, id, index), in_b)
}
