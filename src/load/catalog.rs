//! The district course catalog CSV -> [`Catalog`], with a diagnostic for every problem.
//!
//! Reading never stops at the first problem: a bad row is reported and left out, a bad
//! reference is reported and dropped, and the caller decides whether what is left can be
//! audited (`--lenient`) or the run fails.

use std::hash::Hasher;

use hashbrown::HashTable;
use rustc_hash::{FxHashMap, FxHasher};

use super::columns::{Column, ColumnOverride};
use super::input::decode;
use super::refs::{self, ItemProblem};
use super::table::{Delimiter, Row, Table};
use crate::diagnostic::{Diagnostics, Level, Pos};
use crate::model::{Catalog, Course, CourseIdx, PathwaySet, StandardsSet, Unit, UnitIdx};

/// How to read CSV files: the separator and any headers named by hand.
#[derive(Debug, Clone, Default)]
pub struct CsvOptions {
    pub delimiter: Delimiter,
    pub columns: Vec<ColumnOverride>,
}

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

/// Reads a catalog. Returns `None` when the file cannot be read as a catalog at all (not a
/// CSV, no header, a required column missing); otherwise the courses that could be read.
pub fn read(
    file: &str,
    bytes: Vec<u8>,
    set: &StandardsSet,
    opts: &CsvOptions,
    diags: &mut Diagnostics,
) -> Option<Catalog> {
    let text = match decode(file, bytes) {
        Ok(text) => text,
        Err(d) => {
            diags.items.push(d);
            return None;
        }
    };
    let required = [Column::CourseId, Column::Title];
    let (table, records) =
        Table::open(file, &text, opts.delimiter, CATALOG_COLUMNS, &required, &opts.columns, diags)?;
    let mut catalog = Catalog { file: file.to_string(), ..Catalog::default() };
    let mut reader = RowReader::default();
    let mut records = records;
    while let Some(row) = table.next_row(&mut records, diags) {
        let unit = reader.unit(&row, &mut catalog.units);
        let Some(course) = read_course(&row, unit, set, &mut reader, diags) else { continue };
        if let Some(first) = reader.first_line(&catalog.courses, &course) {
            let label = catalog.units[unit as usize].label();
            let within = if label.is_empty() { String::new() } else { format!(" in {label}") };
            diags.error(
                file,
                row.pos(Column::CourseId),
                format!(
                    "duplicate course ID \"{}\"{within} (first on line {first}); course IDs must be unique within a district",
                    course.id
                ),
            );
            continue;
        }
        catalog.courses.push(course);
    }
    catalog.sort_units();
    Some(catalog)
}

/// What reading remembers from row to row: units seen, course IDs seen, and the resolution of
/// field values that repeat on most rows (a pathway list, a work-based-learning kind), so a
/// statewide file resolves each distinct value once.
#[derive(Default)]
struct RowReader {
    units: FxHashMap<(String, String), UnitIdx>,
    last_unit: Option<UnitIdx>,
    /// Course IDs seen: indices into the catalog's courses, hashed by unit and case-folded ID,
    /// so that no row allocates a key.
    course_ids: HashTable<CourseIdx>,
    pathways: FxHashMap<String, PathwaySet>,
    wbl: FxHashMap<String, Vec<&'static str>>,
    credentials: FxHashMap<String, Vec<crate::model::CredentialIdx>>,
}

impl RowReader {
    /// The row's unit, interned: consecutive rows of one district cost one comparison.
    fn unit(&mut self, row: &Row, units: &mut Vec<Unit>) -> UnitIdx {
        let (district, school) = (row.get(Column::District), row.get(Column::School));
        if let Some(last) = self.last_unit {
            let u = &units[last as usize];
            if u.district == district && u.school == school {
                return last;
            }
        }
        let idx = *self.units.entry((district.to_string(), school.to_string())).or_insert_with(|| {
            units.push(Unit { district: district.to_string(), school: school.to_string() });
            (units.len() - 1) as UnitIdx
        });
        self.last_unit = Some(idx);
        idx
    }

    /// Records a course about to be added to `courses`; returns the line its ID was first seen
    /// on when another course of its unit has the same ID (ignoring case).
    fn first_line(&mut self, courses: &[Course], course: &Course) -> Option<u64> {
        let hash = id_hash(course.unit, &course.id);
        let same = |&i: &CourseIdx| courses[i].unit == course.unit && same_id(&courses[i].id, &course.id);
        if let Some(&first) = self.course_ids.find(hash, same) {
            return Some(courses[first].line);
        }
        self.course_ids.insert_unique(hash, courses.len(), |&i| id_hash(courses[i].unit, &courses[i].id));
        None
    }
}

/// The hash of a unit and a course ID folded to lower case, as [`same_id`] compares them.
fn id_hash(unit: UnitIdx, id: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write_u32(unit);
    if id.is_ascii() {
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
    unit: UnitIdx,
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
    let title = row.get(Column::Title);
    if title.is_empty() {
        diags.error(file, row.pos(Column::Title), format!("course {id} has an empty title"));
    }
    let mut problems = Vec::new();
    let field = row.get(Column::Pathway);
    let pathways =
        cached(&mut reader.pathways, field, &mut problems, |p| refs::parse_pathways(set, field, p));
    report(row, Column::Pathway, std::mem::take(&mut problems), diags);
    let alignments = refs::parse_alignments(set, row.get(Column::Standards), &mut problems);
    report(row, Column::Standards, std::mem::take(&mut problems), diags);
    let field = row.get(Column::Credentials);
    let credentials =
        cached(&mut reader.credentials, field, &mut problems, |p| refs::parse_credentials(set, field, p));
    report(row, Column::Credentials, std::mem::take(&mut problems), diags);
    let field = row.get(Column::Wbl);
    let wbl = cached(&mut reader.wbl, field, &mut problems, |p| refs::parse_wbl(field, p));
    report(row, Column::Wbl, problems, diags);
    let level = refs::parse_level(row.get(Column::Level)).unwrap_or_else(|message| {
        diags.error(file, row.pos(Column::Level), message);
        None
    });
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
        credits: row.get(Column::Credits).into(),
        grades: row.get(Column::Grades).into(),
        sced: row.get(Column::Sced).into(),
        description: row.get(Column::Description).into(),
        credentials,
        wbl,
        alignments: Vec::new(),
        line: row.line,
    };
    // The same standard twice keeps the deeper depth.
    alignments.into_iter().for_each(|a| course.add_alignment(a));
    Some(course)
}

/// Checks that need the whole catalog, after alignment files are merged: a course that names
/// pathways but has no alignments at all.
pub fn check(catalog: &Catalog, diags: &mut Diagnostics) {
    for c in &catalog.courses {
        if c.alignments.is_empty() && !c.pathways.is_empty() {
            diags.warning(
                &catalog.file,
                Pos { line: c.line, column: 1 },
                format!("course {} has no alignments, so it covers no standard; list them in the standards column or an --alignments file", c.id),
            );
        }
    }
}
