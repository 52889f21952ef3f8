//! The heading a handout starts with (issue 17): what was audited, so a printed page stands
//! on its own. It names the catalog file, the districts audited and the standards set with
//! its frameworks' versions; never a date or time, so the same input gives the same bytes.
//! The views that are handed out (`gaps`, `gaps --summary`, `coverage`, `report`) hold one;
//! the Markdown and HTML renderers lay it out.

use std::path::Path;

use crate::audit::PathwayAudit;
use crate::model::{Catalog, StandardsSet, UnitIdx};

/// At most this many districts are named; a statewide file says how many more.
const NAMED: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// What the handout is: "Alignment gaps", "Coverage".
    pub title: &'static str,
    /// The catalog's file name, without the directories (they mean nothing to a reader).
    pub catalog: String,
    /// The districts audited, "Lincoln USD, Roosevelt USD and 3 more"; empty when the
    /// catalog names none.
    pub districts: String,
    /// The standards set: "Health Science (HS): FS 1.0, DS 1.0".
    pub standards: String,
}

impl Heading {
    pub fn new(title: &'static str, catalog: &Catalog, set: &StandardsSet, audited: &[PathwayAudit]) -> Self {
        let units: Vec<UnitIdx> = audited.iter().map(|pa| pa.unit).collect();
        Self::of_units(title, catalog, set, &units)
    }

    /// [`Heading::new`], given the unit of each audited pathway, in the audit's order.
    pub fn of_units(title: &'static str, catalog: &Catalog, set: &StandardsSet, audited: &[UnitIdx]) -> Self {
        let file = Path::new(&catalog.file).file_name().map(|n| n.to_string_lossy().into_owned());
        Heading {
            title,
            catalog: file.unwrap_or_else(|| catalog.file.clone()),
            districts: if catalog.has_units() { districts(catalog, audited) } else { String::new() },
            standards: standards(set),
        }
    }

    /// "District" or "Districts", for the line that names them.
    pub fn districts_label(&self) -> &'static str {
        if self.districts.contains(", ") || self.districts.contains(" and ") {
            "Districts"
        } else {
            "District"
        }
    }
}

/// The districts audited, in the audit's order, each once.
fn districts(catalog: &Catalog, audited: &[UnitIdx]) -> String {
    let mut units = audited.to_vec();
    units.dedup();
    let labels: Vec<String> = units.iter().take(NAMED).map(|&u| catalog.unit(u).label()).collect();
    match (units.len(), labels.split_last()) {
        (_, None) => String::new(),
        (1, Some((only, _))) => only.clone(),
        (n, Some((last, rest))) if n <= NAMED => format!("{} and {last}", rest.join(", ")),
        (n, Some(_)) => format!("{} and {} more", labels.join(", "), n - NAMED),
    }
}

fn standards(set: &StandardsSet) -> String {
    // A set of one's own may give no versions: then the framework's ID alone.
    let versions: Vec<String> = set
        .frameworks
        .iter()
        .map(|f| {
            if f.version.trim().is_empty() { f.id.clone() } else { format!("{} {}", f.id, f.version.trim()) }
        })
        .collect();
    format!("{} ({}): {}", set.cluster.title, set.cluster.id, versions.join(", "))
}
