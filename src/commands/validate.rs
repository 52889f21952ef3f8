//! `cte-align validate CATALOG`: every problem in the catalog and its alignment files, one per
//! line as `file:line:column: severity: message`, then a summary.

use crate::Outcome;
use crate::diagnostic::{InputError, plural};
use crate::model::StandardsSet;
use crate::pipeline::{self, Input};
use crate::report::views::reading;

pub fn run(set: &StandardsSet, input: &Input, strict: bool) -> anyhow::Result<Outcome> {
    // Lenient here means "read everything and report it": validate's job is the list.
    let loaded = pipeline::load(set, input, true)?;
    let diags = &loaded.diags;
    let units = loaded.catalog.units.len();
    // How the header was read comes first: a column read as the wrong thing, or not read at
    // all, explains most of what follows.
    let mut out = reading::mapping(&loaded.catalog.file, &loaded.catalog.reading);
    out.extend(reading::other_clusters(&loaded.catalog));
    for d in &diags.items {
        out.push_str(&format!("{d}\n"));
    }
    let districts = if units > 1 { format!(" in {units} districts") } else { String::new() };
    out.push_str(&format!(
        "{}: {}{districts}; {}\n",
        loaded.catalog.file,
        plural(loaded.catalog.courses.len(), "course"),
        diags.summary()
    ));
    if diags.has_errors() {
        // The list goes to standard error like every other input failure, exit code 2; the
        // mapping before it.
        crate::report::to_stderr(&reading::mapping(&loaded.catalog.file, &loaded.catalog.reading));
        return Err(InputError(diags.clone()).into());
    }
    crate::report::write_stdout(&out)?;
    Ok(if strict && diags.warnings() > 0 { Outcome::Fail } else { Outcome::Pass })
}
