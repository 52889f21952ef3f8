//! The one integration-test binary: every test runs the real `cte-align` executable in a
//! temporary directory and checks what a user sees (exit code, stdout, stderr, files).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::print_stdout, clippy::print_stderr)]

mod util;

mod audit_fixture;
mod bad_input;
mod case_export;
mod case_import;
mod catalog_intake;
mod ci_formats;
mod cli;
mod commands;
mod compare;
mod crosswalk;
mod findings_json;
mod fix_first;
mod handout;
mod intake;
mod load_side;
mod outputs;
mod properties;
mod reliability;
mod show;
mod standards_library;
mod streaming;
mod wide_text;
