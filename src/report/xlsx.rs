//! The XLSX format: an Excel workbook, built with
//! [rust_xlsxwriter](https://docs.rs/rust_xlsxwriter). Numbers are number cells (a column
//! whose header ends in `%` holds percentage cells: 85.7 is written as 0.857 shown as
//! `85.7%`), never text. Text is always a string cell, never a formula; text that begins like
//! a formula (`=`, `+`, `-`, `@`, tab, carriage return: as CSV defuses) also gets Excel's quote
//! prefix, so editing the cell keeps it text. Every sheet has a bold, frozen header row and an
//! autofilter.
//!
//! Any view gives one worksheet per sheet; `report` ([`report`]) gives Summary, Gaps (severity
//! colours), one Matrix sheet per pathway (depth by conditional formatting) and Standards.

use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, Format, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::views::{ReportView, finding_json};
use super::{Sheet, Tone};
use crate::audit::Severity;

/// Sheets longer than this are not auto-fitted: fitting reads every cell again.
const AUTOFIT_ROWS: usize = 5_000;

/// Any view's sheets, one worksheet each.
pub fn sheets_workbook(command: &str, sheets: &[Sheet]) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let mut names = Names::default();
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(names.unique(sheet.title.as_deref().unwrap_or(command)))?;
        write_sheet(ws, sheet)?;
    }
    if sheets.is_empty() {
        book.add_worksheet().set_name(names.unique(command))?;
    }
    Ok(book)
}

/// Worksheet names as Excel allows them: at most 31 UTF-16 units, none of `[]:*?/\`, not
/// starting or ending with `'`, and unique (case-insensitively, as Excel and rust_xlsxwriter
/// compare them: `É` and `é` are the same name).
#[derive(Default)]
struct Names(Vec<String>);

/// Excel's limit on a worksheet name, in UTF-16 units.
const SHEET_NAME_UNITS: usize = 31;

impl Names {
    fn unique(&mut self, wanted: &str) -> String {
        let clean: String =
            wanted.chars().map(|c| if "[]:*?/\\".contains(c) || c.is_control() { ' ' } else { c }).collect();
        let base = clean.trim_matches(|c: char| c == '\'' || c.is_whitespace());
        let base = if base.is_empty() { "Sheet" } else { base };
        let mut n = 1;
        loop {
            let suffix = if n == 1 { String::new() } else { format!(" ({n})") };
            // The cut can end on an apostrophe that was inside the name: dropped. Never empty,
            // as the first character (not an apostrophe) is always kept.
            let cut = cut_units(base, SHEET_NAME_UNITS - suffix.len()).trim_end_matches('\'');
            let name = cut.to_string() + &suffix;
            let folded = name.to_lowercase();
            if !self.0.iter().any(|taken| taken.to_lowercase() == folded) {
                self.0.push(name.clone());
                return name;
            }
            n += 1;
        }
    }
}

/// The longest start of `text` of at most `units` UTF-16 units, cut between characters.
fn cut_units(text: &str, units: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += c.len_utf16();
        if used > units {
            return &text[..i];
        }
    }
    text
}

fn header_format() -> Format {
    Format::new().set_bold().set_background_color(Color::RGB(0xF6F8FA)).set_border_bottom(FormatBorder::Thin)
}

fn percent_format() -> Format {
    Format::new().set_num_format("0.0%")
}

/// What CSV defuses: text a spreadsheet would take for a formula.
fn formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Writes user text as a string cell, quote-prefixed when it looks like a formula.
fn write_text(ws: &mut Worksheet, row: u32, col: u16, text: &str, format: &Format) -> Result<(), XlsxError> {
    if formula_like(text) {
        ws.write_string_with_format(row, col, text, &format.clone().set_quote_prefix())?;
    } else {
        ws.write_string_with_format(row, col, text, format)?;
    }
    Ok(())
}

/// [`write_text`] in the default format, given as no format at all: the same cell (format 0),
/// without rust_xlsxwriter hashing a `Format` to find its index for each cell, which was most
/// of the time spent writing the Standards sheet. An empty text is left to `write_text`: with
/// a format it is a blank cell, without one no cell at all.
fn write_plain(ws: &mut Worksheet, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
    if text.is_empty() || formula_like(text) {
        return write_text(ws, row, col, text, &Format::new());
    }
    ws.write_string(row, col, text)?;
    Ok(())
}

/// The header row: bold, frozen, with an autofilter over the `rows` below it.
fn write_header(ws: &mut Worksheet, names: &[&str], rows: usize) -> Result<(), XlsxError> {
    let bold = header_format();
    for (c, name) in names.iter().enumerate() {
        write_text(ws, 0, col(c), name, &bold)?;
    }
    ws.set_freeze_panes(1, 0)?;
    if !names.is_empty() {
        ws.autofilter(0, 0, row(rows), col(names.len() - 1))?;
    }
    Ok(())
}

fn row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn tone_format(tone: Tone) -> Format {
    let color = match tone {
        Tone::Plain => return Format::new(),
        Tone::Error => 0xB42318,
        Tone::Warning => 0x9A6700,
        Tone::Info => 0x0969DA,
        Tone::Good => 0x1A7F37,
    };
    Format::new().set_font_color(Color::RGB(color))
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    let names: Vec<&str> = sheet.columns.iter().map(|c| c.name.as_str()).collect();
    write_header(ws, &names, sheet.rows.len())?;
    let percent = percent_format();
    for (r, cells) in sheet.rows.iter().enumerate() {
        for (c, (cell, column)) in cells.iter().zip(&sheet.columns).enumerate() {
            let (r, c) = (row(r + 1), col(c));
            match cell.text.trim().parse::<f64>() {
                Ok(v) if column.numeric && column.name.ends_with('%') => {
                    ws.write_number_with_format(r, c, v / 100.0, &percent)?;
                }
                Ok(v) if column.numeric => {
                    ws.write_number(r, c, v)?;
                }
                _ if cell.text.is_empty() => {}
                _ if cell.tone == Tone::Plain => write_plain(ws, r, c, &cell.text)?,
                _ => write_text(ws, r, c, &cell.text, &tone_format(cell.tone))?,
            }
        }
    }
    if sheet.rows.len() <= AUTOFIT_ROWS {
        ws.autofit();
    }
    Ok(())
}

/// The `report` workbook.
pub fn report(view: &ReportView) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let mut names = Names::default();
    summary_sheet(book.add_worksheet().set_name(names.unique("Summary"))?, view)?;
    gaps_sheet(book.add_worksheet().set_name(names.unique("Gaps"))?, view)?;
    let set = view.shown.set;
    for (p, pathway) in set.cluster.pathways.iter().enumerate() {
        let rows: Vec<_> = view
            .districts
            .iter()
            .filter_map(|d| d.pathways.iter().find(|r| r.pathway == pathway.id).map(|r| (d, r)))
            .collect();
        if rows.is_empty() {
            continue;
        }
        let ws = book.add_worksheet().set_name(names.unique(&format!("Matrix {}", pathway.id)))?;
        matrix_sheet(ws, view, &rows, set.required(p).len())?;
    }
    standards_sheet(book.add_worksheet().set_name(names.unique("Standards"))?, view)?;
    Ok(book)
}

fn summary_sheet(ws: &mut Worksheet, view: &ReportView) -> Result<(), XlsxError> {
    const COLUMNS: [&str; 16] = [
        "district",
        "school",
        "pathway",
        "pathway title",
        "courses",
        "required",
        "covered",
        "coverage",
        "mastered",
        "mastery",
        "credentials",
        "work-based learning",
        "errors",
        "warnings",
        "info",
        "policy",
    ];
    let rows: Vec<_> = view.districts.iter().flat_map(|d| d.pathways.iter().map(move |p| (d, p))).collect();
    write_header(ws, &COLUMNS, rows.len())?;
    let percent = percent_format();
    let (pass, fail) = (tone_format(Tone::Good), tone_format(Tone::Error));
    for (i, (d, p)) in rows.iter().enumerate() {
        let r = row(i + 1);
        write_plain(ws, r, 0, d.district)?;
        write_plain(ws, r, 1, d.school)?;
        write_plain(ws, r, 2, p.pathway)?;
        write_plain(ws, r, 3, p.pathway_title)?;
        for (c, n) in [(4, p.courses), (5, p.required), (6, p.covered), (8, p.mastered)] {
            ws.write_number(r, c, n as f64)?;
        }
        ws.write_number_with_format(r, 7, p.coverage_pct / 100.0, &percent)?;
        if let Some(m) = p.mastery_pct {
            ws.write_number_with_format(r, 9, m / 100.0, &percent)?;
        }
        write_plain(ws, r, 10, &p.credentials.join(" "))?;
        write_plain(ws, r, 11, &p.work_based_learning.join(", "))?;
        for (c, n) in [(12, p.findings.error), (13, p.findings.warning), (14, p.findings.info)] {
            ws.write_number(r, c, n as f64)?;
        }
        let (word, format) = if p.passed { ("pass", &pass) } else { ("fail", &fail) };
        write_text(ws, r, 15, word, format)?;
    }
    ws.autofit();
    Ok(())
}

fn severity_fill(s: Severity) -> Format {
    let color = match s {
        Severity::Error => 0xFDE2E1,
        Severity::Warning => 0xFFF4CC,
        Severity::Info => 0xDDF4FF,
    };
    Format::new().set_background_color(Color::RGB(color))
}

fn gaps_sheet(ws: &mut Worksheet, view: &ReportView) -> Result<(), XlsxError> {
    const COLUMNS: [&str; 8] =
        ["severity", "code", "district", "school", "pathway", "standard", "course", "message"];
    let findings = &view.shown.all;
    write_header(ws, &COLUMNS, findings.len())?;
    let fills = [Severity::Error, Severity::Warning, Severity::Info].map(|s| (s, severity_fill(s)));
    let plain = Format::new();
    for (i, f) in findings.iter().enumerate() {
        let r = row(i + 1);
        let j = finding_json(f, view.shown.catalog, view.shown.set);
        let fill = fills.iter().find(|(s, _)| *s == f.severity).map_or(&plain, |(_, x)| x);
        write_text(ws, r, 0, &f.severity.to_string(), fill)?;
        let cells = [j.code, j.district, j.school, j.pathway.unwrap_or(""), j.standard.unwrap_or("")];
        for (c, text) in cells.into_iter().enumerate() {
            write_plain(ws, r, col(c + 1), text)?;
        }
        write_plain(ws, r, 6, j.course.unwrap_or(""))?;
        write_plain(ws, r, 7, &j.message.to_string())?;
    }
    if findings.len() <= AUTOFIT_ROWS {
        ws.autofit();
    }
    Ok(())
}

/// Depth as fill colour, lowest lightest: the same scale as the HTML page.
const DEPTH_FILLS: [u32; 4] = [0xDBE9F7, 0x8FB8E3, 0x2F6DB3, 0x163E6E];

/// Colours cells in `(first_row, first_col)..=(last_row, last_col)` by the depth code they
/// hold, and uncovered markers red.
fn depth_formats(ws: &mut Worksheet, view: &ReportView, area: (u32, u16, u32, u16)) -> Result<(), XlsxError> {
    let (r0, c0, r1, c1) = area;
    if r1 < r0 || c1 < c0 {
        return Ok(());
    }
    for (i, d) in view.depth_scale.iter().enumerate() {
        let fill = DEPTH_FILLS[i.min(DEPTH_FILLS.len() - 1)];
        let mut format = Format::new().set_background_color(Color::RGB(fill));
        if i >= 2 {
            format = format.set_font_color(Color::White);
        }
        let rule = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo(d.code))
            .set_format(format);
        ws.add_conditional_format(r0, c0, r1, c1, &rule)?;
    }
    let gap = ConditionalFormatCell::new()
        .set_rule(ConditionalFormatCellRule::EqualTo(UNCOVERED))
        .set_format(severity_fill(Severity::Error).set_font_color(Color::RGB(0xB42318)));
    ws.add_conditional_format(r0, c0, r1, c1, &gap)?;
    Ok(())
}

/// The mark of a required standard no course covers.
const UNCOVERED: &str = "not covered";

/// One pathway: with full matrices, a block per district (courses against standards);
/// otherwise one row per district, one column per required standard (its highest depth).
fn matrix_sheet(
    ws: &mut Worksheet,
    view: &ReportView,
    rows: &[(&super::views::DistrictReport, &super::views::PathwayReport)],
    required: usize,
) -> Result<(), XlsxError> {
    let bold = header_format();
    let mut r: u32 = 0;
    let mut widest = 0;
    if rows.iter().all(|(_, p)| p.matrix.is_some()) {
        for (d, p) in rows {
            let Some(m) = &p.matrix else { continue };
            if view.shown.units {
                write_text(ws, r, 0, &d.label(), &Format::new().set_bold())?;
                r += 1;
            }
            write_text(ws, r, 0, "standard", &bold)?;
            write_text(ws, r, 1, "title", &bold)?;
            for (c, course) in m.courses.iter().enumerate() {
                write_text(ws, r, col(c + 2), course.course, &bold)?;
            }
            let depth_col = col(m.courses.len() + 2);
            write_text(ws, r, depth_col, "depth", &bold)?;
            widest = widest.max(m.courses.len() + 2);
            let first = r + 1;
            for s in &m.standards {
                r += 1;
                write_plain(ws, r, 0, s.standard)?;
                write_plain(ws, r, 1, s.title)?;
                for (c, cell) in s.cells.iter().enumerate() {
                    if let Some(code) = cell {
                        write_plain(ws, r, col(c + 2), code)?;
                    }
                }
                let depth = s.depth.unwrap_or(if s.covered { "x" } else { UNCOVERED });
                write_plain(ws, r, depth_col, depth)?;
            }
            depth_formats(ws, view, (first, 2, r, depth_col))?;
            r += 2;
        }
    } else {
        write_text(ws, 0, 0, "district", &bold)?;
        if let Some((_, p)) = rows.first() {
            for (c, s) in p.standards.iter().enumerate() {
                write_text(ws, 0, col(c + 1), s.standard, &bold)?;
            }
        }
        for (i, (d, p)) in rows.iter().enumerate() {
            r = row(i + 1);
            write_plain(ws, r, 0, &d.label())?;
            for (c, s) in p.standards.iter().enumerate() {
                let depth = s.depth.unwrap_or(if s.covered { "x" } else { UNCOVERED });
                write_plain(ws, r, col(c + 1), depth)?;
            }
        }
        ws.set_freeze_panes(1, 1)?;
        depth_formats(ws, view, (1, 1, r, col(required)))?;
        widest = required + 1;
    }
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, if widest > 0 { 40 } else { 14 })?;
    ws.set_landscape();
    Ok(())
}

/// Every standard of the loaded set, and the pathways that require it.
fn standards_sheet(ws: &mut Worksheet, view: &ReportView) -> Result<(), XlsxError> {
    const COLUMNS: [&str; 6] = ["standard", "framework", "level", "parent", "title", "required by"];
    let set = view.shown.set;
    write_header(ws, &COLUMNS, set.standards.len())?;
    for (i, s) in set.standards.iter().enumerate() {
        let r = row(i + 1);
        let idx = crate::model::StandardIdx::try_from(i).unwrap_or(crate::model::StandardIdx::MAX);
        write_plain(ws, r, 0, &s.id)?;
        write_plain(ws, r, 1, &set.frameworks[s.framework].id)?;
        ws.write_number(r, 2, f64::from(s.depth))?;
        write_plain(ws, r, 3, s.parent.map_or("", |p| set.standard(p).id.as_str()))?;
        write_plain(ws, r, 4, &s.title)?;
        let by: Vec<&str> = (0..set.cluster.pathways.len())
            .filter(|&p| set.required(p).contains(&idx))
            .map(|p| set.cluster.pathways[p].id.as_str())
            .collect();
        write_plain(ws, r, 5, &by.join(" "))?;
    }
    ws.autofit();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Names;

    /// rust_xlsxwriter refuses two names equal but for case, non-ASCII case included.
    #[test]
    fn names_differing_in_case_only_are_made_unique() {
        let mut names = Names::default();
        assert_eq!(names.unique("Matrix É"), "Matrix É");
        assert_eq!(names.unique("Matrix é"), "Matrix é (2)");
        assert_eq!(names.unique("matrix é"), "matrix é (3)");
    }

    /// The cut keeps 31 UTF-16 units with the suffix, and drops an apostrophe it ends on.
    #[test]
    fn a_cut_name_with_a_suffix_stays_within_the_limit() {
        let mut names = Names::default();
        let long = "Abcdefghijklmnopqrstuvwxyz'234'5";
        assert_eq!(names.unique(long), "Abcdefghijklmnopqrstuvwxyz'234");
        assert_eq!(names.unique(long), "Abcdefghijklmnopqrstuvwxyz (2)");
        assert_eq!(names.unique("\u{1F3EB}".repeat(16).as_str()).encode_utf16().count(), 30);
    }
}
