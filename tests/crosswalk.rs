//! Crosswalks between frameworks: `crosswalks/*.csv` in a standards directory, and CASE
//! `exactMatchOf` / `isRelatedTo` associations. An alignment to a state standard credits the
//! standards it is mapped to (exact: same depth; partial: capped; related: none), one hop;
//! `course`, `where`, `matrix` and `coverage` show the path; a bad crosswalk is an error at its
//! file, line and column, exit 2. The example in `examples/crosswalk` is run as a user would.

use proptest::prelude::*;
use serde_json::{Value, json};

use cte_align::audit::{Filter, Listing, Policy, audit};
use cte_align::diagnostic::Diagnostics;
use cte_align::load::catalog::{CsvOptions, read};
use cte_align::load::standards::{BUILTIN, Source, load_sources};
use cte_align::model::StandardsSet;

use crate::util::{Run, Workdir, repo};

/// A made-up state framework, `ST`, applying to every pathway: ST-1 with ST-1.1 to ST-1.3.
const STATE: &str = "\
id: ST
title: A made-up state's Health Science standards
applies_to: all
coverage_depth: 2
standards:
  - code: \"1\"
    title: Safety
    children:
      - { code: \"1.1\", title: Infection prevention }
      - { code: \"1.2\", title: A safe workplace }
      - { code: \"1.3\", title: Hazards }
";

/// ST-1.1 is FS-7.1; ST-1.2 is part of FS-7.2 (up to R); ST-1.3 is related to FS-7.4.
const CROSSWALK: &str =
    "from,to,relation,depth\nST-1.1,FS-7.1,exact,\nST-1.2,FS-7.2,partial,R\nST-1.3,FS-7.4,related,\n";

/// A standards directory `std`: the built-in files, the state framework, and `crosswalk` as
/// `std/crosswalks/state.csv`.
fn standards(w: &Workdir, crosswalk: &str) {
    for (name, text) in BUILTIN {
        w.write(&format!("std/{name}"), text);
    }
    w.write("std/state.yaml", STATE);
    w.write("std/crosswalks/state.csv", crosswalk);
}

/// One Therapeutic Services course, C1, aligned to `standards`.
fn catalog(w: &Workdir, standards: &str) {
    w.write(
        "c.csv",
        format!("Course Number,Course Title,Pathway,Level,Standards\nC1,Course one,TS,1,\"{standards}\"\n"),
    );
}

fn run(w: &Workdir, args: &[&str]) -> Run {
    let mut all = vec!["--standards", "std"];
    all.extend(args);
    w.run(&all)
}

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// The `coverage --detail` JSON row of one standard in the first pathway.
fn detail(w: &Workdir, id: &str) -> Value {
    let run = run(w, &["coverage", "c.csv", "--detail", "--format", "json"]);
    let v = json(&run);
    let standards = v["pathways"][0]["standards"].as_array().unwrap();
    standards.iter().find(|s| s["standard"] == id).unwrap_or_else(|| panic!("no {id}")).clone()
}

#[test]
fn exact_credits_the_same_depth_partial_caps_it_related_gives_nothing() {
    let w = Workdir::new();
    standards(&w, CROSSWALK);
    catalog(&w, "ST-1.1:M; ST-1.2:M; ST-1.3:M");
    let exact = detail(&w, "FS-7.1");
    assert_eq!(exact["depth"], "M");
    assert_eq!(
        exact["courses"],
        json!([{"course": "C1", "depth": "M", "via": {"standard": "ST-1.1", "relation": "exact"}}])
    );
    let partial = detail(&w, "FS-7.2");
    assert_eq!(partial["depth"], "R");
    assert_eq!(partial["courses"][0]["via"]["relation"], "partial");
    let related = detail(&w, "FS-7.4");
    assert_eq!(related["covered"], false);
    // The summary counts what only the crosswalk covers, beside what it covers in all.
    let summary = json(&run(&w, &["coverage", "c.csv", "--format", "json"]));
    assert_eq!(summary["pathways"][0]["covered"], 5);
    assert_eq!(summary["pathways"][0]["credited"], 2);
    run(&w, &["coverage", "c.csv"])
        .stdout_has("credited")
        .stdout_has("2 of 5 covered standards covered only through a crosswalk");
}

#[test]
fn a_partial_entry_without_a_depth_credits_the_lowest_level() {
    let w = Workdir::new();
    standards(&w, "from,to,relation\nST-1.2,FS-7.2,partial\n");
    catalog(&w, "ST-1.2:M");
    assert_eq!(detail(&w, "FS-7.2")["depth"], "I");
}

/// Direct alignment beats a credited one for the same course and standard: the higher depth
/// wins, and on a tie the direct one, which then shows no path.
#[test]
fn a_direct_alignment_beats_a_credited_one() {
    let w = Workdir::new();
    standards(&w, CROSSWALK);
    catalog(&w, "ST-1.1:I; FS-7.1:I");
    assert_eq!(detail(&w, "FS-7.1")["courses"], json!([{"course": "C1", "depth": "I"}]));
    catalog(&w, "ST-1.1:R; FS-7.1:M");
    assert_eq!(detail(&w, "FS-7.1")["courses"], json!([{"course": "C1", "depth": "M"}]));
    // A deeper credited alignment wins over a shallower direct one, and says how.
    catalog(&w, "ST-1.1:M; FS-7.1:I");
    let row = detail(&w, "FS-7.1");
    assert_eq!(row["courses"][0]["depth"], "M");
    assert_eq!(row["courses"][0]["via"]["standard"], "ST-1.1");
    // `where` lists the direct alignment, not a credited one beside it.
    let hits = json(&run(&w, &["where", "c.csv", "FS-7.1", "--format", "json"]));
    assert_eq!(hits["courses"].as_array().unwrap().len(), 1);
    assert!(hits["courses"][0].get("via").is_none());
}

/// One hop only: ST-1.1 -> FS-7.1 and FS-7.1 -> TS-1.1 credit FS-7.1 from ST-1.1, not TS-1.1.
#[test]
fn credit_does_not_chain_through_two_entries() {
    let w = Workdir::new();
    standards(&w, "from,to,relation\nST-1.1,FS-7.1,exact\nFS-7.1,TS-1.1,exact\n");
    catalog(&w, "ST-1.1:M");
    assert_eq!(detail(&w, "FS-7.1")["covered"], true);
    assert_eq!(detail(&w, "TS-1.1")["covered"], false);
}

#[test]
fn course_where_and_matrix_show_the_path() {
    let w = Workdir::new();
    standards(&w, CROSSWALK);
    catalog(&w, "ST-1.1:R; ST-1.2:M; ST-1.3:I");
    run(&w, &["course", "c.csv", "C1"])
        .code(0)
        .stdout_has("Through crosswalks")
        .stdout_has("C1 -> ST-1.1 -> FS-7.1 (exact)")
        .stdout_has("C1 -> ST-1.3 -> FS-7.4 (related)")
        .stdout_has("no credit");
    let course = json(&run(&w, &["course", "c.csv", "C1", "--format", "json"]));
    assert_eq!(
        course["crosswalks"][1],
        json!({"standard": "FS-7.2", "title": "Personal Safety", "depth": "R", "counts_for": "FS-7.2",
               "via": {"standard": "ST-1.2", "relation": "partial"}})
    );
    assert_eq!(course["crosswalks"][2]["depth"], Value::Null);
    run(&w, &["where", "c.csv", "FS-7"])
        .code(0)
        .stdout_has("C1 -> ST-1.1 -> FS-7.1 (exact)")
        .stdout_has("2 alignments found, 2 of them credited through a crosswalk")
        .stdout_lacks("FS-7.4");
    let hits = json(&run(&w, &["where", "c.csv", "FS-7.2", "--format", "json"]));
    assert_eq!(hits["courses"][0]["via"], json!({"standard": "ST-1.2", "relation": "partial"}));
    assert_eq!(hits["courses"][0]["depth"], "R");
    run(&w, &["matrix", "c.csv", "--pathway", "TS"])
        .stdout_has("via")
        .stdout_has("C1 -> ST-1.2 -> FS-7.2 (partial)");
    let matrix = json(&run(&w, &["matrix", "c.csv", "--pathway", "TS", "--format", "json"]));
    let rows = matrix["standards"].as_array().unwrap();
    let row = rows.iter().find(|r| r["standard"] == "FS-7.1").unwrap();
    assert_eq!(row["via"], json!([{"course": "C1", "standard": "ST-1.1", "relation": "exact"}]));
    let direct = rows.iter().find(|r| r["standard"] == "ST-1.1").unwrap();
    assert!(direct.get("via").is_none());
}

/// Without a crosswalk nothing of it shows: no `credited` column or field, no path.
#[test]
fn without_a_crosswalk_the_reports_do_not_mention_it() {
    let w = Workdir::new();
    standards(&w, "from,to,relation\n");
    catalog(&w, "ST-1.1:R; FS-7.1:I");
    let summary = json(&run(&w, &["coverage", "c.csv", "--format", "json"]));
    assert!(summary["pathways"][0].get("credited").is_none());
    run(&w, &["coverage", "c.csv"]).no_panic().stdout_lacks("credited").stdout_lacks("crosswalk");
    run(&w, &["course", "c.csv", "C1"]).stdout_lacks("Through crosswalks");
    run(&w, &["matrix", "c.csv", "--pathway", "TS"]).stdout_lacks("via");
}

// ------------------------------------------------------------------------------------------
// Errors: each at its file, line and column, every one collected, exit 2.

fn errors(crosswalk: &str) -> String {
    let w = Workdir::new();
    standards(&w, crosswalk);
    let run = run(&w, &["standards"]);
    run.code(2);
    run.stderr.replace('\\', "/")
}

#[test]
fn an_unknown_standard_is_an_error_with_a_suggestion() {
    let stderr = errors("from,to,relation\nST-1.1,FS-7.9,exact\nST-9,FS-7.1,exact\n");
    assert!(
        stderr.contains("std/crosswalks/state.csv:2:8: error: unknown standard \"FS-7.9\" in column to; did you mean FS-7.1?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("std/crosswalks/state.csv:3:1: error: unknown standard \"ST-9\" in column from"),
        "{stderr}"
    );
}

#[test]
fn a_bad_relation_and_a_bad_depth_are_errors_at_their_column() {
    let stderr = errors(
        "from,to,relation,depth\nST-1.1,FS-7.1,exakt,\nST-1.2,FS-7.2,partial,Q\nST-1.3,FS-7.3,exact,R\n",
    );
    for want in [
        "std/crosswalks/state.csv:2:15: error: unknown relation \"exakt\"; use exact (full credit), partial (credit up to a depth) or related (no credit); did you mean exact?",
        "std/crosswalks/state.csv:3:23: error: depth \"Q\" is not on the depth scale (I, R, M)",
        "std/crosswalks/state.csv:4:21: error: a depth caps a partial entry only",
    ] {
        assert!(stderr.contains(want), "{want}\n{stderr}");
    }
}

#[test]
fn a_cycle_is_an_error_that_names_it() {
    let stderr = errors("from,to,relation\nST-1.1,FS-7.1,exact\nFS-7.1,ST-1.1,partial\n");
    assert!(
        stderr.contains(
            "std/crosswalks/state.csv:3:8: error: the crosswalk maps in a cycle (ST-1.1 -> FS-7.1 -> ST-1.1) through exact and partial entries"
        ),
        "{stderr}"
    );
    // A `related` entry back gives no credit, so it closes no cycle.
    let w = Workdir::new();
    standards(&w, "from,to,relation\nST-1.1,FS-7.1,exact\nFS-7.1,ST-1.1,related\n");
    run(&w, &["standards"]).code(0);
}

#[test]
fn a_mapping_within_one_framework_to_itself_or_twice_is_an_error() {
    let stderr = errors(
        "from,to,relation\nST-1.1,ST-1.2,exact\nST-1.1,ST-1.1,exact\nST-1.2,FS-7.2,exact\nst-1.2,fs-7.2,related\n",
    );
    for want in [
        "state.csv:2:8: error: ST-1.1 and ST-1.2 are both standards of framework ST",
        "state.csv:3:8: error: ST-1.1 is mapped to itself",
        "state.csv:5:1: error: ST-1.2 -> FS-7.2 is mapped twice (first at ",
    ] {
        assert!(stderr.contains(want), "{want}\n{stderr}");
    }
}

#[test]
fn a_bad_header_or_row_width_is_an_error() {
    let stderr = errors("from,too,relation\nST-1.1,FS-7.1,exact\n");
    assert!(
        stderr.contains("state.csv:1:6: error: unknown column \"too\" in the crosswalk header"),
        "{stderr}"
    );
    let stderr = errors("from,to,relation\nST-1.1,FS-7.1\n");
    assert!(stderr.contains("state.csv:2:1: error: this row has 2 fields but the header has 3"), "{stderr}");
}

/// Every problem of the crosswalk is reported with those of the other files, in one run.
#[test]
fn crosswalk_errors_come_with_the_other_files_errors() {
    let w = Workdir::new();
    standards(&w, "from,to,relation\nST-1.1,FS-7.9,exact\n");
    w.write("std/broken.yaml", "id: XX\nstandards: 3\n");
    let run = run(&w, &["standards"]);
    run.code(2).stderr_has("broken.yaml").stderr_has("FS-7.9");
}

// ------------------------------------------------------------------------------------------
// CASE associations.

const DOC_A: &str = "d0000000-0000-4000-8000-00000000000a";
const DOC_B: &str = "d0000000-0000-4000-8000-00000000000b";

fn uuid(doc: char, n: usize) -> String {
    format!("a0000000-0000-4000-800{doc}-{n:012}")
}

fn association(kind: &str, origin: &str, destination: &str) -> Value {
    json!({
        "identifier": format!("b-{kind}-{origin}-{destination}"),
        "associationType": kind,
        "originNodeURI": { "title": "", "identifier": origin, "uri": "x" },
        "destinationNodeURI": { "title": "", "identifier": destination, "uri": "x" },
    })
}

/// A package titled `title` with items `codes`, all under the document, and `more`
/// associations.
fn package(doc: &str, letter: char, title: &str, codes: &[&str], more: Vec<Value>) -> String {
    let items: Vec<Value> = codes
        .iter()
        .enumerate()
        .map(|(n, c)| json!({"identifier": uuid(letter, n), "humanCodingScheme": c, "fullStatement": format!("Item {c}")}))
        .collect();
    let mut assocs: Vec<Value> =
        (0..codes.len()).map(|n| association("isChildOf", &uuid(letter, n), doc)).collect();
    assocs.extend(more);
    let v = json!({"CFDocument": {"identifier": doc, "title": title}, "CFItems": items, "CFAssociations": assocs});
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn case_exact_match_and_related_associations_become_crosswalk_entries() {
    let w = Workdir::new();
    let state = package(
        DOC_A,
        'a',
        "State Health Science",
        &["A1", "A2"],
        vec![
            association("exactMatchOf", &uuid('a', 0), &uuid('b', 0)),
            association("isRelatedTo", &uuid('a', 1), &uuid('b', 1)),
            // Outside the loaded set, as in real packages: left out without a word.
            association("exactMatchOf", &uuid('a', 1), "e0000000-0000-4000-8000-000000000000"),
        ],
    );
    w.write("case/state.json", state);
    w.write("case/national.json", package(DOC_B, 'b', "National Foundation", &["N1", "N2"], Vec::new()));
    w.write("c.csv", "Course Number,Course Title,Pathway,Level,Standards\nC1,Course one,SHS; NF,1,\"SHS-A1:R; SHS-A2:M\"\n");
    let hits = json(&w.run(&["--standards", "case", "where", "c.csv", "NF-N1", "--format", "json"]));
    assert_eq!(hits["courses"][0]["via"], json!({"standard": "SHS-A1", "relation": "exact"}));
    assert_eq!(hits["courses"][0]["depth"], "R");
    w.run(&["--standards", "case", "course", "c.csv", "C1"])
        .code(0)
        .stdout_has("C1 -> SHS-A1 -> NF-N1 (exact)")
        .stdout_has("C1 -> SHS-A2 -> NF-N2 (related)")
        .stderr_lacks("e0000000");
    // A cycle through CASE associations is an error at their JSON path.
    let back = association("exactMatchOf", &uuid('b', 0), &uuid('a', 0));
    w.write("case/national.json", package(DOC_B, 'b', "National Foundation", &["N1", "N2"], vec![back]));
    w.run(&["--standards", "case", "standards"])
        .code(2)
        .stderr_has("$.CFAssociations[2]")
        .stderr_has("cycle (NF-N1 -> SHS-A1 -> NF-N1)");
}

#[test]
fn import_case_says_which_associations_it_did_not_import() {
    let w = Workdir::new();
    let state = package(
        DOC_A,
        'a',
        "State Health Science",
        &["A1"],
        vec![association("exactMatchOf", &uuid('a', 0), "e0000000-0000-4000-8000-000000000000")],
    );
    w.write("state.json", state);
    w.run(&["import-case", "state.json", "-o", "out"])
        .code(0)
        .stderr_has("1 exactMatchOf/isRelatedTo association was not imported");
}

// ------------------------------------------------------------------------------------------
// The example.

fn example(args: &[&str]) -> Run {
    let w = Workdir::new();
    let mut all = vec!["--standards".to_string(), repo("examples/crosswalk/standards")];
    all.extend(args.iter().map(|a| a.replace("EX/", &format!("{}/", repo("examples/crosswalk")))));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    w.run(&all)
}

#[test]
fn the_example_shows_foundation_coverage_through_the_crosswalk() {
    let run = example(&["coverage", "EX/catalog.csv", "--alignments", "EX/alignments.csv"]);
    run.code(1);
    insta::assert_snapshot!("crosswalk_example_coverage", run.stdout);
    let run = example(&["course", "EX/catalog.csv", "HS210", "--alignments", "EX/alignments.csv"]);
    run.code(0);
    insta::assert_snapshot!("crosswalk_example_course_hs210", run.stdout);
    let run = example(&["where", "EX/catalog.csv", "FS-7"]);
    run.code(0).stdout_has("HS210 -> TAM-3.2 -> FS-7.2 (exact)");
}

/// The example's foundation file is the built-in one, so the two never drift apart.
#[test]
fn the_example_foundation_file_is_the_built_in_one() {
    let copy = std::fs::read_to_string(repo("examples/crosswalk/standards/foundation.yaml")).unwrap();
    let builtin = std::fs::read_to_string(repo("standards/foundation.yaml")).unwrap();
    assert!(
        copy == builtin,
        "examples/crosswalk/standards/foundation.yaml differs from standards/foundation.yaml"
    );
}

// ------------------------------------------------------------------------------------------
// Properties, through the library for speed.

const FROM: [&str; 6] = ["TS-1.1", "TS-3.1", "DS-4.1", "HI-3.2", "SS-4.1", "BRD-3.2"];
const TO: [&str; 6] = ["FS-1.1", "FS-2.2", "FS-7.1", "FS-7.1.1", "FS-10.1", "FS-7"];
const ALIGNED: [&str; 10] =
    ["FS-1.1", "FS-7.1", "TS-1.1", "TS-1.1.1", "TS-3.1", "DS-4.1", "HI-3.2", "SS-4.1", "BRD-3.2", "TS-1"];
const PATHWAYS: [&str; 6] = ["TS", "DS", "HI", "SS", "BRD", "*"];
const DEPTHS: [&str; 4] = ["", ":I", ":R", ":M"];

fn set_with(crosswalk: Option<String>) -> StandardsSet {
    let mut sources: Vec<Source> =
        BUILTIN.iter().map(|(n, t)| Source { name: n.to_string(), text: t.to_string() }).collect();
    if let Some(text) = crosswalk {
        sources.push(Source { name: "crosswalks/x.csv".into(), text });
    }
    load_sources(sources).unwrap_or_else(|d| panic!("{:?}", d.items))
}

fn audit_of(set: &StandardsSet, rows: &[(usize, Vec<(usize, usize)>)]) -> cte_align::audit::Audit {
    let mut text = String::from("Course Number,Course Title,Pathway,Level,Standards\n");
    for (i, (p, aligns)) in rows.iter().enumerate() {
        let standards: Vec<String> =
            aligns.iter().map(|&(s, d)| format!("{}{}", ALIGNED[s], DEPTHS[d])).collect();
        text.push_str(&format!(
            "C{i},Course {i},{},{},\"{}\"\n",
            PATHWAYS[*p],
            1 + i % 4,
            standards.join("; ")
        ));
    }
    let mut diags = Diagnostics::default();
    let catalog = read("c.csv", text.into_bytes(), set, &CsvOptions::default(), &mut diags).unwrap();
    audit(&catalog, set, &Filter::default(), &Policy::default(), &[], Listing::Courses)
}

fn rows() -> impl Strategy<Value = Vec<(usize, Vec<(usize, usize)>)>> {
    proptest::collection::vec(
        (0..PATHWAYS.len(), proptest::collection::vec((0..ALIGNED.len(), 0..DEPTHS.len()), 0..5)),
        1..8,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// An empty crosswalk file changes nothing in the audit.
    #[test]
    fn an_empty_crosswalk_changes_no_audit(rows in rows()) {
        let (plain, empty) = (set_with(None), set_with(Some("from,to,relation,depth\n".into())));
        prop_assert_eq!(audit_of(&plain, &rows), audit_of(&empty, &rows));
    }

    /// Adding `exact` entries never lowers a coverage figure: covered, mastered, or the depth
    /// of any required standard.
    #[test]
    fn an_exact_crosswalk_never_lowers_coverage(
        rows in rows(),
        entries in proptest::collection::btree_set((0..FROM.len(), 0..TO.len()), 1..6),
    ) {
        let mut csv = String::from("from,to,relation\n");
        for (f, t) in entries {
            csv.push_str(&format!("{},{},exact\n", FROM[f], TO[t]));
        }
        let (plain, crosswalked) = (set_with(None), set_with(Some(csv)));
        let (before, after) = (audit_of(&plain, &rows), audit_of(&crosswalked, &rows));
        let mastery = plain.cluster.mastery;
        prop_assert_eq!(before.pathways.len(), after.pathways.len());
        for (b, a) in before.pathways.iter().zip(&after.pathways) {
            prop_assert!(a.covered() >= b.covered());
            prop_assert!(a.mastered(mastery) >= b.mastered(mastery));
            prop_assert!(a.only_credited() <= a.covered());
            for (x, y) in b.standards.iter().zip(&a.standards) {
                prop_assert!(y.depth() >= x.depth());
                prop_assert!(y.count >= x.count);
            }
        }
    }
}
