//! The `report` view: everything to hand out, grouped by district, then pathway. Each pathway
//! of each district has its coverage summary (with pass or fail against the policy), its heat
//! map and its findings; the findings that belong to no single pathway (input problems, broad
//! alignments) come last. A heat map is the pathway's full matrix (courses in sequence order
//! against its required standards, [`MatrixView`]) when at most [`FULL_MATRIX_UNITS`] districts
//! are audited; beyond that, a strip of one cell per required standard, so a statewide report
//! stays small. The HTML and XLSX renderers (`report::html`, `report::xlsx`) lay it out; the
//! tabular formats get the summary and the findings.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::coverage::round1;
use super::{FindingList, Heading, MatrixView, SeverityCounts};
use crate::audit::{Audit, Finding, PathwayAudit, Policy, Selection};
use crate::diagnostic::plural;
use crate::model::{Catalog, PathwayIdx, StandardsSet, Unit, UnitIdx};
use crate::report::{Cell, Sheet, View, number, text};

/// The most districts whose heat maps show every course; more get a strip per pathway.
pub const FULL_MATRIX_UNITS: usize = 20;

#[derive(Serialize)]
pub struct ReportView<'a> {
    pub(crate) passed: bool,
    pub(crate) summary: SeverityCounts,
    /// The depth scale, lowest first, as codes and names (I Introduced, ...).
    pub(crate) depth_scale: Vec<DepthJson<'a>>,
    pub(crate) districts: Vec<DistrictReport<'a>>,
    /// Findings no pathway row holds: input problems (`--lenient`) and broad alignments.
    pub(crate) other_findings: FindingList<'a>,
    #[serde(skip)]
    pub(crate) shown: Shown<'a>,
}

/// What only the renderers use.
pub(crate) struct Shown<'a> {
    /// Whether the catalog names districts or schools (else it is one unnamed program).
    pub units: bool,
    /// The catalog's file name, for the page's heading.
    pub file: &'a str,
    pub heading: Heading,
    pub set: &'a StandardsSet,
    pub catalog: &'a Catalog,
    /// The findings shown (`--code`, `--severity`, `--pathway`, `--top`; by default every
    /// one), in the audit's order (most severe first), for the tabular formats.
    pub all: Vec<&'a Finding>,
}

#[derive(Serialize)]
pub(crate) struct DepthJson<'a> {
    pub code: &'a str,
    pub name: &'a str,
}

#[derive(Serialize)]
pub(crate) struct DistrictReport<'a> {
    pub district: &'a str,
    pub school: &'a str,
    pub passed: bool,
    pub pathways: Vec<PathwayReport<'a>>,
}

impl DistrictReport<'_> {
    pub fn label(&self) -> String {
        Unit { district: self.district.into(), school: self.school.into() }.label()
    }

    pub fn findings(&self) -> SeverityCounts {
        let mut all = SeverityCounts::default();
        for p in &self.pathways {
            all.error += p.findings.error;
            all.warning += p.findings.warning;
            all.info += p.findings.info;
        }
        all
    }
}

#[derive(Serialize)]
pub(crate) struct PathwayReport<'a> {
    pub pathway: &'a str,
    pub pathway_title: &'a str,
    pub courses: usize,
    pub required: usize,
    pub covered: usize,
    pub coverage_pct: f64,
    pub mastered: usize,
    /// `null` when no course of the pathway gives depths.
    pub mastery_pct: Option<f64>,
    pub credentials: Vec<&'a str>,
    pub work_based_learning: &'a [&'static str],
    pub findings: SeverityCounts,
    /// Whether this pathway alone meets the policy.
    pub passed: bool,
    /// Each required standard: covered or not, and its highest depth.
    pub standards: Vec<StripJson<'a>>,
    /// The full heat map, for a report of at most [`FULL_MATRIX_UNITS`] districts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matrix: Option<MatrixView<'a>>,
    pub gaps: FindingList<'a>,
}

#[derive(Serialize)]
pub(crate) struct StripJson<'a> {
    pub standard: &'a str,
    pub title: &'a str,
    pub covered: bool,
    pub depth: Option<&'a str>,
}

impl<'a> ReportView<'a> {
    pub fn new(
        result: &'a Audit,
        catalog: &'a Catalog,
        set: &'a StandardsSet,
        policy: &Policy,
        show: &Selection,
        passed: bool,
        full: bool,
    ) -> Self {
        let (mut by_row, other) = group_findings(result);
        let shown = show.select(&result.findings);
        // The counts and verdicts are of every finding; the lists hold those shown.
        let picked: HashSet<*const Finding> = shown.iter().map(|&f| std::ptr::from_ref(f)).collect();
        let is_shown = |f: &&Finding| picked.contains(&std::ptr::from_ref(*f));
        let mut districts: Vec<DistrictReport> = Vec::new();
        for pa in &result.pathways {
            let findings = by_row.remove(&(pa.unit, pa.pathway)).unwrap_or_default();
            let mut row = pathway_report(pa, findings, catalog, set, policy, full);
            row.gaps.findings.retain(is_shown);
            let unit = catalog.unit(pa.unit);
            match districts.last_mut() {
                Some(d) if d.district == unit.district && d.school == unit.school => d.pathways.push(row),
                _ => districts.push(DistrictReport {
                    district: &unit.district,
                    school: &unit.school,
                    passed: true,
                    pathways: vec![row],
                }),
            }
        }
        for d in &mut districts {
            d.passed = d.pathways.iter().all(|p| p.passed);
        }
        let depth_scale =
            set.cluster.depth_scale.iter().map(|d| DepthJson { code: &d.code, name: &d.name }).collect();
        ReportView {
            passed,
            summary: SeverityCounts::of(&result.findings),
            depth_scale,
            districts,
            other_findings: FindingList {
                findings: other.into_iter().filter(is_shown).collect(),
                catalog,
                set,
            },
            shown: Shown {
                units: catalog.has_units(),
                file: &catalog.file,
                heading: Heading::new("CTE alignment report", catalog, set, &result.pathways),
                set,
                catalog,
                all: shown,
            },
        }
    }
}

type ByRow<'a> = HashMap<(UnitIdx, PathwayIdx), Vec<&'a Finding>>;

/// The findings of each audited pathway row, and the rest, each in the audit's order.
fn group_findings(result: &Audit) -> (ByRow<'_>, Vec<&Finding>) {
    let mut by_row: ByRow = result.pathways.iter().map(|pa| ((pa.unit, pa.pathway), Vec::new())).collect();
    let mut other = Vec::new();
    for f in &result.findings {
        match f.unit.zip(f.pathway).and_then(|key| by_row.get_mut(&key)) {
            Some(list) => list.push(f),
            None => other.push(f),
        }
    }
    (by_row, other)
}

fn pathway_report<'a>(
    pa: &'a PathwayAudit,
    findings: Vec<&'a Finding>,
    catalog: &'a Catalog,
    set: &'a StandardsSet,
    policy: &Policy,
    full: bool,
) -> PathwayReport<'a> {
    let p = &set.cluster.pathways[pa.pathway];
    let mastery = set.cluster.mastery;
    let strip = |sc: &crate::audit::StandardCoverage| {
        let s = set.standard(sc.standard);
        StripJson {
            standard: &s.id,
            title: &s.title,
            covered: sc.covered(),
            depth: sc.depth().map(|d| set.cluster.depth_code(d)),
        }
    };
    PathwayReport {
        pathway: &p.id,
        pathway_title: &p.title,
        courses: pa.courses.len(),
        required: pa.required(),
        covered: pa.covered(),
        coverage_pct: round1(pa.coverage_pct()),
        mastered: pa.mastered(mastery),
        mastery_pct: pa.mastery_pct(mastery).map(round1),
        credentials: pa.credentials.iter().map(|&c| set.cluster.credentials[c].id.as_str()).collect(),
        work_based_learning: &pa.wbl,
        findings: SeverityCounts::of(findings.iter().copied()),
        passed: policy.passes_each(findings.iter().copied(), std::slice::from_ref(pa), set),
        standards: pa.standards.iter().map(strip).collect(),
        matrix: full.then(|| MatrixView::new(pa, catalog, set)),
        gaps: FindingList { findings, catalog, set },
    }
}

/// A percentage as the tables show it: one decimal place.
pub(crate) fn pct(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.1}")).unwrap_or_default()
}

impl View for ReportView<'_> {
    const COMMAND: &'static str = "report";

    /// "the audit of 3 pathways in 1 district (190 findings)", for the line that says a file
    /// was written.
    fn contents(&self) -> String {
        let pathways: usize = self.districts.iter().map(|d| d.pathways.len()).sum();
        let findings = self.summary.error + self.summary.warning + self.summary.info;
        format!(
            "the audit of {} in {} ({})",
            plural(pathways, "pathway"),
            plural(self.districts.len(), "district"),
            plural(findings, "finding")
        )
    }

    /// The summary (one row per district and pathway), then every finding.
    fn sheets(&self) -> Vec<Sheet> {
        let mut columns = if self.shown.units { vec![text("district")] } else { Vec::new() };
        columns.extend([
            text("pathway"),
            number("courses"),
            number("covered"),
            number("required"),
            number("coverage %"),
            number("mastery %"),
            number("errors"),
            number("warnings"),
            number("info"),
            text("result"),
        ]);
        let mut rows = Vec::new();
        for d in &self.districts {
            for p in &d.pathways {
                let mut row: Vec<Cell> = if self.shown.units { vec![d.label().into()] } else { Vec::new() };
                row.extend([
                    p.pathway.into(),
                    p.courses.to_string().into(),
                    p.covered.to_string().into(),
                    p.required.to_string().into(),
                    pct(Some(p.coverage_pct)).into(),
                    pct(p.mastery_pct).into(),
                    p.findings.error.to_string().into(),
                    p.findings.warning.to_string().into(),
                    p.findings.info.to_string().into(),
                    if p.passed { "pass" } else { "fail" }.into(),
                ]);
                rows.push(row);
            }
        }
        let summary = Sheet { title: Some("Summary".into()), columns, rows, note: None };
        let mut findings = super::findings_sheet(&self.shown.all, self.shown.catalog, self.shown.set);
        findings.title = Some("Findings".into());
        findings.note = Some(format!(
            "{}{}",
            self.summary.summary(),
            if self.passed { "" } else { "; the policy fails" }
        ));
        vec![summary, findings]
    }

    fn heading(&self) -> Option<&Heading> {
        Some(&self.shown.heading)
    }

    /// CSV holds the findings, as `gaps` does.
    fn primary(&self) -> usize {
        1
    }

    fn csv(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        super::write_findings_csv(&self.shown.all, self.shown.catalog, self.shown.set, out)
    }

    fn html(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        crate::report::html::report(self, out)
    }

    fn workbook(&self) -> Result<rust_xlsxwriter::Workbook, rust_xlsxwriter::XlsxError> {
        crate::report::xlsx::report(self)
    }
}
