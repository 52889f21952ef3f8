//! Bytes -> the CASE JSON reader, as the one package of a standards set (`--standards
//! FILE.json`): it loads, or every diagnostic names the package, a line within it (or none,
//! with a JSON path), and reads on one line.

#![no_main]

use cte_align::load::standards::{Source, load_sources};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    // `--standards` refuses a file that is not UTF-8 before parsing it.
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = common::max_lines(data);
    match load_sources(vec![Source { name: "pkg.json".to_string(), text: text.to_string() }]) {
        Ok(set) => {
            assert!(!set.frameworks.is_empty(), "a set without frameworks loaded");
            assert!(!set.cluster.pathways.is_empty(), "a set without pathways loaded");
            for s in set.standards.iter().take(3) {
                let _ = set.lookup(&s.id);
            }
            let _ = set.lookup(text);
        }
        Err(diags) => {
            assert!(diags.has_errors(), "failed without an error: {diags:?}");
            for d in &diags.items {
                assert!(&*d.file == "pkg.json" || &*d.file == "<standards>", "names file {:?}: {d}", d.file);
                assert!(d.line <= lines, "line {} of {lines}: {d}", d.line);
                let shown = d.to_string();
                assert!(!shown.contains('\n') && !shown.contains('\r'), "not one line: {shown:?}");
            }
        }
    }
});
