//! Long-format alignment files (`course_id, standard, depth, evidence`, with optional
//! `district` and `school`), merged into a catalog's courses.

use rustc_hash::FxHashMap;

use super::catalog::{CsvOptions, report};
use super::columns::Column;
use super::input::decode;
use super::refs;
use super::table::Table;
use crate::diagnostic::Diagnostics;
use crate::model::{Alignment, Catalog, StandardsSet, Unit, UnitIdx};

const ALIGNMENT_COLUMNS: &[Column] =
    &[Column::CourseId, Column::Standard, Column::Depth, Column::Evidence, Column::District, Column::School];

/// Reads one alignment file and merges it into `catalog`. An alignment already present keeps
/// the deeper of the two depths.
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
        Err(d) => return diags.items.push(d),
    };
    let required = [Column::CourseId, Column::Standard];
    let Some((table, records)) =
        Table::open(file, &text, opts.delimiter, ALIGNMENT_COLUMNS, &required, &opts.columns, diags)
    else {
        return;
    };
    let units: FxHashMap<Unit, UnitIdx> =
        catalog.units.iter().enumerate().map(|(i, u)| (u.clone(), i as UnitIdx)).collect();
    let by_key: FxHashMap<(UnitIdx, String), usize> =
        catalog.courses.iter().enumerate().map(|(i, c)| ((c.unit, c.id.to_lowercase().into()), i)).collect();
    let mut records = records;
    let mut hints = refs::Hints::default();
    while let Some(row) = table.next_row(&mut records, diags) {
        let unit = Unit {
            district: row.get(Column::District).to_string(),
            school: row.get(Column::School).to_string(),
        };
        let id = row.get(Column::CourseId);
        let unit_idx = units.get(&unit).copied();
        let Some(&course) = unit_idx.and_then(|u| by_key.get(&(u, id.to_lowercase()))) else {
            let known = catalog.courses.iter().filter(|c| Some(c.unit) == unit_idx).map(|c| c.id.as_str());
            let message = if id.is_empty() {
                "empty course ID; every alignment names the course it belongs to".to_string()
            } else {
                format!(
                    "unknown course \"{id}\"{}: it is not in the catalog {}{}",
                    if unit.label().is_empty() { String::new() } else { format!(" in {}", unit.label()) },
                    catalog.file,
                    crate::suggest::did_you_mean(id, known)
                )
            };
            diags.error(file, row.pos(Column::CourseId), message);
            continue;
        };
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
            let evidence = row.get(Column::Evidence).to_string();
            catalog.add_alignment(course, Alignment { standard, depth }, evidence);
        }
    }
}
