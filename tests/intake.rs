//! Issue 14: a director's own export on the first try. Column and value detection, aliases,
//! header rows, the project config file, friendly YAML errors, `init --force` backups, SCED
//! codes, all through the binary on catalogs shaped like real exports
//! (`tests/fixtures/exports/`).

use crate::util::Workdir;

/// `--standards DIR` given the folder `init DIR` wrote (which holds `DIR/standards/`) loaded
/// nothing and said "no cluster.yaml".
#[test]
fn standards_accepts_the_folder_init_wrote() {
    let w = Workdir::new();
    w.run(&["init", "proj"]).code(0);
    w.run(&["--standards", "proj", "validate", "proj/catalog.csv"]).code(0);
    w.run(&["--standards", "proj", "standards"]).code(0).stdout_has("FS");
}

/// `init --force` overwrote an edited `cluster.yaml` with no backup.
#[test]
fn init_force_keeps_a_bak_of_edited_files_only() {
    let w = Workdir::new();
    w.run(&["init", "proj"]).code(0);
    let edited = format!("{}# our district's edit\n", w.read("proj/standards/cluster.yaml"));
    w.write("proj/standards/cluster.yaml", &edited);
    w.run(&["init", "proj", "--force"])
        .code(0)
        .stdout_has("kept the replaced files' text in ")
        .stdout_has("cluster.yaml.bak");
    assert_eq!(w.read("proj/standards/cluster.yaml.bak"), edited);
    assert!(!w.join("proj/standards/foundation.yaml.bak").exists(), "an unedited file needs no copy");
    // The backup is not read as part of the set.
    w.run(&["--standards", "proj", "validate", "proj/catalog.csv"]).code(0);
}

/// A report title, a date and a blank line above the header: the header is found below them,
/// `validate` says so, and the positions are the file's own lines.
#[test]
fn title_rows_above_the_header_are_skipped() {
    let w = Workdir::new();
    w.fixture("exports/title_rows.csv");
    w.run(&["validate", "exports/title_rows.csv"])
        .code(0)
        .stdout_has(
            "exports/title_rows.csv: header on line 4 (the lines above it are not a header and are skipped)",
        )
        .stdout_has("\"Course Number\"       -> course_id")
        .stdout_has("\"Room\"                -> ignored")
        .stdout_has("3 courses");
    // Forced to the same line, no note that it was found.
    w.run(&["validate", "exports/title_rows.csv", "--header-row", "4"])
        .code(0)
        .stdout_has("exports/title_rows.csv: header on line 4\n");
    // Forced to a wrong line: the title is taken as the header and says what is missing.
    w.run(&["validate", "exports/title_rows.csv", "--header-row", "1"])
        .code(2)
        .stderr_has("missing required column course_id");
    w.run(&["validate", "exports/title_rows.csv", "--header-row", "99"])
        .code(2)
        .stderr_has("--header-row 99: the file has no row on line 99 or below");
}

/// "Standards Addressed" is no usual name of the standards column: every course got "has no
/// alignments" and coverage 0%, silently. Now its cells give it away, and a warning names it
/// with the flag that makes it explicit.
#[test]
fn a_standards_column_under_an_unknown_header_is_used_with_a_warning() {
    let w = Workdir::new();
    w.fixture("exports/title_rows.csv");
    w.run(&["validate", "exports/title_rows.csv"])
        .code(0)
        .stdout_has("\"Standards Addressed\" -> standards (its cells hold standard IDs)")
        .stdout_has("exports/title_rows.csv:4:58: warning: header \"Standards Addressed\" is read as the standards column, as its cells hold standard IDs; to say so and silence this, use --column standards=\"Standards Addressed\"")
        .stdout_lacks("has no alignments");
    // Named explicitly: no warning, and the mapping says it was given.
    w.run(&["validate", "exports/title_rows.csv", "--column", "standards=Standards Addressed"])
        .code(0)
        .stdout_has("\"Standards Addressed\" -> standards (as given)")
        .stdout_has("0 errors, 0 warnings");
    // A second column of standard IDs when one is already mapped: a warning, not used.
    w.write("two.csv", "course_id,title,pathway,standards,Alignment Codes\nA,B,TS,FS-1.1:I,FS-2.1:I\n");
    w.run(&["validate", "two.csv"])
        .code(0)
        .stdout_has("header \"Alignment Codes\" is ignored, though its cells hold standard IDs")
        .stdout_has("\"Alignment Codes\" -> ignored");
}

/// `--column standard="Standards Addressed"` (singular: an alignment file's column) was
/// accepted and did nothing.
#[test]
fn column_flag_for_an_alignment_file_column_without_one_is_an_error() {
    let w = Workdir::new();
    w.fixture("exports/title_rows.csv");
    w.run(&["validate", "exports/title_rows.csv", "--column", "standard=Standards Addressed"])
        .code(2)
        .stderr_has("--column standard=\"Standards Addressed\": standard is a column of alignment files (--alignments), and none is given; did you mean standards?");
    w.run(&["validate", "exports/title_rows.csv", "--column", "standrds=X"])
        .code(2)
        .stderr_has("did you mean standards?");
}

/// `FS 7.1 (M)` got "did you mean FS-7.1?" (losing the depth); `FS-7.1 - M` was told IDs
/// must start with FS; `TS / DS` got no word about separators. All read now, with depths.
#[test]
fn other_notations_of_a_depth_and_slash_lists_are_read() {
    let w = Workdir::new();
    w.fixture("exports/title_rows.csv");
    let run = w.run(&["course", "exports/title_rows.csv", "HS201", "--format", "json"]);
    run.code(0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let read: Vec<(String, String)> = json["alignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["standard"].as_str().unwrap().to_string(), a["depth"].as_str().unwrap().to_string()))
        .collect();
    let want =
        [("FS-7.1", "M"), ("FS-10.1", "R"), ("TS-2.1", "M")].map(|(s, d)| (s.to_string(), d.to_string()));
    assert_eq!(read, want);
    w.run(&["course", "exports/title_rows.csv", "HS202"]).code(0).stdout_has("DS-1.1");
    w.write("sep.csv", "course_id,title,pathway,standards\nA,B,TS & Lab,FS-1.1:I\n");
    w.run(&["validate", "sep.csv"])
        .code(2)
        .stderr_has("to list several, separate them with ; , | or a new line (a / also separates pathways and credentials)");
}
