//! Catalog bytes -> one report view (picked by the input) as CSV (see render.rs): the output parses with the csv
//! crate, a header and rows all of its width.

#![no_main]

use cte_align::report::Format;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
#[path = "render.rs"]
mod render;

fn check(out: &[u8], what: &str) {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(true).from_reader(render::text(out, what).as_bytes());
    let width = match reader.headers() {
        Ok(h) => h.len(),
        Err(e) => panic!("{what}: CSV header does not parse: {e}"),
    };
    for record in reader.records() {
        match record {
            Ok(r) => assert_eq!(r.len(), width, "{what}: CSV row {r:?} has the wrong width"),
            Err(e) => panic!("{what}: CSV output does not parse: {e}"),
        }
    }
}

fuzz_target!(|data: &[u8]| render::one(data, Format::Csv, check));
