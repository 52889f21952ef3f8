//! Inputs -> model, with diagnostics: standards YAML, the catalog CSV, alignment files.
//!
//! Every reader here collects all the problems it finds, each with file, line and column,
//! before it fails; nothing here prints.

pub mod alignments;
pub mod catalog;
mod columns;
mod input;
mod refs;
mod sced;
mod schema;
pub mod standards;
mod table;
pub mod yaml;

use std::path::Path;

use crate::diagnostic::{Diagnostic, Level};

/// The limits on what a catalog or a standards file may hold, each refused with a message that
/// names it rather than exhausting memory or time (README, "Limits").
pub mod limits {
    pub use super::input::MAX_CATALOG_BYTES;
    pub use super::yaml::{
        MAX_YAML_ALIASES, MAX_YAML_ANCHORS, MAX_YAML_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES,
    };
    /// Columns in a catalog or alignment file's header.
    pub const MAX_COLUMNS: usize = 1_000;
    /// Bytes in one field (a long course description is a few kilobytes).
    pub const MAX_FIELD_BYTES: usize = 1024 * 1024;
    /// Alignments listed in one course's standards field.
    pub const MAX_ALIGNMENTS: usize = 1_000;
}

pub use columns::{Column, ColumnOverride};
pub use input::{MAX_CATALOG_BYTES, read_input};
pub use table::Delimiter;

/// Reads a UTF-8 text file of at most `limit` bytes, or says at `file:1:1` why it cannot.
///
/// Only a regular file is read (after following symbolic links): a FIFO would block forever
/// and a device such as `/dev/zero` never ends, and both report a length of 0, so the size
/// from the metadata refuses large files early but the read itself is bounded too.
pub fn read_text_limited(path: &Path, limit: usize) -> Result<String, Diagnostic> {
    use std::io::Read;
    let fail = |message: String| Diagnostic {
        level: Level::Error,
        file: path.display().to_string().into(),
        line: 1,
        column: 1,
        message,
    };
    let linked = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let meta = std::fs::metadata(path).map_err(|e| fail(cannot_read(&e, linked)))?;
    if let Some(what) = not_regular(&meta) {
        let (is, it) = if linked { ("links to", "the link") } else { ("is", "it") };
        return Err(fail(if what == DIRECTORY {
            format!(
                "this {is} a directory, not a standards file; rename {it} so the name does not \
                 end in .yaml or .yml, or move {it} out of the standards directory"
            )
        } else {
            format!(
                "this {is} {what}, not a regular file, so it cannot be read as a standards file; \
                 copy the text into a regular file, or move {it} out of the standards directory"
            )
        }));
    }
    if meta.len() > limit as u64 {
        return Err(fail(too_big(&format!("is {} bytes", meta.len()), limit)));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(cannot_read(&e, linked)))?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(|e| fail(cannot_read(&e, linked)))?;
    if bytes.len() > limit {
        return Err(fail(too_big(&format!("is more than {limit} bytes"), limit)));
    }
    String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        Diagnostic { line: line as u64, ..fail("the file is not valid UTF-8; save it as UTF-8".into()) }
    })
}

fn cannot_read(e: &std::io::Error, linked: bool) -> String {
    if linked && e.kind() == std::io::ErrorKind::NotFound {
        return "this is a symbolic link to a file that does not exist; fix or remove the link".into();
    }
    format!("cannot read this file: {e}; check that it exists and that you may read it")
}

fn too_big(what: &str, limit: usize) -> String {
    format!(
        "the file {what}, over the limit of {} MiB ({limit} bytes) for a standards file; split \
         the framework into several files",
        limit / (1024 * 1024)
    )
}

const DIRECTORY: &str = "a directory";

/// What a file that is not a regular file is, in words; `None` for a regular file.
fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some(DIRECTORY);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("something other than a file")
}
