//! `cte-align coverage CATALOG`: one row per district and pathway; `--detail`: one row per
//! required standard.

use crate::Outcome;
use crate::audit::{self, Listing};
use crate::model::StandardsSet;
use crate::report::views::CoverageView;
use crate::settings::{self, AuditJob};

pub fn run(set: &StandardsSet, job: &AuditJob, detail: bool) -> anyhow::Result<Outcome> {
    let loaded = super::load(set, &job.input, job.lenient)?;
    super::warn_unlisted(&loaded);
    let filter = settings::filter(set, &job.scope, &loaded.catalog)?;
    settings::check_thresholds(set, &job.policy.thresholds)?;
    let listing = if detail { Listing::Courses } else { Listing::Summary };
    let errors = loaded.errors();
    let result = audit::audit(&loaded.catalog, set, &filter, &job.policy, &errors, listing);
    if result.pathways.is_empty() {
        return Err(super::nothing_audited(&loaded.catalog, set, &filter));
    }
    let failures = job.policy.failures(&result.findings, &result.pathways, set);
    let view = CoverageView::new(&result, &loaded.catalog, set, detail, &failures);
    super::emit(&view, &job.output, Some(&job.input))?;
    super::leave_to_exit(view);
    super::leave_to_exit((loaded, result));
    Ok(if failures.is_empty() { Outcome::Pass } else { Outcome::Fail })
}
