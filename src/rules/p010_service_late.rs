//! P010 service-late: the decision was served more than 7 working days after it was made (7
//! calendar days before 2021-07-15). The period is data (`checks/procedures.toml`).

use super::procedure::{run as engine, Section};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::Case;

pub static INFO: Info = Info {
    code: "P010",
    name: "service-late",
    severity: Severity::Error,
    category: Category::Procedure,
    title: Tr { zh: "决定书送达超期", en: "Decision served late" },
    basis: Tr { zh: "《行政处罚法》第六十一条、第八十五条（旧法第四十条）", en: "Administrative Penalty Law arts 61, 85 (old art. 40)" },
    what: Tr {
        zh: "普通程序案件：送达日期晚于决定日期后七个工作日（2021年7月15日前的决定：七日，按日历日计算，期满日为节假日的顺延）。当场处罚的决定书当场交付（《行政处罚法》第五十二条），不适用本规则。",
        en: "General procedure: service is later than 7 working days after the decision (7 calendar days for a decision before 2021-07-15, a last day on a holiday moving to the next working day). An on-the-spot decision is handed over at once (Administrative Penalty Law art. 52) and is not checked here.",
    },
    why: Tr {
        zh: "决定书自送达起生效；超期送达违反法定期限，延误当事人的救济期限计算。",
        en: "A decision takes effect on service; late service breaks the statutory period and delays the party's remedy periods.",
    },
    example: Tr { zh: "送达日期 2022-10-14 距决定日期 2022-09-29 已 8 个工作日（期间含国庆节），超过 7 个工作日。", en: "Served 2022-10-14, 8 working days after the decision on 2022-09-29 (National Day in between); the limit is 7." },
    fix: Tr {
        zh: "决定书应当场交付；当事人不在场的，在七个工作日内依法送达，并在送达回证上注明日期。",
        en: "Hand the decision over on the spot, or serve it within 7 working days and date the proof of service.",
    },
    settings: &[],
    source: "built-in; checks/procedures.toml [[deadline]] P010",
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
    fn service_table() {
        let c = |dd: &str, s: &str| steps(&[("decision", dd), ("service", s)]).build();
        expect_table(
            &CHECK,
            vec![
                // 2022-09-29 + 7 wd = 2022-10-13.
                (
                    "8 working days across 国庆",
                    c("2022-09-29", "2022-10-14"),
                    1,
                    0,
                ),
                (
                    "7 working days across 国庆",
                    c("2022-09-29", "2022-10-13"),
                    0,
                    0,
                ),
                ("same day", c("2022-03-15", "2022-03-15"), 0, 0),
                // old law: 2021-07-01 + 7 = 07-08.
                ("old law, day 8", c("2021-07-01", "2021-07-09"), 1, 0),
                ("old law, day 7", c("2021-07-01", "2021-07-08"), 0, 0),
                (
                    "cut-over: decision on 2021-07-15 counts working days",
                    c("2021-07-15", "2021-07-26"),
                    0,
                    0,
                ),
                (
                    "cut-over: the 8th working day",
                    c("2021-07-15", "2021-07-27"),
                    1,
                    0,
                ),
                (
                    "cut-over: decision on 2021-07-14 counts calendar days",
                    c("2021-07-14", "2021-07-22"),
                    1,
                    0,
                ),
                (
                    "service undated",
                    steps(&[("decision", "2022-03-15"), ("service", "")]).build(),
                    0,
                    1,
                ),
            ],
        );
        // A 当场 decision is handed over on the spot: no seven days to count, and nothing
        // "not checkable" for want of a 普通程序 decision date (art. 52; art. 61 is 普通程序).
        // (A ledger row: its columns cover the 当场 decision and the service, not a 普通程序
        // decision, which would leave the rule "not checkable" for want of one.)
        let summary = |dd: &str, s: &str| {
            CaseBuilder::ledger("X", &["summary_decision", "service"])
                .with(|c| {
                    c.procedure = crate::model::Field::Value {
                        value: crate::model::Procedure::Summary,
                        at: crate::finding::Place::line(3, 1),
                    }
                })
                .party(Some(crate::model::PartyKind::Individual))
                .doc("summary_decision", dd)
                .doc("service", s)
                .build()
        };
        expect_table(
            &CHECK,
            vec![
                (
                    "当场 decision served late",
                    summary("2022-09-29", "2022-10-14"),
                    0,
                    0,
                ),
                (
                    "当场 decision, service undated",
                    summary("2022-09-29", ""),
                    0,
                    0,
                ),
                // A case whose procedure is not recorded is judged on its dates.
                (
                    "procedure unknown, decision served late",
                    steps(&[("decision", "2022-09-29"), ("service", "2022-10-14")])
                        .with(|c| c.procedure = crate::model::Field::Absent)
                        .build(),
                    1,
                    0,
                ),
            ],
        );
        let e = run(&CHECK, &c("2022-09-29", "2022-10-14"));
        assert_eq!(e.findings[0].message, "送达日期 2022-10-14 距决定日期 2022-09-29 已 8 个工作日，超过 7个工作日（期限至 2022-10-13，期间含国庆节）");
    }
}
