//! The district course catalog CSV -> [`Catalog`], with a diagnostic for every problem.
//!
//! Reading never stops at the first problem: a bad row is reported and left out, a bad
//! reference is reported and dropped, and the caller decides whether what is left can be
//! audited (`--lenient`) or the run fails.

use std::hash::Hasher;
use std::sync::Arc;

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};

use super::columns::{Column, ColumnOverride};
use super::input::decode;
use super::refs::{self, ItemProblem};
use super::table::{Delimiter, Extra, Records, Row, Schema, Table};
use crate::diagnostic::{Diagnostics, Level, Pos};
mod by_unit;
pub use by_unit::{ByUnit, Merged, Opened, UnitPart, UnitReader, open as open_by_unit};

use crate::model::{
    Catalog, Course, CourseDetails, CourseIdx, DetailsIdx, PathwaySet, Reading, StandardsSet, Unit, UnitIdx,
};

/// How to read CSV files: the separator and any headers named by hand.
#[derive(Debug, Clone, Default)]
pub struct CsvOptions {
    pub delimiter: Delimiter,
    pub columns: Vec<ColumnOverride>,
    /// The catalog's header line (`--header-row`), when not found by itself.
    pub header_row: Option<u64>,
}

const CATALOG: Schema = Schema {
    accepted: CATALOG_COLUMNS,
    required: &[Column::CourseId, Column::Title],
    overrides_must_match: true,
};

const CATALOG_COLUMNS: &[Column] = &[
    Column::CourseId,
    Column::Title,
    Column::Pathway,
    Column::Level,
    Column::Credits,
    Column::Grades,
    Column::Sced,
    Column::Description,
    Column::Standards,
    Column::Credentials,
    Column::Wbl,
    Column::District,
    Column::School,
];

/// Checks the `--column` flags against the catalog's columns before anything is read. A column
/// only alignment files have (`standard`, `depth`, `evidence`) does nothing without an
/// alignment file, which silently lost the catalog's standards when `standard=` was written
/// for `standards=`: an error, with the catalog column it most resembles.
pub fn check_overrides(overrides: &[ColumnOverride], has_alignment_files: bool) -> Result<(), String> {
    if has_alignment_files {
        return Ok(());
    }
    let Some(o) = overrides.iter().find(|o| !CATALOG_COLUMNS.contains(&o.column)) else { return Ok(()) };
    let names: Vec<&str> = CATALOG_COLUMNS.iter().map(|c| c.name()).collect();
    let name = o.column.name();
    Err(format!(
        "--column {name}=\"{}\": {name} is a column of alignment files (--alignments), and none is given{}; the catalog's columns are {}",
        o.header,
        crate::suggest::did_you_mean(name, names.iter().copied()),
        names.join(", ")
    ))
}

/// Reads a catalog. Returns `None` when the file cannot be read as a catalog at all (not a
/// CSV, no header, a required column missing); otherwise the courses that could be read.
pub fn read(
    file: &str,
    bytes: Vec<u8>,
    set: &StandardsSet,
    opts: &CsvOptions,
    diags: &mut Diagnostics,
) -> Option<Catalog> {
    let chunks = (bytes.len() >= PARALLEL_BYTES).then(rayon::current_num_threads).unwrap_or(1);
    read_from(file, bytes, set, opts, diags, chunks)
}

/// Files at least this large are read in chunks, one per core; below it, handing work to
/// other threads costs more than it saves (a district's catalog is well under it).
const PARALLEL_BYTES: usize = 8 << 20;

/// [`read`], in `chunks` pieces read at once (one piece: on this thread alone).
fn read_from(
    file: &str,
    bytes: Vec<u8>,
    set: &StandardsSet,
    opts: &CsvOptions,
    diags: &mut Diagnostics,
    chunks: usize,
) -> Option<Catalog> {
    let text = match decode(file, bytes) {
        Ok(text) => text,
        Err(d) => {
            diags.add(d);
            return None;
        }
    };
    let holds_standards = |cell: &str| refs::holds_standards(set, cell);
    let extra = Extra { header_row: opts.header_row, holds_standards: Some(&holds_standards) };
    let (table, mut records) =
        Table::open_with(file, &text, opts.delimiter, &CATALOG, &opts.columns, &extra, diags)?;
    let mut catalog =
        Catalog { file: file.to_string(), reading: table.reading.clone(), ..Catalog::default() };
    let mut reader = RowReader::default();
    // A row that starts with U+FEFF where a chunk would start would lose it (a csv reader
    // drops the mark at the start of what it reads): such a file is read on one core.
    let chunks = if chunks > 1 && text.contains("\n\u{FEFF}") { 1 } else { chunks };
    let starts = split_points(&text, table_start(&records), chunks);
    if starts.is_empty() {
        read_rows(&table, &mut records, set, &mut catalog, &mut reader, diags);
    } else {
        read_in_chunks(&table, records, &starts, set, &mut catalog, &mut reader, diags);
    }
    warn_spelling_variants(file, &catalog.units, &reader.unit_first, diags);
    std::mem::take(&mut reader.other_clusters).into_reading(&mut catalog.reading);
    catalog.sort_units();
    if catalog.courses.is_empty() {
        no_courses(file, 1 + text.trim_end().matches('\n').count() as u64, diags);
    }
    Some(catalog)
}

/// Reports a file with a header row but no courses, at `line` (its last that is not blank),
/// unless the file's own errors say why.
fn no_courses(file: &str, line: u64, diags: &mut Diagnostics) {
    if !diags.items.iter().any(|d| *d.file == *file && d.level == Level::Error) {
        let message = "the file has a header row but no courses; add one row per course under the header";
        diags.error(file, Pos { line, column: 1 }, message);
    }
}

/// Courses left out as another career cluster's: each pathway value, how many, and where it
/// first appears.
#[derive(Debug, Default)]
struct OtherClusters(Vec<(String, usize, Pos)>);

impl OtherClusters {
    /// Counts `n` courses left out under `value`, the first of them at `at`.
    fn add(&mut self, value: &str, n: usize, at: Pos) {
        match self.0.iter_mut().find(|(v, _, _)| v == value) {
            Some((_, count, first)) => {
                *count += n;
                if (at.line, at.column) < (first.line, first.column) {
                    *first = at;
                }
            }
            None => self.0.push((value.to_string(), n, at)),
        }
    }

    /// Counts every course `other` left out.
    fn absorb(&mut self, other: OtherClusters) {
        for (value, n, at) in other.0 {
            self.add(&value, n, at);
        }
    }

    /// Tells `reading` of them, in the order they first appear.
    fn into_reading(mut self, reading: &mut Reading) {
        self.0.sort_by_key(|(_, _, at)| (at.line, at.column));
        for (value, n, at) in self.0 {
            reading.other_clusters.push((value, n));
            reading.other_cluster_lines.push(at.line);
        }
    }
}

/// Where the first data record starts.
fn table_start(records: &Records) -> usize {
    records.next_byte() as usize
}

/// Where chunks 2 to `chunks` start: each the start of the line after an equal share of the
/// data. One may fall inside a quoted field that spans lines; the chunk before it then reads
/// past it, and [`read_in_chunks`] notices and reads on instead. Empty when the data is not
/// worth splitting.
fn split_points(text: &str, data_start: usize, chunks: usize) -> Vec<usize> {
    let share = text.len().saturating_sub(data_start) / chunks.max(1);
    let mut points: Vec<usize> = Vec::new();
    for k in 1..chunks {
        let from = points.last().copied().unwrap_or(data_start).max(data_start + k * share);
        match line_after(text, data_start, from) {
            Some(at) if points.last().is_none_or(|&last| at > last) => points.push(at),
            _ => break,
        }
    }
    points
}

/// The start of the line after byte `from`, moved back before any blank lines: the reader of
/// the chunk before stops at the end of its last record, which is where the blank lines begin.
fn line_after(text: &str, data_start: usize, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from + bytes.get(from..)?.iter().position(|&b| b == b'\n')? + 1;
    while at > data_start + 1 && bytes[at - 2] == b'\n' {
        at -= 1;
    }
    Some(at).filter(|&at| at < text.len())
}

/// What one chunk after the first reads on its own: courses with units and details numbered
/// within the chunk, where each course's row and each unit's first mention are, the chunk's
/// problems (all but duplicate IDs, which need the chunks before), and where it stopped.
struct Chunk {
    part: Catalog,
    starts: Vec<u64>,
    unit_first: Vec<Pos>,
    other_clusters: OtherClusters,
    diags: Diagnostics,
    end: u64,
}

/// Reads the first chunk into `catalog` and every other chunk into a [`Chunk`] of its own, all
/// at once (rayon); then appends the chunks' courses in file order, checking their IDs against
/// the courses before them, exactly as one reader going through the whole file would.
#[allow(clippy::too_many_arguments)]
fn read_in_chunks(
    table: &Table,
    mut first: Records,
    starts: &[usize],
    set: &StandardsSet,
    catalog: &mut Catalog,
    reader: &mut RowReader,
    diags: &mut Diagnostics,
) {
    first.stop_at(starts[0] as u64);
    let fresh = diags.like();
    let ((), chunks) = rayon::join(
        || read_rows(table, &mut first, set, catalog, reader, diags),
        || {
            let ends = starts.iter().skip(1).map(|&e| e as u64).chain([u64::MAX]);
            let pieces: Vec<(usize, u64)> = starts.iter().copied().zip(ends).collect();
            pieces
                .into_par_iter()
                .map(|(start, end)| read_chunk(table, set, start, end, fresh.like()))
                .collect::<Vec<_>>()
        },
    );
    let mut end = first.next_byte();
    for (chunk, &start) in chunks.into_iter().zip(starts) {
        // A chunk must begin exactly where the one before ended: otherwise its start was inside
        // a quoted field, its reading (and every later chunk's) is wrong, and the rest of the
        // file is read here from where the last good chunk ended.
        let Some(chunk) = chunk.filter(|_| end == start as u64) else {
            let Some(mut rest) = table.records_from(end as usize) else { return };
            read_rows(table, &mut rest, set, catalog, reader, diags);
            return;
        };
        end = chunk.end;
        append_chunk(table, chunk, catalog, reader, diags);
    }
}

/// Reads the rows from byte `start` up to the first record at or after `end`, on its own,
/// into `diags` (empty). `None` when `start` is past the text.
fn read_chunk(
    table: &Table,
    set: &StandardsSet,
    start: usize,
    end: u64,
    mut diags: Diagnostics,
) -> Option<Chunk> {
    let mut records = table.records_from(start)?;
    records.stop_at(end);
    let (mut part, mut reader) = (Catalog::default(), RowReader::chunk());
    read_rows(table, &mut records, set, &mut part, &mut reader, &mut diags);
    let starts = reader.starts.take().unwrap_or_default();
    let RowReader { unit_first, other_clusters, .. } = reader;
    Some(Chunk { part, starts, unit_first, other_clusters, diags, end: records.next_byte() })
}

/// Appends a chunk's courses, renumbering their units and details into `catalog`'s and
/// reporting duplicate IDs as [`read_rows`] does.
fn append_chunk(
    table: &Table,
    chunk: Chunk,
    catalog: &mut Catalog,
    reader: &mut RowReader,
    diags: &mut Diagnostics,
) {
    let Chunk { part, starts, unit_first, other_clusters, diags: chunk_diags, end: _ } = chunk;
    diags.extend(chunk_diags);
    reader.other_clusters.absorb(other_clusters);
    let Catalog { file: _, units, courses, details, evidence: _, reading: _ } = part;
    // Every unit named, as one reader would have, even those whose rows gave no course.
    let units: Vec<UnitIdx> = units
        .iter()
        .zip(unit_first)
        .map(|(u, pos)| reader.intern(&u.district, &u.school, pos, Arc::make_mut(&mut catalog.units)))
        .collect();
    let details: Vec<DetailsIdx> = details
        .iter()
        .map(|d| {
            reader.details([&d.credits, &d.grades, &d.sced, d.description.as_str()], &mut catalog.details)
        })
        .collect();
    catalog.courses.reserve(courses.len());
    for (course, &byte) in courses.into_iter().zip(&starts) {
        let course = course.renumbered(&units, &details);
        if let Some(first) = reader.first_line(&catalog.courses, &course) {
            let pos = table.column_pos(byte, course.line, Column::CourseId);
            duplicate(diags, table.file, pos, catalog, &course, first);
            continue;
        }
        catalog.courses.push(course);
    }
}

/// Reads rows into `catalog` to the end of `records`. A chunk's reader (one with `starts`)
/// leaves duplicate IDs for [`append_chunk`] to check and records each course's byte offset.
fn read_rows(
    table: &Table,
    records: &mut Records,
    set: &StandardsSet,
    catalog: &mut Catalog,
    reader: &mut RowReader,
    diags: &mut Diagnostics,
) {
    while let Some(row) = table.next_row(records, diags) {
        let names = [(Column::District, "district"), (Column::School, "school")];
        if !names.iter().all(|&(col, what)| visible(&row, col, what, diags)) {
            continue;
        }
        let unit = reader.unit(&row, Arc::make_mut(&mut catalog.units));
        let Some(course) = read_course(&row, (unit, &mut catalog.details), set, reader, diags) else {
            continue;
        };
        match reader.starts.as_mut() {
            Some(starts) => starts.push(row.byte()),
            None => {
                if let Some(first) = reader.first_line(&catalog.courses, &course) {
                    duplicate(diags, table.file, row.pos(Column::CourseId), catalog, &course, first);
                    continue;
                }
            }
        }
        catalog.courses.push(course);
        if catalog.courses.len() == SAMPLE_ROWS {
            reader.reserve(records, catalog);
        }
    }
}

/// Checks that an identifying field holds no control or invisible formatting character,
/// reporting the first one where it is.
pub(super) fn visible(row: &Row, col: Column, what: &str, diags: &mut Diagnostics) -> bool {
    let text = row.get(col);
    let Some((at, c)) = crate::text::invisible(text) else { return true };
    diags.error(row.file(), row.pos_within(col, at), refs::invisible_message(what, text, c));
    false
}

/// Warns of district (or school) names that differ only in case or in the spaces inside
/// them: each is audited as a district of its own, and merging them silently would change
/// a program's numbers without telling anyone. One warning per group, where its second
/// spelling first appears, naming every spelling and the line it first appears on.
fn warn_spelling_variants(file: &str, units: &[Unit], first: &[Pos], diags: &mut Diagnostics) {
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let mut groups: FxHashMap<(String, String), Vec<usize>> = FxHashMap::default();
    let mut order = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let group = groups.entry((fold(&u.district), fold(&u.school))).or_default();
        if group.is_empty() {
            order.push((fold(&u.district), fold(&u.school)));
        }
        group.push(i);
    }
    for key in order {
        let Some(group) = groups.get(&key).filter(|g| g.len() > 1) else { continue };
        let schools = group.iter().all(|&i| units[i].district == units[group[0]].district);
        let (what, name) = if schools { ("schools", "school") } else { ("districts", "district") };
        let spellings: Vec<String> = group
            .iter()
            .map(|&i| {
                let shown = if schools { &units[i].school } else { &units[i].district };
                format!("\"{shown}\" (line {})", first.get(i).map_or(0, |p| p.line))
            })
            .collect();
        let pos = first.get(group[1]).copied().unwrap_or(Pos { line: 1, column: 1 });
        diags.warning(
            file,
            pos,
            format!(
                "{name} names {} differ only in case or spacing, so they are audited as {} separate {what}; if they are one {name}, use one spelling throughout",
                spellings.join(", "),
                group.len()
            ),
        );
    }
}

/// After this many courses, room is made for the rest of the file at the rate they came.
const SAMPLE_ROWS: usize = 1024;

fn duplicate(diags: &mut Diagnostics, file: &str, pos: Pos, catalog: &Catalog, course: &Course, first: u64) {
    let label = catalog.units[course.unit as usize].label();
    let within = if label.is_empty() { String::new() } else { format!(" in {label}") };
    diags.error(
        file,
        pos,
        format!(
            "duplicate course ID \"{}\"{within} (first on line {first}); course IDs must be unique within a district",
            course.id
        ),
    );
}

/// What reading remembers from row to row: units seen, course IDs seen, and the resolution of
/// field values that repeat on most rows (a pathway list, a work-based-learning kind), so a
/// statewide file resolves each distinct value once.
#[derive(Default)]
struct RowReader {
    units: FxHashMap<(String, String), UnitIdx>,
    last_unit: Option<UnitIdx>,
    /// Course IDs seen, one table per unit: indices into the catalog's courses, hashed by the
    /// case-folded ID, so that no row allocates a key. Per unit, because IDs need only be
    /// unique within one, and a statewide file's rows come district by district: the table
    /// being filled stays small and in cache, where one table for the state would not.
    course_ids: Vec<HashTable<CourseIdx>>,
    pathways: FxHashMap<String, PathwaySet>,
    wbl: FxHashMap<String, Vec<&'static str>>,
    credentials: FxHashMap<String, Vec<crate::model::CredentialIdx>>,
    /// The catalog's distinct course details, by hash.
    details: HashTable<DetailsIdx>,
    hints: refs::Hints,
    /// What [`refs::check_sced_code`] said of each (SCED field, title) pair seen, up to
    /// [`SCED_REMEMBERED`] of them: a statewide file repeats a few hundred pairs, and a code
    /// in doubt sends the check through the whole SCED list.
    sced: HashTable<(Box<str>, Box<str>, Option<String>)>,
    /// Where each unit is first named (its district field), by unit index.
    unit_first: Vec<Pos>,
    /// For a chunk read apart from the first: the byte offset of each course's row, and no
    /// duplicate check (see [`append_chunk`]).
    starts: Option<Vec<u64>>,
    other_clusters: OtherClusters,
    /// Whether the courses' credits, grades, SCED code and description are left out (a catalog
    /// read only to be audited, unit by unit: only `course` shows them).
    no_details: bool,
}

impl RowReader {
    /// Counts a course left out as another cluster's, under its pathway value.
    fn left_out(&mut self, value: &str, at: Pos) {
        self.other_clusters.add(value, 1, at);
    }

    /// Forgets what belongs to the catalog read so far (its units, course IDs, details), keeping
    /// the values resolved: for the next unit of a file read unit by unit.
    fn next_catalog(&mut self) {
        let RowReader { units, last_unit, course_ids, details, unit_first, other_clusters, starts, .. } =
            self;
        units.clear();
        *last_unit = None;
        course_ids.clear();
        details.clear();
        unit_first.clear();
        *other_clusters = OtherClusters::default();
        *starts = None;
    }

    /// The reader of a chunk after the first.
    fn chunk() -> Self {
        RowReader { starts: Some(Vec::new()), ..RowReader::default() }
    }

    /// The row's unit, interned: consecutive rows of one district cost one comparison.
    fn unit(&mut self, row: &Row, units: &mut Vec<Unit>) -> UnitIdx {
        let (district, school) = (row.get(Column::District), row.get(Column::School));
        if let Some(last) = self.last_unit {
            let u = &units[last as usize];
            if u.district == district && u.school == school {
                return last;
            }
        }
        self.intern(district, school, row.pos(Column::District), units)
    }

    /// The unit's index, added to `units` (first named at `first`) when it is new.
    fn intern(&mut self, district: &str, school: &str, first: Pos, units: &mut Vec<Unit>) -> UnitIdx {
        let idx = *self.units.entry((district.to_string(), school.to_string())).or_insert_with(|| {
            units.push(Unit { district: district.to_string(), school: school.to_string() });
            self.unit_first.push(first);
            (units.len() - 1) as UnitIdx
        });
        self.last_unit = Some(idx);
        idx
    }

    /// The index of a course's credits, grades, SCED code and description in `all`, added
    /// there when no course before had the same four.
    fn details(&mut self, fields: [&str; 4], all: &mut Vec<CourseDetails>) -> DetailsIdx {
        if self.no_details {
            return DetailsIdx::MAX;
        }
        let hash = |f: [&str; 4]| {
            let mut h = FxHasher::default();
            f.iter().for_each(|s| h.write(s.as_bytes()));
            h.finish()
        };
        let same = |d: &CourseDetails| [&*d.credits, &*d.grades, &*d.sced, d.description.as_str()] == fields;
        if let Some(&i) = self.details.find(hash(fields), |&i| same(&all[i as usize])) {
            return i;
        }
        let [credits, grades, sced, description] = fields;
        let i = all.len() as DetailsIdx;
        all.push(CourseDetails {
            credits: credits.into(),
            grades: grades.into(),
            sced: sced.into(),
            description: description.to_string(),
        });
        self.details.insert_unique(hash(fields), i, |&j| {
            let d = &all[j as usize];
            hash([&d.credits, &d.grades, &d.sced, &d.description])
        });
        i
    }

    /// [`refs::check_sced_code`] of a row's SCED field and title, remembered.
    fn sced_problem(&mut self, field: &str, title: &str) -> Option<String> {
        let hash = pair_hash(field, title);
        if let Some((_, _, problem)) = self.sced.find(hash, |(f, t, _)| **f == *field && **t == *title) {
            return problem.clone();
        }
        let problem = refs::check_sced_code(field, title);
        if self.sced.len() < SCED_REMEMBERED {
            let entry = (field.into(), title.into(), problem.clone());
            self.sced.insert_unique(hash, entry, |(f, t, _)| pair_hash(f, t));
        }
        problem
    }

    /// Makes room for the courses still to come, estimated from the bytes per record these
    /// records took so far: growing a million-course list by doubling copies it again and
    /// again. Per record of these records, not per course of `catalog`: a unit read one run
    /// of rows at a time has courses from its runs before, which these bytes did not hold.
    fn reserve(&mut self, records: &Records, catalog: &mut Catalog) {
        let per_course = records.consumed().max(1) as f64 / records.count().max(1) as f64;
        let left = if self.starts.is_some() { records.remaining_to_stop() } else { records.remaining() };
        let more = (left as f64 / per_course * 1.05) as usize;
        catalog.courses.reserve(more);
    }

    /// Records a course about to be added to `courses`; returns the line its ID was first seen
    /// on when another course of its unit has the same ID (ignoring case).
    fn first_line(&mut self, courses: &[Course], course: &Course) -> Option<u64> {
        let unit = course.unit as usize;
        if self.course_ids.len() <= unit {
            self.course_ids.resize_with(unit + 1, HashTable::new);
        }
        let table = &mut self.course_ids[unit];
        let hash = id_hash(&course.id);
        if let Some(&first) = table.find(hash, |&i| same_id(&courses[i].id, &course.id)) {
            return Some(courses[first].line);
        }
        table.insert_unique(hash, courses.len(), |&i| id_hash(&courses[i].id));
        None
    }
}

/// SCED checks remembered per file (see `RowReader::sced`).
const SCED_REMEMBERED: usize = 4096;

/// The hash of two fields together.
fn pair_hash(a: &str, b: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(a.as_bytes());
    h.write_u8(0xff);
    h.write(b.as_bytes());
    h.finish()
}

/// The hash of a course ID folded to lower case, as [`same_id`] compares them.
fn id_hash(id: &str) -> u64 {
    let mut h = FxHasher::default();
    if id.len() <= 32 && id.is_ascii() {
        // Folded into a buffer and hashed a word at a time, not a byte at a time.
        let mut folded = [0u8; 32];
        folded[..id.len()].copy_from_slice(id.as_bytes());
        folded.make_ascii_lowercase();
        h.write(&folded[..id.len()]);
    } else if id.is_ascii() {
        id.bytes().for_each(|b| h.write_u8(b.to_ascii_lowercase()));
    } else {
        id.chars().flat_map(char::to_lowercase).for_each(|c| h.write_u32(c as u32));
    }
    h.finish()
}

/// Whether two course IDs are the same, ignoring case.
fn same_id(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.chars().flat_map(char::to_lowercase).eq(b.chars().flat_map(char::to_lowercase))
    }
}

/// Resolves a field through a cache of values that resolved without any problem; a value with
/// problems is resolved afresh each time so every row's problems are reported where they are.
fn cached<T: Clone>(
    cache: &mut FxHashMap<String, T>,
    field: &str,
    problems: &mut Vec<ItemProblem>,
    resolve: impl FnOnce(&mut Vec<ItemProblem>) -> T,
) -> T {
    if let Some(v) = cache.get(field) {
        return v.clone();
    }
    let before = problems.len();
    let value = resolve(problems);
    if problems.len() == before {
        cache.insert(field.to_string(), value.clone());
    }
    value
}

/// Reports the problems found in one field's items at their own columns.
pub(super) fn report(row: &Row, col: Column, problems: Vec<ItemProblem>, diags: &mut Diagnostics) {
    for p in problems {
        let level = if p.warning { Level::Warning } else { Level::Error };
        diags.push(level, row.file(), row.pos_within(col, p.offset), p.message);
    }
}

fn read_course(
    row: &Row,
    (unit, details): (UnitIdx, &mut Vec<CourseDetails>),
    set: &StandardsSet,
    reader: &mut RowReader,
    diags: &mut Diagnostics,
) -> Option<Course> {
    let file = row.file();
    let id = row.get(Column::CourseId);
    if id.is_empty() {
        diags.error(file, row.pos(Column::CourseId), "empty course ID; every course needs one");
        return None;
    }
    if !visible(row, Column::CourseId, "course ID", diags) {
        return None;
    }
    let title = row.get(Column::Title);
    if title.is_empty() {
        diags.error(file, row.pos(Column::Title), format!("course {id} has an empty title"));
    }
    let mut problems = Vec::new();
    let field = row.get(Column::Pathway);
    // A value already read as pathways is no other cluster's: the check (a search of every
    // other cluster's words) is made once per value, as reading the pathways is.
    if !reader.pathways.contains_key(field)
        && let Some(value) = refs::other_cluster(set, field)
    {
        reader.left_out(value, row.pos(Column::Pathway));
        return None;
    }
    let pathways =
        cached(&mut reader.pathways, field, &mut problems, |p| refs::parse_pathways(set, field, p));
    report(row, Column::Pathway, std::mem::take(&mut problems), diags);
    let alignments =
        refs::parse_alignments(set, row.get(Column::Standards), &mut reader.hints, &mut problems);
    report(row, Column::Standards, std::mem::take(&mut problems), diags);
    let field = row.get(Column::Credentials);
    let credentials =
        cached(&mut reader.credentials, field, &mut problems, |p| refs::parse_credentials(set, field, p));
    report(row, Column::Credentials, std::mem::take(&mut problems), diags);
    let field = row.get(Column::Wbl);
    let wbl = cached(&mut reader.wbl, field, &mut problems, |p| refs::parse_wbl(field, p));
    report(row, Column::Wbl, problems, diags);
    let level =
        refs::parse_level_with(row.get(Column::Level), &set.cluster.local.levels).unwrap_or_else(|message| {
            diags.error(file, row.pos(Column::Level), message);
            None
        });
    for (col, problem) in [
        (Column::Sced, reader.sced_problem(row.get(Column::Sced), title)),
        (Column::Grades, refs::check_grades(row.get(Column::Grades))),
    ] {
        if let Some(message) = problem {
            diags.warning(file, row.pos(col), message);
        }
    }
    if pathways.is_empty() && row.get(Column::Pathway).is_empty() {
        diags.warning(
            file,
            row.pos(Column::Pathway),
            format!("course {id} names no pathway, so it counts for none; give a pathway ID, or * for all"),
        );
    }
    let mut course = Course {
        unit,
        id: id.into(),
        title: title.into(),
        pathways,
        level,
        details: reader.details(
            [Column::Credits, Column::Grades, Column::Sced, Column::Description].map(|c| row.get(c)),
            details,
        ),
        credentials,
        wbl,
        alignments: Vec::new(),
        listed_alignments: refs::split_list(row.get(Column::Standards)).next().is_some(),
        line: row.line,
    };
    // The same standard twice keeps the deeper depth.
    for a in alignments {
        course.add_alignment(a);
    }
    Some(course)
}

/// Checks that need the whole catalog, after alignment files are merged: a course that names
/// pathways but lists no alignments at all (one whose alignments were all refused already has
/// an error for each).
pub fn check(catalog: &Catalog, diags: &mut Diagnostics) {
    for c in &catalog.courses {
        if !c.listed_alignments && c.alignments.is_empty() && !c.pathways.is_empty() {
            diags.warning(
                &catalog.file,
                Pos { line: c.line, column: 1 },
                format!("course {} has no alignments, so it covers no standard; list them in the standards column or an --alignments file", c.id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::standards::load_builtin;
    use proptest::prelude::*;

    /// A row of a small catalog with repeated IDs and districts (also spelled in other cases),
    /// bad references, quoted fields spanning lines and blank lines: what could read
    /// differently in chunks.
    fn row() -> impl Strategy<Value = String> {
        let id = prop::sample::select(vec!["HS1", "hs1", "HS2", "HS3", "HS10", ""]);
        // A row that starts with U+FEFF where a chunk would start must keep it.
        let district = prop::sample::select(vec!["North", "South", "NORTH", "", "\u{FEFF}North"]);
        let title = prop::sample::select(vec!["Anatomy", "\"Care,\nand Cure\"", "\"Say \"\"hi\"\"\"", ""]);
        let standards = prop::sample::select(vec![
            "FS-1.1:I",
            "\"FS-2.2:M; TS-1.1\"",
            "FS-99",
            "FS-1.1:Z",
            "\"FS-7.1,\nFS-7.2\"",
        ]);
        let extra = prop::sample::select(vec!["", "\n", "\n\n", ",extra"]);
        (district, id, title, standards, extra).prop_map(|(d, i, t, s, x)| format!("{d},{i},{t},TS,{s}{x}\n"))
    }

    /// The chunks are only worth reading when each reader does stop where the next chunk
    /// starts; if none did, every file would quietly be read again on one core.
    #[test]
    fn each_chunk_ends_where_the_next_begins() {
        let set = load_builtin().expect("the built-in standards load");
        let rows: String = (0..100).map(|i| format!("HS{i},\"Course {i}\",TS,FS-1.1:I\n\n")).collect();
        let text = format!("course_id,title,pathway,standards\n{rows}");
        let mut diags = Diagnostics::default();
        let (table, mut first) =
            Table::open("c.csv", &text, Delimiter::Auto, &CATALOG, &[], &mut diags).expect("opens");
        // Every row is followed by a blank line: a split goes before it, not after.
        let points = split_points(&text, table_start(&first), 3);
        assert_eq!(points.len(), 2, "{points:?}");
        for &at in &points {
            assert!(text[..at].ends_with("FS-1.1:I\n") && text[at..].starts_with("\nHS"), "{at}");
        }
        first.stop_at(points[0] as u64);
        let (mut catalog, mut reader) = (Catalog::default(), RowReader::default());
        read_rows(&table, &mut first, &set, &mut catalog, &mut reader, &mut diags);
        assert_eq!(first.next_byte(), points[0] as u64);
        assert!(!catalog.courses.is_empty() && catalog.courses.len() < 50);
        let chunk =
            read_chunk(&table, &set, points[0], points[1] as u64, Diagnostics::default()).expect("a chunk");
        assert_eq!(chunk.end, points[1] as u64);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Reading in chunks gives exactly what one reader gives: the same courses in the same
        /// order, and the same problems at the same places.
        #[test]
        fn chunks_read_like_one_reader(rows in prop::collection::vec(row(), 0..40), chunks in 2..6usize) {
            static SET: std::sync::LazyLock<StandardsSet> =
                std::sync::LazyLock::new(|| load_builtin().expect("the built-in standards load"));
            let set = &*SET;
            let text = format!("district,course_id,title,pathway,standards\n{}", rows.concat());
            let read = |chunks| {
                let mut diags = Diagnostics::default();
                let cat = read_from("c.csv", text.clone().into_bytes(), set, &CsvOptions::default(), &mut diags, chunks);
                diags.sort();
                format!("{cat:?}\n{diags:?}")
            };
            prop_assert_eq!(read(chunks), read(1));
        }
    }
}
