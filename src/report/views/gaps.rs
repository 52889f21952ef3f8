//! The `gaps` view: every finding, most severe first, counted by severity.

use serde::Serialize;

use super::{FindingList, Heading, PolicyView, SeverityCounts};
use crate::audit::{Audit, PolicyFailure, Selection};
use crate::model::{Catalog, StandardsSet};
use crate::report::{Sheet, View};

#[derive(Serialize)]
pub struct GapsView<'a> {
    summary: SeverityCounts,
    passed: bool,
    policy: PolicyView<'a>,
    /// Present when `--code`, `--severity`, `--pathway` or `--top` left findings out.
    #[serde(skip_serializing_if = "Option::is_none")]
    shown: Option<Shown>,
    findings: FindingList<'a>,
    #[serde(skip)]
    pathways: usize,
    /// How many findings the output lists.
    #[serde(skip)]
    count: usize,
    #[serde(skip)]
    heading: Heading,
}

impl<'a> GapsView<'a> {
    /// Every finding of the audit.
    pub fn new(
        result: &'a Audit,
        catalog: &'a Catalog,
        set: &'a StandardsSet,
        failures: &[PolicyFailure],
    ) -> Self {
        Self::selected(result, &Selection::default(), catalog, set, failures)
    }

    /// The findings `show` selects; the counts and the verdict are still the whole audit's.
    pub fn selected(
        result: &'a Audit,
        show: &Selection,
        catalog: &'a Catalog,
        set: &'a StandardsSet,
        failures: &[PolicyFailure],
    ) -> Self {
        let policy = PolicyView::new(failures, catalog, set);
        let shown = show.select(&result.findings);
        GapsView {
            summary: SeverityCounts::of(&result.findings),
            passed: policy.passed,
            policy,
            shown: Shown::of(shown.len(), result.findings.len()),
            count: shown.len(),
            findings: FindingList { findings: shown, catalog, set },
            pathways: result.pathways.len(),
            heading: Heading::new("Alignment gaps", catalog, set, &result.pathways),
        }
    }
}

impl<'a> GapsView<'a> {
    /// The view of a run whose findings were written as they were found (see
    /// `report::stream`): the counts and the verdict, and no finding, which the stream writes
    /// in their place. CSV and JSON only: it has no heading.
    pub(crate) fn streamed(
        summary: SeverityCounts,
        failures: &[PolicyFailure],
        pathways: usize,
        catalog: &'a Catalog,
        set: &'a StandardsSet,
    ) -> Self {
        let policy = PolicyView::new(failures, catalog, set);
        GapsView {
            summary,
            passed: policy.passed,
            policy,
            shown: None,
            count: summary.total(),
            findings: FindingList { findings: Vec::new(), catalog, set },
            pathways,
            heading: Heading::new("Alignment gaps", catalog, set, &[]),
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
            self.shown.as_ref().map(Shown::note).unwrap_or_default(),
        ));
        vec![sheet]
    }

    fn csv(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.findings.write_csv(out)
    }

    fn verdict(&self) -> Option<&PolicyView<'_>> {
        Some(&self.policy)
    }

    fn heading(&self) -> Option<&Heading> {
        Some(&self.heading)
    }

    fn contents(&self) -> String {
        crate::diagnostic::plural(self.count, "finding")
    }

    fn annotations(&self) -> Option<Vec<crate::report::github::Annotation<'_>>> {
        Some(self.findings.annotations())
    }
}

/// How many findings a selection showed, of how many the audit found: `{findings, of}`.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shown {
    pub findings: usize,
    pub of: usize,
}

impl Shown {
    /// `None` when nothing was left out.
    pub fn of(shown: usize, all: usize) -> Option<Shown> {
        (shown < all).then_some(Shown { findings: shown, of: all })
    }

    /// The words the table's note ends with: the verdict is still the whole audit's.
    pub fn note(&self) -> String {
        format!("; {} of {} shown (the policy judges them all)", self.findings, self.of)
    }
}
