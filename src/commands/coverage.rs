//! `cte-align coverage CATALOG`: one row per district and pathway; `--detail`: one row per
//! required standard.

use crate::Outcome;
use crate::audit::{self, Listing};
use crate::model::StandardsSet;
use crate::report::views::CoverageParts;
use crate::settings::{self, AuditJob};

pub fn run(set: &StandardsSet, job: &AuditJob, detail: bool) -> anyhow::Result<Outcome> {
    let loaded = super::load(set, &job.input, job.lenient)?;
    super::warn_unlisted(&loaded);
    let filter = settings::filter(set, &job.scope, &loaded.catalog)?;
    settings::check_thresholds(set, &job.policy.thresholds)?;
    let listing = if detail { Listing::Courses } else { Listing::Summary };
    let (catalog, policy) = (&loaded.catalog, &job.policy);
    // Unit by unit: each unit's rows are kept, its per-standard coverage and findings let go.
    let (mut parts, mut failures) = (CoverageParts::new(catalog, set, detail), Vec::new());
    audit::audit_by_unit(catalog, set, &filter, policy, listing, |unit| {
        parts.add(&unit.pathways, &unit.findings);
        failures.extend(policy.pathway_failures(&unit.pathways, set));
    });
    if parts.is_empty() {
        return Err(super::nothing_audited(catalog, set, &filter));
    }
    let inputs = policy.apply(loaded.errors().iter().map(audit::input_finding).collect(), catalog);
    parts.add(&[], &inputs);
    let counts = parts.counts();
    failures.splice(0..0, policy.findings_failure(|at| counts.at_or_above(at)));
    let view = parts.finish(&failures);
    super::emit(&view, &job.output, Some(&job.input))?;
    super::leave_to_exit(view);
    super::leave_to_exit(loaded);
    Ok(if failures.is_empty() { Outcome::Pass } else { Outcome::Fail })
}
