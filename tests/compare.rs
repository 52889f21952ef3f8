//! `fill` and `diff`: two audits under the same standards and policy, compared. Through the
//! binary: exit codes, the vendor example (its README shows this output), the two versions of
//! the example district (tests/fixtures/district_years), standard input and pipes read once,
//! bad input on either side, and the properties `diff X X` is empty and
//! findings(NEW) = findings(OLD) - closed + opened.

use std::collections::HashMap;

use proptest::prelude::*;
use serde_json::Value;

use crate::audit_fixture::{mini, mini_catalog};
use crate::util::{Workdir, repo};

const FORMATS: [&str; 4] = ["table", "csv", "json", "markdown"];

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn district() -> String {
    repo("examples/district/catalog.csv")
}

fn modules() -> String {
    repo("examples/vendor/modules.csv")
}

fn year(name: &str) -> String {
    repo(&format!("tests/fixtures/district_years/{name}.csv"))
}

#[test]
fn both_commands_are_in_help() {
    let w = Workdir::new();
    let run = w.run(&["--help"]);
    run.code(0).stdout_has("fill ").stdout_has("diff ");
    w.run(&["fill", "--help"]).code(0).stdout_has("--with <PRODUCT>").stdout_has("Exit 0 when");
    let run = w.run(&["diff", "--help"]);
    run.code(0).stdout_has("--old-alignments").stdout_has("--fail-on-regression").stdout_has("git show");
}

#[test]
fn fill_of_the_vendor_example_in_every_format() {
    let w = Workdir::new();
    for format in FORMATS {
        let run = w.run(&["fill", &district(), "--with", &modules(), "--format", format, "--width", "100"]);
        run.code(1);
        insta::assert_snapshot!(format!("fill_vendor_{format}"), run.stdout);
    }
}

/// examples/vendor/README.md shows the output of `fill` rather than a table written by hand:
/// each block marked `<!-- readme-example: ARGS -->` is exactly what `cte-align ARGS` prints.
#[test]
fn vendor_readme_shows_the_binarys_output() {
    let readme = std::fs::read_to_string(repo("examples/vendor/README.md")).unwrap();
    let w = Workdir::new();
    let mut checked = 0;
    for block in readme.split("<!-- readme-example: ").skip(1) {
        let (args, rest) = block.split_once(" -->\n").unwrap();
        let (body, _) = rest.split_once("<!-- readme-example-end -->").unwrap();
        let argv: Vec<String> = args
            .split_whitespace()
            .map(|a| if a.starts_with("examples/") { repo(a) } else { a.into() })
            .collect();
        let run = w.run(&argv.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(body.trim(), run.stdout.trim(), "examples/vendor/README.md block for `{args}` is stale");
        checked += 1;
    }
    assert_eq!(checked, 1);
}

#[test]
fn fill_names_the_modules_that_close_each_gap() {
    let w = Workdir::new();
    let run = w.run(&["fill", &district(), "--with", &modules(), "--format", "json"]);
    run.code(1);
    let v = json(&run.stdout);
    let closed = v["closed"].as_array().unwrap();
    let by = |standard: &str| -> Vec<String> {
        let f =
            closed.iter().find(|f| f["standard"] == standard && f["code"] == "uncovered-standard").unwrap();
        f["closed_by"].as_array().unwrap().iter().map(|m| m["module"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(by("DS-4.3"), ["CPL-08"]);
    assert_eq!(by("DS-6.3"), ["CPL-10"]);
    assert_eq!(by("HI-4.2"), ["CPL-13"]);
    // Support Services' food service and cost control stay uncovered.
    let remaining = v["remaining"].as_array().unwrap();
    for s in ["SS-2.3", "SS-3.3"] {
        assert!(remaining.iter().any(|f| f["standard"] == s && f["code"] == "uncovered-standard"), "{s}");
    }
    let cpl08 = v["modules"].as_array().unwrap().iter().find(|m| m["module"] == "CPL-08").unwrap();
    assert!(cpl08["closes"].as_array().unwrap().iter().any(|f| f["standard"] == "DS-4.3"));
}

/// A module never makes a district offer a pathway it does not, even one marked `*`.
#[test]
fn fill_never_adds_a_pathway() {
    let w = Workdir::new();
    w.write(
        "district.csv",
        "Course Number,Course Title,Pathway,Level,Standards\nA1,Alpha Intro,AA,1,FS-1.1:I\n",
    );
    w.write(
        "product.csv",
        "Module ID,Module Title,Pathway,Level,Standards\nM1,Beta,BB,1,BB-1.1:M\nM2,All,*,2,FS-1.1:M\n",
    );
    let run =
        w.run(&["--standards", &mini(), "fill", "district.csv", "--with", "product.csv", "--format", "json"]);
    run.code(1);
    let v = json(&run.stdout);
    let pathways: Vec<&str> =
        v["pathways"].as_array().unwrap().iter().map(|p| p["pathway"].as_str().unwrap()).collect();
    assert_eq!(pathways, ["AA"]);
    let closes = |m: &str| {
        v["modules"].as_array().unwrap().iter().find(|x| x["module"] == m).unwrap()["closes"].clone()
    };
    assert_eq!(closes("M1"), Value::Array(Vec::new()));
    assert!(!closes("M2").as_array().unwrap().is_empty());
}

/// Exit 0 when the catalog with the product meets the policy: the mini district without its
/// capstone fails, and the capstone as a product's module fills it.
#[test]
fn fill_exits_0_when_the_product_gets_the_catalog_to_policy() {
    let w = Workdir::new();
    let clean = std::fs::read_to_string(mini_catalog("clean.csv")).unwrap();
    let (header, rows) = clean.split_once('\n').unwrap();
    let capstone = rows.lines().find(|l| l.starts_with("A2,")).unwrap();
    w.write("district.csv", clean.replace(&format!("{capstone}\n"), ""));
    w.write("product.csv", format!("{header}\n{capstone}\n"));
    let args = ["--standards", &mini(), "gaps", "district.csv"];
    w.run(&args).code(1);
    let run = w.run(&["--standards", &mini(), "fill", "district.csv", "--with", "product.csv"]);
    run.code(0).stdout_has("the policy passes");
    let policy = w.run(&[
        "--standards",
        &mini(),
        "fill",
        "district.csv",
        "--with",
        "product.csv",
        "--fail-on",
        "info",
    ]);
    policy.no_panic();
}

#[test]
fn fill_with_several_products_gives_a_column_each_and_one_for_all() {
    let w = Workdir::new();
    let text = std::fs::read_to_string(modules()).unwrap();
    let (header, rows) = text.split_once('\n').unwrap();
    let (ds, rest): (Vec<&str>, Vec<&str>) = rows.lines().partition(|l| l.contains(",DS,"));
    w.write("ds.csv", format!("{header}\n{}\n", ds.join("\n")));
    w.write("rest.csv", format!("{header}\n{}\n", rest.join("\n")));
    let run = w.run(&["fill", &district(), "--with", "ds.csv", "--with", "rest.csv", "--format", "csv"]);
    run.code(1);
    let first = run.stdout.lines().next().unwrap();
    assert_eq!(
        first,
        "pathway,coverage % before,coverage % with ds.csv,coverage % with rest.csv,coverage % with all,\
         mastery % before,mastery % with ds.csv,mastery % with rest.csv,mastery % with all"
    );
    let v = json(
        &w.run(&["fill", &district(), "--with", "ds.csv", "--with", "rest.csv", "--format", "json"]).stdout,
    );
    let ds_row = v["pathways"].as_array().unwrap().iter().find(|p| p["pathway"] == "DS").unwrap().clone();
    let one = json(&w.run(&["fill", &district(), "--with", &modules(), "--format", "json"]).stdout);
    let one_ds = one["pathways"].as_array().unwrap().iter().find(|p| p["pathway"] == "DS").unwrap().clone();
    // All of them together is the whole product; the DS modules alone already give DS its coverage.
    assert_eq!(ds_row["combined"], one_ds["with"][0]);
    assert_eq!(ds_row["with"][0]["coverage_pct"], one_ds["with"][0]["coverage_pct"]);
}

#[test]
fn fill_usage_and_input_errors_exit_2() {
    let w = Workdir::new();
    w.write("bad.csv", "Module ID,Module Title,Pathway,Standards\nM1,One,DS,DS-99.9:M\n");
    let run = w.run(&["fill", &district(), "--with", "bad.csv"]);
    run.code(2).stderr_has("bad.csv:2:").stderr_has("DS-99.9");
    let run = w.run(&[
        "fill",
        &district(),
        "--with",
        &modules(),
        "--with",
        &modules(),
        "--with-alignments",
        "a.csv",
    ]);
    run.code(2).stderr_has("--with-alignments goes with a single --with");
    w.run(&["fill", &district()]).code(2).stderr_has("--with");
    let run = w.run_stdin(&["fill", "-", "--with", "-"], Some(b"x"));
    run.code(2).stderr_has("standard input (-) can be read only once");
}

/// The two versions of the example district differ by exactly these changes.
#[test]
fn diff_of_two_years_shows_exactly_the_changes_made() {
    let w = Workdir::new();
    let run = w.run(&["diff", &year("last_year"), &year("this_year"), "--format", "json"]);
    run.code(0);
    let v = json(&run.stdout);
    let courses: Vec<String> = v["courses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {}: {} -> {}",
                c["course"].as_str().unwrap(),
                c["change"].as_str().unwrap(),
                c["old"].as_str().unwrap(),
                c["new"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        courses,
        [
            "HS120 alignment removed: DS-1.2:I -> ",
            "HS150 alignment added:  -> BRD-3.3:I",
            "HS216 removed: Medical Spanish for Health Careers -> ",
            "HS220 deepened: DS-3.3:I -> DS-3.3:R",
            "HS230 renamed: Medical Office Procedures -> Medical Office Procedures and Scheduling",
            "HS231 re-sequenced: 2 -> 3",
            "HS321 made shallower: DS-5.4:M -> DS-5.4:R",
            "HS322 added:  -> Specimen Processing",
        ]
    );
    let opened: Vec<(&str, &str)> = v["opened"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| (f["code"].as_str().unwrap(), f["standard"].as_str().unwrap()))
        .collect();
    assert_eq!(opened, [("uncovered-standard", "DS-1.2")]);
    assert_eq!(v["regression"], true);
    let ds = v["pathways"].as_array().unwrap().iter().find(|p| p["pathway"] == "DS").unwrap();
    assert_eq!(
        (ds["old"]["coverage_pct"].as_f64(), ds["new"]["coverage_pct"].as_f64()),
        (Some(90.7), Some(94.4))
    );
    for format in FORMATS {
        let run =
            w.run(&["diff", &year("last_year"), &year("this_year"), "--format", format, "--width", "100"]);
        run.code(0);
        insta::assert_snapshot!(format!("diff_years_{format}"), run.stdout);
    }
}

#[test]
fn diff_exit_codes() {
    let w = Workdir::new();
    let (old, new) = (year("last_year"), year("this_year"));
    // An error opened (DS-1.2 uncovered): a regression at the default --fail-on error.
    w.run(&["diff", &old, &new, "--fail-on-regression"]).code(1).stdout_has("a regression");
    // Coverage and mastery dropped nowhere, so with no finding failing it is not one.
    w.run(&["diff", &old, &new, "--fail-on-regression", "--fail-on", "never"]).code(0);
    // The other way round, coverage drops: a regression whatever --fail-on says.
    let back = w.run(&["diff", &new, &old, "--fail-on-regression", "--fail-on", "never"]);
    back.code(1).stdout_has("coverage or mastery dropped in 2 pathways");
    w.run(&["diff", &new, &old]).code(0);
    w.run(&["diff", &old, &new, "--min-coverage", "90"])
        .code(2)
        .stderr_has("--min-coverage and --min-mastery do not apply");
}

#[test]
fn diff_reads_standard_input_and_pipes_once() {
    let w = Workdir::new();
    let (old, new) = (year("last_year"), year("this_year"));
    let want = w.run(&["diff", &old, &new, "--format", "json"]).stdout.clone();
    let stdin = std::fs::read(&old).unwrap();
    let run = w.run_stdin(&["diff", "-", &new, "--format", "json"], Some(&stdin));
    run.code(0);
    assert_eq!(run.stdout, want.replace(&old, "<stdin>"));
    let run = w.run_shell(&format!("bash -c '\"$BIN\" diff <(cat {old}) {new} --format json'"));
    run.code(0);
    assert_eq!(json(&run.stdout)["courses"], json(&want)["courses"]);
    let run = w.run_shell(&format!("mkfifo p && (cat {new} > p &) && \"$BIN\" diff {old} p --format json"));
    run.code(0);
    assert_eq!(json(&run.stdout)["opened"], json(&want)["opened"]);
    w.run_stdin(&["diff", "-", "-"], Some(&stdin)).code(2).stderr_has("can be read only once");
    let run = w.run_stdin(&["diff", &old, &new, "--new-alignments", "-", "--old-alignments", "-"], Some(b""));
    run.code(2).stderr_has("can be read only once");
}

#[test]
fn diff_bad_input_on_either_side_exits_2_with_its_position() {
    let w = Workdir::new();
    let good = year("last_year");
    let text = std::fs::read_to_string(&good).unwrap();
    w.write("bad.csv", text.replacen("FS-1.1:I", "FS-1.1:Q", 1));
    let run = w.run(&["diff", "bad.csv", &good]);
    run.code(2).stderr_has("bad.csv:2:");
    let run = w.run(&["diff", &good, "bad.csv"]);
    run.code(2).stderr_has("bad.csv:2:");
    w.write("align.csv", "course_id,standard,depth\nHS101,XX-1,I\n");
    w.run(&["diff", &good, &good, "--new-alignments", "align.csv"]).code(2).stderr_has("align.csv:2:");
}

const PATHWAYS: [&str; 4] = ["TS", "DS", "HI", "*"];
const STANDARDS: [&str; 8] =
    ["FS-1.1", "FS-2.2", "FS-7.1", "FS-10.1", "TS-1.1", "TS-3.1", "DS-4.1", "HI-3.2"];
const DEPTHS: [&str; 4] = ["", ":I", ":R", ":M"];

/// A course: district, pathway, level, alignments (standard, depth) as indices.
type Row = (usize, usize, Option<u8>, Vec<(usize, usize)>);

fn catalog(rows: &[Row]) -> String {
    let mut out = String::from("District,Course Number,Course Title,Pathway,Level,Standards,Credentials\n");
    // The first course names a pathway, so every catalog has something to audit.
    out.push_str("North,T0,Anchor,TS,1,FS-1.1:I,\n");
    for (i, (d, p, level, aligns)) in rows.iter().enumerate() {
        let standards: Vec<String> =
            aligns.iter().map(|&(s, d)| format!("{}{}", STANDARDS[s], DEPTHS[d])).collect();
        let level = level.map(|l| l.to_string()).unwrap_or_default();
        let cred = if i % 3 == 0 { "BLS" } else { "" };
        let district = ["North", "South"][*d];
        out.push_str(&format!(
            "{district},C{i},Course {i},{},{level},\"{}\",{cred}\n",
            PATHWAYS[*p],
            standards.join("; ")
        ));
    }
    out
}

fn rows() -> impl Strategy<Value = Vec<Row>> {
    let row = (
        0..2usize,
        0..PATHWAYS.len(),
        proptest::option::of(1u8..=4),
        proptest::collection::vec((0..STANDARDS.len(), 0..DEPTHS.len()), 0..4),
    );
    proptest::collection::vec(row, 0..8)
}

/// A finding as the multiset compares it: (code, district, school, pathway, standard, course).
fn key(f: &Value) -> String {
    ["code", "district", "school", "pathway", "standard", "course"].map(|k| f[k].to_string()).join("|")
}

fn multiset(list: &Value) -> HashMap<String, i64> {
    let mut out = HashMap::new();
    for f in list.as_array().unwrap() {
        *out.entry(key(f)).or_default() += 1;
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// `diff X X` reports nothing and exits 0 even with --fail-on-regression; and for any two
    /// catalogs, the new audit's findings are the old's, less those closed, plus those opened.
    #[test]
    fn diff_accounts_for_every_finding(old in rows(), new in rows()) {
        let w = Workdir::new();
        w.write("old.csv", catalog(&old));
        w.write("new.csv", catalog(&new));
        let same = w.run(&["diff", "old.csv", "old.csv", "--fail-on-regression", "--fail-on", "info", "--format", "json"]);
        same.code(0);
        let v = json(&same.stdout);
        for list in ["pathways", "courses", "opened", "closed"] {
            prop_assert_eq!(&v[list], &Value::Array(Vec::new()), "{}", list);
        }
        let gaps = |file: &str| json(&w.run(&["gaps", file, "--format", "json", "--fail-on", "never"]).stdout)["findings"].clone();
        let (before, after) = (multiset(&gaps("old.csv")), multiset(&gaps("new.csv")));
        let d = json(&w.run(&["diff", "old.csv", "new.csv", "--format", "json"]).code(0).stdout);
        let mut got = before.clone();
        for (k, n) in multiset(&d["closed"]) {
            *got.entry(k).or_default() -= n;
        }
        for (k, n) in multiset(&d["opened"]) {
            *got.entry(k).or_default() += n;
        }
        got.retain(|_, n| *n != 0);
        prop_assert!(got.values().all(|&n| n > 0), "closed more than there were: {:?}", got);
        prop_assert_eq!(got, after);
    }
}

/// Every format there is: HTML and XLSX through the shared renderers, by the file's extension.
#[test]
fn fill_and_diff_write_html_and_xlsx() {
    let w = Workdir::new();
    for ext in ["html", "xlsx"] {
        let out = format!("fill.{ext}");
        w.run(&["fill", &district(), "--with", &modules(), "-o", &out]).code(1);
        assert!(std::fs::metadata(w.join(&out)).unwrap().len() > 1000, "{out}");
        let out = format!("diff.{ext}");
        w.run(&["diff", &year("last_year"), &year("this_year"), "-o", &out]).code(0);
        assert!(std::fs::metadata(w.join(&out)).unwrap().len() > 1000, "{out}");
    }
}
