//! The keymap, natively: what each key means where, that every key of the
//! app is in it, and that `docs/keys.md` is what the keymap writes
//! (`UPDATE_KEYS=1` rewrites it).

use topolab_editor::keymap::{
    commands, help_rows, markdown, Command, Focus, Group, KeyPress, Selected, Situation, KEYMAP,
};
use topolab_editor::navigate::Direction;
use topolab_editor::{Action, Selection};
use topolab_engine::i18n::Lang;

use Command::*;

fn key(k: &str) -> KeyPress {
    KeyPress::of(k)
}

/// Focus on a node of the diagram, which is selected (focus selects).
fn on_node() -> Situation {
    Situation {
        focus: Focus::Node,
        selected: Selected::Nodes,
        editable: true,
        ..Situation::default()
    }
}

#[test]
fn the_editing_shortcuts_act_on_the_selection() {
    let page = Situation {
        selected: Selected::Nodes,
        ..Situation::default()
    };
    assert_eq!(commands(&key("k"), &page), [KillOne]);
    assert_eq!(commands(&key("r"), &page), [ReviveAll]);
    assert_eq!(commands(&key("Delete"), &page), [DeleteSelection]);
    assert_eq!(commands(&key("Backspace"), &page), [DeleteSelection]);
    assert_eq!(commands(&key("z").ctrl(), &page), [Undo]);
    assert_eq!(commands(&key("Z").ctrl().shift(), &page), [Redo]);
    assert_eq!(commands(&key("y").ctrl(), &page), [Redo]);
    let nothing = Situation::default();
    assert_eq!(commands(&key("k"), &nothing), [], "k needs a node selected");
    assert_eq!(commands(&key("Delete"), &nothing), []);
    assert_eq!(commands(&key("K"), &page), [], "Shift+k is not k");
}

#[test]
fn a_command_becomes_the_action_of_the_selection() {
    let lb = Selection::node("lb");
    assert_eq!(
        KillOne.action(&lb),
        Some(Action::KillOne { id: "lb".into() })
    );
    assert_eq!(KillOne.action(&Selection::None), None);
    assert_eq!(
        ClearSelection.action(&lb),
        Some(Action::Select(Selection::None))
    );
    assert_eq!(ClearSelection.action(&Selection::None), None);
    assert_eq!(ZoomIn.action(&lb), None, "the view is not the editor's");
}

#[test]
fn a_text_field_keeps_its_keys_and_a_button_its_space() {
    let typing = Situation {
        focus: Focus::TextField,
        selected: Selected::Nodes,
        ..Situation::default()
    };
    for k in ["k", "Delete", "?", "0", "l", "f", " ", "Escape"] {
        assert_eq!(commands(&key(k), &typing), [], "{k}");
    }
    let button = Situation {
        focus: Focus::Button,
        ..Situation::default()
    };
    assert_eq!(commands(&key(" "), &button), []);
    assert_eq!(commands(&key(" "), &Situation::default()), [HoldToPan]);
}

#[test]
fn escape_clears_the_selection_and_in_a_lesson_with_nothing_selected_leaves_it() {
    let lesson = Situation {
        lesson_open: true,
        ..Situation::default()
    };
    assert_eq!(
        commands(&key("Escape"), &lesson),
        [ClearSelection, LeaveLesson]
    );
    let selected = Situation {
        selected: Selected::Nodes,
        ..lesson
    };
    assert_eq!(
        commands(&key("Escape"), &selected),
        [ClearSelection],
        "the selection first"
    );
    let in_panel = Situation {
        in_lesson_panel: true,
        ..selected
    };
    assert_eq!(
        commands(&key("Escape"), &in_panel),
        [ClearSelection, LeaveLesson]
    );
}

#[test]
fn a_gesture_under_way_takes_escape() {
    let dragging = Situation {
        gesture: true,
        lesson_open: true,
        ..on_node()
    };
    assert_eq!(commands(&key("Escape"), &dragging), [CancelGesture]);
}

#[test]
fn a_focused_node_takes_the_keyboard_editing_keys() {
    let s = on_node();
    assert_eq!(
        commands(&key("ArrowRight").shift(), &s),
        [FollowLink(Direction::Right)]
    );
    assert_eq!(
        commands(&key("ArrowUp").ctrl(), &s),
        [MoveNode(Direction::Up)]
    );
    assert_eq!(
        commands(&key("ArrowLeft"), &s),
        [FocusNearest(Direction::Left)]
    );
    assert_eq!(commands(&key("Enter"), &s), [EditInInspector]);
    assert_eq!(commands(&key("a"), &s), [AddMenu]);
    assert_eq!(commands(&key("C"), &s), [StartConnect]);
    assert_eq!(
        commands(&key("k"), &s),
        [KillOne],
        "the page's keys still act on it"
    );
    let readonly = Situation {
        editable: false,
        ..s
    };
    assert_eq!(commands(&key("a"), &readonly), []);
    assert_eq!(commands(&key("c"), &readonly), []);
    let elsewhere = Situation {
        focus: Focus::Other,
        ..s
    };
    assert_eq!(
        commands(&key("ArrowLeft"), &elsewhere),
        [],
        "arrows need a focused node"
    );
    assert_eq!(commands(&key("ArrowLeft").shift(), &elsewhere), []);
}

#[test]
fn choosing_a_links_target_takes_every_key_but_arrows_tab_and_modifiers() {
    let s = Situation {
        connecting: true,
        ..on_node()
    };
    assert_eq!(commands(&key("Escape"), &s), [CancelConnect]);
    assert_eq!(commands(&key("Enter"), &s), [ConnectToFocused]);
    assert_eq!(
        commands(&key("k"), &s),
        [ConnectByLetter],
        "k is a letter here"
    );
    assert_eq!(
        commands(&key("ArrowDown"), &s),
        [FocusNearest(Direction::Down)]
    );
    assert_eq!(commands(&key("Tab"), &s), [Native]);
    assert_eq!(commands(&key("Shift").shift(), &s), [Native]);
    assert_eq!(
        commands(&key("z").ctrl(), &s),
        [Swallow],
        "no undo while choosing"
    );
    assert_eq!(commands(&key("ArrowDown").shift(), &s), [Swallow]);
}

#[test]
fn escape_in_the_inspector_goes_back_to_the_node() {
    let s = Situation {
        focus: Focus::TextField,
        in_inspector: true,
        selected: Selected::Nodes,
        ..Situation::default()
    };
    assert_eq!(commands(&key("Escape"), &s), [BackToNode]);
    let no_node = Situation {
        selected: Selected::Link,
        ..s
    };
    assert_eq!(commands(&key("Escape"), &no_node), []);
}

#[test]
fn the_lesson_keys_act_in_a_lesson_and_l_anywhere_but_in_its_list() {
    let closed = Situation::default();
    assert_eq!(commands(&key("l"), &closed), [ChooseLesson]);
    assert_eq!(commands(&key("n"), &closed), [], "no lesson open");
    let lesson = Situation {
        lesson_open: true,
        ..closed
    };
    assert_eq!(commands(&key("PageDown"), &lesson), [NextStep]);
    assert_eq!(commands(&key("N"), &lesson), [NextStep]);
    assert_eq!(commands(&key("p"), &lesson), [PreviousStep]);
    let chooser = Situation {
        chooser_open: true,
        ..lesson
    };
    assert_eq!(commands(&key("l"), &chooser), []);
    assert_eq!(commands(&key("n"), &chooser), []);
}

#[test]
fn the_view_keys_zoom_and_fit_and_f_goes_full_screen_once_per_press() {
    let s = Situation {
        fullscreen: true,
        ..Situation::default()
    };
    assert_eq!(commands(&key("+"), &s), [ZoomIn]);
    assert_eq!(commands(&key("="), &s), [ZoomIn]);
    assert_eq!(commands(&key("_"), &s), [ZoomOut]);
    assert_eq!(commands(&key("0"), &s), [Fit]);
    assert_eq!(commands(&key("?"), &s), [ToggleHelp]);
    assert_eq!(commands(&key("F"), &s), [ToggleFullscreen]);
    let held = KeyPress {
        repeat: true,
        ..key("f")
    };
    assert_eq!(commands(&held, &s), []);
    assert_eq!(
        commands(&key("f"), &Situation::default()),
        [],
        "where full screen is not allowed"
    );
    assert_eq!(
        commands(&key("0").ctrl(), &s),
        [],
        "Ctrl+0 is the browser's"
    );
}

#[test]
fn the_help_lists_its_groups_as_before() {
    let rows: Vec<usize> = Group::ALL.iter().map(|&g| help_rows(g).count()).collect();
    assert_eq!(rows, [11, 8, 4]);
    let first = help_rows(Group::Keyboard).next().expect("a row");
    assert_eq!(first.combos(Lang::En), [["k"]]);
    let redo = help_rows(Group::Keyboard).nth(4).expect("redo");
    assert_eq!(
        redo.combos(Lang::En),
        [vec!["Ctrl", "Shift", "Z"], vec!["Ctrl", "Y"]]
    );
    let escape = help_rows(Group::Keyboard).nth(5).expect("escape");
    assert_eq!(escape.combos(Lang::Zh), [["Esc"]]);
}

#[test]
fn every_row_says_what_it_does_in_both_languages() {
    for shortcut in KEYMAP {
        for lang in Lang::ALL {
            assert!(!shortcut.label.get(lang).is_empty(), "{}", shortcut.name());
            assert!(!shortcut.context.describe().get(lang).is_empty());
        }
        assert!(!shortcut.bindings.is_empty(), "{}", shortcut.name());
    }
}

#[test]
fn docs_keys_md_is_what_the_keymap_writes() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/keys.md");
    let written = markdown();
    if std::env::var_os("UPDATE_KEYS").is_some() {
        std::fs::write(path, &written).expect("docs/keys.md written");
        return;
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == written,
        "docs/keys.md differs from the keymap: run `UPDATE_KEYS=1 cargo test -p topolab-editor --test keymap`"
    );
}
