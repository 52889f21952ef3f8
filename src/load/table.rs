//! A CSV file as a table of known columns: delimiter detection, header mapping, and the
//! line and column of every field, for messages.

use std::io;
use std::str::FromStr;

use super::columns::{Column, ColumnOverride, closest_header, fold_header, map_headers};
use crate::diagnostic::{Diagnostics, Pos};
use crate::model::{HeaderUse, How, Reading};
use crate::text::escape_invisible as esc;

/// The field separator: detected from the header line, or set with `--delimiter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Delimiter {
    #[default]
    Auto,
    Byte(u8),
}

impl FromStr for Delimiter {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(Delimiter::Auto),
            "," | "comma" => Ok(Delimiter::Byte(b',')),
            ";" | "semicolon" => Ok(Delimiter::Byte(b';')),
            "\t" | "\\t" | "tab" => Ok(Delimiter::Byte(b'\t')),
            "|" | "pipe" => Ok(Delimiter::Byte(b'|')),
            _ => Err(format!("unknown delimiter \"{s}\"; use auto, comma, semicolon, tab or pipe")),
        }
    }
}

/// The separator most used on the header line, outside quotes: `,`, `;` or tab.
fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// The records of a table, read one at a time into one buffer: a statewide file has a
/// million rows, and a record allocated for each costs more than reading it.
///
/// Records may cover only part of the text (a chunk read on another core): `base` is where
/// their part starts, which every position is offset by, and they end at the first record
/// that starts at or after `stop`.
pub struct Records<'a> {
    /// Over a cursor, so that a look ahead can seek back (see [`Records::seek`]).
    reader: csv::Reader<io::Cursor<&'a [u8]>>,
    /// The part of the text these records read.
    text: &'a str,
    delimiter: u8,
    record: csv::StringRecord,
    /// Byte offset and line of the part's start in the whole text.
    base: (u64, u64),
    stop: u64,
}

impl<'a> Records<'a> {
    fn new(text: &'a str, delimiter: u8, base: (u64, u64)) -> Self {
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(io::Cursor::new(text.as_bytes()));
        let record = csv::StringRecord::new();
        Records { reader, text, delimiter, record, base, stop: u64::MAX }
    }

    /// The same reader over another text (`base` as for [`Records::new`]), as a new one would
    /// read it: the csv reader is seeked to the new text's start, which empties its buffer and
    /// resets its parser, so only the parser's tables, built once, are kept. `false` when the
    /// reader cannot be moved (it has no other reason to fail than a failed read; a cursor has
    /// none): then build a new one.
    fn retarget(&mut self, text: &'a str, base: (u64, u64)) -> bool {
        *self.reader.get_mut() = io::Cursor::new(text.as_bytes());
        if self.reader.seek_raw(io::SeekFrom::Start(0), csv::Position::new()).is_err() {
            return false;
        }
        self.text = text;
        self.record.clear();
        self.base = base;
        self.stop = u64::MAX;
        true
    }

    /// Back to `at`, a record's start as the reader gave it, to read again what a look ahead
    /// read: building a reader builds its parser's tables, a fifth of the time spent opening
    /// a small file, so the header's look ahead and the standards column's sample read with
    /// the file's one reader and come back.
    fn seek(&mut self, at: &csv::Position) {
        // The csv reader sets its first record aside before it seeks, and fails only when it
        // has read none and cannot. A new reader read up to `at` is then the same. So it is
        // for a record that starts with U+FEFF: a reader that seeks drops the mark, as at the
        // start of what it reads, where the file's one reader going on would keep it.
        let rest = self.text.as_bytes().get(at.byte() as usize..).unwrap_or_default();
        let mark = at.byte() > 0 && rest.starts_with("\u{FEFF}".as_bytes());
        if !mark && self.reader.seek(at.clone()).is_ok() {
            return;
        }
        let stop = self.stop;
        *self = Records::new(self.text, self.delimiter, self.base);
        while self.reader.position().byte() < at.byte() {
            let before = self.reader.position().byte();
            if self.advance().is_none() || self.reader.position().byte() == before {
                break;
            }
        }
        self.stop = stop;
    }

    /// Lets `look` read ahead, then comes back: the next record read, and the record last
    /// read, are as before.
    fn look_ahead<T>(&mut self, look: impl FnOnce(&mut Records<'a>) -> T) -> T {
        let at = self.reader.position().clone();
        let last = std::mem::take(&mut self.record);
        let out = look(self);
        self.record = last;
        self.seek(&at);
        out
    }

    /// Where the next record starts, in the whole text.
    pub fn next_byte(&self) -> u64 {
        self.base.0 + self.reader.position().byte()
    }

    /// Where the next record starts, in the whole text: byte offset and line (before any blank
    /// lines that precede it).
    pub fn next_place(&self) -> (u64, u64) {
        let p = self.reader.position();
        (self.base.0 + p.byte(), self.base.1 + p.line() - 1)
    }

    /// How many bytes of the text are left after the next record's start, to its end (past
    /// `stop`: the first chunk's courses are joined by the others' in the same list).
    pub fn remaining(&self) -> u64 {
        let end = self.base.0 + self.text.len() as u64;
        end.saturating_sub(self.next_byte())
    }

    /// How many bytes are left after the next record's start, to `stop` or the end of the
    /// text, whichever is first: what a chunk read apart still has to read.
    pub fn remaining_to_stop(&self) -> u64 {
        let end = (self.base.0 + self.text.len() as u64).min(self.stop);
        end.saturating_sub(self.next_byte())
    }

    /// How many bytes of the text these records have read so far.
    pub fn consumed(&self) -> u64 {
        self.reader.position().byte()
    }

    /// How many records (and title rows, and the header) these records have read so far.
    pub fn count(&self) -> u64 {
        self.reader.position().record()
    }

    /// Ends the records at the first one that starts at or after byte `stop` of the text.
    pub fn stop_at(&mut self, stop: u64) {
        self.stop = stop;
    }

    /// Reads the next record into the buffer; `None` at the end of the text or at `stop`.
    fn advance(&mut self) -> Option<Result<(), csv::Error>> {
        if self.next_byte() >= self.stop {
            return None;
        }
        match self.reader.read_record(&mut self.record) {
            Ok(true) => Some(Ok(())),
            Ok(false) => None,
            Err(e) => Some(Err(e)),
        }
    }

    /// The position of a record or error of this part in the whole text. The csv reader puts
    /// a record's start before the blank lines that precede it; a message must name the line
    /// the record is on, so those are skipped (line ends are `\n` alone by now: see
    /// `input::decode`).
    fn place(&self, pos: Option<&csv::Position>) -> (u64, u64) {
        let Some(p) = pos else { return self.base };
        let (mut byte, mut line) = (p.byte(), p.line());
        while self.text.as_bytes().get(byte as usize) == Some(&b'\n') {
            byte += 1;
            line += 1;
        }
        (self.base.0 + byte, self.base.1 + line - 1)
    }
}

/// A row of the table: its fields by column, and where it starts.
pub struct Row<'t> {
    table: &'t Table<'t>,
    record: &'t csv::StringRecord,
    /// Byte offset of the record in the text, and its line.
    byte: u64,
    pub line: u64,
}

/// Column -> field index, looked up on every field of every row: an array, not a map.
#[derive(Debug, Default, Clone)]
struct ColumnMap([Option<usize>; Column::ALL.len()]);

impl ColumnMap {
    fn get(&self, col: Column) -> Option<usize> {
        self.0[col as usize]
    }
}

pub struct Table<'a> {
    pub file: &'a str,
    /// The text, or for a [`Table::over`] view a part of it: bytes `base..` of the whole.
    text: &'a str,
    /// Where `text` starts in the whole text: byte offset and line.
    base: (u64, u64),
    /// The whole text's length: a record ending there is the file's last.
    end: u64,
    delimiter: u8,
    /// Column -> field index.
    columns: ColumnMap,
    header_count: usize,
    /// Byte offset and line of the header row (below any title rows skipped).
    header_at: (u64, u64),
    /// How each header was read, for `validate` and `--verbose`.
    pub reading: Reading,
}

/// A table's header, as its rows need it, without the text: see [`Table::layout`].
#[derive(Debug, Clone)]
pub struct Layout {
    delimiter: u8,
    columns: ColumnMap,
    header_count: usize,
    header_at: (u64, u64),
    /// The whole text's length.
    end: u64,
}

/// What a catalog adds to reading a table: the header's line when given (`--header-row`), and
/// a test of whether a cell holds standard IDs, to find a standards column under a header
/// no usual name matches.
#[derive(Default)]
pub struct Extra<'f> {
    pub header_row: Option<u64>,
    pub holds_standards: Option<&'f dyn Fn(&str) -> bool>,
}

/// Rows looked at for a header below title rows, and for a column's kind of values.
const LOOK_AHEAD: usize = 30;
const SAMPLE: usize = 200;

/// A kind of CSV file: the columns it may have and those it must.
pub struct Schema {
    pub accepted: &'static [Column],
    pub required: &'static [Column],
    /// Whether a `--column` override naming no header of the file is an error. It is for the
    /// catalog, which the flags are written for; an alignment file may simply not have the
    /// header, and its columns are then matched by their usual names.
    pub overrides_must_match: bool,
}

impl<'a> Table<'a> {
    /// Reads the header row and maps it. Reports a missing required column (with the headers
    /// that were found and the closest one) and a column claimed by two headers.
    pub fn open(
        file: &'a str,
        text: &'a str,
        delimiter: Delimiter,
        schema: &Schema,
        overrides: &[ColumnOverride],
        diags: &mut Diagnostics,
    ) -> Option<(Table<'a>, Records<'a>)> {
        Self::open_with(file, text, delimiter, schema, overrides, &Extra::default(), diags)
    }

    /// [`Table::open`], with a catalog's [`Extra`]s.
    pub fn open_with(
        file: &'a str,
        text: &'a str,
        delimiter: Delimiter,
        schema: &Schema,
        overrides: &[ColumnOverride],
        extra: &Extra,
        diags: &mut Diagnostics,
    ) -> Option<(Table<'a>, Records<'a>)> {
        let (accepted, required) = (schema.accepted, schema.required);
        let delimiter = match delimiter {
            Delimiter::Auto => detect_header_delimiter(text, extra.header_row),
            Delimiter::Byte(b) => b,
        };
        let mut records = Records::new(text, delimiter, (0, 1));
        let errors_before = diags.errors();
        let start = records
            .look_ahead(|look| header_start(file, look, schema, overrides, extra.header_row, diags))?;
        for _ in 0..start.unwrap_or(0) {
            let _ = records.advance();
        }
        let headers = read_header(file, &mut records, diags)?;
        let header_at = records.place(records.record.position());
        let overrides: Vec<ColumnOverride> = overrides
            .iter()
            .filter(|o| {
                schema.overrides_must_match
                    || headers.iter().any(|h| fold_header(h) == fold_header(&o.header))
            })
            .cloned()
            .collect();
        let overrides = overrides.as_slice();
        let (mut mapped, dups) = map_headers(&headers, accepted, overrides);
        let table_probe = Table {
            file,
            text,
            base: (0, 1),
            end: text.len() as u64,
            delimiter,
            columns: ColumnMap::default(),
            header_count: headers.len(),
            header_at,
            reading: Reading::default(),
        };
        let detected = match extra.holds_standards {
            Some(test) if accepted.contains(&Column::Standards) => {
                table_probe.detect_standards(&mut records, &headers, &mut mapped, test, diags)
            }
            _ => None,
        };
        table_probe.report_duplicates(&headers, dups, diags);
        let mut columns = ColumnMap::default();
        for (i, c) in mapped.iter().enumerate() {
            if let Some(c) = c {
                columns.0[*c as usize] = Some(i);
            }
        }
        check_columns(file, &headers, &mapped, &columns, accepted, required, overrides, diags);
        warn_near_misses(&table_probe, &headers, &mapped, accepted, diags);
        // Only this file's errors count: others may already be in `diags`.
        if diags.errors() > errors_before {
            return None;
        }
        let reading = Reading {
            header_line: header_at.1,
            detected_below: extra.header_row.is_none() && start.is_some(),
            headers: header_uses(&headers, &mapped, overrides, detected),
            other_clusters: Vec::new(),
            other_cluster_lines: Vec::new(),
        };
        Some((Table { columns, reading, ..table_probe }, records))
    }

    /// Reports each pair of headers that map to the same column, at the second one.
    fn report_duplicates(
        &self,
        headers: &[String],
        dups: Vec<(Column, usize, usize)>,
        diags: &mut Diagnostics,
    ) {
        for (col, first, second) in dups {
            diags.error(
                self.file,
                self.header_pos(second),
                format!(
                    "headers \"{}\" and \"{}\" both mean the {} column; rename or remove one, or pick one with --column {}=\"HEADER\"",
                    esc(&headers[first]), esc(&headers[second]), col.name(), col.name()
                ),
            );
        }
    }

    /// Finds a column whose header no usual name matches but whose cells mostly hold standard
    /// IDs: taken as the standards column when the file has none (a warning names it and the
    /// line that makes it explicit), else only warned of. Without this a "Standards Addressed"
    /// column was silently ignored and every course had no alignments. Returns the index of
    /// a column taken.
    fn detect_standards(
        &self,
        records: &mut Records,
        headers: &[String],
        mapped: &mut [Option<Column>],
        holds_standards: &dyn Fn(&str) -> bool,
        diags: &mut Diagnostics,
    ) -> Option<usize> {
        // Only a column no header names can be found to hold standards: with none, there
        // is no sample to read.
        if mapped.iter().take(headers.len()).all(Option::is_some) {
            return None;
        }
        let (mut filled, mut hits) = (vec![0usize; headers.len()], vec![0usize; headers.len()]);
        records.look_ahead(|sample| {
            for _ in 0..SAMPLE {
                let Some(Ok(())) = sample.advance() else { break };
                for (i, cell) in sample.record.iter().enumerate().take(headers.len()) {
                    if mapped[i].is_none() && !cell.trim().is_empty() {
                        filled[i] += 1;
                        hits[i] += usize::from(holds_standards(cell));
                    }
                }
            }
        });
        let candidates: Vec<usize> =
            (0..headers.len()).filter(|&i| filled[i] > 0 && hits[i] * 5 >= filled[i] * 3).collect();
        let has_standards = mapped.contains(&Some(Column::Standards));
        let mut taken = None;
        for i in candidates {
            let h = esc(&headers[i]);
            let explicit = format!(
                "--column standards=\"{h}\" (or standards = \"{h}\" under [columns] in cte-align.toml)"
            );
            let message = if has_standards || taken.is_some() {
                format!(
                    "header \"{h}\" is ignored, though its cells hold standard IDs; if it is the standards column, say so with {explicit}"
                )
            } else {
                mapped[i] = Some(Column::Standards);
                taken = Some(i);
                format!(
                    "header \"{h}\" is read as the standards column, as its cells hold standard IDs; to say so and silence this, use {explicit}"
                )
            };
            diags.warning(self.file, self.header_pos(i), message);
        }
        taken
    }

    /// The next data row: unreadable records are reported, blank rows and rows of the wrong
    /// width (reported) are skipped.
    pub fn next_row<'t>(&'t self, records: &'t mut Records<'_>, diags: &mut Diagnostics) -> Option<Row<'t>> {
        loop {
            if self.next_record(records, diags)? {
                return Some(Row::new(self, records));
            }
        }
    }

    /// Reads the next record: `Some(true)` when it is a row [`Table::next_row`] returns (then
    /// `Row::new` of the records is it), `Some(false)` when it is skipped (and reported),
    /// `None` at the end. For a reader that only looks for where rows are, one at a time.
    pub fn next_record(&self, records: &mut Records<'_>, diags: &mut Diagnostics) -> Option<bool> {
        let before = records.next_byte();
        match records.advance()? {
            Ok(()) => {
                let row = Row::new(self, records);
                let last = records.next_byte() >= self.end;
                Some(
                    !row.is_blank()
                        && row.check_width(diags)
                        && row.check_field_sizes(diags)
                        && !(last && self.unclosed_quote(row.byte, row.line, diags)),
                )
            }
            Err(e) => {
                let (_, line) = records.place(e.position());
                diags.error(self.file, Pos { line, column: 1 }, csv_error_message(&e));
                // A reader that cannot move on would report the same error for ever.
                (records.next_byte() != before).then_some(false)
            }
        }
    }

    /// The row [`Table::next_record`] just read.
    pub fn row<'t>(&'t self, records: &'t Records<'_>) -> Row<'t> {
        Row::new(self, records)
    }

    /// Records of the rest of the text from byte `start` (the start of a line), to be read on
    /// another core: positions count from the whole text's start, as for any other row.
    pub fn records_from(&self, start: usize) -> Option<Records<'a>> {
        let at = start.checked_sub(self.base.0 as usize)?;
        let rest = self.text.get(at..)?;
        let line = self.base.1 + self.text.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() as u64;
        Some(Records::new(rest, self.delimiter, (start as u64, line)))
    }

    /// What the table's rows need of its header, apart from the text, for a file of `len`
    /// bytes read a part at a time ([`Table::over`]).
    pub fn layout(&self, len: u64) -> Layout {
        Layout {
            delimiter: self.delimiter,
            columns: self.columns.clone(),
            header_count: self.header_count,
            header_at: self.header_at,
            end: len,
        }
    }

    /// The table over a part of the text that starts at a record: `text` is the whole text's
    /// bytes from `base` (byte offset, line) on, to a record's end. Its records and every
    /// position in them are the whole text's, and its last record is the file's last only
    /// when `text` reaches the whole text's end.
    pub fn over<'b>(
        file: &'b str,
        layout: &Layout,
        text: &'b str,
        base: (u64, u64),
    ) -> (Table<'b>, Records<'b>) {
        (Table::view(file, layout, text, base), Records::new(text, layout.delimiter, base))
    }

    /// [`Table::over`], its records read by the reader in `records` when there is one (see
    /// [`Records::retarget`]): a statewide file's districts, each read as a part of its own,
    /// built a reader apiece, and building one took a sixth of the run.
    pub fn over_reusing<'b, 'r>(
        file: &'b str,
        layout: &Layout,
        text: &'b str,
        base: (u64, u64),
        records: &'r mut Option<Records<'b>>,
    ) -> (Table<'b>, &'r mut Records<'b>) {
        let new = || Records::new(text, layout.delimiter, base);
        let reader = match records.take() {
            Some(mut kept) if kept.delimiter == layout.delimiter => {
                if kept.retarget(text, base) {
                    kept
                } else {
                    new()
                }
            }
            _ => new(),
        };
        (Table::view(file, layout, text, base), records.insert(reader))
    }

    fn view<'b>(file: &'b str, layout: &Layout, text: &'b str, base: (u64, u64)) -> Table<'b> {
        Table {
            file,
            text,
            base,
            end: layout.end,
            delimiter: layout.delimiter,
            columns: layout.columns.clone(),
            header_count: layout.header_count,
            header_at: layout.header_at,
            reading: Reading::default(),
        }
    }

    /// The part of the text from byte `byte` of the whole text on.
    fn text_from(&self, byte: u64) -> &'a str {
        byte.checked_sub(self.base.0).and_then(|at| self.text.get(at as usize..)).unwrap_or("")
    }

    /// Where column `col` of the record at byte `byte` on `line` starts.
    pub fn column_pos(&self, byte: u64, line: u64, col: Column) -> Pos {
        match self.columns.get(col) {
            Some(i) => self.field_pos(byte, line, i).0,
            None => Pos { line, column: 1 },
        }
    }

    /// Reports a quote opened in the record at `byte` on `line` and never closed. The csv
    /// reader takes everything after such a quote, to the end of the file, as one field: when
    /// it is in the last column the row even has the right width, and every row after it
    /// would silently vanish. Only the file's last record can hold one, so only it is scanned.
    fn unclosed_quote(&self, byte: u64, line: u64, diags: &mut Diagnostics) -> bool {
        let rest = self.text_from(byte);
        let (mut pos, mut opened) = (Pos { line, column: 1 }, None);
        let (mut field_start, mut chars) = (true, rest.chars().peekable());
        while let Some(c) = chars.next() {
            match (opened, c) {
                (None, '"') if field_start => opened = Some(pos),
                (Some(_), '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    pos.column += 1;
                }
                (Some(_), '"') => opened = None,
                _ => {}
            }
            field_start = opened.is_none() && (c == '\n' || c as u32 == self.delimiter as u32);
            if c == '\n' {
                pos = Pos { line: pos.line + 1, column: 1 };
            } else {
                pos.column += 1;
            }
        }
        let Some(at) = opened else { return false };
        let lines = pos.line - at.line;
        diags.error(
            self.file,
            at,
            format!(
                "this quote is never closed, so the rest of the file ({lines} line{} from here) would be read as one field; close it with \" (a quote inside a quoted field is written \"\")",
                if lines == 1 { "" } else { "s" }
            ),
        );
        true
    }

    /// Where header `index` starts.
    fn header_pos(&self, index: usize) -> Pos {
        self.field_pos(self.header_at.0, self.header_at.1, index).0
    }

    /// Line and column of field `index` of the record starting at byte `byte` on `line`,
    /// found by scanning the raw text: only done when a message needs it. Also tells whether
    /// the field is quoted.
    fn field_pos(&self, byte: u64, line: u64, index: usize) -> (Pos, bool) {
        let rest = self.text_from(byte);
        let (mut pos, mut field, mut quoted) = (Pos { line, column: 1 }, 0, false);
        // As the csv reader reads: a quote opens a quoted part only at a field's start (or
        // right after one that closed it: `""`); elsewhere it is a character of the field.
        let (mut field_start, mut just_closed) = (true, false);
        for (at, c) in rest.char_indices() {
            if field == index {
                // Spaces before an opening quote are trimmed like the field itself.
                return (pos, rest[at..].trim_start_matches(' ').starts_with('"'));
            }
            let (opens, closed) = (field_start || just_closed, quoted);
            (field_start, just_closed) = (false, false);
            match c {
                '"' if closed => (quoted, just_closed) = (false, true),
                '"' if opens => quoted = true,
                '\n' if !quoted => break,
                c if c as u32 == self.delimiter as u32 && !quoted => {
                    field += 1;
                    field_start = true;
                }
                _ => {}
            }
            if c == '\n' {
                pos = Pos { line: pos.line + 1, column: 1 };
            } else {
                pos.column += 1;
            }
        }
        (pos, false)
    }
}

/// The separator, detected from the header's line when it is given (`--header-row`): a title
/// line above it may hold no separator at all.
fn detect_header_delimiter(text: &str, header_row: Option<u64>) -> u8 {
    let skip = header_row.map_or(0, |n| n.saturating_sub(1) as usize);
    let at = text.split_inclusive('\n').take(skip).map(str::len).sum::<usize>();
    let from_header = detect_delimiter(text.get(at..).unwrap_or(text));
    if header_row.is_some() {
        return from_header;
    }
    // A title line above the header ("Course Catalog 2025-26") has none of the separators:
    // the first line that has one decides.
    let line = text.lines().take(LOOK_AHEAD).find(|l| l.contains([',', ';', '\t']));
    line.map_or(from_header, detect_delimiter)
}

/// Where the header row starts, when it is not simply the first row that is not blank: the
/// line `--header-row` names, or a row further down that holds every required column when
/// the first row holds none of them (a report title, a date, a blank line above the header,
/// as SIS exports write). `Some((byte, line))` to start there; `None` for the first row; an
/// error (reported, `None`) for a `--header-row` past the end. The start is given as the
/// number of records before the header's, which the caller's reader skips: `look` is that
/// reader, reading ahead ([`Records::look_ahead`]).
fn header_start(
    file: &str,
    look: &mut Records,
    schema: &Schema,
    overrides: &[ColumnOverride],
    header_row: Option<u64>,
    diags: &mut Diagnostics,
) -> Option<Option<usize>> {
    let mut first: Option<bool> = None;
    for k in 0..LOOK_AHEAD.max(header_row.unwrap_or(0) as usize) {
        let Some(Ok(())) = look.advance() else { break };
        let (_, line) = look.place(look.record.position());
        if let Some(n) = header_row {
            if line >= n {
                return Some(Some(k).filter(|&k| k > 0));
            }
            continue;
        }
        if look.record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let headers: Vec<String> = look.record.iter().map(|f| f.trim().to_string()).collect();
        let (mapped, _) = map_headers(&headers, schema.accepted, overrides);
        let complete = schema.required.iter().all(|c| mapped.contains(&Some(*c)));
        match first {
            None if complete => return Some(None),
            None => first = Some(mapped.iter().any(Option::is_some)),
            // The first row named some columns: it is the header, however incomplete.
            Some(true) => return Some(None),
            Some(false) if complete => return Some(Some(k)),
            Some(false) => {}
        }
    }
    if let Some(n) = header_row {
        let message = format!(
            "--header-row {n}: the file has no row on line {n} or below; give the line of the header row"
        );
        diags.error(file, Pos { line: 1, column: 1 }, message);
        return None;
    }
    Some(None)
}

/// The header row: the first row that is not blank, trimmed; `None` (reported) when the file
/// has none or it cannot be read, or it has more columns than the limit.
fn read_header(file: &str, records: &mut Records<'_>, diags: &mut Diagnostics) -> Option<Vec<String>> {
    let headers: Vec<String> = loop {
        match records.advance() {
            None => {
                let message = "the file is empty; a catalog needs a header row and one row per course";
                diags.error(file, Pos { line: 1, column: 1 }, message);
                return None;
            }
            Some(Err(e)) => {
                diags.error(file, csv_error_pos(&e), csv_error_message(&e));
                return None;
            }
            Some(Ok(())) if records.record.iter().all(|f| f.trim().is_empty()) => continue,
            Some(Ok(())) => break records.record.iter().map(|f| f.trim().to_string()).collect(),
        }
    };
    if headers.len() > super::limits::MAX_COLUMNS {
        let message = format!(
            "the header has {} columns, over the limit of {}; is this the right file and separator?",
            headers.len(),
            super::limits::MAX_COLUMNS
        );
        diags.error(file, Pos { line: 1, column: 1 }, message);
        return None;
    }
    Some(headers)
}

/// Warns of an ignored header that looks like a misspelling of a column the file lacks
/// ("Pathway Nme"): otherwise the column's data is silently dropped.
fn warn_near_misses(
    table: &Table,
    headers: &[String],
    mapped: &[Option<Column>],
    accepted: &[Column],
    diags: &mut Diagnostics,
) {
    let missing = accepted.iter().copied().filter(|c| !mapped.contains(&Some(*c)));
    for col in missing {
        let unmapped = headers.iter().zip(mapped).filter(|(_, m)| m.is_none()).map(|(h, _)| h.as_str());
        let Some(h) = super::columns::near_miss(col, unmapped) else { continue };
        let Some(i) = headers.iter().position(|x| x == h) else { continue };
        let (name, h) = (col.name(), esc(h));
        diags.warning(
            table.file,
            table.header_pos(i),
            format!(
                "header \"{h}\" is ignored; if it holds the {name} column, run with --column {name}=\"{h}\""
            ),
        );
    }
}

/// Reports `--column` overrides naming no header, and required columns that are missing (with
/// the headers found and the closest one).
#[allow(clippy::too_many_arguments)]
fn check_columns(
    file: &str,
    headers: &[String],
    mapped: &[Option<Column>],
    columns: &ColumnMap,
    accepted: &[Column],
    required: &[Column],
    overrides: &[ColumnOverride],
    diags: &mut Diagnostics,
) {
    let top = Pos { line: 1, column: 1 };
    for o in overrides.iter().filter(|o| accepted.contains(&o.column)) {
        if !headers.iter().any(|h| fold_header(h) == fold_header(&o.header)) {
            let (name, header) = (o.column.name(), &o.header);
            let found = quoted_list(headers);
            diags.error(
                file,
                top,
                format!("--column {name}=\"{header}\": no header \"{header}\" in this file (found: {found})"),
            );
        }
    }
    for &col in required.iter().filter(|&&c| columns.get(c).is_none()) {
        let unmapped = headers.iter().zip(mapped).filter(|(_, m)| m.is_none()).map(|(h, _)| h.as_str());
        let name = col.name();
        let closest = closest_header(col, unmapped)
            .map(|h| format!("; if \"{0}\" holds it, run with --column {name}=\"{0}\"", esc(h)))
            .unwrap_or_else(|| format!("; name the header with --column {name}=\"HEADER\""));
        let found = quoted_list(headers);
        diags.error(file, top, format!("missing required column {name} (found headers: {found}){closest}"));
    }
}

impl<'t> Row<'t> {
    fn new(table: &'t Table<'t>, records: &'t Records<'_>) -> Self {
        let (byte, line) = records.place(records.record.position());
        Row { table, record: &records.record, byte, line }
    }

    /// The file the row is from, for messages.
    pub fn file(&self) -> &'t str {
        self.table.file
    }

    /// The trimmed text of a column, empty when the file has no such column.
    pub fn get(&self, col: Column) -> &'t str {
        let field = self.table.columns.get(col).and_then(|i| self.record.get(i)).unwrap_or("");
        // Trimmed here rather than by the csv reader, whose trimming drops positions.
        super::refs::trim(field)
    }

    /// Where a column's field starts; the row's start when the file has no such column.
    pub fn pos(&self, col: Column) -> Pos {
        self.table.column_pos(self.byte, self.line, col)
    }

    /// Byte offset of the row in the text.
    pub fn byte(&self) -> u64 {
        self.byte
    }

    /// Where the text `offset` bytes into a column's field starts (for one item of a list).
    pub fn pos_within(&self, col: Column, offset: usize) -> Pos {
        let Some(i) = self.table.columns.get(col) else {
            return Pos { line: self.line, column: 1 };
        };
        let (start, quoted) = self.table.field_pos(self.byte, self.line, i);
        let field = self.get(col);
        // A quoted field's text starts one column after its quote; `offset` counts from the
        // trimmed text, after any spaces the field starts with.
        let quote = usize::from(quoted);
        let raw = self.record.get(i).unwrap_or("");
        let lead = &raw[..raw.len() - raw.trim_start().len()];
        let before = format!("{lead}{}", field.get(..offset).unwrap_or(field));
        match before.rfind('\n') {
            Some(nl) => Pos {
                line: start.line + before.matches('\n').count() as u64,
                column: 1 + before[nl + 1..].chars().count() as u64,
            },
            None => {
                Pos { line: start.line, column: start.column + quote as u64 + before.chars().count() as u64 }
            }
        }
    }

    /// True when every field is empty (a blank line of separators).
    pub fn is_blank(&self) -> bool {
        self.record.iter().all(|f| super::refs::trim(f).is_empty())
    }

    /// Checks no field is over the size limit.
    fn check_field_sizes(&self, diags: &mut Diagnostics) -> bool {
        let limit = super::limits::MAX_FIELD_BYTES;
        match self.record.iter().position(|f| f.len() > limit) {
            None => true,
            Some(i) => {
                let pos = self.table.field_pos(self.byte, self.line, i).0;
                let size = self.record.get(i).map_or(0, str::len);
                let message =
                    format!("this field is {size} bytes, over the limit of {limit} bytes per field");
                diags.error(self.table.file, pos, message);
                false
            }
        }
    }

    /// Checks the row has as many fields as the header.
    pub fn check_width(&self, diags: &mut Diagnostics) -> bool {
        let (got, want) = (self.record.len(), self.table.header_count);
        if got != want {
            diags.error(
                self.table.file,
                Pos { line: self.line, column: 1 },
                format!("this row has {got} fields but the header has {want}; check for a stray separator or an unclosed quote"),
            );
        }
        got == want
    }
}

pub fn csv_error_pos(e: &csv::Error) -> Pos {
    e.position().map_or(Pos { line: 1, column: 1 }, |p| Pos { line: p.line(), column: 1 })
}

pub fn csv_error_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "invalid UTF-8 in this row".into(),
        _ => format!("cannot read this row as CSV: {e}"),
    }
}

fn quoted_list(items: &[String]) -> String {
    let shown: Vec<String> = items
        .iter()
        .take(12)
        .map(|h| format!("\"{}\"", esc(&crate::text::clipped(h, crate::text::HEADER_SHOWN))))
        .collect();
    let more = if items.len() > 12 { format!(" and {} more", items.len() - 12) } else { String::new() };
    format!("{}{more}", shown.join(", "))
}

/// How each header was read, for `validate` and `--verbose`: ignored, found by its cells,
/// named with `--column` (or the config), or recognised by its name.
fn header_uses(
    headers: &[String],
    mapped: &[Option<Column>],
    overrides: &[ColumnOverride],
    detected: Option<usize>,
) -> Vec<HeaderUse> {
    headers
        .iter()
        .zip(mapped)
        .enumerate()
        .map(|(i, (h, m))| {
            let given =
                overrides.iter().any(|o| Some(o.column) == *m && fold_header(&o.header) == fold_header(h));
            let how = match m {
                None => How::Ignored,
                Some(_) if detected == Some(i) => How::Detected,
                Some(_) if given => How::Given,
                Some(_) => How::Named,
            };
            HeaderUse { header: h.clone(), column: m.map(Column::name), how }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Records, detect_delimiter};

    #[test]
    fn detects_the_header_separator() {
        assert_eq!(detect_delimiter("a;b;c\n1,2;3"), b';');
        assert_eq!(detect_delimiter("a\tb\n"), b'\t');
        assert_eq!(detect_delimiter("\"a;b\",c\n"), b',');
        assert_eq!(detect_delimiter("single\n"), b',');
    }

    /// Every record with where it is, read from `records` to the end.
    fn rest(records: &mut Records) -> Vec<(Vec<String>, (u64, u64))> {
        let mut out = Vec::new();
        while let Some(Ok(())) = records.advance() {
            let place = records.place(records.record.position());
            out.push((records.record.iter().map(String::from).collect(), place));
        }
        out
    }

    /// A look ahead of any length, from any record, leaves the records as they were: the
    /// same records at the same places follow, and the record last read is kept.
    #[test]
    fn a_look_ahead_comes_back() {
        // A record that starts with U+FEFF: a reader that seeks to it would drop the mark.
        let text = "title\n\n\na,b\n\"x\ny\",2\n\n3,4\n\u{FEFF}z,1\n5\n\"6\",\"7\"\"\"\n";
        let whole = rest(&mut Records::new(text, b',', (10, 3)));
        for skip in 0..=whole.len() {
            for ahead in 0..=whole.len() + 1 {
                let mut records = Records::new(text, b',', (10, 3));
                for _ in 0..skip {
                    let _ = records.advance();
                }
                let last: Vec<String> = records.record.iter().map(String::from).collect();
                let seen = records.look_ahead(|look| (0..ahead).filter(|_| look.advance().is_some()).count());
                assert_eq!(seen, ahead.min(whole.len() - skip));
                assert_eq!(records.record.iter().collect::<Vec<_>>(), last);
                assert_eq!(rest(&mut records), whole[skip..], "skip {skip}, ahead {ahead}");
            }
        }
    }
}

#[cfg(test)]
mod retargeted {
    use super::Records;

    /// Everything observable of reading `records` to the end (and past it, twice).
    fn trace(records: &mut Records) -> Vec<String> {
        let mut out = Vec::new();
        for _ in 0..64 {
            let before = (records.next_place(), records.count(), records.consumed(), records.remaining());
            let got = records.advance();
            let what = match &got {
                None => "none".to_string(),
                Some(Ok(())) => format!(
                    "ok {:?} at {:?} pos {:?}",
                    records.record.iter().collect::<Vec<_>>(),
                    records.place(records.record.position()),
                    records.record.position().map(|p| (p.byte(), p.line(), p.record()))
                ),
                Some(Err(e)) => format!("err {e} {:?}", records.place(e.position())),
            };
            out.push(format!("{before:?} {what}"));
            if got.is_none() && out.iter().filter(|l| l.ends_with("none")).count() >= 3 {
                break;
            }
        }
        out
    }

    const TEXTS: &[&str] = &[
        "",
        "\n",
        "\n\n\n",
        "a,b\n1,2\n",
        "a,b\n1,2",
        "\u{FEFF}a,b\n1,2\n",
        "\u{FEFF}",
        "\u{FEFF}\n",
        "a\n\u{FEFF}b,c\n",
        "\"unclosed,x\ny\n",
        "a,b\n\"unclosed\n1,2",
        "\"q\"\"x\",2\n\n\n3,\"4\"\n",
        "x,\"y\nz\",w\n5\n",
        "\"",
        "\"\"",
        "a,\"b\"c,d\n",
        "é,ü\n\"ß\n\",1\n",
        "1;2;3\n4,5\n",
    ];

    /// A reader moved to a new text reads it as a new reader does, whatever it read before
    /// (all, part, past the end, with or without a look ahead).
    #[test]
    fn a_retargeted_reader_reads_as_a_new_one() {
        for base in [(0u64, 1u64), (100, 7)] {
            for &next in TEXTS {
                let want = trace(&mut Records::new(next, b',', base));
                for &prev in TEXTS {
                    for k in 0..8 {
                        for look in [0usize, 1, 3, 100] {
                            let mut records = Records::new(prev, b',', (5, 2));
                            if look > 0 && k % 2 == 0 {
                                records.look_ahead(|l| {
                                    (0..look).for_each(|_| {
                                        let _ = l.advance();
                                    })
                                });
                            }
                            for _ in 0..k {
                                let _ = records.advance();
                            }
                            if look > 0 && k % 2 == 1 {
                                records.look_ahead(|l| {
                                    (0..look).for_each(|_| {
                                        let _ = l.advance();
                                    })
                                });
                            }
                            records.stop_at(3);
                            assert!(records.retarget(next, base));
                            let got = trace(&mut records);
                            assert_eq!(got, want, "prev {prev:?} k {k} look {look} next {next:?}");
                            // And again, from where that left it, with a look ahead first.
                            assert!(records.retarget(next, base));
                            let _ = records.look_ahead(|l| l.advance().is_some());
                            assert_eq!(trace(&mut records), want, "again: prev {prev:?} next {next:?}");
                        }
                    }
                }
            }
        }
    }
}
