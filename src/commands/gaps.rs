//! `cte-align gaps CATALOG`: every finding, most severe first. The main job.

use std::path::Path;

use serde::Serialize;

use crate::Outcome;
use crate::audit::{self, Code, Listing};
use crate::cli::{CatalogArgs, GapsArgs};
use crate::model::{Catalog, StandardsSet};
use crate::report::views::{FindingJson, SeverityCounts, finding_json, findings_sheet};
use crate::report::{self, Report, Sheet, text};
use crate::settings;

#[derive(Serialize)]
struct GapsJson<'a> {
    summary: SeverityCounts,
    passed: bool,
    findings: Vec<FindingJson<'a>>,
}

pub fn run(standards: Option<&Path>, args: GapsArgs) -> anyhow::Result<Outcome> {
    if let Some(code) = &args.explain {
        return explain(code, &args);
    }
    let Some(catalog) = &args.catalog else {
        anyhow::bail!("gaps needs a CATALOG (a course catalog CSV); see `cte-align gaps --help`");
    };
    let input = &CatalogArgs { catalog: catalog.clone(), read: args.read.clone() };
    let policy = settings::policy(&args.policy)?;
    let set = settings::standards(standards)?;
    let loaded = super::load(&set, input, args.policy.lenient)?;
    let filter = settings::filter(&set, &args.filter, &loaded.catalog)?;
    let result = audit::audit(
        &loaded.catalog,
        &set,
        &filter,
        &policy,
        &super::lenient_errors(&loaded),
        Listing::Summary,
    );
    if result.pathways.is_empty() {
        return Err(super::nothing_audited(&loaded.catalog, &set, &filter));
    }
    let passed = policy.passes(&result.findings, &result.pathways);
    let report = build_report(&result, &loaded.catalog, &set, passed);
    super::emit(&report, &args.output, input)?;
    super::leave_to_exit(report);
    super::leave_to_exit((loaded, result));
    Ok(if passed { Outcome::Pass } else { Outcome::Fail })
}

/// The gaps report: one row per finding, in the audit's order (most severe first).
pub fn build_report<'a>(
    result: &'a audit::Audit,
    catalog: &'a Catalog,
    set: &'a StandardsSet,
    passed: bool,
) -> Report<'a> {
    let findings: Vec<&audit::Finding> = result.findings.iter().collect();
    let counts = SeverityCounts::of(findings.iter().copied());
    let mut sheet = findings_sheet(&findings, catalog, set);
    sheet.note = Some(format!(
        "{} in {} pathway{} audited{}",
        counts.summary(),
        result.pathways.len(),
        if result.pathways.len() == 1 { "" } else { "s" },
        if passed { "" } else { "; the policy fails" }
    ));
    let json = GapsJson {
        summary: counts,
        passed,
        findings: findings.iter().map(|f| finding_json(f, catalog, set)).collect(),
    };
    Report { sheets: vec![sheet], primary: 0, json: report::json("gaps", json) }
}

/// `--explain CODE`: what a code means and how to fix it; `all` for every code.
fn explain(code: &str, args: &GapsArgs) -> anyhow::Result<Outcome> {
    let codes: Vec<Code> = if code.eq_ignore_ascii_case("all") {
        Code::ALL.to_vec()
    } else {
        vec![code.parse().map_err(anyhow::Error::msg)?]
    };
    #[derive(Serialize)]
    struct CodeJson {
        code: &'static str,
        default_severity: audit::Severity,
        description: &'static str,
        fix: &'static str,
    }
    let rows = codes
        .iter()
        .map(|c| {
            vec![
                c.name().into(),
                c.default_severity().to_string().into(),
                c.description().into(),
                c.fix().into(),
            ]
        })
        .collect();
    let sheet = Sheet {
        columns: vec![text("code"), text("default severity"), text("meaning"), text("how to fix")],
        rows,
        ..Sheet::default()
    };
    let json: Vec<CodeJson> = codes
        .iter()
        .map(|&c| CodeJson {
            code: c.name(),
            default_severity: c.default_severity(),
            description: c.description(),
            fix: c.fix(),
        })
        .collect();
    let report = Report {
        sheets: vec![sheet],
        primary: 0,
        json: report::json("explain", serde_json::json!({ "codes": json })),
    };
    let text = report::render(&report, settings::style(&args.output));
    report::write_output(&settings::destination(&args.output), &text, &[])?;
    Ok(Outcome::Pass)
}
