//! The palette: one button per node kind. Click one to add that kind in the
//! middle of the view, or drag it onto the canvas to drop it where you want.

use topolab_engine::i18n::l;
use yew::prelude::*;

use super::lang::{Lang, Localized};
use topolab_engine::drawing::icon_markup;
use topolab_engine::NodeKind;

const REGION: Localized = l("Add a node", "添加节点");

/// The drag-and-drop type that carries a node kind from the palette to the canvas.
pub const DRAG_TYPE: &str = "application/x-topolab-kind";

/// A kind's name for people ("Load balancer", "负载均衡").
pub fn kind_name(kind: NodeKind, lang: Lang) -> &'static str {
    if lang == Lang::Zh {
        return kind.name_zh();
    }
    match kind {
        NodeKind::Client => "Client",
        NodeKind::LoadBalancer => "Load balancer",
        NodeKind::Gateway => "Gateway",
        NodeKind::Service => "Service",
        NodeKind::Database => "Database",
        NodeKind::Cache => "Cache",
        NodeKind::Queue => "Queue",
        NodeKind::External => "External API",
    }
}

#[derive(Properties, PartialEq)]
pub struct PaletteProps {
    /// A kind was clicked (not dragged).
    pub on_add: Callback<NodeKind>,
}

pub fn palette(props: &PaletteProps, lang: Lang) -> Html {
    let items = NodeKind::ALL.iter().map(|&kind| {
        let onclick = {
            let on_add = props.on_add.clone();
            move |_: MouseEvent| on_add.emit(kind)
        };
        let ondragstart = move |e: DragEvent| {
            if let Some(data) = e.data_transfer() {
                let _ = data.set_data(DRAG_TYPE, kind.as_str());
                let _ = data.set_data("text/plain", kind.as_str());
                data.set_effect_allowed("copy");
            }
        };
        let title = match lang {
            Lang::En => format!(
                "Add a {} (click, or drag onto the diagram)",
                kind_name(kind, lang).to_ascii_lowercase()
            ),
            Lang::Zh => format!("添加{}（点击，或拖到图上）", kind_name(kind, lang)),
        };
        html! {
            <li>
                <button class="palette-item" draggable="true" data-palette-kind={kind.as_str()}
                        {title} {onclick} {ondragstart}>
                    <svg class="palette-icon" viewBox="-11 -11 22 22" aria-hidden="true">{ Html::from_html_unchecked(AttrValue::Static(icon_markup(kind))) }</svg>
                    <span>{ kind_name(kind, lang) }</span>
                </button>
            </li>
        }
    });
    html! {
        <nav class="palette" aria-label={REGION.get(lang)}>
            <ul>{ for items }</ul>
        </nav>
    }
}
