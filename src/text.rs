//! Characters a reader cannot see: control characters (C0, DEL, C1) and Unicode format
//! characters (category Cf: zero-width space, joiners, a byte-order mark inside a value, bidi
//! controls). A control character printed raw can rewrite a terminal (colour, clear screen,
//! hidden text); an invisible one makes `HS1\u{200B}01` look like `HS101`.
//!
//! Input readers refuse such characters in identifiers ([`invisible`]); every message or report
//! that quotes user text shows them escaped ([`escape_invisible`]), so what a user reads is what
//! the file holds.

use std::borrow::Cow;

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Whether a character is a control character (C0, DEL, C1), a Unicode format character
/// (category Cf) or a line or paragraph separator: one that shows as nothing, or acts on the
/// terminal instead of showing.
pub fn is_invisible(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    c.is_control()
        || matches!(
            c.general_category(),
            GeneralCategory::Format | GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator
        )
}

/// The first invisible character of `text`, with its byte offset.
pub fn invisible(text: &str) -> Option<(usize, char)> {
    // Nearly every value is printable ASCII: one pass over the bytes settles it.
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return None;
    }
    text.char_indices().find(|&(_, c)| is_invisible(c))
}

/// `text` with each invisible character written as `\u{XXXX}` (`HS1\u{200B}01`), for messages
/// and reports that quote user text; borrowed when there is none, which is nearly always.
pub fn escape_invisible(text: &str) -> Cow<'_, str> {
    if invisible(text).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_invisible(c) {
            out.push_str(&format!("\\u{{{:X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`escape_invisible`], keeping line breaks (`\n`): for text laid out in lines, such as a
/// table's cells and notes, or the list of errors printed to a terminal.
pub fn escape_keeping_lines(text: &str) -> Cow<'_, str> {
    if !text.contains('\n') {
        return escape_invisible(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(escape_invisible).collect();
    if lines.iter().all(|l| matches!(l, Cow::Borrowed(_))) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(lines.join("\n"))
}

/// How a message names an invisible character: its code point, `U+200B`, and what it is.
pub fn describe(c: char) -> String {
    let what = if c.is_control() {
        "a control character"
    } else {
        match c {
            '\u{200B}' => "a zero-width space",
            '\u{200C}' | '\u{200D}' => "a zero-width joiner",
            '\u{FEFF}' => "a byte-order mark",
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => {
                "a text-direction control"
            }
            _ => "an invisible formatting character",
        }
    };
    format!("U+{:04X} ({what})", c as u32)
}

/// The most characters of a header a message or the column mapping quotes.
pub const HEADER_SHOWN: usize = 60;

/// `text` cut to its first `max` characters, with `…` after it when it was longer: for a
/// value quoted in a message, which a file of one enormous cell would make enormous too.
pub fn clipped(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

/// `1000000` as `1,000,000`, as the README writes the limits and counts.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipped_keeps_short_text_and_cuts_long_text_on_a_character() {
        assert_eq!(clipped("Course", 6), "Course");
        assert_eq!(clipped("Course", 3), "Cou…");
        assert_eq!(clipped("Ééé", 2), "Éé…");
        assert_eq!(clipped("", 0), "");
    }

    #[test]
    fn finds_and_escapes_what_cannot_be_seen() {
        assert_eq!(invisible("HS101"), None);
        assert_eq!(invisible("Café"), None);
        assert_eq!(invisible("HS1\u{200B}01"), Some((3, '\u{200B}')));
        assert_eq!(invisible("\u{1b}[31mHS1"), Some((0, '\u{1b}')));
        for c in ['\u{7f}', '\u{85}', '\u{9b}', '\u{feff}', '\u{202e}', '\u{2066}', '\u{200d}', '\u{2028}'] {
            assert!(is_invisible(c), "{:X}", c as u32);
        }
        assert_eq!(escape_invisible("HS1\u{200B}01\u{1b}"), "HS1\\u{200B}01\\u{1B}");
        assert!(matches!(escape_invisible("plain"), Cow::Borrowed("plain")));
        assert_eq!(describe('\u{1b}'), "U+001B (a control character)");
        assert_eq!(escape_keeping_lines("a\u{1b}[2J\nb\u{7}"), "a\\u{1B}[2J\nb\\u{7}");
        assert!(matches!(escape_keeping_lines("a\nb"), Cow::Borrowed("a\nb")));
        assert_eq!(describe('\u{200b}'), "U+200B (a zero-width space)");
    }
}
