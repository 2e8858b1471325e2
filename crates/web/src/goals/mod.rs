//! The goals panel (docs/spec/model.md §6, docs/spec/app.md "Goals, advice and
//! zones"): each goal of the document with a tick or a cross and its figure
//! beside its target; for an unmet survive goal a "Show me" that draws its
//! counterexample without changing the document; the warnings, each explained,
//! with its lesson and its nodes lit on hover. Goals are added, edited and
//! removed here, each change one undoable [`Action::Replace`].
//!
//! What "Show me" and a hovered warning show is a [`Preview`], owned by the app:
//! the canvas draws its document (the same nodes, some instances failed) and the
//! function rows light what it takes down, until it is hidden or the document
//! changes.

mod advice;
mod form;
pub(crate) mod words;

use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::effect::use_effect_with;

use crate::canvas::NodeFacts;
use crate::lang::{use_lang, Lang};
use crate::panel::Blast;
use form::{use_goal_form, GoalForm};
use topolab_editor::Action;
use topolab_engine::advise::{AdviceOption, OptionName};
use topolab_engine::analysis::{analyze, Analysis};
use topolab_engine::goals::{
    CheckReport, Counterexample, FailedSet, Goal, GoalReport, Warning, WarningKind,
};
use topolab_engine::Document;

/// What the diagram shows instead of the document for a while: a goal's
/// counterexample, or the nodes of a hovered warning.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// What it shows: `Goal(i)` or `Warning(i)`.
    pub source: PreviewSource,
    /// The document drawn instead (the counterexample's failures killed), if any.
    pub doc: Option<Rc<Document>>,
    /// How each of `doc`'s nodes is drawn.
    pub facts: Option<Rc<Vec<NodeFacts>>>,
    /// The nodes lit and the functions highlighted.
    pub blast: Blast,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreviewSource {
    Goal(usize),
    Warning(usize),
    /// An option of the advice, by name.
    Advice(OptionName),
    /// A cut set of the weakest links, by index.
    CutSet(usize),
}

impl Preview {
    /// `doc` with the counterexample's failures killed, analysed: what it takes down.
    pub fn counterexample(index: usize, doc: &Document, cx: &Counterexample) -> Preview {
        let failed = failed_doc(doc, &cx.failed);
        let analysis = analyze(&failed);
        let facts = analysis
            .nodes
            .iter()
            .zip(&failed.nodes)
            .map(|(n, node)| NodeFacts::of(&failed, node, n.status(), false))
            .collect();
        let down = analysis
            .nodes
            .iter()
            .filter(|n| !n.alive)
            .map(|n| n.id.clone())
            .collect();
        Preview {
            source: PreviewSource::Goal(index),
            doc: Some(Rc::new(failed)),
            facts: Some(Rc::new(facts)),
            blast: Blast {
                nodes: Rc::new(down),
                functions: Rc::new(cx.down.clone()),
                ..Blast::default()
            },
        }
    }

    /// The nodes of warning `index` lit on the document as it is.
    pub fn warning(index: usize, warning: &Warning) -> Preview {
        Preview::lit(PreviewSource::Warning(index), &warning.nodes)
    }

    /// `nodes` lit on the document as it is.
    pub fn lit(source: PreviewSource, nodes: &[String]) -> Preview {
        Preview {
            source,
            doc: None,
            facts: None,
            blast: Blast {
                nodes: Rc::new(nodes.iter().cloned().collect::<HashSet<_>>()),
                ..Blast::default()
            },
        }
    }

    /// `doc` with an advice option applied, like a diff: its new instances drawn
    /// as added and the nodes it changes lit.
    pub fn change(doc: &Document, option: &AdviceOption) -> Preview {
        let changed = option.apply(doc);
        let analysis = analyze(&changed);
        let facts = doc
            .nodes
            .iter()
            .zip(&analysis.nodes)
            .map(|(before, n)| NodeFacts {
                added_from: option
                    .add
                    .iter()
                    .any(|a| a.node == before.id)
                    .then(|| before.replicas()),
                ..NodeFacts::of(&changed, before, n.status(), n.spof)
            })
            .collect();
        let lit: Vec<String> = option.add.iter().map(|a| a.node.clone()).collect();
        Preview {
            doc: Some(Rc::new(changed)),
            facts: Some(Rc::new(facts)),
            ..Preview::lit(PreviewSource::Advice(option.name), &lit)
        }
    }
}

/// The value a form control shows now: an `<input>`'s or a `<select>`'s.
pub(crate) fn control_value(element: web_sys::Element) -> Option<String> {
    use wasm_bindgen::JsCast;
    match element.dyn_into::<web_sys::HtmlInputElement>() {
        Ok(input) => Some(input.value()),
        Err(element) => element
            .dyn_into::<web_sys::HtmlSelectElement>()
            .ok()
            .map(|select| select.value()),
    }
}

/// The value the control `selector` inside `root` shows now.
pub(crate) fn shown_value(root: &web_sys::Element, selector: &str) -> Option<String> {
    control_value(root.query_selector(selector).ok().flatten()?)
}

/// `doc` with every instance of a failed set killed.
fn failed_doc(doc: &Document, failed: &FailedSet) -> Document {
    let mut out = doc.clone();
    let mut kill = |id: &str, index: Option<u32>| {
        if let Some(node) = out.nodes.iter_mut().find(|n| n.id == id) {
            let all: Vec<u32> = match index {
                Some(i) => vec![i],
                None => (0..node.replicas()).collect(),
            };
            for i in all {
                if !node.killed.contains(&i) {
                    node.killed.push(i);
                }
            }
            topolab_engine::sorting::sort(&mut node.killed);
        }
    };
    match failed {
        FailedSet::Instances(pairs) => pairs.iter().for_each(|(id, i)| kill(id, Some(*i))),
        FailedSet::Nodes(ids) => ids.iter().for_each(|id| kill(id, None)),
        FailedSet::Zones(_) => {}
    }
    out
}

#[derive(Properties, PartialEq)]
pub struct GoalsProps {
    pub doc: Rc<Document>,
    pub analysis: Rc<Analysis>,
    pub report: Rc<CheckReport>,
    /// The preview shown, if any.
    pub preview: Option<Rc<Preview>>,
    pub on_preview: Callback<Option<Rc<Preview>>>,
    /// Opens a lesson by id.
    pub on_lesson: Callback<&'static str>,
    pub dispatch: Callback<Action>,
    /// Goals are shown, not changed (a read-only page).
    #[prop_or_default]
    pub readonly: bool,
    /// The document's version: advice asked of an older one is said to be stale.
    pub topology_rev: u64,
}

/// The goals and the warnings of the document.
#[function_component]
pub fn GoalsPanel(props: &GoalsProps) -> Html {
    let lang = use_lang();
    // The goal being edited (`Some(len)`: a new one), if any.
    let editing = use_state(|| None::<usize>);
    let all_warnings = use_state(|| false);
    let goal_form = use_goal_form();
    let advice = advice::use_advice(&props.doc, &props.report.goals);
    let report = &props.report;
    let met = report.goals.iter().filter(|g| g.met).count();
    let rows = props
        .doc
        .goals
        .iter()
        .zip(&report.goals)
        .enumerate()
        .map(|(i, (goal, verdict))| {
            goal_row(props, i, goal, verdict, (&editing, &goal_form), lang)
        });
    let save = {
        let (doc, dispatch, editing) = (props.doc.clone(), props.dispatch.clone(), editing.clone());
        Callback::from(move |goal: Goal| {
            let mut next = (*doc).clone();
            match *editing {
                Some(i) if i < next.goals.len() => next.goals[i] = goal,
                _ => next.goals.push(goal),
            }
            dispatch.emit(Action::Replace(Rc::new(next)));
            editing.set(None);
        })
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |()| editing.set(None))
    };
    let form = editing.map(|i| {
        let initial = props.doc.goals.get(i).cloned();
        goal_form.view(&props.analysis, initial, save, cancel, lang)
    });
    let add = {
        let (editing, goal_form, len) = (editing.clone(), goal_form.clone(), props.doc.goals.len());
        Callback::from(move |_: MouseEvent| {
            goal_form.open(None);
            editing.set(Some(len));
        })
    };
    html! {
        <section class="goals" data-goals="" aria-labelledby="goals-heading">
            <h2 id="goals-heading">{ words::GOALS.get(lang) }
                if !report.goals.is_empty() {
                    <span class="goals-count" data-goals-met={report.met.to_string()}>
                        { format!(" {met}/{}", report.goals.len()) }
                    </span>
                }
            </h2>
            if report.met && !report.goals.is_empty() {
                <p class="goals-all-met" role="status" data-goals-all-met="">{ "✓ " }{ words::ALL_MET.get(lang) }</p>
            }
            if props.doc.goals.is_empty() && form.is_none() {
                <p class="note">{ words::NO_GOALS.get(lang) }</p>
            }
            <ul class="goal-list">{ for rows }</ul>
            { form.unwrap_or_default() }
            if !props.readonly && editing.is_none() {
                <button type="button" class="goal-add" data-goal-add="" onclick={add}>
                    { "+ " }{ words::ADD.get(lang) }
                </button>
            }
            { advice.view(props, lang) }
            { warnings_view(props, &all_warnings, lang) }
        </section>
    }
}

/// One goal: its mark and verdict in words, what it asks, its figure, and its buttons.
fn goal_row(
    props: &GoalsProps,
    i: usize,
    goal: &Goal,
    verdict: &GoalReport,
    (editing, goal_form): (&UseStateHandle<Option<usize>>, &GoalForm),
    lang: Lang,
) -> Html {
    let (mark, word) = if verdict.met {
        ("✓", words::MET.get(lang))
    } else if verdict.unchecked {
        ("?", words::UNCHECKED.get(lang))
    } else {
        ("✕", words::NOT_MET.get(lang))
    };
    let figure = words::goal_figure(goal, verdict, lang);
    let showing = matches!(props.preview.as_deref(), Some(p) if p.source == PreviewSource::Goal(i));
    let show = verdict.counterexample.as_ref().map(|cx| {
        let text = words::counterexample_text(cx, &props.doc, &props.analysis, lang);
        let (doc, on_preview, cx) = (props.doc.clone(), props.on_preview.clone(), cx.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            on_preview.emit((!showing).then(|| Rc::new(Preview::counterexample(i, &doc, &cx))));
        });
        html! {
            <>
                <button type="button" class="goal-show" data-goal-show="" aria-pressed={showing.to_string()} {onclick}>
                    { if showing { words::HIDE.get(lang) } else { words::SHOW_ME.get(lang) } }
                </button>
                if showing { <p class="goal-counterexample" data-counterexample="">{ text }</p> }
            </>
        }
    });
    let edit = {
        let (editing, goal_form, goal) = (editing.clone(), goal_form.clone(), goal.clone());
        Callback::from(move |_: MouseEvent| {
            goal_form.open(Some(&goal));
            editing.set(Some(i));
        })
    };
    let remove = {
        let (doc, dispatch) = (props.doc.clone(), props.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = (*doc).clone();
            if i < next.goals.len() {
                next.goals.remove(i);
                dispatch.emit(Action::Replace(Rc::new(next)));
            }
        })
    };
    html! {
        <li class={classes!("goal", if verdict.met { "met" } else { "unmet" })}
            data-goal-index={i.to_string()} data-met={verdict.met.to_string()}>
            <span class="goal-mark" aria-hidden="true">{ mark }</span>
            <span class="goal-verdict">{ word }</span>
            <span class="goal-text">{ words::goal_text(goal, &props.analysis, lang) }</span>
            if let Some(figure) = figure { <span class="goal-figure" data-goal-figure="">{ figure }</span> }
            { show.unwrap_or_default() }
            if verdict.unchecked {
                <p class="note" data-goal-unchecked="">{ words::UNCHECKED_WHY.get(lang) }</p>
            }
            if !props.readonly {
                <span class="goal-actions">
                    <button type="button" data-goal-edit="" onclick={edit}>{ words::EDIT.get(lang) }</button>
                    <button type="button" data-goal-remove="" onclick={remove}>{ words::REMOVE.get(lang) }</button>
                </span>
            }
        </li>
    }
}

/// The warnings, each with its explanation and lesson; hovering or focusing
/// one lights its nodes.
fn warnings_view(props: &GoalsProps, all: &UseStateHandle<bool>, lang: Lang) -> Html {
    let shown = shown_warnings(&props.report.warnings, **all);
    let hidden = props.report.warnings.len() - shown.len();
    let items = shown.into_iter().map(|(i, w)| {
        let nodes = w.nodes.join(" ");
        let names = w
            .nodes
            .iter()
            .map(|id| words::node_name(id, &props.doc))
            .collect::<Vec<_>>()
            .join(if lang == Lang::En { ", " } else { "、" });
        let light = {
            let (on_preview, w) = (props.on_preview.clone(), w.clone());
            Callback::from(move |()| on_preview.emit(Some(Rc::new(Preview::warning(i, &w)))))
        };
        let unlight = props.on_preview.reform(|()| None);
        let lesson = words::warning_lesson(w.kind).map(|id| {
            let on_lesson = props.on_lesson.clone();
            let onclick = Callback::from(move |_: MouseEvent| on_lesson.emit(id));
            html! {
                <button type="button" class="link-button" data-warning-lesson={id} {onclick}>
                    { words::LESSON.get(lang) }{ " →" }
                </button>
            }
        });
        html! {
            <li class="warning" data-warning={w.kind.as_str()} data-nodes={nodes}
                onmouseenter={light.reform(|_| ())} onfocusin={light.reform(|_| ())}
                onmouseleave={unlight.reform(|_| ())} onfocusout={unlight.reform(|_| ())}>
                <details>
                    <summary>
                        <strong>{ words::warning_title(w.kind, lang) }</strong>{ if lang == Lang::En { ": " } else { "：" } }
                        <span class="warning-nodes">{ names }</span>
                    </summary>
                    <p>{ words::warning_explanation(w.kind, lang) }</p>
                    { lesson.unwrap_or_default() }
                </details>
            </li>
        }
    });
    html! {
        <div class="warnings">
            <h3>{ words::WARNINGS.get(lang) }</h3>
            if props.report.warnings.is_empty() {
                <p class="note">{ words::NO_WARNINGS.get(lang) }</p>
            } else {
                <ul class="warning-list">{ for items }</ul>
            }
            if hidden > 0 {
                <button type="button" class="link-button" data-warnings-all=""
                    onclick={let all = all.clone(); move |_: MouseEvent| all.set(true)}>
                    { words::show_other_warnings(hidden, lang) }
                </button>
            }
        </div>
    }
}

/// Up to this many warnings are all listed; past it, the first few of each kind
/// until the reader asks for the rest: a big diagram can have thousands (a deep
/// chain behind each of 2,000 functions), more than anyone reads and a page's
/// worth of markup to draw.
const WARNINGS_LISTED: usize = 20;
const WARNINGS_SHOWN_OF_A_KIND: usize = 5;

/// The warnings to list, with their indices: all of them, or the first few of
/// each kind.
fn shown_warnings(warnings: &[Warning], all: bool) -> Vec<(usize, &Warning)> {
    let all = all || warnings.len() <= WARNINGS_LISTED;
    let mut seen: Vec<(WarningKind, usize)> = Vec::new();
    let mut keep = |kind: WarningKind| match seen.iter_mut().find(|(k, _)| *k == kind) {
        Some((_, n)) => {
            *n += 1;
            *n <= WARNINGS_SHOWN_OF_A_KIND
        }
        None => {
            seen.push((kind, 1));
            true
        }
    };
    warnings
        .iter()
        .enumerate()
        .filter(|(_, w)| all || keep(w.kind))
        .collect()
}

/// The check of the document (`None` until the side column is painted: the
/// diagram shows first), and the preview shown with its setter; the preview
/// goes when the document changes.
#[hook]
pub fn use_goals(
    doc: &Rc<Document>,
    analysis: &Rc<Analysis>,
    topology_rev: u64,
    painted: bool,
) -> Goals {
    let report = use_memo((topology_rev, painted), {
        let (doc, analysis) = (doc.clone(), analysis.clone());
        move |&(_, painted)| {
            painted.then(|| Rc::new(topolab_engine::goals::check_with(&doc, &analysis)))
        }
    });
    let preview = use_state(|| None::<Rc<Preview>>);
    let set = {
        let setter = preview.setter();
        use_memo((), move |_| Callback::from(move |p| setter.set(p)))
    };
    {
        let set = set.clone();
        use_effect_with(topology_rev, move |_| set.emit(None));
    }
    Goals {
        topology_rev,
        report: (*report).clone(),
        preview: (*preview).clone(),
        on_preview: (*set).clone(),
    }
}

/// What [`use_goals`] gives the app.
pub struct Goals {
    pub topology_rev: u64,
    pub report: Option<Rc<CheckReport>>,
    pub preview: Option<Rc<Preview>>,
    pub on_preview: Callback<Option<Rc<Preview>>>,
}

impl Goals {
    /// The goals in a line, read-only (an embed's strip): mark, verdict, goal.
    pub fn strip(&self, doc: &Document, analysis: &Analysis, lang: Lang) -> Html {
        let Some(report) = self.report.as_deref().filter(|_| !doc.goals.is_empty()) else {
            return Html::default();
        };
        let items = doc
            .goals
            .iter()
            .zip(&report.goals)
            .enumerate()
            .map(|(i, (g, r))| {
                let (mark, word) = if r.met {
                    ("✓", words::MET.get(lang))
                } else {
                    ("✕", words::NOT_MET.get(lang))
                };
                html! {
                    <li class={classes!("embed-goal", if r.met { "met" } else { "unmet" })}
                        data-goal-index={i.to_string()} data-met={r.met.to_string()}>
                        <span class="goal-mark" aria-hidden="true">{ mark }</span>
                        <span class="visually-hidden">{ word }{ ": " }</span>
                        { words::goal_text(g, analysis, lang) }
                    </li>
                }
            });
        html! { <ul class="embed-goals" aria-label={words::GOALS.get(lang)}>{ for items }</ul> }
    }

    /// The panel, once the check is there.
    pub fn panel(
        &self,
        doc: &Rc<Document>,
        analysis: &Rc<Analysis>,
        lessons: &crate::lessons::Lessons,
        dispatch: &Callback<Action>,
        readonly: bool,
    ) -> Html {
        let on_lesson = lessons.open_lesson();
        let Some(report) = self.report.clone() else {
            return Html::default();
        };
        html! {
            <GoalsPanel doc={doc.clone()} analysis={analysis.clone()} {report}
                        preview={self.preview.clone()} on_preview={self.on_preview.clone()}
                        {on_lesson} dispatch={dispatch.clone()} {readonly}
                        topology_rev={self.topology_rev} />
        }
    }

    /// What the canvas draws and the panel highlights: the preview's document,
    /// facts and lit nodes while one is shown, else those given.
    pub fn shown(
        &self,
        doc: &Rc<Document>,
        facts: Rc<Vec<NodeFacts>>,
        blast: Rc<Blast>,
    ) -> (Rc<Document>, Rc<Vec<NodeFacts>>, Rc<Blast>) {
        match self.preview.as_deref() {
            Some(p) => (
                p.doc.clone().unwrap_or_else(|| doc.clone()),
                p.facts.clone().unwrap_or(facts),
                Rc::new(p.blast.clone()),
            ),
            None => (doc.clone(), facts, blast),
        }
    }
}
