//! The NCES School Courses for the Exchange of Data (SCED), version 12: every course code with
//! its title, to check a catalog's SCED codes against the real list rather than only their
//! shape.
//!
//! `sced_v12.tsv` (code, tab, title; 1,785 codes) was generated from
//! `shared/data/real/sced-v12/sced_v12_all.extracted.csv`, itself extracted from the NCES
//! publication "School Courses for the Exchange of Data (SCED) Version 12" (sced_v12.pdf).
//! Only codes and titles are kept: the descriptions are not needed to check a code.

use std::sync::OnceLock;

const LIST: &str = include_str!("sced_v12.tsv");

/// The codes and titles, in the list's (code) order.
fn codes() -> &'static [(&'static str, &'static str)] {
    static CODES: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    CODES.get_or_init(|| LIST.lines().filter_map(|l| l.split_once('\t')).collect())
}

/// The SCED v12 title of a 5-digit code; `None` when the code is not in SCED v12.
pub fn title(code: &str) -> Option<&'static str> {
    let codes = codes();
    codes.binary_search_by(|(c, _)| (*c).cmp(code)).ok().map(|i| codes[i].1)
}

/// Every code that is not a catch-all, with its title and the title's stems, and for each stem
/// the codes (places in that list) whose titles have it; worked out once: [`matching`]
/// compares a course's title with the codes that share a stem with it, not the whole list.
/// Flat lists, not a vector per code or a map of vectors: built on the first title in doubt
/// of every run, where thousands of small allocations were a tenth of a district's run.
struct Specific {
    /// Code, title, and where its stems are in `stems`.
    codes: Vec<(&'static str, &'static str, std::ops::Range<usize>)>,
    stems: Vec<Stem>,
    /// Every (stem, place in `codes`) pair, the stem [`packed`], sorted: the codes that share
    /// a stem are a run.
    by_stem: Vec<(u128, u16)>,
}

impl Specific {
    /// The stems of code `i`'s title.
    fn own(&self, i: usize) -> &[Stem] {
        &self.stems[self.codes[i].2.clone()]
    }

    /// The codes whose titles have stem `w`.
    fn with_stem(&self, w: Stem) -> impl Iterator<Item = u16> + '_ {
        let w = packed(w);
        let from = self.by_stem.partition_point(|&(s, _)| s < w);
        self.by_stem[from..].iter().take_while(move |(s, _)| *s == w).map(|&(_, i)| i)
    }
}

fn specific() -> &'static Specific {
    static SPECIFIC: OnceLock<Specific> = OnceLock::new();
    SPECIFIC.get_or_init(|| {
        let mut list = Specific { codes: Vec::new(), stems: Vec::with_capacity(8192), by_stem: Vec::new() };
        for &(c, t) in codes().iter().filter(|(_, t)| !catch_all(t)) {
            let start = list.stems.len();
            stems_into(t, &mut list.stems);
            list.codes.push((c, t, start..list.stems.len()));
        }
        list.by_stem = (0..list.codes.len())
            .flat_map(|i| list.own(i).iter().map(move |&w| (packed(w), i as u16)))
            .collect();
        list.by_stem.sort_unstable();
        list.by_stem.dedup();
        list
    })
}

/// A stem as one number, ordered as the stems are: quicker to sort by than four characters.
fn packed(stem: Stem) -> u128 {
    stem.iter().fold(0, |n, &c| (n << 32) | c as u128)
}

/// A word's first four letters in lower case (fewer for a shorter word: `\0` after them).
type Stem = [char; 4];

/// Words of a title that say what a course is about, each cut to its first four letters
/// (`Nursing` and `Nurse` agree). An ASCII word, nearly every one, is lowered in place: the
/// whole SCED list goes through here once a run.
fn stems(title: &str) -> Vec<Stem> {
    let mut out = Vec::with_capacity(8);
    stems_into(title, &mut out);
    out
}

/// [`stems`], added to `out`.
fn stems_into(title: &str, out: &mut Vec<Stem>) {
    if title.is_ascii() {
        ascii_stems_into(title.as_bytes(), out);
    } else {
        any_stems_into(title, out);
    }
}

/// Words no title is matched on.
const IGNORED: &[&str] = &["and", "the", "for", "with", "other", "particular", "topics", "courses"];

/// [`stems_into`] of an ASCII title (the whole SCED list, nearly every course title), byte by
/// byte: what [`any_stems_into`] gives, without decoding characters.
fn ascii_stems_into(title: &[u8], out: &mut Vec<Stem>) {
    for word in title.split(|b| !b.is_ascii_alphanumeric()).filter(|w| w.len() >= 3) {
        let mut lower = [0u8; 10];
        if let Some(to) = lower.get_mut(..word.len()) {
            to.copy_from_slice(word);
            to.make_ascii_lowercase();
            if IGNORED.iter().any(|i| i.as_bytes() == &*to) {
                continue;
            }
        }
        let mut stem = ['\0'; 4];
        word.iter().zip(&mut stem).for_each(|(b, s)| *s = b.to_ascii_lowercase() as char);
        out.push(stem);
    }
}

/// [`stems_into`] of any title.
fn any_stems_into(title: &str, out: &mut Vec<Stem>) {
    let stem = |lower: &str| {
        let mut stem = ['\0'; 4];
        lower.chars().zip(&mut stem).for_each(|(c, s)| *s = c);
        (lower.chars().count() >= 3 && !IGNORED.contains(&lower)).then_some(stem)
    };
    let found = title.split(|c: char| !c.is_alphanumeric()).filter_map(|w| {
        if !w.is_ascii() {
            stem(&w.to_lowercase())
        } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
            let mut buf = [0u8; 16];
            match buf.get_mut(..w.len()) {
                Some(lower) => {
                    lower.copy_from_slice(w.as_bytes());
                    lower.make_ascii_lowercase();
                    stem(std::str::from_utf8(lower).unwrap_or_default())
                }
                None => stem(&w.to_ascii_lowercase()),
            }
        } else {
            stem(w)
        }
    });
    out.extend(found);
}

/// Whether a course's title and its code's SCED title share no word: the code most likely
/// means another course (14251 is Health Science, not Medical Terminology).
pub fn far(course_title: &str, sced_title: &str) -> bool {
    if catch_all(sced_title) {
        return false;
    }
    let (a, b) = (stems(course_title), stems(sced_title));
    !a.is_empty() && !a.iter().any(|w| b.contains(w))
}

/// A code for whatever a subject area's others do not name ("Health Care Sciences—Other",
/// "—Workplace Experience", "Particular Topics in ..."): any course title may fit one.
fn catch_all(sced_title: &str) -> bool {
    ["Other", "Independent Study", "Workplace Experience", "Aide"].iter().any(|end| sced_title.ends_with(end))
        || sced_title.starts_with("Particular Topics")
}

/// The code whose SCED title is the course's title, or part of it ("Sports Medicine" for
/// "Sports Medicine II"): every word of the SCED title is in the course's. The one with the
/// most words wins, a code of the same subject area (the first two digits) first. Only so
/// plain a match is offered, and only then is a title far from its code's reported: a
/// looser one suggested "Medical Law and Ethics" for "Medical Laboratory Basics".
pub fn matching(code: &str, course_title: &str) -> Option<(&'static str, &'static str)> {
    let words = stems(course_title);
    let area = code.get(..2).unwrap_or("");
    let list = specific();
    // A code matches only if every stem of its title is a word of the course's: it is among
    // the codes that share the course's words.
    let mut candidates: Vec<u16> = words.iter().flat_map(|&w| list.with_stem(w)).collect();
    candidates.sort_unstable();
    candidates.dedup();
    candidates
        .into_iter()
        .map(|i| (&list.codes[i as usize], list.own(i as usize)))
        .filter_map(|((c, t, _), own)| {
            let all_in = !own.is_empty() && own.iter().all(|w| words.contains(w));
            all_in.then_some((own.len(), c.starts_with(area), c, t))
        })
        .max_by_key(|&(n, same_area, c, _)| (n, same_area, std::cmp::Reverse(c)))
        .map(|(_, _, &c, &t)| (c, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_whole_and_sorted() {
        assert_eq!(codes().len(), 1785);
        assert!(codes().windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(codes().iter().filter(|(c, _)| c.starts_with("14")).count(), 58);
        assert_eq!(title("14154"), Some("Medical Terminology"));
        assert_eq!(title("14106"), None);
    }

    /// The stem index finds exactly what a search of the whole list finds.
    #[test]
    fn the_index_finds_what_the_whole_list_finds() {
        let brute = |code: &str, title: &str| {
            let words = stems(title);
            let area = code.get(..2).unwrap_or("");
            let list = specific();
            (0..list.codes.len())
                .map(|i| (list.codes[i].0, list.codes[i].1, list.own(i)))
                .filter(|(_, _, own)| !own.is_empty() && own.iter().all(|w| words.contains(w)))
                .max_by_key(|(c, _, own)| (own.len(), c.starts_with(area), std::cmp::Reverse(*c)))
                .map(|(c, t, _)| (c, t))
        };
        let mut titles: Vec<String> = codes().iter().map(|(_, t)| t.to_string()).collect();
        titles.extend(codes().iter().map(|(_, t)| format!("Advanced {t} II")));
        titles.extend(
            ["Medical Terminology", "Nurse Assisting", "Sports Medicine II", "Zoology Lab"].map(String::from),
        );
        for (i, title) in titles.iter().enumerate() {
            let code = codes()[i % codes().len()].0;
            assert_eq!(matching(code, title), brute(code, title), "{code} {title}");
        }
    }

    /// The byte-wise stems of an ASCII title are what the general way gives.
    #[test]
    fn ascii_stems_are_the_general_ones() {
        let mut titles: Vec<&str> = codes().iter().map(|(_, t)| *t).collect();
        titles.extend(["Nursing AND the OTHER Topics", "ab abc ABCD particularly", "X-Ray/EKG 101", ""]);
        for title in titles {
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            ascii_stems_into(title.as_bytes(), &mut fast);
            any_stems_into(title, &mut general);
            assert_eq!(fast, general, "{title}");
        }
    }

    #[test]
    fn titles_far_apart_are_found() {
        assert!(far("Medical Terminology", "Health Science"));
        assert!(!far("Nurse Assisting", "Nursing"));
        assert_eq!(matching("14251", "Medical Terminology"), Some(("14154", "Medical Terminology")));
        assert_eq!(matching("14152", "Sports Medicine II"), Some(("14062", "Sports Medicine")));
        assert_eq!(matching("14105", "Medical Laboratory Basics"), None);
    }
}
