//! Natural ordering of identifiers, so that `FS-2` sorts before `FS-10` and `HS-99` before
//! `HS-101`: runs of ASCII digits compare by value, everything else by character.
//!
//! This is a few lines with no allocation; the crates that offer it are either unmaintained or
//! heavier than the job, and every report's order depends on it, so it is tested here directly.

use std::cmp::Ordering;

/// Compares two strings in natural order; ties on value fall back to the plain byte order so the
/// order is total (`FS-01` and `FS-1` are distinct and always sort the same way).
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let (nx, rx) = split_digits(x);
                let (ny, ry) = split_digits(y);
                let (tx, ty) = (trim_zeros(nx), trim_zeros(ny));
                let by_value = tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty));
                if by_value != Ordering::Equal {
                    return by_value;
                }
                (x, y) = (rx, ry);
            }
            (Some(c), Some(d)) => {
                let by_char = c.to_ascii_lowercase().cmp(&d.to_ascii_lowercase());
                if by_char != Ordering::Equal {
                    return by_char;
                }
                (x, y) = (&x[1..], &y[1..]);
            }
        }
    }
}

fn split_digits(s: &[u8]) -> (&[u8], &[u8]) {
    let n = s.iter().take_while(|c| c.is_ascii_digit()).count();
    s.split_at(n)
}

fn trim_zeros(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|&&c| c == b'0').count();
    &s[n..]
}

#[cfg(test)]
mod tests {
    use super::natural_cmp;
    use proptest::prelude::*;
    use std::cmp::Ordering;

    #[test]
    fn numbers_compare_by_value() {
        let mut ids = vec!["FS-10", "FS-2", "FS-1.10", "FS-1.2", "fs-3", "HS-101", "HS-99"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, ["FS-1.2", "FS-1.10", "FS-2", "fs-3", "FS-10", "HS-99", "HS-101"]);
    }

    proptest! {
        #[test]
        fn is_a_total_order(a in "[a-c0-2.-]{0,6}", b in "[a-c0-2.-]{0,6}", c in "[a-c0-2.-]{0,6}") {
            prop_assert_eq!(natural_cmp(&a, &b), natural_cmp(&b, &a).reverse());
            prop_assert_eq!(natural_cmp(&a, &b) == Ordering::Equal, a == b);
            if natural_cmp(&a, &b).is_le() && natural_cmp(&b, &c).is_le() {
                prop_assert!(natural_cmp(&a, &c).is_le());
            }
        }
    }
}
