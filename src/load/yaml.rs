//! The one place YAML is parsed, so the parser can be swapped: serde-saphyr with budgets that
//! refuse hostile input (alias bombs, deep nesting, huge files) quickly and in bounded memory.

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde_saphyr::{Localizer, Location, MessageFormatter, UserMessageFormatter};

use crate::diagnostic::Pos;

/// The largest standards file read. The built-in foundation standards are about 30 KB; a
/// state's full framework is well under 1 MB.
pub const MAX_YAML_BYTES: usize = 8 * 1024 * 1024;

/// Deeper nesting than any framework tree needs (standard / sub-standard / objective / ...).
const MAX_DEPTH: usize = 64;

/// A YAML error: its message and where it is.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub pos: Pos,
    pub message: String,
}

/// Parses `text` into `T`, strictly: duplicate keys are errors, and the budgets below bound
/// time and memory whatever the input.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    if text.len() > MAX_YAML_BYTES {
        return Err(YamlError {
            pos: Pos { line: 1, column: 1 },
            message: format!(
                "file is {} bytes; standards files are limited to {MAX_YAML_BYTES} bytes",
                text.len()
            ),
        });
    }
    let options = serde_saphyr::options! {
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_documents: 1,
            max_nodes: 1_000_000,
            max_total_scalar_bytes: MAX_YAML_BYTES,
            max_recorded_anchor_bytes: 1024 * 1024,
        },
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|e| {
        let pos = e
            .location()
            .map(|l| Pos { line: l.line().max(1), column: l.column().max(1) })
            .unwrap_or(Pos { line: 1, column: 1 });
        let opts = serde_saphyr::render_options! {
            formatter: &PlainFormatter,
            snippets: serde_saphyr::SnippetMode::Off,
        };
        YamlError { pos, message: e.render_with_options(opts) }
    })
}

/// The parser's user-facing wording, without its " at line X, column Y" suffix: our
/// diagnostics put the position first, as `file:line:column:`.
struct PlainFormatter;

impl MessageFormatter for PlainFormatter {
    fn localizer(&self) -> &dyn Localizer {
        self
    }

    fn format_message<'a>(&self, err: &'a serde_saphyr::Error) -> Cow<'a, str> {
        UserMessageFormatter.format_message(err)
    }
}

impl Localizer for PlainFormatter {
    fn attach_location<'a>(&self, base: Cow<'a, str>, _loc: Location) -> Cow<'a, str> {
        base
    }
}
