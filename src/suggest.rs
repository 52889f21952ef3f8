//! "Did you mean ...?": the closest known name to a misspelled one.

/// The candidate closest to `wrong`, compared case-insensitively and ignoring separators, when
/// it is close enough to be a plausible typo.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    // Names and IDs are short; a long string is no typo of one, and comparing it would be slow.
    const LONGEST: usize = 100;
    let key = fold(wrong);
    if key.is_empty() || key.len() > LONGEST {
        return None;
    }
    let mut best: Option<(f64, &str)> = None;
    for cand in candidates {
        let score = strsim::normalized_damerau_levenshtein(&key, &fold(cand));
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, cand));
        }
    }
    best.filter(|(score, _)| *score >= 0.5).map(|(_, c)| c.to_string())
}

/// The usual tail of a message: `; did you mean FS-2.2?`, or nothing.
pub fn did_you_mean<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(wrong, candidates).map(|c| format!("; did you mean {c}?")).unwrap_or_default()
}

fn fold(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_near_misses_only() {
        let ids = ["FS-2.1", "FS-2.2", "TS-1.1"];
        assert_eq!(closest("FS-2.12", ids).as_deref(), Some("FS-2.1"));
        assert_eq!(closest("fs 2.2", ids).as_deref(), Some("FS-2.2"));
        assert_eq!(closest("Welding", ids), None);
    }
}
