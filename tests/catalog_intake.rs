//! Catalog intake: reading real-world catalog CSV files and `cte-align validate`.

use crate::util::{Workdir, repo};

const HEADER: &str = "Course #,Course Title,Program of Study,Level,Standards,Credentials,WBL\n";

#[test]
fn clean_catalog_validates_with_exit_0() {
    let w = Workdir::new();
    w.write(
        "c.csv",
        format!("{HEADER}HS101,Intro,*,1,FS-1.1:I,,\nHS201,Nurse Aide,TS,2,TS-3.1:M,CNA,clinical\n"),
    );
    w.run(&["validate", "c.csv"]).code(0).stdout_has("c.csv: 2 courses; 0 errors, 0 warnings");
}

/// Every kind of error `validate` reports, each at its exact line and column.
#[test]
fn every_error_is_reported_at_its_line_and_column() {
    let w = Workdir::new();
    w.write(
        "bad.csv",
        [
            HEADER,
            "HS101,Intro,*,1,\"FS-1.1:I; FS-2.9:R\",,\n",
            "HS102,Phleb,DS,2,\"FS-1.1::M; :M; FS-1.1:Z\",CPT; CNAA,clinical\n",
            "HS102,Dup,DS,2,DS-4.1:M,,\n",
            ",Empty,DS,1,,,\n",
            "HS103,Extra,Theraputic,5,FS-7.1,,\n",
            "HS104,Short\n",
        ]
        .concat(),
    );
    let run = w.run(&["validate", "bad.csv"]);
    run.code(2)
        .stderr_has("bad.csv:2:28: error: unknown standard \"FS-2.9\"; did you mean FS-2.")
        .stderr_has("bad.csv:3:19: error: malformed alignment \"FS-1.1::M\"")
        .stderr_has("bad.csv:3:30: error: malformed alignment \":M\"")
        .stderr_has("bad.csv:3:41: error: unknown depth \"Z\" in \"FS-1.1:Z\"; the depth scale is I, R, M")
        .stderr_has("bad.csv:3:49: error: unknown credential \"CNAA\"; did you mean CNA?")
        .stderr_has("bad.csv:4:1: error: duplicate course ID \"HS102\" (first on line 3)")
        .stderr_has("bad.csv:5:1: error: empty course ID")
        .stderr_has("bad.csv:6:13: error: unknown pathway \"Theraputic\"; did you mean Therapeutic Services?")
        .stderr_has("bad.csv:6:24: error: unknown level \"5\"")
        .stderr_has("bad.csv:7:1: error: this row has 2 fields but the header has 7")
        .stderr_has("10 errors, 0 warnings");
    assert!(run.stdout.is_empty(), "nothing on stdout when validation fails");
}

#[test]
fn warnings_pass_unless_strict() {
    let w = Workdir::new();
    w.write(
        "w.csv",
        format!("{HEADER}HS101,No Pathway,,1,FS-1.1:I,,\nHS102,Broad,TS,1,FS-7,,\nHS103,Nothing,TS,2,,,\nHS104,Legacy,TS,3,1.11:R,,\n"),
    );
    let run = w.run(&["validate", "w.csv"]);
    run.code(0)
        .stdout_has("w.csv:2:18: warning: course HS101 names no pathway")
        .stdout_has("w.csv:3:18: warning: FS-7 is too broad to count")
        .stdout_has("w.csv:4:1: warning: course HS103 has no alignments")
        .stdout_has("w.csv:5:19: warning: legacy code \"1.11\" read as FS-1.1.1")
        .stdout_has("0 errors, 4 warnings");
    w.run(&["validate", "w.csv", "--strict"]).code(1);
}

#[test]
fn missing_required_column_names_the_headers_and_the_closest_one() {
    let w = Workdir::new();
    w.write("m.csv", "Crs Number X,Name\nA,B\n");
    w.run(&["validate", "m.csv"])
        .code(2)
        .stderr_has(
            "m.csv:1:1: error: missing required column course_id (found headers: \"Crs Number X\", \"Name\")",
        )
        .stderr_has("--column course_id=\"Crs Number X\"");
    w.run(&["validate", "m.csv", "--column", "course_id=Crs Number X"]).code(0);
}

#[test]
fn duplicated_headers_are_an_error() {
    let w = Workdir::new();
    w.write("d.csv", "Course Code,Course Number,Title\nA,B,C\n");
    w.run(&["validate", "d.csv"]).code(2).stderr_has(
        "d.csv:1:13: error: headers \"Course Code\" and \"Course Number\" both mean the course_id column",
    );
}

#[test]
fn sis_header_synonyms_are_recognised() {
    let w = Workdir::new();
    w.write(
        "s.csv",
        "Local Course ID,Course Name,CTE Pathway,Course Level,SCED Course Code,Grade Levels,Aligned Standards,Industry Credentials,Work Based Learning,Notes\n\
         HS1,Intro,Therapeutic Services,Introductory,14001,9-10,FS-1.1:I,BLS,Job Shadowing,ignored\n",
    );
    w.run(&["validate", "s.csv"]).code(0).stdout_has("1 course; 0 errors, 0 warnings");
    w.run(&["course", "s.csv", "HS1", "--format", "json"])
        .code(0)
        .stdout_has("\"sced\": \"14001\"")
        .stdout_has("\"work_based_learning\": [\n      \"job shadowing\"");
}

#[test]
fn windows_1252_and_utf16_titles_come_out_intact() {
    let w = Workdir::new();
    let mut cp1252 = b"Course Number,Course Title,Pathway\n".to_vec();
    cp1252.extend(b"HS1,Anatom\xeda y Fisiolog\xeda,TS\r\nHS2,Caf\xe9 Nutrici\xf3n,TS\r\n");
    w.write("cp.csv", cp1252);
    w.run(&["course", "cp.csv", "HS1"]).code(0).stdout_has("Anatomía y Fisiología");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "Course Number\tCourse Title\tPathway\r\nHS1\tCafé Nutrición\tTS\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    w.write("u16.csv", utf16);
    w.run(&["course", "u16.csv", "HS1"]).code(0).stdout_has("Café Nutrición");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend("Course Number;Course Title;Pathway\nHS1;Soins infirmiers;TS\n".as_bytes());
    w.write("bom.csv", bom);
    w.run(&["course", "bom.csv", "HS1"]).code(0).stdout_has("Soins infirmiers");
}

#[test]
fn delimiters_quotes_blank_lines_and_crlf() {
    let w = Workdir::new();
    w.write(
        "q.csv",
        "Course Number,Course Title,Pathway,Standards\r\n\r\n  HS1 ,\"Anatomy, Physiology\",TS,\"FS-1.1:I,\nFS-1.2:R\"\r\n,,,\r\nHS2,Two,TS,FS-2.1\r\n",
    );
    w.run(&["validate", "q.csv"]).code(0).stdout_has("2 courses; 0 errors");
    w.run(&["course", "q.csv", "HS1"]).code(0).stdout_has("Anatomy, Physiology").stdout_has("FS-1.2");
    w.write("t.csv", "Course Number|Course Title|Pathway\nHS1|One|TS\n");
    w.run(&["validate", "t.csv", "--delimiter", "pipe"]).code(0).stdout_has("1 course;");
}

#[test]
fn standard_input_is_read_with_dash() {
    let w = Workdir::new();
    let csv = format!("{HEADER}HS101,Intro,TS,1,FS-1.1:I,,\n");
    w.run_stdin(&["validate", "-"], Some(csv.as_bytes())).code(0).stdout_has("<stdin>: 1 course");
}

#[test]
fn files_that_are_not_csv_say_so() {
    let w = Workdir::new();
    w.write("book.csv", b"PK\x03\x04\x14\x00\x06\x00rest of a zip");
    w.run(&["validate", "book.csv"])
        .code(2)
        .stderr_has("book.csv:1:1: error: this is an Excel workbook (.xlsx)");
    w.write("doc.csv", b"%PDF-1.7\n%binary");
    w.run(&["validate", "doc.csv"]).code(2).stderr_has("this is a PDF document, not a CSV file");
    w.write("nul.csv", b"a\0b\0c\0");
    w.run(&["validate", "nul.csv"]).code(2).stderr_has("NUL bytes");
    w.write("empty.csv", b"");
    w.run(&["validate", "empty.csv"]).code(2).stderr_has("empty.csv:1:1: error: the file is empty");
    w.run(&["validate", "missing.csv"]).code(2).stderr_has("cannot open missing.csv");
}

#[test]
fn alignment_files_merge_and_keep_the_deeper_depth() {
    let w = Workdir::new();
    w.write("c.csv", format!("{HEADER}HS101,Intro,TS,1,FS-1.1:I,,\nHS102,Two,TS,2,,,\n"));
    w.write(
        "a.csv",
        "course_id,standard,depth,evidence\nHS101,FS-1.1,M,Unit 3 test\nHS101,FS-1.1,R,\nHS102,TS-3.1,R,Vitals check-off\n",
    );
    w.run(&["validate", "c.csv", "--alignments", "a.csv"]).code(0).stdout_lacks("no alignments");
    w.run(&["course", "c.csv", "HS101", "--alignments", "a.csv", "--format", "csv"])
        .code(0)
        .stdout_has("FS-1.1,Human Anatomy and Physiology,M,FS-1.1,Unit 3 test");
}

#[test]
fn alignment_file_errors_are_reported_with_positions() {
    let w = Workdir::new();
    w.write("c.csv", format!("{HEADER}HS101,Intro,TS,1,FS-1.1:I,,\n"));
    w.write(
        "a.csv",
        "course_id,standard,depth,evidence\nHS109,FS-1.1,M,x\nHS101,FS-1.9,M,x\nHS101,FS-1.1,Q,x\n",
    );
    w.run(&["validate", "c.csv", "--alignments", "a.csv"])
        .code(2)
        .stderr_has("a.csv:2:1: error: unknown course \"HS109\"")
        .stderr_has("did you mean HS101?")
        .stderr_has("a.csv:3:7: error: unknown standard \"FS-1.9\"")
        .stderr_has("a.csv:4:14: error: unknown depth \"Q\"");
}

#[test]
fn course_ids_need_only_be_unique_within_a_district() {
    let w = Workdir::new();
    w.write(
        "state.csv",
        "District,Course Number,Course Title,Pathway\nAlder,HS1,One,TS\nBayview,HS1,One,TS\nBayview,HS1,Again,TS\n",
    );
    w.run(&["validate", "state.csv"])
        .code(2)
        .stderr_has("state.csv:4:9: error: duplicate course ID \"HS1\" in Bayview (first on line 3)")
        .stderr_has("1 error");
}

#[test]
fn bundled_examples_validate_cleanly() {
    let w = Workdir::new();
    for (catalog, extra) in [
        ("examples/district/catalog.csv", Some("examples/district/alignments.csv")),
        ("examples/vendor/modules.csv", None),
        ("examples/state/statewide.csv", None),
    ] {
        let catalog = repo(catalog);
        let mut args = vec!["validate", catalog.as_str()];
        let extra = extra.map(repo);
        if let Some(a) = &extra {
            args.extend(["--alignments", a.as_str()]);
        }
        w.run(&args).code(0).stdout_has("0 errors");
    }
}

/// Regression: an alignment file was silently skipped when the catalog before it had errors
/// (its header check counted the catalog's errors as its own), so `--lenient` lost alignments.
#[test]
fn alignment_files_still_merge_when_the_catalog_has_errors() {
    let w = Workdir::new();
    w.write("c.csv", format!("{HEADER}HS101,Intro,TS,1,FS-1.1:I,,\nHS102,Two,TS,2,FS-99.1,,\n"));
    w.write("a.csv", "course_id,standard,depth,evidence\nHS101,FS-1.2,R,Unit 2\n");
    w.run(&["course", "c.csv", "HS101", "--alignments", "a.csv", "--lenient", "--format", "csv"])
        .code(0)
        .stdout_has("FS-1.2,Diseases and Disorders,R,FS-1.2,Unit 2");
}

/// A file large enough to be read in two halves at once (8 MiB and more) reports its
/// problems at the same lines and columns as a small one, including a duplicate ID whose
/// first course is in the first half and whose repeat is in the second.
#[test]
fn a_large_file_read_in_halves_reports_problems_where_they_are() {
    let w = Workdir::new();
    let rows = 150_000;
    let mut text = String::from(HEADER);
    for i in 0..rows {
        text.push_str(&format!("HS{i},Course {i},TS,1,\"FS-1.1:I; FS-7.1:R; TS-1.1:M\",,clinical\n"));
    }
    text.push_str("HS7,Repeat,TS,1,FS-1.1:I,,\n");
    text.push_str("HS-last,Last,TS,1,FS-2.9:R,,\n");
    assert!(text.len() > 8 << 20, "the file must be large enough to be read in halves");
    w.write("big.csv", text);
    let (dup, last) = (rows + 2, rows + 3);
    w.run(&["validate", "big.csv"])
        .code(2)
        .stderr_has(&format!("big.csv:{dup}:1: error: duplicate course ID \"HS7\" (first on line 9)"))
        .stderr_has(&format!("big.csv:{last}:19: error: unknown standard \"FS-2.9\""))
        .stderr_has("2 errors, 0 warnings");
}

/// Bug: after blank lines, a row's problems were reported at the first blank line, and at the
/// column counted from it (`bl.csv:2:8` for a bad depth on line 4, column 21), in catalogs and
/// alignment files alike.
#[test]
fn positions_after_blank_lines_name_the_row_itself() {
    let w = Workdir::new();
    w.write(
        "bl.csv",
        "course_id,title,pathway,level,standards\n\n\nHS101,T,TS,1,FS-1.1:Z\n\nHS102,U,TS,1,FS-9.9\n",
    );
    w.run(&["validate", "bl.csv"])
        .code(2)
        .stderr_has("bl.csv:4:21: error: unknown depth \"Z\"")
        .stderr_has("bl.csv:6:14: error: unknown standard \"FS-9.9\"");
    w.write("c.csv", "course_id,title,pathway,level,standards\nA1,T,TS,1,FS-1.1\nA2,U,TS,2,FS-2.1\n");
    w.write("al.csv", "course_id,standard,depth\nA1,FS-1.1,I\n\n\nA2,FS-1.1,Z\n");
    w.run(&["validate", "c.csv", "--alignments", "al.csv"])
        .code(2)
        .stderr_has("al.csv:5:11: error: unknown depth \"Z\"");
}

/// Bug: a quote left open in the last column swallowed the rest of the file into one field,
/// and the row still had the right width: `validate` said "1 course; 0 errors" for three.
#[test]
fn an_unclosed_quote_is_an_error_not_lost_rows() {
    let w = Workdir::new();
    w.write("q.csv", "id,title,pathway,description\nA,B,TS,\"12\"\" ruler\nC,D,TS,x\nE,F,TS,y\n");
    w.run(&["validate", "q.csv"]).code(2).stderr_has("q.csv:2:8: error: this quote is never closed");
    // Quoted fields that do close, across lines and with doubled quotes, are fine.
    w.write(
        "ok.csv",
        "id,title,pathway,standards\nA,\"Two\nlines\",TS,FS-1.1\nC,\"say \"\"hi\"\"\",TS,\"FS-1.1\"\n",
    );
    w.run(&["validate", "ok.csv"]).code(0).stdout_has("2 courses; 0 errors");
}

/// Bug: an item's column ignored the spaces its field starts with (`   FS-9.9` reported three
/// columns early).
#[test]
fn columns_count_the_spaces_a_field_starts_with() {
    let w = Workdir::new();
    w.write("sp.csv", "id,title,pathway,standards,credentials\nHS1,x,TS,   FS-1.1:I; FS-9.9:R,  CNAX\nHS2,y,  Theraputic ,FS-1.1,\n");
    w.run(&["validate", "sp.csv"])
        .code(2)
        .stderr_has("sp.csv:2:23: error: unknown standard \"FS-9.9\"")
        .stderr_has("sp.csv:2:34: error: unknown credential \"CNAX\"; did you mean CNA?\n")
        .stderr_has("sp.csv:3:9: error: unknown pathway \"Theraputic\"");
}

/// Bug: `--column` and `--delimiter`, written for the catalog, were applied to alignment files
/// too, so a plain alignment file was refused ("no header \"Crs No\"").
#[test]
fn catalog_flags_do_not_break_alignment_files() {
    let w = Workdir::new();
    w.write("c.csv", "Crs No;title;pathway;level;standards\nA1;T;TS;1;FS-1.1:I\nA2;U;TS;2;FS-2.1\n");
    w.write("a.csv", "course_id,standard,depth,evidence\nA1,FS-7.1,R,Unit 3\n");
    w.run(&[
        "validate",
        "c.csv",
        "--column",
        "course_id=Crs No",
        "--delimiter",
        "semicolon",
        "--alignments",
        "a.csv",
    ])
    .code(0)
    .stdout_has("0 errors");
    // An override does apply to an alignment file that has its header.
    w.write("b.csv", "Crs No,standard\nA2,FS-7.2\n");
    w.run(&[
        "validate",
        "c.csv",
        "--column",
        "course_id=Crs No",
        "--delimiter",
        "semicolon",
        "--alignments",
        "b.csv",
    ])
    .code(0);
}

/// Bug: an alignment file without a district column could not name any course of a
/// statewide catalog ("unknown course"), and district names were matched with their case.
#[test]
fn alignment_files_find_courses_across_districts() {
    let w = Workdir::new();
    w.write(
        "st.csv",
        "district,course_id,title,pathway,level,standards\nAlder,HS1,T,TS,1,FS-1.1\nAlder,HS2,U,TS,2,FS-2.1\nBirch,HS1,T,TS,1,FS-1.1\nBirch,HS3,V,TS,2,FS-2.1\n",
    );
    w.write("one.csv", "course_id,standard\nHS3,FS-7.1\n");
    w.run(&["validate", "st.csv", "--alignments", "one.csv"]).code(0);
    w.write("two.csv", "course_id,standard\nHS1,FS-7.1\n");
    w.run(&["validate", "st.csv", "--alignments", "two.csv"])
        .code(2)
        .stderr_has("two.csv:2:1: error: course \"HS1\" is in 2 districts of st.csv (Alder, Birch); give the alignment file a district column");
    w.write("case.csv", "district,course_id,standard\nalder,hs1,FS-7.1\nCedar,HS1,FS-7.1\n");
    w.run(&["validate", "st.csv", "--alignments", "case.csv"])
        .code(2)
        .stderr_has("case.csv:3:1: error: unknown district \"Cedar\"")
        .stderr_lacks("case.csv:2:");
}

/// Bug: when an alignment file repeated an alignment at a deeper depth, the depth was taken
/// from the second row but the evidence from the first.
#[test]
fn the_deeper_alignment_keeps_its_own_evidence() {
    let w = Workdir::new();
    w.write("c.csv", "course_id,title,pathway,level\nA1,T,TS,1\nA2,U,TS,2\n");
    w.write("a.csv", "course_id,standard,depth,evidence\nA1,FS-7.1,I,Unit 1 quiz\nA1,FS-7.1,M,Final lab\nA1,FS-7.1,R,Unit 2\n");
    w.run(&["course", "c.csv", "A1", "--alignments", "a.csv", "--format", "csv"])
        .code(0)
        .stdout_has("FS-7.1,Infection Control,M,FS-7.1,Final lab");
    // A shallower row's evidence never lands on the deeper alignment the catalog gave.
    w.write("m.csv", "course_id,title,pathway,level,standards\nA1,T,TS,1,FS-1.1:M\nA2,U,TS,2,FS-2.1\n");
    w.write("i.csv", "course_id,standard,depth,evidence\nA1,FS-1.1,I,Unit 3 intro quiz\n");
    w.run(&["course", "m.csv", "A1", "--alignments", "i.csv", "--format", "csv"])
        .code(0)
        .stdout_has("FS-1.1,Human Anatomy and Physiology,M,FS-1.1,\r\n");
}

/// A course whose alignments were all refused, in the catalog or an alignment file, has an
/// error for each: it gets no "has no alignments" warning on top.
#[test]
fn refused_alignments_are_not_also_missing_ones() {
    let w = Workdir::new();
    w.write("c.csv", "course_id,title,pathway,level,standards\nC1,T,TS,1,\nC2,U,TS,2,FS-9.9\nC3,V,TS,3,\n");
    w.write("a.csv", "course_id,standard\nC1,FS-99.1\n");
    w.run(&["validate", "c.csv", "--alignments", "a.csv"])
        .code(2)
        .stderr_has("a.csv:2:4: error: unknown standard \"FS-99.1\"")
        .stderr_has("c.csv:3:11: error: unknown standard \"FS-9.9\"")
        .stderr_has("c.csv:4:1: warning: course C3 has no alignments")
        .stderr_lacks("course C1 has no alignments")
        .stderr_lacks("course C2 has no alignments");
}

/// A work-based-learning value the tool does not know ("TBD") is reported and not counted:
/// an audit must not credit a program with work-based learning it may not have.
#[test]
fn unknown_work_based_learning_is_not_counted() {
    let w = Workdir::new();
    w.write(
        "c.csv",
        "course_id,title,pathway,level,standards,wbl\nA1,T,TS,1,FS-1.1:I,TBD\nA2,U,TS,2,FS-2.1:M,\n",
    );
    w.run(&["validate", "c.csv"])
        .code(0)
        .stdout_has("c.csv:2:20: warning: unrecognised work-based learning \"TBD\", not counted");
    w.run(&["gaps", "c.csv", "--fail-on", "never", "--format", "csv"])
        .code(0)
        .stdout_has("no-work-based-learning");
}

/// Standard input can be read once: `gaps - --alignments -` used to read an empty second
/// file.
#[test]
fn standard_input_is_read_once() {
    let w = Workdir::new();
    w.run_stdin(&["gaps", "-", "--alignments", "-"], Some(b"course_id,title\nA,B\n"))
        .code(2)
        .stderr_has("standard input (-) can be read only once");
}

/// A header that is nearly a known column's name ("Pathway Nme") is ignored like any other
/// unknown header, but not silently: its data would otherwise vanish from the audit.
#[test]
fn a_misspelt_header_is_a_warning_with_the_fix() {
    let w = Workdir::new();
    w.write("nm.csv", "course_id,title,Pathway Nme,Notes,Teacher\nA,B,TS,x,y\n");
    w.run(&["validate", "nm.csv"])
        .code(0)
        .stdout_has("nm.csv:1:17: warning: header \"Pathway Nme\" is ignored; if it holds the pathway column, run with --column pathway=\"Pathway Nme\"")
        .stdout_lacks("header \"Notes\" is ignored")
        .stdout_lacks("header \"Teacher\" is ignored")
        // The mapping (issue 14) lists them as ignored, without a warning.
        .stdout_has("\"Notes\"       -> ignored");
}

/// SCED codes and grades are only shown, so a malformed one is a warning at its column.
#[test]
fn malformed_sced_codes_and_grades_are_warnings() {
    let w = Workdir::new();
    w.write(
        "c.csv",
        "course_id,title,pathway,standards,sced,grades\nA,B,TS,FS-1.1,abc,zz\nC,D,TS,FS-1.1,14001,10-12\n",
    );
    w.run(&["validate", "c.csv"])
        .code(0)
        .stdout_has("c.csv:2:15: warning: SCED code \"abc\" is neither a 5-digit code")
        .stdout_has("c.csv:2:19: warning: grades \"zz\" are not grade levels")
        .stdout_has("0 errors, 2 warnings");
}

/// The description column was read and never shown: `course` shows it.
#[test]
fn course_shows_the_description() {
    let w = Workdir::new();
    w.write("c.csv", "course_id,title,pathway,standards,description\nA,B,TS,FS-1.1,\"Body systems, with labs\"\nC,D,TS,FS-2.1,\n");
    w.run(&["course", "c.csv", "A"]).code(0).stdout_has("description").stdout_has("Body systems, with labs");
    w.run(&["course", "c.csv", "A", "--format", "json"])
        .code(0)
        .stdout_has("\"description\": \"Body systems, with labs\"");
}
