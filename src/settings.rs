//! Raw flags -> resolved settings, once: the loaded standards, the output style and
//! destination, the filter and the policy. Commands receive these, never raw strings.

use std::io::IsTerminal;
use std::path::Path;

use crate::audit::{Code, Filter, Policy, Severity};
use crate::cli::{ColorChoice, FilterArgs, OutputArgs, PolicyArgs};
use crate::load::standards::{load_builtin, load_dir};
use crate::model::{Catalog, PathwayIdx, StandardsSet};
use crate::report::{Destination, Format, Style};

/// Loads the standards: the user's directory, or the built-in set.
pub fn standards(dir: Option<&Path>) -> anyhow::Result<StandardsSet> {
    match dir {
        Some(dir) => load_dir(dir),
        None => load_builtin(),
    }
}

/// Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org), unless
/// asked for with `--color always`. The table width is `--width`, else the terminal's when the
/// report goes to it, else unlimited: a file written with `-o` must not depend on the terminal
/// the command happened to run in.
pub fn style(args: &OutputArgs) -> Style {
    let to_terminal = destination(args) == Destination::Stdout && std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let color = color && args.format == Format::Table;
    if color {
        // The user asked for colour (`--color always`, or auto on a terminal without
        // NO_COLOR): crossterm, which draws it, would still drop it when NO_COLOR is set.
        crossterm::style::force_color_output(true);
    }
    let width = args.width.or_else(|| if to_terminal { terminal_width() } else { None });
    Style { format: args.format, color, width }
}

/// The terminal's width in columns; `None` when it cannot be read or reads as 0 (a
/// pseudo-terminal nobody sized), which would squeeze every table to its narrowest.
fn terminal_width() -> Option<u16> {
    crossterm::terminal::size().ok().map(|(columns, _)| columns).filter(|&c| c > 0)
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

/// The filter of `--pathway` and `--district`. Every district named must be one the catalog
/// holds: a misspelled one would otherwise audit nothing and pass.
pub fn filter(set: &StandardsSet, args: &FilterArgs, catalog: &Catalog) -> anyhow::Result<Filter> {
    let pathways = args.pathway.iter().map(|p| pathway(set, p)).collect::<anyhow::Result<_>>()?;
    Ok(Filter { pathways, units: districts(catalog, &args.district)? })
}

/// Checks `--district` names against the catalog's districts (and schools); returns them.
pub fn districts(catalog: &Catalog, names: &[String]) -> anyhow::Result<Vec<String>> {
    let probe = |name: &String| Filter { units: vec![name.clone()], ..Filter::default() };
    let Some(unknown) = names.iter().find(|n| !catalog.units.iter().any(|u| probe(n).unit(u))) else {
        return Ok(names.to_vec());
    };
    if !catalog.has_units() {
        anyhow::bail!(
            "unknown district \"{unknown}\": {} has no district or school column, so it is one program; leave out --district",
            catalog.file
        );
    }
    let labels: Vec<String> = catalog.units.iter().map(|u| u.label()).collect();
    let names = catalog.units.iter().flat_map(|u| [u.district.as_str(), u.school.as_str()]);
    let hint = crate::suggest::did_you_mean(unknown, names.chain(labels.iter().map(String::as_str)));
    anyhow::bail!("unknown district \"{unknown}\"{hint}; {} holds {}", catalog.file, list_of(&labels))
}

/// `A, B and C`, or the first few and how many more: a statewide file has thousands.
fn list_of(items: &[String]) -> String {
    const SHOWN: usize = 10;
    match items {
        [one] => one.clone(),
        _ if items.len() > SHOWN => {
            format!("{} and {} more", items[..SHOWN].join(", "), items.len() - SHOWN)
        }
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => "no districts".to_string(),
    }
}

/// The policy flags, resolved. A code given two severities (`--allow X --deny X`) is a usage
/// error: which flag wins would be a rule nobody can see.
pub fn policy(args: &PolicyArgs) -> anyhow::Result<Policy> {
    let flags = [
        ("--allow", &args.allow, None),
        ("--warn", &args.warn, Some(Severity::Warning)),
        ("--deny", &args.deny, Some(Severity::Error)),
    ];
    let mut policy =
        Policy { fail_on: args.fail_on.severity(), min_coverage: args.min_coverage, ..Policy::default() };
    // The first flag that named each code, and every pair of flags that disagree.
    let mut first: Vec<(Code, &str)> = Vec::new();
    let mut conflicts: Vec<String> = Vec::new();
    for (flag, codes, severity) in flags {
        for &code in codes {
            match first.iter().find(|(c, _)| *c == code) {
                None => first.push((code, flag)),
                Some(&(_, earlier)) if earlier != flag => {
                    let clash = format!("{earlier} {code} and {flag} {code}");
                    if !conflicts.contains(&clash) {
                        conflicts.push(clash);
                    }
                }
                Some(_) => {}
            }
            policy.overrides.insert(code, severity);
        }
    }
    if !conflicts.is_empty() {
        anyhow::bail!(
            "conflicting flags: {}; give each code at most one of --allow, --warn and --deny",
            conflicts.join("; ")
        );
    }
    Ok(policy)
}
