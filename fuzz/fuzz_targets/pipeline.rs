//! The whole pipeline from catalog bytes, through the functions the commands call: the load
//! step (`pipeline::load_from`, lenient, so a catalog with errors is still audited), the
//! audit, then one of the gaps view and both coverage views (summary and `--detail`) in one
//! of four formats, the output checked to be well-formed. Which view and format is picked by
//! the input's bytes (their sum): rendering all twelve per input spent most of each run on
//! the renderers, which the render_* targets fuzz; any change to the input can pick another.

#![no_main]

use cte_align::audit::{self, Filter, Listing, Policy};
use cte_align::load::catalog::CsvOptions;
use cte_align::pipeline;
use cte_align::report::views::{CoverageView, GapsView};
use cte_align::report::{self, Format, Style, View};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const FORMATS: [(Format, &str); 4] =
    [(Format::Table, "table"), (Format::Csv, "csv"), (Format::Json, "json"), (Format::Markdown, "markdown")];

/// The output is well-formed for its format.
fn check_output(format: Format, text: &str, what: &str) {
    match format {
        // HTML and XLSX are not rendered here; render_html and render_xlsx check them.
        Format::Table | Format::Html | Format::Xlsx | Format::Case | Format::Github => {}
        Format::Json => {
            if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
                panic!("{what}: JSON output does not parse: {e}\n{text}");
            }
        }
        Format::Csv => {
            let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
            let width = match reader.headers() {
                Ok(h) => h.len(),
                Err(e) => panic!("{what}: CSV header does not parse: {e}\n{text}"),
            };
            for record in reader.records() {
                match record {
                    Ok(r) => assert_eq!(r.len(), width, "{what}: CSV row {r:?} has the wrong width\n{text}"),
                    Err(e) => panic!("{what}: CSV output does not parse: {e}\n{text}"),
                }
            }
        }
        Format::Markdown => {
            // Every line of a table has as many unescaped pipes as the table's first line.
            let mut want = None;
            for line in text.lines() {
                if !line.starts_with('|') {
                    want = None;
                    continue;
                }
                let pipes = line.match_indices('|').filter(|(i, _)| !line[..*i].ends_with('\\')).count();
                match want {
                    None => want = Some(pipes),
                    Some(w) => assert_eq!(
                        pipes, w,
                        "{what}: Markdown row with {pipes} pipes, want {w}: {line:?}\n{text}"
                    ),
                }
            }
        }
    }
}

/// Renders the view in one format, checking the output.
fn render<V: View>(view: &V, command: &str, format: (Format, &str), color: bool, width: Option<u16>) {
    let (format, name) = format;
    let mut out = Vec::new();
    let style = Style { format, color, width };
    if let Err(e) = report::render(view, style, &mut out) {
        panic!("{command} --format {name}: rendering into memory failed: {e}");
    }
    let text = String::from_utf8(out).unwrap_or_else(|e| panic!("{command} --format {name}: not UTF-8: {e}"));
    check_output(format, &text, &format!("{command} --format {name}"));
}

fuzz_target!(|data: &[u8]| {
    let set = common::builtin();
    let Ok(loaded) = pipeline::load_from(set, "catalog.csv", data.to_vec(), [], &CsvOptions::default(), true)
    else {
        return;
    };
    let (cat, errors) = (&loaded.catalog, loaded.errors());
    let policy = Policy::default();
    let result = audit::audit(cat, set, &Filter::default(), &policy, &errors, Listing::Courses);
    let failures = policy.failures(&result.findings, &result.pathways, set);
    // Vary the table's width and colour with the input, within what the command line allows.
    let width = match data.len() % 3 {
        0 => None,
        n => Some(20 + (data.len() / 3 % 200) as u16 * n as u16),
    };
    let color = data.len().is_multiple_of(2);
    let pick = data.iter().fold(0usize, |sum, &b| sum.wrapping_add(b as usize));
    let format = FORMATS[pick % FORMATS.len()];
    match pick / FORMATS.len() % 3 {
        0 => render(&GapsView::new(&result, cat, set, &failures), "gaps", format, color, width),
        n => {
            let (detail, command) = if n == 1 { (false, "coverage") } else { (true, "coverage --detail") };
            render(&CoverageView::new(&result, cat, set, detail, &failures), command, format, color, width);
        }
    }
});
