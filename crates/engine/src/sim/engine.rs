//! The discrete-event simulation: a clock, a queue of timed
//! events, the instances' states and the traffic. What happens to one call
//! (routing, capacity, timeouts, retries, breakers, queues) is in `calls`.
//!
//! Events at the same time run in the order they were scheduled, and every
//! random number comes from one seeded generator, so a run is a pure
//! function of the document, the options and the calls made on it.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::rc::Rc;

use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

use super::net::{Health, Net};
use super::report::{Method, SimReport, Tally};
use super::settings::SettingError;
use super::trace::{Failure, Happening, Recorder, SimEvent};
use super::{Arrivals, SimOptions};
use crate::document::Document;
use crate::random::exponential;

/// A slot of a [`Slab`], named with the stamp it had when filled, so that an
/// event about a call that has ended and whose slot was reused is ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ref {
    index: u32,
    stamp: u32,
}

/// Reused storage for the calls and tasks in flight.
#[derive(Clone, Debug)]
pub(crate) struct Slab<T> {
    slots: Vec<(u32, Option<T>)>,
    free: Vec<u32>,
}

impl<T> Default for Slab<T> {
    fn default() -> Self {
        Slab {
            slots: Vec::new(),
            free: Vec::new(),
        }
    }
}

impl<T> Slab<T> {
    pub(crate) fn insert(&mut self, value: T) -> Ref {
        match self.free.pop() {
            Some(index) => {
                let slot = &mut self.slots[index as usize];
                slot.0 = slot.0.wrapping_add(1);
                slot.1 = Some(value);
                Ref {
                    index,
                    stamp: slot.0,
                }
            }
            None => {
                self.slots.push((0, Some(value)));
                Ref {
                    index: (self.slots.len() - 1) as u32,
                    stamp: 0,
                }
            }
        }
    }

    pub(crate) fn get(&mut self, r: Ref) -> Option<&mut T> {
        match self.slots.get_mut(r.index as usize) {
            Some((stamp, value)) if *stamp == r.stamp => value.as_mut(),
            _ => None,
        }
    }

    pub(crate) fn remove(&mut self, r: Ref) -> Option<T> {
        match self.slots.get_mut(r.index as usize) {
            Some((stamp, value)) if *stamp == r.stamp && value.is_some() => {
                self.free.push(r.index);
                value.take()
            }
            _ => None,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.slots.len() - self.free.len()
    }
}

/// Something due at a time.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Event {
    /// A client sends the next request of a function.
    Traffic { function: u32 },
    /// Chaos fails or repairs an instance (ignored if its stamp is old).
    Toggle { instance: u32, stamp: u32 },
    /// Chaos fails or repairs a zone (ignored if its stamp is old).
    ZoneToggle { zone: u32, stamp: u32 },
    /// A hop reaches the node it was sent to.
    Arrive { task: Ref },
    /// An instance has done its own part of a request.
    Work { task: Ref },
    /// A reply reaches the caller.
    Reply {
        call: Ref,
        attempt: u8,
        hop: u64,
        failure: Option<Failure>,
        degraded: bool,
    },
    /// The caller's patience for one attempt ends.
    Timeout { call: Ref, attempt: u8, hop: u64 },
    /// A failed call is tried again.
    Retry { call: Ref },
    /// A queue tries to deliver on an async link again.
    Redeliver { link: u32 },
}

#[derive(Clone, Copy, Debug)]
struct Scheduled {
    at: f64,
    seq: u64,
    event: Event,
}

impl PartialEq for Scheduled {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Scheduled {}
impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Scheduled {
    /// Reversed: the heap's top is the earliest, then the first scheduled.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .at
            .total_cmp(&self.at)
            .then_with(|| other.seq.cmp(&self.seq))
    }
}

/// Live counts of one function's requests (what a function row shows during a run).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FunctionStats {
    /// Requests sent by the client.
    pub sent: u64,
    /// Requests that ended, successful or not.
    pub finished: u64,
    /// Requests that succeeded (degraded ones included).
    pub succeeded: u64,
    /// Successful requests that went through a failed optional call.
    pub degraded: u64,
}

impl FunctionStats {
    /// `succeeded / finished` (NaN before any request ended): `data-sim-success`.
    pub fn success_rate(&self) -> f64 {
        self.succeeded as f64 / self.finished as f64
    }
}

/// What chaos took down for a failure timed by the caller
/// ([`Simulation::fail_by_chaos`]): an instance, as (node, instance), or a zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outage {
    Instance(usize, usize),
    Zone(usize),
}

/// The share of the classroom's failures that take a whole zone down when
/// the document has a zone that can fail (docs/spec/app.md, Traffic).
const CLASSROOM_ZONE_SHARE: f64 = 1.0 / 3.0;

/// A running simulation of a document's traffic: advance it with
/// [`run_until`](Simulation::run_until), kill and revive instances as the
/// user clicks, read its counters, and give it a [`Recorder`] to see every
/// hop. Node, link and function numbers are the document's indices.
#[derive(Clone, Debug)]
pub struct Simulation {
    pub(crate) net: Rc<Net>,
    pub(crate) now: f64,
    pub(crate) rng: Pcg64Mcg,
    queue: BinaryHeap<Scheduled>,
    seq: u64,
    pub(crate) chaos: bool,
    pub(crate) traffic: bool,
    arrivals: Arrivals,
    /// Per instance: up, killed by hand, chaos stamp, deaths so far, when its
    /// capacity is next free, requests it took.
    pub(crate) up: Vec<bool>,
    pub(crate) by_hand: Vec<bool>,
    chaos_stamp: Vec<u32>,
    /// Per instance: down by its own chaos process (or the classroom's).
    own_down: Vec<bool>,
    /// Per zone: down by chaos, down by hand (the document's `down`), chaos
    /// stamp. An instance is up when it is not killed, not down by its own
    /// process, and its zone is up (docs/spec/model.md §8).
    zone_down: Vec<bool>,
    zone_by_hand: Vec<bool>,
    zone_stamp: Vec<u32>,
    pub(crate) generation: Vec<u32>,
    pub(crate) free_at: Vec<f64>,
    pub(crate) served: Vec<u64>,
    /// Per node: instances up, next instance in round robin.
    pub(crate) up_count: Vec<u32>,
    pub(crate) next_instance: Vec<u32>,
    pub(crate) health: Option<Health>,
    /// Per function, per node: whether a path leads to a holder at all.
    pub(crate) leads: Vec<Vec<bool>>,
    /// Per function and node (`f * nodes + v`): next route in round robin.
    pub(crate) next_route: Vec<u32>,
    pub(crate) breakers: Vec<super::calls::BreakerRun>,
    pub(crate) backlog: Vec<u64>,
    pub(crate) delivering: Vec<bool>,
    pub(crate) calls: Slab<super::calls::Call>,
    pub(crate) tasks: Slab<super::calls::Task>,
    pub(crate) next_hop: u64,
    pub(crate) next_request: u64,
    pub(crate) stats: Vec<FunctionStats>,
    pub(crate) tally: Tally,
    seconds: f64,
}

impl Simulation {
    /// A simulation of `doc` at time 0: the document's kills hold,
    /// chaos and traffic as `options` say. Bad `extra.sim` values are
    /// refused, every one named (see [`super::settings`]).
    pub fn new(doc: &Document, options: &SimOptions) -> Result<Simulation, Vec<SettingError>> {
        Simulation::with_zone_repair(doc, options, super::ZONE_MTTR_S)
    }

    /// As [`Simulation::new`], zones repaired in `zone_mttr_s` on average.
    pub(crate) fn with_zone_repair(
        doc: &Document,
        options: &SimOptions,
        zone_mttr_s: f64,
    ) -> Result<Simulation, Vec<SettingError>> {
        let settings = super::checked_settings(doc, options)?;
        Ok(Simulation::of_net(
            Rc::new(Net::new(doc, &settings, options, zone_mttr_s)),
            options,
        ))
    }

    /// A simulation of an already built network.
    pub(crate) fn of_net(net: Rc<Net>, options: &SimOptions) -> Simulation {
        let instances = net.instances;
        let (nodes, links, functions) = (net.nodes.len(), net.links.len(), net.functions.len());
        let mut sim = Simulation {
            now: 0.0,
            rng: Pcg64Mcg::seed_from_u64(options.seed),
            queue: BinaryHeap::new(),
            seq: 0,
            chaos: false,
            traffic: false,
            arrivals: options.arrivals,
            up: vec![true; instances],
            by_hand: vec![false; instances],
            chaos_stamp: vec![0; instances],
            own_down: vec![false; instances],
            zone_down: vec![false; net.zones.len()],
            zone_by_hand: vec![false; net.zones.len()],
            zone_stamp: vec![0; net.zones.len()],
            generation: vec![0; instances],
            free_at: vec![0.0; instances],
            served: vec![0; instances],
            up_count: net.nodes.iter().map(|n| n.replicas).collect(),
            next_instance: vec![0; nodes],
            health: None,
            leads: net.leads(),
            next_route: vec![0; functions * nodes],
            breakers: vec![Default::default(); links],
            backlog: vec![0; links],
            delivering: vec![false; links],
            calls: Slab::default(),
            tasks: Slab::default(),
            next_hop: 0,
            next_request: 0,
            stats: vec![FunctionStats::default(); functions],
            tally: Tally::new(functions, options.seconds),
            seconds: options.seconds,
            net,
        };
        for v in 0..nodes {
            for i in 0..sim.net.nodes[v].replicas {
                if sim.net.nodes[v].killed[i as usize] {
                    sim.kill(v, i as usize, &mut super::trace::Discard);
                }
            }
        }
        for z in 0..sim.net.zones.len() {
            if sim.net.zones[z].down {
                sim.set_zone_down(z, true, &mut super::trace::Discard);
            }
        }
        sim.set_chaos(options.chaos, &mut super::trace::Discard);
        let traffic = sim.net.functions.iter().any(|f| f.rate > 0.0);
        sim.set_traffic(traffic);
        sim
    }

    /// Simulated time, in seconds.
    pub fn now(&self) -> f64 {
        self.now
    }

    /// Runs every event due up to time `until` (seconds), telling `recorder`.
    pub fn run_until<R: Recorder>(&mut self, until: f64, recorder: &mut R) {
        if until.is_nan() {
            return;
        }
        while let Some(next) = self.queue.peek() {
            if next.at > until {
                break;
            }
            let Scheduled { at, event, .. } = self.queue.pop().expect("peeked");
            self.now = at;
            self.handle(event, recorder);
        }
        if until.is_finite() {
            self.now = self.now.max(until);
        }
    }

    /// Runs until every request sent so far has ended, or `limit` seconds
    /// more have passed (a request can wait forever in an unbounded queue).
    pub fn run_until_finished<R: Recorder>(&mut self, limit: f64, recorder: &mut R) {
        let end = self.now + limit;
        while self.stats.iter().any(|s| s.finished < s.sent) {
            match self.queue.peek() {
                Some(next) if next.at <= end => {
                    let Scheduled { at, event, .. } = self.queue.pop().expect("peeked");
                    self.now = at;
                    self.handle(event, recorder);
                }
                _ => break,
            }
        }
    }

    /// Sends one request of function `function` now (as its client would);
    /// its number, or `None` for no such function.
    pub fn send<R: Recorder>(&mut self, function: usize, recorder: &mut R) -> Option<u64> {
        (function < self.net.functions.len()).then(|| self.start_request(function as u32, recorder))
    }

    /// Turns the clients' traffic on or off (rates from the options and the
    /// functions' `extra.sim.rate`).
    pub fn set_traffic(&mut self, on: bool) {
        if on == self.traffic {
            return;
        }
        self.traffic = on;
        if on {
            for f in 0..self.net.functions.len() {
                self.schedule_traffic(f as u32);
            }
        }
    }

    /// Whether chaos is on: instances (and their repairs) failing at random.
    pub fn chaos(&self) -> bool {
        self.chaos
    }

    /// Turns chaos on or off (docs/spec/app.md `simulate`): on, every instance not
    /// killed by hand, and every zone not down by hand, fails and recovers at
    /// random; off, what chaos took down comes back and nothing fails but
    /// what is killed by hand.
    pub fn set_chaos<R: Recorder>(&mut self, on: bool, recorder: &mut R) {
        if on == self.chaos {
            return;
        }
        self.chaos = on;
        for v in 0..self.net.nodes.len() {
            for i in 0..self.net.nodes[v].replicas as usize {
                let k = self.net.first_instance[v] + i;
                if self.by_hand[k] {
                    continue;
                }
                self.chaos_stamp[k] = self.chaos_stamp[k].wrapping_add(1);
                let mut down = false;
                if on {
                    let lifetimes = self.net.nodes[v].lifetimes;
                    // Chaos starts in its stationary state (see `chaos`), also
                    // mid-run: what is measured from then on is unbiased.
                    let (up, next) = lifetimes.start(&mut self.rng);
                    down = !up;
                    self.schedule_toggle(k, next);
                }
                self.own_down[k] = down;
                self.refresh(k, recorder);
            }
        }
        // The zones' draws come after every instance's: a document without
        // zones draws exactly what it drew before zones existed.
        for z in 0..self.net.zones.len() {
            if self.zone_by_hand[z] {
                continue;
            }
            self.zone_stamp[z] = self.zone_stamp[z].wrapping_add(1);
            let mut down = false;
            if on {
                let (up, next) = self.net.zones[z].lifetimes.start(&mut self.rng);
                down = !up;
                self.schedule_zone_toggle(z, next);
            }
            self.zone_down[z] = down;
            self.refresh_zone(z, recorder);
        }
    }

    /// Takes zone `zone` (its index in the document) down by hand, or brings
    /// it back (docs/spec/model.md §8 `down`): down, every instance in it is down,
    /// chaos or not; back, under chaos it fails again at random later. False
    /// when there is no such zone.
    pub fn set_zone_down<R: Recorder>(
        &mut self,
        zone: usize,
        down: bool,
        recorder: &mut R,
    ) -> bool {
        if zone >= self.zone_by_hand.len() {
            return false;
        }
        self.zone_by_hand[zone] = down;
        self.zone_down[zone] = false;
        self.zone_stamp[zone] = self.zone_stamp[zone].wrapping_add(1);
        if !down && self.chaos {
            let next = self.net.zones[zone].lifetimes.next(&mut self.rng, true);
            self.schedule_zone_toggle(zone, next);
        }
        self.refresh_zone(zone, recorder);
        true
    }

    /// Brings instance `k` to the state its own, its zone's and the user's
    /// say: up when it is not killed, not down by chaos, and its zone is up.
    fn refresh<R: Recorder>(&mut self, k: usize, recorder: &mut R) {
        let zone = self.net.zone_of[k];
        let zone_by_hand = zone.is_some_and(|z| self.zone_by_hand[z]);
        let zone_down = zone.is_some_and(|z| self.zone_down[z]);
        let up = !self.by_hand[k] && !self.own_down[k] && !zone_by_hand && !zone_down;
        let (node, instance) = self.net.instance_of(k);
        match (up, self.up[k]) {
            (true, false) => self.set_up(node, instance, recorder),
            (false, true) => {
                let by_hand = self.by_hand[k] || zone_by_hand;
                self.set_down(node, instance, by_hand, recorder);
            }
            _ => {}
        }
    }

    /// [`Simulation::refresh`] for every instance in zone `z`.
    fn refresh_zone<R: Recorder>(&mut self, z: usize, recorder: &mut R) {
        let net = Rc::clone(&self.net);
        for &k in &net.zones[z].instances {
            self.refresh(k, recorder);
        }
    }

    /// Kills instance `instance` of node `node` by hand: it stays down, chaos
    /// or not, until revived. False when there is no such instance.
    pub fn kill<R: Recorder>(&mut self, node: usize, instance: usize, recorder: &mut R) -> bool {
        let Some(k) = self.instance(node, instance) else {
            return false;
        };
        self.chaos_stamp[k] = self.chaos_stamp[k].wrapping_add(1);
        if self.up[k] {
            self.set_down(node, instance, true, recorder);
        }
        self.by_hand[k] = true;
        true
    }

    /// Revives an instance killed by hand (or taken down by chaos); under
    /// chaos it fails again at random later. An instance in a zone that is
    /// down stays down until its zone is back.
    pub fn revive<R: Recorder>(&mut self, node: usize, instance: usize, recorder: &mut R) -> bool {
        let Some(k) = self.instance(node, instance) else {
            return false;
        };
        self.by_hand[k] = false;
        self.own_down[k] = false;
        self.chaos_stamp[k] = self.chaos_stamp[k].wrapping_add(1);
        self.refresh(k, recorder);
        if self.chaos {
            let next = self.net.nodes[node].lifetimes.next(&mut self.rng, true);
            self.schedule_toggle(k, next);
        }
        true
    }

    /// Takes one of the instances that are up (not a client's, not killed by
    /// hand) down as chaos would, the one at `share` (0..1) of their list,
    /// for a failure the caller times itself (the classroom chaos of
    /// [`super::Playback`]); it stays out of the document. When a zone that
    /// can fail (availability under 1, not down, an instance in it up) exists,
    /// a share under [`CLASSROOM_ZONE_SHARE`] takes one of those zones down
    /// instead, the rest of the shares an instance. What went down; `None`
    /// when nothing is up.
    pub fn fail_by_chaos<R: Recorder>(&mut self, share: f64, recorder: &mut R) -> Option<Outage> {
        let zones: Vec<usize> = (0..self.zone_down.len())
            .filter(|&z| {
                let zone = &self.net.zones[z];
                !self.zone_down[z]
                    && !self.zone_by_hand[z]
                    && zone.lifetimes.mttf_s.is_finite()
                    && zone.instances.iter().any(|&k| self.up[k])
            })
            .collect();
        let share = match zones.is_empty() {
            true => share,
            false if share < CLASSROOM_ZONE_SHARE => {
                let at = (share / CLASSROOM_ZONE_SHARE * zones.len() as f64) as usize;
                let z = zones[at.min(zones.len() - 1)];
                self.zone_stamp[z] = self.zone_stamp[z].wrapping_add(1);
                self.zone_down[z] = true;
                self.refresh_zone(z, recorder);
                return Some(Outage::Zone(z));
            }
            false => (share - CLASSROOM_ZONE_SHARE) / (1.0 - CLASSROOM_ZONE_SHARE),
        };
        let candidates: Vec<usize> = (0..self.up.len())
            .filter(|&k| {
                self.up[k]
                    && self.net.nodes[self.net.instance_of(k).0].kind != crate::NodeKind::Client
            })
            .collect();
        let k = *candidates.get((share * candidates.len() as f64) as usize)?;
        let (node, instance) = self.net.instance_of(k);
        self.chaos_stamp[k] = self.chaos_stamp[k].wrapping_add(1);
        self.own_down[k] = true;
        self.set_down(node, instance, false, recorder);
        Some(Outage::Instance(node, instance))
    }

    /// Brings back what [`Simulation::fail_by_chaos`] took down, unless it
    /// was killed (or its zone taken down) by hand since.
    pub fn repair_by_chaos<R: Recorder>(&mut self, outage: Outage, recorder: &mut R) {
        match outage {
            Outage::Instance(node, instance) => {
                if let Some(k) = self.instance(node, instance) {
                    self.own_down[k] = false;
                    self.refresh(k, recorder);
                }
            }
            Outage::Zone(z) if z < self.zone_down.len() => {
                self.zone_down[z] = false;
                self.refresh_zone(z, recorder);
            }
            Outage::Zone(_) => {}
        }
    }

    /// Whether instance `instance` of `node` is up.
    pub fn is_up(&self, node: usize, instance: usize) -> bool {
        self.instance(node, instance).is_some_and(|k| self.up[k])
    }

    /// Whether instance `instance` of `node` is down by chaos (not killed by
    /// hand, nor in a zone down by hand): by its own failure or its zone's.
    pub fn is_down_by_chaos(&self, node: usize, instance: usize) -> bool {
        self.instance(node, instance).is_some_and(|k| {
            !self.up[k]
                && !self.by_hand[k]
                && !self.net.zone_of[k].is_some_and(|z| self.zone_by_hand[z])
        })
    }

    /// Whether zone `zone` (its index in the document) is down by chaos.
    pub fn is_zone_down_by_chaos(&self, zone: usize) -> bool {
        self.zone_down.get(zone).is_some_and(|&d| d)
            && !self.zone_by_hand.get(zone).is_some_and(|&h| h)
    }

    /// Requests instance `instance` of `node` has taken so far.
    pub fn served(&self, node: usize, instance: usize) -> u64 {
        self.instance(node, instance).map_or(0, |k| self.served[k])
    }

    /// Each function's live counts, in function order.
    pub fn stats(&self) -> &[FunctionStats] {
        &self.stats
    }

    /// Messages waiting in queue `node` for its consumers (the sum over its
    /// async links; docs/spec/model.md §1.2: a queue buffers while a consumer is down).
    pub fn backlog(&self, node: usize) -> u64 {
        self.net.asynchronous.get(node).map_or(0, |links| {
            links.iter().map(|&l| self.backlog[l as usize]).sum()
        })
    }

    /// The state of the breaker on link `link` (`Closed` for a link without one).
    pub fn breaker(&self, link: usize) -> super::trace::BreakerState {
        self.breakers
            .get(link)
            .map_or(super::trace::BreakerState::Closed, |b| b.state)
    }

    /// Calls in flight (hops sent and not yet answered or given up on).
    pub fn in_flight(&self) -> usize {
        self.calls.len()
    }

    /// The run's figures so far (docs/spec/app.md `simulate`), by the event method.
    /// Its batch-means spans divide the options' `seconds`: requests that
    /// finish later count in the last span, so give `seconds` the length
    /// the run is meant to have.
    pub fn report(&self) -> SimReport {
        let ids: Vec<&str> = self.net.functions.iter().map(|f| f.id.as_str()).collect();
        SimReport {
            seconds: self.seconds,
            functions: self
                .tally
                .measures(&ids, self.chaos_repair_s() / self.seconds),
            method: Method::Events,
        }
    }

    /// Under chaos the shortest mean repair time of an instance, seconds;
    /// else 0 (what [`super::clustered`] needs).
    pub fn chaos_repair_s(&self) -> f64 {
        match self.chaos {
            true => self.net.shortest_repair_s(),
            false => 0.0,
        }
    }

    /// Forgets the counts so far (a warm-up's), keeping the state.
    pub(crate) fn reset_counts(&mut self) {
        self.stats
            .iter_mut()
            .for_each(|s| *s = FunctionStats::default());
        self.tally = Tally::new(self.net.functions.len(), f64::INFINITY);
    }

    pub(crate) fn instance(&self, node: usize, instance: usize) -> Option<usize> {
        let n = self.net.nodes.get(node)?;
        (instance < n.replicas as usize && n.kind != crate::NodeKind::Client)
            .then(|| self.net.first_instance[node] + instance)
    }

    /// The health checks of the current state (docs/spec/model.md §2), recomputed
    /// only after an instance changed.
    pub(crate) fn health(&mut self) -> &Health {
        self.ensure_health();
        self.health.as_ref().expect("just computed")
    }

    /// Computes the health checks if an instance changed since the last time.
    pub(crate) fn ensure_health(&mut self) {
        if self.health.is_none() {
            let alive: Vec<bool> = self
                .net
                .nodes
                .iter()
                .zip(&self.up_count)
                .map(|(n, &up)| up >= n.quorum)
                .collect();
            self.health = Some(self.net.health(&alive));
        }
    }

    /// Whether `node` is alive: at least `quorum` instances up.
    pub(crate) fn alive(&self, node: usize) -> bool {
        self.up_count[node] >= self.net.nodes[node].quorum
    }

    pub(crate) fn schedule(&mut self, at: f64, event: Event) {
        self.seq += 1;
        self.queue.push(Scheduled {
            at,
            seq: self.seq,
            event,
        });
    }

    fn schedule_toggle(&mut self, k: usize, after: f64) {
        if after.is_finite() {
            let stamp = self.chaos_stamp[k];
            self.schedule(
                self.now + after,
                Event::Toggle {
                    instance: k as u32,
                    stamp,
                },
            );
        }
    }

    fn schedule_zone_toggle(&mut self, z: usize, after: f64) {
        if after.is_finite() {
            let stamp = self.zone_stamp[z];
            self.schedule(
                self.now + after,
                Event::ZoneToggle {
                    zone: z as u32,
                    stamp,
                },
            );
        }
    }

    fn schedule_traffic(&mut self, function: u32) {
        let rate = self.net.functions[function as usize].rate;
        if !(rate > 0.0 && rate.is_finite()) {
            return;
        }
        let gap = match self.arrivals {
            Arrivals::Poisson => exponential(&mut self.rng, 1.0 / rate),
            Arrivals::Steady => 1.0 / rate,
        };
        self.schedule(self.now + gap, Event::Traffic { function });
    }

    fn set_down<R: Recorder>(
        &mut self,
        node: usize,
        instance: usize,
        by_hand: bool,
        recorder: &mut R,
    ) {
        let k = self.net.first_instance[node] + instance;
        if !std::mem::replace(&mut self.up[k], false) {
            return;
        }
        self.up_count[node] -= 1;
        self.generation[k] = self.generation[k].wrapping_add(1);
        self.free_at[k] = self.now;
        self.changed(recorder);
        recorder.record(SimEvent {
            at: self.now,
            what: Happening::InstanceDown {
                node: node as u32,
                instance: instance as u16,
                by_hand,
            },
        });
    }

    fn set_up<R: Recorder>(&mut self, node: usize, instance: usize, recorder: &mut R) {
        let k = self.net.first_instance[node] + instance;
        if std::mem::replace(&mut self.up[k], true) {
            return;
        }
        self.up_count[node] += 1;
        self.free_at[k] = self.now;
        recorder.record(SimEvent {
            at: self.now,
            what: Happening::InstanceUp {
                node: node as u32,
                instance: instance as u16,
            },
        });
        self.changed(recorder);
    }

    /// After an instance changed: new health checks, and queues whose
    /// consumer may be back start delivering.
    fn changed<R: Recorder>(&mut self, recorder: &mut R) {
        self.health = None;
        let net = Rc::clone(&self.net);
        for &l in &net.queue_links {
            if self.backlog[l as usize] > 0 {
                self.deliver(l, recorder);
            }
        }
    }

    fn handle<R: Recorder>(&mut self, event: Event, recorder: &mut R) {
        match event {
            Event::Traffic { function } => {
                if self.traffic {
                    self.start_request(function, recorder);
                    self.schedule_traffic(function);
                }
            }
            Event::Toggle { instance, stamp } => {
                let k = instance as usize;
                if stamp != self.chaos_stamp[k] || !self.chaos || self.by_hand[k] {
                    return;
                }
                let node = self.net.first_instance.partition_point(|&first| first <= k) - 1;
                self.own_down[k] = !self.own_down[k];
                self.refresh(k, recorder);
                let up = !self.own_down[k];
                let next = self.net.nodes[node].lifetimes.next(&mut self.rng, up);
                self.schedule_toggle(k, next);
            }
            Event::ZoneToggle { zone, stamp } => {
                let z = zone as usize;
                if stamp != self.zone_stamp[z] || !self.chaos || self.zone_by_hand[z] {
                    return;
                }
                self.zone_down[z] = !self.zone_down[z];
                self.refresh_zone(z, recorder);
                let up = !self.zone_down[z];
                let next = self.net.zones[z].lifetimes.next(&mut self.rng, up);
                self.schedule_zone_toggle(z, next);
            }
            Event::Arrive { task } => self.arrive(task, recorder),
            Event::Work { task } => self.work(task, recorder),
            Event::Reply {
                call,
                attempt,
                hop,
                failure,
                degraded,
            } => self.reply(call, attempt, hop, failure, degraded, recorder),
            Event::Timeout { call, attempt, hop } => self.timeout(call, attempt, hop, recorder),
            Event::Retry { call } => self.send_attempt(call, recorder),
            Event::Redeliver { link } => {
                self.delivering[link as usize] = false;
                self.deliver(link, recorder);
            }
        }
    }

    /// Counts a finished request.
    pub(crate) fn finish_request<R: Recorder>(
        &mut self,
        request: u64,
        function: u32,
        failure: Option<Failure>,
        degraded: bool,
        recorder: &mut R,
    ) {
        let f = function as usize;
        let stats = &mut self.stats[f];
        stats.finished += 1;
        let ok = failure.is_none();
        stats.succeeded += u64::from(ok);
        stats.degraded += u64::from(ok && degraded);
        let span = self.tally.span_of(self.now);
        self.tally.add(f, span, 1, u64::from(ok));
        recorder.record(SimEvent {
            at: self.now,
            what: Happening::Finished {
                request,
                function,
                degraded,
                failure,
            },
        });
    }
}
