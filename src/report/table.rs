//! The table format: comfy-table, fitted to the terminal (or `--width`), coloured only when
//! the style says so.
//!
//! **Fitting a width.** IDs, codes, numbers and the words of headers are never broken; long
//! text (titles, messages, lists) wraps at spaces. When that is not enough, a table is split
//! into several tables that each fit, each repeating the columns that tell its rows apart (a
//! matrix's standard, a coverage row's district and pathway); a table that has no such columns
//! (findings) is drawn without the spaces inside its cells instead. Widths are counted in
//! terminal columns (`unicode-width`, as comfy-table counts them): a CJK character or an
//! emoji takes two.

use std::borrow::Cow;
use std::io::{self, Write};

use comfy_table::{CellAlignment, Color, ColumnConstraint, Table, Width, presets};
use unicode_width::UnicodeWidthStr;

use super::{Cell, Sheet, Style, Tone};
use crate::text::escape_keeping_lines;

/// The spaces either side of a cell's text.
const PADDING: usize = 1;
/// A word longer than this may be broken: a path in a message must not make a table wider
/// than any terminal.
const LONGEST_WORD: usize = 30;
/// When a table is split, a column of long text is counted at this width (or less, if its
/// text is shorter), so each part leaves it room to be read rather than a word per line.
const READABLE: usize = 20;
/// The most columns repeated in every part of a split table.
const MOST_KEY_COLUMNS: usize = 3;
/// What a row shorter than its sheet's columns shows in the columns it lacks.
static EMPTY: Cell = Cell { text: String::new(), tone: Tone::Plain, indent: 0 };

/// The sheets as tables at the style's width (settled in `settings`: `None` leaves each table
/// as wide as its content), written to `out` a sheet at a time.
pub fn render(sheets: &[Sheet], style: Style, out: &mut dyn Write) -> io::Result<()> {
    let width = style.width.map(usize::from);
    for (i, sheet) in sheets.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        if let Some(title) = &sheet.title {
            out.write_all(wrap(&escape_keeping_lines(title), width).as_bytes())?;
        }
        if !sheet.rows.is_empty() {
            out.write_all(render_sheet(sheet, style, width).as_bytes())?;
        }
        if let Some(note) = &sheet.note {
            out.write_all(wrap(&escape_keeping_lines(note), width).as_bytes())?;
        }
    }
    Ok(())
}

/// A cell's text as the table shows it: indented two spaces a level.
/// Control and invisible characters from the user's text are shown escaped (`\u{1B}`), never
/// sent raw to the terminal.
fn shown(cell: &Cell) -> Cow<'_, str> {
    match cell.indent {
        0 => escape_keeping_lines(&cell.text),
        n => Cow::Owned(format!("{}{}", "  ".repeat(usize::from(n)), escape_keeping_lines(&cell.text))),
    }
}

/// A title or note as lines of at most `width` characters, broken at spaces (a word longer
/// than the width keeps a line of its own), each line ended.
fn wrap(text: &str, width: Option<usize>) -> String {
    let mut out = String::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            if !line.is_empty() && width.is_some_and(|w| chars(&line) + 1 + chars(word) > w) {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            } else if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// One sheet: one table, or several when it is split to fit, a blank line between them.
fn render_sheet(sheet: &Sheet, style: Style, width: Option<usize>) -> String {
    let parts = match width {
        Some(w) => plan(sheet, w),
        None => vec![Part { columns: (0..sheet.columns.len()).collect(), widths: None, padding: PADDING }],
    };
    let tables: Vec<String> = parts.iter().map(|part| draw(sheet, part, style)).collect();
    tables.join("\n\n") + "\n"
}

/// One table of a sheet: which columns, at what text widths (`None`: as wide as their text),
/// with how much padding.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Part {
    columns: Vec<usize>,
    widths: Option<Vec<usize>>,
    padding: usize,
}

fn draw(sheet: &Sheet, part: &Part, style: Style) -> String {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    if style.color {
        // crossterm's own NO_COLOR check is overridden once, where the style is settled.
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table.set_header(part.columns.iter().map(|&c| comfy_table::Cell::new(&sheet.columns[c].name)));
    for row in &sheet.rows {
        table.add_row(part.columns.iter().map(|&c| {
            // A row shorter than the header shows empty cells rather than stopping the run.
            let (cell, column) = (row.get(c).unwrap_or(&EMPTY), &sheet.columns[c]);
            let mut out = comfy_table::Cell::new(shown(cell));
            if column.numeric {
                out = out.set_alignment(CellAlignment::Right);
            }
            match (style.color, tone_color(cell.tone)) {
                (true, Some(color)) => out.fg(color),
                _ => out,
            }
        }));
    }
    let padding = u16::try_from(part.padding).unwrap_or(1);
    for column in table.column_iter_mut() {
        column.set_padding((padding, padding));
    }
    if let Some(widths) = &part.widths {
        // Fixed widths: comfy-table then wraps each cell at spaces to its column's width.
        let fixed = widths.iter().map(|&w| {
            let with_padding = u16::try_from(w + 2 * part.padding).unwrap_or(u16::MAX);
            ColumnConstraint::Absolute(Width::Fixed(with_padding))
        });
        table.set_constraints(fixed);
    }
    table.to_string()
}

fn tone_color(tone: Tone) -> Option<Color> {
    match tone {
        Tone::Plain => None,
        Tone::Error => Some(Color::Red),
        Tone::Warning => Some(Color::Yellow),
        Tone::Info => Some(Color::Cyan),
        Tone::Good => Some(Color::Green),
    }
}

/// How wide each column wants to be (`natural`: its longest line) and the least it can be
/// (`least`: its longest word, header included, words of text capped at [`LONGEST_WORD`]).
struct Measure {
    natural: Vec<usize>,
    least: Vec<usize>,
}

/// The columns `s` takes on a terminal.
fn chars(s: &str) -> usize {
    s.width()
}

fn measure(sheet: &Sheet) -> Measure {
    let n = sheet.columns.len();
    let (mut natural, mut least) = (vec![0; n], vec![0; n]);
    let mut take = |i: usize, text: &str, cap: usize| {
        for line in text.split('\n') {
            natural[i] = natural[i].max(chars(line));
            // comfy-table wraps at spaces only, so a word is what lies between them.
            let longest = line.split(' ').map(chars).max().unwrap_or(0);
            least[i] = least[i].max(longest.min(cap));
        }
    };
    for (i, column) in sheet.columns.iter().enumerate() {
        take(i, &column.name, usize::MAX);
    }
    for row in &sheet.rows {
        for (i, cell) in row.iter().enumerate().take(n) {
            take(i, &shown(cell), LONGEST_WORD);
        }
    }
    Measure { natural, least }
}

/// The characters a table spends beyond its columns' text: a border left of each column and
/// one at the right, and the padding.
fn overhead(columns: usize, padding: usize) -> usize {
    columns * (2 * padding + 1) + 1
}

/// The sheet's parts at `width`: one table if it fits (wrapping long text), else a split, else
/// one table without padding; if even that is too wide, one as narrow as it can be.
fn plan(sheet: &Sheet, width: usize) -> Vec<Part> {
    let m = measure(sheet);
    let all: Vec<usize> = (0..sheet.columns.len()).collect();
    if let Some(widths) = fit(&m, &all, width, PADDING) {
        return vec![Part { columns: all, widths: Some(widths), padding: PADDING }];
    }
    if let Some(parts) = split(sheet, &m, width) {
        return parts;
    }
    let padding = 0;
    let widths = fit(&m, &all, width, padding).unwrap_or_else(|| all.iter().map(|&c| m.least[c]).collect());
    vec![Part { columns: all, widths: Some(widths), padding }]
}

/// Text widths for `columns` within `width`: their natural widths if they fit, else each at
/// least its longest word, the room left going one character at a time to the column that
/// lacks the most. `None` when the longest words alone are too wide.
fn fit(m: &Measure, columns: &[usize], width: usize, padding: usize) -> Option<Vec<usize>> {
    let room = width.checked_sub(overhead(columns.len(), padding))?;
    let natural: Vec<usize> = columns.iter().map(|&c| m.natural[c]).collect();
    if natural.iter().sum::<usize>() <= room {
        return Some(natural);
    }
    let mut widths: Vec<usize> = columns.iter().map(|&c| m.least[c]).collect();
    let mut spare = room.checked_sub(widths.iter().sum())?;
    while spare > 0 {
        let lacking = (0..widths.len()).map(|i| natural[i] - widths[i]).enumerate();
        // The first of the columns that lack the most, so the result is the same every time.
        let Some((i, lack)) = lacking.rev().max_by_key(|&(_, lack)| lack) else { break };
        if lack == 0 {
            break;
        }
        widths[i] += 1;
        spare -= 1;
    }
    Some(widths)
}

/// Splits the columns after the key (the columns that tell rows apart) into as few tables as
/// fit, as even as can be, each repeating the key. `None` when the sheet has no key, or a key
/// and one more column do not fit.
fn split(sheet: &Sheet, m: &Measure, width: usize) -> Option<Vec<Part>> {
    let key = key_columns(sheet)?;
    let rest: Vec<usize> = (key..sheet.columns.len()).collect();
    let readable = |c: usize| {
        if m.natural[c] > m.least[c] { m.natural[c].min(m.least[c].max(READABLE)) } else { m.natural[c] }
    };
    // Greedy packing with each table at most `limit` wide: the number of tables can only fall
    // as the limit rises, so the narrowest limit that needs no more tables evens them out.
    let pack = |limit: usize| -> Option<Vec<Vec<usize>>> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut current: Vec<usize> = (0..key).collect();
        for &c in &rest {
            let mut with = current.clone();
            with.push(c);
            let wide: usize =
                with.iter().map(|&x| readable(x)).sum::<usize>() + overhead(with.len(), PADDING);
            if wide <= limit || current.len() == key {
                current = with;
            } else {
                groups.push(std::mem::replace(&mut current, (0..key).chain([c]).collect()));
            }
        }
        groups.push(current);
        groups.iter().all(|g| fit(m, g, width, PADDING).is_some()).then_some(groups)
    };
    let most = pack(width)?.len();
    let (mut low, mut high) = (overhead(key + 1, PADDING), width);
    while low < high {
        let mid = (low + high) / 2;
        match pack(mid) {
            Some(groups) if groups.len() <= most => high = mid,
            _ => low = mid + 1,
        }
    }
    let groups = pack(high)?;
    let parts = groups.into_iter().map(|columns| {
        let widths = fit(m, &columns, width, PADDING);
        Part { columns, widths, padding: PADDING }
    });
    Some(parts.collect())
}

/// How many leading columns tell every row apart (at most [`MOST_KEY_COLUMNS`], and leaving
/// at least two columns to split); `None` when no such prefix exists.
fn key_columns(sheet: &Sheet) -> Option<usize> {
    let n = sheet.columns.len();
    (1..=MOST_KEY_COLUMNS.min(n.saturating_sub(2))).find(|&k| {
        let mut keys: Vec<Vec<&str>> =
            sheet.rows.iter().map(|r| r.iter().take(k).map(|c| c.text.as_str()).collect()).collect();
        keys.sort_unstable();
        keys.windows(2).all(|w| w[0] != w[1])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Format, number, text};

    fn sheet(columns: &[&str], rows: &[&[&str]]) -> Sheet {
        Sheet {
            columns: columns.iter().map(|&c| if c == "n" { number(c) } else { text(c) }).collect(),
            rows: rows.iter().map(|r| r.iter().map(|&c| Cell::from(c)).collect()).collect(),
            ..Sheet::default()
        }
    }

    fn rendered(sheets: &[Sheet], style: Style) -> String {
        let mut out = Vec::new();
        render(sheets, style, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let s = sheet(&["code", "title"], &[&["HS1", "看護の基礎 看護の基礎 看護の基礎 🩺🩺🩺 看護の基礎"]]);
        let out = rendered(&[s], style(30));
        lines_fit(&out, 30);
    }

    fn lines_fit(out: &str, width: usize) {
        for line in out.lines() {
            assert!(chars(line) <= width, "{} > {width}: {line}\n{out}", chars(line));
        }
    }

    fn style(width: u16) -> Style {
        Style { format: Format::Table, color: false, width: Some(width) }
    }

    #[test]
    fn long_text_wraps_at_spaces_and_codes_stay_whole() {
        let s = sheet(
            &["code", "message"],
            &[&["uncovered-standard", "Environmental Safety: no Diagnostic Services course covers it"]],
        );
        let out = rendered(&[s], style(40));
        lines_fit(&out, 40);
        assert!(out.contains("uncovered-standard"), "{out}");
        assert!(out.contains("Environmental"), "{out}");
    }

    #[test]
    fn a_table_too_wide_is_split_repeating_its_key() {
        let header = ["standard", "title", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"];
        let row: [&str; 10] =
            ["FS-1.1", "Human Anatomy and Physiology", "I", "R", "", "M", "", "I", "R", "M"];
        let other: [&str; 10] = ["FS-1.2", "Diseases and Disorders", "", "", "I", "", "", "", "", "M"];
        let s = sheet(&header, &[&row, &other]);
        let parts = plan(&s, 40);
        assert!(parts.len() > 1, "{parts:?}");
        assert!(parts.iter().all(|p| p.columns[0] == 0), "{parts:?}");
        let out = rendered(&[s], style(40));
        lines_fit(&out, 40);
        assert_eq!(out.matches("FS-1.1").count(), parts.len(), "{out}");
    }

    #[test]
    fn rows_without_a_key_lose_their_padding_instead() {
        let s = sheet(&["a", "b", "c"], &[&["same", "same", "x y z"], &["same", "same", "x y z"]]);
        assert_eq!(key_columns(&s), None);
        let parts = plan(&s, 17);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].padding, 0);
        lines_fit(&rendered(&[s], style(17)), 17);
    }

    /// Bug: `draw` indexed `row[c]`, so a row with fewer cells than the sheet has columns
    /// panicked, where the table renderer before it showed the missing cells empty.
    #[test]
    fn a_short_row_shows_empty_cells_instead_of_panicking() {
        let s = sheet(&["a", "b", "c"], &[&["one", "two", "three"], &["four"]]);
        for width in [None, Some(80), Some(20)] {
            let out = rendered(std::slice::from_ref(&s), Style { width, ..style(20) });
            assert!(out.contains("four") && out.contains("three"), "{out}");
        }
    }

    #[test]
    fn notes_wrap_at_spaces() {
        assert_eq!(wrap("one two three", Some(8)), "one two\nthree\n");
        assert_eq!(wrap("one two three", None), "one two three\n");
        assert_eq!(wrap("a verylongword b", Some(5)), "a\nverylongword\nb\n");
    }

    #[test]
    fn spare_room_goes_to_the_column_that_lacks_most() {
        let m = Measure { natural: vec![5, 40, 10], least: vec![5, 8, 4] };
        assert_eq!(fit(&m, &[0, 1, 2], 5 + 20 + 8 + overhead(3, 1), 1), Some(vec![5, 24, 4]));
        assert_eq!(fit(&m, &[0, 1, 2], 55 + overhead(3, 1), 1), Some(vec![5, 40, 10]));
        assert_eq!(fit(&m, &[0, 1, 2], 60, 1), Some(vec![5, 38, 7]));
        assert_eq!(fit(&m, &[0, 1, 2], 20, 1), None);
    }
}
