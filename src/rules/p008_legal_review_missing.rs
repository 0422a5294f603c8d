//! P008 legal-review-missing: no 法制审核 before the decision where one is required — a hearing
//! was held, or the decision is major (settings `major.*`), or (before 2021-07-15) any
//! general-procedure decision (old art. 38 ¶3).

use super::procedure::{date_input, is_major, place_of, step_date, Need, StepDate};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::Case;

pub static INFO: Info = Info {
    code: "P008",
    name: "legal-review-missing",
    severity: Severity::Error,
    category: Category::Procedure,
    title: Tr { zh: "缺少法制审核", en: "Legal review missing" },
    basis: Tr {
        zh: "《行政处罚法》第五十八条（旧法第三十八条第三款）；《河南省行政执法条例》第二十八条",
        en: "Administrative Penalty Law art. 58 (old art. 38 ¶3); Henan Administrative Enforcement Regulation art. 28",
    },
    what: Tr {
        zh: "应当法制审核的决定，案卷没有在决定之前（最迟决定当日）的审核记录（审核意见书、法制员签署的审批表等均可）：2021年7月15日起，经过听证的或属重大决定的；2018年1月1日至2021年7月14日，一切一般程序决定（旧法第三十八条第三款）；河南省的执法机关自2016年6月1日起，重大决定（《河南省行政执法条例》第二十八条第二款）。仅凭本工具默认的重大标准（责令停产停业、停止使用、罚款达到听证标准）判断为重大的，为警告；按配置的重大执法决定目录或案卷记载的事实（情节复杂、重大违法行为）判断的，为错误。没有决定日期的不予判断。",
        en: "A decision that needed a legal review has no review record dated on or before it (an opinion or an approval form signed by the legal officer both count): from 2021-07-15, after a hearing or for a major decision; from 2018-01-01 to 2021-07-14, every general-procedure decision (old art. 38 ¶3); for Henan agencies from 2016-06-01, major decisions (Henan Administrative Enforcement Regulation art. 28 ¶2). Major only by the tool's default test (suspension, stop of use, a fine at the hearing threshold) gives a warning; by a configured list or the case's facts (complex circumstances, a serious violation), an error. Without a decision date, not checkable.",
    },
    why: Tr {
        zh: "未经法制审核或者审核未通过的，不得作出决定；缺少审核是评查中的否决项。",
        en: "Without a passed legal review no decision may be made; reviewers fail the file.",
    },
    example: Tr {
        zh: "听证后作出责令停产停业决定，案卷无法制审核意见书。",
        en: "A suspension of business decided after a hearing; no legal review on file.",
    },
    fix: Tr {
        zh: "由法制审核人员在决定前审核并出具意见；已作出的决定应评估是否撤销重作。",
        en: "Have the legal reviewers review before the decision; assess whether a decision already made must be remade.",
    },
    settings: &["major.penalty_kinds", "major.fine_at_hearing_threshold", "hearing.fire_era_from", "hearing.fine_threshold.individual.police_era", "hearing.fine_threshold.unit.police_era", "hearing.fine_threshold.individual", "hearing.fine_threshold.unit", "hearing.fine_threshold.unit.alternative", "major.facts_words", "law.xzcf_2021_from", "law.review_2018_from", "law.henan_enforcement_from", "jurisdiction.province"],
    source: "built-in",
};

/// The basis without the Henan regulation (agencies outside Henan or of unknown province).
const NATIONAL: Tr = Tr {
    zh: "《行政处罚法》第五十八条（旧法第三十八条第三款）",
    en: "Administrative Penalty Law art. 58 (old art. 38 ¶3)",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

/// Why a review (or collective discussion) was required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Why {
    /// Old art. 38 ¶3 (from 2018-01-01 to 2021-07-14): every general-procedure decision.
    OldLaw,
    /// A hearing was held (art. 58(二)).
    Hearing,
    /// Major by the configured list or by the case's own facts.
    Major,
    /// Major only on the tool's default proxy: a warning, not an error.
    MajorByProxy,
}

/// Whether the decision is major: `Some(certain)` where `certain` says a configured list or
/// the facts (情节复杂, 重大违法行为) make it so rather than the default proxy.
fn major(case: &Case, ctx: &Ctx) -> Result<Option<bool>, &'static str> {
    let s = &ctx.kb.settings;
    let by_facts = case.violation.facts.value().is_some_and(|f| {
        s.list("major.facts_words")
            .iter()
            .any(|w| f.contains(w.as_str()))
    });
    if by_facts {
        return Ok(Some(true));
    }
    match is_major(case, ctx) {
        Need::Yes => Ok(Some(
            s.configured("major.penalty_kinds") || s.configured("major.fine_at_hearing_threshold"),
        )),
        Need::No => Ok(None),
        Need::Unknown(input) => Err(input),
    }
}

/// Why a 法制审核 (`review`) or 集体讨论 was required on the decision's date, or `None`; `Err`
/// names a missing input. No decision date, no judgement.
pub(crate) fn required_because(
    case: &Case,
    ctx: &Ctx,
    review: bool,
) -> Result<Option<Why>, &'static str> {
    let s = &ctx.kb.settings;
    let Some(date) = case.docs("decision").find_map(|d| d.date.value().copied()) else {
        return Err("决定日期");
    };
    let (Some(new_law), Some(review_from), Some(henan_from)) = (
        s.date("law.xzcf_2021_from"),
        s.date("law.review_2018_from"),
        s.date("law.henan_enforcement_from"),
    ) else {
        return Ok(None);
    };
    if review {
        if date >= new_law && case.docs("hearing").next().is_some() {
            return Ok(Some(Why::Hearing));
        }
        if (review_from..new_law).contains(&date) && case.is_general() {
            return Ok(Some(Why::OldLaw));
        }
    }
    // 集体讨论 for major decisions in every era (art. 57 ¶2; old 38 ¶2); 法制审核 for them from
    // 2021-07-15 (art. 58), and for Henan agencies from 2016-06-01 (河南省行政执法条例 28 ¶2).
    let major_applies = if !review || date >= new_law {
        Some(true)
    } else if date >= henan_from {
        crate::knowledge::jurisdiction::case_is_henan(case, ctx.kb)
    } else {
        Some(false)
    };
    let m = major(case, ctx)?;
    match (major_applies, m) {
        (_, None) | (Some(false), _) => Ok(None),
        (None, Some(_)) => Err("执法机关所在省份"),
        (Some(true), Some(true)) => Ok(Some(Why::Major)),
        (Some(true), Some(false)) => Ok(Some(Why::MajorByProxy)),
    }
}

/// The basis text for this case: 河南省行政执法条例 only for a Henan agency.
pub(crate) fn basis_for(
    case: &Case,
    ctx: &Ctx,
    national: super::Tr,
    with_henan: super::Tr,
) -> String {
    if crate::knowledge::jurisdiction::case_is_henan(case, ctx.kb) == Some(true) {
        with_henan.get(ctx.lang).to_string()
    } else {
        national.get(ctx.lang).to_string()
    }
}

/// Reports `kind` missing before the decision (shared with P009).
pub(crate) fn require_before(
    info: &'static Info,
    kind: &str,
    why: Why,
    case: &Case,
    ctx: &Ctx,
    out: &mut Emitter,
    basis: String,
) {
    let Some(decision) = case.docs("decision").next() else {
        return;
    };
    let zh = ctx.lang == crate::finding::Lang::Zh;
    let reason = match (why, zh) {
        (Why::OldLaw, true) => "2018年1月1日至2021年7月14日的一般程序决定均须审核（旧法第三十八条第三款）",
        (Why::OldLaw, false) => "every general-procedure decision from 2018-01-01 to 2021-07-14 needed a review (old art. 38 ¶3)",
        (Why::Hearing, true) => "案件经过听证",
        (Why::Hearing, false) => "a hearing was held",
        (Why::Major, true) => "属重大决定",
        (Why::Major, false) => "the decision is major",
        (Why::MajorByProxy, true) => "按本工具默认标准（责令停产停业、停止使用或罚款达到听证标准）可能属重大决定（本工具默认值，未经核实，可在配置中按本机关公布的重大执法决定目录修改）",
        (Why::MajorByProxy, false) => "the decision may be major by the tool's default test (suspension, stop of use or a fine at the hearing threshold; the tool's default, not verified; set your agency's published list in the configuration)",
    };
    let before = out.findings.len();
    let name = super::procedure::label(ctx, kind);
    match step_date(case, &[kind.to_string()]) {
        StepDate::Unknown => out.not_checkable(info, date_input(ctx, kind)),
        StepDate::Missing => out.push(
            info,
            ctx,
            case,
            place_of(decision),
            kind,
            crate::msg!(
                ctx,
                "{}，决定前应有{}记录，案卷没有",
                "{}, so a {} was required before the decision; the file has none",
                reason,
                name
            ),
        ),
        StepDate::Undated => {}
        StepDate::Dated(d, doc) => {
            let Some(dd) = decision.date.value() else {
                return out.not_checkable(info, "决定日期");
            };
            if d > *dd {
                out.push(
                    info,
                    ctx,
                    case,
                    place_of(doc),
                    kind,
                    crate::msg!(
                        ctx,
                        "{}，{}日期 {} 晚于决定日期 {}",
                        "{}, but the {} on {} is after the decision on {}",
                        reason,
                        name,
                        d,
                        dd
                    ),
                );
            }
        }
    }
    for f in &mut out.findings[before..] {
        f.basis = basis.clone();
        f.severity = match why {
            Why::MajorByProxy => crate::finding::Severity::Warning,
            _ => crate::finding::Severity::Error,
        };
    }
}

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        if case.docs("decision").next().is_none() {
            return;
        }
        match required_because(case, ctx, true) {
            Ok(Some(why)) => {
                let basis = basis_for(case, ctx, NATIONAL, INFO.basis);
                require_before(&INFO, "legal_review", why, case, ctx, out, basis)
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

    fn case(decided: &str, pens: &[(&str, Option<i64>)], review: Option<&str>) -> Case {
        let b = CaseBuilder::general("X")
            .party(Some(PartyKind::Unit))
            .doc("filing", "2021-01-04");
        let b = match review {
            Some(r) => b.doc("legal_review", r),
            None => b,
        };
        b.decision("decision", decided, pens).build()
    }

    #[test]
    fn review_table() {
        let small = [("fine", Some(5000))];
        let big = [("fine", Some(30000))];
        let stop = [("suspend_business", None)];
        expect_table(
            &CHECK,
            vec![
                (
                    "small fine, new law, no review",
                    case("2022-03-15", &small, None),
                    0,
                    0,
                ),
                (
                    "major fine, no review",
                    case("2022-03-15", &big, None),
                    1,
                    0,
                ),
                (
                    "major fine, review before",
                    case("2022-03-15", &big, Some("2022-03-14")),
                    0,
                    0,
                ),
                (
                    "major fine, review after the decision",
                    case("2022-03-15", &big, Some("2022-03-16")),
                    1,
                    0,
                ),
                (
                    "suspension, no review",
                    case("2022-03-15", &stop, None),
                    1,
                    0,
                ),
                (
                    "old law: every decision",
                    case("2021-07-14", &small, None),
                    1,
                    0,
                ),
                (
                    "cut-over day: new law",
                    case("2021-07-15", &small, None),
                    0,
                    0,
                ),
                (
                    "hearing held, small fine",
                    CaseBuilder::general("X")
                        .party(Some(PartyKind::Unit))
                        .doc("hearing", "2022-03-10")
                        .decision("decision", "2022-03-15", &small)
                        .build(),
                    1,
                    0,
                ),
                (
                    "ledger without review column",
                    CaseBuilder::ledger("L", &["decision"])
                        .party(Some(PartyKind::Unit))
                        .decision("decision", "2022-03-15", &big)
                        .build(),
                    0,
                    1,
                ),
                (
                    "party kind unknown, between thresholds",
                    CaseBuilder::general("X")
                        .decision("decision", "2022-03-15", &small)
                        .build(),
                    0,
                    1,
                ),
            ],
        );
    }
}
