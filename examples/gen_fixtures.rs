//! Writes the Excel ledger fixtures (执法案件台账) under `fixtures/`: the 解放区 workbook with a merged
//! title row, a blank row, the header on row 3, real date cells next to text dates, officers and
//! certificate numbers several to a cell, two year sheets, one sheet without a header (F004), one
//! unknown column (F005), one unparseable date (F006); and the two small F004 workbooks of
//! `fixtures/rules/F004/`. Run `cargo run --example gen_fixtures`; the output is checked in.
//!
//! Deterministic: the document creation time is fixed, so a rerun writes the same bytes. The row
//! data is computed on the holiday calendar by `fixtures/ledger_rows.py` (examples/data/); what each
//! seeded row is for is listed in `fixtures/README.md` and `fixtures/expected.toml`.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

fn main() -> Result<(), XlsxError> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let jf = root.join("detachment/解放区大队/解放区消防救援大队行政处罚案件台账.xlsx");
    let mut wb = new_workbook()?;
    ledger_sheet(
        &mut wb,
        "2022年",
        "解放区消防救援大队2022年行政处罚案件台账",
        JF_HEADER_2022[0],
        JF_2022,
    )?;
    ledger_sheet(
        &mut wb,
        "2021年",
        "解放区消防救援大队2021年行政处罚案件台账",
        JF_HEADER_2021[0],
        JF_2021,
    )?;
    // A scratch sheet someone typed rows into without a header: F004.
    let ws = wb.add_worksheet();
    ws.set_name("草稿")?;
    for (r, row) in DRAFT.iter().enumerate() {
        write_row(ws, r as u32, row)?;
    }
    wb.save(&jf)?;

    let hit = root.join("rules/F004/hit/无表头.xlsx");
    std::fs::create_dir_all(hit.parent().unwrap()).ok();
    let mut wb = new_workbook()?;
    let ws = wb.add_worksheet();
    for (r, row) in DRAFT.iter().enumerate() {
        write_row(ws, r as u32, row)?;
    }
    wb.save(&hit)?;

    // Near miss: title, two blank rows, header on row 4, one clean row.
    let clean = root.join("rules/F004/clean/表头在第四行.xlsx");
    std::fs::create_dir_all(clean.parent().unwrap()).ok();
    let mut wb = new_workbook()?;
    let ws = wb.add_worksheet();
    let title = Format::new().set_bold().set_align(FormatAlign::Center);
    let width = F004_CLEAN[0].len() as u16;
    ws.merge_range(
        0,
        0,
        0,
        width - 1,
        "顺河回族区消防救援大队2022年行政处罚案件台账",
        &title,
    )?;
    for (r, row) in F004_CLEAN.iter().enumerate() {
        write_row(ws, r as u32 + 3, row)?;
    }
    wb.save(&clean)?;
    println!(
        "wrote {}, {}, {}",
        jf.display(),
        hit.display(),
        clean.display()
    );
    Ok(())
}

/// A workbook whose metadata does not change from run to run.
fn new_workbook() -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2023, 1, 10)?.and_hms(9, 0, 0)?;
    let props = DocProperties::new()
        .set_author("开封市消防救援支队")
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    Ok(wb)
}

/// One year sheet: merged title on row 1, row 2 blank, header on row 3, data from row 4.
fn ledger_sheet(
    wb: &mut Workbook,
    name: &str,
    title: &str,
    header: &[&str],
    rows: &[&[&str]],
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    let fmt = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    ws.merge_range(0, 0, 0, header.len() as u16 - 1, title, &fmt)?;
    let bold = Format::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &bold)?;
        ws.set_column_width(c as u16, 14)?;
    }
    for (r, row) in rows.iter().enumerate() {
        write_row(ws, r as u32 + 3, row)?;
    }
    Ok(())
}

/// Cell codes (see fixtures/ledger_rows.py): `D:yyyy-mm-dd` a real date cell, `N:x` a number, else text.
fn write_row(ws: &mut Worksheet, r: u32, row: &[&str]) -> Result<(), XlsxError> {
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    for (c, v) in row.iter().enumerate() {
        let c = c as u16;
        if let Some(d) = v.strip_prefix("D:") {
            let p: Vec<u16> = d.split('-').map(|x| x.parse().unwrap()).collect();
            let dt = ExcelDateTime::from_ymd(p[0], p[1] as u8, p[2] as u8)?;
            ws.write_datetime_with_format(r, c, &dt, &date_fmt)?;
        } else if let Some(n) = v.strip_prefix("N:") {
            ws.write_number(r, c, n.parse::<f64>().unwrap())?;
        } else if !v.is_empty() {
            ws.write_string(r, c, *v)?;
        }
    }
    Ok(())
}

// Rows typed into a sheet with no header at all (F004): a case number, a party, a date, an amount.
const DRAFT: &[&[&str]] = &[
    &[
        "解消立字〔2022〕第301号",
        "开封市某某网吧",
        "D:2022-11-14",
        "N:5000",
        "待审批",
    ],
    &[
        "解消立字〔2022〕第302号",
        "开封市某某宾馆",
        "D:2022-11-21",
        "N:8000",
        "待审批",
    ],
    &[
        "解消立字〔2022〕第303号",
        "开封市某某超市",
        "D:2022-11-28",
        "N:6000",
        "已退回",
    ],
];

// The ledger tables, computed on the holiday calendar by `python3 fixtures/ledger_rows.py`.
include!("data/ledger_tables.rs");

const F004_CLEAN: &[&[&str]] = &[
    &[
        "案件编号",
        "决定书文号",
        "办案单位",
        "当事人名称",
        "统一社会信用代码/身份证号",
        "当事人类型",
        "违法日期",
        "违法事实",
        "违法情节",
        "违反条款",
        "处罚依据",
        "罚款金额（元）",
        "处罚种类",
        "程序类型",
        "立案日期",
        "告知日期",
        "是否告知听证",
        "法制审核日期",
        "集体讨论日期",
        "决定日期",
        "送达日期",
        "缴款日期",
        "结案日期",
        "承办人",
        "执法证号",
    ],
    &[
        // Numbers from 900 on, above the XML generator's: case numbers stay unique in the tree.
        "顺消立字〔2022〕第901号",
        "顺消行罚决字〔2022〕第0901号",
        "开封市顺河回族区消防救援大队",
        "开封市曹门商贸有限公司",
        "91410203MA900301XK",
        "单位",
        "D:2022-03-07",
        "经检查，该单位一楼疏散通道被货物堵塞、一处安全出口上锁，妨碍安全疏散。",
        "较轻",
        "《中华人民共和国消防法》第二十八条",
        "《中华人民共和国消防法》第六十条第一款第三项",
        "N:8000",
        "罚款",
        "一般程序",
        "D:2022-03-07",
        "D:2022-03-11",
        "否",
        "D:2022-03-21",
        "",
        "D:2022-03-22",
        "D:2022-03-22",
        "D:2022-03-28",
        "D:2022-03-31",
        "孙某、马某",
        "41020031、41020032",
    ],
];
