//! P009 collective-discussion-missing: a major decision (settings `major.*`) without a 集体讨论 /
//! 集体议案 record before it.

use super::p008_legal_review_missing::{basis_for, require_before, required_because};
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
        zh: "对情节复杂或者重大违法行为给予处罚，决定之前（最迟决定当日）没有负责人集体讨论（集体议案）记录。按配置的重大执法决定目录或案卷记载的事实（情节复杂、重大违法行为）判断为重大的，为错误；仅凭本工具默认标准（责令停产停业、停止使用、罚款达到听证标准；本工具默认值，未经核实，可在配置中按本机关公布的目录修改）判断的，为警告。没有决定日期的不予判断。",
        en: "A penalty for a complex case or a serious violation has no collective discussion record dated on or before the decision. Major by a configured list or by the case's facts (complex circumstances, a serious violation): an error; only by the tool's default test (suspension, stop of use, a fine at the hearing threshold; the tool's default, not verified; set your agency's list in the configuration): a warning. Without a decision date, not checkable.",
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
    settings: &["major.penalty_kinds", "major.fine_at_hearing_threshold", "hearing.fire_era_from", "hearing.fine_threshold.individual.police_era", "hearing.fine_threshold.unit.police_era", "hearing.fine_threshold.individual", "hearing.fine_threshold.unit", "hearing.fine_threshold.unit.alternative", "major.facts_words", "jurisdiction.province"],
    source: "built-in",
};

/// The basis without the Henan regulation (agencies outside Henan or of unknown province).
const NATIONAL: Tr = Tr {
    zh: "《行政处罚法》第五十七条第二款（旧法第三十八条第二款）",
    en: "Administrative Penalty Law art. 57 ¶2 (old art. 38 ¶2)",
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
            Ok(Some(why)) => {
                let basis = basis_for(case, ctx, NATIONAL, INFO.basis);
                require_before(&INFO, "collective_discussion", why, case, ctx, out, basis)
            }
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
        assert!(
            e.findings[0].message.starts_with("按本工具默认标准"),
            "{}",
            e.findings[0].message
        );
        assert_eq!(e.findings[0].severity, Severity::Warning);
        // Facts that say so make it an error.
        let mut case = c(&[("fine", Some(2000))], None);
        case.violation.facts = crate::model::Field::Value {
            value: "情节复杂".into(),
            at: crate::finding::Place::File,
        };
        let e = run(&CHECK, &case);
        assert_eq!(
            e.findings[0].message,
            "属重大决定，决定前应有集体讨论记录，案卷没有"
        );
        assert_eq!(e.findings[0].severity, Severity::Error);
        assert!(
            !e.findings[0].basis.contains("河南"),
            "{}",
            e.findings[0].basis
        );
    }
}
