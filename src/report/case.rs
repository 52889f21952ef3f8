//! `--format case` (`cte-align standards` only): the loaded standards set as a 1EdTech CASE 1.1
//! **package** (a `CFPackage`), which other CASE tools read and `--standards FILE.json` reads
//! back into the same frameworks.
//!
//! The layout: the `CFDocument` is the set (its title the cluster's); each framework is a
//! top-level `CFItem` of type `Framework` whose `humanCodingScheme` is its prefix (`FS`); its
//! standards are items under it, whose `humanCodingScheme` is their whole ID (`FS-1.1`) and
//! whose type is by level (`Standard`, `Sub-standard`, then `Objective`). The tree is
//! `isChildOf` associations, ordered by `sequenceNumber`.
//!
//! Deterministic: identifiers are UUID v5 from [`NAMESPACE`] and a name (a standard's ID, a
//! framework's prefix, `cluster:` and the cluster's title, `CFItemType:` and the type,
//! `isChildOf:` and the child's identifier); a standard that came from a CASE package keeps its
//! UUID. Every timestamp is [`EPOCH`], as a set has no change date of its own. So the same set
//! always gives the same bytes, and export -> read back -> export gives the same bytes again.
//!
//! What CASE has no place for is not written: pathways, credentials, the depth scale and each
//! framework's coverage depth. A framework's version, source and attribution go on the document
//! (each the frameworks' distinct values joined by `; `), as CASE items have no such fields.

use std::io::{self, Write};

use serde::Serialize;
use uuid::Uuid;

use crate::load::standards::from_case::{FRAMEWORK_ITEM_TYPE, plain_text};
use crate::model::{StandardIdx, StandardsSet};

/// The namespace of every identifier this export makes: UUID v5 of the URL namespace and
/// `urn:cte-align:case-export`. Never change it: identifiers must stay the same across releases.
pub const NAMESPACE: Uuid = Uuid::from_u128(0xd67ec4b9_4022_533f_b9bb_bf114975191a);

/// Every `lastChangeDateTime`.
pub const EPOCH: &str = "1970-01-01T00:00:00Z";

/// The item types, by tree level under a framework (level 0: the framework itself).
const LEVEL_TYPES: [&str; 4] = [FRAMEWORK_ITEM_TYPE, "Standard", "Sub-standard", "Objective"];

#[derive(Serialize)]
struct Package {
    #[serde(rename = "CFDocument")]
    document: Document,
    #[serde(rename = "CFItems")]
    items: Vec<Item>,
    #[serde(rename = "CFAssociations")]
    associations: Vec<Association>,
    #[serde(rename = "CFDefinitions")]
    definitions: Definitions,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document {
    identifier: String,
    uri: String,
    creator: &'static str,
    title: String,
    last_change_date_time: &'static str,
    #[serde(rename = "officialSourceURL")]
    official_source_url: String,
    publisher: String,
    version: String,
    case_version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    identifier: String,
    uri: String,
    full_statement: String,
    abbreviated_statement: String,
    human_coding_scheme: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    concept_keywords: Vec<String>,
    #[serde(rename = "CFItemType")]
    item_type: &'static str,
    #[serde(rename = "CFItemTypeURI")]
    item_type_uri: Link,
    last_change_date_time: &'static str,
}

#[derive(Serialize, Clone)]
struct Link {
    title: String,
    identifier: String,
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Association {
    identifier: String,
    uri: String,
    association_type: &'static str,
    #[serde(rename = "originNodeURI")]
    origin: Link,
    #[serde(rename = "destinationNodeURI")]
    destination: Link,
    sequence_number: usize,
    last_change_date_time: &'static str,
}

#[derive(Serialize)]
struct Definitions {
    #[serde(rename = "CFItemTypes")]
    item_types: Vec<ItemType>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ItemType {
    identifier: String,
    uri: String,
    title: &'static str,
    description: String,
    hierarchy_code: String,
    last_change_date_time: &'static str,
}

/// Writes `set` as a CASE package, pretty-printed, with a final newline.
pub fn render(set: &StandardsSet, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &package(set)).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

fn package(set: &StandardsSet) -> Package {
    let document = document(set);
    let root = Link {
        title: document.title.clone(),
        identifier: document.identifier.clone(),
        uri: document.uri.clone(),
    };
    let mut builder = Builder { set, items: Vec::new(), associations: Vec::new(), levels_used: [false; 4] };
    for (n, (fw, framework)) in set.frameworks.iter().enumerate().enumerate() {
        let identifier = id(&framework.id);
        let link = builder.item(Item {
            uri: urn(&identifier),
            identifier,
            full_statement: case_text(&framework.title),
            abbreviated_statement: case_text(&framework.title),
            human_coding_scheme: framework.id.clone(),
            concept_keywords: Vec::new(),
            item_type: FRAMEWORK_ITEM_TYPE,
            item_type_uri: item_type_link(FRAMEWORK_ITEM_TYPE),
            last_change_date_time: EPOCH,
        });
        builder.levels_used[0] = true;
        builder.child_of(&link, &root, n + 1);
        let tops: Vec<StandardIdx> =
            set.framework_standards(fw).filter(|&s| set.standard(s).parent.is_none()).collect();
        builder.standards(&tops, &link, 1);
    }
    let item_types = (0..LEVEL_TYPES.len())
        .filter(|&level| builder.levels_used[level])
        .map(|level| item_type(LEVEL_TYPES[level], level))
        .collect();
    Package {
        document,
        items: builder.items,
        associations: builder.associations,
        definitions: Definitions { item_types },
    }
}

/// The document: the set, with what its frameworks say of where they come from.
fn document(set: &StandardsSet) -> Document {
    let joined = |field: fn(&crate::model::Framework) -> &str| {
        let mut values: Vec<&str> = Vec::new();
        for f in &set.frameworks {
            let v = field(f);
            if !v.is_empty() && !values.contains(&v) {
                values.push(v);
            }
        }
        case_text(&values.join("; "))
    };
    let title = case_text(&set.cluster.title);
    let identifier = id(&format!("cluster:{title}"));
    Document {
        uri: urn(&identifier),
        identifier,
        creator: "cte-align",
        title,
        last_change_date_time: EPOCH,
        official_source_url: joined(|f| &f.source),
        publisher: joined(|f| &f.attribution),
        version: joined(|f| &f.version),
        case_version: "1.1",
    }
}

struct Builder<'a> {
    set: &'a StandardsSet,
    items: Vec<Item>,
    associations: Vec<Association>,
    /// Which of [`LEVEL_TYPES`] an item has, for the definitions.
    levels_used: [bool; 4],
}

impl Builder<'_> {
    /// Adds an item; returns the link associations name it by.
    fn item(&mut self, item: Item) -> Link {
        let link = Link {
            title: item.human_coding_scheme.clone(),
            identifier: item.identifier.clone(),
            uri: item.uri.clone(),
        };
        self.items.push(item);
        link
    }

    fn child_of(&mut self, child: &Link, parent: &Link, sequence_number: usize) {
        let identifier = id(&format!("isChildOf:{}", child.identifier));
        self.associations.push(Association {
            uri: urn(&identifier),
            identifier,
            association_type: "isChildOf",
            origin: child.clone(),
            destination: parent.clone(),
            sequence_number,
            last_change_date_time: EPOCH,
        });
    }

    /// The standards `list`, children of `parent`, each followed by its own children.
    fn standards(&mut self, list: &[StandardIdx], parent: &Link, level: usize) {
        for (n, &i) in list.iter().enumerate() {
            let s = self.set.standard(i);
            let identifier = s
                .uuid
                .as_deref()
                .and_then(|u| Uuid::parse_str(u).ok())
                .unwrap_or_else(|| Uuid::new_v5(&NAMESPACE, s.id.as_bytes()));
            let identifier = identifier.hyphenated().to_string();
            let level = level.min(LEVEL_TYPES.len() - 1);
            self.levels_used[level] = true;
            let title = case_text(&s.title);
            let link = self.item(Item {
                uri: urn(&identifier),
                identifier,
                full_statement: s.statement.as_deref().map_or_else(|| title.clone(), case_text),
                abbreviated_statement: title,
                human_coding_scheme: s.id.clone(),
                concept_keywords: s.keywords.iter().map(|k| case_text(k)).filter(|k| !k.is_empty()).collect(),
                item_type: LEVEL_TYPES[level],
                item_type_uri: item_type_link(LEVEL_TYPES[level]),
                last_change_date_time: EPOCH,
            });
            self.child_of(&link, parent, n + 1);
            self.standards(&s.children, &link, level + 1);
        }
    }
}

fn item_type(title: &'static str, level: usize) -> ItemType {
    let link = item_type_link(title);
    let description = match level {
        0 => {
            "A framework of cte-align: its humanCodingScheme is the prefix of its standards' IDs".to_string()
        }
        _ => format!("A standard at level {level} of its framework's tree"),
    };
    ItemType {
        identifier: link.identifier,
        uri: link.uri,
        title,
        description,
        hierarchy_code: level.to_string(),
        last_change_date_time: EPOCH,
    }
}

fn item_type_link(title: &str) -> Link {
    let identifier = id(&format!("CFItemType:{title}"));
    Link { title: title.to_string(), uri: urn(&identifier), identifier }
}

/// The identifier made from `name`: UUID v5 in [`NAMESPACE`], lower case as CASE asks.
fn id(name: &str) -> String {
    Uuid::new_v5(&NAMESPACE, name.as_bytes()).hyphenated().to_string()
}

/// An identifier as a URI: the package is served from nowhere, so its URIs name, not locate.
fn urn(identifier: &str) -> String {
    format!("urn:uuid:{identifier}")
}

/// Text as a CASE statement that reads back as the same text: white space made single spaces,
/// control characters dropped (as the reader does), and, only where the reader would take
/// something for HTML (`&amp;`, `<b>`), `&`, `<` and `>` written as entities.
fn case_text(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let plain = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if plain_text(&plain) == plain {
        return plain;
    }
    plain.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_namespace_is_the_v5_of_its_name() {
        assert_eq!(NAMESPACE, Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:cte-align:case-export"));
    }

    #[test]
    fn text_that_reads_as_html_is_escaped_and_reads_back_the_same() {
        for s in ["plain & simple", "a &amp; b", "x <b>y</b>", "  spaced\tout  ", "a \u{7} b", "a < b"] {
            let written = case_text(s);
            assert_eq!(case_text(&plain_text(&written)), written, "{s:?}");
        }
        assert_eq!(plain_text(&case_text("x <b>y</b>")), "x <b>y</b>");
        assert_eq!(case_text("a &amp; b"), "a &amp;amp; b");
        assert_eq!(case_text("plain & simple"), "plain & simple");
    }
}
