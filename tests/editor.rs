//! The editor's reducer, natively: every change is undoable, moves do not
//! touch the topology's revision, kills respect the node's instances.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use topolab::editor::{Action, EditorState};
use topolab::model::presets::preset;

fn cluster() -> EditorState {
    EditorState::new(
        preset("cluster")
            .map(|p| p.document())
            .expect("cluster preset"),
    )
}

#[test]
fn a_move_changes_the_position_but_not_the_topology_revision() {
    let s = cluster();
    let rev = s.topology_rev();
    let s = s.apply(Action::MoveNode {
        id: "lb".into(),
        x: 10.0,
        y: 20.0,
    });
    let lb = s.doc().node("lb").expect("lb");
    assert_eq!((lb.x, lb.y), (10.0, 20.0));
    assert_eq!(s.topology_rev(), rev);
    assert!(s.can_undo());
}

#[test]
fn a_kill_changes_the_topology_revision_and_undo_restores_it() {
    let s = cluster();
    let rev = s.topology_rev();
    let killed = s.apply(Action::ToggleInstance {
        id: "app1".into(),
        index: 0,
    });
    assert_eq!(
        killed.doc().node("app1").map(|n| n.killed.clone()),
        Some(vec![0])
    );
    assert_ne!(killed.topology_rev(), rev);
    let undone = killed.apply(Action::Undo);
    assert_eq!(undone.doc(), s.doc());
    assert_eq!(undone.topology_rev(), rev);
    let redone = undone.apply(Action::Redo);
    assert_eq!(redone.doc(), killed.doc());
    assert_eq!(redone.topology_rev(), killed.topology_rev());
}

#[test]
fn toggling_a_killed_instance_revives_it() {
    let s = cluster().apply(Action::ToggleInstance {
        id: "db".into(),
        index: 1,
    });
    let s = s.apply(Action::ToggleInstance {
        id: "db".into(),
        index: 1,
    });
    assert_eq!(s.doc().node("db").map(|n| n.killed.len()), Some(0));
}

#[test]
fn instances_that_do_not_exist_and_clients_cannot_be_killed() {
    let s = cluster();
    let t = s.apply(Action::ToggleInstance {
        id: "db".into(),
        index: 2,
    });
    assert_eq!(t.doc(), s.doc());
    assert!(!t.can_undo());
    let t = s.apply(Action::KillOne {
        id: "browser".into(),
    });
    assert!(!t.can_undo());
    let t = s.apply(Action::KillOne { id: "ghost".into() });
    assert!(!t.can_undo());
}

#[test]
fn kill_one_kills_the_lowest_live_instance_until_none_is_left() {
    let mut s = cluster();
    for expected in [vec![0], vec![0, 1]] {
        s = s.apply(Action::KillOne { id: "db".into() });
        assert_eq!(s.doc().node("db").map(|n| n.killed.clone()), Some(expected));
    }
    let before = s.clone();
    s = s.apply(Action::KillOne { id: "db".into() });
    assert_eq!(s.doc(), before.doc(), "nothing left to kill");
    s = s.apply(Action::ReviveAll { id: "db".into() });
    assert_eq!(s.doc().node("db").map(|n| n.killed.len()), Some(0));
}

#[test]
fn a_new_action_after_undo_clears_redo() {
    let s = cluster()
        .apply(Action::KillOne { id: "app1".into() })
        .apply(Action::Undo)
        .apply(Action::KillOne { id: "app2".into() });
    assert!(!s.can_redo());
}

#[test]
fn loading_a_document_is_undoable_and_refits_the_view() {
    let s = cluster();
    let mono = preset("monolith").map(|p| p.document()).expect("monolith");
    let t = s.apply(Action::Load(Rc::new(mono.clone())));
    assert_eq!(**t.doc(), mono);
    assert_eq!(t.load_count(), s.load_count() + 1);
    assert_eq!(t.apply(Action::Undo).doc(), s.doc());
}

#[test]
fn a_move_to_a_non_finite_position_is_ignored() {
    let s = cluster().apply(Action::MoveNode {
        id: "lb".into(),
        x: f64::NAN,
        y: 0.0,
    });
    assert!(!s.can_undo());
}

#[test]
fn deleting_a_node_removes_its_links_and_functions_and_stays_valid() {
    let mut doc = preset("monolith").map(|p| p.document()).expect("monolith");
    doc.functions = Some(vec![topolab::model::Function {
        id: "buy".into(),
        label: None,
        client: "browser".into(),
        capability: "orders".into(),
        weight: None,
        extra: None,
    }]);
    let s = EditorState::new(doc).apply(Action::Select(topolab::editor::Selection::node("app")));
    let s = s.apply(Action::DeleteNode { id: "app".into() });
    assert!(s.doc().node("app").is_none());
    assert!(s
        .doc()
        .links
        .iter()
        .all(|l| l.from != "app" && l.to != "app"));
    assert_eq!(
        s.doc().functions.as_ref().map(Vec::len),
        Some(0),
        "no node holds orders any more"
    );
    assert_eq!(s.selection, topolab::editor::Selection::None);
    assert!(topolab::model::validate(s.doc()).is_empty());
    let back = s.apply(Action::Undo);
    assert!(back.doc().node("app").is_some());
}

#[test]
fn set_instance_kills_and_revives_idempotently() {
    let s = cluster().apply(Action::SetInstance {
        id: "db".into(),
        index: 1,
        killed: true,
    });
    assert_eq!(s.doc().node("db").map(|n| n.killed.clone()), Some(vec![1]));
    let again = s.apply(Action::SetInstance {
        id: "db".into(),
        index: 1,
        killed: true,
    });
    assert_eq!(
        again.doc(),
        s.doc(),
        "already killed: no change, no undo step"
    );
    let revived = s.apply(Action::SetInstance {
        id: "db".into(),
        index: 1,
        killed: false,
    });
    assert_eq!(revived.doc().node("db").map(|n| n.killed.len()), Some(0));
    let out_of_range = cluster().apply(Action::SetInstance {
        id: "db".into(),
        index: 5,
        killed: true,
    });
    assert!(!out_of_range.can_undo());
}
