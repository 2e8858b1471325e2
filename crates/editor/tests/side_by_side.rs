//! The compare view's state: two documents side by side,
//! a kill made in one reaching "the same" node of the other, the table
//! following, sides swapped. Expected availabilities are docs/spec/model.md §2 by hand.

#[path = "../../engine/tests/support/mod.rs"]
mod support;

use std::rc::Rc;

use support::assert_close;
use topolab_editor::SideBySide;
use topolab_engine::compare::{revive_in_both, revive_instance, Metric, Side, Value};
use topolab_engine::presets::preset;
use topolab_engine::Document;

fn doc(name: &str) -> Rc<Document> {
    Rc::new(preset(name).map(|p| p.document()).expect("preset"))
}

fn killed(pair: &SideBySide, side: Side, id: &str) -> Vec<u32> {
    pair.doc(side)
        .node(id)
        .map(|n| n.killed.clone())
        .unwrap_or_default()
}

/// The system's availability on each side, as the table shows it.
fn all(pair: &SideBySide) -> (f64, f64) {
    let row = pair.comparison().row(Metric::SystemAll).expect("row");
    match (&row.a, &row.b) {
        (Some(Value::Probability(a)), Some(Value::Probability(b))) => (*a, *b),
        other => panic!("not probabilities: {other:?}"),
    }
}

#[test]
fn clicking_an_instance_kills_the_same_node_in_both_and_the_table_follows() {
    // The monolith and the cluster both have a database called db (1 and 2 replicas).
    let pair = SideBySide::new(doc("monolith"), doc("cluster"));
    let fresh = all(&pair);
    let next = pair.toggle(Side::A, "db", 0).expect("db #0 is up");
    assert_eq!(killed(&next, Side::A, "db"), vec![0]);
    assert_eq!(killed(&next, Side::B, "db"), vec![0]);
    let (a, b) = all(&next);
    assert_eq!(a, 0.0, "the monolith's only database is dead");
    // The cluster's db is 1 of 2 with one dead: the survivor's 99.95 %,
    // times the load balancer's and the three servers' (any one of three).
    let server = 1.0 - (1.0_f64 - 0.999).powi(3);
    assert_close(b, 0.9995 * 0.9999 * server);
    assert!(b < fresh.1);
    assert!(
        pair.comparison()
            .row(Metric::SystemAll)
            .expect("row")
            .differs
    );
}

#[test]
fn clicking_a_killed_instance_revives_it_in_both() {
    let pair = SideBySide::new(doc("monolith"), doc("cluster"));
    let dead = pair.toggle(Side::B, "db", 0).expect("killed");
    assert_eq!(killed(&dead, Side::A, "db"), vec![0]);
    let alive = dead.toggle(Side::B, "db", 0).expect("revived");
    assert_eq!(alive.doc(Side::A), pair.doc(Side::A));
    assert_eq!(alive.doc(Side::B), pair.doc(Side::B));
    assert_eq!(all(&alive), all(&pair));
}

#[test]
fn a_node_the_other_side_lacks_is_killed_on_its_side_only() {
    let pair = SideBySide::new(doc("monolith"), doc("cluster"));
    let next = pair.toggle(Side::B, "app2", 0).expect("killed");
    assert_eq!(killed(&next, Side::B, "app2"), vec![0]);
    assert_eq!(
        next.doc(Side::A),
        pair.doc(Side::A),
        "the monolith has no app2"
    );
    // An instance number the other node does not have: only this side.
    let next = pair.toggle(Side::B, "db", 1).expect("killed");
    assert_eq!(killed(&next, Side::B, "db"), vec![1]);
    assert_eq!(killed(&next, Side::A, "db"), Vec::<u32>::new());
    assert!(pair.toggle(Side::A, "browser", 0).is_none(), "a client");
    assert!(pair.toggle(Side::A, "ghost", 0).is_none(), "no such node");
}

#[test]
fn kill_one_and_revive_all_act_on_both_sides() {
    let pair = SideBySide::new(doc("cluster"), doc("hidden-spof"));
    let once = pair.kill_one(Side::A, "app1").expect("one");
    let twice = once
        .kill_one(Side::A, "db")
        .and_then(|p| p.kill_one(Side::A, "db"));
    let twice = twice.expect("both db instances");
    assert_eq!(killed(&twice, Side::A, "db"), vec![0, 1]);
    assert_eq!(
        killed(&twice, Side::B, "db"),
        vec![0],
        "hidden-spof's db has one"
    );
    assert_eq!(killed(&twice, Side::B, "app1"), vec![0]);
    let revived = twice.revive_all(Side::B, "db").expect("revived");
    assert_eq!(killed(&revived, Side::A, "db"), Vec::<u32>::new());
    assert_eq!(killed(&revived, Side::B, "db"), Vec::<u32>::new());
    assert_eq!(
        killed(&revived, Side::A, "app1"),
        vec![0],
        "other nodes untouched"
    );
    assert!(
        revived.revive_all(Side::A, "db").is_none(),
        "nothing left to revive"
    );
}

#[test]
fn swapping_exchanges_the_documents_and_the_columns_of_the_table() {
    let pair = SideBySide::new(doc("monolith"), doc("microservices"));
    let swapped = pair.swapped();
    assert_eq!(swapped.doc(Side::A), pair.doc(Side::B));
    assert_eq!(swapped.doc(Side::B), pair.doc(Side::A));
    let (a, b) = all(&pair);
    assert_eq!(all(&swapped), (b, a));
    let better = |p: &SideBySide| p.comparison().row(Metric::SystemAll).and_then(|r| r.better);
    assert_eq!(better(&pair).map(Side::other), better(&swapped));
    assert_eq!(swapped.swapped().comparison(), pair.comparison());
}

#[test]
fn another_document_on_one_side_keeps_the_other() {
    let pair = SideBySide::new(doc("monolith"), doc("microservices"));
    let killed_a = pair.toggle(Side::A, "app", 0).expect("killed");
    let next = killed_a.with(Side::B, doc("cluster"));
    assert_eq!(next.doc(Side::A), killed_a.doc(Side::A));
    assert_eq!(next.doc(Side::B), &doc("cluster"));
    assert_eq!(
        **next.analysis(Side::B),
        topolab_engine::analyze(&doc("cluster"))
    );
}

#[test]
fn revive_instance_revives_a_killed_instance_and_nothing_else() {
    let cluster = doc("cluster");
    assert_eq!(revive_instance(&cluster, "db", 0), None, "not killed");
    assert_eq!(revive_instance(&cluster, "nope", 0), None, "no such node");
    let mut dead = (*cluster).clone();
    dead.nodes
        .iter_mut()
        .filter(|n| n.id == "db")
        .for_each(|n| n.killed = vec![0, 1]);
    let once = revive_instance(&dead, "db", 0).expect("revived");
    assert_eq!(once.node("db").map(|n| n.killed.clone()), Some(vec![1]));
    let (a, b) = revive_in_both(&dead, &cluster, "db", 1);
    assert_eq!(
        a.and_then(|d| d.node("db").map(|n| n.killed.clone())),
        Some(vec![0])
    );
    assert_eq!(b, None, "alive on the other side");
}
