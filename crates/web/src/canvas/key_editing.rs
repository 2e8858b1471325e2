//! What keyboard editing shows on the canvas: the hint while a link's target
//! is chosen (`C`), the menu of kinds to add a node next to the focused one
//! (`A`), and what the focused node links to, said by one shared
//! description element (`aria-describedby`, set on the focused node only and
//! written when it gets focus), so the layer's markup of every node stays
//! as it was. The keys themselves are the keymap's (`keys.rs`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::drawing::focus_node;
use super::drop::no_new_node;
use super::pointer::rubber_band;
use super::Parts;
use crate::keyboard::diagram_node;
use crate::lang::{use_lang, Lang};
use crate::node_text::link_description;
use crate::palette::kind_name;
use topolab_editor::edit;
use topolab_editor::gesture::Point;
use topolab_editor::navigate::{pan_to_show, LinkPath};
use topolab_editor::Action;
use topolab_engine::{Document, NodeKind};

/// The id of the one element that describes the focused node's links.
pub const DESCRIPTION_ID: &str = "topolab-node-links";
/// A node added from the menu goes this far right of the focused one, or the nearest free spot.
const ADD_OFFSET: f64 = 200.0;

/// What the keys are doing now.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Mode {
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

/// Keyboard editing's state, shared by the keys and the view.
#[derive(Clone)]
pub(super) struct EditingHandle {
    /// The mode as the keys see it, changed at once.
    mode: Rc<RefCell<Mode>>,
    /// The mode as shown: setting it renders the hint or the menu.
    shown: UseStateSetter<Mode>,
    /// Where Shift+arrows came from.
    pub path: Rc<RefCell<LinkPath>>,
    /// Set when a node was just added by keyboard: the canvas focuses the
    /// selected node after its next drawing.
    focus_after: Rc<Cell<bool>>,
}

impl EditingHandle {
    pub fn mode(&self) -> Mode {
        self.mode.borrow().clone()
    }

    pub fn set(&self, mode: Mode) {
        *self.mode.borrow_mut() = mode.clone();
        self.shown.set(mode);
    }

    pub fn focus_after(&self) -> Rc<Cell<bool>> {
        self.focus_after.clone()
    }
}

/// What the canvas gets back from [`use_key_editing`].
pub(super) struct KeyEditing {
    /// The connect hint, the kind menu and the description element.
    pub view: Html,
    pub handle: EditingHandle,
}

#[hook]
pub(super) fn use_key_editing(parts: &Parts, doc: &Rc<Document>) -> KeyEditing {
    let lang = use_lang();
    let shown = use_state(|| Mode::Idle);
    let handle = {
        let setter = shown.setter();
        use_memo((), move |_| EditingHandle {
            mode: Rc::new(RefCell::new(Mode::Idle)),
            shown: setter,
            path: Rc::default(),
            focus_after: Rc::default(),
        })
    };
    let description = use_node_ref();
    use_focus_description(parts, &handle, &description, lang);
    let menu = use_node_ref();
    // The kind menu takes focus when it opens.
    {
        let menu = menu.clone();
        use_effect_with((*shown).clone(), move |mode| {
            if matches!(mode, Mode::Adding { .. }) {
                focus_first_button(&menu);
            }
        });
    }
    let view = match &*shown {
        Mode::Idle => html! {},
        Mode::Connecting { label, .. } => connect_hint(label, lang),
        Mode::Adding { near } => add_menu(parts, &handle, (doc, near), &menu, lang),
    };
    let view = html! {
        <>
            { view }
            <p id={DESCRIPTION_ID} ref={description} hidden=true />
        </>
    };
    KeyEditing {
        view,
        handle: (*handle).clone(),
    }
}

/// Focus on a node: its links are written into the one description, the
/// view follows it, and a link being chosen stretches to it. Focus anywhere
/// else ends the choice.
#[hook]
fn use_focus_description(parts: &Parts, handle: &EditingHandle, description: &NodeRef, lang: Lang) {
    let lang_now = use_mut_ref(|| lang);
    *lang_now.borrow_mut() = lang;
    let (parts, handle, description) = (parts.clone(), handle.clone(), description.clone());
    use_effect_with((), move |_| {
        let focus = EventListener::new(&gloo::utils::document(), "focusin", move |e| {
            let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
            let Some(id) = diagram_node(target.as_ref()) else {
                if matches!(handle.mode(), Mode::Connecting { .. }) {
                    handle.set(Mode::Idle);
                    rubber_band(&parts.refs.rubber, None);
                }
                return;
            };
            let Ok(rendered) = parts.rendered.try_borrow() else {
                return;
            };
            // Not when a pointer press focused it: the view must not jump under a drag.
            if target
                .as_ref()
                .is_some_and(|el| el.matches(":focus-visible").unwrap_or(false))
            {
                keep_in_view(&parts, &rendered.doc, &id);
            }
            if let (Some(el), Some(desc)) = (&target, description.cast::<Element>()) {
                let text = link_description(&rendered.doc, &id, *lang_now.borrow());
                desc.set_text_content(Some(&text));
                let _ = el.set_attribute("aria-describedby", DESCRIPTION_ID);
            }
            if let Mode::Connecting { from, .. } = handle.mode() {
                let at = |id: &str| Point::from(parts.positions.get(id));
                rubber_band(&parts.refs.rubber, Some((at(&from), at(&id))));
            }
        });
        move || drop(focus)
    });
}

/// Pans the view the least that shows node `id` whole: a node reached by
/// keyboard is never off screen.
fn keep_in_view(parts: &Parts, doc: &Document, id: &str) {
    let view = parts.viewport.get();
    let at = Point::from(parts.positions.get(id));
    let frame = (Point::new(view.x, view.y), Point::new(view.w, view.h));
    if let Some(by) = pan_to_show(doc, id, at, frame) {
        parts.viewport.set(view.panned(by.x, by.y));
    }
}

fn focus_first_button(menu: &NodeRef) {
    let first = menu
        .cast::<Element>()
        .and_then(|m| m.query_selector("button").ok().flatten())
        .and_then(|b| b.dyn_into::<HtmlElement>().ok());
    if let Some(first) = first {
        let _ = first.focus();
    }
}

fn connect_hint(label: &str, lang: Lang) -> Html {
    let text = match lang {
        Lang::En => format!(
            "Connecting from {label}: choose the target with the arrow keys or its first letter, Enter links, Escape cancels."
        ),
        Lang::Zh => {
            format!("从“{label}”连线：用方向键或标签首字母选择目标，按回车键连接，按 Esc 取消。")
        }
    };
    html! { <p class="notice key-hint" role="status" data-connect-hint="">{ text }</p> }
}

/// The menu of kinds for a node added next to `near`.
fn add_menu(
    parts: &Parts,
    handle: &EditingHandle,
    (doc, near): (&Rc<Document>, &str),
    menu: &NodeRef,
    lang: Lang,
) -> Html {
    let on_key = {
        let (handle, svg, near) = (handle.clone(), parts.refs.svg.clone(), near.to_string());
        move |e: KeyboardEvent| menu_key(&e, &handle, &svg, &near)
    };
    let items = NodeKind::ALL.iter().map(|&kind| {
        let onclick = {
            let (parts, handle, doc, near) =
                (parts.clone(), handle.clone(), doc.clone(), near.to_string());
            move |_: MouseEvent| add_next_to(&parts, &handle, (&doc, &near), kind)
        };
        html! {
            <button type="button" role="menuitem" data-add-kind={kind.as_str()} {onclick}>
                { kind_name(kind, lang) }
            </button>
        }
    });
    let label = doc
        .node(near)
        .map_or(near.to_string(), |n| n.label().to_string());
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

/// A node of `kind` to the right of `near` (or the nearest free spot), focused once drawn.
fn add_next_to(
    parts: &Parts,
    handle: &EditingHandle,
    (doc, near): (&Document, &str),
    kind: NodeKind,
) {
    handle.set(Mode::Idle);
    if let Some(why) = edit::why_no_node(doc) {
        parts.tell.emit(no_new_node(&why));
        return;
    }
    let (x, y) = parts.positions.get(near);
    let (x, y) = edit::free_spot(doc, kind, (x + ADD_OFFSET, y));
    handle.focus_after.set(true);
    parts.dispatch.emit(Action::AddNode { kind, x, y });
}

/// A key in the menu: the arrows go round its items, Escape and Tab close
/// it (back to the node). A menu: the diagram's shortcuts stay asleep while it is open.
fn menu_key(e: &KeyboardEvent, handle: &EditingHandle, svg: &NodeRef, near: &str) {
    e.stop_propagation();
    let forward = match e.key().as_str() {
        "Escape" | "Tab" => {
            e.prevent_default();
            handle.set(Mode::Idle);
            focus_node(svg, near);
            return;
        }
        "ArrowDown" | "ArrowRight" => true,
        "ArrowUp" | "ArrowLeft" => false,
        _ => return,
    };
    e.prevent_default();
    let Some(active) = gloo::utils::document().active_element() else {
        return;
    };
    let next = if forward {
        active.next_element_sibling()
    } else {
        active.previous_element_sibling()
    };
    let wrapped = || {
        let parent = active.parent_element()?;
        if forward {
            parent.first_element_child()
        } else {
            parent.last_element_child()
        }
    };
    if let Some(el) = next
        .or_else(wrapped)
        .and_then(|el| el.dyn_into::<HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

#[cfg(test)]
mod tests {
    //! What a screen reader hears of the diagram: a node's name and links, a kill's effect.

    use wasm_bindgen_test::*;

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
