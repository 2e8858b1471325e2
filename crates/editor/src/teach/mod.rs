//! Guided lessons as data: each a few steps of text, a diagram and an action
//! to try, in English and Chinese. Pure Rust, no browser: the app walks
//! through them, the tests check that every claim a text makes holds.
//!
//! Code map: `task` is what a step asks for (its prompt, its goal, doing it);
//! `diagrams` the lessons' own small documents; `lessons/` one file a lesson;
//! `progress` where a class is in them (step on screen, tasks done, next and previous);
//! `challenges` the exercises with goals to meet.

pub mod challenges;
mod diagrams;
mod lessons;
mod progress;
mod task;

pub use lessons::LESSONS;
pub use progress::Progress;
pub use task::Task;

use topolab_engine::i18n::{Lang, Localized};
use topolab_engine::presets::{labels::localize_labels, preset};
use topolab_engine::{parse_document, Document};

/// A walk through one idea, step by step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lesson {
    /// Stable name, e.g. for an address (`cluster`, `quorum`).
    pub id: &'static str,
    /// What the lesson teaches, as a heading.
    pub title: Localized,
    /// One sentence for a menu: what the lesson shows.
    pub summary: Localized,
    /// In order; each opens on its own diagram.
    pub steps: &'static [Step],
}

/// One screen of a lesson: a short text, the diagram it talks about and,
/// usually, something to try on it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    /// Two to four sentences: what the diagram shows, what to try, what it means.
    pub text: Localized,
    /// The diagram the step opens on, before [`Step::killed`].
    pub diagram: Diagram,
    /// Instances already killed when the step opens, as (node id, index).
    pub killed: &'static [(&'static str, u32)],
    /// What to try; `None` for a step that only explains.
    pub task: Option<Task>,
}

/// Where a step's diagram comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Diagram {
    /// A built-in preset, by name.
    Preset(&'static str),
    /// A lesson's own `topolab/1` document; its `title` is `title.en`.
    Document {
        /// The document's JSON.
        json: &'static str,
        /// Its title in both languages.
        title: Localized,
    },
}

impl Diagram {
    /// The document as written (English labels and title).
    pub fn document(&self) -> Result<Document, String> {
        match *self {
            Diagram::Preset(name) => preset(name)
                .map(|p| p.document())
                .ok_or_else(|| format!("there is no preset called {name:?}")),
            Diagram::Document { json, .. } => parse_document(json).map_err(|problems| {
                let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                lines.join("; ")
            }),
        }
    }

    /// The diagram's title in both languages.
    pub fn title(&self) -> Option<Localized> {
        match *self {
            Diagram::Preset(name) => preset(name).map(|p| *p.title()),
            Diagram::Document { title, .. } => Some(title),
        }
    }
}

impl Step {
    /// The document the step opens on: its diagram with its kills applied.
    pub fn document(&self) -> Result<Document, String> {
        self.killed
            .iter()
            .try_fold(self.diagram.document()?, |doc, &(node, index)| {
                task::kill(&doc, node, index)
            })
    }

    /// [`Step::document`] with its title and labels in `lang`.
    pub fn document_in(&self, lang: Lang) -> Result<Document, String> {
        let mut doc = localize_labels(&self.document()?, lang);
        if let Some(title) = self.diagram.title() {
            doc.title = Some(title.get(lang).to_string());
        }
        Ok(doc)
    }
}

/// The lesson with this id.
pub fn lesson(id: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.id == id)
}
