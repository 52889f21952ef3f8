//! Writing output: to standard output (and the notes a report has no place for to standard
//! error), or to a file written whole or not at all (a temporary file in the same directory,
//! renamed into place), never over an input file. A symlink is followed to its target; a
//! device, a FIFO or `/dev/stdout` is written in place, since nothing can be renamed onto it.
//! Renderers are handed a buffered writer; nothing here holds the whole output. The one
//! whole-or-nothing writer ([`write_whole`]) also writes `init`'s files.

use std::io::{self, BufWriter, ErrorKind, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use same_file::Handle;

use super::interrupt;

/// Where output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout,
    File(PathBuf),
}

/// What a renderer is given to fill: a writer, and nothing else to know about where it goes.
type Fill<'a> = &'a mut dyn FnMut(&mut dyn Write) -> io::Result<()>;

/// Buffer size for output: large writes, as few calls as a whole-output string made.
const BUFFER: usize = 1 << 16;

/// Has `fill` write to the destination. `inputs` are the files the run read: writing over one
/// of them is refused.
pub fn write_output(
    dest: &Destination,
    inputs: &[&Path],
    mut fill: impl FnMut(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    match dest {
        Destination::Stdout => to_stdout(&mut fill),
        Destination::File(path) => write_file(path, inputs, &mut fill),
    }
}

/// Writes `text` to standard output.
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    to_stdout(&mut |w| w.write_all(text.as_bytes()))
}

/// Has `fill` write to standard output. A reader that went away (`| head`) is not an error,
/// and it must not become one: the command goes on to exit with its outcome, so a failing
/// audit still exits 1 with its output piped into `head`.
fn to_stdout(fill: Fill) -> anyhow::Result<()> {
    let mut out = BufWriter::with_capacity(BUFFER, io::stdout().lock());
    let written = fill(&mut out).and_then(|()| out.flush());
    closed_pipe_is_fine(written).context("cannot write to standard output")
}

/// Writes to standard error what the report on standard output has no place for. A failure
/// to write it is ignored: the report itself has been written.
/// Control and invisible characters it quotes from the user's text are shown escaped.
pub fn to_stderr(text: &str) {
    let text = crate::text::escape_keeping_lines(text);
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

fn closed_pipe_is_fine(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// A temporary file is private (0600); the report gets the permissions of the file it
/// replaces, or the usual 0644 for a new one, as if it had been written in place.
#[cfg(unix)]
fn keep_permissions(tmp: &std::fs::File, path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
    tmp.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn keep_permissions(_tmp: &std::fs::File, _path: &Path) -> io::Result<()> {
    Ok(())
}

/// The permissions a file written whole gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Those of the file it replaces, or 0644 (a report).
    Keep,
    /// What a plain create asks for (0666), narrowed by the umask as usual (`init`'s files).
    Umask,
}

/// The step of [`write_whole`] that failed, for the caller's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Create,
    Write,
    Permissions,
    Persist,
}

/// The one whole-or-nothing writer: a temporary file in `dir`, filled by `fill`, given its
/// permissions, synced, and renamed onto `target` (replacing a link at `target`, never writing
/// through it). A failure leaves `target` as it was.
fn write_whole(dir: &Path, target: &Path, mode: Mode, fill: Fill) -> Result<(), (Step, io::Error)> {
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    if mode == Mode::Umask {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = interrupt::create(|| builder.tempfile_in(dir)).map_err(|e| (Step::Create, e))?;
    let filled = fill_temporary(&mut tmp, target, mode, fill);
    // Renamed into place, or dropped (removed) on a failed write, before it is forgotten.
    interrupt::settle(move || {
        filled?;
        // The persist error holds the temporary file (deleted when dropped) and the I/O
        // error, which it also shows in its own message: keep only the I/O error.
        tmp.persist(target).map_err(|e| (Step::Persist, e.error))?;
        Ok(())
    })
}

/// Fills the temporary file, gives it its permissions, and syncs it.
fn fill_temporary(
    tmp: &mut tempfile::NamedTempFile,
    target: &Path,
    mode: Mode,
    fill: Fill,
) -> Result<(), (Step, io::Error)> {
    let mut out = BufWriter::with_capacity(BUFFER, tmp.as_file_mut());
    fill(&mut out).and_then(|()| out.flush()).map_err(|e| (Step::Write, e))?;
    drop(out);
    if mode == Mode::Keep {
        keep_permissions(tmp.as_file(), target).map_err(|e| (Step::Permissions, e))?;
    }
    tmp.as_file().sync_all().ok();
    Ok(())
}

/// Writes a new file of `init` whole, through a temporary file beside it: a failed run never
/// leaves half a file, and a link at `path` is replaced, never written through.
pub fn write_new_file(path: &Path, text: &str, dir: &Path) -> anyhow::Result<()> {
    let parent = path.parent().unwrap_or(dir);
    write_whole(parent, path, Mode::Umask, &mut |w| w.write_all(text.as_bytes())).map_err(|(step, e)| {
        let context = match step {
            Step::Create => format!("cannot write in {}", parent.display()),
            Step::Write | Step::Permissions | Step::Persist => format!("cannot write {}", path.display()),
        };
        anyhow::Error::new(e).context(context)
    })
}

/// Refuses `path` when it is one of `inputs`. Files are compared by identity (device and
/// inode), not by name, so `./`, `..`, a symlink or a hard link to an input is caught too, and
/// so is `-`: standard input is compared as what it really is (`gaps - -o catalog.csv <
/// catalog.csv`, `-o /dev/stdin`). Only a regular file can be overwritten: a path that does
/// not exist yet, or a device such as `/dev/null`, passes.
pub fn refuse_inputs(path: &Path, inputs: &[&Path]) -> anyhow::Result<()> {
    let Some(out) = regular_file(path) else {
        return Ok(());
    };
    if let Some(input) = inputs.iter().find(|i| input_handle(i).as_ref() == Some(&out)) {
        let shown =
            if input.as_os_str() == "-" { "standard input".into() } else { input.display().to_string() };
        anyhow::bail!(
            "{}: refusing to write the report over an input file ({shown}); choose another -o path",
            path.display(),
        );
    }
    Ok(())
}

/// Refuses an output `path` inside the directory `dir` (a `--standards` folder): every file
/// there is read as standards by the next run, which the report would then break. Compared on
/// real paths, so `./std/../std/r.yaml` or a link to the folder is caught. A path whose folder
/// does not exist passes here, to be refused as it is written.
pub fn refuse_inside(path: &Path, dir: &Path) -> anyhow::Result<()> {
    let Ok(dir) = dir.canonicalize() else {
        return Ok(());
    };
    // The file itself when it exists (a link leading into the folder), else its folder.
    let real = path.canonicalize().ok().or_else(|| {
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        parent.canonicalize().ok()
    });
    if real.is_some_and(|real| real.starts_with(&dir)) {
        anyhow::bail!(
            "{}: inside the standards folder {}, where every file is read as standards; choose an \
             -o path outside it",
            path.display(),
            dir.display()
        );
    }
    Ok(())
}

/// A handle on the file `path` names when it is a regular file (checked first: opening a FIFO
/// to compare it would block).
fn regular_file(path: &Path) -> Option<Handle> {
    std::fs::metadata(path).ok().filter(std::fs::Metadata::is_file)?;
    Handle::from_path(path).ok()
}

/// An input's handle: `-` is standard input, when it is a regular file (a pipe or terminal
/// cannot be written over by `-o`).
fn input_handle(input: &Path) -> Option<Handle> {
    if input.as_os_str() != "-" {
        return regular_file(input);
    }
    let stdin = Handle::stdin().ok()?;
    stdin.as_file().metadata().ok().filter(std::fs::Metadata::is_file)?;
    Some(stdin)
}

/// Writes the report to `path`, in the way what the path names allows:
/// - a regular file, a symlink to one, or a new name: a temporary file beside the file the
///   links end at, renamed onto it, so the report is whole or absent and the links stay;
/// - a device, a FIFO, or a file reached through a file descriptor (`/dev/stdout`): written
///   in place, as nothing can be renamed onto those (and whole-or-nothing is not possible);
/// - a directory, or a name ending in `/`: refused, with what to give instead.
fn write_file(path: &Path, inputs: &[&Path], fill: Fill) -> anyhow::Result<()> {
    let shown = path.display();
    if path.as_os_str().as_encoded_bytes().last().is_some_and(|&b| std::path::is_separator(b.into())) {
        anyhow::bail!(
            "{shown}: ends with /, so it names a directory; give a file name, like {shown}report.txt"
        );
    }
    refuse_inputs(path, inputs)?;
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => anyhow::bail!(
            "{shown}: Is a directory; give a file name, like {}",
            path.join("report.txt").display()
        ),
        Ok(meta) if !meta.is_file() => write_in_place(path, fill),
        _ if path.file_name().is_none() => {
            anyhow::bail!("{shown}: names a directory, not a file; give a file name")
        }
        _ => match final_target(path)? {
            Target::Descriptor => write_in_place(path, fill),
            Target::File(target) => replace(path, &target, fill),
        },
    }
}

/// Where a path's symlinks end.
enum Target {
    /// The file the last link names (the path itself when it is no link), which may not exist.
    File(PathBuf),
    /// A file reached through a file descriptor (`/dev/stdout`, `/dev/fd/N`, `/proc/*/fd/N`):
    /// the shell holds it open, so replacing it would leave the shell writing to a lost file.
    Descriptor,
}

/// The most symlinks followed, as Linux's own limit for a path.
const MAX_LINKS: usize = 40;

/// Follows the symlinks of the path's last part (a link in a directory part is fine: a rename
/// resolves those itself), so a report written through a link replaces the link's target.
fn final_target(path: &Path) -> anyhow::Result<Target> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(_) if in_descriptor_dir(&current) => return Ok(Target::Descriptor),
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = std::fs::read_link(&current).with_context(|| {
                    format!("{}: cannot read the link {}", path.display(), current.display())
                })?;
                // A relative link is relative to the link's directory; `join` keeps an absolute one.
                current = current.parent().map_or_else(|| next.clone(), |dir| dir.join(&next));
            }
            _ => return Ok(Target::File(current)),
        }
    }
    anyhow::bail!(
        "{}: more than {MAX_LINKS} symbolic links in a row; give -o the file itself",
        path.display()
    )
}

/// Whether an existing path lies in `/proc` (`/proc/self/fd/1`, where `/dev/stdout` leads) or
/// `/dev/fd`. A new name there is an ordinary file, which `/proc` then refuses to create.
#[cfg(unix)]
fn in_descriptor_dir(path: &Path) -> bool {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    dir.canonicalize().is_ok_and(|d| d.starts_with("/proc") || d.starts_with("/dev/fd"))
}

#[cfg(not(unix))]
fn in_descriptor_dir(_path: &Path) -> bool {
    false
}

/// Writes into what is already there, appending, so a file the shell opened for the command
/// (`-o /dev/stdout >> log`) keeps what it holds. A reader of a FIFO that went away is, as for
/// standard output, not an error.
fn write_in_place(path: &Path, fill: Fill) -> anyhow::Result<()> {
    let file = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .with_context(|| format!("{}: cannot open for writing", path.display()))?;
    let mut out = BufWriter::with_capacity(BUFFER, file);
    closed_pipe_is_fine(fill(&mut out).and_then(|()| out.flush()))
        .with_context(|| format!("{}: cannot write the report", path.display()))
}

/// Writes a temporary file beside `target` and renames it onto `target`: whole or not at all.
/// `path` is what the user gave, for messages.
fn replace(path: &Path, target: &Path, fill: Fill) -> anyhow::Result<()> {
    let dir = directory_of(path, target)?;
    write_whole(dir, target, Mode::Keep, fill).map_err(|(step, e)| {
        let shown = path.display();
        let context = match step {
            Step::Create => format!("{shown}: cannot create a file in {}", dir.display()),
            Step::Write => format!("{shown}: cannot write"),
            Step::Permissions => format!("{shown}: cannot set the report's permissions"),
            Step::Persist => format!("{shown}: cannot write the report"),
        };
        anyhow::Error::new(e).context(context)
    })
}

/// The directory `target` goes in, or an error that says which part of the path is wrong.
fn directory_of<'a>(path: &Path, target: &'a Path) -> anyhow::Result<&'a Path> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => return Ok(dir),
        Err(e) if !matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
            return Err(e).with_context(|| {
                format!("{}: cannot reach the directory {}", path.display(), dir.display())
            });
        }
        _ => {}
    }
    match dir.ancestors().find(|a| std::fs::metadata(a).is_ok_and(|m| !m.is_dir())) {
        Some(file) => anyhow::bail!(
            "{}: {} is not a directory; give -o a path inside a directory",
            path.display(),
            file.display()
        ),
        None => anyhow::bail!(
            "{}: the directory {} does not exist; create it first",
            path.display(),
            dir.display()
        ),
    }
}
