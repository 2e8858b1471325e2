//! The repository's conventions, checked over every file it holds: a failure
//! lists each place that breaks one, with what to do about it.

use std::path::{Path, PathBuf};

use topolab_tidy::{
    issue_numbers, long_functions, missing_module_doc, outside_paths, stale_paths, Finding,
};

/// Folders that are built, installed or fetched, not written.
const SKIPPED: [&str; 5] = ["target", "node_modules", "dist", ".git", "test-results"];

/// Text files whose words a reader reads: code, scripts, styles and documents.
const TEXT: [&str; 9] = ["rs", "mjs", "js", "css", "html", "md", "toml", "sh", "yml"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file below `dir`, as paths relative to the root.
fn files(dir: &Path, found: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !SKIPPED.contains(&name.as_str()) && !name.starts_with("wt-") {
                files(&path, found);
            }
        } else if let Ok(rel) = path.strip_prefix(root()) {
            found.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn repository() -> Vec<(String, String)> {
    let mut paths = Vec::new();
    files(&root(), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter(|p| is_text(p))
        .filter_map(|p| {
            std::fs::read_to_string(root().join(&p))
                .ok()
                .map(|t| (p, t))
        })
        .collect()
}

fn is_text(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e);
    ext.is_some_and(|e| TEXT.contains(&e)) || matches!(path, "dev" | ".ci/run")
}

fn report(what: &str, findings: Vec<Finding>) {
    let list: Vec<String> = findings.iter().map(Finding::to_string).collect();
    assert!(list.is_empty(), "{what}:\n{}", list.join("\n"));
}

#[test]
fn the_repository_holds_the_files_it_is_checked_on() {
    let files = repository();
    for must in [
        "README.md",
        "Cargo.toml",
        "crates/web/src/lib.rs",
        "crates/engine/src/lib.rs",
    ] {
        assert!(files.iter().any(|(p, _)| p == must), "{must} not found");
    }
}

#[test]
fn every_rust_file_opens_with_a_module_doc() {
    let found = repository()
        .iter()
        .filter(|(p, _)| p.ends_with(".rs"))
        .filter_map(|(p, t)| missing_module_doc(p, t))
        .collect();
    report("Rust files without a module doc", found);
}

#[test]
fn no_text_names_an_issue_by_its_number() {
    let found = repository()
        .iter()
        .flat_map(|(p, t)| issue_numbers(p, t))
        .collect();
    report("issue numbers (name the feature instead)", found);
}

#[test]
fn no_text_points_outside_the_repository() {
    let found = repository()
        .iter()
        .flat_map(|(p, t)| outside_paths(p, t))
        .collect();
    report("paths outside the repository", found);
}

#[test]
fn every_repository_path_a_text_names_exists() {
    let exists = |p: &str| root().join(p).exists();
    let found = repository()
        .iter()
        // The tidy crate's own examples name paths that are not there on purpose.
        .filter(|(p, _)| !p.starts_with("crates/tidy/"))
        .flat_map(|(p, t)| stale_paths(p, t, exists))
        .collect();
    report("paths that do not exist", found);
}

#[test]
fn no_web_app_function_is_longer_than_the_limit() {
    let found = repository()
        .iter()
        .filter(|(p, _)| p.starts_with("crates/web/src/") && p.ends_with(".rs"))
        .flat_map(|(p, t)| long_functions(p, t))
        .collect();
    report("web-app functions over the limit", found);
}
