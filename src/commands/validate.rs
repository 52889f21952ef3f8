//! `cte-align validate CATALOG`: every problem in the catalog and its alignment files, one per
//! line as `file:line:column: severity: message`, then a summary.

use crate::Outcome;
use crate::diagnostic::{InputError, plural};
use crate::model::StandardsSet;
use crate::pipeline::{self, Input};
use crate::report::views::{ValidateView, reading};
use crate::report::{Format, Style};

pub fn run(set: &StandardsSet, input: &Input, strict: bool, format: Format) -> anyhow::Result<Outcome> {
    // Lenient here means "read everything and report it": validate's job is the list.
    let mut loaded = pipeline::load(set, input, true)?;
    if strict {
        other_clusters_are_errors(set, &mut loaded);
    }
    // How the header was read comes first: a column read as the wrong thing, or not read at
    // all, explains most of what follows.
    let mut mapping = reading::mapping(&loaded.catalog.file, &loaded.catalog.reading);
    if !strict {
        mapping.extend(reading::other_clusters(&loaded.catalog.file, &loaded.catalog.reading));
    }
    let diags = loaded.diags;
    if format != Format::Table {
        // JSON or annotations on standard output, errors or not; exit 2 on errors still.
        let view = ValidateView::new(
            &loaded.catalog.file,
            loaded.catalog.courses.len(),
            loaded.catalog.units.len(),
            &diags,
        );
        let mut bytes = Vec::new();
        crate::report::render(&view, Style { format, color: false, width: None }, &mut bytes)?;
        crate::report::write_stdout(&String::from_utf8_lossy(&bytes))?;
        if diags.has_errors() {
            return Err(InputError(diags).into());
        }
        return Ok(if strict && diags.warnings() > 0 { Outcome::Fail } else { Outcome::Pass });
    }
    if diags.has_errors() {
        // The list goes to standard error like every other input failure, exit code 2; the
        // mapping before it.
        crate::report::to_stderr(&mapping);
        return Err(InputError(diags).into());
    }
    let units = loaded.catalog.units.len();
    let mut out = mapping;
    diags.write_list(&mut out)?;
    let districts = if units > 1 { format!(" in {units} districts") } else { String::new() };
    out.push_str(&format!(
        "{}: {}{districts}; {}\n",
        loaded.catalog.file,
        plural(loaded.catalog.courses.len(), "course"),
        diags.summary()
    ));
    crate::report::write_stdout(&out)?;
    Ok(if strict && diags.warnings() > 0 { Outcome::Fail } else { Outcome::Pass })
}

/// `--strict`: a course of another career cluster, left out with one summary line otherwise,
/// is an error, once per pathway value, where it first appears.
fn other_clusters_are_errors(set: &StandardsSet, loaded: &mut pipeline::Loaded) {
    let reading = &loaded.catalog.reading;
    for ((value, n), &line) in reading.other_clusters.iter().zip(&reading.other_cluster_lines) {
        loaded.diags.error(
            &loaded.catalog.file,
            crate::diagnostic::Pos { line, column: 1 },
            format!(
                "pathway \"{}\" is another career cluster's, not {}'s ({} left out); without --strict such courses are left out with a note",
                crate::text::escape_invisible(value),
                set.cluster.title,
                plural(*n, "course")
            ),
        );
    }
    loaded.diags.sort();
}
