//! The `topolab` command line (docs/spec/model.md §5): output and exit status.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn topolab(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_topolab"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("topolab runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write stdin");
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().expect("topolab exits")
}

fn fixture(name: &str) -> String {
    format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A worked example of the spec (`docs/spec/examples/`).
fn example(name: &str) -> String {
    format!(
        "{}/../../docs/spec/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn analyze_prints_the_expected_json_for_every_spec_example() {
    for name in ["monolith", "cluster", "distributed", "microservices"] {
        let out = topolab(&["analyze", &example(&format!("{name}.json"))], None);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        let got: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
        let want: Value = serde_json::from_str(
            &std::fs::read_to_string(example(&format!("{name}.expected.json"))).expect("expected"),
        )
        .expect("expected JSON");
        assert_close(&got, &want, name);
    }
}

/// Equal JSON, with numbers equal to 1e-12.
fn assert_close(got: &Value, want: &Value, at: &str) {
    match (got, want) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            );
            assert!((a - b).abs() <= 1e-12, "{at}: {a} != {b}");
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{at}: lengths differ");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert_close(x, y, &format!("{at}[{i}]"));
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            let mut ka: Vec<_> = a.keys().collect();
            let mut kb: Vec<_> = b.keys().collect();
            ka.sort();
            kb.sort();
            assert_eq!(ka, kb, "{at}: keys differ");
            for (k, v) in b {
                assert_close(&a[k], v, &format!("{at}.{k}"));
            }
        }
        _ => assert_eq!(got, want, "{at}"),
    }
}

#[test]
fn analyze_reads_standard_input_for_a_dash() {
    let doc = std::fs::read_to_string(example("monolith.json")).expect("fixture");
    let out = topolab(&["analyze", "-"], Some(&doc));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let got: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(got["system"]["method"], "exact");
}

#[test]
fn invalid_input_exits_2_with_one_line_per_problem_and_nothing_on_stdout() {
    let bad = r#"{"format": "topolab/1", "nodes": [
        {"id": "a", "kind": "client", "replicas": 2},
        {"id": "b", "kind": "service", "quorum": 3}],
      "links": [{"from": "a", "to": "paymnts"}]}"#;
    let out = topolab(&["analyze", "-"], Some(bad));
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines.contains(&"error: links[0].to: no node with id \"paymnts\""),
        "{err}"
    );
    assert!(lines.iter().all(|l| l.starts_with("error: ")), "{err}");
}

#[test]
fn unreadable_files_and_bad_json_exit_2() {
    let out = topolab(&["analyze", "/no/such/file.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error: cannot read /no/such/file.json"));
    let out = topolab(&["validate", "-"], Some("{not json"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not valid JSON"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn validate_says_ok_for_a_valid_document() {
    let out = topolab(&["validate", &example("cluster.json")], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains("6 nodes, 7 links"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn validate_warns_of_bad_simulation_settings_but_keeps_the_document_valid() {
    let doc = r#"{"format": "topolab/1",
      "nodes": [{"id": "c", "kind": "client"},
                {"id": "s", "kind": "service", "extra": {"sim": {"capacity": 0, "latncy_ms": 3}}}],
      "links": [{"from": "c", "to": "s", "extra": {"sim": {"retries": 2.5}}}]}"#;
    let out = topolab(&["validate", "-"], Some(doc));
    assert_eq!(
        out.status.code(),
        Some(0),
        "extra is kept as is (docs/spec/model.md §1)"
    );
    assert_eq!(
        text(&out.stdout),
        "valid topolab/1 document: 2 nodes, 1 links\n"
    );
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines.iter().all(|l| l.starts_with("warning: ")), "{err}");
    assert!(lines.contains(
        &"warning: nodes[1].extra.sim.capacity: 0 is out of range: more than 0 requests per second (the traffic simulation refuses this)"
    ), "{err}");
    assert!(
        err.contains("links[0].extra.sim.retries: must be a whole number"),
        "{err}"
    );
    // The spec's examples have no settings: nothing to warn of.
    let out = topolab(&["validate", &example("cluster.json")], None);
    assert!(out.stderr.is_empty());
}

#[test]
fn split_prints_a_valid_document_with_the_new_service() {
    let out = topolab(
        &[
            "split",
            &example("distributed.json"),
            "--node",
            "storefront",
            "--capabilities",
            "orders",
            "--link",
            "async",
            "--own-database",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = topolab_engine::parse_document(&text(&out.stdout)).expect("valid document");
    for id in [
        "storefront-orders",
        "storefront-orders-events",
        "storefront-orders-db",
    ] {
        assert!(doc.node(id).is_some(), "{id} missing");
    }
}

#[test]
fn split_refuses_what_cannot_be_split() {
    let out = topolab(
        &[
            "split",
            &example("distributed.json"),
            "--node",
            "db",
            "--capabilities",
            "x",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).contains("only a service can be split"),
        "{}",
        text(&out.stderr)
    );
    let out = topolab(
        &[
            "split",
            &example("distributed.json"),
            "--node",
            "storefront",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--capabilities"),
        "{}",
        text(&out.stderr)
    );
    let out = topolab(
        &[
            "split",
            &example("distributed.json"),
            "--node",
            "storefront",
            "--capabilities",
            "orders",
            "--link",
            "rpc",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn render_prints_a_standalone_svg_with_every_node_and_link() {
    let out = topolab(&["render", &example("microservices.json")], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let svg = text(&out.stdout);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("data-node-id=").count(), 11);
    assert_eq!(svg.matches("data-link=").count(), 11);
    assert!(svg.contains("<style>"), "styles inline");
}

#[test]
fn render_draws_killed_instances_and_down_nodes() {
    let doc = std::fs::read_to_string(example("monolith.json"))
        .expect("fixture")
        .replace(
            r#""kind": "database","#,
            r#""kind": "database", "killed": [0],"#,
        );
    let out = topolab(&["render", "-"], Some(&doc));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let svg = text(&out.stdout);
    assert!(svg.contains(r#"data-killed="true""#));
    assert!(
        svg.contains(r#"data-node-id="app" data-kind="service" data-status="down""#),
        "{svg}"
    );
}

#[test]
fn labels_are_drawn_as_text_never_as_markup() {
    let doc = r#"{"format": "topolab/1", "nodes": [{"id": "a", "kind": "service", "label": "<script>alert(1)</script>"}]}"#;
    let out = topolab(&["render", "-"], Some(doc));
    let svg = text(&out.stdout);
    assert!(!svg.contains("<script>"));
    assert!(svg.contains("&lt;script&gt;"));
}

#[test]
fn every_command_has_help_and_unknown_ones_exit_2() {
    for cmd in ["analyze", "validate", "check", "split", "render", "compare"] {
        let out = topolab(&[cmd, "--help"], None);
        assert_eq!(out.status.code(), Some(0), "{cmd}");
        assert!(
            text(&out.stdout).starts_with(&format!("Usage: topolab {cmd}")),
            "{cmd}"
        );
    }
    let out = topolab(&["--help"], None);
    assert!(text(&out.stdout).contains("topolab analyze FILE"));
    assert!(text(&out.stdout).contains("topolab check FILE"));
    let out = topolab(&["frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = topolab(&[], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn compare_prints_two_spec_examples_side_by_side_as_json() {
    let (monolith, micro) = (example("monolith.json"), example("microservices.json"));
    let out = topolab(&["compare", &monolith, &micro], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let got: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let mut keys: Vec<&String> = got.as_object().expect("an object").keys().collect();
    keys.sort();
    assert_eq!(keys, ["a", "b", "functions", "rows"]);
    assert_eq!(
        (got["a"].as_str(), got["b"].as_str()),
        (Some(&*monolith), Some(&*micro))
    );

    let rows = got["rows"].as_array().expect("rows");
    let metrics: Vec<&str> = rows.iter().filter_map(|r| r["metric"].as_str()).collect();
    assert_eq!(
        metrics,
        [
            "system_all",
            "system_mean",
            "system_design_all",
            "system_downtime_hours_per_year",
            "method",
            "functions",
            "nodes",
            "instances",
            "services",
            "sync_links",
            "async_links",
            "shared_stores",
            "cycles",
            "max_sync_depth",
            "longest_request_chain",
            "spof_nodes",
            "largest_blast_radius",
            "mean_blast_radius",
            "mean_instability",
        ]
    );
    for row in rows {
        let mut keys: Vec<&String> = row.as_object().expect("a row").keys().collect();
        keys.sort();
        assert_eq!(keys, ["a", "b", "better", "differs", "direction", "metric"]);
    }
    let row = |metric: &str| {
        rows.iter()
            .find(|r| r["metric"] == metric)
            .cloned()
            .unwrap_or(Value::Null)
    };
    // Monolith: app and db in series (docs/spec/model.md §2).
    let all = row("system_all");
    assert_close(&all["a"], &Value::from(0.999 * 0.9995), "system_all.a");
    assert_eq!(
        (&all["direction"], &all["differs"], &all["better"]),
        (
            &Value::from("higher"),
            &Value::from(true),
            &Value::from("a")
        )
    );
    assert_eq!(row("nodes")["better"], Value::Null);
    assert_eq!(row("nodes")["direction"], "none");
    assert_eq!(row("spof_nodes")["a"], serde_json::json!(["app", "db"]));
    assert_eq!(row("shared_stores")["differs"], false);
    assert_eq!(row("method")["b"], "exact");

    let functions = got["functions"].as_array().expect("functions");
    assert_eq!(functions.len(), 3);
    for (f, id) in functions
        .iter()
        .zip(["browser:catalog", "browser:orders", "browser:payments"])
    {
        assert_eq!(
            (&f["a"], &f["b"], &f["matched_by"]),
            (&Value::from(id), &Value::from(id), &Value::from("id"))
        );
        let metrics: Vec<&str> = f["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .filter_map(|r| r["metric"].as_str())
            .collect();
        assert_eq!(
            metrics,
            [
                "availability",
                "design_availability",
                "status",
                "downtime_hours_per_year"
            ]
        );
    }
    assert_eq!(
        functions[1]["rows"][0]["better"], "a",
        "orders: better in the monolith"
    );
}

#[test]
fn compare_reads_one_document_from_standard_input() {
    let doc = std::fs::read_to_string(example("cluster.json")).expect("fixture");
    let out = topolab(&["compare", "-", &example("cluster.json")], Some(&doc));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let got: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = got["rows"].as_array().expect("rows");
    assert!(
        rows.iter().all(|r| r["differs"] == false),
        "the same document"
    );
}

#[test]
fn compare_refuses_invalid_input_with_one_error_line_per_problem_naming_its_file() {
    let bad = r#"{"format": "topolab/1", "nodes": [{"id": "a", "kind": "client"}],
      "links": [{"from": "a", "to": "paymnts"}]}"#;
    let out = topolab(&["compare", &example("monolith.json"), "-"], Some(bad));
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        text(&out.stderr),
        "error: standard input: links[0].to: no node with id \"paymnts\"\n"
    );
    let out = topolab(&["compare", "/no/such/a.json", "/no/such/b.json"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("error: cannot read /no/such/a.json"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("error: cannot read /no/such/b.json"),
        "{err}"
    );
}

#[test]
fn compare_needs_exactly_two_files_and_one_standard_input_at_most() {
    let one = example("monolith.json");
    for args in [
        vec!["compare", one.as_str()],
        vec!["compare", one.as_str(), one.as_str(), one.as_str()],
        vec!["compare", "-", "-"],
    ] {
        let out = topolab(&args, Some(""));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(text(&out.stderr).starts_with("error: "), "{args:?}");
    }
}

#[test]
fn render_mermaid_prints_a_flowchart_with_every_node_and_link() {
    let out = topolab(
        &[
            "render",
            &example("microservices.json"),
            "--format",
            "mermaid",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = text(&out.stdout);
    assert!(text.starts_with("flowchart LR\n"), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    // One line a node (`  n<i>` and a quoted label), one a link (`  n<i> <arrow> n<j>`).
    let is_link = |l: &&&str| l.starts_with("  n") && l.contains("->");
    let nodes = lines
        .iter()
        .filter(|l| l.starts_with("  n") && l.contains('"') && !is_link(l))
        .count();
    let links = lines.iter().filter(is_link).count();
    assert_eq!((nodes, links), (11, 11), "{text}");
    assert!(
        text.contains(" -. async .-> "),
        "the queue's delivery is async: {text}"
    );
}

#[test]
fn render_refuses_an_unknown_format() {
    let out = topolab(
        &["render", &example("cluster.json"), "--format", "png"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).contains("--format \"png\""),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn import_prints_a_valid_document_and_its_notes_on_stderr() {
    let out = topolab(&["import", &fixture("import/shop-compose.yml")], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc = topolab_engine::parse_document(&text(&out.stdout)).expect("a valid document");
    assert_eq!(doc.nodes.len(), 12);
    let stderr = text(&out.stderr);
    assert!(stderr.lines().all(|l| l.starts_with("note: ")), "{stderr}");
    assert!(stderr.contains("note: services.worker.mem_reservation: not understood"));
}

#[test]
fn import_reads_the_format_named_and_standard_input() {
    let list = r#"[{"parent": "a", "child": "b", "callCount": 3}]"#;
    let out = topolab(&["import", "-", "--format", "otel"], Some(list));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["links"][0]["extra"]["callCount"], 3);
    // Refused before standard input is read: none is written (it would race the exit).
    let out = topolab(&["import", "-", "--format", "xml"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown format \"xml\""));
}

#[test]
fn import_of_malformed_yaml_exits_2_naming_the_line() {
    let out = topolab(
        &["import", "-"],
        Some("services:\n  web:\n    image: x\n   ports: [80\n"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).starts_with("error: line 4: "),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn tidy_prints_the_same_topology_laid_out() {
    let out = topolab(&["tidy", &example("microservices.json")], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let tidied = topolab_engine::parse_document(&text(&out.stdout)).expect("valid");
    let original = topolab_engine::parse_document(
        &std::fs::read_to_string(example("microservices.json")).expect("fixture"),
    )
    .expect("valid");
    assert_eq!(tidied.links, original.links);
    assert_eq!(tidied.nodes.len(), original.nodes.len());
}

#[test]
fn import_and_tidy_have_help() {
    for command in ["import", "tidy"] {
        let out = topolab(&[command, "--help"], None);
        assert_eq!(out.status.code(), Some(0));
        assert!(text(&out.stdout).starts_with(&format!("Usage: topolab {command} FILE")));
    }
}

/// A stand-in for dist/topolab.html: what `render --html` needs of it.
const APP_PAGE: &str = "<!doctype html>\n<html><head><title>Topolab</title>\n<script type=\"application/json\" id=\"topolab-document\"></script>\n<script type=\"module\">start()</script></head><body></body></html>\n";

#[test]
fn render_html_bakes_the_diagram_into_the_app_page() {
    let app = format!("{}/render-html-app.html", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&app, APP_PAGE).expect("write the app page");
    let file = example("cluster.json");
    let want = topolab_engine::parse_document(&std::fs::read_to_string(&file).expect("fixture"))
        .expect("valid fixture");
    for args in [
        vec!["render", "--html", &file, "--app", &app],
        vec!["render", &file, "--format", "html", "--app", &app],
    ] {
        let out = topolab(&args, None);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let page = text(&out.stdout);
        assert!(page.starts_with("<!doctype html>\n<html><head><title>Topolab</title>\n"));
        assert!(page.ends_with(
            "</script>\n<script type=\"module\">start()</script></head><body></body></html>\n"
        ));
        let baked = topolab_engine::single_page::baked(&page).expect("a diagram is baked in");
        assert_eq!(
            topolab_engine::parse_document(baked).expect("it parses"),
            want
        );
    }
}

#[test]
fn render_html_says_where_the_app_page_is_missing() {
    let dir = format!("{}/render-html-empty", env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(&dir).expect("an empty folder");
    let out = Command::new(env!("CARGO_BIN_EXE_topolab"))
        .args(["render", "--html", &example("cluster.json")])
        .current_dir(&dir)
        .output()
        .expect("topolab runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.starts_with("error: cannot read the app page dist/topolab.html: ")
            && err.contains("./dev release"),
        "{err}"
    );
    // A page that is not the app is refused, not written into.
    let other = format!("{dir}/other.html");
    std::fs::write(&other, "<html><body>hello</body></html>").expect("write");
    let out = topolab(
        &[
            "render",
            "--html",
            &example("cluster.json"),
            "--app",
            &other,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not Topolab's single-file page"),
        "{}",
        text(&out.stderr)
    );
    // --app is for --html only, and --html goes with no other format.
    let out = topolab(&["render", &example("cluster.json"), "--app", &other], None);
    assert_eq!(out.status.code(), Some(2));
    let out = topolab(
        &[
            "render",
            "--html",
            &example("cluster.json"),
            "--format",
            "svg",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("choose one format"),
        "{}",
        text(&out.stderr)
    );
}

/// A shop whose database is a single point of failure, with `goals`.
fn shop_with_goals(goals: &str) -> String {
    format!(
        r#"{{"format": "topolab/1",
  "nodes": [
    {{"id": "web", "kind": "client"}},
    {{"id": "api", "kind": "service", "replicas": 2, "capabilities": ["checkout"]}},
    {{"id": "db", "kind": "database"}}
  ],
  "links": [{{"from": "web", "to": "api"}}, {{"from": "api", "to": "db"}}],
  "goals": [{goals}]}}"#
    )
}

#[test]
fn check_exits_0_when_every_goal_is_met() {
    let doc = shop_with_goals(
        r#"{"id": "cheap", "kind": "budget", "max_cost": 10}, {"kind": "max_sync_depth", "max": 1}"#,
    );
    let out = topolab(&["check", "-"], Some(&doc));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(
        report,
        serde_json::json!({
            "met": true,
            "goals": [
                {"index": 0, "id": "cheap", "kind": "budget", "met": true, "value": 4.0},
                {"index": 1, "kind": "max_sync_depth", "met": true, "value": 1}
            ],
            "warnings": [{"kind": "spof", "nodes": ["db"]}]
        })
    );
    // Pretty-printed, as analyze prints.
    assert!(text(&out.stdout).starts_with("{\n  \"met\": true,\n  \"goals\": ["));
}

#[test]
fn check_exits_0_for_a_document_without_goals() {
    let out = topolab(&["check", &example("cluster.json")], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(report["met"], Value::Bool(true));
    assert_eq!(report["goals"], serde_json::json!([]));
    assert!(report["warnings"].is_array());
}

#[test]
fn check_exits_1_and_prints_the_counterexample_when_a_goal_is_not_met() {
    let doc = shop_with_goals(
        r#"{"kind": "no_spof"}, {"kind": "survive", "failures": 1, "of": "instances"}"#,
    );
    let out = topolab(&["check", "-"], Some(&doc));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(report["met"], Value::Bool(false));
    assert_eq!(report["goals"][0]["met"], Value::Bool(false));
    assert_eq!(
        report["goals"][1]["counterexample"],
        serde_json::json!({"instances": [["db", 0]], "down": ["web:checkout"]})
    );
}

#[test]
fn check_of_an_invalid_goal_exits_2_naming_the_field() {
    let doc = shop_with_goals(
        r#"{"kind": "survive", "failures": 4, "of": "instances"}, {"kind": "survive", "failures": 5, "of": "zones"}"#,
    );
    let out = topolab(&["check", "-"], Some(&doc));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "error: goals[0].failures: 4 failures; a survive goal tries 1 to 3\n\
         error: goals[1].failures: 5 failures; a survive goal tries 1 to 3\n"
    );
    let out = topolab(
        &["check", "-"],
        Some(&shop_with_goals(r#"{"kind": "no_spof", "max": 3}"#)),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .starts_with("error: goals[0].max: does not apply to a goal of kind \"no_spof\""),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn check_needs_a_file() {
    let out = topolab(&["check"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error: name a FILE"));
}

/// A cluster of three replicas all in zone `a` of three zones, with a goal of surviving a zone.
const ZONED: &str = r#"{"format": "topolab/1",
  "zones": [{"id": "a", "label": "Zone A"}, {"id": "b"}, {"id": "c", "down": true}],
  "nodes": [{"id": "web", "kind": "client"},
            {"id": "api", "kind": "service", "replicas": 3, "zones": ["a"]},
            {"id": "db", "kind": "database", "replicas": 2, "zones": ["b", "c"]}],
  "links": [{"from": "web", "to": "api"}, {"from": "api", "to": "db"}],
  "goals": [{"kind": "survive", "failures": 1, "of": "zones"}]}"#;

#[test]
fn analyze_lists_zones_only_when_the_document_has_them() {
    let out = topolab(&["analyze", "-"], Some(ZONED));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        report["zones"],
        serde_json::json!([
            {"id": "a", "up": true, "blast_radius": ["web:api"], "spof": true},
            {"id": "b", "up": true, "blast_radius": ["web:api"], "spof": true},
            {"id": "c", "up": false, "blast_radius": [], "spof": false}
        ])
    );
    let plain = topolab(&["analyze", &example("cluster.json")], None);
    let report: Value = serde_json::from_slice(&plain.stdout).expect("JSON");
    assert!(report.get("zones").is_none());
}

#[test]
fn check_advise_render_and_validate_know_zones() {
    let out = topolab(&["check", "-"], Some(ZONED));
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        report["goals"][0]["counterexample"],
        serde_json::json!({"zones": ["a"], "down": ["web:api"]})
    );
    let zone_spofs: Vec<&Value> = report["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter(|w| w["kind"] == "zone_spof")
        .collect();
    assert_eq!(
        zone_spofs,
        [
            &serde_json::json!({"kind": "zone_spof", "nodes": ["api"], "zone": "a"}),
            &serde_json::json!({"kind": "zone_spof", "nodes": ["db"], "zone": "b"})
        ]
    );
    let out = topolab(&["advise", "-", "--goal", "all=0.99999"], Some(ZONED));
    let advice: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        advice["unreachable"][0]["limited_by_zones"],
        serde_json::json!(["a"])
    );
    let out = topolab(&["render", "-"], Some(ZONED));
    assert_eq!(text(&out.stdout).matches(r#"data-zone="a""#).count(), 3);
    let out = topolab(&["validate", "-"], Some(ZONED));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn bad_zone_fields_exit_2_naming_their_place() {
    let bad = ZONED
        .replace(r#"{"id": "b"}"#, r#"{"id": "b", "availability": 2}"#)
        .replace(r#""zones": ["b", "c"]"#, r#""zones": ["b", "x"]"#);
    let out = topolab(&["analyze", "-"], Some(&bad));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "error: zones[1].availability: 2 is not a probability above 0 and at most 1 (99.99% is 0.9999)\n\
         error: nodes[2].zones[1]: unknown zone \"x\"\n"
    );
}
