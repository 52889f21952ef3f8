//! The views: each command's result as typed data, one file per command. A view serialises
//! to the command's JSON body and gives its sheets to the tabular renderers. Here: the parts
//! several views share (findings, severity counts, the unit column that appears only when a
//! catalog holds more than one district), and the text of the notes a report has no place
//! for (written to standard error by `write::to_stderr`).

mod course;
mod coverage;
mod diff;
mod explain;
mod fill;
mod gaps;
mod heading;
mod matrix;
mod policy;
pub mod reading;
mod report;
mod standards;
mod summary;
mod validate;
mod where_;

pub use course::CourseView;
pub use coverage::{CoverageParts, CoverageView};
pub use diff::DiffView;
pub use explain::ExplainView;
pub use fill::{FillView, Product};
pub use gaps::GapsView;
pub use heading::Heading;
pub use matrix::MatrixView;
pub use policy::PolicyView;
pub(crate) use report::{DistrictReport, PathwayReport};
pub use report::{FULL_MATRIX_UNITS, ReportView};
pub use standards::{StandardsOverview, StandardsTree};
pub use summary::SummaryView;
pub use validate::ValidateView;
pub use where_::WhereView;

use serde::{Serialize, Serializer};

use super::{Cell, Sheet, Tone, csv_out, number, text};
use crate::audit::{Finding, Message, Severity, Subject};
use crate::diagnostic::{Diagnostics, plural};
use crate::model::{Catalog, CourseIdx, StandardsSet, Unit};
use crate::text::thousands;

/// The path of coverage credited through a crosswalk, in JSON `{"standard": "ST-4.2",
/// "relation": "exact"}`: the standard the course is aligned to that the crosswalk maps from,
/// and how. The views add it as an optional `via` field, left out when absent, so a report
/// without a crosswalk is as it was.
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct ViaJson<'a> {
    pub standard: &'a str,
    pub relation: &'static str,
}

impl<'a> ViaJson<'a> {
    pub fn of(via: crate::audit::Via, set: &'a StandardsSet) -> Self {
        ViaJson { standard: &set.standard(via.standard).id, relation: via.relation.name() }
    }

    /// The path as the tables show it: `HS210 -> ST-4.2 -> FS-7.1 (exact)`.
    pub fn path(&self, course: &str, to: &str) -> String {
        format!("{course} -> {} -> {to} ({})", self.standard, self.relation)
    }
}

/// The input errors a lenient run left out, one per line (after the last of a kind that had
/// more than `--max-errors`, how many more), then what became of them: for the commands that
/// do not report them as findings (`matrix`, `where`, `course`).
pub(crate) fn left_out(errors: &Diagnostics) -> Option<String> {
    if !errors.has_errors() {
        return None;
    }
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = errors.write_list(&mut out);
    let (total, listed) = (errors.errors(), errors.items.len());
    if listed == total {
        out.push_str(&format!(
            "cte-align: warning: --lenient left out the {} above; this report is of the rest\n",
            plural(total, "input error")
        ));
    } else {
        out.push_str(&format!(
            "cte-align: warning: --lenient left out {} input errors, the {listed} above and {} more \
             like them; this report is of the rest\n",
            thousands(total),
            thousands(total - listed)
        ));
    }
    Some(out)
}

/// For the commands that report a lenient run's input errors as `invalid-input` findings:
/// how many more there were than `--max-errors` keeps, which no report lists.
pub(crate) fn unlisted(errors: &Diagnostics) -> Option<String> {
    let unlisted = errors.unlisted_errors();
    if unlisted == 0 {
        return None;
    }
    Some(format!(
        "cte-align: warning: --lenient left out {} input errors; {} of them, beyond --max-errors \
         ({} of a kind), are not in this report as invalid-input findings; --max-errors to see more\n",
        thousands(errors.errors()),
        thousands(unlisted),
        errors.max_per_kind()
    ))
}

/// A finding as JSON: `{code, severity, district, school, pathway, standard, course,
/// second_course, credential, missing_standards, depth, file, line, column, message}`, every
/// field of its subject; those a finding's kind has not are null (or `[]`).
#[derive(Debug, Serialize)]
pub(crate) struct FindingJson<'a> {
    pub code: &'static str,
    pub severity: Severity,
    pub district: &'a str,
    pub school: &'a str,
    pub pathway: Option<&'a str>,
    pub standard: Option<&'a str>,
    pub course: Option<&'a str>,
    /// For `out-of-sequence`: the course that masters the standard, earlier.
    pub second_course: Option<&'a str>,
    /// For `credential-gap`: the credential, and the standards it requires that are missing.
    pub credential: Option<&'a str>,
    pub missing_standards: Vec<&'a str>,
    /// For `shallow-coverage`: the deepest depth any course gives.
    pub depth: Option<&'a str>,
    /// For `invalid-input`: where the problem is.
    pub file: Option<&'a str>,
    pub line: Option<u64>,
    pub column: Option<u64>,
    /// Written out as it is serialized or rendered, never held as a string.
    #[serde(serialize_with = "displayed")]
    pub message: Message<'a>,
}

/// Serializes a value by its `Display`, as a string.
fn displayed<S: Serializer>(value: &impl std::fmt::Display, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

pub(crate) fn finding_json<'a>(
    f: &'a Finding,
    catalog: &'a Catalog,
    set: &'a StandardsSet,
) -> FindingJson<'a> {
    let course = |c: CourseIdx| catalog.courses[c].id.as_str();
    let mut json = FindingJson {
        code: f.code().name(),
        severity: f.severity,
        district: f.unit.map_or("", |u| catalog.unit(u).district.as_str()),
        school: f.unit.map_or("", |u| catalog.unit(u).school.as_str()),
        pathway: f.pathway.map(|p| set.cluster.pathways[p].id.as_str()),
        standard: f.standard().map(|s| set.standard(s).id.as_str()),
        course: f.course().map(course),
        second_course: None,
        credential: None,
        missing_standards: Vec::new(),
        depth: None,
        file: None,
        line: None,
        column: None,
        message: f.message(catalog, set),
    };
    match &f.subject {
        Subject::OutOfSequence { mastered, .. } => json.second_course = Some(course(*mastered)),
        Subject::CredentialGap { credential, missing } => {
            json.credential = Some(set.cluster.credentials[*credential].id.as_str());
            json.missing_standards = missing.iter().map(|&s| set.standard(s).id.as_str()).collect();
        }
        Subject::Shallow { depth, .. } => json.depth = Some(set.cluster.depth_code(*depth)),
        Subject::Input(d) => {
            (json.file, json.line, json.column) = (Some(&*d.file), Some(d.line), Some(d.column))
        }
        // Their subjects are in the columns above.
        Subject::Uncovered { .. }
        | Subject::SingleCourse { .. }
        | Subject::ShortSequence { .. }
        | Subject::NoProgression(_)
        | Subject::NoCredential
        | Subject::NoWorkBasedLearning
        | Subject::Unaligned { .. }
        | Subject::BroadAlignment { .. } => {}
    }
    json
}

/// A course as the views name it: `{district, school, course, title, pathways, level}`, the
/// first fields of each course object (flattened into it).
#[derive(Serialize)]
pub(crate) struct CourseRef<'a> {
    pub district: &'a str,
    pub school: &'a str,
    pub course: &'a str,
    pub title: &'a str,
    pub pathways: Vec<&'a str>,
    pub level: Option<u8>,
}

impl<'a> CourseRef<'a> {
    pub fn of(c: CourseIdx, catalog: &'a Catalog, set: &'a StandardsSet) -> Self {
        let course = &catalog.courses[c];
        let unit = catalog.unit(course.unit);
        CourseRef {
            district: &unit.district,
            school: &unit.school,
            course: &course.id,
            title: &course.title,
            pathways: set.cluster.pathway_ids(course.pathways),
            level: course.level,
        }
    }

    /// The district column's text: `District`, `District / School`, or empty.
    pub fn unit_label(&self) -> String {
        Unit { district: self.district.into(), school: self.school.into() }.label()
    }

    pub fn level_text(&self) -> String {
        self.level.map(|l| l.to_string()).unwrap_or_default()
    }
}

/// Findings as the JSON array of [`FindingJson`], each made as it is written.
pub(crate) struct FindingList<'a> {
    pub findings: Vec<&'a Finding>,
    pub catalog: &'a Catalog,
    pub set: &'a StandardsSet,
}

impl Serialize for FindingList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.findings.iter().map(|f| finding_json(f, self.catalog, self.set)))
    }
}

impl FindingList<'_> {
    pub fn sheet(&self) -> Sheet {
        findings_sheet(&self.findings, self.catalog, self.set)
    }

    /// Writes the findings with their structured fields, as CSV.
    pub fn write_csv(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        write_findings_csv(&self.findings, self.catalog, self.set, out)
    }

    /// The findings as GitHub annotations: an input problem at its file, line and column; a
    /// finding about a course at the course's catalog line; any other at the catalog, no line.
    pub fn annotations(&self) -> Vec<crate::report::github::Annotation<'_>> {
        use crate::report::github::{Annotation, Level};
        self.findings
            .iter()
            .map(|f| {
                let level = match f.severity {
                    Severity::Error => Level::Error,
                    Severity::Warning => Level::Warning,
                    Severity::Info => Level::Notice,
                };
                let (file, line, column) = match (&f.subject, f.course()) {
                    (Subject::Input(d), _) => (&*d.file, Some(d.line), Some(d.column)),
                    (_, Some(c)) => (self.catalog.file.as_str(), Some(self.catalog.courses[c].line), None),
                    (_, None) => (self.catalog.file.as_str(), None, None),
                };
                Annotation {
                    level,
                    file,
                    line,
                    column,
                    title: f.code().name(),
                    message: annotation_message(f, self.catalog, self.set),
                }
            })
            .collect()
    }
}

/// A finding's message for an annotation, which has no standard column: a message that
/// opens with its standard's title gets the standard's ID before it ("FS-7.3 Environmental
/// Safety: ..."), since titles repeat across pathways.
fn annotation_message(f: &Finding, catalog: &Catalog, set: &StandardsSet) -> String {
    let message = f.message(catalog, set).to_string();
    match f.standard().map(|s| set.standard(s)) {
        Some(standard) if message.starts_with(standard.title.as_str()) => {
            format!("{} {message}", standard.id)
        }
        _ => message,
    }
}

pub(crate) fn severity_cell(s: Severity) -> Cell {
    let tone = match s {
        Severity::Error => Tone::Error,
        Severity::Warning => Tone::Warning,
        Severity::Info => Tone::Info,
    };
    Cell::toned(s.to_string(), tone)
}

/// Whether reports need a district column: when any course names a district or school.
pub(crate) fn has_units(catalog: &Catalog) -> bool {
    catalog.has_units()
}

/// The findings as a sheet: one row each, in the order given.
pub(crate) fn findings_sheet(findings: &[&Finding], catalog: &Catalog, set: &StandardsSet) -> Sheet {
    let units = has_units(catalog);
    let rows = findings.iter().map(|f| finding_row(f, catalog, set, units)).collect();
    Sheet { columns: finding_columns(units), rows, ..Sheet::default() }
}

/// The columns of [`findings_sheet`]: the district column only when the catalog has several.
fn finding_columns(units: bool) -> Vec<super::Column> {
    let mut columns = vec![text("severity"), text("code")];
    if units {
        columns.push(text("district"));
    }
    columns.extend([text("pathway"), text("standard"), text("course"), text("message")]);
    columns
}

/// One finding's row of [`findings_sheet`].
fn finding_row(f: &Finding, catalog: &Catalog, set: &StandardsSet, units: bool) -> Vec<Cell> {
    let mut row = vec![severity_cell(f.severity), Cell::from(f.code().name())];
    if units {
        row.push(Cell::from(f.unit.map(|u| catalog.unit(u).label()).unwrap_or_default()));
    }
    let pathway = f.pathway.map(|p| set.cluster.pathways[p].id.as_str());
    let standard = f.standard().map(|s| set.standard(s).id.as_str());
    let course = f.course().map(|c| catalog.courses[c].id.as_str());
    row.extend([pathway, standard, course].map(|v| Cell::from(v.unwrap_or(""))));
    row.push(Cell::from(f.message(catalog, set).to_string()));
    row
}

/// Writes the findings as CSV wants them: the sheet's columns, then every structured field
/// JSON has (`second_course`, `credential`, `missing_standards` joined with `; `, `depth`,
/// `file`, `line`, `column`), so a script never parses a message; the table keeps to the
/// short form. Row by row: a statewide file has millions of findings.
pub(crate) fn write_findings_csv(
    findings: &[&Finding],
    catalog: &Catalog,
    set: &StandardsSet,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let units = has_units(catalog);
    csv_out::write_header_row(out, &findings_csv_columns(units))?;
    let (mut buf, mut record) = (String::new(), csv_out::Record::default());
    for f in findings {
        write_finding_csv(&mut *out, f, (catalog, set), units, (&mut buf, &mut record))?;
    }
    Ok(())
}

/// The columns of [`write_findings_csv`].
pub(crate) fn findings_csv_columns(units: bool) -> Vec<super::Column> {
    let mut columns = finding_columns(units);
    columns.extend([
        text("second_course"),
        text("credential"),
        text("missing_standards"),
        text("depth"),
        text("file"),
        number("line"),
        number("column"),
    ]);
    columns
}

/// One finding's row of [`write_findings_csv`], put together field by field as it is worked
/// out (see [`csv_out::Record`]): no cells, and the texts made up of parts (the district's
/// label, the message, the missing standards) put together in `buf`, reused from row to row.
/// A statewide `gaps` writes millions of rows, and allocating each row's cells took more time
/// than writing them.
pub(crate) fn write_finding_csv<W: std::io::Write + ?Sized>(
    out: &mut W,
    f: &Finding,
    (catalog, set): (&Catalog, &StandardsSet),
    units: bool,
    (buf, record): (&mut String, &mut csv_out::Record),
) -> std::io::Result<()> {
    use std::fmt::Write;
    let j = finding_json(f, catalog, set);
    let mut composed = |record: &mut csv_out::Record, fill: &dyn Fn(&mut String) -> std::fmt::Result| {
        buf.clear();
        // Writing to a string cannot fail.
        let _ = fill(buf);
        record.text(buf);
    };
    record.text(f.severity.name());
    record.text(j.code);
    if units {
        composed(record, &|b| match f.unit {
            Some(u) => write!(b, "{}", catalog.unit(u)),
            None => Ok(()),
        });
    }
    for field in [j.pathway, j.standard, j.course] {
        record.text(field.unwrap_or(""));
    }
    composed(record, &|b| write!(b, "{}", j.message));
    record.text(j.second_course.unwrap_or(""));
    record.text(j.credential.unwrap_or(""));
    composed(record, &|b| {
        for (i, s) in j.missing_standards.iter().enumerate() {
            b.push_str(if i == 0 { "" } else { "; " });
            b.push_str(s);
        }
        Ok(())
    });
    record.text(j.depth.unwrap_or(""));
    record.text(j.file.unwrap_or(""));
    for n in [j.line, j.column] {
        buf.clear();
        if let Some(n) = n {
            let _ = write!(buf, "{n}");
        }
        record.number(buf);
    }
    record.end(out)
}

/// Counts by severity: `{error, warning, info}`.
#[derive(Debug, Serialize, Default, Clone, Copy)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl SeverityCounts {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
        let mut c = SeverityCounts::default();
        findings.into_iter().for_each(|f| c.add(f.severity));
        c
    }

    /// How many findings in all.
    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }

    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }

    pub fn summary(&self) -> String {
        format!("{}, {}, {} info", plural(self.error, "error"), plural(self.warning, "warning"), self.info)
    }
}
