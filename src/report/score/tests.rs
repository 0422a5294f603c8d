//! Tests of scoring cases: vetoes, caps, grades, attribution of findings to cases, brigade
//! summaries.

use super::*;
use crate::finding::Severity::*;
use sample::{case, finding};

fn standard() -> Scoring {
    Scoring::shipped().clone()
}

fn run(cases: Vec<crate::model::run::CaseSummary>, findings: Vec<Finding>) -> Vec<CaseScore> {
    let r = ScanResult {
        findings,
        cases: cases.into(),
        ..Default::default()
    };
    score_cases(&r, &standard())
}

fn subject(mut f: Finding, s: &str) -> Finding {
    f.subject = s.into();
    f
}

#[test]
fn veto_cases() {
    let c = || vec![case("a.xml", Some("A"), "b")];
    // (finding, vetoes?)
    let table = [
        (finding("S001", Error, "a.xml", Some("A"), 1), true),
        (finding("L005", Error, "a.xml", Some("A"), 1), true),
        (finding("L010", Warning, "a.xml", Some("A"), 1), false),
        (finding("L001", Warning, "a.xml", Some("A"), 1), false), // item level: warning
        (finding("P003", Error, "a.xml", Some("A"), 1), false),   // 超期: a deduction
        (finding("P002", Error, "a.xml", Some("A"), 1), true),
        (finding("P004", Error, "a.xml", Some("A"), 1), true),
        (finding("P005", Error, "a.xml", Some("A"), 1), true),
        (finding("P008", Error, "a.xml", Some("A"), 1), true),
        (finding("P011", Error, "a.xml", Some("A"), 1), true),
        (finding("P012", Warning, "a.xml", Some("A"), 1), true), // listed code, any severity
        (finding("P016", Error, "a.xml", Some("A"), 1), true),
        (finding("P009", Error, "a.xml", Some("A"), 1), true),
        (finding("P009", Warning, "a.xml", Some("A"), 1), false),
        (
            subject(finding("P001", Error, "a.xml", Some("A"), 1), "notice"),
            true,
        ),
        (
            subject(finding("P001", Error, "a.xml", Some("A"), 1), "decision"),
            true,
        ),
        (
            subject(finding("P001", Error, "a.xml", Some("A"), 1), "filing"),
            false,
        ),
        (finding("D001", Error, "a.xml", Some("A"), 1), false),
        (finding("F005", Error, "a.xml", Some("A"), 1), false),
    ];
    for (f, vetoes) in table {
        let code = f.code.clone();
        let s = &run(c(), vec![f])[0];
        assert_eq!(!s.veto.is_empty(), vetoes, "{code}: {s:?}");
        if vetoes {
            // 90 or 97 points, still 不合格
            assert_eq!(s.grade.id, "fail", "{code}");
            assert!(s.score >= Points(900), "{code}: {}", s.score);
            assert_eq!(s.veto, [code]);
        } else {
            assert_ne!(s.grade.id, "fail", "{code}");
        }
    }
    // A waived veto finding does not veto.
    let mut f = finding("P004", Error, "a.xml", Some("A"), 1);
    f.waived = Some("ok".into());
    let s = &run(c(), vec![f])[0];
    assert!(s.veto.is_empty());
    assert_eq!((s.score, s.grade.id.as_str()), (Points(1000), "excellent"));
}

#[test]
fn inferred_or_blank_evidence_deducts_without_veto() {
    for e in [
        crate::finding::Evidence::Inferred,
        crate::finding::Evidence::LedgerBlank,
    ] {
        let mut f = finding("L005", Error, "a.xml", Some("A"), 1);
        f.evidence = e;
        let s = &run(vec![case("a.xml", Some("A"), "b")], vec![f])[0];
        assert!(s.veto.is_empty(), "{e:?}");
        assert!(s.score < Points(1000));
    }
}

#[test]
fn a_ledger_row_folded_into_its_file_scores_there_once() {
    let mut r = ScanResult {
        findings: vec![
            finding("P003", Warning, "a.xml", Some("A"), 1),
            finding("P003", Warning, "t.xlsx", Some("A"), 1),
            finding("D005", Warning, "t.xlsx", Some("A"), 2),
        ],
        cases: vec![case("a.xml", Some("A"), "b")].into(),
        ..Default::default()
    };
    r.coverage.merged.push(crate::model::coverage::Merged {
        file: "t.xlsx".into(),
        case_no: Some("A".into()),
        at: Place::File,
        into: 0,
    });
    let s = &score_cases(&r, &standard())[0];
    let codes: Vec<(&str, usize)> = s
        .deductions
        .iter()
        .map(|d| (d.code.as_str(), d.count))
        .collect();
    assert_eq!(codes, [("D005", 1), ("P003", 1)]);
}

#[test]
fn cap_per_rule_per_case() {
    // (warnings of one rule, expected deduction, capped?) with warning 3 per finding, cap 6
    for (n, points, capped) in [(1, 30, false), (2, 60, false), (3, 60, true), (9, 60, true)] {
        let fs = (0..n)
            .map(|i| finding("D005", Warning, "a.xml", Some("A"), i + 1))
            .collect();
        let s = &run(vec![case("a.xml", Some("A"), "b")], fs)[0];
        assert_eq!(
            s.deductions,
            [Deduction {
                code: "D005".into(),
                count: n as usize,
                points: Points(points),
                capped
            }],
            "{n}"
        );
        assert_eq!(s.score, Points(1000 - points));
    }
}

#[test]
fn floor_at_zero() {
    // 11 error rules × 10 points (cap 20 each, one finding each) = 110 > 100
    let fs: Vec<Finding> = (1..=11)
        .map(|i| finding(&format!("D{i:03}"), Error, "a.xml", Some("A"), i))
        .collect();
    let s = &run(vec![case("a.xml", Some("A"), "b")], fs)[0];
    assert_eq!(s.score, Points(0));
    assert_eq!(s.deductions.len(), 11);
    assert_eq!(s.grade.id, "fail");
}

#[test]
fn grades_at_band_edges() {
    let s = standard();
    for (tenths, id) in [
        (1000, "excellent"),
        (900, "excellent"),
        (899, "pass"),
        (700, "pass"),
        (699, "fail"),
        (0, "fail"),
    ] {
        assert_eq!(s.grade_for(Points(tenths)).id, id, "{tenths}");
    }
    // Through scoring: 10 warnings of distinct rules = 70 → 合格; 11 → 67 → 不合格;
    // 1 error = 90 → 优秀.
    let warn = |n: u32| -> Vec<Finding> {
        (1..=n)
            .map(|i| finding(&format!("D{i:03}"), Warning, "a.xml", Some("A"), i))
            .collect()
    };
    let c = || vec![case("a.xml", Some("A"), "b")];
    let s10 = &run(c(), warn(10))[0];
    assert_eq!((s10.score, s10.grade.id.as_str()), (Points(700), "pass"));
    let s11 = &run(c(), warn(11))[0];
    assert_eq!((s11.score, s11.grade.id.as_str()), (Points(670), "fail"));
    let e = &run(c(), vec![finding("D001", Error, "a.xml", Some("A"), 1)])[0];
    assert_eq!((e.score, e.grade.id.as_str()), (Points(900), "excellent"));
}

#[test]
fn file_level_findings_do_not_score_and_attribution() {
    let mut ledger_a = case("l.xlsx", Some("X"), "b");
    ledger_a.at = Place::cell("2022", 4, 0);
    let mut ledger_b = case("l.xlsx", Some("X"), "b"); // repeated number, another row
    ledger_b.at = Place::cell("2022", 5, 0);
    let nameless = case("n.xml", None, "b");
    let mut on_b = finding("D001", Error, "l.xlsx", Some("X"), 1);
    on_b.place = Place::cell("2022", 5, 7);
    let r = ScanResult {
        findings: vec![
            finding("F002", Error, "a.xml", None, 1), // file-level: nobody's
            finding("F006", Warning, "a.xml", Some("A"), 2), // reader finding in a case
            on_b,
            finding("D002", Error, "n.xml", None, 3), // case without a number
            finding("F005", Info, "n.xml", None, 1),  // file-level in that file
            finding("D001", Error, "gone.xml", Some("Z"), 1), // no such case
        ],
        cases: vec![case("a.xml", Some("A"), "b"), ledger_a, ledger_b, nameless].into(),
        ..Default::default()
    };
    assert_eq!(
        case_of_findings(&r),
        [None, Some(0), Some(2), Some(3), None, None]
    );
    let s = score_cases(&r, &standard());
    let scores: Vec<Points> = s.iter().map(|c| c.score).collect();
    // The F006 on case A is data quality: no points.
    assert_eq!(
        scores,
        [Points(1000), Points(1000), Points(900), Points(900)]
    );
}

/// review.md, Scoring: a case with P004, P005 or P016 fails whatever its points; export
/// problems (F-rules) never cost enforcement points; an unreadable file is 未评查 for the
/// brigade of its folder.
#[test]
fn default_scoring_fails_hearing_cases_and_ignores_export_quality() {
    for code in ["P004", "P005", "P016"] {
        let s = &run(
            vec![case("a.xml", Some("A"), "b")],
            vec![finding(code, Error, "a.xml", Some("A"), 1)],
        )[0];
        assert_eq!(
            (s.score, s.grade.id.as_str()),
            (Points(900), "fail"),
            "{code}"
        );
    }
    let fs: Vec<Finding> = ["F001", "F002", "F004", "F005", "F006", "F007", "F009"]
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            [Error, Warning, Info].map(|sev| finding(c, sev, "a.xml", Some("A"), i as u32 + 1))
        })
        .collect();
    let s = &run(vec![case("a.xml", Some("A"), "b")], fs)[0];
    assert_eq!((s.score, s.grade.id.as_str()), (Points(1000), "excellent"));
    assert!(s.deductions.is_empty() && s.veto.is_empty(), "{s:?}");

    let r = ScanResult {
        findings: vec![
            finding("F001", Error, "乙/bad.xml", None, 1),
            finding("D001", Error, "乙/ok.xml", Some("A"), 1),
            finding("F005", Warning, "乙/ok.xml", None, 1),
        ],
        cases: vec![case("乙/ok.xml", Some("A"), "乙")].into(),
        inputs: vec![
            crate::model::run::InputRecord {
                file: "乙/bad.xml".into(),
                bytes: 0,
                sha256: None,
                brigade: Some("乙".into()),
            },
            crate::model::run::InputRecord {
                file: "乙/ok.xml".into(),
                bytes: 10,
                sha256: Some("ab".into()),
                brigade: Some("乙".into()),
            },
        ]
        .into(),
        ..Default::default()
    };
    let scores = score_cases(&r, &standard());
    let b = brigades(&r, &scores, &case_of_findings(&r), &standard(), 3);
    assert_eq!(b.len(), 1);
    assert_eq!((b[0].cases, b[0].unchecked, b[0].data_quality()), (1, 1, 2));
    assert_eq!(b[0].pass_rate(), Some(1.0));
}

#[test]
fn deductions_per_category_and_rule_override() {
    let text = SHIPPED_TEXT.replace(
        "[deductions.categories]\n",
        "[deductions.categories.document]\nwarning = { points = 1.5, cap = 2 }\n",
    );
    let text = text.replace(
        "[deductions.rules]\n",
        "[deductions.rules]\nD005 = { points = 4, cap = 4 }\n",
    );
    let s = Scoring::from_toml("s.toml", &text).unwrap();
    assert_eq!(
        s.rate("D005", Category::Document, Warning).points,
        Points(40)
    );
    assert_eq!(
        s.rate("D007", Category::Document, Warning).points,
        Points(15)
    );
    assert_eq!(
        s.rate("D007", Category::Document, Error).points,
        Points(100)
    );
    assert_eq!(
        s.rate("P007", Category::Procedure, Warning).points,
        Points(30)
    );
    let r = ScanResult {
        findings: vec![
            finding("D007", Warning, "a.xml", Some("A"), 1),
            finding("D007", Warning, "a.xml", Some("A"), 2),
        ],
        cases: vec![case("a.xml", Some("A"), "b")].into(),
        ..Default::default()
    };
    let c = &score_cases(&r, &s)[0];
    assert_eq!(c.deductions[0].points, Points(20)); // 2 × 1.5 = 3, cap 2
    assert!(c.deductions[0].capped);
    assert_eq!(c.score, Points(980));
    assert_eq!(
        deduction_line(&c.deductions[0], Lang::Zh),
        "D007 ×2 −2（已达上限）"
    );
    assert_eq!(
        deduction_line(&c.deductions[0], Lang::En),
        "D007 ×2 −2 (capped)"
    );
}

#[test]
fn brigade_summaries() {
    let r = sample::result();
    let s = standard();
    let scores = score_cases(&r, &s);
    // a: P007 warning → 97 优秀; b: P004 veto + D005 ×3 capped at 6 → 84 不合格;
    // c: D003 error → 90 优秀 (the waived P010 costs nothing).
    let got: Vec<(String, &str)> = scores
        .iter()
        .map(|c| (c.score.to_string(), c.grade.id.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("97".to_string(), "excellent"),
            ("84".to_string(), "fail"),
            ("90".to_string(), "excellent")
        ]
    );
    let b = brigades(&r, &scores, &case_of_findings(&r), &s, 3);
    assert_eq!(b.len(), 2);
    assert_eq!(b[0].name, "一大队");
    assert_eq!(b[0].cases, 2);
    assert_eq!(b[0].mean, Some(90.5));
    assert_eq!(b[0].grades, [1, 0, 1]);
    assert_eq!(b[0].findings, 5);
    assert_eq!(
        b[0].top_rules,
        [
            ("D005".to_string(), 3),
            ("P004".to_string(), 1),
            ("P007".to_string(), 1)
        ]
    );
    assert_eq!(b[0].per_100(Category::Document), Some(150.0));
    assert_eq!(b[0].per_100(Category::Law), Some(0.0));
    assert_eq!(b[0].bins[8], 1);
    assert_eq!(b[0].bins[9], 1);
    // 二大队: the file-level F005 counts for the brigade of its file; the waived one not.
    assert_eq!(b[1].findings, 2);
    assert_eq!(b[1].by_category.get(&Category::File), Some(&1));
    assert_eq!(b[1].mean, Some(90.0));
    let rc = rule_counts(&r, &case_of_findings(&r));
    assert_eq!(rc["D005"], (3, 1));
    assert_eq!(rc["F005"], (1, 0));
    assert!(!rc.contains_key("P010"));
}

#[test]
fn json_cases_carry_score_grade_and_deductions() {
    let r = sample::result();
    let infos = crate::rules::builtin_infos();
    let index = crate::rules::index(&infos);
    let run = crate::report::Run {
        result: &r,
        lang: Lang::Zh,
        rules: &index,
        elapsed: None,
        scoring: None,
        view: Default::default(),
    };
    let doc = crate::report::json::document(&run);
    let b = &doc["cases"][1];
    assert_eq!(b["case_no"], "B-2");
    assert_eq!(b["score"], serde_json::json!(84));
    assert_eq!(b["grade"], "fail");
    assert_eq!(b["veto"], serde_json::json!(["P004"]));
    assert_eq!(
        b["deductions"],
        serde_json::json!([
            {"code": "D005", "count": 3, "points": 6, "capped": true},
            {"code": "P004", "count": 1, "points": 10, "capped": false}
        ])
    );
    assert_eq!(doc["cases"][0]["grade"], "excellent");
    assert_eq!(doc["cases"][2]["deductions"].as_array().unwrap().len(), 1);
}

#[test]
fn score_bins() {
    let start = Points(1000);
    for (p, bin) in [(0, 0), (99, 0), (100, 1), (899, 8), (900, 9), (1000, 9)] {
        assert_eq!(score_bin(Points(p), start), bin, "{p}");
    }
}

const SHIPPED_TEXT: &str = include_str!("../../../checks/scoring.toml");
