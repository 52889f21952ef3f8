//! The `cte-align` binary: parse the command line, run the command, and map the result to an
//! exit code (0 met the policy, 1 the policy failed, 2 could not do the job). Errors are
//! printed here, once.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use cte_align::Outcome;
use cte_align::cli::Cli;
use cte_align::diagnostic::InputError;
use cte_align::settings::Settings;

fn main() -> ExitCode {
    let cli = Cli::parse_args();
    match run(cli) {
        Ok(Outcome::Pass) => ExitCode::SUCCESS,
        Ok(Outcome::Fail) => ExitCode::from(1),
        Err(err) => {
            print_error(&err);
            ExitCode::from(2)
        }
    }
}

/// Runs the command, with Ctrl-C and `kill` set to remove a report's temporary file first.
fn run(cli: Cli) -> anyhow::Result<Outcome> {
    cte_align::report::interrupt::install().context("cannot catch signals")?;
    cte_align::commands::run(Settings::from_cli(cli)?)
}

/// Prints the error in one write: an input with 200,000 bad rows gives 400,000 lines, and
/// standard error is unbuffered, so printing them one by one took seconds in write calls.
/// A closed standard error leaves nowhere to report to, so a failed write is ignored.
fn print_error(err: &anyhow::Error) {
    let text = match err.downcast_ref::<InputError>() {
        Some(input) => format!("{input}\n"),
        None => format!("cte-align: error: {err:#}\n"),
    };
    // A message may quote the user's text: never a control character raw to the terminal.
    let text = cte_align::text::escape_keeping_lines(&text);
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}
