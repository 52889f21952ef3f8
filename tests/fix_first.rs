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
