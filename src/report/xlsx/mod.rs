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
mod tests;
