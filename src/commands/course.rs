//! `cte-align course CATALOG COURSE_ID`: one course, its alignments with titles, and the
//! findings that involve it.

use serde::Serialize;

use crate::Outcome;
use crate::audit::{self, Filter, Finding, Listing, Policy, query};
use crate::cli::CourseArgs;
use crate::model::{Catalog, Course, CourseIdx, StandardsSet};
use crate::report::views::{FindingJson, finding_json, findings_sheet};
use crate::report::{self, Cell, Report, Sheet, text};

#[derive(Serialize)]
struct AlignmentJson<'a> {
    standard: &'a str,
    title: &'a str,
    depth: Option<&'a str>,
    /// The required standard the alignment counts for; null when it is too broad to count.
    counts_for: Option<&'a str>,
    evidence: &'a str,
}

pub fn run(set: &StandardsSet, args: CourseArgs) -> anyhow::Result<Outcome> {
    let loaded = super::load(set, &args.catalog, args.lenient)?;
    let catalog = &loaded.catalog;
    let course = find_course(catalog, &args.course, &args.district)?;
    // The whole of the course's district is audited, so every finding that involves the
    // course is found, whichever pathway it belongs to.
    let filter = Filter { pathways: Vec::new(), units: vec![catalog.unit_of(course).label()] };
    let result = audit::audit(catalog, set, &filter, &Policy::default(), &[], Listing::Summary);
    let findings = query::course_findings(&result.findings, course, catalog);
    super::warn_left_out(&loaded);
    let report = course_report(course, &findings, catalog, set);
    super::emit(&report, &args.output, &args.catalog)?;
    Ok(Outcome::Pass)
}

/// The one course with this ID in the `--district`s given: none, or one in each of several
/// districts, is an error that says what to do.
fn find_course(catalog: &Catalog, id: &str, districts: &[String]) -> anyhow::Result<CourseIdx> {
    let filter = Filter { pathways: Vec::new(), units: crate::settings::districts(catalog, districts)? };
    match query::find_courses(catalog, id, &filter).as_slice() {
        [one] => Ok(*one),
        [] => anyhow::bail!(
            "no course \"{id}\" in {}{}",
            catalog.file,
            crate::suggest::did_you_mean(id, catalog.courses.iter().map(|c| c.id.as_str()))
        ),
        many => {
            let units: Vec<String> = many.iter().map(|&c| catalog.unit_of(c).label()).collect();
            anyhow::bail!(
                "course \"{id}\" is in {} districts ({}); choose one with --district",
                many.len(),
                units.join(", ")
            )
        }
    }
}

/// The report: the course's details, its alignments (the CSV sheet), and its findings.
fn course_report<'a>(
    idx: CourseIdx,
    findings: &[&'a Finding],
    catalog: &'a Catalog,
    set: &'a StandardsSet,
) -> Report<'a> {
    let course = &catalog.courses[idx];
    let alignments = alignments_json(idx, catalog, set);
    let sheets = vec![
        details_sheet(course, catalog, set),
        alignments_sheet(&alignments),
        course_findings_sheet(findings, catalog, set),
    ];
    let findings = findings.iter().map(|f| finding_json(f, catalog, set)).collect();
    let body = CourseReportJson { course: course_json(course, catalog, set), alignments, findings };
    Report { sheets, primary: 1, json: report::json("course", body) }
}

/// The course's alignments, by standard.
fn alignments_json<'a>(
    idx: CourseIdx,
    catalog: &'a Catalog,
    set: &'a StandardsSet,
) -> Vec<AlignmentJson<'a>> {
    let mut sorted: Vec<_> = catalog.courses[idx].alignments.iter().collect();
    sorted.sort_by_key(|a| a.standard);
    sorted
        .into_iter()
        .map(|a| {
            let s = set.standard(a.standard);
            AlignmentJson {
                standard: &s.id,
                title: &s.title,
                depth: a.depth.map(|d| set.cluster.depth_code(d)),
                counts_for: set.counted_as(a.standard).map(|c| set.standard(c).id.as_str()),
                evidence: catalog.evidence(idx, a.standard),
            }
        })
        .collect()
}

fn alignments_sheet(alignments: &[AlignmentJson]) -> Sheet {
    Sheet {
        title: Some("Alignments".into()),
        columns: ["standard", "title", "depth", "counts for", "evidence"].map(text).to_vec(),
        rows: alignments
            .iter()
            .map(|a| {
                [a.standard, a.title, a.depth.unwrap_or(""), a.counts_for.unwrap_or(""), a.evidence]
                    .map(Cell::from)
                    .to_vec()
            })
            .collect(),
        note: alignments.is_empty().then(|| "no alignments".to_string()),
    }
}

fn course_findings_sheet(findings: &[&Finding], catalog: &Catalog, set: &StandardsSet) -> Sheet {
    let mut sheet = findings_sheet(findings, catalog, set);
    sheet.title = Some("Findings".into());
    if findings.is_empty() {
        sheet.note = Some("no findings involve this course".into());
    }
    sheet
}

fn pathway_ids<'a>(course: &Course, set: &'a StandardsSet) -> Vec<&'a str> {
    set.cluster.pathway_ids(course.pathways)
}

#[derive(Serialize)]
struct CourseReportJson<'a> {
    course: CourseJson<'a>,
    alignments: Vec<AlignmentJson<'a>>,
    findings: Vec<FindingJson<'a>>,
}

#[derive(Serialize)]
struct CourseJson<'a> {
    district: &'a str,
    school: &'a str,
    course: &'a str,
    title: &'a str,
    pathways: Vec<&'a str>,
    level: Option<u8>,
    credits: &'a str,
    grades: &'a str,
    sced: &'a str,
    description: &'a str,
    credentials: Vec<&'a str>,
    work_based_learning: &'a [&'static str],
}

fn course_json<'a>(course: &'a Course, catalog: &'a Catalog, set: &'a StandardsSet) -> CourseJson<'a> {
    CourseJson {
        district: &catalog.unit(course.unit).district,
        school: &catalog.unit(course.unit).school,
        course: &course.id,
        title: &course.title,
        pathways: pathway_ids(course, set),
        level: course.level,
        credits: &catalog.details(course).credits,
        grades: &catalog.details(course).grades,
        sced: &catalog.details(course).sced,
        description: &catalog.details(course).description,
        credentials: course.credentials.iter().map(|&c| set.cluster.credentials[c].id.as_str()).collect(),
        work_based_learning: &course.wbl,
    }
}

fn details_sheet(course: &Course, catalog: &Catalog, set: &StandardsSet) -> Sheet {
    let credentials: Vec<&str> =
        course.credentials.iter().map(|&c| set.cluster.credentials[c].id.as_str()).collect();
    let fields = [
        ("district", catalog.unit(course.unit).label()),
        ("course", course.id.to_string()),
        ("title", course.title.to_string()),
        ("pathways", pathway_ids(course, set).join(" ")),
        ("level", course.level.map(|l| l.to_string()).unwrap_or_default()),
        ("credits", catalog.details(course).credits.to_string()),
        ("grades", catalog.details(course).grades.to_string()),
        ("SCED", catalog.details(course).sced.to_string()),
        ("description", catalog.details(course).description.clone()),
        ("credentials", credentials.join(" ")),
        ("work-based learning", course.wbl.join(", ")),
    ];
    Sheet {
        title: Some(format!("{} {}", course.id, course.title)),
        columns: vec![text("field"), text("value")],
        rows: fields
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| vec![Cell::from(k), Cell::from(v)])
            .collect(),
        note: None,
    }
}
