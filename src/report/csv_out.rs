//! The CSV format: RFC 4180, one header row, and cells from user text defused so a
//! spreadsheet never runs them as formulas.

use super::Sheet;

pub fn render(sheet: &Sheet) -> String {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    // Writing to a Vec cannot fail; a failure would only drop rows, never panic. Headers can
    // be user text too (`matrix` names its columns by course ID), so they are defused like text
    // cells; the fixed headers never start with a formula character, so they are unchanged.
    let _ = writer.write_record(sheet.columns.iter().map(|c| defuse(&c.name)));
    for row in &sheet.rows {
        let cells = row
            .iter()
            .zip(&sheet.columns)
            .map(|(cell, col)| if col.numeric { cell.text.clone() } else { defuse(&cell.text) });
        let _ = writer.write_record(cells);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// OWASP CSV injection: a cell that begins with `=`, `+`, `-`, `@`, tab or carriage return is
/// prefixed with `'`, so a spreadsheet shows it as text instead of running it.
pub fn defuse(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Cell, number, text};

    #[test]
    fn defuses_formulas_but_not_numbers() {
        let sheet = Sheet {
            columns: vec![text("title"), number("delta")],
            rows: vec![vec![Cell::from("=HYPERLINK(\"x\")"), Cell::from("-5")]],
            ..Sheet::default()
        };
        assert_eq!(render(&sheet), "title,delta\r\n\"'=HYPERLINK(\"\"x\"\")\",-5\r\n");
    }

    #[test]
    fn defuses_headers_numeric_or_not() {
        let sheet = Sheet { columns: vec![text("=A1"), number("+1")], rows: vec![], ..Sheet::default() };
        assert_eq!(render(&sheet), "'=A1,'+1\r\n");
    }
}
