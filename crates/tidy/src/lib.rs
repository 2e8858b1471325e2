//! The conventions that keep the repository readable, as functions a test runs
//! (`crates/tidy/tests/tidy.rs`), after rust-analyzer's tidy: every Rust file opens with a
//! module doc, no text names a tracker's issue number or a path outside the
//! repository, and no function of the web app grows past [`MAX_WEB_FN_LINES`].
//!
//! Each check takes a file's path and text and returns what is wrong with it,
//! so the test can report every problem at once, with its place.

mod lexer;

pub use lexer::functions;

/// The longest a function of the web app may be, in lines.
pub const MAX_WEB_FN_LINES: usize = 150;

/// A convention broken at a place: `path:line: what`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub path: String,
    pub line: usize,
    pub what: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.what)
    }
}

/// A Rust file whose first line of substance (after blank lines and inner
/// attributes) is not a `//!` module doc.
pub fn missing_module_doc(path: &str, text: &str) -> Option<Finding> {
    let first = text
        .lines()
        .enumerate()
        .find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with("#!["))?;
    (!first.1.trim_start().starts_with("//!")).then(|| Finding {
        path: path.to_string(),
        line: first.0 + 1,
        what: "no module doc: a Rust file opens with `//!` saying what it is for".into(),
    })
}

/// Every mention of an issue by its number ("issue", "issues" or "issue #"
/// followed by digits): a number only the tracker knows. Name the feature instead.
pub fn issue_numbers(path: &str, text: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lower = line.to_ascii_lowercase();
        let mut rest = lower.as_str();
        while let Some(at) = rest.find("issue") {
            let after = rest[at + 5..].trim_start_matches('s');
            let after = after.trim_start_matches([' ', '#']);
            let word_start = at == 0 || !rest.as_bytes()[at - 1].is_ascii_alphanumeric();
            if word_start && after.starts_with(|c: char| c.is_ascii_digit()) {
                found.push(Finding {
                    path: path.to_string(),
                    line: i + 1,
                    what: format!("an issue number: `{}`", line.trim()),
                });
                break;
            }
            rest = &rest[at + 5..];
        }
    }
    found
}

/// Places that lead out of the repository: the workplace's own folders, and
/// Markdown links whose relative target climbs above the repository's root.
pub fn outside_paths(path: &str, text: &str) -> Vec<Finding> {
    // Spelled in pieces so that this file does not name them itself.
    const OUTSIDE: [&str; 3] = [
        concat!("..", "/shared/"),
        concat!("/wo", "rk/"),
        concat!("shared", "/spec/"),
    ];
    let depth = path.matches('/').count();
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut say = |what: String| {
            found.push(Finding {
                path: path.to_string(),
                line: i + 1,
                what,
            })
        };
        if let Some(p) = OUTSIDE.iter().find(|p| line.contains(*p)) {
            say(format!("a path outside the repository (`{p}`)"));
        } else if path.ends_with(".md") {
            for target in markdown_targets(line) {
                if climbs_out(target, depth) {
                    say(format!("a link outside the repository: `{target}`"));
                }
            }
        }
    }
    found
}

/// The targets of `[text](target)` links on a line.
fn markdown_targets(line: &str) -> impl Iterator<Item = &str> {
    line.split("](").skip(1).filter_map(|s| s.split(')').next())
}

/// Whether a relative path, read in a folder `depth` levels below the root,
/// goes above the root.
fn climbs_out(target: &str, depth: usize) -> bool {
    if target.contains("://") || target.starts_with('#') || target.starts_with("mailto:") {
        return false;
    }
    let mut level = depth as isize;
    for part in target.split('/') {
        match part {
            ".." => level -= 1,
            "." | "" => {}
            _ => level += 1,
        }
        if level < 0 {
            return true;
        }
    }
    false
}

/// The repository's own paths a text names (`crates/web/src/app.rs`,
/// `docs/spec/`) that do not exist: a comment or document left behind by a
/// move. `exists` says whether a path, relative to the root, is there.
pub fn stale_paths(path: &str, text: &str, exists: impl Fn(&str) -> bool) -> Vec<Finding> {
    const ROOTS: [&str; 6] = ["crates/", "docs/", "tests/", "tools/", "bench/", "style/"];
    let mut found = Vec::new();
    // `include_str!("docs/a.json")` names a path relative to its own file.
    let lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.contains("include_"));
    for (i, line) in lines {
        for named in repository_paths(line, &ROOTS) {
            if !exists(named) {
                found.push(Finding {
                    path: path.to_string(),
                    line: i + 1,
                    what: format!("`{named}` does not exist: a path left behind by a move?"),
                });
            }
        }
    }
    found
}

/// The paths on a line that start at one of `roots` and name a file (with an
/// extension) or a folder (ending in `/`).
fn repository_paths<'a>(line: &'a str, roots: &[&str]) -> Vec<&'a str> {
    let is_path_char = |c: char| c.is_ascii_alphanumeric() || "_-./".contains(c);
    let mut found = Vec::new();
    for root in roots {
        for (at, _) in line.match_indices(root) {
            let before = line[..at].chars().next_back();
            if before.is_some_and(|c| is_path_char(c) || c == '.') {
                continue;
            }
            let len = line[at..]
                .find(|c: char| !is_path_char(c))
                .unwrap_or(line.len() - at);
            let named = line[at..at + len].trim_end_matches('.');
            let last = named.rsplit('/').next().unwrap_or("");
            if named.ends_with('/') || last.contains('.') {
                found.push(named);
            }
        }
    }
    found
}

/// The web app's functions longer than [`MAX_WEB_FN_LINES`].
pub fn long_functions(path: &str, text: &str) -> Vec<Finding> {
    functions(text)
        .into_iter()
        .filter(|f| f.lines > MAX_WEB_FN_LINES)
        .map(|f| Finding {
            path: path.to_string(),
            line: f.line,
            what: format!(
                "`{}` is {} lines (at most {MAX_WEB_FN_LINES}): split it by concern",
                f.name, f.lines
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(n: &str) -> String {
        format!("see {}{n} for why", "issue")
    }

    #[test]
    fn issue_numbers_are_found_in_every_spelling() {
        for n in [" 12", "s 5 and 8", " #3", "  7"] {
            assert_eq!(issue_numbers("a.rs", &issue(n)).len(), 1, "{n}");
        }
    }

    #[test]
    fn the_word_issue_alone_is_fine() {
        assert!(issue_numbers("a.rs", "a known issue with 3 nodes").is_empty());
        assert!(issue_numbers("a.rs", "tissue 4").is_empty());
    }

    #[test]
    fn links_that_climb_out_of_the_repository_are_found() {
        let up = "[spec](../../x.md)";
        assert_eq!(outside_paths("docs/a.md", up).len(), 1);
        assert!(outside_paths("docs/spec/a.md", up).is_empty());
        assert!(outside_paths("README.md", "[w](https://a.b/../../c)").is_empty());
    }

    #[test]
    fn a_file_without_a_module_doc_is_found() {
        assert!(missing_module_doc("a.rs", "#![allow(x)]\n//! Doc.\nfn a() {}").is_none());
        let found = missing_module_doc("a.rs", "\nuse std::fmt;\n").expect("found");
        assert_eq!(found.line, 2);
    }

    #[test]
    fn named_paths_that_do_not_exist_are_found() {
        let text = "see crates/web/src/app.rs and crates/gone.rs, docs/spec/ and x/crates/y.rs";
        let found = stale_paths("a.md", text, |p| p != "crates/gone.rs");
        assert_eq!(found.len(), 1);
        assert!(found[0].what.contains("`crates/gone.rs`"), "{}", found[0]);
        assert!(stale_paths("a.md", "in crates/web/src, word", |_| false).is_empty());
    }

    #[test]
    fn long_functions_are_found_with_their_length() {
        let body = "    let x = 1;\n".repeat(MAX_WEB_FN_LINES);
        let text = format!("fn long() {{\n{body}}}\nfn short() {{}}\n");
        let found = long_functions("a.rs", &text);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].what.contains("`long` is 152 lines"),
            "{}",
            found[0]
        );
    }
}
