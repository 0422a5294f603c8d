//! P003 decision-overdue: the decision came more than 90 calendar days after 立案 (plus any
//! approved extension). The deadline is data (`checks/procedures.toml`); the 1996/2017 law had no
//! such limit, so filings before 2021-07-15 are not held to it.

use super::procedure::{run as engine, Section};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::Case;

pub static INFO: Info = Info {
    code: "P003",
    name: "decision-overdue",
    severity: Severity::Error,
    category: Category::Procedure,
    title: Tr { zh: "超期作出处罚决定", en: "Decision overdue" },
    basis: Tr { zh: "《行政处罚法》第六十条", en: "Administrative Penalty Law art. 60" },
    what: Tr {
        zh: "处罚决定日期晚于立案之日起九十日（日历日，期满日为节假日的顺延至节假日后第一个工作日），且案卷没有延长办案期限审批；有延长审批的，按九十日加延长天数计算。2021年7月15日前立案的案件，旧法无此期限，不检查。",
        en: "The decision is later than 90 calendar days after filing (a last day on a rest day or holiday moves to the next working day) with no extension approval on file; with one, 90 days plus its days. Cases filed before 2021-07-15 are not checked: the old law had no such limit.",
    },
    why: Tr {
        zh: "超期办案违反法定期限（《河南省行政执法条例》第三十四条：法定期限必须遵守），评查中属程序违法。",
        en: "Exceeding the statutory limit breaks a binding deadline (Henan Enforcement Regulation art. 34); reviewers treat it as a procedural breach.",
    },
    example: Tr { zh: "决定日期 2022-05-20 距立案日期 2022-02-10 已 99 日，超过 90 日。", en: "Decided 2022-05-20, 99 days after filing on 2022-02-10; the limit is 90 days." },
    fix: Tr {
        zh: "在期限内作出决定；确需延长的，应在期限届满前办理延长办案期限审批并入卷。",
        en: "Decide in time; where more time is needed, approve an extension before the limit ends and file it.",
    },
    settings: &[],
    source: "built-in; checks/procedures.toml [[deadline]] P003",
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

    fn case(filed: &str, decided: &str) -> Case {
        steps(&[("filing", filed), ("decision", decided)]).build()
    }

    #[test]
    fn ninety_days_table() {
        expect_table(
            &CHECK,
            vec![
                ("99 days", case("2022-02-10", "2022-05-20"), 1, 0),
                ("day 90 exactly", case("2022-02-10", "2022-05-11"), 0, 0),
                ("day 91", case("2022-02-10", "2022-05-12"), 1, 0),
                // 2022-07-03 + 90 = 2022-10-01 (国庆): the last day moves to 2022-10-08, a 调休 working Saturday.
                (
                    "holiday end moved, on the working Saturday",
                    case("2022-07-03", "2022-10-08"),
                    0,
                    0,
                ),
                (
                    "day after the moved end",
                    case("2022-07-03", "2022-10-10"),
                    1,
                    0,
                ),
                ("old law: no limit", case("2021-01-04", "2021-12-01"), 0, 0),
                (
                    "new law: filed on the cut-over",
                    case("2021-07-15", "2021-12-01"),
                    1,
                    0,
                ),
                (
                    "unreadable decision date",
                    steps(&[("filing", "2022-02-10"), ("decision", "?")]).build(),
                    0,
                    1,
                ),
                (
                    "decision missing: P001's business",
                    steps(&[("filing", "2022-02-10")]).build(),
                    0,
                    0,
                ),
                (
                    "extension of 30 days covers it",
                    steps(&[("filing", "2022-02-10"), ("decision", "2022-05-20")])
                        .doc_with("extension", "2022-05-01", |d| {
                            d.days = crate::model::Field::Value {
                                value: 30,
                                at: d.at.clone(),
                            }
                        })
                        .build(),
                    0,
                    0,
                ),
                (
                    "extension of 5 days does not",
                    steps(&[("filing", "2022-02-10"), ("decision", "2022-05-20")])
                        .doc_with("extension", "2022-05-01", |d| {
                            d.days = crate::model::Field::Value {
                                value: 5,
                                at: d.at.clone(),
                            }
                        })
                        .build(),
                    1,
                    0,
                ),
                (
                    "extension of unknown length",
                    steps(&[("filing", "2022-02-10"), ("decision", "2022-05-20")])
                        .doc("extension", "2022-05-01")
                        .build(),
                    0,
                    1,
                ),
                (
                    "ledger without extension column, late",
                    CaseBuilder::ledger("L", &["filing", "decision"])
                        .doc("filing", "2022-02-10")
                        .doc("decision", "2022-05-20")
                        .build(),
                    0,
                    1,
                ),
                (
                    "ledger without extension column, in time",
                    CaseBuilder::ledger("L", &["filing", "decision"])
                        .doc("filing", "2022-02-10")
                        .doc("decision", "2022-05-01")
                        .build(),
                    0,
                    0,
                ),
            ],
        );
    }

    #[test]
    fn message_names_dates_and_period() {
        let e = run(&CHECK, &case("2022-02-10", "2022-05-20"));
        assert_eq!(
            e.findings[0].message,
            "决定日期 2022-05-20 距立案日期 2022-02-10 已 99 日，超过 90日（期限至 2022-05-11）"
        );
        assert_eq!(e.findings[0].subject, "filing->decision");
        let e = run_lang(
            &CHECK,
            &case("2022-02-10", "2022-05-20"),
            crate::finding::Lang::En,
        );
        assert_eq!(e.findings[0].message, "decision on 2022-05-20, 99 days after the filing on 2022-02-10; the limit is 90 days (it ended on 2022-05-11)");
    }
}
