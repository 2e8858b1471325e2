//! The guided lessons: every step opens on a valid diagram, every
//! task can be done (by its key and by "do it for me") and is not done
//! before, the claims each text makes hold on the engine's analysis, and
//! every text is there in English and in Chinese. Expected numbers are worked
//! out by hand from docs/spec/model.md §2, never read from the engine.

#[path = "../../engine/tests/support/mod.rs"]
mod support;
use std::collections::HashSet;
use support::{assert_exact, availability, status};
use topolab_engine::i18n::l;

use topolab_editor::teach::{lesson, Step, Task, LESSONS};
use topolab_editor::{Action, EditorState};
use topolab_engine::analysis::Status;
use topolab_engine::goals::check;
use topolab_engine::i18n::{Lang, Localized};
use topolab_engine::presets::{labels, PRESETS};
use topolab_engine::split::SplitLink;
use topolab_engine::{analyze, validate, Analysis, Document, FailureUnit, Goal, GoalKind};

const SERVICE: f64 = 0.999;
const DATABASE: f64 = 0.9995;
const LOAD_BALANCER: f64 = 0.9999;

fn step(lesson_id: &str, index: usize) -> &'static Step {
    &lesson(lesson_id)
        .unwrap_or_else(|| panic!("no lesson {lesson_id}"))
        .steps[index]
}

fn before(step: &Step) -> Document {
    step.document().expect("the step's diagram loads")
}

/// The step's document once its task is done.
fn after(step: &Step) -> Document {
    let task = step.task.expect("the step has a task");
    task.apply(&before(step)).expect("the task applies")
}

/// `x` as a percentage with two decimals, the way the texts quote it.
fn percent(x: f64) -> f64 {
    (x * 10_000.0).round() / 100.0
}

fn any_of(n: i32, a: f64) -> f64 {
    1.0 - (1.0 - a).powi(n)
}

fn all_have(a: &Analysis, s: Status) -> bool {
    a.functions.iter().all(|f| f.status == s)
}

fn every_step() -> impl Iterator<Item = (&'static str, usize, &'static Step)> {
    LESSONS
        .iter()
        .flat_map(|l| l.steps.iter().enumerate().map(move |(i, s)| (l.id, i, s)))
}

// --- Structure ---

#[test]
fn every_lesson_has_three_to_six_steps_and_its_own_id() {
    let mut ids = HashSet::new();
    for l in LESSONS {
        assert!((3..=6).contains(&l.steps.len()), "{}", l.id);
        assert!(ids.insert(l.id), "{} twice", l.id);
        assert_eq!(lesson(l.id), Some(l));
    }
    for id in [
        "cluster",
        "sync-calls",
        "own-database",
        "queue",
        "quorum",
        "zones",
    ] {
        assert!(lesson(id).is_some(), "{id}");
    }
}

#[test]
fn every_step_s_diagram_loads_and_is_valid() {
    for (id, i, s) in every_step() {
        let doc = s
            .document()
            .unwrap_or_else(|e| panic!("{id} step {i}: {e}"));
        assert!(validate(&doc).is_empty(), "{id} step {i}");
        let title = s.diagram.title().expect("a title");
        assert_eq!(doc.title.as_deref(), Some(title.en), "{id} step {i}");
        let zh = s.document_in(Lang::Zh).expect("loads in Chinese");
        assert_eq!(zh.title.as_deref(), Some(title.zh));
        assert!(validate(&zh).is_empty(), "{id} step {i} in Chinese");
    }
}

#[test]
fn every_task_s_apply_meets_its_goal_which_the_step_does_not_start_with() {
    for (id, i, s) in every_step() {
        let Some(task) = s.task else { continue };
        let doc = before(s);
        assert!(
            !task.done(&doc),
            "{id} step {i}: done before anything is tried"
        );
        let done = task
            .apply(&doc)
            .unwrap_or_else(|e| panic!("{id} step {i}: {e}"));
        assert!(
            task.done(&done),
            "{id} step {i}: apply does not meet the goal"
        );
        assert!(validate(&done).is_empty(), "{id} step {i}");
    }
}

#[test]
fn every_kill_or_revive_task_is_done_by_the_key_its_prompt_names() {
    for (id, i, s) in every_step() {
        let doc = before(s);
        let (node, presses, key, action): (&str, u32, &str, fn(String) -> Action) = match s.task {
            Some(Task::Kill { node, .. }) => (node, 1, "K", |id| Action::KillOne { id }),
            Some(Task::KillNode { node, .. }) => {
                let replicas = doc.node(node).expect("node").replicas();
                (node, replicas, "K", |id| Action::KillOne { id })
            }
            Some(Task::Revive { node, .. }) => (node, 1, "R", |id| Action::ReviveAll { id }),
            _ => continue,
        };
        let task = s.task.expect("a task");
        for lang in Lang::ALL {
            assert!(task.prompt(lang).contains(key), "{id} step {i}");
        }
        let state = (0..presses).fold(EditorState::new(doc), |st, _| {
            st.apply(action(node.to_string()))
        });
        assert!(
            task.done(state.doc()),
            "{id} step {i}: pressing {key} does not do it"
        );
    }
}

#[test]
fn every_task_with_a_key_is_done_on_a_touch_screen_by_the_taps_its_tap_prompt_asks_for() {
    for (id, i, s) in every_step() {
        let Some(task) = s.task else { continue };
        let doc = before(s);
        // The squares the touch prompt asks to tap: the first still up, every
        // one, or every one crossed out.
        let (node, taps): (&str, Vec<u32>) = match task {
            Task::Kill { node, .. } => {
                let n = doc.node(node).expect("node");
                let first = (0..n.replicas())
                    .find(|&k| !n.is_killed(k))
                    .expect("one up");
                (node, vec![first])
            }
            Task::KillNode { node, .. } => (
                node,
                (0..doc.node(node).expect("node").replicas()).collect(),
            ),
            Task::Revive { node, .. } => (node, doc.node(node).expect("node").killed.clone()),
            _ => {
                assert_eq!(
                    task.tap_prompt(Lang::En),
                    None,
                    "{id} step {i}: no key, no tap prompt"
                );
                continue;
            }
        };
        for lang in Lang::ALL {
            let tap = task
                .tap_prompt(lang)
                .unwrap_or_else(|| panic!("{id} step {i}: no tap prompt"));
            let keys = tap
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| ["K", "R"].contains(w));
            assert_eq!(
                keys.count(),
                0,
                "{id} step {i}: a key on a touch screen: {tap}"
            );
        }
        let state = taps.into_iter().fold(EditorState::new(doc), |st, index| {
            st.apply(Action::ToggleInstance {
                id: node.to_string(),
                index,
            })
        });
        assert!(
            task.done(state.doc()),
            "{id} step {i}: tapping does not do it"
        );
    }
}

#[test]
fn every_task_names_its_target_as_the_diagram_labels_it() {
    for (id, i, s) in every_step() {
        let (node, name) = match s.task {
            Some(
                Task::Kill { node, name, .. }
                | Task::KillNode { node, name }
                | Task::Revive { node, name }
                | Task::Split { node, name, .. },
            ) => (node, name),
            _ => continue,
        };
        let doc = before(s);
        let label = doc.node(node).expect("the target exists").label();
        assert_eq!(name.en, label, "{id} step {i}");
        assert_eq!(labels::label(label), Some(&name), "{id} step {i}");
    }
}

#[test]
fn every_zone_task_names_its_zone_as_the_diagram_labels_it() {
    let mut zone_tasks = 0;
    for (id, i, s) in every_step() {
        let Some(Task::KillZone { zone, name }) = s.task else {
            continue;
        };
        zone_tasks += 1;
        let doc = before(s);
        let z = doc.zone_index(zone).expect("the zone exists");
        let label = doc.zones[z].label();
        assert_eq!(name.en, label, "{id} step {i}");
        assert_eq!(labels::label(label), Some(&name), "{id} step {i}");
        let zh = s.document_in(Lang::Zh).expect("loads in Chinese");
        assert_eq!(zh.zones[z].label(), name.zh, "{id} step {i}");
    }
    assert_eq!(zone_tasks, 4, "the zones lesson's four zone kills");
}

// --- Texts ---

/// Every text a lesson shows: titles, summaries, step texts, diagram titles
/// and task prompts, with where it comes from.
fn texts() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut add = |what: String, t: Localized| out.push((what, t.en.to_string(), t.zh.to_string()));
    for l in LESSONS {
        add(format!("{} title", l.id), l.title);
        add(format!("{} summary", l.id), l.summary);
        for (i, s) in l.steps.iter().enumerate() {
            add(format!("{} step {i}", l.id), s.text);
            if let Some(t) = s.diagram.title() {
                add(format!("{} step {i} diagram", l.id), t);
            }
        }
    }
    for l in LESSONS {
        for (i, s) in l.steps.iter().enumerate() {
            if let Some(task) = s.task {
                out.push((
                    format!("{} step {i} prompt", l.id),
                    task.prompt(Lang::En),
                    task.prompt(Lang::Zh),
                ));
                if let (Some(en), Some(zh)) = (task.tap_prompt(Lang::En), task.tap_prompt(Lang::Zh))
                {
                    out.push((format!("{} step {i} tap prompt", l.id), en, zh));
                }
            }
        }
    }
    out
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_text_is_there_in_english_and_in_chinese() {
    for (what, en, zh) in texts() {
        assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{what}");
        assert!(!has_cjk(&en), "{what}: Chinese in the English text: {en}");
        assert!(has_cjk(&zh), "{what}: no Chinese in {zh}");
    }
}

#[test]
fn chinese_texts_hold_no_english_words_but_ids_and_keys() {
    // Node ids and capabilities of every diagram a lesson can show.
    let mut ids: HashSet<String> = HashSet::new();
    let docs = PRESETS
        .iter()
        .map(|p| p.document())
        .chain(every_step().map(|(_, _, s)| before(s)));
    for d in docs {
        for n in &d.nodes {
            ids.insert(n.id.clone());
            ids.extend(n.capabilities().iter().map(|c| c.to_string()));
        }
    }
    for (what, _, zh) in texts() {
        for word in zh
            .split(|c: char| !c.is_ascii_alphabetic() && c != '-')
            .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() > 3)
        {
            assert!(ids.contains(word), "{what}: English word {word:?} in {zh}");
        }
    }
}

#[test]
fn chinese_split_prompts_name_what_moves_in_chinese_not_by_its_id() {
    for (id, i, s) in every_step() {
        let Some(task @ Task::Split { capabilities, .. }) = s.task else {
            continue;
        };
        let zh = task.prompt(Lang::Zh);
        for c in capabilities {
            assert!(!zh.contains(c), "{id} step {i}: {c:?} in {zh}");
            assert!(task.prompt(Lang::En).contains(c), "{id} step {i}");
        }
    }
    assert_eq!(
        step("own-database", 1).task.map(|t| t.prompt(Lang::Zh)).as_deref(),
        Some("选中商城应用并拆分：把支付功能拆到一个新服务，两者之间不互相调用，继续共用原来的数据库。")
    );
}

#[test]
fn texts_are_short() {
    for (id, i, s) in every_step() {
        for lang in Lang::ALL {
            let t = s.text.get(lang);
            // A sentence ends with a full stop, a question or an exclamation
            // mark followed by a space or the end ("99.9%" does not end one).
            let chars: Vec<char> = t.chars().collect();
            let sentences = (0..chars.len())
                .filter(|&k| match chars[k] {
                    '。' | '？' | '！' => true,
                    '.' | '?' | '!' => chars.get(k + 1).is_none_or(|c| c.is_whitespace()),
                    _ => false,
                })
                .count();
            assert!(
                (2..=4).contains(&sentences),
                "{id} step {i}: {sentences} sentences: {t}"
            );
            assert!(t.chars().count() <= 360, "{id} step {i} is long: {t}");
        }
    }
}

// --- What a cluster buys you ---

#[test]
fn cluster_lesson_the_monolith_goes_down_with_its_one_server() {
    assert!(all_have(&analyze(&before(step("cluster", 0))), Status::Up));
    assert!(all_have(&analyze(&after(step("cluster", 0))), Status::Down));
}

#[test]
fn cluster_lesson_one_server_killed_every_function_stays_up() {
    assert!(all_have(&analyze(&after(step("cluster", 1))), Status::Up));
}

#[test]
fn cluster_lesson_still_up_after_killing_two_of_three() {
    let doc = after(step("cluster", 2));
    let killed = ["app1", "app2", "app3"]
        .iter()
        .filter(|id| doc.node(id).is_some_and(|n| !n.killed.is_empty()))
        .count();
    assert_eq!(killed, 2);
    assert!(all_have(&analyze(&doc), Status::Up));
}

#[test]
fn cluster_lesson_down_once_the_last_server_dies() {
    assert!(all_have(&analyze(&after(step("cluster", 3))), Status::Down));
}

#[test]
fn cluster_lesson_servers_together_are_up_one_minus_a_thousandth_cubed() {
    let a = analyze(&before(step("cluster", 4)));
    let expected = LOAD_BALANCER * (1.0 - 0.001f64.powi(3)) * any_of(2, DATABASE);
    for f in &a.functions {
        assert_exact(f.availability, expected, &f.id);
    }
}

#[test]
fn cluster_lesson_the_balancer_is_a_single_point_of_failure() {
    let s = step("cluster", 4);
    assert!(analyze(&before(s)).node("lb").expect("lb").spof);
    assert!(all_have(&analyze(&after(s)), Status::Down));
}

#[test]
fn cluster_lesson_the_hidden_database_takes_the_whole_cluster_down() {
    let s = step("cluster", 5);
    let a = analyze(&before(s));
    let db = a.node("db").expect("db");
    assert!(db.spof);
    assert_eq!(db.blast_radius.len(), a.functions.len());
    assert!(!a.node("lb").expect("lb").spof, "the balancer is doubled");
    assert!(all_have(&analyze(&after(s)), Status::Down));
}

// --- Why splitting with synchronous calls can lower availability ---

#[test]
fn sync_lesson_the_shop_is_up_999_times_9995() {
    let a = analyze(&before(step("sync-calls", 0)));
    for f in &a.functions {
        assert_exact(f.availability, SERVICE * DATABASE, &f.id);
        assert_eq!(percent(f.availability), 99.85);
    }
}

#[test]
fn sync_lesson_a_synchronous_split_makes_the_catalog_need_two_servers() {
    let a = analyze(&after(step("sync-calls", 1)));
    let two = SERVICE * SERVICE * DATABASE;
    assert_exact(availability(&a, "browser:catalog"), two, "catalog");
    assert_exact(availability(&a, "browser:orders"), two, "orders");
    assert_eq!(percent(two), 99.75);
    // Payments is reached directly and needs only its own server.
    assert_exact(
        availability(&a, "browser:payments"),
        SERVICE * DATABASE,
        "payments",
    );
}

#[test]
fn sync_lesson_the_distributed_chain_multiplies_three_servers() {
    let a = analyze(&before(step("sync-calls", 2)));
    let chain = SERVICE.powi(3) * DATABASE;
    for f in &a.functions {
        assert_exact(f.availability, chain, &f.id);
    }
    assert_eq!(percent(chain), 99.65);
}

#[test]
fn sync_lesson_killing_billing_takes_the_catalog_down() {
    let a = analyze(&after(step("sync-calls", 2)));
    assert_eq!(status(&a, "browser:catalog"), Status::Down);
    let a = analyze(&before(step("sync-calls", 3)));
    assert_eq!(
        status(&a, "browser:catalog"),
        Status::Down,
        "as the next step says"
    );
}

#[test]
fn sync_lesson_a_circuit_breaker_leaves_the_catalog_degraded_not_down() {
    let a = analyze(&after(step("sync-calls", 4)));
    assert_eq!(status(&a, "browser:catalog"), Status::Degraded);
}

// --- Why a database per service lowers coupling ---

#[test]
fn database_lesson_the_distributed_database_is_shared_and_on_every_path() {
    let s = step("own-database", 0);
    assert_eq!(analyze(&before(s)).shared_stores, ["db"]);
    assert!(all_have(&analyze(&after(s)), Status::Down));
}

#[test]
fn database_lesson_a_split_keeping_the_database_shares_it() {
    let s = step("own-database", 1);
    assert!(analyze(&before(s)).shared_stores.is_empty());
    assert_eq!(analyze(&after(s)).shared_stores, ["db"]);
}

#[test]
fn database_lesson_a_split_with_its_own_database_shares_nothing() {
    let doc = after(step("own-database", 2));
    assert!(analyze(&doc).shared_stores.is_empty());
    let mut no_db = doc.clone();
    let i = no_db.node_index("db").expect("the shop's database");
    no_db.nodes[i].killed = vec![0];
    let a = analyze(&no_db);
    assert_eq!(status(&a, "browser:payments"), Status::Up);
    assert_eq!(status(&a, "browser:catalog"), Status::Down);
}

#[test]
fn database_lesson_killing_orders_db_stops_only_ordering() {
    let a = analyze(&after(step("own-database", 3)));
    assert_eq!(status(&a, "browser:orders"), Status::Down);
    assert_eq!(status(&a, "browser:catalog"), Status::Up);
    assert_eq!(status(&a, "browser:payments"), Status::Up);
}

// --- How a queue isolates a slow or dead consumer ---

#[test]
fn queue_lesson_a_synchronous_consumer_takes_ordering_down() {
    let a = analyze(&after(step("queue", 0)));
    assert_eq!(status(&a, "browser:orders"), Status::Down);
}

#[test]
fn queue_lesson_killing_the_consumer_leaves_the_publisher_up() {
    let a = analyze(&after(step("queue", 1)));
    assert_eq!(status(&a, "browser:orders"), Status::Up);
    let a = analyze(&before(step("queue", 2)));
    assert_eq!(
        status(&a, "browser:orders"),
        Status::Up,
        "while it stays down"
    );
}

#[test]
fn queue_lesson_the_consumer_comes_back() {
    let doc = after(step("queue", 2));
    assert!(doc.node("shipping").is_some_and(|n| n.killed.is_empty()));
    assert!(analyze(&doc).node("shipping").expect("shipping").alive);
}

#[test]
fn queue_lesson_the_publisher_depends_on_the_queue_which_runs_as_a_cluster() {
    let s = step("queue", 3);
    let mut one = before(s);
    let i = one.node_index("events").expect("the queue");
    one.nodes[i].killed = vec![0];
    assert_eq!(status(&analyze(&one), "browser:orders"), Status::Up);
    assert_eq!(status(&analyze(&after(s)), "browser:orders"), Status::Down);
}

// --- Quorum (2 of 3) vs any one of N ---

#[test]
fn quorum_lesson_majority_and_any_one_of_three() {
    let a = analyze(&before(step("quorum", 0)));
    let services = any_of(2, SERVICE);
    let d = DATABASE;
    // P(at least 2 of 3 up) = 3a²(1 - a) + a³ = 3a² - 2a³.
    let majority = 3.0 * d * d - 2.0 * d * d * d;
    assert_exact(
        availability(&a, "browser:orders"),
        services * majority,
        "orders",
    );
    assert_exact(
        availability(&a, "browser:catalog"),
        services * any_of(3, d),
        "catalog",
    );
}

#[test]
fn quorum_lesson_one_copy_down_leaves_a_majority() {
    let doc = after(step("quorum", 1));
    let a = analyze(&doc);
    assert_eq!(status(&a, "browser:orders"), Status::Up);
    // Two copies left, both needed.
    assert_exact(
        availability(&a, "browser:orders"),
        any_of(2, SERVICE) * DATABASE * DATABASE,
        "orders",
    );
}

#[test]
fn quorum_lesson_with_quorum_2_of_3_killing_two_takes_the_store_down() {
    let a = analyze(&after(step("quorum", 2)));
    assert!(!a.node("orders-db").expect("orders-db").alive);
    assert_eq!(status(&a, "browser:orders"), Status::Down);
}

#[test]
fn quorum_lesson_with_quorum_1_killing_two_leaves_the_store_up() {
    let doc = after(step("quorum", 3));
    assert_eq!(doc.node("catalog-db").map(|n| n.killed.len()), Some(2));
    let a = analyze(&doc);
    assert!(a.node("catalog-db").expect("catalog-db").alive);
    assert_eq!(status(&a, "browser:catalog"), Status::Up);
}

#[test]
fn quorum_lesson_a_majority_is_less_available_than_any_one() {
    let a = analyze(&before(step("quorum", 4)));
    assert!(availability(&a, "browser:orders") < availability(&a, "browser:catalog"));
}

#[test]
fn quorum_lesson_says_what_a_stands_for_before_its_formulas() {
    for lang in Lang::ALL {
        let text = step("quorum", 4).text.get(lang);
        let (defined, formula) = match lang {
            Lang::En => ("up with probability a", "3a²"),
            Lang::Zh => ("可用性为 a", "3a²"),
        };
        let at = |s: &str| text.find(s).unwrap_or(usize::MAX);
        assert!(at(defined) < at(formula), "{text}");
    }
}

// --- Why spread over data centres ---

const ZONE: f64 = 0.9999;

/// P(at least `q` of `n` copies up), each up with probability `a`.
fn at_least(q: u32, n: u32, a: f64) -> f64 {
    let choose = |n: u32, k: u32| (0..k).fold(1.0, |c, j| c * f64::from(n - j) / f64::from(j + 1));
    (q..=n)
        .map(|k| choose(n, k) * a.powi(k as i32) * (1.0 - a).powi((n - k) as i32))
        .sum()
}

fn zone<'a>(a: &'a Analysis, id: &str) -> &'a topolab_engine::analysis::ZoneReport {
    a.zones
        .iter()
        .find(|z| z.id == id)
        .unwrap_or_else(|| panic!("no zone {id}"))
}

fn survives_zones(doc: &Document, failures: u32) -> bool {
    let mut doc = doc.clone();
    doc.goals = vec![Goal::new(GoalKind::Survive {
        failures,
        of: FailureUnit::Zones,
        functions: None,
    })];
    check(&doc).met
}

#[test]
fn zones_lesson_one_server_killed_in_one_zone_every_function_stays_up() {
    let s = step("zones", 0);
    assert!(all_have(&analyze(&before(s)), Status::Up));
    let doc = after(s);
    assert_eq!(doc.node("app").map(|n| n.killed.clone()), Some(vec![0]));
    assert!(all_have(&analyze(&doc), Status::Up));
}

#[test]
fn zones_lesson_every_instance_is_in_zone_a_which_takes_the_shop_down() {
    let s = step("zones", 1);
    let doc = before(s);
    for n in doc.nodes.iter().filter(|n| !n.is_client()) {
        assert!(
            (0..n.replicas()).all(|i| n.zone_of(i) == Some("az-a")),
            "{}",
            n.id
        );
    }
    let a = analyze(&doc);
    let radius = &zone(&a, "az-a").blast_radius;
    assert_eq!(radius.len(), a.functions.len());
    assert!(zone(&a, "az-a").spof);
    assert!(!survives_zones(&doc, 1));
    assert!(all_have(&analyze(&after(s)), Status::Down));
}

#[test]
fn zones_lesson_the_shop_in_one_zone_is_up_no_more_often_than_the_zone() {
    let a = analyze(&before(step("zones", 1)));
    let parts = any_of(3, LOAD_BALANCER) * any_of(3, SERVICE) * any_of(3, DATABASE);
    for f in &a.functions {
        assert_exact(f.availability, ZONE * parts, &f.id);
        assert!(f.availability < ZONE, "{}", f.id);
    }
    assert_eq!(percent(ZONE), 99.99, "as the text says");
}

#[test]
fn zones_lesson_spread_over_three_zones_the_shop_survives_zone_a() {
    let s = step("zones", 2);
    let doc = before(s);
    let a = analyze(&doc);
    assert!(a.zones.iter().all(|z| !z.spof), "{:?}", a.zones);
    assert!(survives_zones(&doc, 1));
    let down = analyze(&after(s));
    assert!(all_have(&down, Status::Up));
    assert!(!zone(&down, "az-a").up);
    // Instance 1, 2 and 3 of each part (indices 0, 1, 2) in Zones A, B and C.
    for n in doc.nodes.iter().filter(|n| !n.is_client()) {
        let zones: Vec<_> = (0..3).map(|i| n.zone_of(i)).collect();
        assert_eq!(
            zones,
            [Some("az-a"), Some("az-b"), Some("az-c")],
            "{}",
            n.id
        );
    }
}

#[test]
fn zones_lesson_a_majority_of_three_over_three_zones_survives_one_zone() {
    let s = step("zones", 3);
    let doc = before(s);
    assert_eq!(
        doc.node("orders-db").map(|n| (n.replicas(), n.quorum())),
        Some((3, 2))
    );
    let a = analyze(&doc);
    assert!(a.zones.iter().all(|z| !z.spof));
    assert!(survives_zones(&doc, 1) && !survives_zones(&doc, 2));
    // Zones up: all three (a majority of three copies), two (both copies left), fewer: none.
    let three = ZONE.powi(3) * any_of(3, SERVICE) * at_least(2, 3, DATABASE);
    let two = 3.0 * ZONE.powi(2) * (1.0 - ZONE) * any_of(2, SERVICE) * DATABASE * DATABASE;
    assert_exact(availability(&a, "browser:orders"), three + two, "orders");
    let down = analyze(&after(s));
    assert!(down.node("orders-db").expect("orders-db").alive);
    assert_eq!(status(&down, "browser:orders"), Status::Up);
}

#[test]
fn zones_lesson_a_majority_of_two_over_two_zones_dies_with_either_zone() {
    let s = step("zones", 4);
    let doc = before(s);
    assert_eq!(
        doc.node("orders-db").map(|n| (n.replicas(), n.quorum())),
        Some((2, 2))
    );
    let a = analyze(&doc);
    for z in &a.zones {
        assert!(z.spof, "{}", z.id);
        assert_eq!(z.blast_radius, ["browser:orders"], "{}", z.id);
    }
    assert!(!survives_zones(&doc, 1));
    let down = analyze(&after(s));
    assert!(!down.node("orders-db").expect("orders-db").alive);
    assert_eq!(status(&down, "browser:orders"), Status::Down);
    // The orders service alone, with one instance in each zone, survives either.
    assert!(down.node("orders").expect("orders").alive);
}

#[test]
fn a_zone_task_prompts_for_the_kill_switch_in_either_language() {
    let task = step("zones", 1).task.expect("a zone kill");
    assert_eq!(
        task.prompt(Lang::En),
        "Click the kill switch of Zone A to take the whole zone down."
    );
    assert_eq!(
        task.prompt(Lang::Zh),
        "点击可用区 A 的停机开关，让整个可用区宕掉。"
    );
    assert_eq!(
        task.tap_prompt(Lang::En),
        None,
        "a switch is tapped as it is clicked"
    );
}

// --- Tasks beyond the lessons' own ---

const SHOP_APP: Localized = l("Shop app", "商城应用");

fn split_task(link: SplitLink, own_database: bool) -> Task {
    Task::Split {
        node: "app",
        name: SHOP_APP,
        capabilities: &["payments"],
        link,
        own_database,
    }
}

#[test]
fn a_split_task_is_done_only_by_the_split_it_names() {
    let shop = before(step("sync-calls", 0));
    let links = [SplitLink::Requires, SplitLink::Async, SplitLink::None];
    for link in links {
        for own in [false, true] {
            let task = split_task(link, own);
            let done = task.apply(&shop).expect("splits");
            for other_link in links {
                for other_own in [false, true] {
                    let other = split_task(other_link, other_own);
                    assert_eq!(
                        other.done(&done),
                        (other_link, other_own) == (link, own),
                        "{link:?} {own} judged as {other_link:?} {other_own}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_task_on_a_missing_node_or_instance_is_refused() {
    let shop = before(step("sync-calls", 0));
    let name = SHOP_APP;
    for task in [
        Task::Kill {
            node: "ghost",
            index: 0,
            name,
        },
        Task::Kill {
            node: "app",
            index: 1,
            name,
        },
        Task::Kill {
            node: "browser",
            index: 0,
            name,
        },
        Task::KillNode {
            node: "ghost",
            name,
        },
        Task::Revive {
            node: "ghost",
            name,
        },
        Task::Open { preset: "ghost" },
        Task::KillZone {
            zone: "ghost",
            name,
        },
        Task::Split {
            node: "db",
            name,
            capabilities: &["payments"],
            link: SplitLink::None,
            own_database: false,
        },
    ] {
        assert!(task.apply(&shop).is_err(), "{task:?}");
        assert!(!task.done(&shop), "{task:?}");
    }
}

#[test]
fn an_open_task_is_done_by_the_preset_in_either_language() {
    let task = Task::Open {
        preset: "microservices",
    };
    let micro = topolab_engine::presets::preset("microservices").expect("preset");
    assert!(task.done(&micro.document_in(Lang::Zh)));
    assert!(!task.done(&before(step("sync-calls", 0))));
    assert_eq!(task.prompt(Lang::Zh), "打开“微服务”预设。");
    assert_eq!(task.prompt(Lang::En), "Open the “Microservices” preset.");
}
