//! L005 fine-out-of-range: the fine lies outside the cited provision's range for the party's
//! kind (a unit under 消防法 60¶1 fined 3,000; an individual under 60¶2 fined 600). A fine that
//! fits a lighter version in force on the decision date is lawful (从旧兼从轻); one that fits
//! only the older, heavier version is L007's.

use super::basis::{
    facts_of, fine_ranges_by_facts, judge, party_kind, party_label, provision_label, range_text,
    ranges_text, read, Read,
};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::statutes::FineRange;
use crate::model::{Case, Field, Money};

pub static INFO: Info = Info {
    code: "L005",
    name: "fine-out-of-range",
    severity: Severity::Error,
    category: Category::Law,
    title: Tr { zh: "罚款超出法定幅度", en: "Fine outside the statutory range" },
    basis: Tr {
        zh: "《行政处罚法》第四条、第三十二条、第三十八条第一款；所引条款",
        en: "Administrative Penalty Law arts 4, 32, 38 ¶1; the cited provision",
    },
    what: Tr {
        zh: "罚款金额不在所引条款对该类当事人规定的幅度内（含本数），例如依据《消防法》第六十条第一款对单位罚款 3,000 元（幅度 5,000–50,000 元），依据第六十条第二款对个人罚款 1,000 元（500 元以下）。违法行为发生时的版本为准；决定时施行的版本更轻的，按较轻的版本（从旧兼从轻）。同一决定引用多个罚款条款的，只在低于最低限额或高于各条上限之和时报告。处罚依据引用《行政处罚法》第三十二条（2021 年以前为第二十七条）减轻处罚、罚款低于最低限额的，不属错误；违法事实未写明减轻情节的，报警告。同一款对不同行为规定不同幅度的（《消防法》2021 年第六十九条第一款：虚假文件、不具备从业条件 50,000–100,000 元；不按照标准开展服务 50,000 元以下），按违法事实确定适用的幅度，事实无法区分的，两个幅度均可。",
        en: "The fine is outside the range (inclusive) the cited provision gives this kind of party: a unit fined 3,000 yuan under Fire Law art. 60 ¶1 (range 5,000–50,000), an individual fined 1,000 under art. 60 ¶2 (up to 500). The version in force on the violation date applies, or a lighter one in force on the decision date. A decision citing several fining provisions is reported only below the lowest minimum or above the sum of the maxima. A fine below the minimum whose basis cites mitigation (Administrative Penalty Law art. 32; old art. 27) is not an error; without a mitigating circumstance in the facts it is a warning. Where one paragraph has tiers for different conduct (Fire Law 2021 art. 69 ¶1), the facts pick the tier; when they cannot tell, both are accepted.",
    },
    why: Tr {
        zh: "罚款超出法定幅度属“超出法定种类或幅度”，决定违法，评查中为否决项。",
        en: "A fine outside the statutory range is unlawful; reviews treat it as a veto-level defect.",
    },
    example: Tr {
        zh: "《消防法》(2021) 第六十条第一款：单位罚款 5,000–50,000 元，本案 3,000 元。",
        en: "Fire Law (2021) art. 60 ¶1: unit fine 5,000–50,000 yuan; this case 3,000.",
    },
    fix: Tr {
        zh: "在法定幅度内重新裁量；有法定从轻、减轻情节需低于最低限额的，写明减轻处罚的依据（《行政处罚法》第三十二条）。",
        en: "Fix the fine within the range; where a statutory mitigation justifies going below the minimum, cite it (Administrative Penalty Law art. 32).",
    },
    settings: &["law.xzcf_2021_from", "mitigation.words"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

fn fits(ranges: &[FineRange], fine: Money) -> bool {
    ranges
        .iter()
        .any(|r| fine.0 >= r.min_yuan as i64 * 100 && fine.0 <= r.max_yuan as i64 * 100)
}

/// The fine a decision imposes: `Err(())` when a fine is imposed without a readable amount.
pub(crate) fn decision_fine(case: &Case) -> Result<Option<Money>, ()> {
    let Some(ps) = case.decision().and_then(|d| d.penalties.value()) else {
        return Ok(None);
    };
    let fines: Vec<_> = ps.iter().filter(|p| p.kind == "fine").collect();
    if fines.is_empty() {
        return Ok(None);
    }
    if fines
        .iter()
        .any(|p| !matches!(p.amount, Field::Value { .. }))
    {
        return Err(());
    }
    Ok(case.fine())
}

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        super::basis::every_version(case, ctx, &INFO, out, |out| {
            self.check_dated(case, ctx, out)
        });
    }
}

impl Rule {
    fn check_dated(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let r = match read(case, ctx) {
            Read::Unknown => return out.not_checkable(&INFO, "处罚依据"),
            Read::Read(r) => r,
            _ => return,
        };
        let fine = match decision_fine(case) {
            Ok(Some(f)) => f,
            Ok(None) => return,
            Err(()) => return out.not_checkable(&INFO, "罚款金额"),
        };
        let Some(cited) = judge(case, &r, ctx) else {
            return out.not_checkable(&INFO, "违法日期");
        };
        let pk = party_kind(case);
        let facts = facts_of(case);
        // 减轻处罚 cited (行政处罚法 2021 art. 32; the old law's art. 27): a fine below the
        // minimum is the point of it.
        // A decision before the first 行政处罚法 version in the tables (2018-01-01) cites art. 27
        // of the 1996/2009 text, the same 从轻减轻 article: read it by the decision date.
        let decided = super::basis::decision_date_in(r.decision, ctx);
        let old_numbering = match (decided, ctx.kb.settings.date("law.xzcf_2021_from")) {
            (Some(d), Some(cut)) => Some(d < cut),
            _ => None,
        };
        let mitigated = cited.iter().any(|c| {
            c.law == "admin_penalty_law"
                && match c.version.id.as_str() {
                    "2017" => c.cite.article == 27,
                    _ => c.cite.article == 32,
                }
        }) || r.citations.iter().any(|(c, _)| {
            c.law_id.as_deref() == Some("admin_penalty_law")
                && c.article == 27
                && old_numbering == Some(true)
        });
        // (label, ranges in the version that applies, ranges in a later version) per provision.
        let mut rows = Vec::new();
        for c in &cited {
            for p in c.penalties(ctx) {
                let ranges = fine_ranges_by_facts(p, pk, facts);
                if ranges.is_empty() {
                    continue;
                }
                let later: Vec<FineRange> = c
                    .later
                    .and_then(|w| ctx.kb.statutes.by_key(&c.law, &w.id, &p.key))
                    .map(|q| fine_ranges_by_facts(q, pk, facts))
                    .unwrap_or_default();
                // The label is written only for a finding.
                rows.push(((c, p), ranges, later));
            }
        }
        let place = case
            .decision()
            .and_then(|d| d.penalties.value())
            .and_then(|ps| ps.iter().find(|p| p.kind == "fine"))
            .and_then(|p| p.amount.at().cloned())
            .unwrap_or_else(|| r.decision.at.clone());
        let who = party_label(pk, ctx.lang);
        match rows.as_slice() {
            [] => {}
            [((c, p), ranges, later)] => {
                let label = || provision_label(ctx, p, &c.version.id);
                let below = |rs: &[FineRange]| {
                    !rs.is_empty() && rs.iter().all(|r| fine.0 < r.min_yuan as i64 * 100)
                };
                if mitigated && !fits(ranges, fine) && below(ranges) {
                    // Below the minimum with 减轻处罚 cited: lawful when the facts name a
                    // mitigating circumstance; otherwise a warning (the reason is not shown).
                    let Some(facts) = facts else {
                        return out.not_checkable(&INFO, "违法事实");
                    };
                    let facts = crate::text::normalize(facts);
                    let words = ctx.kb.settings.list("mitigation.words");
                    if words.iter().any(|w| facts.contains(w.as_str())) {
                        return;
                    }
                    out.push_at(
                        &INFO,
                        Severity::Warning,
                        ctx,
                        case,
                        place,
                        "fine",
                        crate::msg!(
                            ctx,
                            "{}：{}罚款 {}，本案 {} 元，引用了减轻处罚的规定，但违法事实未写明减轻处罚的情节（《行政处罚法》第{}条）",
                            "{}: {} fine {}; this case {} yuan, citing mitigation, but the facts name no mitigating circumstance (Administrative Penalty Law art. {})",
                            label(),
                            who,
                            ranges_text(ranges, ctx.lang),
                            fine,
                            // The article in the numbering of the decision's date.
                            match (old_numbering, ctx.lang) {
                                (Some(true), crate::finding::Lang::Zh) => "二十七",
                                (Some(true), _) => "27",
                                (_, crate::finding::Lang::Zh) => "三十二",
                                _ => "32",
                            }
                        ),
                    );
                    return;
                }
                if !fits(ranges, fine) && !fits(later, fine) {
                    out.push(
                        &INFO,
                        ctx,
                        case,
                        place,
                        "fine",
                        crate::msg!(
                            ctx,
                            "{}：{}罚款 {}，本案 {} 元",
                            "{}: {} fine {}; this case {} yuan",
                            label(),
                            who,
                            ranges_text(ranges, ctx.lang),
                            fine
                        ),
                    );
                }
            }
            many => {
                let min = many
                    .iter()
                    .flat_map(|(_, rs, _)| rs)
                    .map(|r| r.min_yuan)
                    .min()
                    .unwrap_or(0);
                let max: u64 = many
                    .iter()
                    .map(|(_, rs, _)| rs.iter().map(|r| r.max_yuan).max().unwrap_or(0))
                    .sum();
                let all = FineRange {
                    min_yuan: min,
                    max_yuan: max,
                };
                if !fits(&[all], fine) {
                    let labels: Vec<String> = many
                        .iter()
                        .map(|((c, p), _, _)| provision_label(ctx, p, &c.version.id))
                        .collect();
                    out.push(
                        &INFO,
                        ctx,
                        case,
                        place,
                        "fine",
                        crate::msg!(
                            ctx,
                            "{}：{}罚款合计应在 {} 之间，本案 {} 元",
                            "{}: {} fines together within {}; this case {} yuan",
                            labels.join("、"),
                            who,
                            range_text(all, ctx.lang),
                            fine
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartyKind;
    use crate::rules::testutil::*;

    fn c(party: Option<PartyKind>, basis: &str, fine: Option<i64>) -> Case {
        CaseBuilder::general("X")
            .party(party)
            .agency("开封市消防救援支队")
            .violation("2022-03-07", None, None)
            .decision("decision", "2022-03-22", &[("fine", fine)])
            .basis(basis)
            .build()
    }

    /// 减轻处罚 cited: below the minimum is at most a warning, none with a mitigating fact.
    #[test]
    fn mitigation_cited() {
        let p = "《中华人民共和国消防法》第六十条第一款第三项、《中华人民共和国行政处罚法》第三十二条第（一）项";
        let with_facts = |facts: &str| {
            let mut case = c(Some(PartyKind::Unit), p, Some(3000));
            case.violation.facts = Field::Value {
                value: facts.into(),
                at: crate::finding::Place::line(20, 1),
            };
            case
        };
        let e = run(&CHECK, &with_facts("占用疏散通道。"));
        assert_eq!(e.findings.len(), 1);
        assert_eq!(e.findings[0].severity, Severity::Warning);
        let e = run(
            &CHECK,
            &with_facts("占用疏散通道，检查时当场整改，主动消除危害后果。"),
        );
        assert!(e.findings.is_empty());
        // The old law's art. 27 for an old case.
        let mut old = CaseBuilder::general("X")
            .party(Some(PartyKind::Unit))
            .violation("2019-03-07", None, None)
            .decision("decision", "2019-03-22", &[("fine", Some(3000))])
            .basis("《中华人民共和国消防法》第六十条第一款第三项、《中华人民共和国行政处罚法》第二十七条")
            .build();
        old.violation.facts = Field::Value {
            value: "占用疏散通道。".into(),
            at: crate::finding::Place::line(20, 1),
        };
        let e = run(&CHECK, &old);
        assert_eq!(e.findings.len(), 1);
        assert_eq!(e.findings[0].severity, Severity::Warning);
        // Without the citation: an error, as before.
        let e = run(
            &CHECK,
            &c(
                Some(PartyKind::Unit),
                "《中华人民共和国消防法》第六十条第一款第三项",
                Some(3000),
            ),
        );
        assert_eq!(e.findings[0].severity, Severity::Error);
    }

    /// 2021 69¶1: the facts pick the tier; unclear facts accept both.
    #[test]
    fn tiers_picked_by_facts() {
        let p = "《中华人民共和国消防法》第六十九条第一款";
        let with_facts = |facts: Option<&str>, fine: i64| {
            let mut case = c(Some(PartyKind::Unit), p, Some(fine));
            if let Some(f) = facts {
                case.violation.facts = Field::Value {
                    value: f.into(),
                    at: crate::finding::Place::line(20, 1),
                };
            }
            case
        };
        let lower = "该公司不按照国家标准、行业标准开展消防设施维护保养检测服务";
        let upper = "该公司出具虚假文件";
        assert!(run(&CHECK, &with_facts(Some(lower), 20000))
            .findings
            .is_empty());
        assert_eq!(
            run(&CHECK, &with_facts(Some(upper), 20000)).findings.len(),
            1
        );
        assert_eq!(
            run(&CHECK, &with_facts(Some(lower), 60000)).findings.len(),
            1
        );
        assert!(run(&CHECK, &with_facts(None, 20000)).findings.is_empty());
        assert!(run(&CHECK, &with_facts(Some("检查发现问题"), 60000))
            .findings
            .is_empty());
    }

    #[test]
    fn range_table() {
        let (u, i) = (Some(PartyKind::Unit), Some(PartyKind::Individual));
        let p60 = "《中华人民共和国消防法》第六十条第一款第三项";
        let p602 = "《中华人民共和国消防法》第六十条第二款";
        expect_table(
            &CHECK,
            vec![
                ("unit 3,000 under 60¶1", c(u, p60, Some(3000)), 1, 0),
                ("unit 4,999 under 60¶1", c(u, p60, Some(4999)), 1, 0),
                (
                    "unit 5,000 under 60¶1 (inclusive)",
                    c(u, p60, Some(5000)),
                    0,
                    0,
                ),
                ("unit 50,000 under 60¶1", c(u, p60, Some(50000)), 0, 0),
                ("unit 50,001 under 60¶1", c(u, p60, Some(50001)), 1, 0),
                ("individual 500 under 60¶2", c(i, p602, Some(500)), 0, 0),
                ("individual 600 under 60¶2", c(i, p602, Some(600)), 1, 0),
                ("unit under 60¶2 is L006's", c(u, p602, Some(500)), 0, 0),
                (
                    "party unknown, fits no limb",
                    c(None, p60, Some(3000)),
                    1,
                    0,
                ),
                (
                    "65¶2 persons range for an individual",
                    c(i, "《中华人民共和国消防法》第六十五条第二款", Some(1000)),
                    0,
                    0,
                ),
                (
                    "65¶2 unit 1,000",
                    c(u, "《中华人民共和国消防法》第六十五条第二款", Some(1000)),
                    1,
                    0,
                ),
                (
                    "Henan 70¶2 unit 2,000",
                    c(u, "《河南省消防条例》第七十条第二款", Some(2000)),
                    0,
                    0,
                ),
                (
                    "Henan 70¶2 unit 6,000",
                    c(u, "《河南省消防条例》第七十条第二款", Some(6000)),
                    1,
                    0,
                ),
                ("fine without amount", c(u, p60, None), 0, 1),
                (
                    "two provisions, inside the sum",
                    c(
                        u,
                        "《中华人民共和国消防法》第六十条第一款第三项、第五项",
                        Some(80000),
                    ),
                    0,
                    0,
                ),
                (
                    "two provisions, above the sum",
                    c(
                        u,
                        "《中华人民共和国消防法》第六十条第一款第三项、第五项",
                        Some(120000),
                    ),
                    1,
                    0,
                ),
            ],
        );
    }

    #[test]
    fn message_names_provision_version_range() {
        let e = run(
            &CHECK,
            &c(
                Some(PartyKind::Unit),
                "《中华人民共和国消防法》第六十条第一款第三项",
                Some(3000),
            ),
        );
        assert_eq!(
            messages(&e),
            vec!["《消防法》(2021) 第六十条第一款第三项：单位罚款 5,000–50,000 元，本案 3,000 元"]
        );
    }

    #[test]
    fn lighter_later_version_counts() {
        // 消防法 69¶1 gained a lower tier (≤ 50,000) in 2021: a 2020 act fined 30,000 in 2022
        // fits the lighter 2021 text, so it is not out of range.
        let case = CaseBuilder::general("X")
            .party(Some(PartyKind::Unit))
            .violation("2020-06-01", None, None)
            .decision("decision", "2022-03-22", &[("fine", Some(30000))])
            .basis("《中华人民共和国消防法》第六十九条第一款")
            .build();
        assert_eq!(run(&CHECK, &case).findings.len(), 0);
        let case = CaseBuilder::general("X")
            .party(Some(PartyKind::Unit))
            .violation("2020-06-01", None, None)
            .decision("decision", "2021-06-01", &[("fine", Some(30000))])
            .basis("《中华人民共和国消防法》第六十九条第一款")
            .build();
        assert_eq!(
            run(&CHECK, &case).findings.len(),
            1,
            "before 2021-07-15 no 从旧兼从轻"
        );
    }
}
