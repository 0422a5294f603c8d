//! P012 limitation-expired: the act was discovered (发现日期, else the earliest inspection, 受案
//! or 立案 record) more than 2 years after it happened — 5 years where the case records a
//! harmful consequence, but only for acts on or after 2021-07-15 (行政处罚法 art. 36; for an
//! earlier act the later, heavier period does not apply: art. 37). A continuing act (连续或者
//! 继续状态) counts from its end, and the law on its end date picks the period; with no end date
//! recorded, a provision the table in `checks/continuing_acts.toml` reads as continuing (or does
//! not know) is not checkable rather than ended on its start date.
//!
//! Example: exit blocked since 2019, still blocked at the 2022 inspection, no `<EndDate>`: not
//! checkable. 过失引起火灾 on 2019-03-01, found 2022-03-02: time-barred (2 years; old law).

use super::procedure::{step_date, StepDate};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::law::calendar::Period;
use crate::model::{Case, Field};

pub static INFO: Info = Info {
    code: "P012",
    name: "limitation-expired",
    severity: Severity::Error,
    category: Category::Procedure,
    title: Tr { zh: "超过追责时效", en: "Limitation period expired" },
    basis: Tr { zh: "《行政处罚法》第三十六条（旧法第二十九条）", en: "Administrative Penalty Law art. 36 (old art. 29)" },
    what: Tr {
        zh: "违法行为在二年内未被发现（以发现日期为准；未记载的，以最早的检查笔录、受案或立案日期为发现日期），仍予处罚。期限自违法行为发生之日起计算；违法行为有连续或者继续状态的，自行为终了之日起计算，并按终了之日的法律确定期限。有危害后果的延长至五年，但只适用于2021年7月15日以后的违法行为（此前的行为适用二年，新法较重的规定不溯及既往）。持续状态的违法行为（如堵塞疏散通道、消防设施未保持完好有效）未记载终了日期的，不予判断。",
        en: "The act was not discovered within 2 years (the discovery date; else the earliest inspection, acceptance or filing record) and was still punished. The period runs from the act, or for a continuing act from its end, and the law on that date picks it. With a harmful consequence it is 5 years, but only for acts on or after 2021-07-15 (an earlier act keeps the 2-year period: the later, heavier rule does not reach back). A continuing-state violation (a blocked exit, facilities not kept working) with no end date recorded is not checkable.",
    },
    why: Tr { zh: "超过时效的违法行为不再给予行政处罚。", en: "An act discovered after the limitation period may no longer be punished." },
    example: Tr { zh: "过失引起火灾发生于 2019-05-01，2022-03-01 才立案。", en: "A fire caused by negligence on 2019-05-01, filed on 2022-03-01." },
    fix: Tr {
        zh: "核实违法行为的发生、终了和发现日期；确已超过时效的，不予处罚并撤销决定。",
        en: "Check when the act happened, ended and was found; if the period has run, do not punish and withdraw the decision.",
    },
    settings: &["limitation.period", "limitation.period_with_harm", "limitation.no_harm_words", "law.xzcf_2021_from"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

/// What the case says about a harmful consequence (危害后果).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Harm {
    /// The case records a harmful consequence.
    Recorded,
    /// The case records that there was none (`<Harm>无</Harm>`, an empty 危害后果 cell).
    NoneRecorded,
    /// The source does not say.
    Unknown,
}

/// The case's harm as far as its own record tells: an absent field is unknown, never "none".
/// Export-wide inference (a case without `<Harm>` in an export whose other cases record harm)
/// marks the field empty before a re-check (`Case::infer_missing`).
pub fn harm(case: &Case, settings: &crate::knowledge::settings::Settings) -> Harm {
    match &case.violation.harm {
        Field::Value { value, .. } => {
            let v = value.trim();
            if v.is_empty()
                || settings
                    .list("limitation.no_harm_words")
                    .iter()
                    .any(|w| w == v)
            {
                Harm::NoneRecorded
            } else {
                Harm::Recorded
            }
        }
        Field::Empty { .. } => Harm::NoneRecorded,
        Field::Invalid { .. } | Field::Absent => Harm::Unknown,
    }
}

/// Whether the decision's penalty provisions describe a continuing state: `Some(true)` when
/// any does, `Some(false)` when every one is known to be an act done once, `None` when the
/// basis is unread or names a provision the table does not know.
fn continuing(case: &Case, ctx: &Ctx) -> Option<bool> {
    let super::basis::Read::Read(r) = super::basis::read(case, ctx) else {
        return None;
    };
    let mut all_once = true;
    let mut any = false;
    for (c, _) in r.citations.iter() {
        let Some(law) = c.law_id.as_deref() else {
            continue;
        };
        if law == "admin_penalty_law" {
            continue; // procedural articles (32, 36…) say nothing about the act
        }
        any = true;
        match ctx
            .kb
            .continuing
            .is_continuing(law, c.article, c.paragraph, c.item)
        {
            Some(true) => return Some(true),
            Some(false) => {}
            None => all_once = false,
        }
    }
    (any && all_once).then_some(false)
}

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        // The act date, never the discovery date (art. 36 counts from the act).
        let Some(start) = case.violation.date.value().copied() else {
            return out.not_checkable(&INFO, "违法行为发生日期");
        };
        let (act, act_label) = match (&case.violation.end_date, continuing(case, ctx)) {
            (Field::Value { value, .. }, _) => {
                (*value, ctx.lang.pick("违法行为终了日期", "the act ended"))
            }
            (Field::Invalid { .. }, _) => return out.not_checkable(&INFO, "终了日期"),
            // A continuing state with no recorded end has not been shown to end: its period
            // has not been shown to start (art. 36 ¶2; old 29 ¶2).
            (_, Some(true) | None) => return out.not_checkable(&INFO, "终了日期"),
            (_, Some(false)) => (start, ctx.lang.pick("违法行为发生日期", "the act happened")),
        };
        let (discovered, place) = match &case.violation.found_date {
            Field::Value { value, at } => (*value, at.clone()),
            Field::Invalid { .. } => return out.not_checkable(&INFO, "发现日期"),
            _ => {
                let mut found: Option<(chrono::NaiveDate, &crate::model::Document)> = None;
                let mut unknown = false;
                for k in ["inspection", "acceptance", "filing"] {
                    match step_date(case, &[k.to_string()]) {
                        StepDate::Dated(d, doc) if found.is_none_or(|(f, _)| d < f) => {
                            found = Some((d, doc))
                        }
                        StepDate::Unknown | StepDate::Undated => unknown = true,
                        _ => {}
                    }
                }
                match found {
                    Some((d, doc)) => (d, super::procedure::place_of(doc)),
                    None if unknown => return out.not_checkable(&INFO, "发现日期"),
                    None => return,
                }
            }
        };
        // The law on the act's (end) date picks the period: the 5-year period came on
        // 2021-07-15 and does not reach back (art. 37).
        let s = &ctx.kb.settings;
        let (Some(base), Some(harm_p)) = (
            s.period("limitation.period", Some(act)),
            s.period("limitation.period_with_harm", Some(act)),
        ) else {
            return;
        };
        let end = |p: Period| p.end_after(&ctx.kb.calendar, act);
        let (Some(end_base), Some(end_harm)) = (end(base), end(harm_p)) else {
            return;
        };
        if discovered <= end_base {
            return;
        }
        // "No harm" inferred from the rest of the export (an absent <Harm> where other cases of
        // the export record it) reaches here as NoneRecorded on the coverage phase's re-check,
        // which marks the finding as resting on an inferred absence (导出未记载: no veto).
        let (period, last) = match harm(case, s) {
            _ if end_harm == end_base => (base, end_base),
            Harm::Recorded if discovered <= end_harm => return,
            Harm::Recorded => (harm_p, end_harm),
            Harm::NoneRecorded => (base, end_base),
            Harm::Unknown if discovered > end_harm => (harm_p, end_harm),
            Harm::Unknown => return out.not_checkable(&INFO, "危害后果"),
        };
        let days = (discovered - act).num_days();
        out.push(
            &INFO,
            ctx,
            case,
            place,
            "limitation",
            match ctx.lang {
                crate::finding::Lang::Zh => format!("发现日期 {discovered} 距{act_label} {act} 已 {days} 日，超过追责时效 {}（至 {last} 届满）", period.label(ctx.lang)),
                crate::finding::Lang::En => format!("discovered {discovered}, {days} days after {act_label} on {act}; the limitation period of {} ended on {last}", period.label(ctx.lang)),
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::*;

    /// 消防法 64(二) 过失引起火灾: an act done once.
    const ONCE: &str = "《中华人民共和国消防法》第六十四条第二项";
    /// 消防法 60¶1(五) 堵塞疏散通道: a continuing state.
    const STATE: &str = "《中华人民共和国消防法》第六十条第一款第五项";

    fn c(act: &str, end: Option<&str>, harm: Option<&str>, filed: &str) -> Case {
        cb(act, end, harm, filed, ONCE)
    }

    fn cb(act: &str, end: Option<&str>, harm: Option<&str>, filed: &str, basis: &str) -> Case {
        CaseBuilder::general("X")
            .violation(act, end, harm)
            .doc("filing", filed)
            .decision("decision", filed, &[("fine", Some(5000))])
            .basis(basis)
            .build()
    }

    #[test]
    fn an_absent_harm_is_unknown() {
        let case = c("2016-03-01", None, None, "2022-03-02");
        assert_eq!(harm(&case, &kb().settings), Harm::Unknown);
    }

    #[test]
    fn an_xml_case_without_harm_is_unknown_until_its_export_says() {
        // An act after 2021-07-15, when harm decides between 2 and 5 years.
        let mut case = c("2021-09-01", None, None, "2024-03-04");
        let kb = crate::knowledge::Knowledge::shipped();
        let ctx = Ctx::new(crate::finding::Lang::Zh, &kb);
        let mut out = Emitter::default();
        CHECK.check(&case, &ctx, &mut out);
        assert!(out.findings.is_empty());
        assert_eq!(out.not_checkable, [("P012", "危害后果".to_string())]);
        // The export records harm on other cases: none recorded here.
        case.infer_missing(crate::model::ExportField::Harm);
        let mut out = Emitter::default();
        CHECK.check(&case, &ctx, &mut out);
        assert_eq!(out.findings.len(), 1, "{:?}", out.not_checkable);
    }

    #[test]
    fn limitation_table() {
        let found = |act: &str, found: &str, end: Option<&str>, basis: &str| {
            let mut case = cb(act, end, Some("无"), "2022-03-10", basis);
            case.violation.found_date = crate::model::Field::Value {
                value: chrono::NaiveDate::parse_from_str(found, "%Y-%m-%d").unwrap(),
                at: crate::finding::Place::File,
            };
            case
        };
        expect_table(
            &CHECK,
            vec![
                (
                    "2 years exactly",
                    c("2020-03-01", None, Some("无"), "2022-03-01"),
                    0,
                    0,
                ),
                (
                    "2 years and a day",
                    c("2020-03-01", None, Some("无"), "2022-03-02"),
                    1,
                    0,
                ),
                (
                    "continuing act counts from its end",
                    cb(
                        "2019-01-01",
                        Some("2020-06-01"),
                        Some("无"),
                        "2022-03-02",
                        STATE,
                    ),
                    0,
                    0,
                ),
                (
                    "continuing act ended long ago",
                    cb(
                        "2019-01-01",
                        Some("2019-06-01"),
                        Some("无"),
                        "2022-03-02",
                        STATE,
                    ),
                    1,
                    0,
                ),
                (
                    "continuing act, no end date: not checkable",
                    cb("2019-01-01", None, Some("无"), "2022-03-02", STATE),
                    0,
                    1,
                ),
                (
                    "provision the table does not know, no end date",
                    cb(
                        "2019-01-01",
                        None,
                        Some("无"),
                        "2022-03-02",
                        "《中华人民共和国消防法》第五十九条",
                    ),
                    0,
                    1,
                ),
                (
                    "harm after 2021-07-15: 5 years",
                    c("2021-08-01", None, Some("造成一人轻伤"), "2024-03-02"),
                    0,
                    0,
                ),
                (
                    "harm: beyond 5 years",
                    c("2021-08-01", None, Some("造成一人轻伤"), "2026-08-03"),
                    1,
                    0,
                ),
                (
                    "harm, act before 2021-07-15, found late 2021: 2 years (art. 37)",
                    c("2019-03-01", None, Some("造成一人轻伤"), "2021-11-02"),
                    1,
                    0,
                ),
                (
                    "act spanning 2021-07-15 with harm: the law on its end date (5 years)",
                    cb(
                        "2021-03-01",
                        Some("2021-08-01"),
                        Some("造成一人轻伤"),
                        "2024-03-02",
                        STATE,
                    ),
                    0,
                    0,
                ),
                (
                    "harm unknown, old act, 3 years: 2 years apply anyway",
                    c("2019-03-01", None, None, "2022-03-02"),
                    1,
                    0,
                ),
                (
                    "harm unknown, new act, 3 years",
                    c("2021-08-01", None, None, "2024-09-02"),
                    0,
                    1,
                ),
                (
                    "harm unknown, new act, 6 years",
                    c("2021-08-01", None, None, "2027-09-02"),
                    1,
                    0,
                ),
                (
                    "inspection found it earlier",
                    CaseBuilder::general("X")
                        .violation("2020-03-01", None, Some("无"))
                        .doc("inspection", "2022-02-01")
                        .doc("filing", "2022-03-05")
                        .decision("decision", "2022-03-10", &[("fine", Some(5000))])
                        .basis(ONCE)
                        .build(),
                    0,
                    0,
                ),
                (
                    "found date is the discovery",
                    found("2020-03-01", "2022-02-01", None, ONCE),
                    0,
                    0,
                ),
                (
                    "found date late",
                    found("2020-03-01", "2022-03-05", None, ONCE),
                    1,
                    0,
                ),
                (
                    "no act date",
                    CaseBuilder::general("X")
                        .doc("filing", "2022-03-05")
                        .build(),
                    0,
                    1,
                ),
            ],
        );
    }
}
