//! Bytes -> the config file (`cte-align.toml`), through what a run does with it: the command
//! line is parsed with `--config FILE`, [`Settings::from_cli`] reads the file and merges it
//! under the flags (columns, header row, format, policy), and its aliases are applied to the
//! built-in standards. It loads, or the error names the file, a line within it and a column,
//! on one line.
//!
//! The settings read a file, so each input is written to one file per process first (in
//! memory). The command varies with the input's length: `gaps`,
//! `gaps` with an alignment file (the config's `standard` column is allowed only then), and
//! `coverage` with `--format csv` (a flag that wins over the file's format).

#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use clap::{ArgMatches, CommandFactory, FromArgMatches};
use cte_align::cli::Cli;
use cte_align::config;
use cte_align::diagnostic::InputError;
use cte_align::settings::Settings;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

/// This process's config file, in memory (`/dev/shm`) where there is one: on ext4, writing
/// over a file flushes it to disk, which took a third of the time.
static FILE: LazyLock<PathBuf> = LazyLock::new(|| {
    let shm = PathBuf::from("/dev/shm");
    let base = if shm.is_dir() { shm } else { std::env::temp_dir() };
    let dir = base.join(format!("cte-align-fuzz-config-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("cannot create {}: {e}", dir.display());
    }
    dir.join(config::FILE_NAME)
});

/// The three command lines, parsed once: building clap's command took another third.
static COMMANDS: LazyLock<Vec<ArgMatches>> = LazyLock::new(|| {
    let name = FILE.display().to_string();
    let commands: [&[&str]; 3] = [
        &["gaps", "catalog.csv"],
        &["gaps", "catalog.csv", "--alignments", "alignments.csv"],
        &["coverage", "catalog.csv", "--format", "csv"],
    ];
    commands
        .iter()
        .map(|command| {
            let head = ["cte-align", "--config", name.as_str()];
            match Cli::command().try_get_matches_from(head.iter().chain(command.iter())) {
                Ok(m) => m,
                Err(e) => panic!("the fuzz target's command line does not parse: {e}"),
            }
        })
        .collect()
});

/// The error names the config file at a line and column within it, on one line; an error that
/// is not an input error (the file is not UTF-8) is one line too.
fn check_error(e: &anyhow::Error, file: &str, lines: u64) {
    match e.downcast_ref::<InputError>() {
        Some(InputError(diags)) => common::check(diags, &[file], lines, true),
        None => {
            let shown = format!("{e:#}");
            assert!(!shown.contains('\n') && !shown.contains('\r'), "error is not one line: {shown:?}");
            assert!(shown.starts_with(file), "error does not name the file: {shown:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let file = &*FILE;
    if let Err(e) = std::fs::write(file, data) {
        panic!("cannot write {}: {e}", file.display());
    }
    let name = file.display().to_string();
    let lines = common::max_lines(data);
    let cli = match Cli::from_arg_matches(&COMMANDS[data.len() % COMMANDS.len()]) {
        Ok(cli) => cli,
        Err(e) => panic!("the fuzz target's command line does not parse: {e}"),
    };
    if let Err(e) = Settings::from_cli(cli) {
        check_error(&e, &name, lines);
        return;
    }
    // It read, so it reads again; its aliases apply to the built-in set or name their place.
    let project = match config::read(file) {
        Ok(p) => p,
        Err(e) => panic!("the config read once but not twice: {e:#}"),
    };
    let mut set = common::builtin().clone();
    if let Err(e) = project.config.aliases.apply(&project, &mut set) {
        check_error(&e, &name, lines);
    }
});
