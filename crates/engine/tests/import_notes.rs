//! What an importer guessed or left out is said in English (exactly
//! what `topolab import` prints) and in Chinese, with no English word left in
//! the Chinese but the data it quotes and the formats' own names.

mod support;

use support::import_fixture;
use topolab_engine::i18n::Lang;
use topolab_engine::import::{import, Imported, Note, Said};
use topolab_engine::NodeKind;

fn imported(text: &str) -> Imported {
    import(text, None).expect("imports")
}

/// One of each [`Said`]; `covered` fails to compile when a variant is added
/// and not listed here.
fn every_said() -> Vec<Said> {
    let s = |t: &str| t.to_string();
    let all = vec![
        Said::NotUnderstood,
        Said::DefinedTwice { name: s("web") },
        Said::TooManyNodes {
            name: s("web"),
            max: 2000,
        },
        Said::TooManyLinks {
            from: s("web"),
            to: s("db"),
            max: 20000,
        },
        Said::Renamed {
            name: s("my web"),
            id: s("my-web"),
        },
        Said::ReplicasClamped {
            given: 100,
            kept: 64,
            max: 64,
        },
        Said::ReplicasNotWhole,
        Said::SelfDependency { id: s("web") },
        Said::NoEntryPoint,
        Said::KindFromImage {
            kind: NodeKind::Database,
            image: Some(s("postgres:16")),
        },
        Said::KindFromImage {
            kind: NodeKind::LoadBalancer,
            image: None,
        },
        Said::KindFromName {
            kind: NodeKind::Cache,
        },
        Said::OnlyFirstDocument,
        Said::NoImageKindFromName {
            kind: NodeKind::Queue,
        },
        Said::ServiceNotMapping,
        Said::NoSuchService { name: s("ghost") },
        Said::NamesService { name: s("orders") },
        Said::QueueAsRequires {
            queue: s("rabbitmq"),
            service: s("orders"),
        },
        Said::ProxyAsGateway,
        Said::NotAServiceName,
        Said::NotListOrMapping,
        Said::NoKindOrName,
        Said::ObjectNotDrawn,
        Said::Containers { count: 2 },
        Said::DaemonSet,
        Said::NoSelector,
        Said::SelectorMatchesNothing,
        Said::SelectsSeveral,
        Said::MissingConfigMap { name: s("cfg") },
        Said::NamesK8sService { name: s("orders") },
        Said::IngressEntry {
            kind: NodeKind::Gateway,
            services: 3,
        },
        Said::NoDrawnService { name: s("ghost") },
        Said::Exposed,
        Said::UnusedConfigMap,
        Said::NotAPair,
        Said::AllCalled { first: s("web") },
    ];
    for said in &all {
        covered(said);
    }
    all
}

fn covered(said: &Said) {
    match said {
        Said::NotUnderstood
        | Said::DefinedTwice { .. }
        | Said::TooManyNodes { .. }
        | Said::TooManyLinks { .. }
        | Said::Renamed { .. }
        | Said::ReplicasClamped { .. }
        | Said::ReplicasNotWhole
        | Said::SelfDependency { .. }
        | Said::NoEntryPoint
        | Said::KindFromImage { .. }
        | Said::KindFromName { .. }
        | Said::OnlyFirstDocument
        | Said::NoImageKindFromName { .. }
        | Said::ServiceNotMapping
        | Said::NoSuchService { .. }
        | Said::NamesService { .. }
        | Said::QueueAsRequires { .. }
        | Said::ProxyAsGateway
        | Said::NotAServiceName
        | Said::NotListOrMapping
        | Said::NoKindOrName
        | Said::ObjectNotDrawn
        | Said::Containers { .. }
        | Said::DaemonSet
        | Said::NoSelector
        | Said::SelectorMatchesNothing
        | Said::SelectsSeveral
        | Said::MissingConfigMap { .. }
        | Said::NamesK8sService { .. }
        | Said::IngressEntry { .. }
        | Said::NoDrawnService { .. }
        | Said::Exposed
        | Said::UnusedConfigMap
        | Said::NotAPair
        | Said::AllCalled { .. } => {}
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
    ];
    support::latin_words_outside_quotes(text, FORMAT_WORDS, 1)
}

#[test]
fn every_note_is_said_in_chinese_without_english_words() {
    for said in every_said() {
        let zh = said.message_in(Lang::Zh);
        assert!(has_chinese(&zh), "no Chinese for {said:?}");
        assert_eq!(own_words(&zh), "", "English left in {zh:?} ({said:?})");
        assert!(!has_chinese(&said.message_in(Lang::En)), "{said:?}");
    }
}

#[test]
fn a_note_in_chinese_keeps_its_facts() {
    let said = Said::QueueAsRequires {
        queue: "rabbitmq".into(),
        service: "orders".into(),
    };
    assert_eq!(
        said.message_in(Lang::Zh),
        "“rabbitmq”是消息队列：画成 requires（发布）；compose 没有说明“orders”是发布还是消费"
    );
    let said = Said::ReplicasClamped {
        given: 100,
        kept: 64,
        max: 64,
    };
    assert_eq!(
        said.message_in(Lang::Zh),
        "100 个副本按 64 个绘制（一个节点须有 1 到 64 个副本）"
    );
    assert_eq!(
        said.message_in(Lang::En),
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
    let said: Vec<&Said> = notes.iter().map(|n| &n.said).collect();
    for expected in [
        Said::OnlyFirstDocument,
        Said::NotUnderstood,
        Said::ProxyAsGateway,
        Said::NotAServiceName,
        Said::ReplicasNotWhole,
        Said::ServiceNotMapping,
        Said::NoSuchService {
            name: "ghost".into(),
        },
        Said::Renamed {
            name: "my web".into(),
            id: "my-web".into(),
        },
        Said::ReplicasClamped {
            given: 100,
            kept: 64,
            max: 64,
        },
        Said::SelfDependency { id: "api".into() },
        Said::NamesService { name: "db".into() },
        Said::NoImageKindFromName {
            kind: NodeKind::Cache,
        },
    ] {
        assert!(said.contains(&&expected), "{expected:?} in {said:#?}");
    }
    for n in &notes {
        let zh = n.message_in(Lang::Zh);
        assert!(has_chinese(&zh), "{n}");
        assert_eq!(own_words(&zh), "", "{zh}");
    }
}
