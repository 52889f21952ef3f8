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

/// `invalid-input` findings sorted as text: line 16 came before line 2.
#[test]
fn invalid_input_findings_are_in_line_order() {
    let w = Workdir::new();
    let mut csv = String::from("course_id,title,pathway,standards\n");
    for i in 2..=16 {
        let standard = if i == 2 || i == 16 { "FS-99.9:I" } else { "FS-1.1:I" };
        csv.push_str(&format!("C{i},Course {i},TS,{standard}\n"));
    }
    w.write("c.csv", csv);
    let run = w.run(&["gaps", "c.csv", "--lenient", "--format", "csv", "--fail-on", "never"]);
    run.code(0);
    let at = |line: &str| {
        run.stdout.find(&format!("c.csv:{line}:")).unwrap_or_else(|| panic!("{line} in {}", run.stdout))
    };
    assert!(at("2") < at("16"), "{}", run.stdout);
}

/// A district-wide export: Honors/AP/Dual Credit levels, "All Health Science Pathways",
/// "Certified Nursing Assistant (CNA)", "BLS/CPR", and Agriculture and IT courses. Without
/// the config each district word is an error that says where to name it; the other
/// clusters' courses are never errors, only one summary line, unless --strict.
#[test]
fn a_district_wide_export_needs_only_its_config_file() {
    let w = Workdir::new();
    w.fixture("exports/district_wide.csv");
    w.run(&["validate", "exports/district_wide.csv"])
        .code(2)
        .stderr_has("unknown level \"Honors\"; use 1 to 4, or introductory, intermediate, advanced, capstone; or name your own word in cte-align.toml, like \"Honors\" = 3 under [aliases.level]")
        .stderr_has("unknown pathway \"All Health Science Pathways\"")
        .stderr_lacks("unknown credential \"Certified Nursing Assistant (CNA)\"")
        .stderr_lacks("unknown credential \"BLS/CPR\"")
        .stderr_has("unknown credential \"Food Handler Card\"")
        .stderr_lacks("Agriculture\"")
        .stderr_has("district_wide.csv: 4 courses of other career clusters left out: Agriculture 2, Information Technology 1, IT 1");
    w.fixture("exports/cte-align.toml");
    // Found in the current directory: the catalog's folder here.
    let run = w.run(&["validate", "exports/district_wide.csv", "--config", "exports/cte-align.toml"]);
    run.code(0)
        .stdout_has("\"Alignment Codes\"        -> standards (as given)")
        .stdout_has(
            "4 courses of other career clusters left out: Agriculture 2, Information Technology 1, IT 1",
        )
        .stdout_has("exports/district_wide.csv: 4 courses; 0 errors, 0 warnings");
    w.run(&["validate", "exports/district_wide.csv", "--config", "exports/cte-align.toml", "--strict"])
        .code(2)
        .stderr_has("exports/district_wide.csv:6:1: error: pathway \"Agriculture\" is another career cluster's, not Health Science's (2 courses left out)");
    // The levels and the credential alias reach the audit.
    let run = w.run(&[
        "course",
        "exports/district_wide.csv",
        "HS210",
        "--config",
        "exports/cte-align.toml",
        "--format",
        "json",
    ]);
    run.code(0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["course"]["level"], 3);
    assert_eq!(json["course"]["credentials"][0], "CNA");
    let run = w.run(&[
        "course",
        "exports/district_wide.csv",
        "HS220",
        "--config",
        "exports/cte-align.toml",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&run.code(0).stdout).unwrap();
    assert_eq!(json["course"]["credentials"], serde_json::json!(["BLS"]), "Food Handler Card is none");
}

/// The config file is found in the current directory or a parent, like cargo's; `--no-config`
/// reads none; a flag wins over it.
#[test]
fn the_config_file_is_found_in_a_parent_and_flags_win() {
    let w = Workdir::new();
    w.fixture("exports/district_wide.csv");
    w.write("exports/cte-align.toml", "format = \"json\"\n[columns]\nstandards = \"Alignment Codes\"\n[aliases.level]\nHonors = 3\nAP = 4\n\"Dual Credit\" = 4\n[aliases.pathway]\n\"All Health Science Pathways\" = \"*\"\n[aliases.credential]\n\"Food Handler Card\" = \"none\"\n");
    std::fs::create_dir_all(w.join("exports/sub")).unwrap();
    let run = w.run_shell("cd exports/sub && \"$BIN\" coverage ../district_wide.csv --fail-on never");
    run.code(0).stdout_has("\"command\": \"coverage\"");
    let run =
        w.run_shell("cd exports/sub && \"$BIN\" coverage ../district_wide.csv --fail-on never --format csv");
    run.code(0).stdout_lacks("\"command\"");
    w.run_shell("cd exports/sub && \"$BIN\" --no-config validate ../district_wide.csv").code(2);
}

/// Unknown keys are errors at file:line:column with "did you mean"; so are bad values.
#[test]
fn config_errors_name_the_place_and_the_fix() {
    let w = Workdir::new();
    w.write("c.csv", "course_id,title,pathway,standards\nA,B,TS,FS-1.1:I\n");
    w.write("cte-align.toml", "# settings\nstandard = \"std\"\n");
    w.run(&["validate", "c.csv"])
        .code(2)
        .stderr_has("cte-align.toml:2:1: error: unknown key \"standard\"; did you mean standards?");
    w.write("cte-align.toml", "[columns]\nstandard = \"Standards Addressed\"\n");
    w.run(&["validate", "c.csv"])
        .code(2)
        .stderr_has("cte-align.toml:2:1: error: --column standard=\"Standards Addressed\": standard is a column of alignment files (--alignments), and none is given; did you mean standards?");
    w.write("cte-align.toml", "[columns]\nstandrds = \"Standards Addressed\"\n");
    w.run(&["validate", "c.csv"])
        .code(2)
        .stderr_has("cte-align.toml:2:1: error: unknown column \"standrds\"; did you mean standards?");
    w.write("cte-align.toml", "[aliases.level]\nHonors = \"three\"\n");
    w.run(&["validate", "c.csv"]).code(2).stderr_has("cte-align.toml:2:10: error: invalid type");
    w.write("cte-align.toml", "[aliases.pathway]\n\"Health\" = \"XS\"\n");
    w.run(&["validate", "c.csv"])
        .code(2)
        .stderr_has("cte-align.toml:2:12: error: unknown pathway \"XS\" for \"Health\"; did you mean");
    w.run(&["--no-config", "validate", "c.csv"]).code(0);
}

/// `init` writes a commented config file; with it, commands in the project folder need no
/// --standards.
#[test]
fn init_writes_a_config_file_that_commands_find() {
    let w = Workdir::new();
    w.run(&["init", "proj"]).code(0).stdout_has("wrote 9 files");
    assert!(w.read("proj/cte-align.toml").contains("[aliases.level]"));
    // Edited standards in the project are used through the config file's `standards`.
    let cluster =
        w.read("proj/standards/cluster.yaml").replace("title: Therapeutic Services", "title: Patient Care");
    w.write("proj/standards/cluster.yaml", cluster);
    w.run_shell("cd proj && \"$BIN\" standards").code(0).stdout_has("Patient Care");
}

/// SCED codes were checked only for their shape: 14106 (no such code) and 14251 for Medical
/// Terminology (14251 is Health Science) passed. Now they are checked against SCED v12.
#[test]
fn sced_codes_are_checked_against_sced_v12() {
    let w = Workdir::new();
    w.write(
        "s.csv",
        "course_id,title,pathway,standards,SCED Code\n\
         A,Phlebotomy Technician,DS,FS-1.1:I,14106\n\
         B,Medical Terminology,*,FS-1.1:I,14251\n\
         C,Nurse Aide Training,TS,FS-1.1:I,14051\n\
         D,Clinical Internship,TS,FS-1.1:I,14998\n\
         E,Medical Imaging,DS,FS-1.1:I,14105G1.0000\n",
    );
    w.run(&["validate", "s.csv"])
        .code(0)
        .stdout_has("s.csv:2:37: warning: SCED code 14106 does not exist in SCED v12 (NCES); did you mean 14104 (Phlebotomy)?")
        .stdout_has("s.csv:3:34: warning: SCED code 14251 is \"Health Science\" in SCED v12, not \"Medical Terminology\"; did you mean 14154 (Medical Terminology)?")
        .stdout_has("0 errors, 2 warnings");
}

/// YAML errors were raw: `coverage_depth: two` said `invalid u8`, an indentation slip said
/// `did not find expected '-' indicator`. They now say what was expected, and quote the line.
#[test]
fn yaml_errors_say_what_was_expected_and_quote_the_line() {
    let w = Workdir::new();
    w.run(&["init", "p"]).code(0);
    let foundation = w.read("p/standards/foundation.yaml");
    w.write(
        "p/standards/foundation.yaml",
        foundation.replacen("coverage_depth: 2", "coverage_depth: two", 1),
    );
    w.run(&["--standards", "p", "standards"])
        .code(2)
        .stderr_has("error: a whole number was expected here (like 2), not a word (invalid u8; line ")
        .stderr_has("\"coverage_depth: two");
    w.write("p/standards/foundation.yaml", &foundation);
    let cluster = w.read("p/standards/cluster.yaml");
    w.write("p/standards/cluster.yaml", cluster.replacen("  - id: TS\n", "  - id: TS\n   ", 1));
    w.run(&["--standards", "p", "standards"])
        .code(2)
        .stderr_has("error: the indentation does not line up: items at one level must start in the same column, indented with spaces");
    w.write("p/standards/cluster.yaml", cluster.replacen("  - id: TS\n", "\t- id: TS\n", 1));
    w.run(&["--standards", "p", "standards"])
        .code(2)
        .stderr_has("the line holds a tab; YAML indents with spaces only");
}

/// The config file's policy applies to gaps and coverage under the flags.
#[test]
fn the_config_policy_fails_a_run_unless_a_flag_says_otherwise() {
    let w = Workdir::new();
    w.write("c.csv", "course_id,title,pathway,standards\nA,B,TS,FS-1.1:I\nC,D,TS,FS-2.1:M\n");
    w.write("cte-align.toml", "[policy]\nmin_coverage = 90\nallow = [\"single-course\"]\n");
    w.run(&["coverage", "c.csv", "--fail-on", "never"]).code(1).stdout_has("the policy fails");
    w.run(&["coverage", "c.csv", "--fail-on", "never", "--min-coverage", "1"]).code(0);
    w.run(&["--no-config", "coverage", "c.csv", "--fail-on", "never"]).code(0);
    w.write("cte-align.toml", "[policy.pathway.TS]\nmin_coverage = 90\n");
    w.run(&["coverage", "c.csv", "--fail-on", "never"]).code(1);
    w.write("cte-align.toml", "[policy]\nmin_covrage = 90\n");
    w.run(&["coverage", "c.csv"])
        .code(2)
        .stderr_has("cte-align.toml:2:1: error: unknown key \"min_covrage\"; did you mean min_coverage?");
}
