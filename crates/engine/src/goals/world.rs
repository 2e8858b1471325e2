//! The live view a goal's failures are tried on (docs/spec/model.md §2), built once per
//! check from the analysis engine's own parts, and [`Trials`]: up to 64 sets of
//! nodes made not alive, evaluated at once on the engine's scenario lanes.

use crate::analysis::functions::functions_of;
use crate::analysis::live::LiveView;
use crate::analysis::scenarios::{Lanes, Scratch, ALL_LANES};
use crate::analysis::topology::{FunctionSpec, Topology};
use crate::analysis::Status;
use crate::document::{Document, Function};

/// The document numbered, its functions resolved, and its live view.
pub(super) struct World<'d> {
    pub doc: &'d Document,
    pub topology: Topology,
    pub functions: Vec<Function>,
    pub specs: Vec<FunctionSpec>,
    pub live: LiveView,
    /// Each function's live status, in function order.
    pub statuses: Vec<Status>,
}

impl<'d> World<'d> {
    pub(super) fn new(doc: &'d Document) -> World<'d> {
        let topology = Topology::new(doc);
        let functions = functions_of(doc, &topology);
        let specs = topology.function_specs(doc, &functions);
        let live = LiveView::of(doc, &topology);
        let statuses = live.statuses(&topology, &specs);
        World {
            doc,
            topology,
            functions,
            specs,
            live,
            statuses,
        }
    }

    /// The scenario plan of the functions `chosen` (indices in function order).
    pub(super) fn lanes(&self, chosen: &[usize]) -> Lanes {
        let specs: Vec<FunctionSpec> = chosen.iter().map(|&f| self.specs[f].clone()).collect();
        Lanes::new(&self.topology, &specs)
    }
}

/// Sets of nodes made not alive, tried from a fixed state of every node.
pub(super) struct Trials<'l> {
    lanes: &'l Lanes,
    /// Each node's state before any set fails.
    alive: Vec<bool>,
    /// The same as lanes, all or none, changed while a batch runs.
    base: Vec<u64>,
    scratch: Scratch,
    out: Vec<u64>,
}

impl<'l> Trials<'l> {
    /// Trials of `functions` functions planned in `lanes`, from the state `alive`.
    pub(super) fn new(lanes: &'l Lanes, functions: usize, alive: &[bool]) -> Trials<'l> {
        Trials {
            lanes,
            alive: alive.to_vec(),
            base: alive
                .iter()
                .map(|&a| if a { ALL_LANES } else { 0 })
                .collect(),
            scratch: Scratch::default(),
            out: vec![0; functions],
        }
    }

    /// For up to 64 `sets` of nodes made not alive, one bit a set (in order): set
    /// when some function does not work after it.
    pub(super) fn failing(&mut self, sets: &[&[usize]]) -> u64 {
        debug_assert!(sets.len() <= 64);
        self.run(sets);
        let used = match sets.len() {
            0 => 0,
            n => ALL_LANES >> (64 - n.min(64)),
        };
        self.out
            .iter()
            .fold(0, |lost, &works| lost | (!works & used))
    }

    /// Whether each function works after `dead` are made not alive.
    pub(super) fn works_after(&mut self, dead: &[usize]) -> Vec<bool> {
        self.run(&[dead]);
        self.out.iter().map(|&works| works & 1 != 0).collect()
    }

    /// The functions' working lanes into `out`, set `i` on lane `i`.
    fn run(&mut self, sets: &[&[usize]]) {
        for (lane, set) in sets.iter().enumerate().take(64) {
            for &v in *set {
                if let Some(alive) = self.base.get_mut(v) {
                    *alive &= !(1u64 << lane);
                }
            }
        }
        self.lanes
            .evaluate(&self.base, &mut self.scratch, &mut self.out);
        for set in sets.iter().take(64) {
            for &v in *set {
                if let (Some(lanes), Some(&alive)) = (self.base.get_mut(v), self.alive.get(v)) {
                    *lanes = if alive { ALL_LANES } else { 0 };
                }
            }
        }
    }
}
