//! `cte-align where CATALOG FS-7.1`: every course teaching a standard or any standard under it.

use serde::Serialize;

use crate::Outcome;
use crate::audit::query::{self, WhereHit};
use crate::cli::WhereArgs;
use crate::model::{Catalog, Lookup, StandardIdx, StandardsSet, Unit};
use crate::report::views::has_units;
use crate::report::{self, Cell, Column, Report, Sheet, text};
use crate::settings;

#[derive(Serialize)]
struct WhereJson<'a> {
    standard: &'a str,
    title: &'a str,
    courses: Vec<HitJson<'a>>,
}

#[derive(Serialize)]
struct HitJson<'a> {
    district: &'a str,
    school: &'a str,
    course: &'a str,
    title: &'a str,
    pathways: Vec<&'a str>,
    level: Option<u8>,
    standard: &'a str,
    depth: Option<&'a str>,
    evidence: &'a str,
}

pub fn run(set: &StandardsSet, args: WhereArgs) -> anyhow::Result<Outcome> {
    let target = standard(set, &args.standard)?;
    let loaded = super::load(set, &args.catalog, args.lenient)?;
    let filter = settings::filter(set, &args.filter, &loaded.catalog)?;
    super::warn_left_out(&loaded);
    let hits = query::where_taught(&loaded.catalog, set, target, &filter);
    let report = where_report(&hits, target, &loaded.catalog, set);
    super::emit(&report, &args.output, &args.catalog)?;
    Ok(Outcome::Pass)
}

/// The standard asked about, found by its ID or its 2015-style code.
fn standard(set: &StandardsSet, id: &str) -> anyhow::Result<StandardIdx> {
    match set.lookup(id) {
        Lookup::Found(i) | Lookup::Legacy(i) => Ok(i),
        Lookup::NotFound { suggestion } => anyhow::bail!(
            "unknown standard \"{id}\"{}",
            suggestion.map(|s| format!("; did you mean {s}?")).unwrap_or_default()
        ),
    }
}

/// The report: the standard as the title, one row per alignment, and how many were found.
fn where_report<'a>(
    hits: &[WhereHit],
    target: StandardIdx,
    catalog: &'a Catalog,
    set: &'a StandardsSet,
) -> Report<'a> {
    let json: Vec<HitJson> = hits.iter().map(|h| hit_json(h, catalog, set)).collect();
    let (s, units) = (set.standard(target), has_units(catalog));
    let sheet = Sheet {
        title: Some(format!("{} {}", s.id, s.title)),
        columns: columns(units),
        rows: json.iter().map(|h| row(h, units)).collect(),
        note: Some(format!("{} alignment{} found", hits.len(), if hits.len() == 1 { "" } else { "s" })),
    };
    let body = WhereJson { standard: &s.id, title: &s.title, courses: json };
    Report { sheets: vec![sheet], primary: 0, json: report::json("where", body) }
}

fn hit_json<'a>(h: &WhereHit, catalog: &'a Catalog, set: &'a StandardsSet) -> HitJson<'a> {
    let c = &catalog.courses[h.course];
    HitJson {
        district: &catalog.unit(c.unit).district,
        school: &catalog.unit(c.unit).school,
        course: &c.id,
        title: &c.title,
        pathways: set.cluster.pathway_ids(c.pathways),
        level: c.level,
        standard: &set.standard(h.standard).id,
        depth: h.depth.map(|d| set.cluster.depth_code(d)),
        evidence: catalog.evidence(h.course, h.standard),
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
    if units {
        row.push(Unit { district: h.district.into(), school: h.school.into() }.label().into());
    }
    row.extend([
        h.course.into(),
        h.title.into(),
        h.pathways.join(" ").into(),
        h.level.map(|l| l.to_string()).unwrap_or_default().into(),
        h.standard.into(),
        h.depth.unwrap_or("").into(),
        h.evidence.into(),
    ]);
    row
}
