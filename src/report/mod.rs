//! Findings -> bytes. A command describes its output once, as a [`Report`]: sections of
//! [`Sheet`]s for the table, CSV and Markdown formats, and a JSON value with the command's
//! documented, versioned shape. The renderers here lay those out and compute nothing.

mod csv_out;
mod markdown;
mod table;
pub mod views;
mod write;

use serde::Serialize;

pub use write::{Destination, refuse_inputs, to_stderr, write_output, write_stdout};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
    Markdown,
}

/// How to render: the format, whether to colour, and the table width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub format: Format,
    pub color: bool,
    /// Table width in columns; `None` leaves tables as wide as their content.
    pub width: Option<u16>,
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
}

impl Cell {
    pub fn toned(text: impl Into<String>, tone: Tone) -> Self {
        Cell { text: text.into(), tone }
    }
}

impl<T: Into<String>> From<T> for Cell {
    fn from(text: T) -> Self {
        Cell { text: text.into(), tone: Tone::Plain }
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

/// Everything a command outputs.
pub struct Report<'a> {
    /// The sheets, in order.
    pub sheets: Vec<Sheet>,
    /// The sheet CSV output holds (one header row per file): the command's main data.
    pub primary: usize,
    /// The JSON document (see [`json`]).
    pub json: Json<'a>,
}

/// A command's JSON document, rendered only when JSON is asked for: for a statewide file it
/// is the largest output of all, and the other formats never need it.
pub struct Json<'a>(Box<dyn Fn() -> String + 'a>);

impl Json<'_> {
    pub fn render(&self) -> String {
        (self.0)()
    }
}

/// The envelope of every JSON output: the command and the version of its shape.
#[derive(Serialize)]
pub struct Envelope<T: Serialize> {
    pub command: &'static str,
    pub schema_version: u32,
    #[serde(flatten)]
    pub body: T,
}

/// A command's JSON body in the envelope, rendered when needed with the fields in their
/// declared order.
pub fn json<'a, T: Serialize + 'a>(command: &'static str, body: T) -> Json<'a> {
    Json(Box::new(move || {
        let mut text = serde_json::to_string_pretty(&Envelope { command, schema_version: 1, body: &body })
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        text.push('\n');
        text
    }))
}

/// Renders a report in the chosen format.
pub fn render(report: &Report, style: Style) -> String {
    match style.format {
        Format::Table => table::render(&report.sheets, style),
        Format::Csv => csv_out::render(report.sheets.get(report.primary).unwrap_or(&Sheet::default())),
        Format::Json => report.json.render(),
        Format::Markdown => markdown::render(&report.sheets),
    }
}
