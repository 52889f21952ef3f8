//! Criterion benches for each stage of the pipeline, on a generated 10,000-row statewide
//! catalog (34 districts; the same generator and seed as `bench/compare`):
//!
//! - `standards/load_builtin`: parsing and validating the embedded standards (every run pays it);
//! - `read`: `load::catalog::read`, CSV bytes to the catalog model (throughput in bytes);
//! - `audit`: `audit::audit`, coverage and findings for every district and pathway;
//! - `load`: `pipeline::load`, the commands' load step, from a catalog file;
//! - `view/{gaps,coverage}`: building each command's view;
//! - `render/{gaps,coverage}/{table,csv,json,markdown}`: `report::render` in each format
//!   (the sheets included, for the tabular ones), into a byte buffer.
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
use cte_align::load::standards::load_builtin;
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
    targets = pipeline
}
criterion_main!(benches);
