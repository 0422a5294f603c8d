//! `caselint rules` (the list of rules in force, as a table, JSON, CSV or a workbook) and
//! `caselint explain CODE` (one rule: what, why, basis, example, fix).

use super::session::{all_infos, session, SessionOptions};
use super::util::did_you_mean;
use super::Outcome;
use crate::finding::Lang;
use crate::knowledge::Knowledge;
use crate::rules::Info;
use crate::ui::io_reason;
use std::io::Write;

/// The forms the rule list has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulesFormat {
    Table,
    Json,
    Csv,
    Xlsx,
}

/// `caselint rules`: the rules in force in `format` (default: from the extension of `output`,
/// else table), to `output` or standard output.
pub fn list(
    opts: &SessionOptions,
    format: Option<RulesFormat>,
    output: Option<&std::path::Path>,
) -> anyhow::Result<Outcome> {
    let s = session(opts)?;
    let infos = all_infos(&s.kb);
    rules_list(&infos, format, output, s.lang)?;
    Ok(Outcome::Clean)
}

/// `caselint explain CODE`.
pub fn explain_code(opts: &SessionOptions, code: &str) -> anyhow::Result<Outcome> {
    let s = session(opts)?;
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
