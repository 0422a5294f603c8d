//! L008 mandatory-penalty-missing: a "并处" provision's mandatory part is missing — 消防法 61
//! needs 责令停产停业 and a fine, 58 a 责令停止施工/停止使用/停产停业 and a fine. A provision
//! with one mandatory part only (60¶1: a fine; 66: 责令停止使用, 可以并处罚款) is not a 并处
//! provision; a wrong kind under it is L004's. An accessory fine (可以并处) imposed without its
//! principal measure is reported too (66: 责令停止使用，可以并处罚款, a fine alone); not where a
//! limb lets the fine stand alone (64 情节较轻的，处警告或者五百元以下罚款) or where 责令改正 stands
//! in for the measure (59: 责令改正或者停止施工，并处罚款).

use super::basis::{kind_label, limbs, party_kind, provision_label, read_judged};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::statutes::{Limb, PenaltyKind, When};
use crate::model::{Case, Field};

pub static INFO: Info = Info {
    code: "L008",
    name: "mandatory-penalty-missing",
    severity: Severity::Warning,
    category: Category::Law,
    title: Tr { zh: "并处的处罚缺失", en: "Mandatory combined penalty missing" },
    basis: Tr {
        zh: "所引条款（“并处”“可以并处”）：《消防法》第五十八条、第五十九条、第六十一条、第六十六条",
        en: "The cited provision (\"并处\", \"可以并处\"): Fire Law arts 58, 59, 61, 66",
    },
    what: Tr {
        zh: "所引条款规定必须并处的处罚没有全部给予：第六十一条应当责令停产停业并处罚款；第五十八条应当责令停止施工、停止使用或者停产停业并处罚款。“可以并处”的部分（如第六十六条的罚款）不是必处内容，但只能与主处罚一并给予：依据第六十六条单处罚款、未责令停止使用的，也报告；第五十九条（责令改正或者停止施工，并处罚款）中责令改正可替代停止施工，第六十四条情节较轻的可以单处警告或者罚款，不报告。条款有多个情形的（如第六十四条情节较轻的警告或罚款），满足其中一个即可。",
        en: "Not every penalty the cited provision makes mandatory was imposed: art. 61 requires suspension of business and a fine; art. 58 a stop of construction, use or business and a fine. An optional part (art. 66's fine, 可以并处) is not mandatory, but it may only accompany the principal measure: a fine alone under art. 66, without 责令停止使用, is reported; not under art. 59 (责令改正 stands in for 停止施工) or art. 64's lighter limb (a fine alone is allowed). Where a provision has several limbs (art. 64's lighter limb: warning or fine), meeting one suffices.",
    },
    why: Tr {
        zh: "“并处”是法定的必处内容，漏处属适用法律不当，评查中扣分。",
        en: "A combined penalty is mandatory; leaving part of it out misapplies the law and costs points in reviews.",
    },
    example: Tr { zh: "依据《消防法》第六十一条第一款只罚款 10,000 元，未责令停产停业。", en: "Only a 10,000 yuan fine under Fire Law art. 61 ¶1, no suspension of business." },
    fix: Tr {
        zh: "按条款规定同时给予必须并处的处罚，或改引与所作处罚相符的条款。",
        en: "Impose every mandatory part, or cite the provision the penalties imposed actually match.",
    },
    settings: &["law.xzcf_2021_from"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

/// [`missing`] as the message names it: each set of alternatives joined by 或, in the run's
/// language.
fn lacking(l: &Limb, imposed: &[PenaltyKind], ctx: &Ctx) -> Vec<String> {
    missing(l, imposed)
        .iter()
        .map(|set| {
            set.iter()
                .map(|k| kind_label(*k, ctx.lang))
                .collect::<Vec<_>>()
                .join(ctx.lang.pick("或", " or "))
        })
        .collect()
}

/// What of a limb the decision lacks: missing required kinds, and the one-of set if none of it
/// was imposed. 责令改正 is a measure exports seldom list as a penalty, and a sanction under
/// another law cannot be seen here, so neither is ever counted missing.
fn missing(l: &Limb, imposed: &[PenaltyKind]) -> Vec<Vec<PenaltyKind>> {
    let unseen = |k: &PenaltyKind| {
        matches!(
            k,
            PenaltyKind::OrderCorrection | PenaltyKind::SanctionPerOtherLaw
        )
    };
    let mut out: Vec<Vec<PenaltyKind>> = l
        .required
        .iter()
        .filter(|k| !unseen(k) && !imposed.contains(k))
        .map(|k| vec![*k])
        .collect();
    if !l.one_of.is_empty() && !l.one_of.iter().any(|k| unseen(k) || imposed.contains(k)) {
        out.push(l.one_of.clone());
    }
    out
}

/// Whether a limb combines two or more mandatory parts (并处).
fn combined(l: &Limb) -> bool {
    l.required.len() + usize::from(!l.one_of.is_empty()) >= 2
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
        let Some((r, cited)) = read_judged(case, ctx, &INFO, out) else {
            return;
        };
        let provisions: Vec<_> = cited
            .iter()
            .filter(|c| c.provision.is_some())
            .flat_map(|c| c.penalties(ctx).into_iter().map(move |p| (c, p)))
            .collect();
        if provisions.is_empty() {
            return;
        }
        let Field::Value { value: ps, at } = &r.decision.penalties else {
            return out.not_checkable(&INFO, "处罚种类");
        };
        if ps.is_empty() {
            return;
        }
        let imposed = super::basis::imposed_kinds(case);
        let pk = party_kind(case);
        for (c, p) in provisions {
            let ls = limbs(p, pk);
            // An accessory fine (可以并处) imposed without its principal measure: 66 allows a
            // fine only beside 责令停止使用. Lawful where some limb lets the fine stand alone
            // (64 情节较轻: 警告或者罚款) or 责令改正 stands in for the measure (59).
            if imposed.contains(&PenaltyKind::Fine) {
                let accessory: Vec<&&Limb> = ls
                    .iter()
                    .filter(|l| l.optional.contains(&PenaltyKind::Fine))
                    .collect();
                let fine_stands = ls.iter().any(|l| {
                    (l.required.contains(&PenaltyKind::Fine)
                        || l.one_of.contains(&PenaltyKind::Fine))
                        || (l.optional.contains(&PenaltyKind::Fine)
                            && missing(l, &imposed).is_empty())
                });
                if let (Some(l), false) = (accessory.first(), fine_stands) {
                    let lack = lacking(l, &imposed, ctx);
                    out.push(
                        &INFO,
                        ctx,
                        case,
                        at.clone(),
                        "penalty",
                        crate::msg!(
                            ctx,
                            "{} 规定“{}”，罚款只能与{}并处，本案单处罚款",
                            "{} says \"{}\"; the fine may only accompany {}, but it was imposed alone",
                            provision_label(ctx, p, &c.version.id),
                            l.as_written,
                            lack.join(ctx.lang.pick("、", ", "))
                        ),
                    );
                    continue;
                }
            }
            if !ls.iter().any(|l| combined(l)) || ls.iter().any(|l| missing(l, &imposed).is_empty())
            {
                continue;
            }
            // Report against the provision's basic limb.
            let Some(l) = ls
                .iter()
                .find(|l| l.when == When::Always && combined(l))
                .or(ls.iter().find(|l| combined(l)))
            else {
                continue;
            };
            let lack = lacking(l, &imposed, ctx);
            out.push(
                &INFO,
                ctx,
                case,
                at.clone(),
                "penalty",
                crate::msg!(
                    ctx,
                    "{} 规定“{}”，本案缺少{}",
                    "{} says \"{}\"; the decision lacks {}",
                    provision_label(ctx, p, &c.version.id),
                    l.as_written,
                    lack.join(ctx.lang.pick("、", ", "))
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartyKind;
    use crate::rules::testutil::*;

    fn c(party: PartyKind, basis: &str, penalties: &[(&str, Option<i64>)]) -> Case {
        CaseBuilder::general("X")
            .party(Some(party))
            .violation("2022-03-07", None, None)
            .decision("decision", "2022-03-22", penalties)
            .basis(basis)
            .build()
    }

    #[test]
    fn mandatory_table() {
        use PartyKind::*;
        let p61 = "《中华人民共和国消防法》第六十一条第一款";
        let p58 = "《中华人民共和国消防法》第五十八条第一款第四项";
        expect_table(
            &CHECK,
            vec![
                ("61 fine only", c(Unit, p61, &[("fine", Some(10000))]), 1, 0),
                (
                    "66 fine alone",
                    c(
                        Unit,
                        "《中华人民共和国消防法》第六十六条",
                        &[("fine", Some(2000))],
                    ),
                    1,
                    0,
                ),
                (
                    "66 stop use and fine",
                    c(
                        Unit,
                        "《中华人民共和国消防法》第六十六条",
                        &[("stop_use", None), ("fine", Some(2000))],
                    ),
                    0,
                    0,
                ),
                (
                    "59 fine alone (责令改正 stands in)",
                    c(
                        Unit,
                        "《中华人民共和国消防法》第五十九条第一项",
                        &[("fine", Some(20000))],
                    ),
                    0,
                    0,
                ),
                (
                    "64 lighter: fine alone",
                    c(
                        Individual,
                        "《中华人民共和国消防法》第六十四条第二项",
                        &[("fine", Some(300))],
                    ),
                    0,
                    0,
                ),
                (
                    "61 both",
                    c(
                        Unit,
                        p61,
                        &[("suspend_business", None), ("fine", Some(10000))],
                    ),
                    0,
                    0,
                ),
                ("58 fine only", c(Unit, p58, &[("fine", Some(30000))]), 1, 0),
                (
                    "58 stop use and fine",
                    c(Unit, p58, &[("stop_use", None), ("fine", Some(30000))]),
                    0,
                    0,
                ),
                (
                    "58 suspension only",
                    c(Unit, p58, &[("suspend_business", None)]),
                    1,
                    0,
                ),
                (
                    "60¶1 fine",
                    c(
                        Unit,
                        "《中华人民共和国消防法》第六十条第一款第三项",
                        &[("fine", Some(10000))],
                    ),
                    0,
                    0,
                ),
                (
                    "64 lighter limb: warning",
                    c(
                        Individual,
                        "《中华人民共和国消防法》第六十四条第二项",
                        &[("warning", None)],
                    ),
                    0,
                    0,
                ),
                (
                    "63 serious limb: detention",
                    c(
                        Individual,
                        "《中华人民共和国消防法》第六十三条第二项",
                        &[("detention", None)],
                    ),
                    0,
                    0,
                ),
                (
                    "66 stop use only (fine optional)",
                    c(
                        Unit,
                        "《中华人民共和国消防法》第六十六条",
                        &[("stop_use", None)],
                    ),
                    0,
                    0,
                ),
                (
                    "60¶1 warning: not 并处 (L004's)",
                    c(
                        Unit,
                        "《中华人民共和国消防法》第六十条第一款第三项",
                        &[("warning", None)],
                    ),
                    0,
                    0,
                ),
                (
                    "59 fine only (责令改正 unseen)",
                    c(
                        Unit,
                        "《中华人民共和国消防法》第五十九条第一项",
                        &[("fine", Some(20000))],
                    ),
                    0,
                    0,
                ),
            ],
        );
    }

    #[test]
    fn message() {
        let e = run(
            &CHECK,
            &c(
                PartyKind::Unit,
                "《中华人民共和国消防法》第六十一条第一款",
                &[("fine", Some(10000))],
            ),
        );
        let m = &messages(&e)[0];
        assert!(
            m.starts_with("《消防法》(2021) 第六十一条第一款 规定“"),
            "{m}"
        );
        assert!(m.ends_with("本案缺少责令停产停业"), "{m}");
    }
}
