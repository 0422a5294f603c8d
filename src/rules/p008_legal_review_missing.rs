//! P008 legal-review-missing: no 法制审核 before the decision where one is required — a hearing
//! was held, or the decision is major (settings `major.*`), or (before 2021-07-15) any
//! general-procedure decision (old art. 38 ¶3).

use super::procedure::{date_input, is_major, place_of, step_date, Need, StepDate};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::{Case, Step};

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
        zh: "应当法制审核的决定，案卷没有决定前的法制审核记录：经过听证的；重大决定（设置项：责令停产停业、停止使用，或罚款达到听证标准，UNVERIFIED）；2021年7月15日前的一般程序决定一律需要审核（旧法第三十八条第三款）。",
        en: "A decision that needed a legal review has none dated before it: a hearing was held; the decision is major (setting: suspension of business, stop of use, or a fine at the hearing threshold; UNVERIFIED); or, before 2021-07-15, any general-procedure decision (old art. 38 ¶3).",
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
    settings: &["major.penalty_kinds", "major.fine_at_hearing_threshold", "hearing.fire_era_from", "hearing.fine_threshold.individual.police_era", "hearing.fine_threshold.unit.police_era", "hearing.fine_threshold.individual", "hearing.fine_threshold.unit", "hearing.fine_threshold.unit.alternative", "law.xzcf_2021_from"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

/// Why a review (or collective discussion) was required, or `None`; `Err` names a missing input.
pub(crate) fn required_because(
    case: &Case,
    ctx: &Ctx,
    old_law_counts: bool,
) -> Result<Option<&'static str>, &'static str> {
    let decision_date = case.docs("decision").find_map(|d| d.date.value().copied());
    if old_law_counts {
        if let (Some(d), Some(cut)) = (decision_date, ctx.kb.settings.date("law.xzcf_2021_from")) {
            if d < cut && case.is_general() {
                return Ok(Some("old_law"));
            }
        }
    }
    if old_law_counts && matches!(case.step("hearing"), Step::Present(_)) {
        return Ok(Some("hearing"));
    }
    match is_major(case, &ctx.kb.settings) {
        Need::Yes => Ok(Some("major")),
        Need::No => Ok(None),
        Need::Unknown(input) => Err(input),
    }
}

/// Reports `kind` missing before the decision (shared with P009).
pub(crate) fn require_before(
    info: &'static Info,
    kind: &str,
    why: &str,
    case: &Case,
    ctx: &Ctx,
    out: &mut Emitter,
) {
    let Some(decision) = case.docs("decision").next() else {
        return;
    };
    let reason = match (why, ctx.lang) {
        ("old_law", crate::finding::Lang::Zh) => "2021年7月15日前的一般程序决定均须审核",
        ("old_law", _) => "every general-procedure decision before 2021-07-15 needed a review",
        ("hearing", crate::finding::Lang::Zh) => "案件经过听证",
        ("hearing", _) => "a hearing was held",
        (_, crate::finding::Lang::Zh) => "属重大决定",
        _ => "the decision is major",
    };
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
            Ok(Some(why)) => require_before(&INFO, "legal_review", why, case, ctx, out),
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
