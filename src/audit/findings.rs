//! Findings: the gaps an audit reports, each with a stable code, a default severity, a typed
//! subject (what it is about), and a message a director can act on, written from the subject
//! only when the finding is shown.

use std::fmt;

use serde::Serialize;

use super::coverage::{PathwayAudit, StandardCoverage};
use super::policy::Filter;
use crate::diagnostic::Diagnostic;
use crate::model::{
    Catalog, CourseIdx, CredentialIdx, Depth, PathwayIdx, PathwaySet, StandardIdx, StandardsSet, UnitIdx,
};

/// How much a finding matters. `Allow` (set with `--allow`) drops the finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// `info`, `warning` or `error`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $rank:literal, $severity:ident, $what:literal, $fix:literal;)*) => {
        /// A finding's stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code { $($variant),* }

        impl Code {
            /// Every code, in rank order.
            pub const ALL: &[Code] = &[$(Code::$variant),*];

            /// The kebab-case name users see and pass to `--allow`, `--warn`, `--deny`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name),* }
            }

            /// Where findings of this code come among those of one pathway and severity: the
            /// order of every report, declared here rather than left to the order of variants.
            pub fn rank(self) -> u8 {
                match self { $(Code::$variant => $rank),* }
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
    UncoveredStandard = "uncovered-standard", 1, Error,
        "A required standard that no course of the pathway covers.",
        "Align a course of the pathway to the standard (or one of its objectives), or add a course that teaches it.";
    ShortSequence = "short-sequence", 2, Error,
        "The pathway has fewer than two courses, so no student can become a concentrator (Perkins V: two or more courses in one program of study).",
        "Add a second course to the pathway, or mark an existing course as part of it.";
    ShallowCoverage = "shallow-coverage", 3, Warning,
        "A required standard that courses cover but never to the mastery level.",
        "Teach the standard to mastery in a later course of the sequence and record the depth (M).";
    OutOfSequence = "out-of-sequence", 4, Warning,
        "A standard mastered in a course at a lower level than a course that only introduces it.",
        "Move the introduction earlier in the sequence, or the mastery later; check the courses' levels.";
    NoProgression = "no-progression", 5, Warning,
        "The pathway has no introductory (level 1) course, or nothing beyond level 1.",
        "Give the courses levels (1 introductory to 4 capstone) and make sure the sequence starts broad and ends occupation-specific.";
    NoCredential = "no-credential", 6, Warning,
        "No course of the pathway prepares for an industry-recognized credential.",
        "Name in the credentials column the credential a course prepares for (CNA, CPT, BLS, ...), or add one.";
    CredentialGap = "credential-gap", 7, Warning,
        "A credential the pathway offers requires standards the pathway does not cover.",
        "Align the missing standards to a course of the pathway so students are ready for the credential's exam.";
    NoWorkBasedLearning = "no-work-based-learning", 8, Warning,
        "No course of the pathway includes work-based learning.",
        "Add an internship, clinical rotation, job shadowing or practicum to a course and record it in the work-based learning column.";
    UnalignedCourse = "unaligned-course", 9, Warning,
        "A course of the pathway with no alignments, so it covers nothing.",
        "List the standards the course teaches in the standards column or an --alignments file.";
    BroadAlignment = "broad-alignment", 10, Warning,
        "An alignment above the framework's coverage depth, which counts for nothing.",
        "Align to the specific sub-standards or competencies the course teaches (FS-7.1 rather than FS-7).";
    SingleCourse = "single-course", 11, Info,
        "A required standard covered by exactly one course, so dropping that course opens a gap.",
        "Reinforce the standard in a second course of the sequence.";
    InvalidInput = "invalid-input", 12, Warning,
        "An input problem (unknown standard, bad depth letter, ...) left out of the audit by --lenient.",
        "Fix the reference the message names; `cte-align validate` lists them all.";
}

impl Ord for Code {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
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

/// What a finding is about: one variant per code, grouped by the kind of thing it names. A
/// new code is a new variant, and the compiler then points at every place that must show it
/// (its code, its message, its columns, which courses it involves).
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    // A required standard of the pathway.
    /// No course of the pathway covers it.
    Uncovered {
        standard: StandardIdx,
    },
    /// Covered, but at most to `depth`, below mastery.
    Shallow {
        standard: StandardIdx,
        depth: Depth,
    },
    /// Covered by exactly one course.
    SingleCourse {
        standard: StandardIdx,
        course: CourseIdx,
    },
    // Two courses and a standard.
    /// `mastered` masters the standard at a lower level than `introduced` only introduces it.
    OutOfSequence {
        standard: StandardIdx,
        introduced: CourseIdx,
        mastered: CourseIdx,
    },
    // The pathway's program as a whole.
    /// Fewer than two courses (`courses` of them).
    ShortSequence {
        courses: usize,
    },
    NoProgression(Progression),
    NoCredential,
    NoWorkBasedLearning,
    // A credential the pathway offers.
    /// The required standards under the credential's that the pathway does not cover.
    CredentialGap {
        credential: CredentialIdx,
        missing: Vec<StandardIdx>,
    },
    // One course.
    /// A course of the pathway with no alignments.
    Unaligned {
        course: CourseIdx,
    },
    /// An alignment above the framework's coverage depth.
    BroadAlignment {
        course: CourseIdx,
        standard: StandardIdx,
    },
    // An input problem.
    /// A problem `--lenient` left out of the audit, with its file, line and column.
    Input(Diagnostic),
}

/// What is wrong with a pathway's sequence of levels (`no-progression`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progression {
    NoLevels,
    NoIntroductory,
    NothingBeyondFirst,
}

/// One finding: its severity, the district and pathway it belongs to, and its subject.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    /// The district (or school); `None` for an input problem, which belongs to none.
    pub unit: Option<UnitIdx>,
    /// `None` for an input problem, or a broad alignment of a course in several pathways.
    pub pathway: Option<PathwayIdx>,
    pub subject: Subject,
}

impl Finding {
    fn new(pa: &PathwayAudit, subject: Subject) -> Self {
        let mut finding =
            Finding { severity: Severity::Info, unit: Some(pa.unit), pathway: Some(pa.pathway), subject };
        finding.severity = finding.code().default_severity();
        finding
    }

    pub fn code(&self) -> Code {
        match self.subject {
            Subject::Uncovered { .. } => Code::UncoveredStandard,
            Subject::Shallow { .. } => Code::ShallowCoverage,
            Subject::SingleCourse { .. } => Code::SingleCourse,
            Subject::OutOfSequence { .. } => Code::OutOfSequence,
            Subject::ShortSequence { .. } => Code::ShortSequence,
            Subject::NoProgression(_) => Code::NoProgression,
            Subject::NoCredential => Code::NoCredential,
            Subject::NoWorkBasedLearning => Code::NoWorkBasedLearning,
            Subject::CredentialGap { .. } => Code::CredentialGap,
            Subject::Unaligned { .. } => Code::UnalignedCourse,
            Subject::BroadAlignment { .. } => Code::BroadAlignment,
            Subject::Input(_) => Code::InvalidInput,
        }
    }

    /// The standard the finding is about, if it is about one.
    pub fn standard(&self) -> Option<StandardIdx> {
        match self.subject {
            Subject::Uncovered { standard }
            | Subject::Shallow { standard, .. }
            | Subject::SingleCourse { standard, .. }
            | Subject::OutOfSequence { standard, .. }
            | Subject::BroadAlignment { standard, .. } => Some(standard),
            Subject::ShortSequence { .. }
            | Subject::NoProgression(_)
            | Subject::NoCredential
            | Subject::NoWorkBasedLearning
            | Subject::CredentialGap { .. }
            | Subject::Unaligned { .. }
            | Subject::Input(_) => None,
        }
    }

    /// The course shown in the course column: for `out-of-sequence`, the course that only
    /// introduces the standard, later.
    pub fn course(&self) -> Option<CourseIdx> {
        match self.subject {
            Subject::SingleCourse { course, .. }
            | Subject::Unaligned { course }
            | Subject::BroadAlignment { course, .. }
            | Subject::OutOfSequence { introduced: course, .. } => Some(course),
            Subject::Uncovered { .. }
            | Subject::Shallow { .. }
            | Subject::ShortSequence { .. }
            | Subject::NoProgression(_)
            | Subject::NoCredential
            | Subject::NoWorkBasedLearning
            | Subject::CredentialGap { .. }
            | Subject::Input(_) => None,
        }
    }

    /// Whether the finding involves a course: it names the course, or it is about the program
    /// of a pathway the course names in its district as a whole (too short, no progression, no
    /// credential, no work-based learning), or about a credential the course prepares for in
    /// a pathway it counts for. Worked out when asked rather than stored: a program finding
    /// would otherwise carry every course of its pathway, on a statewide file millions.
    pub fn involves(&self, c: CourseIdx, catalog: &Catalog) -> bool {
        let course = &catalog.courses[c];
        let in_program = || match (self.unit, self.pathway) {
            (Some(unit), Some(pathway)) if unit == course.unit => Some(pathway),
            _ => None,
        };
        match &self.subject {
            Subject::SingleCourse { course, .. }
            | Subject::Unaligned { course }
            | Subject::BroadAlignment { course, .. } => *course == c,
            Subject::OutOfSequence { introduced, mastered, .. } => *introduced == c || *mastered == c,
            Subject::ShortSequence { .. }
            | Subject::NoProgression(_)
            | Subject::NoCredential
            | Subject::NoWorkBasedLearning => in_program().is_some_and(|p| course.pathways.names(p)),
            Subject::CredentialGap { credential, .. } => in_program()
                .is_some_and(|p| course.pathways.contains(p) && course.credentials.contains(credential)),
            Subject::Uncovered { .. } | Subject::Shallow { .. } | Subject::Input(_) => false,
        }
    }

    /// The finding in words a director can act on, made when it is shown.
    pub fn message<'a>(&'a self, catalog: &'a Catalog, set: &'a StandardsSet) -> Message<'a> {
        Message { finding: self, catalog, set }
    }
}

/// A finding's message, written out by `Display`.
#[derive(Debug)]
pub struct Message<'a> {
    finding: &'a Finding,
    catalog: &'a Catalog,
    set: &'a StandardsSet,
}

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (set, catalog) = (self.set, self.catalog);
        let title = self.finding.pathway.map_or("", |p| set.cluster.pathways[p].title.as_str());
        // A standard's ID has its own column; messages name it by title.
        let name = |s: StandardIdx| &set.standard(s).title;
        let course = |c: CourseIdx| &catalog.courses[c];
        match &self.finding.subject {
            Subject::Uncovered { standard } => write!(f, "{}: no {title} course covers it", name(*standard)),
            Subject::Shallow { standard, depth } => write!(
                f,
                "{}: taught at most to {} in {title}, never to {}",
                name(*standard),
                set.cluster.depth_code(*depth),
                set.cluster.depth_code(set.cluster.mastery)
            ),
            Subject::SingleCourse { standard, course: c } => {
                let c = course(*c);
                write!(f, "{}: only {} {} covers it in {title}", name(*standard), c.id, c.title)
            }
            Subject::OutOfSequence { standard, introduced, mastered } => {
                let (m, i) = (course(*mastered), course(*introduced));
                let level = |c: &crate::model::Course| c.level.unwrap_or_default();
                write!(
                    f,
                    "{}: mastered in {} (level {}) but only introduced later, in {} (level {})",
                    name(*standard),
                    m.id,
                    level(m),
                    i.id,
                    level(i)
                )
            }
            Subject::ShortSequence { courses } => write!(
                f,
                "{title} has {courses} course{}; a concentrator needs at least two courses in one program of study (Perkins V)",
                if *courses == 1 { "" } else { "s" }
            ),
            Subject::NoProgression(problem) => {
                let problem = match problem {
                    Progression::NoLevels => {
                        "no course of the pathway gives a level, so its sequence cannot be shown"
                    }
                    Progression::NoIntroductory => "has no introductory (level 1) course",
                    Progression::NothingBeyondFirst => "has nothing beyond level 1",
                };
                write!(f, "{title}: {problem}")
            }
            Subject::NoCredential => {
                write!(f, "{title}: no course prepares for an industry-recognized credential")
            }
            Subject::NoWorkBasedLearning => write!(
                f,
                "{title}: no course includes work-based learning (internship, clinical, job shadowing, practicum)"
            ),
            Subject::CredentialGap { credential, missing } => {
                let c = &set.cluster.credentials[*credential];
                let ids: Vec<&str> = missing.iter().map(|&s| set.standard(s).id.as_str()).collect();
                write!(f, "{} ({}) requires {} that {title} does not cover", c.id, c.title, ids.join(", "))
            }
            Subject::Unaligned { course: c } => {
                let c = course(*c);
                write!(f, "{} {} has no alignments, so it covers nothing in {title}", c.id, c.title)
            }
            Subject::BroadAlignment { course: c, standard } => {
                let (c, s) = (course(*c), set.standard(*standard));
                write!(
                    f,
                    "{} {} aligns to {} {}, which is above {}'s coverage depth and counts for nothing; align to its sub-standards",
                    c.id,
                    c.title,
                    s.id,
                    s.title,
                    set.framework_of(*standard).id
                )
            }
            Subject::Input(d) => write!(f, "{}:{}:{}: {}", d.file, d.line, d.column, d.message),
        }
    }
}

/// The findings about one pathway of one unit.
pub fn pathway_findings(pa: &PathwayAudit, catalog: &Catalog, set: &StandardsSet) -> Vec<Finding> {
    let mut out = Vec::new();
    standard_findings(pa, set, &mut out);
    program_findings(pa, catalog, set, &mut out);
    for &c in &pa.courses {
        if catalog.courses[c].alignments.is_empty() {
            out.push(Finding::new(pa, Subject::Unaligned { course: c }));
        }
    }
    out
}

fn standard_findings(pa: &PathwayAudit, set: &StandardsSet, out: &mut Vec<Finding>) {
    let mastery = set.cluster.mastery;
    for sc in &pa.standards {
        let standard = sc.standard;
        if !sc.covered() {
            out.push(Finding::new(pa, Subject::Uncovered { standard }));
            continue;
        }
        if let (Some(false), Some(depth)) = (sc.mastered(mastery), sc.depth()) {
            out.push(Finding::new(pa, Subject::Shallow { standard, depth }));
        }
        if let (1, Some(course)) = (sc.count, sc.first) {
            out.push(Finding::new(pa, Subject::SingleCourse { standard, course }));
        }
        out.extend(out_of_sequence(pa, sc));
    }
}

/// A course that masters the standard at a lower level than a course that only introduces it:
/// the lowest-level course to master it against the highest-level one that only introduces it.
fn out_of_sequence(pa: &PathwayAudit, sc: &StandardCoverage) -> Option<Finding> {
    let (mastered, m_level) = sc.mastered_in?;
    let (introduced, _) = sc.introduced_in.filter(|&(_, l)| l > m_level)?;
    Some(Finding::new(pa, Subject::OutOfSequence { standard: sc.standard, introduced, mastered }))
}

fn program_findings(pa: &PathwayAudit, catalog: &Catalog, set: &StandardsSet, out: &mut Vec<Finding>) {
    if pa.courses.len() < 2 {
        out.push(Finding::new(pa, Subject::ShortSequence { courses: pa.courses.len() }));
    }
    let levels: Vec<u8> = pa.courses.iter().filter_map(|&c| catalog.courses[c].level).collect();
    let problem = if levels.is_empty() {
        Some(Progression::NoLevels)
    } else if !levels.contains(&1) {
        Some(Progression::NoIntroductory)
    } else if levels.iter().all(|&l| l <= 1) {
        Some(Progression::NothingBeyondFirst)
    } else {
        None
    };
    if let Some(problem) = problem {
        out.push(Finding::new(pa, Subject::NoProgression(problem)));
    }
    if pa.credentials.is_empty() {
        out.push(Finding::new(pa, Subject::NoCredential));
    }
    // By ID: findings that tie on everything else keep this order (the sort is stable).
    let mut credentials = pa.credentials.clone();
    credentials.sort_by(|&a, &b| {
        let (a, b) = (&set.cluster.credentials[a], &set.cluster.credentials[b]);
        a.id.cmp(&b.id).then_with(|| a.title.cmp(&b.title))
    });
    for credential in credentials {
        let missing: Vec<StandardIdx> = set.cluster.credentials[credential]
            .requires
            .iter()
            .flat_map(|&r| set.counted_descendants(r))
            .filter(|s| pa.counted.binary_search(s).is_err())
            .collect();
        if !missing.is_empty() {
            out.push(Finding::new(pa, Subject::CredentialGap { credential, missing }));
        }
    }
    if pa.wbl.is_empty() {
        out.push(Finding::new(pa, Subject::NoWorkBasedLearning));
    }
}

/// Findings about single courses, whatever their pathway: alignments too broad to count.
pub fn course_findings(catalog: &Catalog, set: &StandardsSet, filter: &Filter) -> Vec<Finding> {
    let all: Vec<CourseIdx> = (0..catalog.courses.len()).collect();
    unit_course_findings(catalog, set, filter, &all)
}

/// [`course_findings`] of the given courses (one unit's, in catalog order).
pub fn unit_course_findings(
    catalog: &Catalog,
    set: &StandardsSet,
    filter: &Filter,
    courses: &[CourseIdx],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for &c in courses {
        let course = &catalog.courses[c];
        if !filter.unit(catalog.unit(course.unit)) || !filter.course_pathways(&course.pathways) {
            continue;
        }
        for a in course.alignments.iter().filter(|a| set.counted_as(a.standard).is_none()) {
            out.push(Finding {
                severity: Code::BroadAlignment.default_severity(),
                unit: Some(course.unit),
                pathway: single_pathway(course.pathways),
                subject: Subject::BroadAlignment { course: c, standard: a.standard },
            });
        }
    }
    out
}

/// An input problem that `--lenient` left out of the audit, as a finding.
pub fn input_finding(d: &Diagnostic) -> Finding {
    Finding {
        severity: Code::InvalidInput.default_severity(),
        unit: None,
        pathway: None,
        subject: Subject::Input(d.clone()),
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
        let ranks: HashSet<u8> = Code::ALL.iter().map(|c| c.rank()).collect();
        assert_eq!(ranks.len(), Code::ALL.len(), "two codes share a rank");
        assert!(Code::ALL.windows(2).all(|w| w[0] < w[1]), "Code::ALL is not in rank order");
    }
}
