//! The project config file, `cte-align.toml`: what a district would otherwise repeat as flags
//! on every command (the standards directory, its catalog's headers, its own words for
//! values, its policy), found the way cargo and ripgrep find theirs: in the current directory
//! or a parent, or named by `--config FILE`; `--no-config` reads none.
//!
//! The file is read strictly (serde with `deny_unknown_fields`): an unknown key is an error
//! at its file:line:column with "did you mean". [`Settings::from_cli`](crate::settings)
//! merges it under the flags (a flag wins); [`Aliases::apply`] adds its aliases to the loaded
//! standards set.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostics, InputError, Pos};
use crate::model::StandardsSet;

/// The config file's name.
pub const FILE_NAME: &str = "cte-align.toml";

/// The commented config file `init` writes.
pub const TEMPLATE: &str = include_str!("../templates/cte-align.toml");

/// The file's keys. Every table is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The standards directory, relative to the config file's folder.
    pub standards: Option<String>,
    /// The report format when `--format` is not given.
    pub format: Option<Spanned<String>>,
    /// The catalog's header line.
    pub header_row: Option<u64>,
    /// Column name -> the catalog's header, as `--column` gives them.
    #[serde(default)]
    pub columns: BTreeMap<Spanned<String>, String>,
    #[serde(default)]
    pub aliases: Aliases,
    #[serde(default)]
    pub policy: PolicyConfig,
}

/// A district's own words for values, by the kind of value.
#[derive(Debug, Default, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Aliases {
    /// `"Honors" = 3`: a course level from 1 to 4.
    #[serde(default)]
    pub level: BTreeMap<String, Spanned<u8>>,
    /// `"Health Careers" = "TS"`; `"*"` for every pathway; `"other"` for another cluster's.
    #[serde(default)]
    pub pathway: BTreeMap<String, Spanned<String>>,
    /// `"Nurse Aide" = "CNA"`; `"none"` for a value that is no credential of the set.
    #[serde(default)]
    pub credential: BTreeMap<String, Spanned<String>>,
    /// `"Mastery" = "M"`: a level of the depth scale.
    #[serde(default)]
    pub depth: BTreeMap<String, Spanned<String>>,
}

/// When a run fails, as the policy flags say it; flags add to these.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyConfig {
    pub min_coverage: Option<Spanned<f64>>,
    pub min_mastery: Option<Spanned<f64>>,
    /// Per pathway (ID, title or alias): `[policy.pathway.DS] min_coverage = 98`.
    #[serde(default)]
    pub pathway: BTreeMap<String, PathwayLimits>,
    #[serde(default)]
    pub allow: Vec<Spanned<String>>,
    #[serde(default)]
    pub warn: Vec<Spanned<String>>,
    #[serde(default)]
    pub deny: Vec<Spanned<String>>,
}

/// One pathway's minimums, in percent.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathwayLimits {
    pub min_coverage: Option<f64>,
    pub min_mastery: Option<f64>,
}

/// A config file read: where it is, its text (for positions) and its keys.
#[derive(Debug, Default)]
pub struct Project {
    pub file: PathBuf,
    pub text: String,
    pub config: Config,
}

impl Project {
    /// The folder the file is in, which its paths are relative to.
    pub fn dir(&self) -> &Path {
        self.file.parent().unwrap_or(Path::new("."))
    }

    /// The line and column of a byte offset in the file.
    pub fn pos(&self, byte: usize) -> Pos {
        pos_in(&self.text, byte)
    }

    /// An error at a value's place in the file, as the error a command returns (exit 2).
    pub fn error(&self, byte: usize, message: String) -> anyhow::Error {
        let mut diags = Diagnostics::default();
        diags.error(&self.file.display().to_string(), self.pos(byte), message);
        InputError(diags).into()
    }
}

fn pos_in(text: &str, byte: usize) -> Pos {
    let before = text.get(..byte.min(text.len())).unwrap_or(text);
    let line = 1 + before.matches('\n').count() as u64;
    let column = 1 + before.rsplit('\n').next().unwrap_or("").chars().count() as u64;
    Pos { line, column }
}

/// The config file to read: `--config FILE`, none with `--no-config`, else the first
/// `cte-align.toml` in the current directory or a parent.
pub fn locate(given: Option<&Path>, none: bool) -> Option<PathBuf> {
    if none {
        return None;
    }
    if let Some(file) = given {
        return Some(file.to_path_buf());
    }
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors().map(|d| d.join(FILE_NAME)).find(|f| f.is_file())
}

/// Reads and parses a config file; a syntax error or an unknown key is an error at its
/// file:line:column, with "did you mean" for a misspelt key.
pub fn read(file: &Path) -> anyhow::Result<Project> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot read the config file: {e}; check the path, or run with --no-config",
            file.display()
        )
    })?;
    let project = Project { file: file.to_path_buf(), text, config: Config::default() };
    match toml::from_str::<Config>(&project.text) {
        Ok(config) => Ok(Project { config, ..project }),
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            Err(project.error(at, friendly(e.message())))
        }
    }
}

/// The toml reader's message, with "did you mean" for an unknown key (its message lists the
/// keys expected) and the words a director would use for a wrong type.
fn friendly(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((name, expected)) = rest.split_once('`')
    {
        let keys: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let hint = crate::suggest::did_you_mean(name, keys.iter().copied());
        return format!("unknown key \"{name}\"{hint}; the keys here are {}", keys.join(", "));
    }
    if message.contains("invalid type") {
        return format!("{message}; write text in quotes (\"...\"), numbers without them");
    }
    message.to_string()
}

impl Aliases {
    /// Adds the aliases to the loaded standards: another name of a pathway or credential
    /// joins its aliases; `*`, `other` and `none` mark values that mean every pathway,
    /// another cluster's course, and no credential. Every target is checked against the set;
    /// a bad one is an error at its place in the file.
    pub fn apply(&self, project: &Project, set: &mut StandardsSet) -> anyhow::Result<()> {
        let mut problems = Diagnostics::default();
        let file = project.file.display().to_string();
        let mut fail = |at: usize, message: String| problems.error(&file, project.pos(at), message);
        for (name, level) in &self.level {
            match *level.get_ref() {
                1..=4 => set.cluster.local.levels.push((name.clone(), *level.get_ref())),
                n => fail(
                    level.span().start,
                    format!("level {n} for \"{name}\" is not a level; levels are 1 to 4"),
                ),
            }
        }
        for (name, target) in &self.pathway {
            match target.get_ref().trim() {
                "*" | "all" => set.cluster.local.all_pathways.push(name.clone()),
                "other" => set.cluster.local.other_cluster.push(name.clone()),
                id => match set.cluster.pathway(id) {
                    Some(p) => set.cluster.pathways[p].aliases.push(name.clone()),
                    None => {
                        let ids: Vec<&str> = set.cluster.pathways.iter().map(|p| p.id.as_str()).collect();
                        let hint = crate::suggest::did_you_mean(id, ids.iter().copied());
                        let message = format!(
                            "unknown pathway \"{id}\" for \"{name}\"{hint}; give a pathway ({}), * for every pathway, or other for another cluster's courses",
                            ids.join(", ")
                        );
                        fail(target.span().start, message);
                    }
                },
            }
        }
        for (name, target) in &self.credential {
            match target.get_ref().trim() {
                "none" => set.cluster.local.no_credential.push(name.clone()),
                id => match set.cluster.credential(id) {
                    Some(c) => set.cluster.credentials[c].aliases.push(name.clone()),
                    None => {
                        let ids = set.cluster.credentials.iter().map(|c| c.id.as_str());
                        let hint = crate::suggest::did_you_mean(id, ids);
                        fail(
                            target.span().start,
                            format!(
                                "unknown credential \"{id}\" for \"{name}\"{hint}; give a credential ID (`cte-align standards` lists them), or none"
                            ),
                        );
                    }
                },
            }
        }
        for (name, target) in &self.depth {
            match set.cluster.depth(target.get_ref()) {
                Some(d) => set.cluster.local.depths.push((name.clone(), d)),
                None => fail(
                    target.span().start,
                    format!(
                        "unknown depth \"{}\" for \"{name}\"; the depth scale is {}",
                        target.get_ref(),
                        set.cluster.depth_codes()
                    ),
                ),
            }
        }
        if problems.has_errors() {
            return Err(InputError(problems).into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_get_did_you_mean() {
        let err = toml::from_str::<Config>("standard = \"x\"\n").unwrap_err();
        let message = friendly(err.message());
        assert!(message.starts_with("unknown key \"standard\"; did you mean standards?"), "{message}");
    }

    #[test]
    fn the_template_parses() {
        let config: Config = toml::from_str(TEMPLATE).unwrap();
        assert_eq!(config.standards.as_deref(), Some("standards"));
    }

    #[test]
    fn positions_count_lines_and_characters() {
        assert_eq!(pos_in("a\nbé c", 6), Pos { line: 2, column: 4 });
    }
}
