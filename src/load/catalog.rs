//! The district course catalog CSV -> [`Catalog`], with a diagnostic for every problem.
//!
//! Reading never stops at the first problem: a bad row is reported and left out, a bad
//! reference is reported and dropped, and the caller decides whether what is left can be
//! audited (`--lenient`) or the run fails.

use rustc_hash::FxHashMap;

use super::columns::{Column, ColumnOverride};
use super::input::decode;
use super::refs::{self, ItemProblem};
use super::table::{Delimiter, Row, Table};
use crate::diagnostic::{Diagnostics, Level, Pos};
use crate::model::{Catalog, Course, PathwaySet, StandardsSet, Unit, UnitIdx};

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
    let mut catalog = Catalog { file: file.to_string(), units: Vec::new(), courses: Vec::new() };
    let mut reader = RowReader::default();
    let mut records = records;
    while let Some(row) = table.next_row(&mut records, diags) {
        let unit = reader.unit(&row, &mut catalog.units);
        let Some(course) = read_course(&row, unit, set, &mut reader, diags) else { continue };
        if let Some(first) = reader.first_line(unit, &course.id, row.line) {
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
    course_lines: FxHashMap<(UnitIdx, String), u64>,
    pathways: FxHashMap<String, PathwaySet>,
    wbl: FxHashMap<String, Vec<String>>,
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

    /// Records a course ID; returns the line it was first seen on when it is a duplicate.
    fn first_line(&mut self, unit: UnitIdx, id: &str, line: u64) -> Option<u64> {
        match self.course_lines.entry((unit, id.to_lowercase())) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(line);
                None
            }
        }
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
        id: id.to_string(),
        title: title.to_string(),
        pathways,
        level,
        credits: row.get(Column::Credits).to_string(),
        grades: row.get(Column::Grades).to_string(),
        sced: row.get(Column::Sced).to_string(),
        description: row.get(Column::Description).to_string(),
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
