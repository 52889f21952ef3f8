//! The `gaps --summary` view: what to fix first. Per district and pathway, the findings about
//! the program as a whole (sequence, progression, credentials, work-based learning, unaligned
//! courses) one by one, then the uncovered and shallow standards grouped under their parent
//! ("FS-7 Safety Practices: 3 of 5 sub-standards uncovered: FS-7.3, FS-7.4, FS-7.5"), then
//! the other findings counted by code. Findings of no single pathway (input problems, broad
//! alignments of a course in several pathways) come last, counted by code. A *group* is such
//! a line in JSON; the tables give a pathway one row per code, its groups inside it (see
//! `merged`), so the bundled district's summary fits a screen.

use std::collections::HashMap;

use serde::Serialize;

use super::gaps::Shown;
use super::{FindingList, Heading, PolicyView, SeverityCounts, severity_cell};
use crate::audit::{Audit, Code, Finding, PathwayAudit, PolicyFailure, Selection, Severity, Subject};
use crate::diagnostic::plural;
use crate::model::{Catalog, PathwayIdx, StandardIdx, StandardsSet, UnitIdx};
use crate::report::{Cell, Sheet, View, number, text};

#[derive(Serialize)]
pub struct SummaryView<'a> {
    /// Every finding of the audit, by severity, and the policy's verdict on them all.
    summary: SeverityCounts,
    passed: bool,
    policy: PolicyView<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shown: Option<Shown>,
    programs: Vec<Program<'a>>,
    /// Findings of no single pathway, counted by code.
    other: Vec<CodeCount>,
    #[serde(skip)]
    units: bool,
    /// Whether the summary was chosen for the user (a long list on a terminal).
    #[serde(skip)]
    automatic: bool,
    #[serde(skip)]
    total: usize,
    #[serde(skip)]
    heading: Heading,
}

/// One district's pathway.
#[derive(Serialize)]
struct Program<'a> {
    district: &'a str,
    school: &'a str,
    pathway: &'a str,
    pathway_title: &'a str,
    /// The findings summarised here, by severity.
    findings: SeverityCounts,
    /// The findings about the program as a whole, each in full.
    program: FindingList<'a>,
    /// Uncovered and shallow standards, grouped under their parent.
    standards: Vec<StandardGroup<'a>>,
    /// The rest, counted by code.
    other: Vec<CodeCount>,
    #[serde(skip)]
    label: String,
}

/// Required standards under one parent with the same finding.
#[derive(Serialize)]
struct StandardGroup<'a> {
    code: &'static str,
    severity: Severity,
    /// The parent (`FS-7`); null for top-level standards.
    parent: Option<&'a str>,
    parent_title: Option<&'a str>,
    /// How many of the pathway's required standards under the parent have the finding.
    count: usize,
    of: usize,
    standards: Vec<&'a str>,
}

#[derive(Serialize)]
struct CodeCount {
    code: &'static str,
    severity: Severity,
    count: usize,
}

impl<'a> SummaryView<'a> {
    pub fn new(
        result: &'a Audit,
        show: &Selection,
        catalog: &'a Catalog,
        set: &'a StandardsSet,
        failures: &[PolicyFailure],
    ) -> Self {
        let policy = PolicyView::new(failures, catalog, set);
        let shown = show.select(&result.findings);
        let mut by_program: HashMap<(UnitIdx, PathwayIdx), Vec<&Finding>> = HashMap::new();
        let mut rest = Vec::new();
        for &f in &shown {
            match f
                .unit
                .zip(f.pathway)
                .filter(|key| result.pathways.iter().any(|pa| (pa.unit, pa.pathway) == *key))
            {
                Some(key) => by_program.entry(key).or_default().push(f),
                None => rest.push(f),
            }
        }
        let programs = result
            .pathways
            .iter()
            .filter_map(|pa| Some(program(pa, by_program.remove(&(pa.unit, pa.pathway))?, catalog, set)))
            .collect();
        SummaryView {
            summary: SeverityCounts::of(&result.findings),
            passed: policy.passed,
            policy,
            shown: Shown::of(shown.len(), result.findings.len()),
            programs,
            other: counts(&rest),
            units: catalog.has_units(),
            automatic: false,
            total: shown.len(),
            heading: Heading::new("What to fix first", catalog, set, &result.pathways),
        }
    }

    /// Marks the summary as chosen for the user, so its note says how to see every finding.
    pub fn automatic(mut self) -> Self {
        self.automatic = true;
        self
    }
}

/// Whether a finding is about the program as a whole, listed in full.
fn is_program(f: &Finding) -> bool {
    match f.subject {
        Subject::ShortSequence { .. }
        | Subject::NoProgression(_)
        | Subject::NoCredential
        | Subject::NoWorkBasedLearning
        | Subject::CredentialGap { .. }
        | Subject::Unaligned { .. } => true,
        Subject::Uncovered { .. }
        | Subject::Shallow { .. }
        | Subject::SingleCourse { .. }
        | Subject::OutOfSequence { .. }
        | Subject::BroadAlignment { .. }
        | Subject::Input(_) => false,
    }
}

/// Whether a finding is grouped under its standard's parent.
fn is_grouped(f: &Finding) -> bool {
    matches!(f.subject, Subject::Uncovered { .. } | Subject::Shallow { .. })
}

fn program<'a>(
    pa: &'a PathwayAudit,
    findings: Vec<&'a Finding>,
    catalog: &'a Catalog,
    set: &'a StandardsSet,
) -> Program<'a> {
    let unit = catalog.unit(pa.unit);
    let p = &set.cluster.pathways[pa.pathway];
    let whole: Vec<&Finding> = findings.iter().copied().filter(|f| is_program(f)).collect();
    let grouped: Vec<&Finding> = findings.iter().copied().filter(|f| is_grouped(f)).collect();
    let rest: Vec<&Finding> = findings.iter().copied().filter(|f| !is_program(f) && !is_grouped(f)).collect();
    Program {
        district: &unit.district,
        school: &unit.school,
        pathway: &p.id,
        pathway_title: &p.title,
        findings: SeverityCounts::of(findings.iter().copied()),
        program: FindingList { findings: whole, catalog, set },
        standards: groups(pa, &grouped, set),
        other: counts(&rest),
        label: unit.label(),
    }
}

/// The grouped findings by code (in the order met) and parent (in the pathway's order).
fn groups<'a>(pa: &PathwayAudit, findings: &[&Finding], set: &'a StandardsSet) -> Vec<StandardGroup<'a>> {
    let parent = |s: StandardIdx| set.standard(s).parent;
    let mut out: Vec<(Code, Option<StandardIdx>, Severity, Vec<StandardIdx>)> = Vec::new();
    for f in findings {
        let Some(s) = f.standard() else { continue };
        let key = (f.code(), parent(s));
        match out.iter_mut().find(|(c, p, sev, _)| (*c, *p) == key && *sev == f.severity) {
            Some(group) => group.3.push(s),
            None => out.push((key.0, key.1, f.severity, vec![s])),
        }
    }
    out.into_iter()
        .map(|(code, up, severity, standards)| StandardGroup {
            code: code.name(),
            severity,
            parent: up.map(|u| set.standard(u).id.as_str()),
            parent_title: up.map(|u| set.standard(u).title.as_str()),
            count: standards.len(),
            of: pa.standards.iter().filter(|sc| parent(sc.standard) == up).count(),
            standards: standards.iter().map(|&s| set.standard(s).id.as_str()).collect(),
        })
        .collect()
}

/// Findings counted by code and severity, in the order met.
fn counts(findings: &[&Finding]) -> Vec<CodeCount> {
    let mut out: Vec<CodeCount> = Vec::new();
    for f in findings {
        let code = f.code().name();
        match out.iter_mut().find(|c| c.code == code && c.severity == f.severity) {
            Some(c) => c.count += 1,
            None => out.push(CodeCount { code, severity: f.severity, count: 1 }),
        }
    }
    out
}

impl StandardGroup<'_> {
    /// "FS-7 Safety Practices: 3 of 5 sub-standards uncovered: FS-7.3, FS-7.4, FS-7.5".
    fn line(&self) -> String {
        let what = shortfall(self.code);
        let under = match (self.parent, self.parent_title) {
            (Some(id), Some(title)) => format!("{id} {title}: {} of {} sub-standards", self.count, self.of),
            _ => format!("{} of {} top-level standards", self.count, self.of),
        };
        format!("{under} {what}: {}", self.standards.join(", "))
    }

    /// The group within a pathway's one line: "FS-7.3, FS-7.5 (FS-7 Safety Practices)".
    fn part(&self) -> String {
        match (self.parent, self.parent_title) {
            (Some(id), Some(title)) => format!("{} ({id} {title})", self.standards.join(", ")),
            _ => self.standards.join(", "),
        }
    }
}

/// The standard groups of one pathway as the tables show them: one row per code (and
/// severity), its standards by parent ("12 uncovered: FS-7.3, FS-7.5 (FS-7 Safety Practices);
/// DS-6.3 (DS-6 Imaging Safety)"), so a pathway with gaps under many parents stays a few
/// lines; a code with one parent keeps its full line. JSON keeps every group.
fn merged(groups: &[StandardGroup<'_>]) -> Vec<(Severity, &'static str, usize, String)> {
    let mut keys: Vec<(Severity, &'static str)> = Vec::new();
    for g in groups {
        if !keys.contains(&(g.severity, g.code)) {
            keys.push((g.severity, g.code));
        }
    }
    keys.into_iter()
        .map(|(severity, code)| {
            let of: Vec<&StandardGroup> =
                groups.iter().filter(|g| (g.severity, g.code) == (severity, code)).collect();
            let count = of.iter().map(|g| g.count).sum();
            let what = match of.as_slice() {
                [one] => one.line(),
                many => {
                    let parts: Vec<String> = many.iter().map(|g| g.part()).collect();
                    format!("{count} {}: {}", shortfall(code), parts.join("; "))
                }
            };
            (severity, code, count, what)
        })
        .collect()
}

/// What a grouped code says of its standards.
fn shortfall(code: &str) -> &'static str {
    match code {
        "uncovered-standard" => "uncovered",
        _ => "never taught to mastery",
    }
}

impl CodeCount {
    fn line(&self) -> String {
        format!("{}; `gaps --code {}` lists them", plural(self.count, "finding"), self.code)
    }
}

impl View for SummaryView<'_> {
    const COMMAND: &'static str = "gaps";

    /// One row per group: the program's findings, the standards by parent, the rest by code.
    fn sheets(&self) -> Vec<Sheet> {
        let mut columns = if self.units { vec![text("district")] } else { Vec::new() };
        columns.extend([text("pathway"), text("severity"), text("code"), number("count"), text("what")]);
        let mut rows = Vec::new();
        let mut row =
            |unit: &str, pathway: &str, severity: Severity, code: &str, count: usize, what: String| {
                let mut r: Vec<Cell> = if self.units { vec![unit.into()] } else { Vec::new() };
                r.extend([
                    pathway.into(),
                    severity_cell(severity),
                    code.into(),
                    count.to_string().into(),
                    what.into(),
                ]);
                rows.push(r);
            };
        for p in &self.programs {
            let (catalog, set) = (p.program.catalog, p.program.set);
            for f in &p.program.findings {
                row(&p.label, p.pathway, f.severity, f.code().name(), 1, f.message(catalog, set).to_string());
            }
            for (severity, code, count, what) in merged(&p.standards) {
                row(&p.label, p.pathway, severity, code, count, what);
            }
            for c in &p.other {
                row(&p.label, p.pathway, c.severity, c.code, c.count, c.line());
            }
        }
        for c in &self.other {
            row("", "", c.severity, c.code, c.count, c.line());
        }
        let how = if self.automatic {
            "; --all (or a pipe, or -o) lists every one"
        } else {
            "; without --summary every one is listed"
        };
        let note = format!(
            "summary of {} ({}){}{how}",
            plural(self.total, "finding"),
            self.summary.summary(),
            self.shown.as_ref().map(Shown::note).unwrap_or_default(),
        );
        vec![Sheet { title: None, columns, rows, note: Some(note) }]
    }

    fn verdict(&self) -> Option<&PolicyView<'_>> {
        Some(&self.policy)
    }

    fn heading(&self) -> Option<&Heading> {
        Some(&self.heading)
    }

    fn contents(&self) -> String {
        format!("the summary of {}", plural(self.total, "finding"))
    }
}
