//! A district's course catalog: courses, the pathways they count for, and their alignments.
//!
//! A **unit** is what is audited on its own: a district, or a school within one. A catalog
//! without `district` or `school` columns is one unnamed unit.

use super::cluster::{CredentialIdx, Depth, PathwayIdx};
use super::standards::StandardIdx;

/// Index of a course in [`Catalog::courses`].
pub type CourseIdx = usize;

/// A district and, optionally, a school: what one audit covers.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Unit {
    pub district: String,
    pub school: String,
}

impl Unit {
    /// How the unit reads in a report: `District`, `District / School`, or empty.
    pub fn label(&self) -> String {
        match (self.district.is_empty(), self.school.is_empty()) {
            (_, true) => self.district.clone(),
            (true, false) => self.school.clone(),
            (false, false) => format!("{} / {}", self.district, self.school),
        }
    }
}

/// The pathways a course counts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathwaySet {
    /// `*` in the catalog: every pathway (a course shared by all programs).
    All,
    Some(Vec<PathwayIdx>),
}

impl PathwaySet {
    pub fn contains(&self, pathway: PathwayIdx) -> bool {
        match self {
            PathwaySet::All => true,
            PathwaySet::Some(p) => p.contains(&pathway),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, PathwaySet::Some(p) if p.is_empty())
    }
}

/// One course (or, for a vendor, one product module).
#[derive(Debug, Clone)]
pub struct Course {
    pub unit: Unit,
    pub id: String,
    pub title: String,
    pub pathways: PathwaySet,
    /// Place in the sequence: 1 introductory, 2 concentrator, 3 advanced, 4 capstone.
    pub level: Option<u8>,
    pub credits: String,
    pub grades: String,
    pub sced: String,
    pub description: String,
    pub credentials: Vec<CredentialIdx>,
    /// The kinds of work-based learning the course includes; empty when none.
    pub wbl: Vec<String>,
    pub alignments: Vec<Alignment>,
    /// The catalog line the course was read from.
    pub line: u64,
}

/// A course's claim to teach a standard, optionally at a depth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    pub standard: StandardIdx,
    pub depth: Option<Depth>,
    /// The unit, lesson or assessment that teaches it, from an alignment file.
    pub evidence: String,
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// The file it was read from, as the user named it.
    pub file: String,
    pub courses: Vec<Course>,
}

impl Catalog {
    /// The units of the catalog, in natural order.
    pub fn units(&self) -> Vec<Unit> {
        self.courses_by_unit().into_iter().map(|(u, _)| u.clone()).collect()
    }

    /// Each unit with its courses (in file order), units in natural order; one pass over the
    /// courses, so a statewide file of thousands of districts costs no more than one district.
    pub fn courses_by_unit(&self) -> Vec<(&Unit, Vec<CourseIdx>)> {
        let mut groups: std::collections::HashMap<&Unit, Vec<CourseIdx>> = std::collections::HashMap::new();
        for (i, c) in self.courses.iter().enumerate() {
            groups.entry(&c.unit).or_default().push(i);
        }
        let mut units: Vec<(&Unit, Vec<CourseIdx>)> = groups.into_iter().collect();
        units.sort_by(|(a, _), (b, _)| {
            super::natural_cmp(&a.district, &b.district)
                .then_with(|| super::natural_cmp(&a.school, &b.school))
        });
        units
    }
}

impl Course {
    /// Adds an alignment; the same standard twice keeps the deeper depth and the first
    /// evidence given.
    pub fn add_alignment(&mut self, new: Alignment) {
        match self.alignments.iter_mut().find(|a| a.standard == new.standard) {
            Some(old) => {
                old.depth = old.depth.max(new.depth);
                if old.evidence.is_empty() {
                    old.evidence = new.evidence;
                }
            }
            None => self.alignments.push(new),
        }
    }
}
