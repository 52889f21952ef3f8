//! `cte-align course CATALOG COURSE_ID`: one course, its alignments with titles, and the
//! findings that involve it.

use crate::Outcome;
use crate::audit::{self, Filter, Listing, Policy, query};
use crate::model::{Catalog, CourseIdx, StandardsSet};
use crate::pipeline::Input;
use crate::report::Output;
use crate::report::views::CourseView;

pub fn run(
    set: &StandardsSet,
    input: &Input,
    id: &str,
    districts: &[String],
    lenient: bool,
    output: &Output,
) -> anyhow::Result<Outcome> {
    let loaded = super::load(set, input, lenient)?;
    let catalog = &loaded.catalog;
    let course = find_course(catalog, id, districts)?;
    // The whole of the course's district is audited, so every finding that involves the
    // course is found, whichever pathway it belongs to.
    let filter = Filter { pathways: Vec::new(), units: vec![catalog.unit_of(course).label()] };
    let result = audit::audit(catalog, set, &filter, &Policy::default(), &[], Listing::Summary);
    let findings = query::course_findings(&result.findings, course, catalog);
    super::warn_left_out(&loaded);
    super::emit(&CourseView::new(course, findings, catalog, set), output, Some(input))?;
    Ok(Outcome::Pass)
}

/// The one course with this ID in the `--district`s given: none, or one in each of several
/// districts, is an error that says what to do.
fn find_course(catalog: &Catalog, id: &str, districts: &[String]) -> anyhow::Result<CourseIdx> {
    let filter = Filter { pathways: Vec::new(), units: crate::settings::districts(catalog, districts)? };
    match query::find_courses(catalog, id, &filter).as_slice() {
        [one] => Ok(*one),
        [] => anyhow::bail!(
            "no course \"{id}\" in {}{}",
            catalog.file,
            crate::suggest::did_you_mean(id, catalog.courses.iter().map(|c| c.id.as_str()))
        ),
        many => {
            let units: Vec<String> = many.iter().map(|&c| catalog.unit_of(c).label()).collect();
            anyhow::bail!(
                "course \"{id}\" is in {} districts ({}); choose one with --district",
                many.len(),
                units.join(", ")
            )
        }
    }
}
