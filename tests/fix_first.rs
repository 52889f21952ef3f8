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
        ("gaps.md", "# Alignment gaps: "),
        ("gaps.markdown", "# Alignment gaps: "),
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

/// The subcommands `--help` lists, read from the binary itself so a new one is checked too.
fn subcommands(w: &Workdir) -> Vec<String> {
    let help = w.run(&["--help"]);
    let listed = help.stdout.split("Commands:\n").nth(1).unwrap().split("\n\n").next().unwrap();
    let names = listed.lines().filter_map(|l| l.strip_prefix("  ")).filter(|l| !l.starts_with(' '));
    let names: Vec<String> = names.filter_map(|l| l.split_whitespace().next()).map(String::from).collect();
    assert!(names.len() >= 10, "{names:?}");
    names.into_iter().filter(|n| n != "help").collect()
}

/// Every shell's completion script is generated and completes every subcommand.
#[test]
fn completions_for_every_shell_name_every_subcommand() {
    let w = Workdir::new();
    let names = subcommands(&w);
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = w.run(&["completions", shell]);
        run.code(0);
        for name in &names {
            run.stdout_has(name);
        }
    }
    w.run(&["completions", "bash"]).stdout_has("--min-coverage").stdout_has("--format");
    w.run(&["completions", "tcsh"]).code(2).stderr_has("possible values: bash, zsh, fish, powershell");
}

/// The man page is roff, mentions every subcommand and the exit codes; each subcommand has
/// its own page (the main page refers to `cte-align-gaps(1)`).
#[test]
fn man_page_mentions_every_subcommand() {
    let w = Workdir::new();
    let run = w.run(&["man"]);
    run.code(0).stdout_has(".TH cte-align 1").stdout_has("Exit codes:");
    for name in subcommands(&w) {
        run.stdout_has(&format!("cte\\-align\\-{}(1)", name.replace('-', "\\-")));
        w.run(&["man", &name]).code(0).stdout_has(&format!(".TH cte-align-{name} 1"));
    }
    w.run(&["man", "gaps"]).stdout_has("\\-\\-min\\-coverage");
    w.run(&["man", "gap"]).code(2).stderr_has("did you mean gaps?");
    insta::assert_snapshot!("man_page_head", run.stdout.lines().take(8).collect::<Vec<_>>().join("\n"));
}

/// The bundled district's failing `gaps` names its reasons, in the last lines and in JSON
/// `policy.failures`. Regression: it said only "the policy fails", even with `--fail-on never`.
#[test]
fn a_failing_policy_names_each_reason() {
    let w = Workdir::new();
    let district = crate::util::repo("examples/district/catalog.csv");
    let args = [
        "gaps",
        district.as_str(),
        "--min-coverage",
        "95",
        "--min-coverage",
        "BRD=40",
        "--min-mastery",
        "DS=99",
    ];
    let run = w.run(&[&args[..], &["--width", "100"]].concat());
    run.code(1);
    let tail: Vec<&str> = run.stdout.lines().rev().take(7).collect::<Vec<_>>().into_iter().rev().collect();
    insta::assert_snapshot!("policy_reasons_table", tail.join("\n"));
    let json = w.run(&[&args[..], &["--format", "json"]].concat());
    let doc: serde_json::Value = serde_json::from_str(&json.code(1).stdout).unwrap();
    insta::assert_snapshot!("policy_reasons_json", serde_json::to_string_pretty(&doc["policy"]).unwrap());
    // With --fail-on never the findings are no reason; coverage still is.
    let never = w.run(&["gaps", &district, "--fail-on", "never", "--min-coverage", "DS=95"]);
    never.code(1).stdout_has("the policy fails:\n  coverage of DS is 90.7%, under --min-coverage DS=95\n");
    never.stdout_lacks("findings at");
    // Met: no reasons, exit 0, and JSON says so.
    let met = w.run(&["gaps", &district, "--fail-on", "never", "--min-coverage", "50", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&met.code(0).stdout).unwrap();
    assert_eq!(doc["policy"], serde_json::json!({"passed": true, "failures": []}));
}

/// Per-pathway thresholds name a real pathway, and each scope takes one value.
#[test]
fn thresholds_are_checked() {
    let w = Workdir::new();
    let district = crate::util::repo("examples/district/catalog.csv");
    w.run(&["gaps", &district, "--min-coverage", "DX=90"])
        .code(2)
        .stderr_has("unknown pathway \"DX\"; did you mean DS?");
    w.run(&["gaps", &district, "--min-mastery", "90", "--min-mastery", "80"])
        .code(2)
        .stderr_has("--min-mastery is given twice for every pathway; give it once");
    w.run(&["gaps", &district, "--min-coverage", "=90"]).code(2).stderr_has("names no pathway before =");
    w.run(&["gaps", &district, "--min-coverage", "DS=101"]).code(2).stderr_has("not between 0 and 100");
    // A pathway's own threshold replaces the one for all: 40 for BRD (50.0%), 88 for the rest (HI: 87.0%).
    let run = w.run(&[
        "coverage",
        &district,
        "--fail-on",
        "never",
        "--min-coverage",
        "88",
        "--min-coverage",
        "brd=40",
    ]);
    run.code(1)
        .stdout_lacks("coverage of BRD")
        .stdout_has("coverage of HI is 87.0%")
        .stdout_lacks("coverage of DS");
}

/// With `-o`, one line on standard error says what was written and the verdict, unless
/// `--quiet`. Regression: `-o gaps.csv` printed nothing and exited 1, which looked like a
/// failure to write.
#[test]
fn writing_a_file_says_what_was_written_and_the_verdict() {
    let w = Workdir::new();
    let district = crate::util::repo("examples/district/catalog.csv");
    let run = w.run(&["gaps", &district, "-o", "gaps.csv", "--min-coverage", "95"]);
    run.code(1);
    insta::assert_snapshot!("written_line_gaps", run.stderr);
    let met = w.run(&["coverage", &district, "--fail-on", "never", "-o", "cov.json"]);
    met.code(0);
    assert_eq!(met.stderr, "cte-align: wrote the coverage report to cov.json (json); the policy is met\n");
    w.run(&["gaps", &district, "-o", "q.md", "--quiet"]).code(1);
    w.run(&["gaps", &district, "-o", "q.md", "-q"]).code(1).stderr_lacks("wrote");
    assert!(w.read("q.md").contains("**Verdict:**"));
    // To standard output: no such line.
    w.run(&["gaps", &district, "--format", "csv"]).code(1).stderr_lacks("wrote");
}
