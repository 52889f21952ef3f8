//! The steps every command shares, on plain values: what to read (an [`Input`]: a catalog,
//! its alignment files and how to read them) and the load step that reads it: whole
//! ([`load`]), or for a statewide file one unit at a time ([`open_by_unit`], then
//! [`read_units`], which audits each unit as it is read). The commands, the benches and the
//! fuzz targets call these same functions; a command over two catalogs (`fill`, `diff`)
//! holds two `Input`s.

use std::path::PathBuf;

use anyhow::Context;
use rayon::prelude::*;

use crate::audit::query::{self, Offer};
use crate::audit::{Filter, Listing, Policy, UnitAudit, UnitAuditor};
use crate::diagnostic::{Diagnostic, Diagnostics, InputError, Level, MAX_PER_KIND};
use crate::load::catalog::{ByUnit, CsvOptions, Opened, UnitPart, UnitReader};
use crate::load::{MAX_CATALOG_BYTES, alignments, catalog, read_input};
use crate::model::{Catalog, Reading, StandardsSet, UnitIdx};

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
    /// When a catalog is read unit by unit.
    pub by_unit: ByUnitRead,
}

/// When a catalog is read unit by unit, in blocks (see `load::catalog::by_unit`) rather than
/// whole: from `from` bytes, `block` bytes at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByUnitRead {
    pub from: u64,
    pub block: usize,
}

impl Default for ByUnitRead {
    /// From 8 MiB (a district's catalog is far smaller, and is read whole), in blocks of 4 MiB.
    fn default() -> Self {
        ByUnitRead { from: 8 << 20, block: 4 << 20 }
    }
}

impl ByUnitRead {
    /// The defaults, or what `CTE_ALIGN_BY_UNIT_FROM` and `CTE_ALIGN_BLOCK_BYTES` say (bytes):
    /// for the tests, which read small files unit by unit in blocks of a few bytes.
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
        let default = ByUnitRead::default();
        ByUnitRead {
            from: var("CTE_ALIGN_BY_UNIT_FROM").unwrap_or(default.from),
            block: var("CTE_ALIGN_BLOCK_BYTES").map_or(default.block, |b| b.max(1) as usize),
        }
    }
}

impl Default for Input {
    fn default() -> Self {
        let (catalog, alignments, csv) = Default::default();
        Input {
            catalog,
            alignments,
            csv,
            verbose: false,
            max_errors: MAX_PER_KIND,
            by_unit: ByUnitRead::default(),
        }
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

/// A catalog opened to be read unit by unit, and what reading its header found.
pub struct OpenedByUnit {
    pub by_unit: Box<ByUnit>,
    diags: Diagnostics,
}

/// Opens the input to be read unit by unit (see `load::catalog::by_unit`) when that is worth
/// it: a file, not standard input, of at least `input.by_unit.from` bytes, with no alignment
/// files (which may name any course of the file). `None`: read it whole with [`load`]. An
/// error when the file is no catalog at all, as [`load`] says it.
pub fn open_by_unit(set: &StandardsSet, input: &Input) -> anyhow::Result<Option<OpenedByUnit>> {
    if input.catalog == "-" || !input.alignments.is_empty() {
        return Ok(None);
    }
    let path = std::path::Path::new(&input.catalog);
    // Anything odd about the file is left to `load` to say, as it says it.
    let Ok(meta) = std::fs::metadata(path) else { return Ok(None) };
    if !meta.is_file() || meta.len() < input.by_unit.from || meta.len() > MAX_CATALOG_BYTES {
        return Ok(None);
    }
    catalog::check_overrides(&input.csv.columns, false).map_err(anyhow::Error::msg)?;
    let mut diags = Diagnostics::keeping(input.max_errors);
    let name = display_name(&input.catalog);
    let opened = catalog::open_by_unit(path, &name, set, &input.csv, input.by_unit.block, &mut diags)
        .with_context(|| format!("cannot read {name}"))?;
    match opened {
        Opened::ByUnit(by_unit) => Ok(Some(OpenedByUnit { by_unit, diags })),
        Opened::Whole => Ok(None),
        Opened::Failed => {
            diags.sort();
            Err(InputError(diags).into())
        }
    }
}

/// What reading a catalog unit by unit found once every unit is read: its problems (an
/// [`InputError`] when there are errors and the run is not `lenient`), and what its courses
/// offer, for the error of a run that audited nothing.
pub struct ReadByUnit {
    pub diags: Diagnostics,
    pub offer: Offer,
    /// How the file was read, with the courses left out as another cluster's.
    pub reading: Reading,
}

/// The units in batches of at most [`BATCH_UNITS`] units and [`BATCH_BYTES`] of rows and one
/// unit more (the unit that reaches it, whatever its size): each worker holds the rows of its
/// share of a batch at once (see `ByUnit::read`).
fn batches<'u>(by_unit: &ByUnit, units: &'u [UnitIdx]) -> Vec<&'u [UnitIdx]> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < units.len() {
        let mut end = at + 1;
        let mut bytes = by_unit.size(units[at]);
        while end < units.len() && end - at < BATCH_UNITS && bytes < BATCH_BYTES {
            bytes += by_unit.size(units[end]);
            end += 1;
        }
        out.push(&units[at..end]);
        at = end;
    }
    out
}

/// A unit read, and its audit when the filter lets it in.
type UnitRead = (UnitPart, Option<UnitAudit>);

/// Units read at once, on every core, before their parts are handed on in unit order: enough
/// to keep both cores busy, few enough (and at most `BATCH_BYTES` of rows) that they are a
/// small part of the run's memory.
const BATCH_UNITS: usize = 64;
const BATCH_BYTES: u64 = 8 << 20;

/// What one thread keeps from one unit to the next.
struct Worker<'a> {
    reader: UnitReader,
    auditor: UnitAuditor<'a>,
}

impl Worker<'_> {
    /// Reads units, and audits each that `filter`, when given, lets in.
    fn read(
        &mut self,
        by_unit: &ByUnit,
        units: &[UnitIdx],
        set: &StandardsSet,
        like: &Diagnostics,
        filter: Option<&Filter>,
    ) -> std::io::Result<Vec<UnitRead>> {
        let parts = by_unit.read(units, &mut self.reader, set, like)?;
        let read = parts.into_iter().map(|part| {
            let unit = part.unit;
            let audited = filter.filter(|f| f.unit(part.catalog.unit(unit))).map(|_| {
                let courses: Vec<usize> = (0..part.catalog.courses.len()).collect();
                self.auditor.audit(&part.catalog, unit, &courses)
            });
            (part, audited)
        });
        Ok(read.collect())
    }
}

/// Reads every unit of `opened`, in unit order, a batch at a time on every core; audits each
/// one `filter` lets in and hands its catalog and part to `each` (with no audit given, only
/// reads). Once all are read, the problems found, sorted, as [`load`] gives them.
pub fn read_units(
    opened: &OpenedByUnit,
    set: &StandardsSet,
    audit: Option<(&Filter, &Policy, Listing)>,
    lenient: bool,
    mut each: impl FnMut(&Catalog, &UnitAudit) + Send,
) -> anyhow::Result<ReadByUnit> {
    let OpenedByUnit { by_unit, diags } = opened;
    let like = diags.like();
    let mut merged = by_unit.merged(diags.clone());
    let mut offer = Offer::default();
    let units: Vec<UnitIdx> = (0..by_unit.units() as UnitIdx).collect();
    let none = (Filter::default(), Policy::default());
    let (filter, policy, listing) = audit.unwrap_or((&none.0, &none.1, Listing::Summary));
    // One reader and auditor per core, kept from batch to batch: each remembers the values
    // it has resolved (pathway lists, SCED checks), which a statewide file repeats.
    let context = || format!("cannot read {}", by_unit.skeleton.file);
    let mut workers = (0..rayon::current_num_threads().max(1))
        .map(|_| {
            Ok(Worker { reader: by_unit.reader()?, auditor: UnitAuditor::new(set, filter, policy, listing) })
        })
        .collect::<std::io::Result<Vec<_>>>()
        .with_context(context)?;
    let audits = audit.is_some().then_some(filter);
    // Each batch is handed on (in order, on one core) while the next is read and audited.
    let read_batch = |workers: &mut Vec<Worker>, batch: &[UnitIdx]| {
        let share = batch.len().div_ceil(workers.len());
        workers
            .par_iter_mut()
            .zip(batch.par_chunks(share))
            .map(|(worker, units)| worker.read(by_unit, units, set, &like, audits))
            .collect::<Vec<std::io::Result<Vec<UnitRead>>>>()
    };
    let mut hand_on = |runs: Vec<std::io::Result<Vec<UnitRead>>>| -> anyhow::Result<()> {
        for run in runs {
            for (mut part, audited) in run.with_context(context)? {
                merged.add(&mut part);
                if let Some(audited) = audited {
                    offer.add(&query::offer(&part.catalog, filter));
                    each(&part.catalog, &audited);
                }
            }
        }
        Ok(())
    };
    let mut read = None;
    for batch in batches(by_unit, &units) {
        let (handed, next) =
            rayon::join(|| read.take().map_or(Ok(()), &mut hand_on), || read_batch(&mut workers, batch));
        handed?;
        read = Some(next);
    }
    if let Some(last) = read {
        hand_on(last)?;
    }
    let (diags, reading) = merged.finish(by_unit);
    if diags.has_errors() && !lenient {
        return Err(InputError(diags).into());
    }
    Ok(ReadByUnit { diags, offer, reading })
}
