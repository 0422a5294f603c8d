//! P016 hearing-requested-not-held: the party asked for a hearing within the window and the file
//! holds no hearing, withdrawal, no-show or termination record and no 不予受理 notice dated on or
//! before the decision (行政处罚法 art. 63: 当事人要求听证的，行政机关应当组织听证; art. 64; old
//! art. 42). Where a request is on file, this rule judges and P005 stays silent.
//!
//! Example: notice 2022-03-01, 听证申请书 2022-03-03, decision 2022-03-20, no 听证笔录: a finding.
//! A request renewed within the window after a withdrawal revives the duty.

use super::procedure::{date_input, label, place_of};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::Case;
use chrono::NaiveDate;

pub static INFO: Info = Info {
    code: "P016",
    name: "hearing-requested-not-held",
    severity: Severity::Error,
    category: Category::Procedure,
    title: Tr { zh: "申请听证未组织听证", en: "Hearing requested but not held" },
    basis: Tr {
        zh: "《行政处罚法》第六十三条、第六十四条（旧法第四十二条）",
        en: "Administrative Penalty Law arts 63, 64 (old art. 42)",
    },
    what: Tr {
        zh: "当事人在申请期限内（告知后五个工作日；2021年7月15日前的告知：三日）提出听证申请，而案卷在决定之前（最迟决定当日）没有听证笔录或听证报告、撤回听证申请、当事人无正当理由未到场或终止听证的记录，也没有不予受理听证的通知（逾期申请）。处罚不属听证范围的（《行政处罚法》第六十三条所列处罚以外），没有组织听证的义务，不予判断；听证标准无法确定的，不能判断。撤回后又在期限内重新申请的，仍应组织听证。",
        en: "The party asked for a hearing within the window (5 working days after the notice; 3 days for a notice before 2021-07-15) and the file holds, on or before the decision date, no hearing record or report, no withdrawal, no no-show or termination record, and no notice refusing a late request. A penalty outside the hearing scope (other than those art. 63 lists) carries no duty to hold a hearing and is not judged; where the threshold cannot be told, the rule cannot judge. A request renewed within the window after a withdrawal revives the duty.",
    },
    why: Tr {
        zh: "当事人要求听证的，行政机关应当组织听证；未组织听证即作出决定，剥夺了当事人的法定程序权利，决定可被撤销。",
        en: "When the party asks for a hearing the agency must hold one; deciding without it takes a statutory right away and the decision can be quashed.",
    },
    example: Tr {
        zh: "告知日期 2022-03-01，当事人 2022-03-03 申请听证，2022-03-20 作出决定，案卷无听证笔录。",
        en: "Notice 2022-03-01, hearing requested 2022-03-03, decision 2022-03-20, no hearing record.",
    },
    fix: Tr {
        zh: "依法组织听证后再作决定；申请逾期或不属听证范围的，应书面告知不予受理并入卷。",
        en: "Hold the hearing and then decide; a late request or one outside the scope must be refused in writing and the refusal filed.",
    },
    settings: &["hearing.request_window", "hearing.fire_era_from", "hearing.fine_threshold.unit", "hearing.fine_threshold.unit.alternative", "hearing.fine_threshold.individual", "hearing.penalty_kinds"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

/// Records that end the duty to hold a hearing, when dated on or before the decision.
const ENDS: [&str; 5] = [
    "hearing",
    "hearing_report",
    "hearing_termination",
    "hearing_refusal",
    "hearing_withdrawal",
];

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let requests: Vec<_> = case.docs("hearing_request").collect();
        if requests.is_empty() {
            return;
        }
        let Some(decision) = case.docs("decision").next() else {
            return;
        };
        let Some(decided) = decision.date.value().copied() else {
            return out.not_checkable(&INFO, "决定日期");
        };
        // Art. 63 binds the agency to hold a hearing only for the penalties it lists: a request
        // on a penalty outside the scope (a unit fine of 5,000) leaves no hearing to hold, and
        // where the threshold is not known the duty is not either.
        match super::procedure::hearing_required(case, ctx) {
            super::procedure::Need::Yes => {}
            super::procedure::Need::No => return,
            super::procedure::Need::Unknown(input) => return out.not_checkable(&INFO, input),
        }
        let Some(told) = case
            .first_date("hearing_right_notice")
            .or_else(|| case.first_date("notice"))
        else {
            return out.not_checkable(&INFO, "告知日期");
        };
        let Some(window) = ctx.kb.settings.period("hearing.request_window", Some(told)) else {
            return;
        };
        let Some(last_day) = window.end_after(&ctx.kb.calendar, told) else {
            return out.not_checkable(&INFO, "工作日历");
        };
        // The last request made in time and before the decision: a renewed request after a
        // withdrawal revives the duty.
        let mut latest: Option<(NaiveDate, &crate::model::Document)> = None;
        for r in &requests {
            match r.date.value() {
                Some(d) if *d <= last_day && *d <= decided => {
                    if latest.is_none_or(|(l, _)| *d >= l) {
                        latest = Some((*d, r));
                    }
                }
                Some(_) => {}
                None => return out.not_checkable(&INFO, date_input(ctx, "hearing_request")),
            }
        }
        let Some((asked, request)) = latest else {
            return; // late requests: the agency may refuse them
        };
        for k in ENDS {
            for doc in case.docs(k) {
                match doc.date.value() {
                    // A withdrawal before the renewed request does not end the renewed duty.
                    Some(d) if k == "hearing_withdrawal" && *d < asked => {}
                    Some(d) if *d <= decided => return,
                    Some(_) => {}
                    None => return out.not_checkable(&INFO, date_input(ctx, k)),
                }
            }
        }
        let held_after = case
            .docs("hearing")
            .filter_map(|d| d.date.value().copied())
            .find(|d| *d > decided);
        let after = match (held_after, ctx.lang) {
            (Some(h), crate::finding::Lang::Zh) => format!("（听证日期 {h} 在决定之后）"),
            (Some(h), _) => format!(" (the hearing on {h} came after the decision)"),
            (None, _) => String::new(),
        };
        out.push(
            &INFO,
            ctx,
            case,
            place_of(request),
            "hearing_request",
            crate::msg!(
                ctx,
                "当事人于 {} 申请听证（告知日期 {}，申请期限至 {}），决定日期 {} 之前案卷没有{}、撤回、终止或不予受理听证的记录{}",
                "the party asked for a hearing on {} (notice {}, window until {}); by the decision on {} the file holds no {}, withdrawal, termination or refusal{}",
                asked,
                told,
                last_day,
                decided,
                label(ctx, "hearing"),
                after
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::*;

    /// A unit fine of 50,000: inside the hearing scope in every era.
    fn big_fine(case: &mut Case) {
        let fine = CaseBuilder::general("Y")
            .decision("decision", "2022-01-01", &[("fine", Some(50000))])
            .build();
        let ps = fine.decision().unwrap().penalties.clone();
        for d in case.documents.iter_mut() {
            if d.kind.as_deref() == Some("decision") {
                d.penalties = ps.clone();
            }
        }
    }

    #[test]
    fn requested_hearing_table() {
        let c = |steps_: &[(&str, &str)]| {
            let mut all = vec![("notice", "2022-03-01")];
            all.extend_from_slice(steps_);
            all.push(("decision", "2022-03-20"));
            steps(&all).with(big_fine).build()
        };
        expect_table(
            &CHECK,
            vec![
                (
                    "request in time, no hearing",
                    c(&[("hearing_request", "2022-03-03")]),
                    1,
                    0,
                ),
                (
                    "request and hearing",
                    c(&[("hearing_request", "2022-03-03"), ("hearing", "2022-03-15")]),
                    0,
                    0,
                ),
                (
                    "hearing after the decision cures nothing",
                    steps(&[
                        ("notice", "2022-03-01"),
                        ("hearing_request", "2022-03-03"),
                        ("decision", "2022-03-20"),
                        ("hearing", "2022-03-25"),
                    ])
                    .with(big_fine)
                    .build(),
                    1,
                    0,
                ),
                (
                    "withdrawn",
                    c(&[
                        ("hearing_request", "2022-03-03"),
                        ("hearing_withdrawal", "2022-03-04"),
                    ]),
                    0,
                    0,
                ),
                (
                    "renewed after withdrawal",
                    c(&[
                        ("hearing_request", "2022-03-02"),
                        ("hearing_withdrawal", "2022-03-03"),
                        ("hearing_request", "2022-03-04"),
                    ]),
                    1,
                    0,
                ),
                (
                    "late request",
                    c(&[("hearing_request", "2022-03-20")]),
                    0,
                    0,
                ),
                (
                    "refused",
                    c(&[
                        ("hearing_request", "2022-03-03"),
                        ("hearing_refusal", "2022-03-05"),
                    ]),
                    0,
                    0,
                ),
                (
                    "old law: 3 calendar days",
                    steps(&[
                        ("notice", "2020-03-01"),
                        ("hearing_request", "2020-03-04"),
                        ("decision", "2020-03-20"),
                    ])
                    .with(big_fine)
                    .build(),
                    1,
                    0,
                ),
                (
                    "undated decision",
                    steps(&[
                        ("notice", "2022-03-01"),
                        ("hearing_request", "2022-03-03"),
                        ("decision", ""),
                    ])
                    .with(big_fine)
                    .build(),
                    0,
                    1,
                ),
                ("no request", c(&[]), 0, 0),
                (
                    "penalty outside the hearing scope (unit fine 5,000)",
                    steps(&[("notice", "2022-03-01"), ("hearing_request", "2022-03-03")])
                        .decision("decision", "2022-03-20", &[("fine", Some(5000))])
                        .build(),
                    0,
                    0,
                ),
                (
                    "unit fine 20,000 from 2019-04-23: threshold 10,000 or 30,000",
                    steps(&[("notice", "2022-03-01"), ("hearing_request", "2022-03-03")])
                        .decision("decision", "2022-03-20", &[("fine", Some(20000))])
                        .build(),
                    0,
                    1,
                ),
            ],
        );
    }
}
