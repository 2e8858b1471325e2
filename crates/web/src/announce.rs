//! What a change did to the system, said once in a polite live region:
//! after a kill, a revival, a split, a new link, an undo, every function whose
//! status or availability changed ("Checkout is down: availability 0% (was
//! 99.95%)") and every node whose status changed. Only a change of the
//! topology speaks (a move or a drag never does), and opening another diagram
//! says nothing: there is no "before" to compare with.

use std::rc::Rc;

use yew::prelude::*;

use crate::effect::use_effect_with;

use super::lang::{Lang, Text};
use super::panel::{function_label, status_word};
use topolab_engine::analysis::Analysis;
use topolab_engine::units::percent;
use topolab_engine::Document;

/// At most this many functions, and as many nodes, are named; the rest are counted.
const AT_MOST: usize = 4;

/// One sentence a change, in the language read.
fn sentences(
    before: (&Document, &Analysis),
    after: (&Document, &Analysis),
    lang: Lang,
) -> Vec<String> {
    let (doc, analysis) = after;
    let mut functions = Vec::new();
    for f in &analysis.functions {
        let name = function_label(f, lang);
        let status = status_word(f.status, lang);
        let now = percent(f.availability);
        match before.1.functions.iter().find(|b| b.id == f.id) {
            Some(b) if b.status == f.status && (b.availability - f.availability).abs() < 1e-12 => {}
            Some(b) => {
                let was = percent(b.availability);
                functions.push(match lang {
                    Lang::En if was == now => format!("{name} is {status}: availability {now}"),
                    Lang::En => format!("{name} is {status}: availability {now} (was {was})"),
                    Lang::Zh if was == now => format!("{name}：{status}，可用性 {now}"),
                    Lang::Zh => format!("{name}：{status}，可用性 {now}（原为 {was}）"),
                });
            }
            None => functions.push(match lang {
                Lang::En => format!("New function {name}, {status}: availability {now}"),
                Lang::Zh => format!("新功能 {name}：{status}，可用性 {now}"),
            }),
        }
    }
    let mut nodes = Vec::new();
    for n in &analysis.nodes {
        let Some(b) = before.1.node(&n.id) else {
            continue;
        };
        if b.status() != n.status() {
            let label = doc.node(&n.id).map_or(n.id.as_str(), |node| node.label());
            let status = status_word(n.status(), lang);
            nodes.push(match lang {
                Lang::En => format!("{label} is {status}"),
                Lang::Zh => format!("{label}：{status}"),
            });
        }
    }
    let mut out = Vec::new();
    for list in [functions, nodes] {
        let more = list.len().saturating_sub(AT_MOST);
        out.extend(list.into_iter().take(AT_MOST));
        if more > 0 {
            out.push(match lang {
                Lang::En => format!("and {more} more"),
                Lang::Zh => format!("另有 {more} 项"),
            });
        }
    }
    out
}

/// What the live region says of the change from `before` to `after`, if anything changed.
pub fn change_text(
    before: (Rc<Document>, Rc<Analysis>),
    after: (Rc<Document>, Rc<Analysis>),
) -> Option<Text> {
    let said = sentences((&before.0, &before.1), (&after.0, &after.1), Lang::En);
    (!said.is_empty()).then(|| {
        Text::of(move |lang| {
            let list = sentences((&before.0, &before.1), (&after.0, &after.1), lang);
            match lang {
                Lang::En => format!("{}.", list.join(". ")),
                Lang::Zh => format!("{}。", list.join("。")),
            }
        })
    })
}

/// The live region; it speaks when the topology's revision changes within one opened diagram.
#[hook]
pub fn use_announcement(
    rev: u64,
    loads: u64,
    doc: Rc<Document>,
    analysis: Rc<Analysis>,
    lang: Lang,
) -> Html {
    let said = use_state(|| None::<Text>);
    let before = use_mut_ref(|| (rev, loads, doc.clone(), analysis.clone()));
    {
        let said = said.clone();
        use_effect_with(rev, move |&rev| {
            let mut b = before.borrow_mut();
            if b.0 != rev {
                if b.1 == loads {
                    if let Some(text) =
                        change_text((b.2.clone(), b.3.clone()), (doc.clone(), analysis.clone()))
                    {
                        said.set(Some(text));
                    }
                }
                *b = (rev, loads, doc, analysis);
            }
        });
    }
    html! {
        <div class="visually-hidden" role="status" aria-live="polite" data-announce="">
            { (*said).as_ref().map(|t| t.get(lang).to_string()).unwrap_or_default() }
        </div>
    }
}
