//! P004 hearing-right-not-told: the penalty required telling of the hearing right and the file
//! shows it was not told. Thresholds are settings (UNVERIFIED, legal.md §3.2).

use super::procedure::{hearing_required, hearing_told, Need};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::Case;

pub static INFO: Info = Info {
    code: "P004",
    name: "hearing-right-not-told",
    severity: Severity::Error,
    category: Category::Procedure,
    title: Tr { zh: "未告知听证权利", en: "Hearing right not told" },
    basis: Tr { zh: "《行政处罚法》第六十三条（旧法第四十二条）", en: "Administrative Penalty Law art. 63 (old art. 42)" },
    what: Tr {
        zh: "处罚属于应当告知听证权利的情形（达到“较大数额”的罚款，没收较大数额违法所得，责令停产停业、停止使用、停止施工、停止执业，吊销许可证件或资格），而案卷没有告知书，或告知书未告知听证权利，也没有听证告知书。时期按告知日期（无告知的按决定日期）确定：2019年4月23日前，公安机关消防机构适用《公安机关办理行政案件程序规定》第一百二十三条，个人 2,000 元以上、单位 10,000 元以上；此后个人 2,000 元以上，单位标准为 10,000 元或 30,000 元（本工具默认值，未经核实，可在配置中按本地规定修改），单位罚款 10,000 至 29,999 元的，未配置本地标准时不予判断。没有日期的不予判断。",
        en: "The penalty requires telling of the hearing right (a fine at or above the \"large amount\", confiscation of large illegal gains, suspension of business, stop of use, construction or practice, revocation of a licence) and the file has no notice, or a notice that does not tell of it, and no hearing-right notice. The era follows the notice date (the decision date without one): before 2019-04-23 the Public Security procedure rule art. 123 bound fire agencies (individual ≥ 2,000, unit ≥ 10,000 yuan); from then on individual ≥ 2,000 and unit 10,000 or 30,000 (the tool's default, not verified; set it to your local rule in the configuration), so a unit fine of 10,000–29,999 is not checkable until configured. Without a date, not checkable.",
    },
    why: Tr {
        zh: "未告知听证权利即作出较重处罚，剥夺了当事人的法定程序权利，决定可被撤销。",
        en: "A heavy penalty without telling of the hearing right takes a statutory procedural right away; the decision can be quashed.",
    },
    example: Tr {
        zh: "对单位罚款 50,000 元，告知书只告知“陈述、申辩”。",
        en: "A unit fined 50,000 yuan; the notice tells only of statement and defence.",
    },
    fix: Tr {
        zh: "重新告知，写明当事人有要求听证的权利及申请期限（五个工作日），期满后再作决定。",
        en: "Notify again, stating the right to a hearing and the 5-working-day request period, then decide after it ends.",
    },
    settings: &["hearing.fire_era_from", "hearing.fine_threshold.individual.police_era", "hearing.fine_threshold.unit.police_era", "hearing.fine_threshold.individual", "hearing.fine_threshold.unit", "hearing.fine_threshold.unit.alternative", "hearing.local_laws", "hearing.local_fine_threshold.individual", "hearing.local_fine_threshold.unit", "hearing.penalty_kinds"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let Some(decision) = case.decision() else {
            return;
        };
        if decision.kind.as_deref() == Some("summary_decision") {
            return;
        }
        match hearing_required(case, ctx) {
            Need::No => return,
            Need::Unknown(input) => return out.not_checkable(&INFO, input),
            Need::Yes => {}
        }
        match hearing_told(case) {
            Need::Yes => {}
            Need::Unknown(input) => out.not_checkable(&INFO, input),
            Need::No => {
                let what = penalty_text(case);
                let notice = case.docs("notice").next();
                let place = notice
                    .map(super::procedure::place_of)
                    .unwrap_or_else(|| super::procedure::place_of(decision));
                // Say what is there: no notice at all, or a notice without the hearing right.
                let message = match notice {
                    Some(_) => crate::msg!(ctx, "处罚为{}，应当告知听证权利，但告知书未告知听证权利，案卷也无听证告知书", "the penalty ({}) requires telling of the hearing right, but the notice does not tell it and there is no hearing-right notice", what),
                    None => crate::msg!(ctx, "处罚为{}，应当告知听证权利，但案卷既无行政处罚告知书，也无听证告知书", "the penalty ({}) requires telling of the hearing right, but the file has neither a penalty notice nor a hearing-right notice", what),
                };
                out.push(&INFO, ctx, case, place, "hearing_right", message);
            }
        }
    }
}

/// The decision's penalties for the message: `罚款 50,000 元、责令停产停业`.
fn penalty_text(case: &Case) -> String {
    let Some(ps) = case.decision().and_then(|d| d.penalties.value()) else {
        return String::new();
    };
    ps.iter()
        .map(|p| match p.amount.value() {
            Some(m) if p.kind == "fine" => format!("{} {} 元", p.raw_kind, m),
            _ => p.raw_kind.clone(),
        })
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, PartyKind};
    use crate::rules::testutil::*;

    trait With {
        fn with(self, f: impl FnOnce(&mut Case)) -> Case;
    }
    impl With for Case {
        fn with(mut self, f: impl FnOnce(&mut Case)) -> Case {
            f(&mut self);
            self
        }
    }

    fn case(party: Option<PartyKind>, rights: &[&str], penalties: &[(&str, Option<i64>)]) -> Case {
        let rights: Vec<String> = rights.iter().map(|s| s.to_string()).collect();
        CaseBuilder::general("X")
            .party(party)
            .doc_with("notice", "2022-03-07", |d| {
                d.rights = Field::Value {
                    value: rights,
                    at: d.at.clone(),
                }
            })
            .decision("decision", "2022-03-20", penalties)
            .build()
    }

    #[test]
    fn thresholds_table() {
        let (u, i) = (Some(PartyKind::Unit), Some(PartyKind::Individual));
        let plain = ["陈述", "申辩"];
        let told = ["陈述", "申辩", "听证"];
        expect_table(
            &CHECK,
            vec![
                (
                    "unit at 30,000, not told",
                    case(u, &plain, &[("fine", Some(30000))]),
                    1,
                    0,
                ),
                (
                    "unit just below 30,000: 10,000 or 30,000 disagree",
                    case(u, &plain, &[("fine", Some(29999))]),
                    0,
                    1,
                ),
                (
                    "unit 9,999 after 2019: below both",
                    case(u, &plain, &[("fine", Some(9999))]),
                    0,
                    0,
                ),
                (
                    "unit 10,000 in the police era (notice 2018)",
                    CaseBuilder::general("X")
                        .party(u)
                        .doc_with("notice", "2018-03-07", |d| {
                            d.rights = Field::Value {
                                value: vec!["陈述".into()],
                                at: d.at.clone(),
                            }
                        })
                        .decision("decision", "2018-03-20", &[("fine", Some(10000))])
                        .build(),
                    1,
                    0,
                ),
                (
                    "fine under a local regulation: the local threshold, not configured",
                    case(u, &plain, &[("fine", Some(30000))]).with(|c| {
                        let d = c
                            .documents
                            .iter_mut()
                            .find(|d| d.kind.as_deref() == Some("decision"))
                            .unwrap();
                        d.basis = Field::Value {
                            value: vec![crate::model::Located {
                                value: "《河南省消防条例》第七十二条第一项".into(),
                                at: d.at.clone(),
                            }],
                            at: d.at.clone(),
                        };
                    }),
                    0,
                    1,
                ),
                (
                    "no date at all: not checkable",
                    CaseBuilder::general("X")
                        .party(u)
                        .doc_with("notice", "", |d| {
                            d.rights = Field::Value {
                                value: vec!["陈述".into()],
                                at: d.at.clone(),
                            }
                        })
                        .decision("decision", "", &[("fine", Some(50000))])
                        .build(),
                    0,
                    1,
                ),
                (
                    "unit at 30,000, told",
                    case(u, &told, &[("fine", Some(30000))]),
                    0,
                    0,
                ),
                (
                    "individual at 2,000",
                    case(i, &plain, &[("fine", Some(2000))]),
                    1,
                    0,
                ),
                (
                    "individual at 1,999",
                    case(i, &plain, &[("fine", Some(1999))]),
                    0,
                    0,
                ),
                (
                    "suspension of business",
                    case(u, &plain, &[("suspend_business", None)]),
                    1,
                    0,
                ),
                (
                    "stop use plus small fine",
                    case(u, &plain, &[("stop_use", None), ("fine", Some(500))]),
                    1,
                    0,
                ),
                ("warning only", case(u, &plain, &[("warning", None)]), 0, 0),
                (
                    "kind unknown, 5,000: between thresholds",
                    case(None, &plain, &[("fine", Some(5000))]),
                    0,
                    1,
                ),
                (
                    "kind unknown, 30,000: above both",
                    case(None, &plain, &[("fine", Some(30000))]),
                    1,
                    0,
                ),
                (
                    "kind unknown, 1,000: below both",
                    case(None, &plain, &[("fine", Some(1000))]),
                    0,
                    0,
                ),
                (
                    "hearing-right notice on file",
                    CaseBuilder::general("X")
                        .party(u)
                        .doc("notice", "2022-03-07")
                        .doc("hearing_right_notice", "2022-03-07")
                        .decision("decision", "2022-03-20", &[("fine", Some(30000))])
                        .build(),
                    0,
                    0,
                ),
                (
                    "notice rights not read",
                    CaseBuilder::general("X")
                        .party(u)
                        .doc("notice", "2022-03-07")
                        .decision("decision", "2022-03-20", &[("fine", Some(30000))])
                        .build(),
                    0,
                    1,
                ),
                (
                    "no notice and no hearing-right notice",
                    CaseBuilder::general("X")
                        .party(u)
                        .decision("decision", "2022-03-20", &[("fine", Some(30000))])
                        .build(),
                    1,
                    0,
                ),
            ],
        );
    }
}
