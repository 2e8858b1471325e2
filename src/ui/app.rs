//! The app's root: the editor state in a reducer, the analysis memoised on the
//! topology's revision, and the page layout.

use std::rc::Rc;

use yew::prelude::*;

use super::canvas::{Canvas, NodeFacts};
use super::coupling::CouplingTable;
use super::help::HelpOverlay;
use super::inspector::Inspector;
use super::panel::AnalysisPanel;
use crate::editor::{Action, EditorState};
use crate::model::analysis::analyze;
use crate::model::presets::{preset, PRESETS};
use crate::model::Document;

/// The reducer's state is the plain-Rust editor state.
#[derive(PartialEq)]
pub struct Editor(pub EditorState);

impl Reducible for Editor {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Editor(self.0.apply(action)))
    }
}

/// The preset the page opens with: `#preset=<name>`, else the cluster.
fn initial_preset() -> &'static str {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    hash.strip_prefix("#preset=")
        .and_then(preset)
        .map_or("cluster", |p| p.name)
}

fn preset_document(name: &str) -> Document {
    preset(name).map(|p| p.document()).unwrap_or_default()
}

#[function_component(App)]
pub fn app() -> Html {
    let scenario = use_state(initial_preset);
    let editor = use_reducer(|| Editor(EditorState::new(preset_document(*scenario))));
    let dispatch = {
        let dispatcher = editor.dispatcher();
        use_memo((), move |_| {
            Callback::from(move |a: Action| dispatcher.dispatch(a))
        })
    };
    {
        // `window.topolab`, for as long as the app is mounted.
        let editor = editor.clone();
        use_effect_with((), move |_| {
            let api = super::api::install(editor);
            move || drop(api)
        });
    }
    let state = &editor.0;
    super::keyboard::use_shortcuts(state.selection.clone(), (*dispatch).clone());
    let doc = state.doc().clone();
    // The one place the engine runs: again only when the topology changed.
    let analysis = use_memo(state.topology_rev(), {
        let doc = doc.clone();
        move |_| Rc::new(analyze(&doc))
    });
    let facts = use_memo(state.topology_rev(), {
        let analysis = analysis.clone();
        move |_| {
            Rc::new(
                analysis
                    .nodes
                    .iter()
                    .map(|n| NodeFacts {
                        status: n.status(),
                        spof: n.spof,
                    })
                    .collect::<Vec<_>>(),
            )
        }
    });
    let on_preset = {
        let (dispatch, scenario) = ((*dispatch).clone(), scenario.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(p) = preset(&select.value()) {
                scenario.set(p.name);
                dispatch.emit(Action::Load(Rc::new(p.document())));
            }
        })
    };
    let undo = {
        let dispatch = (*dispatch).clone();
        Callback::from(move |_| dispatch.emit(Action::Undo))
    };
    let redo = {
        let dispatch = (*dispatch).clone();
        Callback::from(move |_| dispatch.emit(Action::Redo))
    };
    let help_open = use_state(|| false);
    let close_help = {
        let help_open = help_open.clone();
        Callback::from(move |()| help_open.set(false))
    };
    html! {
        <div class="app">
            <header class="toolbar">
                <h1 class="brand">{ "Topolab" }</h1>
                <label class="field">
                    <span>{ "Scenario" }</span>
                    <select onchange={on_preset}>
                        { for PRESETS.iter().map(|p| html! {
                            <option value={p.name} selected={*scenario == p.name}>{ p.name }</option>
                        }) }
                    </select>
                </label>
                <button onclick={undo} disabled={!state.can_undo()} title="Undo (Ctrl+Z)">{ "Undo" }</button>
                <button onclick={redo} disabled={!state.can_redo()} title="Redo (Ctrl+Shift+Z)">{ "Redo" }</button>
                <span class="doc-title">{ doc.title.clone().unwrap_or_default() }</span>
            </header>
            <main class="workspace">
                <Canvas doc={doc.clone()} load_count={state.load_count()} facts={(*facts).clone()}
                        selection={state.selection.clone()}
                        dispatch={(*dispatch).clone()} />
                <div class="side">
                    <Inspector doc={doc.clone()} selection={state.selection.clone()}
                               analysis={(*analysis).clone()} dispatch={(*dispatch).clone()} />
                    <AnalysisPanel analysis={(*analysis).clone()} />
                    <CouplingTable doc={doc.clone()} analysis={(*analysis).clone()} />
                </div>
            </main>
            <HelpOverlay open={*help_open} on_close={close_help} />
        </div>
    }
}
