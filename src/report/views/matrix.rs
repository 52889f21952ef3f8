//! The `matrix` view: a pathway's courses, in sequence order, against its required standards.
//! Standards are rows, so a wide program stays readable. A cell credited through the
//! crosswalk shows its depth like any other; its path is in a `via` column, there only when
//! some cell is credited.

use serde::Serialize;

use super::ViaJson;
use crate::audit::PathwayAudit;
use crate::model::{Catalog, StandardsSet};
use crate::report::{Cell, Sheet, Tone, View, number, text};

/// The mark for a course that covers a standard without saying how deeply.
const UNKNOWN_DEPTH: &str = "x";

#[derive(Serialize)]
pub struct MatrixView<'a> {
    district: &'a str,
    school: &'a str,
    pathway: &'a str,
    pub(crate) courses: Vec<CourseJson<'a>>,
    pub(crate) standards: Vec<RowJson<'a>>,
    #[serde(skip)]
    shown: Shown,
}

#[derive(Serialize)]
pub(crate) struct CourseJson<'a> {
    pub(crate) course: &'a str,
    pub(crate) title: &'a str,
    level: Option<u8>,
}

#[derive(Serialize)]
pub(crate) struct RowJson<'a> {
    pub(crate) standard: &'a str,
    pub(crate) title: &'a str,
    /// One entry per course, in the order of `courses`: the depth code, "x" for a course that
    /// gives no depth, or null.
    pub(crate) cells: Vec<Option<&'a str>>,
    pub(crate) depth: Option<&'a str>,
    /// The cells credited through the crosswalk, each with its path; left out when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    via: Vec<CellViaJson<'a>>,
    /// How many alignments of the pathway's courses count for the standard.
    #[serde(skip)]
    count: usize,
    #[serde(skip)]
    pub(crate) covered: bool,
    #[serde(skip)]
    tone: Tone,
}

/// A cell credited through the crosswalk: the course, and the path to the row's standard.
#[derive(Serialize)]
struct CellViaJson<'a> {
    course: &'a str,
    #[serde(flatten)]
    via: ViaJson<'a>,
}

/// What only the tables show: the title and the note under the matrix.
#[derive(Default)]
struct Shown {
    title: String,
    covered: usize,
    note: String,
}

impl<'a> MatrixView<'a> {
    pub fn new(pa: &'a PathwayAudit, catalog: &'a Catalog, set: &'a StandardsSet) -> Self {
        let p = &set.cluster.pathways[pa.pathway];
        let mastery = set.cluster.mastery;
        let cell_code = |row: usize, course: usize| {
            let (_, depth) = pa.standards[row].courses.iter().find(|(c, _)| *c == course)?;
            Some(depth.map_or(UNKNOWN_DEPTH, |d| set.cluster.depth_code(d)))
        };
        let row = |(i, sc): (usize, &crate::audit::StandardCoverage)| {
            let s = set.standard(sc.standard);
            RowJson {
                standard: &s.id,
                title: &s.title,
                cells: pa.courses.iter().map(|&c| cell_code(i, c)).collect(),
                depth: sc.depth().map(|d| set.cluster.depth_code(d)),
                via: sc
                    .credited
                    .iter()
                    .map(|&(c, via)| CellViaJson {
                        course: &catalog.courses[c].id,
                        via: ViaJson::of(via, set),
                    })
                    .collect(),
                count: sc.courses.len(),
                covered: sc.covered(),
                tone: match (sc.covered(), sc.mastered(mastery)) {
                    (false, _) => Tone::Error,
                    (true, Some(false)) => Tone::Warning,
                    _ => Tone::Good,
                },
            }
        };
        let label = catalog.unit(pa.unit).label();
        let scale: Vec<String> =
            set.cluster.depth_scale.iter().map(|d| format!("{} {}", d.code, d.name)).collect();
        let shown = Shown {
            title: format!(
                "{} {}{}",
                p.id,
                p.title,
                if label.is_empty() { String::new() } else { format!(" — {label}") }
            ),
            covered: pa.covered(),
            note: format!(
                "{} of {} required standards covered; depth {} ({UNKNOWN_DEPTH} = covered, depth not given)",
                pa.covered(),
                pa.required(),
                scale.join(", "),
            ),
        };
        let course = |&c: &usize| {
            let course = &catalog.courses[c];
            CourseJson { course: &course.id, title: &course.title, level: course.level }
        };
        MatrixView {
            district: &catalog.unit(pa.unit).district,
            school: &catalog.unit(pa.unit).school,
            pathway: &p.id,
            courses: pa.courses.iter().map(course).collect(),
            standards: pa.standards.iter().enumerate().map(row).collect(),
            shown,
        }
    }
}

impl View for MatrixView<'_> {
    const COMMAND: &'static str = "matrix";

    fn sheets(&self) -> Vec<Sheet> {
        let mut columns = vec![text("standard"), text("title")];
        columns.extend(self.courses.iter().map(|c| text(c.course)));
        columns.extend([number("courses"), text("depth")]);
        let via = self.standards.iter().any(|r| !r.via.is_empty());
        if via {
            columns.push(text("via"));
        }
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for r in &self.standards {
            let mut row: Vec<Cell> = vec![r.standard.into(), r.title.into()];
            row.extend(r.cells.iter().map(|c| Cell::from(c.unwrap_or(""))));
            row.push(r.count.to_string().into());
            let covered = if r.covered { UNKNOWN_DEPTH } else { "" };
            row.push(Cell::toned(r.depth.unwrap_or(covered), r.tone));
            if via {
                let paths: Vec<String> = r.via.iter().map(|v| v.via.path(v.course, r.standard)).collect();
                row.push(paths.join("; ").into());
            }
            rows.push(row);
        }
        let mut totals: Vec<Cell> = vec!["".into(), "standards covered".into()];
        totals.extend(
            (0..self.courses.len()).map(|i| {
                Cell::from(self.standards.iter().filter(|r| r.cells[i].is_some()).count().to_string())
            }),
        );
        totals.extend([self.shown.covered.to_string().into(), "".into()]);
        if via {
            totals.push("".into());
        }
        rows.push(totals);
        vec![Sheet {
            title: Some(self.shown.title.clone()),
            columns,
            rows,
            note: Some(self.shown.note.clone()),
        }]
    }
}
