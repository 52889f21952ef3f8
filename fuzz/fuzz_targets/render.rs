//! Shared by the renderer targets (`render_table`, `render_csv`, `render_json`,
//! `render_markdown`, `render_html`, `render_xlsx`, `render_github`): catalog bytes -> the
//! load step (lenient, so a catalog with errors is still audited) -> the audit -> one report
//! view, rendered in the target's one format and handed to its check.
//!
//! Which view (gaps, the gaps summary, coverage and `--detail`, report with and without its
//! heat map, one pathway's matrix, one course, validate's list) is picked by the input's bytes
//! (their sum), not all of them each time: a whole load and audit per view rendered kept the
//! targets at 2-114 executions a second. Any change to the input can pick another view, so
//! the fuzzer reaches them all; the coverage of each is what keeps an input in the corpus.

#![allow(dead_code)]

use cte_align::audit::{self, Filter, Listing, Policy, Selection};
use cte_align::diagnostic::{Diagnostics, InputError};
use cte_align::load::catalog::CsvOptions;
use cte_align::pipeline;
use cte_align::report::views::{
    CourseView, CoverageView, GapsView, MatrixView, ReportView, SummaryView, ValidateView,
};
use cte_align::report::{self, Format, Style};

/// The views a format can show: every one but GitHub annotations, which only `gaps` and
/// `validate` write.
const VIEWS: [&str; 9] = [
    "gaps",
    "validate",
    "summary",
    "coverage",
    "coverage --detail",
    "report",
    "report --no-heat-map",
    "matrix",
    "course",
];

/// Loads and audits `data` as a catalog, renders one view (picked by the input) in `format`
/// and calls `check(output, what)` on it.
pub fn one(data: &[u8], format: Format, check: fn(&[u8], &str)) {
    let set = crate::common::builtin();
    let pick = data.iter().fold(0usize, |sum, &b| sum.wrapping_add(b as usize));
    let views = if format == Format::Github { 2 } else { VIEWS.len() };
    let what = VIEWS[pick % views];
    let loaded =
        match pipeline::load_from(set, "catalog.csv", data.to_vec(), [], &CsvOptions::default(), true) {
            Ok(loaded) => loaded,
            // A catalog that cannot be read at all still has validate's view: its errors.
            Err(e) => match e.downcast::<InputError>() {
                Ok(input) if what == "validate" => {
                    return validate(&input.0, 0, 0, format, data.len(), check);
                }
                _ => return,
            },
        };
    let (cat, errors) = (&loaded.catalog, loaded.errors());
    if what == "validate" {
        return validate(&loaded.diags, cat.courses.len(), cat.units.len(), format, data.len(), check);
    }
    let policy = Policy::default();
    let result = audit::audit(cat, set, &Filter::default(), &policy, &errors, Listing::Courses);
    let failures = policy.failures(&result.findings, &result.pathways, set);
    let passed = failures.is_empty();
    let render = |view: &dyn Fn(Style, &mut Vec<u8>) -> std::io::Result<()>| {
        render(view, format, data.len(), what, check)
    };
    let none = Selection::default();
    match what {
        "gaps" => render(&|s, o| report::render(&GapsView::new(&result, cat, set, &failures), s, o)),
        "summary" => {
            render(&|s, o| report::render(&SummaryView::new(&result, &none, cat, set, &failures), s, o))
        }
        "coverage" | "coverage --detail" => {
            let detail = what == "coverage --detail";
            render(&|s, o| report::render(&CoverageView::new(&result, cat, set, detail, &failures), s, o))
        }
        "report" | "report --no-heat-map" => {
            let full = what == "report";
            render(&|s, o| {
                report::render(&ReportView::new(&result, cat, set, &policy, &none, passed, full), s, o)
            })
        }
        "matrix" => {
            if let Some(pa) = result.pathways.get(pick / views % result.pathways.len().max(1)) {
                render(&|s, o| report::render(&MatrixView::new(pa, cat, set), s, o));
            }
        }
        _ => {
            if !cat.courses.is_empty() {
                let idx = pick / views % cat.courses.len();
                let findings: Vec<_> = result.findings.iter().filter(|f| f.course() == Some(idx)).collect();
                render(&|s, o| report::render(&CourseView::new(idx, findings.clone(), cat, set), s, o));
            }
        }
    }
}

/// validate's view of what reading found.
fn validate(
    diags: &Diagnostics,
    courses: usize,
    districts: usize,
    format: Format,
    len: usize,
    check: fn(&[u8], &str),
) {
    let view = ValidateView::new("catalog.csv", courses, districts, diags);
    render(&|s, o| report::render(&view, s, o), format, len, "validate", check);
}

/// Renders into memory in `format`, the table's width and colour varied with the input's
/// length within what the command line allows, and checks the output.
fn render(
    view: &dyn Fn(Style, &mut Vec<u8>) -> std::io::Result<()>,
    format: Format,
    len: usize,
    what: &str,
    check: fn(&[u8], &str),
) {
    let width = match len % 3 {
        0 => None,
        n => Some(20 + (len / 3 % 200) as u16 * n as u16),
    };
    let color = format == Format::Table && len.is_multiple_of(2);
    let style = Style { format, color, width };
    let mut out = Vec::new();
    if let Err(e) = view(style, &mut out) {
        panic!("{what} --format {}: rendering into memory failed: {e}", format.name());
    }
    check(&out, &format!("{what} --format {} (colour {color})", format.name()));
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
