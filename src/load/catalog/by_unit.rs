//! A catalog read one unit (district, or school) at a time: how a statewide file is audited in
//! memory bounded by its largest district rather than by the state (issue 13).
//!
//! Two passes over the file, never the whole of it in memory:
//!
//! 1. [`open`] reads the header from the file's head, then the rest in blocks, and notes where
//!    each unit's rows are: runs of consecutive rows (byte range and first line). Only the two
//!    fields that name the unit are looked at; nothing else is kept.
//! 2. [`ByUnit::read`] reads one unit's runs back from the file, as [`super::read`] reads rows,
//!    into a catalog of that unit alone, with the unit numbered as in the whole file.
//!
//! A second pass rather than holding each unit's rows until the end of the file: a statewide
//! export comes district by district, but nothing says a district cannot appear again lower
//! down, and only the index of runs tells where all of a district's rows are without holding
//! any of them. The units are then read in natural order, so the reports come out in their
//! usual order whatever the file's order, and each unit is read (and audited) whole however
//! its rows are scattered.
//!
//! The result is exactly what reading the whole file gives, unit by unit: the same courses and
//! the same problems at the same places (of each kind of problem, the earliest
//! `--max-errors`). [`open`] says [`Opened::Whole`] instead when a file needs what only a whole
//! read does, or would read slowly in parts:
//! - another encoding than UTF-8, `\r` line ends (which reading the whole file rewrites), a
//!   NUL byte, or a row that starts with U+FEFF (a csv reader drops that mark at the start of
//!   what it reads, so a part that started there would not see it);
//! - a header that needs more of the file than the head to be found;
//! - a record still open after a few blocks (a quote never closed: reading on in blocks would
//!   read the rest of the file again and again);
//! - rows whose units come back again and again after a few rows (a file sorted by course:
//!   pass 2 would seek row by row);
//! - a file that cannot be opened or read from its start (reading whole says why, as always).

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rustc_hash::FxHashMap;

use super::{
    CATALOG, CsvOptions, OtherClusters, RowReader, no_courses, read_rows, visible, warn_spelling_variants,
};
use crate::diagnostic::{Diagnostics, Earliest, Pos};
use crate::load::columns::Column;
use crate::load::input::decode;
use crate::load::refs;
use crate::load::table::{Extra, Layout, Records, Table};
use crate::model::{Catalog, Reading, StandardsSet, Unit, UnitIdx, natural_cmp};

/// The head of the file the header is found in: the title rows, the header and the rows after
/// it that are sampled for a standards column all lie within it.
const HEAD_BYTES: usize = 1 << 20;

/// Records the head must hold whole past the header, unless it is the whole file: the rows
/// sampled for a standards column (200), with room to spare.
const HEAD_RECORDS: usize = 300;

/// A catalog file indexed by unit, its units read one at a time (see the module's doc).
pub struct ByUnit {
    /// The catalog without its courses: its file, how its header was read, every unit in
    /// natural order.
    pub skeleton: Catalog,
    path: PathBuf,
    /// When the file was last changed, as pass 1 found it: pass 2 must read the same file.
    modified: Option<SystemTime>,
    /// Bytes before the text: a UTF-8 byte-order mark.
    bom: u64,
    /// The text's length, in bytes.
    len: u64,
    layout: Layout,
    /// Each unit's runs of rows, by unit index.
    runs: Vec<Vec<Run>>,
    /// The line of the last text that is not blank, for a file with no courses.
    last_line: u64,
}

/// Consecutive rows of one unit: `start..end` of the text, `start` on `line`. Rows that are
/// no unit's (blank, or refused) belong to the run before them.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: u64,
    line: u64,
    end: u64,
}

/// What [`open`] found.
pub enum Opened {
    ByUnit(Box<ByUnit>),
    /// The file must be read whole (see the module's doc); nothing was reported.
    Whole,
    /// The file cannot be read as a catalog (no header, a required column missing): the
    /// problems are in the diagnostics, as reading it whole reports them.
    Failed,
}

/// Pass 1: reads the header, then finds every unit's rows, `block` bytes at a time.
pub fn open(
    path: &Path,
    name: &str,
    set: &StandardsSet,
    opts: &CsvOptions,
    block: usize,
    diags: &mut Diagnostics,
) -> io::Result<Opened> {
    // A file that cannot be opened or read from its start is left to reading it whole, to
    // report as it reports it.
    let Ok(mut file) = File::open(path) else { return Ok(Opened::Whole) };
    let Ok(meta) = file.metadata() else { return Ok(Opened::Whole) };
    let (size, modified) = (meta.len(), meta.modified().ok());
    let Ok(Some(head)) = Head::read(&mut file, name, size) else { return Ok(Opened::Whole) };
    let holds_standards = |cell: &str| refs::holds_standards(set, cell);
    let extra = Extra { header_row: opts.header_row, holds_standards: Some(&holds_standards) };
    let mut head_diags = diags.like();
    let Some((table, records)) =
        Table::open_with(name, &head.text, opts.delimiter, &CATALOG, &opts.columns, &extra, &mut head_diags)
    else {
        diags.extend(head_diags);
        return Ok(if head.whole { Opened::Failed } else { Opened::Whole });
    };
    let data = records.next_place();
    if !head.whole && !holds_records(&table, records, head.text.len() as u64) {
        return Ok(Opened::Whole);
    }
    let len = size - head.bom;
    let layout = table.layout(len);
    let mut skeleton =
        Catalog { file: name.to_string(), reading: table.reading.clone(), ..Catalog::default() };
    drop(table);
    file.seek(SeekFrom::Start(head.bom + data.0))?;
    let mut scan = Scan::new(data, len);
    if !scan.file(&mut file, name, &layout, block)? {
        return Ok(Opened::Whole);
    }
    let Some(runs) = scan.finish() else { return Ok(Opened::Whole) };
    diags.extend(head_diags);
    let (units, runs) = in_natural_order(runs);
    skeleton.units = Arc::new(units);
    let last_line = scan.last_line;
    let path = path.to_path_buf();
    let by_unit = ByUnit { skeleton, path, modified, bom: head.bom, len, layout, runs, last_line };
    Ok(Opened::ByUnit(Box::new(by_unit)))
}

/// The start of the file, where its header is found.
struct Head {
    /// The text of the file's first [`HEAD_BYTES`], to the end of its last whole line.
    text: String,
    /// Bytes before the text: a UTF-8 byte-order mark.
    bom: u64,
    /// Whether the head is the whole file.
    whole: bool,
}

impl Head {
    /// The file's head, or `None` when the file must be read whole: it is not UTF-8 (a
    /// byte-order mark of another encoding, bytes reading whole decodes as Windows-1252), or
    /// holds what reading whole rewrites or refuses (see [`plain`]; a workbook, a PDF, JSON).
    fn read(file: &mut File, name: &str, size: u64) -> io::Result<Option<Head>> {
        let mut bytes = Vec::new();
        file.take(HEAD_BYTES as u64).read_to_end(&mut bytes)?;
        let bom = match encoding_rs::Encoding::for_bom(&bytes) {
            None => 0,
            Some((encoding, n)) if encoding == encoding_rs::UTF_8 => n,
            Some(_) => return Ok(None),
        };
        let whole = bytes.len() as u64 == size;
        if !whole {
            bytes.truncate(bytes.iter().rposition(|&b| b == b'\n').map_or(0, |at| at + 1));
        }
        // No line end in the head (not even the mark's own bytes left): no header in it.
        let Some(text) = bytes.get(bom..) else { return Ok(None) };
        if !std::str::from_utf8(text).is_ok_and(plain) {
            return Ok(None);
        }
        Ok(decode(name, bytes).ok().map(|text| Head { text, bom: bom as u64, whole }))
    }
}

/// Whether `records` has [`HEAD_RECORDS`] that end before byte `end`: then the header was
/// found, and the rows after it sampled, as in the whole file.
fn holds_records(table: &Table, mut records: Records, end: u64) -> bool {
    let mut ignored = Diagnostics::keeping(0);
    for _ in 0..HEAD_RECORDS {
        if table.next_record(&mut records, &mut ignored).is_none() || records.next_byte() >= end {
            return false;
        }
    }
    true
}

/// Whether bytes can be read a part at a time as they are: no NUL (an error, or UTF-16, that
/// reading the whole file reports), no `\r` (line ends reading the whole file rewrites), and
/// no row that starts with U+FEFF (a csv reader drops the mark at the start of what it reads,
/// so a part starting with that row would not see it).
fn plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2(0, b'\r', bytes).is_none()
        && memchr::memmem::find(bytes, "\n\u{FEFF}".as_bytes()).is_none()
}

/// A file whose units come back at least this many times, after this many bytes or fewer a
/// time on average, is left to reading it whole: reading back a run of rows costs a seek and
/// a reader, which rows that alternate between districts (a file sorted by course) would pay
/// row by row. A unit's first run does not count: a file grouped by unit has many small
/// units, each read back in one run.
const SCATTERED_RETURNS: usize = 1_000;
const SCATTERED_RETURN_BYTES: u64 = 1_024;

/// A record still open after this many bytes (and twice the block) is left to reading the
/// file whole: it is a quote never closed, and reading on would read it again block after
/// block to the end of the file.
const LONG_RECORD_BYTES: usize = 64 << 10;

/// Units with their runs, the units put in natural order.
fn in_natural_order(found: Vec<(Unit, Vec<Run>)>) -> (Vec<Unit>, Vec<Vec<Run>>) {
    let mut found = found;
    found.sort_by(|(x, _), (y, _)| {
        natural_cmp(&x.district, &y.district).then_with(|| natural_cmp(&x.school, &y.school))
    });
    found.into_iter().unzip()
}

/// Pass 1's state from block to block.
struct Scan {
    /// Each unit's runs, in the order units are first found; `units` maps a unit to its place.
    found: Vec<(Unit, Vec<Run>)>,
    units: FxHashMap<(String, String), usize>,
    /// The unit whose run is open, and where the run started.
    open: Option<usize>,
    run_start: (u64, u64),
    /// Where the block being read starts: byte offset and line.
    base: (u64, u64),
    len: u64,
    /// Lines so far, and the line of the last text that is not blank.
    last_line: u64,
    /// How many runs so far are of a unit that had a run before.
    returns: usize,
}

impl Scan {
    fn new(data: (u64, u64), len: u64) -> Self {
        Scan {
            found: Vec::new(),
            units: FxHashMap::default(),
            open: None,
            run_start: data,
            base: data,
            len,
            last_line: data.1,
            returns: 0,
        }
    }

    /// Reads the rest of the file from where `file` is (the text's `self.base`), `block`
    /// bytes at a time, each cut after its last line end. `false` when the file is better read
    /// whole: a block holds what only reading the whole file handles (see [`plain`]), a record
    /// is still open after [`LONG_RECORD_BYTES`], or the units are [`Scan::scattered`].
    fn file(&mut self, file: &mut File, name: &str, layout: &Layout, block: usize) -> io::Result<bool> {
        // The text from byte `self.base.0` on.
        let mut buf = Vec::new();
        let block = block.max(1);
        loop {
            // Never past the length pass 2 reads to, should the file grow meanwhile.
            let left = self.len.saturating_sub(self.base.0 + buf.len() as u64);
            let got = (&mut *file).take((block as u64).min(left)).read_to_end(&mut buf)?;
            let eof = self.base.0 + buf.len() as u64 >= self.len;
            if got == 0 && !eof {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the file shrank while it was read",
                ));
            }
            let cut = if eof { buf.len() } else { memchr::memrchr(b'\n', &buf).map_or(0, |at| at + 1) };
            if cut == 0 && !eof {
                continue;
            }
            let part = std::str::from_utf8(&buf[..cut]).ok();
            let Some(part) = part.filter(|p| plain(p) && !p.starts_with('\u{FEFF}')) else {
                return Ok(false);
            };
            let read = self.block(name, layout, part, eof);
            if self.scattered() {
                return Ok(false);
            }
            if eof {
                return Ok(true);
            }
            buf.drain(..read);
            if buf.len() >= (2 * block).max(LONG_RECORD_BYTES) {
                return Ok(false);
            }
        }
    }

    /// Reads the rows of a block (`text`, from `self.base`), up to the last record that ends
    /// before the block does (all of them at the end of the file); returns how many bytes it
    /// read, where the next block starts.
    fn block(&mut self, file: &str, layout: &Layout, text: &str, eof: bool) -> usize {
        let start = self.base;
        let (table, mut records) = Table::over(file, layout, text, start);
        let end = start.0 + text.len() as u64;
        let mut ignored = Diagnostics::keeping(0);
        loop {
            let before = records.next_place();
            let Some(accepted) = table.next_record(&mut records, &mut ignored) else {
                self.base = records.next_place();
                break;
            };
            if !eof && records.next_byte() >= end {
                // It may go on in the next block: read again from its start there.
                self.base = before;
                break;
            }
            if !accepted {
                continue;
            }
            let row = table.row(&records);
            let names = [(Column::District, "district"), (Column::School, "school")];
            if !names.iter().all(|&(col, what)| visible(&row, col, what, &mut ignored)) {
                continue;
            }
            self.row(row.get(Column::District), row.get(Column::School), before);
        }
        let read = &text[..(self.base.0 - start.0) as usize];
        if !read.trim().is_empty() {
            self.last_line = start.1 + read.trim_end().matches('\n').count() as u64;
        }
        read.len()
    }

    /// A row of a unit, starting at `at`: the unit's run goes on, or another's starts.
    fn row(&mut self, district: &str, school: &str, at: (u64, u64)) {
        if let Some(open) = self.open {
            let unit = &self.found[open].0;
            if unit.district == district && unit.school == school {
                return;
            }
            self.close(at.0);
            self.run_start = at;
        }
        let next = self.found.len();
        let key = (district.to_string(), school.to_string());
        let i = *self.units.entry(key).or_insert(next);
        if i == next {
            let unit = Unit { district: district.to_string(), school: school.to_string() };
            self.found.push((unit, Vec::new()));
        } else {
            self.returns += 1;
        }
        self.open = Some(i);
    }

    /// Whether units have come back so often, in so few bytes, that reading them back would
    /// cost more than reading the file whole (see [`SCATTERED_RETURNS`]); known as the file is
    /// read, so that such a file is given up early.
    fn scattered(&self) -> bool {
        self.returns >= SCATTERED_RETURNS && self.base.0 / self.returns as u64 <= SCATTERED_RETURN_BYTES
    }

    /// Ends the open run at byte `end`.
    fn close(&mut self, end: u64) {
        if let Some(open) = self.open {
            let (start, line) = self.run_start;
            self.found[open].1.push(Run { start, line, end });
        }
    }

    /// Every unit's runs, the last one closed at the end of the text; `None` when no row names
    /// a unit (a file of nothing but problems, left to reading it whole).
    fn finish(&mut self) -> Option<Vec<(Unit, Vec<Run>)>> {
        self.open?;
        self.close(self.len);
        Some(std::mem::take(&mut self.found))
    }
}

/// One unit's catalog, read by [`ByUnit::read`], and what reading it found.
pub struct UnitPart {
    /// The unit's courses, in file order, numbered as in the whole file's unit list, without
    /// their credits, grades, SCED code and description (only `course` shows those).
    pub catalog: Catalog,
    pub unit: UnitIdx,
    diags: Diagnostics,
    /// Where the unit is first named.
    first: Pos,
    other_clusters: OtherClusters,
}

/// What one thread keeps from one unit to the next: the open file, a buffer, and the row
/// reader's memory of values already resolved.
pub struct UnitReader {
    file: File,
    buf: Vec<u8>,
    rows: RowReader,
}

impl ByUnit {
    /// How many units the file has.
    pub fn units(&self) -> usize {
        self.runs.len()
    }

    /// The bytes of the text unit `unit`'s rows are spread over.
    pub fn size(&self, unit: UnitIdx) -> u64 {
        self.runs[unit as usize].iter().map(|r| r.end - r.start).sum()
    }

    /// A reader for one thread.
    pub fn reader(&self) -> io::Result<UnitReader> {
        let file = File::open(&self.path)?;
        let meta = file.metadata()?;
        if meta.len() != self.bom + self.len || meta.modified().ok() != self.modified {
            return Err(changed(&self.skeleton.file));
        }
        let rows = RowReader { no_details: true, ..RowReader::default() };
        Ok(UnitReader { file, buf: Vec::new(), rows })
    }

    /// Pass 2: units' rows read back from the file, as reading the whole file reads them,
    /// each unit into a catalog of its own; `like` is an empty collection for its problems.
    /// Every run of rows of `units` is read into one buffer before any is parsed, so that one
    /// csv reader reads them all (see [`Table::over_reusing`]).
    pub fn read(
        &self,
        units: &[UnitIdx],
        reader: &mut UnitReader,
        set: &StandardsSet,
        like: &Diagnostics,
    ) -> io::Result<Vec<UnitPart>> {
        let file = self.skeleton.file.as_str();
        let UnitReader { file: input, buf, rows } = reader;
        buf.clear();
        for run in units.iter().flat_map(|&unit| &self.runs[unit as usize]) {
            let from = buf.len();
            input.seek(SeekFrom::Start(self.bom + run.start))?;
            input.take(run.end - run.start).read_to_end(buf)?;
            if (buf.len() - from) as u64 != run.end - run.start {
                return Err(changed(file));
            }
        }
        let (mut records, mut at) = (None, 0);
        let mut parts = Vec::with_capacity(units.len());
        for &unit in units {
            let (mut catalog, mut diags) =
                (Catalog { file: file.to_string(), ..Catalog::default() }, like.like());
            rows.next_catalog();
            for run in &self.runs[unit as usize] {
                let bytes = &buf[at..at + (run.end - run.start) as usize];
                at += bytes.len();
                let Ok(text) = std::str::from_utf8(bytes) else { return Err(changed(file)) };
                let (table, records) =
                    Table::over_reusing(file, &self.layout, text, (run.start, run.line), &mut records);
                read_rows(&table, records, set, &mut catalog, rows, &mut diags);
            }
            // Every row of the runs names this unit (pass 1 saw to it): number it as the file does.
            if catalog.units.as_slice() != std::slice::from_ref(self.skeleton.unit(unit)) {
                return Err(changed(file));
            }
            catalog.courses.iter_mut().for_each(|c| c.unit = unit);
            catalog.units = Arc::clone(&self.skeleton.units);
            super::check(&catalog, &mut diags);
            let first = rows.unit_first.first().copied().unwrap_or(Pos { line: 1, column: 1 });
            let other_clusters = std::mem::take(&mut rows.other_clusters);
            parts.push(UnitPart { catalog, unit, diags, first, other_clusters });
        }
        Ok(parts)
    }

    /// Collects what the units' parts found, as they are read (in any order).
    pub fn merged(&self, diags: Diagnostics) -> Merged {
        let mut earliest = Earliest::new(&diags);
        earliest.absorb(diags);
        let first = vec![None; self.units()];
        Merged { diags: earliest, first, other_clusters: OtherClusters::default(), courses: 0 }
    }
}

fn changed(file: &str) -> io::Error {
    io::Error::other(format!("{file} changed while it was read; run again once nothing writes to it"))
}

/// What the parts of a catalog read unit by unit found: their problems, where each unit is
/// first named, and the courses left out as another cluster's.
pub struct Merged {
    diags: Earliest,
    first: Vec<Option<Pos>>,
    other_clusters: OtherClusters,
    courses: usize,
}

impl Merged {
    /// Takes a part's findings; its catalog stays with the caller.
    pub fn add(&mut self, part: &mut UnitPart) {
        self.diags.absorb(std::mem::replace(&mut part.diags, Diagnostics::keeping(0)));
        self.first[part.unit as usize] = Some(part.first);
        self.courses += part.catalog.courses.len();
        self.other_clusters.absorb(std::mem::take(&mut part.other_clusters));
    }

    /// Adds the problems that need every unit (names spelled two ways, a file of no courses);
    /// returns the problems, sorted, and how the file was read, with the courses left out as
    /// another cluster's.
    pub fn finish(self, by_unit: &ByUnit) -> (Diagnostics, Reading) {
        let skeleton = &by_unit.skeleton;
        let mut diags = self.diags.finish();
        let mut reading = skeleton.reading.clone();
        // The units in the order reading the whole file finds them: where each is first named.
        let first: Vec<Pos> = self.first.iter().map(|p| p.unwrap_or(Pos { line: 0, column: 0 })).collect();
        let mut found: Vec<usize> = (0..first.len()).collect();
        found.sort_by_key(|&u| (first[u].line, first[u].column));
        let units: Vec<Unit> = found.iter().map(|&u| skeleton.units[u].clone()).collect();
        let firsts: Vec<Pos> = found.iter().map(|&u| first[u]).collect();
        let file = skeleton.file.clone();
        warn_spelling_variants(&file, &units, &firsts, &mut diags);
        self.other_clusters.into_reading(&mut reading);
        if self.courses == 0 {
            no_courses(&file, by_unit.last_line, &mut diags);
        }
        diags.sort();
        (diags, reading)
    }
}
