//! Raw bytes -> text: reading a file or standard input within a size limit, recognising files
//! that are not CSV at all, and transcoding what Excel writes (UTF-8 with a byte-order mark,
//! Windows-1252, UTF-16 with a byte-order mark) into UTF-8.

use std::io::Read;

use anyhow::Context;

use crate::diagnostic::{Diagnostic, Level};

/// The largest catalog or alignment file read: a statewide export of a million rows is about
/// 130 MB, so this leaves ample room while refusing runaway inputs before they exhaust memory.
pub const MAX_CATALOG_BYTES: u64 = 1024 * 1024 * 1024;

/// Reads `path` (or standard input for `-`) whole, refusing files over `MAX_CATALOG_BYTES`.
pub fn read_input(path: &str) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let limit = MAX_CATALOG_BYTES + 1;
    if path == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes).context("cannot read standard input")?;
    } else {
        let file = std::fs::File::open(path).with_context(|| format!("cannot open {path}"))?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            anyhow::bail!("{path} is a directory; name a CSV file");
        }
        file.take(limit).read_to_end(&mut bytes).with_context(|| format!("cannot read {path}"))?;
    }
    if bytes.len() as u64 > MAX_CATALOG_BYTES {
        anyhow::bail!(
            "{path}:1:1: the file is over the limit of {MAX_CATALOG_BYTES} bytes; split it by district"
        );
    }
    Ok(bytes)
}

fn error(file: &str, message: String) -> Diagnostic {
    Diagnostic { level: Level::Error, file: file.to_string(), line: 1, column: 1, message }
}

/// Decodes a CSV file's bytes to text, or says why it cannot be a CSV file.
pub fn decode(file: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if let Some(kind) = sniff_binary(&bytes) {
        return Err(error(
            file,
            format!("this is {kind}, not a CSV file; in Excel use File > Save As > \"CSV UTF-8\""),
        ));
    }
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8(rest.to_vec()).map_err(|_| {
            error(file, "the file starts with a UTF-8 byte-order mark but is not valid UTF-8".into())
        })?
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        let (text, had_errors) = enc.decode_with_bom_removal(&bytes);
        if had_errors {
            return Err(error(file, "the file is marked UTF-16 but holds invalid UTF-16".into()));
        }
        text.into_owned()
    } else {
        match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => decode_windows_1252(file, e.as_bytes())?,
        }
    };
    if text.contains('\0') {
        return Err(error(
            file,
            "the file holds NUL bytes, so it is binary or UTF-16 without a byte-order mark; \
             save it from Excel as \"CSV UTF-8\""
                .into(),
        ));
    }
    Ok(text)
}

/// Excel's default "CSV" on Windows. Bytes that Windows-1252 leaves undefined decode to C1
/// control characters, which no real catalog holds: such a file is in some other encoding.
fn decode_windows_1252(file: &str, bytes: &[u8]) -> Result<String, Diagnostic> {
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    if let Some(at) = text.find(|c: char| ('\u{80}'..='\u{9f}').contains(&c)) {
        let line = 1 + text[..at].matches('\n').count() as u64;
        let column = 1 + text[..at].rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64;
        return Err(Diagnostic {
            level: Level::Error,
            file: file.to_string(),
            line,
            column,
            message: "the file is neither UTF-8 nor Windows-1252; save it from Excel as \"CSV UTF-8\"".into(),
        });
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
    }
}
