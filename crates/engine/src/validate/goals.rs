//! The rules of a document's goals (docs/spec/model.md §6): ids unique, labels short,
//! thresholds in range, functions that exist. Which fields a kind takes is checked where a goal is read
//! ([`crate::parse`]), since the typed goal cannot hold a field of another kind.

use std::collections::{HashMap, HashSet};

use super::{check_text, id_taken, Problem};
use crate::analysis::effective_functions;
use crate::document::Document;
use crate::goals::{GoalKind, Threshold};

/// The most characters of a goal's id and of its label.
const MAX_GOAL_TEXT: usize = 200;

/// Every goal rule the typed document can break, in goal order.
pub(super) fn check_goals(doc: &Document, problems: &mut Vec<Problem>) {
    if doc.goals.is_empty() {
        return;
    }
    let mut functions = FunctionIds::new(doc);
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, goal) in doc.goals.iter().enumerate() {
        let at = |field: &str| format!("goals[{i}].{field}");
        if let Some(id) = &goal.id {
            let n = id.chars().count();
            if !(1..=MAX_GOAL_TEXT).contains(&n) {
                problems.push(Problem::in_both(
                    at("id"),
                    format!("{n} characters; a goal id has 1 to {MAX_GOAL_TEXT}"),
                    format!("共 {n} 个字符，目标 ID 须为 1 到 {MAX_GOAL_TEXT} 个字符"),
                ));
            }
            if let Some(&first) = ids.get(id.as_str()) {
                problems.push(id_taken(at("id"), id, "goals", first));
            } else {
                ids.insert(id, i);
            }
        }
        if let Some(label) = &goal.label {
            check_text(problems, at("label"), label, MAX_GOAL_TEXT);
        }
        check_kind(&goal.kind, &at, &mut functions, problems);
    }
}

fn check_kind(
    kind: &GoalKind,
    at: &dyn Fn(&str) -> String,
    functions: &mut FunctionIds,
    problems: &mut Vec<Problem>,
) {
    match kind {
        GoalKind::Availability {
            function,
            threshold,
        } => {
            if let Some(id) = function {
                functions.check(at("function"), id, problems);
            }
            check_threshold(*threshold, at, problems);
        }
        GoalKind::Survive {
            failures,
            of: _,
            functions: scope,
        } => {
            if !(1..=3).contains(failures) {
                problems.push(Problem::in_both(
                    at("failures"),
                    format!("{failures} failures; a survive goal tries 1 to 3"),
                    format!("故障数为 {failures}，存活目标只能尝试 1 到 3 个故障"),
                ));
            }
            let mut seen = HashSet::new();
            for (j, id) in scope.iter().flatten().enumerate() {
                let path = format!("{}[{j}]", at("functions"));
                if !seen.insert(id.as_str()) {
                    problems.push(Problem::in_both(
                        path,
                        format!("{id:?} is listed twice"),
                        format!("{id:?} 重复列出了两次"),
                    ));
                } else {
                    functions.check(path, id, problems);
                }
            }
        }
        GoalKind::Budget { max_cost } => {
            if !(max_cost.is_finite() && *max_cost > 0.0) {
                problems.push(Problem::in_both(
                    at("max_cost"),
                    format!("{max_cost} is not a cost above 0"),
                    format!("{max_cost} 不是大于 0 的成本"),
                ));
            }
        }
        // `max` is a whole number from 0 up once read: nothing more to check.
        GoalKind::MaxSyncDepth { .. }
        | GoalKind::NoSpof
        | GoalKind::NoSharedStores
        | GoalKind::NoCycles => {}
    }
}

fn check_threshold(threshold: Threshold, at: &dyn Fn(&str) -> String, problems: &mut Vec<Problem>) {
    match threshold {
        Threshold::Min(min) if !(min > 0.0 && min < 1.0) => problems.push(Problem::in_both(
            at("min"),
            format!("{min} is not a probability above 0 and below 1 (99.9% is 0.999)"),
            format!("{min} 不是大于 0 且小于 1 的概率（99.9% 即 0.999）"),
        )),
        Threshold::Nines(n) if !(1..=9).contains(&n) => problems.push(Problem::in_both(
            at("nines"),
            format!("{n} nines; a goal asks for 1 to 9 (4 nines is 99.99%)"),
            format!("{n} 个 9；目标只能要求 1 到 9 个 9（4 个 9 即 99.99%）"),
        )),
        _ => {}
    }
}

/// The ids of the document's functions, listed or derived, worked out the first
/// time a goal names one.
struct FunctionIds<'d> {
    doc: &'d Document,
    ids: Option<Vec<String>>,
}

impl<'d> FunctionIds<'d> {
    fn new(doc: &'d Document) -> FunctionIds<'d> {
        FunctionIds { doc, ids: None }
    }

    /// A problem at `path` unless `id` is one of the document's functions.
    fn check(&mut self, path: String, id: &str, problems: &mut Vec<Problem>) {
        let doc = self.doc;
        let ids = self
            .ids
            .get_or_insert_with(|| effective_functions(doc).into_iter().map(|f| f.id).collect());
        if ids.iter().any(|f| f == id) {
            return;
        }
        let (how, how_zh) = match doc.functions {
            Some(_) => ("", ""),
            None => (
                "; this document's functions are derived, each named <client>:<capability>",
                "；此文档的功能是推导出来的，每个都命名为 <客户端>:<业务能力>",
            ),
        };
        let known = if ids.is_empty() {
            (
                " (it has none)".to_string(),
                "（它没有任何功能）".to_string(),
            )
        } else {
            let shown: Vec<String> = ids.iter().take(5).map(|f| format!("{f:?}")).collect();
            let more = if ids.len() > 5 { ", ..." } else { "" };
            (
                format!(" (it has {}{more})", shown.join(", ")),
                format!("（已有：{}{more}）", shown.join("、")),
            )
        };
        problems.push(Problem::in_both(
            path,
            format!("no function with id {id:?}{how}{}", known.0),
            format!("没有 ID 为 {id:?} 的功能{how_zh}{}", known.1),
        ));
    }
}
