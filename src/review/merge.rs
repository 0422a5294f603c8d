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

/// The forms of the merged report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeFormat {
    Json,
    Xlsx,
    Html,
}

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
        h += "<table class=\"sortable\"><thead><tr>";
        for c in &s.header {
            h += &format!("<th>{}</th>", esc(c));
        }
        h += "</tr></thead><tbody>\n";
        for row in &s.rows {
            h += "<tr>";
            for c in row {
                let text = c.text();
                h += &format!("<td>{}</td>", esc(&text));
            }
            h += "</tr>\n";
        }
        h += "</tbody></table>\n";
    }
    h += "</section>\n";
    h
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_extension_picks_the_format() {
        use std::path::Path;
        let f = |format, out: Option<&str>| output_format(format, out.map(Path::new));
        assert_eq!(f(None, Some("r.html")).unwrap(), MergeFormat::Html);
        assert_eq!(f(None, Some("r.XLSX")).unwrap(), MergeFormat::Xlsx);
        assert_eq!(f(None, Some("r.json")).unwrap(), MergeFormat::Json);
        assert_eq!(f(None, None).unwrap(), MergeFormat::Json);
        assert_eq!(f(None, Some("r.txt")).unwrap(), MergeFormat::Json);
        assert_eq!(
            f(Some(MergeFormat::Html), Some("r.html")).unwrap(),
            MergeFormat::Html
        );
        assert!(f(Some(MergeFormat::Json), Some("r.html")).is_err());
    }

    fn sheet_data() -> SheetData {
        crate::review::sheets::tests::data()
    }

    /// The grids of a freshly written workbook, as calamine reads them back.
    fn grids_of(d: &SheetData) -> Book {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.xlsx");
        std::fs::write(&p, crate::review::sheets::workbook(d, 2).unwrap()).unwrap();
        read_workbook(&p).unwrap()
    }

    fn set(g: &mut Grid, r: usize, c: usize, v: &str) {
        while g.len() <= r {
            g.push(Vec::new());
        }
        while g[r].len() <= c {
            g[r].push(String::new());
        }
        g[r][c] = v.to_string();
    }

    fn known(c: &str) -> bool {
        c == "P001" || c == "S002"
    }

    #[test]
    fn blank_sheet_needs_every_verdict() {
        let (meta, grids) = grids_of(&sheet_data());
        let errs = validate("张某.xlsx", &meta, &grids, &known).unwrap_err();
        let got: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            got,
            [
                "张某.xlsx: 审查!J2: 缺少结论（确认/驳回）",
                "张某.xlsx: 审查!J3: 缺少结论（确认/驳回）",
            ]
        );
    }

    #[test]
    fn every_problem_is_named_with_its_cell() {
        let (meta, mut grids) = grids_of(&sheet_data());
        let main = grids.get_mut("审查").unwrap();
        set(main, 1, 9, "确认");
        set(main, 2, 9, "驳回"); // no reason
        set(main, 2, 6, "改过的问题"); // fixed column edited
        set(main, 3, 4, "P009"); // a row without an id
        let added = grids.get_mut("补充问题").unwrap();
        set(added, 1, 5, "询问笔录未记录地点"); // no severity
        set(added, 2, 3, "严重"); // bad severity, no description
        set(added, 3, 0, "乙消立字〔2022〕第009号"); // unknown case
        set(added, 3, 1, "乙/9.xml");
        set(added, 3, 3, "警告");
        set(added, 3, 5, "x");
        set(added, 4, 2, "X999"); // unknown rule; severity from… nothing
        set(added, 4, 5, "y");
        let errs = validate("张某.xlsx", &meta, &grids, &known).unwrap_err();
        let got: Vec<(String, String)> = errs
            .iter()
            .map(|e| {
                (
                    e.at.clone(),
                    e.message.split(" / ").next().unwrap().to_string(),
                )
            })
            .collect();
        let want: Vec<(String, String)> = [
            (
                "审查!G3",
                "固定列“问题”被修改：应为“案卷缺少送达”，实为“改过的问题”",
            ),
            ("审查!K3", "驳回须写明理由"),
            ("审查!A4", "该行没有编号；新发现的问题请填在“补充问题”表"),
            ("补充问题!D2", "缺少级别（错误/警告/提示）"),
            ("补充问题!D3", "级别“严重”无法识别，应为 错误/警告/提示"),
            ("补充问题!F3", "缺少问题描述"),
            (
                "补充问题!B4",
                "未知案件“乙消立字〔2022〕第009号 乙/9.xml”（不是分给该审查人的案件）",
            ),
            ("补充问题!C5", "未知规则代码“X999”（可留空）"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn structure_edits() {
        let d = sheet_data();
        // A header renamed (a column inserted shifts every header after it).
        let (meta, mut grids) = grids_of(&d);
        set(grids.get_mut("审查").unwrap(), 0, 6, "备注");
        let e = validate("a.xlsx", &meta, &grids, &known).unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "a.xlsx: 审查!G1: 表头被修改：应为“问题”，实为“备注”"
        );
        assert_eq!(
            e.len(),
            1,
            "rows are not checked under a broken header: {e:?}"
        );
        // A deleted row, an unknown id and a repeated id.
        let (meta, mut grids) = grids_of(&d);
        let main = grids.get_mut("审查").unwrap();
        main.remove(2);
        set(main, 1, 9, "确认");
        set(main, 2, 0, "M9");
        let mut dup = main[1].clone();
        dup[9] = "确认".into();
        main.push(dup);
        let e = validate("a.xlsx", &meta, &grids, &known).unwrap_err();
        let got: Vec<String> = e.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            got,
            [
                "a.xlsx: 审查!A3: 未知编号“M9”",
                "a.xlsx: 审查!A4: 编号 M1 重复（第 2 行已有）",
                "a.xlsx: 审查: 编号 M2 的行（S002 甲消立字〔2022〕第002号）缺失，是否被删除？",
            ]
        );
        // A sheet renamed.
        let (meta, mut grids) = grids_of(&d);
        let g = grids.remove("补充问题").unwrap();
        grids.insert("Sheet2".into(), g);
        let e = validate("a.xlsx", &meta, &grids, &known).unwrap_err();
        assert!(
            e.iter().any(|e| e.message.starts_with("缺少“补充问题”表")),
            "{e:?}"
        );
        // The metadata edited.
        let (mut meta, grids) = grids_of(&d);
        meta[2].1 = "李某".into();
        let e = validate("a.xlsx", &meta, &grids, &known).unwrap_err();
        assert!(
            e[0].to_string()
                .starts_with("a.xlsx: _caselint: 审查表的隐藏数据表被改动或损坏")
                && e[0]
                    .to_string()
                    .contains("the metadata sheet was edited (checksum differs)"),
            "{}",
            e[0]
        );
    }

    fn filled(d: &SheetData, verdicts: &[(&str, &str)], added: &[[&str; 7]]) -> Returned {
        let (meta, mut grids) = grids_of(d);
        let main = grids.get_mut("审查").unwrap();
        for (i, (v, reason)) in verdicts.iter().enumerate() {
            set(main, i + 1, 9, v);
            set(main, i + 1, 10, reason);
        }
        let g = grids.get_mut("补充问题").unwrap();
        for (i, row) in added.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                set(g, i + 1, c, v);
            }
        }
        validate("张某.xlsx", &meta, &grids, &|c: &str| known(c)).unwrap()
    }

    #[test]
    fn merge_confirmed_added_rejected() {
        let d = sheet_data();
        let no1 = d.cases[0].case_no.clone().unwrap();
        let r = filled(
            &d,
            &[("确认", ""), ("reject", "执法证号在附件中")],
            &[
                [&no1, "", "", "错误", "适用法律", "违法事实认定证据不足", ""],
                [&no1, "甲/1.xml", "p001", "", "", "缺少集体讨论记录", ""],
            ],
        );
        let infos = crate::rules::builtin_infos();
        let mut index = crate::rules::index(&infos);
        index.insert("R001", &R001);
        let m = merge(std::slice::from_ref(&r), None, &index, Lang::Zh).unwrap();
        let codes: Vec<(&str, Severity, Category)> = m
            .result
            .findings
            .iter()
            .map(|f| (f.code.as_str(), f.severity, f.category))
            .collect();
        assert_eq!(
            codes,
            [
                // Added with a rule code: the rule's severity and category.
                ("P001", Severity::Error, Category::Procedure),
                ("R001", Severity::Error, Category::Law),
                // The confirmed machine finding.
                ("P001", Severity::Error, Category::Procedure),
            ]
        );
        // The added findings sit on the case (its place), so they score.
        assert!(m.result.findings[..2]
            .iter()
            .all(|f| f.place == Place::line(2, 1)));
        assert_eq!(m.result.findings[0].message, "缺少集体讨论记录");
        assert_eq!(m.result.findings[0].basis, index["P001"].basis.zh);
        assert_eq!(m.rejected.len(), 1);
        assert_eq!(m.rejected[0].reason, "执法证号在附件中");
        assert_eq!(m.rejected[0].finding.code, "S002");
        assert_eq!(
            m.rates,
            [
                RuleRate {
                    code: "S002".into(),
                    confirmed: 0,
                    rejected: 1
                },
                RuleRate {
                    code: "P001".into(),
                    confirmed: 1,
                    rejected: 0
                },
            ]
        );
        let scores =
            crate::report::score::score_cases(&m.result, crate::report::score::Scoring::shipped());
        assert_eq!(scores.len(), 2);
        // An error in 适用法律 is a basic-item failure: the case fails whatever its points.
        assert_eq!(scores[0].veto, ["R001"]);
        assert!(
            scores[1].deductions.is_empty(),
            "the rejected finding does not score"
        );
        // The fingerprint of a merged machine finding is the sheet's.
        assert_eq!(
            m.result.findings[2].fingerprint(),
            d.findings[0].cells(Lang::Zh)[8]
        );
    }

    /// The page's 互查结果 says "（无）" for no rejected finding instead of a bare header row.
    #[test]
    fn no_rejection_is_said_not_an_empty_table() {
        let d = sheet_data();
        let r = filled(&d, &[("确认", ""), ("确认", "")], &[]);
        let infos = crate::rules::builtin_infos();
        let mut index = crate::rules::index(&infos);
        index.insert("R001", &R001);
        let m = merge(std::slice::from_ref(&r), None, &index, Lang::Zh).unwrap();
        assert!(m.rejected.is_empty());
        let run = Run {
            result: &m.result,
            lang: Lang::Zh,
            rules: &index,
            elapsed: None,
            scoring: None,
            view: Default::default(),
        };
        let h = review_html(&m, &run);
        assert_eq!(h.matches("<table").count(), 1, "{h}");
        assert!(h.contains("（无）"), "{h}");
    }

    #[test]
    fn cross_sheet_checks() {
        let d = sheet_data();
        let r = filled(&d, &[("确认", ""), ("确认", "")], &[]);
        let mut other = r.clone();
        other.file = "张某 (1).xlsx".into();
        let index = crate::rules::index(&[]);
        let e = merge(&[r.clone(), other.clone()], None, &index, Lang::Zh).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].message.contains("审查表重复"), "{e:?}");
        other.data.reviewer = "李某".into();
        other.data.draw_id = "zzz".into();
        let e = merge(&[r.clone(), other], None, &index, Lang::Zh).unwrap_err();
        let msgs: Vec<&str> = e
            .iter()
            .map(|e| e.message.split(" / ").next().unwrap())
            .collect();
        assert_eq!(
            msgs,
            [
                "来自另一次抽样（抽样编号 zzz，应为 abc）",
                "案件 甲消立字〔2022〕第001号 也在 张某.xlsx 中",
                "案件 甲消立字〔2022〕第002号 也在 张某.xlsx 中",
            ]
        );
    }
}
