//! Standards files -> [`StandardsSet`], validated: every problem is collected, with its file,
//! line and column, before the load fails.
//!
//! A standards set is a directory with one `cluster.yaml` and any number of framework files;
//! the built-in Health Science set is the repository's `standards/`, embedded in the binary.
//!
//! Parse, then validate: a reader ([`from_yaml`]) turns the files into the [raw model](raw),
//! whose values carry neutral [positions](crate::diagnostic::Position), and
//! [`validate`](validate::validate) checks the rules on it alone. A second reader (CASE JSON)
//! produces the same raw model and needs no change to the rules.

mod from_yaml;
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

/// Loads the built-in set. It is validated like any other, and a test keeps it valid.
pub fn load_builtin() -> anyhow::Result<StandardsSet> {
    let sources = BUILTIN
        .iter()
        .map(|(name, text)| Source { name: format!("<built-in>/{name}"), text: text.to_string() })
        .collect();
    load_sources(sources).map_err(|d| InputError(d).into())
}

/// Loads the set in `dir`: `cluster.yaml` and every other `*.yaml` / `*.yml` file, by name.
pub fn load_dir(dir: &Path) -> anyhow::Result<StandardsSet> {
    let (sources, diags) = read_dir(dir)?;
    load_sources_with(sources, diags).map_err(|d| InputError(d).into())
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
        if matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
            paths.push(path);
        }
    }
    paths.sort();
    if !paths.iter().any(|p| is_cluster(&p.display().to_string())) {
        anyhow::bail!(
            "{}: no {CLUSTER_FILE} in this standards directory (nor cluster.yml); `cte-align \
             init DIR` writes a complete set to start from",
            dir.display()
        );
    }
    let mut sources = Vec::new();
    let mut diags = Diagnostics::default();
    for path in paths {
        match super::read_text_limited(&path, yaml::MAX_YAML_BYTES) {
            Ok(text) => sources.push(Source { name: path.display().to_string(), text }),
            Err(d) => diags.items.push(d),
        }
    }
    Ok((sources, diags))
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

/// Parses and validates a whole set; on any error, returns every diagnostic found.
pub fn load_sources(sources: Vec<Source>) -> Result<StandardsSet, Diagnostics> {
    load_sources_with(sources, Diagnostics::default())
}

/// [`load_sources`], adding to the problems already found reading the files: the YAML reader
/// builds the [raw model](raw), then [`validate`](validate::validate) checks it.
pub fn load_sources_with(sources: Vec<Source>, mut diags: Diagnostics) -> Result<StandardsSet, Diagnostics> {
    let raw = from_yaml::read(&sources, &mut diags);
    validate::validate(&raw, diags)
}
