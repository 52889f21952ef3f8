//! The `standards` views: the overview of what is loaded (frameworks, pathways, credentials),
//! and a tree of standards (a framework's, or one standard's ancestors and children).
//!
//! The JSON fields are declared in alphabetical order: that is the order these documents have
//! always had (they began as `serde_json::Value`s, whose keys sort).

use serde::Serialize;

use crate::model::{AppliesTo, StandardIdx, StandardsSet};
use crate::report::{Cell, Sheet, View, number, text};

#[derive(Serialize)]
pub struct StandardsOverview<'a> {
    cluster: IdTitle<'a>,
    credentials: Vec<CredentialJson<'a>>,
    depth_scale: Vec<DepthJson<'a>>,
    frameworks: Vec<FrameworkJson<'a>>,
    mastery: &'a str,
    pathways: Vec<PathwayJson<'a>>,
    /// The whole set, for `--format case`.
    #[serde(skip)]
    set: &'a StandardsSet,
}

#[derive(Serialize)]
struct IdTitle<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct CredentialJson<'a> {
    id: &'a str,
    issuer: &'a str,
    pathways: Vec<&'a str>,
    requires: Vec<&'a str>,
    title: &'a str,
}

#[derive(Serialize)]
struct DepthJson<'a> {
    code: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct FrameworkJson<'a> {
    applies_to: String,
    attribution: &'a str,
    coverage_depth: u8,
    id: &'a str,
    source: &'a str,
    title: &'a str,
    version: &'a str,
    /// How many standards it holds, and how many at the coverage depth.
    #[serde(skip)]
    counts: (usize, usize),
}

#[derive(Serialize)]
struct PathwayJson<'a> {
    aliases: &'a [String],
    framework: &'a str,
    id: &'a str,
    required: Vec<&'a str>,
    title: &'a str,
}

/// `all`, or the pathway IDs a framework applies to.
fn applies(set: &StandardsSet, a: &AppliesTo) -> String {
    match a {
        AppliesTo::All => "all".to_string(),
        AppliesTo::Pathways(p) => {
            p.iter().map(|&i| set.cluster.pathways[i].id.as_str()).collect::<Vec<_>>().join(" ")
        }
    }
}

fn ids<'a>(set: &'a StandardsSet, list: &[StandardIdx]) -> Vec<&'a str> {
    list.iter().map(|&s| set.standard(s).id.as_str()).collect()
}

impl<'a> StandardsOverview<'a> {
    pub fn new(set: &'a StandardsSet) -> Self {
        let c = &set.cluster;
        let framework = |(i, f): (usize, &'a crate::model::Framework)| {
            let all: Vec<StandardIdx> = set.framework_standards(i).collect();
            let counted = all.iter().filter(|&&s| set.standard(s).depth == f.coverage_depth).count();
            FrameworkJson {
                applies_to: applies(set, &f.applies_to),
                attribution: &f.attribution,
                coverage_depth: f.coverage_depth,
                id: &f.id,
                source: &f.source,
                title: &f.title,
                version: &f.version,
                counts: (all.len(), counted),
            }
        };
        let pathway = |(i, p): (usize, &'a crate::model::Pathway)| PathwayJson {
            aliases: &p.aliases,
            framework: &p.framework,
            id: &p.id,
            required: ids(set, set.required(i)),
            title: &p.title,
        };
        let credential = |cr: &'a crate::model::Credential| CredentialJson {
            id: &cr.id,
            issuer: &cr.issuer,
            pathways: cr.pathways.iter().map(|&p| c.pathways[p].id.as_str()).collect(),
            requires: ids(set, &cr.requires),
            title: &cr.title,
        };
        StandardsOverview {
            cluster: IdTitle { id: &c.id, title: &c.title },
            credentials: c.credentials.iter().map(credential).collect(),
            depth_scale: c.depth_scale.iter().map(|d| DepthJson { code: &d.code, name: &d.name }).collect(),
            frameworks: set.frameworks.iter().enumerate().map(framework).collect(),
            mastery: c.depth_code(c.mastery),
            pathways: c.pathways.iter().enumerate().map(pathway).collect(),
            set,
        }
    }
}

impl View for StandardsOverview<'_> {
    const COMMAND: &'static str = "standards";

    fn standards_set(&self) -> Option<&StandardsSet> {
        Some(self.set)
    }

    fn sheets(&self) -> Vec<Sheet> {
        let frameworks = Sheet {
            title: Some(format!("{} ({}): frameworks", self.cluster.title, self.cluster.id)),
            columns: vec![
                text("id"),
                text("title"),
                text("version"),
                text("applies to"),
                number("coverage depth"),
                number("standards"),
                number("counted"),
            ],
            rows: self
                .frameworks
                .iter()
                .map(|f| {
                    vec![
                        Cell::from(f.id),
                        f.title.into(),
                        f.version.into(),
                        f.applies_to.as_str().into(),
                        f.coverage_depth.to_string().into(),
                        f.counts.0.to_string().into(),
                        f.counts.1.to_string().into(),
                    ]
                })
                .collect(),
            note: None,
        };
        let pathways = Sheet {
            title: Some("Pathways".into()),
            columns: vec![
                text("id"),
                text("title"),
                text("framework"),
                text("aliases"),
                number("required standards"),
            ],
            rows: self
                .pathways
                .iter()
                .map(|p| {
                    let required = p.required.len().to_string();
                    vec![
                        Cell::from(p.id),
                        p.title.into(),
                        p.framework.into(),
                        p.aliases.join(", ").into(),
                        required.into(),
                    ]
                })
                .collect(),
            note: None,
        };
        let scale: Vec<String> = self.depth_scale.iter().map(|d| format!("{} {}", d.code, d.name)).collect();
        let credentials = Sheet {
            title: Some("Credentials".into()),
            columns: vec![text("id"), text("title"), text("issuer"), text("pathways"), text("requires")],
            rows: self
                .credentials
                .iter()
                .map(|cr| {
                    vec![
                        Cell::from(cr.id),
                        cr.title.into(),
                        cr.issuer.into(),
                        cr.pathways.join(" ").into(),
                        cr.requires.join(" ").into(),
                    ]
                })
                .collect(),
            note: Some(format!("depth scale: {}; mastery at {}", scale.join(", "), self.mastery)),
        };
        vec![frameworks, pathways, credentials]
    }
}

/// Standards in tree order with every ID, depth and title.
#[derive(Serialize)]
pub struct StandardsTree<'a> {
    standards: Vec<StandardJson<'a>>,
    #[serde(skip)]
    title: Option<String>,
    #[serde(skip)]
    note: Option<String>,
}

#[derive(Serialize)]
struct StandardJson<'a> {
    /// Whether coverage is counted at this standard.
    counted: bool,
    /// Tree depth: 1 for a top-level standard.
    depth: u8,
    framework: &'a str,
    id: &'a str,
    keywords: &'a [String],
    parent: Option<&'a str>,
    statement: Option<&'a str>,
    title: &'a str,
}

impl<'a> StandardsTree<'a> {
    /// The standards `ids`, under `title` (by default, their framework's).
    pub fn new(set: &'a StandardsSet, ids: &[StandardIdx], title: Option<String>) -> Self {
        let fw_title = ids.first().map(|&i| {
            let f = set.framework_of(i);
            format!("{} {} ({}); coverage counted at depth {}", f.id, f.title, f.version, f.coverage_depth)
        });
        let json = |&i: &StandardIdx| {
            let s = set.standard(i);
            StandardJson {
                counted: set.counted_as(i) == Some(i),
                depth: s.depth,
                framework: &set.framework_of(i).id,
                id: &s.id,
                keywords: &s.keywords,
                parent: s.parent.map(|p| set.standard(p).id.as_str()),
                statement: s.statement.as_deref(),
                title: &s.title,
            }
        };
        StandardsTree {
            standards: ids.iter().map(json).collect(),
            title: title.or(fw_title),
            note: ids.first().map(|&i| set.framework_of(i).attribution.clone()).filter(|a| !a.is_empty()),
        }
    }

    /// One standard: its ancestors, itself, and its children.
    pub fn one(set: &'a StandardsSet, i: StandardIdx) -> Self {
        let mut ids = set.ancestors(i);
        ids.push(i);
        let mut stack: Vec<StandardIdx> = set.standard(i).children.iter().rev().copied().collect();
        while let Some(c) = stack.pop() {
            ids.push(c);
            stack.extend(set.standard(c).children.iter().rev());
        }
        let s = set.standard(i);
        StandardsTree::new(set, &ids, Some(format!("{} {}", s.id, s.title)))
    }
}

impl View for StandardsTree<'_> {
    const COMMAND: &'static str = "standards";

    /// Each title indented by its depth where the format shows indents (the table).
    fn sheets(&self) -> Vec<Sheet> {
        let row = |s: &StandardJson| {
            vec![
                Cell::from(s.id),
                s.depth.to_string().into(),
                Cell::indented(s.title, s.depth.saturating_sub(1)),
                s.statement.unwrap_or("").into(),
            ]
        };
        vec![Sheet {
            title: self.title.clone(),
            columns: vec![text("id"), number("depth"), text("title"), text("statement")],
            rows: self.standards.iter().map(row).collect(),
            note: self.note.clone(),
        }]
    }
}
