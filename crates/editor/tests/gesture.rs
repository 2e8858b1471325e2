//! The canvas's pointer gestures, natively: each transition of
//! `topolab_editor::gesture` and the effects it asks the page for.

use std::rc::Rc;

use topolab_editor::connect::NoLink;
use topolab_editor::edit::Refusal;
use topolab_editor::gesture::{
    Effect, Gestures, Point, Pointer, Press, Rect, Release, Scene, State, Target, View,
};
use topolab_editor::{Action, Selection};
use topolab_engine::presets::preset;
use topolab_engine::Document;

/// A view two pixels a unit, diagram (0, 0) at client (100, 50).
struct TwoPixels;

impl View for TwoPixels {
    fn to_diagram(&self, client: Point) -> Point {
        Point::new((client.x - 100.0) / 2.0, (client.y - 50.0) / 2.0)
    }
    fn scale(&self) -> f64 {
        2.0
    }
}

fn cluster() -> Document {
    preset("cluster")
        .map(|p| p.document())
        .expect("cluster preset")
}

/// Runs `f` with a scene of `doc` and `selection`, positions as the document has them.
fn with_scene<T>(doc: &Document, selection: &Selection, f: impl FnOnce(&Scene) -> T) -> T {
    let positions = |id: &str| {
        doc.node(id)
            .map_or(Point::default(), |n| Point::new(n.x, n.y))
    };
    let scene = Scene {
        doc,
        selection,
        positions: &positions,
        view: &TwoPixels,
        readonly: false,
        editable: true,
    };
    f(&scene)
}

fn pointer(id: i32, x: f64, y: f64) -> Pointer {
    Pointer {
        id,
        client: Point::new(x, y),
    }
}

fn press(on: Target, at: Pointer) -> Press {
    Press {
        pointer: at,
        on,
        primary: true,
        shift: false,
    }
}

fn release(at: Pointer) -> Release {
    Release {
        pointer: at,
        cancelled: false,
        over: None,
    }
}

fn actions(effects: &[Effect]) -> Vec<Action> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Do(a) => Some(a.clone()),
            _ => None,
        })
        .collect()
}

fn node(id: &str) -> Target {
    Target::Node(id.into())
}

#[test]
fn a_press_and_a_move_below_the_threshold_is_a_click_that_selects() {
    let (doc, none) = (cluster(), Selection::None);
    let mut g = Gestures::default();
    let down = with_scene(&doc, &none, |s| {
        g.press(press(node("lb"), pointer(1, 10.0, 10.0)), s)
    });
    assert_eq!(actions(&down), [Action::Select(Selection::node("lb"))]);
    assert!(matches!(g.state(), State::Pointing(_)));
    let moved = with_scene(&doc, &none, |s| g.moved(pointer(1, 12.0, 11.0), s));
    assert_eq!(moved, [], "2.2 pixels: still a click");
    let up = with_scene(&doc, &none, |s| {
        g.released(release(pointer(1, 12.0, 11.0)), s)
    });
    assert_eq!(actions(&up), [], "a click commits nothing");
    assert!(g.is_idle());
    let kill = g.instance_clicked("lb", 0);
    assert_eq!(
        actions(&kill).len(),
        1,
        "the click on an instance that follows is a kill"
    );
}

#[test]
fn a_move_past_the_threshold_drags_and_the_release_commits_one_move() {
    let doc = cluster();
    let lb = doc.node("lb").map(|n| (n.x, n.y)).expect("lb");
    let selected = Selection::node("lb");
    let mut g = Gestures::default();
    with_scene(&doc, &selected, |s| {
        g.press(press(node("lb"), pointer(1, 10.0, 10.0)), s)
    });
    let moved = with_scene(&doc, &selected, |s| g.moved(pointer(1, 30.0, 10.0), s));
    assert_eq!(moved[0], Effect::Capture(1), "captured once it is a drag");
    let at = Point::new(lb.0 + 10.0, lb.1);
    assert_eq!(
        moved[1],
        Effect::Move(vec![(Rc::from("lb"), at)]),
        "20 pixels: 10 units"
    );
    assert!(
        actions(&moved).is_empty(),
        "the document hears nothing while moving"
    );
    with_scene(&doc, &selected, |s| g.moved(pointer(1, 40.0, 30.0), s));
    let up = with_scene(&doc, &selected, |s| {
        g.released(release(pointer(1, 40.0, 30.0)), s)
    });
    assert_eq!(up[0], Effect::Release(1));
    assert_eq!(
        actions(&up),
        [Action::MoveNodes(vec![(
            "lb".into(),
            lb.0 + 15.0,
            lb.1 + 10.0
        )])],
        "one action, the final positions"
    );
    assert_eq!(
        g.instance_clicked("lb", 0),
        [],
        "the click after a drag is not a kill"
    );
}

#[test]
fn a_drag_of_a_selected_node_moves_the_whole_selection() {
    let doc = cluster();
    let both = Selection::Nodes(vec!["app1".into(), "app2".into()]);
    let mut g = Gestures::default();
    let down = with_scene(&doc, &both, |s| {
        g.press(press(node("app2"), pointer(1, 0.0, 0.0)), s)
    });
    assert_eq!(actions(&down), [], "the selection stays");
    let moved = with_scene(&doc, &both, |s| g.moved(pointer(1, 0.0, 8.0), s));
    let Some(Effect::Move(moves)) = moved.get(1) else {
        panic!("{moved:?}");
    };
    let ids: Vec<&str> = moves.iter().map(|(id, _)| &**id).collect();
    assert_eq!(ids, ["app1", "app2"]);
}

#[test]
fn escape_during_a_drag_puts_the_nodes_back_and_commits_nothing() {
    let doc = cluster();
    let lb = doc.node("lb").map(|n| Point::new(n.x, n.y)).expect("lb");
    let selected = Selection::node("lb");
    let mut g = Gestures::default();
    with_scene(&doc, &selected, |s| {
        g.press(press(node("lb"), pointer(1, 0.0, 0.0)), s)
    });
    with_scene(&doc, &selected, |s| g.moved(pointer(1, 50.0, 0.0), s));
    let cancelled = g.escape().expect("a gesture was under way");
    assert_eq!(
        cancelled,
        [Effect::Release(1), Effect::Move(vec![(Rc::from("lb"), lb)])]
    );
    assert!(g.is_idle());
    let up = with_scene(&doc, &selected, |s| {
        g.released(release(pointer(1, 50.0, 0.0)), s)
    });
    assert_eq!(up, [], "its release is no one's");
    assert_eq!(
        g.escape(),
        None,
        "with nothing under way Escape is not the gesture's"
    );
}

#[test]
fn shift_click_toggles_a_node_in_the_selection_without_a_gesture() {
    let (doc, none) = (cluster(), Selection::None);
    let mut g = Gestures::default();
    let shift = Press {
        shift: true,
        ..press(node("db"), pointer(1, 0.0, 0.0))
    };
    let down = with_scene(&doc, &none, |s| g.press(shift, s));
    assert_eq!(actions(&down), [Action::ToggleSelected("db".into())]);
    assert!(g.is_idle());
}

#[test]
fn a_press_on_the_background_pans_and_a_still_click_selects_the_link_near_it() {
    let (doc, none) = (cluster(), Selection::None);
    let mut g = Gestures::default();
    let down = with_scene(&doc, &none, |s| {
        g.press(press(Target::Background, pointer(1, 0.0, 0.0)), s)
    });
    assert_eq!(down, [Effect::CommitPendingEdit, Effect::Capture(1)]);
    let moved = with_scene(&doc, &none, |s| g.moved(pointer(1, 5.0, -3.0), s));
    assert_eq!(moved, [Effect::Pan(Point::new(5.0, -3.0))]);
    let up = with_scene(&doc, &none, |s| {
        g.released(release(pointer(1, 5.0, -3.0)), s)
    });
    assert_eq!(actions(&up), [], "a pan selects nothing");

    // A click, with no move, on the middle of the link browser -> lb.
    let (a, b) = (
        doc.node("browser").expect("browser"),
        doc.node("lb").expect("lb"),
    );
    let mid = Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
    let client = pointer(2, 100.0 + 2.0 * mid.x, 50.0 + 2.0 * mid.y);
    with_scene(&doc, &none, |s| {
        g.press(press(Target::Background, client), s)
    });
    let up = with_scene(&doc, &none, |s| g.released(release(client), s));
    let link = Selection::Link {
        from: "browser".into(),
        to: "lb".into(),
    };
    assert_eq!(actions(&up), [Action::Select(link)]);

    // Far from every link: nothing selected.
    let far = pointer(3, -10_000.0, -10_000.0);
    with_scene(&doc, &none, |s| g.press(press(Target::Background, far), s));
    let up = with_scene(&doc, &none, |s| g.released(release(far), s));
    assert_eq!(actions(&up), [Action::Select(Selection::None)]);
}

#[test]
fn a_cancelled_still_press_on_the_background_selects_nothing() {
    let (doc, none) = (cluster(), Selection::None);
    let mut g = Gestures::default();
    with_scene(&doc, &none, |s| {
        g.press(press(Target::Background, pointer(1, 0.0, 0.0)), s)
    });
    let cancel = Release {
        cancelled: true,
        ..release(pointer(1, 0.0, 0.0))
    };
    let up = with_scene(&doc, &none, |s| g.released(cancel, s));
    assert_eq!(up, [Effect::Release(1)]);
}

#[test]
fn space_held_makes_a_press_on_a_node_pan() {
    let (doc, none) = (cluster(), Selection::None);
    let mut g = Gestures::default();
    g.hold_space(true);
    let down = with_scene(&doc, &none, |s| {
        g.press(press(node("lb"), pointer(1, 0.0, 0.0)), s)
    });
    assert_eq!(actions(&down), [], "nothing selected");
    assert!(matches!(g.state(), State::Panning(_)));
}

#[test]
fn a_read_only_press_on_a_node_selects_it_and_pans_once_moved() {
    let (doc, none) = (cluster(), Selection::None);
    let positions = |id: &str| {
        doc.node(id)
            .map_or(Point::default(), |n| Point::new(n.x, n.y))
    };
    let scene = Scene {
        doc: &doc,
        selection: &none,
        positions: &positions,
        view: &TwoPixels,
        readonly: true,
        editable: false,
    };
    let mut g = Gestures::default();
    let down = g.press(press(node("lb"), pointer(1, 0.0, 0.0)), &scene);
    assert_eq!(actions(&down), [Action::Select(Selection::node("lb"))]);
    let moved = g.moved(pointer(1, 10.0, 0.0), &scene);
    assert_eq!(moved, [Effect::Capture(1)]);
    assert!(matches!(g.state(), State::Panning(p) if p.moved));
    let handle = g.press(
        press(Target::Handle("lb".into()), pointer(2, 0.0, 0.0)),
        &scene,
    );
    assert_eq!(handle, [], "no link is drawn where nothing can be added");
}

#[test]
fn a_second_finger_on_the_background_pinches_and_lifting_one_pans_on() {
    let (doc, none) = (cluster(), Selection::None);
    let mut g = Gestures::default();
    with_scene(&doc, &none, |s| {
        g.press(press(Target::Background, pointer(1, 0.0, 0.0)), s)
    });
    let second = with_scene(&doc, &none, |s| {
        g.press(press(Target::Background, pointer(2, 100.0, 0.0)), s)
    });
    assert_eq!(second, [Effect::CommitPendingEdit, Effect::Capture(2)]);
    let spread = with_scene(&doc, &none, |s| g.moved(pointer(2, 200.0, 0.0), s));
    assert_eq!(
        spread,
        [
            Effect::Zoom {
                factor: 2.0,
                at: Point::new(100.0, 0.0)
            },
            Effect::Pan(Point::new(50.0, 0.0)),
        ],
        "twice the spread: twice as close, around the middle"
    );
    let lifted = with_scene(&doc, &none, |s| {
        g.released(release(pointer(1, 0.0, 0.0)), s)
    });
    assert_eq!(lifted, [Effect::Release(1)]);
    assert!(matches!(g.state(), State::Panning(p) if p.pointer == 2 && p.moved));
}

#[test]
fn a_marquee_selects_the_nodes_inside_added_to_the_selection() {
    let doc = cluster();
    let base = Selection::node("browser");
    let mut g = Gestures::default();
    let shift = |at| Press {
        shift: true,
        ..press(Target::Background, at)
    };
    // Around app1, app2 and app3 (diagram units), from the client points of its corners.
    let apps: Vec<_> = ["app1", "app2", "app3"]
        .iter()
        .filter_map(|id| doc.node(id))
        .collect();
    let (x0, y0) = (
        apps.iter().map(|n| n.x).fold(f64::MAX, f64::min),
        apps.iter().map(|n| n.y).fold(f64::MAX, f64::min),
    );
    let (x1, y1) = (
        apps.iter().map(|n| n.x).fold(f64::MIN, f64::max),
        apps.iter().map(|n| n.y).fold(f64::MIN, f64::max),
    );
    let client = |x: f64, y: f64| Point::new(100.0 + 2.0 * x, 50.0 + 2.0 * y);
    let start = client(x0, y0);
    let down = with_scene(&doc, &base, |s| {
        g.press(shift(pointer(1, start.x, start.y)), s)
    });
    assert_eq!(
        down.last(),
        Some(&Effect::Marquee(Some(Rect {
            x: x0,
            y: y0,
            w: 0.0,
            h: 0.0
        })))
    );
    let end = client(x1, y1);
    let moved = with_scene(&doc, &base, |s| g.moved(pointer(1, end.x, end.y), s));
    assert_eq!(
        moved,
        [Effect::Marquee(Some(Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0
        }))]
    );
    let up = with_scene(&doc, &base, |s| {
        g.released(release(pointer(1, end.x, end.y)), s)
    });
    assert!(up.contains(&Effect::Marquee(None)), "the marquee is hidden");
    let want: Vec<String> = ["browser", "app1", "app2", "app3"]
        .map(String::from)
        .to_vec();
    assert_eq!(actions(&up), [Action::Select(Selection::Nodes(want))]);
}

#[test]
fn a_connect_released_on_another_node_commits_a_link() {
    let (doc, none) = (cluster(), Selection::None);
    let mut g = Gestures::default();
    let down = with_scene(&doc, &none, |s| {
        g.press(
            press(Target::Handle("browser".into()), pointer(1, 0.0, 0.0)),
            s,
        )
    });
    assert_eq!(down[0], Effect::Capture(1));
    assert!(matches!(down[1], Effect::RubberBand(Some(_))));
    let up = with_scene(&doc, &none, |s| {
        g.released(
            Release {
                over: Some("db".into()),
                ..release(pointer(1, 0.0, 0.0))
            },
            s,
        )
    });
    assert!(up.contains(&Effect::RubberBand(None)));
    assert_eq!(
        actions(&up),
        [Action::AddLink {
            from: "browser".into(),
            to: "db".into()
        }]
    );
}

#[test]
fn a_connect_released_on_empty_space_or_its_own_node_commits_nothing() {
    let (doc, none) = (cluster(), Selection::None);
    for over in [None, Some("browser".to_string())] {
        let mut g = Gestures::default();
        with_scene(&doc, &none, |s| {
            g.press(
                press(Target::Handle("browser".into()), pointer(1, 0.0, 0.0)),
                s,
            )
        });
        let up = with_scene(&doc, &none, |s| {
            g.released(
                Release {
                    over: over.clone(),
                    ..release(pointer(1, 0.0, 0.0))
                },
                s,
            )
        });
        assert_eq!(
            up,
            [Effect::Release(1), Effect::RubberBand(None)],
            "{over:?}"
        );
    }
}

#[test]
fn a_connect_to_a_client_is_refused_with_the_reason() {
    let (doc, none) = (cluster(), Selection::None);
    let mut g = Gestures::default();
    with_scene(&doc, &none, |s| {
        g.press(press(Target::Handle("lb".into()), pointer(1, 0.0, 0.0)), s)
    });
    let up = with_scene(&doc, &none, |s| {
        g.released(
            Release {
                over: Some("browser".into()),
                ..release(pointer(1, 0.0, 0.0))
            },
            s,
        )
    });
    assert!(matches!(
        up.last(),
        Some(Effect::Refused(NoLink::Refused(Refusal::ToClient(_))))
    ));
}

#[test]
fn escape_while_connecting_hides_the_rubber_band() {
    let (doc, none) = (cluster(), Selection::None);
    let mut g = Gestures::default();
    with_scene(&doc, &none, |s| {
        g.press(press(Target::Handle("lb".into()), pointer(1, 0.0, 0.0)), s)
    });
    assert_eq!(
        g.escape(),
        Some(vec![Effect::Release(1), Effect::RubberBand(None)])
    );
}

#[test]
fn hover_and_focus_are_told_only_between_gestures() {
    let (doc, none) = (cluster(), Selection::None);
    let mut g = Gestures::default();
    assert_eq!(
        g.hovered(Some("lb".into())),
        [Effect::Hover(Some("lb".into()))]
    );
    assert_eq!(
        g.focused("lb", &none),
        [Effect::Do(Action::Select(Selection::node("lb")))]
    );
    assert_eq!(
        g.focused("lb", &Selection::node("lb")),
        [],
        "already selected"
    );
    with_scene(&doc, &none, |s| {
        g.press(press(Target::Background, pointer(1, 0.0, 0.0)), s)
    });
    assert_eq!(g.hovered(None), []);
    assert_eq!(g.focused("db", &none), []);
}

#[test]
fn a_press_on_a_link_selects_it_and_a_right_click_starts_nothing() {
    let (doc, none) = (cluster(), Selection::None);
    let mut g = Gestures::default();
    let link = Target::Link {
        from: "lb".into(),
        to: "app1".into(),
    };
    let down = with_scene(&doc, &none, |s| {
        g.press(press(link, pointer(1, 0.0, 0.0)), s)
    });
    assert_eq!(
        actions(&down),
        [Action::Select(Selection::Link {
            from: "lb".into(),
            to: "app1".into()
        })]
    );
    let right = Press {
        primary: false,
        ..press(node("lb"), pointer(2, 0.0, 0.0))
    };
    assert_eq!(with_scene(&doc, &none, |s| g.press(right, s)), []);
    assert!(g.is_idle());
}
