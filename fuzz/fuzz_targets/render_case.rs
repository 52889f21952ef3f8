//! Standards YAML bytes -> a standards set -> `--format case` (the set as a CASE package), and
//! its promise: the package reads back (`--standards FILE.json`), and exporting what was read
//! back gives the same bytes again. The input is the foundation framework of the tests' mini
//! set (tests/fixtures/mini/standards, whose cluster requires only FS-1.1 of it), so that a
//! small input makes a whole set; an input that does not load is not this target's
//! (standards_yaml fuzzes the loader's errors).

#![no_main]

use std::sync::LazyLock;

use cte_align::load::standards::{Parsed, Source, load_parsed, load_sources, parse};
use cte_align::model::StandardsSet;
use cte_align::report::case;
use libfuzzer_sys::fuzz_target;

/// The mini set's files but foundation.yaml.
const MINI: [(&str, &str); 3] = [
    ("cluster.yaml", include_str!("../../tests/fixtures/mini/standards/cluster.yaml")),
    ("aa.yaml", include_str!("../../tests/fixtures/mini/standards/aa.yaml")),
    ("bb.yaml", include_str!("../../tests/fixtures/mini/standards/bb.yaml")),
];

/// The mini set's files but foundation.yaml, parsed once.
static OTHERS: LazyLock<Vec<Parsed>> = LazyLock::new(|| {
    MINI.iter().map(|(n, t)| parse(&Source { name: n.to_string(), text: t.to_string() })).collect()
});

fn export(set: &StandardsSet, what: &str) -> String {
    let mut out = Vec::new();
    if let Err(e) = case::render(set, &mut out) {
        panic!("{what}: the CASE export failed: {e}");
    }
    match String::from_utf8(out) {
        Ok(text) => text,
        Err(e) => panic!("{what}: the CASE export is not UTF-8: {e}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut files = OTHERS.clone();
    files.push(parse(&Source { name: "foundation.yaml".to_string(), text: text.to_string() }));
    let Ok(set) = load_parsed(files) else { return };
    let first = export(&set, "export");
    if let Err(e) = serde_json::from_str::<serde_json::Value>(&first) {
        panic!("the CASE export does not parse as JSON: {e}\n{first}");
    }
    let again = match load_sources(vec![Source { name: "export.json".to_string(), text: first.clone() }]) {
        Ok(set) => set,
        Err(diags) => panic!("the CASE export does not read back: {diags:?}\n{first}"),
    };
    assert_eq!(again.standards.len(), set.standards.len(), "the round trip changed the standards");
    let second = export(&again, "export of the export");
    assert!(first == second, "the round trip changed the package:\n{first}\n---\n{second}");
});
