//! `caselint merge`: reads the returned review workbooks and produces the final result of a
//! cross-check.
//!
//! - **Final findings** = the machine findings a reviewer confirmed + the findings reviewers
//!   added. An added row takes its rule code when it names one (its category, and its
//!   severity unless the row gives one); without a code it is [`R001`] `reviewer-finding`, with
//!   the row's severity and the row's category, or 文书 (document) when none is chosen — the
//!   evaluation standards' catch-all, and what `Category::from_code` gives an unknown code.
//! - **Rejected findings** are kept with the reviewer and the reason, and the **rejection rate
//!   per rule** (rejected ÷ reviewed machine findings) is a table of its own: a rule reviewers
//!   often reject is a rule to fix.
//! - Scores per case and brigade come from the usual scoring over the final findings, and the
//!   output is the usual JSON/xlsx/HTML report plus a review part (sheets 驳回记录 and 驳回率;
//!   a section in the page; a `review` object in the JSON).
//!
//! Nothing is written unless every workbook is valid: every problem (edited header or fixed
//! cell, unknown row id or case, missing verdict, rejection without a reason, added row without
//! a description, …) is listed at once with its file and `sheet!cell`, and the command exits 2.
//! The workbooks are only read, so nothing a reviewer entered is lost.

use super::sample::draw_id;
use super::sheets::{
    added_header, case_header, case_verdicts, cases_sheet_name, main_header, sheet_names, verdicts,
    SheetData, META, REASON_COL, VERDICT_COL,
};
use crate::finding::{Category, Finding, Lang, Place, Severity};
use crate::model::run::{CaseSummary, InputRecord, ScanResult};
use crate::report::xlsx::{Cell, Sheet};
use crate::report::Run;
use crate::rules::{Info, Tr};
use calamine::{Data, Range, Reader};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

mod output;
pub use output::{
    confirmation_sheet, output_format, pct, render, review_html, review_json, review_sheets,
    MergeFormat,
};

/// A finding a reviewer added without (or with this) rule code.
pub static R001: Info = Info {
    code: "R001",
    name: "reviewer-finding",
    severity: Severity::Warning,
    category: Category::Document,
    title: Tr {
        zh: "互查人员补充的问题",
        en: "Finding added by a peer reviewer",
    },
    basis: Tr {
        zh: "案卷评查（互查）中审查人员的意见",
        en: "The reviewer's opinion in a peer cross-check",
    },
    what: Tr {
        zh: "机器无法发现、由其他大队的审查人员在互查中补充的问题（事实、证据、文书质量等）。",
        en: "A defect the machine cannot see (facts, evidence, document quality), added by a reviewer from another brigade.",
    },
    why: Tr {
        zh: "评查标准中的许多项目需要人工判断。",
        en: "Much of the evaluation standard needs human judgement.",
    },
    example: Tr {
        zh: "询问笔录未记录询问地点。",
        en: "The interview record does not say where the interview took place.",
    },
    fix: Tr {
        zh: "按审查人员的描述核实并整改。",
        en: "Check and correct as the reviewer describes.",
    },
    settings: &[],
    source: "review",
};

/// A problem in a returned workbook.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SheetError {
    pub file: String,
    /// `sheet!A1`, or the sheet alone, or nothing for the workbook as a whole.
    pub at: String,
    pub message: String,
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Older messages carry both languages ("中文 / English"): one is shown.
        let message = crate::ui::one_language(&self.message);
        if self.at.is_empty() {
            write!(f, "{}: {}", self.file, message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.at, message)
        }
    }
}

/// One machine row's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub id: String,
    pub confirmed: bool,
    pub reason: String,
}

/// One added row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    /// Index into the sheet's cases.
    pub case: usize,
    pub code: Option<String>,
    pub severity: Option<Severity>,
    pub category: Option<Category>,
    pub description: String,
    pub basis: String,
}

/// A reviewer's verdict on a whole case, signed and dated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseVerdict {
    /// Index into the sheet's cases.
    pub case: usize,
    /// 有补充问题 (else 已审查无问题).
    pub added: bool,
    pub reviewer: String,
    pub date: chrono::NaiveDate,
}

/// A validated workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Returned {
    pub file: String,
    pub data: SheetData,
    pub verdicts: Vec<Verdict>,
    pub added: Vec<Added>,
    /// The cases the reviewer signed off (the others are unreviewed).
    pub case_verdicts: Vec<CaseVerdict>,
}

/// A date as a reviewer writes it: 2026-11-29, 2026/11/29, 2026.11.29, 2026年11月29日, or an
/// Excel date cell (read back as its serial number).
pub fn parse_review_date(s: &str) -> Option<chrono::NaiveDate> {
    let t = s.trim();
    if let Ok(n) = t.parse::<f64>() {
        // Excel's serial day numbers (1900 system) of the years 1990–2100.
        if (32874.0..73051.0).contains(&n) {
            return chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?
                .checked_add_days(chrono::Days::new(n as u64));
        }
        return None;
    }
    let t = t.split([' ', 'T']).next().unwrap_or(t);
    let parts: Vec<&str> = t
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    match parts[..] {
        [y, m, d] => {
            chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}

/// A sheet's cells as text, by absolute (row, column).
pub type Grid = Vec<Vec<String>>;

/// A workbook as read: the metadata rows (key, value) and the other sheets' grids by name.
pub type Book = (Vec<(String, String)>, BTreeMap<String, Grid>);

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::DateTime(x) => format!("{}", x.as_f64()),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

fn grid(range: &Range<Data>) -> Grid {
    let Some((r0, c0)) = range.start() else {
        return Vec::new();
    };
    let (r1, c1) = range.end().unwrap_or((r0, c0));
    (0..=r1)
        .map(|r| {
            (0..=c1)
                .map(|c| {
                    if r < r0 || c < c0 {
                        String::new()
                    } else {
                        range.get_value((r, c)).map(cell_text).unwrap_or_default()
                    }
                })
                .collect()
        })
        .collect()
}

fn at(g: &Grid, r: usize, c: usize) -> &str {
    g.get(r)
        .and_then(|row| row.get(c))
        .map(|s| s.trim())
        .unwrap_or("")
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        t.push('…');
    }
    t
}

/// Reads the workbook's sheets: the metadata rows and the grids of the named sheets.
pub fn read_workbook(path: &Path) -> Result<Book, String> {
    super::guarded_workbook(path, read_book)
}

fn read_book(mut wb: calamine::Sheets<std::io::Cursor<Vec<u8>>>) -> Result<Book, String> {
    let names = wb.sheet_names();
    if !names.iter().any(|n| n == META) {
        return Err(match crate::ui::lang() {
            Lang::Zh => format!("不是 caselint 审查表（没有 {META} 表）"),
            Lang::En => format!("not a caselint review sheet (no {META} sheet)"),
        });
    }
    let mut grids = BTreeMap::new();
    for n in &names {
        let range = wb.worksheet_range(n).map_err(|e| format!("{n}: {e}"))?;
        grids.insert(n.clone(), grid(&range));
    }
    let meta = grids.remove(META).unwrap_or_default();
    let rows = meta
        .iter()
        .map(|r| {
            (
                r.first().cloned().unwrap_or_default(),
                r.get(1).cloned().unwrap_or_default(),
            )
        })
        .filter(|(k, _)| !k.is_empty())
        .collect();
    Ok((rows, grids))
}

fn parse_verdict(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "确认" | "confirm" | "confirmed" => Some(true),
        "驳回" | "reject" | "rejected" => Some(false),
        _ => None,
    }
}

fn parse_severity(s: &str) -> Option<Severity> {
    let s = s.trim();
    [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .find(|v| v.label(Lang::Zh) == s || v.as_str() == s.to_lowercase())
}

fn parse_category_label(s: &str) -> Option<Category> {
    let s = s.trim();
    use Category::*;
    [File, Subject, Procedure, Law, Document]
        .into_iter()
        .find(|c| c.label(Lang::Zh) == s || c.as_str() == s.to_lowercase())
}

/// Validates one workbook's grids against its metadata. `known` says whether a rule code exists.
pub fn validate(
    file: &str,
    meta: &[(String, String)],
    grids: &BTreeMap<String, Grid>,
    known: &dyn Fn(&str) -> bool,
) -> Result<Returned, Vec<SheetError>> {
    let err = |at: String, message: String| SheetError {
        file: file.to_string(),
        at,
        message,
    };
    let data = SheetData::from_meta_rows(meta).map_err(|m| {
        let m = match crate::ui::lang() {
            Lang::Zh => format!("审查表的隐藏数据表被改动或损坏，无法核对（原文：{m}）；请用 review-sheets 生成的原表填写"),
            Lang::En => m,
        };
        vec![err(META.into(), m)]
    })?;
    let lang = data.lang;
    let (main_name, added_name, _) = sheet_names(lang);
    let mut errors = Vec::new();
    let cell =
        |sheet: &str, r: usize, c: usize| format!("{sheet}!{}", Place::a1(r as u32, c as u32));

    // 审查
    let mut verdicts_out = Vec::new();
    match grids.get(main_name) {
        None => errors.push(err(
            String::new(),
            format!("缺少“{main_name}”表（被删除或改名？） / sheet {main_name} missing (deleted or renamed?)"),
        )),
        Some(g) => {
            let header = main_header(lang);
            let mut header_ok = true;
            for (c, h) in header.iter().enumerate() {
                let found = at(g, 0, c);
                if found != *h {
                    header_ok = false;
                    errors.push(err(
                        cell(main_name, 0, c),
                        format!("表头被修改：应为“{h}”，实为“{}” / header changed", short(found)),
                    ));
                }
            }
            if header_ok {
                let by_id: BTreeMap<&str, &super::sheets::SheetFinding> =
                    data.findings.iter().map(|f| (f.id.as_str(), f)).collect();
                let mut seen: BTreeMap<String, usize> = BTreeMap::new();
                for r in 1..g.len() {
                    let id = at(g, r, 0);
                    if id.is_empty() {
                        if (1..=REASON_COL as usize).any(|c| !at(g, r, c).is_empty()) {
                            errors.push(err(
                                cell(main_name, r, 0),
                                format!("该行没有编号；新发现的问题请填在“{added_name}”表 / row without an id; add new findings on {added_name}"),
                            ));
                        }
                        continue;
                    }
                    let Some(f) = by_id.get(id) else {
                        errors.push(err(
                            cell(main_name, r, 0),
                            format!("未知编号“{}” / unknown row id", short(id)),
                        ));
                        continue;
                    };
                    if let Some(first) = seen.insert(id.to_string(), r) {
                        errors.push(err(
                            cell(main_name, r, 0),
                            format!("编号 {id} 重复（第 {} 行已有） / id repeated (first on row {})", first + 1, first + 1),
                        ));
                        continue;
                    }
                    for (c, want) in f.cells(lang).iter().enumerate().skip(1) {
                        let found = at(g, r, c);
                        if found != want.trim() {
                            errors.push(err(
                                cell(main_name, r, c),
                                format!(
                                    "固定列“{}”被修改：应为“{}”，实为“{}” / fixed column edited",
                                    header[c],
                                    short(want),
                                    short(found)
                                ),
                            ));
                        }
                    }
                    let v = at(g, r, VERDICT_COL as usize);
                    let reason = at(g, r, REASON_COL as usize).to_string();
                    let [yes, no] = verdicts(lang);
                    match parse_verdict(v) {
                        None if v.is_empty() => errors.push(err(
                            cell(main_name, r, VERDICT_COL as usize),
                            format!("缺少结论（{yes}/{no}） / missing verdict"),
                        )),
                        None => errors.push(err(
                            cell(main_name, r, VERDICT_COL as usize),
                            format!("结论“{}”无法识别，应为 {yes} 或 {no} / unknown verdict", short(v)),
                        )),
                        Some(false) if reason.is_empty() => errors.push(err(
                            cell(main_name, r, REASON_COL as usize),
                            "驳回须写明理由 / a rejection needs a reason".into(),
                        )),
                        Some(confirmed) => verdicts_out.push(Verdict {
                            id: id.to_string(),
                            confirmed,
                            reason,
                        }),
                    }
                }
                for f in &data.findings {
                    if !seen.contains_key(&f.id) {
                        errors.push(err(
                            main_name.into(),
                            format!(
                                "编号 {} 的行（{} {}）缺失，是否被删除？ / the row of {} is missing (deleted?)",
                                f.id,
                                f.code,
                                f.case_no.as_deref().unwrap_or(""),
                                f.id
                            ),
                        ));
                    }
                }
            }
        }
    }

    // 补充问题
    let mut added = Vec::new();
    match grids.get(added_name) {
        None => errors.push(err(
            String::new(),
            format!("缺少“{added_name}”表（被删除或改名？） / sheet {added_name} missing (deleted or renamed?)"),
        )),
        Some(g) => {
            let header = added_header(lang);
            let mut header_ok = true;
            for (c, h) in header.iter().enumerate() {
                let found = at(g, 0, c);
                if found != *h {
                    header_ok = false;
                    errors.push(err(
                        cell(added_name, 0, c),
                        format!("表头被修改：应为“{h}”，实为“{}” / header changed", short(found)),
                    ));
                }
            }
            for r in (1..g.len()).filter(|_| header_ok) {
                if (2..=6).all(|c| at(g, r, c).is_empty()) {
                    continue; // an unused row (case no and file are pre-filled)
                }
                let (no, file) = (at(g, r, 0), at(g, r, 1));
                let matches: Vec<usize> = data
                    .cases
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| {
                        c.case_no.as_deref().unwrap_or("") == no && (file.is_empty() || c.file == file)
                    })
                    .map(|(i, _)| i)
                    .collect();
                let case = match matches[..] {
                    [i] => Some(i),
                    [] => {
                        errors.push(err(
                            cell(added_name, r, if no.is_empty() || file.is_empty() { 0 } else { 1 }),
                            format!(
                                "未知案件“{}”（不是分给该审查人的案件） / unknown case (not among this reviewer's cases)",
                                short(&format!("{no} {file}"))
                            ),
                        ));
                        None
                    }
                    _ => {
                        errors.push(err(
                            cell(added_name, r, 1),
                            "案号对应多个案件，请填写文件 / the case number is ambiguous; give the file".into(),
                        ));
                        None
                    }
                };
                let code = at(g, r, 2).to_ascii_uppercase();
                let code = (!code.is_empty()).then_some(code);
                if let Some(c) = &code {
                    if c != R001.code && !known(c) {
                        errors.push(err(
                            cell(added_name, r, 2),
                            format!("未知规则代码“{}”（可留空） / unknown rule code (may be left empty)", short(c)),
                        ));
                    }
                }
                let sev_text = at(g, r, 3);
                let severity = parse_severity(sev_text);
                if severity.is_none() {
                    if !sev_text.is_empty() {
                        errors.push(err(
                            cell(added_name, r, 3),
                            format!("级别“{}”无法识别，应为 错误/警告/提示 / unknown severity", short(sev_text)),
                        ));
                    } else if code.as_deref().is_none_or(|c| c == R001.code) {
                        errors.push(err(
                            cell(added_name, r, 3),
                            "缺少级别（错误/警告/提示） / severity missing".into(),
                        ));
                    }
                }
                let cat_text = at(g, r, 4);
                let category = parse_category_label(cat_text);
                if category.is_none() && !cat_text.is_empty() {
                    errors.push(err(
                        cell(added_name, r, 4),
                        format!("类别“{}”无法识别 / unknown category", short(cat_text)),
                    ));
                }
                let description = at(g, r, 5).to_string();
                if description.is_empty() {
                    errors.push(err(
                        cell(added_name, r, 5),
                        "缺少问题描述 / description missing".into(),
                    ));
                }
                if let Some(case) = case {
                    added.push(Added {
                        case,
                        code,
                        severity,
                        category,
                        description,
                        basis: at(g, r, 6).to_string(),
                    });
                }
            }
        }
    }
    // 案件结论 (absent from sheets made before it existed: then no case is signed off)
    let mut case_verdicts_out = Vec::new();
    let cases_name = cases_sheet_name(lang);
    if let Some(g) = grids.get(cases_name) {
        let header = case_header(lang);
        let mut header_ok = true;
        for (c, h) in header.iter().enumerate() {
            let found = at(g, 0, c);
            if found != *h {
                header_ok = false;
                errors.push(err(
                    cell(cases_name, 0, c),
                    match crate::ui::lang() {
                        Lang::Zh => format!("表头被修改：应为“{h}”，实为“{}”", short(found)),
                        Lang::En => {
                            format!("header changed: `{h}` expected, `{}` found", short(found))
                        }
                    },
                ));
            }
        }
        let [none, some] = case_verdicts(lang);
        let mut seen = BTreeSet::new();
        for r in (1..g.len()).filter(|_| header_ok) {
            let (no, f, place) = (at(g, r, 0), at(g, r, 1), at(g, r, 2));
            let (v, who, when) = (at(g, r, 3), at(g, r, 4), at(g, r, 5));
            if [no, f, place, v, who, when].iter().all(|x| x.is_empty()) {
                continue;
            }
            let Some(case) = data.cases.iter().position(|c| {
                c.case_no.as_deref().unwrap_or("") == no && c.file == f && c.at == place
            }) else {
                errors.push(err(
                    cell(cases_name, r, 0),
                    match crate::ui::lang() {
                        Lang::Zh => format!(
                            "未知案件“{}”（灰色列被修改？）",
                            short(&format!("{no} {f}"))
                        ),
                        Lang::En => format!(
                            "unknown case `{}` (grey columns edited?)",
                            short(&format!("{no} {f}"))
                        ),
                    },
                ));
                continue;
            };
            seen.insert(case);
            if v.is_empty() && who.is_empty() && when.is_empty() {
                continue; // not reviewed (yet)
            }
            let added_here = added.iter().any(|a| a.case == case);
            let verdict =
                if v == none || v.eq_ignore_ascii_case("nothing to add") || v == "已审查无问题"
                {
                    Some(false)
                } else if v == some || v.eq_ignore_ascii_case("findings added") || v == "有补充问题"
                {
                    Some(true)
                } else {
                    None
                };
            let msg = |zh: String, en: String| match crate::ui::lang() {
                Lang::Zh => zh,
                Lang::En => en,
            };
            match verdict {
                None if v.is_empty() => errors.push(err(
                    cell(cases_name, r, 3),
                    msg(
                        format!("填了审查人或日期，但缺少结论（{none}/{some}）"),
                        format!("reviewer or date given but no verdict ({none}/{some})"),
                    ),
                )),
                None => errors.push(err(
                    cell(cases_name, r, 3),
                    msg(
                        format!("结论“{}”无法识别，应为 {none} 或 {some}", short(v)),
                        format!("unknown verdict `{}`; {none} or {some}", short(v)),
                    ),
                )),
                Some(false) if added_here => errors.push(err(
                    cell(cases_name, r, 3),
                    msg(
                        format!("该案件在“{added_name}”表有补充问题，结论应为“{some}”"),
                        format!("the case has rows on {added_name}; the verdict is `{some}`"),
                    ),
                )),
                Some(true) if !added_here => errors.push(err(
                    cell(cases_name, r, 3),
                    msg(
                        format!("结论为“{some}”，但“{added_name}”表没有该案件的问题"),
                        format!("`{some}`, but {added_name} has no row for the case"),
                    ),
                )),
                Some(_) if who.is_empty() => errors.push(err(
                    cell(cases_name, r, 4),
                    msg(
                        "缺少审查人签名".into(),
                        "the reviewer's name is missing".into(),
                    ),
                )),
                Some(added) => match parse_review_date(when) {
                    Some(date) => case_verdicts_out.push(CaseVerdict {
                        case,
                        added,
                        reviewer: who.to_string(),
                        date,
                    }),
                    None => errors.push(err(
                        cell(cases_name, r, 5),
                        msg(
                            format!("审查日期“{}”无法识别，应写作 2026-11-29", short(when)),
                            format!("date `{}` not understood; write 2026-11-29", short(when)),
                        ),
                    )),
                },
            }
        }
    }
    if errors.is_empty() {
        Ok(Returned {
            file: file.to_string(),
            data,
            verdicts: verdicts_out,
            added,
            case_verdicts: case_verdicts_out,
        })
    } else {
        Err(errors)
    }
}

/// A rejected machine finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub finding: Finding,
    pub reviewer: String,
    pub reason: String,
}

/// Confirmed and rejected machine findings of one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRate {
    pub code: String,
    pub confirmed: usize,
    pub rejected: usize,
}

impl RuleRate {
    pub fn rate(&self) -> f64 {
        let n = self.confirmed + self.rejected;
        if n == 0 {
            0.0
        } else {
            self.rejected as f64 / n as f64
        }
    }
}

/// One workbook's part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetSummary {
    pub file: String,
    pub reviewer: String,
    pub brigade: String,
    pub cases: usize,
    pub confirmed: usize,
    pub rejected: usize,
    pub added: usize,
}

/// The merged result of a cross-check.
#[derive(Debug)]
pub struct Merged {
    pub seed: u64,
    pub draw_id: String,
    pub masked: bool,
    /// Final findings (confirmed + added) and the reviewed cases.
    pub result: ScanResult,
    pub rejected: Vec<Rejected>,
    /// Highest rejection rate first (then more rejections, then code).
    pub rates: Vec<RuleRate>,
    pub sheets: Vec<SheetSummary>,
    /// Who confirmed (or added) each final finding, in the order of `result.findings`.
    pub confirmed_by: Vec<Confirmation>,
    /// Drawn cases no reviewer signed off on 案件结论.
    pub unreviewed: Vec<Unreviewed>,
}

/// Who stands behind a final finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    pub fingerprint: String,
    /// The sheet's reviewer.
    pub reviewer: String,
    /// The name signed on 案件结论 and its date, when the case was signed off.
    pub signed: Option<(String, chrono::NaiveDate)>,
    /// Added by the reviewer (else a machine finding confirmed).
    pub added: bool,
}

/// A drawn case without a signed verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreviewed {
    pub reviewer: String,
    pub case_no: Option<String>,
    pub file: String,
}

/// Merges validated workbooks. `rules` gives a rule's info by code (for added rows).
pub fn merge(
    returned: &[Returned],
    expected: Option<(u64, &[super::sample::Assignment])>,
    rules: &BTreeMap<&'static str, &'static Info>,
    lang: Lang,
) -> Result<Merged, Vec<SheetError>> {
    let mut errors = Vec::new();
    let err = |file: &str, message: String| SheetError {
        file: file.to_string(),
        at: String::new(),
        message,
    };
    let Some(first) = returned.first() else {
        return Err(vec![err("", "没有审查表 / no review sheets given".into())]);
    };
    let want_id = match expected {
        Some((seed, rows)) => draw_id(seed, rows),
        None => first.data.draw_id.clone(),
    };
    let mut reviewers: BTreeMap<&str, &str> = BTreeMap::new();
    let mut cases_seen: BTreeMap<(String, String, String), &str> = BTreeMap::new();
    for r in returned {
        if r.data.draw_id != want_id {
            errors.push(err(
                &r.file,
                format!(
                    "来自另一次抽样（抽样编号 {}，应为 {want_id}） / from another draw (draw id {}, expected {want_id})",
                    r.data.draw_id, r.data.draw_id
                ),
            ));
        }
        if let Some(other) = reviewers.insert(&r.data.reviewer, &r.file) {
            errors.push(err(
                &r.file,
                format!(
                    "审查人 {} 的审查表重复（另见 {other}） / a second sheet of this reviewer",
                    r.data.reviewer
                ),
            ));
            continue;
        }
        for c in &r.data.cases {
            let key = (
                c.file.clone(),
                c.at.clone(),
                c.case_no.clone().unwrap_or_default(),
            );
            if let Some(other) = cases_seen.insert(key, &r.file) {
                errors.push(err(
                    &r.file,
                    format!(
                        "案件 {} 也在 {other} 中 / the case is also in {other}",
                        c.case_no.as_deref().unwrap_or(&c.file)
                    ),
                ));
            }
        }
    }
    if let Some((_, rows)) = expected {
        let missing: BTreeSet<&str> = rows
            .iter()
            .map(|a| a.reviewer.as_str())
            .filter(|n| !reviewers.contains_key(n))
            .collect();
        for n in missing {
            errors.push(err(
                "",
                format!("审查人 {n} 的审查表没有交回 / no sheet from reviewer {n}"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut result = ScanResult::default();
    let mut rejected = Vec::new();
    let mut rates: BTreeMap<String, RuleRate> = BTreeMap::new();
    let mut sheets = Vec::new();
    let mut inputs: BTreeMap<String, (Option<String>, String)> = BTreeMap::new();
    let mut confirmed_by: Vec<(Finding, Confirmation)> = Vec::new();
    let mut unreviewed = Vec::new();
    for r in returned {
        let signed_of = |f: &Finding| -> Option<(String, chrono::NaiveDate)> {
            r.case_verdicts
                .iter()
                .find(|v| {
                    let c = &r.data.cases[v.case];
                    c.file == f.file && c.case_no == f.case_no
                })
                .map(|v| (v.reviewer.clone(), v.date))
        };
        for (i, c) in r.data.cases.iter().enumerate() {
            if !r.case_verdicts.iter().any(|v| v.case == i) {
                unreviewed.push(Unreviewed {
                    reviewer: r.data.reviewer.clone(),
                    case_no: c.case_no.clone(),
                    file: c.file.clone(),
                });
            }
        }
        let by_id: BTreeMap<&str, &super::sheets::SheetFinding> =
            r.data.findings.iter().map(|f| (f.id.as_str(), f)).collect();
        let mut s = SheetSummary {
            file: r.file.clone(),
            reviewer: r.data.reviewer.clone(),
            brigade: r.data.reviewer_brigade.clone(),
            cases: r.data.cases.len(),
            confirmed: 0,
            rejected: 0,
            added: r.added.len(),
        };
        for v in &r.verdicts {
            // Validated: the id and the record are known and well-formed.
            let Some(f) = by_id.get(v.id.as_str()).and_then(|f| f.finding()) else {
                continue;
            };
            let rate = rates.entry(f.code.clone()).or_insert_with(|| RuleRate {
                code: f.code.clone(),
                confirmed: 0,
                rejected: 0,
            });
            if v.confirmed {
                rate.confirmed += 1;
                s.confirmed += 1;
                confirmed_by.push((
                    f.clone(),
                    Confirmation {
                        fingerprint: f.fingerprint(),
                        reviewer: r.data.reviewer.clone(),
                        signed: signed_of(&f),
                        added: false,
                    },
                ));
                result.findings.push(f);
            } else {
                rate.rejected += 1;
                s.rejected += 1;
                rejected.push(Rejected {
                    finding: f,
                    reviewer: r.data.reviewer.clone(),
                    reason: v.reason.clone(),
                });
            }
        }
        for a in &r.added {
            let c = &r.data.cases[a.case];
            let info = a
                .code
                .as_deref()
                .and_then(|code| rules.get(code).copied())
                .unwrap_or(&R001);
            let reviewer_rule = info.code == R001.code;
            let finding = Finding {
                code: info.code.to_string(),
                severity: a.severity.unwrap_or(info.severity),
                category: a.category.unwrap_or(info.category),
                case_no: c.case_no.clone(),
                file: c.file.clone(),
                place: super::parse_place(&c.at).unwrap_or_default(),
                message: a.description.clone(),
                basis: if !a.basis.is_empty() || reviewer_rule {
                    a.basis.clone()
                } else {
                    info.basis.get(lang).to_string()
                },
                help: if reviewer_rule {
                    String::new()
                } else {
                    info.fix.get(lang).to_string()
                },
                subject: format!("reviewer:{}", a.description),
                waived: None,
                evidence: Default::default(),
            };
            confirmed_by.push((
                finding.clone(),
                Confirmation {
                    fingerprint: finding.fingerprint(),
                    reviewer: r.data.reviewer.clone(),
                    signed: signed_of(&finding),
                    added: true,
                },
            ));
            result.findings.push(finding);
        }
        for c in &r.data.cases {
            inputs.insert(c.file.clone(), (c.sha256.clone(), c.brigade.clone()));
            result.cases.push(CaseSummary {
                file: c.file.clone(),
                at: super::parse_place(&c.at).unwrap_or_default(),
                source: match c.source.as_str() {
                    "ledger" => crate::model::SourceKind::Ledger,
                    "document" => crate::model::SourceKind::Document,
                    _ => crate::model::SourceKind::Xml,
                },
                case_no: c.case_no.clone(),
                brigade: c.brigade.clone(),
                agency: None,
                decision_no: None,
                decided_on: None,
                party: None,
                violation_date: None,
                bases: Vec::new(),
                fine: None,
                procedure_summary: c.summary,
                coverage: Default::default(),
            });
        }
        sheets.push(s);
    }
    let mut cases = result.cases.to_vec();
    cases.sort_by(|a, b| (&a.file, &a.at, &a.case_no).cmp(&(&b.file, &b.at, &b.case_no)));
    result.cases = cases.into();
    result
        .findings
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    rejected.sort_by(|a, b| a.finding.sort_key().cmp(&b.finding.sort_key()));
    result.files = inputs.len();
    result.inputs = inputs
        .into_iter()
        .map(|(file, (sha256, brigade))| InputRecord {
            file,
            bytes: 0,
            sha256,
            brigade: Some(brigade),
        })
        .collect();
    let mut rates: Vec<RuleRate> = rates.into_values().collect();
    rates.sort_by(|a, b| {
        b.rate()
            .total_cmp(&a.rate())
            .then(b.rejected.cmp(&a.rejected))
            .then(a.code.cmp(&b.code))
    });
    let masked = returned.iter().any(|r| r.data.masked);
    confirmed_by.sort_by(|a, b| a.0.sort_key().cmp(&b.0.sort_key()));
    Ok(Merged {
        seed: first.data.seed,
        draw_id: want_id,
        masked,
        result,
        rejected,
        rates,
        sheets,
        confirmed_by: confirmed_by.into_iter().map(|(_, c)| c).collect(),
        unreviewed,
    })
}

#[cfg(test)]
mod tests;
