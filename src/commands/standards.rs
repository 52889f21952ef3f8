//! `cte-align standards [QUERY]`: browse what is loaded. No query: the frameworks, pathways
//! and credentials. A framework prefix: its tree. A standard ID: it, its ancestors and children.

use crate::Outcome;
use crate::model::{Lookup, StandardsSet};
use crate::report::Output;
use crate::report::views::{StandardsOverview, StandardsTree};

pub fn run(set: &StandardsSet, query: Option<&str>, output: &Output) -> anyhow::Result<Outcome> {
    let Some(q) = query.map(str::trim).filter(|q| !q.is_empty()) else {
        super::emit(&StandardsOverview::new(set), output, None)?;
        return Ok(Outcome::Pass);
    };
    let tree = match set.framework_by_id(q) {
        Some(fw) => StandardsTree::new(set, &set.framework_standards(fw).collect::<Vec<_>>(), None),
        None => match set.lookup(q) {
            Lookup::Found(i) | Lookup::Legacy(i) => StandardsTree::one(set, i),
            Lookup::NotFound { suggestion } => {
                let prefixes: Vec<&str> = set.frameworks.iter().map(|f| f.id.as_str()).collect();
                let hint = suggestion
                    .or_else(|| crate::suggest::closest(q, prefixes.iter().copied()))
                    .map(|s| format!("; did you mean {s}?"))
                    .unwrap_or_else(|| format!("; the frameworks are {}", prefixes.join(", ")));
                anyhow::bail!("no framework or standard \"{q}\"{hint}");
            }
        },
    };
    super::emit(&tree, output, None)?;
    Ok(Outcome::Pass)
}
