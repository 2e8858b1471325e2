//! The built-in challenges: each opens valid and unmet, and the change its story
//! hints at meets every goal (docs/spec/model.md §6, docs/spec/app.md `?challenge=`).

use topolab_editor::teach::challenges::{challenge, CHALLENGES};
use topolab_engine::goals::check;
use topolab_engine::i18n::Lang;
use topolab_engine::{validate, Document, LinkKind, Node, NodeKind};

fn start(id: &str) -> Document {
    challenge(id)
        .expect("a built-in challenge")
        .document(Lang::En)
}

fn unmet(doc: &Document) -> Vec<String> {
    check(doc)
        .goals
        .iter()
        .filter(|g| !g.met)
        .map(|g| g.id.clone().unwrap_or_default())
        .collect()
}

fn set_replicas(doc: &mut Document, id: &str, replicas: u32) {
    doc.nodes
        .iter_mut()
        .find(|n| n.id == id)
        .expect("node")
        .replicas = Some(replicas);
}

#[test]
fn every_challenge_opens_valid_with_goals_not_yet_met() {
    assert!(CHALLENGES.len() >= 6);
    for c in CHALLENGES {
        for lang in [Lang::En, Lang::Zh] {
            let doc = c.document(lang);
            assert!(validate(&doc).is_empty(), "{}: {:?}", c.id, validate(&doc));
            assert!(!doc.goals.is_empty(), "{}", c.id);
            assert!(!check(&doc).met, "{} is met before anything is done", c.id);
            assert_eq!(doc.title.as_deref(), Some(c.title.get(lang)));
        }
        assert!(!c.story.en.is_empty() && !c.story.zh.is_empty(), "{}", c.id);
    }
    assert!(challenge("first").is_some(), "the easiest is named first");
    assert!(challenge("nope").is_none());
}

#[test]
fn first_a_second_server_and_a_second_database() {
    let mut doc = start("first");
    set_replicas(&mut doc, "shop", 2);
    assert_eq!(
        unmet(&doc),
        ["one-server", "three-nines"],
        "the database still alone"
    );
    set_replicas(&mut doc, "db", 2);
    assert_eq!(unmet(&doc), Vec::<String>::new());
    set_replicas(&mut doc, "shop", 3);
    assert_eq!(
        unmet(&doc),
        ["two-more"],
        "a third app server is over budget"
    );
}

#[test]
fn balancer_a_second_balancer() {
    let mut doc = start("balancer");
    set_replicas(&mut doc, "app", 4);
    assert!(
        unmet(&doc).contains(&"no-spof".to_string()),
        "more app servers do not help"
    );
    let mut doc = start("balancer");
    set_replicas(&mut doc, "lb", 2);
    assert_eq!(unmet(&doc), Vec::<String>::new());
}

#[test]
fn two_at_once_a_third_of_each() {
    let mut doc = start("two-at-once");
    set_replicas(&mut doc, "api", 3);
    assert_eq!(unmet(&doc), ["two-servers"]);
    set_replicas(&mut doc, "db", 3);
    assert_eq!(unmet(&doc), Vec::<String>::new());
}

#[test]
fn provider_no_server_count_helps_an_optional_call_does() {
    let mut doc = start("provider");
    for id in ["gateway", "orders", "orders-db", "catalog"] {
        set_replicas(&mut doc, id, 64);
    }
    assert_eq!(unmet(&doc), ["order"], "capped by the card provider");
    let mut doc = start("provider");
    let link = doc
        .links
        .iter_mut()
        .find(|l| l.from == "orders" && l.to == "card-api")
        .expect("the call to the provider");
    link.kind = Some(LinkKind::Optional);
    assert_eq!(unmet(&doc), Vec::<String>::new());
}

#[test]
fn checkout_every_node_on_its_path_doubled_and_nothing_else() {
    let mut doc = start("checkout");
    for id in [
        "gateway",
        "checkout",
        "payments",
        "orders-db",
        "payments-db",
    ] {
        set_replicas(&mut doc, id, 2);
    }
    assert_eq!(unmet(&doc), Vec::<String>::new());
    set_replicas(&mut doc, "catalog", 2);
    assert_eq!(
        unmet(&doc),
        ["budget"],
        "the catalog is not on checkout's path"
    );
    let mut doc = start("checkout");
    for id in ["gateway", "checkout", "payments", "orders-db"] {
        set_replicas(&mut doc, id, 2);
    }
    assert_eq!(
        unmet(&doc),
        ["checkout"],
        "a single payments database is too weak"
    );
}

#[test]
fn untangle_break_the_cycle_split_the_data_and_an_event_for_the_chain() {
    let mut doc = start("untangle");
    doc.links
        .retain(|l| !(l.from == "ledger" && l.to == "orders"));
    assert_eq!(unmet(&doc), ["own-data", "short-chains"]);
    doc.nodes
        .push(Node::new("users-db", NodeKind::Database, 0.0, 0.0));
    for link in doc.links.iter_mut().filter(|l| l.from == "users") {
        link.to = "users-db".into();
    }
    assert_eq!(unmet(&doc), ["short-chains"]);
    let link = doc
        .links
        .iter_mut()
        .find(|l| l.from == "payments" && l.to == "fraud")
        .expect("payments calls fraud");
    link.kind = Some(LinkKind::Async);
    assert!(validate(&doc).is_empty(), "{:?}", validate(&doc));
    assert_eq!(unmet(&doc), Vec::<String>::new());
}

#[test]
fn where_advice_can_answer_its_cheapest_change_meets_every_goal() {
    use topolab_engine::advise::{advise, targets_from_goals};
    for id in ["first", "balancer", "checkout"] {
        let doc = start(id);
        let advice = advise(&doc, &targets_from_goals(&doc));
        let cheapest = advice.options.first().expect("an option");
        assert_eq!(cheapest.name.as_str(), "cheapest");
        assert_eq!(unmet(&cheapest.apply(&doc)), Vec::<String>::new(), "{id}");
    }
    let doc = start("provider");
    let advice = advise(&doc, &targets_from_goals(&doc));
    assert!(advice.options.is_empty());
    assert_eq!(advice.unreachable[0].limited_by, ["card-api"]);
}
