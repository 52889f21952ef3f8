//! Bytes -> the standards loader, twice: as a framework file beside the built-in cluster, and
//! as the cluster file beside the built-in frameworks. The built-in files are parsed once
//! (`standards::parse`); each input is parsed and the set assembled and validated with them.

#![no_main]

use std::sync::LazyLock;

use cte_align::load::standards::{BUILTIN, Parsed, Source, load_parsed, parse};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

/// Every built-in file, parsed once, by name.
static PARSED: LazyLock<Vec<(&str, Parsed)>> = LazyLock::new(|| {
    BUILTIN.iter().map(|(n, t)| (*n, parse(&Source { name: n.to_string(), text: t.to_string() }))).collect()
});

fn builtin(name: &str) -> Parsed {
    match PARSED.iter().find(|(n, _)| *n == name) {
        Some((_, p)) => p.clone(),
        None => panic!("no built-in file {name}"),
    }
}

fuzz_target!(|data: &[u8]| {
    // `--standards DIR` refuses a file that is not UTF-8 before parsing it.
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = common::max_lines(data);
    let fuzz = |name: &str| parse(&Source { name: name.to_string(), text: text.to_string() });

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
    match load_parsed(sources) {
        Ok(set) => {
            assert!(!set.frameworks.is_empty());
            let _ = set.lookup(text);
        }
        Err(diags) => {
            let mut names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
            names.push("fuzz.yaml");
            common::check(&diags, &names, u64::MAX, true);
            for d in diags.items.iter().filter(|d| &*d.file == "fuzz.yaml") {
                assert!(d.line <= lines, "line {} of {lines}: {d}", d.line);
            }
        }
    }

    // As the cluster, beside every built-in framework.
    let mut sources: Vec<Parsed> =
        BUILTIN.iter().filter(|(n, _)| *n != "cluster.yaml").map(|(n, _)| builtin(n)).collect();
    sources.push(fuzz("cluster.yaml"));
    match load_parsed(sources) {
        Ok(set) => assert!(!set.cluster.pathways.is_empty()),
        Err(diags) => {
            let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
            common::check(&diags, &names, u64::MAX, true);
            for d in diags.items.iter().filter(|d| &*d.file == "cluster.yaml") {
                assert!(d.line <= lines, "line {} of {lines}: {d}", d.line);
            }
        }
    }
});
