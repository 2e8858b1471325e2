//! The editor's reducer, natively: every change is undoable, moves do not
//! touch the topology's revision, kills respect the node's instances.

use std::rc::Rc;

use topolab_editor::{Action, EditorState};
use topolab_engine::presets::preset;

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
    doc.functions = Some(vec![topolab_engine::Function {
        id: "buy".into(),
        label: None,
        client: "browser".into(),
        capability: "orders".into(),
        weight: None,
        extra: None,
    }]);
    let s = EditorState::new(doc).apply(Action::Select(topolab_editor::Selection::node("app")));
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
    assert_eq!(s.selection, topolab_editor::Selection::None);
    assert!(topolab_engine::validate(s.doc()).is_empty());
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

fn three_zones() -> EditorState {
    EditorState::new(
        preset("three-zones")
            .map(|p| p.document())
            .expect("three-zones preset"),
    )
}

fn zone_down(s: &EditorState, id: &str) -> Option<Option<bool>> {
    s.doc().zones.iter().find(|z| z.id == id).map(|z| z.down)
}

#[test]
fn a_zone_taken_down_is_one_undoable_topology_change() {
    let s = three_zones();
    let rev = s.topology_rev();
    let down = s.apply(Action::SetZoneDown {
        id: "az-b".into(),
        down: true,
    });
    assert_eq!(zone_down(&down, "az-b"), Some(Some(true)));
    assert_eq!(zone_down(&down, "az-a"), Some(None), "only the zone named");
    assert!(down.doc().nodes.iter().all(|n| n.killed.is_empty()));
    assert_ne!(down.topology_rev(), rev);
    let undone = down.apply(Action::Undo);
    assert_eq!(undone.doc(), s.doc());
    assert_eq!(undone.topology_rev(), rev);
    assert_eq!(undone.apply(Action::Redo).doc(), down.doc());
}

#[test]
fn a_zone_brought_back_loses_its_down_field() {
    let down = three_zones().apply(Action::SetZoneDown {
        id: "az-c".into(),
        down: true,
    });
    let up = down.apply(Action::SetZoneDown {
        id: "az-c".into(),
        down: false,
    });
    assert_eq!(zone_down(&up, "az-c"), Some(None));
    assert_eq!(up.doc(), three_zones().doc());
    assert!(up.can_undo());
}

#[test]
fn a_zone_already_so_or_unknown_changes_nothing() {
    let s = three_zones();
    for (id, down) in [("az-a", false), ("ghost", true), ("app", true)] {
        let after = s.apply(Action::SetZoneDown {
            id: id.into(),
            down,
        });
        assert!(!after.can_undo(), "{id} {down}");
        assert_eq!(after.topology_rev(), s.topology_rev(), "{id} {down}");
    }
    let down = s.apply(Action::SetZoneDown {
        id: "az-a".into(),
        down: true,
    });
    let again = down.apply(Action::SetZoneDown {
        id: "az-a".into(),
        down: true,
    });
    assert_eq!(again.topology_rev(), down.topology_rev());
    assert!(!again.apply(Action::Undo).can_undo(), "one step, not two");
}

#[test]
fn taking_a_zone_down_is_exploring_allowed_in_an_embed_but_not_read_only() {
    let action = Action::SetZoneDown {
        id: "az-a".into(),
        down: true,
    };
    assert!(action.explores());
    assert!(!action.leaves_document());
}

// --- Editing: add, connect, edit, delete, select ---

use topolab_editor::{edit, Selection};
use topolab_engine::geometry::node_size;
use topolab_engine::{LinkKind, NodeKind};

fn monolith() -> EditorState {
    EditorState::new(
        preset("monolith")
            .map(|p| p.document())
            .expect("monolith preset"),
    )
}

#[test]
fn an_added_node_gets_a_fresh_id_of_its_kind_and_is_selected() {
    let s = monolith().apply(Action::AddNode {
        kind: NodeKind::LoadBalancer,
        x: 10.4,
        y: 20.6,
    });
    let s = s.apply(Action::AddNode {
        kind: NodeKind::LoadBalancer,
        x: 50.0,
        y: 60.0,
    });
    let ids: Vec<&str> = s.doc().nodes.iter().map(|n| n.id.as_str()).collect();
    assert!(ids.ends_with(&["lb", "lb-2"]), "{ids:?}");
    let db = monolith().apply(Action::AddNode {
        kind: NodeKind::Database,
        x: 0.0,
        y: 0.0,
    });
    assert!(
        db.doc().node("db-2").is_some(),
        "an id in use gets a number"
    );
    let first = s.doc().node("lb").expect("added");
    assert_eq!(
        (first.x, first.y),
        (10.0, 21.0),
        "positions are whole units"
    );
    assert_eq!(s.selection, Selection::node("lb-2"));
    assert!(topolab_engine::validate(s.doc()).is_empty());
    assert_eq!(s.apply(Action::Undo).doc().nodes.len(), 4);
}

#[test]
fn a_new_link_takes_the_default_kind_of_its_from_node_and_is_selected() {
    let s = monolith()
        .apply(Action::AddNode {
            kind: NodeKind::Cache,
            x: 0.0,
            y: 0.0,
        })
        .apply(Action::AddLink {
            from: "app".into(),
            to: "cache".into(),
        });
    let link = s.doc().links.last().expect("a link");
    assert_eq!(
        (link.from.as_str(), link.to.as_str(), link.kind),
        ("app", "cache", None)
    );
    assert_eq!(s.doc().link_kind(link), LinkKind::Requires);
    assert_eq!(
        s.selection,
        Selection::Link {
            from: "app".into(),
            to: "cache".into()
        }
    );
}

#[test]
fn links_to_a_client_to_itself_or_twice_are_refused_with_a_reason() {
    let s = monolith();
    let doc = s.doc();
    assert!(edit::link_refusal(doc, "app", "browser").is_some_and(|w| w.contains("client")));
    assert!(edit::link_refusal(doc, "app", "app").is_some_and(|w| w.contains("itself")));
    assert!(edit::link_refusal(doc, "app", "db").is_some_and(|w| w.contains("already")));
    assert!(edit::link_refusal(doc, "app", "ghost").is_some_and(|w| w.contains("ghost")));
    let t = s.apply(Action::AddLink {
        from: "app".into(),
        to: "browser".into(),
    });
    assert_eq!(t.doc(), s.doc());
    assert!(!t.can_undo(), "a refused link is not an undo step");
}

#[test]
fn a_link_kind_can_be_set_and_reset_to_the_default() {
    let s = monolith().apply(Action::SetLinkKind {
        from: "app".into(),
        to: "db".into(),
        kind: Some(LinkKind::Optional),
    });
    let link = |s: &EditorState| {
        s.doc()
            .links
            .iter()
            .find(|l| l.to == "db")
            .cloned()
            .expect("app->db")
    };
    assert_eq!(link(&s).kind, Some(LinkKind::Optional));
    let reset = s.apply(Action::SetLinkKind {
        from: "app".into(),
        to: "db".into(),
        kind: None,
    });
    assert_eq!(link(&reset).kind, None);
    assert_ne!(reset.topology_rev(), s.topology_rev());
}

#[test]
fn renaming_a_node_carries_its_links_functions_and_selection_along() {
    let s = cluster().apply(Action::Select(Selection::node("db")));
    let mut db = s.doc().node("db").cloned().expect("db");
    db.id = "orders-db".into();
    let t = s.apply(Action::UpdateNode {
        id: "db".into(),
        node: Box::new(db),
    });
    assert!(t.doc().node("db").is_none());
    assert!(t.doc().links.iter().any(|l| l.to == "orders-db"));
    assert!(!t.doc().links.iter().any(|l| l.from == "db" || l.to == "db"));
    assert_eq!(t.selection, Selection::node("orders-db"));
    assert!(topolab_engine::validate(t.doc()).is_empty());
}

#[test]
fn renaming_a_client_renames_it_in_the_functions_that_start_there() {
    let s = cluster();
    let mut browser = s.doc().node("browser").cloned().expect("browser");
    browser.id = "phone".into();
    let t = s.apply(Action::UpdateNode {
        id: "browser".into(),
        node: Box::new(browser),
    });
    if let Some(functions) = &t.doc().functions {
        assert!(functions.iter().all(|f| f.client == "phone"));
    }
    assert!(topolab_engine::validate(t.doc()).is_empty());
    let analysis = topolab_engine::analyze(t.doc());
    assert!(!analysis.functions.is_empty());
}

#[test]
fn an_edit_the_validator_refuses_changes_nothing_and_says_where() {
    let s = cluster();
    let mut db = s.doc().node("db").cloned().expect("db");
    db.quorum = Some(9);
    let problems = edit::replace_node(s.doc(), "db", db.clone()).expect_err("quorum 9 > replicas");
    assert!(
        problems.iter().any(|p| p.path.ends_with(".quorum")),
        "{problems:?}"
    );
    let t = s.apply(Action::UpdateNode {
        id: "db".into(),
        node: Box::new(db),
    });
    assert_eq!(t.doc(), s.doc());
    assert!(!t.can_undo());
    let mut lb = s.doc().node("lb").cloned().expect("lb");
    lb.id = "browser".into();
    assert!(
        edit::replace_node(s.doc(), "lb", lb).is_err(),
        "ids stay unique"
    );
}

#[test]
fn shift_click_adds_to_and_removes_from_the_selection() {
    let s = cluster()
        .apply(Action::Select(Selection::node("lb")))
        .apply(Action::ToggleSelected("db".into()));
    assert_eq!(
        s.selection,
        Selection::Nodes(vec!["lb".into(), "db".into()])
    );
    assert_eq!(s.selection.primary(), Some("db"));
    let s = s.apply(Action::ToggleSelected("lb".into()));
    assert_eq!(s.selection, Selection::node("db"));
    let s = s.apply(Action::ToggleSelected("ghost".into()));
    assert_eq!(s.selection, Selection::node("db"));
}

#[test]
fn moving_a_selection_is_one_undo_step_and_keeps_the_topology() {
    let s = cluster();
    let t = s.apply(Action::MoveNodes(vec![
        ("lb".into(), 1.0, 2.0),
        ("db".into(), 3.0, 4.0),
        ("ghost".into(), 5.0, 6.0),
        ("app1".into(), f64::NAN, 0.0),
    ]));
    assert_eq!(t.doc().node("lb").map(|n| (n.x, n.y)), Some((1.0, 2.0)));
    assert_eq!(t.doc().node("db").map(|n| (n.x, n.y)), Some((3.0, 4.0)));
    assert_eq!(t.topology_rev(), s.topology_rev());
    assert_eq!(t.apply(Action::Undo).doc(), s.doc());
}

#[test]
fn deleting_a_selection_of_nodes_removes_them_all_in_one_step() {
    let s = cluster()
        .apply(Action::Select(Selection::Nodes(vec![
            "app1".into(),
            "app2".into(),
        ])))
        .apply(Action::DeleteSelection);
    assert!(s.doc().node("app1").is_none() && s.doc().node("app2").is_none());
    assert_eq!(s.selection, Selection::None);
    assert!(topolab_engine::validate(s.doc()).is_empty());
    assert_eq!(s.apply(Action::Undo).doc(), cluster().doc());
}

#[test]
fn deleting_a_selected_link_removes_only_that_link() {
    let s = cluster();
    let before = s.doc().links.len();
    let t = s
        .apply(Action::Select(Selection::Link {
            from: "lb".into(),
            to: "app1".into(),
        }))
        .apply(Action::DeleteSelection);
    assert_eq!(t.doc().links.len(), before - 1);
    assert!(!t
        .doc()
        .links
        .iter()
        .any(|l| l.from == "lb" && l.to == "app1"));
    assert_eq!(t.doc().nodes, s.doc().nodes);
}

#[test]
fn undo_drops_a_selection_the_restored_document_does_not_have() {
    let s = monolith()
        .apply(Action::AddNode {
            kind: NodeKind::Queue,
            x: 0.0,
            y: 0.0,
        })
        .apply(Action::Undo);
    assert_eq!(s.selection, Selection::None);
}

#[test]
fn a_free_spot_overlaps_no_node() {
    let doc = cluster().doc().clone();
    let lb = doc.node("lb").expect("lb");
    let (x, y) = edit::free_spot(&doc, NodeKind::Service, (lb.x, lb.y));
    let (w, h) = node_size(&topolab_engine::Node::new("n", NodeKind::Service, x, y));
    for n in &doc.nodes {
        let (nw, nh) = node_size(n);
        let apart = (n.x - x).abs() >= (nw + w) / 2.0 || (n.y - y).abs() >= (nh + h) / 2.0;
        assert!(apart, "overlaps {} at ({x}, {y})", n.id);
    }
    let empty = topolab_engine::Document::default();
    assert_eq!(
        edit::free_spot(&empty, NodeKind::Service, (100.0, 200.0)),
        (120.0, 200.0)
    );
}

#[test]
fn kill_all_kills_every_instance_of_a_node_in_one_step() {
    let s = cluster().apply(Action::KillAll { id: "db".into() });
    let db = s.doc().node("db").expect("db");
    assert_eq!(db.killed, (0..db.replicas()).collect::<Vec<_>>());
    assert_eq!(s.apply(Action::Undo).doc(), cluster().doc());
    let again = s.apply(Action::KillAll { id: "db".into() });
    assert_eq!(again.doc(), s.doc(), "killing a dead node changes nothing");
    let client = cluster().apply(Action::KillAll {
        id: "browser".into(),
    });
    assert!(!client.can_undo(), "a client has nothing to kill");
}

// --- Replacing the topology in one step: a split applied ---

use topolab_engine::compare::split_preview;
use topolab_engine::split::{SplitLink, SplitRequest};

/// The monolith's app with `payments` moved out through a queue, to its own database.
fn payments_split(doc: &topolab_engine::Document) -> topolab_engine::Document {
    let request = SplitRequest {
        node: "app".into(),
        capabilities: vec!["payments".into()],
        link: SplitLink::Async,
        own_database: true,
    };
    split_preview(doc, &request)
        .expect("the monolith's app can be split")
        .document
}

#[test]
fn replacing_the_document_applies_exactly_that_document_as_one_undo_step() {
    let s = monolith().apply(Action::Select(Selection::node("app")));
    let before = s.doc().clone();
    let after = Rc::new(payments_split(&before));
    let t = s.apply(Action::Replace(after.clone()));
    assert_eq!(t.doc(), &after);
    assert_ne!(t.topology_rev(), s.topology_rev(), "a topology change");
    let undone = t.apply(Action::Undo);
    assert_eq!(
        undone.doc(),
        &before,
        "one undo restores the document exactly"
    );
    assert_eq!(undone.topology_rev(), s.topology_rev());
    assert!(!undone.can_undo(), "the replace was a single step");
    assert_eq!(undone.apply(Action::Redo).doc(), &after);
}

#[test]
fn replacing_the_document_keeps_the_view_and_what_is_still_selected() {
    let s = monolith().apply(Action::Select(Selection::Nodes(vec![
        "db".into(),
        "app".into(),
    ])));
    let t = s.apply(Action::Replace(Rc::new(payments_split(s.doc()))));
    assert_eq!(
        t.load_count(),
        s.load_count(),
        "the view is not fitted again"
    );
    assert_eq!(t.selection, s.selection, "the split keeps every id");

    let mut smaller = (**s.doc()).clone();
    smaller.nodes.retain(|n| n.id != "db");
    smaller.links.retain(|l| l.to != "db");
    let u = s.apply(Action::Replace(Rc::new(smaller)));
    assert_eq!(
        u.selection,
        Selection::node("app"),
        "a node gone leaves the selection"
    );
}

#[test]
fn replacing_the_document_by_an_equal_one_changes_nothing() {
    let s = monolith();
    let t = s.apply(Action::Replace(Rc::new((**s.doc()).clone())));
    assert_eq!(t.doc(), s.doc());
    assert_eq!(t.topology_rev(), s.topology_rev());
    assert!(!t.can_undo());
}

#[test]
fn a_split_off_node_that_would_overlap_another_is_moved_to_a_free_spot_only() {
    let before = monolith().doc().clone();
    let split = {
        let request = SplitRequest {
            node: "app".into(),
            capabilities: vec!["payments".into()],
            link: SplitLink::Async,
            own_database: true,
        };
        topolab_engine::split::split(&before, &request).expect("splits")
    };
    // docs/spec/model.md §4 puts the new service at app + 160, right on the monolith's db,
    // and the new database at app + 320, its long id's wide box touching the db's.
    let placed = edit::place_new_nodes(&before, split.clone());
    let boxes_apart = |a: &topolab_engine::Node, b: &topolab_engine::Node| {
        let ((aw, ah), (bw, bh)) = (node_size(a), node_size(b));
        (a.x - b.x).abs() >= (aw + bw) / 2.0 + 16.0 || (a.y - b.y).abs() >= (ah + bh) / 2.0 + 16.0
    };
    for (i, a) in placed.nodes.iter().enumerate() {
        for b in &placed.nodes[i + 1..] {
            assert!(boxes_apart(a, b), "{} overlaps {}", a.id, b.id);
        }
    }
    let at = |d: &topolab_engine::Document, id: &str| d.node(id).map(|n| (n.x, n.y));
    assert_ne!(at(&placed, "app-payments"), at(&split, "app-payments"));
    assert_ne!(
        at(&placed, "app-payments-db"),
        at(&split, "app-payments-db")
    );
    for id in ["browser", "app", "db", "app-payments-events"] {
        assert_eq!(at(&placed, id), at(&split, id), "{id} keeps its place");
    }
    let mut unmoved = placed.clone();
    for (n, m) in unmoved.nodes.iter_mut().zip(&split.nodes) {
        (n.x, n.y) = (m.x, m.y);
    }
    assert_eq!(unmoved, split, "only positions changed");
}

#[test]
fn a_read_only_page_lets_through_only_what_leaves_the_document_as_it_is() {
    use topolab_editor::Selection;
    use topolab_engine::NodeKind;
    let killed = cluster().apply(Action::KillOne { id: "db".into() });
    let app1 = killed.doc().node("app1").expect("app1").clone();
    let changing = [
        Action::Load(Rc::new(topolab_engine::Document::default())),
        Action::MoveNode {
            id: "lb".into(),
            x: 0.0,
            y: 0.0,
        },
        Action::MoveNodes(vec![("lb".into(), 0.0, 0.0)]),
        Action::AddNode {
            kind: NodeKind::Cache,
            x: 900.0,
            y: 900.0,
        },
        Action::AddLink {
            from: "browser".into(),
            to: "db".into(),
        },
        Action::SetLinkKind {
            from: "lb".into(),
            to: "app1".into(),
            kind: Some(topolab_engine::LinkKind::Requires),
        },
        Action::DeleteLink {
            from: "lb".into(),
            to: "app1".into(),
        },
        Action::UpdateNode {
            id: "app1".into(),
            node: Box::new(topolab_engine::Node {
                label: Some("Renamed".into()),
                ..app1
            }),
        },
        Action::ToggleInstance {
            id: "app2".into(),
            index: 0,
        },
        Action::SetInstance {
            id: "app2".into(),
            index: 0,
            killed: true,
        },
        Action::KillOne { id: "app2".into() },
        Action::KillAll { id: "app2".into() },
        Action::ReviveAll { id: "db".into() },
        Action::DeleteNode { id: "app3".into() },
        Action::Undo,
    ];
    for action in changing {
        assert!(!action.leaves_document(), "{action:?} is let through");
        let after = killed.apply(action.clone());
        assert_ne!(after.doc(), killed.doc(), "{action:?} changes nothing here");
    }
    let redo = killed.apply(Action::Undo);
    assert!(!Action::Redo.leaves_document());
    assert_ne!(redo.apply(Action::Redo).doc(), redo.doc());
    let selected = killed.apply(Action::Select(Selection::node("app1")));
    assert!(!Action::DeleteSelection.leaves_document());
    assert_ne!(
        selected.apply(Action::DeleteSelection).doc(),
        selected.doc()
    );

    for action in [
        Action::Select(Selection::node("lb")),
        Action::Select(Selection::None),
        Action::ToggleSelected("app2".into()),
    ] {
        assert!(action.leaves_document(), "{action:?} is refused");
        assert_eq!(killed.apply(action).doc(), killed.doc());
    }
}

#[test]
fn an_embed_lets_through_kills_revivals_moves_and_undo_but_no_edit_of_the_diagram() {
    use topolab_editor::Selection;
    use topolab_engine::NodeKind;
    let node = cluster().doc().node("app1").expect("app1").clone();
    let exploring = [
        Action::Select(Selection::node("lb")),
        Action::ToggleSelected("lb".into()),
        Action::ToggleInstance {
            id: "app1".into(),
            index: 0,
        },
        Action::SetInstance {
            id: "app1".into(),
            index: 0,
            killed: true,
        },
        Action::KillOne { id: "db".into() },
        Action::KillAll { id: "db".into() },
        Action::ReviveAll { id: "db".into() },
        Action::MoveNode {
            id: "lb".into(),
            x: 1.0,
            y: 2.0,
        },
        Action::MoveNodes(vec![("lb".into(), 1.0, 2.0)]),
        Action::Undo,
        Action::Redo,
    ];
    for action in exploring {
        assert!(action.explores(), "{action:?} is refused");
    }
    let editing = [
        Action::Load(Rc::new(topolab_engine::Document::default())),
        Action::AddNode {
            kind: NodeKind::Cache,
            x: 0.0,
            y: 0.0,
        },
        Action::AddLink {
            from: "browser".into(),
            to: "db".into(),
        },
        Action::SetLinkKind {
            from: "lb".into(),
            to: "app1".into(),
            kind: None,
        },
        Action::DeleteLink {
            from: "lb".into(),
            to: "app1".into(),
        },
        Action::UpdateNode {
            id: "app1".into(),
            node: Box::new(node),
        },
        Action::DeleteNode { id: "db".into() },
        Action::DeleteSelection,
    ];
    for action in editing {
        assert!(!action.explores(), "{action:?} is let through");
        assert!(!action.leaves_document(), "{action:?} is let through");
    }
}
