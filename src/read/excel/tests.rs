//! The Excel reader's tests: workbooks written with rust_xlsxwriter, read back.

use super::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A cell to write into a test workbook.
#[derive(Clone)]
enum V {
    S(&'static str),
    N(f64),
    /// A real date cell (number with a date format).
    D(u16, u8, u8),
    B(bool),
    Blank,
}
use V::*;

/// A sheet to write: name, top-left (row, col), rows.
type SheetSpec<'a> = (&'a str, (u32, u16), Vec<Vec<V>>);
/// Officers expected: (name, certificate).
type Pairs = Vec<(&'static str, Option<&'static str>)>;

/// Writes `sheets` (name, top-left (row, col), rows) into `dir/name`.
fn workbook(dir: &tempfile::TempDir, file: &str, sheets: &[SheetSpec]) -> std::path::PathBuf {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (name, (r0, c0), rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r0 + r as u32, c0 + c as u16);
                match v {
                    S(s) => ws.write_string(r, c, *s).map(|_| ()),
                    N(n) => ws.write_number(r, c, *n).map(|_| ()),
                    D(y, m, d) => {
                        let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                        ws.write_datetime_with_format(r, c, &dt, &date).map(|_| ())
                    }
                    B(b) => ws.write_boolean(r, c, *b).map(|_| ()),
                    Blank => Ok(()),
                }
                .unwrap();
            }
        }
    }
    let path = dir.path().join(file);
    wb.save(&path).unwrap();
    path
}

struct Out {
    cases: Vec<Case>,
    row_findings: Vec<RowDiag>,
    file_findings: Vec<Diagnostic>,
}

/// A row's diagnostic with its case's number, as the scan gives it to the row's finding.
struct RowDiag {
    diag: Diagnostic,
    case_no: Option<String>,
}

impl std::ops::Deref for RowDiag {
    type Target = Diagnostic;
    fn deref(&self) -> &Diagnostic {
        &self.diag
    }
}

trait Diag {
    fn diag(&self) -> &Diagnostic;
}

impl Diag for Diagnostic {
    fn diag(&self) -> &Diagnostic {
        self
    }
}

impl Diag for RowDiag {
    fn diag(&self) -> &Diagnostic {
        &self.diag
    }
}

/// The rule code each diagnostic kind is reported under (rules::read_finding).
fn code(kind: DiagnosticKind) -> &'static str {
    match kind {
        DiagnosticKind::Unreadable => "F001",
        DiagnosticKind::MalformedXml => "F002",
        DiagnosticKind::Encoding => "F003",
        DiagnosticKind::NoHeaderRow => "F004",
        DiagnosticKind::UnknownField => "F005",
        DiagnosticKind::UnparseableValue => "F006",
    }
}

fn read_path(path: &Path, aliases: &Aliases) -> Out {
    read_path_as(path, aliases, true)
}

/// Reads `path` with `.xlsx` sheets streamed, or read as ranges.
fn read_path_as(path: &Path, aliases: &Aliases, stream: bool) -> Out {
    let reader = ExcelReader {
        file: "ledger.xlsx",
        aliases,
        lang: Lang::Zh,
    };
    let mut cases = Vec::new();
    let mut row_findings = Vec::new();
    let mut mark = (0, 0);
    let file_findings = reader.read_as(path, stream, &|c, f| (c, f), &mut |rows| match rows {
        LedgerRows::SheetStart => mark = (cases.len(), row_findings.len()),
        LedgerRows::Batch(batch) => {
            for (c, f) in batch {
                let case_no = c.case_no().map(str::to_string);
                row_findings.extend(f.into_iter().map(|diag| RowDiag {
                    diag,
                    case_no: case_no.clone(),
                }));
                cases.push(c);
            }
        }
        LedgerRows::SheetVoid => {
            cases.truncate(mark.0);
            row_findings.truncate(mark.1);
        }
    });
    Out {
        cases,
        row_findings,
        file_findings,
    }
}

fn read_sheets(sheets: &[SheetSpec]) -> Out {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(&dir, "t.xlsx", sheets);
    read_path(&path, &Aliases::shipped())
}

fn one(header: &[&'static str], row: Vec<V>) -> Out {
    read_sheets(&[(
        "2022",
        (0, 0),
        vec![header.iter().map(|h| S(h)).collect(), row],
    )])
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn codes<D: Diag>(f: &[D]) -> Vec<(String, String)> {
    f.iter()
        .map(|f| (code(f.diag().kind).to_string(), f.diag().place.display()))
        .collect()
}

#[test]
fn title_blank_row_then_header_on_row_3() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("台账").unwrap();
    ws.merge_range(
        0,
        0,
        0,
        3,
        "解放区消防救援大队2022年行政处罚案件台账",
        &Format::new(),
    )
    .unwrap();
    for (c, h) in ["案件编号", "当事人", "决定日期", "罚款金额"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    ws.write_string(3, 0, "解消立字〔2022〕第012号").unwrap();
    ws.write_string(3, 1, "开封市某某商贸有限公司").unwrap();
    ws.write_string(3, 2, "2022-03-15").unwrap();
    ws.write_number(3, 3, 5000).unwrap();
    // A blank row, a second case, then a totals row.
    ws.write_string(5, 0, "解消立字〔2022〕第013号").unwrap();
    ws.write_string(6, 0, "合计").unwrap();
    ws.write_number(6, 3, 5000).unwrap();
    let path = dir.path().join("t.xlsx");
    wb.save(&path).unwrap();
    let out = read_path(&path, &Aliases::shipped());
    assert!(
        out.file_findings.is_empty(),
        "{:?}",
        codes(&out.file_findings)
    );
    assert!(
        out.row_findings.is_empty(),
        "{:?}",
        codes(&out.row_findings)
    );
    assert_eq!(out.cases.len(), 2);
    let c = &out.cases[0];
    assert_eq!(c.case_no(), Some("解消立字〔2022〕第012号"));
    assert_eq!(c.source, SourceKind::Ledger);
    assert_eq!(c.at.display(), "台账!A4");
    assert_eq!(c.case_no.at().unwrap().display(), "台账!A4");
    assert_eq!(
        c.party.name.value().map(String::as_str),
        Some("开封市某某商贸有限公司")
    );
    assert_eq!(c.first_date("decision"), Some(d(2022, 3, 15)));
    assert_eq!(c.fine(), Some(Money::yuan(5000)));
    assert_eq!(c.decision().unwrap().raw_kind, LEDGER_DECISION);
    assert_eq!(out.cases[1].at.display(), "台账!A6");
    // The second row fills nothing of the decision: no decision, and it is missing.
    assert_eq!(out.cases[1].step("decision"), Step::Missing);
}

#[test]
fn fine_units_scale_bare_numbers() {
    // (header, cell, expected fine in fen)
    let table: Vec<(&'static str, V, Option<Money>)> = vec![
        ("罚款金额（万元）", N(0.5), Some(Money::yuan(5000))),
        ("罚款金额(万元)", N(0.1), Some(Money::yuan(1000))),
        ("罚款金额（万元）", S("0.5"), Some(Money::yuan(5000))),
        ("罚款金额（万元）", S("5000元"), Some(Money::yuan(5000))),
        ("罚款金额（元）", N(5000.0), Some(Money::yuan(5000))),
        ("罚款金额", S("伍仟元整"), Some(Money::yuan(5000))),
        ("罚款金额", N(12.5), Some(Money(1250))),
        ("罚款数额", S("5,000"), Some(Money::yuan(5000))),
        ("罚款金额", N(0.0), None),
        ("罚款金额", Blank, None),
    ];
    for (header, cell, want) in table {
        let out = one(&["案件编号", header], vec![S("A1"), cell]);
        assert!(
            out.row_findings.is_empty(),
            "{header}: {:?}",
            codes(&out.row_findings)
        );
        assert_eq!(out.cases[0].fine(), want, "{header}");
    }
}

#[test]
fn unreadable_fine_is_f006_and_a_fine_of_unknown_amount() {
    let out = one(&["案件编号", "罚款金额"], vec![S("A1"), S("五千多元")]);
    assert_eq!(
        codes(&out.row_findings),
        [("F006".into(), "2022!B2".into())]
    );
    assert_eq!(out.row_findings[0].case_no.as_deref(), Some("A1"));
    let c = &out.cases[0];
    assert_eq!(c.penalty_kinds(), ["fine"]);
    assert_eq!(c.fine(), None);
}

#[test]
fn dates_in_every_form() {
    let table: Vec<(V, Option<NaiveDate>)> = vec![
        (D(2022, 3, 1), Some(d(2022, 3, 1))),
        (N(44621.0), Some(d(2022, 3, 1))),
        (N(44621.5), Some(d(2022, 3, 1))),
        (N(20220301.0), Some(d(2022, 3, 1))),
        (S("2022年3月1日"), Some(d(2022, 3, 1))),
        (S("２０２２年３月１日"), Some(d(2022, 3, 1))),
        (S("2022/3/1"), Some(d(2022, 3, 1))),
        (S("2022.3.1"), Some(d(2022, 3, 1))),
        (S("2022-03-01 14:30"), Some(d(2022, 3, 1))),
        (S("20220301"), Some(d(2022, 3, 1))),
    ];
    for (cell, want) in table {
        let out = one(&["案件编号", "立案日期"], vec![S("A1"), cell]);
        assert!(
            out.row_findings.is_empty(),
            "{:?}",
            codes(&out.row_findings)
        );
        assert_eq!(out.cases[0].first_date("filing"), want);
        assert_eq!(
            out.cases[0].docs("filing").next().unwrap().at.display(),
            "2022!B2"
        );
    }
}

#[test]
fn unparseable_dates_are_present_but_unknown() {
    for cell in [
        S("2022年13月5日"),
        S("三月初"),
        N(5.0),
        B(true),
        S("2022-02-30"),
    ] {
        let out = one(
            &["案件编号", "当事人", "告知日期"],
            vec![S("A1"), S("某"), cell],
        );
        assert_eq!(
            codes(&out.row_findings),
            [("F006".into(), "2022!C2".into())]
        );
        assert_eq!(out.row_findings[0].subject, "notice_on");
        assert!(out.row_findings[0].message.contains("告知日期"));
        let c = &out.cases[0];
        let Step::Present(docs) = c.step("notice") else {
            panic!("notice should be present: {:?}", c.step("notice"));
        };
        assert!(matches!(docs[0].date, Field::Invalid { .. }));
    }
}

#[test]
fn step_columns_give_present_missing_unknown() {
    let out = one(
        &["案件编号", "立案日期", "告知日期", "决定日期", "送达日期"],
        vec![
            S("A1"),
            D(2022, 3, 2),
            Blank,
            D(2022, 3, 15),
            S("2022年3月16日"),
        ],
    );
    let c = &out.cases[0];
    assert!(matches!(c.step("filing"), Step::Present(_)));
    assert_eq!(c.step("notice"), Step::Missing);
    assert!(matches!(c.step("decision"), Step::Present(_)));
    assert_eq!(c.first_date("service"), Some(d(2022, 3, 16)));
    // No column at all: unknown, never missing.
    assert_eq!(c.step("legal_review"), Step::Unknown);
    assert_eq!(c.step("closing"), Step::Unknown);
    let Coverage::Kinds(k) = &c.coverage else {
        panic!()
    };
    let want: BTreeSet<String> = ["filing", "notice", "decision", "service"]
        .map(String::from)
        .into();
    assert_eq!(**k, want);
    assert_eq!(
        c.docs("decision").count(),
        1,
        "the decision date sits on one decision"
    );
}

#[test]
fn no_notice_column_is_unknown() {
    let out = one(&["案件编号", "决定日期"], vec![S("A1"), D(2022, 3, 15)]);
    assert_eq!(out.cases[0].step("notice"), Step::Unknown);
    let out = one(&["案件编号", "告知日期"], vec![S("A1"), Blank]);
    assert_eq!(out.cases[0].step("notice"), Step::Missing);
}

#[test]
fn officers_pair_with_certificates() {
    let table: Vec<(V, Option<V>, Pairs)> = vec![
        (
            S("李某、王某"),
            Some(S("41020001、41020002")),
            vec![("李某", Some("41020001")), ("王某", Some("41020002"))],
        ),
        (
            S("李某，王某"),
            Some(S("41020001;41020002")),
            vec![("李某", Some("41020001")), ("王某", Some("41020002"))],
        ),
        (
            S("李某 王某"),
            Some(N(41020001.0)),
            vec![("李某", Some("41020001")), ("王某", None)],
        ),
        (S("李某,王某"), None, vec![("李某", None), ("王某", None)]),
    ];
    for (names, certs, want) in table {
        let (header, row) = match certs {
            Some(c) => (
                vec!["案件编号", "承办人", "执法证号"],
                vec![S("A1"), names, c],
            ),
            None => (vec!["案件编号", "执法人员"], vec![S("A1"), names]),
        };
        let out = one(&header, row);
        let got: Vec<(String, Option<String>)> = out.cases[0]
            .officers
            .value()
            .unwrap()
            .iter()
            .map(|o| (o.name.clone(), o.cert.clone()))
            .collect();
        let want: Vec<(String, Option<String>)> = want
            .iter()
            .map(|(n, c)| (n.to_string(), c.map(str::to_string)))
            .collect();
        assert_eq!(got, want);
        assert_eq!(
            out.cases[0].officers.value().unwrap()[0].at.display(),
            "2022!B2"
        );
    }
    // No officers column: unknown. An empty cell: missing.
    let out = one(&["案件编号", "执法证号"], vec![S("A1"), S("41020001")]);
    assert_eq!(out.cases[0].officers, Field::Absent);
    let out = one(&["案件编号", "承办人"], vec![S("A1"), Blank]);
    assert!(out.cases[0].officers.is_empty());
}

#[test]
fn hearing_told_and_extension() {
    let rights = |c: &Case| c.docs("notice").next().map(|n| n.rights.clone());
    let out = one(
        &["案件编号", "告知日期", "是否告知听证", "延长期限（日）"],
        vec![S("A1"), D(2022, 3, 10), S("是"), N(30.0)],
    );
    let c = &out.cases[0];
    assert_eq!(rights(c).unwrap().value(), Some(&vec!["听证".to_string()]));
    let ext = c.docs("extension").next().unwrap();
    assert_eq!(ext.days.value(), Some(&30));
    assert_eq!(ext.at.display(), "2022!D2");

    let out = one(
        &["案件编号", "告知日期", "听证告知", "延期天数"],
        vec![S("A1"), D(2022, 3, 10), B(false), N(0.0)],
    );
    let c = &out.cases[0];
    assert_eq!(rights(c).unwrap().value(), Some(&Vec::new()));
    assert_eq!(c.docs("extension").count(), 0);

    // No hearing column: rights unknown.
    let out = one(&["案件编号", "告知日期"], vec![S("A1"), D(2022, 3, 10)]);
    assert_eq!(rights(&out.cases[0]), Some(Field::Absent));

    // No notice column, but the ledger says the hearing right was told: a notice exists.
    let out = one(&["案件编号", "是否告知听证"], vec![S("A1"), S("是")]);
    let c = &out.cases[0];
    assert!(matches!(c.step("notice"), Step::Present(_)));
    assert_eq!(c.docs("notice").next().unwrap().date, Field::Absent);

    // An empty notice cell stays missing whatever the hearing column says.
    let out = one(
        &["案件编号", "告知日期", "是否告知听证"],
        vec![S("A1"), Blank, S("是")],
    );
    assert_eq!(out.cases[0].step("notice"), Step::Missing);

    let out = one(&["案件编号", "是否告知听证"], vec![S("A1"), S("也许")]);
    assert_eq!(
        codes(&out.row_findings),
        [("F006".into(), "2022!B2".into())]
    );
}

#[test]
fn penalties_from_kinds_and_fine() {
    let table: Vec<(V, V, Vec<&str>, Option<Money>)> = vec![
        (
            S("警告、罚款"),
            N(5000.0),
            vec!["warning", "fine"],
            Some(Money::yuan(5000)),
        ),
        (
            S("罚款 5000元"),
            N(5000.0),
            vec!["fine"],
            Some(Money::yuan(5000)),
        ),
        (
            S("责令停产停业"),
            N(5000.0),
            vec!["suspend_business", "fine"],
            Some(Money::yuan(5000)),
        ),
        (S("警告"), N(0.0), vec!["warning"], None),
        (S("警告"), Blank, vec!["warning"], None),
        (S("罚款"), Blank, vec!["fine"], None),
        (Blank, N(3000.0), vec!["fine"], Some(Money::yuan(3000))),
        (S("通报批评"), Blank, vec!["通报批评"], None),
    ];
    for (kinds, fine, want_kinds, want_fine) in table {
        let out = one(
            &["案件编号", "处罚种类", "罚款金额"],
            vec![S("A1"), kinds, fine],
        );
        let c = &out.cases[0];
        assert_eq!(c.penalty_kinds(), want_kinds);
        assert_eq!(c.fine(), want_fine);
    }
    // Nothing about the decision filled: no decision.
    let out = one(
        &["案件编号", "处罚种类", "罚款金额"],
        vec![S("A1"), Blank, Blank],
    );
    assert!(out.cases[0].decision().is_none());
}

#[test]
fn decision_fields() {
    let out = one(
        &["案件编号", "决定书文号", "处罚依据", "救济途径", "决定日期"],
        vec![
            S("A1"),
            S("解消行罚决字〔2022〕第0012号"),
            S("《中华人民共和国消防法》第六十条第一款第三项"),
            S("六十日内申请行政复议"),
            D(2022, 3, 15),
        ],
    );
    let dec = out.cases[0].decision().unwrap();
    assert_eq!(dec.kind.as_deref(), Some("decision"));
    assert_eq!(
        dec.no.value().map(String::as_str),
        Some("解消行罚决字〔2022〕第0012号")
    );
    let basis = dec.basis.value().unwrap();
    assert_eq!(basis.len(), 1);
    assert_eq!(basis[0].at.display(), "2022!C2");
    assert!(dec.remedy.is_filled());
    assert_eq!(dec.date.value(), Some(&d(2022, 3, 15)));
    assert_eq!(dec.at.display(), "2022!E2");
}

#[test]
fn party_fields() {
    // (kind cell, id cell, expect id_number, expect credit_code)
    let table: Vec<(V, V, Option<&str>, Option<&str>)> = vec![
        (
            Blank,
            S("410102199003071234"),
            Some("410102199003071234"),
            None,
        ),
        (
            Blank,
            S("41010219900307123X"),
            Some("41010219900307123X"),
            None,
        ),
        (Blank, S("410102900307123"), Some("410102900307123"), None),
        (
            Blank,
            S("91410204MA9XXXXXXX"),
            None,
            Some("91410204MA9XXXXXXX"),
        ),
        // Birth date 2022-13-45 is no date: a credit code of digits only.
        (
            Blank,
            S("914102042213451234"),
            None,
            Some("914102042213451234"),
        ),
        (
            S("单位"),
            S("410102199003071234"),
            None,
            Some("410102199003071234"),
        ),
        (
            S("个人"),
            S("91410204MA9XXXXXXX"),
            Some("91410204MA9XXXXXXX"),
            None,
        ),
    ];
    for (kind, id, want_id, want_code) in table {
        let out = one(
            &["案件编号", "当事人类型", "统一社会信用代码/身份证号"],
            vec![S("A1"), kind, id],
        );
        let p = &out.cases[0].party;
        assert_eq!(p.id_number.value().map(String::as_str), want_id);
        assert_eq!(p.credit_code.value().map(String::as_str), want_code);
    }
    let out = one(
        &["案件编号", "当事人类型", "统一社会信用代码"],
        vec![S("A1"), Blank, Blank],
    );
    let p = &out.cases[0].party;
    assert!(p.credit_code.is_empty());
    assert_eq!(p.id_number, Field::Absent);
    let out = one(&["案件编号", "主体类型"], vec![S("A1"), S("外星人")]);
    assert_eq!(
        codes(&out.row_findings),
        [("F006".into(), "2022!B2".into())]
    );
    let out = one(
        &["案件编号", "程序类型", "违法情节", "相对人类别"],
        vec![S("A1"), S("一般程序"), S("较重"), S("个人")],
    );
    let c = &out.cases[0];
    assert_eq!(c.procedure.value(), Some(&Procedure::General));
    assert_eq!(
        c.violation.circumstance.value(),
        Some(&Circumstance::Serious)
    );
    assert_eq!(c.party.kind.value(), Some(&PartyKind::Individual));
}

#[test]
fn citizen_ids() {
    for (s, want) in [
        ("410102199003071234", true),
        ("41010219900307123x", true),
        ("４１０１０２１９９００３０７１２３４", true),
        ("410102900307123", true),
        ("410102199013071234", false),
        ("91410204MA9XXXXXXX", false),
        ("4101021990030712", false),
        ("", false),
    ] {
        assert_eq!(looks_like_citizen_id(s), want, "{s}");
    }
}

#[test]
fn sheet_without_header_is_f004_and_empty_sheet_is_nothing() {
    let out = read_sheets(&[
        (
            "汇总",
            (1, 1),
            vec![
                vec![S("序号"), S("单位"), S("金额")],
                vec![N(1.0), S("某"), N(5.0)],
            ],
        ),
        ("空白", (0, 0), vec![]),
    ]);
    assert_eq!(
        codes(&out.file_findings),
        [("F004".into(), "汇总!B2".into())]
    );
    assert!(out.cases.is_empty());
}

#[test]
fn header_below_row_10_is_not_found() {
    let mut rows: Vec<Vec<V>> = (0..10).map(|_| vec![S("说明")]).collect();
    rows.push(vec![S("案件编号"), S("当事人")]);
    rows.push(vec![S("A1"), S("某")]);
    let out = read_sheets(&[("s", (0, 0), rows)]);
    assert_eq!(codes(&out.file_findings), [("F004".into(), "s!A1".into())]);
}

#[test]
fn unknown_columns_are_f005_each() {
    let out = one(
        &["序号", "案件编号", "当事人", "备注说明"],
        vec![N(1.0), S("A1"), S("某"), S("无")],
    );
    assert_eq!(
        codes(&out.file_findings),
        [
            ("F005".into(), "2022!A1".into()),
            ("F005".into(), "2022!D1".into())
        ]
    );
    assert_eq!(out.file_findings[1].subject, "column:备注说明@2022");
    assert_eq!(out.cases.len(), 1);
}

#[test]
fn places_are_absolute_when_the_range_does_not_start_at_a1() {
    let out = read_sheets(&[(
        "2022",
        (2, 2),
        vec![
            vec![S("案件编号"), S("当事人"), S("告知日期")],
            vec![S("A1"), S("某"), S("2022年13月5日")],
            vec![S("案件编号"), S("当事人"), S("告知日期")],
            vec![S("A2"), S("某"), D(2022, 3, 1)],
        ],
    )]);
    assert_eq!(out.cases.len(), 2, "the repeated header is not a case");
    let c = &out.cases[0];
    assert_eq!(c.at.display(), "2022!C4");
    assert_eq!(c.party.name.at().unwrap().display(), "2022!D4");
    assert_eq!(
        codes(&out.row_findings),
        [("F006".into(), "2022!E4".into())]
    );
    assert_eq!(
        out.cases[1].docs("notice").next().unwrap().at.display(),
        "2022!E6"
    );
}

#[test]
fn every_sheet_is_read() {
    let header = || vec![S("案件编号"), S("决定日期")];
    let out = read_sheets(&[
        ("2021", (0, 0), vec![header(), vec![S("A1"), D(2021, 5, 1)]]),
        (
            "2022",
            (0, 0),
            vec![header(), vec![S("B1"), D(2022, 5, 1)], vec![S("B2"), Blank]],
        ),
    ]);
    let got: Vec<(&str, String)> = out
        .cases
        .iter()
        .map(|c| (c.case_no().unwrap(), c.at.display()))
        .collect();
    assert_eq!(
        got,
        [
            ("A1", "2021!A2".into()),
            ("B1", "2022!A2".into()),
            ("B2", "2022!A3".into())
        ]
    );
}

#[test]
fn corrupt_and_missing_files_are_f001() {
    let dir = tempfile::tempdir().unwrap();
    let corrupt = dir.path().join("坏.xlsx");
    let bytes: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&corrupt, bytes).unwrap();
    let zip_garbage = dir.path().join("zip.xlsx");
    std::fs::write(&zip_garbage, b"PK\x03\x04 not really a zip").unwrap();
    let legacy = dir.path().join("old.xls");
    std::fs::write(&legacy, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 truncated").unwrap();
    let empty = dir.path().join("empty.xlsx");
    std::fs::write(&empty, b"").unwrap();
    let missing = dir.path().join("missing.xlsx");
    for p in [corrupt, zip_garbage, legacy, empty, missing] {
        let out = read_path(&p, &Aliases::shipped());
        assert_eq!(
            codes(&out.file_findings),
            [("F001".into(), String::new())],
            "{p:?}"
        );
        assert!(out.file_findings[0].message.contains("无法打开工作簿"));
        assert!(out.cases.is_empty());
    }
}

#[test]
fn cell_values_table() {
    use calamine::{CellErrorType, ExcelDateTime as Dt, ExcelDateTimeType};
    let dt = |v: f64| Data::DateTime(Dt::new(v, ExcelDateTimeType::DateTime, false));
    let ok = |r: Result<NaiveDate, Bad>| r.ok();
    assert_eq!(ok(date_of(&dt(44621.0), false)), Some(d(2022, 3, 1)));
    // The same serial in the 1904 system is four years and a day later.
    assert_eq!(
        ok(date_of(&Data::Float(43159.0), true)),
        Some(d(2022, 3, 1))
    );
    assert_eq!(
        ok(date_of(&Data::Int(20220301), false)),
        Some(d(2022, 3, 1))
    );
    assert_eq!(
        ok(date_of(&Data::Int(60), false)),
        None,
        "1900-02-29 does not exist"
    );
    assert_eq!(ok(date_of(&Data::Float(f64::NAN), false)), None);
    assert_eq!(ok(date_of(&Data::Float(-3.0), false)), None);
    let duration = Data::DateTime(Dt::new(0.5, ExcelDateTimeType::TimeDelta, false));
    assert_eq!(ok(date_of(&duration, false)), None);
    let err = date_of(&Data::Error(CellErrorType::Div0), false)
        .err()
        .unwrap();
    assert_eq!(err.raw, "#DIV/0!");
    assert_eq!(
        ok(date_of(
            &Data::DateTimeIso("2022-03-01T00:00:00".into()),
            false
        )),
        Some(d(2022, 3, 1))
    );

    assert_eq!(
        amount_of(&Data::Float(0.5), Some(10_000)).ok(),
        Some(Money::yuan(5000))
    );
    assert_eq!(
        amount_of(&Data::Int(3), Some(10_000)).ok(),
        Some(Money::yuan(30_000))
    );
    assert!(amount_of(&Data::Float(-1.0), None).is_err());
    assert!(
        amount_of(&Data::Float(0.001), None).is_err(),
        "a fraction of a fen"
    );
    assert!(amount_of(&Data::Float(f64::INFINITY), None).is_err());
    assert!(amount_of(&Data::Error(CellErrorType::NA), None).is_err());
    assert!(amount_of(&dt(44621.0), None).is_err());

    assert_eq!(bool_of(&Data::Bool(true)).ok(), Some(true));
    assert_eq!(bool_of(&Data::Int(0)).ok(), Some(false));
    assert_eq!(bool_of(&Data::String("√".into())).ok(), Some(true));
    assert!(bool_of(&Data::String("也许".into())).is_err());

    assert_eq!(days_of(&Data::Int(30)).ok(), Some(30));
    assert_eq!(days_of(&Data::Float(30.0)).ok(), Some(30));
    assert_eq!(days_of(&Data::String("三十日".into())).ok(), Some(30));
    assert!(days_of(&Data::Int(-1)).is_err());
    assert!(days_of(&Data::Float(1.5)).is_err());

    assert_eq!(
        cell_text(&Data::Float(41020001.0)).as_deref(),
        Some("41020001")
    );
    assert_eq!(cell_text(&Data::String("  ".into())), None);
    assert_eq!(cell_text(&dt(44621.0)).as_deref(), Some("2022-03-01"));
    assert!(!is_blank(&Data::Error(CellErrorType::Ref)));
}

#[test]
fn error_cells_in_text_columns_are_f006() {
    let sheet = SheetCtx {
        name: "s",
        origin: (4, 1),
        first_col: 1,
        date1904: false,
        cols: Cols::from_iter([(
            "case_no".to_string(),
            Col {
                rel: 0,
                header: "案件编号".into(),
                unit: None,
            },
        )]),
        steps: Default::default(),
        step_fields: Vec::new(),
    };
    let aliases = Aliases::shipped();
    let reader = ExcelReader {
        file: "x.xlsx",
        aliases: &aliases,
        lang: Lang::En,
    };
    let row = [Data::Error(calamine::CellErrorType::NA)];
    let (case, findings) = RowReader {
        reader: &reader,
        sheet: &sheet,
        row: &row,
        rel_row: 2,
        out: Vec::new(),
    }
    .case();
    assert!(matches!(case.case_no, Field::Invalid { ref raw, .. } if raw == "#N/A"));
    assert_eq!(codes(&findings), [("F006".into(), "s!B7".into())]);
    assert!(
        findings[0].message.contains("#N/A"),
        "{}",
        findings[0].message
    );
}

/// A legacy `.xls` written by python's xlwt (the only `.xls` writer at hand), in the 1904
/// date system. Skipped, with a note, where python3 or xlwt is not installed.
#[test]
fn legacy_xls_with_1904_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.xls");
    let script = r#"
import sys, datetime, xlwt
wb = xlwt.Workbook(encoding="utf-8")
wb.set_dates_1904(1)
ws = wb.add_sheet("2022")
ws.write(0, 0, "案件编号"); ws.write(0, 1, "决定日期"); ws.write(0, 2, "罚款金额（万元）")
ws.write(1, 0, "解消立字〔2022〕第012号")
ws.write(1, 1, datetime.date(2022, 3, 15), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
ws.write(1, 2, 0.5)
wb.save(sys.argv[1])
"#;
    let status = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&path)
        .stderr(std::process::Stdio::null())
        .status();
    if !matches!(status, Ok(s) if s.success()) {
        // CI (CI=true; .ci/regen-fixtures installs xlwt first) may not pass by skipping.
        assert!(
            std::env::var("CI").map_or(true, |v| v.is_empty() || v == "0" || v == "false"),
            "CI=true and python3 with xlwt is not available to write an .xls"
        );
        eprintln!("skipped: python3 with xlwt is not available to write an .xls");
        return;
    }
    let out = read_path(&path, &Aliases::shipped());
    assert!(
        out.file_findings.is_empty(),
        "{:?}",
        codes(&out.file_findings)
    );
    assert!(
        out.row_findings.is_empty(),
        "{:?}",
        codes(&out.row_findings)
    );
    let c = &out.cases[0];
    assert_eq!(c.case_no(), Some("解消立字〔2022〕第012号"));
    assert_eq!(c.first_date("decision"), Some(d(2022, 3, 15)));
    assert_eq!(c.fine(), Some(Money::yuan(5000)));
    assert_eq!(c.decision().unwrap().at.display(), "2022!B2");
}

fn fixture(rel: &str) -> Out {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/detachment")
        .join(rel);
    read_path(&path, &Aliases::shipped())
}

/// The legacy `.xls` fixture (fixtures/gen_xls.py): other aliases, no 告知 columns.
#[test]
fn legacy_xls_fixture() {
    let out = fixture("鼓楼区大队/鼓楼区2021-2022年案件台账.xls");
    assert!(
        out.file_findings.is_empty(),
        "{:?}",
        codes(&out.file_findings)
    );
    assert!(
        out.row_findings.is_empty(),
        "{:?}",
        codes(&out.row_findings)
    );
    assert_eq!(out.cases.len(), 5);
    let c = &out.cases[3];
    assert_eq!(c.case_no(), Some("鼓消立字〔2022〕第204号"));
    assert_eq!(c.at.display(), "Sheet1!A5");
    assert_eq!(c.step("notice"), Step::Unknown, "no 告知日期 column");
    assert!(matches!(c.step("payment"), Step::Present(_)));
    assert_eq!(c.first_date("decision"), Some(d(2022, 5, 31)));
    assert_eq!(c.first_date("service"), Some(d(2022, 6, 15)));
    assert_eq!(c.docs("service").next().unwrap().at.display(), "Sheet1!Q5");
    let names: Vec<&str> = c
        .officers
        .value()
        .unwrap()
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(names, ["张某", "刘某"]);
}

/// The 解放区 ledger fixture (examples/gen_fixtures.rs) and its documented defects.
#[test]
fn ledger_fixture() {
    let out = fixture("解放区大队/解放区消防救援大队行政处罚案件台账.xlsx");
    assert_eq!(
        codes(&out.file_findings),
        [
            ("F005".into(), "2022年!Z3".into()),
            ("F004".into(), "草稿!A1".into())
        ]
    );
    assert_eq!(
        codes(&out.row_findings),
        [("F006".into(), "2022年!W13".into())]
    );
    assert_eq!(
        out.row_findings[0].case_no.as_deref(),
        Some("解消立字〔2022〕第209号")
    );
    assert_eq!(out.cases.len(), 14, "10 rows on 2022年, 4 on 2021年");
    let c = out
        .cases
        .iter()
        .find(|c| c.case_no() == Some("解消立字〔2022〕第207号"))
        .unwrap();
    assert_eq!(c.fine(), Some(Money::yuan(3000)), "0.3 万元");
    let fine_at = c.decision().unwrap().penalties.value().unwrap()[0]
        .amount
        .at()
        .cloned();
    assert_eq!(fine_at.unwrap().display(), "2022年!L11");
    let c = out
        .cases
        .iter()
        .find(|c| c.case_no() == Some("解消立字〔2022〕第201号"))
        .unwrap();
    assert_eq!(c.first_date("filing"), Some(d(2022, 2, 10)));
    assert_eq!(c.first_date("decision"), Some(d(2022, 5, 20)));
    assert_eq!(c.docs("decision").next().unwrap().at.display(), "2022年!T5");
}
