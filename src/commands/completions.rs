//! `cte-align completions SHELL` and `cte-align man`: the shell completion script and the man
//! page, both generated from the clap definitions in `cli.rs`, so neither can fall behind a
//! new subcommand or flag. The man page is a subcommand rather than a build step: the
//! installed binary then always prints the page that matches it, and `cargo install` (which
//! installs no man pages) needs nothing extra.

use crate::Outcome;
use crate::cli::{self, Shell};
use crate::report::write_stdout;

pub fn completions(shell: Shell) -> anyhow::Result<Outcome> {
    let mut script = Vec::new();
    cli::write_completions(shell, &mut script);
    write_stdout(&String::from_utf8_lossy(&script))?;
    Ok(Outcome::Pass)
}

pub fn man(subcommand: Option<&str>) -> anyhow::Result<Outcome> {
    let mut page = Vec::new();
    cli::write_man(subcommand, &mut page)?;
    write_stdout(&String::from_utf8_lossy(&page))?;
    Ok(Outcome::Pass)
}
