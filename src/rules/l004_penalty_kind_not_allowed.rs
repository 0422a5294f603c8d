//! L004 penalty-kind-not-allowed: a penalty kind the decision imposes is not one the cited
//! provision allows the party (a fine under 消防法 67, which gives only 警告; 拘留 under 60; a
//! 警告 for a unit under 60¶1, which gives only a fine).

use super::basis::{kind_label, limbs, party_kind, party_label, provision_label, read_judged};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::statutes::PenaltyKind;
use crate::model::{Case, Field};

pub static INFO: Info = Info {
    code: "L004",
    name: "penalty-kind-not-allowed",
    severity: Severity::Error,
    category: Category::Law,
    title: Tr { zh: "处罚种类不在所引条款之内", en: "Penalty kind not allowed by the provision" },
    basis: Tr {
        zh: "《行政处罚法》第四条、第三十八条第一款；所引条款",
        en: "Administrative Penalty Law arts 4, 38 ¶1; the cited provision",
    },
    what: Tr {
        zh: "决定书给予的处罚种类不是所引条款对该类当事人规定的种类，例如依据《消防法》第六十七条罚款（该条只规定警告或处分），依据第六十条第一款对单位给予警告（该款只规定罚款），依据第六十条给予拘留。条款内容见本工具法条数据（checks/statutes，可用 caselint checks export 导出查看）。",
        en: "The decision imposes a kind of penalty the cited provision does not give for this party: a fine under Fire Law art. 67 (which gives only a warning or discipline), a warning to a unit under art. 60 ¶1 (a fine only), detention under art. 60. The provisions are in the tool's statute data (checks/statutes; `caselint checks export` writes it out).",
    },
    why: Tr {
        zh: "处罚种类超出法定种类，属“超出法定种类或幅度”，决定违法。",
        en: "A penalty outside the kinds the law gives is unlawful (outside the statutory kind or range).",
    },
    example: Tr { zh: "依据《消防法》第六十条第一款第三项对单位给予警告。", en: "A unit given a warning under Fire Law art. 60 ¶1 (3)." },
    fix: Tr {
        zh: "按所引条款规定的种类处罚，或改引与处罚种类相符的条款。",
        en: "Impose a kind the cited provision gives, or cite the provision that gives the kind imposed.",
    },
    settings: &["law.xzcf_2021_from"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

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
            .flat_map(|c| c.penalties(ctx).into_iter().map(move |p| (c, p)))
            .collect();
        if provisions.is_empty() {
            return;
        }
        if !matches!(r.decision.penalties, Field::Value { .. }) {
            return out.not_checkable(&INFO, "处罚种类");
        }
        let pk = party_kind(case);
        let mut allowed: Vec<PenaltyKind> = Vec::new();
        for (_, p) in &provisions {
            for l in limbs(p, pk) {
                allowed.extend(l.allowed().filter(|k| k.is_penalty()));
            }
        }
        allowed.sort();
        allowed.dedup();
        // 依照《治安管理处罚法》/《产品质量法》处罚: the kinds are another law's (and S003's).
        if allowed.contains(&PenaltyKind::SanctionPerOtherLaw) {
            return;
        }
        // No limb for this party at all is a party-kind mismatch (L006), not a kind problem.
        if provisions.iter().all(|(_, p)| limbs(p, pk).is_empty()) {
            return;
        }
        let place = r
            .decision
            .penalties
            .at()
            .cloned()
            .unwrap_or_else(|| r.decision.at.clone());
        // The labels are written only for a finding (most cases have none).
        let mut texts: Option<(Vec<String>, Vec<String>)> = None;
        for k in super::basis::imposed_kinds(case) {
            if !k.is_penalty() || allowed.contains(&k) {
                continue;
            }
            let (names, allowed_text) = texts.get_or_insert_with(|| {
                (
                    provisions
                        .iter()
                        .map(|(c, p)| provision_label(ctx, p, &c.version.id))
                        .collect(),
                    allowed.iter().map(|k| kind_label(*k, ctx.lang)).collect(),
                )
            });
            out.push(
                &INFO,
                ctx,
                case,
                place.clone(),
                k.as_str(),
                crate::msg!(
                    ctx,
                    "{} 对{}规定的处罚种类为{}，本案给予{}",
                    "{} allows for a(n) {}: {}; the decision imposes {}",
                    names.join("、"),
                    party_label(pk, ctx.lang),
                    allowed_text.join(ctx.lang.pick("、", ", ")),
                    kind_label(k, ctx.lang)
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
    fn kinds_table() {
        use PartyKind::*;
        let p60 = "《中华人民共和国消防法》第六十条第一款第三项";
        expect_table(
            &CHECK,
            vec![
                (
                    "unit warned under 60¶1",
                    c(Unit, p60, &[("warning", None)]),
                    1,
                    0,
                ),
                (
                    "unit fined under 60¶1",
                    c(Unit, p60, &[("fine", Some(10000))]),
                    0,
                    0,
                ),
                (
                    "individual warned under 60¶2",
                    c(
                        Individual,
                        "《中华人民共和国消防法》第六十条第二款",
                        &[("warning", None)],
                    ),
                    0,
                    0,
                ),
                (
                    "fine under 67",
                    c(
                        Individual,
                        "《中华人民共和国消防法》第六十七条",
                        &[("fine", Some(500))],
                    ),
                    1,
                    0,
                ),
                (
                    "warning under 67",
                    c(
                        Individual,
                        "《中华人民共和国消防法》第六十七条",
                        &[("warning", None)],
                    ),
                    0,
                    0,
                ),
                (
                    "detention under 60¶1",
                    c(Unit, p60, &[("detention", None), ("fine", Some(5000))]),
                    1,
                    0,
                ),
                (
                    "detention under 63(二) is allowed (S003's)",
                    c(
                        Individual,
                        "《中华人民共和国消防法》第六十三条第二项",
                        &[("detention", None)],
                    ),
                    0,
                    0,
                ),
                (
                    "61¶1 both kinds",
                    c(
                        Unit,
                        "《中华人民共和国消防法》第六十一条第一款",
                        &[("suspend_business", None), ("fine", Some(10000))],
                    ),
                    0,
                    0,
                ),
                (
                    "unit under 60¶2 is L006's",
                    c(
                        Unit,
                        "《中华人民共和国消防法》第六十条第二款",
                        &[("fine", Some(500))],
                    ),
                    0,
                    0,
                ),
                (
                    "62 sanctions per another law: not judged",
                    c(
                        Individual,
                        "《中华人民共和国消防法》第六十二条第三项",
                        &[("fine", Some(500))],
                    ),
                    0,
                    0,
                ),
                (
                    "unknown raw kind ignored",
                    c(Unit, p60, &[("没收车辆", None), ("fine", Some(10000))]),
                    0,
                    0,
                ),
            ],
        );
    }

    #[test]
    fn message_says_what_the_table_allows() {
        let e = run(
            &CHECK,
            &c(
                PartyKind::Unit,
                "《中华人民共和国消防法》第六十条第一款第三项",
                &[("warning", None)],
            ),
        );
        assert_eq!(
            messages(&e),
            vec!["《消防法》(2021) 第六十条第一款第三项 对单位规定的处罚种类为罚款，本案给予警告"]
        );
    }
}
