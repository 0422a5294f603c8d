//! The session every command starts from: the configuration (found or named), the check data in
//! force (shipped, overlaid by the configured and `--checks` folders), the language, and the
//! rules hash; and the error text of configuration and data files.

use super::util::{did_you_mean, read_text};
use crate::config::{Config, Origin};
use crate::data::DataError;
use crate::finding::Lang;
use crate::knowledge::{DataFiles, Knowledge};
use crate::rules::{self, Info};
use crate::ui::explain_library_message;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The options every command shares (the command line's global ones).
#[derive(Debug, Clone, Default)]
pub struct SessionOptions {
    /// Message language; `None`: the configuration's, else the default.
    pub lang: Option<Lang>,
    /// Configuration file; `None`: caselint.toml in the current folder or above.
    pub config: Option<PathBuf>,
    /// Extra check folders overlaying the shipped checks/ data.
    pub checks: Vec<PathBuf>,
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
pub fn load_config(opts: &SessionOptions) -> anyhow::Result<Config> {
    let path = match &opts.config {
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
pub fn session(opts: &SessionOptions) -> anyhow::Result<Session> {
    let config = load_config(opts)?;
    if opts.lang.is_none() {
        if let Some(l) = &config.lang {
            crate::ui::set(l.value);
        }
    }
    let lang = opts
        .lang
        .or(config.lang.as_ref().map(|l| l.value))
        .unwrap_or_default();
    let files = data_files(opts, &config)?;
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
            errors.push(DataError {
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
pub(crate) fn data_files(opts: &SessionOptions, config: &Config) -> anyhow::Result<DataFiles> {
    let mut files = DataFiles::shipped();
    let mut errors = Vec::new();
    for dir in check_dirs(opts, config) {
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
pub(crate) fn check_dirs(opts: &SessionOptions, config: &Config) -> Vec<(PathBuf, Origin)> {
    config
        .checks
        .iter()
        .map(|c| (c.value.clone(), c.origin.clone()))
        .chain(opts.checks.iter().map(|c| (c.clone(), Origin::CommandLine)))
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
pub fn data_errors(errors: Vec<DataError>) -> anyhow::Error {
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
