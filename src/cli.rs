//! The command line: the argument definitions (clap), turned into each command's options and
//! run ([`crate::commands`]). `main.rs` only maps the outcome to an exit code.

use crate::commands::{self, Outcome, SessionOptions};
use crate::finding::{Lang, Severity};
use crate::report::Format;
use crate::review::sample::parse_fraction;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "caselint",
    version,
    about = "Checks fire-rescue administrative-penalty case files for procedural and legal defects"
)]
pub struct Cli {
    /// Message language: zh (default) or en.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Configuration file (default: caselint.toml in the current folder or above).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Extra check folders (statutes, aliases, rules…) overlaying the shipped checks/ data;
    /// a file with the same relative path replaces the shipped one.
    #[arg(long = "checks", global = true, value_name = "DIR")]
    pub checks: Vec<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// Finding level that makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check case files and ledgers (files or folders).
    Check(CheckArgs),
    /// Show how a legal-basis text is read as citations, and whether each provision exists.
    Cite {
        /// The text, e.g. 《中华人民共和国消防法》第六十条第一款第（三）项
        text: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: CiteFormat,
        /// Look the provisions up in the law in force on this date (YYYY-MM-DD; default today).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
    },
    /// List the rules in force.
    Rules {
        /// Output format (xlsx needs -o FILE).
        #[arg(long, value_enum)]
        format: Option<RulesFormat>,
        /// Write the list to FILE (.csv, .json or .xlsx picks the format).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Explain one rule: what, why, basis, example, fix.
    Explain { code: String },
    /// Write a commented starter caselint.toml in the current folder.
    Init,
    /// Show the configuration in force and where each value came from.
    Config,
    /// The shipped check data.
    Checks {
        #[command(subcommand)]
        command: ChecksCommand,
    },
    /// Draw a reproducible sample of cases for a peer cross-check and assign reviewers.
    Sample(SampleArgs),
    /// Write one review workbook per reviewer of a draw.
    ReviewSheets(ReviewSheetsArgs),
    /// Merge the returned review workbooks into the final findings and reports.
    Merge(MergeArgs),
}

/// `caselint checks …`.
#[derive(Subcommand, Debug)]
pub enum ChecksCommand {
    /// Write the shipped check data files (with their comments) to DIR, for a brigade to copy
    /// and adapt.
    Export {
        /// The folder to write to.
        dir: PathBuf,
        /// Overwrite existing files.
        #[arg(long)]
        force: bool,
    },
}

/// `cite --format`: the forms a citation reading has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiteFormat {
    Table,
    Json,
}

/// `rules --format`: the forms the rule list has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
    Csv,
    Xlsx,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        crate::ui::t(
            "日期须写作 YYYY-MM-DD，如 2024-05-01",
            "a date is written YYYY-MM-DD, e.g. 2024-05-01",
        )
        .to_string()
    })
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to check.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format (default: from the extension of -o FILE, else table).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the output to FILE instead of standard output; its extension picks the format
    /// (.xlsx, .html, .json, .csv, .sarif, .xml for JUnit; others: table text).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Worker threads (0 = one per core).
    #[arg(short = 'j', long, default_value_t = 0)]
    pub threads: usize,
    /// Follow symbolic links while walking folders (loops are detected and reported).
    #[arg(long)]
    pub follow_symlinks: bool,
    /// Largest file read, in bytes; larger files are reported (F001), not read.
    #[arg(long, default_value_t = crate::scan::DEFAULT_MAX_FILE_BYTES)]
    pub max_file_size: u64,
    /// Largest total a workbook may unpack to, in bytes; larger ones (zip bombs) are reported
    /// (F001), not read.
    #[arg(long, default_value_t = crate::scan::DEFAULT_MAX_UNZIPPED_BYTES)]
    pub max_unzipped_size: u64,
    /// Case and file records kept in memory; past this many they go to a temporary file (in
    /// TMPDIR, deleted at exit), so memory does not grow with the number of files.
    #[arg(long, default_value_t = crate::spill::DEFAULT_LIMIT)]
    pub spill_after: usize,
    /// Exit with 1 when a finding at or above this severity remains (default: warning).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings as the accepted baseline in FILE.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Waiver file: approved exceptions with reason, approver and expiry date.
    #[arg(long, value_name = "FILE")]
    pub waivers: Option<PathBuf>,
    /// Print counts per rule, category and brigade instead of the findings (table, json, csv
    /// or xlsx).
    #[arg(long)]
    pub statistics: bool,
    /// Always exit 0 when the run itself succeeded.
    #[arg(long)]
    pub exit_zero: bool,
    /// Mask personal names and ID numbers in the output (for other brigades).
    #[arg(long)]
    pub mask: bool,
    /// Accept an input with no case files (otherwise exit 2).
    #[arg(long)]
    pub allow_empty: bool,
    /// Keep citizens' ID numbers in the HTML page and the workbook (masked by default).
    #[arg(long, conflicts_with = "mask")]
    pub no_mask: bool,
    /// Title of the HTML page and the workbook (default: the configuration's `[report]`).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct SampleArgs {
    /// Files or folders to draw from (a folder per brigade).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Reviewers file (TOML: `[[reviewer]] name = "…" brigade = "…"`; a reviewer from outside
    /// the brigades drawn from, such as the detachment's legal office, adds `outside = true`).
    #[arg(long, value_name = "FILE")]
    pub reviewers: PathBuf,
    /// The published seed of the draw.
    #[arg(long)]
    pub seed: u64,
    /// Number of cases to draw (see --per-brigade).
    #[arg(long, conflicts_with = "fraction")]
    pub count: Option<usize>,
    /// Fraction of cases to draw, 0 < F ≤ 1, rounded up (see --per-brigade).
    #[arg(long, value_parser = parse_fraction)]
    pub fraction: Option<u32>,
    /// Apply --count/--fraction to every brigade instead of to all cases together.
    #[arg(long)]
    pub per_brigade: bool,
    /// Write the assignment table to FILE (.xlsx or .csv).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct ReviewSheetsArgs {
    /// The assignment table written by `caselint sample` (.xlsx or .csv).
    #[arg(long, value_name = "FILE")]
    pub assignments: PathBuf,
    /// The exports the draw was made from (any path to them, on any computer: cases are found
    /// by the SHA-256 the draw recorded).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Folder for the workbooks (one per reviewer: DIR/<reviewer>.xlsx).
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: PathBuf,
    /// Mask personal names and ID numbers (the default: the sheets go to other brigades, and
    /// the Personal Information Protection Law asks for no more than the task needs).
    #[arg(long, hide = true)]
    pub mask: bool,
    /// Do not mask personal names and ID numbers (only for sheets that stay in the office).
    #[arg(long, conflicts_with = "mask")]
    pub no_mask: bool,
    /// Blank rows per case for findings the machine cannot see.
    #[arg(long, default_value_t = 3)]
    pub blank_rows: usize,
}

#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    /// Returned review workbooks, or folders holding them.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The draw's assignment table: checks that every reviewer's workbook is back.
    #[arg(long, value_name = "FILE")]
    pub assignments: Option<PathBuf>,
    /// Output format (default: from the extension of -o FILE, else json).
    #[arg(long, value_enum)]
    pub format: Option<MergeFormat>,
    /// Write the report to FILE (needed for xlsx); .json, .xlsx or .html picks the format.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `merge --format`: the forms of the merged report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MergeFormat {
    Json,
    Xlsx,
    Html,
}

impl Cli {
    /// The options every command shares.
    pub fn session_options(&self) -> SessionOptions {
        SessionOptions {
            lang: self.lang,
            config: self.config.clone(),
            checks: self.checks.clone(),
        }
    }
}

impl From<&CheckArgs> for commands::check::CheckOptions {
    fn from(a: &CheckArgs) -> Self {
        commands::check::CheckOptions {
            paths: a.paths.clone(),
            format: a.format,
            output: a.output.clone(),
            threads: a.threads,
            follow_symlinks: a.follow_symlinks,
            max_file_size: a.max_file_size,
            max_unzipped_size: a.max_unzipped_size,
            spill_after: a.spill_after,
            fail_on: a.fail_on.map(FailOn::severity),
            baseline: a.baseline.clone(),
            write_baseline: a.write_baseline.clone(),
            waivers: a.waivers.clone(),
            statistics: a.statistics,
            exit_zero: a.exit_zero,
            mask: a.mask,
            allow_empty: a.allow_empty,
            no_mask: a.no_mask,
            title: a.title.clone(),
        }
    }
}

impl From<&SampleArgs> for commands::sample::SampleOptions {
    fn from(a: &SampleArgs) -> Self {
        commands::sample::SampleOptions {
            paths: a.paths.clone(),
            reviewers: a.reviewers.clone(),
            seed: a.seed,
            count: a.count,
            fraction: a.fraction,
            per_brigade: a.per_brigade,
            output: a.output.clone(),
        }
    }
}

impl From<&ReviewSheetsArgs> for commands::review_sheets::ReviewSheetsOptions {
    fn from(a: &ReviewSheetsArgs) -> Self {
        commands::review_sheets::ReviewSheetsOptions {
            assignments: a.assignments.clone(),
            paths: a.paths.clone(),
            output: a.output.clone(),
            no_mask: a.no_mask,
            blank_rows: a.blank_rows,
        }
    }
}

impl From<&MergeArgs> for commands::merge::MergeOptions {
    fn from(a: &MergeArgs) -> Self {
        use crate::review::merge::MergeFormat as F;
        commands::merge::MergeOptions {
            inputs: a.inputs.clone(),
            assignments: a.assignments.clone(),
            format: a.format.map(|f| match f {
                MergeFormat::Json => F::Json,
                MergeFormat::Xlsx => F::Xlsx,
                MergeFormat::Html => F::Html,
            }),
            output: a.output.clone(),
        }
    }
}

impl From<CiteFormat> for commands::cite::CiteFormat {
    fn from(f: CiteFormat) -> Self {
        match f {
            CiteFormat::Table => commands::cite::CiteFormat::Table,
            CiteFormat::Json => commands::cite::CiteFormat::Json,
        }
    }
}

impl From<RulesFormat> for commands::rules::RulesFormat {
    fn from(f: RulesFormat) -> Self {
        use commands::rules::RulesFormat as R;
        match f {
            RulesFormat::Table => R::Table,
            RulesFormat::Json => R::Json,
            RulesFormat::Csv => R::Csv,
            RulesFormat::Xlsx => R::Xlsx,
        }
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let opts = cli.session_options();
    match &cli.command {
        Command::Check(args) => commands::check::run(&opts, &args.into(), &|lang| {
            Box::new(crate::progress::Bar::for_stderr(lang))
        }),
        Command::Cite { text, format, date } => {
            commands::cite::command(&opts, text, (*format).into(), *date)
        }
        Command::Rules { format, output } => {
            commands::rules::list(&opts, format.map(Into::into), output.as_deref())
        }
        Command::Explain { code } => commands::rules::explain_code(&opts, code),
        Command::Init => commands::config::init(),
        Command::Config => commands::config::show(&opts),
        Command::Checks {
            command: ChecksCommand::Export { dir, force },
        } => commands::checks::export(dir, *force),
        Command::Sample(args) => commands::sample::run(&opts, &args.into()),
        Command::ReviewSheets(args) => commands::review_sheets::run(&opts, &args.into()),
        Command::Merge(args) => commands::merge::run(&opts, &args.into()),
    }
}
