//! Findings: the gaps an audit reports, each with a stable code, a default severity, and a
//! message a director can act on.

use std::fmt;

use serde::Serialize;

use super::coverage::{PathwayAudit, StandardCoverage};
use super::policy::Filter;
use crate::diagnostic::Diagnostic;
use crate::model::{
    Catalog, CourseIdx, CredentialIdx, PathwayIdx, PathwaySet, StandardIdx, StandardsSet, UnitIdx,
};

/// How much a finding matters. `Allow` (set with `--allow`) drops the finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $what:literal, $fix:literal;)*) => {
        /// A finding's stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &[Code] = &[$(Code::$variant),*];

            /// The kebab-case name users see and pass to `--allow`, `--warn`, `--deny`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name),* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }

            /// What the code means, in one line.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $what),* }
            }

            /// How to fix it.
            pub fn fix(self) -> &'static str {
                match self { $(Code::$variant => $fix),* }
            }
        }
    };
}

codes! {
    UncoveredStandard = "uncovered-standard", Error,
        "A required standard that no course of the pathway covers.",
        "Align a course of the pathway to the standard (or one of its objectives), or add a course that teaches it.";
    ShortSequence = "short-sequence", Error,
        "The pathway has fewer than two courses, so no student can become a concentrator (Perkins V: two or more courses in one program of study).",
        "Add a second course to the pathway, or mark an existing course as part of it.";
    ShallowCoverage = "shallow-coverage", Warning,
        "A required standard that courses cover but never to the mastery level.",
        "Teach the standard to mastery in a later course of the sequence and record the depth (M).";
    OutOfSequence = "out-of-sequence", Warning,
        "A standard mastered in a course at a lower level than a course that only introduces it.",
        "Move the introduction earlier in the sequence, or the mastery later; check the courses' levels.";
    NoProgression = "no-progression", Warning,
        "The pathway has no introductory (level 1) course, or nothing beyond level 1.",
        "Give the courses levels (1 introductory to 4 capstone) and make sure the sequence starts broad and ends occupation-specific.";
    NoCredential = "no-credential", Warning,
        "No course of the pathway prepares for an industry-recognized credential.",
        "Name in the credentials column the credential a course prepares for (CNA, CPT, BLS, ...), or add one.";
    CredentialGap = "credential-gap", Warning,
        "A credential the pathway offers requires standards the pathway does not cover.",
        "Align the missing standards to a course of the pathway so students are ready for the credential's exam.";
    NoWorkBasedLearning = "no-work-based-learning", Warning,
        "No course of the pathway includes work-based learning.",
        "Add an internship, clinical rotation, job shadowing or practicum to a course and record it in the work-based learning column.";
    UnalignedCourse = "unaligned-course", Warning,
        "A course of the pathway with no alignments, so it covers nothing.",
        "List the standards the course teaches in the standards column or an --alignments file.";
    BroadAlignment = "broad-alignment", Warning,
        "An alignment above the framework's coverage depth, which counts for nothing.",
        "Align to the specific sub-standards or competencies the course teaches (FS-7.1 rather than FS-7).";
    SingleCourse = "single-course", Info,
        "A required standard covered by exactly one course, so dropping that course opens a gap.",
        "Reinforce the standard in a second course of the sequence.";
    InvalidInput = "invalid-input", Warning,
        "An input problem (unknown standard, bad depth letter, ...) left out of the audit by --lenient.",
        "Fix the reference the message names; `cte-align validate` lists them all.";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Code {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Code::ALL.iter().copied().find(|c| c.name().eq_ignore_ascii_case(s.trim())).ok_or_else(|| {
            format!(
                "unknown finding code \"{s}\"{}; `cte-align gaps --explain all` lists them",
                crate::suggest::did_you_mean(s, Code::ALL.iter().map(|c| c.name()))
            )
        })
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// The district (or school); `None` for an input problem, which belongs to none.
    pub unit: Option<UnitIdx>,
    pub pathway: Option<PathwayIdx>,
    pub standard: Option<StandardIdx>,
    /// The course the finding is about, shown in its course column.
    pub course: Option<CourseIdx>,
    /// A second course the finding names: for `out-of-sequence`, the course that masters the
    /// standard (`course` is the one that only introduces it, later).
    pub second_course: Option<CourseIdx>,
    /// The credential, for `credential-gap`.
    pub credential: Option<CredentialIdx>,
    pub message: String,
}

impl Finding {
    fn new(code: Code, pa: &PathwayAudit, message: String) -> Self {
        Finding {
            code,
            severity: code.default_severity(),
            unit: Some(pa.unit),
            pathway: Some(pa.pathway),
            standard: None,
            course: None,
            second_course: None,
            credential: None,
            message,
        }
    }

    /// Whether the finding involves a course: it names the course, or it is about the program
    /// of a pathway the course names in its district as a whole (too short, no progression, no
    /// credential, no work-based learning), or about a credential the course prepares for in
    /// a pathway it counts for. Worked out when asked rather than stored: a program finding
    /// would otherwise carry every course of its pathway, on a statewide file millions.
    pub fn involves(&self, c: CourseIdx, catalog: &Catalog) -> bool {
        if self.course == Some(c) || self.second_course == Some(c) {
            return true;
        }
        let course = &catalog.courses[c];
        let (Some(unit), Some(pathway)) = (self.unit, self.pathway) else {
            return false;
        };
        if unit != course.unit {
            return false;
        }
        match self.code {
            Code::ShortSequence | Code::NoProgression | Code::NoCredential | Code::NoWorkBasedLearning => {
                course.pathways.names(pathway)
            }
            Code::CredentialGap => {
                course.pathways.contains(pathway)
                    && self.credential.is_some_and(|cred| course.credentials.contains(&cred))
            }
            _ => false,
        }
    }

    fn standard(mut self, s: StandardIdx) -> Self {
        self.standard = Some(s);
        self
    }

    fn course(mut self, c: CourseIdx) -> Self {
        self.course = Some(c);
        self
    }
}

/// The findings about one pathway of one unit.
pub fn pathway_findings(pa: &PathwayAudit, catalog: &Catalog, set: &StandardsSet) -> Vec<Finding> {
    let mut out = Vec::new();
    let title = &set.cluster.pathways[pa.pathway].title;
    standard_findings(pa, catalog, set, &mut out);
    program_findings(pa, catalog, set, title, &mut out);
    for &c in &pa.courses {
        let course = &catalog.courses[c];
        if course.alignments.is_empty() {
            let msg =
                format!("{} {} has no alignments, so it covers nothing in {title}", course.id, course.title);
            out.push(Finding::new(Code::UnalignedCourse, pa, msg).course(c));
        }
    }
    out
}

fn standard_findings(pa: &PathwayAudit, catalog: &Catalog, set: &StandardsSet, out: &mut Vec<Finding>) {
    let title = &set.cluster.pathways[pa.pathway].title;
    let mastery = set.cluster.mastery;
    let mastery_code = set.cluster.depth_code(mastery);
    for sc in &pa.standards {
        let s = set.standard(sc.standard);
        // The standard's ID has its own column; the message names it by title.
        let name = &s.title;
        if !sc.covered() {
            let msg = format!("{name}: no {title} course covers it");
            out.push(Finding::new(Code::UncoveredStandard, pa, msg).standard(sc.standard));
            continue;
        }
        if let (Some(false), Some(depth)) = (sc.mastered(mastery), sc.depth()) {
            let msg = format!(
                "{name}: taught at most to {} in {title}, never to {mastery_code}",
                set.cluster.depth_code(depth)
            );
            out.push(Finding::new(Code::ShallowCoverage, pa, msg).standard(sc.standard));
        }
        if let (1, Some(c)) = (sc.count, sc.first) {
            let course = &catalog.courses[c];
            let msg = format!("{name}: only {} {} covers it in {title}", course.id, course.title);
            out.push(Finding::new(Code::SingleCourse, pa, msg).standard(sc.standard).course(c));
        }
        out.extend(out_of_sequence(pa, sc, catalog, set));
    }
}

/// A course that masters the standard at a lower level than a course that only introduces it:
/// the lowest-level course to master it against the highest-level one that only introduces it.
fn out_of_sequence(
    pa: &PathwayAudit,
    sc: &StandardCoverage,
    catalog: &Catalog,
    set: &StandardsSet,
) -> Option<Finding> {
    let (master, m_level) = sc.mastered_in?;
    let (intro, i_level) = sc.introduced_in.filter(|&(_, l)| l > m_level)?;
    let s = set.standard(sc.standard);
    let (m, i) = (&catalog.courses[master], &catalog.courses[intro]);
    let msg = format!(
        "{}: mastered in {} (level {m_level}) but only introduced later, in {} (level {i_level})",
        s.title, m.id, i.id
    );
    let mut finding = Finding::new(Code::OutOfSequence, pa, msg).standard(sc.standard).course(intro);
    finding.second_course = Some(master);
    Some(finding)
}

fn program_findings(
    pa: &PathwayAudit,
    catalog: &Catalog,
    set: &StandardsSet,
    title: &str,
    out: &mut Vec<Finding>,
) {
    if pa.courses.len() < 2 {
        let msg = format!(
            "{title} has {} course{}; a concentrator needs at least two courses in one program of study (Perkins V)",
            pa.courses.len(),
            if pa.courses.len() == 1 { "" } else { "s" }
        );
        out.push(Finding::new(Code::ShortSequence, pa, msg));
    }
    let levels: Vec<u8> = pa.courses.iter().filter_map(|&c| catalog.courses[c].level).collect();
    let problem = if levels.is_empty() {
        Some("no course of the pathway gives a level, so its sequence cannot be shown")
    } else if !levels.contains(&1) {
        Some("has no introductory (level 1) course")
    } else if levels.iter().all(|&l| l <= 1) {
        Some("has nothing beyond level 1")
    } else {
        None
    };
    if let Some(problem) = problem {
        out.push(Finding::new(Code::NoProgression, pa, format!("{title}: {problem}")));
    }
    if pa.credentials.is_empty() {
        let msg = format!("{title}: no course prepares for an industry-recognized credential");
        out.push(Finding::new(Code::NoCredential, pa, msg));
    }
    for &cred in &pa.credentials {
        let c = &set.cluster.credentials[cred];
        let missing: Vec<&str> = c
            .requires
            .iter()
            .flat_map(|&r| set.counted_descendants(r))
            .filter(|s| pa.counted.binary_search(s).is_err())
            .map(|s| set.standard(s).id.as_str())
            .collect();
        if !missing.is_empty() {
            let msg =
                format!("{} ({}) requires {} that {title} does not cover", c.id, c.title, missing.join(", "));
            let mut finding = Finding::new(Code::CredentialGap, pa, msg);
            finding.credential = Some(cred);
            out.push(finding);
        }
    }
    if pa.wbl.is_empty() {
        let msg = format!(
            "{title}: no course includes work-based learning (internship, clinical, job shadowing, practicum)"
        );
        out.push(Finding::new(Code::NoWorkBasedLearning, pa, msg));
    }
}

/// Findings about single courses, whatever their pathway: alignments too broad to count.
pub fn course_findings(catalog: &Catalog, set: &StandardsSet, filter: &Filter) -> Vec<Finding> {
    let mut out = Vec::new();
    for (c, course) in catalog.courses.iter().enumerate() {
        if !filter.unit(catalog.unit(course.unit)) || !filter.course_pathways(&course.pathways) {
            continue;
        }
        for a in course.alignments.iter().filter(|a| set.counted_as(a.standard).is_none()) {
            let s = set.standard(a.standard);
            let msg = format!(
                "{} {} aligns to {} {}, which is above {}'s coverage depth and counts for nothing; align to its sub-standards",
                course.id,
                course.title,
                s.id,
                s.title,
                set.framework_of(a.standard).id
            );
            out.push(Finding {
                code: Code::BroadAlignment,
                severity: Code::BroadAlignment.default_severity(),
                unit: Some(course.unit),
                pathway: single_pathway(course.pathways),
                standard: Some(a.standard),
                course: Some(c),
                second_course: None,
                credential: None,
                message: msg,
            });
        }
    }
    out
}

/// An input problem that `--lenient` left out of the audit, as a finding.
pub fn input_finding(d: &Diagnostic) -> Finding {
    Finding {
        code: Code::InvalidInput,
        severity: Code::InvalidInput.default_severity(),
        unit: None,
        pathway: None,
        standard: None,
        course: None,
        second_course: None,
        credential: None,
        message: format!("{}:{}:{}: {}", d.file, d.line, d.column, d.message),
    }
}

fn single_pathway(p: PathwaySet) -> Option<PathwayIdx> {
    let mut named = p.named()?;
    match (named.next(), named.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::Code;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let names: HashSet<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(names.len(), Code::ALL.len());
        for c in Code::ALL {
            assert!(c.name().bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{c}");
            assert!(!c.description().is_empty() && !c.fix().is_empty());
            assert_eq!(c.name().parse::<Code>(), Ok(*c));
        }
    }
}
