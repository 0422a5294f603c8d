//! P013 payment-late-without-surcharge: the fine was paid more than 15 calendar days after
//! service and the file has no 加处罚款 or deferral record. The period is data.

use super::procedure::{run as engine, Section};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::Case;

pub static INFO: Info = Info {
    code: "P013",
    name: "payment-late-without-surcharge",
    severity: Severity::Warning,
    category: Category::Procedure,
    title: Tr { zh: "逾期缴款未加处罚款", en: "Late payment without surcharge" },
    basis: Tr { zh: "《行政处罚法》第六十七条、第七十二条；《行政强制法》第四十五条", en: "Administrative Penalty Law arts 67, 72; Administrative Compulsion Law art. 45" },
    what: Tr {
        zh: "缴款日期晚于送达之日起十五日（日历日，期满日为节假日的顺延），且案卷没有加处罚款决定书或延期（分期）缴纳审批表。",
        en: "Payment is later than 15 calendar days after service (a last day on a holiday moves to the next working day) and the file holds no surcharge decision or deferral approval.",
    },
    why: Tr {
        zh: "到期不缴纳罚款的，应每日按罚款数额的百分之三加处罚款；不加处也无审批，说明执行不规范。",
        en: "A late fine draws a 3%-a-day surcharge; neither a surcharge nor an approved deferral shows irregular execution.",
    },
    example: Tr { zh: "送达日期 2022-03-16，缴款日期 2022-04-01，已 16 日，案卷无加处罚款决定。", en: "Served 2022-03-16, paid 2022-04-01 (16 days), no surcharge decision on file." },
    fix: Tr {
        zh: "依法加处罚款并入卷；批准延期或分期缴纳的，应将审批表入卷。",
        en: "Impose and file the surcharge; file the approval of any deferral.",
    },
    settings: &[],
    source: "built-in; checks/procedures.toml [[deadline]] P013",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }
    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        engine(Section::Deadline, INFO.code, case, ctx, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::*;

    #[test]
    fn payment_table() {
        let c = |s: &str, p: &str| steps(&[("service", s), ("payment", p)]).build();
        expect_table(
            &CHECK,
            vec![
                ("16 days", c("2022-03-16", "2022-04-01"), 1, 0),
                ("15 days", c("2022-03-16", "2022-03-31"), 0, 0),
                // 2022-09-16 + 15 = 10-01 (国庆) → 10-08, a 调休 working Saturday.
                (
                    "end moved to the 调休 Saturday",
                    c("2022-09-16", "2022-10-08"),
                    0,
                    0,
                ),
                ("after the moved end", c("2022-09-16", "2022-10-10"), 1, 0),
                (
                    "surcharge on file",
                    steps(&[
                        ("service", "2022-03-16"),
                        ("payment", "2022-04-10"),
                        ("surcharge", "2022-04-05"),
                    ])
                    .build(),
                    0,
                    0,
                ),
                (
                    "deferral on file",
                    steps(&[
                        ("service", "2022-03-16"),
                        ("deferral", "2022-03-20"),
                        ("payment", "2022-04-10"),
                    ])
                    .build(),
                    0,
                    0,
                ),
                (
                    "ledger: surcharge unknown",
                    CaseBuilder::ledger("L", &["service", "payment"])
                        .doc("service", "2022-03-16")
                        .doc("payment", "2022-04-10")
                        .build(),
                    0,
                    1,
                ),
            ],
        );
    }
}
