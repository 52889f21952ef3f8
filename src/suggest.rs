//! "Did you mean ...?": the closest known name to a misspelled one.

use std::borrow::Cow;

/// The candidate closest to `wrong`, compared case-insensitively and ignoring separators, when
/// it is close enough to be a plausible typo.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    search(wrong, candidates.into_iter().map(|c| (c, folded_len(c), move || Cow::Owned(fold(c)))))
}

/// Candidates folded once, for a list asked about many times (every standard of a set, for
/// each unknown ID a catalog holds): [`Folded::closest`] answers as [`closest`] does, without
/// folding each candidate again.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// Each candidate folded, and its length in characters, in the candidates' order.
    items: Vec<(String, usize)>,
}

impl Folded {
    pub fn new<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Folded {
        let items = candidates
            .into_iter()
            .map(|c| {
                let folded = fold(c);
                let len = folded.chars().count();
                (folded, len)
            })
            .collect();
        Folded { items }
    }

    /// [`closest`] over `candidates`, which must be the ones this was built from, in order.
    pub fn closest<'a>(&self, wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
        let items = candidates.into_iter().zip(&self.items);
        search(wrong, items.map(|(c, (folded, len))| (c, *len, move || Cow::Borrowed(folded.as_str()))))
    }
}

/// The search behind [`closest`]: each candidate with the length of its folded form, and its
/// folded form, made only when the length leaves it a chance.
fn search<'a, 'f, F>(wrong: &str, candidates: impl Iterator<Item = (&'a str, usize, F)>) -> Option<String>
where
    F: FnOnce() -> Cow<'f, str>,
{
    // Names and IDs are short; a long string is no typo of one, and comparing it would be slow.
    const LONGEST: usize = 100;
    let key = fold(wrong);
    if key.is_empty() || key.len() > LONGEST {
        return None;
    }
    let mut best: Option<(f64, &str)> = None;
    let len = key.chars().count();
    let counts = Counts::of(&key);
    // A score no better than this cannot be the answer: under 0.5, or not above the best.
    let hopeless = |bound: f64, best: Option<f64>| bound < 0.5 || best.is_some_and(|b| bound <= b);
    for (cand, other, folded) in candidates {
        // The edit distance is at least the difference in length, which bounds the score from
        // above: a candidate that could neither reach 0.5 nor beat the best is not compared
        // (nor even folded).
        let longest = len.max(other).max(1) as f64;
        if hopeless(1.0 - len.abs_diff(other) as f64 / longest, best.map(|(b, _)| b)) {
            continue;
        }
        // A tighter bound, still far cheaper than the distance: each edit adds or removes at
        // most one character on each side, so the distance is at least the number of
        // characters one string has that the other lacks (a transposition changes neither).
        let folded = folded();
        if hopeless(1.0 - counts.distance(&Counts::of(&folded)) as f64 / longest, best.map(|(b, _)| b)) {
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

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '_')
}

/// The length in characters of `fold(s)`, without building it.
fn folded_len(s: &str) -> usize {
    s.chars()
        .filter(|&c| !is_separator(c))
        .map(|c| if c.is_ascii() { 1 } else { c.to_lowercase().count() })
        .sum()
}

/// How many times each character occurs in a string: ASCII counted apart, the rest together
/// (which only weakens the bound, never breaks it).
struct Counts {
    ascii: [u32; 128],
    other: Vec<char>,
}

impl Counts {
    fn of(s: &str) -> Counts {
        let mut counts = Counts { ascii: [0; 128], other: Vec::new() };
        for c in s.chars() {
            match usize::try_from(u32::from(c)) {
                Ok(i) if i < 128 => counts.ascii[i] += 1,
                _ => counts.other.push(c),
            }
        }
        counts.other.sort_unstable();
        counts
    }

    /// A lower bound of the edit distance between the two strings: the larger of the numbers
    /// of characters each has beyond the other's.
    fn distance(&self, other: &Counts) -> usize {
        let (mut more, mut fewer) = (0usize, 0usize);
        for (a, b) in self.ascii.iter().zip(&other.ascii) {
            more += a.saturating_sub(*b) as usize;
            fewer += b.saturating_sub(*a) as usize;
        }
        // Beyond ASCII: the multiset difference of the two sorted lists.
        let (mut i, mut j) = (0, 0);
        let (x, y) = (&self.other, &other.other);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Equal => (i, j) = (i + 1, j + 1),
                std::cmp::Ordering::Less => (more, i) = (more + 1, i + 1),
                std::cmp::Ordering::Greater => (fewer, j) = (fewer + 1, j + 1),
            }
        }
        more += x.len() - i;
        fewer += y.len() - j;
        more.max(fewer)
    }
}

fn fold(s: &str) -> String {
    s.chars().filter(|&c| !is_separator(c)).flat_map(char::to_lowercase).collect()
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
        /// Skipping candidates by length or by the characters they hold never changes the
        /// suggestion, nor does folding the candidates beforehand (from 2 letters and a short
        /// alphabet, so that near misses are common).
        #[test]
        fn the_bounds_change_nothing(wrong in "[a-cA-CéÉß0-9 .-]{0,12}", ids in proptest::collection::vec("[A-CÉß]{1,3}-[0-9.]{1,6}", 0..20)) {
            let full = {
                let key = super::fold(&wrong);
                let best = ids.iter().map(|c| (strsim::normalized_damerau_levenshtein(&key, &super::fold(c)), c)).fold(None, |best: Option<(f64, &String)>, (s, c)| match best {
                    Some((b, _)) if s <= b => best,
                    _ => Some((s, c)),
                });
                best.filter(|(s, _)| !key.is_empty() && *s >= 0.5).map(|(_, c)| c.clone())
            };
            proptest::prop_assert_eq!(closest(&wrong, ids.iter().map(String::as_str)), full.clone());
            let folded = super::Folded::new(ids.iter().map(String::as_str));
            proptest::prop_assert_eq!(folded.closest(&wrong, ids.iter().map(String::as_str)), full);
        }
    }
}
