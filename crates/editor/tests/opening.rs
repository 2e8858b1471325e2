//! What the editor does with a document as it opens and with the first
//! things a newcomer draws: a document without positions is laid out, Tidy
//! fits the view, a load balancer's backends drawn one by one make a
//! cluster, nodes added one after another stand in a row.

use std::rc::Rc;

use topolab_editor::{edit, Action, Aside, EditorState};
use topolab_engine::analysis::{analyze, Status};
use topolab_engine::geometry::node_size;
use topolab_engine::{parse_document, Document, NodeKind};

/// A client, a load balancer, two services and a database, written without `x` and `y`.
const WITHOUT_POSITIONS: &str = r#"{"format":"topolab/1","nodes":[
  {"id":"web","kind":"client"},{"id":"lb","kind":"load_balancer"},
  {"id":"a","kind":"service","capabilities":["shop"]},
  {"id":"b","kind":"service","capabilities":["shop"]},{"id":"db","kind":"database"}],
 "links":[{"from":"web","to":"lb"},{"from":"lb","to":"a"},{"from":"lb","to":"b"},
  {"from":"a","to":"db"},{"from":"b","to":"db"}]}"#;

fn without_positions() -> Document {
    parse_document(WITHOUT_POSITIONS).expect("a valid document")
}

fn overlapping(doc: &Document) -> Option<(String, String)> {
    for (i, a) in doc.nodes.iter().enumerate() {
        for b in &doc.nodes[i + 1..] {
            let ((aw, ah), (bw, bh)) = (node_size(a), node_size(b));
            if (a.x - b.x).abs() < (aw + bw) / 2.0 && (a.y - b.y).abs() < (ah + bh) / 2.0 {
                return Some((a.id.clone(), b.id.clone()));
            }
        }
    }
    None
}

#[test]
fn a_document_without_positions_is_laid_out_as_it_opens() {
    let doc = without_positions();
    assert!(
        overlapping(&doc).is_some(),
        "as written, every node is at 0, 0"
    );
    let started = EditorState::new(doc.clone());
    assert_eq!(overlapping(started.doc()), None, "a page opening it");
    let loaded = EditorState::new(Document::default()).apply(Action::Load(Rc::new(doc.clone())));
    assert_eq!(overlapping(loaded.doc()), None, "Import, paste, load()");
    assert_eq!(**loaded.doc(), topolab_engine::layout::tidy(&doc));
    assert_eq!(loaded.fit_count(), 1, "and fitted");
    let undone = loaded.apply(Action::Undo);
    assert_eq!(**undone.doc(), Document::default(), "one undo step");
}

#[test]
fn a_document_with_positions_keeps_them_exactly() {
    let mut doc = without_positions();
    for (i, n) in doc.nodes.iter_mut().enumerate() {
        // Overlapping on purpose: an author's layout is the author's.
        (n.x, n.y) = (10.0 * i as f64, 5.0);
    }
    let loaded = EditorState::new(Document::default()).apply(Action::Load(Rc::new(doc.clone())));
    assert_eq!(**loaded.doc(), doc);
    assert_eq!(**EditorState::new(doc.clone()).doc(), doc);
}

#[test]
fn tidy_lays_the_document_out_in_one_undoable_step_and_fits_the_view() {
    let mut doc = topolab_engine::layout::tidy(&without_positions());
    doc.nodes[0].x += 500.0;
    let s = EditorState::new(doc.clone());
    let t = s.apply(Action::Tidy);
    assert_eq!(**t.doc(), topolab_engine::layout::tidy(&doc));
    assert_eq!(t.fit_count(), s.fit_count() + 1);
    assert_eq!(t.topology_rev(), s.topology_rev(), "positions only");
    assert_eq!(**t.apply(Action::Undo).doc(), doc);
    let again = t.apply(Action::Tidy);
    assert_eq!(
        again.fit_count(),
        t.fit_count() + 1,
        "fits even when nothing moves"
    );
}

#[test]
fn a_replace_that_adds_nodes_fits_the_view_and_one_that_does_not_leaves_it() {
    let s = EditorState::new(topolab_engine::layout::tidy(&without_positions()));
    let mut grown = (**s.doc()).clone();
    grown
        .nodes
        .push(topolab_engine::Node::new("q", NodeKind::Queue, 900.0, 0.0));
    assert_eq!(s.apply(Action::Replace(Rc::new(grown))).fit_count(), 1);
    let mut same_nodes = (**s.doc()).clone();
    same_nodes.nodes[1].replicas = Some(3);
    assert_eq!(s.apply(Action::Replace(Rc::new(same_nodes))).fit_count(), 0);
}

/// Client, load balancer, three services and a database from the palette,
/// then linked one by one as a newcomer draws a cluster.
fn drawn_cluster() -> EditorState {
    let mut s = EditorState::new(Document::default());
    for kind in [
        NodeKind::Client,
        NodeKind::LoadBalancer,
        NodeKind::Service,
        NodeKind::Service,
        NodeKind::Service,
        NodeKind::Database,
    ] {
        let (x, y) = edit::free_spot(s.doc(), kind, (0.0, 0.0));
        s = s.apply(Action::AddNode { kind, x, y });
    }
    s
}

fn link(s: EditorState, from: &str, to: &str) -> EditorState {
    s.apply(Action::AddLink {
        from: from.into(),
        to: to.into(),
    })
}

#[test]
fn backends_linked_to_a_load_balancer_after_the_first_make_a_cluster() {
    let mut s = link(drawn_cluster(), "client", "lb");
    s = link(s, "lb", "service");
    assert_eq!(s.aside(), None, "the first backend stays as it is");
    for backend in ["service-2", "service-3"] {
        s = link(s, "lb", backend);
        assert_eq!(
            s.aside(),
            Some(&Aside::Copied {
                backend: backend.into(),
                like: "service".into()
            })
        );
        let node = s.doc().node(backend).expect("backend");
        assert_eq!(node.capabilities(), ["service"]);
        s = link(s, backend, "db");
        assert_eq!(s.aside(), None, "said once");
    }
    s = link(s, "service", "db");
    let a = analyze(s.doc());
    assert_eq!(
        a.functions.len(),
        1,
        "one function, served by three servers"
    );
    // Kill two of the three servers: the function is still up.
    let s = s
        .apply(Action::KillAll {
            id: "service".into(),
        })
        .apply(Action::KillAll {
            id: "service-3".into(),
        });
    let a = analyze(s.doc());
    assert!(a.functions.iter().all(|f| f.status == Status::Up));
}

#[test]
fn undo_takes_the_copied_capabilities_back_with_the_link() {
    let s = link(link(drawn_cluster(), "lb", "service"), "lb", "service-2");
    let undone = s.apply(Action::Undo);
    let node = undone.doc().node("service-2").expect("service-2");
    assert_eq!(node.capabilities, None);
    assert!(!undone.doc().links.iter().any(|l| l.to == "service-2"));
}

#[test]
fn a_backend_of_its_own_is_not_made_a_copy() {
    let s = link(
        link(drawn_cluster(), "lb", "service"),
        "service",
        "service-2",
    );
    let called = link(s, "lb", "service-2");
    assert_eq!(called.aside(), None, "something calls it already");
    let node = called.doc().node("service-2").expect("service-2");
    assert_eq!(node.capabilities, None);

    let mut s = link(drawn_cluster(), "lb", "service");
    let mut own = s.doc().node("service-2").expect("service-2").clone();
    own.capabilities = Some(vec!["search".into()]);
    s = s.apply(Action::UpdateNode {
        id: "service-2".into(),
        node: Box::new(own),
    });
    let s = link(s, "lb", "service-2");
    assert_eq!(s.aside(), None, "capabilities written by hand are kept");
    assert_eq!(
        s.doc().node("service-2").map(|n| n.capabilities()),
        Some(vec!["search"])
    );

    let gateway = link(
        link(drawn_cluster(), "client", "service"),
        "client",
        "service-2",
    );
    assert_eq!(gateway.aside(), None, "only a load balancer's backends");
}

#[test]
fn nodes_added_one_after_another_stand_in_a_row_left_to_right_then_wrap() {
    let s = drawn_cluster();
    let at: Vec<(f64, f64)> = s.doc().nodes.iter().map(|n| (n.x, n.y)).collect();
    let first_row: Vec<f64> = at.iter().filter(|p| p.1 == at[0].1).map(|p| p.0).collect();
    assert_eq!(first_row.len(), 4, "four in a row: {at:?}");
    assert!(
        first_row.windows(2).all(|w| w[0] < w[1]),
        "left to right: {at:?}"
    );
    assert_eq!(at[4].0, at[0].0, "the fifth starts the next row: {at:?}");
    assert!(at[4].1 > at[0].1, "below: {at:?}");
    assert!(at[5].0 > at[4].0 && at[5].1 == at[4].1, "{at:?}");
    assert_eq!(overlapping(s.doc()), None);
}
