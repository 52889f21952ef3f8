//! `cte-align init DIR`: writes a copy of the standards (the built-in set, or with
//! `--standards X` the set in X) and a template catalog, to start a district's or state's own
//! project from. Writes nothing outside DIR and overwrites nothing without `--force`.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::Outcome;
use crate::diagnostic::InputError;
use crate::load::standards::{BUILTIN, load_sources_with, read_dir};
use crate::model::StandardsSet;

const TEMPLATE_CATALOG: &str = include_str!("../../templates/catalog.csv");

/// What init writes: each file's path and text.
type Files = Vec<(PathBuf, String)>;

pub fn run(standards: Option<&Path>, dir: &Path, force: bool) -> anyhow::Result<Outcome> {
    let standards_dir = dir.join("standards");
    let (mut files, catalog) = match standards {
        None => {
            let files = BUILTIN.iter().map(|(name, text)| (standards_dir.join(name), text.to_string()));
            (files.collect(), TEMPLATE_CATALOG.to_string())
        }
        Some(from) => copy_of(from, &standards_dir)?,
    };
    files.push((dir.join("catalog.csv"), catalog));
    // The project's settings, commented: with it, commands run in DIR need no --standards.
    files.push((dir.join(crate::config::FILE_NAME), crate::config::TEMPLATE.to_string()));
    // Check every target first, so a refusal writes nothing at all.
    refuse_outside(dir, &standards_dir)?;
    // A link counts as existing even when it leads nowhere: init would replace it.
    let existing: Vec<String> = files
        .iter()
        .filter(|(p, _)| std::fs::symlink_metadata(p).is_ok())
        .map(|(p, _)| p.display().to_string())
        .collect();
    if !existing.is_empty() && !force {
        anyhow::bail!(
            "{} already exist{}: {}; pass --force to overwrite",
            crate::diagnostic::plural(existing.len(), "file"),
            if existing.len() == 1 { "s" } else { "" },
            existing.join(", ")
        );
    }
    std::fs::create_dir_all(&standards_dir)
        .with_context(|| format!("cannot create {}", standards_dir.display()))?;
    let mut backups = Vec::new();
    for (path, text) in &files {
        if let Some(bak) = back_up(path, text)? {
            backups.push(bak.display().to_string());
        }
        crate::report::write_new_file(path, text, dir)?;
    }
    let kept = match backups.as_slice() {
        [] => String::new(),
        _ => format!("kept the replaced files' text in {}\n", backups.join(", ")),
    };
    crate::report::write_stdout(&format!(
        "wrote {} files to {}\n{kept}next: edit {1}/catalog.csv and run `cte-align --standards {1}/standards gaps {1}/catalog.csv`\n",
        files.len(),
        dir.display()
    ))?;
    Ok(Outcome::Pass)
}

/// The cluster and framework files of the set in `from` (the files `--standards` reads, by
/// the same names) to go into `to`, and a catalog for it. The set is loaded first, as
/// `--standards` loads it: a set with errors is not copied.
fn copy_of(from: &Path, to: &Path) -> anyhow::Result<(Files, String)> {
    let (sources, diags) = read_dir(from)?;
    let set = load_sources_with(sources.clone(), diags).map_err(InputError)?;
    let files = sources
        .into_iter()
        .filter_map(|s| Some((to.join(Path::new(&s.name).file_name()?), s.text)))
        .collect();
    Ok((files, template_for(&set)?))
}

/// A catalog to start from for a set other than the built-in one (whose template names the
/// built-in standards): the template's header, and one example course a pathway, introducing
/// the first required standard of each framework that applies to it, so that every command
/// runs on it at once.
fn template_for(set: &StandardsSet) -> anyhow::Result<String> {
    let header = TEMPLATE_CATALOG.lines().next().unwrap_or_default();
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(header.split(','))?;
    let lowest = set.cluster.depth_code(0);
    for (n, p) in set.cluster.pathways.iter().enumerate() {
        let mut frameworks = Vec::new();
        let mut standards = Vec::new();
        for &s in set.required(n) {
            let s = set.standard(s);
            if !frameworks.contains(&s.framework) {
                frameworks.push(s.framework);
                standards.push(format!("{}:{lowest}", s.id));
            }
        }
        let number = format!("EX{}", 100 * (n + 1));
        let title = format!("Example {} course", p.title);
        let standards = standards.join("; ");
        csv.write_record([&number, &title, &p.id, "introductory", "1.0", "", "", &standards, "", ""])?;
    }
    let bytes = csv.into_inner().context("cannot build the template catalog")?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Copies a file `--force` is about to replace to `FILE.bak` (replacing an older `.bak`), when
/// its text differs from the new text: an edited `cluster.yaml` is a district's work, and
/// `--force` must not lose it. A file already holding the new text needs no copy. Returns the
/// copy's path.
fn back_up(path: &Path, new_text: &str) -> anyhow::Result<Option<PathBuf>> {
    let Ok(old) = std::fs::read(path) else { return Ok(None) };
    if old == new_text.as_bytes() {
        return Ok(None);
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    let bak = path.with_file_name(name);
    std::fs::write(&bak, old)
        .with_context(|| format!("cannot keep a copy of {} in {}", path.display(), bak.display()))?;
    Ok(Some(bak))
}

/// Refuses a `DIR/standards` that leads outside DIR (a symbolic link to elsewhere), which
/// init would otherwise write through.
fn refuse_outside(dir: &Path, standards_dir: &Path) -> anyhow::Result<()> {
    if std::fs::symlink_metadata(standards_dir).is_err() {
        return Ok(()); // Not there: init creates it, as a plain directory.
    }
    let shown = standards_dir.display();
    let root = dir.canonicalize().with_context(|| format!("cannot read {}", dir.display()))?;
    let real = standards_dir.canonicalize().map_err(|e| {
        anyhow::anyhow!("{shown} is a link that leads nowhere ({e}); remove it and run init again")
    })?;
    if !real.starts_with(&root) {
        anyhow::bail!(
            "{shown} leads to {}, outside {}; init writes nothing outside its directory: remove \
             the link, or choose another directory",
            real.display(),
            dir.display()
        );
    }
    Ok(())
}
