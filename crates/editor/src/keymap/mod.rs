//! Every keyboard shortcut of the app in one table ([`KEYMAP`], after
//! excalidraw's actions): each entry its keys, where it applies, the
//! [`Command`] it runs and its words in English and Chinese. The page's one
//! key listener asks [`commands`] what a key press means; the help overlay
//! and `docs/keys.md` ([`markdown`]) are written from the same table, so
//! neither can disagree with what the keys do.
//!
//! Code map: this file holds the types and the matching; `table` the table;
//! `markdown` the document written from it.

mod markdown;
mod table;

pub use markdown::markdown;
pub use table::KEYMAP;

use crate::navigate::Direction;
use crate::{Action, Selection};
use topolab_engine::i18n::{l, Lang, Localized};

/// Whether a modifier must be held, must not be, or either.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    No,
    Yes,
    Any,
}

impl Need {
    fn allows(self, held: bool) -> bool {
        match self {
            Need::No => !held,
            Need::Yes => held,
            Need::Any => true,
        }
    }
}

/// Which `KeyboardEvent.key` values a binding hears.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyTest {
    /// One of these, separated by `|` ("z|Z").
    Keys(&'static str),
    /// Any one character (a letter typed).
    Character,
    /// Any key at all.
    Any,
}

/// One key press, as the browser reports it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyPress {
    /// `KeyboardEvent.key`: "k", "ArrowLeft", " ", "Escape" ...
    pub key: String,
    /// Ctrl, or ⌘ on a Mac.
    pub ctrl: bool,
    pub shift: bool,
    pub alt: bool,
    /// Sent again by a key held down.
    pub repeat: bool,
}

impl KeyPress {
    /// A press of `key` alone.
    pub fn of(key: &str) -> KeyPress {
        KeyPress {
            key: key.to_string(),
            ..KeyPress::default()
        }
    }

    /// This press with Ctrl held.
    pub fn ctrl(self) -> KeyPress {
        KeyPress { ctrl: true, ..self }
    }

    /// This press with Shift held.
    pub fn shift(self) -> KeyPress {
        KeyPress {
            shift: true,
            ..self
        }
    }
}

/// What a key asks for; the web crate performs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    KillOne,
    ReviveAll,
    DeleteSelection,
    Undo,
    Redo,
    /// Clear the selection and leave the diagram (focus goes nowhere).
    ClearSelection,
    ToggleHelp,
    ToggleFullscreen,
    ZoomIn,
    ZoomOut,
    Fit,
    /// Space held: any drag pans.
    HoldToPan,
    /// Drop the pointer gesture under way ([`crate::gesture::Gestures::escape`]).
    CancelGesture,
    /// Focus the nearest node that way by position ([`crate::navigate::nearest`]).
    FocusNearest(Direction),
    /// Focus along the links ([`crate::navigate::LinkPath::follow`]).
    FollowLink(Direction),
    /// Move the focused node one grid step.
    MoveNode(Direction),
    /// Focus the inspector's first field (not taken when it has none).
    EditInInspector,
    /// From the inspector back to the node it edits.
    BackToNode,
    /// Open the menu of kinds to add a node next to the focused one.
    AddMenu,
    /// Start choosing a link's target from the focused node.
    StartConnect,
    /// Link to the focused node ([`crate::connect::connect`]).
    ConnectToFocused,
    CancelConnect,
    /// Focus the next node whose label starts with the letter typed.
    ConnectByLetter,
    ChooseLesson,
    NextStep,
    PreviousStep,
    LeaveLesson,
    /// The key keeps its own meaning (Tab moves focus): nothing is done, nothing prevented.
    Native,
    /// Taken, and nothing happens.
    Swallow,
}

impl Command {
    /// A stable name, for the help's rows and `docs/keys.md`.
    pub fn name(self) -> &'static str {
        match self {
            Command::KillOne => "kill-one",
            Command::ReviveAll => "revive-all",
            Command::DeleteSelection => "delete-selection",
            Command::Undo => "undo",
            Command::Redo => "redo",
            Command::ClearSelection => "clear-selection",
            Command::ToggleHelp => "help",
            Command::ToggleFullscreen => "fullscreen",
            Command::ZoomIn => "zoom-in",
            Command::ZoomOut => "zoom-out",
            Command::Fit => "fit",
            Command::HoldToPan => "hold-to-pan",
            Command::CancelGesture => "cancel-gesture",
            Command::FocusNearest(_) => "focus-nearest",
            Command::FollowLink(_) => "follow-link",
            Command::MoveNode(_) => "move-node",
            Command::EditInInspector => "edit-in-inspector",
            Command::BackToNode => "back-to-node",
            Command::AddMenu => "add-menu",
            Command::StartConnect => "connect",
            Command::ConnectToFocused => "connect-to-focused",
            Command::CancelConnect => "cancel-connect",
            Command::ConnectByLetter => "connect-by-letter",
            Command::ChooseLesson => "choose-lesson",
            Command::NextStep => "next-step",
            Command::PreviousStep => "previous-step",
            Command::LeaveLesson => "leave-lesson",
            Command::Native => "native",
            Command::Swallow => "swallow",
        }
    }

    /// The editor action this command is, with `selection` as it is (none
    /// when it needs what is not selected, or is no editor action).
    pub fn action(self, selection: &Selection) -> Option<Action> {
        let node = || selection.primary().map(str::to_string);
        let any = *selection != Selection::None;
        match self {
            Command::KillOne => node().map(|id| Action::KillOne { id }),
            Command::ReviveAll => node().map(|id| Action::ReviveAll { id }),
            Command::DeleteSelection if any => Some(Action::DeleteSelection),
            Command::ClearSelection if any => Some(Action::Select(Selection::None)),
            Command::Undo => Some(Action::Undo),
            Command::Redo => Some(Action::Redo),
            _ => None,
        }
    }
}

/// One key (with its modifiers) and the command it runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Binding {
    pub key: KeyTest,
    /// The key as printed on its cap (or named, for a kind of key).
    pub cap: &'static str,
    pub ctrl: Need,
    pub shift: Need,
    pub alt: Need,
    /// A key held down (auto-repeat) acts again.
    pub repeat: bool,
    pub command: Command,
}

impl Binding {
    /// `keys` (separated by `|`), without Ctrl or Alt, Shift either way, printed as `cap`.
    pub const fn new(cap: &'static str, keys: &'static str, command: Command) -> Self {
        Binding {
            key: KeyTest::Keys(keys),
            cap,
            ctrl: Need::No,
            shift: Need::Any,
            alt: Need::No,
            repeat: true,
            command,
        }
    }

    /// Any key `key` hears, named `cap`.
    pub const fn any(cap: &'static str, key: KeyTest, command: Command) -> Self {
        Binding {
            key,
            ..Binding::new(cap, "", command)
        }
    }

    /// With Ctrl (or ⌘) held, and not Shift.
    pub const fn ctrl(self) -> Self {
        Binding {
            ctrl: Need::Yes,
            shift: Need::No,
            ..self
        }
    }

    pub const fn shift(self, need: Need) -> Self {
        Binding {
            shift: need,
            ..self
        }
    }

    pub const fn alt(self, need: Need) -> Self {
        Binding { alt: need, ..self }
    }

    /// Whatever the modifiers.
    pub const fn any_modifiers(self) -> Self {
        Binding {
            ctrl: Need::Any,
            shift: Need::Any,
            alt: Need::Any,
            ..self
        }
    }

    /// Not again while the key is held down.
    pub const fn once(self) -> Self {
        Binding {
            repeat: false,
            ..self
        }
    }

    /// Whether this binding hears `press`.
    pub fn matches(&self, press: &KeyPress) -> bool {
        let key = match self.key {
            KeyTest::Keys(keys) => keys.split('|').any(|k| k == press.key),
            KeyTest::Character => press.key.chars().count() == 1,
            KeyTest::Any => true,
        };
        key && self.ctrl.allows(press.ctrl)
            && self.shift.allows(press.shift)
            && self.alt.allows(press.alt)
            && (self.repeat || !press.repeat)
    }

    /// The keys pressed together, as printed: "Ctrl", "Shift", "Alt", then the key's cap.
    pub fn combo(&self, lang: Lang) -> Vec<&'static str> {
        let mut keys = Vec::new();
        if self.ctrl == Need::Yes {
            keys.push("Ctrl");
        }
        if self.shift == Need::Yes {
            keys.push("Shift");
        }
        if self.alt == Need::Yes {
            keys.push("Alt");
        }
        keys.push(key_cap(self.cap, lang));
        keys
    }
}

/// A key's name on its cap: as written, but Escape is "Esc" on the keyboards
/// Chinese readers use (and in Chinese writing about them); a kind of key
/// is named in words.
pub fn key_cap(cap: &str, lang: Lang) -> &str {
    match (cap, lang) {
        ("Escape", Lang::Zh) => "Esc",
        ("Letter", Lang::Zh) => "字母",
        ("Any other key", Lang::Zh) => "其他任意键",
        _ => cap,
    }
}

/// Where the key was pressed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    /// A text field, a select or editable text: it keeps its keys.
    TextField,
    /// A button: it keeps Space.
    Button,
    /// A node of the diagram.
    Node,
    #[default]
    Other,
}

/// What is selected, as far as keys care.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Selected {
    #[default]
    Nothing,
    Link,
    /// Nodes (the last one is the one keys act on).
    Nodes,
}

impl From<&Selection> for Selected {
    fn from(selection: &Selection) -> Selected {
        match selection {
            Selection::None => Selected::Nothing,
            Selection::Link { .. } => Selected::Link,
            Selection::Nodes(ids) if ids.is_empty() => Selected::Nothing,
            Selection::Nodes(_) => Selected::Nodes,
        }
    }
}

/// Everything about the page a key's meaning depends on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Situation {
    pub focus: Focus,
    /// Focus is in the inspector.
    pub in_inspector: bool,
    /// Focus is in the lesson's panel.
    pub in_lesson_panel: bool,
    pub selected: Selected,
    /// A link's target is being chosen by keyboard (after `C`).
    pub connecting: bool,
    /// A pointer gesture is under way.
    pub gesture: bool,
    /// Nodes and links can be added (not an embed, not read-only).
    pub editable: bool,
    pub lesson_open: bool,
    pub chooser_open: bool,
    /// The page may go full screen.
    pub fullscreen: bool,
}

/// Where a shortcut applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Anywhere but a text field (a dialog keeps its keys to itself).
    Page,
    /// Anywhere but a text field or a button.
    PageNotButton,
    /// Something selected.
    Selection,
    /// A node selected.
    NodeSelected,
    /// A node of the diagram focused, choosing a link's target or not.
    OnNode,
    /// A node focused: keyboard editing.
    NodeFocused,
    /// A node focused, on a page that can add nodes and links.
    NodeFocusedEditable,
    /// In the inspector, a node selected.
    Inspector,
    /// Choosing a link's target, a node focused.
    Connecting,
    /// A pointer gesture under way.
    Gesture,
    /// The list of lessons closed.
    NoChooser,
    /// A lesson open (and its list closed).
    Lesson,
    /// A lesson open and nothing selected, or focus in its panel.
    LessonToLeave,
    /// The page may go full screen.
    Fullscreen,
}

impl Context {
    /// Whether it applies in `s`.
    pub fn applies(self, s: &Situation) -> bool {
        let page = s.focus != Focus::TextField;
        let node = s.focus == Focus::Node;
        let lesson = page && s.lesson_open && !s.chooser_open;
        match self {
            Context::Page => page,
            Context::PageNotButton => page && s.focus != Focus::Button,
            Context::Selection => page && s.selected != Selected::Nothing,
            Context::NodeSelected => page && s.selected == Selected::Nodes,
            Context::OnNode => node,
            Context::NodeFocused => node && !s.connecting,
            Context::NodeFocusedEditable => node && !s.connecting && s.editable,
            Context::Inspector => s.in_inspector && s.selected == Selected::Nodes,
            Context::Connecting => node && s.connecting,
            Context::Gesture => s.gesture,
            Context::NoChooser => page && !s.chooser_open,
            Context::Lesson => lesson,
            Context::LessonToLeave => {
                lesson && (s.selected == Selected::Nothing || s.in_lesson_panel)
            }
            Context::Fullscreen => page && s.fullscreen,
        }
    }

    /// Whether a key it hears goes nowhere else: a gesture, the inspector
    /// and keyboard editing take their keys; the page's shortcuts all act
    /// (Escape both clears the selection and may leave a lesson).
    pub fn takes(self) -> bool {
        matches!(
            self,
            Context::Gesture
                | Context::Inspector
                | Context::Connecting
                | Context::NodeFocused
                | Context::NodeFocusedEditable
        )
    }

    /// Where it applies, in words.
    pub fn describe(self) -> Localized {
        match self {
            Context::Page => l("anywhere but a text field", "文本框以外的任何地方"),
            Context::PageNotButton => l(
                "anywhere but a text field or a button",
                "文本框和按钮以外的任何地方",
            ),
            Context::Selection => l("something selected", "有选中内容时"),
            Context::NodeSelected => l("a node selected", "选中节点时"),
            Context::OnNode => l(
                "a node focused, also while choosing a link's target",
                "节点获得焦点时（选择连线目标时也一样）",
            ),
            Context::NodeFocused => l("a node focused", "节点获得焦点时"),
            Context::NodeFocusedEditable => l(
                "a node focused, on a page that can be edited",
                "节点获得焦点且页面可以编辑时",
            ),
            Context::Inspector => l(
                "in the inspector, a node selected",
                "在检查器中且选中节点时",
            ),
            Context::Connecting => l("choosing a link's target", "选择连线目标时"),
            Context::Gesture => l(
                "while dragging, panning, selecting an area or drawing a link",
                "拖动、平移、框选或连线的过程中",
            ),
            Context::NoChooser => l("the list of lessons closed", "课程列表未打开时"),
            Context::Lesson => l("in a lesson", "课程中"),
            Context::LessonToLeave => l(
                "in a lesson, with nothing selected or from its panel",
                "课程中，未选中任何内容或焦点在课程面板内时",
            ),
            Context::Fullscreen => l("where the page may go full screen", "页面允许全屏时"),
        }
    }
}

/// The help overlay's groups of keys, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Keyboard,
    KeyboardEditing,
    Lessons,
}

impl Group {
    pub const ALL: [Group; 3] = [Group::Keyboard, Group::KeyboardEditing, Group::Lessons];

    /// Its heading.
    pub fn title(self) -> Localized {
        match self {
            Group::Keyboard => l("Keyboard", "键盘"),
            Group::KeyboardEditing => l("Editing with the keyboard", "用键盘编辑"),
            Group::Lessons => l("Lessons", "课程"),
        }
    }
}

/// One row of the keymap: alternative keys for one thing to do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shortcut {
    pub group: Group,
    pub context: Context,
    pub bindings: &'static [Binding],
    pub label: Localized,
    /// Listed in the help overlay (the rest is in `docs/keys.md` only).
    pub help: bool,
}

impl Shortcut {
    /// Its keys: alternatives, each a combination pressed together.
    pub fn combos(&self, lang: Lang) -> Vec<Vec<&'static str>> {
        self.bindings.iter().map(|b| b.combo(lang)).collect()
    }

    /// The name of what it does (its first binding's command).
    pub fn name(&self) -> &'static str {
        self.bindings.first().map_or("", |b| b.command.name())
    }
}

/// The rows of group `group` listed in the help overlay, in order.
pub fn help_rows(group: Group) -> impl Iterator<Item = &'static Shortcut> {
    KEYMAP.iter().filter(move |s| s.group == group && s.help)
}

/// What `press` asks for in `situation`: the first command of a context
/// that takes its keys, else every page shortcut it matches, in table order
/// (none: the key is not ours).
pub fn commands(press: &KeyPress, situation: &Situation) -> Vec<Command> {
    let mut found = Vec::new();
    for shortcut in KEYMAP.iter().filter(|s| s.context.applies(situation)) {
        for binding in shortcut.bindings.iter().filter(|b| b.matches(press)) {
            if shortcut.context.takes() {
                return vec![binding.command];
            }
            found.push(binding.command);
        }
    }
    found
}
