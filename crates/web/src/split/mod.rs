//! The split dialog (docs/spec/model.md §4): which
//! capabilities of a service move to a new one, how the two talk, whether the
//! new one gets its own database; a preview of the figures before and after;
//! Apply hands the app exactly the previewed document, which it applies as
//! one undoable [`topolab_editor::Action::Replace`].
//!
//! The preview is computed while the dialog is open and only when a choice
//! changes: the document before is not analysed again (the app's analysis is
//! reused, [`split_preview_with`]). A node split off where it would cover
//! another is moved to a free spot first ([`place_new_nodes`]): positions
//! only, so the figures are the split's. What cannot be split is said in
//! words ([`words::error`]), and Apply is then disabled.

mod choices;
pub mod words;

use std::rc::Rc;

use yew::prelude::*;

use super::compare::table::{comparison_table, ComparisonTableProps, Mode};
use super::lang::{use_lang, Lang};
use super::modal::{close_on_escape, use_modal_focus};
use topolab_editor::edit::place_new_nodes;
use topolab_engine::compare::{split_preview_with, Comparison};
use topolab_engine::split::{SplitError, SplitLink, SplitRequest};
use topolab_engine::{Analysis, Document, NodeKind};

#[derive(Properties, PartialEq)]
pub struct SplitDialogProps {
    /// The document as it is.
    pub doc: Rc<Document>,
    /// Its analysis (the app's memoised one).
    pub analysis: Rc<Analysis>,
    /// The service to split.
    pub node: AttrValue,
    /// Apply: the document to put in place of `doc`.
    pub on_apply: Callback<Rc<Document>>,
    /// Cancel, Escape.
    pub on_close: Callback<()>,
}

/// What the split would give: the document and its figures against `doc`'s.
type Preview = Result<(Rc<Document>, Rc<Comparison>), SplitError>;

/// The preview of `request` on `doc`.
fn preview(doc: &Document, analysis: &Analysis, request: &SplitRequest) -> Preview {
    let p = split_preview_with(doc, analysis, request)?;
    Ok((
        Rc::new(place_new_nodes(doc, p.document)),
        Rc::new(p.comparison),
    ))
}

/// The nodes of `after` that `before` lacks.
fn added<'a>(before: &Document, after: &'a Document) -> Vec<(NodeKind, &'a str)> {
    after
        .nodes
        .iter()
        .filter(|n| before.node(&n.id).is_none())
        .map(|n| (n.kind, n.id.as_str()))
        .collect()
}

#[function_component(SplitDialog)]
pub fn split_dialog(props: &SplitDialogProps) -> Html {
    let lang = use_lang();
    let node = props.doc.node(&props.node);
    let held: Vec<String> = node
        .map(|n| n.capabilities().iter().map(|c| c.to_string()).collect())
        .unwrap_or_default();
    // The last capability moves out at first: the preview has something to show.
    let moving = use_state({
        let last = held.last().cloned();
        move || last.into_iter().collect::<Vec<String>>()
    });
    let link = use_state(|| SplitLink::Requires);
    let own_database = use_state(|| false);
    let root = use_node_ref();
    use_modal_focus(
        root.clone(),
        "[data-split-capability]",
        ".inspector [data-split-open], .inspector input",
    );

    let request = SplitRequest {
        node: props.node.to_string(),
        // In the service's own order: the new id is named after the first.
        capabilities: held
            .iter()
            .filter(|c| moving.contains(c))
            .cloned()
            .collect(),
        link: *link,
        own_database: *own_database,
    };
    let result = use_memo(
        (props.doc.clone(), props.analysis.clone(), request.clone()),
        |(doc, analysis, request)| preview(doc, analysis, request),
    );

    let label = node.map_or(props.node.to_string(), |n| n.label().to_string());
    let apply = {
        let (result, on_apply) = (result.clone(), props.on_apply.clone());
        move |_: MouseEvent| {
            if let Ok((after, _)) = &*result {
                on_apply.emit(after.clone());
            }
        }
    };
    let cancel = {
        let on_close = props.on_close.clone();
        move |_: MouseEvent| on_close.emit(())
    };
    let onkeydown = close_on_escape(root.clone(), props.on_close.clone());
    html! {
        <div class="split-backdrop" ref={root} tabindex="-1" {onkeydown}>
            <section class="split-dialog" role="dialog" aria-modal="true"
                     aria-labelledby="split-title" aria-describedby="split-intro"
                     data-split={props.node.clone()}>
                <div class="split-header">
                    <h2 id="split-title">{ words::title(&label, lang) }</h2>
                </div>
                <p id="split-intro" class="note">{ words::INTRO.get(lang) }</p>
                <div class="split-body">
                    { choices::choices(&held, &moving, &link, &own_database, &label, lang) }
                    <div class="split-preview" data-split-preview="">
                        <h3>{ words::PREVIEW.get(lang) }</h3>
                        { preview_view(&result, &props.doc, lang) }
                    </div>
                </div>
                <footer class="split-actions">
                    <button type="button" onclick={cancel} title={words::CLOSE_TITLE.get(lang)}
                            data-split-cancel="">{ words::CANCEL.get(lang) }</button>
                    <button type="button" class="primary" onclick={apply}
                            disabled={result.is_err()} title={words::APPLY_TITLE.get(lang)}
                            data-split-apply="">{ words::APPLY.get(lang) }</button>
                </footer>
            </section>
        </div>
    }
}

/// The preview: what the split adds and the figures before and after, or why
/// it cannot be done.
fn preview_view(result: &Preview, doc: &Document, lang: Lang) -> Html {
    match result {
        Err(e) => html! {
            <p class="split-error" role="alert" data-split-error="">{ words::error(e, lang) }</p>
        },
        Ok((after, comparison)) => html! {
            <>
                <p class="note split-adds" data-split-adds="">
                    { words::adds(&added(doc, after), lang) }
                </p>
                { comparison_table(&ComparisonTableProps {
                    comparison: comparison.clone(),
                    mode: Mode::Preview,
                    caption: words::PREVIEW.get(lang).into(),
                    a: words::BEFORE.get(lang).into(),
                    b: words::AFTER.get(lang).into(),
                }, lang) }
            </>
        },
    }
}
