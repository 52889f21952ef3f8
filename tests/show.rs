//! Issue 17, the rest: which findings a report shows (`--code`, `--severity`, `--pathway`,
//! `--top`), `gaps --summary`, and the structured columns of findings in CSV.

use crate::audit_fixture::{mini, mini_catalog};
use crate::util::{Workdir, repo};

fn gaps(w: &Workdir, extra: &[&str]) -> crate::util::Run {
    let (standards, catalog) = (mini(), mini_catalog("gappy.csv"));
    w.run(&[&["--standards", &standards, "gaps", &catalog][..], extra].concat())
}

/// The codes of the findings a CSV report lists, in order.
fn codes(csv: &str) -> Vec<String> {
    csv.lines().skip(1).map(|l| l.split(',').nth(1).unwrap().to_string()).collect()
}

/// `--code`, `--severity` and `--top` narrow the list; the verdict and the exit code stay
/// those of the whole audit (5 errors fail it), and the note says how many are shown.
#[test]
fn filters_narrow_the_list_not_the_verdict() {
    let w = Workdir::new();
    let run = gaps(&w, &["--code", "credential-gap", "--code", "no-credential", "--format", "csv"]);
    run.code(1);
    assert_eq!(codes(&run.stdout), ["credential-gap", "no-credential"]);
    let run = gaps(&w, &["--severity", "warning", "--format", "csv"]);
    run.code(1);
    assert!(codes(&run.stdout).len() == 16 && !run.stdout.contains("\r\ninfo,"));
    // Only info findings shown: the run still fails on the errors it does not show.
    let run = gaps(&w, &["--code", "single-course", "--top", "2", "--width", "100"]);
    run.code(1).stdout_has("5 findings at error");
    insta::assert_snapshot!("filtered_gaps_table", run.stdout);
    let run = gaps(&w, &["--top", "1", "--format", "json"]);
    run.code(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 1);
    assert_eq!(doc["shown"], serde_json::json!({"findings": 1, "of": 19}));
    assert_eq!((doc["passed"].as_bool(), doc["summary"]["error"].as_u64()), (Some(false), Some(5)));
    // Without a filter there is no `shown`, and with --fail-on never the filter passes too.
    let run = gaps(&w, &["--format", "json"]);
    assert!(!run.stdout.contains("\"shown\""));
    gaps(&w, &["--severity", "error", "--fail-on", "never"]).code(0);
}

/// `--help` says the filters do not change the exit code.
#[test]
fn help_says_filters_leave_the_verdict_alone() {
    let w = Workdir::new();
    for command in ["gaps", "report", "course"] {
        let help = w.run(&[command, "--help"]);
        help.code(0).stdout_has("--top <N>").stdout_has("--severity <SEVERITY>").stdout_has("--code <CODE>");
        assert!(help.stdout.matches("Does not change the exit code").count() >= 3, "{command}");
    }
}

/// `report` and `course` take the same filters; `course --pathway` names whose findings.
#[test]
fn report_and_course_filter_their_findings() {
    let w = Workdir::new();
    let (standards, catalog) = (mini(), mini_catalog("gappy.csv"));
    let base = ["--standards", standards.as_str()];
    let run =
        w.run(&[&base[..], &["report", &catalog, "--code", "short-sequence", "--format", "json"]].concat());
    run.code(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let gaps: Vec<&serde_json::Value> = doc["districts"][0]["pathways"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["gaps"].as_array().unwrap())
        .collect();
    assert_eq!(gaps.len(), 1);
    assert_eq!(gaps[0]["code"], "short-sequence");
    // The counts are still the whole audit's.
    assert_eq!(doc["summary"]["error"], 5);
    let run =
        w.run(&[&base[..], &["course", &catalog, "A1", "--severity", "warning", "--format", "csv"]].concat());
    run.code(0);
    let all = w.run(&[&base[..], &["course", &catalog, "A1", "--format", "json"]].concat());
    let shown =
        w.run(&[&base[..], &["course", &catalog, "A1", "--pathway", "BB", "--format", "json"]].concat());
    let count =
        |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap()["findings"].as_array().unwrap().len();
    assert!(count(&all.stdout) > 0);
    assert_eq!(count(&shown.stdout), 0);
    w.run(&[&base[..], &["course", &catalog, "A1", "--pathway", "Nope"]].concat())
        .code(2)
        .stderr_has("unknown pathway \"Nope\"");
}

/// CSV carries every structured field JSON has, as columns after the message: a script never
/// parses a message for a credential or a catalog line.
#[test]
fn csv_findings_have_structured_columns() {
    let w = Workdir::new();
    let run = gaps(&w, &["--format", "csv"]);
    run.code(1);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers[headers.len() - 7..],
        ["second_course", "credential", "missing_standards", "depth", "file", "line", "column"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let by_code = |code: &str| rows.iter().find(|r| &r[1] == code).unwrap().clone();
    let gap = by_code("credential-gap");
    assert_eq!((&gap[7], &gap[8]), ("CA", "AA-1.2"));
    assert_eq!(&by_code("out-of-sequence")[6], "A1");
    assert_eq!(&by_code("shallow-coverage")[9], "I");
}

/// `gaps --summary`: per pathway, the program's findings, then the standards grouped under
/// their parent with counts, then the rest by code; every renderer, JSON too. A pipe never
/// gets the summary by default.
#[test]
fn summary_groups_standards_under_their_parent() {
    let w = Workdir::new();
    let run = gaps(&w, &["--summary", "--width", "100"]);
    run.code(1).stdout_has("5 findings at error");
    insta::assert_snapshot!("summary_table", run.stdout);
    let run = gaps(&w, &["--summary", "--format", "json"]);
    run.code(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    insta::assert_snapshot!("summary_json", serde_json::to_string_pretty(&doc).unwrap());
    let run = gaps(&w, &["--summary", "--format", "markdown"]);
    run.code(1);
    insta::assert_snapshot!("summary_markdown", run.stdout);
    gaps(&w, &["--summary", "--format", "csv"]).code(1).stdout_has("pathway,severity,code,count,what");
    // Not a terminal: the whole list, as before.
    gaps(&w, &[]).code(1).stdout_lacks("summary of").stdout_has("single-course");
    gaps(&w, &["--summary", "--all"]).code(2).stderr_has("--all");
}

/// Issue 17: README's first screen is the bundled district's summary, under 40 lines: a
/// pathway's uncovered (and shallow) standards are one row each, grouped by parent inside it.
#[test]
fn bundled_summary_fits_a_screen() {
    let w = Workdir::new();
    let run = w.run(&["gaps", &repo("examples/district/catalog.csv"), "--summary", "--format", "markdown"]);
    run.code(1);
    let lines = run.stdout.lines().count();
    assert!(lines < 40, "{lines} lines:\n{}", run.stdout);
    for pathway in ["DS", "HI", "SS", "BRD"] {
        for code in ["uncovered-standard", "shallow-coverage"] {
            let rows =
                run.stdout.lines().filter(|l| l.starts_with(&format!("| {pathway} | ")) && l.contains(code));
            assert_eq!(rows.count(), 1, "{pathway} {code}");
        }
    }
    run.stdout_has("FS-7.3, FS-7.5 (FS-7 Safety Practices); DS-4.3, DS-4.5 (DS-4 Specimen Collection)");
}
