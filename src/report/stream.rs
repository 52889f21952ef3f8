//! Findings written as they are found (issue 13). A statewide `gaps` finds millions of
//! findings; held all at once, with their messages and cells, they were 40 times the input's
//! size. Here each finding is rendered (a CSV row, or a JSON object) the moment its unit is
//! audited, into one of three spools, one per severity, and the unit's findings are dropped.
//! The output's order is by severity first, then unit, so the spools, read back one after
//! the other, give exactly the order of the in-memory path; and the counts and the verdict
//! that JSON puts before the findings are known by then. A spool stays in memory up to
//! [`SPOOL_IN_MEMORY`] and goes on in a temporary file (deleted when dropped) past it, so
//! memory no longer grows with the number of findings.

use std::io::{self, BufWriter, Seek, Write};

use tempfile::SpooledTempFile;

use super::views::{self, GapsView, SeverityCounts};
use super::{Format, Style, csv_out};
use crate::audit::{Finding, Severity};
use crate::model::{Catalog, StandardsSet};

/// What a spool holds in memory before it moves to a temporary file.
const SPOOL_IN_MEMORY: usize = 1 << 20;

/// The findings of a streamed `gaps` run, rendered and set aside by severity.
pub(crate) struct FindingsStream {
    /// Whether the catalog has several districts: the CSV's district column.
    units: bool,
    columns: Vec<super::Column>,
    format: Streamed,
    /// Error, warning and info findings, in that order (the output's).
    spools: Spools,
    /// Whether each spool has a finding yet (JSON separates them with commas).
    started: [bool; 3],
    counts: SeverityCounts,
    /// Room to put a row's texts together in, a CSV row, and a JSON object: reused from one
    /// to the next.
    buf: String,
    record: csv_out::Record,
    json: Vec<u8>,
}

/// A format findings can be streamed in (see [`FindingsStream::format`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Streamed {
    Csv,
    Json,
}

/// The three spools.
type Spools = Box<[BufWriter<SpooledTempFile>; 3]>;

/// The spooled bytes, each read from its start.
fn into_files(spools: Spools) -> io::Result<Vec<SpooledTempFile>> {
    let mut files: Vec<SpooledTempFile> =
        spools.into_iter().map(|s| s.into_inner().map_err(|e| e.into_error())).collect::<io::Result<_>>()?;
    files.iter_mut().try_for_each(|f| f.rewind())?;
    Ok(files)
}

impl FindingsStream {
    /// The format findings in this style are streamed in: CSV and JSON, the formats whose
    /// findings need no layout over all of them; `None` for any other.
    pub(crate) fn format(style: Style) -> Option<Streamed> {
        match style.format {
            Format::Csv => Some(Streamed::Csv),
            Format::Json => Some(Streamed::Json),
            _ => None,
        }
    }

    /// A stream of findings in `format`, of `catalog`'s units.
    pub(crate) fn new(format: Streamed, catalog: &Catalog) -> Self {
        let units = views::has_units(catalog);
        let spool = || BufWriter::with_capacity(1 << 16, SpooledTempFile::new(SPOOL_IN_MEMORY));
        FindingsStream {
            units,
            columns: views::findings_csv_columns(units),
            format,
            spools: Box::new([(); 3].map(|()| spool())),
            started: [false; 3],
            counts: SeverityCounts::default(),
            buf: String::new(),
            record: csv_out::Record::default(),
            json: Vec::new(),
        }
    }

    /// Renders one finding into its severity's spool. `catalog` and `set` are those the
    /// finding's indices point into.
    pub(crate) fn add(&mut self, f: &Finding, catalog: &Catalog, set: &StandardsSet) -> io::Result<()> {
        let k = match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        let spool = &mut self.spools[k];
        match self.format {
            Streamed::Json => {
                // Each object as the whole document's pretty printer writes it, two levels in:
                // every line indented by four spaces, one object after another separated by a
                // comma (lines break only between values: strings escape their line ends).
                spool.write_all(if self.started[k] { b",\n    " } else { b"    " })?;
                self.json.clear();
                serde_json::to_writer_pretty(&mut self.json, &views::finding_json(f, catalog, set))?;
                for (i, line) in self.json.split(|&b| b == b'\n').enumerate() {
                    if i > 0 {
                        spool.write_all(b"\n    ")?;
                    }
                    spool.write_all(line)?;
                }
            }
            Streamed::Csv => {
                let room = (&mut self.buf, &mut self.record);
                views::write_finding_csv(spool, f, (catalog, set), self.units, room)?;
            }
        }
        self.started[k] = true;
        self.counts.add(f.severity);
        Ok(())
    }

    /// The counts of the findings added so far.
    pub(crate) fn counts(&self) -> SeverityCounts {
        self.counts
    }

    /// Writes the whole output: for CSV the header and every row; for JSON the view (its
    /// counts and verdict) with the findings in place of its empty list.
    pub(crate) fn finish(self, view: &GapsView, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let json = self.format == Streamed::Json;
        let mut spools = into_files(self.spools)?;
        if !json {
            csv_out::write_header_row(out, &self.columns)?;
            return spools.iter_mut().try_for_each(|s| io::copy(s, out).map(drop));
        }
        let mut whole = Vec::new();
        super::render(view, style, &mut whole)?;
        const EMPTY: &[u8] = b"\"findings\": []";
        let at = match whole.windows(EMPTY.len()).rposition(|w| w == EMPTY) {
            Some(at) if self.counts.total() > 0 => at,
            _ => return out.write_all(&whole),
        };
        out.write_all(&whole[..at])?;
        out.write_all(b"\"findings\": [\n")?;
        let mut first = true;
        for (spool, _) in spools.iter_mut().zip(self.started).filter(|(_, started)| *started) {
            if !first {
                out.write_all(b",\n")?;
            }
            first = false;
            io::copy(spool, out)?;
        }
        out.write_all(b"\n  ]")?;
        out.write_all(&whole[at + EMPTY.len()..])
    }
}
