//! The CASE reader: a 1EdTech CASE **package** (a `CFPackage` JSON file) -> one framework of
//! the [raw model](super::raw).
//!
//! A package is flat: a `CFDocument`, its `CFItems`, and `CFAssociations` between them. The
//! tree comes from the `isChildOf` associations (origin = the child, destination = its parent;
//! the document is the root). Each item becomes a standard:
//!
//! - its **code** is its `humanCodingScheme` where it has one that no other item shares;
//!   otherwise a code generated from its place in the tree (its parent's code, `.`, its
//!   position among its siblings: `K-PS2.1`), stable for the same package;
//! - its **title** is its `abbreviatedStatement`, else its `fullStatement`, as plain text
//!   (HTML tags and control characters removed) and shortened; the whole text is its statement;
//! - its CASE `identifier` (a UUID) is kept, and found wherever a standard ID is.
//!
//! The framework's prefix is the acronym of the document's title (`Next Generation Science
//! Standards` -> `NGSS`). Real servers emit CASE 1.0 and 1.1 with optional fields missing and
//! extra ones present, so the serde structs here ignore unknown fields and take either form
//! of the fields that vary (`sequenceNumber` as a number or a string), unlike our strict YAML.
//! Positions are JSON paths with the line and column of the item or association they are in.
//!
//! `exactMatchOf` and `isRelatedTo` associations become [crosswalk](super::crosswalk) entries
//! (`exact`, `related`), checked with those of `crosswalks/*.csv`; their ends are resolved
//! only then, since they usually point outside the package.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::Source;
use super::raw::{Located, RawAppliesTo, RawCluster, RawCrosswalk, RawFramework, RawPathway, RawStandard};
use crate::diagnostic::{Diagnostics, Pos, Position};
use crate::model::normalize_id;

/// The largest package read: NGSS, 1,037 items, is 1.4 MB; a 10,000-item package about 10 MB.
pub const MAX_CASE_BYTES: usize = 64 * 1024 * 1024;
/// Items in one package.
pub const MAX_CASE_ITEMS: usize = 200_000;
/// Levels of the tree under the document (real frameworks have at most 6 or 7).
pub const MAX_CASE_DEPTH: u8 = 32;
/// Characters of a title taken from a statement; the whole statement is kept beside it.
const MAX_TITLE_CHARS: usize = 100;

/// Whether a standards file is read as a CASE package.
pub fn is_package(name: &str) -> bool {
    std::path::Path::new(name).extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

#[derive(Deserialize)]
struct Package<'a> {
    #[serde(rename = "CFDocument", borrow)]
    document: Option<&'a RawValue>,
    #[serde(rename = "CFItems", default, borrow)]
    items: Option<Vec<&'a RawValue>>,
    #[serde(rename = "CFAssociations", default, borrow)]
    associations: Option<Vec<&'a RawValue>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Document {
    identifier: String,
    title: Option<String>,
    version: Option<String>,
    creator: Option<String>,
    publisher: Option<String>,
    #[serde(rename = "officialSourceURL")]
    official_source_url: Option<String>,
    uri: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    identifier: String,
    full_statement: Option<String>,
    abbreviated_statement: Option<String>,
    human_coding_scheme: Option<String>,
    #[serde(rename = "CFItemType")]
    item_type: Option<String>,
    #[serde(rename = "CFItemTypeURI")]
    item_type_uri: Option<Link>,
    concept_keywords: Option<serde_json::Value>,
}

/// A `LinkURI` / `LinkGenURI`: what an association points at.
#[derive(Deserialize)]
struct Link {
    identifier: Option<String>,
    title: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Association {
    association_type: String,
    #[serde(rename = "originNodeURI")]
    origin: Option<Link>,
    /// The pre-1.0 draft format's field for the origin's identifier.
    origin_node_identifier: Option<String>,
    #[serde(rename = "destinationNodeURI")]
    destination: Option<Link>,
    destination_node_identifier: Option<String>,
    /// A number in the standard; a string in some OpenSALT output.
    sequence_number: Option<serde_json::Value>,
}

/// One item as read, with where it is.
pub(crate) struct CaseItem {
    pub identifier: String,
    pub code: Option<String>,
    /// Its `CFItemType` (or the title of its `CFItemTypeURI`): what `import-case` can choose
    /// the coverage depth by.
    pub item_type: Option<String>,
    pub title: String,
    pub statement: String,
    pub keywords: Vec<String>,
    /// `$.CFItems[i]`, and the line and column of its `{`.
    pub path: String,
    pub pos: Pos,
}

/// A package read into a tree, before it becomes a framework: what the framework and
/// `import-case` both start from.
pub(crate) struct CaseTree {
    pub file: String,
    pub prefix: String,
    pub title: String,
    pub version: String,
    pub source: String,
    pub attribution: String,
    pub document_id: String,
    pub items: Vec<CaseItem>,
    /// The top-level items, then each item's children, in order (by `sequenceNumber`, then as
    /// listed); only items reached from the document.
    pub roots: Vec<usize>,
    pub children: Vec<Vec<usize>>,
    /// Each item's tree depth (1 at the top); 0 for an item not reached from the document.
    pub depth: Vec<u8>,
    /// Each item's code: its own, or a generated one.
    pub codes: Vec<String>,
    /// The `exactMatchOf` and `isRelatedTo` associations, which become crosswalk entries.
    pub matches: Vec<CaseMatch>,
}

/// An `exactMatchOf` or `isRelatedTo` association: origin and destination identifiers as
/// written (either may be outside the package), and where it is.
pub(crate) struct CaseMatch {
    pub origin: String,
    pub destination: String,
    /// `exact` or `related`, as a crosswalk file writes the relation.
    pub relation: &'static str,
    pub at: Position,
}

impl CaseMatch {
    /// The crosswalk entry it stands for, left out quietly when it cannot be one.
    fn crosswalk(&self, file: &str) -> RawCrosswalk {
        let located = |s: &str| Located::new(s.to_string(), self.at.clone());
        RawCrosswalk {
            file: file.to_string(),
            from: located(&self.origin),
            to: located(&self.destination),
            relation: located(self.relation),
            depth: None,
            from_case: true,
        }
    }
}

/// The crosswalk relation a CASE association type stands for, if any.
fn match_relation(association_type: &str) -> Option<&'static str> {
    match association_type {
        "exactMatchOf" => Some("exact"),
        "isRelatedTo" => Some("related"),
        _ => None,
    }
}

/// The `CFItemType` of a top-level item that is a framework of its own, as `--format case`
/// writes a set of several frameworks: its `humanCodingScheme` is the framework's prefix.
pub const FRAMEWORK_ITEM_TYPE: &str = "Framework";

/// Parses each package and adds its frameworks to `frameworks` (one, or one a top-level item
/// of type [`FRAMEWORK_ITEM_TYPE`]) and its `exactMatchOf` / `isRelatedTo` associations to
/// `crosswalks`, with a diagnostic for each problem; returns the title of each package that
/// read. `applies_to` is left as `all`; the caller settles it once the cluster is known.
pub fn read(
    sources: &[Source],
    frameworks: &mut Vec<RawFramework>,
    crosswalks: &mut Vec<RawCrosswalk>,
    diags: &mut Diagnostics,
) -> Vec<String> {
    let mut titles = Vec::new();
    for src in sources {
        if let Some(tree) = read_tree(src, diags) {
            frameworks.extend(tree.frameworks());
            crosswalks.extend(tree.matches.iter().map(|m| m.crosswalk(&tree.file)));
            titles.push(tree.title);
        }
    }
    titles
}

/// The cluster of a set made of packages alone (no `cluster.yaml`): one pathway a framework,
/// named by its prefix, with the default depth scale and no credentials; named after the
/// package when there is one (`titles`: each package's).
pub fn cluster_for(frameworks: &[RawFramework], titles: &[String]) -> RawCluster {
    let top = Position::JsonPath { path: "$".to_string(), line_column: None };
    let (id, title, file) = match (frameworks, titles) {
        ([one], _) => (one.id.value.clone(), one.title.value.clone(), one.file.clone()),
        ([first, ..], [title]) => (acronym(title), title.clone(), first.file.clone()),
        _ => ("CASE".to_string(), "CASE packages".to_string(), "<standards>".to_string()),
    };
    let pathways = frameworks
        .iter()
        .map(|f| RawPathway {
            id: f.id.clone(),
            title: f.title.clone(),
            aliases: Vec::new(),
            framework: f.id.clone(),
        })
        .collect();
    RawCluster {
        file,
        at: top.clone(),
        id: Located::new(id, top.clone()),
        title: Located::new(title, top),
        depth_scale: None,
        mastery: None,
        pathways,
        credentials: Vec::new(),
    }
}

/// Which pathways a package's framework applies to, once the cluster is known: those whose
/// `framework` names it; all of them when none does (a package beside the cluster that no
/// pathway names is shared, like the foundation standards).
pub fn settle_applies_to(framework: &mut RawFramework, cluster: &RawCluster) {
    let prefix = framework.id.value.as_str();
    let named: Vec<Located<String>> = cluster
        .pathways
        .iter()
        .filter(|p| p.framework.value.trim().eq_ignore_ascii_case(prefix))
        .map(|p| Located::new(p.id.value.trim().to_string(), framework.applies_to.at.clone()))
        .collect();
    if !named.is_empty() {
        framework.applies_to.value = RawAppliesTo::Pathways(named);
    }
}

/// Reads one package into a tree; `None` when it is not a package or is too broken to use
/// (each problem already added to `diags`).
pub(crate) fn read_tree(src: &Source, diags: &mut Diagnostics) -> Option<CaseTree> {
    let file = src.name.as_str();
    let lines = LineIndex::new(&src.text);
    if src.text.len() > MAX_CASE_BYTES {
        let message = format!(
            "the package is {} bytes, over the limit of {} MiB for a standards file; split the \
             framework into several packages",
            src.text.len(),
            MAX_CASE_BYTES / (1024 * 1024)
        );
        diags.error_at(file, &Position::TOP, message);
        return None;
    }
    let package: Package = match serde_json::from_str(&src.text) {
        Ok(p) => p,
        Err(e) => {
            let at = Pos { line: e.line() as u64, column: e.column() as u64 };
            diags.error(file, at, format!("this is not valid JSON: {}", serde_message(&e)));
            return None;
        }
    };
    let Some(document) = package.document else {
        diags.error_at(
            file,
            &Position::TOP,
            "no CFDocument: this is not a CASE package (a CFPackage, as served at \
             /ims/case/v1p1/CFPackages/{id}); only .json files that are CASE packages belong in a \
             standards directory",
        );
        return None;
    };
    let document: Document = parse_at(document, "$.CFDocument", &src.text, &lines, file, diags)?;
    let items = package.items.unwrap_or_default();
    if items.len() > MAX_CASE_ITEMS {
        let message = format!(
            "$.CFItems: the package has {} items, over the limit of {MAX_CASE_ITEMS}; split it \
             into several packages",
            items.len()
        );
        diags.error_at(file, &Position::TOP, message);
        return None;
    }
    let items: Vec<CaseItem> = items
        .iter()
        .enumerate()
        .filter_map(|(i, raw)| {
            let path = format!("$.CFItems[{i}]");
            let item: Item = parse_at(raw, &path, &src.text, &lines, file, diags)?;
            Some(case_item(item, path, lines.pos(&src.text, raw.get())))
        })
        .collect();
    let title = plain_text(document.title.as_deref().unwrap_or_default());
    let mut tree = CaseTree {
        file: file.to_string(),
        prefix: acronym(&title),
        version: document.version.unwrap_or_default(),
        source: document.official_source_url.or(document.uri).unwrap_or_default(),
        attribution: document.publisher.or(document.creator).unwrap_or_default(),
        document_id: document.identifier.trim().to_lowercase(),
        title,
        children: vec![Vec::new(); items.len()],
        depth: vec![0; items.len()],
        codes: vec![String::new(); items.len()],
        roots: Vec::new(),
        matches: Vec::new(),
        items,
    };
    let associations = package.associations.unwrap_or_default();
    tree.link(&associations, &src.text, &lines, diags);
    tree.assign_codes();
    Some(tree)
}

/// Parses one value of the package, reporting a failure at its JSON path, line and column.
fn parse_at<'a, T: Deserialize<'a>>(
    raw: &'a RawValue,
    path: &str,
    text: &str,
    lines: &LineIndex,
    file: &str,
    diags: &mut Diagnostics,
) -> Option<T> {
    match serde_json::from_str(raw.get()) {
        Ok(v) => Some(v),
        Err(e) => {
            let start = lines.pos(text, raw.get());
            // serde_json counts from the value's start: move its line and column to the file's.
            let line = start.line + e.line() as u64 - 1;
            let column = if e.line() <= 1 { start.column + e.column() as u64 - 1 } else { e.column() as u64 };
            let at = Position::JsonPath { path: path.to_string(), line_column: Some(Pos { line, column }) };
            diags.error_at(file, &at, serde_message(&e));
            None
        }
    }
}

/// serde_json's message without its own ` at line L column C`, which is relative to the value.
fn serde_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rsplit_once(" at line ") {
        Some((message, _)) => message.to_string(),
        None => text,
    }
}

fn case_item(item: Item, path: String, pos: Pos) -> CaseItem {
    let full = plain_text(item.full_statement.as_deref().unwrap_or_default());
    let abbreviated = plain_text(item.abbreviated_statement.as_deref().unwrap_or_default());
    let code = item.human_coding_scheme.map(|c| plain_text(&c)).filter(|c| !c.is_empty());
    let title = if !abbreviated.is_empty() {
        abbreviated
    } else if !full.is_empty() {
        shorten(&full, MAX_TITLE_CHARS)
    } else {
        // No statement at all: the code stands for it; with neither, validation says "empty".
        code.clone().unwrap_or_default()
    };
    let item_type = item
        .item_type
        .or_else(|| item.item_type_uri.and_then(|l| l.title))
        .map(|t| plain_text(&t))
        .filter(|t| !t.is_empty());
    CaseItem {
        identifier: item.identifier.trim().to_string(),
        code,
        item_type,
        title,
        statement: full,
        keywords: keywords(item.concept_keywords),
        path,
        pos,
    }
}

/// `conceptKeywords`: a list of strings, or one string in some output.
fn keywords(value: Option<serde_json::Value>) -> Vec<String> {
    match value {
        Some(serde_json::Value::String(s)) => vec![plain_text(&s)],
        Some(serde_json::Value::Array(a)) => {
            a.iter().filter_map(|v| v.as_str()).map(plain_text).filter(|s| !s.is_empty()).collect()
        }
        _ => Vec::new(),
    }
}

/// Where an `isChildOf` association places its origin.
#[derive(Clone, Copy)]
enum Parent {
    Document,
    Item(usize),
}

impl CaseTree {
    /// Builds the tree from the `isChildOf` associations, reporting duplicate identifiers,
    /// dangling associations, items with no parent, cycles and over-deep trees.
    fn link(&mut self, associations: &[&RawValue], text: &str, lines: &LineIndex, diags: &mut Diagnostics) {
        let file = self.file.clone();
        let mut by_id: HashMap<String, usize> = HashMap::with_capacity(self.items.len());
        for (i, item) in self.items.iter().enumerate() {
            let key = item.identifier.to_lowercase();
            if let Some(&first) = by_id.get(&key) {
                let at = self.at(i, ".identifier");
                let message = format!(
                    "duplicate identifier {} (first used at {}); each CFItem needs its own",
                    item.identifier, self.items[first].path
                );
                diags.error_at(&file, &at, message);
            } else {
                by_id.insert(key, i);
            }
        }
        // Each item's parent and its sequence number; the first isChildOf of an item wins.
        let mut parent: Vec<Option<(Parent, Option<f64>)>> = vec![None; self.items.len()];
        for (k, raw) in associations.iter().enumerate() {
            let path = format!("$.CFAssociations[{k}]");
            let Some(a) = parse_at::<Association>(raw, &path, text, lines, &file, diags) else { continue };
            let kind = a.association_type.trim();
            let relation = match_relation(kind);
            if kind != "isChildOf" && relation.is_none() {
                continue;
            }
            let at = Position::JsonPath { path: path.clone(), line_column: Some(lines.pos(text, raw.get())) };
            let origin = a.origin.and_then(|l| l.identifier).or(a.origin_node_identifier).unwrap_or_default();
            let destination = a
                .destination
                .and_then(|l| l.identifier)
                .or(a.destination_node_identifier)
                .unwrap_or_default();
            if let Some(relation) = relation {
                let (origin, destination) = (origin.trim().to_string(), destination.trim().to_string());
                self.matches.push(CaseMatch { origin, destination, relation, at });
                continue;
            }
            let Some(&child) = by_id.get(&origin.trim().to_lowercase()) else {
                let message = format!(
                    "originNodeURI: this isChildOf names \"{origin}\", which is no CFItem of the \
                     package (a dangling association); fix the identifier or remove the association"
                );
                diags.error_at(&file, &at, message);
                continue;
            };
            let dest_key = destination.trim().to_lowercase();
            let to = if dest_key == self.document_id {
                Parent::Document
            } else if let Some(&p) = by_id.get(&dest_key) {
                Parent::Item(p)
            } else {
                let message = format!(
                    "destinationNodeURI: this isChildOf names \"{destination}\", which is neither \
                     the CFDocument nor a CFItem of the package (a dangling association); fix the \
                     identifier or remove the association"
                );
                diags.error_at(&file, &at, message);
                continue;
            };
            if parent[child].is_none() {
                parent[child] = Some((to, sequence_number(a.sequence_number.as_ref())));
            }
        }
        self.place(&parent, diags);
    }

    /// Settles depths and children from each item's parent.
    fn place(&mut self, parent: &[Option<(Parent, Option<f64>)>], diags: &mut Diagnostics) {
        let file = self.file.clone();
        for (i, p) in parent.iter().enumerate() {
            if p.is_none() {
                let message = format!(
                    "item {} has no parent: no isChildOf association places it in the tree; add \
                     one whose destination is the CFDocument or another item",
                    self.describe(i)
                );
                diags.error_at(&file, &self.at(i, ""), message);
            }
        }
        // 0: not yet known; u8::MAX: on the path being walked (a cycle if met again).
        let mut reported_cycle = vec![false; self.items.len()];
        for start in 0..self.items.len() {
            let mut path = Vec::new();
            let mut cur = start;
            let base = loop {
                if self.depth[cur] != 0 && self.depth[cur] != u8::MAX {
                    break Some(self.depth[cur]);
                }
                if self.depth[cur] == u8::MAX {
                    self.report_cycle(cur, &path, &mut reported_cycle, diags);
                    break None;
                }
                match parent[cur] {
                    None => break None,
                    Some((Parent::Document, _)) => {
                        path.push(cur);
                        break Some(0);
                    }
                    Some((Parent::Item(p), _)) => {
                        self.depth[cur] = u8::MAX;
                        path.push(cur);
                        cur = p;
                    }
                }
            };
            // Unwind: each item on the path is one deeper than the one above it.
            let mut d = base;
            for &i in path.iter().rev() {
                d = d.map(|d| d.saturating_add(1));
                self.depth[i] = match d {
                    Some(d) if d <= MAX_CASE_DEPTH => d,
                    Some(_) => {
                        let message = format!(
                            "item {} is more than {MAX_CASE_DEPTH} levels under the document, over \
                             the limit; is an isChildOf pointing the wrong way?",
                            self.describe(i)
                        );
                        diags.error_at(&file, &self.at(i, ""), message);
                        d = None;
                        0
                    }
                    None => 0,
                };
            }
        }
        let mut keyed: Vec<(usize, Option<f64>, Parent)> = Vec::new();
        for (i, p) in parent.iter().enumerate() {
            if let Some((to, seq)) = p
                && self.depth[i] != 0
            {
                keyed.push((i, *seq, *to));
            }
        }
        // Siblings by sequence number (those without one after), then as listed.
        keyed.sort_by(|a, b| {
            let key = |s: Option<f64>| (s.is_none(), s.unwrap_or(0.0));
            let (x, y) = (key(a.1), key(b.1));
            x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)).then(a.0.cmp(&b.0))
        });
        for (i, _, to) in keyed {
            match to {
                Parent::Document => self.roots.push(i),
                Parent::Item(p) => self.children[p].push(i),
            }
        }
    }

    fn report_cycle(&self, at: usize, path: &[usize], reported: &mut [bool], diags: &mut Diagnostics) {
        let Some(from) = path.iter().position(|&i| i == at) else { return };
        let cycle = &path[from..];
        if cycle.iter().any(|&i| reported[i]) {
            return;
        }
        cycle.iter().for_each(|&i| reported[i] = true);
        let Some(&first) = cycle.iter().min() else { return };
        let names: Vec<String> = cycle.iter().chain([&at]).map(|&i| self.describe(i)).collect();
        let message = format!(
            "the isChildOf associations of these items form a cycle ({}), so none of them is \
             under the document; remove one of them",
            names.join(" -> ")
        );
        diags.error_at(&self.file, &self.at(first, ""), message);
    }

    /// An item as named in messages: its code, else its identifier.
    fn describe(&self, i: usize) -> String {
        let item = &self.items[i];
        item.code.clone().unwrap_or_else(|| item.identifier.clone())
    }

    /// The position of item `i`, or of one of its fields (`.humanCodingScheme`).
    fn at(&self, i: usize, field: &str) -> Position {
        let item = &self.items[i];
        Position::JsonPath { path: format!("{}{field}", item.path), line_column: Some(item.pos) }
    }

    /// Codes: an item's own where no other item of the tree shares it (compared as IDs are);
    /// otherwise its parent's code, `.`, and its place among its siblings, made unique.
    fn assign_codes(&mut self) {
        let mut count: HashMap<String, usize> = HashMap::new();
        for (i, item) in self.items.iter().enumerate() {
            if let (Some(code), true) = (&item.code, self.depth[i] != 0) {
                *count.entry(normalize_id(code)).or_default() += 1;
            }
        }
        let mut taken: std::collections::HashSet<String> =
            count.iter().filter(|(_, n)| **n == 1).map(|(k, _)| k.clone()).collect();
        let mut stack: Vec<(usize, usize, String)> =
            self.roots.iter().enumerate().rev().map(|(n, &i)| (i, n + 1, String::new())).collect();
        while let Some((i, n, base)) = stack.pop() {
            // A code no catalog could write in an alignment (with a space or a separator) is
            // replaced like a shared one.
            let own = self.items[i].code.as_ref().filter(|c| {
                count.get(&normalize_id(c)) == Some(&1)
                    && super::validate::unwritable_in_code(c.trim()).is_none()
            });
            let code = match own {
                Some(c) => c.clone(),
                None => generated(&base, n, &mut taken),
            };
            stack.extend(self.children[i].iter().enumerate().rev().map(|(n, &c)| (c, n + 1, code.clone())));
            self.codes[i] = code;
        }
    }

    /// The package's frameworks: one a top-level item when each is of type
    /// [`FRAMEWORK_ITEM_TYPE`] with a prefix for its code (a package `--format case` wrote),
    /// its standards' codes without `PREFIX-`; otherwise the whole package, one framework.
    /// Each is counted at its [default depth](best_depth).
    pub fn frameworks(&self) -> Vec<RawFramework> {
        let is_framework = |&i: &usize| {
            let item = &self.items[i];
            let prefix = &self.codes[i];
            item.item_type.as_deref() == Some(FRAMEWORK_ITEM_TYPE)
                && item.code.as_ref() == Some(prefix)
                && prefix.starts_with(|c: char| c.is_ascii_alphabetic())
                && prefix.chars().all(|c| c.is_ascii_alphanumeric())
        };
        if self.roots.is_empty() || !self.roots.iter().all(is_framework) {
            return vec![self.framework(default_depth(self))];
        }
        let framework = |&r: &usize| {
            let prefix = self.codes[r].as_str();
            let strip = format!("{prefix}-");
            let shell = self.shell(best_depth(&self.levels_under(&self.children[r])));
            let at = self.at(r, ".humanCodingScheme");
            RawFramework {
                id: Located::new(prefix.to_string(), at.clone()),
                title: Located::new(self.items[r].title.clone(), at),
                standards: self.children[r].iter().map(|&c| self.standard(c, &strip)).collect(),
                ..shell
            }
        };
        self.roots.iter().map(framework).collect()
    }

    /// The framework: each reached item a standard, counted at `coverage_depth`.
    pub fn framework(&self, coverage_depth: u8) -> RawFramework {
        RawFramework {
            standards: self.roots.iter().map(|&i| self.standard(i, "")).collect(),
            ..self.shell(coverage_depth)
        }
    }

    /// The framework of the whole package, without its standards.
    fn shell(&self, coverage_depth: u8) -> RawFramework {
        let doc =
            |field: &str| Position::JsonPath { path: format!("$.CFDocument{field}"), line_column: None };
        RawFramework {
            file: self.file.clone(),
            id: Located::new(self.prefix.clone(), doc(".title")),
            title: Located::new(self.title.clone(), doc(".title")),
            version: self.version.clone(),
            source: self.source.clone(),
            attribution: self.attribution.clone(),
            applies_to: Located::new(RawAppliesTo::All, doc("")),
            coverage_depth: Located::new(coverage_depth, doc("")),
            legacy_codes: false,
            nested_codes: false,
            standards: Vec::new(),
        }
    }

    /// Item `i` as a standard, its code without `strip` where it begins with it.
    fn standard(&self, i: usize, strip: &str) -> RawStandard {
        let item = &self.items[i];
        let field = if item.code.is_some() { ".humanCodingScheme" } else { "" };
        let code = &self.codes[i];
        let code = code.strip_prefix(strip).filter(|c| !strip.is_empty() && !c.is_empty()).unwrap_or(code);
        RawStandard {
            code: Located::new(code.to_string(), self.at(i, field)),
            title: Located::new(item.title.clone(), self.at(i, ".fullStatement")),
            statement: (item.statement != item.title && !item.statement.is_empty())
                .then(|| item.statement.clone()),
            keywords: item.keywords.clone(),
            uuid: Some(item.identifier.clone()),
            children: self.children[i].iter().map(|&c| self.standard(c, strip)).collect(),
        }
    }

    /// How many reached items sit at each depth (index 0: depth 1), and how many of those
    /// have a code of their own.
    pub fn levels(&self) -> Vec<(usize, usize)> {
        self.levels_under(&self.roots)
    }

    /// [`levels`](Self::levels) of the trees under `roots`, `roots` at index 0.
    fn levels_under(&self, roots: &[usize]) -> Vec<(usize, usize)> {
        let mut levels: Vec<(usize, usize)> = Vec::new();
        let mut stack: Vec<(usize, usize)> = roots.iter().map(|&i| (i, 0)).collect();
        while let Some((i, d)) = stack.pop() {
            if levels.len() <= d {
                levels.resize(d + 1, (0, 0));
            }
            levels[d].0 += 1;
            levels[d].1 += usize::from(self.items[i].code.is_some());
            stack.extend(self.children[i].iter().map(|&c| (c, d + 1)));
        }
        levels
    }
}

/// The default coverage depth: the level with the most coded items (a package's codes mark
/// what it means as standards; NGSS codes its performance expectations, not its headings), the
/// deeper on a tie; with no codes at all, the level with the most items.
pub(crate) fn default_depth(tree: &CaseTree) -> u8 {
    best_depth(&tree.levels())
}

/// [`default_depth`] of the given [levels](CaseTree::levels).
fn best_depth(levels: &[(usize, usize)]) -> u8 {
    let coded = levels.iter().any(|l| l.1 > 0);
    let best = levels
        .iter()
        .enumerate()
        .max_by_key(|(d, l)| (if coded { l.1 } else { l.0 }, *d))
        .map(|(d, _)| d as u8 + 1);
    best.unwrap_or(1)
}

/// A generated code, `base.n`, or with a suffix when another item already has it.
fn generated(base: &str, n: usize, taken: &mut std::collections::HashSet<String>) -> String {
    let plain = if base.is_empty() { n.to_string() } else { format!("{base}.{n}") };
    let mut code = plain.clone();
    let mut k = 1;
    while !taken.insert(normalize_id(&code)) {
        k += 1;
        code = format!("{plain}v{k}");
    }
    code
}

/// `sequenceNumber` as a number: given as one, or as a string holding one.
fn sequence_number(value: Option<&serde_json::Value>) -> Option<f64> {
    match value? {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The framework prefix for a document title: the initials of its capitalized words, a word
/// in capitals whole (`ACT Holistic Framework` -> `ACTHF`), at most 8 letters and digits,
/// starting with a letter; `CASE` when the title gives none.
pub(crate) fn acronym(title: &str) -> String {
    let mut out = String::new();
    for word in title.split(|c: char| !c.is_alphanumeric()) {
        let letters: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
        if letters.len() > 1 && letters.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
            out.push_str(&letters);
        } else if let Some(c) = letters.chars().next().filter(char::is_ascii_uppercase) {
            out.push(c);
        }
    }
    let out: String = out.trim_start_matches(|c: char| c.is_ascii_digit()).chars().take(8).collect();
    if out.is_empty() { "CASE".to_string() } else { out }
}

/// A statement as plain text for a table: HTML tags dropped, the common entities decoded,
/// control characters removed, runs of white space made one space.
pub(crate) fn plain_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && rest[1..].starts_with(|n: char| n.is_ascii_alphabetic() || n == '/' || n == '!')
            && let Some(end) = rest.find('>')
        {
            out.push(' ');
            rest = &rest[end + 1..];
            continue;
        }
        if c == '&'
            && let Some((entity, len)) = entity(rest)
        {
            out.push(entity);
            rest = &rest[len..];
            continue;
        }
        if c.is_whitespace() {
            out.push(' ');
        } else if !c.is_control() {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A character entity at the start of `s`, and its length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let code = name.strip_prefix('#')?;
            let n = match code.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => code.parse().ok()?,
            };
            char::from_u32(n)?
        }
    };
    Some((c, end + 1))
}

/// `s` cut to at most `max` characters at a word boundary, with `…` when cut.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':']))
}

/// Byte offsets -> line and column (both from 1, the column in characters).
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { starts }
    }

    /// The position of `part`, a slice of `text`.
    fn pos(&self, text: &str, part: &str) -> Pos {
        let offset = (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        Pos { line: line as u64, column: column as u64 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_html_entities_and_control_characters() {
        assert_eq!(plain_text("x<sup>2</sup> &amp; y\u{98}\n  z"), "x 2 & y z");
        assert_eq!(plain_text("a < b"), "a < b");
        assert_eq!(plain_text("&#215; &#x3b8;"), "× θ");
    }

    #[test]
    fn prefixes_are_title_acronyms() {
        assert_eq!(acronym("Next Generation Science Standards"), "NGSS");
        assert_eq!(acronym("Common Core State Standards for Math"), "CCSSM");
        assert_eq!(acronym("ACT Holistic Framework, Math"), "ACTHFM");
        assert_eq!(acronym("ümlaut only"), "CASE");
    }

    #[test]
    fn long_statements_are_shortened_at_a_word() {
        let long = "word ".repeat(40);
        let short = shorten(long.trim(), 20);
        assert_eq!(short, "word word word…");
    }
}
