//! The streamed sheet equals the range: every shipped `.xlsx` ledger, a generated one, and
//! hand-written sheets with what the stream must get right (origin, title and blank rows,
//! repeated headers, totals, cells out of order in a row, a cell given twice) or hand to the
//! range path (rows out of order, broken XML, a column past XFD).

use super::super::sheet::ROW_BATCH;
use super::super::*;
use std::path::PathBuf;

/// What a read gives: the file's diagnostics, and each data row's case and diagnostics.
type Read = (Vec<Diagnostic>, Vec<(Case, Vec<Diagnostic>)>);

fn aliases() -> &'static Aliases {
    static A: std::sync::OnceLock<Aliases> = std::sync::OnceLock::new();
    A.get_or_init(Aliases::shipped)
}

fn reader() -> ExcelReader<'static> {
    ExcelReader {
        file: "t.xlsx",
        aliases: aliases(),
        lang: Lang::Zh,
    }
}

fn read(path: &Path, stream: bool) -> Read {
    let mut rows = Vec::new();
    let mut mark = 0;
    let diags = reader().read_as(path, stream, &|c, d| (c, d), &mut |r| match r {
        LedgerRows::SheetStart => mark = rows.len(),
        LedgerRows::Batch(b) => rows.extend(b),
        LedgerRows::SheetVoid => rows.truncate(mark),
    });
    (diags, rows)
}

/// Whether each sheet streams (`false`: it falls back to the range).
fn streams(path: &Path) -> Vec<bool> {
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let names = wb.sheet_names();
    let check = |c: Case, d: Vec<Diagnostic>| (c, d);
    names
        .iter()
        .map(|n| {
            reader()
                .stream_sheet(&mut wb, n, false, &check, &mut |_| {})
                .is_some()
        })
        .collect()
}

/// Reads `path` both ways; they must agree. Gives the streamed read.
fn both_ways(path: &Path) -> Read {
    let streamed = read(path, true);
    let ranged = read(path, false);
    assert_eq!(
        streamed.0,
        ranged.0,
        "file diagnostics of {}",
        path.display()
    );
    assert_eq!(
        streamed.1.len(),
        ranged.1.len(),
        "cases of {}",
        path.display()
    );
    for (i, (s, r)) in streamed.1.iter().zip(&ranged.1).enumerate() {
        assert_eq!(s, r, "row {i} of {}", path.display());
    }
    streamed
}

fn places(diags: &[Diagnostic]) -> Vec<(DiagnosticKind, String)> {
    diags.iter().map(|d| (d.kind, d.place.display())).collect()
}

fn xlsx_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            xlsx_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "xlsx" || x == "xlsm") {
            out.push(p);
        }
    }
}

#[test]
fn every_shipped_xlsx_reads_the_same_both_ways() {
    let mut files = Vec::new();
    xlsx_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut files,
    );
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    let mut cases = 0;
    for f in &files {
        cases += both_ways(f).1.len();
    }
    assert!(cases >= 14, "{cases}");
    let ledger = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/detachment/解放区大队/解放区消防救援大队行政处罚案件台账.xlsx");
    assert!(streams(&ledger).iter().all(|s| *s), "shared strings stream");
}

#[test]
fn a_generated_ledger_reads_the_same_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let spec = caselint_corpus::Spec {
        cases: 0,
        brigades: 1,
        ledgers: 1,
        ledger_rows: 3_000,
        defect_rate: 0.3,
        seed: 16,
    };
    caselint_corpus::write(dir.path(), &spec).unwrap();
    let mut files = Vec::new();
    xlsx_files(dir.path(), &mut files);
    let (_, rows) = both_ways(&files[0]);
    assert_eq!(rows.len(), 3_000);
    assert!(rows.iter().any(|(_, d)| !d.is_empty()), "defects give F006");
    assert_eq!(streams(&files[0]), [true]);
}

/// A workbook of hand-written sheet XML (`<row>` elements only).
fn workbook(dir: &tempfile::TempDir, sheets: &[(&str, String)]) -> PathBuf {
    let parts = sheets
        .iter()
        .enumerate()
        .map(|(i, (_, rows))| {
            let xml = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData></worksheet>"
            );
            (format!("xl/worksheets/sheet{}.xml", i + 1), xml.into_bytes())
        })
        .collect();
    let bytes = caselint_corpus::package(sheets.iter().map(|s| s.0).collect(), parts).unwrap();
    let path = dir.path().join("t.xlsx");
    std::fs::write(&path, bytes).unwrap();
    path
}

fn t(at: &str, s: &str) -> String {
    format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{s}</t></is></c>")
}

fn n(at: &str, v: f64) -> String {
    format!("<c r=\"{at}\"><v>{v}</v></c>")
}

fn row(r: u32, cells: &[String]) -> String {
    format!("<row r=\"{r}\">{}</row>", cells.concat())
}

/// A ledger from C3: a title, a blank row, the header on row 6 (with an unknown column), rows
/// with blank text, a repeated header, a totals row, an error cell, cells out of order in a row
/// and one given twice, a styled empty cell left of the range.
fn tricky() -> String {
    let header = |r: u32| {
        row(
            r,
            &[
                t(&format!("C{r}"), "案件编号"),
                t(&format!("D{r}"), "当事人"),
                t(&format!("E{r}"), "决定日期"),
                t(&format!("F{r}"), "罚款金额（万元）"),
                t(&format!("G{r}"), "备注"),
            ],
        )
    };
    [
        row(3, &[t("C3", "2022年台账")]),
        row(4, &[t("D4", "   ")]),
        header(6),
        row(
            7,
            &[
                n("F7", 0.5),
                t("C7", "A-1"),
                t("D7", "张某"),
                t("E7", "2022-03-15"),
            ],
        ),
        row(8, &[t("C8", " "), t("E8", "")]),
        row(
            9,
            &[
                t("C9", "A-2"),
                t("D9", "李某"),
                t("D9", "王某"),
                "<c r=\"E9\" t=\"e\"><v>#DIV/0!</v></c>".into(),
                "<c r=\"B9\" s=\"1\"/>".into(),
            ],
        ),
        header(10),
        row(
            11,
            &[t("C11", "A-3"), t("E11", "2022-13-45"), n("F11", 44562.0)],
        ),
        row(12, &[t("C12", "合 计"), n("F12", 1.0)]),
        row(14, &[t("C14", "A-4"), t("H14", "far right")]),
    ]
    .concat()
}

#[test]
fn a_tricky_sheet_streams_and_reads_the_same_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(&dir, &[("2022", tricky())]);
    assert_eq!(streams(&path), [true]);
    let (diags, rows) = both_ways(&path);
    assert_eq!(
        places(&diags),
        [(DiagnosticKind::UnknownField, "2022!G6".into())]
    );
    let nos: Vec<_> = rows
        .iter()
        .map(|(c, _)| c.case_no().unwrap_or(""))
        .collect();
    assert_eq!(nos, ["A-1", "A-2", "A-3", "A-4"]);
    assert_eq!(rows[0].0.at.display(), "2022!C7");
    assert_eq!(rows[0].0.fine(), Some(Money::yuan(5000)));
    assert_eq!(
        rows[1].0.party.name.value().map(String::as_str),
        Some("王某")
    );
    assert_eq!(
        places(&rows[1].1),
        [(DiagnosticKind::UnparseableValue, "2022!E9".into())]
    );
    assert_eq!(
        places(&rows[2].1),
        [(DiagnosticKind::UnparseableValue, "2022!E11".into())]
    );
}

#[test]
fn sheets_without_a_header_read_the_same_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    // The header on the range's 11th row is too low; the first filled cell is below the rows
    // searched (the first rows hold blank text only).
    let low: String = (1..=10)
        .map(|r| row(r, &[t(&format!("B{r}"), " ")]))
        .chain([
            row(11, &[t("B11", "案件编号"), t("C11", "当事人")]),
            row(12, &[t("B12", "A-1"), t("C12", "张某")]),
        ])
        .collect();
    let one_known = [
        row(2, &[t("D2", "说明")]),
        row(3, &[t("A3", "案件编号"), t("B3", "随便")]),
    ]
    .concat();
    let path = workbook(
        &dir,
        &[
            ("低", low),
            ("一列", one_known),
            ("空", "<row r=\"1\"><c r=\"A1\" s=\"1\"/></row>".into()),
        ],
    );
    assert_eq!(streams(&path), [true, true, true]);
    let (diags, rows) = both_ways(&path);
    assert_eq!(
        places(&diags),
        [
            (DiagnosticKind::NoHeaderRow, "低!B11".into()),
            (DiagnosticKind::NoHeaderRow, "一列!D2".into())
        ]
    );
    assert!(rows.is_empty());
}

#[test]
fn batches_cut_by_rows_and_by_cells_read_the_same_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let mut xml = row(
        1,
        &[t("A1", "案件编号"), t("B1", "当事人"), t("C1", "决定日期")],
    );
    for r in 2..=2_000u32 {
        // Every 100th row reaches column ZZ: wide rows make smaller batches.
        let far = if r % 100 == 0 {
            t(&format!("ZZ{r}"), "x")
        } else {
            String::new()
        };
        xml += &row(
            r,
            &[
                t(&format!("A{r}"), &format!("A-{r}")),
                t(&format!("B{r}"), "张某"),
                n(&format!("C{r}"), 44_600.0 + f64::from(r % 300)),
                far,
            ],
        );
    }
    let path = workbook(&dir, &[("2022", xml)]);
    assert_eq!(streams(&path), [true]);
    assert_eq!(both_ways(&path).1.len(), 1_999);
}

#[test]
fn what_the_stream_cannot_read_as_a_range_would_is_read_as_a_range() {
    let dir = tempfile::tempdir().unwrap();
    let head = row(1, &[t("A1", "案件编号"), t("B1", "当事人")]);
    let good = [head.clone(), row(2, &[t("A2", "A-1"), t("B2", "张某")])].concat();
    let back = [
        head.clone(),
        row(3, &[t("A3", "A-3"), t("B3", "王某")]),
        row(2, &[t("A2", "A-2"), t("B2", "李某")]),
    ]
    .concat();
    let again = [
        head.clone(),
        row(2, &[t("A2", "A-2")]),
        row(3, &[t("A3", "A-3")]),
        row(2, &[t("B2", "李某")]),
    ]
    .concat();
    let broken = [
        head.clone(),
        row(2, &[t("A2", "A-2")]),
        "<row r=\"3\"><c r=\"A3\"><v>1</c></row>".into(),
    ]
    .concat();
    let wide = [head.clone(), row(2, &[t("A2", "A-2"), t("XFE2", "x")])].concat();
    // A row's place is in the sheet's leftmost column: a note left of the table further down
    // moves it (a title left of the table above the header does not need the range).
    let table = |top: u32| {
        let (h, r1, r2) = (top, top + 1, top + 2);
        [
            row(
                h,
                &[
                    t(&format!("B{h}"), "案件编号"),
                    t(&format!("C{h}"), "当事人"),
                ],
            ),
            row(
                r1,
                &[t(&format!("B{r1}"), "A-1"), t(&format!("C{r1}"), "张某")],
            ),
            row(
                r2,
                &[t(&format!("B{r2}"), "A-2"), t(&format!("C{r2}"), "李某")],
            ),
        ]
        .concat()
    };
    let left_below = [table(1), row(9, &[t("A9", "注：以上为全部案件")])].concat();
    let title_left = [row(1, &[t("A1", "台账")]), table(2)].concat();
    // Given up on after its first batches were handed on: they are taken back.
    let mut long = head;
    for r in 2..=1_200u32 {
        long += &row(r, &[t(&format!("A{r}"), &format!("L-{r}"))]);
    }
    long += &row(5, &[t("B5", "李某")]);
    let path = workbook(
        &dir,
        &[
            ("好", good),
            ("倒序", back),
            ("重复", again),
            ("坏", broken),
            ("宽", wide),
            ("左下", left_below),
            ("左上", title_left),
            ("长", long),
        ],
    );
    assert_eq!(
        streams(&path),
        [true, false, false, false, false, false, true, false]
    );
    let (diags, rows) = both_ways(&path);
    assert!(
        diags
            .iter()
            .any(|d| d.kind == DiagnosticKind::Unreadable && d.place.display() == "坏!A1"),
        "{:?}",
        places(&diags)
    );
    let at = |no: &str| {
        let c = rows.iter().find(|(c, _)| c.case_no() == Some(no)).unwrap();
        c.0.at.display()
    };
    assert_eq!(at("A-1"), "好!A2");
    let on = |sheet: &str| -> Vec<String> {
        rows.iter()
            .map(|(c, _)| c.at.display())
            .filter(|at| at.starts_with(sheet))
            .collect()
    };
    // (The note is a row of its own: a case without a number, as the range path reads it.)
    assert_eq!(on("左下!"), ["左下!A2", "左下!A3", "左下!A9"]);
    assert_eq!(on("左上!"), ["左上!A3", "左上!A4"]);
    assert_eq!(on("长!").len(), 1_199);
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let check = |c: Case, d: Vec<Diagnostic>| (c, d);
    let mut given = 0;
    let kept = reader().stream_sheet(&mut wb, "长", false, &check, &mut |r| {
        if let LedgerRows::Batch(b) = r {
            given += b.len();
        }
    });
    assert!(kept.is_none() && given >= ROW_BATCH, "{given}");
}

#[test]
fn a_sheet_with_formulas_streams_with_the_plain_cell_reader() {
    let dir = tempfile::tempdir().unwrap();
    let head = row(
        1,
        &[
            t("A1", "案件编号"),
            t("B1", "罚款金额（元）"),
            t("C1", "当事人"),
        ],
    );
    let xml = [
        head,
        row(
            2,
            &[
                t("A2", "A-1"),
                "<c r=\"B2\"><f>1000*5</f><v>5000</v></c>".into(),
            ],
        ),
        // A value before its formula: the plain reader (and so the range) empties the cell.
        row(
            3,
            &[
                t("A3", "A-2"),
                "<c r=\"B3\"><v>800</v><f>400*2</f></c>".into(),
            ],
        ),
        row(
            4,
            &[
                t("A4", "A-3"),
                "<c r=\"C4\" t=\"str\"><f>\"张\"&amp;\"某\"</f><v>张某</v></c>".into(),
            ],
        ),
    ]
    .concat();
    let path = workbook(&dir, &[("2022", xml)]);
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let check = |c: Case, d: Vec<Diagnostic>| (c, d);
    let fast = reader().stream_as(false, &mut wb, "2022", false, &check, &mut |_| {});
    assert!(matches!(fast, Err(super::Fallback::Plain)));
    assert_eq!(streams(&path), [true]);
    let (_, rows) = both_ways(&path);
    let fines: Vec<_> = rows.iter().map(|(c, _)| c.fine()).collect();
    assert_eq!(fines, [Some(Money::yuan(5000)), None, None]);
    assert_eq!(
        rows[2].0.party.name.value().map(String::as_str),
        Some("张某")
    );
}
