//! `cte-align gaps CATALOG`: every finding, most severe first. The main job. Also
//! `gaps --explain CODE`: what a code means and how to fix it.

use crate::Outcome;
use crate::audit::{self, Code, Listing};
use crate::model::StandardsSet;
use crate::report::views::{ExplainView, GapsView, SummaryView};
use crate::report::{Format, Output};
use crate::settings::{self, AuditJob, Summary};

pub fn run(set: &StandardsSet, job: &AuditJob, summary: Summary) -> anyhow::Result<Outcome> {
    let loaded = super::load(set, &job.input, job.lenient)?;
    super::warn_unlisted(&loaded);
    let filter = settings::filter(set, &job.scope, &loaded.catalog)?;
    settings::check_thresholds(set, &job.policy.thresholds)?;
    let errors = loaded.errors();
    let result = audit::audit(&loaded.catalog, set, &filter, &job.policy, &errors, Listing::Summary);
    if result.pathways.is_empty() {
        return Err(super::nothing_audited(&loaded.catalog, set, &filter));
    }
    let failures = job.policy.failures(&result.findings, &result.pathways, set);
    let long = || {
        job.output.style.format == Format::Table && job.show.select(&result.findings).len() > Summary::LONG
    };
    match summary {
        Summary::Always => {
            let view = SummaryView::new(&result, &job.show, &loaded.catalog, set, &failures);
            super::emit(&view, &job.output, Some(&job.input))?;
        }
        Summary::WhenLong if long() => {
            let view = SummaryView::new(&result, &job.show, &loaded.catalog, set, &failures).automatic();
            super::emit(&view, &job.output, Some(&job.input))?;
        }
        Summary::WhenLong | Summary::Never => {
            let view = GapsView::selected(&result, &job.show, &loaded.catalog, set, &failures);
            super::emit(&view, &job.output, Some(&job.input))?;
            super::leave_to_exit(view);
        }
    }
    super::leave_to_exit((loaded, result));
    Ok(if failures.is_empty() { Outcome::Pass } else { Outcome::Fail })
}

/// `--explain CODE`: what a code means and how to fix it; `all` for every code.
pub fn explain(code: &str, output: &Output) -> anyhow::Result<Outcome> {
    let codes: Vec<Code> = if code.eq_ignore_ascii_case("all") {
        Code::ALL.to_vec()
    } else {
        vec![code.parse().map_err(anyhow::Error::msg)?]
    };
    super::emit(&ExplainView::new(&codes), output, None)?;
    Ok(Outcome::Pass)
}
