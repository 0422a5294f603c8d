//! F009 ledger-file-mismatch: a case that is both in an XML case file and in a ledger row is
//! one case seen twice (formats §4): its key facts — the dates of the steps, the fine, the
//! party, the basis and the decision number — are compared, and where they differ the finding
//! names both places. The pair is scored once (the ledger row folds into the file's case) and
//! is never an F007 duplicate. A decision document (.docx/.txt) with the same decision number
//! and party as a case file (or, failing one, a ledger row) is matched the same way (formats
//! §5): compared, folded into that case, never a D006 duplicate or an L011 double fine. A cross-case check: it runs after the parallel scan on the small
//! per-case summaries, one group of cases with the same case number at a time.

use super::{Info, Tr};
use crate::coverage::{fact_label, Fact};
use crate::finding::{Category, Finding, Lang, Severity};
use crate::model::SourceKind;
use crate::scan::CaseSummary;
use std::collections::{BTreeMap, HashMap};

pub static INFO: Info = Info {
    code: "F009",
    name: "ledger-file-mismatch",
    severity: Severity::Warning,
    category: Category::File,
    title: Tr { zh: "台账与案卷文件不一致", en: "Ledger and case file disagree" },
    basis: Tr {
        zh: "《行政处罚法》第三十九条（行政执法公示）、第四十七条（全过程记录）；台账与案卷应当记载一致",
        en: "Administrative Penalty Law art. 39 (publicity), art. 47 (recording the whole process); the ledger and the case file must agree",
    },
    what: Tr {
        zh: "同一案件（案件编号相同）既有 XML 案卷文件，又有台账行：视为同一案件的两份记录，比对立案、告知、决定、送达等环节日期、罚款金额、当事人、处罚依据和决定书文号，列出不一致的事项及其在两处的位置。决定书文件（.docx/.txt）与案卷文件或台账行的决定书文号和当事人相同的，同样视为同一案件比对。该案件只评分一次。",
        en: "A case (same case number) that is both in an XML case file and in a ledger row is one case recorded twice: the dates of its steps, the fine, the party, the basis and the decision number are compared, and the facts that differ are listed with both places. A decision document (.docx/.txt) with the same decision number and party as a case file or ledger row is compared the same way. The case is scored once.",
    },
    why: Tr {
        zh: "台账是公示和统计的依据，案卷是执法的证据；两者不一致时，至少一处记载有误，评查和公示的数据都不可靠。",
        en: "The ledger feeds publication and statistics, the case file is the evidence; when they disagree at least one is wrong, and both reviews and published data become unreliable.",
    },
    example: Tr {
        zh: "案卷中决定日期为 2022-03-15，台账“决定日期”为 2022-03-16；罚款金额案卷 5,000 元，台账 50,000 元。",
        en: "The case file dates the decision 2022-03-15, the ledger 2022-03-16; the file fines 5,000 yuan, the ledger 50,000.",
    },
    fix: Tr {
        zh: "以原始文书为准，更正台账或案卷中记载错误的一处。",
        en: "Check the original documents and correct whichever record is wrong.",
    },
    settings: &[],
    source: "built-in",
};

/// Pairs each ledger row with a case file of the same case number (in case order), and each
/// decision document with the case file — failing that, the ledger row — of the same decision
/// number and party ([`crate::scan::twin_key`], as D006 and L011 see them); reports the facts
/// that differ, and returns the pairs as (folded, kept) positions in `cases`. O(n): two hash
/// maps.
pub fn check(cases: &[CaseSummary], lang: Lang) -> (Vec<Finding>, Vec<(usize, usize)>) {
    let mut by_no: BTreeMap<String, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, c) in cases.iter().enumerate() {
        if let Some(k) = super::f007_duplicate_case::key(c) {
            let e = by_no.entry(k).or_default();
            match c.source {
                SourceKind::Xml => e.0.push(i),
                SourceKind::Ledger => e.1.push(i),
                // A decision document is matched by decision number and party, below.
                SourceKind::Document => {}
            }
        }
    }
    let mut findings = Vec::new();
    let mut pairs = Vec::new();
    // A ledger row → the file it folds into.
    let mut row_into: HashMap<usize, usize> = HashMap::new();
    for (files, rows) in by_no.values() {
        for (f, r) in files.iter().zip(rows) {
            pairs.push((*r, *f));
            row_into.insert(*r, *f);
            if let Some(x) = compare(&cases[*f], &cases[*r], Other::Ledger, lang) {
                findings.push(x);
            }
        }
    }
    // The first case file and the first ledger row of each decision number and party.
    let mut files: HashMap<(String, String), usize> = HashMap::new();
    let mut rows: HashMap<(String, String), usize> = HashMap::new();
    for (i, c) in cases.iter().enumerate() {
        let map = match c.source {
            SourceKind::Xml => &mut files,
            SourceKind::Ledger => &mut rows,
            SourceKind::Document => continue,
        };
        if let Some(k) = crate::scan::twin_key(c) {
            map.entry(k).or_insert(i);
        }
    }
    for (i, c) in cases.iter().enumerate() {
        if c.source != SourceKind::Document {
            continue;
        }
        let Some(k) = crate::scan::twin_key(c) else {
            continue;
        };
        // A row that itself folds into a file takes the document with it.
        let Some(into) = files
            .get(&k)
            .or_else(|| rows.get(&k).map(|r| row_into.get(r).unwrap_or(r)))
        else {
            continue;
        };
        pairs.push((i, *into));
        if let Some(x) = compare(&cases[*into], c, Other::Document, lang) {
            findings.push(x);
        }
    }
    pairs.sort_unstable();
    (findings, pairs)
}

/// The second record of a case: a ledger row, or a decision document.
#[derive(Clone, Copy)]
enum Other {
    Ledger,
    Document,
}

fn place(file: &str, f: &Fact, lang: Lang) -> String {
    let at = f.at.display_in(lang);
    if at.is_empty() {
        file.to_string()
    } else {
        format!("{file} {at}")
    }
}

/// What a record is called in the message.
fn label(source: SourceKind, lang: Lang) -> &'static str {
    match source {
        SourceKind::Xml => lang.pick("案卷", "file"),
        SourceKind::Ledger => lang.pick("台账", "ledger"),
        SourceKind::Document => lang.pick("决定书", "decision document"),
    }
}

/// The finding on the kept case when some fact known on both records differs.
fn compare(file: &CaseSummary, row: &CaseSummary, other: Other, lang: Lang) -> Option<Finding> {
    let theirs: BTreeMap<&str, &Fact> = row
        .coverage
        .facts
        .iter()
        .map(|f| (f.key.as_str(), f))
        .collect();
    let (mine, yours) = (label(file.source, lang), label(row.source, lang));
    let mut diffs = Vec::new();
    let mut keys = Vec::new();
    for a in &file.coverage.facts {
        let Some(b) = theirs.get(a.key.as_str()) else {
            continue;
        };
        if a.value == b.value {
            continue;
        }
        keys.push(a.key.clone());
        diffs.push(match lang {
            Lang::Zh => format!(
                "{}：{mine} {}（{}），{yours} {}（{}）",
                fact_label(&a.key, lang),
                a.value,
                place(&file.file, a, lang),
                b.value,
                place(&row.file, b, lang)
            ),
            Lang::En => format!(
                "{}: {mine} {} ({}), {yours} {} ({})",
                fact_label(&a.key, lang),
                a.value,
                place(&file.file, a, lang),
                b.value,
                place(&row.file, b, lang)
            ),
        });
    }
    if diffs.is_empty() {
        return None;
    }
    let no = file.case_no.clone().unwrap_or_default();
    let row_at = {
        let at = row.at.display_in(lang);
        if at.is_empty() {
            row.file.clone()
        } else {
            format!("{} {at}", row.file)
        }
    };
    let n = diffs.len();
    let facts = if n == 1 { "fact differs" } else { "facts differ" };
    let message = match (other, lang) {
        (Other::Ledger, Lang::Zh) => format!(
            "案件“{no}”在台账中也有记录（{row_at}），{n} 项不一致：{}",
            diffs.join("；")
        ),
        (Other::Ledger, Lang::En) => format!(
            "case `{no}` is also in the ledger ({row_at}); {n} {facts}: {}",
            diffs.join("; ")
        ),
        (Other::Document, Lang::Zh) => format!(
            "案件“{no}”另有同一文号、同一当事人的决定书（{row_at}），{n} 项不一致：{}",
            diffs.join("；")
        ),
        (Other::Document, Lang::En) => format!(
            "case `{no}` also has a decision document with the same number and party ({row_at}); {n} {facts}: {}",
            diffs.join("; ")
        ),
    };
    let tag = match other {
        Other::Ledger => "ledger",
        Other::Document => "document",
    };
    Some(Finding {
        code: INFO.code.into(),
        severity: INFO.severity,
        category: INFO.category,
        case_no: file.case_no.clone(),
        file: file.file.clone(),
        place: file.at.clone(),
        message,
        basis: INFO.basis.get(lang).into(),
        help: INFO.fix.get(lang).into(),
        subject: format!("{tag}:{}", keys.join(",")),
        waived: None,
        evidence: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Place;

    fn case(file: &str, source: SourceKind, facts: &[(&str, &str)]) -> CaseSummary {
        let mut c = CaseSummary {
            file: file.into(),
            at: Place::line(2, 1),
            source,
            case_no: Some("解消立字〔2022〕第012号".into()),
            brigade: String::new(),
            agency: None,
            decision_no: None,
            decided_on: None,
            party: None,
            violation_date: None,
            bases: Vec::new(),
            fine: None,
            procedure_summary: false,
            coverage: Default::default(),
        };
        c.coverage.facts = facts
            .iter()
            .map(|(k, v)| Fact {
                key: k.to_string(),
                value: v.to_string(),
                at: Place::line(9, 3),
            })
            .collect();
        c
    }

    #[test]
    fn a_file_and_a_row_are_one_case_and_differences_are_named() {
        let cases = vec![
            case(
                "a.xml",
                SourceKind::Xml,
                &[("decision", "2022-03-15"), ("fine", "5,000")],
            ),
            case(
                "t.xlsx",
                SourceKind::Ledger,
                &[("decision", "2022-03-16"), ("fine", "5,000")],
            ),
        ];
        let (f, pairs) = check(&cases, Lang::Zh);
        assert_eq!(pairs, [(1, 0)]);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("2022-03-15") && f[0].message.contains("2022-03-16"));
        assert!(f[0].message.contains("a.xml 9:3") && f[0].message.contains("t.xlsx 9:3"));
        assert!(!f[0].message.contains("fine"), "{}", f[0].message);
    }

    #[test]
    fn agreeing_copies_and_unknown_facts_are_silent() {
        let cases = vec![
            case(
                "a.xml",
                SourceKind::Xml,
                &[("decision", "2022-03-15"), ("fine", "5,000")],
            ),
            case("t.xlsx", SourceKind::Ledger, &[("decision", "2022-03-15")]),
        ];
        let (f, pairs) = check(&cases, Lang::Zh);
        assert!(f.is_empty());
        assert_eq!(pairs, [(1, 0)]);
    }

    fn document(file: &str, no: &str, party: &str, facts: &[(&str, &str)]) -> CaseSummary {
        let mut c = case(file, SourceKind::Document, facts);
        c.at = Place::Paragraph(1);
        c.case_no = Some(no.into());
        c.decision_no = Some((no.into(), Place::Paragraph(3)));
        c.party = Some(party.into());
        c
    }

    fn with_decision(mut c: CaseSummary, no: &str, party: &str) -> CaseSummary {
        c.decision_no = Some((no.into(), Place::line(30, 5)));
        c.party = Some(party.into());
        c
    }

    #[test]
    fn a_decision_document_folds_into_its_case_file() {
        let no = "解消行罚决字〔2022〕第0012号";
        let party = "91410203MA40123475";
        let cases = vec![
            with_decision(
                case("a.xml", SourceKind::Xml, &[("fine", "10,000")]),
                no,
                party,
            ),
            with_decision(
                case("t.xlsx", SourceKind::Ledger, &[("fine", "10,000")]),
                no,
                party,
            ),
            // Full-width digits and spaces: the same number.
            document(
                "d.txt",
                "解消行罚决字〔２０２２〕第 0012 号",
                "91410203ma40123475",
                &[("fine", "20,000")],
            ),
            // Another party: another case.
            document("e.txt", no, "91410203MA4012347X", &[("fine", "1")]),
        ];
        let (f, pairs) = check(&cases, Lang::Zh);
        assert_eq!(pairs, [(1, 0), (2, 0)]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].file, "a.xml");
        assert_eq!(
            f[0].message,
            "案件“解消立字〔2022〕第012号”另有同一文号、同一当事人的决定书（d.txt 第1段），1 项不一致：罚款金额：案卷 10,000（a.xml 9:3），决定书 20,000（d.txt 9:3）"
        );
        assert_eq!(f[0].subject, "document:fine");
    }

    #[test]
    fn a_decision_document_without_a_file_folds_into_the_ledger_row() {
        let no = "解消行罚决字〔2022〕第0012号";
        let cases = vec![
            with_decision(
                case("t.xlsx", SourceKind::Ledger, &[("fine", "10,000")]),
                no,
                "某公司",
            ),
            document("d.txt", no, "某公司", &[("fine", "10,000")]),
        ];
        let (f, pairs) = check(&cases, Lang::En);
        assert!(f.is_empty());
        assert_eq!(pairs, [(1, 0)]);
        // A row folded into a file by case number takes the document along.
        let mut file = case("a.xml", SourceKind::Xml, &[("fine", "10,000")]);
        file.decision_no = Some(("其他文号".into(), Place::line(30, 5)));
        let cases = vec![cases[0].clone(), cases[1].clone(), file];
        let (_, pairs) = check(&cases, Lang::En);
        assert_eq!(pairs, [(0, 2), (1, 2)]);
    }

    #[test]
    fn two_files_are_not_paired() {
        let cases = vec![
            case("a.xml", SourceKind::Xml, &[("fine", "1")]),
            case("b.xml", SourceKind::Xml, &[("fine", "2")]),
        ];
        let (f, pairs) = check(&cases, Lang::Zh);
        assert!(f.is_empty() && pairs.is_empty());
    }
}
