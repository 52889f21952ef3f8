//! `cte-align init DIR`: writes a copy of the built-in standards and a template catalog, to
//! start a district's or state's own set from. Writes nothing outside DIR and overwrites
//! nothing without `--force`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;

use crate::Outcome;
use crate::cli::InitArgs;
use crate::load::standards::BUILTIN;

const TEMPLATE_CATALOG: &str = include_str!("../../templates/catalog.csv");

pub fn run(args: InitArgs) -> anyhow::Result<Outcome> {
    let mut files: Vec<(PathBuf, &str)> =
        BUILTIN.iter().map(|(name, text)| (args.dir.join("standards").join(name), *text)).collect();
    files.push((args.dir.join("catalog.csv"), TEMPLATE_CATALOG));
    // Check every target first, so a refusal writes nothing at all.
    let existing: Vec<String> =
        files.iter().filter(|(p, _)| p.exists()).map(|(p, _)| p.display().to_string()).collect();
    if !existing.is_empty() && !args.force {
        anyhow::bail!(
            "{} already exist{}: {}; pass --force to overwrite",
            crate::diagnostic::plural(existing.len(), "file"),
            if existing.len() == 1 { "s" } else { "" },
            existing.join(", ")
        );
    }
    let standards_dir = args.dir.join("standards");
    std::fs::create_dir_all(&standards_dir)
        .with_context(|| format!("cannot create {}", standards_dir.display()))?;
    for (path, text) in &files {
        let dir = path.parent().unwrap_or(&args.dir);
        let mut tmp = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("cannot write in {}", dir.display()))?;
        tmp.write_all(text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?;
        tmp.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "wrote {} files to {}", files.len(), args.dir.display())?;
    writeln!(
        out,
        "next: edit {0}/catalog.csv and run `cte-align --standards {0}/standards gaps {0}/catalog.csv`",
        args.dir.display()
    )?;
    Ok(Outcome::Pass)
}
