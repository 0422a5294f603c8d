//! Tests of the review-meeting workbook: read back with calamine, widths and wrapped rows,
//! frozen headers, filters and page setup, run date and masking, deterministic bytes.

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
