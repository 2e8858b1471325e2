//! The keymap itself: every key the app hears on the page, in the help
//! overlay's groups and order. Rows marked `help: false` are not listed in
//! the overlay (their keys are told by another row's words) but are in
//! `docs/keys.md`. Keys heard by a dialog while it is open (the compare
//! view's `k`, `r`) and the paste of a diagram are the dialog's and
//! `import.rs`'s own.

use super::{Binding, Command, Context, Group, KeyTest, Need, Shortcut};
use crate::navigate::Direction::{Down, Left, Right, Up};
use topolab_engine::i18n::l;

use Command::*;

const ESCAPE: &str = "Escape";
const ENTER: &str = "Enter";
const LEFT: &str = "ArrowLeft";
const RIGHT: &str = "ArrowRight";
const UP: &str = "ArrowUp";
const DOWN: &str = "ArrowDown";

/// The four arrows, each running `command` for its direction.
macro_rules! arrows {
    ($command:ident, $($modifier:tt)*) => {
        &[
            Binding::new("←", LEFT, $command(Left))$($modifier)*,
            Binding::new("↑", UP, $command(Up))$($modifier)*,
            Binding::new("→", RIGHT, $command(Right))$($modifier)*,
            Binding::new("↓", DOWN, $command(Down))$($modifier)*,
        ]
    };
}

const fn row(
    group: Group,
    context: Context,
    bindings: &'static [Binding],
    label: topolab_engine::i18n::Localized,
) -> Shortcut {
    Shortcut {
        group,
        context,
        bindings,
        label,
        help: true,
    }
}

/// A row the help overlay leaves out.
const fn unlisted(shortcut: Shortcut) -> Shortcut {
    Shortcut {
        help: false,
        ..shortcut
    }
}

use Group::{Keyboard, KeyboardEditing, Lessons};

pub const KEYMAP: &[Shortcut] = &[
    // The keyboard at large.
    unlisted(row(
        Keyboard,
        Context::Gesture,
        &[Binding::new("Escape", ESCAPE, CancelGesture).any_modifiers()],
        l("Cancel the gesture under way", "取消进行中的手势"),
    )),
    row(
        Keyboard,
        Context::NodeSelected,
        &[Binding::new("k", "k", KillOne)],
        l(
            "Kill one instance of the selected node",
            "让选中的节点再停掉一个实例",
        ),
    ),
    row(
        Keyboard,
        Context::NodeSelected,
        &[Binding::new("r", "r", ReviveAll)],
        l(
            "Revive every instance of the selected node",
            "恢复选中节点的全部实例",
        ),
    ),
    row(
        Keyboard,
        Context::Selection,
        &[
            Binding::new("Delete", "Delete", DeleteSelection),
            Binding::new("Backspace", "Backspace", DeleteSelection),
        ],
        l("Delete the selection", "删除选中的内容"),
    ),
    row(
        Keyboard,
        Context::Page,
        &[Binding::new("Z", "z|Z", Undo).ctrl()],
        l("Undo", "撤销"),
    ),
    row(
        Keyboard,
        Context::Page,
        &[
            Binding::new("Z", "z|Z", Redo).ctrl().shift(Need::Yes),
            Binding::new("Y", "y|Y", Redo).ctrl().shift(Need::Any),
        ],
        l("Redo", "重做"),
    ),
    row(
        Keyboard,
        Context::Page,
        &[Binding::new("Escape", ESCAPE, ClearSelection)],
        l(
            "Clear the selection, or close this help",
            "取消选择，或关闭本帮助",
        ),
    ),
    row(
        Keyboard,
        Context::Page,
        &[Binding::new("?", "?", ToggleHelp)],
        l("Show or hide this help", "显示或隐藏本帮助"),
    ),
    row(
        Keyboard,
        Context::Page,
        &[
            Binding::new("+", "+|=", ZoomIn),
            Binding::new("-", "-|_", ZoomOut),
        ],
        l("Zoom in, zoom out", "放大、缩小"),
    ),
    row(
        Keyboard,
        Context::Page,
        &[Binding::new("0", "0", Fit)],
        l("Fit the whole diagram in view", "显示整张图"),
    ),
    row(
        Keyboard,
        Context::OnNode,
        arrows!(FocusNearest,),
        l(
            "Move focus to the next node in that direction",
            "把焦点移到该方向上最近的节点",
        ),
    ),
    row(
        Keyboard,
        Context::Fullscreen,
        &[Binding::new("F", "f|F", ToggleFullscreen).once()],
        l(
            "Full screen on or off, for presenting",
            "进入或退出全屏（用于演示）",
        ),
    ),
    unlisted(row(
        Keyboard,
        Context::PageNotButton,
        &[Binding::new("Space", " ", HoldToPan)],
        l("Held: any drag pans", "按住时拖动即平移"),
    )),
    // Editing with the keyboard (keys a focused node takes for itself).
    row(
        KeyboardEditing,
        Context::Page,
        &[Binding::new("Tab", "Tab", Native).any_modifiers()],
        l(
            "Enter the diagram (focus lands on the selected node, else the first)",
            "进入图（焦点落在选中的节点上，否则落在第一个节点上）",
        ),
    ),
    unlisted(row(
        KeyboardEditing,
        Context::Inspector,
        &[Binding::new("Escape", ESCAPE, BackToNode).any_modifiers()],
        l("Back to the node", "回到节点"),
    )),
    row(
        KeyboardEditing,
        Context::NodeFocused,
        &[Binding::new("→", RIGHT, FollowLink(Right)).shift(Need::Yes)],
        l(
            "Follow the focused node's first outgoing link",
            "沿焦点节点的第一条出发连线前进",
        ),
    ),
    row(
        KeyboardEditing,
        Context::NodeFocused,
        &[Binding::new("←", LEFT, FollowLink(Left)).shift(Need::Yes)],
        l(
            "Go back along a link, to the node that calls this one",
            "沿连线返回到调用本节点的节点",
        ),
    ),
    row(
        KeyboardEditing,
        Context::NodeFocused,
        &[
            Binding::new("↓", DOWN, FollowLink(Down)).shift(Need::Yes),
            Binding::new("↑", UP, FollowLink(Up)).shift(Need::Yes),
        ],
        l(
            "Next or previous node called by that same caller",
            "同一调用方调用的下一个或上一个节点",
        ),
    ),
    row(
        KeyboardEditing,
        Context::NodeFocused,
        arrows!(MoveNode, .ctrl()),
        l(
            "Move the focused node one grid step (undo takes each step back)",
            "把焦点节点移动一格（每一步都可以撤销）",
        ),
    ),
    row(
        KeyboardEditing,
        Context::NodeFocused,
        &[Binding::new("Enter", ENTER, EditInInspector).shift(Need::No)],
        l(
            "Edit the focused node in the inspector (Escape comes back)",
            "在检查器中编辑焦点节点（按 Esc 返回）",
        ),
    ),
    row(
        KeyboardEditing,
        Context::NodeFocusedEditable,
        &[Binding::new("A", "a|A", AddMenu)],
        l(
            "Add a node next to the focused one: choose its kind in the menu",
            "在焦点节点旁添加节点：在菜单中选择类型",
        ),
    ),
    row(
        KeyboardEditing,
        Context::NodeFocusedEditable,
        &[Binding::new("C", "c|C", StartConnect)],
        l(
            "Connect the focused node: choose the target with the arrows or its first letter, Enter links, Escape cancels",
            "连线：用方向键或标签首字母选择目标节点，按回车键连接，按 Esc 取消",
        ),
    ),
    // Choosing a link's target after C: every key is taken but these.
    unlisted(row(
        KeyboardEditing,
        Context::Connecting,
        &[Binding::new("Escape", ESCAPE, CancelConnect).any_modifiers()],
        l("Stop connecting", "取消连线"),
    )),
    unlisted(row(
        KeyboardEditing,
        Context::Connecting,
        &[Binding::new("Enter", ENTER, ConnectToFocused).any_modifiers()],
        l("Link to the focused node", "连接到焦点节点"),
    )),
    unlisted(row(
        KeyboardEditing,
        Context::Connecting,
        arrows!(FocusNearest, .shift(Need::No)),
        l("The nearest node that way", "该方向最近的节点"),
    )),
    unlisted(row(
        KeyboardEditing,
        Context::Connecting,
        &[
            Binding::any("← ↑ → ↓", KeyTest::Keys("ArrowLeft|ArrowUp|ArrowRight|ArrowDown"), Native)
                .shift(Need::No)
                .alt(Need::Yes),
            Binding::any("Tab / Shift / Ctrl / Alt / Meta", KeyTest::Keys("Tab|Shift|Control|Alt|Meta"), Native)
                .any_modifiers(),
        ],
        l("Their usual meaning", "保持原有作用"),
    )),
    unlisted(row(
        KeyboardEditing,
        Context::Connecting,
        &[Binding::any("Letter", KeyTest::Character, ConnectByLetter)],
        l("The next node whose label starts with it", "标签以它开头的下一个节点"),
    )),
    unlisted(row(
        KeyboardEditing,
        Context::Connecting,
        &[Binding::any("Any other key", KeyTest::Any, Swallow).any_modifiers()],
        l("Nothing happens", "不起作用"),
    )),
    // Lessons.
    row(
        Lessons,
        Context::NoChooser,
        &[Binding::new("L", "l|L", ChooseLesson)],
        l("Open the list of lessons", "打开课程列表"),
    ),
    row(
        Lessons,
        Context::Lesson,
        &[
            Binding::new("Page Down", "PageDown", NextStep),
            Binding::new("N", "n|N", NextStep),
        ],
        l(
            "In a lesson: next step (after a lesson's last step, the next lesson)",
            "课程中：下一步（一节课的最后一步之后进入下一课）",
        ),
    ),
    row(
        Lessons,
        Context::Lesson,
        &[
            Binding::new("Page Up", "PageUp", PreviousStep),
            Binding::new("P", "p|P", PreviousStep),
        ],
        l("In a lesson: previous step", "课程中：上一步"),
    ),
    row(
        Lessons,
        Context::LessonToLeave,
        &[Binding::new("Escape", ESCAPE, LeaveLesson)],
        l(
            "In a lesson: leave it, keeping the diagram (a selection is cleared first)",
            "课程中：退出课程，保留当前示意图（有选中的节点时先取消选中）",
        ),
    ),
];
