//! Shared by the fuzz targets: the built-in standards, loaded once, and the invariants every
//! diagnostic must hold whatever the input (a file, a line and a column that exist, one line
//! of text).

#![allow(dead_code)]

use std::sync::OnceLock;

use cte_align::diagnostic::{Diagnostics, Level};
use cte_align::model::StandardsSet;

/// The built-in Health Science set, loaded once per process.
pub fn builtin() -> &'static StandardsSet {
    static SET: OnceLock<StandardsSet> = OnceLock::new();
    SET.get_or_init(|| match cte_align::load::standards::load_builtin() {
        Ok(set) => set,
        Err(e) => panic!("the built-in standards must load: {e:#}"),
    })
}

/// How many lines `bytes` can hold at most, counting `\n` and `\r` each as a line end.
pub fn max_lines(bytes: &[u8]) -> u64 {
    1 + bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() as u64
}

/// Every diagnostic names one of `files`, points at a line within `lines` and a column from 1,
/// and displays as one line. `failed`: the reader gave up, so there must be an error.
pub fn check(diags: &Diagnostics, files: &[&str], lines: u64, failed: bool) {
    for d in &diags.items {
        assert!(files.contains(&&*d.file), "diagnostic names file {:?}, not one of {files:?}: {d}", d.file);
        assert!(d.line >= 1 && d.line <= lines, "line {} outside 1..={lines}: {d}", d.line);
        assert!(d.column >= 1, "column 0: {d}");
        assert!(!d.message.trim().is_empty(), "empty message: {d}");
        let shown = d.to_string();
        assert!(!shown.contains('\n') && !shown.contains('\r'), "diagnostic is not one line: {shown:?}");
        assert!(shown.starts_with(&format!("{}:{}:{}: ", d.file, d.line, d.column)), "{shown:?}");
    }
    if failed {
        assert!(diags.items.iter().any(|d| d.level == Level::Error), "failed without an error: {diags:?}");
    }
}
