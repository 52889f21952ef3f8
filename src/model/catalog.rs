//! A district's course catalog: courses, the pathways they count for, and their alignments.
//!
//! A **unit** is what is audited on its own: a district, or a school within one. A catalog
//! without `district` or `school` columns is one unnamed unit.

use std::sync::Arc;

use compact_str::CompactString;
use rustc_hash::FxHashMap;

use super::cluster::{CredentialIdx, Depth, PathwayIdx};
use super::standards::StandardIdx;

/// Index of a course in [`Catalog::courses`].
pub type CourseIdx = usize;
/// Index of a unit in [`Catalog::units`]; units are in natural order, so indices sort like names.
pub type UnitIdx = u32;

/// A district and, optionally, a school: what one audit covers.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Unit {
    pub district: String,
    pub school: String,
}

impl Unit {
    /// How the unit reads in a report: `District`, `District / School`, or empty.
    pub fn label(&self) -> String {
        self.to_string()
    }
}

/// The unit's [`Unit::label`], written out.
impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.district.is_empty(), self.school.is_empty()) {
            (_, true) => f.write_str(&self.district),
            (true, false) => f.write_str(&self.school),
            (false, false) => write!(f, "{} / {}", self.district, self.school),
        }
    }
}

/// The most pathways a cluster may define: a course's pathways are a bit set.
pub const MAX_PATHWAYS: usize = 64;

/// The pathways a course counts for. A bit set rather than a list: every row of a statewide
/// file has one, and copying it costs nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathwaySet {
    /// `*` in the catalog: every pathway (a course shared by all programs).
    All,
    /// The pathways named, as bits (bit `p` for pathway `p`).
    Some(u64),
}

impl PathwaySet {
    pub const NONE: PathwaySet = PathwaySet::Some(0);

    /// Whether the course counts for the pathway (`*` counts for all).
    pub fn contains(self, pathway: PathwayIdx) -> bool {
        match self {
            PathwaySet::All => true,
            PathwaySet::Some(bits) => bits & (1 << pathway) != 0,
        }
    }

    /// Whether the course names the pathway itself (not through `*`).
    pub fn names(self, pathway: PathwayIdx) -> bool {
        matches!(self, PathwaySet::Some(bits) if bits & (1 << pathway) != 0)
    }

    pub fn is_empty(self) -> bool {
        self == PathwaySet::NONE
    }

    pub fn insert(&mut self, pathway: PathwayIdx) {
        if let PathwaySet::Some(bits) = self {
            *bits |= 1 << pathway;
        }
    }

    /// The pathways named, in order; `None` for `*`.
    pub fn named(self) -> Option<impl Iterator<Item = PathwayIdx>> {
        match self {
            PathwaySet::All => None,
            PathwaySet::Some(bits) => Some((0..MAX_PATHWAYS).filter(move |&p| bits & (1 << p) != 0)),
        }
    }
}

/// One course (or, for a vendor, one product module). Its text fields are `CompactString`s,
/// held inline up to 24 bytes: a statewide file has a million courses, and a heap allocation
/// for each short ID, title or code would cost more time and memory than the rest of the row.
#[derive(Debug, Clone)]
pub struct Course {
    pub unit: UnitIdx,
    pub id: CompactString,
    pub title: CompactString,
    pub pathways: PathwaySet,
    /// Place in the sequence: 1 introductory, 2 concentrator, 3 advanced, 4 capstone.
    pub level: Option<u8>,
    /// Credits, grades, SCED code and description: in [`Catalog::details`].
    pub details: DetailsIdx,
    pub credentials: Vec<CredentialIdx>,
    /// The kinds of work-based learning the course includes, in alphabetical order; empty
    /// when none.
    pub wbl: Vec<&'static str>,
    pub alignments: Vec<Alignment>,
    /// Whether the catalog or an alignment file listed alignments for it, even ones that were
    /// refused: a course with none is worth a warning, one whose alignments were all refused
    /// already has its errors.
    pub listed_alignments: bool,
    /// The catalog line the course was read from.
    pub line: u64,
}

/// Index of a course's descriptive fields in [`Catalog::details`].
pub type DetailsIdx = u32;

/// What a catalog says of a course beyond what is audited, shown by `cte-align course`. Kept
/// once per distinct combination: a statewide file repeats a few hundred of them (credits,
/// grades, SCED code) on a million rows, and a copy on every course would be most of its size.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct CourseDetails {
    pub credits: CompactString,
    pub grades: CompactString,
    pub sced: CompactString,
    pub description: String,
}

/// A course's claim to teach a standard, optionally at a depth. Eight bytes: a statewide file
/// holds millions of them. The evidence for one, when an alignment file gives it, is kept
/// apart in [`Catalog::evidence`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alignment {
    pub standard: StandardIdx,
    pub depth: Option<Depth>,
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// The file it was read from, as the user named it.
    pub file: String,
    /// Every district (or school) named, in natural order; courses refer to them by index.
    /// Shared: a catalog read unit by unit (`load::catalog::by_unit`) is many small catalogs
    /// of one district each, all numbering units as the whole file does.
    pub units: Arc<Vec<Unit>>,
    pub courses: Vec<Course>,
    /// The distinct descriptive fields of the courses ([`Course::details`] indexes it).
    pub details: Vec<CourseDetails>,
    /// The unit, lesson or assessment that teaches an alignment, from an alignment file.
    pub evidence: FxHashMap<(CourseIdx, StandardIdx), String>,
    /// How the file's header was read, and what was left out as another cluster's.
    pub reading: Reading,
}

/// How a file's header was read: the line it is on, and each header's column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    /// The line of the header row; lines above it were titles or blank.
    pub header_line: u64,
    /// Whether the header was found below rows that were not it (rather than the first row
    /// or a `--header-row`).
    pub detected_below: bool,
    pub headers: Vec<HeaderUse>,
    /// Courses left out as another career cluster's, by the pathway value that said so, with
    /// how many; in the order first seen.
    pub other_clusters: Vec<(String, usize)>,
    /// The line each of `other_clusters` first appears on.
    pub other_cluster_lines: Vec<u64>,
}

/// One header and the column it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderUse {
    pub header: String,
    /// The column's name (`course_id`), or `None` for an ignored header.
    pub column: Option<&'static str>,
    pub how: How,
}

/// Why a header became its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// One of the column's usual names.
    Named,
    /// Named by `--column` or the config file.
    Given,
    /// Its cells hold standard IDs.
    Detected,
    /// Not read.
    Ignored,
}

impl Catalog {
    /// The evidence given for a course's alignment to a standard; empty when none.
    pub fn evidence(&self, course: CourseIdx, standard: StandardIdx) -> &str {
        self.evidence.get(&(course, standard)).map_or("", String::as_str)
    }

    /// Adds an alignment from an alignment file: the same standard twice keeps the deeper
    /// depth, and the evidence given for that depth (the first given, at equal depths).
    pub fn add_alignment(&mut self, course: CourseIdx, new: Alignment, evidence: String) {
        let kept = self.courses[course].add_alignment(new);
        if evidence.is_empty() {
            return;
        }
        let key = (course, new.standard);
        match kept {
            Kept::New | Kept::Deeper => {
                self.evidence.insert(key, evidence);
            }
            Kept::AsDeep => {
                self.evidence.entry(key).or_insert(evidence);
            }
            Kept::Shallower => {}
        }
    }

    /// A course's credits, grades, SCED code and description.
    pub fn details(&self, course: &Course) -> &CourseDetails {
        static NONE: CourseDetails = CourseDetails {
            credits: CompactString::const_new(""),
            grades: CompactString::const_new(""),
            sced: CompactString::const_new(""),
            description: String::new(),
        };
        self.details.get(course.details as usize).unwrap_or(&NONE)
    }

    pub fn unit(&self, idx: UnitIdx) -> &Unit {
        &self.units[idx as usize]
    }

    pub fn unit_of(&self, course: CourseIdx) -> &Unit {
        self.unit(self.courses[course].unit)
    }

    /// Whether reports need a district column: some course names a district or school.
    pub fn has_units(&self) -> bool {
        self.units.iter().any(|u| *u != Unit::default())
    }

    /// Each unit with its courses (in file order), units in natural order; one pass over the
    /// courses, so a statewide file of thousands of districts costs no more than one district.
    pub fn courses_by_unit(&self) -> Vec<(UnitIdx, Vec<CourseIdx>)> {
        let mut groups: Vec<Vec<CourseIdx>> = vec![Vec::new(); self.units.len()];
        for (i, c) in self.courses.iter().enumerate() {
            groups[c.unit as usize].push(i);
        }
        groups
            .into_iter()
            .enumerate()
            .filter(|(_, g)| !g.is_empty())
            .map(|(u, g)| (u as UnitIdx, g))
            .collect()
    }

    /// Puts `units` in natural order and renumbers the courses' references to match.
    pub fn sort_units(&mut self) {
        let mut order: Vec<usize> = (0..self.units.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.units[a], &self.units[b]);
            super::natural_cmp(&x.district, &y.district)
                .then_with(|| super::natural_cmp(&x.school, &y.school))
        });
        let mut new_index = vec![0 as UnitIdx; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new as UnitIdx;
        }
        let units = Arc::make_mut(&mut self.units);
        *units = order.iter().map(|&old| std::mem::take(&mut units[old])).collect();
        for c in &mut self.courses {
            c.unit = new_index[c.unit as usize];
        }
    }
}

impl Course {
    /// The course read apart (in a chunk of a file read on several cores) with its indices
    /// into the catalog's shared lists renumbered: `units[i]` and `details[i]` are the
    /// catalog's numbers for the chunk's unit and details `i`. Every field is named, so a new
    /// field that indexes a shared list cannot be forgotten here.
    pub fn renumbered(self, units: &[UnitIdx], details: &[DetailsIdx]) -> Course {
        let Course {
            unit,
            id,
            title,
            pathways,
            level,
            details: detail,
            credentials,
            wbl,
            alignments,
            listed_alignments,
            line,
        } = self;
        Course {
            unit: units[unit as usize],
            details: details[detail as usize],
            id,
            title,
            pathways,
            level,
            credentials,
            wbl,
            alignments,
            listed_alignments,
            line,
        }
    }

    /// Adds an alignment; the same standard twice keeps the deeper depth.
    pub fn add_alignment(&mut self, new: Alignment) -> Kept {
        match self.alignments.iter_mut().find(|a| a.standard == new.standard) {
            None => {
                self.alignments.push(new);
                Kept::New
            }
            Some(old) => match new.depth.cmp(&old.depth) {
                std::cmp::Ordering::Greater => {
                    old.depth = new.depth;
                    Kept::Deeper
                }
                std::cmp::Ordering::Equal => Kept::AsDeep,
                std::cmp::Ordering::Less => Kept::Shallower,
            },
        }
    }
}

/// What adding an alignment did, compared with one already there for the same standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// The first for its standard.
    New,
    /// Deeper than the one there, whose depth it replaced.
    Deeper,
    /// As deep as the one there.
    AsDeep,
    /// Shallower: the one there stays as it was.
    Shallower,
}
