//! `docs/keys.md`: the keymap as Markdown tables, in English and in Chinese.
//! A test (`crates/editor/tests/keymap.rs`) fails when the file differs from
//! what this writes, so the document cannot drift from the keys.

use std::fmt::Write;

use super::{Group, Shortcut, KEYMAP};
use topolab_engine::i18n::{l, Lang, Localized};

const TITLE: Localized = l("Keyboard shortcuts", "键盘快捷键");
const KEYS: Localized = l("Keys", "按键");
const WHERE: Localized = l("Where", "适用场合");
const WHAT: Localized = l("What it does", "作用");
const IN_HELP: Localized = l("In the help (?)", "列在帮助中（?）");
const YES: Localized = l("yes", "是");
const NO: Localized = l("no", "否");
const OR: Localized = l("or", "或");

/// The whole document.
pub fn markdown() -> String {
    let mut out = String::from(
        "<!-- Written from crates/editor/src/keymap/table.rs; do not edit by hand.\n     \
         After changing the keymap: UPDATE_KEYS=1 cargo test -p topolab-editor --test keymap -->\n",
    );
    for lang in Lang::ALL {
        write_language(&mut out, lang);
    }
    out
}

fn write_language(out: &mut String, lang: Lang) {
    let _ = write!(out, "\n# {}\n", TITLE.get(lang));
    for group in Group::ALL {
        let _ = write!(out, "\n## {}\n\n", group.title().get(lang));
        let header = [KEYS, WHERE, WHAT, IN_HELP].map(|h| h.get(lang));
        let _ = writeln!(out, "| {} |", header.join(" | "));
        out.push_str("|---|---|---|---|\n");
        for shortcut in KEYMAP.iter().filter(|s| s.group == group) {
            write_row(out, shortcut, lang);
        }
    }
}

fn write_row(out: &mut String, shortcut: &Shortcut, lang: Lang) {
    let keys: Vec<String> = shortcut
        .combos(lang)
        .iter()
        .map(|combo| {
            let caps: Vec<String> = combo
                .iter()
                .map(|k| format!("<kbd>{}</kbd>", cell(k)))
                .collect();
            caps.join("+")
        })
        .collect();
    let help = if shortcut.help { YES } else { NO };
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |",
        keys.join(&format!(" {} ", OR.get(lang))),
        cell(shortcut.context.describe().get(lang)),
        cell(shortcut.label.get(lang)),
        help.get(lang)
    );
}

/// `text` safe in a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}
