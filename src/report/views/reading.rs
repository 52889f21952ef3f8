//! How a catalog was read, in words, for `validate` and `--verbose`: the header's line, which
//! header became which column and which were ignored, and the courses left out as another
//! career cluster's. A director sees at once why a column counted for nothing.

use crate::diagnostic::plural;
use crate::model::{How, Reading};
use crate::text;

/// The column mapping of a catalog, one header a line:
///
/// ```text
/// catalog.csv: header on line 4 (the lines above it are not a header and are skipped)
///   "Course #"            -> course_id
///   "Standards Addressed" -> standards (its cells hold standard IDs)
///   "Notes"               -> ignored
/// ```
pub fn mapping(file: &str, reading: &Reading) -> String {
    let where_ = match (reading.header_line, reading.detected_below) {
        (line, true) => {
            format!("header on line {line} (the lines above it are not a header and are skipped)")
        }
        (line, false) => format!("header on line {line}"),
    };
    let mut out = format!("{file}: {where_}\n");
    // A header is cut as messages cut it: a first line of one enormous cell is no mapping to
    // show whole (and no width `format!` pads to).
    let quoted: Vec<String> = reading
        .headers
        .iter()
        .map(|h| format!("\"{}\"", text::escape_invisible(&text::clipped(&h.header, text::HEADER_SHOWN))))
        .collect();
    let width = quoted.iter().map(|q| q.chars().count()).max().unwrap_or(0);
    for (h, q) in reading.headers.iter().zip(&quoted) {
        let column = match (h.column, h.how) {
            (Some(c), How::Detected) => format!("{c} (its cells hold standard IDs)"),
            (Some(c), How::Given) => format!("{c} (as given)"),
            (Some(c), _) => c.to_string(),
            (None, _) => "ignored".to_string(),
        };
        out.push_str(&format!("  {q:<width$} -> {column}\n"));
    }
    out
}

/// `12 courses of other career clusters left out: Agriculture 5, IT 7`, or `None`.
pub fn other_clusters(file: &str, reading: &Reading) -> Option<String> {
    let left = &reading.other_clusters;
    if left.is_empty() {
        return None;
    }
    let total: usize = left.iter().map(|(_, n)| n).sum();
    let each: Vec<String> = left.iter().map(|(name, n)| format!("{name} {n}")).collect();
    Some(format!(
        "{}: {} of other career clusters left out: {}\n",
        file,
        plural(total, "course"),
        each.join(", ")
    ))
}
