//! The audit commands' contract beyond their snapshots: what they refuse (unknown districts,
//! conflicting severities, nothing to audit), what they must not hide (findings of no single
//! pathway, input errors a lenient run left out), the findings a course is shown, tables at
//! narrow and wide widths, colour through the binary, and JSON exactly as docs/json.md says.

use crate::audit_fixture::{mini, mini_catalog};
use crate::util::{Workdir, repo};

/// A lenient catalog: an unknown standard (an input error), and a course of two pathways with
/// an alignment too broad to count. Neither finding belongs to one pathway's row.
const UNASSIGNED: &str = "Course Number,Course Title,Pathway,Level,Standards\n\
    A1,One,TS,1,\"FS-1.1:I; FS-99.9:I\"\n\
    A2,Two,TS,2,\"FS-1.1:M\"\n\
    A3,Three,\"TS; DS\",2,\"FS-7:M\"\n";

/// Regression: an unknown `--district` audited nothing and passed ("0 pathways audited",
/// exit 0), even with `--min-coverage`.
#[test]
fn an_unknown_district_is_a_usage_error_with_a_suggestion() {
    let w = Workdir::new();
    let state = repo("examples/state/statewide.csv");
    w.run(&["gaps", &state, "--district", "Bayvew ISD", "--min-coverage", "90"])
        .code(2)
        .stderr_has("unknown district \"Bayvew ISD\"; did you mean Bayview ISD?")
        .stderr_has("statewide.csv holds Alder County Schools, Bayview ISD, Cedar Falls USD and Dunmore Public Schools");
    for args in [
        vec!["coverage", &state, "--district", "Nowhere"],
        vec!["where", &state, "FS-7.1", "--district", "Nowhere"],
        vec!["matrix", &state, "--pathway", "TS", "--district", "Nowhere"],
        vec!["course", &state, "HS101", "--district", "Nowhere"],
    ] {
        w.run(&args).code(2).stderr_has("unknown district \"Nowhere\"");
    }
    w.run(&["gaps", &repo("examples/district/catalog.csv"), "--district", "Riverside"])
        .code(2)
        .stderr_has("has no district or school column");
    // Known names still match whatever their case.
    w.run(&["coverage", &state, "--district", "bayview isd", "--format", "csv"])
        .stdout_has("Bayview ISD,TS,")
        .stdout_lacks("Alder");
}

/// Regression: `--allow X --deny X` let the last flag win silently.
#[test]
fn one_code_given_two_severities_is_a_usage_error() {
    let w = Workdir::new();
    let (m, gappy) = (mini(), mini_catalog("gappy.csv"));
    for (cmd, a, b) in
        [("gaps", "--allow", "--deny"), ("gaps", "--warn", "--deny"), ("coverage", "--allow", "--warn")]
    {
        w.run(&["--standards", &m, cmd, &gappy, a, "single-course", b, "single-course"])
            .code(2)
            .stderr_has(&format!("conflicting flags: {a} single-course and {b} single-course"))
            .stdout_lacks("severity");
    }
    // The same flag twice is no conflict.
    w.run(&["--standards", &m, "gaps", &gappy, "--deny", "single-course", "--deny", "single-course"]).code(1);
}

/// Regression: a catalog where no pathway was audited (every course `*` or none) audited
/// nothing and passed, silently.
#[test]
fn nothing_to_audit_is_an_error_that_says_why() {
    let w = Workdir::new();
    w.write(
        "shared.csv",
        "Course Number,Course Title,Pathway,Level,Standards\nA1,One,*,1,FS-1.1:I\nA2,Two,,2,FS-1.1:M\n",
    );
    for cmd in ["gaps", "coverage"] {
        w.run(&[cmd, "shared.csv"])
            .code(2)
            .stderr_has("nothing to audit: no course in shared.csv names a pathway")
            .stderr_has("(1 course marked * for every pathway, 1 course with none)")
            .stderr_has("name each course's pathway (TS, DS, HI, SS, BRD) in the pathway column");
    }
    // The questions about courses still have answers.
    w.run(&["where", "shared.csv", "FS-1.1"]).code(0).stdout_has("A1");
    w.run(&["course", "shared.csv", "A1"]).code(0);
    // A pathway the catalog does not offer.
    w.run(&["gaps", &repo("examples/vendor/modules.csv"), "--pathway", "TS"]).code(1);
    w.write("ts.csv", "Course Number,Course Title,Pathway,Level,Standards\nA1,One,TS,1,FS-1.1:I\n");
    w.run(&["coverage", "ts.csv", "--pathway", "DS", "--pathway", "BRD"])
        .code(2)
        .stderr_has("no course in ts.csv names DS or BRD; its courses name TS");
}

/// The vendor example mixes `*` modules with modules of one pathway: every pathway is audited.
#[test]
fn shared_modules_beside_named_ones_are_audited() {
    let w = Workdir::new();
    let run = w.run(&["coverage", &repo("examples/vendor/modules.csv"), "--format", "csv"]);
    run.code(1);
    for p in ["TS", "DS", "HI", "SS", "BRD"] {
        run.stdout_has(&format!("\r\n{p},"));
    }
}

/// Regression: coverage counted findings per district and pathway only, so input problems
/// (`--lenient`) and broad alignments of courses in several pathways failed the run while
/// every count it showed was 0.
#[test]
fn coverage_shows_findings_that_belong_to_no_single_pathway() {
    let w = Workdir::new();
    w.write("c.csv", UNASSIGNED);
    let note = "2 findings (0 errors, 2 warnings, 0 info: 1 broad-alignment, 1 invalid-input) \
                belong to no single pathway, so no row counts them; `cte-align gaps` lists them";
    let base = ["coverage", "c.csv", "--lenient", "--fail-on", "warning"];
    for format in ["table", "markdown"] {
        let mut args = base.to_vec();
        args.extend(["--format", format]);
        let verdict = if format == "table" {
            "the policy fails:\n  116 findings at warning or above"
        } else {
            "- 116 findings at warning or above must be resolved"
        };
        w.run(&args).code(1).stdout_has(note).stdout_has(verdict);
        args.push("--detail");
        w.run(&args).code(1).stdout_has(note);
    }
    let csv = w.run(&[&base[..], &["--format", "csv"]].concat());
    csv.code(1).stdout_lacks("no single pathway").stderr_has(&format!("cte-align: note: {note}"));
    let json = w.run(&[&base[..], &["--format", "json"]].concat());
    json.code(1);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(doc["unassigned_findings"], serde_json::json!({"error": 0, "warning": 2, "info": 0}));
    // Without them, no note about them.
    w.run(&["coverage", &repo("examples/district/catalog.csv")]).stdout_lacks("no single pathway");
}

/// Regression: matrix, where and course with `--lenient` dropped input errors without a word.
#[test]
fn lenient_matrix_where_and_course_say_what_they_left_out() {
    let w = Workdir::new();
    w.write("c.csv", UNASSIGNED);
    for args in [
        vec!["matrix", "c.csv", "--pathway", "TS", "--lenient"],
        vec!["where", "c.csv", "FS-1", "--lenient", "--format", "csv"],
        vec!["course", "c.csv", "A1", "--lenient", "--format", "json"],
    ] {
        w.run(&args)
            .code(0)
            .stderr_has("c.csv:2:24: error: unknown standard \"FS-99.9\"")
            .stderr_has(
                "cte-align: warning: --lenient left out the 1 input error above; this report is of the rest",
            )
            .stdout_lacks("FS-99.9");
    }
}

/// The codes of the findings `course COURSE_ID` shows, as "code pathway standard course".
fn course_findings(w: &Workdir, standards: &str, catalog: &str, course: &str) -> Vec<String> {
    let run = w.run(&["--standards", standards, "course", catalog, course, "--format", "json"]);
    run.code(0);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let field = |f: &serde_json::Value, k: &str| f[k].as_str().unwrap_or("").to_string();
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            ["code", "pathway", "standard", "course"].map(|k| field(f, k)).join(" ").trim_end().to_string()
        })
        .collect()
}

/// Regression: `course` showed only findings whose course column was the course, so the course
/// that masters a standard too early never saw its out-of-sequence finding, and a pathway's only
/// course never saw that its pathway is too short.
#[test]
fn course_shows_every_finding_that_involves_it() {
    let w = Workdir::new();
    let (m, gappy) = (mini(), mini_catalog("gappy.csv"));
    // A1 masters FS-1.1 at level 2; A2 only introduces it at level 3. A2 prepares for CA.
    assert_eq!(
        course_findings(&w, &m, &gappy, "A1"),
        [
            "out-of-sequence AA FS-1.1 A2",
            "no-progression AA",
            "no-work-based-learning AA",
            "broad-alignment AA FS-2 A1",
            "single-course AA FS-1.2 A1",
        ]
    );
    assert_eq!(
        course_findings(&w, &m, &gappy, "A2"),
        [
            "out-of-sequence AA FS-1.1 A2",
            "no-progression AA",
            "credential-gap AA",
            "no-work-based-learning AA",
        ]
    );
    // B1 is the whole of pathway BB.
    assert_eq!(
        course_findings(&w, &m, &gappy, "B1"),
        [
            "short-sequence BB",
            "no-progression BB",
            "no-credential BB",
            "single-course BB FS-1.1 B1",
            "single-course BB BB-1.1 B1",
        ]
    );
}

/// A course shared by every pathway (`*`) names none, so the programs' findings are not its;
/// a credential it prepares for is, in every pathway that offers it.
#[test]
fn a_shared_course_sees_the_credential_gaps_it_prepares_for_only() {
    let w = Workdir::new();
    w.write(
        "c.csv",
        "Course Number,Course Title,Pathway,Level,Standards,Credentials\n\
         S1,Shared,*,1,FS-1.1:I,CA\nA1,Alpha,AA,2,AA-1.1:M,\n",
    );
    assert_eq!(
        course_findings(&w, &mini(), "c.csv", "S1"),
        ["credential-gap AA", "single-course AA FS-1.1 S1"]
    );
}

/// The district example's tables on narrow and wide terminals, for each audit command.
const AT_WIDTH: [(&str, &[&str]); 6] = [
    ("gaps", &["gaps", "examples/district/catalog.csv", "--pathway", "DS"]),
    ("coverage", &["coverage", "examples/district/catalog.csv"]),
    ("coverage_detail", &["coverage", "examples/district/catalog.csv", "--detail", "--pathway", "DS"]),
    ("matrix", &["matrix", "examples/district/catalog.csv", "--pathway", "TS"]),
    ("where", &["where", "examples/district/catalog.csv", "FS-7"]),
    ("course", &["course", "examples/district/catalog.csv", "HS320"]),
];

fn at_width(args: &[&str], width: &str) -> crate::util::Run {
    let mut full: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    full[1] = repo(&full[1]);
    full.extend(["--width".into(), width.into(), "--color".into(), "never".into()]);
    Workdir::new().run(&full.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Regression: on narrow terminals tables squeezed every column (a matrix at 100 columns cut
/// IDs and titles to 2 or 3 characters; gaps at 80 broke "uncovered-standa/rd"; coverage at
/// 100 broke its headers mid-word). Snapshots at 80 and 120 columns.
#[test]
fn tables_at_80_and_120_columns() {
    for (name, args) in AT_WIDTH {
        for width in ["80", "120"] {
            let run = at_width(args, width);
            run.no_panic();
            insta::assert_snapshot!(format!("{name}_width_{width}"), run.stdout);
        }
    }
}

/// Every line of every table fits the width asked for, and no ID, code or header word is
/// broken across lines, from 80 to 120 columns.
#[test]
fn tables_fit_the_width_and_keep_words_whole() {
    let state = ["coverage", "examples/state/statewide.csv"];
    let state_gaps = ["gaps", "examples/state/statewide.csv", "--pathway", "HI"];
    let all: Vec<&[&str]> = AT_WIDTH.iter().map(|(_, a)| *a).chain([&state[..], &state_gaps[..]]).collect();
    for args in all {
        for width in [80usize, 100, 120] {
            let run = at_width(args, &width.to_string());
            for line in run.stdout.lines() {
                assert!(line.chars().count() <= width, "wider than {width}: {line}\n{}", run.stdout);
            }
            for word in ["uncovered-standard", "no-work-based-learning", "required", "coverage", "standard"] {
                if !run.stdout.contains(word) {
                    continue;
                }
                let cut = &word[..word.len() - 2];
                let broken = run.stdout.lines().any(|l| l.contains(cut) && !l.contains(word));
                assert!(!broken, "{word} broken at {width}:\n{}", run.stdout);
            }
        }
    }
}

const ESC: &str = "\u{1b}[";

/// Runs `cte-align ARGS` in `dir` off a terminal (stdout a pipe), with `NO_COLOR` as given
/// (the work directory's `run` always sets it).
fn run_with_no_color(dir: &Workdir, args: &[&str], no_color: Option<&str>) -> String {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_cte-align"));
    cmd.args(args).current_dir(dir.path()).env_remove("NO_COLOR");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    let out = cmd.stdin(std::process::Stdio::null()).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Without its escapes, a coloured table is the plain one.
fn strip_escapes(text: &str) -> String {
    let mut parts = text.split(ESC);
    let first = parts.next().unwrap_or("");
    parts.fold(first.to_string(), |out, s| out + s.split_once('m').map_or(s, |(_, rest)| rest))
}

/// `--color always` colours a table even into a pipe or a file; `never`, and `auto` off a
/// terminal, do not, whatever `NO_COLOR` says; no format but the table is ever coloured.
#[test]
fn color_flags_through_the_binary() {
    let w = Workdir::new();
    let catalog = repo("examples/district/catalog.csv");
    let gaps = |extra: &[&str], no_color: Option<&str>| {
        let mut args = vec!["gaps", catalog.as_str(), "--pathway", "DS", "--width", "100"];
        args.extend(extra);
        run_with_no_color(&w, &args, no_color)
    };
    let always = gaps(&["--color", "always"], None);
    assert!(always.contains(&format!("{ESC}38;5;9m")), "errors in red:\n{always}");
    let never = gaps(&["--color", "never"], None);
    assert!(!never.contains(ESC), "{never}");
    // Bug: crossterm honours NO_COLOR on its own, so `--color always` printed empty escapes.
    let forced = gaps(&["--color", "always"], Some("1"));
    assert_eq!(forced, always, "--color always wins over NO_COLOR");
    assert!(strip_escapes(&always) == never, "colour changes nothing but the escapes");
    for no_color in [None, Some("1")] {
        assert!(!gaps(&["--color", "auto"], no_color).contains(ESC), "auto off a terminal");
        assert!(!gaps(&[], no_color).contains(ESC));
        assert!(!gaps(&["--color", "never"], no_color).contains(ESC));
    }
    for format in ["csv", "json", "markdown"] {
        assert!(!gaps(&["--color", "always", "--format", format], None).contains(ESC), "{format}");
    }
    gaps(&["--color", "always", "-o", "report.txt"], None);
    assert!(w.read("report.txt").contains(ESC), "--color always colours a file too");
}

/// Runs `cte-align ARGS` on a pseudo-terminal of `cols` columns (through util-linux
/// `script`), with `NO_COLOR` as given; `None` where `script` is missing.
fn on_terminal(args: &str, cols: u16, no_color: Option<&str>) -> Option<String> {
    let bin = env!("CARGO_BIN_EXE_cte-align");
    let inner = format!("stty cols {cols} rows 40; '{bin}' {args}");
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-qec", &inner, "/dev/null"]).env_remove("NO_COLOR");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    let out = cmd.stdin(std::process::Stdio::null()).output().ok()?;
    out.status.code()?;
    Some(String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"))
}

/// On a terminal, `auto` colours unless `NO_COLOR` is set to something, and a table fits the
/// terminal's width without `--width`; a report written with `-o` is never coloured by `auto`.
#[test]
fn auto_color_and_width_on_a_terminal() {
    let catalog = repo("examples/district/catalog.csv");
    let args = format!("gaps '{catalog}' --pathway DS");
    let Some(coloured) = on_terminal(&args, 80, None) else {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    };
    assert!(coloured.contains(ESC), "auto on a terminal colours:\n{coloured}");
    for line in coloured.lines() {
        let plain = strip_escapes(line);
        assert!(plain.chars().count() <= 80, "wider than the terminal: {plain}");
    }
    let no_color = on_terminal(&args, 120, Some("1")).unwrap();
    assert!(!no_color.contains(ESC), "NO_COLOR turns auto off:\n{no_color}");
    assert!(no_color.lines().any(|l| l.chars().count() > 80), "fits 120 columns, not 80");
    assert!(no_color.lines().all(|l| l.chars().count() <= 120));
    let empty = on_terminal(&args, 80, Some("")).unwrap();
    assert!(empty.contains(ESC), "an empty NO_COLOR is no NO_COLOR (no-color.org)");
    let never = on_terminal(&format!("{args} --color never"), 80, None).unwrap();
    assert!(!never.contains(ESC));
    let w = Workdir::new();
    let out = w.join("report.txt");
    on_terminal(&format!("{args} -o '{}'", out.display()), 80, None).unwrap();
    assert!(!w.read("report.txt").contains(ESC), "auto does not colour a file");
}

/// docs/json.md's sections: each command invocation (the backticked text of a `##` or `###`
/// heading) with its documented field paths; a `###` section adds to its `##` section's, and
/// the fields under "Every document" belong to all.
fn documented_json() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    use std::collections::{BTreeMap, BTreeSet};
    let doc = std::fs::read_to_string(repo("docs/json.md")).unwrap();
    let backticked = |s: &str| s.split('`').nth(1).map(str::to_string);
    let (mut sections, mut common) = (BTreeMap::new(), BTreeSet::new());
    let (mut current, mut parent): (Option<String>, Option<String>) = (None, None);
    for line in doc.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            current = backticked(heading);
            parent = current.clone();
        } else if let Some(heading) = line.strip_prefix("### ") {
            current = backticked(heading);
            let inherited = parent.as_ref().map(|p| sections.get(p).cloned().unwrap_or_default());
            sections.insert(current.clone().unwrap(), inherited.unwrap_or_default());
        }
        if let Some(name) = &current {
            sections.entry(name.clone()).or_insert_with(BTreeSet::new);
        }
        let Some(field) = line.strip_prefix("| `").and_then(|l| l.split('`').next()) else { continue };
        match &current {
            Some(name) => sections.get_mut(name).unwrap().insert(field.to_string()),
            None => common.insert(field.to_string()),
        };
    }
    for fields in sections.values_mut().filter(|f| !f.is_empty()) {
        fields.extend(common.iter().cloned());
    }
    sections
}

/// Every field path in a JSON document, as docs/json.md writes them (`findings[].code`).
fn json_paths(value: &serde_json::Value, prefix: &str, out: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let path = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                out.insert(path.clone());
                json_paths(v, &path, out);
            }
        }
        serde_json::Value::Array(items) => {
            items.iter().for_each(|v| json_paths(v, &format!("{prefix}[]"), out))
        }
        _ => {}
    }
}

/// docs/json.md documents exactly the fields each command prints: run every command with
/// `--format json` on the district example and compare the field paths with the documented
/// ones, so the docs cannot drift from the binary.
#[test]
fn json_output_matches_docs_json_md() {
    let district = repo("examples/district/catalog.csv");
    let d = district.as_str();
    let (modules, years) =
        (repo("examples/vendor/modules.csv"), repo("tests/fixtures/district_years/this_year.csv"));
    let runs: [(&str, Vec<Vec<&str>>); 16] = [
        ("gaps CATALOG", vec![vec!["gaps", d]]),
        ("gaps CATALOG --summary", vec![vec!["gaps", d, "--summary"]]),
        (
            "gaps CATALOG --top N",
            vec![vec!["gaps", d, "--top", "3"], vec!["gaps", d, "--code", "no-credential"]],
        ),
        ("gaps --explain CODE", vec![vec!["gaps", "--explain", "all"]]),
        ("coverage CATALOG", vec![vec!["coverage", d]]),
        ("coverage CATALOG --detail", vec![vec!["coverage", d, "--detail"]]),
        ("report CATALOG", vec![vec!["report", d]]),
        ("matrix CATALOG --pathway PATHWAY", vec![vec!["matrix", d, "--pathway", "TS"]]),
        ("where CATALOG STANDARD", vec![vec!["where", d, "FS-7"]]),
        ("course CATALOG COURSE_ID", vec![vec!["course", d, "HS320"]]),
        ("fill CATALOG --with PRODUCT", vec![vec!["fill", d, "--with", &modules]]),
        (
            "fill CATALOG --with PRODUCT --with PRODUCT2",
            vec![vec!["fill", d, "--with", &modules, "--with", &modules]],
        ),
        ("diff OLD NEW", vec![vec!["diff", d, &years]]),
        ("validate CATALOG", vec![vec!["validate", d]]),
        ("standards", vec![vec!["standards"]]),
        ("standards QUERY", vec![vec!["standards", "FS"], vec!["standards", "FS-7.1"]]),
    ];
    let documented = documented_json();
    let names: std::collections::BTreeSet<String> = runs.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(documented.keys().cloned().collect::<std::collections::BTreeSet<_>>(), names);
    let w = Workdir::new();
    for (name, invocations) in &runs {
        let fields = &documented[*name];
        if invocations.is_empty() {
            assert!(fields.is_empty(), "{name} documents fields but has no JSON");
            continue;
        }
        for args in invocations {
            let run = w.run(&[&args[..], &["--format", "json"]].concat());
            assert_ne!(run.code, 2, "{name}: {}", run.stderr);
            let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
            let mut printed = std::collections::BTreeSet::new();
            json_paths(&doc, "", &mut printed);
            let undocumented: Vec<_> = printed.difference(fields).collect();
            let missing: Vec<_> = fields.difference(&printed).collect();
            assert!(
                undocumented.is_empty() && missing.is_empty(),
                "docs/json.md, `{name}` ({args:?}): printed but not documented {undocumented:?}; \
                 documented but not printed {missing:?}"
            );
            assert_eq!(doc["schema_version"], 1, "{name}");
        }
    }
}

/// Bug: without --width, a table written with `-o FILE` took the width of the terminal the
/// command ran in, so the same command wrote a different file from a 50-column terminal than
/// from CI. The terminal's width applies only when the report goes to that terminal.
#[test]
fn a_report_written_with_o_does_not_follow_the_terminal_width() {
    let catalog = repo("examples/district/catalog.csv");
    let w = Workdir::new();
    let on_tty = w.join("on-tty.txt");
    let args = format!("gaps '{catalog}' --pathway DS -o '{}'", on_tty.display());
    if on_terminal(&args, 50, None).is_none() {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    w.run(&["gaps", &catalog, "--pathway", "DS", "-o", "off-tty.txt"]).code(1);
    let (tty, plain) = (w.read("on-tty.txt"), w.read("off-tty.txt"));
    assert!(plain.lines().any(|l| l.chars().count() > 50), "the report is wider than 50 columns");
    assert_eq!(tty, plain, "the file depends on the terminal's width");
}

/// Above the coverage depth, parents roll up: `coverage --detail` shows FS-7 as covered
/// children out of its required children, just before them, in every format.
#[test]
fn coverage_detail_rolls_parents_up() {
    let w = Workdir::new();
    w.write(
        "c.csv",
        "course_id,title,pathway,level,standards\nA,T,TS,1,\"FS-7.1:I; FS-7.2:R\"\nB,U,TS,2,FS-7.1.1:M\n",
    );
    let csv = w.run(&["coverage", "c.csv", "--detail", "--format", "csv", "--fail-on", "never"]);
    csv.code(0)
        .stdout_has("TS,FS-7,Safety Practices,2 of 5,,\r\nTS,FS-7.1,Infection Control,yes,M,A:I B:M\r\n");
    let json = w.run(&["coverage", "c.csv", "--detail", "--format", "json", "--fail-on", "never"]);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let fs7 =
        doc["pathways"][0]["rollup"].as_array().unwrap().iter().find(|r| r["standard"] == "FS-7").unwrap();
    assert_eq!((fs7["covered"].as_u64(), fs7["required"].as_u64()), (Some(2), Some(5)));
    let summary = w.run(&["coverage", "c.csv", "--format", "json", "--fail-on", "never"]);
    assert!(!summary.stdout.contains("rollup"), "only --detail rolls up");
}
