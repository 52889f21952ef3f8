//! The standards library: the built-in Health Science set, looking standards up, every
//! validation rule of the YAML format (docs/formats.md) with its file:line:column, hostile YAML,
//! and `cte-align init`.
//!
//! The validation tests start from a small valid set (below) and change one line at a time, so
//! each expected `line:column` can be read off the fixture text.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{Run, Workdir, repo};

// ------------------------------------------------------------------------------------------
// The small valid set: a cluster with two pathways (NUR, LAB), a foundation-style framework
// that applies to all, and one framework per pathway. Line numbers are given for the lines the
// tests change.

const CLUSTER: &str = r#"id: XC
title: Example Cluster
depth_scale:
  - { code: "I", name: Introduced }
  - { code: "P", name: Practiced }
  - { code: "M", name: Mastered }
mastery: M
pathways:
  - id: NUR
    title: Nursing
    aliases: [Nurse Aide]
    framework: NUR
  - id: LAB
    title: Laboratory
    framework: LAB
credentials:
  - id: AIDE
    title: Nurse Aide Certificate
    issuer: State registry
    pathways: [NUR]
    requires: [CORE-1.1, NUR-1.1]
"#;
// line  5: `  - { code: "P", name: Practiced }`   code value at column 13
// line  7: `mastery: M`                            value at column 10
// line 15: `    framework: LAB`                     value at column 16
// line 21: `    requires: [CORE-1.1, NUR-1.1]`      second entry at column 26

const CORE: &str = r#"id: CORE
title: Core Standards
version: "1"
applies_to: all
coverage_depth: 2
standards:
  - code: "1"
    title: Communication
    children:
      - code: "1.1"
        title: Speaking
      - code: "1.2"
        title: Listening
  - code: "2"
    title: Safety
    children:
      - code: "2.1"
        title: Hand hygiene
"#;
// line 10: `      - code: "1.1"`     value at column 15
// line 11: `        title: Speaking`  key at column 9
// line 12: `      - code: "1.2"`     value at column 15

const LAB: &str = r#"id: LAB
title: Laboratory Competencies
applies_to: [LAB]
coverage_depth: 1
standards:
  - code: "1"
    title: Specimen collection
  - code: "2"
    title: Microscopy
"#;
// line 3: `applies_to: [LAB]`      value at column 13
// line 4: `coverage_depth: 1`      value at column 17
// line 9: `    title: Microscopy`   value at column 12

const NURSING: &str = r#"id: NUR
title: Nursing Competencies
applies_to: [NUR]
coverage_depth: 2
standards:
  - code: "1"
    title: Patient care
    children:
      - code: "1.1"
        title: Vital signs
      - code: "1.2"
        title: Bathing and grooming
"#;
// line 4: `coverage_depth: 2`      value at column 17

const SMALL_SET: [(&str, &str); 4] =
    [("cluster.yaml", CLUSTER), ("core.yaml", CORE), ("lab.yaml", LAB), ("nursing.yaml", NURSING)];

/// A work directory holding the small set in `set/`, with each edit `(file, old, new)` applied;
/// `old` must occur exactly once in that file, so a fixture change cannot silently miss.
fn small_set(edits: &[(&str, &str, &str)]) -> Workdir {
    for (file, ..) in edits {
        assert!(SMALL_SET.iter().any(|(name, _)| name == file), "no fixture file {file}");
    }
    let w = Workdir::new();
    for (name, text) in SMALL_SET {
        let mut text = text.to_string();
        for (_, old, new) in edits.iter().filter(|(file, ..)| *file == name) {
            assert_eq!(text.matches(old).count(), 1, "{old:?} must occur exactly once in {name}");
            text = text.replacen(old, new, 1);
        }
        w.write(&format!("set/{name}"), text);
    }
    w
}

/// `cte-align --standards set standards`.
fn load(w: &Workdir) -> Run {
    w.run(&["--standards", "set", "standards"])
}

/// A load that fails with exactly one error, at `location` (`file:line:column:`), saying `gist`.
#[track_caller]
fn one_error(edits: &[(&str, &str, &str)], location: &str, gist: &str) -> Run {
    let w = small_set(edits);
    let run = load(&w);
    run.code(2)
        .stderr_has(&format!("set/{location} error: "))
        .stderr_has(gist)
        .stderr_has("1 error, 0 warnings");
    run
}

/// Parses CSV output into records, checking the header.
#[track_caller]
fn csv_rows(run: &Run, header: &[&str]) -> Vec<csv::StringRecord> {
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let got: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(got, header, "CSV header\n{}", run.stdout);
    reader.records().map(|r| r.unwrap()).collect()
}

/// The IDs (first column) of `standards QUERY --format csv`.
#[track_caller]
fn standard_ids(w: &Workdir, query: &str) -> Vec<String> {
    let run = w.run(&["standards", query, "--format", "csv"]);
    run.code(0);
    csv_rows(&run, &["id", "depth", "title", "statement"]).iter().map(|r| r[0].to_string()).collect()
}

/// How many standards of a built-in framework sit at each depth.
fn depth_counts(w: &Workdir, framework: &str) -> BTreeMap<u8, usize> {
    let run = w.run(&["standards", framework, "--format", "csv"]);
    run.code(0);
    let mut counts = BTreeMap::new();
    for row in csv_rows(&run, &["id", "depth", "title", "statement"]) {
        assert!(row[0].starts_with(&format!("{framework}-")), "{} is not in {framework}", &row[0]);
        assert!(!row[2].trim().is_empty(), "{} has an empty title", &row[0]);
        *counts.entry(row[1].parse::<u8>().unwrap()).or_insert(0) += 1;
    }
    counts
}

// ------------------------------------------------------------------------------------------
// 1. The built-in set

#[test]
fn builtin_overview_lists_frameworks_pathways_and_credentials() {
    let w = Workdir::new();
    let run = w.run(&["standards"]);
    run.code(0)
        .stdout_has("Health Science (HS): frameworks")
        .stdout_has("Pathways")
        .stdout_has("Credentials")
        .stdout_has("Foundation Standards")
        .stdout_has("Therapeutic Services")
        .stdout_has("Diagnostic Services")
        .stdout_has("Health Informatics")
        .stdout_has("Support Services")
        .stdout_has("Biotechnology Research and Development")
        .stdout_has("Certified Nursing Assistant")
        .stdout_has("mastery at M");

    let json = w.run(&["standards", "--format", "json"]);
    json.code(0);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let ids = |key: &str| -> Vec<String> {
        v[key].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids("frameworks"), ["FS", "TS", "DS", "HI", "SS", "BRD"]);
    assert_eq!(ids("pathways"), ["TS", "DS", "HI", "SS", "BRD"]);
    for p in v["pathways"].as_array().unwrap() {
        assert_eq!(p["framework"], p["id"], "each pathway has its own framework: {p}");
    }
}

#[test]
fn builtin_foundation_framework_has_11_standards_28_substandards_and_80_to_100_objectives() {
    let counts = depth_counts(&Workdir::new(), "FS");
    assert_eq!(counts.get(&1), Some(&11), "top-level standards: {counts:?}");
    assert_eq!(counts.get(&2), Some(&28), "sub-standards: {counts:?}");
    let objectives = counts.get(&3).copied().unwrap_or(0);
    assert!((80..=100).contains(&objectives), "objectives: {counts:?}");
    assert_eq!(counts.len(), 3, "no depth beyond 3: {counts:?}");
}

#[test]
fn builtin_pathway_frameworks_have_4_to_8_top_level_standards() {
    let w = Workdir::new();
    for framework in ["TS", "DS", "HI", "SS", "BRD"] {
        let counts = depth_counts(&w, framework);
        let top = counts.get(&1).copied().unwrap_or(0);
        assert!((4..=8).contains(&top), "{framework}: {counts:?}");
        assert!(
            counts.get(&2).copied().unwrap_or(0) > top,
            "{framework} has competencies under each standard: {counts:?}"
        );
    }
}

#[test]
fn builtin_credentials_have_an_issuer_pathways_and_requirements() {
    let w = Workdir::new();
    let run = w.run(&["standards", "--format", "json"]);
    run.code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let credentials = v["credentials"].as_array().unwrap();
    assert!(credentials.len() >= 12, "{} credentials", credentials.len());
    for c in credentials {
        let id = c["id"].as_str().unwrap();
        assert!(!id.is_empty());
        assert!(!c["title"].as_str().unwrap().trim().is_empty(), "{id}: title");
        assert!(!c["issuer"].as_str().unwrap().trim().is_empty(), "{id}: issuer");
        assert!(!c["pathways"].as_array().unwrap().is_empty(), "{id}: pathways");
        let requires = c["requires"].as_array().unwrap();
        assert!(!requires.is_empty(), "{id}: requires");
        // Every requirement is a real standard: looking it up succeeds.
        for r in requires {
            w.run(&["standards", r.as_str().unwrap(), "--format", "csv"]).code(0);
        }
    }
}

#[test]
fn every_builtin_yaml_file_carries_the_attribution() {
    const ATTRIBUTION: &str =
        "NCHSE-style: modeled on the structure of the National Health Science Standards; not NCHSE's text.";
    let dir = repo("standards");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    assert_eq!(files.len(), 7, "cluster.yaml and six frameworks in {dir}: {files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(ATTRIBUTION), "{} lacks the attribution sentence", path.display());
    }
}

// ------------------------------------------------------------------------------------------
// 2. Looking standards up

#[test]
fn lookup_shows_a_standard_with_its_ancestor_and_children() {
    let w = Workdir::new();
    let children: Vec<String> =
        standard_ids(&w, "FS").into_iter().filter(|id| id.starts_with("FS-7.1.")).collect();
    assert!(!children.is_empty(), "FS-7.1 has objectives");
    let mut want = vec!["FS-7".to_string(), "FS-7.1".to_string()];
    want.extend(children);
    for query in ["FS-7.1", "fs 7.1", "FS7.1", "fs-7.1"] {
        assert_eq!(standard_ids(&w, query), want, "standards {query:?}");
    }
    w.run(&["standards", "fs 7.1"])
        .code(0)
        .stdout_has("FS-7.1 Infection Control")
        .stdout_has("Safety Practices")
        .stdout_has("Hand hygiene")
        .stdout_lacks("FS-7.2")
        .stdout_lacks("FS-6");
}

#[test]
fn lookup_reads_a_legacy_2015_code() {
    let w = Workdir::new();
    assert_eq!(standard_ids(&w, "1.11"), ["FS-1", "FS-1.1", "FS-1.1.1"]);
    w.run(&["standards", "1.11"]).code(0).stdout_has("FS-1.1.1 Levels of organization");
}

#[test]
fn lookup_of_an_unknown_id_fails_with_a_suggestion() {
    let w = Workdir::new();
    let run = w.run(&["standards", "FS-7.9"]);
    run.code(2).stderr_has("\"FS-7.9\"").stderr_has("did you mean");
    assert!(run.stdout.is_empty(), "nothing on stdout:\n{}", run.stdout);
    w.run(&["standards", "XQ"]).code(2).stderr_has("\"XQ\"");
}

// ------------------------------------------------------------------------------------------
// 3. Validation of a user's standards set

#[test]
fn small_valid_set_loads() {
    let w = small_set(&[]);
    load(&w).code(0).stdout_has("Example Cluster (XC)").stdout_has("Nurse Aide Certificate");
    assert_eq!(
        w.run(&["--standards", "set", "standards", "CORE-1", "--format", "csv"])
            .code(0)
            .stdout
            .lines()
            .count(),
        4,
        "header, CORE-1 and its two children"
    );
}

#[test]
fn unknown_key_is_an_error_at_its_position() {
    one_error(
        &[("core.yaml", "        title: Speaking", "        titel: Speaking")],
        "core.yaml:11:9:",
        "unknown field `titel`",
    )
    .stderr_has("title");
}

#[test]
fn duplicate_key_is_an_error_at_the_second_occurrence() {
    one_error(
        &[("core.yaml", "        title: Speaking\n", "        title: Speaking\n        title: Talking\n")],
        "core.yaml:12:9:",
        "duplicate mapping key `title`",
    );
    // In the cluster file too, at top level.
    one_error(
        &[("cluster.yaml", "mastery: M\n", "mastery: M\nmastery: I\n")],
        "cluster.yaml:8:1:",
        "duplicate mapping key `mastery`",
    );
}

#[test]
fn duplicate_standard_id_is_an_error_naming_the_first() {
    one_error(
        &[("core.yaml", r#"      - code: "1.2""#, r#"      - code: "1.1""#)],
        "core.yaml:12:15:",
        "duplicate standard ID CORE-1.1",
    )
    .stderr_has("first defined at set/core.yaml:10");
}

#[test]
fn child_code_must_extend_its_parents_by_one_segment() {
    one_error(
        &[("core.yaml", r#"      - code: "1.2""#, r#"      - code: "2.2""#)],
        "core.yaml:12:15:",
        r#"code "2.2" does not extend its parent's code "1""#,
    );
    // Two segments deeper is not a child either.
    one_error(
        &[("core.yaml", r#"      - code: "1.2""#, r#"      - code: "1.2.1""#)],
        "core.yaml:12:15:",
        r#"code "1.2.1" does not extend its parent's code "1""#,
    );
}

#[test]
fn pathway_naming_a_missing_framework_is_an_error_with_a_suggestion() {
    one_error(
        &[("cluster.yaml", "    framework: LAB", "    framework: LABS")],
        "cluster.yaml:15:16:",
        r#"pathway LAB names framework "LABS", which no standards file defines"#,
    )
    .stderr_has("did you mean LAB?");
}

#[test]
fn credential_requiring_an_unknown_standard_is_an_error_with_a_suggestion() {
    one_error(
        &[("cluster.yaml", "requires: [CORE-1.1, NUR-1.1]", "requires: [CORE-1.1, NUR-1.3]")],
        "cluster.yaml:21:26:",
        r#"credential AIDE requires unknown standard "NUR-1.3""#,
    )
    .stderr_has("did you mean NUR-1.1?");
}

#[test]
fn empty_title_is_an_error() {
    one_error(
        &[("lab.yaml", "    title: Microscopy", r#"    title: """#)],
        "lab.yaml:9:12:",
        "empty standard title",
    );
    one_error(
        &[("lab.yaml", "    title: Microscopy", r#"    title: "   ""#)],
        "lab.yaml:9:12:",
        "empty standard title",
    );
}

#[test]
fn depth_scale_listing_a_code_twice_is_an_error() {
    one_error(
        &[("cluster.yaml", r#"  - { code: "P", name: Practiced }"#, r#"  - { code: "I", name: Practiced }"#)],
        "cluster.yaml:5:13:",
        r#"the depth scale lists "I" twice"#,
    );
}

#[test]
fn applies_to_an_unknown_pathway_is_an_error() {
    // The scalar form: the position is the pathway name itself.
    one_error(
        &[("lab.yaml", "applies_to: [LAB]", "applies_to: LABX")],
        "lab.yaml:3:13:",
        r#"applies_to names unknown pathway "LABX""#,
    )
    .stderr_has("did you mean LAB?");
    // The list form: reported at the bad entry itself.
    let w = small_set(&[("lab.yaml", "applies_to: [LAB]", "applies_to: [LAB, LABX]")]);
    load(&w)
        .code(2)
        .stderr_has("set/lab.yaml:3:19:")
        .stderr_has(r#"unknown pathway "LABX"; did you mean LAB?"#);
}

#[test]
fn mastery_not_on_the_depth_scale_is_an_error() {
    one_error(
        &[("cluster.yaml", "mastery: M", "mastery: X")],
        "cluster.yaml:7:10:",
        r#"mastery level "X" is not on the depth scale (I, P, M)"#,
    );
}

#[test]
fn coverage_depth_deeper_than_the_tree_is_an_error() {
    one_error(
        &[("lab.yaml", "coverage_depth: 1", "coverage_depth: 3")],
        "lab.yaml:4:17:",
        "coverage_depth 3 is outside the tree, which is 1 level deep; use a depth from 1 to 1",
    );
    one_error(
        &[("lab.yaml", "coverage_depth: 1", "coverage_depth: 0")],
        "lab.yaml:4:17:",
        "coverage_depth 0 is outside the tree",
    );
}

#[test]
fn several_errors_in_several_files_are_all_reported() {
    let w = small_set(&[
        ("core.yaml", "        title: Speaking", "        titel: Speaking"),
        ("lab.yaml", "    title: Microscopy", r#"    title: """#),
        ("nursing.yaml", "coverage_depth: 2", "coverage_depth: 5"),
        ("cluster.yaml", "mastery: M", "mastery: X"),
    ]);
    let run = load(&w);
    run.code(2)
        .stderr_has("set/cluster.yaml:7:10: error: mastery level \"X\"")
        .stderr_has("set/core.yaml:11:9: error: unknown field `titel`")
        .stderr_has("set/lab.yaml:9:12: error: empty standard title")
        .stderr_has("set/nursing.yaml:4:17: error: coverage_depth 5")
        .stderr_has("4 errors");
    let lines: std::collections::BTreeSet<&str> =
        run.stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert!(lines.len() >= 3, "at least 3 distinct error lines:\n{}", run.stderr);
    assert!(run.stdout.is_empty(), "no report on a failed load:\n{}", run.stdout);
}

#[test]
fn missing_cluster_file_is_an_error() {
    let w = small_set(&[]);
    std::fs::remove_file(w.join("set/cluster.yaml")).unwrap();
    load(&w)
        .code(2)
        .stderr_has("set: no cluster.yaml in this standards directory")
        .stderr_has("cte-align init");
}

#[test]
fn standards_directory_that_does_not_exist_is_an_error() {
    let w = Workdir::new();
    w.run(&["--standards", "no-such-dir", "standards"])
        .code(2)
        .stderr_has("cannot read the standards directory no-such-dir");
}

// ------------------------------------------------------------------------------------------
// 4. Hostile YAML. Each must be refused quickly with exit 2 and a message. The harness has no
// timeout, so a parser that expanded these inputs would hang this test (or exhaust memory)
// visibly rather than pass: 10^10 expanded nodes, 100,000 levels, 200 MB.

#[test]
fn billion_laughs_alias_bomb_is_refused() {
    // The classic shape: ten levels of anchors, each a list of ten aliases of the previous.
    let mut bomb = String::from("a0: &a0 \"lol\"\n");
    for i in 1..=10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let w = small_set(&[]);
    w.write("set/lab.yaml", &bomb);
    load(&w).code(2).stderr_has("set/lab.yaml:1:1: error: unknown field `a0`");

    // The same bomb in a shape the schema accepts (standards whose children alias the previous
    // level), so only the parser's budget can stop it.
    let mut bomb = String::from("id: LAB\ntitle: Lab\napplies_to: all\ncoverage_depth: 1\nstandards:\n");
    bomb.push_str("  - &s0 {code: \"1\", title: t}\n");
    for i in 1..=10 {
        let refs = vec![format!("*s{}", i - 1); 10].join(", ");
        bomb.push_str(&format!("  - &s{i} {{code: \"1\", title: t, children: [{refs}]}}\n"));
    }
    let w = small_set(&[]);
    w.write("set/lab.yaml", &bomb);
    load(&w).code(2).stderr_has("set/lab.yaml:").stderr_has("the limit of 1,000,000 YAML nodes");
}

#[test]
fn deeply_nested_yaml_is_refused() {
    let w = small_set(&[]);
    w.write("set/lab.yaml", "[".repeat(100_000));
    load(&w).code(2).stderr_has("set/lab.yaml:1:65:").stderr_has("the limit of 64 levels");

    let w = small_set(&[]);
    w.write("set/lab.yaml", format!("id: LAB\nstandards: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)));
    load(&w).code(2).stderr_has("set/lab.yaml:2:").stderr_has("the limit of 64 levels");
}

#[test]
fn huge_framework_file_is_refused_on_size_before_reading() {
    const SIZE: u64 = 200 * 1024 * 1024;
    let w = small_set(&[]);
    // A valid framework extended to 200 MB with NUL bytes: sparse on most file systems, so the
    // test is cheap; the tool must refuse it from its size, without reading it.
    let path = w.join("set/lab.yaml");
    std::fs::OpenOptions::new().write(true).open(&path).unwrap().set_len(SIZE).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().len(), SIZE);
    load(&w)
        .code(2)
        .stderr_has("set/lab.yaml:1:1:")
        .stderr_has(&format!("file is {SIZE} bytes"))
        .stderr_has("limit");
}

#[test]
fn just_over_the_size_limit_is_refused() {
    let w = small_set(&[]);
    let mut text = LAB.to_string();
    text.push('#');
    text.push_str(&" ".repeat(8 * 1024 * 1024));
    w.write("set/lab.yaml", &text);
    load(&w).code(2).stderr_has("set/lab.yaml:1:1:").stderr_has("limit");
}

#[test]
fn binary_junk_is_refused() {
    // Deterministic random-looking bytes, NULs included (a 64-bit LCG, top byte).
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut junk: Vec<u8> = (0..4096)
        .map(|_| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 56) as u8
        })
        .collect();
    junk[0] = 0;
    assert!(junk.contains(&0) && std::str::from_utf8(&junk).is_err());
    let w = small_set(&[]);
    w.write("set/lab.yaml", &junk);
    load(&w).code(2).stderr_has("set/lab.yaml:").stderr_has("not valid UTF-8");

    // Valid UTF-8 but full of control characters and NULs.
    let w = small_set(&[]);
    w.write("set/lab.yaml", b"id: LAB\x00\x01\x02title\x00 \x7f\x1b[31m".repeat(50));
    load(&w).code(2).stderr_has("set/lab.yaml:1:").stderr_has("unexpected character");
}

// ------------------------------------------------------------------------------------------
// 5. `cte-align init`

const BUILTIN_FILES: [&str; 7] = [
    "biotechnology.yaml",
    "cluster.yaml",
    "diagnostic.yaml",
    "foundation.yaml",
    "informatics.yaml",
    "support.yaml",
    "therapeutic.yaml",
];

/// The files `init proj` writes, relative to the work directory, sorted.
fn init_files() -> Vec<String> {
    let mut files: Vec<String> = BUILTIN_FILES
        .iter()
        .map(|f| Path::new("proj").join("standards").join(f).display().to_string())
        .collect();
    files.push(Path::new("proj").join("catalog.csv").display().to_string());
    // The commented project config (issue 14).
    files.push(Path::new("proj").join("cte-align.toml").display().to_string());
    files.sort();
    files
}

#[test]
fn init_writes_a_working_copy_of_the_builtin_set() {
    let w = Workdir::new();
    w.run(&["init", "proj"]).code(0).stdout_has("wrote 9 files to proj");
    assert_eq!(w.files(), init_files(), "init writes the set and the catalog, nothing else");
    for f in BUILTIN_FILES {
        assert_eq!(
            w.read(&format!("proj/standards/{f}")),
            std::fs::read_to_string(repo(&format!("standards/{f}"))).unwrap(),
            "{f} is a copy of the built-in file"
        );
    }
    assert_eq!(w.read("proj/catalog.csv"), std::fs::read_to_string(repo("templates/catalog.csv")).unwrap());

    w.run(&["--standards", "proj/standards", "standards"]).code(0).stdout_has("Health Science (HS)");
    let gaps = w.run(&["--standards", "proj/standards", "gaps", "proj/catalog.csv"]);
    gaps.no_panic();
    assert!(
        matches!(gaps.code, 0 | 1),
        "gaps on the template catalog runs (exit {}):\n{}",
        gaps.code,
        gaps.stderr
    );
    assert_eq!(w.files(), init_files(), "running the commands wrote nothing");
}

#[test]
fn init_refuses_to_overwrite_and_changes_nothing() {
    let w = Workdir::new();
    w.run(&["init", "proj"]).code(0);
    // The user's edits, which a second init must not lose.
    let edited = [
        ("proj/standards/cluster.yaml", "# my district's edits\n"),
        ("proj/catalog.csv", "Course Number,Course Title\nX1,Mine\n"),
    ];
    for (file, text) in edited {
        w.write(file, text);
    }
    let mut before = BTreeMap::new();
    for f in init_files() {
        before.insert(f.clone(), w.read(&f));
    }

    let run = w.run(&["init", "proj"]);
    run.code(2).stderr_has("9 files already exist").stderr_has("--force");
    for f in init_files() {
        run.stderr_has(&f);
    }
    for f in init_files() {
        assert_eq!(w.read(&f), before[&f], "{f} unchanged after a refused init");
    }
    assert_eq!(w.files(), init_files(), "a refused init writes nothing");
}

#[test]
fn init_refuses_when_any_one_file_exists_and_writes_nothing() {
    let w = Workdir::new();
    w.write("proj/catalog.csv", "mine\n");
    w.run(&["init", "proj"]).code(2).stderr_has("1 file already exists").stderr_has("catalog.csv");
    assert_eq!(w.files(), ["proj/catalog.csv"]);
    assert_eq!(w.read("proj/catalog.csv"), "mine\n");
}

#[test]
fn init_force_overwrites_with_the_builtin_files() {
    let w = Workdir::new();
    w.run(&["init", "proj"]).code(0);
    w.write("proj/standards/foundation.yaml", "# broken\n");
    w.write("proj/catalog.csv", "broken\n");
    w.run(&["--standards", "proj/standards", "standards"]).code(2);

    w.run(&["init", "proj", "--force"]).code(0).stdout_has("wrote 9 files");
    assert_eq!(
        w.read("proj/standards/foundation.yaml"),
        std::fs::read_to_string(repo("standards/foundation.yaml")).unwrap()
    );
    assert_eq!(w.read("proj/catalog.csv"), std::fs::read_to_string(repo("templates/catalog.csv")).unwrap());
    // The two edited files are kept as .bak copies (issue 14); nothing else is left behind.
    let mut want = init_files();
    want.extend(["proj/catalog.csv.bak".to_string(), "proj/standards/foundation.yaml.bak".to_string()]);
    want.sort();
    assert_eq!(w.files(), want, "no temporary files left behind");
    w.run(&["--standards", "proj/standards", "standards"]).code(0);
}

/// Regression: a framework file that fails to parse used to make the cluster blame every
/// pathway naming that framework ("names framework LAB, which no standards file defines").
#[test]
fn a_broken_framework_file_is_not_blamed_on_the_cluster() {
    let w = small_set(&[]);
    w.write("set/lab.yaml", "");
    load(&w).code(2).stderr_has("set/lab.yaml:1:1: error:").stderr_has("1 error, 0 warnings");
}

#[test]
fn applies_to_an_empty_list_is_an_error() {
    one_error(
        &[("lab.yaml", "applies_to: [LAB]", "applies_to: []")],
        "lab.yaml:3:13:",
        "applies_to lists no pathways",
    );
}

// ------------------------------------------------------------------------------------------
// 6. Files in a standards directory that are not regular files, and every problem at once

/// `cte-align --standards set standards` under a 1 GiB address-space limit, killed after 60
/// seconds: a loader that blocks on a FIFO or reads `/dev/zero` without end fails this test
/// instead of hanging the suite or exhausting the machine's memory.
#[cfg(unix)]
fn load_bounded(w: &Workdir) -> Run {
    use std::io::Read;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576 2>/dev/null; exec \"$0\" --standards set standards")
        .arg(env!("CARGO_BIN_EXE_cte-align"))
        .current_dir(w.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("`cte-align --standards set standards` still running after 60 s: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    Run {
        cmd: "cte-align --standards set standards".into(),
        code: status.code().unwrap_or(-1),
        stdout: String::new(),
        stderr,
    }
}

/// Regression: a `*.yaml` symlink to `/dev/zero` was read without bound (its metadata says 0
/// bytes), growing memory until the machine ran out.
#[cfg(unix)]
#[test]
fn a_link_to_a_device_in_the_standards_directory_is_refused_unread() {
    let w = small_set(&[]);
    std::os::unix::fs::symlink("/dev/zero", w.join("set/zero.yaml")).unwrap();
    load_bounded(&w)
        .code(2)
        .stderr_has("set/zero.yaml:1:1: error: this links to a device, not a regular file")
        .stderr_has("1 error, 0 warnings");
}

/// Regression: a FIFO named `*.yaml` in the standards directory blocked the load forever,
/// waiting for a writer.
#[cfg(unix)]
#[test]
fn a_fifo_in_the_standards_directory_is_refused_without_blocking() {
    let w = small_set(&[]);
    let made = std::process::Command::new("mkfifo").arg(w.join("set/f.yaml")).status().unwrap();
    assert!(made.success(), "mkfifo");
    load_bounded(&w)
        .code(2)
        .stderr_has("set/f.yaml:1:1: error: this is a named pipe (FIFO), not a regular file")
        .stderr_has("1 error, 0 warnings");
}

/// Regression: a directory named `*.yaml` in the standards directory was skipped without a word.
#[test]
fn a_directory_named_like_a_standards_file_is_reported() {
    let w = small_set(&[]);
    std::fs::create_dir(w.join("set/old.yaml")).unwrap();
    load(&w)
        .code(2)
        .stderr_has("set/old.yaml:1:1: error: this is a directory, not a standards file")
        .stderr_has("rename it")
        .stderr_has("1 error, 0 warnings");
}

/// Regression: a credential's requirements were checked only once every other error was
/// fixed, so a typo in one file hid an unknown standard in the cluster until the next run.
#[test]
fn an_unknown_key_and_an_unknown_required_standard_are_reported_in_one_run() {
    let w = small_set(&[
        ("core.yaml", "        title: Speaking", "        titel: Speaking"),
        ("cluster.yaml", "requires: [CORE-1.1, NUR-1.1]", "requires: [CORE-1.1, NUR-1.3]"),
    ]);
    load(&w)
        .code(2)
        .stderr_has("set/core.yaml:11:9: error: unknown field `titel`")
        .stderr_has("set/cluster.yaml:21:26: error: credential AIDE requires unknown standard \"NUR-1.3\"")
        .stderr_has("2 errors, 0 warnings");
}

/// Regression: a parse error in any one framework file turned off the check that each
/// pathway's framework exists, for every pathway. Now only what the broken file defines (its
/// `id`, read leniently) is spared: a pathway naming it, a credential requiring its standards.
#[test]
fn a_broken_framework_file_silences_only_the_checks_that_refer_to_it() {
    let w = small_set(&[
        ("lab.yaml", "    title: Microscopy", "    titel: Microscopy"),
        ("cluster.yaml", "    framework: NUR", "    framework: NURS"),
        ("cluster.yaml", "requires: [CORE-1.1, NUR-1.1]", "requires: [LAB-7, CORE-1.1, NUR-1.1]"),
    ]);
    let run = load(&w);
    run.code(2)
        .stderr_has("set/lab.yaml:9:5: error: unknown field `titel`")
        .stderr_has("set/cluster.yaml:12:16: error: pathway NUR names framework \"NURS\"")
        .stderr_has("2 errors, 0 warnings");
    // LAB is defined by the broken file: neither its pathway nor LAB-7 is blamed.
    assert!(!run.stderr.contains("\"LAB\"") && !run.stderr.contains("LAB-7"), "{}", run.stderr);
}

/// Regression: a parse error in the cluster file hid every check of the framework files.
#[test]
fn a_broken_cluster_file_does_not_hide_the_frameworks_problems() {
    let w = small_set(&[
        ("cluster.yaml", "mastery: M\n", "mastery: M\nmastery: I\n"),
        ("nursing.yaml", "coverage_depth: 2", "coverage_depth: 5"),
    ]);
    let run = load(&w);
    run.code(2)
        .stderr_has("set/cluster.yaml:8:1: error: duplicate mapping key `mastery`")
        .stderr_has("set/nursing.yaml:4:17: error: coverage_depth 5")
        .stderr_has("2 errors, 0 warnings");
    // Without the cluster, `applies_to` has no pathways to check against: no bogus errors.
    assert!(!run.stderr.contains("unknown pathway"), "{}", run.stderr);
}

// ------------------------------------------------------------------------------------------
// 7. The documented limits on a standards file (README, "Limits"): each reachable, and each
// refused just past it with a message that names it and its number.

/// The small set with `extra` appended to lab.yaml (which ends inside its second standard, so
/// `    keywords: [...]` lands there).
fn lab_with(extra: &str) -> Workdir {
    let w = small_set(&[]);
    w.write("set/lab.yaml", format!("{LAB}{extra}"));
    w
}

/// Regression: the node budget was documented as 1,000,000 nodes, but the parser's separate
/// event budget (1,000,000 events, which counts ends too) refused a file of 999,999 scalars.
#[test]
fn a_file_of_exactly_1_000_000_nodes_loads_and_one_more_is_refused() {
    // LAB is 22 nodes; `keywords: [...]` adds its key, its list and one node a keyword.
    let keywords = |n: usize| format!("    keywords: [{}]\n", vec!["k"; n].join(", "));
    load(&lab_with(&keywords(1_000_000 - 24))).code(0);
    load(&lab_with(&keywords(1_000_000 - 23)))
        .code(2)
        .stderr_has("set/lab.yaml:10:")
        .stderr_has("the limit of 1,000,000 YAML nodes")
        .stderr_has("split the framework");
}

/// Regression: an alias-to-anchor ratio heuristic refused 1,000 aliases of one anchor, under
/// the documented limit of 1,000 aliases.
#[test]
fn a_thousand_aliases_of_one_anchor_load_and_one_more_is_refused() {
    let aliases = |n: usize| format!("    keywords: [&k k, {}]\n", vec!["*k"; n].join(", "));
    load(&lab_with(&aliases(1_000))).code(0);
    load(&lab_with(&aliases(1_001)))
        .code(2)
        .stderr_has("set/lab.yaml:10:")
        .stderr_has("the limit of 1,000 aliases");
}

#[test]
fn a_thousand_anchors_load_and_one_more_is_refused() {
    let anchors = |n: usize| {
        let list: Vec<String> = (0..n).map(|i| format!("&a{i} k")).collect();
        format!("    keywords: [{}]\n", list.join(", "))
    };
    load(&lab_with(&anchors(1_000))).code(0);
    load(&lab_with(&anchors(1_001)))
        .code(2)
        .stderr_has("set/lab.yaml:10:")
        .stderr_has("the limit of 1,000 anchors");
}

/// A framework whose tree is `levels` standards deep (codes 1, 1.1, 1.1.1, ...), the deepest
/// with one keyword when `keyword`; in block or flow style. The standard at tree depth d is a
/// mapping at nesting level 2d + 1 (the file, `standards:`, then a list and a mapping a level),
/// so 31 levels with a keyword nest exactly 64 deep, and 32 levels 65.
fn deep_framework(levels: usize, keyword: bool, flow: bool) -> String {
    let head = "id: LAB, title: Lab, applies_to: [LAB], coverage_depth: 1";
    let code = |d: usize| format!("1{}", ".1".repeat(d - 1));
    if flow {
        let mut text = format!("{{{head}, standards: ");
        for d in 1..=levels {
            text.push_str(&format!("[{{code: \"{}\", title: t", code(d)));
            if d < levels {
                text.push_str(", children: ");
            }
        }
        if keyword {
            text.push_str(", keywords: [k]");
        }
        text.push_str(&"}]".repeat(levels));
        text.push_str("}\n");
        return text;
    }
    let mut text = format!("{}\nstandards:\n", head.replace(", ", "\n"));
    for d in 1..=levels {
        let indent = "    ".repeat(d - 1);
        text.push_str(&format!("{indent}  - code: \"{}\"\n{indent}    title: t\n", code(d)));
        if d < levels {
            text.push_str(&format!("{indent}    children:\n"));
        } else if keyword {
            text.push_str(&format!("{indent}    keywords: [k]\n"));
        }
    }
    text
}

/// Regression: flow nesting (`[[[[...`) was stopped by the parser's own limit at 255 levels
/// with "recursion limit exceeded", and block nesting by a debug dump of the budget
/// (`limits breached: Depth { depth: 65 }`); neither named the documented limit of 64.
#[test]
fn nesting_64_deep_loads_and_65_is_refused_in_block_and_flow_style() {
    for flow in [false, true] {
        let w = small_set(&[]);
        w.write("set/lab.yaml", deep_framework(31, true, flow));
        load(&w).code(0);
        w.write("set/lab.yaml", deep_framework(32, false, flow));
        let run = load(&w);
        run.code(2)
            .stderr_has("set/lab.yaml:")
            .stderr_has("nest past the limit of 64 levels")
            .stderr_has("flatten the tree");
        for dump in ["Depth {", "recursion limit", "breached"] {
            assert!(!run.stderr.contains(dump), "flow {flow}: {}", run.stderr);
        }
    }
}

#[test]
fn a_file_of_exactly_8_mib_loads() {
    const LIMIT: usize = 8 * 1024 * 1024;
    let padding = LIMIT - LAB.len() - 2;
    let w = lab_with(&format!("#{}\n", " ".repeat(padding)));
    assert_eq!(std::fs::metadata(w.join("set/lab.yaml")).unwrap().len(), LIMIT as u64);
    load(&w).code(0);
    // One byte more is refused from its size (`just_over_the_size_limit_is_refused`), naming
    // the limit in bytes and in MiB.
    let w = lab_with(&format!("#{}\n", " ".repeat(padding + 1)));
    load(&w)
        .code(2)
        .stderr_has("set/lab.yaml:1:1: error: the file is 8388609 bytes, over the limit of 8 MiB")
        .stderr_has("split the framework");
}

/// Regression: `cluster.yml` was read as a framework file (every other file may end in `.yml`)
/// and failed with "unknown field `depth_scale`".
#[test]
fn the_cluster_file_may_be_named_cluster_yml() {
    let w = small_set(&[]);
    std::fs::rename(w.join("set/cluster.yaml"), w.join("set/cluster.yml")).unwrap();
    load(&w).code(0).stdout_has("Example Cluster (XC)");
    // Both names at once: which is the cluster? Keep one.
    w.write("set/cluster.yaml", CLUSTER);
    load(&w)
        .code(2)
        .stderr_has("set/cluster.yml:1:1: error: a second cluster file beside set/cluster.yaml; keep one")
        .stderr_has("1 error, 0 warnings");
}

/// A cluster file under another name is read as a framework; the error says to rename it.
#[test]
fn a_cluster_file_under_another_name_is_reported_with_a_hint_to_rename_it() {
    let w = small_set(&[]);
    w.write("set/old-cluster.yaml", CLUSTER);
    load(&w)
        .code(2)
        .stderr_has("set/old-cluster.yaml:3:1: error: unknown field `depth_scale`")
        .stderr_has("this looks like a cluster file, but only a file named cluster.yaml")
        .stderr_has("rename it");
}

/// Regression: a null title (`title: ~`, or `title:` with nothing after it) failed with the
/// parser's "null is not allowed here" instead of the empty-title message that says what to do.
#[test]
fn a_null_title_id_or_code_is_reported_as_empty() {
    // (what follows the key, the column it is reported at: the value, or the colon if none)
    for (null, lab, cluster, core) in [("~", 12, 8, 15), ("null", 12, 8, 15), ("", 10, 6, 13)] {
        let title = format!("    title: {null}").trim_end().to_string();
        let run = one_error(
            &[("lab.yaml", "    title: Microscopy", &title)],
            &format!("lab.yaml:9:{lab}:"),
            "empty standard title; give it a value",
        );
        assert!(!run.stderr.contains("null is not allowed"), "{}", run.stderr);
        let title = format!("title: {null}").trim_end().to_string();
        one_error(
            &[("cluster.yaml", "title: Example Cluster", &title)],
            &format!("cluster.yaml:2:{cluster}:"),
            "empty cluster title",
        );
        let code = format!("      - code: {null}").trim_end().to_string();
        one_error(
            &[("core.yaml", r#"      - code: "1.2""#, &code)],
            &format!("core.yaml:12:{core}:"),
            "empty standard code",
        );
    }
}

/// Regression: `standards FS --format csv` kept the table's tree indentation in titles
/// (`"  Infection Control"`). Machine formats give the clean title and the depth; only the
/// table indents.
#[test]
fn only_the_table_indents_titles_by_depth() {
    let w = Workdir::new();
    let run = w.run(&["standards", "FS-7.1", "--format", "csv"]);
    run.code(0);
    let rows = csv_rows(&run, &["id", "depth", "title", "statement"]);
    let row = |id: &str| rows.iter().find(|r| &r[0] == id).unwrap().clone();
    assert_eq!((&row("FS-7")[1], &row("FS-7")[2]), ("1", "Safety Practices"));
    assert_eq!((&row("FS-7.1")[1], &row("FS-7.1")[2]), ("2", "Infection Control"));
    for r in &rows {
        assert_eq!(r[2].trim(), &r[2], "{} has a clean title", &r[0]);
    }
    let json = w.run(&["standards", "FS-7.1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.code(0).stdout).unwrap();
    let fs71 = v["standards"].as_array().unwrap().iter().find(|s| s["id"] == "FS-7.1").unwrap();
    assert_eq!(
        (&fs71["title"], &fs71["depth"], &fs71["parent"]),
        (&"Infection Control".into(), &2.into(), &"FS-7".into())
    );
    w.run(&["standards", "FS-7.1", "--format", "markdown"]).code(0).stdout_has("| Infection Control |");
    w.run(&["standards", "FS-7.1"]).code(0).stdout_has("  Infection Control");
}

// ------------------------------------------------------------------------------------------
// 8. `cte-align init`: permissions, links, and `--standards`

/// Regression: init wrote its files through temporary files, which are private (0600), so a
/// colleague or a web server could not read the standards. They now get what a plain create
/// gives under the same umask (0644 under the usual 022).
#[cfg(unix)]
#[test]
fn init_writes_files_with_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let w = Workdir::new();
    // What a plain file create gives under this umask, which the child inherits.
    let plain = w.write("plain.txt", "");
    let want = std::fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
    w.run(&["init", "proj"]).code(0);
    for f in init_files() {
        let mode = std::fs::metadata(w.join(&f)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, want, "{f}: {mode:o}, a plain file gets {want:o}");
    }
    // Also when --force replaces a file.
    w.run(&["init", "proj", "--force"]).code(0);
    let mode = std::fs::metadata(w.join("proj/catalog.csv")).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, want);
}

/// Regression: a `DIR/standards` that is a symbolic link to another directory made init write
/// the standards there, outside DIR.
#[cfg(unix)]
#[test]
fn init_refuses_a_standards_link_that_leads_outside_dir() {
    let w = Workdir::new();
    std::fs::create_dir_all(w.join("elsewhere")).unwrap();
    std::fs::create_dir_all(w.join("proj")).unwrap();
    std::os::unix::fs::symlink("../elsewhere", w.join("proj/standards")).unwrap();
    w.run(&["init", "proj"])
        .code(2)
        .stderr_has("proj/standards leads to ")
        .stderr_has("elsewhere, outside proj; init writes nothing outside its directory");
    assert!(std::fs::read_dir(w.join("elsewhere")).unwrap().next().is_none(), "nothing written there");
    assert!(!w.join("proj/catalog.csv").exists(), "a refused init writes nothing");

    // A link that stays inside DIR is fine.
    let w = Workdir::new();
    std::fs::create_dir_all(w.join("proj/v2")).unwrap();
    std::os::unix::fs::symlink("v2", w.join("proj/standards")).unwrap();
    w.run(&["init", "proj"]).code(0);
    assert!(w.join("proj/v2/cluster.yaml").exists());
}

/// Regression: `cte-align --standards X init DIR` ignored X and wrote the built-in set. It now
/// copies X's cluster and framework files (once they load), with a catalog that uses them.
#[test]
fn init_with_standards_copies_that_set_and_a_catalog_for_it() {
    let w = small_set(&[]);
    w.write("set/README.txt", "not a standards file");
    w.run(&["--standards", "set", "init", "proj"]).code(0).stdout_has("wrote 6 files to proj");
    let mut want: Vec<String> = SMALL_SET.iter().map(|(name, _)| format!("proj/standards/{name}")).collect();
    want.push("proj/catalog.csv".into());
    want.push("proj/cte-align.toml".into());
    want.sort();
    let got: Vec<String> = w.files().into_iter().filter(|f| f.starts_with("proj")).collect();
    assert_eq!(got, want, "the set's YAML files and a catalog, nothing else");
    for (name, text) in SMALL_SET {
        assert_eq!(w.read(&format!("proj/standards/{name}")), text, "{name} is a copy");
    }
    // The catalog names the set's own standards, so the commands run on it at once.
    let catalog = w.read("proj/catalog.csv");
    assert!(catalog.contains("NUR-1.1:I") && !catalog.contains("FS-"), "{catalog}");
    let gaps = w.run(&["--standards", "proj/standards", "gaps", "proj/catalog.csv"]);
    assert!(matches!(gaps.no_panic().code, 0 | 1), "gaps runs on the new project:\n{}", gaps.stderr);

    // A set with errors is not copied: fix it first.
    let w = small_set(&[("lab.yaml", "    title: Microscopy", "    titel: Microscopy")]);
    w.run(&["--standards", "set", "init", "proj"])
        .code(2)
        .stderr_has("set/lab.yaml:9:5: error: unknown field");
    assert!(!w.join("proj").exists(), "nothing written");
}
