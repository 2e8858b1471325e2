//! Just enough of Rust's lexical rules to find functions and their length:
//! comments, strings, raw strings and character literals are blanked (their
//! newlines kept) so that only real braces are counted.

/// A function found in a file: its name, first line (1-based) and length in lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    pub name: String,
    pub line: usize,
    pub lines: usize,
}

/// Every function with a body in `text`, nested ones included.
pub fn functions(text: &str) -> Vec<Function> {
    let code = blank_literals(text);
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(pos) = code[at..].find("fn ") {
        let start = at + pos;
        at = start + 3;
        let keyword = start == 0 || !is_ident(bytes[start - 1]);
        let name: String = code[at..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !keyword || name.is_empty() {
            continue;
        }
        if let Some(end) = body_end(bytes, at) {
            let line = line_of(bytes, start);
            found.push(Function {
                name,
                line,
                lines: line_of(bytes, end) - line + 1,
            });
        }
    }
    found
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes[..at].iter().filter(|b| **b == b'\n').count() + 1
}

/// The closing brace of the body that follows a signature at `from`, or
/// `None` for a declaration without a body (ending in `;`).
fn body_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut nesting = 0isize; // parentheses and brackets of the signature
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match b {
            b'(' | b'[' => nesting += 1,
            b')' | b']' => nesting -= 1,
            b';' if depth == 0 && nesting == 0 => return None,
            b'{' => depth += 1,
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `text` with every comment and literal's characters replaced by spaces,
/// newlines kept, so positions and line numbers stay as they were.
fn blank_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let end = literal_end(&chars, i);
        if end == i {
            out.push(chars[i]);
            i += 1;
        } else {
            for &c in &chars[i..end] {
                out.push(if c == '\n' { '\n' } else { ' ' });
            }
            i = end;
        }
    }
    out
}

/// Where the comment or literal starting at `i` ends (exclusive); `i` when none starts there.
fn literal_end(c: &[char], i: usize) -> usize {
    let at = |k: usize| c.get(k).copied().unwrap_or('\0');
    match (at(i), at(i + 1)) {
        ('/', '/') => (i..c.len()).find(|&k| c[k] == '\n').unwrap_or(c.len()),
        ('/', '*') => block_comment_end(c, i),
        ('"', _) => quoted_end(c, i + 1, '"'),
        ('r', '"') | ('r', '#') if i == 0 || !is_ident_char(at(i - 1)) => raw_end(c, i + 1),
        ('b', '"') if i == 0 || !is_ident_char(at(i - 1)) => quoted_end(c, i + 2, '"'),
        ('\'', _) => char_end(c, i),
        _ => i,
    }
}

fn is_ident_char(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

fn block_comment_end(c: &[char], i: usize) -> usize {
    let mut depth = 0;
    let mut k = i;
    while k + 1 < c.len() {
        if c[k] == '/' && c[k + 1] == '*' {
            depth += 1;
            k += 2;
        } else if c[k] == '*' && c[k + 1] == '/' {
            depth -= 1;
            k += 2;
            if depth == 0 {
                return k;
            }
        } else {
            k += 1;
        }
    }
    c.len()
}

fn quoted_end(c: &[char], mut k: usize, quote: char) -> usize {
    while k < c.len() {
        match c[k] {
            '\\' => k += 2,
            ch if ch == quote => return k + 1,
            _ => k += 1,
        }
    }
    c.len()
}

/// A raw string `r#"..."#` from just after its `r`; not a raw string: where it began.
fn raw_end(c: &[char], mut k: usize) -> usize {
    let start = k - 1;
    let hashes = c[k..].iter().take_while(|&&ch| ch == '#').count();
    k += hashes;
    if c.get(k) != Some(&'"') {
        return start; // `r#ident`, a raw identifier
    }
    k += 1;
    while k < c.len() {
        if c[k] == '"'
            && c[k + 1..]
                .iter()
                .take(hashes)
                .filter(|&&h| h == '#')
                .count()
                == hashes
        {
            return k + 1 + hashes;
        }
        k += 1;
    }
    c.len()
}

/// A character literal (`'a'`, `'\n'`, `'\u{1F600}'`); a lifetime is not one.
fn char_end(c: &[char], i: usize) -> usize {
    match (c.get(i + 1), c.get(i + 2)) {
        (Some('\\'), _) => (i + 2..c.len())
            .find(|&k| c[k] == '\'')
            .map_or(i, |k| k + 1),
        (Some(_), Some('\'')) => i + 3,
        _ => i,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn braces_in_strings_and_comments_do_not_count() {
        let text =
            "fn a() {\n    let s = \"}\"; // }\n    let c = '}';\n    /* } */\n}\nfn b() {}\n";
        let found = functions(text);
        assert_eq!(
            found[0],
            Function {
                name: "a".into(),
                line: 1,
                lines: 5
            }
        );
        assert_eq!(
            found[1],
            Function {
                name: "b".into(),
                line: 6,
                lines: 1
            }
        );
    }

    #[test]
    fn declarations_without_a_body_and_lifetimes_are_skipped() {
        let text = "trait T { fn x(&self); }\nfn y<'a>(s: &'a str) -> &'a str {\n    s\n}\n";
        let found = functions(text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0],
            Function {
                name: "y".into(),
                line: 2,
                lines: 3
            }
        );
    }

    #[test]
    fn raw_strings_are_blanked() {
        let text = "fn z() {\n    let s = r#\"{ \"quoted\" {\"#;\n}\n";
        assert_eq!(functions(text)[0].lines, 3);
    }
}
