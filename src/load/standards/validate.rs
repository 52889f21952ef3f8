//! The rules of a standards set, checked on the [raw model](super::raw) whatever it was read
//! from: every problem is collected (empty values, duplicate IDs, codes that do not extend
//! their parent's, unknown pathways and frameworks, dangling credential requirements, limits,
//! and the crosswalk's rules, in [`crosswalk`](super::crosswalk)) before the [`StandardsSet`]
//! is built.
//!
//! Messages point at each value's [`Position`], so a rule written once serves every reader.

use rustc_hash::FxHashMap;

use super::raw::{
    Located, RawAppliesTo, RawCluster, RawCredential, RawFramework, RawSet, RawStandard, Unparsed,
};
use crate::diagnostic::{Diagnostics, Position};
use crate::model::{
    AppliesTo, Cluster, Credential, DepthLevel, Framework, Lookup, Pathway, Standard, StandardIdx,
    StandardsSet, normalize_id,
};
use crate::suggest::did_you_mean;

/// Checks a raw standards set and builds it; on any error, returns every diagnostic found,
/// with those the reader passed in, sorted.
///
/// Every check runs whose inputs were read: a source that did not parse only silences the
/// checks that would refer to what it defines (see [`Unparsed`]), so the user sees every real
/// problem in one run and none that fixing the broken file would make go away.
pub fn validate(raw: &RawSet, mut diags: Diagnostics) -> Result<StandardsSet, Diagnostics> {
    let cluster = raw.cluster.as_ref().map(|c| build_cluster(c, &mut diags));
    let (frameworks, standards) = build_frameworks(&raw.frameworks, cluster.as_ref(), &mut diags);
    let (Some(raw_cluster), Some(cluster)) = (&raw.cluster, cluster) else {
        if !diags.has_errors() {
            diags.error_at("<standards>", &Position::TOP, "the standards set has no cluster; add one");
        }
        diags.sort();
        return Err(diags);
    };
    check_pathway_frameworks(raw_cluster, &frameworks, &raw.unparsed, &mut diags);
    let mut set = StandardsSet::new(cluster, frameworks, standards);
    set.cluster.credentials = build_credentials(raw_cluster, &set, &raw.unparsed, &mut diags);
    let crosswalk = super::crosswalk::build(&raw.crosswalks, &set, &raw.unparsed, &mut diags);
    set.set_crosswalk(crosswalk);
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    Ok(set)
}

fn build_cluster(spec: &RawCluster, diags: &mut Diagnostics) -> Cluster {
    let file = spec.file.as_str();
    non_empty(file, &spec.id, "cluster id", diags);
    non_empty(file, &spec.title, "cluster title", diags);
    let depth_scale = build_depth_scale(spec, diags);
    let mastery = match &spec.mastery {
        None => depth_scale.len().saturating_sub(1) as u8,
        Some(m) => match depth_scale.iter().position(|d| d.code.eq_ignore_ascii_case(&m.value)) {
            Some(i) => i as u8,
            None => {
                let codes: Vec<&str> = depth_scale.iter().map(|d| d.code.as_str()).collect();
                diags.error_at(
                    file,
                    &m.at,
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
    let pathways = build_pathways(spec, diags);
    Cluster {
        id: spec.id.value.trim().to_string(),
        title: spec.title.value.trim().to_string(),
        pathways,
        credentials: Vec::new(),
        depth_scale,
        mastery,
        local: Default::default(),
    }
}

fn build_pathways(spec: &RawCluster, diags: &mut Diagnostics) -> Vec<Pathway> {
    let file = spec.file.as_str();
    let mut pathways: Vec<Pathway> = Vec::new();
    let mut seen: FxHashMap<String, &Position> = FxHashMap::default();
    for p in &spec.pathways {
        non_empty(file, &p.id, "pathway id", diags);
        non_empty(file, &p.title, "pathway title", diags);
        if let Some(first) = seen.insert(p.id.value.to_uppercase(), &p.id.at) {
            diags.error_at(
                file,
                &p.id.at,
                format!("duplicate pathway id \"{}\" (first defined at {})", p.id.value, first.describe()),
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
        diags.error_at(file, &spec.at, message);
    }
    if spec.pathways.is_empty() {
        diags.error_at(file, &spec.at, "the cluster defines no pathways; add at least one under `pathways:`");
    }
    pathways
}

fn build_depth_scale(spec: &RawCluster, diags: &mut Diagnostics) -> Vec<DepthLevel> {
    let Some(scale) = &spec.depth_scale else {
        return [("I", "Introduced"), ("R", "Reinforced"), ("M", "Mastered")]
            .map(|(code, name)| DepthLevel { code: code.into(), name: name.into() })
            .to_vec();
    };
    let file = spec.file.as_str();
    if scale.value.is_empty() {
        diags.error_at(file, &scale.at, "the depth scale is empty; list its levels, lowest first");
    }
    let mut out: Vec<DepthLevel> = Vec::new();
    for level in &scale.value {
        non_empty(file, &level.code, "depth code", diags);
        non_empty(file, &level.name, "depth name", diags);
        let code = level.code.value.trim();
        if out.iter().any(|d| d.code.eq_ignore_ascii_case(code)) {
            diags.error_at(
                file,
                &level.code.at,
                format!("the depth scale lists \"{code}\" twice; each level needs its own code"),
            );
        }
        out.push(DepthLevel { code: code.to_string(), name: level.name.value.trim().to_string() });
    }
    out
}

fn non_empty(file: &str, value: &Located<String>, what: &str, diags: &mut Diagnostics) {
    if value.value.trim().is_empty() {
        diags.error_at(file, &value.at, format!("empty {what}; give it a value"));
    }
}

/// Where each standard ID was first defined, across all frameworks: by normalized ID, its file
/// and position, for duplicate messages.
type Seen<'r> = FxHashMap<String, (&'r str, &'r Position)>;

/// Standards gathered in tree order, with their source positions for duplicate messages.
struct TreeBuilder<'a, 'r> {
    file: &'r str,
    framework: usize,
    prefix: &'a str,
    standards: Vec<Standard>,
    seen: &'a mut Seen<'r>,
    max_depth: u8,
    /// Whether a child's code must extend its parent's (see [`RawFramework::nested_codes`]).
    nested_codes: bool,
}

impl<'r> TreeBuilder<'_, 'r> {
    fn add(
        &mut self,
        spec: &'r RawStandard,
        parent: Option<(usize, &str)>,
        depth: u8,
        diags: &mut Diagnostics,
    ) {
        let code = spec.code.value.trim();
        non_empty(self.file, &spec.code, "standard code", diags);
        non_empty(self.file, &spec.title, "standard title", diags);
        if let Some(c) = unwritable_in_code(code) {
            const ONE_WORD: &str = "a code is one word: catalogs separate alignments with ; , | and a depth with :, so none could name it";
            let problem = match c {
                ':' | ';' | ',' | '|' => format!("contains \"{c}\"; {ONE_WORD}"),
                c if c.is_whitespace() => format!("contains a space (U+{:04X}); {ONE_WORD}", c as u32),
                c => format!(
                    "holds {}, which cannot be seen; delete it (retype the code) so the ID is what it looks like",
                    crate::text::describe(c)
                ),
            };
            let shown = crate::text::escape_invisible(code);
            diags.error_at(self.file, &spec.code.at, format!("standard code \"{shown}\" {problem}"));
        }
        // An empty code has been reported as empty; it extends nothing either.
        if let Some((_, parent_code)) = parent.filter(|_| self.nested_codes && !code.is_empty()) {
            check_extends(self.file, &spec.code.at, code, parent_code, diags);
        }
        let id = format!("{}-{code}", self.prefix);
        let key = normalize_id(&id);
        if let Some((first_file, first_at)) = self.seen.get(&key) {
            diags.error_at(
                self.file,
                &spec.code.at,
                format!("duplicate standard ID {id} (first defined at {})", first_at.describe_in(first_file)),
            );
        } else {
            self.seen.insert(key, (self.file, &spec.code.at));
        }
        let idx = self.standards.len();
        self.max_depth = self.max_depth.max(depth);
        self.standards.push(Standard {
            id,
            code: code.to_string(),
            title: spec.title.value.trim().to_string(),
            statement: spec.statement.as_ref().map(|s| s.trim().to_string()),
            keywords: spec.keywords.clone(),
            uuid: spec.uuid.clone(),
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

/// The first character of a standard's code that a catalog could not write in an alignment:
/// whitespace, the list separators (`;`, `,`, `|`) and the depth's (`:`); or that a reader
/// could not see (a control or format character: an ID that looks like another).
pub(crate) fn unwritable_in_code(code: &str) -> Option<char> {
    code.chars()
        .find(|&c| c.is_whitespace() || matches!(c, ':' | ';' | ',' | '|') || crate::text::is_invisible(c))
}

/// A child's code is its parent's plus one segment: `1.1` under `1`.
fn check_extends(file: &str, at: &Position, code: &str, parent_code: &str, diags: &mut Diagnostics) {
    let extends = code
        .strip_prefix(parent_code)
        .and_then(|rest| rest.strip_prefix('.'))
        .is_some_and(|seg| !seg.is_empty() && !seg.contains('.'));
    if !extends {
        diags.error_at(
            file,
            at,
            format!(
                "code \"{code}\" does not extend its parent's code \"{parent_code}\"; a child's \
                 code is its parent's plus one segment, like \"{parent_code}.1\""
            ),
        );
    }
}

fn build_frameworks(
    specs: &[RawFramework],
    cluster: Option<&Cluster>,
    diags: &mut Diagnostics,
) -> (Vec<Framework>, Vec<Standard>) {
    let mut frameworks: Vec<Framework> = Vec::new();
    let mut standards: Vec<Standard> = Vec::new();
    let mut seen = Seen::default();
    for spec in specs {
        let file = spec.file.as_str();
        let prefix = spec.id.value.trim();
        check_framework_id(spec, &frameworks, diags);
        non_empty(file, &spec.title, "framework title", diags);
        let applies_to = resolve_applies_to(file, &spec.applies_to, cluster, diags);
        let mut tree = TreeBuilder {
            file,
            framework: frameworks.len(),
            prefix,
            standards: Vec::new(),
            seen: &mut seen,
            max_depth: 0,
            nested_codes: spec.nested_codes,
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
            diags.error_at(file, &spec.id.at, "the framework has no standards; list them under `standards:`");
        }
        check_coverage_depth(file, &spec.coverage_depth, max_depth, diags);
        frameworks.push(Framework {
            id: prefix.to_string(),
            title: spec.title.value.trim().to_string(),
            version: spec.version.clone(),
            source: spec.source.trim().to_string(),
            attribution: spec.attribution.trim().to_string(),
            applies_to,
            coverage_depth: spec.coverage_depth.value,
            legacy_codes: spec.legacy_codes,
            file: file.to_string(),
        });
    }
    (frameworks, standards)
}

/// A framework's prefix is letters and digits, starting with a letter, and its own.
fn check_framework_id(spec: &RawFramework, frameworks: &[Framework], diags: &mut Diagnostics) {
    let prefix = spec.id.value.trim();
    let valid_prefix = prefix.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && prefix.chars().all(|c| c.is_ascii_alphanumeric());
    if !valid_prefix {
        diags.error_at(
            &spec.file,
            &spec.id.at,
            format!(
                "framework id \"{prefix}\" must be letters and digits, starting with a letter (like FS or TS)"
            ),
        );
    }
    if let Some(other) = frameworks.iter().find(|f| f.id.eq_ignore_ascii_case(prefix)) {
        diags.error_at(
            &spec.file,
            &spec.id.at,
            format!("framework id \"{prefix}\" is already used by {}", other.file),
        );
    }
}

fn check_coverage_depth(file: &str, depth: &Located<u8>, max_depth: u8, diags: &mut Diagnostics) {
    let value = depth.value;
    if value == 0 || (value > max_depth && max_depth > 0) {
        diags.error_at(
            file,
            &depth.at,
            format!(
                "coverage_depth {value} is outside the tree, which is {max_depth} level{} deep; \
                 use a depth from 1 to {max_depth}",
                if max_depth == 1 { "" } else { "s" }
            ),
        );
    }
}

fn resolve_applies_to(
    file: &str,
    spec: &Located<RawAppliesTo>,
    cluster: Option<&Cluster>,
    diags: &mut Diagnostics,
) -> AppliesTo {
    match &spec.value {
        RawAppliesTo::All => AppliesTo::All,
        RawAppliesTo::Pathways(names) => {
            if names.is_empty() {
                diags.error_at(
                    file,
                    &spec.at,
                    "applies_to lists no pathways; write `all` or pathway IDs like [TS]",
                );
            }
            let mut out = Vec::new();
            // Without a cluster (its file did not parse) there are no pathways to check against.
            let Some(cluster) = cluster else { return AppliesTo::Pathways(out) };
            for name in names {
                let id = name.value.trim();
                match cluster.pathways.iter().position(|p| p.id.eq_ignore_ascii_case(id)) {
                    Some(p) => out.push(p),
                    None => diags.error_at(
                        file,
                        &name.at,
                        format!(
                            "applies_to names unknown pathway \"{id}\"{}",
                            did_you_mean(id, cluster.pathways.iter().map(|p| p.id.as_str()))
                        ),
                    ),
                }
            }
            AppliesTo::Pathways(out)
        }
    }
}

fn check_pathway_frameworks(
    spec: &RawCluster,
    frameworks: &[Framework],
    unparsed: &Unparsed,
    diags: &mut Diagnostics,
) {
    for p in &spec.pathways {
        let name = p.framework.value.trim();
        if !frameworks.iter().any(|f| f.id.eq_ignore_ascii_case(name)) && !unparsed.may_define_framework(name)
        {
            diags.error_at(
                &spec.file,
                &p.framework.at,
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
    spec: &RawCluster,
    set: &StandardsSet,
    unparsed: &Unparsed,
    diags: &mut Diagnostics,
) -> Vec<Credential> {
    let file = spec.file.as_str();
    let mut out: Vec<Credential> = Vec::new();
    for c in &spec.credentials {
        non_empty(file, &c.id, "credential id", diags);
        non_empty(file, &c.title, "credential title", diags);
        if out.iter().any(|o| o.id.eq_ignore_ascii_case(c.id.value.trim())) {
            diags.error_at(file, &c.id.at, format!("duplicate credential id \"{}\"", c.id.value));
        }
        out.push(Credential {
            id: c.id.value.trim().to_string(),
            title: c.title.value.trim().to_string(),
            issuer: c.issuer.trim().to_string(),
            aliases: c.aliases.clone(),
            pathways: credential_pathways(file, c, set, diags),
            requires: credential_requires(file, c, set, unparsed, diags),
        });
    }
    out
}

fn credential_pathways(
    file: &str,
    c: &RawCredential,
    set: &StandardsSet,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let mut pathways = Vec::new();
    for p in &c.pathways {
        match set.cluster.pathways.iter().position(|x| x.id.eq_ignore_ascii_case(p.value.trim())) {
            Some(i) => pathways.push(i),
            None => diags.error_at(
                file,
                &p.at,
                format!(
                    "credential {} names unknown pathway \"{}\"{}",
                    c.id.value,
                    p.value,
                    did_you_mean(&p.value, set.cluster.pathways.iter().map(|x| x.id.as_str()))
                ),
            ),
        }
    }
    pathways
}

fn credential_requires(
    file: &str,
    c: &RawCredential,
    set: &StandardsSet,
    unparsed: &Unparsed,
    diags: &mut Diagnostics,
) -> Vec<StandardIdx> {
    let mut requires = Vec::new();
    for r in &c.requires {
        // `find`, not `lookup`: the search for a suggestion compares the ID with every
        // standard, and is wasted on an ID a file that did not parse may define (every
        // requirement of every credential when a framework file is broken).
        match set.find(&r.value) {
            Some(Lookup::Found(i) | Lookup::Legacy(i)) => requires.push(i),
            _ if unparsed.may_define_standard(&r.value) => {}
            _ => diags.error_at(
                file,
                &r.at,
                format!(
                    "credential {} requires unknown standard \"{}\"{}",
                    c.id.value,
                    r.value,
                    set.suggest(&r.value).map(|s| format!("; did you mean {s}?")).unwrap_or_default()
                ),
            ),
        }
    }
    requires.sort_unstable();
    requires.dedup();
    requires
}

/// The rules on a raw model built by hand, with JSON-path positions as a CASE reader would
/// give: no YAML anywhere, which is what shows the rules need none.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Pos;
    use crate::load::standards::raw::{RawCredential, RawDepth, RawPathway};

    const FILE: &str = "package.json";

    /// A JSON path, with its line and column when `line` is not 0.
    fn at(path: &str, line: u64) -> Position {
        let line_column = (line > 0).then_some(Pos { line, column: 5 });
        Position::JsonPath { path: path.to_string(), line_column }
    }

    fn text(value: &str, path: &str) -> Located<String> {
        Located::new(value.to_string(), at(path, 0))
    }

    fn standard(code: &str, path: &str, children: Vec<RawStandard>) -> RawStandard {
        RawStandard {
            code: text(code, &format!("{path}.humanCodingScheme")),
            title: text(&format!("Standard {code}"), &format!("{path}.fullStatement")),
            statement: None,
            keywords: Vec::new(),
            uuid: None,
            children,
        }
    }

    /// One pathway, `TS`, whose framework `FS` has standard 1 with 1.1 and 1.2, counted at 1.x;
    /// one credential requiring FS-1.1.
    fn valid() -> RawSet {
        let cluster = RawCluster {
            file: FILE.to_string(),
            at: at("$", 1),
            id: text("HS", "$.CFDocument.identifier"),
            title: text("Health Science", "$.CFDocument.title"),
            depth_scale: Some(Located::new(
                vec![RawDepth {
                    code: text("I", "$.depth[0].code"),
                    name: text("Introduced", "$.depth[0].name"),
                }],
                at("$.depth", 0),
            )),
            mastery: None,
            pathways: vec![RawPathway {
                id: text("TS", "$.pathways[0].id"),
                title: text("Therapeutic", "$.pathways[0].title"),
                aliases: Vec::new(),
                framework: text("FS", "$.pathways[0].framework"),
            }],
            credentials: vec![RawCredential {
                id: text("CNA", "$.credentials[0].id"),
                title: text("Nursing Assistant", "$.credentials[0].title"),
                issuer: String::new(),
                aliases: Vec::new(),
                pathways: vec![text("TS", "$.credentials[0].pathways[0]")],
                requires: vec![text("FS-1.1", "$.credentials[0].requires[0]")],
            }],
        };
        let children =
            vec![standard("1.1", "$.CFItems[1]", Vec::new()), standard("1.2", "$.CFItems[2]", Vec::new())];
        let framework = RawFramework {
            file: FILE.to_string(),
            id: text("FS", "$.CFDocument.humanCodingScheme"),
            title: text("Foundation", "$.CFDocument.title"),
            version: "1.0".to_string(),
            source: String::new(),
            attribution: String::new(),
            applies_to: Located::new(RawAppliesTo::All, at("$.CFDocument", 0)),
            coverage_depth: Located::new(2, at("$.CFDocument", 0)),
            legacy_codes: false,
            nested_codes: true,
            standards: vec![standard("1", "$.CFItems[0]", children)],
        };
        RawSet {
            cluster: Some(cluster),
            frameworks: vec![framework],
            crosswalks: Vec::new(),
            unparsed: Unparsed::default(),
        }
    }

    fn errors(raw: &RawSet) -> Vec<String> {
        match validate(raw, Diagnostics::default()) {
            Ok(_) => Vec::new(),
            Err(d) => d.items.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_valid_raw_set_builds_without_yaml() {
        let set = validate(&valid(), Diagnostics::default()).map_err(|d| d.items).unwrap();
        let ids: Vec<&str> = set.standards.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["FS-1", "FS-1.1", "FS-1.2"]);
        assert_eq!(set.required(0).len(), 2);
        assert_eq!(set.cluster.credentials[0].requires, [1]);
    }

    #[test]
    fn a_duplicate_standard_is_reported_at_its_json_path_on_one_line() {
        let mut raw = valid();
        raw.frameworks[0].standards[0].children[1].code.value = "1.1".to_string();
        assert_eq!(
            errors(&raw),
            ["package.json: error: $.CFItems[2].humanCodingScheme: duplicate standard ID FS-1.1 \
                 (first defined at package.json at $.CFItems[1].humanCodingScheme)"]
        );
    }

    #[test]
    fn a_json_path_with_a_known_line_prints_it_and_the_path() {
        let mut raw = valid();
        let code = &mut raw.frameworks[0].standards[0].children[1].code;
        code.value = "2.2".to_string();
        code.at = at("$.CFItems[2].humanCodingScheme", 12);
        let expected = "package.json:12:5: error: $.CFItems[2].humanCodingScheme: code \"2.2\" does not \
                        extend its parent's code \"1\"; a child's code is its parent's plus one segment, \
                        like \"1.1\"";
        assert_eq!(errors(&raw), [expected]);
    }

    #[test]
    fn every_problem_of_the_raw_set_is_collected() {
        let mut raw = valid();
        let cluster = raw.cluster.as_mut().unwrap();
        cluster.pathways[0].framework.value = "FX".to_string();
        cluster.credentials[0].requires[0].value = "FS-1.3".to_string();
        cluster.credentials[0].pathways[0].value = "DS".to_string();
        raw.frameworks[0].title.value = " ".to_string();
        raw.frameworks[0].applies_to.value = RawAppliesTo::Pathways(vec![text("TX", "$.applies[0]")]);
        assert_eq!(
            errors(&raw),
            [
                "package.json: error: $.CFDocument.title: empty framework title; give it a value",
                "package.json: error: $.applies[0]: applies_to names unknown pathway \"TX\"; did you mean TS?",
                "package.json: error: $.credentials[0].pathways[0]: credential CNA names unknown pathway \"DS\"; did you mean TS?",
                "package.json: error: $.credentials[0].requires[0]: credential CNA requires unknown standard \"FS-1.3\"; did you mean FS-1.1?",
                "package.json: error: $.pathways[0].framework: pathway TS names framework \"FX\", which no standards file defines; did you mean FS?",
            ]
        );
    }

    #[test]
    fn references_to_what_an_unparsed_source_may_define_are_not_blamed() {
        let mut raw = valid();
        let cluster = raw.cluster.as_mut().unwrap();
        cluster.pathways[0].framework.value = "TS".to_string();
        cluster.credentials[0].requires.push(text("TS-4.2", "$.credentials[0].requires[1]"));
        raw.unparsed.add(Some(("TS".to_string(), false)));
        assert_eq!(errors(&raw), Vec::<String>::new());
    }

    #[test]
    fn a_set_without_a_cluster_fails_even_when_the_reader_said_nothing() {
        let mut raw = valid();
        raw.cluster = None;
        assert_eq!(errors(&raw), ["<standards>:1:1: error: the standards set has no cluster; add one"]);
    }
}
