//! The command line, as clap derive definitions. The doc comments are the help text.

use std::path::PathBuf;

use std::io::Write;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::audit::{Code, Severity};
use crate::load::{ColumnOverride, Delimiter};

const EXIT_CODES: &str = "\
Exit codes:
  0  ran, and the result met the policy
  1  ran, and the policy failed (gaps at or above --fail-on, coverage or mastery under
     --min-coverage or --min-mastery); the last lines say which
  2  could not do the job: bad usage, unreadable or invalid input, nothing to audit (no course names
     a pathway), an output that could not be written";

/// Check that career and technical education courses cover the standards they are meant to
/// teach: reads a district course catalog (CSV), maps each course to pathway competencies and
/// foundation standards (YAML; a Health Science set is built in), and reports coverage and gaps.
#[derive(Debug, Parser)]
#[command(name = "cte-align", version, after_help = EXIT_CODES, max_term_width = 100)]
pub struct Cli {
    /// Load the standards set in DIR (a cluster.yaml and framework files) instead of the
    /// built-in Health Science set.
    #[arg(long, value_name = "DIR", global = true)]
    pub standards: Option<PathBuf>,
    /// Also tell standard error how the catalog was read: the header's line, which header
    /// became which column, which were ignored (`validate` always shows this).
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
    /// Read settings from FILE instead of the first cte-align.toml in the current directory
    /// or a parent. A flag given on the command line wins over the file.
    #[arg(long, value_name = "FILE", global = true, conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Read no cte-align.toml.
    #[arg(long, global = true)]
    pub no_config: bool,
    /// Whether `--format` was given (not its default), so a config file's format can apply.
    #[arg(skip)]
    pub format_given: bool,
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parses the command line, noting which defaults the user overrode (clap's derive
    /// forgets where a value came from).
    pub fn parse_args() -> Cli {
        use clap::{CommandFactory, FromArgMatches};
        let matches = Cli::command().get_matches();
        let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
        if let Some((_, sub)) = matches.subcommand() {
            cli.format_given = sub.ids().any(|id| id.as_str() == "format")
                && sub.value_source("format") == Some(clap::parser::ValueSource::CommandLine);
        }
        cli
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The main job: every gap, per district and pathway, most severe first.
    Gaps(GapsArgs),
    /// One row per district and pathway: courses, coverage %, mastery %, credentials, findings.
    Coverage(CoverageArgs),
    /// One pathway's courses (in sequence) against its required standards, with depths.
    Matrix(MatrixArgs),
    /// Every course that teaches a standard or any standard under it.
    Where(WhereArgs),
    /// One course: its alignments and the findings that involve it.
    Course(CourseArgs),
    /// What a product's modules would fill: coverage and mastery before and after, each gap
    /// closed (by which modules), each left, each added, and the gaps each module closes.
    ///
    /// Each module joins every district in the pathways it names that the district offers
    /// (`*`: every pathway the district offers); it never makes a district offer a pathway it
    /// does not. With several --with, one column per product and one for all of them together.
    /// Exit 0 when the catalog with every product meets the policy, 1 when it does not.
    Fill(FillArgs),
    /// What changed between two versions of a catalog: courses, gaps opened and closed,
    /// coverage and mastery per district and pathway, old -> new.
    ///
    /// Both are audited with the same standards and policy. Either may be - (standard input)
    /// or a pipe, read once: `cte-align diff <(git show HEAD~1:catalog.csv) catalog.csv`.
    /// Without --fail-on-regression, exit 0 whenever both audits ran.
    Diff(DiffArgs),
    /// Everything to hand out, in one file: summary, heat maps and findings with their fixes.
    ///
    /// Made for `-o audit.html` (one self-contained page, for a board or a committee) and
    /// `-o audit.xlsx` (a workbook: Summary, Gaps, one Matrix sheet per pathway, Standards).
    Report(ReportArgs),
    /// Check a catalog and its alignment files; list every problem with file:line:column.
    Validate(ValidateArgs),
    /// Browse the loaded standards: frameworks, pathways, credentials, or one standard's tree.
    Standards(StandardsArgs),
    /// Write a copy of the built-in standards and a template catalog into DIR.
    ///
    /// DIR/standards gets the cluster and framework files, DIR/catalog.csv a catalog to edit.
    /// With --standards X, the set in X is copied instead (after it loads without errors: its
    /// cluster.yaml and *.yaml / *.yml files, nothing else), and the catalog has one example
    /// course a pathway, using X's standards. Nothing is written outside DIR: a DIR/standards
    /// that is a link to somewhere else is refused. Existing files are left alone unless
    /// --force; files are created with ordinary permissions (0644 under a usual umask).
    Init(InitArgs),
    /// Print a shell completion script: `cte-align completions bash > /etc/bash_completion.d/cte-align`.
    Completions(CompletionsArgs),
    /// Print the man page (roff): `cte-align man > ~/.local/share/man/man1/cte-align.1`; with a
    /// subcommand, its own page (`cte-align man gaps > .../cte-align-gaps.1`).
    Man(ManArgs),
    /// Convert a 1EdTech CASE package (JSON) into our YAML: DIR/cluster.yaml and a framework file.
    ///
    /// The result is a standards set of its own (`--standards DIR`), to edit and keep in git.
    /// Coverage is counted at --depth, or at the level of --item-type's items; by default at the
    /// level with the most coded items (said on standard error).
    ImportCase(ImportCaseArgs),
}

/// The catalog and how to read it.
#[derive(Debug, Args, Clone)]
pub struct CatalogArgs {
    /// The course catalog CSV, or - for standard input.
    #[arg(value_name = "CATALOG")]
    pub catalog: String,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// How to read catalog and alignment files.
#[derive(Debug, Args, Clone)]
pub struct ReadArgs {
    /// A long-format alignment file (course_id, standard, depth, evidence) to merge; repeatable.
    #[arg(long, value_name = "FILE")]
    pub alignments: Vec<String>,
    /// The catalog's field separator: auto (detected from the header), comma, semicolon, tab or
    /// pipe. Alignment files' separators are always detected.
    #[arg(long, value_name = "SEP", default_value = "auto")]
    pub delimiter: Delimiter,
    /// Name the header that holds a column, like course_id="Crs No"; repeatable. Applies to an
    /// alignment file only where it has that header.
    #[arg(long = "column", value_name = "COLUMN=HEADER")]
    pub columns: Vec<ColumnOverride>,
    /// The line the catalog's header row is on, when rows above it (a report title, a date)
    /// are not found by themselves. Default: the first row, or the first that holds the
    /// required columns when the rows above it hold none.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub header_row: Option<u64>,
    /// How many problems of each kind (same file, same message but for the values it quotes)
    /// to show; the others are counted.
    #[arg(long, value_name = "N", default_value_t = crate::diagnostic::MAX_PER_KIND)]
    pub max_errors: usize,
}

/// Which part of the catalog to report on.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Only these pathways (ID, title or alias); repeatable.
    #[arg(long, value_name = "PATHWAY")]
    pub pathway: Vec<String>,
    #[command(flatten)]
    pub districts: DistrictArgs,
}

/// Which districts to report on.
#[derive(Debug, Args, Clone, Default)]
pub struct DistrictArgs {
    /// Only these districts (or "District / School"); repeatable. Each must be in the catalog.
    #[arg(long, value_name = "NAME")]
    pub district: Vec<String>,
}

/// What to do with invalid input.
#[derive(Debug, Args, Clone, Copy, Default)]
pub struct LenientArgs {
    /// Leave out unknown standards, pathways and credentials and bad rows instead of exiting 2,
    /// and audit the rest: `gaps` and `coverage` report each as an invalid-input finding, the
    /// other commands list them on standard error.
    #[arg(long)]
    pub lenient: bool,
}

/// How and where to write the report.
#[derive(Debug, Args, Clone)]
pub struct OutputArgs {
    /// Output format [default: from the -o file's extension (.html, .xlsx, .csv, .json, .md),
    /// else table]. Giving one that the -o file's extension contradicts is an error; xlsx is
    /// refused on a terminal.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Write the report to FILE (whole or not at all) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// When to colour tables: auto colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Table width in columns (default: the terminal's when writing to one; else unlimited). Long
    /// text wraps at spaces and IDs stay whole; a table still too wide is split into several,
    /// each repeating the columns that name its rows (a matrix's standard).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
    /// With -o, do not say on standard error what was written and whether the policy is met.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// When the run fails.
#[derive(Debug, Args, Clone)]
pub struct PolicyArgs {
    /// Drop findings with this code; repeatable. A code takes at most one of --allow, --warn
    /// and --deny.
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<Code>,
    /// Report this code as a warning; repeatable.
    #[arg(long, value_name = "CODE")]
    pub warn: Vec<Code>,
    /// Report this code as an error; repeatable.
    #[arg(long, value_name = "CODE")]
    pub deny: Vec<Code>,
    /// Exit 1 when any finding is at or above this severity.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Exit 1 when any audited pathway's coverage is below PCT percent; PATHWAY=PCT for one
    /// pathway (its own replaces the one for all); repeatable.
    #[arg(long, value_name = "[PATHWAY=]PCT", value_parser = parse_minimum)]
    pub min_coverage: Vec<Minimum>,
    /// Exit 1 when any audited pathway's mastery (required standards taught to the mastery
    /// depth) is below PCT percent, or cannot be judged; PATHWAY=PCT for one pathway;
    /// repeatable.
    #[arg(long, value_name = "[PATHWAY=]PCT", value_parser = parse_minimum)]
    pub min_mastery: Vec<Minimum>,
    #[command(flatten)]
    pub lenient: LenientArgs,
}

/// Which findings to list. These narrow what is shown, not what is judged: the policy's
/// verdict and the exit code are those of the whole audit.
#[derive(Debug, Args, Clone, Default)]
pub struct ShowArgs {
    /// Show only findings with this code; repeatable. Does not change the exit code.
    #[arg(long, value_name = "CODE")]
    pub code: Vec<Code>,
    /// Show only findings at or above this severity. Does not change the exit code.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub severity: Option<AtLeast>,
    /// Show only the first N findings (most severe first). Does not change the exit code.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
}

/// A `--severity`: the lowest shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AtLeast {
    Error,
    Warning,
    Info,
}

impl AtLeast {
    pub fn severity(self) -> Severity {
        match self {
            AtLeast::Error => Severity::Error,
            AtLeast::Warning => Severity::Warning,
            AtLeast::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn severity(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// A `--min-coverage` or `--min-mastery` value: a percentage, for one pathway or for all.
#[derive(Debug, Clone, PartialEq)]
pub struct Minimum {
    pub pathway: Option<String>,
    pub pct: f64,
}

fn parse_minimum(s: &str) -> Result<Minimum, String> {
    match s.split_once('=') {
        Some((pathway, pct)) if !pathway.trim().is_empty() => {
            Ok(Minimum { pathway: Some(pathway.trim().to_string()), pct: parse_pct(pct.trim())? })
        }
        Some(_) => Err(format!("\"{s}\" names no pathway before =; give PCT or PATHWAY=PCT, like DS=95")),
        None => Ok(Minimum { pathway: None, pct: parse_pct(s)? }),
    }
}

fn parse_pct(s: &str) -> Result<f64, String> {
    let v: f64 = s.trim_end_matches('%').parse().map_err(|_| format!("\"{s}\" is not a percentage"))?;
    if (0.0..=100.0).contains(&v) { Ok(v) } else { Err(format!("{v} is not between 0 and 100")) }
}

#[derive(Debug, Args)]
pub struct GapsArgs {
    /// Print what a finding code means and how to fix it (`all` lists every code), then exit.
    #[arg(long, value_name = "CODE")]
    pub explain: Option<String>,
    /// The course catalog CSV, or - for standard input.
    #[arg(value_name = "CATALOG", required_unless_present = "explain")]
    pub catalog: Option<String>,
    /// What to fix first: per district and pathway, the program's findings, then the uncovered
    /// and shallow standards grouped under their parent, then the rest counted by code. The
    /// default on a terminal when the list is long; never for a file or a pipe.
    #[arg(long, conflicts_with = "all")]
    pub summary: bool,
    /// List every finding, even on a terminal when the list is long.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub show: ShowArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct CoverageArgs {
    #[command(flatten)]
    pub catalog: CatalogArgs,
    /// One row per required standard: covered, depth, and the courses.
    #[arg(long)]
    pub detail: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub catalog: CatalogArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub show: ShowArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct MatrixArgs {
    #[command(flatten)]
    pub catalog: CatalogArgs,
    /// The pathway to show (ID, title or alias).
    #[arg(long, value_name = "PATHWAY", required = true)]
    pub pathway: String,
    #[command(flatten)]
    pub districts: DistrictArgs,
    #[command(flatten)]
    pub lenient: LenientArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct WhereArgs {
    #[command(flatten)]
    pub catalog: CatalogArgs,
    /// The standard to look for, like FS-7.1 (case and separator do not matter).
    #[arg(value_name = "STANDARD")]
    pub standard: String,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub lenient: LenientArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct CourseArgs {
    #[command(flatten)]
    pub catalog: CatalogArgs,
    /// The course ID, like HS210.
    #[arg(value_name = "COURSE_ID")]
    pub course: String,
    #[command(flatten)]
    pub districts: DistrictArgs,
    /// Show only the findings of these pathways (ID, title or alias); repeatable.
    #[arg(long, value_name = "PATHWAY")]
    pub pathway: Vec<String>,
    #[command(flatten)]
    pub show: ShowArgs,
    #[command(flatten)]
    pub lenient: LenientArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct FillArgs {
    #[command(flatten)]
    pub catalog: CatalogArgs,
    /// A product's modules, in the catalog format (like examples/vendor/modules.csv);
    /// repeatable, to compare products. Its separator is detected and its headers are read as a
    /// catalog's (--delimiter and --column apply to CATALOG only).
    #[arg(long = "with", value_name = "PRODUCT", required = true)]
    pub with: Vec<String>,
    /// An alignment file for the product's modules; repeatable. Only with a single --with.
    #[arg(long, value_name = "FILE")]
    pub with_alignments: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The catalog before (a file, - for standard input, or a pipe such as <(git show ...)).
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The catalog after.
    #[arg(value_name = "NEW")]
    pub new: String,
    /// An alignment file for OLD; repeatable.
    #[arg(long, value_name = "FILE")]
    pub old_alignments: Vec<String>,
    /// An alignment file for NEW; repeatable.
    #[arg(long, value_name = "FILE")]
    pub new_alignments: Vec<String>,
    /// Both catalogs' field separator (see `gaps --help`).
    #[arg(long, value_name = "SEP", default_value = "auto")]
    pub delimiter: Delimiter,
    /// Name the header that holds a column, like course_id="Crs No"; repeatable.
    #[arg(long = "column", value_name = "COLUMN=HEADER")]
    pub columns: Vec<ColumnOverride>,
    /// How many problems of each kind to show (see `gaps --help`).
    #[arg(long, value_name = "N", default_value_t = crate::diagnostic::MAX_PER_KIND)]
    pub max_errors: usize,
    /// Exit 1 when any pathway's coverage or mastery drops, or a finding at or above
    /// --fail-on opens.
    #[arg(long)]
    pub fail_on_regression: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub policy: PolicyArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub catalog: CatalogArgs,
    /// Treat warnings as failures (exit 1).
    #[arg(long)]
    pub strict: bool,
    /// Output format: table (the `file:line:column: level: message` list), json, or github
    /// (workflow commands that annotate the lines in a GitHub Actions run).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
}

#[derive(Debug, Args)]
pub struct StandardsArgs {
    /// A framework prefix (FS) to list its tree, or a standard ID (FS-7.1) to show it with its
    /// ancestors and children. Nothing: the frameworks, pathways and credentials.
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The directory to write into (created if missing).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

/// Writes the completion script for `shell`, generated from these definitions (so it never
/// lags behind a new flag).
pub fn write_completions(shell: Shell, out: &mut dyn Write) {
    use clap_complete::Shell as S;
    let shell = match shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Powershell => S::PowerShell,
    };
    clap_complete::generate(shell, &mut Cli::command(), "cte-align", out);
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A subcommand, for its own page (`cte-align-gaps(1)`) instead of the main one.
    #[arg(value_name = "SUBCOMMAND")]
    pub subcommand: Option<String>,
}

/// Writes a man page (roff), generated from these definitions: the main page (the command,
/// its global options, every subcommand with its one-line description, the exit codes), or a
/// subcommand's page, which the main page refers to as `cte-align-NAME(1)`.
pub fn write_man(subcommand: Option<&str>, out: &mut dyn Write) -> anyhow::Result<()> {
    let mut cmd = Cli::command();
    cmd.build();
    let page = match subcommand {
        None => cmd,
        Some(name) => {
            let names: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_string()).collect();
            let Some(sub) = cmd.find_subcommand(name) else {
                anyhow::bail!(
                    "no subcommand \"{name}\"{}; the subcommands are {}",
                    crate::suggest::did_you_mean(name, names.iter().map(String::as_str)),
                    names.join(", ")
                );
            };
            // Built, a subcommand is named `cte-align-gaps` and used as `cte-align gaps`.
            sub.clone().version(env!("CARGO_PKG_VERSION"))
        }
    };
    clap_mangen::Man::new(page).render(out)?;
    Ok(())
}

#[derive(Debug, Args)]
pub struct ImportCaseArgs {
    /// The CASE package (a CFPackage JSON file).
    #[arg(value_name = "PACKAGE")]
    pub package: PathBuf,
    /// The directory to write into (created if missing).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Count coverage at this tree level (1 = the items right under the document).
    #[arg(long, value_name = "N", conflicts_with = "item_type")]
    pub depth: Option<u8>,
    /// Count coverage at the level of the items of this CFItemType ("Performance Expectation").
    #[arg(long, value_name = "TYPE")]
    pub item_type: Option<String>,
    /// A pathway the framework applies to (repeatable); default: one, named by the prefix.
    #[arg(long = "pathway", value_name = "ID")]
    pub pathways: Vec<String>,
    /// The framework's prefix; default: the acronym of the document's title.
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
}

/// The `--format` values, as clap parses them; settings turns one into a `report::Format`, so no
/// clap type reaches the renderers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Csv,
    Json,
    Markdown,
    /// One self-contained page (no network resources), for people to read and print.
    Html,
    /// An Excel workbook; a binary file, so only with `-o FILE.xlsx` or to a pipe.
    Xlsx,
    /// A 1EdTech CASE 1.1 package of the loaded standards: `cte-align standards` only.
    Case,
    /// GitHub Actions workflow commands, one annotation per problem: `validate` and `gaps` only.
    Github,
}
