//! The review-meeting workbook (review.md, "Outputs: xlsx"): findings, case scores, brigade
//! summary, rule statistics and the scoring standard used, one sheet each, with frozen header
//! rows, filters and column widths that fit Chinese text. The bytes are the same for the same run
//! (fixed document date), so a workbook can be compared or archived.

use super::score::{self, brigade_label, deduction_line, BrigadeSummary, CaseScore, CATEGORIES};
use super::{Reporter, Run};
use crate::finding::{Lang, Place};
use crate::scan::CaseSummary;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};
use std::io::{self, Write};

pub struct Xlsx;

/// Data rows per sheet: Excel's limit less the header row.
const MAX_ROWS: usize = 1_048_575;
/// Widest column, in character cells; longer text wraps.
const MAX_WIDTH: usize = 60;

/// One cell's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A number shown with one decimal.
    Dec(f64),
    Empty,
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
    fn new(name: &str, header: &[&str]) -> Sheet {
        Sheet {
            name: name.to_string(),
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
            truncated: 0,
        }
    }

    fn push(&mut self, row: Vec<Cell>) {
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
                    Cell::Text(s) => display_width(s),
                    Cell::Int(n) => n.to_string().len(),
                    Cell::Dec(v) => format!("{v:.1}").len(),
                    Cell::Empty => 0,
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
}

fn sheet_names(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Zh => ["问题清单", "案件评分", "大队汇总", "规则统计", "评分标准"],
        Lang::En => ["Findings", "Cases", "Brigades", "Rules", "Scoring"],
    }
}

fn location(p: &Place, lang: Lang) -> String {
    p.display_in(lang)
}

/// The five sheets of a run.
pub fn sheets(run: &Run) -> Vec<Sheet> {
    let lang = run.lang;
    let r = run.result;
    let std = run.scoring();
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
    let mut file_brigade = std::collections::HashMap::new();
    for s in &scores {
        file_brigade
            .entry(s.file.as_str())
            .or_insert(s.brigade.as_str());
    }
    for (f, o) in r.findings.iter().zip(&owner) {
        let brigade = match o {
            Some(i) => scores.get(*i).map(|s| s.brigade.as_str()),
            None => file_brigade.get(f.file.as_str()).copied(),
        };
        let title = run
            .rules
            .get(f.code.as_str())
            .map(|i| i.title.get(lang))
            .unwrap_or("");
        findings.push(vec![
            brigade
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
            f.message.as_str().into(),
            f.basis.as_str().into(),
            f.help.as_str().into(),
            f.waived.clone().unwrap_or_default().into(),
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

    let summaries = score::brigades(r, &scores, &owner, std, 3);
    let mut header: Vec<String> = vec![
        t("大队", "brigade").into(),
        t("案件数", "cases").into(),
        t("平均分", "mean score").into(),
    ];
    header.extend(std.grades.iter().map(|g| g.label(lang).to_string()));
    header.push(t("问题数", "findings").into());
    for c in CATEGORIES {
        header.push(match lang {
            Lang::Zh => format!("每百案{}问题", c.label(lang)),
            Lang::En => format!("{} per 100 cases", c.label(lang)),
        });
    }
    header.push(t("最常见规则", "top rules").into());
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut brigades = Sheet::new(names[2], &header);
    for b in &summaries {
        brigades.push(brigade_row(b, lang));
    }

    let mut rules = Sheet::new(
        names[3],
        &match lang {
            Lang::Zh => [
                "规则",
                "名称",
                "标题",
                "级别",
                "类别",
                "问题数",
                "涉及案件数",
            ],
            Lang::En => [
                "rule",
                "name",
                "title",
                "severity",
                "category",
                "findings",
                "cases hit",
            ],
        },
    );
    let counts = score::rule_counts(r, &owner);
    let mut codes: std::collections::BTreeSet<&str> = run.rules.keys().copied().collect();
    codes.extend(counts.keys().map(String::as_str));
    for code in codes {
        let (n, hit) = counts.get(code).copied().unwrap_or((0, 0));
        let info = run.rules.get(code);
        let cat = crate::finding::Category::from_code(code);
        rules.push(vec![
            code.into(),
            info.map(|i| i.name).unwrap_or("").into(),
            info.map(|i| i.title.get(lang)).unwrap_or("").into(),
            info.map(|i| i.severity.label(lang)).unwrap_or("").into(),
            info.map(|i| i.category).unwrap_or(cat).label(lang).into(),
            n.into(),
            hit.into(),
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
    kv(t("说明", "note"), std.note.clone());
    kv(t("来源文件", "file"), std.origin.clone());
    kv(t("满分", "start"), std.start.to_string());
    let cats: Vec<&str> = std.veto_categories.iter().map(|c| c.label(lang)).collect();
    let codes: Vec<&str> = std.veto_codes.iter().map(String::as_str).collect();
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
    vec![findings, cases, brigades, rules, standard]
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

fn brigade_row(b: &BrigadeSummary, lang: Lang) -> Vec<Cell> {
    let mut row: Vec<Cell> = vec![b.label(lang).into(), b.cases.into(), b.mean.into()];
    row.extend(b.grades.iter().map(|n| Cell::from(*n)));
    row.push(b.findings.into());
    row.extend(CATEGORIES.iter().map(|c| Cell::from(b.per_100(*c))));
    let top: Vec<String> = b
        .top_rules
        .iter()
        .map(|(c, n)| format!("{c} ×{n}"))
        .collect();
    row.push(top.join(lang.pick("；", "; ")).into());
    row
}

/// Writes the sheets into an xlsx file in memory.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // A fixed date: the same run gives the same bytes (no wall-clock time in outputs).
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("caselint")
            .set_author("caselint")
            .set_creation_datetime(&date),
    );
    let head = Format::new()
        .set_bold()
        .set_background_color(0xDDEBF7)
        .set_align(FormatAlign::Top);
    let top = Format::new().set_align(FormatAlign::Top);
    let wrap = Format::new().set_align(FormatAlign::Top).set_text_wrap();
    let dec = Format::new()
        .set_align(FormatAlign::Top)
        .set_num_format("0.0");
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&s.name)?;
        for (i, h) in s.header.iter().enumerate() {
            ws.write_string_with_format(0, i as u16, h, &head)?;
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
            let rn = ri as u32 + 1;
            for (ci, cell) in row.iter().enumerate() {
                let c = ci as u16;
                let f = if wrap_col[ci] { &wrap } else { &top };
                match cell {
                    Cell::Text(t) if !t.is_empty() => {
                        ws.write_string_with_format(rn, c, t, f)?;
                    }
                    Cell::Int(n) => {
                        ws.write_number_with_format(rn, c, *n as f64, &top)?;
                    }
                    Cell::Dec(v) => {
                        ws.write_number_with_format(rn, c, *v, &dec)?;
                    }
                    Cell::Text(_) | Cell::Empty => {}
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
        let last_col = s.header.len().saturating_sub(1) as u16;
        ws.autofilter(0, 0, s.rows.len() as u32, last_col)?;
    }
    wb.save_to_buffer()
}

impl Reporter for Xlsx {
    fn write(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let bytes = workbook(&sheets(run)).map_err(|e| io::Error::other(e.to_string()))?;
        out.write_all(&bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::score::sample;
    use calamine::{open_workbook_auto, Data, Reader};

    fn run_of(result: &crate::scan::ScanResult, lang: Lang) -> Vec<u8> {
        let infos = crate::rules::builtin_infos();
        let index = crate::rules::index(&infos);
        let run = Run {
            result,
            lang,
            rules: &index,
            elapsed: None,
            scoring: None,
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

    #[test]
    fn workbook_reads_back_with_calamine() {
        let result = sample::result();
        let bytes = run_of(&result, Lang::Zh);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.xlsx");
        std::fs::write(&path, &bytes).unwrap();
        let mut wb = open_workbook_auto(&path).unwrap();
        assert_eq!(
            wb.sheet_names(),
            ["问题清单", "案件评分", "大队汇总", "规则统计", "评分标准"]
        );
        let grid = |wb: &mut calamine::Sheets<_>, name: &str| -> Vec<Vec<String>> {
            let range = wb.worksheet_range(name).unwrap();
            range.rows().map(|r| r.iter().map(text).collect()).collect()
        };

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
                "P003",
                "D005 ×3 −6（已达上限）\nP003 ×1 −10",
                "4"
            ]
        );

        let b = grid(&mut wb, "大队汇总");
        assert_eq!(
            &b[0][..6],
            ["大队", "案件数", "平均分", "优秀", "合格", "不合格"]
        );
        assert_eq!(b[0][7], "每百案文件问题");
        assert_eq!(&b[1][..7], ["一大队", "2", "90.5", "1", "0", "1", "5"]);
        assert_eq!(b[1][11], "150"); // documents per 100 cases: 3 D005 on 2 cases
        assert_eq!(b[1][12], "D005 ×3；P003 ×1；P007 ×1");
        assert_eq!(&b[2][..3], ["二大队", "1", "90"]);

        let r = grid(&mut wb, "规则统计");
        assert_eq!(
            r[0],
            [
                "规则",
                "名称",
                "标题",
                "级别",
                "类别",
                "问题数",
                "涉及案件数"
            ]
        );
        let d005 = r.iter().find(|x| x[0] == "D005").unwrap();
        assert_eq!(&d005[4..], ["文书", "3", "1"]);
        let f001 = r.iter().find(|x| x[0] == "F001").unwrap();
        assert_eq!(
            f001[1..],
            ["unreadable-file", "文件无法读取", "错误", "文件", "0", "0"]
        );

        let s = grid(&mut wb, "评分标准");
        assert!(s.iter().any(|r| r[1].contains("不是已公布的评查标准")));
    }

    #[test]
    fn english_sheet_names_and_deterministic_bytes() {
        let result = sample::result();
        let a = run_of(&result, Lang::En);
        assert_eq!(a, run_of(&result, Lang::En), "same run, same bytes");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("en.xlsx");
        std::fs::write(&path, &a).unwrap();
        let mut wb = open_workbook_auto(&path).unwrap();
        assert_eq!(
            wb.sheet_names(),
            ["Findings", "Cases", "Brigades", "Rules", "Scoring"]
        );
        let range = wb.worksheet_range("Cases").unwrap();
        assert_eq!(text(range.get((0, 5)).unwrap()), "grade");
        assert_eq!(text(range.get((2, 5)).unwrap()), "fail");
    }

    /// What calamine does not show: every sheet has a frozen header row, a filter over its
    /// columns, set widths, and wrapped long text.
    #[test]
    fn sheets_have_frozen_headers_filters_and_widths() {
        let bytes = run_of(&sample::result(), Lang::Zh);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let part = |zip: &mut zip::ZipArchive<_>, name: &str| {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
            s
        };
        // (sheet, filter range): findings has 12 columns and 8 rows under the header.
        for (i, filter) in [(1, "A1:L9"), (2, "A1:I4"), (3, "A1:M3")] {
            let xml = part(&mut zip, &format!("xl/worksheets/sheet{i}.xml"));
            assert!(
                xml.contains(
                    r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
                ),
                "sheet{i}: {xml:.600}"
            );
            assert!(
                xml.contains(&format!(r#"<autoFilter ref="{filter}"/>"#)),
                "sheet{i}"
            );
            assert!(xml.contains("customWidth=\"1\""), "sheet{i}");
        }
        let styles = part(&mut zip, "xl/styles.xml");
        assert!(styles.contains("wrapText=\"1\""));
        let core = part(&mut zip, "docProps/core.xml");
        assert!(core.contains("2000-01-01T00:00:00Z"), "{core}");
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
