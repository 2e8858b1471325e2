//! `topolab`: the command-line tool on the same model as the app, for article
//! authors who want the numbers or a static SVG (docs/spec/model.md §5).
//!
//! Exit status: 0 on success, 1 when `topolab check` finds a goal not met, 2 on
//! invalid input or usage, with one line per problem on standard error and
//! nothing on standard output.

use std::io::{Read, Write};
use std::process::ExitCode;

use topolab_engine::advise::{self, Target};
use topolab_engine::compare::{compare, Metric};
use topolab_engine::goals::check;
use topolab_engine::import::{import, Format};
use topolab_engine::layout::tidy;
use topolab_engine::sim::read_settings;
use topolab_engine::split::{split, SplitLink, SplitRequest};
use topolab_engine::{
    analyze, effective_functions, export, parse_document, single_page, Document, Function,
    Threshold,
};

const USAGE: &str = "\
topolab: availability and coupling of a topolab/1 diagram

Usage:
  topolab analyze FILE      print the analysis as JSON
  topolab validate FILE     check a document; print every problem
  topolab check FILE        judge the document's goals; print the verdicts and
                            warnings as JSON
  topolab advise FILE [--goal F=MIN]...
                            what more instances would meet the availability goals,
                            what limits them, which nodes matter most, as JSON
  topolab split FILE --node V --capabilities a,b [--link requires|async|none] [--own-database]
                            print the document with V's capabilities a,b moved to a new service
  topolab render FILE [--format svg|mermaid|html] [--html] [--app PATH]
                            print a standalone SVG of the diagram, Mermaid flowchart text,
                            or the app as one HTML page with the diagram in it
  topolab compare A B       print two documents' figures side by side as JSON
  topolab import FILE [--format compose|k8s|otel]
                            print a docker-compose file, Kubernetes manifests or an
                            OpenTelemetry dependency list as a topolab/1 document
  topolab tidy FILE         print the document laid out again, left to right
  topolab COMMAND --help    more about one command

FILE is a path, or - for standard input.
Exit status: 0 on success, 1 when `check` finds a goal not met, 2 on an invalid
document or a usage error.";

const ANALYZE_HELP: &str = "\
Usage: topolab analyze FILE

Prints one JSON object: every function's live status, expected and design
availability and downtime per year; the system's `all` and `mean`; per node its
live state, coupling (ca, ce, instability, async in/out, sync depth), whether it
is a single point of failure and its blast radius; shared stores, cycles and the
longest synchronous chain. Exact to 1e-12, or Monte Carlo with a 95% interval
(`method` and `ci95` say which) for diagrams too large to enumerate.";

const VALIDATE_HELP: &str = "\
Usage: topolab validate FILE

Checks FILE against the topolab/1 rules and prints every problem, one a line,
each naming its place (e.g. `links[3].to: no node with id \"paymnts\"`).
Exit status 0 when valid, 2 when not.

The traffic simulation's settings (`extra.sim` of a node, link or function) are
checked too, and each bad one is a `warning:` line on standard error: docs/spec/model.md
keeps `extra` as it is, so they never make a document invalid (exit status 0),
but the app's Traffic and `simulate` refuse a document that has them.";

const CHECK_HELP: &str = "\
Usage: topolab check FILE

Judges the document's goals (its `goals` list) and prints one JSON object:
  {\"met\": false,
   \"goals\": [{\"index\": 0, \"id\": \"g1\", \"kind\": \"availability\",
              \"met\": false, \"value\": 0.99851},
             {\"index\": 1, \"kind\": \"survive\", \"met\": false,
              \"counterexample\": {\"instances\": [[\"db\", 0]], \"down\": [\"web:checkout\"]}}],
   \"warnings\": [{\"kind\": \"shared_store\", \"nodes\": [\"shop-db\"]}]}
The goal kinds and their fields:
  availability       function (absent: the system's all), min or nines: the
                     expected availability is at least min (nines 3 = 0.999)
  survive            failures (1-3), of (instances or nodes), functions (absent:
                     all): every function working now still works after any
                     set of that many failures; if not, the first set that
                     breaks one, in node then instance order, is the
                     counterexample, with the functions it takes down
  no_spof            no single point of failure
  max_sync_depth     max: the longest chain of requires links is at most max
  no_shared_stores   no database or cache shared by different services
  no_cycles          no cycle of synchronous calls
  budget             max_cost: replicas x cost summed over the nodes is at most
                     max_cost (a node's cost: 2 for a database, 1 otherwise)
`value` is the measured figure of availability, max_sync_depth and budget.
Warnings, always listed: shared_store, cycle, deep_sync_chain (sync depth 4 or
more), client_to_store, spof, external_on_path.
Exit status: 0 when every goal is met (also when there are none), 1 when one
is not, 2 on an invalid document.";

const ADVISE_HELP: &str = "\
Usage: topolab advise FILE [--goal F=MIN]...

Prints what it would take to meet availability targets by adding instances
(1 to 8 more, up to 64, to any node but a client or an external; the cost of
a change is the sum of instances x cost), as one JSON object:
  {\"targets\": [{\"function\": \"web:checkout\", \"min\": 0.9999, \"value\": 0.99851,
                \"met\": false}],
   \"options\": [{\"name\": \"cheapest\", \"add\": [{\"node\": \"db\", \"instances\": 1}],
                \"cost\": 2, \"values\": [{\"function\": \"web:checkout\", \"value\": 0.9999}]},
               {\"name\": \"fewest_nodes\", ...}],
   \"unreachable\": [{\"function\": \"web:pay\", \"best\": 0.9899,
                    \"limited_by\": [\"payments-api\"]}],
   \"importance\": [{\"function\": \"web:checkout\",
                   \"nodes\": [{\"id\": \"db\", \"birnbaum\": 0.998}]}],
   \"cut_sets\": [{\"function\": \"web:checkout\",
                 \"sets\": [{\"nodes\": [\"db\"], \"probability\": 0.0005}]}]}
`cheapest` is the change of least cost that meets every target, `fewest_nodes`
the one changing fewest nodes (then least cost); each says \"method\":
\"heuristic\" when the search ran out of steps before proving it optimal.
`unreachable`: targets no change meets, their best value and the nodes that
may not change (externals, nodes at 64) that hold them back. `importance`:
Birnbaum importance of each node (P(works | node alive) - P(works | node
dead)). `cut_sets`: up to 10 smallest sets of at most 3 nodes whose loss takes
the function down, most likely first.
  --goal F=MIN   a target: function id F (all for the system), MIN a
                 probability between 0 and 1 or Nn for N nines (4n = 0.9999);
                 repeatable, and replaces the document's availability goals
Exit status: 0 (also when a target cannot be met), 2 on an invalid document or
a bad --goal.";

const SPLIT_HELP: &str = "\
Usage: topolab split FILE --node V --capabilities a,b [--link requires|async|none] [--own-database]

Moves the capabilities a,b of service V to a new service, twins V's incoming
routes, and prints the new document.
  --node V             the service to split
  --capabilities a,b   the capabilities that move (not all of V's)
  --link KIND          how V reaches the new service: requires (a synchronous
                       call, the default), async (through a new queue) or none
  --own-database       give the new service its own database instead of
                       sharing V's databases and caches";

const RENDER_HELP: &str = "\
Usage: topolab render FILE [--format svg|mermaid|html] [--html] [--app PATH]

Prints a drawing of the diagram, nodes marked by their live status:
  --format svg       a standalone SVG (the default): the app's drawing, styles
                     inline, text as text
  --format mermaid   Mermaid flowchart text for Markdown: a shape per node kind,
                     an arrow style per link kind, killed instances in the label
  --format html      the whole app as one HTML file that opens from disk with
                     this diagram in it (the app's \"Download this diagram as a
                     page\"); --html says the same
  --app PATH         the single-file app page to put the diagram in (default
                     dist/topolab.html, which ./dev release makes)";

const COMPARE_HELP: &str = "\
Usage: topolab compare A B

Analyzes documents A and B (paths; one of them may be - for standard input)
and prints their figures side by side as one JSON object:
  {\"a\": \"A\", \"b\": \"B\",
   \"functions\": [{\"a\": \"browser:orders\", \"b\": \"browser:orders\", \"label\": \"orders\",
                  \"matched_by\": \"id\", \"rows\": [ROW, ...]}],
   \"rows\": [ROW, ...]}
where each ROW is
  {\"metric\": \"system_all\", \"direction\": \"higher\", \"a\": 0.9985, \"b\": 0.998,
   \"differs\": true, \"better\": \"a\"}
`functions`: A's functions in order, then those only in B; paired by id, else
by client and capability or by capability (`matched_by` \"capability\"), else by
label; one found on one side only has null for the other side and its values.
Each function's rows, in this order: {FUNCTION_ROWS}.
`rows`, the whole document's, in this order: {DOCUMENT_ROWS}.
A value is a number, a string (a status, a method), a list of node ids
(shared_stores, spof_nodes) or a list of lists (cycles). `direction` is higher,
lower or none; `better` is a, b or null (equal, no direction, or one side
only), lists compared by their length. `differs`: beyond 1e-12 (and beyond the
95% intervals when sampled), by any id for a list. Blast radii are shares of
the functions (0 to 1); longest_request_chain counts the links a request waits
on: forwarded from a client to a node, then that node's sync_depth.
Invalid input: exit status 2, each problem on one line naming its file.";

const IMPORT_HELP: &str = "\
Usage: topolab import FILE [--format compose|k8s|otel]

Prints FILE as a topolab/1 document, laid out left to right from its client:
  compose   a docker-compose file: services, depends_on, deploy.replicas, the
            image guessing the kind (postgres -> database, redis -> cache,
            rabbitmq -> queue, nginx -> load balancer or gateway), environment
            values naming another service as requires links, published ports
            as the entry points behind a client
  k8s       Kubernetes manifests: Deployments and StatefulSets with replicas,
            Services by their selector, an Ingress as the entry, env vars and
            ConfigMap values naming a Service as requires links
  otel      an OpenTelemetry/Jaeger dependency list, [{parent, child, callCount}]:
            requires links keeping callCount in their extra
Without --format the format is detected (a topolab/1 document is read as is).
Every guess and everything not understood is printed on standard error as a
`note: PLACE: MESSAGE` line. Malformed input: exit status 2, with its line.";

const TIDY_HELP: &str = "\
Usage: topolab tidy FILE

Prints the document with every node placed again: layered left to right by the
longest path from the clients, boxes stacked so that none overlap. Only x and y
change.";

/// A failure: lines for standard error.
struct Failure(Vec<String>);

impl Failure {
    fn one(message: impl Into<String>) -> Failure {
        Failure(vec![message.into()])
    }
}

fn read_input(path: &str) -> Result<String, Failure> {
    let mut text = String::new();
    let result = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|t| text = t)
    };
    result.map_err(|e| Failure::one(format!("cannot read {path}: {e}")))?;
    Ok(text)
}

fn load(path: &str) -> Result<Document, Failure> {
    let text = read_input(path)?;
    parse_document(&text)
        .map_err(|problems| Failure(problems.iter().map(|p| p.to_string()).collect()))
}

/// The single-file app page at `app` (default `dist/topolab.html`) with `doc` baked in.
fn render_page(doc: &Document, app: Option<&str>) -> Result<String, Failure> {
    let path = app.unwrap_or(DEFAULT_APP_PAGE);
    let template = std::fs::read_to_string(path).map_err(|e| {
        Failure::one(format!(
            "cannot read the app page {path}: {e} (./dev release makes dist/topolab.html; or name one with --app PATH)"
        ))
    })?;
    single_page::bake(&template, doc).map_err(|e| Failure::one(format!("{path}: {e}")))
}

/// Where `render --html` finds the app page unless told.
const DEFAULT_APP_PAGE: &str = "dist/topolab.html";

/// [`COMPARE_HELP`] with the metric names filled in, wrapped to 80 columns.
fn compare_help() -> String {
    let keys = |metrics: &[Metric]| {
        let mut text = String::new();
        let mut column = 80;
        for (i, m) in metrics.iter().enumerate() {
            let word = match i + 1 == metrics.len() {
                true => m.key().to_string(),
                false => format!("{},", m.key()),
            };
            if column + 1 + word.len() > 78 {
                text.push_str("\n  ");
                column = 2;
            } else {
                text.push(' ');
                column += 1;
            }
            text.push_str(&word);
            column += word.len();
        }
        text
    };
    COMPARE_HELP
        .replace(" {FUNCTION_ROWS}", &keys(&Metric::FUNCTION))
        .replace(" {DOCUMENT_ROWS}", &keys(&Metric::DOCUMENT))
}

/// [`load`], each problem prefixed by the file's name (for two files at once).
fn load_named(path: &str) -> Result<Document, Failure> {
    let text = read_input(path)?;
    let name = if path == "-" { "standard input" } else { path };
    parse_document(&text)
        .map_err(|problems| Failure(problems.iter().map(|p| format!("{name}: {p}")).collect()))
}

/// The command's words: FILEs and `--name value` options.
struct Args {
    files: Vec<String>,
    options: Vec<(String, Option<String>)>,
    help: bool,
}

/// Reads `args`, which may name up to `files` FILEs (one unless said).
fn parse_args_with_files(
    args: &[String],
    takes_value: &[&str],
    flags: &[&str],
    files: usize,
) -> Result<Args, Failure> {
    let mut out = Args {
        files: Vec::new(),
        options: Vec::new(),
        help: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--help" || arg == "-h" {
            out.help = true;
        } else if let Some(name) = arg.strip_prefix("--") {
            let (name, inline) = match name.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (name, None),
            };
            if takes_value.contains(&name) {
                let value = inline
                    .or_else(|| it.next().cloned())
                    .ok_or_else(|| Failure::one(format!("--{name} needs a value")))?;
                out.options.push((name.to_string(), Some(value)));
            } else if flags.contains(&name) {
                out.options.push((name.to_string(), None));
            } else {
                return Err(Failure::one(format!("unknown option --{name}")));
            }
        } else if out.files.len() < files {
            out.files.push(arg.clone());
        } else {
            let only = if files == 1 { "one FILE" } else { "two FILEs" };
            return Err(Failure::one(format!(
                "unexpected argument {arg:?}: {only} only"
            )));
        }
    }
    Ok(out)
}

fn parse_args(args: &[String], takes_value: &[&str], flags: &[&str]) -> Result<Args, Failure> {
    parse_args_with_files(args, takes_value, flags, 1)
}

impl Args {
    fn file(&self) -> Result<&str, Failure> {
        self.files
            .first()
            .map(String::as_str)
            .ok_or_else(|| Failure::one("name a FILE, or - for standard input"))
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| n == name)
    }
}

/// What a command printed, and whether it is a success (`topolab check` with a
/// goal not met is not, though it prints its report).
struct Output {
    text: String,
    goals_met: bool,
}

fn run(argv: &[String]) -> Result<Output, Failure> {
    match argv.split_first() {
        Some((command, rest)) if command == "check" => run_check(rest),
        Some((command, rest)) if command == "advise" => run_advise(rest).map(|text| Output {
            text,
            goals_met: true,
        }),
        _ => run_command(argv).map(|text| Output {
            text,
            goals_met: true,
        }),
    }
}

/// `topolab check FILE` (docs/spec/model.md §6).
fn run_check(rest: &[String]) -> Result<Output, Failure> {
    let args = parse_args(rest, &[], &[])?;
    if args.help {
        return Ok(Output {
            text: format!("{CHECK_HELP}\n"),
            goals_met: true,
        });
    }
    let doc = load(args.file()?)?;
    let report = check(&doc);
    let text = serde_json::to_string_pretty(&report)
        .map(|s| s + "\n")
        .map_err(|e| Failure::one(format!("cannot write the check: {e}")))?;
    Ok(Output {
        text,
        goals_met: report.met,
    })
}

/// `topolab advise FILE [--goal F=MIN]...` (docs/spec/model.md §7).
fn run_advise(rest: &[String]) -> Result<String, Failure> {
    let args = parse_args(rest, &["goal"], &[])?;
    if args.help {
        return Ok(format!("{ADVISE_HELP}\n"));
    }
    let doc = load(args.file()?)?;
    let goals: Vec<&str> = args
        .options
        .iter()
        .filter(|(name, _)| name == "goal")
        .filter_map(|(_, value)| value.as_deref())
        .collect();
    let targets = match goals.is_empty() {
        true => advise::targets_from_goals(&doc),
        false => goal_targets(&doc, &goals)?,
    };
    let advice = advise::advise(&doc, &targets);
    serde_json::to_string_pretty(&advice)
        .map(|s| s + "\n")
        .map_err(|e| Failure::one(format!("cannot write the advice: {e}")))
}

/// The targets of `--goal F=MIN` options, or a line for each bad one.
fn goal_targets(doc: &Document, goals: &[&str]) -> Result<Vec<Target>, Failure> {
    let functions = effective_functions(doc);
    let mut targets = Vec::new();
    let mut problems = Vec::new();
    for goal in goals {
        match goal_target(goal, &functions) {
            Ok(target) => targets.push(target),
            Err(why) => problems.push(format!("--goal {goal:?}: {why}")),
        }
    }
    match problems.is_empty() {
        true => Ok(targets),
        false => Err(Failure(problems)),
    }
}

/// One `--goal F=MIN`: F a function id or `all`, MIN a probability or `Nn` nines.
fn goal_target(goal: &str, functions: &[Function]) -> Result<Target, String> {
    let (function, min) = goal
        .rsplit_once('=')
        .ok_or("expected FUNCTION=MIN, e.g. all=0.999 or web:checkout=4n")?;
    let min = match min.trim().strip_suffix(['n', 'N']) {
        Some(nines) => match nines.trim().parse::<u32>() {
            Ok(n) if (1..=9).contains(&n) => Threshold::Nines(n).min(),
            _ => return Err(format!("{min:?}: nines go from 1n to 9n")),
        },
        None => match min.trim().parse::<f64>() {
            Ok(p) if p > 0.0 && p < 1.0 => p,
            _ => {
                return Err(format!(
                    "{min:?}: expected a probability between 0 and 1 (0.999) or nines (3n)"
                ))
            }
        },
    };
    let function = match function.trim() {
        advise::SYSTEM => None,
        id if functions.iter().any(|f| f.id == id) => Some(id.to_string()),
        id => {
            let mut known: Vec<&str> = functions.iter().take(8).map(|f| f.id.as_str()).collect();
            if functions.len() > known.len() {
                known.push("...");
            }
            return Err(format!(
                "no function {id:?} (the functions: {}; all for the system)",
                known.join(", ")
            ));
        }
    };
    Ok(Target { function, min })
}

fn run_command(argv: &[String]) -> Result<String, Failure> {
    let Some((command, rest)) = argv.split_first() else {
        return Err(Failure::one(format!("name a command\n\n{USAGE}")));
    };
    match command.as_str() {
        "-h" | "--help" | "help" => Ok(format!("{USAGE}\n")),
        "-V" | "--version" => Ok(format!("topolab {}\n", env!("CARGO_PKG_VERSION"))),
        "analyze" => {
            let args = parse_args(rest, &[], &[])?;
            if args.help {
                return Ok(format!("{ANALYZE_HELP}\n"));
            }
            let doc = load(args.file()?)?;
            let analysis = analyze(&doc);
            serde_json::to_string_pretty(&analysis)
                .map(|s| s + "\n")
                .map_err(|e| Failure::one(format!("cannot write the analysis: {e}")))
        }
        "validate" => {
            let args = parse_args(rest, &[], &[])?;
            if args.help {
                return Ok(format!("{VALIDATE_HELP}\n"));
            }
            let doc = load(args.file()?)?;
            if let Err(problems) = read_settings(&doc) {
                let mut stderr = std::io::stderr().lock();
                for p in &problems {
                    let _ = writeln!(stderr, "warning: {p} (the traffic simulation refuses this)");
                }
            }
            Ok(format!(
                "valid topolab/1 document: {} nodes, {} links\n",
                doc.nodes.len(),
                doc.links.len()
            ))
        }
        "split" => {
            let args = parse_args(rest, &["node", "capabilities", "link"], &["own-database"])?;
            if args.help {
                return Ok(format!("{SPLIT_HELP}\n"));
            }
            let node = args
                .value("node")
                .ok_or_else(|| Failure::one("--node V is required: the service to split"))?;
            let capabilities: Vec<String> = args
                .value("capabilities")
                .ok_or_else(|| Failure::one("--capabilities a,b is required: what moves out"))?
                .split(',')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            let link = match args.value("link") {
                None => SplitLink::Requires,
                Some(name) => SplitLink::from_name(name).ok_or_else(|| {
                    Failure::one(format!("--link {name:?}: expected requires, async or none"))
                })?,
            };
            let doc = load(args.file()?)?;
            let request = SplitRequest {
                node: node.to_string(),
                capabilities,
                link,
                own_database: args.flag("own-database"),
            };
            let out = split(&doc, &request).map_err(|e| Failure::one(format!("split: {e}")))?;
            Ok(out.to_json_pretty() + "\n")
        }
        "render" => {
            let args = parse_args(rest, &["format", "app"], &["html"])?;
            if args.help {
                return Ok(format!("{RENDER_HELP}\n"));
            }
            let format = match (args.value("format"), args.flag("html")) {
                (None, true) | (Some("html"), _) => "html",
                (None | Some("svg"), false) => "svg",
                (Some("mermaid"), false) => "mermaid",
                (Some(other @ ("svg" | "mermaid")), true) => {
                    return Err(Failure::one(format!(
                        "--html and --format {other}: choose one format"
                    )))
                }
                (Some(other), _) => {
                    return Err(Failure::one(format!(
                        "--format {other:?}: expected svg, mermaid or html"
                    )))
                }
            };
            if format != "html" && args.value("app").is_some() {
                return Err(Failure::one("--app PATH goes with --html only"));
            }
            let doc = load(args.file()?)?;
            if format == "html" {
                return render_page(&doc, args.value("app"));
            }
            // The very texts of the app's Export menu.
            let analysis = analyze(&doc);
            if format == "mermaid" {
                Ok(export::mermaid(&doc, &analysis))
            } else {
                Ok(export::svg(&doc, &analysis))
            }
        }
        "compare" => {
            let args = parse_args_with_files(rest, &[], &[], 2)?;
            if args.help {
                return Ok(compare_help() + "\n");
            }
            let [a, b] = args.files.as_slice() else {
                return Err(Failure::one("name two FILEs, A and B (one may be -)"));
            };
            if a == "-" && b == "-" {
                return Err(Failure::one(
                    "only one of A and B can be - (standard input)",
                ));
            }
            // Every problem of both documents at once, each naming its file.
            let (doc_a, doc_b) = (load_named(a), load_named(b));
            let (doc_a, doc_b) = match (doc_a, doc_b) {
                (Ok(x), Ok(y)) => (x, y),
                (x, y) => {
                    let lines = [x.err(), y.err()].into_iter().flatten();
                    return Err(Failure(lines.flat_map(|f| f.0).collect()));
                }
            };
            let comparison = compare(&doc_a, &doc_b);
            let out = serde_json::json!({
                "a": a,
                "b": b,
                "functions": comparison.functions,
                "rows": comparison.rows,
            });
            serde_json::to_string_pretty(&out)
                .map(|s| s + "\n")
                .map_err(|e| Failure::one(format!("cannot write the comparison: {e}")))
        }
        "import" => {
            let args = parse_args(rest, &["format"], &[])?;
            if args.help {
                return Ok(format!("{IMPORT_HELP}\n"));
            }
            let format = match args.value("format") {
                None => None,
                Some(name) => Some(Format::from_name(name).ok_or_else(|| {
                    Failure::one(format!(
                        "unknown format {name:?}: expected compose, k8s or otel"
                    ))
                })?),
            };
            let text = read_input(args.file()?)?;
            let imported = import(&text, format)
                .map_err(|e| Failure(e.to_string().lines().map(str::to_string).collect()))?;
            let mut stderr = std::io::stderr().lock();
            for note in &imported.notes {
                let _ = writeln!(stderr, "note: {note}");
            }
            Ok(imported.document.to_json_pretty() + "\n")
        }
        "tidy" => {
            let args = parse_args(rest, &[], &[])?;
            if args.help {
                return Ok(format!("{TIDY_HELP}\n"));
            }
            let doc = load(args.file()?)?;
            Ok(tidy(&doc).to_json_pretty() + "\n")
        }
        other => Err(Failure::one(format!(
            "unknown command {other:?}\n\n{USAGE}"
        ))),
    }
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match run(&argv) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`topolab render x | head`) is not an error worth a panic.
            let _ = stdout.write_all(out.text.as_bytes());
            let _ = stdout.flush();
            match out.goals_met {
                true => ExitCode::SUCCESS,
                false => ExitCode::from(1),
            }
        }
        Err(Failure(lines)) => {
            let mut stderr = std::io::stderr().lock();
            for line in lines {
                let _ = writeln!(stderr, "error: {line}");
            }
            ExitCode::from(2)
        }
    }
}
