//! The cluster: its pathways (programs of study), the credentials they lead to, and the depth
//! scale that alignments are graded on.

use super::standards::StandardIdx;

/// Index of a pathway in [`Cluster::pathways`].
pub type PathwayIdx = usize;
/// Index of a credential in [`Cluster::credentials`].
pub type CredentialIdx = usize;
/// A depth, as an index into [`Cluster::depth_scale`]: 0 is the lowest (Introduced).
pub type Depth = u8;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Cluster {
    pub id: String,
    pub title: String,
    pub pathways: Vec<Pathway>,
    pub credentials: Vec<Credential>,
    /// Ordered levels of depth, lowest first.
    pub depth_scale: Vec<DepthLevel>,
    /// The depth a standard must reach to count as mastered.
    pub mastery: Depth,
    /// A district's own words (the config file's `[aliases]`): values of the pathway column
    /// meaning every pathway (`All Health Science Pathways`), or another career cluster's
    /// course; credential values that are no credential of the set; depth names.
    pub local: LocalAliases,
}

/// The config file's aliases that are not simply another name of one pathway or credential
/// (those join its `aliases`).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct LocalAliases {
    pub all_pathways: Vec<String>,
    pub other_cluster: Vec<String>,
    pub no_credential: Vec<String>,
    pub depths: Vec<(String, Depth)>,
    /// Course levels by a district's word (`Honors` = 3).
    pub levels: Vec<(String, u8)>,
}

/// `Certified Nursing Assistant (CNA)`: the name and what the parentheses hold, for matching
/// either against a pathway's or credential's title and ID.
fn parenthesised(name: &str) -> Option<(&str, &str)> {
    let inner = name.trim_end().strip_suffix(')')?;
    let open = inner.rfind('(')?;
    Some((&inner[..open], &inner[open + 1..])).filter(|(base, _)| !base.trim().is_empty())
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Pathway {
    pub id: String,
    pub title: String,
    pub aliases: Vec<String>,
    /// The framework (by prefix) that holds this pathway's competencies.
    pub framework: String,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Credential {
    pub id: String,
    pub title: String,
    pub issuer: String,
    /// Other names a catalog may use.
    pub aliases: Vec<String>,
    pub pathways: Vec<PathwayIdx>,
    pub requires: Vec<StandardIdx>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DepthLevel {
    pub code: String,
    pub name: String,
}

/// Lower-cases and drops everything but letters and digits: how pathway and credential names
/// are matched ("Health Informatics", "health-informatics" and "HEALTHINFORMATICS" agree).
fn fold(s: &str) -> String {
    folded(s).collect()
}

/// [`fold`], as it goes.
fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase)
}

/// Whether `s` folds to `key` (a folded name), without making the folded string: a name is
/// looked up against every pathway's or credential's ID, title and aliases.
fn folds_to(s: &str, key: &str) -> bool {
    folded(s).eq(key.chars())
}

impl Cluster {
    /// Finds a pathway by ID, title or alias.
    /// `Title (ID)` is read as either.
    pub fn pathway(&self, name: &str) -> Option<PathwayIdx> {
        let key = fold(name);
        if key.is_empty() {
            return None;
        }
        let is = |p: &Pathway, key: &str| {
            folds_to(&p.id, key) || folds_to(&p.title, key) || p.aliases.iter().any(|a| folds_to(a, key))
        };
        self.pathways.iter().position(|p| is(p, &key)).or_else(|| {
            let (base, inner) = parenthesised(name)?;
            let (base, inner) = (fold(base), fold(inner));
            self.pathways.iter().position(|p| is(p, &base) && (folds_to(&p.id, &inner) || is(p, &inner)))
        })
    }

    /// Whether a pathway value is one the config file says means every pathway.
    pub fn means_all(&self, name: &str) -> bool {
        let key = fold(name);
        self.local.all_pathways.iter().any(|a| folds_to(a, &key))
    }

    /// The IDs of a course's pathways as a catalog would write them: `*`, or the IDs named.
    pub fn pathway_ids(&self, set: super::PathwaySet) -> Vec<&str> {
        match set.named() {
            None => vec!["*"],
            Some(named) => named.map(|p| self.pathways[p].id.as_str()).collect(),
        }
    }

    /// Finds a credential by ID or title.
    /// `Title (ID)` is read as either; so are the credential's aliases.
    pub fn credential(&self, name: &str) -> Option<CredentialIdx> {
        let key = fold(name);
        if key.is_empty() {
            return None;
        }
        let is = |c: &Credential, key: &str| {
            folds_to(&c.id, key) || folds_to(&c.title, key) || c.aliases.iter().any(|a| folds_to(a, key))
        };
        self.credentials.iter().position(|c| is(c, &key)).or_else(|| {
            let (base, inner) = parenthesised(name)?;
            let (base, inner) = (fold(base), fold(inner));
            self.credentials.iter().position(|c| is(c, &base) && is(c, &inner))
        })
    }

    /// Whether a credential value is one the config file says is no credential of the set
    /// (`BLS/CPR` where the set has none): left out without an error.
    pub fn not_a_credential(&self, name: &str) -> bool {
        let key = fold(name);
        self.local.no_credential.iter().any(|a| folds_to(a, &key))
    }

    /// Finds a depth level by its code (`M`) or name (`Mastered`), case-insensitively.
    /// Another form of a level's name that shares its first five letters (`Mastery` for
    /// `Mastered`, `Introduction` for `Introduced`) is read as it, when only one level does.
    pub fn depth(&self, name: &str) -> Option<Depth> {
        let name = name.trim();
        let exact = self
            .depth_scale
            .iter()
            .position(|d| d.code.eq_ignore_ascii_case(name) || d.name.eq_ignore_ascii_case(name));
        let local = || {
            let key = fold(name);
            self.local.depths.iter().find(|(a, _)| folds_to(a, &key)).map(|&(_, d)| d as usize)
        };
        exact.or_else(local).or_else(|| self.depth_by_stem(name)).map(|i| i as Depth)
    }

    fn depth_by_stem(&self, name: &str) -> Option<usize> {
        const STEM: usize = 5;
        let stem = |s: &str| fold(s).chars().take(STEM).collect::<String>();
        let key = stem(name);
        if key.chars().count() < STEM {
            return None;
        }
        let mut found = self.depth_scale.iter().enumerate().filter(|(_, d)| stem(&d.name) == key);
        match (found.next(), found.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    }

    pub fn depth_code(&self, depth: Depth) -> &str {
        self.depth_scale.get(depth as usize).map_or("?", |d| d.code.as_str())
    }

    /// The codes of the depth scale, for messages: `I, R, M`.
    pub fn depth_codes(&self) -> String {
        let codes: Vec<&str> = self.depth_scale.iter().map(|d| d.code.as_str()).collect();
        codes.join(", ")
    }
}
