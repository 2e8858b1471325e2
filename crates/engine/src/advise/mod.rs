//! Advice (docs/spec/model.md §7, `topolab advise`): what it would take to meet
//! availability targets by adding instances to nodes, which targets no such
//! change can meet and why, which nodes matter most, and which small sets of
//! nodes take a function down.
//!
//! Code map: `model` is the document as advice sees it (what may change, at
//! what cost, each node's odds with more instances) over the figures compiled
//! once by `analysis::what_if`; `problem` turns the unmet targets into goals
//! and variables; `objective` compares changes; `greedy` finds a first good
//! change, `bound` bounds what is still needed and `search` proves the best
//! one (or, out of steps, keeps the best found); `importance` and `cut_sets`
//! are the other two lists; `zones` gives `limited_by_zones`; `report` holds the output types.

mod bound;
mod cut_sets;
mod greedy;
mod importance;
mod model;
mod objective;
mod problem;
mod report;
mod search;
mod zones;

pub use report::{
    Added, Advice, AdviceOption, CutSet, CutSets, Importance, NodeImportance, OptionName,
    SearchMethod, TargetReport, TargetValue, Unreachable,
};

use crate::analysis::what_if::{Gradient, Request, WhatIf};
use crate::analysis::{analyze, effective_functions, Method, Options};
use crate::document::Document;
use crate::goals::{meets, GoalKind, AVAILABILITY_TOLERANCE};
use model::{Change, Evaluator, Model};
use objective::Objective;
use problem::{Goal, Problem};

/// The system's name wherever a function id goes (docs/spec/model.md §7).
pub const SYSTEM: &str = "all";

/// An availability target: a function (`None`: the system's `all`) and the
/// least availability it must have, `0 < min < 1`.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub function: Option<String>,
    pub min: f64,
}

impl Target {
    /// The name the output gives it: the function's id, or `all`.
    pub fn name(&self) -> &str {
        self.function.as_deref().unwrap_or(SYSTEM)
    }
}

/// The document's `availability` goals as targets, in goal order
/// (docs/spec/model.md §6, §7): what `topolab advise` aims at without `--goal`.
pub fn targets_from_goals(doc: &Document) -> Vec<Target> {
    doc.goals
        .iter()
        .filter_map(|goal| match &goal.kind {
            GoalKind::Availability {
                function,
                threshold,
            } => Some(Target {
                function: function.clone(),
                min: threshold.min(),
            }),
            _ => None,
        })
        .collect()
}

/// Knobs of advice; [`Settings::default`] is what [`advise`] uses.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Steps each option's exact search may take (BDD nodes and circuit gates
    /// evaluated, plus children considered) before it settles for the best
    /// change found; 0 keeps the greedy change.
    pub search_steps: u64,
    /// The budgets of the exact figures.
    pub analysis: Options,
}

impl Default for Settings {
    fn default() -> Settings {
        let analysis = Options::default();
        Settings {
            search_steps: 200_000_000,
            analysis: Options {
                bdd_node_budget: 4 * analysis.bdd_node_budget,
                all_work_budget: 4 * analysis.all_work_budget,
                ..analysis
            },
        }
    }
}

/// The advice for `doc` and `targets` (docs/spec/model.md §7) with the default
/// [`Settings`]. A target naming no function of the document is one that
/// never works. The document is assumed valid; an invalid one gives some
/// answer, never a panic.
pub fn advise(doc: &Document, targets: &[Target]) -> Advice {
    advise_with(doc, targets, &Settings::default())
}

/// [`advise`] with explicit [`Settings`].
pub fn advise_with(doc: &Document, targets: &[Target], settings: &Settings) -> Advice {
    let (requests, program_of) = requests(doc, targets);
    let Ok(what_if) = WhatIf::new(doc, &requests, &settings.analysis) else {
        return sampled(doc, targets);
    };
    let model = Model::new(doc, what_if);
    let mut ev = Evaluator::new(&model);
    let base = gradients(&model, &mut ev, &[]);
    let best = gradients(&model, &mut ev, &model.best_change());
    let report: Vec<TargetReport> = targets
        .iter()
        .zip(&program_of)
        .map(|(t, &p)| TargetReport {
            function: t.name().to_string(),
            min: t.min,
            value: base[p].value,
            met: meets(base[p].value, t.min),
        })
        .collect();
    let unreachable = unreachable(doc, &model, (targets, &program_of), &best);
    let unmet = report.iter().any(|t| !t.met);
    let options = match unmet && unreachable.is_empty() {
        true => {
            let goals = goals(targets, &program_of, &requests, &base);
            let gradients = (goals, &base[..], &best[..]);
            options(
                doc,
                &model,
                &mut ev,
                (targets, &program_of),
                gradients,
                settings,
            )
        }
        false => Vec::new(),
    };
    let firsts = first_of_each(&program_of);
    Advice {
        importance: firsts
            .iter()
            .map(|&i| Importance {
                function: targets[i].name().to_string(),
                nodes: importance::importance(doc, &model, &base[program_of[i]]),
            })
            .collect(),
        cut_sets: firsts
            .iter()
            .map(|&i| CutSets {
                function: targets[i].name().to_string(),
                sets: cut_sets::cut_sets(doc, &model, &model.what_if.programs[program_of[i]]),
            })
            .collect(),
        targets: report,
        options,
        unreachable,
        method: None,
    }
}

/// The targets no change meets: those `best` (every gradient at the best
/// change) leaves short.
fn unreachable(
    doc: &Document,
    model: &Model,
    (targets, program_of): (&[Target], &[usize]),
    best: &[Gradient],
) -> Vec<Unreachable> {
    targets
        .iter()
        .zip(program_of)
        .filter(|&(t, &p)| !meets(best[p].value, t.min))
        .map(|(t, &p)| Unreachable {
            function: t.name().to_string(),
            best: best[p].value,
            limited_by: importance::limited_by(doc, model, &best[p]),
            limited_by_zones: zones::limited_by_zones(doc, model, &model.what_if.programs[p]),
        })
        .collect()
}

/// The distinct figures the targets ask for, and each target's index among them.
fn requests(doc: &Document, targets: &[Target]) -> (Vec<Request>, Vec<usize>) {
    let functions = effective_functions(doc);
    let mut requests: Vec<Request> = Vec::new();
    let program_of = targets
        .iter()
        .map(|t| {
            let request = match &t.function {
                None => Request::All,
                Some(id) => Request::Function(
                    functions
                        .iter()
                        .position(|f| &f.id == id)
                        .unwrap_or(usize::MAX),
                ),
            };
            match requests.iter().position(|&r| r == request) {
                Some(p) => p,
                None => {
                    requests.push(request);
                    requests.len() - 1
                }
            }
        })
        .collect();
    (requests, program_of)
}

/// The first target of each distinct figure, in target order.
fn first_of_each(program_of: &[usize]) -> Vec<usize> {
    (0..program_of.len())
        .filter(|&i| !program_of[..i].contains(&program_of[i]))
        .collect()
}

/// Every program's gradient with `change` made.
fn gradients(model: &Model, ev: &mut Evaluator, change: &Change) -> Vec<Gradient> {
    ev.set(model, change);
    model
        .what_if
        .programs
        .iter()
        .map(|program| {
            let mut g = Gradient::default();
            ev.gradient(program, &mut g);
            g
        })
        .collect()
}

/// The goals of the search: one per distinct figure not met yet, its
/// largest minimum less the tolerance of [`meets`]. A function's goal that
/// `all`'s goal asks as much of is left out: P(f works) >= P(all work).
fn goals(
    targets: &[Target],
    program_of: &[usize],
    requests: &[Request],
    base: &[Gradient],
) -> Vec<Goal> {
    let mut goals: Vec<Goal> = Vec::new();
    for (t, &program) in targets.iter().zip(program_of) {
        let min = t.min - AVAILABILITY_TOLERANCE;
        match goals.iter_mut().find(|g| g.program == program) {
            Some(goal) => goal.min = goal.min.max(min),
            None => goals.push(Goal { program, min }),
        }
    }
    goals.retain(|g| base[g.program].value < g.min);
    let all = goals
        .iter()
        .find(|g| requests[g.program] == Request::All)
        .map(|g| g.min);
    if let Some(all) = all {
        goals.retain(|g| requests[g.program] == Request::All || g.min > all);
    }
    goals
}

/// `cheapest` and `fewest_nodes`: greedy changes first, then the exact search.
fn options(
    doc: &Document,
    model: &Model,
    ev: &mut Evaluator,
    (targets, program_of): (&[Target], &[usize]),
    (goals, base, best): (Vec<Goal>, &[Gradient], &[Gradient]),
    settings: &Settings,
) -> Vec<AdviceOption> {
    let pick = |gradients: &[Gradient]| -> Vec<Gradient> {
        goals.iter().map(|g| gradients[g.program].clone()).collect()
    };
    let problem = Problem::new(model, goals.clone(), &pick(base), &pick(best));
    let incumbents: Vec<Vec<(usize, u32)>> = [
        greedy::cheapest(&problem, model, ev),
        greedy::fewest_nodes(&problem, model, ev),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut options = Vec::new();
    for (objective, name) in [
        (Objective::Cheapest, OptionName::Cheapest),
        (Objective::FewestNodes, OptionName::FewestNodes),
    ] {
        let found = search::search(
            &problem,
            model,
            ev,
            objective,
            &incumbents,
            settings.search_steps,
        );
        let Some(found) = found else { continue };
        let mut change = problem.change(&found.change);
        crate::sorting::sort(&mut change);
        ev.set(model, &change);
        let values = targets
            .iter()
            .zip(program_of)
            .map(|(t, &p)| TargetValue {
                function: t.name().to_string(),
                value: ev.value(&model.what_if.programs[p]),
            })
            .collect();
        options.push(AdviceOption {
            name,
            add: change
                .iter()
                .map(|&(v, d)| Added {
                    node: doc.nodes[v].id.clone(),
                    instances: d,
                })
                .collect(),
            cost: model.cost(&change),
            values,
            method: (!found.exact).then_some(SearchMethod::Heuristic),
        });
    }
    options
}

/// The advice for a document too big to evaluate exactly: the targets with the
/// figures `topolab analyze` reports, nothing else.
fn sampled(doc: &Document, targets: &[Target]) -> Advice {
    let analysis = analyze(doc);
    let value = |t: &Target| match &t.function {
        None => analysis.system.all,
        Some(id) => analysis.function(id).map_or(0.0, |f| f.availability),
    };
    Advice {
        targets: targets
            .iter()
            .map(|t| TargetReport {
                function: t.name().to_string(),
                min: t.min,
                value: value(t),
                met: meets(value(t), t.min),
            })
            .collect(),
        options: Vec::new(),
        unreachable: Vec::new(),
        importance: Vec::new(),
        cut_sets: Vec::new(),
        method: Some(Method::MonteCarlo),
    }
}
