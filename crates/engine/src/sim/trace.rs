//! What a simulation can tell an animation: every hop of every
//! request with its time, instances failing and recovering, breakers
//! changing state and queue backlogs, as a stream of small `Copy` events.
//!
//! [`Simulation::run_until`](super::Simulation::run_until) takes a
//! [`Recorder`] by generic parameter. The headless runs pass [`Discard`],
//! whose `record` is an empty inline function, so the events are never even
//! built there (monomorphisation removes the calls); an animation passes a
//! `Vec<SimEvent>` (or its own recorder) and draws what it holds.
//!
//! A *hop* is one attempt of one call along one link, numbered from 0 in the
//! order sent: a dot travels `link.from -> link.to` from `Sent` to `Arrived`,
//! waits at the instance, and travels back by `Replied`. Indices are the
//! document's: `node` into `nodes`, `link` into `links`, `function` into
//! [`effective_functions`](crate::effective_functions). A queue's
//! delivery of a message belongs to no request: its `request` is `u64::MAX`.

/// One thing that happened at simulated time `at` (seconds from the start).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SimEvent {
    /// Simulated time, in seconds from the start.
    pub at: f64,
    /// What happened then.
    pub what: Happening,
}

/// Why an attempt or a request failed: the first cause, carried up unchanged
/// through the calls that required it (a request that failed because a
/// database three calls away was down failed `Dead`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Failure {
    /// It reached a node with fewer than `quorum` instances up (docs/spec/model.md §2
    /// `alive`), or the instance died while serving it.
    Dead,
    /// The instance's queue was full (`queue_limit`).
    Full,
    /// No reply within the link's `timeout_ms`.
    Timeout,
    /// The link's circuit breaker was open: not sent.
    BreakerOpen,
    /// No route, pool or requires link leads toward a holder of the capability.
    NoRoute,
}

/// A circuit breaker's state (see [`Breaker`](super::Breaker)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BreakerState {
    /// Calls go through; failures are counted.
    Closed,
    /// Calls fail at once, until the probe time.
    Open,
    /// One probe is in flight; other calls fail at once.
    HalfOpen,
}

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Happening {
    /// A client sent request `request` of function `function`.
    Requested { request: u64, function: u32 },
    /// Hop `hop` (attempt `attempt`, 0 first) of request `request` left along `link`.
    Sent {
        hop: u64,
        request: u64,
        link: u32,
        attempt: u8,
    },
    /// Hop `hop` reached instance `instance` of `node`, and waits `waiting` seconds
    /// for it (its queue; 0 without a capacity).
    Arrived {
        hop: u64,
        node: u32,
        instance: u16,
        waiting: f32,
    },
    /// Hop `hop` was refused by the node it reached (`Dead` or `Full`).
    Refused { hop: u64, node: u32, why: Failure },
    /// The reply to hop `hop` reached its caller: success, degraded (an
    /// optional call failed on the way), or a failure.
    Replied { hop: u64, ok: bool, degraded: bool },
    /// The caller stopped waiting for hop `hop`.
    TimedOut { hop: u64 },
    /// A call along `link` failed at once: its breaker is open.
    ShortCircuited { request: u64, link: u32 },
    /// Request `request` ended: `failure` is `None` when it succeeded.
    Finished {
        request: u64,
        function: u32,
        degraded: bool,
        failure: Option<Failure>,
    },
    /// An instance went down (`by_hand`: killed, else chaos).
    InstanceDown {
        node: u32,
        instance: u16,
        by_hand: bool,
    },
    /// An instance came back.
    InstanceUp { node: u32, instance: u16 },
    /// The breaker of `link` changed state.
    Breaker { link: u32, state: BreakerState },
    /// The messages waiting on the async `link` out of a queue.
    Backlog { link: u32, messages: u64 },
}

/// Where a simulation puts its events.
pub trait Recorder {
    /// Keeps (or drops) one event.
    fn record(&mut self, event: SimEvent);
}

/// A recorder that keeps nothing and costs nothing: the headless runs' one.
#[derive(Clone, Copy, Debug, Default)]
pub struct Discard;

impl Recorder for Discard {
    #[inline(always)]
    fn record(&mut self, _event: SimEvent) {}
}

impl Recorder for Vec<SimEvent> {
    fn record(&mut self, event: SimEvent) {
        self.push(event);
    }
}
