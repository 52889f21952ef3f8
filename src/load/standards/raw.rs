//! The **raw model** of a standards set: what a reader found, before any rule is checked.
//!
//! Every reader (the YAML files of a standards directory; a CASE JSON package next) produces
//! this same model, and [`validate`](super::validate) checks it and builds the
//! [`StandardsSet`](crate::model::StandardsSet). Each value a rule may point at is
//! [`Located`]: it carries a [`Position`] of our own (a line and column, or a JSON path), so the
//! rules know nothing of the format it was read from. Strings are as written, untrimmed.

use serde::{Deserialize, Serialize};

use crate::diagnostic::Position;
use crate::model::normalize_id;

/// A value and where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Located<T> {
    pub value: T,
    pub at: Position,
}

impl<T> Located<T> {
    pub fn new(value: T, at: Position) -> Self {
        Located { value, at }
    }
}

/// Everything the readers found in a standards set's files.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct RawSet {
    /// The cluster; `None` when its file is missing or did not parse (already reported).
    pub cluster: Option<RawCluster>,
    /// The frameworks, in the order their files were read.
    pub frameworks: Vec<RawFramework>,
    /// The crosswalk entries: the rows of `crosswalks/*.csv`, then those of the CASE
    /// packages' `exactMatchOf` / `isRelatedTo` associations.
    pub crosswalks: Vec<RawCrosswalk>,
    /// What the sources that did not parse may define.
    pub unparsed: Unparsed,
}

/// One crosswalk entry as read: a standard of one framework, one of another, how they relate
/// and, for `partial`, the highest depth it credits. IDs as written (a CASE identifier is an
/// ID too).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawCrosswalk {
    /// The file it was read from, as shown in messages.
    pub file: String,
    pub from: Located<String>,
    pub to: Located<String>,
    pub relation: Located<String>,
    /// `None`: not given (the lowest depth of the scale, for `partial`).
    pub depth: Option<Located<String>>,
    /// Read from a CASE association rather than written by the user: an entry whose ends are
    /// not both loaded standards of two frameworks, or that repeats another, is left out
    /// without a word (real packages point at frameworks that are not loaded).
    pub from_case: bool,
}

/// The cluster: its pathways, credentials and depth scale.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawCluster {
    /// The file it was read from, as shown in messages.
    pub file: String,
    /// Where the cluster as a whole is (the top of its file), for problems with all of it.
    pub at: Position,
    pub id: Located<String>,
    pub title: Located<String>,
    /// `None`: the default scale, Introduced, Reinforced, Mastered.
    pub depth_scale: Option<Located<Vec<RawDepth>>>,
    /// `None`: the top of the depth scale.
    pub mastery: Option<Located<String>>,
    pub pathways: Vec<RawPathway>,
    pub credentials: Vec<RawCredential>,
}

/// One level of the depth scale.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawDepth {
    pub code: Located<String>,
    pub name: Located<String>,
}

/// A pathway (program of study) and the framework that holds its competencies.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawPathway {
    pub id: Located<String>,
    pub title: Located<String>,
    pub aliases: Vec<String>,
    pub framework: Located<String>,
}

/// A credential: the pathways that lead to it and the standards it requires.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawCredential {
    pub id: Located<String>,
    pub title: Located<String>,
    pub issuer: String,
    pub aliases: Vec<String>,
    pub pathways: Vec<Located<String>>,
    pub requires: Vec<Located<String>>,
}

/// A framework and its tree of standards.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawFramework {
    /// The file it was read from, as shown in messages.
    pub file: String,
    /// Its prefix (`FS`).
    pub id: Located<String>,
    pub title: Located<String>,
    pub version: String,
    pub source: String,
    pub attribution: String,
    pub applies_to: Located<RawAppliesTo>,
    pub coverage_depth: Located<u8>,
    pub legacy_codes: bool,
    /// A child's code must be its parent's plus one segment (`1` -> `1.1`): true for our YAML,
    /// whose codes are written to nest; false for a CASE package, whose codes (`K-PS2` ->
    /// `K-PS2-1`, `A.3a`) follow no such rule.
    pub nested_codes: bool,
    /// The top-level standards.
    pub standards: Vec<RawStandard>,
}

/// Which pathways a framework applies to, by ID as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum RawAppliesTo {
    All,
    Pathways(Vec<Located<String>>),
}

/// A standard and the standards under it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RawStandard {
    /// Its code within the framework (`1.1`); the ID is the framework's prefix, `-`, the code.
    pub code: Located<String>,
    pub title: Located<String>,
    pub statement: Option<String>,
    pub keywords: Vec<String>,
    /// Its CASE identifier (a UUID), accepted wherever a standard ID is.
    pub uuid: Option<String>,
    pub children: Vec<RawStandard>,
}

/// What the sources that did not parse would define, as far as can be told from a framework's
/// `id` and `legacy_codes` alone. A check that refers to a framework or standard one of them
/// may define is skipped: the cluster is not to blame for a broken framework file.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Unparsed {
    /// Their framework IDs, normalized.
    ids: Vec<String>,
    /// One of them has no readable `id`, so it might define anything.
    unknown: bool,
    /// One of them may read NCHSE codes without a prefix.
    legacy: bool,
}

impl Unparsed {
    /// A source that did not parse, and what could be read of it: its framework ID and
    /// whether it reads legacy codes (`None`: nothing could be read).
    pub fn add(&mut self, probe: Option<(String, bool)>) {
        match probe {
            Some((id, legacy)) => {
                self.ids.push(normalize_id(&id));
                self.legacy |= legacy;
            }
            None => self.unknown = true,
        }
    }

    pub fn may_define_framework(&self, id: &str) -> bool {
        self.unknown || self.ids.iter().any(|p| *p == normalize_id(id))
    }

    pub fn may_define_standard(&self, id: &str) -> bool {
        let key = normalize_id(id);
        let numeric = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
        self.unknown
            || (self.legacy && numeric(&key))
            || self.ids.iter().any(|p| key.strip_prefix(p.as_str()).is_some_and(numeric))
    }
}
