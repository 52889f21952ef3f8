//! `import-case`'s conversion: a CASE package read into a [tree](super::from_case::CaseTree) ->
//! our YAML, a `cluster.yaml` and one framework file, which load back into the same framework.
//!
//! Every string is written as a JSON string, which is also a YAML double-quoted scalar, so no
//! statement can be misread (`:`, `#`, a leading `-` or `*`, `yes`).

use std::fmt::Write;

use super::from_case::CaseTree;

/// What the user chose, or the defaults settled.
pub struct ImportChoice {
    /// The framework's prefix.
    pub prefix: String,
    /// The tree depth coverage is counted at.
    pub coverage_depth: u8,
    /// The pathways (IDs) the framework applies to; each is written into `cluster.yaml`.
    pub pathways: Vec<String>,
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The `cluster.yaml` text: one pathway a chosen pathway ID, each held by the framework.
pub fn cluster_yaml(tree: &CaseTree, choice: &ImportChoice) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Written by `cte-align import-case` from {}", q(&tree.file));
    let _ = writeln!(out, "id: {}", q(&choice.prefix));
    let _ = writeln!(out, "title: {}", q(&tree.title));
    out.push_str("pathways:\n");
    for p in &choice.pathways {
        let _ = writeln!(
            out,
            "  - id: {}\n    title: {}\n    framework: {}",
            q(p),
            q(&tree.title),
            q(&choice.prefix)
        );
    }
    out
}

/// The framework file's text.
pub fn framework_yaml(tree: &CaseTree, choice: &ImportChoice) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Written by `cte-align import-case` from the CASE package {}", q(&tree.file));
    let _ = writeln!(out, "# CASE document: {}", tree.document_id);
    let _ = writeln!(out, "id: {}", q(&choice.prefix));
    let _ = writeln!(out, "title: {}", q(&tree.title));
    let _ = writeln!(out, "version: {}", q(&tree.version));
    let _ = writeln!(out, "source: {}", q(&tree.source));
    let _ = writeln!(out, "attribution: {}", q(&tree.attribution));
    let pathways: Vec<String> = choice.pathways.iter().map(|p| q(p)).collect();
    let _ = writeln!(out, "applies_to: [{}]", pathways.join(", "));
    let _ = writeln!(out, "coverage_depth: {}", choice.coverage_depth);
    out.push_str("nested_codes: false\n");
    out.push_str("standards:\n");
    for &i in &tree.roots {
        standard(tree, i, 1, &mut out);
    }
    out
}

fn standard(tree: &CaseTree, i: usize, level: usize, out: &mut String) {
    let pad = "  ".repeat(2 * level - 1);
    let item = &tree.items[i];
    let _ = writeln!(out, "{pad}- code: {}", q(&tree.codes[i]));
    let _ = writeln!(out, "{pad}  title: {}", q(&item.title));
    if !item.statement.is_empty() && item.statement != item.title {
        let _ = writeln!(out, "{pad}  statement: {}", q(&item.statement));
    }
    if !item.keywords.is_empty() {
        let words: Vec<String> = item.keywords.iter().map(|k| q(k)).collect();
        let _ = writeln!(out, "{pad}  keywords: [{}]", words.join(", "));
    }
    let _ = writeln!(out, "{pad}  case_id: {}", q(&item.identifier));
    if !tree.children[i].is_empty() {
        let _ = writeln!(out, "{pad}  children:");
        for &c in &tree.children[i] {
            standard(tree, c, level + 1, out);
        }
    }
}
