//! The bad-input corpus: broken and hostile files, each run through the real binary. Whatever
//! arrives, cte-align must exit 2 with an error that names the file and the line
//! (`name.csv:LINE:`), print no panic or backtrace, write no report (every run asks for one with
//! `-o out.csv`), and leave its inputs as they were.
//!
//! The small files are committed under `tests/bad_inputs/`; big ones (a 10 MB field, 100,000
//! columns, a 200 MB YAML file, ...) are generated here into the temporary directory. Errors
//! about a path rather than a file's content (a symlink loop, an output directory that does not
//! exist) have no line: those tests check that the path is named.
//!
//! Tests marked `#[ignore = "bug: ..."]` assert the correct behaviour of a known bug; they are
//! un-ignored when it is fixed.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::util::{Run, Workdir, repo};

/// What any one run may take before it counts as a hang (a debug build, on a loaded machine).
const PATIENCE: Duration = Duration::from_secs(60);

/// The bytes of a committed corpus file.
fn corpus(name: &str) -> Vec<u8> {
    let path = repo(&format!("tests/bad_inputs/{name}"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every file in the work directory with its size and modification time: a run that writes a
/// report, leaves a temporary file behind or touches an input changes this.
fn snapshot(w: &Workdir) -> BTreeMap<String, (u64, Option<SystemTime>)> {
    w.files()
        .into_iter()
        .map(|f| {
            let meta = std::fs::symlink_metadata(w.join(&f)).unwrap();
            (f, (meta.len(), meta.modified().ok()))
        })
        .collect()
}

/// Keeps huge outputs (100,000 error lines) readable in a failure message.
fn clip(bytes: &[u8]) -> String {
    const KEEP: usize = 64 * 1024;
    let text = String::from_utf8_lossy(bytes);
    if text.len() <= 2 * KEEP {
        return text.into_owned();
    }
    let head = text.char_indices().take_while(|(i, _)| *i < KEEP).map(|(_, c)| c).collect::<String>();
    let tail_from = text.char_indices().map(|(i, _)| i).find(|&i| i >= text.len() - KEEP).unwrap_or(0);
    format!("{head}\n[... {} bytes left out ...]\n{}", text.len() - 2 * KEEP, &text[tail_from..])
}

/// `Workdir::run_limited` (killed after `limit`, optionally under a memory limit), with
/// huge outputs clipped for the failure message.
fn run_limited(w: &Workdir, args: &[&str], limit: Duration, memory_kb: Option<u64>) -> Run {
    let run = w.run_limited(args, limit, memory_kb);
    Run { stdout: clip(run.stdout.as_bytes()), stderr: clip(run.stderr.as_bytes()), ..run }
}

/// Runs `args` (which write a report with `-o`) and checks the refusal: exit 2, `needle` (the
/// file and line) and `gist` in stderr, no panic, and the work directory exactly as before.
#[track_caller]
fn refused_with(w: &Workdir, args: &[&str], needle: &str, gist: &str, memory_kb: Option<u64>) -> Run {
    let before = snapshot(w);
    let run = run_limited(w, args, PATIENCE, memory_kb);
    run.code(2).stderr_has(needle).stderr_has(gist).no_panic();
    assert_eq!(snapshot(w), before, "`{}` wrote, left behind or changed a file\n{}", run.cmd, run.stderr);
    run
}

#[track_caller]
fn refused(w: &Workdir, args: &[&str], needle: &str, gist: &str) -> Run {
    refused_with(w, args, needle, gist, None)
}

/// A catalog that must be refused by `gaps` and by `coverage`, at `NAME:LOCATION:`.
#[track_caller]
fn bad_catalog_in(w: &Workdir, name: &str, location: &str, gist: &str) {
    let needle = format!("{name}:{location}:");
    refused(w, &["gaps", name, "-o", "out.csv"], &needle, gist);
    refused(w, &["coverage", name, "--format", "json", "-o", "out.json"], &needle, gist);
}

/// A committed catalog that must be refused at `NAME:LOCATION:`.
#[track_caller]
fn bad_catalog(name: &str, location: &str, gist: &str) {
    let w = Workdir::new();
    w.write(name, corpus(name));
    bad_catalog_in(&w, name, location, gist);
}

/// A good catalog for the built-in standards, for the alignment-file and output cases.
const CATALOG: &str = "course_id,title,pathway,level,standards\n\
HS101,Principles of Health Science,TS,1,\"FS-1.1:I; FS-7.1:R\"\n\
HS102,Medical Terminology,TS,2,FS-1.1:M\n";

/// A committed alignment file, merged into [`CATALOG`], that must be refused at
/// `NAME:LOCATION:`.
#[track_caller]
fn bad_alignments(name: &str, location: &str, gist: &str) {
    let w = Workdir::new();
    w.write("catalog.csv", CATALOG);
    w.write(name, corpus(name));
    let needle = format!("{name}:{location}:");
    refused(&w, &["gaps", "catalog.csv", "--alignments", name, "-o", "out.csv"], &needle, gist);
}

/// The small valid standards set of `tests/fixtures/mini` in `set/`, and its clean catalog.
fn mini_set() -> Workdir {
    let w = Workdir::new();
    for name in ["cluster.yaml", "foundation.yaml", "aa.yaml", "bb.yaml"] {
        let path = repo(&format!("tests/fixtures/mini/standards/{name}"));
        w.write(&format!("set/{name}"), std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")));
    }
    let path = repo("tests/fixtures/mini/clean.csv");
    w.write("catalog.csv", std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")));
    w
}

/// `cte-align --standards set gaps catalog.csv -o out.csv`, refused at `set/FILE:LOCATION:`.
#[track_caller]
fn standards_refused(w: &Workdir, file: &str, location: &str, gist: &str, memory_kb: Option<u64>) {
    let needle = format!("set/{file}:{location}:");
    let args = ["--standards", "set", "gaps", "catalog.csv", "-o", "out.csv"];
    refused_with(w, &args, &needle, gist, memory_kb);
}

/// The mini set with one file replaced by a committed YAML file, refused at `set/FILE:LOCATION:`.
#[track_caller]
fn bad_standards(corpus_name: &str, as_file: &str, location: &str, gist: &str) {
    let w = mini_set();
    w.write(&format!("set/{as_file}"), corpus(corpus_name));
    standards_refused(&w, as_file, location, gist, None);
}

/// `gaps` over the mini set with standard `1.1` of aa.yaml given the code `code` instead.
fn run_with_code(code: &str) -> Run {
    let w = mini_set();
    let text = std::fs::read_to_string(w.join("set/aa.yaml")).unwrap();
    w.write(
        "set/aa.yaml",
        text.replace("{ code: \"1.1\",", &format!("{{ code: {},", serde_json::to_string(code).unwrap())),
    );
    w.run(&["--standards", "set", "gaps", "catalog.csv"])
}

/// Regression (fuzz target render_case): a standard code with a tab, a space or a catalog
/// separator in it (`"2.1\t\t\n%5:\t#3"`) loaded, though no catalog could name it, and its
/// CASE export read back as another code. Refused where it is written.
#[test]
fn a_standard_code_with_a_space_or_separator_is_refused() {
    for (code, what) in
        [("1.1\t2", "a space (U+0009)"), ("1.1:x", "\":\""), ("1.1;x", "\";\""), ("1 1", "a space (U+0020)")]
    {
        let run = run_with_code(code);
        run.code(2).stderr_has("set/aa.yaml:9:").stderr_has(&format!("contains {what}; a code is one word"));
        assert!(!run.stderr.contains('\t'), "the tab is shown escaped:\n{}", run.stderr);
    }
}

/// Regression (fuzz target render_case, 3 December): a standard code holding a control
/// character (`"1.\a2"` in YAML, a BEL) or an invisible one loaded, and its CASE export read
/// back without it, as another code. Refused where it is written, the character shown escaped.
#[test]
fn a_standard_code_with_an_invisible_character_is_refused() {
    for (code, what) in [("1.1\u{7}", "U+0007"), ("1.\u{200B}1", "U+200B"), ("\u{FEFF}1.1", "U+FEFF")] {
        let run = run_with_code(code);
        run.code(2)
            .stderr_has("set/aa.yaml:9:")
            .stderr_has(&format!("holds {what}"))
            .stderr_has("which cannot be seen");
        assert!(!run.stderr.contains('\u{7}'), "the BEL is shown escaped:\n{}", run.stderr);
    }
}

// ------------------------------------------------------------------------------------------
// 1. Empty, blank and header-only catalogs

#[test]
fn empty_file() {
    bad_catalog("empty.csv", "1:1", "the file is empty");
}

#[test]
fn blank_lines_and_separators_only() {
    bad_catalog("blank_lines_only.csv", "1:1", "the file is empty");
}

#[test]
fn byte_order_mark_only() {
    bad_catalog("bom_only.csv", "1:1", "the file is empty");
}

/// A header and no courses is no catalog to audit: it used to pass (exit 0) with "0 pathways
/// audited", which in CI reads as success.
#[test]
fn headers_only_is_refused() {
    bad_catalog("headers_only.csv", "1:1", "the file has a header row but no courses");
    let w = Workdir::new();
    w.write("headers_only.csv", corpus("headers_only.csv"));
    w.run(&["validate", "headers_only.csv"]).code(2).stderr_has("header row but no courses");
    assert_eq!(w.files(), ["headers_only.csv"]);
}

// ------------------------------------------------------------------------------------------
// 2. Headers

#[test]
fn header_row_missing_the_course_id() {
    bad_catalog("missing_course_id_header.csv", "1:1", "missing required column course_id");
}

#[test]
fn header_row_missing_the_title() {
    bad_catalog("missing_title_header.csv", "1:1", "missing required column title");
}

#[test]
fn duplicated_headers_that_are_synonyms() {
    // `Course Number,Course Title,Course Code`: the third header starts at column 28.
    bad_catalog("duplicate_headers_synonyms.csv", "1:28", "both mean the course_id column");
}

#[test]
fn duplicated_identical_headers() {
    bad_catalog("duplicate_headers_identical.csv", "1:25", "both mean the title column");
}

// ------------------------------------------------------------------------------------------
// 3. CSV structure

#[test]
fn unbalanced_quote_in_a_row() {
    // The quote opened on line 3 swallows the rest of the file into one field.
    bad_catalog("unbalanced_quote_in_row.csv", "3:1", "check for a stray separator or an unclosed quote");
}

#[test]
fn unbalanced_quote_in_the_header() {
    bad_catalog("unbalanced_quote_in_header.csv", "1:1", "missing required column title");
}

#[test]
fn row_with_more_fields_than_the_header() {
    bad_catalog("ragged_row.csv", "3:1", "this row has 7 fields but the header has 5");
}

#[test]
fn semicolon_header_with_comma_rows() {
    bad_catalog("semicolon_header_comma_rows.csv", "2:1", "this row has 1 fields but the header has 4");
}

/// Excel on Windows ends lines with CRLF: the row with a stray field is line 3.
#[test]
fn crlf_row_with_more_fields_than_the_header() {
    bad_catalog("crlf_ragged_row.csv", "3:1", "this row has 6 fields but the header has 5");
}

/// `HS101,Principles of Health Science,*,1,FS-1.1:Z`: the depth letter is at line 2, column 47.
#[test]
fn crlf_alignment_with_an_unknown_depth_letter() {
    bad_catalog("crlf_unknown_depth.csv", "2:47", "unknown depth \"Z\"");
}

/// Old Mac exports end lines with CR alone: the bad depth is on line 3, column 38.
#[test]
fn cr_line_ends_alignment_with_an_unknown_depth_letter() {
    bad_catalog("cr_line_endings_unknown_depth.csv", "3:38", "unknown depth \"Z\"");
}

// ------------------------------------------------------------------------------------------
// 4. Encodings and binary files

#[test]
fn nul_byte_in_a_row() {
    bad_catalog("nul_byte_in_row.csv", "3:14", "NUL");
}

#[test]
fn invalid_utf8_that_is_not_windows_1252_either() {
    bad_catalog("invalid_utf8_not_cp1252.csv", "3:25", "neither UTF-8 nor Windows-1252");
}

#[test]
fn invalid_utf8_after_a_byte_order_mark() {
    bad_catalog("bom_then_invalid_utf8.csv", "3", "not valid UTF-8");
}

#[test]
fn utf16_little_endian_without_a_byte_order_mark() {
    bad_catalog("utf16le_no_bom.csv", "1:1", "UTF-16 without a byte-order mark");
}

#[test]
fn utf16_big_endian_without_a_byte_order_mark() {
    bad_catalog("utf16be_no_bom.csv", "1:1", "UTF-16 without a byte-order mark");
}

#[test]
fn utf16_with_a_byte_order_mark_and_a_lone_surrogate() {
    bad_catalog("utf16_bom_lone_surrogate.csv", "2", "invalid UTF-16");
}

#[test]
fn utf32_with_a_byte_order_mark() {
    // Starts like UTF-16 LE's mark, then decodes to NULs.
    bad_catalog("utf32_with_bom.csv", "1:1", "NUL");
}

#[test]
fn xlsx_renamed_csv() {
    bad_catalog("xlsx_renamed.csv", "1:1", "Excel workbook (.xlsx)");
}

#[test]
fn legacy_xls_renamed_csv() {
    bad_catalog("xls_renamed.csv", "1:1", "legacy Excel workbook (.xls)");
}

#[test]
fn pdf_renamed_csv() {
    bad_catalog("pdf_renamed.csv", "1:1", "PDF document");
}

#[test]
fn png_renamed_csv() {
    bad_catalog("png_renamed.csv", "1:1", "binary");
}

#[test]
fn gzip_renamed_csv() {
    bad_catalog("gzip_renamed.csv", "1:1", "binary");
}

#[test]
fn html_saved_as_csv() {
    bad_catalog("html_saved_as_csv.csv", "1:1", "not a CSV file");
}

#[test]
fn program_renamed_csv() {
    bad_catalog("program_renamed.csv", "1:1", "this is a binary file (a program), not a CSV file");
}

#[test]
fn json_saved_as_csv() {
    bad_catalog("json_saved_as_csv.csv", "1:1", "this is a JSON document, not a CSV file");
}

// ------------------------------------------------------------------------------------------
// 5. Alignment lists and other references

#[test]
fn alignment_with_a_double_colon() {
    bad_catalog("alignment_double_colon.csv", "2:22", "malformed alignment \"FS-1.1::M\"");
}

#[test]
fn alignment_with_no_standard() {
    // `"FS-1.1:I; :M"`: the quote is at column 22, `:M` at 33.
    bad_catalog("alignment_no_standard.csv", "2:33", "malformed alignment \":M\"");
}

#[test]
fn alignment_with_an_unknown_depth_letter() {
    // `"FS-1.1:I;FS-7.1:Z"`: the depth letter Z is at column 39.
    bad_catalog("alignment_unknown_depth.csv", "2:39", "unknown depth \"Z\"");
}

#[test]
fn alignment_with_a_trailing_colon() {
    bad_catalog("alignment_trailing_colon.csv", "2:22", "malformed alignment \"FS-1.1:\"");
}

#[test]
fn alignment_with_three_parts() {
    bad_catalog("alignment_three_parts.csv", "2:22", "malformed alignment \"FS-1.1:I:R\"");
}

#[test]
fn alignment_holding_an_excel_error_value() {
    bad_catalog("alignment_excel_errors.csv", "3:31", "unknown standard \"#REF!\"");
}

#[test]
fn alignment_to_an_unknown_standard() {
    bad_catalog("alignment_unknown_standard.csv", "3:42", "unknown standard \"XX-9.9\"");
}

#[test]
fn unknown_pathway() {
    bad_catalog("unknown_pathway.csv", "2:18", "unknown pathway \"Underwater Basket Weaving\"");
}

#[test]
fn unknown_course_level() {
    bad_catalog("unknown_level.csv", "2:20", "unknown level \"7\"");
}

#[test]
fn empty_course_id() {
    bad_catalog("empty_course_id.csv", "3:1", "empty course ID");
}

#[test]
fn duplicate_course_id_in_another_case() {
    bad_catalog("duplicate_course_id.csv", "3:1", "duplicate course ID \"hs101\"");
}

// ------------------------------------------------------------------------------------------
// 6. Alignment files (--alignments)

#[test]
fn alignment_file_naming_an_unknown_course() {
    bad_alignments("alignments_unknown_course.csv", "3:1", "unknown course \"HS999\"");
}

#[test]
fn alignment_file_with_an_unknown_depth() {
    bad_alignments("alignments_bad_depth.csv", "2:14", "unknown depth \"Z\"");
}

#[test]
fn alignment_file_missing_the_standard_header() {
    bad_alignments("alignments_missing_standard_header.csv", "1:1", "missing required column standard");
}

#[test]
fn alignment_file_that_is_a_pdf() {
    bad_alignments("pdf_renamed.csv", "1:1", "PDF document");
}

// ------------------------------------------------------------------------------------------
// 7. Standards YAML (--standards DIR): each replaces one file of the mini set

#[test]
fn yaml_alias_bomb_in_a_framework() {
    // Ten levels of ten aliases (10^10 standards) in a shape the schema accepts: only the
    // parser's budget stops it.
    bad_standards("yaml_alias_bomb_framework.yaml", "aa.yaml", "12:42", "the limit of 1,000,000 YAML nodes");
}

#[test]
fn yaml_alias_bomb_in_the_cluster() {
    // The cluster schema has no nested lists, so the bomb is refused at its first alias.
    bad_standards("yaml_alias_bomb_cluster.yaml", "cluster.yaml", "5:25", "expected string scalar");
}

#[test]
fn yaml_anchor_referencing_itself() {
    bad_standards("yaml_self_reference.yaml", "aa.yaml", "6:37", "Recursive reference");
}

#[test]
fn yaml_anchor_referencing_itself_inside_a_list() {
    bad_standards("yaml_self_reference_in_list.yaml", "aa.yaml", "6:41", "Recursive reference");
}

#[test]
fn yaml_merge_key_referencing_its_own_mapping() {
    bad_standards("yaml_merge_key_cycle.yaml", "aa.yaml", "6:34", "Recursive reference");
}

#[test]
fn yaml_alias_to_an_anchor_that_does_not_exist() {
    bad_standards("yaml_unknown_alias.yaml", "aa.yaml", "5:12", "unknown");
}

#[test]
fn yaml_empty_framework_file() {
    bad_standards("yaml_empty.yaml", "aa.yaml", "1:1", "end of file");
}

#[test]
fn yaml_empty_cluster_file() {
    bad_standards("yaml_empty.yaml", "cluster.yaml", "1:1", "end of file");
}

#[test]
fn yaml_file_that_is_a_plain_scalar() {
    bad_standards("yaml_scalar.yaml", "aa.yaml", "1:1", "expected mapping");
}

#[test]
fn yaml_tab_indentation() {
    bad_standards("yaml_tab_indent.yaml", "aa.yaml", "6:2", "tabs");
}

#[test]
fn yaml_duplicate_key() {
    bad_standards("yaml_duplicate_key.yaml", "aa.yaml", "4:1", "duplicate mapping key `id`");
}

#[test]
fn yaml_two_documents_in_one_file() {
    bad_standards("yaml_two_documents.yaml", "aa.yaml", "7:1", "a second YAML document");
}

#[test]
fn yaml_coverage_depth_that_overflows() {
    bad_standards("yaml_coverage_depth_overflow.yaml", "aa.yaml", "4:17", "invalid u8");
}

/// Not an error: the tag is ignored and the title is the text `/etc/passwd`, never that file.
#[test]
fn yaml_include_tag_is_not_followed() {
    let w = mini_set();
    w.write("set/aa.yaml", corpus("yaml_custom_tag.yaml"));
    let run = w.run(&["--standards", "set", "standards", "--format", "csv"]);
    run.code(0).stdout_has("AA,/etc/passwd,").stdout_lacks("root:");
}

#[test]
fn yaml_children_that_are_not_a_list() {
    bad_standards("yaml_children_not_a_list.yaml", "aa.yaml", "6:37", "expected sequence");
}

#[test]
fn yaml_not_utf8() {
    bad_standards("yaml_not_utf8.yaml", "aa.yaml", "2:1", "not valid UTF-8");
}

#[test]
fn yaml_nul_byte() {
    bad_standards("yaml_nul_byte.yaml", "aa.yaml", "2:13", "unexpected character");
}

#[test]
fn yaml_nested_100000_deep_flow_sequences() {
    let w = mini_set();
    w.write("set/cluster.yaml", "[".repeat(100_000));
    standards_refused(&w, "cluster.yaml", "1:65", "the limit of 64 levels", None);
}

#[test]
fn yaml_nested_100000_deep_standards_tree() {
    // A tree the schema accepts, 100,000 levels of children deep.
    let mut text = String::from("id: AA\ntitle: Alpha\napplies_to: [AA]\ncoverage_depth: 1\nstandards:\n  ");
    for _ in 0..100_000 {
        text.push_str("[{code: \"1\", title: t, children: ");
    }
    text.push_str("[]");
    text.push_str(&"}]".repeat(100_000));
    text.push('\n');
    let w = mini_set();
    w.write("set/aa.yaml", text);
    standards_refused(&w, "aa.yaml", "6:1059", "the limit of 64 levels", None);
}

#[test]
fn yaml_file_of_200_mb() {
    const SIZE: u64 = 200 * 1024 * 1024;
    let w = mini_set();
    // Sparse: a valid framework extended with NULs by set_len. Run under a 256 MB address-space
    // limit, so it must be refused from its size, not read.
    let file = std::fs::OpenOptions::new().write(true).open(w.join("set/aa.yaml")).unwrap();
    file.set_len(SIZE).unwrap();
    drop(file);
    standards_refused(&w, "aa.yaml", "1:1", "limit", Some(256 * 1024));
}

// ------------------------------------------------------------------------------------------
// 8. Big catalogs, generated here

const HEADER: &str = "course_id,title,pathway,level,standards\n";

#[test]
fn field_of_10_mb() {
    let w = Workdir::new();
    let title = "A".repeat(10 * 1024 * 1024);
    w.write("big_field.csv", format!("{HEADER}HS101,{title},TS,1,FS-1.1:M\n"));
    bad_catalog_in(&w, "big_field.csv", "2", "limit");
}

#[test]
fn alignment_item_of_10_mb() {
    let w = Workdir::new();
    let item = "FS".repeat(5 * 1024 * 1024);
    w.write("big_item.csv", format!("{HEADER}HS101,Principles,TS,1,{item}\n"));
    bad_catalog_in(&w, "big_item.csv", "2", "limit");
}

#[test]
fn header_of_100000_columns() {
    let w = Workdir::new();
    let extra: Vec<String> = (0..100_000 - 2).map(|i| format!("c{i}")).collect();
    let values = vec!["x"; 100_000 - 2];
    w.write(
        "wide.csv",
        format!("course_id,title,{}\nHS101,Principles,{}\n", extra.join(","), values.join(",")),
    );
    bad_catalog_in(&w, "wide.csv", "1", "columns");
}

#[test]
fn standards_list_of_100000_entries() {
    let w = Workdir::new();
    let list = vec!["FS-1.1:I"; 100_000].join("; ");
    w.write("long_list.csv", format!("{HEADER}HS101,Principles,TS,1,\"{list}\"\n"));
    bad_catalog_in(&w, "long_list.csv", "2", "limit");
}

#[test]
fn standards_list_of_100000_unknown_entries() {
    let w = Workdir::new();
    let list: Vec<String> = (0..100_000).map(|i| format!("ZZ-{}.{}", i / 100, i % 100)).collect();
    w.write("long_bad_list.csv", format!("{HEADER}HS101,Principles,TS,1,\"{}\"\n", list.join("; ")));
    // Refused by the field-size limit before any entry is looked up.
    bad_catalog_in(&w, "long_bad_list.csv", "2:23", "over the limit of 1048576 bytes per field");
}

#[test]
fn catalog_over_the_size_limit_is_refused_from_its_size() {
    let w = Workdir::new();
    let path = w.write("huge.csv", HEADER);
    std::fs::OpenOptions::new().write(true).open(&path).unwrap().set_len((1 << 30) + 1).unwrap();
    let args = ["gaps", "huge.csv", "-o", "out.csv"];
    refused_with(&w, &args, "huge.csv:1:1:", "limit", Some(256 * 1024));
}

#[test]
fn empty_standard_input() {
    let w = Workdir::new();
    let before = snapshot(&w);
    w.run_stdin(&["gaps", "-", "-o", "out.csv"], Some(b""))
        .code(2)
        .stderr_has("<stdin>:1:1:")
        .stderr_has("empty");
    assert_eq!(snapshot(&w), before);
}

// ------------------------------------------------------------------------------------------
// 9. Paths: symlink loops, directories, outputs that cannot or must not be written

#[cfg(unix)]
#[test]
fn symlink_loop_passed_as_standards() {
    let w = Workdir::new();
    w.write("catalog.csv", CATALOG);
    std::os::unix::fs::symlink("loop", w.join("loop")).unwrap();
    refused(&w, &["--standards", "loop", "gaps", "catalog.csv", "-o", "out.csv"], "loop", "symbolic links");
}

#[cfg(unix)]
#[test]
fn symlink_loop_passed_as_the_catalog() {
    let w = Workdir::new();
    std::os::unix::fs::symlink("loop.csv", w.join("loop.csv")).unwrap();
    refused(&w, &["gaps", "loop.csv", "-o", "out.csv"], "loop.csv", "symbolic links");
}

#[cfg(unix)]
#[test]
fn symlink_loop_as_the_cluster_file() {
    let w = mini_set();
    std::fs::remove_file(w.join("set/cluster.yaml")).unwrap();
    std::os::unix::fs::symlink("cluster.yaml", w.join("set/cluster.yaml")).unwrap();
    let args = ["--standards", "set", "gaps", "catalog.csv", "-o", "out.csv"];
    refused(&w, &args, "set/cluster.yaml", "symbolic links");
}

#[cfg(unix)]
#[test]
fn symlink_loop_as_a_framework_file() {
    let w = mini_set();
    std::os::unix::fs::symlink("extra.yaml", w.join("set/extra.yaml")).unwrap();
    let args = ["--standards", "set", "gaps", "catalog.csv", "-o", "out.csv"];
    refused(&w, &args, "set/extra.yaml", "symbolic links");
}

#[test]
fn catalog_that_is_a_directory() {
    let w = Workdir::new();
    std::fs::create_dir(w.join("catalog.csv")).unwrap();
    refused(&w, &["gaps", "catalog.csv", "-o", "out.csv"], "catalog.csv", "is a directory");
}

#[test]
fn output_in_a_directory_that_does_not_exist() {
    let w = Workdir::new();
    w.write("catalog.csv", CATALOG);
    refused(&w, &["gaps", "catalog.csv", "-o", "nowhere/out.csv"], "nowhere/out.csv: ", "does not exist");
}

#[test]
fn output_path_equal_to_the_input() {
    let w = Workdir::new();
    w.write("catalog.csv", CATALOG);
    refused(&w, &["gaps", "catalog.csv", "-o", "catalog.csv"], "catalog.csv: ", "over an input file");
    assert_eq!(w.read("catalog.csv"), CATALOG);
}

#[cfg(unix)]
#[test]
fn output_path_naming_the_input_another_way() {
    let w = Workdir::new();
    w.write("catalog.csv", CATALOG);
    w.write("sub/keep.txt", "");
    std::os::unix::fs::symlink("catalog.csv", w.join("link.csv")).unwrap();
    for out in ["./catalog.csv", "sub/../catalog.csv", "link.csv"] {
        refused(&w, &["gaps", "catalog.csv", "-o", out], &format!("{out}: "), "over an input file");
    }
    assert_eq!(w.read("catalog.csv"), CATALOG);
}

#[test]
fn output_path_equal_to_an_alignment_file() {
    let w = Workdir::new();
    w.write("catalog.csv", CATALOG);
    let alignments = "course_id,standard,depth\nHS101,FS-2.1,R\n";
    w.write("alignments.csv", alignments);
    let args = ["gaps", "catalog.csv", "--alignments", "alignments.csv", "-o", "alignments.csv"];
    refused(&w, &args, "alignments.csv: ", "over an input file");
    assert_eq!(w.read("alignments.csv"), alignments);
}

#[test]
fn output_path_that_is_a_directory() {
    let w = Workdir::new();
    w.write("catalog.csv", CATALOG);
    w.write("reports/keep.txt", "");
    refused(&w, &["gaps", "catalog.csv", "-o", "reports"], "reports: ", "Is a directory");
}

/// A read-only directory stops a normal user; root writes anyway, so then the test says so and
/// stops (`output_in_an_unwritable_directory_under_proc` covers root).
#[cfg(unix)]
#[test]
fn output_in_a_read_only_directory() {
    use std::os::unix::fs::PermissionsExt;
    let w = Workdir::new();
    w.write("catalog.csv", CATALOG);
    let dir = w.join("locked");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.join("probe");
    if std::fs::write(&probe, "").is_ok() {
        std::fs::remove_file(&probe).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("output_in_a_read_only_directory: skipped, permissions do not stop this user (root)");
        return;
    }
    refused(&w, &["gaps", "catalog.csv", "-o", "locked/out.csv"], "locked/out.csv: ", "cannot create a file");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// /proc refuses new files whoever asks, root included.
#[test]
fn output_in_an_unwritable_directory_under_proc() {
    if !Path::new("/proc/self").is_dir() {
        eprintln!("output_in_an_unwritable_directory_under_proc: skipped, no /proc");
        return;
    }
    let w = Workdir::new();
    w.write("catalog.csv", CATALOG);
    let args = ["gaps", "catalog.csv", "-o", "/proc/cte-align-report.csv"];
    refused(&w, &args, "/proc/cte-align-report.csv: ", "cannot create a file in /proc");
    assert!(!Path::new("/proc/cte-align-report.csv").exists());
}

// ------------------------------------------------------------------------------------------
// 10. The corpus itself

/// Every committed corpus file is used by a test above, and none is big.
#[test]
fn every_corpus_file_is_used_and_small() {
    let source = include_str!("bad_input.rs");
    let dir = repo("tests/bad_inputs");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(source.contains(&format!("\"{name}\"")), "tests/bad_inputs/{name} is not used by any test");
        let len = entry.metadata().unwrap().len();
        assert!(len <= 100 * 1024, "tests/bad_inputs/{name} is {len} bytes; generate big inputs in the test");
        count += 1;
    }
    assert!(count >= 40, "the corpus has {count} files; the issue asks for at least 40");
}
