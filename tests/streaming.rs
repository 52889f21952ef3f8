//! Issue 13: `gaps` in CSV and JSON writes each unit's findings as the unit is audited,
//! instead of holding every finding. The property: on random statewide files (districts in
//! any order, coming back after others, with schools, bad rows under `--lenient`, and any
//! policy), the streamed output is byte for byte what the in-memory path writes. `--top`
//! with a number above the count leaves nothing out but takes the in-memory path (a
//! selection needs every finding at once), so it is the reference. `coverage` builds its
//! view unit by unit too; the library's whole-audit view is its reference.

use proptest::prelude::*;

use cte_align::audit::{Filter, Listing, Policy, audit, audit_in_parts};
use cte_align::load::catalog::CsvOptions;
use cte_align::load::standards::load_builtin;
use cte_align::pipeline;
use cte_align::report::views::{CoverageParts, CoverageView};
use cte_align::report::{self, Format, Style};

use crate::util::Workdir;

const DISTRICTS: [&str; 6] =
    ["Alder USD", "Birch USD", "Cedar 10 USD", "Cedar 9 USD", "Dogwood", "elm county"];
const SCHOOLS: [&str; 3] = ["", "North High", "South High"];
const PATHWAYS: [&str; 5] = ["TS", "DS", "HI", "SS", "*"];
const STANDARDS: [&str; 12] = [
    "FS-1.1", "FS-2.2", "FS-7.1", "FS-7.1.1", "FS-10.1", "FS-7", "TS-1.1", "TS-3.1", "DS-4.1", "HI-3.2",
    "SS-4.1", "FS-99.9",
];
const DEPTHS: [&str; 4] = ["", ":I", ":R", ":M"];
const POLICIES: [&[&str]; 4] = [
    &[],
    &["--fail-on", "warning"],
    &["--min-coverage", "60", "--min-mastery", "30"],
    &["--fail-on", "info", "--min-coverage", "95"],
];

/// A row: district, school, pathway, level, alignments (standard, depth).
type Row = (usize, usize, usize, Option<u8>, Vec<(usize, usize)>);

fn row() -> impl Strategy<Value = Row> {
    (
        0..DISTRICTS.len(),
        0..SCHOOLS.len(),
        0..PATHWAYS.len(),
        proptest::option::of(1u8..=4),
        proptest::collection::vec((0..STANDARDS.len(), 0..DEPTHS.len()), 0..5),
    )
}

fn statewide(rows: &[Row]) -> String {
    let mut out =
        String::from("District,School,Course Number,Course Title,Pathway,Level,Standards,Credentials,WBL\n");
    for (i, (d, s, p, level, aligns)) in rows.iter().enumerate() {
        let standards: Vec<String> =
            aligns.iter().map(|&(s, d)| format!("{}{}", STANDARDS[s], DEPTHS[d])).collect();
        let level = level.map(|l| l.to_string()).unwrap_or_default();
        let cred = if i % 3 == 0 { "BLS" } else { "" };
        let wbl = if i % 4 == 0 { "clinical" } else { "" };
        // Every seventh course reuses an ID: a duplicate when its unit already has it.
        let id = if i % 7 == 6 { i - 6 } else { i };
        out.push_str(&format!(
            "{},{},C{id},Course {i},{},{level},\"{}\",{cred},{wbl}\n",
            DISTRICTS[*d],
            SCHOOLS[*s],
            PATHWAYS[*p],
            standards.join("; ")
        ));
    }
    out
}

/// `coverage` built unit by unit (what the command does) and from the whole audit at once.
fn coverage_both_ways(text: &str, detail: bool, format: Format) -> (Vec<u8>, Vec<u8>) {
    let set = load_builtin().unwrap();
    let loaded =
        pipeline::load_from(&set, "state.csv", text.as_bytes().to_vec(), [], &CsvOptions::default(), true)
            .unwrap();
    let (catalog, errors) = (&loaded.catalog, loaded.errors());
    let (filter, policy) = (Filter::default(), Policy::default());
    let listing = if detail { Listing::Courses } else { Listing::Summary };
    let style = Style { format, color: false, width: Some(100) };
    let whole = audit(catalog, &set, &filter, &policy, &errors, listing);
    let failures = policy.failures(&whole.findings, &whole.pathways, &set);
    let mut held = Vec::new();
    report::render(&CoverageView::new(&whole, catalog, &set, detail, &failures), style, &mut held).unwrap();
    let mut parts = CoverageParts::new(catalog, &set, detail);
    let done = audit_in_parts(catalog, &set, &filter, &policy, &errors, listing, |p, f| parts.add(p, f));
    assert_eq!(done.failures, failures, "the verdict by parts is the whole audit's");
    assert_eq!(done.pathways, whole.pathways.len());
    let mut streamed = Vec::new();
    report::render(&parts.finish(&done.failures), style, &mut streamed).unwrap();
    (streamed, held)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn coverage_by_unit_is_coverage_of_the_whole(
        rows in proptest::collection::vec(row(), 1..40),
        detail in any::<bool>(),
        format in prop::sample::select(vec![Format::Table, Format::Csv, Format::Json, Format::Markdown]),
    ) {
        let (streamed, held) = coverage_both_ways(&statewide(&rows), detail, format);
        prop_assert!(!held.is_empty());
        prop_assert_eq!(String::from_utf8_lossy(&streamed), String::from_utf8_lossy(&held));
    }

    #[test]
    fn streamed_gaps_are_the_in_memory_gaps(
        rows in proptest::collection::vec(row(), 1..40),
        policy in 0..POLICIES.len(),
        json in any::<bool>(),
    ) {
        let dir = Workdir::new();
        dir.write("state.csv", statewide(&rows));
        let format = if json { "json" } else { "csv" };
        let mut args = vec!["gaps", "state.csv", "--lenient", "--format", format];
        args.extend(POLICIES[policy]);
        let streamed = dir.run(&args);
        args.extend(["--top", "1000000000"]);
        let held = dir.run(&args);
        prop_assert_eq!(&streamed.stdout, &held.stdout);
        prop_assert_eq!(&streamed.stderr, &held.stderr);
        prop_assert_eq!(streamed.code, held.code);
        prop_assert!(streamed.code == 0 || streamed.code == 1 || streamed.code == 2, "{}", streamed.stderr);
    }
}

/// Written to a file, the streamed report is whole and the line on standard error counts
/// every finding, as the in-memory path's does.
#[test]
fn a_streamed_report_file_is_whole() {
    let dir = Workdir::new();
    let rows: Vec<Row> =
        (0..60).map(|i| (i % 6, 0, i % 4, Some((i % 4) as u8 + 1), vec![(i % 11, i % 4)])).collect();
    dir.write("state.csv", statewide(&rows));
    for format in ["csv", "json"] {
        let out = format!("out.{format}");
        let streamed = dir.run(&["gaps", "state.csv", "--lenient", "-o", &out]);
        streamed.code(1).stderr_has(&format!("to {out} ({format})"));
        let written = dir.read(&out);
        let held = dir.run(&["gaps", "state.csv", "--lenient", "--format", format, "--top", "1000000000"]);
        assert_eq!(written, held.stdout);
        let count = if format == "json" {
            let doc: serde_json::Value = serde_json::from_str(&written).unwrap();
            doc["findings"].as_array().unwrap().len()
        } else {
            written.lines().count() - 1
        };
        assert!(count > 20, "{count} findings");
        streamed.stderr_has(&format!("wrote {count} findings to"));
    }
}

/// Regression: JSON whose reader went away (`| head -1`) printed "cannot write to standard
/// output: Broken pipe" and exited 2: the JSON writer's I/O error was wrapped as another kind,
/// so the closed pipe was not recognised. Streamed or held, it now keeps the audit's exit code.
#[test]
fn a_closed_pipe_on_json_keeps_the_exit_code() {
    let w = Workdir::new();
    let mut catalog = String::from("Course Number,Course Title,Pathway,Standards\n");
    (0..5_000).for_each(|i| catalog.push_str(&format!("C{i},Course {i},TS,\n")));
    w.write("many.csv", catalog);
    for extra in [&[][..], &["--top", "1000000000"][..]] {
        let args = [&["gaps", "many.csv", "--format", "json"][..], extra].concat();
        let (first, run) = w.run_closing_after_first_line(&args, crate::util::Stream::Stdout);
        assert_eq!(first, "{\n");
        run.code(1);
        for bad in ["Broken pipe", "error"] {
            assert!(!run.stderr.contains(bad), "stderr has {bad:?}:\n{}", run.stderr);
        }
    }
}

/// A row of a messy statewide file, as raw CSV: what reading unit by unit must read exactly
/// as reading the whole file does. Districts come back after others and are spelled in two
/// cases; some rows are blank, too short, hold a quoted title over two lines, an invisible
/// character in the district, a duplicate or empty ID, another cluster's pathway, an unknown
/// standard.
fn messy_row() -> impl Strategy<Value = String> {
    let district =
        prop::sample::select(vec!["Alder USD", "Birch USD", "ALDER USD", "Cedar 10", "Cedar 9", ""]);
    let school = prop::sample::select(vec!["", "", "North High"]);
    let id = prop::sample::select(vec!["C1", "c1", "C2", "C3", "C10", "", "C4", "C5", "C6"]);
    let title = prop::sample::select(vec!["Anatomy", "\"Care,\nand Cure\"", "\"Say \"\"hi\"\"\"", "Lab"]);
    let pathway = prop::sample::select(vec!["TS", "DS", "HI", "*", "", "Welding"]);
    let standards = prop::sample::select(vec![
        "FS-1.1:I",
        "\"FS-2.2:M; TS-1.1:R\"",
        "FS-99",
        "\"FS-7.1,\nFS-7.2:R\"",
        "TS-3.1:M",
        "",
    ]);
    let shape = prop::sample::select(vec!["row", "row", "row", "row", "blank", "short", "invisible"]);
    (district, school, id, title, pathway, standards, shape).prop_map(
        |(d, s, i, t, p, st, shape)| match shape {
            "blank" => "\n".to_string(),
            "short" => format!("{d},{i}\n"),
            "invisible" => format!("{d}\u{200B},{s},{i},{t},{p},{st}\n"),
            _ => format!("{d},{s},{i},{t},{p},{st}\n"),
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Reading unit by unit, in blocks of any size (down to a few bytes, so that districts,
    /// rows and quoted fields are split across blocks), gives exactly what reading the file
    /// whole gives: the same report, the same problems on standard error, the same exit code.
    #[test]
    fn reading_unit_by_unit_is_reading_whole(
        rows in proptest::collection::vec(messy_row(), 1..60),
        block in prop::sample::select(vec![1usize, 7, 64, 300, 100_000]),
        command in prop::sample::select(vec![
            &["gaps", "--format", "csv"][..],
            &["gaps", "--format", "json", "--lenient"][..],
            &["gaps", "--format", "csv", "--lenient", "--max-errors", "2"][..],
            &["coverage", "--format", "json", "--lenient"][..],
            &["coverage", "--lenient", "--max-errors", "1", "--fail-on", "warning"][..],
            &["coverage", "--district", "Cedar 9"][..],
        ]),
        bom in any::<bool>(),
        odd in prop::sample::select(vec!["", "", "", "crlf", "latin1"]),
    ) {
        let dir = Workdir::new();
        let text = format!("{}District,School,Course Number,Course Title,Pathway,Standards\n{}", if bom { "\u{FEFF}" } else { "" }, rows.concat());
        // What only reading whole handles (Excel's line ends, Windows-1252): the same output.
        let bytes = match odd {
            "crlf" => text.replace('\n', "\r\n").into_bytes(),
            "latin1" if !bom => text.replace("Lab", "Lab\u{e9}").replace('\u{e9}', "\u{1}").into_bytes().into_iter().map(|b| if b == 1 { 0xE9 } else { b }).collect(),
            _ => text.into_bytes(),
        };
        dir.write("state.csv", bytes);
        let mut args = vec![command[0], "state.csv"];
        args.extend(&command[1..]);
        let whole = dir.run(&args);
        let block = block.to_string();
        let by_unit = dir.run_env(&args, &[("CTE_ALIGN_BY_UNIT_FROM", "0"), ("CTE_ALIGN_BLOCK_BYTES", &block)]);
        prop_assert_eq!(&by_unit.stderr, &whole.stderr);
        prop_assert_eq!(&by_unit.stdout, &whole.stdout);
        prop_assert_eq!(by_unit.code, whole.code);
    }
}

/// A file larger than the head the header is read from (1 MiB), with quoted titles over two
/// lines everywhere (one may straddle the head's end or a block's), read unit by unit: the
/// same reports and messages as read whole.
#[test]
fn a_file_past_the_head_reads_unit_by_unit_as_whole() {
    let dir = Workdir::new();
    let mut text = String::from("District,Course Number,Course Title,Pathway,Standards\n");
    let mut i = 0;
    while text.len() < 1_600_000 {
        let district = ["North USD", "South USD", "East USD", "West USD"][(i / 97) % 4];
        let title =
            if i % 5 == 0 { format!("\"Course {i},\nPart {}\"", i % 3) } else { format!("Course {i}") };
        let standards = ["\"FS-1.1:I; TS-1.1:R\"", "FS-99", "\"FS-2.2:M,\nFS-7.1\"", "TS-3.1:M"][i % 4];
        text.push_str(&format!("{district},C{},{title},TS,{standards}\n", i % 2_000));
        i += 1;
    }
    dir.write("state.csv", text);
    for args in [
        &["gaps", "state.csv", "--format", "csv", "--lenient"][..],
        &["coverage", "state.csv", "--format", "json", "--lenient"][..],
    ] {
        let whole = dir.run(args);
        let by_unit =
            dir.run_env(args, &[("CTE_ALIGN_BY_UNIT_FROM", "0"), ("CTE_ALIGN_BLOCK_BYTES", "65536")]);
        assert!(whole.stderr.contains("--lenient left out"), "{}", whole.stderr);
        assert_eq!(by_unit.stderr, whole.stderr);
        // It was read unit by unit: --verbose says so (and only then).
        let verbose = [args, &["--verbose"][..]].concat();
        let told = "state.csv: read one district at a time, in two passes (4 districts)";
        dir.run_env(&verbose, &[("CTE_ALIGN_BY_UNIT_FROM", "0")]).stderr_has(told);
        dir.run(&verbose).stderr_lacks(told);
        assert_eq!(by_unit.stdout, whole.stdout);
        assert_eq!(by_unit.code, whole.code);
    }
}

/// How the catalog is read (a separator, title rows above the header, a column named by hand)
/// holds for reading unit by unit as for reading whole.
#[test]
fn reading_options_hold_unit_by_unit() {
    let dir = Workdir::new();
    let rows: String = (0..40)
        .map(|i| format!("{};C{i};Course {i};TS;FS-1.1:I, TS-1.1:R\n", ["North", "South"][i % 2]))
        .collect();
    dir.write(
        "semi.csv",
        format!("Statewide export\nRun 2026-12-01\nDistrict;Course Number;Title;Pathway;Taught\n{rows}"),
    );
    let cases: [&[&str]; 3] = [
        &["gaps", "semi.csv", "--format", "csv", "--header-row", "3", "--column", "standards=Taught"],
        &[
            "coverage",
            "semi.csv",
            "--format",
            "json",
            "--delimiter",
            ";",
            "--column",
            "standards=Taught",
            "--verbose",
        ],
        &["gaps", "semi.csv", "--format", "json", "--verbose"],
    ];
    for args in cases {
        let whole = dir.run(args);
        let by_unit = dir.run_env(args, &[("CTE_ALIGN_BY_UNIT_FROM", "0"), ("CTE_ALIGN_BLOCK_BYTES", "50")]);
        assert_eq!(by_unit.stdout, whole.stdout, "{args:?}");
        assert_eq!(by_unit.code, whole.code, "{args:?}");
        let told = "semi.csv: read one district at a time, in two passes (2 districts)\n";
        assert_eq!(by_unit.stderr.replace(told, ""), whole.stderr, "{args:?}");
        assert_eq!(by_unit.stderr.contains(told), args.contains(&"--verbose"), "{}", by_unit.stderr);
        assert!(whole.code == 0 || whole.code == 1, "{}", whole.stderr);
    }
}

/// Runs `args` on a file read whole and read unit by unit (blocks of `block` bytes): both give
/// the same output, problems and exit code. Returns the run read unit by unit, for what else
/// a test checks of it.
fn same_both_ways(dir: &Workdir, args: &[&str], block: &str) -> crate::util::Run {
    let whole = dir.run(args);
    let by_unit = dir.run_env(args, &[("CTE_ALIGN_BY_UNIT_FROM", "0"), ("CTE_ALIGN_BLOCK_BYTES", block)]);
    assert_eq!(by_unit.stderr, whole.stderr, "{args:?}");
    assert_eq!(by_unit.stdout, whole.stdout, "{args:?}");
    assert_eq!(by_unit.code, whole.code, "{args:?}: {}", whole.stderr);
    by_unit
}

/// Regression: a district that comes back after another, and reaches its 1,024th course in
/// its second run of rows, made the row reader reserve room for the courses still to come
/// from the bytes its first course of that run took: tens of millions of courses, an abort
/// under a 1 GB address-space limit (as on a small machine).
#[test]
fn a_district_back_past_its_thousandth_course_reads_as_whole() {
    let dir = Workdir::new();
    let mut text = String::from("District,Course Number,Course Title,Pathway,Standards\n");
    let row = |text: &mut String, district: &str, i: usize| {
        text.push_str(&format!("{district},C{i},T,TS,FS-1.1\n"));
    };
    (0..1_023).for_each(|i| row(&mut text, "A", i));
    row(&mut text, "B", 0);
    (1_023..60_000).for_each(|i| row(&mut text, "A", i));
    dir.write("state.csv", text);
    let line = |env: &str| {
        format!("ulimit -v 1048576 || exit 99; export {env}; exec \"$BIN\" gaps state.csv --format csv")
    };
    let whole = dir.run_shell(&line("NONE=1"));
    let by_unit = dir.run_shell(&line("CTE_ALIGN_BY_UNIT_FROM=0"));
    assert_eq!(by_unit.stderr, whole.stderr);
    assert_eq!(by_unit.stdout, whole.stdout);
    assert_eq!((by_unit.code, whole.code), (1, 1), "{}", by_unit.stderr);
}

/// Regression: a file that starts with a UTF-8 byte-order mark and has no line end in its
/// first MiB (the head the header is looked for in) panicked reading unit by unit. (NUL bytes:
/// a file reading whole refuses at once.)
#[test]
fn a_head_with_a_bom_and_no_line_end_reads_as_whole() {
    let dir = Workdir::new();
    let mut bytes = "\u{FEFF}".as_bytes().to_vec();
    bytes.extend(std::iter::repeat_n(0, 1_200_000));
    bytes.extend(b"\nA,C1,T,TS,FS-1.1\n");
    dir.write("state.csv", bytes);
    let by_unit = same_both_ways(&dir, &["gaps", "state.csv", "--format", "csv"], "65536");
    by_unit.code(2).stderr_lacks("panicked");
}

/// Regression: a row that starts with U+FEFF (a byte-order mark pasted into a district's
/// name) where a block or a district's run of rows begins lost it reading unit by unit (a
/// csv reader drops a mark at the start of what it reads), so the run passed where reading
/// whole refuses the invisible character. In the head (the first MiB), then past it.
#[test]
fn a_mark_at_the_start_of_a_row_is_kept_unit_by_unit() {
    let dir = Workdir::new();
    let text = "District,Course Number,Course Title,Pathway,Standards\n\u{FEFF}North,C1,T,TS,FS-1.1\nNorth,C2,T,TS,FS-1.1\n\u{FEFF}South,C3,T,TS,FS-1.1\n";
    dir.write("state.csv", text);
    let mut big = String::from("District,Course Number,Course Title,Pathway,Standards\n");
    for i in 0..60_000 {
        // Past the head: a district's run that starts with the mark, and a row inside a run.
        let mark = if i == 50_000 || i == 55_123 { "\u{FEFF}" } else { "" };
        big.push_str(&format!("{mark}{},C{i},T,TS,FS-1.1\n", ["North", "South"][i / 10_000 % 2]));
    }
    assert!(big.len() > 1 << 20);
    dir.write("big.csv", big);
    for block in ["4096", "65536", "1000000"] {
        for command in ["gaps", "coverage"] {
            let by_unit = same_both_ways(&dir, &[command, "big.csv", "--format", "csv"], block);
            by_unit.code(2).stderr_has("big.csv:50002:1: error: district").stderr_has("big.csv:55125:1:");
        }
    }
    // Read whole, the first row keeps its mark too (the header's look ahead reads it first).
    dir.run(&["validate", "state.csv"])
        .code(2)
        .stderr_has("state.csv:2:1: error: district \"\\u{FEFF}North\"");
    for block in ["1", "20", "65536"] {
        for command in ["gaps", "coverage"] {
            let by_unit = same_both_ways(&dir, &[command, "state.csv", "--format", "csv"], block);
            by_unit.code(2).stderr_has("U+FEFF");
        }
    }
}

/// Regression, as above, for a file read whole in chunks on both cores (from 8 MiB): every
/// row starts with U+FEFF, and every row is refused, the rows where a chunk starts too.
#[test]
fn a_mark_at_the_start_of_a_chunk_is_kept_reading_whole() {
    let dir = Workdir::new();
    let mut text = String::from("District,Course Number,Course Title,Pathway,Standards\n");
    let mut rows = 0;
    while text.len() < 9 << 20 {
        text.push_str(&format!("\u{FEFF}North,C{rows},T,TS,FS-1.1\n"));
        rows += 1;
    }
    dir.write("state.csv", text);
    dir.run(&["validate", "state.csv"]).code(2).stderr_has(&format!("{rows} errors, 0 warnings"));
}

/// A quote never closed in the middle of a large file makes one record of the rest of it;
/// reading unit by unit gives it up for reading whole (same output) once the record spans a
/// few blocks, instead of reading the rest again block after block.
#[test]
fn an_unclosed_quote_mid_file_goes_to_the_whole_read() {
    let dir = Workdir::new();
    let mut text = String::from("District,Course Number,Course Title,Pathway,Standards\n");
    for i in 0..10_000 {
        let title = if i == 2_000 { "\"Open" } else { "T" };
        text.push_str(&format!("{},C{i},{title},TS,FS-1.1\n", ["North", "South"][i / 1_000 % 2]));
    }
    dir.write("state.csv", text);
    let args = ["gaps", "state.csv", "--format", "csv", "--lenient"];
    let by_unit = same_both_ways(&dir, &args, "64");
    assert!(by_unit.stdout.contains("has 3 fields but the header has 5"), "{}", by_unit.stdout);
    told(&dir, &args, "64").stderr_lacks("at a time");
}

/// Runs `args` with `--verbose`, reading unit by unit from 0 bytes in blocks of `block` bytes:
/// standard error says whether the file was read unit by unit.
fn told(dir: &Workdir, args: &[&str], block: &str) -> crate::util::Run {
    let verbose = [args, &["--verbose"][..]].concat();
    dir.run_env(&verbose, &[("CTE_ALIGN_BY_UNIT_FROM", "0"), ("CTE_ALIGN_BLOCK_BYTES", block)])
}

/// Rows whose districts alternate row by row would be read back one row at a time: such a
/// file is read whole (same output), not unit by unit.
#[test]
fn districts_scattered_row_by_row_go_to_the_whole_read() {
    let dir = Workdir::new();
    let mut text = String::from("District,School,Course Number,Course Title,Pathway,Standards\n");
    for i in 0..3_000 {
        text.push_str(&format!("North,{},C{i},T,TS,FS-1.1\n", ["East High", "West High"][i % 2]));
    }
    dir.write("state.csv", text);
    let args = ["coverage", "state.csv", "--format", "csv"];
    same_both_ways(&dir, &args, "4096");
    told(&dir, &args, "4096").stderr_lacks("at a time");
    // Grouped, the same rows are read unit by unit.
    let mut grouped = String::from("District,School,Course Number,Course Title,Pathway,Standards\n");
    for i in 0..3_000 {
        grouped.push_str(&format!("North,{},C{i},T,TS,FS-1.1\n", ["East High", "West High"][i / 1_500]));
    }
    dir.write("state.csv", grouped);
    same_both_ways(&dir, &args, "4096");
    told(&dir, &args, "4096").stderr_has("state.csv: read one school at a time, in two passes (2 schools)");
    // Many small districts, grouped: read unit by unit too (only districts that come back count).
    let mut small = String::from("District,Course Number,Course Title,Pathway,Standards\n");
    for i in 0..3_600 {
        small.push_str(&format!("D{:04},C{i},T,TS,FS-1.1\n", i / 3));
    }
    dir.write("state.csv", small);
    same_both_ways(&dir, &args, "4096");
    told(&dir, &args, "4096")
        .stderr_has("state.csv: read one district at a time, in two passes (1200 districts)");
}
