//! `cte-align where CATALOG FS-7.1`: every course teaching a standard or any standard under it.

use serde::Serialize;

use crate::Outcome;
use crate::audit::query;
use crate::cli::WhereArgs;
use crate::model::{Lookup, PathwaySet, StandardsSet};
use crate::report::views::has_units;
use crate::report::{self, Cell, Report, Sheet, text};
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
    let target = match set.lookup(&args.standard) {
        Lookup::Found(i) | Lookup::Legacy(i) => i,
        Lookup::NotFound { suggestion } => anyhow::bail!(
            "unknown standard \"{}\"{}",
            args.standard,
            suggestion.map(|s| format!("; did you mean {s}?")).unwrap_or_default()
        ),
    };
    let loaded = super::load(set, &args.catalog, args.lenient)?;
    let filter = settings::filter(set, &args.filter, &loaded.catalog)?;
    super::warn_left_out(&loaded);
    let catalog = &loaded.catalog;
    let hits = query::where_taught(catalog, set, target, &filter);
    let pathway_ids = |p: PathwaySet| set.cluster.pathway_ids(p);
    let json: Vec<HitJson> = hits
        .iter()
        .map(|h| {
            let c = &catalog.courses[h.course];
            let evidence = catalog.evidence(h.course, h.standard);
            HitJson {
                district: &catalog.unit(c.unit).district,
                school: &catalog.unit(c.unit).school,
                course: &c.id,
                title: &c.title,
                pathways: pathway_ids(c.pathways),
                level: c.level,
                standard: &set.standard(h.standard).id,
                depth: h.depth.map(|d| set.cluster.depth_code(d)),
                evidence,
            }
        })
        .collect();
    let units = has_units(catalog);
    let mut columns = Vec::new();
    if units {
        columns.push(text("district"));
    }
    columns.extend(["course", "title", "pathways", "level", "standard", "depth", "evidence"].map(text));
    let rows = json
        .iter()
        .map(|h| {
            let mut row: Vec<Cell> = Vec::new();
            if units {
                row.push(
                    crate::model::Unit { district: h.district.into(), school: h.school.into() }
                        .label()
                        .into(),
                );
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
        })
        .collect();
    let s = set.standard(target);
    let sheet = Sheet {
        title: Some(format!("{} {}", s.id, s.title)),
        columns,
        rows,
        note: Some(format!("{} alignment{} found", hits.len(), if hits.len() == 1 { "" } else { "s" })),
    };
    let body = WhereJson { standard: &s.id, title: &s.title, courses: json };
    let report = Report { sheets: vec![sheet], primary: 0, json: report::json("where", body) };
    super::emit(&report, &args.output, &args.catalog)?;
    Ok(Outcome::Pass)
}
