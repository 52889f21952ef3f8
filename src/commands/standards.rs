//! `cte-align standards [QUERY]`: browse what is loaded. No query: the frameworks, pathways
//! and credentials. A framework prefix: its tree. A standard ID: it, its ancestors and children.

use serde::Serialize;

use crate::Outcome;
use crate::cli::StandardsArgs;
use crate::model::{AppliesTo, Lookup, StandardIdx, StandardsSet};
use crate::report::{self, Cell, Format, Report, Sheet, number, text};
use crate::settings;

#[derive(Serialize)]
struct StandardJson<'a> {
    id: &'a str,
    framework: &'a str,
    /// Tree depth: 1 for a top-level standard.
    depth: u8,
    /// Whether coverage is counted at this standard.
    counted: bool,
    parent: Option<&'a str>,
    title: &'a str,
    statement: Option<&'a str>,
    keywords: &'a [String],
}

fn standard_json(set: &StandardsSet, i: StandardIdx) -> StandardJson<'_> {
    let s = set.standard(i);
    StandardJson {
        id: &s.id,
        framework: &set.framework_of(i).id,
        depth: s.depth,
        counted: set.counted_as(i) == Some(i),
        parent: s.parent.map(|p| set.standard(p).id.as_str()),
        title: &s.title,
        statement: s.statement.as_deref(),
        keywords: &s.keywords,
    }
}

pub fn run(set: &StandardsSet, args: StandardsArgs) -> anyhow::Result<Outcome> {
    let style = settings::style(&args.output);
    // Only the table shows the tree by indenting titles: CSV is for scripts, and Markdown
    // trims a cell's leading spaces; both have the depth column.
    let indent = style.format == Format::Table;
    let report = match args.query.as_deref().map(str::trim) {
        None | Some("") => overview(set),
        Some(q) => match set.framework_by_id(q) {
            Some(fw) => tree(set, &set.framework_standards(fw).collect::<Vec<_>>(), None, indent),
            None => match set.lookup(q) {
                Lookup::Found(i) | Lookup::Legacy(i) => one(set, i, indent),
                Lookup::NotFound { suggestion } => {
                    let prefixes: Vec<&str> = set.frameworks.iter().map(|f| f.id.as_str()).collect();
                    let hint = suggestion
                        .or_else(|| crate::suggest::closest(q, prefixes.iter().copied()))
                        .map(|s| format!("; did you mean {s}?"))
                        .unwrap_or_else(|| format!("; the frameworks are {}", prefixes.join(", ")));
                    anyhow::bail!("no framework or standard \"{q}\"{hint}");
                }
            },
        },
    };
    let text = report::render(&report, style);
    report::write_output(&settings::destination(&args.output), &text, &[])?;
    Ok(Outcome::Pass)
}

fn overview(set: &StandardsSet) -> Report<'_> {
    Report {
        sheets: vec![frameworks_sheet(set), pathways_sheet(set), credentials_sheet(set)],
        primary: 0,
        json: report::json("standards", overview_json(set)),
    }
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

fn frameworks_sheet(set: &StandardsSet) -> Sheet {
    let c = &set.cluster;
    Sheet {
        title: Some(format!("{} ({}): frameworks", c.title, c.id)),
        columns: vec![
            text("id"),
            text("title"),
            text("version"),
            text("applies to"),
            number("coverage depth"),
            number("standards"),
            number("counted"),
        ],
        rows: set
            .frameworks
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let all: Vec<StandardIdx> = set.framework_standards(i).collect();
                let counted = all.iter().filter(|&&s| set.standard(s).depth == f.coverage_depth).count();
                vec![
                    Cell::from(f.id.as_str()),
                    f.title.as_str().into(),
                    f.version.as_str().into(),
                    applies(set, &f.applies_to).into(),
                    f.coverage_depth.to_string().into(),
                    all.len().to_string().into(),
                    counted.to_string().into(),
                ]
            })
            .collect(),
        note: None,
    }
}

fn pathways_sheet(set: &StandardsSet) -> Sheet {
    Sheet {
        title: Some("Pathways".into()),
        columns: vec![
            text("id"),
            text("title"),
            text("framework"),
            text("aliases"),
            number("required standards"),
        ],
        rows: set
            .cluster
            .pathways
            .iter()
            .enumerate()
            .map(|(i, p)| {
                vec![
                    Cell::from(p.id.as_str()),
                    p.title.as_str().into(),
                    p.framework.as_str().into(),
                    p.aliases.join(", ").into(),
                    set.required(i).len().to_string().into(),
                ]
            })
            .collect(),
        note: None,
    }
}

fn credentials_sheet(set: &StandardsSet) -> Sheet {
    let c = &set.cluster;
    Sheet {
        title: Some("Credentials".into()),
        columns: vec![text("id"), text("title"), text("issuer"), text("pathways"), text("requires")],
        rows: c
            .credentials
            .iter()
            .map(|cr| {
                let pathways: Vec<&str> = cr.pathways.iter().map(|&p| c.pathways[p].id.as_str()).collect();
                let requires: Vec<&str> = cr.requires.iter().map(|&s| set.standard(s).id.as_str()).collect();
                vec![
                    Cell::from(cr.id.as_str()),
                    cr.title.as_str().into(),
                    cr.issuer.as_str().into(),
                    pathways.join(" ").into(),
                    requires.join(" ").into(),
                ]
            })
            .collect(),
        note: Some(format!(
            "depth scale: {}; mastery at {}",
            c.depth_scale.iter().map(|d| format!("{} {}", d.code, d.name)).collect::<Vec<_>>().join(", "),
            c.depth_code(c.mastery)
        )),
    }
}

fn overview_json(set: &StandardsSet) -> serde_json::Value {
    let c = &set.cluster;
    let ids = |list: &[StandardIdx]| list.iter().map(|&s| set.standard(s).id.as_str()).collect::<Vec<_>>();
    serde_json::json!({
        "cluster": { "id": c.id, "title": c.title },
        "depth_scale": c.depth_scale.iter().map(|d| serde_json::json!({"code": d.code, "name": d.name})).collect::<Vec<_>>(),
        "mastery": c.depth_code(c.mastery),
        "frameworks": set.frameworks.iter().map(|f| serde_json::json!({
            "id": f.id, "title": f.title, "version": f.version, "source": f.source,
            "attribution": f.attribution, "applies_to": applies(set, &f.applies_to), "coverage_depth": f.coverage_depth,
        })).collect::<Vec<_>>(),
        "pathways": c.pathways.iter().enumerate().map(|(i, p)| serde_json::json!({
            "id": p.id, "title": p.title, "aliases": p.aliases, "framework": p.framework,
            "required": ids(set.required(i)),
        })).collect::<Vec<_>>(),
        "credentials": c.credentials.iter().map(|cr| serde_json::json!({
            "id": cr.id, "title": cr.title, "issuer": cr.issuer,
            "pathways": cr.pathways.iter().map(|&p| c.pathways[p].id.as_str()).collect::<Vec<_>>(),
            "requires": ids(&cr.requires),
        })).collect::<Vec<_>>(),
    })
}

/// Standards in tree order with every ID, depth and title; with `indent`, each title indented
/// by its depth (for the table).
fn tree<'a>(set: &'a StandardsSet, ids: &[StandardIdx], title: Option<String>, indent: bool) -> Report<'a> {
    let rows = ids
        .iter()
        .map(|&i| {
            let s = set.standard(i);
            let indent =
                if indent { "  ".repeat(usize::from(s.depth.saturating_sub(1))) } else { String::new() };
            vec![
                Cell::from(s.id.as_str()),
                s.depth.to_string().into(),
                format!("{indent}{}", s.title).into(),
                s.statement.as_deref().unwrap_or("").into(),
            ]
        })
        .collect();
    let fw_title = ids.first().map(|&i| {
        let f = set.framework_of(i);
        format!("{} {} ({}); coverage counted at depth {}", f.id, f.title, f.version, f.coverage_depth)
    });
    let sheet = Sheet {
        title: title.or(fw_title),
        columns: vec![text("id"), number("depth"), text("title"), text("statement")],
        rows,
        note: ids.first().map(|&i| set.framework_of(i).attribution.clone()).filter(|a| !a.is_empty()),
    };
    let json: Vec<StandardJson> = ids.iter().map(|&i| standard_json(set, i)).collect();
    Report {
        sheets: vec![sheet],
        primary: 0,
        json: report::json("standards", serde_json::json!({ "standards": json })),
    }
}

/// One standard: its ancestors, itself, and its children.
fn one(set: &StandardsSet, i: StandardIdx, indent: bool) -> Report<'_> {
    let mut ids = set.ancestors(i);
    ids.push(i);
    let mut descendants = Vec::new();
    let mut stack: Vec<StandardIdx> = set.standard(i).children.iter().rev().copied().collect();
    while let Some(c) = stack.pop() {
        descendants.push(c);
        stack.extend(set.standard(c).children.iter().rev());
    }
    ids.extend(descendants);
    let s = set.standard(i);
    tree(set, &ids, Some(format!("{} {}", s.id, s.title)), indent)
}
