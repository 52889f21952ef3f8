//! The HTML format: one self-contained page (inline CSS, no script, no fonts, nothing fetched
//! from the network), so it opens from a USB stick or an e-mail attachment and prints on A4 or
//! Letter landscape. Templates are [maud](https://maud.lambda.xyz) macros: checked when the
//! crate compiles, and every value spliced into them is HTML-escaped unless wrapped in
//! `PreEscaped` (done here only for the stylesheet, a constant). A catalog's titles, IDs and
//! district names are user text and may hold `<script>`, quotes or ampersands.
//!
//! Any view renders as its sheets (real tables with column headers); `report` has its own
//! page ([`report`]): a summary with bars, a heat map per pathway with the depth letters in
//! the cells (colour is never the only carrier of meaning), and the findings grouped by code
//! with what each means and how to fix it. The page is written section by section, so a
//! statewide report is never held whole in memory. Numbers are also in `data-` attributes,
//! which the browser test (`tests/browser/run`) compares with the JSON output.

use std::io::{self, Write};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::views::{DistrictReport, FindingList, Heading, PathwayReport, ReportView, finding_json};
use super::{Sheet, Tone};
use crate::audit::{Code, Severity};

const CSS: &str = include_str!("html.css");

/// The page's opening, up to and including `<body>`.
fn head(title: &str) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="cte-align";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
        }
    }
}

/// Writes a page: the head, each part as it is made, and the closing tags.
fn page(title: &str, parts: impl IntoIterator<Item = Markup>, out: &mut dyn Write) -> io::Result<()> {
    // maud closes the elements it opens; the body is opened by hand so the parts can be
    // written one at a time.
    let head = head(title).into_string();
    let head = head.strip_suffix("</html>").unwrap_or(&head);
    out.write_all(head.as_bytes())?;
    out.write_all(b"\n<body>\n")?;
    for part in parts {
        // User text's control and invisible characters, shown escaped as in every text format
        // (our own markup holds none: maud writes it on one line).
        out.write_all(crate::text::escape_invisible(&part.into_string()).as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.write_all(b"</body>\n</html>\n")
}

/// Any view's sheets, as a page of tables.
pub fn sheets_page(
    command: &str,
    about_run: Option<&Heading>,
    sheets: &[Sheet],
    out: &mut dyn Write,
) -> io::Result<()> {
    let title = match about_run {
        Some(h) => format!("{}: {}", h.title, h.catalog),
        None => format!("cte-align {command}"),
    };
    let heading = html! { header { h1 { (title) } @if let Some(h) = about_run { (about(h)) } } };
    page(&title, std::iter::once(heading).chain(sheets.iter().map(sheet_table)), out)
}

fn tone_class(tone: Tone) -> Option<&'static str> {
    match tone {
        Tone::Plain => None,
        Tone::Error => Some("error"),
        Tone::Warning => Some("warning"),
        Tone::Info => Some("info"),
        Tone::Good => Some("good"),
    }
}

fn sheet_table(sheet: &Sheet) -> Markup {
    html! {
        section {
            @if let Some(title) = &sheet.title { h2 { (title) } }
            @if !sheet.rows.is_empty() {
                table {
                    thead { tr { @for c in &sheet.columns { th scope="col" class=[c.numeric.then_some("num")] { (c.name) } } } }
                    tbody {
                        @for row in &sheet.rows {
                            tr {
                                @for (cell, c) in row.iter().zip(&sheet.columns) {
                                    @let class = [c.numeric.then_some("num"), tone_class(cell.tone)];
                                    @let class = class.into_iter().flatten().collect::<Vec<_>>().join(" ");
                                    td class=[(!class.is_empty()).then_some(class)] { (cell.text) }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(note) = &sheet.note { p.note { (note) } }
        }
    }
}

/// The `report` page.
pub fn report(view: &ReportView, out: &mut dyn Write) -> io::Result<()> {
    let many = view.districts.len() > 1;
    let title = match (view.shown.units, view.districts.as_slice()) {
        (true, [one]) => format!("CTE alignment report: {}", one.label()),
        _ => format!("CTE alignment report: {}", view.shown.file),
    };
    let top = html! {
        header {
            h1 { (title) }
            (about(&view.shown.heading))
            p.lead data-errors=(view.summary.error) data-warnings=(view.summary.warning) data-info=(view.summary.info) data-passed=(view.passed) {
                (view.summary.summary()) " in "
                (view.districts.iter().map(|d| d.pathways.len()).sum::<usize>()) " pathways audited"
                @if view.shown.units { " in " (view.districts.len()) @if many { " districts" } @else { " district" } }
                ". Policy: " (verdict(view.passed)) "."
            }
            (legend(view))
        }
        @if many { (index(view)) }
    };
    let sections = view.districts.iter().enumerate().map(|(i, d)| district(view, i, d, many));
    let rest = (!view.other_findings.findings.is_empty()).then(|| {
        html! {
            section.other {
                h2 { "Findings of no single pathway" }
                p { "Input problems and alignments that count for several pathways: they fail a run like any other." }
                (findings(&view.other_findings))
            }
        }
    });
    page(&title, std::iter::once(top).chain(sections).chain(rest), out)
}

/// What was audited, under the page's heading: the catalog, the districts, the standards set.
fn about(h: &Heading) -> Markup {
    html! {
        p.note.about {
            "Catalog: " (h.catalog)
            @if !h.districts.is_empty() { " · " (h.districts_label()) ": " (h.districts) }
            " · Standards: " (h.standards)
        }
    }
}

fn verdict(passed: bool) -> Markup {
    html! {
        @if passed { span.verdict.pass { "pass" } } @else { span.verdict.fail { "fail" } }
    }
}

fn legend(view: &ReportView) -> Markup {
    html! {
        p.legend {
            "Depth: "
            @for (i, d) in view.depth_scale.iter().enumerate() {
                span class=(format!("cell d{i}")) { (d.code) } " " (d.name) "; "
            }
            span.cell.dx { "x" } " covered, depth not given; "
            span.cell.gap { "–" } " not covered."
        }
    }
}

/// The district index of a statewide report: one row per district, linking to its section.
fn index(view: &ReportView) -> Markup {
    html! {
        nav.index aria-label="Districts" {
            h2 { "Districts" }
            table {
                thead { tr {
                    th scope="col" { "district" } th scope="col" class="num" { "pathways" }
                    th scope="col" class="num" { "errors" } th scope="col" class="num" { "warnings" }
                    th scope="col" class="num" { "info" } th scope="col" { "policy" }
                } }
                tbody {
                    @for (i, d) in view.districts.iter().enumerate() {
                        @let counts = d.findings();
                        tr {
                            th scope="row" { a href=(format!("#u{i}")) { (d.label()) } }
                            td.num { (d.pathways.len()) }
                            td.num { (counts.error) } td.num { (counts.warning) } td.num { (counts.info) }
                            td { (verdict(d.passed)) }
                        }
                    }
                }
            }
        }
    }
}

/// One district's section: collapsed when the report has several, so a statewide page opens
/// as its index.
fn district(view: &ReportView, i: usize, d: &DistrictReport, many: bool) -> Markup {
    let label = d.label();
    let body = html! {
        (summary_table(d))
        @for p in &d.pathways { (pathway(view, p)) }
    };
    html! {
        @if many {
            details.district id=(format!("u{i}")) {
                summary { h2 { (label) " " (verdict(d.passed)) } }
                (body)
            }
        } @else {
            section.district id=(format!("u{i}")) {
                @if !label.is_empty() { h2 { (label) } }
                (body)
            }
        }
    }
}

fn bar(pct: Option<f64>) -> Markup {
    html! {
        @match pct {
            Some(v) => {
                span.bar role="img" aria-label=(format!("{v:.1}%")) {
                    span.fill style=(format!("width:{v:.1}%")) {}
                }
                " " (format!("{v:.1}"))
            }
            None => { "no depths" }
        }
    }
}

fn summary_table(d: &DistrictReport) -> Markup {
    html! {
        table.summary {
            caption { "Coverage by pathway" }
            thead { tr {
                th scope="col" { "pathway" } th scope="col" class="num" { "courses" }
                th scope="col" { "coverage %" } th scope="col" { "mastery %" }
                th scope="col" { "credentials" } th scope="col" { "work-based learning" }
                th scope="col" class="num" { "errors" } th scope="col" class="num" { "warnings" }
                th scope="col" class="num" { "info" } th scope="col" { "policy" }
            } }
            tbody {
                @for p in &d.pathways {
                    tr data-district=(d.label()) data-pathway=(p.pathway) data-coverage=(format!("{:.1}", p.coverage_pct))
                        data-mastery=(p.mastery_pct.map(|v| format!("{v:.1}")).unwrap_or_default()) data-errors=(p.findings.error)
                        data-warnings=(p.findings.warning) data-info=(p.findings.info) data-passed=(p.passed) {
                        th scope="row" { (p.pathway) " " span.title { (p.pathway_title) } }
                        td.num { (p.courses) }
                        td { (bar(Some(p.coverage_pct))) " (" (p.covered) " of " (p.required) ")" }
                        td { (bar(p.mastery_pct)) }
                        td { (p.credentials.join(" ")) }
                        td { (p.work_based_learning.join(", ")) }
                        td.num { (p.findings.error) } td.num { (p.findings.warning) } td.num { (p.findings.info) }
                        td { (verdict(p.passed)) }
                    }
                }
            }
        }
    }
}

fn pathway(view: &ReportView, p: &PathwayReport) -> Markup {
    html! {
        section.pathway {
            h3 { (p.pathway) " " (p.pathway_title) }
            @match &p.matrix {
                Some(_) => { (heat_map(view, p)) }
                None => { (strip(view, p)) }
            }
            @if !p.gaps.findings.is_empty() { (findings(&p.gaps)) }
        }
    }
}

/// The class of a cell showing depth `code`: its place on the scale (d0 = lowest), `dx` for
/// a course that gives no depth.
fn depth_class(view: &ReportView, code: &str) -> String {
    match view.depth_scale.iter().position(|d| d.code == code) {
        Some(i) => format!("cell d{i}"),
        None => "cell dx".to_string(),
    }
}

/// Courses (columns, in sequence order) against required standards (rows).
fn heat_map(view: &ReportView, p: &PathwayReport) -> Markup {
    let Some(m) = &p.matrix else { return html! {} };
    html! {
        div.scroll {
            table.heat {
                caption { "Heat map: " (p.pathway) " courses against required standards" }
                thead { tr {
                    th scope="col" { "standard" }
                    @for c in &m.courses { th scope="col" title=(c.title) { span.course { (c.course) } } }
                    th scope="col" { "depth" }
                } }
                tbody {
                    @for r in &m.standards {
                        tr class=[(!r.covered).then_some("uncovered")] {
                            th scope="row" title=(r.title) { (r.standard) }
                            @for c in &r.cells {
                                @match c {
                                    Some(code) => { td class=(depth_class(view, code)) { (code) } }
                                    None => { td {} }
                                }
                            }
                            @match r.depth {
                                Some(code) => { td class=(depth_class(view, code)) { (code) } }
                                None if r.covered => { td.cell.dx { "x" } }
                                None => { td.cell.gap { "not covered" } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One cell per required standard: its highest depth, or a gap. For statewide reports.
fn strip(view: &ReportView, p: &PathwayReport) -> Markup {
    html! {
        div.scroll {
            table.heat.strip {
                caption { "Required standards of " (p.pathway) ", with the highest depth taught" }
                thead { tr { th scope="col" { "standard" } @for s in &p.standards { th scope="col" title=(s.title) { (s.standard) } } } }
                tbody { tr {
                    th scope="row" { "depth" }
                    @for s in &p.standards {
                        @match (s.covered, s.depth) {
                            (_, Some(code)) => { td class=(depth_class(view, code)) { (code) } }
                            (true, None) => { td.cell.dx { "x" } }
                            (false, None) => { td.cell.gap { "–" } }
                        }
                    }
                } }
            }
        }
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// The findings, grouped by severity and code (their order in the audit), each group with
/// what the code means and how to fix it.
fn findings(list: &FindingList) -> Markup {
    let mut groups: Vec<(Severity, Code, Vec<usize>)> = Vec::new();
    for (i, f) in list.findings.iter().enumerate() {
        match groups.last_mut() {
            Some((s, c, members)) if *s == f.severity && *c == f.code() => members.push(i),
            _ => groups.push((f.severity, f.code(), vec![i])),
        }
    }
    html! {
        div.findings {
            @for (severity, code, members) in &groups {
                div class=(format!("group {}", severity_class(*severity))) {
                    h4 { span.sev { (severity.to_string()) } " " code { (code.name()) } " (" (members.len()) ")" }
                    p.explain { (code.description()) " " strong { "Fix: " } (code.fix()) }
                    ul {
                        @for &i in members {
                            @let j = finding_json(list.findings[i], list.catalog, list.set);
                            li {
                                @if let Some(s) = j.standard { code { (s) } " " }
                                @if let Some(c) = j.course { code { (c) } " " }
                                (j.message)
                            }
                        }
                    }
                }
            }
        }
    }
}
