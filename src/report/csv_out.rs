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

/// The header row alone, written to `out` (rows to follow as [`Record`]s): as
/// [`write_header`] writes it.
pub fn write_header_row<W: Write + ?Sized>(out: &mut W, columns: &[Column]) -> io::Result<()> {
    let mut record = Record::default();
    columns.iter().for_each(|c| record.text(&c.name));
    record.end(out)
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

/// A row put together as bytes, field by field, then written whole: what the csv writer
/// writes, for the rows written by the million (a statewide `gaps`), where its per-byte state
/// machine and per-field bookkeeping were a fifth of the run. A field is quoted only when it
/// must be (it holds a comma, a quote or a line end), its quotes doubled, and the row ends
/// with CRLF, as [`writer`] does; a test holds the two to the same bytes.
#[derive(Debug, Default)]
pub struct Record {
    bytes: Vec<u8>,
    fields: usize,
}

impl Record {
    /// A text field, defused.
    pub fn text(&mut self, text: &str) {
        self.field(defuse(text).as_bytes());
    }

    /// A number field: never defused.
    pub fn number(&mut self, number: &str) {
        self.field(number.as_bytes());
    }

    fn field(&mut self, field: &[u8]) {
        if self.fields > 0 {
            self.bytes.push(b',');
        }
        self.fields += 1;
        if !field.iter().any(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n')) {
            self.bytes.extend_from_slice(field);
            return;
        }
        self.bytes.push(b'"');
        for part in field.split_inclusive(|&b| b == b'"') {
            self.bytes.extend_from_slice(part);
            if part.ends_with(b"\"") {
                self.bytes.push(b'"');
            }
        }
        self.bytes.push(b'"');
    }

    /// Ends the row and writes it to `out`; the record is then empty, for the next row. A row
    /// of one empty field is written `""`, as the csv writer tells it from an empty line.
    pub fn end<W: Write + ?Sized>(&mut self, out: &mut W) -> io::Result<()> {
        if self.bytes.is_empty() && self.fields > 0 {
            self.bytes.extend_from_slice(b"\"\"");
        }
        self.bytes.extend_from_slice(b"\r\n");
        let written = out.write_all(&self.bytes);
        self.bytes.clear();
        self.fields = 0;
        written
    }
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
    use proptest::prelude::*;

    proptest! {
        /// A [`Record`] is what the csv writer writes, byte for byte, whatever the fields hold.
        #[test]
        fn a_record_is_what_the_csv_writer_writes(
            rows in (1..5usize).prop_flat_map(|width| proptest::collection::vec(
                proptest::collection::vec(("[a-c,\"\r\n =+@\t'-]{0,6}", any::<bool>()), width),
                0..4,
            ))
        ) {
            let mut by_csv = writer(Vec::new());
            let (mut record, mut by_record) = (Record::default(), Vec::new());
            for row in &rows {
                for (field, numeric) in row {
                    let field = field.as_str();
                    if *numeric {
                        only_io(by_csv.write_field(field.as_bytes())).unwrap();
                        record.number(field);
                    } else {
                        only_io(by_csv.write_field(defuse(field).as_bytes())).unwrap();
                        record.text(field);
                    }
                }
                only_io(by_csv.write_record(std::iter::empty::<&[u8]>())).unwrap();
                record.end(&mut by_record).unwrap();
            }
            let by_csv = by_csv.into_inner().unwrap();
            prop_assert_eq!(String::from_utf8_lossy(&by_record), String::from_utf8_lossy(&by_csv));
        }
    }
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
