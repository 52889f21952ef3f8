//! The audit on a hand-built fixture (tests/fixtures/mini): every finding code fires exactly
//! where expected, and a clean catalog fires none.

use std::collections::BTreeSet;

use crate::util::{Workdir, repo};

pub fn mini() -> String {
    repo("tests/fixtures/mini/standards")
}

pub fn mini_catalog(name: &str) -> String {
    repo(&format!("tests/fixtures/mini/{name}"))
}

/// (severity, code, pathway, standard, course) of each row of `gaps --format csv`.
fn findings(csv_text: &str) -> BTreeSet<[String; 5]> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            [0, 1, 2, 3, 4].map(|i| r[i].to_string())
        })
        .collect()
}

fn row(s: &str) -> [String; 5] {
    let parts: Vec<&str> = s.split(',').collect();
    [0, 1, 2, 3, 4].map(|i| parts[i].to_string())
}

#[test]
fn every_code_fires_exactly_where_expected() {
    let w = Workdir::new();
    let run = w.run(&["--standards", &mini(), "gaps", &mini_catalog("gappy.csv"), "--format", "csv"]);
    run.code(1);
    let expected: BTreeSet<[String; 5]> = [
        "error,uncovered-standard,AA,FS-2.1,",
        "error,uncovered-standard,AA,AA-1.2,",
        "error,uncovered-standard,BB,FS-1.2,",
        "error,uncovered-standard,BB,FS-2.1,",
        "error,short-sequence,BB,,",
        "warning,shallow-coverage,AA,FS-1.2,",
        "warning,shallow-coverage,AA,AA-1.1,",
        "warning,out-of-sequence,AA,FS-1.1,A2",
        "warning,no-progression,AA,,",
        "warning,credential-gap,AA,,",
        "warning,no-work-based-learning,AA,,",
        "warning,unaligned-course,AA,,A3",
        "warning,broad-alignment,AA,FS-2,A1",
        "warning,shallow-coverage,BB,FS-1.1,",
        "warning,no-progression,BB,,",
        "warning,no-credential,BB,,",
        "info,single-course,AA,FS-1.2,A1",
        "info,single-course,BB,FS-1.1,B1",
        "info,single-course,BB,BB-1.1,B1",
    ]
    .iter()
    .map(|s| row(s))
    .collect();
    assert_eq!(findings(&run.stdout), expected, "{}", run.stdout);
    run.stdout_has("CA (Alpha Cert) requires AA-1.2 that Alpha Services does not cover");
}

#[test]
fn clean_catalog_fires_nothing() {
    let w = Workdir::new();
    let run = w.run(&["--standards", &mini(), "gaps", &mini_catalog("clean.csv"), "--format", "csv"]);
    run.code(0);
    assert_eq!(
        run.stdout,
        "severity,code,pathway,standard,course,message,second_course,credential,missing_standards,depth,file,line,column\r\n"
    );
}

#[test]
fn lenient_reports_bad_references_as_findings_and_audits_the_rest() {
    let w = Workdir::new();
    w.write(
        "c.csv",
        "Course Number,Course Title,Pathway,Level,Standards,Credentials,WBL\n\
         A1,Alpha Intro,AA,1,\"FS-1.1:I; FS-9.9:I\",,\n\
         A2,Alpha Capstone,AA,4,\"FS-1.1:M; FS-1.2:M; FS-2.1:M; AA-1.1:M; AA-1.2:M\",CA,practicum\n",
    );
    w.run(&["--standards", &mini(), "gaps", "c.csv"])
        .code(2)
        .stderr_has("c.csv:2:32: error: unknown standard \"FS-9.9\"");
    let run = w.run(&["--standards", &mini(), "gaps", "c.csv", "--lenient", "--format", "csv"]);
    run.code(0).stdout_has("warning,invalid-input,,,,\"c.csv:2:32: unknown standard \"\"FS-9.9\"\"");
}

#[test]
fn coverage_counts_and_percentages() {
    let w = Workdir::new();
    let run = w.run(&["--standards", &mini(), "coverage", &mini_catalog("gappy.csv"), "--format", "csv"]);
    run.code(1);
    assert_eq!(
        run.stdout,
        "pathway,courses,required,covered,coverage %,mastered,mastery %,credentials,work-based learning,errors,warnings,info\r\n\
         AA,3,5,3,60.0,1,20.0,CA,,2,8,1\r\n\
         BB,1,4,2,50.0,1,25.0,,internship,3,3,2\r\n"
    );
}

#[test]
fn alignments_below_the_coverage_depth_count_for_their_ancestor() {
    let w = Workdir::new();
    w.write(
        "c.csv",
        "Course Number,Course Title,Pathway,Standards\nX1,Deep,TS,FS-7.1.1:M\nX2,Deeper,TS,FS-7.1.2:I\n",
    );
    let run = w.run(&["coverage", "c.csv", "--detail", "--format", "csv", "--pathway", "TS"]);
    run.stdout_has("TS,FS-7.1,Infection Control,yes,M,X1:M X2:I");
}

#[test]
fn shared_courses_count_for_every_offered_pathway_but_do_not_offer_one() {
    let w = Workdir::new();
    w.write(
        "c.csv",
        "Course Number,Course Title,Pathway,Standards\nS1,Shared,*,FS-1.1:M\nA1,Alpha,AA,AA-1.1:M\n",
    );
    let run = w.run(&["--standards", &mini(), "coverage", "c.csv", "--format", "csv"]);
    // BB has only the shared course, so BB is not offered and not audited.
    run.stdout_has("\r\nAA,2,5,2,").stdout_lacks("\r\nBB,");
}

#[test]
fn statewide_files_audit_each_district_on_its_own() {
    let w = Workdir::new();
    w.write(
        "state.csv",
        "District,Course Number,Course Title,Pathway,Level,Standards\n\
         North,A1,Alpha,AA,1,FS-1.1:I\nNorth,A2,Alpha 2,AA,2,FS-1.1:M\nSouth,A1,Alpha,AA,1,FS-1.1:I\n",
    );
    let run = w.run(&["--standards", &mini(), "coverage", "state.csv", "--format", "csv"]);
    run.stdout_has("North,AA,2,5,1,20.0,1,20.0").stdout_has("South,AA,1,5,1,20.0,0,0.0");
    let south =
        w.run(&["--standards", &mini(), "gaps", "state.csv", "--district", "south", "--format", "csv"]);
    south.stdout_has("South,AA,,,Alpha Services has 1 course").stdout_lacks("North");
}
