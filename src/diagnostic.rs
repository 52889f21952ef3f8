//! Problems found in the user's input, each with its file, line and column.
//!
//! A **diagnostic** is an input problem (an unknown standard, a bad depth letter, a missing
//! column); a *finding* (see `audit`) is a gap in the program. Loading collects every
//! diagnostic before failing, so the user fixes them all in one pass.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub level: Level,
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        // One line per diagnostic, whatever the user's text held.
        let message = self.message.replace(['\n', '\r'], " ");
        write!(f, "{}:{}:{}: {level}: {message}", self.file, self.line, self.column)
    }
}

/// Where in a file a diagnostic points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u64,
    pub column: u64,
}

/// Diagnostics collected while reading one or more files.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, level: Level, file: &str, pos: Pos, message: impl Into<String>) {
        self.items.push(Diagnostic {
            level,
            file: file.to_string(),
            line: pos.line,
            column: pos.column,
            message: message.into(),
        });
    }

    pub fn error(&mut self, file: &str, pos: Pos, message: impl Into<String>) {
        self.push(Level::Error, file, pos, message);
    }

    pub fn warning(&mut self, file: &str, pos: Pos, message: impl Into<String>) {
        self.push(Level::Warning, file, pos, message);
    }

    pub fn errors(&self) -> usize {
        self.items.iter().filter(|d| d.level == Level::Error).count()
    }

    pub fn warnings(&self) -> usize {
        self.items.iter().filter(|d| d.level == Level::Warning).count()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Sorts by file, then position, so output is stable whatever order checks ran in.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.level, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.level, &b.message))
        });
        self.items.dedup();
    }

    /// The one-line summary: `2 errors, 1 warning`.
    pub fn summary(&self) -> String {
        format!("{}, {}", plural(self.errors(), "error"), plural(self.warnings(), "warning"))
    }
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// The error a command returns when its input has errors: every diagnostic, then a summary.
/// `main` prints it as it is and exits with code 2.
#[derive(Debug)]
pub struct InputError(pub Diagnostics);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0.items {
            writeln!(f, "{d}")?;
        }
        write!(f, "{}; fix the errors and run again", self.0.summary())
    }
}

impl std::error::Error for InputError {}
