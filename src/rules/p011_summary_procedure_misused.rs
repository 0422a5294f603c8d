//! P011 summary-procedure-misused: 简易程序 used for anything but a 警告 or a fine within the
//! limit for the party's kind (200 / 3,000 元; 50 / 1,000 元 before 2021-07-15, by the decision
//! date). The limits are versioned settings.

use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::{Case, Field, PartyKind};

pub static INFO: Info = Info {
    code: "P011",
    name: "summary-procedure-misused",
    severity: Severity::Error,
    category: Category::Procedure,
    title: Tr { zh: "违法适用简易程序", en: "Summary procedure misused" },
    basis: Tr { zh: "《行政处罚法》第五十一条（旧法第三十三条）", en: "Administrative Penalty Law art. 51 (old art. 33)" },
    what: Tr {
        zh: "简易程序（当场处罚）用于警告和限额内罚款以外的处罚：对个人罚款超过 200 元、对单位超过 3,000 元（2021年7月15日前：50 元、1,000 元），或处以其他种类的处罚。当事人类型不明且罚款介于两个限额之间的，不予判断。",
        en: "The summary (on-the-spot) procedure was used for more than a warning or a fine within the limit: above 200 yuan for an individual or 3,000 for a unit (before 2021-07-15: 50 / 1,000), or another kind of penalty. With the party's kind unknown and the fine between the limits, not checkable.",
    },
    why: Tr {
        zh: "超出简易程序适用范围的处罚，省略了立案、调查、告知、审核等程序，属程序违法。",
        en: "A penalty beyond the summary procedure's scope skips filing, investigation, notice and review: a procedural breach.",
    },
    example: Tr { zh: "当场对个人罚款 500 元。", en: "An individual fined 500 yuan on the spot." },
    fix: Tr { zh: "超出限额的，应适用一般程序重新办理。", en: "Handle cases beyond the limit under the general procedure." },
    settings: &["summary.limit.individual", "summary.limit.unit"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        if !case.is_summary() {
            return;
        }
        let Some(decision) = case.decision() else {
            return;
        };
        let ps = match &decision.penalties {
            Field::Value { value, .. } => value,
            _ => return out.not_checkable(&INFO, "处罚种类"),
        };
        let place = super::procedure::place_of(decision);
        let other: Vec<&str> = ps
            .iter()
            // 责令改正 beside the penalty is required (art. 28; old art. 23), not a penalty.
            .filter(|p| p.is_sanction() && p.kind != "warning" && p.kind != "fine")
            .map(|p| p.raw_kind.as_str())
            .collect();
        if !other.is_empty() {
            return out.push(
                &INFO,
                ctx,
                case,
                place,
                "kind",
                crate::msg!(ctx, "简易程序只能处以警告或限额内罚款，本案处以{}", "the summary procedure allows only a warning or a small fine; this case imposes {}", other.join("、")),
            );
        }
        if !ps.iter().any(|p| p.kind == "fine") {
            return;
        }
        let Some(fine) = case.fine() else {
            return out.not_checkable(&INFO, "罚款金额");
        };
        let Some(date) = decision.date.value().copied() else {
            return out.not_checkable(&INFO, "决定日期");
        };
        let s = &ctx.kb.settings;
        let (Some(li), Some(lu)) = (
            s.money("summary.limit.individual", Some(date)),
            s.money("summary.limit.unit", Some(date)),
        ) else {
            return;
        };
        let (limit, who) = match case.party.kind.value() {
            Some(PartyKind::Individual) => (li, PartyKind::Individual),
            Some(PartyKind::Unit) => (lu, PartyKind::Unit),
            None if fine > li.max(lu) => (li.max(lu), PartyKind::Unit),
            None if fine <= li.min(lu) => return,
            None => return out.not_checkable(&INFO, "当事人类型"),
        };
        if fine > limit {
            out.push(
                &INFO,
                ctx,
                case,
                place,
                "fine",
                match ctx.lang {
                    crate::finding::Lang::Zh => format!(
                        "简易程序对{}罚款 {fine} 元，超过 {date} 适用的限额 {limit} 元",
                        who.label_zh()
                    ),
                    crate::finding::Lang::En => format!(
                        "summary-procedure fine of {fine} yuan on {}; the limit on {date} is {limit} yuan",
                        match who {
                            crate::model::PartyKind::Unit => "a unit",
                            crate::model::PartyKind::Individual => "an individual",
                        }
                    ),
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::*;

    fn c(kind: Option<PartyKind>, date: &str, pens: &[(&str, Option<i64>)]) -> Case {
        CaseBuilder::summary("S")
            .party(kind)
            .decision("summary_decision", date, pens)
            .build()
    }

    #[test]
    fn limits_table() {
        let (u, i) = (Some(PartyKind::Unit), Some(PartyKind::Individual));
        expect_table(
            &CHECK,
            vec![
                (
                    "warning with 责令改正 (not a penalty)",
                    c(
                        i,
                        "2022-03-01",
                        &[("warning", None), ("order_correction", None)],
                    ),
                    0,
                    0,
                ),
                (
                    "individual 200, new law",
                    c(i, "2022-03-01", &[("fine", Some(200))]),
                    0,
                    0,
                ),
                (
                    "individual 201, new law",
                    c(i, "2022-03-01", &[("fine", Some(201))]),
                    1,
                    0,
                ),
                (
                    "unit 3,000",
                    c(u, "2022-03-01", &[("fine", Some(3000))]),
                    0,
                    0,
                ),
                (
                    "unit 3,001",
                    c(u, "2022-03-01", &[("fine", Some(3001))]),
                    1,
                    0,
                ),
                (
                    "individual 200, old law",
                    c(i, "2021-07-14", &[("fine", Some(200))]),
                    1,
                    0,
                ),
                (
                    "individual 50, old law",
                    c(i, "2021-07-14", &[("fine", Some(50))]),
                    0,
                    0,
                ),
                (
                    "unit 1,000 old / 3,000 on cut-over",
                    c(u, "2021-07-15", &[("fine", Some(3000))]),
                    0,
                    0,
                ),
                (
                    "unit 1,001 old law",
                    c(u, "2021-07-14", &[("fine", Some(1001))]),
                    1,
                    0,
                ),
                ("warning", c(u, "2022-03-01", &[("warning", None)]), 0, 0),
                (
                    "stop use on the spot",
                    c(u, "2022-03-01", &[("stop_use", None)]),
                    1,
                    0,
                ),
                (
                    "kind unknown, 500",
                    c(None, "2022-03-01", &[("fine", Some(500))]),
                    0,
                    1,
                ),
                (
                    "kind unknown, 5,000",
                    c(None, "2022-03-01", &[("fine", Some(5000))]),
                    1,
                    0,
                ),
                (
                    "general procedure",
                    CaseBuilder::general("G")
                        .party(u)
                        .decision("decision", "2022-03-01", &[("fine", Some(50000))])
                        .build(),
                    0,
                    0,
                ),
            ],
        );
    }
}
