//! Walking the lessons: where Next and Previous lead, which steps
//! are remembered as done, what a teacher's `?lesson=<id>&step=<n>` opens, and
//! the editor action behind "do it for me".

use topolab_editor::teach::{lesson, Progress, Task, LESSONS};
use topolab_editor::{Action, EditorState};
use topolab_engine::i18n::Lang;
use topolab_engine::presets::labels;
use topolab_engine::Document;

fn ids_and_steps(p: &Progress) -> (&'static str, usize) {
    (p.lesson().id, p.index())
}

fn every_step_in_order() -> Vec<(&'static str, usize)> {
    LESSONS
        .iter()
        .flat_map(|l| (0..l.steps.len()).map(move |i| (l.id, i)))
        .collect()
}

// --- Next and previous ---

#[test]
fn a_lesson_opens_at_its_first_step_with_nothing_done() {
    let p = Progress::start("cluster").expect("the cluster lesson");
    assert_eq!(ids_and_steps(&p), ("cluster", 0));
    assert_eq!(p.number(), 1);
    assert_eq!(p.count(), lesson("cluster").expect("cluster").steps.len());
    assert!(p.is_first_step() && !p.is_last_step());
    assert!((0..p.count()).all(|i| !p.is_done(i)));
    assert_eq!(p.step(), &lesson("cluster").expect("cluster").steps[0]);
}

#[test]
fn there_is_no_progress_in_a_lesson_that_does_not_exist() {
    assert_eq!(Progress::start("kubernetes"), None);
    assert_eq!(Progress::at("", 0), None);
}

#[test]
fn next_walks_every_step_of_every_lesson_in_order_then_stops() {
    let mut p = Progress::start(LESSONS[0].id).expect("the first lesson");
    let mut seen = vec![ids_and_steps(&p)];
    while let Some(next) = p.next() {
        p = next;
        seen.push(ids_and_steps(&p));
    }
    assert_eq!(seen, every_step_in_order());
    assert!(p.is_last_step());
    assert_eq!(p.lesson().id, LESSONS[LESSONS.len() - 1].id);
}

#[test]
fn previous_walks_back_the_same_way_and_stops_at_the_first_step_of_the_first_lesson() {
    let last = &LESSONS[LESSONS.len() - 1];
    let mut p = Progress::at(last.id, usize::MAX).expect("the last lesson");
    let mut seen = vec![ids_and_steps(&p)];
    while let Some(previous) = p.previous() {
        p = previous;
        seen.push(ids_and_steps(&p));
    }
    seen.reverse();
    assert_eq!(seen, every_step_in_order());
    assert_eq!(ids_and_steps(&p), (LESSONS[0].id, 0));
}

#[test]
fn next_from_a_lesson_s_last_step_opens_the_next_lesson_at_its_first_step() {
    let mut p = Progress::at("cluster", usize::MAX).expect("cluster");
    assert!(p.is_last_step());
    p.mark_done();
    let next = p.next().expect("a lesson follows");
    assert_eq!(ids_and_steps(&next), (LESSONS[1].id, 0));
    assert_eq!(next.lesson_index(), 1);
    assert!(
        (0..next.count()).all(|i| !next.is_done(i)),
        "a fresh lesson"
    );
    let back = next.previous().expect("back to the cluster");
    assert_eq!(ids_and_steps(&back), ("cluster", p.count() - 1));
}

#[test]
fn a_step_past_the_end_is_the_lesson_s_last() {
    let p = Progress::at("queue", 99).expect("queue");
    assert_eq!(p.index(), lesson("queue").expect("queue").steps.len() - 1);
}

// --- Done, step by step ---

#[test]
fn a_step_s_task_is_remembered_as_done_once_while_moving_within_the_lesson() {
    let mut p = Progress::start("quorum").expect("quorum");
    let mut p1 = p.next().expect("step 2");
    assert!(p1.mark_done(), "newly done");
    assert!(!p1.mark_done(), "already done");
    p = p1.next().expect("step 3");
    assert!(p.is_done(1) && !p.is_done(0) && !p.is_done(2));
    let back = p.previous().expect("step 2 again");
    assert!(back.is_done(1), "kept on the way back");
    assert!(!back.is_done(99), "no such step");
}

// --- The address ---

#[test]
fn an_address_step_counts_from_one_and_bad_numbers_open_the_first_or_last() {
    let at = |id: &str, step: Option<&str>| Progress::from_address(id, step).map(|p| p.index());
    let last = lesson("queue").expect("queue").steps.len() - 1;
    assert_eq!(at("queue", Some("3")), Some(2));
    assert_eq!(at("queue", Some(" 2 ")), Some(1));
    assert_eq!(at("queue", Some("1")), Some(0));
    assert_eq!(at("queue", None), Some(0));
    assert_eq!(at("queue", Some("0")), Some(0));
    assert_eq!(at("queue", Some("-4")), Some(0));
    assert_eq!(at("queue", Some("two")), Some(0));
    assert_eq!(at("queue", Some("")), Some(0));
    assert_eq!(at("queue", Some("99")), Some(last));
    assert_eq!(at("queue", Some("99999999999999999999999")), Some(0));
    assert_eq!(at(" queue ", Some("2")), Some(1));
    assert_eq!(at("Queue", Some("2")), None, "ids are exact");
    assert_eq!(at("<script>", Some("1")), None);
}

// --- Do it for me ---

fn step_documents() -> impl Iterator<Item = (String, Task, Lang, Document)> {
    LESSONS.iter().flat_map(|l| {
        l.steps.iter().enumerate().flat_map(move |(i, s)| {
            Lang::ALL.into_iter().filter_map(move |lang| {
                let doc = s.document_in(lang).expect("the step's diagram loads");
                s.task
                    .map(|task| (format!("{} step {i} ({lang:?})", l.id), task, lang, doc))
            })
        })
    })
}

#[test]
fn every_do_it_for_me_action_meets_its_task_in_one_undoable_step() {
    for (what, task, lang, doc) in step_documents() {
        let action = task
            .action(&doc, lang)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let before = EditorState::new(doc);
        let after = before.apply(action);
        assert!(task.done(after.doc()), "{what}: not done");
        assert!(after.can_undo(), "{what}: not undoable");
        assert!(!task.done(after.apply(Action::Undo).doc()), "{what}: undo");
    }
}

#[test]
fn do_it_for_me_kills_through_the_kill_actions_so_the_view_and_selection_stay() {
    for (what, task, lang, doc) in step_documents() {
        let (Task::Kill { node, .. } | Task::KillNode { node, .. } | Task::Revive { node, .. }) =
            task
        else {
            continue;
        };
        let before = EditorState::new(doc).apply(Action::Select(topolab_editor::Selection::node(
            node.to_string(),
        )));
        let after = before.apply(task.action(before.doc(), lang).expect("an action"));
        assert_eq!(after.load_count(), 0, "{what}: the view was fitted again");
        assert_eq!(after.selection, before.selection, "{what}: selection lost");
    }
}

#[test]
fn do_it_for_me_takes_a_zone_down_through_its_kill_switch_action() {
    let mut zone_steps = 0;
    for (what, task, lang, doc) in step_documents() {
        let Task::KillZone { zone, .. } = task else {
            continue;
        };
        zone_steps += 1;
        let selected = doc.nodes.last().expect("a node").id.clone();
        let before =
            EditorState::new(doc).apply(Action::Select(topolab_editor::Selection::node(selected)));
        let action = task.action(before.doc(), lang).expect("an action");
        assert_eq!(
            action,
            Action::SetZoneDown {
                id: zone.to_string(),
                down: true
            },
            "{what}"
        );
        let after = before.apply(action);
        assert_eq!(after.load_count(), 0, "{what}: the view was fitted again");
        assert_eq!(after.selection, before.selection, "{what}: selection lost");
        assert_ne!(after.topology_rev(), before.topology_rev(), "{what}");
    }
    assert_eq!(zone_steps, 8, "four zone kills, in two languages");
}

#[test]
fn do_it_for_me_keeps_the_diagram_in_the_reader_s_language() {
    for (what, task, lang, doc) in step_documents() {
        let action = task.action(&doc, lang).expect("an action");
        let after = EditorState::new(doc).apply(action);
        for node in &after.doc().nodes {
            let label = node.label();
            if let Some(known) = labels::LABELS
                .iter()
                .find(|t| t.en == label || t.zh == label)
            {
                assert_eq!(label, known.get(lang), "{what}: {}", node.id);
            }
        }
        for zone in &after.doc().zones {
            if let Some(known) = labels::label(zone.label())
                .or_else(|| labels::LABELS.iter().find(|t| t.zh == zone.label()))
            {
                assert_eq!(zone.label(), known.get(lang), "{what}: zone {}", zone.id);
            }
        }
        if let Task::Open { preset } = task {
            let title = topolab_engine::presets::preset(preset)
                .expect("the preset")
                .title()
                .get(lang);
            assert_eq!(after.doc().title.as_deref(), Some(title), "{what}");
        }
    }
}

#[test]
fn do_it_for_me_on_a_diagram_without_its_target_is_refused_with_a_reason() {
    let empty = Document::default();
    for (what, task, lang, _) in step_documents() {
        if let Task::Open { .. } = task {
            continue; // opening a preset needs nothing of the diagram
        }
        let why = task
            .action(&empty, lang)
            .err()
            .unwrap_or_else(|| panic!("{what}: accepted"));
        assert!(!why.is_empty(), "{what}");
    }
}

#[test]
fn a_lesson_s_split_names_its_new_service_and_database_in_the_reader_s_language() {
    let step = &lesson("own-database").expect("own-database").steps[2];
    let task = step.task.expect("a split");
    for (lang, service, database) in [
        (Lang::En, "Payments", "Payments DB"),
        (Lang::Zh, "支付服务", "支付库"),
    ] {
        let before = step.document_in(lang).expect("the shop");
        let after = task.apply_in(&before, lang).expect("the split");
        assert!(task.done(&after));
        let new: Vec<(&str, &str)> = after
            .nodes
            .iter()
            .filter(|n| before.node(&n.id).is_none())
            .map(|n| (n.kind.as_str(), n.label()))
            .collect();
        assert_eq!(
            new,
            [("service", service), ("database", database)],
            "{lang:?}"
        );
    }
}
