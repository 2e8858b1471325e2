//! Where each side of the compare view comes from ([`Source`]: this diagram,
//! the diagram before the last split, a preset), the menu choosing it, and
//! the two documents loaded from the sources ([`Given::load`]).

use std::rc::Rc;

use yew::prelude::*;

use super::CompareProps;
use topolab_editor::SideBySide;
use topolab_engine::compare::Side;
use topolab_engine::i18n::{l, Lang, Localized};
use topolab_engine::presets::{preset, PRESETS};
use topolab_engine::{Analysis, Document};

const PRESETS_GROUP: Localized = l("Presets", "预设");
const BEFORE_SPLIT: Localized = l("Before the last split", "最近一次拆分之前");
const THIS_DIAGRAM: Localized = l("This diagram", "当前的图");

/// Where a side's document comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Source {
    /// The editor's diagram, as it is (kills included).
    Current,
    /// The document the last split applied in this session replaced.
    BeforeSplit,
    /// A built-in scenario, by name.
    Preset(&'static str),
}

impl Source {
    /// The value of its option in a menu.
    pub(super) fn key(self) -> String {
        match self {
            Source::Current => "current".into(),
            Source::BeforeSplit => "before-split".into(),
            Source::Preset(name) => format!("preset:{name}"),
        }
    }

    /// The source whose [`Source::key`] is `key`.
    pub(super) fn from_key(key: &str) -> Option<Source> {
        match key {
            "current" => Some(Source::Current),
            "before-split" => Some(Source::BeforeSplit),
            _ => preset(key.strip_prefix("preset:")?).map(|p| Source::Preset(p.name)),
        }
    }

    /// Its name in a menu and above a column.
    pub(super) fn name(self, lang: Lang) -> String {
        match self {
            Source::Current => THIS_DIAGRAM.get(lang).into(),
            Source::BeforeSplit => BEFORE_SPLIT.get(lang).into(),
            Source::Preset(name) => preset(name).map_or(name, |p| p.label().get(lang)).into(),
        }
    }
}

/// What the view shows: the two documents and where each came from.
#[derive(Clone, PartialEq)]
pub(super) struct View {
    pub(super) pair: SideBySide,
    pub(super) sources: [Source; 2],
}

/// The first B: the diagram before the split just made, else a preset to
/// learn from (microservices, or the monolith when this is microservices).
pub(super) fn default_b(props: &CompareProps) -> Source {
    if props.before_split.is_some() {
        return Source::BeforeSplit;
    }
    let is = |name: &str| {
        preset(name).is_some_and(|p| {
            let t = p.title();
            props
                .doc
                .title
                .as_deref()
                .is_some_and(|x| x == t.en || x == t.zh)
        })
    };
    match is("microservices") {
        true => Source::Preset("monolith"),
        false => Source::Preset("microservices"),
    }
}

/// What the sources of the sides are read from: the editor's document and
/// analysis, and the document before the last split.
#[derive(Clone)]
pub(super) struct Given {
    doc: Rc<Document>,
    analysis: Rc<Analysis>,
    before_split: Option<Rc<Document>>,
    lang: Lang,
}

impl Given {
    pub(super) fn of(props: &CompareProps, lang: Lang) -> Given {
        Given {
            doc: props.doc.clone(),
            analysis: props.analysis.clone(),
            before_split: props.before_split.clone(),
            lang,
        }
    }

    /// A side's document, fresh from its source (`None`: there is none).
    pub(super) fn fresh(&self, source: Source) -> Option<Rc<Document>> {
        match source {
            Source::Current => Some(self.doc.clone()),
            Source::BeforeSplit => self.before_split.clone(),
            Source::Preset(name) => preset(name).map(|p| Rc::new(p.document_in(self.lang))),
        }
    }

    /// Both sides fresh from their sources; the editor's analysis is reused.
    pub(super) fn load(&self, sources: [Source; 2]) -> View {
        let doc = |s: Source| self.fresh(s).unwrap_or_else(|| self.doc.clone());
        let (current, analysis) = (self.doc.clone(), self.analysis.clone());
        let pair = match sources {
            [Source::Current, b] => SideBySide::with_analysis(current, analysis, doc(b)),
            [a, Source::Current] => SideBySide::with_analysis(current, analysis, doc(a)).swapped(),
            [a, b] => SideBySide::new(doc(a), doc(b)),
        };
        View { pair, sources }
    }
}

/// Where a side's source is kept.
pub(super) fn side_index(side: Side) -> usize {
    match side {
        Side::A => 0,
        Side::B => 1,
    }
}

/// The menu of sources, `chosen` selected (the diagram before the last split
/// only when there is one).
pub(super) fn source_menu(chosen: Source, before_split: bool, lang: Lang) -> Html {
    let option = |source: Source| {
        html! {
            <option value={source.key()} selected={source == chosen}>{ source.name(lang) }</option>
        }
    };
    html! {
        <>
            { option(Source::Current) }
            if before_split { { option(Source::BeforeSplit) } }
            <optgroup label={PRESETS_GROUP.get(lang)}>
                { for PRESETS.iter().map(|p| option(Source::Preset(p.name))) }
            </optgroup>
        </>
    }
}
