//! The `gaps` view: every finding, most severe first, counted by severity.

use serde::Serialize;

use super::{FindingList, SeverityCounts};
use crate::audit::Audit;
use crate::model::{Catalog, StandardsSet};
use crate::report::{Sheet, View};

#[derive(Serialize)]
pub struct GapsView<'a> {
    summary: SeverityCounts,
    passed: bool,
    findings: FindingList<'a>,
    #[serde(skip)]
    pathways: usize,
}

impl<'a> GapsView<'a> {
    pub fn new(result: &'a Audit, catalog: &'a Catalog, set: &'a StandardsSet, passed: bool) -> Self {
        GapsView {
            summary: SeverityCounts::of(&result.findings),
            passed,
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
            "{} in {} pathway{} audited{}",
            self.summary.summary(),
            self.pathways,
            if self.pathways == 1 { "" } else { "s" },
            if self.passed { "" } else { "; the policy fails" }
        ));
        vec![sheet]
    }
}
