//! D003 decision-contents-incomplete: the decision lacks one of the items 行政处罚法 art. 59
//! requires — party name and address, facts, penalty kind, how and by when to carry it out,
//! how and within what period to seek 复议/诉讼, agency and date — or the seal. Only elements
//! the export carries are judged: an absent element is unknown, an empty one is missing. The
//! basis is L001's.

use super::{Check, Ctx, Emitter, Info, Tr};
use crate::finding::{Category, Severity};
use crate::model::{Case, Field};

pub static INFO: Info = Info {
    code: "D003",
    name: "decision-contents-incomplete",
    severity: Severity::Error,
    category: Category::Document,
    title: Tr { zh: "决定书内容不全", en: "Decision contents incomplete" },
    basis: Tr {
        zh: "《行政处罚法》第五十九条（旧法第三十九条）；《河南省行政执法条例》第二十九条",
        en: "Administrative Penalty Law art. 59 (old art. 39); Henan Administrative Enforcement Regulations art. 29",
    },
    what: Tr {
        zh: "决定书缺少法定载明事项之一：当事人姓名或名称、地址；违法事实；处罚种类；履行方式和期限（警告除外）；申请行政复议、提起行政诉讼的途径和期限；作出决定的行政机关名称和日期；行政机关印章。判断导出数据中有该元素而内容为空（或印章为“否”）的情形；没有该元素时，若同一导出（同一文件夹同一格式）的其他同类决定书写有该元素，视为缺失（标注“导出未记载”，不作否决项），否则视为未知。2021 年 7 月 15 日前的当场处罚决定书不要求载明救济途径（旧法第三十四条）。处罚依据缺失由 L001 报告，复议诉讼期限写错由 D004 报告。",
        en: "The decision lacks an item the law requires: the party's name and address; the facts; the penalty kind; how and by when to carry it out (except a warning); how and within what period to seek administrative review or sue; the agency and the date; the agency's seal. Elements the export carries and leaves empty (or a seal marked 否) are judged; an absent element is missing when the same export (folder and format) writes it on its other decisions of the same kind (marked as not recorded in this file, never a veto), and unknown otherwise. A 当场 decision before 2021-07-15 did not have to state the remedy (old art. 34). A missing basis is L001's, wrong remedy periods D004's.",
    },
    why: Tr {
        zh: "法定事项不全的决定书不规范；未盖印章的决定书不能证明由行政机关作出，评查中为否决项。",
        en: "A decision missing required items is defective; an unsealed one does not show the agency made it, a veto-level defect in reviews.",
    },
    example: Tr { zh: "决定书“印章”为“否”；当事人地址为空。", en: "The decision's seal is marked 否; the party's address is empty." },
    fix: Tr {
        zh: "补正决定书载明事项并加盖印章，重新送达。",
        en: "Complete the decision, seal it and serve it again.",
    },
    settings: &["law.xzcf_2021_from"],
    source: "built-in",
};

pub struct Rule;
pub static CHECK: Rule = Rule;

impl Check for Rule {
    fn info(&self) -> &Info {
        &INFO
    }

    fn check(&self, case: &Case, ctx: &Ctx, out: &mut Emitter) {
        let Some(d) = case.decision() else {
            return;
        };
        let mut lacking: Vec<&str> = Vec::new();
        let mut known = 0;
        let mut first_at = None;
        let mut note = |f_known: bool,
                        missing: bool,
                        what: &'static str,
                        at: Option<&crate::finding::Place>| {
            if f_known {
                known += 1;
            }
            if missing {
                lacking.push(what);
                if first_at.is_none() {
                    first_at = at.cloned();
                }
            }
        };
        let empty = |f: &Field<String>| match f {
            Field::Empty { .. } => true,
            Field::Value { value, .. } => value.trim().is_empty(),
            _ => false,
        };
        let p = &case.party;
        note(
            p.name.is_known(),
            empty(&p.name),
            ctx.lang.pick("当事人姓名或名称", "party name"),
            p.name.at(),
        );
        note(
            p.address.is_known(),
            empty(&p.address),
            ctx.lang.pick("当事人地址", "party address"),
            p.address.at(),
        );
        let f = &case.violation.facts;
        note(
            f.is_known(),
            empty(f),
            ctx.lang.pick("违法事实", "facts"),
            f.at(),
        );
        let no_kind = match &d.penalties {
            Field::Empty { .. } => true,
            Field::Value { value, .. } => value.is_empty(),
            _ => false,
        };
        note(
            d.penalties.is_known(),
            no_kind,
            ctx.lang.pick("处罚种类", "penalty kind"),
            d.penalties.at(),
        );
        // A warning needs nothing carried out; 责令改正 beside it is not a penalty (art. 28).
        let to_carry_out = case
            .penalty_kinds()
            .iter()
            .any(|k| *k != "warning" && *k != crate::model::ORDER_CORRECTION);
        note(
            d.payment.is_known(),
            to_carry_out && empty(&d.payment),
            ctx.lang
                .pick("履行方式和期限", "how and by when to carry it out"),
            d.payment.at(),
        );
        let no_route = match &d.remedy {
            Field::Value { value, .. } => !value.contains("复议") && !value.contains("诉讼"),
            f => empty(f),
        };
        // A 当场 decision under the 1996/2017 law (art. 34) did not have to state the remedy;
        // from 2021-07-15 it does (art. 52).
        let remedy_required = !(d.kind.as_deref() == Some("summary_decision")
            && matches!(
                (d.date.value(), ctx.kb.settings.date("law.xzcf_2021_from")),
                (Some(day), Some(cut)) if *day < cut
            ));
        let no_route = no_route && remedy_required;
        note(
            d.remedy.is_known() && remedy_required,
            no_route,
            ctx.lang.pick(
                "申请行政复议、提起行政诉讼的途径和期限",
                "how and when to seek review or sue",
            ),
            d.remedy.at(),
        );
        note(
            case.agency.is_known(),
            empty(&case.agency),
            ctx.lang.pick("行政机关名称", "agency name"),
            case.agency.at(),
        );
        // Every export dates its decisions, so the date alone does not make the rest known.
        note(
            false,
            d.date.is_empty(),
            ctx.lang.pick("决定日期", "decision date"),
            d.date.at(),
        );
        let unsealed = matches!(
            d.seal,
            Field::Empty { .. } | Field::Value { value: false, .. }
        );
        note(
            d.seal.is_known(),
            unsealed,
            ctx.lang.pick("行政机关印章", "the agency's seal"),
            d.seal.at(),
        );
        if known == 0 {
            return out.not_checkable(&INFO, "决定书内容");
        }
        if lacking.is_empty() {
            return;
        }
        let at = first_at.unwrap_or_else(|| d.at.clone());
        out.push(
            &INFO,
            ctx,
            case,
            at,
            "decision",
            crate::msg!(
                ctx,
                "决定书缺少：{}",
                "the decision lacks: {}",
                lacking.join(ctx.lang.pick("、", ", "))
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Place;
    use crate::rules::testutil::*;

    fn full() -> CaseBuilder {
        let v = |s: &str| Field::Value {
            value: s.to_string(),
            at: Place::line(8, 5),
        };
        clean_general().with(|c| {
            c.party.name = v("某公司");
            c.party.address = v("开封市某路1号");
            c.violation.facts = v("占用疏散通道");
            let d = c
                .documents
                .iter_mut()
                .find(|d| d.kind.as_deref() == Some("decision"))
                .unwrap();
            d.payment = v("十五日内缴纳");
            d.remedy = v("六十日内申请行政复议，或者六个月内提起行政诉讼");
            d.seal = Field::Value {
                value: true,
                at: Place::line(40, 5),
            };
        })
    }

    fn decision(f: impl FnOnce(&mut crate::model::Document)) -> Case {
        full()
            .with(|c| {
                f(c.documents
                    .iter_mut()
                    .find(|d| d.kind.as_deref() == Some("decision"))
                    .unwrap())
            })
            .build()
    }

    #[test]
    fn contents_table() {
        let e = Field::Empty {
            at: Place::line(9, 5),
        };
        expect_table(
            &CHECK,
            vec![
                ("complete", full().build(), 0, 0),
                (
                    "unsealed",
                    decision(|d| {
                        d.seal = Field::Value {
                            value: false,
                            at: Place::line(40, 5),
                        }
                    }),
                    1,
                    0,
                ),
                (
                    "seal not carried",
                    decision(|d| d.seal = Field::Absent),
                    0,
                    0,
                ),
                ("no payment", decision(|d| d.payment = e.clone()), 1, 0),
                (
                    "no remedy route",
                    decision(|d| {
                        d.remedy = Field::Value {
                            value: "依法救济".into(),
                            at: Place::line(9, 5),
                        }
                    }),
                    1,
                    0,
                ),
                (
                    "no address",
                    full()
                        .with(|c| {
                            c.party.address = Field::Empty {
                                at: Place::line(9, 5),
                            }
                        })
                        .build(),
                    1,
                    0,
                ),
                (
                    "ledger: penalty carried, nothing empty",
                    CaseBuilder::ledger("L", &["decision"])
                        .decision("decision", "2022-03-15", &[("fine", Some(1000))])
                        .build(),
                    0,
                    0,
                ),
                (
                    "ledger: only the date carried",
                    CaseBuilder::ledger("L", &["decision"])
                        .doc("decision", "2022-03-15")
                        .build(),
                    0,
                    1,
                ),
            ],
        );
        let case = full()
            .with(|c| {
                c.party.address = Field::Empty {
                    at: Place::line(9, 5),
                }
            })
            .with(|c| {
                c.documents
                    .iter_mut()
                    .find(|d| d.kind.as_deref() == Some("decision"))
                    .unwrap()
                    .seal = Field::Empty {
                    at: Place::line(40, 5),
                }
            })
            .build();
        assert_eq!(
            messages(&run(&CHECK, &case)),
            vec!["决定书缺少：当事人地址、行政机关印章"]
        );
    }

    #[test]
    fn warning_needs_no_payment() {
        let case = CaseBuilder::summary("S")
            .decision("summary_decision", "2022-03-15", &[("warning", None)])
            .with(|c| {
                let d = &mut c.documents[0];
                d.payment = Field::Empty {
                    at: Place::line(9, 5),
                };
                d.seal = Field::Value {
                    value: true,
                    at: Place::line(9, 5),
                };
            })
            .build();
        assert_eq!(run(&CHECK, &case).findings.len(), 0);
    }
}
