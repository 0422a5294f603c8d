//! F007 duplicate-case: the same case number in two files or two rows. A cross-case check: it
//! runs after the parallel scan on the small per-case summaries, never on whole documents.

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
        zh: "同一个案件编号出现在两个文件或台账的两行中。",
        en: "The same case number appears in two files or in two ledger rows.",
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

/// Reports every case whose number also appears on another case (in another file or row).
/// Each occurrence gets a finding naming the other places, so both files show it.
/// The case number as compared (normalized, no spaces); cases with different keys never share a
/// finding.
pub fn key(c: &crate::scan::CaseSummary) -> Option<String> {
    let no = c.case_no.as_deref()?;
    let key: String = crate::text::normalize(no)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    Some(key).filter(|k| !k.is_empty())
}

pub fn check(
    cases: &[crate::scan::CaseSummary],
    lang: crate::finding::Lang,
) -> Vec<crate::finding::Finding> {
    use std::collections::BTreeMap;
    let mut by_no: BTreeMap<String, Vec<&crate::scan::CaseSummary>> = BTreeMap::new();
    for c in cases {
        if let Some(key) = key(c) {
            by_no.entry(key).or_default().push(c);
        }
    }
    let mut out = Vec::new();
    for group in by_no.values().filter(|g| g.len() > 1) {
        for (i, c) in group.iter().enumerate() {
            let others: Vec<String> = group
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, o)| {
                    let at = o.at.display();
                    if at.is_empty() {
                        o.file.clone()
                    } else {
                        format!("{}:{at}", o.file)
                    }
                })
                .collect();
            let no = c.case_no.clone().unwrap_or_default();
            out.push(crate::finding::Finding {
                code: INFO.code.into(),
                severity: INFO.severity,
                category: INFO.category,
                case_no: Some(no.clone()),
                file: c.file.clone(),
                place: c.at.clone(),
                message: match lang {
                    crate::finding::Lang::Zh => {
                        format!("案件编号“{no}”重复，另见：{}", others.join("；"))
                    }
                    crate::finding::Lang::En => {
                        format!("case number `{no}` also appears at: {}", others.join("; "))
                    }
                },
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
