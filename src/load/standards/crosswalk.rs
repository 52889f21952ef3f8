//! The rules of a **crosswalk**, checked on the [raw entries](super::raw::RawCrosswalk)
//! whatever they were read from (a `crosswalks/*.csv` file, a CASE association): both ends are
//! known standards of two different frameworks, the relation is `exact`, `partial` or
//! `related`, a depth caps a `partial` entry only and is on the depth scale, no pair is mapped
//! twice, and the entries that give credit form no cycle (`A -> B -> A`). Every problem is
//! collected, at its value's position.
//!
//! An entry read from a CASE package is the package's word, not the user's: when it cannot be
//! a crosswalk entry (an end outside the loaded set, as in real packages, or both ends in one
//! framework, or a repeat) it is left out without a message. A cycle is reported whatever the
//! entries were read from.

use std::collections::HashMap;

use super::raw::{Located, RawCrosswalk, Unparsed};
use crate::diagnostic::{Diagnostics, Position};
use crate::model::{Crosswalk, Lookup, Relation, StandardIdx, StandardsSet};
use crate::suggest::did_you_mean;

/// Checks the raw entries against the set and builds the crosswalk of those that pass.
pub fn build(
    raw: &[RawCrosswalk],
    set: &StandardsSet,
    unparsed: &Unparsed,
    diags: &mut Diagnostics,
) -> Vec<Crosswalk> {
    let mut kept: Vec<(Crosswalk, &RawCrosswalk)> = Vec::new();
    let mut seen: HashMap<(StandardIdx, StandardIdx), &RawCrosswalk> = HashMap::new();
    for entry in raw {
        let Some(c) = entry_of(entry, set, unparsed, diags) else { continue };
        if let Some(first) = seen.get(&(c.from, c.to)) {
            if !entry.from_case {
                let message = format!(
                    "{} -> {} is mapped twice (first at {}); keep one entry",
                    set.standard(c.from).id,
                    set.standard(c.to).id,
                    first.from.at.describe_in(&first.file)
                );
                diags.error_at(&entry.file, &entry.from.at, message);
            }
            continue;
        }
        seen.insert((c.from, c.to), entry);
        kept.push((c, entry));
    }
    check_cycles(&kept, set, diags);
    kept.into_iter().map(|(c, _)| c).collect()
}

/// One entry, checked on its own; `None` when it is left out (reported, or quietly for a CASE
/// entry that cannot be one).
fn entry_of(
    entry: &RawCrosswalk,
    set: &StandardsSet,
    unparsed: &Unparsed,
    diags: &mut Diagnostics,
) -> Option<Crosswalk> {
    let from = end(entry, &entry.from, "from", set, unparsed, diags);
    let to = end(entry, &entry.to, "to", set, unparsed, diags);
    let relation = relation(entry, diags);
    let cap = relation.and_then(|r| cap(entry, r, set, diags));
    let (from, to, relation, cap) = (from?, to?, relation?, cap?);
    let file = entry.file.as_str();
    if from == to {
        let message = format!(
            "{} is mapped to itself; a crosswalk maps a standard to one of another framework",
            set.standard(from).id
        );
        if !entry.from_case {
            diags.error_at(file, &entry.to.at, message);
        }
        return None;
    }
    if set.standard(from).framework == set.standard(to).framework {
        let message = format!(
            "{} and {} are both standards of framework {}; a crosswalk maps a standard to one of \
             another framework",
            set.standard(from).id,
            set.standard(to).id,
            set.framework_of(from).id
        );
        if !entry.from_case {
            diags.error_at(file, &entry.to.at, message);
        }
        return None;
    }
    Some(Crosswalk { from, to, relation, cap })
}

/// A standard an entry names; `None` when it is unknown (reported unless a file that did not
/// parse may define it, or the entry is a CASE association pointing outside the set).
fn end(
    entry: &RawCrosswalk,
    id: &Located<String>,
    column: &str,
    set: &StandardsSet,
    unparsed: &Unparsed,
    diags: &mut Diagnostics,
) -> Option<StandardIdx> {
    let found = |l: Lookup| match l {
        Lookup::Found(i) | Lookup::Legacy(i) => Some(i),
        Lookup::NotFound { .. } => None,
    };
    if let Some(i) = set.find(&id.value).and_then(found) {
        return Some(i);
    }
    if entry.from_case || unparsed.may_define_standard(&id.value) {
        return None;
    }
    let message = if id.value.is_empty() {
        format!("empty \"{column}\" standard; give the ID of a standard (like FS-1.1)")
    } else {
        format!(
            "unknown standard \"{}\" in column {column}{}",
            id.value,
            set.suggest(&id.value).map(|s| format!("; did you mean {s}?")).unwrap_or_default()
        )
    };
    diags.error_at(&entry.file, &id.at, message);
    None
}

fn relation(entry: &RawCrosswalk, diags: &mut Diagnostics) -> Option<Relation> {
    let text = entry.relation.value.as_str();
    let relation = Relation::parse(text);
    if relation.is_none() {
        let names = Relation::ALL.map(Relation::name);
        let message = format!(
            "unknown relation \"{text}\"; use exact (full credit), partial (credit up to a depth) \
             or related (no credit){}",
            did_you_mean(text, names)
        );
        diags.error_at(&entry.file, &entry.relation.at, message);
    }
    relation
}

/// The depth a `partial` entry credits at most (the lowest of the scale when not given);
/// `Some(None)` for the other relations, which take no depth; `None` when the depth is wrong.
fn cap(
    entry: &RawCrosswalk,
    relation: Relation,
    set: &StandardsSet,
    diags: &mut Diagnostics,
) -> Option<Option<u8>> {
    let scale = &set.cluster;
    match (&entry.depth, relation) {
        (None, Relation::Partial) => Some(Some(0)),
        (None, _) => Some(None),
        (Some(depth), Relation::Partial) => match scale.depth(&depth.value) {
            Some(d) => Some(Some(d)),
            None => {
                let codes: Vec<&str> = scale.depth_scale.iter().map(|d| d.code.as_str()).collect();
                let message = format!(
                    "depth \"{}\" is not on the depth scale ({}){}",
                    depth.value,
                    scale.depth_codes(),
                    did_you_mean(&depth.value, codes)
                );
                diags.error_at(&entry.file, &depth.at, message);
                None
            }
        },
        (Some(depth), _) => {
            let message = format!(
                "a depth caps a partial entry only; leave it empty for an {} one, or make the \
                 relation partial",
                relation.name()
            );
            diags.error_at(&entry.file, &depth.at, message);
            None
        }
    }
}

/// Reports each cycle of the entries that give credit (`exact`, `partial`): a depth-first walk
/// from each standard, in the entries' order; an entry that leads back to a standard on the
/// walk's path closes a cycle and is reported, at its position, with the whole cycle.
fn check_cycles(entries: &[(Crosswalk, &RawCrosswalk)], set: &StandardsSet, diags: &mut Diagnostics) {
    let mut out: HashMap<StandardIdx, Vec<usize>> = HashMap::new();
    let mut order: Vec<StandardIdx> = Vec::new();
    for (k, (c, _)) in entries.iter().enumerate().filter(|(_, (c, _))| c.relation != Relation::Related) {
        let edges = out.entry(c.from).or_default();
        if edges.is_empty() {
            order.push(c.from);
        }
        edges.push(k);
    }
    // 1: on the walk's path; 2: done.
    let mut state: HashMap<StandardIdx, u8> = HashMap::new();
    for start in order {
        if state.contains_key(&start) {
            continue;
        }
        // The standards on the path, each with the next of its entries to follow; the entries
        // that led to them.
        let mut stack: Vec<(StandardIdx, usize)> = vec![(start, 0)];
        let mut path: Vec<usize> = Vec::new();
        state.insert(start, 1);
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            let Some(&k) = out.get(&node).and_then(|edges| edges.get(*next)) else {
                state.insert(node, 2);
                stack.pop();
                path.pop();
                continue;
            };
            *next += 1;
            let to = entries[k].0.to;
            match state.get(&to) {
                Some(1) => report_cycle(entries, &path, k, set, diags),
                Some(_) => {}
                None => {
                    state.insert(to, 1);
                    stack.push((to, 0));
                    path.push(k);
                }
            }
        }
    }
}

/// The cycle that entry `closing` closes: the entries of `path` from the one leaving the
/// standard it leads to, then `closing`.
fn report_cycle(
    entries: &[(Crosswalk, &RawCrosswalk)],
    path: &[usize],
    closing: usize,
    set: &StandardsSet,
    diags: &mut Diagnostics,
) {
    let (c, raw) = entries[closing];
    let from = path.iter().position(|&k| entries[k].0.from == c.to).unwrap_or(path.len());
    let mut ids: Vec<&str> =
        path[from..].iter().map(|&k| set.standard(entries[k].0.from).id.as_str()).collect();
    ids.push(&set.standard(c.from).id);
    ids.push(&set.standard(c.to).id);
    let message = format!(
        "the crosswalk maps in a cycle ({}) through exact and partial entries; credit flows one \
         way, so remove the entry that points back",
        ids.join(" -> ")
    );
    let at: &Position = &raw.to.at;
    diags.error_at(&raw.file, at, message);
}
