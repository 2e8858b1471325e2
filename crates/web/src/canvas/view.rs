//! What part of the diagram the canvas shows: the svg sized in pixels from
//! its area, the diagram fitted when opened (and again when the canvas or
//! the controls floating over it change size, until someone moves the
//! view), fitted whole while printing, zoomed by the wheel, a trackpad pinch
//! and the zoom buttons.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, WheelEvent};
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::Parts;
use crate::lang::{Lang, Localized};
use crate::viewport::{Detail, Viewport};
use topolab_engine::i18n::l;
use topolab_engine::Document;

/// One press of + or - (or of a zoom button) zooms by this much.
pub(super) const ZOOM_STEP: f64 = 1.25;

const ZOOM: Localized = l("Zoom", "缩放");
const ZOOM_IN: Localized = l("Zoom in", "放大");
const ZOOM_IN_TIP: Localized = l("Zoom in (+)", "放大（+）");
const ZOOM_OUT: Localized = l("Zoom out", "缩小");
const ZOOM_OUT_TIP: Localized = l("Zoom out (-)", "缩小（-）");
const FIT: Localized = l("Fit", "全图");
const FIT_TIP: Localized = l("Fit the diagram (0)", "显示整张图（0）");

/// The view's effects, in the order they must run (before the diagram is drawn).
#[hook]
pub(super) fn use_view(
    parts: &Parts,
    refit_on_resize: bool,
    fit_count: u64,
    doc: &std::rc::Rc<Document>,
) {
    // How much of each node to draw follows the view (see `viewport::Detail`): the
    // layer reads it from the view; a change brings a render about.
    let detail = use_state(|| Detail::Everywhere);
    {
        let (viewport, detail) = (parts.viewport.clone(), detail.clone());
        use_effect_with((), move |_| {
            let setter = detail.setter();
            viewport.watch_detail(Callback::from(move |d| setter.set(d)));
        });
    }
    use_sizing(parts, refit_on_resize);
    // Printed whole (ui/print.rs).
    {
        let (viewport, rendered) = (parts.viewport.clone(), parts.rendered.clone());
        use_effect_with((), move |_| {
            let listeners =
                crate::print::fit_while_printing(viewport, move || rendered.borrow().doc.clone());
            move || drop(listeners)
        });
    }
    // A newly opened document is shown whole, and one laid out or grown by a split.
    {
        let (viewport, doc) = (parts.viewport.clone(), doc.clone());
        use_effect_with(fit_count, move |_| viewport.fit(&doc));
    }
    use_wheel_zoom(parts);
}

/// The svg gets its size in pixels, from its area's size. A percentage size
/// made the browser lay out the whole page again on every pointer move of a
/// drag (measured: 13 ms a move at 100 nodes against 0.6 ms in pixels).
/// It is sized before the diagram is first drawn: measuring after drawing
/// thousands of nodes would lay them all out twice. An embed is fitted again
/// at every size (`always`); the editor while nobody has moved its view
/// since the last fit, also when the controls floating over the diagram
/// change size (the traffic bar opening), so that they never cover a
/// diagram just opened.
#[hook]
fn use_sizing(parts: &Parts, always: bool) {
    let (area_ref, svg_ref) = (parts.refs.area.clone(), parts.refs.svg.clone());
    let (viewport, rendered) = (parts.viewport.clone(), parts.rendered.clone());
    use_effect_with((), move |_| {
        let observed = area_ref.clone();
        let size_svg = move || {
            let (Some(area), Some(svg)) = (area_ref.cast::<Element>(), svg_ref.cast::<Element>())
            else {
                return;
            };
            let (w, h) = (area.client_width().max(1), area.client_height().max(1));
            let _ = svg.set_attribute("width", &w.to_string());
            let _ = svg.set_attribute("height", &h.to_string());
            if let Ok(rendered) = rendered.try_borrow() {
                if always {
                    viewport.fit(&rendered.doc);
                } else {
                    viewport.refit(&rendered.doc);
                }
            }
            // A larger svg shows more of a view kept (zoomed in, then the window grown).
            viewport.resized();
        };
        size_svg();
        let on_resize = Closure::<dyn Fn()>::new(size_svg);
        let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
        if let (Some(observer), Some(area)) = (&observer, observed.cast::<Element>()) {
            observer.observe(&area);
            for floating in crate::viewport::floating_controls(&area) {
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

/// Wheel and trackpad pinch zoom around the pointer. Registered by hand:
/// it must be allowed to stop the page from scrolling.
#[hook]
fn use_wheel_zoom(parts: &Parts) {
    let (viewport, svg_ref) = (parts.viewport.clone(), parts.refs.svg.clone());
    use_effect_with((), move |_| {
        let listener = svg_ref.cast::<Element>().map(|svg| {
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&svg, "wheel", options, move |e| {
                if let Some(e) = e.dyn_ref::<WheelEvent>() {
                    e.prevent_default();
                    wheel_zoom(&viewport, e);
                }
            })
        });
        move || drop(listener)
    });
}

/// Zooms by a wheel's turn (a pinch on a trackpad comes with Ctrl, faster).
fn wheel_zoom(viewport: &Viewport, e: &WheelEvent) {
    let unit = match e.delta_mode() {
        1 => 16.0,
        2 => 400.0,
        _ => 1.0,
    };
    let speed = if e.ctrl_key() { 0.01 } else { 0.0015 };
    let factor = (-e.delta_y() * unit * speed).clamp(-1.0, 1.0).exp();
    viewport.zoom_at_client(factor, f64::from(e.client_x()), f64::from(e.client_y()));
}

/// The zoom buttons floating over the diagram: in, out, fit.
pub(super) fn zoom_controls(parts: &Parts, lang: Lang) -> Html {
    let zoom = |factor: f64| {
        let viewport = parts.viewport.clone();
        move |_: MouseEvent| viewport.zoom(factor)
    };
    let fit = {
        let (viewport, rendered) = (parts.viewport.clone(), parts.rendered.clone());
        move |_: MouseEvent| viewport.fit(&rendered.borrow().doc)
    };
    html! {
        <div class="zoom-controls" role="group" aria-label={ZOOM.get(lang)} data-floats-over-diagram="">
            <button onclick={zoom(ZOOM_STEP)} title={ZOOM_IN_TIP.get(lang)} aria-label={ZOOM_IN.get(lang)}>{ "+" }</button>
            <button onclick={zoom(1.0 / ZOOM_STEP)} title={ZOOM_OUT_TIP.get(lang)} aria-label={ZOOM_OUT.get(lang)}>{ "−" }</button>
            <button onclick={fit} title={FIT_TIP.get(lang)} data-fit="">{ FIT.get(lang) }</button>
        </div>
    }
}
