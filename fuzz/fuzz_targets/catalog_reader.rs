//! Bytes -> the catalog reader (with the built-in standards), then the same bytes as a
//! long-format alignment file merged into what was read.
//!
//! With `CTE_ALIGN_FUZZ_CRLF=1` in the environment it also checks that a file with CRLF line
//! ends gets its diagnostics at the same lines and columns as the same file with LF ends (off by
//! default while the known CRLF position bug is open: it would stop every run at once).

#![no_main]

use std::sync::OnceLock;

use cte_align::diagnostic::Diagnostics;
use cte_align::load::alignments;
use cte_align::load::catalog::{self, CsvOptions};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fn crlf_check() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("CTE_ALIGN_FUZZ_CRLF").is_some_and(|v| v == "1"))
}

/// Where each diagnostic is, in order.
fn positions(diags: &Diagnostics) -> Vec<(u64, u64)> {
    let mut out: Vec<(u64, u64)> = diags.items.iter().map(|d| (d.line, d.column)).collect();
    out.sort_unstable();
    out
}

/// The same file with LF line ends, when every CR in it is one half of a CRLF.
fn with_lf(data: &[u8]) -> Option<Vec<u8>> {
    let crs = data.iter().filter(|&&b| b == b'\r').count();
    let crlfs = data.windows(2).filter(|w| w == b"\r\n").count();
    let utf16 = data.starts_with(b"\xFF\xFE") || data.starts_with(b"\xFE\xFF");
    if crs == 0 || crs != crlfs || utf16 {
        return None;
    }
    Some(data.iter().copied().filter(|&b| b != b'\r').collect())
}

fuzz_target!(|data: &[u8]| {
    let set = common::builtin();
    let opts = CsvOptions::default();
    let lines = common::max_lines(data);
    let mut diags = Diagnostics::default();
    let read = catalog::read("catalog.csv", data.to_vec(), set, &opts, &mut diags);
    common::check(&diags, &["catalog.csv"], lines, read.is_none());
    if crlf_check()
        && let Some(lf) = with_lf(data)
    {
        let mut lf_diags = Diagnostics::default();
        catalog::read("catalog.csv", lf, set, &opts, &mut lf_diags);
        assert_eq!(
            positions(&diags),
            positions(&lf_diags),
            "CRLF and LF put diagnostics in different places"
        );
    }
    if let Some(mut cat) = read {
        for c in &cat.courses {
            assert!(!c.id.is_empty(), "a course without an ID was read");
            assert!(c.line >= 1 && c.line <= lines, "course {} on line {} of {lines}", c.id, c.line);
        }
        alignments::merge("alignments.csv", data.to_vec(), set, &opts, &mut cat, &mut diags);
        catalog::check(&cat, &mut diags);
        diags.sort();
        common::check(&diags, &["catalog.csv", "alignments.csv"], lines, false);
    }
});
