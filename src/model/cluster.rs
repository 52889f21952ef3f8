//! The cluster: its pathways (programs of study), the credentials they lead to, and the depth
//! scale that alignments are graded on.

use super::standards::StandardIdx;

/// Index of a pathway in [`Cluster::pathways`].
pub type PathwayIdx = usize;
/// Index of a credential in [`Cluster::credentials`].
pub type CredentialIdx = usize;
/// A depth, as an index into [`Cluster::depth_scale`]: 0 is the lowest (Introduced).
pub type Depth = u8;

#[derive(Debug, Clone)]
pub struct Cluster {
    pub id: String,
    pub title: String,
    pub pathways: Vec<Pathway>,
    pub credentials: Vec<Credential>,
    /// Ordered levels of depth, lowest first.
    pub depth_scale: Vec<DepthLevel>,
    /// The depth a standard must reach to count as mastered.
    pub mastery: Depth,
}

#[derive(Debug, Clone)]
pub struct Pathway {
    pub id: String,
    pub title: String,
    pub aliases: Vec<String>,
    /// The framework (by prefix) that holds this pathway's competencies.
    pub framework: String,
}

#[derive(Debug, Clone)]
pub struct Credential {
    pub id: String,
    pub title: String,
    pub issuer: String,
    pub pathways: Vec<PathwayIdx>,
    pub requires: Vec<StandardIdx>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepthLevel {
    pub code: String,
    pub name: String,
}

/// Lower-cases and drops everything but letters and digits: how pathway and credential names
/// are matched ("Health Informatics", "health-informatics" and "HEALTHINFORMATICS" agree).
fn fold(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

impl Cluster {
    /// Finds a pathway by ID, title or alias.
    pub fn pathway(&self, name: &str) -> Option<PathwayIdx> {
        let key = fold(name);
        if key.is_empty() {
            return None;
        }
        self.pathways.iter().position(|p| {
            fold(&p.id) == key || fold(&p.title) == key || p.aliases.iter().any(|a| fold(a) == key)
        })
    }

    /// The IDs of a course's pathways as a catalog would write them: `*`, or the IDs named.
    pub fn pathway_ids(&self, set: super::PathwaySet) -> Vec<&str> {
        match set.named() {
            None => vec!["*"],
            Some(named) => named.map(|p| self.pathways[p].id.as_str()).collect(),
        }
    }

    /// Finds a credential by ID or title.
    pub fn credential(&self, name: &str) -> Option<CredentialIdx> {
        let key = fold(name);
        if key.is_empty() {
            return None;
        }
        self.credentials.iter().position(|c| fold(&c.id) == key || fold(&c.title) == key)
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
        exact.or_else(|| self.depth_by_stem(name)).map(|i| i as Depth)
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
