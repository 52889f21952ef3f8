//! The CSV format: RFC 4180, one header row, and cells from user text defused so a
//! spreadsheet never runs them as formulas.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{Cell, Column, Sheet};

pub fn render(sheet: &Sheet, out: &mut dyn Write) -> io::Result<()> {
    render_rows(&sheet.columns, sheet.rows.iter().map(Vec::as_slice), out)
}

/// Writes the header and each row as it comes, so a view with millions of rows (the findings
/// of a statewide file) never holds them all as cells.
pub fn render_rows<R: AsRef<[Cell]>>(
    columns: &[Column],
    rows: impl IntoIterator<Item = R>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut writer = writer(out);
    write_header(&mut writer, columns)?;
    for row in rows {
        write_row(&mut writer, columns, row.as_ref())?;
    }
    writer.flush()
}

/// A CSV writer as every output uses it: RFC 4180, CRLF line ends.
pub fn writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out)
}

/// The header row. Headers can be user text too (`matrix` names its columns by course ID),
/// so they are defused like text cells; the fixed headers never start with a formula
/// character, so they are unchanged.
pub fn write_header<W: Write>(writer: &mut csv::Writer<W>, columns: &[Column]) -> io::Result<()> {
    for c in columns {
        only_io(writer.write_field(defuse(&c.name).as_bytes()))?;
    }
    only_io(writer.write_record(std::iter::empty::<&[u8]>()))
}

/// One row, its text cells defused (copied only when a cell needs its quote prefix: a
/// statewide `gaps` writes millions of rows).
pub fn write_row<W: Write>(writer: &mut csv::Writer<W>, columns: &[Column], row: &[Cell]) -> io::Result<()> {
    for (cell, col) in row.iter().zip(columns) {
        let text = if col.numeric { Cow::Borrowed(cell.text.as_str()) } else { defuse(&cell.text) };
        only_io(writer.write_field(text.as_bytes()))?;
    }
    // No more fields: the record's end (or one empty field for an empty row).
    only_io(writer.write_record(std::iter::empty::<&[u8]>()))
}

/// One text field of a row written field by field, defused.
pub fn write_text<W: Write>(writer: &mut csv::Writer<W>, text: &str) -> io::Result<()> {
    only_io(writer.write_field(defuse(text).as_bytes()))
}

/// One number field of a row written field by field: numbers are never defused (`-3` is a
/// number, not a formula).
pub fn write_number<W: Write>(writer: &mut csv::Writer<W>, number: &str) -> io::Result<()> {
    only_io(writer.write_field(number.as_bytes()))
}

/// Ends a row written field by field.
pub fn end_row<W: Write>(writer: &mut csv::Writer<W>) -> io::Result<()> {
    only_io(writer.write_record(std::iter::empty::<&[u8]>()))
}

/// A write's I/O error; any other (a row of the wrong length) drops the row, as a sheet's
/// rows are all of its width.
fn only_io(result: csv::Result<()>) -> io::Result<()> {
    match result.map_err(csv::Error::into_kind) {
        // The I/O error itself, so that a closed pipe is still seen as one.
        Err(csv::ErrorKind::Io(e)) => Err(e),
        _ => Ok(()),
    }
}

/// OWASP CSV injection: a cell that begins with `=`, `+`, `-`, `@`, tab or carriage return is
/// prefixed with `'`, so a spreadsheet shows it as text instead of running it.
pub fn defuse(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Cell, number, text};

    fn rendered(sheet: &Sheet) -> String {
        let mut out = Vec::new();
        render(sheet, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn defuses_formulas_but_not_numbers() {
        let sheet = Sheet {
            columns: vec![text("title"), number("delta")],
            rows: vec![vec![Cell::from("=HYPERLINK(\"x\")"), Cell::from("-5")]],
            ..Sheet::default()
        };
        assert_eq!(rendered(&sheet), "title,delta\r\n\"'=HYPERLINK(\"\"x\"\")\",-5\r\n");
    }

    #[test]
    fn defuses_headers_numeric_or_not() {
        let sheet = Sheet { columns: vec![text("=A1"), number("+1")], rows: vec![], ..Sheet::default() };
        assert_eq!(rendered(&sheet), "'=A1,'+1\r\n");
    }
}
