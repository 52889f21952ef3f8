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
    let len = key.chars().count();
    for cand in candidates {
        let folded = fold(cand);
        // The edit distance is at least the difference in length, which bounds the score from
        // above: a candidate that could neither reach 0.5 nor beat the best is not compared.
        let other = folded.chars().count();
        let bound = 1.0 - len.abs_diff(other) as f64 / len.max(other).max(1) as f64;
        if bound < 0.5 || best.is_some_and(|(b, _)| bound <= b) {
            continue;
        }
        let score = strsim::normalized_damerau_levenshtein(&key, &folded);
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

    proptest::proptest! {
        /// Skipping candidates by length never changes the suggestion.
        #[test]
        fn the_length_bound_changes_nothing(wrong in "[a-zA-Z0-9 .-]{0,12}", ids in proptest::collection::vec("[A-Z]{1,3}-[0-9.]{1,6}", 0..20)) {
            let full = {
                let key = super::fold(&wrong);
                let best = ids.iter().map(|c| (strsim::normalized_damerau_levenshtein(&key, &super::fold(c)), c)).fold(None, |best: Option<(f64, &String)>, (s, c)| match best {
                    Some((b, _)) if s <= b => best,
                    _ => Some((s, c)),
                });
                best.filter(|(s, _)| !key.is_empty() && *s >= 0.5).map(|(_, c)| c.clone())
            };
            proptest::prop_assert_eq!(closest(&wrong, ids.iter().map(String::as_str)), full);
        }
    }
}
