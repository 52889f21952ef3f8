//! Plain domain types, with no I/O.
//!
//! The vocabulary: a **standard** is one node of a **framework**'s tree (`FS-1.1`); a **cluster**
//! groups **pathways** (programs of study), **credentials** and the **depth scale**; a
//! **course** of a district's **catalog** has **alignments**, each naming a standard and
//! optionally a **depth** (how deeply the course teaches it: Introduced, Reinforced, Mastered).

mod catalog;
mod cluster;
mod natural;
mod standards;

pub use catalog::{
    Alignment, Catalog, Course, CourseDetails, CourseIdx, DetailsIdx, HeaderUse, How, MAX_PATHWAYS,
    PathwaySet, Reading, Unit, UnitIdx,
};
pub use cluster::{Cluster, Credential, CredentialIdx, Depth, DepthLevel, Pathway, PathwayIdx};
pub use natural::natural_cmp;
pub use standards::{
    AppliesTo, Crosswalk, Framework, FrameworkIdx, Lookup, Relation, Standard, StandardIdx, StandardsSet,
    normalize_id,
};
