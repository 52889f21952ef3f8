//! References inside catalog fields: alignment lists (`FS-1.1:I; FS-7.1:R; TS-2.3`), pathway,
//! credential and work-based-learning lists, and course levels, each resolved against the
//! standards set with a message for every bad one.

use compact_str::CompactString;
use rustc_hash::FxHashMap;

use crate::model::{Alignment, CredentialIdx, Lookup, PathwaySet, StandardIdx, StandardsSet};
use crate::suggest::did_you_mean;
use crate::text::{describe, escape_invisible as esc, invisible};

/// A problem with one item of a field: the byte offset of the item in the field, whether it
/// is only a warning, and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemProblem {
    pub offset: usize,
    pub warning: bool,
    pub message: String,
}

impl ItemProblem {
    fn error(offset: usize, message: String) -> Self {
        ItemProblem { offset, warning: false, message }
    }
    fn warning(offset: usize, message: String) -> Self {
        ItemProblem { offset, warning: true, message }
    }
}

/// An error for an identifier (`what`: "course ID", "standard ID", ...) that holds a control
/// or invisible formatting character, pointing at that character: such an ID looks like
/// another one that it is not, or rewrites the terminal it is printed on.
pub fn invisible_problem(what: &str, text: &str, offset: usize) -> Option<ItemProblem> {
    let (at, c) = invisible(text)?;
    Some(ItemProblem::error(offset + at, invisible_message(what, text, c)))
}

/// The message for [`invisible_problem`].
pub fn invisible_message(what: &str, text: &str, c: char) -> String {
    format!(
        "{what} \"{}\" holds {}, which cannot be seen; delete it (retype the value) so the ID is what it looks like",
        esc(text),
        describe(c)
    )
}

/// Splits a list field on `;`, `,`, `|` and newlines, yielding each trimmed, non-empty item
/// with its byte offset in the field. The separators are ASCII, so scanning bytes cuts only on
/// character boundaries; it runs on every field of every row, where a `char` pattern is slow.
pub fn split_list(field: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = field.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        while start <= bytes.len() {
            let end = bytes[start..].iter().position(|&b| is_separator(b)).map_or(bytes.len(), |p| start + p);
            let item = &field[start..end];
            let at = start;
            start = end + 1;
            let trimmed = trim(item);
            if !trimmed.is_empty() {
                let lead = item.len() - item.trim_start().len();
                return Some((at + lead, trimmed));
            }
        }
        None
    })
}

fn is_separator(b: u8) -> bool {
    matches!(b, b';' | b',' | b'|' | b'\n')
}

/// `str::trim`, with a fast path for the usual field that starts and ends with a printable
/// ASCII character (nothing to trim).
pub fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [] => s,
        [first, .., last] | [first @ last]
            if (b'!'..=b'~').contains(first) && (b'!'..=b'~').contains(last) =>
        {
            s
        }
        _ => s.trim(),
    }
}

/// What reading remembers from one alignment to the next, so that the same text is worked out
/// once per file: each alignment item that resolved without a problem (a statewide file repeats
/// a few hundred items, `FS-1.1:I`, millions of times), and the hint for each unknown standard
/// ID (finding the closest known ID compares with every standard, and a catalog written against
/// another framework repeats the same unknown IDs on every row).
#[derive(Debug, Default)]
pub struct Hints {
    hints: FxHashMap<String, String>,
    items: FxHashMap<CompactString, Alignment>,
}

/// The most alignment items remembered: valid items are few, but their spellings (spaces
/// around the colon, say) are not bounded.
const MAX_REMEMBERED_ITEMS: usize = 4096;

impl Hints {
    /// `; did you mean FS-2.2?`, or the prefixes standard IDs start with.
    fn unknown_standard(&mut self, set: &StandardsSet, text: &str) -> &str {
        self.hints.entry(text.to_string()).or_insert_with(|| match set.suggest(text) {
            Some(s) => format!("; did you mean {s}?"),
            None => {
                let prefixes: Vec<&str> = set.frameworks.iter().map(|f| f.id.as_str()).collect();
                format!("; standard IDs start with one of {}", prefixes.join(", "))
            }
        })
    }
}

/// Resolves one standard reference, with a warning for a legacy code and for a standard above
/// its framework's coverage depth (which counts for nothing).
pub fn resolve_standard(
    set: &StandardsSet,
    text: &str,
    offset: usize,
    hints: &mut Hints,
    problems: &mut Vec<ItemProblem>,
) -> Option<StandardIdx> {
    if let Some(problem) = invisible_problem("standard ID", text, offset) {
        problems.push(problem);
        return None;
    }
    let idx = match set.find(text) {
        Some(Lookup::Found(i)) => i,
        Some(Lookup::Legacy(i)) => {
            problems.push(ItemProblem::warning(
                offset,
                format!(
                    "legacy code \"{}\" read as {}; write {1} to silence this",
                    esc(text),
                    set.standard(i).id
                ),
            ));
            i
        }
        Some(Lookup::NotFound { .. }) | None => {
            let hint = hints.unknown_standard(set, text);
            problems.push(ItemProblem::error(offset, format!("unknown standard \"{}\"{hint}", esc(text))));
            return None;
        }
    };
    let s = set.standard(idx);
    let fw = set.framework_of(idx);
    if s.depth < fw.coverage_depth {
        problems.push(ItemProblem::warning(
            offset,
            format!(
                "{} is too broad to count: {} coverage is counted one level down, at standards like {}",
                s.id,
                fw.id,
                set.counted_descendants(idx).first().map_or("?", |&c| set.standard(c).id.as_str())
            ),
        ));
    }
    Some(idx)
}

/// Resolves a depth letter (or name) on the cluster's scale.
pub fn resolve_depth(
    set: &StandardsSet,
    text: &str,
    item: &str,
    offset: usize,
    problems: &mut Vec<ItemProblem>,
) -> Option<u8> {
    if let Some(problem) = invisible_problem("depth", text, offset) {
        problems.push(problem);
        return None;
    }
    let depth = set.cluster.depth(text);
    if depth.is_none() {
        let codes = set.cluster.depth_scale.iter().map(|d| d.code.as_str());
        problems.push(ItemProblem::error(
            offset,
            format!(
                "unknown depth \"{}\" in \"{}\"; the depth scale is {}{}",
                esc(text),
                esc(item),
                set.cluster.depth_codes(),
                did_you_mean(text, codes).replace("; did you mean", ", did you mean")
            ),
        ));
    }
    depth
}

/// Parses an alignment list: `FS-1.1:I; FS-7.1:R; TS-2.3`.
pub fn parse_alignments(
    set: &StandardsSet,
    field: &str,
    hints: &mut Hints,
    problems: &mut Vec<ItemProblem>,
) -> Vec<Alignment> {
    let limit = super::limits::MAX_ALIGNMENTS;
    // Separators bound the count from above; only a field near the limit is counted exactly.
    let bound = 1 + field.bytes().filter(|&b| is_separator(b)).count();
    let count = if bound > limit { split_list(field).count() } else { bound };
    if count > limit {
        let message =
            format!("{count} alignments on one course, over the limit of {limit}; is this the right column?");
        problems.push(ItemProblem::error(0, message));
        return Vec::new();
    }
    let mut out = Vec::with_capacity(count);
    for (offset, item) in split_list(field) {
        if let Some(&known) = hints.items.get(item) {
            out.push(known);
            continue;
        }
        let before = problems.len();
        let Some(alignment) = parse_alignment(set, item, offset, hints, problems) else { continue };
        out.push(alignment);
        if problems.len() == before && hints.items.len() < MAX_REMEMBERED_ITEMS {
            hints.items.insert(item.into(), alignment);
        }
    }
    out
}

/// One item of an alignment list: `FS-1.1:I`, or `FS-1.1`.
fn parse_alignment(
    set: &StandardsSet,
    item: &str,
    offset: usize,
    hints: &mut Hints,
    problems: &mut Vec<ItemProblem>,
) -> Option<Alignment> {
    if let Some(problem) = invisible_problem("alignment", item, offset) {
        problems.push(problem);
        return None;
    }
    let (id, depth_text) = split_depth(item);
    let malformed = id.is_empty() || depth_text.is_some_and(|(d, _)| d.is_empty() || d.contains(':'));
    if malformed {
        problems.push(ItemProblem::error(
            offset,
            format!("malformed alignment \"{}\"; write STANDARD or STANDARD:DEPTH, like FS-1.1:M", esc(item)),
        ));
        return None;
    }
    let standard = resolve_standard(set, id, offset, hints, problems);
    let depth = match depth_text {
        Some((d, at)) => Some(resolve_depth(set, d, item, offset + at, problems)?),
        None => None,
    };
    Some(Alignment { standard: standard?, depth })
}

/// An alignment's standard and its depth (with the depth's byte offset in the item), in any
/// of the ways catalogs write them: `FS-7.1:M`, `FS-7.1 (M)`, `FS 7.1 (Mastery)`,
/// `FS-7.1 - M`. The colon is the documented form; the others are read the same rather than
/// losing the depth to a "did you mean FS-7.1?".
fn split_depth(item: &str) -> (&str, Option<(&str, usize)>) {
    if let Some((id, depth)) = item.split_once(':') {
        return (trim(id), Some((trim(depth), id.len() + 1)));
    }
    if let Some(inner) = item.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
        && open > 0
    {
        let depth = &inner[open + 1..];
        let lead = depth.len() - depth.trim_start().len();
        return (trim(&item[..open]), Some((trim(depth), open + 1 + lead)));
    }
    for dash in [" - ", " \u{2013} ", " \u{2014} "] {
        if let Some(at) = item.rfind(dash) {
            let depth = &item[at + dash.len()..];
            let lead = depth.len() - depth.trim_start().len();
            return (trim(&item[..at]), Some((trim(depth), at + dash.len() + lead)));
        }
    }
    (item, None)
}

/// Whether a cell holds standard IDs: most of its items name a standard of the set, in any
/// of the notations [`split_depth`] reads. For finding a standards column under a header no
/// usual name matches.
pub fn holds_standards(set: &StandardsSet, cell: &str) -> bool {
    let (mut items, mut found) = (0, 0);
    for (_, item) in split_list(cell).take(20) {
        items += 1;
        found +=
            usize::from(set.find(split_depth(item).0).is_some_and(|l| !matches!(l, Lookup::NotFound { .. })));
    }
    items > 0 && found * 2 > items
}

/// The separators of a list field, for messages about a value that looks like a list.
pub const LIST_SEPARATORS: &str = "; , | or a new line (a / also separates pathways and credentials)";

/// Items of a pathway or credential field that are written `A/B` (`TS / DS`, `EMR/BLS`): the
/// whole item when it names one thing (`BLS/CPR` may be a credential's own name), else its
/// parts, each with its offset, when every part names one.
fn slash_parts(item: &str, offset: usize, known: impl Fn(&str) -> bool) -> Option<Vec<(usize, &str)>> {
    if known(item) || !item.contains('/') {
        return None;
    }
    let mut parts = Vec::new();
    let mut at = 0;
    for part in item.split('/') {
        let lead = part.len() - part.trim_start().len();
        let text = trim(part);
        if text.is_empty() || !known(text) {
            return None;
        }
        parts.push((offset + at + lead, text));
        at += part.len() + 1;
    }
    Some(parts)
}

/// `; a list is separated by ...` when an unknown value holds a character that looks like a
/// separator this field does not take.
fn list_hint(item: &str) -> String {
    let looks_like_list = item.contains(['/', '&', '+']) || item.contains(" and ");
    if looks_like_list {
        format!("; to list several, separate them with {LIST_SEPARATORS}")
    } else {
        String::new()
    }
}

/// Words that name another career cluster than the loaded one (folded: lower case, letters
/// and digits only), from the National Career Clusters and the programs districts list under
/// them. A pathway value made only of such words is a course of another cluster in a
/// district-wide export, not a mistake.
const OTHER_CLUSTER_WORDS: &[&str] = &[
    "agricultur",
    "agriscience",
    "animalscience",
    "plantscience",
    "horticultur",
    "naturalresource",
    "forestry",
    "construction",
    "architect",
    "carpentry",
    "plumbing",
    "hvac",
    "audiovideo",
    "graphicdesign",
    "communications",
    "journalism",
    "business",
    "marketing",
    "finance",
    "accounting",
    "entrepreneur",
    "education",
    "teaching",
    "earlychildhood",
    "government",
    "publicadministration",
    "hospitality",
    "tourism",
    "culinary",
    "foodservice",
    "humanservices",
    "cosmetology",
    "barbering",
    "familyandconsumer",
    "informationtechnology",
    "computerscience",
    "programming",
    "cybersecurity",
    "networking",
    "softwaredevelopment",
    "webdesign",
    "publicsafety",
    "criminaljustice",
    "corrections",
    "firescience",
    "manufacturing",
    "welding",
    "machining",
    "engineering",
    "robotics",
    "transportation",
    "automotive",
    "autobody",
    "collision",
    "logistics",
    "aviation",
    "diesel",
    "jrotc",
    "artsav",
    "visualarts",
];

/// Short values that name another cluster only when they are the whole value.
const OTHER_CLUSTER_NAMES: &[&str] = &["it", "ag", "stem", "ffa", "fccs", "facs", "law", "arts"];

/// The pathway field's value when it names only another career cluster's program (or what
/// the config file's `[aliases.pathway]` maps to `other`), so the course is left out with
/// the others in one summary line rather than an error each: `Agriculture`, `IT`. `None` when
/// any item is a pathway of the set, or a plausible misspelling of one ("Theraputic").
pub fn other_cluster<'f>(set: &StandardsSet, field: &'f str) -> Option<&'f str> {
    let fold =
        |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let names = || set.cluster.pathways.iter().flat_map(|p| [p.id.as_str(), p.title.as_str()]);
    let other = |item: &str| {
        let key = fold(item);
        let local = set.cluster.local.other_cluster.iter().any(|a| fold(a) == key);
        let named = OTHER_CLUSTER_NAMES.contains(&key.as_str())
            || OTHER_CLUSTER_WORDS.iter().any(|w| key.contains(w));
        local
            || (named
                && set.cluster.pathway(item).is_none()
                && crate::suggest::closest(item, names()).is_none())
    };
    let mut items = split_list(field).peekable();
    items.peek()?;
    items.all(|(_, item)| other(item)).then_some(field)
}

/// Parses a pathway list: IDs, titles or aliases; `*` (or `all`) for every pathway.
pub fn parse_pathways(set: &StandardsSet, field: &str, problems: &mut Vec<ItemProblem>) -> PathwaySet {
    let mut out = PathwaySet::NONE;
    for (offset, item) in split_list(field) {
        if item == "*" || item.eq_ignore_ascii_case("all") || set.cluster.means_all(item) {
            return PathwaySet::All;
        }
        if let Some(problem) = invisible_problem("pathway", item, offset) {
            problems.push(problem);
            continue;
        }
        if let Some(parts) = slash_parts(item, offset, |p| set.cluster.pathway(p).is_some()) {
            parts.iter().filter_map(|(_, p)| set.cluster.pathway(p)).for_each(|p| out.insert(p));
            continue;
        }
        match set.cluster.pathway(item) {
            Some(p) => out.insert(p),
            None => {
                let names = set.cluster.pathways.iter().flat_map(|p| [p.id.as_str(), p.title.as_str()]);
                let ids: Vec<&str> = set.cluster.pathways.iter().map(|p| p.id.as_str()).collect();
                let hint = crate::suggest::closest(item, names)
                    .map(|s| format!("; did you mean {s}?"))
                    .unwrap_or_else(|| format!("; the pathways are {} (or * for all)", ids.join(", ")));
                let list = list_hint(item);
                problems.push(ItemProblem::error(
                    offset,
                    format!("unknown pathway \"{}\"{hint}{list}", esc(item)),
                ));
            }
        }
    }
    out
}

/// Parses a credential list: IDs or titles.
pub fn parse_credentials(
    set: &StandardsSet,
    field: &str,
    problems: &mut Vec<ItemProblem>,
) -> Vec<CredentialIdx> {
    let mut out = Vec::new();
    for (offset, item) in split_list(field) {
        if matches!(item.to_ascii_lowercase().as_str(), "none" | "no" | "n/a" | "-")
            || set.cluster.not_a_credential(item)
        {
            continue;
        }
        if let Some(parts) = slash_parts(item, offset, |c| set.cluster.credential(c).is_some()) {
            for c in parts.iter().filter_map(|(_, c)| set.cluster.credential(c)) {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
            continue;
        }
        match set.cluster.credential(item) {
            Some(c) if !out.contains(&c) => out.push(c),
            Some(_) => {}
            None => {
                let names = set.cluster.credentials.iter().flat_map(|c| [c.id.as_str(), c.title.as_str()]);
                let hint = match did_you_mean(item, names) {
                    hint if hint.is_empty() => {
                        "; credentials are defined in the standards' cluster.yaml (`cte-align standards` lists them)"
                            .to_string()
                    }
                    hint => hint,
                };
                let list = list_hint(item);
                problems.push(ItemProblem::error(
                    offset,
                    format!("unknown credential \"{}\"{hint}{list}", esc(item)),
                ));
            }
        }
    }
    out.sort_unstable();
    out
}

/// The kinds of work-based learning cte-align recognises, by the words that name them.
const WBL_KINDS: &[(&str, &[&str])] = &[
    ("internship", &["internship", "intern", "externship"]),
    ("clinical", &["clinical", "clinicals", "clinicalrotation", "clinicalrotations", "clinicalexperience"]),
    ("job shadowing", &["jobshadowing", "jobshadow", "shadowing", "shadow"]),
    ("practicum", &["practicum", "capstone"]),
    ("apprenticeship", &["apprenticeship", "preapprenticeship", "youthapprenticeship"]),
    ("school-based enterprise", &["schoolbasedenterprise", "sbe"]),
    ("mentorship", &["mentorship", "mentoring"]),
    ("service learning", &["servicelearning", "volunteer", "volunteering"]),
    ("work-based learning", &["yes", "y", "true", "x", "1", "wbl"]),
];

/// Parses the work-based-learning field: kinds, or yes / no.
pub fn parse_wbl(field: &str, problems: &mut Vec<ItemProblem>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for (offset, item) in split_list(field) {
        let key: String = item.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
        if matches!(key.as_str(), "no" | "n" | "none" | "false" | "0" | "na") {
            continue;
        }
        let kind = WBL_KINDS.iter().find(|(_, words)| words.contains(&key.as_str())).map(|(k, _)| *k);
        // An audit must not credit a program with work-based learning on a word it does not
        // know ("TBD", "field trip"): such a value is reported and not counted.
        let Some(kind) = kind else {
            problems.push(ItemProblem::warning(
                offset,
                format!(
                    "unrecognised work-based learning \"{}\", not counted; \
                     known kinds: internship, clinical, job shadowing, practicum, apprenticeship, \
                     school-based enterprise, mentorship, service learning, or yes / no",
                    esc(item)
                ),
            ));
            continue;
        };
        if !out.contains(&kind) {
            out.push(kind);
        }
    }
    out.sort_unstable();
    out
}

/// Checks a SCED course code: the 5-digit code (`14001`), or the 12-character identifier that
/// starts with it (`14001G1.0000`). Only shown, never audited, so a bad one is a warning.
pub fn check_sced(field: &str) -> Option<String> {
    let digits = field.len() >= 5 && field.as_bytes()[..5].iter().all(u8::is_ascii_digit);
    let ok = field.is_empty() || (digits && (field.len() == 5 || field.chars().count() == 12));
    (!ok).then(|| {
        format!("SCED code \"{}\" is neither a 5-digit code (like 14001) nor a 12-character identifier that starts with one", esc(field))
    })
}

/// Checks a SCED code against the SCED v12 list (see [`super::sced`]): a well-formed code
/// that does not exist, or whose SCED title shares no word with the course's title, is
/// reported (a warning, as the code is only shown).
pub fn check_sced_code(field: &str, course_title: &str) -> Option<String> {
    if field.is_empty() || check_sced(field).is_some() {
        return check_sced(field);
    }
    let code = field.get(..5)?;
    // The search of the whole list for a better code runs only for a code already in doubt:
    // this check runs on every row of a statewide file.
    let matching = || super::sced::matching(code, course_title).filter(|(c, _)| *c != code);
    let hint = |(c, t): (&str, &str)| format!("; did you mean {c} ({t})?");
    match super::sced::title(code) {
        None => Some(format!(
            "SCED code {code} does not exist in SCED v12 (NCES){}",
            matching().map(hint).unwrap_or_default()
        )),
        Some(title) if super::sced::far(course_title, title) => {
            let better = matching()?;
            Some(format!(
                "SCED code {code} is \"{title}\" in SCED v12, not \"{}\"{}",
                esc(course_title),
                hint(better)
            ))
        }
        Some(_) => None,
    }
}

/// Checks a grades field: grade levels (`9` to `12`, `K`, `PK`, also as `9th`) alone, as a
/// range (`10-12`, `9 to 12`) or a list (`9, 10`, `9/10`), optionally after "Grade(s)". Only
/// shown, never audited, so a bad one is a warning.
pub fn check_grades(field: &str) -> Option<String> {
    // Most catalogs leave the column out or empty: nothing to check.
    if trim(field).is_empty() {
        return None;
    }
    let lower = field.to_ascii_lowercase();
    let rest = lower.trim_start_matches("grades").trim_start_matches("grade");
    let grade = |g: &str| {
        let g = ["th", "st", "nd", "rd"].iter().find_map(|s| g.strip_suffix(s)).unwrap_or(g);
        g == "k" || g == "pk" || g.parse::<u8>().is_ok_and(|n| (1..=12).contains(&n))
    };
    let words: Vec<&str> = rest
        .split([',', ';', '-', '\u{2013}', '/', '&', ' '])
        .filter(|w| !w.is_empty() && *w != "to" && *w != "and")
        .collect();
    let ok = !words.is_empty() && words.iter().all(|w| grade(w));
    (!ok).then(|| format!("grades \"{}\" are not grade levels; write them like 10-12 or 9, 10", esc(field)))
}

/// Parses a course level: `1` to `4`, a roman numeral, the words of the sequence, or a
/// district's own word for one (`Honors = 3` in the config file's `[aliases.level]`).
pub fn parse_level_with(field: &str, aliases: &[(String, u8)]) -> Result<Option<u8>, String> {
    let key =
        |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    if !aliases.is_empty() {
        let folded = key(field);
        if let Some(&(_, level)) = aliases.iter().find(|(a, _)| key(a) == folded) {
            return Ok(Some(level));
        }
    }
    parse_level(field).map_err(|e| {
        if aliases.is_empty() {
            format!(
                "{e}; or name your own word in cte-align.toml, like \"{}\" = 3 under [aliases.level]",
                esc(field)
            )
        } else {
            e
        }
    })
}

/// Parses a course level: `1` to `4`, a roman numeral, or the words of the sequence.
pub fn parse_level(field: &str) -> Result<Option<u8>, String> {
    // Most catalogs write the digit: no need to fold the field.
    if let [digit @ b'1'..=b'4'] = field.as_bytes() {
        return Ok(Some(digit - b'0'));
    }
    let key: String = field.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    let key = key.strip_prefix("level").unwrap_or(&key);
    // Punctuation is dropped to read "Level-2" or "(II)", but a sign is not punctuation: -1
    // is no level.
    let signed = field.trim_start().starts_with(['-', '+']);
    let level = match key {
        "" => return Ok(None),
        _ if signed => None,
        "1" | "i" | "introductory" | "intro" | "introduction" | "exploratory" | "explorer" | "foundation" => {
            Some(1)
        }
        "2" | "ii" | "intermediate" | "concentrator" | "concentration" => Some(2),
        "3" | "iii" | "advanced" => Some(3),
        "4" | "iv" | "capstone" | "practicum" => Some(4),
        _ => None,
    };
    level.map(Some).ok_or_else(|| {
        format!(
            "unknown level \"{}\"; use 1 to 4, or introductory, intermediate, advanced, capstone",
            esc(field)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lists_with_offsets() {
        let items: Vec<_> = split_list("FS-1.1:I;  FS-7.1:R;;TS-2").collect();
        assert_eq!(items, [(0, "FS-1.1:I"), (11, "FS-7.1:R"), (21, "TS-2")]);
    }

    #[test]
    fn splits_on_every_separator_and_keeps_unicode_intact() {
        let items: Vec<_> = split_list("\u{a0}Ünïcode\u{a0}|b\n c,").collect();
        assert_eq!(items, [(2, "Ünïcode"), (14, "b"), (17, "c")]);
        assert_eq!(split_list("").count(), 0);
        assert_eq!(split_list(" ; ,|").count(), 0);
    }

    proptest::proptest! {
        /// The fast path of `trim` must not change what `str::trim` gives.
        #[test]
        fn trim_is_str_trim(s in "\\PC*|[ \t\u{a0}\u{3000}\u{b}a-z!~]{0,8}") {
            proptest::prop_assert_eq!(trim(&s), s.trim());
        }

        /// Every item is a trimmed, non-empty piece of the field found at its offset.
        #[test]
        fn split_items_sit_at_their_offsets(s in "[a-zA-Z0-9 .:;,|\n\u{a0}é-]{0,40}") {
            for (at, item) in split_list(&s) {
                proptest::prop_assert!(!item.is_empty() && item == item.trim());
                proptest::prop_assert!(s[at..].starts_with(item));
            }
        }
    }

    #[test]
    fn sced_codes_and_grades_are_checked() {
        for good in ["", "14001", "14001G1.0000"] {
            assert_eq!(check_sced(good), None, "{good}");
        }
        for bad in ["abc", "1400", "14001G", "1400A"] {
            assert!(check_sced(bad).is_some(), "{bad}");
        }
        for good in [
            "",
            "9",
            "10-12",
            "9, 10, 11",
            "K-12",
            "09-12",
            "11\u{2013}12",
            "9th-12th",
            "9/10",
            "Grades 9-12",
            "9 to 12",
        ] {
            assert_eq!(check_grades(good), None, "{good}");
        }
        for bad in ["zz", "13", "grade", "9-13", "TBD"] {
            assert!(check_grades(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn levels_read_words_and_numbers() {
        assert_eq!(parse_level("Level 2"), Ok(Some(2)));
        assert_eq!(parse_level("Capstone"), Ok(Some(4)));
        assert_eq!(parse_level(""), Ok(None));
        assert!(parse_level("5").is_err());
        assert!(parse_level("-1").is_err(), "a sign is not punctuation");
        assert_eq!(parse_level("Level-2"), Ok(Some(2)));
    }
}
