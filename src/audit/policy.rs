//! What to audit (the filter) and what to make of the findings (the policy): severity
//! overrides, the severity the run fails on, and the minimum coverage.

use std::collections::HashMap;

use super::coverage::PathwayAudit;
use super::findings::{Code, Finding, Severity, Subject};
use crate::model::{Catalog, PathwayIdx, PathwaySet, Unit, UnitIdx, natural_cmp};

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
    /// Fail when any audited pathway's coverage is below this percentage.
    pub min_coverage: Option<f64>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { overrides: HashMap::new(), fail_on: Some(Severity::Error), min_coverage: None }
    }
}

impl Policy {
    /// Applies severity overrides, drops allowed codes, and sorts: most severe first, then by
    /// unit, pathway, code, standard and course.
    pub fn apply(&self, findings: Vec<Finding>, catalog: &Catalog) -> Vec<Finding> {
        let mut out: Vec<Finding> = findings
            .into_iter()
            .filter_map(|mut f| {
                if let Some(&sev) = self.overrides.get(&f.code()) {
                    f.severity = sev?;
                }
                Some(f)
            })
            .collect();
        let course_id = |f: &Finding| f.course().map_or("", |c| catalog.courses[c].id.as_str());
        out.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                // Unit indices are in natural order of district and school; input
                // problems (no unit) come after every district's findings.
                .then_with(|| a.unit.unwrap_or(UnitIdx::MAX).cmp(&b.unit.unwrap_or(UnitIdx::MAX)))
                .then_with(|| a.pathway.map_or(usize::MAX, |p| p).cmp(&b.pathway.map_or(usize::MAX, |p| p)))
                .then_with(|| a.code().cmp(&b.code()))
                .then_with(|| a.standard().cmp(&b.standard()))
                .then_with(|| natural_cmp(course_id(a), course_id(b)))
                .then_with(|| tiebreak(a, b))
        });
        out
    }

    /// Whether the run passes: no finding at or above `fail_on`, and every pathway at or
    /// above the minimum coverage.
    pub fn passes(&self, findings: &[Finding], pathways: &[PathwayAudit]) -> bool {
        let by_severity = self.fail_on.is_none_or(|t| findings.iter().all(|f| f.severity < t));
        let by_coverage =
            self.min_coverage.is_none_or(|min| pathways.iter().all(|p| p.coverage_pct() >= min));
        by_severity && by_coverage
    }
}

/// The order of findings alike in everything else. Input problems go by their text as shown
/// (`file:line:column: message`), as they always have; credential gaps of one pathway are made
/// in the order of the credentials' IDs, which the stable sort keeps; no other two findings
/// can tie.
fn tiebreak(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    match (&a.subject, &b.subject) {
        (Subject::Input(x), Subject::Input(y)) => {
            let shown = |d: &crate::diagnostic::Diagnostic| {
                format!("{}:{}:{}: {}", d.file, d.line, d.column, d.message)
            };
            shown(x).cmp(&shown(y))
        }
        _ => std::cmp::Ordering::Equal,
    }
}
