//! The `gaps` view: every finding, most severe first, counted by severity.

use serde::Serialize;

use super::{FindingList, PolicyView, SeverityCounts};
use crate::audit::{Audit, PolicyFailure};
use crate::model::{Catalog, StandardsSet};
use crate::report::{Sheet, View};

#[derive(Serialize)]
pub struct GapsView<'a> {
    summary: SeverityCounts,
    passed: bool,
    policy: PolicyView<'a>,
    findings: FindingList<'a>,
    #[serde(skip)]
    pathways: usize,
}

impl<'a> GapsView<'a> {
    pub fn new(
        result: &'a Audit,
        catalog: &'a Catalog,
        set: &'a StandardsSet,
        failures: &[PolicyFailure],
    ) -> Self {
        let policy = PolicyView::new(failures, catalog, set);
        GapsView {
            summary: SeverityCounts::of(&result.findings),
            passed: policy.passed,
            policy,
            findings: FindingList { findings: result.findings.iter().collect(), catalog, set },
            pathways: result.pathways.len(),
        }
    }
}

impl View for GapsView<'_> {
    const COMMAND: &'static str = "gaps";

    /// One row per finding, in the audit's order (most severe first).
    fn sheets(&self) -> Vec<Sheet> {
        let mut sheet = self.findings.sheet();
        sheet.note = Some(format!(
            "{} in {} pathway{} audited",
            self.summary.summary(),
            self.pathways,
            if self.pathways == 1 { "" } else { "s" },
        ));
        vec![sheet]
    }

    fn verdict(&self) -> Option<&PolicyView<'_>> {
        Some(&self.policy)
    }

    fn contents(&self) -> String {
        crate::diagnostic::plural(self.findings.findings.len(), "finding")
    }
}
