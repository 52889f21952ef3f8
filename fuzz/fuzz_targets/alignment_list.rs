//! The alignment list parser (`FS-1.1:I; FS-7.1:R; TS-2.3`), reached through the catalog
//! reader (the parser is private): the input is the standards field of a catalog's only course.

#![no_main]

use cte_align::diagnostic::Diagnostics;
use cte_align::load::catalog::{self, CsvOptions};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(field) = std::str::from_utf8(data) else { return };
    // A NUL byte anywhere makes the whole file binary (tested on its own): not this target's job.
    if field.contains('\0') {
        return;
    }
    let set = common::builtin();
    // A quoted CSV field holds anything once its quotes are doubled.
    let text =
        format!("course_id,title,pathway,standards\nHS1,Course,TS,\"{}\"\n", field.replace('"', "\"\""));
    let lines = common::max_lines(text.as_bytes());
    let mut diags = Diagnostics::default();
    let read = catalog::read("catalog.csv", text.into_bytes(), set, &CsvOptions::default(), &mut diags);
    common::check(&diags, &["catalog.csv"], lines, read.is_none());
    let Some(cat) = read else { panic!("the catalog around the field must read: {diags:?}") };
    assert!(cat.courses.len() <= 1, "one row gave {} courses", cat.courses.len());
    for d in &diags.items {
        assert!(d.line >= 2, "a problem in the field is reported on the header line: {d}");
    }
    for c in &cat.courses {
        for a in &c.alignments {
            assert!((a.standard as usize) < set.standards.len());
            assert!(a.depth.is_none_or(|d| (d as usize) < set.cluster.depth_scale.len()));
        }
    }
});
