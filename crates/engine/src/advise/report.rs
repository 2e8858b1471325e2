//! What `topolab advise` prints (docs/spec/model.md §7): the result types, in
//! the field order and with the omissions of the spec's JSON.

use serde::Serialize;

/// Everything [`super::advise`] found, as `topolab advise` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Advice {
    /// Each target as it stands, in target order.
    pub targets: Vec<TargetReport>,
    /// `cheapest` then `fewest_nodes`; empty when every target is met or some
    /// target cannot be met.
    pub options: Vec<AdviceOption>,
    /// The targets no change can meet, in target order.
    pub unreachable: Vec<Unreachable>,
    /// Birnbaum importances, one entry per targeted function.
    pub importance: Vec<Importance>,
    /// Minimal cut sets, one entry per targeted function.
    pub cut_sets: Vec<CutSets>,
    /// `monte_carlo` when the document is too big to evaluate exactly: then
    /// only `targets` is filled in, with the sampled figures of `topolab
    /// analyze`. Absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<crate::analysis::Method>,
}

/// One target: the function (`"all"` for the system), its minimum, its value now.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetReport {
    pub function: String,
    pub min: f64,
    pub value: f64,
    pub met: bool,
}

/// Which option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OptionName {
    /// The least cost.
    Cheapest,
    /// The fewest nodes changed, then the least cost.
    FewestNodes,
}

/// How an option was found: absent when it is the exact optimum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchMethod {
    /// The search ran out of its step budget: the best change found, which
    /// meets every target but may not be optimal.
    Heuristic,
}

/// A change that meets every target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AdviceOption {
    pub name: OptionName,
    /// The nodes changed, in document order.
    pub add: Vec<Added>,
    pub cost: f64,
    /// Every target's value after the change, in target order.
    pub values: Vec<TargetValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<SearchMethod>,
}

impl AdviceOption {
    /// `doc` with the option's instances added (quorum unchanged), as the app's
    /// "Apply" makes it. Nodes the document no longer has are left out.
    pub fn apply(&self, doc: &crate::document::Document) -> crate::document::Document {
        let mut out = doc.clone();
        for added in &self.add {
            if let Some(node) = out.nodes.iter_mut().find(|n| n.id == added.node) {
                node.replicas = Some((node.replicas() + added.instances).min(64));
            }
        }
        out
    }
}

impl OptionName {
    /// The name used in the output and by `applyAdvice`.
    pub fn as_str(self) -> &'static str {
        match self {
            OptionName::Cheapest => "cheapest",
            OptionName::FewestNodes => "fewest_nodes",
        }
    }
}

/// Instances added to one node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Added {
    pub node: String,
    pub instances: u32,
}

/// A target's value after a change.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetValue {
    pub function: String,
    pub value: f64,
}

/// A target no change can meet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unreachable {
    pub function: String,
    /// The value with 8 more instances (up to 64) on every node that may change.
    pub best: f64,
    /// Nodes that may not change and matter at `best`, most important first.
    pub limited_by: Vec<String>,
    /// Zones whose failure alone takes the function down at `best`; present
    /// only when the document has zones (docs/spec/model.md §8).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limited_by_zones: Option<Vec<String>>,
}

/// The Birnbaum importance of the nodes that matter to one function.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Importance {
    pub function: String,
    /// Those above 1e-12, largest first, ties in node order.
    pub nodes: Vec<NodeImportance>,
}

/// One node's Birnbaum importance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeImportance {
    pub id: String,
    pub birnbaum: f64,
}

/// The minimal cut sets of one function.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CutSets {
    pub function: String,
    /// At most 10: largest probability first, then smaller sets, then node order.
    pub sets: Vec<CutSet>,
}

/// Nodes whose loss together takes a function down.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CutSet {
    /// In document order.
    pub nodes: Vec<String>,
    /// The product of each node's P(not alive) in the expected view.
    pub probability: f64,
}
