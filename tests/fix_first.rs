//! Issue 17, "what to fix first": the report format from the `-o` file's name, shell
//! completions and the man page, the policy that names its reasons, the line `-o` writes to
//! standard error, and Markdown handouts that read as handouts.

use crate::audit_fixture::{mini, mini_catalog};
use crate::util::Workdir;

/// `-o x.csv` writes CSV, `.json` JSON, `.md` Markdown, without `--format`; any other name a
/// table. Regression: `-o gaps.csv` wrote the box-drawn table into the .csv.
#[test]
fn format_follows_the_output_file_name() {
    let w = Workdir::new();
    let (standards, catalog) = (mini(), mini_catalog("gappy.csv"));
    for (file, starts) in [
        ("gaps.csv", "severity,code,"),
        ("GAPS.JSON", "{\n  \"command\": \"gaps\""),
        ("gaps.md", "| severity | code |"),
        ("gaps.markdown", "| severity | code |"),
        ("gaps.txt", "┌"),
    ] {
        w.run(&["--standards", &standards, "gaps", &catalog, "-o", file]).code(1);
        let written = w.read(file);
        assert!(written.starts_with(starts), "{file} starts {:?}", &written[..40.min(written.len())]);
    }
    // --format that agrees with the name, or a name that asks for nothing, is fine.
    w.run(&["--standards", &standards, "gaps", &catalog, "-o", "a.csv", "--format", "csv"]).code(1);
    w.run(&["--standards", &standards, "gaps", &catalog, "-o", "a.out", "--format", "json"]).code(1);
    assert!(w.read("a.out").starts_with('{'));
}

/// A `--format` the file name contradicts is a usage error, and nothing is written.
#[test]
fn format_contradicting_the_file_name_is_refused() {
    let w = Workdir::new();
    let run = w.run(&[
        "--standards",
        &mini(),
        "gaps",
        &mini_catalog("gappy.csv"),
        "-o",
        "g.csv",
        "--format",
        "json",
    ]);
    run.code(2);
    insta::assert_snapshot!("format_contradicts_file_name", run.stderr);
    assert!(!w.join("g.csv").exists());
}
