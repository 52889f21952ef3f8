//! Criterion benches for each stage of the pipeline, on a generated 10,000-row statewide
//! catalog (34 districts; the same generator and seed as `bench/compare`):
//!
//! - `standards/load_builtin`: parsing and validating the embedded standards (every run pays it);
//! - `read`: `load::catalog::read`, CSV bytes to the catalog model (throughput in bytes);
//! - `audit`: `audit::audit`, coverage and findings for every district and pathway;
//! - `load`: `pipeline::load`, the commands' load step, from a catalog file;
//! - `view/{gaps,coverage}`: building each command's view;
//! - `render/{gaps,coverage}/{table,csv,json,markdown}`: `report::render` in each format
//!   (the sheets included, for the tabular ones), into a byte buffer;
//! - `case/import_10k`: a generated 10,000-item CASE package (10 standards, 9 sub-standards
//!   each, 110 objectives each), parsed, built into a tree and validated as `--standards
//!   PACKAGE.json` does (`load::standards::load_sources`), from its text.
//!
//! `cargo bench --bench pipeline` (a few minutes on 2 cores); `cargo bench --bench pipeline --
//! read` runs one group. Whole-process figures against the targets come from `bench/compare`.

#![allow(clippy::expect_used)] // a bench that cannot set up should stop loudly

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use cte_align::audit::{self, Filter, Listing, Policy};
use cte_align::diagnostic::Diagnostics;
use cte_align::load::catalog::{self, CsvOptions};
use cte_align::load::standards::{Source, load_builtin, load_sources};
use cte_align::pipeline::{self, Input};
use cte_align::report::views::{CoverageView, GapsView};
use cte_align::report::{self, Format, Style, View};

#[path = "../examples/generate_statewide.rs"]
mod generator;

const ROWS: usize = 10_000;
const SEED: u64 = 1;
const FORMATS: [(&str, Format); 4] =
    [("table", Format::Table), ("csv", Format::Csv), ("json", Format::Json), ("markdown", Format::Markdown)];

fn pipeline(c: &mut Criterion) {
    let set = load_builtin().expect("the built-in standards load");
    let text = generator::generate(ROWS, SEED, None);
    assert!(!text.is_empty(), "the generator produced nothing");
    let bytes = text.into_bytes();
    let opts = CsvOptions::default();

    c.bench_function("standards/load_builtin", |b| b.iter(|| black_box(load_builtin().is_ok())));

    let mut group = c.benchmark_group("read");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("catalog_10k", |b| {
        b.iter_batched(
            || bytes.clone(),
            |input| {
                let mut diags = Diagnostics::default();
                black_box(catalog::read("statewide.csv", input, &set, &opts, &mut diags))
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();

    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("statewide.csv");
    std::fs::write(&path, &bytes).expect("the catalog is written");
    let input = Input { catalog: path.display().to_string(), ..Input::default() };
    c.bench_function("load/catalog_10k", |b| {
        b.iter(|| black_box(pipeline::load(&set, &input, false).is_ok()))
    });
    let cat = pipeline::load(&set, &input, false).expect("the generated catalog loads").catalog;
    let (filter, policy) = (Filter::default(), Policy::default());

    let mut group = c.benchmark_group("audit");
    group.throughput(Throughput::Elements(cat.courses.len() as u64));
    group.bench_function("audit_10k", |b| {
        b.iter(|| black_box(audit::audit(&cat, &set, &filter, &policy, &[], Listing::Summary)))
    });
    group.finish();

    let result = audit::audit(&cat, &set, &filter, &policy, &[], Listing::Courses);
    let failures = policy.failures(&result.findings, &result.pathways, &set);

    let mut group = c.benchmark_group("view");
    group.bench_function("gaps", |b| b.iter(|| black_box(GapsView::new(&result, &cat, &set, &failures))));
    group.bench_function("coverage", |b| {
        b.iter(|| black_box(CoverageView::new(&result, &cat, &set, false, &failures)))
    });
    group.finish();

    let mut group = c.benchmark_group("render");
    render_all(&mut group, "gaps", &GapsView::new(&result, &cat, &set, &failures));
    render_all(&mut group, "coverage", &CoverageView::new(&result, &cat, &set, false, &failures));
    group.finish();
}

/// The import of a 10,000-item CASE package (issue 19's target: under 1 s).
fn case_import(c: &mut Criterion) {
    let text = case_package(10, 9, 110);
    let source = || vec![Source { name: "generated.json".to_string(), text: text.clone() }];
    let set = load_sources(source()).expect("the generated package loads");
    assert_eq!(set.standards.len(), 10_000);
    let mut group = c.benchmark_group("case");
    group.throughput(Throughput::Elements(set.standards.len() as u64));
    group.bench_function("import_10k", |b| {
        b.iter_batched(source, |sources| black_box(load_sources(sources).is_ok()), BatchSize::LargeInput)
    });
    group.finish();
}

/// A CASE 1.1 package of `a` standards, `b` sub-standards each and `c` objectives each, with
/// statements the length of real ones, listed in no particular tree order (objectives first).
fn case_package(a: usize, b: usize, c: usize) -> String {
    let uuid = |n: usize| format!("00000000-0000-4000-8000-{n:012x}");
    let mut associations = Vec::new();
    let mut n = 1;
    let mut add = |code: String, parent: usize, seq: usize, items: &mut Vec<String>| {
        n += 1;
        items.push(format!(
            r#"{{"identifier":"{id}","uri":"urn:uuid:{id}","humanCodingScheme":"{code}","fullStatement":"Explain and demonstrate the practice named {code}, with its safety rules, its vocabulary and the records it calls for.","CFItemType":"Standard","lastChangeDateTime":"2020-01-01T00:00:00"}}"#,
            id = uuid(n)
        ));
        associations.push(format!(
            r#"{{"identifier":"{aid}","uri":"urn:uuid:{aid}","associationType":"isChildOf","originNodeURI":{{"title":"","identifier":"{id}","uri":"urn:uuid:{id}"}},"destinationNodeURI":{{"title":"","identifier":"{p}","uri":"urn:uuid:{p}"}},"sequenceNumber":{seq},"lastChangeDateTime":"2020-01-01T00:00:00"}}"#,
            aid = uuid(1_000_000 + n),
            id = uuid(n),
            p = uuid(parent)
        ));
        n
    };
    let mut objectives = Vec::new();
    let mut upper = Vec::new();
    for i in 1..=a {
        let top = add(format!("G{i}"), 1, i, &mut upper);
        for j in 1..=b {
            let sub = add(format!("G{i}.{j}"), top, j, &mut upper);
            for k in 1..=c {
                add(format!("G{i}.{j}.{k}"), sub, k, &mut objectives);
            }
        }
    }
    objectives.extend(upper);
    format!(
        r#"{{"CFDocument":{{"identifier":"{doc}","uri":"urn:uuid:{doc}","creator":"bench","title":"Generated Bench Framework","lastChangeDateTime":"2020-01-01T00:00:00"}},"CFItems":[{}],"CFAssociations":[{}]}}"#,
        objectives.join(",\n"),
        associations.join(",\n"),
        doc = uuid(1)
    )
}

fn render_all<V: View>(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    command: &str,
    view: &V,
) {
    for (name, format) in FORMATS {
        let style = Style { format, color: false, width: None };
        group.bench_function(format!("{command}/{name}"), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                black_box(report::render(view, style, &mut out).is_ok());
                out
            })
        });
    }
}

fn config() -> Criterion {
    // Small samples keep `cargo bench` to a few minutes on 2 cores; the stages are milliseconds.
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .without_plots()
}

criterion_group! {
    name = benches;
    config = config();
    targets = pipeline, case_import
}
criterion_main!(benches);
