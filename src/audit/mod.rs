//! The audit: pure functions from a catalog and a standards set to coverage and findings.
//!
//! **Coverage**: a pathway's *required standards* are the standards at their framework's
//! coverage depth, of every framework that applies to it. A course counts for the pathways it
//! lists (`*`: all). An alignment to a standard counts for the required standard that is it or
//! its ancestor at the coverage depth; above that depth it counts for nothing. A required
//! standard is *covered* when a course of the pathway counts for it; its *depth* is the highest
//! depth given; it is *mastered* when that depth reaches the cluster's mastery level. Above the
//! coverage depth, a parent *rolls up*: covered children out of all its required children.
//! **Findings** are the gaps, each with a stable code and a severity. [`compare`] matches two
//! audits' findings, pathways and courses (`fill`, `diff`).
//!
//! Nothing here reads files or prints.

pub mod compare;
mod coverage;
mod findings;
mod policy;
pub(crate) mod query;
pub use query::Selection;

pub use coverage::{
    Audit, Credit, Listing, PartsAudited, PathwayAudit, RollUp, StandardCoverage, Tally, UnitAudit,
    UnitAuditor, Via, audit, audit_by_unit, audit_in_parts, crosswalked,
};
pub use findings::{Code, Finding, Message, Progression, Severity, Subject};
pub use policy::{Filter, Limits, Policy, PolicyFailure, Threshold, Thresholds};
