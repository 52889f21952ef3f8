//! `cte-align diff OLD NEW`: what changed between two catalogs. Each is read once (either may
//! be standard input or a pipe) and audited with the same standards, scope and policy; the
//! audits and the catalogs are compared by `audit::compare`.

use crate::Outcome;
use crate::audit::compare::{self, Side};
use crate::audit::{self, Listing};
use crate::model::StandardsSet;
use crate::pipeline::{self, Input};
use crate::report::views::DiffView;
use crate::settings::{self, AuditJob};

pub fn run(
    set: &StandardsSet,
    job: &AuditJob,
    new: &Input,
    fail_on_regression: bool,
) -> anyhow::Result<Outcome> {
    super::read_stdin_once([&job.input, new])?;
    let old_loaded = super::load(set, &job.input, job.lenient)?;
    let new_loaded = super::load(set, new, job.lenient)?;
    super::warn_unlisted(&old_loaded.diags);
    super::warn_unlisted(&new_loaded.diags);
    // A district named with --district may be in either catalog (one added or dropped).
    let filter = settings::filter(set, &job.scope, &old_loaded.catalog)
        .or_else(|_| settings::filter(set, &job.scope, &new_loaded.catalog))?;
    let audit = |loaded: &pipeline::Loaded| {
        audit::audit(&loaded.catalog, set, &filter, &job.policy, &loaded.errors(), Listing::Summary)
    };
    let (old_audit, new_audit) = (audit(&old_loaded), audit(&new_loaded));
    if old_audit.pathways.is_empty() && new_audit.pathways.is_empty() {
        return Err(super::nothing_audited(&new_loaded.catalog, set, &filter));
    }
    let old = Side { audit: &old_audit, catalog: &old_loaded.catalog };
    let new_side = Side { audit: &new_audit, catalog: &new_loaded.catalog };
    let changes = compare::finding_changes(old, new_side);
    let pairs = compare::pathway_pairs(old, new_side);
    let courses = compare::course_changes(&old_loaded.catalog, &new_loaded.catalog, &filter);
    let regressed = compare::regressed(old, new_side, &pairs, &changes, set, job.policy.fail_on);
    let view = DiffView::new(old, new_side, &pairs, &changes, &courses, set, regressed);
    let inputs: Vec<_> = job.input.files().into_iter().chain(new.files()).collect();
    crate::report::emit(&view, &job.output, &super::paths(&inputs))?;
    super::leave_to_exit(view);
    super::leave_to_exit((old_loaded, new_loaded, old_audit, new_audit, courses));
    Ok(if fail_on_regression && regressed { Outcome::Fail } else { Outcome::Pass })
}
