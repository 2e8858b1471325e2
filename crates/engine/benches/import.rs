//! Import benchmarks (BENCHMARKS.md, "Import"): a generated 2,000-service
//! docker-compose file, a generated 20,000-line set of Kubernetes manifests,
//! and a 1.5 MB compose file of 400 services each naming every other.
//! A plain `main` timing with `Instant`; run with `cargo bench --bench import`,
//! or `cargo bench --bench import -- FILTER` for the cases whose name contains
//! FILTER.

use std::time::{Duration, Instant};

#[path = "../tests/support/compose.rs"]
mod compose;

use topolab_engine::import::{import, Format};

/// `n` services: every tenth a store, each calling three others by
/// `depends_on` and two by URL, every fiftieth publishing a port.
fn compose(n: usize) -> String {
    let mut text = String::from("name: generated\nservices:\n");
    for i in 0..n {
        let image = match i % 10 {
            0 => "postgres:16".to_string(),
            5 => "redis:7".to_string(),
            _ => format!("registry.acme.io/svc-{i}:1.0"),
        };
        text.push_str(&format!("  svc-{i}:\n    image: {image}\n"));
        if i % 50 == 1 {
            text.push_str("    ports: [\"8080:8080\"]\n");
        }
        text.push_str("    deploy:\n      replicas: 2\n    depends_on:\n");
        for k in 1..=3 {
            text.push_str(&format!("      - svc-{}\n", (i + k * 7) % n));
        }
        text.push_str("    environment:\n");
        text.push_str(&format!(
            "      UPSTREAM_URL: http://svc-{}:8080/v1\n      CACHE_ADDR: svc-{}:6379\n      LOG_LEVEL: info\n",
            (i + 11) % n,
            (i + 13) % n
        ));
    }
    text
}

/// Deployments, Services and ConfigMaps until `lines` lines.
fn manifests(lines: usize) -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.lines().count() < lines {
        let image = if i % 10 == 0 {
            "postgres:16"
        } else {
            "acme/app:2"
        };
        text.push_str(&format!(
            "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-{i}-config\ndata:\n  \
             NEXT_URL: http://app-{next}.default.svc.cluster.local:8080\n  LOG_LEVEL: info\n\
             ---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-{i}\n  labels:\n    app: app-{i}\n\
             spec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: app-{i}\n  template:\n    metadata:\n      \
             labels:\n        app: app-{i}\n    spec:\n      containers:\n        - name: app\n          \
             image: {image}\n          envFrom:\n            - configMapRef:\n                name: app-{i}-config\n          \
             env:\n            - name: PEER_ADDR\n              value: app-{peer}:8080\n            - name: MODE\n              \
             value: production\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: app-{i}\nspec:\n  selector:\n    \
             app: app-{i}\n  ports:\n    - port: 8080\n",
            next = i + 1,
            peer = i + 3,
        ));
        i += 1;
    }
    text
}

/// A case: its name, how to make its text, its format.
type Case = (&'static str, fn() -> String, Format);

fn time(name: &str, text: &str, format: Format) {
    let once = import(text, Some(format)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut runs = Vec::new();
    let started = Instant::now();
    while runs.len() < 5 || (started.elapsed() < Duration::from_secs(3) && runs.len() < 50) {
        let t = Instant::now();
        let imported = import(text, Some(format));
        runs.push(t.elapsed());
        assert!(imported.is_ok());
    }
    runs.sort();
    let median = runs[runs.len() / 2];
    println!(
        "{name}: {} bytes, {} lines -> {} nodes, {} links, {} notes; median {:.1} ms, max {:.1} ms ({} runs)",
        text.len(),
        text.lines().count(),
        once.document.nodes.len(),
        once.document.links.len(),
        once.notes.len(),
        median.as_secs_f64() * 1e3,
        runs.last().map_or(0.0, |d| d.as_secs_f64() * 1e3),
        runs.len()
    );
}

fn main() {
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_default();
    let cases: [Case; 3] = [
        ("compose 2000 services", || compose(2000), Format::Compose),
        (
            "manifests 20000 lines",
            || manifests(20_000),
            Format::Kubernetes,
        ),
        (
            "compose 400 naming each other",
            || compose::everyone_names_everyone(400),
            Format::Compose,
        ),
    ];
    for (name, make, format) in cases {
        if name.contains(&filter) {
            time(name, &make(), format);
        }
    }
}
