//! Catalog bytes -> one report view (picked by the input) in the terminal table format (see
//! render.rs): UTF-8, and no raw control character from the user's text (the colours' ESC
//! aside).

#![no_main]

use cte_align::report::Format;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
#[path = "render.rs"]
mod render;

fn check(out: &[u8], what: &str) {
    let text = render::text(out, what);
    render::no_raw_controls(text, what, what.contains("colour true"));
}

fuzz_target!(|data: &[u8]| render::one(data, Format::Table, check));
