//! P006 hearing-notice-too-late: a hearing held less than 7 working days (7 days before
//! 2021-07-15) after its notice to the party. The period is data (`checks/procedures.toml`).

use super::procedure::{run as engine, Section};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::Case;

pub static INFO: Info = Info {
    code: "P006",
    name: "hearing-notice-too-late",
    severity: Severity::Error,
    category: Category::Procedure,
    title: Tr { zh: "听证通知过迟", en: "Hearing notice too late" },
    basis: Tr { zh: "《行政处罚法》第六十四条第（二）项、第八十五条（旧法第四十二条）", en: "Administrative Penalty Law arts 64(2), 85 (old art. 42)" },
    what: Tr {
        zh: "举行听证的日期距听证通知书日期不足七个工作日（2021年7月15日前的通知：七日，按日历日计算）。",
        en: "The hearing was held less than 7 working days after the hearing notice (7 calendar days for a notice before 2021-07-15).",
    },
    why: Tr {
        zh: "当事人应有足够时间准备听证；通知过迟侵害其听证权利。",
        en: "The party must have time to prepare; a late notice impairs the right to a hearing.",
    },
    example: Tr { zh: "听证通知日期 2022-09-29，听证日期 2022-10-12：仅 6 个工作日（期间含国庆节）。", en: "Hearing notice 2022-09-29, hearing 2022-10-12: only 6 working days (National Day in between)." },
    fix: Tr {
        zh: "听证通知应在举行听证七个工作日前送达；重新通知并另定听证日期。",
        en: "Serve the notice at least 7 working days ahead; notify again and reschedule.",
    },
    settings: &[],
    source: "built-in; checks/procedures.toml [[deadline]] P006",
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
    fn seven_working_days_table() {
        let c = |n: &str, h: &str| steps(&[("hearing_notice", n), ("hearing", h)]).build();
        expect_table(
            &CHECK,
            vec![
                // 2022-09-29 + 7 wd = 10-13 (9-30, 10-08, 10-09, 10-10, 10-11, 10-12, 10-13).
                (
                    "6 working days across 国庆",
                    c("2022-09-29", "2022-10-12"),
                    1,
                    0,
                ),
                ("exactly 7", c("2022-09-29", "2022-10-13"), 0, 0),
                (
                    "old law 7 calendar days, too soon",
                    c("2021-06-01", "2021-06-07"),
                    1,
                    0,
                ),
                (
                    "old law 7 calendar days, ok",
                    c("2021-06-01", "2021-06-08"),
                    0,
                    0,
                ),
                (
                    "year not in the calendar",
                    c("2030-03-01", "2030-03-05"),
                    0,
                    1,
                ),
                (
                    "no hearing",
                    steps(&[("hearing_notice", "2022-09-29")]).build(),
                    0,
                    0,
                ),
            ],
        );
    }
}
