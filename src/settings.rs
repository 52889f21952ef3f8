//! Raw flags -> resolved settings, once: the loaded standards, the output style and
//! destination, the filter and the policy. Commands receive these, never raw strings.

use std::io::IsTerminal;
use std::path::Path;

use crate::audit::{Filter, Policy};
use crate::cli::{ColorChoice, FilterArgs, OutputArgs, PolicyArgs};
use crate::load::standards::{load_builtin, load_dir};
use crate::model::{PathwayIdx, StandardsSet};
use crate::report::{Destination, Format, Style};

/// Loads the standards: the user's directory, or the built-in set.
pub fn standards(dir: Option<&Path>) -> anyhow::Result<StandardsSet> {
    match dir {
        Some(dir) => load_dir(dir),
        None => load_builtin(),
    }
}

/// Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org), unless
/// asked for with `--color always`.
pub fn style(args: &OutputArgs) -> Style {
    let to_terminal = destination(args) == Destination::Stdout && std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    // Without --width, a table fits the terminal, or keeps its natural width off one.
    Style { format: args.format, color: color && args.format == Format::Table, width: args.width }
}

/// Where the report goes: `-o FILE`, or standard output without `-o` or with `-o -` (as `-`
/// means standard input for the catalog).
pub fn destination(args: &OutputArgs) -> Destination {
    match &args.output {
        Some(path) if path.as_os_str() != "-" => Destination::File(path.clone()),
        _ => Destination::Stdout,
    }
}

/// Resolves a pathway name given on the command line.
pub fn pathway(set: &StandardsSet, name: &str) -> anyhow::Result<PathwayIdx> {
    set.cluster.pathway(name).ok_or_else(|| {
        let ids: Vec<&str> = set.cluster.pathways.iter().map(|p| p.id.as_str()).collect();
        anyhow::anyhow!(
            "unknown pathway \"{name}\"{}; the pathways are {}",
            crate::suggest::did_you_mean(name, ids.iter().copied()),
            ids.join(", ")
        )
    })
}

pub fn filter(set: &StandardsSet, args: &FilterArgs) -> anyhow::Result<Filter> {
    let pathways = args.pathway.iter().map(|p| pathway(set, p)).collect::<anyhow::Result<_>>()?;
    Ok(Filter { pathways, units: args.district.clone() })
}

pub fn policy(args: &PolicyArgs) -> Policy {
    let mut policy =
        Policy { fail_on: args.fail_on.severity(), min_coverage: args.min_coverage, ..Policy::default() };
    for &code in &args.allow {
        policy.overrides.insert(code, None);
    }
    for &code in &args.warn {
        policy.overrides.insert(code, Some(crate::audit::Severity::Warning));
    }
    for &code in &args.deny {
        policy.overrides.insert(code, Some(crate::audit::Severity::Error));
    }
    policy
}
