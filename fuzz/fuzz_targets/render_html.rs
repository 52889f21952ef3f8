//! Catalog bytes -> one report view (picked by the input) as HTML (see render.rs): the user's text is escaped.
//! Outside the stylesheet every `<` opens a tag (a letter, `/` or `!` after it) whose quotes
//! pair up, no tag is a script, every `&` starts an entity, and no raw control character is
//! written.

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
    let mut rest = text;
    while let Some(i) = rest.find(['<', '&']) {
        let (at, after) = (&rest[i..], &rest[i + 1..]);
        if at.starts_with('&') {
            let entity = after.split_once(';').map_or("", |(e, _)| e);
            let ok = (!entity.is_empty() && entity.chars().all(|c| c.is_ascii_alphanumeric()))
                || entity
                    .strip_prefix('#')
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric()));
            assert!(ok, "{what}: a raw & not starting an entity: {:?}", &at[..at.len().min(40)]);
            rest = after;
            continue;
        }
        let Some(end) = after.find('>') else {
            panic!("{what}: a tag never closed: {:?}", &at[..at.len().min(40)])
        };
        let tag = &after[..end];
        assert!(
            tag.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!'),
            "{what}: a raw < that opens no tag: {:?}",
            &at[..at.len().min(40)]
        );
        assert!(tag.matches('"').count() % 2 == 0, "{what}: unpaired quotes in a tag: <{tag}>");
        assert!(!tag.to_ascii_lowercase().starts_with("script"), "{what}: a script tag: <{tag}>");
        rest = &after[end + 1..];
        if tag.starts_with("style") {
            match rest.find("</style>") {
                Some(close) => rest = &rest[close + "</style>".len()..],
                None => panic!("{what}: the stylesheet never closes"),
            }
        }
    }
}

fuzz_target!(|data: &[u8]| render::one(data, Format::Html, check));
