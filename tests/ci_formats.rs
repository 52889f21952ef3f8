//! Issue 17's CI formats: `--format github` annotations for `gaps` and `validate`, and
//! `validate --format json`, through the binary.

use crate::util::{Workdir, repo};

/// The bundled district's catalog, copied in so the annotations name it relatively.
fn district() -> Workdir {
    let w = Workdir::new();
    w.write("catalog.csv", std::fs::read_to_string(repo("examples/district/catalog.csv")).unwrap());
    w
}

#[test]
fn gaps_annotates_the_district() {
    let w = district();
    let run = w.run(&["gaps", "catalog.csv", "--format", "github"]);
    run.code(1);
    assert!(
        run.stdout
            .lines()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice "))
    );
    insta::assert_snapshot!("district_gaps_github", run.stdout);
}

#[test]
fn validate_annotates_and_writes_json() {
    let w = district();
    let run = w.run(&["validate", "catalog.csv", "--format", "github"]);
    run.code(0);
    insta::assert_snapshot!("district_validate_github", run.stdout);
    let run = w.run(&["validate", "catalog.csv", "--format", "json"]);
    run.code(0);
    insta::assert_snapshot!("district_validate_json", run.stdout);
}

#[test]
fn validate_errors_still_exit_2_with_their_annotations() {
    let w = Workdir::new();
    w.write("c.csv", "Course Number,Course Title,Pathway,Standards\nA1,One,DS,NOPE-9\n");
    let run = w.run(&["validate", "c.csv", "--format", "github"]);
    run.code(2).stdout_has("::error file=c.csv,line=2,");
    let run = w.run(&["validate", "c.csv", "--format", "json"]);
    run.code(2).stdout_has("\"level\": \"error\"");
}

#[test]
fn other_commands_refuse_the_github_format() {
    let w = district();
    for command in ["coverage", "matrix", "where", "course", "report", "standards"] {
        let mut args = vec![command];
        match command {
            "standards" => {}
            "matrix" => args.extend(["catalog.csv", "--pathway", "TS"]),
            "where" => args.extend(["catalog.csv", "FS-1.1"]),
            "course" => args.extend(["catalog.csv", "HS101"]),
            _ => args.push("catalog.csv"),
        }
        args.extend(["--format", "github"]);
        w.run(&args).code(2).stderr_has("only `cte-align gaps` and `cte-align validate` take it");
    }
    w.run(&["gaps", "catalog.csv", "--summary", "--format", "github"]).code(2).stderr_has("drop --summary");
    w.run(&["validate", "catalog.csv", "--format", "csv"]).code(2).stderr_has("table, json or github");
}
