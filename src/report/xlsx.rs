//! The review-meeting workbook (review.md, "Outputs: xlsx"): findings, case scores, brigade
//! summary (with a 合计 row, 合格率, 不合格率 and rank), the rules that fired, the scoring
//! standard used and the run's provenance (inputs with SHA-256, version, rule-data hash,
//! settings), one sheet each.
//!
//! For the screen: frozen header rows, filters, column widths that fit Chinese text, 等线 (the
//! Chinese Office default; WPS substitutes its own) throughout. For paper and the archive: every
//! sheet prints A4 landscape, one page wide, with the header row repeated on each page, the title
//! in the page header and page numbers in the footer; a title block (unit, year, scope, date)
//! heads each sheet; numbers and rates are numbers (a rate is a fraction shown as a percentage),
//! so they sort and sum. Citizens' ID numbers are masked unless `--no-mask`.
//!
//! The bytes are the same for the same run and date: the document date is the run's date
//! (a fixed one when none is given, as in tests).

use super::score::{self, brigade_label, deduction_line, BrigadeSummary, CaseScore, CATEGORIES};
use super::{Reporter, Run};
use crate::finding::{Category, Lang, Place};
use crate::model::run::CaseSummary;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};
use std::io::{self, Write};

pub struct Xlsx;

/// Data rows per sheet: Excel's limit less the title block and the header row.
const MAX_ROWS: usize = 1_048_572;
/// Widest column, in character cells; longer text wraps (a printed page stays readable).
const MAX_WIDTH: usize = 40;
/// The font: 等线 is the Chinese Office default since 2016; WPS and older Office substitute.
pub const FONT: &str = "等线";
/// Row of the header in a sheet written by [`workbook_for`] (0-based): title, details, header.
pub const HEADER_ROW: u32 = 2;

/// One cell's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A number shown with one decimal.
    Dec(f64),
    /// A fraction (0–1) shown as a percentage with one decimal: a number, so it sorts.
    Pct(f64),
    /// The label that starts a totals row (合计): the row is written in bold, after the filter.
    Total(String),
    Empty,
}

impl Cell {
    /// The cell as text (HTML tables, widths).
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) | Cell::Total(t) => t.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Dec(v) => format!("{v:.1}"),
            Cell::Pct(v) => format!("{:.1}%", v * 100.0),
            Cell::Empty => String::new(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}
impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Int(n as i64)
    }
}
impl From<Option<f64>> for Cell {
    fn from(v: Option<f64>) -> Cell {
        v.map(Cell::Dec).unwrap_or(Cell::Empty)
    }
}

/// A sheet before it is written: kept apart from the writer so widths are computed on text.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Rows left out because of Excel's row limit.
    pub truncated: usize,
}

/// Display width in character cells: CJK and full-width characters count 2.
/// Points a line of 11-point 等线 takes in a row.
const LINE_HEIGHT: f64 = 14.5;

/// Lines `text` takes when wrapped in a column `width` characters wide (a CJK character counts
/// two). An estimate on the safe side: Excel breaks at words, so a line holds a little less.
fn wrapped_lines(text: &str, width: usize) -> usize {
    let room = width.saturating_sub(2).max(1);
    text.lines()
        .map(|l| display_width(l).div_ceil(room).max(1))
        .sum::<usize>()
        .max(1)
}

pub fn display_width(s: &str) -> usize {
    s.lines()
        .map(|l| l.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum())
        .max()
        .unwrap_or(0)
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

impl Sheet {
    pub fn new(name: &str, header: &[&str]) -> Sheet {
        Sheet {
            name: name.to_string(),
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
            truncated: 0,
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        if self.rows.len() < MAX_ROWS {
            self.rows.push(row);
        } else {
            self.truncated += 1;
        }
    }

    /// Column widths (character cells) fitting the header and the widest line of any cell.
    pub fn widths(&self) -> Vec<usize> {
        (0..self.header.len())
            .map(|i| {
                let cells = self.rows.iter().filter_map(|r| r.get(i)).map(|c| match c {
                    Cell::Text(s) | Cell::Total(s) => display_width(s),
                    Cell::Empty => 0,
                    other => other.text().len(),
                });
                // Bold header text is a little wider; filter buttons need room too.
                let w = cells
                    .max()
                    .unwrap_or(0)
                    .max(display_width(&self.header[i]) + 3);
                (w + 2).clamp(6, MAX_WIDTH)
            })
            .collect()
    }

    /// Data rows, without a totals row at the end.
    fn data_rows(&self) -> usize {
        let totals = self
            .rows
            .iter()
            .rev()
            .take_while(|r| matches!(r.first(), Some(Cell::Total(_))))
            .count();
        self.rows.len() - totals
    }
}

fn sheet_names(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::Zh => [
            "问题清单",
            "案件评分",
            "大队汇总",
            "规则统计",
            "评分标准",
            "来源与校验",
        ],
        Lang::En => [
            "Findings",
            "Cases",
            "Brigades",
            "Rules",
            "Scoring",
            "Provenance",
        ],
    }
}

fn location(p: &Place, lang: Lang) -> String {
    p.display_in(lang)
}

/// The sheets of a run.
pub fn sheets(run: &Run) -> Vec<Sheet> {
    let lang = run.lang;
    let r = run.result;
    let std = run.scoring();
    let view = &run.view;
    let super::Scored {
        owner,
        cases: all_cases,
        scores,
    } = run.scored();
    let names = sheet_names(lang);
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);

    let mut findings = Sheet::new(
        names[0],
        &match lang {
            Lang::Zh => [
                "大队",
                "文件",
                "位置",
                "案件编号",
                "规则",
                "规则名称",
                "级别",
                "类别",
                "问题",
                "依据",
                "整改",
                "豁免理由",
            ],
            Lang::En => [
                "brigade",
                "file",
                "location",
                "case number",
                "rule",
                "rule title",
                "severity",
                "category",
                "what is wrong",
                "basis",
                "how to fix",
                "waived because",
            ],
        },
    );
    let summaries = score::brigades(r, &scores, &owner, std, 3);
    let brigade_of = run.brigade_of_findings();
    for (f, b) in r.findings.iter().zip(&brigade_of) {
        let title = run
            .rules
            .get(f.code.as_str())
            .map(|i| i.title.get(lang))
            .unwrap_or("");
        findings.push(vec![
            b.as_deref()
                .map(|b| brigade_label(b, lang))
                .unwrap_or_default()
                .into(),
            f.file.as_str().into(),
            location(&f.place, lang).into(),
            f.case_no.clone().unwrap_or_default().into(),
            f.code.as_str().into(),
            title.into(),
            f.severity.label(lang).into(),
            f.category.label(lang).into(),
            view.shown(&f.message).into_owned().into(),
            f.basis.as_str().into(),
            f.help.as_str().into(),
            view.shown(f.waived.as_deref().unwrap_or(""))
                .into_owned()
                .into(),
        ]);
    }

    let mut cases = Sheet::new(
        names[1],
        &match lang {
            Lang::Zh => [
                "大队",
                "案件编号",
                "文件",
                "位置",
                "得分",
                "等级",
                "否决项",
                "扣分明细",
                "问题数",
            ],
            Lang::En => [
                "brigade",
                "case number",
                "file",
                "location",
                "score",
                "grade",
                "veto items",
                "deductions",
                "findings",
            ],
        },
    );
    for (c, s) in all_cases.iter().zip(&scores) {
        cases.push(case_row(run, c, s));
    }

    let brigades = brigade_sheet(names[2], run, &summaries);

    let mut rules = Sheet::new(
        names[3],
        &match lang {
            Lang::Zh => ["规则", "规则名称", "级别", "类别", "问题数", "涉及案件数"],
            Lang::En => [
                "rule",
                "title",
                "severity",
                "category",
                "findings",
                "cases hit",
            ],
        },
    );
    // Only the rules that fired, most findings first (ties by code).
    let mut counts: Vec<(String, (usize, usize))> =
        score::rule_counts(r, &owner).into_iter().collect();
    counts.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    for (code, (n, hit)) in &counts {
        let info = run.rules.get(code.as_str());
        let cat = Category::from_code(code);
        rules.push(vec![
            code.as_str().into(),
            info.map(|i| i.title.get(lang)).unwrap_or("").into(),
            info.map(|i| i.severity.label(lang)).unwrap_or("").into(),
            info.map(|i| i.category).unwrap_or(cat).label(lang).into(),
            (*n).into(),
            (*hit).into(),
        ]);
    }

    let mut standard = Sheet::new(
        names[4],
        &match lang {
            Lang::Zh => ["项目", "内容"],
            Lang::En => ["item", "value"],
        },
    );
    let mut kv = |k: &str, v: String| standard.push(vec![k.into(), v.into()]);
    kv(
        t("说明", "note"),
        super::score::note_in(&std.note, lang).to_string(),
    );
    kv(t("来源文件", "file"), std.origin.clone());
    kv(t("满分", "start"), std.start.to_string());
    let cats: Vec<&str> = std.veto_categories.iter().map(|c| c.label(lang)).collect();
    let mut codes: Vec<String> = std.veto_codes.iter().cloned().collect();
    for w in &std.veto_when {
        let mut cond = Vec::new();
        if let Some(sev) = w.severity {
            cond.push(match lang {
                Lang::Zh => format!("{}级", sev.label(lang)),
                Lang::En => format!("at {}", sev.label(lang)),
            });
        }
        if !w.subjects.is_empty() {
            let subjects: Vec<&str> = w.subjects.iter().map(String::as_str).collect();
            cond.push(match lang {
                Lang::Zh => format!("涉及 {}", subjects.join("、")),
                Lang::En => format!("about {}", subjects.join(", ")),
            });
        }
        codes.push(format!(
            "{}{}{}{}",
            w.code,
            t("（", " ("),
            cond.join(t("，", ", ")),
            t("）", ")")
        ));
    }
    kv(
        t("否决项（基础标准）", "veto items"),
        match lang {
            Lang::Zh => format!(
                "{}类别中的{}级问题；规则 {}",
                cats.join("、"),
                std.veto_severity.label(lang),
                codes.join("、")
            ),
            Lang::En => format!(
                "{} findings in {}; rules {}",
                std.veto_severity.label(lang),
                cats.join(", "),
                codes.join(", ")
            ),
        },
    );
    for (sev, rate) in std.by_severity.iter().rev() {
        kv(
            &format!("{}{}", t("扣分：", "deduction: "), sev.label(lang)),
            match lang {
                Lang::Zh => format!("每条 {} 分，同一规则每案最多 {} 分", rate.points, rate.cap),
                Lang::En => format!(
                    "{} per finding, at most {} per rule per case",
                    rate.points, rate.cap
                ),
            },
        );
    }
    let free: Vec<&str> = CATEGORIES
        .iter()
        .filter(|c| {
            [
                crate::finding::Severity::Error,
                crate::finding::Severity::Warning,
            ]
            .iter()
            .all(|s| {
                std.by_category
                    .get(&(**c, *s))
                    .is_some_and(|r| r.points.0 == 0)
            })
        })
        .map(|c| c.label(lang))
        .collect();
    if !free.is_empty() {
        kv(
            t("不扣分的类别", "categories without deductions"),
            match lang {
                Lang::Zh => format!(
                    "{}（导出数据质量问题，按大队统计，不扣执法案卷分）",
                    free.join("、")
                ),
                Lang::En => format!(
                    "{} (export data quality: counted per brigade, no enforcement points)",
                    free.join(", ")
                ),
            },
        );
    }
    for g in &std.grades {
        kv(
            &format!("{}{}", t("等级：", "grade: "), g.label(lang)),
            format!("≥ {}", g.min),
        );
    }
    if findings.truncated > 0 {
        let n = findings.truncated;
        kv(
            t("注意", "note"),
            match lang {
                Lang::Zh => {
                    format!("问题清单超出 Excel 行数上限，另有 {n} 条未列出（见 JSON 输出）")
                }
                Lang::En => format!(
                    "{n} findings beyond Excel's row limit are not listed (see the JSON output)"
                ),
            },
        );
    }
    let provenance = provenance_sheet(names[5], run);
    vec![findings, cases, brigades, rules, standard, provenance]
}

/// The brigade summary, best first, with a rank and a 合计 row.
fn brigade_sheet(name: &str, run: &Run, summaries: &[BrigadeSummary]) -> Sheet {
    let lang = run.lang;
    let std = run.scoring();
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut header: Vec<String> = vec![
        t("排名", "rank").into(),
        t("大队", "brigade").into(),
        t("案件数", "cases").into(),
        t("未评查文件", "unreadable files").into(),
        t("平均分", "mean score").into(),
    ];
    header.extend(std.grades.iter().map(|g| g.label(lang).to_string()));
    header.push(t("合格率", "pass rate").into());
    header.push(t("不合格率", "fail rate").into());
    header.push(t("问题数", "findings").into());
    header.push(t("数据质量问题", "data-quality findings").into());
    for c in CATEGORIES.iter().filter(|c| **c != Category::File) {
        header.push(match lang {
            Lang::Zh => format!("每百案{}问题", c.label(lang)),
            Lang::En => format!("{} per 100 cases", c.label(lang)),
        });
    }
    header.push(t("最常见规则", "top rules").into());
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut sheet = Sheet::new(name, &header);
    let ranks = score::ranks(summaries);
    let mut order: Vec<usize> = (0..summaries.len()).collect();
    order.sort_by_key(|&i| (ranks[i].unwrap_or(usize::MAX), i));
    for i in order {
        let b = &summaries[i];
        let mut row: Vec<Cell> = vec![
            ranks[i].map(Cell::from).unwrap_or(Cell::Empty),
            b.label(lang).into(),
        ];
        row.extend(brigade_numbers(b));
        let top: Vec<String> = b
            .top_rules
            .iter()
            .map(|(c, n)| format!("{c} ×{n}"))
            .collect();
        row.push(top.join(lang.pick("；", "; ")).into());
        sheet.push(row);
    }
    // 合计: every brigade's cases together.
    let all = total(summaries, std);
    let mut row = vec![Cell::Total(t("合计", "Total").into()), Cell::Empty];
    row.extend(brigade_numbers(&all));
    row.push(Cell::Empty);
    sheet.push(row);
    sheet
}

/// The summary of all brigades together (the 合计 row).
pub fn total(summaries: &[BrigadeSummary], std: &score::Scoring) -> BrigadeSummary {
    let mut all = BrigadeSummary {
        name: String::new(),
        cases: 0,
        mean: None,
        grades: vec![0; std.grades.len()],
        failed: 0,
        findings: 0,
        by_category: Default::default(),
        top_rules: Vec::new(),
        bins: [0; score::SCORE_BINS],
        unchecked: 0,
    };
    let mut sum = 0.0;
    for b in summaries {
        all.cases += b.cases;
        all.failed += b.failed;
        all.findings += b.findings;
        all.unchecked += b.unchecked;
        sum += b.mean.unwrap_or(0.0) * b.cases as f64;
        for (g, n) in all.grades.iter_mut().zip(&b.grades) {
            *g += n;
        }
        for (c, n) in &b.by_category {
            *all.by_category.entry(*c).or_default() += n;
        }
    }
    all.mean = (all.cases > 0).then(|| (sum * 10.0 / all.cases as f64).round() / 10.0);
    all
}

/// A brigade's numbers, from 案件数 to the per-100 columns.
fn brigade_numbers(b: &BrigadeSummary) -> Vec<Cell> {
    let mut row: Vec<Cell> = vec![b.cases.into(), b.unchecked.into(), b.mean.into()];
    row.extend(b.grades.iter().map(|n| Cell::from(*n)));
    row.push(b.pass_rate().map(Cell::Pct).unwrap_or(Cell::Empty));
    row.push(b.fail_rate().map(Cell::Pct).unwrap_or(Cell::Empty));
    row.push((b.findings - b.data_quality()).into());
    row.push(b.data_quality().into());
    row.extend(
        CATEGORIES
            .iter()
            .filter(|c| **c != Category::File)
            .map(|c| Cell::from(b.per_100(*c))),
    );
    row
}

/// What the result depends on: version, rule data, settings, every input with its SHA-256.
fn provenance_sheet(name: &str, run: &Run) -> Sheet {
    let lang = run.lang;
    let r = run.result;
    let t = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut s = Sheet::new(
        name,
        &match lang {
            Lang::Zh => ["类别", "名称", "内容", "SHA-256"],
            Lang::En => ["kind", "name", "value", "SHA-256"],
        },
    );
    s.push(vec![
        t("程序", "program").into(),
        "caselint".into(),
        env!("CARGO_PKG_VERSION").into(),
        Cell::Empty,
    ]);
    s.push(vec![
        t("规则数据", "rule data").into(),
        t("规则数据与配置", "rule data and configuration").into(),
        Cell::Empty,
        r.provenance.rules_hash.as_str().into(),
    ]);
    if let Some(d) = run.view.date {
        s.push(vec![
            t("报告日期", "date").into(),
            Cell::Empty,
            d.format("%Y-%m-%d").to_string().into(),
            Cell::Empty,
        ]);
    }
    for (k, v) in &r.provenance.settings {
        s.push(vec![
            t("设置", "setting").into(),
            k.as_str().into(),
            v.as_str().into(),
            Cell::Empty,
        ]);
    }
    for i in r.inputs.iter() {
        s.push(vec![
            t("输入文件", "input").into(),
            i.file.into(),
            Cell::Int(i.bytes as i64),
            match i.sha256 {
                Some(h) => h.into(),
                None => t("（无法读取）", "(not read)").into(),
            },
        ]);
    }
    s
}

fn case_row(run: &Run, c: &CaseSummary, s: &CaseScore) -> Vec<Cell> {
    let lang = run.lang;
    let lines: Vec<String> = s
        .deductions
        .iter()
        .map(|d| deduction_line(d, lang))
        .collect();
    vec![
        brigade_label(&s.brigade, lang).into(),
        s.case_no.clone().unwrap_or_default().into(),
        s.file.as_str().into(),
        location(&c.at, lang).into(),
        Cell::Dec(s.score.as_f64()),
        s.grade.label(lang).into(),
        s.veto.join(lang.pick("、", ", ")).into(),
        lines.join("\n").into(),
        s.findings.into(),
    ]
}

/// Writes the sheets into an xlsx file in memory, with the page setup but no title block
/// (review sheets and other workbooks that are not a run's report).
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    write_book(sheets, None, None, Lang::Zh)
}

/// Writes a run's report sheets: a title block on each, the run's date in the properties.
pub fn workbook_for(sheets: &[Sheet], run: &Run) -> Result<Vec<u8>, XlsxError> {
    let view = &run.view;
    let mut details: Vec<String> = view
        .details(run.lang)
        .into_iter()
        .map(|(k, v)| format!("{k}：{v}"))
        .collect();
    details.push(format!("caselint {}", env!("CARGO_PKG_VERSION")));
    let title = (
        view.heading(run.lang),
        details.join(run.lang.pick("；", "; ")),
    );
    write_book(sheets, Some(&title), view.date, run.lang)
}

/// Excel header/footer text: `&` is a control character there.
fn hf_escape(s: &str) -> String {
    s.replace('&', "&&")
}

fn write_book(
    sheets: &[Sheet],
    title: Option<&(String, String)>,
    date: Option<chrono::NaiveDate>,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    use chrono::Datelike;
    let mut wb = Workbook::new();
    // 等线 11: Excel's Chinese default (18 px rows, 72 px columns).
    wb.set_default_format(&Format::new().set_font_name(FONT).set_font_size(11), 18, 72)?;
    // The run's date; without one a fixed date, so the same input gives the same bytes.
    let date = match date {
        Some(d) => ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?,
        None => ExcelDateTime::from_ymd(2000, 1, 1)?,
    };
    let heading = title
        .map(|t| t.0.clone())
        .unwrap_or_else(|| "caselint".into());
    wb.set_properties(
        &DocProperties::new()
            .set_title(&heading)
            .set_author("caselint")
            .set_creation_datetime(&date),
    );
    let base = Format::new()
        .set_font_name(FONT)
        .set_align(FormatAlign::Top);
    let head = base
        .clone()
        .set_bold()
        .set_background_color(0xDDEBF7)
        .set_text_wrap();
    let top = base.clone();
    let wrap = base.clone().set_text_wrap();
    let dec = base.clone().set_num_format("0.0");
    let pct = base.clone().set_num_format("0.0%");
    let bold = base.clone().set_bold();
    let bold_dec = dec.clone().set_bold();
    let bold_pct = pct.clone().set_bold();
    let title_fmt = base.clone().set_bold().set_font_size(14);
    let detail_fmt = base.clone().set_font_color(0x555555);
    let top_row: u32 = if title.is_some() { HEADER_ROW } else { 0 };
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&s.name)?;
        let last_col = s.header.len().saturating_sub(1) as u16;
        if let Some((heading, details)) = title {
            let line = format!("{heading} — {}", s.name);
            if last_col > 0 {
                ws.merge_range(0, 0, 0, last_col, &line, &title_fmt)?;
                ws.merge_range(1, 0, 1, last_col, details, &detail_fmt)?;
            } else {
                ws.write_string_with_format(0, 0, &line, &title_fmt)?;
                ws.write_string_with_format(1, 0, details, &detail_fmt)?;
            }
            ws.set_row_height(0, 24)?;
            ws.set_header(format!("&L{}&R{}", hf_escape(heading), hf_escape(&s.name)));
        }
        for (i, h) in s.header.iter().enumerate() {
            ws.write_string_with_format(top_row, i as u16, h, &head)?;
        }
        let widths = s.widths();
        for (i, w) in widths.iter().enumerate() {
            ws.set_column_width(i as u16, *w as f64)?;
        }
        // Wrap a column whose text is capped or spans lines.
        let wrap_col: Vec<bool> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                *w >= MAX_WIDTH
                    || s.rows
                        .iter()
                        .any(|r| matches!(r.get(i), Some(Cell::Text(t)) if t.contains('\n')))
            })
            .collect();
        for (ri, row) in s.rows.iter().enumerate() {
            let rn = top_row + 1 + ri as u32;
            let total = matches!(row.first(), Some(Cell::Total(_)));
            // The height the wrapped text needs, written out: LibreOffice and WPS print a row at
            // the height stored in the file, which would cut the finding's text to one line.
            let lines = row
                .iter()
                .enumerate()
                .filter(|(ci, _)| wrap_col.get(*ci).copied().unwrap_or(false))
                .filter_map(|(ci, c)| match c {
                    Cell::Text(t) => Some(wrapped_lines(t, widths[ci])),
                    _ => None,
                })
                .max()
                .unwrap_or(1);
            if lines > 1 {
                ws.set_row_height(rn, LINE_HEIGHT * lines as f64)?;
            }
            for (ci, cell) in row.iter().enumerate() {
                let c = ci as u16;
                let f = match (total, wrap_col.get(ci).copied().unwrap_or(false)) {
                    (true, _) => &bold,
                    (false, true) => &wrap,
                    (false, false) => &top,
                };
                match cell {
                    Cell::Text(t) | Cell::Total(t) if !t.is_empty() => {
                        ws.write_string_with_format(rn, c, t, f)?;
                    }
                    Cell::Int(n) => {
                        ws.write_number_with_format(rn, c, *n as f64, f)?;
                    }
                    Cell::Dec(v) => {
                        ws.write_number_with_format(
                            rn,
                            c,
                            *v,
                            if total { &bold_dec } else { &dec },
                        )?;
                    }
                    Cell::Pct(v) => {
                        ws.write_number_with_format(
                            rn,
                            c,
                            *v,
                            if total { &bold_pct } else { &pct },
                        )?;
                    }
                    Cell::Text(_) | Cell::Total(_) | Cell::Empty => {}
                }
            }
        }
        ws.set_freeze_panes(top_row + 1, 0)?;
        ws.autofilter(top_row, 0, top_row + s.data_rows() as u32, last_col)?;
        // Paper: A4 landscape, one page wide, the header row on every page, page numbers.
        ws.set_landscape();
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(top_row, top_row)?;
        ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
        ws.set_footer(match lang {
            Lang::Zh => "&C第 &P 页，共 &N 页",
            Lang::En => "&CPage &P of &N",
        });
    }
    wb.save_to_buffer()
}

impl Reporter for Xlsx {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let bytes = workbook_for(&sheets(run), run).map_err(|e| io::Error::other(e.to_string()))?;
        out.write_all(&bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::score::sample;
    use calamine::{Data, Reader};

    fn run_of(result: &crate::model::run::ScanResult, lang: Lang) -> Vec<u8> {
        let infos = crate::rules::builtin_infos();
        let index = crate::rules::index(&infos);
        let run = Run {
            result,
            lang,
            rules: &index,
            elapsed: None,
            scoring: None,
            view: Default::default(),
        };
        let mut buf = Vec::new();
        Xlsx.write(&run, &mut buf).unwrap();
        buf
    }

    fn text(d: &Data) -> String {
        match d {
            Data::String(s) => s.clone(),
            Data::Float(f) => f.to_string(),
            Data::Int(i) => i.to_string(),
            Data::Empty => String::new(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn display_width_counts_cjk_twice() {
        for (s, w) in [
            ("abc", 3),
            ("大队", 4),
            ("甲消行罚决字〔2022〕1号", 23),
            ("ＡＢ", 4),
            ("short\n一二三四五", 10),
            ("", 0),
        ] {
            assert_eq!(display_width(s), w, "{s}");
        }
    }

    /// A sheet's cells from its header row down (the title block is above it).
    fn grid<R: std::io::Read + std::io::Seek>(
        wb: &mut calamine::Sheets<R>,
        name: &str,
    ) -> Vec<Vec<String>> {
        let range = wb.worksheet_range(name).unwrap();
        range
            .rows()
            .skip(HEADER_ROW as usize)
            .map(|r| r.iter().map(text).collect())
            .collect()
    }

    fn open(bytes: &[u8]) -> calamine::Sheets<std::io::Cursor<Vec<u8>>> {
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap()
    }

    #[test]
    fn workbook_reads_back_with_calamine() {
        let result = sample::result();
        let bytes = run_of(&result, Lang::Zh);
        let mut wb = open(&bytes);
        assert_eq!(
            wb.sheet_names(),
            [
                "问题清单",
                "案件评分",
                "大队汇总",
                "规则统计",
                "评分标准",
                "来源与校验"
            ]
        );
        // The title block above the header.
        let range = wb.worksheet_range("问题清单").unwrap();
        assert_eq!(
            text(range.get((0, 0)).unwrap()),
            "消防行政处罚案卷评查报告 — 问题清单"
        );

        let f = grid(&mut wb, "问题清单");
        assert_eq!(
            f[0],
            [
                "大队",
                "文件",
                "位置",
                "案件编号",
                "规则",
                "规则名称",
                "级别",
                "类别",
                "问题",
                "依据",
                "整改",
                "豁免理由"
            ]
        );
        assert_eq!(f.len(), 1 + result.findings.len());
        // The file-level F005 in 二大队/c.xml: brigade from its file, no case number.
        let f005 = f.iter().find(|r| r[4] == "F005").unwrap();
        assert_eq!(
            &f005[..8],
            [
                "二大队",
                "二大队/c.xml",
                "1:3",
                "",
                "F005",
                "未识别的字段",
                "提示",
                "文件"
            ]
        );
        let waived = f.iter().find(|r| r[4] == "P010").unwrap();
        assert_eq!(waived[11], "已批准");
        assert!(f
            .iter()
            .any(|r| r[8] == "当事人<script>alert(1)</script>&\"x\""));

        let c = grid(&mut wb, "案件评分");
        assert_eq!(c[0][4], "得分");
        let b2 = c.iter().find(|r| r[1] == "B-2").unwrap();
        assert_eq!(
            b2,
            &[
                "一大队",
                "B-2",
                "一大队/b.xml",
                "2:1",
                "84",
                "不合格",
                "P004",
                "D005 ×3 −6（已达上限）\nP004 ×1 −10",
                "4"
            ]
        );

        let b = grid(&mut wb, "大队汇总");
        assert_eq!(
            &b[0][..11],
            [
                "排名",
                "大队",
                "案件数",
                "未评查文件",
                "平均分",
                "优秀",
                "合格",
                "不合格",
                "合格率",
                "不合格率",
                "问题数"
            ]
        );
        assert_eq!(b[0][11], "数据质量问题");
        assert_eq!(b[0][12], "每百案主体问题");
        // 二大队 (one case, 优秀) ranks above 一大队 (one of two cases failed).
        assert_eq!(
            &b[1][..10],
            ["1", "二大队", "1", "0", "90", "1", "0", "0", "1", "0"]
        );
        assert_eq!(
            &b[2][..10],
            ["2", "一大队", "2", "0", "90.5", "1", "0", "1", "0.5", "0.5"]
        );
        assert_eq!(b[2][10], "5"); // enforcement findings; no data-quality ones
        assert_eq!(b[2][15], "150"); // documents per 100 cases: 3 D005 on 2 cases
        assert_eq!(b[2][16], "D005 ×3；P004 ×1；P007 ×1");
        // 合计: all three cases.
        let total = b.last().unwrap();
        assert_eq!(
            &total[..10],
            [
                "合计",
                "",
                "3",
                "0",
                "90.3",
                "2",
                "0",
                "1",
                "0.6666666666666666",
                "0.3333333333333333"
            ]
        );
        assert_eq!(total[11], "1"); // the F005 is data quality

        // Only the rules that fired, most findings first.
        let r = grid(&mut wb, "规则统计");
        assert_eq!(
            r[0],
            ["规则", "规则名称", "级别", "类别", "问题数", "涉及案件数"]
        );
        assert_eq!(r[1][0], "D005");
        assert_eq!(
            r[1][1],
            crate::rules::builtin_infos()
                .iter()
                .find(|i| i.code == "D005")
                .unwrap()
                .title
                .zh
        );
        assert_eq!(r[1][2..], ["警告", "文书", "3", "1"]);
        assert_eq!(r.len(), 1 + 5, "{r:?}"); // D005, D003, F005, P004, P007 (P010 waived)
        assert!(!r.iter().any(|x| x[0] == "F001"));

        let s = grid(&mut wb, "评分标准");
        assert!(s.iter().any(|r| r[1].contains("不是已公布的评查标准")));
        assert!(
            s.iter()
                .any(|r| r[1].contains("P001（涉及 decision、notice）")),
            "{s:?}"
        );

        let p = grid(&mut wb, "来源与校验");
        assert_eq!(p[0], ["类别", "名称", "内容", "SHA-256"]);
        assert_eq!(p[1][..3], ["程序", "caselint", env!("CARGO_PKG_VERSION")]);
        assert_eq!(p[2][0], "规则数据");
    }

    #[test]
    fn english_sheet_names_and_deterministic_bytes() {
        let result = sample::result();
        let a = run_of(&result, Lang::En);
        assert_eq!(a, run_of(&result, Lang::En), "same run, same bytes");
        let mut wb = open(&a);
        assert_eq!(
            wb.sheet_names(),
            [
                "Findings",
                "Cases",
                "Brigades",
                "Rules",
                "Scoring",
                "Provenance"
            ]
        );
        let c = grid(&mut wb, "Cases");
        assert_eq!(c[0][5], "grade");
        assert_eq!(c[2][5], "fail");
    }

    fn part<R: std::io::Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> String {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    }

    #[test]
    fn wrapped_lines_counts_cjk_and_newlines() {
        assert_eq!(wrapped_lines("", 40), 1);
        assert_eq!(wrapped_lines("short", 40), 1);
        // 30 CJK characters are 60 columns: two lines in a 40-wide column (38 of room).
        assert_eq!(wrapped_lines(&"字".repeat(30), 40), 2);
        assert_eq!(wrapped_lines("a\nb\nc", 40), 3);
    }

    /// A finding's long text prints whole: its row is as high as the wrapped text (LibreOffice
    /// and WPS print the stored height, so without it the text was cut to one line).
    #[test]
    fn long_text_rows_are_high_enough_to_print() {
        let mut result = sample::result();
        result.findings[0].message = "很长的问题说明".repeat(20);
        let bytes = run_of(&result, Lang::Zh);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let xml = part(&mut zip, "xl/worksheets/sheet1.xml");
        let heights: Vec<f64> = xml
            .split("<row ")
            .skip(1)
            .filter_map(|r| {
                let r = &r[..r.find('>').unwrap()];
                let ht = r.split("ht=\"").nth(1)?;
                ht[..ht.find('"')?].parse().ok()
            })
            .collect();
        // 140 CJK characters = 280 columns in a 40-wide column: 8 lines at least.
        assert!(
            heights.iter().any(|h| *h >= 8.0 * LINE_HEIGHT),
            "{heights:?}"
        );
    }

    /// What calamine does not show: every sheet has a frozen header row, a filter over its
    /// columns, set widths, and wrapped long text; and prints A4 landscape, one page wide, with
    /// the header row repeated and page numbers in the footer, in 等线.
    #[test]
    fn sheets_have_frozen_headers_filters_widths_and_page_setup() {
        let bytes = run_of(&sample::result(), Lang::Zh);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        // (sheet, filter range): the header is row 3; findings has 12 columns and 8 rows under
        // it; the brigade sheet's 合计 row is outside the filter.
        for (i, filter) in [(1, "A3:L11"), (2, "A3:I6"), (3, "A3:Q5")] {
            let xml = part(&mut zip, &format!("xl/worksheets/sheet{i}.xml"));
            assert!(
                xml.contains(
                    r#"<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>"#
                ),
                "sheet{i}: {xml:.900}"
            );
            assert!(
                xml.contains(&format!(r#"<autoFilter ref="{filter}"/>"#)),
                "sheet{i}: {xml}"
            );
            assert!(xml.contains("customWidth=\"1\""), "sheet{i}");
        }
        let workbook = part(&mut zip, "xl/workbook.xml");
        for i in 1..=6 {
            let xml = part(&mut zip, &format!("xl/worksheets/sheet{i}.xml"));
            assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "sheet{i}");
            let setup = &xml[xml.find("<pageSetup ").expect("page setup")..];
            let setup = &setup[..setup.find("/>").unwrap()];
            for attr in [
                r#"paperSize="9""#,
                r#"orientation="landscape""#,
                r#"fitToHeight="0""#,
            ] {
                assert!(setup.contains(attr), "sheet{i}: {setup}");
            }
            assert!(
                xml.contains("<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>"),
                "sheet{i}"
            );
        }
        // The header row repeats on every printed page.
        assert!(
            workbook.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'问题清单'!$3:$3</definedName>"#)
                || workbook.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">问题清单!$3:$3</definedName>"#),
            "{workbook}"
        );
        assert_eq!(workbook.matches("_xlnm.Print_Titles").count(), 6);
        let styles = part(&mut zip, "xl/styles.xml");
        assert!(styles.contains("wrapText=\"1\""));
        assert!(styles.contains(r#"<name val="等线"/>"#), "{styles}");
        assert!(!styles.contains("Calibri"), "{styles}");
        assert!(styles.contains(r#"formatCode="0.0%""#));
        let core = part(&mut zip, "docProps/core.xml");
        assert!(core.contains("2000-01-01T00:00:00Z"), "{core}");
    }

    /// The run's date in the properties; ID numbers masked unless asked not to.
    #[test]
    fn run_date_and_masking() {
        let mut result = sample::result();
        result.findings[0].message = "身份证号 110105194912310029 有误".into();
        let infos = crate::rules::builtin_infos();
        let index = crate::rules::index(&infos);
        for mask in [true, false] {
            let run = Run {
                result: &result,
                lang: Lang::Zh,
                rules: &index,
                elapsed: None,
                scoring: None,
                view: crate::report::View {
                    date: chrono::NaiveDate::from_ymd_opt(2024, 3, 1),
                    mask_ids: mask,
                    year: Some("2023".into()),
                    ..Default::default()
                },
            };
            let mut buf = Vec::new();
            Xlsx.write(&run, &mut buf).unwrap();
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(buf.clone())).unwrap();
            let core = part(&mut zip, "docProps/core.xml");
            assert!(core.contains("2024-03-01T00:00:00Z"), "{core}");
            let strings = part(&mut zip, "xl/sharedStrings.xml");
            assert_eq!(strings.contains("110105194912310029"), !mask);
            assert_eq!(strings.contains("1101**********0029"), mask);
            assert!(
                strings.contains("评查年度：2023；报告日期：2024年03月01日"),
                "{strings}"
            );
        }
    }

    #[test]
    fn widths_fit_chinese_and_are_capped() {
        let mut s = Sheet::new("x", &["案件编号", "问题"]);
        s.push(vec![
            "甲消行罚决字〔2022〕1号".into(),
            "长".repeat(100).into(),
        ]);
        assert_eq!(s.widths(), [25, MAX_WIDTH]);
        let empty = Sheet::new("y", &["a"]);
        assert_eq!(empty.widths(), [6]);
    }
}
