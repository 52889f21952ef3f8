//! Coverage of each pathway's required standards, per unit (district or school).
//!
//! A course covers a standard through its alignments, **directly**, or **credited** through the
//! set's crosswalk: an alignment to `ST-4.2` that the crosswalk maps to `FS-7.1` counts for
//! `FS-7.1` as an alignment to it would (`exact`: at the same depth; `partial`: at most at the
//! entry's cap; `related`: not at all). One hop only: `FS-7.1`'s own entries credit nothing
//! further, so a chain `A -> B -> C` credits `B` from `A`, never `C`. For one course and one
//! standard the deeper of a direct and a credited count wins, and on a tie the direct one; a
//! credited count keeps its path ([`Via`]) for the reports.

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::{
    Alignment, Catalog, CourseIdx, CredentialIdx, Depth, PathwayIdx, Relation, StandardIdx, StandardsSet,
    UnitIdx, natural_cmp,
};

use super::findings::{self, Finding};
use super::policy::{Filter, Policy, PolicyFailure};

/// Whether the audit lists, for each required standard, every course that counts for it.
/// Only `coverage --detail` and `matrix` show those lists; the findings need no more than
/// [`StandardCoverage`]'s summary, and on a statewide file the lists are millions of entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Listing {
    /// The findings are only counted (`coverage` without `--detail`): each unit's are left in
    /// the order the audit finds them, not sorted.
    Counts,
    #[default]
    Summary,
    Courses,
}

/// One required standard in one pathway of one unit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StandardCoverage {
    pub standard: StandardIdx,
    /// How many courses count for it.
    pub count: usize,
    /// The first course, in sequence order, that counts for it.
    pub first: Option<CourseIdx>,
    /// The highest depth any course gives; `None` when none gives a depth.
    depth: Option<Depth>,
    /// The lowest-level course that masters it (the first in sequence order), with its level.
    pub mastered_in: Option<(CourseIdx, u8)>,
    /// The highest-level course that only introduces it (the last in sequence order), with its
    /// level.
    pub introduced_in: Option<(CourseIdx, u8)>,
    /// The courses that count for it, in sequence order, with the depth each gives: listed only
    /// when the audit was asked for them ([`Listing::Courses`]), empty otherwise.
    pub courses: Vec<(CourseIdx, Option<Depth>)>,
    /// The courses that count for it only through the crosswalk, in sequence order, with the
    /// path of each; always listed (empty without a crosswalk).
    pub credited: Vec<(CourseIdx, Via)>,
}

/// The path of a count credited through the crosswalk: the standard the entry maps from
/// (the course's aligned standard, or the one it counts as), and the entry's relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Via {
    pub standard: StandardIdx,
    pub relation: Relation,
}

/// A standard an alignment reaches through the crosswalk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Credit {
    /// The entry's `to` standard.
    pub standard: StandardIdx,
    /// The depth credited; `None` when the alignment gives none, or for `related`.
    pub depth: Option<Depth>,
    pub via: Via,
    /// Whether it counts (`exact`, `partial`); a `related` entry is listed only.
    pub counts: bool,
}

/// The crosswalk entries an alignment reaches, one hop: those from its standard, then, when it
/// is deeper than its framework's coverage depth, those from the standard it counts as.
pub fn crosswalked<'s>(set: &'s StandardsSet, a: &Alignment) -> impl Iterator<Item = Credit> + 's {
    let counted = set.counted_as(a.standard).filter(|&c| c != a.standard);
    let depth = a.depth;
    let entries = set.crosswalk_from(a.standard).iter();
    entries.chain(counted.map_or(&[][..], |c| set.crosswalk_from(c))).map(move |c| {
        let credit = c.credit(depth);
        Credit {
            standard: c.to,
            depth: credit.flatten(),
            via: Via { standard: c.from, relation: c.relation },
            counts: credit.is_some(),
        }
    })
}

impl StandardCoverage {
    pub fn covered(&self) -> bool {
        self.count > 0
    }

    /// The highest depth any course gives; `None` when none gives a depth.
    pub fn depth(&self) -> Option<Depth> {
        self.depth
    }

    /// Whether the depth reaches `mastery`; `None` when the depth is unknown (not judged).
    pub fn mastered(&self, mastery: Depth) -> Option<bool> {
        self.depth().map(|d| d >= mastery)
    }

    /// Counts one course (visited in sequence order, once) at the depth it gives, directly or
    /// through the crosswalk (`via`).
    fn add(
        &mut self,
        course: CourseIdx,
        level: Option<u8>,
        (depth, via): Target,
        mastery: Depth,
        listing: Listing,
    ) {
        self.count += 1;
        self.first.get_or_insert(course);
        self.depth = self.depth.max(depth);
        if let Some(level) = level {
            if depth.is_some_and(|d| d >= mastery) && self.mastered_in.is_none_or(|(_, l)| level < l) {
                self.mastered_in = Some((course, level));
            }
            if depth == Some(0) && self.introduced_in.is_none_or(|(_, l)| level >= l) {
                self.introduced_in = Some((course, level));
            }
        }
        if listing == Listing::Courses {
            self.courses.push((course, depth));
        }
        if let Some(via) = via {
            self.credited.push((course, via));
        }
    }

    /// Whether every course that counts for it does so through the crosswalk alone.
    pub fn only_credited(&self) -> bool {
        self.covered() && self.credited.len() == self.count
    }
}

/// The depth a course gives a standard, and its path when credited through the crosswalk.
type Target = (Option<Depth>, Option<Via>);

#[derive(Debug, Clone, PartialEq)]
pub struct PathwayAudit {
    pub unit: UnitIdx,
    pub pathway: PathwayIdx,
    /// The courses that count for the pathway, in sequence order (level, then course ID).
    pub courses: Vec<CourseIdx>,
    /// Every required standard, in natural order.
    pub standards: Vec<StandardCoverage>,
    /// Every standard at coverage depth that some course of the pathway counts for, required
    /// or not (credential requirements may reach outside the pathway's frameworks).
    pub counted: Vec<StandardIdx>,
    /// Credentials some course of the pathway prepares for.
    pub credentials: Vec<CredentialIdx>,
    /// Kinds of work-based learning some course of the pathway includes.
    pub wbl: Vec<&'static str>,
}

/// A standard above its framework's coverage depth (`FS-7`), rolled up from the required
/// standards under it: how many of them are covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RollUp {
    pub standard: StandardIdx,
    pub covered: usize,
    pub required: usize,
}

impl PathwayAudit {
    pub fn required(&self) -> usize {
        self.standards.len()
    }

    /// Every standard above the coverage depth that has required standards under it, parents
    /// before their children (the set's order): covered children out of all children.
    pub fn rollup(&self, set: &StandardsSet) -> Vec<RollUp> {
        let mut parents: std::collections::BTreeMap<StandardIdx, RollUp> = Default::default();
        for sc in &self.standards {
            for a in set.ancestors(sc.standard) {
                let r = parents.entry(a).or_insert(RollUp { standard: a, covered: 0, required: 0 });
                r.required += 1;
                r.covered += usize::from(sc.covered());
            }
        }
        parents.into_values().collect()
    }

    pub fn covered(&self) -> usize {
        self.standards.iter().filter(|s| s.covered()).count()
    }

    pub fn mastered(&self, mastery: Depth) -> usize {
        self.standards.iter().filter(|s| s.mastered(mastery) == Some(true)).count()
    }

    /// Covered standards that no course covers directly, only through the crosswalk.
    pub fn only_credited(&self) -> usize {
        self.standards.iter().filter(|s| s.only_credited()).count()
    }

    /// Covered out of required, as a percentage (100 when nothing is required).
    pub fn coverage_pct(&self) -> f64 {
        pct(self.covered(), self.required())
    }

    /// Mastered out of required, as a percentage; `None` when no course gives any depth.
    pub fn mastery_pct(&self, mastery: Depth) -> Option<f64> {
        let judged = self.standards.iter().any(|s| s.depth().is_some());
        judged.then(|| pct(self.mastered(mastery), self.required()))
    }
}

fn pct(part: usize, whole: usize) -> f64 {
    if whole == 0 { 100.0 } else { part as f64 * 100.0 / whole as f64 }
}

/// The whole audit: every audited pathway of every unit, and the findings, most severe first.
#[derive(Debug, Clone, PartialEq)]
pub struct Audit {
    pub pathways: Vec<PathwayAudit>,
    pub findings: Vec<Finding>,
}

/// Audits every unit of the catalog. A pathway is audited in a unit when at least one course
/// there names it (courses marked `*` alone do not make a district offer a pathway).
/// `input_errors` are the input problems a lenient run left out; each becomes a finding.
pub fn audit(
    catalog: &Catalog,
    set: &StandardsSet,
    filter: &Filter,
    policy: &Policy,
    input_errors: &[Diagnostic],
    listing: Listing,
) -> Audit {
    let units = audited_units(catalog, filter);
    let (pathways, mut findings) = audit_units(catalog, set, filter, &units, listing, PARALLEL_COURSES);
    findings.extend(findings::course_findings(catalog, set, filter));
    findings.extend(input_errors.iter().map(findings::input_finding));
    let findings = policy.apply(findings, catalog);
    Audit { pathways, findings }
}

/// The units the filter lets in, each with its courses, in unit order.
fn audited_units(catalog: &Catalog, filter: &Filter) -> Vec<(UnitIdx, Vec<CourseIdx>)> {
    catalog.courses_by_unit().into_iter().filter(|(u, _)| filter.unit(catalog.unit(*u))).collect()
}

/// One unit's part of the audit: its audited pathways, and its findings (the pathways' and
/// its courses'), in the order [`audit`] gives them (with [`Listing::Counts`], in the order
/// they were found).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitAudit {
    pub pathways: Vec<PathwayAudit>,
    pub findings: Vec<Finding>,
}

/// [`audit`] one unit at a time, in unit order, for a caller that writes each unit's part out
/// and lets it go: a statewide file's findings and per-standard coverage are never all held.
/// Input problems (which belong to no unit) are left to the caller. Taken severity by
/// severity, the units' findings in unit order are exactly [`audit`]'s, whose order is by
/// severity first, then unit (with [`Listing::Counts`], the same findings, each unit's in the
/// order they were found). Units are audited a batch at a time on every core.
pub fn audit_by_unit(
    catalog: &Catalog,
    set: &StandardsSet,
    filter: &Filter,
    policy: &Policy,
    listing: Listing,
    each: impl FnMut(UnitAudit),
) {
    audit_by_unit_from(catalog, set, filter, policy, listing, PARALLEL_COURSES, each);
}

/// [`audit_by_unit`], on every core from `parallel_from` courses.
fn audit_by_unit_from(
    catalog: &Catalog,
    set: &StandardsSet,
    filter: &Filter,
    policy: &Policy,
    listing: Listing,
    parallel_from: usize,
    mut each: impl FnMut(UnitAudit),
) {
    let units = audited_units(catalog, filter);
    let parallel = units.iter().map(|(_, c)| c.len()).sum::<usize>() >= parallel_from;
    let auditor = || UnitAuditor::new(set, filter, policy, listing);
    let one = |auditor: &mut UnitAuditor, (unit, courses): &(UnitIdx, Vec<CourseIdx>)| {
        auditor.audit(catalog, *unit, courses)
    };
    if !parallel {
        let mut auditor = auditor();
        units.iter().for_each(|u| each(one(&mut auditor, u)));
        return;
    }
    for batch in units.chunks(UNITS_PER_BATCH) {
        let audited: Vec<UnitAudit> = batch.par_iter().map_init(auditor, one).collect();
        audited.into_iter().for_each(&mut each);
    }
}

/// Audits one unit after another, with working space reused between them: for a caller that
/// holds one unit's courses at a time (`audit_by_unit`, or a catalog read unit by unit).
pub struct UnitAuditor<'a> {
    set: &'a StandardsSet,
    filter: &'a Filter,
    policy: &'a Policy,
    scratch: Scratch,
}

impl<'a> UnitAuditor<'a> {
    pub fn new(set: &'a StandardsSet, filter: &'a Filter, policy: &'a Policy, listing: Listing) -> Self {
        UnitAuditor { set, filter, policy, scratch: Scratch::new(set, listing) }
    }

    /// The unit's part of the audit: `courses` are its courses in `catalog`, in file order.
    pub fn audit(&mut self, catalog: &Catalog, unit: UnitIdx, courses: &[CourseIdx]) -> UnitAudit {
        let (set, filter) = (self.set, self.filter);
        let (pathways, mut findings) = audit_unit(catalog, set, filter, unit, courses, &mut self.scratch);
        findings.extend(findings::unit_course_findings(catalog, set, filter, courses));
        let findings = match self.scratch.listing {
            Listing::Counts => self.policy.apply_unordered(findings),
            Listing::Summary | Listing::Courses => self.policy.apply(findings, catalog),
        };
        UnitAudit { pathways, findings }
    }
}

/// What [`audit_in_parts`] leaves once every part is handed on: how many pathways were audited,
/// and why the run fails, as [`Policy::failures`] of the whole audit says it.
#[derive(Debug, Clone, PartialEq)]
pub struct PartsAudited {
    pub pathways: usize,
    pub failures: Vec<PolicyFailure>,
}

/// [`audit_by_unit`], then the input problems a lenient run left out (`input_errors`) as a
/// last part with no pathway, each part handed to `each` as its pathways and findings; and
/// the policy's verdict on them all. Taken severity by severity, the parts' findings are
/// [`audit`]'s, in its order (but for [`Listing::Counts`], as [`audit_by_unit`] says).
pub fn audit_in_parts(
    catalog: &Catalog,
    set: &StandardsSet,
    filter: &Filter,
    policy: &Policy,
    input_errors: &[Diagnostic],
    listing: Listing,
    mut each: impl FnMut(&[PathwayAudit], &[Finding]),
) -> PartsAudited {
    let mut tally = Tally::new(set, policy);
    audit_by_unit(catalog, set, filter, policy, listing, |unit| {
        tally.unit(&unit);
        each(&unit.pathways, &unit.findings);
    });
    let inputs = tally.inputs(input_errors, catalog);
    each(&[], &inputs);
    tally.finish()
}

/// The policy's verdict on an audit handed out in parts (one unit's after another, then the
/// input problems), counted as the parts go by.
pub struct Tally<'a> {
    set: &'a StandardsSet,
    policy: &'a Policy,
    pathways: usize,
    failures: Vec<PolicyFailure>,
    /// Findings at or above the policy's `fail_on` severity.
    failing: usize,
}

impl<'a> Tally<'a> {
    pub fn new(set: &'a StandardsSet, policy: &'a Policy) -> Self {
        Tally { set, policy, pathways: 0, failures: Vec::new(), failing: 0 }
    }

    /// Counts a unit's part.
    pub fn unit(&mut self, unit: &UnitAudit) {
        self.pathways += unit.pathways.len();
        self.failures.extend(self.policy.pathway_failures(&unit.pathways, self.set));
        self.count(&unit.findings);
    }

    /// The last part: the input problems a lenient run left out, as findings, counted.
    pub fn inputs(&mut self, input_errors: &[Diagnostic], catalog: &Catalog) -> Vec<Finding> {
        let inputs = self.policy.apply(input_errors.iter().map(findings::input_finding).collect(), catalog);
        self.count(&inputs);
        inputs
    }

    fn count(&mut self, findings: &[Finding]) {
        let fail_on = self.policy.fail_on;
        self.failing += findings.iter().filter(|f| fail_on.is_some_and(|at| f.severity >= at)).count();
    }

    /// How many pathways were audited, and why the run fails.
    pub fn finish(mut self) -> PartsAudited {
        let failing = self.failing;
        self.failures.splice(0..0, self.policy.findings_failure(|_| failing));
        PartsAudited { pathways: self.pathways, failures: self.failures }
    }
}

/// Units audited at once by [`audit_by_unit`] on a large file: enough to keep both cores
/// busy, few enough that their findings are a small part of the run's memory.
const UNITS_PER_BATCH: usize = 64;

/// Catalogs with at least this many courses are audited on every core, unit by unit; below
/// it, handing work to other threads costs more than it saves (a district's catalog is far
/// under it).
const PARALLEL_COURSES: usize = 50_000;

/// Audits `units` (each with its courses), on every core (rayon) when there are at least
/// `parallel_from` courses: the units are independent, and the results are collected in unit
/// order, exactly as one core would give them.
fn audit_units(
    catalog: &Catalog,
    set: &StandardsSet,
    filter: &Filter,
    units: &[(UnitIdx, Vec<CourseIdx>)],
    listing: Listing,
    parallel_from: usize,
) -> (Vec<PathwayAudit>, Vec<Finding>) {
    let total: usize = units.iter().map(|(_, c)| c.len()).sum();
    let scratch = || Scratch::new(set, listing);
    let audit = |scratch: &mut Scratch, (unit, courses): &(UnitIdx, Vec<CourseIdx>)| {
        audit_unit(catalog, set, filter, *unit, courses, scratch)
    };
    let per_unit: Vec<(Vec<PathwayAudit>, Vec<Finding>)> = if total < parallel_from || units.len() < 2 {
        let mut scratch = scratch();
        units.iter().map(|u| audit(&mut scratch, u)).collect()
    } else {
        units.par_iter().map_init(scratch, audit).collect()
    };
    let mut pathways = Vec::with_capacity(per_unit.iter().map(|(p, _)| p.len()).sum());
    let mut findings = Vec::with_capacity(per_unit.iter().map(|(_, f)| f.len()).sum());
    for (p, f) in per_unit {
        pathways.extend(p);
        findings.extend(f);
    }
    (pathways, findings)
}

/// Audits every offered pathway of one unit, with the pathways' findings.
fn audit_unit(
    catalog: &Catalog,
    set: &StandardsSet,
    filter: &Filter,
    unit: UnitIdx,
    courses: &[CourseIdx],
    scratch: &mut Scratch,
) -> (Vec<PathwayAudit>, Vec<Finding>) {
    // Sorted once per unit, so each pathway's courses come out of it in sequence order.
    let mut in_unit = std::mem::take(&mut scratch.in_unit);
    in_unit.clear();
    in_unit.extend_from_slice(courses);
    in_unit.sort_by(|&a, &b| sequence_cmp(catalog, a, b));
    let mut pathways = Vec::new();
    for p in (0..set.cluster.pathways.len()).filter(|&p| filter.pathway(p)) {
        let offered = in_unit.iter().any(|&c| catalog.courses[c].pathways.names(p));
        if offered {
            pathways.push(audit_pathway(catalog, set, unit, p, &in_unit, scratch));
        }
    }
    scratch.in_unit = in_unit;
    let findings = pathways.iter().flat_map(|pa| findings::pathway_findings(pa, catalog, set)).collect();
    (pathways, findings)
}

/// Working space reused from one pathway to the next.
struct Scratch {
    /// One flag per standard: counted in this pathway yet. All false between pathways.
    seen: Vec<bool>,
    /// The unit's courses, in sequence order.
    in_unit: Vec<CourseIdx>,
    /// One course's required standards (place in the pathway's list) and the depth it gives
    /// each (with its path when credited); two objectives of one sub-standard are merged
    /// before the course is counted.
    targets: Vec<(usize, Target)>,
    listing: Listing,
}

impl Scratch {
    fn new(set: &StandardsSet, listing: Listing) -> Self {
        Scratch { seen: vec![false; set.standards.len()], in_unit: Vec::new(), targets: Vec::new(), listing }
    }
}

/// One pathway of one unit. `in_unit`: the unit's courses in sequence order.
fn audit_pathway(
    catalog: &Catalog,
    set: &StandardsSet,
    unit: UnitIdx,
    pathway: PathwayIdx,
    in_unit: &[CourseIdx],
    scratch: &mut Scratch,
) -> PathwayAudit {
    let courses: Vec<CourseIdx> =
        in_unit.iter().copied().filter(|&c| catalog.courses[c].pathways.contains(pathway)).collect();
    let required = set.required(pathway);
    let mastery = set.cluster.mastery;
    let mut standards: Vec<StandardCoverage> =
        required.iter().map(|&s| StandardCoverage { standard: s, ..StandardCoverage::default() }).collect();
    let mut counted = Vec::new();
    let (mut credentials, mut wbl) = (Vec::new(), Vec::new());
    let crosswalk = !set.crosswalk().is_empty();
    for &c in &courses {
        let course = &catalog.courses[c];
        scratch.targets.clear();
        let mut count = |standard: StandardIdx, target: Target, scratch: &mut Scratch| {
            let Some(counted_as) = set.counted_as(standard) else { return };
            if !std::mem::replace(&mut scratch.seen[counted_as as usize], true) {
                counted.push(counted_as);
            }
            if let Some(i) = set.required_position(pathway, counted_as) {
                scratch.targets.push((i, target));
            }
        };
        for a in &course.alignments {
            count(a.standard, (a.depth, None), scratch);
            if crosswalk {
                for credit in crosswalked(set, a).filter(|c| c.counts) {
                    count(credit.standard, (credit.depth, Some(credit.via)), scratch);
                }
            }
        }
        // Deepest first within a standard, then direct before credited, so the first of each
        // run is the depth it gives and how.
        scratch
            .targets
            .sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.0.cmp(&a.1.0)).then(a.1.1.cmp(&b.1.1)));
        scratch.targets.dedup_by_key(|t| t.0);
        for &(i, target) in &scratch.targets {
            standards[i].add(c, course.level, target, mastery, scratch.listing);
        }
        credentials.extend(course.credentials.iter().copied());
        wbl.extend(course.wbl.iter().copied());
    }
    counted.iter().for_each(|&s| scratch.seen[s as usize] = false);
    counted.sort_unstable();
    credentials.sort_unstable();
    credentials.dedup();
    wbl.sort_unstable();
    wbl.dedup();
    PathwayAudit { unit, pathway, courses, standards, counted, credentials, wbl }
}

/// Sequence order: by level (unknown last), then course ID in natural order.
pub fn sequence_cmp(catalog: &Catalog, a: CourseIdx, b: CourseIdx) -> std::cmp::Ordering {
    let (x, y) = (&catalog.courses[a], &catalog.courses[b]);
    let level = |l: Option<u8>| l.unwrap_or(u8::MAX);
    level(x.level).cmp(&level(y.level)).then_with(|| natural_cmp(&x.id, &y.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Severity;
    use crate::diagnostic::Diagnostics;
    use crate::load::catalog::{CsvOptions, read};
    use crate::load::standards::load_builtin;

    /// Auditing on every core gives exactly what one gives: the same pathways and findings, in
    /// the same order.
    #[test]
    fn all_cores_audit_like_one() {
        let set = load_builtin().expect("the built-in standards load");
        let text = include_str!("../../examples/state/statewide.csv");
        let mut diags = Diagnostics::default();
        let catalog = read("s.csv", text.as_bytes().to_vec(), &set, &CsvOptions::default(), &mut diags)
            .expect("the example reads");
        let filter = Filter::default();
        let units = catalog.courses_by_unit();
        assert!(units.len() >= 3, "the example has several districts");
        for listing in [Listing::Summary, Listing::Courses] {
            let one = audit_units(&catalog, &set, &filter, &units, listing, usize::MAX);
            let two = audit_units(&catalog, &set, &filter, &units, listing, 0);
            assert!(!one.1.is_empty());
            assert_eq!(one, two);
        }
    }

    /// Unit by unit, on one core or all, the findings taken severity by severity are exactly
    /// the whole audit's, and so are the pathways.
    #[test]
    fn the_audit_by_unit_is_the_whole_audit() {
        let set = load_builtin().expect("the built-in standards load");
        let text = include_str!("../../examples/state/statewide.csv");
        let mut diags = Diagnostics::default();
        let catalog = read("s.csv", text.as_bytes().to_vec(), &set, &CsvOptions::default(), &mut diags)
            .expect("the example reads");
        let (filter, policy) = (Filter::default(), Policy::default());
        let whole = audit(&catalog, &set, &filter, &policy, &[], Listing::Summary);
        for parallel_from in [0, usize::MAX] {
            let mut units = Vec::new();
            audit_by_unit_from(&catalog, &set, &filter, &policy, Listing::Summary, parallel_from, |u| {
                units.push(u)
            });
            assert!(units.len() >= 3, "the example has several districts");
            let pathways: Vec<PathwayAudit> = units.iter().flat_map(|u| u.pathways.clone()).collect();
            assert_eq!(pathways, whole.pathways);
            let mut findings = Vec::new();
            for severity in [Severity::Error, Severity::Warning, Severity::Info] {
                let of = |u: &UnitAudit| {
                    u.findings.iter().filter(|f| f.severity == severity).cloned().collect::<Vec<_>>()
                };
                findings.extend(units.iter().flat_map(of));
            }
            assert!(!findings.is_empty());
            assert_eq!(findings, whole.findings);
        }
    }
}
