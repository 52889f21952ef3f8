//! `cte-align matrix CATALOG --pathway TS`: the pathway's courses, in sequence order, against
//! its required standards. Standards are rows, so a wide program stays readable.

use serde::Serialize;

use crate::Outcome;
use crate::audit::{self, Filter, Listing, PathwayAudit, Policy};
use crate::cli::MatrixArgs;
use crate::model::{Catalog, StandardsSet};
use crate::report::{self, Cell, Report, Sheet, Tone, number, text};
use crate::settings;

/// The mark for a course that covers a standard without saying how deeply.
const UNKNOWN_DEPTH: &str = "x";

#[derive(Serialize)]
struct MatrixJson<'a> {
    district: &'a str,
    school: &'a str,
    pathway: &'a str,
    courses: Vec<CourseJson<'a>>,
    standards: Vec<RowJson<'a>>,
}

#[derive(Serialize)]
struct CourseJson<'a> {
    course: &'a str,
    title: &'a str,
    level: Option<u8>,
}

#[derive(Serialize)]
struct RowJson<'a> {
    standard: &'a str,
    title: &'a str,
    /// One entry per course, in the order of `courses`: the depth code, "x" for a course that
    /// gives no depth, or null.
    cells: Vec<Option<&'a str>>,
    depth: Option<&'a str>,
}

pub fn run(set: &StandardsSet, args: MatrixArgs) -> anyhow::Result<Outcome> {
    let loaded = super::load(set, &args.catalog, args.lenient)?;
    let pathway = settings::pathway(set, &args.pathway)?;
    let catalog = &loaded.catalog;
    let filter = Filter { pathways: vec![pathway], units: settings::districts(catalog, &args.district)? };
    let units: Vec<String> = catalog.units.iter().filter(|u| filter.unit(u)).map(|u| u.label()).collect();
    if units.len() > 1 {
        anyhow::bail!(
            "{} holds {} districts ({}); choose one with --district",
            catalog.file,
            units.len(),
            units.join(", ")
        );
    }
    let result = audit::audit(catalog, set, &filter, &Policy::default(), &[], Listing::Courses);
    let Some(pa) = result.pathways.first() else {
        anyhow::bail!(
            "no course in {} names pathway {}; the matrix needs at least one",
            catalog.file,
            set.cluster.pathways[pathway].id
        );
    };
    super::warn_left_out(&loaded);
    let report = matrix_report(pa, catalog, set);
    super::emit(&report, &args.output, &args.catalog)?;
    Ok(Outcome::Pass)
}

fn cell_code<'a>(pa: &PathwayAudit, row: usize, course: usize, set: &'a StandardsSet) -> Option<&'a str> {
    let (_, depth) = pa.standards[row].courses.iter().find(|(c, _)| *c == course)?;
    Some(depth.map_or(UNKNOWN_DEPTH, |d| set.cluster.depth_code(d)))
}

fn matrix_report<'a>(pa: &'a PathwayAudit, catalog: &'a Catalog, set: &'a StandardsSet) -> Report<'a> {
    let p = &set.cluster.pathways[pa.pathway];
    let mut columns = vec![text("standard"), text("title")];
    columns.extend(pa.courses.iter().map(|&c| text(catalog.courses[c].id.as_str())));
    columns.extend([number("courses"), text("depth")]);
    let mastery = set.cluster.mastery;
    let mut rows = Vec::new();
    for (i, sc) in pa.standards.iter().enumerate() {
        let s = set.standard(sc.standard);
        let mut row: Vec<Cell> = vec![s.id.as_str().into(), s.title.as_str().into()];
        row.extend(pa.courses.iter().map(|&c| Cell::from(cell_code(pa, i, c, set).unwrap_or(""))));
        let tone = match (sc.covered(), sc.mastered(mastery)) {
            (false, _) => Tone::Error,
            (true, Some(false)) => Tone::Warning,
            _ => Tone::Good,
        };
        row.push(sc.courses.len().to_string().into());
        row.push(Cell::toned(
            sc.depth().map_or(if sc.covered() { UNKNOWN_DEPTH } else { "" }, |d| set.cluster.depth_code(d)),
            tone,
        ));
        rows.push(row);
    }
    let mut totals: Vec<Cell> = vec!["".into(), "standards covered".into()];
    totals.extend(pa.courses.iter().map(|&c| {
        Cell::from(
            pa.standards.iter().filter(|sc| sc.courses.iter().any(|(x, _)| *x == c)).count().to_string(),
        )
    }));
    totals.extend([pa.covered().to_string().into(), "".into()]);
    rows.push(totals);
    let sheet = Sheet {
        title: Some(format!("{} {}{}", p.id, p.title, unit_suffix(pa, catalog))),
        columns,
        rows,
        note: Some(format!(
            "{} of {} required standards covered; depth {} ({} = covered, depth not given)",
            pa.covered(),
            pa.required(),
            set.cluster
                .depth_scale
                .iter()
                .map(|d| format!("{} {}", d.code, d.name))
                .collect::<Vec<_>>()
                .join(", "),
            UNKNOWN_DEPTH
        )),
    };
    let json = MatrixJson {
        district: &catalog.unit(pa.unit).district,
        school: &catalog.unit(pa.unit).school,
        pathway: &p.id,
        courses: pa
            .courses
            .iter()
            .map(|&c| {
                let course = &catalog.courses[c];
                CourseJson { course: &course.id, title: &course.title, level: course.level }
            })
            .collect(),
        standards: pa
            .standards
            .iter()
            .enumerate()
            .map(|(i, sc)| {
                let s = set.standard(sc.standard);
                RowJson {
                    standard: &s.id,
                    title: &s.title,
                    cells: pa.courses.iter().map(|&c| cell_code(pa, i, c, set)).collect(),
                    depth: sc.depth().map(|d| set.cluster.depth_code(d)),
                }
            })
            .collect(),
    };
    Report { sheets: vec![sheet], primary: 0, json: report::json("matrix", json) }
}

fn unit_suffix(pa: &PathwayAudit, catalog: &Catalog) -> String {
    let label = catalog.unit(pa.unit).label();
    if label.is_empty() { String::new() } else { format!(" — {label}") }
}
