//! The `diff` view: what changed between two catalogs, both audited with the same standards
//! and policy. Per district and pathway that changed, coverage and mastery old -> new and the
//! findings opened and closed; every course changed (added, removed, renamed, re-sequenced,
//! moved to other pathways, each alignment added, removed, deepened or made shallower); and
//! the findings opened and closed, each in its audit's order.

use std::collections::HashMap;

use serde::Serialize;

use super::FindingList;
use super::fill::{MeasuresJson, pct_text};
use crate::audit::compare::{
    AlignmentChange, CourseChange, CourseDiff, FindingChanges, Measures, PathwayPair, Side,
};
use crate::model::{Catalog, Depth, PathwayIdx, StandardsSet, Unit};
use crate::report::{Cell, Column, Sheet, Tone, View, number, text};

#[derive(Serialize)]
pub struct DiffView<'a> {
    /// Whether any pathway's coverage or mastery dropped, or a finding at or above the
    /// policy's `--fail-on` opened.
    regression: bool,
    pathways: Vec<PathwayJson<'a>>,
    courses: Vec<CourseJson<'a>>,
    opened: FindingList<'a>,
    closed: FindingList<'a>,
    #[serde(skip)]
    units: bool,
}

#[derive(Serialize)]
struct PathwayJson<'a> {
    district: &'a str,
    school: &'a str,
    pathway: &'a str,
    /// `null` where that side does not audit the pathway (no course there names it).
    old: Option<MeasuresJson>,
    new: Option<MeasuresJson>,
    opened: usize,
    closed: usize,
    /// Coverage or mastery dropped.
    worse: bool,
}

#[derive(Serialize)]
struct CourseJson<'a> {
    district: &'a str,
    school: &'a str,
    course: &'a str,
    /// added, removed, renamed, re-sequenced, pathways, alignment added, alignment removed,
    /// deepened, made shallower.
    change: &'static str,
    old: String,
    new: String,
}

/// Findings opened and closed per district and pathway.
type Counts<'a> = HashMap<(&'a str, &'a str, PathwayIdx), (usize, usize)>;

impl<'a> DiffView<'a> {
    pub fn new(
        old: Side<'a>,
        new: Side<'a>,
        pairs: &[PathwayPair],
        changes: &FindingChanges,
        courses: &[CourseDiff],
        set: &'a StandardsSet,
        regression: bool,
    ) -> Self {
        let counts = counts(old, new, changes);
        let pathways = pairs.iter().filter_map(|pair| pathway_json(old, new, *pair, &counts, set)).collect();
        let courses = courses.iter().flat_map(|d| course_rows(old.catalog, new.catalog, d, set)).collect();
        let findings = |side: Side<'a>, list: &[usize]| FindingList {
            findings: list.iter().map(|&i| &side.audit.findings[i]).collect(),
            catalog: side.catalog,
            set,
        };
        DiffView {
            regression,
            pathways,
            courses,
            opened: findings(new, &changes.opened),
            closed: findings(old, &changes.closed),
            units: old.catalog.has_units() || new.catalog.has_units(),
        }
    }

    fn is_empty(&self) -> bool {
        self.pathways.is_empty() && self.courses.is_empty() && self.opened.findings.is_empty()
    }
}

fn counts<'a>(old: Side<'a>, new: Side<'a>, changes: &FindingChanges) -> Counts<'a> {
    let mut counts: Counts = HashMap::new();
    for (side, list, opened) in [(old, &changes.closed, false), (new, &changes.opened, true)] {
        for &i in list {
            let f = &side.audit.findings[i];
            let (Some(u), Some(p)) = (f.unit, f.pathway) else { continue };
            let unit = side.catalog.unit(u);
            let entry = counts.entry((unit.district.as_str(), unit.school.as_str(), p)).or_default();
            if opened { entry.0 += 1 } else { entry.1 += 1 }
        }
    }
    counts
}

/// The row of a pathway, if anything about it changed.
fn pathway_json<'a>(
    old: Side<'a>,
    new: Side<'a>,
    pair: PathwayPair,
    counts: &Counts<'a>,
    set: &'a StandardsSet,
) -> Option<PathwayJson<'a>> {
    let (o, n) = (pair.old.map(|i| &old.audit.pathways[i]), pair.new.map(|i| &new.audit.pathways[i]));
    let (unit, pathway) = match (o, n) {
        (_, Some(pa)) => (new.catalog.unit(pa.unit), pa.pathway),
        (Some(pa), None) => (old.catalog.unit(pa.unit), pa.pathway),
        (None, None) => return None,
    };
    let (om, nm) = (o.map(|pa| Measures::of(pa, set)), n.map(|pa| Measures::of(pa, set)));
    let (opened, closed) =
        counts.get(&(unit.district.as_str(), unit.school.as_str(), pathway)).copied().unwrap_or_default();
    if om == nm && opened == 0 && closed == 0 {
        return None;
    }
    Some(PathwayJson {
        district: &unit.district,
        school: &unit.school,
        pathway: &set.cluster.pathways[pathway].id,
        old: om.map(Into::into),
        new: nm.map(Into::into),
        opened,
        closed,
        worse: matches!((om, nm), (Some(a), Some(b)) if a.dropped_to(b)),
    })
}

fn course_rows<'a>(
    old: &'a Catalog,
    new: &'a Catalog,
    d: &CourseDiff,
    set: &StandardsSet,
) -> Vec<CourseJson<'a>> {
    let (o, n) = (d.old.map(|i| &old.courses[i]), d.new.map(|i| &new.courses[i]));
    let Some((catalog, course)) = n.map(|c| (new, c)).or(o.map(|c| (old, c))) else {
        return Vec::new();
    };
    let unit = catalog.unit(course.unit);
    let row = |change, old: String, new: String| CourseJson {
        district: &unit.district,
        school: &unit.school,
        course: &course.id,
        change,
        old,
        new,
    };
    let title = |c: Option<&crate::model::Course>| c.map(|c| c.title.to_string()).unwrap_or_default();
    let level =
        |c: Option<&crate::model::Course>| c.and_then(|c| c.level).map(|l| l.to_string()).unwrap_or_default();
    let pathways = |c: Option<&crate::model::Course>| {
        c.map(|c| match c.pathways {
            crate::model::PathwaySet::All => "*".to_string(),
            p => set.cluster.pathway_ids(p).join(" "),
        })
        .unwrap_or_default()
    };
    let mut rows = Vec::new();
    for change in &d.changes {
        match change {
            CourseChange::Added => rows.push(row("added", String::new(), title(n))),
            CourseChange::Removed => rows.push(row("removed", title(o), String::new())),
            CourseChange::Renamed => rows.push(row("renamed", title(o), title(n))),
            CourseChange::Resequenced => rows.push(row("re-sequenced", level(o), level(n))),
            CourseChange::Repathwayed => rows.push(row("pathways", pathways(o), pathways(n))),
            CourseChange::Realigned(list) => {
                rows.extend(
                    list.iter().map(|a| {
                        row(alignment_change(a), alignment(a.old, a, set), alignment(a.new, a, set))
                    }),
                );
            }
        }
    }
    rows
}

fn alignment_change(a: &AlignmentChange) -> &'static str {
    match (a.old, a.new) {
        (None, _) => "alignment added",
        (_, None) => "alignment removed",
        (Some(o), Some(n)) if n > o => "deepened",
        _ => "made shallower",
    }
}

/// `FS-7.1:R`, `FS-7.1` without a depth, or nothing on the side without the alignment.
fn alignment(depth: Option<Option<Depth>>, a: &AlignmentChange, set: &StandardsSet) -> String {
    let id = &set.standard(a.standard).id;
    match depth {
        None => String::new(),
        Some(None) => id.clone(),
        Some(Some(d)) => format!("{id}:{}", set.cluster.depth_code(d)),
    }
}

impl View for DiffView<'_> {
    const COMMAND: &'static str = "diff";

    fn sheets(&self) -> Vec<Sheet> {
        if self.is_empty() {
            let note = "no changes: the same courses, findings, coverage and mastery".to_string();
            return vec![Sheet { note: Some(note), ..self.pathways_sheet() }];
        }
        let mut sheets = vec![self.pathways_sheet(), self.courses_sheet()];
        for (title, list) in [("Findings opened", &self.opened), ("Findings closed", &self.closed)] {
            let mut sheet = list.sheet();
            sheet.title = Some(title.into());
            if sheet.rows.is_empty() {
                sheet.note = Some("none".into());
            }
            sheets.push(sheet);
        }
        sheets
    }

    fn aside(&self) -> Option<String> {
        (!self.is_empty()).then(|| {
            "CSV holds the pathways table only; the courses and findings changed are in the other formats"
                .into()
        })
    }
}

impl DiffView<'_> {
    fn lead(&self, district: &str, school: &str) -> Vec<Cell> {
        if self.units {
            vec![Unit { district: district.into(), school: school.into() }.label().into()]
        } else {
            Vec::new()
        }
    }

    fn columns(&self, rest: &[Column]) -> Vec<Column> {
        let mut columns = if self.units { vec![text("district")] } else { Vec::new() };
        columns.extend_from_slice(rest);
        columns
    }

    fn pathways_sheet(&self) -> Sheet {
        let columns = self.columns(&[
            text("pathway"),
            number("coverage % old"),
            number("coverage % new"),
            number("coverage change"),
            number("mastery % old"),
            number("mastery % new"),
            number("mastery change"),
            number("opened"),
            number("closed"),
        ]);
        let rows = self
            .pathways
            .iter()
            .map(|p| {
                let mut row = self.lead(p.district, p.school);
                let (cov, mas) = (
                    |m: Option<MeasuresJson>| m.map(|m| m.coverage_pct),
                    |m: Option<MeasuresJson>| m.and_then(|m| m.mastery_pct),
                );
                row.push(p.pathway.into());
                row.extend([pct_text(cov(p.old)), pct_text(cov(p.new)), change(cov(p.old), cov(p.new))]);
                row.extend([pct_text(mas(p.old)), pct_text(mas(p.new)), change(mas(p.old), mas(p.new))]);
                row.extend([p.opened.to_string().into(), p.closed.to_string().into()]);
                row
            })
            .collect();
        let worse = self.pathways.iter().filter(|p| p.worse).count();
        let mut note = format!(
            "{}; {} opened, {} closed; {}",
            crate::diagnostic::plural(self.courses.len(), "course change"),
            crate::diagnostic::plural(self.opened.findings.len(), "finding"),
            self.closed.findings.len(),
            match worse {
                0 => "coverage and mastery dropped nowhere".to_string(),
                n => format!("coverage or mastery dropped in {}", crate::diagnostic::plural(n, "pathway")),
            }
        );
        if self.regression {
            note.push_str("; a regression (--fail-on-regression exits 1)");
        }
        Sheet { title: Some("Coverage and mastery, old -> new".into()), columns, rows, note: Some(note) }
    }

    fn courses_sheet(&self) -> Sheet {
        let columns = self.columns(&[text("course"), text("change"), text("old"), text("new")]);
        let rows: Vec<Vec<Cell>> = self
            .courses
            .iter()
            .map(|c| {
                let mut row = self.lead(c.district, c.school);
                row.extend([c.course.into(), c.change.into(), c.old.as_str().into(), c.new.as_str().into()]);
                row
            })
            .collect();
        let note = rows.is_empty().then(|| "none".to_string());
        Sheet { title: Some("Courses changed".into()), columns, rows, note }
    }
}

/// `+12.5`, `-3.0`; nothing when either side has no figure.
fn change(old: Option<f64>, new: Option<f64>) -> Cell {
    match (old, new) {
        (Some(o), Some(n)) => {
            // Rounded, and never -0.0.
            let d = super::fill::round1(n - o) + 0.0;
            let tone = if d < 0.0 {
                Tone::Error
            } else if d > 0.0 {
                Tone::Good
            } else {
                Tone::Plain
            };
            Cell::toned(format!("{d:+.1}"), tone)
        }
        _ => Cell::default(),
    }
}
