//! `cte-align gaps CATALOG`: every finding, most severe first. The main job. Also
//! `gaps --explain CODE`: what a code means and how to fix it.

use crate::Outcome;
use crate::audit::{self, Code, Filter, Listing, PartsAudited};
use crate::diagnostic::Diagnostic;
use crate::model::{Catalog, StandardsSet};
use crate::pipeline::{self, Loaded, OpenedByUnit};
use crate::report::stream::{FindingsStream, Streamed};
use crate::report::views::{ExplainView, GapsView, SummaryView};
use crate::report::{Format, Output};
use crate::settings::{self, AuditJob, Summary};

pub fn run(set: &StandardsSet, job: &AuditJob, summary: Summary) -> anyhow::Result<Outcome> {
    // Every finding, in CSV or JSON: written as the units are audited, never all held.
    let streams = (summary != Summary::Always && !job.show.narrows())
        .then(|| FindingsStream::format(job.output.style))
        .flatten();
    if let Some(format) = streams
        && let Some(opened) = pipeline::open_by_unit(set, &job.input)?
    {
        return by_unit(set, job, opened, format);
    }
    let loaded = super::load(set, &job.input, job.lenient)?;
    super::warn_unlisted(&loaded.diags);
    let filter = settings::filter(set, &job.scope, &loaded.catalog)?;
    settings::check_thresholds(set, &job.policy.thresholds)?;
    let errors = loaded.errors();
    if let Some(format) = streams {
        let stream = FindingsStream::new(format, &loaded.catalog);
        return streamed(set, job, &loaded, &filter, &errors, stream);
    }
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

/// `gaps` with every finding written as its unit is audited (see `report::stream`): the
/// same output as the in-memory path, byte for byte, in memory that does not grow with the
/// number of findings.
fn streamed(
    set: &StandardsSet,
    job: &AuditJob,
    loaded: &Loaded,
    filter: &Filter,
    errors: &[Diagnostic],
    mut stream: FindingsStream,
) -> anyhow::Result<Outcome> {
    let (catalog, policy) = (&loaded.catalog, &job.policy);
    let mut written = Ok(());
    let done =
        audit::audit_in_parts(catalog, set, filter, policy, errors, Listing::Summary, |_, findings| {
            if written.is_ok() {
                written = findings.iter().try_for_each(|f| stream.add(f, catalog, set));
            }
        });
    if done.pathways == 0 {
        return Err(super::nothing_audited(catalog, set, filter));
    }
    written.map_err(set_aside_error)?;
    write_stream(set, job, catalog, &done, stream)
}

/// `gaps` of a statewide file, read unit by unit (see `load::catalog::by_unit`) and every
/// finding written as its unit is audited: the same output as [`streamed`], in memory bounded
/// by the largest district.
fn by_unit(
    set: &StandardsSet,
    job: &AuditJob,
    opened: OpenedByUnit,
    format: Streamed,
) -> anyhow::Result<Outcome> {
    let catalog = &opened.by_unit.skeleton;
    let mut stream = FindingsStream::new(format, catalog);
    let mut written = Ok(());
    let audited = super::audit_units(set, job, &opened, Listing::Summary, |catalog, unit| {
        if written.is_ok() {
            written = unit.findings.iter().try_for_each(|f| stream.add(f, catalog, set));
        }
    })?;
    written.map_err(set_aside_error)?;
    let super::UnitsAudited { done, inputs } = audited;
    inputs.iter().try_for_each(|f| stream.add(f, catalog, set)).map_err(set_aside_error)?;
    write_stream(set, job, catalog, &done, stream)
}

/// Writes a streamed run's report: the view, with the findings set aside spliced in.
fn write_stream(
    set: &StandardsSet,
    job: &AuditJob,
    catalog: &Catalog,
    done: &PartsAudited,
    stream: FindingsStream,
) -> anyhow::Result<Outcome> {
    let view = GapsView::streamed(stream.counts(), &done.failures, done.pathways, catalog, set);
    let mut stream = Some(stream);
    super::emit_with(&view, &job.output, Some(&job.input), |w| match stream.take() {
        Some(s) => s.finish(&view, job.output.style, w),
        None => Ok(()),
    })?;
    Ok(if done.failures.is_empty() { Outcome::Pass } else { Outcome::Fail })
}

/// The error of a finding that could not be set aside in a temporary file.
fn set_aside_error(e: std::io::Error) -> anyhow::Error {
    let dir = std::env::temp_dir();
    anyhow::anyhow!(
        "cannot set the findings aside in a temporary file in {} (TMPDIR): {e}; free some room there, or set TMPDIR to a folder with room",
        dir.display()
    )
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
