//! `cte-align validate CATALOG`: every problem in the catalog and its alignment files, one per
//! line as `file:line:column: severity: message`, then a summary.

use crate::Outcome;
use crate::diagnostic::{InputError, plural};
use crate::model::StandardsSet;
use crate::pipeline::{self, Input};

pub fn run(set: &StandardsSet, input: &Input, strict: bool) -> anyhow::Result<Outcome> {
    // Lenient here means "read everything and report it": validate's job is the list.
    let loaded = pipeline::load(set, input, true)?;
    let diags = loaded.diags;
    if diags.has_errors() {
        // The list goes to standard error like every other input failure, exit code 2.
        return Err(InputError(diags).into());
    }
    let units = loaded.catalog.units.len();
    let mut out = String::new();
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
