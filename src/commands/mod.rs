//! One file per subcommand: load -> audit -> report, nothing else. The steps they share live
//! here, once: loading, the error for an audit of nothing, and writing the report.

mod course;
pub mod coverage;
pub mod gaps;
mod init;
mod matrix;
mod standards;
mod validate;
mod where_;

use std::path::PathBuf;

use crate::Outcome;
use crate::audit::{Filter, query};
use crate::cli::{CatalogArgs, Cli, Command, CourseArgs, CoverageArgs, MatrixArgs, OutputArgs, WhereArgs};
use crate::diagnostic::{Diagnostics, InputError, Level, plural};
use crate::load::catalog::CsvOptions;
use crate::load::{alignments, catalog, read_input};
use crate::model::{Catalog, StandardsSet};
use crate::report::views::left_out;
use crate::report::{self, Destination, Report, to_stderr};
use crate::settings;

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    refuse_output_over_inputs(&cli)?;
    let standards = cli.standards.as_deref();
    match cli.command {
        Command::Gaps(args) => gaps::run(standards, args),
        Command::Coverage(args) => coverage::run(&settings::standards(standards)?, args),
        Command::Matrix(args) => matrix::run(&settings::standards(standards)?, args),
        Command::Where(args) => where_::run(&settings::standards(standards)?, args),
        Command::Course(args) => course::run(&settings::standards(standards)?, args),
        Command::Validate(args) => validate::run(&settings::standards(standards)?, args),
        Command::Standards(args) => standards::run(&settings::standards(standards)?, args),
        Command::Init(args) => init::run(standards, args),
    }
}

/// Refuses an `-o` file that is one of the run's inputs: the catalog, the alignment files, or
/// any file of the `--standards` directory. Checked here, before anything is read, because
/// only the command line knows every input (the commands' `emit` sees the catalog and its
/// alignment files, and checks those again as it writes), and so that a long audit is not run
/// only to be refused at the end.
fn refuse_output_over_inputs(cli: &Cli) -> anyhow::Result<()> {
    let (output, catalog, alignments) = match &cli.command {
        Command::Gaps(a) => (&a.output, a.catalog.as_deref(), &a.read.alignments[..]),
        Command::Coverage(CoverageArgs { output, catalog, .. })
        | Command::Matrix(MatrixArgs { output, catalog, .. })
        | Command::Where(WhereArgs { output, catalog, .. })
        | Command::Course(CourseArgs { output, catalog, .. }) => {
            (output, Some(catalog.catalog.as_str()), &catalog.read.alignments[..])
        }
        Command::Standards(a) => (&a.output, None, &[][..]),
        // No -o: they write to standard output, or into the directory they are given.
        Command::Validate(_) | Command::Init(_) => return Ok(()),
    };
    let Destination::File(path) = settings::destination(output) else {
        return Ok(());
    };
    let mut inputs = catalog_files(catalog, alignments);
    if let Some(dir) = &cli.standards {
        // Every file, not only the YAML ones the loader reads: none of them is the report's.
        // A directory that cannot be listed is the loader's error to report.
        let entries = std::fs::read_dir(dir).into_iter().flatten().flatten();
        inputs.extend(entries.map(|e| e.path()));
    }
    report::refuse_inputs(&path, &inputs.iter().map(PathBuf::as_path).collect::<Vec<_>>())
}

/// The catalog and alignment files a run reads, leaving out `-` (standard input).
fn catalog_files(catalog: Option<&str>, alignments: &[String]) -> Vec<PathBuf> {
    let names = catalog.into_iter().chain(alignments.iter().map(String::as_str));
    names.filter(|&name| name != "-").map(PathBuf::from).collect()
}

/// A catalog with its alignment files merged, and what reading them found.
pub struct Loaded {
    pub catalog: Catalog,
    pub diags: Diagnostics,
}

/// The shared load step: reads the catalog and merges its alignment files, collecting every
/// problem. Returns an [`InputError`] when the catalog cannot be read at all, or when it has
/// errors and the run is not lenient.
pub fn load(set: &StandardsSet, args: &CatalogArgs, lenient: bool) -> anyhow::Result<Loaded> {
    let (path, args) = (&args.catalog, &args.read);
    let stdin_reads = std::iter::once(path).chain(&args.alignments).filter(|p| *p == "-").count();
    if stdin_reads > 1 {
        anyhow::bail!("standard input (-) can be read only once; name the other inputs as files");
    }
    let opts = CsvOptions { delimiter: args.delimiter, columns: args.columns.clone() };
    let mut diags = Diagnostics::default();
    let bytes = read_input(path)?;
    let name = display_name(path);
    let Some(mut catalog) = catalog::read(&name, bytes, set, &opts, &mut diags) else {
        diags.sort();
        return Err(InputError(diags).into());
    };
    for file in &args.alignments {
        let bytes = read_input(file)?;
        alignments::merge(&display_name(file), bytes, set, &opts, &mut catalog, &mut diags);
    }
    catalog::check(&catalog, &mut diags);
    diags.sort();
    if diags.has_errors() && !lenient {
        return Err(InputError(diags).into());
    }
    Ok(Loaded { catalog, diags })
}

/// Why a run audited no pathway, and what to do, as the error that exits 2. An audit of
/// nothing is not a pass: a catalog whose pathway column was lost would sail through CI.
fn nothing_audited(catalog: &Catalog, set: &StandardsSet, filter: &Filter) -> anyhow::Error {
    let offer = query::offer(catalog, filter);
    let ids = |list: &[usize]| {
        list.iter().map(|&p| set.cluster.pathways[p].id.as_str()).collect::<Vec<_>>().join(", ")
    };
    let scope = match filter.units.as_slice() {
        [] => String::new(),
        units => format!(" in {}", units.join(", ")),
    };
    let file = &catalog.file;
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

/// The error diagnostics, which `--lenient` turns into findings.
pub fn lenient_errors(loaded: &Loaded) -> Vec<crate::diagnostic::Diagnostic> {
    loaded.diags.items.iter().filter(|d| d.level == Level::Error).cloned().collect()
}

/// For the commands that do not report input errors as findings (`matrix`, `where`,
/// `course`): tells standard error what a lenient run left out.
fn warn_left_out(loaded: &Loaded) {
    if let Some(text) = left_out(&lenient_errors(loaded)) {
        to_stderr(&text);
    }
}

fn display_name(path: &str) -> String {
    if path == "-" { "<stdin>".to_string() } else { path.to_string() }
}

/// Leaves a finished command's catalog, audit and report for the operating system to reclaim
/// at exit instead of freeing them piece by piece: on a statewide file of a million courses,
/// freeing every string and vector one at a time costs as much as a fifth of the run.
pub fn leave_to_exit<T>(value: T) {
    std::mem::forget(value);
}

/// Renders the report and writes it where the user asked, never over an input file.
pub fn emit(report: &Report, out: &OutputArgs, inputs: &CatalogArgs) -> anyhow::Result<()> {
    let text = report::render(report, settings::style(out));
    let paths = catalog_files(Some(&inputs.catalog), &inputs.read.alignments);
    report::write_output(
        &settings::destination(out),
        &text,
        &paths.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
    )
}
