//! What an importer guessed or left out is kind in English (exactly
//! what `topolab import` prints) and in Chinese, with no English word left in
//! the Chinese but the data it quotes and the formats' own names.

mod support;

use support::import_fixture;
use topolab_engine::i18n::Lang;
use topolab_engine::import::{import, Imported, Note, NoteKind};
use topolab_engine::NodeKind;

fn imported(text: &str) -> Imported {
    import(text, None).expect("imports")
}

/// One of each [`NoteKind`]; `covered` fails to compile when a variant is added
/// and not listed here.
fn every_note_kind() -> Vec<NoteKind> {
    let s = |t: &str| t.to_string();
    let all = vec![
        NoteKind::NotUnderstood,
        NoteKind::DefinedTwice { name: s("web") },
        NoteKind::TooManyNodes {
            dropped: 1,
            name: s("web"),
            max: 2000,
        },
        NoteKind::TooManyLinks {
            dropped: 3,
            from: s("web"),
            to: s("db"),
            max: 20000,
        },
        NoteKind::Renamed {
            name: s("my web"),
            id: s("my-web"),
        },
        NoteKind::ReplicasClamped {
            given: 100,
            kept: 64,
            max: 64,
        },
        NoteKind::ReplicasNotWhole,
        NoteKind::SelfDependency { id: s("web") },
        NoteKind::NoEntryPoint,
        NoteKind::KindFromImage {
            kind: NodeKind::Database,
            image: Some(s("postgres:16")),
        },
        NoteKind::KindFromImage {
            kind: NodeKind::LoadBalancer,
            image: None,
        },
        NoteKind::KindFromName {
            kind: NodeKind::Cache,
        },
        NoteKind::OnlyFirstDocument,
        NoteKind::NoImageKindFromName {
            kind: NodeKind::Queue,
        },
        NoteKind::ServiceNotMapping,
        NoteKind::NoSuchService { name: s("ghost") },
        NoteKind::NamesService { name: s("orders") },
        NoteKind::QueueAsRequires {
            queue: s("rabbitmq"),
            service: s("orders"),
        },
        NoteKind::ProxyAsGateway,
        NoteKind::NotAServiceName,
        NoteKind::NotListOrMapping,
        NoteKind::NoKindOrName,
        NoteKind::ObjectNotDrawn,
        NoteKind::Containers {
            count: 2,
            main: s("php"),
        },
        NoteKind::BatchNotDrawn,
        NoteKind::More {
            count: 5,
            like: Box::new(NoteKind::NamesService { name: s("orders") }),
        },
        NoteKind::Tool {
            image: s("oliver006/redis_exporter"),
        },
        NoteKind::UncalledEntry { service: None },
        NoteKind::UncalledEntry {
            service: Some(s("web")),
        },
        NoteKind::OptionalDependency { name: s("search") },
        NoteKind::RunsBefore { name: s("migrate") },
        NoteKind::ProfileOnly {
            profiles: s("debug"),
        },
        NoteKind::LeftOutService { name: s("adminer") },
        NoteKind::SharesNetwork { name: s("vpn") },
        NoteKind::DaemonSet,
        NoteKind::NoSelector,
        NoteKind::SelectorMatchesNothing,
        NoteKind::SelectsSeveral,
        NoteKind::MissingConfigMap { name: s("cfg") },
        NoteKind::NamesK8sService {
            name: s("orders"),
            from: s("payments"),
        },
        NoteKind::IngressEntry {
            kind: NodeKind::Gateway,
            services: 3,
        },
        NoteKind::NoDrawnService { name: s("ghost") },
        NoteKind::Exposed,
        NoteKind::UnusedConfigMap,
        NoteKind::ZonesFromSpread {
            rule: s("topologySpreadConstraints"),
            key: s("topology.kubernetes.io/zone"),
            zones: 3,
            preferred: false,
        },
        NoteKind::ZonesFromSpread {
            rule: s("podAntiAffinity"),
            key: s("failure-domain.beta.kubernetes.io/zone"),
            zones: 1,
            preferred: true,
        },
        NoteKind::NotAPair,
        NoteKind::AllCalled { first: s("web") },
    ];
    for kind in &all {
        covered(kind);
    }
    all
}

fn covered(kind: &NoteKind) {
    match kind {
        NoteKind::NotUnderstood
        | NoteKind::DefinedTwice { .. }
        | NoteKind::TooManyNodes { .. }
        | NoteKind::TooManyLinks { .. }
        | NoteKind::Renamed { .. }
        | NoteKind::ReplicasClamped { .. }
        | NoteKind::ReplicasNotWhole
        | NoteKind::SelfDependency { .. }
        | NoteKind::NoEntryPoint
        | NoteKind::KindFromImage { .. }
        | NoteKind::KindFromName { .. }
        | NoteKind::OnlyFirstDocument
        | NoteKind::NoImageKindFromName { .. }
        | NoteKind::ServiceNotMapping
        | NoteKind::NoSuchService { .. }
        | NoteKind::NamesService { .. }
        | NoteKind::QueueAsRequires { .. }
        | NoteKind::ProxyAsGateway
        | NoteKind::NotAServiceName
        | NoteKind::NotListOrMapping
        | NoteKind::NoKindOrName
        | NoteKind::ObjectNotDrawn
        | NoteKind::Containers { .. }
        | NoteKind::DaemonSet
        | NoteKind::NoSelector
        | NoteKind::SelectorMatchesNothing
        | NoteKind::SelectsSeveral
        | NoteKind::MissingConfigMap { .. }
        | NoteKind::NamesK8sService { .. }
        | NoteKind::IngressEntry { .. }
        | NoteKind::NoDrawnService { .. }
        | NoteKind::Exposed
        | NoteKind::UnusedConfigMap
        | NoteKind::ZonesFromSpread { .. }
        | NoteKind::NotAPair
        | NoteKind::AllCalled { .. }
        | NoteKind::More { .. }
        | NoteKind::Tool { .. }
        | NoteKind::UncalledEntry { .. }
        | NoteKind::OptionalDependency { .. }
        | NoteKind::RunsBefore { .. }
        | NoteKind::ProfileOnly { .. }
        | NoteKind::LeftOutService { .. }
        | NoteKind::SharesNetwork { .. }
        | NoteKind::BatchNotDrawn => {}
    }
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// `text` without what it quotes and without the formats' own names (keys of
/// compose and Kubernetes, their object kinds, the link kind `requires`).
fn own_words(text: &str) -> String {
    const FORMAT_WORDS: &[&str] = &[
        "ID",
        "API",
        "YAML",
        "compose",
        "image",
        "requires",
        "kind",
        "metadata",
        "name",
        "selector",
        "Topolab",
        "Service",
        "Ingress",
        "ConfigMap",
        "DaemonSet",
        "Pod",
        "parent",
        "child",
        "required",
        "false",
        "optional",
        "profile",
        "docker",
        "up",
        "network",
        "mode",
    ];
    support::latin_words_outside_quotes(text, FORMAT_WORDS, 1)
}

#[test]
fn every_note_is_said_in_chinese_without_english_words() {
    for kind in every_note_kind() {
        let zh = kind.message_in(Lang::Zh);
        assert!(has_chinese(&zh), "no Chinese for {kind:?}");
        assert_eq!(own_words(&zh), "", "English left in {zh:?} ({kind:?})");
        assert!(!has_chinese(&kind.message_in(Lang::En)), "{kind:?}");
    }
}

#[test]
fn a_note_in_chinese_keeps_its_facts() {
    let kind = NoteKind::QueueAsRequires {
        queue: "rabbitmq".into(),
        service: "orders".into(),
    };
    assert_eq!(
        kind.message_in(Lang::Zh),
        "“rabbitmq”是消息队列：画成 requires（发布）；compose 没有说明“orders”是发布还是消费"
    );
    let kind = NoteKind::ReplicasClamped {
        given: 100,
        kept: 64,
        max: 64,
    };
    assert_eq!(
        kind.message_in(Lang::Zh),
        "100 个副本按 64 个绘制（一个节点须有 1 到 64 个副本）"
    );
    assert_eq!(
        kind.message_in(Lang::En),
        "100 replicas drawn as 64 (a node has 1 to 64)"
    );
}

#[test]
fn a_note_in_english_is_the_clis_line() {
    for text in [
        import_fixture("shop-compose.yml"),
        import_fixture("shop-k8s.yaml"),
        import_fixture("shop-otel.json"),
    ] {
        let notes = imported(&text).notes;
        assert!(!notes.is_empty());
        for n in &notes {
            assert_eq!(n.line_in(Lang::En), n.to_string());
            assert_eq!(n.message_in(Lang::En), n.message());
            let zh = n.line_in(Lang::Zh);
            if n.place.is_empty() {
                assert_eq!(zh, n.message_in(Lang::Zh));
            } else {
                assert_eq!(zh, format!("{}：{}", n.place, n.message_in(Lang::Zh)));
            }
        }
    }
}

#[test]
fn the_compose_fixtures_notes_read_in_chinese() {
    let notes = imported(&import_fixture("shop-compose.yml")).notes;
    let zh: Vec<String> = notes.iter().map(|n| n.line_in(Lang::Zh)).collect();
    for expected in [
        "services.postgres.image：根据镜像“postgres:16-alpine”画成数据库",
        "services.nginx：位于多个服务之前的代理：画成网关",
        "services.worker.mem_reservation：无法识别，已略去",
    ] {
        assert!(zh.iter().any(|l| l == expected), "{expected} in {zh:#?}");
    }
}

#[test]
fn an_odd_compose_file_notes_everything_in_both_languages() {
    let notes: Vec<Note> = imported(&import_fixture("noted-compose.yml")).notes;
    assert_eq!(notes.len(), 17, "tests/e2e/import.test.mjs counts them too");
    let kind: Vec<&NoteKind> = notes.iter().map(|n| &n.kind).collect();
    for expected in [
        NoteKind::OnlyFirstDocument,
        NoteKind::NotUnderstood,
        NoteKind::ProxyAsGateway,
        NoteKind::NotAServiceName,
        NoteKind::ReplicasNotWhole,
        NoteKind::ServiceNotMapping,
        NoteKind::NoSuchService {
            name: "ghost".into(),
        },
        NoteKind::Renamed {
            name: "my web".into(),
            id: "my-web".into(),
        },
        NoteKind::ReplicasClamped {
            given: 100,
            kept: 64,
            max: 64,
        },
        NoteKind::SelfDependency { id: "api".into() },
        NoteKind::NamesService { name: "db".into() },
        NoteKind::NoImageKindFromName {
            kind: NodeKind::Cache,
        },
    ] {
        assert!(kind.contains(&&expected), "{expected:?} in {kind:#?}");
    }
    for n in &notes {
        let zh = n.message_in(Lang::Zh);
        assert!(has_chinese(&zh), "{n}");
        assert_eq!(own_words(&zh), "", "{zh}");
    }
}
