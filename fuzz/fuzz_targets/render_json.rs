//! Catalog bytes -> one report view (picked by the input) as JSON (see render.rs): the output parses with
//! serde_json, as one object naming its command and schema version.

#![no_main]

use cte_align::report::Format;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
#[path = "render.rs"]
mod render;

fn check(out: &[u8], what: &str) {
    match serde_json::from_slice::<serde_json::Value>(out) {
        Ok(v) => {
            assert!(v.get("command").is_some_and(serde_json::Value::is_string), "{what}: no command");
            assert!(v.get("schema_version").is_some(), "{what}: no schema_version");
        }
        Err(e) => panic!("{what}: JSON output does not parse: {e}\n{}", String::from_utf8_lossy(out)),
    }
}

fuzz_target!(|data: &[u8]| render::one(data, Format::Json, check));
