//! L007 version-not-in-force: the decision applies law that did not govern the act. Forms:
//! the cited place exists only in another version of the law (消防法 58¶3 is the 2021
//! numbering); a place cited in a later numbering that exists in the governing version with
//! other content (58¶1(四) of 2019 for a 2018 act, which is (五) in the 2008 text: the facts
//! tell which was meant); the facts use wording only another version has (the 2021 "与承诺内容
//! 不符" limb of 58¶1(四) for a 2020 act) — never wording the act-date text still holds; a
//! version stated in the citation (（2019年修正）) that did not govern the act and is not the
//! lighter later law (a warning when the cited provision reads the same in the governing
//! version); or a lighter version in force on the decision date was ignored (行政处罚法 2021
//! art. 37, 从旧兼从轻, from 2021-07-15).

use super::basis::{
    act_date, fine_ranges, kind_label, law_label, limbs, party_kind, place_label, provision_label,
    read_judged,
};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::statutes::{FineRange, PenaltyKind, Provision};
use crate::model::{Case, Field, Money};

pub static INFO: Info = Info {
    code: "L007",
    name: "version-not-in-force",
    severity: Severity::Error,
    category: Category::Law,
    title: Tr { zh: "适用的法律版本不对", en: "Law version not in force for the act" },
    basis: Tr {
        zh: "《行政处罚法》第三十七条（从旧兼从轻）；《消防法》2008、2019、2021 年文本",
        en: "Administrative Penalty Law art. 37 (the old law applies unless the new one is lighter); Fire Law texts of 2008, 2019, 2021",
    },
    what: Tr {
        zh: "实体规定按违法行为发生时施行的版本适用，决定时施行的版本更轻的适用新版本。报告以下情形：所引条款项只在其他版本中存在（如 2020 年的行为引用 2021 年文本的第五十八条第三款）；违法事实使用了行为时版本没有的表述（如 2020 年的行为认定“与承诺内容不符”，该情形 2021 年 4 月 29 日才写入第五十八条第一款第四项）；2021 年 7 月 15 日以后作出的决定忽略了更轻的新版本（罚款或种类只符合旧版本）；按新版本的编号引用条款（如 2018 年的行为引用 2019 年文本的第五十八条第一款第四项，2008 年文本中该情形为第五项，违法事实说明所指）；依据中写明的版本（如“（2019年修正）”）不是行为时施行的版本，也不是更轻的新版本的（所引条款在应适用的版本中内容相同的，为警告）。行为时的文本仍有的表述不报告。版本生效日期见 checks/statutes。",
        en: "Substantive provisions apply as in force on the violation date, or as in force on the decision date where that is lighter. Reported: the cited place exists only in another version (a 2020 act under the 2021 numbering 58 ¶3); the facts use wording the version in force at the time lacks (\"inconsistent with the commitment\", written into 58 ¶1 (4) on 2021-04-29, for a 2020 act); a decision made on or after 2021-07-15 ignored a lighter later version (a fine or kind only the older text allows); a provision cited in a later numbering (58 ¶1 (4) of 2019 for a 2018 act, which the 2008 text numbers (5); the facts tell which was meant); a version stated in the citation (\"（2019年修正）\") that did not govern the act and is not the lighter later law (a warning when the cited provision reads the same in the governing version). Wording the act-date text still holds is never reported. Version dates are in checks/statutes.",
    },
    why: Tr {
        zh: "适用未生效或已失效的条文，属“适用失效依据”或“应适用A条款而适用B条款”，评查中为否决项。",
        en: "Applying a text that was not in force is applying an invalid or wrong basis, a veto-level defect in reviews.",
    },
    example: Tr {
        zh: "2020 年 11 月的行为，以“经核查发现场所使用、营业情况与承诺内容不符”适用《消防法》第五十八条第一款第四项。",
        en: "An act of November 2020 punished under Fire Law art. 58 ¶1 (4) for being \"inconsistent with the commitment\".",
    },
    fix: Tr {
        zh: "按违法行为发生时的文本认定事实、引用条款；新文本更轻的，按新文本处罚。",
        en: "State the facts and cite the provision as the text in force at the time had them; apply a lighter newer text.",
    },
    settings: &["law.xzcf_2021_from"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

fn fits(ranges: &[FineRange], fine: Money) -> bool {
    ranges
        .iter()
        .any(|r| fine.0 >= r.min_yuan as i64 * 100 && fine.0 <= r.max_yuan as i64 * 100)
}

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let Some((r, cited)) = read_judged(case, ctx, &INFO, out) else {
            return;
        };
        let st = &ctx.kb.statutes;
        // Written only into a finding.
        let act = || {
            act_date(case, r.decision)
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        let pk = party_kind(case);
        // The facts without punctuation, made once for all the citations.
        let mut bare_facts: Option<String> = None;
        for c in &cited {
            // 1. A place that exists only in another version.
            if !c.exists {
                let others = c.elsewhere(ctx);
                if let Some(v) = others.first() {
                    let now = st
                        .provision(&c.law, &v.id, c.cite.article, c.cite.paragraph, c.cite.item)
                        .and_then(|p| st.by_key(&c.law, &c.version.id, &p.key))
                        .map(|p| provision_label(ctx, p, &c.version.id));
                    let then = place_label(
                        ctx,
                        &c.law,
                        &v.id,
                        c.cite.article,
                        c.cite.paragraph,
                        c.cite.item,
                    );
                    let hint = match now {
                        Some(n) => crate::msg!(
                            ctx,
                            "；相应条款为 {}",
                            "; the corresponding provision is {}",
                            n
                        ),
                        None => String::new(),
                    };
                    out.push(&INFO, ctx, case, c.at.clone(), "version", crate::msg!(ctx, "处罚依据“{}”是 {} 的条款，违法行为发生时（{}）施行的 {} 中没有该条款项{}", "the cited `{}` is {}; the text in force when the act was done ({}), {}, has no such provision{}", c.cite.text, then, act(), law_label(ctx, &c.law, &c.version.id), hint));
                }
                continue;
            }
            let Some(p) = c
                .provision
                .filter(|p| p.kind == crate::law::statutes::ProvisionKind::Penalty)
            else {
                continue;
            };
            // 1b. A version stated in the citation that did not govern the act.
            if let Some(stated) = c
                .cite
                .version
                .and_then(|d| st.version_stated(&c.law, d, super::basis::amended(ctx, &c.law)))
            {
                if stated.id != c.version.id && c.later.is_none_or(|w| w.id != stated.id) {
                    let q = st.provision(
                        &c.law,
                        &stated.id,
                        c.cite.article,
                        c.cite.paragraph,
                        c.cite.item,
                    );
                    let same = q.is_some_and(|q| q.key == p.key && q.bare_quotes == p.bare_quotes);
                    let msg = crate::msg!(
                        ctx,
                        "处罚依据写明的版本 {} 不是违法行为发生时（{}）施行的版本 {}{}",
                        "the version stated in the basis, {}, is not the one in force when the act was done ({}), {}{}",
                        law_label(ctx, &c.law, &stated.id),
                        act(),
                        law_label(ctx, &c.law, &c.version.id),
                        if same {
                            ctx.lang.pick("；所引条款在两个版本中内容相同", "; the cited provision reads the same in both")
                        } else {
                            ""
                        }
                    );
                    let sev = if same {
                        Severity::Warning
                    } else {
                        INFO.severity
                    };
                    out.push_at(&INFO, sev, ctx, case, c.at.clone(), "version", msg);
                    continue;
                }
            }
            // 1c. A place cited in another version's numbering, where the governing version
            // has other content: the facts name the other version's row, not this one.
            let facts_bare = match &case.violation.facts {
                Field::Value { value, .. } => Some(
                    bare_facts
                        .get_or_insert_with(|| crate::law::statutes::bare(value))
                        .clone(),
                ),
                _ => None,
            };
            if let Some(facts) = facts_bare.as_deref() {
                let names = |pr: &Provision| {
                    pr.clauses
                        .iter()
                        .chain(&pr.still_worded)
                        .any(|cl| facts.contains(cl.as_str()))
                };
                if !names(p) {
                    let other = st
                        .versions(&c.law)
                        .iter()
                        .filter(|v| v.id != c.version.id)
                        .filter_map(|v| {
                            st.provision(
                                &c.law,
                                &v.id,
                                c.cite.article,
                                c.cite.paragraph,
                                c.cite.item,
                            )
                            .map(|q| (v, q))
                        })
                        .find(|(_, q)| q.key != p.key && names(q));
                    if let Some((v, q)) = other {
                        let now = st
                            .by_key(&c.law, &c.version.id, &q.key)
                            .map(|r| provision_label(ctx, r, &c.version.id));
                        let hint = match now {
                            Some(n) => crate::msg!(ctx, "；应引用 {}", "; cite {}", n),
                            None => String::new(),
                        };
                        out.push(&INFO, ctx, case, c.at.clone(), "version", crate::msg!(ctx, "处罚依据“{}”按 {} 的编号引用（{}），违法行为发生时（{}）施行的 {} 中该项为“{}”{}", "the basis `{}` uses the numbering of {} ({}); in the text in force when the act was done ({}), {} is \"{}\"{}", c.cite.text, law_label(ctx, &c.law, &v.id), q.summary, act(), provision_label(ctx, p, &c.version.id), p.summary, hint));
                        continue;
                    }
                }
            }
            // 2. Wording only another version has.
            let mine = &p.bare_quotes;
            let facts = match &case.violation.facts {
                Field::Value { value, .. } => Some(
                    bare_facts
                        .get_or_insert_with(|| crate::law::statutes::bare(value))
                        .as_str(),
                ),
                Field::Absent => {
                    out.not_checkable(&INFO, "违法事实");
                    None
                }
                _ => None,
            };
            if let Some(facts) = facts {
                let found = st
                    .across_versions(&c.law, &p.key)
                    .into_iter()
                    .find_map(|(v, q)| {
                        if v.id == c.version.id {
                            return None;
                        }
                        q.clauses
                            .iter()
                            .find(|cl| {
                                facts.contains(cl.as_str())
                                    && !mine.contains(cl.as_str())
                                    && !p.still_worded.iter().any(|w| w == *cl)
                            })
                            .map(|cl| (v, q, cl))
                    });
                if let Some((v, q, cl)) = found {
                    out.push(&INFO, ctx, case, case.violation.facts.at().cloned().unwrap_or_else(|| c.at.clone()), "version", crate::msg!(ctx, "违法事实“{}”是 {} 的表述；违法行为发生时（{}）施行的 {} 没有这一情形", "the facts `{}` use the wording of {}; the text in force when the act was done ({}), {}, has no such case", cl, provision_label(ctx, q, &v.id), act(), provision_label(ctx, p, &c.version.id)));
                    continue;
                }
            }
            // 3. A lighter version in force on the decision date.
            let Some(w) = c.later else { continue };
            let Some(q) = st.by_key(&c.law, &w.id, &p.key) else {
                out.push(&INFO, ctx, case, c.at.clone(), "version", crate::msg!(ctx, "{} 在决定时施行的 {} 中已删除，不再处罚（从旧兼从轻）", "{} was deleted by {}, in force at the decision: the act is no longer punishable (lighter new law)", provision_label(ctx, p, &c.version.id), law_label(ctx, &c.law, &w.id)));
                continue;
            };
            if let Ok(Some(fine)) = super::l005_fine_out_of_range::decision_fine(case) {
                let (old, new) = (fine_ranges(p, pk), fine_ranges(q, pk));
                if !new.is_empty() && fits(&old, fine) && !fits(&new, fine) {
                    out.push(&INFO, ctx, case, c.at.clone(), "version", crate::msg!(ctx, "决定时施行的 {} 更轻（罚款 {}），本案仍按 {} 罚款 {} 元（从旧兼从轻）", "{}, in force at the decision, is lighter (fine {}); the decision still fines {} yuan under {}", provision_label(ctx, q, &w.id), super::basis::ranges_text(&new, ctx.lang), if ctx.lang == crate::finding::Lang::Zh { provision_label(ctx, p, &c.version.id) } else { fine.to_string() }, if ctx.lang == crate::finding::Lang::Zh { fine.to_string() } else { provision_label(ctx, p, &c.version.id) }));
                    continue;
                }
            }
            let allows = |pr: &Provision, k: PenaltyKind| limbs(pr, pk).iter().any(|l| l.allows(k));
            for k in super::basis::imposed_kinds(case) {
                if k.is_penalty() && allows(p, k) && !allows(q, k) {
                    out.push(&INFO, ctx, case, c.at.clone(), "version", crate::msg!(ctx, "决定时施行的 {} 已不再规定{}，本案仍予适用（从旧兼从轻）", "{}, in force at the decision, no longer gives {}; the decision still imposes it (lighter new law)", provision_label(ctx, q, &w.id), kind_label(k, ctx.lang)));
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

    fn c(act: &str, decided: &str, facts: &str, basis: &str, fine: i64) -> Case {
        CaseBuilder::general("X")
            .party(Some(PartyKind::Unit))
            .violation(act, None, None)
            .with(|c| {
                c.violation.facts = Field::Value {
                    value: facts.into(),
                    at: crate::finding::Place::line(14, 5),
                }
            })
            .decision(
                "decision",
                decided,
                &[("suspend_business", None), ("fine", Some(fine))],
            )
            .basis(basis)
            .build()
    }

    const P584: &str = "《中华人民共和国消防法》第五十八条第一款第四项";
    const PROMISE: &str =
        "该单位经营的公众聚集场所（歌舞厅）经核查发现场所使用、营业情况与承诺内容不符。";
    const UNCHECKED: &str =
        "该单位经营的公众聚集场所（歌舞厅）未经消防安全检查，擅自投入使用、营业。";

    /// Wording the act-date text still holds, a later numbering, a stated version.
    #[test]
    fn act_date_text_numbering_and_stated_versions() {
        let p60 = "《中华人民共和国消防法》第六十条第一款第三项";
        let exits = "该单位占用疏散通道。";
        expect_table(
            &CHECK,
            vec![
                (
                    "2022 act described as 未经消防安全检查",
                    c("2022-03-07", "2022-03-22", UNCHECKED, P584, 30000),
                    0,
                    0,
                ),
                (
                    "2018 act cited as 2019 58¶1(四)",
                    c("2018-03-07", "2019-06-03", UNCHECKED, P584, 30000),
                    1,
                    0,
                ),
                (
                    "2018 act cited as 2008 58¶1(五)",
                    c(
                        "2018-03-07",
                        "2018-06-03",
                        UNCHECKED,
                        "《中华人民共和国消防法》第五十八条第一款第五项",
                        30000,
                    ),
                    0,
                    0,
                ),
                (
                    "2022 act under the stated 2019 version of 58¶1(四)",
                    c(
                        "2022-03-07",
                        "2022-03-22",
                        UNCHECKED,
                        "《中华人民共和国消防法》（2019年修正）第五十八条第一款第四项",
                        30000,
                    ),
                    1,
                    0,
                ),
                (
                    "2018 act, stated 2008 revision (in force 2009-05-01)",
                    c(
                        "2018-03-07",
                        "2018-03-22",
                        exits,
                        "《中华人民共和国消防法》（2008年修订）第六十条第一款第三项",
                        10000,
                    ),
                    0,
                    0,
                ),
                (
                    "2022 act, stated 2008 revision",
                    c(
                        "2022-03-07",
                        "2022-03-22",
                        exits,
                        "《中华人民共和国消防法》（2008年修订）第六十条第一款第三项",
                        10000,
                    ),
                    1,
                    0,
                ),
                (
                    "2022 act, stated 2021 version",
                    c(
                        "2022-03-07",
                        "2022-03-22",
                        exits,
                        "《中华人民共和国消防法》（2021年修正）第六十条第一款第三项",
                        10000,
                    ),
                    0,
                    0,
                ),
            ],
        );
        let e = run(
            &CHECK,
            &c(
                "2022-03-07",
                "2022-03-22",
                exits,
                "《中华人民共和国消防法》（2019年修正）第六十条第一款第三项",
                10000,
            ),
        );
        assert_eq!(e.findings.len(), 1, "{:?}", messages(&e));
        assert_eq!(e.findings[0].severity, Severity::Warning);
        let e = run(
            &CHECK,
            &c("2018-03-07", "2019-06-03", UNCHECKED, P584, 30000),
        );
        let m = &messages(&e)[0];
        assert!(m.contains("第五十八条第一款第五项"), "{m}");
        let _ = p60;
    }

    #[test]
    fn version_table() {
        expect_table(
            &CHECK,
            vec![
                (
                    "承诺 wording for a 2020 act",
                    c("2020-11-20", "2021-08-04", PROMISE, P584, 30000),
                    1,
                    0,
                ),
                (
                    "承诺 wording for a 2021-06 act",
                    c("2021-06-01", "2021-08-04", PROMISE, P584, 30000),
                    0,
                    0,
                ),
                (
                    "2019 wording for a 2020 act",
                    c("2020-11-20", "2021-08-04", UNCHECKED, P584, 30000),
                    0,
                    0,
                ),
                (
                    "2021 numbering 58¶3 for a 2020 act",
                    c(
                        "2020-03-01",
                        "2020-05-01",
                        "未备案",
                        "《中华人民共和国消防法》第五十八条第三款",
                        3000,
                    ),
                    1,
                    0,
                ),
                (
                    "2008 numbering 58¶1(五) for a 2020 act",
                    c(
                        "2020-03-01",
                        "2020-05-01",
                        UNCHECKED,
                        "《中华人民共和国消防法》第五十八条第一款第五项",
                        30000,
                    ),
                    1,
                    0,
                ),
                (
                    "58¶1(五) for a 2018 act",
                    c(
                        "2018-03-01",
                        "2018-05-01",
                        UNCHECKED,
                        "《中华人民共和国消防法》第五十八条第一款第五项",
                        30000,
                    ),
                    0,
                    0,
                ),
                // 2008 58¶1(二) was deleted in 2019 with no successor: no longer punishable.
                (
                    "deleted provision, decided after 2021-07-15",
                    c(
                        "2019-03-01",
                        "2021-08-01",
                        "消防设计经依法抽查不合格，不停止施工",
                        "《中华人民共和国消防法》第五十八条第一款第二项",
                        30000,
                    ),
                    1,
                    0,
                ),
            ],
        );
    }

    #[test]
    fn fine_fitting_both_versions_is_not_a_lighter_law_ignored() {
        // 69¶1 gained a lower tier in 2021 but kept 50,000–100,000, so 60,000 fits both.
        let case = c(
            "2020-06-01",
            "2022-03-22",
            "出具虚假文件",
            "《中华人民共和国消防法》第六十九条第一款",
            60000,
        );
        assert_eq!(run(&CHECK, &case).findings.len(), 0);
    }

    #[test]
    fn message_names_both_versions() {
        let e = run(&CHECK, &c("2020-11-20", "2021-08-04", PROMISE, P584, 30000));
        assert_eq!(messages(&e), vec!["违法事实“经核查发现场所使用营业情况与承诺内容不符”是 《消防法》(2021) 第五十八条第一款第四项 的表述；违法行为发生时（2020-11-20）施行的 《消防法》(2019) 第五十八条第一款第四项 没有这一情形"]);
    }
}
