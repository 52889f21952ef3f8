//! Frameworks and their standards, and the loaded **standards set** that owns them all.
//!
//! A standard's ID is `PREFIX-code` (`FS-1.1`); its **tree depth** is 1 for a top-level
//! standard, 2 for its children, and so on. Each framework counts coverage at one tree depth,
//! its **coverage depth** (the foundation standards count at the sub-standard, `FS-1.1`).
//! A **crosswalk** maps standards of one framework to another's ([`Crosswalk`]), so that an
//! alignment to one is **credited** to the other.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::cluster::{Cluster, Depth, PathwayIdx};
use super::natural::natural_cmp;

/// Index of a standard in [`StandardsSet::standards`].
pub type StandardIdx = u32;
/// Index of a framework in [`StandardsSet::frameworks`].
pub type FrameworkIdx = usize;

/// Which pathways a framework applies to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AppliesTo {
    All,
    Pathways(Vec<PathwayIdx>),
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Framework {
    pub id: String,
    pub title: String,
    pub version: String,
    pub source: String,
    pub attribution: String,
    pub applies_to: AppliesTo,
    pub coverage_depth: u8,
    pub legacy_codes: bool,
    /// The file it was loaded from, for messages.
    pub file: String,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Standard {
    pub id: String,
    pub code: String,
    pub title: String,
    pub statement: Option<String>,
    pub keywords: Vec<String>,
    /// Its CASE identifier (a UUID) when it was imported from a CASE package: looked up like
    /// an ID, so a vendor can align by UUID.
    pub uuid: Option<String>,
    pub framework: FrameworkIdx,
    pub parent: Option<StandardIdx>,
    pub children: Vec<StandardIdx>,
    /// Tree depth: 1 for a top-level standard.
    pub depth: u8,
}

/// The result of looking up a user-written standard ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Found(StandardIdx),
    /// Found by reading a 2015-style NCHSE code (`1.11` as `1.1.1`).
    Legacy(StandardIdx),
    NotFound {
        suggestion: Option<String>,
    },
}

/// Everything a standards directory defines, validated and cross-referenced.
#[derive(Debug, Clone)]
pub struct StandardsSet {
    pub cluster: Cluster,
    pub frameworks: Vec<Framework>,
    /// Every standard, in natural order: by framework (those that apply to all pathways first),
    /// then by code, so `FS-2` comes before `FS-10`.
    pub standards: Vec<Standard>,
    index: FxHashMap<String, StandardIdx>,
    /// Standards by their ID exactly as the set spells it: the fast path for well-formed input.
    exact: FxHashMap<String, StandardIdx>,
    /// For each pathway, the required standards: those at their framework's coverage depth, of
    /// every framework that applies to the pathway, in natural order.
    required: Vec<Vec<StandardIdx>>,
    /// For each pathway and standard, the standard's place in `required`, if required: the
    /// audit asks this for every alignment of every course.
    required_pos: Vec<Vec<Option<u32>>>,
    /// For each standard, what [`counted_as`](Self::counted_as) answers, worked out once.
    counted: Vec<Option<StandardIdx>>,
    /// The crosswalk between frameworks, by `from` then `to` (see [`Crosswalk`]).
    crosswalk: Vec<Crosswalk>,
    /// For each standard, where its entries start in `crosswalk` (one more entry at the end);
    /// empty when there is no crosswalk.
    crosswalk_start: Vec<u32>,
    /// Every standard's ID folded for the did-you-mean, once per set (on the first unknown ID)
    /// instead of once per unknown ID.
    folded: OnceLock<crate::suggest::Folded>,
}

/// How a crosswalk entry relates its two standards, and the credit it gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Relation {
    /// The same competency: an alignment to `from` counts for `to` at the same depth.
    Exact,
    /// Part of it: counts for `to`, at most at the entry's cap.
    Partial,
    /// Listed beside it, no credit.
    Related,
}

impl Relation {
    /// The relations as written in a crosswalk file, lowest credit last.
    pub const ALL: [Relation; 3] = [Relation::Exact, Relation::Partial, Relation::Related];

    pub fn name(self) -> &'static str {
        match self {
            Relation::Exact => "exact",
            Relation::Partial => "partial",
            Relation::Related => "related",
        }
    }

    /// Reads a relation as written, case-insensitively.
    pub fn parse(text: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// One entry of a **crosswalk**: a standard of one framework (`ST-4.2`, a state's) mapped to a
/// standard of another (`FS-7.1`). An alignment to `from` is then **credited** to `to` (see
/// [`credit`](Self::credit)); one hop only: `to`'s own entries credit nothing further.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Crosswalk {
    pub from: StandardIdx,
    pub to: StandardIdx,
    pub relation: Relation,
    /// For [`Relation::Partial`]: the highest depth it credits.
    pub cap: Option<Depth>,
}

impl Crosswalk {
    /// The depth an alignment to `from` at `depth` credits `to` with; `None` when the entry
    /// gives no credit (`related`). An alignment that gives no depth credits none.
    pub fn credit(&self, depth: Option<Depth>) -> Option<Option<Depth>> {
        match self.relation {
            Relation::Exact => Some(depth),
            Relation::Partial => Some(match self.cap {
                Some(cap) => depth.map(|d| d.min(cap)),
                None => depth,
            }),
            Relation::Related => None,
        }
    }
}

/// The key a standard ID is matched by: upper case, with spaces, `-` and `_` removed, so that
/// `fs 1.1`, `FS1.1` and `FS-1.1` all match `FS-1.1`.
pub fn normalize_id(id: &str) -> String {
    if id.is_ascii() {
        // Byte by byte: the same answer for ASCII, without the case tables (an ID is
        // normalized for every alignment read).
        let mut key = String::with_capacity(id.len());
        let kept = id.bytes().filter(|b| !matches!(b, b' ' | b'-' | b'_' | b'\t'));
        key.extend(kept.map(|b| char::from(b.to_ascii_uppercase())));
        return key;
    }
    id.chars().filter(|c| !matches!(c, ' ' | '-' | '_' | '\t')).flat_map(char::to_uppercase).collect()
}

impl StandardsSet {
    /// Builds the set from standards in tree order (parents before children, with `parent` and
    /// `children` indices into `standards`). Sorts them into natural order and builds the
    /// indices. The caller has already rejected duplicate IDs.
    pub fn new(cluster: Cluster, frameworks: Vec<Framework>, standards: Vec<Standard>) -> Self {
        let mut order: Vec<usize> = (0..standards.len()).collect();
        let fw_rank = |f: FrameworkIdx| (frameworks[f].applies_to != AppliesTo::All, f);
        order.sort_by(|&a, &b| {
            let (x, y) = (&standards[a], &standards[b]);
            fw_rank(x.framework).cmp(&fw_rank(y.framework)).then_with(|| natural_cmp(&x.code, &y.code))
        });
        let mut new_pos = vec![0 as StandardIdx; standards.len()];
        for (pos, &old) in order.iter().enumerate() {
            new_pos[old] = pos as StandardIdx;
        }
        let mut slots: Vec<Option<Standard>> = standards.into_iter().map(Some).collect();
        let standards: Vec<Standard> = order
            .iter()
            .filter_map(|&old| slots[old].take())
            .map(|mut s| {
                s.parent = s.parent.map(|p| new_pos[p as usize]);
                s.children.iter_mut().for_each(|c| *c = new_pos[*c as usize]);
                s.children.sort_unstable();
                s
            })
            .collect();
        let mut index: FxHashMap<String, StandardIdx> =
            standards.iter().enumerate().map(|(i, s)| (normalize_id(&s.id), i as StandardIdx)).collect();
        // A CASE identifier is found like an ID: normalized, a UUID is 32 hex digits, which no
        // `PREFIX-code` ID of ours normalizes to in practice; an ID, if one did, wins.
        for (i, s) in standards.iter().enumerate() {
            if let Some(uuid) = &s.uuid {
                index.entry(normalize_id(uuid)).or_insert(i as StandardIdx);
            }
        }
        let exact = standards.iter().enumerate().map(|(i, s)| (s.id.clone(), i as StandardIdx)).collect();
        let mut set = StandardsSet {
            cluster,
            frameworks,
            standards,
            index,
            exact,
            required: Vec::new(),
            required_pos: Vec::new(),
            counted: Vec::new(),
            crosswalk: Vec::new(),
            crosswalk_start: Vec::new(),
            folded: OnceLock::new(),
        };
        set.required = (0..set.cluster.pathways.len()).map(|p| set.compute_required(p)).collect();
        set.required_pos = set
            .required
            .iter()
            .map(|req| {
                let mut pos = vec![None; set.standards.len()];
                req.iter().enumerate().for_each(|(i, &s)| pos[s as usize] = Some(i as u32));
                pos
            })
            .collect();
        set.counted = (0..set.standards.len() as StandardIdx).map(|i| set.compute_counted_as(i)).collect();
        set
    }

    /// Sets the crosswalk (validated: both ends known, no entry within one framework, no
    /// cycle), kept in order of `from`, then `to`.
    pub fn set_crosswalk(&mut self, mut entries: Vec<Crosswalk>) {
        entries.sort_by_key(|c| (c.from, c.to));
        self.crosswalk_start = Vec::new();
        if !entries.is_empty() {
            let mut start = vec![0u32; self.standards.len() + 1];
            entries.iter().for_each(|c| start[c.from as usize + 1] += 1);
            (1..start.len()).for_each(|i| start[i] += start[i - 1]);
            self.crosswalk_start = start;
        }
        self.crosswalk = entries;
    }

    /// Every crosswalk entry, by `from`, then `to`.
    pub fn crosswalk(&self) -> &[Crosswalk] {
        &self.crosswalk
    }

    /// The crosswalk entries from one standard.
    pub fn crosswalk_from(&self, idx: StandardIdx) -> &[Crosswalk] {
        match (self.crosswalk_start.get(idx as usize), self.crosswalk_start.get(idx as usize + 1)) {
            (Some(&a), Some(&b)) => &self.crosswalk[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Whether some crosswalk entry gives credit (`exact` or `partial`): only then do the
    /// reports say how much coverage is credited.
    pub fn crosswalk_credits(&self) -> bool {
        self.crosswalk.iter().any(|c| c.relation != Relation::Related)
    }

    /// Where a standard stands in a pathway's [`required`](Self::required) list; `None` when
    /// the pathway does not require it.
    pub fn required_position(&self, pathway: PathwayIdx, standard: StandardIdx) -> Option<usize> {
        self.required_pos[pathway][standard as usize].map(|p| p as usize)
    }

    fn compute_required(&self, pathway: PathwayIdx) -> Vec<StandardIdx> {
        (0..self.standards.len() as StandardIdx)
            .filter(|&i| {
                let s = self.standard(i);
                let fw = &self.frameworks[s.framework];
                s.depth == fw.coverage_depth && fw.applies(pathway)
            })
            .collect()
    }

    pub fn standard(&self, idx: StandardIdx) -> &Standard {
        &self.standards[idx as usize]
    }

    pub fn framework_of(&self, idx: StandardIdx) -> &Framework {
        &self.frameworks[self.standard(idx).framework]
    }

    /// The required standards of a pathway, in natural order.
    pub fn required(&self, pathway: PathwayIdx) -> &[StandardIdx] {
        &self.required[pathway]
    }

    /// Finds a framework by its prefix, case-insensitively.
    pub fn framework_by_id(&self, id: &str) -> Option<FrameworkIdx> {
        self.frameworks.iter().position(|f| f.id.eq_ignore_ascii_case(id.trim()))
    }

    /// Looks up a standard ID as a user wrote it.
    pub fn lookup(&self, id: &str) -> Lookup {
        self.find(id).unwrap_or_else(|| Lookup::NotFound { suggestion: self.suggest(id) })
    }

    /// [`lookup`](Self::lookup) without the suggestion for an unknown ID (`None`), which
    /// compares it with every standard: callers that meet the same unknown ID on many rows
    /// remember the suggestion instead.
    pub fn find(&self, id: &str) -> Option<Lookup> {
        if let Some(&i) = self.exact.get(id) {
            return Some(Lookup::Found(i));
        }
        let key = normalize_id(id);
        if let Some(&i) = self.index.get(&key) {
            return Some(Lookup::Found(i));
        }
        self.lookup_legacy(&key).map(Lookup::Legacy)
    }

    /// The known standard ID closest to an unknown one, when it is a plausible typo.
    pub fn suggest(&self, id: &str) -> Option<String> {
        let ids = || self.standards.iter().map(|s| s.id.as_str());
        self.folded.get_or_init(|| crate::suggest::Folded::new(ids())).closest(id, ids())
    }

    /// Reads NCHSE codes in frameworks that accept them (`legacy_codes: true`): a code with no
    /// prefix (`1.1.1` as `FS-1.1.1`), and the 2015 numbering, where the second segment joined
    /// the sub-standard digit and the objective number (`1.11` as `FS-1.1.1`).
    fn lookup_legacy(&self, key: &str) -> Option<StandardIdx> {
        self.frameworks.iter().filter(|f| f.legacy_codes).find_map(|f| {
            let prefix = normalize_id(&f.id);
            let code = match key.strip_prefix(&prefix) {
                Some(code) => code,
                None if key.starts_with(|c: char| c.is_ascii_digit()) => key,
                None => return None,
            };
            if let Some(&i) = self.index.get(&format!("{prefix}{code}")) {
                return Some(i);
            }
            let (major, rest) = code.split_once('.')?;
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            if !digits(major) || !digits(rest) || rest.len() < 2 {
                return None;
            }
            let (sub, objective) = rest.split_at(1);
            self.index.get(&format!("{prefix}{major}.{sub}.{objective}")).copied()
        })
    }

    /// The standard a coverage count goes to: the standard itself at its framework's coverage
    /// depth, its ancestor there when deeper, and `None` when it sits above that depth (too
    /// broad to count).
    pub fn counted_as(&self, idx: StandardIdx) -> Option<StandardIdx> {
        self.counted[idx as usize]
    }

    fn compute_counted_as(&self, idx: StandardIdx) -> Option<StandardIdx> {
        let target = self.framework_of(idx).coverage_depth;
        let mut cur = idx;
        loop {
            let s = self.standard(cur);
            if s.depth == target {
                return Some(cur);
            }
            if s.depth < target {
                return None;
            }
            cur = s.parent?;
        }
    }

    /// The standards at coverage depth that a reference to `idx` stands for: its counted
    /// standard, or, for a standard above the coverage depth, all its descendants there.
    pub fn counted_descendants(&self, idx: StandardIdx) -> Vec<StandardIdx> {
        if let Some(c) = self.counted_as(idx) {
            return vec![c];
        }
        let mut out = Vec::new();
        let mut stack = vec![idx];
        while let Some(cur) = stack.pop() {
            let s = self.standard(cur);
            if self.counted_as(cur) == Some(cur) {
                out.push(cur);
            } else {
                stack.extend(s.children.iter().copied());
            }
        }
        out.sort_unstable();
        out
    }

    /// `ancestor` is `idx` or one of its ancestors.
    pub fn is_within(&self, idx: StandardIdx, ancestor: StandardIdx) -> bool {
        let mut cur = Some(idx);
        while let Some(c) = cur {
            if c == ancestor {
                return true;
            }
            cur = self.standard(c).parent;
        }
        false
    }

    /// The chain from the top-level standard down to `idx`'s parent.
    pub fn ancestors(&self, idx: StandardIdx) -> Vec<StandardIdx> {
        let mut out = Vec::new();
        let mut cur = self.standard(idx).parent;
        while let Some(c) = cur {
            out.push(c);
            cur = self.standard(c).parent;
        }
        out.reverse();
        out
    }

    /// The standards of one framework, in natural (tree pre-order by code) order.
    pub fn framework_standards(&self, fw: FrameworkIdx) -> impl Iterator<Item = StandardIdx> + '_ {
        (0..self.standards.len() as StandardIdx).filter(move |&i| self.standard(i).framework == fw)
    }
}

impl Framework {
    pub fn applies(&self, pathway: PathwayIdx) -> bool {
        match &self.applies_to {
            AppliesTo::All => true,
            AppliesTo::Pathways(p) => p.contains(&pathway),
        }
    }
}

#[cfg(test)]
mod tests {
    /// The byte-by-byte way for ASCII IDs gives what the general way gives, for every ASCII
    /// character alone and inside an ID.
    #[test]
    fn normalize_id_of_ascii_is_the_general_answer() {
        let general = |id: &str| -> String {
            id.chars().filter(|c| !matches!(c, ' ' | '-' | '_' | '\t')).flat_map(char::to_uppercase).collect()
        };
        for c in (0..128u8).map(char::from) {
            for id in [c.to_string(), format!("fs-{c}1.1_a b\tz")] {
                assert_eq!(super::normalize_id(&id), general(&id), "{id:?}");
            }
        }
        assert_eq!(super::normalize_id("fs-1.1é"), "FS1.1É");
    }
}
