//! Bytes -> the standards loader, as a framework file beside the built-in cluster or as the
//! cluster file beside the built-in frameworks: the role its keys say (see [`as_cluster`]),
//! not both, which halved the executions. The built-in files are parsed once
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

/// Keys only a cluster file has, and keys only a framework file has.
const CLUSTER_KEYS: [&str; 4] = ["pathways", "credentials", "depth_scale", "mastery"];
const FRAMEWORK_KEYS: [&str; 8] = [
    "standards",
    "coverage_depth",
    "applies_to",
    "legacy_codes",
    "nested_codes",
    "version",
    "source",
    "attribution",
];

/// Whether to read the input as the cluster file: when it names a key only a cluster has;
/// as a framework when it names one only a framework has; otherwise (neither, or garbage) by
/// its length, so both readers still see what has no keys of either.
fn as_cluster(text: &str) -> bool {
    let names = |keys: &[&str]| keys.iter().any(|k| text.contains(k));
    match (names(&CLUSTER_KEYS), names(&FRAMEWORK_KEYS)) {
        (true, _) => true,
        (false, true) => false,
        (false, false) => text.len().is_multiple_of(2),
    }
}

fuzz_target!(|data: &[u8]| {
    // `--standards DIR` refuses a file that is not UTF-8 before parsing it.
    let Ok(text) = std::str::from_utf8(data) else { return };
    if as_cluster(text) {
        as_cluster_file(text, data);
    } else {
        as_framework_file(text, data);
    }
});

fn as_framework_file(text: &str, data: &[u8]) {
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
}

fn as_cluster_file(text: &str, data: &[u8]) {
    let lines = common::max_lines(data);
    let fuzz = |name: &str| parse(&Source { name: name.to_string(), text: text.to_string() });

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
}
