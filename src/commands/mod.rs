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

use std::path::Path;

use crate::Outcome;
use crate::cli::{CatalogArgs, Cli, Command, OutputArgs};
use crate::diagnostic::{Diagnostics, InputError, Level};
use crate::load::catalog::CsvOptions;
use crate::load::{alignments, catalog, read_input};
use crate::model::{Catalog, StandardsSet};
use crate::report::{self, Report};
use crate::settings;

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
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
    let mut paths: Vec<&Path> = vec![Path::new(&inputs.catalog)];
    paths.extend(inputs.read.alignments.iter().map(Path::new));
    report::write_output(&settings::destination(out), &text, &paths)
}
