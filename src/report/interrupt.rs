//! Leaving nothing behind when stopped. A report written to a file goes to a temporary file
//! first (see `write`); a run stopped by Ctrl-C (SIGINT) or `kill` (SIGTERM) while it writes
//! would leave that file for good, since a process killed by a signal runs no destructor. So
//! the signals are caught on a thread of their own, which removes the temporary file being
//! written, if any, and exits 130 or 143 (128 + the signal), as a shell reports a run it
//! stopped.
//!
//! SIGXFSZ (a write past `ulimit -f`) would kill the process the same way; it is caught and
//! ignored instead, so the write returns an error (EFBIG) that the writer reports (exit 2),
//! removing its temporary file as for any failed write.
//!
//! The one temporary file in progress is the single piece of global state here: a signal
//! handler can reach nothing else. It is set and cleared under a lock that the signal thread
//! takes too, so a signal during the creation or the rename of the file waits for it to end,
//! and the file is never left, nor removed after it became the report.

use std::io;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The temporary file being written, if any.
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

fn pending() -> MutexGuard<'static, Option<PathBuf>> {
    // The lock guards a plain path: a thread that panicked holding it left nothing half-done.
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Catches SIGINT and SIGTERM (removing the temporary file in progress, then exiting 128 +
/// the signal) and ignores SIGXFSZ. Called once, by `main`, before anything is written.
#[cfg(unix)]
pub fn install() -> io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM, SIGXFSZ};
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    // A handler that only sets a flag nobody reads: the signal no longer kills, and the write
    // that raised it fails with EFBIG.
    signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)))?;
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            stop(signal);
        }
    })?;
    Ok(())
}

#[cfg(not(unix))]
pub fn install() -> io::Result<()> {
    Ok(())
}

/// Removes the temporary file in progress and exits 128 + `signal`. The lock is held to the
/// end, so the writer cannot rename the file into place in between.
#[cfg(unix)]
fn stop(signal: i32) -> ! {
    let mut pending = pending();
    if let Some(path) = pending.take() {
        let _ = std::fs::remove_file(path);
    }
    std::process::exit(128 + signal)
}

/// Creates a temporary file with `create`, and records it as the one to remove if the run is
/// stopped.
pub fn create(
    create: impl FnOnce() -> io::Result<tempfile::NamedTempFile>,
) -> io::Result<tempfile::NamedTempFile> {
    let mut pending = pending();
    let tmp = create()?;
    *pending = Some(tmp.path().to_path_buf());
    Ok(tmp)
}

/// Runs `settle`, which renames the temporary file into place or drops (removes) it, then
/// forgets the file: it is no longer the run's to remove.
pub fn settle<T>(settle: impl FnOnce() -> T) -> T {
    let mut pending = pending();
    let result = settle();
    *pending = None;
    result
}
