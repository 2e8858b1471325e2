//! The diagram: an SVG canvas with its grid, links and nodes, the palette and
//! the zoom buttons, and the pointer gestures that edit it.
//!
//! Pointer moves change only view state kept outside the component tree: node
//! positions ([`Positions`]) while dragging, the view box ([`Viewport`]) while
//! panning or zooming, and two overlay elements (the marquee, the new link's
//! rubber band) set directly. The reducer hears one action when a gesture ends,
//! so the document, undo and autosave see one move.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use topolab_engine::i18n::l;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::diagram_events::{self, NodeEvent};
use super::gestures::{Gesture, Gestures, Press};
use super::import::carries_files;
use super::lang::{use_lang, Lang, Localized, Text};
use super::layer::{Layer, NodeFrame};
use super::node_text::{accessible_name, DiagramWords};
use super::palette::{Palette, DRAG_TYPE};
use super::positions::Positions;
use super::viewport::Viewport;
use topolab_editor::{edit, Action, Selection};
use topolab_engine::analysis::Status;
use topolab_engine::drawing::{write_markers, NodeLook};
use topolab_engine::geometry::{link_segment, node_size};
use topolab_engine::{Document, NodeKind};

/// A pointer this far (screen pixels) from where it went down turns a click into a drag.
const DRAG_THRESHOLD_PX: f64 = 3.0;
/// A click this close to a link (screen pixels) selects it.
const LINK_REACH_PX: f64 = 8.0;
/// One press of + or - zooms by this much.
const ZOOM_STEP: f64 = 1.25;
/// How long after a whole drawing its elements are looked up, in milliseconds.
const RESOLVE_AFTER_MS: u32 = 300;
/// How long a notice (a refused link) stays, in milliseconds.
const NOTICE_MS: u32 = 4_000;

const DIAGRAM: Localized = l("Topology diagram", "系统拓扑图");
const ZOOM: Localized = l("Zoom", "缩放");
const ZOOM_IN: Localized = l("Zoom in", "放大");
const ZOOM_IN_TIP: Localized = l("Zoom in (+)", "放大（+）");
const ZOOM_OUT: Localized = l("Zoom out", "缩小");
const ZOOM_OUT_TIP: Localized = l("Zoom out (-)", "缩小（-）");
const FIT: Localized = l("Fit", "全图");
const FIT_TIP: Localized = l("Fit the diagram (0)", "显示整张图（0）");
const EMPTY_HINT: Localized = l(
    "An empty diagram. Add a node from the palette: click a kind, or drag it here.",
    "这是一张空白的图。从左侧组件面板添加节点：点击一种类型，或把它拖到这里。",
);

/// What the canvas says when it refuses an edit: "No link: …." in each language.
fn refused(refusal: &edit::Refusal, en: &str, zh: &str) -> Text {
    Text::of(|lang| match lang {
        Lang::En => format!("{en}: {}.", refusal.message(lang)),
        Lang::Zh => format!("{zh}：{}。", refusal.message(lang)),
    })
}

/// What the analysis says of one node, as the canvas draws it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeFacts {
    pub status: Status,
    pub spof: bool,
}

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub doc: Rc<Document>,
    /// Changes when a new document is opened: the view is fitted to it again.
    pub load_count: u64,
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
}

/// What the canvas's props say of how each node looks.
struct Looks<'a> {
    facts: &'a [NodeFacts],
    selection: &'a Selection,
    blast: &'a HashSet<String>,
    hovered: Option<&'a str>,
    detail: bool,
    lang: Lang,
    /// Connect handles are drawn.
    handles: bool,
}

impl Looks<'_> {
    /// One frame a node of `doc`, in document order.
    fn frames(&self, doc: &Document) -> Vec<NodeFrame> {
        let primary = self.selection.primary();
        let tab_stop = primary.or_else(|| doc.nodes.first().map(|n| n.id.as_str()));
        doc.nodes
            .iter()
            .enumerate()
            .map(|(i, node)| {
                let facts = self.facts.get(i).copied().unwrap_or(NodeFacts {
                    status: Status::Up,
                    spof: false,
                });
                let id = Some(node.id.as_str());
                NodeFrame {
                    look: NodeLook {
                        status: facts.status,
                        spof: facts.spof,
                        selected: self.selection.has_node(&node.id),
                        in_blast: self.blast.contains(&node.id),
                        detail: self.detail,
                        handle: self.handles && (self.hovered == id || primary == id),
                    },
                    tab_stop: tab_stop == id,
                    aria_label: accessible_name(node, facts.status, facts.spof, self.lang),
                }
            })
            .collect()
    }
}

/// What the event handlers, built once, need to know of the latest render.
struct Latest {
    doc: Rc<Document>,
    selection: Selection,
}

/// The node group of the diagram under client point (x, y), if any.
fn node_at(x: f64, y: f64) -> Option<String> {
    let element = gloo::utils::document().element_from_point(x as f32, y as f32)?;
    let group = element.closest("[data-node-id]").ok()??;
    group.get_attribute("data-node-id")
}

/// The ids of the nodes whose boxes meet the rectangle between two diagram points.
fn nodes_in(doc: &Document, a: (f64, f64), b: (f64, f64)) -> Vec<String> {
    let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
    let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
    doc.nodes
        .iter()
        .filter(|n| {
            let (w, h) = node_size(n);
            n.x + w / 2.0 >= x0 && n.x - w / 2.0 <= x1 && n.y + h / 2.0 >= y0 && n.y - h / 2.0 <= y1
        })
        .map(|n| n.id.clone())
        .collect()
}

/// The link whose drawn segment passes within `reach` diagram units of `at`, nearest first.
fn link_near(
    doc: &Document,
    positions: &Positions,
    at: (f64, f64),
    reach: f64,
) -> Option<(String, String)> {
    let sizes: HashMap<&str, (f64, f64)> = doc
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), node_size(n)))
        .collect();
    doc.links
        .iter()
        .filter_map(|link| {
            let (a, b) = (sizes.get(link.from.as_str())?, sizes.get(link.to.as_str())?);
            let (x1, y1, x2, y2) = link_segment(
                positions.get(&link.from),
                *a,
                positions.get(&link.to),
                *b,
                2.0,
            );
            let (dx, dy) = (x2 - x1, y2 - y1);
            let length2 = dx * dx + dy * dy;
            let t = if length2 > 0.0 {
                (((at.0 - x1) * dx + (at.1 - y1) * dy) / length2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let distance = (at.0 - (x1 + t * dx)).hypot(at.1 - (y1 + t * dy));
            (distance <= reach).then_some((distance, link))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, link)| (link.from.clone(), link.to.clone()))
}

/// The nearest node from `from` in the direction of an arrow key, weighing
/// sideways distance double so that "right" means mostly right.
fn neighbour(doc: &Document, positions: &Positions, from: &str, key: &str) -> Option<String> {
    let (fx, fy) = positions.get(from);
    let dir = match key {
        "ArrowRight" => (1.0, 0.0),
        "ArrowLeft" => (-1.0, 0.0),
        "ArrowDown" => (0.0, 1.0),
        "ArrowUp" => (0.0, -1.0),
        _ => return None,
    };
    doc.nodes
        .iter()
        .filter(|n| n.id != from)
        .filter_map(|n| {
            let (x, y) = positions.get(&n.id);
            let (dx, dy) = (x - fx, y - fy);
            let along = dx * dir.0 + dy * dir.1;
            let across = (dx * dir.1 - dy * dir.0).abs();
            (along > 0.0).then_some((along + 2.0 * across, n.id.clone()))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id)
}

/// Moves keyboard focus to node `id` of the canvas.
pub(super) fn focus_node(svg: &NodeRef, id: &str) {
    let Some(svg) = svg.cast::<Element>() else {
        return;
    };
    // Ids hold only `A-Z a-z 0-9 _ - .` (docs/spec/model.md §1.1): safe inside the quotes.
    if let Ok(Some(node)) = svg.query_selector(&format!("[data-node-id=\"{id}\"]")) {
        if let Ok(node) = node.dyn_into::<web_sys::SvgElement>() {
            let _ = node.focus();
        }
    }
}

/// Lets a text field being edited commit its value (its `change` fires on blur)
/// before a press on the canvas changes what the inspector shows.
fn commit_pending_edit() {
    if let Some(el) = gloo::utils::document().active_element() {
        if matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") {
            if let Ok(el) = el.dyn_into::<HtmlElement>() {
                let _ = el.blur();
            }
        }
    }
}

/// Shows or hides an overlay element and sets its attributes.
fn overlay(element: &NodeRef, attributes: Option<&[(&str, String)]>) {
    let Some(el) = element.cast::<Element>() else {
        return;
    };
    match attributes {
        Some(attributes) => {
            let _ = el.remove_attribute("hidden");
            let _ = el.set_attribute("visibility", "visible");
            for (name, value) in attributes {
                let _ = el.set_attribute(name, value);
            }
        }
        None => {
            let _ = el.set_attribute("visibility", "hidden");
        }
    }
}

#[function_component(Canvas)]
pub fn canvas(props: &CanvasProps) -> Html {
    let lang = use_lang();
    let svg_ref = use_node_ref();
    let area_ref = use_node_ref();
    let marquee_ref = use_node_ref();
    let rubber_ref = use_node_ref();
    let positions = use_memo((), |_| Positions::default());
    positions.sync(&props.doc);
    let viewport = use_memo((), {
        let svg_ref = svg_ref.clone();
        move |_| Viewport::new(svg_ref)
    });
    let gesture = use_mut_ref(Gestures::default);
    let latest = use_mut_ref(|| Latest {
        doc: props.doc.clone(),
        selection: props.selection.clone(),
    });
    *latest.borrow_mut() = Latest {
        doc: props.doc.clone(),
        selection: props.selection.clone(),
    };
    let notice = use_state(|| None::<Text>);
    let notice_timer = use_mut_ref(|| None::<Timeout>);
    let tell = {
        let (notice, notice_timer) = (notice.clone(), notice_timer.clone());
        Callback::from(move |text: Text| {
            notice.set(Some(text));
            let notice = notice.clone();
            *notice_timer.borrow_mut() = Some(Timeout::new(NOTICE_MS, move || notice.set(None)));
        })
    };

    // Keyboard-only editing: links followed, nodes moved, added, connected.
    let keys = super::keynav::use_key_editing(super::keynav::KeyEditingArgs {
        doc: props.doc.clone(),
        selection: props.selection.clone(),
        svg: svg_ref.clone(),
        rubber: rubber_ref.clone(),
        positions: (*positions).clone(),
        viewport: (*viewport).clone(),
        dispatch: props.dispatch.clone(),
        tell: tell.clone(),
        editable: props.editable,
    });

    // The svg gets its size in pixels, from its area's size. A percentage size
    // made the browser lay out the whole page again on every pointer move of a
    // drag (measured: 13 ms a move at 100 nodes against 0.6 ms in pixels).
    // How much of each node to draw follows the zoom (see `viewport::DETAIL_SCALE`):
    // the layer reads it from the view; crossing the threshold brings a render about.
    let detail = use_state(|| true);
    {
        let (viewport, detail) = ((*viewport).clone(), detail.clone());
        use_effect_with((), move |_| {
            let setter = detail.setter();
            viewport.watch_detail(Callback::from(move |d| setter.set(d)));
        });
    }
    // The svg is sized before the diagram is first drawn (the effects run in
    // this order): measuring after drawing thousands of nodes would lay them
    // all out twice.
    // An embed is fitted again at every size; the editor while nobody has
    // moved its view since the last fit, also when the controls floating over
    // the diagram change size (the traffic bar opening), so that they never
    // cover a diagram just opened.
    {
        let (area_ref, svg_ref) = (area_ref.clone(), svg_ref.clone());
        let area_ref_for_observe = area_ref.clone();
        let (viewport, latest) = ((*viewport).clone(), latest.clone());
        let always = props.refit_on_resize;
        use_effect_with((), move |_| {
            let size_svg = move || {
                let (Some(area), Some(svg)) =
                    (area_ref.cast::<Element>(), svg_ref.cast::<Element>())
                else {
                    return;
                };
                let (w, h) = (area.client_width().max(1), area.client_height().max(1));
                let _ = svg.set_attribute("width", &w.to_string());
                let _ = svg.set_attribute("height", &h.to_string());
                if let Ok(latest) = latest.try_borrow() {
                    if always {
                        viewport.fit(&latest.doc);
                    } else {
                        viewport.refit(&latest.doc);
                    }
                }
            };
            size_svg();
            let on_resize = Closure::<dyn Fn()>::new(size_svg);
            let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(area)) =
                (&observer, area_ref_for_observe.cast::<Element>())
            {
                observer.observe(&area);
                for floating in super::viewport::floating_controls(&area) {
                    observer.observe(&floating);
                }
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(on_resize);
            }
        });
    }

    // Printed whole (ui/print.rs).
    {
        let (viewport, latest) = ((*viewport).clone(), latest.clone());
        use_effect_with((), move |_| {
            let listeners =
                super::print::fit_while_printing(viewport, move || latest.borrow().doc.clone());
            move || drop(listeners)
        });
    }

    // A newly opened document is shown whole.
    {
        let (viewport, doc) = ((*viewport).clone(), props.doc.clone());
        use_effect_with(props.load_count, move |_| viewport.fit(&doc));
    }

    // Keys for the view: + and - zoom, 0 fits, Space held pans, arrows move focus
    // between nodes, Escape leaves the diagram.
    {
        let (viewport, gesture, latest) = ((*viewport).clone(), gesture.clone(), latest.clone());
        let (positions, svg_ref) = ((*positions).clone(), svg_ref.clone());
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let options = EventListenerOptions::enable_prevent_default();
            let g = gesture.clone();
            let down = EventListener::new_with_options(&window, "keydown", options, move |e| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
                // Text fields keep their keys; a button keeps Space (it presses it).
                let typing = super::keyboard::typing(e)
                    || (e.key() == " "
                        && target.as_ref().is_some_and(|el| el.tag_name() == "BUTTON"));
                if typing || e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let focused_node = target
                    .as_ref()
                    .filter(|el| el.has_attribute("data-node-id"))
                    .and_then(|el| el.get_attribute("data-node-id"));
                match e.key().as_str() {
                    "+" | "=" => viewport.zoom(ZOOM_STEP),
                    "-" | "_" => viewport.zoom(1.0 / ZOOM_STEP),
                    "0" => viewport.fit(&latest.borrow().doc),
                    " " => g.borrow_mut().space = true,
                    "Escape" => {
                        if let Some(el) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
                            let _ = el.blur();
                        } else if focused_node.is_some() {
                            if let Some(el) = gloo::utils::document().active_element() {
                                if let Ok(el) = el.dyn_into::<web_sys::SvgElement>() {
                                    let _ = el.blur();
                                }
                            }
                        }
                        return;
                    }
                    key if key.starts_with("Arrow") => {
                        let Some(from) = focused_node else { return };
                        if let Some(to) = neighbour(&latest.borrow().doc, &positions, &from, key) {
                            focus_node(&svg_ref, &to);
                        }
                    }
                    _ => return,
                }
                e.prevent_default();
            });
            let g = gesture.clone();
            let up = EventListener::new(&window, "keyup", move |e| {
                if let Some(e) = e.dyn_ref::<KeyboardEvent>() {
                    if e.key() == " " {
                        g.borrow_mut().space = false;
                    }
                }
            });
            move || drop((down, up))
        });
    }

    // Wheel and trackpad pinch zoom around the pointer. Registered by hand:
    // it must be allowed to stop the page from scrolling.
    {
        let (viewport, svg_ref) = ((*viewport).clone(), svg_ref.clone());
        use_effect_with((), move |_| {
            let listener = svg_ref.cast::<Element>().map(|svg| {
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&svg, "wheel", options, move |e| {
                    let Some(e) = e.dyn_ref::<WheelEvent>() else {
                        return;
                    };
                    e.prevent_default();
                    let unit = match e.delta_mode() {
                        1 => 16.0,
                        2 => 400.0,
                        _ => 1.0,
                    };
                    let speed = if e.ctrl_key() { 0.01 } else { 0.0015 };
                    let factor = (-e.delta_y() * unit * speed).clamp(-1.0, 1.0).exp();
                    viewport.zoom_at_client(
                        factor,
                        f64::from(e.client_x()),
                        f64::from(e.client_y()),
                    );
                })
            });
            move || drop(listener)
        });
    }

    let on_node_event = {
        let (gesture, latest, dispatch) = (gesture.clone(), latest.clone(), props.dispatch.clone());
        let (positions, viewport, svg_ref) =
            ((*positions).clone(), (*viewport).clone(), svg_ref.clone());
        let (rubber_ref, on_hover) = (rubber_ref.clone(), props.on_hover.clone());
        let (readonly, editable) = (props.readonly, props.editable);
        use_callback((), move |event: NodeEvent, _| {
            let mut g = gesture.borrow_mut();
            match event {
                NodeEvent::PointerDown { id, event } => {
                    if event.button() != 0 {
                        return;
                    }
                    commit_pending_edit();
                    let client = (f64::from(event.client_x()), f64::from(event.client_y()));
                    if g.space {
                        g.start_pan(event.pointer_id(), client, &svg_ref);
                        return;
                    }
                    g.suppress_click = false;
                    if event.shift_key() {
                        dispatch.emit(Action::ToggleSelected(id.to_string()));
                        return;
                    }
                    let latest = latest.borrow();
                    let ids: Vec<AttrValue> = if readonly {
                        // Selected, to show its blast radius; it moves with no drag.
                        if !latest.selection.has_node(&id) {
                            dispatch.emit(Action::Select(Selection::node(id.to_string())));
                        }
                        Vec::new()
                    } else if latest.selection.has_node(&id) {
                        latest
                            .selection
                            .nodes()
                            .iter()
                            .map(|s| AttrValue::from(s.clone()))
                            .collect()
                    } else {
                        dispatch.emit(Action::Select(Selection::node(id.to_string())));
                        vec![id]
                    };
                    g.gesture = Some(Gesture::press(Press {
                        pointer_id: event.pointer_id(),
                        start_client: client,
                        nodes: ids
                            .into_iter()
                            .map(|id| {
                                let at = positions.get(&id);
                                (id, at)
                            })
                            .collect(),
                        scale: viewport.scale(),
                        moved: false,
                    }));
                }
                NodeEvent::HandleDown { id, event } => {
                    if event.button() != 0 || !editable {
                        return;
                    }
                    g.gesture = Some(Gesture::Connect {
                        pointer_id: event.pointer_id(),
                        from: id.clone(),
                    });
                    if let Some(svg) = svg_ref.cast::<Element>() {
                        let _ = svg.set_pointer_capture(event.pointer_id());
                    }
                    let (x, y) = positions.get(&id);
                    let at = viewport
                        .to_diagram(f64::from(event.client_x()), f64::from(event.client_y()));
                    overlay(
                        &rubber_ref,
                        Some(&[
                            ("x1", x.to_string()),
                            ("y1", y.to_string()),
                            ("x2", at.0.to_string()),
                            ("y2", at.1.to_string()),
                        ]),
                    );
                }
                NodeEvent::InstanceClick { id, index } => {
                    if !g.suppress_click {
                        dispatch.emit(Action::ToggleInstance {
                            id: id.to_string(),
                            index,
                        });
                    }
                }
                NodeEvent::Hover(id) => {
                    if g.gesture.is_none() {
                        on_hover.emit(id);
                    }
                }
                NodeEvent::Focus(id) => {
                    // A press focuses the node too; the press has already selected.
                    if g.gesture.is_none() && !latest.borrow().selection.has_node(&id) {
                        dispatch.emit(Action::Select(Selection::node(id.to_string())));
                    }
                }
                NodeEvent::LinkDown { from, to } => {
                    commit_pending_edit();
                    dispatch.emit(Action::Select(Selection::Link {
                        from: from.to_string(),
                        to: to.to_string(),
                    }));
                }
            }
        })
    };

    // The nodes and links: one layer kept by hand (see `layer`), its events
    // heard on the <svg>, and every move of the position store written to it.
    let links_end_ref = use_node_ref();
    let nodes_end_ref = use_node_ref();
    let traffic_ref = use_node_ref();
    let dots_ref = use_node_ref();
    {
        let (hub, traffic_ref, positions, svg_ref) = (
            props.traffic.clone(),
            traffic_ref.clone(),
            (*positions).clone(),
            svg_ref.clone(),
        );
        let dots_ref = dots_ref.clone();
        use_effect_with((), move |_| {
            if let (Some(layer), Some(svg), Some(dots)) = (
                traffic_ref.cast::<Element>(),
                svg_ref.cast::<Element>(),
                dots_ref.cast::<web_sys::HtmlCanvasElement>(),
            ) {
                hub.attach(positions, layer, svg, dots);
            }
            move || hub.detach()
        });
    }
    let layer = use_mut_ref(|| None::<Layer>);
    let resolve_timer = use_mut_ref(|| None::<Timeout>);
    {
        let (layer, svg_ref, positions) = (layer.clone(), svg_ref.clone(), (*positions).clone());
        let (links_end_ref, nodes_end_ref) = (links_end_ref.clone(), nodes_end_ref.clone());
        let on_node_event = on_node_event.clone();
        use_effect_with((), move |_| {
            let parts = (
                svg_ref.cast::<Element>(),
                links_end_ref.cast::<Element>(),
                nodes_end_ref.cast::<Element>(),
            );
            let mut listeners = Vec::new();
            let mut subscription = None;
            if let (Some(svg), Some(links_end), Some(nodes_end)) = parts {
                listeners = diagram_events::listen(&svg, on_node_event);
                *layer.borrow_mut() =
                    Some(Layer::new(svg, links_end, nodes_end, positions.clone()));
                let layer = layer.clone();
                subscription = Some(positions.listen(Callback::from(move |id: Rc<str>| {
                    if let Ok(mut layer) = layer.try_borrow_mut() {
                        if let Some(layer) = layer.as_mut() {
                            layer.moved(&id);
                        }
                    }
                })));
            }
            move || drop((listeners, subscription))
        });
    }

    let on_backdrop_down = {
        let (gesture, svg_ref, viewport) = (gesture.clone(), svg_ref.clone(), (*viewport).clone());
        let (latest, marquee_ref) = (latest.clone(), marquee_ref.clone());
        move |event: PointerEvent| {
            if event.button() != 0 {
                return;
            }
            commit_pending_edit();
            let client = (f64::from(event.client_x()), f64::from(event.client_y()));
            let mut g = gesture.borrow_mut();
            if let Some(Gesture::Pan {
                pointer_id, last, ..
            }) = &g.gesture
            {
                if *pointer_id != event.pointer_id() {
                    // A second finger: pinch.
                    let first = (*pointer_id, *last);
                    g.gesture = Some(Gesture::Pinch {
                        a: first,
                        b: (event.pointer_id(), client),
                    });
                    if let Some(svg) = svg_ref.cast::<Element>() {
                        let _ = svg.set_pointer_capture(event.pointer_id());
                    }
                    return;
                }
            }
            if event.shift_key() {
                let start = viewport.to_diagram(client.0, client.1);
                g.gesture = Some(Gesture::Marquee {
                    pointer_id: event.pointer_id(),
                    start,
                    base: latest.borrow().selection.nodes().to_vec(),
                });
                if let Some(svg) = svg_ref.cast::<Element>() {
                    let _ = svg.set_pointer_capture(event.pointer_id());
                }
                overlay(
                    &marquee_ref,
                    Some(&[
                        ("x", start.0.to_string()),
                        ("y", start.1.to_string()),
                        ("width", "0".into()),
                        ("height", "0".into()),
                    ]),
                );
            } else {
                g.start_pan(event.pointer_id(), client, &svg_ref);
            }
        }
    };

    // Pointer moves and releases are heard by listeners on the <svg> itself,
    // built once: going through Yew's event delegation cost a drag a tenth of
    // a millisecond a move, a fifth of the whole budget on big diagrams.
    {
        let (gesture, positions, svg_ref, viewport) = (
            gesture.clone(),
            positions.clone(),
            svg_ref.clone(),
            viewport.clone(),
        );
        let (marquee_ref, rubber_ref, dispatch) = (
            marquee_ref.clone(),
            rubber_ref.clone(),
            props.dispatch.clone(),
        );
        let (latest, tell) = (latest.clone(), tell.clone());
        use_effect_with((), move |_| {
            let on_pointer_move = {
                let (gesture, positions, svg_ref, viewport) = (
                    gesture.clone(),
                    positions.clone(),
                    svg_ref.clone(),
                    viewport.clone(),
                );
                let (marquee_ref, rubber_ref) = (marquee_ref.clone(), rubber_ref.clone());
                move |event: PointerEvent| {
                    let mut g = gesture.borrow_mut();
                    let client = (f64::from(event.client_x()), f64::from(event.client_y()));
                    let pointer = event.pointer_id();
                    match g.gesture.as_mut() {
                        Some(Gesture::Press(d)) if d.pointer_id == pointer => {
                            let (dx, dy) =
                                (client.0 - d.start_client.0, client.1 - d.start_client.1);
                            if !d.moved && dx.hypot(dy) < DRAG_THRESHOLD_PX {
                                return;
                            }
                            if d.nodes.is_empty() {
                                // A press that moves no node (a read-only page) pans.
                                let id = d.pointer_id;
                                g.start_pan(id, client, &svg_ref);
                                if let Some(Gesture::Pan { moved, .. }) = g.gesture.as_mut() {
                                    *moved = true;
                                }
                                return;
                            }
                            if !d.moved {
                                // Now it is a drag: keep receiving moves when the pointer leaves
                                // the window. Not before, or the click on an instance would be
                                // retargeted to the canvas. (Yew delegates events, so
                                // `current_target` is its root, not the svg.)
                                if let Some(svg) = svg_ref.cast::<Element>() {
                                    let _ = svg.set_pointer_capture(pointer);
                                }
                                d.moved = true;
                            }
                            let moves: Vec<(AttrValue, (f64, f64))> = d
                                .nodes
                                .iter()
                                .map(|(id, start)| {
                                    let at = (
                                        (start.0 + dx / d.scale).round(),
                                        (start.1 + dy / d.scale).round(),
                                    );
                                    (id.clone(), at)
                                })
                                .collect();
                            drop(g);
                            for (id, at) in moves {
                                positions.set(&id, at);
                            }
                        }
                        Some(Gesture::Pan {
                            pointer_id,
                            last,
                            moved,
                        }) if *pointer_id == pointer => {
                            let (dx, dy) = (client.0 - last.0, client.1 - last.1);
                            *last = client;
                            *moved = true;
                            drop(g);
                            viewport.pan_pixels(dx, dy);
                        }
                        Some(Gesture::Pinch { a, b }) if a.0 == pointer || b.0 == pointer => {
                            let (before_a, before_b) = (a.1, b.1);
                            if a.0 == pointer {
                                a.1 = client;
                            } else {
                                b.1 = client;
                            }
                            let (after_a, after_b) = (a.1, b.1);
                            drop(g);
                            let spread =
                                |p: (f64, f64), q: (f64, f64)| (p.0 - q.0).hypot(p.1 - q.1);
                            let mid = |p: (f64, f64), q: (f64, f64)| {
                                ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0)
                            };
                            let (m0, m1) = (mid(before_a, before_b), mid(after_a, after_b));
                            let (d0, d1) = (spread(before_a, before_b), spread(after_a, after_b));
                            if d0 > 1.0 && d1 > 1.0 {
                                viewport.zoom_at_client(d1 / d0, m1.0, m1.1);
                            }
                            viewport.pan_pixels(m1.0 - m0.0, m1.1 - m0.1);
                        }
                        Some(Gesture::Marquee {
                            pointer_id, start, ..
                        }) if *pointer_id == pointer => {
                            let at = viewport.to_diagram(client.0, client.1);
                            overlay(
                                &marquee_ref,
                                Some(&[
                                    ("x", start.0.min(at.0).to_string()),
                                    ("y", start.1.min(at.1).to_string()),
                                    ("width", (start.0 - at.0).abs().to_string()),
                                    ("height", (start.1 - at.1).abs().to_string()),
                                ]),
                            );
                        }
                        Some(Gesture::Connect { pointer_id, .. }) if *pointer_id == pointer => {
                            let at = viewport.to_diagram(client.0, client.1);
                            overlay(
                                &rubber_ref,
                                Some(&[("x2", at.0.to_string()), ("y2", at.1.to_string())]),
                            );
                        }
                        _ => {}
                    }
                }
            };

            let on_pointer_up = {
                let (gesture, positions, dispatch, svg_ref) = (
                    gesture.clone(),
                    positions.clone(),
                    dispatch.clone(),
                    svg_ref.clone(),
                );
                let (viewport, latest, tell) = (viewport.clone(), latest.clone(), tell.clone());
                let (marquee_ref, rubber_ref) = (marquee_ref.clone(), rubber_ref.clone());
                move |event: PointerEvent| {
                    let pointer = event.pointer_id();
                    let mut g = gesture.borrow_mut();
                    if !g.gesture.as_ref().is_some_and(|gs| gs.has_pointer(pointer)) {
                        return;
                    }
                    let Some(ended) = g.gesture.take() else {
                        return;
                    };
                    if let Some(svg) = svg_ref.cast::<Element>() {
                        let _ = svg.release_pointer_capture(pointer);
                    }
                    let client = (f64::from(event.client_x()), f64::from(event.client_y()));
                    match ended {
                        Gesture::Press(d) => {
                            g.suppress_click = d.moved;
                            drop(g);
                            if d.moved {
                                let moves: Vec<(String, f64, f64)> = d
                                    .nodes
                                    .iter()
                                    .map(|(id, _)| {
                                        let (x, y) = positions.get(id);
                                        (id.to_string(), x, y)
                                    })
                                    .collect();
                                dispatch.emit(Action::MoveNodes(moves));
                            }
                        }
                        Gesture::Pan { moved, .. } => {
                            drop(g);
                            if !moved && event.type_() == "pointerup" {
                                // A click on empty space selects the link it is near, else nothing.
                                let at = viewport.to_diagram(client.0, client.1);
                                let reach = LINK_REACH_PX / viewport.scale();
                                let near = link_near(&latest.borrow().doc, &positions, at, reach);
                                dispatch.emit(Action::Select(match near {
                                    Some((from, to)) => Selection::Link { from, to },
                                    None => Selection::None,
                                }));
                            }
                        }
                        Gesture::Pinch { a, b } => {
                            // The finger left on the glass goes on panning.
                            let rest = if a.0 == pointer { b } else { a };
                            g.gesture = Some(Gesture::Pan {
                                pointer_id: rest.0,
                                last: rest.1,
                                moved: true,
                            });
                        }
                        Gesture::Marquee { start, base, .. } => {
                            drop(g);
                            overlay(&marquee_ref, None);
                            let at = viewport.to_diagram(client.0, client.1);
                            let mut ids = base;
                            for id in nodes_in(&latest.borrow().doc, start, at) {
                                if !ids.contains(&id) {
                                    ids.push(id);
                                }
                            }
                            dispatch.emit(Action::Select(Selection::Nodes(ids)));
                        }
                        Gesture::Connect { from, .. } => {
                            drop(g);
                            overlay(&rubber_ref, None);
                            let Some(to) = node_at(client.0, client.1) else {
                                return;
                            };
                            if to == from.as_str() {
                                return;
                            }
                            match edit::why_no_link(&latest.borrow().doc, &from, &to) {
                                Some(why) => tell.emit(refused(&why, "No link", "无法连线")),
                                None => dispatch.emit(Action::AddLink {
                                    from: from.to_string(),
                                    to,
                                }),
                            }
                        }
                    }
                }
            };
            let on_pointer_up = Rc::new(on_pointer_up);
            let listeners = svg_ref.cast::<Element>().map(|svg| {
                let pointer = |e: &Event| e.dyn_ref::<PointerEvent>().cloned();
                let up = on_pointer_up.clone();
                let cancel = on_pointer_up;
                [
                    EventListener::new(&svg, "pointermove", move |e| {
                        if let Some(e) = pointer(e) {
                            on_pointer_move(e)
                        }
                    }),
                    EventListener::new(&svg, "pointerup", move |e| {
                        if let Some(e) = pointer(e) {
                            up(e)
                        }
                    }),
                    EventListener::new(&svg, "pointercancel", move |e| {
                        if let Some(e) = pointer(e) {
                            cancel(e)
                        }
                    }),
                ]
            });
            move || drop(listeners)
        });
    }

    // A palette kind (its own type) adds a node; a file is imported.
    let on_drag_over = |e: DragEvent| {
        let Some(data) = e.data_transfer() else {
            return;
        };
        if data.types().includes(&DRAG_TYPE.into(), 0) {
            e.prevent_default();
        } else if carries_files(&data) {
            e.prevent_default();
            data.set_drop_effect("copy");
        }
    };
    let on_drop = {
        let (viewport, dispatch) = ((*viewport).clone(), props.dispatch.clone());
        let on_file = props.on_file.clone();
        move |e: DragEvent| {
            let Some(data) = e.data_transfer() else {
                return;
            };
            let kind = data
                .get_data(DRAG_TYPE)
                .ok()
                .and_then(|name| NodeKind::from_name(&name));
            if let Some(kind) = kind {
                e.prevent_default();
                let (x, y) = viewport.to_diagram(f64::from(e.client_x()), f64::from(e.client_y()));
                dispatch.emit(Action::AddNode { kind, x, y });
            } else if let Some(file) = data.files().and_then(|files| files.get(0)) {
                e.prevent_default();
                on_file.emit(file);
            }
        }
    };
    let on_palette_add = {
        let (viewport, dispatch, latest, tell) = (
            (*viewport).clone(),
            props.dispatch.clone(),
            latest.clone(),
            tell.clone(),
        );
        Callback::from(move |kind: NodeKind| {
            let doc = &latest.borrow().doc;
            if let Some(why) = edit::why_no_node(doc) {
                tell.emit(refused(&why, "No new node", "无法添加节点"));
                return;
            }
            // Near the middle of the view, where it overlaps no other node.
            let (x, y) = edit::free_spot(doc, kind, viewport.get().centre());
            dispatch.emit(Action::AddNode { kind, x, y });
        })
    };
    let zoom_in = {
        let viewport = (*viewport).clone();
        move |_: MouseEvent| viewport.zoom(ZOOM_STEP)
    };
    let zoom_out = {
        let viewport = (*viewport).clone();
        move |_: MouseEvent| viewport.zoom(1.0 / ZOOM_STEP)
    };
    let fit = {
        let (viewport, latest) = ((*viewport).clone(), latest.clone());
        move |_: MouseEvent| viewport.fit(&latest.borrow().doc)
    };

    let doc = &props.doc;
    {
        // After every render the layer draws what changed. The level of detail is
        // read from the view itself, so the first drawing already has the
        // fitted view's (the `detail` state only brings the render about).
        let (layer, viewport) = (layer.clone(), (*viewport).clone());
        let (later_layer, resolve_timer) = (layer.clone(), resolve_timer.clone());
        let (doc, facts, blast) = (props.doc.clone(), props.facts.clone(), props.blast.clone());
        let (selection, hovered) = (props.selection.clone(), props.hovered.clone());
        let editable = props.editable;
        let traffic = props.traffic.clone();
        let (focus_after, svg_ref) = (keys.focus_after.clone(), svg_ref.clone());
        use_effect(move || {
            if let Some(layer) = layer.borrow_mut().as_mut() {
                let looks = Looks {
                    facts: &facts,
                    selection: &selection,
                    blast: &blast,
                    hovered: hovered.as_deref(),
                    detail: viewport.shows_detail(),
                    lang,
                    handles: editable,
                };
                let link = match &selection {
                    Selection::Link { from, to } => Some((from.as_str(), to.as_str())),
                    _ => None,
                };
                layer.sync(
                    &doc,
                    &looks.frames(&doc),
                    (link, looks.detail),
                    &DiagramWords(lang),
                );
                traffic.nodes_drawn(layer.revision());
                if focus_after.replace(false) {
                    if let Some(id) = selection.primary() {
                        focus_node(&svg_ref, id);
                    }
                }
                if layer.unresolved() {
                    // Found once the page has shown the drawing, not while it waits for it.
                    let later = later_layer.clone();
                    *resolve_timer.borrow_mut() = Some(Timeout::new(RESOLVE_AFTER_MS, move || {
                        if let Ok(mut layer) = later.try_borrow_mut() {
                            if let Some(layer) = layer.as_mut() {
                                layer.resolve();
                            }
                        }
                    }));
                }
            }
        });
    }
    let markers = {
        let mut out = String::new();
        write_markers(&mut out);
        Html::from_html_unchecked(AttrValue::from(out))
    };
    html! {
        <div class={classes!("canvas-wrap", (!props.editable).then_some("no-palette"),
                             props.readonly.then_some("readonly"))}>
            if props.editable {
                <Palette on_add={on_palette_add} />
            }
            <div class="canvas-area" ref={area_ref}>
            <svg ref={svg_ref} class="canvas" data-topolab-canvas=""
                 preserveAspectRatio="xMidYMid meet" role="group"
                 aria-label={doc.title.clone().unwrap_or_else(|| DIAGRAM.get(lang).into())}
                 ondragover={on_drag_over} ondrop={on_drop}>
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
                      onpointerdown={on_backdrop_down} />
                // Links and nodes sit right under the <svg>: a <g> around thousands
                // of them made every move re-measure them all (3x slower at 2,000 nodes).
                <g ref={links_end_ref} class="layer-end" />
                <g ref={nodes_end_ref} class="layer-end" />
                <line ref={rubber_ref} class="rubber-band" visibility="hidden" />
                <rect ref={marquee_ref} class="marquee" visibility="hidden" />
            </svg>
            // The traffic's dots: drawn by hand on one <canvas> over the diagram,
            // following its view, so moving 500 of them repaints one bitmap, never the diagram.
            <canvas ref={dots_ref} class="traffic-dots" aria-hidden="true" data-traffic-dots="" />
            // Its queues' backlog badges: set by hand, never rendered by Yew, in an <svg> of
            // their own over the diagram (its view box copied from the diagram's).
            <svg class="traffic-overlay" aria-hidden="true" preserveAspectRatio="xMidYMid meet">
                <g ref={traffic_ref} class="traffic-layer" data-traffic-layer="" />
            </svg>
            <div class="zoom-controls" role="group" aria-label={ZOOM.get(lang)} data-floats-over-diagram="">
                <button onclick={zoom_in} title={ZOOM_IN_TIP.get(lang)} aria-label={ZOOM_IN.get(lang)}>{ "+" }</button>
                <button onclick={zoom_out} title={ZOOM_OUT_TIP.get(lang)} aria-label={ZOOM_OUT.get(lang)}>{ "−" }</button>
                <button onclick={fit} title={FIT_TIP.get(lang)} data-fit="">{ FIT.get(lang) }</button>
            </div>
            if let Some(text) = &*notice {
                <p class="notice" role="status">{ text.get(lang).to_string() }</p>
            }
            { keys.view }
            if doc.nodes.is_empty() && props.editable {
                <p class="empty-hint">{ EMPTY_HINT.get(lang) }</p>
            }
            </div>
        </div>
    }
}
