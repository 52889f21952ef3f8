//! Shared by the renderer targets (`render_table`, `render_csv`, `render_json`,
//! `render_markdown`, `render_html`, `render_xlsx`): catalog bytes -> the load step (lenient,
//! so a catalog with errors is still audited) -> the audit -> every report view (gaps, coverage
//! and `--detail`, report with and without its heat map, each pathway's matrix, the first
//! course), each rendered in the target's one format and handed to its check.

#![allow(dead_code)]

use cte_align::audit::{self, Filter, Listing, Policy, Selection};
use cte_align::load::catalog::CsvOptions;
use cte_align::pipeline;
use cte_align::report::views::{CourseView, CoverageView, GapsView, MatrixView, ReportView};
use cte_align::report::{self, Format, Style};

/// Loads and audits `data` as a catalog, renders every view in `format` and calls
/// `check(output, what)` on each.
pub fn all(data: &[u8], format: Format, check: fn(&[u8], &str)) {
    let set = crate::common::builtin();
    let Ok(loaded) = pipeline::load_from(set, "catalog.csv", data.to_vec(), [], &CsvOptions::default(), true)
    else {
        return;
    };
    let (cat, errors) = (&loaded.catalog, loaded.errors());
    let policy = Policy::default();
    let result = audit::audit(cat, set, &Filter::default(), &policy, &errors, Listing::Courses);
    let failures = policy.failures(&result.findings, &result.pathways, set);
    let passed = failures.is_empty();
    // Vary the table's width and colour with the input, within what the command line allows.
    let width = match data.len() % 3 {
        0 => None,
        n => Some(20 + (data.len() / 3 % 200) as u16 * n as u16),
    };
    let color = format == Format::Table && data.len().is_multiple_of(2);
    let style = Style { format, color, width };
    let one = |view: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>, what: &str| {
        let mut out = Vec::new();
        if let Err(e) = view(&mut out) {
            panic!("{what} --format {}: rendering into memory failed: {e}", format.name());
        }
        check(&out, &format!("{what} --format {} (colour {color})", format.name()));
    };
    one(&|o| report::render(&GapsView::new(&result, cat, set, &failures), style, o), "gaps");
    one(&|o| report::render(&CoverageView::new(&result, cat, set, false, &failures), style, o), "coverage");
    one(
        &|o| report::render(&CoverageView::new(&result, cat, set, true, &failures), style, o),
        "coverage --detail",
    );
    for full in [true, false] {
        one(
            &|o| report::render(&ReportView::new(&result, cat, set, &policy, &Selection::default(), passed, full), style, o),
            "report",
        );
    }
    for pa in &result.pathways {
        one(&|o| report::render(&MatrixView::new(pa, cat, set), style, o), "matrix");
    }
    if !cat.courses.is_empty() {
        let findings: Vec<_> = result.findings.iter().filter(|f| f.course() == Some(0)).collect();
        one(&|o| report::render(&CourseView::new(0, findings.clone(), cat, set), style, o), "course");
    }
}

/// The output as text: every format but XLSX is UTF-8.
pub fn text<'a>(out: &'a [u8], what: &str) -> &'a str {
    match std::str::from_utf8(out) {
        Ok(t) => t,
        Err(e) => panic!("{what}: not UTF-8: {e}"),
    }
}

/// No control character but a line end or a tab, raw: user text is shown escaped
/// (`\u{1B}`). `esc`: the ESC of the table's own colours is allowed.
pub fn no_raw_controls(text: &str, what: &str, esc: bool) {
    if let Some(c) =
        text.chars().find(|&c| c.is_control() && !matches!(c, '\n' | '\t') && !(esc && c == '\u{1b}'))
    {
        panic!("{what}: raw control character U+{:04X} in the output\n{text}", c as u32);
    }
}
