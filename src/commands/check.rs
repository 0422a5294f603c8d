//! `caselint check`: scan the inputs with the rules in force, apply the configuration, waivers
//! and baseline, and write one report format to standard output or a file.

use super::session::{all_infos, data_errors, session, Session, SessionOptions};
use super::util::{check_inputs, read_text, report_date, today};
use super::Outcome;
use crate::baseline::Baseline;
use crate::finding::{Lang, Severity};
use crate::report::{Format, Run};
use crate::rules;
use crate::ui::io_reason;
use crate::waivers::Waivers;
use clap::ValueEnum;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

/// What `check` is asked to do.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Files or folders to check.
    pub paths: Vec<PathBuf>,
    /// Output format (default: from the extension of `output`, else table).
    pub format: Option<Format>,
    /// Write the output to this file instead of standard output.
    pub output: Option<PathBuf>,
    /// Worker threads (0 = the configuration's, else one per core).
    pub threads: usize,
    pub follow_symlinks: bool,
    pub max_file_size: u64,
    pub max_unzipped_size: u64,
    pub spill_after: usize,
    /// Exit with 1 when a finding at or above this severity remains (default: the
    /// configuration's, else warning).
    pub fail_on: Option<Severity>,
    pub baseline: Option<PathBuf>,
    pub write_baseline: Option<PathBuf>,
    pub waivers: Option<PathBuf>,
    pub statistics: bool,
    pub exit_zero: bool,
    pub mask: bool,
    pub allow_empty: bool,
    pub no_mask: bool,
    pub title: Option<String>,
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

fn report_view(args: &CheckOptions, cfg: &crate::config::ReportTitle) -> crate::report::View {
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

/// `caselint check`. `progress` makes the progress display once the language is known (the
/// command line's bar on a terminal).
pub fn run(
    opts: &SessionOptions,
    args: &CheckOptions,
    progress: &dyn Fn(Lang) -> Box<dyn crate::scan::Progress>,
) -> anyhow::Result<Outcome> {
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
    let s = session(opts)?;
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
    // The phases after the scan (re-checks, the report's serialization) run on rayon's global
    // pool: it gets the same thread count as the scan (already built, e.g. in a test: kept).
    if opts.threads > 0 {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(opts.threads)
            .build_global();
    }
    let progress = progress(lang);
    let mut result =
        crate::scan::scan_with_progress(&args.paths, &s.kb, &checks, &opts, progress.as_ref())
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
    crate::scan::Progress::phase(progress.as_ref(), crate::scan::Phase::Report);
    match (args.statistics, format) {
        (true, format) => crate::report::statistics::write(&run, format, &mut sink)?,
        (false, format) => format.reporter().write(&run, &mut sink)?,
    }
    sink.flush()?;
    crate::scan::Progress::finish(progress.as_ref());
    let fail = args
        .fail_on
        .or(s.config.fail_on.as_ref().map(|f| f.value))
        .unwrap_or(Severity::Warning);
    let failing = result
        .findings
        .iter()
        .any(|f| f.waived.is_none() && f.severity >= fail);
    // The findings are freed beside the exit, not before it: one party in a large ledger makes
    // 10⁴–10⁵ of them, and freeing them one by one delays the end of the run for nothing.
    // (Where no thread can be made, they are freed here.)
    let findings = std::mem::take(&mut result.findings);
    let _ = std::thread::Builder::new().spawn(move || drop(findings));
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
fn run_settings(args: &CheckOptions, s: &Session) -> std::collections::BTreeMap<String, String> {
    let mut m = std::collections::BTreeMap::new();
    let lang = match s.lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    };
    m.insert("lang".into(), lang.into());
    let fail = args
        .fail_on
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
