//! The diagram: an SVG canvas with its grid, links and nodes, the palette and
//! the zoom buttons, and the pointer gestures and keys that edit it.
//!
//! Pointer moves change only view state kept outside the component tree: node
//! positions ([`Positions`]) while dragging, the view box ([`Viewport`]) while
//! panning or zooming, and two overlay elements (the marquee, the new link's
//! rubber band) set directly. The reducer hears one action when a gesture ends,
//! so the document, undo and autosave see one move.
//!
//! Code map:
//! - this file: the component, its props and the [`Parts`] its handlers share;
//! - `pointer`: pointer events fed to the gesture machine
//!   ([`topolab_editor::gesture`]) and its effects performed;
//! - `drawing`: how each node looks, the layer set up and redrawn after each render;
//! - `view`: the svg's size, fitting, printing, wheel and button zoom;
//! - `keys`: the keymap's commands the canvas performs (view keys, keyboard editing);
//! - `key_editing`: the connect hint, the add menu and the focused node's description;
//! - `drop`: adding a node from the palette (a click or a drop), a file dropped.

mod drawing;
mod drop;
mod key_editing;
mod keys;
mod pointer;
mod view;

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::keyboard::KeyHub;
use super::lang::{use_lang, Localized, Text};
use super::layer::Layer;
use super::palette::{palette, PaletteProps};
use super::positions::Positions;
use super::viewport::Viewport;
use topolab_editor::gesture::Gestures;
use topolab_editor::{Action, Selection};
use topolab_engine::drawing::write_markers;
use topolab_engine::i18n::l;
use topolab_engine::Document;

pub use drawing::NodeFacts;

/// How long a notice (a refused link) stays, in milliseconds.
const NOTICE_MS: u32 = 4_000;

const DIAGRAM: Localized = l("Topology diagram", "系统拓扑图");
const EMPTY_HINT: Localized = l(
    "An empty diagram. Add a node from the palette: click a kind, or drag it here.",
    "这是一张空白的图。从左侧组件面板添加节点：点击一种类型，或把它拖到这里。",
);

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub doc: Rc<Document>,
    /// Changes when the view is to be fitted to the document again: one opened,
    /// laid out, or grown by a split ([`topolab_editor::EditorState::fit_count`]).
    pub fit_count: u64,
    /// Per node, in document order.
    pub facts: Rc<Vec<NodeFacts>>,
    pub selection: Selection,
    /// Ids of the nodes that go down with the hovered or selected node.
    pub blast: Rc<HashSet<String>>,
    pub dispatch: Callback<Action>,
    /// The node under the pointer.
    pub hovered: Option<AttrValue>,
    /// The node under the pointer, or none.
    pub on_hover: Callback<Option<AttrValue>>,
    /// A file was dropped on the canvas (to import).
    #[prop_or_default]
    pub on_file: Callback<web_sys::File>,
    /// Nodes and links can be added (palette, drop, connect handles); not in
    /// an embed or on a read-only page.
    #[prop_or(true)]
    pub editable: bool,
    /// Nothing can be changed (`?readonly=1`), fixed for the page's life: a
    /// drag that starts on a node pans instead.
    #[prop_or_default]
    pub readonly: bool,
    /// The diagram is fitted again whenever the canvas changes size (an embed's frame).
    #[prop_or_default]
    pub refit_on_resize: bool,
    /// Where the traffic animation draws: told the position store
    /// and the overlay layer once they exist.
    #[prop_or_default]
    pub traffic: super::traffic::TrafficHub,
    /// Where the page's key listener finds the canvas's keys.
    #[prop_or_default]
    pub keys: KeyHub,
}

/// The elements the canvas sets by hand.
#[derive(Clone, Default, PartialEq)]
pub(super) struct Refs {
    pub svg: NodeRef,
    pub area: NodeRef,
    pub marquee: NodeRef,
    pub rubber: NodeRef,
    pub links_end: NodeRef,
    pub nodes_end: NodeRef,
    pub traffic: NodeRef,
    pub dots: NodeRef,
}

/// The document and selection of the last render, for handlers built once.
pub(super) struct Rendered {
    pub doc: Rc<Document>,
    pub selection: Selection,
}

/// What the canvas's handlers, built once, share.
#[derive(Clone)]
pub(super) struct Parts {
    pub refs: Refs,
    pub positions: Positions,
    pub viewport: Viewport,
    pub gestures: Rc<RefCell<Gestures>>,
    /// The nodes and links, drawn by hand once the `<svg>` exists.
    pub layer: Rc<RefCell<Option<Layer>>>,
    pub rendered: Rc<RefCell<Rendered>>,
    pub dispatch: Callback<Action>,
    /// Shows a notice for a few seconds (a refused edit).
    pub tell: Callback<Text>,
    pub on_hover: Callback<Option<AttrValue>>,
    pub readonly: bool,
    pub editable: bool,
}

/// The canvas's shared parts, made on its first render; the position store
/// and the rendered document follow every render.
#[hook]
fn use_parts(props: &CanvasProps, tell: Callback<Text>) -> Parts {
    let refs = use_memo((), |_| Refs::default());
    let positions = use_memo((), |_| Positions::default());
    positions.sync(&props.doc);
    let viewport = use_memo((), {
        let svg = refs.svg.clone();
        move |_| Viewport::new(svg)
    });
    let gestures = use_mut_ref(Gestures::default);
    let layer = use_mut_ref(|| None::<Layer>);
    let rendered = use_mut_ref(|| Rendered {
        doc: props.doc.clone(),
        selection: props.selection.clone(),
    });
    *rendered.borrow_mut() = Rendered {
        doc: props.doc.clone(),
        selection: props.selection.clone(),
    };
    Parts {
        refs: (*refs).clone(),
        positions: (*positions).clone(),
        viewport: (*viewport).clone(),
        gestures,
        layer,
        rendered,
        dispatch: props.dispatch.clone(),
        tell,
        on_hover: props.on_hover.clone(),
        readonly: props.readonly,
        editable: props.editable,
    }
}

/// A notice shown for a few seconds, and the callback that shows one.
#[hook]
fn use_notice() -> (Option<Text>, Callback<Text>) {
    let notice = use_state(|| None::<Text>);
    let timer = use_mut_ref(|| None::<Timeout>);
    let tell = {
        let notice = notice.clone();
        use_memo((), move |_| {
            Callback::from(move |text: Text| {
                notice.set(Some(text));
                let notice = notice.clone();
                *timer.borrow_mut() = Some(Timeout::new(NOTICE_MS, move || notice.set(None)));
            })
        })
    };
    ((*notice).clone(), (*tell).clone())
}

#[function_component(Canvas)]
pub fn canvas(props: &CanvasProps) -> Html {
    let lang = use_lang();
    let (notice, tell) = use_notice();
    let parts = use_parts(props, tell);
    let editing = key_editing::use_key_editing(&parts, &props.doc);
    keys::use_canvas_keys(&props.keys, &parts, &editing.handle);
    view::use_view(&parts, props.refit_on_resize, props.fit_count, &props.doc);
    let pointer = pointer::use_pointer(&parts);
    drawing::use_layer(&parts, pointer.on_node_event.clone(), &props.traffic);
    drawing::use_drawing(props, &parts, lang, editing.handle.focus_after());
    let drop = drop::use_drop(&parts, &props.on_file);

    let refs = &parts.refs;
    let doc = &props.doc;
    let markers = {
        let mut out = String::new();
        write_markers(&mut out);
        Html::from_html_unchecked(AttrValue::from(out))
    };
    html! {
        <div class={classes!("canvas-wrap", (!props.editable).then_some("no-palette"),
                             props.readonly.then_some("readonly"))}>
            if props.editable {
                { palette(&PaletteProps { on_add: drop.on_palette_add }, lang) }
            }
            <div class="canvas-area" ref={refs.area.clone()}>
            <svg ref={refs.svg.clone()} class="canvas" data-topolab-canvas=""
                 preserveAspectRatio="xMidYMid meet" role="group"
                 aria-label={doc.title.clone().unwrap_or_else(|| DIAGRAM.get(lang).into())}
                 ondragover={drop.on_drag_over} ondrop={drop.on_drop}>
                <defs>
                    { markers }
                    <pattern id="grid" width="24" height="24" patternUnits="userSpaceOnUse">
                        <path class="grid-line" d="M24 0H0V24" />
                    </pattern>
                    // An instance chaos has taken down: hatched, not struck through.
                    <pattern id="chaos-hatch" width="4" height="4" patternUnits="userSpaceOnUse"
                             patternTransform="rotate(45)">
                        <rect class="chaos-hatch-ground" width="4" height="4" />
                        <path class="chaos-hatch-line" d="M0 0V4" />
                    </pattern>
                </defs>
                <rect class="backdrop" x="-100000" y="-100000" width="200000" height="200000"
                      onpointerdown={pointer.on_backdrop_down} />
                // Links and nodes sit right under the <svg>: a <g> around thousands
                // of them made every move re-measure them all (3x slower at 2,000 nodes).
                <g ref={refs.links_end.clone()} class="layer-end" />
                <g ref={refs.nodes_end.clone()} class="layer-end" />
                <line ref={refs.rubber.clone()} class="rubber-band" visibility="hidden" />
                <rect ref={refs.marquee.clone()} class="marquee" visibility="hidden" />
            </svg>
            // The traffic's dots: drawn by hand on one <canvas> over the diagram,
            // following its view, so moving 500 of them repaints one bitmap, never the diagram.
            <canvas ref={refs.dots.clone()} class="traffic-dots" aria-hidden="true" data-traffic-dots="" />
            // Its queues' backlog badges: set by hand, never rendered by Yew, in an <svg> of
            // their own over the diagram (its view box copied from the diagram's).
            <svg class="traffic-overlay" aria-hidden="true" preserveAspectRatio="xMidYMid meet">
                <g ref={refs.traffic.clone()} class="traffic-layer" data-traffic-layer="" />
            </svg>
            { view::zoom_controls(&parts, lang) }
            if let Some(text) = &notice {
                <p class="notice" role="status">{ text.get(lang).to_string() }</p>
            }
            { editing.view }
            if doc.nodes.is_empty() && props.editable {
                <p class="empty-hint">{ EMPTY_HINT.get(lang) }</p>
            }
            </div>
        </div>
    }
}
