//! `caselint review-sheets`: one workbook per reviewer, to confirm or reject the machine's
//! findings on their cases and to add what the machine cannot see.
//!
//! Sheets of a review workbook (Chinese names; English with `--lang en`):
//! - **审查**: one row per machine finding — id, case no, file, place, rule, severity, message,
//!   basis, fingerprint (fixed, locked) — then 结论 (a drop-down: 确认/驳回) and 理由. The sheet
//!   is protected without a password, so only the two answer columns take typing by accident.
//! - **补充问题**: `--blank-rows` rows per case with the case number and file filled in, for
//!   findings the machine cannot see: rule code (optional), severity, category (optional),
//!   description, basis. More rows may be added below.
//! - **说明**: how to fill the workbook in, and the reviewer's cases.
//! - **_caselint** (very hidden, protected): tool version, seed, draw id, the cases and every
//!   machine finding as JSON, and a SHA-256 over all of it. `merge` rebuilds the findings from
//!   here and compares every fixed cell of 审查 with what was written, so an edited cell is
//!   named exactly; the workbook is self-contained (merge needs no case files).
//!
//! Rows are matched by their id, not their position, so a copy sorted in another program (or
//! with the protection removed) still merges.
//! Existing workbooks are never overwritten: they may hold a reviewer's work.

use super::sample::{draw_id, Assignment};
use super::{case_key, procedure_label};
use crate::finding::{Finding, Lang, Severity};
use crate::model::run::ScanResult;
use crate::report::score::case_of_findings;
use crate::report::xlsx::display_width;
use rust_xlsxwriter::{
    DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, ProtectionOptions, Workbook,
    XlsxError,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Format version of the metadata sheet.
pub const FORMAT: &str = "1";
/// Marker in the metadata sheet's A1.
pub const MAGIC: &str = "caselint-review-sheet";
/// The metadata sheet's name (the same in every language).
pub const META: &str = "_caselint";

/// The visible sheets' names: (review, added, about).
pub fn sheet_names(lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::Zh => ("审查", "补充问题", "说明"),
        Lang::En => ("Review", "Added", "About"),
    }
}

/// Columns of 审查; the first [`FIXED`] are the machine's and must come back unchanged.
pub const MAIN_COLUMNS: [(&str, &str); 11] = [
    ("编号", "id"),
    ("案号", "case no"),
    ("文件", "file"),
    ("位置", "place"),
    ("规则", "rule"),
    ("级别", "severity"),
    ("问题", "finding"),
    ("依据", "basis"),
    ("指纹", "fingerprint"),
    ("结论（确认/驳回）", "verdict (confirm/reject)"),
    ("理由", "reason"),
];
pub const FIXED: usize = 9;
pub const VERDICT_COL: u16 = 9;
pub const REASON_COL: u16 = 10;

/// The per-case verdict sheet's name: a row per case for 已审查无问题 / 有补充问题 with the
/// reviewer's name and the date, so a reviewed case with nothing to add is told from an unopened
/// one.
pub fn cases_sheet_name(lang: Lang) -> &'static str {
    lang.pick("案件结论", "Cases")
}

/// Columns of 案件结论; the first three are fixed.
pub const CASE_COLUMNS: [(&str, &str); 6] = [
    ("案号", "case no"),
    ("文件", "file"),
    ("位置", "place"),
    (
        "结论（已审查无问题/有补充问题）",
        "verdict (nothing to add/findings added)",
    ),
    ("审查人", "reviewer"),
    ("审查日期", "date"),
];

pub fn case_header(lang: Lang) -> Vec<&'static str> {
    CASE_COLUMNS.iter().map(|c| lang.pick(c.0, c.1)).collect()
}

/// The per-case verdicts: (reviewed with nothing to add, findings added on 补充问题).
pub fn case_verdicts(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Zh => ["已审查无问题", "有补充问题"],
        Lang::En => ["nothing to add", "findings added"],
    }
}

/// Columns of 补充问题.
pub const ADDED_COLUMNS: [(&str, &str); 7] = [
    ("案号", "case no"),
    ("文件", "file"),
    ("规则（可选）", "rule (optional)"),
    ("级别", "severity"),
    ("类别（可选）", "category (optional)"),
    ("问题描述", "description"),
    ("依据（可选）", "basis (optional)"),
];

pub fn main_header(lang: Lang) -> Vec<&'static str> {
    MAIN_COLUMNS.iter().map(|c| lang.pick(c.0, c.1)).collect()
}

pub fn added_header(lang: Lang) -> Vec<&'static str> {
    ADDED_COLUMNS.iter().map(|c| lang.pick(c.0, c.1)).collect()
}

/// The verdict drop-down's values: (confirm, reject).
pub fn verdicts(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Zh => ["确认", "驳回"],
        Lang::En => ["confirm", "reject"],
    }
}

/// A case on the sheet, as the metadata records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetCase {
    pub file: String,
    pub at: String,
    pub case_no: Option<String>,
    pub brigade: String,
    pub summary: bool,
    /// `xml` or `ledger`.
    pub source: String,
    pub sha256: Option<String>,
}

/// A machine finding on the sheet, as the metadata records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetFinding {
    /// `M1`, `M2`, …: the row's identity.
    pub id: String,
    pub code: String,
    pub severity: String,
    pub category: String,
    pub case_no: Option<String>,
    pub file: String,
    pub place: String,
    pub message: String,
    pub basis: String,
    pub help: String,
    pub subject: String,
}

impl SheetFinding {
    pub fn of(id: usize, f: &Finding) -> SheetFinding {
        SheetFinding {
            id: format!("M{id}"),
            code: f.code.clone(),
            severity: f.severity.as_str().into(),
            category: f.category.as_str().into(),
            case_no: f.case_no.clone(),
            file: f.file.clone(),
            place: f.place.display(),
            message: f.message.clone(),
            basis: f.basis.clone(),
            help: f.help.clone(),
            subject: f.subject.clone(),
        }
    }

    /// The finding back (the place as written; `None` for the unknown parts).
    pub fn finding(&self) -> Option<Finding> {
        Some(Finding {
            code: self.code.clone(),
            severity: Severity::parse(&self.severity)?,
            category: parse_category(&self.category)?,
            case_no: self.case_no.clone(),
            file: self.file.clone(),
            place: super::parse_place(&self.place)?,
            message: self.message.clone(),
            basis: self.basis.clone(),
            help: self.help.clone(),
            subject: self.subject.clone(),
            waived: None,
            evidence: Default::default(),
        })
    }

    /// The fixed cells of its row, as written (and as `merge` expects them back).
    pub fn cells(&self, lang: Lang) -> [String; FIXED] {
        let fingerprint = self.finding().map(|f| f.fingerprint()).unwrap_or_default();
        [
            self.id.clone(),
            self.case_no.clone().unwrap_or_default(),
            self.file.clone(),
            self.place.clone(),
            self.code.clone(),
            Severity::parse(&self.severity)
                .map(|s| s.label(lang).to_string())
                .unwrap_or_default(),
            self.message.clone(),
            self.basis.clone(),
            fingerprint,
        ]
    }
}

/// `file`, `subject`, … back to a category.
pub fn parse_category(s: &str) -> Option<crate::finding::Category> {
    use crate::finding::Category::*;
    [File, Subject, Procedure, Law, Document]
        .into_iter()
        .find(|c| c.as_str() == s)
}

/// Everything one reviewer's workbook holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetData {
    pub reviewer: String,
    pub reviewer_brigade: String,
    pub seed: u64,
    pub draw_id: String,
    pub lang: Lang,
    pub masked: bool,
    pub rules_hash: String,
    pub tool: String,
    pub cases: Vec<SheetCase>,
    pub findings: Vec<SheetFinding>,
}

impl SheetData {
    /// The metadata sheet's rows (key, value), checksum row included.
    pub fn meta_rows(&self) -> Vec<(String, String)> {
        let lang = match self.lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        };
        let mut rows: Vec<(String, String)> = vec![
            (MAGIC.into(), FORMAT.into()),
            ("tool".into(), self.tool.clone()),
            ("reviewer".into(), self.reviewer.clone()),
            ("reviewer_brigade".into(), self.reviewer_brigade.clone()),
            ("seed".into(), self.seed.to_string()),
            ("draw_id".into(), self.draw_id.clone()),
            ("lang".into(), lang.into()),
            ("masked".into(), self.masked.to_string()),
            ("rules_hash".into(), self.rules_hash.clone()),
        ];
        for c in &self.cases {
            rows.push(("case".into(), serde_json::to_string(c).unwrap_or_default()));
        }
        for f in &self.findings {
            rows.push((
                "finding".into(),
                serde_json::to_string(f).unwrap_or_default(),
            ));
        }
        let sum = checksum(&rows);
        rows.insert(9, ("checksum".into(), sum));
        rows
    }

    /// Reads the metadata rows back; `Err` says what is wrong with them.
    pub fn from_meta_rows(rows: &[(String, String)]) -> Result<SheetData, String> {
        let first = rows.first().ok_or("the metadata sheet is empty")?;
        if first.0 != MAGIC {
            return Err("not a caselint review sheet".into());
        }
        if first.1 != FORMAT {
            return Err(format!(
                "review-sheet format {} is not supported (this caselint reads {FORMAT})",
                first.1
            ));
        }
        let stored = rows
            .iter()
            .find(|r| r.0 == "checksum")
            .map(|r| r.1.clone())
            .ok_or("no checksum")?;
        let rest: Vec<(String, String)> =
            rows.iter().filter(|r| r.0 != "checksum").cloned().collect();
        if checksum(&rest) != stored {
            return Err("the metadata sheet was edited (checksum differs)".into());
        }
        let get = |k: &str| {
            rows.iter()
                .find(|r| r.0 == k)
                .map(|r| r.1.clone())
                .ok_or(format!("metadata `{k}` missing"))
        };
        let mut d = SheetData {
            reviewer: get("reviewer")?,
            reviewer_brigade: get("reviewer_brigade")?,
            seed: get("seed")?.parse().map_err(|_| "bad seed")?,
            draw_id: get("draw_id")?,
            lang: if get("lang")? == "en" {
                Lang::En
            } else {
                Lang::Zh
            },
            masked: get("masked")? == "true",
            rules_hash: get("rules_hash")?,
            tool: get("tool")?,
            cases: Vec::new(),
            findings: Vec::new(),
        };
        for (k, v) in rows {
            match k.as_str() {
                "case" => d
                    .cases
                    .push(serde_json::from_str(v).map_err(|e| format!("case record: {e}"))?),
                "finding" => {
                    let f: SheetFinding =
                        serde_json::from_str(v).map_err(|e| format!("finding record: {e}"))?;
                    if f.finding().is_none() {
                        return Err(format!("finding record {} is malformed", f.id));
                    }
                    d.findings.push(f)
                }
                _ => {}
            }
        }
        Ok(d)
    }
}

fn checksum(rows: &[(String, String)]) -> String {
    let mut s = String::new();
    for (k, v) in rows {
        s.push_str(k);
        s.push('\u{1f}');
        s.push_str(v);
        s.push('\n');
    }
    crate::scan::sha256_hex(s.as_bytes())
}

fn width(texts: impl Iterator<Item = usize>, header: &str) -> f64 {
    let w = texts.max().unwrap_or(0).max(display_width(header) + 3);
    (w + 2).clamp(6, 60) as f64
}

/// Writes a reviewer's workbook (same bytes for the same data).
pub fn workbook(d: &SheetData, blank_rows: usize) -> Result<Vec<u8>, XlsxError> {
    let lang = d.lang;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let (main_name, added_name, about_name) = sheet_names(lang);
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("caselint review sheet: {}", d.reviewer))
            .set_author("caselint")
            .set_creation_datetime(&date),
    );
    let head = Format::new()
        .set_bold()
        .set_background_color(0xDDEBF7)
        .set_align(FormatAlign::Top)
        .set_text_wrap();
    let fixed = Format::new()
        .set_align(FormatAlign::Top)
        .set_background_color(0xF2F2F2);
    let fixed_wrap = fixed.clone().set_text_wrap();
    let open = Format::new()
        .set_align(FormatAlign::Top)
        .set_text_wrap()
        .set_unlocked();

    // 审查
    let ws = wb.add_worksheet();
    ws.set_name(main_name)?;
    let header = main_header(lang);
    let rows: Vec<[String; FIXED]> = d.findings.iter().map(|f| f.cells(lang)).collect();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
        let w = if c < FIXED {
            width(rows.iter().map(|r| display_width(&r[c])), h)
        } else {
            30.0
        };
        ws.set_column_width(c as u16, w)?;
    }
    ws.set_column_format(VERDICT_COL, &open)?;
    ws.set_column_format(REASON_COL, &open)?;
    for (i, r) in rows.iter().enumerate() {
        let rn = i as u32 + 1;
        for (c, text) in r.iter().enumerate() {
            let f = if c == 6 || c == 7 {
                &fixed_wrap
            } else {
                &fixed
            };
            if text.is_empty() {
                ws.write_blank(rn, c as u16, f)?;
            } else {
                ws.write_string_with_format(rn, c as u16, text, f)?;
            }
        }
    }
    let last = rows.len().max(1) as u32;
    let v = verdicts(lang);
    let validation = DataValidation::new()
        .allow_list_strings(&v)?
        .set_input_title(t("结论", "Verdict"))?
        .set_input_message(t(
            "确认：机器发现的问题成立；驳回：不成立，请在“理由”列写明理由。",
            "confirm: the finding stands; reject: it does not — give the reason.",
        ))?
        .set_error_message(t(
            "请从下拉列表中选择：确认 或 驳回",
            "Pick confirm or reject",
        ))?;
    ws.add_data_validation(1, VERDICT_COL, last, VERDICT_COL, &validation)?;
    ws.set_freeze_panes(1, 2)?;
    ws.autofilter(0, 0, rows.len() as u32, REASON_COL)?;
    let mut options = ProtectionOptions::new();
    options.use_autofilter = true;
    options.sort = true;
    options.format_columns = true;
    options.format_rows = true;
    ws.protect_with_options(&options);

    // 补充问题
    let ws = wb.add_worksheet();
    ws.set_name(added_name)?;
    let header = added_header(lang);
    let widths = [
        width(
            d.cases
                .iter()
                .map(|c| display_width(c.case_no.as_deref().unwrap_or(""))),
            header[0],
        ),
        width(d.cases.iter().map(|c| display_width(&c.file)), header[1]),
        width(std::iter::empty(), header[2]),
        width(std::iter::empty(), header[3]),
        width(std::iter::empty(), header[4]),
        50.0,
        30.0,
    ];
    for (c, h) in header.iter().enumerate() {
        ws.set_column_width(c as u16, widths[c])?;
        ws.set_column_format(c as u16, &open)?;
        ws.write_string_with_format(0, c as u16, *h, &head)?;
    }
    let mut rn = 1u32;
    for c in &d.cases {
        for _ in 0..blank_rows {
            ws.write_string_with_format(rn, 0, c.case_no.as_deref().unwrap_or(""), &open)?;
            ws.write_string_with_format(rn, 1, &c.file, &open)?;
            rn += 1;
        }
    }
    // Room below the pre-filled rows too.
    let last = rn.max(1) + 200;
    let severities: Vec<&str> = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .map(|s| s.label(lang))
        .collect();
    ws.add_data_validation(
        1,
        3,
        last,
        3,
        &DataValidation::new().allow_list_strings(&severities)?,
    )?;
    use crate::finding::Category;
    let categories: Vec<&str> = [
        Category::Subject,
        Category::Procedure,
        Category::Law,
        Category::Document,
    ]
    .iter()
    .map(|c| c.label(lang))
    .collect();
    ws.add_data_validation(
        1,
        4,
        last,
        4,
        &DataValidation::new().allow_list_strings(&categories)?,
    )?;
    ws.set_freeze_panes(1, 0)?;

    // 案件结论
    let ws = wb.add_worksheet();
    ws.set_name(cases_sheet_name(lang))?;
    let header = case_header(lang);
    let widths = [
        width(
            d.cases
                .iter()
                .map(|c| display_width(c.case_no.as_deref().unwrap_or(""))),
            header[0],
        ),
        width(d.cases.iter().map(|c| display_width(&c.file)), header[1]),
        width(d.cases.iter().map(|c| display_width(&c.at)), header[2]),
        width(std::iter::empty(), header[3]),
        16.0,
        14.0,
    ];
    for (c, h) in header.iter().enumerate() {
        ws.set_column_width(c as u16, widths[c])?;
        ws.write_string_with_format(0, c as u16, *h, &head)?;
    }
    for c in 3..6u16 {
        ws.set_column_format(c, &open)?;
    }
    for (i, c) in d.cases.iter().enumerate() {
        let rn = i as u32 + 1;
        ws.write_string_with_format(rn, 0, c.case_no.as_deref().unwrap_or(""), &fixed)?;
        ws.write_string_with_format(rn, 1, &c.file, &fixed)?;
        ws.write_string_with_format(rn, 2, &c.at, &fixed)?;
        for col in 3..6u16 {
            ws.write_blank(rn, col, &open)?;
        }
    }
    let last = d.cases.len().max(1) as u32;
    ws.add_data_validation(
        1,
        3,
        last,
        3,
        &DataValidation::new()
            .allow_list_strings(&case_verdicts(lang))?
            .set_input_message(t(
                "每件案件审查完后填写：没有机器以外的问题填“已审查无问题”，在“补充问题”表填了问题的填“有补充问题”；并签名、写日期。",
                "When done with a case: \"nothing to add\", or \"findings added\" when you added rows on Added; then sign and date.",
            ))?,
    )?;
    ws.set_freeze_panes(1, 1)?;
    ws.protect_with_options(&options);

    // 说明
    let ws = wb.add_worksheet();
    ws.set_name(about_name)?;
    let lines: [String; 7] = [
        format!("{}：{}（{}）", t("审查人", "Reviewer"), d.reviewer, d.reviewer_brigade),
        format!("{}：{}    {}：{}", t("抽样种子", "Seed"), d.seed, t("抽样编号", "Draw id"), d.draw_id),
        t(
            "1. 在“审查”表逐行填写“结论”（确认/驳回）；驳回必须写明理由。",
            "1. On Review, give each row a verdict (confirm/reject); a rejection needs a reason.",
        )
        .to_string(),
        t(
            "2. 机器未发现的问题填在“补充问题”表：问题描述和级别必填，规则代码和类别可选。",
            "2. Add what the machine missed on Added: description and severity required; rule and category optional.",
        )
        .to_string(),
        t(
            "3. 每件案件审查完后在“案件结论”表填写结论（已审查无问题/有补充问题）、审查人姓名和日期；不要修改灰色列、表头或表名，不要删除行；可以筛选。",
            "3. On Cases, give each case a verdict (nothing to add/findings added), your name and the date; do not edit the grey columns, headers or sheet names, nor delete rows; filtering is fine.",
        )
        .to_string(),
        if d.masked {
            t("个人姓名和身份证号已遮蔽。", "Personal names and ID numbers are masked.").to_string()
        } else {
            String::new()
        },
        format!("{} {}", d.tool, t("生成", "generated this workbook")),
    ];
    for (i, l) in lines.iter().enumerate() {
        ws.write_string(i as u32, 0, l)?;
    }
    let table_row = lines.len() as u32 + 1;
    let case_head = [
        t("案号", "case no"),
        t("文件", "file"),
        t("位置", "place"),
        t("大队", "brigade"),
        t("程序", "procedure"),
        t("机器发现问题数", "machine findings"),
    ];
    for (c, h) in case_head.iter().enumerate() {
        ws.write_string_with_format(table_row, c as u16, *h, &head)?;
    }
    for (i, c) in d.cases.iter().enumerate() {
        let r = table_row + 1 + i as u32;
        let n = d
            .findings
            .iter()
            .filter(|f| f.file == c.file && f.case_no == c.case_no)
            .count();
        ws.write_string(r, 0, c.case_no.as_deref().unwrap_or(""))?;
        ws.write_string(r, 1, &c.file)?;
        ws.write_string(r, 2, &c.at)?;
        ws.write_string(r, 3, &c.brigade)?;
        ws.write_string(r, 4, procedure_label(c.summary, lang))?;
        ws.write_number(r, 5, n as f64)?;
    }
    ws.set_column_width(
        0,
        width(
            d.cases
                .iter()
                .map(|c| display_width(c.case_no.as_deref().unwrap_or(""))),
            "案号",
        ),
    )?;
    ws.set_column_width(
        1,
        width(d.cases.iter().map(|c| display_width(&c.file)), "文件"),
    )?;

    // _caselint
    let ws = wb.add_worksheet();
    ws.set_name(META)?;
    for (i, (k, v)) in d.meta_rows().iter().enumerate() {
        ws.write_string(i as u32, 0, k)?;
        ws.write_string(i as u32, 1, v)?;
    }
    ws.set_very_hidden(true);
    ws.protect();
    wb.save_to_buffer()
}

/// The workbooks for a draw: reviewer → sheet data. Errors list every case of the draw not
/// found in the scan, every file changed since the draw, and every case assigned to its own
/// brigade.
pub fn plan(
    rows: &[Assignment],
    seed: u64,
    result: &ScanResult,
    lang: Lang,
    masked: bool,
) -> Result<BTreeMap<String, SheetData>, Vec<String>> {
    let id = draw_id(seed, rows);
    let cases = result.cases.to_vec();
    let index: BTreeMap<(String, String, String), usize> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| (case_key(c), i))
        .collect();
    let sha: BTreeMap<String, Option<String>> =
        result.inputs.iter().map(|i| (i.file, i.sha256)).collect();
    let owner = case_of_findings(result);
    let mut by_case: BTreeMap<usize, Vec<&Finding>> = BTreeMap::new();
    for (f, o) in result.findings.iter().zip(&owner) {
        if let Some(i) = o {
            by_case.entry(*i).or_default().push(f);
        }
    }
    let mut errors = Vec::new();
    let mut out: BTreeMap<String, SheetData> = BTreeMap::new();
    let label = |a: &Assignment| {
        format!(
            "{} ({} {})",
            a.case_no.as_deref().unwrap_or("?"),
            a.file,
            a.at
        )
    };
    // A drawn case is found by its file's SHA-256 first (the same export under any path, on any
    // computer), then by its file name relative to the scan root.
    let mut by_hash: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for (i, c) in cases.iter().enumerate() {
        if let Some(Some(h)) = sha.get(c.file.as_str()) {
            by_hash
                .entry((
                    h.clone(),
                    c.at.display(),
                    c.case_no.clone().unwrap_or_default(),
                ))
                .or_insert(i);
        }
    }
    for a in rows {
        let hashed = a.sha256.as_ref().and_then(|h| {
            by_hash
                .get(&(
                    h.clone(),
                    a.at.clone(),
                    a.case_no.clone().unwrap_or_default(),
                ))
                .copied()
        });
        let Some(ci) = hashed.or_else(|| index.get(&a.key()).copied()) else {
            errors.push(match crate::ui::lang() {
                Lang::Zh => format!(
                    "抽样案件 {} 不在给出的案卷中（文件内容和路径都对不上；请给出抽样时的那批导出文件）",
                    label(a)
                ),
                Lang::En => format!(
                    "drawn case {} is not in the files given (neither its content nor its path matches; give the exports the draw was made from)",
                    label(a)
                ),
            });
            continue;
        };
        let c = &cases[ci];
        if let (Some(want), Some(now)) =
            (&a.sha256, sha.get(c.file.as_str()).and_then(Option::as_ref))
        {
            if want != now {
                errors.push(match crate::ui::lang() {
                    Lang::Zh => format!(
                        "文件 {} 在抽样后已改变（SHA-256 {} → {}）",
                        a.file,
                        &want[..want.len().min(12)],
                        &now[..now.len().min(12)]
                    ),
                    Lang::En => format!(
                        "file {} changed since the draw (SHA-256 {} → {})",
                        a.file,
                        &want[..want.len().min(12)],
                        &now[..now.len().min(12)]
                    ),
                });
            }
        }
        if a.reviewer_brigade == c.brigade {
            errors.push(match crate::ui::lang() {
                Lang::Zh => format!("案件 {} 分给了本大队的审查人 {}", label(a), a.reviewer),
                Lang::En => format!(
                    "case {} is assigned to {}, a reviewer of its own brigade",
                    label(a),
                    a.reviewer
                ),
            });
        }
        let d = out.entry(a.reviewer.clone()).or_insert_with(|| SheetData {
            reviewer: a.reviewer.clone(),
            reviewer_brigade: a.reviewer_brigade.clone(),
            seed,
            draw_id: id.clone(),
            lang,
            masked,
            rules_hash: result.provenance.rules_hash.clone(),
            tool: format!("caselint {}", env!("CARGO_PKG_VERSION")),
            cases: Vec::new(),
            findings: Vec::new(),
        });
        d.cases.push(SheetCase {
            file: c.file.clone(),
            at: c.at.display(),
            case_no: c.case_no.clone(),
            brigade: c.brigade.clone(),
            summary: c.procedure_summary,
            source: match c.source {
                crate::model::SourceKind::Xml => "xml".into(),
                crate::model::SourceKind::Ledger => "ledger".into(),
                crate::model::SourceKind::Document => "document".into(),
            },
            sha256: sha.get(c.file.as_str()).cloned().flatten(),
        });
        for f in by_case.get(&ci).into_iter().flatten() {
            let n = d.findings.len() + 1;
            d.findings.push(SheetFinding::of(n, f));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
pub(crate) mod tests;
