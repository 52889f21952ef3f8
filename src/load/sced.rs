//! The NCES School Courses for the Exchange of Data (SCED), version 12: every course code with
//! its title, to check a catalog's SCED codes against the real list rather than only their
//! shape.
//!
//! `sced_v12.tsv` (code, tab, title; 1,785 codes) was generated from
//! `shared/data/real/sced-v12/sced_v12_all.extracted.csv`, itself extracted from the NCES
//! publication "School Courses for the Exchange of Data (SCED) Version 12" (sced_v12.pdf).
//! Only codes and titles are kept: the descriptions are not needed to check a code.

/// The list as generated from `sced_v12.tsv`, with the index [`matching`] searches: static
/// data, so a run starts with it built (building it was a seventh of a district's run).
#[path = "sced_index.rs"]
#[rustfmt::skip]
mod index;

/// The codes and titles, in the list's (code) order.
fn codes() -> &'static [(&'static str, &'static str)] {
    index::CODES
}

/// The SCED v12 title of a 5-digit code; `None` when the code is not in SCED v12.
pub fn title(code: &str) -> Option<&'static str> {
    let codes = codes();
    codes.binary_search_by(|(c, _)| (*c).cmp(code)).ok().map(|i| codes[i].1)
}

/// Every code that is not a catch-all (its place in [`index::CODES`]) with where its title's
/// stems are in [`index::STEMS`]; [`index::BY_STEM`] gives, for each stem, the codes (places
/// in this list) whose titles have it: [`matching`] compares a course's title with the codes
/// that share a stem with it, not the whole list.
fn specific(i: u16) -> (&'static str, &'static str, &'static [u32]) {
    let (code, from, to) = index::SPECIFIC[i as usize];
    let (c, t) = index::CODES[code as usize];
    (c, t, &index::STEMS[from as usize..to as usize])
}

/// The codes (places in [`index::SPECIFIC`]) whose titles have the stem packed as `w`.
fn with_stem(w: u32) -> impl Iterator<Item = u16> {
    let from = index::BY_STEM.partition_point(|&(s, _)| s < w);
    index::BY_STEM[from..].iter().take_while(move |(s, _)| *s == w).map(|&(_, i)| i)
}

/// A stem of ASCII characters as one number, ordered as the stems are; `None` for any
/// other (no SCED title has one, so it matches none).
fn packed(stem: Stem) -> Option<u32> {
    stem.iter().try_fold(0, |n, &c| c.is_ascii().then_some((n << 8) | c as u32))
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
    let words: Vec<u32> = stems(course_title).into_iter().filter_map(packed).collect();
    let area = code.get(..2).unwrap_or("");
    // A code matches only if every stem of its title is a word of the course's: it is among
    // the codes that share the course's words.
    let mut candidates: Vec<u16> = words.iter().flat_map(|&w| with_stem(w)).collect();
    candidates.sort_unstable();
    candidates.dedup();
    candidates
        .into_iter()
        .map(specific)
        .filter_map(|(c, t, own)| {
            let all_in = !own.is_empty() && own.iter().all(|w| words.contains(w));
            all_in.then_some((own.len(), c.starts_with(area), c, t))
        })
        .max_by_key(|&(n, same_area, c, _)| (n, same_area, std::cmp::Reverse(c)))
        .map(|(_, _, c, t)| (c, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list as the NCES publication gives it (see the module's doc).
    const LIST: &str = include_str!("sced_v12.tsv");

    /// The list and its index, built from `sced_v12.tsv`: what `sced_index.rs` must hold.
    fn generated() -> String {
        let codes: Vec<(&str, &str)> = LIST.lines().filter_map(|l| l.split_once('\t')).collect();
        let (mut specific, mut stems) = (Vec::new(), Vec::new());
        for (i, &(_, t)) in codes.iter().enumerate().filter(|(_, (_, t))| !catch_all(t)) {
            let from = stems.len();
            stems.extend(super::stems(t).into_iter().map(|w| packed(w).expect("SCED stems are ASCII")));
            specific.push((i, from, stems.len()));
        }
        let mut by_stem: Vec<(u32, usize)> = specific
            .iter()
            .enumerate()
            .flat_map(|(i, &(_, from, to))| stems[from..to].iter().map(move |&w| (w, i)))
            .collect();
        by_stem.sort_unstable();
        by_stem.dedup();
        let rows = |items: Vec<String>| items.iter().map(|i| format!("    {i},\n")).collect::<String>();
        format!(
            "//! Generated from `sced_v12.tsv` by `CTE_ALIGN_REGENERATE=1 cargo test --lib \
             generated_sced_index`\n//! (see `sced.rs`): do not edit. A test fails when it is stale.\n\n\
             /// Every code with its title, in code order.\n\
             pub(super) static CODES: &[(&str, &str)] = &[\n{}];\n\n\
             /// The codes that are not catch-alls: place in `CODES`, and where the title's stems are in\n\
             /// `STEMS`.\n\
             pub(super) static SPECIFIC: &[(u16, u16, u16)] = &[\n{}];\n\n\
             /// Each title's stems, packed (see `sced::packed`).\n\
             pub(super) static STEMS: &[u32] = &[\n{}];\n\n\
             /// Every (stem, place in `SPECIFIC`) pair, sorted: the codes that share a stem are a run.\n\
             pub(super) static BY_STEM: &[(u32, u16)] = &[\n{}];\n",
            rows(codes.iter().map(|(c, t)| format!("({c:?}, {t:?})")).collect()),
            rows(specific.iter().map(|(i, f, t)| format!("({i}, {f}, {t})")).collect()),
            rows(stems.iter().map(|w| format!("{w:#010x}")).collect()),
            rows(by_stem.iter().map(|(w, i)| format!("({w:#010x}, {i})")).collect()),
        )
    }

    /// `sced_index.rs` is what `sced_v12.tsv` gives. `CTE_ALIGN_REGENERATE=1 cargo test --lib
    /// generated_sced_index` rewrites it after the list or the stems changed.
    #[test]
    fn generated_sced_index_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/load/sced_index.rs");
        let want = generated();
        if std::env::var_os("CTE_ALIGN_REGENERATE").is_some() {
            std::fs::write(path, &want).expect("sced_index.rs is written");
            return;
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            have == want,
            "src/load/sced_index.rs is out of date with sced_v12.tsv: run \
             CTE_ALIGN_REGENERATE=1 cargo test --lib generated_sced_index"
        );
    }

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
            codes()
                .iter()
                .filter(|(_, t)| !catch_all(t))
                .map(|&(c, t)| (c, t, stems(t)))
                .filter(|(_, _, own)| !own.is_empty() && own.iter().all(|w| words.contains(w)))
                .max_by_key(|(c, _, own)| (own.len(), c.starts_with(area), std::cmp::Reverse(*c)))
                .map(|(c, t, _)| (c, t))
        };
        let mut titles: Vec<String> = codes().iter().map(|(_, t)| t.to_string()).collect();
        titles.extend(codes().iter().map(|(_, t)| format!("Advanced {t} II")));
        titles.extend(
            [
                "Medical Terminology",
                "Nurse Assisting",
                "Sports Medicine II",
                "Zoology Lab",
                "Éléments of Nursing",
            ]
            .map(String::from),
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
