//! The YAML reader: the files of a standards directory -> the [raw model](super::raw).
//!
//! This is the only place that sees serde-saphyr's spans: each is turned into a
//! [`Position`] here, at the boundary, and nothing past it knows the set was YAML.

use serde_saphyr::{Location, Spanned};

use super::raw::{
    Located, RawAppliesTo, RawCluster, RawCredential, RawDepth, RawFramework, RawPathway, RawSet, RawStandard,
};
use super::{CLUSTER_FILE, Source, is_cluster};
use crate::diagnostic::{Diagnostics, Pos, Position};
use crate::load::schema::{
    AppliesToSpec, ClusterFile, CredentialSpec, DepthSpec, FrameworkFile, FrameworkProbe, PathwaySpec,
    StandardSpec, Text,
};
use crate::load::yaml;

/// One YAML file parsed on its own, before it meets the others of its set.
#[derive(Debug, Clone)]
pub enum ParsedFile {
    Cluster(RawCluster),
    Framework(RawFramework),
    /// It did not parse: the error, and what it would define (see
    /// [`Unparsed`](super::raw::Unparsed)) so that validation does not blame others for it.
    Failed {
        name: String,
        pos: Pos,
        message: String,
        defines: Option<(String, bool)>,
    },
}

impl ParsedFile {
    fn name(&self) -> &str {
        match self {
            ParsedFile::Cluster(c) => &c.file,
            ParsedFile::Framework(f) => &f.file,
            ParsedFile::Failed { name, .. } => name,
        }
    }
}

/// Parses one source: the cluster when it is named so, else a framework.
pub fn parse(src: &Source) -> ParsedFile {
    let failed = |pos, message, defines| ParsedFile::Failed { name: src.name.clone(), pos, message, defines };
    if is_cluster(&src.name) {
        return match yaml::parse::<ClusterFile>(&src.text) {
            Ok(c) => ParsedFile::Cluster(cluster(&src.name, c)),
            Err(e) => failed(e.pos, e.message, None),
        };
    }
    match yaml::parse::<FrameworkFile>(&src.text) {
        Ok(f) => ParsedFile::Framework(framework(&src.name, f)),
        Err(e) => {
            let probe = if e.limit { None } else { yaml::parse::<FrameworkProbe>(&src.text).ok() };
            let message = cluster_hint(probe.as_ref(), e.message);
            failed(e.pos, message, probe.and_then(|p| p.id.map(|id| (id, p.legacy_codes == Some(true)))))
        }
    }
}

/// Parses every source into the raw model, adding a diagnostic for each that does not parse.
pub fn read(sources: &[Source], diags: &mut Diagnostics) -> RawSet {
    assemble(sources.iter().map(parse).collect(), diags)
}

/// The parsed files, in order, as one raw set: a second cluster file and a missing one are
/// reported here, as is each file that did not parse (left out, what it would define noted).
pub fn assemble(files: Vec<ParsedFile>, diags: &mut Diagnostics) -> RawSet {
    let mut raw = RawSet::default();
    // A cluster file that could not be read has been reported already.
    let cluster_seen =
        files.iter().any(|f| is_cluster(f.name())) || diags.items.iter().any(|d| is_cluster(&d.file));
    let mut cluster_name: Option<String> = None;
    for file in files {
        if is_cluster(file.name())
            && let Some(first) = &cluster_name
        {
            let message = format!("a second cluster file beside {first}; keep one of the two");
            diags.error_at(file.name(), &Position::TOP, message);
            continue;
        }
        match file {
            ParsedFile::Cluster(c) => {
                cluster_name = Some(c.file.clone());
                raw.cluster = Some(c);
            }
            ParsedFile::Framework(f) => raw.frameworks.push(f),
            ParsedFile::Failed { name, pos, message, defines } => {
                diags.error(&name, pos, message);
                if !is_cluster(&name) {
                    raw.unparsed.add(defines);
                }
            }
        }
    }
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
