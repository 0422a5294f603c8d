//! D006 duplicate-document-number: two decisions share one decision number. A cross-case
//! check: it runs after the parallel scan on the small per-case summaries.

use super::{Info, Tr};
use crate::finding::{Category, Finding, Lang, Severity};
use crate::model::run::CaseSummary;
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
    crate::text::compact(s)
}

/// The decision number as compared (normalized, no spaces); cases with different keys never
/// share a finding.
pub fn key(c: &CaseSummary) -> Option<String> {
    let (no, _) = c.decision_no.as_ref()?;
    Some(norm(no)).filter(|k| !k.is_empty())
}

/// Reports every case whose decision number also appears on a case with another case number.
/// One finding per case, naming how many other cases share the number and the first
/// [`NAMED`](super::f007_duplicate_case::NAMED) of them (each case once, however many copies
/// of it there are): O(n) in the group's size, in time and in output.
pub fn check(cases: &[CaseSummary], lang: Lang) -> Vec<Finding> {
    use super::f007_duplicate_case::NAMED;
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
    for group in by_no.values().filter(|g| g.len() > 1) {
        let ids = crate::model::run::case_identities(group.iter().copied(), &id);
        // The cases (by case number) in group order, each with its first occurrence.
        let mut first_of: BTreeSet<&str> = BTreeSet::new();
        let mut distinct: Vec<(&str, &CaseSummary)> = Vec::new();
        for (i, c) in ids.iter().zip(group) {
            if first_of.insert(i.as_str()) {
                distinct.push((i.as_str(), c));
            }
        }
        if distinct.len() < 2 {
            continue;
        }
        let count = distinct.len() - 1;
        let named: Vec<(&str, String)> = distinct
            .iter()
            .take(NAMED + 1)
            .map(|(i, o)| {
                (
                    *i,
                    format!("{}（{}）", o.case_no.clone().unwrap_or_default(), o.file),
                )
            })
            .collect();
        for (c, own) in group.iter().zip(&ids) {
            let (no, at) = c.decision_no.clone().unwrap_or_default();
            let others: Vec<&str> = named
                .iter()
                .filter(|(i, _)| *i != own.as_str())
                .map(|(_, text)| text.as_str())
                .take(NAMED)
                .collect();
            let message = match (lang, count > NAMED) {
                (Lang::Zh, false) => {
                    format!("决定书文号“{no}”与其他案件重复：{}", others.join("；"))
                }
                (Lang::Zh, true) => format!(
                    "决定书文号“{no}”与其他 {count} 个案件重复，如：{} 等",
                    others.join("；")
                ),
                (Lang::En, false) => format!(
                    "decision number `{no}` is also used by: {}",
                    others.join("; ")
                ),
                (Lang::En, true) => format!(
                    "decision number `{no}` is also used by {count} other cases, among them: {}",
                    others.join("; ")
                ),
            };
            out.push(Finding {
                code: INFO.code.into(),
                severity: INFO.severity,
                category: INFO.category,
                case_no: c.case_no.clone(),
                file: c.file.clone(),
                place: at,
                message,
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

    /// Thousands of cases on one number, and one case copied thousands of times beside another:
    /// one short finding per case, others counted once per case, not per copy.
    #[test]
    fn big_groups_are_counted_not_listed() {
        let n = "顺消行罚决字〔2022〕第0222号";
        let many: Vec<CaseSummary> = (0..3000).map(|i| s(&format!("C{i:04}"), n)).collect();
        let f = check(&many, Lang::Zh);
        assert_eq!(f.len(), 3000);
        assert_eq!(
            f[1].message,
            format!("决定书文号“{n}”与其他 2999 个案件重复，如：C0000（C0000.xml）；C0002（C0002.xml）；C0003（C0003.xml） 等")
        );
        let bytes: usize = f.iter().map(|x| x.message.len()).sum();
        assert!(bytes < 3000 * 250, "{bytes}");
        // One case copied 3,000 times, and one other case: each copy names the other case once.
        let mut copies: Vec<CaseSummary> = (0..3000).map(|_| s("A", n)).collect();
        copies.push(s("B", n));
        let f = check(&copies, Lang::En);
        assert_eq!(f.len(), 3001);
        assert_eq!(
            f[0].message,
            format!("decision number `{n}` is also used by: B（B.xml）")
        );
        assert_eq!(
            f[3000].message,
            format!("decision number `{n}` is also used by: A（A.xml）")
        );
    }
}
