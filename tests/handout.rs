//! The formats people are handed (issue 18): `report`, `--format html` and `--format xlsx`,
//! and the format inferred from `-o FILE.ext`. The HTML is snapshotted; the workbook is read
//! back with calamine. The browser test (tests/browser/run) renders the page in Chromium.

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::audit_fixture::{mini, mini_catalog};
use crate::util::{Workdir, repo};

/// `report` on the mini fixture as one HTML page, snapshotted whole (the catalog copied in
/// first: the page names it, and the snapshot must not hold this checkout's path).
#[test]
fn report_html_snapshot() {
    let w = Workdir::new();
    w.write("gappy.csv", std::fs::read(mini_catalog("gappy.csv")).unwrap());
    let run = w.run(&["--standards", &mini(), "report", "gappy.csv", "--format", "html"]);
    run.code(1);
    insta::assert_snapshot!("report_html", run.stdout);
}

/// Every command that has a view renders HTML as real tables with column headers.
#[test]
fn gaps_coverage_matrix_render_html_tables() {
    let w = Workdir::new();
    let (standards, catalog) = (mini(), mini_catalog("gappy.csv"));
    for (args, code) in [
        (vec!["gaps", catalog.as_str()], 1),
        (vec!["coverage", catalog.as_str()], 1),
        (vec!["matrix", catalog.as_str(), "--pathway", "AA"], 0),
    ] {
        let mut full = vec!["--standards", standards.as_str()];
        full.extend(args);
        full.extend(["--format", "html"]);
        let run = w.run(&full);
        run.code(code).stdout_has("<!DOCTYPE html>").stdout_has("<th scope=\"col\"").stdout_lacks("http");
    }
}

/// A catalog whose district, title and ID hold markup: every piece is escaped, none runs.
#[test]
fn user_text_is_escaped_in_html() {
    let w = Workdir::new();
    w.write(
        "c.csv",
        "District,Course Number,Course Title,Pathway,Standards\n\
         \"<script>alert(1)</script> & \"\"Co\"\"\",A<b>1,Intro <img src=x onerror=alert(2)>,AA,FS-1:I\n",
    );
    let run = w.run(&["--standards", &mini(), "report", "c.csv", "--format", "html"]);
    run.no_panic();
    run.stdout_lacks("<script>").stdout_lacks("<img").stdout_lacks("<b>1");
    run.stdout_has("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;").stdout_has("A&lt;b&gt;1");
}

/// `-o FILE.html` and `-o FILE.xlsx` choose the format; a `--format` the name contradicts is a
/// usage error that writes nothing.
#[test]
fn format_follows_the_output_extension() {
    let w = Workdir::new();
    let catalog = mini_catalog("gappy.csv");
    w.run(&["--standards", &mini(), "gaps", &catalog, "-o", "g.html"]).code(1);
    assert!(w.read("g.html").starts_with("<!DOCTYPE html>"));
    w.run(&["--standards", &mini(), "gaps", &catalog, "-o", "g.JSON"]).code(1);
    assert!(w.read("g.JSON").contains("\"command\": \"gaps\""));
    w.run(&["--standards", &mini(), "gaps", &catalog, "-o", "h.html", "--format", "csv"])
        .code(2)
        .stderr_has("--format csv contradicts -o h.html");
    assert!(!w.path().join("h.html").exists());
    w.run(&["--standards", &mini(), "gaps", &catalog, "-o", "g.txt"]).code(1);
    assert!(w.read("g.txt").contains("severity"));
}

fn cell(sheet: &calamine::Range<Data>, row: u32, col: u32) -> Data {
    sheet.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

/// The workbook of the mini fixture: its sheets, numbers as numbers, percentages with a
/// percentage format, findings with their severities.
#[test]
fn report_xlsx_reads_back() {
    let w = Workdir::new();
    w.run(&["--standards", &mini(), "report", &mini_catalog("gappy.csv"), "-o", "r.xlsx"]).code(1);
    let mut book: Xlsx<_> = open_workbook(w.join("r.xlsx")).unwrap();
    let names = book.sheet_names();
    assert_eq!(names, ["Summary", "Gaps", "Matrix AA", "Matrix BB", "Standards"].map(String::from).to_vec());

    let summary = book.worksheet_range("Summary").unwrap();
    assert_eq!(cell(&summary, 0, 7), Data::String("coverage".into()));
    assert_eq!(cell(&summary, 1, 2), Data::String("AA".into()));
    assert!(matches!(cell(&summary, 1, 4), Data::Float(_)), "courses is a number");
    let Data::Float(coverage) = cell(&summary, 1, 7) else { panic!("coverage is a number") };
    assert!((0.0..=1.0).contains(&coverage), "coverage is a fraction shown as a percentage");

    let json = w.run(&["--standards", &mini(), "report", &mini_catalog("gappy.csv"), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let first = &json["districts"][0]["pathways"][0];
    assert!((coverage * 100.0 - first["coverage_pct"].as_f64().unwrap()).abs() < 1e-9);

    let gaps = book.worksheet_range("Gaps").unwrap();
    assert_eq!(cell(&gaps, 0, 0), Data::String("severity".into()));
    let total =
        ["error", "warning", "info"].map(|s| json["summary"][s].as_u64().unwrap()).iter().sum::<u64>();
    assert_eq!(gaps.height() as u64, total + 1, "one row per finding under the header");
    assert_eq!(cell(&gaps, 1, 0), Data::String("error".into()));

    let matrix = book.worksheet_range("Matrix AA").unwrap();
    assert_eq!(cell(&matrix, 0, 0), Data::String("standard".into()));
    let standards = book.worksheet_range("Standards").unwrap();
    assert_eq!(cell(&standards, 0, 0), Data::String("standard".into()));
    assert!(standards.height() > 1);
}

/// The percentage cells carry a percentage number format (read from the styles calamine sees).
#[test]
fn xlsx_coverage_has_a_percent_format() {
    let w = Workdir::new();
    w.run(&["--standards", &mini(), "coverage", &mini_catalog("gappy.csv"), "-o", "c.xlsx"]).code(1);
    let mut book: Xlsx<_> = open_workbook(w.join("c.xlsx")).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let header: Vec<Data> = (0..range.width() as u32).map(|c| cell(&range, 0, c)).collect();
    let col = header.iter().position(|h| *h == Data::String("coverage %".into())).unwrap() as u32;
    // calamine reads a number with a percentage format as a float; the format itself is in
    // the styles part: checked by unzipping below.
    assert!(matches!(cell(&range, 1, col), Data::Float(v) if (0.0..=1.0).contains(&v)));
    let styles = unzip_entry(&w.join("c.xlsx"), "xl/styles.xml");
    assert!(styles.contains("0.0%"), "a 0.0% number format: {styles}");
}

fn unzip_entry(path: &std::path::Path, name: &str) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// Text that a spreadsheet would run as a formula stays text, with Excel's quote prefix.
#[test]
fn xlsx_defuses_formulas() {
    let w = Workdir::new();
    w.write("c.csv", "Course Number,Course Title,Pathway,Standards\n=HYPERLINK(1),=1+1,AA,FS-1:I\n");
    w.run(&["--standards", &mini(), "report", "c.csv", "-o", "r.xlsx"]).no_panic();
    let mut book: Xlsx<_> = open_workbook(w.join("r.xlsx")).unwrap();
    let matrix = book.worksheet_range("Matrix AA").unwrap();
    assert_eq!(cell(&matrix, 0, 2), Data::String("=HYPERLINK(1)".into()));
    let sheet = unzip_entry(&w.join("r.xlsx"), "xl/worksheets/sheet3.xml");
    assert!(!sheet.contains("<f>"), "no formula cells: {sheet}");
    let styles = unzip_entry(&w.join("r.xlsx"), "xl/styles.xml");
    assert!(styles.contains("quotePrefix=\"1\""), "{styles}");
}

/// A sheet name is cut to Excel's 31 characters (UTF-16 units); a cut that ends on an
/// apostrophe made a name Excel forbids, and the workbook was not written (found by the
/// `render_xlsx` fuzz target). The apostrophe is dropped; the name stays unique.
#[test]
fn a_sheet_name_cut_on_an_apostrophe_drops_it() {
    let w = Workdir::new();
    // "AA Alpha Services — " is 20 characters, so the cut falls on the district's 11th: `'`.
    w.write(
        "c.csv",
        "District,Course Number,Course Title,Pathway,Level,Standards\n\
         Saint Paul's District,A1,Alpha Two,AA,2,FS-1.1:M\n",
    );
    w.run(&["--standards", &mini(), "matrix", "--pathway", "AA", "c.csv", "-o", "m.xlsx"]).code(0);
    let book: Xlsx<_> = open_workbook(w.join("m.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["AA Alpha Services — Saint Paul"]);
    // A character outside the Basic Multilingual Plane is two UTF-16 units of the 31.
    w.write(
        "e.csv",
        "District,Course Number,Course Title,Pathway,Level,Standards\n\
         \u{1F3EB}\u{1F3EB}\u{1F3EB}\u{1F3EB}\u{1F3EB}\u{1F3EB},A1,Alpha Two,AA,2,FS-1.1:M\n",
    );
    w.run(&["--standards", &mini(), "matrix", "--pathway", "AA", "e.csv", "-o", "e.xlsx"]).code(0);
    let book: Xlsx<_> = open_workbook(w.join("e.xlsx")).unwrap();
    let names = book.sheet_names();
    assert_eq!(names.len(), 1);
    assert!(names[0].encode_utf16().count() <= 31, "{names:?}");
    assert!(names[0].starts_with("AA Alpha Services — \u{1F3EB}"), "{names:?}");
}

/// The workbook is written whole or not at all: a failing run leaves the old file.
#[test]
fn xlsx_is_written_atomically() {
    let w = Workdir::new();
    w.write("r.xlsx", "old");
    w.run(&["--standards", &mini(), "report", "missing.csv", "-o", "r.xlsx"]).code(2);
    assert_eq!(w.read("r.xlsx"), "old");
    let files = w.files();
    assert!(files.iter().all(|f| !f.starts_with(".tmp")), "no temporary file left: {files:?}");
}

/// XLSX to a pipe is fine. (Its refusal on a terminal needs a pseudo-terminal, which this
/// suite has not: tests/browser/run checks it under `script`.)
#[test]
fn xlsx_to_a_pipe_is_a_zip() {
    let w = Workdir::new();
    let run = w.run_shell(&format!(
        "{} --standards {} gaps {} --format xlsx | head -c 2",
        env!("CARGO_BIN_EXE_cte-align"),
        mini(),
        mini_catalog("gappy.csv")
    ));
    run.stdout_has("PK");
}

/// The statewide example: a district index and one collapsed section per district.
#[test]
fn statewide_report_has_an_index() {
    let w = Workdir::new();
    let run = w.run(&["report", &repo("examples/state/statewide.csv"), "--format", "html"]);
    run.no_panic().stdout_has("<nav class=\"index\"").stdout_has("<details class=\"district\" id=\"u0\"");
}

/// Issue 17: a Markdown handout starts with a heading naming the catalog (its file name, not
/// the directories), the districts audited and the standards set with its versions; no date.
#[test]
fn markdown_handouts_start_with_what_was_audited() {
    let w = Workdir::new();
    w.write(
        "two.csv",
        "District,Course Number,Course Title,Pathway,Standards\n\
         Lincoln USD,A1,One,AA,FS-1.1:M\nRoosevelt USD,A1,One,AA,FS-1.1:I\n",
    );
    for (args, title) in [
        (vec!["gaps", "two.csv"], "# Alignment gaps: two.csv\n"),
        (vec!["gaps", "two.csv", "--summary"], "# What to fix first: two.csv\n"),
        (vec!["coverage", "two.csv"], "# Coverage: two.csv\n"),
        (vec!["report", "two.csv"], "# CTE alignment report: two.csv\n"),
    ] {
        let mut full = vec!["--standards", &*mini()].into_iter().map(String::from).collect::<Vec<_>>();
        full.extend(args.iter().map(|s| s.to_string()));
        full.extend(["--format".to_string(), "markdown".to_string()]);
        let run = w.run(&full.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(run.stdout.starts_with(title), "{args:?}: {}", run.stdout);
        run.stdout_has("**Districts:** Lincoln USD and Roosevelt USD · **Standards:** ");
        run.stdout_lacks("2026");
    }
    let html = w.run(&["--standards", &mini(), "report", "two.csv", "--format", "html"]);
    html.stdout_has("Districts: Lincoln USD and Roosevelt USD · Standards: ");
}
