//! Problems found in the user's input, each with its file, line and column.
//!
//! A **diagnostic** is an input problem (an unknown standard, a bad depth letter, a missing
//! column); a *finding* (see `audit`) is a gap in the program. Loading collects every
//! diagnostic before failing, so the user fixes them all in one pass.

use std::fmt;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub level: Level,
    /// Shared by the diagnostics of one file (see [`Diagnostics::push`]): a long path is not
    /// copied into each of a million bad rows' errors.
    pub file: Arc<str>,
    /// From 1; 0 when the reader knew no line (a JSON path, given in the message).
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
        // Control and invisible characters it quotes are shown escaped, never sent raw.
        let message = self.message.replace(['\n', '\r'], " ");
        let message = crate::text::escape_invisible(&message);
        if self.line == 0 {
            // No line known (a JSON path whose line was not recorded): the path is in the text.
            return write!(f, "{}: {level}: {message}", self.file);
        }
        write!(f, "{}:{}:{}: {level}: {message}", self.file, self.line, self.column)
    }
}

/// Where in a file a diagnostic points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Pos {
    pub line: u64,
    pub column: u64,
}

/// Where in its source a value was read, whatever the reader: the neutral position that
/// validation points at, so that the rules know nothing of YAML or JSON.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Position {
    /// A line and column of a text file, both from 1 (YAML).
    LineColumn { line: u64, column: u64 },
    /// A path into a JSON document (`$.CFItems[3].humanCodingScheme`), with its line and
    /// column when the reader knows them.
    JsonPath { path: String, line_column: Option<Pos> },
}

impl Position {
    /// The top of a file: for problems with the file as a whole.
    pub const TOP: Position = Position::LineColumn { line: 1, column: 1 };

    /// The line and column to print; `None` when only a JSON path is known.
    pub fn line_column(&self) -> Option<Pos> {
        match self {
            Position::LineColumn { line, column } => Some(Pos { line: *line, column: *column }),
            Position::JsonPath { line_column, .. } => *line_column,
        }
    }

    /// The JSON path, if this position has one.
    pub fn json_path(&self) -> Option<&str> {
        match self {
            Position::LineColumn { .. } => None,
            Position::JsonPath { path, .. } => Some(path),
        }
    }

    /// The position inside its file, for a message that refers back to it: `line 12`, or the
    /// JSON path.
    pub fn describe(&self) -> String {
        match (self.json_path(), self.line_column()) {
            (Some(path), _) => path.to_string(),
            (None, Some(p)) => format!("line {}", p.line),
            (None, None) => "an unknown position".to_string(),
        }
    }

    /// The position with its file, for a message that refers to another file: `a.yaml:12`, or
    /// `a.json at $.CFItems[3]`.
    pub fn describe_in(&self, file: &str) -> String {
        match (self.json_path(), self.line_column()) {
            (Some(path), _) => format!("{file} at {path}"),
            (None, Some(p)) => format!("{file}:{}", p.line),
            (None, None) => file.to_string(),
        }
    }
}

impl From<Pos> for Position {
    fn from(p: Pos) -> Self {
        Position::LineColumn { line: p.line, column: p.column }
    }
}

/// How many diagnostics of one kind are kept (and shown) when `--max-errors` is not given.
pub const MAX_PER_KIND: usize = 100;

/// A diagnostic's kind: its file, its level, and its message with the values it quotes and
/// the numbers in it left out (`this row has 1 fields but the header has 4` and `... 2 fields
/// ...` are one kind), as a hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Kind(Level, u64);

impl Kind {
    fn of(d: &Diagnostic) -> Kind {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        d.file.hash(&mut h);
        // The text outside quotes, digits left out, gathered and hashed at once: a
        // statewide file's warnings are hundreds of thousands of messages, and hashing them a
        // character at a time was 3% of a run. Neither `"` nor a digit is part of a
        // multi-byte character, so splitting the bytes splits the characters.
        let message = d.message.as_bytes();
        let (mut short, mut long) = ([0u8; 256], Vec::new());
        let kept: &mut [u8] = if message.len() <= short.len() {
            &mut short
        } else {
            long.resize(message.len(), 0);
            &mut long
        };
        let mut len = 0;
        for unquoted in message.split(|&b| b == b'"').step_by(2) {
            for run in unquoted.split(u8::is_ascii_digit) {
                kept[len..len + run.len()].copy_from_slice(run);
                len += run.len();
            }
        }
        h.write(&kept[..len]);
        Kind(d.level, h.finish())
    }
}

/// Diagnostics collected while reading one or more files. At most `max_per_kind` of each
/// [`Kind`] are kept, the first found; the others are only counted, so a file of millions of
/// bad rows costs memory for a few hundred messages, and the counts stay exact.
#[derive(Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
    max_per_kind: usize,
    /// Per kind: how many are kept in `items` (before [`Diagnostics::sort`] drops repeats).
    kept: rustc_hash::FxHashMap<Kind, usize>,
    /// Per kind: how many were found beyond those kept.
    omitted: rustc_hash::FxHashMap<Kind, usize>,
    /// The file name last pushed, handed to the next diagnostic of the same file.
    last_file: Option<Arc<str>>,
}

/// The diagnostics and the counts, in an order that does not depend on hashing.
impl fmt::Debug for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Diagnostics")
            .field("items", &self.items)
            .field("errors", &self.errors())
            .field("warnings", &self.warnings())
            .finish()
    }
}

/// A collection of the one diagnostic: for a reader that stops at its first problem.
impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        let mut diags = Diagnostics::default();
        diags.add(d);
        diags
    }
}

impl Default for Diagnostics {
    fn default() -> Self {
        Diagnostics::keeping(MAX_PER_KIND)
    }
}

impl Diagnostics {
    /// An empty collection that keeps `max_per_kind` diagnostics of each kind (`--max-errors`).
    pub fn keeping(max_per_kind: usize) -> Self {
        Diagnostics {
            items: Vec::new(),
            max_per_kind,
            kept: Default::default(),
            omitted: Default::default(),
            last_file: None,
        }
    }

    /// An empty collection keeping as many of each kind as this one: for a part of the same
    /// reading (a chunk of the file read on another thread).
    pub fn like(&self) -> Self {
        Diagnostics::keeping(self.max_per_kind)
    }

    /// Adds a diagnostic, or only counts it when as many of its kind are kept already.
    pub fn add(&mut self, d: Diagnostic) {
        let kind = Kind::of(&d);
        let kept = self.kept.entry(kind).or_default();
        if *kept < self.max_per_kind {
            *kept += 1;
            self.items.push(d);
        } else {
            *self.omitted.entry(kind).or_default() += 1;
        }
    }

    /// The name `file`, shared with the diagnostics of the same file pushed before.
    fn file_name(&mut self, file: &str) -> Arc<str> {
        match &self.last_file {
            Some(last) if **last == *file => Arc::clone(last),
            _ => {
                let name: Arc<str> = Arc::from(file);
                self.last_file = Some(Arc::clone(&name));
                name
            }
        }
    }

    pub fn push(&mut self, level: Level, file: &str, pos: Pos, message: impl Into<String>) {
        let file = self.file_name(file);
        self.add(Diagnostic { level, file, line: pos.line, column: pos.column, message: message.into() });
    }

    pub fn error(&mut self, file: &str, pos: Pos, message: impl Into<String>) {
        self.push(Level::Error, file, pos, message);
    }

    pub fn warning(&mut self, file: &str, pos: Pos, message: impl Into<String>) {
        self.push(Level::Warning, file, pos, message);
    }

    /// An error at a [`Position`]: at its line and column when known (line 0 when not, which
    /// prints as `file: error: ...`), with a JSON path put at the head of the message so the
    /// diagnostic still reads on one line.
    pub fn error_at(&mut self, file: &str, at: &Position, message: impl Into<String>) {
        let pos = at.line_column().unwrap_or(Pos { line: 0, column: 0 });
        match at.json_path() {
            Some(path) => self.error(file, pos, format!("{path}: {}", message.into())),
            None => self.error(file, pos, message),
        }
    }

    /// How many of `level` were found, kept or not.
    fn count(&self, level: Level) -> usize {
        let omitted: usize = self.omitted.iter().filter(|(k, _)| k.0 == level).map(|(_, n)| n).sum();
        self.items.iter().filter(|d| d.level == level).count() + omitted
    }

    pub fn errors(&self) -> usize {
        self.count(Level::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Level::Warning)
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    /// How many errors were found beyond those kept (`--max-errors`): counted, not listed.
    pub fn unlisted_errors(&self) -> usize {
        self.omitted.iter().filter(|(k, _)| k.0 == Level::Error).map(|(_, n)| n).sum()
    }

    /// How many diagnostics of one kind are kept (`--max-errors`).
    pub fn max_per_kind(&self) -> usize {
        self.max_per_kind
    }

    /// The errors alone, with the counts of those not kept: what a lenient run leaves out.
    pub fn errors_only(&self) -> Diagnostics {
        let is_error = |k: &Kind| k.0 == Level::Error;
        Diagnostics {
            items: self.items.iter().filter(|d| d.level == Level::Error).cloned().collect(),
            max_per_kind: self.max_per_kind,
            kept: self.kept.iter().filter(|(k, _)| is_error(k)).map(|(k, n)| (*k, *n)).collect(),
            omitted: self.omitted.iter().filter(|(k, _)| is_error(k)).map(|(k, n)| (*k, *n)).collect(),
            last_file: self.last_file.clone(),
        }
    }

    /// Adds what another collection (a chunk's, another file's) found, keeping the limit.
    pub fn extend(&mut self, other: Diagnostics) {
        for d in other.items {
            self.add(d);
        }
        for (kind, n) in other.omitted {
            *self.omitted.entry(kind).or_default() += n;
        }
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

    /// Writes every kept diagnostic, one a line; after the last one shown of a kind that had
    /// more, how many more there were.
    pub fn write_list(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let mut last: rustc_hash::FxHashMap<Kind, usize> = Default::default();
        for (i, d) in self.items.iter().enumerate() {
            last.insert(Kind::of(d), i);
        }
        for (i, d) in self.items.iter().enumerate() {
            writeln!(f, "{d}")?;
            let kind = Kind::of(d);
            match self.omitted.get(&kind) {
                Some(&n) if last.get(&kind) == Some(&i) => {
                    let what = if kind.0 == Level::Error { "error" } else { "warning" };
                    let more = crate::text::thousands(n);
                    let what = if n == 1 { what.to_string() } else { format!("{what}s") };
                    writeln!(
                        f,
                        "{}: note: and {more} more {what} like this; --max-errors to see more",
                        d.file
                    )?;
                }
                _ => {}
            }
        }
        Ok(())
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
        self.0.write_list(f)?;
        write!(f, "{}; fix the errors and run again", self.0.summary())
    }
}

impl std::error::Error for InputError {}

/// Diagnostics gathered from parts of a file read out of order (one district's rows after
/// another, in the districts' order, not the file's): of each kind, the earliest in the file
/// are kept, as many as reading the file from the top keeps, and the rest counted.
pub struct Earliest {
    max_per_kind: usize,
    kinds: rustc_hash::FxHashMap<Kind, Vec<Diagnostic>>,
    omitted: rustc_hash::FxHashMap<Kind, usize>,
}

impl Earliest {
    /// Keeping as many of each kind as `like` does.
    pub fn new(like: &Diagnostics) -> Self {
        Earliest { max_per_kind: like.max_per_kind, kinds: Default::default(), omitted: Default::default() }
    }

    /// Takes a part's diagnostics.
    pub fn absorb(&mut self, part: Diagnostics) {
        for (kind, n) in part.omitted {
            *self.omitted.entry(kind).or_default() += n;
        }
        for d in part.items {
            let kind = Kind::of(&d);
            let kept = self.kinds.entry(kind).or_default();
            kept.push(d);
            // Trimmed once twice as many as kept are held: a file of errors costs memory for a
            // few hundred messages of each kind, never for all of them.
            if kept.len() >= self.max_per_kind.max(1).saturating_mul(2) {
                let dropped = Self::trim(kept, self.max_per_kind);
                *self.omitted.entry(kind).or_default() += dropped;
            }
        }
    }

    /// Keeps the earliest `max` of `kept`; returns how many went.
    fn trim(kept: &mut Vec<Diagnostic>, max: usize) -> usize {
        kept.sort_by_key(|d| (d.line, d.column));
        let dropped = kept.len().saturating_sub(max);
        kept.truncate(max);
        dropped
    }

    /// Everything kept and counted, as diagnostics.
    pub fn finish(self) -> Diagnostics {
        let mut all = Diagnostics::keeping(self.max_per_kind);
        let mut omitted = self.omitted;
        for (kind, mut kept) in self.kinds {
            let dropped = Self::trim(&mut kept, self.max_per_kind);
            *omitted.entry(kind).or_default() += dropped;
            all.kept.insert(kind, kept.len());
            all.items.extend(kept);
        }
        all.omitted = omitted.into_iter().filter(|&(_, n)| n > 0).collect();
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parts of a file read in any order keep, of each kind, the earliest in the file, and
    /// count the rest: what reading the file from the top keeps.
    #[test]
    fn earliest_keeps_what_reading_from_the_top_keeps() {
        let error = |line: u64, n: u64| Diagnostic {
            level: Level::Error,
            file: "f.csv".into(),
            line,
            column: 1,
            message: format!("row {n} has a problem"),
        };
        let mut from_top = Diagnostics::keeping(3);
        (1..=20).for_each(|line| from_top.add(error(line, line)));
        from_top.sort();
        // Four parts, each its lines, handed over last part first.
        let mut earliest = Earliest::new(&from_top);
        for part in (0..4u64).rev() {
            let mut diags = Diagnostics::keeping(3);
            (1..=5).for_each(|i| diags.add(error(part * 5 + i, part * 5 + i)));
            earliest.absorb(diags);
        }
        let mut parts = earliest.finish();
        parts.sort();
        assert_eq!(format!("{parts:?}"), format!("{from_top:?}"));
        assert_eq!(parts.unlisted_errors(), from_top.unlisted_errors());
        assert_eq!(parts.unlisted_errors(), 17);
    }

    /// A kind is the message with its quoted values and its numbers left out, in one file at
    /// one level: nothing else sets two messages apart, and everything else does.
    #[test]
    fn a_kind_is_the_message_without_its_values() {
        let kind = |file: &str, level: Level, message: &str| {
            Kind::of(&Diagnostic { level, file: file.into(), line: 1, column: 1, message: message.into() })
        };
        let of = |message: &str| kind("f.csv", Level::Error, message);
        let same = [
            ("row 1 has 3 fields", "row 22 has 10 fields"),
            (
                "unknown standard \"FS-1.1\"; did you mean FS-1.1?",
                "unknown standard \"ZZ\"; did you mean FS-9.9?",
            ),
            ("x \"a\" y \"b\" z", "x \"c d\" y \"\" z"),
        ];
        for (a, b) in same {
            assert_eq!(of(a), of(b), "{a} / {b}");
        }
        let long = "é".repeat(300);
        assert_eq!(of(&format!("{long} 1")), of(&format!("{long} 2")));
        let apart =
            [("row 1 has 3 fields", "row 1 has 3 field"), ("a \"b\" c", "a b c"), ("x\"y", "x\"y\"z")];
        for (a, b) in apart {
            assert_ne!(of(a), of(b), "{a} / {b}");
        }
        assert_ne!(of("x"), kind("g.csv", Level::Error, "x"));
        assert_ne!(of("x"), kind("f.csv", Level::Warning, "x"));
    }
}
