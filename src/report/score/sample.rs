//! A small fixed run for the report tests: two brigades, a vetoed case, a capped rule, a
//! file-level finding, a waived one, and text that needs escaping.

use crate::finding::{Category, Finding, Place, Severity};
use crate::model::run::{CaseSummary, ScanResult};
use crate::model::SourceKind;

pub fn case(file: &str, no: Option<&str>, brigade: &str) -> CaseSummary {
    CaseSummary {
        file: file.into(),
        at: Place::line(2, 1),
        source: SourceKind::Xml,
        case_no: no.map(str::to_string),
        brigade: brigade.into(),
        agency: None,
        decision_no: None,
        decided_on: None,
        party: None,
        violation_date: None,
        bases: vec![],
        fine: None,
        procedure_summary: false,
        coverage: Default::default(),
    }
}

pub fn finding(code: &str, sev: Severity, file: &str, no: Option<&str>, line: u32) -> Finding {
    Finding {
        code: code.into(),
        severity: sev,
        category: Category::from_code(code),
        case_no: no.map(str::to_string),
        file: file.into(),
        place: Place::line(line, 3),
        message: format!("{code} 问题描述"),
        basis: "《中华人民共和国行政处罚法》第六十条".into(),
        help: "补正".into(),
        subject: format!("s{line}"),
        waived: None,
        evidence: Default::default(),
    }
}

pub fn result() -> ScanResult {
    use Severity::*;
    let mut findings = vec![
        // a.xml: clean except one warning → 97
        finding(
            "P007",
            Warning,
            "一大队/a.xml",
            Some("甲消行罚决字〔2022〕1号"),
            10,
        ),
        // b.xml: P004 veto; D005 three times (capped at 6)
        finding("P004", Error, "一大队/b.xml", Some("B-2"), 5),
        finding("D005", Warning, "一大队/b.xml", Some("B-2"), 6),
        finding("D005", Warning, "一大队/b.xml", Some("B-2"), 7),
        finding("D005", Warning, "一大队/b.xml", Some("B-2"), 8),
        // c.xml: a file-level finding, and an escaped message on the case
        finding("F005", Info, "二大队/c.xml", None, 1),
        finding("D003", Error, "二大队/c.xml", Some("C-3"), 9),
        // waived: does not score
        finding("P010", Error, "二大队/c.xml", Some("C-3"), 12),
    ];
    findings[6].message = "当事人<script>alert(1)</script>&\"x\"".into();
    findings[7].waived = Some("已批准".into());
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    ScanResult {
        findings,
        cases: vec![
            case("一大队/a.xml", Some("甲消行罚决字〔2022〕1号"), "一大队"),
            case("一大队/b.xml", Some("B-2"), "一大队"),
            case("二大队/c.xml", Some("C-3"), "二大队"),
        ]
        .into(),
        files: 3,
        bytes: 300,
        ..Default::default()
    }
}
