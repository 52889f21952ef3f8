//! The `coverage` view: one row per district and pathway; with `--detail`, one row per
//! required standard, each parent above the coverage depth rolled up just before its children.
//! When the standards set has a crosswalk that gives credit, each row says how many of its
//! covered standards are covered only through the crosswalk (`credited`), the note under the
//! table sums them, and `--detail` shows each credited course's path; without one, nothing of
//! this appears.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

use serde::Serialize;

use super::{Heading, PolicyView, SeverityCounts, ViaJson};
use crate::audit::{Audit, Code, Finding, PathwayAudit, PolicyFailure, RollUp};
use crate::diagnostic::plural;
use crate::model::{Catalog, PathwayIdx, StandardIdx, StandardsSet, Unit, UnitIdx};
use crate::report::{Cell, Sheet, View, number, text};

#[derive(Serialize)]
pub struct CoverageView<'a> {
    passed: bool,
    policy: PolicyView<'a>,
    pathways: Vec<PathwayJson<'a>>,
    /// Findings no row counts: input problems (`--lenient`), and broad alignments of courses
    /// in several pathways. They count towards `passed`.
    unassigned_findings: SeverityCounts,
    #[serde(skip)]
    shown: Shown,
    #[serde(skip)]
    heading: Heading,
}

/// What only the tables show.
struct Shown {
    units: bool,
    /// Whether the set's crosswalk gives credit: the rows then count what it credits.
    crosswalk: bool,
    detail: bool,
    all: SeverityCounts,
    unassigned_codes: BTreeMap<Code, usize>,
}

#[derive(Serialize)]
struct PathwayJson<'a> {
    district: &'a str,
    school: &'a str,
    pathway: &'a str,
    pathway_title: &'a str,
    courses: usize,
    required: usize,
    covered: usize,
    /// Of `covered`, the standards covered only through the crosswalk; present only when the
    /// standards set has a crosswalk that gives credit.
    #[serde(skip_serializing_if = "Option::is_none")]
    credited: Option<usize>,
    coverage_pct: f64,
    mastered: usize,
    /// `null` when no course of the pathway gives depths.
    mastery_pct: Option<f64>,
    credentials: Vec<&'a str>,
    work_based_learning: Vec<&'static str>,
    findings: SeverityCounts,
    #[serde(skip_serializing_if = "Option::is_none")]
    standards: Option<Vec<StandardJson<'a>>>,
    /// With `--detail`: each standard above the coverage depth, rolled up from its children.
    #[serde(skip_serializing_if = "Option::is_none")]
    rollup: Option<Vec<RollUpJson<'a>>>,
}

#[derive(Serialize)]
struct StandardJson<'a> {
    standard: &'a str,
    title: &'a str,
    covered: bool,
    depth: Option<&'a str>,
    mastered: Option<bool>,
    courses: Vec<CourseDepthJson<'a>>,
    /// Where the standard comes in the tree, to place the roll-ups among the rows.
    #[serde(skip)]
    order: StandardIdx,
}

#[derive(Serialize)]
struct RollUpJson<'a> {
    standard: &'a str,
    title: &'a str,
    covered: usize,
    required: usize,
    #[serde(skip)]
    order: StandardIdx,
}

#[derive(Serialize)]
struct CourseDepthJson<'a> {
    course: &'a str,
    depth: Option<&'a str>,
    /// When the course counts only through the crosswalk: the path.
    #[serde(skip_serializing_if = "Option::is_none")]
    via: Option<ViaJson<'a>>,
}

/// Percentages as shown: one decimal place.
pub(super) fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn pct_text(v: Option<f64>) -> String {
    v.map(|v| format!("{:.1}", round1(v))).unwrap_or_default()
}

/// Finding counts per unit and pathway, counted in one pass over the findings (hashed with
/// FxHash: a statewide run looks up every finding, and SipHash took 5% of it).
type Counts = FxHashMap<(UnitIdx, PathwayIdx), SeverityCounts>;

impl<'a> CoverageView<'a> {
    pub fn new(
        result: &'a Audit,
        catalog: &'a Catalog,
        set: &'a StandardsSet,
        detail: bool,
        failures: &[PolicyFailure],
    ) -> Self {
        let mut parts = CoverageParts::new(catalog, set, detail);
        parts.add(&result.pathways, &result.findings);
        parts.finish(failures)
    }

    /// "3 findings belong to no single pathway ...", when some do: they fail a run like any
    /// other, so a report that hid them would fail for no reason it shows.
    fn unassigned_note(&self) -> Option<String> {
        let u = self.unassigned_findings;
        let total = u.error + u.warning + u.info;
        if total == 0 {
            return None;
        }
        let codes: Vec<String> =
            self.shown.unassigned_codes.iter().map(|(code, k)| format!("{k} {code}")).collect();
        Some(format!(
            "{} ({}: {}) {} to no single pathway, so no row counts {it}; `cte-align gaps` lists {it}",
            plural(total, "finding"),
            u.summary(),
            codes.join(", "),
            if total == 1 { "belongs" } else { "belong" },
            it = if total == 1 { "it" } else { "them" },
        ))
    }

    /// The line under the table: every finding, and those no row counts. Why the policy fails
    /// follows it ([`View::verdict`]).
    fn note(&self) -> String {
        let n = self.pathways.len();
        let mut note =
            format!("{} in {n} pathway{} audited", self.shown.all.summary(), if n == 1 { "" } else { "s" });
        if let Some(more) = self.unassigned_note() {
            note.push_str("; ");
            note.push_str(&more);
        }
        if let Some(credited) = self.credited_note() {
            note.push_str("; ");
            note.push_str(&credited);
        }
        note
    }

    /// How much of the coverage the crosswalk credits, when the set has one that gives credit.
    fn credited_note(&self) -> Option<String> {
        if !self.shown.crosswalk {
            return None;
        }
        let credited: usize = self.pathways.iter().filter_map(|p| p.credited).sum();
        let covered: usize = self.pathways.iter().map(|p| p.covered).sum();
        Some(format!(
            "{credited} of {covered} covered standards covered only through a crosswalk (`course` \
             and `where` show each path)"
        ))
    }
}

impl View for CoverageView<'_> {
    const COMMAND: &'static str = "coverage";

    fn sheets(&self) -> Vec<Sheet> {
        let mut sheet = if self.shown.detail { self.detail_sheet() } else { self.summary_sheet() };
        sheet.note = Some(self.note());
        vec![sheet]
    }

    fn verdict(&self) -> Option<&PolicyView<'_>> {
        Some(&self.policy)
    }

    fn heading(&self) -> Option<&Heading> {
        Some(&self.heading)
    }

    /// The summary row by row: a statewide file has a row for every district's pathway.
    fn csv(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        if self.shown.detail {
            return crate::report::csv_out::render(&self.detail_sheet(), out);
        }
        let rows = self.pathways.iter().map(|p| self.summary_row(p));
        crate::report::csv_out::render_rows(&self.summary_columns(), rows, out)
    }

    /// CSV has no place for the note the other formats carry.
    fn aside(&self) -> Option<String> {
        self.unassigned_note()
    }
}

/// A [`CoverageView`] built a part at a time: the whole audit at once, or one unit's part
/// after another as [`audit_by_unit`](crate::audit::audit_by_unit) gives them, so a statewide
/// run holds the rows and not every unit's per-standard coverage and findings. Parts must
/// come in unit order, input problems (no unit) last.
pub struct CoverageParts<'a> {
    catalog: &'a Catalog,
    set: &'a StandardsSet,
    detail: bool,
    pathways: Vec<PathwayJson<'a>>,
    units: Vec<UnitIdx>,
    all: SeverityCounts,
    unassigned: SeverityCounts,
    codes: BTreeMap<Code, usize>,
}

impl<'a> CoverageParts<'a> {
    pub fn new(catalog: &'a Catalog, set: &'a StandardsSet, detail: bool) -> Self {
        CoverageParts {
            catalog,
            set,
            detail,
            pathways: Vec::new(),
            units: Vec::new(),
            all: SeverityCounts::default(),
            unassigned: SeverityCounts::default(),
            codes: BTreeMap::new(),
        }
    }

    /// Adds audited pathways and the findings about them (and any that belong to no row).
    pub fn add(&mut self, pathways: &[PathwayAudit], findings: &[Finding]) {
        let rows: FxHashSet<(UnitIdx, PathwayIdx)> =
            pathways.iter().map(|pa| (pa.unit, pa.pathway)).collect();
        let mut counts = Counts::default();
        for f in findings {
            self.all.add(f.severity);
            match (f.unit, f.pathway) {
                (Some(u), Some(p)) if rows.contains(&(u, p)) => {
                    counts.entry((u, p)).or_default().add(f.severity)
                }
                _ => {
                    self.unassigned.add(f.severity);
                    *self.codes.entry(f.code()).or_default() += 1;
                }
            }
        }
        let (catalog, set, detail) = (self.catalog, self.set, self.detail);
        self.pathways.extend(pathways.iter().map(|pa| pathway_json(pa, &counts, catalog, set, detail)));
        self.units.extend(pathways.iter().map(|pa| pa.unit));
    }

    pub fn finish(self, failures: &[PolicyFailure]) -> CoverageView<'a> {
        let (catalog, set) = (self.catalog, self.set);
        let policy = PolicyView::new(failures, catalog, set);
        let shown = Shown {
            units: catalog.has_units(),
            crosswalk: set.crosswalk_credits(),
            detail: self.detail,
            all: self.all,
            unassigned_codes: self.codes,
        };
        let heading = Heading::of_units("Coverage", catalog, set, &self.units);
        CoverageView {
            passed: policy.passed,
            policy,
            pathways: self.pathways,
            unassigned_findings: self.unassigned,
            shown,
            heading,
        }
    }
}

fn pathway_json<'a>(
    pa: &PathwayAudit,
    counts: &Counts,
    catalog: &'a Catalog,
    set: &'a StandardsSet,
    detail: bool,
) -> PathwayJson<'a> {
    let p = &set.cluster.pathways[pa.pathway];
    let mastery = set.cluster.mastery;
    let standard = |sc: &crate::audit::StandardCoverage| {
        let s = set.standard(sc.standard);
        let course = |&(c, d): &(usize, Option<u8>)| CourseDepthJson {
            course: &catalog.courses[c].id,
            depth: d.map(|d| set.cluster.depth_code(d)),
            via: sc.credited.iter().find(|(k, _)| *k == c).map(|&(_, via)| ViaJson::of(via, set)),
        };
        StandardJson {
            standard: &s.id,
            title: &s.title,
            covered: sc.covered(),
            depth: sc.depth().map(|d| set.cluster.depth_code(d)),
            mastered: sc.mastered(mastery),
            courses: sc.courses.iter().map(course).collect(),
            order: sc.standard,
        }
    };
    let rollup = |r: RollUp| {
        let s = set.standard(r.standard);
        RollUpJson {
            standard: &s.id,
            title: &s.title,
            covered: r.covered,
            required: r.required,
            order: r.standard,
        }
    };
    PathwayJson {
        district: &catalog.unit(pa.unit).district,
        school: &catalog.unit(pa.unit).school,
        pathway: &p.id,
        pathway_title: &p.title,
        courses: pa.courses.len(),
        required: pa.required(),
        covered: pa.covered(),
        credited: set.crosswalk_credits().then(|| pa.only_credited()),
        coverage_pct: round1(pa.coverage_pct()),
        mastered: pa.mastered(mastery),
        mastery_pct: pa.mastery_pct(mastery).map(round1),
        credentials: pa.credentials.iter().map(|&c| set.cluster.credentials[c].id.as_str()).collect(),
        work_based_learning: pa.wbl.clone(),
        findings: counts.get(&(pa.unit, pa.pathway)).copied().unwrap_or_default(),
        standards: detail.then(|| pa.standards.iter().map(standard).collect()),
        rollup: detail.then(|| pa.rollup(set).into_iter().map(rollup).collect()),
    }
}

impl CoverageView<'_> {
    /// The district column, when the catalog has districts, then the pathway.
    fn lead(&self, p: &PathwayJson) -> Vec<Cell> {
        let mut row: Vec<Cell> = Vec::new();
        if self.shown.units {
            row.push(Unit { district: p.district.into(), school: p.school.into() }.label().into());
        }
        row.push(p.pathway.into());
        row
    }

    fn columns(&self, rest: Vec<crate::report::Column>) -> Vec<crate::report::Column> {
        let mut columns = if self.shown.units { vec![text("district")] } else { Vec::new() };
        columns.push(text("pathway"));
        columns.extend(rest);
        columns
    }

    fn summary_sheet(&self) -> Sheet {
        let rows = self.pathways.iter().map(|p| self.summary_row(p)).collect();
        Sheet { columns: self.summary_columns(), rows, ..Sheet::default() }
    }

    fn summary_columns(&self) -> Vec<crate::report::Column> {
        let mut rest = vec![number("courses"), number("required"), number("covered")];
        if self.shown.crosswalk {
            rest.push(number("credited"));
        }
        rest.extend([
            number("coverage %"),
            number("mastered"),
            number("mastery %"),
            text("credentials"),
            text("work-based learning"),
            number("errors"),
            number("warnings"),
            number("info"),
        ]);
        self.columns(rest)
    }

    /// One pathway's row of the summary.
    fn summary_row(&self, p: &PathwayJson) -> Vec<Cell> {
        let mut row = self.lead(p);
        row.extend([
            p.courses.to_string().into(),
            p.required.to_string().into(),
            p.covered.to_string().into(),
        ]);
        if let Some(credited) = p.credited {
            row.push(credited.to_string().into());
        }
        row.extend([
            pct_text(Some(p.coverage_pct)).into(),
            p.mastered.to_string().into(),
            pct_text(p.mastery_pct).into(),
            p.credentials.join(" ").into(),
            p.work_based_learning.join(", ").into(),
            p.findings.error.to_string().into(),
            p.findings.warning.to_string().into(),
            p.findings.info.to_string().into(),
        ]);
        row
    }

    fn detail_sheet(&self) -> Sheet {
        let columns = self.columns(
            [text("standard"), text("title"), text("covered"), text("depth"), text("courses")].to_vec(),
        );
        let mut rows = Vec::new();
        for p in &self.pathways {
            let (standards, rollups) =
                (p.standards.as_deref().unwrap_or(&[]), p.rollup.as_deref().unwrap_or(&[]));
            // Each parent's roll-up goes just before the first of its children.
            let mut rollup = rollups.iter().peekable();
            for sc in standards {
                while let Some(r) = rollup.next_if(|r| r.order < sc.order) {
                    let mut row = self.lead(p);
                    let covered = format!("{} of {}", r.covered, r.required);
                    row.extend([r.standard.into(), r.title.into(), covered.into(), "".into(), "".into()]);
                    rows.push(row);
                }
                let courses: Vec<String> = sc
                    .courses
                    .iter()
                    .map(|c| {
                        let course = match c.depth {
                            Some(d) => format!("{}:{d}", c.course),
                            None => c.course.to_string(),
                        };
                        match &c.via {
                            Some(via) => format!("{course} (via {} {})", via.standard, via.relation),
                            None => course,
                        }
                    })
                    .collect();
                let mut row = self.lead(p);
                row.extend([
                    Cell::from(sc.standard),
                    sc.title.into(),
                    if sc.covered { "yes" } else { "no" }.into(),
                    sc.depth.unwrap_or("").into(),
                    courses.join(" ").into(),
                ]);
                rows.push(row);
            }
        }
        Sheet { columns, rows, ..Sheet::default() }
    }
}
