//! The traffic and chaos simulation (docs/spec/app.md
//! `window.topolab.simulate`): pure Rust, seeded, no browser, no I/O.
//!
//! Clients send requests of each function at a rate; a request follows the
//! paths of docs/spec/model.md §2 (route, pool and requires links; balancers and
//! gateways pick working backends round robin; every node calls its
//! requires and optional links and publishes on its async ones) and succeeds
//! when it is served, fails when it reaches a dead node or something it
//! requires fails. Failure behaviour comes from `extra.sim` ([`settings`]):
//! timeouts, retries, circuit breakers, capacities and latencies, all off by
//! default. Under chaos ([`chaos`]) every instance not killed by hand fails
//! and recovers so that its long-run availability is its node's, and every
//! zone not down by hand so that its availability is the zone's; an
//! instance in a zone that is down is down (docs/spec/model.md §8).
//!
//! Code map: `settings` reads `extra.sim`; `net` numbers the document and
//! does docs/spec/model.md §2's health checks; `engine` is the event loop and the
//! instances' states, `calls` what happens to one call; `trace` the events an
//! animation can record; `epochs` the long-run method; `report` the figures
//! and their intervals; the random numbers come from `crate::random`. For
//! the app's animation, `playback` plays a simulation at the page's pace
//! (what a frame advances, the dots its requests make, where they are),
//! `live` keeps the figures it reports a few times a second, and
//! `classroom` times the classroom chaos's failures in the page's seconds.
//!
//! # Two methods, one model
//! [`simulate`] measures each function's availability by one of two methods
//! ([`Method`]).
//!
//! * **Events**: the discrete-event simulation ([`Simulation`]) sends every
//!   request, with chaos as timed events: exact to the model, transients
//!   included. [`simulate`] uses it where requests interact (a capacity or
//!   a breaker somewhere) and the run sends at most
//!   [`SimOptions::max_event_requests`] requests.
//! * **Epochs**, otherwise (a century at 10 requests a second is 10^10
//!   requests; every request through the event loop would take hours):
//!   the instances' failures and repairs are simulated over the whole run
//!   as independent alternating renewal processes (thousands of events a
//!   century, not billions), which cuts time into *epochs* of constant
//!   state. Each request is evaluated against the state at its time, all of
//!   an epoch's at once: in a frozen state each request of function `f`
//!   succeeds with a probability `p_f(state)`, computed by the event
//!   simulation the first time the state is met and kept. Poisson requests
//!   in disjoint times are independent Poisson counts, and success with
//!   probability `p` thins them, so per span of the report a function's
//!   successes are drawn as Poisson(rate · Σ p·t) and its failures as
//!   Poisson(rate · Σ (1 - p)·t) over the states' times `t`: the same
//!   distribution as drawing every request, at the cost of two draws.
//!   - When no node has a capacity and no link a breaker, no request can
//!     change another's fate, so `p_f` is 0 or 1, the result of a single
//!     request sent through the event simulation in that state; and since
//!     docs/spec/model.md §2 looks only at whether a node is alive, a state is named
//!     by its dead nodes: an instance failing behind a live replica starts
//!     no new epoch. The method is then the event simulation itself,
//!     evaluated in bulk (leaving out only requests in flight at the
//!     instant of a change: milliseconds against hours).
//!   - With capacities or breakers a state is named by its down instances
//!     (they share the load), and `p_f` is the success rate of full traffic
//!     over a window of [`epochs::WARM_UP_S`] + [`epochs::MEASURE_S`]
//!     seconds in it. This assumes that the traffic's own memory (queues,
//!     breakers: seconds) is short next to the time between failures
//!     (hours): the transient just after a change is left out.
//!
//!   The cost grows with the number of changes of named state and of
//!   distinct states, not with requests: a century of a preset takes a few
//!   milliseconds, of a 200-node system under a second (`benches/sim.rs`).
//!
//! Both count requests by the time they finish and report the same
//! [`SimReport`]; its intervals are explained in [`report`].
//!
//! With the default settings a request succeeds exactly when its function
//! works in the state at its time (docs/spec/model.md §2), and under chaos each
//! instance is up a fraction `a` of the time independently of the others
//! ([`chaos`]), so the measured figure converges to the engine's expected
//! availability, as docs/spec/app.md requires.

mod calls;
pub mod chaos;
pub mod classroom;
pub mod edit;
mod engine;
pub mod epochs;
pub mod live;
mod net;
pub mod playback;
pub mod report;
pub mod settings;
pub mod trace;

use std::rc::Rc;

use serde::{Deserialize, Serialize};

pub use chaos::{default_mttr_s, Lifetimes, ZONE_MTTR_S};
pub use classroom::Chaos;
pub use edit::{sim_value, with_sim_setting, SimKey, SimTarget, DEFAULT_BREAKER};
pub use engine::{FunctionStats, Outage, Simulation};
pub use live::{Live, LiveFunction};
pub use playback::{Playback, DEMO_MTTR_S};
pub use report::{clustered, wilson, FunctionMeasure, Method, SimReport};
pub use settings::{
    default_latency_ms, read_settings, Breaker, LinkSettings, NodeSettings, SettingError,
    SettingProblem, Settings,
};
pub use trace::{BreakerState, Discard, Failure, Happening, Recorder, SimEvent};

use crate::document::Document;
use net::Net;

/// The longest run accepted, in seconds (about 3,000 years).
pub const MAX_SECONDS: f64 = 1e11;

/// How a client spaces its requests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arrivals {
    /// At random, independently (a Poisson process): bursts happen.
    #[default]
    Poisson,
    /// Exactly `1 / rate` apart.
    Steady,
}

/// What to simulate (docs/spec/app.md `simulate({seconds, seed, chaos})`, plus the
/// traffic). Deserialises from such an object, missing fields defaulted.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SimOptions {
    /// Simulated time, in seconds (0 to [`MAX_SECONDS`]).
    pub seconds: f64,
    /// Seed of the random generator: the same seed, the same report.
    pub seed: u64,
    /// Instances fail and recover at random (docs/spec/app.md); off, only the
    /// document's kills hold.
    pub chaos: bool,
    /// Requests per second a function of weight 1 sends (docs/spec/model.md §1.3
    /// weight: the share of traffic); a function's `extra.sim.rate` wins.
    pub rate: f64,
    /// How requests are spaced.
    pub arrivals: Arrivals,
    /// Where requests interact (capacities, breakers), the event method is
    /// used while the run would send at most this many requests; past it,
    /// and wherever they do not interact, the epoch method.
    pub max_event_requests: f64,
    /// Forces a method instead (`None`: chosen as above).
    pub method: Option<Method>,
}

impl Default for SimOptions {
    fn default() -> SimOptions {
        SimOptions {
            seconds: 60.0,
            seed: 1,
            chaos: false,
            rate: 10.0,
            arrivals: Arrivals::Poisson,
            max_event_requests: 100_000.0,
            method: None,
        }
    }
}

impl SimOptions {
    /// The options' own problems, each named by its field.
    pub fn check(&self) -> Result<(), Vec<SettingError>> {
        let mut problems = Vec::new();
        let mut refuse = |path: &str, ok: bool, rule| {
            if !ok {
                problems.push(SettingError {
                    path: path.to_string(),
                    problem: SettingProblem::BadOption { rule },
                });
            }
        };
        refuse(
            "seconds",
            (0.0..=MAX_SECONDS).contains(&self.seconds),
            settings::rules::SECONDS,
        );
        refuse(
            "rate",
            self.rate.is_finite() && self.rate >= 0.0,
            settings::rules::RUN_RATE,
        );
        refuse(
            "max_event_requests",
            self.max_event_requests >= 0.0,
            settings::rules::MAX_EVENT_REQUESTS,
        );
        match problems.is_empty() {
            true => Ok(()),
            false => Err(problems),
        }
    }
}

/// The settings of `doc`, or every problem of the options and the settings.
fn checked_settings(doc: &Document, options: &SimOptions) -> Result<Settings, Vec<SettingError>> {
    match (options.check(), read_settings(doc)) {
        (Ok(()), Ok(settings)) => Ok(settings),
        (a, b) => Err([a.err(), b.err()].into_iter().flatten().flatten().collect()),
    }
}

/// Simulates `doc` headless for `options.seconds` and measures each
/// function's availability (docs/spec/app.md `window.topolab.simulate`; the methods are
/// in this module's comment). Bad options or `extra.sim` values are refused,
/// all at once, each naming its place.
pub fn simulate(doc: &Document, options: &SimOptions) -> Result<SimReport, Vec<SettingError>> {
    let settings = checked_settings(doc, options)?;
    let net = Rc::new(Net::new(doc, &settings, options, ZONE_MTTR_S));
    let requests: f64 = net.functions.iter().map(|f| f.rate).sum::<f64>() * options.seconds;
    let interact = settings.depends_on_traffic();
    let method =
        options
            .method
            .unwrap_or(match interact && requests <= options.max_event_requests {
                true => Method::Events,
                false => Method::Epochs,
            });
    Ok(match method {
        Method::Events => {
            let mut sim = Simulation::of_net(net, options);
            sim.run_until(options.seconds, &mut Discard);
            sim.report()
        }
        Method::Epochs => epochs::epochs(net, interact, options),
    })
}
