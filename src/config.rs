//! `caselint.toml`: which rules run, severity overrides, per-path settings, setting overrides,
//! extra check folders, the fail level. Found from the current folder upward (or given with
//! `--config`), validated like the data files: unknown keys and unknown rule codes are errors
//! with file:line:col, all reported at once.

use crate::data::{line_col, DataError};
use crate::finding::{Finding, Lang, Severity};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name searched for.
pub const FILE_NAME: &str = "caselint.toml";

/// Rules that report a file caselint could not read at all (unreadable, malformed XML, wrong
/// encoding): `select`/`ignore` never hide them, or an unreadable export would pass a gate that
/// selects only procedure rules; nor an internal error (E000), which says the results are
/// incomplete. Their severity can still be changed.
pub const ALWAYS_REPORTED: [&str; 4] = ["E000", "F001", "F002", "F003"];

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    check: RawCheck,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    settings: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    per_path: Vec<RawPerPath>,
    #[serde(default)]
    report: ReportTitle,
    #[serde(default)]
    export: Vec<RawExport>,
    #[serde(default)]
    brigade: Vec<RawBrigade>,
}

/// `[[export]]`: what the files matching a glob carry (formats §4, declared coverage).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawExport {
    path: Spanned<String>,
    /// `"all"` or a list of document kinds.
    documents: Option<Spanned<toml::Value>>,
    #[serde(default)]
    never: Vec<Spanned<String>>,
    #[serde(default)]
    sometimes: Vec<Spanned<String>>,
}

/// `[[brigade]]`: a brigade and how its files are recognized.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawBrigade {
    name: Spanned<String>,
    #[serde(default)]
    folders: Vec<String>,
    #[serde(default)]
    agencies: Vec<String>,
    /// 代字: the agency's abbreviation in document numbers (`解消` in 解消行罚决字〔2022〕12号).
    #[serde(default)]
    codes: Vec<String>,
}

/// `[report]`: the title block of the HTML page and the workbook (`--title` overrides `title`).
#[derive(Deserialize, Default, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReportTitle {
    /// The report's title, e.g. `某支队 2023 年度行政处罚案卷评查`.
    pub title: Option<String>,
    /// The reviewing unit, e.g. `某市消防救援支队法制科`.
    pub unit: Option<String>,
    /// The year under review (a number or text).
    pub year: Option<toml::Value>,
    /// What was reviewed, e.g. `全市一般程序案卷`.
    pub scope: Option<String>,
}

impl ReportTitle {
    /// The year as text (`year = 2023` and `year = "2023"` both work).
    pub fn year_text(&self) -> Option<String> {
        match self.year.as_ref()? {
            toml::Value::String(s) => Some(s.clone()),
            toml::Value::Integer(n) => Some(n.to_string()),
            other => Some(other.to_string()),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCheck {
    #[serde(default)]
    select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    checks: Vec<Spanned<String>>,
    waivers: Option<Spanned<String>>,
    lang: Option<Spanned<String>>,
    threads: Option<Spanned<usize>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPerPath {
    glob: Spanned<String>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// Where a value in force came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    File { path: String, line: usize },
    CommandLine,
}

impl Origin {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Origin::Default => lang.pick("默认值", "default").to_string(),
            Origin::File { path, line: 0 } => path.clone(),
            Origin::File { path, line } => format!("{path}:{line}"),
            Origin::CommandLine => lang.pick("命令行", "command line").to_string(),
        }
    }
}

/// A value with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub origin: Origin,
}

/// Per-path settings: rules ignored and severities changed for files matching a glob.
#[derive(Debug, Clone)]
pub struct PerPath {
    pub glob: String,
    matcher: globset::GlobMatcher,
    pub ignore: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
}

/// What the files matching a glob carry (`[[export]]`).
#[derive(Debug, Clone)]
pub struct ExportDecl {
    pub path: String,
    matcher: globset::GlobMatcher,
    /// Document kinds carried: `None` when the declaration does not say; `Some(None)` for
    /// `"all"` (a complete 案卷); else the kinds.
    pub kinds: Option<Option<BTreeSet<String>>>,
    /// Fields the export never writes: unknown, whatever the file holds.
    pub never: Vec<crate::model::ExportField>,
    /// Fields filled only sometimes: a blank or absent one is unknown, not missing.
    pub sometimes: Vec<crate::model::ExportField>,
    pub origin: Origin,
}

impl ExportDecl {
    pub fn matches(&self, file: &str) -> bool {
        self.matcher.is_match(file)
    }
}

/// A brigade (`[[brigade]]`): its folders, agency names and 代字.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrigadeDecl {
    pub name: String,
    pub folders: Vec<String>,
    pub agencies: Vec<String>,
    pub codes: Vec<String>,
}

/// How files map to exports and brigades: the part of the configuration the scan reads.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub exports: Vec<ExportDecl>,
    pub brigades: Vec<BrigadeDecl>,
}

impl Layout {
    /// The declarations that apply to `file`, in file order.
    pub fn exports_for<'a>(&'a self, file: &'a str) -> impl Iterator<Item = &'a ExportDecl> + 'a {
        self.exports.iter().filter(move |e| e.matches(file))
    }

    /// A file's brigade from its folders (relative to the scanned root, the file itself left
    /// out): a declared brigade whose folder name appears, else the first folder that is not a
    /// year or month folder.
    pub fn brigade_of_folders(&self, folders: &[String]) -> Option<String> {
        for b in &self.brigades {
            if folders
                .iter()
                .any(|f| b.folders.iter().any(|x| x == f) || b.name == *f)
            {
                return Some(b.name.clone());
            }
        }
        folders.iter().find(|f| !is_date_folder(f)).cloned()
    }

    /// A declared brigade by agency name or by the 代字 a document number starts with.
    pub fn brigade_of_case(&self, agency: Option<&str>, numbers: &[&str]) -> Option<String> {
        let agency = agency.map(str::trim).filter(|a| !a.is_empty());
        for b in &self.brigades {
            if agency.is_some_and(|a| b.agencies.iter().any(|x| x == a)) {
                return Some(b.name.clone());
            }
        }
        for b in &self.brigades {
            if numbers.iter().any(|n| {
                b.codes
                    .iter()
                    .any(|c| !c.is_empty() && n.trim().starts_with(c.as_str()))
            }) {
                return Some(b.name.clone());
            }
        }
        None
    }
}

/// A folder named for a year or a month (`2022`, `2022年`, `2022-03`, `03`, `3月`, `2022年3月`):
/// it groups files in time, not by brigade.
pub fn is_date_folder(name: &str) -> bool {
    let n = name.trim();
    !n.is_empty()
        && n.chars()
            .all(|c| c.is_ascii_digit() || "年月-_.度 ".contains(c) || ('０'..='９').contains(&c))
        && n.chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// The configuration in force.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from, if any.
    pub path: Option<PathBuf>,
    /// Codes or prefixes to run (empty = all).
    pub select: Vec<Sourced<String>>,
    pub ignore: Vec<Sourced<String>>,
    pub severity: BTreeMap<String, Sourced<Severity>>,
    pub fail_on: Option<Sourced<Severity>>,
    /// Extra check folders, resolved against the config file's folder.
    pub checks: Vec<Sourced<PathBuf>>,
    pub waivers: Option<Sourced<PathBuf>>,
    pub lang: Option<Sourced<Lang>>,
    pub threads: Option<Sourced<usize>>,
    pub per_path: Vec<PerPath>,
    /// The reports' title block (`[report]`).
    pub report: ReportTitle,
    /// Overrides of `checks/settings.toml` values, by setting name, with their origin.
    pub settings: BTreeMap<String, Sourced<toml::Value>>,
    /// Declared exports and brigades.
    pub layout: Layout,
}

/// Finds `caselint.toml` in `start` or the nearest folder above it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// True when `code` is a known code or a prefix of one (`P`, `P00`); any code when the codes
/// in force are not known yet.
fn known_code(code: &str, known: Option<&BTreeSet<&str>>) -> bool {
    !code.is_empty() && known.is_none_or(|k| k.iter().any(|k| k.starts_with(code)))
}

impl Config {
    /// Parses and validates a configuration text. `known` holds every rule code in force; with
    /// `None` rule codes are not checked (a first pass, before rule files are loaded).
    pub fn parse(
        path: &Path,
        text: &str,
        known: Option<&BTreeSet<&str>>,
    ) -> Result<Config, Vec<DataError>> {
        let file = path.display().to_string();
        let raw: Raw =
            toml::from_str(text).map_err(|e| vec![DataError::from_toml(&file, text, &e)])?;
        let mut errors = Vec::new();
        let at = |span: std::ops::Range<usize>| Origin::File {
            path: file.clone(),
            line: line_col(text, span.start).0,
        };
        let err = |span: std::ops::Range<usize>, msg: String| {
            DataError::at_offset(&file, text, span.start, msg)
        };
        let base = path.parent().unwrap_or(Path::new("."));
        let mut cfg = Config {
            path: Some(path.to_path_buf()),
            ..Default::default()
        };
        let codes = |list: &[Spanned<String>],
                     errors: &mut Vec<DataError>|
         -> Vec<Sourced<String>> {
            let mut out = Vec::new();
            for c in list {
                let code = c.get_ref().trim().to_ascii_uppercase();
                if known_code(&code, known) {
                    out.push(Sourced {
                        value: code,
                        origin: at(c.span()),
                    });
                } else {
                    errors.push(err(
                        c.span(),
                        match crate::ui::lang() {
                            Lang::Zh => format!("没有代码或前缀为“{}”的规则", c.get_ref()),
                            Lang::En => format!("unknown rule code or prefix `{}`", c.get_ref()),
                        },
                    ));
                }
            }
            out
        };
        cfg.select = codes(&raw.check.select, &mut errors);
        cfg.ignore = codes(&raw.check.ignore, &mut errors);
        let severity_map = |map: &BTreeMap<Spanned<String>, Spanned<String>>,
                            errors: &mut Vec<DataError>| {
            let mut out = BTreeMap::new();
            for (k, v) in map {
                let code = k.get_ref().trim().to_ascii_uppercase();
                if !known.is_none_or(|k| k.contains(code.as_str())) {
                    errors.push(err(
                        k.span(),
                        match crate::ui::lang() {
                            Lang::Zh => format!("没有代码为“{}”的规则", k.get_ref()),
                            Lang::En => format!("unknown rule code `{}`", k.get_ref()),
                        },
                    ));
                    continue;
                }
                match Severity::parse(v.get_ref().trim()) {
                    Some(s) => {
                        out.insert(code, (s, v.span()));
                    }
                    None => errors.push(err(
                        v.span(),
                        match crate::ui::lang() {
                            Lang::Zh => {
                                format!("级别须为 error、warning 或 info，不能是“{}”", v.get_ref())
                            }
                            Lang::En => format!(
                                "severity must be error, warning or info, not `{}`",
                                v.get_ref()
                            ),
                        },
                    )),
                }
            }
            out
        };
        cfg.severity = severity_map(&raw.severity, &mut errors)
            .into_iter()
            .map(|(k, (s, span))| {
                (
                    k,
                    Sourced {
                        value: s,
                        origin: at(span),
                    },
                )
            })
            .collect();
        if let Some(f) = &raw.check.fail_on {
            match Severity::parse(f.get_ref().trim()) {
                Some(s) => {
                    cfg.fail_on = Some(Sourced {
                        value: s,
                        origin: at(f.span()),
                    })
                }
                None => errors.push(err(
                    f.span(),
                    match crate::ui::lang() {
                        Lang::Zh => format!(
                            "fail-on 须为 error、warning 或 info，不能是“{}”",
                            f.get_ref()
                        ),
                        Lang::En => format!(
                            "fail-on must be error, warning or info, not `{}`",
                            f.get_ref()
                        ),
                    },
                )),
            }
        }
        if let Some(l) = &raw.check.lang {
            match l.get_ref().trim() {
                "zh" => {
                    cfg.lang = Some(Sourced {
                        value: Lang::Zh,
                        origin: at(l.span()),
                    })
                }
                "en" => {
                    cfg.lang = Some(Sourced {
                        value: Lang::En,
                        origin: at(l.span()),
                    })
                }
                other => errors.push(err(
                    l.span(),
                    match crate::ui::lang() {
                        Lang::Zh => format!("lang 须为 zh 或 en，不能是“{other}”"),
                        Lang::En => format!("lang must be zh or en, not `{other}`"),
                    },
                )),
            }
        }
        cfg.threads = raw.check.threads.as_ref().map(|t| Sourced {
            value: *t.get_ref(),
            origin: at(t.span()),
        });
        cfg.checks = raw
            .check
            .checks
            .iter()
            .map(|c| Sourced {
                value: base.join(c.get_ref()),
                origin: at(c.span()),
            })
            .collect();
        cfg.waivers = raw.check.waivers.as_ref().map(|w| Sourced {
            value: base.join(w.get_ref()),
            origin: at(w.span()),
        });
        for p in &raw.per_path {
            let matcher = match globset::Glob::new(p.glob.get_ref()) {
                Ok(g) => g.compile_matcher(),
                Err(e) => {
                    errors.push(err(
                        p.glob.span(),
                        match crate::ui::lang() {
                            Lang::Zh => format!("路径模式（glob）写法有误：{e}"),
                            Lang::En => format!("bad glob: {e}"),
                        },
                    ));
                    continue;
                }
            };
            let ignore = codes(&p.ignore, &mut errors)
                .into_iter()
                .map(|s| s.value)
                .collect();
            let severity = severity_map(&p.severity, &mut errors)
                .into_iter()
                .map(|(k, (s, _))| (k, s))
                .collect();
            cfg.per_path.push(PerPath {
                glob: p.glob.get_ref().clone(),
                matcher,
                ignore,
                severity,
            });
        }
        parse_layout(&raw, text, &err, &at, &mut cfg.layout, &mut errors);
        // Setting names are checked against the settings in force by the session. A name
        // written without quotes (`hearing.fine_threshold.unit = 1`) is a nested table in TOML;
        // it is read as the dotted name it looks like.
        fn flatten(
            prefix: &str,
            v: &toml::Value,
            origin: &Origin,
            out: &mut BTreeMap<String, Sourced<toml::Value>>,
        ) {
            match v {
                toml::Value::Table(t) => {
                    for (k, v) in t {
                        flatten(&format!("{prefix}.{k}"), v, origin, out);
                    }
                }
                v => {
                    out.insert(
                        prefix.to_string(),
                        Sourced {
                            value: v.clone(),
                            origin: origin.clone(),
                        },
                    );
                }
            }
        }
        for (k, v) in &raw.settings {
            flatten(k.get_ref(), v.get_ref(), &at(k.span()), &mut cfg.settings);
        }
        cfg.report = raw.report;
        if errors.is_empty() {
            Ok(cfg)
        } else {
            errors.sort();
            Err(errors)
        }
    }

    /// Whether a rule runs at all (select/ignore), regardless of path.
    pub fn enabled(&self, code: &str) -> bool {
        if ALWAYS_REPORTED.contains(&code) {
            return true;
        }
        let selected =
            self.select.is_empty() || self.select.iter().any(|s| code.starts_with(&s.value));
        selected && !self.ignore.iter().any(|s| code.starts_with(&s.value))
    }

    /// Applies select/ignore, per-path settings and severity overrides to the findings.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        findings.retain(|f| {
            self.enabled(&f.code)
                && !self.per_path.iter().any(|p| {
                    !ALWAYS_REPORTED.contains(&f.code.as_str())
                        && p.matcher.is_match(&f.file)
                        && p.ignore.iter().any(|c| f.code.starts_with(c.as_str()))
                })
        });
        for f in findings.iter_mut() {
            if let Some(s) = self.severity.get(&f.code) {
                f.severity = s.value;
            }
            for p in &self.per_path {
                if p.matcher.is_match(&f.file) {
                    if let Some(s) = p.severity.get(&f.code) {
                        f.severity = *s;
                    }
                }
            }
        }
    }
}

/// Reads `[[export]]` and `[[brigade]]`: unknown document kinds and fields are errors with
/// their place.
fn parse_layout(
    raw: &Raw,
    text: &str,
    err: &dyn Fn(std::ops::Range<usize>, String) -> DataError,
    at: &dyn Fn(std::ops::Range<usize>) -> Origin,
    layout: &mut Layout,
    errors: &mut Vec<DataError>,
) {
    use crate::model::ExportField;
    let aliases = crate::knowledge::aliases::Aliases::shipped();
    // The place of `item` inside the value at `span` (an element of an inline array).
    let inner = |span: &std::ops::Range<usize>, item: &str| {
        let body = text.get(span.clone()).unwrap_or("");
        let off = body.find(item).map_or(span.start, |o| span.start + o);
        off..off + item.len()
    };
    for e in &raw.export {
        let matcher = match globset::Glob::new(e.path.get_ref()) {
            Ok(g) => g.compile_matcher(),
            Err(x) => {
                errors.push(err(e.path.span(), format!("bad glob: {x}")));
                continue;
            }
        };
        let kinds = match e.documents.as_ref() {
            None => None,
            Some(v) => {
                match v.get_ref() {
                    toml::Value::String(s) if s.trim() == "all" => Some(None),
                    toml::Value::Array(items) => {
                        let mut set = BTreeSet::new();
                        for item in items {
                            let name = item.as_str().unwrap_or("").trim();
                            let id = if aliases.documents.contains_id(name) {
                                Some(name.to_string())
                            } else {
                                aliases.documents.lookup(name).map(str::to_string)
                            };
                            match id {
                            Some(id) if !name.is_empty() => {
                                set.insert(id);
                            }
                            _ => errors.push(err(
                                inner(&v.span(), &item.to_string()),
                                format!(
                                    "unknown document kind {item}: use a kind such as decision, notice, hearing_notice (or its Chinese name, 行政处罚决定书)"
                                ),
                            )),
                        }
                        }
                        Some(Some(set))
                    }
                    other => {
                        errors.push(err(
                        v.span(),
                        format!("documents must be \"all\" or a list of document kinds, not {other}"),
                    ));
                        None
                    }
                }
            }
        };
        let fields = |list: &[Spanned<String>], errors: &mut Vec<DataError>| {
            let mut out = Vec::new();
            for f in list {
                match ExportField::parse(f.get_ref()) {
                    Some(x) => out.push(x),
                    None => errors.push(err(
                        f.span(),
                        format!(
                            "unknown field `{}`: one of {}",
                            f.get_ref(),
                            ExportField::ALL.map(|x| x.id()).join(", ")
                        ),
                    )),
                }
            }
            out
        };
        let never = fields(&e.never, errors);
        let sometimes = fields(&e.sometimes, errors);
        layout.exports.push(ExportDecl {
            path: e.path.get_ref().clone(),
            matcher,
            kinds,
            never,
            sometimes,
            origin: at(e.path.span()),
        });
    }
    for b in &raw.brigade {
        let name = b.name.get_ref().trim();
        if name.is_empty() {
            errors.push(err(b.name.span(), "a brigade needs a name".into()));
            continue;
        }
        if layout.brigades.iter().any(|x| x.name == name) {
            errors.push(err(
                b.name.span(),
                format!("brigade `{name}` is declared twice"),
            ));
            continue;
        }
        let clean = |v: &[String]| -> Vec<String> {
            v.iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        layout.brigades.push(BrigadeDecl {
            name: name.to_string(),
            folders: clean(&b.folders),
            agencies: clean(&b.agencies),
            codes: clean(&b.codes),
        });
    }
}

/// The commented starter file `caselint init` writes.
pub const STARTER: &str = r#"# caselint 配置文件 / configuration. caselint 从当前目录向上查找本文件，也可用 --config 指定。
# 未知的键会被报错（含行号、列号）。Unknown keys are errors with line and column.

[check]
# 只运行这些规则（代码或前缀，如 "P" 表示全部程序类规则）；留空表示全部运行。
# select = ["F", "S", "P", "L", "D"]
# 不运行这些规则（F001–F003 文件无法读取类问题总会报告，只能调整级别）：
# ignore = ["F005"]
# 达到该级别的问题使退出码为 1：error | warning | info
# fail-on = "warning"
# 自定义检查目录（法律条文表、别名、规则文件等），相对于本文件：
# checks = ["本地规则"]
# 豁免文件（经审批的例外，含理由、审批人、到期日）：
# waivers = "caselint-waivers.toml"
# 输出语言：zh | en
# lang = "zh"
# 工作线程数（0 = 每个处理器核心一个）：
# threads = 0

# 按规则调整严重级别：
[severity]
# P007 = "error"

# 覆盖内置设置（本地标准不同时）；caselint config 列出全部设置、当前值和来源。
# 如听证“较大数额”罚款标准（元）：
[settings]
# "hearing.fine_threshold.unit" = 10000
# "hearing.fine_threshold.individual" = 2000

# 按路径调整（glob 匹配命令行给出的文件路径）：
# [[per-path]]
# glob = "**/龙亭区大队/**"
# ignore = ["D005"]
# severity = { P007 = "info" }
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Category, Place};

    fn known() -> BTreeSet<&'static str> {
        ["F001", "F005", "P003", "P007", "D005"]
            .into_iter()
            .collect()
    }

    #[test]
    fn starter_parses() {
        Config::parse(Path::new("caselint.toml"), STARTER, Some(&known())).unwrap();
    }

    #[test]
    fn every_error_is_reported_with_its_place() {
        let text = "[check]\nselect = [\"P\", \"X9\"]\nfail-on = \"fatal\"\n[severity]\nP999 = \"error\"\nP007 = \"loud\"\n";
        let errs = Config::parse(Path::new("c.toml"), text, Some(&known())).unwrap_err();
        let places: Vec<(usize, usize)> = errs.iter().map(|e| (e.line, e.col)).collect();
        assert_eq!(places, [(2, 16), (3, 11), (5, 1), (6, 8)], "{errs:?}");
        let e =
            Config::parse(Path::new("c.toml"), "[check]\nbogus = 1\n", Some(&known())).unwrap_err();
        assert_eq!((e[0].line, e[0].col), (2, 1));
        assert!(e[0].message.contains("bogus"));
    }

    fn finding(code: &str, file: &str) -> Finding {
        Finding {
            code: code.into(),
            severity: Severity::Warning,
            category: Category::from_code(code),
            case_no: None,
            file: file.into(),
            place: Place::File,
            message: String::new(),
            basis: String::new(),
            help: String::new(),
            subject: String::new(),
            waived: None,
            evidence: Default::default(),
        }
    }

    #[test]
    fn select_ignore_severity_and_per_path() {
        let text = "[check]\nselect = [\"P\", \"D\"]\nignore = [\"P003\"]\n[severity]\nP007 = \"error\"\n[[per-path]]\nglob = \"**/龙亭/**\"\nignore = [\"D005\"]\nseverity = { P007 = \"info\" }\n";
        let cfg = Config::parse(Path::new("c.toml"), text, Some(&known())).unwrap();
        let mut fs = vec![
            finding("F001", "a/x.xml"),
            finding("P003", "a/x.xml"),
            finding("P007", "a/x.xml"),
            finding("P007", "a/龙亭/y.xml"),
            finding("D005", "a/龙亭/y.xml"),
            finding("D005", "a/x.xml"),
        ];
        cfg.apply(&mut fs);
        let got: Vec<(&str, &str, Severity)> = fs
            .iter()
            .map(|f| (f.code.as_str(), f.file.as_str(), f.severity))
            .collect();
        // F001 is not a procedure or document rule, yet an unreadable file is always reported.
        assert_eq!(
            got,
            [
                ("F001", "a/x.xml", Severity::Warning),
                ("P007", "a/x.xml", Severity::Error),
                ("P007", "a/龙亭/y.xml", Severity::Info),
                ("D005", "a/x.xml", Severity::Warning),
            ]
        );
    }

    #[test]
    fn exports_and_brigades_are_read_and_checked() {
        let text = "[[export]]\npath = \"**/双公示/**\"\ndocuments = [\"decision\", \"当场行政处罚决定书\"]\nnever = [\"remedy\", \"危害后果\"]\nsometimes = [\"basis\"]\n\n[[export]]\npath = \"**\"\ndocuments = \"all\"\n\n[[brigade]]\nname = \"解放区大队\"\nfolders = [\"解放\"]\nagencies = [\"开封市解放区消防救援大队\"]\ncodes = [\"解消\"]\n";
        let cfg = Config::parse(Path::new("c.toml"), text, Some(&known())).unwrap();
        let e = &cfg.layout.exports;
        assert_eq!(e.len(), 2);
        let kinds: Vec<&str> = e[0]
            .kinds
            .as_ref()
            .unwrap()
            .as_ref()
            .unwrap()
            .iter()
            .map(String::as_str)
            .collect();
        assert_eq!(kinds, ["decision", "summary_decision"]);
        use crate::model::ExportField;
        assert_eq!(e[0].never, [ExportField::Remedy, ExportField::Harm]);
        assert_eq!(e[0].sometimes, [ExportField::Basis]);
        assert_eq!(e[1].kinds, Some(None));
        assert!(e[0].matches("a/双公示/x.xml") && !e[0].matches("a/b/x.xml"));
        let l = &cfg.layout;
        let f = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            l.brigade_of_folders(&f(&["2022", "03月", "解放"]))
                .as_deref(),
            Some("解放区大队")
        );
        assert_eq!(
            l.brigade_of_folders(&f(&["2022年", "鼓楼区大队", "x"]))
                .as_deref(),
            Some("鼓楼区大队")
        );
        assert_eq!(l.brigade_of_folders(&f(&["2022"])), None);
        assert_eq!(
            l.brigade_of_case(None, &["解消行罚决字〔2022〕第1号"])
                .as_deref(),
            Some("解放区大队")
        );
        assert_eq!(
            l.brigade_of_case(Some("开封市解放区消防救援大队"), &[])
                .as_deref(),
            Some("解放区大队")
        );
        assert_eq!(l.brigade_of_case(Some("别处"), &["龙消"]), None);

        let bad = "[[export]]\npath = \"**\"\ndocuments = [\"decision\", \"bogus\"]\nnever = [\"colour\"]\n[[export]]\npath = \"x\"\ndocuments = 3\n[[brigade]]\nname = \"\"\n";
        let errs = Config::parse(Path::new("c.toml"), bad, Some(&known())).unwrap_err();
        let places: Vec<(usize, usize)> = errs.iter().map(|e| (e.line, e.col)).collect();
        assert_eq!(places, [(3, 26), (4, 10), (7, 13), (9, 8)], "{errs:?}");
    }

    #[test]
    fn year_and_month_folders() {
        for y in [
            "2022",
            "2022年",
            "2022-03",
            "03",
            "3月",
            "2022年3月",
            "２０２２年",
        ] {
            assert!(is_date_folder(y), "{y}");
        }
        for n in ["解放区大队", "", "第1中队"] {
            assert!(!is_date_folder(n), "{n}");
        }
    }

    #[test]
    fn discovery_walks_upward() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
        assert_eq!(
            discover(&dir.path().join("a/b")),
            Some(dir.path().join(FILE_NAME))
        );
    }
}
