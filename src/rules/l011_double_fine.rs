//! L011 double-fine: the same party fined twice for the same act — same penalty provision,
//! same violation date — in two cases (一事不再罚, 行政处罚法 art. 29; old art. 24). A
//! cross-case check: it runs after the parallel scan on the small per-case summaries, never on
//! whole documents.
//!
//! Only 罚则 make the key: two different acts on one day, each decision also citing
//! 行政处罚法第二十八条 (责令改正) or a duty article or a discretion guideline, share no penalty
//! provision. A provision is keyed by its row (stable across renumbering: 2008 58¶1(五) is
//! 2019 58¶1(四)); a law the tables do not know keys by its place as cited.
//!
//! One finding per case however large the group: it says how many other cases share the key
//! and names at most three of them. Each group is walked once (O(n)): no pairwise comparison.

use super::{Info, Tr};
use crate::finding::{Category, Finding, Lang, Severity};
use crate::knowledge::Knowledge;
use crate::law::citation::parse_basis_cached;
use crate::law::laws::LawKind;
use crate::law::statutes::ProvisionKind;
use crate::model::run::CaseSummary;
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
        zh: "两个以上案件对同一当事人（统一社会信用代码、身份证号或名称相同），就同一违法日期、同一罚则各处罚款。只有罚则（法律责任条款）算作同一条款：《行政处罚法》的程序性条款（如第二十八条责令改正）、违反的义务条款和裁量基准不算。每个案件报告一次，写明另有几个案件、列举其中至多三个。跨案件检查；同一案件编号重复导出的由 F007 报告，这里不计。",
        en: "Two or more cases fine the same party (same credit code, ID number or name) under the same penalty provision for an act on the same date. Only penalty provisions count: procedural articles of the Administrative Penalty Law (art. 28, order to correct), duty articles and discretion guidelines do not. One finding per case, saying how many other cases share it and naming up to three. A cross-case check; one case exported twice (same case number) is F007's, not counted here.",
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

/// How many other cases a finding names at most.
const NAMED: usize = 3;

/// The penalty provisions a basis cites, as keys: `fire_law#public_venue_unlicensed` for a row
/// of the tables, `law:60:1:3` for a law without tables. Procedural articles, duty articles,
/// non-sanction rows, discretion guidelines and unreadable laws make no key.
fn provisions(c: &CaseSummary, date: chrono::NaiveDate, kb: &Knowledge) -> BTreeSet<String> {
    let st = &kb.statutes;
    let province = crate::knowledge::jurisdiction::province(c.agency.as_deref(), kb);
    let mut out = BTreeSet::new();
    for b in &c.bases {
        for cite in parse_basis_cached(b, &kb.laws).citations.iter() {
            let Some(law) = cite.law_id.as_deref() else {
                // A name the registry does not know: its place as written.
                out.insert(format!(
                    "{}:{}:{}:{}",
                    crate::text::normalize(&cite.law_name),
                    cite.article,
                    cite.paragraph.unwrap_or(0),
                    cite.item.unwrap_or(0)
                ));
                continue;
            };
            let known = kb.laws.get(law);
            if known.is_some_and(|l| l.kind == LawKind::Standard) {
                continue;
            }
            let own_province = known.and_then(|l| l.province.as_deref());
            let tabled =
                !st.versions(law).is_empty() && own_province.is_none_or(|p| province == Some(p));
            if !tabled {
                out.insert(format!(
                    "{law}:{}:{}:{}",
                    cite.article,
                    cite.paragraph.unwrap_or(0),
                    cite.item.unwrap_or(0)
                ));
                continue;
            }
            let Some(v) = st.version_on(law, date) else {
                continue;
            };
            match st.provision(law, &v.id, cite.article, cite.paragraph, cite.item) {
                Some(p) if p.kind == ProvisionKind::Penalty => {
                    out.insert(format!("{law}#{}", p.key));
                }
                Some(_) => {}
                None if cite.item.is_none() => {
                    // An article or paragraph cited whole: a key when it holds penalty rows.
                    let rows = st.provisions_under(law, &v.id, cite.article, cite.paragraph);
                    if rows.iter().any(|p| p.kind == ProvisionKind::Penalty) {
                        out.insert(format!(
                            "{law}:{}:{}:0",
                            cite.article,
                            cite.paragraph.unwrap_or(0)
                        ));
                    }
                }
                None => {}
            }
        }
    }
    out
}

/// Party, violation date, provision: the cases of one group may be double fines.
pub type Key = (String, chrono::NaiveDate, String);

/// The groups a case belongs to: one per cited penalty provision, when the case fines a known
/// party for an act on a known date. Cases that share no key cannot be double fines of each
/// other (the scan uses this to bring only such cases together).
pub fn keys(c: &CaseSummary, kb: &Knowledge) -> Vec<Key> {
    let (Some(party), Some(date), Some(fine)) = (&c.party, c.violation_date, c.fine) else {
        return Vec::new();
    };
    let party = norm(party);
    if fine.0 <= 0 || party.is_empty() {
        return Vec::new();
    }
    provisions(c, date, kb)
        .into_iter()
        .map(|p| (party.clone(), date, p))
        .collect()
}

fn norm(s: &str) -> String {
    crate::text::compact(s).to_uppercase()
}

/// The rule's basis as the case's law has it: art. 29 of the 2021 law, art. 24 of the old
/// one for acts and decisions before 2021-07-15.
fn basis_for(c: &CaseSummary, kb: &Knowledge, lang: Lang) -> String {
    let cut = kb.settings.date("law.xzcf_2021_from");
    let old = match (c.decided_on.or(c.violation_date), cut) {
        (Some(d), Some(cut)) => d < cut,
        _ => false,
    };
    match (old, lang) {
        (true, Lang::Zh) => "《行政处罚法》（2017年修正）第二十四条：对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚".into(),
        (true, Lang::En) => "Administrative Penalty Law (2017) art. 24: one illegal act is not fined twice".into(),
        (false, _) => INFO.basis.get(lang).into(),
    }
}

/// Reports every fined case that shares party, violation date and a cited penalty provision
/// with a fined case of another case number: one finding per case, naming how many others
/// share the key and up to three of them.
pub fn check(cases: &[CaseSummary], kb: &Knowledge, lang: Lang) -> Vec<Finding> {
    use rayon::prelude::*;
    // Each case's keys on every core (they read its basis), grouped in case order.
    let all: Vec<Vec<Key>> = cases.par_iter().map(|c| keys(c, kb)).collect();
    let mut groups: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (i, ks) in all.into_iter().enumerate() {
        for key in ks {
            groups.entry(key).or_default().push(i);
        }
    }
    let id = |c: &CaseSummary| {
        c.case_no
            .as_deref()
            .map(norm)
            .unwrap_or_else(|| format!("{}#{}", c.file, c.at.display()))
    };
    // Per case: (others sharing the key, up to NAMED of them), from the first key that has any.
    let mut found: BTreeMap<usize, (usize, Vec<usize>)> = BTreeMap::new();
    for members in groups.values() {
        if members.len() < 2 {
            continue;
        }
        // One pass: how many members per case number, and the first NAMED + 1 distinct ones.
        let ids = crate::model::run::case_identities(members.iter().map(|&m| &cases[m]), &id);
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        let mut firsts: Vec<(usize, &str)> = Vec::new();
        for (k, &m) in members.iter().enumerate() {
            let e = count.entry(ids[k].as_str()).or_default();
            if *e == 0 && firsts.len() <= NAMED {
                firsts.push((m, ids[k].as_str()));
            }
            *e += 1;
        }
        if count.len() < 2 {
            continue; // one case exported twice is F007's
        }
        for (k, &m) in members.iter().enumerate() {
            if found.contains_key(&m) {
                continue;
            }
            let mine = ids[k].as_str();
            let others = members.len() - count[mine];
            let named: Vec<usize> = firsts
                .iter()
                .filter(|(_, i)| *i != mine)
                .map(|(o, _)| *o)
                .take(NAMED)
                .collect();
            found.insert(m, (others, named));
        }
    }
    // The findings' messages are written on every core: one party in a large ledger makes
    // thousands of them.
    found
        .into_par_iter()
        .map(|(i, (others, named))| {
            let c = &cases[i];
            let list: Vec<String> = named
                .iter()
                .map(|&o| {
                    let o = &cases[o];
                    format!("{}（{}）", o.case_no.clone().unwrap_or_default(), o.file)
                })
                .collect();
            let more = others > named.len();
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
                    Lang::Zh => format!(
                        "当事人 {party} {date} 的同一违法行为依据同一罚则另有 {others} 个案件罚款：{}{}",
                        list.join("；"),
                        if more { "等" } else { "" }
                    ),
                    Lang::En => format!(
                        "party {party} was fined for the same act of {date} under the same penalty provision in {others} other case(s): {}{}",
                        list.join("; "),
                        if more { ", …" } else { "" }
                    ),
                },
                basis: basis_for(c, kb, lang),
                help: INFO.fix.get(lang).into(),
                subject: "double_fine".into(),
                waived: None,
                evidence: Default::default(),
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
            coverage: Default::default(),
        }
    }

    const P: &str = "《中华人民共和国消防法》第六十条第一款第三项";
    const CODE: &str = "91410203MA4811659T";

    #[test]
    fn double_fine_table() {
        let laws = crate::rules::testutil::kb();
        let cases: Vec<(&str, Vec<CaseSummary>, usize)> = vec![
            (
                "two acts, each also citing 行政处罚法第二十八条",
                vec![
                    s(
                        "A",
                        CODE,
                        "2022-03-07",
                        "《中华人民共和国消防法》第六十条第一款第三项、《中华人民共和国行政处罚法》第二十八条第一款",
                        Some(10000),
                    ),
                    s(
                        "B",
                        CODE,
                        "2022-03-07",
                        "《中华人民共和国消防法》第六十条第一款第五项、《中华人民共和国行政处罚法》第二十八条第一款",
                        Some(10000),
                    ),
                ],
                0,
            ),
            (
                "duty article and discretion guideline shared only",
                vec![
                    s(
                        "A",
                        CODE,
                        "2022-03-07",
                        "《中华人民共和国消防法》第二十八条、第六十条第一款第三项、《河南省消防行政处罚裁量标准》",
                        Some(10000),
                    ),
                    s(
                        "B",
                        CODE,
                        "2022-03-07",
                        "《中华人民共和国消防法》第二十八条、第六十条第一款第五项、《河南省消防行政处罚裁量标准》",
                        Some(10000),
                    ),
                ],
                0,
            ),
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
            assert_eq!(check(&list, laws, Lang::Zh).len(), n, "{name}");
        }
        let f = check(
            &[
                s("A", CODE, "2022-03-07", P, Some(1)),
                s("B", CODE, "2022-03-07", P, Some(1)),
            ],
            laws,
            Lang::Zh,
        );
        assert_eq!(
            f[0].message,
            format!(
                "当事人 {CODE} 2022-03-07 的同一违法行为依据同一罚则另有 1 个案件罚款：B（B.xml）"
            )
        );
        assert!(f[0].basis.contains("第二十九条"));
    }

    /// A large group: one finding per case, each naming the count and at most three others;
    /// old files cite the old article 24.
    #[test]
    fn large_groups_stay_linear() {
        let laws = crate::rules::testutil::kb();
        let n = 2000;
        let list: Vec<CaseSummary> = (0..n)
            .map(|i| s(&format!("N{i:04}"), CODE, "2019-03-07", P, Some(10000)))
            .collect();
        let f = check(&list, laws, Lang::Zh);
        assert_eq!(f.len(), n);
        assert!(
            f[0].message.contains(&format!("另有 {} 个案件", n - 1)),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].message.matches(".xml").count(), 3, "{}", f[0].message);
        assert!(f[0].message.ends_with("等"));
        assert!(f[0].basis.contains("第二十四条"), "{}", f[0].basis);
    }
}
