//! Criterion benches for each stage of the pipeline, on a generated 10,000-row statewide
//! catalog (34 districts; the same generator and seed as `bench/compare`):
//!
//! - `standards/load_builtin`: parsing and validating the embedded standards (every run pays it);
//! - `read`: `load::catalog::read`, CSV bytes to the catalog model (throughput in bytes);
//! - `audit`: `audit::audit`, coverage and findings for every district and pathway;
//! - `report/{gaps,coverage}`: building each command's report (sheets and JSON);
//! - `render/{gaps,coverage}/{table,csv,json,markdown}`: `report::render` in each format.
//!
//! `cargo bench --bench pipeline` (a few minutes on 2 cores); `cargo bench --bench pipeline --
//! read` runs one group. Whole-process figures against the targets come from `bench/compare`.

#![allow(clippy::expect_used)] // a bench that cannot set up should stop loudly

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use cte_align::audit::{self, Filter, Listing, Policy};
use cte_align::commands::{coverage, gaps};
use cte_align::diagnostic::Diagnostics;
use cte_align::load::catalog::{self, CsvOptions};
use cte_align::load::standards::load_builtin;
use cte_align::report::{self, Format, Style};

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

    let mut diags = Diagnostics::default();
    let cat =
        catalog::read("statewide.csv", bytes.clone(), &set, &opts, &mut diags).expect("the catalog reads");
    assert!(!diags.has_errors(), "the generated catalog has errors");
    let (filter, policy) = (Filter::default(), Policy::default());

    let mut group = c.benchmark_group("audit");
    group.throughput(Throughput::Elements(cat.courses.len() as u64));
    group.bench_function("audit_10k", |b| {
        b.iter(|| black_box(audit::audit(&cat, &set, &filter, &policy, &[], Listing::Summary)))
    });
    group.finish();

    let result = audit::audit(&cat, &set, &filter, &policy, &[], Listing::Courses);
    let passed = policy.passes(&result.findings, &result.pathways);

    let mut group = c.benchmark_group("report");
    group.bench_function("gaps", |b| b.iter(|| black_box(gaps::build_report(&result, &cat, &set, passed))));
    group.bench_function("coverage", |b| {
        b.iter(|| black_box(coverage::build_report(&result, &cat, &set, false, passed)))
    });
    group.finish();

    let reports = [
        ("gaps", gaps::build_report(&result, &cat, &set, passed)),
        ("coverage", coverage::build_report(&result, &cat, &set, false, passed)),
    ];
    let mut group = c.benchmark_group("render");
    for (command, rep) in &reports {
        for (name, format) in FORMATS {
            let style = Style { format, color: false, width: None };
            group.bench_function(format!("{command}/{name}"), |b| {
                b.iter(|| black_box(report::render(rep, style)))
            });
        }
    }
    group.finish();
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
    targets = pipeline
}
criterion_main!(benches);
