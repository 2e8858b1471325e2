//! The traffic and chaos simulation (docs/spec/app.md `simulate`): one test per
//! rule. Expected figures come from docs/spec/model.md §2 worked by hand, from queueing
//! arithmetic stated beside each test, or from `model::analyze` (the exact
//! engine) as the reference the long-run figures must converge to; never
//! from the simulation itself.

use topolab_engine::presets::{preset, PRESETS};
use topolab_engine::sim::{
    simulate, Arrivals, BreakerState, Discard, Failure, Happening, Method, SettingProblem,
    SimEvent, SimOptions, Simulation,
};
use topolab_engine::{analyze, parse_document, Document};

fn doc(json: &str) -> Document {
    parse_document(json).unwrap_or_else(|p| panic!("{p:?}"))
}

fn node(doc: &Document, id: &str) -> usize {
    doc.node_index(id).unwrap_or_else(|| panic!("no node {id}"))
}

fn link(doc: &Document, from: &str, to: &str) -> usize {
    doc.links
        .iter()
        .position(|l| l.from == from && l.to == to)
        .unwrap_or_else(|| panic!("no link {from} -> {to}"))
}

fn quiet() -> SimOptions {
    SimOptions {
        rate: 0.0,
        ..SimOptions::default()
    }
}

/// One client, one service, one dependency; `sim` is the link's `extra.sim`.
fn chain(sim: &str) -> Document {
    doc(&format!(
        r#"{{"format": "topolab/1",
          "nodes": [{{"id": "browser", "kind": "client"}},
                    {{"id": "svc", "kind": "service"}},
                    {{"id": "dep", "kind": "database"}}],
          "links": [{{"from": "browser", "to": "svc"}},
                    {{"from": "svc", "to": "dep", "extra": {{"sim": {sim}}}}}]}}"#
    ))
}

/// A balancer and three servers of capacity 10 requests a second (0.1 s of
/// service each), 18 requests a second in all; `sim` on the balancer's links.
fn capacity_cluster(sim: &str) -> Document {
    let app = |i: u32| {
        format!(
            r#"{{"id": "app{i}", "kind": "service", "capabilities": ["shop"],
                 "extra": {{"sim": {{"capacity": 10}}}}}}"#
        )
    };
    let pool = |i: u32| format!(r#"{{"from": "lb", "to": "app{i}", "extra": {{"sim": {sim}}}}}"#);
    doc(&format!(
        r#"{{"format": "topolab/1",
          "nodes": [{{"id": "browser", "kind": "client"}}, {{"id": "lb", "kind": "load_balancer"}},
                    {}, {}, {}],
          "links": [{{"from": "browser", "to": "lb"}}, {}, {}, {}],
          "functions": [{{"id": "shop", "client": "browser", "capability": "shop",
                          "extra": {{"sim": {{"rate": 18}}}}}}]}}"#,
        app(1),
        app(2),
        app(3),
        pool(1),
        pool(2),
        pool(3)
    ))
}

/// Success rate of the requests that finished between two readings.
fn rate_between(before: (u64, u64), after: (u64, u64)) -> f64 {
    (after.1 - before.1) as f64 / (after.0 - before.0) as f64
}

fn counts(sim: &Simulation, f: usize) -> (u64, u64) {
    (sim.stats()[f].finished, sim.stats()[f].succeeded)
}

/// With chaos, a century of every preset (and of the cluster with two of
/// its three servers killed by hand, which chaos must leave down) measures
/// the engine's expected availability. At this length the epoch method's
/// 95% intervals are at most ±1.5e-4 wide (the distributed preset, whose
/// unavailability of 3.5e-3 is the largest: its three services fail about
/// 1,800 times each in a century, its database about 440); the tolerance is
/// that half-width and a third, 2e-4, and the engine's figure must also lie
/// inside each reported interval. (Measured with seed 7: errors from 6.6e-7,
/// microservices, to 1.1e-4, distributed.)
#[test]
fn under_chaos_every_presets_availability_converges_to_the_engines() {
    const TOLERANCE: f64 = 2e-4;
    let mut docs: Vec<(String, Document)> = PRESETS
        .iter()
        .map(|p| (p.name.to_string(), p.document()))
        .collect();
    let mut cluster = preset("cluster").expect("cluster").document();
    let app = node(&cluster, "app1");
    cluster.nodes[app].killed = vec![0];
    let app = node(&cluster, "app2");
    cluster.nodes[app].killed = vec![0];
    docs.push(("cluster, two servers killed".into(), cluster));
    let options = SimOptions {
        seconds: 3.2e9,
        seed: 7,
        chaos: true,
        ..SimOptions::default()
    };
    for (name, doc) in &docs {
        let expected = analyze(doc);
        let report = simulate(doc, &options).expect("valid");
        assert_eq!(report.method, Method::Epochs);
        assert_eq!(report.functions.len(), expected.functions.len());
        for (e, m) in expected.functions.iter().zip(&report.functions) {
            assert_eq!(e.id, m.id);
            let error = (m.measured - e.availability).abs();
            assert!(
                error <= TOLERANCE,
                "{name} {}: measured {} against {} (error {error:e})",
                m.id,
                m.measured,
                e.availability
            );
            assert!(
                m.ci95[0] <= e.availability && e.availability <= m.ci95[1],
                "{name} {}: {} outside {:?}",
                m.id,
                e.availability,
                m.ci95
            );
        }
    }
}

/// The event simulation converges too, with chaos as timed events: the
/// monolith with repairs of 10 s (requests take 15 ms, far less), so that
/// in 10^6 s the server fails about 100 times and the database 50, at 0.02
/// requests a second: 20,000 requests a function. Unavailability 1.5e-3:
/// the sampling error of 20,000 requests (√(1.5e-3/2e4) ≈ 2.7e-4) and that
/// of the failures (u·√(2/K): 1.4e-4 and 1e-4) give σ ≈ 3.2e-4; the
/// tolerance is 3σ, 1e-3. (Measured: errors 2.8e-5 to 5.5e-4.)
#[test]
fn the_event_method_converges_under_chaos_too() {
    let mut monolith = preset("monolith").expect("monolith").document();
    for n in monolith.nodes.iter_mut().filter(|n| !n.is_client()) {
        n.extra = Some(serde_json::from_str(r#"{"sim": {"mttr_s": 10}}"#).expect("json"));
    }
    let expected = analyze(&monolith);
    let options = SimOptions {
        seconds: 1e6,
        seed: 11,
        chaos: true,
        rate: 0.02,
        method: Some(Method::Events),
        ..SimOptions::default()
    };
    let report = simulate(&monolith, &options).expect("valid");
    assert_eq!(report.method, Method::Events);
    for (e, m) in expected.functions.iter().zip(&report.functions) {
        assert!(m.requests > 19_000, "{}: {} requests", m.id, m.requests);
        assert!(
            (m.measured - e.availability).abs() <= 1e-3,
            "{}: measured {} against {}",
            m.id,
            m.measured,
            e.availability
        );
    }
}

#[test]
fn without_chaos_or_kills_every_request_succeeds() {
    for p in PRESETS {
        for method in [Method::Events, Method::Epochs] {
            let options = SimOptions {
                seconds: 60.0,
                method: Some(method),
                ..SimOptions::default()
            };
            let report = simulate(&p.document(), &options).expect("valid");
            for m in &report.functions {
                assert!(m.requests > 0, "{} {}", p.name, m.id);
                assert_eq!(m.succeeded, m.requests, "{} {} {method:?}", p.name, m.id);
                assert_eq!(m.measured, 1.0);
            }
        }
    }
}

#[test]
fn with_the_only_paths_node_killed_every_request_fails() {
    for victim in ["app", "db"] {
        let mut monolith = preset("monolith").expect("monolith").document();
        let v = node(&monolith, victim);
        monolith.nodes[v].killed = vec![0];
        for method in [Method::Events, Method::Epochs] {
            let options = SimOptions {
                seconds: 60.0,
                method: Some(method),
                ..SimOptions::default()
            };
            let report = simulate(&monolith, &options).expect("valid");
            for m in &report.functions {
                assert!(m.requests > 0);
                assert_eq!(m.succeeded, 0, "{victim} killed: {} {method:?}", m.id);
            }
        }
    }
}

#[test]
fn with_chaos_off_the_documents_kills_hold_and_nothing_else_fails() {
    let mut cluster = preset("cluster").expect("cluster").document();
    let app1 = node(&cluster, "app1");
    cluster.nodes[app1].killed = vec![0];
    let mut sim = Simulation::new(&cluster, &SimOptions::default()).expect("valid");
    sim.run_until(600.0, &mut Discard);
    assert!(!sim.is_up(app1, 0));
    assert_eq!(sim.served(app1, 0), 0);
    for s in sim.stats() {
        assert!(s.finished > 5_000);
        assert_eq!(s.succeeded, s.finished);
    }
}

#[test]
fn under_chaos_instances_killed_by_hand_stay_down() {
    let mut cluster = preset("cluster").expect("cluster").document();
    let app1 = node(&cluster, "app1");
    cluster.nodes[app1].killed = vec![0];
    for n in cluster.nodes.iter_mut().filter(|n| !n.is_client()) {
        n.extra = Some(serde_json::from_str(r#"{"sim": {"mttr_s": 1}}"#).expect("json"));
    }
    let options = SimOptions {
        chaos: true,
        rate: 0.0,
        ..SimOptions::default()
    };
    let mut sim = Simulation::new(&cluster, &options).expect("valid");
    let mut events: Vec<SimEvent> = Vec::new();
    // MTTF of a server: 999 s; of the database, 1,999 s.
    sim.run_until(20_000.0, &mut events);
    let app2 = node(&cluster, "app2");
    let changes = |v: usize| {
        events
            .iter()
            .filter(|e| matches!(e.what, Happening::InstanceDown { node, by_hand: false, .. } if node as usize == v))
            .count()
    };
    assert_eq!(changes(app1), 0);
    assert!(!sim.is_up(app1, 0));
    assert!(changes(app2) > 5, "app2 failed {} times", changes(app2));
}

/// Balancers spread requests round robin over their working backends
/// (docs/spec/model.md §2): 3,000 requests give each server 1,000; with one
/// killed the other two take 1,500 each.
#[test]
fn round_robin_spreads_requests_evenly_over_live_backends() {
    let cluster = preset("cluster").expect("cluster").document();
    let apps: Vec<usize> = ["app1", "app2", "app3"]
        .iter()
        .map(|id| node(&cluster, id))
        .collect();
    let mut sim = Simulation::new(&cluster, &quiet()).expect("valid");
    for _ in 0..3_000 {
        sim.send(0, &mut Discard);
    }
    sim.run_until(10.0, &mut Discard);
    let served: Vec<u64> = apps.iter().map(|&v| sim.served(v, 0)).collect();
    assert_eq!(served, vec![1_000, 1_000, 1_000]);
    sim.kill(apps[1], 0, &mut Discard);
    for _ in 0..3_000 {
        sim.send(1, &mut Discard);
    }
    sim.run_until(20.0, &mut Discard);
    let served: Vec<u64> = apps.iter().map(|&v| sim.served(v, 0)).collect();
    assert_eq!(served, vec![2_500, 1_000, 2_500]);
    assert!(sim.stats().iter().all(|s| s.succeeded == s.finished));
}

/// Gateways route each request to a node holding its capability:
/// on the microservices preset, payments requests reach the payments
/// service only, never catalog; catalog requests never reach payments.
#[test]
fn a_gateway_routes_each_function_to_a_holder() {
    let micro = preset("microservices").expect("microservices").document();
    let (catalog, payments) = (node(&micro, "catalog"), node(&micro, "payments"));
    let functions = topolab_engine::effective_functions(&micro);
    let f = |id: &str| functions.iter().position(|f| f.id == id).expect("function");
    let served = |sim: &Simulation, v: usize| sim.served(v, 0) + sim.served(v, 1);
    let mut sim = Simulation::new(&micro, &quiet()).expect("valid");
    for _ in 0..100 {
        sim.send(f("browser:payments"), &mut Discard);
    }
    sim.run_until(10.0, &mut Discard);
    assert_eq!((served(&sim, payments), served(&sim, catalog)), (100, 0));
    for _ in 0..100 {
        sim.send(f("browser:catalog"), &mut Discard);
    }
    sim.run_until(20.0, &mut Discard);
    assert_eq!((served(&sim, payments), served(&sim, catalog)), (100, 100));
}

/// Sends one request now and runs 100 ms.
fn step(sim: &mut Simulation, events: &mut Vec<SimEvent>) {
    sim.send(0, events);
    let next = sim.now() + 0.1;
    sim.run_until(next, events);
}

/// The breaker states `link` went through, in order.
fn breaker_states(events: &[SimEvent], of: usize) -> Vec<BreakerState> {
    events
        .iter()
        .filter_map(|e| match e.what {
            Happening::Breaker { link, state } if link as usize == of => Some(state),
            _ => None,
        })
        .collect()
}

/// A breaker opens after N consecutive failures (here 3): the next calls
/// fail without being sent; after `open_ms` one probe goes through, and
/// when the dependency is back it closes the breaker.
#[test]
fn a_circuit_breaker_opens_after_n_failures_and_a_half_open_probe_closes_it() {
    let doc = chain(r#"{"breaker": {"failures": 3, "open_ms": 1000}}"#);
    let (svc_dep, dep) = (link(&doc, "svc", "dep"), node(&doc, "dep"));
    let mut sim = Simulation::new(&doc, &quiet()).expect("valid");
    let mut events: Vec<SimEvent> = Vec::new();
    sim.kill(dep, 0, &mut events);
    let sent = |events: &[SimEvent]| {
        events
            .iter()
            .filter(|e| matches!(e.what, Happening::Sent { link, .. } if link as usize == svc_dep))
            .count()
    };
    for _ in 0..3 {
        step(&mut sim, &mut events);
    }
    assert_eq!(sent(&events), 3);
    assert_eq!(sim.breaker(svc_dep), BreakerState::Open);
    sim.revive(dep, 0, &mut events);
    // Open: two more requests fail at once, though the database is back.
    step(&mut sim, &mut events);
    step(&mut sim, &mut events);
    assert_eq!(sent(&events), 3);
    assert_eq!(sim.stats()[0].succeeded, 0);
    let short = events
        .iter()
        .filter(|e| matches!(e.what, Happening::ShortCircuited { .. }))
        .count();
    assert_eq!(short, 2);
    // Opened at 0.21 s; at 1.5 s the probe goes, succeeds and closes it.
    sim.run_until(1.5, &mut events);
    step(&mut sim, &mut events);
    assert_eq!(sent(&events), 4);
    assert_eq!(sim.breaker(svc_dep), BreakerState::Closed);
    assert_eq!(sim.stats()[0].succeeded, 1);
    step(&mut sim, &mut events);
    assert_eq!(sim.stats()[0].succeeded, 2);
    assert_eq!(
        breaker_states(&events, svc_dep),
        [
            BreakerState::Open,
            BreakerState::HalfOpen,
            BreakerState::Closed
        ]
    );
}

#[test]
fn a_failed_half_open_probe_opens_the_breaker_again() {
    let doc = chain(r#"{"breaker": {"failures": 1, "open_ms": 500}}"#);
    let (svc_dep, dep) = (link(&doc, "svc", "dep"), node(&doc, "dep"));
    let mut sim = Simulation::new(&doc, &quiet()).expect("valid");
    let mut events: Vec<SimEvent> = Vec::new();
    sim.kill(dep, 0, &mut events);
    step(&mut sim, &mut events);
    sim.run_until(0.7, &mut events);
    step(&mut sim, &mut events);
    assert_eq!(sim.breaker(svc_dep), BreakerState::Open);
    assert_eq!(
        breaker_states(&events, svc_dep),
        [
            BreakerState::Open,
            BreakerState::HalfOpen,
            BreakerState::Open
        ]
    );
}

/// A request whose dependency is down for 50 ms fails without retries and
/// succeeds with two retries 100 ms apart: the first attempt is refused at
/// 10 ms (the service's latency), the retry at 110 ms finds it back.
#[test]
fn retries_turn_a_transient_failure_into_a_success() {
    for (sim_settings, succeeded) in [(r#"{}"#, 0), (r#"{"retries": 2, "backoff_ms": 100}"#, 1)] {
        let doc = chain(sim_settings);
        let dep = node(&doc, "dep");
        let mut sim = Simulation::new(&doc, &quiet()).expect("valid");
        sim.kill(dep, 0, &mut Discard);
        sim.send(0, &mut Discard);
        sim.run_until(0.05, &mut Discard);
        sim.revive(dep, 0, &mut Discard);
        sim.run_until(1.0, &mut Discard);
        assert_eq!(sim.stats()[0].finished, 1);
        assert_eq!(sim.stats()[0].succeeded, succeeded, "{sim_settings}");
    }
}

/// Killing one of three servers overloads the other two: each
/// serves 10 requests a second; 18 a second spread over three load each to
/// 60%, with a mean queueing wait (M/D/1: ρ / (2μ(1 - ρ))) of 75 ms; over
/// two, to 90%, and the mean wait, 450 ms, passes the balancer's 300 ms
/// timeout: many requests fail though every server is up.
#[test]
fn killing_one_of_three_servers_overloads_the_others() {
    let doc = capacity_cluster(r#"{"timeout_ms": 300}"#);
    let mut sim = Simulation::new(&doc, &SimOptions { seed: 3, ..quiet() }).expect("valid");
    sim.set_traffic(true);
    sim.run_until(60.0, &mut Discard);
    let before = counts(&sim, 0);
    assert!(before.1 as f64 >= 0.99 * before.0 as f64, "{before:?}");
    sim.kill(node(&doc, "app1"), 0, &mut Discard);
    sim.run_until(120.0, &mut Discard);
    let mid = counts(&sim, 0);
    sim.run_until(360.0, &mut Discard);
    let after = counts(&sim, 0);
    let overloaded = rate_between(mid, after);
    assert!(overloaded < 0.9, "{overloaded}");
    assert!(overloaded > 0.3, "{overloaded}");
}

/// Retries make an overload worse: at 90% load with a 500 ms
/// timeout, most requests still succeed without retries; with one retry,
/// every timed-out request comes back as a second one, the load passes 100%
/// (18 · (1 + the share timed out) > 20 a second), the queues grow without
/// bound and almost nothing is answered in time: servers work on requests
/// their callers gave up on.
#[test]
fn under_capacity_limits_retries_make_an_overload_worse() {
    let success_after_kill = |settings: &str| {
        let doc = capacity_cluster(settings);
        let mut sim = Simulation::new(&doc, &SimOptions { seed: 3, ..quiet() }).expect("valid");
        sim.set_traffic(true);
        sim.run_until(60.0, &mut Discard);
        sim.kill(node(&doc, "app1"), 0, &mut Discard);
        sim.run_until(120.0, &mut Discard);
        let mid = counts(&sim, 0);
        sim.run_until(360.0, &mut Discard);
        rate_between(mid, counts(&sim, 0))
    };
    let without = success_after_kill(r#"{"timeout_ms": 500}"#);
    let with = success_after_kill(r#"{"timeout_ms": 500, "retries": 1}"#);
    assert!(without > 0.75, "without retries: {without}");
    assert!(with < 0.2, "with retries: {with}");
}

/// A queue buffers while its consumer is down (docs/spec/model.md §1.2 async): on the
/// microservices preset with shipping killed, 50 orders all succeed (async
/// never affects the sender) and leave 50 messages in `events`; revived,
/// shipping drains them.
#[test]
fn a_queues_backlog_grows_while_its_consumer_is_down_and_drains_after() {
    let micro = preset("microservices").expect("microservices").document();
    let (events, shipping) = (node(&micro, "events"), node(&micro, "shipping"));
    let functions = topolab_engine::effective_functions(&micro);
    let orders = functions
        .iter()
        .position(|f| f.id == "browser:orders")
        .expect("orders");
    let mut sim = Simulation::new(&micro, &quiet()).expect("valid");
    sim.kill(shipping, 0, &mut Discard);
    for i in 0..50u32 {
        sim.send(orders, &mut Discard);
        sim.run_until(f64::from(i + 1) * 0.1, &mut Discard);
        assert_eq!(sim.backlog(events), u64::from(i) + 1);
    }
    sim.run_until(60.0, &mut Discard);
    assert_eq!(sim.backlog(events), 50);
    assert_eq!(sim.stats()[orders].succeeded, 50);
    sim.revive(shipping, 0, &mut Discard);
    // One message at a time; shipping takes 10 ms and its own nothing else.
    sim.run_until(60.2, &mut Discard);
    let draining = sim.backlog(events);
    assert!(0 < draining && draining < 50, "{draining}");
    sim.run_until(61.0, &mut Discard);
    assert_eq!(sim.backlog(events), 0);
}

#[test]
fn publishing_to_a_dead_queue_fails_the_sender() {
    let mut micro = preset("microservices").expect("microservices").document();
    let events = node(&micro, "events");
    micro.nodes[events].killed = vec![0, 1];
    let report = simulate(&micro, &SimOptions::default()).expect("valid");
    let orders = report.function("browser:orders").expect("orders");
    assert!(orders.requests > 0);
    assert_eq!(orders.succeeded, 0);
    let catalog = report.function("browser:catalog").expect("catalog");
    assert_eq!(catalog.succeeded, catalog.requests);
}

#[test]
fn an_optional_dependency_down_degrades_but_never_fails() {
    let micro = preset("microservices").expect("microservices").document();
    let recs = node(&micro, "recs");
    let mut sim = Simulation::new(&micro, &quiet()).expect("valid");
    sim.kill(recs, 0, &mut Discard);
    for _ in 0..10 {
        sim.send(0, &mut Discard);
    }
    sim.run_until(1.0, &mut Discard);
    let catalog = sim.stats()[0];
    assert_eq!((catalog.succeeded, catalog.degraded), (10, 10));
}

/// One request on the monolith, recorded: browser -> app at 0, the app's
/// 10 ms, app -> db at 10 ms, the database's 5 ms, both replies at 15 ms
/// (docs/spec/model.md §2 path; latencies the kinds' defaults).
#[test]
fn a_recorded_request_lists_its_hops_with_their_times() {
    let monolith = preset("monolith").expect("monolith").document();
    let (app, db) = (node(&monolith, "app"), node(&monolith, "db"));
    let mut sim = Simulation::new(&monolith, &quiet()).expect("valid");
    let mut events: Vec<SimEvent> = Vec::new();
    sim.send(0, &mut events);
    sim.run_until(1.0, &mut events);
    let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
    let hops: Vec<(f64, Happening)> = events.iter().map(|e| (e.at, e.what)).collect();
    let expected = [
        (
            0.0,
            Happening::Requested {
                request: 0,
                function: 0,
            },
        ),
        (
            0.0,
            Happening::Sent {
                hop: 0,
                request: 0,
                link: 0,
                attempt: 0,
            },
        ),
        (
            0.0,
            Happening::Arrived {
                hop: 0,
                node: app as u32,
                instance: 0,
                waiting: 0.0,
            },
        ),
        (
            0.010,
            Happening::Sent {
                hop: 1,
                request: 0,
                link: 1,
                attempt: 0,
            },
        ),
        (
            0.010,
            Happening::Arrived {
                hop: 1,
                node: db as u32,
                instance: 0,
                waiting: 0.0,
            },
        ),
        (
            0.015,
            Happening::Replied {
                hop: 1,
                ok: true,
                degraded: false,
            },
        ),
        (
            0.015,
            Happening::Replied {
                hop: 0,
                ok: true,
                degraded: false,
            },
        ),
        (
            0.015,
            Happening::Finished {
                request: 0,
                function: 0,
                degraded: false,
                failure: None,
            },
        ),
    ];
    assert_eq!(hops.len(), expected.len(), "{hops:#?}");
    for ((at, what), (want_at, want)) in hops.iter().zip(expected) {
        assert!(
            close(*at, want_at) && *what == want,
            "{at} {what:?}, expected {want_at} {want:?}"
        );
    }
}

#[test]
fn a_request_to_a_dead_node_fails_there() {
    let monolith = preset("monolith").expect("monolith").document();
    let db = node(&monolith, "db");
    let mut sim = Simulation::new(&monolith, &quiet()).expect("valid");
    let mut events: Vec<SimEvent> = Vec::new();
    sim.kill(db, 0, &mut events);
    sim.send(0, &mut events);
    sim.run_until(1.0, &mut events);
    assert!(events.iter().any(|e| matches!(
        e.what,
        Happening::Refused { node, why: Failure::Dead, .. } if node as usize == db
    )));
    assert!(events.iter().any(|e| matches!(
        e.what,
        Happening::Finished {
            failure: Some(Failure::Dead),
            ..
        }
    )));
}

#[test]
fn recording_changes_nothing_of_the_run() {
    let micro = preset("microservices").expect("microservices").document();
    let options = SimOptions {
        chaos: true,
        ..SimOptions::default()
    };
    let mut quiet_run = Simulation::new(&micro, &options).expect("valid");
    let mut recorded_run = quiet_run.clone();
    quiet_run.run_until(120.0, &mut Discard);
    let mut events: Vec<SimEvent> = Vec::new();
    recorded_run.run_until(120.0, &mut events);
    assert!(!events.is_empty());
    assert_eq!(quiet_run.stats(), recorded_run.stats());
}

#[test]
fn the_same_seed_gives_the_same_report() {
    let cluster = preset("cluster").expect("cluster").document();
    let traffic = capacity_cluster(r#"{"timeout_ms": 300, "retries": 1}"#);
    for (doc, seconds) in [(&cluster, 3.2e9), (&traffic, 120.0)] {
        let options = SimOptions {
            seconds,
            seed: 42,
            chaos: true,
            ..SimOptions::default()
        };
        let a = simulate(doc, &options).expect("valid");
        let b = simulate(doc, &options).expect("valid");
        assert_eq!(a, b);
        let other = simulate(
            doc,
            &SimOptions {
                seed: 43,
                ..options
            },
        )
        .expect("valid");
        assert_ne!(a, other);
    }
}

/// docs/spec/app.md: `{"seconds": S, "functions": [{"id", "requests", "succeeded",
/// "measured", "ci95": [lo, hi]}]}`, nothing more.
#[test]
fn the_report_serialises_to_ui_mds_shape() {
    let report = simulate(
        &preset("monolith").expect("monolith").document(),
        &SimOptions::default(),
    )
    .expect("valid");
    let value = serde_json::to_value(&report).expect("serialises");
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v.as_object().expect("object").keys().cloned().collect()
    };
    assert_eq!(keys(&value), ["seconds", "functions"]);
    assert_eq!(value["seconds"], 60.0);
    let first = &value["functions"][0];
    assert_eq!(
        keys(first),
        ["id", "requests", "succeeded", "measured", "ci95"]
    );
    assert_eq!(first["id"], "browser:catalog");
    assert_eq!(first["ci95"].as_array().expect("pair").len(), 2);
}

#[test]
fn options_read_from_the_api_object() {
    let options: SimOptions =
        serde_json::from_str(r#"{"seconds": 3.2e9, "seed": 5, "chaos": true}"#).expect("reads");
    assert_eq!(
        (options.seconds, options.seed, options.chaos),
        (3.2e9, 5, true)
    );
    assert_eq!(options.arrivals, Arrivals::Poisson);
    assert!(serde_json::from_str::<SimOptions>(r#"{"secs": 1}"#).is_err());
}

#[test]
fn bad_sim_settings_are_refused_naming_their_place() {
    let doc = doc(r#"{"format": "topolab/1",
      "nodes": [{"id": "browser", "kind": "client", "extra": {"sim": {"capacity": 5}}},
                {"id": "svc", "kind": "service", "extra": {"sim": {"capacity": 0, "queue_limit": 1.5}}},
                {"id": "db", "kind": "database", "extra": {"sim": {"latncy_ms": 3}}}],
      "links": [{"from": "browser", "to": "svc", "extra": {"sim": "fast"}},
                {"from": "svc", "to": "db",
                 "extra": {"sim": {"retries": -1, "timeout_ms": "soon", "breaker": {"failures": 3}}}}]}"#);
    let problems = simulate(
        &doc,
        &SimOptions {
            seconds: -1.0,
            ..SimOptions::default()
        },
    )
    .expect_err("refused");
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "seconds",
            "nodes[0].extra.sim.capacity",
            "nodes[1].extra.sim.capacity",
            "nodes[1].extra.sim.queue_limit",
            "nodes[2].extra.sim.latncy_ms",
            "links[0].extra.sim",
            "links[1].extra.sim.breaker.open_ms",
            "links[1].extra.sim.timeout_ms",
            "links[1].extra.sim.retries",
        ],
        "{lines:#?}"
    );
    assert_eq!(
        problems[1].problem,
        SettingProblem::NotForKind {
            kind: topolab_engine::NodeKind::Client
        }
    );
    assert_eq!(problems[3].problem, SettingProblem::NotAnInteger);
    assert_eq!(problems[5].problem, SettingProblem::NotAnObject);
    assert_eq!(
        lines[8],
        "links[1].extra.sim.retries: -1 is out of range: 0 to 10 retries"
    );
    assert!(lines[4]
        .contains("unknown setting; allowed here: capacity, queue_limit, latency_ms, mttr_s"));
}

/// Chaos switched on mid-run starts in its stationary state, as at the start:
/// instances up half the time are about half down at once, so that what is
/// measured from then on is not biased towards "all up".
#[test]
fn chaos_switched_on_mid_run_starts_in_its_stationary_state() {
    let flaky = doc(r#"{"format": "topolab/1", "nodes": [
            {"id": "c", "kind": "client"},
            {"id": "s", "kind": "service", "replicas": 40, "availability": 0.5}
        ], "links": [{"from": "c", "to": "s"}]}"#);
    let mut sim = Simulation::new(&flaky, &quiet()).expect("valid");
    sim.run_until(100.0, &mut Discard);
    sim.set_chaos(true, &mut Discard);
    let s = node(&flaky, "s");
    let down = (0..40).filter(|&i| !sim.is_up(s, i)).count();
    // Binomial(40, 0.5): 8..=32 holds with probability 1 - 3e-5.
    assert!((8..=32).contains(&down), "{down} of 40 down");
}

/// Under chaos the interval counts outages, not requests: over many seeds of
/// a short run (a few outages), it holds the engine's expected availability
/// about as often as a 95% interval should, where Wilson's held it rarely.
#[test]
fn the_interval_covers_the_expected_availability_over_seeds() {
    let monolith = preset("monolith").expect("preset").document();
    let expected = analyze(&monolith).functions[0].availability;
    let runs = 60;
    let covered = (1..=runs)
        .filter(|&seed| {
            let options = SimOptions {
                seconds: 3.156e7,
                seed,
                chaos: true,
                ..SimOptions::default()
            };
            let [lo, hi] = simulate(&monolith, &options).expect("valid").functions[0].ci95;
            lo <= expected && expected <= hi
        })
        .count();
    // 95% of 60 is 57; Binomial(60, 0.95) is at least 52 with probability 0.997.
    assert!(covered >= 52, "{covered} of {runs}");
}
