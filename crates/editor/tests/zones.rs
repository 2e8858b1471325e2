//! Editing zones (docs/spec/model.md §8): adding, renaming, setting the
//! availability of and removing a zone, a node's zone list and "Spread over
//! zones", each one undoable step that undo takes back exactly; bad values are
//! refused with words, and change nothing.

use topolab_editor::zones::{
    add_zone, rename_zone, set_zone_availability, spread_over_zones, ZoneRefusal,
};
use topolab_editor::{Action, EditorState};
use topolab_engine::i18n::Lang;
use topolab_engine::presets::preset;
use topolab_engine::validate;

fn state(name: &str) -> EditorState {
    EditorState::new(preset(name).map(|p| p.document()).expect("preset"))
}

/// `action` applied to `s` changed the document in one undo step that
/// restores it exactly, and the result is valid.
fn one_step(s: &EditorState, action: Action) -> EditorState {
    let after = s.apply(action.clone());
    assert_ne!(after.doc(), s.doc(), "{action:?} changed nothing");
    assert!(
        validate(after.doc()).is_empty(),
        "{action:?} left it invalid"
    );
    assert_ne!(after.topology_rev(), s.topology_rev());
    let undone = after.apply(Action::Undo);
    assert_eq!(undone.doc(), s.doc(), "undo of {action:?}");
    assert!(
        !undone.can_undo() || s.can_undo(),
        "one step for {action:?}"
    );
    assert_eq!(undone.apply(Action::Redo).doc(), after.doc());
    after
}

/// `action` applied to `s` changed nothing and left nothing to undo.
fn refused(s: &EditorState, action: Action) {
    let after = s.apply(action.clone());
    assert_eq!(after.doc(), s.doc(), "{action:?}");
    assert_eq!(after.can_undo(), s.can_undo(), "{action:?}");
}

fn zones_of(s: &EditorState, node: &str) -> Option<Vec<String>> {
    s.doc().node(node).and_then(|n| n.zones.clone())
}

#[test]
fn a_new_zone_gets_a_fresh_id_and_the_default_availability() {
    let s = state("three-zones");
    let after = one_step(&s, Action::AddZone);
    let zone = after.doc().zones.last().expect("a zone");
    assert_eq!(zone.id, "zone-4");
    assert_eq!((zone.label.as_deref(), zone.availability), (None, None));
    assert_eq!(zone.availability(), 0.9999, "model.md §8's default");
    let again = one_step(&after, Action::AddZone);
    assert_eq!(
        again.doc().zones.last().map(|z| z.id.as_str()),
        Some("zone-5")
    );
    // A taken zone-k is skipped.
    let mut doc = (**s.doc()).clone();
    doc.zones[0].id = "zone-4".into();
    for n in &mut doc.nodes {
        if let Some(list) = &mut n.zones {
            list[0] = "zone-4".into();
        }
    }
    let added = add_zone(&doc).expect("added");
    assert_eq!(added.zones[3].id, "zone-5");
    let first = one_step(&state("cluster"), Action::AddZone);
    assert_eq!(first.doc().zones[0].id, "zone-1");
}

#[test]
fn at_most_sixteen_zones_are_added() {
    let mut s = state("cluster");
    for _ in 0..16 {
        s = s.apply(Action::AddZone);
    }
    assert_eq!(s.doc().zones.len(), 16);
    refused(&s, Action::AddZone);
    let why = add_zone(s.doc()).expect_err("refused");
    assert_eq!(why, ZoneRefusal::TooMany);
    assert!(why.message(Lang::En).contains("16"));
    assert!(why.message(Lang::Zh).contains("16"));
}

#[test]
fn renaming_a_zone_sets_its_label_and_empty_removes_it() {
    let s = state("three-zones");
    let after = one_step(
        &s,
        Action::RenameZone {
            id: "az-b".into(),
            label: "  Frankfurt ".into(),
        },
    );
    assert_eq!(after.doc().zones[1].label.as_deref(), Some("Frankfurt"));
    assert_eq!(
        after.doc().zones[1].id,
        "az-b",
        "the id, and references, stay"
    );
    let bare = one_step(
        &after,
        Action::RenameZone {
            id: "az-b".into(),
            label: " ".into(),
        },
    );
    assert_eq!(bare.doc().zones[1].label, None);
    assert_eq!(bare.doc().zones[1].label(), "az-b");
}

#[test]
fn a_label_over_eighty_characters_is_refused_with_its_place() {
    let s = state("three-zones");
    let long = "x".repeat(81);
    refused(
        &s,
        Action::RenameZone {
            id: "az-a".into(),
            label: long.clone(),
        },
    );
    let why = rename_zone(s.doc(), "az-a", &long).expect_err("refused");
    assert!(why
        .message(Lang::En)
        .starts_with("zones[0].label: 81 characters"));
    assert!(why.message(Lang::Zh).contains("81"));
}

#[test]
fn a_zone_availability_is_set_and_out_of_range_values_are_refused() {
    let s = state("three-zones");
    let after = one_step(
        &s,
        Action::SetZoneAvailability {
            id: "az-c".into(),
            availability: Some(0.999),
        },
    );
    assert_eq!(after.doc().zones[2].availability, Some(0.999));
    let one = one_step(
        &after,
        Action::SetZoneAvailability {
            id: "az-c".into(),
            availability: Some(1.0),
        },
    );
    assert_eq!(one.doc().zones[2].availability(), 1.0, "1 is allowed");
    let default = one_step(
        &one,
        Action::SetZoneAvailability {
            id: "az-c".into(),
            availability: None,
        },
    );
    assert_eq!(default.doc().zones[2].availability, None);
    for bad in [0.0, -0.5, 1.5, f64::NAN, f64::INFINITY] {
        refused(
            &s,
            Action::SetZoneAvailability {
                id: "az-a".into(),
                availability: Some(bad),
            },
        );
        let why = set_zone_availability(s.doc(), "az-a", Some(bad)).expect_err("refused");
        assert!(
            why.message(Lang::En).starts_with("zones[0].availability:"),
            "{bad}: {}",
            why.message(Lang::En)
        );
    }
}

#[test]
fn removing_a_zone_takes_every_reference_and_empty_lists_with_it() {
    let s = state("three-zones").apply(Action::SetNodeZones {
        id: "db".into(),
        zones: vec!["az-b".into()],
    });
    let after = one_step(&s, Action::RemoveZone { id: "az-b".into() });
    let ids: Vec<&str> = after.doc().zones.iter().map(|z| z.id.as_str()).collect();
    assert_eq!(ids, ["az-a", "az-c"]);
    assert_eq!(
        zones_of(&after, "app"),
        Some(vec!["az-a".into(), "az-c".into()])
    );
    assert_eq!(zones_of(&after, "db"), None, "no empty list is left");
    assert!(!serde_json::to_string(&**after.doc())
        .expect("json")
        .contains("az-b"));
}

#[test]
fn a_nodes_zone_list_is_set_and_emptied() {
    let s = state("three-zones");
    let after = one_step(
        &s,
        Action::SetNodeZones {
            id: "app".into(),
            zones: vec!["az-c".into(), "az-a".into()],
        },
    );
    assert_eq!(
        zones_of(&after, "app"),
        Some(vec!["az-c".into(), "az-a".into()])
    );
    let node = after.doc().node("app").expect("app");
    let run: Vec<Option<&str>> = (0..3).map(|i| node.zone_of(i)).collect();
    assert_eq!(run, [Some("az-c"), Some("az-a"), Some("az-c")]);
    let none = one_step(
        &after,
        Action::SetNodeZones {
            id: "app".into(),
            zones: vec![],
        },
    );
    assert_eq!(zones_of(&none, "app"), None);
}

#[test]
fn a_zone_list_naming_no_zone_twice_or_a_client_is_refused() {
    let s = state("three-zones");
    for (id, zones) in [
        ("app", vec!["ghost"]),
        ("app", vec!["az-a", "az-a"]),
        ("browser", vec!["az-a"]),
        ("nobody", vec!["az-a"]),
    ] {
        refused(
            &s,
            Action::SetNodeZones {
                id: id.into(),
                zones: zones.into_iter().map(String::from).collect(),
            },
        );
    }
}

#[test]
fn spread_over_zones_puts_instance_i_in_zone_i_mod_len() {
    let mut doc = preset("cluster").map(|p| p.document()).expect("cluster");
    doc.zones = ["a", "b"]
        .into_iter()
        .map(topolab_engine::Zone::new)
        .collect();
    let db = doc.nodes.iter().position(|n| n.id == "db").expect("db");
    doc.nodes[db].replicas = Some(3);
    let s = EditorState::new(doc);
    let after = one_step(&s, Action::SpreadOverZones { id: "db".into() });
    let node = after.doc().node("db").expect("db");
    let run: Vec<Option<&str>> = (0..3).map(|i| node.zone_of(i)).collect();
    assert_eq!(run, [Some("a"), Some("b"), Some("a")]);
    // Again: nothing left to change, no step.
    refused(&after, Action::SpreadOverZones { id: "db".into() });
}

#[test]
fn spread_over_zones_needs_instances_and_zones() {
    let s = state("three-zones").apply(Action::SetNodeZones {
        id: "app".into(),
        zones: vec![],
    });
    let mut one = (**s.doc()).clone();
    let app = one.node_index("app").expect("app");
    one.nodes[app].replicas = Some(1);
    let why = spread_over_zones(&one, "app").expect_err("one instance");
    assert!(matches!(why, ZoneRefusal::OneInstance(_)));
    assert!(why.message(Lang::Zh).contains("App server"));
    let cluster = state("cluster");
    refused(&cluster, Action::SpreadOverZones { id: "db".into() });
    assert_eq!(
        spread_over_zones(cluster.doc(), "db"),
        Err(ZoneRefusal::NoZones)
    );
}

#[test]
fn zone_edits_are_refused_in_an_embed_and_read_only() {
    for action in [
        Action::AddZone,
        Action::RemoveZone { id: "az-a".into() },
        Action::SpreadOverZones { id: "app".into() },
    ] {
        assert!(!action.explores(), "{action:?}");
        assert!(!action.leaves_document(), "{action:?}");
    }
}
