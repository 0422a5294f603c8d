//! The merge's tests: validation of returned workbooks, the merge itself, and its outputs.

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
    // The rates table only (the cases nobody signed off follow in a section of their own).
    let rates_and_rejected = &h[..h.find("未审查的案件").unwrap_or(h.len())];
    assert_eq!(rates_and_rejected.matches("<table").count(), 1, "{h}");
    assert!(rates_and_rejected.contains("（无）"), "{h}");
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
