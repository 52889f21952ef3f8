//! CASE packages as standards (`--standards PACKAGE.json`, or packages in a standards
//! directory): the real public packages in `../shared/data/real` (read from there, never copied
//! here; the tests say plainly when they skipped), and small packages of our own for each
//! problem a package can have, each reported at its JSON path with line and column, exit 2.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::util::{Run, Workdir};

/// The real packages' folder, beside the repository as CI lays it; `None` (and a line saying the
/// test skipped) when it is absent.
fn real(rel: &str) -> Option<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/real");
    if !dir.is_dir() {
        println!("skipped: {} is absent, so the real CASE packages were not read", dir.display());
        return None;
    }
    Some(dir.join(rel).display().to_string())
}

const NGSS: &str = "case-ngss/ngss-science-2013.json";

/// Every real package, as found: each loads, and `standards` lists its framework.
const REAL_PACKAGES: &[(&str, &str, usize)] = &[
    (NGSS, "NGSS", 1037),
    ("case-ccss-math/ccss-math-2010.json", "CCSSM", 746),
    ("case-opensalt-sample/opensalt-framework-20c5134f-423d-4097-a971-3dd5152bf507.json", "WSCB", 16),
    ("case-opensalt-legacy-ccss-math/math_cfs_sample.json", "CCSSM", 703),
    ("case-opensalt-fixtures/Ordering.json", "ACTHFM", 28),
    ("case-opensalt-fixtures/test_framework_case.json", "CASE", 65),
    ("case-opensalt-fixtures/SmartLevelFramework.json", "ST", 14),
    ("case-opensalt-fixtures/AdoptedTestFramework.json", "AT", 1),
    ("case-opensalt-fixtures/ItemTypeTestFramework.json", "ITT", 1),
    ("case-opensalt-fixtures/MarkdownFramework.json", "TMF", 2),
    ("case-opensalt-fixtures/SequenceNumberFramework.json", "SNT", 2),
    ("case-opensalt-fixtures/Utf8TestFramework.json", "UTF8T", 1),
];

#[test]
fn every_real_package_imports_with_all_its_items() {
    let w = Workdir::new();
    for (rel, prefix, items) in REAL_PACKAGES {
        let Some(path) = real(rel) else { return };
        let run = w.run(&["--standards", &path, "standards", prefix, "--format", "csv"]);
        run.code(0);
        // A header, then one row a standard.
        assert_eq!(run.stdout.lines().count(), 1 + items, "{rel}");
    }
}

#[test]
fn an_empty_real_package_says_it_has_no_standards() {
    let w = Workdir::new();
    let Some(path) = real("case-opensalt-fixtures/EmptyExternalFramework.json") else { return };
    w.run(&["--standards", &path, "standards"]).code(2).stderr_has("the framework has no standards");
}

#[test]
fn ngss_codes_repeat_and_do_not_nest_and_are_all_kept() {
    let w = Workdir::new();
    let Some(ngss) = real(NGSS) else { return };
    let run = w.run(&["--standards", &ngss, "standards", "NGSS", "--format", "csv"]);
    run.code(0);
    // A header and the 1,037 items, none merged: repeated codes (K-2-ETS1-1, three times)
    // get generated codes instead, and headings without a code get one from their place.
    assert_eq!(run.stdout.lines().count(), 1 + 1037, "{}", &run.stdout[..500]);
    run.stdout_has("NGSS-K-PS2-1,").stdout_has("NGSS-K-PS2.1,").stdout_lacks("NGSS-K-2-ETS1-1,");
    // One standard shows its whole statement.
    w.run(&["--standards", &ngss, "standards", "NGSS-K-PS2-1", "--format", "json"])
        .code(0)
        .stdout_has("\"statement\": \"Plan and conduct an investigation to compare the effects of different strengths or different directions of pushes and pulls on the motion of an object.");
}

#[test]
fn a_ngss_standard_is_found_by_its_case_uuid() {
    let w = Workdir::new();
    let Some(ngss) = real(NGSS) else { return };
    // 33a3177c-… is K-PS2, "Motion and Stability: Forces and Interactions".
    w.run(&["--standards", &ngss, "standards", "33A3177C-D7CC-11E8-824F-0242AC160002", "--width", "200"])
        .code(0)
        .stdout_has("NGSS-K-PS2 Motion and Stability: Forces and Interactions");
}

#[test]
fn where_and_gaps_run_on_a_real_package() {
    let w = Workdir::new();
    let Some(ngss) = real(NGSS) else { return };
    w.write(
        "catalog.csv",
        "Course Number,Course Title,Pathway,Level,Standards\n\
         SCI1,Physical Science,NGSS,1,\"NGSS-K-PS2-1:I; NGSS-K-PS2-2:R\"\n\
         SCI2,Earth Science,NGSS,2,\"33a3177c-d7cc-11e8-824f-0242ac160002:I; NGSS-1-ESS1-1:M\"\n",
    );
    w.run(&["--standards", &ngss, "where", "catalog.csv", "NGSS-K-PS2"])
        .code(0)
        .stdout_has("SCI1")
        .stdout_has("SCI2");
    let run = w.run(&["--standards", &ngss, "gaps", "catalog.csv", "--format", "csv"]);
    run.no_panic();
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.stdout_has("uncovered-standard");
}

#[test]
fn the_ccss_control_character_and_html_are_not_in_titles() {
    let w = Workdir::new();
    let Some(ccss) = real("case-ccss-math/ccss-math-2010.json") else { return };
    let run = w.run(&["--standards", &ccss, "standards", "CCSSM", "--format", "csv"]);
    run.code(0).stdout_lacks("\u{98}").stdout_lacks("<sup>");
}

// ------------------------------------------------------------------------------------------
// Our own small packages.

const DOC: &str = "d0000000-0000-4000-8000-000000000000";

fn uuid(n: usize) -> String {
    format!("a0000000-0000-4000-8000-{n:012}")
}

fn item(n: usize, code: Option<&str>, statement: &str) -> Value {
    let mut v = json!({
        "identifier": uuid(n),
        "uri": format!("https://example.org/uri/{}", uuid(n)),
        "fullStatement": statement,
        "lastChangeDateTime": "2024-01-01T00:00:00",
    });
    if let Some(code) = code {
        v["humanCodingScheme"] = json!(code);
    }
    v
}

fn child_of(k: usize, child: &str, parent: &str, seq: Value) -> Value {
    json!({
        "identifier": format!("b0000000-0000-4000-8000-{k:012}"),
        "uri": "https://example.org/uri/assoc",
        "associationType": "isChildOf",
        "originNodeURI": { "title": "", "identifier": child, "uri": "x" },
        "destinationNodeURI": { "title": "", "identifier": parent, "uri": "x" },
        "sequenceNumber": seq,
        "lastChangeDateTime": "2024-01-01T00:00:00",
    })
}

/// A package of a state's made-up Health Science framework: two standards, each with two
/// indicators; one sequence number a string, one item without a code, extra fields.
fn package() -> Value {
    let items = vec![
        item(1, Some("HS.A"), "Anatomy <b>basics</b>"),
        item(2, Some("HS.A.1"), "Name the body systems"),
        item(3, None, "Describe the heart &amp; lungs"),
        item(4, Some("HS.B"), "Safety"),
        item(5, Some("HS.B.1"), "Wash hands"),
    ];
    let assocs = vec![
        child_of(1, &uuid(1), DOC, json!(1)),
        child_of(2, &uuid(2), &uuid(1), json!("1")),
        child_of(3, &uuid(3), &uuid(1), json!(2)),
        child_of(4, &uuid(4), DOC, json!(2)),
        child_of(5, &uuid(5), &uuid(4), Value::Null),
    ];
    json!({
        "CFDocument": {
            "identifier": DOC, "uri": "x", "creator": "A State", "title": "State Health Science",
            "lastChangeDateTime": "2024-01-01T00:00:00", "extraField": true,
        },
        "CFItems": items,
        "CFAssociations": assocs,
        "CFDefinitions": {},
    })
}

fn write_package(w: &Workdir, name: &str, v: &Value) -> String {
    w.write(name, serde_json::to_string_pretty(v).unwrap()).display().to_string()
}

fn load(w: &Workdir, v: &Value) -> Run {
    let p = write_package(w, "state.json", v);
    w.run(&["--standards", &p, "standards", "SHS", "--format", "csv"])
}

#[test]
fn a_small_package_builds_the_tree_from_is_child_of() {
    let w = Workdir::new();
    let run = load(&w, &package());
    run.code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "id,depth,title,statement",
            "SHS-HS.A,1,Anatomy basics,",
            "SHS-HS.A.1,2,Name the body systems,",
            "SHS-HS.A.2,2,Describe the heart & lungs,",
            "SHS-HS.B,1,Safety,",
            "SHS-HS.B.1,2,Wash hands,",
        ]
    );
}

#[test]
fn a_package_beside_yaml_in_a_directory_joins_the_set() {
    let w = Workdir::new();
    w.run(&["init", "set"]).code(0);
    write_package(&w, "set/standards/state.json", &package());
    let run = w.run(&["--standards", "set/standards", "standards", "--format", "json"]);
    run.code(0);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<&str> =
        v["frameworks"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"SHS") && ids.contains(&"FS"), "{ids:?}");
}

/// Runs the package and expects exit 2 and each message in stderr.
fn fails(v: &Value, want: &[&str]) {
    let w = Workdir::new();
    let run = load(&w, v);
    run.code(2);
    for line in want {
        run.stderr_has(line);
    }
}

#[test]
fn a_dangling_association_is_an_error_at_its_path() {
    let mut v = package();
    v["CFAssociations"][4]["destinationNodeURI"]["identifier"] = json!("nowhere");
    fails(
        &v,
        &[
            "state.json:71:5: error: $.CFAssociations[4]: destinationNodeURI: this isChildOf names \"nowhere\"",
        ],
    );
}

#[test]
fn an_item_without_a_parent_is_an_error() {
    let mut v = package();
    v["CFAssociations"].as_array_mut().unwrap().remove(4);
    fails(&v, &["state.json:109:5: error: $.CFItems[4]: item HS.B.1 has no parent"]);
}

#[test]
fn a_cycle_is_an_error() {
    let mut v = package();
    v["CFAssociations"][0]["destinationNodeURI"]["identifier"] = json!(uuid(2));
    fails(
        &v,
        &["$.CFItems[0]: the isChildOf associations of these items form a cycle (HS.A -> HS.A.1 -> HS.A)"],
    );
}

#[test]
fn a_duplicate_identifier_is_an_error() {
    let mut v = package();
    v["CFItems"][4]["identifier"] = json!(uuid(2));
    fails(&v, &["$.CFItems[4].identifier: duplicate identifier"]);
}

#[test]
fn a_repeated_code_does_not_merge_items() {
    let mut v = package();
    v["CFItems"][4]["humanCodingScheme"] = json!("HS.A.1");
    let w = Workdir::new();
    let run = load(&w, &v);
    // Neither keeps the shared code: each gets one from its place (its parent's code and its
    // position), so both stay, under their own parents.
    run.code(0).stdout_has("SHS-HS.A.1,2,Name the body systems").stdout_has("SHS-HS.B.1,2,Wash hands");
    assert_eq!(run.stdout.lines().count(), 6);
}

#[test]
fn invalid_json_and_a_bad_field_give_line_and_column() {
    let w = Workdir::new();
    let p = w.write("bad.json", "{\"CFDocument\": {\"identifier\": \"x\"},\n \"CFItems\": [,]}");
    w.run(&["--standards", &p.display().to_string(), "standards"])
        .code(2)
        .stderr_has("bad.json:2:14: error: this is not valid JSON");
    let mut v = package();
    v["CFItems"][1]["fullStatement"] = json!(7);
    fails(&v, &["$.CFItems[1]: invalid type: integer `7`, expected a string"]);
}

#[test]
fn json_that_is_not_a_package_says_so() {
    fails(&json!({"document": {}}), &["no CFDocument: this is not a CASE package"]);
}

#[test]
fn a_tree_deeper_than_the_limit_is_refused() {
    let mut v = package();
    let items = v["CFItems"].as_array_mut().unwrap();
    let mut assocs = Vec::new();
    for n in 10..50 {
        items.push(item(n, Some(&format!("D{n}")), "deep"));
        let parent = if n == 10 { DOC.to_string() } else { uuid(n - 1) };
        assocs.push(child_of(n, &uuid(n), &parent, json!(n)));
    }
    v["CFAssociations"].as_array_mut().unwrap().extend(assocs);
    fails(&v, &["more than 32 levels under the document"]);
}

// ------------------------------------------------------------------------------------------
// import-case: a package -> our YAML, which loads back as the same framework.

#[test]
fn import_case_writes_yaml_that_loads_back_with_the_same_ids_and_uuids() {
    let w = Workdir::new();
    let p = write_package(&w, "state.json", &package());
    w.run(&["import-case", &p, "-o", "out"])
        .code(0)
        .stdout_has("wrote out/cluster.yaml and out/shs.yaml")
        .stderr_has("coverage counted at depth 2 (the default: the level with the most coded items");
    let from_yaml = w.run(&["--standards", "out", "standards", "SHS", "--format", "csv"]);
    let from_json = load(&w, &package());
    assert_eq!(from_yaml.code(0).stdout, from_json.stdout);
    // The UUID survives in the YAML (`case_id`) and still finds its standard.
    w.run(&["--standards", "out", "standards", &uuid(5), "--format", "csv"]).code(0).stdout_has("SHS-HS.B.1");
}

#[test]
fn import_case_takes_a_depth_an_item_type_and_pathways() {
    let w = Workdir::new();
    let mut v = package();
    v["CFItems"][0]["CFItemType"] = json!("Standard");
    v["CFItems"][3]["CFItemTypeURI"] = json!({"title": "Standard", "identifier": "t", "uri": "x"});
    let p = write_package(&w, "state.json", &v);
    w.run(&["import-case", &p, "-o", "a", "--item-type", "standard", "--pathway", "NUR", "--pathway", "LAB"])
        .code(0)
        .stderr_has("depth 1 (where 2 items of type \"standard\" are");
    w.run(&["--standards", "a", "standards"]).code(0).stdout_has("NUR").stdout_has("LAB");
    w.run(&["import-case", &p, "-o", "b", "--item-type", "Cluster"])
        .code(2)
        .stderr_has("its types are: Standard");
    w.run(&["import-case", &p, "-o", "c", "--depth", "3"]).code(2).stderr_has("outside the tree");
    // A second run refuses to overwrite without --force.
    w.run(&["import-case", &p, "-o", "a"]).code(2).stderr_has("pass --force");
    w.run(&["import-case", &p, "-o", "a", "--force"]).code(0);
}

#[test]
fn import_case_of_a_bad_package_is_exit_2_at_its_json_path() {
    let w = Workdir::new();
    let mut v = package();
    v["CFAssociations"][4]["destinationNodeURI"]["identifier"] = json!("nowhere");
    let p = write_package(&w, "state.json", &v);
    w.run(&["import-case", &p, "-o", "out"]).code(2).stderr_has("$.CFAssociations[4]: destinationNodeURI");
    assert!(!w.join("out").exists());
}

#[test]
fn import_case_of_ngss_loads_back() {
    let w = Workdir::new();
    let Some(ngss) = real(NGSS) else { return };
    w.run(&["import-case", &ngss, "-o", "ngss"]).code(0);
    let run = w.run(&["--standards", "ngss", "standards", "NGSS", "--format", "csv"]);
    assert_eq!(run.code(0).stdout.lines().count(), 1 + 1037);
}

/// Regression (fuzz target render_case): a code with a space or a catalog separator in it
/// loaded, but no catalog could align to it and the CASE export did not read back the same.
/// A package's such code is replaced like a shared one, from the item's place.
#[test]
fn a_code_no_catalog_could_write_is_replaced() {
    let mut v = package();
    v["CFItems"][4]["humanCodingScheme"] = json!("HS.B 1");
    let w = Workdir::new();
    let run = load(&w, &v);
    run.code(0).stdout_has("SHS-HS.B.1,2,Wash hands").stdout_lacks("HS.B 1");
}

/// Regression (fuzz target render_case, 3 December): a code holding an invisible character
/// (a zero-width space) is replaced the same way, so that exporting what was read gives the
/// same package again; a control character is dropped, as from all of a package's text.
#[test]
fn a_code_with_an_invisible_character_is_replaced() {
    for (code, read) in
        [("HS.B\u{200B}1", "SHS-HS.B.1,2,Wash hands"), ("HS.B\u{7}1", "SHS-HS.B1,2,Wash hands")]
    {
        let mut v = package();
        v["CFItems"][4]["humanCodingScheme"] = json!(code);
        let w = Workdir::new();
        let run = load(&w, &v);
        run.code(0).stdout_has(read).stdout_lacks("\u{200B}").stdout_lacks("\u{7}");
    }
}
