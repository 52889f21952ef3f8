//! The `course` view: one course, its alignments with titles, the standards they reach through
//! the crosswalk (when the set has one), and the findings that involve the course.

use serde::Serialize;

use super::CourseRef;
use super::FindingList;
use super::ViaJson;
use crate::audit::{Finding, crosswalked};
use crate::model::{Catalog, Course, CourseIdx, StandardsSet};
use crate::report::{Cell, Sheet, View, text};

#[derive(Serialize)]
pub struct CourseView<'a> {
    course: CourseJson<'a>,
    alignments: Vec<AlignmentJson<'a>>,
    /// The standards the alignments reach through the crosswalk; left out when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    crosswalks: Vec<CreditJson<'a>>,
    findings: FindingList<'a>,
}

/// A standard an alignment reaches through the crosswalk, and how.
#[derive(Serialize)]
struct CreditJson<'a> {
    standard: &'a str,
    title: &'a str,
    /// The depth credited; null when the alignment gives none or the relation gives no credit.
    depth: Option<&'a str>,
    /// The required standard the credit counts for; null for a `related` entry (no credit) or
    /// a standard too broad to count.
    counts_for: Option<&'a str>,
    via: ViaJson<'a>,
    #[serde(skip)]
    course: &'a str,
}

#[derive(Serialize)]
struct CourseJson<'a> {
    #[serde(flatten)]
    course: CourseRef<'a>,
    credits: &'a str,
    grades: &'a str,
    sced: &'a str,
    description: &'a str,
    credentials: Vec<&'a str>,
    work_based_learning: &'a [&'static str],
}

#[derive(Serialize)]
struct AlignmentJson<'a> {
    standard: &'a str,
    title: &'a str,
    depth: Option<&'a str>,
    /// The required standard the alignment counts for; null when it is too broad to count.
    counts_for: Option<&'a str>,
    evidence: &'a str,
}

impl<'a> CourseView<'a> {
    pub fn new(
        idx: CourseIdx,
        findings: Vec<&'a Finding>,
        catalog: &'a Catalog,
        set: &'a StandardsSet,
    ) -> Self {
        let course = &catalog.courses[idx];
        CourseView {
            course: course_json(idx, course, catalog, set),
            alignments: alignments_json(idx, catalog, set),
            crosswalks: credits_json(idx, catalog, set),
            findings: FindingList { findings, catalog, set },
        }
    }
}

impl View for CourseView<'_> {
    const COMMAND: &'static str = "course";

    /// The course's details, its alignments (the CSV sheet), what they reach through the
    /// crosswalk (only when they reach anything), and its findings.
    fn sheets(&self) -> Vec<Sheet> {
        let mut sheets = vec![self.details_sheet(), self.alignments_sheet()];
        if !self.crosswalks.is_empty() {
            sheets.push(self.crosswalks_sheet());
        }
        sheets.push(self.findings_sheet());
        sheets
    }

    fn primary(&self) -> usize {
        1
    }
}

fn course_json<'a>(
    idx: CourseIdx,
    course: &'a Course,
    catalog: &'a Catalog,
    set: &'a StandardsSet,
) -> CourseJson<'a> {
    let details = catalog.details(course);
    CourseJson {
        course: CourseRef::of(idx, catalog, set),
        credits: &details.credits,
        grades: &details.grades,
        sced: &details.sced,
        description: &details.description,
        credentials: course.credentials.iter().map(|&c| set.cluster.credentials[c].id.as_str()).collect(),
        work_based_learning: &course.wbl,
    }
}

/// The course's alignments, by standard.
fn alignments_json<'a>(
    idx: CourseIdx,
    catalog: &'a Catalog,
    set: &'a StandardsSet,
) -> Vec<AlignmentJson<'a>> {
    let mut sorted: Vec<_> = catalog.courses[idx].alignments.iter().collect();
    sorted.sort_by_key(|a| a.standard);
    let json = |a: &crate::model::Alignment| {
        let s = set.standard(a.standard);
        AlignmentJson {
            standard: &s.id,
            title: &s.title,
            depth: a.depth.map(|d| set.cluster.depth_code(d)),
            counts_for: set.counted_as(a.standard).map(|c| set.standard(c).id.as_str()),
            evidence: catalog.evidence(idx, a.standard),
        }
    };
    sorted.into_iter().map(json).collect()
}

/// What the course's alignments reach through the crosswalk, by the standard reached, then the
/// path.
fn credits_json<'a>(idx: CourseIdx, catalog: &'a Catalog, set: &'a StandardsSet) -> Vec<CreditJson<'a>> {
    let course = &catalog.courses[idx];
    let mut credits: Vec<_> = course.alignments.iter().flat_map(|a| crosswalked(set, a)).collect();
    credits.sort_by_key(|c| (c.standard, c.via));
    credits.dedup_by_key(|c| (c.standard, c.via));
    let json = |c: crate::audit::Credit| {
        let s = set.standard(c.standard);
        CreditJson {
            standard: &s.id,
            title: &s.title,
            depth: c.depth.filter(|_| c.counts).map(|d| set.cluster.depth_code(d)),
            counts_for: set.counted_as(c.standard).filter(|_| c.counts).map(|t| set.standard(t).id.as_str()),
            via: ViaJson::of(c.via, set),
            course: &course.id,
        }
    };
    credits.into_iter().map(json).collect()
}

impl CourseView<'_> {
    fn details_sheet(&self) -> Sheet {
        let (c, id) = (&self.course, &self.course.course);
        let fields = [
            ("district", id.unit_label()),
            ("course", id.course.to_string()),
            ("title", id.title.to_string()),
            ("pathways", id.pathways.join(" ")),
            ("level", id.level_text()),
            ("credits", c.credits.to_string()),
            ("grades", c.grades.to_string()),
            ("SCED", c.sced.to_string()),
            ("description", c.description.to_string()),
            ("credentials", c.credentials.join(" ")),
            ("work-based learning", c.work_based_learning.join(", ")),
        ];
        Sheet {
            title: Some(format!("{} {}", id.course, id.title)),
            columns: vec![text("field"), text("value")],
            rows: fields
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| vec![Cell::from(k), Cell::from(v)])
                .collect(),
            note: None,
        }
    }

    fn alignments_sheet(&self) -> Sheet {
        let row = |a: &AlignmentJson| {
            [a.standard, a.title, a.depth.unwrap_or(""), a.counts_for.unwrap_or(""), a.evidence]
                .map(Cell::from)
                .to_vec()
        };
        Sheet {
            title: Some("Alignments".into()),
            columns: ["standard", "title", "depth", "counts for", "evidence"].map(text).to_vec(),
            rows: self.alignments.iter().map(row).collect(),
            note: self.alignments.is_empty().then(|| "no alignments".to_string()),
        }
    }

    fn crosswalks_sheet(&self) -> Sheet {
        let row = |c: &CreditJson| {
            let path = c.via.path(c.course, c.standard);
            [path.as_str(), c.title, c.depth.unwrap_or(""), c.counts_for.unwrap_or("no credit")]
                .map(Cell::from)
                .to_vec()
        };
        Sheet {
            title: Some("Through crosswalks".into()),
            columns: ["path", "title", "depth", "counts for"].map(text).to_vec(),
            rows: self.crosswalks.iter().map(row).collect(),
            note: None,
        }
    }

    fn findings_sheet(&self) -> Sheet {
        let mut sheet = self.findings.sheet();
        sheet.title = Some("Findings".into());
        if self.findings.findings.is_empty() {
            sheet.note = Some("no findings involve this course".into());
        }
        sheet
    }
}
