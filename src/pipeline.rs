//! The steps every command shares, on plain values: what to read (an [`Input`]: a catalog,
//! its alignment files and how to read them) and the load step that reads it. The commands,
//! the benches and the fuzz targets call these same functions; a command over two catalogs
//! (`fill`, `diff`) holds two `Input`s.

use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Diagnostics, InputError, Level, MAX_PER_KIND};
use crate::load::catalog::CsvOptions;
use crate::load::{alignments, catalog, read_input};
use crate::model::{Catalog, StandardsSet};

/// One catalog to audit: its file (or `-` for standard input), the alignment files merged
/// into it, how to read them, and how many problems of a kind to keep (`--max-errors`).
#[derive(Debug, Clone)]
pub struct Input {
    pub catalog: String,
    pub alignments: Vec<String>,
    pub csv: CsvOptions,
    /// Tell standard error how the catalog was read (`--verbose`).
    pub verbose: bool,
    pub max_errors: usize,
}

impl Default for Input {
    fn default() -> Self {
        let (catalog, alignments, csv) = Default::default();
        Input { catalog, alignments, csv, verbose: false, max_errors: MAX_PER_KIND }
    }
}

impl Input {
    /// The files this input reads, `-` standing for standard input: what a report must never
    /// be written over.
    pub fn files(&self) -> Vec<PathBuf> {
        std::iter::once(&self.catalog).chain(&self.alignments).map(PathBuf::from).collect()
    }
}

/// A catalog with its alignment files merged, and what reading them found.
pub struct Loaded {
    pub catalog: Catalog,
    pub diags: Diagnostics,
}

impl Loaded {
    /// The error diagnostics, which `--lenient` turns into findings.
    pub fn errors(&self) -> Vec<Diagnostic> {
        self.diags.items.iter().filter(|d| d.level == Level::Error).cloned().collect()
    }
}

/// The shared load step: reads the catalog and merges its alignment files, collecting every
/// problem. Returns an [`InputError`] when the catalog cannot be read at all, or when it has
/// errors and the run is not `lenient`.
pub fn load(set: &StandardsSet, input: &Input, lenient: bool) -> anyhow::Result<Loaded> {
    let stdin_reads = std::iter::once(&input.catalog).chain(&input.alignments).filter(|p| *p == "-").count();
    if stdin_reads > 1 {
        anyhow::bail!("standard input (-) can be read only once; name the other inputs as files");
    }
    catalog::check_overrides(&input.csv.columns, !input.alignments.is_empty()).map_err(anyhow::Error::msg)?;
    let bytes = read_input(&input.catalog)?;
    // Each alignment file is read only once the catalog has read: a catalog that cannot be
    // read at all is the error to report.
    let alignments = input.alignments.iter().map(|file| Ok((display_name(file), read_input(file)?)));
    let diags = Diagnostics::keeping(input.max_errors);
    load_into(diags, set, &display_name(&input.catalog), bytes, alignments, &input.csv, lenient)
}

/// [`load`] from bytes already read: the catalog's (named `name` in messages), then each
/// alignment file's, read as the iterator is advanced.
pub fn load_from(
    set: &StandardsSet,
    name: &str,
    bytes: Vec<u8>,
    alignments: impl IntoIterator<Item = anyhow::Result<(String, Vec<u8>)>>,
    csv: &CsvOptions,
    lenient: bool,
) -> anyhow::Result<Loaded> {
    load_into(Diagnostics::default(), set, name, bytes, alignments, csv, lenient)
}

/// [`load_from`], collecting into `diags`.
fn load_into(
    mut diags: Diagnostics,
    set: &StandardsSet,
    name: &str,
    bytes: Vec<u8>,
    alignments: impl IntoIterator<Item = anyhow::Result<(String, Vec<u8>)>>,
    csv: &CsvOptions,
    lenient: bool,
) -> anyhow::Result<Loaded> {
    let Some(mut catalog) = catalog::read(name, bytes, set, csv, &mut diags) else {
        diags.sort();
        return Err(InputError(diags).into());
    };
    for file in alignments {
        let (name, bytes) = file?;
        alignments::merge(&name, bytes, set, csv, &mut catalog, &mut diags);
    }
    catalog::check(&catalog, &mut diags);
    diags.sort();
    if diags.has_errors() && !lenient {
        return Err(InputError(diags).into());
    }
    Ok(Loaded { catalog, diags })
}

fn display_name(path: &str) -> String {
    if path == "-" { "<stdin>".to_string() } else { path.to_string() }
}
