//! The built-in presets tell the textbook story: each is valid, laid
//! out readably, and shows the figures its description claims. Expected
//! numbers are worked out by hand from docs/spec/model.md §2 (a node of n replicas with
//! quorum 1 is alive with probability 1 - (1 - a)^n; a request needs every
//! node on its path of `requires` links), never read from the engine.

mod support;
use support::{assert_exact, availability, status};
use topolab_engine::analysis::Status;
use topolab_engine::geometry::node_size;
use topolab_engine::goals::check;
use topolab_engine::i18n::{Lang, Localized};
use topolab_engine::presets::{labels, preset, PRESETS};
use topolab_engine::{
    analyze, parse_document, validate, Document, FailureUnit, Goal, GoalKind, LinkKind, NodeKind,
};

const SERVICE: f64 = 0.999;
const DATABASE: f64 = 0.9995;
const LOAD_BALANCER: f64 = 0.9999;
const GATEWAY: f64 = 0.9995;
const QUEUE: f64 = 0.9995;
const FUNCTIONS: [&str; 3] = ["browser:catalog", "browser:orders", "browser:payments"];

fn doc(name: &str) -> Document {
    preset(name)
        .unwrap_or_else(|| panic!("no preset {name}"))
        .document()
}

/// Alive probability of `n` replicas of availability `a`, any one enough.
fn any_of(n: i32, a: f64) -> f64 {
    1.0 - (1.0 - a).powi(n)
}

/// `doc` with these instances of `node` killed.
fn killed(doc: &Document, node: &str, instances: &[u32]) -> Document {
    let mut out = doc.clone();
    let i = out.node_index(node).expect("node exists");
    out.nodes[i].killed = instances.to_vec();
    out
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

// --- Every preset ---

#[test]
fn every_preset_is_valid() {
    for p in PRESETS {
        let json = p.document().to_json();
        let parsed = parse_document(&json);
        assert!(parsed.is_ok(), "{}: {:?}", p.name, parsed.err());
        let d = p.document();
        assert!(d.nodes.len() >= 3, "{} is nearly empty", p.name);
        assert!(validate(&d).is_empty(), "{}", p.name);
    }
}

#[test]
fn every_preset_has_the_story_s_functions_all_up() {
    for p in PRESETS {
        let a = analyze(&p.document());
        let ids: Vec<&str> = a.functions.iter().map(|f| f.id.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(
            sorted, FUNCTIONS,
            "{}: same functions as the others",
            p.name
        );
        assert!(
            a.functions.iter().all(|f| f.status == Status::Up),
            "{}",
            p.name
        );
    }
}

#[test]
fn no_two_boxes_overlap() {
    for p in PRESETS {
        let d = p.document();
        for (i, a) in d.nodes.iter().enumerate() {
            for b in &d.nodes[i + 1..] {
                let ((aw, ah), (bw, bh)) = (node_size(a), node_size(b));
                let apart =
                    (a.x - b.x).abs() >= (aw + bw) / 2.0 || (a.y - b.y).abs() >= (ah + bh) / 2.0;
                assert!(apart, "{}: {} overlaps {}", p.name, a.id, b.id);
            }
        }
    }
}

#[test]
fn boxes_stand_at_least_170_apart_across_or_110_down() {
    for p in PRESETS {
        let d = p.document();
        for (i, a) in d.nodes.iter().enumerate() {
            for b in &d.nodes[i + 1..] {
                let apart = (a.x - b.x).abs() >= 170.0 || (a.y - b.y).abs() >= 110.0;
                assert!(apart, "{}: {} is crowded by {}", p.name, a.id, b.id);
            }
        }
    }
}

/// Whether the segment p -> q meets the rectangle centred on c of size (w, h)
/// (Liang-Barsky clipping).
fn segment_meets_box(p: (f64, f64), q: (f64, f64), c: (f64, f64), (w, h): (f64, f64)) -> bool {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (step, room) in [
        (-dx, p.0 - (c.0 - w / 2.0)),
        (dx, (c.0 + w / 2.0) - p.0),
        (-dy, p.1 - (c.1 - h / 2.0)),
        (dy, (c.1 + h / 2.0) - p.1),
    ] {
        if step == 0.0 {
            if room < 0.0 {
                return false;
            }
        } else {
            let t = room / step;
            if step < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 <= t1
}

#[test]
fn the_crossing_check_sees_a_link_through_a_box_and_not_one_beside_it() {
    let box_ = ((100.0, 0.0), (124.0, 62.0));
    assert!(segment_meets_box((0.0, 0.0), (200.0, 0.0), box_.0, box_.1));
    assert!(segment_meets_box(
        (0.0, -40.0),
        (200.0, 40.0),
        box_.0,
        box_.1
    ));
    assert!(!segment_meets_box(
        (0.0, 40.0),
        (200.0, 40.0),
        box_.0,
        box_.1
    ));
    assert!(!segment_meets_box((0.0, 0.0), (30.0, 0.0), box_.0, box_.1));
}

#[test]
fn no_link_crosses_a_box() {
    for p in PRESETS {
        let d = p.document();
        for link in &d.links {
            let (from, to) = (d.node(&link.from).unwrap(), d.node(&link.to).unwrap());
            for n in d.nodes.iter().filter(|n| n.id != from.id && n.id != to.id) {
                assert!(
                    !segment_meets_box((from.x, from.y), (to.x, to.y), (n.x, n.y), node_size(n)),
                    "{}: {} -> {} crosses {}",
                    p.name,
                    from.id,
                    to.id,
                    n.id
                );
            }
        }
    }
}

#[test]
fn every_diagram_reads_left_to_right_from_its_client() {
    for p in PRESETS {
        let d = p.document();
        let client_x = d
            .nodes
            .iter()
            .filter(|n| n.is_client())
            .map(|n| n.x)
            .fold(f64::NEG_INFINITY, f64::max);
        for n in d.nodes.iter().filter(|n| !n.is_client()) {
            assert!(n.x > client_x, "{}: {} left of the client", p.name, n.id);
        }
        for l in d.links.iter().filter(|l| d.link_kind(l) == LinkKind::Route) {
            let (a, b) = (d.node(&l.from).unwrap(), d.node(&l.to).unwrap());
            assert!(
                b.x > a.x,
                "{}: route {} -> {} goes back",
                p.name,
                a.id,
                b.id
            );
        }
    }
}

fn assert_bilingual(t: &Localized, what: &str) {
    assert!(!t.en.trim().is_empty() && !t.zh.trim().is_empty(), "{what}");
    assert!(
        !has_cjk(t.en),
        "{what}: English with Chinese in it: {}",
        t.en
    );
    assert!(has_cjk(t.zh), "{what}: no Chinese in {}", t.zh);
}

#[test]
fn every_preset_has_a_label_title_and_description_in_both_languages() {
    for p in PRESETS {
        assert_bilingual(p.label(), p.name);
        assert_bilingual(p.title(), p.name);
        assert_bilingual(p.description(), p.name);
    }
}

#[test]
fn a_preset_s_document_title_is_its_english_title() {
    for p in PRESETS {
        assert_eq!(
            p.document().title.as_deref(),
            Some(p.title().en),
            "{}",
            p.name
        );
    }
}

#[test]
fn every_label_of_a_preset_has_a_translation_that_fits_its_box() {
    // A box shows 11 characters of its label whole (ui/node_view.rs).
    for p in PRESETS {
        for n in &p.document().nodes {
            let label = labels::label(n.label()).unwrap_or_else(|| {
                panic!("{}: no translation of the label {:?}", p.name, n.label())
            });
            assert_bilingual(label, n.label());
            for lang in Lang::ALL {
                assert!(label.get(lang).chars().count() <= 11, "{label:?}");
            }
        }
        for z in &p.document().zones {
            let label = labels::label(z.label())
                .unwrap_or_else(|| panic!("{}: no translation of the zone {:?}", p.name, z.id));
            assert_bilingual(label, z.label());
        }
    }
}

#[test]
fn a_preset_in_chinese_has_the_same_topology_with_chinese_texts() {
    for p in PRESETS {
        let (en, zh) = (p.document(), p.document_in(Lang::Zh));
        assert_eq!(p.document_in(Lang::En), en, "{}", p.name);
        assert_eq!(zh.title.as_deref(), Some(p.title().zh));
        assert_eq!(zh.links, en.links);
        assert_eq!(zh.zones.len(), en.zones.len(), "{}", p.name);
        for (a, b) in en.zones.iter().zip(&zh.zones) {
            assert_eq!(
                (&a.id, a.availability, a.down),
                (&b.id, b.availability, b.down)
            );
            assert!(has_cjk(b.label()), "{}: zone {}", p.name, b.label());
        }
        for (a, b) in en.nodes.iter().zip(&zh.nodes) {
            assert_eq!(a.zones, b.zones, "{}", p.name);
        }
        for (a, b) in en.nodes.iter().zip(&zh.nodes) {
            assert_eq!((&a.id, a.x, a.y, a.replicas), (&b.id, b.x, b.y, b.replicas));
            assert!(
                has_cjk(b.label()) || b.label() == a.label(),
                "{}",
                b.label()
            );
        }
        assert_eq!(
            analyze(&zh)
                .functions
                .iter()
                .map(|f| f.availability)
                .collect::<Vec<_>>(),
            analyze(&en)
                .functions
                .iter()
                .map(|f| f.availability)
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn there_are_at_least_two_anti_patterns() {
    for name in ["distributed-monolith", "hidden-spof"] {
        assert!(preset(name).is_some(), "{name}");
    }
}

// --- Monolith and cluster ---

#[test]
fn monolith_functions_need_its_one_server_and_its_database() {
    let a = analyze(&doc("monolith"));
    for f in FUNCTIONS {
        assert_exact(availability(&a, f), SERVICE * DATABASE, f);
    }
}

#[test]
fn cluster_survives_any_one_app_server_killed() {
    let cluster = doc("cluster");
    for app in ["app1", "app2", "app3"] {
        let a = analyze(&killed(&cluster, app, &[0]));
        for f in FUNCTIONS {
            assert_eq!(status(&a, f), Status::Up, "{app} killed: {f}");
        }
    }
}

#[test]
fn cluster_goes_down_when_all_three_app_servers_die() {
    let mut d = doc("cluster");
    for app in ["app1", "app2", "app3"] {
        d = killed(&d, app, &[0]);
    }
    let a = analyze(&d);
    for f in FUNCTIONS {
        assert_eq!(status(&a, f), Status::Down, "{f}");
        assert_eq!(availability(&a, f), 0.0, "{f}");
    }
}

#[test]
fn cluster_availability_is_balancer_times_any_of_three_servers_times_replicated_database() {
    let a = analyze(&doc("cluster"));
    let expected = LOAD_BALANCER * any_of(3, SERVICE) * any_of(2, DATABASE);
    for f in FUNCTIONS {
        assert_exact(availability(&a, f), expected, f);
    }
}

#[test]
fn cluster_availability_beats_monolith_for_every_function() {
    let (c, m) = (analyze(&doc("cluster")), analyze(&doc("monolith")));
    for f in FUNCTIONS {
        assert!(availability(&c, f) > availability(&m, f), "{f}");
    }
}

#[test]
fn cluster_load_balancer_is_still_a_single_point_of_failure() {
    let a = analyze(&doc("cluster"));
    let spofs: Vec<&str> = a
        .nodes
        .iter()
        .filter(|n| n.spof)
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(spofs, ["lb"]);
}

// --- Three zones ---

const ZONE: f64 = 0.9999;
const ZONES: [&str; 3] = ["az-a", "az-b", "az-c"];

/// `doc` with these zones down.
fn zones_down(doc: &Document, ids: &[&str]) -> Document {
    let mut out = doc.clone();
    for z in out
        .zones
        .iter_mut()
        .filter(|z| ids.contains(&z.id.as_str()))
    {
        z.down = Some(true);
    }
    out
}

#[test]
fn three_zones_puts_instance_i_of_each_node_in_zone_i() {
    let d = doc("three-zones");
    let ids: Vec<&str> = d.zones.iter().map(|z| z.id.as_str()).collect();
    assert_eq!(ids, ZONES);
    for n in d.nodes.iter().filter(|n| !n.is_client()) {
        assert_eq!(n.replicas(), 3, "{}", n.id);
        for (i, zone) in ZONES.iter().enumerate() {
            assert_eq!(n.zone_of(i as u32), Some(*zone), "{} instance {i}", n.id);
        }
    }
}

#[test]
fn three_zones_survives_any_one_zone_down() {
    let d = doc("three-zones");
    for zone in ZONES {
        let a = analyze(&zones_down(&d, &[zone]));
        for f in FUNCTIONS {
            assert_eq!(status(&a, f), Status::Up, "{zone} down: {f}");
        }
    }
    let a = analyze(&d);
    assert!(a.zones.iter().all(|z| z.up && !z.spof), "{:?}", a.zones);
    assert!(a.nodes.iter().all(|n| !n.spof));
}

#[test]
fn three_zones_meets_a_goal_to_survive_one_or_two_zones_but_not_three() {
    // Every node has quorum 1 and an instance in each zone: one zone left serves all.
    let mut d = doc("three-zones");
    for failures in [1, 2, 3] {
        d.goals = vec![Goal::new(GoalKind::Survive {
            failures,
            of: FailureUnit::Zones,
            functions: None,
        })];
        assert_eq!(check(&d).met, failures < 3, "{failures} zones");
    }
    let a = analyze(&zones_down(&d, &ZONES[..2]));
    for f in FUNCTIONS {
        assert_eq!(status(&a, f), Status::Up, "one zone left still serves {f}");
    }
    let a = analyze(&zones_down(&d, &ZONES));
    for f in FUNCTIONS {
        assert_eq!(status(&a, f), Status::Down, "{f}");
    }
}

#[test]
fn three_zones_availability_sums_over_the_zones_left_up() {
    // With k zones up, each node has k instances left, any one enough:
    // sum over k of C(3, k) z^k (1 - z)^(3 - k) times the three nodes' odds.
    let expected: f64 = (1..=3)
        .map(|k| {
            let ways = [1.0, 3.0, 3.0, 1.0][k as usize];
            let zones = ways * ZONE.powi(k) * (1.0 - ZONE).powi(3 - k);
            zones * any_of(k, LOAD_BALANCER) * any_of(k, SERVICE) * any_of(k, DATABASE)
        })
        .sum();
    let a = analyze(&doc("three-zones"));
    for f in FUNCTIONS {
        assert_exact(availability(&a, f), expected, f);
    }
    // One zone down: two instances of each node left, in zones still up.
    let a = analyze(&zones_down(&doc("three-zones"), &["az-b"]));
    let two = |z: f64| z * z * any_of(2, LOAD_BALANCER) * any_of(2, SERVICE) * any_of(2, DATABASE);
    let one = 2.0 * ZONE * (1.0 - ZONE) * LOAD_BALANCER * SERVICE * DATABASE;
    for f in FUNCTIONS {
        assert_exact(availability(&a, f), two(ZONE) + one, f);
    }
}

#[test]
fn three_zones_is_more_available_than_the_cluster_in_no_zone() {
    let (z, c) = (analyze(&doc("three-zones")), analyze(&doc("cluster")));
    for f in FUNCTIONS {
        assert!(availability(&z, f) > availability(&c, f), "{f}");
    }
}

// --- Distributed and microservices ---

#[test]
fn distributed_has_a_shared_store() {
    assert_eq!(analyze(&doc("distributed")).shared_stores, ["db"]);
}

#[test]
fn distributed_has_a_longer_max_sync_depth_than_microservices() {
    let (d, m) = (analyze(&doc("distributed")), analyze(&doc("microservices")));
    // storefront -> orders -> billing -> db; orders -> payments -> payments-db.
    assert_eq!((d.max_sync_depth, m.max_sync_depth), (3, 2));
}

#[test]
fn distributed_functions_need_the_whole_chain() {
    let a = analyze(&doc("distributed"));
    for f in FUNCTIONS {
        assert_exact(availability(&a, f), SERVICE.powi(3) * DATABASE, f);
    }
}

#[test]
fn microservices_has_no_shared_store() {
    let a = analyze(&doc("microservices"));
    assert!(a.shared_stores.is_empty(), "{:?}", a.shared_stores);
    assert!(a.cycles.is_empty(), "{:?}", a.cycles);
}

#[test]
fn every_microservice_with_a_database_has_its_own() {
    let d = doc("microservices");
    let callers = |store: &str| -> Vec<&str> {
        d.links
            .iter()
            .filter(|l| l.to == store && d.link_kind(l).is_sync())
            .map(|l| l.from.as_str())
            .collect()
    };
    let mut with_a_database = 0;
    for s in d.nodes.iter().filter(|n| n.kind == NodeKind::Service) {
        for l in d.links.iter().filter(|l| l.from == s.id) {
            if d.node(&l.to).is_some_and(|n| n.kind == NodeKind::Database) {
                assert_eq!(callers(&l.to), [s.id.as_str()], "{} is shared", l.to);
                with_a_database += 1;
            }
        }
    }
    assert_eq!(with_a_database, 3, "catalog, orders and payments");
}

#[test]
fn microservices_functions_need_only_their_own_services() {
    let a = analyze(&doc("microservices"));
    let (gw, svc, db) = (any_of(2, GATEWAY), any_of(2, SERVICE), any_of(2, DATABASE));
    assert_exact(
        availability(&a, "browser:catalog"),
        gw * svc * db,
        "catalog",
    );
    assert_exact(
        availability(&a, "browser:payments"),
        gw * svc * db,
        "payments",
    );
    // orders -> orders-db, events, payments -> payments-db.
    let orders = gw * svc * db * any_of(2, QUEUE) * svc * db;
    assert_exact(availability(&a, "browser:orders"), orders, "orders");
}

// --- The anti-patterns ---

#[test]
fn distributed_monolith_shares_a_store_and_calls_in_a_cycle() {
    let a = analyze(&doc("distributed-monolith"));
    assert_eq!(a.shared_stores, ["db"]);
    assert_eq!(a.cycles, [["catalog", "orders", "payments"]]);
}

#[test]
fn distributed_monolith_all_availability_is_lower_than_microservices() {
    let (dm, m) = (
        analyze(&doc("distributed-monolith")),
        analyze(&doc("microservices")),
    );
    let (gw, svc, db) = (any_of(2, GATEWAY), any_of(2, SERVICE), any_of(2, DATABASE));
    // Every function needs every node: three services in a cycle, and the
    // single recommend and shipping services they call synchronously.
    assert_exact(
        dm.system.all,
        gw * svc.powi(3) * SERVICE * SERVICE * db,
        "all",
    );
    assert_exact(
        m.system.all,
        gw * svc.powi(3) * db.powi(3) * any_of(2, QUEUE),
        "all",
    );
    assert!(dm.system.all < m.system.all);
}

#[test]
fn distributed_monolith_loses_every_function_to_any_one_service() {
    let d = doc("distributed-monolith");
    let a = analyze(&d);
    for s in d.nodes.iter().filter(|n| n.kind == NodeKind::Service) {
        let report = a.node(&s.id).expect("report");
        assert_eq!(report.blast_radius.len(), 3, "{}", s.id);
    }
}

#[test]
fn hidden_spof_database_is_a_single_point_of_failure() {
    let a = analyze(&doc("hidden-spof"));
    let db = a.node("db").expect("db");
    assert!(db.spof);
    let mut radius = db.blast_radius.clone();
    radius.sort_unstable();
    assert_eq!(radius, FUNCTIONS);
}

#[test]
fn hidden_spof_database_is_its_only_single_point_of_failure() {
    let a = analyze(&doc("hidden-spof"));
    let spofs: Vec<&str> = a
        .nodes
        .iter()
        .filter(|n| n.spof)
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(spofs, ["db"]);
    let expected = any_of(2, LOAD_BALANCER) * any_of(3, SERVICE) * DATABASE;
    for f in FUNCTIONS {
        assert_exact(availability(&a, f), expected, f);
    }
}
