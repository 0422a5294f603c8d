//! The command line: argument definitions and the commands they run. `main.rs` only maps the
//! outcome to an exit code.

use crate::baseline::Baseline;
use crate::config::{Config, Origin};
use crate::finding::{Lang, Severity};
use crate::knowledge::{DataFiles, Knowledge};
use crate::report::{Format, Run};
use crate::rules::{self, Info};
use crate::waivers::Waivers;
use clap::{Parser, Subcommand, ValueEnum};
use std::collections::BTreeSet;
use std::io::Write;
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
    Sample(crate::review::sample::SampleArgs),
    /// Write one review workbook per reviewer of a draw.
    ReviewSheets(crate::review::sheets::ReviewSheetsArgs),
    /// Merge the returned review workbooks into the final findings and reports.
    Merge(crate::review::merge::MergeArgs),
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

/// How a command ended, for the exit code.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing at or above the fail level.
    Clean,
    /// Findings at or above the fail level.
    Findings,
    /// caselint failed (panicked) on at least one file: an E000 finding, exit code 3.
    InternalError,
}

/// The run's settings: the configuration file merged with the command line.
pub struct Session {
    pub config: Config,
    pub lang: Lang,
    pub kb: Knowledge,
    /// SHA-256 over the data files in force and the configuration text.
    pub rules_hash: String,
}

/// Reads the configuration (from `--config` or found upward from the current folder).
pub fn load_config(cli: &Cli) -> anyhow::Result<Config> {
    let path = match &cli.config {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|d| crate::config::discover(&d)),
    };
    let Some(path) = path else {
        return Ok(Config::default());
    };
    let text = read_text(&path)?;
    // Rule codes are checked in `session`, once the rule files the configuration names are in.
    Config::parse(&path, &text, None).map_err(data_errors)
}

/// Reads a text file the user named; the error says which file and why, in the command line's
/// language.
pub fn read_text(path: &std::path::Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).map_err(|e| {
        anyhow::anyhow!(
            "{}{}: {}",
            crate::ui::t("无法读取 ", "cannot read "),
            path.display(),
            io_reason(&e)
        )
    })
}

/// An I/O error's reason in the command line's language.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let zh = match e.kind() {
        NotFound => "文件或文件夹不存在",
        PermissionDenied => "没有权限",
        AlreadyExists => "已存在",
        InvalidData => "不是 UTF-8 文本",
        IsADirectory => "这是文件夹，不是文件",
        StorageFull => "磁盘已满",
        _ => "",
    };
    match crate::ui::lang() {
        Lang::Zh if !zh.is_empty() => zh.to_string(),
        Lang::Zh => format!("系统错误（{e}）"),
        Lang::En => e.to_string(),
    }
}

/// Checks the configuration's rule codes against every rule in force (built-in and declared).
fn validate_codes(config: &Config, kb: &Knowledge) -> anyhow::Result<()> {
    let Some(path) = &config.path else {
        return Ok(());
    };
    let text = read_text(path)?;
    let infos = all_infos(kb);
    let known: BTreeSet<&str> = infos.iter().map(|i| i.code).collect();
    Config::parse(path, &text, Some(&known))
        .map(drop)
        .map_err(data_errors)
}

/// Loads configuration and knowledge: shipped data overlaid by the configured and `--checks`
/// folders. Every error is listed.
pub fn session(cli: &Cli) -> anyhow::Result<Session> {
    let config = load_config(cli)?;
    if cli.lang.is_none() {
        if let Some(l) = &config.lang {
            crate::ui::set(l.value);
        }
    }
    let lang = cli
        .lang
        .or(config.lang.as_ref().map(|l| l.value))
        .unwrap_or_default();
    let files = data_files(cli, &config)?;
    let mut kb = Knowledge::load(&files).map_err(data_errors)?;
    validate_codes(&config, &kb)?;
    let mut errors = Vec::new();
    let names: Vec<String> = kb.settings.iter().map(|s| s.name.clone()).collect();
    for (name, v) in &config.settings {
        let (file, line) = match &v.origin {
            Origin::File { path, line } => (path.clone(), *line),
            _ => (String::new(), 0),
        };
        let message = if kb.settings.get(name).is_none() {
            Some(unknown_setting(name, &names))
        } else {
            kb.settings
                .configure(name, &v.value, &v.origin.describe(lang))
                .err()
                .map(|e| match crate::ui::lang() {
                    Lang::Zh => format!("设置“{name}”的值不合要求：{}", setting_reason_zh(&e)),
                    Lang::En => format!("setting `{name}`: {e}"),
                })
        };
        if let Some(message) = message {
            errors.push(crate::data::DataError {
                file,
                line,
                col: 1,
                message,
            });
        }
    }
    if !errors.is_empty() {
        return Err(data_errors(errors));
    }
    let mut material = Vec::new();
    for (path, text) in files.iter() {
        material.extend_from_slice(path.as_bytes());
        material.push(0);
        material.extend_from_slice(text.as_bytes());
        material.push(0);
    }
    if let Some(path) = &config.path {
        material.extend_from_slice(&std::fs::read(path).unwrap_or_default());
    }
    let rules_hash = crate::scan::sha256_hex(&material);
    Ok(Session {
        config,
        lang,
        kb,
        rules_hash,
    })
}

/// The data files in force: shipped, overlaid by the configured and `--checks` folders.
fn data_files(cli: &Cli, config: &Config) -> anyhow::Result<DataFiles> {
    let mut files = DataFiles::shipped();
    let mut errors = Vec::new();
    for dir in check_dirs(cli, config) {
        if let Err(e) = files.overlay(&dir.0) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(data_errors(errors))
    }
}

/// The check folders in force with their origin: the configuration's, then `--checks`.
fn check_dirs(cli: &Cli, config: &Config) -> Vec<(PathBuf, Origin)> {
    config
        .checks
        .iter()
        .map(|c| (c.value.clone(), c.origin.clone()))
        .chain(cli.checks.iter().map(|c| (c.clone(), Origin::CommandLine)))
        .collect()
}

/// An unknown setting name: the nearest names, then every valid one.
fn unknown_setting(name: &str, names: &[String]) -> String {
    let near = did_you_mean(name, names.iter().map(String::as_str));
    let all = names.join(", ");
    match crate::ui::lang() {
        Lang::Zh => {
            let mut m = format!("没有名为“{name}”的设置");
            if let Some(n) = near {
                m += &format!("，是否想写“{n}”？");
            } else {
                m += "。";
            }
            m + &format!("可用的设置：{all}")
        }
        Lang::En => {
            let mut m = format!("there is no setting `{name}`");
            if let Some(n) = near {
                m += &format!("; did you mean `{n}`?");
            }
            m + &format!(" Valid settings: {all}")
        }
    }
}

/// The candidate closest to `word` (edit distance at most a third of its length), if any.
pub fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    fn distance(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, cb) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(ca != cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// A setting value's problem (the library's English reason) in Chinese.
fn setting_reason_zh(e: &str) -> String {
    let known = [
        ("expected a date", "须为日期，如 2021-07-15"),
        ("expected a whole number of yuan", "须为整数元"),
        ("an amount cannot be negative", "金额不能为负数"),
        (
            "expected a list of strings",
            "须为文字列表，如 [\"a\", \"b\"]",
        ),
        ("expected a period", "须为期限，如 5wd、90d、6m、2y"),
        ("expected true or false", "须为 true 或 false"),
    ];
    known
        .iter()
        .find(|(en, _)| e.starts_with(en))
        .map(|(_, zh)| zh.to_string())
        .unwrap_or_else(|| format!("类型不符（{e}）"))
}

/// The errors of configuration or data files, one a line, in the command line's language.
pub fn data_errors(errors: Vec<crate::data::DataError>) -> anyhow::Error {
    let list: Vec<String> = errors
        .iter()
        .map(|e| {
            let mut e = e.clone();
            if crate::ui::lang() == Lang::Zh {
                e.message = explain_library_message(&e.message);
            }
            format!("  {e}")
        })
        .collect();
    anyhow::anyhow!(
        "{}\n{}",
        match crate::ui::lang() {
            Lang::Zh => format!("配置或检查数据有 {} 处错误：", errors.len()),
            Lang::En => format!("{} error(s) in configuration or check data:", errors.len()),
        },
        list.join("\n")
    )
}

/// A TOML/serde message (English, from the library) with a Chinese explanation in front; a
/// message already in Chinese is kept.
pub fn explain_library_message(m: &str) -> String {
    if m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && !m.is_ascii() {
        // Ours, already Chinese (a quoted Chinese name inside an English message is rare).
        if !m.starts_with("unknown") && !m.starts_with("missing") && !m.starts_with("invalid") {
            return m.to_string();
        }
    }
    let names = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let n = names(rest);
        if let Some((first, valid)) = n.split_first() {
            return format!(
                "不认识的键“{first}”，可用的键：{}（原文：{m}）",
                valid.join("、")
            );
        }
    }
    if let Some(rest) = m.strip_prefix("missing field ") {
        if let Some(first) = names(rest).first() {
            return format!("缺少键“{first}”（原文：{m}）");
        }
    }
    if m.starts_with("invalid type") {
        return format!("值的类型不对（原文：{m}）");
    }
    if m.starts_with("duplicate key") {
        return format!("键重复（原文：{m}）");
    }
    if m.starts_with("invalid") || m.starts_with("expected") || m.starts_with("unclosed") {
        return format!("TOML 格式错误（原文：{m}）");
    }
    if m.is_ascii() {
        return format!("文件内容有误（原文：{m}）");
    }
    m.to_string()
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match &cli.command {
        Command::Check(args) => check(&cli, args),
        Command::Cite { text, format, date } => {
            let s = session(&cli)?;
            let date = date.unwrap_or_else(today);
            crate::law::cite::run(text, &s.kb, *format, date, s.lang)
        }
        Command::Rules { format, output } => {
            let s = session(&cli)?;
            let infos = all_infos(&s.kb);
            rules_list(&infos, *format, output.as_deref(), s.lang)?;
            Ok(Outcome::Clean)
        }
        Command::Explain { code } => {
            let s = session(&cli)?;
            let infos = all_infos(&s.kb);
            let code = code.trim().to_ascii_uppercase();
            let info = infos.iter().find(|i| i.code == code).ok_or_else(|| {
                let near = did_you_mean(&code, infos.iter().map(|i| i.code));
                anyhow::anyhow!(
                    "{}{code}{}",
                    crate::ui::t("没有这条规则：", "unknown rule: "),
                    near.map(|n| match crate::ui::lang() {
                        Lang::Zh => format!("（是否想查 {n}？）"),
                        Lang::En => format!(" (did you mean {n}?)"),
                    })
                    .unwrap_or_default()
                )
            })?;
            print!("{}", explain(info, s.lang, &s.kb));
            Ok(Outcome::Clean)
        }
        Command::Init => {
            let path = PathBuf::from(crate::config::FILE_NAME);
            if path.exists() {
                anyhow::bail!(
                    "{}{}",
                    path.display(),
                    crate::ui::t(" 已存在，未覆盖", " already exists; not overwritten")
                );
            }
            std::fs::write(&path, crate::config::STARTER).map_err(|e| {
                anyhow::anyhow!(
                    "{}{}: {}",
                    crate::ui::t("无法写入 ", "cannot write "),
                    path.display(),
                    io_reason(&e)
                )
            })?;
            println!("{}", path.display());
            Ok(Outcome::Clean)
        }
        Command::Config => {
            let s = session(&cli)?;
            print!("{}", describe_config(&cli, &s));
            Ok(Outcome::Clean)
        }
        Command::Checks {
            command: ChecksCommand::Export { dir, force },
        } => {
            let written = export_checks(dir, *force)?;
            println!(
                "{}",
                match crate::ui::lang() {
                    Lang::Zh => format!("已写入 {written} 个检查数据文件到 {}", dir.display()),
                    Lang::En => format!("wrote {written} check data files to {}", dir.display()),
                }
            );
            Ok(Outcome::Clean)
        }
        Command::Sample(args) => crate::review::sample::run(&cli, args),
        Command::ReviewSheets(args) => crate::review::sheets::run(&cli, args),
        Command::Merge(args) => crate::review::merge::run(&cli, args),
    }
}

/// `caselint checks export DIR`: writes every shipped data file, comments and all. Refuses to
/// overwrite an existing file (a brigade's adapted copy) unless `force`; nothing is written
/// when one would be.
pub fn export_checks(dir: &std::path::Path, force: bool) -> anyhow::Result<usize> {
    let mut files = Vec::new();
    fn walk(
        d: &'static include_dir::Dir<'static>,
        out: &mut Vec<&'static include_dir::File<'static>>,
    ) {
        out.extend(d.files());
        for sub in d.dirs() {
            walk(sub, out);
        }
    }
    walk(&crate::data::SHIPPED, &mut files);
    files.sort_by_key(|f| f.path());
    if !force {
        let existing: Vec<String> = files
            .iter()
            .map(|f| dir.join(f.path()))
            .filter(|p| p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            anyhow::bail!(
                "{}\n  {}",
                crate::ui::t(
                    "以下文件已存在，未覆盖（可能是已修改的本地数据；确要覆盖请加 --force）：",
                    "these files exist and were not overwritten (they may be adapted local data; add --force to overwrite):"
                ),
                existing.join("\n  ")
            );
        }
    }
    for f in &files {
        let to = dir.join(f.path());
        let write = || -> std::io::Result<()> {
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&to, f.contents())
        };
        write().map_err(|e| {
            anyhow::anyhow!(
                "{}{}: {}",
                crate::ui::t("无法写入 ", "cannot write "),
                to.display(),
                io_reason(&e)
            )
        })?;
    }
    Ok(files.len())
}

/// A certainty mark of the data in plain words.
pub fn certainty(mark: &str, lang: Lang) -> &'static str {
    match (mark, lang) {
        ("VERIFIED", Lang::Zh) => "已核对法律原文",
        ("VERIFIED", Lang::En) => "checked against the law text",
        ("SECONDARY", Lang::Zh) => "来自可靠的二手资料，未见原文",
        ("SECONDARY", Lang::En) => "from a reliable secondary source; law text not seen",
        ("DERIVED", Lang::Zh) => "由法律条文推导",
        ("DERIVED", Lang::En) => "derived from the law text",
        ("CONFIGURED", Lang::Zh) => "本单位配置",
        ("CONFIGURED", Lang::En) => "set in the configuration",
        (_, Lang::Zh) => "本工具默认值，未经核实，可在配置中按本地规定修改",
        (_, Lang::En) => {
            "the tool's default, not verified; set it to your local rule in the configuration"
        }
    }
}

/// A setting value as it would be written in caselint.toml.
fn toml_value(v: &crate::knowledge::settings::Value) -> String {
    use crate::knowledge::settings::Value;
    match v {
        Value::Text(t) => format!("{t:?}"),
        Value::Period(p) => format!("\"{p}\""),
        Value::List(l) => format!(
            "[{}]",
            l.iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

/// What `caselint config` prints: each value in force and where it came from.
pub fn describe_config(cli: &Cli, s: &Session) -> String {
    let lang = s.lang;
    let c = &s.config;
    let h = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut out = String::new();
    let file = c
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| {
            h(
                "（未找到 caselint.toml，使用默认值）",
                "(no caselint.toml found; defaults)",
            )
            .to_string()
        });
    out += &format!("# {}: {file}\n", h("配置文件", "configuration file"));
    out += &format!(
        "# {}: {}\n",
        h(
            "检查数据哈希（规则、数据和配置）",
            "rules hash (rules, data and configuration)"
        ),
        s.rules_hash
    );
    out += "\n[check]\n";
    let origin_lang = match (&cli.lang, &c.lang) {
        (Some(_), _) => Origin::CommandLine,
        (None, Some(l)) => l.origin.clone(),
        _ => Origin::Default,
    };
    let code = match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    };
    out += &format!("lang = \"{code}\"    # {}\n", origin_lang.describe(lang));
    let list = |name: &str, v: &[crate::config::Sourced<String>]| {
        if v.is_empty() {
            format!("{name} = []    # {}\n", Origin::Default.describe(lang))
        } else {
            let codes: Vec<String> = v.iter().map(|s| format!("\"{}\"", s.value)).collect();
            let origins: BTreeSet<String> = v.iter().map(|s| s.origin.describe(lang)).collect();
            format!(
                "{name} = [{}]    # {}\n",
                codes.join(", "),
                origins.into_iter().collect::<Vec<_>>().join(", ")
            )
        }
    };
    out += &list("select", &c.select);
    out += &list("ignore", &c.ignore);
    if !c.select.is_empty() || !c.ignore.is_empty() {
        out += &format!(
            "# {}\n",
            h(
                "F001–F003（文件无法读取、XML 格式错误、编码不符）总会报告：可调低级别，不能关闭",
                "F001–F003 (unreadable file, malformed XML, wrong encoding) are always reported: they can be downgraded, not turned off"
            )
        );
    }
    match &c.fail_on {
        Some(f) => {
            out += &format!(
                "fail-on = \"{}\"    # {}\n",
                f.value.as_str(),
                f.origin.describe(lang)
            )
        }
        None => {
            out += &format!(
                "fail-on = \"warning\"    # {}\n",
                Origin::Default.describe(lang)
            )
        }
    }
    match &c.threads {
        Some(t) => out += &format!("threads = {}    # {}\n", t.value, t.origin.describe(lang)),
        None => {
            out += &format!(
                "threads = 0    # {}（{}）\n",
                Origin::Default.describe(lang),
                h("每个处理器核心一个", "one per core")
            )
        }
    }
    let dirs = check_dirs(cli, c);
    if dirs.is_empty() {
        out += &format!(
            "checks = []    # {}\n",
            h("只用内置检查数据", "shipped check data only")
        );
    }
    for (d, origin) in &dirs {
        out += &format!(
            "checks = \"{}\"    # {}\n",
            d.display(),
            origin.describe(lang)
        );
    }
    if let Some(w) = &c.waivers {
        out += &format!(
            "waivers = \"{}\"    # {}\n",
            w.value.display(),
            w.origin.describe(lang)
        );
    }
    if !c.severity.is_empty() {
        out += "\n[severity]\n";
    }
    for (code, sev) in &c.severity {
        out += &format!(
            "{code} = \"{}\"    # {}\n",
            sev.value.as_str(),
            sev.origin.describe(lang)
        );
    }
    for p in &c.per_path {
        let severity: Vec<String> = p
            .severity
            .iter()
            .map(|(k, v)| format!("{k} = \"{}\"", v.as_str()))
            .collect();
        out += &format!(
            "\n[[per-path]]\nglob = \"{}\"\nignore = {:?}\nseverity = {{ {} }}\n",
            p.glob,
            p.ignore,
            severity.join(", ")
        );
    }
    out += &format!(
        "\n[settings]    # {}\n",
        h(
            "每项设置的值、来源和可信度",
            "every setting's value, origin and certainty"
        )
    );
    let settings_origin = data_files(cli, c)
        .ok()
        .and_then(|f| f.get("settings.toml").map(|(o, _)| o.to_string()))
        .unwrap_or_default();
    for setting in s.kb.settings.iter() {
        let origin = match c.settings.get(&setting.name) {
            Some(v) => v.origin.describe(lang),
            None if settings_origin.starts_with("checks/") => {
                h("内置检查数据", "shipped check data").to_string()
            }
            None => settings_origin.clone(),
        };
        let value = match setting.versions.as_slice() {
            [only] if only.from.is_none() && only.until.is_none() => toml_value(&only.value),
            versions => versions
                .iter()
                .map(|v| {
                    format!(
                        "{} ({}–{})",
                        toml_value(&v.value),
                        v.from.map(|d| d.to_string()).unwrap_or_default(),
                        v.until.map(|d| d.to_string()).unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
        };
        let unit = match setting.unit.as_deref() {
            Some("yuan") => h("单位：元；", "unit: yuan; "),
            _ => "",
        };
        out += &format!(
            "\"{}\" = {}    # {}{}{}{}{}\n",
            setting.name,
            value,
            unit,
            h("来源：", "origin: "),
            origin,
            h("；可信度：", "; certainty: "),
            certainty(&setting.mark, lang)
        );
    }
    out
}

/// Every rule in force (built-in and declared in data), sorted by code.
pub fn all_infos(kb: &Knowledge) -> Vec<&'static Info> {
    let mut v = rules::builtin_infos();
    v.extend(kb.procedures.extra_infos());
    v.extend(kb.rules.infos());
    // Findings reviewers add in a cross-check (caselint merge).
    v.push(&crate::review::merge::R001);
    v.sort_by_key(|i| i.code);
    v.dedup_by_key(|i| i.code);
    v
}

/// Today's date for waiver expiry; `CASELINT_TODAY=YYYY-MM-DD` fixes it (tests, re-runs).
fn today() -> chrono::NaiveDate {
    std::env::var("CASELINT_TODAY")
        .ok()
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The format of `check`: `--format`, else the extension of `-o FILE`, else the table. An
/// explicit format that contradicts the extension is a usage error (a `.xlsx` file of table text
/// is what Excel calls corrupt).
pub fn output_format(
    format: Option<Format>,
    output: Option<&std::path::Path>,
) -> anyhow::Result<Format> {
    let ext = output
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let implied = match ext.as_deref() {
        Some("xlsx") => Some(Format::Xlsx),
        Some("html") | Some("htm") => Some(Format::Html),
        Some("json") => Some(Format::Json),
        Some("jsonl") => Some(Format::Jsonl),
        Some("csv") => Some(Format::Csv),
        Some("sarif") => Some(Format::Sarif),
        Some("xml") => Some(Format::Junit),
        _ => None,
    };
    let name = |f: Format| {
        f.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    };
    match (format, implied) {
        (None, Some(f)) => Ok(f),
        (None, None) => Ok(Format::Table),
        (Some(f), None) => Ok(f),
        // `results.sarif.json` is the usual name of a SARIF file.
        (Some(Format::Sarif), Some(Format::Json)) => Ok(Format::Sarif),
        (Some(f), Some(g)) if f == g => Ok(f),
        (Some(f), Some(g)) => anyhow::bail!(
            "{}",
            match crate::ui::lang() {
                Lang::Zh => format!(
                    "--format {} 与输出文件 {} 的扩展名（{}）不一致；去掉 --format 或改文件名",
                    name(f),
                    output.map(|p| p.display().to_string()).unwrap_or_default(),
                    name(g)
                ),
                Lang::En => format!(
                    "--format {} contradicts the extension of {} ({}); drop --format or rename the file",
                    name(f),
                    output.map(|p| p.display().to_string()).unwrap_or_default(),
                    name(g)
                ),
            }
        ),
    }
}

/// Refuses input that cannot be what the user meant: a path that does not exist, or (unless
/// `allow_empty`) paths holding no case file or ledger at all. A typo in a CI job must not pass.
pub fn check_inputs(
    paths: &[PathBuf],
    follow_symlinks: bool,
    allow_empty: bool,
) -> anyhow::Result<()> {
    let missing: Vec<String> = paths
        .iter()
        .filter(|p| std::fs::symlink_metadata(p).is_err())
        .map(|p| p.display().to_string())
        .collect();
    if !missing.is_empty() {
        anyhow::bail!(
            "{}{}",
            crate::ui::t("路径不存在：", "no such file or folder: "),
            missing.join(crate::ui::t("、", ", "))
        );
    }
    if !allow_empty
        && crate::walk::Walker::new(paths, follow_symlinks)
            .next()
            .is_none()
    {
        let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        anyhow::bail!(
            "{}",
            match crate::ui::lang() {
                Lang::Zh => format!(
                    "{} 中没有案卷文件（.xml）或台账（.xlsx、.xlsm、.xls）；如确属正常，请加 --allow-empty",
                    list.join("、")
                ),
                Lang::En => format!(
                    "no case files (.xml) or ledgers (.xlsx, .xlsm, .xls) in {}; add --allow-empty if that is expected",
                    list.join(", ")
                ),
            }
        );
    }
    Ok(())
}

/// Loads the waiver file and checks its rule codes against the rules in force.
fn load_waivers(path: &std::path::Path, known: &BTreeSet<&str>) -> anyhow::Result<Waivers> {
    let text = read_text(path)?;
    let w = Waivers::parse(&path.display().to_string(), &text).map_err(data_errors)?;
    let errors = w.unknown_rules(known);
    if !errors.is_empty() {
        return Err(data_errors(errors));
    }
    Ok(w)
}

/// The run's date for the reports: `SOURCE_DATE_EPOCH` (reproducible builds' convention), else
/// today (`CASELINT_TODAY` fixes it).
pub fn report_date() -> chrono::NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .map(|t| t.date_naive())
        .unwrap_or_else(today)
}

/// Title block, date and masking of the meeting reports.
/// The title block of a merged cross-check report: the configured unit, year and scope and
/// the date, as for `check` (the merged page and workbook go on the meeting's screen).
pub fn merge_view(cfg: &crate::config::ReportTitle) -> crate::report::View {
    crate::report::View {
        title: cfg.title.clone(),
        unit: cfg.unit.clone(),
        year: cfg.year_text(),
        scope: cfg.scope.clone(),
        date: Some(report_date()),
        ..Default::default()
    }
}

fn report_view(args: &CheckArgs, cfg: &crate::config::ReportTitle) -> crate::report::View {
    crate::report::View {
        title: args.title.clone().or(cfg.title.clone()),
        unit: cfg.unit.clone(),
        year: cfg.year_text(),
        scope: cfg.scope.clone(),
        date: Some(report_date()),
        mask_ids: !args.no_mask,
        terminal: args.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout()),
    }
}

fn check(cli: &Cli, args: &CheckArgs) -> anyhow::Result<Outcome> {
    let started = std::time::Instant::now();
    let format = output_format(args.format, args.output.as_deref())?;
    if format == Format::Xlsx && args.output.is_none() {
        anyhow::bail!(
            "{}",
            crate::ui::t(
                "--format xlsx 需要 -o 文件（工作簿是二进制文件）",
                "--format xlsx needs -o FILE (a workbook is binary)"
            )
        );
    }
    if args.statistics && !crate::report::statistics::supports(format) {
        anyhow::bail!(
            "{}",
            crate::ui::t(
                "--statistics 只支持 table、json、csv 或 xlsx 格式",
                "--statistics supports table, json, csv or xlsx only"
            )
        );
    }
    let s = session(cli)?;
    let lang = s.lang;
    check_inputs(&args.paths, args.follow_symlinks, args.allow_empty)?;
    crate::roots::set_roots(&args.paths);
    let infos = all_infos(&s.kb);
    let known: BTreeSet<&str> = infos.iter().map(|i| i.code).collect();
    let waivers = match args
        .waivers
        .clone()
        .or(s.config.waivers.as_ref().map(|w| w.value.clone()))
    {
        Some(path) => Some(load_waivers(&path, &known)?),
        None => None,
    };
    let baseline = match &args.baseline {
        Some(path) => {
            let text = read_text(path)?;
            Some(Baseline::from_json(&text).map_err(|e| {
                anyhow::anyhow!(
                    "{}{}: {e}",
                    crate::ui::t("基线文件有误：", "bad baseline file: "),
                    path.display()
                )
            })?)
        }
        None => None,
    };
    let mut checks: Vec<&dyn rules::Check> = rules::builtin_checks()
        .into_iter()
        .chain(s.kb.rules.checks())
        .filter(|c| s.config.enabled(c.info().code))
        .collect();
    let masker = crate::review::mask::Collector::default();
    if args.mask {
        checks.push(&masker);
    }
    let opts = crate::scan::Options {
        threads: if args.threads > 0 {
            args.threads
        } else {
            s.config.threads.as_ref().map(|t| t.value).unwrap_or(0)
        },
        follow_symlinks: args.follow_symlinks,
        max_file_bytes: args.max_file_size,
        max_unzipped_bytes: args.max_unzipped_size,
        lang,
        spill_after: args.spill_after,
        layout: std::sync::Arc::new(s.config.layout.clone()),
    };
    let progress = crate::progress::Bar::for_stderr(lang);
    let mut result = crate::scan::scan_with_progress(&args.paths, &s.kb, &checks, &opts, &progress)
        .storage_checked()?;
    s.config.apply(&mut result.findings);
    if let Some(w) = &waivers {
        let cases: BTreeSet<String> = result
            .cases
            .iter()
            .filter_map(|c| c.case_no.map(|n| n.trim().to_string()))
            .collect();
        let errors = w.unknown_cases(&cases);
        if !errors.is_empty() {
            return Err(data_errors(errors));
        }
        for stale in w.stale(&result.findings, today()) {
            eprintln!(
                "{}",
                match crate::ui::lang() {
                    Lang::Zh => format!(
                        "caselint：{}:{}：案件“{}”规则 {} 的豁免没有对应的问题（已整改或豁免有误），可以删除",
                        w.file, stale.line, stale.case, stale.rule
                    ),
                    Lang::En => format!(
                        "caselint: {}:{}: the waiver of {} for case `{}` matches no finding (fixed, or the waiver is wrong); it can be removed",
                        w.file, stale.line, stale.rule, stale.case
                    ),
                }
            );
        }
        let expired = w.apply(&mut result.findings, today(), lang);
        result.findings.extend(expired);
    }
    if let Some(path) = &args.write_baseline {
        std::fs::write(path, Baseline::of(&result.findings).to_json()).map_err(|e| {
            anyhow::anyhow!(
                "{}{}: {}",
                crate::ui::t("无法写入 ", "cannot write "),
                path.display(),
                io_reason(&e)
            )
        })?;
    }
    if let Some(b) = &baseline {
        result.baseline = Some(b.apply(&mut result.findings));
    }
    result
        .findings
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    result.provenance = crate::model::run::Provenance {
        rules_hash: s.rules_hash.clone(),
        settings: run_settings(args, &s),
    };
    if args.mask {
        crate::review::mask::apply(&mut result, &masker.personal());
    }
    let index = rules::index(&infos);
    let run = Run {
        result: &result,
        lang,
        rules: &index,
        elapsed: (format == Format::Table).then(|| started.elapsed()),
        scoring: Some(&s.kb.scoring),
        view: report_view(args, &s.config.report),
    };
    // Streamed to the destination: a large run's output is never held whole in memory.
    let mut sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).map_err(|e| {
                anyhow::anyhow!(
                    "{}{}: {}",
                    crate::ui::t("无法写入 ", "cannot write "),
                    path.display(),
                    io_reason(&e)
                )
            })?,
        )),
        None => Box::new(std::io::BufWriter::new(PipeSafe(std::io::stdout().lock()))),
    };
    crate::scan::Progress::phase(&progress, crate::scan::Phase::Report);
    match (args.statistics, format) {
        (true, format) => crate::report::statistics::write(&run, format, &mut sink)?,
        (false, format) => format.reporter().write(&run, &mut sink)?,
    }
    sink.flush()?;
    crate::scan::Progress::finish(&progress);
    let fail = args
        .fail_on
        .map(FailOn::severity)
        .or(s.config.fail_on.as_ref().map(|f| f.value))
        .unwrap_or(Severity::Warning);
    let failing = result
        .findings
        .iter()
        .any(|f| f.waived.is_none() && f.severity >= fail);
    Ok(if result.internal_errors > 0 {
        // Our bug: the results are incomplete, whatever the findings and --exit-zero say.
        Outcome::InternalError
    } else if failing && !args.exit_zero && args.write_baseline.is_none() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Standard output that treats a closed pipe (`caselint check … | head`) as the reader having
/// seen enough: the rest is dropped quietly instead of failing the run.
struct PipeSafe<W: Write>(W);

impl<W: Write> Write for PipeSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(buf.len()),
            other => other,
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self.0.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}

/// The settings of a run that change its findings, for the provenance record.
fn run_settings(args: &CheckArgs, s: &Session) -> std::collections::BTreeMap<String, String> {
    let mut m = std::collections::BTreeMap::new();
    let lang = match s.lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    };
    m.insert("lang".into(), lang.into());
    let fail = args
        .fail_on
        .map(FailOn::severity)
        .or(s.config.fail_on.as_ref().map(|f| f.value))
        .unwrap_or(Severity::Warning);
    m.insert("fail-on".into(), fail.as_str().into());
    m.insert("max-file-size".into(), args.max_file_size.to_string());
    m.insert("follow-symlinks".into(), args.follow_symlinks.to_string());
    let join = |v: &[crate::config::Sourced<String>]| {
        v.iter()
            .map(|s| s.value.as_str())
            .collect::<Vec<_>>()
            .join(",")
    };
    m.insert("select".into(), join(&s.config.select));
    m.insert("ignore".into(), join(&s.config.ignore));
    for (code, sev) in &s.config.severity {
        m.insert(format!("severity.{code}"), sev.value.as_str().into());
    }
    if let Some(b) = &args.baseline {
        m.insert("baseline".into(), b.display().to_string());
    }
    if let Some(w) = args
        .waivers
        .clone()
        .or(s.config.waivers.as_ref().map(|w| w.value.clone()))
    {
        m.insert("waivers".into(), w.display().to_string());
    }
    m
}

/// One row of the rule list per rule: (code, name, severity, category, title, source).
fn rule_rows(infos: &[&'static Info], lang: Lang) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let header = match lang {
        Lang::Zh => vec!["代码", "名称", "级别", "类别", "标题", "来源"],
        Lang::En => vec!["code", "name", "severity", "category", "title", "source"],
    };
    let rows = infos
        .iter()
        .map(|i| {
            vec![
                i.code.to_string(),
                i.name.to_string(),
                i.severity.label(lang).to_string(),
                i.category.label(lang).to_string(),
                i.title.get(lang).to_string(),
                i.source.to_string(),
            ]
        })
        .collect();
    (header, rows)
}

fn rules_list(
    infos: &[&'static Info],
    format: Option<RulesFormat>,
    output: Option<&std::path::Path>,
    lang: Lang,
) -> anyhow::Result<()> {
    let ext = output
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let implied = match ext.as_deref() {
        Some("xlsx") => Some(RulesFormat::Xlsx),
        Some("csv") => Some(RulesFormat::Csv),
        Some("json") => Some(RulesFormat::Json),
        _ => None,
    };
    let format = match (format, implied) {
        (Some(f), Some(g)) if f != g => anyhow::bail!(
            "{}",
            crate::ui::t(
                "--format 与输出文件的扩展名不一致",
                "--format contradicts the output file's extension"
            )
        ),
        (Some(f), _) => f,
        (None, Some(g)) => g,
        (None, None) => RulesFormat::Table,
    };
    if format == RulesFormat::Xlsx && output.is_none() {
        anyhow::bail!(
            "{}",
            crate::ui::t(
                "--format xlsx 需要 -o 文件（工作簿是二进制文件）",
                "--format xlsx needs -o FILE (a workbook is binary)"
            )
        );
    }
    let (header, rows) = rule_rows(infos, lang);
    let mut bytes: Vec<u8> = Vec::new();
    match format {
        RulesFormat::Json => {
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
            serde_json::to_writer_pretty(&mut bytes, &v)?;
            writeln!(bytes)?;
        }
        RulesFormat::Table => {
            let mut t = comfy_table::Table::new();
            t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
            t.set_header(header);
            for r in rows {
                t.add_row(r);
            }
            writeln!(bytes, "{t}")?;
        }
        RulesFormat::Csv => {
            // UTF-8 with BOM, so Excel/WPS open it as UTF-8.
            let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
            w.write_record(&header)?;
            for r in &rows {
                w.write_record(r)?;
            }
            bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
        }
        RulesFormat::Xlsx => {
            use crate::report::xlsx::{workbook, Cell, Sheet};
            let sheet = Sheet {
                name: lang.pick("规则", "Rules").into(),
                header: header.iter().map(|h| h.to_string()).collect(),
                rows: rows
                    .into_iter()
                    .map(|r| r.into_iter().map(Cell::Text).collect())
                    .collect(),
                truncated: 0,
            };
            bytes = workbook(&[sheet])?;
        }
    }
    match output {
        Some(path) => std::fs::write(path, bytes).map_err(|e| {
            anyhow::anyhow!(
                "{}{}: {}",
                crate::ui::t("无法写入 ", "cannot write "),
                path.display(),
                io_reason(&e)
            )
        })?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
        }
    }
    Ok(())
}

/// The text `caselint explain CODE` prints.
pub fn explain(i: &Info, lang: Lang, kb: &Knowledge) -> String {
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
            match kb.settings.get(name) {
                Some(setting) => s += &format!("  {}\n", setting.describe(lang)),
                None => s += &format!("  {name}\n"),
            }
        }
    }
    s
}
