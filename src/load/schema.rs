//! The YAML schema of standards files, exactly as users write them (see docs/formats.md).
//!
//! Every struct denies unknown fields so a typo fails with its line and column; values whose
//! location later checks need are wrapped in `Spanned`. The YAML reader
//! (`load/standards/from_yaml.rs`) turns these into the neutral raw model, so serde-saphyr's
//! spans go no further than it.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// A required string that may be left empty as YAML null (`title:` or `title: ~`): read as "",
/// so validation says "empty title; give it a value" rather than the parser's "null is not
/// allowed here". A missing key is still an error ("missing field `title`").
#[derive(Debug, Default)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<String>::deserialize(d).map(|s| Text(s.unwrap_or_default()))
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkFile {
    pub id: Spanned<Text>,
    pub title: Spanned<Text>,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub attribution: String,
    pub applies_to: Spanned<AppliesToSpec>,
    pub coverage_depth: Spanned<u8>,
    #[serde(default)]
    pub legacy_codes: bool,
    /// `false`: a child's code need not extend its parent's (a framework imported from CASE,
    /// whose codes follow no such rule). Default `true`.
    #[serde(default = "nested_by_default")]
    pub nested_codes: bool,
    pub standards: Vec<StandardSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardSpec {
    pub code: Spanned<Text>,
    pub title: Spanned<Text>,
    #[serde(default)]
    pub statement: Option<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The CASE identifier (UUID) of a standard imported from a CASE package (`import-case`),
    /// accepted wherever its ID is.
    #[serde(default)]
    pub case_id: Option<String>,
    #[serde(default)]
    pub children: Vec<StandardSpec>,
}

/// `applies_to: all` or `applies_to: [TS, DS]`. Written as a visitor rather than an untagged
/// enum so that errors keep their location.
#[derive(Debug)]
pub enum AppliesToSpec {
    All,
    Pathways(Vec<Spanned<String>>),
}

impl<'de> Deserialize<'de> for AppliesToSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AppliesToSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`all` or a list of pathway IDs")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v.trim().eq_ignore_ascii_case("all") {
                    Ok(AppliesToSpec::All)
                } else {
                    // The scalar's own position is the caller's (the Spanned around this).
                    let unknown = serde_saphyr::Location::UNKNOWN;
                    Ok(AppliesToSpec::Pathways(vec![Spanned::new(v.to_string(), unknown, unknown)]))
                }
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<Spanned<String>>()? {
                    out.push(s);
                }
                Ok(AppliesToSpec::Pathways(out))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterFile {
    pub id: Spanned<Text>,
    pub title: Spanned<Text>,
    #[serde(default)]
    pub depth_scale: Option<Spanned<Vec<DepthSpec>>>,
    #[serde(default)]
    pub mastery: Option<Spanned<String>>,
    pub pathways: Vec<PathwaySpec>,
    #[serde(default)]
    pub credentials: Vec<CredentialSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepthSpec {
    pub code: Spanned<Text>,
    pub name: Spanned<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathwaySpec {
    pub id: Spanned<Text>,
    pub title: Spanned<Text>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub framework: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialSpec {
    pub id: Spanned<Text>,
    pub title: Spanned<Text>,
    #[serde(default)]
    pub issuer: String,
    /// Other names a catalog may use (`Nurse Aide`, `STNA`).
    #[serde(default)]
    pub aliases: Vec<String>,
    pub pathways: Vec<Spanned<String>>,
    #[serde(default)]
    pub requires: Vec<Spanned<String>>,
}

/// A second, lenient look at a framework file that failed to parse (other fields ignored):
/// the `id` and `legacy_codes` tell what it would define, and `pathways` that it is a cluster
/// file under another name.
#[derive(Debug, Deserialize)]
pub struct FrameworkProbe {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub legacy_codes: Option<bool>,
    #[serde(default)]
    pub pathways: Option<de::IgnoredAny>,
}

fn nested_by_default() -> bool {
    true
}
