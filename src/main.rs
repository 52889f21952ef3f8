//! The `cte-align` binary: parse the command line, run the command, and map the result to an
//! exit code (0 met the policy, 1 the policy failed, 2 could not do the job). Errors are
//! printed here, once.

use std::io::ErrorKind;
use std::process::ExitCode;

use clap::Parser;
use cte_align::Outcome;
use cte_align::cli::Cli;
use cte_align::diagnostic::InputError;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cte_align::commands::run(cli) {
        Ok(Outcome::Pass) => ExitCode::SUCCESS,
        Ok(Outcome::Fail) => ExitCode::from(1),
        // Reports treat a closed pipe as written (see `report::write_stdout`) and return their
        // outcome; this catches the commands that print by themselves (`validate`, `init`).
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            #[allow(clippy::print_stderr)]
            if let Some(input) = err.downcast_ref::<InputError>() {
                eprintln!("{input}");
            } else {
                eprintln!("cte-align: error: {err:#}");
            }
            ExitCode::from(2)
        }
    }
}

/// `cte-align validate big.csv | head` closes the pipe early: that is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == ErrorKind::BrokenPipe))
}
