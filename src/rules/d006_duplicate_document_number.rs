//! D006 duplicate-document-number: two decisions share one decision number. A cross-case
//! check: it runs after the parallel scan on the small per-case summaries.

use super::{Info, Tr};
use crate::finding::{Category, Finding, Lang, Severity};
use crate::scan::CaseSummary;
use std::collections::{BTreeMap, BTreeSet};

pub static INFO: Info = Info {
    code: "D006",
    name: "duplicate-document-number",
    severity: Severity::Error,
    category: Category::Document,
    title: Tr { zh: "决定书文号重复", en: "Duplicate decision number" },
    basis: Tr {
        zh: "消防法律文书式样：文号按年度、文书种类顺序编号；《行政处罚法》第五十二条（编有号码的决定书）",
        en: "Fire legal-document forms (文书式样): numbers run per year and kind; Administrative Penalty Law art. 52 (numbered decisions)",
    },
    what: Tr {
        zh: "两个不同案件的行政处罚决定书使用同一个文号（忽略空白和全半角差异）。同一案件重复导出（案件编号相同）由 F007 报告，这里不计。",
        en: "Decisions of two different cases carry the same number (ignoring spaces and full/half width). One case exported twice (same case number) is F007's, not counted here.",
    },
    why: Tr {
        zh: "文号是决定书的唯一标识，重复会使送达、执行、复议和统计对象不清。",
        en: "The number identifies a decision; a repeat confuses service, enforcement, review and statistics.",
    },
    example: Tr {
        zh: "顺消立字〔2022〕第222号与第223号的决定书都编为“顺消行罚决字〔2022〕第0222号”。",
        en: "Cases 222 and 223 both carry decision number 顺消行罚决字〔2022〕第0222号.",
    },
    fix: Tr {
        zh: "核对文书登记簿，为后作出的决定书更正文号并重新送达更正通知。",
        en: "Check the register, renumber the later decision and serve a correction.",
    },
    settings: &[],
    source: "built-in",
};

fn norm(s: &str) -> String {
    crate::text::normalize(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The decision number as compared (normalized, no spaces); cases with different keys never
/// share a finding.
pub fn key(c: &CaseSummary) -> Option<String> {
    let (no, _) = c.decision_no.as_ref()?;
    Some(norm(no)).filter(|k| !k.is_empty())
}

/// Reports every case whose decision number also appears on a case with another number.
pub fn check(cases: &[CaseSummary], lang: Lang) -> Vec<Finding> {
    let mut by_no: BTreeMap<String, Vec<&CaseSummary>> = BTreeMap::new();
    for c in cases {
        if let Some(k) = key(c) {
            by_no.entry(k).or_default().push(c);
        }
    }
    let id = |c: &CaseSummary| {
        c.case_no
            .as_deref()
            .map(norm)
            .unwrap_or_else(|| format!("{}#{}", c.file, c.at.display()))
    };
    let mut out = Vec::new();
    for group in by_no.values() {
        let ids: BTreeSet<String> = group.iter().map(|c| id(c)).collect();
        if ids.len() < 2 {
            continue;
        }
        for c in group {
            let (no, at) = c.decision_no.clone().unwrap_or_default();
            let others: Vec<String> = group
                .iter()
                .filter(|o| id(o) != id(c) && !c.seen_twice(o))
                .map(|o| format!("{}（{}）", o.case_no.clone().unwrap_or_default(), o.file))
                .collect();
            if others.is_empty() {
                continue;
            }
            out.push(Finding {
                code: INFO.code.into(),
                severity: INFO.severity,
                category: INFO.category,
                case_no: c.case_no.clone(),
                file: c.file.clone(),
                place: at,
                message: match lang {
                    Lang::Zh => format!("决定书文号“{no}”与其他案件重复：{}", others.join("；")),
                    Lang::En => format!(
                        "decision number `{no}` is also used by: {}",
                        others.join("; ")
                    ),
                },
                basis: INFO.basis.get(lang).into(),
                help: INFO.fix.get(lang).into(),
                subject: "decision_no".into(),
                waived: None,
                evidence: Default::default(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Place;
    use crate::model::SourceKind;

    fn s(case_no: &str, no: &str) -> CaseSummary {
        CaseSummary {
            file: format!("{case_no}.xml"),
            at: Place::line(2, 1),
            source: SourceKind::Xml,
            case_no: Some(case_no.into()),
            brigade: String::new(),
            agency: None,
            decision_no: Some((no.into(), Place::line(30, 5))),
            decided_on: None,
            party: None,
            violation_date: None,
            bases: vec![],
            fine: None,
            procedure_summary: false,
            coverage: Default::default(),
        }
    }

    #[test]
    fn duplicate_table() {
        let n = "顺消行罚决字〔2022〕第0222号";
        let table: Vec<(&str, Vec<CaseSummary>, usize)> = vec![
            ("two cases, one number", vec![s("A", n), s("B", n)], 2),
            (
                "full-width digits and a space",
                vec![s("A", n), s("B", "顺消行罚决字〔２０２２〕第０２２２号 ")],
                2,
            ),
            (
                "distinct numbers",
                vec![s("A", n), s("B", "顺消行罚决字〔2022〕第0223号")],
                0,
            ),
            (
                "one case exported twice is F007's",
                vec![s("A", n), s("A", n)],
                0,
            ),
        ];
        for (name, list, k) in table {
            assert_eq!(check(&list, Lang::Zh).len(), k, "{name}");
        }
        let f = check(&[s("A", n), s("B", n)], Lang::En);
        assert_eq!(
            f[0].message,
            format!("decision number `{n}` is also used by: B（B.xml）")
        );
        assert_eq!(f[0].place, Place::line(30, 5));
    }
}
