//! Property tests: invariants of the reader and the audit on generated catalogs, through the
//! library for speed and through the real binary where the output itself is the property.

use proptest::prelude::*;

use cte_align::audit::{Filter, Listing, Policy, audit};
use cte_align::diagnostic::Diagnostics;
use cte_align::load::catalog::{CsvOptions, read};
use cte_align::load::standards::load_builtin;
use cte_align::model::StandardsSet;

use crate::util::Workdir;

fn builtin() -> StandardsSet {
    load_builtin().unwrap()
}

const PATHWAYS: [&str; 6] = ["TS", "DS", "HI", "SS", "BRD", "*"];
const STANDARDS: [&str; 12] = [
    "FS-1.1", "FS-2.2", "FS-7.1", "FS-7.1.1", "FS-10.1", "FS-7", "TS-1.1", "TS-3.1", "DS-4.1", "HI-3.2",
    "SS-4.1", "BRD-3.2",
];
const DEPTHS: [&str; 4] = ["", ":I", ":R", ":M"];

/// A generated course row: pathway, level, and alignments as (standard, depth) indices.
type Row = (usize, Option<u8>, Vec<(usize, usize)>);

fn course_row() -> impl Strategy<Value = Row> {
    (
        0..PATHWAYS.len(),
        proptest::option::of(1u8..=4),
        proptest::collection::vec((0..STANDARDS.len(), 0..DEPTHS.len()), 0..6),
    )
}

fn catalog_csv(rows: &[Row]) -> String {
    let mut out = String::from("Course Number,Course Title,Pathway,Level,Standards,Credentials,WBL\n");
    for (i, (p, level, aligns)) in rows.iter().enumerate() {
        let standards: Vec<String> =
            aligns.iter().map(|&(s, d)| format!("{}{}", STANDARDS[s], DEPTHS[d])).collect();
        let level = level.map(|l| l.to_string()).unwrap_or_default();
        let cred = if i % 3 == 0 { "BLS" } else { "" };
        let wbl = if i % 4 == 0 { "clinical" } else { "" };
        out.push_str(&format!(
            "C{i},Course {i},{},{level},\"{}\",{cred},{wbl}\n",
            PATHWAYS[*p],
            standards.join("; ")
        ));
    }
    out
}

fn audit_csv(set: &StandardsSet, text: &str) -> cte_align::audit::Audit {
    let mut diags = Diagnostics::default();
    let catalog = read("c.csv", text.as_bytes().to_vec(), set, &CsvOptions::default(), &mut diags).unwrap();
    assert!(!diags.has_errors(), "{:?}", diags.items);
    audit(&catalog, set, &Filter::default(), &Policy::default(), &[], Listing::Courses)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn covered_plus_uncovered_is_required_and_percentages_are_bounded(rows in proptest::collection::vec(course_row(), 1..12)) {
        let set = builtin();
        let result = audit_csv(&set, &catalog_csv(&rows));
        for pa in &result.pathways {
            let uncovered = pa.standards.iter().filter(|s| !s.covered()).count();
            prop_assert_eq!(pa.covered() + uncovered, pa.required());
            prop_assert_eq!(pa.required(), set.required(pa.pathway).len());
            prop_assert!((0.0..=100.0).contains(&pa.coverage_pct()));
            if let Some(m) = pa.mastery_pct(set.cluster.mastery) {
                prop_assert!((0.0..=100.0).contains(&m));
                prop_assert!(m <= pa.coverage_pct());
            }
            let uncovered_findings = result.findings.iter()
                .filter(|f| f.code().name() == "uncovered-standard" && f.pathway == Some(pa.pathway))
                .count();
            prop_assert_eq!(uncovered_findings, uncovered);
            // A parent rolls up exactly the required standards under it.
            for r in pa.rollup(&set) {
                let under: Vec<_> = pa.standards.iter().filter(|s| set.is_within(s.standard, r.standard)).collect();
                prop_assert_eq!(r.required, under.len());
                prop_assert_eq!(r.covered, under.iter().filter(|s| s.covered()).count());
                prop_assert!(r.required > 0 && r.covered <= r.required);
            }
        }
    }

    #[test]
    fn adding_an_alignment_never_lowers_coverage(
        rows in proptest::collection::vec(course_row(), 1..10),
        extra in (0..STANDARDS.len(), 0..DEPTHS.len()),
        which in any::<prop::sample::Index>(),
    ) {
        let set = builtin();
        let before = audit_csv(&set, &catalog_csv(&rows));
        let mut more = rows.clone();
        let i = which.index(more.len());
        more[i].2.push(extra);
        let after = audit_csv(&set, &catalog_csv(&more));
        for pa in &before.pathways {
            let twin = after.pathways.iter().find(|p| p.pathway == pa.pathway && p.unit == pa.unit).unwrap();
            prop_assert!(twin.covered() >= pa.covered());
            prop_assert!(twin.mastered(set.cluster.mastery) >= pa.mastered(set.cluster.mastery));
        }
    }

    /// The audit keeps a summary per required standard instead of its course list (the lists
    /// cost hundreds of megabytes on a statewide file): the summary must say exactly what the
    /// list says, and listing the courses must not change a single finding.
    #[test]
    fn the_standard_summary_agrees_with_its_course_list(rows in proptest::collection::vec(course_row(), 1..14)) {
        let set = builtin();
        let text = catalog_csv(&rows);
        let mut diags = Diagnostics::default();
        let catalog = read("c.csv", text.into_bytes(), &set, &CsvOptions::default(), &mut diags).unwrap();
        let run = |listing| audit(&catalog, &set, &Filter::default(), &Policy::default(), &[], listing);
        let (listed, summary) = (run(Listing::Courses), run(Listing::Summary));
        prop_assert_eq!(&listed.findings, &summary.findings);
        let mastery = set.cluster.mastery;
        let level = |c: usize| catalog.courses[c].level;
        for (pa, twin) in listed.pathways.iter().zip(&summary.pathways) {
            for (sc, brief) in pa.standards.iter().zip(&twin.standards) {
                prop_assert!(brief.courses.is_empty());
                prop_assert_eq!(sc.count, sc.courses.len());
                prop_assert_eq!(brief.count, sc.courses.len());
                prop_assert_eq!(brief.first, sc.courses.first().map(|&(c, _)| c));
                prop_assert_eq!(brief.depth(), sc.courses.iter().filter_map(|&(_, d)| d).max());
                let master = sc.courses.iter()
                    .filter(|(_, d)| d.is_some_and(|d| d >= mastery))
                    .filter_map(|&(c, _)| Some((c, level(c)?)))
                    .min_by_key(|&(_, l)| l);
                prop_assert_eq!(brief.mastered_in, master);
                let intro = sc.courses.iter()
                    .filter(|(_, d)| *d == Some(0))
                    .filter_map(|&(c, _)| Some((c, level(c)?)))
                    .max_by_key(|&(_, l)| l);
                prop_assert_eq!(brief.introduced_in, intro);
                let mut seen = sc.courses.iter().map(|&(c, _)| c).collect::<Vec<_>>();
                seen.dedup();
                prop_assert_eq!(seen.len(), sc.courses.len(), "a course listed twice for one standard");
            }
        }
    }

    #[test]
    fn the_reader_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let set = builtin();
        let mut diags = Diagnostics::default();
        let _ = read("fuzz.csv", bytes, &set, &CsvOptions::default(), &mut diags);
    }

    #[test]
    fn the_reader_never_panics_on_arbitrary_csv(
        cells in proptest::collection::vec(proptest::collection::vec("[A-Za-z0-9 ,;:.*\"\\-\n\t]{0,12}", 1..8), 1..8)
    ) {
        let set = builtin();
        let mut text = String::from("Course Number,Course Title,Pathway,Level,Standards,Credentials,WBL,District\n");
        for row in cells {
            text.push_str(&row.join(","));
            text.push('\n');
        }
        let mut diags = Diagnostics::default();
        if let Some(catalog) = read("fuzz.csv", text.into_bytes(), &set, &CsvOptions::default(), &mut diags) {
            let _ = audit(&catalog, &set, &Filter::default(), &Policy::default(), &[], Listing::Summary);
        }
        for d in &diags.items {
            prop_assert!(d.line >= 1 && d.column >= 1);
        }
    }
}

proptest! {
    // Through the real binary: fewer cases, since each runs processes.
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn shuffling_rows_does_not_change_any_output(
        rows in proptest::collection::vec(course_row(), 2..10),
        seed in any::<u64>(),
    ) {
        let w = Workdir::new();
        let text = catalog_csv(&rows);
        let mut lines: Vec<&str> = text.lines().collect();
        let header = lines.remove(0);
        // A deterministic shuffle from the seed (rotate, then reverse on odd seeds).
        let k = (seed as usize) % lines.len();
        lines.rotate_left(k);
        if seed % 2 == 1 {
            lines.reverse();
        }
        w.write("a.csv", &text);
        w.write("b.csv", format!("{header}\n{}\n", lines.join("\n")));
        for args in [vec!["gaps"], vec!["coverage", "--detail"], vec!["matrix", "--pathway", "TS"]] {
            for format in ["csv", "json", "table", "markdown"] {
                let run = |file: &str| {
                    let mut full = args.clone();
                    full.insert(1, file);
                    full.extend(["--format", format, "--fail-on", "never", "--width", "120"]);
                    w.run(&full)
                };
                let (a, b) = (run("a.csv"), run("b.csv"));
                prop_assert_eq!(a.code, b.code);
                let strip = |s: &str| s.replace("a.csv", "X").replace("b.csv", "X");
                prop_assert_eq!(strip(&a.stdout), strip(&b.stdout));
            }
        }
    }

    #[test]
    fn csv_output_round_trips(rows in proptest::collection::vec(course_row(), 1..8)) {
        // A catalog of `*` courses alone offers no pathway: nothing to audit, exit 2.
        prop_assume!(rows.iter().any(|&(p, _, _)| PATHWAYS[p] != "*"));
        let w = Workdir::new();
        w.write("c.csv", catalog_csv(&rows));
        let csv_out = w.run(&["gaps", "c.csv", "--format", "csv", "--fail-on", "never"]);
        let json_out = w.run(&["gaps", "c.csv", "--format", "json", "--fail-on", "never"]);
        let json: serde_json::Value = serde_json::from_str(&json_out.stdout).unwrap();
        let findings = json["findings"].as_array().unwrap();
        let mut reader = csv::Reader::from_reader(csv_out.stdout.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        prop_assert_eq!(records.len(), findings.len());
        for (r, f) in records.iter().zip(findings) {
            prop_assert_eq!(&r[1], f["code"].as_str().unwrap());
            prop_assert_eq!(&r[5], f["message"].as_str().unwrap());
        }
    }
}
