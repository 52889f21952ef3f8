//! Catalog bytes -> `gaps` or `validate` (picked by the input) as GitHub Actions workflow
//! commands (see render.rs): one `::error`, `::warning` or `::notice` command a line, with
//! `file=` first and every property and message escaped, so no user text starts a command of
//! its own (a raw line end in a message would let a catalog run `::add-mask::` or worse).

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
    assert!(text.is_empty() || text.ends_with('\n'), "{what}: the last command has no line end");
    for line in text.lines() {
        let Some((level, rest)) = line.strip_prefix("::").and_then(|l| l.split_once(' ')) else {
            panic!("{what}: a line that is no workflow command: {line:?}")
        };
        assert!(matches!(level, "error" | "warning" | "notice"), "{what}: command {level:?}: {line:?}");
        let Some((props, _message)) = rest.split_once("::") else {
            panic!("{what}: a command without its message: {line:?}")
        };
        assert!(props.starts_with("file="), "{what}: the properties do not start with file=: {line:?}");
        for prop in props.split(',') {
            let Some((key, _)) = prop.split_once('=') else { panic!("{what}: property {prop:?}: {line:?}") };
            assert!(matches!(key, "file" | "line" | "col" | "title"), "{what}: property {key:?}: {line:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| render::one(data, Format::Github, check));
