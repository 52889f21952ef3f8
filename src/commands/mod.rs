//! One file per subcommand: load -> audit -> report, nothing else. The shared load and
//! output steps live here, once.

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
use crate::cli::{CatalogArgs, Cli, Command, OutputArgs};
use crate::diagnostic::{Diagnostics, InputError, Level};
use crate::load::catalog::CsvOptions;
use crate::load::{alignments, catalog, read_input};
use crate::model::{Catalog, StandardsSet};
use crate::report::{self, Destination, Report};
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
        Command::Coverage(a) => (&a.output, Some(a.catalog.catalog.as_str()), &a.catalog.read.alignments[..]),
        Command::Matrix(a) => (&a.output, Some(a.catalog.catalog.as_str()), &a.catalog.read.alignments[..]),
        Command::Where(a) => (&a.output, Some(a.catalog.catalog.as_str()), &a.catalog.read.alignments[..]),
        Command::Course(a) => (&a.output, Some(a.catalog.catalog.as_str()), &a.catalog.read.alignments[..]),
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

/// The error diagnostics, which `--lenient` turns into findings.
pub fn lenient_errors(loaded: &Loaded) -> Vec<crate::diagnostic::Diagnostic> {
    loaded.diags.items.iter().filter(|d| d.level == Level::Error).cloned().collect()
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
