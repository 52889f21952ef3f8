//! Comparing two audits made with the same standards and policy: pure functions, no I/O.
//!
//! The two sides are two catalogs (`diff OLD NEW`), or a catalog before and after a product's
//! modules join it (`fill`). Findings are matched across the sides by a stable **key**: the
//! code, the district and school by name, the pathway, standard and credential, and the
//! courses by ID; never by position or message (an index means nothing in the other catalog,
//! and a message may name a count that moved). A finding of the old side without a match in
//! the new is **closed**, one of the new side without a match in the old is **opened**; the
//! matching is of multisets, so `new = old - closed + opened` holds exactly. Pathways are
//! matched by district, school and pathway; courses by district, school and course ID.
//!
//! [`fill`] builds the catalog a product's modules make: each module joins every district in
//! the pathways it names that the district offers (`*`: all the district offers), and never
//! makes a district offer a pathway it did not. [`closers`] says which modules close a finding.

use std::cmp::Ordering;

use rustc_hash::FxHashMap;

use super::coverage::{Audit, PathwayAudit};
use super::findings::{Finding, Severity, Subject};
use super::policy::Filter;
use crate::model::{
    Alignment, Catalog, Course, CourseIdx, CredentialIdx, Depth, DetailsIdx, PathwayIdx, PathwaySet,
    StandardIdx, StandardsSet, Unit, UnitIdx, natural_cmp,
};

/// One side of a comparison: an audit and the catalog it was made of.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub audit: &'a Audit,
    pub catalog: &'a Catalog,
}

/// What identifies a finding in either audit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FindingKey<'a> {
    code: super::findings::Code,
    district: &'a str,
    school: &'a str,
    pathway: Option<PathwayIdx>,
    standard: Option<StandardIdx>,
    course: Option<&'a str>,
    second_course: Option<&'a str>,
    credential: Option<CredentialIdx>,
    /// An input problem (`invalid-input`) has no other subject than what it says.
    input: Option<&'a str>,
}

/// The key of a finding of `catalog`'s audit. What a finding says beyond what it is about (a
/// shallow standard's depth, the standards a credential still misses) is left out: a gap
/// that is still open but smaller is the same gap.
pub fn finding_key<'a>(f: &'a Finding, catalog: &'a Catalog) -> FindingKey<'a> {
    let unit = f.unit.map(|u| catalog.unit(u));
    let course = |c: CourseIdx| catalog.courses[c].id.as_str();
    let (second_course, credential, input) = match &f.subject {
        Subject::OutOfSequence { mastered, .. } => (Some(course(*mastered)), None, None),
        Subject::CredentialGap { credential, .. } => (None, Some(*credential), None),
        // Its file, line and column differ between two versions of a file; what it says does not.
        Subject::Input(d) => (None, None, Some(d.message.as_str())),
        Subject::Uncovered { .. }
        | Subject::Shallow { .. }
        | Subject::SingleCourse { .. }
        | Subject::ShortSequence { .. }
        | Subject::NoProgression(_)
        | Subject::NoCredential
        | Subject::NoWorkBasedLearning
        | Subject::Unaligned { .. }
        | Subject::BroadAlignment { .. } => (None, None, None),
    };
    FindingKey {
        code: f.code(),
        district: unit.map_or("", |u| u.district.as_str()),
        school: unit.map_or("", |u| u.school.as_str()),
        pathway: f.pathway,
        standard: f.standard(),
        course: f.course().map(course),
        second_course,
        credential,
        input,
    }
}

/// The findings that changed: indices into the old audit's findings (closed) and the new
/// one's (opened), each in its audit's order (most severe first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindingChanges {
    pub closed: Vec<usize>,
    pub opened: Vec<usize>,
    /// The new audit's findings that the old one had too.
    pub kept: Vec<usize>,
}

impl FindingChanges {
    pub fn is_empty(&self) -> bool {
        self.closed.is_empty() && self.opened.is_empty()
    }
}

/// Matches the findings of two audits by key.
pub fn finding_changes(old: Side, new: Side) -> FindingChanges {
    let (closed, _) = unmatched(old, new);
    let (opened, kept) = unmatched(new, old);
    FindingChanges { closed, opened, kept }
}

/// The findings of `of` that `against` does not have (as many times as it has them), and
/// those it does.
fn unmatched(of: Side, against: Side) -> (Vec<usize>, Vec<usize>) {
    let mut counts: FxHashMap<FindingKey, usize> = FxHashMap::default();
    for f in &against.audit.findings {
        *counts.entry(finding_key(f, against.catalog)).or_default() += 1;
    }
    let (mut missing, mut matched) = (Vec::new(), Vec::new());
    for (i, f) in of.audit.findings.iter().enumerate() {
        match counts.get_mut(&finding_key(f, of.catalog)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                matched.push(i);
            }
            _ => missing.push(i),
        }
    }
    (missing, matched)
}

/// Coverage and mastery of one pathway of one district, as percentages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measures {
    pub coverage: f64,
    /// `None` when no course of the pathway gives depths.
    pub mastery: Option<f64>,
}

impl Measures {
    pub fn of(pa: &PathwayAudit, set: &StandardsSet) -> Self {
        Measures { coverage: pa.coverage_pct(), mastery: pa.mastery_pct(set.cluster.mastery) }
    }

    /// Whether `new` is worse: less coverage, or less mastery (depths no longer given count
    /// as none mastered).
    pub fn dropped_to(self, new: Measures) -> bool {
        let mastery_drop = match (self.mastery, new.mastery) {
            (Some(old), new) => new.unwrap_or(0.0) < old,
            (None, _) => false,
        };
        new.coverage < self.coverage || mastery_drop
    }
}

/// A district's pathway on both sides: indices into each audit's pathways, `None` where the
/// side does not audit it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathwayPair {
    pub old: Option<usize>,
    pub new: Option<usize>,
}

/// Every pathway audited on either side, in natural order of district, school and pathway.
pub fn pathway_pairs(old: Side, new: Side) -> Vec<PathwayPair> {
    let key = |side: Side<'_>, i: usize| {
        let pa = &side.audit.pathways[i];
        (side.catalog.unit(pa.unit).clone(), pa.pathway)
    };
    let mut keyed: Vec<((Unit, PathwayIdx), PathwayPair)> = Vec::new();
    let mut at: FxHashMap<(Unit, PathwayIdx), usize> = FxHashMap::default();
    for (side, is_old) in [(old, true), (new, false)] {
        for i in 0..side.audit.pathways.len() {
            let k = key(side, i);
            let slot = *at.entry(k.clone()).or_insert_with(|| {
                keyed.push((k, PathwayPair { old: None, new: None }));
                keyed.len() - 1
            });
            let pair = &mut keyed[slot].1;
            if is_old { pair.old = Some(i) } else { pair.new = Some(i) }
        }
    }
    keyed.sort_by(|(a, _), (b, _)| unit_cmp(&a.0, &b.0).then(a.1.cmp(&b.1)));
    keyed.into_iter().map(|(_, pair)| pair).collect()
}

fn unit_cmp(a: &Unit, b: &Unit) -> Ordering {
    natural_cmp(&a.district, &b.district).then_with(|| natural_cmp(&a.school, &b.school))
}

/// Whether the new side is worse: a pathway audited on both sides lost coverage or mastery,
/// or a finding at or above `fail_on` opened. A pathway audited on one side only is not
/// compared: no course names it any more, or none did before.
pub fn regressed(
    old: Side,
    new: Side,
    pairs: &[PathwayPair],
    changes: &FindingChanges,
    set: &StandardsSet,
    fail_on: Option<Severity>,
) -> bool {
    let dropped = pairs.iter().any(|pair| match (pair.old, pair.new) {
        (Some(o), Some(n)) => {
            Measures::of(&old.audit.pathways[o], set).dropped_to(Measures::of(&new.audit.pathways[n], set))
        }
        _ => false,
    });
    let opened = fail_on.is_some_and(|t| changes.opened.iter().any(|&i| new.audit.findings[i].severity >= t));
    dropped || opened
}

/// A course's change between two catalogs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CourseChange {
    Added,
    Removed,
    /// Same ID, new title.
    Renamed,
    /// A new level, so a new place in the sequence.
    Resequenced,
    /// Counts for other pathways.
    Repathwayed,
    /// Alignments added, removed, deepened or made shallower, one entry each, in the order of
    /// the standards.
    Realigned(Vec<AlignmentChange>),
}

/// One alignment's change: the standard, and the depth before and after (`None` on the side
/// that lacks the alignment, `Some(None)` for an alignment without a depth).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlignmentChange {
    pub standard: StandardIdx,
    pub old: Option<Option<Depth>>,
    pub new: Option<Option<Depth>>,
}

/// The changes of one course: its index on each side that has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseDiff {
    pub old: Option<CourseIdx>,
    pub new: Option<CourseIdx>,
    pub changes: Vec<CourseChange>,
}

/// Every course that changed, in natural order of district, school and course ID; only the
/// courses the filter takes on either side.
pub fn course_changes(old: &Catalog, new: &Catalog, filter: &Filter) -> Vec<CourseDiff> {
    let taken =
        |cat: &Catalog, c: &Course| filter.unit(cat.unit(c.unit)) && filter.course_pathways(&c.pathways);
    fn key(cat: &Catalog, i: usize) -> (&Unit, &str) {
        (cat.unit(cat.courses[i].unit), cat.courses[i].id.as_str())
    }
    let mut new_at: FxHashMap<(&Unit, &str), CourseIdx> = FxHashMap::default();
    for i in (0..new.courses.len()).rev() {
        new_at.insert(key(new, i), i);
    }
    let mut out = Vec::new();
    let mut seen_new = vec![false; new.courses.len()];
    for (o, course) in old.courses.iter().enumerate() {
        let n = new_at.get(&key(old, o)).copied().filter(|&n| !std::mem::replace(&mut seen_new[n], true));
        let in_scope = taken(old, course) || n.is_some_and(|n| taken(new, &new.courses[n]));
        let changes = match n {
            Some(n) => changes(course, &new.courses[n]),
            None => vec![CourseChange::Removed],
        };
        if in_scope && !changes.is_empty() {
            out.push(CourseDiff { old: Some(o), new: n, changes });
        }
    }
    for (n, course) in new.courses.iter().enumerate() {
        if !seen_new[n] && taken(new, course) {
            out.push(CourseDiff { old: None, new: Some(n), changes: vec![CourseChange::Added] });
        }
    }
    // Units compared by rank, worked out once: a statewide diff sorts hundreds of thousands of
    // courses, and comparing district names at each step was most of its time.
    let (old_rank, new_rank) = unit_ranks(old, new);
    let rank_and_id = |d: &CourseDiff| match (d.new, d.old) {
        (Some(n), _) => (new_rank[new.courses[n].unit as usize], new.courses[n].id.as_str()),
        (None, Some(o)) => (old_rank[old.courses[o].unit as usize], old.courses[o].id.as_str()),
        (None, None) => (0, ""),
    };
    out.sort_by(|a, b| {
        let (x, y) = (rank_and_id(a), rank_and_id(b));
        x.0.cmp(&y.0).then_with(|| natural_cmp(x.1, y.1))
    });
    out
}

/// Each catalog's units' places in the natural order of both catalogs' units together (the
/// same unit has the same place on both sides).
fn unit_ranks(old: &Catalog, new: &Catalog) -> (Vec<u32>, Vec<u32>) {
    let mut all: Vec<(&Unit, bool, usize)> =
        old.units.iter().enumerate().map(|(i, u)| (u, false, i)).collect();
    all.extend(new.units.iter().enumerate().map(|(i, u)| (u, true, i)));
    all.sort_by(|a, b| unit_cmp(a.0, b.0));
    let (mut old_rank, mut new_rank) = (vec![0; old.units.len()], vec![0; new.units.len()]);
    let mut rank = 0u32;
    for (k, &(unit, is_new, i)) in all.iter().enumerate() {
        if k > 0 && all[k - 1].0 != unit {
            rank += 1;
        }
        if is_new { new_rank[i] = rank } else { old_rank[i] = rank }
    }
    (old_rank, new_rank)
}

fn changes(old: &Course, new: &Course) -> Vec<CourseChange> {
    let mut out = Vec::new();
    if old.title != new.title {
        out.push(CourseChange::Renamed);
    }
    if old.level != new.level {
        out.push(CourseChange::Resequenced);
    }
    if old.pathways != new.pathways {
        out.push(CourseChange::Repathwayed);
    }
    let realigned = alignment_changes(&old.alignments, &new.alignments);
    if !realigned.is_empty() {
        out.push(CourseChange::Realigned(realigned));
    }
    out
}

fn alignment_changes(old: &[Alignment], new: &[Alignment]) -> Vec<AlignmentChange> {
    let depth_in = |list: &[Alignment], s| list.iter().find(|a| a.standard == s).map(|a| a.depth);
    let mut standards: Vec<StandardIdx> = old.iter().chain(new).map(|a| a.standard).collect();
    standards.sort_unstable();
    standards.dedup();
    standards
        .into_iter()
        .map(|s| AlignmentChange { standard: s, old: depth_in(old, s), new: depth_in(new, s) })
        .filter(|c| c.old != c.new)
        .collect()
}

/// A catalog with product modules joined to its districts.
#[derive(Debug, Clone)]
pub struct Filled {
    pub catalog: Catalog,
    /// For each module joined (a course of `catalog` from `first_module` on): which product
    /// (its place in the list given to [`fill`]) and which of its courses it is.
    pub origin: Vec<(usize, CourseIdx)>,
    pub first_module: CourseIdx,
    /// For each unit, the modules joined to it: what [`closers`] looks at for each finding,
    /// found without a pass over the whole catalog.
    by_unit: Vec<Vec<CourseIdx>>,
}

impl Filled {
    /// The product and module a course of the filled catalog comes from, if it is one.
    pub fn module(&self, c: CourseIdx) -> Option<(usize, CourseIdx)> {
        c.checked_sub(self.first_module).map(|i| self.origin[i])
    }
}

/// Joins every module of every product to each district of `catalog` the filter takes, in the
/// pathways it names that the district offers (a course there names the pathway); `*` means
/// every pathway the district offers. A module that counts for no pathway of a district does
/// not join it.
pub fn fill(catalog: &Catalog, products: &[&Catalog], filter: &Filter) -> Filled {
    let mut filled = catalog.clone();
    let first_module = filled.courses.len();
    let mut origin = Vec::new();
    let mut by_unit: Vec<Vec<CourseIdx>> = vec![Vec::new(); catalog.units.len()];
    let offered = offered(catalog);
    for (p, product) in products.iter().enumerate() {
        let base = filled.details.len() as DetailsIdx;
        filled.details.extend(product.details.iter().cloned());
        let details: Vec<DetailsIdx> = (0..product.details.len() as DetailsIdx).map(|d| base + d).collect();
        for (u, unit) in catalog.units.iter().enumerate() {
            if !filter.unit(unit) || offered[u] == 0 {
                continue;
            }
            let units = vec![u as UnitIdx; product.units.len()];
            for (m, module) in product.courses.iter().enumerate() {
                let bits = match module.pathways {
                    PathwaySet::All => offered[u],
                    PathwaySet::Some(bits) => bits & offered[u],
                };
                if bits == 0 {
                    continue;
                }
                let mut course = module.clone().renumbered(&units, &details);
                course.pathways = PathwaySet::Some(bits);
                let at = filled.courses.len();
                for a in &module.alignments {
                    let evidence = product.evidence(m, a.standard);
                    if !evidence.is_empty() {
                        filled.evidence.insert((at, a.standard), evidence.to_string());
                    }
                }
                filled.courses.push(course);
                origin.push((p, m));
                by_unit[u].push(at);
            }
        }
    }
    Filled { catalog: filled, origin, first_module, by_unit }
}

/// For each unit, the pathways some course of it names, as bits.
fn offered(catalog: &Catalog) -> Vec<u64> {
    let mut bits = vec![0u64; catalog.units.len()];
    for c in &catalog.courses {
        if let PathwaySet::Some(b) = c.pathways {
            bits[c.unit as usize] |= b;
        }
    }
    bits
}

/// The modules of `filled` that close `f`, a finding of the catalog before it was filled (the
/// units are the same on both): those joined to the finding's district and pathway that give
/// what it lacked. For a standard, an alignment counted for it (to mastery, for
/// `shallow-coverage`); for a short sequence, any module; for no progression, one with a
/// level; for no credential, one with a credential; for a credential gap, one that covers a
/// standard the credential misses; for no work-based learning, one that includes it.
/// Findings about a district's own course or input are closed by no module.
pub fn closers(f: &Finding, filled: &Filled, set: &StandardsSet) -> Vec<CourseIdx> {
    let (Some(unit), Some(pathway)) = (f.unit, f.pathway) else {
        return Vec::new();
    };
    let courses = &filled.catalog.courses;
    let Some(joined) = filled.by_unit.get(unit as usize) else {
        return Vec::new();
    };
    let counts_for = |c: &Course, s: StandardIdx, depth: Option<Depth>| {
        c.alignments.iter().any(|a| set.counted_as(a.standard) == Some(s) && a.depth >= depth)
    };
    let closes = |c: &Course| match &f.subject {
        Subject::Uncovered { standard }
        | Subject::SingleCourse { standard, .. }
        | Subject::OutOfSequence { standard, .. } => counts_for(c, *standard, None),
        Subject::Shallow { standard, .. } => counts_for(c, *standard, Some(set.cluster.mastery)),
        Subject::ShortSequence { .. } => true,
        Subject::NoProgression(_) => c.level.is_some(),
        Subject::NoCredential => !c.credentials.is_empty(),
        Subject::CredentialGap { missing, .. } => {
            c.alignments.iter().any(|a| set.counted_as(a.standard).is_some_and(|s| missing.contains(&s)))
        }
        Subject::NoWorkBasedLearning => !c.wbl.is_empty(),
        Subject::Unaligned { .. } | Subject::BroadAlignment { .. } | Subject::Input(_) => false,
    };
    joined.iter().copied().filter(|&c| courses[c].pathways.contains(pathway) && closes(&courses[c])).collect()
}
