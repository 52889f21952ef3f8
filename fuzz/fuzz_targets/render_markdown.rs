//! Catalog bytes -> one report view (picked by the input) as Markdown (see render.rs): each table's rows have as
//! many unescaped pipes as its first line, and no raw control character is written.

#![no_main]

use cte_align::report::Format;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
#[path = "render.rs"]
mod render;

fn check(out: &[u8], what: &str) {
    let text = render::text(out, what);
    render::no_raw_controls(text, what, false);
    let mut want = None;
    for line in text.lines() {
        if !line.starts_with('|') {
            want = None;
            continue;
        }
        let pipes = line.match_indices('|').filter(|(i, _)| !line[..*i].ends_with('\\')).count();
        match want {
            None => want = Some(pipes),
            Some(w) => assert_eq!(pipes, w, "{what}: Markdown row with {pipes} pipes, want {w}: {line:?}"),
        }
    }
}

fuzz_target!(|data: &[u8]| render::one(data, Format::Markdown, check));
