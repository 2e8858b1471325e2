//! The exports: the app's SVG and Mermaid are what the CLI's
//! `topolab render` prints, the JSON reads back equal, the PNG is twice the SVG.

use std::io::Write;
use std::process::{Command, Stdio};

use topolab_engine::export::{self, png_size, Format};
use topolab_engine::presets::PRESETS;
use topolab_engine::render::view_box;
use topolab_engine::{analyze, parse_document, Document};

/// `topolab render -` (with `extra` arguments) of `doc`, as the CLI prints it.
fn cli_render(doc: &Document, extra: &[&str]) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_topolab"))
        .args(["render", "-"])
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("topolab runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(doc.to_json().as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("topolab exits");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The cluster preset with two of its three app servers killed and the database down.
fn killed_cluster() -> Document {
    let mut doc = PRESETS
        .iter()
        .find(|p| p.name == "cluster")
        .expect("the cluster preset")
        .document();
    for node in doc.nodes.iter_mut() {
        match node.id.as_str() {
            "app1" | "app2" => node.killed = vec![0],
            "db" => node.killed = (0..node.replicas()).collect(),
            _ => {}
        }
    }
    parse_document(&doc.to_json()).expect("still a valid document")
}

#[test]
fn the_apps_svg_export_is_what_topolab_render_prints() {
    for doc in PRESETS
        .iter()
        .map(|p| p.document())
        .chain([killed_cluster()])
    {
        let app = export::svg(&doc, &analyze(&doc));
        assert_eq!(app, cli_render(&doc, &[]), "{:?}", doc.title);
    }
    let doc = killed_cluster();
    let svg = export::svg(&doc, &analyze(&doc));
    assert!(
        svg.contains("status-down"),
        "the live statuses are drawn: {svg:.400}"
    );
}

#[test]
fn the_apps_mermaid_export_is_what_topolab_render_prints() {
    let doc = killed_cluster();
    let app = export::mermaid(&doc, &analyze(&doc));
    assert_eq!(app, cli_render(&doc, &["--format", "mermaid"]));
    assert!(app.starts_with("flowchart"), "{app}");
    assert!(app.contains("class ") && app.contains(" down"), "{app}");
}

#[test]
fn the_json_export_reads_back_as_the_same_document() {
    for doc in PRESETS
        .iter()
        .map(|p| p.document())
        .chain([killed_cluster()])
    {
        let text = export::json(&doc);
        assert!(text.ends_with("}\n"), "{text:.80}");
        assert!(text.contains("\n  \"nodes\""), "pretty: {text:.200}");
        assert_eq!(parse_document(&text).as_ref(), Ok(&doc));
    }
}

#[test]
fn the_svg_is_as_large_as_its_view_box_and_the_png_twice_that() {
    for preset in PRESETS {
        let doc = preset.document();
        let (x, y, w, h) = view_box(&doc);
        let svg = export::svg(&doc, &analyze(&doc));
        assert!(
            svg.starts_with(&format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x} {y} {w} {h}" width="{w}" height="{h}""#
            )),
            "{}: {svg:.200}",
            preset.name
        );
        let png = png_size(w, h);
        assert_eq!(
            (f64::from(png.width), f64::from(png.height)),
            (2.0 * w, 2.0 * h),
            "{}",
            preset.name
        );
    }
}

#[test]
fn every_export_is_named_after_the_title() {
    let doc = killed_cluster();
    let name = export::file_name(doc.title.as_deref(), Format::Png.extension());
    assert_eq!(
        name,
        "Cluster the same app on three servers behind a load balancer.png"
    );
    assert_eq!(
        export::file_name(Document::default().title.as_deref(), "json"),
        "topolab-diagram.json"
    );
}

/// The pretty JSON is serde_json's pretty printer's, byte for byte: every preset in both
/// languages, and a document whose `extra` holds what could trip a re-layout (empty and
/// nested containers, quotes, backslashes, braces and commas inside strings, Chinese).
#[test]
fn pretty_json_is_serde_jsons() {
    use topolab_engine::i18n::Lang;
    let mut docs: Vec<Document> = PRESETS
        .iter()
        .flat_map(|p| [p.document_in(Lang::En), p.document_in(Lang::Zh)])
        .collect();
    let tricky = serde_json::json!({
        "format": "topolab/1",
        "title": "a \"quoted\" {title}, [with] : commas \\ and 中文",
        "nodes": [
            {"id": "a", "kind": "service", "x": 1.5, "y": -2,
             "extra": {"empty": {}, "list": [], "nested": [[1, 2], {"k": [{}]}], "s": "\\\"}{][,:"}}
        ],
        "links": [],
        "extra": {"n": null, "t": true, "f": 1e-7, "big": 12345678901234567890u64}
    });
    docs.push(parse_document(&tricky.to_string()).expect("the tricky document is valid"));
    for doc in &docs {
        let expected = serde_json::to_string_pretty(doc).expect("serialises");
        assert_eq!(doc.to_json_pretty(), expected);
    }
}
