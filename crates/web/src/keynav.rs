//! Editing the diagram with the keyboard alone, on top of the
//! arrow keys' moves by position (`canvas.rs`):
//!
//! | keys, on a focused node | what they do |
//! |---|---|
//! | Shift+→ | follow the node's first outgoing link (to the first node it calls) |
//! | Shift+← | back along a link, to the caller it was reached from (else its first caller) |
//! | Shift+↓ / Shift+↑ | the next / previous node called by that same caller |
//! | Ctrl+arrows | move the node one grid step (24 units); each press one undo step |
//! | Enter | focus the inspector's first field (Escape there comes back to the node) |
//! | A | a menu of node kinds: the one chosen is added to the right of the node, and focused |
//! | C | connect: choose the target with the arrows or by typing its label's first letter, Enter links, Escape cancels |
//!
//! What a focused node links to is said by one shared description element
//! (`aria-describedby`, set on the focused node only and written when it gets
//! focus), so the layer's markup of every node stays as it was.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

use super::canvas::focus_node;
use super::lang::{use_lang, Lang, Localized, Text};
use super::node_text::link_description;
use super::palette::kind_name;
use super::positions::Positions;
use super::viewport::Viewport;
use topolab_editor::{edit, Action, Selection};
use topolab_engine::geometry::node_size;
use topolab_engine::i18n::l;
use topolab_engine::{Document, NodeKind};

/// The id of the one element that describes the focused node's links.
pub const DESCRIPTION_ID: &str = "topolab-node-links";
/// One press of Ctrl+arrow moves a node this far (the grid's step).
const MOVE_STEP: f64 = 24.0;
/// A node added from the menu goes this far right of the focused one, or the nearest free spot.
const ADD_OFFSET: f64 = 200.0;

/// The help overlay's rows for these keys (src/ui/help.rs).
pub const HELP_TITLE: Localized = l("Editing with the keyboard", "用键盘编辑");
pub const HELP: &[(&[&[&str]], Localized)] = &[
    (
        &[&["Tab"]],
        l(
            "Enter the diagram (focus lands on the selected node, else the first)",
            "进入图（焦点落在选中的节点上，否则落在第一个节点上）",
        ),
    ),
    (
        &[&["Shift", "→"]],
        l(
            "Follow the focused node's first outgoing link",
            "沿焦点节点的第一条出发连线前进",
        ),
    ),
    (
        &[&["Shift", "←"]],
        l(
            "Go back along a link, to the node that calls this one",
            "沿连线返回到调用本节点的节点",
        ),
    ),
    (
        &[&["Shift", "↓"], &["Shift", "↑"]],
        l(
            "Next or previous node called by that same caller",
            "同一调用方调用的下一个或上一个节点",
        ),
    ),
    (
        &[&["Ctrl", "←"], &["Ctrl", "↑"], &["Ctrl", "→"], &["Ctrl", "↓"]],
        l(
            "Move the focused node one grid step (undo takes each step back)",
            "把焦点节点移动一格（每一步都可以撤销）",
        ),
    ),
    (
        &[&["Enter"]],
        l(
            "Edit the focused node in the inspector (Escape comes back)",
            "在检查器中编辑焦点节点（按 Esc 返回）",
        ),
    ),
    (
        &[&["A"]],
        l(
            "Add a node next to the focused one: choose its kind in the menu",
            "在焦点节点旁添加节点：在菜单中选择类型",
        ),
    ),
    (
        &[&["C"]],
        l(
            "Connect the focused node: choose the target with the arrows or its first letter, Enter links, Escape cancels",
            "连线：用方向键或标签首字母选择目标节点，按回车键连接，按 Esc 取消",
        ),
    ),
];

const NO_LINK_THAT_WAY: Localized = l("No link that way.", "这个方向没有连线。");
const PICK_ANOTHER: Localized = l(
    "Choose another node to connect to.",
    "请选择另一个节点作为连线目标。",
);

/// What the keys are doing now, as the view shows it.
#[derive(Clone, Debug, PartialEq)]
enum Mode {
    Idle,
    /// Choosing the node to link from `from` (its label) to.
    Connecting {
        from: String,
        label: String,
    },
    /// The kind menu is open for a node added next to `near`.
    Adding {
        near: String,
    },
}

/// What the listener, built once, knows of the latest render.
struct Latest {
    doc: Rc<Document>,
    selection: Selection,
    lang: Lang,
    editable: bool,
    mode: Mode,
    /// Where Shift+arrows came from: the callers followed, last on top.
    path: Vec<String>,
}

/// What the canvas needs back from [`use_key_editing`].
pub struct KeyEditing {
    /// The connect hint, the kind menu and the description element.
    pub view: Html,
    /// Set when a node was just added by keyboard: the canvas focuses the
    /// selected node after its next drawing.
    pub focus_after: Rc<Cell<bool>>,
}

/// The props of [`use_key_editing`].
pub struct KeyEditingArgs {
    pub doc: Rc<Document>,
    pub selection: Selection,
    pub svg: NodeRef,
    pub rubber: NodeRef,
    pub positions: Positions,
    pub viewport: Viewport,
    pub dispatch: Callback<Action>,
    pub tell: Callback<Text>,
    pub editable: bool,
}

/// The targets of `id`'s links, in document order.
fn callees(doc: &Document, id: &str) -> Vec<String> {
    doc.links
        .iter()
        .filter(|l| l.from == id)
        .map(|l| l.to.clone())
        .collect()
}

/// The sources of the links to `id`, in document order.
fn callers(doc: &Document, id: &str) -> Vec<String> {
    doc.links
        .iter()
        .filter(|l| l.to == id)
        .map(|l| l.from.clone())
        .collect()
}

/// Where Shift+`key` goes from node `at` along the links; `path` holds the
/// callers followed so far and is kept up to date.
pub fn follow(doc: &Document, at: &str, key: &str, path: &mut Vec<String>) -> Option<String> {
    // A caller on the path that no longer calls `at` (focus moved by position) is forgotten.
    let parent = match path.last() {
        Some(p) if callers(doc, at).contains(p) => Some(p.clone()),
        _ => {
            path.clear();
            callers(doc, at).into_iter().next()
        }
    };
    match key {
        "ArrowRight" => {
            let to = callees(doc, at).into_iter().next()?;
            path.push(at.to_string());
            Some(to)
        }
        "ArrowLeft" => {
            let to = parent?;
            path.pop();
            Some(to)
        }
        "ArrowDown" | "ArrowUp" => {
            let parent = parent?;
            let siblings = callees(doc, &parent);
            let i = siblings.iter().position(|s| s == at)?;
            let n = siblings.len();
            let j = if key == "ArrowDown" {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            if path.last() != Some(&parent) {
                path.push(parent);
            }
            (j != i).then(|| siblings[j].clone())
        }
        _ => None,
    }
}

/// The next node after `at` (in document order, wrapping) whose label starts
/// with `letter`, for choosing a link's target by typing. Latin letters match
/// either case; others as typed (ASCII case keeps the Unicode case tables,
/// 24 KB, out of the wasm: BENCHMARKS.md, "The single file").
fn by_letter(doc: &Document, at: &str, letter: &str) -> Option<String> {
    let letter = letter.to_ascii_lowercase();
    let start = doc.nodes.iter().position(|n| n.id == at).unwrap_or(0);
    let n = doc.nodes.len();
    (1..=n)
        .map(|k| &doc.nodes[(start + k) % n])
        .find(|node| node.label().to_ascii_lowercase().starts_with(&letter))
        .map(|node| node.id.clone())
}

/// The node of the main diagram an event's target is, if it is one.
fn diagram_node(target: Option<&Element>) -> Option<String> {
    let el = target?;
    el.has_attribute("data-node-id")
        .then_some(())
        .and_then(|_| el.closest("svg[data-topolab-canvas]").ok().flatten())?;
    el.get_attribute("data-node-id")
}

/// Focuses the inspector's first field, if it shows one.
fn focus_inspector() -> bool {
    let found = gloo::utils::document()
        .query_selector(
            ".inspector input:not([disabled]), .inspector select:not([disabled]), \
             .inspector textarea, .inspector button:not([disabled])",
        )
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<HtmlElement>().ok());
    found.is_some_and(|el| el.focus().is_ok())
}

/// Pans the view the least that shows node `id` whole, with a margin: a node
/// reached by keyboard is never off screen.
fn keep_in_view(viewport: &Viewport, positions: &Positions, doc: &Document, id: &str) {
    const MARGIN: f64 = 24.0;
    let Some(node) = doc.node(id) else {
        return;
    };
    let ((x, y), (w, h)) = (positions.get(id), node_size(node));
    let view = viewport.get();
    let shift = |lo: f64, hi: f64, start: f64, size: f64| {
        if hi - lo + 2.0 * MARGIN > size {
            (lo + hi) / 2.0 - (start + size / 2.0)
        } else if lo - MARGIN < start {
            lo - MARGIN - start
        } else if hi + MARGIN > start + size {
            hi + MARGIN - (start + size)
        } else {
            0.0
        }
    };
    let dx = shift(x - w / 2.0, x + w / 2.0, view.x, view.w);
    let dy = shift(y - h / 2.0, y + h / 2.0, view.y, view.h);
    if dx != 0.0 || dy != 0.0 {
        viewport.set(view.panned(dx, dy));
    }
}

/// Draws the rubber band from `from` to `to` (or hides it).
fn rubber_band(rubber: &NodeRef, positions: &Positions, ends: Option<(&str, &str)>) {
    let Some(el) = rubber.cast::<Element>() else {
        return;
    };
    match ends {
        Some((from, to)) => {
            let ((x1, y1), (x2, y2)) = (positions.get(from), positions.get(to));
            for (name, value) in [("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)] {
                let _ = el.set_attribute(name, &value.to_string());
            }
            let _ = el.set_attribute("visibility", "visible");
        }
        None => {
            let _ = el.set_attribute("visibility", "hidden");
        }
    }
}

/// The keys above, heard on the window before anything else (capture phase),
/// so that a key they take never reaches the page's other shortcuts.
#[hook]
pub fn use_key_editing(args: KeyEditingArgs) -> KeyEditing {
    let lang = use_lang();
    let mode = use_state(|| Mode::Idle);
    let focus_after = use_memo((), |_| Rc::new(Cell::new(false)));
    let latest = use_mut_ref(|| Latest {
        doc: args.doc.clone(),
        selection: args.selection.clone(),
        lang,
        editable: args.editable,
        mode: Mode::Idle,
        path: Vec::new(),
    });
    {
        let mut l = latest.borrow_mut();
        l.doc = args.doc.clone();
        l.selection = args.selection.clone();
        l.lang = lang;
        l.editable = args.editable;
        l.mode = (*mode).clone();
    }
    let description = use_node_ref();
    let menu = use_node_ref();

    {
        let (latest, mode) = (latest.clone(), mode.setter());
        let (svg, rubber, positions, viewport) = (
            args.svg.clone(),
            args.rubber.clone(),
            args.positions.clone(),
            args.viewport.clone(),
        );
        let (dispatch, tell) = (args.dispatch.clone(), args.tell.clone());
        let description = description.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let options = EventListenerOptions {
                phase: EventListenerPhase::Capture,
                passive: false,
            };
            let (keys_latest, keys_svg, keys_rubber, keys_positions) = (
                latest.clone(),
                svg.clone(),
                rubber.clone(),
                positions.clone(),
            );
            let keys_mode = mode.clone();
            let keys = EventListener::new_with_options(&window, "keydown", options, move |e| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
                let key = e.key();
                let ctrl = e.ctrl_key() || e.meta_key();
                let take = || {
                    e.prevent_default();
                    e.stop_propagation();
                };
                // Escape in the inspector goes back to the node it edits.
                if key == "Escape"
                    && target
                        .as_ref()
                        .and_then(|t| t.closest(".inspector").ok().flatten())
                        .is_some()
                {
                    let primary = keys_latest.borrow().selection.primary().map(str::to_string);
                    if let Some(id) = primary {
                        take();
                        focus_node(&keys_svg, &id);
                    }
                    return;
                }
                let Some(at) = diagram_node(target.as_ref()) else {
                    return;
                };
                // Nothing stays borrowed while a focus, an action or a state change (each
                // of which may run the focus listener or a render at once) is under way.
                let (doc, mode_now, editable) = {
                    let l = keys_latest.borrow();
                    (l.doc.clone(), l.mode.clone(), l.editable)
                };
                if let Mode::Connecting { from, .. } = mode_now {
                    match key.as_str() {
                        "Escape" => {
                            take();
                            keys_mode.set(Mode::Idle);
                            rubber_band(&keys_rubber, &keys_positions, None);
                            focus_node(&keys_svg, &from);
                        }
                        "Enter" => {
                            take();
                            if at == from {
                                tell.emit(Text::from(PICK_ANOTHER));
                                return;
                            }
                            match edit::why_no_link(&doc, &from, &at) {
                                Some(why) => tell.emit(Text::of(|lang| match lang {
                                    Lang::En => format!("No link: {}.", why.message(lang)),
                                    Lang::Zh => format!("无法连线：{}。", why.message(lang)),
                                })),
                                None => {
                                    keys_mode.set(Mode::Idle);
                                    rubber_band(&keys_rubber, &keys_positions, None);
                                    dispatch.emit(Action::AddLink {
                                        from: from.clone(),
                                        to: at.clone(),
                                    });
                                    // Focus stays on the target, and selection follows focus.
                                    dispatch.emit(Action::Select(Selection::node(at.clone())));
                                }
                            }
                        }
                        k if k.starts_with("Arrow") && !e.shift_key() && !ctrl => {}
                        "Tab" | "Shift" | "Control" | "Alt" | "Meta" => {}
                        k if k.chars().count() == 1 && !ctrl && !e.alt_key() => {
                            take();
                            if let Some(to) = by_letter(&doc, &at, k) {
                                focus_node(&keys_svg, &to);
                            }
                        }
                        // Nothing else acts while a target is being chosen.
                        _ => take(),
                    }
                    return;
                }
                if e.alt_key() {
                    return;
                }
                match key.as_str() {
                    k if k.starts_with("Arrow") && e.shift_key() && !ctrl => {
                        take();
                        let next = follow(&doc, &at, k, &mut keys_latest.borrow_mut().path);
                        match next {
                            Some(to) => focus_node(&keys_svg, &to),
                            None => tell.emit(Text::from(NO_LINK_THAT_WAY)),
                        }
                    }
                    k if k.starts_with("Arrow") && ctrl && !e.shift_key() => {
                        take();
                        let (dx, dy) = match k {
                            "ArrowLeft" => (-MOVE_STEP, 0.0),
                            "ArrowRight" => (MOVE_STEP, 0.0),
                            "ArrowUp" => (0.0, -MOVE_STEP),
                            _ => (0.0, MOVE_STEP),
                        };
                        let (x, y) = keys_positions.get(&at);
                        dispatch.emit(Action::MoveNode {
                            id: at,
                            x: x + dx,
                            y: y + dy,
                        });
                    }
                    // Taken only when the inspector had a field to focus.
                    "Enter" if !ctrl && !e.shift_key() && focus_inspector() => take(),
                    "a" | "A" if !ctrl && editable => {
                        take();
                        keys_mode.set(Mode::Adding { near: at });
                    }
                    "c" | "C" if !ctrl && editable => {
                        take();
                        let label = doc.node(&at).map_or(at.clone(), |n| n.label().to_string());
                        rubber_band(&keys_rubber, &keys_positions, Some((&at, &at)));
                        keys_mode.set(Mode::Connecting { from: at, label });
                    }
                    _ => {}
                }
            });
            // Focus on a node: its links are written into the one description,
            // and a link being chosen stretches to it. Focus anywhere else ends
            // the choice.
            let focus = EventListener::new(&gloo::utils::document(), "focusin", move |e| {
                let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
                let Ok(l) = latest.try_borrow() else {
                    return;
                };
                match diagram_node(target.as_ref()) {
                    Some(id) => {
                        // Not when a pointer press focused it: the view must not jump under a drag.
                        if target
                            .as_ref()
                            .is_some_and(|el| el.matches(":focus-visible").unwrap_or(false))
                        {
                            keep_in_view(&viewport, &positions, &l.doc, &id);
                        }
                        if let (Some(el), Some(desc)) = (&target, description.cast::<Element>()) {
                            desc.set_text_content(Some(&link_description(&l.doc, &id, l.lang)));
                            let _ = el.set_attribute("aria-describedby", DESCRIPTION_ID);
                        }
                        if let Mode::Connecting { from, .. } = &l.mode {
                            rubber_band(&rubber, &positions, Some((from, &id)));
                        }
                    }
                    None => {
                        if matches!(l.mode, Mode::Connecting { .. }) {
                            drop(l);
                            mode.set(Mode::Idle);
                            rubber_band(&rubber, &positions, None);
                        }
                    }
                }
            });
            move || drop((keys, focus))
        });
    }

    // The kind menu takes focus when it opens.
    {
        let menu = menu.clone();
        use_effect_with((*mode).clone(), move |mode| {
            if matches!(mode, Mode::Adding { .. }) {
                if let Some(first) = menu
                    .cast::<Element>()
                    .and_then(|m| m.query_selector("button").ok().flatten())
                    .and_then(|b| b.dyn_into::<HtmlElement>().ok())
                {
                    let _ = first.focus();
                }
            }
        });
    }

    let view = match &*mode {
        Mode::Idle => html! {},
        Mode::Connecting { label, .. } => {
            let text = match lang {
                Lang::En => format!(
                    "Connecting from {label}: choose the target with the arrow keys or its first letter, Enter links, Escape cancels."
                ),
                Lang::Zh => format!(
                    "从“{label}”连线：用方向键或标签首字母选择目标，按回车键连接，按 Esc 取消。"
                ),
            };
            html! { <p class="notice key-hint" role="status" data-connect-hint="">{ text }</p> }
        }
        Mode::Adding { near } => {
            let near = near.clone();
            let close = {
                let (mode, svg, near) = (mode.clone(), args.svg.clone(), near.clone());
                move || {
                    mode.set(Mode::Idle);
                    focus_node(&svg, &near);
                }
            };
            let on_key = {
                let close = close.clone();
                move |e: KeyboardEvent| {
                    // A menu: the diagram's shortcuts stay asleep while it is open.
                    e.stop_propagation();
                    let key = e.key();
                    let Some(active) = gloo::utils::document().active_element() else {
                        return;
                    };
                    let step = |forward: bool| {
                        let next = if forward {
                            active.next_element_sibling()
                        } else {
                            active.previous_element_sibling()
                        };
                        let parent = active.parent_element();
                        next.or_else(|| {
                            parent.and_then(|p| {
                                if forward {
                                    p.first_element_child()
                                } else {
                                    p.last_element_child()
                                }
                            })
                        })
                        .and_then(|el| el.dyn_into::<HtmlElement>().ok())
                        .map(|el| el.focus())
                    };
                    match key.as_str() {
                        "Escape" | "Tab" => {
                            e.prevent_default();
                            close();
                        }
                        "ArrowDown" | "ArrowRight" => {
                            e.prevent_default();
                            step(true);
                        }
                        "ArrowUp" | "ArrowLeft" => {
                            e.prevent_default();
                            step(false);
                        }
                        _ => {}
                    }
                }
            };
            let items = NodeKind::ALL.iter().map(|&kind| {
                let onclick = {
                    let (dispatch, tell, doc) =
                        (args.dispatch.clone(), args.tell.clone(), args.doc.clone());
                    let (mode, positions, near) =
                        (mode.clone(), args.positions.clone(), near.clone());
                    let focus_after = focus_after.clone();
                    move |_: MouseEvent| {
                        mode.set(Mode::Idle);
                        if let Some(why) = edit::why_no_node(&doc) {
                            tell.emit(Text::of(|lang| match lang {
                                Lang::En => format!("No new node: {}.", why.message(lang)),
                                Lang::Zh => format!("无法添加节点：{}。", why.message(lang)),
                            }));
                            return;
                        }
                        let (x, y) = positions.get(&near);
                        let (x, y) = edit::free_spot(&doc, kind, (x + ADD_OFFSET, y));
                        focus_after.set(true);
                        dispatch.emit(Action::AddNode { kind, x, y });
                    }
                };
                html! {
                    <button type="button" role="menuitem" data-add-kind={kind.as_str()} {onclick}>
                        { kind_name(kind, lang) }
                    </button>
                }
            });
            let label = args
                .doc
                .node(&near)
                .map_or(near.clone(), |n| n.label().to_string());
            let title = match lang {
                Lang::En => format!("Add next to {label} (Escape cancels):"),
                Lang::Zh => format!("在“{label}”旁添加（按 Esc 取消）："),
            };
            html! {
                <div class="key-menu" data-add-menu="" onkeydown={on_key}>
                    <p class="key-menu-title" id="topolab-add-menu-title">{ title }</p>
                    <div class="key-menu-items" role="menu" aria-labelledby="topolab-add-menu-title"
                         ref={menu.clone()}>
                        { for items }
                    </div>
                </div>
            }
        }
    };
    let view = html! {
        <>
            { view }
            <p id={DESCRIPTION_ID} ref={description} hidden=true />
        </>
    };
    KeyEditing {
        view,
        focus_after: (*focus_after).clone(),
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::*;

    use super::{by_letter, follow};
    use crate::announce::change_text;
    use crate::lang::Lang;
    use crate::node_text::{accessible_name, link_description};
    use topolab_engine::analysis::{analyze, Status};
    use topolab_engine::presets::preset;
    use topolab_engine::Document;

    wasm_bindgen_test_configure!(run_in_browser);

    fn cluster() -> Document {
        preset("cluster")
            .map(|p| p.document_in(Lang::En))
            .unwrap_or_default()
    }

    #[wasm_bindgen_test]
    fn shift_arrows_follow_the_links_and_come_back() {
        let doc = cluster();
        let mut path = Vec::new();
        let go = |at: &str, key: &str, path: &mut Vec<String>| follow(&doc, at, key, path);
        assert_eq!(
            go("browser", "ArrowRight", &mut path).as_deref(),
            Some("lb")
        );
        assert_eq!(go("lb", "ArrowRight", &mut path).as_deref(), Some("app1"));
        assert_eq!(go("app1", "ArrowDown", &mut path).as_deref(), Some("app2"));
        assert_eq!(go("app2", "ArrowDown", &mut path).as_deref(), Some("app3"));
        assert_eq!(
            go("app3", "ArrowDown", &mut path).as_deref(),
            Some("app1"),
            "wraps"
        );
        assert_eq!(go("app1", "ArrowUp", &mut path).as_deref(), Some("app3"));
        assert_eq!(go("app3", "ArrowRight", &mut path).as_deref(), Some("db"));
        assert_eq!(
            go("db", "ArrowLeft", &mut path).as_deref(),
            Some("app3"),
            "the caller it came from"
        );
        assert_eq!(go("app3", "ArrowLeft", &mut path).as_deref(), Some("lb"));
        assert_eq!(
            go("db", "ArrowRight", &mut Vec::new()),
            None,
            "the database calls nothing"
        );
        assert_eq!(
            go("browser", "ArrowLeft", &mut Vec::new()),
            None,
            "nothing calls the client"
        );
        assert_eq!(
            go("lb", "ArrowDown", &mut Vec::new()),
            None,
            "the balancer has no sibling"
        );
    }

    #[wasm_bindgen_test]
    fn a_first_letter_finds_the_next_node_with_that_label() {
        let doc = cluster();
        assert_eq!(by_letter(&doc, "browser", "s").as_deref(), Some("app1"));
        assert_eq!(by_letter(&doc, "app1", "S").as_deref(), Some("app2"));
        assert_eq!(by_letter(&doc, "app3", "b").as_deref(), Some("browser"));
        assert_eq!(by_letter(&doc, "app3", "x"), None);
    }

    #[wasm_bindgen_test]
    fn a_node_is_named_as_it_is_drawn_and_its_links_described() {
        let mut doc = cluster();
        let lb = doc
            .node("lb")
            .cloned()
            .unwrap_or_else(|| doc.nodes[0].clone());
        assert_eq!(
            accessible_name(&lb, Status::Up, true, Lang::En),
            "Load balancer Balancer, SPOF: single point of failure, 1 instance, up"
        );
        assert_eq!(
            accessible_name(&lb, Status::Up, true, Lang::Zh),
            "负载均衡 Balancer 单点故障，1 个实例，正常"
        );
        if let Some(db) = doc.nodes.iter_mut().find(|n| n.id == "db") {
            db.killed = vec![0];
        }
        let db = doc
            .node("db")
            .cloned()
            .unwrap_or_else(|| doc.nodes[0].clone());
        assert_eq!(
            accessible_name(&db, Status::Up, false, Lang::En),
            "Database Database, 2 instances, 1 killed, up"
        );
        assert_eq!(
            link_description(&doc, "app1", Lang::En),
            "calls Database, required; called by Balancer. Shift+arrows follow the links."
        );
        assert_eq!(
            link_description(&doc, "browser", Lang::Zh)
                .split('。')
                .next(),
            Some("转发到 Balancer")
        );
    }

    #[wasm_bindgen_test]
    fn a_kill_is_told_with_what_it_did_to_availability() {
        let before = std::rc::Rc::new(cluster());
        let mut killed = (*before).clone();
        for id in ["app1", "app2", "app3"] {
            if let Some(n) = killed.nodes.iter_mut().find(|n| n.id == id) {
                n.killed = vec![0];
            }
        }
        let killed = std::rc::Rc::new(killed);
        let (a, b) = (
            std::rc::Rc::new(analyze(&before)),
            std::rc::Rc::new(analyze(&killed)),
        );
        let text = change_text((before.clone(), a.clone()), (killed.clone(), b.clone()));
        let said = text
            .map(|t| t.get(Lang::En).to_string())
            .unwrap_or_default();
        assert!(said.contains("is down: availability 0% (was "), "{said}");
        assert!(said.contains("Server 1 is down"), "{said}");
        let nothing = change_text((before.clone(), a.clone()), (before, a));
        assert!(nothing.is_none(), "no change, nothing said");
    }
}
