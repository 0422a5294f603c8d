//! P005 decided-inside-hearing-window: where the hearing right applied, the decision came
//! within the hearing request window (5 working days; 3 days for a notice before 2021-07-15) with
//! no waiver, request or hearing on file. The window is data (`checks/procedures.toml`).

use super::procedure::{run as engine, Section};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::Case;

pub static INFO: Info = Info {
    code: "P005",
    name: "decided-inside-hearing-window",
    severity: Severity::Error,
    category: Category::Procedure,
    title: Tr { zh: "听证申请期内作出决定", en: "Decided inside the hearing window" },
    basis: Tr { zh: "《行政处罚法》第六十四条第（一）项、第八十五条（旧法第四十二条）", en: "Administrative Penalty Law arts 64(1), 85 (old art. 42)" },
    what: Tr {
        zh: "应当告知听证权利的案件（已告知听证，或按 P004 的标准应当告知），决定日期在听证告知后五个工作日内（2021年7月15日前的告知：三日，按日历日计算），且案卷没有决定之前（最迟决定当日）的放弃听证声明或听证笔录；决定之后的放弃或听证不能补正（属程序倒置）。案卷有听证申请的，由 P016 判断。",
        en: "Where the hearing right applied (it was told, or had to be under P004), the decision is dated within 5 working days after the notice (3 calendar days for a notice before 2021-07-15) and the file holds no hearing waiver or hearing dated on or before the decision (a later one cures nothing: it is a reversed procedure). Where a hearing request is on file, P016 judges instead.",
    },
    why: Tr {
        zh: "在当事人可以申请听证的期间内作出决定，剥夺了其听证权利，属严重程序违法。",
        en: "Deciding while the party may still ask for a hearing takes that right away: a serious procedural breach.",
    },
    example: Tr { zh: "告知日期 2022-09-29，决定日期 2022-10-11：期间含国庆节，五个工作日至 2022-10-11 才届满。", en: "Notice 2022-09-29, decision 2022-10-11: with the National Day holiday the 5 working days end on 2022-10-11." },
    fix: Tr {
        zh: "待听证申请期届满后再作决定，或取得当事人书面放弃听证的声明；已作出的决定应撤销后重新作出。",
        en: "Wait until the window ends or obtain a written waiver; withdraw and remake a decision already made.",
    },
    settings: &["hearing.fire_era_from", "hearing.fine_threshold.individual.police_era", "hearing.fine_threshold.unit.police_era", "hearing.fine_threshold.individual", "hearing.fine_threshold.unit", "hearing.fine_threshold.unit.alternative", "hearing.local_laws", "hearing.local_fine_threshold.individual", "hearing.local_fine_threshold.unit", "hearing.penalty_kinds"],
    source: "built-in; checks/procedures.toml [[deadline]] P005",
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
    use crate::model::{Field, PartyKind};
    use crate::rules::testutil::*;

    fn told(date: &str) -> CaseBuilder {
        CaseBuilder::general("X")
            .party(Some(PartyKind::Unit))
            .doc_with("notice", date, |d| {
                d.rights = Field::Value {
                    value: vec!["陈述".into(), "申辩".into(), "听证".into()],
                    at: d.at.clone(),
                }
            })
    }

    fn case(notice: &str, decided: &str) -> Case {
        told(notice)
            .decision("decision", decided, &[("fine", Some(30000))])
            .build()
    }

    #[test]
    fn hearing_window_table() {
        expect_table(
            &CHECK,
            vec![
                // 2022-09-29 + 5 working days: 9-30, 10-08 and 10-09 (调休 weekend), 10-10, 10-11.
                (
                    "inside, across 国庆",
                    case("2022-09-29", "2022-10-11"),
                    1,
                    0,
                ),
                (
                    "just after the window",
                    case("2022-09-29", "2022-10-12"),
                    0,
                    0,
                ),
                (
                    "on the 调休 Saturday",
                    case("2022-09-29", "2022-10-08"),
                    1,
                    0,
                ),
                // old law: 3 calendar days, 2021-07-01 + 3 = 07-04 (Sunday) → 07-05.
                (
                    "old law, inside (end moved off Sunday)",
                    case("2021-07-01", "2021-07-05"),
                    1,
                    0,
                ),
                ("old law, after", case("2021-07-01", "2021-07-06"), 0, 0),
                (
                    "waiver on file",
                    told("2022-09-29")
                        .doc("hearing_waiver", "2022-09-30")
                        .decision("decision", "2022-10-10", &[("fine", Some(30000))])
                        .build(),
                    0,
                    0,
                ),
                (
                    "hearing held",
                    told("2022-09-29")
                        .doc("hearing", "2022-10-10")
                        .decision("decision", "2022-10-10", &[("fine", Some(30000))])
                        .build(),
                    0,
                    0,
                ),
                (
                    "small fine, not told: no hearing right",
                    CaseBuilder::general("X")
                        .party(Some(PartyKind::Unit))
                        .doc_with("notice", "2022-09-29", |d| {
                            d.rights = Field::Value {
                                value: vec!["陈述".into()],
                                at: d.at.clone(),
                            }
                        })
                        .decision("decision", "2022-10-10", &[("fine", Some(5000))])
                        .build(),
                    0,
                    0,
                ),
                (
                    "big fine, not told: window still applies",
                    CaseBuilder::general("X")
                        .party(Some(PartyKind::Unit))
                        .doc_with("notice", "2022-09-29", |d| {
                            d.rights = Field::Value {
                                value: vec!["陈述".into()],
                                at: d.at.clone(),
                            }
                        })
                        .decision("decision", "2022-10-10", &[("fine", Some(50000))])
                        .build(),
                    1,
                    0,
                ),
                (
                    "party kind unknown between thresholds",
                    CaseBuilder::general("X")
                        .doc("notice", "2022-09-29")
                        .decision("decision", "2022-10-10", &[("fine", Some(5000))])
                        .build(),
                    0,
                    1,
                ),
            ],
        );
    }

    #[test]
    fn message_mentions_the_holiday() {
        let e = run(&CHECK, &case("2022-09-29", "2022-10-11"));
        let m = &e.findings[0].message;
        assert!(
            m.contains("仅 5 个工作日") && m.contains("国庆节") && m.contains("5个工作日期间"),
            "{m}"
        );
    }
}
