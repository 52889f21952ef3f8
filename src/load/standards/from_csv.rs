//! The crosswalk reader: a standards directory's `crosswalks/*.csv` -> the raw model's
//! [crosswalk entries](super::raw::RawCrosswalk), each value with its line and column.
//!
//! A crosswalk file is a table with the header `from,to,relation` and an optional `depth`
//! column, in any order; lines starting with `#` are comments, blank lines are skipped. Only
//! the shape is checked here (the header, the width of each row, the limits); whether the
//! standards exist, the relation and depth are known, and the entries form no cycle is
//! [validation](super::validate)'s, whatever the entries were read from.

use super::Source;
use super::raw::{Located, RawCrosswalk};
use crate::diagnostic::{Diagnostics, Pos, Position};
use crate::suggest::did_you_mean;

/// The largest crosswalk file read: a state's whole framework mapped to NCHSE's is a few
/// thousand rows, well under a megabyte.
pub const MAX_CROSSWALK_BYTES: usize = 16 * 1024 * 1024;
/// Rows of one crosswalk file.
pub const MAX_CROSSWALK_ROWS: usize = 100_000;

/// The folder of a standards directory that holds the crosswalk files.
pub const CROSSWALK_DIR: &str = "crosswalks";

/// The columns, as the header names them.
const COLUMNS: [&str; 4] = ["from", "to", "relation", "depth"];

/// Whether a source of a standards set is a crosswalk file.
pub fn is_crosswalk(name: &str) -> bool {
    std::path::Path::new(name).extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// Reads the entries of one crosswalk file into `out`, with a diagnostic for each problem of
/// its shape; a file whose header is wrong adds none.
pub fn read(src: &Source, out: &mut Vec<RawCrosswalk>, diags: &mut Diagnostics) {
    let file = src.name.as_str();
    if src.text.len() > MAX_CROSSWALK_BYTES {
        let message = format!(
            "the crosswalk file is {} bytes, over the limit of {} MiB; split it into several files",
            src.text.len(),
            MAX_CROSSWALK_BYTES / (1024 * 1024)
        );
        diags.error_at(file, &Position::TOP, message);
        return;
    }
    let text = src.text.strip_prefix('\u{feff}').unwrap_or(&src.text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut columns: Option<[Option<usize>; 4]> = None;
    let mut rows = 0usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line());
                diags.error(file, Pos { line, column: 1 }, format!("cannot read this row as CSV: {e}"));
                return;
            }
        }
        let Some(p) = record.position() else { continue };
        let (line, starts) = field_starts(text, p.byte() as usize, p.line());
        let at = |i: usize| {
            let column = starts.get(i).copied().unwrap_or(1);
            Position::LineColumn { line, column }
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let Some(cols) = columns else {
            match header(&record, &at, file, diags) {
                Some(c) => columns = Some(c),
                None => return,
            }
            continue;
        };
        rows += 1;
        if rows > MAX_CROSSWALK_ROWS {
            let message = format!(
                "the crosswalk file has more than {MAX_CROSSWALK_ROWS} rows, over the limit; split \
                 it into several files"
            );
            diags.error_at(file, &at(0), message);
            return;
        }
        if let Some(entry) = entry(&record, cols, &at, file, diags) {
            out.push(entry);
        }
    }
    if columns.is_none() {
        let message = "the crosswalk file is empty; its first line is the header `from,to,relation,depth`";
        diags.error_at(file, &Position::TOP, message);
    }
}

/// Where each header is: every one of `from`, `to`, `relation` (and `depth`, optional) once,
/// and nothing else.
fn header(
    record: &csv::StringRecord,
    at: &impl Fn(usize) -> Position,
    file: &str,
    diags: &mut Diagnostics,
) -> Option<[Option<usize>; 4]> {
    let mut columns = [None; 4];
    let errors = diags.errors();
    for (i, name) in record.iter().enumerate() {
        let name = name.trim();
        match COLUMNS.iter().position(|c| c.eq_ignore_ascii_case(name)) {
            Some(c) if columns[c].is_some() => {
                diags.error_at(file, &at(i), format!("the header names column \"{name}\" twice; keep one"))
            }
            Some(c) => columns[c] = Some(i),
            None => diags.error_at(
                file,
                &at(i),
                format!(
                    "unknown column \"{name}\" in the crosswalk header (the columns are from, to, \
                     relation and, optionally, depth){}",
                    did_you_mean(name, COLUMNS)
                ),
            ),
        }
    }
    for (c, name) in COLUMNS.iter().enumerate().take(3) {
        if columns[c].is_none() {
            let message = format!(
                "the crosswalk header has no \"{name}\" column; the first line is the header \
                 `from,to,relation,depth` (depth optional)"
            );
            diags.error_at(file, &at(0), message);
        }
    }
    (diags.errors() == errors).then_some(columns)
}

/// One row as an entry; `None` (with a diagnostic) when it is not as wide as the header.
fn entry(
    record: &csv::StringRecord,
    [from, to, relation, depth]: [Option<usize>; 4],
    at: &impl Fn(usize) -> Position,
    file: &str,
    diags: &mut Diagnostics,
) -> Option<RawCrosswalk> {
    let width = [from, to, relation, depth].iter().flatten().count();
    if record.len() != width {
        let message = format!(
            "this row has {} fields but the header has {width}; check for a stray comma or an \
             unclosed quote",
            record.len()
        );
        diags.error_at(file, &at(0), message);
        return None;
    }
    let field = |i: usize| Located::new(record.get(i).unwrap_or("").trim().to_string(), at(i));
    let required = |c: Option<usize>| field(c.unwrap_or(0));
    Some(RawCrosswalk {
        file: file.to_string(),
        from: required(from),
        to: required(to),
        relation: required(relation),
        depth: depth.map(field).filter(|d| !d.value.is_empty()),
        from_case: false,
    })
}

/// The line of the record starting at byte `start` (the csv reader counts blank lines before a
/// record as its own), and the column where each of its fields starts.
fn field_starts(text: &str, start: usize, line: u64) -> (u64, Vec<u64>) {
    let rest = text.get(start..).unwrap_or("");
    let skipped = rest.len() - rest.trim_start_matches(['\n', '\r']).len();
    let line = line + rest[..skipped].matches('\n').count() as u64;
    let mut starts = vec![1u64];
    let (mut quoted, mut column) = (false, 1u64);
    for c in rest[skipped..].chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => starts.push(column + 1),
            _ => {}
        }
        column += 1;
    }
    (line, starts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str) -> (Vec<RawCrosswalk>, Vec<String>) {
        let mut out = Vec::new();
        let mut diags = Diagnostics::default();
        read(&Source { name: "x.csv".into(), text: text.into() }, &mut out, &mut diags);
        diags.sort();
        (out, diags.items.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn fields_carry_their_line_and_column() {
        let (out, errors) = entries("# a comment\nfrom,to,relation,depth\n\nST-1, FS-1.1 ,\"partial\",R\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].to.value, "FS-1.1");
        assert_eq!(out[0].from.at, Position::LineColumn { line: 4, column: 1 });
        assert_eq!(out[0].relation.at, Position::LineColumn { line: 4, column: 15 });
        assert_eq!(
            out[0].depth.as_ref().map(|d| d.at.clone()),
            Some(Position::LineColumn { line: 4, column: 25 })
        );
    }

    #[test]
    fn a_bad_header_is_reported_at_its_column_with_a_suggestion() {
        let (out, errors) = entries("from,to,relatoin\nST-1,FS-1.1,exact\n");
        assert!(out.is_empty());
        assert_eq!(
            errors,
            [
                "x.csv:1:1: error: the crosswalk header has no \"relation\" column; the first line is \
                 the header `from,to,relation,depth` (depth optional)",
                "x.csv:1:9: error: unknown column \"relatoin\" in the crosswalk header (the columns \
                 are from, to, relation and, optionally, depth); did you mean relation?",
            ]
        );
    }
}
