//! The `where` view: every course teaching a standard or any standard under it, directly or
//! credited through the crosswalk (its row then shows the path:
//! `HS210 -> ST-4.2 -> FS-7.1 (exact)`).

use serde::Serialize;

use super::{CourseRef, ViaJson};
use crate::audit::query::WhereHit;
use crate::model::{Catalog, StandardIdx, StandardsSet};
use crate::report::{Cell, Column, Sheet, View, text};

#[derive(Serialize)]
pub struct WhereView<'a> {
    standard: &'a str,
    title: &'a str,
    courses: Vec<HitJson<'a>>,
    /// Whether the catalog has districts: the table then has a district column.
    #[serde(skip)]
    units: bool,
}

#[derive(Serialize)]
struct HitJson<'a> {
    #[serde(flatten)]
    course: CourseRef<'a>,
    standard: &'a str,
    depth: Option<&'a str>,
    evidence: &'a str,
    /// For a course credited through the crosswalk: the standard it is aligned to, and how.
    #[serde(skip_serializing_if = "Option::is_none")]
    via: Option<ViaJson<'a>>,
}

impl<'a> WhereView<'a> {
    pub fn new(hits: &[WhereHit], target: StandardIdx, catalog: &'a Catalog, set: &'a StandardsSet) -> Self {
        let s = set.standard(target);
        WhereView {
            standard: &s.id,
            title: &s.title,
            courses: hits.iter().map(|h| hit_json(h, catalog, set)).collect(),
            units: catalog.has_units(),
        }
    }
}

fn hit_json<'a>(h: &WhereHit, catalog: &'a Catalog, set: &'a StandardsSet) -> HitJson<'a> {
    HitJson {
        course: CourseRef::of(h.course, catalog, set),
        standard: &set.standard(h.standard).id,
        depth: h.depth.map(|d| set.cluster.depth_code(d)),
        evidence: catalog.evidence(h.course, h.via.map_or(h.standard, |v| v.standard)),
        via: h.via.map(|v| ViaJson::of(v, set)),
    }
}

impl View for WhereView<'_> {
    const COMMAND: &'static str = "where";

    /// The standard as the title, one row per alignment, and how many were found.
    fn sheets(&self) -> Vec<Sheet> {
        let n = self.courses.len();
        let mut note = format!("{n} alignment{} found", if n == 1 { "" } else { "s" });
        let credited = self.courses.iter().filter(|h| h.via.is_some()).count();
        if credited > 0 {
            note.push_str(&format!(", {credited} of them credited through a crosswalk"));
        }
        vec![Sheet {
            title: Some(format!("{} {}", self.standard, self.title)),
            columns: columns(self.units),
            rows: self.courses.iter().map(|h| row(h, self.units)).collect(),
            note: Some(note),
        }]
    }
}

/// The columns, with a district column first when the catalog has districts (`units`).
fn columns(units: bool) -> Vec<Column> {
    let mut columns = Vec::new();
    if units {
        columns.push(text("district"));
    }
    columns.extend(["course", "title", "pathways", "level", "standard", "depth", "evidence"].map(text));
    columns
}

fn row(h: &HitJson, units: bool) -> Vec<Cell> {
    let mut row: Vec<Cell> = Vec::new();
    let c = &h.course;
    if units {
        row.push(c.unit_label().into());
    }
    // A credited row's standard is its whole path: `HS210 -> ST-4.2 -> FS-7.1 (exact)`.
    let standard = match &h.via {
        Some(via) => via.path(c.course, h.standard),
        None => h.standard.to_string(),
    };
    row.extend([
        c.course.into(),
        c.title.into(),
        c.pathways.join(" ").into(),
        c.level_text().into(),
        standard.into(),
        h.depth.unwrap_or("").into(),
        h.evidence.into(),
    ]);
    row
}
