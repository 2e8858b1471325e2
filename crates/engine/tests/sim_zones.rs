//! Zones in the traffic and chaos simulation (docs/spec/model.md §8, docs/spec/app.md
//! `simulate`): a down zone's instances fail requests as killed ones do, chaos
//! fails whole zones as often as their availability says, and documents
//! without zones simulate exactly as before zones existed. Expected figures
//! come from docs/spec/model.md §2 and §8 worked by hand, or from `analyze` (the
//! exact engine, itself checked against enumeration over zone states).

use std::rc::Rc;

use topolab_engine::presets::{preset, PRESETS};
use topolab_engine::sim::{simulate, Chaos, Method, Playback, SimOptions, Simulation};
use topolab_engine::{analyze, parse_document, Document};

fn doc(json: &str) -> Document {
    parse_document(json).unwrap_or_else(|p| panic!("{p:?}"))
}

/// A balancer and three app servers behind it; `lb` and `app` are the nodes'
/// zone lists, zone `az-a` down.
fn cluster_in(lb: &str, app: &str) -> Document {
    doc(&format!(
        r#"{{"format": "topolab/1",
          "zones": [{{"id": "az-a", "down": true}}, {{"id": "az-b"}}, {{"id": "az-c"}}],
          "nodes": [{{"id": "browser", "kind": "client"}},
                    {{"id": "lb", "kind": "load_balancer", "replicas": 3, "zones": {lb}}},
                    {{"id": "app", "kind": "service", "replicas": 3, "zones": {app}}}],
          "links": [{{"from": "browser", "to": "lb"}}, {{"from": "lb", "to": "app"}}]}}"#
    ))
}

/// Each function's measured figure by each method, chaos off.
fn measured(doc: &Document) -> Vec<(Method, f64, u64)> {
    [Method::Events, Method::Epochs]
        .into_iter()
        .flat_map(|method| {
            let options = SimOptions {
                seconds: 100.0,
                method: Some(method),
                ..SimOptions::default()
            };
            let report = simulate(doc, &options).expect("valid");
            report
                .functions
                .into_iter()
                .map(move |f| (method, f.measured, f.requests))
        })
        .collect()
}

#[test]
fn a_cluster_all_in_a_down_zone_fails_every_request() {
    let one_zone = cluster_in(r#"["az-a"]"#, r#"["az-a"]"#);
    for (method, m, requests) in measured(&one_zone) {
        assert!(requests > 500, "{method:?}: {requests} requests");
        assert_eq!(m, 0.0, "{method:?}");
    }
    // The same cluster in a zone that is up serves everything.
    let mut up = one_zone.clone();
    up.zones[0].down = None;
    for (method, m, _) in measured(&up) {
        assert_eq!(m, 1.0, "{method:?}");
    }
}

#[test]
fn spread_over_three_zones_one_down_every_request_succeeds() {
    let spread = cluster_in(r#"["az-a", "az-b", "az-c"]"#, r#"["az-a", "az-b", "az-c"]"#);
    for (method, m, requests) in measured(&spread) {
        assert!(requests > 500, "{method:?}: {requests} requests");
        assert_eq!(m, 1.0, "{method:?}");
    }
    // Instance 0 of each node runs in az-a (zones[0 mod 3]): down, not by chaos.
    let sim = Simulation::new(&spread, &SimOptions::default()).expect("valid");
    for node in [1, 2] {
        assert!(!sim.is_up(node, 0) && sim.is_up(node, 1) && sim.is_up(node, 2));
        assert!(
            !sim.is_down_by_chaos(node, 0),
            "a zone down by hand is no chaos"
        );
    }
}

/// Zones every instance of a node needs, of unlike availabilities: the
/// balancer's two instances in az-a and az-b, the app's three over all
/// three zones, the database's one in az-c. Zones fail about 450 to 1,800
/// times in a century (an hour's repair), instances as their nodes say.
fn zoned() -> Document {
    doc(r#"{"format": "topolab/1",
        "zones": [{"id": "az-a", "availability": 0.998}, {"id": "az-b", "availability": 0.999},
                  {"id": "az-c", "availability": 0.9995}],
        "nodes": [{"id": "browser", "kind": "client"},
                  {"id": "lb", "kind": "load_balancer", "replicas": 2, "zones": ["az-a", "az-b"]},
                  {"id": "app", "kind": "service", "replicas": 3, "zones": ["az-a", "az-b", "az-c"]},
                  {"id": "db", "kind": "database", "zones": ["az-c"]}],
        "links": [{"from": "browser", "to": "lb"}, {"from": "lb", "to": "app"},
                  {"from": "app", "to": "db"}]}"#)
}

/// Centuries of chaos on the zoned document measure `analyze`'s exact figure
/// (zones as shared causes of failure), about 1e-3 unavailable: the
/// database's own 5e-4 and its zone az-c's 5e-4, each failing about 440
/// times a century (an hour's repair), so one century's error is about
/// √(2/440)·5e-4 for each, σ ≈ 5e-5 (20 seeds measured 5.5e-5). Over 20
/// seeds: each error within 2e-4 (3.6σ), their mean within 4e-5 (3σ/√20),
/// and the exact figure in at least 16 of the 95% intervals (Binomial(20, 0.95) >= 16 with probability
/// 0.997). Without zones the figure would be higher by more than 4e-4.
#[test]
fn centuries_of_chaos_with_zones_measure_the_exact_availability() {
    let doc = zoned();
    let expected = analyze(&doc).functions[0].availability;
    let mut no_zones = doc.clone();
    no_zones.zones.clear();
    no_zones.nodes.iter_mut().for_each(|n| n.zones = None);
    let without = analyze(&no_zones).functions[0].availability;
    assert!(without - expected > 4e-4, "{without} {expected}");
    let (mut sum, mut covered) = (0.0, 0);
    for seed in 1..=20 {
        let options = SimOptions {
            seconds: 3.2e9,
            seed,
            chaos: true,
            ..SimOptions::default()
        };
        let report = simulate(&doc, &options).expect("valid");
        assert_eq!(report.method, Method::Epochs);
        let m = &report.functions[0];
        let error = m.measured - expected;
        assert!(
            error.abs() <= 2e-4,
            "seed {seed}: {} against {expected}",
            m.measured
        );
        sum += error;
        covered += usize::from(m.ci95[0] <= expected && expected <= m.ci95[1]);
    }
    assert!((sum / 20.0).abs() <= 4e-5, "mean error {:e}", sum / 20.0);
    assert!(covered >= 16, "{covered} of 20 intervals hold {expected}");
}

#[test]
fn chaos_with_zones_is_the_same_for_the_same_seed() {
    let options = SimOptions {
        seconds: 3.2e8,
        seed: 4,
        chaos: true,
        ..SimOptions::default()
    };
    let a = simulate(&zoned(), &options).expect("valid");
    let b = simulate(&zoned(), &options).expect("valid");
    assert_eq!(a, b);
}

/// Zones and instances of availability 1 never fail: under chaos, by either
/// method and in a played run, every request succeeds and nothing is down.
#[test]
fn zones_of_availability_one_never_fail() {
    let mut doc = preset("three-zones").expect("preset").document();
    for z in &mut doc.zones {
        z.availability = Some(1.0);
    }
    for n in doc.nodes.iter_mut().filter(|n| !n.is_client()) {
        n.availability = Some(1.0);
    }
    for (method, seconds) in [(Method::Epochs, 3.2e9), (Method::Events, 1e4)] {
        let options = SimOptions {
            seconds,
            chaos: true,
            method: Some(method),
            ..SimOptions::default()
        };
        for f in simulate(&doc, &options).expect("valid").functions {
            assert!(f.requests > 0);
            assert_eq!(f.succeeded, f.requests, "{method:?} {}", f.id);
        }
    }
    let mut playback = Playback::new(Rc::new(doc), 1000.0, Chaos::Real, 1, true).expect("valid");
    for frame in 0..600 {
        playback.advance(f64::from(frame) * 1000.0 / 60.0);
        assert!(playback.zones_down_by_chaos().is_empty());
        assert_eq!(playback.down_by_chaos().count(), 0);
    }
}

/// In a played run under real chaos a zone of availability 0.5 (repairs of
/// 10 simulated seconds) is down about half the time, and while it is, each
/// of its instances counts as down by chaos.
#[test]
fn a_played_run_fails_zones_and_their_instances_with_them() {
    let mut doc = preset("three-zones").expect("preset").document();
    doc.zones[0].availability = Some(0.5);
    for n in doc.nodes.iter_mut().filter(|n| !n.is_client()) {
        n.availability = Some(1.0);
    }
    let mut playback = Playback::new(Rc::new(doc), 100.0, Chaos::Real, 2, true).expect("valid");
    let mut down_frames = 0;
    let frames = 3000;
    for frame in 0..frames {
        playback.advance(f64::from(frame) * 1000.0 / 60.0);
        let zones = playback.zones_down_by_chaos();
        let instances: Vec<(u32, u16)> = playback.down_by_chaos().collect();
        if zones.is_empty() {
            assert!(instances.is_empty(), "{instances:?}");
        } else {
            assert_eq!(zones, ["az-a"]);
            // Instance 0 of the balancer, the app and the database (nodes 1-3).
            assert_eq!(instances, [(1, 0), (2, 0), (3, 0)]);
            down_frames += 1;
        }
    }
    // 5,000 simulated seconds, about 250 outages of 10 s: the share down is
    // 0.5 ± 0.1 with probability far above 0.999.
    let share = f64::from(down_frames) / f64::from(frames);
    assert!((0.4..=0.6).contains(&share), "down {share}");
}

/// The classroom fails a whole zone now and then when the document has
/// zones (docs/spec/app.md), for the same 3 s as an instance, one outage at a time.
#[test]
fn the_classroom_takes_a_whole_zone_down_now_and_then() {
    let doc = Rc::new(preset("three-zones").expect("preset").document());
    let mut playback = Playback::new(doc, 1.0, Chaos::Classroom, 1, true).expect("valid");
    let (mut zone_frames, mut instance_frames) = (0, 0);
    for frame in 0..60 * 120 {
        playback.advance(f64::from(frame) * 1000.0 / 60.0);
        let zones = playback.zones_down_by_chaos();
        let down = playback.down_by_chaos().count();
        match zones.len() {
            0 => {
                assert!(down <= 1, "one instance at a time");
                instance_frames += usize::from(down == 1);
            }
            1 => {
                assert_eq!(down, 3, "every instance in the zone");
                zone_frames += 1;
            }
            n => panic!("{n} zones down at once"),
        }
    }
    // About 28 outages in 120 s, a third of them zones: both are seen.
    assert!(
        zone_frames >= 180 && instance_frames >= 180,
        "{zone_frames} {instance_frames}"
    );
}

/// A zone taken down or back by hand during a played run is followed without
/// starting again; its instances are down, not by chaos.
#[test]
fn a_played_run_follows_a_zone_taken_down_by_hand() {
    let doc = Rc::new(preset("three-zones").expect("preset").document());
    let mut playback = Playback::new(doc.clone(), 1.0, Chaos::Off, 1, true).expect("valid");
    let mut down = (*doc).clone();
    down.zones[1].down = Some(true);
    assert!(playback.follow(&Rc::new(down)));
    for node in 1..=3 {
        assert!(!playback.sim().is_up(node, 1) && playback.sim().is_up(node, 0));
    }
    assert_eq!(playback.down_by_chaos().count(), 0);
    assert!(playback.follow(&doc));
    assert!((1..=3).all(|node| playback.sim().is_up(node, 1)));
    let mut renamed = (*doc).clone();
    renamed.zones[1].availability = Some(0.9);
    assert!(
        !playback.follow(&Rc::new(renamed)),
        "another zone: start again"
    );
}

/// Every figure of the runs the fingerprint covers, in one string: the
/// headless reports (both methods, chaos on) and a played run under each
/// chaos.
fn fingerprint(doc: &Document) -> String {
    let mut out = String::new();
    for (method, seconds) in [(Method::Epochs, 3.2e8), (Method::Events, 2e3)] {
        let options = SimOptions {
            seconds,
            seed: 5,
            chaos: true,
            method: Some(method),
            ..SimOptions::default()
        };
        let report = simulate(doc, &options).expect("valid");
        for f in &report.functions {
            out += &format!(
                "{} {} {} {:x} {:x} {:x};",
                f.id,
                f.requests,
                f.succeeded,
                f.measured.to_bits(),
                f.ci95[0].to_bits(),
                f.ci95[1].to_bits()
            );
        }
    }
    for chaos in [Chaos::Real, Chaos::Classroom] {
        let mut playback =
            Playback::new(Rc::new(doc.clone()), 100.0, chaos, 9, true).expect("valid");
        let mut down = 0;
        for frame in 0..300 {
            playback.advance(f64::from(frame) * 1000.0 / 60.0);
            down += playback.down_by_chaos().count();
        }
        let stats = playback.sim().stats();
        out += &format!("{down} {stats:?};");
    }
    out
}

/// FNV-1a, 64 bits.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// Documents without zones give exactly the reports and played runs they
/// gave before the simulation knew zones: the fingerprints below were taken
/// on the code before it (same seeds, same random draws).
#[test]
fn documents_without_zones_simulate_exactly_as_before_zones() {
    const BEFORE: [(&str, u64); 6] = [
        ("monolith", 0xa83a_3586_5e06_b5c3),
        ("cluster", 0x3292_4f78_8a73_8935),
        ("distributed", 0xc8ee_5eda_38e7_c254),
        ("microservices", 0x370e_4e0a_5048_ab6a),
        ("distributed-monolith", 0x9508_2a45_337a_0c0c),
        ("hidden-spof", 0xca78_dc76_1f77_c931),
    ];
    let without: Vec<&str> = PRESETS
        .iter()
        .filter(|p| p.document().zones.is_empty())
        .map(|p| p.name)
        .collect();
    assert_eq!(without, BEFORE.map(|(name, _)| name));
    for (name, before) in BEFORE {
        let doc = preset(name).expect("preset").document();
        assert_eq!(fnv(&fingerprint(&doc)), before, "{name}");
    }
}
