//! The epoch method for long runs (see [`crate::sim`]): the failure
//! and repair process of every instance and every zone over the whole run,
//! and each epoch's requests evaluated at once against its state.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::rc::Rc;

use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

use super::engine::Simulation;
use super::net::Net;
use super::report::{wilson, Method, SimReport, Tally, BATCHES};
use super::trace::Discard;
use super::{Arrivals, SimOptions};
use crate::random::poisson;

/// Seconds of traffic run in a new state before measuring, so that queues
/// and breakers reach their regime (capacities or breakers only).
pub const WARM_UP_S: f64 = 30.0;
/// Seconds of traffic measured in each new state (capacities or breakers only).
pub const MEASURE_S: f64 = 120.0;
/// The longest a single probe request is followed, in seconds (more than
/// any request takes unless a link's timeout is longer).
const PROBE_LIMIT_S: f64 = 86_400.0;

/// A time, ordered, for the heap of next changes.
#[derive(Clone, Copy, Debug, PartialEq)]
struct At(f64);
impl Eq for At {}
impl PartialOrd for At {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for At {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Each function's probability of success in a frozen state, per state met.
struct Oracle {
    net: Rc<Net>,
    options: SimOptions,
    traffic_dependent: bool,
    /// A simulation brought to each new state for single probes.
    probe: Simulation,
    /// The states met, by key, and their `p_f`.
    known: HashMap<Vec<u32>, usize>,
    success: Vec<Vec<f64>>,
    /// Requests measured by windows, and successes (capacities or breakers).
    simulated: Vec<(u64, u64)>,
}

impl Oracle {
    fn new(net: Rc<Net>, traffic_dependent: bool, options: &SimOptions) -> Oracle {
        let probe = Oracle::quiet_probe(&net, options);
        Oracle {
            simulated: vec![(0, 0); net.functions.len()],
            net,
            options: *options,
            traffic_dependent,
            probe,
            known: HashMap::new(),
            success: Vec::new(),
        }
    }

    /// The number of the state named `key`, whose instances are up as in
    /// `up`, evaluated the first time it is met.
    fn state(&mut self, key: &[u32], up: &[bool]) -> usize {
        if let Some(&id) = self.known.get(key) {
            return id;
        }
        let p = match self.traffic_dependent {
            false => self.probe_each(up),
            true => self.window(up),
        };
        self.success.push(p);
        self.known.insert(key.to_vec(), self.success.len() - 1);
        self.success.len() - 1
    }

    /// One request of each function through the probe brought to `up`: 1 or 0.
    fn probe_each(&mut self, up: &[bool]) -> Vec<f64> {
        for (k, &is_up) in up.iter().enumerate() {
            if self.probe.up[k] != is_up {
                let (node, i) = self.net.instance_of(k);
                match is_up {
                    true => self.probe.revive(node, i, &mut Discard),
                    false => self.probe.kill(node, i, &mut Discard),
                };
            }
        }
        let before: Vec<u64> = self.probe.stats().iter().map(|s| s.succeeded).collect();
        for f in 0..self.net.functions.len() {
            self.probe.send(f, &mut Discard);
        }
        self.probe.run_until_finished(PROBE_LIMIT_S, &mut Discard);
        let p = self
            .probe
            .stats()
            .iter()
            .zip(before)
            .map(|(s, b)| (s.succeeded - b) as f64)
            .collect();
        if self.probe.stats().iter().any(|s| s.finished < s.sent) {
            // A probe still waiting (a timeout longer than the limit) must
            // not answer for the next state: start from a fresh simulation.
            self.probe = Oracle::quiet_probe(&self.net, &self.options);
        }
        p
    }

    /// A simulation of the document's kills with chaos and traffic off.
    fn quiet_probe(net: &Rc<Net>, options: &SimOptions) -> Simulation {
        let quiet = SimOptions {
            chaos: false,
            ..*options
        };
        let mut probe = Simulation::of_net(Rc::clone(net), &quiet);
        probe.set_traffic(false);
        probe
    }

    /// Full traffic in a fresh simulation of the state: its success rates.
    fn window(&mut self, up: &[bool]) -> Vec<f64> {
        let options = SimOptions {
            chaos: false,
            seed: self.options.seed
                ^ (self.success.len() as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15),
            ..self.options
        };
        let mut sim = Simulation::of_net(Rc::clone(&self.net), &options);
        for k in (0..up.len()).filter(|&k| !up[k]) {
            let (node, i) = self.net.instance_of(k);
            sim.kill(node, i, &mut Discard);
        }
        sim.run_until(WARM_UP_S, &mut Discard);
        sim.reset_counts();
        sim.run_until(WARM_UP_S + MEASURE_S, &mut Discard);
        sim.stats()
            .iter()
            .zip(&mut self.simulated)
            .map(|(s, total)| {
                total.0 += s.finished;
                total.1 += s.succeeded;
                match s.finished {
                    0 => 0.0,
                    n => s.succeeded as f64 / n as f64,
                }
            })
            .collect()
    }
}

/// The instances' states over the run and what names a state: the dead
/// nodes when only they matter (no capacity, no breaker: docs/spec/model.md §2 looks
/// at `alive`, and an up instance is as good as another), else the down
/// instances (they share the load).
/// An instance is up when it is not killed, its own process is up and its
/// zone is up (docs/spec/model.md §8).
struct States<'a> {
    net: &'a Net,
    traffic_dependent: bool,
    up: Vec<bool>,
    /// Per instance, its own state (false for a killed one); per zone, its state.
    own_up: Vec<bool>,
    zone_up: Vec<bool>,
    up_count: Vec<u32>,
    key: Vec<u32>,
}

impl States<'_> {
    /// Instance `k`'s own process changes; whether the key did.
    fn toggle(&mut self, k: usize) -> bool {
        self.own_up[k] = !self.own_up[k];
        self.follow(k)
    }

    /// Zone `z` changes; whether the key did.
    fn toggle_zone(&mut self, z: usize) -> bool {
        self.zone_up[z] = !self.zone_up[z];
        let mut changed = false;
        let net = self.net;
        for &k in &net.zones[z].instances {
            changed |= self.follow(k);
        }
        changed
    }

    /// Instance `k` takes the state its own and its zone's say; whether the key changed.
    fn follow(&mut self, k: usize) -> bool {
        let up = self.own_up[k] && self.net.zone_of[k].is_none_or(|z| self.zone_up[z]);
        if up == self.up[k] {
            return false;
        }
        let (node, _) = self.net.instance_of(k);
        let quorum = self.net.nodes[node].quorum;
        let was_alive = self.up_count[node] >= quorum;
        self.up[k] = up;
        match self.up[k] {
            true => self.up_count[node] += 1,
            false => self.up_count[node] -= 1,
        }
        let named = match self.traffic_dependent {
            true => k as u32,
            false if was_alive != (self.up_count[node] >= quorum) => node as u32,
            false => return false,
        };
        match self.key.binary_search(&named) {
            Ok(at) => {
                self.key.remove(at);
            }
            Err(at) => self.key.insert(at, named),
        }
        true
    }
}

/// Per span of time, how long each state lasted.
struct Spans {
    time_in: Vec<f64>,
    touched: Vec<usize>,
}

impl Spans {
    fn add(&mut self, state: usize, duration: f64) {
        if state >= self.time_in.len() {
            self.time_in.resize(state + 1, 0.0);
        }
        if self.time_in[state] == 0.0 {
            self.touched.push(state);
        }
        self.time_in[state] += duration;
    }

    /// Ends span `span` over `[start, end)`: each function's requests drawn
    /// from the time spent in each state. Poisson arrivals in disjoint
    /// times are independent Poisson counts, and a request succeeding with
    /// probability `p` thins them, so the successes are Poisson(rate · Σ p·t)
    /// and the failures Poisson(rate · Σ (1 - p)·t), exactly as if each
    /// request were drawn; steady clients' counts are exact, their
    /// successes rounded.
    #[allow(clippy::too_many_arguments)]
    fn close(
        &mut self,
        span: usize,
        (start, end): (f64, f64),
        oracle: &Oracle,
        rates: &[f64],
        arrivals: Arrivals,
        rng: &mut Pcg64Mcg,
        tally: &mut Tally,
    ) {
        let mut good = vec![0.0; rates.len()];
        let mut bad = vec![0.0; rates.len()];
        for state in self.touched.drain(..) {
            let t = std::mem::take(&mut self.time_in[state]);
            for (f, &p) in oracle.success[state].iter().enumerate() {
                good[f] += p * t;
                bad[f] += (1.0 - p) * t;
            }
        }
        for (f, &rate) in rates.iter().enumerate() {
            let (requests, succeeded) = match arrivals {
                Arrivals::Poisson => {
                    let ok = poisson(rng, rate * good[f]);
                    (ok + poisson(rng, rate * bad[f]), ok)
                }
                Arrivals::Steady => {
                    let n = ((rate * end).floor() - (rate * start).floor()) as u64;
                    (n, ((rate * good[f]).round() as u64).min(n))
                }
            };
            tally.add(f, span, requests, succeeded);
        }
    }
}

/// The epoch method's report on `net` over `options.seconds`.
pub(crate) fn epochs(net: Rc<Net>, traffic_dependent: bool, options: &SimOptions) -> SimReport {
    let seconds = options.seconds;
    let mut rng = Pcg64Mcg::seed_from_u64(options.seed ^ 0x6570_6f63_6873_2121);
    let mut oracle = Oracle::new(Rc::clone(&net), traffic_dependent, options);
    let mut tally = Tally::new(net.functions.len(), seconds);
    let killed: Vec<bool> = net
        .nodes
        .iter()
        .flat_map(|n| n.killed.iter().copied())
        .collect();
    let mut states = States {
        net: &net,
        traffic_dependent,
        up: vec![true; net.instances],
        own_up: vec![true; net.instances],
        zone_up: vec![true; net.zones.len()],
        up_count: net.nodes.iter().map(|n| n.replicas).collect(),
        key: Vec::new(),
    };
    // The document's own kills and down zones, then chaos's stationary start.
    for k in (0..net.instances).filter(|&k| killed[k]) {
        states.toggle(k);
    }
    for z in (0..net.zones.len()).filter(|&z| net.zones[z].down) {
        states.toggle_zone(z);
    }
    // A change is named by its instance, or a zone by `instances + z`.
    let mut changes = BinaryHeap::new();
    if options.chaos {
        for k in (0..net.instances).filter(|&k| !killed[k]) {
            let (is_up, next) = net.nodes[net.instance_of(k).0].lifetimes.start(&mut rng);
            if !is_up {
                states.toggle(k);
            }
            if next.is_finite() {
                changes.push(Reverse((At(next), k)));
            }
        }
        // After every instance's draws: a document without zones draws as before.
        for z in (0..net.zones.len()).filter(|&z| !net.zones[z].down) {
            let (is_up, next) = net.zones[z].lifetimes.start(&mut rng);
            if !is_up {
                states.toggle_zone(z);
            }
            if next.is_finite() {
                changes.push(Reverse((At(next), net.instances + z)));
            }
        }
    }
    let rates: Vec<f64> = net.functions.iter().map(|f| f.rate).collect();
    let span_length = tally.span();
    let span_end = |span: usize| match span + 1 == BATCHES {
        true => seconds,
        false => (span + 1) as f64 * span_length,
    };
    let mut spans = Spans {
        time_in: Vec::new(),
        touched: Vec::new(),
    };
    let mut state = oracle.state(&states.key, &states.up);
    let (mut t, mut span) = (0.0, 0);
    loop {
        let change = changes
            .peek()
            .map_or(f64::INFINITY, |Reverse((At(at), _))| *at);
        let until = change.min(seconds);
        while t < until {
            let stop = until.min(span_end(span));
            spans.add(state, stop - t);
            t = stop;
            if t >= span_end(span) && span + 1 < BATCHES {
                let start = span as f64 * span_length;
                spans.close(
                    span,
                    (start, t),
                    &oracle,
                    &rates,
                    options.arrivals,
                    &mut rng,
                    &mut tally,
                );
                span += 1;
            }
        }
        if change >= seconds {
            break;
        }
        let Some(Reverse((_, k))) = changes.pop() else {
            break;
        };
        let (changed, lifetimes, up) = match k.checked_sub(net.instances) {
            None => (
                states.toggle(k),
                net.nodes[net.instance_of(k).0].lifetimes,
                states.own_up[k],
            ),
            Some(z) => (
                states.toggle_zone(z),
                net.zones[z].lifetimes,
                states.zone_up[z],
            ),
        };
        if changed {
            state = oracle.state(&states.key, &states.up);
        }
        let next = lifetimes.next(&mut rng, up);
        if next.is_finite() {
            changes.push(Reverse((At(change + next), k)));
        }
    }
    let start = span as f64 * span_length;
    spans.close(
        span,
        (start, seconds),
        &oracle,
        &rates,
        options.arrivals,
        &mut rng,
        &mut tally,
    );
    let ids: Vec<&str> = net.functions.iter().map(|f| f.id.as_str()).collect();
    let repair_share = match options.chaos && seconds > 0.0 {
        true => net.shortest_repair_s() / seconds,
        false => 0.0,
    };
    let mut functions = tally.measures(&ids, repair_share);
    if traffic_dependent {
        // The windows' own sampling error: no narrower than their requests allow.
        for (m, &(n, k)) in functions.iter_mut().zip(&oracle.simulated) {
            let [lo, hi] = wilson(k, n);
            let half = (hi - lo) / 2.0;
            if m.measured.is_finite() {
                m.ci95 = [
                    m.ci95[0].min(m.measured - half).max(0.0),
                    m.ci95[1].max(m.measured + half).min(1.0),
                ];
            }
        }
    }
    SimReport {
        seconds,
        functions,
        method: Method::Epochs,
    }
}
