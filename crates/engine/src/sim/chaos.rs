//! Chaos (docs/spec/app.md `simulate`): every instance not killed by hand, and
//! every zone not taken down by hand (docs/spec/model.md §8), fails and recovers
//! at random, as an alternating renewal process of exponential up times (mean
//! MTTF) and down times (mean MTTR). An instance serves only while it and its
//! zone are both up.
//!
//! The long-run fraction of time an alternating renewal process spends up is
//! `MTTF / (MTTF + MTTR)` whatever the distributions (the renewal-reward
//! theorem), so choosing `MTTF = MTTR · a / (1 - a)` makes each instance's
//! long-run availability its node's `availability` `a` (docs/spec/model.md §1.1).
//! A zone's process is built the same way from the zone's availability and
//! [`ZONE_MTTR_S`]. Instances and zones are independent, as the expected view
//! of docs/spec/model.md §2 and §8 assumes, so the
//! long-run fraction of time a function works is the engine's expected
//! availability. Exponential times make the process memoryless: it starts
//! in its stationary state (up with probability `a`, the time to the next
//! change again exponential), so a run has no warm-up bias.

use rand::Rng;

use crate::document::NodeKind;
use crate::random::exponential;

/// Mean time to repair of an instance of `kind` under chaos, in seconds, when
/// its node's `extra.sim.mttr_s` gives none: minutes for what restarts, an
/// hour for a database (a restore). The figures only set how often the
/// state changes; availability is fixed by `a` through the MTTF.
pub fn default_mttr_s(kind: NodeKind) -> f64 {
    match kind {
        NodeKind::Client => 0.0,
        NodeKind::LoadBalancer | NodeKind::Gateway | NodeKind::Cache => 600.0,
        NodeKind::Service | NodeKind::Queue => 1_800.0,
        NodeKind::Database => 3_600.0,
        NodeKind::External => 900.0,
    }
}

/// Mean time to repair of a zone under chaos, in seconds (docs/spec/model.md §8
/// gives zones no settings): an hour, a data centre's outage. A playback
/// shortens it as it does the instances' ([`super::DEMO_MTTR_S`]).
pub const ZONE_MTTR_S: f64 = 3_600.0;

/// The failure and repair times of one node's instances.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lifetimes {
    /// Mean time to failure in seconds (infinite when `a` is 1).
    pub mttf_s: f64,
    /// Mean time to repair in seconds.
    pub mttr_s: f64,
}

impl Lifetimes {
    /// The lifetimes of an instance up with long-run probability
    /// `availability`, repaired in `mttr_s` on average.
    pub fn new(availability: f64, mttr_s: f64) -> Lifetimes {
        let a = availability.clamp(0.0, 1.0);
        let mttf_s = if a >= 1.0 {
            f64::INFINITY
        } else {
            mttr_s * a / (1.0 - a)
        };
        Lifetimes { mttf_s, mttr_s }
    }

    /// The long-run availability `MTTF / (MTTF + MTTR)`.
    pub fn availability(&self) -> f64 {
        if self.mttf_s.is_infinite() {
            1.0
        } else {
            self.mttf_s / (self.mttf_s + self.mttr_s)
        }
    }

    /// A stationary start: whether the instance is up, and when it next changes.
    pub(crate) fn start(&self, rng: &mut impl Rng) -> (bool, f64) {
        let up = rng.random::<f64>() < self.availability();
        (up, self.next(rng, up))
    }

    /// How long an instance that just became `up` (or down) stays so.
    pub(crate) fn next(&self, rng: &mut impl Rng, up: bool) -> f64 {
        exponential(rng, if up { self.mttf_s } else { self.mttr_s })
    }
}
