//! Adding to the diagram from outside it: a palette kind clicked (placed
//! near the middle of the view, where it overlaps nothing) or dropped (where
//! it was dropped), and a file dropped on the canvas (imported).

use web_sys::DragEvent;
use yew::prelude::*;

use super::Parts;
use crate::import::carries_files;
use crate::lang::{Lang, Text};
use crate::palette::DRAG_TYPE;
use topolab_editor::{edit, Action};
use topolab_engine::NodeKind;

/// What the canvas says when it refuses an edit: "No new node: …." in each language.
pub(super) fn no_new_node(refusal: &edit::Refusal) -> Text {
    Text::of(|lang| match lang {
        Lang::En => format!("No new node: {}.", refusal.message(lang)),
        Lang::Zh => format!("无法添加节点：{}。", refusal.message(lang)),
    })
}

/// The handlers for the palette and for what is dragged onto the canvas.
pub(super) struct Drop {
    pub on_palette_add: Callback<NodeKind>,
    pub on_drag_over: Callback<DragEvent>,
    pub on_drop: Callback<DragEvent>,
}

#[hook]
pub(super) fn use_drop(parts: &Parts, on_file: &Callback<web_sys::File>) -> Drop {
    let on_palette_add = {
        let parts = parts.clone();
        use_memo((), move |_| {
            Callback::from(move |kind| add_in_view(&parts, kind))
        })
    };
    let on_drop = {
        let (parts, on_file) = (parts.clone(), on_file.clone());
        use_memo((), move |_| {
            Callback::from(move |e: DragEvent| dropped(&parts, &on_file, &e))
        })
    };
    Drop {
        on_palette_add: (*on_palette_add).clone(),
        on_drag_over: Callback::from(drag_over),
        on_drop: (*on_drop).clone(),
    }
}

/// A palette kind (its own type) may be dropped to add a node; a file to import it.
fn drag_over(e: DragEvent) {
    let Some(data) = e.data_transfer() else {
        return;
    };
    if data.types().includes(&DRAG_TYPE.into(), 0) {
        e.prevent_default();
    } else if carries_files(&data) {
        e.prevent_default();
        data.set_drop_effect("copy");
    }
}

fn dropped(parts: &Parts, on_file: &Callback<web_sys::File>, e: &DragEvent) {
    let Some(data) = e.data_transfer() else {
        return;
    };
    let kind = data
        .get_data(DRAG_TYPE)
        .ok()
        .and_then(|name| NodeKind::from_name(&name));
    if let Some(kind) = kind {
        e.prevent_default();
        let client = (f64::from(e.client_x()), f64::from(e.client_y()));
        let (x, y) = parts.viewport.to_diagram(client.0, client.1);
        parts.dispatch.emit(Action::AddNode { kind, x, y });
    } else if let Some(file) = data.files().and_then(|files| files.get(0)) {
        e.prevent_default();
        on_file.emit(file);
    }
}

/// A node of `kind` near the middle of the view, where it overlaps no other
/// node: nodes added one after another fill a row centred in the view.
fn add_in_view(parts: &Parts, kind: NodeKind) {
    let rendered = parts.rendered.borrow();
    if let Some(why) = edit::why_no_node(&rendered.doc) {
        parts.tell.emit(no_new_node(&why));
        return;
    }
    let (cx, cy) = parts.viewport.get().centre();
    let row_start = cx - f64::from(edit::ROW_STEPS) * 20.0;
    let (x, y) = edit::free_spot(&rendered.doc, kind, (row_start, cy));
    drop(rendered);
    parts.dispatch.emit(Action::AddNode { kind, x, y });
}
