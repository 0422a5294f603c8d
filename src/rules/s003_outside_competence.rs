//! S003 outside-competence: the penalty lies outside a fire rescue agency's competence — any
//! 拘留 (only 公安机关, 行政处罚法 2021 art. 18¶3); 消防法 58¶1(一)–(三), 58¶3 (2019: ¶2) and 59
//! decided on or after 2019-04-23 (住房和城乡建设主管部门); 62 (公安机关 under 治安管理处罚法); 65¶1
//! (market regulator). Who decides comes from the statute tables' limb authorities, in the
//! version in force on the decision date (competence is procedural: it moved on 2019-04-23).

use super::basis::{imposed_kinds, limbs, party_kind, provision_label, read_judged};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::statutes::{Authority, PenaltyKind};
use crate::model::Case;

pub static INFO: Info = Info {
    code: "S003",
    name: "outside-competence",
    severity: Severity::Error,
    category: Category::Subject,
    title: Tr { zh: "超越职权", en: "Outside the agency's competence" },
    basis: Tr {
        zh: "《行政处罚法》第十八条第三款；《消防法》第七十条第一款",
        en: "Administrative Penalty Law art. 18 ¶3; Fire Law art. 70 ¶1",
    },
    what: Tr {
        zh: "处罚不属于消防救援机构的职权：任何行政拘留（只能由公安机关决定）；2019 年 4 月 23 日以后作出的《消防法》第五十八条第一款第一至三项、第五十八条第三款（2019 年文本为第二款）、第五十九条（住房和城乡建设主管部门）；第六十二条（公安机关依治安管理处罚法）；第六十五条第一款（市场监督管理部门）。各条的决定机关按决定日期施行的法律版本确定，其中部分是据法律条文推定的（本工具的法条数据，caselint checks export 可导出查看）。",
        en: "The penalty is outside a fire rescue agency's competence: any detention (public security only); Fire Law art. 58 ¶1 (1)–(3), 58 ¶3 (¶2 in the 2019 text) and 59 decided on or after 2019-04-23 (housing and construction departments); art. 62 (public security under the Public Security Penalty Law); art. 65 ¶1 (market regulator). Who decides each follows the law version in force on the decision date; some of these bodies are inferred from the law text (the tool's statute data; `caselint checks export` writes it out).",
    },
    why: Tr {
        zh: "超越职权作出的处罚无效或应予撤销，评查中为否决项。",
        en: "A penalty outside the agency's competence is void or liable to be quashed; a veto-level defect in reviews.",
    },
    example: Tr {
        zh: "2022 年消防救援大队依据《消防法》第五十八条第一款第一项（未经消防设计审查擅自施工）罚款。",
        en: "In 2022 a fire brigade fines under Fire Law art. 58 ¶1 (1) (construction without design review).",
    },
    fix: Tr {
        zh: "移送有权机关（住房和城乡建设主管部门、公安机关、市场监督管理部门）处理，撤销本机关的决定。",
        en: "Transfer the case to the competent body (housing department, public security, market regulator) and revoke this decision.",
    },
    settings: &["law.fire_2019_from"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

fn body(a: Authority, ctx: &Ctx) -> &'static str {
    match a {
        Authority::FireAgency => ctx.lang.pick("消防救援机构", "the fire rescue agency"),
        Authority::Housing => ctx.lang.pick(
            "住房和城乡建设主管部门",
            "the housing and construction department",
        ),
        Authority::PublicSecurity => ctx.lang.pick("公安机关", "public security"),
        Authority::MarketRegulator => ctx.lang.pick("市场监督管理部门", "the market regulator"),
        Authority::OriginalLicensor => ctx.lang.pick("原许可机关", "the original licensing body"),
    }
}

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let Some(decision) = case.decision() else {
            return;
        };
        let place = decision
            .penalties
            .at()
            .cloned()
            .unwrap_or_else(|| decision.at.clone());
        if imposed_kinds(case).contains(&PenaltyKind::Detention) {
            out.push(&INFO, ctx, case, place.clone(), "detention", crate::msg!(ctx, "给予行政拘留：限制人身自由的行政处罚只能由公安机关决定（《行政处罚法》第十八条第三款）", "detention imposed: only public security may restrict personal liberty (Administrative Penalty Law art. 18 ¶3)"));
        }
        let Some((_, cited)) = read_judged(case, ctx, &INFO, out) else {
            return;
        };
        let Some(decided) = decision.date.value().copied() else {
            if cited.iter().any(|c| !c.penalties(ctx).is_empty()) {
                out.not_checkable(&INFO, "决定日期");
            }
            return;
        };
        let st = &ctx.kb.statutes;
        let pk = party_kind(case);
        for c in &cited {
            let Some(p) = c.provision else { continue };
            if p.kind != crate::law::statutes::ProvisionKind::Penalty {
                continue;
            }
            // Competence as it stood on the decision date.
            let (version, q) = st
                .version_on(&c.law, decided)
                .and_then(|v| st.by_key(&c.law, &v.id, &p.key).map(|q| (v.id.clone(), q)))
                .unwrap_or((c.version.id.clone(), p));
            let ls = limbs(q, pk);
            if ls.is_empty()
                || ls
                    .iter()
                    .any(|l| l.authority.contains(&Authority::FireAgency))
            {
                continue;
            }
            let mut bodies: Vec<&str> = ls
                .iter()
                .flat_map(|l| l.authority.iter().map(|a| body(*a, ctx)))
                .collect();
            bodies.dedup();
            let mark = crate::plain::certainty(ls[0].authority_mark.as_str(), ctx.lang);
            out.push(&INFO, ctx, case, c.at.clone(), "authority", crate::msg!(ctx, "{} 的处罚由{}决定（{}），不属于消防救援机构职权（决定日期 {}）", "penalties under {} are for {} ({}), not the fire rescue agency (decided on {})", provision_label(ctx, q, &version), bodies.join("、"), mark, decided));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartyKind;
    use crate::rules::testutil::*;

    fn c(act: &str, decided: &str, basis: &str, penalties: &[(&str, Option<i64>)]) -> Case {
        CaseBuilder::general("X")
            .party(Some(PartyKind::Unit))
            .violation(act, None, None)
            .decision("decision", decided, penalties)
            .basis(basis)
            .build()
    }

    #[test]
    fn competence_table() {
        let fine = [("stop_construction", None), ("fine", Some(30000))];
        let p581 = "《中华人民共和国消防法》第五十八条第一款第一项";
        expect_table(
            &CHECK,
            vec![
                (
                    "58¶1(一) in 2022",
                    c("2022-03-07", "2022-03-22", p581, &fine),
                    1,
                    0,
                ),
                (
                    "58¶1(一) in 2018",
                    c("2018-03-07", "2018-03-22", p581, &fine),
                    0,
                    0,
                ),
                // Act before, decision after the hand-over: competence follows the decision.
                (
                    "58¶1(一) act 2019-03, decided 2019-06",
                    c("2019-03-07", "2019-06-01", p581, &fine),
                    1,
                    0,
                ),
                (
                    "58¶1(四) public venue",
                    c(
                        "2022-03-07",
                        "2022-03-22",
                        "《中华人民共和国消防法》第五十八条第一款第四项",
                        &[("suspend_business", None), ("fine", Some(30000))],
                    ),
                    0,
                    0,
                ),
                (
                    "59(二) in 2022",
                    c(
                        "2022-03-07",
                        "2022-03-22",
                        "《中华人民共和国消防法》第五十九条第二项",
                        &[("fine", Some(30000))],
                    ),
                    1,
                    0,
                ),
                (
                    "58¶3 filing in 2022",
                    c(
                        "2022-03-07",
                        "2022-03-22",
                        "《中华人民共和国消防法》第五十八条第三款",
                        &[("fine", Some(3000))],
                    ),
                    1,
                    0,
                ),
                (
                    "62(三) false alarm",
                    c(
                        "2022-03-07",
                        "2022-03-22",
                        "《中华人民共和国消防法》第六十二条第三项",
                        &[("fine", Some(300))],
                    ),
                    1,
                    0,
                ),
                (
                    "65¶1 products",
                    c(
                        "2022-03-07",
                        "2022-03-22",
                        "《中华人民共和国消防法》第六十五条第一款",
                        &[("fine", Some(3000))],
                    ),
                    1,
                    0,
                ),
                (
                    "60¶1(三)",
                    c(
                        "2022-03-07",
                        "2022-03-22",
                        "《中华人民共和国消防法》第六十条第一款第三项",
                        &[("fine", Some(10000))],
                    ),
                    0,
                    0,
                ),
                (
                    "detention under 63(二)",
                    c(
                        "2022-03-07",
                        "2022-03-22",
                        "《中华人民共和国消防法》第六十三条第二项",
                        &[("detention", None)],
                    ),
                    1,
                    0,
                ),
                (
                    "63(二) fine",
                    c(
                        "2022-03-07",
                        "2022-03-22",
                        "《中华人民共和国消防法》第六十三条第二项",
                        &[("fine", Some(300))],
                    ),
                    0,
                    0,
                ),
            ],
        );
        let e = run(&CHECK, &c("2022-03-07", "2022-03-22", p581, &fine));
        assert_eq!(messages(&e), vec!["《消防法》(2021) 第五十八条第一款第一项 的处罚由住房和城乡建设主管部门决定（据法律条文推定），不属于消防救援机构职权（决定日期 2022-03-22）"]);
    }
}
