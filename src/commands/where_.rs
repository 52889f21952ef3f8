//! `cte-align where CATALOG FS-7.1`: every course teaching a standard or any standard under it.

use crate::Outcome;
use crate::audit::query;
use crate::model::{Lookup, StandardIdx, StandardsSet};
use crate::pipeline::Input;
use crate::report::Output;
use crate::report::views::WhereView;
use crate::settings::{self, Scope};

pub fn run(
    set: &StandardsSet,
    input: &Input,
    standard: &str,
    scope: &Scope,
    lenient: bool,
    output: &Output,
) -> anyhow::Result<Outcome> {
    let target = find_standard(set, standard)?;
    let loaded = super::load(set, input, lenient)?;
    let filter = settings::filter(set, scope, &loaded.catalog)?;
    super::warn_left_out(&loaded);
    let hits = query::where_taught(&loaded.catalog, set, target, &filter);
    super::emit(&WhereView::new(&hits, target, &loaded.catalog, set), output, Some(input))?;
    Ok(Outcome::Pass)
}

/// The standard asked about, found by its ID or its 2015-style code.
fn find_standard(set: &StandardsSet, id: &str) -> anyhow::Result<StandardIdx> {
    match set.lookup(id) {
        Lookup::Found(i) | Lookup::Legacy(i) => Ok(i),
        Lookup::NotFound { suggestion } => anyhow::bail!(
            "unknown standard \"{id}\"{}",
            suggestion.map(|s| format!("; did you mean {s}?")).unwrap_or_default()
        ),
    }
}
