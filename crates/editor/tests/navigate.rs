//! Keyboard navigation's lookups, natively: arrows by position, Shift+arrows
//! along the links, a first letter, keeping a focused node in view; and the
//! one way two nodes are connected.

use topolab_editor::connect::{connect, NoLink};
use topolab_editor::edit::Refusal;
use topolab_editor::gesture::Point;
use topolab_editor::navigate::{by_letter, nearest, pan_to_show, Direction, LinkPath};
use topolab_editor::Action;
use topolab_engine::i18n::Lang;
use topolab_engine::presets::preset;
use topolab_engine::Document;

use Direction::{Down, Left, Right, Up};

fn cluster() -> Document {
    preset("cluster")
        .map(|p| p.document_in(Lang::En))
        .expect("cluster preset")
}

fn at(doc: &Document) -> impl Fn(&str) -> Point + '_ {
    |id| {
        doc.node(id)
            .map_or(Point::default(), |n| Point::new(n.x, n.y))
    }
}

#[test]
fn shift_right_follows_the_first_link_and_shift_left_comes_back_the_same_way() {
    let doc = cluster();
    let mut path = LinkPath::default();
    let mut go = |from: &str, dir| path.follow(&doc, from, dir);
    assert_eq!(go("browser", Right).as_deref(), Some("lb"));
    assert_eq!(go("lb", Right).as_deref(), Some("app1"));
    assert_eq!(go("app1", Down).as_deref(), Some("app2"));
    assert_eq!(go("app2", Down).as_deref(), Some("app3"));
    assert_eq!(go("app3", Down).as_deref(), Some("app1"), "wraps");
    assert_eq!(go("app1", Up).as_deref(), Some("app3"));
    assert_eq!(go("app3", Right).as_deref(), Some("db"));
    assert_eq!(
        go("db", Left).as_deref(),
        Some("app3"),
        "the caller it came from"
    );
    assert_eq!(go("app3", Left).as_deref(), Some("lb"));
}

#[test]
fn shift_arrows_with_no_link_that_way_go_nowhere() {
    let doc = cluster();
    let go = |from: &str, dir| LinkPath::default().follow(&doc, from, dir);
    assert_eq!(go("db", Right), None, "the database calls nothing");
    assert_eq!(go("browser", Left), None, "nothing calls the client");
    assert_eq!(go("lb", Down), None, "the balancer has no sibling");
}

#[test]
fn a_caller_on_the_path_that_no_longer_calls_the_node_is_forgotten() {
    let doc = cluster();
    let mut path = LinkPath::default();
    path.follow(&doc, "browser", Right);
    assert_eq!(path.callers(), ["browser"]);
    // Focus moved by position to app2: browser does not call it; lb does.
    assert_eq!(path.follow(&doc, "app2", Left).as_deref(), Some("lb"));
    assert_eq!(path.callers(), Vec::<String>::new());
}

#[test]
fn an_arrow_goes_to_the_nearest_node_that_way_mostly_straight() {
    let doc = cluster();
    let positions = at(&doc);
    assert_eq!(
        nearest(&doc, &positions, "browser", Right).as_deref(),
        Some("lb")
    );
    assert_eq!(
        nearest(&doc, &positions, "lb", Left).as_deref(),
        Some("browser")
    );
    assert_eq!(
        nearest(&doc, &positions, "browser", Left),
        None,
        "nothing left of the client"
    );
    let app2 = nearest(&doc, &positions, "app1", Down);
    assert_eq!(app2.as_deref(), Some("app2"));
}

#[test]
fn arrows_follow_where_nodes_are_drawn_not_the_document() {
    let doc = cluster();
    let moved = |id: &str| match id {
        "db" => Point::new(-1000.0, 0.0),
        _ => at(&doc)(id),
    };
    assert_eq!(
        nearest(&doc, &moved, "browser", Left).as_deref(),
        Some("db")
    );
}

#[test]
fn a_first_letter_finds_the_next_node_with_that_label() {
    let doc = cluster();
    assert_eq!(by_letter(&doc, "browser", "s").as_deref(), Some("app1"));
    assert_eq!(by_letter(&doc, "app1", "S").as_deref(), Some("app2"));
    assert_eq!(by_letter(&doc, "app3", "b").as_deref(), Some("browser"));
    assert_eq!(by_letter(&doc, "app3", "x"), None);
}

#[test]
fn a_node_off_the_view_brings_the_least_pan_that_shows_it() {
    let doc = cluster();
    let lb = doc.node("lb").expect("lb");
    let (x, y) = (lb.x, lb.y);
    let view = |vx, vy| (Point::new(vx, vy), Point::new(2000.0, 2000.0));
    assert_eq!(
        pan_to_show(&doc, "lb", Point::new(x, y), view(x - 1000.0, y - 1000.0)),
        None
    );
    let shift = pan_to_show(&doc, "lb", Point::new(x, y), view(x + 100.0, y - 1000.0))
        .expect("lb is left of the view");
    assert!(shift.x < -100.0 && shift.y == 0.0, "{shift:?}");
}

#[test]
fn connecting_refuses_the_same_node_and_what_the_editor_refuses() {
    let doc = cluster();
    assert_eq!(
        connect(&doc, "app1", "app1"),
        Err(NoLink::SameNode),
        "the node it starts from"
    );
    let to_client = connect(&doc, "lb", "browser");
    assert!(matches!(
        to_client,
        Err(NoLink::Refused(Refusal::ToClient(_)))
    ));
    assert_eq!(
        to_client.err().map(|why| why.message(Lang::En)),
        Some("No link: Browser is a client: clients send requests, nothing calls them.".into())
    );
    assert_eq!(
        connect(&doc, "browser", "db"),
        Ok(Action::AddLink {
            from: "browser".into(),
            to: "db".into()
        })
    );
}
