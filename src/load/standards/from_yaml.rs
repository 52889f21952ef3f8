//! The YAML reader: the files of a standards directory -> the [raw model](super::raw).
//!
//! This is the only place that sees serde-saphyr's spans: each is turned into a
//! [`Position`] here, at the boundary, and nothing past it knows the set was YAML.

use serde_saphyr::{Location, Spanned};

use super::raw::{
    Located, RawAppliesTo, RawCluster, RawCredential, RawDepth, RawFramework, RawPathway, RawSet, RawStandard,
};
use super::{CLUSTER_FILE, Source, is_cluster};
use crate::diagnostic::{Diagnostics, Position};
use crate::load::schema::{
    AppliesToSpec, ClusterFile, CredentialSpec, DepthSpec, FrameworkFile, FrameworkProbe, PathwaySpec,
    StandardSpec, Text,
};
use crate::load::yaml;

/// Parses every source into the raw model, adding a diagnostic for each that does not parse.
///
/// A file that does not parse is left out, but what it would define is noted (see
/// [`Unparsed`](super::raw::Unparsed)) so that validation does not blame others for it.
pub fn read(sources: &[Source], diags: &mut Diagnostics) -> RawSet {
    let mut raw = RawSet::default();
    let mut cluster_name: Option<&str> = None;
    for src in sources {
        if is_cluster(&src.name) {
            if let Some(first) = cluster_name {
                let message = format!("a second cluster file beside {first}; keep one of the two");
                diags.error_at(&src.name, &Position::TOP, message);
                continue;
            }
            match yaml::parse::<ClusterFile>(&src.text) {
                Ok(c) => {
                    cluster_name = Some(&src.name);
                    raw.cluster = Some(cluster(&src.name, c));
                }
                Err(e) => diags.error(&src.name, e.pos, e.message),
            }
        } else {
            match yaml::parse::<FrameworkFile>(&src.text) {
                Ok(f) => raw.frameworks.push(framework(&src.name, f)),
                Err(e) => {
                    let probe = if e.limit { None } else { yaml::parse::<FrameworkProbe>(&src.text).ok() };
                    diags.error(&src.name, e.pos, cluster_hint(probe.as_ref(), e.message));
                    raw.unparsed.add(probe.and_then(|p| p.id.map(|id| (id, p.legacy_codes == Some(true)))));
                }
            }
        }
    }
    // A cluster file that could not be read or parsed has been reported already.
    let cluster_seen =
        sources.iter().any(|s| is_cluster(&s.name)) || diags.items.iter().any(|d| is_cluster(&d.file));
    if !cluster_seen {
        diags.error_at("<standards>", &Position::TOP, format!("no {CLUSTER_FILE} among the standards files"));
    }
    raw
}

/// A cluster's `pathways` in a file read as a framework (a cluster file under another name):
/// say what the file is taken for, beside the parser's complaint about the field.
fn cluster_hint(probe: Option<&FrameworkProbe>, message: String) -> String {
    if probe.is_some_and(|p| p.pathways.is_some()) {
        format!(
            "{message}; this looks like a cluster file, but only a file named {CLUSTER_FILE} is \
             read as the cluster: rename it"
        )
    } else {
        message
    }
}

fn at(location: Location) -> Position {
    Position::LineColumn { line: location.line().max(1), column: location.column().max(1) }
}

fn located<T>(s: Spanned<T>) -> Located<T> {
    Located::new(s.value, at(s.referenced))
}

fn text(s: Spanned<Text>) -> Located<String> {
    Located::new(s.value.0, at(s.referenced))
}

fn cluster(file: &str, c: ClusterFile) -> RawCluster {
    RawCluster {
        file: file.to_string(),
        at: Position::TOP,
        id: text(c.id),
        title: text(c.title),
        depth_scale: c.depth_scale.map(|s| {
            let levels = s
                .value
                .into_iter()
                .map(|DepthSpec { code, name }| RawDepth { code: text(code), name: text(name) });
            Located::new(levels.collect(), at(s.referenced))
        }),
        mastery: c.mastery.map(located),
        pathways: c.pathways.into_iter().map(pathway).collect(),
        credentials: c.credentials.into_iter().map(credential).collect(),
    }
}

fn pathway(p: PathwaySpec) -> RawPathway {
    RawPathway { id: text(p.id), title: text(p.title), aliases: p.aliases, framework: located(p.framework) }
}

fn credential(c: CredentialSpec) -> RawCredential {
    RawCredential {
        id: text(c.id),
        title: text(c.title),
        issuer: c.issuer,
        aliases: c.aliases,
        pathways: c.pathways.into_iter().map(located).collect(),
        requires: c.requires.into_iter().map(located).collect(),
    }
}

fn framework(file: &str, f: FrameworkFile) -> RawFramework {
    let applies_at = at(f.applies_to.referenced);
    let applies_to = match f.applies_to.value {
        AppliesToSpec::All => RawAppliesTo::All,
        AppliesToSpec::Pathways(names) => RawAppliesTo::Pathways(
            names
                .into_iter()
                .map(|name| {
                    // A scalar `applies_to: TS` has no position of its own; use the key's.
                    let name_at = if name.referenced == Location::UNKNOWN {
                        applies_at.clone()
                    } else {
                        at(name.referenced)
                    };
                    Located::new(name.value, name_at)
                })
                .collect(),
        ),
    };
    RawFramework {
        file: file.to_string(),
        id: text(f.id),
        title: text(f.title),
        version: f.version,
        source: f.source,
        attribution: f.attribution,
        applies_to: Located::new(applies_to, applies_at),
        coverage_depth: located(f.coverage_depth),
        legacy_codes: f.legacy_codes,
        nested_codes: f.nested_codes,
        standards: f.standards.into_iter().map(standard).collect(),
    }
}

fn standard(s: StandardSpec) -> RawStandard {
    RawStandard {
        code: text(s.code),
        title: text(s.title),
        statement: s.statement,
        keywords: s.keywords,
        uuid: s.case_id,
        children: s.children.into_iter().map(standard).collect(),
    }
}
