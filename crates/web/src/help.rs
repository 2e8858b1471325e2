//! The help overlay (`?`): every shortcut and gesture, in a modal dialog. The
//! keys' rows are written from the keymap ([`topolab_editor::keymap`]), the
//! table the page's key listener reads, so they cannot disagree.
//! Focus moves to its close button when it opens and back where it was when it
//! closes; Escape, `?`, the close button and a click beside it close it; keys
//! pressed inside it never reach the diagram behind.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, SvgElement};
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::lang::{Lang, Localized};
use topolab_editor::keymap::{help_rows, key_cap, Command, Group, Shortcut};
use topolab_engine::i18n::l;

const TITLE: Localized = l("Keyboard shortcuts and gestures", "键盘快捷键与手势");
const CLOSE: Localized = l("Close", "关闭");
const CLOSE_LONG: Localized = l("Close the help (Escape)", "关闭帮助（Esc）");
const COL_KEYS: Localized = l("Key or gesture", "按键或手势");
const COL_ACTION: Localized = l("What it does", "作用");
const POINTER: Localized = l("Mouse, pen and touch", "鼠标、触控笔与触屏");
const OR: Localized = l("or", "或");
const MAC_NOTE: Localized = l(
    "On a Mac, ⌘ works wherever Ctrl is written.",
    "在 Mac 上，凡是写着 Ctrl 的地方都可以用 ⌘。",
);

/// Gestures: (what the hand does, what happens).
const GESTURES: &[(Localized, Localized)] = &[
    (l("Click a node", "点击节点"), l("Select it", "选中它")),
    (
        l("Shift + click a node", "Shift + 点击节点"),
        l("Add it to the selection", "把它加入已选中的节点"),
    ),
    (
        l("Shift + drag on empty space", "在空白处 Shift + 拖动"),
        l("Select every node in the area", "框选区域内的所有节点"),
    ),
    (
        l(
            "Drag on empty space, or Space + drag",
            "在空白处拖动，或按住空格键拖动",
        ),
        l("Pan the diagram", "平移视图"),
    ),
    (
        l("Wheel, or pinch", "滚动滚轮，或双指捏合"),
        l("Zoom", "缩放"),
    ),
    (
        l("Drag a node", "拖动节点"),
        l(
            "Move it, with the rest of the selection",
            "移动它，连同其他选中的节点",
        ),
    ),
    (
        l(
            "Drag from a node's handle (the small circle on its right) to another node",
            "从节点的连接柄（右侧的小圆点）拖到另一个节点上",
        ),
        l("Connect the two nodes", "连接这两个节点"),
    ),
    (
        l("Click an instance (a small square)", "点击实例（小方块）"),
        l("Kill it, or revive it", "停掉或恢复该实例"),
    ),
    (
        l(
            "Drag a kind from the palette onto the canvas, or click it",
            "把组件面板里的类型拖到画布上，或直接点击它",
        ),
        l("Add a node", "添加节点"),
    ),
];

/// Importing (src/ui/import.rs): (what the hand does, what happens), in both languages.
const IMPORTING: (Localized, &[(Localized, Localized)]) = (
    l("Importing a diagram", "导入图"),
    &[
        (
            l("Ctrl + V outside a text field", "在输入框之外按 Ctrl + V"),
            l(
                "Import the topolab/1 JSON you copied (Undo brings the old diagram back)",
                "导入复制的 topolab/1 JSON（撤销可恢复原来的图）",
            ),
        ),
        (
            l("Drop a .json file on the diagram", "把 .json 文件拖到图上"),
            l("Import it", "导入该文件"),
        ),
    ],
);

/// Whether the help is open, and how it closes.
pub struct HelpProps {
    pub open: bool,
    pub on_close: Callback<()>,
}

/// A group's heading row in the help table.
fn group(title: &'static str) -> Html {
    html! { <tr class="help-group"><th scope="rowgroup" colspan="2">{ title }</th></tr> }
}

/// The keymap's rows of `group`: its keys, what they do.
fn keymap_rows(group: Group, lang: Lang) -> Html {
    help_rows(group).map(|s| keymap_row(s, lang)).collect()
}

/// One of the keymap's rows (`F`'s marked `data-help-fullscreen`).
fn keymap_row(shortcut: &Shortcut, lang: Lang) -> Html {
    let combos = shortcut.combos(lang);
    let combos: Vec<&[&str]> = combos.iter().map(Vec::as_slice).collect();
    let fullscreen = shortcut
        .bindings
        .iter()
        .any(|b| b.command == Command::ToggleFullscreen)
        .then_some("");
    html! {
        <tr data-help-fullscreen={fullscreen}>
            <th scope="row">{ keys_view(&combos, lang) }</th>
            <td>{ shortcut.label.get(lang) }</td>
        </tr>
    }
}

/// The rows of a table of keys and what they do (another part's keys, heard by it).
fn key_rows(table: &[(&[&[&str]], Localized)], lang: Lang) -> Html {
    table
        .iter()
        .map(|&(keys, action)| row(keys_view(keys, lang), action.get(lang)))
        .collect()
}

/// The rows of a table of gestures (or steps) and what they do.
fn text_rows(table: &[(Localized, Localized)], lang: Lang) -> Html {
    table
        .iter()
        .map(|(how, what)| row(how.get(lang).into(), what.get(lang)))
        .collect()
}

/// One row of the help table: how, then what it does.
fn row(how: Html, what: &'static str) -> Html {
    html! { <tr><th scope="row">{ how }</th><td>{ what }</td></tr> }
}

fn keys_view(alternatives: &[&[&str]], lang: Lang) -> Html {
    let alternative = |(i, combo): (usize, &&[&str])| {
        html! {
            <>
                if i > 0 { <span class="help-or">{ format!(" {} ", OR.get(lang)) }</span> }
                { for combo.iter().enumerate().map(|(j, key)| html! {
                    <>
                        if j > 0 { { "+" } }
                        <kbd>{ key_cap(key, lang).to_string() }</kbd>
                    </>
                }) }
            </>
        }
    };
    html! { <>{ for alternatives.iter().enumerate().map(alternative) }</> }
}

/// Gives focus back to what had it before the dialog opened.
fn refocus(element: &Element) {
    if let Some(html) = element.dyn_ref::<HtmlElement>() {
        let _ = html.focus();
    } else if let Some(svg) = element.dyn_ref::<SvgElement>() {
        let _ = svg.focus();
    }
}

/// The dialog of keys, while `props.open`.
#[hook]
pub fn use_help_overlay(props: HelpProps, lang: Lang) -> Html {
    let close_button = use_node_ref();
    let backdrop = use_node_ref();
    {
        let close_button = close_button.clone();
        use_effect_with(props.open, move |&open| {
            let before = open
                .then(gloo::utils::document)
                .and_then(|d| d.active_element());
            if open {
                if let Some(button) = close_button.cast::<HtmlElement>() {
                    let _ = button.focus();
                }
            }
            move || {
                if let Some(element) = before.filter(|e| e.is_connected()) {
                    refocus(&element);
                }
            }
        });
    }
    if !props.open {
        return html! {};
    }
    let on_close = props.on_close.clone();
    let close = {
        let on_close = on_close.clone();
        move |_: MouseEvent| on_close.emit(())
    };
    let on_backdrop = {
        let (on_close, backdrop) = (on_close.clone(), backdrop.clone());
        move |e: MouseEvent| {
            let target = e.target_dyn_into::<Element>();
            if target.is_some() && target == backdrop.cast::<Element>() {
                on_close.emit(());
            }
        }
    };
    let on_key = {
        let close_button = close_button.clone();
        move |e: KeyboardEvent| {
            // A modal: the diagram's shortcuts stay asleep behind it.
            e.stop_propagation();
            match e.key().as_str() {
                "Escape" | "?" => {
                    e.prevent_default();
                    on_close.emit(());
                }
                // The close button is the dialog's only control: Tab stays on it.
                "Tab" => {
                    e.prevent_default();
                    if let Some(button) = close_button.cast::<HtmlElement>() {
                        let _ = button.focus();
                    }
                }
                _ => {}
            }
        }
    };
    html! {
        <div class="help-backdrop" ref={backdrop} onclick={on_backdrop}>
            <div class="help-dialog" role="dialog" aria-modal="true"
                 aria-labelledby="help-title" data-help="" onkeydown={on_key}>
                <div class="help-header">
                    <h2 id="help-title">{ TITLE.get(lang) }</h2>
                    <button type="button" class="help-close" ref={close_button}
                            onclick={close} title={CLOSE_LONG.get(lang)}>{ CLOSE.get(lang) }</button>
                </div>
                <table class="help-table">
                    <thead><tr>
                        <th scope="col">{ COL_KEYS.get(lang) }</th>
                        <th scope="col">{ COL_ACTION.get(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { group(Group::Keyboard.title().get(lang)) }
                        { keymap_rows(Group::Keyboard, lang) }
                    </tbody>
                    <tbody data-help-keyboard-editing="">
                        { group(Group::KeyboardEditing.title().get(lang)) }
                        { keymap_rows(Group::KeyboardEditing, lang) }
                    </tbody>
                    <tbody data-help-lessons="">
                        { group(Group::Lessons.title().get(lang)) }
                        { keymap_rows(Group::Lessons, lang) }
                    </tbody>
                    <tbody>
                        { group(POINTER.get(lang)) }
                        { text_rows(GESTURES, lang) }
                    </tbody>
                    <tbody>
                        { group(super::compare::HELP_TITLE.get(lang)) }
                        { key_rows(super::compare::HELP, lang) }
                    </tbody>
                    <tbody data-help-traffic="">
                        { group(super::traffic::HELP_TITLE.get(lang)) }
                        { text_rows(super::traffic::HELP, lang) }
                    </tbody>
                    <tbody data-help-importing="">
                        { group(IMPORTING.0.get(lang)) }
                        { text_rows(IMPORTING.1, lang) }
                    </tbody>
                </table>
                <p class="note">{ MAC_NOTE.get(lang) }</p>
                <p class="note" data-help-lesson-link="">{ super::lessons::help_note(lang) }</p>
            </div>
        </div>
    }
}
