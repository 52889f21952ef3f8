//! Raw flags -> resolved settings, once. [`Settings::from_cli`] is the one function that turns
//! what clap parsed into plain values: the standards source, and for each command its inputs,
//! scope, policy and output (style and destination, settled here). Nothing after it sees a
//! clap type. The rest resolves names given on the command line against what was loaded
//! (pathways, districts), which only the loaded standards and catalog can answer.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::audit::{Code, Filter, Limits, Policy, Selection, Severity, Thresholds};
use crate::cli::{
    CatalogArgs, Cli, ColorChoice, Command, CourseArgs, CoverageArgs, DiffArgs, FillArgs, FilterArgs,
    FormatArg, GapsArgs, MatrixArgs, Minimum, OutputArgs, PolicyArgs, ReadArgs, ReportArgs, Shell, ShowArgs,
    WhereArgs,
};
use crate::config::{self, Project};
use crate::load::catalog::CsvOptions;
use crate::load::standards::{load_builtin, load_dir};
use crate::load::{Column, ColumnOverride};
use crate::model::{Catalog, PathwayIdx, StandardsSet};
use crate::pipeline::{ByUnitRead, Input};
use crate::report::{Destination, Format, Output, Style};

/// Everything a run needs, resolved from the command line.
#[derive(Debug)]
pub struct Settings {
    /// `--standards DIR` (or the config file's `standards`), or `None` for the built-in set.
    pub(crate) standards: Option<PathBuf>,
    pub(crate) job: Job,
    /// The config file read, whose aliases join the standards once they are loaded.
    pub(crate) project: Option<Project>,
}

/// The command to run, with its settings.
#[derive(Debug)]
pub(crate) enum Job {
    Gaps(AuditJob, Summary),
    Explain { code: String, output: Output, inputs: Vec<PathBuf> },
    Coverage { audit: AuditJob, detail: bool },
    Report(AuditJob),
    Matrix { input: Input, pathway: String, districts: Vec<String>, lenient: bool, output: Output },
    Where { input: Input, standard: String, scope: Scope, lenient: bool, output: Output },
    Course { input: Input, course: String, districts: Vec<String>, show: Show, lenient: bool, output: Output },
    Fill { audit: AuditJob, products: Vec<Input> },
    Diff { audit: AuditJob, new: Input, fail_on_regression: bool },
    Validate { input: Input, strict: bool, format: Format },
    Standards { query: Option<String>, output: Output },
    Init { dir: PathBuf, force: bool },
    Completions(Shell),
    Man(Option<String>),
    ImportCase(ImportJob),
}

/// `import-case`: the CASE package to convert, where to, and what the user chose.
#[derive(Debug)]
pub struct ImportJob {
    pub package: PathBuf,
    pub dir: PathBuf,
    pub depth: Option<u8>,
    pub item_type: Option<String>,
    pub pathways: Vec<String>,
    pub prefix: Option<String>,
    pub force: bool,
}

/// An audit of one catalog under a policy (`gaps`, `coverage`); for `fill` and `diff`, of
/// the first of the two sides (the catalog; OLD), both audited with its scope and policy.
#[derive(Debug)]
pub(crate) struct AuditJob {
    pub(crate) input: Input,
    pub(crate) scope: Scope,
    pub(crate) policy: Policy,
    /// Which findings to list (`--code`, `--severity`, `--top`); the policy judges them all.
    pub(crate) show: Selection,
    /// Leave out bad references and report them as `invalid-input` findings.
    pub(crate) lenient: bool,
    pub(crate) output: Output,
}

/// Whether `gaps` lists every finding or its summary (`--summary`, `--all`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Summary {
    Always,
    Never,
    /// The summary when the report is a table on a terminal and the list is longer than
    /// [`Summary::LONG`]; a file or a pipe always gets every finding, so scripts and
    /// snapshots do not depend on where they ran.
    WhenLong,
}

impl Summary {
    /// More findings than this fill more than a screen.
    pub(crate) const LONG: usize = 40;
}

/// `course`'s findings to show: the selection, and the `--pathway`s it is limited to,
/// resolved into it once the standards are loaded.
#[derive(Debug, Clone, Default)]
pub(crate) struct Show {
    pub(crate) selection: Selection,
    pub(crate) pathways: Vec<String>,
}

/// The pathways and districts named on the command line (`--pathway`, `--district`), checked
/// against the standards and the catalog by [`filter`] once both are loaded.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    pub(crate) pathways: Vec<String>,
    pub(crate) districts: Vec<String>,
}

impl Job {
    /// Where the command's report goes, if it writes one.
    fn output_mut(&mut self) -> Option<&mut Output> {
        match self {
            Job::Gaps(a, _)
            | Job::Coverage { audit: a, .. }
            | Job::Report(a)
            | Job::Fill { audit: a, .. }
            | Job::Diff { audit: a, .. } => Some(&mut a.output),
            Job::Matrix { output, .. }
            | Job::Where { output, .. }
            | Job::Course { output, .. }
            | Job::Explain { output, .. }
            | Job::Standards { output, .. } => Some(output),
            Job::Validate { .. }
            | Job::Init { .. }
            | Job::ImportCase(_)
            | Job::Completions(_)
            | Job::Man(_) => None,
        }
    }

    /// The catalogs the command reads that the project config applies to: the district's
    /// (both sides of `diff`), not a product's (`fill --with`), whose headers are the vendor's.
    fn inputs_mut(&mut self) -> Vec<&mut Input> {
        match self {
            Job::Gaps(a, _)
            | Job::Coverage { audit: a, .. }
            | Job::Report(a)
            | Job::Fill { audit: a, .. } => {
                vec![&mut a.input]
            }
            Job::Diff { audit: a, new, .. } => vec![&mut a.input, new],
            Job::Matrix { input, .. }
            | Job::Where { input, .. }
            | Job::Course { input, .. }
            | Job::Validate { input, .. } => vec![input],
            Job::Explain { .. }
            | Job::Standards { .. }
            | Job::Init { .. }
            | Job::ImportCase(_)
            | Job::Completions(_)
            | Job::Man(_) => Vec::new(),
        }
    }

    /// The report's destination and the files the run reads, for the commands that write a
    /// report (`None` for those that do not).
    pub(crate) fn output_and_inputs(&self) -> Option<(&Output, Vec<PathBuf>)> {
        match self {
            Job::Gaps(a, _) | Job::Coverage { audit: a, .. } | Job::Report(a) => {
                Some((&a.output, a.input.files()))
            }
            Job::Matrix { input, output, .. }
            | Job::Where { input, output, .. }
            | Job::Course { input, output, .. } => Some((output, input.files())),
            Job::Fill { audit: a, products } => Some((
                &a.output,
                a.input.files().into_iter().chain(products.iter().flat_map(Input::files)).collect(),
            )),
            Job::Diff { audit: a, new, .. } => {
                Some((&a.output, a.input.files().into_iter().chain(new.files()).collect()))
            }
            Job::Explain { output, inputs, .. } => Some((output, inputs.clone())),
            Job::Standards { output, .. } => Some((output, Vec::new())),
            // No -o: they write to standard output, or into the directory they are given.
            Job::Validate { .. }
            | Job::Init { .. }
            | Job::ImportCase(_)
            | Job::Completions(_)
            | Job::Man(_) => None,
        }
    }
}

impl Settings {
    /// The one place flags become settings.
    pub fn from_cli(cli: Cli) -> anyhow::Result<Settings> {
        let mut job = job(cli.command)?;
        for input in job.inputs_mut() {
            input.verbose = cli.verbose;
        }
        let project =
            config::locate(cli.config.as_deref(), cli.no_config).map(|f| config::read(&f)).transpose()?;
        let mut standards = cli.standards;
        if let Some(project) = &project {
            apply_config(project, &mut job, cli.format_given)?;
            if standards.is_none() {
                standards = project.config.standards.as_ref().map(|s| project.dir().join(s));
            }
        }
        refuse_set_format(&job)?;
        refuse_annotations(&job)?;
        Ok(Settings { standards, job, project })
    }
}

/// The job a subcommand's arguments ask for, before the config file and the global flags.
fn job(command: Command) -> anyhow::Result<Job> {
    Ok(match command {
        Command::Gaps(args) => gaps(args)?,
        Command::Coverage(CoverageArgs { catalog, detail, filter, policy, output }) => Job::Coverage {
            audit: audit_job(
                input(catalog.catalog, catalog.read),
                filter,
                Selection::default(),
                &policy,
                &output,
            )?,
            detail,
        },
        Command::Report(ReportArgs { catalog, filter, show, policy, output }) => Job::Report(audit_job(
            input(catalog.catalog, catalog.read),
            filter,
            selection(show),
            &policy,
            &output,
        )?),
        Command::Matrix(MatrixArgs { catalog, pathway, districts, lenient, output }) => Job::Matrix {
            input: catalog_input(catalog),
            pathway,
            districts: districts.district,
            lenient: lenient.lenient,
            output: self::output(&output)?,
        },
        Command::Where(WhereArgs { catalog, standard, filter, lenient, output }) => Job::Where {
            input: catalog_input(catalog),
            standard,
            scope: scope(filter),
            lenient: lenient.lenient,
            output: self::output(&output)?,
        },
        Command::Course(CourseArgs { catalog, course, districts, pathway, show, lenient, output }) => {
            Job::Course {
                input: catalog_input(catalog),
                course,
                districts: districts.district,
                show: Show { selection: selection(show), pathways: pathway },
                lenient: lenient.lenient,
                output: self::output(&output)?,
            }
        }
        Command::Fill(args) => fill(args)?,
        Command::Diff(args) => diff(args)?,
        Command::Validate(args) => Job::Validate {
            input: catalog_input(args.catalog),
            strict: args.strict,
            format: validate_format(args.format.map(Format::from))?,
        },
        Command::Standards(args) => Job::Standards { query: args.query, output: output(&args.output)? },
        Command::Init(args) => Job::Init { dir: args.dir, force: args.force },
        Command::Completions(args) => Job::Completions(args.shell),
        Command::Man(args) => Job::Man(args.subcommand),
        Command::ImportCase(a) => Job::ImportCase(ImportJob {
            package: a.package,
            dir: a.output,
            depth: a.depth,
            item_type: a.item_type,
            pathways: a.pathways,
            prefix: a.prefix,
            force: a.force,
        }),
    })
}

/// A format that writes the standards set itself (`--format case`) is for `cte-align
/// standards` without a query: any other command refuses it, as a usage error.
fn refuse_set_format(job: &Job) -> anyhow::Result<()> {
    let Some((output, _)) = job.output_and_inputs() else { return Ok(()) };
    if !output.style.format.is_standards_set() {
        return Ok(());
    }
    match job {
        Job::Standards { query: None, .. } => Ok(()),
        Job::Standards { query: Some(q), .. } => anyhow::bail!(
            "--format case writes the whole standards set as a CASE package; drop the query \"{q}\" \
             (`cte-align standards --format case`)"
        ),
        _ => anyhow::bail!(
            "--format case writes a standards set as a CASE package: only `cte-align standards` \
             takes it; use table, csv, json or markdown here"
        ),
    }
}

/// `validate`'s formats: its list (table), JSON, or GitHub annotations.
fn validate_format(format: Option<Format>) -> anyhow::Result<Format> {
    match format.unwrap_or_default() {
        f @ (Format::Table | Format::Json | Format::Github) => Ok(f),
        f => anyhow::bail!("validate writes table, json or github, not {}", f.name()),
    }
}

/// `--format github` annotates problems on the lines of the input files: only `gaps` and
/// `validate` list problems; any other command refuses it, as a usage error.
fn refuse_annotations(job: &Job) -> anyhow::Result<()> {
    match job.output_and_inputs() {
        Some((output, _)) if output.style.format == Format::Github && !matches!(job, Job::Gaps(..)) => {
            anyhow::bail!(
                "--format github writes GitHub annotations of problems: only `cte-align gaps` and \
                 `cte-align validate` take it; use table, csv, json or markdown here"
            )
        }
        Some((output, _))
            if output.style.format == Format::Github && matches!(job, Job::Gaps(_, Summary::Always)) =>
        {
            anyhow::bail!("--format github annotates each finding, --summary groups them: drop --summary")
        }
        _ => Ok(()),
    }
}

/// Merges the config file under the flags: its columns where no `--column` names the same
/// column, its header row and format where no flag gives them, its policy under the policy
/// flags (a code a flag names keeps the flag's severity).
fn apply_config(project: &Project, job: &mut Job, format_given: bool) -> anyhow::Result<()> {
    let config = &project.config;
    for input in job.inputs_mut() {
        for (column, header) in &config.columns {
            let column: Column =
                column.get_ref().parse().map_err(|e| project.error(column.span().start, e))?;
            let given = ColumnOverride { column, header: header.clone() };
            let has_alignments = !input.alignments.is_empty();
            crate::load::catalog::check_overrides(std::slice::from_ref(&given), has_alignments)
                .map_err(|e| project.error(column_span(&config.columns, column), e))?;
            if !input.csv.columns.iter().any(|o| o.column == column) {
                input.csv.columns.push(given);
            }
        }
        input.csv.header_row = input.csv.header_row.or(config.header_row);
    }
    // Only for standard output: a report written with -o takes its format from the file's
    // name when no --format is given.
    if let Some(format) = config.format.as_ref().filter(|_| !format_given)
        && let Some(output) = job.output_mut()
        && output.destination == Destination::Stdout
    {
        let f = <FormatArg as clap::ValueEnum>::from_str(format.get_ref(), true).map(Format::from).map_err(
            |_| {
                project.error(
                    format.span().start,
                    format!("unknown format \"{}\"; use table, csv, json or markdown", format.get_ref()),
                )
            },
        )?;
        output.style.format = f;
        output.style.color &= f == Format::Table;
    }
    let (audit, thresholds) = match job {
        Job::Gaps(audit, _) | Job::Coverage { audit, .. } | Job::Report(audit) | Job::Fill { audit, .. } => {
            (audit, true)
        }
        // diff judges regressions, not thresholds (it refuses --min-coverage too).
        Job::Diff { audit, .. } => (audit, false),
        _ => return Ok(()),
    };
    let p = &config.policy;
    if thresholds {
        let t = &mut audit.policy.thresholds;
        t.all.coverage = t.all.coverage.or(p.min_coverage.as_ref().map(|v| *v.get_ref()));
        t.all.mastery = t.all.mastery.or(p.min_mastery.as_ref().map(|v| *v.get_ref()));
        for (name, limits) in &p.pathway {
            if !t.pathways.iter().any(|(given, _)| given.eq_ignore_ascii_case(name)) {
                let limits = Limits { coverage: limits.min_coverage, mastery: limits.min_mastery };
                t.pathways.push((name.clone(), limits));
            }
        }
    }
    {
        let lists = [(&p.allow, None), (&p.warn, Some(Severity::Warning)), (&p.deny, Some(Severity::Error))];
        for (codes, severity) in lists {
            for code in codes {
                let parsed: Code =
                    code.get_ref().parse().map_err(|e: String| project.error(code.span().start, e))?;
                audit.policy.overrides.entry(parsed).or_insert(severity);
            }
        }
    }
    Ok(())
}

/// Where the config file names a column, for its messages.
fn column_span(columns: &std::collections::BTreeMap<toml::Spanned<String>, String>, column: Column) -> usize {
    let named = |k: &toml::Spanned<String>| k.get_ref().parse::<Column>().is_ok_and(|c| c == column);
    columns.keys().find(|k| named(k)).map_or(0, |k| k.span().start)
}

fn gaps(args: GapsArgs) -> anyhow::Result<Job> {
    let GapsArgs { explain, catalog, summary, all, read, filter, show, policy, output } = args;
    if let Some(code) = explain {
        // A CATALOG and --alignments given beside --explain are not read, but not written over.
        let inputs = catalog.map(|c| input(c, read).files()).unwrap_or_default();
        return Ok(Job::Explain { code, output: self::output(&output)?, inputs });
    }
    let Some(catalog) = catalog else {
        anyhow::bail!("gaps needs a CATALOG (a course catalog CSV); see `cte-align gaps --help`");
    };
    let audit = audit_job(input(catalog, read), filter, selection(show), &policy, &output)?;
    let to_terminal = audit.output.destination == Destination::Stdout && std::io::stdout().is_terminal();
    let summary = match (summary, all) {
        (true, _) => Summary::Always,
        // The format may still come from the config file: the command checks it is a table.
        (false, false) if to_terminal => Summary::WhenLong,
        _ => Summary::Never,
    };
    Ok(Job::Gaps(audit, summary))
}

/// `--code`, `--severity` and `--top`; the pathways (`--pathway`) are resolved by the command.
fn selection(args: ShowArgs) -> Selection {
    Selection {
        codes: args.code,
        severity: args.severity.map(|s| s.severity()),
        pathways: Vec::new(),
        top: args.top,
    }
}

fn fill(args: FillArgs) -> anyhow::Result<Job> {
    let FillArgs { catalog, with, with_alignments, filter, policy, output } = args;
    if with.len() > 1 && !with_alignments.is_empty() {
        anyhow::bail!(
            "--with-alignments goes with a single --with, and {} products were given; run fill once per product with its alignment files",
            with.len()
        );
    }
    let max_errors = catalog.read.max_errors;
    let products = with
        .into_iter()
        .map(|file| Input {
            catalog: file,
            alignments: with_alignments.clone(),
            csv: CsvOptions::default(),
            verbose: false,
            max_errors,
            by_unit: ByUnitRead::default(),
        })
        .collect();
    let audit =
        audit_job(input(catalog.catalog, catalog.read), filter, Selection::default(), &policy, &output)?;
    Ok(Job::Fill { audit, products })
}

fn diff(args: DiffArgs) -> anyhow::Result<Job> {
    let DiffArgs {
        old,
        new,
        old_alignments,
        new_alignments,
        delimiter,
        columns,
        max_errors,
        fail_on_regression,
        filter,
        policy,
        output,
    } = args;
    if !policy.min_coverage.is_empty() || !policy.min_mastery.is_empty() {
        anyhow::bail!(
            "--min-coverage and --min-mastery do not apply to diff; use --fail-on-regression to fail when coverage or mastery drops, or run `cte-align coverage NEW --min-coverage PCT`"
        );
    }
    let csv = CsvOptions { delimiter, columns, header_row: None };
    let (verbose, by_unit) = (false, ByUnitRead::default());
    let old =
        Input { catalog: old, alignments: old_alignments, csv: csv.clone(), verbose, max_errors, by_unit };
    let new = Input { catalog: new, alignments: new_alignments, csv, verbose, max_errors, by_unit };
    Ok(Job::Diff {
        audit: audit_job(old, filter, Selection::default(), &policy, &output)?,
        new,
        fail_on_regression,
    })
}

fn audit_job(
    input: Input,
    filter: FilterArgs,
    show: Selection,
    policy: &PolicyArgs,
    out: &OutputArgs,
) -> anyhow::Result<AuditJob> {
    Ok(AuditJob {
        input,
        scope: scope(filter),
        policy: self::policy(policy)?,
        show,
        lenient: policy.lenient.lenient,
        output: output(out)?,
    })
}

fn catalog_input(args: CatalogArgs) -> Input {
    input(args.catalog, args.read)
}

fn input(catalog: String, read: ReadArgs) -> Input {
    Input {
        catalog,
        alignments: read.alignments,
        csv: CsvOptions { delimiter: read.delimiter, columns: read.columns, header_row: read.header_row },
        verbose: false,
        max_errors: read.max_errors,
        by_unit: ByUnitRead::from_env(),
    }
}

fn scope(args: FilterArgs) -> Scope {
    Scope { pathways: args.pathway, districts: args.districts.district }
}

/// Where the report goes, and how it looks there.
fn output(args: &OutputArgs) -> anyhow::Result<Output> {
    let destination = destination(args);
    let format = format(args.format.map(Format::from), &destination)?;
    Ok(Output { style: style(args, format, &destination), destination, quiet: args.quiet })
}

/// `--format`, else the format the `-o` file's name asks for (`gaps.csv`), else a table. A
/// `--format` the file name contradicts is refused: `-o gaps.csv --format json` would leave
/// JSON in a file every program opens as CSV.
fn format(flag: Option<Format>, destination: &Destination) -> anyhow::Result<Format> {
    let Destination::File(path) = destination else {
        return Ok(flag.unwrap_or_default());
    };
    match (flag, Format::from_file_name(path)) {
        (Some(given), Some(named)) if !given.suits_file_for(named) => anyhow::bail!(
            "--format {} contradicts -o {}, whose name asks for {}; drop --format, or name the file for {}",
            given.name(),
            path.display(),
            named.name(),
            given.name()
        ),
        (Some(given), _) => Ok(given),
        (None, named) => Ok(named.unwrap_or_default()),
    }
}

/// Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org), unless
/// asked for with `--color always`. Only the table renderer colours; the others ignore it. The
/// table width is `--width`, else the terminal's when the report goes to it, else unlimited:
/// a file written with `-o` must not depend on the terminal the command happened to run in.
fn style(args: &OutputArgs, format: Format, destination: &Destination) -> Style {
    let to_terminal = *destination == Destination::Stdout && std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    if color {
        // The user asked for colour (`--color always`, or auto on a terminal without
        // NO_COLOR): crossterm, which draws it, would still drop it when NO_COLOR is set.
        crossterm::style::force_color_output(true);
    }
    let width = args.width.or_else(|| if to_terminal { terminal_width() } else { None });
    Style { format, color, width }
}

/// The terminal's width in columns; `None` when it cannot be read or reads as 0 (a
/// pseudo-terminal nobody sized), which would squeeze every table to its narrowest.
fn terminal_width() -> Option<u16> {
    crossterm::terminal::size().ok().map(|(columns, _)| columns).filter(|&c| c > 0)
}

/// Where the report goes: `-o FILE`, or standard output without `-o` or with `-o -` (as `-`
/// means standard input for the catalog).
fn destination(args: &OutputArgs) -> Destination {
    match &args.output {
        Some(path) if path.as_os_str() != "-" => Destination::File(path.clone()),
        _ => Destination::Stdout,
    }
}

/// Loads the standards (the user's directory, or the built-in set) with the config file's
/// aliases added.
pub fn standards_for(dir: Option<&Path>, project: Option<&Project>) -> anyhow::Result<StandardsSet> {
    let mut set = standards(dir)?;
    if let Some(project) = project {
        project.config.aliases.apply(project, &mut set)?;
    }
    Ok(set)
}

/// Loads the standards: the user's directory, or the built-in set.
pub(crate) fn standards(dir: Option<&Path>) -> anyhow::Result<StandardsSet> {
    match dir {
        Some(dir) => load_dir(dir),
        None => load_builtin(),
    }
}

/// Resolves a pathway name given on the command line.
pub(crate) fn pathway(set: &StandardsSet, name: &str) -> anyhow::Result<PathwayIdx> {
    set.cluster.pathway(name).ok_or_else(|| {
        let ids: Vec<&str> = set.cluster.pathways.iter().map(|p| p.id.as_str()).collect();
        anyhow::anyhow!(
            "unknown pathway \"{name}\"{}; the pathways are {}",
            crate::suggest::did_you_mean(name, ids.iter().copied()),
            ids.join(", ")
        )
    })
}

/// The filter of `--pathway` and `--district`. Every district named must be one the catalog
/// holds: a misspelled one would otherwise audit nothing and pass.
pub(crate) fn filter(set: &StandardsSet, scope: &Scope, catalog: &Catalog) -> anyhow::Result<Filter> {
    let pathways = scope.pathways.iter().map(|p| pathway(set, p)).collect::<anyhow::Result<_>>()?;
    Ok(Filter { pathways, units: districts(catalog, &scope.districts)? })
}

/// Checks `--district` names against the catalog's districts (and schools); returns them.
pub(crate) fn districts(catalog: &Catalog, names: &[String]) -> anyhow::Result<Vec<String>> {
    let probe = |name: &String| Filter { units: vec![name.clone()], ..Filter::default() };
    let Some(unknown) = names.iter().find(|n| !catalog.units.iter().any(|u| probe(n).unit(u))) else {
        return Ok(names.to_vec());
    };
    if !catalog.has_units() {
        anyhow::bail!(
            "unknown district \"{unknown}\": {} has no district or school column, so it is one program; leave out --district",
            catalog.file
        );
    }
    let labels: Vec<String> = catalog.units.iter().map(|u| u.label()).collect();
    let names = catalog.units.iter().flat_map(|u| [u.district.as_str(), u.school.as_str()]);
    let hint = crate::suggest::did_you_mean(unknown, names.chain(labels.iter().map(String::as_str)));
    anyhow::bail!("unknown district \"{unknown}\"{hint}; {} holds {}", catalog.file, list_of(&labels))
}

/// `A, B and C`, or the first few and how many more: a statewide file has thousands.
fn list_of(items: &[String]) -> String {
    const SHOWN: usize = 10;
    match items {
        [one] => one.clone(),
        _ if items.len() > SHOWN => {
            format!("{} and {} more", items[..SHOWN].join(", "), items.len() - SHOWN)
        }
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => "no districts".to_string(),
    }
}

/// The policy flags, resolved. A code given two severities (`--allow X --deny X`) is a usage
/// error: which flag wins would be a rule nobody can see.
fn policy(args: &PolicyArgs) -> anyhow::Result<Policy> {
    let flags = [
        ("--allow", &args.allow, None),
        ("--warn", &args.warn, Some(Severity::Warning)),
        ("--deny", &args.deny, Some(Severity::Error)),
    ];
    let thresholds = thresholds(&args.min_coverage, &args.min_mastery)?;
    let mut policy = Policy { fail_on: args.fail_on.severity(), thresholds, ..Policy::default() };
    // The first flag that named each code, and every pair of flags that disagree.
    let mut first: Vec<(Code, &str)> = Vec::new();
    let mut conflicts: Vec<String> = Vec::new();
    for (flag, codes, severity) in flags {
        for &code in codes {
            match first.iter().find(|(c, _)| *c == code) {
                None => first.push((code, flag)),
                Some(&(_, earlier)) if earlier != flag => {
                    let clash = format!("{earlier} {code} and {flag} {code}");
                    if !conflicts.contains(&clash) {
                        conflicts.push(clash);
                    }
                }
                Some(_) => {}
            }
            policy.overrides.insert(code, severity);
        }
    }
    if !conflicts.is_empty() {
        anyhow::bail!(
            "conflicting flags: {}; give each code at most one of --allow, --warn and --deny",
            conflicts.join("; ")
        );
    }
    Ok(policy)
}

/// Which of a [`Limits`]' minimums a flag sets.
type LimitField = fn(&mut Limits) -> &mut Option<f64>;

/// `--min-coverage` and `--min-mastery`, each `PCT` (every pathway) or `PATHWAY=PCT`. The same
/// scope given twice is a usage error, like a code given two severities.
fn thresholds(coverage: &[Minimum], mastery: &[Minimum]) -> anyhow::Result<Thresholds> {
    let mut t = Thresholds::default();
    let flags: [(&str, &[Minimum], LimitField); 2] =
        [("--min-coverage", coverage, |l| &mut l.coverage), ("--min-mastery", mastery, |l| &mut l.mastery)];
    for (flag, given, field) in flags {
        for m in given {
            let limits = match &m.pathway {
                None => &mut t.all,
                Some(name) => {
                    let i = match t.pathways.iter().position(|(n, _)| n.eq_ignore_ascii_case(name)) {
                        Some(i) => i,
                        None => {
                            t.pathways.push((name.clone(), Limits::default()));
                            t.pathways.len() - 1
                        }
                    };
                    &mut t.pathways[i].1
                }
            };
            let slot = field(limits);
            if slot.is_some() {
                let scope =
                    m.pathway.as_ref().map_or("every pathway".to_string(), |p| format!("pathway {p}"));
                anyhow::bail!("{flag} is given twice for {scope}; give it once");
            }
            *slot = Some(m.pct);
        }
    }
    Ok(t)
}

/// Checks the pathways named by per-pathway thresholds against the standards: a misspelled one
/// would otherwise hold no pathway to anything.
pub fn check_thresholds(set: &StandardsSet, thresholds: &Thresholds) -> anyhow::Result<()> {
    thresholds.pathways.iter().try_for_each(|(name, _)| pathway(set, name).map(|_| ()))
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Format {
        match arg {
            FormatArg::Table => Format::Table,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Xlsx => Format::Xlsx,
            FormatArg::Case => Format::Case,
            FormatArg::Github => Format::Github,
        }
    }
}
