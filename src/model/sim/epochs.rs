//! The epoch method for long runs (see [`crate::model::sim`]): the failure
//! and repair process of every instance over the whole run, and each
//! epoch's requests evaluated at once against its state.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::rc::Rc;

use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

use super::draw::{binomial, poisson};
use super::engine::Simulation;
use super::net::Net;
use super::report::{wilson, Method, SimReport, Tally};
use super::trace::Discard;
use super::{Arrivals, SimOptions};

/// Seconds of traffic run in a new state before measuring, so that queues
/// and breakers reach their regime (capacities or breakers only).
pub const WARM_UP_S: f64 = 30.0;
/// Seconds of traffic measured in each new state (capacities or breakers only).
pub const MEASURE_S: f64 = 120.0;
/// The longest a single probe request is followed, in seconds.
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

/// Each function's probability of success in a frozen state.
struct Oracle {
    net: Rc<Net>,
    options: SimOptions,
    traffic_dependent: bool,
    /// A simulation kept in step with the run's state, for single probes.
    probe: Simulation,
    known: HashMap<Vec<u32>, Rc<[f64]>>,
    /// Requests measured by windows, and successes (capacities or breakers).
    simulated: Vec<(u64, u64)>,
}

impl Oracle {
    fn new(net: Rc<Net>, traffic_dependent: bool, options: &SimOptions) -> Oracle {
        let quiet = SimOptions {
            chaos: false,
            rate: 0.0,
            ..*options
        };
        let mut probe = Simulation::of_net(Rc::clone(&net), &quiet);
        probe.set_traffic(false);
        Oracle {
            simulated: vec![(0, 0); net.functions.len()],
            net,
            options: *options,
            traffic_dependent,
            probe,
            known: HashMap::new(),
        }
    }

    /// Instance `k` (a global index) changed; the probe follows.
    fn toggle(&mut self, k: usize, up: bool) {
        let node = self.net.first_instance.partition_point(|&first| first <= k) - 1;
        let i = k - self.net.first_instance[node];
        match up {
            true => self.probe.revive(node, i, &mut Discard),
            false => self.probe.kill(node, i, &mut Discard),
        };
    }

    /// `p_f` in the state where the instances in `down` (sorted) are down
    /// besides the document's kills.
    fn success(&mut self, down: &[u32]) -> Rc<[f64]> {
        if let Some(p) = self.known.get(down) {
            return Rc::clone(p);
        }
        let p: Rc<[f64]> = match self.traffic_dependent {
            false => self.probe_each().into(),
            true => self.window(down).into(),
        };
        self.known.insert(down.to_vec(), Rc::clone(&p));
        p
    }

    /// One request of each function through the probe: 1 or 0.
    fn probe_each(&mut self) -> Vec<f64> {
        let before: Vec<u64> = self.probe.stats().iter().map(|s| s.succeeded).collect();
        for f in 0..self.net.functions.len() {
            self.probe.send(f, &mut Discard);
        }
        self.probe.run_until_finished(PROBE_LIMIT_S, &mut Discard);
        self.probe
            .stats()
            .iter()
            .zip(before)
            .map(|(s, b)| (s.succeeded - b) as f64)
            .collect()
    }

    /// Full traffic in a fresh simulation of the state: its success rates.
    fn window(&mut self, down: &[u32]) -> Vec<f64> {
        let options = SimOptions {
            chaos: false,
            seed: self.options.seed
                ^ (self.known.len() as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15),
            ..self.options
        };
        let mut sim = Simulation::of_net(Rc::clone(&self.net), &options);
        for &k in down {
            let k = k as usize;
            let node = self.net.first_instance.partition_point(|&first| first <= k) - 1;
            sim.kill(node, k - self.net.first_instance[node], &mut Discard);
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

/// The epoch method's report on `net` over `options.seconds`.
pub(crate) fn epochs(net: Rc<Net>, traffic_dependent: bool, options: &SimOptions) -> SimReport {
    let seconds = options.seconds;
    let mut rng = Pcg64Mcg::seed_from_u64(options.seed ^ 0x6570_6f63_6873_2121);
    let mut oracle = Oracle::new(Rc::clone(&net), traffic_dependent, options);
    let mut tally = Tally::new(net.functions.len(), seconds);
    // Chaos instances: not killed by hand, able to fail.
    let mut changes = BinaryHeap::new();
    let mut up = vec![true; net.instances];
    let mut down: Vec<u32> = Vec::new();
    if options.chaos {
        for (v, node) in net.nodes.iter().enumerate() {
            for i in (0..node.replicas as usize).filter(|&i| !node.killed[i]) {
                let k = net.first_instance[v] + i;
                let (is_up, next) = node.lifetimes.start(&mut rng);
                if !is_up {
                    up[k] = false;
                    down.push(k as u32);
                    oracle.toggle(k, false);
                }
                if next.is_finite() {
                    changes.push(Reverse((At(next), k)));
                }
            }
        }
    }
    let rates: Vec<f64> = net.functions.iter().map(|f| f.rate).collect();
    let mut t = 0.0;
    while t < seconds {
        let change = changes
            .peek()
            .map_or(f64::INFINITY, |Reverse((At(at), _))| *at);
        let end = change.min(seconds);
        if end > t {
            let p = oracle.success(&down);
            while t < end {
                let span = tally.span_of(t);
                let span_end = if span + 1 == super::report::BATCHES {
                    end
                } else {
                    end.min((span + 1) as f64 * tally.span())
                };
                for (f, &rate) in rates.iter().enumerate() {
                    let requests = match options.arrivals {
                        Arrivals::Poisson => poisson(&mut rng, rate * (span_end - t)),
                        Arrivals::Steady => ((rate * span_end).floor() - (rate * t).floor()) as u64,
                    };
                    let succeeded = binomial(&mut rng, requests, p[f]);
                    tally.add(f, span, requests, succeeded);
                }
                t = span_end;
            }
        }
        if change >= seconds {
            break;
        }
        let Some(Reverse((_, k))) = changes.pop() else {
            break;
        };
        t = change;
        up[k] = !up[k];
        match down.binary_search(&(k as u32)) {
            Ok(at) => {
                down.remove(at);
            }
            Err(at) => down.insert(at, k as u32),
        }
        oracle.toggle(k, up[k]);
        let node = net.first_instance.partition_point(|&first| first <= k) - 1;
        let next = net.nodes[node].lifetimes.next(&mut rng, up[k]);
        if next.is_finite() {
            changes.push(Reverse((At(change + next), k)));
        }
    }
    let ids: Vec<&str> = net.functions.iter().map(|f| f.id.as_str()).collect();
    let mut functions = tally.measures(&ids);
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
