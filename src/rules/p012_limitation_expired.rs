//! P012 limitation-expired: the act was discovered (earliest inspection, 受案 or 立案) more than
//! 2 years after it happened (or ended), or 5 years where the case records a harmful
//! consequence (new law only). Periods are versioned settings.

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
        zh: "违法行为发生（连续或继续状态的，自行为终了之日）后二年内未被发现（以最早的检查笔录、受案或立案日期为发现日期），仍予处罚；有危害后果的，按五年计算（2021年7月15日起，消防安全涉及生命健康安全）。",
        en: "The act was discovered (earliest inspection, acceptance or filing) more than 2 years after it happened (or, for a continuing act, ended) and was still punished; with a harmful consequence, 5 years (from 2021-07-15; fire safety concerns life and health).",
    },
    why: Tr { zh: "超过时效的违法行为不再给予行政处罚。", en: "An act discovered after the limitation period may no longer be punished." },
    example: Tr { zh: "违法行为发生于 2019-05-01，2022-03-01 才立案，且无危害后果。", en: "Act on 2019-05-01, filed 2022-03-01, no harmful consequence." },
    fix: Tr {
        zh: "核实违法行为的发生、终了和发现日期；确已超过时效的，不予处罚并撤销决定。",
        en: "Check when the act happened, ended and was found; if the period has run, do not punish and withdraw the decision.",
    },
    settings: &["limitation.period", "limitation.period_with_harm", "limitation.no_harm_words"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let (act, act_label) = match (&case.violation.end_date, &case.violation.date) {
            (Field::Value { value, .. }, _) => {
                (*value, ctx.lang.pick("违法行为终了日期", "the act ended"))
            }
            (_, Field::Value { value, .. }) => (
                *value,
                ctx.lang.pick("违法行为发生日期", "the act happened"),
            ),
            _ => return out.not_checkable(&INFO, "违法日期"),
        };
        let kinds = ["inspection", "acceptance", "filing"];
        let mut found: Option<(chrono::NaiveDate, &crate::model::Document)> = None;
        let mut unknown = false;
        for k in kinds {
            match step_date(case, &[k.to_string()]) {
                StepDate::Dated(d, doc) if found.is_none_or(|(f, _)| d < f) => {
                    found = Some((d, doc))
                }
                StepDate::Unknown | StepDate::Undated => unknown = true,
                _ => {}
            }
        }
        let Some((discovered, doc)) = found else {
            if unknown {
                out.not_checkable(&INFO, "立案日期");
            }
            return;
        };
        let s = &ctx.kb.settings;
        let (Some(base), Some(harm_p)) = (
            s.period("limitation.period", Some(discovered)),
            s.period("limitation.period_with_harm", Some(discovered)),
        ) else {
            return;
        };
        let harm = harm_recorded(case, s);
        let end = |p: Period| p.end_after(&ctx.kb.calendar, act);
        let (Some(end_base), Some(end_harm)) = (end(base), end(harm_p)) else {
            return;
        };
        if discovered <= end_base {
            return;
        }
        let (period, last) = match harm {
            Some(true) if discovered <= end_harm => return,
            Some(true) => (harm_p, end_harm),
            Some(false) => (base, end_base),
            None if discovered > end_harm => (harm_p, end_harm),
            None => return out.not_checkable(&INFO, "危害后果"),
        };
        let days = (discovered - act).num_days();
        out.push(
            &INFO,
            ctx,
            case,
            super::procedure::place_of(doc),
            "limitation",
            match ctx.lang {
                crate::finding::Lang::Zh => format!("发现日期 {discovered} 距{act_label} {act} 已 {days} 日，超过追责时效 {}（至 {last} 届满）", period.label(ctx.lang)),
                crate::finding::Lang::En => format!("discovered {discovered}, {days} days after {act_label} on {act}; the limitation period of {} ended on {last}", period.label(ctx.lang)),
            },
        );
    }
}

/// Whether the case records a harmful consequence: `None` when unknown. An absent `<Harm>`
/// is unknown here; where the case's export records harm on other cases, the coverage phase
/// marks it missing (empty: "no harm recorded") and the case is checked again (formats §4).
pub fn harm_recorded(case: &Case, s: &crate::rules::settings::Settings) -> Option<bool> {
    match &case.violation.harm {
        Field::Value { value, .. } => {
            let v = value.trim();
            Some(!(v.is_empty() || s.list("limitation.no_harm_words").iter().any(|w| w == v)))
        }
        Field::Empty { .. } => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceKind;
    use crate::rules::testutil::*;

    fn c(act: &str, end: Option<&str>, harm: Option<&str>, filed: &str) -> Case {
        let mut case = CaseBuilder::general("X")
            .violation(act, end, harm)
            .doc("filing", filed)
            .build();
        if harm.is_none() {
            // Unknown harm: a ledger without the column.
            case.source = SourceKind::Ledger;
        }
        case
    }

    #[test]
    fn an_xml_case_without_harm_is_unknown_until_its_export_says() {
        let mut case = c("2019-03-01", None, None, "2022-03-02");
        case.source = SourceKind::Xml;
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
                    c("2019-01-01", Some("2020-06-01"), Some("无"), "2022-03-02"),
                    0,
                    0,
                ),
                (
                    "harm: 5 years",
                    c("2018-03-01", None, Some("造成一人轻伤"), "2022-03-02"),
                    0,
                    0,
                ),
                (
                    "harm: beyond 5 years",
                    c("2016-03-01", None, Some("造成一人轻伤"), "2022-03-02"),
                    1,
                    0,
                ),
                (
                    "harm before the new law: 2 years",
                    c("2018-03-01", None, Some("造成一人轻伤"), "2021-07-14"),
                    1,
                    0,
                ),
                (
                    "harm unknown, 3 years",
                    c("2019-03-01", None, None, "2022-03-02"),
                    0,
                    1,
                ),
                (
                    "harm unknown, 6 years",
                    c("2016-03-01", None, None, "2022-03-02"),
                    1,
                    0,
                ),
                (
                    "inspection found it earlier",
                    CaseBuilder::general("X")
                        .violation("2020-03-01", None, Some("无"))
                        .doc("inspection", "2022-02-01")
                        .doc("filing", "2022-03-05")
                        .build(),
                    0,
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
