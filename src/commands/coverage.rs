//! `cte-align coverage CATALOG`: one row per district and pathway; `--detail`: one row per
//! required standard.

use crate::Outcome;
use crate::audit::{self, Listing};
use crate::model::StandardsSet;
use crate::pipeline::{self, OpenedByUnit};
use crate::report::views::CoverageParts;
use crate::settings::{self, AuditJob};

pub fn run(set: &StandardsSet, job: &AuditJob, detail: bool) -> anyhow::Result<Outcome> {
    // `--detail` lists each standard's courses, which a unit's own catalog holds only while
    // it is read: a statewide file is read unit by unit without it.
    if !detail && let Some(opened) = pipeline::open_by_unit(set, &job.input)? {
        return by_unit(set, job, opened);
    }
    let loaded = super::load(set, &job.input, job.lenient)?;
    super::warn_unlisted(&loaded.diags);
    let filter = settings::filter(set, &job.scope, &loaded.catalog)?;
    settings::check_thresholds(set, &job.policy.thresholds)?;
    let listing = if detail { Listing::Courses } else { Listing::Counts };
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

/// `coverage` of a statewide file read unit by unit (see `load::catalog::by_unit`): the same
/// report, in memory bounded by the largest district.
fn by_unit(set: &StandardsSet, job: &AuditJob, opened: OpenedByUnit) -> anyhow::Result<Outcome> {
    // Rows name units as the whole file does, which the skeleton's list is.
    let mut parts = CoverageParts::new(&opened.by_unit.skeleton, set, false);
    let audited = super::audit_units(set, job, &opened, Listing::Counts, |_, unit| {
        parts.add(&unit.pathways, &unit.findings)
    })?;
    let super::UnitsAudited { done, inputs } = audited;
    parts.add(&[], &inputs);
    let view = parts.finish(&done.failures);
    super::emit(&view, &job.output, Some(&job.input))?;
    Ok(if done.failures.is_empty() { Outcome::Pass } else { Outcome::Fail })
}
