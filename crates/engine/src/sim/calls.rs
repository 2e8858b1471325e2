//! What happens to one call (docs/spec/model.md §1.2 and §2), as steps of the
//! event simulation:
//!
//! 1. **Send** along a link: an open breaker fails it at once; else a hop
//!    leaves, arriving after the link's latency, with a timeout if the link
//!    has one.
//! 2. **Arrive**: a node with fewer than `quorum` instances up refuses it
//!    (`Dead`). Else an up instance takes it, round robin; with a capacity
//!    the instance serves one request per `1 / capacity` seconds, first come
//!    first served, and a full queue refuses it (`Full`).
//! 3. **Work**, after the node's latency: a node asked to forward a request
//!    that does not hold its capability sends it on along a route, pool or
//!    requires link, to the next node nearest a working holder (perfect
//!    health checks: a balancer's working backends, round robin; a gateway's
//!    holders); every node calls its `requires` links (each must succeed)
//!    and its `optional` ones (a failure degrades, never fails) in
//!    parallel; a queue puts a message on each of its `async` links, any
//!    other node fires its async calls and forgets them. A requires call
//!    back to a node already serving the same chain is taken as answered
//!    (docs/spec/model.md §2: a cycle works when its nodes are alive).
//! 4. **Reply**, back along the link: a failed attempt (refused, dependency
//!    failed, timed out) is retried after the backoff while retries last;
//!    the breaker counts consecutive failures.
//!
//! A queue delivers the messages of each async link one at a time while its
//! consumer works; a failed delivery stays in the backlog and is tried again.

use std::rc::Rc;

use super::engine::{Event, Ref, Simulation};
use super::trace::{BreakerState, Failure, Happening, Recorder, SimEvent};
use crate::document::{LinkKind, NodeKind};

/// Seconds a queue waits before delivering again after a failed delivery.
const REDELIVER_S: f64 = 1.0;
/// The longest chain of calls followed; deeper is taken as a loop.
const MAX_DEPTH: u32 = 256;
/// No instance: a request's start at its client.
const CLIENT: usize = usize::MAX;

/// What the caller of a call does with its result.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Role {
    /// A `requires` call (or the forwarded request) of this task.
    Required(Ref),
    /// An `optional` call of this task.
    Optional(Ref),
    /// Fired and forgotten (an async call of a node that is not a queue).
    Detached,
    /// A queue delivering one message of its async link.
    Delivery,
}

/// The caller's side of a call along one link, over its attempts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Call {
    link: u32,
    role: Role,
    forward: bool,
    request: u64,
    function: u32,
    attempt: u8,
    hop: u64,
    waiting: bool,
    probe: bool,
    depth: u32,
}

/// The callee's side of one attempt: an instance serving it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Task {
    /// The call and attempt to answer; `None`: a request's start at its client.
    reply: Option<(Ref, u8, u64)>,
    /// The task that made the call (for cycles); `None` past an async link.
    parent: Option<Ref>,
    back_s: f64,
    node: usize,
    instance: usize,
    generation: u32,
    forward: bool,
    request: u64,
    function: u32,
    pending: u32,
    failure: Option<Failure>,
    degraded: bool,
    depth: u32,
}

/// A link's breaker as it runs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct BreakerRun {
    pub state: BreakerState,
    failures: u32,
    open_until: f64,
}

impl Default for BreakerRun {
    fn default() -> Self {
        BreakerRun {
            state: BreakerState::Closed,
            failures: 0,
            open_until: 0.0,
        }
    }
}

impl Simulation {
    /// A client sends a request of `function` now; its number.
    pub(crate) fn start_request<R: Recorder>(&mut self, function: u32, recorder: &mut R) -> u64 {
        let request = self.next_request;
        self.next_request += 1;
        self.stats[function as usize].sent += 1;
        recorder.record(SimEvent {
            at: self.now,
            what: Happening::Requested { request, function },
        });
        let Some(client) = self.net.functions[function as usize].client else {
            self.finish_request(request, function, Some(Failure::NoRoute), false, recorder);
            return request;
        };
        let task = self.tasks.insert(Task {
            reply: None,
            parent: None,
            back_s: 0.0,
            node: client,
            instance: CLIENT,
            generation: 0,
            forward: true,
            request,
            function,
            pending: 0,
            failure: None,
            degraded: false,
            depth: 0,
        });
        self.work(task, recorder);
        request
    }

    /// Step 1: one attempt of `call` leaves (or its open breaker fails it).
    pub(crate) fn send_attempt<R: Recorder>(&mut self, call: Ref, recorder: &mut R) {
        let Some(&mut c) = self.calls.get(call) else {
            return;
        };
        let link = &self.net.links[c.link as usize];
        let (to, latency, timeout) = (link.to, link.latency_s, link.timeout_s);
        let mut probe = false;
        if link.breaker.is_some() {
            let run = &mut self.breakers[c.link as usize];
            match run.state {
                BreakerState::Open if self.now >= run.open_until => {
                    run.state = BreakerState::HalfOpen;
                    probe = true;
                    self.breaker_changed(c.link, BreakerState::HalfOpen, recorder);
                }
                BreakerState::Open | BreakerState::HalfOpen => {
                    recorder.record(SimEvent {
                        at: self.now,
                        what: Happening::ShortCircuited {
                            request: c.request,
                            link: c.link,
                        },
                    });
                    self.finish_call(call, Some(Failure::BreakerOpen), false, recorder);
                    return;
                }
                BreakerState::Closed => {}
            }
        }
        let hop = self.next_hop;
        self.next_hop += 1;
        if let Some(c) = self.calls.get(call) {
            c.hop = hop;
            c.waiting = true;
            c.probe = probe;
        }
        recorder.record(SimEvent {
            at: self.now,
            what: Happening::Sent {
                hop,
                request: c.request,
                link: c.link,
                attempt: c.attempt,
            },
        });
        let parent = match c.role {
            Role::Required(t) | Role::Optional(t) => Some(t),
            Role::Detached | Role::Delivery => None,
        };
        let task = self.tasks.insert(Task {
            reply: Some((call, c.attempt, hop)),
            parent,
            back_s: latency,
            node: to,
            instance: CLIENT,
            generation: 0,
            forward: c.forward,
            request: c.request,
            function: c.function,
            pending: 0,
            failure: None,
            degraded: false,
            depth: c.depth,
        });
        self.schedule(self.now + latency, Event::Arrive { task });
        if timeout.is_finite() {
            let attempt = c.attempt;
            self.schedule(self.now + timeout, Event::Timeout { call, attempt, hop });
        }
    }

    /// Step 2: a hop reaches its node; an instance takes it or it is refused.
    pub(crate) fn arrive<R: Recorder>(&mut self, task: Ref, recorder: &mut R) {
        let Some(&mut t) = self.tasks.get(task) else {
            return;
        };
        let hop = t.reply.map_or(0, |(_, _, hop)| hop);
        let node = &self.net.nodes[t.node];
        let (service, limit, latency) = (node.service_s, node.queue_limit, node.latency_s);
        let refuse = |why| Happening::Refused {
            hop,
            node: t.node as u32,
            why,
        };
        let Some(k) = self.pick_instance(t.node).filter(|_| self.alive(t.node)) else {
            recorder.record(SimEvent {
                at: self.now,
                what: refuse(Failure::Dead),
            });
            self.complete_task(task, Some(Failure::Dead), recorder);
            return;
        };
        let mut start = self.now;
        if let Some(service) = service {
            let ahead = ((self.free_at[k] - self.now) / service - 1e-9)
                .ceil()
                .max(0.0);
            if limit.is_some_and(|limit| ahead > f64::from(limit)) {
                recorder.record(SimEvent {
                    at: self.now,
                    what: refuse(Failure::Full),
                });
                self.complete_task(task, Some(Failure::Full), recorder);
                return;
            }
            start = self.free_at[k].max(self.now);
            self.free_at[k] = start + service;
        }
        self.served[k] += 1;
        let generation = self.generation[k];
        if let Some(t) = self.tasks.get(task) {
            t.instance = k;
            t.generation = generation;
        }
        recorder.record(SimEvent {
            at: self.now,
            what: Happening::Arrived {
                hop,
                node: t.node as u32,
                instance: (k - self.net.first_instance[t.node]) as u16,
                waiting: (start - self.now) as f32,
            },
        });
        self.schedule(start + latency, Event::Work { task });
    }

    /// The next up instance of `node` in round robin.
    fn pick_instance(&mut self, node: usize) -> Option<usize> {
        let (first, n) = (
            self.net.first_instance[node],
            self.net.nodes[node].replicas as usize,
        );
        let start = self.next_instance[node] as usize;
        let i = (0..n)
            .map(|j| (start + j) % n)
            .find(|&i| self.up[first + i])?;
        self.next_instance[node] = ((i + 1) % n) as u32;
        Some(first + i)
    }

    /// Step 3: the instance has done its part; it forwards and calls on.
    pub(crate) fn work<R: Recorder>(&mut self, task: Ref, recorder: &mut R) {
        let Some(&mut t) = self.tasks.get(task) else {
            return;
        };
        if t.instance != CLIENT && self.generation[t.instance] != t.generation {
            self.complete_task(task, Some(Failure::Dead), recorder);
            return;
        }
        let net = Rc::clone(&self.net);
        let node = &net.nodes[t.node];
        let client = node.kind == NodeKind::Client;
        let f = t.function as usize;
        let serving = t.forward && net.functions[f].holds[t.node];
        let forward = match t.forward && !serving {
            true => match self.route(t.node, f, task) {
                Some(link) => Some(link),
                None => {
                    self.complete_task(task, Some(Failure::NoRoute), recorder);
                    return;
                }
            },
            false => None,
        };
        let mut children: Vec<(u32, Role, bool)> = Vec::new();
        if !client {
            for &l in &net.requires[t.node] {
                let is_forward = forward == Some(l);
                if is_forward || !self.on_chain(task, net.links[l as usize].to) {
                    children.push((l, Role::Required(task), is_forward));
                }
            }
            for &l in &net.optional[t.node] {
                children.push((l, Role::Optional(task), false));
            }
        }
        if let Some(l) =
            forward.filter(|&l| client || net.links[l as usize].kind != LinkKind::Requires)
        {
            children.push((l, Role::Required(task), true));
        }
        if !client {
            for &l in &net.asynchronous[t.node] {
                if node.kind == NodeKind::Queue {
                    self.backlog[l as usize] += 1;
                    self.backlog_changed(l, recorder);
                    self.deliver(l, recorder);
                } else {
                    children.push((l, Role::Detached, false));
                }
            }
        }
        let pending = children
            .iter()
            .filter(|(_, role, _)| !matches!(role, Role::Detached))
            .count() as u32;
        if t.depth >= MAX_DEPTH && pending > 0 {
            self.complete_task(task, Some(Failure::NoRoute), recorder);
            return;
        }
        if let Some(t) = self.tasks.get(task) {
            t.pending = pending;
        }
        if pending == 0 {
            self.complete_task(task, None, recorder);
        }
        for (link, role, forward) in children {
            let call = self.calls.insert(Call {
                link,
                role,
                forward,
                request: t.request,
                function: t.function,
                attempt: 0,
                hop: 0,
                waiting: false,
                probe: false,
                depth: t.depth + 1,
            });
            self.send_attempt(call, recorder);
        }
    }

    /// Whether `node` is serving an ancestor of `task` in its chain of calls.
    fn on_chain(&mut self, task: Ref, node: usize) -> bool {
        let mut at = Some(task);
        while let Some(t) = at.and_then(|r| self.tasks.get(r)).copied() {
            if t.node == node {
                return true;
            }
            at = t.parent;
        }
        false
    }

    /// The link a request of function `f` leaves `node` by: round robin among
    /// the links to the nodes nearest a working holder, or when no working
    /// way is left, among the links that lead to a holder at all.
    fn route(&mut self, node: usize, f: usize, task: Ref) -> Option<u32> {
        let net = Rc::clone(&self.net);
        let to = |l: &u32| net.links[*l as usize].to;
        let links: Vec<u32> = net.carry[node]
            .iter()
            .copied()
            .filter(|l| !self.on_chain(task, to(l)))
            .collect();
        self.ensure_health();
        let distance = &self.health.as_ref().expect("ensured").distance[f];
        let best = links.iter().map(|l| distance[to(l)]).min()?;
        let candidates: Vec<u32> = match best {
            u32::MAX => links
                .iter()
                .copied()
                .filter(|l| self.leads[f][to(l)])
                .collect(),
            _ => links
                .iter()
                .copied()
                .filter(|l| distance[to(l)] == best)
                .collect(),
        };
        if candidates.is_empty() {
            return None;
        }
        let slot = f * net.nodes.len() + node;
        let pick = candidates[self.next_route[slot] as usize % candidates.len()];
        self.next_route[slot] = self.next_route[slot].wrapping_add(1);
        Some(pick)
    }

    /// A task's last child answered, or it failed before calling any: it
    /// replies to its caller (a request's start finishes the request).
    fn complete_task<R: Recorder>(
        &mut self,
        task: Ref,
        failure: Option<Failure>,
        recorder: &mut R,
    ) {
        let Some(t) = self.tasks.remove(task) else {
            return;
        };
        let died = t.instance != CLIENT && self.generation[t.instance] != t.generation;
        let failure = failure.or(t.failure).or(died.then_some(Failure::Dead));
        match t.reply {
            None => self.finish_request(t.request, t.function, failure, t.degraded, recorder),
            Some((call, attempt, hop)) => self.schedule(
                self.now + t.back_s,
                Event::Reply {
                    call,
                    attempt,
                    hop,
                    failure,
                    degraded: t.degraded,
                },
            ),
        }
    }

    /// Step 4: a reply reaches the caller.
    pub(crate) fn reply<R: Recorder>(
        &mut self,
        call: Ref,
        attempt: u8,
        hop: u64,
        failure: Option<Failure>,
        degraded: bool,
        recorder: &mut R,
    ) {
        recorder.record(SimEvent {
            at: self.now,
            what: Happening::Replied {
                hop,
                ok: failure.is_none(),
                degraded,
            },
        });
        let Some(c) = self.calls.get(call) else {
            return;
        };
        if c.attempt != attempt || c.hop != hop || !c.waiting {
            return;
        }
        c.waiting = false;
        let (link, probe) = (c.link, c.probe);
        self.breaker_result(link, probe, failure.is_none(), recorder);
        match failure {
            None => self.finish_call(call, None, degraded, recorder),
            Some(why) => self.attempt_failed(call, why, recorder),
        }
    }

    /// The caller stops waiting for an attempt.
    pub(crate) fn timeout<R: Recorder>(
        &mut self,
        call: Ref,
        attempt: u8,
        hop: u64,
        recorder: &mut R,
    ) {
        let Some(c) = self.calls.get(call) else {
            return;
        };
        if c.attempt != attempt || c.hop != hop || !c.waiting {
            return;
        }
        c.waiting = false;
        let (link, probe) = (c.link, c.probe);
        recorder.record(SimEvent {
            at: self.now,
            what: Happening::TimedOut { hop },
        });
        self.breaker_result(link, probe, false, recorder);
        self.attempt_failed(call, Failure::Timeout, recorder);
    }

    /// Retries a failed attempt if the link allows, else fails the call.
    fn attempt_failed<R: Recorder>(&mut self, call: Ref, why: Failure, recorder: &mut R) {
        let Some(c) = self.calls.get(call) else {
            return;
        };
        let link = &self.net.links[c.link as usize];
        if u32::from(c.attempt) >= link.retries {
            self.finish_call(call, Some(why), false, recorder);
            return;
        }
        c.attempt += 1;
        match link.backoff_s {
            b if b > 0.0 => self.schedule(self.now + b, Event::Retry { call }),
            _ => self.send_attempt(call, recorder),
        }
    }

    /// A call is over: its caller learns the result.
    fn finish_call<R: Recorder>(
        &mut self,
        call: Ref,
        failure: Option<Failure>,
        degraded: bool,
        recorder: &mut R,
    ) {
        let Some(c) = self.calls.remove(call) else {
            return;
        };
        let (task, required) = match c.role {
            Role::Required(task) => (task, true),
            Role::Optional(task) => (task, false),
            Role::Detached => return,
            Role::Delivery => return self.delivered(c.link, failure.is_none(), recorder),
        };
        let Some(t) = self.tasks.get(task) else {
            return;
        };
        if required {
            t.failure = t.failure.or(failure);
            t.degraded |= degraded;
        } else {
            t.degraded |= failure.is_some();
        }
        t.pending -= 1;
        if t.pending == 0 {
            self.complete_task(task, None, recorder);
        }
    }

    /// Counts an attempt's result on its link's breaker.
    fn breaker_result<R: Recorder>(&mut self, link: u32, probe: bool, ok: bool, recorder: &mut R) {
        let Some(breaker) = self.net.links[link as usize].breaker else {
            return;
        };
        let now = self.now;
        let run = &mut self.breakers[link as usize];
        let next = match (run.state, probe, ok) {
            (BreakerState::HalfOpen, true, true) => BreakerState::Closed,
            (BreakerState::HalfOpen, true, false) => BreakerState::Open,
            (BreakerState::Closed, _, true) => {
                run.failures = 0;
                return;
            }
            (BreakerState::Closed, _, false) => {
                run.failures += 1;
                if run.failures < breaker.failures {
                    return;
                }
                BreakerState::Open
            }
            // A late answer to an attempt sent before the breaker opened.
            _ => return,
        };
        run.failures = 0;
        run.open_until = now + breaker.open_ms / 1e3;
        self.breaker_changed(link, next, recorder);
    }

    fn breaker_changed<R: Recorder>(&mut self, link: u32, state: BreakerState, recorder: &mut R) {
        self.breakers[link as usize].state = state;
        recorder.record(SimEvent {
            at: self.now,
            what: Happening::Breaker { link, state },
        });
    }

    /// A queue delivers the next message of async link `link` if its
    /// consumer works and nothing is on the way already.
    pub(crate) fn deliver<R: Recorder>(&mut self, link: u32, recorder: &mut R) {
        let l = link as usize;
        if self.delivering[l] || self.backlog[l] == 0 {
            return;
        }
        let (from, to) = (self.net.links[l].from, self.net.links[l].to);
        if !self.alive(from) || !self.health().works[to] {
            return;
        }
        self.delivering[l] = true;
        let call = self.calls.insert(Call {
            link,
            role: Role::Delivery,
            forward: false,
            request: u64::MAX,
            function: u32::MAX,
            attempt: 0,
            hop: 0,
            waiting: false,
            probe: false,
            depth: 0,
        });
        self.send_attempt(call, recorder);
    }

    /// A delivery's result: the message leaves the backlog, or waits.
    fn delivered<R: Recorder>(&mut self, link: u32, ok: bool, recorder: &mut R) {
        let l = link as usize;
        if ok {
            self.delivering[l] = false;
            self.backlog[l] = self.backlog[l].saturating_sub(1);
            self.backlog_changed(link, recorder);
            self.deliver(link, recorder);
        } else {
            self.schedule(self.now + REDELIVER_S, Event::Redeliver { link });
        }
    }

    fn backlog_changed<R: Recorder>(&mut self, link: u32, recorder: &mut R) {
        recorder.record(SimEvent {
            at: self.now,
            what: Happening::Backlog {
                link,
                messages: self.backlog[link as usize],
            },
        });
    }
}
