//! P(every function works) (docs/spec/model.md §2, `all`), exactly, from the functions'
//! BDDs without building their conjunction's BDD.
//!
//! That BDD can be exponential where the problem is not: two capabilities each
//! served by two services over shared databases already make the order matter,
//! and forty of them make every order bad. Instead the conjunction is
//! expanded one variable at a time, as #SAT solvers do: every variable some
//! function cannot work without is fixed at once (unit propagation); when the
//! remaining functions fall into groups sharing no variable, each group is
//! solved alone and the results multiplied (component decomposition); else
//! the variable most of them share is expanded. Results are cached per group.
//!
//! The expansion depends on the BDDs only, never on the odds: it is recorded
//! as a [`Circuit`] ([`compile_all`]), which is then evaluated in each view,
//! and again for other odds by advice (`what_if`).
//!
//! The functions are monotone (alive nodes never hurt), which the propagation
//! relies on: only "must be alive" can be implied.

use std::collections::HashMap;

use super::bdd::{Bdd, OutOfBudget, Ref, FALSE, TRUE};
use super::circuit::{Circuit, Gate, ONE, ZERO};
use super::hash::FxBuildHasher;

/// Nested expansions allowed: a bound on the stack, 1 MB in a browser.
const MAX_DEPTH: usize = 256;

/// The circuit computing P(all of `roots` are true), and its output gate;
/// [`OutOfBudget`] past `budget` units of work (one per expansion step, per
/// level of the supports examined and per BDD node visited by a restriction)
/// or past the BDD's own node budget.
pub(crate) fn compile_all(
    bdd: &mut Bdd,
    roots: &[Ref],
    budget: usize,
) -> Result<(Circuit, Gate), OutOfBudget> {
    let levels = bdd.levels();
    let mut solver = Solver {
        bdd,
        circuit: Circuit::default(),
        leaves: HashMap::default(),
        restricted: HashMap::default(),
        supports: HashMap::default(),
        implied: HashMap::default(),
        solved: HashMap::default(),
        mark: vec![0; levels],
        owner: vec![0; levels],
        count: vec![0; levels],
        stamp: 0,
        work: 0,
        depth: 0,
        budget,
    };
    let root = solver.solve(roots.to_vec())?;
    Ok((solver.circuit, root))
}

struct Solver<'a> {
    bdd: &'a mut Bdd,
    circuit: Circuit,
    /// The leaf gate reading each BDD node.
    leaves: HashMap<Ref, Gate, FxBuildHasher>,
    restricted: HashMap<(Ref, u32), Ref, FxBuildHasher>,
    supports: HashMap<Ref, Vec<u32>, FxBuildHasher>,
    implied: HashMap<Ref, Vec<u32>, FxBuildHasher>,
    solved: HashMap<Vec<Ref>, Gate, FxBuildHasher>,
    /// Per level, scratch marks valid while equal to `stamp`, and a counter or owner.
    mark: Vec<u32>,
    owner: Vec<u32>,
    count: Vec<u32>,
    stamp: u32,
    /// Functions looked at per step plus nodes visited by restrictions.
    work: usize,
    /// Nested expansions: each holds a stack frame.
    depth: usize,
    budget: usize,
}

impl Solver<'_> {
    fn solve(&mut self, mut refs: Vec<Ref>) -> Result<Gate, OutOfBudget> {
        if refs.contains(&FALSE) {
            return Ok(ZERO);
        }
        refs.retain(|&r| r != TRUE);
        crate::sorting::sort(&mut refs);
        refs.dedup();
        match refs.as_slice() {
            [] => return Ok(ONE),
            &[r] => return Ok(self.leaf(r)),
            _ => {}
        }
        if let Some(&known) = self.solved.get(&refs) {
            return Ok(known);
        }
        self.work += 1;
        if self.work > self.budget || self.depth >= MAX_DEPTH {
            return Err(OutOfBudget);
        }
        self.depth += 1;
        let result = self.expand(&refs);
        self.depth -= 1;
        let result = result?;
        self.solved.insert(refs, result);
        Ok(result)
    }

    fn expand(&mut self, refs: &[Ref]) -> Result<Gate, OutOfBudget> {
        let mut implied: Vec<u32> = Vec::new();
        for &r in refs {
            implied.extend_from_slice(self.implied(r));
        }
        if !implied.is_empty() {
            crate::sorting::sort(&mut implied);
            implied.dedup();
            let mut memo = HashMap::default();
            let rest = refs
                .iter()
                .map(|&r| {
                    if self
                        .support(r)
                        .iter()
                        .any(|l| implied.binary_search(l).is_ok())
                    {
                        self.alive_all(r, &implied, &mut memo)
                    } else {
                        Ok(r)
                    }
                })
                .collect::<Result<Vec<Ref>, OutOfBudget>>()?;
            let rest = self.solve(rest)?;
            return Ok(self.circuit.product(&implied, &[rest]));
        }
        let (groups, level) = self.groups(refs);
        if groups.len() > 1 {
            let mut product = Vec::with_capacity(groups.len());
            for group in groups {
                product.push(self.solve(group)?);
            }
            return Ok(self.circuit.product(&[], &product));
        }
        let mut alive = Vec::with_capacity(refs.len());
        for &r in refs {
            alive.push(self.restrict(r, level)?);
        }
        let when_alive = self.solve(alive)?;
        let dead: Vec<Ref> = refs
            .iter()
            .map(|&r| self.dead(r, level))
            .collect::<Result<_, _>>()?;
        let when_dead = self.solve(dead)?;
        Ok(self.circuit.shannon(level, when_alive, when_dead))
    }

    fn leaf(&mut self, r: Ref) -> Gate {
        if let Some(&gate) = self.leaves.get(&r) {
            return gate;
        }
        let gate = self.circuit.leaf(r);
        self.leaves.insert(r, gate);
        gate
    }

    /// `r` with `level` alive.
    fn restrict(&mut self, r: Ref, level: u32) -> Result<Ref, OutOfBudget> {
        if self.support(r).binary_search(&level).is_err() {
            return Ok(r);
        }
        self.fix(r, level, true)
    }

    /// `r` with every level of the sorted `levels` alive.
    fn alive_all(
        &mut self,
        r: Ref,
        levels: &[u32],
        memo: &mut HashMap<Ref, Ref, FxBuildHasher>,
    ) -> Result<Ref, OutOfBudget> {
        let top = self.bdd.level(r);
        let levels = &levels[levels.partition_point(|&l| l < top)..];
        if levels.is_empty() || r == FALSE || r == TRUE {
            return Ok(r);
        }
        if let Some(&known) = memo.get(&r) {
            return Ok(known);
        }
        self.work += 1;
        let (low, high) = self.bdd.children(r);
        let result = if levels[0] == top {
            self.alive_all(high, levels, memo)?
        } else {
            let low = self.alive_all(low, levels, memo)?;
            let high = self.alive_all(high, levels, memo)?;
            self.bdd.branch(top, low, high)?
        };
        memo.insert(r, result);
        Ok(result)
    }

    /// `r` with `level` dead.
    fn dead(&mut self, r: Ref, level: u32) -> Result<Ref, OutOfBudget> {
        if self.support(r).binary_search(&level).is_err() {
            return Ok(r);
        }
        self.fix(r, level, false)
    }

    fn fix(&mut self, r: Ref, level: u32, alive: bool) -> Result<Ref, OutOfBudget> {
        let top = self.bdd.level(r);
        if top > level {
            return Ok(r);
        }
        let (low, high) = self.bdd.children(r);
        if top == level {
            return Ok(if alive { high } else { low });
        }
        let key = (r, level << 1 | u32::from(alive));
        if let Some(&known) = self.restricted.get(&key) {
            return Ok(known);
        }
        self.work += 1;
        let low = self.fix(low, level, alive)?;
        let high = self.fix(high, level, alive)?;
        let result = self.bdd.branch(top, low, high)?;
        self.restricted.insert(key, result);
        Ok(result)
    }

    /// The levels `r` cannot be true without, sorted: those on every path to TRUE.
    fn implied(&mut self, r: Ref) -> &[u32] {
        if r != FALSE && r != TRUE && !self.implied.contains_key(&r) {
            let (low, high) = self.bdd.children(r);
            let level = self.bdd.level(r);
            let mut levels = self.implied(high).to_vec();
            if low == FALSE {
                levels.insert(0, level);
            } else {
                let other = self.implied(low);
                levels.retain(|l| other.binary_search(l).is_ok());
            }
            self.implied.insert(r, levels);
        }
        self.implied.get(&r).map_or(&[], Vec::as_slice)
    }

    /// The levels `r` depends on, sorted.
    fn support(&mut self, r: Ref) -> &[u32] {
        if r != FALSE && r != TRUE && !self.supports.contains_key(&r) {
            let (low, high) = self.bdd.children(r);
            let level = self.bdd.level(r);
            let mut levels = vec![level];
            merge_into(&mut levels, self.support(low));
            merge_into(&mut levels, self.support(high));
            self.supports.insert(r, levels);
        }
        self.supports.get(&r).map_or(&[], Vec::as_slice)
    }

    fn next_stamp(&mut self) -> u32 {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.mark.iter_mut().for_each(|m| *m = 0);
            self.stamp = 1;
        }
        self.stamp
    }

    /// `refs` split into groups that share no level, and the level most of
    /// them depend on (the lowest among ties), in one pass over their supports.
    fn groups(&mut self, refs: &[Ref]) -> (Vec<Vec<Ref>>, u32) {
        for &r in refs {
            self.support(r);
        }
        let mut parent: Vec<usize> = (0..refs.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let stamp = self.next_stamp();
        let (mark, first, count) = (&mut self.mark, &mut self.owner, &mut self.count);
        let mut best = (0u32, std::cmp::Reverse(0u32));
        for (i, r) in refs.iter().enumerate() {
            let support = self.supports.get(r).map_or(&[][..], Vec::as_slice);
            self.work += support.len();
            for &level in support {
                let l = level as usize;
                if mark[l] == stamp {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, first[l] as usize));
                    parent[a] = b;
                    count[l] += 1;
                } else {
                    mark[l] = stamp;
                    first[l] = i as u32;
                    count[l] = 1;
                }
                best = best.max((count[l], std::cmp::Reverse(level)));
            }
        }
        let mut groups: Vec<Vec<Ref>> = Vec::new();
        let mut group_of = vec![usize::MAX; refs.len()];
        for (i, &r) in refs.iter().enumerate() {
            let g = root(&mut parent, i);
            if group_of[g] == usize::MAX {
                group_of[g] = groups.len();
                groups.push(Vec::new());
            }
            groups[group_of[g]].push(r);
        }
        (groups, best.1 .0)
    }
}

/// Merges the sorted `other` into the sorted `levels`.
fn merge_into(levels: &mut Vec<u32>, other: &[u32]) {
    if other.is_empty() {
        return;
    }
    let mut merged = Vec::with_capacity(levels.len() + other.len());
    let (mut i, mut j) = (0, 0);
    while i < levels.len() || j < other.len() {
        let next = match (levels.get(i), other.get(j)) {
            (Some(&a), Some(&b)) if a <= b => {
                i += 1;
                if a == b {
                    j += 1;
                }
                a
            }
            (Some(_), Some(&b)) | (None, Some(&b)) => {
                j += 1;
                b
            }
            (Some(&a), None) => {
                i += 1;
                a
            }
            (None, None) => break,
        };
        merged.push(next);
    }
    *levels = merged;
}
