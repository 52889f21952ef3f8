//! The views: each command's result as typed data, one file per command. A view serialises
//! to the command's JSON body and gives its sheets to the tabular renderers. Here: the parts
//! several views share (findings, severity counts, the unit column that appears only when a
//! catalog holds more than one district), and the text of the notes a report has no place
//! for (written to standard error by `write::to_stderr`).

mod course;
mod coverage;
mod diff;
mod explain;
mod fill;
mod gaps;
mod matrix;
mod standards;
mod where_;

pub use course::CourseView;
pub use coverage::CoverageView;
pub use diff::DiffView;
pub use explain::ExplainView;
pub use fill::{FillView, Product};
pub use gaps::GapsView;
pub use matrix::MatrixView;
pub use standards::{StandardsOverview, StandardsTree};
pub use where_::WhereView;

use serde::{Serialize, Serializer};

use super::{Cell, Sheet, Tone, text};
use crate::audit::{Finding, Severity};
use crate::diagnostic::{Diagnostic, plural};
use crate::model::{Catalog, StandardsSet};

/// The input errors a lenient run left out, one per line, then what became of them: for the
/// commands that do not report them as findings (`matrix`, `where`, `course`).
pub fn left_out(errors: &[Diagnostic]) -> Option<String> {
    if errors.is_empty() {
        return None;
    }
    let mut out: String = errors.iter().map(|d| format!("{d}\n")).collect();
    out.push_str(&format!(
        "cte-align: warning: --lenient left out the {} above; this report is of the rest\n",
        plural(errors.len(), "input error")
    ));
    Some(out)
}

/// A finding as JSON: `{code, severity, district, school, pathway, standard, course, message}`.
#[derive(Debug, Serialize)]
pub struct FindingJson<'a> {
    pub code: &'static str,
    pub severity: Severity,
    pub district: &'a str,
    pub school: &'a str,
    pub pathway: Option<&'a str>,
    pub standard: Option<&'a str>,
    pub course: Option<&'a str>,
    pub message: &'a str,
}

pub fn finding_json<'a>(f: &'a Finding, catalog: &'a Catalog, set: &'a StandardsSet) -> FindingJson<'a> {
    FindingJson {
        code: f.code.name(),
        severity: f.severity,
        district: f.unit.map_or("", |u| catalog.unit(u).district.as_str()),
        school: f.unit.map_or("", |u| catalog.unit(u).school.as_str()),
        pathway: f.pathway.map(|p| set.cluster.pathways[p].id.as_str()),
        standard: f.standard.map(|s| set.standard(s).id.as_str()),
        course: f.course.map(|c| catalog.courses[c].id.as_str()),
        message: &f.message,
    }
}

/// Findings as the JSON array of [`FindingJson`], each made as it is written.
pub(crate) struct FindingList<'a> {
    pub findings: Vec<&'a Finding>,
    pub catalog: &'a Catalog,
    pub set: &'a StandardsSet,
}

impl Serialize for FindingList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.findings.iter().map(|f| finding_json(f, self.catalog, self.set)))
    }
}

impl FindingList<'_> {
    pub fn sheet(&self) -> Sheet {
        findings_sheet(&self.findings, self.catalog, self.set)
    }
}

pub fn severity_cell(s: Severity) -> Cell {
    let tone = match s {
        Severity::Error => Tone::Error,
        Severity::Warning => Tone::Warning,
        Severity::Info => Tone::Info,
    };
    Cell::toned(s.to_string(), tone)
}

/// Whether reports need a district column: when any course names a district or school.
pub fn has_units(catalog: &Catalog) -> bool {
    catalog.has_units()
}

/// The findings as a sheet: one row each, in the order given.
pub fn findings_sheet(findings: &[&Finding], catalog: &Catalog, set: &StandardsSet) -> Sheet {
    let units = has_units(catalog);
    let mut columns = vec![text("severity"), text("code")];
    if units {
        columns.push(text("district"));
    }
    columns.extend([text("pathway"), text("standard"), text("course"), text("message")]);
    let rows = findings
        .iter()
        .map(|f| {
            let j = finding_json(f, catalog, set);
            let mut row = vec![severity_cell(f.severity), Cell::from(j.code)];
            if units {
                row.push(Cell::from(f.unit.map(|u| catalog.unit(u).label()).unwrap_or_default()));
            }
            row.extend([j.pathway, j.standard, j.course].map(|v| Cell::from(v.unwrap_or(""))));
            row.push(Cell::from(j.message));
            row
        })
        .collect();
    Sheet { columns, rows, ..Sheet::default() }
}

/// Counts by severity: `{error, warning, info}`.
#[derive(Debug, Serialize, Default, Clone, Copy)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl SeverityCounts {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
        let mut c = SeverityCounts::default();
        findings.into_iter().for_each(|f| c.add(f.severity));
        c
    }

    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }

    pub fn summary(&self) -> String {
        format!("{}, {}, {} info", plural(self.error, "error"), plural(self.warning, "warning"), self.info)
    }
}
