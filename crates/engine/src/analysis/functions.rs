//! The functions a document is analysed for (docs/spec/model.md §1.3): its own list, or
//! when it has none, one per client and capability that client can reach.

use std::collections::HashSet;

use super::topology::Topology;
use crate::document::{Document, Function};

/// The functions of `doc` (docs/spec/model.md §1.3): `doc.functions` when present, else
/// the derived ones: for each client in node order, each capability in order
/// of first appearance (nodes in order, each node's capabilities in order)
/// that some node reachable from the client over route, pool and requires
/// links holds; id `<client>:<capability>`, label the capability, weight 1.
pub fn effective_functions(doc: &Document) -> Vec<Function> {
    match &doc.functions {
        Some(functions) => functions.clone(),
        None => derive_functions(doc, &Topology::new(doc)),
    }
}

/// [`effective_functions`] on an already built topology.
pub(crate) fn functions_of(doc: &Document, topology: &Topology) -> Vec<Function> {
    match &doc.functions {
        Some(functions) => functions.clone(),
        None => derive_functions(doc, topology),
    }
}

fn derive_functions(doc: &Document, topology: &Topology) -> Vec<Function> {
    let mut seen = HashSet::new();
    let capabilities: Vec<&str> = doc
        .nodes
        .iter()
        .flat_map(|n| n.capabilities())
        .filter(|k| seen.insert(*k))
        .collect();
    let mut functions = Vec::new();
    for (c, client) in doc.nodes.iter().enumerate().filter(|(_, n)| n.is_client()) {
        let reached = topology.reachable_from(c);
        let mut reachable_capabilities = HashSet::new();
        for (v, node) in doc.nodes.iter().enumerate() {
            if reached[v] {
                reachable_capabilities.extend(node.capabilities());
            }
        }
        for &k in capabilities
            .iter()
            .filter(|k| reachable_capabilities.contains(*k))
        {
            functions.push(Function {
                id: format!("{}:{k}", client.id),
                label: Some(k.to_string()),
                client: client.id.clone(),
                capability: k.to_string(),
                weight: None,
                extra: None,
            });
        }
    }
    functions
}
