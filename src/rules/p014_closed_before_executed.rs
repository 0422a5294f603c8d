//! P014 closed-before-executed: 结案 dated before payment/execution, or a closed case that
//! imposed a fine has no payment or enforcement record.

use super::procedure::{place_of, step_date, StepDate};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::Case;

pub static INFO: Info = Info {
    code: "P014",
    name: "closed-before-executed",
    severity: Severity::Warning,
    category: Category::Procedure,
    title: Tr { zh: "未执行完毕即结案", en: "Closed before execution" },
    basis: Tr { zh: "案卷评查规则（执行完毕后结案）；《行政处罚法》第四十七条（全过程记录）", en: "Case-file evaluation practice (close after execution); Administrative Penalty Law art. 47 (full-process record)" },
    what: Tr {
        zh: "结案日期早于缴款（执行）日期，或者已结案的罚款案件没有缴款凭证，也没有强制执行记录。",
        en: "The closing is dated before the payment (execution), or a closed case with a fine has neither a payment record nor an enforcement record.",
    },
    why: Tr { zh: "处罚未执行完毕即结案，执行情况无从查考，评查扣分。", en: "Closing before execution leaves the execution unrecorded; reviewers deduct points." },
    example: Tr { zh: "结案日期 2022-03-20，缴款日期 2022-03-25。", en: "Closed 2022-03-20, paid 2022-03-25." },
    fix: Tr { zh: "执行完毕（或依法申请强制执行）后再结案，并将缴款凭证或执行记录入卷。", en: "Close after execution (or an enforcement application) and file the receipt or the enforcement record." },
    settings: &[],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let closing = match step_date(case, &["closing".to_string()]) {
            StepDate::Dated(d, doc) => (d, doc),
            StepDate::Missing => return,
            StepDate::Undated | StepDate::Unknown => return out.not_checkable(&INFO, "结案日期"),
        };
        let exec = step_date(case, &["payment".to_string(), "enforcement".to_string()]);
        match exec {
            StepDate::Dated(d, _) if closing.0 < d => out.push(
                &INFO,
                ctx,
                case,
                place_of(closing.1),
                "closing<execution",
                crate::msg!(
                    ctx,
                    "结案日期 {} 早于缴款（执行）日期 {}",
                    "closed on {}, before the payment (execution) on {}",
                    closing.0,
                    d
                ),
            ),
            StepDate::Missing if case.penalty_kinds().contains(&"fine") => out.push(
                &INFO,
                ctx,
                case,
                place_of(closing.1),
                "execution",
                crate::msg!(
                    ctx,
                    "案件已于 {} 结案，但没有缴款凭证或强制执行记录",
                    "closed on {}, but there is no payment or enforcement record",
                    closing.0
                ),
            ),
            StepDate::Unknown if case.penalty_kinds().contains(&"fine") => {
                out.not_checkable(&INFO, "缴款日期")
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::*;

    #[test]
    fn closing_table() {
        let fined = |extra: &[(&str, &str)]| {
            extra
                .iter()
                .fold(
                    CaseBuilder::general("X").decision(
                        "decision",
                        "2022-03-15",
                        &[("fine", Some(5000))],
                    ),
                    |b, (k, dt)| b.doc(k, dt),
                )
                .build()
        };
        expect_table(
            &CHECK,
            vec![
                (
                    "closed after payment",
                    fined(&[("payment", "2022-03-25"), ("closing", "2022-04-01")]),
                    0,
                    0,
                ),
                (
                    "closed same day",
                    fined(&[("payment", "2022-03-25"), ("closing", "2022-03-25")]),
                    0,
                    0,
                ),
                (
                    "closed before payment",
                    fined(&[("payment", "2022-03-25"), ("closing", "2022-03-20")]),
                    1,
                    0,
                ),
                (
                    "closed without payment",
                    fined(&[("closing", "2022-03-20")]),
                    1,
                    0,
                ),
                (
                    "closed after enforcement",
                    fined(&[("enforcement", "2022-05-20"), ("closing", "2022-06-01")]),
                    0,
                    0,
                ),
                (
                    "warning only",
                    CaseBuilder::general("X")
                        .decision("decision", "2022-03-15", &[("warning", None)])
                        .doc("closing", "2022-03-20")
                        .build(),
                    0,
                    0,
                ),
                ("not closed", fined(&[]), 0, 0),
                (
                    "ledger without payment column",
                    CaseBuilder::ledger("L", &["closing", "decision"])
                        .decision("decision", "2022-03-15", &[("fine", Some(5000))])
                        .doc("closing", "2022-03-20")
                        .build(),
                    0,
                    1,
                ),
            ],
        );
    }
}
