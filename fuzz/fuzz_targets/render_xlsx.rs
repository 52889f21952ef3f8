//! Catalog bytes -> one report view (picked by the input) as an XLSX workbook (see render.rs): calamine reads it
//! back, every sheet of it.

#![no_main]

use cte_align::report::Format;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
#[path = "render.rs"]
mod render;

use calamine::Reader;

fn check(out: &[u8], what: &str) {
    let mut book = match calamine::Xlsx::new(std::io::Cursor::new(out)) {
        Ok(b) => b,
        Err(e) => panic!("{what}: the workbook does not open: {e}"),
    };
    let names = book.sheet_names();
    assert!(!names.is_empty(), "{what}: a workbook without sheets");
    for name in names {
        if let Err(e) = book.worksheet_range(&name) {
            panic!("{what}: sheet {name:?} does not read: {e}");
        }
    }
}

fuzz_target!(|data: &[u8]| render::one(data, Format::Xlsx, check));
