//! The YAML reader's constructs, errors and bounds.

use super::*;

fn one(text: &str) -> Value {
    match parse(text) {
        Ok(mut docs) if docs.len() == 1 => docs.remove(0),
        other => panic!("expected one document from {text:?}, got {other:?}"),
    }
}

fn s(text: &str) -> Value {
    Value::String(text.to_string())
}

fn int(n: i64) -> Value {
    Value::Number(Number::Int(n))
}

fn seq(items: Vec<Value>) -> Value {
    Value::Sequence(items)
}

fn map(pairs: Vec<(&str, Value)>) -> Value {
    Value::Mapping(Mapping {
        entries: pairs.into_iter().map(|(k, v)| (s(k), v)).collect(),
    })
}

fn error_line(text: &str) -> (usize, String) {
    match parse(text) {
        Err(ImportError::Syntax {
            line: Some(line),
            message,
        }) => (line, message),
        other => panic!("expected a syntax error from {text:?}, got {other:?}"),
    }
}

#[test]
fn block_mappings_and_sequences() {
    let text = "\
# a comment
services:
  web:
    image: nginx   # trailing comment

    ports:
    - 8080:80
    - \"443:443\"
  db:
    environment:
      - name: A
        value: x
      - name: B
list:
  - - a
    - b
  - c
";
    assert_eq!(
        one(text),
        map(vec![
            (
                "services",
                map(vec![
                    (
                        "web",
                        map(vec![
                            ("image", s("nginx")),
                            ("ports", seq(vec![s("8080:80"), s("443:443")])),
                        ])
                    ),
                    (
                        "db",
                        map(vec![(
                            "environment",
                            seq(vec![
                                map(vec![("name", s("A")), ("value", s("x"))]),
                                map(vec![("name", s("B"))]),
                            ])
                        )])
                    ),
                ])
            ),
            ("list", seq(vec![seq(vec![s("a"), s("b")]), s("c")])),
        ])
    );
}

#[test]
fn plain_scalars_are_typed_by_the_core_schema() {
    let v = one("a: ~\nb:\nc: null\nd: true\ne: False\nf: 42\ng: -7\nh: 0x1F\ni: 0o17\nj: 3.8\nk: .5\nl: 1e3\nm: .inf\nn: yes\no: 1.2.3\np: 18446744073709551615\n");
    let get = |k: &str| v.get(k).cloned();
    assert_eq!(get("a"), Some(Value::Null));
    assert_eq!(get("b"), Some(Value::Null));
    assert_eq!(get("c"), Some(Value::Null));
    assert_eq!(get("d"), Some(Value::Bool(true)));
    assert_eq!(get("e").and_then(|v| v.as_bool()), Some(false));
    assert_eq!(v.get("f").and_then(Value::as_i64), Some(42));
    assert_eq!(v.get("g").and_then(Value::as_i64), Some(-7));
    assert_eq!(v.get("g").and_then(Value::as_u64), None);
    assert_eq!(v.get("h").and_then(Value::as_u64), Some(31));
    assert_eq!(v.get("i").and_then(Value::as_i64), Some(15));
    assert_eq!(v.get("j").and_then(Value::as_f64), Some(3.8));
    assert_eq!(v.get("j").and_then(Value::as_i64), None);
    assert_eq!(v.get("k").and_then(Value::as_f64), Some(0.5));
    assert_eq!(v.get("l").and_then(Value::as_f64), Some(1000.0));
    assert_eq!(v.get("m").and_then(Value::as_f64), Some(f64::INFINITY));
    assert_eq!(get("n"), Some(s("yes")));
    assert_eq!(get("o"), Some(s("1.2.3")));
    assert_eq!(v.get("p").and_then(Value::as_u64), Some(u64::MAX));
    assert_eq!(Number::Float(1000.0).to_string(), "1000.0");
    assert_eq!(Number::Float(3.8).to_string(), "3.8");
}

#[test]
fn quoted_scalars_and_escapes() {
    let v = one(concat!(
        "a: 'it''s # not a comment'\n",
        "b: \"tab\\there\\n\\\"q\\\" \\\\ \\u00e9 \\ud83d\\ude00 \\x41\"\n",
        "c: \"3.8\"\n",
        "d: 'one\n  two\n\n  three'\n",
        "e: \"joined\\\n   here\"\n",
        "'quoted key': 1\n",
        "\"k\": 2\n",
    ));
    assert_eq!(v.get("a"), Some(&s("it's # not a comment")));
    assert_eq!(v.get("b"), Some(&s("tab\there\n\"q\" \\ é 😀 A")));
    assert_eq!(v.get("c"), Some(&s("3.8")));
    assert_eq!(v.get("d"), Some(&s("one two\nthree")));
    assert_eq!(v.get("e"), Some(&s("joinedhere")));
    assert_eq!(v.get("quoted key"), Some(&int(1)));
    assert_eq!(v.get("k"), Some(&int(2)));
}

#[test]
fn multi_line_plain_scalars_fold() {
    let v = one("a: one\n  two\n\n  three\nb: x\n");
    assert_eq!(v.get("a"), Some(&s("one two\nthree")));
    assert_eq!(v.get("b"), Some(&s("x")));
}

#[test]
fn block_scalars_with_chomping_and_indentation() {
    let v = one(concat!(
        "lit: |\n  line 1\n    indented\n  line 3\n\n",
        "fold: >\n  folded\n  text\n\n  para\n",
        "strip: |-\n  x\n\n",
        "keep: |+\n  x\n\n",
        "explicit: |2\n    two more\n  base\n",
        "empty: |\n",
        "after: end\n",
    ));
    assert_eq!(v.get("lit"), Some(&s("line 1\n  indented\nline 3\n")));
    assert_eq!(v.get("fold"), Some(&s("folded text\npara\n")));
    assert_eq!(v.get("strip"), Some(&s("x")));
    assert_eq!(v.get("keep"), Some(&s("x\n\n")));
    assert_eq!(v.get("explicit"), Some(&s("  two more\nbase\n")));
    assert_eq!(v.get("empty"), Some(&s("")));
    assert_eq!(v.get("after"), Some(&s("end")));
    let v = one("- >-\n  a\n  b\n- c\n");
    assert_eq!(v, seq(vec![s("a b"), s("c")]));
}

#[test]
fn flow_collections_nest_and_span_lines() {
    let v = one("a: [1, two, \"three\", [x, y], {k: v}]\nb: {x: 1,\n  y: [2,\n    3], z}\nc: []\nd: {}\ne: [a: 1]\nf: {\"j\":\"son\"}\ng: [http://x:80/, 'q']\n");
    assert_eq!(
        v.get("a"),
        Some(&seq(vec![
            int(1),
            s("two"),
            s("three"),
            seq(vec![s("x"), s("y")]),
            map(vec![("k", s("v"))]),
        ]))
    );
    assert_eq!(
        v.get("b"),
        Some(&map(vec![
            ("x", int(1)),
            ("y", seq(vec![int(2), int(3)])),
            ("z", Value::Null),
        ]))
    );
    assert_eq!(v.get("c"), Some(&seq(vec![])));
    assert_eq!(v.get("d"), Some(&map(vec![])));
    assert_eq!(v.get("e"), Some(&seq(vec![map(vec![("a", int(1))])])));
    assert_eq!(v.get("f"), Some(&map(vec![("j", s("son"))])));
    assert_eq!(v.get("g"), Some(&seq(vec![s("http://x:80/"), s("q")])));
}

#[test]
fn documents_directives_and_tags() {
    let docs = parse("%YAML 1.2\n---\na: 1\n...\n---\n# only a comment\n---\n- !!str 42\n- !Ref name\n- !!int 7\n- ! x\ntagged: !!map\n").err();
    // `tagged:` after a top-level sequence is not part of it.
    assert!(docs.is_some());
    let docs = parse("%YAML 1.2\n---\na: 1\n...\n---\n# only a comment\n---\n- !!str 42\n- !Ref name\n- !!int 7\n--- !!map\nb: 2\n").unwrap_or_default();
    assert_eq!(docs.len(), 4);
    assert_eq!(docs[0], map(vec![("a", int(1))]));
    assert_eq!(docs[1], Value::Null);
    assert_eq!(docs[2], seq(vec![s("42"), s("name"), int(7)]));
    assert_eq!(docs[3], map(vec![("b", int(2))]));
    assert_eq!(parse("").ok(), Some(vec![]));
    assert_eq!(parse("# nothing\n\n").ok(), Some(vec![]));
    assert_eq!(
        one("\u{feff}a: 1\r\nb: 2\r\n"),
        map(vec![("a", int(1)), ("b", int(2))])
    );
}

#[test]
fn anchors_aliases_and_merges() {
    let v = one(concat!(
        "base: &base\n  image: app\n  replicas: 2\n",
        "extra: &extra {replicas: 9, tier: web}\n",
        "one:\n  <<: *base\n  replicas: 3\n",
        "two:\n  <<: [*extra, *base]\n",
        "copy: *base\n",
        "scalar: &s hello\n",
        "again: *s\n",
        "x-common: &common\n  environment:\n    - A=1\n",
        "services:\n  web:\n    <<: *common\n    image: nginx\n",
    ));
    assert_eq!(
        v.get("one"),
        Some(&map(vec![("replicas", int(3)), ("image", s("app")),]))
    );
    assert_eq!(
        v.get("two"),
        Some(&map(vec![
            ("replicas", int(9)),
            ("tier", s("web")),
            ("image", s("app")),
        ]))
    );
    assert_eq!(v.get("copy"), v.get("base"));
    assert_eq!(v.get("again"), Some(&s("hello")));
    let web = v.get("services").and_then(|s| s.get("web"));
    assert_eq!(
        web.and_then(|w| w.get("environment")),
        Some(&seq(vec![s("A=1")]))
    );
    assert_eq!(web.and_then(|w| w.get("image")), Some(&s("nginx")));
}

#[test]
fn sequences_may_sit_at_their_keys_indentation() {
    let v = one("spec:\n  containers:\n  - name: a\n    image: x\n  - name: b\n  volumes: []\n");
    let spec = v.get("spec");
    assert_eq!(
        spec.and_then(|s| s.get("containers"))
            .and_then(Value::as_sequence)
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(spec.and_then(|s| s.get("volumes")), Some(&seq(vec![])));
}

#[test]
fn non_string_keys() {
    let v = one("1: one\ntrue: yes\n~: nothing\n");
    let m = v.as_mapping().cloned().unwrap_or_default();
    assert_eq!(m.get(&int(1)), Some(&s("one")));
    assert_eq!(m.get(&Value::Bool(true)), Some(&s("yes")));
    assert_eq!(m.get(&Value::Null), Some(&s("nothing")));
    assert_eq!(m.len(), 3);
}

#[test]
fn errors_name_their_line() {
    let cases: &[(&str, usize, &str)] = &[
        ("a: 1\n\tb: 2\n", 2, "tab"),
        ("a: 1\nb: 'open\n\nc: 3\n", 2, "never closed"),
        ("a: 1\nb: \"open\n", 2, "never closed"),
        ("a:\n  b: [1, 2\n", 2, "a [ opened here is never closed"),
        ("a:\n  b: {x: 1\n", 2, "a { opened here is never closed"),
        ("a: [1, [2]\n", 1, "a [ opened here is never closed"),
        ("a: {x: [1] y}\n", 1, "expected `,` or `}` in a { } mapping"),
        ("a:\n    b: 1\n  c: 2\n", 3, "indentation"),
        ("a: 1\na: 2\n", 2, "duplicate key `a`"),
        ("a: b: c\n", 1, "mapping"),
        ("a: *nothing\n", 1, "no anchor"),
        ("a: [[1] 2]\n", 1, "expected `,` or `]` in a [ ] list"),
        ("a: \"\\q\"\n", 1, "unknown escape"),
        ("x: 1\n<<: 3\n", 2, "merges"),
        ("- a\nb: 1\n", 2, "unexpected text"),
        ("a:\n  - x\n  b\n", 3, "bad indentation"),
        ("a: 1\n? b\n", 2, "complex"),
        ("a: 1\nb\n", 2, "expected `key: value`"),
        ("a: \"x\" y\n", 1, "unexpected text"),
        ("a: \u{1}\n", 1, "control character"),
    ];
    for (text, line, words) in cases {
        let (got, message) = error_line(text);
        assert_eq!(got, *line, "{text:?}: {message}");
        assert!(message.contains(words), "{text:?}: {message}");
    }
}

#[test]
fn alias_expansion_and_nesting_are_bounded() {
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let (_, message) = error_line(&bomb);
    assert!(message.contains("aliases expand"), "{message}");

    // A chain of anchors, each nesting the one before: bounded by depth.
    let mut chain = String::from("a0: &a0 x\n");
    for i in 1..300 {
        chain.push_str(&format!("a{i}: &a{i} [*a{}]\n", i - 1));
    }
    let (_, message) = error_line(&chain);
    assert!(message.contains("nests more than"), "{message}");

    let deep = format!("{}x\n", "- ".repeat(1000));
    let (line, message) = error_line(&deep);
    assert_eq!(line, 1);
    assert!(message.contains("nested"), "{message}");
    let deep_map: String = (0..1000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    assert!(parse(&deep_map).is_err());
    let fine: String = (0..100).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    assert!(parse(&fine).is_ok());
}

#[cfg(not(target_arch = "wasm32"))]
mod never_panics {
    use super::parse;
    use proptest::prelude::*;

    const SEED: &str = "\
version: '3.8'
x-base: &base {restart: always}
services:
  web:
    <<: *base
    image: \"nginx:1.25\"
    ports: [\"80:80\", 443]
    depends_on:
    - api
    environment:
      URL: http://api:8080/ # comment
  api:
    image: app
    command: >-
      run --fast
      now
    deploy: {replicas: 2}
---
kind: Service
data: |
  a: b
";

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn random_text(text in "[ \\t\\na-z0-9:#&*!|>\\-\\[\\]{},'\"\\\\?%@.~<]{0,200}") {
            let _ = parse(&text);
        }

        #[test]
        fn mutated_manifest(edits in proptest::collection::vec((0usize..400, 0usize..3, any::<char>()), 1..8)) {
            let mut text: Vec<char> = SEED.chars().collect();
            for (at, what, c) in edits {
                let at = at % (text.len() + 1);
                match what {
                    0 => text.insert(at, c),
                    1 if at < text.len() => { text.remove(at); }
                    _ if at < text.len() => text[at] = c,
                    _ => {}
                }
            }
            let text: String = text.into_iter().collect();
            let _ = parse(&text);
        }
    }
}
