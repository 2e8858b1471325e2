//! `topolab advise` (docs/spec/model.md §7): its output, its `--goal` options and
//! its exit statuses. The figures are worked out by hand from the spec.

use std::process::{Command, Output};

use serde_json::Value;

fn topolab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_topolab"))
        .args(args)
        .output()
        .expect("topolab runs")
}

fn example(name: &str) -> String {
    format!(
        "{}/../../docs/spec/examples/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// `json` written to a file of its own under the target directory.
fn file(name: &str, json: &str) -> String {
    let dir = format!("{}/advise-tests", env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(&dir).expect("a directory for test files");
    let path = format!("{dir}/{name}.json");
    std::fs::write(&path, json).expect("test file written");
    path
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json(out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on standard output")
}

fn close(value: &Value, expected: f64) {
    let got = value.as_f64().unwrap_or(f64::NAN);
    assert!((got - expected).abs() <= 1e-12, "{got} != {expected}");
}

#[test]
fn the_monolith_needs_one_more_app_and_one_more_database_for_four_nines() {
    // The monolith is app (0.999) in series with db (0.9995): 0.9985005.
    // Four nines need both doubled: (1 - 0.001^2) (1 - 0.0005^2), at a cost
    // of 1 (a service) + 2 (a database).
    let out = topolab(&["advise", &example("monolith"), "--goal", "all=4n"]);
    let advice = json(&out);
    let target = &advice["targets"][0];
    assert_eq!(target["function"], "all");
    close(&target["min"], 0.9999);
    close(&target["value"], 0.999 * 0.9995);
    assert_eq!(target["met"], false);
    for (option, name) in advice["options"]
        .as_array()
        .expect("options")
        .iter()
        .zip(["cheapest", "fewest_nodes"])
    {
        assert_eq!(option["name"], name);
        assert_eq!(
            option["add"],
            serde_json::json!([{"node": "app", "instances": 1}, {"node": "db", "instances": 1}])
        );
        close(&option["cost"], 3.0);
        close(&option["values"][0]["value"], (1.0 - 1e-6) * (1.0 - 2.5e-7));
        assert!(
            option.get("method").is_none(),
            "an exact option has no method"
        );
    }
    assert_eq!(advice["unreachable"], serde_json::json!([]));
    // Birnbaum: app matters as much as db is up, and db as much as app is.
    let nodes = &advice["importance"][0]["nodes"];
    assert_eq!(nodes[0]["id"], "app");
    close(&nodes[0]["birnbaum"], 0.9995);
    assert_eq!(nodes[1]["id"], "db");
    close(&nodes[1]["birnbaum"], 0.999);
    let sets = &advice["cut_sets"][0]["sets"];
    assert_eq!(sets[0]["nodes"], serde_json::json!(["app"]));
    close(&sets[0]["probability"], 0.001);
    assert_eq!(sets[1]["nodes"], serde_json::json!(["db"]));
    close(&sets[1]["probability"], 0.0005);
    assert_eq!(sets.as_array().map(Vec::len), Some(2));
}

#[test]
fn the_output_keeps_the_specs_field_order() {
    let out = topolab(&["advise", &example("monolith"), "--goal", "all=0.9999"]);
    let stdout = text(&out.stdout);
    let at = |key: &str| stdout.find(&format!("\"{key}\"")).unwrap_or(usize::MAX);
    let keys = [
        "targets",
        "options",
        "unreachable",
        "importance",
        "cut_sets",
    ];
    assert!(keys.windows(2).all(|w| at(w[0]) < at(w[1])), "{stdout}");
    let option = ["\"name\"", "\"add\"", "\"cost\"", "\"values\""]
        .map(|k| stdout.find(k).unwrap_or(usize::MAX));
    assert!(option.windows(2).all(|w| w[0] < w[1]), "{stdout}");
}

#[test]
fn an_unreachable_target_still_exits_0_and_names_the_external() {
    let doc = file(
        "external",
        r#"{"format": "topolab/1", "nodes": [
            {"id": "web", "kind": "client"},
            {"id": "api", "kind": "service", "capabilities": ["pay"]},
            {"id": "psp", "kind": "external"}],
          "links": [{"from": "web", "to": "api"}, {"from": "api", "to": "psp"}]}"#,
    );
    let advice = json(&topolab(&["advise", &doc, "--goal", "web:pay=3n"]));
    assert_eq!(advice["options"], serde_json::json!([]));
    let unreachable = &advice["unreachable"][0];
    assert_eq!(unreachable["function"], "web:pay");
    assert_eq!(unreachable["limited_by"], serde_json::json!(["psp"]));
    assert!(
        unreachable.get("limited_by_zones").is_none(),
        "no zones, no limited_by_zones"
    );
    // api with 9 instances of 0.999, times the external's default 0.99.
    close(&unreachable["best"], (1.0 - 0.001f64.powi(9)) * 0.99);
}

#[test]
fn the_documents_goals_are_the_targets_unless_goal_replaces_them() {
    let doc = file(
        "goals",
        r#"{"format": "topolab/1", "nodes": [
            {"id": "web", "kind": "client"},
            {"id": "api", "kind": "service", "capabilities": ["shop"]}],
          "links": [{"from": "web", "to": "api"}],
          "goals": [{"kind": "availability", "function": "web:shop", "nines": 2}]}"#,
    );
    let own = json(&topolab(&["advise", &doc]));
    assert_eq!(own["targets"][0]["function"], "web:shop");
    close(&own["targets"][0]["min"], 0.99);
    assert_eq!(own["targets"][0]["met"], true);
    let given = json(&topolab(&[
        "advise",
        &doc,
        "--goal",
        "all=0.9999999",
        "--goal=web:shop=0.5",
    ]));
    let functions: Vec<&Value> = given["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .map(|t| &t["function"])
        .collect();
    assert_eq!(functions, ["all", "web:shop"]);
    // api at 0.999 needs two more instances for 1 - 0.001^3 >= 0.9999999.
    assert_eq!(
        given["options"][0]["add"],
        serde_json::json!([{"node": "api", "instances": 2}])
    );
}

#[test]
fn a_bad_goal_is_exit_status_2_with_a_line_naming_it() {
    let out = topolab(&[
        "advise",
        &example("monolith"),
        "--goal",
        "nope=0.9",
        "--goal",
        "all=1.5",
        "--goal",
        "all",
        "--goal",
        "all=12n",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    for (line, goal) in lines.iter().zip(["nope=0.9", "all=1.5", "all", "all=12n"]) {
        assert!(
            line.starts_with(&format!("error: --goal {goal:?}: ")),
            "{line}"
        );
    }
    assert!(
        lines[0].contains("browser:catalog"),
        "lists the functions: {}",
        lines[0]
    );
}

#[test]
fn an_invalid_document_is_exit_status_2() {
    let doc = file(
        "invalid",
        r#"{"format": "topolab/1", "nodes": [{"id": "a", "kind": "servce"}]}"#,
    );
    let out = topolab(&["advise", &doc, "--goal", "all=3n"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).starts_with("error: nodes[0].kind"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn advise_has_its_help() {
    let out = topolab(&["advise", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    assert!(
        help.starts_with("Usage: topolab advise FILE [--goal F=MIN]..."),
        "{help}"
    );
    assert!(text(&topolab(&["--help"]).stdout).contains("topolab advise FILE"));
}
