//! S003 outside-competence: the penalty lies outside the deciding agency's competence.
//!
//! Who decided is read from the agency's name: only a 县级以上公安机关 (a 公安局 / 公安分局) may
//! detain (治安管理处罚法 91; 公安机关办理行政案件程序规定 art. 173; 消防法 2008 70¶1); a name with
//! 消防 is a fire agency even when it also holds 公安 (公安消防支队), and a 派出所 or another 公安
//! department is not a 县级以上公安机关. An unknown agency leaves 拘留 not checkable.
//!
//! The other penalties are judged for a fire agency (or an export that does not name one) on
//! the provision the decision meant: its citation read in the numbering of the version it cites
//! (a stated version, else the one in force on the decision date), never renumbered into another
//! version — a 2018 act cited as 58¶1(四) of 2019 is the 公众聚集场所 item, a fire agency's; the
//! numbering error is L007's. Competence follows the decision date (it moved on 2019-04-23):
//! 58¶1(一)–(三), 58¶3 (2019: ¶2), 59 → 住房和城乡建设主管部门; 62 → 公安机关; 65¶1 → 市场监督管理.

use super::basis::{decision_date_in, imposed_kinds, limbs, party_kind, place_label, read_judged};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::statutes::{Authority, PenaltyKind};
use crate::model::{Case, Field};

pub static INFO: Info = Info {
    code: "S003",
    name: "outside-competence",
    severity: Severity::Error,
    category: Category::Subject,
    title: Tr { zh: "超越职权", en: "Outside the agency's competence" },
    basis: Tr {
        zh: "《行政处罚法》第十八条第三款；《消防法》第七十条第一款；《治安管理处罚法》第九十一条；《公安机关办理行政案件程序规定》第一百七十三条",
        en: "Administrative Penalty Law art. 18 ¶3; Fire Law art. 70 ¶1; Public Security Penalty Law art. 91; Public Security Case Procedure Rules art. 173",
    },
    what: Tr {
        zh: "处罚不属于作出决定的机关的职权：行政拘留只能由县级以上公安机关（公安局、公安分局）决定，消防救援机构（名称含“消防”的，即使含“公安”，如公安消防支队）、派出所或公安机关其他业务部门决定拘留的，属超越职权；决定机关不明的不作判断。消防救援机构依据 2019 年 4 月 23 日以后的《消防法》第五十八条第一款第一至三项、第五十八条第三款（2019 年文本为第二款）、第五十九条（住房和城乡建设主管部门）、第六十二条（公安机关依治安管理处罚法）、第六十五条第一款（市场监督管理部门）处罚的，也属超越职权。按决定日期施行的法律、按决定书所引版本的条款编号判断（编号错误另由 L007 报告）。",
        en: "The penalty is outside the deciding agency's competence: only a public security organ at county level or above (公安局, 公安分局) may detain; a fire agency (a name with 消防 is one even when it also holds 公安, e.g. 公安消防支队), a police station (派出所) or another public security department may not; an unknown agency is not judged. A fire agency penalising under Fire Law art. 58 ¶1 (1)–(3), 58 ¶3 (¶2 in the 2019 text) or 59 on or after 2019-04-23 (housing departments), art. 62 (public security) or art. 65 ¶1 (market regulator) is outside its competence too. Judged by the law on the decision date, on the provision as numbered in the version the decision cites (numbering errors are L007's).",
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
        super::basis::every_version(case, ctx, &INFO, out, |out| {
            self.check_dated(case, ctx, out)
        });
    }
}

/// Who decided, as far as the name tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Agency {
    /// A fire agency: 消防救援支队/大队/站, 公安消防支队/大队, 公安机关消防机构.
    Fire,
    /// A 公安局 or 公安分局: 县级以上公安机关.
    CountyPolice,
    /// A 派出所 or another 公安 department (治安大队, 交警支队…): not a 县级以上公安机关.
    OtherPolice,
    /// 住房和城乡建设, 市场监督管理 or any other named body.
    Other,
}

/// Reads the deciding agency from its name.
pub(crate) fn agency_of(name: &str) -> Agency {
    let n = crate::text::compact(name);
    if n.contains("消防") {
        return Agency::Fire;
    }
    if n.contains("公安") {
        if n.contains("派出所") {
            return Agency::OtherPolice;
        }
        // 某县公安局, 某市公安局某某分局, 某某公安分局.
        if n.ends_with("公安局") || n.ends_with("分局") {
            return Agency::CountyPolice;
        }
        return Agency::OtherPolice;
    }
    Agency::Other
}

impl Rule {
    fn check_dated(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let Some(decision) = case.decision() else {
            return;
        };
        let agency = match &case.agency {
            Field::Value { value, .. } if !value.trim().is_empty() => Some(agency_of(value)),
            _ => None,
        };
        let place = decision
            .penalties
            .at()
            .cloned()
            .unwrap_or_else(|| decision.at.clone());
        if imposed_kinds(case).contains(&PenaltyKind::Detention) {
            match agency {
                None => out.not_checkable(&INFO, "执法主体"),
                Some(Agency::CountyPolice) => {}
                Some(a) => {
                    let who = match a {
                        Agency::Fire => ctx.lang.pick("消防救援机构", "a fire agency"),
                        Agency::OtherPolice => ctx.lang.pick(
                            "派出所或公安机关的业务部门",
                            "a police station or a public security department",
                        ),
                        _ => ctx
                            .lang
                            .pick("非公安机关", "a body other than public security"),
                    };
                    out.push(&INFO, ctx, case, place.clone(), "detention", crate::msg!(ctx, "由{}决定行政拘留：拘留只能由县级以上公安机关决定（《行政处罚法》第十八条第三款，《治安管理处罚法》第九十一条）", "detention decided by {}: only a public security organ at county level or above may detain (Administrative Penalty Law art. 18 ¶3, Public Security Penalty Law art. 91)", who));
                }
            }
        }
        // A 公安 body's other penalties: a fine or warning the provision gives the fire agency
        // alone (消防法 2008 70¶1: 由公安机关消防机构决定; a 派出所 fining under 64(二) acts
        // without competence, (2016)辽1324行初6号).
        if matches!(agency, Some(Agency::CountyPolice | Agency::OtherPolice)) {
            return self.police_non_detention(case, ctx, out);
        }
        // The provisions' bodies are judged for a fire agency's decision (or an export that
        // does not name the agency: the files this tool reads are fire agencies').
        if !matches!(agency, None | Some(Agency::Fire)) {
            return;
        }
        let Some((_, cited)) = read_judged(case, ctx, &INFO, out) else {
            return;
        };
        let Some(decided) = decision_date_in(decision, ctx) else {
            if cited.iter().any(|c| !c.penalties(ctx).is_empty()) {
                out.not_checkable(&INFO, "决定日期");
            }
            return;
        };
        let st = &ctx.kb.statutes;
        let pk = party_kind(case);
        for c in &cited {
            // The numbering the decision uses: the version it states, else the one in force
            // when it was decided.
            let numbering = c
                .cite
                .version
                .and_then(|d| st.version_stated(&c.law, d, super::basis::amended(ctx, &c.law)))
                .or_else(|| st.version_on(&c.law, decided));
            let Some(numbering) = numbering else { continue };
            let Some(p) = st.provision(
                &c.law,
                &numbering.id,
                c.cite.article,
                c.cite.paragraph,
                c.cite.item,
            ) else {
                continue;
            };
            if p.kind != crate::law::statutes::ProvisionKind::Penalty {
                continue;
            }
            // Competence as it stood on the decision date, for the provision meant.
            let (version, q) = st
                .version_on(&c.law, decided)
                .and_then(|v| st.by_key(&c.law, &v.id, &p.key).map(|q| (v.id.clone(), q)))
                .unwrap_or((numbering.id.clone(), p));
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
            let label = place_label(ctx, &c.law, &version, q.article, q.paragraph, q.item);
            out.push(
                &INFO,
                ctx,
                case,
                c.at.clone(),
                "authority",
                crate::msg!(
                    ctx,
                    "{} 的处罚由{}决定，不属于消防救援机构职权（决定日期 {}）",
                    "penalties under {} are for {}, not the fire rescue agency (decided on {})",
                    label,
                    bodies.join("、"),
                    decided
                ),
            );
        }
    }

    /// A penalty other than 拘留 decided by a 公安 body under a provision whose limbs give that
    /// kind to the fire agency only.
    fn police_non_detention(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let detained = imposed_kinds(case).contains(&PenaltyKind::Detention);
        let kinds: Vec<PenaltyKind> = imposed_kinds(case)
            .into_iter()
            .filter(|k| k.is_penalty() && *k != PenaltyKind::Detention)
            .collect();
        if kinds.is_empty() {
            return;
        }
        let Some((_, cited)) = read_judged(case, ctx, &INFO, out) else {
            return;
        };
        let pk = party_kind(case);
        for c in cited.iter() {
            for p in c.penalties(ctx) {
                let ls = limbs(p, pk);
                for k in &kinds {
                    // A fine beside 拘留 (64: 拘留，可以并处罚款) is public security's only
                    // with the 拘留; a fine alone is the fire agency's 情节较轻 limb.
                    let giving: Vec<_> = ls
                        .iter()
                        .filter(|l| {
                            l.allows(*k)
                                && (detained || !l.required.contains(&PenaltyKind::Detention))
                        })
                        .collect();
                    if giving.is_empty()
                        || giving
                            .iter()
                            .any(|l| l.authority.contains(&Authority::PublicSecurity))
                    {
                        continue;
                    }
                    let label =
                        place_label(ctx, &c.law, &c.version.id, p.article, p.paragraph, p.item);
                    let kind = super::basis::kind_label(*k, ctx.lang);
                    out.push(&INFO, ctx, case, c.at.clone(), "authority", crate::msg!(ctx, "公安机关作出的{}：{} 的{}由消防救援机构（2019 年以前为公安机关消防机构）决定，公安机关只决定拘留（《消防法》第七十条第一款）", "{} decided by public security: under {} the {} is for the fire agency (before 2019 the 公安机关消防机构); public security decides detention only (Fire Law art. 70 ¶1)", kind, label, kind));
                    return;
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
                    // No agency named: who decided is unknown (not checkable).
                    0,
                    1,
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
        assert_eq!(messages(&e), vec!["《消防法》(2021) 第五十八条第一款第一项 的处罚由住房和城乡建设主管部门决定，不属于消防救援机构职权（决定日期 2022-03-22）"]);
    }

    #[test]
    fn detention_by_who_decided() {
        let det = [("detention", None)];
        let p = "《中华人民共和国消防法》第六十四条第二项";
        let with = |agency: &str| {
            CaseBuilder::general("X")
                .party(Some(PartyKind::Individual))
                .agency(agency)
                .violation("2022-03-07", None, None)
                .decision("decision", "2022-03-22", &det)
                .basis(p)
                .build()
        };
        // A 派出所 fining under 64(二) (the fine is the fire agency's): (2016)辽1324行初6号.
        let fine = CaseBuilder::general("X")
            .party(Some(PartyKind::Individual))
            .agency("喀左县公安局官大海派出所")
            .violation("2016-03-31", None, None)
            .decision("decision", "2016-05-24", &[("fine", Some(500))])
            .basis("根据《中华人民共和国消防法》第六十四条二项之规定")
            .build();
        assert_eq!(
            run(&CHECK, &fine).findings.len(),
            1,
            "{:?}",
            messages(&run(&CHECK, &fine))
        );
        for (agency, n) in [
            ("郑州市公安局金水分局", 0),
            ("开封市公安局", 0),
            ("某县公安局", 0),
            ("郑州市金水区消防救援大队", 1),
            ("开封市公安消防支队", 1),
            ("某县公安局城关派出所", 1),
            ("某市公安局治安管理支队", 1),
        ] {
            let e = run(&CHECK, &with(agency));
            assert_eq!(e.findings.len(), n, "{agency}: {:?}", messages(&e));
        }
        // No agency named: not checkable, no finding.
        let e = run(&CHECK, &c("2022-03-07", "2022-03-22", p, &det));
        assert!(e.findings.is_empty());
        assert!(e.not_checkable.iter().any(|(c, _)| *c == "S003"));
    }

    /// A 2018 act cited in the 2019 numbering (58¶1(四), the 公众聚集场所 item a fire agency
    /// decides) is judged as cited, not renumbered into the 2008 (四) (抽查不合格, 住建's).
    #[test]
    fn provision_as_cited_not_renumbered() {
        let case = c(
            "2018-11-07",
            "2019-06-03",
            "《中华人民共和国消防法》第五十八条第一款第四项",
            &[("suspend_business", None), ("fine", Some(30000))],
        );
        let e = run(&CHECK, &case);
        assert!(e.findings.is_empty(), "{:?}", messages(&e));
    }
}
