//! What to audit (the filter) and what to make of the findings (the policy): severity
//! overrides, the severity the run fails on, and the thresholds (minimum coverage and
//! mastery, for every pathway or per pathway). A failed policy says why: one
//! [`PolicyFailure`] per reason, as data the report words.

use std::collections::HashMap;

use super::coverage::PathwayAudit;
use super::findings::{Code, Finding, Severity, Subject};
use crate::model::{Catalog, PathwayIdx, PathwaySet, StandardsSet, Unit, UnitIdx, natural_cmp};

/// Which units and pathways to audit; empty means all.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub pathways: Vec<PathwayIdx>,
    /// District (or `District / School`) names, compared case-insensitively.
    pub units: Vec<String>,
}

impl Filter {
    pub fn pathway(&self, p: PathwayIdx) -> bool {
        self.pathways.is_empty() || self.pathways.contains(&p)
    }

    pub fn unit(&self, u: &Unit) -> bool {
        self.units.is_empty()
            || self.units.iter().any(|name| {
                name.eq_ignore_ascii_case(&u.district)
                    || name.eq_ignore_ascii_case(&u.label())
                    || name.eq_ignore_ascii_case(&u.school)
            })
    }

    pub fn course_pathways(&self, p: &PathwaySet) -> bool {
        self.pathways.is_empty() || self.pathways.iter().any(|&x| p.contains(x))
    }
}

/// When findings make the run fail.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Severity overrides by code; `None` drops the code's findings (`--allow`).
    pub overrides: HashMap<Code, Option<Severity>>,
    /// The lowest severity that fails the run; `None` never fails on findings.
    pub fail_on: Option<Severity>,
    /// The minimum coverage and mastery.
    pub thresholds: Thresholds,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            overrides: HashMap::new(),
            fail_on: Some(Severity::Error),
            thresholds: Thresholds::default(),
        }
    }
}

/// The minimum coverage and mastery percentages a run must meet, as plain values: the
/// command line fills them (`--min-coverage 95`, `--min-coverage DS=98`), and so can a
/// config file. A pathway's own threshold replaces the one for every pathway.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Thresholds {
    /// For every audited pathway.
    pub all: Limits,
    /// For one pathway each, named as given (ID, title or alias), in the order given.
    pub pathways: Vec<(String, Limits)>,
}

/// A minimum coverage and a minimum mastery, in percent; `None` sets no minimum.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Limits {
    pub coverage: Option<f64>,
    pub mastery: Option<f64>,
}

impl Thresholds {
    /// The limits that apply to pathway `p`: its own where it has them, else those for all.
    pub fn limits(&self, set: &StandardsSet, p: PathwayIdx) -> (Limits, Limits) {
        let own = self.pathways.iter().filter(|(name, _)| set.cluster.pathway(name) == Some(p));
        let own = own.fold(Limits::default(), |acc, (_, l)| Limits {
            coverage: l.coverage.or(acc.coverage),
            mastery: l.mastery.or(acc.mastery),
        });
        (own, self.all)
    }
}

/// One reason a run fails its policy.
#[derive(Debug, Clone, PartialEq)]
pub enum PolicyFailure {
    /// `count` findings at or above `at` (`--fail-on`).
    Findings { count: usize, at: Severity },
    /// A pathway of a unit under its minimum coverage.
    Coverage { unit: UnitIdx, pathway: PathwayIdx, pct: f64, min: Threshold },
    /// A pathway of a unit under its minimum mastery; `pct` is `None` when no course of it
    /// gives a depth, so mastery cannot be judged.
    Mastery { unit: UnitIdx, pathway: PathwayIdx, pct: Option<f64>, min: Threshold },
}

/// A minimum that was not met, and whether it was the pathway's own or the one for all.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold {
    pub pct: f64,
    pub own: bool,
}

impl Policy {
    /// Applies severity overrides, drops allowed codes, and sorts: most severe first, then by
    /// unit, pathway, code, standard and course.
    pub fn apply(&self, findings: Vec<Finding>, catalog: &Catalog) -> Vec<Finding> {
        sorted(self.apply_unordered(findings), catalog)
    }

    /// [`Policy::apply`] for findings that are only counted: left in the order given.
    pub fn apply_unordered(&self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter_map(|mut f| {
                if let Some(&sev) = self.overrides.get(&f.code()) {
                    f.severity = sev?;
                }
                Some(f)
            })
            .collect()
    }

    /// Whether the run passes: no finding at or above `fail_on`, and every pathway at or
    /// above its minimum coverage and mastery.
    pub fn passes(&self, findings: &[Finding], pathways: &[PathwayAudit], set: &StandardsSet) -> bool {
        self.failures(findings, pathways, set).is_empty()
    }

    /// [`Policy::passes`] for one part of the audit (one pathway of one district, in `report`),
    /// with its findings given by reference.
    pub fn passes_each<'a>(
        &self,
        findings: impl IntoIterator<Item = &'a Finding>,
        pathways: &[PathwayAudit],
        set: &StandardsSet,
    ) -> bool {
        self.failures(findings, pathways, set).is_empty()
    }

    /// Every reason the run fails: the findings at or above `fail_on` (one reason, counted),
    /// then each pathway under a threshold, in the audit's order.
    pub fn failures<'a>(
        &self,
        findings: impl IntoIterator<Item = &'a Finding>,
        pathways: &[PathwayAudit],
        set: &StandardsSet,
    ) -> Vec<PolicyFailure> {
        let mut findings = findings.into_iter();
        let mut out: Vec<PolicyFailure> = self
            .findings_failure(|at| findings.by_ref().filter(|f| f.severity >= at).count())
            .into_iter()
            .collect();
        out.extend(self.pathway_failures(pathways, set));
        out
    }

    /// The failure for findings at or above `fail_on`, given how to count them; `None` when
    /// there is no such finding or no `fail_on`. The first of [`Policy::failures`].
    pub fn findings_failure(
        &self,
        count_at_or_above: impl FnOnce(Severity) -> usize,
    ) -> Option<PolicyFailure> {
        let at = self.fail_on?;
        let count = count_at_or_above(at);
        (count > 0).then_some(PolicyFailure::Findings { count, at })
    }

    /// The failures of pathways below their minimum coverage or mastery, in the order given:
    /// the rest of [`Policy::failures`].
    pub fn pathway_failures(&self, pathways: &[PathwayAudit], set: &StandardsSet) -> Vec<PolicyFailure> {
        let mut out = Vec::new();
        for pa in pathways {
            let (own, all) = self.thresholds.limits(set, pa.pathway);
            let pick = |mine: Option<f64>, every: Option<f64>| match (mine, every) {
                (Some(pct), _) => Some(Threshold { pct, own: true }),
                (None, Some(pct)) => Some(Threshold { pct, own: false }),
                (None, None) => None,
            };
            let (unit, pathway) = (pa.unit, pa.pathway);
            if let Some(min) = pick(own.coverage, all.coverage) {
                let pct = pa.coverage_pct();
                if pct < min.pct {
                    out.push(PolicyFailure::Coverage { unit, pathway, pct, min });
                }
            }
            if let Some(min) = pick(own.mastery, all.mastery) {
                let pct = pa.mastery_pct(set.cluster.mastery);
                if pct.is_none_or(|pct| pct < min.pct) {
                    out.push(PolicyFailure::Mastery { unit, pathway, pct, min });
                }
            }
        }
        out
    }
}

/// Findings in the order every report lists them: most severe first, then by unit, pathway,
/// code, standard and course. Sorted by a key worked out once a finding (a statewide run
/// sorts millions, and working out each finding's code and standard in every comparison was
/// an eighth of a `coverage` run), ties on it broken by the course's ID, then the rest.
fn sorted(findings: Vec<Finding>, catalog: &Catalog) -> Vec<Finding> {
    // Unit indices are in natural order of district and school; input problems (no unit)
    // come after every district's findings.
    let key = |f: &Finding| {
        let (unit, pathway) = (f.unit.unwrap_or(UnitIdx::MAX), f.pathway.unwrap_or(usize::MAX));
        (std::cmp::Reverse(f.severity), unit, pathway, f.code().rank(), f.standard())
    };
    let course_id = |f: &Finding| f.course().map_or("", |c| catalog.courses[c].id.as_str());
    let mut order: Vec<_> = findings.iter().map(key).zip(0..).collect();
    order.sort_by(|(x, a), (y, b)| {
        let (f, g): (&Finding, &Finding) = (&findings[*a], &findings[*b]);
        x.cmp(y).then_with(|| natural_cmp(course_id(f), course_id(g))).then_with(|| tiebreak(f, g))
    });
    let mut slots: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    order.into_iter().filter_map(|(_, i): (_, usize)| slots[i].take()).collect()
}

/// The order of findings alike in everything else. Input problems go by file, then line and
/// column as numbers (line 2 before line 16: compared as text, 16 came first), then message;
/// credential gaps of one pathway are made in the order of the credentials' IDs, which the
/// stable sort keeps; no other two findings can tie.
fn tiebreak(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    match (&a.subject, &b.subject) {
        (Subject::Input(x), Subject::Input(y)) => {
            let key =
                |d: &crate::diagnostic::Diagnostic| (d.file.clone(), d.line, d.column, d.message.clone());
            key(x).cmp(&key(y))
        }
        _ => std::cmp::Ordering::Equal,
    }
}
