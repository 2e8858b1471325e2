//! The `survive` goal (docs/spec/model.md §6): does every set of k failures leave each
//! function in scope that works now still working, and if not, which set is the
//! first that does not, in the spec's order.
//!
//! A set's effect is which nodes it makes not alive, so the search runs over
//! *death sets* of nodes, not over sets of failures: a node dies once `need`
//! of its failures are in the set, and only death sets costing at most k are
//! possible. Failing only ever takes functions down (`works` is monotone), so
//! only minimal failing death sets matter, and the first failing set of k
//! failures is the first among each minimal failing death set's first set
//! (its nodes' first failures, then the first others): any failing set is, element
//! by element, at least that of the nodes it kills. Death sets are tried 64 at
//! a time on the engine's scenario lanes.

use std::collections::HashSet;

use super::failures::Failures;
use super::world::{Trials, World};
use crate::analysis::zones::{alive_with, bit, down_zones, zone_lists};
use crate::analysis::Status;
use crate::goals::{Counterexample, FailedSet, FailureUnit};

/// How much a survive search may do before it stops: death sets are tried 64
/// at a time, each batch one pass over the document's nodes; this many node
/// passes take about a second natively (a few in the browser). A goal of three
/// failures over a thousand interchangeable servers would need minutes.
pub(super) const SEARCH_BUDGET: u64 = 40_000_000;

/// What a survive search found.
pub(super) enum Survival {
    /// No set of k failures takes a function in scope down.
    Met,
    /// The first failing set (the first found, if the search stopped early).
    Fails(Counterexample),
    /// The search stopped at its budget without finding a failing set.
    Unchecked,
}

/// The first set of `k` failures of `unit` that takes down a function of
/// `scope` (ids; `None`: every function) working in the live view.
pub(super) fn survival(
    world: &World,
    k: u32,
    unit: FailureUnit,
    scope: Option<&[String]>,
) -> Survival {
    let mut stopped = false;
    match counterexample(world, k, unit, scope, &mut stopped) {
        Some(cx) => Survival::Fails(cx),
        None if stopped => Survival::Unchecked,
        None => Survival::Met,
    }
}

fn counterexample(
    world: &World,
    k: u32,
    unit: FailureUnit,
    scope: Option<&[String]>,
    stopped: &mut bool,
) -> Option<Counterexample> {
    let chosen: Vec<usize> = (0..world.functions.len())
        .filter(|&f| world.statuses[f] != Status::Down)
        .filter(|&f| scope.is_none_or(|ids| ids.contains(&world.functions[f].id)))
        .collect();
    if chosen.is_empty() {
        return None;
    }
    let lanes = world.lanes(&chosen);
    let mut trials = Trials::new(&lanes, chosen.len(), &world.live.alive);
    if unit == FailureUnit::Zones {
        return zone_counterexample(world, &mut trials, &chosen, k as usize);
    }
    let failures = Failures::of(world.doc, unit, &world.live);
    let k = k as usize;
    let set = if failures.len() <= k {
        // Fewer than k failures exist: the one set of all of them.
        (0..failures.len()).collect()
    } else {
        let candidates: Vec<usize> = (0..world.doc.nodes.len())
            .filter(|&v| lanes.relevant[v] && world.live.works[v])
            .filter(|&v| failures.need(v).is_some_and(|need| need <= k))
            .collect();
        let budget = SEARCH_BUDGET / world.doc.nodes.len().max(1) as u64;
        let mut search = Search::new(&mut trials, &failures, k, budget);
        search.run(&candidates);
        *stopped = search.stopped;
        search.best?
    };
    let works = trials.works_after(&failures.dead_after(&set));
    let down: Vec<String> = chosen
        .iter()
        .zip(&works)
        .filter(|(_, &works)| !works)
        .map(|(&f, _)| world.functions[f].id.clone())
        .collect();
    (!down.is_empty()).then(|| Counterexample {
        failed: failures.named(world.doc, &set),
        down,
    })
}

/// The first set of `k` zones not down (in document order, sets in lexicographic
/// order) whose failure takes down a function of `chosen`; the one set of every
/// such zone when there are fewer than `k` (docs/spec/model.md §6, §8). At most
/// 16 zones: C(16, 3) = 560 sets, tried 64 at a time.
fn zone_counterexample(
    world: &World,
    trials: &mut Trials,
    chosen: &[usize],
    k: usize,
) -> Option<Counterexample> {
    let doc = world.doc;
    let down = down_zones(doc);
    let up: Vec<usize> = (0..doc.zones.len().min(32))
        .filter(|&z| down & bit(z) == 0)
        .collect();
    let sets = combinations(up.len(), k);
    let lists = zone_lists(doc);
    let dead_after = |set: &[usize]| -> Vec<usize> {
        let failed = set.iter().fold(down, |acc, &i| acc | bit(up[i]));
        let alive = alive_with(doc, &lists, failed);
        (0..doc.nodes.len())
            .filter(|&v| world.live.alive[v] && !alive[v])
            .collect()
    };
    for batch in sets.chunks(64) {
        let dead: Vec<Vec<usize>> = batch.iter().map(|s| dead_after(s)).collect();
        let slices: Vec<&[usize]> = dead.iter().map(Vec::as_slice).collect();
        let failing = trials.failing(&slices);
        if failing == 0 {
            continue;
        }
        let first = failing.trailing_zeros() as usize;
        let works = trials.works_after(&dead[first]);
        let down: Vec<String> = chosen
            .iter()
            .zip(&works)
            .filter(|(_, &works)| !works)
            .map(|(&f, _)| world.functions[f].id.clone())
            .collect();
        let zones = batch[first]
            .iter()
            .map(|&i| doc.zones[up[i]].id.clone())
            .collect();
        return Some(Counterexample {
            failed: FailedSet::Zones(zones),
            down,
        });
    }
    None
}

/// Every set of `k` of `n` elements in lexicographic order; the one set of all
/// of them when there are fewer than `k`.
fn combinations(n: usize, k: usize) -> Vec<Vec<usize>> {
    if n < k {
        return vec![(0..n).collect()];
    }
    let mut out = Vec::new();
    let mut set: Vec<usize> = (0..k).collect();
    loop {
        out.push(set.clone());
        let Some(i) = (0..k).rev().find(|&i| set[i] < n - k + i) else {
            return out;
        };
        set[i] += 1;
        for j in i + 1..k {
            set[j] = set[j - 1] + 1;
        }
    }
}

/// One to three nodes made not alive together, without a heap allocation each
/// (a search may try a million).
#[derive(Clone, Copy)]
struct DeathSet {
    nodes: [usize; 3],
    len: usize,
}

impl DeathSet {
    fn of(nodes: &[usize]) -> DeathSet {
        let mut set = DeathSet {
            nodes: [0; 3],
            len: nodes.len().min(3),
        };
        set.nodes[..set.len].copy_from_slice(&nodes[..set.len]);
        set
    }

    fn nodes(&self) -> &[usize] {
        &self.nodes[..self.len]
    }
}

/// The death sets of up to three nodes, smallest first, skipping any that
/// holds a smaller failing one.
struct Search<'t, 'l> {
    trials: &'t mut Trials<'l>,
    failures: &'t Failures,
    k: usize,
    /// Death sets waiting to be tried, at most 64.
    pending: Vec<DeathSet>,
    dies_alone: Vec<bool>,
    failing_pairs: HashSet<(usize, usize)>,
    /// The first failing set of failures found so far.
    best: Option<Vec<usize>>,
    /// Batches of 64 death sets the search may still try.
    batches_left: u64,
    /// Whether a batch was left untried for want of budget.
    stopped: bool,
}

impl<'t, 'l> Search<'t, 'l> {
    fn new(
        trials: &'t mut Trials<'l>,
        failures: &'t Failures,
        k: usize,
        batches: u64,
    ) -> Search<'t, 'l> {
        Search {
            trials,
            failures,
            k,
            pending: Vec::with_capacity(64),
            dies_alone: Vec::new(),
            failing_pairs: HashSet::new(),
            best: None,
            batches_left: batches,
            stopped: false,
        }
    }

    fn need(&self, v: usize) -> usize {
        self.failures.need(v).unwrap_or(usize::MAX)
    }

    fn run(&mut self, candidates: &[usize]) {
        self.dies_alone = vec![false; candidates.iter().max().map_or(0, |&v| v + 1)];
        for &v in candidates {
            self.try_set(DeathSet::of(&[v]));
        }
        self.flush();
        let left: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&v| !self.dies_alone[v])
            .collect();
        for (i, &a) in left.iter().enumerate() {
            for &b in &left[i + 1..] {
                if self.stopped {
                    return;
                }
                if self.need(a).saturating_add(self.need(b)) <= self.k {
                    self.try_set(DeathSet::of(&[a, b]));
                }
            }
        }
        self.flush();
        if self.k >= 3 {
            self.triples(&left);
        }
    }

    /// Three nodes each killed by one failure, no two of which fail together.
    fn triples(&mut self, left: &[usize]) {
        let ones: Vec<usize> = left
            .iter()
            .copied()
            .filter(|&v| self.need(v) == 1)
            .collect();
        let m = ones.len();
        let mut pair_fails = vec![false; m * m];
        for i in 0..m {
            for j in i + 1..m {
                pair_fails[i * m + j] = self.failing_pairs.contains(&(ones[i], ones[j]));
            }
        }
        for i in 0..m {
            for j in i + 1..m {
                if pair_fails[i * m + j] {
                    continue;
                }
                for l in j + 1..m {
                    if self.stopped {
                        return;
                    }
                    if !pair_fails[i * m + l] && !pair_fails[j * m + l] {
                        self.try_set(DeathSet::of(&[ones[i], ones[j], ones[l]]));
                    }
                }
            }
        }
        self.flush();
    }

    fn try_set(&mut self, dead: DeathSet) {
        self.pending.push(dead);
        if self.pending.len() == 64 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        if self.batches_left == 0 {
            self.stopped = true;
            self.pending.clear();
            return;
        }
        self.batches_left -= 1;
        let pending = std::mem::take(&mut self.pending);
        let sets: Vec<&[usize]> = pending.iter().map(DeathSet::nodes).collect();
        let mut failing = self.trials.failing(&sets);
        while failing != 0 {
            let dead = pending[failing.trailing_zeros() as usize].nodes();
            failing &= failing - 1;
            match *dead {
                [v] => self.dies_alone[v] = true,
                [a, b] => {
                    self.failing_pairs.insert((a, b));
                }
                _ => {}
            }
            let set = self.failures.first_set_killing(dead, self.k);
            if self.best.as_ref().is_none_or(|best| set < *best) {
                self.best = Some(set);
            }
        }
        self.pending = pending;
        self.pending.clear();
    }
}
