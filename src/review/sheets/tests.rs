//! The review sheets' tests: the plan per reviewer and the workbooks written (their helpers serve the merge's tests too).

use super::*;
use crate::finding::{Category, Place};

pub(crate) fn data() -> SheetData {
    let f = Finding {
        code: "P001".into(),
        severity: Severity::Error,
        category: Category::Procedure,
        case_no: Some("甲消立字〔2022〕第001号".into()),
        file: "甲/1.xml".into(),
        place: Place::line(12, 5),
        message: "案卷缺少送达".into(),
        basis: "《行政处罚法》第六十一条".into(),
        help: "补正".into(),
        subject: "service".into(),
        waived: None,
        evidence: Default::default(),
    };
    let mut g = f.clone();
    g.code = "S002".into();
    g.severity = Severity::Warning;
    g.category = Category::Subject;
    g.place = Place::cell("2022年", 3, 4);
    g.file = "甲/台账.xlsx".into();
    g.case_no = Some("甲消立字〔2022〕第002号".into());
    g.basis = String::new();
    SheetData {
        reviewer: "张某".into(),
        reviewer_brigade: "乙".into(),
        seed: 7,
        draw_id: "abc".into(),
        lang: Lang::Zh,
        masked: false,
        rules_hash: "h".into(),
        tool: "caselint test".into(),
        cases: vec![
            SheetCase {
                file: "甲/1.xml".into(),
                at: "2:1".into(),
                case_no: f.case_no.clone(),
                brigade: "甲".into(),
                summary: false,
                source: "xml".into(),
                sha256: Some("00".into()),
            },
            SheetCase {
                file: "甲/台账.xlsx".into(),
                at: "2022年!A4".into(),
                case_no: g.case_no.clone(),
                brigade: "甲".into(),
                summary: true,
                source: "ledger".into(),
                sha256: None,
            },
        ],
        findings: vec![SheetFinding::of(1, &f), SheetFinding::of(2, &g)],
    }
}

#[test]
fn metadata_round_trips_and_detects_edits() {
    let d = data();
    let rows = d.meta_rows();
    assert_eq!(SheetData::from_meta_rows(&rows).unwrap(), d);
    let mut edited = rows.clone();
    let i = edited.iter().position(|r| r.0 == "finding").unwrap();
    edited[i].1 = edited[i].1.replace("P001", "P002");
    assert_eq!(
        SheetData::from_meta_rows(&edited).unwrap_err(),
        "the metadata sheet was edited (checksum differs)"
    );
    let mut other = rows;
    other[0].1 = "9".into();
    assert!(SheetData::from_meta_rows(&other)
        .unwrap_err()
        .contains("format 9"));
}

#[test]
fn findings_survive_the_sheet() {
    for f in data().findings {
        let back = f.finding().unwrap();
        assert_eq!(SheetFinding::of(f.id[1..].parse().unwrap(), &back), f);
    }
}

#[test]
fn workbook_layout() {
    use calamine::{open_workbook_from_rs, Reader, Xlsx};
    let d = data();
    let a = workbook(&d, 2).unwrap();
    assert_eq!(a, workbook(&d, 2).unwrap(), "same data, same bytes");
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(a.clone())).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["审查", "补充问题", "案件结论", "说明", "_caselint"]
    );
    let main = wb.worksheet_range("审查").unwrap();
    let row = |r: u32| -> Vec<String> {
        (0..11)
            .map(|c| {
                main.get_value((r, c))
                    .map(|v| v.to_string())
                    .unwrap_or_default()
            })
            .collect()
    };
    assert_eq!(row(0), main_header(Lang::Zh));
    assert_eq!(
        row(2),
        [
            "M2",
            "甲消立字〔2022〕第002号",
            "甲/台账.xlsx",
            "2022年!E4",
            "S002",
            "警告",
            "案卷缺少送达",
            "",
            &d.findings[1].cells(Lang::Zh)[8],
            "",
            ""
        ]
    );
    let added = wb.worksheet_range("补充问题").unwrap();
    assert_eq!(added.height(), 1 + 2 * 2);
    let meta = wb.worksheet_range(META).unwrap();
    let rows: Vec<(String, String)> = meta
        .rows()
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    assert_eq!(SheetData::from_meta_rows(&rows).unwrap(), d);
    // The drop-down, the protection and the hidden metadata are in the parts.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let sheet1 = part("xl/worksheets/sheet1.xml");
    assert!(
        sheet1.contains("<formula1>\"确认,驳回\"</formula1>"),
        "{sheet1}"
    );
    assert!(sheet1.contains("sqref=\"J2:J3\""), "{sheet1}");
    assert!(sheet1.contains("<sheetProtection"), "{sheet1}");
    assert!(
        sheet1.contains("<pane xSplit=\"2\" ySplit=\"1\""),
        "{sheet1}"
    );
    assert!(
        part("xl/workbook.xml").contains("name=\"_caselint\" sheetId=\"5\" state=\"veryHidden\"")
    );
}
