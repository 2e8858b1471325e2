//! What kind of page this is (docs/spec/app.md "URL"): `?embed=1`, the diagram alone for
//! an `<iframe>`, and `?readonly=1`, a diagram nothing can change. Read once
//! when the page opens. A read-only page lets through only the actions that
//! leave the document as it is ([`Action::leaves_document`]), an embed only
//! those that explore it ([`Action::explores`]); each says so when it
//! refuses one.

use std::rc::Rc;
use topolab_engine::i18n::l;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::effect::use_effect_with;

use super::lang::{query_value, Lang, Localized};
use topolab_editor::Action;

/// How long the read-only notice stays, in milliseconds.
const NOTICE_MS: u32 = 3_500;

/// The page's mode, from its address.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageMode {
    /// `?embed=1`: no editing chrome, the diagram fitted to its frame, a
    /// figures strip; never writes the viewer's autosave.
    pub embed: bool,
    /// `?readonly=1`: no kill, revive, drag, edit, delete, undo or load.
    pub readonly: bool,
}

impl PageMode {
    /// The mode the page's address asks for.
    pub fn read() -> PageMode {
        PageMode {
            embed: flag(query_value("embed").as_deref()),
            readonly: flag(query_value("readonly").as_deref()),
        }
    }
}

/// A switch of the query: `1`, `true`, `yes` or nothing after the name
/// (`?embed`) turn it on; anything else, or its absence, leaves it off.
fn flag(value: Option<&str>) -> bool {
    matches!(value, Some("1" | "true" | "yes" | ""))
}

/// How many actions a read-only page has refused: each one shows the notice again.
#[derive(Default, PartialEq)]
pub struct Refusals(pub u32);

impl Reducible for Refusals {
    type Action = ();

    fn reduce(self: Rc<Self>, _: ()) -> Rc<Self> {
        Rc::new(Refusals(self.0.wrapping_add(1)))
    }
}

impl PageMode {
    /// Whether this page lets `action` through: a read-only page only what
    /// leaves the document as it is; an embed what explores it (kills,
    /// revivals, moves, undo) and the diagrams its embedding page opens in it.
    pub fn allows(self, action: &Action) -> bool {
        if self.readonly {
            action.leaves_document()
        } else if self.embed {
            action.explores() || matches!(action, Action::Load(_))
        } else {
            true
        }
    }
}

/// The dispatch every component is given: an action the page does not allow
/// goes no further than a refusal.
pub fn guarded(
    mode: PageMode,
    dispatch: impl Fn(Action) + 'static,
    refused: UseReducerDispatcher<Refusals>,
) -> Callback<Action> {
    Callback::from(move |action: Action| {
        if mode.allows(&action) {
            dispatch(action);
        } else {
            refused.dispatch(());
        }
    })
}

pub const READ_ONLY: Localized = l("Read-only", "只读");
pub const READ_ONLY_LONG: Localized = l(
    "Read-only: this diagram can be looked at, panned and zoomed, but not changed.",
    "只读：这张图可以查看、平移和缩放，但不能修改。",
);
const EMBED_ONLY: Localized = l("Here you can kill, revive and move servers. To change the diagram itself, open it in the editor.", "这里可以关停、恢复和移动服务器。要修改图本身，请在编辑器中打开。");

/// Says, for a few seconds after a refusal, what this page lets one do.
/// The live region is always there, so screen readers hear the text appear.
/// `refusals` is the number of refusals so far: a new one shows the notice.
#[hook]
pub fn use_refusal_notice(refusals: u32, mode: PageMode, lang: Lang) -> Html {
    let shown = use_state(|| false);
    let timer = use_mut_ref(|| None::<Timeout>);
    {
        let shown = shown.clone();
        use_effect_with(refusals, move |&count| {
            if count > 0 {
                shown.set(true);
                let hide = shown.clone();
                *timer.borrow_mut() = Some(Timeout::new(NOTICE_MS, move || hide.set(false)));
            }
        });
    }
    let text = if mode.readonly {
        READ_ONLY_LONG
    } else {
        EMBED_ONLY
    };
    html! {
        <p class={classes!("refusal-notice", (*shown).then_some("shown"))} role="status"
           data-refusal-notice={(*shown).then_some("")}>
            if *shown { { text.get(lang) } }
        </p>
    }
}
