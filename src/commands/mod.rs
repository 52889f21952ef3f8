//! One file per subcommand: load -> audit -> view -> emit, nothing else. The steps they share
//! live here, once: the error for an audit of nothing, the note of what a lenient run left
//! out, and emitting a view where the settings say.

mod completions;
mod course;
mod coverage;
mod diff;
mod fill;
mod gaps;
mod import_case;
mod init;
mod matrix;
mod report;
mod standards;
mod validate;
mod where_;

use std::path::{Path, PathBuf};

use crate::Outcome;
use crate::audit::{Filter, Finding, Listing, PartsAudited, Tally, UnitAudit, query};
use crate::diagnostic::plural;
use crate::model::{Catalog, Reading, StandardsSet};
use crate::pipeline::{Input, Loaded, OpenedByUnit};
use crate::report::views::{left_out, reading, unlisted};
use crate::report::{Destination, Output, View, to_stderr};
use crate::settings::{self, AuditJob, Job, Settings};

/// Runs the command the settings describe.
pub fn run(settings: Settings) -> anyhow::Result<Outcome> {
    refuse_output_over_inputs(&settings)?;
    let dir = settings.standards.as_deref();
    let project = settings.project.as_ref();
    // The standards the command audits against, loaded once and left to the exit.
    let with_set = |job: &dyn Fn(&StandardsSet) -> anyhow::Result<Outcome>| {
        let set = settings::standards_for(dir, project)?;
        let outcome = job(&set);
        leave_to_exit(set);
        outcome
    };
    match settings.job {
        Job::Gaps(job, summary) => with_set(&|set| gaps::run(set, &job, summary)),
        Job::Explain { code, output, .. } => gaps::explain(&code, &output),
        Job::Coverage { audit, detail } => with_set(&|set| coverage::run(set, &audit, detail)),
        Job::Report(job) => with_set(&|set| report::run(set, &job)),
        Job::Matrix { input, pathway, districts, lenient, output } => {
            with_set(&|set| matrix::run(set, &input, &pathway, &districts, lenient, &output))
        }
        Job::Where { input, standard, scope, lenient, output } => {
            with_set(&|set| where_::run(set, &input, &standard, &scope, lenient, &output))
        }
        Job::Course { input, course, districts, show, lenient, output } => with_set(&|set| {
            let mut selection = show.selection.clone();
            selection.pathways =
                show.pathways.iter().map(|p| settings::pathway(set, p)).collect::<anyhow::Result<_>>()?;
            course::run(set, &input, &course, &districts, &selection, lenient, &output)
        }),
        Job::Validate { input, strict, format } => {
            with_set(&|set| validate::run(set, &input, strict, format))
        }
        Job::Fill { audit, products } => with_set(&|set| fill::run(set, &audit, &products)),
        Job::Diff { audit, new, fail_on_regression } => {
            with_set(&|set| diff::run(set, &audit, &new, fail_on_regression))
        }
        Job::Standards { query, output } => with_set(&|set| standards::run(set, query.as_deref(), &output)),
        Job::Init { dir: to, force } => init::run(dir, &to, force),
        Job::Completions(shell) => completions::completions(shell),
        Job::Man(page) => completions::man(page.as_deref()),
        Job::ImportCase(args) => import_case::run(&args),
    }
}

/// Refuses an `-o` file that is one of the run's inputs: the catalog, the alignment files
/// (standard input included), or any file of the `--standards` directory, and any `-o` path
/// inside that directory. Checked before anything is read, so that a long
/// audit is not run only to be refused at the end ([`emit`] checks the catalog and its
/// alignment files again as it writes).
fn refuse_output_over_inputs(settings: &Settings) -> anyhow::Result<()> {
    let Some((output, mut inputs)) = settings.job.output_and_inputs() else {
        return Ok(());
    };
    let Destination::File(path) = &output.destination else {
        return refuse_binary_to_terminal(output);
    };
    if let Some(dir) = &settings.standards {
        // Every file, not only the YAML ones the loader reads: none of them is the report's.
        // A directory that cannot be listed is the loader's error to report.
        let entries = std::fs::read_dir(dir).into_iter().flatten().flatten();
        inputs.extend(entries.map(|e| e.path()));
    }
    crate::report::refuse_inputs(path, &paths(&inputs))?;
    match &settings.standards {
        Some(dir) => crate::report::refuse_inside(path, dir),
        None => Ok(()),
    }
}

/// Refuses a binary format (XLSX) on a terminal, before anything is read: it would fill the
/// screen with a zip archive. A pipe or a redirect takes it.
fn refuse_binary_to_terminal(output: &Output) -> anyhow::Result<()> {
    if output.style.format.is_binary() && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        anyhow::bail!(
            "refusing to write an Excel workbook (xlsx) to a terminal; write it to a file with -o FILE.xlsx"
        );
    }
    Ok(())
}

fn paths(files: &[PathBuf]) -> Vec<&Path> {
    files.iter().map(PathBuf::as_path).collect()
}

/// Writes the view where the output says, never over one of the input's files.
fn emit(view: &impl View, output: &Output, input: Option<&Input>) -> anyhow::Result<()> {
    let files = input.map(Input::files).unwrap_or_default();
    crate::report::emit(view, output, &paths(&files))
}

/// [`emit`], with `fill` writing the output (see `report::emit_with`).
fn emit_with(
    view: &impl View,
    output: &Output,
    input: Option<&Input>,
    fill: impl FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let files = input.map(Input::files).unwrap_or_default();
    crate::report::emit_with(view, output, &paths(&files), fill)
}

/// The shared load step, then what every run is told of how the catalog was read on standard
/// error: the courses left out as other clusters', and with `--verbose` the column mapping.
fn load(set: &StandardsSet, input: &Input, lenient: bool) -> anyhow::Result<Loaded> {
    let loaded = crate::pipeline::load(set, input, lenient)?;
    tell_reading(&loaded.catalog.file, &loaded.catalog.reading, input);
    Ok(loaded)
}

/// What a run over a catalog read unit by unit found once every unit is audited.
struct UnitsAudited {
    /// The run's totals: pathways audited, why it fails.
    done: PartsAudited,
    /// The input problems a lenient run left out, as findings: after every unit's.
    inputs: Vec<Finding>,
}

/// Reads and audits a catalog opened unit by unit (see `load::catalog::by_unit`), handing
/// each unit's audit to `each` in unit order, then tells what [`load`] tells of the reading.
/// The same errors as [`load`] then the filter's checks give on the whole file: when the
/// filter or thresholds are wrong, the file's own errors, if any, are still the error to
/// report, so it is read first. `listing`: what each unit's audit lists (see [`Listing`]).
fn audit_units(
    set: &StandardsSet,
    job: &AuditJob,
    opened: &OpenedByUnit,
    listing: Listing,
    mut each: impl FnMut(&Catalog, &UnitAudit) + Send,
) -> anyhow::Result<UnitsAudited> {
    let (skeleton, policy) = (&opened.by_unit.skeleton, &job.policy);
    let checked = settings::filter(set, &job.scope, skeleton)
        .and_then(|filter| settings::check_thresholds(set, &policy.thresholds).map(|()| filter));
    let mut tally = Tally::new(set, policy);
    let audit = checked.as_ref().ok().map(|filter| (filter, policy, listing));
    let read = crate::pipeline::read_units(opened, set, audit, job.lenient, |catalog, unit| {
        tally.unit(unit);
        each(catalog, unit);
    })?;
    tell_reading_by_unit(opened, &read.reading, &job.input);
    warn_unlisted(&read.diags);
    let filter = checked?;
    let inputs = tally.inputs(&read.diags.errors_only().items, skeleton);
    let done = tally.finish();
    if done.pathways == 0 {
        return Err(nothing_offered(&skeleton.file, &read.offer, set, &filter));
    }
    Ok(UnitsAudited { done, inputs })
}

/// [`tell_reading`] of a catalog read unit by unit: with `--verbose`, that it was.
fn tell_reading_by_unit(opened: &OpenedByUnit, read: &Reading, input: &Input) {
    let file = &opened.by_unit.skeleton.file;
    tell_reading(file, read, input);
    if input.verbose {
        let units = opened.by_unit.units();
        let skeleton = &opened.by_unit.skeleton;
        let what = if skeleton.units.iter().any(|u| !u.school.is_empty()) {
            "school"
        } else if skeleton.has_units() {
            "district"
        } else {
            "program"
        };
        to_stderr(&format!("{file}: read one {what} at a time, in two passes ({})\n", plural(units, what)));
    }
}

/// What every run is told of how the catalog was read, on standard error (see [`load`]).
fn tell_reading(file: &str, read: &Reading, input: &Input) {
    if input.verbose {
        to_stderr(&reading::mapping(file, read));
    }
    if let Some(line) = reading::other_clusters(file, read) {
        to_stderr(&line);
    }
}

/// Refuses a run that names standard input (`-`) more than once across its inputs (`fill`,
/// `diff`): it can be read only once.
fn read_stdin_once<'a>(inputs: impl IntoIterator<Item = &'a Input>) -> anyhow::Result<()> {
    let names = inputs.into_iter().flat_map(|i| std::iter::once(&i.catalog).chain(&i.alignments));
    if names.filter(|name| *name == "-").count() > 1 {
        anyhow::bail!("standard input (-) can be read only once; name the other inputs as files");
    }
    Ok(())
}

/// Why a run audited no pathway, and what to do, as the error that exits 2. An audit of
/// nothing is not a pass: a catalog whose pathway column was lost would sail through CI.
fn nothing_audited(catalog: &Catalog, set: &StandardsSet, filter: &Filter) -> anyhow::Error {
    nothing_offered(&catalog.file, &query::offer(catalog, filter), set, filter)
}

/// [`nothing_audited`], from what the courses of `file` offer.
fn nothing_offered(file: &str, offer: &query::Offer, set: &StandardsSet, filter: &Filter) -> anyhow::Error {
    let ids = |list: &[usize]| {
        list.iter().map(|&p| set.cluster.pathways[p].id.as_str()).collect::<Vec<_>>().join(", ")
    };
    let scope = match filter.units.as_slice() {
        [] => String::new(),
        units => format!(" in {}", units.join(", ")),
    };
    if offer.courses == 0 {
        return anyhow::anyhow!("nothing to audit: {file} has no courses{scope}; add one row per course");
    }
    if offer.named.is_empty() {
        let all: Vec<usize> = (0..set.cluster.pathways.len()).collect();
        return anyhow::anyhow!(
            "nothing to audit: no course in {file}{scope} names a pathway ({} marked * for every \
             pathway, {} with none), and a pathway is audited in a district only when one of its \
             own courses names it; name each course's pathway ({}) in the pathway column, keeping * \
             for courses shared by all",
            plural(offer.shared, "course"),
            plural(offer.unnamed, "course"),
            ids(&all)
        );
    }
    anyhow::anyhow!(
        "nothing to audit: no course in {file}{scope} names {}; its courses name {}, so choose \
         among those with --pathway",
        ids(&filter.pathways).replace(", ", " or "),
        ids(&offer.named)
    )
}

/// For the commands that do not report input errors as findings (`matrix`, `where`,
/// `course`): tells standard error what a lenient run left out.
fn warn_left_out(loaded: &Loaded) {
    if let Some(text) = left_out(&loaded.diags.errors_only()) {
        to_stderr(&text);
    }
}

/// For the commands that report a lenient run's input errors as findings: tells standard
/// error how many more there were than `--max-errors` lets a report list.
fn warn_unlisted(diags: &crate::diagnostic::Diagnostics) {
    if let Some(text) = unlisted(diags) {
        to_stderr(&text);
    }
}

/// Leaves a finished command's catalog, audit and report for the operating system to reclaim
/// at exit instead of freeing them piece by piece: on a statewide file of a million courses,
/// freeing every string and vector one at a time costs as much as a fifth of the run.
fn leave_to_exit<T>(value: T) {
    std::mem::forget(value);
}
