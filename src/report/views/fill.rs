//! The `fill` view: what one or more products' modules would fill in a catalog. Per district
//! and pathway, coverage and mastery before, with each product, and with all of them; the
//! gaps closed (with the modules that close each), the gaps the products add, those left;
//! and, the other way round, the gaps each module closes (a vendor's sales sheet).

use std::collections::HashMap;

use serde::Serialize;

use super::{FindingJson, FindingList, finding_json, findings_sheet};
use crate::audit::compare::{Filled, FindingChanges, Measures, Side, closers, pathway_pairs};
use crate::audit::{Audit, Finding};
use crate::model::{Catalog, PathwayIdx, StandardsSet, Unit, UnitIdx};
use crate::report::{Cell, Column, Sheet, View, number, text};

/// One product's side of the comparison: its name, the filled catalog and its audit.
pub struct Product<'a> {
    pub name: &'a str,
    pub modules: &'a Catalog,
    pub filled: &'a Filled,
    pub audit: &'a Audit,
}

#[derive(Serialize)]
pub struct FillView<'a> {
    /// Whether the catalog with every product meets the policy.
    passed: bool,
    products: Vec<&'a str>,
    pathways: Vec<PathwayJson<'a>>,
    closed: Vec<ClosedJson<'a>>,
    added: FindingList<'a>,
    remaining: FindingList<'a>,
    modules: Vec<ModuleJson<'a>>,
    #[serde(skip)]
    units: bool,
}

/// Coverage and mastery percentages, to one decimal place.
#[derive(Serialize, Clone, Copy)]
pub(super) struct MeasuresJson {
    pub coverage_pct: f64,
    pub mastery_pct: Option<f64>,
}

impl From<Measures> for MeasuresJson {
    fn from(m: Measures) -> Self {
        MeasuresJson { coverage_pct: round1(m.coverage), mastery_pct: m.mastery.map(round1) }
    }
}

pub(super) fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

pub(super) fn pct_text(v: Option<f64>) -> Cell {
    v.map(|v| format!("{v:.1}")).unwrap_or_default().into()
}

#[derive(Serialize)]
struct PathwayJson<'a> {
    district: &'a str,
    school: &'a str,
    pathway: &'a str,
    before: MeasuresJson,
    /// With each product alone, in the order given.
    with: Vec<MeasuresJson>,
    /// With every product, when there are several.
    #[serde(skip_serializing_if = "Option::is_none")]
    combined: Option<MeasuresJson>,
}

#[derive(Serialize)]
struct ClosedJson<'a> {
    #[serde(flatten)]
    finding: FindingJson<'a>,
    closed_by: Vec<ModuleRef<'a>>,
}

#[derive(Serialize, Clone, Copy)]
struct ModuleRef<'a> {
    product: &'a str,
    module: &'a str,
}

#[derive(Serialize)]
struct ModuleJson<'a> {
    product: &'a str,
    module: &'a str,
    title: &'a str,
    closes: Vec<FindingJson<'a>>,
}

impl<'a> FillView<'a> {
    /// `before`: the catalog's own audit; `products`: each product alone; `combined`: all of
    /// them together (the same as the one product when there is one).
    pub fn new(
        before: Side<'a>,
        products: &[Product<'a>],
        combined: &Product<'a>,
        changes: &'a FindingChanges,
        set: &'a StandardsSet,
        passed: bool,
    ) -> Self {
        let after = Side { audit: combined.audit, catalog: &combined.filled.catalog };
        let several = products.len() > 1;
        // A filled catalog keeps the catalog's units, in the same order: a unit index means
        // the same district in each.
        let index = |p: &Product<'a>| -> HashMap<(UnitIdx, PathwayIdx), MeasuresJson> {
            p.audit.pathways.iter().map(|pa| ((pa.unit, pa.pathway), Measures::of(pa, set).into())).collect()
        };
        let (each, all): (Vec<_>, _) = (products.iter().map(index).collect(), index(combined));
        let none = MeasuresJson { coverage_pct: 0.0, mastery_pct: None };
        let at = |m: &HashMap<_, MeasuresJson>, k| m.get(&k).copied().unwrap_or(none);
        let pathways = pathway_pairs(before, after)
            .into_iter()
            .filter_map(|pair| pair.old)
            .map(|i| {
                let pa = &before.audit.pathways[i];
                let unit = before.catalog.unit(pa.unit);
                let k = (pa.unit, pa.pathway);
                PathwayJson {
                    district: &unit.district,
                    school: &unit.school,
                    pathway: &set.cluster.pathways[pa.pathway].id,
                    before: Measures::of(pa, set).into(),
                    with: each.iter().map(|m| at(m, k)).collect(),
                    combined: several.then(|| at(&all, k)),
                }
            })
            .collect();
        let closed: Vec<(&'a Finding, Vec<ModuleRef<'a>>)> = changes
            .closed
            .iter()
            .map(|&i| {
                let f = &before.audit.findings[i];
                let by = closers(f, combined.filled, set).into_iter().filter_map(|c| {
                    let (p, m) = combined.filled.module(c)?;
                    Some(ModuleRef { product: products[p].name, module: &products[p].modules.courses[m].id })
                });
                (f, by.collect())
            })
            .collect();
        let findings_of = |list: &[usize]| list.iter().map(|&i| &after.audit.findings[i]).collect();
        FillView {
            passed,
            products: products.iter().map(|p| p.name).collect(),
            pathways,
            modules: modules(&closed, products, before.catalog, set),
            closed: closed
                .into_iter()
                .map(|(f, by)| ClosedJson { finding: finding_json(f, before.catalog, set), closed_by: by })
                .collect(),
            added: FindingList { findings: findings_of(&changes.opened), catalog: after.catalog, set },
            remaining: FindingList { findings: findings_of(&changes.kept), catalog: after.catalog, set },
            units: before.catalog.has_units(),
        }
    }
}

/// Each module of each product, with the gaps it closes (in the order of the closed list).
fn modules<'a>(
    closed: &[(&'a Finding, Vec<ModuleRef<'a>>)],
    products: &[Product<'a>],
    catalog: &'a Catalog,
    set: &'a StandardsSet,
) -> Vec<ModuleJson<'a>> {
    let mut out = Vec::new();
    for p in products {
        for m in &p.modules.courses {
            let closes = closed
                .iter()
                .filter(|(_, by)| by.iter().any(|r| r.product == p.name && r.module == m.id.as_str()))
                .map(|(f, _)| finding_json(f, catalog, set))
                .collect();
            out.push(ModuleJson { product: p.name, module: &m.id, title: &m.title, closes });
        }
    }
    out
}

impl View for FillView<'_> {
    const COMMAND: &'static str = "fill";

    fn sheets(&self) -> Vec<Sheet> {
        vec![
            self.coverage_sheet(),
            self.closed_sheet(),
            self.modules_sheet(),
            self.added_sheet(),
            self.remaining_sheet(),
        ]
    }

    fn aside(&self) -> Option<String> {
        Some(
            "CSV holds the coverage table only; the gaps closed, added and left are in the other formats"
                .into(),
        )
    }
}

impl FillView<'_> {
    fn lead(&self, district: &str, school: &str) -> Vec<Cell> {
        if self.units {
            vec![Unit { district: district.into(), school: school.into() }.label().into()]
        } else {
            Vec::new()
        }
    }

    /// Before, with each product, and (with several) combined: the coverage columns, then the
    /// mastery ones.
    fn coverage_sheet(&self) -> Sheet {
        let mut columns: Vec<Column> = if self.units { vec![text("district")] } else { Vec::new() };
        columns.push(text("pathway"));
        let several = self.products.len() > 1;
        for measure in ["coverage %", "mastery %"] {
            columns.push(number(format!("{measure} before")));
            columns.extend(self.products.iter().map(|p| number(format!("{measure} with {p}"))));
            if several {
                columns.push(number(format!("{measure} with all")));
            }
        }
        let rows = self
            .pathways
            .iter()
            .map(|p| {
                let mut row = self.lead(p.district, p.school);
                row.push(p.pathway.into());
                let all: Vec<MeasuresJson> =
                    std::iter::once(p.before).chain(p.with.iter().copied()).chain(p.combined).collect();
                row.extend(all.iter().map(|m| pct_text(Some(m.coverage_pct))));
                row.extend(all.iter().map(|m| pct_text(m.mastery_pct)));
                row
            })
            .collect();
        let note = format!(
            "{} closed, {} added, {} left{}",
            plural_gaps(self.closed.len()),
            self.added.findings.len(),
            self.remaining.findings.len(),
            if self.passed { "; the policy passes" } else { "; the policy still fails" }
        );
        Sheet { title: Some("Coverage and mastery".into()), columns, rows, note: Some(note) }
    }

    fn closed_sheet(&self) -> Sheet {
        let mut columns: Vec<Column> = vec![text("severity"), text("code")];
        if self.units {
            columns.push(text("district"));
        }
        columns.extend([
            text("pathway"),
            text("standard"),
            text("course"),
            text("closed by"),
            text("message"),
        ]);
        let rows = self
            .closed
            .iter()
            .map(|c| {
                let f = &c.finding;
                let mut row = vec![super::severity_cell(f.severity), f.code.into()];
                row.extend(self.lead(f.district, f.school));
                row.extend([f.pathway, f.standard, f.course].map(|v| Cell::from(v.unwrap_or(""))));
                row.push(modules_text(&c.closed_by, self.products.len() > 1).into());
                row.push(f.message.to_string().into());
                row
            })
            .collect();
        let note = self.closed.is_empty().then(|| "none".to_string());
        Sheet { title: Some("Gaps closed".into()), columns, rows, note }
    }

    fn modules_sheet(&self) -> Sheet {
        let several = self.products.len() > 1;
        let mut columns: Vec<Column> = if several { vec![text("product")] } else { Vec::new() };
        columns.extend([text("module"), text("title")]);
        if self.units {
            columns.push(text("district"));
        }
        columns.extend([text("pathway"), text("code"), text("standard")]);
        let mut rows = Vec::new();
        for m in &self.modules {
            for f in &m.closes {
                let mut row: Vec<Cell> = if several { vec![m.product.into()] } else { Vec::new() };
                row.extend([m.module.into(), m.title.into()]);
                row.extend(self.lead(f.district, f.school));
                row.extend([f.pathway.unwrap_or("").into(), f.code.into(), f.standard.unwrap_or("").into()]);
                rows.push(row);
            }
        }
        let idle: Vec<&str> = self.modules.iter().filter(|m| m.closes.is_empty()).map(|m| m.module).collect();
        let note = (!idle.is_empty()).then(|| format!("closing none: {}", idle.join(", ")));
        Sheet { title: Some("Gaps each module closes".into()), columns, rows, note }
    }

    fn added_sheet(&self) -> Sheet {
        let mut sheet = self.added.sheet();
        sheet.title = Some("Findings the modules add".into());
        if sheet.rows.is_empty() {
            sheet.note = Some("none".into());
        }
        sheet
    }

    fn remaining_sheet(&self) -> Sheet {
        let mut sheet = findings_sheet(&self.remaining.findings, self.remaining.catalog, self.remaining.set);
        sheet.title = Some("Gaps left".into());
        if sheet.rows.is_empty() {
            sheet.note = Some("none".into());
        }
        sheet
    }
}

fn plural_gaps(n: usize) -> String {
    crate::diagnostic::plural(n, "finding")
}

/// `CPL-08 CPL-10`, or with several products `modules.csv:CPL-08`.
fn modules_text(by: &[ModuleRef], several: bool) -> String {
    let names: Vec<String> = by
        .iter()
        .map(|r| if several { format!("{}:{}", r.product, r.module) } else { r.module.to_string() })
        .collect();
    names.join(" ")
}
