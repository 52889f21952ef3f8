//! `cte-align report CATALOG -o audit.html`: everything to hand out in one file (the coverage
//! summary, each pathway's heat map, the findings with their fixes), for people who read a
//! page or a workbook rather than a terminal.

use crate::Outcome;
use crate::audit::{self, Listing};
use crate::model::StandardsSet;
use crate::report::views::{FULL_MATRIX_UNITS, ReportView};
use crate::settings::{self, AuditJob};

pub fn run(set: &StandardsSet, job: &AuditJob) -> anyhow::Result<Outcome> {
    let loaded = super::load(set, &job.input, job.lenient)?;
    super::warn_unlisted(&loaded.diags);
    let filter = settings::filter(set, &job.scope, &loaded.catalog)?;
    let units = loaded.catalog.units.iter().filter(|u| filter.unit(u)).count();
    // Course-by-standard heat maps only where they stay readable (and small): a statewide
    // file gets one strip of standards per pathway instead, which needs no course lists.
    let listing = if units <= FULL_MATRIX_UNITS { Listing::Courses } else { Listing::Summary };
    let errors = loaded.errors();
    let result = audit::audit(&loaded.catalog, set, &filter, &job.policy, &errors, listing);
    if result.pathways.is_empty() {
        return Err(super::nothing_audited(&loaded.catalog, set, &filter));
    }
    let passed = job.policy.passes(&result.findings, &result.pathways, set);
    let full = listing == Listing::Courses;
    let view = ReportView::new(&result, &loaded.catalog, set, &job.policy, &job.show, passed, full);
    super::emit(&view, &job.output, Some(&job.input))?;
    super::leave_to_exit(view);
    super::leave_to_exit((loaded, result));
    Ok(if passed { Outcome::Pass } else { Outcome::Fail })
}
