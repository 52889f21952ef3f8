//! The Markdown format: GitHub tables with pipes escaped, ready to paste into a report, and
//! the policy's verdict in a board's words rather than CI's.

use std::io::{self, Write};

use super::Sheet;
use super::views::Heading;
use crate::text::{escape_invisible, is_invisible};

pub fn render(sheets: &[Sheet], out: &mut dyn Write) -> io::Result<()> {
    for (i, sheet) in sheets.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        if let Some(title) = &sheet.title {
            write!(out, "### {}\n\n", escape(title))?;
        }
        if !sheet.rows.is_empty() {
            let header: Vec<String> = sheet.columns.iter().map(|c| escape(&c.name)).collect();
            writeln!(out, "| {} |", header.join(" | "))?;
            let rule: Vec<&str> =
                sheet.columns.iter().map(|c| if c.numeric { "---:" } else { "---" }).collect();
            writeln!(out, "| {} |", rule.join(" | "))?;
            for row in &sheet.rows {
                let cells: Vec<String> = row.iter().map(|c| escape(&c.text)).collect();
                writeln!(out, "| {} |", cells.join(" | "))?;
            }
        }
        if let Some(note) = &sheet.note {
            if !sheet.rows.is_empty() {
                writeln!(out)?;
            }
            writeln!(out, "{}", escape(note))?;
        }
    }
    Ok(())
}

/// The heading a handout starts with: what it is, of which catalog, for which districts
/// against which standards.
pub fn heading(h: &Heading, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}: {}\n", escape(h.title), escape(&h.catalog))?;
    if !h.districts.is_empty() {
        write!(out, "**{}:** {} · ", h.districts_label(), escape(&h.districts))?;
    }
    writeln!(out, "**Standards:** {}\n", escape(&h.standards))
}

/// The verdict after the tables: one sentence when the run passed, else a line saying it did
/// not and each reason as a list item.
pub fn verdict(passed: bool, reasons: &[String], out: &mut dyn Write) -> io::Result<()> {
    if passed {
        return writeln!(out, "\n**Verdict:** every pathway audited meets the policy.");
    }
    writeln!(out, "\n**Verdict:** the programs do not yet meet the policy.\n")?;
    reasons.iter().try_for_each(|r| writeln!(out, "- {}", escape(r)))
}

/// Escapes what would break a table cell: pipes, backslashes, line breaks, and the
/// characters that would start HTML; control and invisible characters are shown as `\u{1B}`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("&lt;"),
            '\n' | '\r' => out.push(' '),
            c if is_invisible(c) => out.push_str(&escape_invisible(c.encode_utf8(&mut [0; 4]))),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Cell, text};

    #[test]
    fn escapes_pipes_and_newlines() {
        let sheet =
            Sheet { columns: vec![text("a|b")], rows: vec![vec![Cell::from("x|y\nz")]], ..Sheet::default() };
        let mut out = Vec::new();
        render(&[sheet], &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "| a\\|b |\n| --- |\n| x\\|y z |\n");
    }
}
