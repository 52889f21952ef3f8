//! Views -> bytes. A command describes its result once, as a typed view (see [`views`]): a
//! `serde::Serialize` value that is the JSON output as it stands (in the envelope of the
//! command and its schema version), and that gives its [`Sheet`]s to the table, CSV and
//! Markdown renderers. Each renderer is one file here that writes to an `io::Write`; the
//! renderers lay out and compute nothing. Adding a format is one file and one arm in
//! [`render`].

pub mod case;
mod csv_out;
mod markdown;
mod table;
pub mod views;
mod write;

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

pub use write::Destination;
pub(crate) use write::{refuse_inputs, to_stderr, write_new_file, write_stdout};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
    Markdown,
    /// A 1EdTech CASE 1.1 package of the loaded standards: `cte-align standards` only.
    Case,
}

impl Format {
    /// Whether only `cte-align standards` (without a query) writes this format: the set
    /// itself, not a report.
    pub fn is_standards_set(self) -> bool {
        match self {
            Format::Case => true,
            Format::Table | Format::Csv | Format::Json | Format::Markdown => false,
        }
    }
}

/// How to render: the format, whether to colour, and the table width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub format: Format,
    pub color: bool,
    /// Table width in columns; `None` leaves tables as wide as their content.
    pub width: Option<u16>,
}

/// Where a report goes and how it looks there, settled once (`settings`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub style: Style,
    pub destination: Destination,
}

/// A cell's emphasis, shown as colour on a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Plain,
    Error,
    Warning,
    Info,
    Good,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    pub text: String,
    pub tone: Tone,
    /// Levels of a tree to indent the text by, where the format can show it (the table:
    /// Markdown trims a cell's leading spaces, and CSV is for scripts).
    pub indent: u8,
}

impl Cell {
    pub fn toned(text: impl Into<String>, tone: Tone) -> Self {
        Cell { text: text.into(), tone, indent: 0 }
    }

    pub fn indented(text: impl Into<String>, indent: u8) -> Self {
        Cell { text: text.into(), tone: Tone::Plain, indent }
    }
}

impl<T: Into<String>> From<T> for Cell {
    fn from(text: T) -> Self {
        Cell { text: text.into(), tone: Tone::Plain, indent: 0 }
    }
}

/// A column: its header, and whether it holds numbers (right-aligned, never CSV-escaped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub numeric: bool,
}

pub fn text(name: impl Into<String>) -> Column {
    Column { name: name.into(), numeric: false }
}

pub fn number(name: impl Into<String>) -> Column {
    Column { name: name.into(), numeric: true }
}

/// One table of output.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sheet {
    /// A heading shown above the table (table and Markdown formats).
    pub title: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// A line shown under the table (table and Markdown formats), such as a summary.
    pub note: Option<String>,
}

/// A command's result as data: serialised, it is the JSON output's body; [`View::sheets`]
/// lays it out for the tabular formats.
pub trait View: Serialize {
    /// The command, as the JSON envelope names it.
    const COMMAND: &'static str;
    /// The sheets, in order, for the table and Markdown formats.
    fn sheets(&self) -> Vec<Sheet>;
    /// The sheet CSV output holds (one header row per file): the command's main data.
    fn primary(&self) -> usize {
        0
    }
    /// What a format without notes (CSV) must still say, on standard error.
    fn aside(&self) -> Option<String> {
        None
    }
    /// The standards set itself, for the formats that write a set rather than a report
    /// (`--format case`): only the `standards` overview has one.
    fn standards_set(&self) -> Option<&crate::model::StandardsSet> {
        None
    }
}

/// The envelope of every JSON output: the command and the version of its shape.
#[derive(Serialize)]
struct Envelope<'a, T: Serialize> {
    command: &'static str,
    schema_version: u32,
    #[serde(flatten)]
    body: &'a T,
}

/// Renders a view in the chosen format to `out`.
pub fn render<V: View>(view: &V, style: Style, out: &mut dyn Write) -> io::Result<()> {
    match style.format {
        Format::Table => table::render(&view.sheets(), style, out),
        Format::Csv => {
            let sheets = view.sheets();
            csv_out::render(sheets.get(view.primary()).unwrap_or(&Sheet::default()), out)
        }
        Format::Json => {
            let envelope = Envelope { command: V::COMMAND, schema_version: 1, body: view };
            serde_json::to_writer_pretty(&mut *out, &envelope).map_err(io::Error::other)?;
            out.write_all(b"\n")
        }
        Format::Markdown => markdown::render(&view.sheets(), out),
        Format::Case => match view.standards_set() {
            Some(set) => case::render(set, out),
            None => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "--format case writes the whole standards set: only `cte-align standards`, without a query",
            )),
        },
    }
}

/// Renders the view and writes it where the output says, never over one of `inputs`; then,
/// for CSV, the view's aside to standard error.
pub(crate) fn emit<V: View>(view: &V, output: &Output, inputs: &[&Path]) -> anyhow::Result<()> {
    write::write_output(&output.destination, inputs, |w| render(view, output.style, w))?;
    if output.style.format == Format::Csv
        && let Some(note) = view.aside()
    {
        to_stderr(&format!("cte-align: note: {note}\n"));
    }
    Ok(())
}
