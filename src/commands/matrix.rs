//! `cte-align matrix CATALOG --pathway TS`: the pathway's courses, in sequence order, against
//! its required standards.

use crate::Outcome;
use crate::audit::{self, Filter, Listing, Policy};
use crate::model::StandardsSet;
use crate::pipeline::Input;
use crate::report::Output;
use crate::report::views::MatrixView;
use crate::settings;

pub fn run(
    set: &StandardsSet,
    input: &Input,
    pathway: &str,
    districts: &[String],
    lenient: bool,
    output: &Output,
) -> anyhow::Result<Outcome> {
    let loaded = super::load(set, input, lenient)?;
    let pathway = settings::pathway(set, pathway)?;
    let catalog = &loaded.catalog;
    let filter = Filter { pathways: vec![pathway], units: settings::districts(catalog, districts)? };
    let units: Vec<String> = catalog.units.iter().filter(|u| filter.unit(u)).map(|u| u.label()).collect();
    if units.len() > 1 {
        anyhow::bail!(
            "{} holds {} districts ({}); choose one with --district",
            catalog.file,
            units.len(),
            units.join(", ")
        );
    }
    let result = audit::audit(catalog, set, &filter, &Policy::default(), &[], Listing::Courses);
    let Some(pa) = result.pathways.first() else {
        anyhow::bail!(
            "no course in {} names pathway {}; the matrix needs at least one",
            catalog.file,
            set.cluster.pathways[pathway].id
        );
    };
    super::warn_left_out(&loaded);
    super::emit(&MatrixView::new(pa, catalog, set), output, Some(input))?;
    Ok(Outcome::Pass)
}
