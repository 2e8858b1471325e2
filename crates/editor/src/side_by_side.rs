//! [`SideBySide`]: two documents compared, each with its
//! analysis, and their [`Comparison`], kept together so that a kill made in
//! one reaches "the same" node of the other and the table follows.
//!
//! A plain value, changed by returning a new one: the app keeps it in a state
//! hook while the compare view is open. Only a side whose document changed is
//! analysed again, and a swap analyses nothing.

use std::rc::Rc;

use topolab_engine::analysis::{analyze, Analysis};
use topolab_engine::compare::{kill_in_both, revive_in_both, same_node, Comparison, Metrics, Side};
use topolab_engine::Document;

/// Two documents side by side, `a` on the left and `b` on the right.
#[derive(Clone, Debug)]
pub struct SideBySide {
    a: Rc<Document>,
    b: Rc<Document>,
    analysis_a: Rc<Analysis>,
    analysis_b: Rc<Analysis>,
    comparison: Rc<Comparison>,
}

/// Equal when they hold the very same documents: a change makes new ones.
impl PartialEq for SideBySide {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.a, &other.a) && Rc::ptr_eq(&self.b, &other.b)
    }
}

impl SideBySide {
    /// `a` and `b`, both analysed.
    pub fn new(a: Rc<Document>, b: Rc<Document>) -> SideBySide {
        let analysis_a = Rc::new(analyze(&a));
        SideBySide::with_analysis(a, analysis_a, b)
    }

    /// `a`, whose analysis is already known (`analyze(&a)`, the editor's), and `b`.
    pub fn with_analysis(a: Rc<Document>, analysis_a: Rc<Analysis>, b: Rc<Document>) -> SideBySide {
        let analysis_b = Rc::new(analyze(&b));
        let comparison = Rc::new(Comparison::new(
            Metrics::from_analysis(&a, &analysis_a),
            Metrics::from_analysis(&b, &analysis_b),
        ));
        SideBySide {
            a,
            b,
            analysis_a,
            analysis_b,
            comparison,
        }
    }

    /// The document on `side`.
    pub fn doc(&self, side: Side) -> &Rc<Document> {
        match side {
            Side::A => &self.a,
            Side::B => &self.b,
        }
    }

    /// The analysis of the document on `side`.
    pub fn analysis(&self, side: Side) -> &Rc<Analysis> {
        match side {
            Side::A => &self.analysis_a,
            Side::B => &self.analysis_b,
        }
    }

    /// `a` against `b`, row by row.
    pub fn comparison(&self) -> &Rc<Comparison> {
        &self.comparison
    }

    /// The two sides exchanged (nothing is analysed again).
    pub fn swapped(&self) -> SideBySide {
        let c = &self.comparison;
        SideBySide {
            a: self.b.clone(),
            b: self.a.clone(),
            analysis_a: self.analysis_b.clone(),
            analysis_b: self.analysis_a.clone(),
            comparison: Rc::new(Comparison::new(c.b.clone(), c.a.clone())),
        }
    }

    /// `doc` on `side` instead, the other side kept (and not analysed again).
    pub fn with(&self, side: Side, doc: Rc<Document>) -> SideBySide {
        let analysis = Rc::new(analyze(&doc));
        self.changed(side, doc, analysis)
    }

    /// What clicking instance `index` of node `id` on `side` does: kills it if
    /// it is up, else revives it, there and in the same node of the other side
    /// (`same_node`: the same id and kind) where that instance exists.
    /// `None` when nothing changed.
    pub fn toggle(&self, side: Side, id: &str, index: u32) -> Option<SideBySide> {
        let killed = self.doc(side).node(id)?.is_killed(index);
        let (mine, other) = (self.doc(side), self.doc(side.other()));
        let (mine, other) = match killed {
            true => revive_in_both(mine, other, id, index),
            false => kill_in_both(mine, other, id, index),
        };
        self.applied(side, mine, other)
    }

    /// Kills the lowest-numbered instance of `id` on `side` that is up, and the
    /// instance of that number in the same node of the other side.
    pub fn kill_one(&self, side: Side, id: &str) -> Option<SideBySide> {
        let node = self.doc(side).node(id)?;
        let index = (0..node.replicas()).find(|&i| !node.is_killed(i))?;
        let (mine, other) = kill_in_both(self.doc(side), self.doc(side.other()), id, index);
        self.applied(side, mine, other)
    }

    /// Revives every instance of `id` on `side` and of the same node on the other side.
    pub fn revive_all(&self, side: Side, id: &str) -> Option<SideBySide> {
        let mut mine: Option<Document> = None;
        let mut other: Option<Document> = None;
        let killed = self.doc(side).node(id)?.killed.clone();
        let other_killed = same_node(self.doc(side), self.doc(side.other()), id)
            .and_then(|o| self.doc(side.other()).node(o))
            .map(|n| n.killed.clone())
            .unwrap_or_default();
        for index in killed.iter().chain(&other_killed) {
            let a = mine.as_ref().unwrap_or(self.doc(side));
            let b = other.as_ref().unwrap_or(self.doc(side.other()));
            let (a, b) = revive_in_both(a, b, id, *index);
            mine = a.or(mine);
            other = b.or(other);
        }
        self.applied(side, mine, other)
    }

    /// The pair after documents changed on `side` and on the other side.
    fn applied(
        &self,
        side: Side,
        mine: Option<Document>,
        other: Option<Document>,
    ) -> Option<SideBySide> {
        if mine.is_none() && other.is_none() {
            return None;
        }
        let mut next = self.clone();
        for (s, doc) in [(side, mine), (side.other(), other)] {
            if let Some(doc) = doc {
                next = next.with(s, Rc::new(doc));
            }
        }
        Some(next)
    }

    /// `doc` with its `analysis` on `side`, and the comparison made again.
    fn changed(&self, side: Side, doc: Rc<Document>, analysis: Rc<Analysis>) -> SideBySide {
        let metrics = Metrics::from_analysis(&doc, &analysis);
        let mut next = self.clone();
        let c = &self.comparison;
        next.comparison = Rc::new(match side {
            Side::A => Comparison::new(metrics, c.b.clone()),
            Side::B => Comparison::new(c.a.clone(), metrics),
        });
        match side {
            Side::A => (next.a, next.analysis_a) = (doc, analysis),
            Side::B => (next.b, next.analysis_b) = (doc, analysis),
        }
        next
    }
}
