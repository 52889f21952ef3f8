//! `cte-align standards --format case`: the loaded set as a CASE 1.1 package. It validates
//! against the official CASE 1.1 JSON schema (read from `../shared`; the tests say plainly when
//! they skipped), its identifiers are UUID v5 of the IDs (or the UUIDs a CASE package gave),
//! and export -> read back with `--standards` -> export is byte-identical, on the built-in set,
//! a real package, and generated sets. No other command takes the format.

use std::path::PathBuf;

use proptest::prelude::*;
use serde_json::Value;

use crate::util::Workdir;

/// The validator of the official CASE 1.1 package schema; `None` (and a line saying the test
/// skipped) when `../shared` is absent.
fn case_schema() -> Option<jsonschema::Validator> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/real/case-schemas/case-v1p1-cfpackage.official.json");
    if !path.is_file() {
        println!("skipped: {} is absent, so the export was not validated", path.display());
        return None;
    }
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    Some(jsonschema::options().should_validate_formats(true).build(&schema).unwrap())
}

fn assert_valid(schema: &jsonschema::Validator, package: &str) {
    let instance: Value = serde_json::from_str(package).unwrap();
    let errors: Vec<String> =
        schema.iter_errors(&instance).take(10).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "the export is not a valid CASE 1.1 package:\n{}", errors.join("\n"));
}

/// Exports the set (`standards`: the `--standards` argument, or none for the built-in one),
/// reads the export back and exports that: the two exports must be the same bytes. Returns
/// the first.
fn round_trip(w: &Workdir, standards: Option<&str>) -> String {
    let mut args = Vec::new();
    if let Some(s) = standards {
        args.extend(["--standards", s]);
    }
    args.extend(["standards", "--format", "case"]);
    let first = w.run(&args);
    first.code(0);
    let path = w.write("export.json", &first.stdout);
    let again = w.run(&["--standards", path.to_str().unwrap(), "standards", "--format", "case"]);
    again.code(0);
    assert!(first.stdout == again.stdout, "the round trip changed the package:\n{}", first.stdout);
    first.stdout
}

fn item<'a>(package: &'a Value, code: &str) -> &'a Value {
    let items = package["CFItems"].as_array().unwrap();
    items.iter().find(|i| i["humanCodingScheme"] == code).unwrap_or_else(|| panic!("no item {code}"))
}

#[test]
fn the_built_in_set_exports_validates_and_round_trips() {
    let w = Workdir::new();
    let package = round_trip(&w, None);
    if let Some(schema) = case_schema() {
        assert_valid(&schema, &package);
    }
    let json: Value = serde_json::from_str(&package).unwrap();
    assert_eq!(json["CFDocument"]["title"], "Health Science");
    assert_eq!(json["CFDocument"]["caseVersion"], "1.1");
    // Each framework a top-level item, each standard under it with its whole ID as its code.
    assert_eq!(item(&json, "FS")["CFItemType"], "Framework");
    assert_eq!(item(&json, "FS-7")["CFItemType"], "Standard");
    assert_eq!(item(&json, "FS-7.1")["CFItemType"], "Sub-standard");
    assert_eq!(item(&json, "FS-7.1.1")["CFItemType"], "Objective");
    let child_of = json["CFAssociations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["originNodeURI"]["identifier"] == item(&json, "FS-7.1")["identifier"])
        .unwrap();
    assert_eq!(child_of["associationType"], "isChildOf");
    assert_eq!(child_of["destinationNodeURI"]["identifier"], item(&json, "FS-7")["identifier"]);
    // Read back, the frameworks and their standards are the same.
    w.run(&["--standards", "export.json", "standards", "FS-7.1", "--format", "csv"])
        .code(0)
        .stdout_has("FS-7.1.1,3,");
}

/// The identifiers are UUID v5 of the IDs in the documented namespace, so another tool can
/// make them too, and they never change from one run or release to the next.
#[test]
fn identifiers_are_uuid_v5_of_the_ids() {
    let w = Workdir::new();
    let json: Value = serde_json::from_str(&w.run(&["standards", "--format", "case"]).stdout).unwrap();
    let namespace = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, b"urn:cte-align:case-export");
    let fs_1 = uuid::Uuid::new_v5(&namespace, b"FS-1.1").hyphenated().to_string();
    assert_eq!(item(&json, "FS-1.1")["identifier"], fs_1.as_str());
    assert_eq!(item(&json, "FS-1.1")["uri"], format!("urn:uuid:{fs_1}").as_str());
    assert_eq!(
        item(&json, "FS")["identifier"],
        uuid::Uuid::new_v5(&namespace, b"FS").hyphenated().to_string()
    );
}

/// A set read from a CASE package keeps its items' UUIDs (lower case, as CASE 1.1 asks).
#[test]
fn a_real_package_exports_with_its_own_uuids_and_round_trips() {
    let w = Workdir::new();
    let real = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/real/case-ngss/ngss-science-2013.json");
    if !real.is_file() {
        println!("skipped: {} is absent", real.display());
        return;
    }
    let package = round_trip(&w, Some(real.to_str().unwrap()));
    if let Some(schema) = case_schema() {
        assert_valid(&schema, &package);
    }
    let json: Value = serde_json::from_str(&package).unwrap();
    assert_eq!(item(&json, "NGSS-K-PS2")["identifier"], "33a3177c-d7cc-11e8-824f-0242ac160002");
    assert_eq!(json["CFItems"].as_array().unwrap().len(), 1 + 1037);
}

/// Regression: `-o FILE.json` asks for JSON, and `--format case` was refused as contradicting
/// it, though a CASE package is JSON.
#[test]
fn a_case_package_is_written_to_a_json_file() {
    let w = Workdir::new();
    w.run(&["standards", "--format", "case", "-o", "hs.json"]).code(0);
    let json: Value = serde_json::from_str(&w.read("hs.json")).unwrap();
    assert_eq!(json["CFDocument"]["caseVersion"], "1.1");
    w.run(&["standards", "--format", "case", "-o", "hs.csv"]).code(2).stderr_has("contradicts -o hs.csv");
}

#[test]
fn other_commands_refuse_the_case_format() {
    let w = Workdir::new();
    let catalog = crate::util::repo("examples/district/catalog.csv");
    for command in ["gaps", "coverage", "matrix", "where", "course", "report"] {
        let mut args = vec![command, catalog.as_str()];
        match command {
            "matrix" => args.extend(["--pathway", "TS"]),
            "where" => args.push("FS-1.1"),
            "course" => args.push("HS101"),
            _ => {}
        }
        args.extend(["--format", "case"]);
        w.run(&args).code(2).stderr_has("only `cte-align standards` takes it");
    }
    w.run(&["standards", "FS", "--format", "case"]).code(2).stderr_has("drop the query \"FS\"");
}

/// Titles and statements as a user may write them, some of which the CASE reader would take
/// for HTML or white space to fold.
const TEXTS: &[&str] = &[
    "Plain words",
    "Health & Safety",
    "x &amp; y",
    "<b>bold</b> claim",
    "a < b > c",
    "two  spaces",
    "Ünïcode ✓ — dash",
    "quote \" and: colon # hash",
    "- leading dash",
    "yes",
];

/// A standard: its title and statement (indices into [`TEXTS`]), and how many children each
/// of its children has.
type Top = (usize, Option<usize>, Vec<(usize, Option<usize>, usize)>);

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn standard_yaml(out: &mut String, pad: &str, code: &str, title: usize, statement: Option<usize>) {
    out.push_str(&format!("{pad}- code: {}\n{pad}  title: {}\n", q(code), q(TEXTS[title])));
    if let Some(s) = statement {
        out.push_str(&format!("{pad}  statement: {}\n", q(TEXTS[s])));
    }
    out.push_str(&format!("{pad}  keywords: [{}]\n", q(TEXTS[(title + 3) % TEXTS.len()])));
}

fn framework_yaml(id: &str, applies: &str, tops: &[Top]) -> String {
    let mut out = format!(
        "id: {id}\ntitle: {}\napplies_to: {applies}\ncoverage_depth: 1\nstandards:\n",
        q(&format!("{id} & co"))
    );
    for (n, (title, statement, children)) in tops.iter().enumerate() {
        let code = (n + 1).to_string();
        standard_yaml(&mut out, "  ", &code, *title, *statement);
        if !children.is_empty() {
            out.push_str("    children:\n");
        }
        for (m, (title, statement, grandchildren)) in children.iter().enumerate() {
            let code = format!("{code}.{}", m + 1);
            standard_yaml(&mut out, "      ", &code, *title, *statement);
            if *grandchildren > 0 {
                out.push_str("        children:\n");
            }
            for k in 0..*grandchildren {
                standard_yaml(
                    &mut out,
                    "          ",
                    &format!("{code}.{}", k + 1),
                    (title + k) % TEXTS.len(),
                    None,
                );
            }
        }
    }
    out
}

fn tops() -> impl Strategy<Value = Vec<Top>> {
    let text = 0..TEXTS.len();
    let child = (text.clone(), proptest::option::of(text.clone()), 0..3usize);
    prop::collection::vec(
        (text.clone(), proptest::option::of(text), prop::collection::vec(child, 0..3)),
        1..4,
    )
}

proptest! {
    // Each case runs the binary three times.
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Export -> read back -> export is byte-identical for any small set, and every export is
    /// a valid CASE 1.1 package.
    #[test]
    fn generated_sets_round_trip_byte_identical(foundation in tops(), pathway in tops()) {
        let w = Workdir::new();
        w.write(
            "set/cluster.yaml",
            "id: GEN\ntitle: \"Generated & <tested>\"\npathways:\n  - { id: AA, title: Alpha, framework: AA }\n",
        );
        w.write("set/fs.yaml", framework_yaml("FS", "all", &foundation));
        w.write("set/aa.yaml", framework_yaml("AA", "[AA]", &pathway));
        let package = round_trip(&w, Some("set"));
        if let Some(schema) = case_schema() {
            assert_valid(&schema, &package);
        }
    }
}
