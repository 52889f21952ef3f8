//! Raw bytes -> text: reading a file or standard input within a size limit, recognising files
//! that are not CSV at all, and transcoding what Excel writes (UTF-8 with a byte-order mark,
//! Windows-1252, UTF-16 with a byte-order mark) into UTF-8.

use std::io::Read;

use anyhow::Context;

use crate::diagnostic::{Diagnostic, Level};

/// The largest catalog or alignment file read: a statewide export of a million rows is about
/// 130 MB, so this leaves ample room while refusing runaway inputs before they exhaust memory.
pub const MAX_CATALOG_BYTES: u64 = 1024 * 1024 * 1024;

/// Reads `path` (or standard input for `-`) whole, refusing files over `MAX_CATALOG_BYTES`
/// without reading more than one byte past the limit.
///
/// Reading stops after the first bytes when they already show that the input is no CSV file
/// (a NUL at its start, as `/dev/zero` gives, or a known binary format): what was read is
/// returned, and [`decode`] refuses it exactly as it would refuse the whole input, without a
/// gigabyte of zeros read first.
pub fn read_input(path: &str) -> anyhow::Result<Vec<u8>> {
    let name = if path == "-" { "<stdin>" } else { path };
    let mut bytes = Vec::new();
    let limit = MAX_CATALOG_BYTES + 1;
    if path == "-" {
        read_bounded(std::io::stdin().lock().take(limit), &mut bytes)
            .context("cannot read standard input")?;
    } else {
        let file = std::fs::File::open(path).with_context(|| format!("cannot open {path}"))?;
        let meta = file.metadata().with_context(|| format!("cannot read {path}"))?;
        if meta.is_dir() {
            anyhow::bail!("{path} is a directory; name a CSV file");
        }
        if meta.len() > MAX_CATALOG_BYTES {
            anyhow::bail!(
                "{path}:1:1: the file is {} bytes, over the limit of {MAX_CATALOG_BYTES} bytes; split it by district",
                meta.len()
            );
        }
        read_bounded(file.take(limit), &mut bytes).with_context(|| format!("cannot read {path}"))?;
    }
    if bytes.len() as u64 > MAX_CATALOG_BYTES {
        anyhow::bail!(
            "{name}:1:1: the file is over the limit of {MAX_CATALOG_BYTES} bytes; split it by district"
        );
    }
    Ok(bytes)
}

/// How many bytes are read before deciding whether the rest is worth reading.
const SNIFF_BYTES: u64 = 4096;

/// Reads `from` to its end into `bytes`, unless its first bytes already decide that
/// [`decode`] refuses it.
fn read_bounded(mut from: impl Read, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    (&mut from).take(SNIFF_BYTES).read_to_end(bytes)?;
    if sniff_binary(bytes).is_some() || nul_at_start(bytes) {
        return Ok(());
    }
    from.read_to_end(bytes).map(drop)
}

/// Whether the bytes, with no byte-order mark, hold a NUL among their first four bytes with
/// only ASCII before it: in UTF-8 and in Windows-1252 alike that is a NUL among the first
/// characters, a binary file (or UTF-16 without a mark) whatever follows.
fn nul_at_start(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4)];
    encoding_rs::Encoding::for_bom(bytes).is_none()
        && head.iter().position(|&b| b == 0).is_some_and(|at| head[..at].is_ascii())
}

const NUL_MESSAGE: &str = "the file holds NUL bytes, so it is binary or UTF-16 without a byte-order mark; \
                           save it from Excel as \"CSV UTF-8\"";

fn error(file: &str, message: String) -> Diagnostic {
    error_at(file, "", 0, message)
}

/// An error at byte `at` of `text`, with its line and column.
fn error_at(file: &str, text: &str, at: usize, message: String) -> Diagnostic {
    let before = text.get(..at).unwrap_or(text);
    let line = 1 + before.matches('\n').count() as u64;
    let column = 1 + before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64;
    Diagnostic { level: Level::Error, file: file.into(), line, column, message }
}

/// Decodes a CSV file's bytes to text, or says why it cannot be a CSV file. Line ends are made
/// `\n` (from Windows' CRLF and old Macs' CR), so every position counts lines the same way.
pub fn decode(file: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if let Some(kind) = sniff_binary(&bytes) {
        return Err(error(
            file,
            format!("this is {kind}, not a CSV file; in Excel use File > Save As > \"CSV UTF-8\""),
        ));
    }
    // Decided by the first bytes alone, before any transcoding, so that `read_input` may stop
    // reading there and get the same answer (see `read_bounded`).
    if nul_at_start(&bytes) {
        return Err(error(file, NUL_MESSAGE.into()));
    }
    let text = match encoding_rs::Encoding::for_bom(&bytes) {
        Some((encoding, bom)) if encoding == encoding_rs::UTF_8 => {
            let rest = &bytes[bom..];
            String::from_utf8(rest.to_vec()).map_err(|e| {
                let valid = String::from_utf8_lossy(&rest[..e.utf8_error().valid_up_to()]).into_owned();
                let message = "the file starts with a UTF-8 byte-order mark but is not valid UTF-8 here; save it as \"CSV UTF-8\"";
                error_at(file, &valid, valid.len(), message.into())
            })?
        }
        // UTF-16, little- or big-endian: what Excel's "Unicode Text" writes.
        Some((encoding, _)) => {
            let (text, had_errors) = encoding.decode_with_bom_removal(&bytes);
            if had_errors {
                let at = text.find('\u{FFFD}').unwrap_or(0);
                return Err(error_at(
                    file,
                    &text,
                    at,
                    "the file is marked UTF-16 but holds invalid UTF-16 here".into(),
                ));
            }
            text.into_owned()
        }
        None => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => decode_windows_1252(file, e.as_bytes())?,
        },
    };
    if let Some(at) = text.find('\0') {
        // A NUL among the first characters means the whole file is binary or UTF-16: say so
        // at its start; a NUL further on is pointed at where it is.
        let at = if at < 4 { 0 } else { at };
        return Err(error_at(file, &text, at, NUL_MESSAGE.into()));
    }
    if let Some(kind) = sniff_text(&text) {
        let at = text.len() - text.trim_start().len();
        let message =
            format!("this is {kind}, not a CSV file; export the catalog as CSV, one row per course");
        return Err(error_at(file, &text, at, message));
    }
    Ok(normalize_line_ends(text))
}

fn normalize_line_ends(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Excel's default "CSV" on Windows. Bytes that Windows-1252 leaves undefined decode to C1
/// control characters, which no real catalog holds: such a file is in some other encoding.
fn decode_windows_1252(file: &str, bytes: &[u8]) -> Result<String, Diagnostic> {
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    if let Some(at) = text.find(|c: char| ('\u{80}'..='\u{9f}').contains(&c)) {
        let message = "the file is neither UTF-8 nor Windows-1252; save it from Excel as \"CSV UTF-8\"";
        return Err(error_at(file, &text, at, message.into()));
    }
    Ok(text.into_owned())
}

/// Names the kind of a binary file that users commonly hand over in place of a CSV.
fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some("an Excel workbook (.xlsx) or another zip archive")
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        Some("a legacy Excel workbook (.xls)")
    } else if bytes.starts_with(b"%PDF") {
        Some("a PDF document")
    } else if bytes.starts_with(b"\x89PNG") {
        Some("a binary file (a PNG image)")
    } else if bytes.starts_with(b"\x1F\x8B") {
        Some("a binary file (a gzip archive)")
    } else if bytes.starts_with(b"\x7FELF") {
        Some("a binary file (a program)")
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        Some("a binary file (a JPEG image)")
    } else if bytes.starts_with(b"7z\xBC\xAF") || bytes.starts_with(b"Rar!") {
        Some("a binary file (a compressed archive)")
    } else {
        None
    }
}

/// Names the kind of a text file that is plainly not a table: a web page or an XML export
/// (`<`), or JSON (`{`, `[`), which no CSV header starts with.
fn sniff_text(text: &str) -> Option<&'static str> {
    let start: String = text.trim_start().chars().take(16).flat_map(char::to_lowercase).collect();
    // After `[` or `{`, JSON goes on with a value or a key; a CSV header such as
    // `[Course ID],[Title]` goes on with a word.
    let json = |open: char, next: &[char]| {
        start.strip_prefix(open).is_some_and(|rest| rest.trim_start().starts_with(next))
    };
    if start.starts_with("<!doctype html") || start.starts_with("<html") {
        Some("a web page (HTML)")
    } else if start.starts_with("<?xml") || start.starts_with("<!doctype") {
        Some("an XML document")
    } else if json('{', &['"', '}']) || json('[', &['{', '[', '"', ']']) {
        Some("a JSON document")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn transcodes_what_excel_writes() {
        let cp1252 = b"id,title\nHS1,Anatom\xeda y Fisiolog\xeda\n".to_vec();
        assert!(decode("f", cp1252).unwrap().contains("Anatomía y Fisiología"));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("id,title\nHS1,Café\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(decode("f", utf16).unwrap().contains("Café"));
        let bom = b"\xEF\xBB\xBFid,title\n".to_vec();
        assert_eq!(decode("f", bom).unwrap(), "id,title\n");
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert!(decode("f", b"PK\x03\x04rest".to_vec()).unwrap_err().message.contains("Excel"));
        assert!(decode("f", b"a\0b".to_vec()).unwrap_err().message.contains("NUL"));
        assert!(decode("f", b"id\n\x81\x8d".to_vec()).unwrap_err().message.contains("neither"));
        assert!(decode("f", b"\x7FELF\x02\x01".to_vec()).unwrap_err().message.contains("a program"));
        assert!(decode("f", b" <!DOCTYPE html><html>".to_vec()).unwrap_err().message.contains("web page"));
        assert!(decode("f", b"[{\"id\": 1}]".to_vec()).unwrap_err().message.contains("JSON"));
        assert!(decode("f", b"id,title\n<b>,x\n".to_vec()).is_ok(), "only the file's start counts");
        assert!(decode("f", b"[Course ID],[Title]\nA,B\n".to_vec()).is_ok(), "a bracketed header is CSV");
        assert!(decode("f", b"<Course>,Title\n".to_vec()).is_ok(), "so is a header in angle brackets");
        assert!(decode("f", "{\"é\": 1}".as_bytes().to_vec()).unwrap_err().message.contains("JSON"));
    }
}
