//! Reading one goal (docs/spec/model.md §6): its `kind` says which fields it takes, so a
//! field of another kind is named as such, an unknown one as unknown, and a missing
//! one as missing. Ranges and references are [`crate::validate`]'s.

use serde_json::{Map, Value};

use super::Reader;
use crate::goals::{FailureUnit, Goal, GoalKind, Threshold, COMMON_GOAL_FIELDS, GOAL_KINDS};

impl Reader {
    /// `goals[i]`; `None` when any of its fields could not be read.
    pub(super) fn goal(&mut self, i: usize, v: &Value) -> Option<Goal> {
        let path = format!("goals[{i}]");
        let at = |f: &str| format!("{path}.{f}");
        let Value::Object(map) = v else {
            self.wrong_type(&path, super::AN_OBJECT, v);
            return None;
        };
        let name = self.required_string(at("kind"), map, "kind");
        let own = name.as_deref().and_then(GoalKind::fields_of);
        if let (Some(name), None) = (&name, own) {
            let names: Vec<&str> = GOAL_KINDS.iter().map(|(k, _)| *k).collect();
            self.problem(
                at("kind"),
                (
                    format!(
                        "unknown goal kind {name:?}; expected one of {}",
                        names.join(", ")
                    ),
                    format!(
                        "未知的目标类型 {name:?}；应为以下之一：{}",
                        names.join(", ")
                    ),
                ),
            );
        }
        self.goal_fields(&path, map, name.as_deref().zip(own));
        let id = map.get("id").and_then(|v| self.string(at("id"), v));
        let label = map.get("label").and_then(|v| self.string(at("label"), v));
        let extra = self.extra(at("extra"), map);
        let kind = match (name.as_deref(), own) {
            (Some(name), Some(_)) => self.goal_kind(&path, name, map),
            _ => None,
        };
        Some(Goal {
            id,
            label,
            kind: kind?,
            extra,
        })
    }

    /// Every key of the goal that its kind does not take: a field of another
    /// kind said so, anything else as an unknown field. With no known kind,
    /// only fields no kind takes are reported.
    fn goal_fields(
        &mut self,
        path: &str,
        map: &Map<String, Value>,
        kind: Option<(&str, &'static [&'static str])>,
    ) {
        let mut allowed: Vec<&'static str> = COMMON_GOAL_FIELDS.to_vec();
        allowed.extend(kind.map_or(&[][..], |(_, fields)| fields));
        for key in map.keys() {
            if allowed.contains(&key.as_str()) {
                continue;
            }
            let owners: Vec<&str> = GOAL_KINDS
                .iter()
                .filter(|(_, fields)| fields.contains(&key.as_str()))
                .map(|(k, _)| *k)
                .collect();
            match (kind, owners.is_empty()) {
                (_, true) => self.unknown_field(path, key, &allowed),
                (None, false) => {}
                (Some((name, _)), false) => self.problem(
                    format!("{path}.{key}"),
                    (
                        format!(
                            "does not apply to a goal of kind {name:?}: it is a field of {}",
                            owners.join(", ")
                        ),
                        format!(
                            "不适用于类型为 {name:?} 的目标：它是 {} 目标的字段",
                            owners.join("、")
                        ),
                    ),
                ),
            }
        }
    }

    /// The kind named `name` (a known one) with its own fields.
    fn goal_kind(&mut self, path: &str, name: &str, map: &Map<String, Value>) -> Option<GoalKind> {
        let at = |f: &str| format!("{path}.{f}");
        match name {
            "availability" => self.availability_goal(path, map),
            "survive" => {
                let failures = self
                    .required(&at("failures"), map, "failures")
                    .and_then(|v| self.whole(at("failures"), v));
                let of = self.required_string(at("of"), map, "of").and_then(|of| {
                    let unit = FailureUnit::from_name(&of);
                    if unit.is_none() {
                        let names: Vec<&str> =
                            FailureUnit::ALL.iter().map(|u| u.as_str()).collect();
                        self.problem(
                            at("of"),
                            (
                                format!(
                                    "unknown failure {of:?}; expected one of {}",
                                    names.join(", ")
                                ),
                                format!(
                                    "未知的故障单位 {of:?}；应为以下之一：{}",
                                    names.join(", ")
                                ),
                            ),
                        );
                    }
                    unit
                });
                let functions = match map.get("functions") {
                    None => Some(None),
                    Some(v) => self.strings(&at("functions"), v).map(Some),
                };
                Some(GoalKind::Survive {
                    failures: failures?,
                    of: of?,
                    functions: functions?,
                })
            }
            "no_spof" => Some(GoalKind::NoSpof),
            "max_sync_depth" => {
                let max = self
                    .required(&at("max"), map, "max")
                    .and_then(|v| self.whole(at("max"), v));
                Some(GoalKind::MaxSyncDepth { max: max? })
            }
            "no_shared_stores" => Some(GoalKind::NoSharedStores),
            "no_cycles" => Some(GoalKind::NoCycles),
            _ => {
                let max_cost = self
                    .required(&at("max_cost"), map, "max_cost")
                    .and_then(|v| self.number(at("max_cost"), v));
                Some(GoalKind::Budget {
                    max_cost: max_cost?,
                })
            }
        }
    }

    /// An availability goal: an optional function, and `min` or `nines`, exactly one.
    fn availability_goal(&mut self, path: &str, map: &Map<String, Value>) -> Option<GoalKind> {
        let at = |f: &str| format!("{path}.{f}");
        let function = match map.get("function") {
            None => Some(None),
            Some(v) => self.string(at("function"), v).map(Some),
        };
        let min = map.get("min").map(|v| self.number(at("min"), v));
        let nines = map.get("nines").map(|v| self.whole(at("nines"), v));
        let threshold = match (min, nines) {
            (Some(min), None) => min.map(Threshold::Min),
            (None, Some(nines)) => nines.map(Threshold::Nines),
            (Some(_), Some(_)) => {
                self.problem(
                    at("nines"),
                    (
                        "min is given too: give min or nines, not both".into(),
                        "已经给出了 min：min 和 nines 只能给出其一".into(),
                    ),
                );
                None
            }
            (None, None) => {
                self.problem(
                    at("min"),
                    (
                        "is required: an availability goal gives min (0 < min < 1) or nines (1 to 9)"
                            .into(),
                        "缺少此字段：可用性目标须给出 min（0 < min < 1）或 nines（1 到 9）".into(),
                    ),
                );
                None
            }
        };
        Some(GoalKind::Availability {
            function: function?,
            threshold: threshold?,
        })
    }
}
