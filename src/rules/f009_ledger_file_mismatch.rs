//! F009 ledger-file-mismatch: a case that is both in an XML case file and in a ledger row is
//! one case seen twice (formats §4): its key facts — the dates of the steps, the fine, the
//! party, the basis and the decision number — are compared, and where they differ the finding
//! names both places. The pair is scored once (the ledger row folds into the file's case) and
//! is never an F007 duplicate. A cross-case check: it runs after the parallel scan on the small
//! per-case summaries, one group of cases with the same case number at a time.

use super::coverage::fact_label;
use super::{Info, Tr};
use crate::finding::{Category, Finding, Lang, Severity};
use crate::model::coverage::Fact;
use crate::model::run::CaseSummary;
use crate::model::SourceKind;
use std::collections::BTreeMap;

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
        zh: "同一案件（案件编号相同）既有 XML 案卷文件，又有台账行：视为同一案件的两份记录，比对立案、告知、决定、送达等环节日期、罚款金额、当事人、处罚依据和决定书文号，列出不一致的事项及其在两处的位置。该案件只评分一次。",
        en: "A case (same case number) that is both in an XML case file and in a ledger row is one case recorded twice: the dates of its steps, the fine, the party, the basis and the decision number are compared, and the facts that differ are listed with both places. The case is scored once.",
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

/// Whether cases from these sources can pair at all: a file and a row, or a decision document
/// (nothing to pair in a ledger on its own). The scan asks it of the inputs, to keep no facts
/// on a run where this check would not look at them.
pub fn can_pair(has: impl Fn(SourceKind) -> bool) -> bool {
    has(SourceKind::Document) || (has(SourceKind::Xml) && has(SourceKind::Ledger))
}

/// Pairs each ledger row with a case file of the same case number (in case order), and each
/// decision document with the case file (else the unpaired ledger row) of the same decision
/// number and party (formats §5); reports the facts that differ, and returns the pairs as
/// (copy, primary) positions in `cases`: the copy folds into the primary's case.
pub fn check(cases: &[CaseSummary], lang: Lang) -> (Vec<Finding>, Vec<(usize, usize)>) {
    if !can_pair(|k| cases.iter().any(|c| c.source == k)) {
        return (Vec::new(), Vec::new());
    }
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
    for (files, rows) in by_no.values() {
        for (f, r) in files.iter().zip(rows) {
            pairs.push((*r, *f));
            if let Some(x) = compare(&cases[*f], &cases[*r], Other::Ledger, lang) {
                findings.push(x);
            }
        }
    }
    // A decision document and the case it decides: same decision number, same party.
    let folded: std::collections::BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
    let mut by_decision: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, c) in cases.iter().enumerate() {
        if let Some(k) = super::d006_duplicate_document_number::key(c) {
            by_decision.entry(k).or_default().push(i);
        }
    }
    for group in by_decision.values() {
        // Candidates by (decision number, party), in order: case files, then ledger rows that
        // are no file's copy. Each is taken by one document at most; one hash map: O(n).
        let mut candidates: std::collections::HashMap<_, std::collections::VecDeque<usize>> =
            Default::default();
        for kind in [SourceKind::Xml, SourceKind::Ledger] {
            for &o in group {
                if cases[o].source == kind && !folded.contains(&o) {
                    if let Some(k) = crate::model::run::twin_key(&cases[o]) {
                        candidates.entry(k).or_default().push_back(o);
                    }
                }
            }
        }
        for &d in group
            .iter()
            .filter(|&&d| cases[d].source == SourceKind::Document)
        {
            let primary = crate::model::run::twin_key(&cases[d])
                .and_then(|k| candidates.get_mut(&k))
                .and_then(|q| q.pop_front());
            if let Some(p) = primary {
                pairs.push((d, p));
                if let Some(x) = compare(&cases[p], &cases[d], Other::Document, lang) {
                    findings.push(x);
                }
            }
        }
    }
    pairs.sort_unstable();
    (findings, pairs)
}

/// "1 fact differs" / "3 facts differ".
fn facts_differ(n: usize) -> String {
    if n == 1 {
        "1 fact differs".into()
    } else {
        format!("{n} facts differ")
    }
}

/// Where the second copy of a case was read from.
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

/// The finding on the file's case when some fact known on both sides differs.
fn compare(file: &CaseSummary, row: &CaseSummary, other: Other, lang: Lang) -> Option<Finding> {
    let (zh_other, en_other) = match other {
        Other::Ledger => ("台账", "ledger"),
        Other::Document => ("决定书", "decision document"),
    };
    let zh_self = if file.source == SourceKind::Ledger {
        "台账"
    } else {
        "案卷"
    };
    let en_self = if file.source == SourceKind::Ledger {
        "ledger"
    } else {
        "file"
    };
    let (mine, theirs) = (file.coverage.facts.decode(), row.coverage.facts.decode());
    let theirs: BTreeMap<&str, &Fact> = theirs.iter().map(|f| (f.key.as_str(), f)).collect();
    let mut diffs = Vec::new();
    let mut keys = Vec::new();
    for a in &mine {
        let Some(b) = theirs.get(a.key.as_str()) else {
            continue;
        };
        if a.value == b.value {
            continue;
        }
        keys.push(a.key.clone());
        diffs.push(match lang {
            Lang::Zh => format!(
                "{}：{zh_self} {}（{}），{zh_other} {}（{}）",
                fact_label(&a.key, lang),
                a.value,
                place(&file.file, a, lang),
                b.value,
                place(&row.file, b, lang)
            ),
            Lang::En => format!(
                "{}: {en_self} {} ({}), {en_other} {} ({})",
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
    Some(Finding {
        code: INFO.code.into(),
        severity: INFO.severity,
        category: INFO.category,
        case_no: file.case_no.clone(),
        file: file.file.clone(),
        place: file.at.clone(),
        message: match lang {
            Lang::Zh => match other {
                Other::Ledger => format!(
                    "案件“{no}”在台账中也有记录（{row_at}），{} 项不一致：{}",
                    diffs.len(),
                    diffs.join("；")
                ),
                Other::Document => format!(
                    "案件“{no}”的决定书另有文件（{row_at}），{} 项不一致：{}",
                    diffs.len(),
                    diffs.join("；")
                ),
            },
            Lang::En => match other {
                Other::Ledger => format!(
                    "case `{no}` is also in the ledger ({row_at}); {}: {}",
                    facts_differ(diffs.len()),
                    diffs.join("; ")
                ),
                Other::Document => format!(
                    "the decision of case `{no}` is also a document ({row_at}); {}: {}",
                    facts_differ(diffs.len()),
                    diffs.join("; ")
                ),
            },
        },
        basis: INFO.basis.get(lang).into(),
        help: INFO.fix.get(lang).into(),
        subject: match other {
            Other::Ledger => format!("ledger:{}", keys.join(",")),
            Other::Document => format!("document:{}", keys.join(",")),
        },
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
        let facts: Vec<Fact> = facts
            .iter()
            .map(|(k, v)| Fact {
                key: k.to_string(),
                value: v.to_string(),
                at: Place::line(9, 3),
            })
            .collect();
        c.coverage.facts = crate::model::coverage::Facts::new(&facts);
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

    fn decision(mut c: CaseSummary, no: &str, party: &str) -> CaseSummary {
        c.decision_no = Some((no.into(), Place::line(9, 3)));
        c.party = Some(party.into());
        c
    }

    #[test]
    fn a_decision_document_is_its_case_seen_twice() {
        let n = "解消行罚决字〔2022〕第0012号";
        let cases = vec![
            decision(
                case("a.xml", SourceKind::Xml, &[("fine", "5,000")]),
                n,
                "某某公司",
            ),
            decision(
                case("d.txt", SourceKind::Document, &[("fine", "3,000")]),
                "解消行罚决字〔２０２２〕第００１２号",
                "某某公司",
            ),
            // Another party under the same number is not the same case (D006's).
            decision(
                case("e.txt", SourceKind::Document, &[("fine", "3,000")]),
                n,
                "另一公司",
            ),
        ];
        let (f, pairs) = check(&cases, Lang::Zh);
        assert_eq!(pairs, [(1, 0)]);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("决定书 3,000（d.txt 9:3）"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].file, "a.xml");
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
