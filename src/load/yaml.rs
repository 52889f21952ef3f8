//! The one place YAML is parsed, so the parser can be swapped: serde-saphyr with budgets that
//! refuse hostile input (alias bombs, deep nesting, huge files) quickly and in bounded memory.

use crate::text::thousands;
use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde_saphyr::{Localizer, Location, MessageFormatter, UserMessageFormatter};

use crate::diagnostic::Pos;

/// The largest standards file read. The built-in foundation standards are about 30 KB; a
/// state's full framework is well under 1 MB.
pub const MAX_YAML_BYTES: usize = 8 * 1024 * 1024;

/// [`MAX_YAML_BYTES`] in MiB, for messages, so they cannot drift from the limit.
const MAX_YAML_MIB: usize = MAX_YAML_BYTES / (1024 * 1024);
// A limit that is not a whole number of MiB would be shown rounded down: say it another way.
const _: () = assert!(MAX_YAML_BYTES.is_multiple_of(1024 * 1024), "MAX_YAML_BYTES is not whole MiB");

/// Deeper nesting of lists and mappings than any framework tree needs: a standard at tree
/// depth d sits 2d + 1 levels deep (the file, `standards:`, then a list and a mapping a level).
pub const MAX_YAML_DEPTH: usize = 64;

/// Anchors (`&name`) defined in one file.
pub const MAX_YAML_ANCHORS: usize = 1_000;

/// Aliases (`*name`) used in one file.
pub const MAX_YAML_ALIASES: usize = 1_000;

/// Nodes (scalars, lists and mappings) in one file, each alias counted as the nodes it
/// stands for: this, not the alias count, is what bounds an alias bomb.
pub const MAX_YAML_NODES: usize = 1_000_000;

/// Parser events per node are at most two (a start and an end), plus one per alias and four
/// for the stream and document: with this many, the node limit is always the one passed.
const MAX_EVENTS: usize = 2 * MAX_YAML_NODES + MAX_YAML_ALIASES + 16;

/// A YAML error: its message and where it is.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub pos: Pos,
    pub message: String,
    /// One of the limits above was passed: the file is not worth a second look.
    pub limit: bool,
}

/// Parses `text` into `T`, strictly: duplicate keys are errors, and the budgets below bound
/// time and memory whatever the input.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    if text.len() > MAX_YAML_BYTES {
        return Err(YamlError {
            pos: Pos { line: 1, column: 1 },
            message: format!(
                "the file is {} bytes, over the limit of {MAX_YAML_MIB} MiB ({MAX_YAML_BYTES} \
                 bytes) for a standards file; split the framework into several files",
                text.len()
            ),
            limit: true,
        });
    }
    let options = serde_saphyr::options! {
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: MAX_YAML_DEPTH,
            // The parser's own cap on `[[[...` nesting, so that flow and block nesting stop at
            // the same documented depth (its default is 255).
            flow_nesting_limit: MAX_YAML_DEPTH,
            max_aliases: MAX_YAML_ALIASES,
            max_anchors: MAX_YAML_ANCHORS,
            // Off: the ratio heuristic refused 1,000 aliases of one anchor, under the
            // documented limits; the node count bounds what aliases expand to.
            enforce_alias_anchor_ratio: false,
            max_documents: 1,
            max_nodes: MAX_YAML_NODES,
            max_events: MAX_EVENTS,
            max_recorded_anchor_events: MAX_EVENTS,
            max_total_scalar_bytes: MAX_YAML_BYTES,
            max_recorded_anchor_bytes: MAX_YAML_BYTES,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_EVENTS,
            max_replay_stack_depth: MAX_YAML_DEPTH,
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
        let message = friendly(&e.render_with_options(opts), text, pos);
        YamlError { pos, message, limit: limit_passed(&e).is_some() }
    })
}

/// The parser's message in words a director can act on, for the common slips, with the line
/// it points at quoted (a diagnostic is one line, so the line is quoted rather than shown
/// under a caret): a tab, indentation that does not line up, a word where a number was
/// expected, a list where a map was expected (issue 14: `coverage_depth: two` said
/// `invalid u8`; an indentation slip said `did not find expected '-' indicator`).
fn friendly(message: &str, text: &str, pos: Pos) -> String {
    let line = text.lines().nth(pos.line.saturating_sub(1) as usize).unwrap_or("");
    let shown = format!(
        "line {}: \"{}\", column {}",
        pos.line,
        crate::text::escape_invisible(line.trim_end()),
        pos.column
    );
    let lower = message.to_lowercase();
    let hint = if line.contains('\t') {
        Some("the line holds a tab; YAML indents with spaces only: replace the tab with spaces")
    } else if lower.contains("invalid u8")
        || lower.contains("invalid u16")
        || lower.contains("invalid u32")
        || lower.contains("invalid i64")
        || lower.contains("invalid f64")
        || lower.contains("invalid u64")
    {
        Some("a whole number was expected here (like 2), not a word")
    } else if lower.contains("invalid type: sequence")
        || (lower.contains("sequence") && lower.contains("expected a map"))
    {
        Some("a list (lines starting with -) was given where a map (key: value lines) was expected")
    } else if lower.contains("invalid type: map") && lower.contains("expected a sequence") {
        Some("a map (key: value lines) was given where a list (lines starting with -) was expected")
    } else if lower.contains("invalid type") && lower.contains("expected a string") {
        Some("text was expected here; put the value in quotes")
    } else if lower.contains("indicator")
        || lower.contains("mapping values are not allowed")
        || lower.contains("did not find expected key")
        || lower.contains("block end")
    {
        Some(
            "the indentation does not line up: items at one level must start in the same column, indented with spaces",
        )
    } else {
        None
    };
    match hint {
        Some(hint) => format!("{hint} ({message}; {shown})"),
        None => message.to_string(),
    }
}

/// The parser's user-facing wording, without its " at line X, column Y" suffix: our
/// diagnostics put the position first, as `file:line:column:`.
struct PlainFormatter;

impl MessageFormatter for PlainFormatter {
    fn localizer(&self) -> &dyn Localizer {
        self
    }

    fn format_message<'a>(&self, err: &'a serde_saphyr::Error) -> Cow<'a, str> {
        match limit_passed(err) {
            Some(message) => Cow::Owned(message),
            None => UserMessageFormatter.format_message(err),
        }
    }
}

/// For an error that is one of the limits above being passed, which limit, in words, and what
/// to do; the parser's own wording is a debug dump of its counters (`Depth { depth: 65 }`).
fn limit_passed(err: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::Error;
    use serde_saphyr::budget::BudgetBreach as B;
    let depth = || {
        format!(
            "lists and mappings nest past the limit of {MAX_YAML_DEPTH} levels; a framework \
             needs only a few (standard, sub-standard, objective): flatten the tree"
        )
    };
    let nodes = || {
        format!(
            "the file passes the limit of {} YAML nodes (values, lists and mappings, each alias \
             counted as the nodes it stands for); split the framework into several files, or \
             use fewer aliases",
            thousands(MAX_YAML_NODES)
        )
    };
    let mut err = err;
    while let Error::AliasError { error, .. } | Error::WithSnippet { error, .. } = err {
        err = error;
    }
    let message = match err {
        Error::Budget { breach, .. } => match breach {
            B::Depth { .. } => depth(),
            B::Nodes { .. } | B::Events { .. } | B::RecordedAnchorEvents { .. } => nodes(),
            B::Aliases { .. } => format!(
                "the file passes the limit of {} aliases (`*name`); write the repeated values \
                 out, or split the file",
                thousands(MAX_YAML_ALIASES)
            ),
            B::Anchors { .. } => format!(
                "the file passes the limit of {} anchors (`&name`); write the repeated values \
                 out, or split the file",
                thousands(MAX_YAML_ANCHORS)
            ),
            B::ScalarBytes { .. } | B::RecordedAnchorBytes { .. } => format!(
                "the text of the file's values passes the limit of {MAX_YAML_MIB} MiB \
                 ({MAX_YAML_BYTES} bytes), each alias counted as the text it stands for; split \
                 the framework into several files, or use fewer aliases"
            ),
            B::Documents { .. } => "a second YAML document starts here (after `---`); a \
                 standards file holds one document: move the second into a file of its own"
                .to_string(),
            _ => return None,
        },
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => nodes(),
        Error::AliasReplayStackDepthExceeded { .. } => depth(),
        Error::ExternalMessage { source, .. } => match source.as_ref() {
            serde_saphyr::ExternalMessageSource::Parser(scan)
                if matches!(scan.kind(), serde_saphyr::granit_parser::ErrorKind::RecursionLimitExceeded) =>
            {
                depth()
            }
            _ => return None,
        },
        _ => return None,
    };
    Some(message)
}

impl Localizer for PlainFormatter {
    fn attach_location<'a>(&self, base: Cow<'a, str>, _loc: Location) -> Cow<'a, str> {
        base
    }
}
