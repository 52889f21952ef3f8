//! Writing output: to standard output, or to a file written whole or not at all (a temporary
//! file in the same directory, renamed into place), never over an input file.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// Where output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    File(PathBuf),
}

/// Writes `text` to the destination. `inputs` are the files the run read: writing over one of
/// them is refused.
pub fn write_output(dest: &Destination, text: &str, inputs: &[&Path]) -> anyhow::Result<()> {
    match dest {
        Destination::Stdout => write_stdout(text),
        Destination::File(path) => write_file(path, text, inputs),
    }
}

/// Writes `text` to standard output in one call. A reader that went away (`| head`) is not an
/// error, and it must not become one: the command goes on to exit with its outcome, so a
/// failing audit still exits 1 with its output piped into `head`.
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let written = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    closed_pipe_is_fine(written).context("cannot write to standard output")
}

fn closed_pipe_is_fine(result: std::io::Result<()>) -> std::io::Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// A temporary file is private (0600); the report gets the permissions of the file it
/// replaces, or the usual 0644 for a new one, as if it had been written in place.
#[cfg(unix)]
fn keep_permissions(tmp: &std::fs::File, path: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
    tmp.set_permissions(std::fs::Permissions::from_mode(mode))
        .with_context(|| format!("{}: cannot set the report's permissions", path.display()))
}

#[cfg(not(unix))]
fn keep_permissions(_tmp: &std::fs::File, _path: &Path) -> anyhow::Result<()> {
    Ok(())
}

/// Refuses `path` when it is one of `inputs`. Files are compared by identity, not by name, so
/// `./`, `..`, a symlink or a hard link to an input is caught too. Only a regular file can be
/// overwritten: a path that does not exist yet, or a device such as `/dev/null`, passes.
pub fn refuse_inputs(path: &Path, inputs: &[&Path]) -> anyhow::Result<()> {
    let Some(out) = FileId::of(path) else {
        return Ok(());
    };
    if let Some(input) = inputs.iter().find(|i| FileId::of(i).as_ref() == Some(&out)) {
        anyhow::bail!(
            "{}: refusing to write the report over an input file ({}); choose another -o path",
            path.display(),
            input.display()
        );
    }
    Ok(())
}

/// A regular file's identity: its device and inode on Unix, its canonical path elsewhere.
#[derive(Debug, PartialEq, Eq)]
struct FileId(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] PathBuf);

impl FileId {
    #[cfg(unix)]
    fn of(path: &Path) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).ok().filter(std::fs::Metadata::is_file)?;
        Some(FileId((meta.dev(), meta.ino())))
    }

    #[cfg(not(unix))]
    fn of(path: &Path) -> Option<FileId> {
        std::fs::metadata(path).ok().filter(std::fs::Metadata::is_file)?;
        path.canonicalize().ok().map(FileId)
    }
}

fn write_file(path: &Path, text: &str, inputs: &[&Path]) -> anyhow::Result<()> {
    refuse_inputs(path, inputs)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        anyhow::bail!("{}: the directory {} does not exist; create it first", path.display(), dir.display());
    }
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("{}: cannot create a file in {}", path.display(), dir.display()))?;
    tmp.write_all(text.as_bytes()).with_context(|| format!("{}: cannot write", path.display()))?;
    keep_permissions(tmp.as_file(), path)?;
    tmp.as_file().sync_all().ok();
    tmp.persist(path).with_context(|| format!("{}: cannot write the report", path.display()))?;
    Ok(())
}
