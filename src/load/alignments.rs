//! Long-format alignment files (`course_id, standard, depth, evidence`, with optional
//! `district` and `school`), merged into a catalog's courses.

use rustc_hash::FxHashMap;

use super::catalog::{CsvOptions, report};
use super::columns::Column;
use super::input::decode;
use super::refs;
use super::table::{Delimiter, Row, Schema, Table};
use crate::diagnostic::Diagnostics;
use crate::model::{Alignment, Catalog, CourseIdx, StandardsSet, Unit, UnitIdx};
use crate::text::escape_invisible as esc;

const ALIGNMENTS: Schema = Schema {
    accepted: &[
        Column::CourseId,
        Column::Standard,
        Column::Depth,
        Column::Evidence,
        Column::District,
        Column::School,
    ],
    required: &[Column::CourseId, Column::Standard],
    overrides_must_match: false,
};

/// Reads one alignment file and merges it into `catalog`. An alignment already present keeps
/// the deeper of the two depths. The separator is detected (`--delimiter` is for the catalog),
/// and `--column` applies only where the file has the header it names.
pub fn merge(
    file: &str,
    bytes: Vec<u8>,
    set: &StandardsSet,
    opts: &CsvOptions,
    catalog: &mut Catalog,
    diags: &mut Diagnostics,
) {
    let text = match decode(file, bytes) {
        Ok(text) => text,
        Err(d) => return diags.add(d),
    };
    let Some((table, mut records)) =
        Table::open(file, &text, Delimiter::Auto, &ALIGNMENTS, &opts.columns, diags)
    else {
        return;
    };
    let mut courses = CourseFinder::new(catalog);
    let mut hints = refs::Hints::default();
    let (mut found, mut listed) = (Vec::new(), Vec::new());
    while let Some(row) = table.next_row(&mut records, diags) {
        let Some(course) = courses.find(&row, catalog, diags) else { continue };
        listed.push(course);
        let mut problems = Vec::new();
        let standard_text = row.get(Column::Standard);
        let standard = if standard_text.is_empty() {
            diags.error(file, row.pos(Column::Standard), "empty standard ID");
            None
        } else {
            refs::resolve_standard(set, standard_text, 0, &mut hints, &mut problems)
        };
        report(&row, Column::Standard, std::mem::take(&mut problems), diags);
        let depth_text = row.get(Column::Depth);
        let depth = if depth_text.is_empty() {
            Some(None)
        } else {
            let depth = refs::resolve_depth(set, depth_text, depth_text, 0, &mut problems);
            report(&row, Column::Depth, problems, diags);
            depth.map(Some)
        };
        if let (Some(standard), Some(depth)) = (standard, depth) {
            found.push((course, Alignment { standard, depth }, row.get(Column::Evidence).to_string()));
        }
    }
    drop(courses);
    for course in listed {
        catalog.courses[course].listed_alignments = true;
    }
    for (course, alignment, evidence) in found {
        catalog.add_alignment(course, alignment, evidence);
    }
}

/// Finds the catalog course an alignment row names: by district and school (ignoring case)
/// and course ID (ignoring case). A row that names no district, in a file with no district
/// column, finds the course in whichever district has it, as long as only one does.
struct CourseFinder {
    units: FxHashMap<(String, String), UnitIdx>,
    by_unit: FxHashMap<(UnitIdx, String), CourseIdx>,
    /// Every course with an ID, by ID alone: for rows that name no district.
    by_id: FxHashMap<String, Vec<CourseIdx>>,
    /// The first course of each distinct ID, in catalog order: what a "did you mean" for such
    /// a row compares with (a statewide catalog repeats each ID in every district).
    distinct: Vec<CourseIdx>,
    /// The hint worked out for each unknown ID, once: an alignment file written for another
    /// catalog repeats its unknown IDs on row after row.
    hints: FxHashMap<String, String>,
}

impl CourseFinder {
    fn new(catalog: &Catalog) -> Self {
        let fold = |u: &Unit| (u.district.to_lowercase(), u.school.to_lowercase());
        let units = catalog.units.iter().enumerate().map(|(i, u)| (fold(u), i as UnitIdx)).collect();
        let mut by_unit = FxHashMap::default();
        let mut by_id: FxHashMap<String, Vec<CourseIdx>> = FxHashMap::default();
        let mut distinct = Vec::new();
        for (i, c) in catalog.courses.iter().enumerate() {
            let id = c.id.to_lowercase().to_string();
            by_unit.insert((c.unit, id.clone()), i);
            let same = by_id.entry(id).or_default();
            if same.is_empty() {
                distinct.push(i);
            }
            same.push(i);
        }
        CourseFinder { units, by_unit, by_id, distinct, hints: FxHashMap::default() }
    }

    fn find(&mut self, row: &Row, catalog: &Catalog, diags: &mut Diagnostics) -> Option<CourseIdx> {
        let (file, id) = (row.file(), row.get(Column::CourseId));
        if id.is_empty() {
            diags.error(
                file,
                row.pos(Column::CourseId),
                "empty course ID; every alignment names the course it belongs to",
            );
            return None;
        }
        let names =
            [(Column::CourseId, "course ID"), (Column::District, "district"), (Column::School, "school")];
        if !names.iter().all(|&(col, what)| super::catalog::visible(row, col, what, diags)) {
            return None;
        }
        let unit = Unit {
            district: row.get(Column::District).to_string(),
            school: row.get(Column::School).to_string(),
        };
        let key = id.to_lowercase();
        if unit == Unit::default() && catalog.has_units() {
            return self.find_in_any(row, &key, catalog, diags);
        }
        let unit_idx = self.units.get(&(unit.district.to_lowercase(), unit.school.to_lowercase())).copied();
        if let Some(&course) = unit_idx.and_then(|u| self.by_unit.get(&(u, key))) {
            return Some(course);
        }
        let known = catalog.courses.iter().filter(|c| Some(c.unit) == unit_idx).map(|c| c.id.as_str());
        let message = match unit_idx {
            None if !unit.label().is_empty() => format!(
                "unknown district \"{}\": no course of the catalog {} is in it{}",
                esc(&unit.label()),
                catalog.file,
                crate::suggest::did_you_mean(
                    &unit.label(),
                    catalog.units.iter().map(|u| u.district.as_str())
                )
            ),
            _ => format!(
                "unknown course \"{}\"{}: it is not in the catalog {}{}",
                esc(id),
                if unit.label().is_empty() { String::new() } else { format!(" in {}", esc(&unit.label())) },
                catalog.file,
                crate::suggest::did_you_mean(id, known)
            ),
        };
        let col =
            if unit_idx.is_none() && !unit.label().is_empty() { Column::District } else { Column::CourseId };
        diags.error(file, row.pos(col), message);
        None
    }

    /// A row naming no district, against a catalog of several: the one course with the ID.
    fn find_in_any(
        &mut self,
        row: &Row,
        key: &str,
        catalog: &Catalog,
        diags: &mut Diagnostics,
    ) -> Option<CourseIdx> {
        let id = row.get(Column::CourseId);
        match self.by_id.get(key).map(Vec::as_slice) {
            Some([only]) => Some(*only),
            Some(many) => {
                let units: Vec<String> = many.iter().map(|&c| catalog.unit_of(c).label()).collect();
                let message = format!(
                    "course \"{}\" is in {} districts of {} ({}); give the alignment file a district column to say which",
                    esc(id),
                    many.len(),
                    catalog.file,
                    esc(&units.join(", "))
                );
                diags.error(row.file(), row.pos(Column::CourseId), message);
                None
            }
            None => {
                let known = self.distinct.iter().map(|&c| catalog.courses[c].id.as_str());
                let hint = self
                    .hints
                    .entry(key.to_string())
                    .or_insert_with(|| crate::suggest::did_you_mean(id, known));
                let message = format!(
                    "unknown course \"{}\": it is not in the catalog {}{hint}",
                    esc(id),
                    catalog.file
                );
                diags.error(row.file(), row.pos(Column::CourseId), message);
                None
            }
        }
    }
}
