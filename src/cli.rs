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
    about = "检查消防行政处罚案卷的程序和法律适用问题 / Checks fire administrative-penalty case files"
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
    /// Write a commented starter caselint.toml in the current folder.
    Init,
    /// Show the configuration in force and where each value came from.
    Config,
    /// Draw a reproducible sample of cases for a peer cross-check and assign reviewers.
    Sample(crate::review::sample::SampleArgs),
    /// Write one review workbook per reviewer of a draw.
    ReviewSheets(crate::review::sheets::ReviewSheetsArgs),
    /// Merge the returned review workbooks into the final findings and reports.
    Merge(crate::review::merge::MergeArgs),
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
    /// Print counts per rule, category and brigade instead of the findings (table or json).
    #[arg(long)]
    pub statistics: bool,
    /// Always exit 0 when the run itself succeeded.
    #[arg(long)]
    pub exit_zero: bool,
    /// Mask personal names and ID numbers in the output (for other brigades).
    #[arg(long)]
    pub mask: bool,
}

/// How a command ended, for the exit code.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing at or above the fail level.
    Clean,
    /// Findings at or above the fail level.
    Findings,
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
    let text = std::fs::read_to_string(&path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    // Rule codes are checked in `session`, once the rule files the configuration names are in.
    Config::parse(&path, &text, None).map_err(data_errors)
}

/// Checks the configuration's rule codes against every rule in force (built-in and declared).
fn validate_codes(config: &Config, kb: &Knowledge) -> anyhow::Result<()> {
    let Some(path) = &config.path else {
        return Ok(());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
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
    let lang = cli
        .lang
        .or(config.lang.as_ref().map(|l| l.value))
        .unwrap_or_default();
    let mut files = DataFiles::shipped();
    let mut errors = Vec::new();
    let dirs = config
        .checks
        .iter()
        .map(|c| c.value.clone())
        .chain(cli.checks.iter().cloned());
    for dir in dirs {
        if let Err(e) = files.overlay(&dir) {
            errors.push(e);
        }
    }
    let mut kb = match Knowledge::load(&files) {
        Ok(k) if errors.is_empty() => k,
        Ok(_) => return Err(data_errors(errors)),
        Err(mut e) => {
            errors.append(&mut e);
            return Err(data_errors(errors));
        }
    };
    validate_codes(&config, &kb)?;
    let mut errors = Vec::new();
    for (name, v) in &config.settings {
        if let Err(e) = kb
            .settings
            .configure(name, &v.value, &v.origin.describe(lang))
        {
            let (file, line) = match &v.origin {
                Origin::File { path, line } => (path.clone(), *line),
                _ => (String::new(), 0),
            };
            errors.push(crate::data::DataError {
                file,
                line,
                col: 1,
                message: format!("settings.\"{name}\": {e}"),
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

fn data_errors(errors: Vec<crate::data::DataError>) -> anyhow::Error {
    let list: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
    anyhow::anyhow!(
        "配置或检查数据有 {} 处错误 / {} error(s) in configuration or check data:\n{}",
        errors.len(),
        errors.len(),
        list.join("\n")
    )
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match &cli.command {
        Command::Check(args) => check(&cli, args),
        Command::Cite { text, format } => {
            let s = session(&cli)?;
            crate::law::cite::run(text, &s.kb.laws, *format, s.lang)
        }
        Command::Rules { format } => {
            let s = session(&cli)?;
            let infos = all_infos(&s.kb);
            rules_list(&infos, *format, s.lang)?;
            Ok(Outcome::Clean)
        }
        Command::Explain { code } => {
            let s = session(&cli)?;
            let infos = all_infos(&s.kb);
            let code = code.trim().to_ascii_uppercase();
            let info = infos
                .iter()
                .find(|i| i.code == code)
                .ok_or_else(|| anyhow::anyhow!("未知规则 / unknown rule: {code}"))?;
            print!("{}", explain(info, s.lang, &s.kb));
            Ok(Outcome::Clean)
        }
        Command::Init => {
            let path = PathBuf::from(crate::config::FILE_NAME);
            if path.exists() {
                anyhow::bail!(
                    "{} 已存在，未覆盖 / already exists; not overwritten",
                    path.display()
                );
            }
            std::fs::write(&path, crate::config::STARTER)?;
            println!("{}", path.display());
            Ok(Outcome::Clean)
        }
        Command::Config => {
            let s = session(&cli)?;
            print!("{}", describe_config(&cli, &s));
            Ok(Outcome::Clean)
        }
        Command::Sample(args) => crate::review::sample::run(&cli, args),
        Command::ReviewSheets(args) => crate::review::sheets::run(&cli, args),
        Command::Merge(args) => crate::review::merge::run(&cli, args),
    }
}

/// What `caselint config` prints: each value in force and where it came from.
pub fn describe_config(cli: &Cli, s: &Session) -> String {
    let lang = s.lang;
    let c = &s.config;
    let mut out = String::new();
    let file = c
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| {
            lang.pick(
                "（未找到 caselint.toml，使用默认值）",
                "(no caselint.toml found; defaults)",
            )
            .to_string()
        });
    out += &format!("{}: {file}\n", lang.pick("配置文件", "configuration file"));
    let origin_lang = match (&cli.lang, &c.lang) {
        (Some(_), _) => Origin::CommandLine,
        (None, Some(l)) => l.origin.clone(),
        _ => Origin::Default,
    };
    let code = match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    };
    out += &format!("lang = {code}    # {}\n", origin_lang.describe(lang));
    let list = |v: &[crate::config::Sourced<String>]| {
        if v.is_empty() {
            String::from("[]")
        } else {
            v.iter()
                .map(|s| format!("{} ({})", s.value, s.origin.describe(lang)))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    out += &format!("select = {}\n", list(&c.select));
    out += &format!("ignore = {}\n", list(&c.ignore));
    match &c.fail_on {
        Some(f) => out += &format!("fail-on = {}    # {}\n", f.value, f.origin.describe(lang)),
        None => {
            out += &format!(
                "fail-on = warning    # {}\n",
                Origin::Default.describe(lang)
            )
        }
    }
    for (code, sev) in &c.severity {
        out += &format!(
            "severity.{code} = {}    # {}\n",
            sev.value,
            sev.origin.describe(lang)
        );
    }
    for p in &c.per_path {
        out += &format!(
            "per-path {}: ignore {:?}, severity {:?}\n",
            p.glob, p.ignore, p.severity
        );
    }
    for d in &c.checks {
        out += &format!(
            "checks = {}    # {}\n",
            d.value.display(),
            d.origin.describe(lang)
        );
    }
    for d in &cli.checks {
        out += &format!(
            "checks = {}    # {}\n",
            d.display(),
            Origin::CommandLine.describe(lang)
        );
    }
    if let Some(w) = &c.waivers {
        out += &format!(
            "waivers = {}    # {}\n",
            w.value.display(),
            w.origin.describe(lang)
        );
    }
    for (k, v) in &c.settings {
        out += &format!(
            "settings.{k} = {}    # {}\n",
            v.value,
            v.origin.describe(lang)
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

fn check(cli: &Cli, args: &CheckArgs) -> anyhow::Result<Outcome> {
    let started = std::time::Instant::now();
    if args.format == Format::Xlsx && args.output.is_none() {
        anyhow::bail!("--format xlsx 需要 -o FILE / needs -o FILE (a workbook is binary)");
    }
    let s = session(cli)?;
    let lang = s.lang;
    let waivers = match args
        .waivers
        .clone()
        .or(s.config.waivers.as_ref().map(|w| w.value.clone()))
    {
        Some(path) => {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
            Some(Waivers::parse(&path.display().to_string(), &text).map_err(data_errors)?)
        }
        None => None,
    };
    let baseline = match &args.baseline {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
            Some(
                Baseline::from_json(&text)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
            )
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
    };
    let progress = crate::progress::Bar::for_stderr(lang);
    let mut result = crate::scan::scan_with_progress(&args.paths, &s.kb, &checks, &opts, &progress)
        .storage_checked()?;
    s.config.apply(&mut result.findings);
    if let Some(w) = &waivers {
        let expired = w.apply(&mut result.findings, today(), lang);
        result.findings.extend(expired);
    }
    if let Some(path) = &args.write_baseline {
        std::fs::write(path, Baseline::of(&result.findings).to_json())
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    }
    if let Some(b) = &baseline {
        result.baseline = Some(b.apply(&mut result.findings));
    }
    result
        .findings
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    result.provenance = crate::scan::Provenance {
        rules_hash: s.rules_hash.clone(),
        settings: run_settings(args, &s),
    };
    if args.mask {
        crate::review::mask::apply(&mut result, &masker.personal());
    }
    let infos = all_infos(&s.kb);
    let index = rules::index(&infos);
    let run = Run {
        result: &result,
        lang,
        rules: &index,
        elapsed: (args.format == Format::Table).then(|| started.elapsed()),
        scoring: Some(&s.kb.scoring),
    };
    if args.statistics && !matches!(args.format, Format::Json | Format::Table) {
        anyhow::bail!("--statistics 只支持 table 或 json / supports table or json only");
    }
    // Streamed to the destination: a large run's output is never held whole in memory.
    let mut sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(PipeSafe(std::io::stdout().lock()))),
    };
    crate::scan::Progress::phase(&progress, crate::scan::Phase::Report);
    match (args.statistics, args.format) {
        (true, Format::Json) => crate::report::statistics::write_json(&run, &mut sink)?,
        (true, _) => crate::report::statistics::write_table(&run, &mut sink)?,
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
    Ok(
        if failing && !args.exit_zero && args.write_baseline.is_none() {
            Outcome::Findings
        } else {
            Outcome::Clean
        },
    )
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
        Format::Table => {
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
        // The finding formats (jsonl, csv, sarif, junit, github) have no rule-list form.
        other => anyhow::bail!(
            "rules --format {} 不支持 / not supported; use table or json",
            other
                .to_possible_value()
                .map(|v| v.get_name().to_string())
                .unwrap_or_default()
        ),
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
                Some(setting) => s += &format!("  {}\n", setting.describe()),
                None => s += &format!("  {name}\n"),
            }
        }
    }
    s
}
