//! The table format: comfy-table, fitted to the terminal (or `--width`), coloured only when
//! the style says so.

use comfy_table::{CellAlignment, Color, ContentArrangement, Table, presets};

use super::{Sheet, Style, Tone};

pub fn render(sheets: &[Sheet], style: Style) -> String {
    let mut out = String::new();
    for (i, sheet) in sheets.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if let Some(title) = &sheet.title {
            out.push_str(title);
            out.push('\n');
        }
        if !sheet.rows.is_empty() {
            out.push_str(&render_sheet(sheet, style));
            out.push('\n');
        }
        if let Some(note) = &sheet.note {
            out.push_str(note);
            out.push('\n');
        }
    }
    out
}

fn render_sheet(sheet: &Sheet, style: Style) -> String {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    // The terminal's width, read before styling is settled, since turning off terminal
    // detection also turns off the width it finds.
    let width = style.width.or_else(|| table.width());
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    match width {
        Some(w) => {
            table.set_content_arrangement(ContentArrangement::Dynamic);
            table.set_width(w);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    table.set_header(sheet.columns.iter().map(|c| comfy_table::Cell::new(&c.name)));
    for row in &sheet.rows {
        table.add_row(row.iter().zip(&sheet.columns).map(|(cell, col)| {
            let mut c = comfy_table::Cell::new(&cell.text);
            if col.numeric {
                c = c.set_alignment(CellAlignment::Right);
            }
            match (style.color, tone_color(cell.tone)) {
                (true, Some(color)) => c.fg(color),
                _ => c,
            }
        }));
    }
    table.to_string()
}

fn tone_color(tone: Tone) -> Option<Color> {
    match tone {
        Tone::Plain => None,
        Tone::Error => Some(Color::Red),
        Tone::Warning => Some(Color::Yellow),
        Tone::Info => Some(Color::Cyan),
        Tone::Good => Some(Color::Green),
    }
}
