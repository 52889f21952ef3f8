//! The `validate` view, for `--format json` and `--format github`: every diagnostic of the
//! catalog and its alignment files (`{file, line, column, level, message}`) and the counts.
//! The table format keeps `validate`'s own `file:line:column: level: message` list.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Level};
use crate::report::github::{self, Annotation};
use crate::report::{Cell, Sheet, View, number, text};

#[derive(Serialize)]
pub struct ValidateView<'a> {
    /// The catalog read.
    file: &'a str,
    courses: usize,
    districts: usize,
    /// Every diagnostic found, kept or not (`--max-errors` limits those listed).
    errors: usize,
    warnings: usize,
    diagnostics: Vec<DiagnosticJson<'a>>,
}

#[derive(Serialize)]
struct DiagnosticJson<'a> {
    file: &'a str,
    /// `null` when the reader knew no line (a JSON path, given in the message).
    line: Option<u64>,
    column: Option<u64>,
    level: Level,
    message: &'a str,
}

impl<'a> ValidateView<'a> {
    pub fn new(file: &'a str, courses: usize, districts: usize, diags: &'a Diagnostics) -> Self {
        ValidateView {
            file,
            courses,
            districts,
            errors: diags.errors(),
            warnings: diags.warnings(),
            diagnostics: diags.items.iter().map(DiagnosticJson::of).collect(),
        }
    }
}

impl<'a> DiagnosticJson<'a> {
    fn of(d: &'a Diagnostic) -> Self {
        let known = (d.line > 0).then_some(());
        DiagnosticJson {
            file: &d.file,
            line: known.map(|()| d.line),
            column: known.map(|()| d.column),
            level: d.level,
            message: &d.message,
        }
    }
}

impl View for ValidateView<'_> {
    const COMMAND: &'static str = "validate";

    fn sheets(&self) -> Vec<Sheet> {
        let rows = self
            .diagnostics
            .iter()
            .map(|d| {
                let level = match d.level {
                    Level::Error => "error",
                    Level::Warning => "warning",
                };
                vec![
                    Cell::from(d.file),
                    Cell::from(d.line.map(|l| l.to_string()).unwrap_or_default()),
                    Cell::from(d.column.map(|c| c.to_string()).unwrap_or_default()),
                    Cell::from(level),
                    Cell::from(d.message),
                ]
            })
            .collect();
        vec![Sheet {
            title: None,
            columns: vec![text("file"), number("line"), number("column"), text("level"), text("message")],
            rows,
            note: Some(format!("{} errors, {} warnings", self.errors, self.warnings)),
        }]
    }

    fn contents(&self) -> String {
        crate::diagnostic::plural(self.diagnostics.len(), "diagnostic")
    }

    fn annotations(&self) -> Option<Vec<Annotation<'_>>> {
        Some(
            self.diagnostics
                .iter()
                .map(|d| Annotation {
                    level: match d.level {
                        Level::Error => github::Level::Error,
                        Level::Warning => github::Level::Warning,
                    },
                    file: d.file,
                    line: d.line,
                    column: d.column,
                    title: "validate",
                    message: d.message.to_string(),
                })
                .collect(),
        )
    }
}
