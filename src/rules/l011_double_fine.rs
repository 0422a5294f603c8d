//! L011 double-fine: the same party fined twice for the same act — same provision, same
//! violation date — in two cases (一事不再罚, 行政处罚法 art. 29). A cross-case check: it runs
//! after the parallel scan on the small per-case summaries, never on whole documents.

use super::{Info, Tr};
use crate::finding::{Category, Finding, Lang, Severity};
use crate::law::citation::parse_basis_cached;
use crate::law::laws::Laws;
use crate::scan::CaseSummary;
use std::collections::{BTreeMap, BTreeSet};

pub static INFO: Info = Info {
    code: "L011",
    name: "double-fine",
    severity: Severity::Error,
    category: Category::Law,
    title: Tr { zh: "同一违法行为两次罚款", en: "Same act fined twice" },
    basis: Tr {
        zh: "《行政处罚法》第二十九条（旧法第二十四条）：对当事人的同一个违法行为，不得给予两次以上罚款",
        en: "Administrative Penalty Law art. 29 (old art. 24): one illegal act is not fined twice",
    },
    what: Tr {
        zh: "两个案件对同一当事人（统一社会信用代码、身份证号或名称相同），就同一违法日期、同一处罚条款各处罚款。跨案件检查；同一案件编号重复导出的由 F007 报告，这里不计。",
        en: "Two cases fine the same party (same credit code, ID number or name) under the same provision for an act on the same date. A cross-case check; one case exported twice (same case number) is F007's, not counted here.",
    },
    why: Tr {
        zh: "一事不再罚款是法定原则，第二个罚款决定违法。",
        en: "Fining one act twice is forbidden by law; the second fine is unlawful.",
    },
    example: Tr {
        zh: "顺消立字〔2022〕第201号与第202号对同一公司 2022-03-07 占用疏散通道的行为，均依据《消防法》第六十条第一款第三项罚款。",
        en: "Cases 201 and 202 both fine one company under Fire Law art. 60 ¶1 (3) for blocking exits on 2022-03-07.",
    },
    fix: Tr {
        zh: "核实是否为同一行为；是的，撤销后一个罚款决定；不是的，在事实中写明两次行为的不同时间、地点。",
        en: "Check whether it is one act; if so, revoke the later fine; if not, state the different times and places in the facts.",
    },
    settings: &[],
    source: "built-in",
};

/// `fire_law:60:1:3` for every provision a basis cites.
fn provisions(c: &CaseSummary, laws: &Laws) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for b in &c.bases {
        for cite in parse_basis_cached(b, laws).citations.iter() {
            let law = cite.law_id.clone().unwrap_or_else(|| cite.law_name.clone());
            out.insert(format!(
                "{law}:{}:{}:{}",
                cite.article,
                cite.paragraph.unwrap_or(0),
                cite.item.unwrap_or(0)
            ));
        }
    }
    out
}

/// Party, violation date, provision: the cases of one group may be double fines.
pub type Key = (String, chrono::NaiveDate, String);

/// The groups a case belongs to: one per cited provision, when the case fines a known party for
/// an act on a known date. Cases that share no key cannot be double fines of each other (the
/// scan uses this to bring only such cases together).
pub fn keys(c: &CaseSummary, laws: &Laws) -> Vec<Key> {
    let (Some(party), Some(date), Some(fine)) = (&c.party, c.violation_date, c.fine) else {
        return Vec::new();
    };
    let party = norm(party);
    if fine.0 <= 0 || party.is_empty() {
        return Vec::new();
    }
    provisions(c, laws)
        .into_iter()
        .map(|p| (party.clone(), date, p))
        .collect()
}

fn norm(s: &str) -> String {
    crate::text::normalize(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

/// Reports every fined case that shares party, violation date and a cited provision with a
/// fined case of another case number; each case involved gets a finding naming the others.
pub fn check(cases: &[CaseSummary], laws: &Laws, lang: Lang) -> Vec<Finding> {
    let mut groups: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (i, c) in cases.iter().enumerate() {
        for key in keys(c, laws) {
            groups.entry(key).or_default().push(i);
        }
    }
    let id = |c: &CaseSummary| {
        c.case_no
            .as_deref()
            .map(norm)
            .unwrap_or_else(|| format!("{}#{}", c.file, c.at.display()))
    };
    let mut others: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for members in groups.values() {
        for &a in members {
            for &b in members {
                if a != b && id(&cases[a]) != id(&cases[b]) && !cases[a].seen_twice(&cases[b]) {
                    others.entry(a).or_default().insert(b);
                }
            }
        }
    }
    others
        .into_iter()
        .map(|(i, os)| {
            let c = &cases[i];
            let list: Vec<String> = os
                .iter()
                .map(|&o| {
                    let o = &cases[o];
                    format!("{}（{}）", o.case_no.clone().unwrap_or_default(), o.file)
                })
                .collect();
            let date = c.violation_date.map(|d| d.to_string()).unwrap_or_default();
            let party = c.party.clone().unwrap_or_default();
            Finding {
                code: INFO.code.into(),
                severity: INFO.severity,
                category: INFO.category,
                case_no: c.case_no.clone(),
                file: c.file.clone(),
                place: c.at.clone(),
                message: match lang {
                    Lang::Zh => format!("当事人 {party} {date} 的同一违法行为依据同一条款已在其他案件中罚款：{}", list.join("；")),
                    Lang::En => format!("party {party} was already fined for the same act of {date} under the same provision in: {}", list.join("; ")),
                },
                basis: INFO.basis.get(lang).into(),
                help: INFO.fix.get(lang).into(),
                subject: "double_fine".into(),
                waived: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Place;
    use crate::model::{Money, SourceKind};

    fn s(no: &str, party: &str, date: &str, basis: &str, fine: Option<i64>) -> CaseSummary {
        CaseSummary {
            file: format!("{no}.xml"),
            at: Place::line(2, 1),
            source: SourceKind::Xml,
            case_no: Some(no.into()),
            brigade: String::new(),
            agency: None,
            decision_no: None,
            decided_on: None,
            party: Some(party.into()),
            violation_date: Some(chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap()),
            bases: vec![basis.into()],
            fine: fine.map(Money::yuan),
            procedure_summary: false,
        }
    }

    const P: &str = "《中华人民共和国消防法》第六十条第一款第三项";
    const CODE: &str = "91410203MA4811659T";

    #[test]
    fn double_fine_table() {
        let laws = Laws::shipped();
        let cases: Vec<(&str, Vec<CaseSummary>, usize)> = vec![
            (
                "same party, date, provision",
                vec![
                    s("A", CODE, "2022-03-07", P, Some(10000)),
                    s(
                        "B",
                        CODE,
                        "2022-03-07",
                        "消防法第60条第1款第(3)项",
                        Some(8000),
                    ),
                ],
                2,
            ),
            (
                "different date",
                vec![
                    s("A", CODE, "2022-03-07", P, Some(10000)),
                    s("B", CODE, "2022-05-09", P, Some(10000)),
                ],
                0,
            ),
            (
                "different provision",
                vec![
                    s("A", CODE, "2022-03-07", P, Some(10000)),
                    s(
                        "B",
                        CODE,
                        "2022-03-07",
                        "《中华人民共和国消防法》第六十条第一款第五项",
                        Some(10000),
                    ),
                ],
                0,
            ),
            (
                "different party",
                vec![
                    s("A", CODE, "2022-03-07", P, Some(10000)),
                    s("B", "91410203MA4098945A", "2022-03-07", P, Some(10000)),
                ],
                0,
            ),
            (
                "second is a warning",
                vec![
                    s("A", CODE, "2022-03-07", P, Some(10000)),
                    s("B", CODE, "2022-03-07", P, None),
                ],
                0,
            ),
            (
                "same case exported twice is F007's",
                vec![
                    s("A", CODE, "2022-03-07", P, Some(10000)),
                    s("A", CODE, "2022-03-07", P, Some(10000)),
                ],
                0,
            ),
            (
                "three cases",
                vec![
                    s("A", CODE, "2022-03-07", P, Some(10000)),
                    s("B", CODE, "2022-03-07", P, Some(10000)),
                    s("C", CODE, "2022-03-07", P, Some(10000)),
                ],
                3,
            ),
        ];
        for (name, list, n) in cases {
            assert_eq!(check(&list, &laws, Lang::Zh).len(), n, "{name}");
        }
        let f = check(
            &[
                s("A", CODE, "2022-03-07", P, Some(1)),
                s("B", CODE, "2022-03-07", P, Some(1)),
            ],
            &laws,
            Lang::Zh,
        );
        assert_eq!(
            f[0].message,
            format!(
                "当事人 {CODE} 2022-03-07 的同一违法行为依据同一条款已在其他案件中罚款：B（B.xml）"
            )
        );
    }
}
