//! F007 duplicate-case: the same case number in two XML cases or two ledger rows. A cross-case
//! check: it runs after the parallel scan on the small per-case summaries, never on whole
//! documents. Its cost and output are linear in the size of a group (issue 16).

use super::{Info, Tr};
use crate::finding::{Category, Severity};

pub static INFO: Info = Info {
    code: "F007",
    name: "duplicate-case",
    severity: Severity::Error,
    category: Category::File,
    title: Tr { zh: "案件编号重复", en: "Duplicate case number" },
    basis: Tr {
        zh: "一案一卷（《公安机关办理行政案件程序规定》第二百六十条，类推适用）；案件编号唯一",
        en: "One case, one file (Public Security procedure rule art. 260, by analogy); case numbers are unique",
    },
    what: Tr {
        zh: "同一个案件编号出现在两个案卷文件（或一个批量文件的两个案件）中，或出现在台账的两行中。同一案件既有案卷文件又有台账行的，是同一案件的两种导出，不算重复。",
        en: "The same case number appears in two case files (or twice in one batch file), or in two ledger rows. A case in both a case file and a ledger row is one case exported both ways, not a duplicate.",
    },
    why: Tr {
        zh: "重复的编号说明同一案件被重复导出、重复登记，或者两个案件用了同一个编号，统计和评分都会出错。",
        en: "A repeated number means a case was exported or registered twice, or two cases share a number; statistics and scores go wrong.",
    },
    example: Tr {
        zh: "“解消立字〔2022〕第012号”既在 case-012.xml 中，又在批量文件 batch.xml 中。",
        en: "`解消立字〔2022〕第012号` appears in case-012.xml and again in batch.xml.",
    },
    fix: Tr {
        zh: "删除重复导出的文件或行；如确为两个案件，更正其中一个的编号。",
        en: "Remove the duplicate export or row; if they really are two cases, correct one number.",
    },
    settings: &[],
    source: "built-in",
};

/// At most this many other places are named in one finding; the rest are counted. A case
/// exported 3,000 times then gives 3,000 short findings, not 3,000 lists of 2,999 (output and
/// time grow with the copies, not with their square).
pub const NAMED: usize = 3;

/// The case number as compared (normalized, no spaces); cases with different keys never share a
/// finding.
pub fn key(c: &crate::model::run::CaseSummary) -> Option<String> {
    let no = c.case_no.as_deref()?;
    let key = crate::text::compact(no);
    Some(key).filter(|k| !k.is_empty())
}

/// Where a case is, as the message names it: `file`, `file:Sheet!A5`, or a decision document's
/// paragraph in the run's language (`file:第3段`, `file:paragraph 3`).
fn place(c: &crate::model::run::CaseSummary, lang: crate::finding::Lang) -> String {
    let at = c.at.display_in(lang);
    if at.is_empty() {
        c.file.clone()
    } else {
        format!("{}:{at}", c.file)
    }
}

/// Reports every case whose number also appears on another case of the same kind: in another
/// XML case (another file, or the same batch file twice) or in another ledger row. A case in
/// an XML file and in a ledger row is one case exported both ways, not a duplicate (that pair
/// is F009's); so is a decision document beside its case file (a document is only compared with
/// other documents). Each occurrence gets one finding naming how many other places hold the number
/// and the first [`NAMED`] of them, so every file shows it; O(n) in the group's size.
pub fn check(
    cases: &[crate::model::run::CaseSummary],
    lang: crate::finding::Lang,
) -> Vec<crate::finding::Finding> {
    use crate::model::SourceKind;
    use std::collections::BTreeMap;
    let mut by_no: BTreeMap<(String, u8), Vec<&crate::model::run::CaseSummary>> = BTreeMap::new();
    for c in cases {
        if let Some(key) = key(c) {
            // Files, rows and decision documents are each compared with their own kind only: a
            // document's number is its decision number, never a case file's duplicate.
            let kind = match c.source {
                SourceKind::Xml => 0,
                SourceKind::Ledger => 1,
                SourceKind::Document => 2,
            };
            by_no.entry((key, kind)).or_default().push(c);
        }
    }
    let mut out = Vec::new();
    for group in by_no.values().filter(|g| g.len() > 1) {
        // The first NAMED + 1 places: whichever member asks, NAMED of them are others.
        let first: Vec<String> = group
            .iter()
            .take(NAMED + 1)
            .map(|o| place(o, lang))
            .collect();
        let count = group.len() - 1;
        for (i, c) in group.iter().enumerate() {
            let others: Vec<&str> = first
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, p)| p.as_str())
                .take(NAMED)
                .collect();
            let no = c.case_no.clone().unwrap_or_default();
            let message = match (lang, count > NAMED) {
                (crate::finding::Lang::Zh, false) => {
                    format!("案件编号“{no}”重复，另见：{}", others.join("；"))
                }
                (crate::finding::Lang::Zh, true) => format!(
                    "案件编号“{no}”重复，另有 {count} 处使用同一编号，如：{} 等",
                    others.join("；")
                ),
                (crate::finding::Lang::En, false) => {
                    format!("case number `{no}` also appears at: {}", others.join("; "))
                }
                (crate::finding::Lang::En, true) => format!(
                    "case number `{no}` also appears in {count} other places, among them: {}",
                    others.join("; ")
                ),
            };
            out.push(crate::finding::Finding {
                code: INFO.code.into(),
                severity: INFO.severity,
                category: INFO.category,
                case_no: Some(no.clone()),
                file: c.file.clone(),
                place: c.at.clone(),
                message,
                basis: INFO.basis.get(lang).into(),
                help: INFO.fix.get(lang).into(),
                subject: format!("{}#{}", c.file, i),
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
    use crate::finding::{Lang, Place};
    use crate::model::run::CaseSummary;
    use crate::model::SourceKind;

    fn s(file: &str, at: Place, source: SourceKind, no: &str) -> CaseSummary {
        CaseSummary {
            file: file.into(),
            at,
            source,
            case_no: Some(no.into()),
            brigade: String::new(),
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

    fn xml(file: &str, no: &str) -> CaseSummary {
        s(file, Place::File, SourceKind::Xml, no)
    }

    fn row(file: &str, r: u32, no: &str) -> CaseSummary {
        s(file, Place::cell("2022", r - 1, 0), SourceKind::Ledger, no)
    }

    #[test]
    fn duplicates_of_one_kind_only() {
        let n = "解消立字〔2022〕第012号";
        let table: Vec<(&str, Vec<CaseSummary>, usize)> = vec![
            ("two files", vec![xml("a.xml", n), xml("b.xml", n)], 2),
            (
                "full-width and spaces",
                vec![
                    xml("a.xml", n),
                    xml("b.xml", "解消立字〔２０２２〕第 012 号"),
                ],
                2,
            ),
            (
                "two rows",
                vec![row("t.xlsx", 4, n), row("t.xlsx", 9, n)],
                2,
            ),
            (
                "rows of two ledgers",
                vec![row("t.xlsx", 4, n), row("u.xlsx", 4, n)],
                2,
            ),
            (
                "a file and a row: one case exported both ways",
                vec![xml("a.xml", n), row("t.xlsx", 4, n)],
                0,
            ),
            (
                "two files and a row: the files only",
                vec![xml("a.xml", n), row("t.xlsx", 4, n), xml("b.xml", n)],
                2,
            ),
            (
                "a decision document whose number is a file's case number: another kind",
                vec![
                    xml("a.xml", n),
                    s("d.txt", Place::Paragraph(3), SourceKind::Document, n),
                ],
                0,
            ),
            (
                "two decision documents",
                vec![
                    s("d.txt", Place::Paragraph(3), SourceKind::Document, n),
                    s("e.txt", Place::Paragraph(3), SourceKind::Document, n),
                ],
                2,
            ),
            (
                "distinct numbers",
                vec![xml("a.xml", n), xml("b.xml", "解消立字〔2022〕第013号")],
                0,
            ),
        ];
        for (name, list, k) in table {
            assert_eq!(check(&list, Lang::Zh).len(), k, "{name}");
        }
        let f = check(&[xml("a.xml", n), xml("b.xml", n)], Lang::Zh);
        assert_eq!(f[0].message, format!("案件编号“{n}”重复，另见：b.xml"));
        let f = check(&[row("t.xlsx", 4, n), row("t.xlsx", 9, n)], Lang::En);
        assert_eq!(
            f[1].message,
            format!("case number `{n}` also appears at: t.xlsx:2022!A4")
        );
    }

    /// Two decision documents with one case number: the place of each names its paragraph in
    /// the run's language.
    #[test]
    fn a_document_paragraph_is_named_in_the_run_language() {
        let n = "解消立字〔2022〕第012号";
        let doc = |f: &str| s(f, Place::Paragraph(3), SourceKind::Document, n);
        let list = [doc("a.docx"), doc("b.docx")];
        assert_eq!(
            check(&list, Lang::En)[0].message,
            format!("case number `{n}` also appears at: b.docx:paragraph 3")
        );
        assert_eq!(
            check(&list, Lang::Zh)[0].message,
            format!("案件编号“{n}”重复，另见：b.docx:第3段")
        );
    }

    /// A case copied thousands of times: one finding per copy, each naming three others and
    /// the count — the output grows with the copies, not their square.
    #[test]
    fn a_big_group_is_counted_not_listed() {
        let n = "解消立字〔2022〕第012号";
        let copies: Vec<CaseSummary> = (0..3000)
            .map(|i| xml(&format!("copy-{i:04}.xml"), n))
            .collect();
        let f = check(&copies, Lang::Zh);
        assert_eq!(f.len(), 3000);
        assert_eq!(
            f[0].message,
            format!("案件编号“{n}”重复，另有 2999 处使用同一编号，如：copy-0001.xml；copy-0002.xml；copy-0003.xml 等")
        );
        assert_eq!(
            f[2].message,
            format!("案件编号“{n}”重复，另有 2999 处使用同一编号，如：copy-0000.xml；copy-0001.xml；copy-0003.xml 等")
        );
        let en = check(&copies, Lang::En);
        assert_eq!(
            en[2999].message,
            format!("case number `{n}` also appears in 2999 other places, among them: copy-0000.xml; copy-0001.xml; copy-0002.xml")
        );
        let bytes: usize = f.iter().map(|x| x.message.len()).sum();
        assert!(bytes < 3000 * 200, "{bytes}");
        // Five copies: four others, counted, three named.
        let f = check(&copies[..5], Lang::Zh);
        assert!(f[4].message.contains("另有 4 处"), "{}", f[4].message);
        // Four copies: the three others all named.
        let f = check(&copies[..4], Lang::Zh);
        assert!(
            f[0].message
                .ends_with("另见：copy-0001.xml；copy-0002.xml；copy-0003.xml"),
            "{}",
            f[0].message
        );
    }
}
