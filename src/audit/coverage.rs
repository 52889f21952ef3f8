//! Coverage of each pathway's required standards, per unit (district or school).

use crate::diagnostic::Diagnostic;
use crate::model::{
    Catalog, CourseIdx, CredentialIdx, Depth, PathwayIdx, StandardIdx, StandardsSet, UnitIdx, natural_cmp,
};

use super::findings::{self, Finding};
use super::policy::{Filter, Policy};

/// One required standard in one pathway of one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct StandardCoverage {
    pub standard: StandardIdx,
    /// The courses that count for it, in sequence order, with the depth each gives.
    pub courses: Vec<(CourseIdx, Option<Depth>)>,
}

impl StandardCoverage {
    pub fn covered(&self) -> bool {
        !self.courses.is_empty()
    }

    /// The highest depth any course gives; `None` when none gives a depth.
    pub fn depth(&self) -> Option<Depth> {
        self.courses.iter().filter_map(|(_, d)| *d).max()
    }

    /// Whether the depth reaches `mastery`; `None` when the depth is unknown (not judged).
    pub fn mastered(&self, mastery: Depth) -> Option<bool> {
        self.depth().map(|d| d >= mastery)
    }
}

/// One pathway of one unit.
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

impl PathwayAudit {
    pub fn required(&self) -> usize {
        self.standards.len()
    }

    pub fn covered(&self) -> usize {
        self.standards.iter().filter(|s| s.covered()).count()
    }

    pub fn mastered(&self, mastery: Depth) -> usize {
        self.standards.iter().filter(|s| s.mastered(mastery) == Some(true)).count()
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
) -> Audit {
    let mut pathways = Vec::new();
    let mut seen = vec![false; set.standards.len()];
    for (unit, mut in_unit) in
        catalog.courses_by_unit().into_iter().filter(|(u, _)| filter.unit(catalog.unit(*u)))
    {
        // Sorted once per unit, so each pathway's courses come out of it in sequence order.
        in_unit.sort_by(|&a, &b| sequence_cmp(catalog, a, b));
        for p in (0..set.cluster.pathways.len()).filter(|&p| filter.pathway(p)) {
            let offered = in_unit.iter().any(|&c| catalog.courses[c].pathways.names(p));
            if offered {
                pathways.push(audit_pathway(catalog, set, unit, p, &in_unit, &mut seen));
            }
        }
    }
    let mut findings = Vec::new();
    for pa in &pathways {
        findings.extend(findings::pathway_findings(pa, catalog, set));
    }
    findings.extend(findings::course_findings(catalog, set, filter));
    findings.extend(input_errors.iter().map(findings::input_finding));
    let findings = policy.apply(findings, catalog);
    Audit { pathways, findings }
}

/// One pathway of one unit. `in_unit`: the unit's courses in sequence order. `seen`: scratch
/// space, one flag per standard, all false on entry and on return.
fn audit_pathway(
    catalog: &Catalog,
    set: &StandardsSet,
    unit: UnitIdx,
    pathway: PathwayIdx,
    in_unit: &[CourseIdx],
    seen: &mut [bool],
) -> PathwayAudit {
    let courses: Vec<CourseIdx> =
        in_unit.iter().copied().filter(|&c| catalog.courses[c].pathways.contains(pathway)).collect();
    let required = set.required(pathway);
    let mut standards: Vec<StandardCoverage> =
        required.iter().map(|&s| StandardCoverage { standard: s, courses: Vec::new() }).collect();
    let mut counted = Vec::new();
    let (mut credentials, mut wbl) = (Vec::new(), Vec::new());
    for &c in &courses {
        let course = &catalog.courses[c];
        for a in &course.alignments {
            let Some(target) = set.counted_as(a.standard) else {
                continue;
            };
            if !std::mem::replace(&mut seen[target as usize], true) {
                counted.push(target);
            }
            if let Some(i) = set.required_position(pathway, target) {
                let entry = &mut standards[i].courses;
                // Courses are visited in order, so a repeat (two objectives of one
                // sub-standard) can only be the last entry.
                match entry.last_mut() {
                    Some((x, d)) if *x == c => *d = (*d).max(a.depth),
                    _ => entry.push((c, a.depth)),
                }
            }
        }
        credentials.extend(course.credentials.iter().copied());
        wbl.extend(course.wbl.iter().copied());
    }
    counted.iter().for_each(|&s| seen[s as usize] = false);
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
