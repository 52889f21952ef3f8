//! `cte-align coverage CATALOG`: one row per district and pathway; `--detail`: one row per
//! required standard.

use crate::Outcome;
use crate::audit::{self, Listing};
use crate::model::StandardsSet;
use crate::report::views::CoverageParts;
use crate::settings::{self, AuditJob};

pub fn run(set: &StandardsSet, job: &AuditJob, detail: bool) -> anyhow::Result<Outcome> {
    let loaded = super::load(set, &job.input, job.lenient)?;
    super::warn_unlisted(&loaded.diags);
    let filter = settings::filter(set, &job.scope, &loaded.catalog)?;
    settings::check_thresholds(set, &job.policy.thresholds)?;
    let listing = if detail { Listing::Courses } else { Listing::Summary };
    let (catalog, policy) = (&loaded.catalog, &job.policy);
    // Unit by unit: each unit's rows are kept, its per-standard coverage and findings let go.
    let mut parts = CoverageParts::new(catalog, set, detail);
    let errors = loaded.errors();
    let done = audit::audit_in_parts(catalog, set, &filter, policy, &errors, listing, |p, f| parts.add(p, f));
    if done.pathways == 0 {
        return Err(super::nothing_audited(catalog, set, &filter));
    }
    let view = parts.finish(&done.failures);
    super::emit(&view, &job.output, Some(&job.input))?;
    super::leave_to_exit(view);
    super::leave_to_exit(loaded);
    Ok(if done.failures.is_empty() { Outcome::Pass } else { Outcome::Fail })
}
