//! P015 prior-order-missing: the cited provision punishes only 逾期不改正 (消防法 65¶2, 66, 67;
//! 河南省消防条例 70¶2, 72, 73) and the file has no 责令（限期）改正 record dated before the
//! decision. Which provisions punish only after a failed order is read from the statute tables
//! (`after_failed_order` in `checks/statutes/`), in the version that applies to the act.

use super::basis::{self, Cited};
use super::procedure::{place_of, step_date, StepDate};
use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::Case;

pub static INFO: Info = Info {
    code: "P015",
    name: "prior-order-missing",
    severity: Severity::Error,
    category: Category::Procedure,
    title: Tr { zh: "缺少事先责令改正", en: "No prior order to correct" },
    basis: Tr {
        zh: "《消防法》第六十条第一款第七项、第六十五条第二款、第六十六条、第六十七条；《河南省消防条例》第七十条第二款、第七十一条、第七十二条、第七十三条",
        en: "Fire Protection Law arts 60 ¶1(7), 65 ¶2, 66, 67; Henan Fire Regulation arts 70 ¶2, 71, 72, 73",
    },
    what: Tr {
        zh: "处罚依据是只处罚“逾期不改正”（《消防法》第六十五条第二款、第六十六条、第六十七条，《河南省消防条例》第七十条第二款、第七十二条、第七十三条）、“拒不改正”（《河南省消防条例》第七十一条）或“经通知后不及时消除”（《消防法》第六十条第一款第七项）的条款，而案卷没有决定前的责令（限期）改正或隐患整改通知书；或者通知书记载的改正期限在决定时尚未届满。",
        en: "The penalty rests on a provision that punishes only a failure to correct by the deadline (Fire Protection Law arts 65 ¶2, 66, 67; Henan Fire Regulation arts 70 ¶2, 72, 73), a refusal to correct (Henan art. 71) or a hazard not removed after notice (Fire Protection Law art. 60 ¶1(7)), and the file has no correction order or hazard notice dated before the decision; or the correction deadline the order set had not passed at the decision.",
    },
    why: Tr {
        zh: "这些条款以责令改正、逾期不改正为处罚前提；没有事先责令改正，处罚缺乏事实和法律前提。",
        en: "These provisions punish only after an order to correct was ignored; without the order, the penalty lacks its premise.",
    },
    example: Tr { zh: "依据《消防法》第六十六条罚款，案卷中没有责令限期改正通知书。", en: "A fine under Fire Protection Law art. 66; no correction order on file." },
    fix: Tr {
        zh: "补入事先送达的责令限期改正通知书和复查记录；确未责令改正的，应先责令改正，逾期不改正再处罚。",
        en: "File the correction order served beforehand and the re-check; if none was issued, order correction first and punish only if it is ignored.",
    },
    settings: &[],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let before = out.findings.len();
        self.judge(case, ctx, out);
        // The basis cites the Henan regulation only for a Henan agency.
        if crate::knowledge::jurisdiction::case_is_henan(case, ctx.kb) != Some(true) {
            for f in &mut out.findings[before..] {
                f.basis = ctx
                    .lang
                    .pick(
                        "《消防法》第六十条第一款第七项、第六十五条第二款、第六十六条、第六十七条",
                        "Fire Protection Law arts 60 ¶1(7), 65 ¶2, 66, 67",
                    )
                    .to_string();
            }
        }
    }
}

impl Rule {
    fn judge(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let Some((reading, judged)) = basis::read_judged(case, ctx, &INFO, out) else {
            return;
        };
        let decision = reading.decision;
        let Some(cited) = judged
            .iter()
            .find(|c| only_after_failed_order(c, ctx))
            .map(|c| c.label(ctx))
        else {
            return;
        };
        let Some(decided) = decision.date.value().copied() else {
            return out.not_checkable(&INFO, "决定日期");
        };
        match step_date(case, &["correction_order".to_string()]) {
            StepDate::Unknown | StepDate::Undated => out.not_checkable(&INFO, "责令改正日期"),
            StepDate::Missing => out.push(
                &INFO,
                ctx,
                case,
                place_of(decision),
                "correction_order",
                crate::msg!(ctx, "处罚依据（{}）以事先责令改正或通知为前提（逾期不改正、拒不改正或经通知后不及时消除才处罚），案卷没有决定前的责令（限期）改正或隐患整改通知书", "the basis ({}) punishes only after an order or notice went unheeded, but the file has no correction order or hazard notice before the decision", cited),
            ),
            StepDate::Dated(d, doc) if d >= decided => out.push(
                &INFO,
                ctx,
                case,
                place_of(doc),
                "correction_order",
                crate::msg!(ctx, "处罚依据（{}）以事先责令改正或通知为前提，责令改正（通知）日期 {} 不早于决定日期 {}", "the basis ({}) punishes only after an order or notice went unheeded, but the order on {} is not before the decision on {}", cited, d, decided),
            ),
            StepDate::Dated(d, doc) => {
                // Where the order records its deadline (days), the decision must come after it.
                let Some(days) = doc.days.value().copied() else {
                    return;
                };
                let Some(last) = crate::law::calendar::Period::CalendarDays(days)
                    .end_after(&ctx.kb.calendar, d)
                else {
                    return out.not_checkable(&INFO, "工作日历");
                };
                if decided <= last {
                    out.push(
                        &INFO,
                        ctx,
                        case,
                        place_of(decision),
                        "correction_deadline",
                        crate::msg!(ctx, "处罚依据（{}）以逾期不改正为前提，责令改正日期 {}、限期 {} 日（至 {}），决定日期 {} 时改正期限尚未届满", "the basis ({}) punishes only a failure to correct, but the order of {} gave {} days (until {}) and the decision on {} came before that ran out", cited, d, days, last, decided),
                    );
                }
            }
        }
    }
}

/// The cited place exists and every provision under it punishes only after a failed order.
fn only_after_failed_order(c: &Cited, ctx: &Ctx) -> bool {
    if !c.exists {
        return false;
    }
    if let Some(p) = c.provision {
        return p.after_failed_order;
    }
    let under =
        ctx.kb
            .statutes
            .provisions_under(&c.law, &c.version.id, c.cite.article, c.cite.paragraph);
    !under.is_empty() && under.iter().all(|p| p.after_failed_order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::*;

    fn c(basis: &str, order: Option<&str>) -> Case {
        // A Henan agency: the 河南省消防条例 rows apply only there.
        let b = CaseBuilder::summary("S").agency("开封市消防救援支队");
        let b = match order {
            Some(o) => b.doc("correction_order", o),
            None => b,
        };
        b.decision("summary_decision", "2022-03-15", &[("fine", Some(1000))])
            .basis(basis)
            .build()
    }

    #[test]
    fn prior_order_table() {
        expect_table(
            &CHECK,
            vec![
                (
                    "66 without order",
                    c("《中华人民共和国消防法》第六十六条", None),
                    1,
                    0,
                ),
                (
                    "66 with an earlier order",
                    c("《中华人民共和国消防法》第六十六条", Some("2022-03-01")),
                    0,
                    0,
                ),
                (
                    "66 with an order the same day",
                    c("《中华人民共和国消防法》第六十六条", Some("2022-03-15")),
                    1,
                    0,
                ),
                (
                    "Henan 70¶2 without order",
                    c("《河南省消防条例》第七十条第二款", None),
                    1,
                    0,
                ),
                (
                    "60¶1(3) needs no order",
                    c("《中华人民共和国消防法》第六十条第一款第三项", None),
                    0,
                    0,
                ),
                (
                    "ledger without an order column",
                    CaseBuilder::ledger("L", &["decision"])
                        .decision("decision", "2022-03-15", &[("fine", Some(1000))])
                        .basis("消防法第六十七条")
                        .build(),
                    0,
                    1,
                ),
            ],
        );
    }
}
