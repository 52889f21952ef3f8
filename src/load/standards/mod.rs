//! Standards files -> [`StandardsSet`], validated: every problem is collected, with its file,
//! line and column, before the load fails.
//!
//! A standards set is a directory with one `cluster.yaml` and any number of framework files;
//! the built-in Health Science set is the repository's `standards/`, embedded in the binary.
//!
//! Parse, then validate: a reader ([`from_yaml`]) turns the files into the [raw model](raw),
//! whose values carry neutral [positions](crate::diagnostic::Position), and
//! [`validate`](validate::validate) checks the rules on it alone. A second reader
//! ([`from_case`]) reads 1EdTech CASE packages (`*.json`) into the same raw model, one framework
//! a package (or several, from a package `--format case` wrote): beside the YAML files of a
//! directory, or alone, given as `--standards FILE.json` (then each framework is a pathway of
//! its own). A third ([`from_csv`]) reads the **crosswalk** files of `DIR/crosswalks/*.csv`,
//! which map standards of one framework to another's; a package's `exactMatchOf` and
//! `isRelatedTo` associations become crosswalk entries too.

mod crosswalk;
pub(crate) mod from_case;
pub(crate) mod from_csv;
mod from_yaml;
pub(crate) mod import;
pub(crate) mod raw;
pub(crate) mod validate;

use std::path::Path;

use anyhow::Context;

use super::yaml;
use crate::diagnostic::{Diagnostics, InputError};
use crate::model::StandardsSet;

/// The cluster file's name in a standards directory.
pub const CLUSTER_FILE: &str = "cluster.yaml";

/// One YAML file of a standards set: its name as shown in messages, and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

/// The built-in Health Science standards, embedded at build time.
pub const BUILTIN: &[(&str, &str)] = &[
    ("cluster.yaml", include_str!("../../../standards/cluster.yaml")),
    ("foundation.yaml", include_str!("../../../standards/foundation.yaml")),
    ("therapeutic.yaml", include_str!("../../../standards/therapeutic.yaml")),
    ("diagnostic.yaml", include_str!("../../../standards/diagnostic.yaml")),
    ("informatics.yaml", include_str!("../../../standards/informatics.yaml")),
    ("support.yaml", include_str!("../../../standards/support.yaml")),
    ("biotechnology.yaml", include_str!("../../../standards/biotechnology.yaml")),
];

/// The built-in set as [`BUILTIN`] loads and validates to, kept as JSON ([`Builtin`]): parsing
/// 65 KB of YAML was 60% of a district's whole run, and reading its raw model then validating
/// it a fifth. Generated, never edited: the test `the_generated_builtin_is_the_yaml` fails
/// when it no longer matches the YAML, and rewrites it when `CTE_ALIGN_REGENERATE=1` is set.
const BUILTIN_SET: &str = include_str!("builtin_set.json");

/// What a validated set is made of: what [`StandardsSet::new`] and
/// [`StandardsSet::set_crosswalk`] make the set of (its lookups, worked out again).
#[derive(serde::Serialize, serde::Deserialize)]
struct Builtin {
    cluster: crate::model::Cluster,
    frameworks: Vec<crate::model::Framework>,
    standards: Vec<crate::model::Standard>,
    crosswalk: Vec<crate::model::Crosswalk>,
}

#[cfg(test)]
impl Builtin {
    fn of(set: &StandardsSet) -> Self {
        Builtin {
            cluster: set.cluster.clone(),
            frameworks: set.frameworks.clone(),
            standards: set.standards.clone(),
            crosswalk: set.crosswalk().to_vec(),
        }
    }
}

/// Loads the built-in set: the set its YAML validates to (see [`BUILTIN_SET`]).
pub fn load_builtin() -> anyhow::Result<StandardsSet> {
    let parts: Builtin = serde_json::from_str(BUILTIN_SET)
        .context("the built-in standards' generated set (builtin_set.json) does not read; regenerate it")?;
    let mut set = StandardsSet::new(parts.cluster, parts.frameworks, parts.standards);
    set.set_crosswalk(parts.crosswalk);
    Ok(set)
}

/// Loads the set in `dir`: `cluster.yaml` and every other `*.yaml` / `*.yml` file, and every
/// CASE package (`*.json`), by name; or, when `dir` is a file, the CASE package it is.
pub fn load_dir(dir: &Path) -> anyhow::Result<StandardsSet> {
    let (sources, diags) = if dir.is_file() { read_package(dir)? } else { read_dir(dir)? };
    load_sources_with(sources, diags).map_err(|d| InputError(d).into())
}

/// A single CASE package given as the standards set.
fn read_package(path: &Path) -> anyhow::Result<(Vec<Source>, Diagnostics)> {
    let name = path.display().to_string();
    if !from_case::is_package(&name) {
        anyhow::bail!(
            "{name}: --standards takes a directory (a cluster.yaml and framework files) or a CASE              package ending in .json; a single YAML file is not a standards set"
        );
    }
    let mut diags = Diagnostics::default();
    let mut sources = Vec::new();
    match super::read_text_limited(path, from_case::MAX_CASE_BYTES) {
        Ok(text) => sources.push(Source { name, text }),
        Err(d) => diags.items.push(d),
    }
    Ok((sources, diags))
}

/// Reads the YAML files of a standards directory, sorted by name. An entry that cannot be read
/// (a directory or a FIFO named `*.yaml`, a broken link) is a diagnostic, reported with every
/// other problem of the set; only a directory that cannot be listed, or one with no cluster
/// file at all, fails at once.
pub fn read_dir(dir: &Path) -> anyhow::Result<(Vec<Source>, Diagnostics)> {
    let inner = project_standards(dir);
    let dir = inner.as_deref().unwrap_or(dir);
    let mut paths = Vec::new();
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the standards directory {}", dir.display()))?;
    for entry in entries {
        let path = entry.with_context(|| format!("cannot list {}", dir.display()))?.path();
        if matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json")) {
            paths.push(path);
        }
    }
    paths.sort();
    paths.extend(crosswalk_files(dir)?);
    let name = |p: &Path| p.display().to_string();
    let sets: Vec<String> = paths.iter().map(|p| name(p)).filter(|p| !from_csv::is_crosswalk(p)).collect();
    let packages_only = sets.iter().all(|p| from_case::is_package(p));
    if !sets.iter().any(|p| is_cluster(p)) && (sets.is_empty() || !packages_only) {
        anyhow::bail!(
            "{}: no {CLUSTER_FILE} in this standards directory (nor cluster.yml); `cte-align \
             init DIR` writes a complete set to start from",
            dir.display()
        );
    }
    let mut sources = Vec::new();
    let mut diags = Diagnostics::default();
    for path in paths {
        let limit = if from_case::is_package(&name(&path)) {
            from_case::MAX_CASE_BYTES
        } else if from_csv::is_crosswalk(&name(&path)) {
            from_csv::MAX_CROSSWALK_BYTES
        } else {
            yaml::MAX_YAML_BYTES
        };
        match super::read_text_limited(&path, limit) {
            Ok(text) => sources.push(Source { name: path.display().to_string(), text }),
            Err(d) => diags.add(d),
        }
    }
    Ok((sources, diags))
}

/// The crosswalk files of a standards directory, `crosswalks/*.csv`, sorted by name; none when
/// it has no `crosswalks` folder.
fn crosswalk_files(dir: &Path) -> anyhow::Result<Vec<std::path::PathBuf>> {
    let folder = dir.join(from_csv::CROSSWALK_DIR);
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let entries = std::fs::read_dir(&folder)
        .with_context(|| format!("cannot read the crosswalk folder {}", folder.display()))?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.with_context(|| format!("cannot list {}", folder.display()))?.path();
        if from_csv::is_crosswalk(&path.display().to_string()) {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// The folder `init DIR` wrote holds the set in `DIR/standards`: given `DIR` itself, with no
/// cluster file of its own but one in `DIR/standards`, that is the set meant. `None` when
/// `dir` is a standards directory itself (or neither, which [`read_dir`] reports).
fn project_standards(dir: &Path) -> Option<std::path::PathBuf> {
    let has_cluster = |d: &Path| [CLUSTER_FILE, "cluster.yml"].iter().any(|f| d.join(f).exists());
    let inner = dir.join("standards");
    (!has_cluster(dir) && has_cluster(&inner)).then_some(inner)
}

/// The cluster file: `cluster.yaml`, or `cluster.yml` as every other file may end in `.yml`.
fn is_cluster(name: &str) -> bool {
    Path::new(name).file_name().is_some_and(|n| n == CLUSTER_FILE || n == "cluster.yml")
}

/// A YAML standards file parsed on its own, not yet checked against the rest of its set:
/// parse the files that do not change once and [`load_parsed`] them with others as often as
/// needed (the fuzz targets load the built-in set beside each input this way).
#[derive(Debug, Clone)]
pub struct Parsed(from_yaml::ParsedFile);

/// Parses one YAML file of a standards set (the cluster when it is named `cluster.yaml`).
pub fn parse(source: &Source) -> Parsed {
    Parsed(from_yaml::parse(source))
}

/// [`load_sources`] for YAML files already [parsed](parse), given in the same order.
pub fn load_parsed(files: Vec<Parsed>) -> Result<StandardsSet, Diagnostics> {
    let mut diags = Diagnostics::default();
    let raw = from_yaml::assemble(files.into_iter().map(|p| p.0).collect(), &mut diags);
    validate::validate(&raw, diags)
}

/// Parses and validates a whole set; on any error, returns every diagnostic found.
pub fn load_sources(sources: Vec<Source>) -> Result<StandardsSet, Diagnostics> {
    load_sources_with(sources, Diagnostics::default())
}

/// [`load_sources`], adding to the problems already found reading the files: the YAML and
/// CASE readers build the [raw model](raw), then [`validate`](validate::validate) checks it.
pub fn load_sources_with(sources: Vec<Source>, mut diags: Diagnostics) -> Result<StandardsSet, Diagnostics> {
    let (crosswalks, sources): (Vec<Source>, Vec<Source>) =
        sources.into_iter().partition(|s| from_csv::is_crosswalk(&s.name));
    let (packages, yaml): (Vec<Source>, Vec<Source>) =
        sources.into_iter().partition(|s| from_case::is_package(&s.name));
    let packages_only = yaml.is_empty() && !packages.is_empty();
    let mut raw = if packages_only { raw::RawSet::default() } else { from_yaml::read(&yaml, &mut diags) };
    let first_package = raw.frameworks.len();
    let titles = from_case::read(&packages, &mut raw.frameworks, &mut raw.crosswalks, &mut diags);
    crosswalks.iter().for_each(|src| from_csv::read(src, &mut raw.crosswalks, &mut diags));
    if packages_only && titles.len() == packages.len() {
        raw.cluster = Some(from_case::cluster_for(&raw.frameworks, &titles));
    }
    if let Some(cluster) = &raw.cluster {
        raw.frameworks[first_package..].iter_mut().for_each(|f| from_case::settle_applies_to(f, cluster));
    }
    validate::validate(&raw, diags)
}

#[cfg(test)]
mod tests {
    use super::{BUILTIN, Source, load_parsed, load_sources, parse};
    use crate::diagnostic::Diagnostics;

    /// The built-in YAML files as sources, named as messages show them.
    fn builtin_sources() -> Vec<Source> {
        BUILTIN
            .iter()
            .map(|(name, text)| Source { name: format!("<built-in>/{name}"), text: text.to_string() })
            .collect()
    }

    /// The generated built-in set is exactly what the YAML loads and validates to, with no
    /// problem, and loads to the same set. `CTE_ALIGN_REGENERATE=1 cargo test --lib
    /// generated_builtin` rewrites it after the YAML changed.
    #[test]
    fn the_generated_builtin_is_the_yaml() {
        let mut diags = Diagnostics::default();
        let raw = super::from_yaml::read(&builtin_sources(), &mut diags);
        assert!(diags.items.is_empty(), "{:?}", diags.items);
        let from_yaml =
            super::validate::validate(&raw, Diagnostics::default()).expect("the built-in YAML loads");
        let json = serde_json::to_string(&super::Builtin::of(&from_yaml)).expect("the set serialises") + "\n";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/load/standards/builtin_set.json");
        if std::env::var_os("CTE_ALIGN_REGENERATE").is_some() {
            // The binary under test embeds the old file: the next build checks the new one.
            std::fs::write(path, &json).expect("builtin_set.json is written");
            return;
        }
        assert!(
            json == super::BUILTIN_SET,
            "src/load/standards/builtin_set.json is out of date with standards/*.yaml: run \
             CTE_ALIGN_REGENERATE=1 cargo test --lib generated_builtin"
        );
        let generated = super::load_builtin().expect("the generated set loads");
        assert_eq!(format!("{generated:?}"), format!("{from_yaml:?}"));
        assert_eq!(
            format!("{generated:?}"),
            format!("{:?}", load_sources(builtin_sources()).expect("loads"))
        );
    }

    fn sources(extra: &[(&str, &str)]) -> Vec<Source> {
        BUILTIN
            .iter()
            .chain(extra)
            .map(|(name, text)| Source { name: name.to_string(), text: text.to_string() })
            .collect()
    }

    /// Parsing each file apart, then loading, is loading: the same set, or the same
    /// diagnostics in the same order.
    #[test]
    fn loading_parsed_files_is_loading_their_sources() {
        let cases: [&[(&str, &str)]; 5] = [
            &[],
            &[("broken.yaml", "id: [unclosed")],
            &[("probe.yaml", "id: XX\nlegacy_codes: true\nstandards: 3\n")],
            &[("cluster.yaml", "id: HS\n")],
            &[("cluster.yaml", "pathways: nope")],
        ];
        for extra in cases {
            let whole = load_sources(sources(extra));
            let parsed = load_parsed(sources(extra).iter().map(parse).collect());
            assert_eq!(format!("{whole:?}"), format!("{parsed:?}"), "with {extra:?}");
        }
        let no_cluster: Vec<Source> = sources(&[]).into_iter().skip(1).collect();
        let parsed = load_parsed(no_cluster.iter().map(parse).collect());
        assert_eq!(format!("{:?}", load_sources(no_cluster)), format!("{parsed:?}"));
    }
}
