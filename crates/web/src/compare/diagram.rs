//! One side of the compare view: its document drawn read-only with the
//! diagram's own markup ([`topolab_engine::drawing`], as the canvas and the
//! CLI's render write it, automation attributes included), fitted to its
//! half. A click on an instance, or `k` / `r` on a focused node, is reported
//! to the view, which kills or revives it in both documents.
//!
//! The markup is one string parsed once a change (a kill); the arrow heads it
//! names (`url(#arrow-<kind>)`) are the canvas's, which stays mounted under
//! the view.

use std::cell::RefCell;
use std::fmt::Write;
use std::rc::Rc;
use topolab_engine::i18n::l;

use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent, MouseEvent};
use yew::prelude::*;

use crate::layer::Wording;
use crate::modal::focus;
use crate::node_text::{accessible_name, DiagramWords};
use topolab_engine::compare::Side;
use topolab_engine::drawing::{escape, write_link, write_node, LinkLook, NodeLook, NodeWords};
use topolab_engine::geometry::diagram_bounds;
use topolab_engine::i18n::{Lang, Localized};
use topolab_engine::{Analysis, Document};

/// Room around the drawing, in diagram units.
const MARGIN: f64 = 16.0;

const KEYS: Localized = l(
    "k kills one instance here and in the other diagram, r revives them all",
    "按 k 在两张图中各停掉一个实例，按 r 全部恢复",
);
const EMPTY: Localized = l("An empty diagram.", "空白的图。");

/// What a hand did to a node of one side.
#[derive(Clone, Debug, PartialEq)]
pub enum SideEvent {
    /// An instance was clicked: kill it if up, else revive it.
    Toggle { id: String, index: u32 },
    /// `k` (or Enter) on a focused node.
    KillOne(String),
    /// `r` on a focused node.
    ReviveAll(String),
}

/// What a side's drawing shows.
pub struct SideDiagramProps {
    pub side: Side,
    pub doc: Rc<Document>,
    pub analysis: Rc<Analysis>,
    /// The diagram's name, for a screen reader.
    pub name: AttrValue,
    pub on_event: Callback<(Side, SideEvent)>,
}

/// The whole drawing of `doc` as one `<svg>`, each node a tab stop.
fn markup(doc: &Document, analysis: &Analysis, name: &str, lang: Lang) -> String {
    let (x0, y0, x1, y1) = diagram_bounds(doc).unwrap_or((0.0, 0.0, 400.0, 200.0));
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="compare-svg" viewBox="{} {} {} {}" preserveAspectRatio="xMidYMid meet" role="group" aria-label="{}">"#,
        x0 - MARGIN,
        y0 - MARGIN,
        x1 - x0 + 2.0 * MARGIN,
        y1 - y0 + 2.0 * MARGIN,
        escape(name)
    );
    for link in &doc.links {
        let (Some(from), Some(to)) = (doc.node(&link.from), doc.node(&link.to)) else {
            continue;
        };
        let kind = doc.link_kind(link);
        write_link(
            &mut s,
            (from, (from.x, from.y)),
            (to, (to.x, to.y)),
            kind,
            LinkLook::PLAIN,
        );
    }
    let words = DiagramWords(lang);
    let spof = words.spof().to_string();
    for (i, node) in doc.nodes.iter().enumerate() {
        let report = analysis.nodes.get(i);
        let look = NodeLook {
            status: report.map_or(topolab_engine::analysis::Status::Up, |r| r.status()),
            spof: report.is_some_and(|r| r.spof),
            ..NodeLook::default()
        };
        let caption = words.caption(node.kind);
        let node_words = NodeWords {
            caption: &caption,
            spof: &spof,
            tooltip: node.label(),
            handle_tip: "",
        };
        let mut label = accessible_name(node, look.status, look.spof, lang);
        if !node.is_client() {
            label.push_str(match lang {
                Lang::En => ". ",
                Lang::Zh => "。",
            });
            label.push_str(KEYS.get(lang));
        }
        let extra = format!(
            r#"tabindex="0" role="button" aria-label="{}""#,
            escape(&label)
        );
        write_node(&mut s, node, (node.x, node.y), &look, &node_words, &extra);
    }
    s.push_str("</svg>");
    s
}

/// The node group an event happened in, and the instance if it was on one.
fn target_of(event: &Event) -> Option<(String, Option<u32>)> {
    let element = event.target()?.dyn_into::<Element>().ok()?;
    let group = element.closest("[data-node-id]").ok()??;
    let id = group.get_attribute("data-node-id")?;
    let index = element
        .closest("[data-instance]")
        .ok()
        .flatten()
        .and_then(|i| i.get_attribute("data-instance"))
        .and_then(|i| i.parse().ok());
    Some((id, index))
}

/// A side's drawing, kept by the comparison: where it is, and the node acted
/// on, focused again in the new drawing (the old one is replaced).
pub struct SideDiagram {
    holder: NodeRef,
    refocus: Rc<RefCell<Option<String>>>,
}

/// A side's drawing (see [`SideDiagram::view`]); after each render, the node
/// acted on gets focus back.
#[hook]
pub fn use_side_diagram() -> SideDiagram {
    let holder = use_node_ref();
    let refocus = use_mut_ref(|| None::<String>);
    {
        let (holder, refocus) = (holder.clone(), refocus.clone());
        use_effect(move || {
            let id = refocus.borrow_mut().take();
            if let (Some(id), Some(holder)) = (id, holder.cast::<Element>()) {
                // Ids hold only `A-Z a-z 0-9 _ - .` (docs/spec/model.md §1.1): safe inside the quotes.
                if let Ok(Some(node)) = holder.query_selector(&format!("[data-node-id=\"{id}\"]")) {
                    focus(&node);
                }
            }
        });
    }
    SideDiagram { holder, refocus }
}

impl SideDiagram {
    /// The drawing of `props.doc`, its clicks and keys sent to `props.on_event`.
    pub fn view(&self, props: &SideDiagramProps, lang: Lang) -> Html {
        let (holder, refocus) = (&self.holder, &self.refocus);
        let onclick = {
            let (on_event, side, refocus) = (props.on_event.clone(), props.side, refocus.clone());
            move |e: MouseEvent| {
                if let Some((id, Some(index))) = target_of(&e) {
                    *refocus.borrow_mut() = Some(id.clone());
                    on_event.emit((side, SideEvent::Toggle { id, index }));
                }
            }
        };
        let onkeydown = {
            let (on_event, side, refocus) = (props.on_event.clone(), props.side, refocus.clone());
            move |e: KeyboardEvent| {
                if e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let Some((id, _)) = target_of(&e) else {
                    return;
                };
                let event = match e.key().as_str() {
                    "k" | "Enter" | " " => SideEvent::KillOne(id.clone()),
                    "r" => SideEvent::ReviveAll(id.clone()),
                    _ => return,
                };
                e.prevent_default();
                *refocus.borrow_mut() = Some(id);
                on_event.emit((side, event));
            }
        };
        let drawing = if props.doc.nodes.is_empty() {
            html! { <p class="note compare-empty">{ EMPTY.get(lang) }</p> }
        } else {
            Html::from_html_unchecked(AttrValue::from(markup(
                &props.doc,
                &props.analysis,
                &props.name,
                lang,
            )))
        };
        html! {
            <div class="compare-drawing" ref={holder.clone()} {onclick} {onkeydown}>{ drawing }</div>
        }
    }
}
