//! `cte-align fill CATALOG --with PRODUCT`: what a product's modules would fill. The catalog
//! is audited as it is, then with each product's modules joined to its districts (and, with
//! several products, with all of them), under the same standards and policy; the audits are
//! compared by `audit::compare`.

use crate::Outcome;
use crate::audit::compare::{self, Filled, Side};
use crate::audit::{self, Audit, Listing};
use crate::model::{Catalog, StandardsSet};
use crate::pipeline::{Input, Loaded};
use crate::report::views::{FillView, Product};
use crate::settings::{self, AuditJob};

pub fn run(set: &StandardsSet, job: &AuditJob, products: &[Input]) -> anyhow::Result<Outcome> {
    super::read_stdin_once(std::iter::once(&job.input).chain(products))?;
    let loaded = super::load(set, &job.input, job.lenient)?;
    let modules: Vec<Loaded> =
        products.iter().map(|p| super::load(set, p, job.lenient)).collect::<anyhow::Result<_>>()?;
    std::iter::once(&loaded).chain(&modules).for_each(|l| super::warn_unlisted(&l.diags));
    let filter = settings::filter(set, &job.scope, &loaded.catalog)?;
    settings::check_thresholds(set, &job.policy.thresholds)?;
    let errors = loaded.errors();
    let before = audit::audit(&loaded.catalog, set, &filter, &job.policy, &errors, Listing::Summary);
    if before.pathways.is_empty() {
        return Err(super::nothing_audited(&loaded.catalog, set, &filter));
    }
    // The products' own input problems (with --lenient) are findings of the filled catalog.
    let errors: Vec<_> = errors.into_iter().chain(modules.iter().flat_map(Loaded::errors)).collect();
    let audit_with = |catalogs: &[&Catalog]| -> (Filled, Audit) {
        let filled = compare::fill(&loaded.catalog, catalogs, &filter);
        let result = audit::audit(&filled.catalog, set, &filter, &job.policy, &errors, Listing::Summary);
        (filled, result)
    };
    let all: Vec<&Catalog> = modules.iter().map(|m| &m.catalog).collect();
    let combined = audit_with(&all);
    // With one product, the combined audit is that product's: it is not run twice.
    let each: Vec<(Filled, Audit)> =
        if all.len() > 1 { all.iter().map(|&m| audit_with(&[m])).collect() } else { Vec::new() };
    let names: Vec<String> = products.iter().map(|p| product_name(&p.catalog)).collect();
    let sides = if each.is_empty() { std::slice::from_ref(&combined) } else { &each[..] };
    let each_product: Vec<Product> = sides
        .iter()
        .zip(&names)
        .zip(&all)
        .map(|(((filled, audit), name), modules)| Product { name, modules, filled, audit })
        .collect();
    let all_products = Product { name: "all", modules: all[0], filled: &combined.0, audit: &combined.1 };
    let before_side = Side { audit: &before, catalog: &loaded.catalog };
    let changes =
        compare::finding_changes(before_side, Side { audit: &combined.1, catalog: &combined.0.catalog });
    let passed = job.policy.passes(&combined.1.findings, &combined.1.pathways, set);
    let view = FillView::new(before_side, &each_product, &all_products, &changes, set, passed);
    let inputs: Vec<_> =
        job.input.files().into_iter().chain(products.iter().flat_map(Input::files)).collect();
    crate::report::emit(&view, &job.output, &super::paths(&inputs))?;
    super::leave_to_exit(view);
    super::leave_to_exit((loaded, modules, before, combined, each));
    Ok(if passed { Outcome::Pass } else { Outcome::Fail })
}

/// A product as its columns name it: the file name, without its directory.
fn product_name(path: &str) -> String {
    std::path::Path::new(path).file_name().map_or(path.to_string(), |n| n.to_string_lossy().into_owned())
}
