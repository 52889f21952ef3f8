//! Questions about one standard or one course: where is FS-7.1 taught, what does HS210 cover.

use super::coverage::{Via, crosswalked};
use super::findings::Finding;
use super::policy::Filter;
use crate::model::{
    Catalog, CourseIdx, Depth, PathwayIdx, PathwaySet, StandardIdx, StandardsSet, natural_cmp,
};

/// A course that teaches the standard asked about, or a standard under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhereHit {
    pub course: CourseIdx,
    /// The standard the course is aligned to: the one asked about or a descendant.
    pub standard: StandardIdx,
    pub depth: Option<Depth>,
    /// For a course credited through the crosswalk: the path (`standard` is then the entry's
    /// `to`, `depth` the depth credited).
    pub via: Option<Via>,
}

/// Every alignment to `target` or a standard under it, by unit, course and standard; then,
/// with a crosswalk, every alignment credited to one of them (one hop, `exact` and `partial`
/// entries), unless the course is aligned to that standard directly.
pub fn where_taught(
    catalog: &Catalog,
    set: &StandardsSet,
    target: StandardIdx,
    filter: &Filter,
) -> Vec<WhereHit> {
    let mut hits: Vec<WhereHit> = catalog
        .courses
        .iter()
        .enumerate()
        .filter(|(_, c)| filter.unit(catalog.unit(c.unit)) && filter.course_pathways(&c.pathways))
        .flat_map(|(i, c)| {
            c.alignments.iter().filter(|a| set.is_within(a.standard, target)).map(move |a| WhereHit {
                course: i,
                standard: a.standard,
                depth: a.depth,
                via: None,
            })
        })
        .collect();
    if !set.crosswalk().is_empty() {
        credited_hits(catalog, set, target, filter, &mut hits);
    }
    hits.sort_by(|a, b| {
        let (x, y) = (&catalog.courses[a.course], &catalog.courses[b.course]);
        x.unit
            .cmp(&y.unit)
            .then_with(|| natural_cmp(&x.id, &y.id))
            .then_with(|| a.standard.cmp(&b.standard))
            .then_with(|| a.via.cmp(&b.via))
    });
    hits
}

/// The hits credited through the crosswalk, added to the direct `hits`.
fn credited_hits(
    catalog: &Catalog,
    set: &StandardsSet,
    target: StandardIdx,
    filter: &Filter,
    hits: &mut Vec<WhereHit>,
) {
    let mut credited: Vec<WhereHit> = Vec::new();
    for (i, c) in catalog.courses.iter().enumerate() {
        if !(filter.unit(catalog.unit(c.unit)) && filter.course_pathways(&c.pathways)) {
            continue;
        }
        for a in &c.alignments {
            let reached = crosswalked(set, a).filter(|x| x.counts && set.is_within(x.standard, target));
            for x in reached {
                let direct = c.alignments.iter().any(|d| d.standard == x.standard);
                let hit = WhereHit { course: i, standard: x.standard, depth: x.depth, via: Some(x.via) };
                if !direct && !credited.contains(&hit) {
                    credited.push(hit);
                }
            }
        }
    }
    hits.extend(credited);
}

/// The courses whose ID matches, in every unit the filter allows.
pub fn find_courses(catalog: &Catalog, id: &str, filter: &Filter) -> Vec<CourseIdx> {
    (0..catalog.courses.len())
        .filter(|&c| catalog.courses[c].id.eq_ignore_ascii_case(id.trim()) && filter.unit(catalog.unit_of(c)))
        .collect()
}

/// The findings that involve a course (see [`Finding::involves`]): about it directly, naming
/// it (a standard only it covers, a standard it masters before another course introduces it),
/// or about the program of a pathway it names.
pub fn course_findings<'a>(
    findings: &'a [Finding],
    course: CourseIdx,
    catalog: &Catalog,
) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.involves(course, catalog)).collect()
}

/// What the courses of the filter's districts offer, whatever the pathway filter: what a
/// command needs to say why nothing was audited.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Offer {
    /// Courses in the filter's districts.
    pub courses: usize,
    /// Of them, those marked `*`, shared by every pathway (they offer none on their own).
    pub shared: usize,
    /// Of them, those that name no pathway.
    pub unnamed: usize,
    /// The pathways some course names, in the cluster's order.
    pub named: Vec<PathwayIdx>,
}

impl Offer {
    /// Adds what another part of the catalog (another district's courses) offers.
    pub fn add(&mut self, other: &Offer) {
        self.courses += other.courses;
        self.shared += other.shared;
        self.unnamed += other.unnamed;
        self.named.extend(&other.named);
        self.named.sort_unstable();
        self.named.dedup();
    }
}

pub fn offer(catalog: &Catalog, filter: &Filter) -> Offer {
    let mut offer = Offer::default();
    let mut named = PathwaySet::NONE;
    for course in catalog.courses.iter().filter(|c| filter.unit(catalog.unit(c.unit))) {
        offer.courses += 1;
        match course.pathways {
            PathwaySet::All => offer.shared += 1,
            p if p.is_empty() => offer.unnamed += 1,
            p => p.named().into_iter().flatten().for_each(|i| named.insert(i)),
        }
    }
    offer.named = named.named().into_iter().flatten().collect();
    offer
}

/// Which findings a report shows (`--code`, `--severity`, `--pathway`, `--top`). A selection
/// narrows what is listed, never what is judged: the policy's verdict and the exit code are
/// worked out on the whole audit before anything is selected.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    /// Only these codes (all when empty).
    pub codes: Vec<super::findings::Code>,
    /// Only findings at or above this severity.
    pub severity: Option<super::findings::Severity>,
    /// Only findings of these pathways (all when empty); a finding of no pathway (an input
    /// problem) is then left out.
    pub pathways: Vec<PathwayIdx>,
    /// At most this many, the first in the audit's order (most severe first).
    pub top: Option<usize>,
}

impl Selection {
    /// Whether anything is left out by this selection's rules, whatever the findings.
    pub fn narrows(&self) -> bool {
        !self.codes.is_empty() || self.severity.is_some() || !self.pathways.is_empty() || self.top.is_some()
    }

    /// Whether one finding passes the selection's rules (all but `top`).
    pub fn admits(&self, f: &Finding) -> bool {
        (self.codes.is_empty() || self.codes.contains(&f.code()))
            && self.severity.is_none_or(|s| f.severity >= s)
            && (self.pathways.is_empty() || f.pathway.is_some_and(|p| self.pathways.contains(&p)))
    }

    /// The findings the selection shows, in the order given.
    pub fn select<'a>(&self, findings: impl IntoIterator<Item = &'a Finding>) -> Vec<&'a Finding> {
        findings.into_iter().filter(|f| self.admits(f)).take(self.top.unwrap_or(usize::MAX)).collect()
    }
}
