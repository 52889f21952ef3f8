//! Snapshots of every command in every format, with colour off and a fixed width, so a change
//! to any output shows up as a readable diff (review with `cargo insta review`).

use crate::audit_fixture::{mini, mini_catalog};
use crate::util::{Workdir, repo};

const FORMATS: [&str; 4] = ["table", "csv", "json", "markdown"];

/// Runs `cte-align --standards mini ARGS --format F --width 100` for every format and
/// snapshots each output as `NAME_F`.
fn snapshot_all(name: &str, args: &[&str], code: i32) {
    let w = Workdir::new();
    let standards = mini();
    for format in FORMATS {
        let mut full = vec!["--standards", standards.as_str()];
        full.extend(args);
        full.extend(["--format", format, "--width", "100"]);
        let run = w.run(&full);
        run.code(code);
        insta::assert_snapshot!(format!("{name}_{format}"), run.stdout);
    }
}

#[test]
fn gaps_in_every_format() {
    snapshot_all("gaps", &["gaps", &mini_catalog("gappy.csv")], 1);
}

#[test]
fn coverage_in_every_format() {
    snapshot_all("coverage", &["coverage", &mini_catalog("gappy.csv")], 1);
}

#[test]
fn coverage_detail_in_every_format() {
    snapshot_all("coverage_detail", &["coverage", &mini_catalog("gappy.csv"), "--detail"], 1);
}

#[test]
fn matrix_in_every_format() {
    snapshot_all("matrix", &["matrix", &mini_catalog("gappy.csv"), "--pathway", "AA"], 0);
}

#[test]
fn where_in_every_format() {
    snapshot_all("where", &["where", &mini_catalog("gappy.csv"), "FS-1"], 0);
}

#[test]
fn course_in_every_format() {
    snapshot_all("course", &["course", &mini_catalog("gappy.csv"), "A1"], 0);
}

#[test]
fn standards_in_every_format() {
    snapshot_all("standards", &["standards"], 0);
    snapshot_all("standards_tree", &["standards", "FS"], 0);
    snapshot_all("standards_one", &["standards", "fs1.1"], 0);
}

#[test]
fn validate_output() {
    let w = Workdir::new();
    w.write(
        "c.csv",
        "Course Number,Course Title,Pathway,Standards\nA1,One,AA,FS-1:I\nA2,Two,,FS-1.1\nA3,Three,AA,\n",
    );
    let run = w.run(&["--standards", &mini(), "validate", "c.csv"]);
    run.code(0);
    insta::assert_snapshot!("validate", run.stdout);
}

/// The district example's gaps, as README shows them.
#[test]
fn district_example_gaps() {
    let w = Workdir::new();
    let run = w.run(&["gaps", &repo("examples/district/catalog.csv"), "--width", "120"]);
    run.code(1);
    insta::assert_snapshot!("district_gaps", run.stdout);
}

#[test]
fn same_input_gives_byte_identical_output() {
    let w = Workdir::new();
    let catalog = repo("examples/state/statewide.csv");
    for format in FORMATS {
        let a = w.run(&["gaps", &catalog, "--format", format, "--width", "100"]);
        let b = w.run(&["gaps", &catalog, "--format", format, "--width", "100"]);
        assert_eq!(a.stdout, b.stdout, "{format}");
    }
}

/// README's examples are real output: each block marked `<!-- readme-example: ARGS -->` must be
/// exactly what `cte-align ARGS` prints today.
#[test]
fn readme_examples_are_the_binarys_output() {
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    let w = Workdir::new();
    let mut checked = 0;
    for block in readme.split("<!-- readme-example: ").skip(1) {
        let (args, rest) = block.split_once(" -->\n").unwrap();
        let (body, _) = rest.split_once("<!-- readme-example-end -->").unwrap();
        let body = body.trim_start_matches("```text\n").trim_end_matches('\n').trim_end_matches("```");
        let mut argv: Vec<String> = args.split_whitespace().map(String::from).collect();
        argv[1] = repo(&argv[1]);
        let run = w.run(&argv.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(body.trim_end(), run.stdout.trim_end(), "README block for `{args}` is stale");
        checked += 1;
    }
    assert_eq!(checked, 3);
}

/// Regression: CSV header cells were written raw, and `matrix` headers are course IDs, the
/// user's text: a course `=A1` became a formula in a spreadsheet. Headers follow the rule of data
/// cells (a leading `'`), and Markdown headers escape pipes like data cells.
#[test]
fn user_text_in_headers_is_defused_in_csv_and_escaped_in_markdown() {
    let w = Workdir::new();
    let gappy = std::fs::read_to_string(mini_catalog("gappy.csv")).unwrap();
    w.write("c.csv", gappy.replace("\nA1,", "\n=A1|x,").replace("\nA2,", "\n@A2,"));
    let args = ["--standards", &mini(), "matrix", "c.csv", "--pathway", "AA", "--format"];
    let csv = w.run(&[&args[..], &["csv"]].concat());
    csv.code(0);
    assert_eq!(csv.stdout.lines().next(), Some("standard,title,'=A1|x,'@A2,A3,courses,depth"));
    let md = w.run(&[&args[..], &["markdown"]].concat());
    md.code(0).stdout_has("| standard | title | =A1\\|x | @A2 | A3 | courses | depth |");
}
