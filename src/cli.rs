//! The command line: argument definitions and the commands they run. `main.rs` only maps the
//! outcome to an exit code.

use crate::finding::{Lang, Severity};
use crate::knowledge::{DataFiles, Knowledge};
use crate::report::{Format, Run};
use crate::rules::{self, Info};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "caselint",
    version,
    about = "检查消防行政处罚案卷的程序和法律适用问题 / Checks fire administrative-penalty case files"
)]
pub struct Cli {
    /// Message language: zh (default) or en.
    #[arg(long, global = true, value_enum, default_value = "zh")]
    pub lang: Lang,
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
    /// Show how a legal-basis text is read as citations.
    Cite {
        /// The text, e.g. 《中华人民共和国消防法》第六十条第一款第（三）项
        text: String,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// List the rules in force.
    Rules {
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Explain one rule: what, why, basis, example, fix.
    Explain { code: String },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to check.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Write the output to FILE instead of standard output.
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
    /// Exit with 1 when a finding at or above this severity remains.
    #[arg(long, value_enum, default_value = "warning")]
    pub fail_on: FailOn,
    /// Always exit 0 when the run itself succeeded.
    #[arg(long)]
    pub exit_zero: bool,
}

/// How a command ended, for the exit code.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing at or above the fail level.
    Clean,
    /// Findings at or above the fail level.
    Findings,
}

/// Loads the knowledge: shipped data overlaid by `--checks` folders. Every error is listed.
pub fn load_knowledge(cli: &Cli) -> anyhow::Result<Knowledge> {
    let mut files = DataFiles::shipped();
    let mut errors = Vec::new();
    for dir in &cli.checks {
        if let Err(e) = files.overlay(dir) {
            errors.push(e);
        }
    }
    match Knowledge::load(&files) {
        Ok(k) if errors.is_empty() => Ok(k),
        Ok(_) => Err(data_errors(errors)),
        Err(mut e) => {
            errors.append(&mut e);
            Err(data_errors(errors))
        }
    }
}

fn data_errors(errors: Vec<crate::data::DataError>) -> anyhow::Error {
    let list: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
    anyhow::anyhow!(
        "检查数据有 {} 处错误 / {} error(s) in check data:\n{}",
        errors.len(),
        errors.len(),
        list.join("\n")
    )
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match &cli.command {
        Command::Check(args) => check(&cli, args),
        Command::Cite { .. } => anyhow::bail!("pending"),
        Command::Rules { format } => {
            let kb = load_knowledge(&cli)?;
            let infos = all_infos(&kb);
            rules_list(&infos, *format, cli.lang)?;
            Ok(Outcome::Clean)
        }
        Command::Explain { code } => {
            let kb = load_knowledge(&cli)?;
            let infos = all_infos(&kb);
            let code = code.trim().to_ascii_uppercase();
            let info = infos
                .iter()
                .find(|i| i.code == code)
                .ok_or_else(|| anyhow::anyhow!("未知规则 / unknown rule: {code}"))?;
            print!("{}", explain(info, cli.lang));
            Ok(Outcome::Clean)
        }
    }
}

/// Every rule in force, sorted by code.
pub fn all_infos(_kb: &Knowledge) -> Vec<&'static Info> {
    rules::builtin_infos()
}

fn check(cli: &Cli, args: &CheckArgs) -> anyhow::Result<Outcome> {
    let started = std::time::Instant::now();
    let kb = load_knowledge(cli)?;
    let checks = rules::builtin_checks();
    let opts = crate::scan::Options {
        threads: args.threads,
        follow_symlinks: args.follow_symlinks,
        max_file_bytes: args.max_file_size,
        lang: cli.lang,
    };
    let result = crate::scan::scan(&args.paths, &kb, &checks, &opts);
    let infos = all_infos(&kb);
    let index = rules::index(&infos);
    let run = Run {
        result: &result,
        lang: cli.lang,
        rules: &index,
        elapsed: (args.format == Format::Table).then(|| started.elapsed()),
    };
    let mut buf: Vec<u8> = Vec::new();
    args.format.reporter().write(&run, &mut buf)?;
    match &args.output {
        Some(path) => std::fs::write(path, &buf)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?,
        None => std::io::stdout().lock().write_all(&buf)?,
    }
    let fail = args.fail_on.severity();
    let failing = result
        .findings
        .iter()
        .any(|f| f.waived.is_none() && f.severity >= fail);
    Ok(if failing && !args.exit_zero {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn rules_list(infos: &[&'static Info], format: Format, lang: Lang) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            let v: Vec<serde_json::Value> = infos
                .iter()
                .map(|i| {
                    serde_json::json!({
                        "code": i.code, "name": i.name, "severity": i.severity.as_str(),
                        "category": i.category.as_str(), "title": i.title.get(lang),
                        "source": i.source,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        Format::Table | Format::Xlsx | Format::Html => {
            let mut t = comfy_table::Table::new();
            t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
            t.set_header(match lang {
                Lang::Zh => vec!["代码", "名称", "级别", "类别", "标题", "来源"],
                Lang::En => vec!["code", "name", "severity", "category", "title", "source"],
            });
            for i in infos {
                t.add_row(vec![
                    i.code,
                    i.name,
                    i.severity.label(lang),
                    i.category.label(lang),
                    i.title.get(lang),
                    i.source,
                ]);
            }
            writeln!(out, "{t}")?;
        }
    }
    Ok(())
}

/// The text `caselint explain CODE` prints.
pub fn explain(i: &Info, lang: Lang) -> String {
    let h = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut s = format!(
        "{} {} — {}\n{}: {}    {}: {}    {}: {}\n\n",
        i.code,
        i.name,
        i.title.get(lang),
        h("级别", "severity"),
        i.severity.label(lang),
        h("类别", "category"),
        i.category.label(lang),
        h("来源", "source"),
        i.source
    );
    for (zh, en, t) in [
        ("检查内容", "What it checks", i.what),
        ("为什么重要", "Why it matters", i.why),
        ("法律依据", "Legal basis", i.basis),
        ("示例", "Example", i.example),
        ("如何整改", "How to fix", i.fix),
    ] {
        s += &format!("{}\n  {}\n\n", h(zh, en), t.get(lang));
    }
    if !i.settings.is_empty() {
        s += &format!("{}\n", h("使用的设置", "Settings used"));
        for name in i.settings {
            s += &format!("  {name}\n");
        }
    }
    s
}
