//! Inputs -> model, with diagnostics: standards YAML, the catalog CSV, alignment files.
//!
//! Every reader here collects all the problems it finds, each with file, line and column,
//! before it fails; nothing here prints.

pub mod alignments;
pub mod catalog;
mod columns;
mod input;
mod refs;
mod schema;
pub mod standards;
mod table;
pub mod yaml;

use std::path::Path;

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

/// Reads a UTF-8 text file of at most `limit` bytes, refusing larger ones before reading them.
pub fn read_text_limited(path: &Path, limit: usize) -> anyhow::Result<String> {
    use anyhow::Context;
    let meta = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.len() > limit as u64 {
        anyhow::bail!(
            "{}:1:1: file is {} bytes; the limit for this kind of file is {limit} bytes",
            path.display(),
            meta.len()
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        anyhow::anyhow!("{}:{line}:1: the file is not valid UTF-8; save it as UTF-8", path.display())
    })
}
