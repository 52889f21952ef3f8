//! Bytes -> the standards loader, twice: as a framework file beside the built-in cluster, and
//! as the cluster file beside the built-in frameworks.

#![no_main]

use cte_align::load::standards::{BUILTIN, Source, load_sources};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fn builtin(name: &str) -> Source {
    let text = BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| t.to_string()).unwrap_or_default();
    Source { name: name.to_string(), text }
}

fuzz_target!(|data: &[u8]| {
    // `--standards DIR` refuses a file that is not UTF-8 before parsing it.
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = common::max_lines(data);
    let fuzz = |name: &str| Source { name: name.to_string(), text: text.to_string() };

    // As a framework: the cluster names TS, DS, HI, SS and BRD, so use foundation's place.
    let sources = vec![
        builtin("cluster.yaml"),
        fuzz("fuzz.yaml"),
        builtin("therapeutic.yaml"),
        builtin("diagnostic.yaml"),
        builtin("informatics.yaml"),
        builtin("support.yaml"),
        builtin("biotechnology.yaml"),
    ];
    match load_sources(sources) {
        Ok(set) => {
            assert!(!set.frameworks.is_empty());
            let _ = set.lookup(text);
        }
        Err(diags) => {
            let mut names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
            names.push("fuzz.yaml");
            common::check(&diags, &names, u64::MAX, true);
            for d in diags.items.iter().filter(|d| d.file == "fuzz.yaml") {
                assert!(d.line <= lines, "line {} of {lines}: {d}", d.line);
            }
        }
    }

    // As the cluster, beside every built-in framework.
    let mut sources: Vec<Source> =
        BUILTIN.iter().filter(|(n, _)| *n != "cluster.yaml").map(|(n, _)| builtin(n)).collect();
    sources.push(fuzz("cluster.yaml"));
    match load_sources(sources) {
        Ok(set) => assert!(!set.cluster.pathways.is_empty()),
        Err(diags) => {
            let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
            common::check(&diags, &names, u64::MAX, true);
            for d in diags.items.iter().filter(|d| d.file == "cluster.yaml") {
                assert!(d.line <= lines, "line {} of {lines}: {d}", d.line);
            }
        }
    }
});
