//! P009 collective-discussion-missing: a major decision (settings `major.*`) without a 集体讨论 /
//! 集体议案 record before it.

use super::p008_legal_review_missing::{require_before, required_because};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::Case;

pub static INFO: Info = Info {
    code: "P009",
    name: "collective-discussion-missing",
    severity: Severity::Warning,
    category: Category::Procedure,
    title: Tr { zh: "重大决定未经集体讨论", en: "Major decision without collective discussion" },
    basis: Tr {
        zh: "《行政处罚法》第五十七条第二款（旧法第三十八条第二款）；《河南省行政执法条例》第二十八条第二款",
        en: "Administrative Penalty Law art. 57 ¶2 (old art. 38 ¶2); Henan Administrative Enforcement Regulation art. 28 ¶2",
    },
    what: Tr {
        zh: "重大决定（设置项：责令停产停业、停止使用，或罚款达到听证标准，UNVERIFIED）在决定前没有集体讨论（集体议案）记录。",
        en: "A major decision (setting: suspension of business, stop of use, or a fine at the hearing threshold; UNVERIFIED) has no collective discussion record before it.",
    },
    why: Tr {
        zh: "对情节复杂或者重大违法行为给予处罚，负责人应当集体讨论决定；缺少集体讨论，决定程序不合法。",
        en: "Complex or serious cases must be decided by the agency heads collectively; without it the decision's procedure is unlawful.",
    },
    example: Tr { zh: "对单位罚款 50,000 元，案卷无集体议案记录。", en: "A unit fined 50,000 yuan; no collective discussion on file." },
    fix: Tr {
        zh: "重大决定前由负责人集体讨论并形成记录入卷。",
        en: "Hold and record the heads' collective discussion before a major decision.",
    },
    settings: &["major.penalty_kinds", "major.fine_at_hearing_threshold", "hearing.fire_era_from", "hearing.fine_threshold.individual.police_era", "hearing.fine_threshold.unit.police_era", "hearing.fine_threshold.individual", "hearing.fine_threshold.unit", "hearing.fine_threshold.unit.alternative"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        if case.docs("decision").next().is_none() {
            return;
        }
        match required_because(case, ctx, false) {
            Ok(Some(why)) => require_before(&INFO, "collective_discussion", why, case, ctx, out),
            Ok(None) => {}
            Err(input) => out.not_checkable(&INFO, input),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartyKind;
    use crate::rules::testutil::*;

    #[test]
    fn discussion_table() {
        let c = |pens: &[(&str, Option<i64>)], disc: Option<&str>| {
            let b = CaseBuilder::general("X").party(Some(PartyKind::Individual));
            let b = match disc {
                Some(dt) => b.doc("collective_discussion", dt),
                None => b,
            };
            b.decision("decision", "2022-03-15", pens).build()
        };
        expect_table(
            &CHECK,
            vec![
                (
                    "individual 2,000: major, none",
                    c(&[("fine", Some(2000))], None),
                    1,
                    0,
                ),
                (
                    "individual 1,999: not major",
                    c(&[("fine", Some(1999))], None),
                    0,
                    0,
                ),
                (
                    "stop use, discussed before",
                    c(&[("stop_use", None)], Some("2022-03-14")),
                    0,
                    0,
                ),
                (
                    "stop use, discussed same day",
                    c(&[("stop_use", None)], Some("2022-03-15")),
                    0,
                    0,
                ),
                (
                    "stop use, discussed after",
                    c(&[("stop_use", None)], Some("2022-03-16")),
                    1,
                    0,
                ),
                (
                    "old law small fine: not major",
                    CaseBuilder::general("X")
                        .party(Some(PartyKind::Unit))
                        .decision("decision", "2021-03-15", &[("fine", Some(500))])
                        .build(),
                    0,
                    0,
                ),
            ],
        );
        let e = run(&CHECK, &c(&[("fine", Some(2000))], None));
        assert_eq!(
            e.findings[0].message,
            "属重大决定，决定前应有集体讨论记录，案卷没有"
        );
    }
}
