//! Standards YAML -> [`StandardsSet`], validated: every problem is collected, with its file,
//! line and column, before the load fails.
//!
//! A standards set is a directory with one `cluster.yaml` and any number of framework files;
//! the built-in Health Science set is the repository's `standards/`, embedded in the binary.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;
use serde_saphyr::Spanned;

use super::schema::{AppliesToSpec, ClusterFile, FrameworkFile, FrameworkProbe, StandardSpec, Text};
use super::yaml;
use crate::diagnostic::{Diagnostics, InputError, Pos};
use crate::model::{
    AppliesTo, Cluster, Credential, DepthLevel, Framework, Lookup, Pathway, Standard, StandardIdx,
    StandardsSet, normalize_id,
};
use crate::suggest::did_you_mean;

/// The cluster file's name in a standards directory.
pub const CLUSTER_FILE: &str = "cluster.yaml";

/// One YAML file of a standards set: its name as shown in messages, and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

/// The built-in Health Science standards, embedded at build time.
pub const BUILTIN: &[(&str, &str)] = &[
    ("cluster.yaml", include_str!("../../standards/cluster.yaml")),
    ("foundation.yaml", include_str!("../../standards/foundation.yaml")),
    ("therapeutic.yaml", include_str!("../../standards/therapeutic.yaml")),
    ("diagnostic.yaml", include_str!("../../standards/diagnostic.yaml")),
    ("informatics.yaml", include_str!("../../standards/informatics.yaml")),
    ("support.yaml", include_str!("../../standards/support.yaml")),
    ("biotechnology.yaml", include_str!("../../standards/biotechnology.yaml")),
];

/// Loads the built-in set. It is validated like any other, and a test keeps it valid.
pub fn load_builtin() -> anyhow::Result<StandardsSet> {
    let sources = BUILTIN
        .iter()
        .map(|(name, text)| Source { name: format!("<built-in>/{name}"), text: text.to_string() })
        .collect();
    load_sources(sources).map_err(|d| InputError(d).into())
}

/// Loads the set in `dir`: `cluster.yaml` and every other `*.yaml` / `*.yml` file, by name.
pub fn load_dir(dir: &Path) -> anyhow::Result<StandardsSet> {
    let (sources, diags) = read_dir(dir)?;
    load_sources_with(sources, diags).map_err(|d| InputError(d).into())
}

/// Reads the YAML files of a standards directory, sorted by name. An entry that cannot be read
/// (a directory or a FIFO named `*.yaml`, a broken link) is a diagnostic, reported with every
/// other problem of the set; only a directory that cannot be listed, or one with no cluster
/// file at all, fails at once.
pub fn read_dir(dir: &Path) -> anyhow::Result<(Vec<Source>, Diagnostics)> {
    let mut paths = Vec::new();
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the standards directory {}", dir.display()))?;
    for entry in entries {
        let path = entry.with_context(|| format!("cannot list {}", dir.display()))?.path();
        if matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
            paths.push(path);
        }
    }
    paths.sort();
    if !paths.iter().any(|p| is_cluster(&p.display().to_string())) {
        anyhow::bail!(
            "{}: no {CLUSTER_FILE} in this standards directory (nor cluster.yml); `cte-align \
             init DIR` writes a complete set to start from",
            dir.display()
        );
    }
    let mut sources = Vec::new();
    let mut diags = Diagnostics::default();
    for path in paths {
        match super::read_text_limited(&path, yaml::MAX_YAML_BYTES) {
            Ok(text) => sources.push(Source { name: path.display().to_string(), text }),
            Err(d) => diags.items.push(d),
        }
    }
    Ok((sources, diags))
}

/// The cluster file: `cluster.yaml`, or `cluster.yml` as every other file may end in `.yml`.
fn is_cluster(name: &str) -> bool {
    Path::new(name).file_name().is_some_and(|n| n == CLUSTER_FILE || n == "cluster.yml")
}

fn pos<T>(s: &Spanned<T>) -> Pos {
    Pos { line: s.referenced.line().max(1), column: s.referenced.column().max(1) }
}

const TOP: Pos = Pos { line: 1, column: 1 };

/// Parses and validates a whole set; on any error, returns every diagnostic found.
pub fn load_sources(sources: Vec<Source>) -> Result<StandardsSet, Diagnostics> {
    load_sources_with(sources, Diagnostics::default())
}

/// [`load_sources`], adding to the problems already found reading the files.
///
/// Every check runs whose inputs parsed: a file that did not parse only silences the checks
/// that would refer to what it defines (see [`Unparsed`]), so the user sees every real problem
/// in one run and none that fixing the broken file would make go away.
pub fn load_sources_with(sources: Vec<Source>, mut diags: Diagnostics) -> Result<StandardsSet, Diagnostics> {
    let mut cluster_file: Option<(&str, ClusterFile)> = None;
    let mut framework_files = Vec::new();
    let mut unparsed = Unparsed::default();
    for src in &sources {
        if is_cluster(&src.name) {
            if let Some((first, _)) = &cluster_file {
                let message = format!("a second cluster file beside {first}; keep one of the two");
                diags.error(&src.name, TOP, message);
                continue;
            }
            match yaml::parse::<ClusterFile>(&src.text) {
                Ok(c) => cluster_file = Some((src.name.as_str(), c)),
                Err(e) => diags.error(&src.name, e.pos, e.message),
            }
        } else {
            match yaml::parse::<FrameworkFile>(&src.text) {
                Ok(f) => framework_files.push((src.name.as_str(), f)),
                Err(e) => {
                    let probe = if e.limit { None } else { yaml::parse::<FrameworkProbe>(&src.text).ok() };
                    diags.error(&src.name, e.pos, cluster_hint(probe.as_ref(), e.message));
                    unparsed.add(probe);
                }
            }
        }
    }
    // A cluster file that could not be read or parsed has been reported already.
    let cluster_seen =
        sources.iter().any(|s| is_cluster(&s.name)) || diags.items.iter().any(|d| is_cluster(&d.file));
    if !cluster_seen {
        diags.error("<standards>", TOP, format!("no {CLUSTER_FILE} among the standards files"));
    }
    let cluster = cluster_file.as_ref().map(|(name, spec)| build_cluster(name, spec, &mut diags));
    let (frameworks, standards) = build_frameworks(&framework_files, cluster.as_ref(), &mut diags);
    let (Some((cluster_name, cluster_file)), Some(cluster)) = (cluster_file, cluster) else {
        diags.sort();
        return Err(diags);
    };
    check_pathway_frameworks(cluster_name, &cluster_file, &frameworks, &unparsed, &mut diags);
    let mut set = StandardsSet::new(cluster, frameworks, standards);
    set.cluster.credentials = build_credentials(cluster_name, &cluster_file, &set, &unparsed, &mut diags);
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    Ok(set)
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

/// What the framework files that did not parse would define, as far as can be told from their
/// `id` and `legacy_codes` alone. A check that refers to a framework or standard one of them
/// may define is skipped: the cluster is not to blame for a broken framework file.
#[derive(Default)]
struct Unparsed {
    /// Their framework IDs.
    ids: Vec<String>,
    /// One of them has no readable `id`, so it might define anything.
    unknown: bool,
    /// One of them may read NCHSE codes without a prefix.
    legacy: bool,
}

impl Unparsed {
    fn add(&mut self, probe: Option<FrameworkProbe>) {
        match probe.and_then(|p| p.id.map(|id| (id, p.legacy_codes))) {
            Some((id, legacy)) => {
                self.ids.push(normalize_id(&id));
                self.legacy |= legacy == Some(true);
            }
            None => self.unknown = true,
        }
    }

    fn may_define_framework(&self, id: &str) -> bool {
        self.unknown || self.ids.iter().any(|p| *p == normalize_id(id))
    }

    fn may_define_standard(&self, id: &str) -> bool {
        let key = normalize_id(id);
        let numeric = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
        self.unknown
            || (self.legacy && numeric(&key))
            || self.ids.iter().any(|p| key.strip_prefix(p.as_str()).is_some_and(numeric))
    }
}

fn build_cluster(file: &str, spec: &ClusterFile, diags: &mut Diagnostics) -> Cluster {
    non_empty(file, &spec.id, "cluster id", diags);
    non_empty(file, &spec.title, "cluster title", diags);
    let depth_scale = build_depth_scale(file, spec, diags);
    let mastery = match &spec.mastery {
        None => depth_scale.len().saturating_sub(1) as u8,
        Some(m) => match depth_scale.iter().position(|d| d.code.eq_ignore_ascii_case(&m.value)) {
            Some(i) => i as u8,
            None => {
                let codes: Vec<&str> = depth_scale.iter().map(|d| d.code.as_str()).collect();
                diags.error(
                    file,
                    pos(m),
                    format!(
                        "mastery level \"{}\" is not on the depth scale ({}){}",
                        m.value,
                        codes.join(", "),
                        did_you_mean(&m.value, codes.iter().copied())
                    ),
                );
                0
            }
        },
    };
    let mut pathways: Vec<Pathway> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for p in &spec.pathways {
        non_empty(file, &p.id, "pathway id", diags);
        non_empty(file, &p.title, "pathway title", diags);
        if let Some(first) = seen.insert(p.id.value.to_uppercase(), pos(&p.id).line) {
            diags.error(
                file,
                pos(&p.id),
                format!("duplicate pathway id \"{}\" (first defined at line {first})", p.id.value),
            );
        }
        pathways.push(Pathway {
            id: p.id.value.trim().to_string(),
            title: p.title.value.trim().to_string(),
            aliases: p.aliases.clone(),
            framework: p.framework.value.trim().to_string(),
        });
    }
    if spec.pathways.len() > crate::model::MAX_PATHWAYS {
        let message = format!(
            "the cluster defines {} pathways, over the limit of {}; split it into several \
             standards sets",
            spec.pathways.len(),
            crate::model::MAX_PATHWAYS
        );
        diags.error(file, TOP, message);
    }
    if spec.pathways.is_empty() {
        diags.error(file, TOP, "the cluster defines no pathways; add at least one under `pathways:`");
    }
    Cluster {
        id: spec.id.value.trim().to_string(),
        title: spec.title.value.trim().to_string(),
        pathways,
        credentials: Vec::new(),
        depth_scale,
        mastery,
    }
}

fn build_depth_scale(file: &str, spec: &ClusterFile, diags: &mut Diagnostics) -> Vec<DepthLevel> {
    let Some(scale) = &spec.depth_scale else {
        return [("I", "Introduced"), ("R", "Reinforced"), ("M", "Mastered")]
            .map(|(code, name)| DepthLevel { code: code.into(), name: name.into() })
            .to_vec();
    };
    if scale.value.is_empty() {
        diags.error(file, pos(scale), "the depth scale is empty; list its levels, lowest first");
    }
    let mut out: Vec<DepthLevel> = Vec::new();
    for level in &scale.value {
        non_empty(file, &level.code, "depth code", diags);
        non_empty(file, &level.name, "depth name", diags);
        let code = level.code.value.trim();
        if out.iter().any(|d| d.code.eq_ignore_ascii_case(code)) {
            diags.error(
                file,
                pos(&level.code),
                format!("the depth scale lists \"{code}\" twice; each level needs its own code"),
            );
        }
        out.push(DepthLevel { code: code.to_string(), name: level.name.value.trim().to_string() });
    }
    out
}

fn non_empty(file: &str, value: &Spanned<Text>, what: &str, diags: &mut Diagnostics) {
    if value.value.trim().is_empty() {
        diags.error(file, pos(value), format!("empty {what}; give it a value"));
    }
}

/// Standards gathered in tree order, with their source positions for duplicate messages.
struct TreeBuilder<'a> {
    file: &'a str,
    framework: usize,
    prefix: String,
    standards: Vec<Standard>,
    /// Normalized ID -> (file, line) of its first definition, across all frameworks.
    seen: &'a mut HashMap<String, (String, u64)>,
    max_depth: u8,
}

impl TreeBuilder<'_> {
    fn add(
        &mut self,
        spec: &StandardSpec,
        parent: Option<(usize, &str)>,
        depth: u8,
        diags: &mut Diagnostics,
    ) {
        let code = spec.code.value.trim();
        non_empty(self.file, &spec.code, "standard code", diags);
        non_empty(self.file, &spec.title, "standard title", diags);
        // An empty code has been reported as empty; it extends nothing either.
        if let Some((_, parent_code)) = parent.filter(|_| !code.is_empty()) {
            let extends = code
                .strip_prefix(parent_code)
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(|seg| !seg.is_empty() && !seg.contains('.'));
            if !extends {
                diags.error(
                    self.file,
                    pos(&spec.code),
                    format!(
                        "code \"{code}\" does not extend its parent's code \"{parent_code}\"; a \
                         child's code is its parent's plus one segment, like \"{parent_code}.1\""
                    ),
                );
            }
        }
        let id = format!("{}-{code}", self.prefix);
        let key = normalize_id(&id);
        if let Some((first_file, first_line)) = self.seen.get(&key) {
            diags.error(
                self.file,
                pos(&spec.code),
                format!("duplicate standard ID {id} (first defined at {first_file}:{first_line})"),
            );
        } else {
            self.seen.insert(key, (self.file.to_string(), pos(&spec.code).line));
        }
        let idx = self.standards.len();
        self.max_depth = self.max_depth.max(depth);
        self.standards.push(Standard {
            id,
            code: code.to_string(),
            title: spec.title.value.trim().to_string(),
            statement: spec.statement.as_ref().map(|s| s.trim().to_string()),
            keywords: spec.keywords.clone(),
            framework: self.framework,
            parent: parent.map(|(p, _)| p as StandardIdx),
            children: Vec::new(),
            depth,
        });
        for child in &spec.children {
            let child_idx = self.standards.len() as StandardIdx;
            self.standards[idx].children.push(child_idx);
            self.add(child, Some((idx, code)), depth.saturating_add(1), diags);
        }
    }
}

fn build_frameworks(
    files: &[(&str, FrameworkFile)],
    cluster: Option<&Cluster>,
    diags: &mut Diagnostics,
) -> (Vec<Framework>, Vec<Standard>) {
    let mut frameworks: Vec<Framework> = Vec::new();
    let mut standards: Vec<Standard> = Vec::new();
    let mut seen = HashMap::new();
    for (file, spec) in files {
        let prefix = spec.id.value.trim().to_string();
        let valid_prefix = prefix.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && prefix.chars().all(|c| c.is_ascii_alphanumeric());
        if !valid_prefix {
            diags.error(
                file,
                pos(&spec.id),
                format!("framework id \"{prefix}\" must be letters and digits, starting with a letter (like FS or TS)"),
            );
        }
        if let Some(other) = frameworks.iter().find(|f| f.id.eq_ignore_ascii_case(&prefix)) {
            diags.error(
                file,
                pos(&spec.id),
                format!("framework id \"{prefix}\" is already used by {}", other.file),
            );
        }
        non_empty(file, &spec.title, "framework title", diags);
        let applies_to = resolve_applies_to(file, &spec.applies_to, cluster, diags);
        let mut tree = TreeBuilder {
            file,
            framework: frameworks.len(),
            prefix: prefix.clone(),
            standards: Vec::new(),
            seen: &mut seen,
            max_depth: 0,
        };
        for s in &spec.standards {
            tree.add(s, None, 1, diags);
        }
        let max_depth = tree.max_depth;
        let offset = standards.len() as StandardIdx;
        standards.extend(tree.standards.into_iter().map(|mut s| {
            s.parent = s.parent.map(|p| p + offset);
            s.children.iter_mut().for_each(|c| *c += offset);
            s
        }));
        if spec.standards.is_empty() {
            diags.error(file, pos(&spec.id), "the framework has no standards; list them under `standards:`");
        }
        let depth = spec.coverage_depth.value;
        if depth == 0 || (depth > max_depth && max_depth > 0) {
            diags.error(
                file,
                pos(&spec.coverage_depth),
                format!("coverage_depth {depth} is outside the tree, which is {max_depth} level{} deep; use a depth from 1 to {max_depth}", if max_depth == 1 { "" } else { "s" }),
            );
        }
        frameworks.push(Framework {
            id: prefix,
            title: spec.title.value.trim().to_string(),
            version: spec.version.clone(),
            source: spec.source.trim().to_string(),
            attribution: spec.attribution.trim().to_string(),
            applies_to,
            coverage_depth: depth,
            legacy_codes: spec.legacy_codes,
            file: file.to_string(),
        });
    }
    (frameworks, standards)
}

fn resolve_applies_to(
    file: &str,
    spec: &Spanned<AppliesToSpec>,
    cluster: Option<&Cluster>,
    diags: &mut Diagnostics,
) -> AppliesTo {
    match &spec.value {
        AppliesToSpec::All => AppliesTo::All,
        AppliesToSpec::Pathways(names) => {
            if names.is_empty() {
                diags.error(
                    file,
                    pos(spec),
                    "applies_to lists no pathways; write `all` or pathway IDs like [TS]",
                );
            }
            let mut out = Vec::new();
            // Without a cluster (its file did not parse) there are no pathways to check against.
            let Some(cluster) = cluster else { return AppliesTo::Pathways(out) };
            for name in names {
                // A scalar `applies_to: TS` has no position of its own; use the key's.
                let at =
                    if name.referenced == serde_saphyr::Location::UNKNOWN { pos(spec) } else { pos(name) };
                let name = name.value.trim();
                match cluster.pathways.iter().position(|p| p.id.eq_ignore_ascii_case(name)) {
                    Some(p) => out.push(p),
                    None => diags.error(
                        file,
                        at,
                        format!(
                            "applies_to names unknown pathway \"{name}\"{}",
                            did_you_mean(name, cluster.pathways.iter().map(|p| p.id.as_str()))
                        ),
                    ),
                }
            }
            AppliesTo::Pathways(out)
        }
    }
}

fn check_pathway_frameworks(
    file: &str,
    spec: &ClusterFile,
    frameworks: &[Framework],
    unparsed: &Unparsed,
    diags: &mut Diagnostics,
) {
    for p in &spec.pathways {
        let name = p.framework.value.trim();
        if !frameworks.iter().any(|f| f.id.eq_ignore_ascii_case(name)) && !unparsed.may_define_framework(name)
        {
            diags.error(
                file,
                pos(&p.framework),
                format!(
                    "pathway {} names framework \"{name}\", which no standards file defines{}",
                    p.id.value,
                    did_you_mean(name, frameworks.iter().map(|f| f.id.as_str()))
                ),
            );
        }
    }
}

fn build_credentials(
    file: &str,
    spec: &ClusterFile,
    set: &StandardsSet,
    unparsed: &Unparsed,
    diags: &mut Diagnostics,
) -> Vec<Credential> {
    let mut out: Vec<Credential> = Vec::new();
    for c in &spec.credentials {
        non_empty(file, &c.id, "credential id", diags);
        non_empty(file, &c.title, "credential title", diags);
        if out.iter().any(|o| o.id.eq_ignore_ascii_case(c.id.value.trim())) {
            diags.error(file, pos(&c.id), format!("duplicate credential id \"{}\"", c.id.value));
        }
        let mut pathways = Vec::new();
        for p in &c.pathways {
            match set.cluster.pathways.iter().position(|x| x.id.eq_ignore_ascii_case(p.value.trim())) {
                Some(i) => pathways.push(i),
                None => diags.error(
                    file,
                    pos(p),
                    format!(
                        "credential {} names unknown pathway \"{}\"{}",
                        c.id.value,
                        p.value,
                        did_you_mean(&p.value, set.cluster.pathways.iter().map(|x| x.id.as_str()))
                    ),
                ),
            }
        }
        let mut requires = Vec::new();
        for r in &c.requires {
            match set.lookup(&r.value) {
                Lookup::Found(i) | Lookup::Legacy(i) => requires.push(i),
                Lookup::NotFound { .. } if unparsed.may_define_standard(&r.value) => {}
                Lookup::NotFound { suggestion } => diags.error(
                    file,
                    pos(r),
                    format!(
                        "credential {} requires unknown standard \"{}\"{}",
                        c.id.value,
                        r.value,
                        suggestion.map(|s| format!("; did you mean {s}?")).unwrap_or_default()
                    ),
                ),
            }
        }
        requires.sort_unstable();
        requires.dedup();
        out.push(Credential {
            id: c.id.value.trim().to_string(),
            title: c.title.value.trim().to_string(),
            issuer: c.issuer.trim().to_string(),
            pathways,
            requires,
        });
    }
    out
}
