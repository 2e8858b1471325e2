//! The app's two dialogs and what they share: the split dialog, open on a
//! service the inspector named; the compare view, opened from the toolbar,
//! offered the document the last applied split replaced (a natural B to
//! compare with). Their callbacks are made once.

use std::cell::RefCell;
use std::rc::Rc;

use topolab_editor::Action;
use topolab_engine::{Analysis, Document};
use yew::prelude::*;

use super::compare::CompareView;
use super::split::SplitDialog;

/// The dialogs' state and the callbacks that open and close them.
pub struct Dialogs {
    /// The service the split dialog is open on.
    split_for: UseStateHandle<Option<AttrValue>>,
    /// The document the last applied split replaced.
    before_split: UseStateHandle<Option<Rc<Document>>>,
    compare_open: UseStateHandle<bool>,
    /// Opens the split dialog on a service.
    pub on_split: Callback<String>,
    /// Opens the compare view.
    pub on_compare: Callback<()>,
    on_apply_split: Callback<Rc<Document>>,
    close_split: Callback<()>,
    close_compare: Callback<()>,
    /// The document of the last render (the one a split replaces).
    latest: Rc<RefCell<Rc<Document>>>,
}

/// The dialogs of a page showing `doc`; an applied split goes to `dispatch`.
#[hook]
pub fn use_dialogs(doc: &Rc<Document>, dispatch: &Callback<Action>) -> Dialogs {
    let split_for = use_state(|| None::<AttrValue>);
    let before_split = use_state(|| None::<Rc<Document>>);
    let compare_open = use_state(|| false);
    let latest = use_mut_ref(|| doc.clone());
    *latest.borrow_mut() = doc.clone();
    let on_split = {
        let split_for = split_for.setter();
        use_memo((), move |_| {
            Callback::from(move |id: String| split_for.set(Some(AttrValue::from(id))))
        })
    };
    let close_split = {
        let split_for = split_for.setter();
        use_memo((), move |_| Callback::from(move |()| split_for.set(None)))
    };
    let on_apply_split = {
        let (dispatch, split_for) = (dispatch.clone(), split_for.setter());
        let (before_split, latest) = (before_split.setter(), latest.clone());
        use_memo((), move |_| {
            Callback::from(move |after: Rc<Document>| {
                before_split.set(Some(latest.borrow().clone()));
                dispatch.emit(Action::Replace(after));
                split_for.set(None);
            })
        })
    };
    let on_compare = {
        let compare_open = compare_open.setter();
        use_memo((), move |_| {
            Callback::from(move |()| compare_open.set(true))
        })
    };
    let close_compare = {
        let compare_open = compare_open.setter();
        use_memo((), move |_| {
            Callback::from(move |()| compare_open.set(false))
        })
    };
    Dialogs {
        split_for,
        before_split,
        compare_open,
        on_split: (*on_split).clone(),
        on_compare: (*on_compare).clone(),
        on_apply_split: (*on_apply_split).clone(),
        close_split: (*close_split).clone(),
        close_compare: (*close_compare).clone(),
        latest,
    }
}

impl Dialogs {
    /// The split dialog and the compare view, each present or not, over
    /// `analysis` (the app's, of the last render's document).
    pub fn view(&self, analysis: &Rc<Analysis>) -> (Html, Html) {
        let doc = self.latest.borrow().clone();
        let split = (*self.split_for).clone().map(|node| {
            html! {
                <SplitDialog doc={doc.clone()} analysis={analysis.clone()} {node}
                             on_apply={self.on_apply_split.clone()} on_close={self.close_split.clone()} />
            }
        });
        let compare = (*self.compare_open).then(|| {
            html! {
                <CompareView {doc} analysis={analysis.clone()}
                             before_split={(*self.before_split).clone()} on_close={self.close_compare.clone()} />
            }
        });
        (split.unwrap_or_default(), compare.unwrap_or_default())
    }
}
