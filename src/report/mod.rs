//! Views -> bytes. A command describes its result once, as a typed view (see [`views`]): a
//! `serde::Serialize` value that is the JSON output as it stands (in the envelope of the
//! command and its schema version), and that gives its [`Sheet`]s to the table, CSV and
//! Markdown renderers. Each renderer is one file here that writes to an `io::Write`; the
//! renderers lay out and compute nothing. Adding a format is one file and one arm in
//! [`render`]. HTML and XLSX lay out every view's sheets by default; a view that has more to
//! show (`report`) overrides [`View::html`] and [`View::workbook`].

pub mod case;
mod csv_out;
pub mod github;
pub(crate) mod html;
pub mod interrupt;
mod markdown;
pub(crate) mod stream;
mod table;
pub mod views;
mod write;
pub(crate) mod xlsx;

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

pub use write::Destination;
pub(crate) use write::{refuse_inputs, refuse_inside, to_stderr, write_new_file, write_stdout};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
    Markdown,
    /// One self-contained page (no network resources), for people to read and print.
    Html,
    /// An Excel workbook; a binary file, so only with `-o FILE.xlsx` or to a pipe.
    Xlsx,
    /// A 1EdTech CASE 1.1 package of the loaded standards: `cte-align standards` only.
    Case,
    /// GitHub Actions workflow commands, one annotation per problem: `validate` and `gaps` only.
    Github,
}

impl Format {
    /// Whether a file whose name asks for `named` ([`from_file_name`](Self::from_file_name))
    /// may hold this format: the same format, or a CASE package (JSON) in a `.json` file.
    pub fn suits_file_for(self, named: Format) -> bool {
        self == named || (self == Format::Case && named == Format::Json)
    }

    /// Whether only `cte-align standards` (without a query) writes this format: the set
    /// itself, not a report.
    pub fn is_standards_set(self) -> bool {
        match self {
            Format::Case => true,
            Format::Table
            | Format::Csv
            | Format::Json
            | Format::Markdown
            | Format::Html
            | Format::Xlsx
            | Format::Github => false,
        }
    }
}

impl Format {
    /// Whether the format is bytes no terminal can show.
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }
}

impl Format {
    /// The format a report file's name asks for, by its extension (case-insensitive):
    /// `.csv`, `.json`, `.md`/`.markdown`, `.html`/`.htm`, `.xlsx`; `None` for any other name (a table). The one place
    /// an extension becomes a format: a new format adds its arm here.
    pub fn from_file_name(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    /// The format's name as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
            Format::Case => "case",
            Format::Github => "github",
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
    /// Say nothing on standard error about a report written to a file (`--quiet`).
    pub quiet: bool,
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
    /// Writes the CSV output: by default the primary sheet. A view of findings writes them
    /// with every structured field as a column, as JSON has them, one row at a time (see
    /// `views::write_findings_csv`).
    fn csv(&self, out: &mut dyn Write) -> io::Result<()> {
        csv_out::render(&self.sheets().into_iter().nth(self.primary()).unwrap_or_default(), out)
    }
    /// What a format without notes (CSV) must still say, on standard error.
    fn aside(&self) -> Option<String> {
        None
    }
    /// The policy's verdict, for the commands that judge a run: the last lines of a table, a
    /// handout's closing words.
    fn verdict(&self) -> Option<&views::PolicyView<'_>> {
        None
    }
    /// The heading a handout (Markdown, HTML) starts with: the catalog, the districts and the
    /// standards set; `None` for the commands that only look things up.
    fn heading(&self) -> Option<&views::Heading> {
        None
    }
    /// What the report holds, for the line that says a file was written: "329 findings".
    fn contents(&self) -> String {
        format!("the {} report", Self::COMMAND)
    }
    /// The page `--format html` writes: by default, the sheets as HTML tables.
    fn html(&self, out: &mut dyn Write) -> io::Result<()> {
        html::sheets_page(Self::COMMAND, self.heading(), &self.sheets(), out)
    }
    /// The workbook `--format xlsx` writes: by default, one worksheet per sheet.
    fn workbook(&self) -> Result<rust_xlsxwriter::Workbook, rust_xlsxwriter::XlsxError> {
        xlsx::sheets_workbook(Self::COMMAND, &self.sheets())
    }
    /// The standards set itself, for the formats that write a set rather than a report
    /// (`--format case`): only the `standards` overview has one.
    fn standards_set(&self) -> Option<&crate::model::StandardsSet> {
        None
    }
    /// The problems as annotations on the input files, for `--format github`: only the views
    /// of problems (`gaps`, `validate`) have them.
    fn annotations(&self) -> Option<Vec<github::Annotation<'_>>> {
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
        Format::Table => {
            table::render(&view.sheets(), style, out)?;
            match view.verdict().and_then(|v| v.lines()) {
                Some(lines) => out.write_all(lines.as_bytes()),
                None => Ok(()),
            }
        }
        Format::Csv => view.csv(out),
        Format::Json => {
            let envelope = Envelope { command: V::COMMAND, schema_version: 1, body: view };
            // `From`, not `other`: a closed pipe must stay a `BrokenPipe` (see `write::to_stdout`).
            serde_json::to_writer_pretty(&mut *out, &envelope).map_err(io::Error::from)?;
            out.write_all(b"\n")
        }
        Format::Markdown => {
            if let Some(heading) = view.heading() {
                markdown::heading(heading, out)?;
            }
            markdown::render(&view.sheets(), out)?;
            match view.verdict() {
                Some(verdict) => markdown::verdict(verdict.passed, &verdict.plain(), out),
                None => Ok(()),
            }
        }
        Format::Html => view.html(out),
        Format::Xlsx => {
            // The workbook is a zip archive, built whole in memory before it is written.
            let bytes = view
                .workbook()
                .and_then(|mut book| {
                    // The fuzz targets render a workbook per input, and deflate at the default
                    // level took a quarter of their time: a fuzz build deflates at level 1
                    // (the same archive, less compressed); the tool itself is unchanged.
                    #[cfg(fuzzing)]
                    book.set_zip_compression_level(1);
                    book.save_to_buffer()
                })
                .map_err(io::Error::other)?;
            out.write_all(&bytes)
        }
        Format::Case => match view.standards_set() {
            Some(set) => case::render(set, out),
            None => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "--format case writes the whole standards set: only `cte-align standards`, without a query",
            )),
        },
        Format::Github => match view.annotations() {
            Some(annotations) => github::render(&annotations, out),
            None => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "--format github annotates problems: only `cte-align validate` and `cte-align gaps`",
            )),
        },
    }
}

/// The line a report written with `-o` leaves on standard error, so a run that wrote a file
/// and exits 1 does not look like a failure to write it: "wrote 329 findings to gaps.csv (csv);
/// the policy fails: 44 findings at error".
fn written<V: View>(view: &V, path: &Path, format: Format) -> String {
    let mut line = format!("wrote {} to {} ({})", view.contents(), path.display(), format.name());
    if let Some(verdict) = view.verdict() {
        line.push_str(&verdict.summary());
    }
    line
}

/// Renders the view and writes it where the output says, never over one of `inputs`; then,
/// for CSV, the view's aside to standard error.
pub(crate) fn emit<V: View>(view: &V, output: &Output, inputs: &[&Path]) -> anyhow::Result<()> {
    emit_with(view, output, inputs, |w| render(view, output.style, w))
}

/// [`emit`], with `fill` writing the output in place of the view's renderer (the findings of
/// a streamed run, written from where they were set aside: see [`stream`]).
pub(crate) fn emit_with<V: View>(
    view: &V,
    output: &Output,
    inputs: &[&Path],
    fill: impl FnMut(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    write::write_output(&output.destination, inputs, fill)?;
    if let Destination::File(path) = &output.destination
        && !output.quiet
    {
        to_stderr(&format!("cte-align: {}\n", written(view, path, output.style.format)));
    }
    if output.style.format == Format::Csv
        && let Some(note) = view.aside()
    {
        to_stderr(&format!("cte-align: note: {note}\n"));
    }
    Ok(())
}
