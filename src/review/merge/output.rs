//! The merged cross-check's outputs: the review part as JSON, the workbook sheets (rejections,
//! rejection rates, confirmations) and the HTML section, and the format `merge` writes.

use super::*;

/// The forms of the merged report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeFormat {
    Json,
    Xlsx,
    Html,
}

/// A rule's rejection rate as shown: one decimal and a percent sign.
pub fn pct(r: &RuleRate) -> String {
    format!("{:.1}%", r.rate() * 100.0)
}

/// The review part as JSON.
pub fn review_json(m: &Merged, run: &Run) -> serde_json::Value {
    use serde_json::json;
    json!({
        "seed": m.seed.to_string(),
        "draw_id": m.draw_id,
        "masked": m.masked,
        "sheets": m.sheets.iter().map(|s| json!({
            "file": s.file, "reviewer": s.reviewer, "brigade": s.brigade, "cases": s.cases,
            "confirmed": s.confirmed, "rejected": s.rejected, "added": s.added,
        })).collect::<Vec<_>>(),
        "rejected": m.rejected.iter().map(|r| {
            let mut v = crate::report::json::finding_value(run, &r.finding);
            if let Some(o) = v.as_object_mut() {
                o.insert("reviewer".into(), json!(r.reviewer));
                o.insert("reason".into(), json!(r.reason));
            }
            v
        }).collect::<Vec<_>>(),
        "confirmed_by": m.confirmed_by.iter().map(|c| json!({
            "fingerprint": c.fingerprint,
            "reviewer": c.reviewer,
            "signed_by": c.signed.as_ref().map(|s| s.0.clone()),
            "signed_on": c.signed.as_ref().map(|s| s.1.to_string()),
            "added": c.added,
        })).collect::<Vec<_>>(),
        "unreviewed": m.unreviewed.iter().map(|u| json!({
            "reviewer": u.reviewer, "case_no": u.case_no, "file": u.file,
        })).collect::<Vec<_>>(),
        "rejection_rates": m.rates.iter().map(|r| json!({
            "code": r.code,
            "name": run.rules.get(r.code.as_str()).map(|i| i.name).unwrap_or(""),
            "confirmed": r.confirmed,
            "rejected": r.rejected,
            "rate": (r.rate() * 1000.0).round() / 1000.0,
        })).collect::<Vec<_>>(),
    })
}

/// The two extra workbook sheets: rejections and rejection rates.
pub fn review_sheets(m: &Merged, run: &Run) -> [Sheet; 2] {
    let lang = run.lang;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en).to_string();
    let rejected = Sheet {
        name: t("驳回记录", "Rejected"),
        header: vec![
            t("案号", "case no"),
            t("文件", "file"),
            t("位置", "place"),
            t("规则", "rule"),
            t("级别", "severity"),
            t("问题", "finding"),
            t("审查人", "reviewer"),
            t("驳回理由", "reason"),
            t("指纹", "fingerprint"),
        ],
        rows: m
            .rejected
            .iter()
            .map(|r| {
                let f = &r.finding;
                vec![
                    Cell::Text(f.case_no.clone().unwrap_or_default()),
                    Cell::Text(f.file.clone()),
                    Cell::Text(f.place.display()),
                    Cell::Text(f.code.clone()),
                    Cell::Text(f.severity.label(lang).into()),
                    Cell::Text(f.message.clone()),
                    Cell::Text(r.reviewer.clone()),
                    Cell::Text(r.reason.clone()),
                    Cell::Text(f.fingerprint()),
                ]
            })
            .collect(),
        truncated: 0,
    };
    let rates = Sheet {
        name: t("驳回率", "Rejection rates"),
        header: vec![
            t("规则", "rule"),
            t("名称", "name"),
            t("确认", "confirmed"),
            t("驳回", "rejected"),
            t("驳回率", "rejection rate"),
        ],
        rows: m
            .rates
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(r.code.clone()),
                    Cell::Text(
                        run.rules
                            .get(r.code.as_str())
                            .map(|i| i.title.get(lang).to_string())
                            .unwrap_or_default(),
                    ),
                    Cell::Int(r.confirmed as i64),
                    Cell::Int(r.rejected as i64),
                    Cell::Pct(r.rate()),
                ]
            })
            .collect(),
        truncated: 0,
    };
    [rejected, rates]
}

/// The workbook sheet of who confirmed each final finding, and of the cases left unreviewed.
pub fn confirmation_sheet(m: &Merged, run: &Run) -> Sheet {
    let lang = run.lang;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en).to_string();
    let mut rows: Vec<Vec<Cell>> = run
        .result
        .findings
        .iter()
        .zip(&m.confirmed_by)
        .map(|(f, c)| {
            vec![
                Cell::Text(f.case_no.clone().unwrap_or_default()),
                Cell::Text(f.file.clone()),
                Cell::Text(f.code.clone()),
                Cell::Text(f.message.clone()),
                Cell::Text(if c.added {
                    t("审查人补充", "added")
                } else {
                    t("确认", "confirmed")
                }),
                Cell::Text(c.reviewer.clone()),
                Cell::Text(c.signed.as_ref().map(|s| s.0.clone()).unwrap_or_default()),
                Cell::Text(
                    c.signed
                        .as_ref()
                        .map(|s| s.1.to_string())
                        .unwrap_or_default(),
                ),
            ]
        })
        .collect();
    for u in &m.unreviewed {
        rows.push(vec![
            Cell::Text(u.case_no.clone().unwrap_or_default()),
            Cell::Text(u.file.clone()),
            Cell::Empty,
            Cell::Text(t("（案件未签署审查结论）", "(case not signed off)")),
            Cell::Text(t("未审查", "unreviewed")),
            Cell::Text(u.reviewer.clone()),
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    Sheet {
        name: t("确认记录", "Confirmations"),
        header: vec![
            t("案号", "case no"),
            t("文件", "file"),
            t("规则", "rule"),
            t("问题", "finding"),
            t("结论", "verdict"),
            t("审查人", "reviewer"),
            t("签名", "signed by"),
            t("日期", "date"),
        ],
        rows,
        truncated: 0,
    }
}

/// The review section of the HTML page.
pub fn review_html(m: &Merged, run: &Run) -> String {
    use crate::report::html::esc;
    let lang = run.lang;
    let mut h = String::new();
    let [rejected, rates] = review_sheets(m, run);
    h += &format!(
        "<section id=\"review\"><h2>{}</h2>\n<p>{}: {} · {}: {}</p>\n",
        esc(lang.pick("互查结果", "Peer cross-check")),
        esc(lang.pick("抽样种子", "seed")),
        m.seed,
        esc(lang.pick("抽样编号", "draw id")),
        esc(&m.draw_id)
    );
    for s in [rates, rejected] {
        h += &format!("<h3>{}</h3>\n", esc(&s.name));
        // No rejected finding: say so rather than show a table of headers only.
        if s.rows.is_empty() {
            h += &format!(
                "<p class=\"note\">{}</p>\n",
                esc(lang.pick("（无）", "(none)"))
            );
            continue;
        }
        let rows = s.rows.iter().map(|r| r.iter().map(|c| c.text()).collect());
        h += &table(&s.header, rows);
    }
    // Drawn cases nobody signed off: the meeting must see them, not only the terminal.
    if !m.unreviewed.is_empty() {
        h += &format!(
            "<h3>{}</h3>\n<p class=\"note\">{}</p>\n",
            esc(lang.pick("未审查的案件", "Cases not reviewed")),
            esc(&match lang {
                crate::finding::Lang::Zh => format!(
                    "{} 件抽样案件没有在“案件结论”表签署审查结论。",
                    m.unreviewed.len()
                ),
                crate::finding::Lang::En => format!(
                    "{} drawn case(s) were not signed off on the Cases sheet.",
                    m.unreviewed.len()
                ),
            })
        );
        let header = [
            lang.pick("评查人", "reviewer"),
            lang.pick("案号", "case number"),
            lang.pick("文件", "file"),
        ]
        .map(String::from);
        let rows = m.unreviewed.iter().map(|u| {
            vec![
                u.reviewer.clone(),
                u.case_no.clone().unwrap_or_default(),
                u.file.clone(),
            ]
        });
        h += &table(&header, rows);
    }
    h += "</section>\n";
    h
}

/// A sortable HTML table of text cells, escaped.
fn table(header: &[String], rows: impl Iterator<Item = Vec<String>>) -> String {
    use crate::report::html::esc;
    let mut h = String::from("<table class=\"sortable\"><thead><tr>");
    for c in header {
        h += &format!("<th>{}</th>", esc(c));
    }
    h += "</tr></thead><tbody>\n";
    for row in rows {
        h += "<tr>";
        for c in &row {
            h += &format!("<td>{}</td>", esc(c));
        }
        h += "</tr>\n";
    }
    h + "</tbody></table>\n"
}

fn lang_pick(run: &Run, zh: &'static str, en: &'static str) -> &'static str {
    run.lang.pick(zh, en)
}

/// The report in `format`.
pub fn render(m: &Merged, run: &Run, format: MergeFormat) -> anyhow::Result<Vec<u8>> {
    Ok(match format {
        MergeFormat::Json => {
            let mut doc = crate::report::json::document(run);
            if let Some(o) = doc.as_object_mut() {
                o.insert("review".into(), review_json(m, run));
            }
            let mut v = serde_json::to_vec_pretty(&doc)?;
            v.push(b'\n');
            v
        }
        MergeFormat::Xlsx => {
            // The cross-check result first: it is what the merged report is for.
            let mut sheets: Vec<_> = review_sheets(m, run).into();
            sheets.extend(crate::report::xlsx::sheets(run));
            sheets.push(confirmation_sheet(m, run));
            crate::report::xlsx::workbook_for(&sheets, run)?
        }
        MergeFormat::Html => {
            let section = review_html(m, run);
            let lead = crate::report::html::Lead {
                id: "review",
                nav: lang_pick(run, "互查结果", "Peer cross-check"),
                html: section,
            };
            crate::report::html::page_with(run, Some(&lead)).into_bytes()
        }
    })
}

/// The format of `merge`: `--format`, else the extension of `-o FILE` (.json, .xlsx, .html),
/// else JSON. A format that contradicts the extension is an error: an `.html` file of JSON text
/// is no report.
pub fn output_format(
    format: Option<MergeFormat>,
    output: Option<&std::path::Path>,
) -> anyhow::Result<MergeFormat> {
    let implied = match output
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("json") => Some(MergeFormat::Json),
        Some("xlsx") => Some(MergeFormat::Xlsx),
        Some("html") | Some("htm") => Some(MergeFormat::Html),
        _ => None,
    };
    match (format, implied) {
        (Some(f), Some(g)) if f != g => anyhow::bail!(
            "{}",
            crate::ui::t(
                "--format 与输出文件的扩展名不一致；去掉 --format 或改文件名",
                "--format contradicts the output file's extension; drop --format or rename the file"
            )
        ),
        (Some(f), _) | (None, Some(f)) => Ok(f),
        (None, None) => Ok(MergeFormat::Json),
    }
}
