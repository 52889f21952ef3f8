//! `cte-align coverage CATALOG`: one row per district and pathway; `--detail`: one row per
//! required standard.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::Outcome;
use crate::audit::{self, Audit, Code, Listing, PathwayAudit, RollUp};
use crate::cli::CoverageArgs;
use crate::model::{Catalog, PathwayIdx, StandardsSet, UnitIdx};
use crate::report::views::{SeverityCounts, has_units};
use crate::report::{self, Cell, Format, Report, Sheet, number, text, to_stderr};
use crate::settings;

#[derive(Serialize)]
struct PathwayJson<'a> {
    district: &'a str,
    school: &'a str,
    pathway: &'a str,
    pathway_title: &'a str,
    courses: usize,
    required: usize,
    covered: usize,
    coverage_pct: f64,
    mastered: usize,
    /// `null` when no course of the pathway gives depths.
    mastery_pct: Option<f64>,
    credentials: Vec<&'a str>,
    work_based_learning: &'a [&'static str],
    findings: SeverityCounts,
    #[serde(skip_serializing_if = "Option::is_none")]
    standards: Option<Vec<StandardJson<'a>>>,
    /// With `--detail`: each standard above the coverage depth, rolled up from its children.
    #[serde(skip_serializing_if = "Option::is_none")]
    rollup: Option<Vec<RollUpJson<'a>>>,
}

#[derive(Serialize)]
struct CoverageJson<'a> {
    passed: bool,
    pathways: Vec<PathwayJson<'a>>,
    /// Findings no row counts: input problems (`--lenient`), and broad alignments of courses
    /// in several pathways. They count towards `passed`.
    unassigned_findings: SeverityCounts,
}

#[derive(Serialize)]
struct StandardJson<'a> {
    standard: &'a str,
    title: &'a str,
    covered: bool,
    depth: Option<&'a str>,
    mastered: Option<bool>,
    courses: Vec<CourseDepthJson<'a>>,
}

#[derive(Serialize)]
struct RollUpJson<'a> {
    standard: &'a str,
    title: &'a str,
    covered: usize,
    required: usize,
}

#[derive(Serialize)]
struct CourseDepthJson<'a> {
    course: &'a str,
    depth: Option<&'a str>,
}

/// Percentages as shown: one decimal place.
fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn pct_text(v: Option<f64>) -> String {
    v.map(|v| format!("{:.1}", round1(v))).unwrap_or_default()
}

pub fn run(set: &StandardsSet, args: CoverageArgs) -> anyhow::Result<Outcome> {
    let policy = settings::policy(&args.policy)?;
    let loaded = super::load(set, &args.catalog, args.policy.lenient)?;
    let filter = settings::filter(set, &args.filter, &loaded.catalog)?;
    let listing = if args.detail { Listing::Courses } else { Listing::Summary };
    let errors = super::lenient_errors(&loaded);
    let result = audit::audit(&loaded.catalog, set, &filter, &policy, &errors, listing);
    if result.pathways.is_empty() {
        return Err(super::nothing_audited(&loaded.catalog, set, &filter));
    }
    let passed = policy.passes(&result.findings, &result.pathways);
    // Counted once for both the report and the CSV note: on a statewide file the findings
    // number in the millions.
    let (counts, unassigned) = count_findings(&result);
    let report = report_of(&result, &counts, &unassigned, &loaded.catalog, set, args.detail, passed);
    super::emit(&report, &args.output, &args.catalog)?;
    if args.output.format == Format::Csv {
        // CSV has no place for the note the other formats carry.
        if let Some(note) = unassigned_note(&unassigned) {
            to_stderr(&format!("cte-align: note: {note}\n"));
        }
    }
    super::leave_to_exit(report);
    super::leave_to_exit((loaded, result, counts));
    Ok(if passed { Outcome::Pass } else { Outcome::Fail })
}

/// The coverage report: one row per district and pathway, or per required standard (`detail`).
pub fn build_report<'a>(
    result: &'a Audit,
    catalog: &'a Catalog,
    set: &'a StandardsSet,
    detail: bool,
    passed: bool,
) -> Report<'a> {
    let (counts, unassigned) = count_findings(result);
    report_of(result, &counts, &unassigned, catalog, set, detail, passed)
}

/// [`build_report`] from findings already counted.
fn report_of<'a>(
    result: &'a Audit,
    counts: &Counts,
    unassigned: &Unassigned,
    catalog: &'a Catalog,
    set: &'a StandardsSet,
    detail: bool,
    passed: bool,
) -> Report<'a> {
    let mut sheet =
        if detail { detail_sheet(result, catalog, set) } else { summary_sheet(result, counts, catalog, set) };
    sheet.note = Some(note(result, unassigned, passed));
    let pathways: Vec<PathwayJson> =
        result.pathways.iter().map(|pa| pathway_json(pa, counts, catalog, set, detail)).collect();
    let json = CoverageJson { passed, pathways, unassigned_findings: unassigned.counts };
    Report { sheets: vec![sheet], primary: 0, json: report::json("coverage", json) }
}

/// Finding counts per unit and pathway, counted in one pass over the findings.
type Counts = HashMap<(UnitIdx, PathwayIdx), SeverityCounts>;

/// The findings no row counts, by severity and by code.
#[derive(Default)]
struct Unassigned {
    counts: SeverityCounts,
    codes: BTreeMap<Code, usize>,
}

fn count_findings(result: &Audit) -> (Counts, Unassigned) {
    let rows: HashSet<(UnitIdx, PathwayIdx)> =
        result.pathways.iter().map(|pa| (pa.unit, pa.pathway)).collect();
    let mut counts: Counts = HashMap::new();
    let mut unassigned = Unassigned::default();
    for f in &result.findings {
        match (f.unit, f.pathway) {
            (Some(u), Some(p)) if rows.contains(&(u, p)) => counts.entry((u, p)).or_default().add(f.severity),
            _ => {
                unassigned.counts.add(f.severity);
                *unassigned.codes.entry(f.code).or_default() += 1;
            }
        }
    }
    (counts, unassigned)
}

/// The line under the table: every finding, those no row counts, and whether the policy fails.
fn note(result: &Audit, unassigned: &Unassigned, passed: bool) -> String {
    let n = result.pathways.len();
    let mut note = format!(
        "{} in {n} pathway{} audited",
        SeverityCounts::of(&result.findings).summary(),
        if n == 1 { "" } else { "s" }
    );
    if let Some(more) = unassigned_note(unassigned) {
        note.push_str("; ");
        note.push_str(&more);
    }
    if !passed {
        note.push_str("; the policy fails");
    }
    note
}

/// "3 findings belong to no single pathway ...", when some do: they fail a run like any other,
/// so a report that hid them would fail for no reason it shows.
fn unassigned_note(unassigned: &Unassigned) -> Option<String> {
    let total = unassigned.counts.error + unassigned.counts.warning + unassigned.counts.info;
    if total == 0 {
        return None;
    }
    let codes: Vec<String> = unassigned.codes.iter().map(|(code, k)| format!("{k} {code}")).collect();
    Some(format!(
        "{} ({}: {}) {} to no single pathway, so no row counts {it}; `cte-align gaps` lists {it}",
        crate::diagnostic::plural(total, "finding"),
        unassigned.counts.summary(),
        codes.join(", "),
        if total == 1 { "belongs" } else { "belong" },
        it = if total == 1 { "it" } else { "them" },
    ))
}

fn pathway_json<'a>(
    pa: &'a PathwayAudit,
    counts: &Counts,
    catalog: &'a Catalog,
    set: &'a StandardsSet,
    detail: bool,
) -> PathwayJson<'a> {
    let p = &set.cluster.pathways[pa.pathway];
    let mastery = set.cluster.mastery;
    PathwayJson {
        district: &catalog.unit(pa.unit).district,
        school: &catalog.unit(pa.unit).school,
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
        findings: counts.get(&(pa.unit, pa.pathway)).copied().unwrap_or_default(),
        standards: detail.then(|| {
            pa.standards
                .iter()
                .map(|sc| {
                    let s = set.standard(sc.standard);
                    StandardJson {
                        standard: &s.id,
                        title: &s.title,
                        covered: sc.covered(),
                        depth: sc.depth().map(|d| set.cluster.depth_code(d)),
                        mastered: sc.mastered(mastery),
                        courses: sc
                            .courses
                            .iter()
                            .map(|&(c, d)| CourseDepthJson {
                                course: &catalog.courses[c].id,
                                depth: d.map(|d| set.cluster.depth_code(d)),
                            })
                            .collect(),
                    }
                })
                .collect()
        }),
        rollup: detail.then(|| {
            let json = |r: RollUp| {
                let s = set.standard(r.standard);
                RollUpJson { standard: &s.id, title: &s.title, covered: r.covered, required: r.required }
            };
            pa.rollup(set).into_iter().map(json).collect()
        }),
    }
}

fn summary_sheet(result: &Audit, counts: &Counts, catalog: &Catalog, set: &StandardsSet) -> Sheet {
    let units = has_units(catalog);
    let mut columns = Vec::new();
    if units {
        columns.push(text("district"));
    }
    columns.extend([
        text("pathway"),
        number("courses"),
        number("required"),
        number("covered"),
        number("coverage %"),
        number("mastered"),
        number("mastery %"),
        text("credentials"),
        text("work-based learning"),
        number("errors"),
        number("warnings"),
        number("info"),
    ]);
    let mastery = set.cluster.mastery;
    let rows = result
        .pathways
        .iter()
        .map(|pa| {
            let counts = counts.get(&(pa.unit, pa.pathway)).copied().unwrap_or_default();
            let mut row: Vec<Cell> = Vec::new();
            if units {
                row.push(catalog.unit(pa.unit).label().into());
            }
            let creds: Vec<&str> =
                pa.credentials.iter().map(|&c| set.cluster.credentials[c].id.as_str()).collect();
            row.extend([
                Cell::from(set.cluster.pathways[pa.pathway].id.as_str()),
                pa.courses.len().to_string().into(),
                pa.required().to_string().into(),
                pa.covered().to_string().into(),
                pct_text(Some(pa.coverage_pct())).into(),
                pa.mastered(mastery).to_string().into(),
                pct_text(pa.mastery_pct(mastery)).into(),
                creds.join(" ").into(),
                pa.wbl.join(", ").into(),
                counts.error.to_string().into(),
                counts.warning.to_string().into(),
                counts.info.to_string().into(),
            ]);
            row
        })
        .collect();
    Sheet { columns, rows, ..Sheet::default() }
}

fn detail_sheet(result: &Audit, catalog: &Catalog, set: &StandardsSet) -> Sheet {
    let units = has_units(catalog);
    let mut columns = Vec::new();
    if units {
        columns.push(text("district"));
    }
    columns.extend([
        text("pathway"),
        text("standard"),
        text("title"),
        text("covered"),
        text("depth"),
        text("courses"),
    ]);
    let mut rows = Vec::new();
    for pa in &result.pathways {
        let lead = |row: &mut Vec<Cell>| {
            if units {
                row.push(catalog.unit(pa.unit).label().into());
            }
            row.push(Cell::from(set.cluster.pathways[pa.pathway].id.as_str()));
        };
        // Each parent's roll-up goes just before the first of its children.
        let mut rollup = pa.rollup(set).into_iter().peekable();
        for sc in &pa.standards {
            while let Some(r) = rollup.next_if(|r| r.standard < sc.standard) {
                let s = set.standard(r.standard);
                let mut row: Vec<Cell> = Vec::new();
                lead(&mut row);
                let covered = format!("{} of {}", r.covered, r.required);
                row.extend([
                    s.id.as_str().into(),
                    s.title.as_str().into(),
                    covered.into(),
                    "".into(),
                    "".into(),
                ]);
                rows.push(row);
            }
            let s = set.standard(sc.standard);
            let courses: Vec<String> = sc
                .courses
                .iter()
                .map(|&(c, d)| match d {
                    Some(d) => format!("{}:{}", catalog.courses[c].id, set.cluster.depth_code(d)),
                    None => catalog.courses[c].id.to_string(),
                })
                .collect();
            let mut row: Vec<Cell> = Vec::new();
            lead(&mut row);
            row.extend([
                Cell::from(s.id.as_str()),
                s.title.as_str().into(),
                if sc.covered() { "yes" } else { "no" }.into(),
                sc.depth().map(|d| set.cluster.depth_code(d)).unwrap_or("").into(),
                courses.join(" ").into(),
            ]);
            rows.push(row);
        }
    }
    Sheet { columns, rows, ..Sheet::default() }
}
