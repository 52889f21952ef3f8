//! cte-align checks whether a school district's career and technical education (CTE) courses
//! cover the standards they are meant to teach.
//!
//! Data flows one way: command-line flags ([`cli`]) -> [`settings`] (built once, plain values)
//! -> [`pipeline`] / [`load`] (standards YAML and catalog CSV into the [`model`]) -> [`audit`]
//! (coverage and findings, pure functions) -> a view of the result ([`report::views`]) -> a
//! renderer (table, CSV, JSON, Markdown) writing bytes. The [`commands`] module holds one file
//! per subcommand, each wiring those steps together and nothing else.

pub mod audit;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod report;
pub mod settings;
pub(crate) mod suggest;
pub mod text;

/// What a command that ran to completion tells `main` to exit with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0: ran and met the policy.
    Pass,
    /// Exit 1: ran and found what the policy fails on.
    Fail,
}
