//! P007 decided-before-defence-heard: the decision came on the day of the notice or before the
//! statement period (a setting, default 3 working days: the tool's default, not verified; set it to your local rule in the configuration) had passed, with no statement
//! record or waiver. The period is data (`checks/settings.toml` `statement.period`).

use super::procedure::{run as engine, Section};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::Case;

pub static INFO: Info = Info {
    code: "P007",
    name: "decided-before-defence-heard",
    severity: Severity::Warning,
    category: Category::Procedure,
    title: Tr { zh: "陈述申辩期内作出决定", en: "Decided before the defence was heard" },
    basis: Tr { zh: "《行政处罚法》第四十四条、第四十五条、第六十二条", en: "Administrative Penalty Law arts 44, 45, 62" },
    what: Tr {
        zh: "决定日期与告知日期同日，或在陈述申辩期间（设置项，默认三个工作日，本工具默认值，未经核实，可在配置中按本地规定修改）届满前，且案卷没有决定之前（最迟决定当日）的陈述申辩笔录或放弃陈述申辩声明；决定之后的记录不能补正。",
        en: "The decision is on the notice's day or before the statement period (a setting, default 3 working days: the tool's default, not verified; set it to your local rule in the configuration) has passed, and the file holds no statement record or waiver dated on or before the decision (a later one cures nothing).",
    },
    why: Tr {
        zh: "未充分听取当事人陈述申辩即作出决定，决定不能成立（第六十二条）。",
        en: "Deciding without hearing the party's statement means the decision cannot stand (art. 62).",
    },
    example: Tr { zh: "告知日期 2022-03-07，决定日期 2022-03-10，案卷无陈述申辩笔录。", en: "Notice 2022-03-07, decision 2022-03-10, no statement record on file." },
    fix: Tr {
        zh: "给当事人留足陈述申辩期间，或取得书面放弃声明后再作决定。",
        en: "Leave the statement period or obtain a written waiver before deciding.",
    },
    settings: &["statement.period"],
    source: "built-in; checks/procedures.toml [[deadline]] P007",
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
    fn statement_period_table() {
        let c = |n: &str, dd: &str| steps(&[("notice", n), ("decision", dd)]).build();
        expect_table(
            &CHECK,
            vec![
                ("same day", c("2022-03-07", "2022-03-07"), 1, 0),
                ("third working day", c("2022-03-07", "2022-03-10"), 1, 0),
                ("fourth working day", c("2022-03-07", "2022-03-11"), 0, 0),
                // 2022-09-29 + 3 wd = 10-09 (9-30, 10-08, 10-09 are working days).
                (
                    "across 国庆, on the 调休 Sunday",
                    c("2022-09-29", "2022-10-09"),
                    1,
                    0,
                ),
                ("across 国庆, after", c("2022-09-29", "2022-10-10"), 0, 0),
                (
                    "statement on file",
                    steps(&[
                        ("notice", "2022-03-07"),
                        ("statement", "2022-03-08"),
                        ("decision", "2022-03-08"),
                    ])
                    .build(),
                    0,
                    0,
                ),
                (
                    "waiver on file",
                    steps(&[
                        ("notice", "2022-03-07"),
                        ("statement_waiver", "2022-03-07"),
                        ("decision", "2022-03-08"),
                    ])
                    .build(),
                    0,
                    0,
                ),
                (
                    "ledger: statement unknown",
                    CaseBuilder::ledger("L", &["notice", "decision"])
                        .doc("notice", "2022-03-07")
                        .doc("decision", "2022-03-08")
                        .build(),
                    0,
                    1,
                ),
                (
                    "ledger: notice column absent",
                    CaseBuilder::ledger("L", &["decision"])
                        .doc("decision", "2022-03-08")
                        .build(),
                    0,
                    1,
                ),
            ],
        );
    }
}
